"""A council officer imports a file of indicator values: a bad file is refused line by line and
changes nothing, then a good one is imported and its values are charted; the council's pilot
then sets its baseline and target for the indicator."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.outcomes.models import IndicatorTarget, Measurement
from childrights.testing.browser import Visitor
from childrights.testing.dates import fill_date
from childrights.testing.factories import (
    make_council,
    make_partnership,
    make_pilot,
    make_user,
)

pytestmark = pytest.mark.browser

BAD = (
    b"indicator,period_end,value\n"
    b"care-leavers-in-eet,2024-03-31,48.5\n"
    b"care-leavers-in-eet,2025-03-31,fifty\n"
    b"care-leavers-in-eet,2026-03-31,55\n"
    b"no-such-indicator,2026-03-31,10\n"
)
GOOD = (
    b"indicator,period_end,value,breakdown\n"
    b"care-leavers-in-eet,2024-03-31,48.5,\n"
    b"care-leavers-in-eet,2025-03-31,52.25,\n"
    b"care-leavers-in-eet,2025-03-31,40,Aged 19\n"
)


def test_an_officer_imports_indicator_values_after_a_refused_file(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    pilot = make_pilot(
        partnership=make_partnership(council=council),
        focus_area_en="Care leavers",
        focus_area_cy="Pobl sy'n gadael gofal",
    )
    page = visitor.page

    visitor.sign_in_as(officer)
    visitor.start(f"/councils/{council.pk}/indicators/", language)
    visitor.follow(page.get_by_role("link", name=t("Import values from a file")))

    upload = page.get_by_label(t("File of measurements"))
    upload.set_input_files({"name": "bad.csv", "mimeType": "text/csv", "buffer": BAD})
    visitor.submit(t("Check and import"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(t("Line %(line)s: value must be a number") % {"line": 3})
    expect(summary).to_contain_text(
        t("Line %(line)s: there is no indicator “%(slug)s”")
        % {"line": 5, "slug": "no-such-indicator"}
    )
    assert not Measurement.objects.exists()

    upload = page.get_by_label(t("File of measurements"))
    upload.set_input_files({"name": "good.csv", "mimeType": "text/csv", "buffer": GOOD})
    visitor.submit(t("Check and import"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The file has been imported: %(created)s new values, %(replaced)s replaced.")
        % {"created": 3, "replaced": 0}
    )
    expect(page.locator("svg.app-chart")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("48.5%")
    expect(table).to_contain_text("52.25%")
    expect(table).to_contain_text("Aged 19")
    assert Measurement.objects.filter(council=council).count() == 3

    page.get_by_label(t("Baseline value")).fill("48.5")
    fill_date(page, t("Date of the baseline"), "2024-03-31", t=t)
    page.get_by_label(t("Target value")).fill("60")
    fill_date(page, t("Date to reach the target by"), "2027-03-31", t=t)
    visitor.submit(t("Save the baseline and target"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The baseline and target have been saved.")
    )
    target = IndicatorTarget.objects.get(council=council)
    assert target.pilot == pilot
    pilots = page.get_by_role("table").filter(has_text="60%").first
    expect(pilots).to_contain_text(pilot.focus_area_cy if language == "cy" else "Care leavers")
