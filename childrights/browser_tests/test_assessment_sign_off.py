"""An author sends an impact assessment for sign-off and cannot sign it off; an accountable
officer signs it off and publishes it with a summary for children; the history shows each
step."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.assessments.models import Assessment
from childrights.testing.assessments import make_assessment
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser


def _moved(t: Callable[[str], str], before: str, after: str) -> str:
    return t("From “%(before)s” to “%(after)s”") % {"before": t(before), "after": t(after)}


def test_an_assessment_is_signed_off_by_a_second_user_and_published(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    author = make_user(
        role="council-staff", council=council, preferred_language=language, full_name="Ada Author"
    )
    officer = make_user(
        role="accountable-officer",
        council=council,
        preferred_language=language,
        full_name="Ola Officer",
    )
    assessment = make_assessment(council=council, author=author)
    history = f"/impact-assessments/{assessment.pk}/history/"
    page = visitor.page
    main = page.locator("main")

    # The author sends it for sign-off, and cannot sign it off.
    visitor.sign_in_as(author)
    visitor.start(history, language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("History"))
    visitor.follow(page.get_by_role("link", name=t("Send for sign-off"), exact=True))
    page.get_by_role("radio").first.check()  # the one accountable officer who did not write it
    visitor.submit(t("Confirm and send for sign-off"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Sent to %(officer)s for sign-off.") % {"officer": "Ola Officer"}
    )
    expect(main).to_contain_text(_moved(t, "Draft", "Awaiting sign-off"))
    response = visitor.follow(page.get_by_role("link", name=t("Sign off"), exact=True))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("You cannot sign off this assessment")
    )
    expect(main).to_contain_text(
        t(
            "You cannot sign off your own assessment. An accountable officer who did not write "
            "it must sign it off."
        )
    )
    visitor.submit(t("Sign out"))

    # An accountable officer reads what they sign, signs it off and publishes it.
    visitor.sign_in_as(officer)
    visitor.goto(history)
    visitor.follow(page.get_by_role("link", name=t("Sign off"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Sign off the assessment"))
    expect(main).to_contain_text("Ada Author")
    expect(main).to_contain_text("A free accessible minibus from each closed club")
    visitor.submit(t("Sign off"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Signed off. This version can no longer be changed.")
    )

    visitor.follow(page.get_by_role("link", name=t("Publish"), exact=True))
    visitor.submit(t("Publish"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Write the summary for children in English")
    )
    page.get_by_label(t("Summary for children (English)"), exact=True).fill(
        "We are opening one youth hub. A free bus will take you there."
    )
    visitor.submit(t("Publish"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Published. Anyone can now read it on the public register.")
    )

    # The history shows each step, newest first, and who took it.
    timeline = page.locator("ol.app-history > li h3")
    expect(timeline.nth(0)).to_have_text(_moved(t, "Signed off", "Published"))
    expect(timeline.nth(1)).to_have_text(_moved(t, "Awaiting sign-off", "Signed off"))
    expect(timeline.nth(2)).to_have_text(_moved(t, "Draft", "Awaiting sign-off"))
    expect(page.locator("ol.app-history > li").nth(1)).to_contain_text("Ola Officer")
    expect(page.locator("ol.app-history > li").nth(2)).to_contain_text("Ada Author")

    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.PUBLISHED
    version = assessment.versions.get()
    assert version.signed_off_by == officer
    assert version.summary_for_children_en.startswith("We are opening one youth hub.")
