"""A corpus of wrong and awkward microdata files: each is refused with words (and its line) and
stores nothing, or is read the way its author meant."""

import codecs
import io
import zipfile

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from childrights.poverty.models import Dataset

HEADER = b"child_id,age,weight,has_bed\n"


def _upload(client, council, content: bytes, name: str = "children.csv"):
    return client.post(
        f"/councils/{council.pk}/poverty/upload/",
        {"name": "Survey", "file": SimpleUploadedFile(name, content)},
    )


def _workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


REFUSED = [
    pytest.param(
        HEADER + b"1,4,1,1\n\n2,5,1,0\n",
        ["line 3 is blank: remove blank lines, as each line is a child"],
        id="blank line",
    ),
    pytest.param(
        HEADER + b"1,4,1,1\n2,5,1,0\n\n\n",
        ["line 4 is blank", "line 5 is blank"],
        id="blank lines at the end",
    ),
    pytest.param(
        HEADER + b"1,4,1,1\n\n2,5,1\n3,6,1,NA\n4,40,1,1\n",
        [
            "line 3 is blank",
            "line 4 has 3 values but the header has 4 columns",
            "line 5: “NA” in has_bed: leave a missing value empty instead",
            "line 6: age must be a number between 0 and 25, not “40”",
        ],
        id="problems of shape and of values in one go",
    ),
    pytest.param(
        HEADER + b"1,4,1,1\n2,5\n",
        ["line 3 has 2 values but the header has 4 columns: a row may have been cut short"],
        id="short row",
    ),
    pytest.param(
        HEADER + b"1,4,1,1,9\n",
        ["line 2 has 5 values but the header has 4 columns: check for extra separators"],
        id="long row",
    ),
    pytest.param(
        HEADER + b",,,\n1,4,1,1\n",
        ["line 2 has no values: remove it, as each line is a child"],
        id="row of separators only",
    ),
    pytest.param(
        HEADER + b'1,4,1,1\n"","",,""\n , ,\t, \r\n',
        [
            "line 3 has no values: remove it, as each line is a child",
            "line 4 has no values: remove it, as each line is a child",
        ],
        id="rows of empty quotes and spaces",
    ),
    pytest.param(
        HEADER + b'1,4,1,"1\n2,5,1,0\n',
        ['line 2: a quote (") opens a value and is never closed'],
        id="unterminated quote",
    ),
    pytest.param(
        b'child_id,age,note\n1,4,"two\nlines"\n2,forty,ok\n',
        ["line 4: age must be a number between 0 and 25, not “forty”"],
        id="line numbers after a quoted line break",
    ),
    pytest.param(
        b'child_id,age,note\n1,4,"a\n\nb"\n2,5,ok\n3,6\n',
        ["line 6 has 2 values but the header has 3 columns"],
        id="structure line numbers after a quoted blank line",
    ),
    pytest.param(
        HEADER + b'1,4,1,"1,234"\n2,5,1,0\n',
        ["line 2: “1,234” in has_bed: write numbers without commas"],
        id="thousand separator",
    ),
    pytest.param(
        HEADER + b"1,4,1,1\n2,5,1,NA\n3,6,1,n/a\n",
        [
            "line 3: “NA” in has_bed: leave a missing value empty instead",
            "line 4: “n/a” in has_bed: leave a missing value empty instead",
        ],
        id="NA in a number column",
    ),
    pytest.param(
        HEADER + b"1,4,1,1\n2,5,1,yes\n",
        ["line 3: “yes” in has_bed, where other rows hold numbers: write 1 for yes and 0"],
        id="yes among numbers",
    ),
    pytest.param(
        b"child_id,Weight,age\n1,1,4\n2,-1,5\n",
        ["line 3: Weight must be a number more than 0, not “-1”"],
        id="weight checked whatever its case",
    ),
    pytest.param(
        b"child_id, age ,x\n1,40,1\n",
        ["line 2:  age  must be a number between 0 and 25, not “40”"],
        id="age checked whatever its spaces",
    ),
    pytest.param(
        b"child_id,household_id,x\n1,7,1\n2,,1\n",
        ["line 3: household_id is empty: every child needs a household"],
        id="child with no household",
    ),
    pytest.param(
        b"child_id,weight,Weight \n1,1,1\n",
        ["line 1: the columns “Weight ”, “weight” differ only in capital letters or spaces"],
        id="names differing in case",
    ),
    pytest.param(
        "child_id,area\n1,Ynys Môn\n".encode("cp1252"),
        ["line 2 is not UTF-8 text (it has the byte 0xF4)", "Windows-1252"],
        id="Windows-1252",
    ),
    pytest.param(
        codecs.BOM_UTF16_LE + "child_id,age\n1,4\n".encode("utf-16-le"),
        ["The file is saved as UTF-16 text"],
        id="UTF-16 with a byte order mark",
    ),
    pytest.param(
        "child_id,age\n1,4\n".encode("utf-16-le"),
        ["The file holds NUL characters"],
        id="UTF-16 without a byte order mark",
    ),
    pytest.param(_workbook(), ["This is an Excel workbook"], id="workbook named .csv"),
    pytest.param(b"\x1f\x8b\x08\x00rest", ["This file is compressed"], id="gzip named .csv"),
    pytest.param(b"child_id,age\r1,4\r", ["carriage return alone"], id="old Mac line endings"),
    pytest.param(b"child_id,age\n", ["The file has no rows"], id="header only"),
    pytest.param(
        b"id,height\n1,5'10\"\n2,6'1\"\n3,5'2\"\n",
        ['line 2: a quote (") is in the middle of a value'],
        id="a quote inside an unquoted value",
    ),
    pytest.param(
        b'a,b\n1,2\n"x"y,1\n',
        ['line 3: a quote (") is in the middle of a value'],
        id="text after a closing quote",
    ),
    pytest.param(
        b"\xef\xbb\xbfa," + b"x" * 70_000 + b"\n1,2\n",
        ["line 1: the header is longer than 65536 characters"],
        id="huge header after a byte order mark",
    ),
    pytest.param(
        HEADER + b"1,4,1,1\n2,4,1,Infinity\n3,4,1,1e400\n",
        [
            "line 3: “Infinity” in has_bed is not a number that can be counted",
            "line 4: “1e400” in has_bed is not a number that can be counted",
        ],
        id="numbers that cannot be counted",
    ),
    pytest.param(
        HEADER + b"1,4,1,1\n2,4,1," + b"9" * 30 + b",000\n",
        ["line 3 has 5 values"],
        id="long row of digits",
    ),
    pytest.param(b"\n\n", ["line 1 is empty: the first line must hold"], id="only blank lines"),
    pytest.param(
        b"a,b\n1,2\n1" + b",1" * 70_001 + b"\n",
        ["line 3 has 70002 values but the header has 2 columns"],
        id="more separators than 16 bits count",
    ),
    pytest.param(b"a," + b"x" * 70_000 + b"\n1,2\n", ["the header is longer"], id="huge header"),
]


