"""The rules of you said, we did that forms show as field errors and the writes in
``feedback.writes`` refuse to break: a reason for "not doing", update dates not in the future,
and Welsh text on anything already public in a consultation that offers Welsh.
"""

import datetime
from collections.abc import Mapping

from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.participation.models import Commitment

NOT_DOING = Commitment.Status.NOT_DOING


def reason_errors(*, welsh: bool, status: str, reason_en: str, reason_cy: str) -> dict[str, str]:
    """ "Not doing" needs a reason, in Welsh too where Welsh is offered (a consultation that
    offers it, a Welsh council's local offer)."""
    if status != NOT_DOING:
        return {}
    errors = {}
    if not reason_en.strip():
        errors["reason_en"] = _("Enter why the council is not doing this")
    if welsh and not reason_cy.strip():
        errors["reason_cy"] = _("Enter why the council is not doing this, in Welsh")
    return errors


def date_errors(*, made_on: datetime.date) -> dict[str, str]:
    if made_on > timezone.localdate():
        return {"made_on": _("The date of the update must be today or in the past")}
    return {}


def welsh_gaps(*, welsh: bool, published: bool, texts: Mapping[str, str]) -> list[str]:
    """The Welsh fields left empty on something already public where Welsh is offered: children
    reading in Welsh would see it at once."""
    if not (published and welsh):
        return []
    return [name for name, text in texts.items() if not text.strip()]
