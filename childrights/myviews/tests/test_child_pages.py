"""The child's own space: the code, writing views across visits, checking and sending to the
workers the child chose, the answer back, and "I don't feel safe" on every page."""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.myviews import child_session, services
from childrights.myviews.models import Alert, Reading, Settings, Statement
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_care_world, make_child, make_sent_statement


@pytest.fixture
def care(db):
    return make_care_world(make_council(name="Aberfield City Council", short_name="Aberfield"))


def url(name, child, **kwargs):
    return reverse(f"myviews:{name}", kwargs={"access_key": child.access_key, **kwargs})


def open_space(client, care, child=None, code=None):
    child = child or care.child
    response = client.post(url("child_start", child), {"code": code or care.code})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == url("child_home", child)
    return client


@pytest.fixture
def space(client, care):
    return open_space(client, care)


class _Forms(HTMLParser):
    """The forms of a page: their action, and the names and values of their hidden fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "form":
            self.forms.append({"action": found.get("action"), "fields": {}, "buttons": []})
        elif tag == "input" and self.forms and found.get("type") == "hidden":
            self.forms[-1]["fields"][found.get("name")] = found.get("value")
        elif tag == "table":
            self.tables += 1


def text_of(response):
    return response.content.decode().replace("&#x27;", "'")


def forms_of(response):
    parser = _Forms()
    parser.feed(response.content.decode())
    return parser


# --- the code -------------------------------------------------------------------------------------


def test_the_right_code_opens_the_childs_space(client, care):
    open_space(client, care)
    response = client.get(url("child_home", care.child))
    assert response.status_code == 200
    assert "Hello Sam" in response.content.decode()


def test_case_spaces_and_dashes_do_not_matter_in_the_code(client, care):
    open_space(client, care, code=care.code.upper().replace("-", " "))


def test_a_wrong_code_says_so_and_opens_nothing(client, care):
    response = client.post(url("child_start", care.child), {"code": "red-fox-11"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(url("child_home", care.child))["Location"] == url("child_start", care.child)


def test_many_wrong_guesses_ask_the_child_to_wait_even_with_the_right_code(client, care):
    for _ in range(services.CODE_GUESSES.per_window):
        client.post(url("child_start", care.child), {"code": "red-fox-11"})
    response = client.post(url("child_start", care.child), {"code": care.code})
    assert response.status_code == 429
    assert re.search(r"Wait \d+ minutes?, then try again", response.content.decode())
    assert client.get(url("child_home", care.child)).status_code == 302


def test_an_unknown_link_is_not_found(client, care):
    for name in ("child_start", "child_home", "child_unsafe"):
        unknown = url(name, care.child).replace(care.child.access_key, "nope")
        assert client.get(unknown).status_code == 404


def test_another_childs_visit_does_not_open_this_childs_space(client, care):
    other, other_code = make_child(council=care.council, team=care.team, chosen_name="Alex")
    open_space(client, care, child=other, code=other_code)
    for name in ("child_home", "child_write", "child_check", "child_code"):
        response = client.get(url(name, care.child))
        assert response.status_code == 302
        assert response["Location"] == url("child_start", care.child)
    statement = make_sent_statement(care)
    response = client.get(url("child_statement", care.child, statement_id=statement.pk))
    assert response.status_code == 302
    # Nor does this child's own link show another child's statement.
    response = client.get(url("child_statement", other, statement_id=statement.pk))
    assert response.status_code == 404


def test_a_reissued_code_ends_the_visit(space, care):
    services.code_issue(actor=Actor(person=care.social_worker), child=care.child)
    response = space.get(url("child_home", care.child))
    assert response["Location"] == url("child_start", care.child)


def test_child_pages_are_never_stored_by_the_browser(space, care):
    for name in ("child_start", "child_home", "child_write"):
        assert "no-store" in space.get(url(name, care.child))["Cache-Control"]


def test_leaving_ends_the_visit(space, care):
    response = space.post(url("child_leave", care.child))
    assert response["Location"] == url("child_start", care.child)
    assert space.get(url("child_home", care.child)).status_code == 302


def test_the_quick_exit_ends_the_visit_and_goes_elsewhere(space, care, settings):
    response = space.get(url("child_exit", care.child))
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert space.get(url("child_home", care.child)).status_code == 302


def test_the_child_changes_their_code_and_stays_in(space, care):
    response = space.post(url("child_code", care.child), {"code": "sam", "again": "sam"})
    assert "at least 6 letters or numbers" in response.content.decode()
    response = space.post(
        url("child_code", care.child), {"code": "purple moon 7", "again": "purple moon 8"}
    )
    assert "not the same" in response.content.decode()
    response = space.post(
        url("child_code", care.child), {"code": "purple moon 7", "again": "purple moon 7"}
    )
    assert response["Location"] == url("child_home", care.child)
    assert space.get(url("child_home", care.child)).status_code == 200
    other_device = Client()
    open_space(other_device, care, code="Purple-Moon-7")


# --- writing --------------------------------------------------------------------------------------


def test_what_the_child_says_is_kept_across_topics_and_visits(space, care):
    space.post(
        url("child_topic", care.child, topic="where-i-live"),
        {"face": "🙂", "text": "I like my room."},
    )
    response = space.post(
        url("child_topic", care.child, topic="school-or-college"),
        {"face": "", "text": "Maths is hard.", "to_list": "1"},
    )
    assert response["Location"] == url("child_write", care.child)
    space.post(url("child_leave", care.child))

    later = open_space(Client(), care)
    page = later.get(url("child_write", care.child)).content.decode()
    assert "I like my room." in page
    assert "Maths is hard." in page
    statement = Statement.objects.get(child=care.child)
    assert statement.answers == {
        "where-i-live": {"face": "🙂", "text": "I like my room."},
        "school-or-college": {"face": "", "text": "Maths is hard."},
    }
    topic_page = later.get(url("child_topic", care.child, topic="where-i-live")).content.decode()
    assert "I like my room." in topic_page
    assert re.search(r'value="🙂" checked', topic_page)


def test_saving_a_topic_goes_on_to_the_next_and_the_last_to_the_check(space, care):
    statement = services.statement_draft(child=care.child)
    slugs = [topic["slug"] for topic in statement.template.content["topics"]]
    response = space.post(url("child_topic", care.child, topic=slugs[0]), {"text": "Hi"})
    assert response["Location"] == url("child_topic", care.child, topic=slugs[1])
    response = space.post(url("child_topic", care.child, topic=slugs[-1]), {"text": "Bye"})
    assert response["Location"] == url("child_check", care.child)


def test_an_unknown_topic_or_face_changes_nothing(space, care):
    assert space.get(url("child_topic", care.child, topic="pets")).status_code == 404
    response = space.post(url("child_topic", care.child, topic="health"), {"face": "🐱"})
    assert "Choose one of the faces" in response.content.decode()
    assert Statement.objects.get(child=care.child).answers == {}


def test_the_check_page_lists_what_was_said_with_change_links(space, care):
    space.post(url("child_topic", care.child, topic="health"), {"text": "I sleep well now."})
    page = space.get(url("child_check", care.child)).content.decode()
    assert "I sleep well now." in page
    assert url("child_topic", care.child, topic="health") in page
    assert f"{care.social_worker.full_name or care.social_worker.email}, your social worker" in page
    assert "your independent reviewing officer" in page
    assert care.other_worker.email not in page


def _check_and_send(client, care, recipients):
    client.post(url("child_topic", care.child, topic="health"), {"text": "I sleep well now."})
    statement = Statement.objects.get(child=care.child, status=Statement.Status.DRAFT)
    data = {"statement": statement.pk, "recipients": [str(user.pk) for user in recipients]}
    return statement, data


def test_sending_goes_only_to_the_workers_the_child_chose(
    space, care, django_capture_on_commit_callbacks
):
    statement, data = _check_and_send(space, care, [care.reviewing_officer])
    data["recipients"].append(str(care.other_worker.pk))  # not allocated: refused
    response = space.post(url("child_check", care.child), data)
    assert response.status_code == 200
    assert "Choose people from the list" in response.content.decode()
    data["recipients"].pop()
    with django_capture_on_commit_callbacks(execute=True):
        response = space.post(url("child_check", care.child), data)
    assert response["Location"] == url("child_statement", care.child, statement_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.SENT
    assert list(statement.recipients.all()) == [care.reviewing_officer]
    assert [message.to for message in mail.outbox] == [[care.reviewing_officer.email]]


def test_sending_with_nobody_chosen_says_so_and_sends_nothing(space, care):
    statement, data = _check_and_send(space, care, [])
    response = space.post(url("child_check", care.child), data)
    assert "Choose who you want to see it" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT


def test_sending_twice_keeps_one_statement(space, care):
    _, data = _check_and_send(space, care, [care.social_worker])
    first = space.post(url("child_check", care.child), data)
    second = space.post(url("child_check", care.child), data)
    assert first["Location"] == second["Location"]
    assert Statement.objects.filter(child=care.child, status=Statement.Status.SENT).count() == 1
    assert Statement.objects.filter(child=care.child).count() == 1


def test_the_child_adds_to_what_they_sent(space, care, django_capture_on_commit_callbacks):
    statement = make_sent_statement(care, to=[care.social_worker])
    address = url("child_add", care.child, statement_id=statement.pk)
    response = space.post(address, {"text": "  "})
    assert response.status_code == 400
    assert "Write what you want to add" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = space.post(address, {"text": "And I want a bike."})
    assert response.status_code == 302
    assert statement.additions.get().text == "And I want a bike."
    assert [message.to for message in mail.outbox] == [[care.social_worker.email]]
    page = space.get(url("child_statement", care.child, statement_id=statement.pk))
    assert "And I want a bike." in page.content.decode()


# --- what happened to it --------------------------------------------------------------------------


def test_the_child_sees_who_read_it_and_the_answer_which_is_marked_seen(space, care):
    statement = make_sent_statement(care)
    services.statement_read(actor=Actor(person=care.social_worker), statement=statement)
    Reading.objects.filter(statement=statement).update(
        first_read_at=datetime(2026, 3, 3, 10, tzinfo=UTC)
    )
    reply = services.reply_write(
        actor=Actor(person=care.social_worker), statement=statement, text="You will see Jo monthly."
    )
    page = space.get(url("child_statement", care.child, statement_id=statement.pk)).content.decode()
    assert "Seen by your social worker on 3 March 2026" in page
    assert "You will see Jo monthly." in page
    assert "I want to see my brother more." in page
    reply.refresh_from_db()
    assert reply.seen_by_child_at is not None


def test_nobody_has_read_it_yet_says_so(space, care):
    statement = make_sent_statement(care)
    page = space.get(url("child_statement", care.child, statement_id=statement.pk)).content.decode()
    assert "Nobody has opened it yet." in page
    assert "Did you feel listened to?" not in page


def test_did_you_feel_listened_to_is_kept_once(space, care):
    statement = make_sent_statement(care)
    reply = services.reply_write(
        actor=Actor(person=care.social_worker), statement=statement, text="Yes, more visits."
    )
    address = url("child_listened", care.child, statement_id=statement.pk)
    page = space.get(url("child_statement", care.child, statement_id=statement.pk))
    assert "Did you feel listened to?" in page.content.decode()
    assert space.post(address, {"listened": "maybe"}).status_code == 400
    space.post(address, {"listened": "a_bit"})
    space.post(address, {"listened": "no"})
    reply.refresh_from_db()
    assert reply.listened == "a_bit"
    page = space.get(url("child_statement", care.child, statement_id=statement.pk))
    assert "You told us if you felt listened to: A bit." in page.content.decode()


def test_a_draft_is_not_a_sent_page(space, care):
    draft = services.statement_draft(child=care.child)
    response = space.get(url("child_statement", care.child, statement_id=draft.pk))
    assert response.status_code == 404


# --- "I don't feel safe" --------------------------------------------------------------------------


def _every_page(client, care):
    statement = make_sent_statement(care)
    services.reply_write(actor=Actor(person=care.social_worker), statement=statement, text="Ok")
    names: list[tuple[str, dict[str, Any]]] = [
        ("child_home", {}),
        ("child_write", {}),
        ("child_topic", {"topic": "health"}),
        ("child_check", {}),
        ("child_statement", {"statement_id": statement.pk}),
        ("child_code", {}),
    ]
    pages = {name: client.get(url(name, care.child, **kwargs)) for name, kwargs in names}
    pages["child_unsafe"] = client.post(url("child_unsafe", care.child), {"submission": "x"})
    client.post(url("child_leave", care.child))
    pages["child_start"] = client.get(url("child_start", care.child))
    return pages


def test_every_child_page_has_the_i_dont_feel_safe_button_and_no_table(space, care):
    for name, response in _every_page(space, care).items():
        assert response.status_code == 200, name
        page = forms_of(response)
        unsafe = [form for form in page.forms if form["action"] == url("child_unsafe", care.child)]
        assert len(unsafe) == 1, name
        assert unsafe[0]["fields"]["submission"], name
        assert "csrfmiddlewaretoken" in unsafe[0]["fields"], name
        assert "I don't feel safe" in text_of(response), name
        assert page.tables == 0, name


def test_the_button_raises_an_alert_and_emails_at_once_then_says_who_to_call(
    space, care, django_capture_on_commit_callbacks
):
    lead = make_user_safeguarding(care)
    home = forms_of(space.get(url("child_home", care.child)))
    submission = next(
        form for form in home.forms if form["action"] == url("child_unsafe", care.child)
    )["fields"]["submission"]
    with django_capture_on_commit_callbacks(execute=True):
        response = space.post(url("child_unsafe", care.child), {"submission": submission})
        space.post(url("child_unsafe", care.child), {"submission": submission})
    assert response.status_code == 200
    alert = Alert.objects.get()
    assert (alert.child, alert.source) == (care.child, Alert.Source.BUTTON)
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([lead.email, care.social_worker.email, care.reviewing_officer.email])
    page = response.content.decode()
    assert "0800 1111" in page
    assert "999" in page
    assert "Samaritans" not in page


def make_user_safeguarding(care):
    return make_user(role="safeguarding-lead", council=care.council, email="dsl@care.example")


def test_the_button_works_after_the_visit_ended_and_shows_the_emergency_team(client, care):
    Settings.objects.create(council=care.council, emergency_duty_phone="01632 960 000")
    response = client.post(url("child_unsafe", care.child), {"submission": "abc"})
    assert response.status_code == 200
    assert Alert.objects.filter(child=care.child).count() == 1
    page = response.content.decode()
    assert "01632 960 000" in page
    assert 'href="tel:01632960000"' in page
    assert client.get(url("child_unsafe", care.child)).status_code == 405


def test_a_care_leaver_is_given_an_adult_line(client, care):
    leaver, _ = make_child(
        council=care.council, team=care.team, age_band="18-25", status="care_leaver"
    )
    page = client.post(url("child_unsafe", leaver), {"submission": "abc"}).content.decode()
    assert "116 123" in page


# --- the simpler pages, and Welsh -----------------------------------------------------------------


def test_the_simpler_pages_show_faces_bigger_buttons_and_the_youngest_words(client, care):
    statement = services.statement_draft(child=care.child)
    younger = statement.template.content["topics"][0]["prompt"]["younger"]["en"]
    older = statement.template.content["topics"][0]["prompt"]["older"]["en"]
    slug = statement.template.content["topics"][0]["slug"]
    open_space(client, care)
    page = client.get(url("child_topic", care.child, topic=slug)).content.decode()
    assert older in page
    assert "app-simple" not in page
    assert "Read this to me" not in page

    care.child.simple_mode = True
    care.child.save()
    page = client.get(url("child_topic", care.child, topic=slug)).content.decode()
    assert younger in page
    assert "app-simple" in page
    assert page.count('class="app-face"') == 5
    assert 'data-module="app-read-aloud"' in page
    assert "Read this to me" in page


def test_a_worker_beside_the_child_gives_the_simpler_pages(client, care):
    session = client.session
    child_session.visit_open(session, child=care.child, worker_id=care.social_worker.pk)
    session.save()
    client.cookies["sessionid"] = session.session_key
    page = client.get(url("child_write", care.child)).content.decode()
    assert "app-simple" in page
    assert Statement.objects.get(child=care.child).with_worker


def test_a_child_under_8_gets_the_simpler_pages(client, care):
    young, code = make_child(council=care.council, team=care.team, age_band="4-7")
    open_space(client, care, child=young, code=code)
    assert "app-simple" in client.get(url("child_home", young)).content.decode()


def test_a_welsh_speaking_child_sees_welsh_first_and_can_switch(client, care):
    care.child.language = "cy"
    care.child.save()
    page = client.get(url("child_start", care.child)).content.decode()
    assert 'lang="cy"' in page
    assert "Dy god" in page
    open_space(client, care)
    page = client.get(url("child_home", care.child)).content.decode()
    assert "Helo Sam" in page
    client.cookies["language"] = "en-gb"
    page = client.get(url("child_home", care.child)).content.decode()
    assert "Hello Sam" in page


def test_the_language_cookie_gives_welsh_pages(space, care):
    space.cookies["language"] = "cy"
    statement = make_sent_statement(care)
    services.statement_read(actor=Actor(person=care.social_worker), statement=statement)
    Reading.objects.filter(statement=statement).update(
        first_read_at=datetime(2026, 3, 3, 10, tzinfo=UTC)
    )
    page = text_of(space.get(url("child_statement", care.child, statement_id=statement.pk)))
    assert "Wedi'i weld gan dy weithiwr cymdeithasol ar 3 Mawrth 2026" in page
    assert "Dydw i ddim yn teimlo'n ddiogel" in page
    home = space.get(url("child_home", care.child)).content.decode()
    assert "Helo Sam" in home


def test_the_next_meeting_is_shown_on_home(space, care):
    services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind="review",
        on=timezone.localdate() + timedelta(days=10),
    )
    page = space.get(url("child_home", care.child)).content.decode()
    assert "Your next meeting is on" in page
