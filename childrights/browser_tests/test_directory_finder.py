"""A young person on a small phone finds a service by what they need and their age."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from childrights.directory.tests.test_finder import make_need, make_service
from childrights.directory.tests.test_finder_distance import place, table
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council

pytestmark = pytest.mark.browser


def fits_a_small_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"


def test_a_young_person_finds_a_service_by_need_and_age(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    housing = make_need(name_en="A home of my own", name_cy="Cartref fy hun")
    make_service(
        council=council,
        name_en="Housing advice for care leavers",
        name_cy="Cyngor tai i bobl sy'n gadael gofal",
        description_en="Help to find and keep a home.",
        description_cy="Help i ddod o hyd i gartref a'i gadw.",
        needs=[housing],
        minimum_age=16,
        maximum_age=25,
        town="Llanfair",
    )
    make_service(
        council=council,
        name_en="Children's housing team",
        name_cy="Tîm tai plant",
        needs=[housing],
        maximum_age=15,
    )
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})

    visitor.start("/", language)
    visitor.follow(page.get_by_role("link", name=t("Find services and help near you")))
    fits_a_small_phone(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Find services for children and young people")
    )

    welsh = language == "cy"
    page.get_by_label(t("Choose from the list")).select_option(
        label="Cartref fy hun" if welsh else "A home of my own"
    )
    page.get_by_label(t("How old are you?")).fill("nineteen")
    visitor.submit(t("Find services"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Enter your age as a number, like 15")
    )
    fits_a_small_phone(page)

    page.get_by_label(t("How old are you?")).fill("19")
    visitor.submit(t("Find services"))
    fits_a_small_phone(page)
    results = page.locator(".govuk-summary-card")
    expect(results).to_have_count(1)
    name = "Cyngor tai i bobl sy'n gadael gofal" if welsh else "Housing advice for care leavers"
    expect(results).to_contain_text("Llanfair")
    expect(results).to_contain_text(t("Free"))

    visitor.follow(results.get_by_role("link", name=name))
    fits_a_small_phone(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("main")).to_contain_text(
        "Help i ddod o hyd i gartref a'i gadw." if welsh else "Help to find and keep a home."
    )


def test_a_young_person_finds_the_nearest_services_to_their_postcode(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    table(council)
    place(make_service(council=council, name_en="Youth club", name_cy="Clwb ieuenctid"), "0.03")
    place(make_service(council=council, name_en="Drop-in", name_cy="Galw heibio"), "0.01")
    place(make_service(council=council, name_en="Far away", name_cy="Ymhell"), "0.30")
    place(make_service(council=council, name_en="Not mapped", name_cy="Dim ar y map"), None)
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})
    visitor.start("/services/", language)
    welsh = language == "cy"

    page.get_by_label(t("Or near a postcode")).fill("CF10")
    visitor.submit(t("Find services"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Enter a postcode in the right format, like CF10 1AA")
    )
    expect(page.locator(".govuk-summary-card")).to_have_count(0)
    fits_a_small_phone(page)

    page.get_by_label(t("Or near a postcode")).fill("cf10 1aa")
    page.get_by_label(t("How far from the postcode?")).select_option(label=t("5 miles"))
    visitor.submit(t("Find services"))
    fits_a_small_phone(page)
    results = page.locator(".govuk-summary-card")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text("Galw heibio" if welsh else "Drop-in")
    expect(results.nth(0)).to_contain_text(t("About %(miles)s miles away") % {"miles": "0.7"})
    expect(results.nth(1)).to_contain_text("Clwb ieuenctid" if welsh else "Youth club")
    expect(page.get_by_role("main")).not_to_contain_text("Dim ar y map" if welsh else "Not mapped")
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        "chwilia yn ôl ardal cyngor neu dref yn lle cod post"
        if welsh
        else "search by council area or town instead of a postcode"
    )


def test_a_young_person_chooses_their_area_and_reads_the_next_page_of_services(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    aberfield = make_council(name="Aberfield City Council", short_name="Aberfield")
    bramley = make_council(name="Bramley District Council", short_name="Bramley")
    make_service(council=bramley, name_en="Bramley drop-in", name_cy="Galw heibio Bramley")
    for number in range(23):
        make_service(council=aberfield, name_en=f"Club {number:02d}", name_cy=f"Clwb {number:02d}")
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})
    visitor.start("/services/", language)
    welsh = language == "cy"

    page.get_by_label(t("Council area")).select_option(label="Aberfield")
    visitor.submit(t("Find services"))
    fits_a_small_phone(page)
    expect(page.get_by_label(t("Council area"))).to_have_value(str(aberfield.pk))
    results = page.locator(".govuk-summary-card")
    expect(results).to_have_count(20)
    expect(results.nth(0)).to_contain_text("Clwb 00" if welsh else "Club 00")
    expect(page.get_by_role("main")).not_to_contain_text("Bramley drop-in")
    pages = page.get_by_role("navigation", name=t("Pages of services found"))
    expect(pages).to_contain_text(t("Page %(number)s of %(total)s") % {"number": 1, "total": 2})

    visitor.follow(pages.get_by_role("link", name=t("Next")))
    fits_a_small_phone(page)
    expect(page.get_by_label(t("Council area"))).to_have_value(str(aberfield.pk))
    expect(results).to_have_count(3)
    expect(results.nth(2)).to_contain_text("Clwb 22" if welsh else "Club 22")
    expect(pages).to_contain_text(t("Page %(number)s of %(total)s") % {"number": 2, "total": 2})
    visitor.follow(pages.get_by_role("link", name=t("Previous")))
    expect(results).to_have_count(20)
