"""Every workflow page answers 404 to people outside the council and 403 to members whose role
does not allow the step."""

import pytest

from childrights.assessments.models import Assessment, DecisionRecord
from childrights.core.models import AuditEvent
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_user

STEPS = ["submit", "sign-off", "return", "publish", "amend", "review", "close", "comments"]
READ = ["history", "versions/1"]


@pytest.fixture
def assessment(world):
    return make_assessment(council=world.council_a, author=world.member)


@pytest.fixture
def decision(world):
    return DecisionRecord.objects.create(
        council=world.council_a, title="Close a library", decided_on="2026-10-01", kind="budget"
    )


def _council_pages(world, decision):
    return [
        f"/councils/{world.council_a.pk}/impact-assessments/dashboard/",
        f"/councils/{world.council_a.pk}/decisions/",
        f"/decisions/{decision.pk}/",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_on_every_page_and_it_is_audited(
    world, assessment, decision, signed_in, method
):
    client = signed_in(world.outsider)
    paths = [f"/impact-assessments/{assessment.pk}/{page}/" for page in STEPS + READ]
    for path in paths + _council_pages(world, decision):
        assert getattr(client, method)(path).status_code == 404, path
    denied = AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED)
    assert denied.count() == len(paths) + 3
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT


def test_signed_out_people_are_sent_to_sign_in(world, assessment, client):
    for page in STEPS + READ:
        response = client.get(f"/impact-assessments/{assessment.pk}/{page}/")
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_read_only_members_get_403_on_every_step(world, assessment, decision, signed_in, method):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    for page in STEPS:
        path = f"/impact-assessments/{assessment.pk}/{page}/"
        assert getattr(client, method)(path).status_code == 403, path
    assert getattr(client, method)(f"/decisions/{decision.pk}/").status_code == 403
    assert client.post(f"/councils/{world.council_a.pk}/decisions/").status_code == 403
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT


def test_read_only_members_read_the_history_versions_dashboard_and_decisions(
    world, assessment, decision, signed_in
):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    for page in READ:
        assert client.get(f"/impact-assessments/{assessment.pk}/{page}/").status_code == 200
    for path in _council_pages(world, decision)[:2]:
        assert client.get(path).status_code == 200


def test_the_programme_team_reads_but_cannot_sign_off(world, assessment, signed_in):
    client = signed_in(world.programme)
    assert client.get(f"/impact-assessments/{assessment.pk}/history/").status_code == 200
    assert client.get(f"/impact-assessments/{assessment.pk}/sign-off/").status_code == 403
    assert client.get(f"/impact-assessments/{assessment.pk}/return/").status_code == 403
