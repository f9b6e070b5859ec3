"""Small factories for tests: each makes one valid record, with overrides by keyword."""

import itertools
from typing import TYPE_CHECKING, Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.models import Membership, Role, User
from childrights.councils.models import Council, Nation

if TYPE_CHECKING:
    from childrights.programme.models import BaselineFact, Enquiry, Partnership, Pilot

_sequence = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_council(**overrides: Any) -> Council:
    n = next(_sequence)
    fields: dict[str, Any] = {
        "gss_code": f"E98{n:06d}",
        "name": f"Council number {n}",
        "short_name": f"Council {n}",
        "nation": Nation.ENGLAND,
    }
    fields.update(overrides)
    return Council.objects.create(**fields)


def make_user(*, role: str | None = None, council: Council | None = None, **overrides: Any) -> User:
    n = next(_sequence)
    fields: dict[str, Any] = {"email": f"person{n}@example.org", "full_name": f"Person {n}"}
    fields.update(overrides)
    password = fields.pop("password", PASSWORD)
    user = User.objects.create_user(password=password, **fields)
    if role is not None:
        make_membership(user=user, role=role, council=council)
    return user


def make_membership(*, user: User, role: str, council: Council | None = None) -> Membership:
    membership = Membership.objects.create(
        user=user, council=council, role=Role.objects.get(slug=role)
    )
    # Memberships are cached on the user for the length of a request; start afresh.
    user.__dict__.pop("_memberships", None)
    return membership


def make_device(*, user: User, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=confirmed)


def make_partnership(*, council: Council | None = None, **overrides: Any) -> "Partnership":
    from childrights.programme.models import Partnership, Programme, Source

    n = next(_sequence)
    source, _ = Source.objects.get_or_create(
        slug="test-source",
        defaults={"title": "A test source", "publisher": "Tests", "published": "2026"},
    )
    programme, _ = Programme.objects.get_or_create(
        slug="test-programme",
        defaults={
            "name_en": "Test programme",
            "name_cy": "Rhaglen brawf",
            "organisation": "Tests",
            "summary_en": "A programme for tests.",
            "summary_cy": "Rhaglen ar gyfer profion.",
            "summary_children_en": "A programme for tests.",
            "summary_children_cy": "Rhaglen ar gyfer profion.",
        },
    )
    fields: dict[str, Any] = {
        "programme": programme,
        "council": council or make_council(),
        "slug": f"partner-{n}",
        "source": source,
    }
    fields.update(overrides)
    return Partnership.objects.create(**fields)


def make_pilot(*, partnership: "Partnership", **overrides: Any) -> "Pilot":
    from childrights.programme.models import Pilot

    fields: dict[str, Any] = {
        "partnership": partnership,
        "source": partnership.source,
        **{
            f"{name}_{lang}": f"{name} {lang}"
            for name in ("focus_area", "target_group", "description", "meaning")
            for lang in ("en", "cy")
        },
    }
    fields.update(overrides)
    return Pilot.objects.create(**fields)


def make_fact(*, partnership: "Partnership", **overrides: Any) -> "BaselineFact":
    from childrights.programme.models import BaselineFact

    fields: dict[str, Any] = {
        "partnership": partnership,
        "kind": BaselineFact.Kind.CHILD_POPULATION,
        "source_text": "1,000",
        "value": 1000,
        "status": BaselineFact.Status.AS_PUBLISHED,
        "source": partnership.source,
    }
    fields.update(overrides)
    return BaselineFact.objects.create(**fields)


def make_enquiry(**overrides: Any) -> "Enquiry":
    from childrights.programme.models import Enquiry

    fields: dict[str, Any] = {
        "organisation": "Anytown Council",
        "contact_name": "Alex Doe",
        "role": "Policy officer",
        "email": "alex@anytown.example",
        "message": "We would like to join.",
        "agreed_to_contact": True,
    }
    fields.update(overrides)
    return Enquiry.objects.create(**fields)
