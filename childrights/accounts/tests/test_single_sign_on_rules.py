"""Single sign-on's rules without a provider: who a token's claims sign in, what a council's
configuration may say, the password sign-in of a council that requires its own sign-in, and the
page that finds a council's sign-in from a work address. The whole exchange with a provider is
in test_single_sign_on."""

from html import unescape
from typing import Any

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError

from childrights.accounts.models import SingleSignOn, SingleSignOnDevice
from childrights.accounts.sso import asserts_multi_factor, sso_decide, sso_for_email
from childrights.core.models import AuditEvent
from childrights.testing.factories import PASSWORD, make_membership

TENANT = "11111111-2222-3333-4444-555555555555"
ENTRA = f"https://login.microsoftonline.com/{TENANT}/v2.0"


def sso(council: Any, **fields: Any) -> SingleSignOn:
    values: dict[str, Any] = {
        "issuer": ENTRA,
        "client_id": "client",
        "client_secret_variable": "SSO_SECRET_ABERFIELD",
        "email_domains": "aberfield.example",
    }
    values.update(fields)
    config = SingleSignOn(council=council, **values)
    config.full_clean()
    config.save()
    return config


def entra_claims(email: str, **claims: Any) -> dict[str, Any]:
    return {"iss": ENTRA, "tid": TENANT, "sub": "abc", "email": email, "xms_edov": True, **claims}


# Who the claims sign in -------------------------------------------------------------------------


def test_an_entra_token_from_the_councils_tenant_signs_in_the_member(world):
    config = sso(world.council_a)
    decision = sso_decide(config=config, claims=entra_claims("Member@Aberfield.example"))
    assert decision.user == world.member
    assert decision.link == {"provider": f"council-{world.council_a.pk}", "uid": "abc"}


@pytest.mark.parametrize(
    "claims",
    [
        {"tid": "99999999-2222-3333-4444-555555555555"},
        {"iss": "https://login.microsoftonline.com/99999999-2222-3333-4444-555555555555/v2.0"},
        {"iss": "https://login.microsoftonline.com/common/v2.0"},
        {"tid": None},
    ],
)
def test_an_entra_token_from_another_tenant_is_refused(world, claims):
    config = sso(world.council_a)
    decision = sso_decide(config=config, claims=entra_claims(world.member.email, **claims))
    assert decision.user is None
    assert decision.reason == "issuer"


def test_an_address_the_provider_does_not_vouch_for_is_refused(world):
    config = sso(world.council_a)
    unvouched = entra_claims(world.member.email)
    del unvouched["xms_edov"]
    assert sso_decide(config=config, claims=unvouched).reason == "email_not_verified"
    assert sso_decide(
        config=config, claims=entra_claims(world.member.email, xms_edov=False)
    ).reason == ("email_not_verified")
    # Other providers vouch with the standard claim; xms_edov is Entra ID's alone.
    other = sso(world.council_b, issuer="https://id.bramley.example", email_domains="bramley.ex")
    outsider = {"iss": "https://id.bramley.example", "sub": "x", "email": "a@bramley.ex"}
    assert sso_decide(config=other, claims={**outsider, "xms_edov": True}).reason == (
        "email_not_verified"
    )
    assert sso_decide(config=other, claims={**outsider, "email_verified": True}).reason == (
        "no_role"
    )


def test_an_address_that_only_looks_like_a_members_is_refused(world):
    """Our clean-up of addresses folds look-alike letters; a provider's address must be plain
    already, or a full-width "ｍember@" would open member@'s account."""
    config = sso(world.council_a)
    look_alike = "ｍember@aberfield.example"
    assert look_alike != world.member.email
    decision = sso_decide(config=config, claims=entra_claims(look_alike))
    assert decision.user is None
    assert decision.reason == "email_not_verified"


def test_only_the_councils_domains_sign_in(world):
    config = sso(world.council_a, email_domains="aberfield.gov.example")
    decision = sso_decide(config=config, claims=entra_claims(world.member.email))
    assert decision.reason == "domain"


def test_a_member_of_another_council_or_an_inactive_account_is_refused(world):
    config = sso(world.council_a, email_domains="aberfield.example, bramley.example")
    outsider = sso_decide(config=config, claims=entra_claims(world.outsider.email))
    assert outsider.reason == "no_role"
    world.member.is_active = False
    world.member.save()
    assert sso_decide(config=config, claims=entra_claims(world.member.email)).reason == "no_role"


