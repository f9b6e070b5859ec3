"""The form for answering one stage of an assessment, built from the template's questions: each
question becomes a group of fields named after its key (``<key>``, ``<key>__en``,
``<key>__day``, ``<key>__<row>__impact``...), and ``StageForm`` turns stored answers into the
fields' initial values and, once valid, the fields back into the answer shapes documented in
``answers.py``. Saving a draft does not need every question answered (the overview says what is
still to do, and sign-off checks it), but each answer given must make sense: a real date,
reasons with a yes or no, a description for each piece of evidence, and for each impact its
kind, whether direct or indirect, its term and an explanation.
"""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from childrights.assessments.answers import Question, is_bilingual, questions
from childrights.assessments.forms.editor.layout import Group, Row, short_row_name
from childrights.assessments.models import Template
from childrights.assessments.presenters.answers import group_choices, row_labels
from childrights.assessments.vocab import DIRECTNESS, EVIDENCE_KINDS, IMPACTS, TERMS
from childrights.core.forms import GovukForm
from childrights.core.language import pair_text
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.participation.models import Consultation

# Blank evidence rows offered below the ones already given.
BLANK_EVIDENCE_ROWS = 2
MAX_EVIDENCE_ROWS = 50
TEXT_LIMIT = 10_000
NEW_ROW = "new"
IMPACT_PARTS = ("impact", "directness", "term", "explanation", "mitigation")
EVIDENCE_PARTS = ("kind", "description", "link", "consultation")


def _choices(options: Mapping[str, Promise | str]) -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in options.items()]


def _textarea(label: str, *, rows: int = 4, help_text: str = "", lang: str = "") -> forms.CharField:
    attrs: dict[str, Any] = {"rows": rows}
    if lang:
        attrs["lang"] = lang
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs=attrs),
        error_messages={
            "max_length": _("Keep “%(question)s” to %(limit)s characters or fewer")
            % {"question": label, "limit": f"{TEXT_LIMIT:,}"}
        },
    )


def _radios(label: str, choices: list[tuple[str, str]], help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Choose one of the answers for “%(question)s”")
            % {"question": label}
        },
    )


@dataclass
class _RowNames:
    key: str
    label: str
    names: dict[str, str]
    removable: bool = False

    @property
    def removed_field(self) -> str:
        return self.names.get("remove", "")


