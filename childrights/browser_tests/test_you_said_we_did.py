"""A council officer writes the answer back to children (a theme and a commitment), publishes it
and adds an update; the public page children reach from their receipt then shows it all."""

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from childrights.testing.browser import Visitor
from childrights.testing.dates import fill_date
from childrights.testing.factories import make_council, make_user
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.browser


def test_an_officer_publishes_feedback_and_children_see_it(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    consultation = make_consultation(council=council)
    page = visitor.page
    welsh = language == "cy"

    visitor.sign_in_as(officer)
    visitor.start(f"/consultations/{consultation.pk}/feedback/", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("You said, we did"))

    # You said: a theme, in both languages (children can answer this consultation in Welsh).
    visitor.follow(page.get_by_role("link", name=t("Add a theme")))
    visitor.submit(t("Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(t("Enter the theme in English"))
    page.get_by_label(t("Theme (English)"), exact=True).fill("Safer parks")
    page.get_by_label(t("Theme (Welsh)"), exact=True).fill("Parciau mwy diogel")
    page.get_by_label(t("What children said (English)"), exact=True).fill(
        "You told us the parks feel dark."
    )
    page.get_by_label(t("What children said (Welsh)"), exact=True).fill(
        "Dywedoch chi fod y parciau'n teimlo'n dywyll."
    )
    visitor.submit(t("Save"))

    # We did: a commitment answering that theme.
    visitor.follow(page.get_by_role("link", name=t("Add a commitment")))
    page.get_by_label(t("Theme (optional)"), exact=True).select_option(
        label="Parciau mwy diogel" if welsh else "Safer parks"
    )
    page.get_by_label(t("What we will do (English)"), exact=True).fill(
        "We will put lights in Riverside park."
    )
    page.get_by_label(t("What we will do (Welsh)"), exact=True).fill(
        "Byddwn yn rhoi goleuadau ym mharc Glan yr afon."
    )
    visitor.submit(t("Save"))
    expect(page.locator("main")).to_contain_text(t("Not published"))

    # Publish, after a confirmation page.
    visitor.follow(page.get_by_role("link", name=t("Publish"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Publish to children?"))
    visitor.submit(t("Publish"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    # A dated update: the commitment is now in progress, and children see it at once.
    visitor.follow(page.get_by_role("link", name=t("Add an update")))
    fill_date(page, t("Date of the update"), timezone.localdate(), t=t)
    page.get_by_label(t("Update (English)"), exact=True).fill("The lights are ordered.")
    page.get_by_label(t("Update (Welsh)"), exact=True).fill("Mae'r goleuadau wedi'u harchebu.")
    page.get_by_label(t("In progress"), exact=True).check()
    visitor.submit(t("Save"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("The update has been added. Children can see it now.")
    )

    # The public page, as a child reaches it.
    visitor.follow(
        page.get_by_role("link", name=t("See the public page children reach from their receipt"))
    )
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ein parciau" if welsh else "Our parks"
    )
    expect(main).to_contain_text("Parciau mwy diogel" if welsh else "Safer parks")
    expect(main.locator(".govuk-tag")).to_have_text(t("We are doing this"))
    expect(main).to_contain_text(
        "Mae'r goleuadau wedi'u harchebu." if welsh else "The lights are ordered."
    )

    visitor.follow(
        page.get_by_role("link", name=t("See what councils did after other children had their say"))
    )
    expect(page.locator("main")).to_contain_text("Ein parciau" if welsh else "Our parks")
