"""Helpers for the themes tests: a consultation's written answers in a few made-up themes, and a
run of the model over them (the real model, on a few tens of answers)."""

from django.test import TestCase

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.participation.models import Consultation, Theme, ThemeRun
from childrights.participation.themes.runs import theme_run_start
from childrights.testing.participation import make_response

ANSWERS = [
    # The park's play equipment
    "The swings in the park are broken",
    "We need new swings and a bigger slide",
    "The slide is rusty and the swings are broken",
    "More swings please, there are only two",
    "Mae'r siglenni yn y parc wedi torri",
    "Fix the roundabout and the swings",
    "The climbing frame is too small for us",
    # Litter and bins
    "There is too much rubbish and litter everywhere",
    "We need more bins because of the litter",
    "People leave rubbish on the grass and dog poo",
    "The bins are always full and overflowing",
    "Mae gormod o sbwriel yn y parc",
    "Please clean up the litter by the pond",
    "Dog poo and rubbish all over the field",
    # Feeling safe at night
    "It is too dark at night and I feel scared",
    "We need lights on the path because it is dark",
    "I don't feel safe there after school when it gets dark",
    "Older kids hang around at night and it feels scary",
    "Dw i ddim yn teimlo'n ddiogel yn y parc yn y nos",
    "Put street lights in so it is not so dark",
    "There should be more lights so we feel safe",
]


def themed(consultation: Consultation, *, by: User, themes: int = 3, make: bool = True) -> ThemeRun:
    """Children's written answers sent (``make``: the ones above), and the themes found in
    them (tasks run at once in tests)."""
    for text in ANSWERS if make else []:
        make_response(consultation=consultation, text=text)
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = theme_run_start(actor=Actor(person=by), consultation=consultation, themes=themes)
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.DONE, run.error
    return run


def theme_with(run: ThemeRun, text: str) -> Theme:
    return Theme.objects.filter(run=run, answers__answer__text=text).distinct().get()
