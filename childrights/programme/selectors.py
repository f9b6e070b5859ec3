"""Reads for the programme. Public pages read partnerships; team pages are checked in views."""

from collections import OrderedDict
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from childrights.councils.models import Council, Nation
from childrights.councils.search import councils_matching
from childrights.programme.models import (
    BaselineFact,
    Enquiry,
    Partnership,
    Pilot,
    Programme,
)

NATION_ORDER = [Nation.ENGLAND, Nation.NORTHERN_IRELAND, Nation.SCOTLAND, Nation.WALES]
SEARCH_LIMIT = 50
PARTNERS_PAGE_SIZE = 50


def programme() -> Programme | None:
    return Programme.objects.order_by("pk").first()


def _partnerships() -> QuerySet[Partnership]:
    return Partnership.objects.select_related(
        "council", "council__successor", "phase", "source"
    ).prefetch_related(
        Prefetch(
            "pilots",
            queryset=Pilot.objects.select_related("source").prefetch_related("themes"),
        ),
        Prefetch("baseline_facts", queryset=BaselineFact.objects.select_related("source")),
    )


def partnerships_listed() -> QuerySet[Partnership]:
    """The real partners, as the partners page lists them (the demonstration council's page is
    labelled and unlisted)."""
    return _partnerships().filter(council__is_demo=False).order_by("council__short_name")


def partner_counts_by_nation() -> "OrderedDict[str, int]":
    """How many real partners each nation has, in the partners page's order (nations with none
    left out)."""
    rows = (
        Partnership.objects.filter(council__is_demo=False)
        .values("council__nation")
        .annotate(partners=Count("pk"))
    )
    counts = {row["council__nation"]: row["partners"] for row in rows}
    return OrderedDict((n.value, counts[n.value]) for n in NATION_ORDER if n.value in counts)


def partners_page(*, nation: str, number: str | None, welsh: bool) -> Page[Partnership]:
    """A page of the real partners, nation by nation and by name within each (of one nation
    when ``nation`` is given), with what their entries on the list show. On a Welsh page the
    names sort as they are shown: the Welsh short name where a council has one."""
    listed = Partnership.objects.filter(council__is_demo=False).select_related("council")
    if nation:
        listed = listed.filter(council__nation=nation)
    nation_rank = Case(
        *(When(council__nation=n.value, then=Value(i)) for i, n in enumerate(NATION_ORDER)),
        output_field=IntegerField(),
    )
    name: Any = F("council__short_name")
    if welsh:
        name = Coalesce(NullIf("council__short_name_cy", Value("")), "council__short_name")
    ordered = listed.order_by(nation_rank, name, "pk").prefetch_related(
        Prefetch("pilots", queryset=Pilot.objects.order_by("pk"))
    )
    return Paginator(ordered, PARTNERS_PAGE_SIZE).get_page(number)


def by_nation(partnerships: "list[Partnership]") -> "OrderedDict[str, list[Partnership]]":
    """Partnerships grouped under their council's nation, in the order given."""
    grouped: OrderedDict[str, list[Partnership]] = OrderedDict()
    for partnership in partnerships:
        grouped.setdefault(partnership.council.nation, []).append(partnership)
    return grouped


def partnership_by_slug(*, slug: str) -> Partnership | None:
    return _partnerships().filter(slug=slug).first()


def partnerships_for_team() -> QuerySet[Partnership]:
    return _partnerships().order_by("council__short_name")


def partnership(*, partnership_id: int) -> Partnership | None:
    return _partnerships().filter(pk=partnership_id).first()


def pilot(*, pilot_id: int) -> Pilot | None:
    return Pilot.objects.select_related("partnership__council").filter(pk=pilot_id).first()


def baseline_fact(*, fact_id: int) -> BaselineFact | None:
    return BaselineFact.objects.select_related("partnership__council").filter(pk=fact_id).first()


def partner_council_ids() -> set[int]:
    """Councils in a partnership, and the successors of any that have since merged."""
    rows = Partnership.objects.values_list("council_id", "council__successor_id")
    return {pk for pair in rows for pk in pair if pk is not None}


def councils_register() -> QuerySet[Council]:
    """The register of UK councils, current and former, as the public pages show it (the
    demonstration council is not in it), by GSS code."""
    return Council.objects.filter(is_demo=False).select_related("successor").order_by("gss_code")


def councils_search(*, query: str) -> tuple["OrderedDict[str, list[Council]]", int]:
    """Councils the query names (``councils.search``: English or Welsh names, small
    misspellings, GSS codes), grouped by nation; and the count."""
    query = query.strip()
    if not query:
        return OrderedDict(), 0
    found = councils_matching(query, councils=Council.objects.filter(is_demo=False))
    grouped: OrderedDict[str, list[Council]] = OrderedDict(
        (nation.value, []) for nation in NATION_ORDER
    )
    for council in found[:SEARCH_LIMIT]:
        grouped[council.nation].append(council)
    return OrderedDict((nation, items) for nation, items in grouped.items() if items), len(found)


def council_by_gss(*, gss_code: str) -> Council | None:
    """Any council in the register (or the demonstration council), by its GSS code."""
    return Council.objects.select_related("successor").filter(gss_code=gss_code.upper()).first()


def partnerships_of_council(council: Council) -> list[Partnership]:
    """The council's partnerships, and those of councils that became part of it."""
    return list(
        _partnerships()
        .filter(Q(council=council) | Q(council__successor=council))
        .order_by("council__short_name", "pk")
    )


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def councils_by_letter(*, letter: str, welsh: bool) -> "OrderedDict[str, list[Council]]":
    """Every council in the register whose name, as the page shows it, starts with ``letter``,
    current and former, grouped by nation."""
    named = Q(short_name__istartswith=letter)
    if welsh:
        named = Q(short_name_cy__istartswith=letter) | (Q(short_name_cy="") & named)
    grouped: OrderedDict[str, list[Council]] = OrderedDict(
        (nation.value, []) for nation in NATION_ORDER
    )
    for council in councils_register().filter(named):
        grouped[council.nation].append(council)
    for councils in grouped.values():
        councils.sort(
            key=lambda council: (council.short_name_cy if welsh else "") or council.short_name
        )
    return OrderedDict((nation, items) for nation, items in grouped.items() if items)


def council_counts_by_nation() -> "OrderedDict[str, int]":
    current = Council.objects.filter(is_demo=False, end_date__isnull=True)
    return OrderedDict(
        (nation.value, current.filter(nation=nation).count()) for nation in NATION_ORDER
    )


def council_choices() -> QuerySet[Council]:
    return Council.objects.filter(is_demo=False, end_date__isnull=True).order_by("short_name")


def enquiries(*, status: str = "") -> QuerySet[Enquiry]:
    found = Enquiry.objects.select_related("council").order_by("-created_at")
    return found.filter(status=status) if status else found


def enquiry(*, enquiry_id: int) -> Enquiry | None:
    return (
        Enquiry.objects.select_related("council")
        .prefetch_related("notes")
        .filter(pk=enquiry_id)
        .first()
    )
