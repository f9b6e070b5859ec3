"""A sent statement as its recipients read it, and as it goes into the council's case file: an
accessible PDF and JSON for the case system. Each download is marked as exported and audited
(``services.statement_exported``); the words themselves are never written to the audit log."""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childrights.core.actors import Actor
from childrights.core.language import ENGLISH, WELSH, field_text, lang_of, language_code
from childrights.core.pdf import pdf_in_languages
from childrights.councils.models import Nation
from childrights.myviews import due, services
from childrights.myviews.models import Addition, Reading, Reply, Statement
from childrights.myviews.selectors import settings_of
from childrights.myviews.templates_data import wording
from childrights.participation.faces import face_svg

# What each face of the scale means, said beside it (the same words the child saw).
FACE_WORDS = {
    "😞": gettext_lazy("Very unhappy"),
    "🙁": gettext_lazy("Unhappy"),
    "😐": gettext_lazy("OK"),
    "🙂": gettext_lazy("Happy"),
    "😀": gettext_lazy("Very happy"),
}


@dataclass(frozen=True)
class Said:
    """What the child said about one topic."""

    slug: str
    title: str
    face: str
    face_words: str
    text: str

    @property
    def face_svg(self) -> str:
        return face_svg(self.face)


@dataclass(frozen=True)
class Recipient:
    name: str
    role: str


@dataclass(frozen=True)
class StatementView:
    statement: Statement
    title: str
    said: list[Said]
    additions: list[Addition]
    readings: list[Reading]
    recipients: list[Recipient]
    reply: Reply | None
    answer_due: date
    answer_overdue: bool
    kept_until: date
    retention_months: int


def _reply(statement: Statement) -> Reply | None:
    return statement.reply if due.has_reply(statement) else None


def said(statement: Statement, *, language: str) -> list[Said]:
    """The child's words by topic, in the template's order, titled in ``language``."""
    words = wording(
        statement.template,
        age_band=statement.child.age_band,
        simple=statement.with_worker,
        language=language,
    )
    found = []
    for topic in words.topics:
        answer = statement.answers.get(topic.slug)
        if not answer:
            continue
        face = str(answer.get("face") or "")
        found.append(
            Said(
                slug=topic.slug,
                title=topic.title,
                face=face,
                face_words=str(FACE_WORDS.get(face, "")),
                text=str(answer.get("text") or ""),
            )
        )
    return found


def recipients(statement: Statement) -> list[Recipient]:
    roles = {
        allocation.user_id: field_text(allocation.role, "name").text
        for allocation in statement.child.allocations.select_related("role")
    }
    return [
        Recipient(name=person.full_name or person.email, role=roles.get(person.pk, ""))
        for person in statement.recipients.order_by("full_name", "email", "pk")
    ]


def statement_view(statement: Statement, *, language: str | None = None) -> StatementView:
    """Everything a statement's page or PDF shows, in ``language`` (the page's when None)."""
    code = language_code(language)
    settings = settings_of(statement.child.council)
    words = wording(
        statement.template,
        age_band=statement.child.age_band,
        simple=statement.with_worker,
        language=code,
    )
    return StatementView(
        statement=statement,
        title=words.title,
        said=said(statement, language=code),
        additions=list(statement.additions.all()),
        readings=list(statement.readings.select_related("user")),
        recipients=recipients(statement),
        reply=_reply(statement),
        answer_due=due.answer_due(statement, settings),
        answer_overdue=due.answer_overdue(statement, settings, today=timezone.localdate()),
        kept_until=due.kept_until(statement, settings),
        retention_months=settings.retention_months,
    )


def languages_for(statement: Statement) -> tuple[str, ...]:
    """English then Welsh where the council or the child works in Welsh; otherwise the page's."""
    child = statement.child
    if child.council.nation == Nation.WALES or child.language == WELSH:
        return (ENGLISH, WELSH)
    return (language_code(),)


def document_title(statement: Statement) -> str:
    return _("Views of %(name)s for their %(meeting)s, statement %(number)s") % {
        "name": statement.child.chosen_name,
        "meeting": (
            statement.meeting.get_kind_display().lower()
            if statement.meeting
            else _("meeting").lower()
        ),
        "number": statement.pk,
    }


def statement_pdf(statement: Statement) -> bytes:
    return pdf_in_languages(
        "myviews/staff/pdf/statement.html",
        languages=languages_for(statement),
        part=lambda code: render_to_string(
            "myviews/staff/pdf/part.html",
            {
                "view": statement_view(statement, language=code),
                "child": statement.child,
                "council": statement.child.council,
                "document_title": document_title(statement),
            },
        ),
        title=lambda: document_title(statement),
    )


def statement_data(statement: Statement) -> dict[str, Any]:
    """The statement for the council's case system, titles in English and Welsh."""
    child = statement.child
    english = said(statement, language=ENGLISH)
    welsh = {item.slug: item.title for item in said(statement, language=WELSH)}
    reply = _reply(statement)
    meeting = statement.meeting
    return {
        "format": "childrights-myviews-statement",
        "format_version": 1,
        "statement_id": statement.pk,
        "council": {"id": child.council_id, "name": child.council.name},
        "child": {
            "id": child.pk,
            "council_reference": child.council_reference,
            "chosen_name": child.chosen_name,
            "age_band": child.age_band,
            "status": child.status,
        },
        "meeting": (
            {"id": meeting.pk, "kind": meeting.kind, "on": meeting.on.isoformat()}
            if meeting
            else None
        ),
        "template": {"slug": statement.template.slug, "version": statement.template.version},
        "language": lang_of(statement.language),
        "with_worker": statement.with_worker,
        "sent_at": statement.sent_at.isoformat() if statement.sent_at else None,
        "topics": [
            {
                "slug": item.slug,
                "title": {"en": item.title, "cy": welsh.get(item.slug, "")},
                "face": item.face,
                "face_words": FACE_WORDS_EN.get(item.face, ""),
                "text": item.text,
            }
            for item in english
        ],
        "additions": [
            {"text": addition.text, "added_at": addition.added_at.isoformat()}
            for addition in statement.additions.all()
        ],
        "recipients": [
            {"name": person.name, "role": person.role} for person in recipients(statement)
        ],
        "answer_to_child": (
            {"text": reply.text, "written_at": reply.written_at.isoformat()} if reply else None
        ),
        "exported_at": timezone.now().isoformat(),
    }


FACE_WORDS_EN = {
    "😞": "Very unhappy",
    "🙁": "Unhappy",
    "😐": "OK",
    "🙂": "Happy",
    "😀": "Very happy",
}


def statement_json(statement: Statement) -> bytes:
    with translation.override(ENGLISH):
        data = statement_data(statement)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def statement_export(*, actor: Actor, statement: Statement, format: str) -> bytes:
    """The statement as a PDF or JSON file, marked as exported and audited."""
    content = statement_pdf(statement) if format == "pdf" else statement_json(statement)
    services.statement_exported(actor=actor, statement=statement, format=format)
    return content
