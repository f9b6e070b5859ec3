from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from childrights.core.models import AuditEvent
from childrights.outcomes.indicators import library_load
from childrights.outcomes.models import IndicatorTarget, Measurement, OutcomeIndicator
from childrights.testing.dates import date_parts

LIBRARY = "care-leavers-in-eet"
GOOD_CSV = (
    "indicator,period_end,value,breakdown,note\n"
    "care-leavers-in-eet,2024-03-31,48.5,,\n"
    "care-leavers-in-eet,2025-03-31,52.25,,Up after the mentoring scheme\n"
    "care-leavers-in-eet,2025-03-31,40,Aged 19,\n"
    "children-in-relative-poverty,2025-03-31,27.1,,\n"
)
BAD_CSV = (
    "indicator,period_end,value\n"
    "care-leavers-in-eet,2024-03-31,48.5\n"
    "care-leavers-in-eet,2025-03-31,fifty\n"
    "care-leavers-in-eet,2026-03-31,55\n"
    "no-such-indicator,2026-03-31,10\n"
)


def _url(world, rest=""):
    return f"/councils/{world.council_a.pk}/indicators/{rest}"


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_library_loads_twice_without_duplicates(db):
    library_load()
    library_load()
    library = OutcomeIndicator.objects.filter(council__isnull=True)
    assert library.count() == 11
    indicator = library.get(slug=LIBRARY)
    assert indicator.principle.slug == "life-survival-and-development"
    assert indicator.theme.slug == "social-work"
    assert sorted(indicator.articles.values_list("number", flat=True)) == [20, 28, 29]
    assert indicator.name_cy


def test_a_good_csv_is_imported_and_audited(world, signed_in):
    client = signed_in(world.member)
    response = client.post(
        _url(world, "import/"), {"file": _upload("values.csv", GOOD_CSV.encode())}
    )
    assert response.status_code == 302
    assert Measurement.objects.filter(council=world.council_a).count() == 4
    total = Measurement.objects.get(indicator__slug=LIBRARY, period_end="2025-03-31", breakdown="")
    assert total.value == Decimal("52.25")
    assert total.note == "Up after the mentoring scheme"
    assert total.entered_by == world.member
    event = AuditEvent.objects.get(detail__import="outcome measurements")
    assert event.council_id == world.council_a.pk
    assert event.detail["created"] == 4


def test_a_good_xlsx_is_imported_and_a_repeated_row_replaces_its_value(world, signed_in):
    client = signed_in(world.member)
    client.post(_url(world, "import/"), {"file": _upload("values.csv", GOOD_CSV.encode())})
    content = _xlsx(
        [
            ["indicator", "period_end", "value"],
            [LIBRARY, "2025-03-31", 60],
            ["children-in-relative-poverty", "2026-03-31", 25.5],
        ]
    )
    response = client.post(_url(world, "import/"), {"file": _upload("values.xlsx", content)})
    assert response.status_code == 302
    replaced = Measurement.objects.get(
        indicator__slug=LIBRARY, period_end="2025-03-31", breakdown=""
    )
    assert replaced.value == Decimal("60")
    assert Measurement.objects.filter(council=world.council_a).count() == 5


def test_a_bad_file_is_refused_with_every_line_and_changes_nothing(world, signed_in):
    client = signed_in(world.member)
    client.post(_url(world, "import/"), {"file": _upload("values.csv", GOOD_CSV.encode())})
    before = list(Measurement.objects.values_list("pk", "value"))
    page = client.post(
        _url(world, "import/"), {"file": _upload("bad.csv", BAD_CSV.encode())}
    ).content.decode()
    assert "Line 3: value must be a number" in page
    assert "Line 5: there is no indicator “no-such-indicator”" in page
    assert list(Measurement.objects.values_list("pk", "value")) == before
    assert not Measurement.objects.filter(period_end="2026-03-31").exists()


def test_a_bad_xlsx_names_its_rows(world, signed_in):
    content = _xlsx([["indicator", "period_end", "value"], [LIBRARY, "31/03/2025", 1]])
    page = (
        signed_in(world.member)
        .post(_url(world, "import/"), {"file": _upload("values.xlsx", content)})
        .content.decode()
    )
    assert "Line 2: period_end must be a date like 2026-03-31" in page
    assert not Measurement.objects.exists()


