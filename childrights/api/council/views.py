"""A council's API tokens, for its leads: the list, making one (its secret shown once) and
revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.api import tokens
from childrights.api.council.forms import TokenForm
from childrights.core.actors import Actor

SAFE_METHODS = ["GET", "HEAD"]


@login_required
def token_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = tokens.council_for_leads_or_404(request=request, council_id=council_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    today = timezone.localdate()
    rows = [
        {
            "token": token,
            "status": tokens.status_of(token, today),
            "actions": tokens.action_labels(token),
        }
        for token in tokens.tokens_of(council=council)
    ]
    return render(
        request,
        "api/tokens/list.html",
        {
            "council": council,
            "live": [row for row in rows if row["status"] == tokens.Status.LIVE],
            "ended": [row for row in rows if row["status"] != tokens.Status.LIVE],
        },
    )


@login_required
def token_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = tokens.council_for_leads_or_404(request=request, council_id=council_id)
    form = TokenForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            created = tokens.token_create(
                actor=Actor.from_request(request),
                council=council,
                name=form.cleaned_data["name"],
                actions=form.cleaned_data["actions"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except IntegrityError:  # the same form sent twice at once: the first made the token
            form.add_error("name", TokenForm.NAME_TAKEN)
            return render(request, "api/tokens/new.html", {"council": council, "form": form})
        # The secret is in this one answer and nowhere else: not in the session, not in a
        # message, not in the database. Sending the form again makes no second token (the name
        # is taken).
        return render(
            request,
            "api/tokens/created.html",
            {"council": council, "token": created.token, "secret": created.secret},
        )
    return render(request, "api/tokens/new.html", {"council": council, "form": form})


@login_required
def token_revoke(request: HttpRequest, api_token_id: int) -> HttpResponse:
    token = tokens.token_or_404(request=request, token_id=api_token_id)
    if request.method == "POST":
        if token.revoked_at is None:
            tokens.token_revoke(actor=Actor.from_request(request), token=token)
            messages.success(
                request, _("The token “%(name)s” has been revoked.") % {"name": token.name}
            )
        return redirect("council_api:tokens", council_id=token.council_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed([*SAFE_METHODS, "POST"])
    return render(request, "api/tokens/revoke.html", {"council": token.council, "token": token})
