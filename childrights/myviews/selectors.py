"""Who reaches a child's record and what the child said.

A child's record and its meetings: the workers allocated to the child and the managers of the
child's team, while their role in the council still works with children. Everyone else, the
council's other staff and its leads included, gets 404 as an outsider does, and the refusal is
audited. The national programme team is no exception.

A statement's words: only the workers the child sent it to, while they can still reach the child.
A designated safeguarding lead reads the words of a statement screening raised an alert about,
from the alert.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from childrights.accounts.models import Membership, User
from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.myviews.models import (
    Alert,
    Allocation,
    Child,
    Meeting,
    Settings,
    Statement,
    Team,
)

WORKS_WITH_CHILDREN = "work_with_children"
ALLOCATES = "allocate"
MANAGES_CARE_TEAM = "manage_care_team"
SAFEGUARDING = "safeguarding"
MANAGES_MEMBERS = "manage_members"


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated and user.is_active else None


def children_reachable(user: User | None) -> QuerySet[Child]:
    """The children this person works with: allocated to them, in councils where their role
    works with children, or in a team they manage, while their role there manages a team."""
    if user is None or not user.is_active:
        return Child.objects.none()
    allocated = Allocation.objects.filter(child=OuterRef("pk"), user=user)
    managed = Team.managers.through.objects.filter(team=OuterRef("team_id"), user=user)
    return Child.objects.filter(
        Q(Exists(allocated), council__in=user.council_ids(WORKS_WITH_CHILDREN))
        | Q(Exists(managed), council__in=user.council_ids(MANAGES_CARE_TEAM))
    )


def _refuse(request: HttpRequest, found: object | None, council: Council | None) -> Http404:
    if found is not None:
        audit_record(
            action=AuditEvent.Action.ACCESS_DENIED,
            request=request,
            obj=found,  # type: ignore[arg-type]
            council=council,
            detail={"path": request.path[:500], "capability": WORKS_WITH_CHILDREN},
        )
    return Http404()


def _needs(request: HttpRequest, child: Child, needs: str | None) -> None:
    user = _user(request)
    if needs is None or (user is not None and child.council_id in user.council_ids(needs)):
        return
    audit_record(
        action=AuditEvent.Action.ACCESS_DENIED,
        request=request,
        obj=child,
        council=child.council,
        detail={"path": request.path[:500], "capability": needs},
    )
    raise PermissionDenied


def child_or_404(
    *, request: HttpRequest, child_id: int, needs: str | None = None, allocated: bool = False
) -> Child:
    """A child the person works with, or 404. ``needs``: a capability the action needs (for
    example ``allocate``); people who reach the child without it get 403. ``allocated``: the
    action is only for a worker allocated to the child (opening their space beside them, a new
    code); a team manager who reaches the record without being allocated gets 403."""
    user = _user(request)
    child = (children_reachable(user).select_related("council", "team").filter(pk=child_id)).first()
    if child is None:
        raise _refuse(request, Child.objects.filter(pk=child_id).first(), None)
    _needs(request, child, needs)
    if allocated and not child.allocations.filter(user=user).exists():
        audit_record(
            action=AuditEvent.Action.ACCESS_DENIED,
            request=request,
            obj=child,
            council=child.council,
            detail={"path": request.path[:500], "needs": "allocated"},
        )
        raise PermissionDenied
    return child


def meeting_or_404(*, request: HttpRequest, meeting_id: int) -> Meeting:
    children = children_reachable(_user(request))
    meeting = (
        Meeting.objects.select_related("child__council", "child__team")
        .filter(pk=meeting_id, child__in=children)
        .first()
    )
    if meeting is None:
        raise _refuse(request, Meeting.objects.filter(pk=meeting_id).first(), None)
    return meeting


def statements_for_worker(user: User | None) -> QuerySet[Statement]:
    """Sent statements whose words this person may read."""
    if user is None:
        return Statement.objects.none()
    return Statement.objects.filter(
        status=Statement.Status.SENT,
        recipients=user,
        child__in=children_reachable(user),
    )


def statement_or_404(*, request: HttpRequest, statement_id: int) -> Statement:
    """A sent statement the child chose to send to this person, or 404."""
    statement = (
        statements_for_worker(_user(request))
        .select_related("child__council", "child__team", "meeting", "template")
        .filter(pk=statement_id)
        .first()
    )
    if statement is None:
        existing = Statement.objects.select_related("child__council").filter(pk=statement_id)
        found = existing.first()
        raise _refuse(request, found, found.child.council if found else None)
    return statement


def council_for_workers_or_404(*, request: HttpRequest, council_id: int) -> Council:
    """A council's page of children, for its members who work with children."""
    return council_for_user_or_404(
        request=request,
        council_id=council_id,
        capability=WORKS_WITH_CHILDREN,
        programme_team=False,
    )


