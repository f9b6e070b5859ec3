"""A council lead builds a consultation, opens it to children and prints a code for a class."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from childrights.participation.models import AccessCode, Consultation
from childrights.testing.browser import Visitor
from childrights.testing.dates import fill_date
from childrights.testing.factories import make_council, make_device, make_user
from childrights.testing.participation import (
    make_access_code,
    make_consultation,
    make_safeguarding_lead,
)

pytestmark = pytest.mark.browser


def test_a_council_lead_builds_opens_and_prints_a_code_for_a_consultation(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_user(role="council-lead", council=council, preferred_language=language)
    make_device(user=lead)
    make_safeguarding_lead(council, full_name="Sam Lead", email="sam@aberfield.example")
    make_safeguarding_lead(council, full_name="Dee Deputy", email="dee@aberfield.example")
    today = timezone.localdate()
    page = visitor.page

    visitor.sign_in_as(lead)
    visitor.start("/councils/", language)
    visitor.follow(
        page.get_by_role("link", name=t("Consultations – %(council)s") % {"council": "Aberfield"})
    )
    visitor.follow(page.get_by_role("link", name=t("Create a consultation")))
    visitor.submit(t("Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Enter a title in English or Welsh")
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text(t("Choose at least one age band"))

    page.get_by_label(t("Title (English)"), exact=True).fill("Our parks")
    page.get_by_label(t("Title (Welsh)"), exact=True).fill("Ein parciau")
    page.get_by_label(t("What it is for (English)"), exact=True).fill(
        "Tell us what you think of the parks near you."
    )
    page.get_by_label(t("What it is for (Welsh)"), exact=True).fill(
        "Dywed wrthym beth rwyt ti'n ei feddwl o'r parciau."
    )
    page.get_by_label(t("8 to 11"), exact=True).check()
    page.get_by_label(t("English and Welsh"), exact=True).check()
    fill_date(page, t("Opens"), today, t=t)
    fill_date(page, t("Closes"), today + datetime.timedelta(days=28), t=t)
    page.get_by_label(t("Designated safeguarding lead")).select_option(
        label="Sam Lead (sam@aberfield.example)"
    )
    page.get_by_label(t("Deputy safeguarding lead")).select_option(
        label="Dee Deputy (dee@aberfield.example)"
    )
    visitor.submit(t("Save"))
    title = "Ein parciau" if language == "cy" else "Our parks"
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text(t("Add at least one question"))

    visitor.follow(page.get_by_role("link", name=t("Add a question")))
    page.get_by_label(t("Choose one answer"), exact=True).check()
    page.get_by_label(t("Question (English)"), exact=True).fill("Which park do you go to most?")
    page.get_by_label(t("Question (Welsh)"), exact=True).fill("Pa barc rwyt ti'n mynd iddo fwyaf?")
    page.get_by_label(t("Answers (English)"), exact=True).fill("Riverside\nHill Top\nNone")
    page.get_by_label(t("Answers (Welsh)"), exact=True).fill("Glan yr afon\nPen y bryn\nDim un")
    visitor.submit(t("Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The question has been added.")
    )

    visitor.follow(page.get_by_role("link", name=t("Add a question")))
    page.get_by_label(t("Write an answer"), exact=True).check()
    page.get_by_label(t("Question (English)"), exact=True).fill("Anything else?")
    page.get_by_label(t("Question (Welsh)"), exact=True).fill("Unrhyw beth arall?")
    visitor.submit(t("Save"))
    expect(page.locator("main table")).to_contain_text(
        "Unrhyw beth arall?" if language == "cy" else "Anything else?"
    )

    visitor.follow(page.get_by_role("link", name=t("Open the consultation")))
    visitor.submit(t("Open the consultation"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The consultation is open. Children can now answer it.")
    )
    consultation = Consultation.objects.get()
    assert consultation.status == Consultation.Status.OPEN
    assert consultation.safeguarding_lead.email == "sam@aberfield.example"
    expect(page.locator("main")).to_contain_text(
        visitor.url(f"/have-your-say/{consultation.link_key}/")
    )

    visitor.follow(page.get_by_role("link", name=t("Access codes for groups")))
    page.get_by_label(t("Group"), exact=True).fill("Year 6, Hillside Primary")
    visitor.submit(t("Make the code"))
    code = AccessCode.objects.get()
    expect(page.locator("main table")).to_contain_text(code.code)

    visitor.follow(page.locator("main table").get_by_role("link").first)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Code for %(group)s") % {"group": "Year 6, Hillside Primary"}
    )
    # The card is in English and in Welsh, the page's language first; printed, it stands alone.
    parts = page.locator(".app-card__part")
    expect(parts.first).to_have_attribute("lang", "cy" if language == "cy" else "en")
    expect(parts).to_have_count(2)
    expect(parts.locator(".app-secret-key")).to_have_text([code.code, code.code])
    expect(parts.locator(".app-qr-code svg")).to_have_count(2)
    page.emulate_media(media="print")
    for shown_on_screen_only in ("header", "footer", ".app-get-help", ".app-no-print"):
        expect(page.locator(shown_on_screen_only)).to_be_hidden()
    expect(parts.nth(1)).to_be_visible()
    page.emulate_media(media="screen")

    # Revoking asks first.
    visitor.follow(page.get_by_role("link", name=t("Access codes"), exact=True))
    visitor.follow(page.locator("main table").get_by_role("link", name=t("Revoke"), exact=False))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Revoke the code for %(group)s?") % {"group": "Year 6, Hillside Primary"}
    )
    code.refresh_from_db()
    assert code.revoked_at is None
    visitor.submit(t("Revoke the code"))
    code.refresh_from_db()
    assert code.revoked_at is not None


def test_every_page_of_the_builder_is_accessible(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    draft = make_consultation(
        council=council, status=Consultation.Status.DRAFT, safeguarding_deputy=None
    )
    opened = make_consultation(council=council, title_en="Our libraries")
    code = make_access_code(consultation=opened)
    revoked = make_access_code(consultation=opened, revoked_at=timezone.now())
    question = draft.questions.first()
    page = visitor.page

    visitor.sign_in_as(officer)
    first = f"/councils/{council.pk}/consultations/"
    response = visitor.start(first, language)
    assert response.status == 200, first
    for path in [
        f"/councils/{council.pk}/consultations/new/",
        f"/consultations/{draft.pk}/",
        f"/consultations/{opened.pk}/",
        f"/consultations/{draft.pk}/edit/",
        f"/consultations/{opened.pk}/edit/",
        f"/consultations/{draft.pk}/questions/new/",
        f"/questions/{question.pk}/",
        f"/questions/{question.pk}/delete/",
        f"/consultations/{draft.pk}/open/",
        f"/consultations/{opened.pk}/close/",
        f"/consultations/{opened.pk}/codes/",
        f"/codes/{code.pk}/print/",
        f"/codes/{revoked.pk}/print/",
        f"/codes/{code.pk}/revoke/",
    ]:
        response = visitor.goto(path)
        assert response.status == 200, path

    visitor.goto(f"/questions/{question.pk}/")
    page.get_by_label(t("Hint (English)") + " – " + t("Easy read"), exact=True).fill("Pick one")
    visitor.submit(t("Save the wording"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
