"""Access codes for groups of children, and the page a teacher prints for a classroom."""

import re

import pytest
from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.participation.models import CODE_ALPHABET, AccessCode, Consultation
from childrights.participation.views.builder import qr_svg
from childrights.testing.participation import make_access_code, make_response


@pytest.fixture
def client(world, signed_in):
    return signed_in(world.member)


def test_a_code_is_made_for_a_group_with_an_optional_limit(client, consultation):
    response = client.post(
        f"/consultations/{consultation.pk}/codes/",
        {"group_name": " Year 6, Hillside Primary ", "responses_limit": "30"},
    )
    assert response["Location"] == f"/consultations/{consultation.pk}/codes/"
    code = AccessCode.objects.get()
    assert code.group_name == "Year 6, Hillside Primary"
    assert code.responses_limit == 30
    assert set(code.code) <= set(CODE_ALPHABET)
    event = AuditEvent.objects.get(object_type="participation.AccessCode")
    assert (event.action, event.council_id) == ("create", consultation.council_id)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"group_name": "  "}, "Enter the name of the group"),
        ({"group_name": "Year 6", "responses_limit": "0"}, "The most responses must be 1 or more"),
        (
            {"group_name": "Year 6", "responses_limit": "lots"},
            "Enter the most responses as a whole number, like 30",
        ),
    ],
)
def test_bad_code_details_are_explained_and_nothing_is_saved(client, consultation, data, message):
    response = client.post(f"/consultations/{consultation.pk}/codes/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "govuk-error-summary" in page
    assert not AccessCode.objects.exists()


def test_the_codes_page_lists_each_code_with_its_responses(client, consultation):
    code = make_access_code(consultation=consultation, group_name="Year 6")
    make_response(consultation=consultation, access_code=code)
    response = client.get(f"/consultations/{consultation.pk}/codes/")
    assert response.context["rows"] == [(code, 1)]
    assert code.code in response.content.decode()


def test_a_closed_consultation_gets_no_new_codes(client, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    response = client.post(
        f"/consultations/{consultation.pk}/codes/", {"group_name": "Year 6"}, follow=True
    )
    assert "The consultation has closed: codes cannot be added." in response.content.decode()
    assert not AccessCode.objects.exists()


def test_revoking_a_code_stops_it_and_is_audited(client, consultation):
    code = make_access_code(consultation=consultation)
    response = client.post(f"/codes/{code.pk}/revoke/")
    assert response["Location"] == f"/consultations/{consultation.pk}/codes/"
    code.refresh_from_db()
    assert code.revoked_at is not None
    event = AuditEvent.objects.get(object_type="participation.AccessCode")
    assert (event.action, event.detail) == ("update", {"revoked": True})


def test_revoking_asks_first_and_changes_nothing_until_confirmed(client, consultation):
    code = make_access_code(consultation=consultation, group_name="Year 6")
    response = client.get(f"/codes/{code.pk}/revoke/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Revoke the code for Year 6?" in page
    assert f'action="/codes/{code.pk}/revoke/"' in page or 'method="post"' in page
    assert f'href="/consultations/{consultation.pk}/codes/">Cancel' in page
    code.refresh_from_db()
    assert code.revoked_at is None


def test_asking_to_revoke_a_revoked_code_goes_back_to_the_codes(client, consultation):
    code = make_access_code(consultation=consultation, revoked_at=timezone.now())
    response = client.get(f"/codes/{code.pk}/revoke/")
    assert response["Location"] == f"/consultations/{consultation.pk}/codes/"


def test_the_codes_page_links_to_revoking_away_from_printing(client, consultation):
    code = make_access_code(consultation=consultation)
    page = client.get(f"/consultations/{consultation.pk}/codes/").content.decode()
    start = page.rindex("<tr", 0, page.index(code.code))
    row = page[start : page.index("</tr>", start)]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    print_cell = next(n for n, cell in enumerate(cells) if f"/codes/{code.pk}/print/" in cell)
    revoke_cell = next(n for n, cell in enumerate(cells) if f"/codes/{code.pk}/revoke/" in cell)
    assert revoke_cell - print_cell > 1
    assert "<form" not in row


def test_the_print_page_shows_the_code_large_with_a_qr_code_to_the_code_entry_page(
    client, consultation
):
    code = make_access_code(consultation=consultation, group_name="Year 6, Hillside Primary")
    page = client.get(f"/codes/{code.pk}/print/").content.decode()
    assert "Year 6, Hillside Primary" in page
    assert re.search(rf"govuk-!-font-size-80[^>]*>{code.code}<", page)
    entry = f"http://testserver/have-your-say/code/?code={code.code}"
    assert str(qr_svg(entry)) in page
    assert "http://testserver/have-your-say/code/" in page
    assert "Childline" in page


def test_the_qr_code_is_inline_svg_without_style_attributes(consultation):
    svg = str(qr_svg("http://testserver/have-your-say/code/?code=ABCD3467"))
    assert svg.startswith("<svg ")
    assert 'viewBox="0 0 ' in svg
    assert '<path d="M' in svg
    assert "style" not in svg
    assert "<?xml" not in svg


def test_the_card_prints_in_english_and_in_welsh_each_on_its_own_part(client, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(
        title_en="Parks and play", title_cy="Parciau a chwarae"
    )
    code = make_access_code(consultation=consultation)
    page = client.get(f"/codes/{code.pk}/print/").content.decode()
    start = page.index('<section class="app-card"')
    card = page[start : page.index("</section>", start)]
    english, welsh = card.split('<div class="app-card__part"')[1:]
    assert english.startswith(' lang="en"')
    assert welsh.startswith(' lang="cy"')
    assert "Parks and play" in english
    assert "How to take part" in english
    assert "Parciau a chwarae" in welsh
    assert "How to take part" not in welsh
    assert english.count(code.code) == welsh.count(code.code) == 1


def test_a_welsh_page_puts_the_welsh_card_first(client, consultation):
    code = make_access_code(consultation=consultation)
    client.cookies["language"] = "cy"
    page = client.get(f"/codes/{code.pk}/print/").content.decode()
    assert re.findall(r'class="app-card__part" lang="(\w+)"', page) == ["cy", "en"]


def test_a_revoked_codes_print_page_says_so_and_has_no_qr_code(client, consultation):
    code = make_access_code(consultation=consultation, revoked_at=timezone.now())
    page = client.get(f"/codes/{code.pk}/print/").content.decode()
    assert "This code has been revoked" in page
    assert "<svg" not in page
