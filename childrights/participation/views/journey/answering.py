"""Answering: the pages of one consultation, one question a page, for a child or for a member of
staff previewing it."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from childrights.participation import selectors
from childrights.participation.forms.journey import (
    AboutYouForm,
    AgeForm,
    NameForm,
    StartForm,
    answer_form,
)
from childrights.participation.journey import drafts, finding, receipts, sending, steps, words
from childrights.participation.journey.drafts import Journey
from childrights.participation.journey.steps import Step
from childrights.participation.models import Consultation, Question
from childrights.participation.submission import MAX_TEXT, Draft
from childrights.participation.views.journey.shell import TEMPLATES, _language_of, _shell


@never_cache
def start(request: HttpRequest, link_key: str) -> HttpResponse:
    consultation = finding.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    with _language_of(consultation):
        if not consultation.is_accepting():
            return _not_accepting(request, consultation)
        pages = _Pages(request, consultation, preview=False)
        code = sending.code_of(pages.journey.draft) if pages.journey else None
        if sending.is_full(consultation, code):
            context = {"consultation": consultation, **_shell(request, consultation)}
            return render(request, TEMPLATES + "full.html", context)
        answer = pages.respond()
    if receipts.RECEIPT_COOKIE in request.COOKIES:
        # A new start on this browser: the previous child's receipt is not shown again.
        receipts.receipt_forget(answer, link_key=link_key)
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
        self.questions = steps.questions_of(consultation)
        self.steps = steps.steps_for(consultation, self.questions)
        self.journey = drafts.journey_load(
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
            begun = drafts.journey_begin(
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
                "easy_read": words.offers_easy_read(self.questions),
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
        current.draft.language = words.answer_language()
        drafts.journey_save(
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
        initial = current.draft.age_band or (steps.PREFER_NOT_TO_SAY if answered else None)
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
        notice = steps.privacy_notice(current.draft.age_band)
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
        asked = words.wording_for(
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
        words.drop_unknown_answers(draft, self.questions)
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
        asked = words.wording_for(question, age_band=draft.age_band, easy_read=draft.easy_read)
        return {
            "key": asked.text,
            "lines": words.answer_lines(question, draft.answers.get(str(question.pk))),
            "change": self.url(step, change=True),
            "text": question.kind == Question.Kind.TEXT,
            "ranked": question.kind == Question.Kind.RANKING,
        }


def _age_question() -> str:
    return str(AgeForm.base_fields["age_band"].label)


def _age_label(consultation: Consultation, age_band: str) -> str:
    labels = dict(steps.age_bands_of(consultation))
    return labels.get(age_band or steps.PREFER_NOT_TO_SAY, age_band)
