"""Staff land on what is waiting for them, each count for their own councils and roles; the
programme team lands on a searchable, paged list of councils."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from childrights.assessments.models import Assessment
from childrights.core.actors import Actor
from childrights.councils.models import Council
from childrights.directory.models import Organisation, Service
from childrights.myviews import services as myviews_services
from childrights.myviews.models import Alert, Meeting
from childrights.participation.models import Concern
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_care_world, make_sent_statement
from childrights.testing.participation import make_consultation, make_response

HOME = "/councils/"
WORDS = "The swings are fine but my stepdad hits me and I am scared to go home"


def _page(client, url=HOME, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_programme_team_finds_a_council_by_name_or_gss_code_25_a_page(world, signed_in):
    for number in range(30):
        make_council(name=f"Zedtown {number:02d} Council", short_name=f"Zedtown {number:02d}")
    client = signed_in(world.programme)
    first = _page(client)
    assert f"{Council.objects.count()} councils" in first
    assert 'name="q"' in first
    assert first.count("govuk-table__row") == 26  # the heading's row and 25 councils
    found = _page(client, q="Zedtown")
    assert "30 councils found for “Zedtown”" in found
    assert "?q=Zedtown&amp;page=2" in found
    second = _page(client, q="Zedtown", page="2")
    assert second.count("Zedtown") > 5
    assert second.count("govuk-table__row") == 6
    bramley = _page(client, q="bramley")
    assert "Bramley District Council" in bramley
    assert "Aberfield City Council" not in bramley
    by_code = _page(client, q=world.council_a.gss_code)
    assert reverse("accounts:council_home", args=[world.council_a.pk]) in by_code
    assert "1 council found" in by_code


def test_a_council_s_page_lists_its_pages_for_its_members_and_the_programme_team(world, signed_in):
    url = reverse("accounts:council_home", args=[world.council_a.pk])
    page = _page(signed_in(world.programme), url)
    assert reverse("participation:consultations", args=[world.council_a.pk]) in page
    assert signed_in(world.member).get(url).status_code == 200
    assert signed_in(world.outsider).get(url).status_code == 404


def test_nothing_waiting_is_said_and_the_councils_are_listed(world, signed_in):
    page = _page(signed_in(world.member))
    assert "Nothing is waiting for you." in page
    assert reverse("participation:consultations", args=[world.council_a.pk]) in page


def test_a_safeguarding_lead_sees_concerns_waiting_only_in_their_council(world, signed_in):
    consultation = make_consultation(council=world.council_a)
    make_response(consultation=consultation, text=WORDS)
    assert Concern.objects.count() == 1
    queue = reverse("participation:concerns", args=[world.council_a.pk])
    page = _page(signed_in(consultation.safeguarding_lead))
    assert "Concerns to review" in page
    assert f'<a class="govuk-link" href="{queue}">1 concern waiting for a decision' in page
    other = make_user(role="safeguarding-lead", council=world.council_b)
    assert queue not in _page(signed_in(other))
    assert "1 concern waiting" not in _page(signed_in(world.member))


def test_members_see_their_consultations_closing_within_two_weeks(world, signed_in):
    today = timezone.localdate()
    soon = make_consultation(council=world.council_a, closes_on=today + timedelta(days=3))
    make_consultation(
        council=world.council_a, title_en="Later", closes_on=today + timedelta(days=40)
    )
    page = _page(signed_in(world.member))
    assert "Consultations closing soon" in page
    assert reverse("participation:consultation", args=[soon.pk]) in page
    assert "Our parks closes in 3 days" in page
    assert "Later closes" not in page
    assert "Our parks closes" not in _page(signed_in(world.outsider))


def test_an_accountable_officer_sees_assessments_awaiting_sign_off_but_not_their_own(
    world, signed_in
):
    officer = make_user(role="accountable-officer", council=world.council_a)
    theirs = make_assessment(
        council=world.council_a, state=Assessment.State.AWAITING_SIGN_OFF, title="Play parks"
    )
    make_assessment(
        council=world.council_a,
        author=officer,
        state=Assessment.State.AWAITING_SIGN_OFF,
        title="Their own",
    )
    make_assessment(council=world.council_a, title="Still a draft")
    colleague = make_user(role="accountable-officer", council=world.council_a)
    make_assessment(
        council=world.council_a,
        state=Assessment.State.AWAITING_SIGN_OFF,
        title="Sent to a colleague",
        sign_off_officer=colleague,
    )
    page = _page(signed_in(officer))
    assert "Assessments awaiting your sign-off" in page
    assert reverse("assessments:sign_off", args=[theirs.pk]) in page
    assert "Play parks" in page
    assert "Their own" not in page
    assert "Still a draft" not in page
    assert "Sent to a colleague" not in page
    assert "Sent to a colleague" in _page(signed_in(colleague))
    assert "Play parks" not in _page(signed_in(world.member))


def test_workers_and_their_manager_see_overdue_answers_but_other_workers_do_not(world, signed_in):
    care = make_care_world(world.council_a)
    held = myviews_services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind="review",
        on=timezone.localdate() + timedelta(days=1),
    )
    make_sent_statement(care)
    Meeting.objects.filter(pk=held.pk).update(on=timezone.localdate() - timedelta(days=60))
    children = reverse("myviews:children", args=[world.council_a.pk])
    for person in (care.manager, care.social_worker):
        page = _page(signed_in(person))
        assert "Answers overdue" in page
        assert f'<a class="govuk-link" href="{children}">1 answer to a child is overdue' in page
    assert "Answers overdue" not in _page(signed_in(care.other_worker))


def test_safeguarding_leads_see_safety_alerts_waiting(world, signed_in):
    care = make_care_world(world.council_a)
    Alert.objects.create(council=world.council_a, child=care.child, source="button")
    lead = make_user(role="safeguarding-lead", council=world.council_a)
    page = _page(signed_in(lead))
    assert reverse("myviews:alerts", args=[world.council_a.pk]) in page
    assert "1 safety alert from a child in care waiting for a decision" in page


def test_services_not_checked_for_six_months_are_records_going_stale(world, signed_in):
    organisation = Organisation.objects.create(council=world.council_a, name="Youth Trust")
    Service.objects.create(
        council=world.council_a,
        organisation=organisation,
        name_en="Drop-in",
        last_checked_on=timezone.localdate() - timedelta(days=200),
    )
    Service.objects.create(
        council=world.council_a,
        organisation=organisation,
        name_en="Checked",
        last_checked_on=timezone.localdate(),
    )
    page = _page(signed_in(world.owner))
    assert "Records going stale" in page
    assert "1 service not checked for 6 months" in page
    assert reverse("directory:records", args=[world.council_a.pk]) in page
    assert "not checked for 6 months" not in _page(signed_in(world.outsider))
