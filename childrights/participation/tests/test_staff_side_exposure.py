"""Children's data on the staff side: never kept by a browser, never carried from a child's
session into a member of staff's, never telling staff who are not safeguarding leads which child
raised a concern, and unsent answers in expired sessions deleted."""

import datetime

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from childrights.core.housekeeping import expired_sessions_purge
from childrights.participation.models import Concern
from childrights.participation.tests.test_journey_support import begin
from childrights.testing.factories import PASSWORD
from childrights.testing.participation import make_response


def test_the_safeguarding_queue_and_concerns_are_never_stored(consultation, signed_in):
    make_response(consultation=consultation, text="he hits me")
    concern = Concern.objects.get()
    lead = signed_in(consultation.safeguarding_lead)
    for path in (f"/councils/{consultation.council_id}/safeguarding/", f"/concerns/{concern.pk}/"):
        response = lead.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


def test_results_and_exports_are_never_stored(consultation, signed_in, world):
    make_response(consultation=consultation, text="More swings")
    staff = signed_in(world.member)
    for path in (
        f"/consultations/{consultation.pk}/results/",
        f"/consultations/{consultation.pk}/export/?format=csv",
    ):
        response = staff.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


def test_public_pages_may_still_be_cached(client, db):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_signing_in_on_a_browser_a_child_used_starts_a_fresh_staff_session(
    consultation, client, world
):
    begin(client, consultation)
    child_session = client.session.session_key
    assert client.session.get_expiry_age() == 30 * 60
    client.post("/sign-in/", {"email": world.member.email, "password": PASSWORD})
    session = client.session
    assert session.session_key != child_session
    assert f"participation:{consultation.pk}" not in session
    assert session.get_expire_at_browser_close()
    assert not Session.objects.filter(session_key=child_session).exists()


def test_expired_sessions_holding_unsent_answers_are_deleted(consultation, client):
    begin(client, consultation)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    fresh = Session.objects.create(
        session_key="still-in-use",
        session_data="",
        expire_date=timezone.now() + datetime.timedelta(hours=1),
    )
    assert expired_sessions_purge(now=timezone.now()) == 1
    assert not Session.objects.filter(session_key=key).exists()
    assert Session.objects.filter(pk=fresh.pk).exists()


def test_the_housekeeping_command_purges_them(consultation, client, capsys):
    begin(client, consultation)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(minutes=1))
    call_command("purge_expired_sessions")
    assert "Deleted 1 expired sessions." in capsys.readouterr().out
    assert not Session.objects.exists()
