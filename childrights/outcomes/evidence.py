"""Evidence links of a self-assessment rating: a link to one of the platform's own records (an
impact assessment, a commissioning project, a consultation, a training course, an indicator, a
report, another round) is read back as the record it names, and refused when it names no record
of the rating's council. Links to other sites (a council's own documents) stay as they are."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Model, Q
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from childrights.assessments.reporting import assessment_titles, project_titles
from childrights.councils.models import Council
from childrights.outcomes.models import Course, OutcomeIndicator, Rating, Report, Round
from childrights.participation.reporting import consultation_titles


@dataclass(frozen=True)
class EvidenceLink:
    url: str
    kind: Any = None  # what the record is, for people to read; None for another site
    title: str = ""

    @property
    def is_record(self) -> bool:
        return self.kind is not None


Key = Callable[[Council, dict[str, Any]], Any]
Titles = Callable[[Council, set[Any]], dict[Any, str]]


@dataclass(frozen=True)
class Record:
    kind: Any
    key: Key  # what identifies the record in the link's arguments; None if not this council's
    titles: Titles  # every wanted key of the council's records, with its title, in one query


def _argument(name: str) -> Key:
    def key(_council: Council, kwargs: dict[str, Any]) -> Any:
        return kwargs[name]

    return key


def _by_pk(model: type[Model], field: str) -> tuple[Key, Titles]:
    """One of this app's own records, named by the id in the link and titled by ``field``."""

    def titles(council: Council, keys: set[Any]) -> dict[Any, str]:
        rows = model._default_manager.filter(council=council, pk__in=keys)
        return {pk: str(title) for pk, title in rows.values_list("pk", field)}

    return _argument(f"{model._meta.model_name}_id"), titles


def _elsewhere(argument: str, read: Callable[..., dict[int, str]]) -> tuple[Key, Titles]:
    """Another app's record, titled by that app's own read (``<app>.reporting``)."""

    def titles(council: Council, keys: set[Any]) -> dict[Any, str]:
        return read(council=council, ids=keys)

    return _argument(argument), titles


def _indicator_key(council: Council, kwargs: dict[str, Any]) -> Any:
    return kwargs["indicator_slug"] if kwargs.get("council_id") == council.pk else None


def _indicator_titles(council: Council, keys: set[Any]) -> dict[Any, str]:
    rows = OutcomeIndicator.objects.filter(
        Q(council__isnull=True) | Q(council=council), slug__in=keys
    ).values_list("slug", "name_en", "council_id")
    found: dict[Any, str] = {}
    for slug, name, owner in rows:  # the council's own before the library's of the same slug
        if owner is not None or slug not in found:
            found[slug] = name
    return found


def _report_titles(council: Council, keys: set[Any]) -> dict[Any, str]:
    rows = Report.objects.filter(council=council, pk__in=keys)
    return {
        pk: f"{start} – {end}"
        for pk, start, end in rows.values_list("pk", "period_start", "period_end")
    }


RECORDS: dict[str, Record] = {
    "assessments:assessment": Record(
        _("Impact assessment"), *_elsewhere("assessment_id", assessment_titles)
    ),
    "assessments:project": Record(
        _("Commissioning project"), *_elsewhere("project_id", project_titles)
    ),
    "participation:consultation": Record(
        _("Consultation"), *_elsewhere("consultation_id", consultation_titles)
    ),
    "outcomes:training_course": Record(_("Training course"), *_by_pk(Course, "title_en")),
    "outcomes:indicator": Record(_("Outcome indicator"), _indicator_key, _indicator_titles),
    "outcomes:report": Record(_("Progress report"), _by_pk(Report, "pk")[0], _report_titles),
    "outcomes:round": Record(_("Self-assessment round"), *_by_pk(Round, "name")),
}


def _own_path(link: str) -> str | None:
    """The path of a link to this site (relative, or on SITE_URL's host); None for others."""
    if link.startswith("/") and not link.startswith("//"):
        return urlsplit(link).path
    parts = urlsplit(link)
    if parts.netloc and parts.netloc == urlsplit(settings.SITE_URL).netloc:
        return parts.path or "/"
    return None


def _named(link: str, council: Council) -> tuple[str, str, Any] | None:
    """(path, view name, key) of a link into the platform that may name a record."""
    path = _own_path(link)
    if path is None:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return (path, "", None)
    record = RECORDS.get(match.view_name)
    if record is None:
        return (path, "", None)
    return (path, match.view_name, record.key(council, match.kwargs))


def evidence_read(*, lines: Iterable[str], council: Council) -> dict[str, EvidenceLink | None]:
    """What each link names, with one query per kind of record: a record of the council,
    another site, or None when it points into the platform at anything that is not one of the
    council's records."""
    named = {line: _named(line, council) for line in lines}
    wanted: dict[str, set[Any]] = {}
    for found in named.values():
        if found is not None and found[1] and found[2] is not None:
            wanted.setdefault(found[1], set()).add(found[2])
    titles = {
        view_name: RECORDS[view_name].titles(council, keys) for view_name, keys in wanted.items()
    }
    read: dict[str, EvidenceLink | None] = {}
    for line, found in named.items():
        if found is None:
            read[line] = EvidenceLink(url=line)
            continue
        path, view_name, key = found
        title = titles.get(view_name, {}).get(key)
        read[line] = (
            None
            if title is None
            else EvidenceLink(url=path, kind=RECORDS[view_name].kind, title=title)
        )
    return read


def evidence_link(*, link: str, council: Council) -> EvidenceLink | None:
    return evidence_read(lines=[link], council=council)[link]


def _lines(links: str) -> list[str]:
    return [line for line in (part.strip() for part in links.splitlines()) if line]


def evidence_links(*, ratings: Iterable[Rating], council: Council) -> dict[int, list[EvidenceLink]]:
    """Every rating's links, as people should read them, by rating id; a line that no longer
    names a record (deleted since) is shown as the plain address."""
    ratings = list(ratings)
    read = evidence_read(
        lines={line for rating in ratings for line in _lines(rating.links)}, council=council
    )
    return {
        rating.pk: [read[line] or EvidenceLink(url=line) for line in _lines(rating.links)]
        for rating in ratings
    }
