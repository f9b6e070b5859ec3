"""Evidence links of a self-assessment rating: a link to one of the platform's own records (an
impact assessment, a commissioning project, a consultation, a training course, an indicator, a
report, another round) is read back as the record it names, and refused when it names no record
of the rating's council. Links to other sites (a council's own documents) stay as they are."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Model, Q
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from childrights.assessments.models import Assessment, Project
from childrights.councils.models import Council
from childrights.outcomes.models import Course, OutcomeIndicator, Report, Round
from childrights.participation.models import Consultation


@dataclass(frozen=True)
class EvidenceLink:
    url: str
    kind: Any = None  # what the record is, for people to read; None for another site
    title: str = ""

    @property
    def is_record(self) -> bool:
        return self.kind is not None


def _title(model: type[Model], field: str) -> Callable[[Council, dict[str, Any]], str | None]:
    key = f"{model._meta.model_name}_id"

    def find(council: Council, kwargs: dict[str, Any]) -> str | None:
        row = model._default_manager.filter(pk=kwargs.get(key), council=council).first()
        return None if row is None else str(getattr(row, field))

    return find


def _indicator(council: Council, kwargs: dict[str, Any]) -> str | None:
    if kwargs.get("council_id") != council.pk:
        return None
    found = OutcomeIndicator.objects.filter(
        Q(council__isnull=True) | Q(council=council), slug=kwargs.get("indicator_slug")
    ).first()
    return None if found is None else found.name_en


def _report(council: Council, kwargs: dict[str, Any]) -> str | None:
    found = Report.objects.filter(pk=kwargs["report_id"], council=council).first()
    return None if found is None else f"{found.period_start} – {found.period_end}"


RECORDS: dict[str, tuple[Any, Callable[[Council, dict[str, Any]], str | None]]] = {
    "assessments:assessment": (_("Impact assessment"), _title(Assessment, "title")),
    "assessments:project": (_("Commissioning project"), _title(Project, "title")),
    "participation:consultation": (_("Consultation"), _title(Consultation, "title_en")),
    "outcomes:training_course": (_("Training course"), _title(Course, "title_en")),
    "outcomes:indicator": (_("Outcome indicator"), _indicator),
    "outcomes:report": (_("Progress report"), _report),
    "outcomes:round": (_("Self-assessment round"), _title(Round, "name")),
}


def _own_path(link: str) -> str | None:
    """The path of a link to this site (relative, or on SITE_URL's host); None for others."""
    if link.startswith("/") and not link.startswith("//"):
        return urlsplit(link).path
    parts = urlsplit(link)
    if parts.netloc and parts.netloc == urlsplit(settings.SITE_URL).netloc:
        return parts.path or "/"
    return None


def evidence_link(*, link: str, council: Council) -> EvidenceLink | None:
    """What a link names: a record of the council, another site, or None when it points into
    the platform at anything that is not one of the council's records."""
    path = _own_path(link)
    if path is None:
        return EvidenceLink(url=link)
    try:
        match = resolve(path)
    except Resolver404:
        return None
    known = RECORDS.get(match.view_name)
    if known is None:
        return None
    kind, find = known
    title = find(council, match.kwargs)
    return None if title is None else EvidenceLink(url=path, kind=kind, title=title)


def evidence_links(*, links: str, council: Council) -> list[EvidenceLink]:
    """Every line of a rating's links, as people should read it; a line that no longer names a
    record (deleted since) is shown as the plain address."""
    shown = []
    for line in (part.strip() for part in links.splitlines()):
        if line:
            shown.append(evidence_link(link=line, council=council) or EvidenceLink(url=line))
    return shown
