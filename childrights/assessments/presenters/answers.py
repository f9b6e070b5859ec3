"""Answers of an impact assessment as people read them, in the page's language: the one place
that knows how each kind of answer a template asks for (text, choice, yes or no, date, evidence,
groups of children and impacts) is shown.

What every page names alike is named here once: "Article N: title" (``article_label``), the
rows of an impacts table (``RowNames``), the groups of children an assessor can choose from
(``group_choices``), a choice's option and yes or no. Pages lay an answer out in three ways:

- lines of text (``AnswerFormatter``): the sign-off and version pages, the history and the
  review, and an editor's clash with a colleague's answers;
- the editor's overview of a stage (``overview_answer``), each kind in its own fields;
- the public page and the PDF (``document_answer``): paragraphs, lists and tables, with English
  standing in for Welsh marked by its ``lang``.

``presenters.stages`` gathers a version's answers stage by stage.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from childrights.assessments import answers
from childrights.assessments.answers import Question
from childrights.assessments.editor import extra_groups_of
from childrights.assessments.models import Assessment, CouncilSettings, Template
from childrights.assessments.vocab import (
    DIRECTNESS,
    EVIDENCE_KINDS,
    GROUPS,
    IMPACTS,
    ROW_SETS,
    TERMS,
)
from childrights.core.language import Text, field_text, pair_text
from childrights.core.presenters import day_text, localised
from childrights.councils.models import Council
from childrights.framework.models import Article, Principle
from childrights.participation.models import Consultation

# --- what every page names alike ---------------------------------------------------------------


def article_label(article: Article) -> Text:
    """An article as impacts tables and filters name it, "Article 12: Respect for the views of
    the child": marked as English where the English title stands in for a missing Welsh one."""
    title = field_text(article, "title")
    return Text(
        _("Article %(number)s: %(title)s") % {"number": article.number, "title": title.text},
        lang=title.lang,
    )


def yes_or_no(answer: Any) -> str:
    return {"yes": _("Yes"), "no": _("No")}.get(str(answer), "")


def option_label(question: Question, value: Any) -> Text:
    """The words of the option chosen in a choice question; the stored key if it has none."""
    for option in question.definition.get("options", []):
        if option.get("key") == value:
            label = pair_text(option.get("label") or {})
            if label.text:
                return label
    return Text(str(value))


def word(words: Mapping[str, Any], key: Any) -> str:
    """A key's word in one of the vocabularies of ``vocab`` ("Positive", "Direct"), "" if none."""
    return str(words[str(key)]) if str(key) in words else ""


def group_choices(question: Question, council: Council) -> list[tuple[str, str]]:
    """The shipped groups, the question's own options, then the council's groups."""
    choices = [(key, str(label)) for key, label in GROUPS.items()]
    choices += [
        (str(option["key"]), pair_text(option.get("label")).text)
        for option in question.definition.get("options", [])
    ]
    choices += [(group, group) for group in extra_groups_of(council)]
    seen: set[str] = set()
    unique = []
    for key, label in choices:
        if key not in seen:
            seen.add(key)
            unique.append((key, label))
    return unique


class RowNames:
    """The names of the rows of impacts tables (an article, a principle, a wellbeing indicator),
    the articles and principles read once, when first needed."""

    def __init__(self) -> None:
        self._articles: dict[str, Article] | None = None
        self._principles: dict[str, Principle] | None = None

    @property
    def articles(self) -> dict[str, Article]:
        if self._articles is None:
            self._articles = {str(article.number): article for article in Article.objects.all()}
        return self._articles

    @property
    def principles(self) -> dict[str, Principle]:
        if self._principles is None:
            self._principles = {principle.slug: principle for principle in Principle.objects.all()}
        return self._principles

    def name(self, rows: str, key: str) -> Text | None:
        """The row's name; None for a row this kind of table does not have."""
        if rows == "uncrc":
            article = self.articles.get(str(key))
            return article_label(article) if article else None
        if rows == "principles":
            principle = self.principles.get(key)
            return field_text(principle, "name") if principle else None
        if key in ROW_SETS.get(rows, {}):
            return Text(str(ROW_SETS[rows][key]))
        return None

    def every(self, rows: str) -> dict[str, str]:
        """Every row this kind of table can have, with its name on the page."""
        if rows == "uncrc":
            return {key: article_label(article).text for key, article in self.articles.items()}
        if rows == "principles":
            return {
                slug: localised(principle, "name") for slug, principle in self.principles.items()
            }
        return {key: str(label) for key, label in ROW_SETS.get(rows, {}).items()}

    def order(self, rows: str, keys: list[str]) -> list[str]:
        """Rows in the order of the convention, the principles or the indicators."""
        if rows == "uncrc":
            return sorted(keys, key=lambda key: int(key) if key.isdigit() else 999)
        if rows == "principles":
            positions = {slug: p.position for slug, p in self.principles.items()}
            return sorted(keys, key=lambda key: positions.get(key, 999))
        if rows in ROW_SETS:
            known = list(ROW_SETS[rows])
            return sorted(keys, key=lambda key: known.index(key) if key in known else 999)
        return keys


