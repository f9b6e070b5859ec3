"""A child in care's own views, in English and in Welsh, with axe on every page: a social worker
adds a 12-year-old and gives them their card; the child, on a phone, opens their space with the
code, writes and sends their views to their reviewing officer; the reviewing officer answers;
the child reads the answer, says whether they felt listened to and presses "I don't feel safe",
which reaches the safeguarding leads' queue and the worker's email at once. A younger child
writes theirs in the simpler pages with their worker beside them."""

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from childrights.core.actors import Actor
from childrights.myviews import services
from childrights.myviews.models import Alert, Child, Meeting, Reply, Statement
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_child, make_team

pytestmark = pytest.mark.browser


@pytest.fixture
def open_browser(browser: Browser, live_server: LiveServer) -> Iterator[Callable[[], Visitor]]:
    """More people, each with their own browser, every page they load checked with axe."""
    people: list[Visitor] = []

    def another() -> Visitor:
        person = Visitor(browser, live_server.url)
        people.append(person)
        return person

    yield another
    for person in people:
        person.finish()


def fits_a_small_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"


def test_a_child_sends_views_from_a_phone_is_answered_and_can_say_they_are_not_safe(
    visitor: Visitor,
    open_browser: Callable[[], Visitor],
    language: str,
    t: Callable[[str], str],
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    worker = make_user(
        role="social-worker", council=council, full_name="Kofi Mensah", email="kofi@a.example"
    )
    officer = make_user(
        role="independent-reviewing-officer",
        council=council,
        full_name="Beth Lloyd",
        email="beth@a.example",
    )
    lead = make_user(role="safeguarding-lead", council=council, email="lead@a.example")
    make_team(council=council, name="Children in care team")
    welsh = language == "cy"

    # The social worker adds the child and sees the card to print.
    visitor.sign_in_as(worker)
    page = visitor.page
    visitor.start("/councils/", language)
    visitor.follow(
        page.get_by_role(
            "link", name=t("Children's views – %(council)s") % {"council": "Aberfield"}
        )
    )
    visitor.follow(page.get_by_role("button", name=t("Add a child")))
    visitor.submit(t("Add the child and show the card"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        t("Enter the name the child chose")
    )
    assert not Child.objects.exists()
    page.get_by_label(t("The name the child chose")).fill("Sam")
    page.get_by_label(t("12 to 15")).check()
    page.get_by_label(t("In care"), exact=True).check()
    page.get_by_label(t("Welsh") if welsh else t("English"), exact=True).check()
    page.get_by_label("Children in care team").check()
    visitor.submit(t("Add the child and show the card"))
    child = Child.objects.get()
    code = page.locator(".app-secret-key").first.inner_text()
    link = page.get_by_text(f"/my-views/{child.access_key}/").first.inner_text()
    assert link.endswith(f"/my-views/{child.access_key}/")
    services.allocation_add(
        actor=Actor(person=worker),
        child=child,
        user=officer,
        role=services.work_roles_of(officer, council)[0],
    )
    services.meeting_add(
        actor=Actor(person=worker),
        child=child,
        kind=Meeting.Kind.REVIEW,
        on=timezone.localdate() + timedelta(days=10),
    )

    # The child, on a small phone, opens their space with the code and writes their views.
    young = open_browser()
    young.language = language
    phone = young.page
    phone.set_viewport_size({"width": 320, "height": 640})
    young.goto(f"/my-views/{child.access_key}/")
    fits_a_small_phone(phone)
    phone.get_by_label(t("Your code")).fill("not-my-code-99")
    young.submit(t("Open my space"))
    expect(phone.locator(".govuk-error-summary")).to_be_visible()
    phone.get_by_label(t("Your code")).fill(code.upper())
    young.submit(t("Open my space"))
    fits_a_small_phone(phone)
    young.follow(phone.get_by_role("button", name=t("Write my views")))
    fits_a_small_phone(phone)
    topic = phone.get_by_role("main").get_by_role("link", name=t("Say something")).nth(1)
    young.follow(topic)
    fits_a_small_phone(phone)
    phone.get_by_label(t("Unhappy"), exact=True).check()
    words = "Dw i eisiau gweld fy mrawd yn amlach" if welsh else "I want to see my brother more"
    phone.get_by_role("textbox").fill(words)
    young.submit(t("Save and see all"))
    fits_a_small_phone(phone)
    assert Statement.objects.get().answers == {"family-and-friends": {"face": "🙁", "text": words}}
    young.follow(phone.get_by_role("button", name=t("Check and send")))
    fits_a_small_phone(phone)
    expect(phone.get_by_role("main")).to_contain_text(words)
    phone.get_by_label("Beth Lloyd").check()
    young.submit(t("Send my views"))
    fits_a_small_phone(phone)
    statement = Statement.objects.get()
    assert statement.status == Statement.Status.SENT
    assert list(statement.recipients.all()) == [officer]

    # The reviewing officer reads it and answers in words for the child.
    reviewer = open_browser()
    reviewer.sign_in_as(officer)
    reviewer.start(f"/councils/{council.pk}/children/", language)
    desk = reviewer.page
    reviewer.follow(desk.get_by_role("link", name="Sam").first)
    reviewer.follow(desk.get_by_role("main").locator(f'a[href="/statements/{statement.pk}/"]'))
    expect(desk.get_by_role("main")).to_contain_text(words)
    answer = (
        "Byddi di'n gweld dy frawd bob wythnos."
        if welsh
        else "You will see your brother every week."
    )
    desk.get_by_label(t("What was decided about what the child said")).fill(answer)
    reviewer.submit(t("Save the answer"))
    assert Reply.objects.get().text == answer

    # The child reads the answer, says they felt listened to, then says they do not feel safe.
    young.goto(f"/my-views/{child.access_key}/home/")
    young.follow(phone.locator(f'a[href$="/sent/{statement.pk}/"]').first)
    fits_a_small_phone(phone)
    expect(phone.get_by_role("main")).to_contain_text(answer)
    phone.get_by_label(t("Yes"), exact=True).check()
    young.submit(t("Tell them"))
    assert Reply.objects.get().listened == Reply.Listened.YES
    mail.outbox.clear()
    young.submit(t("I don't feel safe"))
    fits_a_small_phone(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text(t("We have told someone"))
    expect(phone.get_by_role("main")).to_contain_text("0800 1111")
    alert = Alert.objects.get()
    assert alert.source == Alert.Source.BUTTON
    told = {address for message in mail.outbox for address in message.to}
    assert {worker.email, officer.email, lead.email} <= told
    assert all(words not in message.body and "Sam" not in message.body for message in mail.outbox)

    # The designated safeguarding lead finds it in the queue and records what was done.
    keeper = open_browser()
    keeper.sign_in_as(lead)
    keeper.start(f"/councils/{council.pk}/children/alerts/", language)
    keeper.follow(keeper.page.locator(f'a[href="/safety-alerts/{alert.pk}/"]').first)
    expect(keeper.page.get_by_role("main")).to_contain_text("Sam")
    keeper.page.get_by_label(t("The child was contacted and is safe")).check()
    keeper.page.get_by_label(t("What was done")).fill("Called Sam and the carers.")
    keeper.submit(t("Record the decision"))
    alert.refresh_from_db()
    assert alert.outcome == Alert.Outcome.CONTACTED


def test_a_younger_child_writes_views_in_the_simpler_pages_with_their_worker(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    worker = make_user(
        role="social-worker", council=council, full_name="Kofi Mensah", email="kofi@a.example"
    )
    team = make_team(council=council)
    child, _ = make_child(
        council=council,
        team=team,
        worker=worker,
        chosen_name="Mia",
        age_band="4-7",
        simple_mode=True,
        language="cy" if language == "cy" else "en-gb",
    )
    visitor.sign_in_as(worker)
    page = visitor.page
    visitor.start(f"/children/{child.pk}/", language)
    visitor.language = language
    visitor.submit(t("Open the child's space with them"))
    expect(page.get_by_role("button", name=t("I don't feel safe"))).to_be_visible()
    visitor.follow(page.get_by_role("button", name=t("Write my views")))
    visitor.follow(page.get_by_role("main").get_by_role("link", name=t("Say something")).first)
    faces = page.locator("svg.app-face")
    assert faces.count() == 5
    page.get_by_label(t("Very happy"), exact=True).check()
    visitor.submit(t("Save and see all"))
    visitor.follow(page.get_by_role("button", name=t("Check and send")))
    page.get_by_label("Kofi Mensah").check()
    visitor.submit(t("Send my views"))
    statement = Statement.objects.get()
    assert statement.status == Statement.Status.SENT
    assert statement.with_worker
    assert statement.answers == {"where-i-live": {"face": "😀", "text": ""}}
