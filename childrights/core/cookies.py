"""Every cookie the service sets, with what it is for and how long it lasts, as the cookies page
lists them. A browser test compares the cookies a child's and a member of staff's visits really
get with this list."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: Promise
    expires: Promise


def cookies_used() -> list[Cookie]:
    return [
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            _("Remembers whether you chose English or Welsh"),
            _("1 year"),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Protects forms from being sent by other websites"),
            _("1 year"),
        ),
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _(
                "For children and young people answering a survey: keeps your answers between "
                "pages until you send them or clear them. For staff: keeps you signed in."
            ),
            _(
                "Answering a survey: 30 minutes after your last page, or when you leave and "
                "clear your answers. Staff: after 30 minutes without activity, or when you close "
                "your browser."
            ),
        ),
        Cookie(
            "participation_receipt",
            _("Shows your code again if you reload the page after sending your answers"),
            _("15 minutes, or when the survey is started again on the same device"),
        ),
        Cookie(
            "messages",
            _("For staff: shows a message once, such as “Saved”, on the next page"),
            _("When the message has been shown"),
        ),
    ]
