"""The harness measures every page it checks on a 320 px screen, whatever the test's own screen
size, and fails a page that would scroll sideways there (WCAG 2.2 1.4.10 reflow)."""

import pytest

from childrights.testing.browser import ReflowError, Visitor

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Width</title></head>
<body><main><h1>Width</h1>{content}</main></body></html>"""


def serve(visitor: Visitor, path: str, content: str) -> None:
    visitor.page.route(
        visitor.url(path),
        lambda route: route.fulfill(content_type="text/html", body=PAGE.format(content=content)),
    )


def test_a_page_wider_than_a_small_phone_fails_on_a_desktop_screen(visitor: Visitor) -> None:
    serve(visitor, "/too-wide/", '<p style="width: 400px">A paragraph 400 px wide.</p>')
    visitor.page.set_viewport_size({"width": 1280, "height": 800})

    with pytest.raises(ReflowError, match=r"/too-wide/ is 4\d\d px wide on a 320 px screen"):
        visitor.goto("/too-wide/")

    # The test's own screen is put back.
    assert visitor.page.viewport_size == {"width": 1280, "height": 800}


def test_a_page_that_fits_a_small_phone_passes(visitor: Visitor) -> None:
    serve(visitor, "/fits/", '<p style="max-width: 400px">A paragraph up to 400 px wide.</p>')

    visitor.goto("/fits/")

    assert visitor.page.evaluate("() => document.documentElement.scrollWidth") > 320
