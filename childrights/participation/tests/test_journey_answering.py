"""A child answers a consultation one question per page: their age band and privacy notice, every
kind of question in the words meant for them, about you, their name, and checking their answers."""

import pytest

from childrights.participation import tallies
from childrights.participation.models import Answer, Response, Wording
from childrights.participation.tests.test_journey_support import (
    _page,
    answer_all,
    begin,
    choice_ids,
    form_data,
    payload_of,
    question_of,
    reach,
    send,
    url,
)
from childrights.testing.participation import make_consultation

# --- age band and privacy notice ---------------------------------------------------------------


def test_the_age_question_offers_the_consultations_bands_and_prefer_not_to_say(world, client):
    only_one = make_consultation(council=world.council_a, age_bands=["12-15"])
    client.post(url(only_one))
    page = _page(client.get(url(only_one, "age")))
    assert 'value="12-15"' in page
    assert 'value="8-11"' not in page
    assert 'value="prefer-not"' in page
    assert page.count('class="govuk-radios__item"') == 2


def test_the_age_question_must_be_answered_even_if_only_to_prefer_not_to_say(consultation, client):
    client.post(url(consultation))
    page = _page(client.post(url(consultation, "age"), {}))
    assert "Choose how old you are, or choose Prefer not to say" in page
    assert "govuk-error-summary" in page


def test_an_age_band_the_consultation_does_not_ask_is_refused(consultation, client):
    client.post(url(consultation))
    page = _page(client.post(url(consultation, "age"), {"age_band": "4-7"}))
    assert "Choose how old you are" in page


@pytest.mark.parametrize(
    ("age_band", "words"),
    [
        ("4-7", "a grown-up whose job is keeping children safe will read it"),
        (
            "8-11",
            "a person whose job is keeping children safe will read it and may need to act",
        ),
        ("12-15", "Your answers are private, with one limit."),
        ("16-17", "The law calls this its public task."),
        ("18-25", "including your support as a care leaver"),
        ("prefer-not", "The law calls this its public task."),
    ],
)
def test_the_privacy_notice_is_written_for_the_childs_age_band(world, client, age_band, words):
    consultation = make_consultation(
        council=world.council_a, age_bands=["4-7", "8-11", "12-15", "16-17", "18-25"]
    )
    client.post(url(consultation))
    client.post(url(consultation, "age"), {"age_band": age_band})
    page = _page(client.get(url(consultation, "privacy")))
    assert words in page
    assert "you get a code" in page


def test_the_privacy_notice_says_answers_are_anonymous(consultation, client):
    client.post(url(consultation))
    client.post(url(consultation, "age"), {"age_band": "8-11"})
    page = _page(client.get(url(consultation, "privacy")))
    assert "We do not ask your name" in page


def test_an_identified_consultation_says_it_asks_a_name_and_why(world, client):
    consultation = make_consultation(
        council=world.council_a,
        identified=True,
        identified_reason="so your social worker can talk it through with you",
    )
    client.post(url(consultation))
    client.post(url(consultation, "age"), {"age_band": "12-15"})
    page = _page(client.get(url(consultation, "privacy")))
    assert "We will ask your name. This is why: so your social worker can talk it through" in page


# --- the questions -----------------------------------------------------------------------------


def test_a_child_answers_every_kind_of_question_and_sends_them(consultation, client):
    page = answer_all(client, consultation, text="The swings are broken")
    response = send(client, consultation, payload_of(page))
    assert response.status_code == 200
    stored = Response.objects.get()
    assert stored.age_band == "8-11"
    assert stored.language == "en"
    tallies.fold(consultation)
    answers = Answer.objects.filter(response=stored)
    for kind in ("single", "faces", "yes_no"):
        question = question_of(consultation, kind)
        assert [a.choice_id for a in answers.filter(question=question)] == choice_ids(question)[:1]
    multiple = question_of(consultation, "multiple")
    assert [a.choice_id for a in answers.filter(question=multiple)] == choice_ids(multiple)[:1]
    ranking = question_of(consultation, "ranking")
    ranked = answers.filter(question=ranking).order_by("rank")
    assert [a.choice_id for a in ranked] == list(reversed(choice_ids(ranking)))
    assert answers.get(question=question_of(consultation, "text")).text == "The swings are broken"


