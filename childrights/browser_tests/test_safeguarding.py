"""A safeguarding lead reviews a possible disclosure and records a referral; a council officer
moderates a written answer, is refused while a phone number is left, removes it and approves."""

from collections.abc import Callable

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from childrights.accounts.models import User
from childrights.participation.models import Decision, Quote
from childrights.testing.auth import current_code
from childrights.testing.browser import Visitor
from childrights.testing.factories import PASSWORD, make_council, make_device, make_user
from childrights.testing.participation import (
    make_consultation,
    make_response,
    make_safeguarding_lead,
)

pytestmark = pytest.mark.browser


def _sign_in(visitor: Visitor, t: Callable[[str], str], person: User) -> None:
    page = visitor.page
    device = None
    if person.requires_two_factor:  # designated safeguarding leads need a second factor
        device = TOTPDevice.objects.filter(user=person).first() or make_device(user=person)
    visitor.goto("/sign-in/")
    page.get_by_label(t("Email address"), exact=True).fill(person.email)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    visitor.submit(t("Sign in"))
    if device is not None:
        page.get_by_label(t("Code from your authenticator app")).fill(current_code(device))
        visitor.submit(t("Continue"))


def test_a_safeguarding_lead_reviews_a_disclosure_and_refers_it(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_safeguarding_lead(council, preferred_language=language)
    consultation = make_consultation(council=council, safeguarding_lead=lead)
    make_response(consultation=consultation, text="My stepdad hits me and I am scared to go home")
    page = visitor.page

    visitor.start("/", language)
    _sign_in(visitor, t, lead)
    visitor.goto(f"/councils/{council.pk}/safeguarding/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Safeguarding queue"))
    expect(page.locator("main table").first).to_contain_text(t("Urgent"))

    visitor.follow(page.locator("main table a").first)
    expect(page.locator("main mark").first).to_contain_text("hits me")
    page.get_by_label(t("Referral to children's social care"), exact=True).check()
    page.get_by_label(t("Reason"), exact=True).fill("Spoke to the school; referred the same day.")
    visitor.submit(t("Record the decision"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The decision has been recorded.")
    )
    assert Decision.objects.get().outcome == Decision.Outcome.SOCIAL_CARE

    visitor.follow(page.locator(".govuk-back-link"))
    expect(page.locator("main table").last).to_contain_text(t("Referral to children's social care"))


def test_a_council_officer_moderates_an_answer_with_a_phone_number(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    consultation = make_consultation(council=council)
    make_response(consultation=consultation, text="Fix the swings and call me on 07700 900123")
    page = visitor.page

    visitor.sign_in_as(officer)
    visitor.start(f"/consultations/{consultation.pk}/moderation/", language)
    visitor.follow(page.locator("main table a").first)
    expect(page.locator("main mark")).to_contain_text("07700 900123")

    page.get_by_label(t("Approve the text below for publishing"), exact=True).check()
    page.get_by_label(t("Text to publish"), exact=True).fill(
        "Fix the swings and call me on 07700 900123"
    )
    visitor.submit(t("Save the decision"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("07700 900123")
    assert not Quote.objects.exists()

    page.get_by_label(t("Text to publish"), exact=True).fill("Fix the swings, please")
    visitor.submit(t("Save the decision"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The decision on this answer has been saved.")
    )
    expect(page.locator("main")).to_contain_text("Fix the swings, please")
    assert Quote.objects.get().redacted == "Fix the swings, please"


def test_a_safeguarding_lead_adds_a_phrase_of_the_councils_own_and_removes_it(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_safeguarding_lead(council, preferred_language=language)
    page = visitor.page

    # Signed in already: the test above signs a safeguarding lead in with the form and code.
    visitor.sign_in_as(lead)
    visitor.start(f"/councils/{council.pk}/safeguarding/", language)
    visitor.follow(page.get_by_role("link", name=t("Phrases that put a response in this queue")))
    page.get_by_label(t("Phrase"), exact=True).fill("Kill myself")
    page.get_by_label(t("English"), exact=True).check()
    page.get_by_label(t("Self-harm and suicide"), exact=True).check()
    page.get_by_label(t("Urgent"), exact=True).check()
    visitor.submit(t("Add the phrase"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    page.get_by_label(t("Phrase"), exact=True).fill("trap house")
    page.get_by_label(t("Sexual exploitation"), exact=True).check()
    visitor.submit(t("Add the phrase"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The phrase has been added.")
    )
    visitor.follow(page.get_by_role("link", name=t("Remove") + " trap house"))
    visitor.submit(t("Remove the phrase"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The phrase has been removed.")
    )
