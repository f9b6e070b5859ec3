"""A progress report for the demonstration council, built from the rest of its demonstration
data and published as its public summary, so both can be read straight after `make run`."""

from datetime import date

from django.utils import timezone

from childrights.councils.demo import demo_council
from childrights.outcomes.models import Report
from childrights.outcomes.tasks import report_build

# From the baseline round to the day the demonstration is loaded (its assessment is signed
# off that day).
STARTS_ON = date(2024, 1, 1)


def reports_demo_load() -> str:
    council = demo_council()
    if Report.objects.filter(council=council).exists():
        return "demonstration progress report already built"
    report = Report.objects.create(
        kind=Report.Kind.PARTNER,
        council=council,
        period_start=STARTS_ON,
        period_end=timezone.localdate(),
        language="en-gb",
    )
    report_build.call(report_id=report.pk)
    report.refresh_from_db()
    if report.status != Report.Status.DONE:
        return f"demonstration progress report failed: {report.error}"
    Report.objects.filter(pk=report.pk).update(published_at=timezone.now())
    return "a demonstration progress report, published as the public summary"
