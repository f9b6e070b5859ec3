"""Reads of the directory for the public: the finder's search and a service's page.

Only published services that are running (or closed for now, so a young person learns that) are
ever read here, and no staff-only record. Every read fetches what its page shows in a fixed number
of queries, however many services it finds. Nothing here calls another site: a child's search
stays on our servers.
"""

import datetime
import uuid

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from childrights.councils.models import Council
from childrights.directory.models import (
    Need,
    OpeningTime,
    Service,
    ServiceAtLocation,
)

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
SHORTEST_WORD = 3
# The fields a search looks in: a service's own words and the words of the needs it meets.
SERVICE_TEXT_FIELDS = ("name_en", "name_cy", "description_en", "description_cy")
NEED_TEXT_FIELDS = ("name_en", "name_cy", "keywords_en", "keywords_cy")


def _published() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True, status__in=SHOWN_STATUSES)


def _services_meeting(needs: QuerySet[Need]) -> QuerySet[Service]:
    """Ids of services that meet any of ``needs``, as a subquery (no duplicate rows)."""
    through = Service.needs.through.objects.filter(need__in=needs)
    return through.values("service_id")  # type: ignore[return-value]


def _matching(word: str) -> Q:
    """A service whose own words or whose needs' words contain ``word``."""
    own = Q()
    for field in SERVICE_TEXT_FIELDS:
        own |= Q(**{f"{field}__icontains": word})
    need_words = Q()
    for field in NEED_TEXT_FIELDS:
        need_words |= Q(**{f"{field}__icontains": word})
    return own | Q(pk__in=_services_meeting(Need.objects.filter(need_words)))


def search_words(text: str) -> list[str]:
    """The words of a search that narrow it: not the commonest, not under three letters."""
    return [
        word
        for word in text.lower().split()
        if len(word) >= SHORTEST_WORD and word not in COMMON_WORDS
    ]


def _text_filter(text: str) -> Q:
    """The whole phrase, or every word that narrows the search, found somewhere."""
    phrase = " ".join(text.split())
    every_word = Q()
    words = search_words(phrase)
    for word in words:
        every_word &= _matching(word)
    return _matching(phrase) | every_word if words else _matching(phrase)


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
    found = _published()
    if council is not None:
        found = found.filter(council=council)
    if text.strip():
        found = found.filter(_text_filter(text))
    if age is not None:
        found = found.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )
    if need is not None:
        found = found.filter(
            pk__in=_services_meeting(Need.objects.filter(Q(pk=need.pk) | Q(parent=need)))
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
