"""You said, we did: staff write the council's answer back; children read it.

Staff pages fetch their records through selectors that give outsiders 404; any member may read,
only members who may edit can change anything (403 otherwise). The public pages need no sign-in
and show only what has been published.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.editing import (
    OPENED_FIELD,
    EditConflict,
    add_conflict_errors,
    opened_token,
    opened_values,
)
from childrights.core.form_pages import form_page, refusal_shown_on
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import localised
from childrights.participation.feedback import dates, public, staff, writes
from childrights.participation.forms.feedback import (
    CommitmentForm,
    CommitmentUpdateForm,
    ThemeForm,
)
from childrights.participation.models import Commitment, Consultation, FeedbackTheme
from childrights.participation.selectors import consultation_or_404
from childrights.participation.themes.reads import quotes_by_you_said

INDEX_PAGE_SIZE = 50


# --- staff ------------------------------------------------------------------------------------


@login_required
def feedback_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_or_404(request=request, consultation_id=consultation_id)
    return render(
        request,
        "participation/feedback/feedback.html",
        {
            "title": localised(consultation, "title"),
            "consultation": consultation,
            "council": consultation.council,
            "themes": _with_quotes(consultation),
            "commitments": staff.commitments(consultation=consultation),
            "unpublished": staff.unpublished_count(consultation=consultation),
            "overdue": bool(dates.overdue([consultation])),
            "reply_due": dates.reply_due(consultation),
            "can_edit": has_capability_in(request.user, consultation.council_id, "edit"),
        },
    )


def _with_quotes(consultation: Consultation) -> list[tuple[FeedbackTheme, list[str]]]:
    """Each "you said" theme, with the quotes from the themes in written answers put under it
    (``participation.themes``)."""
    quotes = quotes_by_you_said(consultation=consultation)
    return [(theme, quotes.get(theme.pk, [])) for theme in staff.themes(consultation=consultation)]


@login_required
def theme_new(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    form = ThemeForm(_posted(request), consultation=consultation)
    if request.method == "POST" and form.is_valid():
        writes.theme_create(
            actor=Actor.from_request(request), consultation=consultation, **form.cleaned_data
        )
        messages.success(
            request, _("The theme has been added. It is not public until you publish.")
        )
        return redirect("participation:feedback", consultation_id=consultation.pk)
    return _form_page(request, consultation, form, _("Add a theme: what children said"))


@login_required
def theme_edit(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = staff.theme_or_404(request=request, theme_id=theme_id, needs="edit")
    return _edit_page(
        request,
        theme,
        ThemeForm,
        partial(writes.theme_update, theme=theme),
        salt=f"participation.theme:{theme.pk}",
        saved=_("The theme has been saved."),
        title=_("Change the theme"),
    )


@login_required
def commitment_new(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    form = CommitmentForm(
        _posted(request),
        consultation=consultation,
        initial={"status": Commitment.Status.PLANNED},
    )
    if request.method == "POST" and form.is_valid():
        writes.commitment_create(
            actor=Actor.from_request(request), consultation=consultation, **form.cleaned_data
        )
        messages.success(
            request, _("The commitment has been added. It is not public until you publish.")
        )
        return redirect("participation:feedback", consultation_id=consultation.pk)
    return _form_page(request, consultation, form, _("Add a commitment: what we will do"))


@login_required
def commitment_edit(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = staff.commitment_or_404(request=request, commitment_id=commitment_id, needs="edit")
    return _edit_page(
        request,
        commitment,
        CommitmentForm,
        partial(writes.commitment_update, commitment=commitment),
        salt=f"participation.commitment:{commitment.pk}",
        saved=_("The commitment has been saved."),
        title=_("Change the commitment"),
    )


def _edit_page(
    request: HttpRequest,
    record: FeedbackTheme | Commitment,
    form_class: type[ThemeForm] | type[CommitmentForm],
    update: Callable[..., object],
    *,
    salt: str,
    saved: str,
    title: str,
) -> HttpResponse:
    """The page that changes a theme or a commitment (``update``, the service given the record)
    so that nobody silently reverts a colleague: what the page opened with travels signed with
    ``salt``, and a colleague's change to the same field since then is shown as a conflict."""
    consultation = record.consultation
    published = record.published_at is not None
    form = form_class(
        _posted(request),
        consultation=consultation,
        published=published,
        initial=_values(record, form_class),
    )
    opened = _opened(request, record, form_class, salt)
    if request.method == "POST" and form.is_valid():
        try:
            update(
                actor=Actor.from_request(request),
                opened=opened_values(opened, salt=salt),
                **form.cleaned_data,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except EditConflict as conflict:
            record.refresh_from_db()
            opened = opened_token(_values(record, form_class), salt=salt)
            add_conflict_errors(form, conflict, fresh_token=opened)
        else:
            messages.success(request, saved)
            return redirect("participation:feedback", consultation_id=consultation.pk)
    return _form_page(request, consultation, form, title, _published_intro(published), opened)


@login_required
def commitment_update(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = staff.commitment_or_404(request=request, commitment_id=commitment_id, needs="edit")
    consultation = commitment.consultation
    published = commitment.published_at is not None
    form = CommitmentUpdateForm(
        _posted(request),
        consultation=consultation,
        published=published,
        initial={
            "status": commitment.status,
            "reason_en": commitment.reason_en,
            "reason_cy": commitment.reason_cy,
        },
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            writes.commitment_update_add(
                actor=Actor.from_request(request), commitment=commitment, **form.cleaned_data
            )
            messages.success(
                request,
                _("The update has been added. Children can see it now.")
                if published
                else _("The update has been added. Children will see it when you publish."),
            )
            return redirect("participation:feedback", consultation_id=consultation.pk)
    return _form_page(
        request,
        consultation,
        form,
        _("Add an update"),
        _("To: %(commitment)s") % {"commitment": commitment.text_en},
    )


@login_required
def feedback_publish(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    if request.method == "POST":
        try:
            published = writes.feedback_publish(
                actor=Actor.from_request(request), consultation=consultation
            )
        except writes.NothingToPublish:
            messages.info(request, _("There is nothing new to publish."))
        except writes.WelshMissing as refused:
            messages.info(
                request,
                _(
                    "Nothing was published. Children can answer in Welsh, so first add the "
                    "Welsh for %(gaps)s."
                )
                % {"gaps": "; ".join(refused.gaps)},
            )
        else:
            messages.success(
                request,
                _("Published %(count)s themes and commitments. Children can see them now.")
                % {"count": published},
            )
        return redirect("participation:feedback", consultation_id=consultation.pk)
    return render(
        request,
        "participation/feedback/publish.html",
        {
            "consultation": consultation,
            "council": consultation.council,
            "unpublished": staff.unpublished_count(consultation=consultation),
        },
    )


def _form_page(
    request: HttpRequest,
    consultation: Consultation,
    form: Any,
    title: str,
    intro: str = "",
    opened: str = "",
) -> HttpResponse:
    return form_page(
        request,
        form,
        caption=localised(consultation, "title"),
        title=title,
        intro=intro,
        opened=opened,
        cancel="participation:feedback",
        cancel_args=[consultation.pk],
    )


def _values(record: FeedbackTheme | Commitment, form_class: type[Any]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in form_class.base_fields}


def _opened(
    request: HttpRequest, record: FeedbackTheme | Commitment, form_class: type[Any], salt: str
) -> str:
    """The values the editing page opened with: as sent back with the form, or as stored now
    when the page is first opened (``core.editing``)."""
    if request.method == "POST":
        return str(request.POST.get(OPENED_FIELD, ""))
    return opened_token(_values(record, form_class), salt=salt)


def _published_intro(published: bool) -> str:
    return (
        _("This is published: children see your changes as soon as you save.") if published else ""
    )


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one (which must show its errors)."""
    return request.POST if request.method == "POST" else None


# --- public -----------------------------------------------------------------------------------


def you_said_we_did(request: HttpRequest, link_key: str) -> HttpResponse:
    consultation = public.public_consultation_or_404(link_key=link_key)
    page = public.public_feedback(consultation=consultation)
    return render(
        request,
        "participation/feedback/you_said_we_did.html",
        {
            "title": localised(consultation, "title"),
            "consultation": consultation,
            "council": consultation.council,
            "page": page,
            "public_results": page.tables,
        },
    )


def you_said_we_did_index(request: HttpRequest) -> HttpResponse:
    consultations = Paginator(public.with_published_feedback(), INDEX_PAGE_SIZE)
    return render(
        request,
        "participation/feedback/index.html",
        {"page": consultations.get_page(request.GET.get("page"))},
    )
