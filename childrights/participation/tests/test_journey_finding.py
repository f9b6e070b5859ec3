"""A child finds a consultation, from the list or with a group's code, and starts it; closed and
draft consultations, and the languages a consultation is shown in."""

import datetime

from django.utils import timezone

from childrights.participation.models import Consultation, Response, Wording
from childrights.participation.tests.test_journey_support import (
    _page,
    answer_all,
    payload_of,
    question_of,
    send,
    url,
)
from childrights.testing.factories import make_council
from childrights.testing.participation import make_access_code, make_consultation

# --- finding a consultation --------------------------------------------------------------------


def test_have_your_say_lists_only_consultations_taking_answers_today(world, client):
    today = timezone.localdate()
    make_consultation(council=world.council_a, title_en="Open now", questions=False)
    make_consultation(
        council=world.council_a,
        title_en="Closed",
        status=Consultation.Status.CLOSED,
        questions=False,
    )
    make_consultation(
        council=world.council_a, title_en="Draft", status=Consultation.Status.DRAFT, questions=False
    )
    make_consultation(
        council=world.council_a,
        title_en="Next month",
        opens_on=today + datetime.timedelta(days=30),
        questions=False,
    )
    page = _page(client.get("/have-your-say/"))
    assert "Open now" in page
    assert "Aberfield City Council" in page
    assert "Closed" not in page
    assert "Draft" not in page
    assert "Next month" not in page


def test_have_your_say_shows_the_closing_date_and_a_start_link(consultation, client):
    page = _page(client.get("/have-your-say/"))
    assert f'href="/have-your-say/{consultation.link_key}/"' in page
    assert consultation.closes_on.strftime("%-d %B %Y") in page


def test_have_your_say_offers_a_code_box_and_the_way_back_with_a_receipt(client, db):
    page = _page(client.get("/have-your-say/"))
    assert 'action="/have-your-say/code/"' in page
    assert 'href="/your-response/"' in page


def test_a_demonstration_councils_consultation_is_labelled_as_demonstration(world, client):
    demo = make_council(name="Fictional Borough Council", short_name="Fictional", is_demo=True)
    make_consultation(council=demo, questions=False)
    page = _page(client.get("/have-your-say/"))
    assert "Demonstration data" in page
    assert "govuk-tag--yellow" in page


def test_the_home_page_and_the_menu_lead_a_child_to_have_your_say(client, db):
    page = _page(client.get("/"))
    assert page.count('href="/have-your-say/"') == 2


# --- starting ----------------------------------------------------------------------------------


def test_the_start_page_says_what_it_is_for_who_asks_when_it_closes_and_how_long(
    consultation, client
):
    page = _page(client.get(url(consultation)))
    assert "Our parks" in page
    assert "Tell us what you think of the parks near you." in page
    assert "Aberfield City Council" in page
    assert consultation.closes_on.strftime("%-d %B %Y") in page
    assert "There are 6 questions." in page


def test_easy_read_is_offered_only_when_there_is_easy_read_wording(consultation, client):
    assert "easy read" not in _page(client.get(url(consultation)))
    Wording.objects.create(
        question=question_of(consultation, "single"),
        audience=Wording.EASY_READ,
        text_en="Which park do you like?",
    )
    assert "Use easy read" in _page(client.get(url(consultation)))


def test_starting_makes_a_new_submission_id_each_time(consultation, client):
    client.post(url(consultation))
    first = client.session[f"participation:{consultation.pk}"]["draft"]["submission_id"]
    client.post(url(consultation))
    second = client.session[f"participation:{consultation.pk}"]["draft"]["submission_id"]
    assert first != second


def test_a_question_page_before_starting_goes_back_to_the_start(consultation, client):
    question = question_of(consultation, "single")
    response = client.get(url(consultation, f"q-{question.pk}"))
    assert response["Location"] == url(consultation)


def test_a_child_cannot_skip_past_the_privacy_notice(consultation, client):
    client.post(url(consultation))
    client.post(url(consultation, "age"), {"age_band": "8-11"})
    question = question_of(consultation, "single")
    response = client.get(url(consultation, f"q-{question.pk}"))
    assert response["Location"] == url(consultation, "privacy")