@pytest.mark.parametrize(("content", "expected"), REFUSED)
def test_a_wrong_file_is_refused_in_words_with_its_line_and_nothing_is_stored(
    world, signed_in, content, expected
):
    response = _upload(signed_in(world.member), world.council_a, content)
    page = response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert response.status_code == 200
    assert "The file was not saved" in page
    for text in expected:
        assert text in page
    assert not Dataset.objects.exists()


def test_a_row_already_reported_for_its_shape_is_not_reported_again_for_its_values(
    world, signed_in
):
    page = _upload(
        signed_in(world.member), world.council_a, HEADER + b"1,4,1,1\n\n2,5,1,1\n"
    ).content.decode()
    assert "line 3 is blank" in page
    assert "line 3: age" not in page


ACCEPTED = [
    pytest.param(b"child_id;age;weight\n1;4;1.5\n2;7;0.5\n", ";", id="semicolons"),
    pytest.param(b"child_id\tage\tweight\r\n1\t4\t1.5\r\n2\t7\t0.5\r\n", "\t", id="tabs, CRLF"),
    pytest.param(
        b'\xef\xbb\xbfchild_id,age,weight\r\n1,4,"1.5"\r\n2,7,0.5', ",", id="BOM, no final break"
    ),
]


@pytest.mark.parametrize(("content", "separator"), ACCEPTED)
def test_other_separators_and_line_endings_are_read_as_meant(world, signed_in, content, separator):
    response = _upload(signed_in(world.member), world.council_a, content)
    assert response.status_code == 302, response.content.decode()[-3000:]
    dataset = Dataset.objects.get()
    assert dataset.separator == separator
    assert dataset.row_count == 2
    assert [(c["name"], c["type"]) for c in dataset.columns] == [
        ("child_id", "whole number"),
        ("age", "whole number"),
        ("weight", "number"),
    ]


