"""A 19-year-old care leaver finds what their council offers them, from the home page to the
local offer and on to a service that gives it, in English and in Welsh, on a small phone too."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from childrights.core.actors import Actor
from childrights.directory import local_offer
from childrights.directory.tests.test_finder import make_service
from childrights.directory.tests.test_local_offer import make_offer
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council

pytestmark = pytest.mark.browser


def fits_a_small_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"


def test_a_care_leaver_goes_from_the_home_page_to_their_local_offer_and_a_service(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    make_council(name="Brynmawr County Council", short_name="Brynmawr")
    offer = make_offer(
        council,
        adviser_cy="Mae dy gynghorydd personol yno i ti nes dy fod ti'n 25.",
        # A long address written into the council's own words must still fit a small phone.
        complaints_cy="Siarada â dy gynghorydd personol yn gyntaf, neu e-bostia "
        "cwynion.gwasanaethau.plant@aberfield-city-council.example.",
        team_email="leaving.care.team@aberfield-city-council.example",
    )
    nurse = make_service(
        council=council,
        name_en="Health nurse for care leavers",
        name_cy="Nyrs iechyd i bobl sy'n gadael gofal",
        description_en="A nurse who helps you register with a doctor.",
        description_cy="Nyrs sy'n dy helpu i gofrestru gyda meddyg.",
        minimum_age=16,
        maximum_age=25,
    )
    local_offer.entitlement_add(
        actor=Actor(),
        offer=offer,
        values={
            "area": "health",
            "title_en": "A health nurse and your health history",
            "title_cy": "Nyrs iechyd a dy hanes iechyd",
            "amount_en": "Free",
            "amount_cy": "Am ddim",
            "until_age": 25,
        },
        services=[nurse],
    )
    welsh = language == "cy"
    page = visitor.page
    if welsh:
        page.set_viewport_size({"width": 320, "height": 640})

    def check_width() -> None:
        if welsh:
            fits_a_small_phone(page)

    visitor.start("/", language)
    check_width()
    visitor.follow(page.get_by_role("link", name=t("Care leavers: what your council offers you")))
    check_width()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Local offers for care leavers"))
    # Only councils that publish an offer are listed.
    expect(page.get_by_role("link", name="Brynmawr County Council")).to_have_count(0)

    visitor.follow(page.get_by_role("link", name="Aberfield City Council"))
    check_width()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Your local offer as a care leaver")
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text(
        "Mae dy gynghorydd personol yno i ti" if welsh else "Your PA helps you until you are 25."
    )
    expect(main).to_contain_text("01632 960101")
    expect(main).to_contain_text(
        "Siarada â dy gynghorydd personol" if welsh else "Talk to your personal adviser first."
    )
    title = "Nyrs iechyd a dy hanes iechyd" if welsh else "A health nurse and your health history"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(main).to_contain_text(t("Until you are %(age)s") % {"age": 25})

    name = "Nyrs iechyd i bobl sy'n gadael gofal" if welsh else "Health nurse for care leavers"
    visitor.follow(main.get_by_role("link", name=name))
    check_width()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("main")).to_contain_text(
        "Nyrs sy'n dy helpu i gofrestru gyda meddyg."
        if welsh
        else "A nurse who helps you register with a doctor."
    )
