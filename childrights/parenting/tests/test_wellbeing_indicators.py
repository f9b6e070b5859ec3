"""Indicator shares from known answers, worked out by hand in each test; last year beside this
year; benchmarks over other councils only where enough councils and children stand behind them."""

import pytest

from childrights.parenting import wellbeing
from childrights.parenting.models import WellbeingSurvey
from childrights.testing.factories import make_council
from childrights.testing.wellbeing import (
    answer_many,
    answer_survey,
    close_survey,
    make_wellbeing_survey,
)

YEAR = 2026


def _result(council, slug, year=YEAR):
    return next(
        result
        for result in wellbeing.indicator_results(council=council, year=year)
        if result.slug == slug
    )


def _peers(count, answers=None, *, year=YEAR, closed=True, **council_fields):
    """``count`` other councils, each with ten children answering "Is there an adult you
    trust?": by default 6 yes and 4 no each; their surveys closed unless ``closed`` is False."""
    made = []
    for number in range(count):
        council = make_council(name=f"Peer {number} Council", **council_fields)
        survey = make_wellbeing_survey(council=council, year=year)
        answer_many(
            survey, "trusted-adult", (answers or {})[number] if answers else {"yes": 6, "no": 4}
        )
        if closed:
            close_survey(survey)
        made.append(council)
    return made


