"""How the questions of a stage appear on the editor's pages: the ``Group`` of fields of each
question and a ``Row`` for each row of an evidence list or impacts table, and how an error
message names a row. The names of rows and groups come from ``presenters.answers``, as on every
page that shows answers.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.forms.boundfield import BoundField
from django.utils.translation import gettext as _

from childrights.assessments.answers import Question


def short_row_name(rows: str, row: str, labels: Mapping[str, str]) -> str:
    """How an error message names a row: "article 12", or the principle or strand."""
    if rows == "uncrc":
        return _("article %(number)s") % {"number": row}
    return labels.get(row, row)


@dataclass
class Row:
    """One row of an evidence list or an impacts table, as the page lays it out."""

    key: str
    label: str
    fields: dict[str, BoundField]
    removable: bool = False


@dataclass
class Group:
    """The fields of one question, as the page lays them out."""

    question: Question
    label: str
    hint: str
    bilingual: bool
    fields: dict[str, BoundField]
    rows: list[Row]
    new_row: Row | None

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def key(self) -> str:
        return self.question.key
