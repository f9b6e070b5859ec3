"""Writes to a council's directory, and loading the shared needs.

Every change to a service is kept as a version (``ServiceChange``: who, when, each field before
and after) and written to the audit log, so a council can say who changed what a child reads.
Input is checked here rather than only in forms, because imports and the API write through the
same functions.
"""

import datetime
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import bilingual_fields
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.directory.models import (
    OLDEST_AGE,
    Need,
    Organisation,
    Service,
    ServiceChange,
    Taxonomy,
)
from childrights.directory.search_text import (
    NEED_FIELDS,
    search_words_remember,
    service_keys,
    service_search_text,
    vocabulary_of,
)
from childrights.framework.models import Article

DATA_DIR = Path(__file__).resolve().parent / "data"
NEEDS_FILE = DATA_DIR / "needs.json"

# What a service's writes may set; the council, publishing and the last check have their own.
SERVICE_FIELDS = (
    "organisation",
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "who_for_en",
    "who_for_cy",
    "what_happens_en",
    "what_happens_cy",
    "how_to_ask_en",
    "how_to_ask_cy",
    "minimum_age",
    "maximum_age",
    "referral_needed",
    "is_free",
    "cost_en",
    "cost_cy",
    "welsh_spoken",
    "other_languages",
    "url",
    "email",
    "phone",
    "status",
)


@transaction.atomic
def needs_load(*, path: Path = NEEDS_FILE) -> str:
    """Create or update the shared needs taxonomy and its terms from the data file. Safe to run
    again. A shared term the file no longer has is removed only when no service uses it; a
    council's own terms are never touched."""
    data = json.loads(path.read_text(encoding="utf-8"))
    row = data["taxonomy"]
    taxonomy, _created = Taxonomy.objects.update_or_create(
        slug=row["slug"],
        defaults={
            "name": row["name"],
            "description": row["description"],
            "version": row["version"],
        },
    )
    codes = []
    words_before = {need.pk: _need_words(need) for need in Need.objects.filter(taxonomy=taxonomy)}
    reworded = []
    for term in data["terms"]:
        need, _created = Need.objects.update_or_create(
            taxonomy=taxonomy,
            code=term["code"],
            defaults={
                "council": None,
                **bilingual_fields(term, "name"),
                **bilingual_fields(term, "description"),
                **bilingual_fields(term, "keywords"),
            },
        )
        if need.pk in words_before and words_before[need.pk] != _need_words(need):
            reworded.append(need.pk)
        codes.append(term["code"])
    services_search_refresh(Service.objects.filter(needs__in=reworded).distinct())
    unused = Need.objects.filter(
        taxonomy=taxonomy, council=None, services__isnull=True, children__isnull=True
    ).exclude(code__in=codes)
    removed, _by_model = unused.delete()
    return f"needs: {len(codes)} terms in file, {removed} unused removed"


def _need_words(need: Need) -> tuple[str, ...]:
    return tuple(getattr(need, name) for name in NEED_FIELDS)


def services_search_refresh(services: models.QuerySet[Service]) -> int:
    """Write again the search fields of ``services`` (after their needs' or organisation's words
    changed, or for rows written around ``service_create``); returns how many changed."""
    changed = 0
    found = services.select_related("organisation").prefetch_related("needs")
    for service in found.iterator(chunk_size=2000):
        needs = service.needs.all()
        text = service_search_text(service, needs)
        keys = service_keys(service, needs, text)
        if (text, keys) != (service.search_text, service.search_keys):
            # update(): the search fields are derived, so the service's "updated" time stays.
            Service.objects.filter(pk=service.pk).update(search_text=text, search_keys=keys)
            search_words_remember(vocabulary_of(text))
            changed += 1
    return changed


def _search_fields_set(service: Service, needs: Iterable[Need]) -> None:
    needs = list(needs)
    service.search_text = service_search_text(service, needs)
    service.search_keys = service_keys(service, needs, service.search_text)
    search_words_remember(vocabulary_of(service.search_text))


