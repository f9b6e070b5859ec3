"""A child goes from the home page to a consultation, answers every kind of question, sends their
answers, keeps the receipt code and comes back with it to see what changed."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.participation.models import Response
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.browser

# What the consultation's own words are in each language (they come from the database).
WORDS = {
    "en-gb": {
        "title": "Our parks",
        "single": "Which park do you go to most?",
        "Riverside": "Riverside",
        "Hill Top": "Hill Top",
        "Happy": "Happy",
        "Swings": "Swings",
        "Lights": "Lights",
        "Yes": "Yes",
        "Play": "Play",
        "Sport": "Sport",
        "Quiet": "Quiet",
        "text": "Is there anything else you want to tell us?",
    },
    "cy": {
        "title": "Ein parciau",
        "single": "Pa barc rwyt ti'n mynd iddo fwyaf?",
        "Riverside": "Glan yr afon",
        "Hill Top": "Pen y bryn",
        "Happy": "Hapus",
        "Swings": "Siglenni",
        "Lights": "Goleuadau",
        "Yes": "Ydw",
        "Play": "Chwarae",
        "Sport": "Chwaraeon",
        "Quiet": "Tawelwch",
        "text": "Oes unrhyw beth arall rwyt ti eisiau ei ddweud wrthym?",
    },
}


def _answer_every_question(
    visitor: Visitor, t: Callable[[str], str], words: dict[str, str]
) -> None:
    """From the start page of the consultation to check your answers."""
    page = visitor.page
    visitor.submit(t("Start now"))

    visitor.submit(t("Continue"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Choose how old you are, or choose Prefer not to say")
    )
    page.get_by_role("radio", name=t("8 to 11"), exact=True).check()
    visitor.submit(t("Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text(t("Before you start"))
    expect(page.locator("main")).to_contain_text(t("Keeping you safe"))
    visitor.submit(t("Continue"))

    expect(page.locator(".govuk-caption-l")).to_have_text(
        t("Question %(number)s of %(total)s") % {"number": 1, "total": 6}
    )
    page.get_by_role("radio", name=words["Riverside"], exact=True).check()
    visitor.submit(t("Continue"))

    page.get_by_role("radio", name=words["Happy"], exact=True).check()
    visitor.submit(t("Continue"))

    # Back, and the answer is still there.
    visitor.follow(page.get_by_role("link", name=t("Back"), exact=True))
    expect(page.get_by_role("radio", name=words["Happy"], exact=True)).to_be_checked()
    visitor.submit(t("Continue"))

    page.get_by_role("checkbox", name=words["Swings"], exact=True).check()
    page.get_by_role("checkbox", name=words["Lights"], exact=True).check()
    visitor.submit(t("Continue"))

    page.get_by_role("radio", name=words["Yes"], exact=True).check()
    visitor.submit(t("Continue"))

    page.get_by_label(words["Play"], exact=True).select_option(label=t("1st"))
    page.get_by_label(words["Sport"], exact=True).select_option(label=t("1st"))
    page.get_by_label(words["Quiet"], exact=True).select_option(label=t("2nd"))
    visitor.submit(t("Continue"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Two items have the same place. Give each item a different place.")
    )
    page.get_by_label(words["Sport"], exact=True).select_option(label=t("3rd"))
    visitor.submit(t("Continue"))

    page.get_by_role("textbox", name=words["text"]).fill("We need more bins")
    visitor.submit(t("Continue"))

    page.get_by_role("radio", name=t("Prefer not to say"), exact=True).check()
    visitor.submit(t("Continue"))
    visitor.submit(t("Continue"))  # "Are you, or have you been, in care?" skipped

    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your answers"))


def test_a_child_has_their_say_and_comes_back_to_see_what_changed(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    make_consultation(council=council)
    words = WORDS[language]
    page = visitor.page

    visitor.start("/", language)
    visitor.follow(page.locator("main").get_by_role("button", name=t("Have your say")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Have your say"))
    visitor.follow(page.get_by_role("link", name=words["title"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["title"])

    _answer_every_question(visitor, t, words)
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text(words["Riverside"])
    expect(summary).to_contain_text("We need more bins")

    # Change one answer from the check page, and come straight back to it.
    visitor.follow(summary.get_by_role("link", name=f"{t('Change')} {words['single']}"))
    page.get_by_role("radio", name=words["Hill Top"], exact=True).check()
    visitor.submit(t("Continue"))
    expect(page.locator(".govuk-summary-list")).to_contain_text(words["Hill Top"])

    visitor.submit(t("Send my answers"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your answers have been sent"))
    shown = page.locator(".app-secret-key").inner_text()
    receipt = Response.objects.get().receipt
    assert shown.replace(" ", "") == receipt

    visitor.follow(page.get_by_role("link", name=t("Use your code")))
    page.get_by_label(t("Your receipt code")).fill(shown.lower())
    visitor.submit(t("Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your answers"))
    expect(
        page.get_by_role(
            "link", name=t("See what changed because of what children and young people said")
        )
    ).to_be_visible()


def test_the_journey_fits_a_small_phone(visitor: Visitor, reference_data: None) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    consultation = make_consultation(council=council)
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})

    def fits() -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"

    visitor.goto(f"/have-your-say/{consultation.link_key}/")
    fits()
    visitor.submit("Start now")
    page.get_by_role("radio", name="8 to 11", exact=True).check()
    visitor.submit("Continue")
    fits()
    visitor.submit("Continue")
    for _ in range(6):
        fits()
        visitor.submit("Continue")
    visitor.submit("Continue")
    visitor.submit("Continue")
    fits()
    visitor.submit("Send my answers")
    fits()
    expect(page.locator(".app-secret-key")).to_be_visible()
