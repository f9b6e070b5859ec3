"""Themes in children's written answers, for the staff who moderate them (members who may edit;
anyone else in the council gets 403, outsiders 404): finding themes, how far a run has got, and
renaming, merging, splitting, moving answers between, reviewing and publishing the themes found.

Every change is a POST that redirects; the services (``participation.themes.edits``) audit
them and refuse what cannot be done, and the pages show that refusal.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.form_pages import form_page, refusal_shown_on
from childrights.core.presenters import localised
from childrights.participation.forms.themes import (
    FindThemesForm,
    MergeForm,
    MoveForm,
    RenameForm,
    YouSaidForm,
)
from childrights.participation.models import Consultation, Theme, ThemeAnswer, ThemeRun
from childrights.participation.selectors import consultation_or_404
from childrights.participation.themes import edits, reads, runs

ANSWERS_PAGE_SIZE = 50


# --- the themes page -----------------------------------------------------------------------------


@login_required
def themes_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    latest = reads.latest_run(consultation=consultation)
    form = FindThemesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        run = runs.theme_run_start(
            actor=Actor.from_request(request), consultation=consultation, themes=form.chosen()
        )
        if latest is not None and run.pk == latest.pk:
            messages.info(request, _("Themes are already being found. Nothing new was started."))
        else:
            messages.success(
                request,
                _("Finding themes has started. This page shows how far it has got."),
            )
        return redirect("participation:themes", consultation_id=consultation.pk)
    current = reads.current_run(consultation=consultation)
    active = latest if latest is not None and latest.status in runs.ACTIVE else None
    failed = (
        latest
        if latest is not None
        and latest.status == ThemeRun.Status.FAILED
        and (current is None or latest.pk > current.pk)
        else None
    )
    return render(
        request,
        "participation/themes/themes.html",
        {
            "council": consultation.council,
            "consultation": consultation,
            "title": localised(consultation, "title"),
            "form": form,
            "active": active,
            "failed": failed,
            "run": current,
            "cards": reads.theme_cards(run=current),
        },
    )


# --- one theme -----------------------------------------------------------------------------------


def _consultation_of(theme: Theme) -> Consultation:
    """The consultation of a theme that ``reads.theme_or_404`` gave (always one: a theme of
    another source has no consultation to be found through)."""
    consultation = theme.run.consultation
    if consultation is None:
        raise Http404
    return consultation


def _replaced(request: HttpRequest, theme: Theme) -> HttpResponse | None:
    """Themes of a run that a newer one has replaced are not changed any more: back to the
    themes page, which shows the current ones."""
    current = reads.current_run(consultation=_consultation_of(theme))
    if current is not None and current.pk == theme.run_id:
        return None
    messages.info(request, _("Those themes have been replaced by newer ones, shown here."))
    return redirect("participation:themes", consultation_id=theme.run.consultation_id)


def _back(theme: Theme) -> HttpResponse:
    return redirect(
        reverse("participation:themes", args=[theme.run.consultation_id]) + f"#theme-{theme.pk}"
    )


@login_required
def theme_answers(request: HttpRequest, found_theme_id: int) -> HttpResponse:
    theme = reads.theme_or_404(request=request, theme_id=found_theme_id, needs="edit")
    if replaced := _replaced(request, theme):
        return replaced
    return _answers_page(request, theme, page_number=request.GET.get("page"))


def _answers_page(
    request: HttpRequest,
    theme: Theme,
    *,
    page_number: str | None,
    refused: tuple[int, MoveForm] | None = None,
) -> HttpResponse:
    """The theme's answers, 50 a page, each with the themes it can move to. ``refused``: the
    answer whose move was refused, with its form and error."""
    page: Page[ThemeAnswer] = Paginator(reads.answers_of(theme=theme), ANSWERS_PAGE_SIZE).get_page(
        page_number
    )
    others = [t for t in reads.themes_of(run=theme.run) if t.pk != theme.pk]
    return render(
        request,
        "participation/themes/answers.html",
        {
            "council": _consultation_of(theme).council,
            "consultation": _consultation_of(theme),
            "title": localised(_consultation_of(theme), "title"),
            "theme": theme,
            "page": page,
            "others": others,
            "refused_id": refused[0] if refused else None,
            "refused_form": refused[1] if refused else None,
        },
    )


@login_required
def answer_move(request: HttpRequest, placed_id: int) -> HttpResponse:
    placed = reads.placed_answer_or_404(request=request, placed_id=placed_id, needs="edit")
    theme = reads.theme_or_404(request=request, theme_id=placed.theme_id, needs="edit")
    if replaced := _replaced(request, theme):
        return replaced
    page_number = request.POST.get("page") or request.GET.get("page")
    page_number = page_number if page_number and page_number.isdigit() else None
    if request.method != "POST":
        return _answers_redirect(theme, page_number)
    others = [t for t in reads.themes_of(run=theme.run) if t.pk != theme.pk]
    form = MoveForm(request.POST, themes=others)
    if form.is_valid():
        with refusal_shown_on(form, edits.ThemeEditRefused, field="to"):
            to = form.chosen()
            edits.answer_move(actor=Actor.from_request(request), placed=placed, to=to)
            messages.success(
                request, _("The answer has been moved to “%(theme)s”.") % {"theme": to.name}
            )
            return _answers_redirect(theme, page_number)
    return _answers_page(request, theme, page_number=page_number, refused=(placed.pk, form))


def _answers_redirect(theme: Theme, page_number: str | None) -> HttpResponse:
    url = reverse("participation:theme_answers", args=[theme.pk])
    return redirect(f"{url}?page={page_number}" if page_number else url)


@login_required
def theme_rename(request: HttpRequest, found_theme_id: int) -> HttpResponse:
    theme = reads.theme_or_404(request=request, theme_id=found_theme_id, needs="edit")
    if replaced := _replaced(request, theme):
        return replaced
    form = RenameForm(
        request.POST if request.method == "POST" else None, initial={"name": theme.name}
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form, edits.ThemeEditRefused, field="name"):
            edits.theme_rename(
                actor=Actor.from_request(request), theme=theme, name=form.cleaned_data["name"]
            )
            messages.success(request, _("The theme has been renamed."))
            return _back(theme)
    return form_page(
        request,
        form,
        caption=localised(_consultation_of(theme), "title"),
        title=_("Rename the theme"),
        cancel="participation:themes",
        cancel_args=[theme.run.consultation_id],
    )


@login_required
def theme_merge(request: HttpRequest, found_theme_id: int) -> HttpResponse:
    """Choose the themes to merge into this one, then confirm."""
    theme = reads.theme_or_404(request=request, theme_id=found_theme_id, needs="edit")
    if replaced := _replaced(request, theme):
        return replaced
    others = [t for t in reads.themes_of(run=theme.run) if t.pk != theme.pk]
    form = MergeForm(request.POST if request.method == "POST" else None, theme=theme, others=others)
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") == "yes":
            with refusal_shown_on(form, edits.ThemeEditRefused, field="others"):
                chosen = form.chosen()
                edits.theme_merge(actor=Actor.from_request(request), into=theme, others=chosen)
                messages.success(
                    request,
                    _("The themes have been merged into “%(theme)s”.") % {"theme": theme.name},
                )
                return _back(theme)
        else:
            confirming = True
    return render(
        request,
        "participation/themes/merge.html",
        {
            "council": _consultation_of(theme).council,
            "consultation": _consultation_of(theme),
            "title": localised(_consultation_of(theme), "title"),
            "theme": theme,
            "form": form,
            "others": others,
            "confirming": confirming,
            "chosen": form.chosen() if confirming else [],
        },
    )


@login_required
def theme_split(request: HttpRequest, found_theme_id: int) -> HttpResponse:
    theme = reads.theme_or_404(request=request, theme_id=found_theme_id, needs="edit")
    if replaced := _replaced(request, theme):
        return replaced
    refusal = ""
    if request.method == "POST":
        try:
            new = edits.theme_split(actor=Actor.from_request(request), theme=theme)
        except edits.ThemeEditRefused as refused:
            refusal = str(refused)
        else:
            messages.success(
                request,
                _("The theme has been split in two: “%(first)s” and “%(second)s”.")
                % {"first": theme.name, "second": new.name},
            )
            return _back(theme)
    return render(
        request,
        "participation/themes/split.html",
        {
            "council": _consultation_of(theme).council,
            "consultation": _consultation_of(theme),
            "title": localised(_consultation_of(theme), "title"),
            "theme": theme,
            "size": reads.answers_of(theme=theme).count(),
            "refusal": refusal,
        },
    )


@login_required
def theme_review(request: HttpRequest, found_theme_id: int) -> HttpResponse:
    """Mark the theme as reviewed (``reviewed=yes``) or not (``reviewed=no``)."""
    theme = reads.theme_or_404(request=request, theme_id=found_theme_id, needs="edit")
    if replaced := _replaced(request, theme):
        return replaced
    if request.method != "POST":
        return _back(theme)
    reviewed = request.POST.get("reviewed")
    if reviewed not in {"yes", "no"}:
        # Only a crafted request sends anything else: say so on the themes page, change nothing.
        messages.error(request, _("Choose whether the theme has been reviewed"))
        return _back(theme)
    edits.theme_review(actor=Actor.from_request(request), theme=theme, reviewed=reviewed == "yes")
    messages.success(
        request,
        _("“%(theme)s” is marked as reviewed.") % {"theme": theme.name}
        if reviewed == "yes"
        else _("“%(theme)s” is marked as not reviewed.") % {"theme": theme.name},
    )
    return _back(theme)


@login_required
def theme_you_said(request: HttpRequest, found_theme_id: int) -> HttpResponse:
    theme = reads.theme_or_404(request=request, theme_id=found_theme_id, needs="edit")
    if replaced := _replaced(request, theme):
        return replaced
    consultation = _consultation_of(theme)
    form = YouSaidForm(
        request.POST if request.method == "POST" else None,
        choices=list(reads.you_said_choices(consultation=consultation)),
        initial={"you_said": str(theme.you_said_id or "")},
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form, edits.ThemeEditRefused, field="you_said"):
            chosen = form.chosen()
            edits.theme_link(actor=Actor.from_request(request), theme=theme, you_said=chosen)
            messages.success(
                request,
                _("“%(theme)s” is now under the “you said” theme “%(you_said)s”.")
                % {"theme": theme.name, "you_said": localised(chosen, "title")}
                if chosen
                else _("“%(theme)s” is not under any “you said” theme now.")
                % {"theme": theme.name},
            )
            return _back(theme)
    return form_page(
        request,
        form,
        caption=theme.name,
        title=_("Put the theme under a “you said” theme"),
        intro=""
        if form.you_said
        else _(
            "This consultation has no “you said” themes yet. Add them on the “You said, we did” "
            "page first."
        ),
        cancel="participation:themes",
        cancel_args=[consultation.pk],
    )
