"""The pledge: a council's promises to its children in care and care leavers, co-written with its
Children in Care Council.

The promises are the "you said, we did" commitments of the co-writing consultation, written,
updated and published through participation's own services (``participation.feedback.writes``),
so a promise keeps its status and dated updates exactly as any commitment does. What this module
adds: the pledge itself (its introduction and when it was first published), the corporate
parenting principles each promise answers, the staff reads (council-scoped, 404 to everyone
else) and the public page's read, which shows a published pledge's published promises only.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import save_changes
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council, Nation
from childrights.parenting.models import Pledge, PromisePrinciple
from childrights.parenting.principles import Principle, principle, principles
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.feedback import writes as feedback_writes
from childrights.participation.feedback.public import StatusTag, status_tag
from childrights.participation.models import (
    AgeBand,
    Commitment,
    CommitmentUpdate,
    Consultation,
)

# The co-writing consultation: the Children in Care Council's say in the pledge.
TITLE = (
    "Our pledge to children in care and care leavers",
    "Ein haddewid i blant mewn gofal a phobl sy'n gadael gofal",
)
PURPOSE = (
    "The council is writing down its promises to children in care and young people leaving "
    "care. Tell us what the promises should be, and whether we are keeping them.",
    "Mae'r cyngor yn ysgrifennu ei addewidion i blant mewn gofal a phobl ifanc sy'n gadael "
    "gofal. Dywed wrthym beth ddylai'r addewidion fod, ac a ydyn ni'n eu cadw.",
)
ABOUT = (
    "The council's pledge to children in care and care leavers",
    "Addewid y cyngor i blant mewn gofal a phobl sy'n gadael gofal",
)
AGE_BANDS = [AgeBand.AGE_8_11, AgeBand.AGE_12_15, AgeBand.AGE_16_17, AgeBand.AGE_18_25]
OPEN_FOR = datetime.timedelta(days=28)


class NothingToPublish(Exception):
    """The pledge is public and every promise in it is too."""


# --- reads ---------------------------------------------------------------------------------------


def pledge_of(council: Council) -> Pledge | None:
    return Pledge.objects.select_related("consultation", "council").filter(council=council).first()


def promises(pledge: Pledge) -> QuerySet[Commitment]:
    """Every promise of the pledge, published or not, with its principles and its updates
    newest first."""
    return (
        pledge.consultation.commitments.prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-made_on", "-pk"))
        )
        .select_related("consultation")
        .order_by("pk")
    )


def promise_or_404(
    *, request: HttpRequest, commitment_id: int, needs: str | None = None
) -> Commitment:
    """A promise of a pledge of one of the person's councils, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Commitment.objects.filter(consultation__pledge__isnull=False).select_related(
            "consultation__council", "consultation__pledge"
        ),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        needs=needs,
        pk=commitment_id,
    )


def principle_slugs(commitment: Commitment) -> list[str]:
    return list(
        PromisePrinciple.objects.filter(commitment=commitment)
        .order_by("principle")
        .values_list("principle", flat=True)
    )


