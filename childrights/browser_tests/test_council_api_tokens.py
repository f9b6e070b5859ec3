"""A council lead creates an API token from the council's page, sees its secret once, and
revokes it after confirming; the token then stops working."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from childrights.api import tokens
from childrights.api.models import CouncilToken
from childrights.testing.browser import Visitor
from childrights.testing.dates import fill_date
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser


def test_a_lead_creates_sees_once_and_revokes_a_token(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_user(role="council-lead", council=council, preferred_language=language)
    page = visitor.page
    main = page.locator("main")

    visitor.sign_in_as(lead)
    visitor.start(f"/councils/{council.pk}/", language)
    visitor.follow(
        main.get_by_role("link", name=t("API tokens – %(council)s") % {"council": "Aberfield"})
    )
    expect(main).to_contain_text(t("The council has no tokens in use."))
    visitor.follow(main.get_by_role("button", name=t("Create a token")))

    # Nothing chosen: every problem is named and nothing is made.
    page.get_by_label(t("Name"), exact=True).fill("")
    visitor.submit(t("Create the token"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(t("Enter a name for the token"))
    expect(summary).to_contain_text(t("Select at least one thing the token may do"))
    assert not CouncilToken.objects.exists()

    page.get_by_label(t("Name"), exact=True).fill("Performance system")
    page.get_by_label(t("Import outcome indicator measurements")).check()
    fill_date(page, t("Expiry date"), timezone.localdate() + timedelta(days=60), t=t)
    visitor.submit(t("Create the token"))

    secret_box = page.get_by_test_id("token-secret")
    secret = secret_box.inner_text().strip()
    assert tokens.looks_like_secret(secret)
    token = CouncilToken.objects.get()
    assert token.secret_hash == tokens.secret_hash(secret)
    assert token.actions == ["import_measurements"]

    client = Client()
    auth = {"Authorization": f"Bearer {secret}"}
    csv = "indicator,period_end,value\ncare-leavers-in-eet,2025-03-31,52\n"
    assert (
        client.post(
            "/api/v1/council/measurements", csv, content_type="text/csv", headers=auth
        ).status_code
        == 200
    )

    visitor.follow(main.get_by_role("link", name=t("Back to the API tokens")))
    expect(main).to_contain_text("Performance system")
    expect(main).to_contain_text(token.prefix)
    expect(main).not_to_contain_text(secret)

    visitor.follow(main.get_by_role("link", name=f"{t('Revoke')} Performance system"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Revoke the token “%(name)s”?") % {"name": "Performance system"}
    )
    visitor.submit(t("Revoke the token"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The token “%(name)s” has been revoked.") % {"name": "Performance system"}
    )
    expect(main).to_contain_text(t("Expired and revoked tokens"))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert (
        client.post(
            "/api/v1/council/measurements", csv, content_type="text/csv", headers=auth
        ).status_code
        == 401
    )
