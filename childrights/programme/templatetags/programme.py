"""Presenters for programme pages: statuses as GOV.UK tags, sources as citations."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from childrights.councils.models import Nation
from childrights.programme.models import BaselineFact, Partnership, Source

register = template.Library()

PARTNERSHIP_TAG = {
    Partnership.Status.ACTIVE: "govuk-tag--green",
    Partnership.Status.COMPLETED: "govuk-tag--blue",
    Partnership.Status.WITHDRAWN: "govuk-tag--grey",
    Partnership.Status.UNCONFIRMED: "govuk-tag--yellow",
}
FACT_TAG = {
    BaselineFact.Status.AS_PUBLISHED: "govuk-tag--blue",
    BaselineFact.Status.VERIFIED: "govuk-tag--green",
    BaselineFact.Status.UNVERIFIED: "govuk-tag--yellow",
}


@register.filter
def nation_name(code: str) -> str:
    """The nation's name in the active language; an unknown code is shown as it is."""
    try:
        return str(Nation(code).label)
    except ValueError:
        return code


@register.simple_tag
def partnership_status_tag(partnership: Partnership) -> SafeString:
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        PARTNERSHIP_TAG.get(Partnership.Status(partnership.status), ""),
        partnership.get_status_display(),
    )


@register.simple_tag
def fact_status_tag(fact: BaselineFact) -> SafeString:
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        FACT_TAG.get(BaselineFact.Status(fact.status), ""),
        fact.get_status_display(),
    )


@register.simple_tag
def source_citation(source: Source) -> SafeString:
    if source.url:
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>, {} ({})',
            source.url,
            source.title,
            source.publisher,
            source.published,
        )
    return format_html("“{}”, {} ({})", source.title, source.publisher, source.published)
