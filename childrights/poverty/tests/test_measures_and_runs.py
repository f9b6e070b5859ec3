import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from childrights.core.models import AuditEvent
from childrights.poverty.demo import demo_frame
from childrights.poverty.models import Dataset, Measure, Run


@pytest.fixture
def dataset(world, signed_in):
    buffer = io.BytesIO()
    demo_frame(rows=400).write_csv(buffer)
    signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/poverty/upload/",
        {"name": "Survey", "file": SimpleUploadedFile("survey.csv", buffer.getvalue())},
    )
    return Dataset.objects.get()


def _rows(*rows):
    data = {
        "indicators-TOTAL_FORMS": str(len(rows)),
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "56",
    }
    for index, row in enumerate(rows):
        defaults = {"rule": "below", "missing": "deprived"}
        for key, value in {**defaults, **row}.items():
            data[f"indicators-{index}-{key}"] = value
    return data


MEASURE = {
    "name": "Our measure",
    "k": "0.33",
    "age_groups": "0-4, 5-17",
    "child_items": "has_pocket_money, Pocket money\nfamily_holiday, A family holiday",
    **_rows(
        {
            "dimension": "Housing",
            "label": "Overcrowded",
            "column": "people_per_room",
            "rule": "above",
            "threshold": "1.5",
        },
        {"dimension": "Housing", "label": "Own bed", "column": "has_own_bed", "rule": "lacks"},
        {
            "dimension": "Education",
            "label": "Early learning",
            "column": "early_learning",
            "rule": "lacks",
            "age_groups": "0-4",
        },
        {
            "dimension": "Education",
            "label": "Attendance",
            "column": "attendance",
            "rule": "below",
            "threshold": "90",
            "age_groups": "5-17",
        },
        {},
    ),
}


def test_staff_define_a_measure_with_age_groups_and_child_defined_items(world, signed_in):
    client = signed_in(world.member)
    response = client.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = Measure.objects.get()
    definition = measure.definition
    assert [d["slug"] for d in definition["dimensions"]] == ["housing", "education"]
    assert definition["age_groups"][1] == {
        "slug": "5-17",
        "label": "5 to 17",
        "min_age": 5,
        "max_age": 17,
    }
    assert definition["child_items"][0] == {"column": "has_pocket_money", "label": "Pocket money"}
    assert AuditEvent.objects.filter(object_type="poverty.Measure", action="create").exists()


def test_a_measure_with_mistakes_is_explained_and_not_saved(world, signed_in):
    bad = {**MEASURE, "k": "1.5", "age_groups": "young"}
    bad["indicators-0-threshold"] = ""
    page = (
        signed_in(world.member)
        .post(f"/councils/{world.council_a.pk}/poverty/measures/new/", bad)
        .content.decode()
    )
    assert "The poverty cutoff must be 1 or less" in page
    assert "Write each age group as two ages with a dash" in page
    assert "Enter the threshold for this rule" in page
    assert not Measure.objects.exists()


def test_running_a_measure_stores_results_with_the_definition_and_data_fingerprint(
    world, signed_in, dataset, django_capture_on_commit_callbacks
):
    client = signed_in(world.member)
    client.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    measure = Measure.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk, "group_columns": "area"}
        )
    run = Run.objects.get()
    assert response["Location"] == f"/poverty/runs/{run.pk}/"
    assert run.status == Run.Status.DONE, run.error
    assert run.definition == measure.definition
    assert run.data_fingerprint == dataset.fingerprint
    result = run.result
    assert result is not None
    assert result["M0"] == pytest.approx(result["H"] * result["A"])
    assert {row["value"] for row in result["breakdowns"]["area"]} <= {
        "Northbrook Central",
        "Riverside",
        "Hill Top",
        "Old Mill",
        "Eastfield",
    }
    page = client.get(f"/poverty/runs/{run.pk}/").content.decode()
    assert "Adjusted headcount (M0 = H × A)" in page
    assert "<svg" in page
    # The cutoff curve marks the measure's own cutoff.
    assert page.count('class="app-chart__marker"') == 1
    assert "Chosen cutoff: k = 0.33" in page


def test_a_run_needs_every_column_the_measure_reads(world, signed_in, dataset):
    client = signed_in(world.member)
    client.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    measure = Measure.objects.get()
    response = client.post(
        f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk, "group_columns": "ward"}
    )
    assert "The data has no column called ward" in response.content.decode()
    assert not Run.objects.exists()


def test_the_shareable_download_withholds_small_groups_and_rounds_the_rest(
    world, signed_in, dataset, django_capture_on_commit_callbacks
):
    client = signed_in(world.member)
    client.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    measure = Measure.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk, "group_columns": "sex"}
        )
    run = Run.objects.get()
    full = client.get(f"/poverty/runs/{run.pk}/results.csv")
    rows = list(csv.reader(io.StringIO(b"".join(full.streaming_content).decode())))
    assert ["headline", "", "", "children", "400"] in rows
    shared = client.get(f"/poverty/runs/{run.pk}/results.csv", {"disclosure": "on"})
    safe = list(csv.reader(io.StringIO(b"".join(shared.streaming_content).decode())))
    small = [row for row in result_rows_for(run, "sex") if row["n"] < 10]
    assert small, "the demo data has a small 'prefer not to say' group"
    for row in small:
        assert not [r for r in safe if r[0] == "breakdown" and r[2] == str(row["value"])]
    counts = [int(r[4]) for r in safe if r[3] == "children (rounded to 5)"]
    assert counts
    assert all(count % 5 == 0 for count in counts)
    shares = [r[4] for r in safe if r[3] in {"H", "population_share"}]
    assert all(len(share.split(".")[-1]) <= 3 for share in shares if "." in share)
    assert AuditEvent.objects.filter(action="export", object_type="poverty.Run").count() == 2


