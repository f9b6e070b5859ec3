"""A council's staff add services to their directory from a file, all or none, unpublished."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.csv_export import csv_stream
from childrights.directory import imports
from childrights.directory.forms.imports import ImportForm
from childrights.directory.import_drafts import ImportRefused
from childrights.directory.models import Need


@login_required
def services_import(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.import_file(
                actor=Actor.from_request(request), council=council, file=upload, name=upload.name
            )
        except ImportRefused as refused:
            for error in refused.errors:
                form.add_error("file", error)
        else:
            messages.success(
                request,
                _(
                    "%(count)s services have been added, unpublished: check each before you "
                    "publish it."
                )
                % {"count": len(result.services)},
            )
            if result.terms_left_out:
                messages.info(
                    request,
                    _(
                        "These categories are not needs in the directory and were left out: "
                        "%(terms)s"
                    )
                    % {"terms": ", ".join(sorted(result.terms_left_out)[:20])},
                )
            return redirect("directory:services_import", council_id=council.pk)
    needs = Need.objects.filter(Q(council__isnull=True) | Q(council=council)).order_by("code")
    return render(
        request,
        "directory/imports/import.html",
        {"council": council, "form": form, "columns": imports.COLUMNS, "needs": needs},
    )


@login_required
@require_GET
def services_template(request: HttpRequest) -> StreamingHttpResponse:
    """The table to fill in: the columns and one example row, the same for every council."""
    header, *rows = imports.template_rows()
    return csv_stream(header, rows, filename_prefix="directory-services-template")
