"""Loading the framework's reference data, and the programme team's edits to indicators."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.changes import bilingual_fields as _text
from childrights.core.models import AuditEvent
from childrights.framework.models import (
    Article,
    Cluster,
    FrameworkItem,
    Indicator,
    NationFramework,
    Principle,
    Theme,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str, data_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((data_dir / name).read_text(encoding="utf-8"))
    return data


@transaction.atomic
def framework_load(*, data_dir: Path = DATA_DIR) -> str:
    """Create or update every principle, article, theme and nation framework. Safe to run again.

    Indicators the programme team has changed are left as they are, their question for
    children included; every other indicator takes the shipped wording.
    """
    principles_data = _read("principles.json", data_dir)
    articles_data = _read("uncrc_articles.json", data_dir)
    themes_data = _read("themes.json", data_dir)
    frameworks_data = _read("nation_frameworks.json", data_dir)

    principles: dict[str, Principle] = {}
    for position, row in enumerate(principles_data["principles"]):
        principle, _ = Principle.objects.update_or_create(
            slug=row["slug"],
            defaults={
                **_text(row, "name"),
                **_text(row, "definition"),
                "position": position,
            },
        )
        principles[principle.slug] = principle
        for indicator_position, item in enumerate(row["indicators"]):
            indicator, created = Indicator.objects.get_or_create(
                principle=principle,
                slug=item["slug"],
                defaults={
                    **_text(item, "text"),
                    **_text(item, "children", "text_children"),
                    "position": indicator_position,
                },
            )
            if not created and not indicator.is_customised:
                shipped = {
                    **_text(item, "text"),
                    **_text(item, "children", "text_children"),
                    "position": indicator_position,
                }
                if apply_changes(indicator, shipped):
                    indicator.save(update_fields=list(shipped))

    clusters: dict[str, Cluster] = {}
    for position, row in enumerate(articles_data["clusters"]):
        cluster, _ = Cluster.objects.update_or_create(
            slug=row["slug"],
            defaults={
                **_text(row, "name"),
                **_text(row, "description"),
                "position": position,
            },
        )
        clusters[cluster.slug] = cluster

    articles: dict[int, Article] = {}
    for row in articles_data["articles"]:
        article, _ = Article.objects.update_or_create(
            number=row["number"],
            defaults={
                **_text(row, "title"),
                **_text(row, "summary_age_8"),
                **_text(row, "summary_age_14"),
                **_text(row, "summary_staff"),
                "cluster": clusters[row["cluster"]],
                "general_principle": row["general_principle"],
            },
        )
        article.principles.set([principles[slug] for slug in row["principles"]])
        articles[article.number] = article
    for row in principles_data["principles"]:
        principles[row["slug"]].articles.add(*(articles[n] for n in row["articles"]))

    for position, row in enumerate(themes_data["themes"]):
        Theme.objects.update_or_create(
            slug=row["slug"],
            defaults={
                **_text(row, "name"),
                **_text(row, "description"),
                "position": position,
            },
        )

    item_count = 0
    for position, row in enumerate(frameworks_data["frameworks"]):
        framework, _ = NationFramework.objects.update_or_create(
            slug=row["slug"],
            defaults={
                **_text(row, "name"),
                **_text(row, "source"),
                "nation": row["nation"],
                "position": position,
            },
        )
        for item_position, item in enumerate(row["items"]):
            framework_item, _ = FrameworkItem.objects.update_or_create(
                framework=framework,
                slug=item["slug"],
                defaults={
                    **_text(item, "name"),
                    **_text(item, "description"),
                    "position": item_position,
                },
            )
            framework_item.principles.set([principles[slug] for slug in item["principles"]])
            framework_item.articles.set([articles[n] for n in item["articles"]])
            item_count += 1

    return (
        f"{len(principles)} principles, {len(articles)} articles, "
        f"{len(themes_data['themes'])} themes, {len(frameworks_data['frameworks'])} nation "
        f"frameworks with {item_count} items"
    )


@transaction.atomic
def indicator_update(
    *, actor: Actor, indicator: Indicator, text_en: str, text_cy: str, is_active: bool
) -> Indicator:
    changes = apply_changes(
        indicator,
        {"text_en": text_en.strip(), "text_cy": text_cy.strip(), "is_active": is_active},
    )
    if not changes:
        return indicator
    if "text_en" in changes or "text_cy" in changes:
        indicator.is_customised = True
    indicator.save()
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=indicator,
        detail={"principle": indicator.principle.slug, "changed": changes},
    )
    return indicator


@transaction.atomic
def indicator_create(
    *, actor: Actor, principle: Principle, text_en: str, text_cy: str
) -> Indicator:
    base = slugify(text_en)[:60] or "indicator"
    slug, n = base, 2
    while principle.indicators.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    last = principle.indicators.order_by("-position").values_list("position", flat=True).first()
    indicator = Indicator.objects.create(
        principle=principle,
        slug=slug,
        text_en=text_en.strip(),
        text_cy=text_cy.strip(),
        position=(last or 0) + 1,
        is_customised=True,
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=indicator,
        detail={"principle": principle.slug},
    )
    return indicator
