"""The pledge: staff write it and its promises (members who edit; every member reads), and the
public page per council shows a published pledge's published promises."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.editing import EditConflict
from childrights.core.form_pages import form_page, refusal_shown_on
from childrights.core.permissions import has_capability_in
from childrights.councils.models import Council, Nation
from childrights.parenting import pledge as pledges
from childrights.parenting.forms.pledge import PledgeForm, PromiseForm, PromiseUpdateForm
from childrights.parenting.models import Pledge
from childrights.participation.feedback import writes as feedback_writes
from childrights.participation.models import Commitment


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _welsh(council: Council, pledge: Pledge | None) -> bool:
    if pledge is not None:
        return pledge.consultation.offers_welsh()
    return council.nation == Nation.WALES


@login_required
def pledge_page(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, programme_team=False)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    pledge = pledges.pledge_of(council)
    return render(
        request,
        "parenting/pledge/staff.html",
        {
            "council": council,
            "pledge": pledge,
            "promises": pledges.promises_shown(pledge) if pledge else [],
            "unpublished": pledges.unpublished_count(pledge) if pledge else 0,
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


@login_required
def pledge_edit(request: HttpRequest, council_id: int) -> HttpResponse:
    """Start the pledge (with its co-writing consultation), or change its introduction."""
    council = council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs="edit"
    )
    pledge = pledges.pledge_of(council)
    form = PledgeForm(
        _posted(request),
        welsh=_welsh(council, pledge),
        published=bool(pledge and pledge.published_at),
        initial={"intro_en": pledge.intro_en, "intro_cy": pledge.intro_cy} if pledge else None,
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            actor = Actor.from_request(request)
            if pledge is None:
                pledges.pledge_create(actor=actor, council=council, **form.cleaned_data)
                messages.success(
                    request,
                    _(
                        "The pledge has been started. Add its promises, and ask your Children "
                        "in Care Council through its consultation."
                    ),
                )
            else:
                pledges.pledge_update(actor=actor, pledge=pledge, **form.cleaned_data)
                messages.success(request, _("The introduction has been saved."))
            return redirect("parenting:pledge", council_id=council.pk)
    return form_page(
        request,
        form,
        caption=council.name,
        title=_("Start the pledge") if pledge is None else _("Change the introduction"),
        intro=_(
            "The pledge is the council’s promises to its children in care and care leavers, "
            "written with its Children in Care Council."
        ),
        cancel="parenting:pledge",
        cancel_args=[council.pk],
    )


@login_required
def promise_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs="edit"
    )
    pledge = pledges.pledge_of(council)
    if pledge is None:
        return redirect("parenting:pledge_edit", council_id=council.pk)
    form = PromiseForm(
        _posted(request),
        welsh=_welsh(council, pledge),
        initial={"status": Commitment.Status.PLANNED},
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            pledges.promise_add(
                actor=Actor.from_request(request), pledge=pledge, **form.cleaned_data
            )
            messages.success(
                request, _("The promise has been added. It is not public until you publish.")
            )
            return redirect("parenting:pledge", council_id=council.pk)
    return form_page(
        request,
        form,
        caption=council.name,
        title=_("Add a promise"),
        cancel="parenting:pledge",
        cancel_args=[council.pk],
    )


@login_required
def promise_edit(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = pledges.promise_or_404(request=request, commitment_id=commitment_id, needs="edit")
    council = commitment.consultation.council
    form = PromiseForm(
        _posted(request),
        welsh=commitment.consultation.offers_welsh(),
        published=commitment.published_at is not None,
        initial={
            "text_en": commitment.text_en,
            "text_cy": commitment.text_cy,
            "status": commitment.status,
            "reason_en": commitment.reason_en,
            "reason_cy": commitment.reason_cy,
            "principles": pledges.principle_slugs(commitment),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            pledges.promise_change(
                actor=Actor.from_request(request), commitment=commitment, **form.cleaned_data
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except EditConflict:
            form.add_error(
                None, _("Someone else changed this promise meanwhile: check it and save again.")
            )
        else:
            messages.success(request, _("The promise has been saved."))
            return redirect("parenting:pledge", council_id=council.pk)
    return form_page(
        request,
        form,
        caption=council.name,
        title=_("Change the promise"),
        intro=_("This is published: children see your changes as soon as you save.")
        if commitment.published_at
        else "",
        cancel="parenting:pledge",
        cancel_args=[council.pk],
    )


@login_required
def promise_update(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = pledges.promise_or_404(request=request, commitment_id=commitment_id, needs="edit")
    council = commitment.consultation.council
    published = commitment.published_at is not None
    form = PromiseUpdateForm(
        _posted(request),
        welsh=commitment.consultation.offers_welsh(),
        published=published,
        initial={
            "status": commitment.status,
            "reason_en": commitment.reason_en,
            "reason_cy": commitment.reason_cy,
        },
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            pledges.promise_update_add(
                actor=Actor.from_request(request), commitment=commitment, **form.cleaned_data
            )
            messages.success(
                request,
                _("The update has been added. Children can see it now.")
                if published
                else _("The update has been added. Children will see it when you publish."),
            )
            return redirect("parenting:pledge", council_id=council.pk)
    return form_page(
        request,
        form,
        caption=council.name,
        title=_("Add an update"),
        intro=_("To: %(promise)s") % {"promise": commitment.text_en},
        cancel="parenting:pledge",
        cancel_args=[council.pk],
    )


@login_required
def pledge_publish(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs="edit"
    )
    pledge = pledges.pledge_of(council)
    if request.method != "POST" or pledge is None:
        return redirect("parenting:pledge", council_id=council.pk)
    try:
        published = pledges.pledge_publish(actor=Actor.from_request(request), pledge=pledge)
    except pledges.NothingToPublish:
        messages.info(request, _("There is nothing new to publish."))
    except feedback_writes.WelshMissing as refused:
        messages.info(
            request,
            _("Nothing was published. First add the Welsh for %(gaps)s.")
            % {"gaps": "; ".join(refused.gaps)},
        )
    else:
        messages.success(
            request,
            _("Published. Promises made public now: %(count)s. Anyone can read the pledge.")
            % {"count": published},
        )
    return redirect("parenting:pledge", council_id=council.pk)


def public_pledge(request: HttpRequest, gss_code: str) -> HttpResponse:
    page = pledges.public_pledge_or_404(gss_code=gss_code)
    return render(
        request,
        "parenting/pledge/public.html",
        {"council": page.council, "pledge": page.pledge, "promises": page.promises},
    )
