"""GOV.UK Design System markup for Django forms.

Every form in the service renders through these templates, so labels, hints, error messages and
the error summary follow the same accessible pattern everywhere.
"""

import re
from datetime import date, datetime
from datetime import time as dt_time
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.core.emails import normalise_email

WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "password": "govuk-input",
    "number": "govuk-input govuk-input--width-5",
    "url": "govuk-input",
    "date": "govuk-input govuk-input--width-10",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
}


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    # Django's select renders each option through two more templates (the option and its
    # attributes): a list of 400 councils took most of the finder page's time. Ours writes the
    # same options in one loop.
    replaced = {"django/forms/widgets/select.html": "core/forms/select.html"}

    def get_template(self, template_name: str) -> Any:
        return super().get_template(self.replaced.get(template_name, template_name))


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = WIDGET_CLASSES.get(self.widget_type)
        if css:
            error_class = f" {css.split()[0]}--error" if self.errors else ""
            # The widget's own class (a width, say) is kept: these attributes replace the
            # widget's when it renders.
            own = f"{widget.attrs.get('class', '')} {attrs.get('class', '')}".split()
            classes = [*f"{css}{error_class}".split(), *own]
            attrs["class"] = " ".join(dict.fromkeys(classes))
        if self.widget_type in ("govukdate", "govukdatetime") and self.errors:
            attrs["class"] = "govuk-input--error"  # each box of the date shows the error
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}-error")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


RENDERER = GovukFormRenderer()


class GovukFormMixin:
    """Mix into any Form or ModelForm to render it the GOV.UK way."""

    bound_field_class: type[BoundField] | None = GovukBoundField
    # One renderer for every form: a renderer made per form (as a class here would be) builds
    # its own template engine, so each form read and parsed its templates again.
    default_renderer: Any = RENDERER


class GovukForm(GovukFormMixin, forms.Form):
    pass


class NormalisedEmailField(forms.EmailField):
    """An email address in its one normalised spelling (``core.emails``), checked after
    normalising, so every spelling of an address is the same address."""

    def to_python(self, value: Any) -> str:
        return normalise_email(super().to_python(value) or "")


def email_field(
    *,
    label: Any = None,
    required_message: Any = None,
    help_text: Any = "",
    autocomplete: str = "email",
) -> forms.EmailField:
    """An email address field with the GOV.UK error messages."""
    return NormalisedEmailField(
        label=label or _("Email address"),
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": required_message or _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete, "spellcheck": "false"}),
    )


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "core/forms/date_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"})
            for part in ("day", "month", "year")
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


def _date_from_parts(name: Any, day: str, month: str, year: str) -> date:
    """The date typed in the three boxes, or an error that names the field and says which part
    is missing or wrong ("The closing date must include a month")."""
    values = {"name": name}
    if not day:
        raise forms.ValidationError(_("%(name)s must include a day") % values, code="day")
    if not month:
        raise forms.ValidationError(_("%(name)s must include a month") % values, code="month")
    if not year:
        raise forms.ValidationError(_("%(name)s must include a year") % values, code="year")
    real = _("%(name)s must be a real date, like 27 3 2027") % values
    if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
        raise forms.ValidationError(real, code="invalid")
    try:
        return date(int(year), int(month), int(day))
    except ValueError as error:
        raise forms.ValidationError(real, code="invalid") from error


class GovukDateField(forms.MultiValueField):
    """A date entered as day, month and year, the one way dates are typed in the service.

    ``name`` is how errors speak of the field ("The closing date"): "The closing date must
    include a month". ``required_message`` is said when nothing is typed in a required field.
    """

    widget = GovukDateWidget

    def __init__(self, *, name: Any = None, required_message: Any = None, **kwargs: Any) -> None:
        self.name = name or _("The date")
        if required_message:
            kwargs["error_messages"] = {
                **kwargs.get("error_messages", {}),
                "required": required_message,
            }
        parts = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> date | None:
        if not data_list or not any(str(part or "").strip() for part in data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        return _date_from_parts(self.name, day, month, year)


class GovukDateTimeWidget(forms.MultiWidget):
    """The GOV.UK date input with a time box after it (hours and minutes, "14:30")."""

    template_name = "core/forms/date_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"})
            for part in ("day", "month", "year")
        }
        widgets["time"] = forms.TextInput()
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [local.day, local.month, local.year, local.strftime("%H:%M")]
        return [None, None, None, None]


TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


class GovukDateTimeField(forms.MultiValueField):
    """A moment entered as the GOV.UK date input and a time ("14:30" or "2:30pm"), in the
    service's time zone. Errors name the field as ``GovukDateField``'s do."""

    widget = GovukDateTimeWidget

    def __init__(self, *, name: Any = None, required_message: Any = None, **kwargs: Any) -> None:
        self.name = name or _("The date")
        if required_message:
            kwargs["error_messages"] = {
                **kwargs.get("error_messages", {}),
                "required": required_message,
            }
        parts = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> datetime | None:
        if not data_list or not any(str(part or "").strip() for part in data_list):
            return None
        day, month, year, time = (str(part or "").strip() for part in data_list)
        on = _date_from_parts(self.name, day, month, year)
        values = {"name": self.name}
        if not time:
            raise forms.ValidationError(_("%(name)s must include a time") % values, code="time")
        match = TIME.match(time)
        hour, minute = (int(match[1]), int(match[2] or 0)) if match else (-1, -1)
        if match and match[3]:
            hour = (
                -1 if not 1 <= hour <= 12 else hour % 12 + (12 if match[3].lower() == "pm" else 0)
            )
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise forms.ValidationError(
                _("%(name)s must be a real time, like 14:30") % values, code="invalid_time"
            )
        return timezone.make_aware(datetime.combine(on, dt_time(hour, minute)))
