"""Children's views: who reaches a child, the child's code, statements, alerts and retention."""

from datetime import timedelta

import pytest
from django.core import mail
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.myviews import selectors, services
from childrights.myviews.models import Alert, Meeting, Reply, Statement, Tally
from childrights.myviews.retention import purge_old_statements
from childrights.participation.models import Phrase
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_care_world, make_sent_statement


@pytest.fixture
def care(db):
    return make_care_world(make_council(name="Aberfield City Council", short_name="Aberfield"))


def _request(user):
    request = RequestFactory().get("/children/")
    request.user = user
    return request


# --- who reaches a child --------------------------------------------------------------------------


def test_allocated_workers_and_the_team_manager_reach_the_child(care):
    for person in (care.social_worker, care.reviewing_officer, care.manager):
        found = selectors.child_or_404(request=_request(person), child_id=care.child.pk)
        assert found == care.child


def test_staff_of_the_same_council_who_are_not_allocated_get_404_and_it_is_audited(care):
    lead = make_user(role="council-lead", council=care.council)
    safeguarding = make_user(role="safeguarding-lead", council=care.council)
    for person in (care.other_worker, lead, safeguarding):
        with pytest.raises(Http404):
            selectors.child_or_404(request=_request(person), child_id=care.child.pk)
    refusals = AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED)
    assert refusals.count() == 3


def test_a_worker_of_another_council_and_the_programme_team_get_404(care):
    elsewhere = make_user(role="social-worker", council=make_council())
    programme = make_user(role="programme-team")
    for person in (elsewhere, programme):
        with pytest.raises(Http404):
            selectors.child_or_404(request=_request(person), child_id=care.child.pk)


def test_a_worker_unallocated_or_who_lost_the_role_no_longer_reaches_the_child(care):
    allocation = care.child.allocations.get(user=care.reviewing_officer)
    services.allocation_remove(actor=Actor(person=care.manager), allocation=allocation)
    with pytest.raises(Http404):
        selectors.child_or_404(request=_request(care.reviewing_officer), child_id=care.child.pk)
    care.social_worker.memberships.all().delete()
    care.social_worker.__dict__.pop("_memberships", None)
    with pytest.raises(Http404):
        selectors.child_or_404(request=_request(care.social_worker), child_id=care.child.pk)


def test_only_the_workers_the_child_chose_read_the_statement(care):
    statement = make_sent_statement(care, to=[care.reviewing_officer])
    found = selectors.statement_or_404(
        request=_request(care.reviewing_officer), statement_id=statement.pk
    )
    assert found == statement
    for person in (care.social_worker, care.manager, care.other_worker):
        with pytest.raises(Http404):
            selectors.statement_or_404(request=_request(person), statement_id=statement.pk)


def test_a_draft_is_read_by_nobody(care):
    draft = services.statement_draft(child=care.child)
    services.statement_answer(statement=draft, topic="health", face="", text="Fine")
    with pytest.raises(Http404):
        selectors.statement_or_404(request=_request(care.social_worker), statement_id=draft.pk)


def test_only_roles_that_work_with_children_can_be_allocated(care):
    lead = make_user(role="council-lead", council=care.council)
    role = care.social_worker.memberships.get().role
    with pytest.raises(services.NotAWorker):
        services.allocation_add(
            actor=Actor(person=care.manager), child=care.child, user=lead, role=role
        )


# --- the child's code -----------------------------------------------------------------------------


def test_the_code_opens_whatever_its_case_and_spaces(care):
    typed = care.code.upper().replace("-", " ")
    assert services.code_try(care.child, typed).ok


def test_wrong_codes_are_slowed_but_the_child_is_never_locked_out_for_good(care):
    for _ in range(services.CODE_GUESSES.per_window):
        assert not services.code_try(care.child, "wrong-guess-11").ok
    refused = services.code_try(care.child, care.code)
    assert not refused.ok
    assert 1 <= refused.wait_minutes <= 10


def test_a_right_code_does_not_count_as_a_guess(care):
    for _ in range(services.CODE_GUESSES.per_window * 2):
        assert services.code_try(care.child, care.code).ok


