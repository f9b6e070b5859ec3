"""Reading an Open Referral UK (HSDS 3.0) JSON export into drafts of services: a page of the
standard's service objects (``contents``), a list of them, or one. Parts of the standard the
directory does not keep (funding, service areas, schedules other than weekly) are passed over; a
taxonomy term that is not one of our needs is left off the service and named in the result."""

import json
from collections.abc import Mapping
from datetime import time
from decimal import Decimal
from typing import IO, Any

from django.db.models import Q
from django.utils.translation import gettext as _

from childrights.core.uploads import MAX_CELL_CHARACTERS
from childrights.councils.models import Council
from childrights.directory.import_drafts import MAX_RECORDS, Draft, ImportRefused, Place
from childrights.directory.models import OLDEST_AGE, Need, Service

# Each record's other parts (places, opening times, contacts) a JSON import reads at most.
MAX_PARTS = 50

# The standard's fields each service field is read from, to name them in a problem.
ORUK_FIELD_NAMES = {
    "name_en": "name",
    "description_en": "description",
    "who_for_en": "eligibility_description",
    "how_to_ask_en": "application_process",
    "cost_en": "fees_description",
    "url": "url",
    "email": "email",
    "phone": "phones",
    "status": "status",
    "minimum_age": "minimum_age",
    "maximum_age": "maximum_age",
    "other_languages": "languages",
    "organisation": "organization",
    "needs": "attributes",
    "name": "location.name",
    "address": "addresses.address_1",
    "town": "addresses.city",
    "postcode": "addresses.postal_code",
}
ORUK_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def oruk_drafts(council: Council, file: IO[bytes]) -> tuple[list[Draft], set[str]]:
    try:
        data = json.loads(file.read())
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportRefused(
            [
                _("The file is not JSON that can be read: %(problem)s")
                % {"problem": str(error)[:200]}
            ]
        ) from error
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = data["contents"]
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict) and "name" in data:
        items = [data]
    else:
        raise ImportRefused(
            [
                _(
                    "The file is not an Open Referral UK export: it needs a list of services, or "
                    "a page of them with “contents”."
                )
            ]
        )
    if not items:
        raise ImportRefused([_("The file has no services in it.")])
    if len(items) > MAX_RECORDS:
        raise ImportRefused(
            [
                _("The file has more than %(count)s services. Split it into smaller files.")
                % {"count": f"{MAX_RECORDS:,}"}
            ]
        )
    needs = Need.objects.filter(Q(council__isnull=True) | Q(council=council))
    by_id = {str(need.id): need for need in needs}
    by_code = {need.code: need for need in needs}
    left_out: set[str] = set()
    drafts = [
        _oruk_draft(number, item, by_id, by_code, left_out)
        for number, item in enumerate(items, start=1)
    ]
    return drafts, left_out


def _text(draft: Draft, record: Mapping[str, Any], name: str, shown: str = "") -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        draft.problem(shown or name, _("must be text."))
        return ""
    if len(value) > MAX_CELL_CHARACTERS:
        draft.problem(
            shown or name,
            _("is longer than %(count)s characters.") % {"count": f"{MAX_CELL_CHARACTERS:,}"},
        )
        return ""
    return value.strip()


