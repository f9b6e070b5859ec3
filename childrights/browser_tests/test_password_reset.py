"""A forgotten password: ask for a link by email, follow it, choose a new password."""

import re
from collections.abc import Callable

import pytest
from django.core.mail import EmailMessage
from playwright.sync_api import expect

from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a brand new kettle on the hob"


def test_staff_member_resets_a_forgotten_password_from_an_emailed_link(
    visitor: Visitor, language: str, t: Callable[[str], str], mailoutbox: list[EmailMessage]
) -> None:
    user = make_user(role="council-staff", council=make_council(), preferred_language=language)
    page = visitor.page

    visitor.start("/sign-in/", language)
    visitor.follow(page.get_by_role("link", name=t("I have forgotten my password")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Reset your password"))
    page.get_by_label(t("Email address"), exact=True).fill(user.email)
    visitor.submit(t("Send the link"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your email"))

    # The live server runs in this process, so its email lands in this outbox.
    assert [message.to for message in mailoutbox] == [[user.email]]
    link = re.search(r"https?://\S+/password-reset/\S+/", str(mailoutbox[0].body))
    assert link is not None, mailoutbox[0].body
    assert link.group().startswith(visitor.base_url + "/")

    visitor.goto(link.group())
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Choose a new password"))
    page.get_by_label(t("New password"), exact=True).fill(NEW_PASSWORD)
    page.get_by_label(t("New password confirmation"), exact=True).fill(NEW_PASSWORD)
    visitor.submit(t("Save password"))

    expect(page).to_have_url(visitor.url("/password-reset/complete/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your password has been changed"))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
