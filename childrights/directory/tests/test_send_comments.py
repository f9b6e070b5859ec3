"""Comments on a council's SEND local offer (Children and Families Act 2014 s30(6)): anyone
comments on the offer or one of its services; the words are screened and held for the
safeguarding leads where they may tell of harm; the team publishes the comment only as moderated,
with its answer and action, as "you said, we did" does; the public page lists what was
published; outsiders get 404 and read-only members 403."""

import re
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.councils.models import Nation
from childrights.directory import held, send_comments
from childrights.directory.models import Need, SendComment, Suggestion
from childrights.directory.services import organisation_create, service_create, service_publish
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user

pytestmark = pytest.mark.django_db

DISCLOSURE = "The transport is late and my dad hits me"


def _service(world, name, need, council=None):
    council = council or world.council_a
    actor = actor_for(world.owner if council == world.council_a else world.outsider)
    organisation = organisation_create(actor=actor, council=council, name="SEND Trust")
    made = service_create(
        actor=actor,
        council=council,
        values={"organisation": organisation, "name_en": name, "description_en": "Help."},
        needs=[Need.objects.get(code=need)],
    )
    return service_publish(actor=actor, service=made)


@pytest.fixture
def send_service(world):
    return _service(world, "Short breaks for disabled children", "disability-and-send")


def _offer(world):
    return f"/send-local-offers/{world.council_a.gss_code}/"


def _anyone(ip="203.0.113.9"):
    return Actor(client_ip=ip)


def _comment(world, text="More short breaks in the holidays please", service=None):
    return send_comments.send_comment_create(
        council=world.council_a,
        service=service,
        commenter="parent",
        text=text,
        language="en",
        actor=_anyone(),
    )


ANSWER = {
    "decision": "publish",
    "shown_text": "More short breaks in the holidays please",
    "response_en": "Thank you. Many families told us the same.",
    "action_status": "in_progress",
    "action_en": "We are adding Saturday sessions from April.",
}


def _answer_url(world, comment):
    return f"/councils/{world.council_a.pk}/send-comments/{comment.pk}/"


# The public pages ---------------------------------------------------------------------------


def test_the_offer_lists_the_council_s_send_services_only(client, world, send_service):
    other = _service(world, "Youth club", "things-to-do")
    elsewhere = _service(world, "Bramley SEND club", "disability-and-send", world.council_b)
    page = client.get(_offer(world)).content.decode()
    assert "Short breaks for disabled children" in page
    assert other.name_en not in page
    assert elsewhere.name_en not in page
    assert f"/send-local-offers/{world.council_a.gss_code}/comment/" in page
    listing = client.get("/send-local-offers/").content.decode()
    assert _offer(world) in listing
    assert f"/send-local-offers/{world.council_b.gss_code}/" in listing


def test_a_council_without_a_send_offer_has_no_page(client, world):
    _service(world, "Youth club", "things-to-do")
    assert client.get(_offer(world)).status_code == 404
    assert client.get(_offer(world) + "comment/").status_code == 404
    assert _offer(world) not in client.get("/send-local-offers/").content.decode()


def test_a_comment_is_kept_for_the_team_and_not_shown_until_answered(client, world, send_service):
    form = client.get(_offer(world) + "comment/").content.decode()
    assert "not a way to get help" in form
    assert "Short breaks for disabled children" in form  # a service can be chosen
    response = client.post(
        _offer(world) + "comment/",
        {"commenter": "child", "service": str(send_service.pk), "text": " Needs more days. "},
    )
    assert response.status_code == 302
    assert response["Location"] == _offer(world) + "comment/thank-you/"
    assert "Thank you for your comment" in client.get(response["Location"]).content.decode()
    comment = SendComment.objects.get()
    assert (comment.council, comment.service, comment.commenter) == (
        world.council_a,
        send_service,
        "child",
    )
    assert comment.text == "Needs more days."
    assert comment.status == SendComment.Status.NEW
    assert not comment.held
    assert "Needs more days" not in client.get(_offer(world)).content.decode()
    event = AuditEvent.objects.get(object_type="directory.SendComment")
    assert "Needs more days" not in str(event.detail)