def test_a_parquet_file_named_csv_is_read_as_parquet(world, signed_in):
    buffer = io.BytesIO()
    pl.DataFrame({"age": [3, 9, 12], "has_bed": [True, None, False]}).write_parquet(buffer)
    response = _upload(signed_in(world.member), world.council_a, buffer.getvalue(), "kids.csv")
    assert response.status_code == 302, response.content.decode()[-3000:]
    dataset = Dataset.objects.get()
    assert dataset.format == "parquet"
    assert dataset.row_count == 3
    assert [(c["name"], c["type"], c["missing"]) for c in dataset.columns] == [
        ("age", "whole number", 0),
        ("has_bed", "yes/no", 1),
    ]


def test_a_text_file_named_parquet_is_read_for_what_it_is(world, signed_in):
    response = _upload(signed_in(world.member), world.council_a, HEADER + b"1,4,1,1\n", "x.parquet")
    assert response.status_code == 302
    assert Dataset.objects.get().format == "csv"


def test_each_columns_type_and_missing_values_are_found_and_shown(world, signed_in):
    content = (
        b"child_id,age,weight,has_bed,area,free_meals,ratio,empty,spaced\n"
        b"1,4,1.5,1,North,yes,0.5,, 1\n"
        b"2,7,0.5,0,South,No,,,  \n"
        b"3,9,1,,North,,2,,3 \n"
    )
    client = signed_in(world.member)
    response = _upload(client, world.council_a, content)
    dataset = Dataset.objects.get()
    assert response["Location"] == f"/poverty/data/{dataset.pk}/"
    by_name = {column["name"]: column for column in dataset.columns}
    assert {name: (c["type"], c["missing"]) for name, c in by_name.items()} == {
        "child_id": ("whole number", 0),
        "age": ("whole number", 0),
        "weight": ("number", 0),
        "has_bed": ("whole number", 1),
        "area": ("text", 0),
        "free_meals": ("yes/no", 1),
        "ratio": ("number", 1),
        "empty": ("empty", 3),
        "spaced": ("whole number", 1),
    }
    assert (by_name["ratio"]["min"], by_name["ratio"]["max"]) == (0.5, 2.0)
    page = client.get(response["Location"]).content.decode()
    assert "Columns, their types and missing values" in page
    assert "Yes or no" in page
    assert "Survey weight: each child counts this many times" in page


def test_a_refused_file_still_shows_what_was_found_in_it(world, signed_in):
    page = _upload(
        signed_in(world.member), world.council_a, HEADER + b"1,4,1,NA\n2,5,1,1\n"
    ).content.decode()
    assert "line 2: “NA” in has_bed" in page
    assert "What was found in the file" in page
    assert "2 rows of children were read." in page
    assert '<code class="app-break-anywhere">has_bed</code>' in page


def test_many_problems_are_listed_up_to_a_limit(world, signed_in):
    content = HEADER + b"".join(b"%d,4,1\n" % n for n in range(200))
    page = _upload(signed_in(world.member), world.council_a, content).content.decode()
    assert "line 51 has 3 values" in page
    assert "line 52 has 3 values" not in page
    assert "…and 150 more problems" in page


def test_a_header_with_a_line_break_inside_quotes_is_read_whole(world, signed_in):
    content = b'child_id,"Age\n(years)",weight\n1,4,1\n2,5\n'
    page = _upload(signed_in(world.member), world.council_a, content).content.decode()
    assert "line 4 has 2 values but the header has 3 columns" in page
    content = b'child_id,"Age\n(years)",weight\n1,4,1\n2,5,1\n'
    assert _upload(signed_in(world.member), world.council_a, content).status_code == 302
    assert [c["name"] for c in Dataset.objects.get().columns] == [
        "child_id",
        "Age\n(years)",
        "weight",
    ]


