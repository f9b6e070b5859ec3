"""Taking answers in: stored once, checked, screened, counted, withdrawable."""

import threading
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from childrights.participation import tallies
from childrights.participation.models import Answer, Concern, Consultation, Response
from childrights.participation.submission import (
    Draft,
    InvalidAnswers,
    NotAccepting,
    SubmissionConflict,
    submit,
    withdraw,
)
from childrights.testing.factories import make_council
from childrights.testing.participation import (
    answers_for,
    make_access_code,
    make_consultation,
    make_response,
)


def test_the_same_submission_twice_gives_one_response_and_the_same_receipt(consultation):
    draft = Draft(age_band="8-11", answers=answers_for(consultation))
    first = submit(consultation=consultation, draft=draft, via_code=None)
    again = submit(consultation=consultation, draft=Draft.from_dict(draft.to_dict()), via_code=None)
    assert first.created
    assert not again.created
    assert again.code == first.code
    assert Response.objects.count() == 1


def test_the_same_submission_id_with_different_answers_is_refused(consultation):
    draft = Draft(age_band="8-11", answers=answers_for(consultation, pick=0))
    submit(consultation=consultation, draft=draft, via_code=None)
    changed = Draft.from_dict(draft.to_dict() | {"answers": answers_for(consultation, pick=1)})
    with pytest.raises(SubmissionConflict):
        submit(consultation=consultation, draft=changed, via_code=None)
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "answers",
    [
        {"999999": {"choices": [1]}},
        "wrong-choice",
        "two-for-single",
        "long-text",
    ],
)
def test_answers_that_do_not_fit_are_refused_and_nothing_is_stored(consultation, answers):
    questions = {q.kind: q for q in consultation.questions.all()}
    if answers == "wrong-choice":
        answers = {
            str(questions["single"].pk): {"choices": [questions["faces"].choices.first().pk]}
        }
    elif answers == "two-for-single":
        picks = [c.pk for c in questions["single"].choices.all()][:2]
        answers = {str(questions["single"].pk): {"choices": picks}}
    elif answers == "long-text":
        answers = {str(questions["text"].pk): {"text": "x" * 5001}}
    with pytest.raises(InvalidAnswers):
        submit(consultation=consultation, draft=Draft(answers=answers), via_code=None)
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_a_closed_consultation_takes_no_answers(consultation):
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    with pytest.raises(NotAccepting):
        make_response(consultation=consultation)


def test_a_revoked_code_takes_no_answers(consultation):
    from django.utils import timezone

    code = make_access_code(consultation=consultation, revoked_at=timezone.now())
    with pytest.raises(NotAccepting):
        make_response(consultation=consultation, access_code=code)


