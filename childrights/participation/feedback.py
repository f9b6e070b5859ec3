"""You said, we did: the council's answer back to the children it asked.

Staff write the themes of what children said and what the council will do about each
(commitments, with a status and dated updates). Nothing is public until it is published; from
then on it is shown on the consultation's public page, and later updates to a published
commitment show at once.

Children are told the council will answer within three calendar months of the consultation
closing. Feedback is overdue when that time has passed with nothing published and no update
dated after the close (``overdue``); the council's leads are told once (``overdue_flag``, run
daily by ``manage.py flag_overdue_feedback``).
"""

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childrights.accounts.models import User
from childrights.accounts.selectors import council_leads
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.disclosure import SMALLEST_SHOWN, round_count
from childrights.core.editing import changes_or_conflict, current_values
from childrights.core.models import AuditEvent
from childrights.core.presenters import localised
from childrights.core.tenancy import get_owned_or_404
from childrights.participation import moderation, results, tallies
from childrights.participation.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    FeedbackTheme,
)

M = TypeVar("M", FeedbackTheme, Commitment)

REPLY_WITHIN_MONTHS = 3
NOT_DOING = Commitment.Status.NOT_DOING

# How each status is shown to children: words and GOV.UK tag colour.
STATUS_TAGS: dict[str, tuple[Any, str]] = {
    Commitment.Status.PLANNED: (gettext_lazy("We plan to do this"), "govuk-tag--blue"),
    Commitment.Status.IN_PROGRESS: (gettext_lazy("We are doing this"), "govuk-tag--light-blue"),
    Commitment.Status.DONE: (gettext_lazy("Done"), "govuk-tag--green"),
    Commitment.Status.NOT_DOING: (gettext_lazy("We are not doing this"), "govuk-tag--orange"),
}


class NothingToPublish(Exception):
    """Every theme and commitment is already public (or there are none)."""


class WelshMissing(Exception):
    """The consultation offers Welsh, and some text to be published has none."""

    def __init__(self, gaps: list[str]) -> None:
        super().__init__("; ".join(gaps))
        self.gaps = gaps


# --- dates ------------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later, or the month's last day if it is shorter
    (30 November + 3 months is 28 or 29 February)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def closed_on(consultation: Consultation) -> datetime.date | None:
    """The day children could no longer answer: the close date, or the day staff closed it if
    that was earlier. None for a draft, which children never saw."""
    if consultation.status == Consultation.Status.DRAFT:
        return None
    if consultation.closed_at is not None:
        return min(consultation.closes_on, timezone.localdate(consultation.closed_at))
    return consultation.closes_on


def reply_due(consultation: Consultation) -> datetime.date | None:
    """The day by which children were promised an answer: three calendar months after closing."""
    day = closed_on(consultation)
    return None if day is None else add_months(day, REPLY_WITHIN_MONTHS)


def overdue(
    consultations: Iterable[Consultation], *, today: datetime.date | None = None
) -> list[Consultation]:
    """Those closed more than three calendar months ago (the reply date has passed) with
    nothing published and no commitment update dated after they closed."""
    day = today or timezone.localdate()
    late = [c for c in consultations if (due := reply_due(c)) is not None and due < day]
    if not late:
        return []
    ids = [c.pk for c in late]
    published = set(
        FeedbackTheme.objects.filter(consultation__in=ids, published_at__isnull=False)
        .values_list("consultation_id", flat=True)
        .distinct()
    ) | set(
        Commitment.objects.filter(consultation__in=ids, published_at__isnull=False)
        .values_list("consultation_id", flat=True)
        .distinct()
    )
    latest_update = dict(
        CommitmentUpdate.objects.filter(commitment__consultation__in=ids)
        .values("commitment__consultation_id")
        .annotate(latest=Max("made_on"))
        .values_list("commitment__consultation_id", "latest")
        .order_by()
    )
    return [
        c for c in late if c.pk not in published and not _updated_since_closing(c, latest_update)
    ]


def _updated_since_closing(
    consultation: Consultation, latest_update: Mapping[int, datetime.date]
) -> bool:
    latest, closed = latest_update.get(consultation.pk), closed_on(consultation)
    return latest is not None and closed is not None and latest > closed


# --- rules (forms show them as field errors; services refuse to break them) -------------------


def reason_errors(
    *, consultation: Consultation, status: str, reason_en: str, reason_cy: str
) -> dict[str, str]:
    """ "Not doing" needs a reason, in Welsh too when the consultation offers Welsh."""
    if status != NOT_DOING:
        return {}
    errors = {}
    if not reason_en.strip():
        errors["reason_en"] = _("Enter why the council is not doing this")
    if consultation.offers_welsh() and not reason_cy.strip():
        errors["reason_cy"] = _("Enter why the council is not doing this, in Welsh")
    return errors


def date_errors(*, made_on: datetime.date) -> dict[str, str]:
    if made_on > timezone.localdate():
        return {"made_on": _("The date of the update must be today or in the past")}
    return {}


