"""The assessments' section of a council's public page (``councils.public_pages``): its
published impact assessments, each as its newest published version."""

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.assessments.register import published_in_council
from childrights.core.language import plain_lang
from childrights.core.presenters import day_text
from childrights.councils.models import Council
from childrights.councils.public_pages import ASSESSMENTS, CouncilLink, CouncilSection

SHOWN = 20


def council_sections(council: Council) -> list[CouncilSection]:
    versions = list(published_in_council(council=council)[: SHOWN + 1])
    links = [
        CouncilLink(
            label=version.assessment.title,
            lang=plain_lang(),
            url=reverse(
                "assessments:public_assessment",
                args=[council.gss_code, version.assessment.public_key],
            ),
            hint=_("Published %(date)s") % {"date": day_text(version.published_at)},
        )
        for version in versions[:SHOWN]
    ]
    return [
        CouncilSection(
            heading=_("Child rights impact assessments"),
            order=ASSESSMENTS,
            links=links,
            empty=_("The council has not published an impact assessment here yet."),
            more=CouncilLink(
                label=_("Search all of the council's published assessments"),
                url=reverse("assessments:council_register", args=[council.gss_code]),
            )
            if links
            else None,
        )
    ]