def row_labels(rows: str) -> dict[str, str]:
    """Every row an impacts question of this kind can have, with its name on the page."""
    return RowNames().every(rows)


# --- lines of text -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of an answer as people read it; ``lang`` when it is in a set language."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class AnswerShown:
    label: str
    lines: list[Line]


class AnswerFormatter:
    """Answers of one template as lines of text, in the page's language."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.rows = RowNames()
        self.questions = {question.key: question for question in answers.questions(template)}

    def label(self, key: str) -> str:
        question = self.questions.get(key)
        return question.label() if question else key

    def lines(self, key: str, value: Any) -> list[Line]:
        if answers.is_empty(value):
            return [Line(_("Not answered"))]
        question = self.questions.get(key)
        try:
            shown = self._lines(question, value) if question else None
        except (AttributeError, TypeError, ValueError):
            shown = None
        return shown or [Line(json.dumps(value, ensure_ascii=False))]

    def _lines(self, question: Question, value: Any) -> list[Line]:
        kind = question.kind
        if kind == "text":
            if isinstance(value, Mapping):
                return [
                    Line(str(value[code]), code)
                    for code in ("en", "cy")
                    if str(value.get(code, "")).strip()
                ]
            return [Line(str(value))]
        if kind == "choice":
            return [Line(option_label(question, value).text)]
        if kind == "yes_no":
            answer = yes_or_no(value.get("answer"))
            return [Line(answer), *([Line(value["reasons"])] if value.get("reasons") else [])]
        if kind == "date":
            return [Line(day_text(value))]
        if kind == "evidence":
            return [self._evidence(item) for item in value]
        if kind == "groups":
            shown = [Line(self._group(key)) for key in value.get("selected", [])]
            other = str(value.get("other", "")).strip()
            return shown + ([Line(_("Other: %(groups)s") % {"groups": other})] if other else [])
        if kind == "impacts":
            return [
                line for row, cell in value.items() for line in self._impact(question, row, cell)
            ]
        return []

    def _evidence(self, item: Mapping[str, Any]) -> Line:
        kind = word(EVIDENCE_KINDS, item.get("kind"))
        text = f"{kind}: {item.get('description', '')}" if kind else str(item.get("description"))
        link = str(item.get("link") or "")
        return Line(f"{text} ({link})" if link else text)

    @staticmethod
    def _group(key: str) -> str:
        """A shipped group's name; a council's own groups are kept by their name."""
        return str(GROUPS[key]) if key in GROUPS else key

    def _impact(self, question: Question, row: str, cell: Mapping[str, Any]) -> list[Line]:
        parts = [
            word(vocab, cell.get(name))
            for name, vocab in (("impact", IMPACTS), ("directness", DIRECTNESS), ("term", TERMS))
            if word(vocab, cell.get(name))
        ]
        shown = [Line(f"{self.row_label(question.rows, row)}: {', '.join(parts)}")]
        if str(cell.get("explanation", "")).strip():
            shown.append(Line(str(cell["explanation"])))
        if str(cell.get("mitigation", "")).strip():
            shown.append(Line(_("Mitigation: %(text)s") % {"text": cell["mitigation"]}))
        return shown

    def row_label(self, rows: str, key: str) -> str:
        name = self.rows.name(rows, key)
        if name is not None:
            return name.text
        return _("Article %(number)s") % {"number": key} if rows == "uncrc" else key


# --- the editor's overview ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    label: str
    impact: str
    negative: bool
    directness: str
    term: str
    explanation: str
    mitigation: str


@dataclass
class OverviewAnswer:
    """One answer as the editor's overview shows it; ``kind`` says which of the fields is used."""

    label: str
    kind: str
    empty: bool
    text: str = ""
    texts: list[tuple[str, str, str]] = field(default_factory=list)
    reasons: str = ""
    items: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    impacts: list[ImpactRow] = field(default_factory=list)