def test_the_service_page_comment_link_chooses_the_service(client, world, send_service):
    form = client.get(_offer(world) + f"comment/?service={send_service.pk}").content.decode()
    assert f'value="{send_service.pk}" selected' in form


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"commenter": "", "text": "Good"}, "Choose who you are"),
        ({"commenter": "child", "text": "   "}, "Write your comment."),
        ({"commenter": "child", "text": "x" * 3001}, "characters or fewer"),
        ({"commenter": "robot", "text": "Good"}, "Select a valid choice"),
        (
            {"commenter": "child", "text": "Good", "service": "not-a-service"},
            "Choose a service from the list",
        ),
    ],
)
def test_bad_comments_are_refused_with_a_message_and_nothing_saved(
    client, world, send_service, data, field_error
):
    response = client.post(_offer(world) + "comment/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert field_error in page
    assert not SendComment.objects.exists()


def test_the_write_refuses_a_service_outside_the_offer(world, send_service):
    youth_club = _service(world, "Youth club", "things-to-do")
    elsewhere = _service(world, "Bramley SEND club", "disability-and-send", world.council_b)
    for service in (youth_club, elsewhere):
        with pytest.raises(ValidationError):
            _comment(world, service=service)
    with pytest.raises(ValidationError):
        send_comments.send_comment_create(
            council=world.council_a,
            service=None,
            commenter="nobody",
            text="Hi",
            language="en",
            actor=_anyone(),
        )
    assert not SendComment.objects.exists()


def test_an_address_may_send_only_a_few(client, world, send_service):
    for number in range(send_comments.LIMIT.per_window):
        data = {"commenter": "parent", "text": f"Comment {number}"}
        assert client.post(_offer(world) + "comment/", data).status_code == 302
    response = client.post(_offer(world) + "comment/", {"commenter": "parent", "text": "More"})
    assert "You have sent a lot of messages in a short time" in response.content.decode()
    assert SendComment.objects.count() == send_comments.LIMIT.per_window


# Held words ----------------------------------------------------------------------------------


def test_a_possible_disclosure_is_held_from_the_team_and_the_leads_told_without_the_words(
    client, signed_in, world, send_service
):
    lead = make_user(role="safeguarding-lead", council=world.council_a, email="dsl@a.example")
    comment = _comment(world, text=DISCLOSURE)
    assert comment.held
    assert [message.to for message in mail.outbox] == [[lead.email]]
    body = mail.outbox[0].body
    assert f"/councils/{world.council_a.pk}/directory/held/" in body
    assert "hits me" not in body
    assert "transport" not in body
    team = signed_in(world.owner)
    page = team.get(f"/councils/{world.council_a.pk}/send-comments/").content.decode()
    assert "hits me" not in page
    assert team.get(_answer_url(world, comment)).status_code == 404
    with pytest.raises(ValidationError):
        send_comments.send_comment_answer(
            actor=actor_for(world.owner), comment=comment, publish=True, values=ANSWER
        )


def test_only_safeguarding_leads_read_held_words_and_decide(signed_in, world, send_service):
    lead = make_user(role="safeguarding-lead", council=world.council_a)
    comment = _comment(world, text=DISCLOSURE)
    suggestion = Suggestion.objects.create(
        council=world.council_a, service=send_service, text="my dad hits me", held=True
    )
    url = f"/councils/{world.council_a.pk}/directory/held/"
    assert signed_in(world.outsider).get(url).status_code == 404
    assert signed_in(world.owner).get(url).status_code == 403
    page = signed_in(lead).get(url).content.decode()
    assert "The transport is late and my dad <mark>hits me" in page
    assert "Short breaks for disabled children" in page
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, detail__page="directory held messages"
    ).exists()
    owner = signed_in(world.owner)
    assert owner.post(url + f"comments/{comment.pk}/", {"decision": "release"}).status_code == 403
    comment.refresh_from_db()
    assert comment.held  # the lead of the council without the capability changed nothing
    client = signed_in(lead)
    client.post(url + f"comments/{comment.pk}/", {"decision": "keep"})
    # Passing words on asks again first, and changes nothing until the lead confirms.
    asked = client.post(url + f"suggestions/{suggestion.pk}/", {"decision": "release"})
    assert "Pass this message to the directory team?" in asked.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.held
    client.post(url + f"suggestions/{suggestion.pk}/", {"decision": "release", "confirmed": "yes"})
    comment.refresh_from_db()
    suggestion.refresh_from_db()
    assert comment.held
    assert comment.held_reviewed_by == lead
    assert not suggestion.held
    assert suggestion.held_reviewed_by == lead
    # The first decision stands.
    client.post(url + f"comments/{comment.pk}/", {"decision": "release", "confirmed": "yes"})
    comment.refresh_from_db()
    assert comment.held
    team = signed_in(world.owner)
    assert (
        "my dad hits me"
        in team.get(f"/councils/{world.council_a.pk}/services/suggestions/").content.decode()
    )


