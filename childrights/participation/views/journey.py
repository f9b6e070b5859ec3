"""The child's journey: find a consultation, answer one question per page, send, keep a receipt,
and come back with it. Staff preview the same pages, and nothing they answer is stored.

Every page of one consultation lives at one address; ``?step=`` says which page
(``age``, ``privacy``, ``q-<id>``, ``about-<key>``, ``name``, ``check``) and ``&change=1`` that the
child came from the check page and goes back there.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from childrights.core.clients import client_ip
from childrights.core.context_processors import page_shell
from childrights.participation import journey, selectors
from childrights.participation.forms.journey import (
    AboutYouForm,
    AgeForm,
    CodeForm,
    NameForm,
    ReceiptForm,
    StartForm,
    answer_form,
)
from childrights.participation.journey import Journey, Step
from childrights.participation.models import Consultation, Question
from childrights.participation.retry import retry_response
from childrights.participation.submission import (
    MAX_TEXT,
    Draft,
    InvalidAnswers,
    NotAccepting,
    SubmissionConflict,
)

TEMPLATES = "participation/journey/"
PER_PAGE = 50


@contextmanager
def _language_of(consultation: Consultation) -> Iterator[None]:
    """A consultation in one language is shown only in that language."""
    language = journey.page_language(consultation)
    if language is None:
        yield
        return
    with translation.override(language):
        yield


def _shell(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    """The language switch offers only the languages the consultation is in."""
    if journey.page_language(consultation) is None:
        return {}
    links = page_shell(request)["language_links"]
    return {"language_links": [link for link in links if link["current"]]}


# --- finding a consultation --------------------------------------------------------------------


def have_your_say(request: HttpRequest) -> HttpResponse:
    page = Paginator(journey.open_consultations(), PER_PAGE).get_page(request.GET.get("page"))
    demo_council = next(
        (consultation.council for consultation in page if consultation.council.is_demo), None
    )
    return render(
        request,
        TEMPLATES + "have_your_say.html",
        {"page": page, "code_form": CodeForm(auto_id="code-%s"), "demo_council": demo_council},
    )


def code_entry(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = CodeForm(initial={"code": request.GET.get("code", "")[:40]})
        return render(request, TEMPLATES + "code_entry.html", {"form": form})
    if not journey.guess_allowed(
        journey.CODE_GUESSES, session=request.session, address=client_ip(request)
    ):
        return render(request, TEMPLATES + "too_many_tries.html", status=429)
    form = CodeForm(request.POST)
    if form.is_valid() and form.access_code is not None:
        journey.guess_was_right(
            journey.CODE_GUESSES, session=request.session, address=client_ip(request)
        )
        journey.code_remember(request.session, code=form.access_code)
        return redirect("participation:start", link_key=form.access_code.consultation.link_key)
    return render(request, TEMPLATES + "code_entry.html", {"form": form})


# --- answering ---------------------------------------------------------------------------------


@never_cache
def start(request: HttpRequest, link_key: str) -> HttpResponse:
    consultation = journey.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    with _language_of(consultation):
        if not consultation.is_accepting():
            return _not_accepting(request, consultation)
        pages = _Pages(request, consultation, preview=False)
        code = journey.code_of(pages.journey.draft) if pages.journey else None
        if journey.is_full(consultation, code):
            context = {"consultation": consultation, **_shell(request, consultation)}
            return render(request, TEMPLATES + "full.html", context)
        answer = pages.respond()
    if journey.RECEIPT_COOKIE in request.COOKIES:
        # A new start on this browser: the previous child's receipt is not shown again.
        journey.receipt_forget(answer, link_key=link_key)
    return answer


@never_cache
@login_required
def preview(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(request=request, consultation_id=consultation_id)
    with _language_of(consultation):
        return _Pages(request, consultation, preview=True).respond()


def _not_accepting(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    not_yet = (
        consultation.status == Consultation.Status.OPEN
        and consultation.opens_on > timezone.localdate()
    )
    context = {"consultation": consultation, **_shell(request, consultation)}
    if not_yet:
        return render(request, TEMPLATES + "not_open_yet.html", context)
    return render(request, TEMPLATES + "closed.html", context, status=410)


class _Pages:
    """The pages of one consultation for one child (or one member of staff previewing)."""

    def __init__(self, request: HttpRequest, consultation: Consultation, *, preview: bool) -> None:
        self.request = request
        self.consultation = consultation
        self.preview = preview
        self.questions = journey.questions_of(consultation)
        self.steps = journey.steps_for(consultation, self.questions)
        self.journey = journey.journey_load(
            request.session, consultation=consultation, preview=preview
        )
        self.change = request.GET.get("change") == "1"
        if preview:
            self.base_url = reverse("participation:preview", args=[consultation.pk])
        else:
            self.base_url = reverse("participation:start", args=[consultation.link_key])

    def posted(self) -> Any:
        """The posted data, even when empty (an empty form is still a sent form)."""
        return self.request.POST if self.request.method == "POST" else None

    def url(self, step: Step | None, *, change: bool = False) -> str:
        if step is None:
            return self.base_url
        query = {"step": step.key, **({"change": "1"} if change else {})}
        return f"{self.base_url}?{urlencode(query)}"

    def step(self, key: str) -> Step | None:
        return next((step for step in self.steps if step.key == key), None)

    def render(self, template: str, context: dict[str, Any]) -> HttpResponse:
        return render(
            self.request,
            TEMPLATES + template,
            {
                "consultation": self.consultation,
                "council": self.consultation.council,
                "preview": self.preview,
                "start_url": self.base_url,
                "any_required": any(question.required for question in self.questions),
                **_shell(self.request, self.consultation),
                **context,
            },
        )

    def respond(self) -> HttpResponse:
        key = self.request.GET.get("step", "")
        if not key:
            return self.start_page()
        step = self.step(key)
        if self.journey is None or not self.journey.started:
            return redirect(self.base_url)
        if step is None:
            return redirect(self.url(self.steps[min(self.journey.reached, len(self.steps) - 1)]))
        index = self.steps.index(step)
        if index > self.journey.reached:
            return redirect(self.url(self.steps[self.journey.reached]))
        handler = getattr(self, f"page_{step.kind}")
        response: HttpResponse = handler(step, self.journey)
        return response

    def start_page(self) -> HttpResponse:
        form = StartForm(self.posted())
        if self.request.method == "POST" and form.is_valid():
            begun = journey.journey_begin(
                self.request.session,
                consultation=self.consultation,
                preview=self.preview,
                easy_read=form.cleaned_data["easy_read"],
            )
            return redirect(self.url(self.steps[begun.reached]))
        carry_on = None
        if self.journey is not None and self.journey.started and self.journey.reached > 0:
            carry_on = self.url(self.steps[min(self.journey.reached, len(self.steps) - 1)])
        return self.render(
            "start.html",
            {
                "form": form,
                "easy_read": journey.offers_easy_read(self.questions),
                "question_count": len(self.questions),
                "about_count": sum(1 for step in self.steps if step.kind == "about"),
                "with_code": bool(self.journey and self.journey.draft.access_code_id),
                "current_easy_read": bool(self.journey and self.journey.draft.easy_read),
                "carry_on_url": carry_on,
            },
        )

    # --- moving on ------------------------------------------------------------------------

    def back_url(self, step: Step) -> str:
        if self.change:
            return self.url(self.step("check"))
        index = self.steps.index(step)
        return self.url(self.steps[index - 1] if index > 0 else None)

    def advance(self, step: Step, current: Journey) -> HttpResponse:
        index = self.steps.index(step)
        current.reached = max(current.reached, index + 1)
        current.draft.language = journey.answer_language()
        journey.journey_save(
            self.request.session,
            consultation=self.consultation,
            preview=self.preview,
            journey=current,
        )
        if self.change:
            if step.kind == "age":
                return redirect(self.url(self.step("privacy"), change=True))
            return redirect(self.url(self.step("check")))
        return redirect(self.url(self.steps[index + 1]))

    def form_page(self, template: str, step: Step, form: Any, **context: Any) -> HttpResponse:
        return self.render(
            template,
            {
                "form": form,
                "step": step,
                "back_url": self.back_url(step),
                "action": self.url(step, change=self.change),
                **context,
            },
        )

    # --- the pages -----------------------------------------------------------------------

    def page_age(self, step: Step, current: Journey) -> HttpResponse:
        answered = current.reached > self.steps.index(step)
        initial = current.draft.age_band or (journey.PREFER_NOT_TO_SAY if answered else None)
        form = AgeForm(
            self.posted(),
            consultation=self.consultation,
            initial={"age_band": initial},
        )
        if self.request.method == "POST" and form.is_valid():
            current.draft.age_band = form.chosen_band()
            return self.advance(step, current)
        return self.form_page("age.html", step, form)

    def page_privacy(self, step: Step, current: Journey) -> HttpResponse:
        if self.request.method == "POST":
            return self.advance(step, current)
        notice = journey.privacy_notice(current.draft.age_band)
        return self.form_page(
            "privacy.html", step, None, notice=f"{TEMPLATES}privacy/{notice}.html"
        )

    def page_question(self, step: Step, current: Journey) -> HttpResponse:
        question = step.question
        if question is None:
            raise Http404
        form = answer_form(
            question,
            data=self.posted(),
            answer=current.draft.answers.get(str(question.pk)),
        )
        if self.request.method == "POST" and form.is_valid():
            answer = form.answer()
            if answer is None:
                current.draft.answers.pop(str(question.pk), None)
            else:
                current.draft.answers[str(question.pk)] = answer
            return self.advance(step, current)
        asked = journey.wording_for(
            question, age_band=current.draft.age_band, easy_read=current.draft.easy_read
        )
        return self.form_page(
            "question.html",
            step,
            form,
            asked=asked,
            kind=question.kind,
            max_text=MAX_TEXT,
        )

    def page_about(self, step: Step, current: Journey) -> HttpResponse:
        about = step.about
        if about is None:
            raise Http404
        form = AboutYouForm(
            self.posted(),
            about=about,
            initial={"value": current.draft.profile.get(about.key)},
        )
        if self.request.method == "POST" and form.is_valid():
            if form.cleaned_data["value"]:
                current.draft.profile[about.key] = form.cleaned_data["value"]
            else:
                current.draft.profile.pop(about.key, None)
            return self.advance(step, current)
        return self.form_page("about_you.html", step, form, about=about)

    def page_name(self, step: Step, current: Journey) -> HttpResponse:
        form = NameForm(self.posted(), initial={"name": current.draft.name})
        if self.request.method == "POST" and form.is_valid():
            current.draft.name = form.cleaned_data["name"].strip()
            return self.advance(step, current)
        return self.form_page("name.html", step, form)

    def page_check(self, step: Step, current: Journey) -> HttpResponse:
        draft = current.draft
        journey.drop_unknown_answers(draft, self.questions)
        rows: list[dict[str, Any]] = [
            {
                "key": _age_question(),
                "lines": [_age_label(self.consultation, draft.age_band)],
                "change": self.url(self.step("age"), change=True),
            }
        ]
        for each in self.steps:
            if each.kind == "question" and each.question is not None:
                rows.append(self.question_row(each, each.question, draft))
            elif each.kind == "about" and each.about is not None:
                value = draft.profile.get(each.about.key)
                rows.append(
                    {
                        "key": str(each.about.question),
                        "lines": [each.about.label(value)] if value else [],
                        "change": self.url(each, change=True),
                    }
                )
            elif each.kind == "name":
                rows.append(
                    {
                        "key": str(NameForm.base_fields["name"].label),
                        "lines": [draft.name] if draft.name else [],
                        "change": self.url(each, change=True),
                    }
                )
        return self.render(
            "check.html",
            {
                "rows": rows,
                "back_url": self.back_url(step),
                "payload": "" if self.preview else draft.sign(),
            },
        )

    def question_row(self, step: Step, question: Question, draft: Draft) -> dict[str, Any]:
        asked = journey.wording_for(question, age_band=draft.age_band, easy_read=draft.easy_read)
        return {
            "key": asked.text,
            "lines": journey.answer_lines(question, draft.answers.get(str(question.pk))),
            "change": self.url(step, change=True),
            "text": question.kind == Question.Kind.TEXT,
            "ranked": question.kind == Question.Kind.RANKING,
        }


def _age_question() -> str:
    return str(AgeForm.base_fields["age_band"].label)


def _age_label(consultation: Consultation, age_band: str) -> str:
    labels = dict(journey.age_bands_of(consultation))
    return labels.get(age_band or journey.PREFER_NOT_TO_SAY, age_band)


# --- sending -----------------------------------------------------------------------------------


@never_cache
@require_POST
def send(request: HttpRequest, link_key: str) -> HttpResponse:
    """Contract: ``payload`` (``Draft.sign()`` of the whole draft) and the CSRF token. Stored
    answers are answered with a redirect (303) to the receipt page, which shows the receipt
    from a signed cookie: refreshing it sends nothing again. The same payload sent again gets
    the same receipt."""
    consultation = journey.consultation_to_send(link_key)
    if consultation is None:
        raise Http404
    with _language_of(consultation):

        def refusal(template: str, status: int, **extra: Any) -> HttpResponse:
            context = {
                "consultation": consultation,
                "council": consultation.council,
                "start_url": reverse("participation:start", args=[link_key]),
                **_shell(request, consultation),
                **extra,
            }
            return render(request, TEMPLATES + template, context, status=status)

        try:
            draft = Draft.unsign(request.POST.get("payload", ""))
        except InvalidAnswers:
            return refusal("unreadable.html", 400)
        try:
            receipt = journey.answers_send(consultation=consultation, draft=draft)
        except journey.LimitReached as limit:
            payload = request.POST.get("payload", "")
            return refusal(
                "limit_reached.html", 429, full=limit.full, payload=payload, **_held(limit)
            )
        except SubmissionConflict as error:
            return refusal("conflict.html", 409, **_held(error))
        except InvalidAnswers as error:
            return refusal("invalid.html", 400, message=str(error), **_held(error))
        except NotAccepting as error:
            if consultation.is_accepting():
                return refusal("code_stopped.html", 409, **_held(error))
            return refusal("closed.html", 410, **_held(error))
        except DatabaseError:
            return retry_response(request)
        journey.journey_clear(request.session, consultation=consultation, preview=False)
        answer = HttpResponseRedirect(
            reverse("participation:sent", args=[link_key]), status=HTTPStatus.SEE_OTHER
        )
        journey.receipt_remember(answer, link_key=link_key, receipt=receipt)
        return answer


def _held(error: Exception) -> dict[str, bool]:
    """Whether the refused answers held a possible disclosure (``journey.answers_send``)."""
    return {"disclosure_held": bool(getattr(error, "disclosure_held", False))}


@never_cache
def sent(request: HttpRequest, link_key: str) -> HttpResponse:
    """The receipt of the answers this browser has just sent; with none, the start page."""
    consultation = journey.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    receipt = journey.receipt_recalled(request, link_key=link_key)
    if receipt is None:
        return redirect("participation:start", link_key=link_key)
    with _language_of(consultation):
        context = {
            "consultation": consultation,
            "council": consultation.council,
            "start_url": reverse("participation:start", args=[link_key]),
            "receipt": journey.spaced(receipt.code),
            "flagged": receipt.flagged,
            **_shell(request, consultation),
        }
        return render(request, TEMPLATES + "receipt.html", context)


def privacy_notice(request: HttpRequest, link_key: str) -> HttpResponse:
    """The whole privacy notice of one survey: who holds the answers, why, for how long, and
    who may see them."""
    consultation = journey.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    with _language_of(consultation):
        context = {
            "consultation": consultation,
            "council": consultation.council,
            "hide_leave": True,
            "draft_minutes": journey.CHILD_IDLE_SECONDS // 60,
            "receipt_minutes": journey.RECEIPT_SECONDS // 60,
            **_shell(request, consultation),
        }
        return render(request, TEMPLATES + "privacy_notice.html", context)


# --- leaving --------------------------------------------------------------------------------


@never_cache
@require_POST
def leave(request: HttpRequest, link_key: str) -> HttpResponse:
    """ "Leave and clear my answers": nothing of this child stays on the browser."""
    consultation = journey.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    journey.journey_leave(request.session, consultation=consultation)
    answer = redirect("participation:cleared")
    journey.receipt_forget(answer, link_key=link_key)
    return answer


@never_cache
def cleared(request: HttpRequest) -> HttpResponse:
    return render(request, TEMPLATES + "cleared.html")


@never_cache
def exit_page(request: HttpRequest, link_key: str) -> HttpResponse:
    """The quick exit: clear everything, as leaving does, and go straight to a neutral page on
    another site. A link, so it works without JavaScript; with it, GOV.UK Frontend's "Exit this
    page" also answers three presses of Shift."""
    consultation = journey.consultation_by_link(link_key)
    if consultation is not None:
        journey.journey_leave(request.session, consultation=consultation)
    answer = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    journey.receipt_forget(answer, link_key=link_key)
    return answer


