"""The staff pages of children's views: a worker adds a child and prints the card, allocates
workers, adds meetings and asks for views; the team manager sees what is due; the workers the
child chose read, answer and download the statement; safeguarding leads act on alerts; council
leads keep the teams and settings."""

import io
import json
from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.myviews import child_session, services
from childrights.myviews.models import Alert, Allocation, Child, Meeting, Settings, Statement, Team
from childrights.testing.factories import make_user
from childrights.testing.myviews import make_care_world, make_sent_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def care(world):
    return make_care_world(world.council_a)


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return str(response.content.decode())


def _child_form(care, **overrides):
    data = {
        "chosen_name": "Robin",
        "age_band": "8-11",
        "status": "in_care",
        "language": "en-gb",
        "council_reference": "CR-1234",
        "team": str(care.team.pk),
        "came_into_care_on_day": "3",
        "came_into_care_on_month": "2",
        "came_into_care_on_year": "2026",
    }
    data.update(overrides)
    return data


# --- adding a child and the card ------------------------------------------------------------------


def test_a_worker_adds_a_child_and_sees_the_card_once_with_the_link_and_code(care, signed_in):
    client = signed_in(care.social_worker)
    response = client.post(reverse("myviews:child_new", args=[care.council.pk]), _child_form(care))
    page = _page(response)
    child = Child.objects.get(chosen_name="Robin")
    assert child.council_reference == "CR-1234"
    assert child.came_into_care_on == date(2026, 2, 3)
    assert Allocation.objects.filter(child=child, user=care.social_worker).exists()
    link = django_settings.SITE_URL + f"/my-views/{child.access_key}/"
    assert link in page
    assert "no-store" in response["Cache-Control"]
    code = page.split('app-secret-key">')[1].split("<")[0]
    assert services.code_try(child, code).ok
    assert code not in child.code_hash
    assert not AuditEvent.objects.filter(detail__icontains=code).exists()
    assert "app-card" in page
    assert "app-no-print" in page


def test_adding_a_child_pressed_twice_makes_one_record_and_the_card_shows_the_working_code(
    care, signed_in
):
    client = signed_in(care.social_worker)
    url = reverse("myviews:child_new", args=[care.council.pk])
    form_id = _page(client.get(url)).split('name="submission" value="')[1].split('"')[0]
    first = _page(client.post(url, _child_form(care, submission=form_id)))
    second = _page(client.post(url, _child_form(care, submission=form_id)))
    child = Child.objects.get(chosen_name="Robin")
    first_code = first.split('app-secret-key">')[1].split("<")[0]
    second_code = second.split('app-secret-key">')[1].split("<")[0]
    assert not services.code_try(child, first_code).ok
    assert services.code_try(child, second_code).ok
    assert child.allocations.count() == 1


def test_a_welsh_speaking_child_s_card_is_in_welsh_and_english(care, signed_in):
    client = signed_in(care.social_worker)
    page = _page(
        client.post(
            reverse("myviews:child_new", args=[care.council.pk]),
            _child_form(care, language="cy"),
        )
    )
    assert '<div class="app-card__part" lang="cy">' in page
    assert '<div class="app-card__part" lang="en">' in page
    assert page.index('lang="cy"><h2') < page.index('lang="en"><h2')
    assert "Your code" in page


def test_bad_input_for_a_new_child_is_refused_in_words_and_nothing_is_made(care, signed_in):
    client = signed_in(care.social_worker)
    before = Child.objects.count()
    page = _page(
        client.post(
            reverse("myviews:child_new", args=[care.council.pk]),
            _child_form(care, chosen_name=" ", came_into_care_on_month="", age_band=""),
        )
    )
    assert "Enter the name the child chose" in page
    assert "The date the child came into care must include a month" in page
    assert "Choose the child&#x27;s age" in page
    assert Child.objects.count() == before


def test_a_worker_without_allocate_cannot_add_a_child(care, signed_in):
    client = signed_in(care.reviewing_officer)
    response = client.get(reverse("myviews:child_new", args=[care.council.pk]))
    assert response.status_code == 403


