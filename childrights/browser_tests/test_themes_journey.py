"""A council officer finds the themes of the demo consultation's written answers, merges two,
marks the merged theme as reviewed, puts it under a "you said" theme and publishes: the public
"you said, we did" page then shows the quotes of that theme under it, and only there."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.core.actors import Actor
from childrights.councils.demo import demo_council
from childrights.participation import moderation
from childrights.participation.demo import consultations_demo_load
from childrights.participation.models import Consultation, FeedbackTheme, Theme, ThemeAnswer
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_user

pytestmark = pytest.mark.browser


def test_an_officer_themes_merges_and_publishes_quotes_under_their_theme(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    consultations_demo_load()
    council = demo_council()
    consultation = Consultation.objects.get(council=council, status=Consultation.Status.OPEN)
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    FeedbackTheme.objects.create(
        consultation=consultation,
        title_en="Better places to play",
        title_cy="Lleoedd gwell i chwarae",
        summary_en="You told us what you would change in the parks.",
        summary_cy="Dywedoch chi beth fyddech chi'n ei newid yn y parciau.",
    )
    page = visitor.page
    welsh = language == "cy"

    visitor.sign_in_as(officer)
    visitor.start(f"/consultations/{consultation.pk}/themes/", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Themes in written answers"))
    visitor.submit(t("Find themes"))
    # Tests run tasks at once: the themes are there when the page comes back.
    expect(page.get_by_role("heading", name=t("Themes found"))).to_be_visible()
    found = list(Theme.objects.filter(run__consultation=consultation).order_by("position"))
    assert len(found) >= 2
    into, other = found[0], found[1]
    moved = set(ThemeAnswer.objects.filter(theme=other).values_list("answer_id", flat=True))

    # Merge the second theme into the first, after a confirmation page.
    visitor.follow(page.locator(f"a[href='/written-themes/{into.pk}/merge/']"))
    page.get_by_label(other.name, exact=True).check()
    visitor.submit(t("Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Merge these themes?"))
    visitor.submit(t("Merge the themes"))
    assert not Theme.objects.filter(pk=other.pk).exists()
    assert moved <= set(ThemeAnswer.objects.filter(theme=into).values_list("answer_id", flat=True))
    card = page.locator(f"#theme-{into.pk}")
    expect(card).to_contain_text(t("Not reviewed"))

    # Reviewed, and under the "you said" theme.
    card.get_by_role("button", name=f"{t('Mark as reviewed')} {into.name}").click()
    page.wait_for_load_state()
    visitor.check_page()
    expect(page.locator(f"#theme-{into.pk}")).to_contain_text(t("Reviewed"))
    visitor.follow(page.locator(f"a[href='/written-themes/{into.pk}/you-said/']"))
    page.get_by_label(t("“You said” theme"), exact=True).select_option(
        label="Lleoedd gwell i chwarae" if welsh else "Better places to play"
    )
    visitor.submit(t("Save"))
    expect(page.locator(f"#theme-{into.pk}")).to_contain_text(
        "Lleoedd gwell i chwarae" if welsh else "Better places to play"
    )

    # A moderator has approved, in redacted form, one answer of the merged theme and one of
    # another theme.
    inside = ThemeAnswer.objects.filter(theme=into).select_related("answer").first()
    outside = (
        ThemeAnswer.objects.filter(theme__run=into.run)
        .exclude(theme=into)
        .select_related("answer")
        .first()
    )
    assert inside is not None
    assert outside is not None
    for placed, words in (
        (inside, "Quote from the merged theme"),
        (outside, "Quote from elsewhere"),
    ):
        assert placed.answer is not None
        moderation.quote_decide(
            actor=Actor(person=officer),
            answer=placed.answer,
            status="approved",
            redacted=words,
        )

    # Publish "you said, we did".
    visitor.goto(f"/consultations/{consultation.pk}/feedback/")
    visitor.follow(page.get_by_role("link", name=t("Publish"), exact=True))
    visitor.submit(t("Publish"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    # The public page: the merged theme's quote under its "you said" theme, the other outside it.
    visitor.follow(
        page.get_by_role("link", name=t("See the public page children reach from their receipt"))
    )
    title = "Lleoedd gwell i chwarae" if welsh else "Better places to play"

    def heading_above(words: str) -> str:
        quote = page.locator(f"xpath=//main//blockquote[contains(., '{words}')]")
        expect(quote).to_have_count(1)
        return quote.locator("xpath=preceding-sibling::h3[1]").inner_text()

    assert heading_above("Quote from the merged theme") == title
    assert heading_above("Quote from elsewhere") == t("Some things children wrote")
