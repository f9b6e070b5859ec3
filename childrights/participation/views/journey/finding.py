"""Finding a consultation: the list of those open today, and entering a group's code."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from childrights.core.clients import client_ip
from childrights.participation import public_links
from childrights.participation.feedback import public
from childrights.participation.forms.journey import CodeForm
from childrights.participation.journey import drafts, finding
from childrights.participation.views.journey.shell import TEMPLATES

PER_PAGE = 50
# The consultations most recently answered back ("you said, we did") the page lists.
ANSWERED_SHOWN = 5


def have_your_say(request: HttpRequest) -> HttpResponse:
    page = Paginator(finding.open_consultations(), PER_PAGE).get_page(request.GET.get("page"))
    demo_council = next(
        (consultation.council for consultation in page if consultation.council.is_demo), None
    )
    answered = list(public.with_published_feedback()[:ANSWERED_SHOWN])
    changes = public_links.what_changed(answered)
    return render(
        request,
        TEMPLATES + "have_your_say.html",
        {
            "page": page,
            "code_form": CodeForm(auto_id="code-%s"),
            "demo_council": demo_council,
            "answered": [(c, changes.get(c.pk, "")) for c in answered],
        },
    )


def code_entry(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = CodeForm(initial={"code": request.GET.get("code", "")[:40]})
        return render(request, TEMPLATES + "code_entry.html", {"form": form})
    if not finding.guess_allowed(
        finding.CODE_GUESSES, session=request.session, address=client_ip(request)
    ):
        return render(request, TEMPLATES + "too_many_tries.html", status=429)
    form = CodeForm(request.POST)
    if form.is_valid() and form.access_code is not None:
        finding.guess_was_right(
            finding.CODE_GUESSES, session=request.session, address=client_ip(request)
        )
        drafts.code_remember(request.session, code=form.access_code)
        return redirect("participation:start", link_key=form.access_code.consultation.link_key)
    return render(request, TEMPLATES + "code_entry.html", {"form": form})
