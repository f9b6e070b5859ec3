"""Results of a consultation: for council staff in full, and disclosure-controlled for anything
that leaves the staff-only view (public pages, protected exports).

Every number comes from ``tallies.counts``, the kept counts, so a page costs a few queries
whatever the number of responses: questions and their choices, the tallies, the council's child
population. Nothing here counts responses or answers itself, and written answers never appear:
the staff page links to moderation for those.
"""

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.charts import Bar, bar_chart
from childrights.core.disclosure import (
    may_show,
    protect_counts,
    protect_counts_with_complements,
    round_count,
)
from childrights.core.models import AuditEvent
from childrights.core.presenters import decimal, localised, percent
from childrights.councils.models import Council
from childrights.participation import about_you, tallies
from childrights.participation.models import (
    AgeBand,
    ChildPopulation,
    Choice,
    Consultation,
    Question,
)

# Answer sets where every child who answered picked exactly one: the cells add up to the total.
ONE_ANSWER_KINDS = {Question.Kind.SINGLE, Question.Kind.FACES, Question.Kind.YES_NO}
GROUP_SEPARATOR = ":"
EVERYONE = ""


# --- groups of children: the "Show answers from" filter -------------------------------------


def age_bands_of(consultation: Consultation) -> list[str]:
    """The consultation's age bands, youngest first."""
    return [band for band in AgeBand.values if band in consultation.age_bands]


def group_key(dimension: str, value: str) -> str:
    return f"{dimension}{GROUP_SEPARATOR}{value}" if dimension else EVERYONE


def parse_group(key: str) -> tuple[str, str]:
    """``"gender:girl"`` -> ``("gender", "girl")``; everyone is ``("", "")``."""
    dimension, _separator, value = key.partition(GROUP_SEPARATOR)
    return (dimension, value) if dimension and value else (tallies.EVERYONE, "")


GroupChoices = list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]


def group_choices(consultation: Consultation) -> GroupChoices:
    """Everyone, each age band the consultation asks about, and each answer to each of its
    "about you" questions: grouped by question, for a select with option groups."""
    choices: GroupChoices = [(EVERYONE, _("Everyone"))]
    bands = [
        (group_key(tallies.AGE_BAND, band), str(AgeBand(band).label))
        for band in age_bands_of(consultation)
    ]
    if bands:
        choices.append((_("Age band"), bands))
    for key in consultation.about_you:
        question = about_you.BY_KEY.get(key)
        if question is None:
            continue
        choices.append(
            (
                str(question.question),
                [(group_key(key, value), str(label)) for value, label in question.options],
            )
        )
    return choices


def group_label(key: str) -> str:
    """Who a group is, in words: "Children aged 8 to 11", or by their answer about themselves."""
    dimension, value = parse_group(key)
    if dimension == tallies.AGE_BAND and value in AgeBand.values:
        return _("Children aged %(ages)s") % {"ages": AgeBand(value).label}
    question = about_you.BY_KEY.get(dimension)
    if question is not None:
        return _("Children who answered “%(answer)s” to “%(question)s”") % {
            "answer": question.label(value),
            "question": question.question,
        }
    return _("Everyone")


# --- results for council staff ----------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    choice: Choice
    count: int
    share: float | None  # of the children who answered the question
    mean_place: float | None = None  # ranking only: 1 is the top


@dataclass(frozen=True)
class QuestionResults:
    number: int
    question: Question
    answered: int
    rows: list[AnswerRow]
    chart: SafeString | None

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass(frozen=True)
class BandRow:
    band: str
    label: str
    respondents: int
    share: float | None  # of the respondents who gave their age band
    population_share: float | None

    @property
    def difference(self) -> float | None:
        """Respondents' share minus the population's, in percentage points."""
        if self.share is None or self.population_share is None:
            return None
        return (self.share - self.population_share) * 100


@dataclass(frozen=True)
class Representativeness:
    rows: list[BandRow]
    not_given: int  # respondents who did not give an age band
    missing: list[str]  # age bands with no child population recorded
    sources: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Results:
    respondents: int  # in the group shown
    everyone: int
    questions: list[QuestionResults]
    representativeness: Representativeness


def questions_of(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.prefetch_related("choices"))