def test_a_lost_code_is_reissued_the_old_one_stops_and_is_never_audited(care, signed_in):
    client = signed_in(care.social_worker)
    url = reverse("myviews:child_code_reissue", kwargs={"child_id": care.child.pk})
    assert "Give the child a new code?" in _page(client.get(url))
    assert services.code_try(care.child, care.code).ok
    response = client.post(url)
    page = _page(response)
    assert "no-store" in response["Cache-Control"]
    new = page.split('app-secret-key">')[1].split("<")[0]
    care.child.refresh_from_db()
    assert not services.code_try(care.child, care.code).ok
    assert services.code_try(care.child, new).ok
    assert not AuditEvent.objects.filter(detail__icontains=new).exists()


# --- workers --------------------------------------------------------------------------------------


def test_only_people_who_work_with_children_can_be_allocated_and_removal_asks_first(
    care, world, signed_in
):
    make_user(role="advocate", council=care.council, full_name="Ash Advocate")
    make_user(role="safeguarding-lead", council=care.council, full_name="Dee Lead")
    client = signed_in(care.social_worker)
    url = reverse("myviews:child_workers", args=[care.child.pk])
    page = _page(client.get(url))
    assert "Ash Advocate" in page
    assert "Dee Lead" not in page  # safeguarding leads do not work with children's records
    staff_member = world.member.memberships.get()
    assert f'value="{staff_member.pk}"' not in page  # council staff: not a worker
    membership = care.other_worker.memberships.get()
    response = client.post(url, {"membership": str(membership.pk)})
    assert response.status_code == 302
    allocation = Allocation.objects.get(child=care.child, user=care.other_worker)
    page = _page(client.post(url, {"membership": str(staff_member.pk)}))
    assert "Choose the worker to allocate" in page

    remove = reverse("myviews:allocation_remove", args=[allocation.pk])
    assert "Remove" in _page(client.get(remove))
    assert Allocation.objects.filter(pk=allocation.pk).exists()
    assert client.post(remove).status_code == 302
    assert not Allocation.objects.filter(pk=allocation.pk).exists()


# --- meetings and the team view -------------------------------------------------------------------


def test_a_meeting_date_is_typed_as_day_month_year_with_clear_errors(care, signed_in):
    client = signed_in(care.social_worker)
    url = reverse("myviews:meeting_new", args=[care.child.pk])
    page = _page(
        client.post(url, {"kind": "review", "on_day": "12", "on_month": "", "on_year": "2026"})
    )
    assert "The date of the meeting must include a month" in page
    page = _page(
        client.post(url, {"kind": "review", "on_day": "31", "on_month": "2", "on_year": "2026"})
    )
    assert "The date of the meeting must be a real date" in page
    page = _page(client.post(url, {"kind": "", "on_day": "", "on_month": "", "on_year": ""}))
    assert "Choose the kind of meeting" in page
    assert "Enter the date of the meeting" in page
    assert not Meeting.objects.exists()
    day = timezone.localdate() + timedelta(days=20)
    response = client.post(
        url, {"kind": "review", "on_day": day.day, "on_month": day.month, "on_year": day.year}
    )
    assert response.status_code == 302
    assert Meeting.objects.get().on == day


def test_the_child_page_says_the_latest_date_of_the_next_review(care, signed_in):
    care.child.came_into_care_on = date(2026, 1, 5)
    care.child.save()
    page = _page(signed_in(care.social_worker).get(reverse("myviews:child", args=[care.child.pk])))
    # England: the first review within 20 working days of coming into care.
    assert "2 February 2026" in page


def test_workers_see_their_children_and_managers_see_the_team_view(care, signed_in):
    today = timezone.localdate()
    actor = Actor(person=care.social_worker)
    soon = services.meeting_add(
        actor=actor, child=care.child, kind="review", on=today + timedelta(days=5)
    )
    _other, _ = services.child_create(
        actor=Actor(person=care.manager),
        council=care.council,
        team=care.team,
        chosen_name="Kai",
        age_band="16-17",
        status="in_care",
        language="en-gb",
        came_into_care_on=today - timedelta(days=200),
    )
    page = _page(
        signed_in(care.social_worker).get(reverse("myviews:children", args=[care.council.pk]))
    )
    assert "Children I work with" in page
    assert care.child.chosen_name in page
    assert "Kai" not in page
    assert "Your team" not in page

    page = _page(signed_in(care.manager).get(reverse("myviews:children", args=[care.council.pk])))
    assert f"Your team: {care.team.name}" in page
    assert "Kai" in page
    assert "1 child with a meeting coming up has not sent their views" in page
    assert "Later than the rhythm allows" in page  # Kai: no review within 20 working days
    assert "Ask for views" in page

    response = signed_in(care.manager).post(
        reverse("myviews:meeting_invite", args=[soon.pk]), {"next": "children"}
    )
    assert response.status_code == 302
    soon.refresh_from_db()
    assert soon.invited_at is not None


