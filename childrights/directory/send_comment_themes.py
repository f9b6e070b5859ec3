"""Themes in the comments on a council's SEND local offer: the theme model of
``participation.themes`` (the same model, settings and seed, run in the background, one run at
a time) over the comments the team reads, never those held for the safeguarding leads.

The runs, themes and the changes staff make to them are ``participation.themes``'s; this module
gives a run its words (``comment_rows``, registered in the app's ``ready``).
"""

from childrights.councils.models import Council
from childrights.directory.send_comments import council_comments
from childrights.participation.models import ThemeRun

SOURCE = ThemeRun.Source.SEND_COMMENTS


def comment_rows(council: Council) -> list[tuple[int, str]]:
    """The council's comments as written, with their ids: those the team reads (not held)."""
    return list(council_comments(council=council).order_by("pk").values_list("pk", "text"))
