"""The council's own phrases: safeguarding leads add and remove them, duplicates are refused with
a clear message, and a council's phrase flags only that council's responses."""

import pytest

from childrights.core.models import AuditEvent
from childrights.participation.models import Phrase
from childrights.testing.participation import (
    make_consultation,
    make_response,
    make_safeguarding_lead,
)

NEW = {"language": "en", "category": "exploitation", "phrase": "trap house", "priority": "1"}


@pytest.fixture
def lead(world):
    return make_safeguarding_lead(world.council_a)


def _page(council):
    return f"/councils/{council.pk}/safeguarding/phrases/"


def _add(client, council, **changes):
    return client.post(_page(council), {**NEW, **changes})


def test_the_page_lists_the_shipped_phrases_by_category_and_language(world, lead, signed_in):
    page = signed_in(lead).get(_page(world.council_a)).content.decode()
    shipped = Phrase.objects.filter(council__isnull=True, category="self_harm")
    assert f">{shipped.filter(language='en').count()}</td>" in page
    assert f">{shipped.filter(language='cy').count()}</td>" in page
    assert '<details class="govuk-details">' in page
    assert "kill myself" in page


def test_a_lead_adds_a_phrase_and_it_is_audited(world, lead, signed_in):
    response = _add(signed_in(lead), world.council_a, phrase="  Trap   house ")
    assert response.status_code == 302
    added = Phrase.objects.get(council=world.council_a)
    assert (added.phrase, added.category, added.priority) == ("Trap house", "exploitation", 1)
    assert added.added_by == lead
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE)
    assert event.council_id == world.council_a.pk
    assert event.detail["phrase"] == "Trap house"


def test_a_councils_phrase_flags_only_that_councils_responses(world, lead, signed_in):
    _add(signed_in(lead), world.council_a)
    text = "My cousin took me to a trap house"
    ours = make_consultation(council=world.council_a)
    theirs = make_consultation(council=world.council_b)
    assert make_response(consultation=ours, text=text).flagged
    assert not make_response(consultation=theirs, text=text).flagged


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("Kill  myself!", "is already in the shipped list"),
        ("lladd fy hun", "is already in the shipped list"),
        ("?!  ...", "Enter a phrase with at least one letter or number"),
        ("", "Enter the phrase"),
    ],
)
def test_a_phrase_that_would_change_nothing_is_refused(world, lead, signed_in, phrase, message):
    response = _add(signed_in(lead), world.council_a, phrase=phrase)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Phrase.objects.filter(council__isnull=False).exists()


def test_a_phrase_the_council_already_has_is_refused(world, lead, signed_in):
    client = signed_in(lead)
    _add(client, world.council_a)
    response = _add(client, world.council_a, phrase="TRAP-HOUSE", language="cy")
    assert "Your council has already added" in response.content.decode()
    assert Phrase.objects.filter(council=world.council_a).count() == 1


def test_another_councils_phrase_does_not_count_as_a_duplicate(world, lead, signed_in):
    Phrase.objects.create(
        council=world.council_b, language="en", category="abuse", phrase="trap house", priority=1
    )
    assert _add(signed_in(lead), world.council_a).status_code == 302


def test_a_lead_removes_the_councils_phrase(world, lead, signed_in):
    client = signed_in(lead)
    _add(client, world.council_a)
    phrase = Phrase.objects.get(council=world.council_a)
    assert client.get(f"/phrases/{phrase.pk}/delete/").status_code == 200
    assert Phrase.objects.filter(pk=phrase.pk).exists()
    response = client.post(f"/phrases/{phrase.pk}/delete/")
    assert response.status_code == 302
    assert not Phrase.objects.filter(pk=phrase.pk).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).count() == 1
    consultation = make_consultation(council=world.council_a)
    assert not make_response(consultation=consultation, text="a trap house").flagged


def test_a_shipped_phrase_cannot_be_removed(lead, signed_in):
    shipped = Phrase.objects.filter(council__isnull=True).first()
    assert signed_in(lead).post(f"/phrases/{shipped.pk}/delete/").status_code == 404
    assert Phrase.objects.filter(pk=shipped.pk).exists()


def test_another_councils_phrase_cannot_be_removed(world, lead, signed_in):
    theirs = Phrase.objects.create(
        council=world.council_b, language="en", category="abuse", phrase="x", priority=1
    )
    assert signed_in(lead).post(f"/phrases/{theirs.pk}/delete/").status_code == 404
    assert Phrase.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("who", ["council lead", "council staff", "programme team"])
def test_only_safeguarding_leads_reach_the_phrases(world, signed_in, who):
    person = {
        "council lead": world.owner,
        "council staff": world.member,
        "programme team": world.programme,
    }[who]
    ours = Phrase.objects.create(
        council=world.council_a, language="en", category="abuse", phrase="x", priority=1
    )
    client = signed_in(person)
    assert client.get(_page(world.council_a)).status_code == 404
    assert _add(client, world.council_a).status_code == 404
    assert client.post(f"/phrases/{ours.pk}/delete/").status_code == 404
    assert list(Phrase.objects.filter(council=world.council_a)) == [ours]
