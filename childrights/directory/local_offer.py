"""A council's local offer for care leavers (Children and Social Work Act 2017 s2): its reads
for the public and the council's staff, its writes, and the rules those writes keep.

The public reads only a published offer, and of the services linked to it only the published
ones. Every write names the person acting, is audited, runs in one transaction and moves the
offer's "last updated" date, since the law asks councils to keep the offer current and a care
leaver should see how current it is. Input is checked here rather than only in forms, so a
command or an import writing through these functions keeps the same rules.

The offer links to the consultation of care leavers on its changes by id (participation comes
before the directory in the layers), read through participation's own reads.
"""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import save_changes
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.directory.models import Entitlement, LocalOffer, Need, Service
from childrights.directory.selectors import SHOWN_STATUSES
from childrights.participation import selectors as participation_selectors
from childrights.participation.feedback.public import with_published_feedback
from childrights.participation.models import Consultation

# Care leavers are helped up to 25; an entitlement ends at that age or before.
OLDEST_AGE = 25

# What local_offer_save may set; publishing and the date have writes of their own.
OFFER_FIELDS = (
    "intro_en",
    "intro_cy",
    "team_name",
    "team_phone",
    "team_email",
    "adviser_en",
    "adviser_cy",
    "complaints_en",
    "complaints_cy",
    "consultation_id",
)

# What the entitlement writes may set; the services it links have their own argument.
ENTITLEMENT_FIELDS = (
    "area",
    "title_en",
    "title_cy",
    "details_en",
    "details_cy",
    "amount_en",
    "amount_cy",
    "until_age",
    "how_to_ask_en",
    "how_to_ask_cy",
    "order",
)

# The finder's need that matches each statutory area, for "find more help with this".
AREA_NEEDS = {
    Entitlement.Area.HEALTH: "health",
    Entitlement.Area.RELATIONSHIPS: "family-and-friends",
    Entitlement.Area.EDUCATION: "school-and-college",
    Entitlement.Area.EMPLOYMENT: "jobs-and-training",
    Entitlement.Area.ACCOMMODATION: "somewhere-to-live",
    Entitlement.Area.PARTICIPATION: "speaking-up",
    Entitlement.Area.ADULTHOOD: "leaving-care",
    Entitlement.Area.MONEY: "money",
}


# --- reads for the public ---------------------------------------------------------------------


def published_offers() -> QuerySet[LocalOffer]:
    """Every council's published offer, by the council's short name."""
    return (
        LocalOffer.objects.filter(is_published=True)
        .select_related("council")
        .order_by("council__short_name", "pk")
    )


def _shown_services() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True, status__in=SHOWN_STATUSES).order_by(
        "name_en", "pk"
    )


