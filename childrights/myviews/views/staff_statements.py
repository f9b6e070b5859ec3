"""A child's statement, for the workers the child sent it to: the words (each view audited), the
answer back to the child, and the PDF and JSON for the case file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.myviews import casefile, selectors, services
from childrights.myviews.forms.staff import ReplyForm
from childrights.myviews.models import Statement

SAFE_METHODS = ("GET", "HEAD")


def _page(request: HttpRequest, statement: Statement, form: ReplyForm) -> HttpResponse:
    services.statement_read(actor=Actor.from_request(request), statement=statement)
    view = casefile.statement_view(statement)
    return render(
        request,
        "myviews/staff/statement.html",
        {
            "council": statement.child.council,
            "child": statement.child,
            "statement": statement,
            "view": view,
            "form": form,
            "can_answer": view.reply is None or view.reply.seen_by_child_at is None,
        },
    )


@login_required
def statement(request: HttpRequest, statement_id: int) -> HttpResponseBase:
    found = selectors.statement_or_404(request=request, statement_id=statement_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    reply = casefile.statement_view(found).reply
    form = ReplyForm(initial={"text": reply.text} if reply else None)
    return _page(request, found, form)


@login_required
def statement_answer(request: HttpRequest, statement_id: int) -> HttpResponseBase:
    """The answer back to the child; it can change until the child has seen it."""
    found = selectors.statement_or_404(request=request, statement_id=statement_id)
    if request.method != "POST":
        return redirect("myviews:statement", statement_id=found.pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_write(
                actor=Actor.from_request(request), statement=found, text=form.cleaned_data["text"]
            )
        except ValueError:
            form.add_error(
                "text",
                _("The child has already seen your answer, so it can no longer be changed"),
            )
        else:
            messages.success(
                request,
                _("Your answer has been saved. The child sees it the next time they look."),
            )
            return redirect("myviews:statement", statement_id=found.pk)
    return _page(request, found, form)


def _download(request: HttpRequest, statement_id: int, format: str) -> HttpResponseBase:
    found = selectors.statement_or_404(request=request, statement_id=statement_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    content = casefile.statement_export(
        actor=Actor.from_request(request), statement=found, format=format
    )
    kind = "application/pdf" if format == "pdf" else "application/json"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="statement-{found.pk}.{format}"'
    add_never_cache_headers(response)
    return response


@login_required
def statement_pdf(request: HttpRequest, statement_id: int) -> HttpResponseBase:
    return _download(request, statement_id, "pdf")


@login_required
def statement_json(request: HttpRequest, statement_id: int) -> HttpResponseBase:
    return _download(request, statement_id, "json")