def consultation_results(
    consultation: Consultation, *, dimension: str = tallies.EVERYONE, value: str = ""
) -> Results:
    """Counts, shares and charts for each question, among everyone or the children of one
    group; and who responded, beside the council's child population."""
    counts = tallies.counts(consultation, dimension=dimension, value=value)
    questions = questions_of(consultation)
    everyone = counts.groups.get(tallies.EVERYONE, Counter()).get("", 0)
    return Results(
        respondents=counts.respondents,
        everyone=everyone,
        questions=[
            _question_results(number, question, counts)
            for number, question in enumerate(questions, start=1)
        ],
        representativeness=representativeness(consultation, counts),
    )


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def _question_results(number: int, question: Question, counts: tallies.Counts) -> QuestionResults:
    answered = counts.answered(question.pk)
    choices = list(question.choices.all())
    rows: list[AnswerRow] = []
    if question.kind == Question.Kind.RANKING:
        for choice in choices:
            cell = counts.cells.get((question.pk, choice.pk), tallies.Cell())
            mean = cell.rank_total / cell.count if cell.count else None
            rows.append(AnswerRow(choice, cell.count, _share(cell.count, answered), mean))
        rows.sort(key=lambda row: (row.mean_place is None, row.mean_place or 0.0))
    elif question.kind != Question.Kind.TEXT:
        rows = [
            AnswerRow(choice, count, _share(count, answered))
            for choice in choices
            for count in [counts.count(question.pk, choice.pk)]
        ]
    return QuestionResults(
        number=number,
        question=question,
        answered=answered,
        rows=rows,
        chart=_chart(question, answered, rows, len(choices)),
    )


def _chart(
    question: Question, answered: int, rows: list[AnswerRow], choices: int
) -> SafeString | None:
    if question.kind == Question.Kind.TEXT:
        return None
    title = localised(question, "text")
    chart_id = f"question-{question.pk}-chart"
    if question.kind == Question.Kind.RANKING:
        return bar_chart(
            chart_id=chart_id,
            title=title,
            description=_(
                "The average place children gave each item, where 1 is the top: the shorter "
                "the bar, the higher it was ranked. The same numbers are in the table."
            ),
            bars=[
                Bar(
                    localised(row.choice, "label"),
                    row.mean_place or 0.0,
                    decimal(row.mean_place, 2),
                )
                for row in rows
            ],
            maximum=float(choices),
        )
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=_(
            "The share of the %(count)s children who answered that gave each answer. "
            "The same numbers are in the table."
        )
        % {"count": answered},
        bars=[
            Bar(localised(row.choice, "label"), float(row.count), percent(row.share, 0))
            for row in rows
        ],
        maximum=float(answered),
    )


def representativeness(consultation: Consultation, counts: tallies.Counts) -> Representativeness:
    """Respondents by age band (everyone, whatever group is shown) beside the council's child
    population in the same age bands."""
    bands = age_bands_of(consultation)
    by_band = counts.groups.get(tallies.AGE_BAND, Counter())
    gave_band = sum(by_band.get(band, 0) for band in bands)
    population = {
        row.age_band: row
        for row in ChildPopulation.objects.filter(council_id=consultation.council_id)
    }
    missing = [str(AgeBand(band).label) for band in bands if band not in population]
    children = sum(population[band].count for band in bands if band in population)
    rows = [
        BandRow(
            band=band,
            label=str(AgeBand(band).label),
            respondents=by_band.get(band, 0),
            share=_share(by_band.get(band, 0), gave_band),
            population_share=None
            if missing or band not in population
            else _share(population[band].count, children),
        )
        for band in bands
    ]
    everyone = counts.groups.get(tallies.EVERYONE, Counter()).get("", 0)
    sources = sorted({population[band].source for band in bands if band in population})
    return Representativeness(
        rows=rows, not_given=max(everyone - gave_band, 0), missing=missing, sources=sources
    )


# --- disclosure-controlled tables, for anything that leaves the staff-only view -------------


class ProtectedRow(NamedTuple):
    label: str
    children: int | None  # rounded; None where it must not be shown


@dataclass(frozen=True)
class ProtectedTable:
    """One question's answers, safe to publish. ``total`` is None (and there are no rows) when
    too few children answered to show."""

    question: Question
    total: int | None
    rows: list[ProtectedRow]

    @property
    def kind(self) -> str:
        return self.question.kind