def welsh_gaps(
    *, consultation: Consultation, published: bool, texts: Mapping[str, str]
) -> list[str]:
    """The Welsh fields left empty on something already public in a consultation that offers
    Welsh: children reading in Welsh would see it at once."""
    if not (published and consultation.offers_welsh()):
        return []
    return [name for name, text in texts.items() if not text.strip()]


def _refuse(errors: Mapping[str, str]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _refuse_welsh_gaps(gaps: list[str]) -> None:
    _refuse({name: _("Enter the Welsh text: this is already published") for name in gaps})


# --- services: writes, each audited -----------------------------------------------------------


@transaction.atomic
def theme_create(
    *,
    request: HttpRequest,
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
    audit_record(action=AuditEvent.Action.CREATE, request=request, obj=theme)
    return theme


@transaction.atomic
def theme_update(
    *,
    request: HttpRequest,
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
            consultation=theme.consultation,
            published=theme.published_at is not None,
            texts={"title_cy": values["title_cy"], "summary_cy": values["summary_cy"]},
        )
    )
    changed = apply_changes(theme, values)
    if changed:
        theme.save()
        audit_record(
            action=AuditEvent.Action.UPDATE, request=request, obj=theme, detail={"changed": changed}
        )
    return theme


@transaction.atomic
def commitment_create(
    *,
    request: HttpRequest,
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
            consultation=consultation, status=status, reason_en=reason_en, reason_cy=reason_cy
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
    audit_record(action=AuditEvent.Action.CREATE, request=request, obj=commitment)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    request: HttpRequest,
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
            consultation=consultation, status=status, reason_en=reason_en, reason_cy=reason_cy
        )
    )
    _refuse_welsh_gaps(
        welsh_gaps(
            consultation=consultation,
            published=commitment.published_at is not None,
            texts={"text_cy": text_cy},
        )
    )
    keep_reason = status == NOT_DOING
    changed = apply_changes(
        commitment,
        {
            "theme": theme,
            "text_en": text_en,
            "text_cy": text_cy,
            "status": status,
            "reason_en": reason_en if keep_reason else "",
            "reason_cy": reason_cy if keep_reason else "",
        },
    )
    if changed:
        commitment.save()
        audit_record(
            action=AuditEvent.Action.UPDATE,
            request=request,
            obj=commitment,
            detail={"changed": changed},
        )
    return commitment


@transaction.atomic
def commitment_update_add(
    *,
    request: HttpRequest,
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
            consultation=consultation, status=status, reason_en=reason_en, reason_cy=reason_cy
        )
    )
    _refuse_welsh_gaps(
        welsh_gaps(
            consultation=consultation,
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
        created_by=request.user if isinstance(request.user, User) else None,
    )
    audit_record(
        action=AuditEvent.Action.CREATE, request=request, obj=update, council=consultation.council
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
            request=request,
            obj=commitment,
            detail={"changed": changed, "update": update.pk},
        )
    return update


@transaction.atomic
def feedback_publish(*, request: HttpRequest, consultation: Consultation) -> int:
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
            request=request,
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
                    % {"date": date_format(update.made_on, "j F Y"), "text": str(commitment)}
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


# --- overdue reminders ------------------------------------------------------------------------


def overdue_flag(*, today: datetime.date | None = None) -> int:
    """Email the council leads of each overdue consultation, once per consultation; returns how
    many consultations were flagged. A council with no active lead is left for another day."""
    day = today or timezone.localdate()
    waiting = (
        Consultation.objects.select_related("council")
        .exclude(status=Consultation.Status.DRAFT)
        .filter(feedback_overdue_notified_at__isnull=True)
        .filter(Q(closes_on__lt=day) | Q(status=Consultation.Status.CLOSED))
        .exclude(themes__published_at__isnull=False)
        .exclude(commitments__published_at__isnull=False)
    )
    flagged = 0
    for consultation in overdue(waiting, today=day):
        if _overdue_notify(consultation):
            flagged += 1
    return flagged


@transaction.atomic
def _overdue_notify(consultation: Consultation) -> bool:
    from childrights.core.tasks import send_email

    leads = list(council_leads(council=consultation.council))
    closed, due = closed_on(consultation), reply_due(consultation)
    if not leads or closed is None or due is None:
        return False
    claimed = Consultation.objects.filter(
        pk=consultation.pk, feedback_overdue_notified_at__isnull=True
    ).update(feedback_overdue_notified_at=timezone.now())
    if not claimed:
        return False
    link = settings.SITE_URL + reverse("participation:feedback", args=[consultation.pk])
    for person in leads:
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            values = {
                "title": localised(consultation, "title"),
                "closed": date_format(closed, "j F Y"),
                "due": date_format(due, "j F Y"),
                "council": consultation.council.name,
                "link": link,
            }
            subject = _("Children are waiting for your answer: %(title)s") % values
            body = (
                _(
                    "The consultation “%(title)s” closed on %(closed)s. The children who took "
                    "part were told the council would answer them by %(due)s, and nothing has "
                    "been published for them yet.\n\n"
                    "Write and publish what children said and what the council will do "
                    "(“you said, we did”): %(link)s\n\n"
                    "You are getting this because you are a council lead for %(council)s. "
                    "This reminder is sent once."
                )
                % values
            )
        send_email.enqueue(subject=subject, body=body, to=[person.email])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        obj=consultation,
        detail={"feedback_overdue_notified": len(leads)},
    )
    return True


