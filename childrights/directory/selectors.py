"""Reads of the directory: for the public, the finder's search and a service's page; for a
council's staff, its own records (at the end, each through ``core.tenancy``).

The public reads only published services that are running (or closed for now, so a young person
learns that), and no staff-only record. Every read fetches what its page shows in a fixed number
of queries, however many services it finds. Nothing here calls another site: a child's search
stays on our servers.
"""

import datetime
import math
import uuid
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.directory.models import (
    Need,
    OpeningTime,
    Organisation,
    Service,
    ServiceAtLocation,
    ServiceChange,
    Suggestion,
)
from childrights.directory.postcodes import Point, box_around, miles_between
from childrights.directory.search_text import (
    SHORTEST,
    age_key,
    containing,
    council_key,
    holding,
    need_key,
    words_of,
)
from childrights.participation.feedback.dates import add_months

# Statuses a published service is shown with: a service closed for good is not offered.
SHOWN_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)
# Words too common to narrow a search, in English and Welsh; a search of only these still
# matches its whole phrase.
COMMON_WORDS = frozenset(
    {
        "and",
        "the",
        "for",
        "with",
        "help",
        "need",
        "want",
        "someone",
        "about",
        "gyda",
        "angen",
        "eisiau",
        "rhywun",
        "a'r",
        "ac",
        "yr",
    }
)


def _published() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True, status__in=SHOWN_STATUSES)


def search_words(text: str) -> list[str]:
    """The words of a search that narrow it, as the search keys hold words: not the commonest,
    not under three letters."""
    return [word for word in words_of(text) if len(word) >= SHORTEST and word not in COMMON_WORDS]


def _search_filter(text: str, need: Need | None, council: Council | None, age: int | None) -> Q:
    """Every word that narrows the search begins a word of the service, the service meets the
    need (or one under it), is the council's and is for someone of ``age``: one condition on its
    search keys, which an index answers (``search_text.py``). A search with words but none that
    narrows it (only common or short words) must find its whole phrase in the service's words
    instead.
    """
    tokens = search_words(text)
    if need is not None:
        tokens.append(need_key(need))
    if council is not None:
        tokens.append(council_key(council.pk))
    key = age_key(age) if age is not None else None
    if key is not None:
        tokens.append(key)
    found = holding(tokens)
    if text.strip() and not search_words(text):
        found &= containing(text)
    return found


def _open_at(moment: datetime.datetime) -> QuerySet[OpeningTime]:
    """Opening times that cover ``moment`` on the clock of the councils (all in the UK)."""
    local = timezone.localtime(moment)
    return OpeningTime.objects.filter(
        day=local.weekday(), opens_at__lte=local.time(), closes_at__gt=local.time()
    )


def _for_listing(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("council", "organisation").prefetch_related(
        "needs",
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by(
                "location__town", "location__name"
            ),
        ),
    )


def services_found(
    *,
    council: Council | None = None,
    text: str = "",
    age: int | None = None,
    need: Need | None = None,
    town: str = "",
    free: bool = False,
    no_referral: bool = False,
    welsh: bool = False,
    open_now: bool = False,
    article: int | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet[Service]:
    """Published services of ``council`` (of every council when None) that match every filter
    given: words, an age inside the service's ages where it sets them, a need (or a narrower
    need under it), a town, free, no referral, Welsh spoken, open now, a UNCRC article."""
    found = _published().filter(_search_filter(text, need, council, age))
    if council is not None:
        found = found.filter(council=council)
    if age is not None:
        # The age key above answers this for the ages the keys hold; compared here as well, so
        # any age asked means the same whether keyed or not.
        found = found.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )
    if town.strip():
        found = found.filter(
            pk__in=ServiceAtLocation.objects.filter(location__town__icontains=town.strip()).values(
                "service_id"
            )
        )
    if free:
        found = found.filter(is_free=True)
    if no_referral:
        found = found.filter(referral_needed=False)
    if welsh:
        found = found.filter(welsh_spoken=True)
    if open_now:
        found = found.filter(pk__in=_open_at(now or timezone.now()).values("service_id"))
    if article is not None:
        found = found.filter(
            pk__in=Service.articles.through.objects.filter(article__number=article).values(
                "service_id"
            )
        )
    return _for_listing(found).order_by("name_en", "pk")


