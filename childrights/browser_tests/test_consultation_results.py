"""A council officer reads a consultation's results, filters them by age band, downloads them
with disclosure control and records the council's child population."""

import csv
import io
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.participation.models import Question
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user
from childrights.testing.participation import make_consultation, make_response

pytestmark = pytest.mark.browser


def test_an_officer_reads_filters_downloads_and_sets_the_population(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    consultation = make_consultation(council=council)
    for pick, age_band in [(0, "8-11")] * 8 + [(1, "12-15")] * 6:
        make_response(consultation=consultation, pick=pick, age_band=age_band)
    single = consultation.questions.get(kind=Question.Kind.SINGLE)
    question = single.text_cy if language == "cy" else single.text_en
    page = visitor.page

    visitor.sign_in_as(officer)
    visitor.start(f"/consultations/{consultation.pk}/results/", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Results"))
    expect(page.locator("main")).to_contain_text(t("For council staff only: not for publishing"))

    page.get_by_label(t("Show answers from")).select_option(label=t("12 to 15"))
    visitor.submit(t("Show answers"))
    expect(page.get_by_role("img", name=question)).to_be_visible()
    answers = page.get_by_role("table", name=t("Answers to question %(number)s") % {"number": 1})
    expect(answers.get_by_role("row").nth(2)).to_contain_text("6")
    expect(answers.get_by_role("row").nth(2)).to_contain_text("100%")

    visitor.follow(page.get_by_role("link", name=t("Download responses")))
    page.get_by_label(t("CSV"), exact=True).check()
    page.get_by_label(t("Apply disclosure control")).check()
    with page.expect_download() as downloading:
        page.get_by_role("button", name=t("Download"), exact=True).click()
    download = downloading.value
    rows = list(csv.reader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert rows[0][0] == t("Question")
    assert [t("Children who responded"), t("All"), "15"] in rows
    assert all(not row[2].isdigit() or int(row[2]) % 5 == 0 for row in rows[1:])

    visitor.goto(f"/consultations/{consultation.pk}/results/")
    visitor.follow(page.get_by_role("link", name=t("Enter the child population")))
    for band, children in (("8 to 11", "6,000"), ("12 to 15", "4000")):
        label = t("Children aged %(ages)s") % {"ages": t(band)}
        page.get_by_label(label, exact=True).fill(children)
    page.get_by_label(t("Source"), exact=True).fill("ONS mid-2024 population estimates")
    visitor.submit(t("Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The child population has been saved.")
    )
    expect(page.locator("main")).to_contain_text("ONS mid-2024 population estimates")
    expect(page.locator("main")).to_contain_text("60.0%")