def test_a_subject_linked_to_someone_else_is_refused(world):
    config = sso(world.council_a)
    SocialAccount.objects.create(user=world.owner, provider=config.provider_id, uid="abc")
    assert sso_decide(config=config, claims=entra_claims(world.member.email)).reason == "subject"


def test_multi_factor_is_read_from_amr_or_the_councils_acr_values(world):
    config = sso(world.council_a, mfa_acr_values="c2, urn:example:mfa")
    assert asserts_multi_factor(config, {"amr": ["pwd", "mfa"]})
    assert asserts_multi_factor(config, {"amr": ["OTP"]})
    assert asserts_multi_factor(config, {"acr": "urn:example:mfa"})
    assert not asserts_multi_factor(config, {"amr": ["pwd"]})
    assert not asserts_multi_factor(config, {"amr": "mfa"})
    assert not asserts_multi_factor(config, {"acr": "c1"})
    assert not asserts_multi_factor(config, {})


def test_the_providers_second_factor_stands_only_for_people_whose_roles_are_all_its_councils(
    world,
):
    config = sso(world.council_a)
    claims = entra_claims(world.member.email, amr=["pwd", "mfa"])
    assert sso_decide(config=config, claims=claims).multi_factor
    make_membership(user=world.member, role="council-staff", council=world.council_b)
    decision = sso_decide(config=config, claims=claims)
    assert decision.user == world.member
    assert not decision.multi_factor


def test_the_providers_second_factor_device_takes_no_codes(world):
    device = SingleSignOnDevice.objects.create(user=world.member, name="Council sign-in")
    assert device.verify_token("123456") is False


# What a configuration may say -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"issuer": "https://login.microsoftonline.com/common/v2.0"}, "issuer", "not common"),
        ({"issuer": "https://login.microsoftonline.com/organizations/v2.0"}, "issuer", "any org"),
        ({"issuer": f"https://login.microsoftonline.com/{TENANT}"}, "issuer", "<tenant ID>/v2.0"),
        ({"issuer": "http://id.aberfield.example"}, "issuer", "must start https://"),
        (
            {"issuer": "https://login.microsoftonline.com/aberfield.onmicrosoft.com/v2.0"},
            "issuer",
            "not a domain name",
        ),
        ({"client_secret_variable": "SECRET_KEY"}, "client_secret_variable", "SSO_SECRET_"),
        ({"client_secret_variable": "sso_secret_x"}, "client_secret_variable", "SSO_SECRET_"),
        ({"email_domains": "not a domain"}, "email_domains", "is not an email domain"),
        ({"email_domains": " , "}, "email_domains", "at least one"),
    ],
)
def test_a_configuration_that_would_let_the_wrong_people_in_is_refused(
    world, fields, field, message
):
    with pytest.raises(ValidationError) as refused:
        sso(world.council_a, **fields)
    assert message in " ".join(refused.value.message_dict[field])


def test_a_provider_on_this_machine_over_http_is_refused_in_production(world, settings):
    sso(world.council_a, issuer="http://127.0.0.1:8001/idp/o")
    settings.PRODUCTION = True
    with pytest.raises(ValidationError) as refused:
        sso(world.council_b, issuer="http://127.0.0.1:8001/idp/o", email_domains="b.example")
    assert "must start https://" in " ".join(refused.value.message_dict["issuer"])


def test_a_domain_leads_to_one_council_only(world):
    sso(world.council_a, email_domains="aberfield.example, shared.example")
    with pytest.raises(ValidationError) as refused:
        sso(world.council_b, email_domains="bramley.example, Shared.example")
    assert "already the sign-in domain of Aberfield City Council" in str(refused.value)


def test_a_work_address_finds_its_councils_sign_in(world):
    config = sso(world.council_a, email_domains="@aberfield.example, aberfield.gov.example")
    assert sso_for_email("Someone@ABERFIELD.gov.example") == config
    assert sso_for_email("someone@bramley.example") is None
    config.enabled = False
    config.save()
    assert sso_for_email("someone@aberfield.example") is None


# Password sign-in where the council requires its own --------------------------------------------