def test_a_decision_needs_a_choice_and_an_outsider_s_ids_are_404(signed_in, world, send_service):
    lead = make_user(role="safeguarding-lead", council=world.council_a)
    comment = _comment(world, text=DISCLOSURE)
    client = signed_in(lead)
    url = f"/councils/{world.council_a.pk}/directory/held/comments/{comment.pk}/"
    assert client.post(url, {"decision": ""}).status_code == 302
    comment.refresh_from_db()
    assert comment.held_reviewed_at is None
    other_lead = make_user(role="safeguarding-lead", council=world.council_b)
    assert signed_in(other_lead).post(url, {"decision": "release"}).status_code == 404
    bramley = f"/councils/{world.council_b.pk}/directory/held/comments/{comment.pk}/"
    assert signed_in(other_lead).post(bramley, {"decision": "release"}).status_code == 404
    comment.refresh_from_db()
    assert comment.held
    assert comment.held_reviewed_at is None


# Answers -------------------------------------------------------------------------------------


def test_the_team_publishes_the_moderated_comment_with_its_answer(
    client, signed_in, world, send_service
):
    comment = _comment(world, text="Call Jo Bloggs on 07700 900123 about short breaks")
    team = signed_in(world.member)
    form = team.get(_answer_url(world, comment)).content.decode()
    assert "07700 900123" in form  # the team reads what was written
    assert "[removed]" in form  # and starts from a suggested redaction
    refused = team.post(
        _answer_url(world, comment), {**ANSWER, "shown_text": "Call 07700 900123 please"}
    )
    assert refused.status_code == 200
    assert "Remove the" in refused.content.decode()
    comment.refresh_from_db()
    assert comment.status == SendComment.Status.NEW
    response = team.post(_answer_url(world, comment), ANSWER)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == SendComment.Status.PUBLISHED
    assert comment.published_at is not None
    assert comment.answered_by == world.member
    page = client.get(_offer(world)).content.decode()
    assert "More short breaks in the holidays please" in page
    assert "Many families told us the same" in page
    assert "We are adding Saturday sessions" in page
    assert "We are doing this" in page
    assert "07700" not in page
    assert "Bloggs" not in page
    event = AuditEvent.objects.filter(
        object_type="directory.SendComment", action=AuditEvent.Action.UPDATE
    ).get()
    assert "Saturday" not in str(event.detail)


def test_the_same_answer_again_changes_nothing_and_a_new_status_updates_it(world, send_service):
    comment = _comment(world)
    actor = actor_for(world.member)
    values = {name: ANSWER.get(name, "") for name in send_comments.ANSWER_FIELDS}
    assert send_comments.send_comment_answer(
        actor=actor, comment=comment, publish=True, values=values
    )
    first = SendComment.objects.get(pk=comment.pk).published_at
    assert not send_comments.send_comment_answer(
        actor=actor, comment=comment, publish=True, values=values
    )
    assert send_comments.send_comment_answer(
        actor=actor, comment=comment, publish=True, values={**values, "action_status": "done"}
    )
    comment.refresh_from_db()
    assert comment.action_status == "done"
    assert comment.published_at == first
    assert (
        AuditEvent.objects.filter(
            object_type="directory.SendComment", action=AuditEvent.Action.UPDATE
        ).count()
        == 2
    )


def _opened(page) -> str:
    return re.search(r'name="opened" value="([^"]+)"', page.content.decode()).group(1)


@pytest.fixture
def two_open_pages(signed_in, world, send_service):
    """A published answer, and its page open for two colleagues: the comment, each one's
    client and what each one's page opened with."""
    comment = _comment(world)
    team = signed_in(world.member)
    assert team.post(_answer_url(world, comment), ANSWER).status_code == 302
    colleague = signed_in(make_user(role="council-staff", council=world.council_a))
    mine = _opened(team.get(_answer_url(world, comment)))
    theirs = _opened(colleague.get(_answer_url(world, comment)))
    return comment, team, mine, colleague, theirs