def protected_tables(
    consultation: Consultation, *, counts: tallies.Counts | None = None
) -> list[ProtectedTable]:
    """Every closed question's answers with disclosure control; written answers never.

    Single, faces and yes/no answers add up to the number who answered, so they are one table
    with that total: small cells are hidden, and enough others with them that no hidden cell
    can be worked out (``core.disclosure``). Multiple-choice and ranking cells do not add up:
    each is hidden when it, or the children who answered without picking it, are too few to
    show. Everything shown is rounded.
    """
    counts = counts or tallies.counts(consultation)
    return [
        _protected(question, counts)
        for question in questions_of(consultation)
        if question.kind != Question.Kind.TEXT
    ]


def _protected(question: Question, counts: tallies.Counts) -> ProtectedTable:
    answered = counts.answered(question.pk)
    if not may_show(answered):
        return ProtectedTable(question=question, total=None, rows=[])
    choices = list(question.choices.all())
    raw = {choice.pk: counts.count(question.pk, choice.pk) for choice in choices}
    if question.kind in ONE_ANSWER_KINDS:
        shown = protect_counts(raw)
    else:
        # Each answer with its complement (children who answered but did not pick it) adds up
        # to the total: a small complement would be worked out from the two, so it hides the
        # answer too.
        shown = protect_counts_with_complements(raw, total=answered)
    if question.kind == Question.Kind.RANKING:
        # Best first by average place; items too few children placed keep their order, last.
        place = {
            choice.pk: cell.rank_total / cell.count
            for choice in choices
            for cell in [counts.cells.get((question.pk, choice.pk), tallies.Cell())]
            if cell.count
        }
        choices.sort(key=lambda choice: (shown[choice.pk] is None, place.get(choice.pk, 0.0)))
    rows = [ProtectedRow(localised(choice, "label"), shown[choice.pk]) for choice in choices]
    return ProtectedTable(question=question, total=round_count(answered), rows=rows)


def protected_respondents(
    consultation: Consultation, *, counts: tallies.Counts | None = None
) -> tuple[int | None, list[ProtectedRow]]:
    """How many responded, and by age band, with disclosure control (the bands, with those
    who did not say, add up to the total)."""
    counts = counts or tallies.counts(consultation)
    everyone = counts.groups.get(tallies.EVERYONE, Counter()).get("", 0)
    if not may_show(everyone):
        return None, []
    by_band = counts.groups.get(tallies.AGE_BAND, Counter())
    bands = age_bands_of(consultation)
    cells = {band: by_band.get(band, 0) for band in bands}
    not_given = everyone - sum(cells.values())
    if not_given:
        cells[""] = not_given
    shown = protect_counts(cells)
    return round_count(everyone), [
        ProtectedRow(str(AgeBand(band).label) if band else _("Age band not given"), shown[band])
        for band in cells
    ]


# --- the council's child population -------------------------------------------------------


def population_of(*, council: Council) -> dict[str, ChildPopulation]:
    return {row.age_band: row for row in ChildPopulation.objects.filter(council=council)}


@transaction.atomic
def population_save(
    *, actor: Actor, council: Council, counts: dict[str, int | None], source: str
) -> int:
    """Record how many children the council has in each age band (a band left empty is
    removed), all from one source. Every change is audited; returns how many changed."""
    existing = {
        row.age_band: row
        for row in ChildPopulation.objects.select_for_update().filter(council=council)
    }
    changed = 0
    for band, count in counts.items():
        row = existing.get(band)
        if count is None:
            if row is not None:
                audit_record(action=AuditEvent.Action.DELETE, actor=actor, obj=row, council=council)
                row.delete()
                changed += 1
            continue
        if row is None:
            row = ChildPopulation.objects.create(
                council=council, age_band=band, count=count, source=source
            )
            audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=row, council=council)
            changed += 1
            continue
        differences = apply_changes(row, {"count": count, "source": source})
        if differences:
            row.save(update_fields=["count", "source"])
            audit_record(
                action=AuditEvent.Action.UPDATE,
                actor=actor,
                obj=row,
                council=council,
                detail={"changed": differences},
            )
            changed += 1
    return changed