def published_offer_or_404(*, gss_code: str) -> LocalOffer:
    """A council's published offer with its entitlements and their published services; 404
    alike for a council with no offer and one whose offer is not published."""
    found = (
        published_offers()
        .prefetch_related(
            Prefetch(
                "entitlements",
                queryset=Entitlement.objects.prefetch_related(
                    Prefetch("services", queryset=_shown_services())
                ),
            )
        )
        .filter(council__gss_code=gss_code)
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class Area:
    """One statutory area of an offer, with its entitlements in the council's order."""

    code: str
    label: str
    entitlements: list[Entitlement]
    need: Need | None


def areas_of(offer: LocalOffer) -> list[Area]:
    """The offer's entitlements by statutory area, in the order the law lists the areas;
    areas with nothing in them are left out. Reads the entitlements already fetched."""
    needs = {
        need.code: need
        for need in Need.objects.filter(council__isnull=True, code__in=AREA_NEEDS.values())
    }
    by_area: dict[str, list[Entitlement]] = {}
    for entitlement in offer.entitlements.all():
        by_area.setdefault(entitlement.area, []).append(entitlement)
    return [
        Area(
            code=str(area.value),
            label=str(area.label),
            entitlements=sorted(by_area[area], key=lambda each: (each.order, each.title_en)),
            need=needs.get(AREA_NEEDS[area]),
        )
        for area in Entitlement.Area
        if area in by_area
    ]


@dataclass(frozen=True)
class ConsultationLinks:
    """Where a care leaver can have their say on the offer, and read the council's answer."""

    consultation: Consultation | None = None
    have_your_say: str = ""  # the consultation's link key, while it takes answers
    you_said_we_did: str = ""  # the same key, once the council has published its answer


def consultation_links(offer: LocalOffer) -> ConsultationLinks:
    """Links to the offer's consultation as the public may follow them: while it is open, and
    once its "you said, we did" is published; nothing for a draft or a closed one without it."""
    if offer.consultation_id is None:
        return ConsultationLinks()
    consultation = (
        participation_selectors.consultations(council=offer.council)
        .filter(pk=offer.consultation_id)
        .first()
    )
    if consultation is None:
        return ConsultationLinks()
    answered = with_published_feedback().filter(pk=consultation.pk).exists()
    return ConsultationLinks(
        consultation=consultation,
        have_your_say=consultation.link_key if consultation.is_accepting() else "",
        you_said_we_did=consultation.link_key if answered else "",
    )


# --- reads for the council's staff ------------------------------------------------------------


def offer_of(council: Council) -> LocalOffer:
    """The council's offer, or a new unsaved one for a council that has not written it yet.
    The caller has already fetched the council through its tenancy."""
    return LocalOffer.objects.filter(council=council).first() or LocalOffer(council=council)


def entitlements_of(offer: LocalOffer) -> list[Entitlement]:
    """The offer's entitlements in the order the public page shows them."""
    if offer.pk is None:
        return []
    order = {area.value: index for index, area in enumerate(Entitlement.Area)}
    found = offer.entitlements.prefetch_related("services")
    return sorted(found, key=lambda each: (order[each.area], each.order, each.title_en))


def entitlement_or_404(
    *, request: HttpRequest, council_id: int, entitlement_id: Any, needs: str | None = None
) -> Entitlement:
    """One entitlement of the council's offer, for its own members; 404 to anyone else.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Entitlement.objects.select_related("offer__council").filter(offer__council_id=council_id),
        request=request,
        council_path="offer__council",
        needs=needs,
        pk=entitlement_id,
    )


def linkable_services(council: Council) -> QuerySet[Service]:
    """The council's services an entitlement may link to: any but those closed for good."""
    return (
        Service.objects.filter(council=council)
        .exclude(status=Service.Status.DEFUNCT)
        .order_by("name_en", "pk")
    )


def linkable_services_chosen(council: Council, ids: Iterable[str]) -> list[Service]:
    """Of these ids (as a form sends them), the council's linkable services, by name; an id that
    is not one is left out."""
    valid = []
    for each in ids:
        try:
            valid.append(uuid.UUID(str(each)))
        except ValueError:
            continue
    if not valid:
        return []
    return list(linkable_services(council).filter(pk__in=valid))


def linkable_services_matching(council: Council, text: str, *, at_most: int) -> list[Service]:
    """The council's linkable services whose name in English or Welsh holds ``text``, by name:
    ``at_most`` of them and one more, so the page can say there are more."""
    named = Q(name_en__icontains=text) | Q(name_cy__icontains=text)
    return list(linkable_services(council).filter(named)[: at_most + 1])


def linkable_consultations(council: Council) -> QuerySet[Consultation]:
    """The council's consultations an offer may name as the one care leavers are asked in."""
    return participation_selectors.consultations(council=council)


# --- writes -----------------------------------------------------------------------------------


def _cleaned(values: Mapping[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"Not a field a {what} write sets: {', '.join(sorted(unknown))}")
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }


def _touch(offer: LocalOffer) -> None:
    today = timezone.localdate()
    if offer.last_updated_on != today:
        offer.last_updated_on = today
        offer.save(update_fields=["last_updated_on"])


def _check_offer(offer: LocalOffer) -> None:
    errors: dict[str, list[str]] = {}
    if (
        offer.consultation_id is not None
        and not linkable_consultations(offer.council).filter(pk=offer.consultation_id).exists()
    ):
        errors["consultation_id"] = [_("Choose one of this council's consultations.")]
    try:
        offer.full_clean(exclude=["council"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def local_offer_save(*, actor: Actor, council: Council, values: Mapping[str, Any]) -> LocalOffer:
    """Write the offer's own words and contacts (creating the offer, unpublished, the first
    time). The consultation, when named, must be one of the council's. Audits what changed;
    when nothing differs, nothing is saved or recorded."""
    cleaned = _cleaned(values, OFFER_FIELDS, "local offer")
    offer = LocalOffer.objects.select_for_update().filter(council=council).first()
    if offer is None:
        offer = LocalOffer(council=council, **cleaned)
        _check_offer(offer)
        offer.last_updated_on = timezone.localdate()
        offer.save()
        audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=offer)
        return offer
    trial = LocalOffer(pk=offer.pk, council=council, **{**_state(offer), **cleaned})
    _check_offer(trial)
    if save_changes(actor=actor, instance=offer, values=cleaned, council=council):
        _touch(offer)
    return offer


def _state(offer: LocalOffer) -> dict[str, Any]:
    return {name: getattr(offer, name) for name in OFFER_FIELDS}


def _check_entitlement(entitlement: Entitlement, services: Iterable[Service] | None) -> None:
    errors: dict[str, list[str]] = {}
    if entitlement.until_age is not None and not 16 <= entitlement.until_age <= OLDEST_AGE:
        errors["until_age"] = [
            _("Enter an age from 16 to %(oldest)s, or leave it empty.") % {"oldest": OLDEST_AGE}
        ]
    others = [
        service.name_en
        for service in services or ()
        if service.council_id != entitlement.offer.council_id
    ]
    if others:
        errors["services"] = [
            _("These services belong to another council: %(services)s.")
            % {"services": ", ".join(others)}
        ]
    try:
        entitlement.full_clean(
            exclude=["offer", "services"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _service_ids(services: Iterable[Service]) -> list[str]:
    return sorted(str(service.pk) for service in services)


@transaction.atomic
def entitlement_add(
    *,
    actor: Actor,
    offer: LocalOffer,
    values: Mapping[str, Any],
    services: Iterable[Service] = (),
) -> Entitlement:
    """Add one entitlement to the offer, linked to services of the same council."""
    services = list(services)
    entitlement = Entitlement(offer=offer, **_cleaned(values, ENTITLEMENT_FIELDS, "entitlement"))
    _check_entitlement(entitlement, services)
    entitlement.save()
    entitlement.services.set(services)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=entitlement,
        council=offer.council,
        detail={"area": entitlement.area, "services": _service_ids(services)},
    )
    _touch(offer)
    return entitlement


@transaction.atomic
def entitlement_update(
    *,
    actor: Actor,
    entitlement: Entitlement,
    values: Mapping[str, Any],
    services: Iterable[Service] | None = None,
) -> Entitlement:
    """Change an entitlement; its services are replaced when given. Audits each changed field
    before and after; when nothing differs, nothing is saved or recorded."""
    entitlement = (
        Entitlement.objects.select_for_update()
        .select_related("offer__council")
        .get(pk=entitlement.pk)
    )
    cleaned = _cleaned(values, ENTITLEMENT_FIELDS, "entitlement")
    new_services = None if services is None else list(services)
    trial = Entitlement(
        pk=entitlement.pk,
        offer=entitlement.offer,
        **{**{name: getattr(entitlement, name) for name in ENTITLEMENT_FIELDS}, **cleaned},
    )
    _check_entitlement(trial, new_services)
    changed = save_changes(
        actor=actor, instance=entitlement, values=cleaned, council=entitlement.offer.council
    )
    if new_services is not None:
        before = _service_ids(entitlement.services.all())
        after = _service_ids(new_services)
        if before != after:
            entitlement.services.set(new_services)
            audit_record(
                action=AuditEvent.Action.UPDATE,
                actor=actor,
                obj=entitlement,
                council=entitlement.offer.council,
                detail={"changed": {"services": [before, after]}},
            )
            changed["services"] = [str(before), str(after)]
    if changed:
        _touch(entitlement.offer)
    return entitlement


@transaction.atomic
def entitlement_remove(*, actor: Actor, entitlement: Entitlement) -> None:
    """Take an entitlement out of the offer; the services it linked stay in the directory."""
    offer = entitlement.offer
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=entitlement,
        council=offer.council,
        detail={"title": entitlement.title_en, "area": entitlement.area},
    )
    entitlement.delete()
    _touch(offer)


def _publishable(offer: LocalOffer) -> None:
    """What a care leaver needs from a published offer: something in it, someone to ask, and
    what to do when they are not getting it."""
    errors: dict[str, list[str]] = {}
    if not offer.entitlements.exists():
        errors.setdefault("__all__", []).append(
            _("Add at least one entitlement before publishing the offer.")
        )
    if not (offer.team_phone or offer.team_email):
        errors["team_phone"] = [
            _("Give the leaving care team's phone number or email before publishing the offer.")
        ]
    if not offer.complaints_en:
        errors["complaints_en"] = [
            _("Say what to do if someone is not getting something before publishing the offer.")
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def local_offer_publish(*, actor: Actor, offer: LocalOffer) -> LocalOffer:
    """Show the offer to the public. Refused while it lacks entitlements, the leaving care
    team's phone or email, or what to do when you are not getting something."""
    offer = LocalOffer.objects.select_for_update().select_related("council").get(pk=offer.pk)
    _publishable(offer)
    if not offer.is_published:
        save_changes(actor=actor, instance=offer, values={"is_published": True})
        _touch(offer)
    return offer


@transaction.atomic
def local_offer_unpublish(*, actor: Actor, offer: LocalOffer) -> LocalOffer:
    """Take the offer off the public pages; everything in it stays for the council."""
    offer = LocalOffer.objects.select_for_update().select_related("council").get(pk=offer.pk)
    if offer.is_published:
        save_changes(actor=actor, instance=offer, values={"is_published": False})
    return offer
