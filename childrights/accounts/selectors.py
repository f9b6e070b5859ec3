"""Reads for accounts and council teams, always scoped to the signed-in user."""

import time

from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.models import Invitation, Membership, Role, User
from childrights.core.tenancy import get_owned_or_404, scoped
from childrights.councils.models import Council
from childrights.councils.search import councils_matching


def councils_for_user(*, user: User) -> QuerySet[Council]:
    return scoped(Council.objects.all(), user, council_path="pk").order_by("short_name")


def councils_found(*, user: User, words: str) -> list[Council] | QuerySet[Council]:
    """The councils this person reaches that ``words`` name (English or Welsh name, part of it,
    a small misspelling, or GSS code; ``councils.search``), best first; all of them, by name,
    when there are no words."""
    reached = councils_for_user(user=user)
    words = " ".join(words.split())
    return councils_matching(words, councils=reached) if words else reached


def council_for_user_or_404(
    *,
    request: HttpRequest,
    council_id: int,
    capability: str | None = None,
    programme_team: bool = True,
    needs: str | None = None,
) -> Council:
    """A council the user belongs to, or 404: for a council's own pages. ``capability``: people
    whose role lacks it are answered as outsiders (404).
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Council.objects.all(),
        request=request,
        council_path="pk",
        capability=capability,
        programme_team=programme_team,
        needs=needs,
        pk=council_id,
    )


def membership_for_user_or_404(
    *,
    request: HttpRequest,
    membership_id: int,
    capability: str | None = None,
    needs: str | None = None,
) -> Membership:
    """A council membership (never a national role) in a council the user belongs to, or 404.
    ``capability``: people whose role lacks it are answered as outsiders (404).
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Membership.objects.select_related("user", "council", "role").filter(council__isnull=False),
        request=request,
        capability=capability,
        needs=needs,
        pk=membership_id,
    )


def council_team(*, council: Council) -> QuerySet[Membership]:
    """The council's members; callers pass a council they reached through a selector."""
    return council.memberships.select_related("user", "role").order_by(
        "user__full_name", "user__email", "role__position"
    )


def council_leads(*, council: Council) -> QuerySet[User]:
    """The council's active leads, who hear about what needs the council's attention."""
    return User.objects.filter(
        is_active=True, memberships__council=council, memberships__role__slug="council-lead"
    ).order_by("pk")


def users_with_capability(*, council_id: int, capability: str) -> QuerySet[User]:
    """The council's active members whose role there grants ``capability``."""
    roles = [role.pk for role in Role.objects.all() if role.grants(capability)]
    return (
        User.objects.filter(
            is_active=True, memberships__council_id=council_id, memberships__role__in=roles
        )
        .distinct()
        .order_by("full_name", "email", "pk")
    )


def council_roles() -> QuerySet[Role]:
    return Role.objects.filter(scope=Role.Scope.COUNCIL)


def has_confirmed_device(*, user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def pending_sign_in_user(
    *, user_id: int | None, started: float, max_age_seconds: int
) -> User | None:
    """The person half-way through signing in, while their password is still fresh."""
    if user_id is None or time.time() - started > max_age_seconds:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def verified_device(*, user: User, code: str) -> Device | None:
    """The device the code is right for (checked under a row lock): the user's authenticator
    for six digits, otherwise one of their recovery codes, which is then used up."""
    code = "".join(code.split()).replace("-", "")
    if code.isdigit() and len(code) == 6:
        candidates: list[Device] = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        candidates = list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in candidates:
        verified: Device | None = verify_token(user, device.persistent_id, code.lower())
        if verified is not None:
            return verified
    return None


def invitation_or_404(*, request: HttpRequest, invitation_id: int) -> Invitation:
    """An invitation of a council whose team the user manages; 404 for everyone else."""
    return get_owned_or_404(
        Invitation.objects.select_related("council", "role"),
        request=request,
        capability="manage_members",
        pk=invitation_id,
    )
