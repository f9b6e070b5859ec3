"""Results for council staff, downloads, and the council's child population."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.permissions import has_capability_in
from childrights.participation import exports, results, selectors
from childrights.participation.forms.results import ExportForm, PopulationForm, ResultsFilterForm
from childrights.participation.themes import reads as themes


@login_required
def results_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(request=request, consultation_id=consultation_id)
    form = ResultsFilterForm(request.GET or None, consultation=consultation)
    dimension, value = form.selected()
    return render(
        request,
        "participation/results/results.html",
        {
            "council": consultation.council,
            "consultation": consultation,
            "form": form,
            "filtered": bool(dimension),
            "group": results.group_label(results.group_key(dimension, value)),
            "results": results.consultation_results(consultation, dimension=dimension, value=value),
            "can_edit": has_capability_in(request.user, consultation.council_id, "edit"),
            # Themes in the written answers are counted over everyone's answers.
            "written_themes": []
            if dimension
            else themes.reviewed_counts(consultation=consultation),
        },
    )


@login_required
def export(request: HttpRequest, consultation_id: int) -> HttpResponseBase:
    consultation = selectors.consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    form = ExportForm(request.GET or None)
    if form.is_valid():
        return exports.export_download(
            actor=Actor.from_request(request),
            consultation=consultation,
            file_format=form.cleaned_data["format"],
            protected=form.cleaned_data["protected"],
        )
    return render(
        request,
        "participation/results/export.html",
        {"council": consultation.council, "consultation": consultation, "form": form},
    )


@login_required
def population(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    # Coming from a consultation's results: go back there afterwards (only to one of this
    # council's consultations that this person can see).
    back_to = (
        selectors.visible(request)
        .filter(council=council, pk=_number(request.GET.get("consultation")))
        .first()
    )
    form = PopulationForm(
        request.POST or None,
        initial=PopulationForm.initial_for(results.population_of(council=council)),
    )
    if request.method == "POST" and form.is_valid():
        results.population_save(
            actor=Actor.from_request(request),
            council=council,
            counts=form.counts(),
            source=form.cleaned_data["source"].strip(),
        )
        messages.success(request, _("The child population has been saved."))
        if back_to is not None:
            return redirect("participation:results", consultation_id=back_to.pk)
        return redirect("participation:population", council_id=council.pk)
    return render(
        request,
        "participation/results/population.html",
        {"council": council, "form": form, "back_to": back_to},
    )


def _number(text: str | None) -> int:
    return int(text) if text and len(text) < 19 and text.isascii() and text.isdigit() else 0
