import pytest
from django.core.management import call_command
from django.utils.html import escape

from childrights.councils.models import Council


@pytest.fixture
def seeded(db):
    call_command("load_demo_data", verbosity=0)


PARTNER_TAG = 'govuk-tag--green">Partner council<'


def _search(client, query):
    return client.get("/find-your-council/", {"q": query}).content.decode()


def test_every_council_is_found_by_its_name_and_by_its_code(client, db):
    for council in Council.objects.filter(is_demo=False):
        by_name = _search(client, council.name)
        assert escape(council.name) in by_name, council.name
        by_code = _search(client, council.gss_code)
        assert escape(council.name) in by_code, council.gss_code


def test_councils_are_found_by_short_name_and_grouped_by_nation(client, db):
    page = _search(client, "Newport")
    assert "Newport City Council" in page or "Newport" in page
    assert "Wales" in page


def test_results_link_to_the_councils_website(client, db):
    leeds = Council.objects.get(gss_code="E08000035")
    assert f'href="{leeds.website}"' in _search(client, "Leeds")


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
