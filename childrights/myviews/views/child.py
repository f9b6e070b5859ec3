"""The child's own space, reached by their personal link and code.

Every page finds the child by the link (404 for a link that is not a child's), shows itself in
the language the child chose (the language switch wins once used), is never stored by the
browser (shared devices) and, but for the code page and the "I don't feel safe" button, opens
only with a visit this browser opened with the child's current code.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from childrights.myviews import child_session, selectors, services
from childrights.myviews.child_session import Visit
from childrights.myviews.child_words import your_role_named
from childrights.myviews.forms.child import (
    FACE_WORDS,
    AddForm,
    ChangeCodeForm,
    CodeForm,
    ListenedForm,
    SendForm,
    TopicForm,
    worker_label,
)
from childrights.myviews.models import Alert, Child, Reply, Statement
from childrights.myviews.templates_data import Wording, wording
from childrights.participation.faces import face_svg
from childrights.participation.models import AgeBand

TEMPLATES = "myviews/child/"
ChildView = Callable[..., HttpResponse]


def _language(request: HttpRequest, child: Child) -> str:
    """The language the child chose on their record, until they use the language switch."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else child.language


def _found(access_key: str) -> Child:
    child = selectors.child_by_access_key(access_key)
    if child is None:
        raise Http404
    return child


def _not_allowed() -> HttpResponse:
    return HttpResponseNotAllowed(["POST"])


