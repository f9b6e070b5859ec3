"""A version of an assessment laid out for people to read: the public page and the PDF.

``version_context`` turns a version's answers into stages, questions and answers (text, lists and
tables) in the active language; ``version_pdf`` draws it as a tagged PDF. Where the council works
in Welsh (a council in Wales, or a bilingual template), the PDF holds the English version and then
the Welsh version, each part in an element carrying its ``lang``.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from childrights.accounts.models import Membership
from childrights.assessments.answers import Question, full_assessment_needed, questions
from childrights.assessments.models import Assessment, AssessmentVersion, CouncilSettings, Review
from childrights.assessments.vocab import (
    DIRECTNESS,
    EVIDENCE_KINDS,
    GROUPS,
    IMPACTS,
    ROW_SETS,
    TERMS,
)
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.pdf import pdf_render
from childrights.councils.models import Nation
from childrights.framework.models import Article, Principle

BILINGUAL_PARTS = ("en-gb", "cy")


@dataclass(frozen=True)
class Text:
    """A piece of text, with ``lang`` set only when it is not in the language around it (English
    shown on a Welsh page because there is no Welsh, say); ``href`` for a web link."""

    text: str
    lang: str = ""
    href: str = ""


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    # Each row: its header cell (the right, the principle, the kind of evidence), then the rest.
    rows: list[tuple[Text, list[Text]]]


@dataclass
class ShownAnswer:
    key: str
    label: Text
    paragraphs: list[Text] = field(default_factory=list)
    items: list[Text] = field(default_factory=list)
    table: Table | None = None

    @property
    def answered(self) -> bool:
        return bool(self.paragraphs or self.items or (self.table and self.table.rows))


@dataclass
class ShownStage:
    key: str
    title: Text
    answers: list[ShownAnswer]
    note: str = ""


def _language() -> str:
    return "cy" if (get_language() or "").startswith("cy") else "en"


def plain_lang() -> str:
    """The ``lang`` to mark text staff wrote in English with: none on an English page."""
    return "en" if _language() == "cy" else ""


def in_language(value: Any) -> Text:
    """A ``{"en", "cy"}`` text in the active language (the other one, marked, when it is
    missing); any other value as it is."""
    if isinstance(value, dict):
        wanted = _language()
        other = "en" if wanted == "cy" else "cy"
        if str(value.get(wanted) or "").strip():
            return Text(str(value[wanted]).strip())
        if str(value.get(other) or "").strip():
            return Text(str(value[other]).strip(), lang=other)
        return Text("")
    if value is None:
        return Text("")
    # Plain text (not a {"en", "cy"} pair) is what staff wrote in English: marked as such on a
    # Welsh page, so that screen readers pronounce it as English.
    return Text(str(value).strip(), lang=plain_lang())


def _label(definition: dict[str, Any], key: str = "label") -> Text:
    return in_language(definition.get(key) or {})


def _date(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    try:
        return formats.date_format(datetime.date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return str(value)


def _web_link(value: Any) -> str:
    link = str(value or "").strip()
    return link if re.match(r"^https?://[^\s]+$", link) else ""


class _Rows:
    """Names of the rows of impact tables, read once per document."""

    def __init__(self) -> None:
        self.articles = {str(article.number): article for article in Article.objects.all()}
        self.principles = {principle.slug: principle for principle in Principle.objects.all()}

    def caption(self, kind: str) -> str:
        if kind == "uncrc":
            return _("The impact on each UNCRC article, and how a negative impact is reduced")
        if kind == "principles":
            return _("The impact on each principle, and how a negative impact is reduced")
        return _("The impact on each wellbeing indicator, and how a negative impact is reduced")

    def header(self, kind: str) -> str:
        if kind == "uncrc":
            return _("UNCRC article")
        if kind == "principles":
            return _("Principle")
        return _("Wellbeing indicator")

    def name(self, kind: str, key: str) -> Text:
        if kind == "uncrc" and key in self.articles:
            article = self.articles[key]
            title = in_language({"en": article.title_en, "cy": article.title_cy})
            return Text(
                _("Article %(number)s: %(title)s") % {"number": key, "title": title.text},
                lang=title.lang,
            )
        if kind == "principles" and key in self.principles:
            principle = self.principles[key]
            return in_language({"en": principle.name_en, "cy": principle.name_cy})
        if kind in ROW_SETS and key in ROW_SETS[kind]:
            return Text(str(ROW_SETS[kind][key]))
        return Text(key)

    def order(self, kind: str, keys: list[str]) -> list[str]:
        if kind == "uncrc":
            return sorted(keys, key=lambda key: int(key) if key.isdigit() else 999)
        if kind == "principles":
            positions = {slug: p.position for slug, p in self.principles.items()}
            return sorted(keys, key=lambda key: positions.get(key, 999))
        if kind in ROW_SETS:
            known = list(ROW_SETS[kind])
            return sorted(keys, key=lambda key: known.index(key) if key in known else 999)
        return keys


def _vocab(words: dict[str, Any], key: Any) -> Text:
    return Text(str(words[key])) if key in words else Text("–" if not key else str(key))


def _impacts(question: Question, value: dict[str, Any], rows: _Rows) -> Table:
    kind = question.rows
    shown = []
    for key in rows.order(kind, [str(key) for key in value]):
        cell = value.get(key) or {}
        shown.append(
            (
                rows.name(kind, key),
                [
                    _vocab(IMPACTS, cell.get("impact")),
                    _vocab(DIRECTNESS, cell.get("directness")),
                    _vocab(TERMS, cell.get("term")),
                    in_language(cell.get("explanation")),
                    in_language(cell.get("mitigation")) if cell.get("mitigation") else Text("–"),
                ],
            )
        )
    return Table(
        caption=rows.caption(kind),
        headers=[
            rows.header(kind),
            _("Impact"),
            _("Direct or indirect"),
            _("Term"),
            _("Explanation"),
            _("Mitigation"),
        ],
        rows=shown,
    )


def _evidence(value: list[Any]) -> Table:
    shown = []
    for item in value:
        if not isinstance(item, dict):
            continue
        link = _web_link(item.get("link"))
        shown.append(
            (
                _vocab(EVIDENCE_KINDS, item.get("kind")),
                [
                    in_language(item.get("description")),
                    Text(link, href=link) if link else Text("–"),
                ],
            )
        )
    return Table(
        caption=_("Each piece of evidence: its kind, what it is, and where to find it"),
        headers=[_("Kind of evidence"), _("Description"), _("Link")],
        rows=shown,
    )


def _extra_groups(assessment: Assessment) -> dict[str, Text]:
    settings = CouncilSettings.objects.filter(council_id=assessment.council_id).first()
    found: dict[str, Text] = {}
    for group in settings.extra_groups if settings else []:
        if isinstance(group, dict) and group.get("key"):
            names = group.get("label") or group.get("name") or group
            found[str(group["key"])] = in_language(names)
        elif isinstance(group, str):
            found[group] = Text(group)
    return found


def _answer(question: Question, value: Any, rows: _Rows, assessment: Assessment) -> ShownAnswer:
    shown = ShownAnswer(key=question.key, label=_label(question.definition))
    if value in (None, "", [], {}):
        return shown
    kind = question.kind
    if kind == "text":
        text = in_language(value)
        shown.paragraphs = [
            Text(paragraph.strip(), lang=text.lang)
            for paragraph in text.text.split("\n\n")
            if paragraph.strip()
        ]
    elif kind == "date":
        shown.paragraphs = [Text(_date(value))]
    elif kind == "choice":
        options = {
            option.get("key"): _label(option) for option in question.definition.get("options", [])
        }
        shown.paragraphs = [options.get(value) or Text(str(value))]
    elif kind == "yes_no" and isinstance(value, dict):
        answer = {"yes": _("Yes"), "no": _("No")}.get(str(value.get("answer")), "")
        reasons = in_language(value.get("reasons"))
        shown.paragraphs = [text for text in (Text(answer), reasons) if text.text]
    elif kind == "groups" and isinstance(value, dict):
        extra = _extra_groups(assessment)
        for key in value.get("selected") or []:
            shown.items.append(
                Text(str(GROUPS[key])) if key in GROUPS else extra.get(key, Text(key))
            )
        other = in_language(value.get("other"))
        if other.text:
            shown.items.append(
                Text(_("Other: %(groups)s") % {"groups": other.text}, lang=other.lang)
            )
    elif kind == "evidence" and isinstance(value, list):
        shown.table = _evidence(value)
    elif kind == "impacts" and isinstance(value, dict):
        shown.table = _impacts(question, value, rows)
    else:
        shown.paragraphs = [in_language(value)]
    return shown


def _stage(
    assessment: Assessment, key: str, answers: dict[str, Any], rows: _Rows
) -> ShownStage | None:
    for stage in assessment.template.definition.get("stages", []):
        if stage.get("key") == key:
            return ShownStage(
                key=key,
                title=_label(stage, "title"),
                answers=[
                    _answer(question, answers.get(question.key), rows, assessment)
                    for question in questions(assessment.template, key)
                ],
            )
    return None


def version_stages(version: AssessmentVersion) -> list[ShownStage]:
    """Screening and full assessment, as answered in this version, in the active language."""
    assessment = version.assessment
    rows = _Rows()
    answers = version.answers or {}
    shown = []
    screening = _stage(assessment, "screening", answers, rows)
    if screening:
        shown.append(screening)
    full = _stage(assessment, "full", answers, rows)
    if (
        full
        and full_assessment_needed(answers) is False
        and not any(answer.answered for answer in full.answers)
    ):
        full.answers = []
        full.note = _("The screening found that a full assessment was not needed.")
    if full:
        shown.append(full)
    return shown


def completed_review(assessment: Assessment) -> tuple[Review, ShownStage] | None:
    """The review after implementation, once it has been completed."""
    review = Review.objects.filter(assessment=assessment, completed_at__isnull=False).first()
    if review is None:
        return None
    stage = _stage(assessment, "review", review.answers or {}, _Rows())
    return (review, stage) if stage else None


def version_status(version: AssessmentVersion) -> str:
    if version.published_at:
        return str(Assessment.State.PUBLISHED.label)
    if version.signed_off_at:
        return str(Assessment.State.SIGNED_OFF.label)
    if version.submitted_at:
        return str(Assessment.State.AWAITING_SIGN_OFF.label)
    return str(Assessment.State.DRAFT.label)


@dataclass(frozen=True)
class Signer:
    name: str
    role: Text


def signer(version: AssessmentVersion) -> Signer | None:
    """Who signed the version off: their name and their role in the council (never email)."""
    person = version.signed_off_by
    if person is None:
        return None
    memberships = list(
        Membership.objects.filter(user=person, council_id=version.assessment.council_id)
        .select_related("role")
        .order_by("role__position")
    )
    chosen = next(
        (each for each in memberships if each.role.grants("sign_off")),
        memberships[0] if memberships else None,
    )
    role = (
        in_language({"en": chosen.role.name_en, "cy": chosen.role.name_cy}) if chosen else Text("")
    )
    return Signer(name=person.full_name or _("A council officer"), role=role)


def summary_for_children(version: AssessmentVersion) -> Text:
    return in_language(
        {"en": version.summary_for_children_en, "cy": version.summary_for_children_cy}
    )


def document_title(version: AssessmentVersion) -> str:
    assessment = version.assessment
    return _("%(reference)s: %(title)s (version %(number)s)") % {
        "reference": assessment.reference,
        "title": assessment.title,
        "number": version.number,
    }


def version_context(version: AssessmentVersion) -> dict[str, Any]:
    """Everything a version's page or PDF shows, in the active language."""
    assessment = version.assessment
    review = completed_review(assessment)
    return {
        "assessment": assessment,
        "council": assessment.council,
        "version": version,
        "document_title": document_title(version),
        "plain_lang": plain_lang(),
        "status": version_status(version),
        "is_draft": version.signed_off_at is None,
        "signer": signer(version),
        "summary": summary_for_children(version),
        "stages": version_stages(version),
        "review": review[0] if review else None,
        "review_stage": review[1] if review else None,
        "review_by": (
            review[0].completed_by.full_name if review and review[0].completed_by else ""
        ),
    }


def is_bilingual(assessment: Assessment) -> bool:
    """The council works in Welsh: a council in Wales, or a bilingual template."""
    return assessment.council.nation == Nation.WALES or assessment.template.bilingual


def pdf_filename(version: AssessmentVersion) -> str:
    reference = re.sub(r"[^A-Za-z0-9._-]+", "-", version.assessment.reference).strip("-")
    return f"{reference or 'assessment'}-v{version.number}.pdf"


def version_pdf(version: AssessmentVersion, *, language: str | None = None) -> bytes:
    """The version as a tagged PDF: English then Welsh where the council works in Welsh,
    otherwise in ``language`` (the active language when not given)."""
    language = language or get_language() or "en-gb"
    language = "cy" if language.startswith("cy") else "en-gb"
    codes = BILINGUAL_PARTS if is_bilingual(version.assessment) else (language,)
    parts = []
    for code in codes:
        with translation.override(code):
            html = render_to_string("assessments/pdf/part.html", version_context(version))
        parts.append({"lang": "cy" if code == "cy" else "en", "html": SafeString(html)})
    with translation.override(codes[0]):
        title = document_title(version)
    return pdf_render(
        "assessments/pdf/version.html",
        {"parts": parts, "document_title": title},
        language=codes[0],
    )


def version_pdf_export(*, actor: Actor, version: AssessmentVersion) -> bytes:
    """A member of the council downloads a version's PDF (drafts too): recorded in the audit
    log."""
    pdf = version_pdf(version)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=actor,
        obj=version.assessment,
        detail={"export": "assessment PDF", "version": version.number},
    )
    return pdf
