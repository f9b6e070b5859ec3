"""The figures of a corporate parenting board's report for a period, ready for JSON.

Each section names the corporate parenting principles it evidences (``principles.py``):

- ``views``: children's views before their meetings. Meetings held in the period; the share with
  the child's views sent by the day of the meeting; of the views sent, the share answered back
  and the share answered back on time (``myviews.due.answer_due``: the council's working days
  after the meeting); how children felt listened to. From the live records, plus the counts kept
  (``myviews.Tally``) for statements already deleted after the retention period: a tally holds
  deleted statements only, so nothing is counted twice; a deleted statement counts as views
  before its meeting only where it was sent by the day of the meeting (``Tally.sent_by_meeting``).
  Tallies are by month of the meeting, so only months wholly inside the period are counted from
  them.
- ``topics``: how many of the views sent said something about each topic.
- ``alerts``: presses of "I don't feel safe" and alerts raised by screening what children wrote,
  from the live alerts and the counts kept for deleted ones (``myviews.AlertTally``).
- ``wellbeing``: the well-being survey's indicators (the latest survey closed by the end of the
  period) against the year before and other councils.
- ``pledge``: the pledge's promises by status at the end of the period, and updates made in it.

Disclosure control (``core.disclosure``): nothing about too few children to show (``may_show``)
is shown, a share included, every count of children or of their views is rounded
(``round_count``), and the cells of a table that adds up to a total are suppressed together so no
hidden cell can be worked out; "felt listened to" is suppressed by the children behind each
answer, not by how many answers they gave. A deleted statement's child is no longer known, so
each one counts as one child. Every share is a whole percentage (rounded half up) of the counts
as published, rounded and suppressed, never of the exact ones: two reports of overlapping
periods could otherwise be set against each other to find one child's answer. A share of a
whole is shown only where both its part and the rest are enough to show. Every record is chosen
by its own date; the only use of the day the report is built is to leave out answers back not
yet due.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from childrights.core.disclosure import (
    cells_to_suppress,
    may_show,
    protect_counts_with_complements,
    round_count,
)
from childrights.councils.models import Council
from childrights.myviews.due import answer_due, meeting_date
from childrights.myviews.models import (
    Alert,
    AlertTally,
    Meeting,
    Reply,
    Statement,
    Tally,
    Template,
)
from childrights.myviews.selectors import settings_of
from childrights.parenting import wellbeing
from childrights.parenting.models import Pledge, PromisePrinciple, WellbeingSurvey
from childrights.participation.models import Commitment, CommitmentUpdate

FIGURES_VERSION = 1
Progress = Callable[[int], None]

# The principles each section evidences (slugs of ``principles.py``).
SECTION_PRINCIPLES = {
    "views": ["express-views", "take-views-into-account"],
    "topics": ["express-views", "best-interests"],
    "alerts": ["safe-and-stable", "best-interests"],
    "wellbeing": ["best-interests", "high-aspirations", "safe-and-stable"],
    "pledge": ["take-views-into-account", "access-to-services"],
}
LISTENED = [Reply.Listened.YES, Reply.Listened.A_BIT, Reply.Listened.NO]


# Numbers -----------------------------------------------------------------------------------------


def percent(part: int, whole: int) -> str | None:
    """A whole percentage of exact counts, rounded half up; None when there is no whole."""
    if not whole:
        return None
    value = Fraction(part * 100, whole)
    whole_part = int(value)
    return str(whole_part + (1 if value - whole_part >= Fraction(1, 2) else 0))


def shown_count(count: int, *, children: int | None = None) -> int | None:
    """A count of children (or of their views) as published: rounded, or None when it, or the
    number of children behind it, is too small to show."""
    behind = count if children is None else children
    if not (may_show(count) and may_show(behind)):
        return None
    return round_count(count)


def shown_share(part: int, whole: int, *, children: int) -> str | None:
    """A share of a whole, shown only where enough children to show stand behind the whole and
    both the part and the rest are enough to show (``protect_counts_with_complements``); worked
    out from the rounded counts, as published."""
    if not (may_show(whole) and may_show(children)):
        return None
    part_shown = protect_counts_with_complements({"part": part}, total=whole)["part"]
    if part_shown is None:
        return None
    return percent(part_shown, round_count(whole))


# Dates -------------------------------------------------------------------------------------------


def bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``start`` and the first moment after ``end``, in the service's time
    zone, so a record's day is the same whatever zone is active."""
    zone = ZoneInfo(settings.TIME_ZONE)
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    return low, high


