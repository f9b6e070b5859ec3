"""An email that is a way into an account (an invitation, a password reset) is queued with ids
only: its link is made when the task worker sends it, so the task table never holds one. A
sending task's arguments (recipients and wording) are deleted once the worker has run it."""

import json
import re

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from childrights.accounts.models import Invitation, Role
from childrights.core.tasks import send_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _run_queued() -> None:
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    for row in DBTaskResult.objects.filter(status="READY"):
        worker.run_task(row)


def _stored() -> str:
    return json.dumps([row.args_kwargs for row in DBTaskResult.objects.all()])


@pytest.fixture
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def test_a_queued_password_reset_holds_no_link_or_token(client, world, database_tasks):
    client.post("/password-reset/", {"email": world.member.email})
    assert DBTaskResult.objects.count() == 1
    stored = _stored()
    assert "password-reset" not in stored
    assert "token" not in stored
    assert world.member.email not in stored
    assert mail.outbox == []

    _run_queued()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/password-reset/\S+)", str(mail.outbox[0].body))
    assert link is not None
    # The link made by the worker works.
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()


def test_a_queued_invitation_holds_no_link(
    world, signed_in, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(world.owner).post(
            f"/councils/{world.council_a.pk}/team/add/",
            {
                "full_name": "Ada Jones",
                "email": "ada@aberfield.example",
                "role": Role.objects.get(slug="council-staff").pk,
            },
        )
    invitation = Invitation.objects.get(email="ada@aberfield.example")
    assert DBTaskResult.objects.count() == 1
    stored = _stored()
    assert invitation.token not in stored
    assert "/invitations/" not in stored

    _run_queued()
    assert len(mail.outbox) == 1
    assert f"/invitations/{invitation.token}/" in mail.outbox[0].body


def test_an_invitation_accepted_before_the_worker_sends_it_is_not_sent(
    world, signed_in, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(world.owner).post(
            f"/councils/{world.council_a.pk}/team/add/",
            {
                "full_name": "Ada Jones",
                "email": "ada@aberfield.example",
                "role": Role.objects.get(slug="council-staff").pk,
            },
        )
    Invitation.objects.update(accepted_at="2026-01-01T00:00:00Z")
    _run_queued()
    assert mail.outbox == []


def test_a_sent_message_leaves_no_arguments_in_the_task_table(db, database_tasks):
    send_email.enqueue(
        kind="role_invitation",
        subject="Join",
        body="Open https://example.org/invitations/secret/",
        to=["ada@aberfield.example"],
        fields={"link": "https://example.org/invitations/secret/"},
    )
    assert "secret" in _stored()
    _run_queued()
    assert len(mail.outbox) == 1
    row = DBTaskResult.objects.get()
    assert row.status == "SUCCESSFUL"
    assert "secret" not in _stored()
    assert "ada@aberfield.example" not in _stored()
