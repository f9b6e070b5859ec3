"""The staff export names the theme each written answer sits in, once themes have been found;
never for an answer held for the safeguarding lead."""

import csv
import io

from childrights.participation.models import Response, Theme
from childrights.participation.tests.themes_support import ANSWERS, theme_with, themed

QUESTION = "Is there anything else you want to tell us?"
SWINGS = "The swings in the park are broken"


def _rows(client, consultation, file_format="csv"):
    response = client.get(
        f"/consultations/{consultation.pk}/export/", {"format": file_format, "protected": "0"}
    )
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_each_written_answer_is_exported_with_its_theme(world, consultation, signed_in):
    run = themed(consultation, by=world.member)
    theme = theme_with(run, SWINGS)
    theme.name = "Play equipment"
    theme.save()
    header, *rows = _rows(signed_in(world.member), consultation)
    answer = header.index(QUESTION)
    assert header[answer + 1] == f"Theme: {QUESTION}"
    assert len(rows) == len(ANSWERS)
    names = set(Theme.objects.filter(run=run).values_list("name", flat=True))
    for row in rows:
        assert row[answer + 1] == theme_with(run, row[answer]).name
        assert row[answer + 1] in names
    assert [row[answer + 1] for row in rows if row[answer] == SWINGS] == ["Play equipment"]


def test_an_answer_held_after_the_themes_were_found_has_no_theme(world, consultation, signed_in):
    themed(consultation, by=world.member)
    Response.objects.filter(answers__text=SWINGS).update(flagged=True)
    header, *rows = _rows(signed_in(world.member), consultation)
    answer = header.index(QUESTION)
    held = [row for row in rows if not row[answer]]
    assert len(held) == 1
    assert held[0][answer + 1] == ""
