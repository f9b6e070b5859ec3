"""The error pages, in the service's own page shell, with the right status codes."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from pytest_django import Settings

from childrights.testing.browser import Visitor
from childrights.testing.error_urls import BAD_REQUEST_PATH, BROKEN_PATH, FORBIDDEN_PATH

pytestmark = pytest.mark.browser


def assert_error_page(visitor: Visitor, heading: str) -> None:
    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("header")).to_be_visible()
    expect(page.locator("footer")).to_be_visible()
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")


def test_each_error_page_has_its_status_and_the_services_own_shell(
    visitor: Visitor, language: str, t: Callable[[str], str], settings: Settings
) -> None:
    """404 for an unknown address; then, with three URLs that fail on purpose added to the
    project's own (the error handlers stay the project's), 400, 403 and 500."""
    visitor.start("/", language)

    response = visitor.goto("/no-such-page/")
    assert response.status == 404
    assert_error_page(visitor, t("Page not found"))

    settings.ROOT_URLCONF = "childrights.testing.error_urls"
    for path, status, heading in [
        (BAD_REQUEST_PATH, 400, "Sorry, there is a problem with this request"),
        (FORBIDDEN_PATH, 403, "You cannot do that"),
        (BROKEN_PATH, 500, "Sorry, there is a problem with the service"),
    ]:
        response = visitor.goto(path)
        assert response.status == status, path
        assert_error_page(visitor, t(heading))


def test_form_sent_without_its_csrf_cookie_shows_form_could_not_be_sent(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    visitor.start("/sign-in/", language)
    visitor.page.get_by_label(t("Email address"), exact=True).fill("someone@example.org")
    visitor.page.get_by_label(t("Password"), exact=True).fill("anything at all")
    assert "csrftoken" in {cookie.get("name") for cookie in visitor.context.cookies()}
    visitor.context.clear_cookies(name="csrftoken")

    response = visitor.submit(t("Sign in"))

    assert response.status == 403
    assert_error_page(visitor, t("Your form could not be sent"))
