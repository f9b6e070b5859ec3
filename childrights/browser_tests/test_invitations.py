"""A council lead invites a colleague, who opens the emailed link, chooses a password and joins;
the lead sees only what they typed until then."""

import re
from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from childrights.accounts.models import Invitation, Membership, Role
from childrights.testing.browser import Visitor
from childrights.testing.factories import PASSWORD, make_council, make_device, make_user

pytestmark = pytest.mark.browser


def test_a_lead_invites_a_colleague_who_sets_up_an_account_and_joins(
    visitor: Visitor,
    browser: Browser,
    language: str,
    t: Callable[[str], str],
    reference_data: None,
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_user(role="council-lead", council=council, preferred_language=language)
    make_device(user=lead)
    page = visitor.page
    visitor.sign_in_as(lead)

    # An invitation to a safeguarding role the programme team sent waits for the lead's word.
    waiting = Invitation.objects.create(
        council=council,
        role=Role.objects.get(slug="safeguarding-lead"),
        email="dsl@aberfield.example",
        invited_by=make_user(role="programme-team"),
    )
    visitor.start(f"/councils/{council.pk}/team/", language)
    expect(page.locator("main")).to_contain_text(t("Waiting for confirmation"))
    visitor.follow(
        page.get_by_role("button", name=f"{t('Confirm and send')} dsl@aberfield.example")
    )
    expect(page.locator("main")).to_contain_text(t("Confirmed. The invitation has been sent."))
    waiting.refresh_from_db()
    assert waiting.confirmed_by == lead

    visitor.goto(f"/councils/{council.pk}/team/add/")
    page.get_by_label(t("Full name")).fill("Ada Jones")
    page.get_by_label(t("Work email address")).fill("ada@aberfield.example")
    staff = Role.objects.get(slug="council-staff")
    page.get_by_role("radio", name=staff.name_cy if language == "cy" else staff.name_en).check()
    visitor.submit(t("Add to team"))
    expect(page.locator("main")).to_contain_text(t("Invitations not yet accepted"))
    assert not Membership.objects.filter(user__email="ada@aberfield.example").exists()

    found = re.search(r"http://\S+(/invitations/\S+/)", str(mail.outbox[-1].body))
    assert found is not None
    newcomer = Visitor(browser, visitor.base_url)  # a browser of the invited person's own
    try:
        newcomer.start(found.group(1), language)
        newcomer.page.get_by_label(t("Choose a password")).fill(PASSWORD)
        newcomer.page.get_by_label(t("Type the password again")).fill(PASSWORD)
        newcomer.submit(t("Create my account and join"))
        expect(newcomer.page.locator("main")).to_contain_text(
            t("Your account is ready. Sign in to start.")
        )
    finally:
        newcomer.finish()
    assert Membership.objects.filter(user__email="ada@aberfield.example", council=council).exists()
