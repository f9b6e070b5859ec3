"""Staff preview a consultation exactly as a child sees it; nothing they answer is stored."""

import pytest

from childrights.participation.models import Consultation, Response
from childrights.participation.tests.test_journey_support import form_data


@pytest.fixture
def draft(world):
    from childrights.testing.participation import make_consultation

    return make_consultation(council=world.council_a, status=Consultation.Status.DRAFT)


def _url(consultation: Consultation, step: str = "") -> str:
    base = f"/consultations/{consultation.pk}/preview/"
    return f"{base}?step={step}" if step else base


def _walk(client, consultation: Consultation) -> list[str]:
    """Every page of the preview, from the start to check your answers."""
    pages = [client.get(_url(consultation)).content.decode()]
    client.post(_url(consultation))
    pages.append(client.get(_url(consultation, "age")).content.decode())
    client.post(_url(consultation, "age"), {"age_band": "8-11"})
    pages.append(client.get(_url(consultation, "privacy")).content.decode())
    client.post(_url(consultation, "privacy"))
    for question in consultation.questions.order_by("position"):
        pages.append(client.get(_url(consultation, f"q-{question.pk}")).content.decode())
        response = client.post(_url(consultation, f"q-{question.pk}"), form_data(question))
        assert response.status_code == 302
    for key in consultation.about_you:
        pages.append(client.get(_url(consultation, f"about-{key}")).content.decode())
        client.post(_url(consultation, f"about-{key}"), {"value": "prefer-not"})
    pages.append(client.get(_url(consultation, "check")).content.decode())
    return pages


def test_staff_preview_a_draft_consultation_page_by_page_as_a_child_sees_it(
    draft, world, signed_in
):
    pages = _walk(signed_in(world.member), draft)
    assert len(pages) == 3 + 6 + 2 + 1
    for page in pages:
        assert "This is how children see this page." in page
    assert "Question 1 of 6" in pages[3]
    assert "Check your answers" in pages[-1]


def test_the_preview_never_sends_answers(draft, world, signed_in):
    check = _walk(signed_in(world.member), draft)[-1]
    assert "This is a preview: answers are not sent." in check
    assert 'name="payload"' not in check
    assert "/send/" not in check
    assert not Response.objects.exists()


def test_a_preview_keeps_its_answers_apart_from_a_childs(draft, world, signed_in):
    client = signed_in(world.member)
    _walk(client, draft)
    assert f"participation:preview:{draft.pk}" in client.session
    assert f"participation:{draft.pk}" not in client.session


def test_a_closed_consultation_can_still_be_previewed(world, signed_in):
    from childrights.testing.participation import make_consultation

    closed = make_consultation(council=world.council_a, status=Consultation.Status.CLOSED)
    response = signed_in(world.member).get(_url(closed))
    assert response.status_code == 200
    assert "Start now" in response.content.decode()


def test_someone_from_another_council_cannot_preview(draft, world, signed_in):
    assert signed_in(world.outsider).get(_url(draft)).status_code == 404


def test_the_programme_team_cannot_preview_a_councils_consultation(draft, world, signed_in):
    assert signed_in(world.programme).get(_url(draft)).status_code == 404


def test_previewing_needs_signing_in(draft, client):
    response = client.get(_url(draft))
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]
