"""Reads of the framework. Public reference content: no council owns it."""

from django.db.models import Prefetch, QuerySet

from childrights.framework.models import (
    Article,
    Cluster,
    FrameworkItem,
    Indicator,
    NationFramework,
    Principle,
    Theme,
)


def articles(*, cluster: str = "", principle: str = "") -> QuerySet[Article]:
    found = Article.objects.select_related("cluster").prefetch_related("principles")
    if cluster:
        found = found.filter(cluster__slug=cluster)
    if principle:
        found = found.filter(principles__slug=principle)
    return found.order_by("number").distinct()


def article(*, number: int) -> Article | None:
    return (
        Article.objects.select_related("cluster")
        .prefetch_related(
            "principles",
            Prefetch(
                "framework_items",
                queryset=FrameworkItem.objects.select_related("framework").order_by(
                    "framework__position", "position"
                ),
            ),
        )
        .filter(number=number)
        .first()
    )


def clusters() -> QuerySet[Cluster]:
    return Cluster.objects.order_by("position")


def principles(*, include_retired: bool = False) -> QuerySet[Principle]:
    indicators = Indicator.objects.order_by("position", "pk")
    if not include_retired:
        indicators = indicators.filter(is_active=True)
    return Principle.objects.order_by("position").prefetch_related(
        Prefetch("indicators", queryset=indicators),
        Prefetch("articles", queryset=Article.objects.order_by("number")),
    )


def principle(*, slug: str) -> Principle | None:
    return principles(include_retired=True).filter(slug=slug).first()


def indicator(*, indicator_id: int) -> Indicator | None:
    return Indicator.objects.select_related("principle").filter(pk=indicator_id).first()


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position")


def nation_frameworks() -> QuerySet[NationFramework]:
    return NationFramework.objects.order_by("position").prefetch_related(
        Prefetch(
            "items",
            queryset=FrameworkItem.objects.order_by("position").prefetch_related(
                "principles", "articles"
            ),
        )
    )
