"""Disclosure-controlled tables, for anything that leaves the staff-only view: no cell under 10
can be read, or worked out, from any published table."""

from collections import Counter

import pytest
from django.template.loader import render_to_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childrights.core.disclosure import ROUND_TO, SMALLEST_SHOWN
from childrights.participation import results
from childrights.participation.models import Choice, Question
from childrights.participation.tallies import Cell, Counts
from childrights.testing.participation import make_response


def _counts(cells: dict[tuple[int, int], Cell], respondents: int = 0) -> Counts:
    return Counts(respondents=respondents, cells=cells, groups={"": Counter({"": respondents})})


def _single(question: Question, sizes: list[int]) -> Counts:
    """Counts for a question whose choices were picked ``sizes`` times, one answer each."""
    choices = list(question.choices.all())
    cells = {
        (question.pk, choice.pk): Cell(size) for choice, size in zip(choices, sizes, strict=True)
    }
    cells[(question.pk, 0)] = Cell(sum(sizes))
    return _counts(cells, sum(sizes))


@pytest.fixture
def six_choices(consultation):
    """A single-choice question with six answers, for random tables."""
    question = consultation.questions.get(kind=Question.Kind.SINGLE)
    for position in range(4, 7):
        Choice.objects.create(question=question, position=position, label_en=f"Answer {position}")
    return question


def _table(consultation, question, counts):
    return next(
        table
        for table in results.protected_tables(consultation, counts=counts)
        if table.question.pk == question.pk
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sizes=st.lists(st.integers(min_value=0, max_value=80), min_size=6, max_size=6))
def test_no_cell_under_ten_can_be_read_or_worked_out_from_a_single_choice_table(
    consultation, six_choices, sizes
):
    table = _table(consultation, six_choices, _single(six_choices, sizes))
    total = sum(sizes)
    if total < SMALLEST_SHOWN:
        # Fewer than 10 answered: nothing of the question is shown.
        assert table.total is None
        assert table.rows == []
        return
    published = [row.children for row in table.rows]
    # Every published cell is hidden, or a multiple of 5 and at least 10.
    assert all(
        cell is None or (cell % ROUND_TO == 0 and cell >= SMALLEST_SHOWN) for cell in published
    )
    assert table.total is not None
    assert table.total % ROUND_TO == 0
    assert table.total >= SMALLEST_SHOWN
    # Every cell under 10 is hidden.
    assert all(
        cell is None for size, cell in zip(sizes, published, strict=True) if size < SMALLEST_SHOWN
    )
    hidden = [size for size, cell in zip(sizes, published, strict=True) if cell is None]
    if hidden:
        # Never one alone, and together they hold at least 10 children: what is left once the
        # shown cells are taken from the total is shared by two or more cells.
        assert len(hidden) >= 2
        assert sum(hidden) >= SMALLEST_SHOWN
        remainder = total - sum(
            size for size, cell in zip(sizes, published, strict=True) if cell is not None
        )
        assert remainder == sum(hidden)
        # Working back from the rounded figures, the hidden remainder could be anything from
        # (at most) 0 up to at least 10, so no hidden cell is pinned to one value.
        slack = ROUND_TO // 2
        shown = [cell for cell in published if cell is not None]
        most = table.total + slack - sum(cell - slack for cell in shown)
        assert most >= SMALLEST_SHOWN


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=60), min_size=3, max_size=3),
    extra=st.integers(min_value=0, max_value=30),
)
def test_multiple_choice_cells_are_each_hidden_under_ten_and_rounded(consultation, sizes, extra):
    question = consultation.questions.get(kind=Question.Kind.MULTIPLE)
    choices = list(question.choices.all())
    answered = max(max(sizes) + extra, 1)  # the cells of a multiple choice need not add up
    cells = {
        (question.pk, choice.pk): Cell(size) for choice, size in zip(choices, sizes, strict=True)
    }
    cells[(question.pk, 0)] = Cell(answered)
    table = _table(consultation, question, _counts(cells, answered))
    if answered < SMALLEST_SHOWN:
        assert table.rows == []
        return
    for size, (_label, cell) in zip(sizes, table.rows, strict=True):
        # Neither the children who picked it nor those who answered without picking it may be
        # a group of 1 to 9.
        if size < SMALLEST_SHOWN or 0 < answered - size < SMALLEST_SHOWN:
            assert cell is None
        else:
            assert cell is not None
            assert cell % ROUND_TO == 0
            assert abs(cell - size) <= ROUND_TO // 2


