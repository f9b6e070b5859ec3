"""A council officer asks children and young people about a self-assessment round, then sees
their answers beside the staff ratings, with a difference marked in words, in English and on
one page in Welsh."""

import pytest
from playwright.sync_api import expect

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.framework.models import Indicator
from childrights.outcomes.models import ChildLedEvaluation, Rating, Round
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.models import Consultation
from childrights.participation.submission import Draft, submit
from childrights.testing.browser import Visitor, translated
from childrights.testing.factories import make_council, make_user
from childrights.testing.participation import make_safeguarding_lead

pytestmark = pytest.mark.browser

# Staff rate every indicator "Developing"; children answer "Mostly" (the same) to every
# question but one, where they answer "Not at all".
STAFF_LEVEL = 2
CHILDREN = 12
DISAGREE = "feedback"


def _open_and_answer(consultation: Consultation, staff: User) -> None:
    """What happens between the two visits: the consultation opens and children answer."""
    actor = Actor(person=staff)
    builder_consultations.consultation_update(
        actor=actor,
        consultation=consultation,
        values={
            "safeguarding_lead": make_safeguarding_lead(consultation.council),
            "safeguarding_deputy": make_safeguarding_lead(consultation.council),
        },
    )
    assert builder_consultations.consultation_open(actor=actor, consultation=consultation) == []
    consultation.refresh_from_db()
    evaluation = ChildLedEvaluation.objects.get(consultation=consultation)
    for _child in range(CHILDREN):
        answers = {}
        for link in evaluation.questions.select_related("indicator", "question"):
            choices = list(link.question.choices.values_list("pk", flat=True))
            answers[str(link.question_id)] = {
                "choices": [choices[0 if link.indicator.slug == DISAGREE else STAFF_LEVEL]]
            }
        submit(
            consultation=consultation, draft=Draft(age_band="12-15", answers=answers), via_code=None
        )


def test_an_officer_asks_children_and_sees_where_they_differ_from_staff(
    visitor: Visitor, reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council)
    round_ = Round.objects.create(
        council=council, name="Year 1 review", kind="yearly", held_on="2026-01-15"
    )
    Rating.objects.bulk_create(
        Rating(round=round_, indicator=indicator, level=STAFF_LEVEL)
        for indicator in Indicator.objects.filter(is_active=True)
    )
    page = visitor.page

    visitor.sign_in_as(officer)
    visitor.goto(f"/self-assessment/{round_.pk}/")
    visitor.follow(page.get_by_role("link", name="Ask children and young people"))

    # One indicator a principle is ticked to start with: keep them.
    expect(page.get_by_role("checkbox", checked=True)).to_have_count(7 + 4)
    visitor.submit("Make the consultation")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The consultation has been made as a draft"
    )
    consultation = Consultation.objects.get(council=council)
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.questions.count() == 7

    _open_and_answer(consultation, officer)
    visitor.goto(f"/self-assessment/{round_.pk}/")
    visitor.follow(page.get_by_role("link", name="See their answers beside the staff ratings"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What children and young people said")
    summary = page.get_by_role("table", name="Staff ratings beside children’s answers")
    feedback = Indicator.objects.get(slug=DISAGREE)
    differing = summary.get_by_role("row").filter(has_text=feedback.text_en)
    expect(differing).to_contain_text("Differs")
    expect(differing).to_contain_text("Children rate this a whole level or more lower than staff")
    expect(differing).to_contain_text("Not started")  # children's typical answer
    expect(summary.get_by_role("row").filter(has_text="Close to the staff rating")).to_have_count(6)
    expect(page.locator("svg.app-chart")).to_have_count(7)
    answers = page.get_by_role("table", name="Answers of the 12 children who answered").first
    expect(answers).to_contain_text("Mostly")

    visitor.switch_language("cy")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        translated("What children and young people said", "cy")
    )
    expect(page.locator("main")).to_contain_text(feedback.text_children_cy)
    expect(page.locator("main")).to_contain_text(feedback.text_cy)
