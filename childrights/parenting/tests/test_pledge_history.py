"""Changing a published promise's status on "Change the promise" leaves a dated update, so the
board's report of a past period still shows the status the promise had then."""

import datetime

from django.utils import timezone
from django.utils.translation import override

from childrights.core.actors import Actor
from childrights.parenting import pledge as pledges
from childrights.parenting.report.figures import board_figures
from childrights.participation.models import Commitment, CommitmentUpdate

LONG_AGO = datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)


def _published_promise(world):
    actor = Actor(person=world.member)
    pledge = pledges.pledge_create(
        actor=actor, council=world.council_a, intro_en="Our promises.", intro_cy=""
    )
    promise = pledges.promise_add(
        actor=actor, pledge=pledge, text_en="We will ask you.", text_cy="", status="planned"
    )
    pledges.pledge_publish(actor=actor, pledge=pledge)
    Commitment.objects.filter(pk=promise.pk).update(published_at=LONG_AGO)
    promise.refresh_from_db()
    return promise


def _change(world, promise, status):
    pledges.promise_change(
        actor=Actor(person=world.member),
        commitment=promise,
        text_en="We will ask you.",
        text_cy="",
        status=status,
    )


def test_a_status_changed_on_the_promise_is_a_dated_update(world):
    promise = _published_promise(world)
    _change(world, promise, "done")
    update = CommitmentUpdate.objects.get(commitment=promise)
    assert update.made_on == timezone.localdate()
    assert update.status == "done"
    assert update.text_en == "The promise is now: Done."
    assert update.text_cy.startswith("Mae'r addewid nawr:")


def test_a_past_period_keeps_the_status_the_promise_had_then(world):
    promise = _published_promise(world)
    _change(world, promise, "done")
    past = board_figures(
        council=world.council_a,
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        today=datetime.date(2025, 6, 1),
    )["pledge"]
    assert [promise["status"] for promise in past["promises"]] == ["planned"]


def test_changing_only_the_words_makes_no_update(world):
    promise = _published_promise(world)
    with override("en-gb"):
        pledges.promise_change(
            actor=Actor(person=world.member),
            commitment=promise,
            text_en="We will ask you first.",
            text_cy="",
            status="planned",
        )
    assert not CommitmentUpdate.objects.filter(commitment=promise).exists()
