"""The children a worker works with and their team manager's view; a child's record, workers,
meetings and code (the printable card); opening the child's space beside them.

Every page fetches through ``selectors`` (404 to anyone who does not reach the child, the
council's other staff included) before it looks at the method; every write is a service.
"""

import uuid

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.language import ENGLISH, WELSH, lang_of
from childrights.myviews import caseload, child_session, dates, due, selectors, services
from childrights.myviews.forms.staff import ChildForm, MeetingForm, WorkerForm
from childrights.myviews.models import Child, Statement

SAFE_METHODS = ("GET", "HEAD")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (behind login_required)
    return user


def _can(request: HttpRequest, capability: str, council_id: int) -> bool:
    return council_id in _user(request).council_ids(capability)


def _rhythm_note(council_nation: str) -> dates.Rhythm:
    return dates.rhythm_for(council_nation)


@login_required
def children(request: HttpRequest, council_id: int) -> HttpResponse:
    """ "Children I work with", and for team managers each of their teams."""
    council = selectors.council_for_workers_or_404(request=request, council_id=council_id)
    user = _user(request)
    today = timezone.localdate()
    # 50 children a page: a large council has several hundred.
    mine = caseload.page_of(caseload.allocated_to(user, council), request.GET.get("page"))
    return render(
        request,
        "myviews/staff/children.html",
        {
            "council": council,
            "mine_page": mine,
            "mine": caseload.rows_of(mine, council=council, today=today),
            "teams": caseload.team_views(user, council, today=today, pages=request.GET),
            "can_allocate": _can(request, selectors.ALLOCATES, council.pk),
            "rhythm": _rhythm_note(council.nation),
            "today": today,
        },
    )


def _card_parts(child: Child, code: str) -> list[dict[str, str]]:
    """The card's words in the child's language, then in English when that is Welsh."""
    link = _personal_link(child)
    languages = (WELSH, ENGLISH) if child.language == WELSH else (ENGLISH,)
    parts = []
    for code_name in languages:
        with translation.override(code_name):
            html = render_to_string(
                "myviews/staff/_card_part.html",
                {"child": child, "link": link, "code": code, "council": child.council},
            )
        parts.append({"lang": lang_of(code_name), "html": SafeString(html)})
    return parts


def _personal_link(child: Child) -> str:
    return django_settings.SITE_URL + reverse("myviews:child_start", args=[child.access_key])


def _card(request: HttpRequest, child: Child, code: str, *, new: bool) -> HttpResponse:
    """The printable card: shown once, never stored, never kept by the browser."""
    response = render(
        request,
        "myviews/staff/card.html",
        {
            "council": child.council,
            "child": child,
            "parts": _card_parts(child, code),
            "new": new,
        },
    )
    add_never_cache_headers(response)
    return response


