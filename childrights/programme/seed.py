"""The programme the source documents describe, loaded from data/child_rights_partners.json.

Real councils carry only facts from the sources, each with its source and the source's own text.
Loading again adds what is missing and leaves alone what the programme team may have changed.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from childrights.core.changes import bilingual_fields as _text
from childrights.councils.models import Council
from childrights.framework.models import Theme
from childrights.programme.models import (
    BaselineFact,
    Partnership,
    Phase,
    Pilot,
    Programme,
    Source,
)

SEED_FILE = Path(__file__).resolve().parent / "data" / "child_rights_partners.json"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@transaction.atomic
def programme_seed_load(*, path: Path = SEED_FILE) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    row = data["programme"]
    programme, _ = Programme.objects.update_or_create(
        slug=row["slug"],
        defaults={
            **_text(row, "name"),
            **_text(row, "summary"),
            **_text(row, "summary_children"),
            "organisation": row["organisation"],
        },
    )
    sources = {}
    for source_row in data["sources"]:
        source, _ = Source.objects.update_or_create(
            slug=source_row["slug"],
            defaults={
                "title": source_row["title"],
                "publisher": source_row["publisher"],
                "published": source_row["published"],
                "url": source_row.get("url", ""),
            },
        )
        sources[source.slug] = source
    phases = {}
    for phase_row in data["phases"]:
        phase, _ = Phase.objects.update_or_create(
            programme=programme,
            slug=phase_row["slug"],
            defaults={
                **_text(phase_row, "name"),
                "starts_on": _date(phase_row["starts_on"]),
                "ends_on": _date(phase_row.get("ends_on")),
                "ends_text": phase_row.get("ends_text", ""),
                "source": sources[phase_row["source"]],
            },
        )
        phases[phase.slug] = phase
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    added = 0
    for partner in data["partnerships"]:
        if Partnership.objects.filter(slug=partner["slug"]).exists():
            continue
        partnership = Partnership.objects.create(
            programme=programme,
            council=Council.objects.get(gss_code=partner["council"]),
            phase=phases.get(partner.get("phase") or ""),
            slug=partner["slug"],
            joined_on=_date(partner.get("joined_on")),
            status=partner["status"],
            status_date=_date(partner.get("status_date")),
            source=sources[partner["source"]],
            **_text(partner, "status_note"),
        )
        for position, pilot_row in enumerate(partner["pilots"]):
            pilot = Pilot.objects.create(
                partnership=partnership,
                position=position,
                source=sources[pilot_row["source"]],
                **_text(pilot_row, "focus_area"),
                **_text(pilot_row, "target_group"),
                **_text(pilot_row, "description"),
                **_text(pilot_row, "meaning"),
                **_text(pilot_row, "outcomes"),
            )
            pilot.themes.set([themes[slug] for slug in pilot_row["themes"]])
        for fact in partner["facts"]:
            BaselineFact.objects.create(
                partnership=partnership,
                kind=fact["kind"],
                value=Decimal(fact["value"]) if fact["value"] is not None else None,
                source_text=fact["source_text"],
                year=fact.get("year"),
                status=fact["status"],
                source=sources[fact["source"]],
                **_text(fact, "note"),
            )
        added += 1
    return f"programme {programme.name_en}: {added} partnerships added"
