"""The results page for council staff: counts, percentages and charts from the kept tallies,
filtered by one group of children at a time, for members of the council only."""

from html.parser import HTMLParser

import pytest

from childrights.participation import results, tallies
from childrights.participation.models import Question
from childrights.participation.submission import withdraw
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation, make_response


class _Tables(HTMLParser):
    """Each table on a page: its caption and its rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: list[str] | None = None
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._name = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._rows, self._name = [], ""
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in {"th", "td"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self._name = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in {"th", "td"} and self._cell is not None and self._rows:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._name] = self._rows
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def tables_of(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


@pytest.fixture
def consultation(world):
    """Four children, answers chosen so every figure can be worked out by hand."""
    made = make_consultation(council=world.council_a)
    make_response(consultation=made, pick=0, age_band="8-11", profile={"gender": "girl"})
    make_response(consultation=made, pick=0, age_band="8-11", profile={"gender": "boy"})
    make_response(consultation=made, pick=1, age_band="12-15", profile={"gender": "girl"})
    make_response(consultation=made, pick=2, age_band="12-15", text="More swings please")
    return made


def _question(consultation, kind):
    return consultation.questions.get(kind=kind)


def _page(client, consultation, query=""):
    response = client.get(f"/consultations/{consultation.pk}/results/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_single_choice_answers_are_counted_with_their_percentages(world, signed_in, consultation):
    table = tables_of(_page(signed_in(world.member), consultation))["Answers to question 1"]
    assert table[1:] == [["Riverside", "2", "50%"], ["Hill Top", "1", "25%"], ["None", "1", "25%"]]


def test_multiple_choice_percentages_are_of_those_who_answered_and_can_pass_100(
    world, signed_in, consultation
):
    page = _page(signed_in(world.member), consultation)
    table = tables_of(page)["Answers to question 3"]
    assert table[1:] == [["Swings", "4", "100%"], ["Toilets", "2", "50%"], ["Lights", "1", "25%"]]
    assert "can add up to more than 100" in page


def test_ranked_items_show_how_many_placed_them_and_their_average_place_best_first(
    world, signed_in, consultation
):
    # Play: places 1, 1, 3, 2; Sport: 2, 2, 1, 3; Quiet: 3, 3, 2, 1.
    table = tables_of(_page(signed_in(world.member), consultation))["Answers to question 5"]
    assert table[1:] == [["Play", "4", "1.75"], ["Sport", "4", "2.00"], ["Quiet", "4", "2.25"]]


def test_ranking_averages_are_worked_out_from_the_tallies(consultation):
    ranking = results.consultation_results(consultation).questions[4]
    assert [(row.choice.label_en, row.mean_place) for row in ranking.rows] == [
        ("Play", 1.75),
        ("Sport", 2.0),
        ("Quiet", 2.25),
    ]


def test_written_answers_are_never_shown_and_moderation_is_linked(world, signed_in, consultation):
    page = _page(signed_in(world.member), consultation)
    assert "More swings please" not in page
    assert f"/consultations/{consultation.pk}/moderation/" in page


def test_the_children_who_wrote_an_answer_are_counted(world, signed_in, consultation):
    assert "1 child wrote an answer." in _page(signed_in(world.member), consultation)


def test_each_closed_question_has_an_accessible_chart(world, signed_in, consultation):
    page = _page(signed_in(world.member), consultation)
    closed = consultation.questions.exclude(kind=Question.Kind.TEXT)
    for question in closed:
        assert f'aria-labelledby="question-{question.pk}-chart-title"' in page
    assert page.count('role="img"') == closed.count()


def test_the_page_is_labelled_for_council_staff_only(world, signed_in, consultation):
    page = _page(signed_in(world.member), consultation)
    assert "For council staff only: not for publishing" in page
    assert "4 children have responded." in page


def test_filtering_by_an_about_you_answer_counts_only_those_children(
    world, signed_in, consultation
):
    page = _page(signed_in(world.member), consultation, "?group=gender:girl")
    table = tables_of(page)["Answers to question 1"]
    assert table[1:] == [["Riverside", "1", "50%"], ["Hill Top", "1", "50%"], ["None", "0", "0%"]]
    assert (
        "Children who answered “Girl or young woman” to “Which of these describes you?”</strong>: "
        "2 children responded."
    ) in page


def test_filtering_by_age_band_counts_only_that_age_band(world, signed_in, consultation):
    page = _page(signed_in(world.member), consultation, "?group=age_band:12-15")
    table = tables_of(page)["Answers to question 1"]
    assert table[1:] == [["Riverside", "0", "0%"], ["Hill Top", "1", "50%"], ["None", "1", "50%"]]
    assert "Children aged 12 to 15</strong>: 2 children responded." in page


def test_the_filter_offers_everyone_each_age_band_and_each_about_you_answer(consultation):
    choices = results.group_choices(consultation)
    values = [
        value
        for _, options in choices
        for value in ([_] if isinstance(options, str) else [v for v, _ in options])
    ]
    assert values[0] == ""
    assert "age_band:8-11" in values
    assert "age_band:12-15" in values
    assert "age_band:4-7" not in values
    assert {"gender:girl", "gender:prefer-not", "care:yes", "care:prefer-not"} <= set(values)
    assert not any(value.startswith("ethnicity:") for value in values)


def test_an_unknown_group_is_refused_with_a_message_and_everyone_is_shown(
    world, signed_in, consultation
):
    page = _page(signed_in(world.member), consultation, "?group=ethnicity:white")
    assert "govuk-error-summary" in page
    assert "Choose a group of children from the list" in page
    assert tables_of(page)["Answers to question 1"][1] == ["Riverside", "2", "50%"]


def test_filtered_numbers_come_from_the_tallies(consultation, monkeypatch):
    asked = []
    real = tallies.counts

    def spy(consultation, **kwargs):
        asked.append(kwargs)
        return real(consultation, **kwargs)

    monkeypatch.setattr(tallies, "counts", spy)
    results.consultation_results(consultation, dimension="gender", value="girl")
    assert asked == [{"dimension": "gender", "value": "girl"}]


def test_withdrawn_responses_are_not_counted(world, signed_in, consultation):
    extra = make_response(consultation=consultation, pick=1, age_band="8-11")
    withdraw(receipt=extra.code)
    table = tables_of(_page(signed_in(world.member), consultation))["Answers to question 1"]
    assert table[1:] == [["Riverside", "2", "50%"], ["Hill Top", "1", "25%"], ["None", "1", "25%"]]


def test_respondents_are_shown_by_age_band(world, signed_in, consultation):
    tables = tables_of(_page(signed_in(world.member), consultation))
    who = next(rows for caption, rows in tables.items() if caption.startswith("Children who"))
    assert who[1][:3] == ["8 to 11", "2", "50.0%"]
    assert who[2][:3] == ["12 to 15", "2", "50.0%"]
    assert who[-1][:2] == ["All", "4"]


def test_the_page_costs_a_few_queries_however_many_responses(
    world, signed_in, consultation, django_assert_max_num_queries
):
    client = signed_in(world.member)
    tallies.fold(consultation)
    with django_assert_max_num_queries(16) as few:
        _page(client, consultation, "?group=gender:girl")
    for pick in range(20):
        make_response(consultation=consultation, pick=pick % 3, profile={"gender": "girl"})
    tallies.fold(consultation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _page(client, consultation, "?group=gender:girl")


def test_people_outside_the_council_get_404(world, signed_in, consultation):
    response = signed_in(world.outsider).get(f"/consultations/{consultation.pk}/results/")
    assert response.status_code == 404


def test_the_programme_team_outside_the_council_gets_404(world, signed_in, consultation):
    response = signed_in(world.programme).get(f"/consultations/{consultation.pk}/results/")
    assert response.status_code == 404


def test_members_who_cannot_edit_can_read_results_but_not_download(world, signed_in, consultation):
    councillor = make_user(role="elected-member", council=world.council_a)
    page = _page(signed_in(councillor), consultation)
    assert "Answers to question 1" in page
    assert f"/consultations/{consultation.pk}/export/" not in page


def test_signed_out_people_are_sent_to_sign_in(client, consultation):
    response = client.get(f"/consultations/{consultation.pk}/results/")
    assert response.status_code == 302
