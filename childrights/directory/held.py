"""Words the public wrote about a council's services that were held for its safeguarding leads.

Anyone may tell a council that a service's page is wrong (``suggestions``) or comment on its SEND
local offer (``send_comments``). Those words are screened as children's words are
(``participation.screening``); words that may tell of harm are held: the directory team never
sees them and the safeguarding leads are emailed where to look, never the words. Here the leads
read them, with the phrases that matched marked, and decide: keep them held (they are dealt with
as a safeguarding matter, outside the directory) or release them to the team (they tell of no
harm). Every look and every decision is audited, never with the words.

Only members whose role grants the ``safeguarding`` capability reach these pages: outsiders get
404, other members 403 (``core.tenancy``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.accounts.selectors import (
    council_for_user_or_404,
    council_leads,
    users_with_capability,
)
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.directory.models import SendComment, Suggestion
from childrights.participation.models import Phrase
from childrights.participation.safeguarding import Piece, marked
from childrights.participation.screening import phrases_for, screen, stamp_of

CAPABILITY = "safeguarding"
# Sorts a message whose words match no phrase now after every priority.
NO_PRIORITY = 99
Kind = Literal["suggestion", "comment"]
MODELS: dict[Kind, type[Suggestion] | type[SendComment]] = {
    "suggestion": Suggestion,
    "comment": SendComment,
}


# Reads ---------------------------------------------------------------------------------------


def held_council_or_404(*, request: HttpRequest, council_id: int) -> Council:
    # The programme team reaches every council's pages, but not these: only a council's own
    # safeguarding leads read what may tell of harm.
    return council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs=CAPABILITY
    )


@dataclass(frozen=True)
class HeldWords:
    kind: Kind
    record: Suggestion | SendComment
    pieces: list[Piece]  # the words, with the phrases that matched marked
    # The highest priority of the phrase list's phrases in the words now (None: none match now,
    # a phrase having been taken off the list since).
    priority: int | None

    def get_priority_display(self) -> str:
        return str(Phrase.Priority(self.priority).label) if self.priority is not None else ""

    @property
    def about(self) -> str:
        service = self.record.service
        if service is not None:
            return service.name_en
        return _("The SEND local offer as a whole")

    @property
    def reviewed(self) -> bool:
        return self.record.held_reviewed_at is not None


def _held(model: type[Suggestion] | type[SendComment], council: Council) -> QuerySet:  # type: ignore[type-arg]
    return model.objects.filter(council=council, held=True).select_related(
        "service", "held_reviewed_by"
    )


def held_words(*, council: Council) -> list[HeldWords]:
    """Every held message of the council: those no lead has reviewed first, the most urgent
    first among them (as the safeguarding queue orders concerns), then the oldest."""
    phrases = phrases_for(council)
    stamp = stamp_of(phrases)  # screening each message asks nothing more of the phrase list
    found = []
    for kind, model in MODELS.items():
        for record in _held(model, council):
            screened = screen([record.text], council_id=council.pk, stamp=stamp)
            found.append(
                HeldWords(
                    kind=kind,
                    record=record,
                    pieces=marked(record.text, phrases),
                    priority=screened.priority if screened is not None else None,
                )
            )
    return sorted(
        found,
        key=lambda item: (
            item.reviewed,
            item.priority if item.priority is not None else NO_PRIORITY,
            item.record.created_at,
            item.kind,
            item.record.pk,
        ),
    )


def held_record_or_404(*, council: Council, kind: str, pk: int) -> Suggestion | SendComment:
    """One held message of ``council`` (the council already fetched for a lead)."""
    model = MODELS.get(kind)  # type: ignore[call-overload]
    if model is None:
        raise Http404
    record: Suggestion | SendComment | None = _held(model, council).filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def alert(*, council: Council, what: Callable[[], str]) -> None:
    """Tell the safeguarding leads something is held: what it was about and where to look,
    never what was written. ``what`` says what it was about, in the active language: it is
    called in each lead's own. A council with no safeguarding lead on the platform has its
    leads told instead, and asked to add one: only a safeguarding lead can read the words."""
    from childrights.core.tasks import send_email

    leads = list(users_with_capability(council_id=council.pk, capability=CAPABILITY))
    people = leads or list(council_leads(council=council))
    held_link = settings.SITE_URL + reverse("directory:held", args=[council.pk])
    team_link = settings.SITE_URL + reverse("accounts:council_team", args=[council.pk])
    for person in people:
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            subject = _("Safeguarding: a message from the public was held")
            if leads:
                where = _("Read it and decide what happens to it: %(link)s") % {"link": held_link}
            else:
                where = _(
                    "Nobody can read it yet: only a safeguarding lead can, and your council has "
                    "none here. Add one to your team now: %(link)s"
                ) % {"link": team_link}
            body = _(
                "%(what)s, and what they wrote may tell of harm to someone. It has been held: "
                "the directory team does not see it.\n\n"
                "%(where)s\n\n"
                "You are getting this because you are a safeguarding lead for %(council)s (or "
                "its lead, where it has none). This email does not contain what was written."
            ) % {"what": what(), "where": where, "council": council.name}
        send_email.enqueue(
            kind="directory_message_held",
            subject=subject,
            body=body,
            to=[person.email],
            fields={"link": held_link if leads else team_link},
        )


# Writes --------------------------------------------------------------------------------------


def held_list_view(*, actor: Actor, council: Council) -> None:
    """Record that someone read the held words (the audit keeps the look, not the words)."""
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        council=council,
        detail={"page": "directory held messages"},
    )


@transaction.atomic
def held_decide(*, actor: Actor, record: Suggestion | SendComment, release: bool) -> bool:
    """A lead's decision on held words: ``release`` them to the directory team (they tell of no
    harm) or keep them held. The first decision stands: deciding again changes nothing and
    returns False."""
    model = type(record)
    locked = model.objects.select_for_update().filter(pk=record.pk, held=True).first()
    if locked is None or locked.held_reviewed_at is not None:
        return False
    locked.held_reviewed_by = actor.person if isinstance(actor.person, User) else None
    locked.held_reviewed_at = timezone.now()
    locked.held = not release
    locked.save(update_fields=["held", "held_reviewed_by", "held_reviewed_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        council=locked.council,
        detail={"held": [True, locked.held], "reviewed": True},
    )
    return True
