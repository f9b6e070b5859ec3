"""How the questions of a stage appear on the editor's pages: the ``Group`` of fields of each
question and a ``Row`` for each row of an evidence list or impacts table, the English or Welsh
text of a template's ``{"en": .., "cy": ..}``, an article's label, every row an impacts question
can have and how an error message names one, and the groups of children an assessor can choose
from (the shipped ones, the question's own and the council's). The stage form and the editor's
pages both use them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.forms.boundfield import BoundField
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from childrights.assessments.answers import Question
from childrights.assessments.editor import extra_groups_of
from childrights.assessments.vocab import GROUPS, ROW_SETS
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.framework.models import Article, Principle


def text_in(texts: Any, language: str | None = None) -> str:
    """The Welsh or English text of a template's ``{"en": .., "cy": ..}``."""
    if not isinstance(texts, Mapping):
        return str(texts or "")
    code = "cy" if (language or get_language() or "").startswith("cy") else "en"
    return str(texts.get(code) or texts.get("en") or "")


def article_label(article: Article) -> str:
    return _("Article %(number)s: %(title)s") % {
        "number": article.number,
        "title": localised(article, "title"),
    }


def row_labels(rows: str) -> dict[str, str]:
    """Every row an impacts question of this kind can have, with its name on the page."""
    if rows == "uncrc":
        return {str(article.number): article_label(article) for article in Article.objects.all()}
    if rows == "principles":
        return {
            principle.slug: localised(principle, "name") for principle in Principle.objects.all()
        }
    return {key: str(label) for key, label in ROW_SETS.get(rows, {}).items()}


def short_row_name(rows: str, row: str, labels: Mapping[str, str]) -> str:
    """How an error message names a row: "article 12", or the principle or strand."""
    if rows == "uncrc":
        return _("article %(number)s") % {"number": row}
    return labels.get(row, row)


def group_choices(question: Question, council: Council) -> list[tuple[str, str]]:
    """The shipped groups, the question's own options, then the council's groups."""
    choices = [(key, str(label)) for key, label in GROUPS.items()]
    choices += [
        (str(option["key"]), text_in(option.get("label")))
        for option in question.definition.get("options", [])
    ]
    choices += [(group, group) for group in extra_groups_of(council)]
    seen: set[str] = set()
    unique = []
    for key, label in choices:
        if key not in seen:
            seen.add(key)
            unique.append((key, label))
    return unique


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
