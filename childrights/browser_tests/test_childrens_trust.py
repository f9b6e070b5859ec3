"""Children's trust, in a real browser: a disclosure written as a survey closes still reaches the
lead, who records that the child cannot be identified; leaving or the quick exit leaves nothing
for the next child on the device; the cookies page lists the cookies really set; a stranger
replaying answers cannot stop another child sending."""

import datetime
import time
from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from childrights.accounts.models import Membership
from childrights.core.cookies import cookies_used
from childrights.core.ratelimit import Limit
from childrights.participation.journey import finding, sending
from childrights.participation.models import Concern, Consultation, Decision, Response
from childrights.participation.tests.test_journey_support import answer_all
from childrights.testing.auth import current_code
from childrights.testing.browser import Visitor, translated
from childrights.testing.factories import PASSWORD, make_council, make_device, make_user
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.browser

DISCLOSURE = "my step dad hits me when mum is out"
TEXT_QUESTION = {
    "en-gb": "Is there anything else you want to tell us?",
    "cy": "Oes unrhyw beth arall rwyt ti eisiau ei ddweud wrthym?",
}


def _to_check_page(visitor: Visitor, t: Callable[[str], str], language: str, text: str) -> None:
    """From a consultation's start page to "Check your answers", answering only what must be."""
    page = visitor.page
    visitor.submit(t("Start now"))
    page.get_by_role("radio", name=t("12 to 15"), exact=True).check()
    visitor.submit(t("Continue"))
    visitor.submit(t("Continue"))  # the privacy notice
    _answer_questions(visitor, t, language, text)


def _answer_questions(
    visitor: Visitor, t: Callable[[str], str], language: str, text: str = ""
) -> None:
    """Answer each question page (the first choice; ``text`` where one can write) until
    "Check your answers"."""
    page = visitor.page
    while page.get_by_role("heading", level=1).inner_text() != t("Check your answers"):
        box = page.get_by_role("textbox", name=TEXT_QUESTION[language])
        if box.count():
            box.fill(text)
        else:
            radios = page.locator(".govuk-radios__input, .govuk-checkboxes__input")
            if radios.count():
                radios.first.check()
            selects = page.locator("select")
            for n in range(selects.count()):
                selects.nth(n).select_option(index=n + 1)
        visitor.submit(t("Continue"))


