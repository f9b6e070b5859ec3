"""Kept counts behind the results page.

Submissions only insert, one row each, with the answers as sent. Before results (or anything else
that reads answers) are read, the responses not yet counted are expanded into answer rows
(``answer_rows.expand``) and folded into ``Tally`` rows by the database in a few grouped queries,
under a lock on the consultation row so two folds (or a fold and a withdrawal) never expand or
count one response twice. The lock is ``FOR NO KEY UPDATE``: it does not stop new responses
being inserted meanwhile, which is why a fold works on the ids it read, never on a range that a
response committed later could fall into. Reading results is then a look-up of a few thousand rows
at most, whatever the number of responses.

Dimensions: "" is everyone; "age_band" is the child's age band; every other dimension is an
"about you" key. Question 0 counts respondents; choice 0 counts children who answered the
question at all (written answers included).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum

from childrights.participation import answer_rows
from childrights.participation.models import Answer, Consultation, ProfileAnswer, Response, Tally

EVERYONE = ""
AGE_BAND = "age_band"
BATCH = 200_000

Key = tuple[str, str, int, int]  # dimension, value, question_id, choice_id


@dataclass
class Cell:
    count: int = 0
    rank_total: int = 0


CHUNK = 5000


def fold(consultation: Consultation) -> int:
    """Expand and count every response not yet counted; returns how many were folded."""
    folded = 0
    while True:
        with transaction.atomic():
            lock(consultation.pk)
            ids = list(
                Response.objects.filter(consultation=consultation, tallied=False)
                .order_by("pk")
                .values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                _refresh_statistics(folded)
                return folded
            cells: dict[Key, Cell] = {}
            for chunk in answer_rows.chunks(ids, CHUNK):
                answer_rows.expand(chunk)
                batch = Response.objects.filter(pk__in=chunk)
                _merge(cells, _counts(batch))
                batch.update(tallied=True)
            _apply(consultation, cells, sign=1)
            folded += len(ids)


def _merge(cells: dict[Key, Cell], more: dict[Key, Cell]) -> None:
    for key, cell in more.items():
        kept = cells.setdefault(key, Cell())
        kept.count += cell.count
        kept.rank_total += cell.rank_total


# After this many responses are marked counted at once, PostgreSQL's statistics still say most
# responses are waiting, and it would scan them all to find the few that are: refresh them now
# rather than wait for autovacuum.
REFRESH_AFTER = 100_000


def _refresh_statistics(folded: int) -> None:
    if folded >= REFRESH_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Response._meta.db_table}")


def lock(consultation_id: int) -> None:
    """Hold the consultation's row until the transaction ends: folds and withdrawals take it
    first, so they queue instead of counting a response twice (or deadlocking). ``no_key``: a
    new response's foreign key check on the row does not wait for it."""
    Consultation.objects.select_for_update(no_key=True).filter(pk=consultation_id).first()


def remove(response: Response) -> None:
    """Take one response out of the tallies (the caller holds ``lock``). Afterwards it is
    marked as dealt with, so a response withdrawn before it was counted is never counted."""
    if response.tallied:
        _apply(response.consultation, _counts(Response.objects.filter(pk=response.pk)), sign=-1)
    Response.objects.filter(pk=response.pk).update(tallied=True)


def _counts(responses: QuerySet[Response]) -> dict[Key, Cell]:
    """Grouped counts for a set of responses (a queryset), all done by the database."""
    cells: dict[Key, Cell] = {}

    def add(key: Key, count: int, rank_total: int | None = 0) -> None:
        cell = cells.setdefault(key, Cell())
        cell.count += count
        cell.rank_total += rank_total or 0

    answers = Answer.objects.filter(response__in=responses)
    # Respondents, by each dimension.
    for band, count in responses.values_list("age_band").annotate(n=Count("pk")).order_by():
        add((EVERYONE, "", 0, 0), count)
        add((AGE_BAND, band, 0, 0), count)
    for name, value, count in (
        ProfileAnswer.objects.filter(response__in=responses)
        .values_list("field", "value")
        .annotate(n=Count("pk"))
    ):
        add((name, value, 0, 0), count)

    # Answers to each question, by each dimension. Rows with rank 1 are one per child who
    # answered the question, which counts them without a COUNT(DISTINCT ...).
    def add_answers(
        group: tuple[str, str],
        question: int,
        choice: int | None,
        n: int,
        first: int,
        ranks: int | None,
    ) -> None:
        if choice is not None:
            add((*group, question, choice), n, ranks)
        add((*group, question, 0), first)

    first = Count("pk", filter=Q(rank=1))
    for band, question, choice, count, leading, ranks in (
        answers.values_list("response__age_band", "question_id", "choice_id")
        .annotate(n=Count("pk"), f=first, r=Sum("rank"))
        .order_by()
    ):
        add_answers((EVERYONE, ""), question, choice, count, leading, ranks)
        add_answers((AGE_BAND, band), question, choice, count, leading, ranks)
    for name, value, question, choice, count, leading, ranks in (
        answers.filter(response__profile__isnull=False)
        .values_list(
            "response__profile__field", "response__profile__value", "question_id", "choice_id"
        )
        .annotate(n=Count("pk"), f=first, r=Sum("rank"))
        .order_by()
    ):
        add_answers((name, value), question, choice, count, leading, ranks)
    return cells


