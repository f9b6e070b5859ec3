"""A council lead requests a progress report for a period (a bad period is explained first),
reads it when it is ready, downloads the PDF and publishes it; the public read the summary, in
Welsh too. The programme team builds the report that puts the partners side by side."""

import datetime
import io
import re
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from childrights.councils.models import Council
from childrights.framework.models import Principle
from childrights.outcomes.models import Rating, Report, Round
from childrights.participation.models import Response
from childrights.testing.browser import Visitor, translated
from childrights.testing.dates import fill_date
from childrights.testing.factories import (
    make_council,
    make_device,
    make_partnership,
    make_user,
)
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.browser

LONDON = ZoneInfo("Europe/London")


def _records(council: Council) -> None:
    """A self-assessment round and twelve children's responses in the year to March 2026."""
    held = Round.objects.create(
        council=council, name="Year one", kind="yearly", held_on=datetime.date(2025, 6, 1)
    )
    for indicator, level in zip(
        Principle.objects.get(slug="participation").indicators.order_by("position"),
        [2, 3],
        strict=False,
    ):
        Rating.objects.create(round=held, indicator=indicator, level=level)
    consultation = make_consultation(
        council=council,
        questions=False,
        opens_on=datetime.date(2025, 5, 1),
        closes_on=datetime.date(2025, 6, 1),
    )
    for _ in range(12):
        Response.objects.create(
            consultation=consultation,
            council=consultation.council,
            submission_id=uuid.uuid4(),
            fingerprint="0" * 64,
            language="en",
            created_at=datetime.datetime(2025, 5, 2, 12, tzinfo=LONDON),
        )


def test_a_council_lead_requests_downloads_and_publishes_a_progress_report(
    visitor: Visitor, reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    make_partnership(council=council, slug="aberfield")
    _records(council)
    lead = make_user(role="council-lead", council=council)
    page = visitor.page

    make_device(user=lead)
    visitor.sign_in_as(lead)
    visitor.goto(f"/councils/{council.pk}/reports/")
    visitor.follow(page.get_by_role("link", name="Request a report"))

    fill_date(page, "From", "2026-03-31")
    fill_date(page, "To", "2025-04-01")
    visitor.submit("Build the report")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The last day must be on or after the first day"
    )
    assert not Report.objects.exists()

    fill_date(page, "From", "2025-04-01")
    fill_date(page, "To", "2026-03-31")
    visitor.submit("Build the report")
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress report")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Ready")
    expect(page.locator("svg.app-chart").first).to_be_visible()
    participation = page.locator("dl").filter(has_text="Children and young people who answered")
    expect(participation).to_contain_text("12")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this report as a PDF").click()
    assert download.value.suggested_filename == (
        "progress-report-aberfield-2025-04-01-2026-03-31.pdf"
    )
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Aberfield City Council" in text

    visitor.submit("Publish as the public summary")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Published. Anyone can now read this summary on the partner’s page."
    )
    visitor.submit("Sign out")

    # The public summary, with the count of children rounded to the nearest 5, then in Welsh.
    visitor.goto("/partners/aberfield/progress/")
    answered = page.locator(".govuk-summary-list__row").filter(
        has_text="Children and young people who answered"
    )
    expect(answered.locator("dd")).to_have_text(re.compile(r"^10\s"))
    visitor.switch_language("cy")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        translated("Progress in putting children’s rights at the heart of the council", "cy")
    )


def test_the_programme_team_puts_the_partners_side_by_side(
    visitor: Visitor, reference_data: None
) -> None:
    aberfield = make_council(name="Aberfield City Council", short_name="Aberfield")
    bramley = make_council(name="Bramley District Council", short_name="Bramley")
    make_partnership(council=aberfield)
    make_partnership(council=bramley)
    _records(aberfield)
    team = make_user(role="programme-team")
    page = visitor.page

    make_device(user=team)
    visitor.sign_in_as(team)
    visitor.goto("/programme-reports/")
    fill_date(page, "From", "2025-04-01")
    fill_date(page, "To", "2026-03-31")
    visitor.submit("Build the programme report")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme report")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Aberfield City Council")
    expect(rows.nth(0)).to_contain_text("2.50")
    expect(rows.nth(1)).to_contain_text("Bramley District Council")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this report as a PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