def test_answers_overdue_show_in_the_team_view(care, signed_in):
    held = services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind="review",
        on=timezone.localdate() + timedelta(days=1),
    )
    statement = make_sent_statement(care)
    assert statement.meeting == held
    Meeting.objects.filter(pk=held.pk).update(on=timezone.localdate() - timedelta(days=60))
    page = _page(signed_in(care.manager).get(reverse("myviews:children", args=[care.council.pk])))
    assert "1 child is waiting for an answer that is overdue" in page


def test_a_nation_whose_rhythm_is_not_checked_says_so(care, signed_in):
    care.council.nation = "wales"
    care.council.save()
    page = _page(
        signed_in(care.social_worker).get(reverse("myviews:children", args=[care.council.pk]))
    )
    assert "has not been checked against the regulations" in page


# --- the statement --------------------------------------------------------------------------------


def test_a_recipient_reads_the_words_by_topic_and_each_reading_is_audited(care, signed_in):
    statement = make_sent_statement(care, text="I want to see my brother more.")
    client = signed_in(care.reviewing_officer)
    url = reverse("myviews:statement", args=[statement.pk])
    page = _page(client.get(url))
    assert "Family and friends time" in page
    assert "I want to see my brother more." in page
    assert "You can change your answer until the child has seen it." in page
    assert "Not downloaded yet" in page
    client.get(url)
    views = AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_id=str(statement.pk), actor=care.reviewing_officer
    )
    assert views.count() == 2
    assert statement.readings.filter(user=care.reviewing_officer).count() == 1
    assert "brother" not in str(list(views.values_list("detail", flat=True)))


def test_the_team_manager_who_was_not_sent_the_statement_gets_404(care, signed_in):
    statement = make_sent_statement(care, to=[care.social_worker])
    for person in (care.manager, care.reviewing_officer, care.other_worker):
        response = signed_in(person).get(reverse("myviews:statement", args=[statement.pk]))
        assert response.status_code == 404


def test_the_answer_back_can_change_until_the_child_has_seen_it(care, signed_in):
    statement = make_sent_statement(care)
    client = signed_in(care.reviewing_officer)
    url = reverse("myviews:statement_answer", args=[statement.pk])
    page = _page(client.post(url, {"text": "  "}))
    assert "Enter what was decided about what the child said" in page
    assert client.post(url, {"text": "You will see your brother every week."}).status_code == 302
    assert (
        client.post(url, {"text": "You will see your brother every Saturday."}).status_code == 302
    )
    statement.refresh_from_db()
    assert statement.reply.text == "You will see your brother every Saturday."
    services.reply_seen(statement.reply)
    page = _page(client.post(url, {"text": "Changed after"}))
    assert "The child has already seen your answer" in page
    statement.refresh_from_db()
    assert statement.reply.text == "You will see your brother every Saturday."
    page = _page(client.get(reverse("myviews:statement", args=[statement.pk])))
    assert "The child has seen your answer, so it can no longer be changed." in page