def test_a_value_entered_by_form_is_saved_audited_and_charted(world, signed_in):
    client = signed_in(world.member)
    url = _url(world, f"{LIBRARY}/")
    for day, value in (("2024-03-31", "48.5"), ("2025-03-31", "52.25")):
        response = client.post(
            url,
            {
                "action": "measurement",
                **date_parts("measurement-period_end", day),
                "measurement-value": value,
                "measurement-breakdown": "",
            },
        )
        assert response.status_code == 302
    assert (
        AuditEvent.objects.filter(object_type="outcomes.Measurement", action="create").count() == 2
    )
    page = client.get(url).content.decode()
    assert "<svg" in page
    assert "<polyline" in page
    assert "48.5%" in page
    assert "52.25%" in page
    assert "31 March 2025" in page


def test_a_bad_measurement_is_explained_and_not_saved(world, signed_in):
    page = (
        signed_in(world.member)
        .post(
            _url(world, f"{LIBRARY}/"),
            {
                "action": "measurement",
                **date_parts("measurement-period_end", "2025-03-31"),
                "measurement-value": "x",
            },
        )
        .content.decode()
    )
    assert "Enter a number, like 42.5" in page
    assert not Measurement.objects.exists()


def _pilot(council, focus="Care leavers' journey to independence"):
    from childrights.testing.factories import make_partnership, make_pilot

    return make_pilot(partnership=make_partnership(council=council), focus_area_en=focus)


def _target_post(pilot, baseline="45", target="60"):
    return {
        "action": "target",
        "target-pilot": str(pilot.pk),
        "target-baseline_value": baseline,
        **date_parts("target-baseline_on", "2024-03-31"),
        "target-target_value": target,
        **date_parts("target-target_on", "2027-03-31"),
    }


def test_a_pilot_picks_an_indicator_with_a_baseline_and_target(world, signed_in):
    pilot = _pilot(world.council_a)
    client = signed_in(world.member)
    url = _url(world, f"{LIBRARY}/")
    client.post(url, _target_post(pilot))
    saved = IndicatorTarget.objects.get(council=world.council_a)
    assert saved.pilot == pilot
    assert saved.target_value == Decimal("60")
    assert AuditEvent.objects.filter(object_type="outcomes.IndicatorTarget").exists()
    page = client.get(url).content.decode()
    assert "45%" in page
    assert "60%" in page
    assert "Care leavers&#x27; journey to independence" in page
    listing = client.get(_url(world)).content.decode()
    assert "Indicators you track" in listing


def test_two_pilots_of_one_council_keep_their_own_targets(world, signed_in):
    first = _pilot(world.council_a)
    from childrights.testing.factories import make_pilot

    second = make_pilot(partnership=first.partnership, focus_area_en="Early years", position=1)
    client = signed_in(world.member)
    url = _url(world, f"{LIBRARY}/")
    client.post(url, _target_post(first, target="60"))
    client.post(url, _target_post(second, target="70"))
    client.post(url, _target_post(first, target="65"))
    targets = dict(IndicatorTarget.objects.values_list("pilot__focus_area_en", "target_value"))
    assert targets == {
        "Care leavers' journey to independence": Decimal("65"),
        "Early years": Decimal("70"),
    }


def test_a_pilot_stops_tracking_an_indicator_and_its_values_stay(world, signed_in):
    pilot = _pilot(world.council_a)
    client = signed_in(world.member)
    url = _url(world, f"{LIBRARY}/")
    client.post(url, _target_post(pilot))
    client.post(
        url,
        {
            "action": "measurement",
            **date_parts("measurement-period_end", "2025-03-31"),
            "measurement-value": "50",
        },
    )
    client.post(url, {"action": "target_remove", "pilot": str(pilot.pk)})
    assert not IndicatorTarget.objects.exists()
    assert Measurement.objects.count() == 1
    assert AuditEvent.objects.filter(
        object_type="outcomes.IndicatorTarget", action=AuditEvent.Action.DELETE
    ).exists()


