"""A corporate parenting board's report for the made-up council, built from the rest of its
demonstration data for the last financial year, so it can be read straight after `make run`.

The made-up children of "my views" are few and their views recent; a board reads a year that
has ended, whose views have mostly been deleted after the retention period, leaving anonymous
counts. The demonstration adds such made-up counts for the months of that year whose views
would have been deleted by now, so the report has figures to show."""

import datetime

from django.utils import timezone

from childrights.councils.demo import demo_council
from childrights.councils.models import Council
from childrights.myviews.dates import add_months
from childrights.myviews.models import Meeting, Tally
from childrights.myviews.selectors import settings_of
from childrights.parenting.models import BoardReport
from childrights.parenting.report.records import last_financial_year
from childrights.parenting.tasks import board_report_build

# Per month: reviews' statements, replied, on time, listened yes / a bit / no, and topics.
REVIEWS = (11, 10, 8, 6, 3, 1)
PATHWAYS = (4, 4, 3, 2, 1, 1)
REVIEW_TOPICS = {
    "where-i-live": 6,
    "family-and-friends": 7,
    "school-or-college": 5,
    "health": 3,
    "worries": 2,
    "what-i-want": 4,
}
PATHWAY_TOPICS = {"money": 3, "where-i-live": 2, "school-or-college": 1, "what-i-want": 2}


def _month_starts(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def _counts(council: Council, start: datetime.date, end: datetime.date) -> int:
    """Made-up counts left by deleted statements, for each month of the period whose views
    would have been deleted by now (nothing for a month that has counts already)."""
    kept = settings_of(council).retention_months
    deleted_before = add_months(timezone.localdate(), -kept)
    made = 0
    for number, month in enumerate(_month_starts(start, end)):
        if add_months(month, 1) > deleted_before:
            break
        for kind, counts, topics in (
            (Meeting.Kind.REVIEW, REVIEWS, REVIEW_TOPICS),
            (Meeting.Kind.PATHWAY, PATHWAYS, PATHWAY_TOPICS),
        ):
            wobble = number % 3
            statements, replied, on_time, yes, a_bit, no = counts
            _, created = Tally.objects.get_or_create(
                council=council,
                kind=kind,
                month=month,
                defaults={
                    "statements": statements + wobble,
                    "replied": replied + wobble,
                    "replied_on_time": on_time + wobble,
                    "listened_yes": yes,
                    "listened_a_bit": a_bit,
                    "listened_no": no,
                    "topics": {slug: count + wobble for slug, count in topics.items()},
                },
            )
            made += created
    return made


def report_demo_load() -> str:
    council = demo_council()
    if BoardReport.objects.filter(council=council).exists():
        return "demonstration board report already built"
    start, end = last_financial_year(timezone.localdate())
    months = _counts(council, start, end)
    report = BoardReport.objects.create(
        council=council, period_start=start, period_end=end, language="en-gb"
    )
    board_report_build.call(board_report_id=report.pk)
    report.refresh_from_db()
    if report.status != BoardReport.Status.DONE:
        return f"demonstration board report failed: {report.error}"
    return (
        f"a demonstration board report for {start} to {end} "
        f"({months} made-up counts kept after deletion)"
    )