def _slugs_by_promise(commitments: list[Commitment]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for commitment_id, slug in (
        PromisePrinciple.objects.filter(commitment__in=commitments)
        .order_by("principle")
        .values_list("commitment_id", "principle")
    ):
        found.setdefault(commitment_id, []).append(slug)
    return found


def principles_named(slugs: list[str]) -> list[Principle]:
    known = {item.slug: item for item in principles()}
    return [known[slug] for slug in slugs if slug in known]


@dataclass(frozen=True)
class Promise:
    """A promise as a page shows it: its status in words children understand, the principles it
    answers and its latest update."""

    commitment: Commitment
    tag: StatusTag
    principles: list[Principle]
    updates: list[CommitmentUpdate]
    published: bool

    @property
    def latest(self) -> CommitmentUpdate | None:
        return self.updates[0] if self.updates else None

    @property
    def not_doing(self) -> bool:
        return self.commitment.status == Commitment.Status.NOT_DOING


def _shown(commitment: Commitment, slugs: list[str]) -> Promise:
    return Promise(
        commitment=commitment,
        tag=status_tag(commitment.status),
        principles=principles_named(slugs),
        updates=list(commitment.updates.all()),
        published=commitment.published_at is not None,
    )


def _all_shown(commitments: QuerySet[Commitment]) -> list[Promise]:
    found = list(commitments)
    slugs = _slugs_by_promise(found)
    return [_shown(commitment, slugs.get(commitment.pk, [])) for commitment in found]


def promises_shown(pledge: Pledge) -> list[Promise]:
    return _all_shown(promises(pledge))


def unpublished_count(pledge: Pledge) -> int:
    return pledge.consultation.commitments.filter(published_at__isnull=True).count() + (
        1 if pledge.published_at is None else 0
    )


@dataclass(frozen=True)
class PublicPledge:
    council: Council
    pledge: Pledge
    promises: list[Promise]


def published_pledge(council: Council) -> Pledge | None:
    return (
        Pledge.objects.select_related("council", "consultation")
        .filter(council=council, published_at__isnull=False)
        .first()
    )


def public_pledge_or_404(*, gss_code: str) -> PublicPledge:
    """A council's published pledge with its published promises only, by the council's code."""
    pledge = (
        Pledge.objects.select_related("council", "consultation")
        .filter(council__gss_code=gss_code, published_at__isnull=False)
        .first()
    )
    if pledge is None:
        raise Http404
    return PublicPledge(
        council=pledge.council,
        pledge=pledge,
        promises=_all_shown(promises(pledge).filter(published_at__isnull=False)),
    )


# --- writes --------------------------------------------------------------------------------------


def _languages(council: Council) -> str:
    if council.nation == Nation.WALES:
        return Consultation.Languages.BOTH
    return Consultation.Languages.ENGLISH


def _check_principles(slugs: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(slugs))
    for slug in chosen:
        try:
            principle(slug)
        except KeyError:
            raise ValidationError({"principles": _("Choose principles from the list")}) from None
    return chosen


@transaction.atomic
def pledge_create(*, actor: Actor, council: Council, intro_en: str, intro_cy: str) -> Pledge:
    """Start the council's pledge, with the draft consultation its Children in Care Council
    co-writes it in (made through the consultation builder: the council adds its questions and
    safeguarding leads, and opens it, as for any consultation). One pledge a council: asking
    again returns the one there is."""
    Council.objects.select_for_update().filter(pk=council.pk).first()
    existing = pledge_of(council)
    if existing is not None:
        return existing
    today = timezone.localdate()
    consultation = builder_consultations.consultation_create(
        actor=actor,
        council=council,
        values={
            "title_en": TITLE[0],
            "title_cy": TITLE[1],
            "purpose_en": PURPOSE[0],
            "purpose_cy": PURPOSE[1],
            "about_en": ABOUT[0],
            "about_cy": ABOUT[1],
            "age_bands": list(AGE_BANDS),
            "languages": _languages(council),
            "opens_on": today,
            "closes_on": today + OPEN_FOR,
            "identified": False,
            "about_you": [],
        },
    )
    pledge = Pledge.objects.create(
        council=council, consultation=consultation, intro_en=intro_en, intro_cy=intro_cy
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=pledge, council=council)
    return pledge


@transaction.atomic
def pledge_update(*, actor: Actor, pledge: Pledge, intro_en: str, intro_cy: str) -> Pledge:
    locked = Pledge.objects.select_for_update().select_related("council").get(pk=pledge.pk)
    if locked.published_at is not None and _welsh(locked) and not intro_cy.strip():
        raise ValidationError({"intro_cy": _("Enter the Welsh text: this is already published")})
    save_changes(actor=actor, instance=locked, values={"intro_en": intro_en, "intro_cy": intro_cy})
    return locked


def _welsh(pledge: Pledge) -> bool:
    return pledge.consultation.offers_welsh()


def _set_principles(commitment: Commitment, slugs: list[str]) -> None:
    PromisePrinciple.objects.filter(commitment=commitment).exclude(principle__in=slugs).delete()
    for slug in slugs:
        PromisePrinciple.objects.get_or_create(commitment=commitment, principle=slug)


@transaction.atomic
def promise_add(
    *,
    actor: Actor,
    pledge: Pledge,
    text_en: str,
    text_cy: str,
    status: str,
    principles: Iterable[str] = (),
    reason_en: str = "",
    reason_cy: str = "",
) -> Commitment:
    """A new promise: a commitment of the co-writing consultation, not public until the pledge
    is published again."""
    chosen = _check_principles(principles)
    commitment = feedback_writes.commitment_create(
        actor=actor,
        consultation=pledge.consultation,
        theme=None,
        text_en=text_en,
        text_cy=text_cy,
        status=status,
        reason_en=reason_en,
        reason_cy=reason_cy,
    )
    _set_principles(commitment, chosen)
    return commitment


@transaction.atomic
def promise_change(
    *,
    actor: Actor,
    commitment: Commitment,
    text_en: str,
    text_cy: str,
    status: str,
    principles: Iterable[str] = (),
    reason_en: str = "",
    reason_cy: str = "",
) -> Commitment:
    """Change a promise's words, status and principles. A published promise whose status
    changes also gets a dated update saying so, made today: the board's report reads a promise's
    status at the end of a period from its dated updates (``report.figures.status_at``), so a
    change made here never rewrites the status a past period had."""
    chosen = _check_principles(principles)
    status_before = commitment.status
    changed = feedback_writes.commitment_update(
        actor=actor,
        commitment=commitment,
        theme=commitment.theme,
        text_en=text_en,
        text_cy=text_cy,
        status=status,
        reason_en=reason_en,
        reason_cy=reason_cy,
    )
    if changed.published_at is not None and changed.status != status_before:
        feedback_writes.commitment_update_add(
            actor=actor,
            commitment=changed,
            made_on=timezone.localdate(),
            status=changed.status,
            reason_en=changed.reason_en,
            reason_cy=changed.reason_cy,
            **_status_changed_note(changed.status),
        )
    before = principle_slugs(commitment)
    if sorted(before) != sorted(chosen):
        _set_principles(changed, chosen)
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=changed,
            council=changed.consultation.council,
            detail={"principles": chosen},
        )
    return changed


