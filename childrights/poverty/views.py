"""A council's poverty analyses: upload microdata, define measures, run them, read results."""

import itertools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.csv_export import csv_stream
from childrights.core.form_pages import refusal_shown_on
from childrights.core.models import AuditEvent
from childrights.core.permissions import has_capability_in
from childrights.councils.models import Council
from childrights.poverty import presenters, selectors, services
from childrights.poverty.definition import definition_from_forms
from childrights.poverty.engine import MeasureError
from childrights.poverty.forms import (
    MISSING_CHOICES,
    RULE_CHOICES,
    DatasetUploadForm,
    IndicatorFormSet,
    MeasureForm,
    RunForm,
)
from childrights.poverty.models import Measure

BOOTSTRAP_REPLICATES = 200


@login_required
def overview(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_or_404(request=request, council_id=council_id)
    return render(
        request,
        "poverty/overview.html",
        {
            "council": council,
            "datasets": selectors.datasets(council=council),
            "measures": selectors.measures(council=council),
            "runs": selectors.runs(council=council)[:20],
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


@login_required
def dataset_upload(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_or_404(request=request, council_id=council_id, needs="edit")
    form = DatasetUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    found: list[dict[str, Any]] = []
    rows = 0
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.dataset_upload(
                actor=Actor.from_request(request),
                council=council,
                name=form.cleaned_data["name"],
                upload=form.cleaned_data["file"],
            )
        except services.UploadRejected as rejected:
            problems, found, rows = rejected.errors, rejected.columns, rejected.rows
        else:
            messages.success(request, _("The data has been checked and saved."))
            return redirect("poverty:dataset", dataset_id=dataset.pk)
    return render(
        request,
        "poverty/dataset_upload.html",
        {
            "council": council,
            "form": form,
            "problems": problems,
            "found": presenters.column_summary(found),
            "rows": rows,
        },
    )


@login_required
def dataset_detail(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = selectors.dataset_or_404(request=request, dataset_id=dataset_id)
    return render(
        request,
        "poverty/dataset_detail.html",
        {
            "council": dataset.council,
            "dataset": dataset,
            "columns": presenters.column_summary(dataset.columns),
            "can_edit": has_capability_in(request.user, dataset.council_id, "edit"),
        },
    )


@login_required
def data_dictionary(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_or_404(request=request, council_id=council_id)
    return render(
        request,
        "poverty/data_dictionary.html",
        {"council": council, "sample": presenters.sample_columns()},
    )


@login_required
def sample_file(request: HttpRequest, council_id: int) -> HttpResponse:
    selectors.council_or_404(request=request, council_id=council_id)  # members only
    response = HttpResponse(presenters.sample_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="children-sample.csv"'
    return response


def _definition_initial(definition: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Form values from a stored definition, for editing."""
    measure_initial = {
        "k": definition.get("k_text") or definition.get("k"),
        "age_groups": ", ".join(group["slug"] for group in definition.get("age_groups") or []),
        "child_items": "\n".join(
            f"{item['column']}, {item['label']}" for item in definition.get("child_items") or []
        ),
    }
    rows = [
        {
            "dimension": dimension["label"],
            "label": row["label"],
            "column": row["column"],
            "rule": row["rule"],
            "threshold": row.get("threshold"),
            "categories": ", ".join(str(value) for value in row.get("categories") or []),
            "missing": row.get("missing"),
            "age_groups": ", ".join(row.get("age_groups") or []),
            "weight": row.get("weight"),
        }
        for dimension in definition.get("dimensions") or []
        for row in dimension["indicators"]
    ]
    return measure_initial, rows


def _measure_page(request: HttpRequest, council: Council, measure: Measure | None) -> HttpResponse:
    initial, rows = _definition_initial(measure.definition) if measure else ({}, [])
    if measure:
        initial["name"] = measure.name
    form = MeasureForm(request.POST or None, initial=initial)
    formset = IndicatorFormSet(
        request.POST or None,
        initial=rows,
        prefix="indicators",
        form_kwargs={"columns": selectors.column_choices(council=council)},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            definition = definition_from_forms(form.cleaned_data, formset)
        except MeasureError as error:
            form.add_error(None, str(error))
        else:
            saved = services.measure_save(
                actor=Actor.from_request(request),
                council=council,
                measure=measure,
                name=form.cleaned_data["name"],
                definition=definition,
            )
            messages.success(request, _("The measure has been saved."))
            return redirect("poverty:measure", measure_id=saved.pk)
    return render(
        request,
        "poverty/measure_form.html",
        {"council": council, "measure": measure, "form": form, "formset": formset},
    )


@login_required
def measure_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_or_404(request=request, council_id=council_id, needs="edit")
    return _measure_page(request, council, None)


@login_required
def measure_detail(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = selectors.measure_or_404(
        request=request, measure_id=measure_id, needs="edit" if request.method == "POST" else None
    )
    form = RunForm(request.POST or None, datasets=selectors.datasets(council=measure.council))
    if request.method == "POST" and form.is_valid():
        columns = [c.strip() for c in form.cleaned_data["group_columns"].split(",")]
        with refusal_shown_on(form, services.RunRefused, field="dataset"):
            run = services.run_request(
                actor=Actor.from_request(request),
                measure=measure,
                dataset=form.cleaned_data["dataset"],
                group_columns=[column for column in columns if column],
                bootstrap=BOOTSTRAP_REPLICATES if form.cleaned_data["bootstrap"] else 0,
            )
            return redirect("poverty:run", run_id=run.pk)
    return render(
        request,
        "poverty/measure_detail.html",
        {
            "council": measure.council,
            "measure": measure,
            "form": form,
            "rules": dict(RULE_CHOICES),
            "missing_rules": dict(MISSING_CHOICES),
            "can_edit": has_capability_in(request.user, measure.council_id, "edit"),
        },
    )


@login_required
def measure_edit(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = selectors.measure_or_404(request=request, measure_id=measure_id, needs="edit")
    return _measure_page(request, measure.council, measure)


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.run_or_404(request=request, run_id=run_id)
    return render(
        request,
        "poverty/run_detail.html",
        {
            "council": run.council,
            "run": run,
            "report": presenters.run_report(run),
            "facts": presenters.run_facts(run),
            "can_edit": has_capability_in(request.user, run.council_id, "edit"),
        },
    )


@login_required
def run_download(request: HttpRequest, run_id: int) -> HttpResponseBase:
    run = selectors.run_or_404(request=request, run_id=run_id)
    if not run.result:
        raise Http404
    protected = request.GET.get("disclosure") == "on"
    audit_record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        obj=run,
        detail={"export": "poverty results", "disclosure_control": protected},
    )
    return csv_stream(
        ["section", "group", "item", "measure", "value"],
        itertools.chain(
            presenters.run_rows(run),
            presenters.result_rows(run.result, disclosure_control=protected),
        ),
        filename_prefix="poverty-results",
    )


@login_required
def dataset_delete(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = selectors.dataset_or_404(request=request, dataset_id=dataset_id, needs="edit")
    if request.method == "POST":
        services.dataset_delete(actor=Actor.from_request(request), dataset=dataset)
        messages.success(request, _("The data has been deleted."))
        return redirect("poverty:overview", council_id=dataset.council_id)
    return render(
        request, "poverty/dataset_delete.html", {"council": dataset.council, "dataset": dataset}
    )