def test_a_new_code_replaces_the_old_one_and_ends_its_sessions(care):
    before = care.child.code_version
    new = services.code_issue(actor=Actor(person=care.social_worker), child=care.child)
    assert new != care.code
    assert care.child.code_version == before + 1
    assert not services.code_try(care.child, care.code).ok
    assert services.code_try(care.child, new).ok
    event = AuditEvent.objects.filter(object_id=str(care.child.pk)).latest("pk")
    assert new not in str(event.detail)
    assert event.detail == {"code": "issued"}


def test_the_child_chooses_a_code_and_easy_ones_are_refused_in_words(care):
    for easy, words in (("abc", "at least"), ("aaaaaaaa", "too easy"), ("Sam-Sam", "your name")):
        with pytest.raises(services.CodeNotAllowed, match=words):
            services.code_change(child=care.child, code=easy)
    services.code_change(child=care.child, code="Purple Dinosaur 7")
    assert care.child.code_chosen_by_child
    assert services.code_try(care.child, "purpledinosaur7").ok


# --- statements -----------------------------------------------------------------------------------


def test_a_draft_keeps_answers_and_is_for_the_next_meeting(care):
    meeting = services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind=Meeting.Kind.REVIEW,
        on=timezone.localdate() + timedelta(days=10),
    )
    draft = services.statement_draft(child=care.child)
    services.statement_answer(statement=draft, topic="where-i-live", face="😀", text="I like it")
    again = services.statement_draft(child=care.child)
    assert again.pk == draft.pk
    assert again.meeting == meeting
    assert again.answers == {"where-i-live": {"face": "😀", "text": "I like it"}}
    services.statement_answer(statement=draft, topic="where-i-live", face="", text="  ")
    draft.refresh_from_db()
    assert draft.answers == {}


def test_a_care_leaver_is_asked_about_their_pathway_plan(care):
    care.child.status = "care_leaver"
    draft = services.statement_draft(child=care.child)
    assert draft.template.kind == Meeting.Kind.PATHWAY
    assert "money" in [topic["slug"] for topic in draft.template.content["topics"]]


def test_sending_goes_only_to_allocated_workers_and_tells_them_without_the_words(
    care, django_capture_on_commit_callbacks
):
    draft = services.statement_draft(child=care.child)
    services.statement_answer(statement=draft, topic="worries", face="", text="Nobody listens")
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.statement_send(
            statement=draft, recipient_ids=[care.reviewing_officer.pk, care.other_worker.pk]
        )
    assert sent
    draft.refresh_from_db()
    assert draft.status == Statement.Status.SENT
    assert list(draft.recipients.all()) == [care.reviewing_officer]
    assert [message.to for message in mail.outbox] == [[care.reviewing_officer.email]]
    assert "Nobody listens" not in mail.outbox[0].body
    assert "Sam" not in mail.outbox[0].body
    assert not services.statement_send(statement=draft, recipient_ids=[care.social_worker.pk])
    assert list(draft.recipients.all()) == [care.reviewing_officer]


def test_nothing_is_sent_empty_or_to_nobody(care):
    draft = services.statement_draft(child=care.child)
    with pytest.raises(services.NothingToSend):
        services.statement_send(statement=draft, recipient_ids=[care.social_worker.pk])
    services.statement_answer(statement=draft, topic="health", face="🙂", text="")
    with pytest.raises(services.NothingToSend):
        services.statement_send(statement=draft, recipient_ids=[care.other_worker.pk])
    draft.refresh_from_db()
    assert draft.status == Statement.Status.DRAFT


def test_a_sent_statement_cannot_be_changed_but_can_be_added_to(care):
    statement = make_sent_statement(care)
    with pytest.raises(services.NotADraft):
        services.statement_answer(statement=statement, topic="health", face="", text="changed")
    services.addition_add(statement=statement, text="Also I want a phone.")
    assert statement.additions.get().text == "Also I want a phone."


def test_words_that_may_tell_of_harm_alert_the_leads(care, django_capture_on_commit_callbacks):
    Phrase.objects.create(phrase="hits me", priority=1, category="physical")
    lead = make_user(role="safeguarding-lead", council=care.council)
    with django_capture_on_commit_callbacks(execute=True):
        statement = make_sent_statement(care, text="My carer hits me")
    alert = Alert.objects.get()
    assert alert.source == Alert.Source.SCREENING
    assert alert.statement == statement
    told = {address for message in mail.outbox for address in message.to}
    assert lead.email in told
    assert all("hits me" not in message.body for message in mail.outbox)


