"""Small factories for tests: each makes one valid record, with overrides by keyword."""

import itertools
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.models import Membership, Role, User
from childrights.councils.models import Council, Nation

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