def test_a_share_is_the_counted_answers_out_of_those_it_counts_from(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    # 12 yes, 6 not sure, 4 no: 12 of 22 (54.5%). "I'd rather not say" (2) is in neither.
    answer_many(survey, "trusted-adult", {"yes": 12, "not-sure": 6, "no": 4, "rather-not-say": 2})
    result = _result(world.council_a, "trusted-adult")
    assert result.this_year == wellbeing.Share(percent=55, children=20, councils=1)
    assert result.this_year_not_shown == ""
    assert result.principles == ("best-interests", "safe-and-stable")
    assert result.question == "Is there an adult in your life you trust, who is there for you?"


def test_faces_count_happy_and_very_happy(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    # 4 very happy and 6 happy of 21: 10/21 = 47.6%; 21 children shown as 20.
    answer_many(
        survey,
        "happy-with-life",
        {"very-happy": 4, "happy": 6, "in-between": 9, "unhappy": 2},
    )
    assert _result(world.council_a, "happy-with-life").this_year == wellbeing.Share(
        percent=48, children=20
    )


def test_no_share_from_fewer_than_ten_children(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    # Nine who answered, and three who would rather not say: nine is too few.
    answer_many(survey, "knows-worker", {"yes": 9, "rather-not-say": 3})
    result = _result(world.council_a, "knows-worker")
    assert result.this_year is None
    assert result.this_year_not_shown == "Not shown: fewer than 10 children answered"


def test_last_year_stands_beside_this_year_with_the_change(world):
    last = make_wellbeing_survey(council=world.council_a, year=YEAR - 1)
    answer_many(last, "trusted-adult", {"yes": 10, "no": 10, "rather-not-say": 1})  # 10 of 20
    now = make_wellbeing_survey(council=world.council_a, year=YEAR)
    answer_many(now, "trusted-adult", {"yes": 12, "not-sure": 6, "no": 4})  # 12 of 22
    result = _result(world.council_a, "trusted-adult")
    assert result.last_year == wellbeing.Share(percent=50, children=20)
    assert result.this_year == wellbeing.Share(percent=55, children=20)
    assert result.change == 5  # 55% less 50%


def test_a_year_without_a_survey_says_so(world):
    make_wellbeing_survey(council=world.council_a, year=YEAR)
    result = _result(world.council_a, "trusted-adult")
    assert result.last_year is None
    assert result.last_year_not_shown == f"No survey in {YEAR - 1}"
    assert result.change is None


def test_other_councils_make_the_benchmark_pooled(world):
    own = make_wellbeing_survey(council=world.council_a, year=YEAR)
    answer_many(own, "trusted-adult", {"yes": 8, "no": 4})
    _peers(5, [{"yes": 6, "no": 4}, {"yes": 7, "no": 3}, {"yes": 5, "no": 5},
               {"yes": 8, "no": 2}, {"yes": 4, "no": 6}])  # fmt: skip
    # 30 yes of 50 from the five others; council A's own 8 of 12 are not in it (38/62 = 0.613).
    result = _result(world.council_a, "trusted-adult")
    assert result.benchmark == wellbeing.Share(percent=60, children=50, councils=5)
    assert result.benchmark_not_shown == ""


def test_a_council_without_its_own_survey_still_sees_the_benchmark(world):
    _peers(5)
    assert _result(world.council_a, "trusted-adult").benchmark == wellbeing.Share(
        percent=60, children=50, councils=5
    )


def test_no_benchmark_from_fewer_than_five_councils(world):
    assert wellbeing.MIN_COUNCILS == 5
    _peers(4)
    result = _result(world.council_a, "trusted-adult")
    assert result.benchmark is None
    assert result.benchmark_not_shown.startswith("Not enough councils to compare: fewer than 5")


def test_a_council_with_fewer_than_ten_children_does_not_count_towards_a_benchmark(world):
    _peers(4)
    _peers(1, [{"yes": 9}])  # nine children: not enough to stand behind a figure
    assert _result(world.council_a, "trusted-adult").benchmark is None
    _peers(1, [{"yes": 10}])
    # Now five councils with ten or more: 24 + 10 yes of 50; the nine are left out (43/59).
    assert _result(world.council_a, "trusted-adult").benchmark == wellbeing.Share(
        percent=68, children=50, councils=5
    )


def test_the_council_is_never_its_own_benchmark(world):
    _peers(4)
    own = make_wellbeing_survey(council=world.council_a, year=YEAR)
    answer_many(own, "trusted-adult", {"yes": 20})
    result = _result(world.council_a, "trusted-adult")
    assert result.benchmark is None  # four others, however many children council A has
    assert result.this_year == wellbeing.Share(percent=100, children=20)


def test_a_different_version_of_the_survey_is_not_mixed_in(world):
    _peers(5)
    other = _peers(1, [{"yes": 10}])[0]
    WellbeingSurvey.objects.filter(council=other).update(version=2)
    # Still 30 of 50 from the five that asked version 1 (with the other: 40 of 60).
    assert _result(world.council_a, "trusted-adult").benchmark == wellbeing.Share(
        percent=60, children=50, councils=5
    )


def test_another_year_is_not_mixed_in(world):
    _peers(5)
    _peers(1, [{"yes": 10}], year=YEAR - 1)
    assert _result(world.council_a, "trusted-adult").benchmark.councils == 5


def test_demonstration_councils_are_not_compared_with_real_ones(world):
    _peers(5, is_demo=True)
    assert _result(world.council_a, "trusted-adult").benchmark is None


def test_counts_are_rounded_to_five_and_shares_to_whole_percentages(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    # 25 of 40: 62.5%, half rounded up to 63%; 42 children (two "no") shown as 40.
    answer_many(survey, "safe-home", {"yes": 25, "sometimes": 15})
    result = _result(world.council_a, "safe-home")
    assert result.this_year == wellbeing.Share(percent=63, children=40)


def test_no_share_where_fewer_than_ten_children_answered_the_other_way(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    # 11 yes of 12: "92% of 10 children" would give away the one child who said no.
    answer_many(survey, "trusted-adult", {"yes": 11, "no": 1})
    result = _result(world.council_a, "trusted-adult")
    assert result.this_year is None
    assert result.this_year_not_shown == (
        "Not shown: fewer than 10 children gave the answers counted, or fewer than 10 gave "
        "the other answers"
    )


def test_no_share_where_fewer_than_ten_children_gave_the_answers_counted(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    answer_many(survey, "trusted-adult", {"yes": 2, "no": 12})
    assert _result(world.council_a, "trusted-adult").this_year is None


def test_no_benchmark_where_fewer_than_ten_children_answered_the_other_way(world):
    _peers(5, [{"yes": 10}, {"yes": 10}, {"yes": 10}, {"yes": 10}, {"yes": 10, "no": 3}])
    result = _result(world.council_a, "trusted-adult")
    assert result.benchmark is None
    assert result.benchmark_not_shown.startswith("Not shown: fewer than 10 children gave")


def test_surveys_still_open_or_never_opened_are_not_in_the_benchmark(world):
    _peers(4)
    open_one = _peers(1, closed=False)[0]
    assert _result(world.council_a, "trusted-adult").benchmark is None
    never_opened = make_council(name="Draft Council")
    make_wellbeing_survey(council=never_opened, year=YEAR, opened=False)
    assert _result(world.council_a, "trusted-adult").benchmark is None
    close_survey(WellbeingSurvey.objects.get(council=open_one))
    assert _result(world.council_a, "trusted-adult").benchmark.councils == 5


def test_answers_changed_in_the_builder_are_not_counted(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    answer_many(survey, "settled-home", {"yes": 12})
    link = survey.questions.get(slug="settled-home")
    link.question.choices.filter(position=1).update(label_en="Always")
    result = _result(world.council_a, "settled-home")
    assert result.this_year is None
    assert "answers were changed" in result.this_year_not_shown


def test_one_child_answering_many_questions_counts_once_in_each(world):
    survey = make_wellbeing_survey(council=world.council_a, year=YEAR)
    for _ in range(10):
        answer_survey(survey, {"safe-home": "yes", "settled-home": "no"}, age_band="8-11")
    assert _result(world.council_a, "safe-home").this_year == wellbeing.Share(100, 10)
    # None of the ten said yes: too few gave the answer counted to show a share.
    assert _result(world.council_a, "settled-home").this_year is None
    assert _result(world.council_a, "settled-home").this_year_not_shown != ""


@pytest.mark.parametrize("language", ["cy"])
def test_titles_and_questions_come_in_welsh(world, language):
    from django.utils import translation

    make_wellbeing_survey(council=world.council_a, year=YEAR)
    with translation.override(language):
        result = _result(world.council_a, "trusted-adult")
        assert result.title == "Mae ganddyn nhw oedolyn maen nhw'n ymddiried ynddo"
        assert result.question.startswith("Oes oedolyn yn dy fywyd")
        assert result.last_year_not_shown == f"Dim arolwg yn {YEAR - 1}"