def test_the_pdf_is_tagged_titled_in_the_language_and_marked_exported(care, signed_in):
    statement = make_sent_statement(care, text="I want to see my brother more.")
    client = signed_in(care.social_worker)
    response = client.get(reverse("myviews:statement_pdf", args=[statement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.root_object
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "en"
    assert "Views of Sam" in str(reader.metadata.title)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "I want to see my brother more." in text
    assert "Family and friends time" in text
    statement.refresh_from_db()
    assert statement.exported_at is not None
    assert statement.exported_by == care.social_worker
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, object_id=str(statement.pk), detail__format="pdf"
    ).exists()
    page = _page(client.get(reverse("myviews:statement", args=[statement.pk])))
    assert "Downloaded on" in page
    assert "the council keeps statements for 12 months after the meeting" in page


def test_the_json_holds_what_the_case_system_needs_and_is_marked_exported(care, signed_in):
    care.child.council_reference = "CR-9"
    care.child.save()
    statement = make_sent_statement(care, text="I want to see my brother more.")
    services.addition_add(statement=statement, text="And my sister.")
    response = signed_in(care.social_worker).get(
        reverse("myviews:statement_json", args=[statement.pk])
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["statement_id"] == statement.pk
    assert data["child"]["council_reference"] == "CR-9"
    assert data["template"] == {
        "slug": statement.template.slug,
        "version": statement.template.version,
    }
    topic = data["topics"][0]
    assert topic["title"]["en"] == "Family and friends time"
    assert topic["title"]["cy"] == "Amser gyda theulu a ffrindiau"
    assert topic["text"] == "I want to see my brother more."
    assert data["additions"][0]["text"] == "And my sister."
    assert {person["name"] for person in data["recipients"]} == {
        care.social_worker.full_name or care.social_worker.email,
        care.reviewing_officer.full_name or care.reviewing_officer.email,
    }
    statement.refresh_from_db()
    assert statement.exported_at is not None
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, detail__format="json"
    ).exists()


# --- safety alerts --------------------------------------------------------------------------------


@pytest.fixture
def lead(care):
    return make_user(role="safeguarding-lead", council=care.council, email="dsl@care.example")


def test_safeguarding_leads_see_alerts_waiting_first_and_each_view_is_audited(
    care, lead, signed_in
):
    decided = services.alert_raise(child=care.child, source="button", submission="a")
    services.alert_decide(actor=Actor(person=lead), alert=decided, outcome="contacted", note="ok")
    waiting = services.alert_raise(child=care.child, source="button", submission="b")
    client = signed_in(lead)
    page = _page(client.get(reverse("myviews:alerts", args=[care.council.pk])))
    first = page.index(reverse("myviews:alert", args=[waiting.pk]))
    assert first < page.index(reverse("myviews:alert", args=[decided.pk]))
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, actor=lead, object_id=str(care.council.pk)
    ).exists()
    page = _page(client.get(reverse("myviews:alert", args=[waiting.pk])))
    assert care.child.chosen_name in page
    assert care.team.name in page
    assert care.social_worker.email in page
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, actor=lead, object_id=str(waiting.pk)
    ).exists()


def test_a_screening_alert_shows_the_words_with_the_phrases_marked(care, lead, signed_in):
    make_sent_statement(care, text="My carer hits me when I am late")
    alert = Alert.objects.get(source="screening")
    page = _page(signed_in(lead).get(reverse("myviews:alert", args=[alert.pk])))
    assert "<mark>" in page
    assert "Family and friends time" in page


def test_a_lead_records_the_decision_once_and_bad_input_changes_nothing(care, lead, signed_in):
    alert = services.alert_raise(child=care.child, source="button", submission="x")
    client = signed_in(lead)
    url = reverse("myviews:alert", args=[alert.pk])
    page = _page(client.post(url, {"outcome": "", "note": " "}))
    assert "Choose what happened" in page
    assert "Enter what was done" in page
    alert.refresh_from_db()
    assert alert.outcome == ""
    assert client.post(url, {"outcome": "contacted", "note": "Rang the carer"}).status_code == 302
    alert.refresh_from_db()
    assert (alert.outcome, alert.decided_by) == ("contacted", lead)


def test_safeguarding_leads_do_not_reach_the_child_s_record(care, lead, signed_in):
    client = signed_in(lead)
    assert client.get(reverse("myviews:child", args=[care.child.pk])).status_code == 404
    assert client.get(reverse("myviews:children", args=[care.council.pk])).status_code == 404
    statement = make_sent_statement(care)
    assert client.get(reverse("myviews:statement", args=[statement.pk])).status_code == 404


def test_workers_do_not_see_the_safety_alerts(care, signed_in):
    alert = services.alert_raise(child=care.child, source="button", submission="y")
    client = signed_in(care.social_worker)
    assert client.get(reverse("myviews:alerts", args=[care.council.pk])).status_code == 404
    assert client.get(reverse("myviews:alert", args=[alert.pk])).status_code == 404


# --- teams and settings ---------------------------------------------------------------------------


