"""The outcomes section of a council's public page (``councils.public_pages``): the progress
summary the council last published, once it has published one."""

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.core.presenters import day_text
from childrights.councils.models import Council
from childrights.councils.public_pages import PROGRESS, CouncilLink, CouncilSection
from childrights.outcomes.reports.records import published_summary
from childrights.programme.models import Partnership


def council_sections(council: Council) -> list[CouncilSection]:
    report = published_summary(council=council)
    partnership = Partnership.objects.filter(council=council).first()
    if report is None or partnership is None:
        return []
    return [
        CouncilSection(
            heading=_("Progress"),
            order=PROGRESS,
            links=[
                CouncilLink(
                    label=_("Progress summary from %(start)s to %(end)s")
                    % {"start": day_text(report.period_start), "end": day_text(report.period_end)},
                    url=reverse("outcomes:partner_progress", args=[partnership.slug]),
                    hint=_("Published %(date)s") % {"date": day_text(report.published_at)},
                )
            ],
        )
    ]
