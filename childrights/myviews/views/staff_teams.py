"""Teams and the council's settings for children's views, for the council's leads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.councils.models import Council
from childrights.myviews import selectors, services
from childrights.myviews.forms.staff import SettingsForm, TeamForm
from childrights.myviews.models import Team


@login_required
def teams(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_for_leads_or_404(request=request, council_id=council_id)
    return render(
        request,
        "myviews/staff/teams.html",
        {
            "council": council,
            "teams": selectors.teams_of(council),
            "settings": selectors.settings_of(council),
        },
    )


def _team_form(request: HttpRequest, council: Council, found: Team | None) -> HttpResponse:
    form = TeamForm(
        request.POST or None,
        council=council,
        team=found,
        managers=selectors.team_managers_possible(council),
    )
    if request.method == "POST" and form.is_valid():
        services.team_save(
            actor=Actor.from_request(request),
            council=council,
            team=found,
            name=form.cleaned_data["name"],
            managers=list(form.cleaned_data["managers"]),
        )
        messages.success(request, _("The team has been saved."))
        return redirect("myviews:teams", council_id=council.pk)
    return render(
        request, "myviews/staff/team_form.html", {"council": council, "team": found, "form": form}
    )


@login_required
def team_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_for_leads_or_404(request=request, council_id=council_id)
    return _team_form(request, council, None)


@login_required
def team(request: HttpRequest, team_id: int) -> HttpResponse:
    found = selectors.team_or_404(request=request, team_id=team_id)
    return _team_form(request, found.council, found)


@login_required
def settings(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_for_leads_or_404(request=request, council_id=council_id)
    form = SettingsForm(request.POST or None, instance=selectors.settings_of(council))
    if request.method == "POST" and form.is_valid():
        services.settings_save(actor=Actor.from_request(request), settings=form.save(commit=False))
        messages.success(request, _("The settings have been saved."))
        return redirect("myviews:teams", council_id=council.pk)
    return render(request, "myviews/staff/settings.html", {"council": council, "form": form})
