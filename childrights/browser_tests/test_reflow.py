"""Pages with wide tables fit the screen (WCAG 2.2 1.4.10 reflow): on a 320 px phone the public
pages do not scroll sideways, because each wide table scrolls in its own labelled region (the
harness measures every page loaded on so narrow a screen); the programme report fits a 1,280 px
window."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from childrights.assessments.demo import PUBLISHED
from childrights.assessments.tests.test_register import published
from childrights.outcomes import tasks
from childrights.outcomes.models import Report
from childrights.programme.seed import programme_seed_load
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_partnership, make_user

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/cookies/",
    "/frameworks/",
    "/partners/leeds/",
    "/partners/derry/",
    "/published-assessments/",
]


def test_public_pages_with_tables_fit_a_small_phone(
    visitor: Visitor, language: str, reference_data: None
) -> None:
    programme_seed_load()
    council = make_council(name="Demoshire Council", short_name="Demoshire", is_demo=True)
    assessment = published(council, title="One youth hub")
    assessment.versions.update(answers=PUBLISHED)
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})

    visitor.start(PUBLIC_PAGES[0], language)
    for path in [
        *PUBLIC_PAGES[1:],
        f"/published-assessments/{council.gss_code}/{assessment.public_key}/",
    ]:
        visitor.goto(path)

    # Its tables scroll in regions a keyboard can reach and a screen reader names.
    regions = page.locator(".app-table-scroll")
    expect(regions).to_have_count(page.get_by_role("table").count())
    for region in regions.all():
        expect(region).to_have_attribute("role", "region")
        expect(region).to_have_attribute("tabindex", "0")
        expect(region).to_have_accessible_name(re.compile(".+"))


def test_the_programme_report_fits_a_desktop_window(visitor: Visitor, reference_data: None) -> None:
    for n in range(6):
        make_partnership(
            council=make_council(name=f"The Metropolitan Borough Council of Somewhere {n}")
        )
    report = Report.objects.create(
        kind=Report.Kind.PROGRAMME,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    tasks.report_build.call(report_id=report.pk)
    visitor.sign_in_as(make_user(role="programme-team"))
    page = visitor.page
    page.set_viewport_size({"width": 1280, "height": 800})

    visitor.goto(f"/programme-reports/{report.pk}/")

    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1280, f"the programme report is {width} px wide in a 1,280 px window"
    expect(page.get_by_role("region", name="Headline figures of each partner")).to_be_visible()
