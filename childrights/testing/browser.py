"""The browser-test harness: Debian's Chromium driven by Playwright, with an accessibility check
(axe-core, WCAG 2.2 A and AA) on every document a test loads.

Tests do not navigate the Playwright page directly. They go through a ``Visitor``:
``visitor.goto(path)``, ``visitor.follow(locator)`` and ``visitor.submit(button_name)`` wait for
the new document to load and run axe on it before they return. ``visitor.finish()``, which the
fixture calls after each test, fails the test if a document was loaded without being checked
(say, by a test calling ``page.goto`` itself), if anything was requested from a host other than
the live server, if an asset failed to load, or if a script threw an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import (
    Browser,
    BrowserContext,
    CDPSession,
    Error,
    Locator,
    Page,
    Request,
    Response,
    expect,
    sync_playwright,
)

from childrights.accounts.models import User

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Schemes that never leave the browser: nothing is fetched from a host.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
# WCAG's reflow width (a small phone): no page may scroll sideways on a screen this wide. Every
# page state axe checks is also measured at this width, whatever the test's own screen size.
REFLOW_WIDTH = 320
# The width of the document, or of its body where that alone overflows.
PAGE_WIDTH_SCRIPT = """() => Math.max(
    document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0
)"""
# How long a single step may wait; the pages are small and served from this machine.
TIMEOUT_MS = 10_000

# The language a page should declare in <html lang>, and the label of its switch link, by the
# code in settings.LANGUAGES.
HTML_LANG = {"en-gb": "en", "cy": "cy"}
LANGUAGE_LABELS = {"en-gb": "English", "cy": "Cymraeg"}
# A string on every page, for proof that switching language changes the words on the page.
LANGUAGE_PROOF = "Skip to main content"


@cache
def axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium, closed afterwards. Never downloads a browser."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def translated(message: str, language: str) -> str:
    """``message`` as the server renders it in ``language``: the same catalogue, same process."""
    with translation.override(language):
        return translation.gettext(message)


class AccessibilityError(AssertionError):
    """axe-core found WCAG 2.2 A or AA failures on a page."""


class ReflowError(AssertionError):
    """A page scrolls sideways on a narrow screen (WCAG 2.2 1.4.10 reflow)."""


class HarnessError(AssertionError):
    """A test broke one of the harness's rules (an unchecked page, a request to another host)."""


@dataclass
class LoadedDocument:
    url: str
    checked: bool = False


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown impact'}): "
            f"{violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = ", ".join(json.dumps(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