# --- coming back with a receipt ----------------------------------------------------------------


@never_cache
def your_response(request: HttpRequest) -> HttpResponse:
    """The receipt code travels in the form, never in the address. A right code is kept in the
    session for a quarter of an hour and the child is sent on to see their answers (a redirect
    after the post, so Back and refresh never ask to send the form again)."""
    if request.method != "POST":
        return render(request, TEMPLATES + "your_response.html", {"form": ReceiptForm()})
    if not journey.guess_allowed(
        journey.RECEIPT_GUESSES, session=request.session, address=client_ip(request)
    ):
        return render(request, TEMPLATES + "too_many_tries.html", status=429)
    form = ReceiptForm(request.POST)
    if not form.is_valid() or form.response is None:
        return render(request, TEMPLATES + "your_response.html", {"form": form})
    journey.guess_was_right(
        journey.RECEIPT_GUESSES, session=request.session, address=client_ip(request)
    )
    response = form.response
    journey.receipt_seen_remember(request.session, receipt=response.receipt)
    request.session.pop(journey.JUST_WITHDRAWN_KEY, None)
    action = request.POST.get("action", "")
    if response.withdrawn_at is None and action == "confirm":
        return redirect("participation:your_response_withdraw")
    if response.withdrawn_at is None and action == "withdraw":
        journey.response_withdraw(response=response)
        request.session[journey.JUST_WITHDRAWN_KEY] = True
    return HttpResponseRedirect(
        reverse("participation:your_response_found"), status=HTTPStatus.SEE_OTHER
    )


def _receipt_context(request: HttpRequest) -> dict[str, Any] | None:
    response = journey.receipt_seen(request.session)
    if response is None:
        return None
    return {
        "response": response,
        "consultation": response.consultation,
        "council": response.consultation.council,
        "receipt": response.receipt,
        "spaced": journey.spaced(response.receipt),
    }


@never_cache
def your_response_found(request: HttpRequest) -> HttpResponse:
    context = _receipt_context(request)
    if context is None:
        return redirect("participation:your_response")
    response = context["response"]
    just_withdrawn = request.session.pop(journey.JUST_WITHDRAWN_KEY, False)
    with _language_of(response.consultation):
        return render(
            request,
            TEMPLATES + ("withdrawn.html" if just_withdrawn else "your_response_found.html"),
            {**context, "answers": journey.response_answers(response)},
        )


@never_cache
def your_response_withdraw(request: HttpRequest) -> HttpResponse:
    context = _receipt_context(request)
    if context is None:
        return redirect("participation:your_response")
    if context["response"].withdrawn_at is not None:
        return redirect("participation:your_response_found")
    return render(request, TEMPLATES + "withdraw_confirm.html", context)
