import re

from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from childrights.core.middleware import CONTENT_SECURITY_POLICY


def test_healthz_reports_database_and_migrations(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}


def test_healthz_reports_unapplied_migrations(client, db, monkeypatch):
    from childrights.core import views

    monkeypatch.setattr(views, "_migrations_applied", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "1 unapplied"


def test_pages_forbid_loading_anything_from_another_host(client, db):
    response = client.get("/")
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert "geolocation=()" in response["Permissions-Policy"]


def test_pages_reference_no_other_host(client, db):
    for path in ["/", "/sign-in/", "/cookies/", "/get-help/", "/accessibility/", "/privacy/"]:
        page = client.get(path).content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert sources, path
        external = [s for s in sources if re.match(r"(https?:)?//", s)]
        assert not external, f"{path} refers to {external}"


def test_every_page_offers_help_now(client, db):
    for path in ["/", "/sign-in/", "/cookies/", "/does-not-exist/"]:
        page = client.get(path).content.decode()
        assert reverse("core:get_help") in page
        assert "0800 1111" in page


def test_error_pages_use_the_service_shell(client, db):
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Skip to main content" in page
