"""'You said, we did' is in reach: linked from the home page and from 'Have your say', which
lists the consultations most recently answered back with what changed."""

import datetime

import pytest
from django.utils import timezone

from childrights.councils.models import Council
from childrights.participation.models import Commitment
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.django_db


def test_the_home_page_links_to_you_said_we_did(client):
    assert 'href="/you-said-we-did/"' in client.get("/").content.decode()


def test_have_your_say_links_to_you_said_we_did(client):
    assert 'href="/you-said-we-did/"' in client.get("/have-your-say/").content.decode()


def test_have_your_say_lists_closed_consultations_with_what_changed(client):
    leeds = Council.objects.get(gss_code="E08000035")
    today = timezone.localdate()
    closed = make_consultation(
        council=leeds,
        title_en="Youth centre hours",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=30),
    )
    for status in (Commitment.Status.DONE, Commitment.Status.DONE, Commitment.Status.NOT_DOING):
        Commitment.objects.create(
            consultation=closed, text_en="Open later", status=status, published_at=timezone.now()
        )
    Commitment.objects.create(consultation=closed, text_en="Unpublished", status="planned")
    page = client.get("/have-your-say/").content.decode()
    assert f'href="/have-your-say/{closed.link_key}/you-said-we-did/"' in page
    assert "What changed: Done (2), We are not doing this (1)" in page


def test_a_consultation_with_nothing_published_back_is_not_listed_as_answered(client):
    leeds = Council.objects.get(gss_code="E08000035")
    today = timezone.localdate()
    closed = make_consultation(
        council=leeds,
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=30),
    )
    Commitment.objects.create(consultation=closed, text_en="Not yet", status="planned")
    assert (
        f"/have-your-say/{closed.link_key}/you-said-we-did/"
        not in client.get("/have-your-say/").content.decode()
    )


def test_the_answers_name_their_council_and_link_its_page(client):
    leeds = Council.objects.get(gss_code="E08000035")
    consultation = make_consultation(council=leeds)
    Commitment.objects.create(
        consultation=consultation, text_en="Lights", status="planned", published_at=timezone.now()
    )
    index = client.get("/you-said-we-did/").content.decode()
    answer = client.get(f"/have-your-say/{consultation.link_key}/you-said-we-did/").content.decode()
    assert 'href="/find-your-council/E08000035/">Leeds City Council</a>' in index
    assert 'href="/find-your-council/E08000035/">More about Leeds City Council</a>' in answer
