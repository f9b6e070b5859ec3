"""A council's postcode table: every row checked, problems said by line, all or nothing, a new
table replacing the council's last one and no other council's, audited; and the page its
directory team loads it from."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from childrights.core.models import AuditEvent
from childrights.directory import postcodes
from childrights.directory.import_drafts import ImportRefused
from childrights.directory.models import Location, Postcode
from childrights.directory.postcodes import Point, miles_between, normalised, postcodes_load
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user

pytestmark = pytest.mark.django_db

HEADER = "postcode,latitude,longitude"
GOOD = ["CF10 1AA,51.481600,-3.179100", "cf101ab,51.4822,-3.1785", "NP20 1AB,51.5880,-2.9977"]


@pytest.fixture(autouse=True)
def english():
    """The loader's messages in English, whatever a test before left active."""
    with translation.override("en"):
        yield


def _csv(*lines: str, bom: bool = False) -> io.BytesIO:
    return io.BytesIO(("\ufeff" if bom else "").encode() + "\n".join(lines).encode())


def _load(world, file, council=None) -> int:
    return postcodes_load(
        actor=actor_for(world.owner),
        council=council or world.council_a,
        file=file,
        name="postcodes.csv",
    )


def _refused(world, file) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        _load(world, file)
    return refused.value.errors


def _table(council) -> dict[str, tuple[Decimal, Decimal]]:
    return {
        row.postcode: (row.latitude, row.longitude)
        for row in Postcode.objects.filter(council=council)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CF10 1AA", "CF10 1AA"),
        ("cf101aa", "CF10 1AA"),
        (" sw1a  1aa ", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("NB1 3CD", "NB1 3CD"),
        ("CF10", None),
        ("1AA CF10", None),
        ("CF10 1AAA", None),
        ("", None),
    ],
)
def test_a_postcode_is_normalised_or_refused_by_its_shape(text, expected):
    assert normalised(text) == expected


def test_the_distance_is_the_great_circle_in_miles():
    # A degree of latitude is about 69.1 miles; London to Paris about 214 (344 km).
    assert miles_between(Point(51, -3), Point(52, -3)) == pytest.approx(69.09, abs=0.01)
    london, paris = Point(51.5074, -0.1278), Point(48.8566, 2.3522)
    assert miles_between(london, paris) == pytest.approx(213.5, abs=1)
    assert miles_between(london, london) == 0


def test_a_good_file_loads_every_postcode_normalised_with_its_audit(world):
    count = _load(world, _csv(HEADER, *GOOD))

    assert count == 3
    assert _table(world.council_a) == {
        "CF10 1AA": (Decimal("51.481600"), Decimal("-3.179100")),
        "CF10 1AB": (Decimal("51.482200"), Decimal("-3.178500")),
        "NP20 1AB": (Decimal("51.588000"), Decimal("-2.997700")),
    }
    event = AuditEvent.objects.get(
        council_id=world.council_a.pk, detail__import="directory postcodes"
    )
    assert event.actor == world.owner
    assert event.detail["postcodes"] == 3


def test_an_ons_extract_with_a_byte_order_mark_and_other_columns_loads(world):
    extract = _csv(
        "pcd,pcd2,pcds,dointr,doterm,oslaua,lat,long",
        "CF101AA,CF10 1AA,CF10 1AA,198001,,W06000015,51.481600,-3.179100",
        "CF101AB,CF10 1AB,CF10 1AB,198001,,W06000015,51.482200,-3.178500",
        bom=True,
    )

    assert _load(world, extract) == 2
    assert set(_table(world.council_a)) == {"CF10 1AA", "CF10 1AB"}


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            "CF10,51.48,-3.17",
            "Line 3: “CF10” is not a postcode in the right format, like CF10 1AA.",
        ),
        (",51.48,-3.17", "Line 3: “” is not a postcode in the right format, like CF10 1AA."),
        ("CF10 1AZ,north,-3.17", "Line 3: the latitude must be a number, such as 51.481600."),
        ("CF10 1AZ,51.48,", "Line 3: the longitude must be a number, such as -3.179100."),
        ("CF10 1AZ,NaN,-3.17", "Line 3: the latitude must be a number, such as 51.481600."),
        ("CF10 1AZ,99.999999,0", "Line 3: the latitude 99.999999 is outside the UK (49 to 61)."),
        ("CF10 1AZ,51.48,13.4", "Line 3: the longitude 13.4 is outside the UK (-9 to 2)."),
        ("cf10 1aa,51.48,-3.17", "Line 3: CF10 1AA is already on line 2."),
    ],
)
def test_each_kind_of_bad_row_is_named_by_its_line_and_nothing_is_loaded(world, row, problem):
    assert _refused(world, _csv(HEADER, GOOD[0], row)) == [problem]
    assert not Postcode.objects.exists()