def test_cells_that_look_like_formulas_are_defused_in_downloads():
    import csv
    import io

    from childrights.core.csv_export import csv_stream
    from childrights.poverty.presenters import result_rows

    result = {
        "n": 3,
        "n_excluded": 0,
        "H": 0.5,
        "A": 0.5,
        "M0": 0.25,
        "se_H": 0.1,
        "se_A": 0.1,
        "se_M0": 0.1,
        "ci_H": [0.1, 0.9],
        "ci_A": [0.1, 0.9],
        "ci_M0": [0.1, 0.9],
        "indicators": [],
        "dimensions": [],
        "k_curve": [],
        "breakdowns": {
            "area": [
                {
                    "value": "=HYPERLINK(1)",
                    "n": 3,
                    "population_share": 1.0,
                    "H": 0.5,
                    "A": 0.5,
                    "M0": 0.25,
                    "contribution_pct": 100.0,
                }
            ]
        },
    }
    download = csv_stream(["a"], result_rows(result, disclosure_control=False), filename_prefix="x")
    rows = list(csv.reader(io.StringIO(download.getvalue().decode())))
    assert all(not cell.startswith("=") for row in rows for cell in row)
    assert any("'=HYPERLINK(1)" in row for row in rows)
    assert list(result_rows(result, disclosure_control=True)) == [
        ["headline", "", "", "all figures", "suppressed"]
    ]


def result_rows_for(run, column):
    assert run.result is not None
    breakdowns = run.result["breakdowns"]
    return breakdowns[column]


def test_another_council_cannot_see_the_measure_or_run(world, signed_in):
    client = signed_in(world.member)
    client.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    measure = Measure.objects.get()
    outsider = signed_in(world.outsider)
    assert outsider.get(f"/poverty/measures/{measure.pk}/").status_code == 404


def test_weights_set_by_hand_must_cover_every_indicator_and_add_up_to_one(world, signed_in):
    client = signed_in(world.member)
    url = f"/councils/{world.council_a.pk}/poverty/measures/new/"
    rows = _rows(
        {
            "dimension": "Housing",
            "label": "Overcrowded",
            "column": "people_per_room",
            "rule": "above",
            "threshold": "1.5",
            "weight": "0.7",
        },
        {
            "dimension": "Play",
            "label": "Safe play",
            "column": "safe_place_to_play",
            "rule": "lacks",
            "weight": "0.2",
        },
    )
    base = {"name": "Weighted", "k": "0.5", "age_groups": "", "child_items": ""}
    refused = client.post(url, {**base, **rows}).content.decode()
    assert "add up to 1" in refused or "sum" in refused
    assert not Measure.objects.exists()
    rows["indicators-1-weight"] = "0.3"
    assert client.post(url, {**base, **rows}).status_code == 302
    definition = Measure.objects.get().definition
    assert [row["weight"] for d in definition["dimensions"] for row in d["indicators"]] == [
        0.7,
        0.3,
    ]


def test_a_bootstrap_can_be_asked_for(
    world, signed_in, dataset, django_capture_on_commit_callbacks
):
    client = signed_in(world.member)
    client.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    measure = Measure.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk, "bootstrap": "on"})
    run = Run.objects.get()
    assert run.result is not None
    assert run.result["bootstrap"]["replicates"] == 200


def test_elected_members_can_read_results_but_not_change_or_run_measures(world, signed_in):
    from childrights.testing.factories import make_user

    signed_in(world.member).post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    measure = Measure.objects.get()
    councillor = signed_in(make_user(role="elected-member", council=world.council_a))
    page = councillor.get(f"/poverty/measures/{measure.pk}/")
    assert page.status_code == 200
    assert "Run the measure" not in page.content.decode()
    assert councillor.post(f"/poverty/measures/{measure.pk}/", {}).status_code == 403
    assert councillor.get(f"/poverty/measures/{measure.pk}/edit/").status_code == 403


def test_deleting_data_removes_its_file_and_is_audited(
    world, signed_in, dataset, django_capture_on_commit_callbacks
):
    stored = dataset.file.path
    client = signed_in(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/poverty/data/{dataset.pk}/delete/")
    assert response.status_code == 302
    assert not Dataset.objects.exists()
    import os

    assert not os.path.exists(stored)
    assert AuditEvent.objects.filter(action="delete", object_type="poverty.Dataset").exists()


def test_sending_the_run_form_twice_queues_one_run(world, signed_in, dataset):
    client = signed_in(world.member)
    client.post(f"/councils/{world.council_a.pk}/poverty/measures/new/", MEASURE)
    measure = Measure.objects.get()
    # Without running the queued callbacks, the first run is still waiting when the second comes.
    client.post(f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk})
    client.post(f"/poverty/measures/{measure.pk}/", {"dataset": dataset.pk})
    assert Run.objects.count() == 1
