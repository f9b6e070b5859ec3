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
    code = "cy" if language == "cy" else "en"
    labels = {
        question["key"]: question["label"][code]
        for stage in template.definition["stages"]
        for question in stage["questions"]
    }
    page = visitor.page

    # The author starts the assessment and screens the proposal: no full assessment needed.
    visitor.sign_in_as(author)
    visitor.start(f"/councils/{council.pk}/impact-assessments/", language)
    visitor.follow(page.get_by_role("link", name=t("Start an assessment")))
    page.get_by_label(t("What is proposed"), exact=True).fill("New library opening hours")
    page.get_by_label(t("Policy"), exact=True).check()
    visitor.submit(t("Save"))
    page.get_by_label(labels["proposal"], exact=True).fill("Open the central library on Sundays")
    page.get_by_label(labels["decision_owner"], exact=True).fill("Head of Libraries")
    page.get_by_label(t("Day"), exact=True).fill("2")
    page.get_by_label(t("Month"), exact=True).fill("11")
    page.get_by_label(t("Year"), exact=True).fill("2026")
    page.get_by_label(labels["desired_outcome"], exact=True).fill("More families use the library")
    page.get_by_label(labels["children_direct"], exact=True).fill("Children who use the library")
    conclusion = page.get_by_role("group", name=labels["full_needed"])
    conclusion.get_by_label(t("No"), exact=True).check()
    page.get_by_label(t("Your reasons"), exact=True).fill("Longer opening only adds choice")
    visitor.submit(t("Save answers"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("Your answers have been saved.")
    )
    assessment = Assessment.objects.get(council=council)
    history = f"/impact-assessments/{assessment.pk}/history/"
    visitor.goto(history)
    visitor.submit(t("Send for sign-off"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Sent for sign-off. An accountable officer can sign it off.")
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