def test_every_problem_in_the_file_is_listed_at_once(world):
    errors = _refused(world, _csv(HEADER, "CF10,x,-3.1", *GOOD, "CF10 1AA,51.4,-3.1"))
    assert errors == [
        "Line 2: “CF10” is not a postcode in the right format, like CF10 1AA.",
        "Line 2: the latitude must be a number, such as 51.481600.",
        "Line 6: CF10 1AA is already on line 3.",
    ]


def test_a_file_with_a_bad_row_leaves_the_council_s_table_as_it_was(world):
    _load(world, _csv(HEADER, *GOOD))

    _refused(world, _csv(HEADER, "SA1 1AA,51.62,-3.94", "SA1 1AB,north,-3.94"))

    assert set(_table(world.council_a)) == {"CF10 1AA", "CF10 1AB", "NP20 1AB"}
    assert AuditEvent.objects.filter(detail__import="directory postcodes").count() == 1


def test_a_new_table_replaces_the_council_s_last_one_and_no_other_council_s(world):
    _load(world, _csv(HEADER, *GOOD))
    _load(world, _csv(HEADER, GOOD[0]), council=world.council_b)

    assert _load(world, _csv(HEADER, "SA1 1AA,51.62,-3.94", GOOD[0])) == 2

    assert set(_table(world.council_a)) == {"SA1 1AA", "CF10 1AA"}
    assert set(_table(world.council_b)) == {"CF10 1AA"}
    latest = AuditEvent.objects.filter(council_id=world.council_a.pk).latest("pk")
    assert (latest.detail["postcodes"], latest.detail["replaced"]) == (2, 3)


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ([], "The file is empty: it needs a header and one row a postcode."),
        ([HEADER], "The file has a header but no postcodes."),
        (
            ["postcode,easting,northing", "CF10 1AA,318000,176000"],
            "Line 1: the columns must include postcode (or pcds), latitude (or lat) and "
            "longitude (or long).",
        ),
    ],
)
def test_a_file_without_the_right_columns_is_refused(world, lines, problem):
    assert _refused(world, _csv(*lines)) == [problem]


def test_the_limits_on_the_file_hold(world, monkeypatch):
    monkeypatch.setattr(postcodes, "MAX_POSTCODES", 2)
    assert _refused(world, _csv(HEADER, *GOOD)) == [
        "The file has more than 3 rows. Split it into smaller files."
    ]
    assert _refused(world, io.BytesIO(b"postcode,latitude,longitude\n\xff\xfe,1,2")) == [
        "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."
    ]
    assert not Postcode.objects.exists()


# --- the page ----------------------------------------------------------------------------------


def _url(council) -> str:
    return f"/councils/{council.pk}/directory/postcodes/"


def _upload(lines: list[str], name: str = "postcodes.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join(lines).encode())


def test_the_directory_team_loads_a_table_and_sees_how_many_and_when(world, signed_in):
    Location.objects.create(council=world.council_a, name="Hub", town="Cardiff")
    client = signed_in(world.owner)

    before = client.get(_url(world.council_a)).content.decode()
    assert "Your council has not loaded any postcodes yet." in before
    assert "0 of your 1 places have them" in before

    response = client.post(_url(world.council_a), {"file": _upload([HEADER, *GOOD])}, follow=True)

    page = response.content.decode()
    assert "Postcodes loaded: 3. They replace any table you loaded before." in page
    assert "Your council has loaded 3 postcodes. They were loaded on" in page
    assert Postcode.objects.filter(council=world.council_a).count() == 3


def test_the_page_lists_each_problem_by_line_and_loads_nothing(world, signed_in):
    client = signed_in(world.owner)

    response = client.post(_url(world.council_a), {"file": _upload([HEADER, "CF10 1AA,x,y"])})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Line 2: the latitude must be a number, such as 51.481600." in page
    assert "Line 2: the longitude must be a number, such as -3.179100." in page
    assert not Postcode.objects.exists()


def test_other_files_and_people_without_the_capability_are_refused(world, signed_in):
    response = signed_in(world.owner).post(
        _url(world.council_a), {"file": _upload(GOOD, "postcodes.xlsx")}
    )
    assert "The file must be a CSV file" in response.content.decode()

    reader = make_user(role="elected-member", council=world.council_a)
    assert signed_in(reader).get(_url(world.council_a)).status_code == 403
    assert (
        signed_in(reader)
        .post(_url(world.council_a), {"file": _upload([HEADER, *GOOD])})
        .status_code
        == 403
    )
    assert signed_in(world.outsider).get(_url(world.council_a)).status_code == 404
    assert not Postcode.objects.exists()
