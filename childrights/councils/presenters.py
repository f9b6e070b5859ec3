from childrights.councils.models import Nation


def nation_name(code: str) -> str:
    """The nation's name in the active language; an unknown code is shown as it is."""
    try:
        return str(Nation(code).label)
    except ValueError:
        return code
