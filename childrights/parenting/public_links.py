"""The corporate parenting pages about one council for other apps' pages to link
(``councils.public_pages``): its pledge to children in care and care leavers, once published."""

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.councils.models import Council
from childrights.councils.public_pages import CouncilLink
from childrights.parenting.pledge import published_pledge


def council_links(council: Council) -> list[CouncilLink]:
    if published_pledge(council) is None:
        return []
    return [
        CouncilLink(
            label=_("Our pledge to children in care and care leavers"),
            url=reverse("parenting:public_pledge", args=[council.gss_code]),
        )
    ]