def _named(words: Mapping[str, Any], key: Any) -> str:
    return word(words, key) or str(key or "")


def overview_answer(
    template: Template, question: Question, value: Any, council: Council
) -> OverviewAnswer:
    shown = OverviewAnswer(
        label=question.label(), kind=question.kind, empty=answers.is_empty(value)
    )
    if shown.empty:
        return shown
    kind = question.kind
    if kind == "text":
        if answers.is_bilingual(template, question) and isinstance(value, dict):
            shown.texts = [
                (code, name, str(value.get(code, "")))
                for code, name in (("en", _("English")), ("cy", _("Welsh")))
                if str(value.get(code, "")).strip()
            ]
        else:
            shown.text = str(value.get("en", "")) if isinstance(value, dict) else str(value)
    elif kind == "choice":
        shown.text = option_label(question, value).text
    elif kind == "yes_no":
        shown.text = yes_or_no(value.get("answer"))
        shown.reasons = str(value.get("reasons", ""))
    elif kind == "date":
        shown.text = day_text(value)
    elif kind == "groups":
        options = dict(group_choices(question, council))
        shown.items = [_named(options, each) for each in value.get("selected", [])]
        if str(value.get("other", "")).strip():
            shown.items.append(str(value["other"]))
    elif kind == "evidence":
        titles: dict[Any, str] = {
            each.pk: localised(each, "title") or each.title_cy
            for each in Consultation.objects.filter(
                council=council,
                pk__in=[item.get("consultation_id") for item in value if isinstance(item, dict)],
            )
        }
        shown.evidence = [
            {
                "kind": _named(EVIDENCE_KINDS, item.get("kind")),
                "description": item.get("description", ""),
                "link": item.get("link", ""),
                "consultation": titles.get(item.get("consultation_id"), ""),
            }
            for item in value
            if isinstance(item, dict)
        ]
    elif kind == "impacts":
        labels = row_labels(question.rows)
        shown.impacts = [
            ImpactRow(
                label=labels.get(str(row), str(row)),
                impact=_named(IMPACTS, cell.get("impact")),
                negative=cell.get("impact") == "negative",
                directness=_named(DIRECTNESS, cell.get("directness")),
                term=_named(TERMS, cell.get("term")),
                explanation=str(cell.get("explanation", "")),
                mitigation=str(cell.get("mitigation", "")),
            )
            for row, cell in value.items()
            if isinstance(cell, dict)
        ]
    return shown


# --- the public page and the PDF ---------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    # Each row: its header cell (the right, the principle, the kind of evidence), then the rest.
    rows: list[tuple[Text, list[Text]]]


@dataclass
class DocumentAnswer:
    key: str
    label: Text
    paragraphs: list[Text] = field(default_factory=list)
    items: list[Text] = field(default_factory=list)
    table: Table | None = None

    @property
    def answered(self) -> bool:
        return bool(self.paragraphs or self.items or (self.table and self.table.rows))


def definition_text(definition: dict[str, Any], key: str = "label") -> Text:
    """A template's words for a question, a stage or an option (its ``key``)."""
    return pair_text(definition.get(key) or {})


def _word_or_dash(words: Mapping[str, Any], key: Any) -> Text:
    return Text(word(words, key) or ("–" if not key else str(key)))


def _web_link(value: Any) -> str:
    link = str(value or "").strip()
    return link if re.match(r"^https?://[^\s]+$", link) else ""


