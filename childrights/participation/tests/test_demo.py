"""`make run` gives a newcomer an open consultation to answer and a closed one with its answer."""

import pytest
from django.core.management import call_command

from childrights.participation import moderation, tallies
from childrights.participation.models import (
    Commitment,
    CommitmentUpdate,
    Concern,
    Consultation,
    Quote,
)


@pytest.fixture
def demo(demo_data, db):
    """The demonstration data, loaded once for this module."""


def test_the_demo_council_has_an_open_consultation_children_can_answer(demo):
    consultation = Consultation.objects.get(council__is_demo=True, status="open")
    assert consultation.is_accepting()
    assert consultation.safeguarding_lead is not None
    assert consultation.safeguarding_deputy is not None
    assert consultation.safeguarding_lead != consultation.safeguarding_deputy
    assert {q.kind for q in consultation.questions.all()} == {
        "single",
        "multiple",
        "faces",
        "yes_no",
        "ranking",
        "text",
    }
    assert tallies.counts(consultation).respondents == 81
    assert Concern.objects.filter(consultation=consultation).count() == 1


def test_the_demo_council_has_a_closed_consultation_with_its_published_answer(demo):
    consultation = Consultation.objects.get(
        council__is_demo=True, status="closed", title_en="Leaving care: what helps you move on"
    )
    assert not consultation.is_accepting()
    published = Commitment.objects.filter(consultation=consultation, published_at__isnull=False)
    assert set(published.values_list("status", flat=True)) == {"done", "in_progress", "not_doing"}
    assert CommitmentUpdate.objects.filter(commitment__consultation=consultation).count() == 2
    assert Quote.objects.filter(consultation=consultation, status="approved").count() == 2


def test_loading_the_demo_twice_adds_nothing(demo):
    before = Consultation.objects.filter(council__is_demo=True).count()
    call_command("load_demo_data", verbosity=0)
    # The two of the participation demo, the child-led evaluation of the latest round, the
    # well-being surveys of last year and this, and the Children in Care Council's pledge.
    assert before == 6
    assert Consultation.objects.filter(council__is_demo=True).count() == before


def test_the_open_consultation_has_enough_written_answers_to_find_themes_in(demo):
    """Tens of written answers, in English and Welsh, about a few things."""
    consultation = Consultation.objects.get(council__is_demo=True, status="open")
    tallies.fold(consultation)
    written = moderation.written_answers(consultation=consultation)
    assert written.count() >= 40
    assert written.filter(response__language="cy").count() >= 8
    assert written.values("text").distinct().count() >= 30