@pytest.mark.parametrize(
    ("content", "separator"),
    [
        (b"id;income, net;age\n1;100;4\n2;200;5\n", ";"),
        (b"id\taddress, town\tage\n1\tFlat 2, Leeds\t4\n2\t3 High St, York\t7\n", "\t"),
        (b"id,note\n1,a;b\n2,c;d\n", ","),
    ],
)
def test_the_separator_is_the_one_that_splits_every_line_alike(
    world, signed_in, content, separator
):
    assert _upload(signed_in(world.member), world.council_a, content).status_code == 302
    dataset = Dataset.objects.get()
    assert dataset.separator == separator
    assert len(dataset.columns) == len(content.split(b"\n")[1].split(separator.encode()))


def test_a_value_shown_in_a_message_is_shortened(world, signed_in):
    content = HEADER + b"1,4,1,1\n2,4," + b"x" * 5000 + b",1\n"
    page = _upload(signed_in(world.member), world.council_a, content).content.decode()
    assert "x" * 40 + "…" in page
    assert "x" * 41 not in page


def test_too_many_rows_spanning_lines_are_refused_in_words(world, signed_in, monkeypatch):
    from childrights.poverty import layout

    monkeypatch.setattr(layout, "MAX_LONG_ROWS", 3)
    content = b"id,note\n" + b"".join(b'%d,"a\nb"\n' % n for n in range(5))
    page = _upload(signed_in(world.member), world.council_a, content).content.decode()
    assert "More than 3 rows have line breaks inside their values" in page
    assert not Dataset.objects.exists()


def test_text_that_is_not_utf8_is_found_on_its_line_across_blocks(world, signed_in, monkeypatch):
    from childrights.poverty import layout

    content = b"a,b\n1,2\n3,\xe9\n4,5\n6,7\n8,9\n"
    for size in (1, 2, 3, 11, 64):
        monkeypatch.setattr(layout, "BLOCK_BYTES", size)
        page = _upload(signed_in(world.member), world.council_a, content).content.decode()
        assert "line 3 is not UTF-8 text (it has the byte 0xE9)" in page, size


def test_columns_with_many_distinct_values_are_judged_the_same_way(
    world, signed_in, monkeypatch, tmp_path
):
    from childrights.poverty import uploads

    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"id,area,flag,amount,code\n"
        + b"".join(
            b"%d,%s,%s,%s,C%d\n"
            % (
                n,
                b"North" if n % 2 else b"South",
                b"yes" if n % 3 else b"No",
                b"NA" if n == 7 else b"%d" % n,
                n,
            )
            for n in range(40)
        )
    )
    by_distinct = uploads.upload_check(path)
    monkeypatch.setattr(uploads, "FEW_DISTINCT", 1)
    one_by_one = uploads.upload_check(path)
    assert by_distinct.columns == one_by_one.columns
    assert by_distinct.errors == one_by_one.errors
    assert [c["type"] for c in one_by_one.columns] == [
        "whole number",
        "text",
        "yes/no",
        "whole number",
        "text",
    ]
    assert one_by_one.errors == ["line 9: “NA” in amount: leave a missing value empty instead"]


@pytest.mark.parametrize("parquet", [False, True])
def test_more_rows_than_there_are_children_are_refused_before_reading_them(
    world, signed_in, monkeypatch, parquet
):
    from childrights.poverty import uploads

    monkeypatch.setattr(uploads, "MAX_ROWS", 2)
    content = HEADER + b"1,4,1,1\n2,4,1,1\n3,4,1,1\n"
    if parquet:
        buffer = io.BytesIO()
        pl.read_csv(content).write_parquet(buffer)
        content = buffer.getvalue()
    page = _upload(signed_in(world.member), world.council_a, content).content.decode()
    assert "The file has 3 rows; at most 2 can be checked" in page
    assert not Dataset.objects.exists()


def test_problems_in_different_columns_are_listed_in_the_order_of_the_file(world, signed_in):
    content = HEADER + b"1,40,1,1\n2,4,1,NA\n3,41,1,1\n4,4,-1,yes\n"
    page = _upload(signed_in(world.member), world.council_a, content).content.decode()
    lines = [page.index(f"line {number}:") for number in (2, 3, 4, 5)]
    assert lines == sorted(lines)
