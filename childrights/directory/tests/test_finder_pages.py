"""The finder lists 20 services a page, in name order, with links to the previous and next pages
that keep the search; and its list of council areas holds every council with a service, in
English and Welsh, keeping the one chosen."""

import re

import pytest
from django.utils import translation

from childrights.directory import selectors
from childrights.directory.tests.test_finder import make_service
from childrights.directory.tests.test_finder_distance import place, table
from childrights.directory.views.finder import PER_PAGE
from childrights.testing.factories import make_council

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_after():
    """A Welsh page's request leaves Welsh active on the thread; the next test starts in
    English."""
    with translation.override("en"):
        yield


def listed(page: str) -> list[str]:
    return re.findall(r'class="govuk-summary-card__title"><a [^>]*>([^<]*)<', page)


def links(page: str) -> dict[str, str]:
    """The pagination's links by rel (prev, next), as written in the page."""
    return {rel: href for href, rel in re.findall(r'href="([^"]*)" rel="(prev|next)"', page)}


@pytest.fixture
def council(db):
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    for number in range(45):
        make_service(council=council, name_en=f"Club {number:02d}", description_en="Football.")
    return council


def test_a_search_lists_twenty_a_page_with_a_link_to_the_next(client, council):
    page = client.get("/services/", {"q": "football", "age": ""}).content.decode()
    assert PER_PAGE == 20
    assert "45 services found" in page
    assert listed(page) == [f"Club {number:02d}" for number in range(20)]
    assert "Page 1 of 3" in page
    assert links(page) == {"next": "?q=football&amp;age=&amp;page=2#results"}


def test_the_next_page_keeps_the_search_and_links_back(client, council):
    make_service(council=council, name_en="Drama", description_en="Plays.")
    page = client.get("/services/", {"q": "football", "page": "2"}).content.decode()
    assert listed(page) == [f"Club {number:02d}" for number in range(20, 40)]
    assert "Page 2 of 3" in page
    assert links(page) == {
        "prev": "?q=football&amp;page=1#results",
        "next": "?q=football&amp;page=3#results",
    }
    last = client.get("/services/", {"q": "football", "page": "3"}).content.decode()
    assert listed(last) == [f"Club {number:02d}" for number in range(40, 45)]
    assert set(links(last)) == {"prev"}


@pytest.mark.parametrize(("asked", "shown"), [("99", 3), ("0", 3), ("two", 1), ("", 1)])
def test_a_page_number_that_is_not_one_shows_the_first_or_last(client, council, asked, shown):
    page = client.get("/services/", {"q": "football", "page": asked}).content.decode()
    assert f"Page {shown} of 3" in page
    assert len(listed(page)) == (5 if shown == 3 else 20)


def test_one_page_of_results_has_no_page_links(client, council):
    make_service(council=council, name_en="Drama", description_en="Plays.")
    page = client.get("/services/", {"q": "drama"}).content.decode()
    assert listed(page) == ["Drama"]
    assert "govuk-pagination" not in page


def test_past_the_counted_number_the_pages_hold_the_first_counted(client, council, monkeypatch):
    monkeypatch.setattr(selectors, "COUNTED_UP_TO", 30)
    page = client.get("/services/", {"q": "football"}).content.decode()
    assert "More than 30 services found" in page
    assert "Here are the first 30 we found, 20 on each page" in page
    assert len(listed(page)) == 20
    assert "Page 1 of 2" in page
    second = client.get("/services/", {"q": "football", "page": "2"}).content.decode()
    assert len(listed(second)) == 10
    assert not set(listed(page)) & set(listed(second))


def test_a_search_near_a_postcode_is_in_pages_too(client):
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    table(council)
    for number in range(22):
        place(make_service(council=council, name_en=f"Near {number:02d}"), f"0.00{number:02d}")
    first = client.get("/services/", {"postcode": "CF10 1AA"}).content.decode()
    assert "22 services found" in first
    assert listed(first) == [f"Near {number:02d}" for number in range(20)]
    second = client.get("/services/", {"postcode": "CF10 1AA", "page": "2"}).content.decode()
    assert listed(second) == ["Near 20", "Near 21"]
    assert "Page 2 of 2" in second


def _options(page: str) -> list[tuple[str, bool, str]]:
    select = re.search(r'<select name="council"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None
    return [
        (value, bool(selected), label)
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


@pytest.mark.parametrize(("language", "anywhere"), [("en", "Anywhere"), ("cy", "Unrhyw le")])
def test_the_council_list_holds_every_council_with_a_service_and_keeps_the_chosen_one(
    client, language, anywhere
):
    councils = [
        make_council(name=f"Council {number:03d}", short_name=f"Area & {number:03d}")
        for number in range(30)
    ]
    for each in councils:
        make_service(
            council=each, name_en=f"Help in {each.short_name}", name_cy=f"Help yn {each.pk}"
        )
    make_council(name="Council with none", short_name="Empty area")
    client.cookies["language"] = language
    chosen = councils[17]

    page = client.get("/services/", {"council": str(chosen.pk)}).content.decode()

    options = _options(page)
    assert options[0] == ("", False, anywhere)
    assert [label for _value, _selected, label in options[1:]] == [
        f"Area &amp; {number:03d}" for number in range(30)
    ]
    assert [value for value, selected, _label in options if selected] == [str(chosen.pk)]
    assert listed(page) == (
        [f"Help yn {chosen.pk}"] if language == "cy" else ["Help in Area &amp; 017"]
    )
    select = re.search(r'<select name="council"[^>]*>', page)
    assert select is not None
    assert 'class="govuk-select"' in select.group(0)
    assert 'id="id_council"' in select.group(0)


def test_no_council_chosen_selects_anywhere(client):
    make_service(council=make_council(name="Council", short_name="Area"), name_en="Help")
    page = client.get("/services/").content.decode()
    options = _options(page)
    assert options[0] == ("", True, "Anywhere")
    assert [selected for _value, selected, _label in options[1:]] == [False]


def test_a_council_that_is_not_in_the_list_is_an_error_on_the_list(client):
    make_service(council=make_council(name="Council", short_name="Area"), name_en="Help")
    page = client.get("/services/", {"council": "999999"}).content.decode()
    assert "Choose a council area from the list" in page
    select = re.search(r'<select name="council"[^>]*>', page)
    assert select is not None
    assert "govuk-select--error" in select.group(0)
    assert 'aria-describedby="id_council-error"' in select.group(0)
