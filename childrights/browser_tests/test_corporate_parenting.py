"""Corporate parenting, in English and in Welsh, with axe on every page: a young person in care
answers the council's well-being survey on a phone, and the answers reach the staff's
well-being page; a team manager builds the board's report for a period and reads it, and its
version for the Children in Care Council, and the PDF downloads."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from childrights.parenting.models import BoardReport
from childrights.participation.models import Response
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_team
from childrights.testing.wellbeing import make_wellbeing_survey

pytestmark = pytest.mark.browser


def fits_a_small_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"


def test_a_young_person_answers_the_well_being_survey_on_a_phone(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    # A council in Wales asks in English and Welsh; one in England in English.
    welsh = language == "cy"
    council = make_council(
        name="Aberfield City Council",
        short_name="Aberfield",
        **({"nation": "wales", "gss_code": "W06000099"} if welsh else {}),
    )
    survey = make_wellbeing_survey(council=council, year=timezone.localdate().year)
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})
    visitor.start(f"/have-your-say/{survey.consultation.link_key}/", language)
    fits_a_small_phone(page)
    visitor.submit(t("Start now"))
    page.get_by_role("radio", name=t("12 to 15"), exact=True).check()
    visitor.submit(t("Continue"))
    visitor.submit(t("Continue"))  # before you start: keeping you safe
    answered = 0
    while page.get_by_role("heading", level=1).inner_text() != t("Check your answers"):
        fits_a_small_phone(page)
        choices = page.get_by_role("radio")
        if choices.count():
            choices.first.check()
            answered += 1
        visitor.submit(t("Continue"))
    assert answered >= 10
    visitor.submit(t("Send my answers"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your answers have been sent"))
    fits_a_small_phone(page)
    assert Response.objects.filter(consultation=survey.consultation).count() == 1

    # The council's staff see the survey on their well-being page (one child: no figures).
    staff = make_user(role="council-staff", council=council)
    visitor.sign_in_as(staff)
    page.set_viewport_size({"width": 1280, "height": 900})
    visitor.goto(f"/councils/{council.pk}/wellbeing/")
    expect(page.get_by_role("main")).to_contain_text("Llai na 10" if welsh else "Fewer than 10")


def test_a_team_manager_builds_the_board_s_report(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    manager = make_user(role="team-manager", council=council, email="manager@a.example")
    make_team(council=council, managers=[manager])
    visitor.sign_in_as(manager)
    page = visitor.page
    visitor.start("/councils/", language)
    visitor.follow(
        page.get_by_role(
            "link",
            name=t("Corporate parenting board reports – %(council)s") % {"council": "Aberfield"},
        )
    )
    visitor.follow(page.get_by_role("link", name=t("Request a report")))
    page.get_by_role("group", name=t("To")).get_by_label(t("Year")).fill("2999")
    visitor.submit(t("Build the report"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("The report must end today or earlier: a period still to come has no figures")
    )
    assert not BoardReport.objects.exists()
    # Reports cover whole months: from 1 January to the end of last month.
    last_day = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    start = page.get_by_role("group", name=t("From"))
    start.get_by_label(t("Day")).fill("1")
    start.get_by_label(t("Month")).fill("1")
    start.get_by_label(t("Year")).fill(str(last_day.year))
    end = page.get_by_role("group", name=t("To"))
    end.get_by_label(t("Day")).fill(str(last_day.day))
    end.get_by_label(t("Month")).fill(str(last_day.month))
    end.get_by_label(t("Year")).fill(str(last_day.year))
    visitor.submit(t("Build the report"))
    report = BoardReport.objects.get()
    assert report.status == BoardReport.Status.DONE
    main = page.get_by_role("main")
    expect(main).to_contain_text(t("1. Children’s views before their meetings"))
    expect(main).to_contain_text(t("3. Feeling safe"))
    pdf = page.request.get(
        page.get_by_role("link", name=t("Download this report as a PDF")).get_attribute("href")
        or ""
    )
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    visitor.follow(
        page.get_by_role("link", name=t("Read the version for the Children in Care Council"))
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        t("How we are doing as your corporate parent")
    )
