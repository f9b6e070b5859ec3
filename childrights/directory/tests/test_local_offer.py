"""The care leavers' local offer: what the public sees (only a published offer, by statutory
area, with published services), the checklist kept only by the young person, and the council's
writes (audited, checked, each moving the date it was last updated)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.directory import local_offer
from childrights.directory.models import Entitlement, LocalOffer
from childrights.directory.tests.test_finder import make_service
from childrights.participation.models import Consultation
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.django_db

SYSTEM = Actor()
READY = {
    "team_name": "Leaving Care Team",
    "team_phone": "01632 960101",
    "complaints_en": "Talk to your personal adviser first. Then complain to the council.",
    "adviser_en": "Your PA helps you until you are 25.",
}


def make_offer(council, *, published=True, **values):
    offer = local_offer.local_offer_save(actor=SYSTEM, council=council, values=READY | values)
    local_offer.entitlement_add(
        actor=SYSTEM,
        offer=offer,
        values={"area": "money", "title_en": "Setting up home allowance", "amount_en": "£3,000"},
    )
    if published:
        local_offer.local_offer_publish(actor=SYSTEM, offer=offer)
    return offer


def offer_url(council):
    return reverse("directory:local_offer", kwargs={"gss_code": council.gss_code})


# --- the public page --------------------------------------------------------------------------


def test_an_unpublished_offer_is_not_found(client, world):
    make_offer(world.council_a, published=False)
    assert client.get(offer_url(world.council_a)).status_code == 404
    assert client.get(offer_url(world.council_b)).status_code == 404
    with pytest.raises(Http404):
        local_offer.published_offer_or_404(gss_code=world.council_a.gss_code)


def test_the_public_page_shows_areas_in_the_law_s_order_with_published_services(client, world):
    offer = make_offer(world.council_a)
    shown = make_service(council=world.council_a, name_en="Health nurse for care leavers")
    hidden = make_service(council=world.council_a, name_en="Draft service", is_published=False)
    local_offer.entitlement_add(
        actor=SYSTEM,
        offer=offer,
        values={
            "area": "health",
            "title_en": "Free prescriptions advice",
            "until_age": 25,
            "how_to_ask_en": "Ask your PA.",
        },
        services=[shown, hidden],
    )
    response = client.get(offer_url(world.council_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Health and well-being") < page.index("Money: managing it")
    assert "Free prescriptions advice" in page
    assert "Until you are 25" in page
    assert "£3,000" in page
    assert reverse("directory:service", kwargs={"service_id": shown.pk}) in page
    assert "Draft service" not in page
    assert "01632 960101" in page
    assert "Then complain to the council." in page
    assert timezone.localdate().strftime("%Y") in page


def test_the_list_of_offers_has_only_published_ones(client, world):
    make_offer(world.council_a)
    make_offer(world.council_b, published=False)
    page = client.get(reverse("directory:local_offers")).content.decode()
    assert world.council_a.name in page
    assert world.council_b.name not in page


def test_an_open_consultation_and_its_published_answer_are_linked(client, world):
    consultation = make_consultation(council=world.council_a)
    Consultation.objects.filter(pk=consultation.pk).update(
        status="open",
        opens_on=timezone.localdate() - datetime.timedelta(days=1),
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    make_offer(world.council_a, consultation_id=consultation.pk)
    page = client.get(offer_url(world.council_a)).content.decode()
    assert "Have your say on this offer" in page
    assert reverse("participation:start", kwargs={"link_key": consultation.link_key}) in page
    said = reverse("participation:you_said_we_did", kwargs={"link_key": consultation.link_key})
    assert said not in page
    consultation.themes.create(
        title_en="Money", summary_en="More money", published_at=timezone.now()
    )
    page = client.get(offer_url(world.council_a)).content.decode()
    assert said in page


# --- the checklist ----------------------------------------------------------------------------


def test_the_checklist_comes_back_printable_and_keeps_nothing(client, world):
    offer = make_offer(world.council_a)
    entitlement = offer.entitlements.get()
    url = reverse("directory:local_offer_checklist", kwargs={"gss_code": world.council_a.gss_code})
    assert client.get(url).status_code == 200
    events, sessions = AuditEvent.objects.count(), dict(client.session.items())
    response = client.post(url, {f"e-{entitlement.pk}": ["know", "use"], "show": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "I know about it" in page
    assert "I use it" in page
    assert "I have been offered it" not in page
    assert AuditEvent.objects.count() == events
    assert dict(client.session.items()) == sessions


def test_the_checklist_downloads_as_a_csv_file(client, world):
    offer = make_offer(world.council_a)
    entitlement = offer.entitlements.get()
    url = reverse("directory:local_offer_checklist", kwargs={"gss_code": world.council_a.gss_code})
    response = client.post(url, {f"e-{entitlement.pk}": ["offered"], "download": "1"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert "Setting up home allowance,,Yes," in text


# --- the council's writes ---------------------------------------------------------------------


def test_each_write_is_audited_with_the_actor_and_moves_the_date(world):
    actor = Actor(person=world.owner)
    offer = local_offer.local_offer_save(actor=actor, council=world.council_a, values=READY)
    LocalOffer.objects.filter(pk=offer.pk).update(last_updated_on=datetime.date(2026, 1, 1))
    offer.refresh_from_db()
    entitlement = local_offer.entitlement_add(
        actor=actor, offer=offer, values={"area": "education", "title_en": "Bursary"}
    )
    offer.refresh_from_db()
    assert offer.last_updated_on == timezone.localdate()
    local_offer.entitlement_update(
        actor=actor, entitlement=entitlement, values={"amount_en": "£2,000"}
    )
    local_offer.local_offer_publish(actor=actor, offer=offer)
    local_offer.entitlement_remove(actor=actor, entitlement=entitlement)
    actions = list(
        AuditEvent.objects.filter(actor_email=world.owner.email)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "create", "update", "update", "delete"]


def test_bad_input_is_refused_and_changes_nothing(world):
    offer = local_offer.local_offer_save(actor=SYSTEM, council=world.council_a, values={})
    other_service = make_service(council=world.council_b)
    other_consultation = make_consultation(council=world.council_b)
    with pytest.raises(ValidationError) as refused:
        local_offer.entitlement_add(
            actor=SYSTEM,
            offer=offer,
            values={"area": "money", "title_en": "Grant", "until_age": 30},
            services=[other_service],
        )
    assert set(refused.value.message_dict) == {"until_age", "services"}
    with pytest.raises(ValidationError) as refused:
        local_offer.local_offer_save(
            actor=SYSTEM,
            council=world.council_a,
            values={"consultation_id": other_consultation.pk},
        )
    assert "consultation_id" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        local_offer.local_offer_publish(actor=SYSTEM, offer=offer)
    assert {"__all__", "team_phone", "complaints_en"} == set(refused.value.message_dict)
    offer.refresh_from_db()
    assert not offer.is_published
    assert offer.consultation_id is None
    assert not Entitlement.objects.exists()


# --- the council's pages ----------------------------------------------------------------------


def test_staff_add_an_entitlement_and_publish_through_the_pages(world, signed_in):
    client = signed_in(world.owner)
    service = make_service(council=world.council_a, name_en="Money coaching")
    council_id = world.council_a.pk
    assert client.get(reverse("directory:local_offer_edit", args=[council_id])).status_code == 200
    response = client.post(reverse("directory:local_offer_details", args=[council_id]), READY)
    assert response.status_code == 302
    response = client.post(
        reverse("directory:entitlement_add", args=[council_id]),
        {
            "area": "money",
            "title_en": "Money coaching",
            "until_age": "25",
            "services": [service.pk],
        },
    )
    assert response.status_code == 302
    entitlement = Entitlement.objects.get()
    assert list(entitlement.services.all()) == [service]
    response = client.post(reverse("directory:local_offer_publish", args=[council_id]))
    assert response.status_code == 302
    assert LocalOffer.objects.get().is_published


def test_publishing_an_incomplete_offer_says_what_is_missing(world, signed_in):
    client = signed_in(world.owner)
    council_id = world.council_a.pk
    client.post(reverse("directory:local_offer_details", args=[council_id]), {})
    response = client.post(reverse("directory:local_offer_publish", args=[council_id]))
    assert response.status_code == 200
    assert "Add at least one entitlement before publishing the offer." in response.content.decode()
    assert not LocalOffer.objects.get().is_published


def test_members_who_may_only_read_cannot_open_the_editing_pages(world, signed_in):
    from childrights.testing.factories import make_user

    reader = make_user(role="elected-member", council=world.council_a, email="cllr@a.example")
    client = signed_in(reader)
    url = reverse("directory:local_offer_edit", args=[world.council_a.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    ["/", "/get-help/", "/services/"],
)
def test_the_home_help_and_finder_pages_lead_to_the_local_offers(client, world, url):
    page = client.get(url).content.decode()
    assert reverse("directory:local_offers") in page
