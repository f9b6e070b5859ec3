"""When an urgent safeguarding text to a member of staff finally fails (Notify did not accept it,
or its receipt says it was not delivered), the safeguarding leads of that person's councils are
emailed, so the alert behind it is not silently lost. The email names the person the text was
for, never the child or anything about them."""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.accounts.selectors import council_leads, users_with_capability
from childrights.core.models import Delivery
from childrights.councils.models import Council


def urgent_text_failure_tell(*, delivery: Delivery) -> int:
    """Email each council's safeguarding leads (its council leads when it has none) that the
    text to the person with that number could not be delivered. Returns how many emails."""
    from childrights.core.tasks import send_email

    sent = 0
    for person in User.objects.filter(mobile_number=delivery.recipient, is_active=True):
        councils = Council.objects.filter(pk__in=person.council_ids()).order_by("pk")
        for council in councils:
            leads = list(
                users_with_capability(council_id=council.pk, capability="safeguarding").exclude(
                    pk=person.pk
                )
            ) or list(council_leads(council=council).exclude(pk=person.pk))
            for lead in leads:
                with translation.override(lead.preferred_language or "en-gb"):
                    subject = _("Urgent: a safeguarding text could not be delivered")
                    body = _(
                        "An urgent safeguarding text to %(name)s (%(council)s) could not be "
                        "delivered, so they may not know about an alert that needs action "
                        "now.\n\nSign in to see the council's safety alerts and safeguarding "
                        "queue, and make sure someone acts: %(link)s\n\nThis email does not "
                        "contain the child's name or what they wrote."
                    ) % {"name": str(person), "council": council.name, "link": settings.SITE_URL}
                send_email.enqueue(
                    kind="urgent_text_failed", subject=subject, body=body, to=[lead.email]
                )
                sent += 1
    return sent


def on_urgent_text_failed(sender: Any, delivery: Delivery, **kwargs: Any) -> None:
    urgent_text_failure_tell(delivery=delivery)
