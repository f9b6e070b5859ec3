"""A council's self-assessment against the seven principles, round by round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.form_pages import form_page
from childrights.core.permissions import has_capability_in
from childrights.outcomes import self_assessment
from childrights.outcomes.evidence import evidence_links
from childrights.outcomes.forms.self_assessment import PrincipleRatingsForm, RoundForm
from childrights.outcomes.models import Round


@login_required
def rounds(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    all_rounds, table = self_assessment.comparison(council=council)
    return render(
        request,
        "outcomes/rounds.html",
        {
            "council": council,
            "rounds": all_rounds,
            "table": table,
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


@login_required
def round_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = RoundForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        created = self_assessment.round_create(
            actor=Actor.from_request(request), council=council, **form.cleaned_data
        )
        messages.success(request, _("The round has been started."))
        return redirect("outcomes:round", round_id=created.pk)
    return form_page(
        request,
        form,
        caption=council.name,
        title=_("Start a self-assessment round"),
        cancel="outcomes:rounds",
        cancel_args=[council.pk],
    )


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    found = self_assessment.round_or_404(request=request, round_id=round_id)
    rated = self_assessment.ratings(round=found)
    links = evidence_links(ratings=rated.values(), council=found.council)
    principles = [
        {
            "principle": principle,
            "rated": sum(1 for item in principle.indicators.all() if item.pk in rated),
            "total": len(principle.indicators.all()),
            "rows": [
                (
                    item,
                    rated.get(item.pk),
                    links[rated[item.pk].pk] if item.pk in rated else [],
                )
                for item in principle.indicators.all()
            ],
        }
        for principle in self_assessment.principles()
    ]
    return render(
        request,
        "outcomes/round_detail.html",
        {
            "council": found.council,
            "round": found,
            "principles": principles,
            "can_edit": found.status == Round.Status.OPEN
            and has_capability_in(request.user, found.council_id, "edit"),
        },
    )


@login_required
def round_rate(request: HttpRequest, round_id: int, principle_slug: str) -> HttpResponse:
    # A principle that does not exist is a 404 whoever asks, before any question of their role.
    principle = self_assessment.principles().filter(slug=principle_slug).first()
    found = self_assessment.round_or_404(
        request=request, round_id=round_id, needs="edit" if principle is not None else None
    )
    if principle is None:
        raise Http404
    if found.status == Round.Status.CLOSED:
        messages.info(request, _("This round is closed: its ratings can no longer change."))
        return redirect("outcomes:round", round_id=found.pk)
    indicators = list(principle.indicators.all())
    rated = self_assessment.ratings(round=found)
    initial: dict[str, object] = {}
    for indicator in indicators:
        if indicator.pk in rated:
            rating = rated[indicator.pk]
            initial |= {
                f"level_{indicator.pk}": rating.level,
                f"evidence_{indicator.pk}": rating.evidence,
                f"links_{indicator.pk}": rating.links,
            }
    initial["loaded_at"] = timezone.now().isoformat()
    form = PrincipleRatingsForm(
        request.POST or None, indicators=indicators, council=found.council, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            self_assessment.ratings_save(
                actor=Actor.from_request(request),
                round=found,
                entries=[
                    self_assessment.RatingInput(
                        indicator=indicator,
                        level=data[f"level_{indicator.pk}"]
                        if data[f"level_{indicator.pk}"] != ""
                        else None,
                        evidence=data[f"evidence_{indicator.pk}"].strip(),
                        links=data[f"links_{indicator.pk}"].strip(),
                    )
                    for indicator in indicators
                ],
                loaded_at=data["loaded_at"],
            )
        except self_assessment.ChangedMeanwhile:
            messages.info(
                request,
                _(
                    "Someone else saved ratings for this principle while you had the page open. "
                    "Nothing you entered was saved: check their ratings, then enter yours again."
                ),
            )
            return redirect("outcomes:round_rate", round_id=found.pk, principle_slug=principle.slug)
        except self_assessment.RoundClosed:
            messages.info(request, _("This round is closed: its ratings can no longer change."))
        else:
            messages.success(request, _("The ratings have been saved."))
        return redirect("outcomes:round", round_id=found.pk)
    return render(
        request,
        "outcomes/round_rate.html",
        {"council": found.council, "round": found, "principle": principle, "form": form},
    )


@login_required
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    found = self_assessment.round_or_404(request=request, round_id=round_id, needs="edit")
    if request.method == "POST":
        self_assessment.round_close(actor=Actor.from_request(request), round=found)
        messages.success(request, _("The round has been closed."))
        return redirect("outcomes:rounds", council_id=found.council_id)
    rated = self_assessment.ratings(round=found)
    unrated = sum(
        1
        for principle in self_assessment.principles()
        for indicator in principle.indicators.all()
        if indicator.pk not in rated
    )
    return render(
        request,
        "outcomes/round_close.html",
        {"council": found.council, "round": found, "unrated": unrated},
    )