def _apply(consultation: Consultation, cells: dict[Key, Cell], *, sign: int) -> None:
    if not cells:
        return
    existing = {
        (row.dimension, row.value, row.question_id, row.choice_id): row
        for row in Tally.objects.filter(
            consultation=consultation, dimension__in={key[0] for key in cells}
        )
    }
    changed, created = [], []
    for key, cell in cells.items():
        row = existing.get(key)
        if row is None:
            created.append(
                Tally(
                    consultation=consultation,
                    dimension=key[0],
                    value=key[1],
                    question_id=key[2],
                    choice_id=key[3],
                    count=sign * cell.count,
                    rank_total=sign * cell.rank_total,
                )
            )
        else:
            row.count = F("count") + sign * cell.count
            row.rank_total = F("rank_total") + sign * cell.rank_total
            changed.append(row)
    Tally.objects.bulk_create(created, batch_size=1000)
    for row in changed:
        row.save(update_fields=["count", "rank_total"])


@dataclass(frozen=True)
class Counts:
    """The tallies of one consultation for one group of children."""

    respondents: int
    cells: dict[tuple[int, int], Cell]  # (question_id, choice_id) -> count and rank total
    groups: dict[str, Counter[str]]  # dimension -> value -> respondents

    def answered(self, question_id: int) -> int:
        return self.cells.get((question_id, 0), Cell()).count

    def count(self, question_id: int, choice_id: int) -> int:
        return self.cells.get((question_id, choice_id), Cell()).count


def respondents_as_they_stand(consultation_ids: Iterable[int]) -> dict[int, int]:
    """How many children have responded to each consultation, read without folding: the kept
    count plus the responses not yet counted (withdrawn ones are counted, or marked dealt with,
    when withdrawn). Two grouped queries however many consultations, no lock and no write, for
    pages that list many consultations' figures."""
    wanted = set(consultation_ids)
    found = dict.fromkeys(wanted, 0)
    if not wanted:
        return found
    kept = Tally.objects.filter(
        consultation_id__in=wanted, dimension=EVERYONE, value="", question_id=0, choice_id=0
    ).values_list("consultation_id", "count")
    for consultation_id, count in kept:
        found[consultation_id] += count
    waiting = (
        Response.objects.filter(consultation_id__in=wanted, tallied=False)
        .values("consultation_id")
        .annotate(waiting=Count("pk"))
        .order_by()
        .values_list("consultation_id", "waiting")
    )
    for consultation_id, count in waiting:
        found[consultation_id] += count
    return found


def counts(consultation: Consultation, *, dimension: str = EVERYONE, value: str = "") -> Counts:
    """Up-to-date counts for everyone, or for the children whose ``dimension`` is ``value``."""
    fold(consultation)
    cells: dict[tuple[int, int], Cell] = {}
    groups: dict[str, Counter[str]] = {}
    respondents = 0
    rows = Tally.objects.filter(consultation=consultation).filter(
        dimension=dimension, value=value
    ) | Tally.objects.filter(consultation=consultation, question_id=0)
    for row in rows.values_list(
        "dimension", "value", "question_id", "choice_id", "count", "rank_total"
    ):
        row_dimension, row_value, question, choice, count, rank_total = row
        if question == 0:
            groups.setdefault(row_dimension, Counter())[row_value] += count
            if row_dimension == dimension and row_value == value:
                respondents = count
            continue
        cells[(question, choice)] = Cell(count, rank_total)
    return Counts(respondents=respondents, cells=cells, groups=groups)
