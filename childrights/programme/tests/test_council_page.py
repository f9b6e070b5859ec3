"""Every council in the register has a public page: where it stands in the programme, with the
sources the programme records, and what it has published; nothing invented for real councils,
and the demonstration council's page says it is made up."""

import pytest
from django.utils.html import escape

from childrights.councils.models import Council
from childrights.participation.models import Consultation
from childrights.testing.participation import make_consultation


@pytest.fixture
def seeded(demo_data, db):
    """The demonstration data, loaded once for this module."""


def _page(client, gss_code, **headers):
    response = client.get(f"/find-your-council/{gss_code}/", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_a_partner_councils_page_gives_its_status_with_its_source(client, seeded):
    page = _page(client, "E08000035")
    assert '<h1 class="govuk-heading-xl">Leeds City Council</h1>' in page
    assert "A partner council." in page
    assert "UNICEF UK launches Child Rights Partners" in page
    assert 'href="/partners/leeds/"' in page


def test_a_council_that_became_part_of_a_partner_says_so(client, seeded):
    page = _page(client, "N09000005")  # Derry City and Strabane, successor of Derry City
    assert "Derry City Council, now part of this council, was a partner council." in page


def test_a_real_council_outside_the_programme_carries_nothing_invented(client, seeded):
    page = _page(client, "W06000015")
    assert "This council is not a partner council in the programme." in page
    assert "The council has not published an impact assessment here yet." in page
    assert "There are no surveys open right now." in page
    assert "The council has no closed consultations here yet." in page
    assert "Demonstration data" not in page


def test_the_demo_councils_page_says_it_is_demonstration_data_and_shows_what_it_published(
    client, seeded
):
    demo = Council.objects.get(is_demo=True)
    page = _page(client, demo.gss_code)
    assert "Demonstration data" in page
    open_now = Consultation.objects.filter(council=demo, status=Consultation.Status.OPEN).first()
    assert open_now is not None
    assert f'href="/have-your-say/{open_now.link_key}/"' in page
    assert "/you-said-we-did/" in page  # a closed consultation's answer back
    assert "What changed:" in page
    assert "/published-assessments/" in page
    assert "Progress summary from" in page
    assert "Our pledge to children in care and care leavers" in page


def test_a_draft_consultation_is_not_on_the_councils_page_an_open_one_is(client, db):
    leeds = Council.objects.get(gss_code="E08000035")
    draft = make_consultation(council=leeds, status=Consultation.Status.DRAFT, title_en="Drafty")
    make_consultation(council=leeds, status=Consultation.Status.OPEN, title_en="Parks now")
    page = _page(client, "E08000035")
    assert "Parks now" in page
    assert draft.link_key not in page
    assert "Drafty" not in page


def test_a_welsh_councils_page_is_in_welsh_on_a_welsh_page(client, db):
    page = _page(client, "W06000012", HTTP_ACCEPT_LANGUAGE="cy")
    assert (
        '<h1 class="govuk-heading-xl">Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot</h1>'
        in page
    )
    assert escape("Welsh Government's register of principal local authorities") in page


def test_an_unknown_code_is_not_found(client, db):
    assert client.get("/find-your-council/X99999999/").status_code == 404


def test_find_your_council_links_each_result_to_its_page(client, db):
    page = client.get("/find-your-council/", {"q": "Leeds"}).content.decode()
    assert 'href="/find-your-council/E08000035/"' in page


def test_find_your_council_lists_every_council_by_the_first_letter_of_its_name(client, db):
    linked = set()
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        page = client.get("/find-your-council/", {"letter": letter}).content.decode()
        linked |= {
            code
            for code in Council.objects.values_list("gss_code", flat=True)
            if f'href="/find-your-council/{code}/"' in page
        }
    assert linked == set(Council.objects.filter(is_demo=False).values_list("gss_code", flat=True))


def test_the_letters_follow_the_welsh_names_on_a_welsh_page(client, db):
    page = client.get(
        "/find-your-council/", {"letter": "A"}, HTTP_ACCEPT_LANGUAGE="cy"
    ).content.decode()
    assert "Cyngor Dinas a Sir Abertawe" in page  # Swansea


def test_a_partner_page_links_to_the_councils_page(client, seeded):
    page = client.get("/partners/leeds/").content.decode()
    assert 'href="/find-your-council/E08000035/"' in page
