"""Progress reports built in the background, their PDF in one language or two, and the form that
asks for one."""

import io

import pytest
from pypdf import PdfReader

from childrights.councils.models import Nation
from childrights.outcomes import tasks
from childrights.outcomes.models import Report
from childrights.outcomes.tests.reports_support import END, START, _figures, _request, at

# Building in the background ------------------------------------------------------------------


def test_staff_request_a_report_built_with_its_figures_and_pdf(
    world, partner, signed_in, django_capture_on_commit_callbacks
):
    client = signed_in(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(client, world.council_a)
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert report.finished_at is not None
    assert report.requested_by == world.member
    assert report.figures == _figures(world.council_a)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Care leavers in work or study" in page
    assert "1.63" in page
    assert "<svg" in page
    download = client.get(f"/reports/{report.pk}/report.pdf")
    assert download["Content-Type"] == "application/pdf"
    assert "progress-report-aberfield-2025-04-01-2026-03-31.pdf" in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    assert "Progress report: Aberfield City Council" in text
    assert "Care leavers in work or study" in text
    assert "Commitments done by the end of the period 2 of 3" in text


def test_a_report_being_built_shows_its_progress_and_a_link_to_check_again(world, signed_in):
    client = signed_in(world.member)
    _request(client, world.council_a)  # the build waits for the request's transaction
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Check again" in page
    assert f'href="/reports/{report.pk}/"' in page
    assert client.get(f"/reports/{report.pk}/report.pdf").status_code == 404


def test_a_report_stuck_for_over_an_hour_says_so_and_can_be_asked_for_again(world, signed_in):
    client = signed_in(world.member)
    _request(client, world.council_a)
    stuck = Report.objects.get()
    Report.objects.filter(pk=stuck.pk).update(created_at=at(2026, 1, 1))
    page = client.get(f"/reports/{stuck.pk}/").content.decode()
    assert "This is taking much longer than it should." in page
    _request(client, world.council_a)
    assert Report.objects.count() == 2


def test_asking_twice_while_it_is_built_gives_one_report(world, signed_in):
    client = signed_in(world.member)
    first = _request(client, world.council_a)
    second = _request(client, world.council_a)
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1


def test_a_build_that_goes_wrong_ends_failed_with_a_message(world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(tasks, "partner_figures", broken)
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    tasks.report_build.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.progress == 100
    assert report.finished_at is not None
    assert report.error == "Something went wrong while building the report. Request it again."
    assert not report.pdf


def test_a_pdf_that_cannot_be_drawn_fails_the_report(world, monkeypatch, signed_in):
    def broken(*args, **kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr(tasks, "pdf_in_languages", broken)
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    tasks.report_build.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    page = signed_in(world.member).get(f"/reports/{report.pk}/").content.decode()
    assert "The report could not be built:" in page


def test_a_council_in_wales_gets_english_then_welsh_in_its_pdf(world):
    world.council_a.nation = Nation.WALES
    world.council_a.save()
    report = Report(kind="partner", council=world.council_a, language="en-gb")
    assert tasks.report_languages(report) == ("en-gb", "cy")
    report.council = world.council_b
    assert tasks.report_languages(report) == ("en-gb",)
    report.language = "cy"
    assert tasks.report_languages(report) == ("cy",)


def test_a_welsh_councils_pdf_has_two_parts_each_with_its_language(world, partner):
    world.council_a.nation = Nation.WALES
    world.council_a.save()
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    tasks.report_build.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    with report.pdf.open("rb") as handle:
        reader = PdfReader(handle)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert text.count("Aberfield City Council") >= 2
    assert "Pobl sy’n gadael gofal" in text


# The form -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("", "", "Enter the first day the report covers"),
        ("2026-03-31", "2025-04-01", "The last day must be on or after the first day"),
        ("2025-04-01", "2999-03-31", "The report must end today or earlier"),
        ("1 April", "2026-03-31", "The first day the report covers must include a month"),
        ("1999-12-31", "2026-03-31", "The report cannot start before 1 January 2000"),
    ],
)
def test_a_bad_period_is_explained_and_nothing_is_built(world, signed_in, start, end, message):
    response = _request(signed_in(world.member), world.council_a, start, end)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists()
