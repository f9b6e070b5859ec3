"""Each partner council's page links that council's own pages in the directory (its local offer
for care leavers, its SEND local offer, its services), and only those it has published."""

import pytest

from childrights.directory.models import Need
from childrights.directory.tests.test_finder import make_service
from childrights.directory.tests.test_local_offer import make_offer, offer_url
from childrights.testing.factories import make_partnership

pytestmark = pytest.mark.django_db


def _partner_page(client, council):
    partnership = make_partnership(council=council)
    return client.get(f"/partners/{partnership.slug}/").content.decode()


def test_a_partner_page_links_its_council_s_published_offers_and_services(client, world):
    make_offer(world.council_a)
    make_service(council=world.council_a, needs=[Need.objects.get(code="disability-and-send")])
    page = _partner_page(client, world.council_a)
    assert f'href="{offer_url(world.council_a)}"' in page
    assert f'href="/send-local-offers/{world.council_a.gss_code}/"' in page
    assert f'href="/services/?council={world.council_a.pk}"' in page
    assert world.council_b.gss_code not in page


def test_a_partner_page_links_nothing_its_council_has_not_published(client, world):
    make_offer(world.council_b, published=False)
    make_service(council=world.council_b, is_published=False)
    page = _partner_page(client, world.council_b)
    assert "/local-offers/" not in page
    assert "/send-local-offers/" not in page
    assert "/services/?council=" not in page