# A search counts its services up to this many; past it the page says "more than" this.
COUNTED_UP_TO = 1000


@dataclass(frozen=True)
class FirstFound:
    """One page of a search's services, in name order, and how many it found: exactly, up to
    ``COUNTED_UP_TO``; ``more`` when it found more than that. ``page`` numbers the pages of
    the ones counted."""

    services: list[Service]
    total: int
    more: bool
    page: Page[uuid.UUID]


def first_found(*, found: QuerySet[Service], page: str | int | None, per_page: int) -> FirstFound:
    """The page ``page`` (a number, as asked; a page that is not one is the first or the last)
    of ``found`` (``services_found``) by name, ``per_page`` a page, reading at most
    ``COUNTED_UP_TO + 1`` ids and names: a search matching half a million services costs what
    one matching a thousand does. Where there are more, the pages hold the first thousand the
    database found, by name, and the page asks for a narrower search."""
    pairs = list(found.order_by().values_list("pk", "name_en")[: COUNTED_UP_TO + 1])
    more = len(pairs) > COUNTED_UP_TO
    # By name, then id as a number (the database's order of ids, without a Python comparison of
    # two UUIDs for each pair of services of the same name).
    ordered = [pk for pk, _name in sorted(pairs[:COUNTED_UP_TO], key=lambda p: (p[1], p[0].int))]
    shown = Paginator(ordered, per_page).get_page(page)
    # By id alone: the search's own condition was answered once, above.
    fetched = {
        service.pk: service for service in _for_listing(Service.objects.filter(pk__in=list(shown)))
    }
    return FirstFound(
        services=[fetched[pk] for pk in shown if pk in fetched],
        total=len(ordered),
        more=more,
        page=shown,
    )


@dataclass(frozen=True)
class Near:
    """A search by distance: within ``miles`` of where ``postcode`` is."""

    point: Point
    miles: int
    postcode: str


@dataclass(frozen=True)
class Nearby:
    """The services a search by distance found: one page of them nearest first, each with how
    far it is in miles; how many there are in all; the page's number among the pages; and how
    many services that match everything else were left out because none of their places is on
    the map."""

    services: list[tuple[Service, float]]
    total: int
    left_out: int
    page: Page[uuid.UUID]


def services_near(
    *, found: QuerySet[Service], near: Near, page: str | int | None, per_page: int
) -> Nearby:
    """Of ``found`` (``services_found``), those with a place within ``near.miles``, nearest
    first, the page ``page`` of them (as ``first_found``). A place counts only with a latitude
    and longitude and a shown address: how far a refuge is, asked from a few postcodes, would
    say where it is. The database narrows the places to a box of latitudes and longitudes; the
    exact great-circle distance of the few left is worked out here, the same on every
    database."""
    matching = found.order_by().values("pk")
    on_the_map = ServiceAtLocation.objects.filter(
        service__in=matching,
        location__address_hidden=False,
        location__latitude__isnull=False,
        location__longitude__isnull=False,
    )
    box = box_around(near.point, near.miles)
    in_the_box = on_the_map.filter(
        location__latitude__range=(box.south, box.north),
        location__longitude__range=(box.west, box.east),
    ).values_list("service_id", "service__name_en", "location__latitude", "location__longitude")
    nearest: dict[uuid.UUID, tuple[float, str]] = {}
    for service_id, name, latitude, longitude in in_the_box:
        if latitude is None or longitude is None:  # left out above; said again for the types
            continue
        miles = miles_between(near.point, Point(float(latitude), float(longitude)))
        if miles <= near.miles and miles < nearest.get(service_id, (math.inf, ""))[0]:
            nearest[service_id] = (miles, name)
    order = sorted(nearest, key=lambda pk: (*nearest[pk], str(pk)))
    shown = Paginator(order, per_page).get_page(page)
    fetched = {service.pk: service for service in found.filter(pk__in=list(shown))}
    return Nearby(
        services=[(fetched[pk], nearest[pk][0]) for pk in shown if pk in fetched],
        total=len(nearest),
        left_out=found.order_by().exclude(pk__in=on_the_map.values("service_id")).count(),
        page=shown,
    )


