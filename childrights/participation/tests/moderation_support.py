"""Helpers for the moderation tests: a child's written answer as moderation lists it, and the URL
of its page."""

from childrights.participation import tallies
from childrights.participation.models import Answer, Consultation
from childrights.testing.participation import make_response


def _answer(consultation: Consultation, text: str) -> Answer:
    make_response(consultation=consultation, text=text)
    tallies.fold(consultation)  # written out as answer rows, as the moderation list does
    return Answer.objects.get(text=text)


def _url(answer: Answer) -> str:
    return f"/answers/{answer.pk}/moderate/"
