"""A council officer finds the themes in the comments on the council's SEND local offer, in
English and in Welsh: from the comments page to "Themes in comments", where each theme shows
how many comments it holds, its typical phrases and examples; the officer renames one and marks
it as reviewed. A comment held for the safeguarding leads is never shown."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.directory.models import SendComment
from childrights.directory.tests.test_send_comment_themes import COMMENTS, HELD
from childrights.participation.models import Theme
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser


def test_an_officer_finds_renames_and_reviews_the_themes_in_comments(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    for text in COMMENTS:
        SendComment.objects.create(council=council, commenter="parent", text=text)
    SendComment.objects.create(council=council, commenter="child", text=HELD, held=True)
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    page = visitor.page

    visitor.sign_in_as(officer)
    visitor.start(f"/councils/{council.pk}/send-comments/", language)
    visitor.follow(page.get_by_role("link", name=t("Themes in comments")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Themes in comments"))
    visitor.submit(t("Find themes"))
    # Tests run tasks at once: the themes are there when the page comes back.
    expect(page.get_by_role("heading", name=t("Themes found"))).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text(t("Typical phrases"))
    expect(main).not_to_contain_text("my dad hits me")
    theme = Theme.objects.filter(run__source_council=council).order_by("position").first()
    assert theme is not None

    visitor.follow(page.locator(f"a[href$='/themes/{theme.pk}/rename/']"))
    page.get_by_label(t("Name of the theme")).fill("School transport")
    visitor.submit(t("Save the name"))
    card = page.locator(f"#theme-{theme.pk}")
    expect(card.get_by_role("heading")).to_have_text("School transport")
    visitor.submit(t("Mark as reviewed") + " School transport")
    expect(page.locator(f"#theme-{theme.pk}")).to_contain_text(t("Reviewed"))
    theme.refresh_from_db()
    assert theme.reviewed_by == officer
