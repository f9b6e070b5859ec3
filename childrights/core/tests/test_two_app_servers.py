"""Two app servers and a task worker over one PostgreSQL database, as docs/deployment.md runs
the product when one machine is not enough: nothing a child sends is lost or stored twice,
every possible disclosure reaches the safeguarding leads once, and limits count what both
servers take.

Two gunicorn servers (separate processes, two workers each, on two ports) and ``manage.py
db_worker`` are started against this test's database. Every child's answers are sent to both
servers at the same moment, as a phone that lost its signal halfway through a send and tried
again elsewhere would.
"""

import http.client
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from childrights.accounts.models import Role
from childrights.participation.models import Concern, Response
from childrights.participation.submission import Draft
from childrights.testing.factories import make_council, make_user
from childrights.testing.participation import answers_for, make_access_code, make_consultation

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="Two app servers share one PostgreSQL database: set DATABASE_URL (make test does).",
)

ROOT = Path(settings.BASE_DIR)
CSRF = "c" * 32  # a CSRF secret sent as cookie and form field, as a browser would
DISCLOSURE = "My step dad hits me when he is angry."
SIGN_IN_LIMIT = 5


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{db['NAME']}"


def _post(port: int, path: str, fields: dict[str, str]) -> tuple[int, str]:
    server = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        server.request(
            "POST",
            path,
            body=urlencode({"csrfmiddlewaretoken": CSRF, **fields}).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={CSRF}",
            },
        )
        response = server.getresponse()
        return response.status, response.read().decode()
    finally:
        server.close()


Post = tuple[int, str, dict[str, str]]  # the port, the path and the form's fields


def _all_at_once(posts: list[Post]) -> list[tuple[int, str]]:
    """Send every post from its own thread, released together; their statuses and pages."""
    results: list[tuple[int, str]] = [(0, "")] * len(posts)
    start = threading.Barrier(len(posts))

    def run(index: int) -> None:
        start.wait()
        results[index] = _post(*posts[index])

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(f"The server on port {port} stopped: {process.returncode}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"The server on port {port} did not start")


@pytest.fixture
def servers(transactional_db, tmp_path) -> Iterator[tuple[list[int], Path]]:
    """Two app servers and a task worker on this test's database; the ports and the folder
    where the worker's emails are written."""
    mail = tmp_path / "mail"
    env = os.environ | {
        "APP_ENV": "test",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": _database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
        "LOGIN_THROTTLE_PER_ACCOUNT": str(SIGN_IN_LIMIT),
        # Emails are queued in the database and sent by the worker, as in production.
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    # Tests that empty the database after them (live servers) run before this one and take the
    # reference data (roles) with them.
    if not Role.objects.exists():
        call_command("load_reference_data", verbosity=0)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603
            [
                gunicorn,
                "childrights.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--graceful-timeout",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    processes.append(
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    )
    try:
        for port, process in zip(ports, processes, strict=False):
            _wait_for(port, process)
        yield ports, mail
        for process in processes:
            assert process.poll() is None, f"{process.args!r} stopped: {process.returncode}"
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        # The servers held connections to this database; the test's teardown empties it.
        connection.close()


def _emails(folder: Path) -> list[str]:
    """Every email the file backend wrote: each file holds a connection's messages, each
    followed by a line of 79 dashes."""
    if not folder.exists():
        return []
    text = "".join(path.read_text() for path in sorted(folder.iterdir()))
    return [message for message in text.split("-" * 79 + "\n") if message.strip()]


def test_two_app_servers_store_each_answer_once_alert_once_and_share_their_limits(servers):
    (first, second), mail = servers
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    group = make_access_code(consultation=consultation, responses_limit=10)
    send = f"/have-your-say/{consultation.link_key}/send/"

    # Each child's answers reach both servers at once; one in three tells of harm.
    drafts = [
        Draft(
            age_band="8-11",
            answers=answers_for(
                consultation, text=DISCLOSURE if index % 3 == 0 else "More swings, please."
            ),
        )
        for index in range(24)
    ]
    posts = [(port, send, {"payload": d.sign()}) for d in drafts for port in (first, second)]
    answered = _all_at_once(posts)
    assert [status for status, _ in answered] == [303] * len(posts)
    assert Response.objects.filter(consultation=consultation).count() == 24
    assert set(Response.objects.values_list("submission_id", flat=True)) == {
        uuid.UUID(draft.submission_id) for draft in drafts
    }
    disclosures = len([index for index in range(24) if index % 3 == 0])
    assert Concern.objects.filter(consultation=consultation).count() == disclosures

    # A group's code that takes ten responses takes ten, whichever server each child reached.
    grouped = [
        Draft(age_band="8-11", access_code_id=group.pk, answers=answers_for(consultation))
        for _ in range(30)
    ]
    answered = _all_at_once(
        [
            (port, send, {"payload": draft.sign()})
            for draft, port in zip(grouped, [first, second] * 15, strict=True)
        ]
    )
    assert sorted(status for status, _ in answered) == [303] * 10 + [429] * 20
    assert Response.objects.filter(access_code=group).count() == 10

    # Wrong passwords for one account, half to each server: the limit counts them all.
    person = make_user(role="council-lead", council=council, email="lead@aberfield.example")
    wrong = {"email": person.email, "password": "not the password"}
    tries = _all_at_once([(port, "/sign-in/", wrong) for port in [first, second] * 10])
    judged = [body for _, body in tries if "Too many attempts to sign in" not in body]
    assert 1 <= len(judged) <= SIGN_IN_LIMIT

    # The worker emails each safeguarding lead and deputy once for each concern, never the
    # child's words.
    expected = disclosures * 2
    deadline = time.monotonic() + 60
    while len(_emails(mail)) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # anything sent twice would arrive by now
    emails = _emails(mail)
    assert len(emails) == expected
    lead = consultation.safeguarding_lead.email
    deputy = consultation.safeguarding_deputy.email
    assert sum(f"To: {lead}" in email for email in emails) == disclosures
    assert sum(f"To: {deputy}" in email for email in emails) == disclosures
    assert not any("step dad" in email for email in emails)
    # Sent by the worker from the queue in the database, each once.
    sends = DBTaskResult.objects.filter(task_path__endswith=".deliver_email")
    assert sends.count() == expected
    assert set(sends.values_list("status", flat=True)) == {"SUCCESSFUL"}