@login_required
def child_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request,
        council_id=council_id,
        capability=selectors.WORKS_WITH_CHILDREN,
        programme_team=False,
        needs=selectors.ALLOCATES,
    )
    form = ChildForm(request.POST or None, council=council, initial={"submission": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            child, code = services.child_create(
                actor=Actor.from_request(request),
                council=council,
                **form.cleaned_data,
            )
        except services.FormAlreadyUsed:
            messages.error(
                request,
                _("That form was already used to add a child. Nothing was changed: start again."),
            )
            return redirect("myviews:child_new", council_id=council.pk)
        return _card(request, child, code, new=True)
    return render(
        request,
        "myviews/staff/child_form.html",
        {
            "council": council,
            "form": form,
            "child": None,
            "has_teams": selectors.teams_of(council).exists(),
        },
    )


@login_required
def child(request: HttpRequest, child_id: int) -> HttpResponseBase:
    found = selectors.child_or_404(request=request, child_id=child_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    user = _user(request)
    today = timezone.localdate()
    meetings = list(found.meetings.order_by("on", "pk"))
    statements = list(
        found.statements.filter(status=Statement.Status.SENT)
        .select_related("meeting", "reply", "child__council")
        .prefetch_related("readings", "recipients")
        .order_by("-sent_at", "-pk")
    )
    settings = selectors.settings_of(found.council)
    rows = []
    for statement in statements:
        rows.append(
            {
                "statement": statement,
                "readable": user in statement.recipients.all(),
                "read": len(statement.readings.all()),
                "reply": statement.reply if due.has_reply(statement) else None,
                "overdue": due.answer_overdue(statement, settings, today=today),
            }
        )
    drafts = found.statements.filter(status=Statement.Status.DRAFT).exists()
    return render(
        request,
        "myviews/staff/child.html",
        {
            "council": found.council,
            "child": found,
            "allocations": list(found.allocations.select_related("user", "role")),
            "meetings": meetings,
            "statements": rows,
            "has_draft": drafts,
            "sent_for": {statement.meeting_id for statement in statements},
            "review": caseload.review_timing(found, today=today, meetings=meetings),
            "rhythm": _rhythm_note(found.council.nation),
            "can_allocate": _can(request, selectors.ALLOCATES, found.council_id),
            "today": today,
            "waiting_alerts": list(
                found.alerts.filter(outcome="").order_by("-last_pressed_at", "-pk")
            ),
        },
    )


@login_required
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    found = selectors.child_or_404(request=request, child_id=child_id, needs=selectors.ALLOCATES)
    form = ChildForm(request.POST or None, instance=found, council=found.council)
    if request.method == "POST" and form.is_valid():
        services.child_update(
            actor=Actor.from_request(request), child=form.instance, changed=form.changed_data
        )
        messages.success(request, _("The child's record has been saved."))
        return redirect("myviews:child", child_id=found.pk)
    return render(
        request,
        "myviews/staff/child_form.html",
        {"council": found.council, "form": form, "child": found, "has_teams": True},
    )


@login_required
def child_workers(request: HttpRequest, child_id: int) -> HttpResponse:
    found = selectors.child_or_404(request=request, child_id=child_id, needs=selectors.ALLOCATES)
    allocations = list(found.allocations.select_related("user", "role"))
    taken = {allocation.user_id for allocation in allocations}
    possible = [m for m in selectors.allocatable(found.council) if m.user_id not in taken]
    form = WorkerForm(request.POST or None, memberships=possible)
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen()
        try:
            services.allocation_add(
                actor=Actor.from_request(request), child=found, user=chosen.user, role=chosen.role
            )
        except services.NotAWorker:
            form.add_error("membership", _("Choose the worker to allocate"))
        else:
            messages.success(
                request,
                _("%(name)s is now allocated to the child.")
                % {"name": chosen.user.full_name or chosen.user.email},
            )
            return redirect("myviews:child", child_id=found.pk)
    return render(
        request,
        "myviews/staff/workers.html",
        {"council": found.council, "child": found, "allocations": allocations, "form": form},
    )


@login_required
def allocation_remove(request: HttpRequest, allocation_id: int) -> HttpResponse:
    allocation = selectors.allocation_or_404(
        request=request, allocation_id=allocation_id, needs=selectors.ALLOCATES
    )
    found = allocation.child
    if request.method == "POST":
        services.allocation_remove(actor=Actor.from_request(request), allocation=allocation)
        messages.success(
            request,
            _("%(name)s is no longer allocated to the child.")
            % {"name": allocation.user.full_name or allocation.user.email},
        )
        if selectors.children_reachable(_user(request)).filter(pk=found.pk).exists():
            return redirect("myviews:child", child_id=found.pk)
        return redirect("myviews:children", council_id=found.council_id)
    return render(
        request,
        "myviews/staff/allocation_remove.html",
        {"council": found.council, "child": found, "allocation": allocation},
    )


@login_required
def child_code(request: HttpRequest, child_id: int) -> HttpResponse:
    """Ask, then give the child a new code: the old one stops working."""
    found = selectors.child_or_404(
        request=request, child_id=child_id, needs=selectors.ALLOCATES, allocated=True
    )
    if request.method == "POST":
        code = services.code_issue(actor=Actor.from_request(request), child=found)
        return _card(request, found, code, new=False)
    return render(
        request, "myviews/staff/code_confirm.html", {"council": found.council, "child": found}
    )


@login_required
def meeting_new(request: HttpRequest, child_id: int) -> HttpResponse:
    found = selectors.child_or_404(request=request, child_id=child_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.meeting_add(actor=Actor.from_request(request), child=found, **form.cleaned_data)
        messages.success(request, _("The meeting has been added."))
        return redirect("myviews:child", child_id=found.pk)
    today = timezone.localdate()
    return render(
        request,
        "myviews/staff/meeting_form.html",
        {
            "council": found.council,
            "child": found,
            "form": form,
            "review": caseload.review_timing(found, today=today),
            "rhythm": _rhythm_note(found.council.nation),
        },
    )


@login_required
def meeting_invite(request: HttpRequest, meeting_id: int) -> HttpResponseBase:
    """Mark that the child was asked for their views before this meeting."""
    meeting = selectors.meeting_or_404(request=request, meeting_id=meeting_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.meeting_invite(actor=Actor.from_request(request), meeting=meeting)
    messages.success(request, _("Marked as asked for their views."))
    back = request.POST.get("next", "")
    if back == "children":
        return redirect("myviews:children", council_id=meeting.child.council_id)
    return redirect("myviews:child", child_id=meeting.child_id)


@login_required
def child_with_worker(request: HttpRequest, child_id: int) -> HttpResponseBase:
    """Open the child's own space on this device, in the simpler pages, to use beside them."""
    found = selectors.child_or_404(request=request, child_id=child_id, allocated=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.space_opened_with_worker(actor=Actor.from_request(request), child=found)
    child_session.visit_open(request.session, child=found, worker_id=_user(request).pk)
    return redirect("myviews:child_home", access_key=found.access_key)
