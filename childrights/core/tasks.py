"""Background work shared by every app, run by the task worker (`manage.py db_worker`)."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> None:
    """Send a plain-text email already written in the request, so the request never waits on
    the mail server (and its timing cannot tell anyone whether an address has an account)."""
    send_mail(subject, body, None, to)