def published_service_or_404(*, service_id: uuid.UUID) -> Service:
    """A published, shown service with all its page shows; 404 for any other id, the same
    answer whether the service does not exist or is not published."""
    found = (
        _for_listing(_published())
        .prefetch_related(
            "opening_times",
            "contacts",
            "articles",
        )
        .filter(pk=service_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def needs_offered() -> QuerySet[Need]:
    """The shared needs (no council's own), for the finder's list of needs."""
    return Need.objects.filter(council__isnull=True).order_by("name_en")


def need_offered(*, need_id: str) -> Need | None:
    """A shared need by its id, or None."""
    try:
        return needs_offered().filter(pk=uuid.UUID(str(need_id))).first()
    except ValueError:
        return None


def councils_with_services() -> QuerySet[Council]:
    """Councils that publish at least one service, for the finder's list of places."""
    return Council.objects.filter(
        pk__in=_published().values("council_id"),
    ).order_by("short_name")


# The council's own records, for its staff ---------------------------------------------------
# Reads below pass through ``core.tenancy``: a council's pages answer 404 to anyone outside it,
# and 403 to members whose role lacks the capability the page's action needs (``needs``).

# A service is stale when nobody has checked it for this many months (or ever).
STALE_AFTER_MONTHS = 6


def stale_before(today: datetime.date) -> datetime.date:
    """The day a service must have been checked on or after not to be stale on ``today``."""
    return add_months(today, -STALE_AFTER_MONTHS)


def stale_filter(today: datetime.date) -> Q:
    """Services nobody has checked since ``stale_before(today)``, or ever."""
    return Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=stale_before(today))


def records_council_or_404(
    *, request: HttpRequest, council_id: int, needs: str | None = None
) -> Council:
    """The council whose directory a member works on; 404 to outsiders, 403 without ``needs``."""
    return council_for_user_or_404(request=request, council_id=council_id, needs=needs)


def council_services(*, council: Council, today: datetime.date) -> QuerySet[Service]:
    """Every service of the council, published or not, each annotated ``is_stale``."""
    return (
        Service.objects.filter(council=council)
        .select_related("organisation")
        .annotate(is_stale=ExpressionWrapper(stale_filter(today), output_field=BooleanField()))
        .order_by("name_en", "pk")
    )


def stale_services(*, council: Council, today: datetime.date) -> QuerySet[Service]:
    """The council's services still offered (not closed for good) that nobody has checked for
    ``STALE_AFTER_MONTHS`` months, the ones never checked first."""
    return (
        Service.objects.filter(council=council)
        .exclude(status=Service.Status.DEFUNCT)
        .filter(stale_filter(today))
        .order_by(F("last_checked_on").asc(nulls_first=True), "name_en", "pk")
    )


def councils_with_stale_services(*, today: datetime.date) -> QuerySet[Council]:
    return Council.objects.filter(
        pk__in=Service.objects.exclude(status=Service.Status.DEFUNCT)
        .filter(stale_filter(today))
        .values("council_id")
    ).order_by("pk")


def council_service_or_404(
    *, request: HttpRequest, council_id: int, service_id: uuid.UUID, needs: str | None = None
) -> Service:
    """One service of the council in the URL, published or not, for its staff."""
    return get_owned_or_404(
        Service.objects.select_related("council", "organisation").prefetch_related(
            "needs", "articles"
        ),
        request=request,
        needs=needs,
        pk=service_id,
        council_id=council_id,
    )


def service_history(*, service: Service) -> QuerySet[ServiceChange]:
    """The service's versions, newest first, with who made each."""
    return service.changes.select_related("changed_by").order_by("-changed_at", "-pk")


def council_organisations(*, council: Council) -> QuerySet[Organisation]:
    return Organisation.objects.filter(council=council).order_by("name", "pk")


def needs_for_council(*, council: Council) -> QuerySet[Need]:
    """The needs a council's services may meet: the shared ones and the council's own."""
    return Need.objects.filter(Q(council__isnull=True) | Q(council=council)).order_by("name_en")


def council_suggestions(*, council: Council) -> QuerySet[Suggestion]:
    """What people told the council is wrong, newest first. Words held for the safeguarding
    leads (a possible disclosure) are theirs to read, not the directory team's."""
    return (
        Suggestion.objects.filter(council=council, held=False)
        .select_related("service", "dealt_with_by")
        .order_by("status", "-created_at", "-pk")
    )
