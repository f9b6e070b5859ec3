"""Themes in the comments on a council's SEND local offer, for the council's editors (members
without the capability get 403, outsiders 404): finding themes, how far a run has got, and
renaming and reviewing the themes found.

The runs and the changes are ``participation.themes``'s services, which audit each write; this
module reads and writes only through them and ``directory.send_comment_themes``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.form_pages import refusal_shown_on
from childrights.councils.models import Council
from childrights.directory.forms.send_offer import CommentThemeNameForm
from childrights.directory.send_comment_themes import SOURCE
from childrights.participation.models import Theme, ThemeRun
from childrights.participation.themes import edits, reads, runs


@login_required
def comment_themes(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs="edit"
    )
    latest = reads.latest_source_run(council=council, source=SOURCE)
    if request.method == "POST":
        run = runs.source_theme_run_start(
            actor=Actor.from_request(request), council=council, source=SOURCE
        )
        if latest is not None and run.pk == latest.pk:
            messages.info(request, _("Themes are already being found. Nothing new was started."))
        else:
            messages.success(
                request, _("Finding themes has started. This page shows how far it has got.")
            )
        return redirect("directory:send_comment_themes", council_id=council.pk)
    current = reads.current_source_run(council=council, source=SOURCE)
    active = latest if latest is not None and latest.status in runs.ACTIVE else None
    failed = (
        latest
        if latest is not None
        and latest.status == ThemeRun.Status.FAILED
        and (current is None or latest.pk > current.pk)
        else None
    )
    cards = reads.theme_cards(run=current)
    return render(
        request,
        "directory/send_offer/themes.html",
        {"council": council, "active": active, "failed": failed, "run": current, "cards": cards},
    )


def _theme(request: HttpRequest, council_id: int, theme_id: int) -> Theme:
    return reads.source_theme_or_404(
        request=request, council_id=council_id, source=SOURCE, theme_id=theme_id, needs="edit"
    )


def _replaced(request: HttpRequest, theme: Theme) -> HttpResponse | None:
    """Themes that a newer run has replaced are not changed any more."""
    council: Council = theme.run.council
    current = reads.current_source_run(council=council, source=SOURCE)
    if current is not None and current.pk == theme.run_id:
        return None
    messages.info(request, _("Those themes have been replaced by newer ones, shown here."))
    return redirect("directory:send_comment_themes", council_id=council.pk)


def _back(theme: Theme) -> HttpResponse:
    url = reverse("directory:send_comment_themes", args=[theme.run.council.pk])
    return redirect(f"{url}#theme-{theme.pk}")


@login_required
def comment_theme_rename(
    request: HttpRequest, council_id: int, comment_theme_id: int
) -> HttpResponse:
    theme = _theme(request, council_id, comment_theme_id)
    replaced = _replaced(request, theme)
    if replaced is not None:
        return replaced
    form = CommentThemeNameForm(request.POST or None, initial={"name": theme.name})
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            edits.theme_rename(
                actor=Actor.from_request(request), theme=theme, name=form.cleaned_data["name"]
            )
            messages.success(request, _("The theme has been renamed."))
            return _back(theme)
    return render(
        request,
        "directory/send_offer/theme_rename.html",
        {"council": theme.run.council, "theme": theme, "form": form},
    )


@login_required
def comment_theme_review(
    request: HttpRequest, council_id: int, comment_theme_id: int
) -> HttpResponse:
    """Mark the theme as reviewed (``reviewed=yes``) or not (``reviewed=no``)."""
    theme = _theme(request, council_id, comment_theme_id)
    replaced = _replaced(request, theme)
    if replaced is not None:
        return replaced
    if request.method != "POST":
        return _back(theme)
    reviewed = request.POST.get("reviewed")
    if reviewed not in {"yes", "no"}:
        # Only a crafted request sends anything else: say so on the themes page, change nothing.
        messages.error(request, _("Choose whether the theme has been reviewed"))
        return _back(theme)
    edits.theme_review(actor=Actor.from_request(request), theme=theme, reviewed=reviewed == "yes")
    return _back(theme)
