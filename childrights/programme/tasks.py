"""Background work for the programme, run by the task worker."""

from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from childrights.core.notify import email_send
from childrights.programme.models import Enquiry


@task()
def send_enquiry_confirmation(*, enquiry_id: int) -> None:
    """Tell the enquirer we have their enquiry, in the language they used."""
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:
        return
    with translation.override(enquiry.language):
        subject = render_to_string(
            "programme/emails/enquiry_confirmation_subject.txt", {"enquiry": enquiry}
        ).strip()
        body = render_to_string("programme/emails/enquiry_confirmation.txt", {"enquiry": enquiry})
    email_send(
        kind="enquiry_confirmation", subject=subject, body=body, to=[enquiry.email], fields={}
    )