def test_a_target_cannot_be_set_for_another_councils_pilot(world, signed_in):
    _pilot(world.council_a)
    theirs = _pilot(world.council_b, focus="Their pilot")
    client = signed_in(world.member)
    page = client.post(_url(world, f"{LIBRARY}/"), _target_post(theirs)).content.decode()
    assert "Choose one of this council’s pilots" in page
    assert not IndicatorTarget.objects.exists()


def test_a_council_without_a_pilot_is_told_targets_belong_to_pilots(world, signed_in):
    client = signed_in(world.member)
    page = client.get(_url(world, f"{LIBRARY}/")).content.decode()
    assert "This council has no pilot yet" in page
    assert "Save the baseline and target" not in page
    response = client.post(_url(world, f"{LIBRARY}/"), _target_post(_pilot(world.council_b)))
    assert not IndicatorTarget.objects.exists()
    assert response.status_code == 200


def test_a_computed_indicator_takes_no_typed_or_imported_values(world, signed_in):
    OutcomeIndicator.objects.filter(slug=LIBRARY).update(computed_from="training:social-worker")
    client = signed_in(world.member)
    url = _url(world, f"{LIBRARY}/")
    page = client.get(url).content.decode()
    assert "cannot be typed in or imported" in page
    assert "Save the value" not in page
    response = client.post(
        url,
        {
            "action": "measurement",
            **date_parts("measurement-period_end", "2025-03-31"),
            "measurement-value": "1",
        },
    )
    assert response.status_code == 404
    response = client.post(
        _url(world, "import/"), {"file": _upload("values.csv", GOOD_CSV.encode())}
    )
    assert "is computed from the platform’s own records" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_council_adds_its_own_indicator(world, signed_in):
    client = signed_in(world.member)
    response = client.post(
        _url(world, "new/"),
        {
            "name_en": "Children using the play rangers",
            "definition_en": "Children who took part in a play ranger session.",
            "unit": "number",
            "better": "higher",
            "frequency": "quarterly",
            "breakdowns": "Boys\nGirls\n",
        },
    )
    own = OutcomeIndicator.objects.get(council=world.council_a)
    assert response["Location"] == _url(world, f"{own.slug}/")
    assert own.breakdowns == ["Boys", "Girls"]
    assert AuditEvent.objects.filter(object_type="outcomes.OutcomeIndicator").exists()
    outsider = signed_in(world.outsider)
    assert outsider.get(f"/councils/{world.council_b.pk}/indicators/{own.slug}/").status_code == 404


@pytest.mark.parametrize("path", ["", "new/", "import/", f"{LIBRARY}/"])
def test_outsiders_get_404(world, signed_in, path):
    client = signed_in(world.outsider)
    assert client.get(_url(world, path)).status_code == 404
    assert client.post(_url(world, path)).status_code == 404


def test_members_without_edit_can_look_but_not_change(world, signed_in):
    from childrights.testing.factories import make_user

    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    assert client.get(_url(world)).status_code == 200
    assert client.get(_url(world, f"{LIBRARY}/")).status_code == 200
    assert client.get(_url(world, "import/")).status_code == 403
    assert client.get(_url(world, "new/")).status_code == 403
    response = client.post(
        _url(world, f"{LIBRARY}/"),
        {
            "action": "measurement",
            **date_parts("measurement-period_end", "2025-03-31"),
            "measurement-value": "1",
        },
    )
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_the_demo_council_has_indicators_with_measurements_and_targets(db, tmp_path, monkeypatch):
    from django.core.management import call_command

    from childrights.accounts import demo as accounts_demo
    from childrights.outcomes.models import IndicatorTarget, Measurement

    monkeypatch.setattr(accounts_demo, "DEMO_FILE", tmp_path / "demo-logins.txt")
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    demo = Measurement.objects.filter(council__is_demo=True, indicator__computed_from="")
    assert demo.count() == 16
    targets = IndicatorTarget.objects.filter(council__is_demo=True)
    assert targets.count() == 4
    assert {target.pilot.partnership.council.is_demo for target in targets} == {True}
    entrants = demo.filter(indicator__slug="youth-justice-first-time-entrants").order_by(
        "period_end"
    )
    assert [str(m.value) for m in entrants] == ["4.1000", "3.8000", "3.2000", "2.8000"]
