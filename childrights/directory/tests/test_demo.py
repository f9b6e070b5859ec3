"""`make run` gives the made-up council a directory to try, and touches no real council."""

import pytest
from django.db.models import Count

from childrights.core.models import AuditEvent
from childrights.directory.demo.services import directory_demo_load
from childrights.directory.models import (
    Entitlement,
    LocalOffer,
    Location,
    Need,
    Organisation,
    Postcode,
    SendComment,
    Service,
    ServiceAtLocation,
    ServiceChange,
)
from childrights.participation.demo import consultations_demo_load
from childrights.participation.models import Consultation

pytestmark = pytest.mark.django_db

LEAVING_CARE = [
    "Leaving Care Team",
    "Setting up home grant",
    "Care leavers' drop-in",
    "Apprenticeships for care leavers",
    "Council tax help for care leavers",
    "Staying Put and supported lodgings",
]


def _counts():
    return (
        Organisation.objects.count(),
        Service.objects.count(),
        Location.objects.count(),
        ServiceAtLocation.objects.count(),
        ServiceChange.objects.count(),
        LocalOffer.objects.count(),
        Entitlement.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def demo(world):
    directory_demo_load()


def test_the_demo_council_has_sixty_published_services_in_english_and_welsh(demo):
    services = Service.objects.filter(council__is_demo=True, is_published=True)
    assert services.count() >= 60
    for service in services:
        for field in ("name", "description", "who_for", "what_happens", "how_to_ask"):
            assert getattr(service, f"{field}_cy"), (service, field)
        assert service.minimum_age is not None
        assert service.maximum_age is not None
        assert 0 <= service.minimum_age <= service.maximum_age <= 25


def test_the_services_cover_every_need_and_ages_from_birth_to_twenty_five(demo):
    services = Service.objects.filter(council__is_demo=True)
    covered = set(services.values_list("needs__code", flat=True))
    assert covered == set(Need.objects.filter(council=None).values_list("code", flat=True))
    assert services.filter(minimum_age=0).exists()
    assert services.filter(maximum_age=25).exists()
    assert services.annotate(n=Count("articles")).filter(n__gt=0).count() >= 40


def test_care_leavers_find_their_leaving_care_services(demo):
    for name in LEAVING_CARE:
        service = Service.objects.get(council__is_demo=True, name_en__startswith=name)
        assert service.minimum_age is not None
        assert service.minimum_age >= 16
        assert service.maximum_age is not None
        assert service.maximum_age >= 21
    team = Service.objects.get(name_en__startswith="Leaving Care Team")
    assert team.contacts.filter(title="Personal adviser").count() == 2


def test_the_refuge_keeps_its_address_private(demo):
    refuge = Location.objects.get(council__is_demo=True, address_hidden=True)
    assert refuge.address == ""
    assert refuge.latitude is None
    assert Location.objects.filter(council__is_demo=True, latitude__isnull=False).count() >= 5


def test_the_demo_touches_no_real_council(demo, world):
    for council in (world.council_a, world.council_b):
        assert not council.directory_services.exists()
        assert not council.directory_organisations.exists()
        assert not council.directory_locations.exists()
    assert set(Service.objects.values_list("council__is_demo", flat=True)) == {True}


def test_loading_the_demo_twice_gives_the_same_records(demo):
    before = _counts()
    assert directory_demo_load() == "demonstration directory already loaded"
    assert _counts() == before


def test_the_demo_council_publishes_a_local_offer_in_every_area(demo):
    offer = LocalOffer.objects.get(council__is_demo=True)
    assert offer.is_published
    assert offer.last_updated_on is not None
    for field in ("intro", "adviser", "complaints"):
        assert getattr(offer, f"{field}_en"), field
        assert getattr(offer, f"{field}_cy"), field
    assert "Children's Commissioner" in offer.complaints_en
    assert "advocate" in offer.complaints_en
    assert offer.team_phone
    assert offer.team_email
    entitlements = offer.entitlements.all()
    assert {each.area for each in entitlements} == set(Entitlement.Area.values)
    for entitlement in entitlements:
        assert entitlement.title_cy, entitlement
        assert entitlement.amount_en, entitlement
        assert entitlement.until_age is not None
        assert entitlement.until_age <= 25
        # Linked to the demo's own services, every one of them found by name.
        assert entitlement.services.filter(council=offer.council, is_published=True).exists()
    assert entitlements.get(title_en="Higher education bursary").amount_en.startswith("£2,000")
    assert AuditEvent.objects.filter(
        object_type="directory.Entitlement", action=AuditEvent.Action.CREATE
    ).count() == len(entitlements)


def test_a_demo_loaded_before_it_had_a_local_offer_gets_one_once(demo):
    LocalOffer.objects.all().delete()
    assert directory_demo_load() == "demonstration directory already loaded"
    assert LocalOffer.objects.get(council__is_demo=True).is_published
    before = _counts()
    assert directory_demo_load() == "demonstration directory already loaded"
    assert _counts() == before


def test_every_shown_demo_place_is_on_the_map_and_its_postcode_in_the_demo_table(demo, world):
    places = Location.objects.filter(council__is_demo=True, address_hidden=False)
    table = set(Postcode.objects.filter(council__is_demo=True).values_list("postcode", flat=True))
    for place in places:
        assert place.latitude is not None, place
        assert place.postcode in table, place
    assert not Postcode.objects.filter(council__in=[world.council_a, world.council_b]).exists()


def test_the_demo_can_be_searched_near_a_postcode(demo, client):
    page = client.get("/services/", {"postcode": "nb13cd", "distance": "1"}).content.decode()
    assert "Services within 1 mile of NB1 3CD, nearest first." in page
    assert "About 0.0 miles away" not in page
    assert "About 0.1 miles away" in page


def test_a_demo_loaded_before_its_places_had_coordinates_gets_them_and_postcodes_once(demo):
    Postcode.objects.all().delete()
    Location.objects.filter(name="Community Pantry").update(latitude=None, longitude=None)

    assert directory_demo_load() == "demonstration directory already loaded"

    assert Location.objects.get(name="Community Pantry").latitude is not None
    count = Postcode.objects.count()
    assert count >= 10
    directory_demo_load()
    assert Postcode.objects.count() == count


def test_the_demo_send_offer_has_answered_comments_and_one_waiting(demo, client):
    council = Service.objects.filter(council__is_demo=True).first().council
    comments = SendComment.objects.filter(council=council)
    assert comments.filter(status=SendComment.Status.PUBLISHED).count() == 3
    assert comments.filter(status=SendComment.Status.NEW).count() == 1
    assert not comments.filter(held=True).exists()
    published = comments.filter(status=SendComment.Status.PUBLISHED)
    assert all(comment.response_cy for comment in published)
    page = client.get(f"/send-local-offers/{council.gss_code}/").content.decode()
    assert "Short breaks club" in page
    assert "two days a week in the summer holidays" in page
    assert "We are not doing this" in page
    before = (*_counts(), SendComment.objects.count())
    directory_demo_load()
    assert (*_counts(), SendComment.objects.count()) == before


def test_the_demo_local_offer_links_its_consultation_of_care_leavers(world):
    consultations_demo_load()
    directory_demo_load()
    offer = LocalOffer.objects.get(council__is_demo=True)
    assert offer.consultation_id is not None
    consultation = Consultation.objects.get(pk=offer.consultation_id)
    assert consultation.council == offer.council
    assert consultation.title_en == "Leaving care: what helps you move on"
