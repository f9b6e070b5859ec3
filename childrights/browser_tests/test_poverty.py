"""A council analyst uploads microdata, defines a measure, runs it and reads the results."""

import io
from collections.abc import Callable

import pytest
from playwright.sync_api import FilePayload, expect

from childrights.poverty.demo import demo_frame
from childrights.poverty.models import Measure
from childrights.testing.browser import Visitor
from childrights.testing.factories import PASSWORD, make_council, make_user

pytestmark = pytest.mark.browser


def test_an_analyst_measures_child_poverty_from_an_upload_to_the_results(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    analyst = make_user(role="council-staff", council=council, preferred_language=language)
    buffer = io.BytesIO()
    demo_frame(rows=300).write_csv(buffer)
    page = visitor.page

    visitor.start("/sign-in/", language)
    page.get_by_label(t("Email address"), exact=True).fill(analyst.email)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    visitor.submit(t("Sign in"))
    visitor.goto(f"/councils/{council.pk}/poverty/")
    visitor.follow(page.get_by_role("link", name=t("Upload data")))
    visitor.follow(page.get_by_role("link", name=t("What the file should hold (data dictionary)")))
    expect(page.get_by_role("table")).to_contain_text("household_id")
    visitor.follow(page.get_by_role("link", name=t("Upload data")))

    # A file with a blank line and "NA" for a number: refused line by line, nothing saved,
    # and what was found is shown.
    page.get_by_label(t("Name"), exact=True).fill("School census")
    page.get_by_label(t("File"), exact=True).set_input_files(
        files=[
            FilePayload(
                name="census.csv",
                mimeType="text/csv",
                buffer=b"child_id,age,has_bed\n1,4,1\n\n2,5,NA\n",
            )
        ]
    )
    visitor.submit(t("Check and save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(t("The file was not saved"))
    expect(summary).to_contain_text(
        t("line %(line)s is blank: remove blank lines, as each line is a child").replace(
            "%(line)s", "3"
        )
    )

    page.get_by_label(t("Name"), exact=True).fill("School census")
    page.get_by_label(t("File"), exact=True).set_input_files(
        files=[FilePayload(name="census.csv", mimeType="text/csv", buffer=buffer.getvalue())]
    )
    visitor.submit(t("Check and save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The data has been checked and saved.")
    )

    expect(page.get_by_role("table")).to_contain_text(t("Whole number"))
    visitor.follow(page.get_by_role("link", name=t("Define a measure")))
    page.locator("#id_indicators-0-label").fill("Overcrowded")
    visitor.submit(t("Save measure"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(t("Enter a name for the measure"))
    expect(summary).to_contain_text(t("Give each indicator a dimension, a name and a column"))
    page.get_by_label(t("Name of the measure")).fill("Aberfield measure")
    page.get_by_label(t("Poverty cutoff (k)")).fill("1/2")
    page.locator("#id_indicators-0-dimension").fill("Housing")
    page.locator("#id_indicators-0-label").fill("Overcrowded")
    page.locator("#id_indicators-0-column").select_option("people_per_room")
    page.locator("#id_indicators-0-rule").select_option("above")
    page.locator("#id_indicators-0-threshold").fill("1.5")
    page.locator("#id_indicators-0-missing").select_option("exclude")
    page.locator("#id_indicators-1-dimension").fill("Play")
    page.locator("#id_indicators-1-label").fill("Safe place to play")
    page.locator("#id_indicators-1-column").select_option("safe_place_to_play")
    page.locator("#id_indicators-1-rule").select_option("lacks")
    visitor.submit(t("Save measure"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Choose what to do when a child's value is missing")
    )
    page.locator("#id_indicators-1-missing").select_option("deprived")
    visitor.submit(t("Save measure"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aberfield measure")

    page.get_by_label(t("Break down by (optional)")).fill("area")
    visitor.submit(t("Run"))
    expect(page.get_by_role("heading", level=2, name=t("Headline"))).to_be_visible()
    expect(page.get_by_role("img", name=t("Poverty at every cutoff"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Riverside")
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        t("Used: the “%(column)s” column").replace("%(column)s", "weight")
    )

    # A run that cannot succeed (no child is in the only age group) says what to change.
    visitor.goto(f"/poverty/measures/{Measure.objects.get().pk}/edit/")
    page.get_by_label(t("Age groups (optional)")).fill("20-25")
    visitor.submit(t("Save measure"))
    visitor.submit(t("Run"))
    expect(page.locator(".govuk-warning-text")).to_contain_text(t("The run failed:"))
    visitor.follow(page.get_by_role("link", name=t("Check the data's columns and types")))
    expect(page.get_by_role("heading", level=1)).to_have_text("School census")
