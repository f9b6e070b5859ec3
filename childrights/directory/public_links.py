"""The directory's public pages about one council, for other apps' pages to link
(``councils.public_pages``): its services in the finder, its local offer for care leavers and
its SEND local offer, each only where there is something published to show."""

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.councils.models import Council
from childrights.councils.public_pages import CouncilLink
from childrights.directory import local_offer, selectors, send_comments


def council_links(council: Council) -> list[CouncilLink]:
    links = []
    if local_offer.published_offers().filter(council=council).exists():
        links.append(
            CouncilLink(
                label=_("Local offer for care leavers"),
                url=reverse("directory:local_offer", args=[council.gss_code]),
            )
        )
    if send_comments.councils_with_offer().filter(pk=council.pk).exists():
        links.append(
            CouncilLink(
                label=_("Help for special educational needs and disabilities (SEND)"),
                url=reverse("directory:send_offer", args=[council.gss_code]),
            )
        )
    if selectors.councils_with_services().filter(pk=council.pk).exists():
        links.append(
            CouncilLink(
                label=_("Services for children and young people"),
                url=reverse("directory:finder") + f"?council={council.pk}",
            )
        )
    return links
