"""Public pages about the child rights-based approach, and the programme team's indicator edits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.permissions import require_programme_team
from childrights.framework import selectors, services
from childrights.framework.forms import ArticleFilterForm, IndicatorForm


def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {"cluster": "", "principle": ""}
    found = selectors.articles(cluster=filters["cluster"], principle=filters["principle"])
    return render(
        request,
        "framework/article_list.html",
        {"form": form, "articles": found, "filtered": any(filters.values())},
    )


def article_detail(request: HttpRequest, number: int) -> HttpResponse:
    article = selectors.article(number=number)
    if article is None:
        raise Http404
    return render(request, "framework/article_detail.html", {"article": article})


def principle_list(request: HttpRequest) -> HttpResponse:
    return render(request, "framework/principle_list.html", {"principles": selectors.principles()})


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "framework/theme_list.html", {"themes": selectors.themes()})


def framework_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "framework/framework_list.html", {"frameworks": selectors.nation_frameworks()}
    )


@login_required
def indicator_manage(request: HttpRequest, principle_slug: str) -> HttpResponse:
    require_programme_team(request)
    principle = selectors.principle(slug=principle_slug)
    if principle is None:
        raise Http404
    form = IndicatorForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        services.indicator_create(
            actor=Actor.from_request(request),
            principle=principle,
            text_en=form.cleaned_data["text_en"],
            text_cy=form.cleaned_data["text_cy"],
        )
        messages.success(request, _("The indicator has been added."))
        return redirect("framework:indicator_manage", principle_slug=principle.slug)
    return render(
        request, "framework/indicator_manage.html", {"principle": principle, "form": form}
    )


@login_required
def indicator_edit(request: HttpRequest, indicator_id: int) -> HttpResponse:
    require_programme_team(request)
    indicator = selectors.indicator(indicator_id=indicator_id)
    if indicator is None:
        raise Http404
    form = IndicatorForm(
        request.POST or None,
        initial={
            "text_en": indicator.text_en,
            "text_cy": indicator.text_cy,
            "is_active": indicator.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.indicator_update(
            actor=Actor.from_request(request),
            indicator=indicator,
            text_en=form.cleaned_data["text_en"],
            text_cy=form.cleaned_data["text_cy"],
            is_active=form.cleaned_data["is_active"],
        )
        messages.success(request, _("The indicator has been saved."))
        return redirect("framework:indicator_manage", principle_slug=indicator.principle.slug)
    return render(request, "framework/indicator_edit.html", {"indicator": indicator, "form": form})
