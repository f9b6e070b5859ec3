"""The open data page and the public API's reference, reached from the footer: checked with axe
and on a 320 px phone (the harness measures every page loaded on so narrow a screen), in English
and Welsh."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from childrights.testing.assessments import make_assessment
from childrights.testing.browser import Visitor, translated
from childrights.testing.factories import make_council

pytestmark = pytest.mark.browser


def test_the_reference_is_reached_from_the_footer_and_fits_a_phone(
    visitor: Visitor, language: str, reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    assessment = make_assessment(council=council, title="One youth hub for the whole of Aberfield")
    assessment.versions.update(published_at=timezone.now())
    page = visitor.page
    page.set_viewport_size({"width": 320, "height": 640})
    visitor.start("/", language)

    page.locator("footer").get_by_role("link", name=translated("Open data", language)).click()
    visitor.check_page()
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(translated("Open data", language))
    main.get_by_role("link", name=translated("Public API reference", language)).click()
    visitor.check_page()
    expect(main.get_by_role("heading", level=1)).to_have_text(
        translated("Public API reference", language)
    )
    # The example is a real, published record.
    expect(main.locator("#impact-assessments ~ pre").first).to_contain_text(
        "One youth hub for the whole of Aberfield"
    )