def _plain(value: Any) -> Any:
    """A field's value as the version history keeps it (JSON)."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


def _service_state(
    service: Service, needs: Iterable[Need], articles: Iterable[Article]
) -> dict[str, Any]:
    state = {name: _plain(getattr(service, name)) for name in SERVICE_FIELDS}
    state["needs"] = sorted(need.code for need in needs)
    state["articles"] = sorted(article.number for article in articles)
    return state


def _service_check(service: Service, needs: Iterable[Need]) -> None:
    """Refuse a service a child could be misled by, or one that crosses councils."""
    errors: dict[str, list[str]] = {}
    for name in ("minimum_age", "maximum_age"):
        age = getattr(service, name)
        if age is not None and age > OLDEST_AGE:
            errors.setdefault(name, []).append(
                _("Ages in the directory go up to %(oldest)s.") % {"oldest": OLDEST_AGE}
            )
    if (
        service.minimum_age is not None
        and service.maximum_age is not None
        and service.minimum_age > service.maximum_age
    ):
        errors.setdefault("maximum_age", []).append(
            _("The oldest age must be the same as or more than the youngest age.")
        )
    if service.organisation_id is None or service.organisation.council_id != service.council_id:
        errors.setdefault("organisation", []).append(_("Choose an organisation of this council."))
    others = [need.name_en for need in needs if need.council_id not in (None, service.council_id)]
    if others:
        errors.setdefault("needs", []).append(
            _("These needs belong to another council: %(needs)s.") % {"needs": ", ".join(others)}
        )
    try:
        service.full_clean(exclude=["council", "organisation"], validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _service_values(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"Not a field a service write sets: {', '.join(sorted(unknown))}")
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }


def _version(*, actor: Actor, service: Service, changes: dict[str, list[Any]]) -> ServiceChange:
    person = actor.person
    return ServiceChange.objects.create(
        service=service,
        changed_by_id=person.pk if person is not None else None,
        changes=changes,
    )


@transaction.atomic
def organisation_create(
    *,
    actor: Actor,
    council: Council,
    name: str,
    description_en: str = "",
    description_cy: str = "",
    website: str = "",
    email: str = "",
) -> Organisation:
    organisation = Organisation(
        council=council,
        name=name.strip(),
        description_en=description_en.strip(),
        description_cy=description_cy.strip(),
        website=website.strip(),
        email=email.strip(),
    )
    organisation.full_clean(exclude=["council"])
    organisation.save()
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=organisation)
    return organisation


@transaction.atomic
def service_create(
    *,
    actor: Actor,
    council: Council,
    values: Mapping[str, Any],
    needs: Iterable[Need] = (),
    articles: Iterable[Article] = (),
) -> Service:
    """Add a service, unpublished, with its first version (every field, before it nothing)."""
    needs, articles = list(needs), list(articles)
    service = Service(council=council, **_service_values(values))
    _service_check(service, needs)
    _search_fields_set(service, needs)
    service.save()
    service.needs.set(needs)
    service.articles.set(articles)
    after = _service_state(service, needs, articles)
    changes = {name: [None, value] for name, value in after.items()}
    _version(actor=actor, service=service, changes=changes)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=service,
        detail={"organisation": str(service.organisation_id)},
    )
    return service


@transaction.atomic
def service_update(
    *,
    actor: Actor,
    service: Service,
    values: Mapping[str, Any],
    needs: Iterable[Need] | None = None,
    articles: Iterable[Article] | None = None,
) -> Service:
    """Change a service; needs and articles are replaced when given. Records one version and
    one audit event with each changed field's value before and after; when nothing differs,
    nothing is saved or recorded. Returns the service as it now is."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    old_needs, old_articles = list(service.needs.all()), list(service.articles.all())
    before = _service_state(service, old_needs, old_articles)
    new_needs = old_needs if needs is None else list(needs)
    new_articles = old_articles if articles is None else list(articles)
    for name, value in _service_values(values).items():
        setattr(service, name, value)
    _service_check(service, new_needs)
    after = _service_state(service, new_needs, new_articles)
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if not changes:
        return service
    _search_fields_set(service, new_needs)
    service.save()
    if "needs" in changes:
        service.needs.set(new_needs)
    if "articles" in changes:
        service.articles.set(new_articles)
    _version(actor=actor, service=service, changes=changes)
    audit_record(
        action=AuditEvent.Action.UPDATE, actor=actor, obj=service, detail={"changed": changes}
    )
    return service


@transaction.atomic
def service_checked(*, actor: Actor, service: Service) -> Service:
    """Someone confirmed today that the service is still as described. Always audited (who
    checked); a version is kept when the date moves."""
    today = timezone.localdate()
    before = service.last_checked_on
    if before != today:
        service.last_checked_on = today
        service.save(update_fields=["last_checked_on", "updated_at"])
        _version(
            actor=actor,
            service=service,
            changes={"last_checked_on": [_plain(before), _plain(today)]},
        )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=service,
        detail={"checked_on": str(today)},
    )
    return service


def _service_set_published(*, actor: Actor, service: Service, published: bool) -> Service:
    if service.is_published == published:
        return service
    service.is_published = published
    service.save(update_fields=["is_published", "updated_at"])
    changes = {"is_published": [not published, published]}
    _version(actor=actor, service=service, changes=changes)
    audit_record(
        action=AuditEvent.Action.UPDATE, actor=actor, obj=service, detail={"changed": changes}
    )
    return service


@transaction.atomic
def service_publish(*, actor: Actor, service: Service) -> Service:
    """Show the service in the finder and the API. A service closed for good is refused."""
    if service.status == Service.Status.DEFUNCT:
        raise ValidationError(
            {"status": _("A service that has closed for good cannot be published.")}
        )
    return _service_set_published(actor=actor, service=service, published=True)


@transaction.atomic
def service_unpublish(*, actor: Actor, service: Service) -> Service:
    """Take the service out of the finder and the API; its record and versions stay."""
    return _service_set_published(actor=actor, service=service, published=False)
