"""Participation's sections of a council's public page (``councils.public_pages``): the surveys
children can answer now, and the consultations that have closed, each with the council's answer
back ("you said, we did") where it is published, or the day it is due where it is not."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.language import pair_text
from childrights.core.presenters import day_text
from childrights.councils.models import Council
from childrights.councils.public_pages import (
    ANSWERS,
    OPEN_CONSULTATIONS,
    CouncilLink,
    CouncilSection,
)
from childrights.participation.feedback.dates import closed_on, reply_due
from childrights.participation.feedback.public import STATUS_TAGS, status_tag
from childrights.participation.journey.finding import open_consultations
from childrights.participation.models import Commitment, Consultation

# The most of each a council's page lists (its answers are all in the you-said-we-did index).
SHOWN = 50


def _title(consultation: Consultation) -> tuple[str, str]:
    text = pair_text({"en": consultation.title_en, "cy": consultation.title_cy})
    return text.text, text.lang


def closed_consultations(council: Council) -> list[tuple[Consultation, bool]]:
    """The council's consultations children can no longer answer, most recently closed first,
    each with whether its answer back is published."""
    today = timezone.localdate()
    rows = (
        Consultation.objects.filter(council=council)
        .exclude(status=Consultation.Status.DRAFT)
        .filter(Q(status=Consultation.Status.CLOSED) | Q(closes_on__lt=today))
        .order_by("-closes_on", "-pk")[:SHOWN]
    )
    found = list(rows)
    answered = set(
        Consultation.objects.filter(pk__in=[c.pk for c in found])
        .filter(Q(themes__published_at__isnull=False) | Q(commitments__published_at__isnull=False))
        .values_list("pk", flat=True)
    )
    return [(consultation, consultation.pk in answered) for consultation in found]


def what_changed(consultations: list[Consultation]) -> dict[int, str]:
    """For each consultation, its published commitments counted by status, in words: "Done (2),
    We are doing this (1)"; none for one with no published commitment."""
    counts = (
        Commitment.objects.filter(
            consultation__in=[c.pk for c in consultations], published_at__isnull=False
        )
        .values_list("consultation_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_consultation: dict[int, dict[str, int]] = {}
    for consultation_id, status, count in counts:
        by_consultation.setdefault(consultation_id, {})[status] = count
    return {
        pk: ", ".join(
            f"{status_tag(status).label} ({by_status[status]})"
            for status in STATUS_TAGS
            if status in by_status
        )
        for pk, by_status in by_consultation.items()
    }


def council_sections(council: Council) -> list[CouncilSection]:
    open_links = []
    for consultation in open_consultations().filter(council=council)[:SHOWN]:
        label, lang = _title(consultation)
        open_links.append(
            CouncilLink(
                label=label,
                lang=lang,
                url=reverse("participation:start", args=[consultation.link_key]),
                hint=_("You can answer until %(date)s")
                % {"date": day_text(consultation.closes_on)},
            )
        )
    answer_links = []
    closed_ones = closed_consultations(council)
    changes = what_changed([consultation for consultation, _answered in closed_ones])
    for consultation, answered in closed_ones:
        label, lang = _title(consultation)
        closed = day_text(closed_on(consultation))
        if answered:
            hint = _("Closed %(date)s.") % {"date": closed}
            if consultation.pk in changes:
                hint += " " + _("What changed: %(changes)s") % {"changes": changes[consultation.pk]}
            answer_links.append(
                CouncilLink(
                    label=label,
                    lang=lang,
                    url=reverse("participation:you_said_we_did", args=[consultation.link_key]),
                    hint=hint,
                )
            )
        else:
            answer_links.append(
                CouncilLink(
                    label=label,
                    lang=lang,
                    url="",
                    hint=_("Closed %(date)s. The council will say what it did by %(due)s.")
                    % {"date": closed, "due": day_text(reply_due(consultation))},
                )
            )
    return [
        CouncilSection(
            heading=_("Surveys you can answer now"),
            order=OPEN_CONSULTATIONS,
            links=open_links,
            empty=_("There are no surveys open right now."),
            more=CouncilLink(
                label=_("All surveys you can answer"), url=reverse("participation:have_your_say")
            ),
        ),
        CouncilSection(
            heading=_("You said, we did"),
            order=ANSWERS,
            links=answer_links,
            empty=_("The council has no closed consultations here yet."),
            more=CouncilLink(
                label=_("What every council did after children had their say"),
                url=reverse("participation:you_said_we_did_index"),
            ),
        ),
    ]