def _list(draft: Draft, record: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    value = record.get(name) or []
    if not isinstance(value, list) or not all(isinstance(part, dict) for part in value):
        draft.problem(name, _("must be a list of objects."))
        return []
    if len(value) > MAX_PARTS:
        draft.problem(name, _("has more than %(count)s entries.") % {"count": MAX_PARTS})
        return []
    return value


def _oruk_age(draft: Draft, item: Mapping[str, Any], name: str) -> int | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        draft.problem(name, _("must be an age in years."))
        return None
    if name == "maximum_age" and value > OLDEST_AGE:
        return None  # "up to 100" is every age, which the directory says by giving no limit
    return int(value)


def _oruk_draft(
    number: int,
    item: Any,
    needs_by_id: dict[str, Need],
    needs_by_code: dict[str, Need],
    left_out: set[str],
) -> Draft:
    def said(name: str, text: str) -> str:
        return _("Item %(number)s, %(field)s: %(problem)s") % {
            "number": number,
            "field": name,
            "problem": text,
        }

    draft = Draft(said=said, names=ORUK_FIELD_NAMES)
    if not isinstance(item, dict):
        draft.problems.append(
            _("Item %(number)s: must be a service (a JSON object).") % {"number": number}
        )
        return draft
    values = draft.values
    values["name_en"] = _text(draft, item, "name")
    values["description_en"] = _text(draft, item, "description")
    values["who_for_en"] = _text(draft, item, "eligibility_description")
    values["how_to_ask_en"] = _text(draft, item, "application_process")
    values["cost_en"] = _text(draft, item, "fees_description")
    values["url"] = _text(draft, item, "url")
    values["email"] = _text(draft, item, "email")
    values["minimum_age"] = _oruk_age(draft, item, "minimum_age")
    values["maximum_age"] = _oruk_age(draft, item, "maximum_age")
    status = _text(draft, item, "status") or Service.Status.ACTIVE
    if status not in Service.Status.values:
        draft.problem(
            "status",
            _("must be one of %(values)s.") % {"values": ", ".join(Service.Status.values)},
        )
    values["status"] = status
    organisation = item.get("organization")
    if not isinstance(organisation, dict) or not _text(draft, organisation, "name"):
        draft.problem("organization", _("give the organisation that runs it, with its name."))
    else:
        draft.organisation = {
            "name": _text(draft, organisation, "name", "organization.name"),
            "description_en": _text(draft, organisation, "description", "organization"),
            "website": _text(draft, organisation, "website", "organization.website"),
            "email": _text(draft, organisation, "email", "organization.email"),
        }
    phones = _list(draft, item, "phones")
    if phones:
        values["phone"] = _text(draft, phones[0], "number", "phones")
    costs = _list(draft, item, "cost_options")
    if costs:
        values["is_free"] = any(
            cost.get("amount") == 0 or str(cost.get("option", "")).lower() == "free"
            for cost in costs
        )
        if not values["cost_en"] and not values["is_free"]:
            values["cost_en"] = "; ".join(
                " ".join(
                    str(cost.get(key) or "") for key in ("option", "amount_description")
                ).strip()
                for cost in costs
            )[:300]
    names = []
    for language in _list(draft, item, "languages"):
        code = str(language.get("code") or "").lower()
        name = str(language.get("name") or "").strip()
        if code in ("cy", "cym", "wel") or name.lower() in ("welsh", "cymraeg"):
            values["welsh_spoken"] = True
        elif name and code not in ("en", "eng"):
            names.append(name)
    values["other_languages"] = ", ".join(names)[:200]
    for attribute in _list(draft, item, "attributes"):
        term = attribute.get("taxonomy_term") or {}
        need = needs_by_id.get(str(attribute.get("taxonomy_term_id") or term.get("id") or ""))
        need = need or needs_by_code.get(str(term.get("code") or ""))
        if need is not None and need not in draft.needs:
            draft.needs.append(need)
        elif need is None:
            left_out.add(str(term.get("name") or term.get("id") or attribute.get("id") or "?"))
    for at_location in _list(draft, item, "service_at_locations"):
        _oruk_place(draft, at_location.get("location"))
    for schedule in _list(draft, item, "schedules"):
        _oruk_schedule(draft, schedule)
    for contact in _list(draft, item, "contacts"):
        contact_phones = contact.get("phones")
        phone = ""
        if isinstance(contact_phones, list) and contact_phones:
            phone = str(contact_phones[0].get("number") or "")
        draft.contacts.append(
            {
                "name": _text(draft, contact, "name", "contacts.name"),
                "title": _text(draft, contact, "title", "contacts.title"),
                "email": _text(draft, contact, "email", "contacts.email"),
                "phone": phone.strip(),
            }
        )
    return draft


def _oruk_place(draft: Draft, location: Any) -> None:
    if not isinstance(location, dict):
        draft.problem("service_at_locations", _("each needs its location."))
        return
    addresses = _list(draft, location, "addresses")
    address = addresses[0] if addresses else {}
    town = _text(draft, address, "city", "addresses.city")
    if not town:
        draft.problem("service_at_locations", _("each location needs an address with its city."))
        return
    place = Place(
        name=_text(draft, location, "name", "location.name") or town,
        town=town,
        address=_text(draft, address, "address_1", "addresses.address_1"),
        postcode=_text(draft, address, "postal_code", "addresses.postal_code"),
    )
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if latitude is not None or longitude is not None:
        if not (
            isinstance(latitude, int | float)
            and isinstance(longitude, int | float)
            and -90 <= latitude <= 90
            and -180 <= longitude <= 180
        ):
            draft.problem("location.latitude", _("must be a latitude and longitude in degrees."))
        else:
            place.latitude = Decimal(str(round(latitude, 6)))
            place.longitude = Decimal(str(round(longitude, 6)))
    draft.places.append(place)


def _oruk_schedule(draft: Draft, schedule: Mapping[str, Any]) -> None:
    """A weekly opening time; other kinds of schedule are not ones the directory keeps."""
    if str(schedule.get("freq") or "").upper() != "WEEKLY":
        return
    try:
        opens = time.fromisoformat(str(schedule.get("opens_at")))
        closes = time.fromisoformat(str(schedule.get("closes_at")))
    except ValueError:
        draft.problem("schedules", _("opens_at and closes_at must be times such as 09:30."))
        return
    if opens >= closes:
        draft.problem("schedules", _("a time must close after it opens."))
        return
    for day in str(schedule.get("byday") or "").upper().split(","):
        if day.strip() in ORUK_DAYS:
            draft.times.append((ORUK_DAYS.index(day.strip()), opens, closes))
