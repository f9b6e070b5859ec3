"""A council officer adds someone to a training session, records that they completed it, and
the coverage of their role moves: on the training overview and on the computed indicator's
page, with its chart. Every page is checked for accessibility, in English and in Welsh."""

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from childrights.outcomes.models import (
    Attendance,
    Course,
    RoleCount,
    TrainingRole,
    TrainingSession,
)
from childrights.testing.browser import Visitor
from childrights.testing.factories import PASSWORD, make_council, make_user

pytestmark = pytest.mark.browser


def test_an_officer_records_a_completion_and_the_coverage_indicator_moves(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    course = Course.objects.create(
        council=council,
        title_en="Children’s rights for elected members",
        title_cy="Hawliau plant i aelodau etholedig",
        counts_for=TrainingRole.ELECTED_MEMBER,
    )
    session = TrainingSession.objects.create(
        course=course, held_on=date(2026, 1, 15), location="Town Hall"
    )
    RoleCount.objects.create(
        council=council, role=TrainingRole.ELECTED_MEMBER, count=8, as_of=date(2025, 5, 8)
    )
    page = visitor.page
    member_label = t("Elected member")

    visitor.sign_in_as(officer)
    visitor.start(f"/councils/{council.pk}/training/", language)
    coverage = page.get_by_role("table").first
    expect(coverage).to_contain_text("0.0%")

    visitor.follow(page.get_by_role("link", name=t("Courses and sessions")))
    visitor.follow(
        page.get_by_role("link", name=course.title_cy if language == "cy" else course.title_en)
    )
    with translation.override(language):
        held_on = date_format(session.held_on, "j F Y")
    visitor.follow(page.get_by_role("link", name=held_on))

    visitor.follow(page.get_by_role("link", name=t("Add someone new to the session")))
    page.get_by_label(t("Full name"), exact=True).fill("Cllr Uma Example")
    expect(page.get_by_label(member_label, exact=True)).to_be_checked()
    visitor.submit(t("Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Cllr Uma Example")

    visitor.follow(page.get_by_role("link", name=f"{t('Change')} – Cllr Uma Example"))
    page.get_by_label(t("Completed"), exact=True).check()
    visitor.submit(t("Save"))
    attendance = Attendance.objects.get(session=session)
    assert attendance.status == Attendance.Status.COMPLETED
    assert attendance.certificate_code
    expect(
        page.get_by_role("link", name=f"{t('Certificate (PDF)')} – Cllr Uma Example")
    ).to_be_visible()

    visitor.goto(f"/councils/{council.pk}/training/")
    expect(page.get_by_role("table").first).to_contain_text("12.5%")
    visitor.follow(page.get_by_role("link", name=member_label, exact=True))
    expect(page.locator("svg.app-chart")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("12.5%")

    visitor.goto(f"/councils/{council.pk}/training/people/")
    visitor.follow(page.get_by_role("link", name="Cllr Uma Example"))
    expect(page.get_by_role("table")).to_contain_text(attendance.certificate_code)
    visitor.goto(f"/councils/{council.pk}/training/numbers-in-roles/")
    expect(page.get_by_role("table")).to_contain_text("8")


def test_every_training_page_of_the_demo_council_passes_the_accessibility_check(
    visitor: Visitor, reference_data: None
) -> None:
    from childrights.councils.demo import demo_council
    from childrights.outcomes.demo.training import training_demo_load
    from childrights.outcomes.models import Trainee

    training_demo_load()
    council = demo_council()
    officer = make_user(role="council-staff", council=council)
    course = Course.objects.filter(council=council).first()
    assert course is not None
    session = course.sessions.filter(attendances__status="completed").first()
    assert session is not None
    attendance = session.attendances.first()
    person = Trainee.objects.filter(council=council).first()
    assert attendance is not None
    assert person is not None
    page = visitor.page

    visitor.goto("/sign-in/")
    page.get_by_label("Email address", exact=True).fill(officer.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    visitor.submit("Sign in")
    visitor.goto(f"/councils/{council.pk}/training/")
    expect(page.get_by_role("heading", name="Needs refreshing")).to_be_visible()
    expect(page.locator(".govuk-tag--red").first).to_be_visible()
    for path in (
        f"/councils/{council.pk}/training/courses/",
        f"/councils/{council.pk}/training/courses/new/",
        f"/councils/{council.pk}/training/people/",
        f"/councils/{council.pk}/training/people/new/",
        f"/training/courses/{course.pk}/",
        f"/training/courses/{course.pk}/edit/",
        f"/training/courses/{course.pk}/sessions/new/",
        f"/training/sessions/{session.pk}/",
        f"/training/sessions/{session.pk}/people/new/",
        f"/training/attendance/{attendance.pk}/",
        f"/training/people/{person.pk}/",
        f"/training/people/{person.pk}/edit/",
        f"/councils/{council.pk}/indicators/social-workers-trained/",
    ):
        visitor.goto(path)
    visitor.goto(f"/councils/{council.pk}/training/numbers-in-roles/")
    page.get_by_label("Number of people in the role", exact=True).fill("0")
    visitor.submit("Save the number")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the role")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a number of at least 1")
