"""Importing services from a file: every record checked, problems said by line (or item and
field), all or nothing, unpublished, with versions and audit; and an Open Referral UK export of
our own API read back in."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from childrights.core.models import AuditEvent
from childrights.directory.import_drafts import ImportRefused
from childrights.directory.imports import import_file, template_rows
from childrights.directory.models import Need, Organisation, Service, ServiceChange
from childrights.directory.tests.test_oruk_api import make_full_service
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user

pytestmark = pytest.mark.django_db

HEADER = "name,description,organisation,youngest_age,oldest_age,free,needs,articles,town,postcode"
GOOD = [
    "Youth club,Games and a chat,Aberfield Youth,11,18,yes,things-to-do,31,Aberfield,AB1 2CD",
    "Homework help,Help with school work,Aberfield Library,,,no,,28;29,,",
]


def _csv(*lines: str) -> io.BytesIO:
    return io.BytesIO("\n".join(lines).encode())


def _import(world, file, name="services.csv"):
    return import_file(actor=actor_for(world.owner), council=world.council_a, file=file, name=name)


def _refused(world, file, name="services.csv") -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        _import(world, file, name)
    return refused.value.errors


def test_a_good_file_adds_every_service_unpublished_with_its_version_and_audit(world):
    result = _import(world, _csv(HEADER, *GOOD))

    assert len(result.services) == 2
    assert result.organisations_added == 2
    club = Service.objects.get(name_en="Youth club")
    assert club.council == world.council_a
    assert not club.is_published
    assert (club.minimum_age, club.maximum_age, club.is_free) == (11, 18, True)
    assert [need.code for need in club.needs.all()] == ["things-to-do"]
    assert [article.number for article in club.articles.all()] == [31]
    assert club.at_locations.get().location.postcode == "AB1 2CD"
    homework = Service.objects.get(name_en="Homework help")
    assert homework.is_free is False
    assert homework.at_locations.count() == 0
    assert ServiceChange.objects.filter(service=club, changed_by=world.owner).count() == 1
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(club.pk)
    ).exists()
    assert AuditEvent.objects.filter(detail__import="directory services (table)").exists()


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (",No name,Org,,,,,,,", "Line 3, name: This field cannot be blank."),
        ("Club,Fun,,,,,,,,", "Line 3, organisation: say which organisation"),
        ("Club,Fun,Org,eleven,,,,,,", "Line 3, youngest_age: must be a whole number"),
        ("Club,Fun,Org,18,11,,,,,", "Line 3, oldest_age: The oldest age must be the same"),
        ("Club,Fun,Org,,30,,,,,", "Line 3, oldest_age: Ages in the directory go up to 25"),
        ("Club,Fun,Org,,,maybe,,,,", "Line 3, free: must be yes or no."),
        ("Club,Fun,Org,,,,no-such-need,,,", "Line 3, needs: there is no need with the code"),
        ("Club,Fun,Org,,,,,99,,", "Line 3, articles: “99” is not an article"),
        ("Club,Fun,Org,,,,,,,AB1 2CD", "Line 3, town: give the town"),
        ("Club,Fun,Org,,,,,,Town,AB1 2CD 3EF 4GH", "Line 3, postcode:"),
        ("Youth club,Again,Aberfield Youth,,,,,,,", "is in the file more than once"),
    ],
)
def test_each_kind_of_bad_row_is_named_with_its_line_and_nothing_is_added(world, row, problem):
    errors = _refused(world, _csv(HEADER, GOOD[0], row))

    assert any(problem in error for error in errors), errors
    assert not Service.objects.exists()
    assert not Organisation.objects.exists()


def test_every_problem_in_the_file_is_listed_at_once(world):
    errors = _refused(world, _csv(HEADER, "Club,Fun,,,,,,,,", *GOOD, "Drop-in,Come,Org,x,,,,,,"))

    assert [error.split(",")[0] for error in errors] == ["Line 2", "Line 5"]


def test_a_service_already_in_the_directory_is_not_added_twice(world):
    _import(world, _csv(HEADER, *GOOD))

    errors = _refused(world, _csv(HEADER, GOOD[0]))

    assert errors == [
        "Line 2, name: your directory already has “Youth club” run by “Aberfield Youth”."
    ]
    assert Service.objects.count() == 2


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ((), "The file is empty"),
        ((HEADER,), "The file has a header but no services."),
        (("name,description",), "Line 1: the columns must include name, description, organisation"),
        (("name,description,organisation,colour",), "not ones the import knows: colour"),
        (("name,name,description,organisation",), "there twice: name"),
    ],
)
def test_a_file_without_the_right_columns_is_refused(world, lines, problem):
    errors = _refused(world, _csv(*lines))

    assert any(problem in error for error in errors), errors


def test_an_xlsx_file_is_read_like_a_csv(world):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["Youth club", "Games", "Aberfield Youth", 11, 18, "yes", "", "", "", ""])
    sheet.append(["Drop-in", "Come along", "Aberfield Youth", 20, 12, "", "", "", "", ""])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)

    errors = _refused(world, data, "services.xlsx")

    assert errors == [
        "Line 3, oldest_age: The oldest age must be the same as or more than the youngest age."
    ]


def test_the_limits_on_uploads_hold(world, monkeypatch):
    monkeypatch.setattr("childrights.directory.imports.MAX_RECORDS", 2)

    errors = _refused(world, _csv(HEADER, *GOOD, "Drop-in,Come,Org,,,,,,,"))

    assert errors == ["The file has more than 3 rows. Split it into smaller files."]
    too_long = _refused(world, _csv(HEADER, "Club," + "x" * 10_001 + ",Org,,,,,,,"))
    assert too_long == ["Line 2 has a value longer than 10,000 characters."]
    not_a_workbook = _refused(world, io.BytesIO(b"not a zip"), "services.xlsx")
    assert "not an Excel workbook" in not_a_workbook[0]


def test_the_template_has_every_column_and_an_example_that_imports(world):
    header, example = template_rows()
    lines = [",".join(header), ",".join(f'"{cell}"' for cell in example)]

    result = _import(world, _csv(*lines))

    assert [service.name_en for service in result.services] == ["Youth club"]


# --- Open Referral UK --------------------------------------------------------------------------


def test_our_own_api_output_imports_into_another_council(world, client):
    original = make_full_service(world.council_b)
    original.needs.add(Need.objects.get(code="things-to-do"))
    page = client.get("/api/oruk/services/" + str(original.pk)).json()
    export = json.dumps([page]).encode()

    result = _import(world, io.BytesIO(export), "export.json")

    (copied,) = result.services
    assert copied.council == world.council_a
    assert not copied.is_published
    for name in (
        "name_en",
        "description_en",
        "who_for_en",
        "how_to_ask_en",
        "minimum_age",
        "maximum_age",
        "is_free",
        "cost_en",
        "welsh_spoken",
        "other_languages",
        "url",
        "email",
        "phone",
        "status",
    ):
        assert getattr(copied, name) == getattr(original, name), name
    assert copied.organisation.name == original.organisation.name
    assert set(copied.needs.all()) == set(original.needs.all())
    assert not result.terms_left_out
    assert list(copied.opening_times.values_list("day", "opens_at", "closes_at")) == list(
        original.opening_times.values_list("day", "opens_at", "closes_at")
    )
    assert copied.contacts.get().name == "Sam"
    place = copied.at_locations.get().location
    assert (place.town, place.postcode, place.latitude) == (
        "Exampleton",
        "EX1 1AA",
        original.at_locations.get().location.latitude,
    )


def test_a_page_of_services_as_the_api_lists_them_imports(world, client):
    make_full_service(world.council_b)
    page = client.get("/api/oruk/services").json()
    page["contents"][0]["attributes"] = [{"taxonomy_term": {"id": "x", "name": "Elsewhere"}}]

    result = _import(world, io.BytesIO(json.dumps(page).encode()), "page.json")

    assert len(result.services) == 1
    assert result.terms_left_out == {"Elsewhere"}


def test_problems_in_an_export_are_named_by_item_and_field_and_nothing_is_added(world):
    items = [
        {"name": "Good", "description": "Fine", "organization": {"name": "Org"}},
        {"name": "No organisation", "description": "x"},
        {
            "name": "Bad age",
            "description": "x",
            "organization": {"name": "Org"},
            "minimum_age": "ten",
        },
        {
            "name": "Bad status",
            "description": "x",
            "organization": {"name": "Org"},
            "status": "open",
        },
        "not an object",
        {
            "name": "Far away",
            "description": "x",
            "organization": {"name": "Org"},
            "service_at_locations": [
                {"location": {"latitude": 100, "longitude": 1, "addresses": [{"city": "X"}]}}
            ],
        },
        {"description": "No name", "organization": {"name": "Org"}},
    ]

    errors = _refused(world, io.BytesIO(json.dumps(items).encode()), "x.json")

    assert errors == [
        "Item 2, organization: give the organisation that runs it, with its name.",
        "Item 3, minimum_age: must be an age in years.",
        "Item 4, status: must be one of active, temporarily closed, inactive, defunct.",
        "Item 5: must be a service (a JSON object).",
        "Item 6, location.latitude: must be a latitude and longitude in degrees.",
        "Item 7, name: This field cannot be blank.",
    ]
    assert not Service.objects.exists()


def test_the_standards_own_example_says_what_it_cannot_take(world):
    from pathlib import Path

    example = Path(__file__).parent / "oruk_schema" / "examples" / "service_full.json"
    errors = _refused(world, io.BytesIO(example.read_bytes()), "service_full.json")

    assert errors == ["Item 1, location.latitude: must be a latitude and longitude in degrees."]


def test_a_file_that_is_not_an_export_is_refused(world):
    assert "not JSON" in _refused(world, io.BytesIO(b"{"), "x.json")[0]
    assert "not an Open Referral UK export" in _refused(world, io.BytesIO(b"{}"), "x.json")[0]
    assert _refused(world, io.BytesIO(b"[]"), "x.json") == ["The file has no services in it."]


# --- the page ----------------------------------------------------------------------------------


def _upload(content: bytes, name: str = "services.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_staff_with_the_edit_capability_import_from_the_page(world, signed_in):
    client = signed_in(world.owner)
    url = f"/councils/{world.council_a.pk}/directory/import/"

    page = client.get(url)
    assert page.status_code == 200
    assert "youngest_age" in page.content.decode()
    response = client.post(url, {"file": _upload("\n".join([HEADER, *GOOD]).encode())})

    assert response.status_code == 302
    assert Service.objects.filter(council=world.council_a, is_published=False).count() == 2


def test_the_page_lists_each_problem_and_adds_nothing(world, signed_in):
    client = signed_in(world.owner)
    url = f"/councils/{world.council_a.pk}/directory/import/"

    response = client.post(url, {"file": _upload("\n".join([HEADER, "Club,Fun,,,,,,,,"]).encode())})

    assert response.status_code == 200
    assert (
        "Line 2, organisation: say which organisation runs the service."
        in response.content.decode()
    )
    assert not Service.objects.exists()


def test_other_files_and_people_without_the_capability_are_refused(world, signed_in):
    url = f"/councils/{world.council_a.pk}/directory/import/"
    response = signed_in(world.owner).post(url, {"file": _upload(b"x", "services.txt")})
    assert "must be a CSV, XLSX or JSON file" in response.content.decode()

    reader = make_user(role="elected-member", council=world.council_a)
    assert signed_in(reader).get(url).status_code == 403
    assert signed_in(world.outsider).get(url).status_code == 404


def test_the_template_downloads(world, signed_in):
    response = signed_in(world.member).get("/directory/import/services-template.csv")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"name,name_cy,description")