def council_for_leads_or_404(*, request: HttpRequest, council_id: int) -> Council:
    """Teams and settings: the council's leads (who manage its members)."""
    return council_for_user_or_404(
        request=request, council_id=council_id, capability=MANAGES_MEMBERS, programme_team=False
    )


def council_for_safeguarding_or_404(*, request: HttpRequest, council_id: int) -> Council:
    return council_for_user_or_404(
        request=request, council_id=council_id, capability=SAFEGUARDING, programme_team=False
    )


def team_or_404(*, request: HttpRequest, team_id: int) -> Team:
    user = _user(request)
    councils = user.council_ids(MANAGES_MEMBERS) if user is not None else frozenset()
    team = Team.objects.select_related("council").filter(pk=team_id, council__in=councils).first()
    if team is None:
        found = Team.objects.select_related("council").filter(pk=team_id).first()
        raise _refuse(request, found, found.council if found else None)
    return team


def alert_or_404(*, request: HttpRequest, alert_id: int) -> Alert:
    """An alert, for the designated safeguarding leads of its council."""
    user = _user(request)
    councils = user.council_ids(SAFEGUARDING) if user is not None else frozenset()
    alert = (
        Alert.objects.select_related("council", "child", "statement__template")
        .filter(pk=alert_id, council__in=councils)
        .first()
    )
    if alert is None:
        found = Alert.objects.select_related("council").filter(pk=alert_id).first()
        raise _refuse(request, found, found.council if found else None)
    return alert


def settings_of(council: Council) -> Settings:
    """The council's settings; the defaults until a lead changes them."""
    found = Settings.objects.filter(council=council).first()
    return found or Settings(council=council)


def workers_of_council(council: Council) -> QuerySet[Membership]:
    """Memberships of the council in a role that works with children: who may be allocated."""
    return (
        Membership.objects.filter(council=council, user__is_active=True)
        .select_related("user", "role")
        .order_by("user__full_name", "user__email", "role__position")
    )


def allocatable(council: Council) -> list[Membership]:
    return [m for m in workers_of_council(council) if m.role.grants(WORKS_WITH_CHILDREN)]


def child_by_access_key(access_key: str) -> Child | None:
    """The child whose personal link this is (the link alone opens nothing: the code does)."""
    if not access_key or len(access_key) > 40:
        return None
    return Child.objects.select_related("council", "team").filter(access_key=access_key).first()


def allocation_or_404(*, request: HttpRequest, allocation_id: int, needs: str | None) -> Allocation:
    """A worker's allocation to a child this person reaches, or 404; ``needs`` as for the
    child."""
    children = children_reachable(_user(request))
    allocation = (
        Allocation.objects.select_related("child__council", "child__team", "user", "role")
        .filter(pk=allocation_id, child__in=children)
        .first()
    )
    if allocation is None:
        found = Allocation.objects.select_related("child__council").filter(pk=allocation_id)
        first = found.first()
        raise _refuse(
            request, first.child if first else None, first.child.council if first else None
        )
    _needs(request, allocation.child, needs)
    return allocation


def teams_of(council: Council) -> QuerySet[Team]:
    return Team.objects.filter(council=council).prefetch_related("managers").order_by("name", "pk")


def team_managers_possible(council: Council) -> QuerySet[User]:
    """The council's members who may manage a team: those whose role there is team manager."""
    return (
        User.objects.filter(
            is_active=True, memberships__council=council, memberships__role__slug="team-manager"
        )
        .distinct()
        .order_by("full_name", "email", "pk")
    )


def alerts_of(council: Council) -> list[Alert]:
    """The council's safety alerts: those waiting for a decision first, newest first."""
    alerts = Alert.objects.filter(council=council).select_related("child__team", "decided_by")
    waiting = [alert for alert in alerts.filter(outcome="").order_by("-raised_at", "-pk")]
    decided = [alert for alert in alerts.exclude(outcome="").order_by("-raised_at", "-pk")]
    return waiting + decided
