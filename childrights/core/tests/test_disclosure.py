from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from childrights.core.disclosure import (
    cells_to_suppress,
    fewer_than,
    may_show,
    not_shown_for_fewer_than,
    protect_counts,
    protect_counts_with_complements,
    round_count,
    stated,
    stated_lazy,
)


def test_counts_round_to_the_nearest_five():
    assert [round_count(n) for n in (10, 12, 13, 17, 18, 100)] == [10, 10, 15, 15, 20, 100]


def test_counts_under_ten_are_never_shown():
    protected = protect_counts({"a": 9, "b": 40, "c": 41, "d": 3})
    assert protected["a"] is None
    assert protected["d"] is None
    assert protected["b"] == 40
    assert protected["c"] == 40


def test_a_lone_small_cell_takes_the_next_smallest_with_it():
    protected = protect_counts({"a": 4, "b": 25, "c": 60})
    assert protected == {"a": None, "b": None, "c": 60}


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=8))
def test_no_hidden_cell_can_be_worked_out_from_the_total_and_the_others(counts):
    cells = dict(enumerate(counts))
    hidden = cells_to_suppress(cells)
    assert all(cells[key] >= 10 for key in cells if key not in hidden)
    # With the total published, the hidden cells' sum is known: it must never pin down one cell
    # (so never exactly one hidden) nor a group of fewer than 10.
    if hidden:
        assert len(hidden) >= 2 or len(cells) == 1
        assert sum(cells[key] for key in hidden) >= 10 or len(hidden) == len(cells)


def test_two_small_cells_that_add_up_to_under_ten_take_another_with_them():
    hidden = cells_to_suppress({"a": 3, "b": 4, "c": 500, "d": 600})
    assert hidden == {"a", "b", "c"}


def test_a_count_may_be_shown_from_ten():
    assert [may_show(n) for n in (0, 9, 10, 11)] == [False, False, True, True]


def test_an_answer_is_hidden_when_it_or_the_children_who_did_not_pick_it_are_under_ten():
    shown = protect_counts_with_complements({"a": 9, "b": 30, "c": 35, "d": 40, "e": 12}, total=40)
    # a: itself under 10; c: 5 did not pick it; d: everyone picked it, so nothing to work out.
    assert shown == {"a": None, "b": 30, "c": None, "d": 40, "e": 10}


def test_the_wording_for_a_hidden_count_takes_the_threshold():
    with translation.override("en-gb"):
        assert fewer_than() == "Fewer than 10"
        assert fewer_than(20) == "Fewer than 20"
        assert not_shown_for_fewer_than() == "Not shown: fewer than 10 people"
    with translation.override("cy"):
        assert fewer_than() == "Llai na 10"
        assert not_shown_for_fewer_than() == "Heb ei ddangos: llai na 10 o bobl"


def test_a_sentence_about_the_rules_is_given_their_numbers():
    assert stated("Under %(smallest)s hidden, to the nearest %(round_to)s") == (
        "Under 10 hidden, to the nearest 5"
    )
    assert str(stated_lazy("%(smallest)s")) == "10"
