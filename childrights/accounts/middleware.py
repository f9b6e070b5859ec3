from collections.abc import Callable
from functools import cache

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

# Paths a signed-in person who still has to set up two-factor may visit.
_ALLOWED_NAMES = ("accounts:two_factor_setup", "accounts:logout", "core:get_help")


def require_two_factor(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Enforce the second factor on every request.

    - Someone with a confirmed authenticator whose session has not entered a code (a session that
      began before the device was set up, or whose device was replaced) signs in again.
    - Roles that need two-factor can do nothing else until they have set it up.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not getattr(user, "is_verified", lambda: False)():
            # The authenticator, not recovery codes: those exist only beside one, and asking
            # each kind of device would cost a query a kind on every request.
            if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                logout(request)
                messages.info(request, _("Sign in again with your authenticator code."))
                return redirect("accounts:login")
            if getattr(user, "requires_two_factor", False) and not _is_allowed(request.path_info):
                return redirect("accounts:two_factor_setup")
        return get_response(request)

    return middleware


@cache
def _allowed_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in _ALLOWED_NAMES)


def _is_allowed(path: str) -> bool:
    return (
        path in _allowed_paths()
        or path.startswith("/static/")
        or path.startswith("/language/")
        or path in {"/healthz", "/accessibility/", "/privacy/", "/cookies/"}
    )
