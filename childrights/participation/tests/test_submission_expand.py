"""A submission is one row holding the answers as sent; they are written out as answer rows once,
when they are counted, before anything reads them."""

import threading
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction

from childrights.participation import answer_rows, screening, tallies
from childrights.participation.journey import finding
from childrights.participation.models import Answer, Concern, ProfileAnswer, Response
from childrights.participation.submission import Draft, submit, withdraw
from childrights.testing.factories import make_council, make_user
from childrights.testing.participation import answers_for, make_consultation, make_response


def _rows(response: Response) -> tuple[int, int]:
    return (
        Answer.objects.filter(response=response).count(),
        ProfileAnswer.objects.filter(response=response).count(),
    )


def test_a_submission_is_one_row_holding_the_answers_as_sent(consultation):
    answers = answers_for(consultation, text="More swings")
    draft = Draft(age_band="8-11", answers=answers, profile={"gender": "girl"})
    submit(consultation=consultation, draft=draft, via_code=None)
    response = Response.objects.get()
    assert response.sent == {"answers": answers, "profile": {"gender": "girl"}}
    assert _rows(response) == (0, 0)
    assert not response.tallied


def test_counting_writes_the_answers_out_once(consultation):
    make_response(consultation=consultation, text="More swings", profile={"gender": "girl"})
    tallies.fold(consultation)
    response = Response.objects.get()
    # Single, faces, yes/no: one row each; multiple: one; ranking: three; text: one.
    assert _rows(response) == (8, 1)
    assert response.sent is None
    assert response.tallied
    assert answer_rows.expand([response.pk]) == 0
    tallies.fold(consultation)
    assert _rows(response) == (8, 1)


def test_written_out_answers_keep_the_childs_order_for_ranking(consultation):
    ranking = consultation.questions.get(kind="ranking")
    order = list(reversed([choice.pk for choice in ranking.choices.all()]))
    answers = answers_for(consultation) | {str(ranking.pk): {"choices": order}}
    submit(consultation=consultation, draft=Draft(answers=answers), via_code=None)
    tallies.fold(consultation)
    ranked = Answer.objects.filter(question=ranking).order_by("rank")
    assert [answer.choice_id for answer in ranked] == order


def test_an_empty_written_answer_makes_no_row(consultation):
    text = consultation.questions.get(kind="text")
    answers = answers_for(consultation) | {str(text.pk): {"text": "   "}}
    submit(consultation=consultation, draft=Draft(answers=answers), via_code=None)
    tallies.fold(consultation)
    assert not Answer.objects.filter(question=text).exists()


def test_a_possible_disclosure_is_written_out_at_once_for_the_lead(consultation):
    receipt = make_response(consultation=consultation, text="my dad hits me")
    response = Response.objects.get(receipt=receipt.code)
    assert response.sent is None
    assert response.answers.filter(text="my dad hits me").exists()
    assert Concern.objects.get().response == response
    tallies.fold(consultation)
    assert response.answers.count() == 8


def test_a_response_taken_back_before_it_was_written_out_is_never_counted(consultation):
    kept = make_response(consultation=consultation, pick=0)
    taken_back = make_response(consultation=consultation, pick=1)
    withdraw(receipt=taken_back.code)
    gone = Response.objects.get(receipt=taken_back.code)
    assert gone.sent is None
    assert tallies.counts(consultation).respondents == 1
    assert _rows(gone) == (0, 0)
    assert Response.objects.get(receipt=kept.code).answers.exists()


def test_a_receipt_code_drawn_twice_is_drawn_again(consultation, monkeypatch):
    first = make_response(consultation=consultation)
    codes = iter([first.code, "NEWCODE9"])
    monkeypatch.setattr(Response._meta.get_field("receipt"), "_get_default", lambda: next(codes))
    again = make_response(consultation=consultation)
    assert again.created
    assert again.code == "NEWCODE9"
    assert Response.objects.count() == 2


def test_the_lead_named_now_is_told_even_if_the_send_read_the_consultation_earlier(
    world, consultation, django_capture_on_commit_callbacks
):
    read_earlier = finding.consultation_to_send(consultation.link_key)
    assert read_earlier is not None
    new_lead = make_user(role="safeguarding-lead", council=world.council_a)
    consultation.safeguarding_lead = new_lead
    consultation.save()
    draft = Draft(answers=answers_for(consultation, text="I want to kill myself"))
    with django_capture_on_commit_callbacks(execute=True):
        submit(consultation=read_earlier, draft=draft, via_code=None)
    assert new_lead.email in {address for message in mail.outbox for address in message.to}


def test_a_consultation_read_for_sending_carries_the_lexicons_stamp(consultation, monkeypatch):
    from childrights.participation.models import Phrase

    monkeypatch.setattr(finding, "SEND_READ_SECONDS", 0)
    first = finding.consultation_to_send(consultation.link_key)
    assert first is not None
    before = screening.lexicon_stamp_of(first)
    Phrase.objects.create(
        council=consultation.council, language="en", category="neglect", phrase="muddy", priority=3
    )
    read = finding.consultation_to_send(consultation.link_key)
    assert read is not None
    after = screening.lexicon_stamp_of(read)
    assert after != before
    found = screening.screen(["It is muddy"], council_id=read.council_id, stamp=after)
    assert found is not None


@pytest.mark.django_db(transaction=True)
def test_a_fold_under_way_does_not_hold_up_a_childs_send():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer at a time; PostgreSQL shows whether sends wait")
    call_command("load_reference_data", verbosity=0)
    consultation = make_consultation(council=make_council())
    folding, finish = threading.Event(), threading.Event()

    def fold_that_waits() -> None:
        try:
            with transaction.atomic():
                tallies.lock(consultation.pk)
                folding.set()
                finish.wait(timeout=10)
        finally:
            connection.close()

    folder = threading.Thread(target=fold_that_waits)
    folder.start()
    try:
        assert folding.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        draft = Draft(submission_id=str(uuid.uuid4()), answers=answers_for(consultation))
        assert submit(consultation=consultation, draft=draft, via_code=None).created
    finally:
        finish.set()
        folder.join()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
