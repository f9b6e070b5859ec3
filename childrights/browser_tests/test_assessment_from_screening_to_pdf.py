"""A decision from its screening to a published assessment and its PDF: the author screens the
proposal and sends it for sign-off; a second person, the accountable officer, signs it off and
publishes it; the public read it on the council's register and download the PDF."""

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from childrights.assessments.models import Assessment, Template
from childrights.browser_tests.assessment_support import (
    answer_the_screening,
    question_labels,
    start_an_assessment,
)
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser


def test_a_screening_is_signed_off_by_a_second_person_published_and_downloaded(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    author = make_user(role="council-staff", council=council, preferred_language=language)
    officer = make_user(role="accountable-officer", council=council, preferred_language=language)
    template = Template.objects.get(slug="default", is_current=True)
    page = visitor.page

    # The author starts the assessment and screens the proposal: no full assessment needed.
    visitor.sign_in_as(author)
    start_an_assessment(
        visitor, language, t, council=council, proposed="New library opening hours", kind="Policy"
    )
    visitor.submit(t("Save"))
    answer_the_screening(
        visitor,
        t,
        question_labels(template, language),
        proposal="Open the central library on Sundays",
        decision_owner="Head of Libraries",
        decided_on=("2", "11", "2026"),
        desired_outcome="More families use the library",
        children_direct="Children who use the library",
        full_needed=False,
        reasons="Longer opening only adds choice",
    )
    visitor.submit(t("Save answers"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("Your answers have been saved.")
    )
    assessment = Assessment.objects.get(council=council)
    history = f"/impact-assessments/{assessment.pk}/history/"
    visitor.goto(history)
    visitor.follow(page.get_by_role("link", name=t("Send for sign-off"), exact=True))
    page.get_by_role("radio").first.check()  # the one accountable officer who did not write it
    visitor.submit(t("Confirm and send for sign-off"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Sent to %(officer)s for sign-off.") % {"officer": officer.full_name or officer.email}
    )
    visitor.submit(t("Sign out"))

    # The accountable officer, a second person, signs it off and publishes it.
    visitor.sign_in_as(officer)
    visitor.goto(history)
    visitor.follow(page.get_by_role("link", name=t("Sign off"), exact=True))
    visitor.submit(t("Sign off"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Signed off. This version can no longer be changed.")
    )
    visitor.follow(page.get_by_role("link", name=t("Publish"), exact=True))
    page.get_by_label(t("Summary for children (English)"), exact=True).fill(
        "The library will be open on Sundays too."
    )
    visitor.submit(t("Publish"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Published. Anyone can now read it on the public register.")
    )
    visitor.submit(t("Sign out"))

    # Anyone reads it on the council's register and downloads the PDF.
    assessment.refresh_from_db()
    visitor.goto(f"/published-assessments/{council.gss_code}/")
    visitor.follow(page.get_by_role("link", name="New library opening hours"))
    expect(page.locator(".app-summary-for-children")).to_contain_text(
        "The library will be open on Sundays too."
    )
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=t("Download this assessment as a PDF (version %(number)s)") % {"number": 1}
        ).click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Open the central library on Sundays" in text
    assert officer.full_name in text
