"""The demonstration council's place in the programme: a made-up partnership and pilot, so its
indicators, targets and progress reports can be walked end to end. Labelled as demonstration
data wherever it shows; the programme's public pages list real partners only."""

from datetime import date

from childrights.councils.demo import demo_council
from childrights.programme.models import Partnership, Pilot, Programme, Source

DEMO_SOURCE = {
    "title": "Demonstration data: made up, not from any real council",
    "publisher": "Rights at the Heart",
    "published": "",
}


def demo_pilot() -> Pilot | None:
    """The demonstration pilot, made once; None before the programme itself is loaded."""
    programme = Programme.objects.order_by("pk").first()
    if programme is None:
        return None
    council = demo_council()
    source, _ = Source.objects.get_or_create(slug="demonstration", defaults=DEMO_SOURCE)
    partnership, _ = Partnership.objects.get_or_create(
        programme=programme,
        council=council,
        defaults={
            "slug": "northbrook-demo",
            "joined_on": date(2023, 4, 1),
            "status": Partnership.Status.ACTIVE,
            "source": source,
        },
    )
    pilot = partnership.pilots.order_by("position", "pk").first()
    if pilot is None:
        pilot = Pilot.objects.create(
            partnership=partnership,
            focus_area_en="Care leavers' journey to independence (demonstration)",
            focus_area_cy="Taith pobl sy'n gadael gofal i annibyniaeth (arddangos)",
            target_group_en="Young people leaving care, aged 16 to 25",
            target_group_cy="Pobl ifanc sy'n gadael gofal, rhwng 16 a 25 oed",
            description_en="A made-up pilot for the demonstration council.",
            description_cy="Cynllun peilot ffug ar gyfer y cyngor arddangos.",
            meaning_en="Care leavers are heard in the plans made with them.",
            meaning_cy=(
                "Mae pobl sy'n gadael gofal yn cael eu clywed yn y cynlluniau a wneir gyda nhw."
            ),
            source=source,
        )
    return pilot
