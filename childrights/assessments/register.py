"""Reads for the public register of published impact assessments.

Only published versions are public: a version is published when ``published_at`` is set. The
register shows, for each assessment, its newest published version; drafts, versions waiting for
sign-off, signed-off versions not yet published, and amendments not yet republished never appear.
Every read is scoped to one council, named by its GSS code.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from childrights.assessments.models import Assessment, AssessmentVersion
from childrights.councils.models import Council

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PAGE_SIZE = 20
# The text answer searched besides the title: what is proposed.
SEARCHED_ANSWER = "proposal"


@dataclass(frozen=True)
class RegisterFilter:
    """What a person narrowed the register to; empty values mean "any"."""

    theme: str = ""
    article: int | None = None
    principle: str = ""
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    words: str = ""


def _published() -> QuerySet[AssessmentVersion]:
    return AssessmentVersion.objects.filter(published_at__isnull=False)


def _newest_published() -> QuerySet[AssessmentVersion]:
    """Each assessment's newest published version, and no other version: a published version
    with no later published one. (Asked as "the number of the newest" for each version, a
    subquery a row, PostgreSQL costed the national register at ten times its JIT threshold and
    spent 48 ms compiling a query that ran in 3.)"""
    later = _published().filter(assessment=OuterRef("assessment"), number__gt=OuterRef("number"))
    return _published().filter(~Exists(later))


class PublishedCount(TypedDict):
    published_count: int


def councils_with_published() -> "QuerySet[WithAnnotations[Council, PublishedCount]]":
    """Councils that have published at least one assessment, each with ``published_count``."""
    return (
        Council.objects.filter(
            Exists(_published().filter(assessment__council=OuterRef("pk"))),
        )
        .annotate(
            published_count=Count(
                "assessments",
                filter=Q(assessments__versions__published_at__isnull=False),
                distinct=True,
            )
        )
        .order_by("short_name", "pk")
    )


def council_by_gss_or_404(*, gss_code: str) -> Council:
    council = Council.objects.filter(gss_code=gss_code.upper()).first()
    if council is None:
        raise Http404
    return council


def _words_match(word: str) -> Q:
    """One word in the title or in the answer about what is proposed (plain or in English or
    Welsh), ignoring case."""
    answer = f"answers__{SEARCHED_ANSWER}"
    # A plain text answer; not an {"en", "cy"} pair, whose JSON text would match "en", "cy" and
    # the quotes and braces around them.
    plain = (
        Q(**{f"{answer}__icontains": word})
        & ~Q(**{f"{answer}__has_key": "en"})
        & ~Q(**{f"{answer}__has_key": "cy"})
    )
    return (
        Q(assessment__title__icontains=word)
        | plain
        | Q(**{f"{answer}__en__icontains": word})
        | Q(**{f"{answer}__cy__icontains": word})
    )


def published_in_council(
    *, council: Council, filters: RegisterFilter | None = None
) -> QuerySet[AssessmentVersion]:
    """The council's published assessments, as their newest published versions, newest first."""
    return published_assessments(council=council, filters=filters)


def published_assessments(
    *, council: Council | None = None, filters: RegisterFilter | None = None
) -> QuerySet[AssessmentVersion]:
    """Published assessments as their newest published versions, newest first: one council's,
    or every council's when ``council`` is None (the open data)."""
    filters = filters or RegisterFilter()
    found = _newest_published()
    if council is not None:
        found = found.filter(assessment__council=council)
    if filters.theme:
        found = found.filter(assessment__themes__slug=filters.theme)
    if filters.article is not None:
        found = found.filter(articles__number=filters.article)
    if filters.principle:
        found = found.filter(principles__slug=filters.principle)
    if filters.published_from:
        found = found.filter(published_at__date__gte=filters.published_from)
    if filters.published_to:
        found = found.filter(published_at__date__lte=filters.published_to)
    for word in filters.words.split()[:10]:
        found = found.filter(_words_match(word))
    return (
        found.select_related("assessment", "assessment__council")
        .prefetch_related("assessment__themes")
        .order_by("-published_at", "-pk")
    )


def published_matching(*, words: list[str]) -> QuerySet[AssessmentVersion]:
    """Every council's published assessments (as their newest published versions) holding every
    word in the title or the answer about what is proposed, newest first."""
    found = _newest_published()
    for word in words[:10]:
        found = found.filter(_words_match(word))
    return found.select_related("assessment", "assessment__council").order_by(
        "-published_at", "-pk"
    )


def published_matching_any(*, words: list[str]) -> QuerySet[AssessmentVersion]:
    """Every council's published assessments (as their newest published versions) holding any
    of ``words`` in the title or the answer about what is proposed, in no order. One condition
    over the words, so the newest versions are found once, not once for each word."""
    if not words:
        return AssessmentVersion.objects.none()
    holding = Q()
    for word in words:
        holding |= _words_match(word)
    return _newest_published().filter(holding).select_related("assessment")


def public_assessment_or_404(*, council: Council, public_key: str) -> Assessment:
    """One of this council's assessments that has a published version; 404 otherwise (also when
    the assessment belongs to another council)."""
    assessment = (
        Assessment.objects.select_related("council", "template")
        .filter(council=council, public_key=public_key)
        .filter(Exists(_published().filter(assessment=OuterRef("pk"))))
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def newest_published_version(assessment: Assessment) -> AssessmentVersion:
    version = (
        _published()
        .filter(assessment=assessment)
        .select_related("signed_off_by")
        .prefetch_related("articles", "principles")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Http404
    return version


def published_versions(assessment: Assessment) -> QuerySet[AssessmentVersion]:
    """Every published version of the assessment, newest first."""
    return _published().filter(assessment=assessment).order_by("-number")


def published_version_or_404(*, assessment: Assessment, version_number: int) -> AssessmentVersion:
    version = published_versions(assessment).filter(number=version_number).first()
    if version is None:
        raise Http404
    return version
