"""Reads of a council's poverty analyses, always through the council's own tenancy.

Child-level data stays with its council: the national programme team does not see it either.
"""

from django.db.models import QuerySet
from django.http import HttpRequest

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.poverty.models import Dataset, Measure, Run
from childrights.poverty.uploads import KIND_LABELS


def datasets(*, council: Council) -> QuerySet[Dataset]:
    return Dataset.objects.filter(council=council).order_by("-uploaded_at")


def column_choices(*, council: Council) -> list[tuple[str, str]]:
    """Every column of the council's data, newest upload first, each once, with its type."""
    seen: dict[str, str] = {}
    for columns in datasets(council=council).values_list("columns", flat=True):
        for column in columns:
            label = KIND_LABELS.get(column.get("type"))
            seen.setdefault(
                column["name"], f"{column['name']} ({label})" if label else column["name"]
            )
    return sorted(seen.items(), key=lambda item: item[0].casefold())


def measures(*, council: Council) -> QuerySet[Measure]:
    return Measure.objects.filter(council=council).order_by("name")


def runs(*, council: Council) -> QuerySet[Run]:
    return Run.objects.filter(council=council).order_by("-created_at")


def dataset_or_404(*, request: HttpRequest, dataset_id: int, needs: str | None = None) -> Dataset:
    """One of the council's datasets, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Dataset.objects.select_related("council"),
        request=request,
        programme_team=False,
        needs=needs,
        pk=dataset_id,
    )


def measure_or_404(*, request: HttpRequest, measure_id: int, needs: str | None = None) -> Measure:
    """One of the council's measures, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Measure.objects.select_related("council"),
        request=request,
        programme_team=False,
        needs=needs,
        pk=measure_id,
    )


def run_or_404(*, request: HttpRequest, run_id: int) -> Run:
    return get_owned_or_404(
        Run.objects.select_related("council", "dataset", "measure"),
        request=request,
        programme_team=False,
        pk=run_id,
    )


def council_or_404(*, request: HttpRequest, council_id: int, needs: str | None = None) -> Council:
    """The council, for its own members only, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs=needs
    )