def test_two_colleagues_answering_at_once_each_keep_what_they_changed(world, two_open_pages):
    comment, team, mine, colleague, theirs = two_open_pages
    done = {**ANSWER, "action_status": "done", "opened": mine}
    assert team.post(_answer_url(world, comment), done).status_code == 302
    # The colleague's page still shows "in progress"; they change only the answer's words.
    reworded = {**ANSWER, "response_en": "Thank you. We heard this often.", "opened": theirs}
    assert colleague.post(_answer_url(world, comment), reworded).status_code == 302
    comment.refresh_from_db()
    assert comment.action_status == "done"
    assert comment.response_en == "Thank you. We heard this often."


def test_two_colleagues_changing_the_same_words_are_told_and_nothing_is_lost(world, two_open_pages):
    comment, team, mine, colleague, theirs = two_open_pages
    first = {**ANSWER, "response_en": "Thank you for telling us.", "opened": mine}
    assert team.post(_answer_url(world, comment), first).status_code == 302
    second = {**ANSWER, "response_en": "Thanks, we agree.", "opened": theirs}
    refused = colleague.post(_answer_url(world, comment), second)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else changed" in page
    assert "Thank you for telling us." in page
    comment.refresh_from_db()
    assert comment.response_en == "Thank you for telling us."
    # Saving again from that page puts the colleague's words over, knowingly.
    again = {**second, "opened": _opened(refused)}
    assert colleague.post(_answer_url(world, comment), again).status_code == 302
    comment.refresh_from_db()
    assert comment.response_en == "Thanks, we agree."


def test_a_colleagues_decision_not_to_publish_stands_and_the_page_says_so(world, two_open_pages):
    comment, team, mine, colleague, theirs = two_open_pages
    not_publish = {"decision": "not_publish", "opened": mine}
    assert team.post(_answer_url(world, comment), not_publish).status_code == 302
    reworded = {**ANSWER, "response_en": "Thank you. We heard this often.", "opened": theirs}
    page = colleague.post(_answer_url(world, comment), reworded, follow=True).content.decode()
    assert "A colleague has decided not to publish it" in page
    comment.refresh_from_db()
    assert comment.status == SendComment.Status.NOT_PUBLISHED
    assert comment.response_en == "Thank you. We heard this often."
    last = AuditEvent.objects.filter(object_type="directory.SendComment").order_by("pk").last()
    assert last.detail["status"] == ["not_published", "not_published"]


def test_changing_what_will_be_done_clears_a_reason_a_colleague_reworded_without_conflict(
    signed_in, world, send_service
):
    comment = _comment(world)
    team = signed_in(world.member)
    not_doing = {**ANSWER, "action_status": "not_doing", "reason_en": "No money this year."}
    assert team.post(_answer_url(world, comment), not_doing).status_code == 302
    colleague = signed_in(make_user(role="council-staff", council=world.council_a))
    mine = _opened(team.get(_answer_url(world, comment)))
    theirs = _opened(colleague.get(_answer_url(world, comment)))
    reworded = {**not_doing, "reason_en": "There is no funding this year.", "opened": theirs}
    assert colleague.post(_answer_url(world, comment), reworded).status_code == 302
    done = {**not_doing, "action_status": "done", "opened": mine}
    assert team.post(_answer_url(world, comment), done).status_code == 302
    comment.refresh_from_db()
    assert comment.action_status == "done"
    assert comment.reason_en == ""


def test_a_decision_both_changed_is_shown_at_the_decision_in_words(signed_in, world, send_service):
    comment = _comment(world)
    team = signed_in(world.member)
    colleague = signed_in(make_user(role="council-staff", council=world.council_a))
    mine = _opened(team.get(_answer_url(world, comment)))
    theirs = _opened(colleague.get(_answer_url(world, comment)))
    assert team.post(_answer_url(world, comment), {**ANSWER, "opened": mine}).status_code == 302
    refused = colleague.post(
        _answer_url(world, comment), {"decision": "not_publish", "opened": theirs}
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert '<a href="#id_decision">Someone else changed' in page
    assert "Published with our answer" in page
    assert "not_published" not in page
    comment.refresh_from_db()
    assert comment.status == SendComment.Status.PUBLISHED


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"response_en": ""}, "response_en"),
        ({"action_status": ""}, "action_status"),
        ({"action_en": ""}, "action_en"),
        ({"action_status": "not_doing", "action_en": ""}, "reason_en"),
        ({"shown_text": ""}, "shown_text"),
        ({"shown_text": "Email me at jo@example.org"}, "shown_text"),
    ],
)
def test_an_answer_missing_something_is_refused_and_nothing_published(
    world, send_service, change, field
):
    comment = _comment(world)
    values = {name: ANSWER.get(name, "") for name in send_comments.ANSWER_FIELDS} | change
    with pytest.raises(ValidationError) as refused:
        send_comments.send_comment_answer(
            actor=actor_for(world.member), comment=comment, publish=True, values=values
        )
    assert field in refused.value.message_dict
    comment.refresh_from_db()
    assert comment.status == SendComment.Status.NEW
    assert comment.response_en == ""


