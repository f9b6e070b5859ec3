"""A council officer starts an impact assessment, screens the proposal, completes the full
assessment with an article impact and the principles, and reads the overview. A council lead
chooses the council's template and adds its own groups of children."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.assessments.models import CouncilSettings, Template
from childrights.browser_tests.assessment_support import (
    answer_the_screening,
    question_labels,
    start_an_assessment,
)
from childrights.framework.models import Principle
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_device, make_user

pytestmark = pytest.mark.browser


def test_an_officer_screens_a_proposal_and_assesses_its_impact(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    template = Template.objects.get(slug="default", is_current=True)
    code = "cy" if language == "cy" else "en"
    labels = question_labels(template, language)
    page = visitor.page

    visitor.sign_in_as(officer)
    start_an_assessment(
        visitor,
        language,
        t,
        council=council,
        proposed="Youth clubs: one new hub",
        kind="Service change",
    )
    page.locator('input[name="themes"]').first.check()
    visitor.submit(t("Save"))

    # Stage 1: screening, concluding that a full assessment is needed.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        template.definition["stages"][0]["title"][code]
    )
    answer_the_screening(
        visitor,
        t,
        labels,
        proposal="Close two youth clubs, open one hub",
        decision_owner="Director of Children's Services",
        decided_on=("1", "9", "2026"),
        desired_outcome="A youth service used more",
        children_direct="Young people at the clubs",
        full_needed=True,
        reasons="Children use the clubs every week",
    )
    page.get_by_label(t("Disabled children"), exact=True).check()
    visitor.submit(t("Save answers"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("Your answers have been saved.")
    )

    # Stage 2: the full assessment.
    visitor.follow(page.get_by_role("link", name=t("Go to the full assessment")))
    first = page.get_by_role("group", name=t("Evidence %(number)s") % {"number": 1}, exact=True)
    first.get_by_label(t("Quantitative"), exact=True).check()
    first.get_by_label(t("Description"), exact=True).fill("Attendance figures 2024-2026")
    for key, answer in (
        ("views_how", "A consultation with 240 young people"),
        ("views_what", "Keep it open late and near a bus route"),
        ("views_changed", "Opening hours extended to 9pm"),
        ("options", "Keep both clubs; close both; one hub"),
        ("conclusion", "One hub, with transport"),
        ("best_interests", "Young people's views shaped the hours and transport"),
        ("sharing_with_children", "A short video and a poster at each club"),
        ("monitoring", "Attendance by group every quarter"),
    ):
        page.get_by_label(labels[key], exact=True).fill(answer)

    added = page.get_by_role("group", name=t("Add an article"), exact=True)
    added.get_by_label(t("Article"), exact=True).select_option("2")
    added.get_by_label(t("Negative"), exact=True).check()
    added.get_by_label(t("Indirect"), exact=True).check()
    added.get_by_label(t("Short term"), exact=True).check()
    added.get_by_label(t("Explanation"), exact=True).fill(
        "Disabled young people may find the hub harder to reach"
    )
    added.get_by_label(t("Mitigation"), exact=True).fill(
        "A free accessible minibus from each closed club"
    )

    for principle in Principle.objects.all():
        name = principle.name_cy if code == "cy" else principle.name_en
        row = page.get_by_role("group", name=name, exact=True)
        if principle.slug == "participation":
            row.get_by_label(t("Positive"), exact=True).check()
            row.get_by_label(t("Direct"), exact=True).check()
            row.get_by_label(t("Long term"), exact=True).check()
            row.get_by_label(t("Explanation"), exact=True).fill("Young people chose the programme")
        else:
            row.get_by_label(t("No impact"), exact=True).check()

    page.get_by_label(t("Day"), exact=True).fill("1")
    page.get_by_label(t("Month"), exact=True).fill("9")
    page.get_by_label(t("Year"), exact=True).fill("2027")
    visitor.submit(t("Save answers"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("Your answers have been saved.")
    )
    expect(page.get_by_role("group", name=t("Add an article"), exact=True)).to_be_visible()

    # The overview: both stages complete, the impact and its mitigation in a table.
    visitor.follow(page.get_by_role("link", name=t("Back to the assessment")).first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Youth clubs: one new hub")
    tasks = page.locator(".govuk-task-list")
    expect(tasks).to_contain_text(
        t("%(answered)s of %(required)s needed answers given") % {"answered": 6, "required": 6}
    )
    expect(tasks).to_contain_text(
        t("%(answered)s of %(required)s needed answers given") % {"answered": 12, "required": 12}
    )
    impacts = page.get_by_role("table").first
    expect(impacts).to_contain_text("A free accessible minibus from each closed club")
    expect(impacts).to_contain_text(t("Negative"))


def test_a_council_lead_chooses_the_template_and_adds_a_group_of_children(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_user(role="council-lead", council=council, preferred_language=language)
    make_device(user=lead)
    scotland = Template.objects.get(slug="scotland", is_current=True)
    page = visitor.page

    visitor.sign_in_as(lead)
    visitor.start(f"/councils/{council.pk}/impact-assessments/", language)
    visitor.follow(page.get_by_role("link", name=t("Choose the template and groups of children")))
    name = scotland.name_cy if language == "cy" else scotland.name_en
    page.get_by_label(name, exact=False).check()
    page.get_by_label(t("Your council’s own groups of children (optional)")).fill(
        "Young parents\nChildren of armed forces families"
    )
    visitor.submit(t("Save settings"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t(
            "The settings have been saved. New assessments will use the template you chose; "
            "assessments already started keep theirs."
        )
    )
    settings = CouncilSettings.objects.get(council=council)
    assert settings.template_slug == "scotland"
    assert settings.extra_groups == ["Young parents", "Children of armed forces families"]
