"""The PDF of a version: tagged, titled, with its answers as text; English then Welsh for a council
in Wales; for staff any version (drafts marked), for the public only published versions."""

import io
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from childrights.assessments.pdf import version_pdf
from childrights.assessments.tests.test_register import amend, publish, published
from childrights.core.models import AuditEvent
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council


def _read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_is_tagged_titled_and_holds_the_answers_as_text(world):
    assessment = published(world.council_a, title="Youth clubs: one new hub")
    reader, text = _read(version_pdf(assessment.versions.get(), language="en-gb"))
    root = reader.root_object
    assert "/StructTreeRoot" in root
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, DictionaryObject)
    assert mark_info["/Marked"]
    assert str(root["/Lang"]) == "en"
    assert reader.metadata.title == f"{assessment.reference}: Youth clubs: one new hub (version 1)"
    text = _flat(text)
    for expected in (
        "Youth clubs: one new hub",
        world.council_a.name,
        "Summary for children and young people",
        "We are opening one new youth club.",
        "Stage 1: screening",
        "Close two youth clubs and open one larger hub",
        "Stage 2: full assessment",
        "A free accessible minibus from each closed club",
        "Signed off by Dana Officer, Accountable officer",
    ):
        assert expected in text, expected
    assert "Cam 1: sgrinio" not in text


def test_headings_and_tables_are_real_structure(world):
    assessment = published(world.council_a)
    reader, _ = _read(version_pdf(assessment.versions.get(), language="en-gb"))
    kinds: set[str] = set()

    def walk(node) -> None:
        node = node.get_object()
        if "/S" in node:
            kinds.add(str(node["/S"]))
        children = node.get("/K")
        for child in children if isinstance(children, list) else [children]:
            if hasattr(child, "get_object") and hasattr(child.get_object(), "get"):
                walk(child)

    walk(reader.root_object["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/Caption", "/TH", "/TD"} <= kinds


def test_a_welsh_councils_pdf_holds_the_english_then_the_welsh_version(db):
    council = make_council(nation="wales", name="Cyngor Bro Morgannwg", short_name="Bro")
    assessment = make_assessment(council=council)
    version = assessment.versions.get()
    version.answers["proposal"] = {"en": "One new hub", "cy": "Un ganolfan newydd"}
    version.save()
    publish(version, summary="One club, open late", summary_cy="Un clwb, ar agor yn hwyr")
    _, text = _read(version_pdf(version, language="cy"))
    text = _flat(text)
    english_ends = text.index("Stage 2: full assessment")
    assert text.index("One club, open late") < text.index("Stage 1: screening")
    assert text.index("One new hub") < english_ends
    welsh_starts = text.index("Un clwb, ar agor yn hwyr")
    assert english_ends < welsh_starts < text.index("Cam 1: sgrinio")
    assert welsh_starts < text.index("Un ganolfan newydd")
    assert "Un ganolfan newydd" not in text[:english_ends]


def test_the_pdf_template_puts_each_language_in_an_element_with_its_lang(db, monkeypatch):
    council = make_council(nation="wales")
    assessment = published(council)
    drawn: dict[str, Any] = {}

    def capture(template_name, context, *, language):
        drawn.update(context=context, language=language)
        return b"%PDF-"

    monkeypatch.setattr("childrights.core.pdf.pdf_render", capture)
    version_pdf(assessment.versions.get(), language="en-gb")
    assert [part["lang"] for part in drawn["context"]["parts"]] == ["en", "cy"]
    assert "Cam 2: asesiad llawn" in drawn["context"]["parts"][1]["html"]


def test_an_english_councils_pdf_is_in_the_language_asked_for_only(world):
    assessment = published(world.council_a)
    _, text = _read(version_pdf(assessment.versions.get(), language="cy"))
    text = _flat(text)
    assert "Cam 1: sgrinio" in text
    assert "Stage 1: screening" not in text


def test_a_demo_councils_pdf_is_marked_as_demonstration_data(db):
    demo = make_council(name="Demoshire Council", short_name="Demoshire", is_demo=True)
    assessment = published(demo)
    _, text = _read(version_pdf(assessment.versions.get(), language="en-gb"))
    assert "Demonstration data" in _flat(text)


def _staff_url(assessment, number: int) -> str:
    return f"/impact-assessments/{assessment.pk}/versions/{number}/pdf/"


def test_staff_download_a_draft_marked_as_draft_and_the_download_is_audited(world, signed_in):
    assessment = make_assessment(council=world.council_a, author=world.member)
    response = signed_in(world.owner).get(_staff_url(assessment, 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="{assessment.reference}-v1.pdf"'
    )
    pdf = response.getvalue()
    assert pdf.startswith(b"%PDF")
    _, text = _read(pdf)
    assert "Draft: this version has not been signed off" in _flat(text)
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor_email == world.owner.email
    assert event.council_id == world.council_a.pk
    assert event.detail["version"] == 1


def test_people_outside_the_council_get_404_for_the_staff_pdf(world, signed_in, client):
    assessment = published(world.council_a)
    response = signed_in(world.outsider).get(_staff_url(assessment, 1))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED).exists()


def test_a_version_that_does_not_exist_is_404_for_staff_too(world, signed_in):
    assessment = make_assessment(council=world.council_a)
    assert signed_in(world.member).get(_staff_url(assessment, 2)).status_code == 404


def test_signed_out_people_are_sent_to_sign_in_for_the_staff_pdf(world, client):
    assessment = make_assessment(council=world.council_a)
    response = client.get(_staff_url(assessment, 1))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.fixture
def amended(world):
    """Version 1 published; version 2 an amendment not yet published."""
    assessment = published(world.council_a)
    amend(assessment, answers={"conclusion": "Close both clubs"}, reason="Money ran out")
    return assessment


def _public_url(assessment, number: int, council=None) -> str:
    gss = (council or assessment.council).gss_code
    return f"/published-assessments/{gss}/{assessment.public_key}/versions/{number}/pdf/"


def test_anyone_can_download_a_published_versions_pdf(client, amended):
    response = client.get(_public_url(amended, 1))
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")
    assert f'filename="{amended.reference}-v1.pdf"' in response["Content-Disposition"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_the_public_pdf_is_only_for_published_versions_of_the_right_council(client, world, amended):
    assert client.get(_public_url(amended, 2)).status_code == 404
    assert client.get(_public_url(amended, 1, council=world.council_b)).status_code == 404
    draft = make_assessment(council=world.council_a)
    assert client.get(_public_url(draft, 1)).status_code == 404
