"""The public register of published impact assessments, their pages and PDFs, and the PDF of
any version for the council's own staff."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from childrights.assessments import register as selectors
from childrights.assessments import selectors as staff_selectors
from childrights.assessments.models import AssessmentVersion, VersionPdf
from childrights.assessments.pdf import (
    pdf_filename,
    version_context,
    version_pdf_export,
    version_pdf_kept,
)
from childrights.assessments.presenters.answers import article_label
from childrights.core.actors import Actor
from childrights.core.forms import GovukDateField, GovukForm
from childrights.core.language import plain_lang
from childrights.core.presenters import localised
from childrights.councils.names import council_name
from childrights.framework.models import Article, Principle, Theme

SAFE_METHODS = ("GET", "HEAD")


class RegisterSearchForm(GovukForm):
    """Find a council's register (the first page)."""

    council = forms.CharField(
        label=_("Council"),
        max_length=9,
        error_messages={"required": _("Choose a council")},
    )
    words = forms.CharField(
        label=_("Words to search for (optional)"),
        required=False,
        max_length=200,
        help_text=_("Words in the title or in what is proposed"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a council"))] + [
            (council.gss_code, council_name(council))
            for council in selectors.councils_with_published()
        ]
        self.fields["council"].widget = forms.Select(choices=choices)


class RegisterFilterForm(GovukForm):
    """Narrow one council's register."""

    words = forms.CharField(
        label=_("Words to search for"),
        required=False,
        max_length=200,
        help_text=_("Words in the title or in what is proposed"),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    article = forms.TypedChoiceField(
        label=_("UNCRC article"), required=False, coerce=int, empty_value=None
    )
    principle = forms.ChoiceField(label=_("Principle"), required=False)
    published_from = GovukDateField(
        label=_("Published on or after"),
        name=_("The ‘on or after’ date"),
        required=False,
    )
    published_to = GovukDateField(
        label=_("Published on or before"),
        name=_("The ‘on or before’ date"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme: Any = self.fields["theme"]
        theme.choices = [("", _("Any theme"))] + [
            (each.slug, localised(each, "name")) for each in Theme.objects.all()
        ]
        article: Any = self.fields["article"]
        article.choices = [("", _("Any article"))] + [
            (each.number, article_label(each).text) for each in Article.objects.all()
        ]
        principle: Any = self.fields["principle"]
        principle.choices = [("", _("Any principle"))] + [
            (each.slug, localised(each, "name")) for each in Principle.objects.all()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            self.add_error(
                "published_to",
                _("The ‘on or before’ date must be the same as or after the ‘on or after’ date"),
            )
        return cleaned

    def register_filter(self) -> selectors.RegisterFilter | None:
        """The filter asked for; none at all when the form has errors (so nothing is shown)."""
        if not self.is_bound:
            return selectors.RegisterFilter()
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return selectors.RegisterFilter(
            theme=data["theme"],
            article=data["article"],
            principle=data["principle"],
            published_from=data["published_from"],
            published_to=data["published_to"],
            words=data["words"].strip(),
        )


def register(request: HttpRequest) -> HttpResponseBase:
    form = RegisterSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        council = selectors.council_by_gss_or_404(gss_code=form.cleaned_data["council"])
        # The other fields go along as the council's register filters; empty ones do not.
        query = {
            key: str(value)
            for key, value in request.GET.items()
            if key != "council" and str(value).strip()
        }
        url = reverse("assessments:council_register", args=[council.gss_code])
        return redirect(f"{url}?{urlencode(query)}" if query else url)
    return render(
        request,
        "assessments/register/index.html",
        {"form": form, "councils": selectors.councils_with_published()},
    )


def council_register(request: HttpRequest, gss_code: str) -> HttpResponse:
    council = selectors.council_by_gss_or_404(gss_code=gss_code)
    form = RegisterFilterForm(request.GET or None)
    filters = form.register_filter()
    found = (
        selectors.published_in_council(council=council, filters=filters)
        if filters
        else AssessmentVersion.objects.none()
    )
    page = Paginator(found, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/register/council.html",
        {
            "council": council,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(filters and filters != selectors.RegisterFilter()),
            "plain_lang": plain_lang(),
        },
    )


def public_assessment(request: HttpRequest, gss_code: str, public_key: str) -> HttpResponse:
    council = selectors.council_by_gss_or_404(gss_code=gss_code)
    assessment = selectors.public_assessment_or_404(council=council, public_key=public_key)
    version = selectors.newest_published_version(assessment)
    return render(
        request,
        "assessments/register/assessment.html",
        version_context(version) | {"published_versions": selectors.published_versions(assessment)},
    )


def public_version_pdf(
    request: HttpRequest, gss_code: str, public_key: str, version_number: int
) -> HttpResponseBase:
    council = selectors.council_by_gss_or_404(gss_code=gss_code)
    assessment = selectors.public_assessment_or_404(council=council, public_key=public_key)
    version = selectors.published_version_or_404(
        assessment=assessment, version_number=version_number
    )
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    return _pdf_response(version, version_pdf_kept(version))


@login_required
def staff_version_pdf(
    request: HttpRequest, assessment_id: int, version_number: int
) -> HttpResponseBase:
    assessment = staff_selectors.assessment_or_404(request=request, assessment_id=assessment_id)
    version = assessment.versions.filter(number=version_number).first()
    if version is None:
        raise Http404
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    response = _pdf_response(
        version, version_pdf_export(actor=Actor.from_request(request), version=version)
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_response(version: AssessmentVersion, kept: VersionPdf) -> FileResponse:
    return FileResponse(
        kept.pdf.open("rb"),
        as_attachment=True,
        filename=pdf_filename(version),
        content_type="application/pdf",
    )
