"""Dates are typed one way, in the GOV.UK day, month and year boxes: an error names the field
and the part that is missing, and the error summary links to the boxes."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from childrights.core.forms import GovukDateField, GovukDateTimeField, GovukForm


class ClosingForm(GovukForm):
    closes_on = GovukDateField(
        label="Closes", name="The closing date", required_message="Enter the date it closes"
    )


class DecidedForm(GovukForm):
    decided_at = GovukDateTimeField(label="When", name="The date of the decision")


def _errors(form_class, **data):
    form = form_class(data)
    assert not form.is_valid()
    return form.errors


def test_a_date_missing_a_part_says_which_part_by_the_field_s_name():
    errors = _errors(ClosingForm, closes_on_day="23", closes_on_month="", closes_on_year="2026")
    assert errors["closes_on"] == ["The closing date must include a month"]
    errors = _errors(ClosingForm, closes_on_day="", closes_on_month="11", closes_on_year="2026")
    assert errors["closes_on"] == ["The closing date must include a day"]


def test_a_date_that_is_not_real_is_named_and_an_empty_one_is_asked_for():
    errors = _errors(ClosingForm, closes_on_day="31", closes_on_month="2", closes_on_year="2027")
    assert errors["closes_on"] == ["The closing date must be a real date, like 27 3 2027"]
    errors = _errors(ClosingForm, closes_on_day="1", closes_on_month="1", closes_on_year="27")
    assert errors["closes_on"] == ["The closing date must be a real date, like 27 3 2027"]
    assert _errors(ClosingForm)["closes_on"] == ["Enter the date it closes"]


def test_a_real_date_is_read_from_the_three_boxes():
    form = ClosingForm({"closes_on_day": " 3", "closes_on_month": "02", "closes_on_year": "2027"})
    assert form.is_valid()
    assert form.cleaned_data["closes_on"] == datetime.date(2027, 2, 3)


def test_a_date_and_time_reads_the_time_box_in_the_service_s_time_zone():
    data = {"decided_at_day": "5", "decided_at_month": "11", "decided_at_year": "2026"}
    form = DecidedForm(data | {"decided_at_time": "2:30pm"})
    assert form.is_valid()
    decided = timezone.localtime(form.cleaned_data["decided_at"])
    assert (decided.date(), decided.hour, decided.minute) == (datetime.date(2026, 11, 5), 14, 30)
    errors = _errors(DecidedForm, **data)
    assert errors["decided_at"] == ["The date of the decision must include a time"]
    errors = _errors(DecidedForm, **(data | {"decided_at_time": "25:00"}))
    assert errors["decided_at"] == ["The date of the decision must be a real time, like 14:30"]


def test_the_boxes_are_a_labelled_group_and_the_error_summary_links_to_the_day_box():
    form = ClosingForm({"closes_on_day": "23", "closes_on_month": "", "closes_on_year": "2026"})
    form.is_valid()
    page = render_to_string("core/forms/error_summary.html", {"form": form}) + str(form)
    assert '<a href="#id_closes_on_day">The closing date must include a month</a>' in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Closes' in page
    for part in ("day", "month", "year"):
        assert f'name="closes_on_{part}"' in page
    assert 'type="date"' not in page
    assert page.count("govuk-input--error") == 3  # each box of the date marked
    fine = ClosingForm({"closes_on_day": "23", "closes_on_month": "11", "closes_on_year": "2026"})
    assert "govuk-input--error" not in str(fine)
