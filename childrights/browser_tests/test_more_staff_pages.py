"""Staff pages no journey test opens, opened by a council officer in English and Welsh: each
passes the accessibility check (the visitor runs axe on every page it loads)."""

import pytest
from django.utils import timezone

from childrights.assessments.models import Assessment, DecisionRecord
from childrights.testing.assessments import make_assessment
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.browser


def test_assessment_workflow_and_consultation_preview_pages_are_accessible(
    visitor: Visitor, language: str, reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    signer = make_user(role="accountable-officer", council=council)
    published = make_assessment(council=council, state=Assessment.State.PUBLISHED)
    version = published.versions.get()
    version.signed_off_by, version.signed_off_at = signer, timezone.now()
    version.published_at = timezone.now()
    version.save()
    draft = make_assessment(council=council, author=officer)
    decision = DecisionRecord.objects.create(
        council=council, title="Close a library", decided_on="2026-10-01", kind="budget"
    )
    consultation = make_consultation(council=council, status="draft")

    visitor.sign_in_as(officer)
    first = f"/councils/{council.pk}/impact-assessments/dashboard/"
    response = visitor.start(first, language)
    assert response.status == 200, first
    for path in [
        f"/councils/{council.pk}/decisions/",
        f"/decisions/{decision.pk}/",
        f"/impact-assessments/{draft.pk}/submit/",
        f"/impact-assessments/{published.pk}/versions/1/",
        f"/impact-assessments/{published.pk}/amend/",
        f"/impact-assessments/{published.pk}/review/",
        f"/consultations/{consultation.pk}/preview/",
    ]:
        response = visitor.goto(path)
        assert response.status == 200, path
