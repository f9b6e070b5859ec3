import pytest
from django.utils.html import escape

from childrights.councils.models import Council
from childrights.programme.selectors import councils_search


@pytest.fixture
def seeded(demo_data, db):
    """The demonstration data, loaded once for this module."""


PARTNER_TAG = 'govuk-tag--green">Partner council<'


def _search(client, query):
    return client.get("/find-your-council/", {"q": query}).content.decode()


def _found(query):
    results, _total = councils_search(query=query)
    return [council for councils in results.values() for council in councils]


def test_every_council_is_found_by_its_name_and_by_its_code(db):
    # The search itself for every council; the page that shows it, for a few just after.
    for council in Council.objects.filter(is_demo=False):
        assert council in _found(council.name), council.name
        assert council in _found(council.gss_code), council.gss_code


def test_the_page_shows_a_council_found_by_name_or_by_code(client, db):
    for council in list(Council.objects.filter(is_demo=False).order_by("gss_code"))[::80]:
        assert escape(council.name) in _search(client, council.name), council.name
        assert escape(council.name) in _search(client, council.gss_code), council.gss_code


def test_councils_are_found_by_short_name_and_grouped_by_nation(client, db):
    page = _search(client, "Newport")
    assert "Newport City Council" in page or "Newport" in page
    assert "Wales" in page


def test_results_link_to_the_councils_page_which_links_its_website(client, db):
    leeds = Council.objects.get(gss_code="E08000035")
    assert 'href="/find-your-council/E08000035/"' in _search(client, "Leeds")
    page = client.get("/find-your-council/E08000035/").content.decode()
    assert f'href="{leeds.website}"' in page


def test_partners_are_marked_including_successors_of_partners(client, seeded):
    page = _search(client, "Strabane")
    assert "Derry City and Strabane District Council" in page
    assert PARTNER_TAG in page
    assert PARTNER_TAG not in _search(client, "Cardiff")


def test_no_match_says_what_to_try(client, db):
    page = _search(client, "Atlantis")
    assert "0 councils found" in page
    assert "Check the spelling" in page


def test_the_made_up_demo_council_is_not_in_the_register_search(client, seeded):
    assert "0 councils found" in _search(client, "Northbrook")
