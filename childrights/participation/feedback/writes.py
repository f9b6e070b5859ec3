"""Writes for you said, we did, each audited: themes, commitments, dated updates and publishing.
A write locks the record first (it may have been published since the page was loaded), saves only
what this person changed when told what the page showed, and refuses to break the rules in
``feedback.rules``.
"""

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes, save_changes
from childrights.core.editing import changes_or_conflict, current_values
from childrights.core.models import AuditEvent
from childrights.core.presenters import day_text
from childrights.participation.feedback.rules import (
    NOT_DOING,
    date_errors,
    reason_errors,
    welsh_gaps,
)
from childrights.participation.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    FeedbackTheme,
)

M = TypeVar("M", FeedbackTheme, Commitment)


class NothingToPublish(Exception):
    """Every theme and commitment is already public (or there are none)."""


class WelshMissing(Exception):
    """The consultation offers Welsh, and some text to be published has none."""

    def __init__(self, gaps: list[str]) -> None:
        super().__init__("; ".join(gaps))
        self.gaps = gaps


def _refuse(errors: Mapping[str, str]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _refuse_welsh_gaps(gaps: list[str]) -> None:
    _refuse({name: _("Enter the Welsh text: this is already published") for name in gaps})


@transaction.atomic
def theme_create(
    *,
    actor: Actor,
    consultation: Consultation,
    title_en: str,
    title_cy: str,
    summary_en: str,
    summary_cy: str,
) -> FeedbackTheme:
    last = consultation.themes.aggregate(last=Max("position"))["last"] or 0
    theme = FeedbackTheme.objects.create(
        consultation=consultation,
        position=last + 1,
        title_en=title_en,
        title_cy=title_cy,
        summary_en=summary_en,
        summary_cy=summary_cy,
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=theme)
    return theme


@transaction.atomic
def theme_update(
    *,
    actor: Actor,
    theme: FeedbackTheme,
    title_en: str,
    title_cy: str,
    summary_en: str,
    summary_cy: str,
    opened: Mapping[str, Any] | None = None,
) -> FeedbackTheme:
    """With ``opened`` (the theme as the editing page showed it), only what this person changed
    is saved; a field a colleague changed too raises EditConflict."""
    theme = _locked(FeedbackTheme, theme.pk)
    values = _merged(
        theme,
        {
            "title_en": title_en,
            "title_cy": title_cy,
            "summary_en": summary_en,
            "summary_cy": summary_cy,
        },
        opened,
    )
    _refuse_welsh_gaps(
        welsh_gaps(
            welsh=theme.consultation.offers_welsh(),
            published=theme.published_at is not None,
            texts={"title_cy": values["title_cy"], "summary_cy": values["summary_cy"]},
        )
    )
    save_changes(actor=actor, instance=theme, values=values)
    return theme


@transaction.atomic
def commitment_create(
    *,
    actor: Actor,
    consultation: Consultation,
    theme: FeedbackTheme | None,
    text_en: str,
    text_cy: str,
    status: str,
    reason_en: str = "",
    reason_cy: str = "",
) -> Commitment:
    _check_theme(consultation, theme)
    _refuse(
        reason_errors(
            welsh=consultation.offers_welsh(),
            status=status,
            reason_en=reason_en,
            reason_cy=reason_cy,
        )
    )
    keep_reason = status == NOT_DOING
    commitment = Commitment.objects.create(
        consultation=consultation,
        theme=theme,
        text_en=text_en,
        text_cy=text_cy,
        status=status,
        reason_en=reason_en if keep_reason else "",
        reason_cy=reason_cy if keep_reason else "",
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=commitment)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    actor: Actor,
    commitment: Commitment,
    theme: FeedbackTheme | None,
    text_en: str,
    text_cy: str,
    status: str,
    reason_en: str = "",
    reason_cy: str = "",
    opened: Mapping[str, Any] | None = None,
) -> Commitment:
    """With ``opened`` (the commitment as the editing page showed it), only what this person
    changed is saved; a field a colleague changed too raises EditConflict."""
    commitment = _locked(Commitment, commitment.pk)
    consultation = commitment.consultation
    values = _merged(
        commitment,
        {
            "theme": theme,
            "text_en": text_en,
            "text_cy": text_cy,
            "status": status,
            "reason_en": reason_en,
            "reason_cy": reason_cy,
        },
        opened,
    )
    theme, status = values["theme"], values["status"]
    text_en, text_cy = values["text_en"], values["text_cy"]
    reason_en, reason_cy = values["reason_en"], values["reason_cy"]
    _check_theme(consultation, theme)
    _refuse(
        reason_errors(
            welsh=consultation.offers_welsh(),
            status=status,
            reason_en=reason_en,
            reason_cy=reason_cy,
        )
    )
    _refuse_welsh_gaps(
        welsh_gaps(
            welsh=consultation.offers_welsh(),
            published=commitment.published_at is not None,
            texts={"text_cy": text_cy},
        )
    )
    keep_reason = status == NOT_DOING
    save_changes(
        actor=actor,
        instance=commitment,
        values={
            "theme": theme,
            "text_en": text_en,
            "text_cy": text_cy,
            "status": status,
            "reason_en": reason_en if keep_reason else "",
            "reason_cy": reason_cy if keep_reason else "",
        },
    )
    return commitment