def _impacts_titles(rows: str) -> tuple[str, str]:
    """What an impacts table's rows are called (its first column's header), and its caption."""
    if rows == "uncrc":
        return _("UNCRC article"), _(
            "The impact on each UNCRC article, and how a negative impact is reduced"
        )
    if rows == "principles":
        return _("Principle"), _(
            "The impact on each principle, and how a negative impact is reduced"
        )
    return _("Wellbeing indicator"), _(
        "The impact on each wellbeing indicator, and how a negative impact is reduced"
    )


def _impacts(question: Question, value: dict[str, Any], names: RowNames) -> Table:
    kind = question.rows
    shown = []
    for key in names.order(kind, [str(key) for key in value]):
        cell = value.get(key) or {}
        shown.append(
            (
                names.name(kind, key) or Text(key),
                [
                    _word_or_dash(IMPACTS, cell.get("impact")),
                    _word_or_dash(DIRECTNESS, cell.get("directness")),
                    _word_or_dash(TERMS, cell.get("term")),
                    pair_text(cell.get("explanation")),
                    pair_text(cell.get("mitigation")) if cell.get("mitigation") else Text("–"),
                ],
            )
        )
    header, caption = _impacts_titles(kind)
    return Table(
        caption=caption,
        headers=[
            header,
            _("Impact"),
            _("Direct or indirect"),
            _("Term"),
            _("Explanation"),
            _("Mitigation"),
        ],
        rows=shown,
    )


def _evidence(value: list[Any]) -> Table:
    shown = []
    for item in value:
        if not isinstance(item, dict):
            continue
        link = _web_link(item.get("link"))
        shown.append(
            (
                _word_or_dash(EVIDENCE_KINDS, item.get("kind")),
                [
                    pair_text(item.get("description")),
                    Text(link, href=link) if link else Text("–"),
                ],
            )
        )
    return Table(
        caption=_("Each piece of evidence: its kind, what it is, and where to find it"),
        headers=[_("Kind of evidence"), _("Description"), _("Link")],
        rows=shown,
    )


def _extra_groups(assessment: Assessment) -> dict[str, Text]:
    settings = CouncilSettings.objects.filter(council_id=assessment.council_id).first()
    found: dict[str, Text] = {}
    for group in settings.extra_groups if settings else []:
        if isinstance(group, dict) and group.get("key"):
            names = group.get("label") or group.get("name") or group
            found[str(group["key"])] = pair_text(names)
        elif isinstance(group, str):
            found[group] = Text(group)
    return found


def document_answer(
    question: Question, value: Any, names: RowNames, assessment: Assessment
) -> DocumentAnswer:
    shown = DocumentAnswer(key=question.key, label=definition_text(question.definition))
    if value in (None, "", [], {}):
        return shown
    kind = question.kind
    if kind == "text":
        text = pair_text(value)
        shown.paragraphs = [
            Text(paragraph.strip(), lang=text.lang)
            for paragraph in text.text.split("\n\n")
            if paragraph.strip()
        ]
    elif kind == "date":
        shown.paragraphs = [Text(day_text(value))]
    elif kind == "choice":
        shown.paragraphs = [option_label(question, value)]
    elif kind == "yes_no" and isinstance(value, dict):
        reasons = pair_text(value.get("reasons"))
        shown.paragraphs = [
            text for text in (Text(yes_or_no(value.get("answer"))), reasons) if text.text
        ]
    elif kind == "groups" and isinstance(value, dict):
        extra = _extra_groups(assessment)
        for key in value.get("selected") or []:
            shown.items.append(
                Text(str(GROUPS[key])) if key in GROUPS else extra.get(key, Text(key))
            )
        other = pair_text(value.get("other"))
        if other.text:
            shown.items.append(
                Text(_("Other: %(groups)s") % {"groups": other.text}, lang=other.lang)
            )
    elif kind == "evidence" and isinstance(value, list):
        shown.table = _evidence(value)
    elif kind == "impacts" and isinstance(value, dict):
        shown.table = _impacts(question, value, names)
    else:
        shown.paragraphs = [pair_text(value)]
    return shown