def test_each_question_page_shows_how_far_the_child_has_got(consultation, client):
    question = reach(client, consultation, "multiple")
    page = _page(client.get(url(consultation, f"q-{question.pk}")))
    assert "Question 3 of 6" in page


def test_the_back_link_goes_to_the_previous_step(consultation, client):
    begin(client, consultation)
    first = question_of(consultation, "single")
    second = question_of(consultation, "faces")
    client.post(url(consultation, f"q-{first.pk}"), form_data(first))
    page = _page(client.get(url(consultation, f"q-{second.pk}")))
    assert f'href="{url(consultation, f"q-{first.pk}")}" class="govuk-back-link"' in page
    first_page = _page(client.get(url(consultation, f"q-{first.pk}")))
    assert f'href="{url(consultation, "privacy")}" class="govuk-back-link"' in first_page


def test_answers_are_kept_when_the_child_goes_back(consultation, client):
    begin(client, consultation)
    single = question_of(consultation, "single")
    client.post(url(consultation, f"q-{single.pk}"), form_data(single, pick=1))
    page = _page(client.get(url(consultation, f"q-{single.pk}")))
    assert f'value="{choice_ids(single)[1]}" checked' in page


def test_a_ranking_is_kept_in_the_places_the_child_gave(consultation, client):
    ranking = reach(client, consultation, "ranking")
    client.post(url(consultation, f"q-{ranking.pk}"), form_data(ranking))
    page = _page(client.get(url(consultation, f"q-{ranking.pk}")))
    last = choice_ids(ranking)[-1]
    assert '<option value="1" selected>1st</option>' in page.split(f'id="id_place_{last}"')[1]


def test_faces_are_drawn_hidden_from_screen_readers_beside_the_words(consultation, client):
    """Drawn, not typed: a device without an emoji font shows the same faces."""
    faces = reach(client, consultation, "faces")
    page = _page(client.get(url(consultation, f"q-{faces.pk}")))
    assert page.count('<svg class="app-face"') == 5
    assert 'aria-hidden="true" focusable="false"' in page
    assert '</svg> <span class="app-face-label">Very happy</span>' in page
    assert "😀" not in page


def test_a_written_answer_has_a_character_count_that_works_without_javascript(consultation, client):
    text = reach(client, consultation, "text")
    page = _page(client.get(url(consultation, f"q-{text.pk}")))
    assert 'data-module="govuk-character-count" data-maxlength="5000"' in page
    assert "You can write up to 5000 characters" in page
    textarea = page.split("<textarea", 1)[1].split(">", 1)[0]
    assert "maxlength" not in textarea  # the browser must not cut a long answer off


def test_an_optional_question_left_empty_is_skipped(consultation, client):
    begin(client, consultation)
    single = question_of(consultation, "single")
    response = client.post(url(consultation, f"q-{single.pk}"), {})
    assert response.status_code == 302
    assert (
        str(single.pk) not in client.session[f"participation:{consultation.pk}"]["draft"]["answers"]
    )


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("single", {}, "Choose an answer"),
        ("faces", {}, "Choose an answer"),
        ("yes_no", {}, "Choose an answer"),
        ("multiple", {}, "Choose at least one answer"),
        ("ranking", {}, "Choose a place for every item"),
        ("text", {}, "Write your answer in the box"),
        ("single", {"answer_field": "999999"}, "Choose an answer from the list"),
        ("multiple", {"answer_field": ["999999"]}, "Choose answers from the list"),
        ("text", {"answer_field": "x" * 5001}, "Your answer must be 5000 characters or fewer"),
    ],
)
def test_each_kind_of_question_explains_what_is_wrong(consultation, client, kind, data, message):
    question = reach(client, consultation, kind)
    question.required = True
    question.save()
    response = client.post(url(consultation, f"q-{question.pk}"), data)
    page = _page(response)
    assert response.status_code == 200
    assert message in page
    assert "govuk-error-summary" in page
    assert "<title>Error:" in page
    assert (
        str(question.pk)
        not in client.session[f"participation:{consultation.pk}"]["draft"]["answers"]
    )


def test_two_items_in_the_same_place_are_refused(consultation, client):
    ranking = reach(client, consultation, "ranking")
    ids = choice_ids(ranking)
    data = {f"place_{ids[0]}": "1", f"place_{ids[1]}": "1", f"place_{ids[2]}": "2"}
    page = _page(client.post(url(consultation, f"q-{ranking.pk}"), data))
    assert "Two items have the same place. Give each item a different place." in page
    assert f'href="#id_place_{ids[0]}"' in page


