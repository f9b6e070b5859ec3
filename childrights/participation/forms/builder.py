"""Forms for building a consultation. Each explains bad input in GOV.UK words; the services do
the saving."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.accounts.models import User
from childrights.core.forms import GovukDateField, GovukForm
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.participation import about_you
from childrights.participation.builder import reads as builder_reads
from childrights.participation.builder import rules as builder_rules
from childrights.participation.models import AgeBand, Consultation, Question
from childrights.programme.models import Pilot


class PilotChoiceField(forms.ModelChoiceField[Pilot]):
    def label_from_instance(self, obj: Pilot) -> str:
        return localised(obj, "focus_area")


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


def _date_field(label: Any, name: Any, required_message: Any) -> GovukDateField:
    return GovukDateField(label=label, name=name, required_message=required_message)


class ConsultationForm(GovukForm):
    # The details as they were when the page was opened (``core.editing``).
    opened = forms.CharField(widget=forms.HiddenInput, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    title_cy = forms.CharField(label=_("Title (Welsh)"), max_length=200, required=False)
    purpose_en = forms.CharField(
        label=_("What it is for (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In plain words a child can understand. Children see this first."),
    )
    purpose_cy = forms.CharField(
        label=_("What it is for (Welsh)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pilot = PilotChoiceField(
        label=_("Pilot (optional)"),
        queryset=Pilot.objects.none(),
        required=False,
        empty_label=_("Not part of a pilot"),
        error_messages={"invalid_choice": _("Choose a pilot from the list")},
    )
    about_en = forms.CharField(
        label=_("Service or decision it informs (English, optional)"),
        max_length=300,
        required=False,
    )
    about_cy = forms.CharField(
        label=_("Service or decision it informs (Welsh, optional)"),
        max_length=300,
        required=False,
    )
    age_bands = forms.MultipleChoiceField(
        label=_("Age bands"),
        choices=AgeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who the consultation is for. Select all that apply."),
        error_messages={"required": _("Choose at least one age band")},
    )
    languages = forms.ChoiceField(
        label=_("Languages"),
        choices=Consultation.Languages.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the languages children can answer in")},
    )
    opens_on = _date_field(_("Opens"), _("The opening date"), _("Enter the date it opens"))
    closes_on = _date_field(_("Closes"), _("The closing date"), _("Enter the date it closes"))
    identified = forms.TypedChoiceField(
        label=_("Do children give their name?"),
        choices=[("no", _("No, they answer anonymously")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("Children answer anonymously unless there is a good reason to ask."),
        error_messages={"required": _("Choose whether children give their name")},
    )
    identified_reason = forms.CharField(
        label=_("Why children need to give their name"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only if children give their name. This is kept on record."),
    )
    safeguarding_lead = PersonChoiceField(
        label=_("Designated safeguarding lead"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not chosen yet"),
        help_text=_(
            "Someone in this council with the safeguarding role. The consultation cannot open "
            "without a lead and a deputy."
        ),
        error_messages={"invalid_choice": _("Choose a safeguarding lead from the list")},
    )
    safeguarding_deputy = PersonChoiceField(
        label=_("Deputy safeguarding lead"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not chosen yet"),
        error_messages={"invalid_choice": _("Choose a deputy from the list")},
    )
    about_you = forms.MultipleChoiceField(
        label=_("“About you” questions (optional)"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each is optional for children, with “prefer not to say” as an answer like any other."
        ),
        error_messages={"invalid_choice": _("Choose “about you” questions from the list")},
    )
    responses_limit = forms.IntegerField(
        label=_("Most responses through the public link (optional)"),
        required=False,
        min_value=1,
        max_value=10_000_000,
        help_text=_("Leave empty for no limit. Access codes have their own limits."),
        error_messages={
            "invalid": _("Enter the most responses as a whole number, like 500"),
            "min_value": _("The most responses must be 1 or more"),
            "max_value": _("The most responses must be 10,000,000 or fewer"),
        },
    )

    def __init__(
        self, *args: Any, council: Council, consultation: Consultation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["about_you"]).choices = about_you.choices()
        cast(PilotChoiceField, self.fields["pilot"]).queryset = Pilot.objects.filter(
            partnership__council=council
        ).order_by("position", "pk")
        people = [person.pk for person in builder_reads.safeguarding_people(council)]
        for name in ("safeguarding_lead", "safeguarding_deputy"):
            # Whoever holds the post stays listed for it, so other changes can be saved;
            # the consultation page says if they no longer qualify.
            current = getattr(consultation, f"{name}_id", None)
            cast(PersonChoiceField, self.fields[name]).queryset = User.objects.filter(
                pk__in=[*people, *([current] if current else [])]
            ).order_by("full_name", "email")
        # Once open, what children are asked cannot change: those fields leave the form.
        self.was_identified = consultation.identified if consultation is not None else False
        self.frozen = consultation is not None and consultation.status != (
            Consultation.Status.DRAFT
        )
        if self.frozen:
            for name in builder_rules.FROZEN_WHEN_OPEN:
                del self.fields[name]
            if not self.was_identified:
                del self.fields["identified_reason"]

    @classmethod
    def initial_for(cls, consultation: Consultation) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(consultation, name) for name in builder_rules.CONSULTATION_FIELDS
        }
        initial["identified"] = "yes" if consultation.identified else "no"
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, message in (
            ("title", _("Enter a title in English or Welsh")),
            ("purpose", _("Enter what it is for in English or Welsh")),
        ):
            for code in ("en", "cy"):
                if f"{name}_{code}" in cleaned:
                    cleaned[f"{name}_{code}"] = cleaned[f"{name}_{code}"].strip()
            if not cleaned.get(f"{name}_en") and not cleaned.get(f"{name}_cy"):
                self.add_error(f"{name}_en", message)
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", _("The closing date must be the same as or after the opening date")
            )
        identified = cleaned.get("identified", self.was_identified if self.frozen else False)
        if "identified_reason" in self.fields:
            reason = (cleaned.get("identified_reason") or "").strip()
            cleaned["identified_reason"] = reason if identified else ""
            if identified and not reason:
                self.add_error("identified_reason", _("Enter why children need to give their name"))
        lead, deputy = cleaned.get("safeguarding_lead"), cleaned.get("safeguarding_deputy")
        if lead is not None and deputy is not None and lead.pk == deputy.pk:
            self.add_error(
                "safeguarding_deputy", _("The deputy must be a different person from the lead")
            )
        if "age_bands" in cleaned:
            cleaned["age_bands"] = [band for band in AgeBand.values if band in cleaned["age_bands"]]
        if "about_you" in cleaned:
            cleaned["about_you"] = [
                question.key
                for question in about_you.QUESTIONS
                if question.key in cleaned["about_you"]
            ]
        return cleaned


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class QuestionForm(GovukForm):
    kind = forms.ChoiceField(
        label=_("Type of question"),
        choices=Question.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of question")},
    )
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    text_cy = forms.CharField(label=_("Question (Welsh)"), max_length=500, required=False)
    hint_en = forms.CharField(
        label=_("Hint (English, optional)"),
        max_length=500,
        required=False,
        help_text=_("A few words under the question to help children answer it."),
    )
    hint_cy = forms.CharField(label=_("Hint (Welsh, optional)"), max_length=500, required=False)
    required = forms.BooleanField(
        label=_("An answer is needed"),
        required=False,
        help_text=_("Leave unticked to let children skip the question."),
    )
    answers_en = forms.CharField(
        label=_("Answers (English)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For “choose one”, “choose any” and “put in order” questions: one answer per line, "
            "2 to 10 answers (2 to 6 to put in order). Faces and yes, no or not sure questions "
            "get their standard answers; written answers have none."
        ),
    )
    answers_cy = forms.CharField(
        label=_("Answers (Welsh)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The same answers in Welsh, in the same order, one per line."),
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        choices = list(question.choices.all())
        written = question.kind in builder_rules.WRITTEN_ANSWERS
        return {
            "kind": question.kind,
            "text_en": question.text_en,
            "text_cy": question.text_cy,
            "hint_en": question.hint_en,
            "hint_cy": question.hint_cy,
            "required": question.required,
            "answers_en": "\n".join(choice.label_en for choice in choices) if written else "",
            "answers_cy": "\n".join(choice.label_cy for choice in choices) if written else "",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("text_en", "text_cy", "hint_en", "hint_cy"):
            cleaned[name] = (cleaned.get(name) or "").strip()
        primary = "en" if self.consultation.offers_english() else "cy"
        other = "cy" if primary == "en" else "en"
        if not cleaned["text_en"] and not cleaned["text_cy"]:
            self.add_error(f"text_{primary}", _("Enter the question"))
        kind = cleaned.get("kind")
        lines = {code: _lines(cleaned.get(f"answers_{code}") or "") for code in ("en", "cy")}
        if kind not in builder_rules.WRITTEN_ANSWERS:
            cleaned["answers_en"], cleaned["answers_cy"] = (), ()
            return cleaned
        most = builder_rules.MAX_ANSWERS[Question.Kind(kind)]
        count = len(lines[primary])
        if not count:
            self.add_error(f"answers_{primary}", _("Enter the answers, one per line"))
        elif count < builder_rules.MIN_ANSWERS:
            self.add_error(
                f"answers_{primary}",
                _("Give at least %(count)s answers, one per line")
                % {"count": builder_rules.MIN_ANSWERS},
            )
        elif count > most:
            self.add_error(
                f"answers_{primary}",
                _("Give no more than %(count)s answers for this type of question")
                % {"count": most},
            )
        if lines[other] and count and len(lines[other]) != count:
            self.add_error(
                f"answers_{other}",
                _("Give the same number of answers in %(language)s (%(count)s), in the same order")
                % {"language": _("Welsh") if other == "cy" else _("English"), "count": count},
            )
        for code in ("en", "cy"):
            if any(len(line) > 200 for line in lines[code]):
                self.add_error(f"answers_{code}", _("Each answer must be 200 characters or fewer"))
        cleaned["answers_en"], cleaned["answers_cy"] = lines["en"], lines["cy"]
        return cleaned

    def values(self) -> builder_rules.QuestionInput:
        data = self.cleaned_data
        return builder_rules.QuestionInput(
            kind=data["kind"],
            text_en=data["text_en"],
            text_cy=data["text_cy"],
            hint_en=data["hint_en"],
            hint_cy=data["hint_cy"],
            required=bool(data["required"]),
            answers_en=tuple(data["answers_en"]),
            answers_cy=tuple(data["answers_cy"]),
        )


class WordingsForm(GovukForm):
    """The question's wording for each age band and for easy read, over the shared core."""

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.audiences = builder_reads.audiences(question.consultation)
        existing = {wording.audience: wording for wording in question.wordings.all()}
        for audience, label in self.audiences:
            wording = existing.get(audience)
            for part, part_label, limit in (
                ("text_en", _("Question (English)"), 500),
                ("text_cy", _("Question (Welsh)"), 500),
                ("hint_en", _("Hint (English)"), 500),
                ("hint_cy", _("Hint (Welsh)"), 500),
            ):
                self.fields[f"{audience}-{part}"] = forms.CharField(
                    label=f"{part_label} – {label}",
                    required=False,
                    max_length=limit,
                    initial=getattr(wording, part) if wording is not None else "",
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in list(cleaned):
            cleaned[name] = (cleaned[name] or "").strip()
        for audience, label in self.audiences:
            parts = [cleaned.get(f"{audience}-{part}", "") for part in ("hint_en", "hint_cy")]
            text = [cleaned.get(f"{audience}-{part}", "") for part in ("text_en", "text_cy")]
            if any(parts) and not any(text):
                self.add_error(
                    f"{audience}-text_en",
                    _("Enter the question for %(audience)s, or leave all its boxes empty")
                    % {"audience": label},
                )
        return cleaned

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Each audience with its four fields, for laying out the page."""
        return [
            (
                label,
                [
                    self[f"{audience}-{part}"]
                    for part in ("text_en", "text_cy", "hint_en", "hint_cy")
                ],
            )
            for audience, label in self.audiences
        ]

    def entries(self) -> list[builder_rules.WordingInput]:
        data = self.cleaned_data
        return [
            builder_rules.WordingInput(
                audience=audience,
                text_en=data[f"{audience}-text_en"],
                text_cy=data[f"{audience}-text_cy"],
                hint_en=data[f"{audience}-hint_en"],
                hint_cy=data[f"{audience}-hint_cy"],
            )
            for audience, _label in self.audiences
        ]


class DirectionForm(GovukForm):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class AccessCodeForm(GovukForm):
    group_name = forms.CharField(
        label=_("Group"),
        max_length=200,
        help_text=_("For example, Year 6, Hillside Primary or Tuesday youth club"),
        error_messages={
            "required": _("Enter the name of the group"),
            "max_length": _("The group name must be 200 characters or fewer"),
        },
    )
    responses_limit = forms.IntegerField(
        label=_("Most responses (optional)"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("For example, the number of children in the class. Leave empty for no limit."),
        error_messages={
            "invalid": _("Enter the most responses as a whole number, like 30"),
            "min_value": _("The most responses must be 1 or more"),
            "max_value": _("The most responses must be 100,000 or fewer"),
        },
    )

    def clean_group_name(self) -> str:
        name: str = self.cleaned_data["group_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the name of the group"))
        return name
