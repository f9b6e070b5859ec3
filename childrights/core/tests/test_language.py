from childrights.testing.factories import make_user


def test_the_header_switches_to_welsh_and_remembers_it(client, db):
    response = client.get("/language/cy/", {"next": "/cookies/"})
    assert response["Location"] == "/cookies/"
    assert response.cookies["language"].value == "cy"
    page = client.get("/cookies/").content.decode()
    assert '<html lang="cy"' in page


def test_the_switch_never_redirects_to_another_site(client, db):
    response = client.get("/language/cy/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(client, db):
    response = client.get("/language/fr/", {"next": "/"})
    assert "language" not in response.cookies


def test_a_link_cannot_change_what_is_saved_on_an_account(client, db, signed_in):
    user = make_user(role="council-staff")
    response = signed_in(user).get("/language/cy/", {"next": "/"})
    assert response.cookies["language"].value == "cy"
    user.refresh_from_db()
    assert user.preferred_language == "en-gb"


def test_staff_can_set_their_language_on_their_account_page(client, db, signed_in):
    user = make_user(role="council-staff")
    response = signed_in(user).post("/account/", {"preferred_language": "cy"})
    assert response.cookies["language"].value == "cy"
    user.refresh_from_db()
    assert user.preferred_language == "cy"
