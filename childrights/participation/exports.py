"""Downloads of a consultation's responses, for the council, as CSV or Excel (XLSX).

Two kinds. The full export has one row per response (not withdrawn), numbered 1 to n: never the
database id or the child's receipt code. Written answers held for the safeguarding lead are not
in it. Once themes have been found in the written answers (``participation.themes``), each
written question's column is followed by one naming the theme each answer sits in. The
protected export, with disclosure control, has no rows for single children at all:
only the tables of ``results.protected_tables`` and how many responded, rounded and with small
groups hidden (``core.disclosure``), and no written answers.

Both are built a chunk of responses at a time: the CSV streams as it is read, and the workbook
is written row by row (openpyxl's write-only mode) to a temporary file. Every cell goes through
``spreadsheet_safe`` last, so a spreadsheet never runs a child's words as a formula. Every
download is audited.
"""

import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import FileResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.csv_export import csv_stream, spreadsheet_safe
from childrights.core.disclosure import stated
from childrights.core.models import AuditEvent
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import localised
from childrights.participation import about_you, results, tallies
from childrights.participation.models import (
    AgeBand,
    Answer,
    Consultation,
    Question,
    Response,
)
from childrights.participation.themes.reads import theme_names_by_answer

CSV, XLSX = "csv", "xlsx"
CHUNK = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Value = str | int


@dataclass(frozen=True)
class Table:
    """A header and rows to come; rows are read only as they are written out."""

    header: list[str]
    rows: Iterator[list[Value]]
    sheet: str


def export_download(
    *, actor: Actor, consultation: Consultation, file_format: str, protected: bool
) -> HttpResponseBase:
    """Audit the download, then answer it with the file."""
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=actor,
        obj=consultation,
        council=consultation.council,
        detail={"format": file_format, "protected": protected},
    )
    if protected:
        table = protected_table(consultation)
    else:
        # Only a designated safeguarding lead may learn which response raised a concern.
        lead = has_capability_in(actor.person, consultation.council_id, "safeguarding")
        table = raw_table(consultation, show_held=lead)
    prefix = f"consultation-{consultation.pk}-{'results' if protected else 'responses'}"
    if file_format == XLSX:
        return xlsx_file(table, filename_prefix=prefix)
    return csv_stream(
        list(table.header),
        (list(row) for row in table.rows),
        filename_prefix=prefix,
    )


