"""The made-up council's well-being surveys: last year and this year, answered by enough made-up
children that every indicator shows, loaded once however often the demonstration is loaded."""

from django.utils import timezone

from childrights.accounts.demo import demo_accounts_load
from childrights.councils.demo import demo_council
from childrights.parenting import wellbeing
from childrights.parenting.demo.wellbeing import wellbeing_demo_load
from childrights.parenting.models import WellbeingSurvey
from childrights.participation.models import Consultation, Response


def test_the_demonstration_council_has_two_years_of_surveys_with_figures(db):
    demo_accounts_load()
    wellbeing_demo_load()
    wellbeing_demo_load()
    council = demo_council()
    year = timezone.localdate().year
    surveys = WellbeingSurvey.objects.filter(council=council).order_by("year")
    assert [survey.year for survey in surveys] == [year - 1, year]
    assert all(s.consultation.status == Consultation.Status.CLOSED for s in surveys)
    responses = Response.objects.filter(consultation__in=[s.consultation for s in surveys])
    assert responses.count() == 52 + 60
    results = wellbeing.indicator_results(council=council, year=year)
    assert all(result.this_year is not None for result in results)
    assert all(result.last_year is not None for result in results)
    # One made-up council: nothing to compare it with, and no real council is used.
    assert all(result.benchmark is None for result in results)
    trusted = next(result for result in results if result.slug == "trusted-adult")
    assert trusted.this_year.percent > trusted.last_year.percent
