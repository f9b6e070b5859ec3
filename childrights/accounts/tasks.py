"""Emails that carry a way into an account, written and sent by the task worker.

They are queued with ids only: the link (an invitation's token, a password reset token) is made
when the worker sends the email, so it is never stored in the task table with the task's
arguments.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from childrights.accounts.models import INVITATION_DAYS, Invitation, User
from childrights.core.notify import email_send


def _one_line(text: str) -> str:
    return "".join(text.splitlines())


@task()
def send_role_invitation(*, invitation_id: int, language: str) -> None:
    """Email an invitation's link, while it can still be accepted."""
    invitation = (
        Invitation.objects.select_related("council", "role")
        .filter(
            pk=invitation_id,
            accepted_at__isnull=True,
            confirmed_at__isnull=False,
            created_at__gte=timezone.now() - timedelta(days=INVITATION_DAYS),
        )
        .first()
    )
    if invitation is None:
        return
    link = settings.SITE_URL + reverse("accounts:invitation", args=[invitation.token])
    context = {
        "council": invitation.council,
        "role": invitation.role,
        "link": link,
        "days": INVITATION_DAYS,
    }
    with translation.override(language):
        subject = _one_line(
            render_to_string("accounts/emails/role_invitation_subject.txt", context)
        )
        body = render_to_string("accounts/emails/role_invitation.txt", context)
    email_send(
        kind="role_invitation",
        subject=subject,
        body=body,
        to=[invitation.email],
        fields={"link": link},
    )


@task()
def send_password_link(*, user_id: int, domain: str, use_https: bool, language: str) -> None:
    """Email a link to choose a password, its token made now (it works for
    ``PASSWORD_RESET_TIMEOUT`` from when it is sent)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    with translation.override(language):
        subject = _one_line(render_to_string("accounts/emails/password_reset_subject.txt", context))
        body = render_to_string("accounts/emails/password_reset.txt", context)
    email_send(kind="password_reset", subject=subject, body=body, to=[user.email], fields={})
