"""The SEND local offer: the public pages (the councils' offers, one offer with what people said
and the council's answers, the comment form and its thank-you page) and the team's pages to
answer comments.

The public pages read only published services and published answers (``send_comments``). The
team's pages fetch through ``core.tenancy``: outsiders get 404, members without the capability
403. Comments held for the safeguarding leads never reach them (``held``).
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.editing import (
    OPENED_FIELD,
    Conflict,
    EditConflict,
    add_conflict_errors,
    opened_token,
    opened_values,
)
from childrights.core.form_pages import refusal_shown_on
from childrights.core.language import is_welsh
from childrights.directory import send_comments
from childrights.directory.forms.send_offer import WHOLE_OFFER, SendAnswerForm, SendCommentForm
from childrights.directory.models import SendComment
from childrights.participation.moderation import suggested_text

SAFE_METHODS = ["GET", "HEAD"]
HELD_KEY = "directory:send-comment-held"
ANSWER_SALT = "directory.send-comment-answer"

# --- public -----------------------------------------------------------------------------------


@require_GET
def offers_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/send_offer/list.html",
        {"councils": send_comments.councils_with_offer()},
    )


@require_GET
def offer_page(request: HttpRequest, gss_code: str) -> HttpResponse:
    council = send_comments.offer_council_or_404(gss_code=gss_code)
    return render(
        request,
        "directory/send_offer/offer.html",
        {
            "council": council,
            "services": send_comments.send_services(council=council),
            "comments": send_comments.public_comments(council=council),
        },
    )


@require_http_methods(["GET", "POST"])
def comment_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    council = send_comments.offer_council_or_404(gss_code=gss_code)
    about = request.GET.get("service", WHOLE_OFFER)
    form = SendCommentForm(
        request.POST or None,
        council=council,
        initial={"service": about, "submission": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["service"]
        with refusal_shown_on(form):
            comment = send_comments.send_comment_create(
                council=council,
                service=form.services.get(chosen) if chosen else None,
                commenter=form.cleaned_data["commenter"],
                text=form.cleaned_data["text"],
                language="cy" if is_welsh() else "en",
                actor=Actor.from_request(request),
                submission=form.cleaned_data["submission"],
            )
            # The thank-you page tells whoever wrote words that were held where to get help now;
            # only this browser's session knows, and only until that page is shown.
            request.session[HELD_KEY] = comment.held
            return redirect("directory:send_comment_sent", gss_code=council.gss_code)
    return render(request, "directory/send_offer/comment.html", {"council": council, "form": form})


@require_GET
def comment_sent(request: HttpRequest, gss_code: str) -> HttpResponse:
    council = send_comments.offer_council_or_404(gss_code=gss_code)
    held = bool(request.session.pop(HELD_KEY, False))
    return render(request, "directory/send_offer/sent.html", {"council": council, "held": held})


# --- the council's pages ----------------------------------------------------------------------


@login_required
def comment_list(request: HttpRequest, council_id: int) -> HttpResponse:
    # The comments as written, before anything is taken out: the council's editors only.
    council = council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs="edit"
    )
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    status = request.GET.get("status", SendComment.Status.NEW)
    if status not in SendComment.Status.values:
        status = SendComment.Status.NEW
    counts = send_comments.status_counts(council=council)
    return render(
        request,
        "directory/send_offer/comments.html",
        {
            "council": council,
            "status": status,
            "tabs": [(value, label, counts[value]) for value, label in SendComment.Status.choices],
            "comments": send_comments.council_comments(council=council, status=status),
            "can_edit": True,  # reaching the page needs it
        },
    )


@login_required
def comment_answer(request: HttpRequest, council_id: int, comment_id: int) -> HttpResponse:
    comment = send_comments.council_comment_or_404(
        request=request, council_id=council_id, comment_id=comment_id, needs="edit"
    )
    initial = {name: getattr(comment, name) for name in send_comments.ANSWER_FIELDS}
    if not comment.shown_text:
        initial["shown_text"] = suggested_text(comment.text)
    if comment.status != SendComment.Status.NEW:
        published = comment.status == SendComment.Status.PUBLISHED
        initial["decision"] = "publish" if published else "not_publish"
    form = SendAnswerForm(request.POST or None, council=comment.council, initial=initial)
    # What the page opened with, signed (core.editing): a colleague's answer given meanwhile is
    # kept, or shown as a conflict where both changed the same words.
    salt = f"{ANSWER_SALT}:{comment.pk}"
    if request.method == "POST":
        opened = str(request.POST.get(OPENED_FIELD, ""))
    else:
        opened = opened_token(send_comments.answer_values(comment), salt=salt)
    if request.method == "POST" and form.is_valid():
        try:
            with refusal_shown_on(form):
                status = send_comments.send_comment_answer(
                    actor=Actor.from_request(request),
                    comment=comment,
                    publish=form.publish,
                    values={name: form.cleaned_data[name] for name in send_comments.ANSWER_FIELDS},
                    opened=opened_values(opened, salt=salt),
                )
                if status is None:
                    messages.info(request, _("Nothing was changed."))
                elif status == SendComment.Status.PUBLISHED:
                    messages.success(request, _("The comment and your answer are published."))
                elif form.publish:
                    # The words were saved; a colleague's "do not publish" meanwhile stands.
                    messages.success(
                        request,
                        _("Your answer is saved. A colleague has decided not to publish it."),
                    )
                else:
                    messages.success(request, _("The comment will not be published."))
                return redirect("directory:send_comments", council_id=comment.council_id)
        except EditConflict as conflict:
            comment.refresh_from_db()
            opened = opened_token(send_comments.answer_values(comment), salt=salt)
            add_conflict_errors(form, _as_decision(conflict), fresh_token=opened)
    return render(
        request,
        "directory/send_offer/answer.html",
        {"council": comment.council, "comment": comment, "form": form, "opened": opened},
    )


def _as_decision(conflict: EditConflict) -> EditConflict:
    """A conflict over the comment's status, shown at the form's decision in words."""
    return EditConflict(
        [
            Conflict(
                key="decision",
                theirs=SendComment.Status(each.theirs).label,
                yours=SendComment.Status(each.yours).label,
            )
            if each.key == "status"
            else each
            for each in conflict.conflicts
        ]
    )
