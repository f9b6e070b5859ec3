"""You said, we did: writing themes, commitments and updates, and publishing them."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.participation.feedback import writes as feedback
from childrights.participation.models import Commitment, CommitmentUpdate, Consultation
from childrights.testing.participation import make_consultation

TODAY = timezone.localdate()


@pytest.fixture
def consultation(world):
    return make_consultation(council=world.council_a, questions=False)


@pytest.fixture
def request_by(world):
    request = RequestFactory().post("/")
    request.user = world.owner
    return request


def _theme(request, consultation, **overrides):
    fields = {
        "title_en": "Safer parks",
        "title_cy": "Parciau mwy diogel",
        "summary_en": "You told us the parks feel dark.",
        "summary_cy": "Dywedoch chi fod y parciau'n teimlo'n dywyll.",
    }
    return feedback.theme_create(
        actor=Actor.from_request(request), consultation=consultation, **fields | overrides
    )


def _commitment(request, consultation, **overrides):
    fields = {
        "theme": None,
        "text_en": "We will put lights in Riverside park.",
        "text_cy": "Byddwn yn rhoi goleuadau ym mharc Glan yr afon.",
        "status": Commitment.Status.PLANNED,
    }
    return feedback.commitment_create(
        actor=Actor.from_request(request), consultation=consultation, **fields | overrides
    )


def _update(request, commitment, **overrides):
    fields: dict[str, Any] = {
        "made_on": TODAY,
        "text_en": "The lights are ordered.",
        "text_cy": "Mae'r goleuadau wedi'u harchebu.",
        "status": Commitment.Status.IN_PROGRESS,
    }
    return feedback.commitment_update_add(
        actor=Actor.from_request(request), commitment=commitment, **fields | overrides
    )


def test_a_theme_is_added_unpublished_at_the_end(request_by, consultation):
    first = _theme(request_by, consultation)
    second = _theme(request_by, consultation, title_en="Toilets")
    assert first.published_at is None
    assert second.position == first.position + 1


def test_not_doing_needs_a_reason(request_by, consultation):
    with pytest.raises(ValidationError) as refused:
        _commitment(request_by, consultation, status=Commitment.Status.NOT_DOING)
    assert set(refused.value.message_dict) == {"reason_en", "reason_cy"}
    assert not Commitment.objects.exists()


def test_not_doing_needs_a_welsh_reason_when_the_consultation_offers_welsh(
    request_by, consultation
):
    with pytest.raises(ValidationError) as refused:
        _commitment(
            request_by, consultation, status=Commitment.Status.NOT_DOING, reason_en="No money"
        )
    assert set(refused.value.message_dict) == {"reason_cy"}


def test_not_doing_in_an_english_only_consultation_needs_only_an_english_reason(request_by, world):
    english = make_consultation(
        council=world.council_a, questions=False, languages=Consultation.Languages.ENGLISH
    )
    made = _commitment(request_by, english, status=Commitment.Status.NOT_DOING, reason_en="No")
    assert made.reason_en == "No"


def test_a_reason_is_kept_only_while_not_doing(request_by, consultation):
    made = _commitment(request_by, consultation, reason_en="Stale", reason_cy="Hen")
    assert made.reason_en == ""


def test_a_commitment_cannot_take_another_consultations_theme(request_by, world, consultation):
    other = make_consultation(council=world.council_a, questions=False)
    theme = _theme(request_by, other)
    with pytest.raises(ValidationError):
        _commitment(request_by, consultation, theme=theme)


def test_an_update_sets_the_commitments_status(request_by, consultation):
    commitment = _commitment(request_by, consultation)
    _update(request_by, commitment, status=Commitment.Status.DONE)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    assert CommitmentUpdate.objects.get().created_by == request_by.user


def test_an_update_cannot_be_dated_in_the_future(request_by, consultation):
    commitment = _commitment(request_by, consultation)
    with pytest.raises(ValidationError) as refused:
        _update(request_by, commitment, made_on=TODAY + datetime.timedelta(days=1))
    assert set(refused.value.message_dict) == {"made_on"}
    assert not CommitmentUpdate.objects.exists()


def test_an_update_moving_to_not_doing_needs_a_reason(request_by, consultation):
    commitment = _commitment(request_by, consultation)
    with pytest.raises(ValidationError):
        _update(request_by, commitment, status=Commitment.Status.NOT_DOING)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PLANNED
    assert not CommitmentUpdate.objects.exists()


def test_an_update_moving_to_not_doing_keeps_its_reason(request_by, consultation):
    commitment = _commitment(request_by, consultation)
    _update(
        request_by,
        commitment,
        status=Commitment.Status.NOT_DOING,
        reason_en="The park is closing",
        reason_cy="Mae'r parc yn cau",
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.reason_en) == ("not_doing", "The park is closing")


def test_publishing_publishes_every_unpublished_theme_and_commitment(request_by, consultation):
    theme = _theme(request_by, consultation)
    commitment = _commitment(request_by, consultation, theme=theme)
    assert (
        feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)
        == 2
    )
    theme.refresh_from_db()
    commitment.refresh_from_db()
    assert theme.published_at is not None
    assert commitment.published_at == theme.published_at


def test_publishing_leaves_already_published_things_as_they_were(request_by, consultation):
    _theme(request_by, consultation)
    feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)
    first = consultation.themes.get().published_at
    _commitment(request_by, consultation)
    assert (
        feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)
        == 1
    )
    assert consultation.themes.get().published_at == first


def test_publishing_nothing_new_is_refused(request_by, consultation):
    with pytest.raises(feedback.NothingToPublish):
        feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)


def test_publishing_without_welsh_is_refused_when_the_consultation_offers_welsh(
    request_by, consultation
):
    _theme(request_by, consultation)
    _commitment(request_by, consultation, text_cy="")
    with pytest.raises(feedback.WelshMissing) as refused:
        feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)
    assert len(refused.value.gaps) == 1
    assert not consultation.themes.filter(published_at__isnull=False).exists()


def test_publishing_is_refused_when_an_update_has_no_welsh(request_by, consultation):
    commitment = _commitment(request_by, consultation)
    _update(request_by, commitment, text_cy="")
    with pytest.raises(feedback.WelshMissing):
        feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)


def test_publishing_without_welsh_is_allowed_in_an_english_only_consultation(request_by, world):
    english = make_consultation(
        council=world.council_a, questions=False, languages=Consultation.Languages.ENGLISH
    )
    _theme(request_by, english, title_cy="", summary_cy="")
    assert (
        feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=english) == 1
    )


def test_a_published_commitment_cannot_lose_its_welsh(request_by, consultation):
    commitment = _commitment(request_by, consultation)
    feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)
    with pytest.raises(ValidationError):
        feedback.commitment_update(
            actor=Actor.from_request(request_by),
            commitment=commitment,
            theme=None,
            text_en="We will put lights in every park.",
            text_cy="",
            status=Commitment.Status.PLANNED,
        )


def test_an_update_to_a_published_commitment_needs_welsh(request_by, consultation):
    commitment = _commitment(request_by, consultation)
    feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)
    with pytest.raises(ValidationError):
        _update(request_by, commitment, text_cy="")


def test_every_write_is_audited(request_by, consultation):
    theme = _theme(request_by, consultation)
    feedback.theme_update(
        actor=Actor.from_request(request_by),
        theme=theme,
        title_en="Brighter parks",
        title_cy=theme.title_cy,
        summary_en=theme.summary_en,
        summary_cy=theme.summary_cy,
    )
    commitment = _commitment(request_by, consultation)
    feedback.commitment_update(
        actor=Actor.from_request(request_by),
        commitment=commitment,
        theme=theme,
        text_en=commitment.text_en,
        text_cy=commitment.text_cy,
        status=Commitment.Status.PLANNED,
    )
    _update(request_by, commitment)
    feedback.feedback_publish(actor=Actor.from_request(request_by), consultation=consultation)
    events = list(
        AuditEvent.objects.filter(actor=request_by.user)
        .order_by("pk")
        .values_list("action", "object_type")
    )
    assert events == [
        ("create", "participation.FeedbackTheme"),
        ("update", "participation.FeedbackTheme"),
        ("create", "participation.Commitment"),
        ("update", "participation.Commitment"),
        ("create", "participation.CommitmentUpdate"),
        ("update", "participation.Commitment"),
        ("update", "participation.FeedbackTheme"),
        ("update", "participation.Commitment"),
    ]
    assert AuditEvent.objects.filter(council_id=consultation.council_id).count() == len(events)


def test_saving_a_theme_unchanged_writes_nothing_to_the_audit_log(request_by, consultation):
    theme = _theme(request_by, consultation)
    feedback.theme_update(
        actor=Actor.from_request(request_by),
        theme=theme,
        title_en=theme.title_en,
        title_cy=theme.title_cy,
        summary_en=theme.summary_en,
        summary_cy=theme.summary_cy,
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).count() == 0