def test_a_disclosure_written_as_the_survey_closed_reaches_the_lead_who_records_it(
    visitor: Visitor,
    browser: Browser,
    language: str,
    t: Callable[[str], str],
    reference_data: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    lead = consultation.safeguarding_lead
    assert lead is not None
    lead.preferred_language = language
    lead.save()
    make_device(user=lead)
    monkeypatch.setattr(finding, "SEND_READ_SECONDS", 0)
    page = visitor.page
    visitor.start(f"/have-your-say/{consultation.link_key}/", language)
    _to_check_page(visitor, t, language, DISCLOSURE)

    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    visitor.submit(t("Send my answers"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("This survey has closed"))
    help_box = page.locator(".app-disclosure-help")
    expect(help_box).to_contain_text(
        t("A person whose job is to keep children safe will read what you wrote.")
    )
    expect(help_box).to_contain_text("0800 1111")
    assert not Response.objects.exists()
    concern = Concern.objects.get()
    assert concern.refused == Concern.Refused.CLOSED
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([lead.email, consultation.safeguarding_deputy.email])
    assert all("hits me" not in message.body for message in mail.outbox)

    # The lead, on a browser of their own, finds it in the queue and records the outcome.
    # (Signing in with the form and the code is checked by the cookies test below, and a
    # safeguarding lead's sign-in by test_safeguarding.)
    lead_visitor = Visitor(browser, visitor.base_url)
    try:
        lead_page = lead_visitor.page
        lead_visitor.sign_in_as(lead)
        lead_visitor.start(f"/councils/{council.pk}/safeguarding/", language)
        expect(lead_page.locator("main")).to_contain_text(t("Answers not accepted"))
        lead_visitor.follow(
            lead_page.get_by_role("link", name=t("Concern %(number)s") % {"number": concern.pk})
        )
        expect(lead_page.locator("main")).to_contain_text("hits me")
        lead_visitor.submit(t("I have reviewed this concern"))
        lead_page.get_by_role(
            "radio", name=t("Cannot identify the child: recorded as intelligence")
        ).check()
        lead_page.get_by_label(t("Reason")).fill("Anonymous survey; noted for the area's MASH.")
        lead_visitor.submit(t("Record the decision"))
        expect(lead_page.locator("main")).to_contain_text(t("The decision has been recorded."))
    finally:
        lead_visitor.finish()
    decision = Decision.objects.get()
    assert decision.outcome == Decision.Outcome.CANNOT_IDENTIFY
    concern.refresh_from_db()
    assert concern.first_reviewed_by == lead


SECRET = "my secret answer about home"


def _answered_with_the_test_client(
    visitor: Visitor, consultation: Consultation, language: str, text: str
) -> str:
    """A child answers every question (aged 12 to 15, writing ``text``) with Django's test
    client, in ``language``, then carries on in this browser; returns the path of "Check your
    answers". The pages on the way are walked in a real browser, in each language, by the
    disclosure and cookies tests."""
    child = Client()
    child.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    answer_all(child, consultation, age_band="12-15", text=text)
    visitor.take_session(child)
    return f"/have-your-say/{consultation.link_key}/?step=check"


def _a_child_reaches_the_check_page(visitor: Visitor, language: str) -> Consultation:
    consultation = make_consultation(
        council=make_council(name="Aberfield City Council", short_name="Aberfield")
    )
    visitor.start(_answered_with_the_test_client(visitor, consultation, language, SECRET), language)
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        translated("Check your answers", language)
    )
    expect(visitor.page.locator(".govuk-summary-list")).to_contain_text(SECRET)
    return consultation


def _the_next_child_finds_nothing(visitor: Visitor, t: Callable[[str], str], consultation) -> None:
    """Back shows nothing of the answers, and a new start does not offer to carry on."""
    page = visitor.page
    page.go_back()
    visitor.check_page()
    assert "my secret answer" not in page.content()
    visitor.goto(f"/have-your-say/{consultation.link_key}/")
    expect(page.locator("main")).not_to_contain_text(
        t("Someone has started this survey on this device and not sent it yet.")
    )


def test_after_leave_and_clear_back_and_a_new_start_show_nothing(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    consultation = _a_child_reaches_the_check_page(visitor, language)
    visitor.submit(t("Leave and clear my answers"))
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        t("Your answers have been cleared")
    )
    _the_next_child_finds_nothing(visitor, t, consultation)


def test_the_quick_exit_leaves_nothing_behind(
    visitor: Visitor,
    t: Callable[[str], str],
    language: str,
    reference_data: None,
    settings: object,
) -> None:
    settings.QUICK_EXIT_URL = "/"  # type: ignore[attr-defined]  # a page on this server
    consultation = _a_child_reaches_the_check_page(visitor, language)
    visitor.follow(visitor.page.get_by_role("button", name=t("Exit this page")))
    assert visitor.page.url.rstrip("/") == visitor.base_url
    _the_next_child_finds_nothing(visitor, t, consultation)


def test_the_cookies_page_lists_every_cookie_a_child_and_staff_get(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    page = visitor.page
    visitor.start(f"/have-your-say/{consultation.link_key}/", language)
    _to_check_page(visitor, t, language, DISCLOSURE)
    visitor.submit(t("Send my answers"))
    # An anonymous survey: the receipt is honest that nobody can come to find the child.
    expect(page.locator(".app-disclosure-help")).to_contain_text(
        t(
            "This survey does not ask who you are. So the council cannot tell who wrote your "
            "answers, and cannot come to find you."
        )
    )
    child = {cookie["name"]: cookie for cookie in visitor.context.cookies()}
    assert "participation_receipt" in child
    session_left = child["sessionid"]["expires"] - time.time()
    assert 25 * 60 < session_left <= 30 * 60

    # A member of staff on the same browser.
    staff = consultation.safeguarding_deputy
    assert staff is not None
    device = make_device(user=staff)
    visitor.goto("/sign-in/")
    page.get_by_label(t("Email address"), exact=True).fill(staff.email)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    visitor.submit(t("Sign in"))
    page.get_by_label(t("Code from your authenticator app")).fill(current_code(device))
    visitor.submit(t("Continue"))
    staff_cookies = {cookie["name"]: cookie for cookie in visitor.context.cookies()}
    assert staff_cookies["sessionid"]["expires"] == -1  # ends when the browser closes

    visitor.goto("/cookies/")
    listed = set(page.locator("main table tbody th code").all_inner_texts())
    assert listed == {cookie.name for cookie in cookies_used()}
    seen = set(child) | set(staff_cookies)
    assert seen <= listed, f"cookies set but not on the cookies page: {seen - listed}"


def test_replaying_one_childs_answers_does_not_stop_another_child_sending(
    visitor: Visitor,
    browser: Browser,
    live_server: LiveServer,
    reference_data: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        sending, "LINK_LIMIT", Limit("participation:link", 5, datetime.timedelta(minutes=1))
    )
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    page = visitor.page
    visitor.goto(_answered_with_the_test_client(visitor, consultation, "en-gb", "More swings"))
    payload = page.locator('input[name="payload"]').get_attribute("value")
    visitor.submit("Send my answers")
    stranger = Client()
    for _ in range(20):
        replayed = stranger.post(
            f"/have-your-say/{consultation.link_key}/send/", {"payload": payload}
        )
        assert replayed.status_code == 303
    assert Response.objects.count() == 1

    another = Visitor(browser, live_server.url)
    try:
        another.goto(_answered_with_the_test_client(another, consultation, "en-gb", "A skate park"))
        another.submit("Send my answers")
        expect(another.page.get_by_role("heading", level=1)).to_have_text(
            "Your answers have been sent"
        )
    finally:
        another.finish()
    assert Response.objects.count() == 2


def test_a_child_reads_the_privacy_notice_sees_a_full_link_and_takes_answers_back(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    page = visitor.page
    visitor.start(f"/have-your-say/{consultation.link_key}/", language)
    visitor.submit(t("Start now"))
    page.get_by_role("radio", name=t("12 to 15"), exact=True).check()
    visitor.submit(t("Continue"))
    visitor.follow(page.get_by_role("link", name=t("Read the full privacy notice for this survey")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Privacy notice"))
    expect(page.locator("main")).to_contain_text("Aberfield City Council")
    page.go_back()
    visitor.check_page()
    visitor.submit(t("Continue"))
    _answer_questions(visitor, t, language)
    visitor.submit(t("Send my answers"))
    code = page.locator(".app-secret-key").inner_text()

    visitor.follow(page.get_by_role("link", name=t("Use your code")))
    page.get_by_label(t("Your receipt code")).fill(code)
    visitor.submit(t("Continue"))
    expect(page.locator("main")).to_contain_text(t("What you said"))
    visitor.submit(t("Take my answers back"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Are you sure you want to take your answers back?")
    )
    visitor.submit(t("Yes, take my answers back"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Your answers have been taken back")
    )
    # Back, then forward again: nothing asks to send a form again.
    page.reload()
    visitor.check_page()

    Consultation.objects.filter(pk=consultation.pk).update(responses_limit=0)
    visitor.goto(f"/have-your-say/{consultation.link_key}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("This survey cannot take more answers")
    )


def test_a_council_lead_is_told_why_a_named_safeguarding_lead_cannot_be_removed(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    owner = make_user(role="council-lead", council=council, preferred_language=language)
    make_device(user=owner)
    page = visitor.page
    visitor.sign_in_as(owner)
    membership = Membership.objects.get(
        user=consultation.safeguarding_lead, role__slug="safeguarding-lead"
    )
    visitor.start(f"/memberships/{membership.pk}/remove/", language)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("You cannot remove this role yet")
    )
    expect(page.get_by_role("button", name=t("Remove role"))).to_have_count(0)
    assert Membership.objects.filter(pk=membership.pk).exists()
