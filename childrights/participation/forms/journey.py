"""The forms a child fills in: one question per page, a group code, a receipt code.

Messages are short and plain: a child of nine reads them. Every question page is checked with
``submission.answer_check`` too, so a page can never keep an answer that sending would refuse.
"""

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.participation import submission
from childrights.participation.about_you import AboutYou
from childrights.participation.faces import face_svg
from childrights.participation.journey import finding, sending, steps
from childrights.participation.models import AccessCode, Consultation, Question, Response
from childrights.participation.submission import MAX_TEXT

ORDINALS = [
    _("1st"),
    _("2nd"),
    _("3rd"),
    _("4th"),
    _("5th"),
    _("6th"),
    _("7th"),
    _("8th"),
    _("9th"),
    _("10th"),
]


def ordinal(place: int) -> str:
    return str(ORDINALS[place - 1]) if 0 < place <= len(ORDINALS) else str(place)


def _code_field(*, label: Any, help_text: Any, required: Any) -> forms.CharField:
    """A box for a code a child copies from a card or a screen, like ABCD EFGH: in capitals,
    with no suggestions from the browser or its spelling checker. ``required`` is the message
    when it is left empty."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=40,
        error_messages={"required": required},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )


class StartForm(GovukForm):
    easy_read = forms.BooleanField(
        label=_("Use easy read: short sentences and simple words"), required=False
    )


class CodeForm(GovukForm):
    code = _code_field(
        label=_("Your code"),
        help_text=_("It is on the card or screen your group leader showed you, like ABCD EFGH."),
        required=_("Enter your code"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access_code: AccessCode | None = None

    def clean_code(self) -> str:
        text: str = self.cleaned_data["code"]
        code = finding.code_by_text(text)
        if code is None:
            raise forms.ValidationError(
                _("We could not find that code. Check each letter and number and try again.")
            )
        if code.revoked_at is not None:
            raise forms.ValidationError(
                _("This code does not work any more. Ask the person who gave it to you.")
            )
        if not code.consultation.is_accepting():
            raise forms.ValidationError(_("The survey for this code is not open now."))
        if sending.is_full(code.consultation, code):
            raise forms.ValidationError(
                _(
                    "Everyone this code was for has already answered, so the survey cannot take "
                    "more answers through it. Ask the person who gave it to you."
                )
            )
        self.access_code = code
        return code.code


class ReceiptForm(GovukForm):
    receipt = _code_field(
        label=_("Your receipt code"),
        help_text=_("You got it when you sent your answers. It looks like ABCD EFGH."),
        required=_("Enter your receipt code"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.response: Response | None = None

    def clean_receipt(self) -> str:
        found = finding.response_by_receipt(self.cleaned_data["receipt"])
        if found is None:
            raise forms.ValidationError(
                _("We could not find that code. Check each letter and number and try again.")
            )
        self.response = found
        return found.receipt


class AgeForm(GovukForm):
    age_band = forms.ChoiceField(
        label=_("How old are you?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how old you are, or choose Prefer not to say"),
            "invalid_choice": _("Choose how old you are, or choose Prefer not to say"),
        },
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["age_band"]
        field.choices = steps.age_bands_of(consultation)

    def chosen_band(self) -> str:
        value: str = self.cleaned_data["age_band"]
        return "" if value == steps.PREFER_NOT_TO_SAY else value


class AboutYouForm(GovukForm):
    value = forms.ChoiceField(
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the answers")},
    )

    def __init__(self, *args: Any, about: AboutYou, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["value"]
        field.label = about.question
        field.choices = [(key, str(label)) for key, label in about.options]


class NameForm(GovukForm):
    name = forms.CharField(
        label=_("What is your name?"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Your name must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )


# --- question pages ----------------------------------------------------------------------------


class AnswerForm(GovukForm):
    """One question. ``answer()`` is what the draft keeps: None when the child left it empty."""

    def __init__(
        self,
        *args: Any,
        question: Question,
        answer: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.question = question
        kwargs.setdefault("initial", self.initial_from(question, answer or {}))
        super().__init__(*args, **kwargs)

    def initial_from(self, question: Question, answer: dict[str, Any]) -> dict[str, Any]:
        return {}

    def require_answer(self, message: Any) -> None:
        """Where the question must be answered, the answer box may not be left empty, and
        ``message`` says so."""
        if self.question.required:
            field = self.fields["answer_field"]
            field.required = True
            field.error_messages["required"] = message

    def built(self) -> dict[str, Any] | None:
        raise NotImplementedError

    @property
    def first_field(self) -> str:
        return next(iter(self.fields))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            submission.answer_check(self.question, self.built())
        except submission.InvalidAnswers as error:
            self.add_error(self.first_field, str(error))
        return cleaned

    def answer(self) -> dict[str, Any] | None:
        return self.built()

    def choice_options(self) -> list[tuple[str, str | SafeString]]:
        options: list[tuple[str, str | SafeString]] = []
        for choice in self.question.choices.all():
            label = localised(choice, "label")
            if choice.face:
                options.append(
                    (
                        str(choice.pk),
                        format_html(
                            '{} <span class="app-face-label">{}</span>',
                            face_svg(choice.face),
                            label,
                        ),
                    )
                )
            else:
                options.append((str(choice.pk), label))
        return options


class OneChoiceForm(AnswerForm):
    """Single choice, faces and yes/no/not sure: radios."""

    answer_field = forms.ChoiceField(
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose an answer from the list")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["answer_field"]
        field.choices = self.choice_options()
        self.require_answer(_("Choose an answer"))

    def initial_from(self, question: Question, answer: dict[str, Any]) -> dict[str, Any]:
        picked = answer.get("choices") or []
        return {"answer_field": str(picked[0])} if picked else {}

    def built(self) -> dict[str, Any] | None:
        value = self.cleaned_data.get("answer_field")
        return {"choices": [int(value)]} if value else None


class ManyChoicesForm(AnswerForm):
    """Multiple choice: checkboxes."""

    answer_field = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose answers from the list")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["answer_field"]
        field.choices = self.choice_options()
        self.require_answer(_("Choose at least one answer"))

    def initial_from(self, question: Question, answer: dict[str, Any]) -> dict[str, Any]:
        return {"answer_field": [str(pk) for pk in answer.get("choices") or []]}

    def built(self) -> dict[str, Any] | None:
        values = self.cleaned_data.get("answer_field") or []
        order = [int(value) for value, _label in self.choice_options()]
        picked = {int(value) for value in values}
        return {"choices": [pk for pk in order if pk in picked]} if picked else None


class RankingForm(AnswerForm):
    """Put in order, without JavaScript: a place (1st, 2nd, ...) chosen for each item."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = self.choice_options()
        places = [("", _("Choose a place"))] + [
            (str(place), ordinal(place)) for place in range(1, len(items) + 1)
        ]
        for pk, label in items:
            self.fields[f"place_{pk}"] = forms.ChoiceField(
                label=label,
                choices=places,
                required=False,
                error_messages={"invalid_choice": _("Choose a place from the list")},
            )

    def initial_from(self, question: Question, answer: dict[str, Any]) -> dict[str, Any]:
        return {
            f"place_{pk}": str(place)
            for place, pk in enumerate(answer.get("choices") or [], start=1)
        }

    def places(self) -> dict[int, int]:
        return {
            int(name.removeprefix("place_")): int(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("place_") and value
        }

    def clean(self) -> dict[str, Any]:
        if not self.errors:
            places = self.places()
            if places and len(places) < len(self.fields):
                self.add_error(self.first_field, _("Choose a place for every item"))
            elif len(set(places.values())) < len(places):
                self.add_error(
                    self.first_field,
                    _("Two items have the same place. Give each item a different place."),
                )
            elif not places and self.question.required:
                self.add_error(self.first_field, _("Choose a place for every item"))
        return super().clean()

    def built(self) -> dict[str, Any] | None:
        places = self.places()
        if not places:
            return None
        return {"choices": [pk for pk, _place in sorted(places.items(), key=lambda item: item[1])]}

    def ranking_errors(self) -> list[str]:
        return [str(error) for field in self for error in field.errors]


class TextAnswerForm(AnswerForm):
    """Written answer: a textarea with the GOV.UK character count (a plain limit without JS)."""

    answer_field = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=MAX_TEXT,
        error_messages={"max_length": _("Your answer must be %(limit_value)s characters or fewer")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer_field"]
        # The character count shows the limit; the browser must not cut a child's words off.
        field.widget.attrs.pop("maxlength", None)
        self.require_answer(_("Write your answer in the box"))

    def initial_from(self, question: Question, answer: dict[str, Any]) -> dict[str, Any]:
        return {"answer_field": answer.get("text", "")}

    def built(self) -> dict[str, Any] | None:
        text = self.cleaned_data.get("answer_field") or ""
        return {"text": text} if text.strip() else None


FORMS: dict[str, type[AnswerForm]] = {
    Question.Kind.SINGLE: OneChoiceForm,
    Question.Kind.FACES: OneChoiceForm,
    Question.Kind.YES_NO: OneChoiceForm,
    Question.Kind.MULTIPLE: ManyChoicesForm,
    Question.Kind.RANKING: RankingForm,
    Question.Kind.TEXT: TextAnswerForm,
}


def answer_form(
    question: Question, *, data: Any = None, answer: dict[str, Any] | None = None
) -> AnswerForm:
    return FORMS[question.kind](data, question=question, answer=answer)
