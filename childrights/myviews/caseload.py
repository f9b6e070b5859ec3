"""What the workers and team managers see of the children they work with: for each child the next
meeting, whether the child's views are in for it and whether the child was asked, answers to the
child that are overdue (the council's working days after the meeting), and the latest date the
next review may be held by the nation's statutory rhythm (``dates.latest_next_review``)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet

from childrights.accounts.models import User
from childrights.councils.models import Council
from childrights.myviews import dates, due
from childrights.myviews.models import Child, Meeting, Settings, Statement, Team
from childrights.myviews.selectors import children_reachable, settings_of

# A list of children comes this many a page; a large council has several hundred.
PAGE_SIZE = 50


class Views:
    """Whether the child's views are in for their next meeting."""

    SENT = "sent"
    DRAFT = "draft"
    NONE = "none"


@dataclass(frozen=True)
class ChildRow:
    child: Child
    next_meeting: Meeting | None
    views: str
    invited: bool
    overdue: int
    latest_review: date | None
    # The next review booked is later than the rhythm allows, or none is booked and the latest
    # date has passed.
    review_late: bool


@dataclass(frozen=True)
class Review:
    """The latest date a child's next review may be held, and whether the one booked is later."""

    latest: date | None
    booked: Meeting | None
    late: bool


def review_timing(child: Child, *, today: date, meetings: list[Meeting] | None = None) -> Review:
    meetings = list(child.meetings.all()) if meetings is None else meetings
    reviews = [meeting for meeting in meetings if meeting.kind == Meeting.Kind.REVIEW]
    held = [meeting.on for meeting in reviews if meeting.on < today]
    booked = next(
        iter(sorted((m for m in reviews if m.on >= today), key=lambda m: (m.on, m.pk))), None
    )
    latest = dates.latest_next_review(
        nation=child.council.nation, came_into_care_on=child.came_into_care_on, reviews_held=held
    )
    if latest is None:
        late = False
    elif booked is not None:
        late = booked.on > latest
    else:
        late = today > latest
    return Review(latest=latest, booked=booked, late=late)


def listed(children: QuerySet[Child]) -> QuerySet[Child]:
    """The children in the order the lists show them, with their meetings and statements in two
    more queries whatever their number. A statement's words and the answer's are not read: the
    rows need only their dates and states (and the prefetch sets each statement's child)."""
    return (
        children.select_related("council", "team")
        .prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("on", "pk")),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("reply", "meeting").defer(
                    "answers", "reply__text"
                ),
            ),
        )
        .order_by("chosen_name", "pk")
    )


def child_row(child: Child, *, settings: Settings, today: date) -> ChildRow:
    meetings = list(child.meetings.all())
    upcoming = [meeting for meeting in meetings if meeting.on >= today]
    next_meeting = upcoming[0] if upcoming else None
    statements = list(child.statements.all())
    views = Views.NONE
    if next_meeting is not None:
        for_it = [s for s in statements if s.meeting_id == next_meeting.pk]
        if any(s.status == Statement.Status.SENT for s in for_it):
            views = Views.SENT
        elif for_it:
            views = Views.DRAFT
    overdue = sum(1 for s in statements if due.answer_overdue(s, settings, today=today))
    review = review_timing(child, today=today, meetings=meetings)
    return ChildRow(
        child=child,
        next_meeting=next_meeting,
        views=views,
        invited=next_meeting is not None and next_meeting.invited_at is not None,
        overdue=overdue,
        latest_review=review.latest,
        review_late=review.late,
    )


def rows(children: QuerySet[Child], *, council: Council, today: date) -> list[ChildRow]:
    return rows_of(listed(children), council=council, today=today)


def rows_of(children: Iterable[Child], *, council: Council, today: date) -> list[ChildRow]:
    """The rows of children already fetched through ``listed`` (a page of them, say)."""
    settings = settings_of(council)
    return [child_row(child, settings=settings, today=today) for child in children]


def page_of(children: QuerySet[Child], number: str | None) -> Page[Child]:
    """One page of the children, by name: a count and the page's children, as ``listed``."""
    return Paginator(listed(children), PAGE_SIZE).get_page(number)


def allocated_to(user: User, council: Council) -> QuerySet[Child]:
    """The children of the council this person is allocated to (and still reaches)."""
    return children_reachable(user).filter(council=council, allocations__user=user).distinct()


def teams_managed(user: User, council: Council) -> QuerySet[Team]:
    return Team.objects.filter(council=council, managers=user).order_by("name", "pk")


@dataclass(frozen=True)
class TeamView:
    team: Team
    rows: list[ChildRow]

    # The team's table a page at a time; the counts above it are over every row.
    page: Page[ChildRow]

    @property
    def page_parameter(self) -> str:
        return page_parameter(self.team)

    @property
    def with_views(self) -> list[ChildRow]:
        return [row for row in self.rows if row.next_meeting and row.views == Views.SENT]

    @property
    def without_views(self) -> list[ChildRow]:
        return [row for row in self.rows if row.next_meeting and row.views != Views.SENT]

    @property
    def overdue(self) -> list[ChildRow]:
        return [row for row in self.rows if row.overdue]

    @property
    def reviews_late(self) -> list[ChildRow]:
        return [row for row in self.rows if row.review_late]


def page_parameter(team: Team) -> str:
    """The address's parameter that holds the page of a team's table."""
    return f"team-{team.pk}"


def team_views(
    user: User, council: Council, *, today: date, pages: Mapping[str, str] | None = None
) -> list[TeamView]:
    """Each team the person manages, every row (for the counts) and the page of the table that
    ``pages`` asks for (by ``page_parameter``; the first when it asks for none)."""
    teams = list(teams_managed(user, council))
    if not teams:
        return []
    # Every team's children in one go (and their meetings and statements), not a round a team.
    by_team: dict[int, list[ChildRow]] = {team.pk: [] for team in teams}
    for row in rows(Child.objects.filter(team__in=teams), council=council, today=today):
        by_team[row.child.team_id].append(row)
    views = []
    for team in teams:
        team_rows = by_team[team.pk]
        number = (pages or {}).get(page_parameter(team))
        page = Paginator(team_rows, PAGE_SIZE).get_page(number)
        views.append(TeamView(team=team, rows=team_rows, page=page))
    return views
