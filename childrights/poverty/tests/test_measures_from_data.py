"""Measures built from the columns of the uploaded data, and runs that say what they used."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from childrights.poverty.models import Dataset, Measure, Run
from childrights.poverty.presenters import sample_csv
from childrights.poverty.tests.test_measures_and_runs import _rows
from childrights.poverty.uploads import upload_check

# Three children in three households, each deprived in a different number of three
# dimensions: 3, 2 and 0 (of which one is a yes/no column written in words).
DATA = (
    b"child_id, Weight ,HOUSEHOLD_ID,Age,Has_Bed,meals_missed,warm_home\n"
    b"1,2,10,4,0,3,No\n"
    b"2,1,11,9,0,2,yes\n"
    b"3,1,12,30,1,0,Yes\n"
)


def _upload(client, council, content=DATA, name="children.csv"):
    return client.post(
        f"/councils/{council.pk}/poverty/upload/",
        {"name": "Survey", "file": SimpleUploadedFile(name, content)},
    )


def _measure(k="2/3", **extra):
    return {
        "name": "Three dimensions",
        "k": k,
        "age_groups": "",
        "child_items": "",
        **_rows(
            {"dimension": "Home", "label": "Own bed", "column": "has_bed", "rule": "lacks"},
            {
                "dimension": "Food",
                "label": "Missed meals",
                "column": "MEALS_MISSED",
                "rule": "above",
                "threshold": "1",
            },
            {"dimension": "Warmth", "label": "Warm home", "column": "warm_home", "rule": "lacks"},
        ),
        **extra,
    }


@pytest.fixture
def member(world, signed_in):
    return signed_in(world.member)


def _run(client, measure, dataset, capture, **extra):
    with capture(execute=True):
        client.post(f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk, **extra})
    return Run.objects.order_by("-pk").first()


def _age_ok(content=DATA):
    return content.replace(b"12,30,", b"12,17,")


def _measure_then_data(client, council, content, **measure):
    """The measure is written before the data is uploaded (as text, so its column names may
    differ in case and spaces from the data's); then the data."""
    response = client.post(f"/councils/{council.pk}/poverty/measures/new/", _measure(**measure))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert _upload(client, council, content).status_code == 302
    return Measure.objects.get(), Dataset.objects.get()


def test_a_cutoff_of_exactly_two_thirds_is_kept_as_written_and_used_exactly(
    world, member, django_capture_on_commit_callbacks
):
    measure, dataset = _measure_then_data(member, world.council_a, _age_ok())
    assert measure.definition["k"] == 2 / 3
    assert measure.definition["k_text"] == "2/3"
    run = _run(member, measure, dataset, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.DONE, run.error
    # Deprived in 3 of 3 and in exactly 2 of 3 dimensions: both poor at k = 2/3. The weights
    # are 2, 1 and 1, so the poor share is 3 of 4.
    assert run.result["H"] == pytest.approx(0.75)
    edit = member.get(f"/poverty/measures/{measure.pk}/edit/").content.decode()
    assert 'value="2/3"' in edit


@pytest.mark.parametrize(
    ("k", "message"),
    [
        ("2/0", "The poverty cutoff must be a fraction like 1/3"),
        ("two thirds", "The poverty cutoff must be a fraction like 1/3"),
        ("4/3", "The poverty cutoff must be 1 or less"),
        ("1/200", "The poverty cutoff must be at least 0.01"),
    ],
)
def test_a_cutoff_that_is_not_a_share_is_refused(world, member, k, message):
    page = member.post(
        f"/councils/{world.council_a.pk}/poverty/measures/new/", _measure(k=k)
    ).content.decode()
    assert message in page
    assert not Measure.objects.exists()


def test_what_to_do_with_a_missing_value_is_the_analysts_choice(world, member):
    data = _measure()
    data["indicators-1-missing"] = ""
    page = member.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", data)
    text = page.content.decode()
    assert "Choose what to do when a child&#x27;s value is missing" in text
    assert not Measure.objects.exists()
    form = member.get(f"/councils/{world.council_a.pk}/poverty/measures/new/").content.decode()
    assert '<option value="" selected>Choose what to do</option>' in form


def test_the_measure_form_offers_the_columns_of_the_data(world, member):
    _upload(member, world.council_a, _age_ok())
    form = member.get(f"/councils/{world.council_a.pk}/poverty/measures/new/").content.decode()
    assert '<select name="indicators-0-column"' in form
    assert '<option value="Has_Bed">Has_Bed (Whole number)</option>' in form
    assert '<option value="warm_home">warm_home (Yes or no)</option>' in form


def test_columns_are_matched_whatever_their_case_and_spaces_and_the_run_says_what_it_used(
    world, member, django_capture_on_commit_callbacks
):
    measure, dataset = _measure_then_data(member, world.council_a, _age_ok())
    run = _run(member, measure, dataset, django_capture_on_commit_callbacks, group_columns="AGE")
    assert run.status == Run.Status.DONE, run.error
    assert run.options["weight_column"] == "weight"
    assert run.options["cluster_column"] == "household_id"
    assert run.result["n"] == 3
    page = member.get(f"/poverty/runs/{run.pk}/").content.decode()
    assert "Used: the “weight” column" in page
    assert "Used for standard errors: the “household_id” column" in page


def test_a_run_without_weights_or_households_says_so(
    world, member, django_capture_on_commit_callbacks
):
    content = b"has_bed,meals_missed,warm_home\n0,3,no\n1,0,yes\n"
    measure, dataset = _measure_then_data(member, world.council_a, content)
    run = _run(member, measure, dataset, django_capture_on_commit_callbacks)
    page = member.get(f"/poverty/runs/{run.pk}/").content.decode()
    assert "Not used: every child counts once" in page
    assert "Not used: each child is treated as independent" in page


def test_children_outside_every_age_group_are_counted_on_the_page_and_in_the_file(
    world, member, django_capture_on_commit_callbacks
):
    measure, dataset = _measure_then_data(
        member, world.council_a, DATA.replace(b"12,30,", b"12,20,"), k="1/3", age_groups="0-17"
    )
    run = _run(member, measure, dataset, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.DONE, run.error
    page = member.get(f"/poverty/runs/{run.pk}/").content.decode()
    assert "Children outside every age group" in page
    download = member.get(f"/poverty/runs/{run.pk}/results.csv")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert ["run", "", "", "Children outside every age group", "1"] in rows


def test_the_results_file_carries_the_definition_and_the_datas_fingerprint(
    world, member, django_capture_on_commit_callbacks
):
    measure, dataset = _measure_then_data(member, world.council_a, _age_ok())
    run = _run(member, measure, dataset, django_capture_on_commit_callbacks)
    for protected in ("", "on"):
        download = member.get(f"/poverty/runs/{run.pk}/results.csv", {"disclosure": protected})
        rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
        facts = {row[3]: row[4] for row in rows if row[0] == "run"}
        assert json.loads(facts["measure definition (JSON)"]) == run.definition
        assert facts["data fingerprint (SHA-256)"] == dataset.fingerprint
        assert facts["Survey weights"] == "Used: the “weight” column"


def test_a_column_of_the_wrong_type_is_refused_before_running_in_words(world, member):
    text_meals = (
        _age_ok()
        .replace(b",3,No", b",none,No")
        .replace(b",2,yes", b",some,yes")
        .replace(b",0,Yes", b",all,Yes")
    )
    measure, dataset = _measure_then_data(member, world.council_a, text_meals)
    page = member.post(f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk})
    assert (
        "Missed meals reads the column “MEALS_MISSED” as numbers, but in this data it holds "
        "text. Change the measure or the data." in page.content.decode()
    )
    assert not Run.objects.exists()


def test_a_failed_run_links_to_what_to_change_and_can_run_again(
    world, member, django_capture_on_commit_callbacks
):
    measure, dataset = _measure_then_data(member, world.council_a, _age_ok())
    Run.objects.create(
        council=world.council_a,
        measure=measure,
        dataset=dataset,
        measure_name=measure.name,
        definition=measure.definition,
        data_fingerprint=dataset.fingerprint,
        options={"group_columns": ["age"]},
        status=Run.Status.FAILED,
        error="No child could be measured.",
    )
    failed = Run.objects.get()
    page = member.get(f"/poverty/runs/{failed.pk}/").content.decode()
    assert f'href="/poverty/measures/{measure.pk}/edit/"' in page
    assert f'href="/poverty/data/{dataset.pk}/"' in page
    assert "Run it again" in page
    assert 'name="group_columns" value="age"' in page
    again = _run(member, measure, dataset, django_capture_on_commit_callbacks, group_columns="age")
    assert again.pk != failed.pk
    assert again.status == Run.Status.DONE, again.error


def test_the_sample_file_passes_the_checks_and_the_dictionary_describes_it(world, member, tmp_path):
    path = tmp_path / "sample.csv"
    path.write_bytes(sample_csv())
    assert upload_check(path).errors == []
    download = member.get(f"/councils/{world.council_a.pk}/poverty/children-sample.csv")
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download.content == sample_csv()
    page = member.get(f"/councils/{world.council_a.pk}/poverty/data-dictionary/").content.decode()
    for column in sample_csv().decode().splitlines()[0].split(","):
        assert f'<code class="app-break-anywhere">{column}</code>' in page
    assert "Leave a missing value empty" in page


def test_the_sample_and_dictionary_are_for_the_councils_own_people(world, signed_in):
    outsider = signed_in(world.outsider)
    for path in ("children-sample.csv", "data-dictionary/"):
        assert outsider.get(f"/councils/{world.council_a.pk}/poverty/{path}").status_code == 404


def test_numbers_written_with_spaces_around_them_are_read_as_numbers_by_a_run(
    world, member, django_capture_on_commit_callbacks
):
    spaced = _age_ok().replace(b"1,2,10,4,0,3,No", b"1, 2 ,10,4,0, 3 ,No")
    measure, dataset = _measure_then_data(member, world.council_a, spaced)
    assert {c["name"].strip(): c["type"] for c in dataset.columns}["Weight"] == "whole number"
    run = _run(member, measure, dataset, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.DONE, run.error
    assert run.result["H"] == pytest.approx(0.75)