class Visitor:
    """One person with one browser context, visiting the live server. ``page`` is theirs to
    find things on, fill in and assert about; navigate with this object's methods."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._host = urlsplit(self.base_url).netloc
        self.context: BrowserContext = browser.new_context(
            base_url=self.base_url, bypass_csp=True, locale="en-GB"
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        # axe-core is put into every document as it starts, rather than sent over the wire to
        # each page after it has loaded.
        self.context.add_init_script(script=axe_source())
        self.context.set_default_navigation_timeout(TIMEOUT_MS)
        self.documents: list[LoadedDocument] = []
        self.foreign_requests: list[str] = []
        self.broken_assets: list[str] = []
        self.script_errors: list[str] = []
        self._watched: list[Page] = []
        # Once set, every page checked must declare this language in <html lang>.
        self.language: str | None = None
        self.context.on("request", self._on_request)
        self.context.on("response", self._on_response)
        self.context.on("requestfailed", self._on_request_failed)
        self.context.on("page", self._watch)
        self.page: Page = self.context.new_page()
        self._watch(self.page)
        # A DevTools session on the page, for measuring it on a narrow screen (check_reflow).
        self._devtools: CDPSession | None = None

    # --- recording -------------------------------------------------------------------------

    def _on_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in LOCAL_SCHEMES:
            return
        if parts.scheme not in {"http", "https"} or parts.netloc != self._host:
            self.foreign_requests.append(request.url)

    def _on_response(self, response: Response) -> None:
        # Documents may be error pages on purpose; what they load (CSS, scripts, images) may not.
        if response.status >= 400 and not response.request.is_navigation_request():
            self.broken_assets.append(f"{response.status} {response.url}")

    def _on_request_failed(self, request: Request) -> None:
        failure = request.failure or "failed"
        # A request cut short because the person moved on to another page is not a fault.
        if "ERR_ABORTED" not in failure:
            self.broken_assets.append(f"{failure} {request.url}")

    def _on_page_error(self, error: Error) -> None:
        self.script_errors.append(f"{error.name}: {error.message}")

    def _watch(self, page: Page) -> None:
        """Record every document this page (or a pop-up) loads, and its script errors."""
        if not any(page is watched for watched in self._watched):
            self._watched.append(page)
            page.on("load", self._on_load)
            page.on("pageerror", self._on_page_error)

    def _on_load(self, page: Page) -> None:
        self.documents.append(LoadedDocument(url=page.url))

    # --- navigating --------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path.lstrip("/"))

    def take_session(self, client: Client) -> None:
        """Carry on in this browser from where ``client`` (Django's test client) got to: this
        browser is given the client's session cookie."""
        self.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": self.base_url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )

    def sign_in_as(self, user: User) -> None:
        """Be signed in as ``user`` from the next page on, with their authenticator's code
        entered where they have one (one is made where their role needs it), by taking the
        session of a test client that signed them in: for tests about what staff do once signed
        in. The sign-in pages themselves, and the page they lead to, are loaded and checked by
        the tests that sign in with the form (test_sign_in, test_two_factor, test_staff_pages
        and others)."""
        client = Client()
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None and user.requires_two_factor:
            device = TOTPDevice.objects.create(user=user, name="Test authenticator")
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        self.take_session(client)

    def goto(self, path: str) -> Response:
        """Open ``path`` on the live server and check the page."""
        response = self.page.goto(self.url(path), wait_until="load")
        if response is None:
            raise HarnessError(f"No response for {path}")
        self.check_page()
        return response

    def start(self, path: str, language: str) -> Response:
        """Open ``path``, then switch to ``language`` with the header's link if it is not the
        default. The switch brings the person back to ``path``, whose response is returned."""
        response = self.goto(path)
        if language != settings.LANGUAGE_CODE:
            response = self.switch_language(language)
        return response

    def follow(self, target: Locator) -> Response:
        """Click a link or button that loads a new document, then check that document."""
        with self.page.expect_navigation(wait_until="load") as navigation:
            target.click()
        response = navigation.value
        if response is None:
            raise HarnessError(f"Clicking {target} loaded no new document")
        self.check_page()
        return response

    def submit(self, button_name: str) -> Response:
        """Press the form button with this accessible name, then check the resulting page."""
        return self.follow(self.page.get_by_role("button", name=button_name, exact=True))

    def switch_language(self, code: str) -> Response:
        """Follow the header's language link, as a person would; the choice is a cookie. Returns
        the response of the page the switch leads back to."""
        label = LANGUAGE_LABELS[code]
        switch = self.page.locator(".govuk-language-navigation")
        self.language = code
        response = self.follow(switch.get_by_role("link", name=label, exact=True))
        expect(self.page.locator("html")).to_have_attribute("lang", HTML_LANG[code])
        # Proof that the text changed too, not just the attribute.
        proof = translated(LANGUAGE_PROOF, code)
        if code != settings.LANGUAGE_CODE and proof == LANGUAGE_PROOF:
            raise HarnessError(
                f"There is no {code} translation of {LANGUAGE_PROOF!r}: compile the catalogue "
                "first (`make test` does, or `python manage.py compilemessages`)."
            )
        expect(self.page.locator(".govuk-skip-link")).to_have_text(proof)
        expect(switch.locator('[aria-current="true"]')).to_have_text(label)
        for other_code, other_label in LANGUAGE_LABELS.items():
            if other_code != code:
                expect(switch.get_by_role("link", name=other_label, exact=True)).to_be_visible()
        return response

    # --- checking ----------------------------------------------------------------------------

    def html_lang(self) -> str | None:
        return self.page.locator("html").get_attribute("lang")

    def check_page(self) -> None:
        """Run axe on the current document; fail on any WCAG 2.2 A/AA violation. Navigation
        methods call this; call it directly to check a state a script brought about."""
        self.page.wait_for_load_state("load")
        url = self.page.url
        loads = [doc for doc in self.documents if doc.url == url]
        if not loads:
            raise HarnessError(f"check_page() on {url}, but no load of that page was recorded")
        for doc in loads:
            doc.checked = True
        results: dict[str, Any] = self.page.evaluate(
            """async (tags) => await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            })""",
            AXE_TAGS,
        )
        if results["violations"]:
            raise AccessibilityError(format_violations(url, results["violations"]))
        self.check_reflow()
        if self.language is not None:
            expected = HTML_LANG[self.language]
            actual = self.html_lang()
            if actual != expected:
                raise AssertionError(f'{url} has <html lang="{actual}">, expected "{expected}"')

    def check_reflow(self) -> None:
        """Fail if the page is wider than a ``REFLOW_WIDTH`` screen (a wide table must scroll in
        its own region instead, or stack). The page is measured at that width, then the screen
        is put back as the test had it. The width is set through the DevTools protocol, as
        Playwright's own ``set_viewport_size`` does but without its other steps: less than half
        the time, on every page a test loads."""
        viewport = self.page.viewport_size
        if viewport is None or viewport["width"] <= REFLOW_WIDTH:
            width: int = self.page.evaluate(PAGE_WIDTH_SCRIPT)
            screen = viewport["width"] if viewport else REFLOW_WIDTH
        else:
            self._screen_width_set(REFLOW_WIDTH, viewport["height"])
            try:
                width = self.page.evaluate(PAGE_WIDTH_SCRIPT)
            finally:
                self._screen_width_set(viewport["width"], viewport["height"])
            screen = REFLOW_WIDTH
        if width > screen:
            raise ReflowError(
                f"{self.page.url} is {width} px wide on a {screen} px screen: it scrolls sideways"
            )

    def _screen_width_set(self, width: int, height: int) -> None:
        if self._devtools is None:
            self._devtools = self.context.new_cdp_session(self.page)
        self._devtools.send(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": height,
                "screenWidth": width,
                "screenHeight": height,
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )

    def finish(self) -> None:
        """Every loaded document was checked, nothing was asked of another host, every asset
        loaded and no script failed."""
        try:
            problems = [
                f"loaded without an accessibility check: {doc.url}"
                for doc in self.documents
                if not doc.checked
            ]
            problems += [
                f"request to a host other than the live server: {url}"
                for url in self.foreign_requests
            ]
            problems += [f"an asset did not load: {asset}" for asset in self.broken_assets]
            problems += [f"a script failed: {error}" for error in self.script_errors]
            if problems:
                raise HarnessError("\n".join(problems))
        finally:
            self.context.close()