def whole_months(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first days of the first and last months wholly inside the period (the first after
    the last when there is none)."""
    first = start if start.day == 1 else _next_month(start)
    after_end = end + datetime.timedelta(days=1)
    last = _previous_month(after_end) if after_end.day == 1 else _previous_month(end)
    return first, last


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _previous_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def tallies_in(council: Council, start: datetime.date, end: datetime.date) -> list[Tally]:
    first, last = whole_months(start, end)
    return list(
        Tally.objects.filter(council=council, month__gte=first, month__lte=last).order_by(
            "month", "kind"
        )
    )


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)).date()


# Children's views before their meetings ----------------------------------------------------------


def sent_statements(council: Council, start: datetime.date, end: datetime.date) -> list[Statement]:
    """The council's sent statements whose meeting (or, sent for none, whose sending) falls in
    the period."""
    low, high = bounds(start, end)
    candidates = Statement.objects.filter(
        child__council=council, status=Statement.Status.SENT
    ).select_related("meeting", "child__council", "reply", "template")
    for_meetings = candidates.filter(meeting__on__gte=start, meeting__on__lte=end)
    for_none = candidates.filter(meeting__isnull=True, sent_at__gte=low, sent_at__lt=high)
    found = {statement.pk: statement for statement in [*for_meetings, *for_none]}
    return [found[pk] for pk in sorted(found) if start <= meeting_date(found[pk]) <= end]


def _reply(statement: Statement) -> Reply | None:
    try:
        return statement.reply
    except Statement.reply.RelatedObjectDoesNotExist:
        return None


@dataclass
class ViewCounts:
    meetings: int = 0
    meeting_children: set[int] = field(default_factory=set)
    meetings_with_views: int = 0
    statements: int = 0
    statement_children: set[int] = field(default_factory=set)
    replied: int = 0
    due: int = 0
    due_children: set[int] = field(default_factory=set)
    on_time: int = 0
    listened: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LISTENED, 0))
    listened_children: set[int] = field(default_factory=set)
    # The children behind each answer: live ones by who they are, deleted ones one each.
    listened_by: dict[str, set[int]] = field(
        default_factory=lambda: {key: set() for key in LISTENED}
    )
    deleted_listened_by: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LISTENED, 0))
    deleted: int = 0  # statements counted from tallies
    deleted_sent_by_meeting: int = 0  # of them, sent by the day of their meeting
    deleted_due: int = 0
    deleted_listened: int = 0


def view_counts(
    council: Council, start: datetime.date, end: datetime.date, *, today: datetime.date
) -> ViewCounts:
    counts = ViewCounts()
    meetings = Meeting.objects.filter(child__council=council, on__gte=start, on__lte=end)
    for child_id in meetings.values_list("child_id", flat=True):
        counts.meetings += 1
        counts.meeting_children.add(child_id)
    sent_before = Statement.objects.filter(
        meeting__in=meetings, status=Statement.Status.SENT
    ).values_list("meeting_id", "meeting__on", "sent_at")
    counts.meetings_with_views = len(
        {meeting for meeting, on, sent in sent_before if sent and local_day(sent) <= on}
    )
    council_settings = settings_of(council)
    for statement in sent_statements(council, start, end):
        counts.statements += 1
        counts.statement_children.add(statement.child_id)
        reply = _reply(statement)
        due = answer_due(statement, council_settings)
        if reply is not None:
            counts.replied += 1
        if reply is not None or due <= today:
            counts.due += 1
            counts.due_children.add(statement.child_id)
            if reply is not None and local_day(reply.written_at) <= due:
                counts.on_time += 1
        if reply is not None and reply.listened in counts.listened:
            counts.listened[reply.listened] += 1
            counts.listened_children.add(statement.child_id)
            counts.listened_by[reply.listened].add(statement.child_id)
    for tally in tallies_in(council, start, end):
        counts.deleted += tally.statements
        counts.deleted_sent_by_meeting += tally.sent_by_meeting
        counts.replied += tally.replied
        counts.deleted_due += tally.statements  # long past: every answer was due
        counts.on_time += tally.replied_on_time
        for key, kept in zip(
            LISTENED, (tally.listened_yes, tally.listened_a_bit, tally.listened_no), strict=True
        ):
            counts.listened[key] += kept
            counts.deleted_listened += kept
            counts.deleted_listened_by[key] += kept
    return counts


def _views(counts: ViewCounts) -> dict[str, Any]:
    statements = counts.statements + counts.deleted
    statement_children = len(counts.statement_children) + counts.deleted
    due = counts.due + counts.deleted_due
    due_children = len(counts.due_children) + counts.deleted_due
    meeting_children = len(counts.meeting_children)
    with_views = min(counts.meetings_with_views + counts.deleted_sent_by_meeting, counts.meetings)
    listened_total = sum(counts.listened.values())
    listened_children = len(counts.listened_children) + counts.deleted_listened
    # Primary and secondary suppression by the children behind each answer: three children
    # who each said "no" at four meetings are three, not twelve.
    behind = {
        key: len(counts.listened_by[key]) + counts.deleted_listened_by[key] for key in LISTENED
    }
    hidden = cells_to_suppress(behind) if may_show(listened_children) else set(LISTENED)
    listened_shown = {
        key: None if key in hidden else round_count(counts.listened[key]) for key in LISTENED
    }
    total_shown = shown_count(listened_total, children=listened_children)
    return {
        "principles": SECTION_PRINCIPLES["views"],
        "meetings": shown_count(counts.meetings, children=meeting_children),
        "with_views": shown_share(with_views, counts.meetings, children=meeting_children),
        "statements": shown_count(statements, children=statement_children),
        "answered": shown_share(counts.replied, statements, children=statement_children),
        "on_time": shown_share(counts.on_time, due, children=due_children),
        "listened": {
            "total": total_shown,
            "rows": [
                {
                    "key": str(key),
                    "count": listened_shown[key],
                    "percent": None
                    if listened_shown[key] is None or not total_shown
                    else percent(listened_shown[key] or 0, total_shown),
                }
                for key in LISTENED
            ],
        },
        "from_deleted": counts.deleted > 0,
    }


# Topics children raised --------------------------------------------------------------------------


def topic_titles() -> dict[str, dict[str, str]]:
    """Each topic's title in English and Welsh, from the statement templates stored (the newest
    version's words win)."""
    titles: dict[str, dict[str, str]] = {}
    for template in Template.objects.order_by("version", "pk"):
        for topic in template.content.get("topics", []):
            titles[topic["slug"]] = {
                "en": topic["title"].get("en", topic["slug"]),
                "cy": topic["title"].get("cy", ""),
            }
    return titles


def _topics(statements: Iterable[Statement], tallies: Iterable[Tally]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    children: dict[str, set[int]] = {}
    deleted: dict[str, int] = {}
    for statement in statements:
        for topic in statement.answers:
            counts[topic] = counts.get(topic, 0) + 1
            children.setdefault(topic, set()).add(statement.child_id)
    for tally in tallies:
        for topic, kept in tally.topics.items():
            counts[topic] = counts.get(topic, 0) + int(kept)
            deleted[topic] = deleted.get(topic, 0) + int(kept)
    titles = topic_titles()
    shown = {
        topic: shown_count(count, children=len(children.get(topic, ())) + deleted.get(topic, 0))
        for topic, count in counts.items()
    }
    # Most raised first; the hidden ones last, in the templates' order of topics.
    order = list(titles)

    def place(topic: str) -> tuple[bool, int, int]:
        count = shown[topic]
        return (
            count is None,
            -(count or 0),
            order.index(topic) if topic in order else len(order),
        )

    rows = [
        {"slug": topic, "title": titles.get(topic, {"en": topic, "cy": ""}), "count": shown[topic]}
        for topic in sorted(shown, key=place)
    ]
    return {"principles": SECTION_PRINCIPLES["topics"], "rows": rows}


# Safety alerts -----------------------------------------------------------------------------------


def _alerts(council: Council, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """Each source's uses in the period: every press of "I don't feel safe" (presses while an
    alert waits are kept on that alert, ``Alert.presses``), and every alert raised by screening,
    shown only where enough different children made them. From the live alerts, plus the counts
    kept (``myviews.AlertTally``) for alerts deleted after the retention period, of the months
    wholly inside the period. A kept count knows its month's children but not who they were, so
    the children behind the uses are taken as the most of any one month or of the live alerts:
    never more than there were (a sum across months could count one child many times)."""
    low, high = bounds(start, end)
    first, last = whole_months(start, end)
    rows = []
    for source in (Alert.Source.BUTTON, Alert.Source.SCREENING):
        found = list(
            Alert.objects.filter(
                council=council, source=source, raised_at__gte=low, raised_at__lt=high
            ).values_list("child_id", "presses")
        )
        uses = sum(presses for _child, presses in found)
        children = len({child for child, _presses in found})
        for kept in AlertTally.objects.filter(
            council=council, source=source, month__gte=first, month__lte=last
        ):
            uses += kept.presses
            children = max(children, kept.children)
        rows.append({"source": str(source), "count": shown_count(uses, children=children)})
    return {"principles": SECTION_PRINCIPLES["alerts"], "rows": rows}


# The pledge's progress ---------------------------------------------------------------------------


def status_at(commitment: Commitment, updates: list[CommitmentUpdate], end: datetime.date) -> str:
    """A promise's status at the end of the period: its latest update's by then; with none by
    then, its status now if nothing has changed it since, and "planned" otherwise."""
    by_then = [update for update in updates if update.made_on <= end]
    if by_then:
        return max(by_then, key=lambda update: (update.made_on, update.pk)).status
    if updates:
        return str(Commitment.Status.PLANNED)
    return str(commitment.status)


def _pledge(council: Council, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    section: dict[str, Any] = {
        "principles": SECTION_PRINCIPLES["pledge"],
        "exists": False,
        "statuses": [],
        "promises": [],
        "updates_in_period": 0,
    }
    pledge = Pledge.objects.filter(council=council, published_at__isnull=False).first()
    if pledge is None:
        return section
    _, high = bounds(start, end)
    commitments = list(
        pledge.consultation.commitments.filter(
            published_at__isnull=False, published_at__lt=high
        ).order_by("pk")
    )
    principles: dict[int, list[str]] = {}
    for commitment_id, slug in PromisePrinciple.objects.filter(
        commitment__in=commitments
    ).values_list("commitment_id", "principle"):
        principles.setdefault(commitment_id, []).append(slug)
    by_status = dict.fromkeys(Commitment.Status.values, 0)
    promises = []
    updates_in_period = 0
    for commitment in commitments:
        updates = list(commitment.updates.order_by("made_on", "pk"))
        status = status_at(commitment, updates, end)
        by_status[status] += 1
        in_period = [update for update in updates if start <= update.made_on <= end]
        updates_in_period += len(in_period)
        promises.append(
            {
                "text": {"en": commitment.text_en, "cy": commitment.text_cy},
                "status": status,
                "principles": sorted(principles.get(commitment.pk, [])),
                "updates": [
                    {
                        "made_on": update.made_on.isoformat(),
                        "text": {"en": update.text_en, "cy": update.text_cy},
                        "status": update.status,
                    }
                    for update in in_period
                ],
            }
        )
    section.update(
        exists=True,
        statuses=[{"status": key, "count": count} for key, count in by_status.items()],
        promises=promises,
        updates_in_period=updates_in_period,
    )
    return section


# The well-being indicators -----------------------------------------------------------------------


def survey_year(council: Council, end: datetime.date) -> int | None:
    """The year of the council's latest well-being survey that was opened to children and had
    closed by the end of the period (``wellbeing.closed_by``): the newest figures the board
    could have had. A draft never opened is no survey, whatever its dates."""
    year: int | None = (
        WellbeingSurvey.objects.filter(wellbeing.closed_by(end + datetime.timedelta(days=1)))
        .filter(council=council)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return year


def _share(share: wellbeing.Share | None) -> dict[str, Any] | None:
    if share is None:
        return None
    return {"percent": str(share.percent), "children": share.children, "councils": share.councils}


def _wellbeing(council: Council, end: datetime.date) -> dict[str, Any]:
    """Each indicator of the latest survey by the end of the period, against the year before
    and other councils (``wellbeing.indicator_results``, under its own disclosure control), its
    words kept in English and Welsh."""
    year = survey_year(council, end)
    section: dict[str, Any] = {
        "principles": SECTION_PRINCIPLES["wellbeing"],
        "year": year,
        "rows": [],
    }
    if year is None:
        return section
    results = {}
    for code in ("en", "cy"):
        with translation.override("cy" if code == "cy" else "en-gb"):
            results[code] = wellbeing.indicator_results(council=council, year=year)
    for english, welsh in zip(results["en"], results["cy"], strict=True):
        row: dict[str, Any] = {
            "slug": english.slug,
            "title": {"en": english.title, "cy": welsh.title},
            "principles": list(english.principles),
        }
        for which in ("this_year", "last_year", "benchmark"):
            row[which] = _share(getattr(english, which))
            row[f"{which}_not_shown"] = {
                "en": getattr(english, f"{which}_not_shown"),
                "cy": getattr(welsh, f"{which}_not_shown"),
            }
        section["rows"].append(row)
    return section


# The whole report --------------------------------------------------------------------------------


def board_figures(
    *,
    council: Council,
    period_start: datetime.date,
    period_end: datetime.date,
    today: datetime.date | None = None,
    progress: Progress = lambda percent: None,
) -> dict[str, Any]:
    today = today or timezone.localdate()
    counts = view_counts(council, period_start, period_end, today=today)
    progress(30)
    statements = sent_statements(council, period_start, period_end)
    tallies = tallies_in(council, period_start, period_end)
    topics = _topics(statements, tallies)
    progress(50)
    alerts = _alerts(council, period_start, period_end)
    progress(60)
    wellbeing_section = _wellbeing(council, period_end)
    progress(80)
    pledge = _pledge(council, period_start, period_end)
    progress(100)
    return {
        "version": FIGURES_VERSION,
        "council": {
            "name": council.name,
            "short_name": council.short_name,
            "is_demo": council.is_demo,
        },
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "built_on": today.isoformat(),
        "views": _views(counts),
        "topics": topics,
        "alerts": alerts,
        "wellbeing": wellbeing_section,
        "pledge": pledge,
    }
