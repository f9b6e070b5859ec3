"""The board's report is asked for by members who edit and team managers, built in the
background (ending ready or failed, never stuck), shown as a page and a version for the Children
in Care Council, and downloaded as tagged PDFs; other councils get 404."""

import io

import pytest
from pypdf import PdfReader

from childrights.councils.models import Nation
from childrights.myviews.models import Tally
from childrights.parenting import tasks
from childrights.parenting.models import BoardReport
from childrights.parenting.tests.report_support import END, START
from childrights.testing.factories import make_user


def period(start: str, end: str) -> dict[str, str]:
    """The period form's day, month and year boxes for two ISO dates."""
    data: dict[str, str] = {}
    for field, iso in (("period_start", start), ("period_end", end)):
        year, month, day = iso.split("-")
        data |= {f"{field}_day": day, f"{field}_month": month, f"{field}_year": year}
    return data


PERIOD = period(START.isoformat(), END.isoformat())


def _counts(council):
    Tally.objects.create(
        council=council,
        kind="review",
        month=START.replace(month=5),
        statements=30,
        replied=25,
        replied_on_time=20,
        listened_yes=20,
        listened_a_bit=3,
        listened_no=2,
        topics={"where-i-live": 22, "health": 4},
    )


def _build(council) -> BoardReport:
    report = BoardReport.objects.create(council=council, period_start=START, period_end=END)
    tasks.board_report_build.call(board_report_id=report.pk)
    report.refresh_from_db()
    return report


def _text(file) -> tuple[PdfReader, str]:
    with file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_staff_who_edit_ask_for_a_report_built_with_its_figures_and_pdfs(
    world, signed_in, django_capture_on_commit_callbacks
):
    _counts(world.council_a)
    client = signed_in(world.member)
    url = f"/councils/{world.council_a.pk}/board-reports/new/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, PERIOD)
    report = BoardReport.objects.get()
    assert response["Location"] == f"/board-reports/{report.pk}/"
    assert report.status == BoardReport.Status.DONE
    assert report.progress == 100
    assert report.requested_by == world.member
    assert report.figures["views"]["statements"] == 30
    page = client.get(f"/board-reports/{report.pk}/").content.decode()
    assert "Children’s views before their meetings" in page
    assert "Encouraging them to say what they think" in page
    assert "<svg" in page
    children = client.get(f"/board-reports/{report.pk}/children/").content.decode()
    assert "How we are doing as your corporate parent" in children
    assert "Did you feel listened to?" in children
    assert "Fewer than 10" in children  # no safety alerts: the same suppression as the board's


def test_the_pdfs_are_tagged_titled_and_hold_the_figures(world):
    _counts(world.council_a)
    report = _build(world.council_a)
    assert report.status == BoardReport.Status.DONE
    reader, text = _text(report.pdf)
    root = reader.root_object
    assert "/StructTreeRoot" in root
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, dict)
    assert mark_info["/Marked"]
    assert str(root["/Lang"]) == "en"
    assert reader.metadata.title == "Corporate parenting board report: Aberfield City Council"
    assert "Views children sent 30" in text
    assert "Where I live 20" in text
    reader, text = _text(report.children_pdf)
    assert "/StructTreeRoot" in reader.root_object
    assert reader.metadata.title.startswith("How we are doing as your corporate parent")
    assert "Times children told us what they think 30" in text


def test_a_welsh_councils_pdf_has_english_then_welsh(world):
    world.council_a.nation = Nation.WALES
    world.council_a.save()
    _counts(world.council_a)
    report = _build(world.council_a)
    assert tasks.report_languages(report) == ("en-gb", "cy")
    _, text = _text(report.children_pdf)
    assert "Lle rydw i'n byw" in text
    assert "Where I live" in text


def test_pdf_downloads_are_for_members_of_the_council(world, signed_in):
    report = _build(world.council_a)
    reader = make_user(role="elected-member", council=world.council_a)
    for url in (
        f"/board-reports/{report.pk}/report.pdf",
        f"/board-reports/{report.pk}/children.pdf",
    ):
        response = signed_in(reader).get(url)
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert signed_in(world.outsider).get(url).status_code == 404


def test_a_build_that_goes_wrong_ends_failed_with_a_message(world, monkeypatch, signed_in):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(tasks, "board_figures", broken)
    report = _build(world.council_a)
    assert report.status == BoardReport.Status.FAILED
    assert report.progress == 100
    assert report.finished_at is not None
    assert report.error == "Something went wrong while building the report. Request it again."
    assert not report.pdf
    page = signed_in(world.member).get(f"/board-reports/{report.pk}/").content.decode()
    assert "The report could not be built:" in page
    assert signed_in(world.member).get(f"/board-reports/{report.pk}/report.pdf").status_code == 404


def test_a_pdf_that_cannot_be_drawn_fails_the_report(world, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr(tasks, "pdf_in_languages", broken)
    assert _build(world.council_a).status == BoardReport.Status.FAILED


def test_a_report_being_built_shows_its_progress(world, signed_in):
    client = signed_in(world.member)
    client.post(f"/councils/{world.council_a.pk}/board-reports/new/", PERIOD)
    report = BoardReport.objects.get()
    assert report.status == BoardReport.Status.QUEUED
    page = client.get(f"/board-reports/{report.pk}/").content.decode()
    assert "Check again" in page
    again = client.post(f"/councils/{world.council_a.pk}/board-reports/new/", PERIOD)
    assert again["Location"] == f"/board-reports/{report.pk}/"


def test_team_managers_may_ask_and_read_only_members_may_only_read(world, signed_in):
    manager = make_user(role="team-manager", council=world.council_a)
    elected = make_user(role="elected-member", council=world.council_a)
    url = f"/councils/{world.council_a.pk}/board-reports/new/"
    assert signed_in(manager).get(url).status_code == 200
    assert signed_in(elected).get(url).status_code == 403
    assert signed_in(elected).post(url, PERIOD).status_code == 403
    assert (
        signed_in(elected).get(f"/councils/{world.council_a.pk}/board-reports/").status_code == 200
    )
    assert not BoardReport.objects.exists()


def test_other_councils_get_404(world, signed_in):
    report = _build(world.council_a)
    client = signed_in(world.outsider)
    for url in (
        f"/councils/{world.council_a.pk}/board-reports/",
        f"/councils/{world.council_a.pk}/board-reports/new/",
        f"/board-reports/{report.pk}/",
        f"/board-reports/{report.pk}/children/",
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-03-01", "2025-04-30", "The last day must be on or after the first day"),
        ("2025-04-02", "2026-03-31", "The report must start on the first day of a month"),
        ("2025-04-01", "2026-03-30", "The report must end on the last day of a month"),
        ("2025-04-01", "2999-01-01", "The report must end today or earlier"),
        ("1999-12-31", "2025-01-01", "The report cannot start before 1 January 2000"),
    ],
)
def test_a_period_that_makes_no_sense_is_refused(world, signed_in, start, end, message):
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/board-reports/new/",
        period(start, end),
    )
    assert message in response.content.decode()
    assert not BoardReport.objects.exists()