@dataclass
class _Layout:
    """The names of one question's fields: plain parts, rows, and the row to add."""

    question: Question
    label: str
    names: dict[str, str] = field(default_factory=dict)
    rows: list[_RowNames] = field(default_factory=list)
    new_row: _RowNames | None = None
    row_labels: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The label on the page: optional questions say so."""
        if self.question.required:
            return self.label
        return _("%(question)s (optional)") % {"question": self.label}


class StageForm(GovukForm):
    """One stage's questions, with the answers already given as the starting values."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        template: Template,
        stage: str,
        council: Council,
        answers: Mapping[str, Any],
    ) -> None:
        super().__init__(data)
        self.template = template
        self.stage = stage
        self.council = council
        self.layout: list[_Layout] = []
        for question in questions(template, stage):
            found = _Layout(question=question, label=question.label())
            builder = getattr(self, f"_build_{question.kind}")
            builder(found, answers.get(question.key), data)
            self.layout.append(found)

    def _field(self, name: str, form_field: forms.Field, start: Any) -> str:
        self.fields[name] = form_field
        self.initial[name] = start
        return name

    # --- building, one method per kind of question ---------------------------------------------

    def _build_text(self, found: _Layout, value: Any, data: Any) -> None:
        key = found.question.key
        if is_bilingual(self.template, found.question):
            texts = value if isinstance(value, Mapping) else {"en": value or "", "cy": ""}
            found.names["en"] = self._field(
                f"{key}__en", _textarea(_("In English"), lang="en"), texts.get("en", "")
            )
            found.names["cy"] = self._field(
                f"{key}__cy", _textarea(_("In Welsh"), lang="cy"), texts.get("cy", "")
            )
        else:
            hint = found.question.hint()
            found.names["text"] = self._field(
                key,
                _textarea(found.heading, help_text=hint),
                value if isinstance(value, str) else "",
            )

    def _build_choice(self, found: _Layout, value: Any, data: Any) -> None:
        options = [
            (str(option["key"]), pair_text(option.get("label")).text)
            for option in found.question.definition.get("options", [])
        ]
        hint = found.question.hint()
        found.names["choice"] = self._field(
            found.question.key, _radios(found.heading, options, hint), value or ""
        )

    def _build_yes_no(self, found: _Layout, value: Any, data: Any) -> None:
        value = value if isinstance(value, Mapping) else {}
        hint = found.question.hint()
        found.names["answer"] = self._field(
            found.question.key,
            _radios(found.heading, [("yes", _("Yes")), ("no", _("No"))], hint),
            value.get("answer", ""),
        )
        found.names["reasons"] = self._field(
            f"{found.question.key}__reasons", _textarea(_("Your reasons")), value.get("reasons", "")
        )

    def _build_date(self, found: _Layout, value: Any, data: Any) -> None:
        start = {"day": "", "month": "", "year": ""}
        try:
            parsed = datetime.date.fromisoformat(str(value or ""))
        except ValueError:
            pass
        else:
            start = {"day": str(parsed.day), "month": str(parsed.month), "year": str(parsed.year)}
        for part, text, width in (
            ("day", _("Day"), 2),
            ("month", _("Month"), 2),
            ("year", _("Year"), 4),
        ):
            found.names[part] = self._field(
                f"{found.question.key}__{part}",
                forms.CharField(
                    label=text,
                    required=False,
                    max_length=8,
                    widget=forms.TextInput(
                        attrs={
                            "class": f"govuk-date-input__input govuk-input--width-{width}",
                            "inputmode": "numeric",
                        }
                    ),
                ),
                start[part],
            )

    def _build_evidence(self, found: _Layout, value: Any, data: Any) -> None:
        key = found.question.key
        given = [item for item in (value or []) if isinstance(item, Mapping)]
        count = min(
            max(len(given) + BLANK_EVIDENCE_ROWS, _posted_rows(data, key)), MAX_EVIDENCE_ROWS
        )
        consultations = [("", _("None"))] + [
            (str(each.pk), localised(each, "title") or each.title_cy)
            for each in Consultation.objects.filter(council=self.council).order_by(
                "-opens_on", "pk"
            )
        ]
        for index in range(count):
            item = given[index] if index < len(given) else {}
            prefix = f"{key}__{index}"
            names = {
                "kind": self._field(
                    f"{prefix}__kind",
                    _radios(_("Kind of evidence"), _choices(EVIDENCE_KINDS)),
                    item.get("kind", ""),
                ),
                "description": self._field(
                    f"{prefix}__description",
                    _textarea(_("Description"), rows=3),
                    item.get("description", ""),
                ),
                "link": self._field(
                    f"{prefix}__link",
                    forms.CharField(
                        label=_("Link (optional)"),
                        required=False,
                        max_length=500,
                        help_text=_("A full web address, like https://www.example.org/report"),
                        widget=forms.URLInput(attrs={"spellcheck": "false"}),
                    ),
                    item.get("link", ""),
                ),
                "consultation": self._field(
                    f"{prefix}__consultation",
                    forms.ChoiceField(
                        label=_("One of this council’s consultations (optional)"),
                        choices=consultations,
                        required=False,
                        error_messages={"invalid_choice": _("Choose a consultation from the list")},
                    ),
                    str(item.get("consultation_id") or ""),
                ),
            }
            removable = index < len(given)
            if removable:
                names["remove"] = self._field(
                    f"{prefix}__remove",
                    forms.BooleanField(label=_("Remove this evidence"), required=False),
                    False,
                )
            label = _("Evidence %(number)s") % {"number": index + 1}
            found.rows.append(_RowNames(str(index), label, names, removable))

    def _build_groups(self, found: _Layout, value: Any, data: Any) -> None:
        key = found.question.key
        value = value if isinstance(value, Mapping) else {}
        selected = [str(each) for each in value.get("selected", [])]
        choices = group_choices(found.question, self.council)
        known = {choice for choice, _label in choices}
        # A group chosen before the council removed it from its list stays chosen.
        choices += [(each, each) for each in selected if each not in known]
        found.order = [choice for choice, _label in choices]
        found.names["selected"] = self._field(
            key,
            forms.MultipleChoiceField(
                label=found.heading,
                help_text=found.question.hint(),
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Choose groups from the list")},
            ),
            selected,
        )
        found.names["other"] = self._field(
            f"{key}__other",
            forms.CharField(label=_("Other groups (optional)"), required=False, max_length=1000),
            value.get("other", ""),
        )

    def _build_impacts(self, found: _Layout, value: Any, data: Any) -> None:
        key = found.question.key
        value = value if isinstance(value, Mapping) else {}
        labels = found.row_labels = row_labels(found.question.rows)
        if found.question.rows != "uncrc":
            for row, text in labels.items():
                names = self._impact_fields(key, row, value.get(row) or {})
                found.rows.append(_RowNames(row, text, names))
            return
        # The UNCRC: only the articles the assessor added, and a way to add one more.
        given = sorted((str(row) for row in value if str(row) in labels), key=int)
        for row in given:
            names = self._impact_fields(key, row, value.get(row) or {})
            names["remove"] = self._field(
                f"{key}__{row}__remove",
                forms.BooleanField(label=_("Remove this article"), required=False),
                False,
            )
            found.rows.append(_RowNames(row, labels[row], names, removable=True))
        names = {
            "article": self._field(
                f"{key}__{NEW_ROW}__article",
                forms.ChoiceField(
                    label=_("Article"),
                    choices=[("", _("Choose an article"))]
                    + [(row, text) for row, text in labels.items() if row not in given],
                    required=False,
                    error_messages={"invalid_choice": _("Choose an article from the list")},
                ),
                "",
            )
        }
        names |= self._impact_fields(key, NEW_ROW, {})
        found.new_row = _RowNames(NEW_ROW, _("Add an article"), names)

    def _impact_fields(self, key: str, row: str, cell: Mapping[str, Any]) -> dict[str, str]:
        prefix = f"{key}__{row}"
        return {
            "impact": self._field(
                f"{prefix}__impact", _radios(_("Impact"), _choices(IMPACTS)), cell.get("impact", "")
            ),
            "directness": self._field(
                f"{prefix}__directness",
                _radios(_("Direct or indirect"), _choices(DIRECTNESS)),
                cell.get("directness", ""),
            ),
            "term": self._field(
                f"{prefix}__term", _radios(_("Term"), _choices(TERMS)), cell.get("term", "")
            ),
            "explanation": self._field(
                f"{prefix}__explanation",
                _textarea(_("Explanation"), rows=3),
                cell.get("explanation", ""),
            ),
            "mitigation": self._field(
                f"{prefix}__mitigation",
                _textarea(
                    _("Mitigation"),
                    rows=3,
                    help_text=_("Needed for a negative impact: what will reduce or remove it"),
                ),
                cell.get("mitigation", ""),
            ),
        }

    # --- laying out ----------------------------------------------------------------------------

    def _row(self, row: _RowNames) -> Row:
        return Row(
            row.key,
            row.label,
            {part: self[name] for part, name in row.names.items()},
            row.removable,
        )

    def groups(self) -> list[Group]:
        return [
            Group(
                question=found.question,
                label=found.heading,
                hint=found.question.hint(),
                bilingual=found.question.kind == "text"
                and is_bilingual(self.template, found.question),
                fields={part: self[name] for part, name in found.names.items()},
                rows=[self._row(row) for row in found.rows],
                new_row=self._row(found.new_row) if found.new_row else None,
            )
            for found in self.layout
        ]

    # --- checking ------------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for found in self.layout:
            kind = found.question.kind
            if kind == "yes_no":
                self._check_yes_no(cleaned, found)
            elif kind == "date":
                self._check_date(cleaned, found)
            elif kind == "evidence":
                for row in found.rows:
                    if not cleaned.get(row.removed_field):
                        self._check_evidence(cleaned, row)
            elif kind == "impacts":
                for row in found.rows:
                    if not cleaned.get(row.removed_field):
                        name = short_row_name(found.question.rows, row.key, found.row_labels)
                        self._check_impact(cleaned, row.names, name)
                if found.new_row is not None:
                    self._check_new_article(cleaned, found)
        return cleaned

    def _check_yes_no(self, cleaned: dict[str, Any], found: _Layout) -> None:
        names = found.names
        answer = cleaned.get(names["answer"], "")
        reasons = cleaned.get(names["reasons"], "")
        if reasons and not answer:
            self.add_error(
                names["answer"], _("Answer yes or no to “%(question)s”") % {"question": found.label}
            )
        elif answer and not reasons:
            self.add_error(
                names["reasons"],
                _("Give your reasons for “%(question)s”") % {"question": found.label},
            )

    def _check_date(self, cleaned: dict[str, Any], found: _Layout) -> None:
        names = found.names
        parts = {part: str(cleaned.get(names[part], "") or "").strip() for part in names}
        if not any(parts.values()):
            return
        question = {"question": found.label}
        missing = [part for part in ("day", "month", "year") if not parts[part]]
        if missing:
            message = {
                "day": _("“%(question)s” must include a day"),
                "month": _("“%(question)s” must include a month"),
                "year": _("“%(question)s” must include a year"),
            }[missing[0]]
            self.add_error(names[missing[0]], message % question)
            return
        if not parts["year"].isdigit() or len(parts["year"]) != 4:
            self.add_error(
                names["year"],
                _("The year of “%(question)s” must have 4 numbers, like 2027") % question,
            )
            return
        try:
            datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.add_error(names["day"], _("“%(question)s” must be a real date") % question)

    def _check_evidence(self, cleaned: dict[str, Any], row: _RowNames) -> None:
        names = row.names
        values = {part: cleaned.get(names[part], "") for part in EVIDENCE_PARTS}
        if not any(values.values()):
            return
        which = {"evidence": row.label}
        if not values["description"]:
            self.add_error(names["description"], _("Describe the evidence (%(evidence)s)") % which)
        if not values["kind"]:
            self.add_error(
                names["kind"],
                _("Say whether the evidence is quantitative or qualitative (%(evidence)s)") % which,
            )
        if values["link"]:
            try:
                URLValidator(schemes=["http", "https"])(values["link"])
            except ValidationError:
                self.add_error(
                    names["link"],
                    _(
                        "Enter the link as a full web address, like "
                        "https://www.example.org/report (%(evidence)s)"
                    )
                    % which,
                )

    def _check_impact(self, cleaned: dict[str, Any], names: dict[str, str], row: str) -> None:
        impact = cleaned.get(names["impact"], "")
        if not impact:
            if any(cleaned.get(names[part], "") for part in IMPACT_PARTS[1:]):
                self.add_error(names["impact"], _("Choose the impact on %(row)s") % {"row": row})
            return
        if impact == "none":
            return
        if not cleaned.get(names["directness"]):
            self.add_error(
                names["directness"],
                _("Say whether the impact on %(row)s is direct or indirect") % {"row": row},
            )
        if not cleaned.get(names["term"]):
            self.add_error(
                names["term"],
                _("Say whether the impact on %(row)s is short, medium or long term") % {"row": row},
            )
        if not cleaned.get(names["explanation"]):
            self.add_error(names["explanation"], _("Explain the impact on %(row)s") % {"row": row})

    def _check_new_article(self, cleaned: dict[str, Any], found: _Layout) -> None:
        if found.new_row is None:
            return
        names = found.new_row.names
        article = cleaned.get(names["article"], "")
        if not article:
            if any(cleaned.get(names[part], "") for part in IMPACT_PARTS):
                self.add_error(names["article"], _("Choose the article this impact is on"))
            return
        row = short_row_name(found.question.rows, article, found.row_labels)
        if not cleaned.get(names["impact"]):
            self.add_error(names["impact"], _("Choose the impact on %(row)s") % {"row": row})
            return
        self._check_impact(cleaned, names, row)

    # --- answers -------------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The stage's answers in the shapes of ``answers.py``, from valid data."""
        return {found.question.key: self._answer(found) for found in self.layout}

    def _answer(self, found: _Layout) -> Any:
        data = self.cleaned_data
        names = found.names
        kind = found.question.kind
        if kind == "text":
            if "text" in names:
                return data[names["text"]]
            return {"en": data[names["en"]], "cy": data[names["cy"]]}
        if kind == "choice":
            return data[names["choice"]]
        if kind == "yes_no":
            return {"answer": data[names["answer"]], "reasons": data[names["reasons"]]}
        if kind == "date":
            day, month, year = (str(data[names[part]]).strip() for part in ("day", "month", "year"))
            if not (day and month and year):
                return ""
            return datetime.date(int(year), int(month), int(day)).isoformat()
        if kind == "groups":
            # In the order the page lists them, whatever order they were posted in.
            selected = sorted(data[names["selected"]], key=found.order.index)
            return {"selected": selected, "other": data[names["other"]]}
        if kind == "evidence":
            items = []
            for row in found.rows:
                if data.get(row.removed_field) or not data[row.names["description"]]:
                    continue
                consultation = data[row.names["consultation"]]
                items.append(
                    {
                        "kind": data[row.names["kind"]],
                        "description": data[row.names["description"]],
                        "link": data[row.names["link"]],
                        "consultation_id": int(consultation) if consultation else None,
                    }
                )
            return items
        # impacts
        cells: dict[str, Any] = {}
        for row in found.rows:
            if not data.get(row.removed_field) and data[row.names["impact"]]:
                cells[row.key] = {part: data[row.names[part]] for part in IMPACT_PARTS}
        if found.new_row is not None and data[found.new_row.names["article"]]:
            added = found.new_row.names
            cells[data[added["article"]]] = {part: data[added[part]] for part in IMPACT_PARTS}
        if found.question.rows == "uncrc":
            cells = dict(sorted(cells.items(), key=lambda item: int(item[0])))
        return cells


def _posted_rows(data: Mapping[str, Any] | None, key: str) -> int:
    """How many evidence rows the page that was posted had."""
    if not data:
        return 0
    pattern = re.compile(rf"^{re.escape(key)}__(\d+)__")
    indexes = [int(match.group(1)) for name in data if (match := pattern.match(name))]
    return max(indexes, default=-1) + 1
