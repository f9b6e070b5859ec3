"""Demonstration accounts for `make run`. Never loaded in production.

Passwords are made once, kept in var/demo-logins.txt (not in the repository) and printed on every
run, so a second run shows the same login.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.models import Membership, Role, User
from childrights.councils.demo import demo_council

DEMO_FILE = Path(settings.VAR_DIR) / "demo-logins.txt"
DEMO_PEOPLE = [
    ("programme@demo.example", "Priya Shah (demo)", "programme-team", False),
    ("lead@northbrook.example", "Lewis Evans (demo)", "council-lead", True),
    ("staff@northbrook.example", "Sam Okafor (demo)", "council-staff", True),
    ("councillor@northbrook.example", "Cllr Morgan Reid (demo)", "elected-member", True),
    ("safeguarding@northbrook.example", "Alex Morgan (demo)", "safeguarding-lead", True),
    ("deputy.safeguarding@northbrook.example", "Jo Price (demo)", "safeguarding-lead", True),
    ("officer@northbrook.example", "Ria Patel (demo)", "accountable-officer", True),
    ("manager@northbrook.example", "Dana Hughes (demo)", "team-manager", True),
    ("socialworker@northbrook.example", "Kofi Mensah (demo)", "social-worker", True),
    ("iro@northbrook.example", "Beth Lloyd (demo)", "independent-reviewing-officer", True),
    ("adviser@northbrook.example", "Tom Davies (demo)", "personal-adviser", True),
    ("advocate@northbrook.example", "Nia Roberts (demo)", "advocate", True),
]


def _password(existing: dict[str, str]) -> str:
    return existing.get("password") or "-".join(secrets.token_hex(3) for _ in range(3))


def _read() -> dict[str, str]:
    if not DEMO_FILE.exists():
        return {}
    pairs = (line.split("=", 1) for line in DEMO_FILE.read_text().splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


@transaction.atomic
def demo_accounts_load() -> str:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demonstration accounts are never loaded in production.")
    stored = _read()
    password = _password(stored)
    council = demo_council()
    for email, name, role_slug, in_council in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=name, is_demo=True)
        user.set_password(password)
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            council=council if in_council else None,
            role=Role.objects.get(slug=role_slug),
        )
        if user.requires_two_factor and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
    DEMO_FILE.parent.mkdir(parents=True, exist_ok=True)
    DEMO_FILE.write_text(f"password={password}\n")
    return f"{len(DEMO_PEOPLE)} demonstration accounts"


def demo_logins() -> list[tuple[str, str]]:
    password = _read().get("password", "")
    return [(email, password) for email, *_ in DEMO_PEOPLE]