# --- answers back ---------------------------------------------------------------------------------


def test_an_answer_can_change_until_the_child_sees_it_and_listened_is_kept_once(care):
    statement = make_sent_statement(care)
    actor = Actor(person=care.reviewing_officer)
    reply = services.reply_write(actor=actor, statement=statement, text="You will see Jo weekly.")
    services.reply_write(actor=actor, statement=statement, text="You will see Jo every week.")
    reply.refresh_from_db()
    assert reply.text == "You will see Jo every week."
    services.reply_seen(reply)
    with pytest.raises(ValueError, match="seen the answer"):
        services.reply_write(actor=actor, statement=statement, text="Changed after")
    assert services.listened_record(reply=reply, listened=Reply.Listened.A_BIT)
    assert not services.listened_record(reply=reply, listened=Reply.Listened.NO)
    reply.refresh_from_db()
    assert reply.listened == Reply.Listened.A_BIT


def test_reading_is_audited_every_time_and_shown_to_the_child_once(care):
    statement = make_sent_statement(care)
    actor = Actor(person=care.reviewing_officer)
    services.statement_read(actor=actor, statement=statement)
    services.statement_read(actor=actor, statement=statement)
    reading = statement.readings.get()
    assert reading.role_name_en == "Independent reviewing officer"
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_id=str(statement.pk))
    assert views.count() == 2
    assert all("brother" not in str(event.detail) for event in views)


# --- "I don't feel safe" --------------------------------------------------------------------------


def test_the_button_alerts_leads_and_workers_at_once_and_twice_keeps_one(
    care, django_capture_on_commit_callbacks
):
    lead = make_user(role="safeguarding-lead", council=care.council)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.alert_raise(child=care.child, source="button", submission="press-1")
        again = services.alert_raise(child=care.child, source="button", submission="press-1")
    assert first.pk == again.pk
    assert Alert.objects.count() == 1
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([lead.email, care.social_worker.email, care.reviewing_officer.email])
    assert all("Sam" not in message.body for message in mail.outbox)


def test_a_lead_decides_once(care):
    lead = make_user(role="safeguarding-lead", council=care.council)
    alert = services.alert_raise(child=care.child, source="button", submission="p")
    actor = Actor(person=lead)
    assert services.alert_decide(actor=actor, alert=alert, outcome="contacted", note="Called")
    assert not services.alert_decide(actor=actor, alert=alert, outcome="no_action", note="")
    alert.refresh_from_db()
    assert alert.outcome == "contacted"
    assert alert.decided_by == lead


# --- retention ------------------------------------------------------------------------------------


def test_statements_past_retention_are_deleted_leaving_anonymous_counts(care):
    meeting = services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind=Meeting.Kind.REVIEW,
        on=timezone.localdate() + timedelta(days=1),
    )
    statement = make_sent_statement(care)
    assert statement.meeting == meeting
    reply = services.reply_write(
        actor=Actor(person=care.reviewing_officer), statement=statement, text="Agreed"
    )
    services.listened_record(reply=reply, listened="yes")
    draft = services.statement_draft(child=care.child)
    services.statement_answer(statement=draft, topic="health", face="🙂", text="")

    kept = purge_old_statements(today=meeting.on + timedelta(days=360))
    assert (kept.statements, kept.drafts) == (0, 0)
    purged = purge_old_statements(today=meeting.on + timedelta(days=400))
    assert (purged.statements, purged.drafts) == (1, 1)
    assert not Statement.objects.exists()
    assert not Reply.objects.exists()
    tally = Tally.objects.get()
    assert (tally.statements, tally.replied, tally.replied_on_time, tally.listened_yes) == (
        1,
        1,
        1,
        1,
    )
    assert tally.sent_by_meeting == 1  # sent before the meeting
    assert tally.topics == {"family-and-friends": 1}
    assert tally.month == meeting.on.replace(day=1)
    assert purge_old_statements(today=meeting.on + timedelta(days=800)).statements == 0
    assert Tally.objects.get().statements == 1
