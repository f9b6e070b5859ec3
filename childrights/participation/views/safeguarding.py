"""The safeguarding queue, a concern and its decisions, the council's own phrases (safeguarding
leads only: anyone else gets 404), and moderation of written answers (members who may edit).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.form_pages import refusal_shown_on
from childrights.core.presenters import localised
from childrights.participation import moderation, redaction, safeguarding
from childrights.participation.forms.safeguarding import (
    AssignForm,
    DecisionForm,
    FollowUpForm,
    PhraseForm,
    QuoteForm,
)
from childrights.participation.selectors import consultation_or_404

PAGE_SIZE = 50


# --- safeguarding leads --------------------------------------------------------------------------


@login_required
def concerns(request: HttpRequest, council_id: int) -> HttpResponse:
    council = safeguarding.council_or_404(request=request, council_id=council_id)
    safeguarding.queue_view(actor=Actor.from_request(request), council=council)
    # A long queue comes a page at a time, most urgent first, as the decided ones do.
    waiting = Paginator(safeguarding.waiting_concerns(council=council), PAGE_SIZE).get_page(
        request.GET.get("waiting")
    )
    decided = Paginator(safeguarding.decided_concerns(council=council), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/safeguarding/concerns.html",
        {
            "council": council,
            "waiting": waiting,
            "waiting_rows": safeguarding.queue_rows(list(waiting)),
            "decided": decided,
            "decided_rows": safeguarding.queue_rows(list(decided)),
            "review": safeguarding.first_review_times(council=council),
        },
    )


@login_required
def concern(request: HttpRequest, concern_id: int) -> HttpResponse:
    """One concern: what the child wrote, and the lead's work on it. Each form on the page sends
    its ``action``: a decision, "reviewed", who looks after it, a follow-up, a follow-up done."""
    found = safeguarding.concern_or_404(request=request, concern_id=concern_id)
    action = request.POST.get("action", "decision") if request.method == "POST" else ""
    form = DecisionForm(request.POST if action == "decision" else None, concern=found)
    assign_form = AssignForm(request.POST if action == "assign" else None, concern=found)
    follow_up_form = FollowUpForm(request.POST if action == "follow_up" else None)
    done = None
    if action == "reviewed":
        safeguarding.concern_mark_reviewed(actor=Actor.from_request(request), concern=found)
        done = _("Recorded that you have reviewed this concern.")
    elif action == "assign" and assign_form.is_valid():
        safeguarding.concern_assign(
            actor=Actor.from_request(request), concern=found, lead=assign_form.chosen()
        )
        done = _("Saved who is looking after this concern.")
    elif action == "follow_up" and follow_up_form.is_valid():
        safeguarding.follow_up_add(
            actor=Actor.from_request(request),
            concern=found,
            action=follow_up_form.cleaned_data["what"],
            due_on=follow_up_form.cleaned_data["due_on"],
        )
        done = _("The follow-up has been added.")
    elif action == "follow_up_done":
        number = _number(request.POST.get("follow_up"))
        follow_up = found.follow_ups.filter(pk=number).first() if number else None
        if follow_up is not None:
            safeguarding.follow_up_done(actor=Actor.from_request(request), follow_up=follow_up)
            done = _("The follow-up is marked as done.")
    elif action == "decision" and form.is_valid():
        safeguarding.decision_record(
            actor=Actor.from_request(request), concern=found, **form.cleaned_data
        )
        done = _("The decision has been recorded.")
    if done is not None:
        messages.success(request, done)
        return redirect("participation:concern", concern_id=found.pk)
    safeguarding.concern_view(actor=Actor.from_request(request), concern=found)
    return render(
        request,
        "participation/safeguarding/concern.html",
        {
            "council": found.council,
            "concern": found,
            "title": localised(found.consultation, "title"),
            "detail": safeguarding.concern_detail(concern=found),
            "form": form,
            "assign_form": assign_form,
            "follow_up_form": follow_up_form,
            "today": timezone.localdate(),
        },
    )


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def phrases(request: HttpRequest, council_id: int) -> HttpResponse:
    council = safeguarding.council_or_404(request=request, council_id=council_id)
    form = PhraseForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            safeguarding.phrase_add(
                actor=Actor.from_request(request), council=council, **form.cleaned_data
            )
        except safeguarding.PhraseExists:
            form.add_error("phrase", _("This phrase is already in the list"))
        else:
            messages.success(request, _("The phrase has been added."))
            return redirect("participation:phrases", council_id=council.pk)
    return render(
        request,
        "participation/safeguarding/phrases.html",
        {
            "council": council,
            "shipped": safeguarding.shipped_phrases(),
            "own": safeguarding.council_phrases(council=council),
            "form": form,
        },
    )


@login_required
def phrase_delete(request: HttpRequest, phrase_id: int) -> HttpResponse:
    phrase = safeguarding.phrase_or_404(request=request, phrase_id=phrase_id)
    council_id = phrase.council_id
    if request.method == "POST":
        safeguarding.phrase_delete(actor=Actor.from_request(request), phrase=phrase)
        messages.success(request, _("The phrase has been removed."))
        return redirect("participation:phrases", council_id=council_id)
    return render(request, "participation/safeguarding/phrase_delete.html", {"phrase": phrase})


# --- moderation ----------------------------------------------------------------------------------


@login_required
def moderation_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    page = Paginator(moderation.awaiting(consultation=consultation), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/safeguarding/moderation.html",
        {
            "council": consultation.council,
            "consultation": consultation,
            "title": localised(consultation, "title"),
            "page": page,
            "counts": moderation.counts(consultation=consultation),
            "quotes": moderation.approved_quotes(consultation),
        },
    )


@login_required
def moderate(request: HttpRequest, answer_id: int) -> HttpResponse:
    answer = moderation.answer_or_404(request=request, answer_id=answer_id, needs="edit")
    consultation = answer.question.consultation
    earlier = getattr(answer, "quote", None)
    initial = {
        "status": earlier.status if earlier else "",
        "redacted": earlier.redacted
        if earlier and earlier.redacted
        else moderation.suggested_text(answer.text),
    }
    form = QuoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form, moderation.QuoteRefused):
            moderation.quote_decide(
                actor=Actor.from_request(request),
                answer=answer,
                status=form.cleaned_data["status"],
                redacted=form.cleaned_data["redacted"],
            )
            messages.success(request, _("The decision on this answer has been saved."))
            return redirect("participation:moderation", consultation_id=consultation.pk)
    return render(
        request,
        "participation/safeguarding/moderate.html",
        {
            "council": consultation.council,
            "consultation": consultation,
            "title": localised(consultation, "title"),
            "answer": answer,
            "question": localised(answer.question, "text"),
            "pieces": redaction.highlighted(answer.text),
            "earlier": earlier,
            "form": form,
        },
    )
