"""After sending: an honest receipt after a possible disclosure, the child's own answers with
their code, and a privacy notice and cookies page that tell the truth."""

from typing import Any

from childrights.core.cookies import cookies_used
from childrights.participation.models import Consultation
from childrights.participation.submission import Draft
from childrights.participation.tests.test_journey_support import send, url
from childrights.testing.participation import answers_for, make_consultation, make_response


def _page(response: Any) -> str:
    return str(response.content.decode())


def _send_words(client: Any, consultation: Consultation, text: str) -> str:
    draft = Draft(age_band="16-17", answers=answers_for(consultation, text=text))
    return _page(send(client, consultation, draft.sign()))


def test_after_a_disclosure_an_anonymous_survey_says_the_council_cannot_find_the_child(
    consultation, client
):
    page = _send_words(client, consultation, "my dad hits me")
    assert "A person whose job is to keep children safe will read what you wrote." in page
    assert "So the council cannot tell who wrote your answers, and cannot come to find you." in page
    for help_line in ("999", "0800 1111", "116 123", "an adult you trust", "personal adviser"):
        assert help_line in page


def test_a_survey_that_asked_for_a_name_does_not_say_the_child_cannot_be_found(world, client):
    named = make_consultation(
        council=world.council_a, identified=True, identified_reason="To follow up"
    )
    page = _send_words(client, named, "my dad hits me")
    assert "cannot come to find you" not in page
    assert "You can also tell someone now" in page


def test_ordinary_answers_get_no_disclosure_message(consultation, client):
    page = _send_words(client, consultation, "More swings please")
    assert "A person whose job" not in page


def test_with_their_code_a_child_sees_their_own_answers(consultation, client):
    receipt = make_response(consultation=consultation, text="More swings please")
    page = _page(client.post("/your-response/", {"receipt": receipt.code}, follow=True))
    assert "What you said" in page
    assert "More swings please" in page
    assert f"{receipt.code[:4]} {receipt.code[4:]}" in page
    assert "Copy your code" in page
    assert "copy it, write it down or print this page" in page


def test_the_code_page_redirects_after_the_post_so_back_never_sends_it_again(consultation, client):
    receipt = make_response(consultation=consultation)
    posted = client.post("/your-response/", {"receipt": receipt.code})
    assert posted.status_code == 303
    assert client.get("/your-response/found/").status_code == 200
    assert client.get("/your-response/found/").status_code == 200  # a refresh: same page


def test_the_found_page_without_a_code_goes_back_to_asking_for_one(client, db):
    assert client.get("/your-response/found/")["Location"] == "/your-response/"


def test_the_privacy_step_links_to_the_surveys_full_privacy_notice(consultation, client):
    client.post(url(consultation))
    client.post(url(consultation, "age"), {"age_band": "12-15"})
    page = _page(client.get(url(consultation, "privacy")))
    assert f'href="/have-your-say/{consultation.link_key}/privacy-notice/"' in page


def test_the_privacy_notice_names_the_council_its_officer_the_basis_and_the_ico(
    consultation, client
):
    consultation.council.data_protection_officer = "dpo@aberfield.example"
    consultation.council.save()
    page = _page(client.get(f"/have-your-say/{consultation.link_key}/privacy-notice/"))
    assert "Aberfield City Council is asking these questions" in page
    assert "data controller" in page
    assert "dpo@aberfield.example" in page
    assert "public task" in page
    assert "Article 9(2)(g)" in page
    assert "social care or the police" in page
    assert "30 minutes after your last page" in page
    assert 'href="https://ico.org.uk/make-a-complaint/"' in page


def test_the_cookies_page_lists_every_cookie_with_how_long_it_lasts(client, db):
    page = _page(client.get("/cookies/"))
    for cookie in cookies_used():
        assert f"<code>{cookie.name}</code>" in page
    assert "participation_receipt" in page
    assert "30 minutes after your last page" in page
