"""The error pages, in the service's own page shell, with the right status codes."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from pytest_django import Settings

from childrights.testing.browser import Visitor
from childrights.testing.error_urls import BAD_REQUEST_PATH, BROKEN_PATH, FORBIDDEN_PATH

pytestmark = pytest.mark.browser


@pytest.fixture
def failing_urls(settings: Settings) -> None:
    """Serve the project's URLs, and its error handlers, plus two URLs that fail on purpose."""
    settings.ROOT_URLCONF = "childrights.testing.error_urls"


def assert_error_page(visitor: Visitor, heading: str) -> None:
    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("header")).to_be_visible()
    expect(page.locator("footer")).to_be_visible()
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")


def test_unknown_address_shows_page_not_found(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    visitor.start("/", language)

    response = visitor.goto("/no-such-page/")

    assert response.status == 404
    assert_error_page(visitor, t("Page not found"))


@pytest.mark.usefixtures("failing_urls")
def test_a_bad_request_shows_there_is_a_problem_with_it(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    visitor.start("/", language)

    response = visitor.goto(BAD_REQUEST_PATH)

    assert response.status == 400
    assert_error_page(visitor, t("Sorry, there is a problem with this request"))


@pytest.mark.usefixtures("failing_urls")
def test_forbidden_action_shows_you_cannot_do_that(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    visitor.start("/", language)

    response = visitor.goto(FORBIDDEN_PATH)

    assert response.status == 403
    assert_error_page(visitor, t("You cannot do that"))


@pytest.mark.usefixtures("failing_urls")
def test_server_error_shows_a_problem_with_the_service(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    visitor.start("/", language)

    response = visitor.goto(BROKEN_PATH)

    assert response.status == 500
    assert_error_page(visitor, t("Sorry, there is a problem with the service"))


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
