"""The public datasets, each defined once: its fields (name, type, description), where its
records come from (the selector the public pages use) and how it is filtered.

The public API (``api.public``), the CSV files and the Frictionless table schemas of the open data
(``api.open_data``) are all made from these definitions, so the three cannot drift apart. What is
published is never decided here: each dataset reads the selector behind its public page, and the
filters below only narrow what that selector gives.
"""

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from childrights.assessments import register as assessments
from childrights.assessments.models import AssessmentVersion
from childrights.core.disclosure import ROUND_TO, SMALLEST_SHOWN, may_show, round_count
from childrights.councils.models import Council
from childrights.framework import selectors as framework
from childrights.framework.models import FrameworkItem, Principle
from childrights.outcomes.models import Report
from childrights.outcomes.reports import figures as report_figures
from childrights.outcomes.reports import records as reports
from childrights.participation import tallies
from childrights.participation.feedback import public as feedback
from childrights.participation.models import Commitment, FeedbackTheme
from childrights.programme import selectors as programme

FieldType = Literal["string", "integer", "number", "boolean", "date", "datetime", "array"]


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    path: str


OGL = Licence(
    name="OGL-UK-3.0",
    title="Open Government Licence v3.0",
    path="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)
# The framework's words (article summaries, principles, themes, the nations' frameworks as
# described here) are the project's own writing, kept in the repository under its MIT licence.
MIT = Licence(
    name="MIT",
    title="MIT License (the licence of the Rights at the Heart source and its reference data)",
    path="https://opensource.org/license/mit",
)


@dataclass
class Context:
    """What a field may need besides its record: the site's address for links, and counts
    worked out once for many rows."""

    base_url: str
    cache: dict[Any, Any] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    description: str
    get: Callable[[Any, Context], Any]
    required: bool = True  # False: the value may be missing (null in JSON, empty in CSV)
    item_type: Literal["string", "integer"] = "string"  # of an array
    format: str = ""  # Table Schema format, e.g. "uri"


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any  # lazy translation
    description: Any
    licence: Licence
    fields: tuple[Field, ...]
    records: Callable[[], QuerySet[Any]]
    # The lookup from a record to its council's GSS code, when it belongs to one.
    council_lookup: str = ""
    # The lookup of the date a record was published (a date or a date and time), when it has one.
    date_lookup: str = ""
    date_is_datetime: bool = True
    # The fields in its primary key.
    key: tuple[str, ...] = ()
    # Works out, for a page of records at once, what its fields read from ``Context.cache``.
    prepare: Callable[[list[Any], "Context"], None] | None = None

    @property
    def filtered_by_council(self) -> bool:
        return bool(self.council_lookup)

    @property
    def filtered_by_date(self) -> bool:
        return bool(self.date_lookup)

    def found(
        self,
        *,
        council: str = "",
        published_from: datetime.date | None = None,
        published_to: datetime.date | None = None,
    ) -> QuerySet[Any]:
        """The records, narrowed to one council (by GSS code) and to a range of dates."""
        found = self.records()
        if council and self.council_lookup:
            found = found.filter(**{self.council_lookup: council.strip().upper()})
        day = f"{self.date_lookup}__date" if self.date_is_datetime else self.date_lookup
        if published_from and self.date_lookup:
            found = found.filter(**{f"{day}__gte": published_from})
        if published_to and self.date_lookup:
            found = found.filter(**{f"{day}__lte": published_to})
        return found

    def row(self, record: Any, context: Context) -> dict[str, Any]:
        return {each.name: each.get(record, context) for each in self.fields}


def attr(name: str) -> Callable[[Any, Context], Any]:
    """A field read straight from the record (``a__b`` follows relations; None stays None)."""
    parts = name.split("__")

    def get(record: Any, context: Context) -> Any:
        value = record
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return None
        if isinstance(value, Model):
            return str(value)
        return value

    return get


def text(name: str, description: str) -> Field:
    return Field(name, "string", description, attr(name))


def pair(name: str, what: str, *, welsh_optional: bool = True) -> tuple[Field, Field]:
    """An English and Welsh pair of text fields (the Welsh empty where there is none)."""
    return (
        text(f"{name}_en", f"{what}, in English."),
        text(
            f"{name}_cy",
            f"{what}, in Welsh" + (" (empty where there is no Welsh)." if welsh_optional else "."),
        ),
    )


def council_fields(path: str) -> tuple[Field, ...]:
    """The council a record belongs to: its GSS code and names."""
    prefix = f"{path}__" if path else ""
    return (
        Field(
            "council_gss_code",
            "string",
            "The council's GSS code (Government Statistical Service), e.g. W06000015.",
            attr(f"{prefix}gss_code"),
        ),
        Field("council_name", "string", "The council's short name.", attr(f"{prefix}short_name")),
    )


def page_url(make: Callable[[Any], str | None], description: str) -> Field:
    def get(record: Any, context: Context) -> str | None:
        path = make(record)
        return context.url(path) if path else None

    return Field("page_url", "string", description, get, required=False, format="uri")


def slugs(name: str, relation: str, description: str, attribute: str = "slug") -> Field:
    *path, last = relation.split("__")

    def get(record: Any, context: Context) -> list[Any]:
        owner = record
        for part in path:
            owner = getattr(owner, part)
        return sorted(getattr(each, attribute) for each in getattr(owner, last).all())

    return Field(
        name,
        "array",
        description,
        get,
        item_type="integer" if attribute == "number" else "string",
    )


# --- the councils register -------------------------------------------------------------------


def _councils() -> QuerySet[Council]:
    return programme.councils_register()


COUNCILS = Dataset(
    slug="councils",
    title=_("Councils register"),
    description=_(
        "Every UK council, current and former, with its GSS code, names in English (and Welsh "
        "where it has an official Welsh name), type, website and dates."
    ),
    licence=OGL,
    records=_councils,
    council_lookup="gss_code",
    key=("gss_code",),
    fields=(
        text("gss_code", "The council's GSS code (Government Statistical Service)."),
        text("name", "The council's official name."),
        text("short_name", "The name the council is usually known by."),
        Field(
            "name_cy",
            "string",
            "The council's official Welsh name (empty where it has none).",
            attr("name_cy"),
        ),
        Field(
            "short_name_cy",
            "string",
            "The council's usual Welsh name (empty where it has none).",
            attr("short_name_cy"),
        ),
        text("nation", "england, northern-ireland, scotland or wales."),
        text(
            "type",
            "county, district, unitary, metropolitan-borough, london-borough, sui-generis, "
            "council-area, principal-area or district-ni (empty where not known).",
        ),
        Field("website", "string", "The council's website.", attr("website"), format="uri"),
        Field(
            "start_date",
            "date",
            "When the council came into being, where known.",
            attr("start_date"),
            required=False,
        ),
        Field(
            "end_date",
            "date",
            "When the council ceased (empty for a current council).",
            attr("end_date"),
            required=False,
        ),
        Field(
            "successor_gss_code",
            "string",
            "The GSS code of the council that took over from this one, if it ceased.",
            attr("successor__gss_code"),
            required=False,
        ),
    ),
)


# --- the framework -----------------------------------------------------------------------------


ARTICLES = Dataset(
    slug="articles",
    title=_("UNCRC articles"),
    description=_(
        "The 54 articles of the UN Convention on the Rights of the Child, each summarised for "
        "about age 8, for about age 14 and for staff, in English and Welsh."
    ),
    licence=MIT,
    records=lambda: framework.articles(),
    key=("number",),
    fields=(
        Field("number", "integer", "The article's number.", attr("number")),
        *pair("title", "The article's title", welsh_optional=False),
        Field(
            "cluster",
            "string",
            "The reporting cluster it belongs to (a slug).",
            attr("cluster__slug"),
        ),
        Field(
            "general_principle",
            "boolean",
            "Whether it is one of the four general principles.",
            attr("general_principle"),
        ),
        *pair("summary_age_8", "A summary for children of about 8", welsh_optional=False),
        *pair("summary_age_14", "A summary for young people of about 14", welsh_optional=False),
        *pair("summary_staff", "A summary for council staff", welsh_optional=False),
        slugs("principles", "principles", "The programme's principles it is linked to (slugs)."),
    ),
)


def _principles() -> QuerySet[Principle]:
    return framework.principles()


PRINCIPLES = Dataset(
    slug="principles",
    title=_("Principles"),
    description=_("The programme's principles of a child rights approach, with their articles."),
    licence=MIT,
    records=_principles,
    key=("slug",),
    fields=(
        text("slug", "The principle's short name in addresses."),
        *pair("name", "The principle's name", welsh_optional=False),
        *pair("definition", "What it means for a council", welsh_optional=False),
        Field("position", "integer", "Its place in the list.", attr("position")),
        slugs("articles", "articles", "The UNCRC articles linked to it.", attribute="number"),
    ),
)


THEMES = Dataset(
    slug="themes",
    title=_("Themes"),
    description=_("The programme's themes, which pilots and impact assessments are tagged with."),
    licence=MIT,
    records=lambda: framework.themes(),
    key=("slug",),
    fields=(
        text("slug", "The theme's short name in addresses."),
        *pair("name", "The theme's name", welsh_optional=False),
        *pair("description", "What the theme covers", welsh_optional=False),
        Field("position", "integer", "Its place in the list.", attr("position")),
    ),
)


def _framework_items() -> QuerySet[FrameworkItem]:
    """Each nation's framework, one row for each of its items, in the frameworks' order."""
    frameworks = framework.nation_frameworks()
    return (
        FrameworkItem.objects.filter(framework__in=frameworks)
        .select_related("framework")
        .prefetch_related("principles", "articles")
        .order_by("framework__position", "position", "pk")
    )


NATION_FRAMEWORKS = Dataset(
    slug="nation-frameworks",
    title=_("Nation frameworks"),
    description=_(
        "Each UK nation's own framework for children's well-being or rights, one row for each "
        "of its items, with the principles and UNCRC articles each item is linked to."
    ),
    licence=MIT,
    records=_framework_items,
    key=("framework", "slug"),
    fields=(
        Field(
            "framework",
            "string",
            "The framework's short name in addresses.",
            attr("framework__slug"),
        ),
        Field("nation", "string", "The nation whose framework it is.", attr("framework__nation")),
        Field(
            "framework_name_en",
            "string",
            "The framework's name, in English.",
            attr("framework__name_en"),
        ),
        Field(
            "framework_name_cy",
            "string",
            "The framework's name, in Welsh.",
            attr("framework__name_cy"),
        ),
        Field(
            "framework_source_en",
            "string",
            "Where the framework comes from, in English.",
            attr("framework__source_en"),
        ),
        text("slug", "The item's short name in addresses."),
        *pair("name", "The item's name", welsh_optional=False),
        *pair("description", "What the item means"),
        Field("position", "integer", "The item's place in its framework.", attr("position")),
        slugs("principles", "principles", "The programme's principles the item is linked to."),
        slugs(
            "articles", "articles", "The UNCRC articles the item is linked to.", attribute="number"
        ),
    ),
)


# --- the programme's partners --------------------------------------------------------------------


PARTNERS = Dataset(
    slug="partners",
    title=_("Partner councils"),
    description=_(
        "The councils working with the programme, with their status and when they joined."
    ),
    licence=OGL,
    records=lambda: programme.partnerships_listed(),
    council_lookup="council__gss_code",
    key=("slug",),
    fields=(
        text("slug", "The partner's short name in addresses."),
        *council_fields("council"),
        Field("nation", "string", "The council's nation.", attr("council__nation")),
        text("status", "active, completed, withdrawn or unconfirmed."),
        Field(
            "status_date",
            "date",
            "Since when it has had that status.",
            attr("status_date"),
            required=False,
        ),
        Field(
            "joined_on", "date", "When it joined the programme.", attr("joined_on"), required=False
        ),
        Field(
            "phase",
            "string",
            "The programme's phase it joined in (a slug).",
            attr("phase__slug"),
            required=False,
        ),
        page_url(
            lambda partnership: reverse("programme:partner_detail", args=[partnership.slug]),
            "The partner's page on this site.",
        ),
    ),
)


# --- published impact assessments ---------------------------------------------------------------


def _not_demo(found: QuerySet[Any], council: str) -> QuerySet[Any]:
    """Without the records of demonstration councils, which the councils register leaves out
    too: they are for trying the site, not open data."""
    return found.exclude(**{f"{council}__is_demo": True})


def _assessments() -> QuerySet[AssessmentVersion]:
    return _not_demo(
        assessments.published_assessments().prefetch_related("articles", "principles"),
        "assessment__council",
    )


def _assessment_page(version: AssessmentVersion) -> str:
    return reverse(
        "assessments:public_assessment",
        args=[version.assessment.council.gss_code, version.assessment.public_key],
    )


def _assessment_pdf(version: AssessmentVersion, context: Context) -> str:
    return context.url(
        reverse(
            "assessments:public_version_pdf",
            args=[
                version.assessment.council.gss_code,
                version.assessment.public_key,
                version.number,
            ],
        )
    )


IMPACT_ASSESSMENTS = Dataset(
    slug="impact-assessments",
    title=_("Published impact assessments"),
    description=_(
        "Children's rights impact assessments the councils have published, each as its newest "
        "published version."
    ),
    licence=OGL,
    records=_assessments,
    council_lookup="assessment__council__gss_code",
    date_lookup="published_at",
    key=("id",),
    fields=(
        Field(
            "id",
            "string",
            "The assessment's public key, which stays the same across its versions.",
            attr("assessment__public_key"),
        ),
        *council_fields("assessment__council"),
        Field("reference", "string", "The council's own reference.", attr("assessment__reference")),
        Field("title", "string", "What is proposed.", attr("assessment__title")),
        Field("kind", "string", "The type of proposal.", attr("assessment__kind")),
        Field("version", "integer", "The number of the version published.", attr("number")),
        Field("published_at", "datetime", "When this version was published.", attr("published_at")),
        *pair("summary_for_children", "The summary written for children"),
        slugs("themes", "assessment__themes", "The programme's themes it is tagged with."),
        slugs("articles", "articles", "The UNCRC articles it considers.", attribute="number"),
        slugs("principles", "principles", "The programme's principles it considers."),
        page_url(_assessment_page, "The assessment's page on this site."),
        Field(
            "pdf_url", "string", "The published version as a PDF.", _assessment_pdf, format="uri"
        ),
    ),
)


# --- you said, we did ----------------------------------------------------------------------------


def _count_took_part(records: list[FeedbackTheme | Commitment], context: Context) -> None:
    """How many children took part in each consultation of a page of records, in two queries
    for the whole page, read as the counts stand (never folding answers, which takes a lock)."""
    wanted = {
        record.consultation_id
        for record in records
        if ("took_part", record.consultation_id) not in context.cache
    }
    for consultation_id, respondents in tallies.respondents_as_they_stand(wanted).items():
        shown = round_count(respondents) if may_show(respondents) else None
        context.cache[("took_part", consultation_id)] = shown


def _took_part(record: FeedbackTheme | Commitment, context: Context) -> int | None:
    key = ("took_part", record.consultation_id)
    if key not in context.cache:
        _count_took_part([record], context)
    shown: int | None = context.cache[key]
    return shown


def _consultation_fields() -> tuple[Field, ...]:
    return (
        *council_fields("consultation__council"),
        Field(
            "consultation_title_en",
            "string",
            "The consultation's title, in English.",
            attr("consultation__title_en"),
        ),
        Field(
            "consultation_title_cy",
            "string",
            "The consultation's title, in Welsh (empty where there is none).",
            attr("consultation__title_cy"),
        ),
        Field(
            "consultation_closes_on",
            "date",
            "When the consultation closed (or closes).",
            attr("consultation__closes_on"),
        ),
        Field(
            "took_part",
            "integer",
            f"How many children and young people answered, rounded to the nearest {ROUND_TO}; "
            f"empty when fewer than {SMALLEST_SHOWN} did, so that no one can be singled out.",
            _took_part,
            required=False,
        ),
        page_url(
            lambda record: reverse(
                "participation:you_said_we_did", args=[record.consultation.link_key]
            ),
            "The consultation's 'you said, we did' page on this site.",
        ),
    )


YOU_SAID = Dataset(
    slug="you-said",
    title=_("You said: what children told councils"),
    description=_(
        "The themes of what children and young people said in councils' consultations, as "
        "each council published them."
    ),
    licence=OGL,
    records=lambda: _not_demo(feedback.all_published_themes(), "consultation__council"),
    prepare=_count_took_part,
    council_lookup="consultation__council__gss_code",
    date_lookup="published_at",
    key=("id",),
    fields=(
        Field("id", "integer", "The theme's number.", attr("pk")),
        *_consultation_fields(),
        *pair("title", "The theme"),
        *pair("summary", "What children and young people said"),
        Field("published_at", "datetime", "When the theme was published.", attr("published_at")),
    ),
)


def _latest_update(name: str) -> Callable[[Commitment, Context], Any]:
    def get(commitment: Commitment, context: Context) -> Any:
        updates = list(commitment.updates.all())
        return getattr(updates[0], name) if updates else None

    return get


WE_DID = Dataset(
    slug="we-did",
    title=_("We did: what councils committed to"),
    description=_(
        "What councils committed to do after their consultations, how far each commitment has "
        "got and the latest update on it."
    ),
    licence=OGL,
    records=lambda: _not_demo(feedback.all_published_commitments(), "consultation__council"),
    prepare=_count_took_part,
    council_lookup="consultation__council__gss_code",
    date_lookup="published_at",
    key=("id",),
    fields=(
        Field("id", "integer", "The commitment's number.", attr("pk")),
        *_consultation_fields(),
        Field(
            "theme_id",
            "integer",
            "The number of the theme it answers, if any.",
            attr("theme__pk"),
            required=False,
        ),
        *pair("text", "What the council will do"),
        text("status", "planned, in_progress, done or not_doing."),
        *pair("reason", "Why the council is not doing it (empty unless not_doing)"),
        Field(
            "published_at", "datetime", "When the commitment was published.", attr("published_at")
        ),
        Field(
            "latest_update_on",
            "date",
            "The date of its latest update.",
            _latest_update("made_on"),
            required=False,
        ),
        Field(
            "latest_update_en",
            "string",
            "Its latest update, in English.",
            _latest_update("text_en"),
            required=False,
        ),
        Field(
            "latest_update_cy",
            "string",
            "Its latest update, in Welsh.",
            _latest_update("text_cy"),
            required=False,
        ),
    ),
)


# --- progress summaries ------------------------------------------------------------------------


def _headline(report: Report, name: str) -> Any:
    return report_figures.headline(report.figures).get(name)


def _figure(name: str) -> Callable[[Report, Context], Any]:
    def get(report: Report, context: Context) -> Any:
        value = _headline(report, name)
        return None if value is None else Decimal(str(value)) if name.startswith("level") else value

    return get


def _children(report: Report, context: Context) -> int | None:
    children = int(_headline(report, "children") or 0)
    return round_count(children) if may_show(children) else None


def _find_progress_pages(records: list[Report], context: Context) -> None:
    """Each summary's council's progress page, for a page of summaries in one query."""
    wanted = {
        report.council_id
        for report in records
        if report.council_id is not None
        and ("progress_page", report.council_id) not in context.cache
    }
    found = reports.partnerships_of(council_ids=wanted)
    for council_id in wanted:
        partnership = found.get(council_id)
        context.cache[("progress_page", council_id)] = (
            None
            if partnership is None
            else reverse("outcomes:partner_progress", args=[partnership.slug])
        )


def _progress_page(report: Report, context: Context) -> str | None:
    if report.council_id is None:
        return None
    key = ("progress_page", report.council_id)
    if key not in context.cache:
        _find_progress_pages([report], context)
    path: str | None = context.cache[key]
    return context.url(path) if path else None


PROGRESS_SUMMARIES = Dataset(
    slug="progress-summaries",
    title=_("Progress summaries"),
    description=_(
        "Each partner council's latest published summary of its progress: self-assessment, "
        "outcome indicators, children's participation and impact assessments, for a period."
    ),
    licence=OGL,
    records=lambda: _not_demo(reports.published_summaries(), "council"),
    prepare=_find_progress_pages,
    council_lookup="council__gss_code",
    date_lookup="published_at",
    key=("id",),
    fields=(
        Field("id", "integer", "The summary's number.", attr("pk")),
        *council_fields("council"),
        Field("period_start", "date", "The first day of the period.", attr("period_start")),
        Field("period_end", "date", "The last day of the period.", attr("period_end")),
        Field("published_at", "datetime", "When it was published.", attr("published_at")),
        Field(
            "self_assessment_level",
            "number",
            "The mean self-assessment level in the latest round, from 0 (not started) to 3 "
            "(embedded).",
            _figure("level"),
            required=False,
        ),
        Field(
            "self_assessment_change",
            "number",
            "The change in the mean level since the first round in the period.",
            _figure("level_change"),
            required=False,
        ),
        Field("indicators", "integer", "Outcome indicators reported.", _figure("indicators")),
        Field(
            "indicators_on_track",
            "integer",
            "Of those, the indicators met or on track.",
            _figure("indicators_on_track"),
        ),
        Field(
            "consultations",
            "integer",
            "Consultations that opened in the period.",
            _figure("consultations"),
        ),
        Field(
            "children_answered",
            "integer",
            "Children and young people who answered in the period, rounded to the nearest "
            f"{ROUND_TO}; empty when fewer than {SMALLEST_SHOWN}.",
            _children,
            required=False,
        ),
        Field(
            "commitments_made",
            "integer",
            "Commitments made in the period.",
            _figure("commitments_made"),
        ),
        Field(
            "commitments_done",
            "integer",
            "Commitments done by the end of the period.",
            _figure("commitments_done"),
        ),
        Field(
            "commitments_to_date",
            "integer",
            "Commitments made up to the end of the period.",
            _figure("commitments_to_date"),
        ),
        Field(
            "assessments_published",
            "integer",
            "Impact assessments first published in the period.",
            lambda report, context: report.figures["assessments"]["published"],
        ),
        Field(
            "page_url",
            "string",
            "The partner's progress page on this site.",
            _progress_page,
            required=False,
            format="uri",
        ),
    ),
)


DATASETS: tuple[Dataset, ...] = (
    COUNCILS,
    ARTICLES,
    PRINCIPLES,
    THEMES,
    NATION_FRAMEWORKS,
    PARTNERS,
    IMPACT_ASSESSMENTS,
    YOU_SAID,
    WE_DID,
    PROGRESS_SUMMARIES,
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


# --- one value, written the same way in JSON and in CSV ---------------------------------------


def json_value(value: Any) -> Any:
    """A value as the API sends it: dates as ISO 8601, a date and time in UTC to the second."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_value(value: Any) -> str:
    """A value as the CSV holds it: empty for none, true/false, arrays as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(json_value(value))


def rows(dataset: Dataset, records: Iterable[Any], context: Context) -> list[dict[str, Any]]:
    records = list(records)
    if dataset.prepare is not None:
        dataset.prepare(records, context)
    with override("en"):
        return [dataset.row(record, context) for record in records]
