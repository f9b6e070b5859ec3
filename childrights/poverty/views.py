"""A council's poverty analyses: upload microdata, define measures, run them, read results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.permissions import require_capability
from childrights.poverty import selectors, services
from childrights.poverty.forms import DatasetUploadForm


@login_required
def overview(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    return render(
        request,
        "poverty/overview.html",
        {
            "council": council,
            "datasets": selectors.datasets(council=council),
            "measures": selectors.measures(council=council),
            "runs": selectors.runs(council=council)[:20],
        },
    )


@login_required
def dataset_upload(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    require_capability(request, council.pk, "edit")
    form = DatasetUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_upload(
                request=request,
                council=council,
                name=form.cleaned_data["name"],
                upload=form.cleaned_data["file"],
            )
        except services.UploadRejected as rejected:
            problems = rejected.errors
        else:
            messages.success(request, _("The data has been checked and saved."))
            return redirect("poverty:overview", council_id=council.pk)
    return render(
        request,
        "poverty/dataset_upload.html",
        {"council": council, "form": form, "problems": problems},
    )
