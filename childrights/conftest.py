"""The base fixture: two councils, and for council A an owner, a member and an outsider (who
belongs to council B), plus a programme-team member."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import Client, override_settings
from django.utils import translation

from childrights.accounts.models import User
from childrights.councils.models import Council
from childrights.testing.audit import flush_allowing_the_audit_log
from childrights.testing.auth import sign_in
from childrights.testing.factories import make_council, make_user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _flush_lifts_the_audit_log_guards() -> Iterator[None]:
    """Emptying the database between live-server tests may remove audit events; nothing else
    may (``childrights.testing.audit``)."""
    original = BaseDatabaseOperations.execute_sql_flush
    patched = flush_allowing_the_audit_log(original)
    BaseDatabaseOperations.execute_sql_flush = patched  # type: ignore[method-assign,assignment]
    yield
    BaseDatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """The demonstration data (``make run``'s), loaded once for the tests of a module.

    Loading it takes seconds, and many tests only read it. It is loaded inside a transaction
    that is rolled back after the module's last test; each test runs inside it, in a savepoint
    of its own (pytest-django's ``db``), so what one test changes is gone before the next. A
    test that asks for it must also ask for ``db``. Its files (a dataset, report PDFs) live in a
    folder of the module's, which its tests keep as their media folder.
    """
    from childrights.accounts import demo as accounts_demo

    folder = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as patch,
        override_settings(MEDIA_ROOT=folder / "media"),
        transaction.atomic(),
    ):
        patch.setattr(accounts_demo, "DEMO_FILE", folder / "demo-logins.txt")
        call_command("load_demo_data", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(request, settings, tmp_path):
    """Files a test stores go to a folder of its own, removed afterwards; with the
    demonstration data, the folder that holds its files."""
    if "demo_data" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language() -> Iterator[None]:
    """A request in Welsh leaves Welsh active in the process after it (the locale middleware
    activates a language per request and nothing deactivates it), so a later test's messages
    would depend on the order tests ran in. Every test starts, and leaves, in the default."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class World:
    council_a: Council
    council_b: Council
    owner: User
    member: User
    outsider: User
    programme: User


@pytest.fixture
def world(db) -> World:
    council_a = make_council(name="Aberfield City Council", short_name="Aberfield")
    council_b = make_council(name="Bramley District Council", short_name="Bramley")
    return World(
        council_a=council_a,
        council_b=council_b,
        owner=make_user(role="council-lead", council=council_a, email="owner@aberfield.example"),
        member=make_user(role="council-staff", council=council_a, email="member@aberfield.example"),
        outsider=make_user(
            role="council-lead", council=council_b, email="outsider@bramley.example"
        ),
        programme=make_user(role="programme-team", email="team@programme.example"),
    )


@pytest.fixture
def signed_in(client: Client):
    """``signed_in(user)`` returns the test client signed in as that user."""

    def _sign_in(user: User) -> Client:
        return sign_in(client, user)

    return _sign_in
