"""A council's directory team loads its postcode table on a small screen: a bad file is refused
line by line and loads nothing, then a good one is loaded and the page says how many."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.directory.models import Postcode
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser

BAD = b"pcds,lat,long\nCF10 1AA,51.481600,-3.179100\nCF10,north,-3.1791\n"
GOOD = "\ufeffpcds,lat,long\nCF10 1AA,51.481600,-3.179100\ncf101ab,51.4822,-3.1785\n".encode()


def test_the_directory_team_loads_its_postcodes_after_a_refused_file(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    lead = make_user(role="council-lead", council=council, preferred_language=language)
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})

    visitor.sign_in_as(lead)
    visitor.start(f"/councils/{council.pk}/services/", language)
    visitor.follow(page.get_by_role("link", name=t("Postcodes for searching by distance")))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"

    upload = page.get_by_label(t("File of postcodes"))
    upload.set_input_files({"name": "bad.csv", "mimeType": "text/csv", "buffer": BAD})
    visitor.submit(t("Check and load"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        t("Line %(line)s: “%(postcode)s” is not a postcode in the right format, like CF10 1AA.")
        % {"line": 3, "postcode": "CF10"}
    )
    expect(summary).to_contain_text(
        t("Line %(line)s: the latitude must be a number, such as 51.481600.") % {"line": 3}
    )
    assert not Postcode.objects.exists()

    upload = page.get_by_label(t("File of postcodes"))
    upload.set_input_files({"name": "good.csv", "mimeType": "text/csv", "buffer": GOOD})
    visitor.submit(t("Check and load"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("Postcodes loaded: %(count)s. They replace any table you loaded before.") % {"count": 2}
    )
    expect(page.locator("#postcode-table")).to_contain_text(
        "Mae eich cyngor wedi llwytho 2 o godau post."
        if language == "cy"
        else "Your council has loaded 2 postcodes."
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"
    assert set(Postcode.objects.values_list("postcode", flat=True)) == {"CF10 1AA", "CF10 1AB"}
