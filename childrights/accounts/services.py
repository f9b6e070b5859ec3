"""Writes for accounts, memberships and two-factor devices. Each one is audited."""

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.forms import PasswordResetForm
from childrights.accounts.models import INVITATION_DAYS, Invitation, Membership, Role, User
from childrights.accounts.tasks import send_role_invitation
from childrights.accounts.throttle import account_key
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.emails import normalise_email
from childrights.core.models import AuditEvent
from childrights.core.presenters import localised
from childrights.core.ratelimit import Limit, rate_limit_consume
from childrights.core.tasks import send_email
from childrights.councils.models import Council

ROLES_FILE = Path(__file__).resolve().parent / "data" / "roles.json"


def roles_load(*, path: Path = ROLES_FILE) -> str:
    """Create or update every role in the data file. Safe to run again."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        for position, row in enumerate(data["roles"]):
            _, was_created = Role.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "scope": row["scope"],
                    "name_en": row["name"]["en"],
                    "name_cy": row["name"]["cy"],
                    "description_en": row["description"]["en"],
                    "description_cy": row["description"]["cy"],
                    "requires_two_factor": row["requires_two_factor"],
                    "read_only": row["read_only"],
                    "capabilities": row["capabilities"],
                    "position": position,
                },
            )
            created += was_created
    return f"roles: {len(data['roles'])} in file, {created} new"


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    """Record the language the person chose (the Welsh Language Standards ask for this)."""
    if language in User.Language.values and language != user.preferred_language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def user_set_mobile_number(*, actor: Actor, user: User, number: str) -> None:
    """The mobile number the person gave for urgent safeguarding alerts ("" for none). Audited,
    without the number: who gets texts about children matters."""
    if number == user.mobile_number:
        return
    user.mobile_number = number
    user.save(update_fields=["mobile_number"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=user,
        detail={"mobile_number": "given" if number else "removed"},
    )


@transaction.atomic
def invitation_send(
    *,
    actor: Actor,
    council: Council,
    email: str,
    full_name: str,
    role: Role,
) -> Invitation | None:
    """Offer someone a role in a council by email. Whether or not the address has an account,
    the same email goes and the council sees only what it typed until the person accepts.
    Returns None when the person already holds the role (nothing to send); asking again while
    an invitation waits sends it again."""
    if role.scope != Role.Scope.COUNCIL:
        raise ValueError("Only council roles can be given within a council.")
    email = normalise_email(email)
    if Membership.objects.filter(user__email=email, council=council, role=role).exists():
        return None
    invitation = invitations_waiting(council=council).filter(email=email, role=role).first()
    inviter = actor.person if isinstance(actor.person, User) else None
    if invitation is None:
        confirmed = not role.grants(SAFEGUARDING) or _is_council_lead(inviter, council)
        invitation = Invitation.objects.create(
            council=council,
            role=role,
            email=email,
            full_name=full_name.strip(),
            invited_by=inviter,
            confirmed_at=timezone.now() if confirmed else None,
            confirmed_by=inviter if confirmed else None,
        )
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            obj=invitation,
            council=council,
            detail={"role": role.slug, "email": email},
        )
    if invitation.needs_confirmation:
        return invitation  # emailed once a council lead or a second programme member confirms
    _invitation_email(invitation)
    return invitation


SAFEGUARDING = "safeguarding"


def _is_council_lead(user: User | None, council: Council) -> bool:
    return (
        user is not None
        and user.memberships.filter(council=council, role__slug="council-lead").exists()
    )


def invitation_confirm(*, actor: Actor, invitation: Invitation) -> None:
    """A second person's word for an invitation to a safeguarding role: one of the council's
    leads, or a member of the programme team other than the one who invited. Then it is sent."""
    user = actor.person if isinstance(actor.person, User) else None
    if user is None or not invitation.needs_confirmation:
        return
    allowed = _is_council_lead(user, invitation.council) or (
        user.is_programme_team and user.pk != invitation.invited_by_id
    )
    if not allowed:
        raise PermissionError("a council lead or a second programme team member confirms")
    with transaction.atomic():
        updated = Invitation.objects.filter(pk=invitation.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now(), confirmed_by=user
        )
        if not updated:
            return
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=invitation,
            council=invitation.council,
            detail={"confirmed": True, "role": invitation.role.slug},
        )
    invitation.refresh_from_db()
    _invitation_email(invitation)


def _invitation_email(invitation: Invitation) -> None:
    # Only the invitation's id is queued: its link is written when the email is sent, so it
    # never sits in the task table.
    invitation_id, language = invitation.pk, translation.get_language()
    transaction.on_commit(
        lambda: send_role_invitation.enqueue(invitation_id=invitation_id, language=language)
    )


def invitations_waiting(*, council: Council) -> QuerySet[Invitation]:
    """Invitations not yet accepted and still in time, newest first."""
    since = timezone.now() - timedelta(days=INVITATION_DAYS)
    return council.invitations.filter(
        accepted_at__isnull=True, created_at__gte=since
    ).select_related("role")


def invitation_by_token(token: str) -> Invitation | None:
    since = timezone.now() - timedelta(days=INVITATION_DAYS)
    return (
        Invitation.objects.select_related("council", "role")
        .filter(
            token=token,
            accepted_at__isnull=True,
            confirmed_at__isnull=False,
            created_at__gte=since,
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, actor: Actor, invitation: Invitation, user: User) -> Membership:
    """The invited person takes the role (``user`` has the invited address)."""
    if normalise_email(user.email) != invitation.email:
        raise PermissionError("the invitation is for another address")
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    membership, created = Membership.objects.get_or_create(
        user=user, council=locked.council, role=locked.role
    )
    if locked.accepted_at is None:
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    if created:
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=Actor(person=user, client_ip=actor.client_ip),
            obj=membership,
            council=locked.council,
            detail={"role": locked.role.slug, "invitation": locked.pk},
        )
        if locked.role.grants(SAFEGUARDING):
            _tell_council_leads(membership)
    return membership


def _tell_council_leads(membership: Membership) -> None:
    """Every lead of the council hears when someone gains a role that reads what children
    disclose."""
    from childrights.accounts.selectors import council_leads

    council = membership.council
    if council is None:
        return
    link = settings.SITE_URL + reverse("accounts:council_team", args=[council.pk])
    for lead in council_leads(council=council):
        with translation.override(lead.preferred_language or "en-gb"):
            subject = _("A safeguarding role was given in %(council)s") % {"council": council.name}
            body = _(
                "%(email)s now has the role “%(role)s” in %(council)s, and can read what children "
                "write that may tell of harm. If this is not right, remove the role on the "
                "council's team page: %(link)s"
            ) % {
                "email": membership.user.email,
                "role": localised(membership.role, "name"),
                "council": council.name,
                "link": link,
            }
        send_email.enqueue(
            kind="safeguarding_role_given",
            subject=subject,
            body=body,
            to=[lead.email],
            fields={"link": link},
        )


@transaction.atomic
def invited_account_create(
    *, actor: Actor, invitation: Invitation, full_name: str, password: str | None
) -> User:
    """An account for an invited address that has none, with the password the person chose,
    holding the role it was invited to. No password (``None``) where the council's staff sign in
    with their council account only: the account has no usable password."""
    user = User.objects.create_user(
        email=invitation.email, full_name=full_name.strip(), password=password
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=Actor(person=user, client_ip=actor.client_ip),
        obj=user,
        council=invitation.council,
    )
    invitation_accept(actor=actor, invitation=invitation, user=user)
    return user


def password_link_send(*, email: str, domain: str, use_https: bool) -> None:
    """Queue an email with a link to choose a new password, on the site at ``domain``."""
    form = PasswordResetForm(data={"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="accounts/emails/password_reset_subject.txt",
            email_template_name="accounts/emails/password_reset.txt",
        )


RESET_LIMITS = (
    Limit("password-reset:email", 3, timedelta(hours=1)),
    Limit("password-reset:client", 20, timedelta(hours=1)),
)


def password_reset_request(*, actor: Actor, email: str, domain: str, use_https: bool) -> None:
    """Every spelling of one person's address counts against the same limit: the limit is
    keyed on the account it finds. The link is to the site at ``domain``."""
    by_email = rate_limit_consume(RESET_LIMITS[0], account_key(email))
    by_client = rate_limit_consume(RESET_LIMITS[1], actor.client_ip or "unknown")
    if by_email or by_client:
        return
    password_link_send(email=email, domain=domain, use_https=use_https)


class MembershipInUse(Exception):
    """Someone cannot lose this role yet; ``reasons`` say why, in words for the person asking."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