# --- closed, and languages ---------------------------------------------------------------------


def test_a_closed_consultation_says_it_has_closed(world, client):
    closed = make_consultation(council=world.council_a, status=Consultation.Status.CLOSED)
    response = client.get(url(closed))
    assert response.status_code == 410
    assert "This survey has closed" in _page(response)
    assert f"/have-your-say/{closed.link_key}/you-said-we-did/" in _page(response)


def test_a_draft_consultation_is_not_public(world, client):
    draft = make_consultation(council=world.council_a, status=Consultation.Status.DRAFT)
    assert client.get(url(draft)).status_code == 404


def test_a_consultation_only_in_welsh_is_shown_and_recorded_in_welsh(world, client):
    welsh = make_consultation(council=world.council_a, languages=Consultation.Languages.WELSH)
    page = _page(client.get(url(welsh)))
    assert '<html lang="cy"' in page
    assert "Ein parciau" in page
    assert 'hreflang="en"' not in page
    send(client, welsh, payload_of(answer_all(client, welsh)))
    assert Response.objects.get().language == "cy"


def test_a_consultation_in_both_languages_follows_the_childs_choice(consultation, client):
    client.cookies["language"] = "cy"
    page = _page(client.get(url(consultation)))
    assert "Ein parciau" in page
    assert 'hreflang="en"' in page
    send(client, consultation, payload_of(answer_all(client, consultation)))
    assert Response.objects.get().language == "cy"


# --- group codes -------------------------------------------------------------------------------


def test_a_group_code_in_any_case_with_spaces_takes_the_child_to_the_start(consultation, client):
    code = make_access_code(consultation=consultation)
    typed = f" {code.code[:4].lower()} {code.code[4:]} "
    response = client.post("/have-your-say/code/", {"code": typed})
    assert response["Location"] == url(consultation)
    draft = client.session[f"participation:{consultation.pk}"]["draft"]
    assert draft["access_code_id"] == code.pk


def test_the_code_is_kept_when_the_child_starts_and_sent_with_the_answers(consultation, client):
    code = make_access_code(consultation=consultation)
    client.post("/have-your-say/code/", {"code": code.code})
    send(client, consultation, payload_of(answer_all(client, consultation)))
    assert Response.objects.get().access_code == code


def test_a_printed_code_fills_in_the_box(consultation, client):
    code = make_access_code(consultation=consultation)
    page = _page(client.get(f"/have-your-say/code/?code={code.code}"))
    assert f'value="{code.code}"' in page


def test_a_wrong_code_is_explained_and_changes_nothing(consultation, client):
    page = _page(client.post("/have-your-say/code/", {"code": "NOTACODE"}))
    assert "We could not find that code." in page
    assert f"participation:{consultation.pk}" not in client.session


def test_a_revoked_code_does_not_work(consultation, client):
    code = make_access_code(consultation=consultation, revoked_at=timezone.now())
    page = _page(client.post("/have-your-say/code/", {"code": code.code}))
    assert "This code does not work any more." in page
    assert f"participation:{consultation.pk}" not in client.session


def test_a_code_for_a_closed_consultation_does_not_work(world, client):
    closed = make_consultation(council=world.council_a, status=Consultation.Status.CLOSED)
    code = make_access_code(consultation=closed)
    page = _page(client.post("/have-your-say/code/", {"code": code.code}))
    assert "The survey for this code is not open now." in page


def test_too_many_wrong_codes_are_refused_for_a_while(consultation, client, monkeypatch):
    from childrights.core.ratelimit import Limit
    from childrights.participation.journey import finding

    hour = datetime.timedelta(hours=1)
    monkeypatch.setattr(
        finding,
        "CODE_GUESSES",
        finding.Guesses(
            Limit("participation:code-guess", 2, hour),
            Limit("participation:code-guess-address", 200, hour),
        ),
    )
    for _ in range(2):
        client.post("/have-your-say/code/", {"code": "NOTACODE"})
    response = client.post("/have-your-say/code/", {"code": "NOTACODE"})
    assert response.status_code == 429
    assert "You have tried too many codes" in _page(response)
