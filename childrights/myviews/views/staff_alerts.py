"""Safety alerts, for the council's designated safeguarding leads: the list (waiting first) and
one alert with the decision. Each view is audited. The leads see who the child is and, for an
alert raised by screening, the words it is about; they do not reach the child's record."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.language import language_code
from childrights.myviews import casefile, selectors, services
from childrights.myviews.forms.staff import DecisionForm
from childrights.myviews.models import Alert
from childrights.participation.safeguarding import Piece, marked
from childrights.participation.screening import phrases_for


@login_required
def alerts(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_for_safeguarding_or_404(request=request, council_id=council_id)
    services.alerts_viewed(actor=Actor.from_request(request), council=council)
    found = selectors.alerts_of(council)
    return render(
        request,
        "myviews/staff/alerts.html",
        {
            "council": council,
            "waiting": [alert for alert in found if not alert.outcome],
            "decided": [alert for alert in found if alert.outcome],
        },
    )


@dataclass(frozen=True)
class Written:
    title: str
    pieces: list[Piece]


def _written(alert: Alert) -> list[Written]:
    """For an alert raised by screening: what the child wrote, the phrases found marked."""
    statement = alert.statement
    if alert.source != Alert.Source.SCREENING or statement is None:
        return []
    phrases = phrases_for(alert.council)
    found = [
        Written(title=item.title, pieces=marked(item.text, phrases))
        for item in casefile.said(statement, language=language_code())
        if item.text
    ]
    found += [
        Written(title=_("Added later"), pieces=marked(addition.text, phrases))
        for addition in statement.additions.all()
    ]
    return found


@login_required
def alert(request: HttpRequest, alert_id: int) -> HttpResponse:
    found = selectors.alert_or_404(request=request, alert_id=alert_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decided = services.alert_decide(
            actor=Actor.from_request(request),
            alert=found,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
        if decided:
            messages.success(request, _("The decision has been recorded."))
        else:
            messages.info(
                request, _("Someone else recorded a decision first. Nothing was changed.")
            )
        return redirect("myviews:alert", alert_id=found.pk)
    services.alert_viewed(actor=Actor.from_request(request), alert=found)
    return render(
        request,
        "myviews/staff/alert.html",
        {
            "council": found.council,
            "alert": found,
            "child": found.child,
            "allocations": list(found.child.allocations.select_related("user", "role")),
            "written": _written(found),
            "form": form,
        },
    )
