"""What the themes bring to other pages: the results page counts the reviewed themes under
disclosure control, and "you said, we did" shows approved quotes under the "you said" theme
their theme was put under, each quote once, and none when too few children took part."""

from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.disclosure import round_count
from childrights.participation import moderation, tallies
from childrights.participation.models import (
    Answer,
    FeedbackTheme,
    Question,
    Theme,
    ThemeAnswer,
    ThemeRun,
)
from childrights.participation.tests.themes_support import ANSWERS, theme_with, themed
from childrights.participation.themes import edits
from childrights.testing.participation import make_response

SWINGS = "The swings in the park are broken"
LITTER = "There is too much rubbish and litter everywhere"


def _results(client, consultation):
    return client.get(f"/consultations/{consultation.pk}/results/").content.decode()


def _section(page):
    return page.split('id="written-themes"')[1]


def test_the_results_page_counts_only_reviewed_themes(world, consultation, signed_in):
    run = themed(consultation, by=world.member)
    actor = Actor(person=world.member)
    swings, litter = theme_with(run, SWINGS), theme_with(run, LITTER)
    merged = edits.theme_merge(actor=actor, into=swings, others=[litter])
    edits.theme_rename(actor=actor, theme=merged, name="Play and litter")
    client = signed_in(world.member)
    assert "No themes in the written answers have been reviewed yet." in _results(
        client, consultation
    )
    edits.theme_review(actor=actor, theme=merged, reviewed=True)
    size = ThemeAnswer.objects.filter(theme=merged).count()
    assert size >= 10
    section = _section(_results(client, consultation))
    assert "Play and litter" in section
    assert f'govuk-table__cell--numeric">{round_count(size)}</td>' in section
    (unreviewed,) = Theme.objects.filter(run=run).exclude(pk=merged.pk)
    assert unreviewed.name not in section


def test_small_counts_on_the_results_page_are_not_shown_nor_their_names(
    world, consultation, signed_in
):
    run = themed(consultation, by=world.member)
    actor = Actor(person=world.member)
    for theme in Theme.objects.filter(run=run):
        edits.theme_rename(actor=actor, theme=theme, name=f"Named theme {theme.pk}")
        edits.theme_review(actor=actor, theme=theme, reviewed=True)
    section = _section(_results(signed_in(world.member), consultation))
    assert section.count(">Not shown</td>") == 1
    assert "Other themes" in section
    assert "Named theme" not in section


def test_the_results_page_counts_children_not_answers(world, consultation, signed_in):
    Question.objects.create(
        consultation=consultation,
        position=consultation.questions.count() + 1,
        kind=Question.Kind.TEXT,
        text_en="Anything else?",
        text_cy="Unrhyw beth arall?",
    )
    for text in ANSWERS * 2:
        make_response(consultation=consultation, text=text)
    run = themed(consultation, by=world.member, make=False)
    actor = Actor(person=world.member)
    for theme in Theme.objects.filter(run=run):
        edits.theme_review(actor=actor, theme=theme, reviewed=True)
    section = _section(_results(signed_in(world.member), consultation))
    swings = theme_with(run, SWINGS)
    placed = ThemeAnswer.objects.filter(theme=swings)
    children = placed.values("answer__response").distinct().count()
    assert placed.count() == 2 * children
    assert f'govuk-table__cell--numeric">{round_count(children)}</td>' in section


def _approve(world, text, redacted):
    answer = Answer.objects.get(text=text)
    moderation.quote_decide(
        actor=Actor(person=world.member), answer=answer, status="approved", redacted=redacted
    )


def _published_under(run, text, world, *, title="Better play areas"):
    you_said = FeedbackTheme.objects.create(
        consultation=run.consultation,
        title_en=title,
        title_cy="Mannau chwarae gwell",
        summary_en="Many of you said the play areas need fixing.",
        summary_cy="Dywedodd llawer ohonoch fod angen trwsio'r mannau chwarae.",
        published_at=timezone.now(),
    )
    theme = theme_with(run, text)
    actor = Actor(person=world.member)
    edits.theme_link(actor=actor, theme=theme, you_said=you_said)
    edits.theme_review(actor=actor, theme=theme, reviewed=True)
    return you_said


def _public(client, consultation):
    return client.get(f"/have-your-say/{consultation.link_key}/you-said-we-did/").content.decode()


def test_quotes_show_under_their_you_said_theme_and_the_rest_below(
    world, consultation, client, signed_in
):
    run = themed(consultation, by=world.member)
    _published_under(run, SWINGS, world)
    _approve(world, SWINGS, "The swings are broken")
    _approve(world, LITTER, "Too much litter")
    page = _public(client, consultation)
    under_theme, rest = page.split("Some things children wrote about this")[1].split(
        "Some things children wrote</h3>"
    )
    assert "“The swings are broken”" in under_theme
    assert "“Too much litter”" not in under_theme
    assert "“Too much litter”" in rest
    assert page.count("The swings are broken") == 1


def test_quotes_of_a_theme_not_reviewed_stay_in_the_general_list(
    world, consultation, client, signed_in
):
    run = themed(consultation, by=world.member)
    _published_under(run, SWINGS, world)
    edits.theme_review(actor=Actor(), theme=theme_with(run, SWINGS), reviewed=False)
    _approve(world, SWINGS, "The swings are broken")
    page = _public(client, consultation)
    assert "Some things children wrote about this" not in page
    assert page.count("“The swings are broken”") == 1


def test_the_staff_feedback_page_shows_the_quotes_under_each_theme(world, consultation, signed_in):
    run = themed(consultation, by=world.member)
    _published_under(run, SWINGS, world)
    _approve(world, SWINGS, "The swings are broken")
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/feedback/")
    assert "1 quote shown with it" in page.content.decode()
    assert "“The swings are broken”" in page.content.decode()


def test_no_quotes_show_under_themes_when_too_few_children_took_part(world, consultation, client):
    """Three children: a run made by hand (the model is not needed to place three answers)."""
    for text in [SWINGS, "The slide is rusty", LITTER]:
        make_response(consultation=consultation, text=text)
    tallies.fold(consultation)
    run = ThemeRun.objects.create(consultation=consultation, status=ThemeRun.Status.DONE)
    theme = Theme.objects.create(run=run, name="Play")
    for answer in Answer.objects.filter(response__consultation=consultation).exclude(text=""):
        ThemeAnswer.objects.create(run=run, theme=theme, answer=answer)
    _published_under(run, SWINGS, world)
    _approve(world, SWINGS, "The swings are broken")
    page = _public(client, consultation)
    assert "Better play areas" in page
    assert "The swings are broken" not in page
    assert "We do not show what children wrote" in page
