"""A version's PDF is drawn once and kept: published versions in the background, any other on
its first download; later downloads are the kept file, until something the PDF shows changes.
Who may download which PDF is as before."""

import threading

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.utils import timezone

from childrights.accounts.models import Role
from childrights.assessments.models import AssessmentVersion, Review, VersionPdf
from childrights.assessments.pdf import version_pdf_kept
from childrights.assessments.tests.test_register import amend, published
from childrights.assessments.workflow import writes as workflow_writes
from childrights.core import pdf as core_pdf
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_user
from childrights.testing.pdfs import count_drawings, kept_files


def _public_url(assessment, number: int = 1, council=None) -> str:
    gss = (council or assessment.council).gss_code
    return f"/published-assessments/{gss}/{assessment.public_key}/versions/{number}/pdf/"


def _staff_url(assessment, number: int = 1) -> str:
    return f"/impact-assessments/{assessment.pk}/versions/{number}/pdf/"


def test_a_second_public_download_is_the_kept_file_and_draws_nothing(client, world, monkeypatch):
    assessment = published(world.council_a)
    drawings = count_drawings(monkeypatch)
    first = client.get(_public_url(assessment))
    assert drawings.count == 1
    second = client.get(_public_url(assessment))
    assert drawings.count == 1
    assert second.status_code == 200
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == f'attachment; filename="{assessment.reference}-v1.pdf"'
    assert second.getvalue() == first.getvalue()
    assert len(kept_files()) == 1


def test_a_second_staff_download_draws_nothing_and_each_download_is_audited(
    world, signed_in, monkeypatch
):
    assessment = published(world.council_a)
    drawings = count_drawings(monkeypatch)
    client = signed_in(world.member)
    first, second = client.get(_staff_url(assessment)), client.get(_staff_url(assessment))
    assert drawings.count == 1
    assert {"private", "no-store"} <= set(second["Cache-Control"].split(", "))
    assert first.getvalue() == second.getvalue()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 2


def test_publishing_draws_the_pdf_in_the_background_so_no_download_waits(
    world, client, monkeypatch, django_capture_on_commit_callbacks
):
    officer = make_user(role="accountable-officer", council=world.council_a)
    assessment = make_assessment(council=world.council_a, author=world.member)
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=assessment)
    with django_capture_on_commit_callbacks(execute=True):
        workflow_writes.assessment_publish(
            actor=actor_for(officer), assessment=assessment, summary_en="Hub.", summary_cy=""
        )
    assert VersionPdf.objects.filter(version__assessment=assessment, languages="en-gb").exists()
    drawings = count_drawings(monkeypatch)
    response = client.get(_public_url(assessment))
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")
    assert drawings.count == 0


def test_when_what_it_shows_changes_it_is_drawn_again_and_replaces_the_kept_file(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    assessment = published(world.council_a)
    before = client.get(_public_url(assessment)).getvalue()
    Review.objects.create(
        assessment=assessment,
        answers={"actual_impact": "As expected"},
        completed_by=world.member,
        completed_at=timezone.now(),
    )
    drawings = count_drawings(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        after = client.get(_public_url(assessment)).getvalue()
    assert drawings.count == 1
    assert after != before
    assert VersionPdf.objects.filter(version__assessment=assessment).count() == 1
    assert len(kept_files()) == 1  # the file before is deleted


def _languages_kept(assessment) -> list[str]:
    return sorted(
        VersionPdf.objects.filter(version__assessment=assessment).values_list(
            "languages", flat=True
        )
    )


def test_an_english_councils_pdf_is_kept_per_language_a_welsh_councils_once(client, world):
    english = published(world.council_a)
    welsh = published(make_council(nation="wales"))
    for language in ("en-gb", "cy"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for assessment in (english, welsh):
            assert client.get(_public_url(assessment)).status_code == 200
    assert _languages_kept(english) == ["cy", "en-gb"]
    assert _languages_kept(welsh) == ["en-gb+cy"]


def test_a_draft_kept_for_staff_is_still_not_public(client, world, signed_in):
    assessment = published(world.council_a)
    amend(assessment, answers={"conclusion": "Close both clubs"}, reason="Money ran out")
    assert signed_in(world.member).get(_staff_url(assessment, 2)).status_code == 200
    assert VersionPdf.objects.filter(version__number=2).exists()
    client.logout()
    assert client.get(_public_url(assessment, 2)).status_code == 404


def test_another_council_gets_404_for_a_kept_pdf(client, world, signed_in):
    assessment = published(world.council_a)
    assert signed_in(world.member).get(_staff_url(assessment)).status_code == 200
    assert signed_in(world.outsider).get(_staff_url(assessment)).status_code == 404
    client.logout()
    assert client.get(_public_url(assessment, council=world.council_b)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1


def test_a_request_that_finds_it_kept_while_waiting_for_the_lock_draws_nothing(world, monkeypatch):
    """Two requests at once: this one looks and finds nothing kept; the other draws and keeps it;
    this one, holding the lock at last, finds the other's file."""
    version = published(world.council_a).versions.get()
    drawings = count_drawings(monkeypatch)
    look = core_pdf._kept_already
    looked: list[bool] = []

    def the_other_request_keeps_it_first(kept, fingerprint):
        if not looked:
            looked.append(True)
            version_pdf_kept(AssessmentVersion.objects.get(pk=version.pk), language="en-gb")
            return None  # what this request saw before the other kept it
        return look(kept, fingerprint)

    monkeypatch.setattr(core_pdf, "_kept_already", the_other_request_keeps_it_first)
    kept = version_pdf_kept(version, language="en-gb")
    assert drawings.count == 1
    assert VersionPdf.objects.get() == kept
    assert len(kept_files()) == 1


def test_a_version_has_one_kept_pdf_per_languages(world):
    version = published(world.council_a).versions.get()
    VersionPdf.objects.create(version=version, languages="en-gb")
    with pytest.raises(IntegrityError):
        VersionPdf.objects.create(version=version, languages="en-gb")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads share no SQLite test database"
)
def test_two_downloads_at_once_draw_one_pdf_and_keep_one_file(transactional_db, monkeypatch):
    if not Role.objects.exists():  # emptied by a test that ran before, as this one empties it
        call_command("load_reference_data", verbosity=0)
    version = published(make_council()).versions.get()
    drawings = count_drawings(monkeypatch)
    start = threading.Barrier(2)
    kept: list[bytes] = []

    def download() -> None:
        try:
            start.wait()
            each = version_pdf_kept(AssessmentVersion.objects.get(pk=version.pk), language="en-gb")
            with each.pdf.open("rb") as file:
                kept.append(file.read())
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert drawings.count == 1
    assert len(kept) == 2
    assert kept[0] == kept[1]
    assert VersionPdf.objects.count() == 1
    assert len(kept_files()) == 1
