import io

import polars as pl
from django.core.files.uploadedfile import SimpleUploadedFile

from childrights.core.models import AuditEvent
from childrights.poverty.models import Dataset

GOOD_CSV = b"child_id,age,weight,area,has_bed\n1,4,1.5,E08000035,1\n2,12,0.8,E08000035,0\n"


def _upload(client, council, content: bytes, name: str = "children.csv"):
    return client.post(
        f"/councils/{council.pk}/poverty/upload/",
        {"name": "School census", "file": SimpleUploadedFile(name, content)},
    )


def test_a_good_csv_is_checked_and_stored_for_the_council(world, signed_in):
    response = _upload(signed_in(world.member), world.council_a, GOOD_CSV)
    assert response.status_code == 302
    dataset = Dataset.objects.get()
    assert dataset.council == world.council_a
    assert dataset.row_count == 2
    assert {column["name"] for column in dataset.columns} >= {"age", "weight", "has_bed"}
    assert len(dataset.fingerprint) == 64
    assert AuditEvent.objects.filter(action="create", object_type="poverty.Dataset").exists()


def test_a_parquet_file_is_accepted(world, signed_in):
    buffer = io.BytesIO()
    pl.DataFrame({"age": [3, 9], "has_bed": [1, 0]}).write_parquet(buffer)
    response = _upload(signed_in(world.member), world.council_a, buffer.getvalue(), "kids.parquet")
    assert response.status_code == 302
    assert Dataset.objects.get().format == "parquet"


def test_a_malformed_upload_lists_line_numbered_errors_and_stores_nothing(world, signed_in):
    bad = b"child_id,age,weight\n1,4,1.5\n2,forty,1\n3,7,-2\n4,30,1\n5,,1\n"
    response = _upload(signed_in(world.member), world.council_a, bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file was not saved" in page
    assert "line 3: age must be a number between 0 and 25, not “forty”" in page
    assert "line 4: weight must be a number more than 0, not “-2”" in page
    assert "line 5: age must be a number between 0 and 25" in page
    assert "line 6: age must be a number between 0 and 25, not “(empty)”" in page
    assert not Dataset.objects.exists()


def test_an_empty_file_or_duplicate_columns_are_refused(world, signed_in):
    client = signed_in(world.member)
    assert "no rows" in _upload(client, world.council_a, b"age,weight\n").content.decode()
    page = _upload(client, world.council_a, b"age,age\n1,2\n").content.decode()
    assert "line 1" in page
    assert not Dataset.objects.exists()


def test_only_csv_or_parquet_files_are_accepted(world, signed_in):
    response = _upload(signed_in(world.member), world.council_a, b"x", "data.xlsx")
    assert "The file must be a CSV or Parquet file" in response.content.decode()


def test_elected_members_cannot_upload(world, signed_in):
    from childrights.testing.factories import make_user

    councillor = make_user(role="elected-member", council=world.council_a)
    assert _upload(signed_in(councillor), world.council_a, GOOD_CSV).status_code == 403


def test_another_councils_data_is_not_found(world, signed_in):
    _upload(signed_in(world.member), world.council_a, GOOD_CSV)
    client = signed_in(world.outsider)
    assert client.get(f"/councils/{world.council_a.pk}/poverty/").status_code == 404


def test_weights_that_are_not_finite_and_excel_byte_order_marks_are_handled(world, signed_in):
    client = signed_in(world.member)
    nan = _upload(client, world.council_a, b"age,weight\n3,NaN\n4,inf\n").content.decode()
    assert "line 2: weight must be a number more than 0" in nan
    assert "line 3: weight must be a number more than 0" in nan
    bom = _upload(client, world.council_a, b"\xef\xbb\xbfage,weight\n99,1\n").content.decode()
    assert "line 2: age must be a number between 0 and 25, not “99”" in bom
    assert not Dataset.objects.exists()


def test_a_ragged_row_is_explained_in_plain_words(world, signed_in):
    page = _upload(
        signed_in(world.member), world.council_a, b"age,weight\n3,1\n4,1,7,8\n"
    ).content.decode()
    assert "line 3 has 4 values but the header has 2 columns: check for extra separators" in page
    assert not Dataset.objects.exists()


def test_a_failed_save_leaves_no_file_behind(world, signed_in, settings, monkeypatch):
    from childrights.poverty import services

    def broken(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    client = signed_in(world.member)
    client.raise_request_exception = False
    response = _upload(client, world.council_a, GOOD_CSV)
    assert response.status_code == 500
    assert not Dataset.objects.exists()
    stored = list((settings.MEDIA_ROOT / "poverty").rglob("*.csv"))
    assert stored == []


def test_even_the_programme_team_cannot_see_a_councils_child_level_data(world, signed_in):
    _upload(signed_in(world.member), world.council_a, GOOD_CSV)
    team = signed_in(world.programme)
    assert team.get(f"/councils/{world.council_a.pk}/poverty/").status_code == 404