def test_a_ranking_with_an_item_left_out_is_refused(consultation, client):
    ranking = reach(client, consultation, "ranking")
    ids = choice_ids(ranking)
    page = _page(client.post(url(consultation, f"q-{ranking.pk}"), {f"place_{ids[0]}": "1"}))
    assert "Choose a place for every item" in page


# --- wording -----------------------------------------------------------------------------------


def test_a_child_is_asked_in_the_words_for_their_age_band(consultation, client):
    single = question_of(consultation, "single")
    Wording.objects.create(question=single, audience="8-11", text_en="Which park is your best?")
    begin(client, consultation, age_band="8-11")
    page = _page(client.get(url(consultation, f"q-{single.pk}")))
    assert "Which park is your best?" in page


def test_easy_read_words_come_first_when_the_child_chose_them(consultation, client):
    single = question_of(consultation, "single")
    Wording.objects.create(question=single, audience="8-11", text_en="Which park is your best?")
    Wording.objects.create(question=single, audience=Wording.EASY_READ, text_en="Best park?")
    client.post(url(consultation), {"easy_read": "on"})
    client.post(url(consultation, "age"), {"age_band": "8-11"})
    client.post(url(consultation, "privacy"))
    page = _page(client.get(url(consultation, f"q-{single.pk}")))
    assert "Best park?" in page
    assert "Which park is your best?" not in page


def test_without_a_wording_for_the_band_the_core_words_are_used(consultation, client):
    single = question_of(consultation, "single")
    Wording.objects.create(question=single, audience="12-15", text_en="Which park, then?")
    begin(client, consultation, age_band="8-11")
    page = _page(client.get(url(consultation, f"q-{single.pk}")))
    assert "Which park do you go to most?" in page


# --- about you, name, check your answers -------------------------------------------------------


def test_about_you_questions_offer_prefer_not_to_say_as_an_ordinary_answer(consultation, client):
    page = answer_all(client, consultation)
    page = _page(client.get(url(consultation, "about-gender")))
    assert "Which of these describes you?" in page
    assert 'value="prefer-not"' in page
    assert page.count('class="govuk-radios__item"') == 4
    assert "About you: 1 of 2" in page


def test_about_you_answers_are_sent_with_the_response(consultation, client):
    page = answer_all(client, consultation, profile={"gender": "prefer-not", "care": "yes"})
    send(client, consultation, payload_of(page))
    assert (Response.objects.get().sent or {})["profile"] == {"gender": "prefer-not", "care": "yes"}
    tallies.fold(consultation)
    profile = dict(Response.objects.get().profile.values_list("field", "value"))
    assert profile == {"gender": "prefer-not", "care": "yes"}


def test_an_identified_consultation_asks_a_name_the_child_may_leave_empty(world, client):
    consultation = make_consultation(
        council=world.council_a, identified=True, identified_reason="to invite you to a panel"
    )
    answer_all(client, consultation)
    page = _page(client.get(url(consultation, "name")))
    assert "We ask for your name because: to invite you to a panel" in page
    client.post(url(consultation, "name"), {"name": " Sam "})
    send(client, consultation, payload_of(_page(client.get(url(consultation, "check")))))
    assert Response.objects.get().name == "Sam"


def test_check_your_answers_shows_each_answer_with_a_change_link(consultation, client):
    page = answer_all(client, consultation, text="Cleaner toilets")
    single = question_of(consultation, "single")
    assert "Riverside" in page
    assert "Cleaner toilets" in page
    assert (
        f'href="{url(consultation, f"q-{single.pk}", change=True)}"'.replace("&", "&amp;") in page
    )
    assert f'action="/have-your-say/{consultation.link_key}/send/"' in page


def test_a_change_from_the_check_page_returns_to_the_check_page(consultation, client):
    answer_all(client, consultation)
    single = question_of(consultation, "single")
    response = client.post(
        url(consultation, f"q-{single.pk}", change=True), form_data(single, pick=2)
    )
    assert response["Location"] == url(consultation, "check")
    answers = client.session[f"participation:{consultation.pk}"]["draft"]["answers"]
    assert answers[str(single.pk)] == {"choices": [choice_ids(single)[2]]}
