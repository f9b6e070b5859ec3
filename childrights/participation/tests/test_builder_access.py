"""Who reaches the builder's pages: outsiders get 404 everywhere, members without the "edit"
capability get 403 wherever something could change, and every change is audited."""

import pytest

from childrights.core.models import AuditEvent
from childrights.participation.models import AccessCode, Consultation, Question, Wording
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_user
from childrights.testing.participation import make_access_code, make_consultation


@pytest.fixture
def records(world):
    draft = make_consultation(council=world.council_a, status=Consultation.Status.DRAFT)
    return {
        "council": world.council_a.pk,
        "consultation": draft.pk,
        "question": draft.questions.first().pk,
        "code": make_access_code(consultation=draft).pk,
    }


# Pages anyone in the council may read.
READ = [
    "/councils/{council}/consultations/",
    "/consultations/{consultation}/",
    "/consultations/{consultation}/codes/",
    "/codes/{code}/print/",
]
# Pages that change something.
EDIT = [
    "/councils/{council}/consultations/new/",
    "/consultations/{consultation}/edit/",
    "/consultations/{consultation}/questions/new/",
    "/questions/{question}/",
    "/questions/{question}/delete/",
    "/questions/{question}/move/",
    "/consultations/{consultation}/open/",
    "/consultations/{consultation}/close/",
    "/codes/{code}/revoke/",
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("path", READ + EDIT)
def test_people_outside_the_council_get_404_on_every_page(world, signed_in, records, path, method):
    response = getattr(signed_in(world.outsider), method)(path.format(**records))
    assert response.status_code == 404


@pytest.mark.parametrize("path", READ + EDIT)
def test_the_programme_team_does_not_see_a_councils_consultations(world, signed_in, records, path):
    assert signed_in(world.programme).get(path.format(**records)).status_code == 404


@pytest.mark.parametrize("role", ["elected-member", "safeguarding-lead"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("path", EDIT)
def test_members_without_the_edit_capability_get_403_where_things_change(
    world, signed_in, records, path, method, role
):
    person = make_user(role=role, council=world.council_a)
    response = getattr(signed_in(person), method)(path.format(**records))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED, actor=person).exists()


def test_a_refused_post_changes_nothing(world, signed_in, records):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    client.post(f"/questions/{records['question']}/delete/")
    client.post(f"/codes/{records['code']}/revoke/")
    client.post(f"/consultations/{records['consultation']}/codes/", {"group_name": "Year 6"})
    assert Question.objects.filter(pk=records["question"]).exists()
    assert AccessCode.objects.get().revoked_at is None


@pytest.mark.parametrize("path", READ)
def test_members_without_the_edit_capability_can_read(world, signed_in, records, path):
    councillor = make_user(role="elected-member", council=world.council_a)
    assert signed_in(councillor).get(path.format(**records)).status_code == 200


@pytest.mark.parametrize(
    "path", READ + [path for path in EDIT if not path.endswith(("/move/", "/revoke/", "/close/"))]
)
def test_members_with_the_edit_capability_reach_every_form(world, signed_in, records, path):
    assert signed_in(world.member).get(path.format(**records)).status_code == 200


def _writes(world, records):
    """Every change the builder makes, as one request each, and the record it should log."""
    consultation = Consultation.objects.get(pk=records["consultation"])
    details = {
        "title_en": "Parks",
        "purpose_en": "Parks",
        "age_bands": ["8-11", "12-15"],
        "languages": "en",
        **date_parts("opens_on", consultation.opens_on.isoformat()),
        **date_parts("closes_on", consultation.closes_on.isoformat()),
        "identified": "no",
        "safeguarding_lead": consultation.safeguarding_lead_id,
        "safeguarding_deputy": consultation.safeguarding_deputy_id,
    }
    question = {"kind": "text", "text_en": "Anything else?"}
    wordings = {"part": "wordings", "8-11-text_en": "Tell us more"}
    return [
        (f"/councils/{records['council']}/consultations/new/", details, "Consultation", "create"),
        (f"/consultations/{records['consultation']}/edit/", details, "Consultation", "update"),
        (
            f"/consultations/{records['consultation']}/questions/new/",
            question,
            "Question",
            "create",
        ),
        (f"/questions/{records['question']}/", question, "Question", "update"),
        (f"/questions/{records['question']}/", wordings, "Wording", "create"),
        (f"/questions/{records['question']}/move/", {"direction": "down"}, "Question", "update"),
        (f"/questions/{records['question']}/delete/", {}, "Question", "delete"),
        (
            f"/consultations/{records['consultation']}/codes/",
            {"group_name": "Y6"},
            "AccessCode",
            "create",
        ),
        (f"/codes/{records['code']}/revoke/", {}, "AccessCode", "update"),
        (f"/consultations/{records['consultation']}/open/", {}, "Consultation", "update"),
        (f"/consultations/{records['consultation']}/close/", {}, "Consultation", "update"),
    ]


def test_every_write_is_audited_with_who_and_which_council(world, signed_in, records):
    client = signed_in(world.member)
    for path, data, model, action in _writes(world, records):
        before = AuditEvent.objects.count()
        response = client.post(path, data)
        assert response.status_code == 302, path
        event = AuditEvent.objects.order_by("-id").first()
        assert AuditEvent.objects.count() > before, path
        assert (event.object_type, event.action) == (f"participation.{model}", action), path
        assert event.actor == world.member
        assert event.council_id == world.council_a.pk
    assert Wording.objects.count() == 0  # went with its question
    assert Consultation.objects.get(pk=records["consultation"]).status == "closed"
