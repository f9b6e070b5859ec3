"""A training certificate is drawn once and kept: in the background when the course is
completed, or by its first download; later downloads are the kept file, until something the
certificate shows changes. Who may download it is as before."""

from datetime import date

from childrights.core.models import AuditEvent
from childrights.outcomes.models import CertificatePdf
from childrights.outcomes.tests.training_support import _person, _record
from childrights.testing.pdfs import count_drawings, kept_files


def _url(attendance) -> str:
    return f"/training/attendance/{attendance.pk}/certificate/"


def test_a_second_download_is_the_kept_file_and_draws_nothing(
    world, signed_in, session, monkeypatch
):
    attendance = _record(world, session, _person(world.council_a, "Xan Example"))
    drawings = count_drawings(monkeypatch)
    client = signed_in(world.member)
    first = client.get(_url(attendance)).getvalue()
    second = client.get(_url(attendance))
    assert drawings.count == 1
    assert second.status_code == 200
    assert second["Content-Type"] == "application/pdf"
    assert (
        second["Content-Disposition"]
        == f'attachment; filename="certificate-{attendance.certificate_code}.pdf"'
    )
    assert second.getvalue() == first
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 2


def test_completing_the_course_draws_the_certificate_in_the_background(
    world, signed_in, session, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attendance = _record(world, session, _person(world.council_a, "Xan Example"))
    assert CertificatePdf.objects.filter(attendance=attendance, languages="en-gb").exists()
    drawings = count_drawings(monkeypatch)
    response = signed_in(world.member).get(_url(attendance))
    assert response.getvalue().startswith(b"%PDF")
    assert drawings.count == 0


def test_a_changed_name_or_date_is_drawn_again_and_replaces_the_kept_file(
    world, signed_in, session, monkeypatch
):
    trainee = _person(world.council_a, "Xan Exampel")
    attendance = _record(world, session, trainee)
    client = signed_in(world.member)
    before = client.get(_url(attendance)).getvalue()
    trainee.name = "Xan Example"
    trainee.save()
    _record(world, session, trainee, completed_on=date(2024, 2, 1), today=date(2024, 3, 1))
    drawings = count_drawings(monkeypatch)
    after = client.get(_url(attendance)).getvalue()
    assert drawings.count == 1
    assert after != before
    assert CertificatePdf.objects.filter(attendance=attendance).count() == 1


def test_the_file_before_is_deleted_once_it_is_replaced(
    world, signed_in, session, django_capture_on_commit_callbacks
):
    trainee = _person(world.council_a, "Xan Exampel")
    attendance = _record(world, session, trainee)
    client = signed_in(world.member)
    client.get(_url(attendance))
    before = kept_files()
    trainee.name = "Xan Example"
    trainee.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url(attendance))
    after = kept_files()
    assert len(before) == len(after) == 1
    assert before != after


def test_another_council_gets_404_for_a_kept_certificate(world, signed_in, session):
    attendance = _record(world, session, _person(world.council_a, "Xan Example"))
    assert signed_in(world.member).get(_url(attendance)).status_code == 200
    assert signed_in(world.outsider).get(_url(attendance)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1


def test_a_certificate_no_longer_completed_is_not_served_and_its_kept_file_is_deleted(
    world, signed_in, session, django_capture_on_commit_callbacks
):
    trainee = _person(world.council_a, "Xan Example")
    attendance = _record(world, session, trainee)
    client = signed_in(world.member)
    assert client.get(_url(attendance)).status_code == 200
    assert len(kept_files()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        _record(world, session, trainee, status="attended")
    assert client.get(_url(attendance)).status_code == 404
    assert not CertificatePdf.objects.exists()
    assert kept_files() == []
