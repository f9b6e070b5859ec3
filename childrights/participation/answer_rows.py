"""A child's answers as rows: from the answers a response holds as sent (``Response.sent``) to
``Answer`` and ``ProfileAnswer`` rows, one per choice picked, written text or "about you" answer.

Below both ``submission`` (which stores a possible disclosure's answers as rows at once) and
``tallies`` (which writes out the rest when it counts them), so that neither imports the other
for it.
"""

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from childrights.participation.models import Answer, ProfileAnswer, Question, Response


def answer_rows(
    response_id: int, answers: dict[str, Any], questions: Sequence[Question] | None = None
) -> list[Answer]:
    """One row per choice picked (in the order given: for ranking, the child's order) or one
    row of text. ``rank`` is that order, so exactly one row per answered question has rank 1.
    Answers were checked when they were sent: a text answer holds "text", any other "choices".
    """
    keys = [str(question.pk) for question in questions] if questions else sorted(answers, key=int)
    rows = []
    for key in keys:
        answer = answers.get(key)
        if not answer:
            continue
        if "text" in answer:
            if answer["text"].strip():
                rows.append(
                    Answer(
                        response_id=response_id, question_id=int(key), text=answer["text"], rank=1
                    )
                )
            continue
        for place, choice_id in enumerate(answer["choices"], start=1):
            rows.append(
                Answer(
                    response_id=response_id, question_id=int(key), choice_id=choice_id, rank=place
                )
            )
    return rows


def profile_rows(response_id: int, profile: dict[str, str]) -> list[ProfileAnswer]:
    return [
        ProfileAnswer(response_id=response_id, field=name, value=value)
        for name, value in sorted(profile.items())
    ]


EXPAND_CHUNK = 2000


def chunks(values: Sequence[int], size: int) -> Iterator[list[int]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def expand(response_ids: Sequence[int]) -> int:
    """Write out the answers of these responses that still hold them as sent, as ``Answer`` and
    ``ProfileAnswer`` rows, and empty ``sent``. Returns how many were expanded.

    The caller holds ``tallies.lock`` on their consultation (as a fold does), so no response is
    expanded twice; one already expanded, or withdrawn, holds nothing and is passed over.
    """
    expanded = 0
    for chunk in chunks(response_ids, EXPAND_CHUNK):
        pending = list(
            Response.objects.filter(pk__in=chunk, sent__isnull=False).values_list("pk", "sent")
        )
        if not pending:
            continue
        answers: list[Answer] = []
        profile: list[ProfileAnswer] = []
        for pk, sent in pending:
            stored: dict[str, Any] = sent or {}
            answers += answer_rows(pk, stored.get("answers") or {})
            profile += profile_rows(pk, stored.get("profile") or {})
        Answer.objects.bulk_create(answers, batch_size=5000)
        ProfileAnswer.objects.bulk_create(profile, batch_size=5000)
        Response.objects.filter(pk__in=[pk for pk, _sent in pending]).update(sent=None)
        expanded += len(pending)
    return expanded
