"""Background work shared by every app, run by the task worker (`manage.py db_worker`)."""

from typing import Any

from django.dispatch import receiver
from django_tasks import task
from django_tasks.base import Task, TaskResult
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from childrights.core.notify import Channel, email_send, kind_of, message_reference, text_send


@task()
def deliver_email(
    *,
    kind: str,
    subject: str,
    body: str,
    to: list[str],
    fields: dict[str, str] | None = None,
    reference: str = "",
) -> None:
    email_send(
        kind=kind, subject=subject, body=body, to=to, fields=fields or {}, reference=reference
    )


@task()
def deliver_text(
    *,
    kind: str,
    body: str,
    to: list[str],
    fields: dict[str, str] | None = None,
    reference: str = "",
) -> None:
    text_send(kind=kind, body=body, to=to, fields=fields or {}, reference=reference)


class _Checked:
    """A sending task whose message is checked when it is queued: a kind that does not exist,
    or personalisation it does not take, fails the code that asked, not the worker later."""

    def __init__(self, task: Task[..., None], channel: Channel) -> None:
        self.task, self.channel = task, channel

    def enqueue(
        self, *, kind: str, fields: dict[str, str] | None = None, **values: Any
    ) -> TaskResult[None]:
        kind_of(kind, self.channel, fields or {})
        # Named now, so that if the task is run again the message keeps its reference.
        values.setdefault("reference", message_reference())
        return self.task.enqueue(kind=kind, fields=fields or {}, **values)


# Send an email already written in the request (subject and body in the recipient's language),
# so the request never waits on the mail server (and its timing cannot tell anyone whether an
# address has an account): send_email.enqueue(kind=..., subject=..., body=..., to=[...],
# fields={...}), the kind and its fields from ``core.notify.KINDS``.
send_email = _Checked(deliver_email, "email")
# A text message to each mobile number (urgent safeguarding alerts only), the same way.
send_text = _Checked(deliver_text, "sms")


# Tasks whose arguments are a message (its recipients and wording): once the worker has run one,
# its arguments are deleted from the task table, whatever came of it. Nothing reads them again.
FORGET_ARGUMENTS = {deliver_email.module_path, deliver_text.module_path}


@receiver(task_finished)
def forget_message_arguments(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    # The worker sends its backend on success and the backend's class on failure.
    backend = sender if isinstance(sender, type) else type(sender)
    if not issubclass(backend, DatabaseBackend):
        return
    if task_result.task.module_path in FORGET_ARGUMENTS:
        DBTaskResult.objects.filter(id=task_result.id).update(
            args_kwargs={"args": [], "kwargs": {}}
        )
