"""Two people changing one consultation's details: nobody silently reverts the other."""

import pytest
from django.test import Client

from childrights.participation.models import Consultation
from childrights.participation.tests.test_builder import _details, _new_url, leads  # noqa: F401
from childrights.testing.auth import sign_in
from childrights.testing.editing import opened_on
from childrights.testing.factories import make_user


@pytest.fixture
def consultation(world, signed_in, leads):  # noqa: F811
    signed_in(world.owner).post(_new_url(world), _details(leads))
    return Consultation.objects.get()


@pytest.fixture
def two(world):
    return (
        sign_in(Client(), world.member),
        sign_in(Client(), make_user(role="council-staff", council=world.council_a)),
    )


def _edit(consultation) -> str:
    return f"/consultations/{consultation.pk}/edit/"


def _opened(client, consultation) -> str:
    return opened_on(client, _edit(consultation))


def test_each_persons_own_change_is_kept(consultation, two, leads):  # noqa: F811
    me, colleague = two
    my_token, their_token = _opened(me, consultation), _opened(colleague, consultation)
    colleague.post(
        _edit(consultation), {**_details(leads, title_en="Parks and play"), "opened": their_token}
    )
    answer = me.post(
        _edit(consultation), {**_details(leads, about_en="The play strategy"), "opened": my_token}
    )
    assert answer.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title_en == "Parks and play"
    assert consultation.about_en == "The play strategy"


def test_both_changing_one_detail_is_refused_and_says_what_it_is_now(
    consultation,
    two,
    leads,  # noqa: F811
):
    me, colleague = two
    my_token, their_token = _opened(me, consultation), _opened(colleague, consultation)
    colleague.post(
        _edit(consultation), {**_details(leads, title_en="Parks and play"), "opened": their_token}
    )
    refused = me.post(
        _edit(consultation), {**_details(leads, title_en="Our green spaces"), "opened": my_token}
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "since you opened this page; it now says: Parks and play" in page
    consultation.refresh_from_db()
    assert consultation.title_en == "Parks and play"
