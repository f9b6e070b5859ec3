"""The SEND local offer, in English and in Welsh, on a small phone too: a parent finds their
council's offer from the home page and comments on a service (a blank comment is refused and
kept nothing); the council's team publishes it with an answer that the public page then shows;
a safeguarding lead reads a held message and keeps it held."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from childrights.core.actors import Actor
from childrights.directory import send_comments
from childrights.directory.models import Need, SendComment
from childrights.directory.tests.test_finder import make_service
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser


def fits_a_small_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide on a 320 px screen"


def test_a_parent_comments_and_the_council_answers_in_public(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    send = Need.objects.get(code="disability-and-send")
    make_service(
        council=council,
        name_en="Short breaks club",
        name_cy="Clwb seibiannau byr",
        needs=[send],
    )
    welsh = language == "cy"
    page = visitor.page
    if welsh:
        page.set_viewport_size({"width": 320, "height": 640})

    def check_width() -> None:
        if welsh:
            fits_a_small_phone(page)

    visitor.start("/", language)
    visitor.follow(
        page.get_by_role(
            "link",
            name=t("Special educational needs and disabilities (SEND): help, and your say on it"),
        )
    )
    check_width()
    visitor.follow(page.get_by_role("link", name="Aberfield City Council"))
    check_width()
    main = page.get_by_role("main")
    expect(main).to_contain_text(t("The council has not published any comments and answers yet."))
    service = "Clwb seibiannau byr" if welsh else "Short breaks club"
    visitor.follow(main.get_by_role("link", name=service))
    check_width()
    visitor.follow(page.get_by_role("link", name=t("Say what you think of this service")))
    check_width()
    expect(page.get_by_label(t("What is your comment about?"))).to_have_value(
        str(council.directory_services.get().pk)
    )
    visitor.submit(t("Send"))
    check_width()
    expect(page.locator(".govuk-error-summary")).to_contain_text(t("Choose who you are"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(t("Write your comment."))
    assert not SendComment.objects.exists()
    page.get_by_label(t("A parent or carer")).check()
    words = (
        "Mae angen mwy o ddyddiau yn y gwyliau" if welsh else "We need more days in the holidays"
    )
    page.get_by_label(t("Your comment"), exact=True).fill(words)
    visitor.submit(t("Send"))
    check_width()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Thank you for your comment"))
    comment = SendComment.objects.get()
    assert comment.text == words
    assert comment.language == ("cy" if welsh else "en")

    # The council's team publishes it with an answer.
    visitor.sign_in_as(make_user(role="council-staff", council=council))
    visitor.goto(f"/councils/{council.pk}/send-comments/")
    check_width()
    hidden = t("comment %(number)s") % {"number": comment.pk}
    visitor.follow(page.get_by_role("link", name=f"{t('Answer')} {hidden}"))
    check_width()
    page.get_by_label(t("Publish it with our answer")).check()
    page.get_by_label(t("Our answer (English)")).fill("Thank you. Others said the same.")
    page.get_by_label(t("Our answer (Welsh)")).fill("Diolch. Dywedodd eraill yr un peth.")
    page.get_by_label(t("In progress")).check()
    page.get_by_label(t("What we will do (English)")).fill("Saturday sessions from April.")
    page.get_by_label(t("What we will do (Welsh)")).fill("Sesiynau dydd Sadwrn o fis Ebrill.")
    visitor.submit(t("Save"))
    check_width()
    expect(page.get_by_role("main")).to_contain_text(
        t("The comment and your answer are published.")
    )

    visitor.goto(f"/send-local-offers/{council.gss_code}/")
    check_width()
    main = page.get_by_role("main")
    expect(main).to_contain_text(words)
    expect(main).to_contain_text(
        "Diolch. Dywedodd eraill yr un peth." if welsh else "Thank you. Others said the same."
    )
    expect(main).to_contain_text(t("We are doing this"))


def test_words_that_may_tell_of_harm_are_held_and_a_lead_decides(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    service = make_service(
        council=council,
        name_en="Short breaks club",
        needs=[Need.objects.get(code="disability-and-send")],
    )
    lead = make_user(role="safeguarding-lead", council=council)
    page = visitor.page
    if language == "cy":
        page.set_viewport_size({"width": 320, "height": 640})

    # A child writes words that may tell of harm: they are told where to get help now.
    visitor.start(f"/send-local-offers/{council.gss_code}/comment/", language)
    page.get_by_label(t("A child or young person")).check()
    page.get_by_label(t("Your comment"), exact=True).fill("The club is fun but my dad hits me")
    visitor.submit(t("Send"))
    expect(page.get_by_role("main")).to_contain_text(
        t("A person whose job is to keep children safe will read what you wrote.")
    )
    expect(page.get_by_role("main")).to_contain_text("0800 1111")
    comment = SendComment.objects.get()
    assert comment.held
    other = send_comments.send_comment_create(
        council=council,
        service=service,
        commenter="parent",
        text="My uncle hits me at home",
        language="en",
        actor=Actor(client_ip="203.0.113.9"),
    )
    assert other.held

    visitor.sign_in_as(lead)
    visitor.goto("/councils/")
    visitor.follow(
        page.get_by_role(
            "link",
            name=t("Messages about services held for safeguarding – %(council)s")
            % {"council": "Aberfield"},
        )
    )
    if language == "cy":
        fits_a_small_phone(page)
    expect(page.locator("mark").first).to_contain_text("hits me")
    keep = page.get_by_role("button", name=t("Keep it held")).first
    visitor.follow(keep)
    expect(page.get_by_role("main")).to_contain_text(
        t("The message stays held. The directory team will not see it.")
    )
    # Passing words on asks again, on a page of its own.
    visitor.follow(
        page.get_by_role("button", name=t("It tells of no harm: pass it to the directory team"))
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Pass this message to the directory team?")
    )
    visitor.submit(t("Pass it to the directory team"))
    expect(page.get_by_role("main")).to_contain_text(
        t("The message was passed on to the directory team.")
    )
    decided = {c.text: c.held for c in SendComment.objects.all()}
    assert sorted(decided.values()) == [False, True]
    assert all(c.held_reviewed_by == lead for c in SendComment.objects.all())