def test_not_doing_shows_why_not(client, world, send_service):
    comment = _comment(world)
    values = {name: ANSWER.get(name, "") for name in send_comments.ANSWER_FIELDS} | {
        "action_status": "not_doing",
        "action_en": "",
        "reason_en": "The building cannot open at weekends.",
    }
    send_comments.send_comment_answer(
        actor=actor_for(world.member), comment=comment, publish=True, values=values
    )
    page = client.get(_offer(world)).content.decode()
    assert "We are not doing this" in page
    assert "The building cannot open at weekends." in page


def test_a_welsh_council_must_answer_in_welsh_too(world, send_service):
    world.council_a.nation = Nation.WALES
    world.council_a.save()
    comment = _comment(world)
    values = {name: ANSWER.get(name, "") for name in send_comments.ANSWER_FIELDS}
    with pytest.raises(ValidationError) as refused:
        send_comments.send_comment_answer(
            actor=actor_for(world.member), comment=comment, publish=True, values=values
        )
    assert set(refused.value.message_dict) == {"response_cy", "action_cy"}
    values |= {"response_cy": "Diolch.", "action_cy": "Rydym yn ychwanegu sesiynau."}
    assert send_comments.send_comment_answer(
        actor=actor_for(world.member), comment=comment, publish=True, values=values
    )