def test_a_possible_disclosure_goes_to_the_queue_and_the_leads_hear_without_the_words(
    consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = make_response(
            consultation=consultation, text="My dad hits me when he is angry, please help"
        )
    assert receipt.flagged
    concern = Concern.objects.get()
    assert concern.council == consultation.council
    assert concern.priority == 1
    assert "abuse" in concern.categories
    assert len(mail.outbox) == 2
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {
        consultation.safeguarding_lead.email,
        consultation.safeguarding_deputy.email,
    }
    for message in mail.outbox:
        assert "hits" not in message.body
        assert "dad" not in message.body.lower()


def test_welsh_phrases_are_screened_too(consultation):
    receipt = make_response(consultation=consultation, text="Dwi eisiau marw weithiau.")
    assert receipt.flagged
    assert Concern.objects.get().categories == ["self_harm"]


def test_ordinary_words_are_not_flagged(consultation):
    receipt = make_response(
        consultation=consultation, text="The swings are broken and it is muddy."
    )
    assert not receipt.flagged
    assert not Concern.objects.exists()


def test_a_council_phrase_is_screened_only_for_that_council(world, consultation):
    from childrights.participation.models import Phrase

    Phrase.objects.create(
        council=world.council_b, language="en", category="neglect", phrase="muddy", priority=3
    )
    assert not make_response(consultation=consultation, text="It is muddy").flagged
    Phrase.objects.create(
        council=world.council_a, language="en", category="neglect", phrase="muddy", priority=3
    )
    assert make_response(consultation=consultation, text="It is muddy").flagged


def test_counts_follow_responses_and_withdrawals(consultation):
    questions = {q.kind: q for q in consultation.questions.all()}
    single = questions["single"]
    first, second = list(single.choices.all())[:2]
    receipts = [
        make_response(consultation=consultation, pick=0, profile={"gender": "girl"}),
        make_response(
            consultation=consultation, pick=0, age_band="12-15", profile={"gender": "boy"}
        ),
        make_response(consultation=consultation, pick=1, profile={"gender": "girl"}),
    ]
    counts = tallies.counts(consultation)
    assert counts.respondents == 3
    assert counts.count(single.pk, first.pk) == 2
    assert counts.count(single.pk, second.pk) == 1
    assert counts.answered(single.pk) == 3
    assert counts.groups["age_band"] == {"8-11": 2, "12-15": 1}
    girls = tallies.counts(consultation, dimension="gender", value="girl")
    assert girls.respondents == 2
    assert girls.count(single.pk, first.pk) == 1
    assert girls.count(single.pk, second.pk) == 1
    # Counting again changes nothing; a withdrawal takes the response out.
    assert tallies.fold(consultation) == 0
    withdraw(receipt=receipts[0].code)
    counts = tallies.counts(consultation)
    assert counts.respondents == 2
    assert counts.count(single.pk, first.pk) == 1
    assert tallies.counts(consultation, dimension="gender", value="girl").respondents == 1
    # A response withdrawn before it was counted is never counted.
    late = make_response(consultation=consultation, pick=1)
    withdraw(receipt=late.code)
    assert tallies.counts(consultation).respondents == 2


def test_ranking_keeps_each_place(consultation):
    ranking = consultation.questions.get(kind="ranking")
    choices = list(ranking.choices.all())
    make_response(consultation=consultation, pick=0)
    make_response(consultation=consultation, pick=1)
    counts = tallies.counts(consultation)
    # pick=0 ranks (a, b, c); pick=1 ranks (b, c, a): a's places are 1 and 3.
    assert counts.cells[(ranking.pk, choices[0].pk)].rank_total == 4
    assert counts.cells[(ranking.pk, choices[1].pk)].rank_total == 3


def test_withdrawing_keeps_a_possible_disclosure_for_the_lead(consultation):
    receipt = make_response(consultation=consultation, text="I want to kill myself")
    withdraw(receipt=receipt.code)
    response = Response.objects.get(receipt=receipt.code)
    assert response.withdrawn_at is not None
    assert response.answers.filter(text__contains="kill myself").exists()


def test_withdrawing_an_unknown_receipt_changes_nothing(consultation):
    make_response(consultation=consultation)
    assert withdraw(receipt="NOTACODE") is None
    assert Response.objects.filter(withdrawn_at__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submissions_make_one_response():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; PostgreSQL shows the race")
    # A transactional test starts from whatever earlier ones left: load the roles it needs.
    call_command("load_reference_data", verbosity=0)
    consultation = make_consultation(council=make_council())
    draft = Draft(
        submission_id=str(uuid.uuid4()), age_band="8-11", answers=answers_for(consultation)
    )
    barrier = threading.Barrier(8)
    receipts, errors = [], []

    def send() -> None:
        try:
            barrier.wait()
            receipts.append(
                submit(
                    consultation=consultation, draft=Draft.from_dict(draft.to_dict()), via_code=None
                )
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len({receipt.code for receipt in receipts}) == 1
    assert sum(receipt.created for receipt in receipts) == 1
    assert Response.objects.filter(consultation=consultation).count() == 1


def test_the_fold_command_counts_waiting_responses(consultation):
    from io import StringIO

    from django.core.management import call_command

    make_response(consultation=consultation)
    make_response(consultation=consultation)
    out = StringIO()
    call_command("fold_tallies", stdout=out)
    assert out.getvalue().strip() == "2 responses counted"
    assert not Response.objects.filter(tallied=False).exists()


def test_a_large_fold_refreshes_the_planner_statistics_on_postgresql(consultation, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(tallies, "REFRESH_AFTER", 2)
    make_response(consultation=consultation)
    make_response(consultation=consultation)
    with CaptureQueriesContext(connection) as queries:
        tallies.fold(consultation)
    analyzed = any(query["sql"].startswith("ANALYZE") for query in queries.captured_queries)
    assert analyzed == (connection.vendor == "postgresql")


def test_a_removed_council_phrase_stops_flagging(world, consultation):
    from childrights.participation.models import Phrase

    phrase = Phrase.objects.create(
        council=world.council_a, language="en", category="neglect", phrase="muddy", priority=3
    )
    assert make_response(consultation=consultation, text="It is muddy").flagged
    phrase.delete()
    assert not make_response(consultation=consultation, text="It is muddy").flagged