# --- one row per response -------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """Everything a row says in words, worked out once in the page's language: rows are read
    later, while the download streams."""

    choices: dict[int, str]
    order: dict[int, int]
    bands: dict[str, str]
    languages: dict[str, str]
    profile: dict[str, dict[str, str]]
    public_link: str
    held: str
    themes: dict[int, str]  # answer id: theme name; empty when no themes have been found


def raw_table(consultation: Consultation, *, show_held: bool = False) -> Table:
    """One row per response. A possible disclosure's written answers are never in it; with
    ``show_held`` (for safeguarding leads) their place says they are held, otherwise it is
    empty, like an answer not given, so nobody else can tell which child raised a concern."""
    tallies.fold(consultation)  # every response sent so far, expanded into answer rows
    questions = results.questions_of(consultation)
    profile_keys = [key for key in consultation.about_you if key in about_you.BY_KEY]
    header = [_("Response"), _("Date sent"), _("Age band"), _("Language"), _("Group")]
    if consultation.identified:
        header.append(_("Name"))
    header += [str(about_you.BY_KEY[key].question) for key in profile_keys]
    themes = theme_names_by_answer(consultation=consultation)
    for question in questions:
        text = localised(question, "text")
        header.append(text)
        if themes and question.kind == Question.Kind.TEXT:
            header.append(_("Theme: %(question)s") % {"question": text})
    words = _Words(
        choices={
            choice.pk: localised(choice, "label")
            for question in questions
            for choice in question.choices.all()
        },
        order={
            choice.pk: place
            for question in questions
            for place, choice in enumerate(question.choices.all())
        },
        bands={band.value: str(band.label) for band in AgeBand},
        languages={"en": _("English"), "cy": _("Welsh")},
        profile={
            key: {value: str(label) for value, label in about_you.BY_KEY[key].options}
            for key in profile_keys
        },
        public_link=_("public link"),
        held=_("[held for the safeguarding lead]") if show_held else "",
        themes=themes,
    )
    return Table(
        header=header,
        rows=_raw_rows(consultation, questions, profile_keys, words),
        sheet=_("Responses"),
    )


def _raw_rows(
    consultation: Consultation, questions: list[Question], profile_keys: list[str], words: _Words
) -> Iterator[list[Value]]:
    responses = (
        Response.objects.filter(consultation=consultation, withdrawn_at__isnull=True)
        .select_related("access_code")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.order_by("pk")),
            "profile",
        )
        .order_by("pk")
    )
    for number, response in enumerate(responses.iterator(chunk_size=CHUNK), start=1):
        row: list[Value] = [
            number,
            timezone.localtime(response.created_at).date().isoformat(),
            words.bands.get(response.age_band, response.age_band),
            words.languages.get(response.language, response.language),
            response.access_code.group_name if response.access_code else words.public_link,
        ]
        if consultation.identified:
            row.append(response.name)
        profile = {answer.field: answer.value for answer in response.profile.all()}
        row += [
            words.profile[key].get(profile[key], profile[key]) if key in profile else ""
            for key in profile_keys
        ]
        given: defaultdict[int, list[Answer]] = defaultdict(list)
        for answer in response.answers.all():
            given[answer.question_id].append(answer)
        for question in questions:
            row.append(_answer_text(question, given[question.pk], response.flagged, words))
            if words.themes and question.kind == Question.Kind.TEXT:
                row.append(_theme_text(given[question.pk], response.flagged, words))
        yield row


def _answer_text(question: Question, answers: list[Answer], flagged: bool, words: _Words) -> str:
    if question.kind == Question.Kind.TEXT:
        text = "\n".join(answer.text for answer in answers if answer.text)
        return words.held if text and flagged else text
    picked = [answer for answer in answers if answer.choice_id is not None]
    if question.kind == Question.Kind.RANKING:
        picked.sort(key=lambda answer: (answer.rank or 0, answer.pk))
        return "; ".join(
            f"{place}. {words.choices.get(answer.choice_id or 0, '')}"
            for place, answer in enumerate(picked, start=1)
        )
    picked.sort(key=lambda answer: words.order.get(answer.choice_id or 0, 0))
    return "; ".join(words.choices.get(answer.choice_id or 0, "") for answer in picked)


def _theme_text(answers: list[Answer], flagged: bool, words: _Words) -> str:
    """The themes the written answers sit in; empty for a held answer, as its text is."""
    if flagged:
        return ""
    names = (words.themes.get(answer.pk, "") for answer in answers if answer.text)
    return "; ".join(dict.fromkeys(name for name in names if name))


# --- the disclosure-controlled tables -------------------------------------------------------


def protected_table(consultation: Consultation) -> Table:
    counts = tallies.counts(consultation)
    not_shown = _("not shown")
    respondents, by_band = results.protected_respondents(consultation, counts=counts)
    tables = results.protected_tables(consultation, counts=counts)
    responded = _("Children who responded")
    answered = _("Children who answered")
    rows: list[list[Value]] = [[responded, _("All"), _shown(respondents, not_shown)]]
    rows += [[responded, label, _shown(count, not_shown)] for label, count in by_band]
    for table in tables:
        text = localised(table.question, "text")
        rows.append([text, answered, _shown(table.total, not_shown)])
        rows += [[text, label, _shown(count, not_shown)] for label, count in table.rows]
    return Table(
        header=[
            _("Question"),
            _("Answer"),
            stated(
                _(
                    "Children (rounded to the nearest %(round_to)s; groups of fewer than "
                    "%(smallest)s not shown)"
                )
            ),
        ],
        rows=iter(rows),
        sheet=_("Results"),
    )


def _shown(count: int | None, not_shown: str) -> Value:
    return not_shown if count is None else count


# --- Excel --------------------------------------------------------------------------------------


def xlsx_cell(value: Value) -> str | int | None:
    """A cell as the workbook stores it: numbers as numbers; text made ``spreadsheet_safe``
    as the last step, exactly as in the CSV."""
    if isinstance(value, int):
        return value
    return spreadsheet_safe(value) or None


def xlsx_file(table: Table, *, filename_prefix: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.sheet[:31])
    sheet.append([xlsx_cell(name) for name in table.header])
    for row in table.rows:
        sheet.append([xlsx_cell(value) for value in row])
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    workbook.save(file)
    file.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{filename_prefix}-{stamp}.xlsx",
        content_type=XLSX_TYPE,
    )
