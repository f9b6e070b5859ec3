"""A theme's examples on the themes page: its most typical answers, each wording once, since
children often write the same thing."""

from childrights.participation.models import ThemeAnswer
from childrights.participation.tests.themes_support import ANSWERS, themed
from childrights.participation.themes import reads
from childrights.testing.participation import make_response


def test_the_same_wording_is_one_example(world, consultation):
    for text in ANSWERS + ["The swings in the park are broken"] * 4:
        make_response(consultation=consultation, text=text)
    run = themed(consultation, by=world.member)
    placed = ThemeAnswer.objects.filter(
        run=run, answer__text="The swings in the park are broken"
    ).first()
    assert placed is not None
    theme = placed.theme
    # The five of the same wording are the most typical of their theme.
    ThemeAnswer.objects.filter(run=run, answer__text=placed.answer.text).update(
        theme=theme, typicality=1.0
    )

    examples = [placed.answer.text for placed in reads.examples_of(theme=theme)]

    assert examples[0] == "The swings in the park are broken"
    assert len(examples) == len(set(examples))
    assert len(examples) == min(3, len({a.answer.text for a in reads.answers_of(theme=theme)}))