def test_a_small_answer_hides_the_next_smallest_with_it(consultation):
    question = consultation.questions.get(kind=Question.Kind.SINGLE)
    table = _table(consultation, question, _single(question, [40, 12, 3]))
    assert table.total == 55
    assert table.rows == [("Riverside", 40), ("Hill Top", None), ("None", None)]


def test_counts_are_rounded_to_the_nearest_five(consultation):
    question = consultation.questions.get(kind=Question.Kind.SINGLE)
    table = _table(consultation, question, _single(question, [12, 13, 18]))
    assert table.total == 45
    assert [row.children for row in table.rows] == [10, 15, 20]


def test_a_question_fewer_than_ten_answered_shows_nothing(consultation):
    question = consultation.questions.get(kind=Question.Kind.SINGLE)
    table = _table(consultation, question, _single(question, [5, 4, 0]))
    assert table.total is None
    assert table.rows == []


def test_written_answers_are_never_in_the_tables(consultation):
    for _ in range(12):
        make_response(consultation=consultation, text="The swings are broken")
    tables = results.protected_tables(consultation)
    assert all(table.question.kind != Question.Kind.TEXT for table in tables)
    assert len(tables) == consultation.questions.exclude(kind=Question.Kind.TEXT).count()


def test_the_tables_come_from_real_responses(consultation):
    for pick, times in ((0, 12), (1, 11), (2, 2)):
        for _ in range(times):
            make_response(consultation=consultation, pick=pick)
    single = next(
        table for table in results.protected_tables(consultation) if table.kind == "single"
    )
    assert single.total == 25
    assert single.rows == [("Riverside", 10), ("Hill Top", None), ("None", None)]


def test_ranked_items_are_listed_best_first(consultation):
    question = consultation.questions.get(kind=Question.Kind.RANKING)
    play, sport, quiet = question.choices.all()
    cells = {
        (question.pk, play.pk): Cell(20, 60),
        (question.pk, sport.pk): Cell(20, 20),
        (question.pk, quiet.pk): Cell(20, 40),
        (question.pk, 0): Cell(20),
    }
    table = _table(consultation, question, _counts(cells, 20))
    assert [row.label for row in table.rows] == ["Sport", "Quiet", "Play"]


def test_respondents_by_age_band_are_protected_too(consultation):
    counts = Counts(
        respondents=40,
        cells={},
        groups={"": Counter({"": 40}), "age_band": Counter({"8-11": 36, "12-15": 4})},
    )
    total, rows = results.protected_respondents(consultation, counts=counts)
    assert total == 40
    assert rows == [("8 to 11", None), ("12 to 15", None)]


def test_the_public_partial_shows_only_protected_figures(consultation, rf):
    question = consultation.questions.get(kind=Question.Kind.SINGLE)
    html = render_to_string(
        "participation/results/_public_results.html",
        {"public_results": [_table(consultation, question, _single(question, [40, 12, 3]))]},
        request=rf.get("/"),  # the context processors give the sentences their numbers
    )
    assert (
        "Numbers are rounded to the nearest 5; groups of fewer than 10 children are not shown"
        in (" ".join(html.split()))
    )
    assert "Which park do you go to most?" in html
    assert ">40<" in html
    assert ">55<" in html
    assert "Not shown" in html
    assert ">12<" not in html
    assert ">3<" not in html


def test_the_public_partial_says_when_too_few_answered(consultation, rf):
    question = consultation.questions.get(kind=Question.Kind.SINGLE)
    html = render_to_string(
        "participation/results/_public_results.html",
        {"public_results": [_table(consultation, question, _single(question, [5, 4, 0]))]},
        request=rf.get("/"),
    )
    assert "Fewer than 10 children answered this question" in html
    assert ">5<" not in html
