"""Training pages: recording on them, who may read and change what, and certificates."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from childrights.core.models import AuditEvent
from childrights.councils.models import Nation
from childrights.outcomes.certificates import certificate_pdf
from childrights.outcomes.models import Attendance, Course, RoleCount, TrainingSession
from childrights.outcomes.tests.training_support import MEMBER, _course, _person, _record
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_council, make_user

# Pages ---------------------------------------------------------------------------------------


def test_a_member_records_a_completion_and_the_indicator_shows_the_new_share(
    world, signed_in, session
):
    council = world.council_a
    RoleCount.objects.create(council=council, role=MEMBER, count=8, as_of=date(2023, 1, 1))
    person = _person(council, "Uma Example")
    attendance = Attendance.objects.create(session=session, trainee=person)
    client = signed_in(world.member)
    response = client.post(
        f"/training/attendance/{attendance.pk}/", {"status": "completed", "completed_on": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/training/sessions/{session.pk}/"
    page = client.get(f"/councils/{council.pk}/indicators/elected-members-trained/").content
    assert "12.5%" in page.decode()
    # The course is valid for 24 months: by now it has run out and needs refreshing.
    overview = client.get(f"/councils/{council.pk}/training/").content.decode()
    assert "Uma Example" in overview
    assert "Ran out" in overview


def test_a_wrong_number_in_a_role_is_explained_and_nothing_saved(world, signed_in):
    client = signed_in(world.member)
    response = client.post(
        f"/councils/{world.council_a.pk}/training/numbers-in-roles/",
        {"action": "save", "role": MEMBER, "count": "0", **date_parts("as_of", "2026-05-08")},
    )
    assert response.status_code == 200
    assert "Enter a number of at least 1" in response.content.decode()
    assert not RoleCount.objects.exists()


def test_an_existing_course_title_is_explained_on_the_form(world, signed_in):
    _course(world.council_a, title="Rights for members")
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/training/courses/new/",
        {"title_en": "Rights for members", "counts_for": MEMBER},
    )
    assert response.status_code == 200
    assert "The council already has a course with this title" in response.content.decode()
    assert Course.objects.count() == 1


def test_every_training_page_opens_for_a_member(world, signed_in, session):
    person = _person(world.council_a, "Val Example")
    attendance = _record(world, session, person)
    client = signed_in(world.member)
    council = world.council_a.pk
    for url in (
        f"/councils/{council}/training/",
        f"/councils/{council}/training/courses/",
        f"/councils/{council}/training/courses/new/",
        f"/councils/{council}/training/people/",
        f"/councils/{council}/training/people/new/",
        f"/councils/{council}/training/numbers-in-roles/",
        f"/training/courses/{session.course_id}/",
        f"/training/courses/{session.course_id}/edit/",
        f"/training/courses/{session.course_id}/sessions/new/",
        f"/training/sessions/{session.pk}/",
        f"/training/sessions/{session.pk}/people/new/",
        f"/training/attendance/{attendance.pk}/",
        f"/training/people/{person.pk}/",
        f"/training/people/{person.pk}/edit/",
    ):
        assert client.get(url).status_code == 200, url


def test_an_elected_member_reads_the_records_but_cannot_change_them(world, signed_in, session):
    reader = make_user(role="elected-member", council=world.council_a)
    client = signed_in(reader)
    assert client.get(f"/training/sessions/{session.pk}/").status_code == 200
    response = client.post(
        f"/councils/{world.council_a.pk}/training/numbers-in-roles/",
        {"action": "save", "role": MEMBER, "count": "48", **date_parts("as_of", "2026-05-08")},
    )
    assert response.status_code == 403
    assert not RoleCount.objects.exists()


def test_an_outsider_gets_404_for_a_session_and_a_certificate(world, signed_in, session):
    attendance = _record(world, session, _person(world.council_a, "Wyn Example"))
    client = signed_in(world.outsider)
    assert client.get(f"/training/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/training/attendance/{attendance.pk}/certificate/").status_code == 404


# Certificates --------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_completed_attendance_has_a_certificate_pdf(world, signed_in, session):
    attendance = _record(world, session, _person(world.council_a, "Xan Example"))
    response = signed_in(world.member).get(f"/training/attendance/{attendance.pk}/certificate/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    code = attendance.certificate_code
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{code}.pdf"'
    text = _pdf_text(response.getvalue())
    for expected in (
        "Certificate of completion",
        "Xan Example",
        "Rights for members",
        "31 January 2024",
        "31 January 2026",
        world.council_a.name,
        code,
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize("status", ["booked", "attended", "absent"])
def test_there_is_no_certificate_unless_completed(world, signed_in, session, status):
    attendance = _record(world, session, _person(world.council_a, "Yas Example"), status=status)
    response = signed_in(world.member).get(f"/training/attendance/{attendance.pk}/certificate/")
    assert response.status_code == 404


def test_a_welsh_councils_certificate_is_in_english_then_welsh(db):
    council = make_council(name="Cyngor Enghraifft", nation=Nation.WALES)
    course = Course.objects.create(
        council=council,
        title_en="Rights for members",
        title_cy="Hawliau i aelodau",
        counts_for=MEMBER,
    )
    session = TrainingSession.objects.create(course=course, held_on=date(2025, 3, 3))
    attendance = Attendance.objects.create(
        session=session,
        trainee=_person(council, "Zed Example"),
        status="completed",
        completed_on=date(2025, 3, 3),
        certificate_code="ABCD-EFGH-JKLM",
    )
    text = _pdf_text(certificate_pdf(attendance, language="en-gb"))
    english, welsh = text.index("Rights for members"), text.index("Hawliau i aelodau")
    assert english < welsh
    assert "Mawrth" in text[welsh:]


@pytest.mark.parametrize("wanted", ["²", "x", ""])
def test_removing_a_number_that_is_not_there_is_not_found(world, signed_in, wanted):
    client = signed_in(world.member)
    response = client.post(
        f"/councils/{world.council_a.pk}/training/numbers-in-roles/",
        {"action": "remove", "role_count": wanted},
    )
    assert response.status_code == 404