def test_a_lead_adds_a_team_choosing_managers_among_team_managers_only(care, world, signed_in):
    client = signed_in(world.owner)
    url = reverse("myviews:team_new", args=[care.council.pk])
    page = _page(client.get(url))
    assert care.manager.email in page or care.manager.full_name in page
    assert care.social_worker.email not in page
    response = client.post(url, {"name": "Leaving care team", "managers": [care.manager.pk]})
    assert response.status_code == 302
    team = Team.objects.get(name="Leaving care team")
    assert list(team.managers.all()) == [care.manager]
    page = _page(client.post(url, {"name": "leaving care team"}))
    assert "The council already has a team with this name" in page
    page = _page(client.post(url, {"name": "Another", "managers": [care.social_worker.pk]}))
    assert "Choose team managers from the list" in page
    assert Team.objects.filter(council=care.council).count() == 2


def test_a_lead_changes_the_settings_and_bad_input_changes_nothing(care, world, signed_in):
    client = signed_in(world.owner)
    url = reverse("myviews:settings", args=[care.council.pk])
    good = {
        "retention_months": "24",
        "answer_due_working_days": "15",
        "invite_days_before": "21",
        "emergency_duty_phone": "01632 960 001",
    }
    page = _page(
        client.post(url, good | {"retention_months": "0", "emergency_duty_phone": "call us"})
    )
    assert "Keep statements for at least 1 month" in page
    assert "Enter a phone number" in page
    assert not Settings.objects.filter(council=care.council).exists()
    assert client.post(url, good).status_code == 302
    saved = Settings.objects.get(council=care.council)
    assert (saved.retention_months, saved.answer_due_working_days) == (24, 15)
    assert (saved.invite_days_before, saved.emergency_duty_phone) == (21, "01632 960 001")
    page = _page(client.post(url, good | {"invite_days_before": "x"}))
    assert "Enter the days as a whole number" in page
    saved.refresh_from_db()
    assert saved.invite_days_before == 21


def test_workers_do_not_reach_teams_or_settings(care, signed_in):
    client = signed_in(care.manager)
    assert client.get(reverse("myviews:teams", args=[care.council.pk])).status_code == 404
    assert client.get(reverse("myviews:settings", args=[care.council.pk])).status_code == 404
    assert client.get(reverse("myviews:team", args=[care.team.pk])).status_code == 404


# --- where staff find it --------------------------------------------------------------------------


def test_the_councils_page_leads_each_role_to_its_part(care, world, lead, signed_in):
    children = reverse("myviews:children", args=[care.council.pk])
    alerts = reverse("myviews:alerts", args=[care.council.pk])
    teams = reverse("myviews:teams", args=[care.council.pk])
    for person, shown, hidden in (
        (care.social_worker, {children}, {alerts, teams}),
        (lead, {alerts}, {children, teams}),
        (world.owner, {teams}, {children, alerts}),
        (world.member, set(), {children, alerts, teams}),
    ):
        page = _page(signed_in(person).get(reverse("accounts:dashboard")))
        for href in shown:
            assert f'href="{href}"' in page, (person.email, href)
        for href in hidden:
            assert f'href="{href}"' not in page, (person.email, href)


# --- beside the child -----------------------------------------------------------------------------


def test_a_worker_opens_the_child_s_space_beside_them_and_it_is_audited(care, signed_in):
    client = signed_in(care.social_worker)
    url = reverse("myviews:child_with_worker", args=[care.child.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response["Location"] == reverse("myviews:child_home", args=[care.child.access_key])
    visit = child_session.visit_of(client.session, care.child)
    assert visit is not None
    assert visit.with_worker
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_id=str(care.child.pk), actor=care.social_worker
    ).exists()


def test_statements_list_links_only_for_recipients(care, signed_in):
    statement = make_sent_statement(care, to=[care.social_worker])
    link = f'href="{reverse("myviews:statement", args=[statement.pk])}"'
    assert link in _page(
        signed_in(care.social_worker).get(reverse("myviews:child", args=[care.child.pk]))
    )
    page = _page(signed_in(care.manager).get(reverse("myviews:child", args=[care.child.pk])))
    assert link not in page
    assert Statement.objects.count() == 1
    assert not mail.outbox or all("brother" not in message.body for message in mail.outbox)
