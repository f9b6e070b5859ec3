"""Why a training write refuses its input: ``TrainingRefused``, and the checks of text and
role that raise it, shared by the writes of courses, people and numbers in each role.
"""

from django.utils.translation import gettext as _

from childrights.outcomes.models import TrainingRole


class TrainingRefused(Exception):
    """The input was not right; nothing was changed. The message says why, for people, and
    ``field`` names the input it is about, if one."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _text(value: str, *, field: str, limit: int, empty: str | None = None, too_long: str) -> str:
    value = (value or "").strip()
    if empty is not None and not value:
        raise TrainingRefused(empty, field=field)
    if len(value) > limit:
        raise TrainingRefused(too_long, field=field)
    return value


def _role(value: str, field: str) -> str:
    if value not in TrainingRole.values:
        raise TrainingRefused(_("Choose one of the roles in the list"), field=field)
    return value