def _status_changed_note(status: str) -> dict[str, str]:
    """The words of the dated update a change of status makes, in English and Welsh."""
    texts = {}
    for field, language in (("text_en", "en-gb"), ("text_cy", "cy")):
        with translation.override(language):
            texts[field] = _("The promise is now: %(status)s.") % {
                "status": Commitment.Status(status).label
            }
    return texts


def promise_update_add(
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
    """A dated note of progress on a promise (public at once where the promise is)."""
    return feedback_writes.commitment_update_add(
        actor=actor,
        commitment=commitment,
        made_on=made_on,
        text_en=text_en,
        text_cy=text_cy,
        status=status,
        reason_en=reason_en,
        reason_cy=reason_cy,
    )


@transaction.atomic
def pledge_publish(*, actor: Actor, pledge: Pledge) -> int:
    """Make the pledge public with every promise not yet public; returns how many promises were
    published. Raises NothingToPublish, or participation's WelshMissing (and changes nothing)
    where the council works in Welsh and some Welsh is missing."""
    locked = (
        Pledge.objects.select_for_update().select_related("consultation__council").get(pk=pledge.pk)
    )
    if locked.published_at is None and _welsh(locked) and not locked.intro_cy.strip():
        raise feedback_writes.WelshMissing([_("the pledge’s introduction")])
    try:
        published = feedback_writes.feedback_publish(actor=actor, consultation=locked.consultation)
    except feedback_writes.NothingToPublish:
        if locked.published_at is not None:
            raise NothingToPublish from None
        published = 0
    if locked.published_at is None:
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=locked,
            council=locked.council,
            detail={"published_at": locked.published_at.isoformat()},
        )
    pledge.published_at = locked.published_at
    return published
