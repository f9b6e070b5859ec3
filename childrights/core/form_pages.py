"""A form on a page of its own, and a service's refusal shown on that form: what every simple
add or change page shares, so that each view says only what is its own (its form, its service,
its words).

``refusal_shown_on`` wraps what a view does once its form is valid: the service's call and what
follows when the service succeeds (a message, a redirect). When the service refuses, the rest of
the block is skipped, the refusal goes on the form, and the view carries on after the block,
where it shows the form again with the error::

    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            decision_create(actor=Actor.from_request(request), **form.cleaned_data)
            messages.success(request, _("The decision has been recorded."))
            return redirect("assessments:decisions", council_id=council.pk)
    return form_page(request, form, title=_("Record a decision"), cancel="...")
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    cancel: str,
    cancel_args: Sequence[Any] = (),
    caption: str = "",
    intro: str = "",
    opened: str = "",
) -> HttpResponse:
    """``core/form_page.html``: the form under its title, with a Save button and a Cancel link
    to the URL named ``cancel`` (with ``cancel_args``). ``opened`` is the signed token of an
    editing page (``core.editing``)."""
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": caption,
            "title": title,
            "intro": intro,
            "opened": opened,
            "cancel_url": cancel,
            "cancel_args": list(cancel_args),
        },
    )


@contextmanager
def refusal_shown_on(
    form: forms.BaseForm,
    refusal: type[Exception] = ValidationError,
    *,
    field: str | None = None,
) -> Iterator[None]:
    """Catch the service's ``refusal`` raised in the block and show it on the form: on
    ``field``, or above the form when no field is named. A ``ValidationError`` goes on as it is
    (with each of its messages); any other refusal as its text."""
    try:
        yield
    except refusal as refused:
        form.add_error(field, refused if isinstance(refused, ValidationError) else str(refused))
