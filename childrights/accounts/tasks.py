"""Background work for accounts, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from childrights.accounts.forms import InvitationForm


@task()
def send_invitation(*, email: str, domain: str, use_https: bool) -> None:
    """Email a new member a link to set their password and sign in."""
    form = InvitationForm(data={"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="accounts/emails/invitation_subject.txt",
            email_template_name="accounts/emails/invitation.txt",
        )
