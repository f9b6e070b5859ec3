"""Who reaches moderation, and what it lists: never an answer from a flagged or withdrawn
response."""

import pytest
from django.db.models import Q

from childrights.participation.models import Answer, Response
from childrights.participation.submission import withdraw
from childrights.participation.tests.moderation_support import _answer, _url
from childrights.testing.factories import make_user
from childrights.testing.participation import (
    make_response,
    make_safeguarding_lead,
)


def _list(consultation):
    return f"/consultations/{consultation.pk}/moderation/"


def test_the_list_shows_written_answers_waiting_to_be_read(world, consultation, signed_in):
    _answer(consultation, "We need more bins in the park")
    page = signed_in(world.member).get(_list(consultation)).content.decode()
    assert "We need more bins in the park" in page


def test_a_written_answer_sent_a_moment_ago_is_listed_and_counted(world, consultation, signed_in):
    make_response(consultation=consultation, text="The gate is broken")
    page = signed_in(world.member).get(_list(consultation)).content.decode()
    assert "The gate is broken" in page
    assert not Response.objects.filter(sent__isnull=False).exists()


def test_answers_from_a_flagged_response_are_never_listed(world, consultation, signed_in):
    _answer(consultation, "I want to kill myself")
    page = signed_in(world.member).get(_list(consultation)).content.decode()
    assert "kill myself" not in page
    assert "Every written answer has been read." in page


def test_answers_from_a_withdrawn_response_are_never_listed(world, consultation, signed_in):
    flagged = _answer(consultation, "My dad hits me")
    withdraw(receipt=flagged.response.receipt)
    plain = _answer(consultation, "The slide is too small")
    # Kept for an audit, say, even though withdrawal normally deletes the answers.
    Response.objects.filter(pk=plain.response_id).update(withdrawn_at=flagged.response.created_at)
    page = signed_in(world.member).get(_list(consultation)).content.decode()
    assert "hits me" not in page
    assert "The slide is too small" not in page


@pytest.mark.parametrize("text", ["I want to kill myself", "The slide is too small"])
def test_an_answer_from_a_flagged_or_withdrawn_response_cannot_be_opened(
    world, consultation, signed_in, text
):
    answer = _answer(consultation, text)
    Response.objects.filter(Q(pk=answer.response_id) & Q(flagged=False)).update(
        withdrawn_at=answer.response.created_at
    )
    client = signed_in(world.member)
    assert client.get(_url(answer)).status_code == 404
    assert client.post(_url(answer), {"status": "approved", "redacted": "x"}).status_code == 404
    assert not hasattr(Answer.objects.get(pk=answer.pk), "quote")


@pytest.mark.parametrize("who", ["outsider", "programme"])
def test_outsiders_get_404(world, consultation, signed_in, who):
    answer = _answer(consultation, "We need more bins in the park")
    client = signed_in(getattr(world, who))
    assert client.get(_list(consultation)).status_code == 404
    assert client.get(_url(answer)).status_code == 404
    assert client.post(_url(answer), {"status": "rejected"}).status_code == 404


@pytest.mark.parametrize("role", ["elected-member", "safeguarding-lead"])
def test_members_who_may_not_edit_get_403(world, consultation, signed_in, role):
    answer = _answer(consultation, "We need more bins in the park")
    person = (
        make_safeguarding_lead(world.council_a)
        if role == "safeguarding-lead"
        else make_user(role=role, council=world.council_a)
    )
    client = signed_in(person)
    assert client.get(_list(consultation)).status_code == 403
    assert client.get(_url(answer)).status_code == 403
    assert client.post(_url(answer), {"status": "rejected"}).status_code == 403
    assert not hasattr(Answer.objects.get(pk=answer.pk), "quote")


def test_the_page_counts_approved_and_not_to_publish(world, consultation, signed_in):
    client = signed_in(world.member)
    first = _answer(consultation, "We need more bins")
    second = _answer(consultation, "The café is nice")
    _answer(consultation, "More swings please")
    client.post(_url(first), {"status": "approved", "redacted": "We need more bins"})
    client.post(_url(second), {"status": "rejected", "redacted": ""})
    page = client.get(_list(consultation)).content.decode()
    for label in ["Waiting to be read", "Approved in redacted form", "Not to be published"]:
        assert f'{label}</dt><dd class="govuk-summary-list__value">1</dd>' in page
