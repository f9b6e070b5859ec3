"""A safeguarding lead gives a mobile number for urgent alerts on their account page, in English
and Welsh: a number that is not a UK mobile is refused with the GOV.UK error summary linking to
the box; a right one is texted a 6-digit code, a wrong code is refused the same way, and the
number is saved, and shown as people write it, once the code is entered. Every page passes
axe."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.accounts import mobile_confirmation
from childrights.accounts.models import User
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser


def test_a_lead_gives_a_mobile_number_for_urgent_alerts(
    visitor: Visitor,
    language: str,
    t: Callable[[str], str],
    reference_data: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mobile_confirmation, "_new_code", lambda: "123456")
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_user(role="safeguarding-lead", council=council, preferred_language=language)
    visitor.sign_in_as(lead)
    visitor.start("/account/", language)
    main = visitor.page.locator("main")
    expect(main).to_contain_text(t("None: emails only"))
    visitor.follow(
        main.get_by_role("link", name=t("Change") + " " + t("mobile number for urgent alerts"))
    )
    box = main.get_by_label(t("Mobile number for urgent safeguarding alerts (optional)"))
    box.fill("020 7946 0000")
    visitor.submit(t("Save mobile number"))
    summary = visitor.page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        t("This is a landline number. Enter a UK mobile number, like 07700 900982")
    )
    summary.get_by_role("link").click()
    expect(box).to_be_focused()
    assert User.objects.get(pk=lead.pk).mobile_number == ""
    box.fill("+44 (0)7700 900982")
    visitor.submit(t("Save mobile number"))
    expect(main.locator("h1")).to_have_text(t("Check your phone"))
    expect(main).to_contain_text("07700 900982")
    assert User.objects.get(pk=lead.pk).mobile_number == ""
    code = main.get_by_label(t("Code from the text message"))
    code.fill("654321")
    visitor.submit(t("Confirm mobile number"))
    summary = visitor.page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        t("The code is not right. Check the text message and try again")
    )
    summary.get_by_role("link").click()
    expect(code).to_be_focused()
    assert User.objects.get(pk=lead.pk).mobile_number == ""
    code.fill("123456")
    visitor.submit(t("Confirm mobile number"))
    expect(visitor.page.locator("main")).to_contain_text("07700 900982")
    assert User.objects.get(pk=lead.pk).mobile_number == "+447700900982"
