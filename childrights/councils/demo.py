"""The made-up council that demonstration activity belongs to."""

from childrights.councils.models import Council, Nation

DEMO_COUNCIL = {
    "gss_code": "E99999901",
    "name": "Northbrook Borough Council (demonstration)",
    "short_name": "Northbrook (demo)",
    "nation": Nation.ENGLAND,
    "website": "",
    "data_protection_officer": "dpo@northbrook.example (made-up address)",
    "is_demo": True,
}


def demo_council() -> Council:
    council, _ = Council.objects.update_or_create(
        gss_code=DEMO_COUNCIL["gss_code"], defaults=DEMO_COUNCIL
    )
    return council