def _not_stored(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


def child_page(view: ChildView) -> ChildView:
    """A page of the child's space: only with the child's own visit, else the code page."""

    @wraps(view)
    def page(request: HttpRequest, access_key: str, **kwargs: Any) -> HttpResponse:
        child = _found(access_key)
        with translation.override(_language(request, child)):
            visit = child_session.visit_of(request.session, child)
            if visit is None:
                return _not_stored(redirect("myviews:child_start", access_key=access_key))
            return _not_stored(view(request, Space(child=child, visit=visit), **kwargs))

    return page


@dataclass(frozen=True)
class Space:
    """The child and how their pages are shown."""

    child: Child
    visit: Visit

    @property
    def simple(self) -> bool:
        """Pictures and faces, large buttons, fewer words: a child under 8, one with additional
        needs, or one writing beside their worker."""
        return (
            self.child.simple_mode
            or self.visit.with_worker
            or self.child.age_band == AgeBand.AGE_4_7
        )

    def wording(self, statement: Statement) -> Wording:
        return wording(
            statement.template,
            age_band=self.child.age_band,
            simple=self.simple,
            language=translation.get_language() or "en-gb",
        )


def _render(
    request: HttpRequest,
    child: Child,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    simple: bool = False,
    status: int = 200,
) -> HttpResponse:
    shared = {
        "child": child,
        "access_key": child.access_key,
        "simple": simple,
        "unsafe_submission": secrets.token_urlsafe(16),
    }
    return render(request, TEMPLATES + template, shared | (context or {}), status=status)


def _page(
    request: HttpRequest, space: Space, template: str, context: dict[str, Any] | None = None
) -> HttpResponse:
    return _render(
        request, space.child, template, {"in_space": True} | (context or {}), simple=space.simple
    )


# --- coming in and going out ----------------------------------------------------------------------


def child_start(request: HttpRequest, access_key: str) -> HttpResponse:
    """Type your code. Guesses are slowed (a wait of minutes), never locked for good."""
    child = _found(access_key)
    with translation.override(_language(request, child)):
        if child_session.visit_of(request.session, child) is not None:
            return _not_stored(redirect("myviews:child_home", access_key=access_key))
        form = CodeForm(request.POST if request.method == "POST" else None)
        status = 200
        if form.is_valid():
            if request.session.session_key is None:
                request.session.save()
            tried = services.code_try(
                child, form.cleaned_data["code"], browser=request.session.session_key or ""
            )
            if tried.ok:
                child_session.visit_open(request.session, child=child)
                return _not_stored(redirect("myviews:child_home", access_key=access_key))
            if tried.wait_minutes:
                status = 429
                form.add_error(
                    "code",
                    ngettext(
                        "You have tried a lot of times. Wait %(minutes)s minute, then try again.",
                        "You have tried a lot of times. Wait %(minutes)s minutes, then try again.",
                        tried.wait_minutes,
                    )
                    % {"minutes": tried.wait_minutes},
                )
            else:
                form.add_error("code", _("That code is not right. Check the card and try again."))
        simple = child.simple_mode or child.age_band == AgeBand.AGE_4_7
        return _not_stored(
            _render(request, child, "start.html", {"form": form}, simple=simple, status=status)
        )


def child_leave(request: HttpRequest, access_key: str) -> HttpResponse:
    """Leave: the visit ends, so the next person on this device sees nothing."""
    child = _found(access_key)
    if request.method != "POST":
        return _not_allowed()
    child_session.visit_end(request.session, keep_the_rest=request.user.is_authenticated)
    with translation.override(_language(request, child)):
        messages.success(request, _("You have left. To come back, type your code."))
    return _not_stored(redirect("myviews:child_start", access_key=access_key))


def child_exit(request: HttpRequest, access_key: str) -> HttpResponse:
    """The quick exit: end the visit and go straight to a page on another site. A link, so it
    works without JavaScript."""
    child = selectors.child_by_access_key(access_key)
    if child is not None and child_session.visit_of(request.session, child) is not None:
        child_session.visit_end(request.session, keep_the_rest=request.user.is_authenticated)
    return _not_stored(HttpResponseRedirect(settings.QUICK_EXIT_URL))


def child_unsafe(request: HttpRequest, access_key: str) -> HttpResponse:
    """ "I don't feel safe": the safeguarding leads and the child's workers are told now, and
    the child is told what happens next and who to call. It works even when the visit has ended
    (the child may not remember their code when it matters most); the same press sent twice
    keeps one alert."""
    child = _found(access_key)
    if request.method != "POST":
        return _not_allowed()
    services.alert_raise(
        child=child,
        source=Alert.Source.BUTTON,
        submission=request.POST.get("submission", "")[:40],
    )
    with translation.override(_language(request, child)):
        visit = child_session.visit_of(request.session, child)
        space = Space(child=child, visit=visit) if visit is not None else None
        context = {
            "emergency_duty_phone": selectors.settings_of(child.council).emergency_duty_phone,
            "is_adult": child.is_adult,
            "in_space": space is not None,
        }
        simple = space.simple if space is not None else child.simple_mode
        return _not_stored(_render(request, child, "unsafe.html", context, simple=simple))


# --- home -----------------------------------------------------------------------------------------


@child_page
def child_home(request: HttpRequest, space: Space) -> HttpResponse:
    child = space.child
    meeting = services.next_meeting(child)
    # Whatever meeting it was started for: writing again carries it on (services.statement_draft).
    draft = (
        child.statements.filter(status=Statement.Status.DRAFT)
        .exclude(answers={})
        .order_by("-updated_at", "-pk")
        .first()
    )
    sent = list(
        sent_statements(space).select_related("meeting", "reply").order_by("-sent_at", "-pk")
    )
    return _page(
        request,
        space,
        "home.html",
        {
            "meeting": meeting,
            "draft": draft,
            "sent": [_sent_summary(statement) for statement in sent],
        },
    )


def _sent_summary(statement: Statement) -> dict[str, Any]:
    reply = _reply_of(statement)
    return {
        "statement": statement,
        "answered": reply is not None,
        "new_answer": reply is not None and reply.seen_by_child_at is None,
    }


def _reply_of(statement: Statement) -> Reply | None:
    try:
        return statement.reply
    except Reply.DoesNotExist:
        return None


# --- writing --------------------------------------------------------------------------------------


def _answer_rows(space: Space, statement: Statement, *, link: bool = True) -> list[dict[str, Any]]:
    words = space.wording(statement)
    rows = []
    for topic in words.topics:
        answer = statement.answers.get(topic.slug) or {}
        face = answer.get("face", "")
        rows.append(
            {
                "topic": topic,
                "face": face_svg(face) if face else "",
                "face_words": FACE_WORDS.get(face, ""),
                "text": answer.get("text", ""),
                "said": bool(face or answer.get("text")),
                "change": reverse(
                    "myviews:child_topic",
                    kwargs={"access_key": space.child.access_key, "topic": topic.slug},
                )
                if link
                else "",
            }
        )
    return rows


@child_page
def child_write(request: HttpRequest, space: Space) -> HttpResponse:
    statement = services.statement_draft(child=space.child, with_worker=space.visit.with_worker)
    rows = _answer_rows(space, statement)
    return _page(
        request,
        space,
        "write.html",
        {
            "statement": statement,
            "wording": space.wording(statement),
            "rows": rows,
            "any_said": any(row["said"] for row in rows),
            "meeting": statement.meeting,
        },
    )


@child_page
def child_topic(request: HttpRequest, space: Space, topic: str) -> HttpResponse:
    statement = services.statement_draft(child=space.child, with_worker=space.visit.with_worker)
    words = space.wording(statement)
    found = words.topic(topic)
    if found is None:
        raise Http404
    slugs = [each.slug for each in words.topics]
    place = slugs.index(topic)
    answer = statement.answers.get(topic) or {}
    if request.method == "POST":
        form = TopicForm(request.POST)
        if form.is_valid():
            try:
                services.statement_answer(
                    statement=statement,
                    topic=topic,
                    face=form.cleaned_data["face"],
                    text=form.cleaned_data["text"],
                )
            except services.NotADraft:
                return redirect("myviews:child_write", access_key=space.child.access_key)
            if "to_list" in request.POST or place + 1 == len(slugs):
                name = (
                    "myviews:child_check"
                    if "to_list" not in request.POST
                    else "myviews:child_write"
                )
                return redirect(name, access_key=space.child.access_key)
            return redirect(
                "myviews:child_topic", access_key=space.child.access_key, topic=slugs[place + 1]
            )
    else:
        form = TopicForm(initial={"face": answer.get("face", ""), "text": answer.get("text", "")})
    return _page(
        request,
        space,
        "topic.html",
        {
            "form": form,
            "topic": found,
            "number": place + 1,
            "total": len(slugs),
            "last": place + 1 == len(slugs),
            "back_url": reverse(
                "myviews:child_topic",
                kwargs={"access_key": space.child.access_key, "topic": slugs[place - 1]},
            )
            if place
            else reverse("myviews:child_write", kwargs={"access_key": space.child.access_key}),
        },
    )


@child_page
def child_check(request: HttpRequest, space: Space) -> HttpResponse:
    """Check what you said, choose who sees it, send. Sending the same page twice keeps one
    statement: the form names the statement it sends."""
    child = space.child
    if request.method == "POST":
        form = SendForm(request.POST, child=child)
        statement = _draft_named(child, request.POST.get("statement", ""))
        if statement is None:
            return redirect("myviews:child_write", access_key=child.access_key)
        if statement.status == Statement.Status.SENT:
            return redirect(
                "myviews:child_statement", access_key=child.access_key, statement_id=statement.pk
            )
        if not statement.answers:
            form.is_valid()
            form.add_error(None, _("Say something about at least one thing before you send it."))
        elif form.is_valid():
            chosen = [int(pk) for pk in form.cleaned_data["recipients"]]
            try:
                services.statement_send(statement=statement, recipient_ids=chosen)
            except services.NothingToSend:
                form.add_error("recipients", _("Choose who you want to see it"))
            else:
                messages.success(request, _("Your views are sent."))
                return redirect(
                    "myviews:child_statement",
                    access_key=child.access_key,
                    statement_id=statement.pk,
                )
    else:
        statement = services.statement_draft(child=child, with_worker=space.visit.with_worker)
        form = SendForm(initial={"statement": statement.pk}, child=child)
    rows = _answer_rows(space, statement)
    return _page(
        request,
        space,
        "check.html",
        {
            "form": form,
            "statement": statement,
            "rows": rows,
            "any_said": any(row["said"] for row in rows),
            "wording": space.wording(statement),
        },
    )


def _draft_named(child: Child, statement_id: str) -> Statement | None:
    if not statement_id.isdigit():
        return None
    return child.statements.filter(pk=int(statement_id)).select_related("template").first()


# --- what I sent ----------------------------------------------------------------------------------


def sent_statements(space: Space) -> QuerySet[Statement]:
    """What the child sent. In a visit a worker opened beside the child, only what the child
    sent to that worker: the rest is the child's to show."""
    sent = space.child.statements.filter(status=Statement.Status.SENT)
    if space.visit.with_worker:
        sent = sent.filter(recipients=space.visit.worker_id)
    return sent


def _sent_or_404(space: Space, statement_id: int) -> Statement:
    statement = (
        sent_statements(space).filter(pk=statement_id).select_related("template", "meeting").first()
    )
    if statement is None:
        raise Http404
    return statement


def _seen_by(statement: Statement) -> list[str]:
    """ "Seen by your social worker on 3 March", once for each worker who has read it."""
    return [
        _("Seen by %(who)s on %(day)s")
        % {
            "who": your_role_named(reading.role_name_en),
            "day": date_format(_local(reading.first_read_at), "j F Y"),
        }
        for reading in statement.readings.all()
    ]


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def _sent_to(statement: Statement) -> list[str]:
    """Who the child sent it to: "Jo Smith, your social worker"."""
    allocations = {
        allocation.user_id: allocation
        for allocation in statement.child.allocations.select_related("user", "role")
    }
    labels = []
    for person in statement.recipients.all():
        allocation = allocations.get(person.pk)
        labels.append(worker_label(allocation) if allocation else str(person))
    return labels


def _statement_page(
    request: HttpRequest,
    space: Space,
    statement: Statement,
    *,
    add_form: AddForm | None = None,
    listened_form: ListenedForm | None = None,
    status: int = 200,
) -> HttpResponse:
    reply = _reply_of(statement)
    if reply is not None and not space.visit.with_worker:
        # Seen by the child on their own: a worker's visit beside them does not count.
        services.reply_seen(reply)
    response = _page(
        request,
        space,
        "statement.html",
        {
            "statement": statement,
            "rows": [row for row in _answer_rows(space, statement, link=False) if row["said"]],
            "additions": list(statement.additions.all()),
            "sent_to": _sent_to(statement),
            "seen_by": _seen_by(statement),
            "reply": reply,
            "listened_answer": Reply.Listened(reply.listened).label
            if reply is not None and reply.listened
            else "",
            "add_form": add_form or AddForm(auto_id="add-%s"),
            "listened_form": listened_form or ListenedForm(auto_id="listened-%s"),
        },
    )
    response.status_code = status
    return response


@child_page
def child_statement(request: HttpRequest, space: Space, statement_id: int) -> HttpResponse:
    statement = _sent_or_404(space, statement_id)
    return _statement_page(request, space, statement)


@child_page
def child_listened(request: HttpRequest, space: Space, statement_id: int) -> HttpResponse:
    statement = _sent_or_404(space, statement_id)
    if request.method != "POST":
        return _not_allowed()
    reply = _reply_of(statement)
    if reply is None:
        raise Http404
    form = ListenedForm(request.POST, auto_id="listened-%s")
    if not form.is_valid():
        return _statement_page(request, space, statement, listened_form=form, status=400)
    services.listened_record(reply=reply, listened=form.cleaned_data["listened"])
    messages.success(request, _("Thank you for telling us."))
    return redirect(
        "myviews:child_statement", access_key=space.child.access_key, statement_id=statement.pk
    )


@child_page
def child_add(request: HttpRequest, space: Space, statement_id: int) -> HttpResponse:
    statement = _sent_or_404(space, statement_id)
    if request.method != "POST":
        return _not_allowed()
    form = AddForm(request.POST, auto_id="add-%s")
    if not form.is_valid():
        return _statement_page(request, space, statement, add_form=form, status=400)
    services.addition_add(statement=statement, text=form.cleaned_data["text"])
    messages.success(request, _("What you added is sent."))
    return redirect(
        "myviews:child_statement", access_key=space.child.access_key, statement_id=statement.pk
    )


# --- my code --------------------------------------------------------------------------------------


@child_page
def child_code(request: HttpRequest, space: Space) -> HttpResponse:
    """Choose your own code. Other devices that opened your space with the old code are shut;
    this one stays open."""
    child = space.child
    form = ChangeCodeForm(request.POST if request.method == "POST" else None, child=child)
    if form.is_valid():
        try:
            services.code_change(child=child, code=form.cleaned_data["code"])
        except services.CodeNotAllowed as problem:
            form.add_error("code", str(problem))
        else:
            child_session.visit_open(request.session, child=child, worker_id=space.visit.worker_id)
            messages.success(request, _("Your code is changed. Use your new code next time."))
            return redirect("myviews:child_home", access_key=child.access_key)
    return _page(request, space, "code.html", {"form": form})