def test_a_comment_not_to_publish_is_kept_off_the_public_page(
    client, signed_in, world, send_service
):
    comment = _comment(world, text="Rude words")
    response = signed_in(world.member).post(
        _answer_url(world, comment), {"decision": "not_publish"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == SendComment.Status.NOT_PUBLISHED
    assert "Rude words" not in client.get(_offer(world)).content.decode()


def test_the_team_s_list_shows_comments_by_status(signed_in, world, send_service):
    waiting = _comment(world, text="Waiting one")
    answered = _comment(world, text="Answered one")
    values = {name: ANSWER.get(name, "") for name in send_comments.ANSWER_FIELDS}
    send_comments.send_comment_answer(
        actor=actor_for(world.member), comment=answered, publish=True, values=values
    )
    client = signed_in(world.member)
    new = client.get(f"/councils/{world.council_a.pk}/send-comments/").content.decode()
    assert "Waiting one" in new
    assert "Answered one" not in new
    assert _answer_url(world, waiting) in new
    published = client.get(
        f"/councils/{world.council_a.pk}/send-comments/?status=published"
    ).content.decode()
    assert "Answered one" in published
    assert "Waiting one" not in published


def test_outsiders_get_404_and_read_only_members_403(signed_in, world, send_service):
    comment = _comment(world)
    url = _answer_url(world, comment)
    assert signed_in(world.outsider).get(url).status_code == 404
    assert signed_in(world.outsider).post(url, ANSWER).status_code == 404
    assert (
        signed_in(world.outsider).get(f"/councils/{world.council_a.pk}/send-comments/").status_code
        == 404
    )
    reader = make_user(role="elected-member", council=world.council_a)
    client = signed_in(reader)
    assert client.post(url, ANSWER).status_code == 403
    # The comments as written are for the council's editors only.
    assert client.get(f"/councils/{world.council_a.pk}/send-comments/").status_code == 403
    comment.refresh_from_db()
    assert comment.status == SendComment.Status.NEW


def test_the_held_module_names_both_kinds_of_message(world, send_service):
    _comment(world, text=DISCLOSURE)
    Suggestion.objects.create(
        council=world.council_a, service=send_service, text="he hits me", held=True
    )
    kinds = sorted(item.kind for item in held.held_words(council=world.council_a))
    assert kinds == ["comment", "suggestion"]
    assert held.held_words(council=world.council_b) == []


def test_held_messages_waiting_for_a_lead_come_most_urgent_first_with_their_priority(
    signed_in, world, send_service
):
    medium = Suggestion.objects.create(
        council=world.council_a, service=send_service, text="my dad is drunk", held=True
    )
    urgent = _comment(world, text=DISCLOSURE)  # later, but urgent ("hits me")
    items = held.held_words(council=world.council_a)
    assert [item.record.pk for item in items] == [urgent.pk, medium.pk]
    assert [item.priority for item in items] == [1, 3]
    lead = signed_in(make_user(role="safeguarding-lead", council=world.council_a))
    page = lead.get(f"/councils/{world.council_a.pk}/directory/held/").content.decode()
    assert page.index('govuk-tag--red">Urgent') < page.index('govuk-tag--yellow">Medium')
    # Once a lead has kept the urgent one held, the one still waiting comes first.
    urgent.held_reviewed_at = timezone.now()
    urgent.save()
    assert [item.record.pk for item in held.held_words(council=world.council_a)] == [
        medium.pk,
        urgent.pk,
    ]


def test_a_send_service_page_leads_to_the_comment_form_and_the_offer(client, world, send_service):
    page = client.get(f"/services/{send_service.pk}/").content.decode()
    assert f"{_offer(world)}comment/?service={send_service.pk}" in page
    assert f'href="{_offer(world)}"' in page
    other = _service(world, "Youth club", "things-to-do")
    assert "/send-local-offers/" not in client.get(f"/services/{other.pk}/").content.decode()


def test_the_programme_team_reads_no_council_s_comments_or_held_words(
    signed_in, world, send_service
):
    comment = _comment(world)
    held_one = _comment(world, text=DISCLOSURE)
    client = signed_in(make_user(role="programme-team"))
    council = world.council_a.pk
    for url in (
        f"/councils/{council}/send-comments/",
        _answer_url(world, comment),
        f"/councils/{council}/directory/held/",
    ):
        assert client.get(url).status_code == 404, url
    release = {"decision": "release", "confirmed": "yes"}
    held_url = f"/councils/{council}/directory/held/comments/{held_one.pk}/"
    assert client.post(held_url, release).status_code == 404
    held_one.refresh_from_db()
    assert held_one.held


def test_the_same_form_sent_twice_keeps_one_comment(client, world, send_service):
    form = client.get(_offer(world) + "comment/").content.decode()
    submission = re.search(r'name="submission" value="([0-9a-f-]+)"', form).group(1)
    data = {"commenter": "parent", "text": "Great club", "submission": submission}
    assert client.post(_offer(world) + "comment/", data).status_code == 302
    assert client.post(_offer(world) + "comment/", data).status_code == 302
    assert SendComment.objects.count() == 1
    # Another form (another id) is another comment.
    data["submission"] = str(uuid.uuid4())
    client.post(_offer(world) + "comment/", data)
    assert SendComment.objects.count() == 2
    # The same form sent again with other words (Back, changed, sent) keeps those words too.
    data["text"] = DISCLOSURE
    client.post(_offer(world) + "comment/", data)
    assert SendComment.objects.count() == 3
    assert SendComment.objects.get(held=True).text == DISCLOSURE


def test_words_that_may_tell_of_harm_are_kept_even_past_the_limit(client, world, send_service):
    for number in range(send_comments.LIMIT.per_window):
        client.post(_offer(world) + "comment/", {"commenter": "child", "text": f"Fine {number}"})
    response = client.post(_offer(world) + "comment/", {"commenter": "child", "text": DISCLOSURE})
    assert response.status_code == 302
    assert SendComment.objects.filter(held=True).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "A person whose job is to keep children safe will read what you wrote." in page
    assert "0800 1111" in page
    assert "This form does not ask who you are." in page


def test_the_thank_you_page_gives_help_only_to_whoever_wrote_held_words(
    client, world, send_service
):
    response = client.post(_offer(world) + "comment/", {"commenter": "child", "text": "Nice"})
    page = client.get(response["Location"]).content.decode()
    assert "What happens next" in page
    assert "keep children safe will read" not in page


def test_the_audit_keeps_no_address_of_whoever_commented(world, send_service):
    _comment(world)
    event = AuditEvent.objects.get(object_type="directory.SendComment")
    assert event.client_ip is None
