"""Safeguarding screening of what children write.

Every written answer is checked, as it is submitted, against a lexicon of phrases that may mean a
child is at risk: the shipped defaults (English and Welsh, in ``data/safeguarding_phrases.json``)
and the council's own. A match never decides anything: it puts the response in the council's
safeguarding queue with a priority, at once, and tells the consultation's safeguarding lead and
deputy that something is waiting, without the child's words. People decide.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    Count,
    DateTimeField,
    F,
    Field,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.councils.models import Council
from childrights.participation.models import Concern, Consultation, Phrase

_NOT_LETTERS = re.compile(r"[^\w']+")


def normalise(text: str) -> str:
    """Lower case, accents kept (Welsh needs them), curly apostrophes straightened, anything
    that is not a letter or digit made one space, padded so phrases match whole words."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'").replace("`", "'")
    return f" {_NOT_LETTERS.sub(' ', text).strip()} "


@dataclass(frozen=True)
class Found:
    priority: int
    categories: frozenset[str]


def phrases_for(council: Council) -> list[Phrase]:
    return list(Phrase.objects.filter(Q(council__isnull=True) | Q(council=council)))


# The lexicon normalised once per process and reused while it is unchanged. Whether it changed is
# told by a stamp: how many phrases there are, the newest id and the latest time one was added
# (phrases are added and removed, never edited in place; the time tells apart a phrase added in
# place of one whose id a rolled-back transaction gave back). A send reads the stamp in the same
# query as the consultation (``with_lexicon_stamp``), so screening asks the database nothing more.
Stamp = tuple[int, int | None, datetime.datetime | None]
_lexicons: dict[tuple[int, Stamp], list[tuple[str, int, str]]] = {}


def stamp_of(phrases: list[Phrase]) -> Stamp:
    """The stamp of a council's phrases already read (``phrases_for``): screening with it asks
    the database nothing more."""
    return (
        len(phrases),
        max((phrase.pk for phrase in phrases), default=None),
        max((phrase.created_at for phrase in phrases), default=None),
    )


def _phrases_of(council_id: Any) -> QuerySet[Phrase]:
    return Phrase.objects.filter(Q(council__isnull=True) | Q(council=council_id)).order_by()


def with_lexicon_stamp(consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    """The consultations, each with the stamp of its council's lexicon, read in one query."""
    phrases = _phrases_of(OuterRef("council_id"))

    def aggregate(function: str, field: str, output: Field) -> Subquery:  # type: ignore[type-arg]
        # A plain function, not an aggregate, so the subquery is one row without a GROUP BY.
        value = Func(F(field), function=function, output_field=output)
        return Subquery(phrases.annotate(value=value).values("value")[:1], output_field=output)

    return consultations.annotate(
        lexicon_count=aggregate("COUNT", "pk", IntegerField()),
        lexicon_newest=aggregate("MAX", "pk", BigIntegerField()),
        lexicon_latest=aggregate("MAX", "created_at", DateTimeField()),
    )


def lexicon_stamp_of(consultation: Consultation) -> Stamp | None:
    """The stamp read with the consultation, if it was read with ``with_lexicon_stamp``."""
    read = vars(consultation)
    if "lexicon_count" not in read:
        return None
    return (read["lexicon_count"], read["lexicon_newest"], read["lexicon_latest"])


def lexicon(council_id: int, *, stamp: Stamp | None = None) -> list[tuple[str, int, str]]:
    """(normalised phrase, priority, category) for every phrase the council screens with."""
    if stamp is None:
        read = _phrases_of(council_id).aggregate(
            n=Count("pk"), newest=Max("pk"), latest=Max("created_at")
        )
        stamp = (read["n"], read["newest"], read["latest"])
    key = (council_id, stamp)
    found = _lexicons.get(key)
    if found is None:
        phrases = _phrases_of(council_id)
        found = [
            (needle, priority, category)
            for text, priority, category in phrases.values_list("phrase", "priority", "category")
            if (needle := normalise(text)).strip()
        ]
        if len(_lexicons) > 500:
            _lexicons.clear()
        _lexicons[key] = found
    return found


def screen(
    texts: Iterable[str], *, council_id: int, language: str = "en", stamp: Stamp | None = None
) -> Found | None:
    """The highest priority and every category of the phrases found in the texts, if any.

    Both languages' phrases are used whatever language the child chose: children write in the
    language that comes to them.
    """
    written = [normalise(text) for text in texts if text.strip()]
    if not written:
        return None
    priority, categories = 99, set()
    for needle, level, category in lexicon(council_id, stamp=stamp):
        for text in written:
            if needle in text:
                priority = min(priority, level)
                categories.add(category)
                break
    if not categories:
        return None
    return Found(priority=priority, categories=frozenset(categories))


def alert_recipients(consultation: Consultation) -> list[User]:
    """Who hears of a possible disclosure: the consultation's lead and deputy while they are
    still designated safeguarding leads of its council. Should neither be (the membership
    changed some other way), every designated safeguarding lead of the council; failing those,
    the council's leads. Someone is always told."""
    from childrights.accounts.selectors import council_leads, users_with_capability

    leads = list(
        users_with_capability(council_id=consultation.council_id, capability="safeguarding")
    )
    lead_ids = {lead.pk for lead in leads}
    named = [
        person
        for person in (consultation.safeguarding_lead, consultation.safeguarding_deputy)
        if person is not None and person.pk in lead_ids
    ]
    if named:
        return named
    if leads:
        return leads
    return list(council_leads(council=consultation.council))


def notify_leads(concern: Concern) -> None:
    """Email the lead and deputy that a concern is waiting: never the child's words, never
    anything that could identify the child; just where to look and how urgent it is."""
    from childrights.core.tasks import send_email, send_text

    # Read afresh: the lead and deputy named now, whatever the send read a moment ago.
    consultation = Consultation.objects.select_related(
        "council", "safeguarding_lead", "safeguarding_deputy"
    ).get(pk=concern.consultation_id)
    link = settings.SITE_URL + reverse("participation:concerns", args=[concern.council_id])
    for person in alert_recipients(consultation):
        with translation.override(person.preferred_language or "en-gb"):
            subject = _("Safeguarding: a response needs review (%(priority)s priority)") % {
                "priority": concern.get_priority_display().lower()
            }
            body = _(
                "A response to the consultation “%(title)s” may tell of harm to a child. "
                "It has been put in the safeguarding queue with %(priority)s priority.\n\n"
                "Review it now: %(link)s\n\n"
                "You are getting this because you are a designated safeguarding lead for this "
                "consultation or its council. This email does not contain what the child wrote."
            ) % {
                "title": consultation.title_en,
                "priority": concern.get_priority_display().lower(),
                "link": link,
            }
        send_email.enqueue(
            kind="safeguarding_concern",
            subject=subject,
            body=body,
            to=[person.email],
            fields={"link": link},
        )
        if concern.priority == Phrase.Priority.URGENT and person.mobile_number:
            # Urgent, so a text too: never the consultation, the child or their words.
            with translation.override(person.preferred_language or "en-gb"):
                text = _(
                    "Urgent safeguarding alert: a response needs review now. Sign in to act: "
                    "%(link)s"
                )
            send_text.enqueue(
                kind="safeguarding_concern_text",
                body=text % {"link": link},
                to=[person.mobile_number],
                fields={"link": link},
            )
