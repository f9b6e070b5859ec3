"""The demonstration council's table of made-up postcodes (the "NB" area is not a real one), so
the finder's search near a postcode can be tried. Only the made-up council is touched; a real
council loads its own table from the ONS Postcode Directory."""

from pathlib import Path

from childrights.core.actors import Actor
from childrights.councils.demo import demo_council
from childrights.directory.models import Postcode
from childrights.directory.postcodes import postcodes_load

POSTCODES_FILE = Path(__file__).resolve().parent.parent / "data" / "demo_postcodes.csv"


def postcodes_demo_load() -> str:
    """Load the demo's postcodes through the same loader as a council's, once."""
    council = demo_council()
    if Postcode.objects.filter(council=council).exists():
        return "demonstration postcodes already loaded"
    with POSTCODES_FILE.open("rb") as file:
        count = postcodes_load(actor=Actor(), council=council, file=file, name=POSTCODES_FILE.name)
    return f"{count} postcodes"
