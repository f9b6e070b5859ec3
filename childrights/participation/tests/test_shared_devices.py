"""A shared computer or phone: the next child never finds the last child's answers."""

from typing import Any

from django.test import Client

from childrights.participation.journey import drafts
from childrights.participation.tests.test_journey_support import answer_all, begin, url


def _page(response: Any) -> str:
    return str(response.content.decode())


def test_every_journey_page_offers_to_leave_and_clear_and_a_quick_exit(consultation, client):
    begin(client, consultation)
    for step in ("", "age", "privacy", f"q-{consultation.questions.first().pk}"):
        page = _page(client.get(url(consultation, step)))
        assert f'action="/have-your-say/{consultation.link_key}/leave/"' in page
        assert "Leave and clear my answers" in page
        assert f'href="/have-your-say/{consultation.link_key}/exit/"' in page
        assert 'data-module="govuk-exit-this-page"' in page


def test_leaving_clears_the_answers_so_back_and_a_new_start_show_nothing(consultation, client):
    answer_all(client, consultation, text="My secret answer")
    old_key = client.session.session_key
    left = client.post(f"/have-your-say/{consultation.link_key}/leave/")
    assert left.status_code == 302
    assert left["Location"] == "/have-your-say/cleared/"
    assert client.session.session_key != old_key
    # Back to the check page or a question: nothing there, sent back to the start.
    back = client.get(url(consultation, "check"))
    assert back.status_code == 302
    assert "My secret answer" not in _page(client.get(url(consultation, "check"), follow=True))
    start = _page(client.get(url(consultation)))
    assert "Someone has started this survey on this device" not in start


def test_the_quick_exit_clears_the_answers_and_goes_to_a_neutral_site(
    consultation, client, settings
):
    settings.QUICK_EXIT_URL = "https://weather.example/"
    answer_all(client, consultation, text="My secret answer")
    exited = client.get(f"/have-your-say/{consultation.link_key}/exit/")
    assert exited.status_code == 302
    assert exited["Location"] == "https://weather.example/"
    assert drafts.session_key(consultation, preview=False) not in client.session
    assert client.get(url(consultation, "check")).status_code == 302


def test_leaving_while_signed_in_as_staff_keeps_them_signed_in(consultation, signed_in, world):
    staff = signed_in(world.owner)
    staff.post(url(consultation))
    staff.post(f"/have-your-say/{consultation.link_key}/leave/")
    assert "_auth_user_id" in staff.session
    assert drafts.session_key(consultation, preview=False) not in staff.session


def test_journey_pages_are_never_stored_by_the_browser(consultation, client):
    begin(client, consultation)
    for step in ("", "age", "privacy", "check"):
        response = client.get(url(consultation, step))
        assert "no-store" in response["Cache-Control"], step


def test_an_unsent_draft_is_kept_half_an_hour_after_the_last_page(consultation, client):
    begin(client, consultation)
    assert client.session.get_expiry_age() == drafts.CHILD_IDLE_SECONDS == 30 * 60


def test_the_start_page_says_when_someone_has_started_on_this_device(consultation, client):
    begin(client, consultation)
    page = _page(client.get(url(consultation)))
    assert "Someone has started this survey on this device and not sent it yet." in page
    assert "If it was not you, leave and clear the answers" in page
    another = Client()
    assert "Someone has started" not in _page(another.get(url(consultation)))
