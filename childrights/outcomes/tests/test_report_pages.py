"""Progress reports' pages: who may see, ask for and publish what, and publication as the public
summary under disclosure control."""

import pytest

from childrights.outcomes import tasks
from childrights.outcomes.models import Report
from childrights.outcomes.tests.reports_support import END, START, _done, _request, _response, at
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_partnership, make_user
from childrights.testing.participation import make_consultation

# Pages and permissions ------------------------------------------------------------------------


def test_the_councils_reports_are_listed(world, signed_in):
    report = _done(world.council_a)
    _done(world.council_b)
    page = signed_in(world.member).get(f"/councils/{world.council_a.pk}/reports/").content
    assert f'href="/reports/{report.pk}/"'.encode() in page
    assert page.count(b'href="/reports/') == 1


@pytest.mark.parametrize("suffix", ["", "report.pdf", "publish/"])
def test_people_in_another_council_get_404(world, signed_in, suffix):
    report = _done(world.council_a)
    client = signed_in(world.outsider)
    assert client.get(f"/reports/{report.pk}/{suffix}").status_code == 404
    assert client.post(f"/reports/{report.pk}/{suffix}").status_code == 404


def test_people_without_edit_can_read_but_not_request_or_publish(world, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    report = _done(world.council_a)
    client = signed_in(councillor)
    assert client.get(f"/reports/{report.pk}/").status_code == 200
    assert _request(client, world.council_a).status_code == 403
    assert client.post(f"/reports/{report.pk}/publish/", {"action": "publish"}).status_code == 403


def test_the_programme_report_is_only_for_the_programme_team(world, signed_in):
    report = Report.objects.create(kind="programme", period_start=START, period_end=END)
    tasks.report_build.call(report_id=report.pk)
    owner = signed_in(world.owner)
    for path in ("/programme-reports/", f"/programme-reports/{report.pk}/"):
        assert owner.get(path).status_code == 404
    assert owner.get(f"/programme-reports/{report.pk}/report.pdf").status_code == 404
    assert (
        owner.post("/programme-reports/", {**date_parts("period_start", "2025-04-01")}).status_code
        == 404
    )
    assert not Report.objects.filter(kind="programme").exclude(pk=report.pk).exists()


def test_a_partner_report_is_not_reached_through_the_programme_pages(world, signed_in):
    report = _done(world.council_a)
    team = signed_in(world.programme)
    assert team.get(f"/programme-reports/{report.pk}/").status_code == 404


def test_the_programme_team_builds_the_programme_report(
    world, partner, signed_in, django_capture_on_commit_callbacks
):
    make_partnership(council=world.council_b, slug="bramley")
    client = signed_in(world.programme)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/programme-reports/",
            {**date_parts("period_start", "2025-04-01"), **date_parts("period_end", "2026-03-31")},
        )
    report = Report.objects.get(kind="programme")
    assert response["Location"] == f"/programme-reports/{report.pk}/"
    assert report.status == Report.Status.DONE
    page = client.get(f"/programme-reports/{report.pk}/").content.decode()
    assert "Aberfield City Council" in page
    assert "Bramley District Council" in page
    assert "2 of 4" in page  # indicators on track
    download = client.get(f"/programme-reports/{report.pk}/report.pdf")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_demonstration_council_is_labelled_on_its_report(world, signed_in):
    world.council_a.is_demo = True
    world.council_a.save()
    report = _done(world.council_a)
    client = signed_in(world.member)
    for path in (
        f"/reports/{report.pk}/",
        f"/councils/{world.council_a.pk}/reports/",
        f"/councils/{world.council_a.pk}/reports/new/",
    ):
        assert "Demonstration data" in client.get(path).content.decode()


def test_a_demonstration_council_is_labelled_in_the_programme_report(world, signed_in):
    world.council_a.is_demo = True
    world.council_a.save()
    make_partnership(council=world.council_a)
    report = Report.objects.create(kind="programme", period_start=START, period_end=END)
    tasks.report_build.call(report_id=report.pk)
    page = signed_in(world.programme).get(f"/programme-reports/{report.pk}/").content.decode()
    assert "demonstration data" in page


# Publishing -----------------------------------------------------------------------------------


def _cell(page, label):
    """The value beside a label in a summary list."""
    after = page.split(f">{label}</dt>", 1)[1]
    return after.split('class="govuk-summary-list__value">', 1)[1].split("<", 1)[0].strip()


def test_staff_publish_a_report_as_the_public_summary_under_disclosure_control(
    world, partner, signed_in, client
):
    report = _done(world.council_a)
    assert client.get("/partners/aberfield/progress/").status_code == 200
    assert "has not published" in client.get("/partners/aberfield/progress/").content.decode()
    staff = signed_in(world.member)
    staff.post(f"/reports/{report.pk}/publish/", {"action": "publish"})
    report.refresh_from_db()
    assert report.published_at is not None
    staff.logout()
    page = client.get("/partners/aberfield/progress/").content.decode()
    # 12 children: rounded to the nearest 5.
    assert _cell(page, "Children and young people who answered") == "10"
    # 8 social workers: fewer than 10 people, so not shown; 40 members are.
    assert "Not shown: fewer than 10 people" in page
    assert "2.5%" in page
    assert "12.5%" not in page
    # A count of young people in an indicator: 4 is withheld, 12 becomes 10.
    panel = page.split("Young people on the panel", 1)[1].split("</tr>", 1)[0]
    assert "Fewer than 10" in panel
    assert ">12<" not in panel
    assert " 4 " not in panel
    # Signed-off assessments that are not published are not counted in public.
    assert "Impact assessments completed" not in page


def test_a_count_of_children_under_10_never_appears_in_public(world, signed_in, client):
    make_partnership(council=world.council_a, slug="aberfield")
    consultation = make_consultation(
        council=world.council_a, questions=False, opens_on=START, closes_on=END
    )
    for _ in range(3):
        _response(consultation, at(2025, 6, 1))
    report = _done(world.council_a, published_at=at(2026, 4, 2))
    assert report.figures["participation"]["children"] == 3
    page = client.get("/partners/aberfield/progress/").content.decode()
    assert _cell(page, "Children and young people who answered") == "Fewer than 10"


def test_a_report_not_ready_cannot_be_published(world, signed_in):
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    signed_in(world.member).post(f"/reports/{report.pk}/publish/", {"action": "publish"})
    report.refresh_from_db()
    assert report.published_at is None


def test_a_public_summary_of_an_unknown_partner_is_404(db, client):
    assert client.get("/partners/nobody/progress/").status_code == 404
