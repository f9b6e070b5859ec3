"""Outcome indicators for one council: the library, its own indicators, targets, measurements,
file imports and the time series."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.charts import line_chart
from childrights.core.form_pages import form_page
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import localised, value_text
from childrights.councils.models import Council
from childrights.outcomes import indicators as service
from childrights.outcomes.forms.indicators import (
    ImportForm,
    IndicatorForm,
    MeasurementForm,
    TargetForm,
)
from childrights.outcomes.models import IndicatorTarget


@login_required
def indicator_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    rows: list[dict[str, Any]] = [
        {
            "indicator": tracked.indicator,
            "latest": value_text(
                tracked.latest.value if tracked.latest else None, tracked.indicator.unit
            ),
            "latest_on": tracked.latest.period_end if tracked.latest else None,
            "targets": [
                {
                    "pilot": picked.pilot,
                    "value": value_text(picked.target_value, tracked.indicator.unit),
                    "on": picked.target_on,
                }
                for picked in tracked.targets
            ],
            "tracked": tracked.latest is not None or bool(tracked.targets),
        }
        for tracked in service.overview(council=council)
    ]
    return render(
        request,
        "outcomes/indicators/list.html",
        {
            "council": council,
            "tracked": [row for row in rows if row["tracked"]],
            "library": [row for row in rows if row["indicator"].council_id is None],
            "own": [row for row in rows if row["indicator"].council_id is not None],
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


@login_required
def indicator_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = IndicatorForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        created = service.indicator_create(
            actor=Actor.from_request(request), council=council, **form.indicator_fields()
        )
        messages.success(request, _("The indicator has been added."))
        return redirect("outcomes:indicator", council_id=council.pk, indicator_slug=created.slug)
    return form_page(
        request,
        form,
        caption=council.name,
        title=_("Add an indicator of your own"),
        cancel="outcomes:indicators",
        cancel_args=[council.pk],
    )


@login_required
def indicator_import(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = service.measurements_import(
                council=council,
                file=upload,
                by=request.user if isinstance(request.user, User) else None,
                name=upload.name,
            )
        except service.MeasurementsRefused as refused:
            for error in refused.errors:
                form.add_error("file", error)
        else:
            messages.success(
                request,
                _("The file has been imported: %(created)s new values, %(replaced)s replaced.")
                % {"created": result.created, "replaced": result.replaced},
            )
            slugs = list(dict.fromkeys(row.indicator.slug for row in result.rows))
            if len(slugs) == 1:
                return redirect(
                    "outcomes:indicator", council_id=council.pk, indicator_slug=slugs[0]
                )
            return redirect("outcomes:indicators", council_id=council.pk)
    return render(request, "outcomes/indicators/import.html", {"council": council, "form": form})


def _target_form(
    request: HttpRequest, council: Council, picked: list[IndicatorTarget], bound: bool
) -> TargetForm:
    """The form for one pilot's baseline and target; with one pilot already set and no other,
    it starts from that pilot's values."""
    pilots = service.pilots(council=council)
    only = list(pilots[:2])
    initial: dict[str, Any] = {"pilot": only[0].pk} if len(only) == 1 else {}
    if len(picked) == 1 and len(only) == 1:
        current = picked[0]
        initial = {
            "pilot": current.pilot_id,
            "baseline_value": current.baseline_value.normalize(),
            "baseline_on": current.baseline_on,
            "target_value": current.target_value.normalize(),
            "target_on": current.target_on,
        }
    return TargetForm(
        request.POST if bound else None, initial=initial, prefix="target", pilots=pilots
    )


@login_required
def indicator_detail(request: HttpRequest, council_id: int, indicator_slug: str) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, needs="edit" if request.method == "POST" else None
    )
    indicator = service.indicator_or_404(council=council, slug=indicator_slug)
    picked = list(service.targets(council=council, indicator=indicator))
    action = request.POST.get("action") if request.method == "POST" else None
    target_form = _target_form(request, council, picked, bound=action == "target")
    measurement_form = MeasurementForm(
        request.POST if action == "measurement" else None,
        indicator=indicator,
        prefix="measurement",
    )
    here = redirect("outcomes:indicator", council_id=council.pk, indicator_slug=indicator.slug)
    if action == "target" and target_form.is_valid():
        service.target_save(
            actor=Actor.from_request(request),
            council=council,
            indicator=indicator,
            **target_form.cleaned_data,
        )
        messages.success(request, _("The baseline and target have been saved."))
        return here
    if action == "target_remove":
        removed = next(
            (found for found in picked if str(found.pilot_id) == request.POST.get("pilot")), None
        )
        if removed is None:
            raise Http404
        service.target_remove(actor=Actor.from_request(request), target=removed)
        messages.success(request, _("The pilot no longer tracks this indicator."))
        return here
    if action == "measurement" and indicator.computed_from:
        raise Http404
    if action == "measurement" and measurement_form.is_valid():
        data = measurement_form.cleaned_data
        service.measurement_save(
            actor=Actor.from_request(request),
            council=council,
            indicator=indicator,
            period_end=data["period_end"],
            value=data["value"],
            breakdown=data.get("breakdown", ""),
            note=data["note"].strip(),
        )
        messages.success(request, _("The value has been saved."))
        return here
    lines = service.series(council=council, indicator=indicator)
    name = localised(indicator, "name")
    chart = (
        line_chart(
            chart_id="indicator-chart",
            title=name,
            description=_(
                "%(name)s over time, %(count)s values. The table beside the chart lists them."
            )
            % {"name": name, "count": sum(len(line.points) for line in lines)},
            series=lines,
            x_label=_("Year"),
            y_label=indicator.get_unit_display(),
        )
        if lines
        else None
    )
    rows = [
        {
            "period_end": measurement.period_end,
            "breakdown": measurement.breakdown,
            "value": value_text(measurement.value, indicator.unit),
            # Computed values carry a note in English when stored; shown in the reader's language.
            "note": _("Computed from training records")
            if indicator.computed_from
            else measurement.note,
        }
        for measurement in service.measurements(council=council, indicator=indicator)
    ]
    return render(
        request,
        "outcomes/indicators/detail.html",
        {
            "council": council,
            "indicator": indicator,
            "targets": [
                {
                    "pilot": found.pilot,
                    "baseline": value_text(found.baseline_value, indicator.unit),
                    "baseline_on": found.baseline_on,
                    "target": value_text(found.target_value, indicator.unit),
                    "target_on": found.target_on,
                }
                for found in picked
            ],
            "has_pilots": service.pilots(council=council).exists(),
            "chart": chart,
            "rows": rows,
            "target_form": target_form,
            "measurement_form": measurement_form,
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )
