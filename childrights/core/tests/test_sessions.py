from datetime import timedelta

from django.utils import timezone

from childrights.testing.factories import PASSWORD


def test_sessions_end_after_thirty_idle_minutes_and_each_request_extends_them(client, world):
    client.post("/sign-in/", {"email": world.member.email, "password": PASSWORD})
    session = client.session
    assert session.get_expiry_age() == 30 * 60
    first_expiry = session.get_session_cookie_age()
    assert first_expiry == 30 * 60
    from django.contrib.sessions.models import Session

    stored = Session.objects.get(session_key=session.session_key)
    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/councils/").status_code == 302  # idle too long: signed out


def test_a_request_moves_the_idle_deadline_on(client, world):
    from django.contrib.sessions.models import Session

    client.post("/sign-in/", {"email": world.member.email, "password": PASSWORD})
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get("/councils/")
    assert Session.objects.get(pk=key).expire_date > timezone.now() + timedelta(minutes=29)
