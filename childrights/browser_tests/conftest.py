"""Fixtures for the browser tests: one Chromium for the session, a fresh context for each test,
the live server, and the reference data the live server's pages need."""

import os
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from childrights.accounts.models import Role
from childrights.testing.browser import Visitor, chromium, translated

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
FLUSH = "django.core.management.commands.flush"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole session.

    Playwright's sync API keeps an event loop running in this thread, so Django would refuse ORM
    calls from the tests (SynchronousOnlyOperation). The live server answers in its own thread,
    which has no loop. Allow it while the browser is open, and only then.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with chromium() as browser:
            yield browser
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="session", autouse=True)
def _emptying_keeps_content_types_and_permissions() -> Iterator[None]:
    """Each browser test empties the database after it (Django's flush), which also empties the
    content types and permissions and then makes them again from the models (``post_migrate``):
    most of the time an emptying takes. Both are the same for every test of the run, so the
    flush leaves them as they are and does not make them again."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    kept = {ContentType._meta.db_table, Permission._meta.db_table}

    def sql_flush(
        style: Any, connection: Any, reset_sequences: bool = True, allow_cascade: bool = False
    ) -> list[str]:
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        return list(
            connection.ops.sql_flush(
                style,
                [table for table in tables if table not in kept],
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(f"{FLUSH}.sql_flush", sql_flush)
        patch.setattr(f"{FLUSH}.emit_post_migrate_signal", lambda *args, **kwargs: None)
        yield


Snapshot = list[tuple[type[Model], list[dict[str, Any]]]]


@pytest.fixture(scope="session")
def reference_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot:
    """Every row of the reference data, read once per test process."""
    with django_db_blocker.unblock():
        if not Role.objects.exists():
            call_command("load_reference_data", stdout=StringIO())
        snapshot = []
        for model in apps.get_models(include_auto_created=True):
            rows = list(model._base_manager.values())
            if rows:
                snapshot.append((model, rows))
        return snapshot


@pytest.fixture
def reference_data(transactional_db: None, reference_snapshot: Snapshot) -> None:
    """Roles and the like. transactional_db empties the database after each test, taking the
    reference data with it, so put the same rows back when they have gone (far quicker than
    loading the data files again; foreign keys are checked at the end of the transaction).
    Tables the emptying fills again itself (content types, permissions) are left as they are."""
    if Role.objects.exists():
        return
    with transaction.atomic():
        for model, rows in reference_snapshot:
            if not model._base_manager.exists():
                model._base_manager.bulk_create([model(**row) for row in rows])


@pytest.fixture
def visitor(browser: Browser, live_server: LiveServer, reference_data: None) -> Iterator[Visitor]:
    """A person with a fresh browser context. Every page they load is checked with axe."""
    person = Visitor(browser, live_server.url)
    yield person
    person.finish()


@pytest.fixture(params=["en-gb", "cy"], ids=["english", "welsh"])
def language(request: pytest.FixtureRequest) -> str:
    """Run the test in English and again in Welsh."""
    code: str = request.param
    return code


@pytest.fixture
def t(language: str) -> Callable[[str], str]:
    """``t("Sign in")``: those words as the pages show them in this test's language."""

    def in_language(message: str) -> str:
        return translated(message, language)

    return in_language