# --- selectors: staff -------------------------------------------------------------------------


def theme_or_404(*, request: HttpRequest, theme_id: int) -> FeedbackTheme:
    return get_owned_or_404(
        FeedbackTheme.objects.select_related("consultation__council"),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        pk=theme_id,
    )


def commitment_or_404(*, request: HttpRequest, commitment_id: int) -> Commitment:
    return get_owned_or_404(
        Commitment.objects.select_related("consultation__council", "theme"),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        pk=commitment_id,
    )


def themes(*, consultation: Consultation) -> QuerySet[FeedbackTheme]:
    return consultation.themes.order_by("position", "pk")


def commitments(*, consultation: Consultation) -> QuerySet[Commitment]:
    return (
        consultation.commitments.select_related("theme").prefetch_related("updates").order_by("pk")
    )


def unpublished_count(*, consultation: Consultation) -> int:
    return (
        consultation.themes.filter(published_at__isnull=True).count()
        + consultation.commitments.filter(published_at__isnull=True).count()
    )


# --- selectors and presenters: public ---------------------------------------------------------


def public_consultation_or_404(*, link_key: str) -> Consultation:
    """A consultation children have seen (any status but draft), by its public link."""
    found = (
        Consultation.objects.select_related("council")
        .exclude(status=Consultation.Status.DRAFT)
        .filter(link_key=link_key)
        .first()
    )
    if found is None:
        raise Http404
    return found


def published_themes(*, consultation: Consultation) -> QuerySet[FeedbackTheme]:
    return consultation.themes.filter(published_at__isnull=False).order_by("position", "pk")


def published_commitments(*, consultation: Consultation) -> QuerySet[Commitment]:
    """Published commitments, each with its updates newest first (every update is public once
    its commitment is)."""
    return (
        consultation.commitments.filter(published_at__isnull=False)
        .select_related("theme")
        .prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-made_on", "-pk"))
        )
        .order_by("pk")
    )


def with_published_feedback() -> QuerySet[Consultation]:
    """Consultations whose answer back to children is public, most recently closed first."""
    return (
        Consultation.objects.select_related("council")
        .exclude(status=Consultation.Status.DRAFT)
        .filter(Q(themes__published_at__isnull=False) | Q(commitments__published_at__isnull=False))
        .distinct()
        .order_by("-closes_on", "-pk")
    )


@dataclass(frozen=True)
class StatusTag:
    label: str
    css: str


def status_tag(status: str) -> StatusTag:
    label, css = STATUS_TAGS[status]
    return StatusTag(label=str(label), css=css)


@dataclass(frozen=True)
class PublicCommitment:
    commitment: Commitment
    tag: StatusTag
    updates: list[CommitmentUpdate]
    not_doing: bool


@dataclass(frozen=True)
class PublicFeedback:
    """What the public page shows: only published things, counts rounded, no quotes from
    groups under 10."""

    consultation: Consultation
    themes: list[FeedbackTheme]
    commitments: list[PublicCommitment]
    quotes: list[str]
    tables: list[results.ProtectedTable]  # headline results, disclosure-controlled
    took_part: int | None  # rounded to the nearest 5; None when fewer than 10
    reply_due: datetime.date | None
    closed: bool

    @property
    def published(self) -> bool:
        return bool(self.themes or self.commitments)


def public_feedback(*, consultation: Consultation) -> PublicFeedback:
    counts = tallies.counts(consultation)
    respondents = counts.respondents
    enough = respondents >= SMALLEST_SHOWN
    # Running results are not shown while children can still answer: they could sway them.
    closed = (
        consultation.status == Consultation.Status.CLOSED
        or consultation.closes_on < timezone.localdate()
    )
    return PublicFeedback(
        consultation=consultation,
        themes=list(published_themes(consultation=consultation)),
        commitments=[
            PublicCommitment(
                commitment=commitment,
                tag=status_tag(commitment.status),
                updates=list(commitment.updates.all()),
                not_doing=commitment.status == NOT_DOING,
            )
            for commitment in published_commitments(consultation=consultation)
        ],
        quotes=_quotes(consultation) if enough else [],
        tables=results.protected_tables(consultation, counts=counts) if closed else [],
        took_part=round_count(respondents) if enough else None,
        reply_due=reply_due(consultation),
        closed=closed,
    )


def _quotes(consultation: Consultation) -> list[str]:
    """Approved quotes, only ever in their redacted form."""
    return [quote.redacted for quote in moderation.approved_quotes(consultation)]
