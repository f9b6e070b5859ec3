"""Answers held for the safeguarding lead (and withdrawn ones) never show on a themes page: they
never enter a run, and one held after a run is left out of every page from then on."""

import pytest

from childrights.participation.models import Response, Theme, ThemeAnswer
from childrights.participation.tests.themes_support import theme_with, themed
from childrights.testing.participation import make_response

HELD = "My dad hits me when he is drunk"
SWINGS = "The swings in the park are broken"


def _pages(client, run):
    urls = [f"/consultations/{run.consultation_id}/themes/"] + [
        f"/written-themes/{theme.pk}/" for theme in Theme.objects.filter(run=run)
    ]
    return "".join(client.get(url).content.decode() for url in urls)


def test_an_answer_held_when_it_was_sent_never_enters_a_run(world, consultation, signed_in):
    make_response(consultation=consultation, text=HELD)
    assert Response.objects.get(answers__text=HELD).flagged
    run = themed(consultation, by=world.member)
    assert not ThemeAnswer.objects.filter(run=run, answer__text=HELD).exists()
    assert "hits me" not in _pages(signed_in(world.member), run)


@pytest.mark.parametrize("how", ["held", "withdrawn"])
def test_an_answer_held_or_withdrawn_after_the_run_is_left_out_of_every_page(
    world, consultation, signed_in, how
):
    run = themed(consultation, by=world.member)
    theme = theme_with(run, SWINGS)
    placed = ThemeAnswer.objects.get(run=run, answer__text=SWINGS)
    size = ThemeAnswer.objects.filter(theme=theme).count()
    client = signed_in(world.member)
    assert SWINGS in _pages(client, run)
    response = Response.objects.filter(answers__text=SWINGS)
    if how == "held":
        response.update(flagged=True)
    else:
        response.update(withdrawn_at=placed.answer.response.created_at)
    pages = _pages(client, run)
    assert SWINGS not in pages
    page = client.get(f"/consultations/{consultation.pk}/themes/").content.decode()
    assert f'<dd class="govuk-summary-list__value">{size - 1}</dd>' in page
    move = f"/written-themes/answers/{placed.pk}/move/"
    other = theme_with(run, "There is too much rubbish and litter everywhere")
    assert client.post(move, {"to": other.pk}).status_code == 404
    assert ThemeAnswer.objects.get(pk=placed.pk).theme_id == theme.pk


def test_answers_held_after_the_run_lend_no_words_to_a_merged_themes_phrases(
    world, consultation, signed_in
):
    held = [
        "We want zorbing in the park",
        "Zorbing would be fun in the park",
        "Can we have zorbing balls",
    ]
    for text in held:
        make_response(consultation=consultation, text=text)
    run = themed(consultation, by=world.member)
    zorbing = theme_with(run, held[0])
    other = Theme.objects.filter(run=run).exclude(pk=zorbing.pk).first()
    Response.objects.filter(answers__text__in=held).update(flagged=True)
    signed_in(world.member).post(
        f"/written-themes/{zorbing.pk}/merge/", {"others": [other.pk], "confirmed": "yes"}
    )
    zorbing.refresh_from_db()
    assert zorbing.phrases
    assert not [phrase for phrase in zorbing.phrases if "zorb" in phrase]
