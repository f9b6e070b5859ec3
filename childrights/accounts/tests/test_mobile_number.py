"""Staff may give a UK mobile number on their account page for texts about urgent safeguarding
alerts: the ways people write one are understood and kept in one form, anything else is refused
with a clear message (in English and Welsh) and changes nothing, a new number is saved only once
the 6-digit code texted to it is entered, and every change is audited."""

import pytest

from childrights.accounts import mobile_confirmation
from childrights.accounts.forms import MobileNumberForm, mobile_number_display, uk_mobile_number
from childrights.core.models import AuditEvent
from childrights.testing.factories import make_user

URL = "/account/mobile/"
CONFIRM_URL = "/account/mobile/confirm/"


@pytest.mark.parametrize(
    "written",
    [
        "07700900982",
        "07700 900982",
        "07700 900 982",
        "+447700900982",
        "+44 7700 900982",
        "+44 (0)7700 900982",
        "0044 7700 900982",
        "447700900982",
        "07700-900-982",
        " (07700) 900982 ",
    ],
)
def test_the_ways_people_write_a_uk_mobile_number_are_one_number(written):
    assert uk_mobile_number(written) == "+447700900982"


@pytest.mark.parametrize(
    "written",
    [
        "0770090098",  # a digit short
        "077009009821",  # a digit over
        "+33612345678",  # not a UK number
        "+4407700900982",
        "07700 90098x",
        "phone me",
        "7700900982",
    ],
)
def test_anything_else_is_not_a_uk_mobile_number(written):
    assert uk_mobile_number(written) is None
    form = MobileNumberForm({"mobile_number": written})
    assert not form.is_valid()
    assert form.errors["mobile_number"] == ["Enter a UK mobile number, like 07700 900982"]


@pytest.mark.parametrize("written", ["020 7946 0000", "+44 (0)1632 960001", "0303 123 4567"])
def test_a_landline_number_is_refused_with_a_message_that_says_so(written):
    assert uk_mobile_number(written) is None
    form = MobileNumberForm({"mobile_number": written})
    assert not form.is_valid()
    assert form.errors["mobile_number"] == [
        "This is a landline number. Enter a UK mobile number, like 07700 900982"
    ]


def test_a_number_is_shown_as_people_write_it():
    assert mobile_number_display("+447700900982") == "07700 900982"


@pytest.fixture
def texted(monkeypatch):
    """The codes texted, in turn: each is 123456, then 654321, ... and each text is kept."""
    codes = iter(["123456", "654321", "111111", "222222", "333333", "444444"])
    monkeypatch.setattr(mobile_confirmation, "_new_code", lambda: next(codes))
    sent: list[dict[str, object]] = []
    from childrights.core import tasks

    original = tasks.send_text.enqueue

    def keep(**values):
        sent.append(values)
        return original(**values)

    monkeypatch.setattr(tasks.send_text, "enqueue", keep)
    return sent


def test_the_account_page_offers_the_number_and_saves_it_once_its_code_is_entered(
    world, signed_in, texted
):
    user = make_user(role="council-staff", council=world.council_a)
    client = signed_in(user)
    page = client.get("/account/").content.decode()
    assert "Mobile number for urgent alerts" in page
    assert 'href="/account/mobile/"' in page
    response = client.post(URL, {"mobile_number": "07700 900 982"})
    assert response["Location"] == CONFIRM_URL
    [text] = texted
    assert (text["kind"], text["to"], text["fields"]) == (
        "mobile_confirmation",
        ["+447700900982"],
        {},
    )
    assert "123456" in text["body"]
    user.refresh_from_db()
    assert user.mobile_number == ""
    assert "07700 900982" in client.get(CONFIRM_URL).content.decode()
    response = client.post(CONFIRM_URL, {"code": "123456"})
    assert response["Location"] == "/account/"
    user.refresh_from_db()
    assert user.mobile_number == "+447700900982"
    assert "07700 900982" in client.get("/account/").content.decode()
    assert 'value="07700 900982"' in client.get(URL).content.decode()
    event = AuditEvent.objects.get(detail__mobile_number="given")
    assert event.actor_email == user.email
    assert "900982" not in str(event.detail)
    # The code is used up.
    assert client.get(CONFIRM_URL)["Location"] == URL


def test_a_wrong_code_saves_nothing_and_five_wrong_codes_use_it_up(world, signed_in, texted):
    user = make_user(role="council-staff", council=world.council_a)
    client = signed_in(user)
    client.post(URL, {"mobile_number": "07700 900982"})
    page = client.post(CONFIRM_URL, {"code": "12345"}).content.decode()
    assert "The code must be 6 digits, like 123456" in page
    for _ in range(5):
        page = client.post(CONFIRM_URL, {"code": "999999"}).content.decode()
        assert "The code is not right. Check the text message and try again" in page
    page = client.post(CONFIRM_URL, {"code": "123456"}).content.decode()
    assert "This code has run out" in page
    user.refresh_from_db()
    assert user.mobile_number == ""
    assert not AuditEvent.objects.filter(detail__has_key="mobile_number").exists()


def test_a_code_for_one_number_does_not_confirm_another(world, signed_in, texted):
    user = make_user(role="council-staff", council=world.council_a)
    client = signed_in(user)
    client.post(URL, {"mobile_number": "07700 900982"})
    client.post(URL, {"mobile_number": "07700 900123"})
    assert "The code is not right" in client.post(CONFIRM_URL, {"code": "123456"}).content.decode()
    client.post(CONFIRM_URL, {"code": "654321"})
    user.refresh_from_db()
    assert user.mobile_number == "+447700900123"


def test_a_person_is_sent_at_most_five_codes_an_hour(world, signed_in, texted):
    user = make_user(role="council-staff", council=world.council_a)
    client = signed_in(user)
    for _ in range(5):
        assert client.post(URL, {"mobile_number": "07700 900982"}).status_code == 302
    page = client.post(URL, {"mobile_number": "07700 900982"}).content.decode()
    assert "We have sent you too many codes" in page
    assert len(texted) == 5


def test_the_confirmation_page_without_a_number_waiting_goes_back(world, signed_in):
    user = make_user(role="council-staff", council=world.council_a)
    assert signed_in(user).get(CONFIRM_URL)["Location"] == URL


def test_an_empty_number_stops_the_texts(world, signed_in):
    user = make_user(role="council-staff", council=world.council_a, mobile_number="+447700900982")
    response = signed_in(user).post(URL, {"mobile_number": "  "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.mobile_number == ""
    assert AuditEvent.objects.filter(detail__mobile_number="removed").exists()


def test_a_wrong_number_is_refused_and_changes_nothing(world, signed_in):
    user = make_user(role="council-staff", council=world.council_a, mobile_number="+447700900982")
    response = signed_in(user).post(URL, {"mobile_number": "020 7946 0000"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a UK mobile number, like 07700 900982" in page
    assert "govuk-error-summary" in page
    user.refresh_from_db()
    assert user.mobile_number == "+447700900982"
    assert not AuditEvent.objects.filter(detail__has_key="mobile_number").exists()


def test_in_welsh_the_page_and_its_error_are_in_welsh(world, signed_in):
    user = make_user(role="council-staff", council=world.council_a, preferred_language="cy")
    client = signed_in(user)
    client.get("/language/cy/", {"next": "/"})
    page = client.post(URL, {"mobile_number": "not a number"}).content.decode()
    assert "Rhowch rif ffôn symudol yn y DU, fel 07700 900982" in page
    assert "Rhif ffôn symudol ar gyfer rhybuddion brys" in page


def test_signing_in_is_needed(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]
