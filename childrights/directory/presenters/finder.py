"""A service as the finder shows it to a young person: in plain words, and never with an address
its team keeps private (a refuge). A hidden location reaches the templates as its town and
nothing more, so no template can show what it was never given.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from childrights.core.language import Text, field_text
from childrights.core.presenters import day_text
from childrights.directory.models import Service

TIME_FORMAT = "%H:%M"
NO_TEXT = Text("")


@dataclass(frozen=True)
class Place:
    """Where a service is. For a hidden address: the town, and blanks."""

    town: str
    hidden: bool
    name: str = ""
    address: str = ""
    postcode: str = ""
    getting_there: Text = NO_TEXT
    accessibility: Text = NO_TEXT


@dataclass(frozen=True)
class ServiceShown:
    """A service with what its result or its page shows, worked out from prefetched records."""

    service: Service
    places: list[Place]
    towns: list[str]
    ages: str
    opening_times: list[str]
    last_checked: str
    # How far it is from the postcode searched near, in words; empty without one.
    away: str = ""


def places(service: Service) -> list[Place]:
    shown = []
    for here in service.at_locations.all():
        location = here.location
        if location.address_hidden:
            shown.append(Place(town=location.town, hidden=True))
        else:
            shown.append(
                Place(
                    town=location.town,
                    hidden=False,
                    name=location.name,
                    address=location.address,
                    postcode=location.postcode,
                    getting_there=field_text(location, "getting_there"),
                    accessibility=field_text(location, "accessibility"),
                )
            )
    return shown


def ages_text(service: Service) -> str:
    """Who the service is for by age, in words."""
    youngest, oldest = service.minimum_age, service.maximum_age
    if youngest is not None and oldest is not None:
        return _("Ages %(youngest)s to %(oldest)s") % {"youngest": youngest, "oldest": oldest}
    if youngest is not None:
        return _("Ages %(youngest)s and over") % {"youngest": youngest}
    if oldest is not None:
        return _("Ages up to %(oldest)s") % {"oldest": oldest}
    return _("Any age")


def opening_times_text(service: Service) -> list[str]:
    """Each weekly opening time: "Monday: 09:00 to 17:00"."""
    return [
        _("%(day)s: %(opens)s to %(closes)s")
        % {
            "day": opening.get_day_display(),
            "opens": opening.opens_at.strftime(TIME_FORMAT),
            "closes": opening.closes_at.strftime(TIME_FORMAT),
        }
        for opening in service.opening_times.all()
    ]


def away_text(miles: float) -> str:
    """How far a service is, roughly: "About 1.2 miles away"."""
    return _("About %(miles)s miles away") % {"miles": f"{max(miles, 0.1):.1f}"}


def shown(
    service: Service, *, with_times: bool = False, miles: float | None = None
) -> ServiceShown:
    """``service`` laid out for a result (``with_times`` for its own page, whose fetch
    prefetched its opening times; ``miles`` for a search by distance)."""
    found_places = places(service)
    return ServiceShown(
        service=service,
        places=found_places,
        towns=sorted({place.town for place in found_places}),
        ages=ages_text(service),
        opening_times=opening_times_text(service) if with_times else [],
        last_checked=day_text(service.last_checked_on) if service.last_checked_on else "",
        away=away_text(miles) if miles is not None else "",
    )
