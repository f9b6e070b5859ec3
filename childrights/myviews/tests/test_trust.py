"""What keeps a child's words theirs and their alerts heard: a worker's visit beside the child,
alerts each person can act on, drafts never stranded, names kept out of the audit log, guessing
that never locks the child out, a form that cannot open another child's space, presses that do
not bury other alerts, managers who lose the role, and records not kept for ever."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from childrights.accounts.models import Membership, Role
from childrights.core.actors import Actor
from childrights.core.models import AuditEvent, RateEvent
from childrights.myviews import services
from childrights.myviews.models import Alert, Child, Meeting, Reply, Statement
from childrights.myviews.retention import purge_old_statements
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_care_world, make_sent_statement


@pytest.fixture
def care(db):
    return make_care_world(make_council(name="Aberfield City Council", short_name="Aberfield"))


def child_url(name, child, **kwargs):
    return reverse(f"myviews:{name}", kwargs={"access_key": child.access_key, **kwargs})


# --- a worker's visit beside the child ------------------------------------------------------------


def test_only_an_allocated_worker_opens_the_space_beside_the_child(care, signed_in):
    response = signed_in(care.manager).post(f"/children/{care.child.pk}/with-worker/")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCESS_DENIED, object_id=str(care.child.pk)
    ).exists()


def test_a_worker_beside_the_child_sees_only_what_the_child_sent_them(care, signed_in):
    to_social_worker = make_sent_statement(care, text="Only for Kofi", to=[care.social_worker])
    reply = services.reply_write(
        actor=Actor(person=care.social_worker), statement=to_social_worker, text="Agreed"
    )
    client = signed_in(care.reviewing_officer)
    assert client.post(f"/children/{care.child.pk}/with-worker/").status_code == 302
    home = client.get(child_url("child_home", care.child)).content.decode()
    assert f"/sent/{to_social_worker.pk}/" not in home
    page = client.get(child_url("child_statement", care.child, statement_id=to_social_worker.pk))
    assert page.status_code == 404
    reply.refresh_from_db()
    assert reply.seen_by_child_at is None


def test_a_worker_s_visit_ends_when_they_are_no_longer_allocated(care, signed_in):
    client = signed_in(care.reviewing_officer)
    client.post(f"/children/{care.child.pk}/with-worker/")
    assert client.get(child_url("child_home", care.child)).status_code == 200
    allocation = care.child.allocations.get(user=care.reviewing_officer)
    services.allocation_remove(actor=Actor(person=care.social_worker), allocation=allocation)
    response = client.get(child_url("child_home", care.child))
    assert response.status_code == 302
    assert response["Location"] == child_url("child_start", care.child)


def test_a_team_manager_who_is_not_allocated_cannot_give_the_child_a_new_code(care, signed_in):
    response = signed_in(care.manager).post(f"/children/{care.child.pk}/code/")
    assert response.status_code == 403
    assert services.code_try(care.child, care.code).ok


# --- alerts each person can act on ----------------------------------------------------------------


def test_workers_are_sent_to_the_child_and_leads_to_the_alerts(
    care, django_capture_on_commit_callbacks
):
    lead = make_user(role="safeguarding-lead", council=care.council)
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_raise(child=care.child, source=Alert.Source.BUTTON, submission="a")
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert f"/councils/{care.council.pk}/children/alerts/" in by_address[lead.email]
    assert f"/children/{care.child.pk}/" in by_address[care.social_worker.email]
    assert "/alerts/" not in by_address[care.social_worker.email]


def test_a_council_without_a_safeguarding_lead_has_its_leads_told_to_name_one(
    care, django_capture_on_commit_callbacks
):
    council_lead = make_user(role="council-lead", council=care.council)
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_raise(child=care.child, source=Alert.Source.BUTTON, submission="a")
    to_lead = [message for message in mail.outbox if message.to == [council_lead.email]]
    assert len(to_lead) == 1
    assert "no designated safeguarding lead" in to_lead[0].subject
    workers = {message.to[0] for message in mail.outbox} - {council_lead.email}
    assert workers == {care.social_worker.email, care.reviewing_officer.email}


def test_the_child_s_page_shows_a_waiting_alert_to_their_workers(care, signed_in):
    services.alert_raise(child=care.child, source=Alert.Source.BUTTON, submission="a")
    page = signed_in(care.social_worker).get(f"/children/{care.child.pk}/").content.decode()
    assert "This child may not be safe" in page


def test_presses_while_an_alert_waits_are_counted_on_it_not_sent_again(
    care, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.alert_raise(child=care.child, source=Alert.Source.BUTTON, submission="a")
    sent = len(mail.outbox)
    assert sent == 2
    with django_capture_on_commit_callbacks(execute=True):
        for press in range(20):
            services.alert_raise(
                child=care.child, source=Alert.Source.BUTTON, submission=f"{press}"
            )
        services.alert_raise(child=care.child, source=Alert.Source.BUTTON, submission="")
    assert Alert.objects.count() == 1
    first.refresh_from_db()
    assert first.presses == 22
    assert len(mail.outbox) == sent
    lead = make_user(role="safeguarding-lead", council=care.council)
    services.alert_decide(actor=Actor(person=lead), alert=first, outcome="contacted", note="")
    services.alert_raise(child=care.child, source=Alert.Source.BUTTON, submission="later")
    assert Alert.objects.count() == 2


# --- drafts never stranded ------------------------------------------------------------------------


def test_words_written_before_a_meeting_was_booked_carry_on_to_it(care):
    draft = services.statement_draft(child=care.child)
    services.statement_answer(statement=draft, topic="health", face="", text="WORDS-BEFORE")
    meeting = services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind=Meeting.Kind.REVIEW,
        on=timezone.localdate() + timedelta(days=20),
    )
    again = services.statement_draft(child=care.child)
    assert again.pk == draft.pk
    assert again.meeting == meeting
    assert again.answers["health"]["text"] == "WORDS-BEFORE"
    assert Statement.objects.count() == 1


# --- names out of the audit log -------------------------------------------------------------------


def test_the_audit_log_never_names_the_child(care, signed_in):
    signed_in(make_user(role="programme-team")).get(f"/children/{care.child.pk}/")
    assert AuditEvent.objects.filter(object_type="myviews.Child").exists()
    assert not AuditEvent.objects.filter(object_repr__icontains="Sam").exists()


# --- guessing ---------------------------------------------------------------------------------


def test_someone_guessing_elsewhere_never_keeps_the_child_out(care):
    for _ in range(services.CODE_GUESSES.per_window + 3):
        services.code_try(care.child, "wrong-guess-11", browser="stranger")
    assert not services.code_try(care.child, care.code, browser="stranger").ok
    assert services.code_try(care.child, care.code, browser="the-child").ok


def test_tries_while_waiting_do_not_make_the_wait_longer(care):
    for _ in range(services.CODE_GUESSES.per_window):
        services.code_try(care.child, "wrong-guess-11", browser="b")
    for _ in range(10):
        assert services.code_try(care.child, care.code, browser="b").wait_minutes
    assert RateEvent.objects.filter(scope=services.CODE_GUESSES.scope).count() == (
        services.CODE_GUESSES.per_window
    )


def test_a_long_code_gets_words_for_a_child(care, client):
    page = client.post(child_url("child_start", care.child), {"code": "x" * 41}).content.decode()
    assert "That code is too long" in page


# --- the form that made a record ------------------------------------------------------------------


def test_another_worker_re_sending_the_form_gets_no_code_for_the_child(care, signed_in):
    client = signed_in(care.social_worker)
    url = f"/councils/{care.council.pk}/children/new/"
    form_id = client.get(url).content.decode().split('name="submission" value="')[1].split('"')[0]
    data = {
        "submission": form_id,
        "chosen_name": "Robin",
        "age_band": "8-11",
        "status": "in_care",
        "language": "en-gb",
        "team": str(care.team.pk),
    }
    client.post(url, data)
    robin = Child.objects.get(chosen_name="Robin")
    version = robin.code_version
    other = signed_in(care.other_worker).post(url, data, follow=True)
    assert "already used" in other.content.decode()
    robin.refresh_from_db()
    assert robin.code_version == version
    assert Child.objects.filter(chosen_name="Robin").count() == 1


# --- managers who lose the role ------------------------------------------------------------------


def test_a_manager_moved_to_another_role_no_longer_reaches_the_team(care, signed_in):
    assert signed_in(care.manager).get(f"/children/{care.child.pk}/").status_code == 200
    Membership.objects.filter(user=care.manager).update(role=Role.objects.get(slug="social-worker"))
    care.manager.__dict__.pop("_memberships", None)
    assert signed_in(care.manager).get(f"/children/{care.child.pk}/").status_code == 404


# --- nothing kept for ever ------------------------------------------------------------------------


def test_decided_alerts_and_idle_records_go_after_the_retention_period(care):
    lead = make_user(role="safeguarding-lead", council=care.council)
    alert = services.alert_raise(child=care.child, source=Alert.Source.BUTTON, submission="a")
    services.alert_decide(actor=Actor(person=lead), alert=alert, outcome="contacted", note="ok")
    waiting_child, _ = services.child_create(
        actor=Actor(person=care.social_worker),
        council=care.council,
        team=care.team,
        chosen_name="Jo",
        age_band="12-15",
        status="in_care",
        language="en-gb",
    )
    services.alert_raise(child=waiting_child, source=Alert.Source.BUTTON, submission="b")
    today = timezone.localdate()
    assert purge_old_statements(today=today + timedelta(days=300)).children == 0
    purged = purge_old_statements(today=today + timedelta(days=400))
    assert purged.alerts == 1
    assert purged.children == 1
    assert not Child.objects.filter(pk=care.child.pk).exists()
    # A child whose alert still waits for a lead is kept, whatever its age.
    assert Child.objects.filter(pk=waiting_child.pk).exists()
    assert Reply.objects.count() == 0
