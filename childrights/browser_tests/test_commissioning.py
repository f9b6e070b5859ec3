"""A council's commissioning manager starts a project and works through its first stage: the
stage will not close while a mandatory item is unmet with no reason, and closes once the reason
is recorded."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.assessments import commissioning
from childrights.assessments.models import Project
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser

UNMET = "children-views-on-needs"


def test_a_staff_member_closes_the_analyse_stage_only_with_a_reason_for_what_is_unmet(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    staff = make_user(role="council-staff", council=council, preferred_language=language)
    items = commissioning.checklist().stages["analyse"]

    def label(item: commissioning.Item) -> str:
        return item.label_cy if language == "cy" else item.label_en

    unmet = next(item for item in items if item.key == UNMET)
    page = visitor.page

    visitor.sign_in_as(staff)
    visitor.start(f"/councils/{council.pk}/commissioning/", language)
    expect(page.locator("main")).to_contain_text(t("No commissioning projects yet."))
    visitor.follow(page.get_by_role("link", name=t("Start a commissioning project")))
    page.get_by_label(t("What is being commissioned"), exact=True).fill(
        "Young people's substance misuse service"
    )
    visitor.submit(t("Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Young people's substance misuse service"
    )
    steps = page.locator(".govuk-task-list__item")
    expect(steps.nth(0)).to_contain_text(t("Current stage"))
    expect(steps.nth(1)).to_contain_text(t("To come"))

    # Tick every item of "analyse" but one mandatory item.
    visitor.follow(page.get_by_role("link", name=t("Change the checklist")))
    for item in items:
        if item.key != UNMET:
            page.get_by_role("group", name=label(item)).get_by_label(t("Yes"), exact=True).check()
    page.get_by_label(f"{t('Evidence')}: {label(items[0])}", exact=True).fill(
        "Needs analysis 2026, tables 3 to 5"
    )
    visitor.submit(t("Save the checklist"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The checklist has been saved.")
    )

    # Closing is refused, with the item that stops it.
    visitor.follow(page.get_by_role("link", name=t("Close this stage")))
    visitor.submit(t("Close the stage"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(t("There is a problem"))
    expect(summary).to_contain_text(label(unmet))
    assert Project.objects.get().stage == Project.Stage.ANALYSE

    # Record the reason, then close the stage.
    visitor.follow(summary.get_by_role("link", name=label(unmet)))
    page.get_by_label(f"{t('If it is not met, why not')}: {label(unmet)}", exact=True).fill(
        "The youth forum meets in May; we will ask them while planning"
    )
    visitor.submit(t("Save the checklist"))
    visitor.follow(page.get_by_role("link", name=t("Close this stage")))
    expect(page.locator("main")).to_contain_text("The youth forum meets in May")
    visitor.submit(t("Close the stage"))

    steps = page.locator(".govuk-task-list__item")
    expect(steps.nth(0)).to_contain_text(t("Closed"))
    expect(steps.nth(1)).to_contain_text(t("Current stage"))
    expect(steps.nth(1)).to_contain_text(t("Plan"))
    expect(
        page.get_by_role("heading", level=2, name=t("Checklist: %(stage)s") % {"stage": t("Plan")})
    ).to_be_visible()
    expect(page.locator("main")).to_contain_text("The youth forum meets in May")
    assert Project.objects.get().stage == Project.Stage.PLAN