@transaction.atomic
def commitment_update_add(
    *,
    actor: Actor,
    commitment: Commitment,
    made_on: datetime.date,
    text_en: str,
    text_cy: str,
    status: str,
    reason_en: str = "",
    reason_cy: str = "",
) -> CommitmentUpdate:
    """A dated note of progress; its status becomes the commitment's. On a published commitment
    it is public at once."""
    commitment = _locked(Commitment, commitment.pk)
    consultation = commitment.consultation
    _refuse(
        date_errors(made_on=made_on)
        | reason_errors(
            welsh=consultation.offers_welsh(),
            status=status,
            reason_en=reason_en,
            reason_cy=reason_cy,
        )
    )
    _refuse_welsh_gaps(
        welsh_gaps(
            welsh=consultation.offers_welsh(),
            published=commitment.published_at is not None,
            texts={"text_cy": text_cy},
        )
    )
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        made_on=made_on,
        text_en=text_en,
        text_cy=text_cy,
        status=status,
        created_by=actor.person if isinstance(actor.person, User) else None,
    )
    audit_record(
        action=AuditEvent.Action.CREATE, actor=actor, obj=update, council=consultation.council
    )
    keep_reason = status == NOT_DOING
    changed = apply_changes(
        commitment,
        {
            "status": status,
            "reason_en": reason_en if keep_reason else "",
            "reason_cy": reason_cy if keep_reason else "",
        },
    )
    if changed:
        commitment.save(update_fields=list(changed))
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=commitment,
            detail={"changed": changed, "update": update.pk},
        )
    return update


@transaction.atomic
def feedback_publish(*, actor: Actor, consultation: Consultation) -> int:
    """Make every unpublished theme and commitment public; returns how many. Refused when there
    is nothing to publish, or (in a consultation that offers Welsh) Welsh text is missing."""
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    themes = list(consultation.themes.filter(published_at__isnull=True))
    commitments = list(
        consultation.commitments.filter(published_at__isnull=True).prefetch_related("updates")
    )
    if not themes and not commitments:
        raise NothingToPublish
    if consultation.offers_welsh():
        gaps = _welsh_gaps_to_publish(themes, commitments)
        if gaps:
            raise WelshMissing(gaps)
    now = timezone.now()
    items: list[FeedbackTheme | Commitment] = [*themes, *commitments]
    for item in items:
        item.published_at = now
        item.save(update_fields=["published_at"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=item,
            council=consultation.council,
            detail={"published_at": now.isoformat()},
        )
    return len(themes) + len(commitments)


def _welsh_gaps_to_publish(themes: list[FeedbackTheme], commitments: list[Commitment]) -> list[str]:
    gaps = []
    for theme in themes:
        if not (theme.title_cy.strip() and theme.summary_cy.strip()):
            gaps.append(_("the theme “%(title)s”") % {"title": theme.title_en})
    for commitment in commitments:
        if not commitment.text_cy.strip() or (
            commitment.status == NOT_DOING and not commitment.reason_cy.strip()
        ):
            gaps.append(_("the commitment “%(text)s”") % {"text": str(commitment)})
        for update in commitment.updates.all():
            if not update.text_cy.strip():
                gaps.append(
                    _("the update of %(date)s to “%(text)s”")
                    % {"date": day_text(update.made_on), "text": str(commitment)}
                )
    return gaps


def _merged(
    record: Any, submitted: dict[str, Any], opened: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The values to save: what is stored now with this person's own changes over it."""
    current = current_values(record, submitted)
    return {
        **current,
        **changes_or_conflict(keys=submitted, opened=opened, current=current, submitted=submitted),
    }


def _locked(model: type[M], pk: int) -> M:
    """The record as it is now, held until the transaction ends (it may have been published
    since the page was loaded)."""
    return model.objects.select_for_update().select_related("consultation__council").get(pk=pk)


def _check_theme(consultation: Consultation, theme: FeedbackTheme | None) -> None:
    if theme is not None and theme.consultation_id != consultation.pk:
        raise ValidationError({"theme": _("Choose a theme of this consultation")})
