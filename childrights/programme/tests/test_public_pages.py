import pytest
from django.core.management import call_command

from childrights.programme.models import BaselineFact, Partnership
from childrights.testing.factories import make_council, make_partnership


@pytest.fixture
def seeded(demo_data, db):
    """The demonstration data, loaded once for this module."""


def test_the_six_councils_named_at_launch_are_partners_grouped_by_nation(client, seeded):
    page = client.get("/partners/").content.decode()
    for name in [
        "London Borough of Tower Hamlets",
        "Derry City Council",
        "Glasgow City Council",
        "Leeds City Council",
        "Neath Port Talbot County Borough Council",
        "Newcastle upon Tyne City Council",
    ]:
        assert name in page
    assert page.index("England") < page.index("Northern Ireland") < page.index("Scotland")
    assert page.index("Scotland") < page.index("Wales")


def test_neath_port_talbots_absence_from_the_later_list_is_a_status(client, seeded):
    partnership = Partnership.objects.get(slug="neath-port-talbot")
    assert partnership.status == Partnership.Status.UNCONFIRMED
    page = client.get("/partners/neath-port-talbot/").content.decode()
    assert "Not confirmed by a later source" in page
    assert "later list of partners, and the reason is not known" in page


def test_leeds_child_population_is_kept_as_printed_and_marked_unverified(client, seeded):
    fact = BaselineFact.objects.get(
        partnership__slug="leeds", kind=BaselineFact.Kind.CHILD_POPULATION
    )
    assert fact.value is None
    assert fact.source_text == "179,00"
    assert fact.status == BaselineFact.Status.UNVERIFIED
    page = client.get("/partners/leeds/").content.decode()
    assert "“179,00”" in page
    assert "179,000" not in page
    assert "shown here as printed, not changed into a number" in page
    assert "Not known: the figure in the source looks wrong" in page


def test_a_partner_page_shows_its_pilot_figures_and_their_sources(client, seeded):
    page = client.get("/partners/tower-hamlets/").content.decode()
    assert "drug and alcohol services for young people" in page
    assert "What it will mean for children and young people" in page
    assert "“62,000”" in page
    assert "“42%”" in page
    assert "UNICEF UK launches Child Rights Partners with six local authorities" in page


def test_a_partner_page_keeps_its_sources_in_a_details_component_after_the_plain_words(
    client, seeded
):
    page = client.get("/partners/tower-hamlets/").content.decode()
    words, sources = page.split('<details class="govuk-details" id="sources">')
    assert "Figures about children in Tower Hamlets" in words
    assert "42%" in words
    assert "What they hope will change" in words
    for research_note in ("Source:", "UNICEF UK launches", "As the source prints it", "“42%”"):
        assert research_note not in words
    sources = sources.split("</details>")[0]
    assert "Where this information comes from" in sources
    assert "UNICEF UK launches Child Rights Partners with six local authorities" in sources
    assert "“42%”" in sources


def test_derry_links_to_its_successor_council(client, seeded):
    page = client.get("/partners/derry/").content.decode()
    assert "Derry City and Strabane District Council" in page


def test_loading_the_programme_again_changes_nothing(db, seeded):
    before = (Partnership.objects.count(), BaselineFact.objects.count())
    call_command("load_demo_data", verbosity=0)
    assert (Partnership.objects.count(), BaselineFact.objects.count()) == before


def test_an_unknown_partner_is_not_found(client, seeded):
    assert client.get("/partners/nowhere/").status_code == 404


def test_home_page_speaks_to_children_and_to_adults(client, seeded):
    page = client.get("/").content.decode()
    assert "For children and young people" in page
    assert "For councils and partners" in page


def _partners(count: int, nation: str) -> None:
    """``count`` made-up partner councils in ``nation``."""
    for number in range(count):
        make_partnership(
            council=make_council(
                name=f"Made-up {nation} Council {number:03d}",
                short_name=f"Made-up {nation} {number:03d}",
                nation=nation,
            )
        )


def test_a_long_list_of_partners_is_paged_and_each_nation_can_be_shown_alone(
    client, seeded, django_assert_max_num_queries
):
    _partners(60, "england")
    _partners(3, "wales")
    first = client.get("/partners/").content.decode()
    assert first.count('class="govuk-heading-m govuk-!-margin-bottom-2"') == 50
    assert "Showing 1 to 50 of 69 partner councils" in first
    assert 'href="?page=2"' in first
    assert "Every nation (69 councils)" in first
    assert 'href="?nation=wales">Wales (4)</a>' in first
    second = client.get("/partners/?page=2").content.decode()
    assert "Showing 51 to 69 of 69 partner councils" in second
    assert "Made-up wales Council 002" in second
    assert "Made-up wales Council 002" not in first

    wales = client.get("/partners/?nation=wales").content.decode()
    assert "Neath Port Talbot" in wales
    assert "Made-up wales Council 000" in wales
    assert "Made-up england" not in wales
    assert '<strong aria-current="page">Wales (4)</strong>' in wales
    england = client.get("/partners/?nation=england&page=2").content.decode()
    assert 'href="?nation=england&amp;page=1"' in england
    assert "Made-up wales" not in england

    with django_assert_max_num_queries(12):
        client.get("/partners/")


def test_an_unknown_nation_or_page_in_the_partners_address_shows_a_page_of_every_nation(
    client, seeded
):
    for address in ("/partners/?nation=atlantis", "/partners/?page=99", "/partners/?page=x"):
        response = client.get(address)
        assert response.status_code == 200
        assert "Leeds City Council" in response.content.decode()
        assert "Neath Port Talbot" in response.content.decode()


def test_a_short_list_of_partners_has_no_nation_choice_or_pages(client, seeded):
    page = client.get("/partners/").content.decode()
    assert "Partner councils by nation" not in page
    assert "govuk-pagination" not in page


def test_on_a_welsh_page_partners_sort_by_the_names_the_page_shows(client, seeded):
    for english, welsh in (("Aaron Vale", "Ystrad Aeron"), ("Bryn Hill", "Bryn")):
        make_partnership(
            council=make_council(
                name=f"{english} Council",
                short_name=english,
                name_cy=f"Cyngor {welsh}",
                short_name_cy=welsh,
                nation="wales",
            )
        )
    english = client.get("/partners/?nation=wales").content.decode()
    assert english.index("Aaron Vale Council") < english.index("Bryn Hill Council")
    client.cookies["language"] = "cy"
    welsh = client.get("/partners/?nation=wales").content.decode()
    assert welsh.index("Cyngor Bryn") < welsh.index("Cyngor Ystrad Aeron")