# Apps that name people in their roles (a consultation's safeguarding lead) say why a membership
# cannot go yet. Each guard returns its reasons, none when nothing stops the removal. Apps above
# this one register theirs when they are ready, so accounts never imports them.
MembershipGuard = Callable[[Membership], list[str]]
_membership_guards: list[MembershipGuard] = []


def membership_guard_register(guard: MembershipGuard) -> None:
    if guard not in _membership_guards:
        _membership_guards.append(guard)


def membership_removal_blockers(membership: Membership) -> list[str]:
    return [reason for guard in _membership_guards for reason in guard(membership)]


def membership_remove(*, actor: Actor, membership: Membership) -> None:
    """Raises MembershipInUse while another app still needs the person in this role."""
    reasons = membership_removal_blockers(membership)
    if reasons:
        raise MembershipInUse(reasons)
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=membership,
        detail={"role": membership.role.slug, "email": membership.user.email},
    )
    membership.delete()


RECOVERY_CODES = 10
RECOVERY_DEVICE = "Recovery codes"


@transaction.atomic
def recovery_codes_make(*, actor: Actor, user: User) -> list[str]:
    """Ten new single-use recovery codes for someone with two-factor, replacing any earlier
    ones. Returned once, to show once: only django-otp's copies are kept."""
    StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit_record(
        action=AuditEvent.Action.TWO_FACTOR,
        actor=Actor(person=user, client_ip=actor.client_ip),
        detail={"change": "recovery codes made"},
    )
    return codes


def two_factor_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device, made if there is none yet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, actor: Actor, user: User, device: TOTPDevice) -> None:
    """Make the device the user's one confirmed authenticator, replacing any earlier one."""
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        action=AuditEvent.Action.TWO_FACTOR,
        actor=Actor(person=user, client_ip=actor.client_ip),
        detail={"change": "confirmed"},
    )
