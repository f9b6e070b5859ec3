"""A council's directory team loads its table of postcodes, so the finder can search its
services by distance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.presenters import day_text
from childrights.directory import postcodes
from childrights.directory.forms.postcodes import PostcodesForm
from childrights.directory.import_drafts import ImportRefused


@login_required
def postcodes_load(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = PostcodesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = postcodes.postcodes_load(
                actor=Actor.from_request(request), council=council, file=upload, name=upload.name
            )
        except ImportRefused as refused:
            for error in refused.errors:
                form.add_error("file", error)
        else:
            messages.success(
                request,
                _("Postcodes loaded: %(count)s. They replace any table you loaded before.")
                % {"count": f"{count:,}"},
            )
            return redirect("directory:postcodes_load", council_id=council.pk)
    summary = postcodes.council_postcode_summary(council=council)
    return render(
        request,
        "directory/postcodes/load.html",
        {
            "council": council,
            "form": form,
            "summary": summary,
            "count": f"{summary.count:,}",
            "loaded_on": day_text(summary.loaded_at) if summary.loaded_at else "",
        },
    )
