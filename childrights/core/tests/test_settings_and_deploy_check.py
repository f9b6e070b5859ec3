"""The production profile: `check --deploy` is clean, and unsafe configuration refuses to start."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "APP_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "rights.example.org",
    "PATH": os.environ.get("PATH", ""),
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_production_profile_passes_the_deployment_check_with_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_a_misspelt_boolean_is_refused_not_guessed():
    result = _manage("check", env={**PRODUCTION_ENV, "EMAIL_USE_TLS": "maybe"})
    assert result.returncode != 0
    assert "EMAIL_USE_TLS must be true or false" in result.stderr


def test_database_url_chooses_the_database():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        env={**PRODUCTION_ENV, "DATABASE_URL": "postgres://u@127.0.0.1:5432/x"},
    )
    assert result.stdout.strip() == "postgresql", result.stderr
