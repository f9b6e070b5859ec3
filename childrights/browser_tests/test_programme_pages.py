"""The programme's public pages: partners, the UNCRC browser, principles, themes, frameworks and
find-your-council, in English and Welsh."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.programme.seed import programme_seed_load
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_partnership

pytestmark = pytest.mark.browser


@pytest.fixture
def programme(reference_data: None) -> None:
    programme_seed_load()


def test_a_visitor_reads_about_the_partners_and_one_partners_pilot(
    visitor: Visitor, language: str, t: Callable[[str], str], programme: None
) -> None:
    visitor.start("/", language)
    page = visitor.page
    visitor.follow(page.get_by_role("link", name=t("Partner councils"), exact=True).first)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Partner councils"))
    expect(page.get_by_role("heading", level=2, name=t("Scotland"))).to_be_visible()

    visitor.follow(page.get_by_role("link", name="Leeds City Council"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Leeds City Council")
    expect(page.get_by_role("main")).to_contain_text(
        t("Not known: the figure in the source looks wrong")
    )
    expect(page.get_by_role("table")).to_have_count(0)
    page.get_by_text(t("Where this information comes from")).click()
    expect(page.get_by_role("table")).to_contain_text("179,00")
    expect(page.get_by_role("table")).to_contain_text(t("Unverified: the source looks wrong"))
    visitor.check_page()


def test_a_visitor_pages_through_a_long_list_of_partners_and_shows_one_nation(
    visitor: Visitor, language: str, t: Callable[[str], str], programme: None
) -> None:
    for number in range(55):
        nation = "wales" if number % 11 == 0 else "england"
        make_partnership(council=make_council(name=f"Made-up Council {number:02d}", nation=nation))
    visitor.start("/partners/", language)
    page = visitor.page
    expect(page.locator("main h3")).to_have_count(50)
    visitor.follow(page.get_by_role("link", name=t("Next")))
    expect(page.locator("main h3")).to_have_count(11)
    expect(page.get_by_role("link", name=t("Previous"))).to_be_visible()

    visitor.follow(page.get_by_role("link", name=re.compile("^" + t("Wales"))))
    expect(page.locator("main h2.govuk-heading-l")).to_have_text([t("Wales")])
    expect(page.locator("main h3")).to_have_count(6)
    expect(page.get_by_role("main")).to_contain_text("Port Talbot")
    expect(page.get_by_role("main")).not_to_contain_text("Leeds City Council")
    expect(page.locator("[aria-current=page]", has_text=t("Wales"))).to_be_visible()


def test_a_child_browses_their_rights_and_opens_an_article(
    visitor: Visitor, language: str, t: Callable[[str], str], programme: None
) -> None:
    visitor.start("/", language)
    page = visitor.page
    visitor.follow(page.get_by_role("link", name=t("Your rights"), exact=True).first)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your rights"))

    page.get_by_label(t("Group of rights")).select_option("general-principles")
    visitor.submit(t("Show articles"))
    expect(page.locator(".app-article-list > li")).to_have_count(4)

    visitor.follow(page.locator(".app-article-list a").nth(3))
    children = page.locator("#for-children")
    expect(children.get_by_role("heading", level=3, name=t("For younger children"))).to_be_visible()
    expect(children).not_to_contain_text(t("For staff"))
    staff = page.locator("#for-staff")
    expect(staff.get_by_role("heading", level=2, name=t("For staff"))).to_be_visible()


APPROACH_PAGES = [
    ("/principles/", "The seven principles"),
    ("/themes/", "Themes"),
    ("/frameworks/", "Frameworks in each nation"),
]


def test_the_approach_is_explained_on_its_own_pages(
    visitor: Visitor, language: str, t: Callable[[str], str], programme: None
) -> None:
    for n, (path, heading) in enumerate(APPROACH_PAGES):
        if n:
            visitor.goto(path)
        else:
            visitor.start(path, language)
        expect(visitor.page.get_by_role("heading", level=1)).to_have_text(t(heading))


def test_anyone_finds_their_council_and_sees_whether_it_is_a_partner(
    visitor: Visitor, language: str, t: Callable[[str], str], programme: None
) -> None:
    visitor.start("/find-your-council/", language)
    page = visitor.page
    page.get_by_label(t("Council name or GSS code")).fill("Strabane")
    visitor.follow(page.get_by_role("main").get_by_role("button", name=t("Search"), exact=True))
    results = page.locator("main")
    expect(results).to_contain_text("Derry City and Strabane District Council")
    expect(results).to_contain_text(t("Partner council"))

    page.get_by_label(t("Council name or GSS code")).fill("S12000049")
    visitor.follow(page.get_by_role("main").get_by_role("button", name=t("Search"), exact=True))
    expect(page.get_by_role("link", name="Glasgow City Council")).to_be_visible()