def test_a_council_that_requires_its_sign_in_refuses_its_staffs_passwords(client, world):
    sso(world.council_a, require_sso=True)
    response = client.post("/sign-in/", {"email": world.member.email, "password": PASSWORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Aberfield City Council asks its staff to sign in with their council account" in page
    assert "/sign-in/council/" in page
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.detail == {"reason": "sso_required"}


def test_a_wrong_password_is_not_told_that_the_council_requires_its_sign_in(client, world):
    sso(world.council_a, require_sso=True)
    response = client.post("/sign-in/", {"email": world.member.email, "password": "not it"})
    assert "Enter a correct email address and password" in response.content.decode()
    assert "asks its staff" not in response.content.decode()


def test_passwords_still_work_where_the_sign_in_is_not_required_or_cannot_be_used(client, world):
    sso(world.council_a)
    assert client.post("/sign-in/", {"email": world.member.email, "password": PASSWORD})[
        "Location"
    ] == ("/councils/")
    client.logout()
    # The other council requires its sign-in, but this member's address is not in its domains,
    # so it could not sign them in.
    sso(world.council_b, require_sso=True, email_domains="bramley.gov.example")
    response = client.post("/sign-in/", {"email": world.outsider.email, "password": PASSWORD})
    assert response.status_code == 302


# Finding the council's sign-in ----------------------------------------------------------------


def test_the_sign_in_page_offers_the_council_account(client, db):
    page = client.get("/sign-in/?next=/account/").content.decode()
    assert "Sign in with your council account" in page
    assert 'href="/sign-in/council/?next=/account/"' in page


def test_an_address_with_no_council_sign_in_is_told_so(client, world):
    response = client.post("/sign-in/council/", {"email": "someone@nowhere.example"})
    assert response.status_code == 200
    assert "There is no council sign-in for addresses ending @nowhere.example" in (
        response.content.decode()
    )


def test_an_empty_or_malformed_address_is_asked_for_again(client, db):
    assert "Enter your work email address" in client.post("/sign-in/council/", {}).content.decode()
    page = client.post("/sign-in/council/", {"email": "not an address"}).content.decode()
    assert "Enter an email address in the correct format" in page


def test_a_council_sign_in_without_its_secret_is_not_ready(client, world, monkeypatch):
    monkeypatch.delenv("SSO_SECRET_ABERFIELD", raising=False)
    sso(world.council_a)
    response = client.post("/sign-in/council/", {"email": world.member.email})
    assert "Your council's sign-in is not ready yet" in unescape(response.content.decode())


def test_a_provider_that_does_not_answer_gets_a_clear_message(client, world, monkeypatch):
    monkeypatch.setenv("SSO_SECRET_ABERFIELD", "x")
    # Nothing listens on port 9 of loopback: the discovery document cannot be fetched.
    sso(world.council_a, issuer="http://127.0.0.1:9/tenant")
    response = client.post("/sign-in/council/", {"email": world.member.email})
    assert response.status_code == 200
    assert "Your council's sign-in did not answer" in unescape(response.content.decode())


def test_someone_signed_in_already_goes_on(client, world, signed_in):
    signed_in(world.member)
    assert client.get("/sign-in/council/")["Location"] == "/councils/"


# The admin ------------------------------------------------------------------------------------


def test_the_programme_team_sets_up_a_councils_sign_in_in_the_admin(
    client, world, signed_in, monkeypatch
):
    monkeypatch.setenv("SSO_SECRET_ABERFIELD", "the-secret-value")
    signed_in(world.programme)
    response = client.post(
        "/admin/accounts/singlesignon/add/",
        {
            "council": world.council_a.pk,
            "enabled": "on",
            "issuer": ENTRA,
            "client_id": "client",
            "client_secret_variable": "SSO_SECRET_ABERFIELD",
            "email_domains": "aberfield.example",
            "require_sso": "on",
            "mfa_amr_values": "mfa, otp, hwk",
            "mfa_acr_values": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    config = SingleSignOn.objects.get()
    assert config.require_sso
    change = client.get(f"/admin/accounts/singlesignon/{config.pk}/change/").content.decode()
    assert f"/sign-in/council/council-{world.council_a.pk}/callback/" in change
    assert "the-secret-value" not in change
    listing = client.get("/admin/accounts/singlesignon/").content.decode()
    assert "the-secret-value" not in listing
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="accounts.SingleSignOn"
    ).exists()


def test_allauths_own_admin_pages_are_taken_away(client, world, signed_in):
    signed_in(world.programme)
    assert client.get("/admin/socialaccount/socialapp/").status_code == 404
    assert client.get("/admin/socialaccount/socialtoken/").status_code == 404
    assert client.get("/admin/account/emailaddress/").status_code == 404
    assert client.get("/admin/socialaccount/socialaccount/").status_code == 200


def test_a_provider_that_says_no_leads_to_our_own_page_not_allauths(client, world):
    config = sso(world.council_a)
    response = client.get(
        f"/sign-in/council/{config.provider_id}/callback/?error=access_denied&state=made-up"
    )
    assert response.status_code == 403
    page = unescape(response.content.decode())
    assert "Signing in with your council account did not work" in page
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.detail == {"reason": "sso_failed"}


def test_a_callback_for_a_council_without_single_sign_on_is_not_found(client, world):
    assert client.get(f"/sign-in/council/council-{world.council_b.pk}/callback/").status_code == 404


def test_a_new_issuer_or_client_forgets_the_links_to_the_old_ones_subjects(
    client, world, signed_in
):
    config = sso(world.council_a)
    SocialAccount.objects.create(user=world.member, provider=config.provider_id, uid="old")
    SocialAccount.objects.create(user=world.outsider, provider="council-elsewhere", uid="x")
    signed_in(world.programme)
    form = {
        "council": world.council_a.pk,
        "enabled": "on",
        "issuer": ENTRA,
        "client_id": "client",
        "client_secret_variable": "SSO_SECRET_ABERFIELD",
        "email_domains": "aberfield.example, aberfield.gov.example",
        "mfa_amr_values": "mfa",
        "mfa_acr_values": "",
    }
    url = f"/admin/accounts/singlesignon/{config.pk}/change/"
    assert client.post(url, form).status_code == 302
    assert SocialAccount.objects.filter(user=world.member).exists()

    assert client.post(url, {**form, "client_id": "new-registration"}).status_code == 302

    assert not SocialAccount.objects.filter(user=world.member).exists()
    assert SocialAccount.objects.filter(user=world.outsider).exists()
    assert AuditEvent.objects.filter(detail__links_forgotten=1).exists()


def test_allauth_is_closed_for_sign_up(rf, db):
    from childrights.accounts.adapters import AccountAdapter, SocialAccountAdapter

    request = rf.get("/")
    assert AccountAdapter(request).is_open_for_signup(request) is False
    assert SocialAccountAdapter(request).is_open_for_signup(request, None) is False


# Invitations where the council requires its sign-in ----------------------------------------------


def _invitation(council, email):
    from django.utils import timezone

    from childrights.accounts.models import Invitation, Role

    return Invitation.objects.create(
        council=council,
        role=Role.objects.get(slug="council-staff"),
        email=email,
        full_name="Ada Jones",
        confirmed_at=timezone.now(),
    )


def test_someone_invited_to_a_council_that_requires_its_sign_in_chooses_no_password(client, world):
    from childrights.accounts.models import Membership, User

    sso(world.council_a, require_sso=True)
    link = f"/invitations/{_invitation(world.council_a, 'ada@aberfield.example').token}/"
    page = unescape(client.get(link).content.decode())
    assert "Aberfield City Council asks its staff to sign in with their council account" in page
    assert 'type="password"' not in page

    response = client.post(link, {"full_name": "Ada Jones"})

    assert response["Location"] == "/sign-in/council/"
    ada = User.objects.get(email="ada@aberfield.example")
    assert not ada.has_usable_password()
    assert Membership.objects.filter(user=ada, council=world.council_a).exists()


def test_an_invitation_the_councils_sign_in_cannot_serve_still_asks_for_a_password(client, world):
    sso(world.council_a, require_sso=True)
    link = f"/invitations/{_invitation(world.council_a, 'ada@elsewhere.example').token}/"
    assert 'type="password"' in client.get(link).content.decode()


def test_one_client_cannot_make_the_service_read_providers_without_end(client, world, settings):
    from childrights.accounts.sso import START_LIMIT

    for _ in range(START_LIMIT.per_window):
        client.post("/sign-in/council/", {"email": "someone@nowhere.example"})
    page = client.post("/sign-in/council/", {"email": "someone@nowhere.example"}).content
    assert "Too many attempts to sign in. Wait 15 minutes and try again." in page.decode()
    assert "There is no council sign-in" not in page.decode()
