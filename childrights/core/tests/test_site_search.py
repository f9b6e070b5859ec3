"""One search over the public site, without JavaScript: councils by English or Welsh name, a
small misspelling or GSS code; rights; surveys; the councils' answers; published assessments;
services. Only published things are found."""

import pytest
from django.utils import timezone

from childrights.councils.models import Council
from childrights.participation.models import Commitment, Consultation
from childrights.testing.assessments import make_assessment
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.django_db


def _search(client, query, **headers):
    response = client.get("/search/", {"q": query}, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_caerdydd_finds_cardiff(client):
    assert 'href="/find-your-council/W06000015/"' in _search(client, "Caerdydd")


def test_a_misspelling_finds_rhondda_cynon_taf(client):
    assert 'href="/find-your-council/W06000016/"' in _search(client, "rhonda")


def test_a_gss_code_finds_the_city_of_edinburgh(client):
    page = _search(client, "S12000036")
    assert 'href="/find-your-council/S12000036/"' in page
    assert "City of Edinburgh Council" in page


def test_on_a_welsh_page_a_welsh_council_is_named_in_welsh(client):
    page = _search(client, "Castell-nedd", HTTP_ACCEPT_LANGUAGE="cy")
    assert "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot" in page


def test_a_right_is_found_by_its_number_or_its_words(client):
    assert 'href="/uncrc/article-12/"' in _search(client, "article 12")
    assert 'href="/uncrc/article-31/"' in _search(client, "play")


def test_only_surveys_children_have_seen_are_found(client):
    leeds = Council.objects.get(gss_code="E08000035")
    seen = make_consultation(council=leeds, title_en="Skateparks for everyone")
    draft = make_consultation(
        council=leeds, title_en="Skateparks draft plan", status=Consultation.Status.DRAFT
    )
    page = _search(client, "skateparks")
    assert f"/have-your-say/{seen.link_key}/" in page
    assert draft.link_key not in page


def test_an_answer_back_is_found_by_what_the_council_will_do_once_published(client):
    leeds = Council.objects.get(gss_code="E08000035")
    consultation = make_consultation(council=leeds, title_en="Buses")
    commitment = Commitment.objects.create(
        consultation=consultation, text_en="Free bus passes for care leavers"
    )
    assert f"/have-your-say/{consultation.link_key}/you-said-we-did/" not in _search(
        client, "bus passes"
    )
    commitment.published_at = timezone.now()
    commitment.save()
    assert f"/have-your-say/{consultation.link_key}/you-said-we-did/" in _search(
        client, "bus passes"
    )


def test_only_published_assessments_are_found(client):
    leeds = Council.objects.get(gss_code="E08000035")
    assessment = make_assessment(council=leeds, title="Library opening hours for teenagers")
    url = f"/published-assessments/E08000035/{assessment.public_key}/"
    assert url not in _search(client, "library opening")
    assessment.versions.update(published_at=timezone.now())
    assert url in _search(client, "library opening")


def test_nothing_found_says_what_to_try(client):
    page = _search(client, "zzqxv")
    assert "0 results" in page
    assert "Check the spelling" in page


def test_every_page_has_a_search_form_that_works_without_javascript(client):
    page = client.get("/").content.decode()
    assert '<form class="app-site-search" method="get" action="/search/" role="search"' in page
    assert 'name="q"' in page
