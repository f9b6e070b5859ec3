"""Writes for children's views: records and allocations, the child's code, statements, answers
back, "I don't feel safe", export and retention. Every write by staff is audited; the audit log
never holds what a child wrote, nor their code."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings as django_settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.accounts.models import Role, User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.ratelimit import Limit, rate_limit_consume, rate_limit_release
from childrights.councils.models import Council
from childrights.myviews.models import (
    Addition,
    Alert,
    Allocation,
    Child,
    Meeting,
    Reading,
    Reply,
    Settings,
    Statement,
    Team,
)
from childrights.myviews.selectors import WORKS_WITH_CHILDREN
from childrights.myviews.templates_data import current_template, template_kind_for, topic_slugs
from childrights.participation import screening

# --- the child's code -----------------------------------------------------------------------------

# Words a child can read aloud, spell and remember; with two digits about 250,000 codes. The
# code alone opens nothing: it is tried only with the child's own link, and guesses are slowed.
CODE_WORDS_FIRST = (  # noqa: SIM905
    "blue green red gold silver purple orange pink yellow brown happy sunny quick brave calm "
    "bright kind lucky clever quiet jolly fuzzy shiny tiny giant swift cosy fresh warm cool "
    "windy snowy misty starry sandy rocky leafy"
).split()
CODE_WORDS_SECOND = (  # noqa: SIM905
    "otter badger robin puffin dolphin rabbit hedgehog squirrel owl fox panda tiger lion zebra "
    "koala penguin turtle falcon pony llama beaver seal whale salmon swan heron wren finch "
    "dragon comet planet rocket island forest river meadow harbour mountain castle lantern "
    "rainbow thunder pebble acorn maple willow cactus tulip daisy clover"
).split()

SHORTEST_CHOSEN_CODE = 6
LONGEST_CHOSEN_CODE = 40
# Wrong codes typed at one child's link, counted per browser: a few, then a wait of minutes. Only
# wrong codes count, and a try refused while waiting is not counted, so the wait always ends. Per
# browser, so someone else guessing at the link elsewhere never keeps the child waiting; the
# child's link as a whole takes many more, so guessing from many browsers stays hopeless.
CODE_GUESSES = Limit("myviews:code-guess", 5, timedelta(minutes=10))
CODE_GUESSES_PER_CHILD = Limit("myviews:code-guess-child", 50, timedelta(hours=1))


def normalise_code(text: str) -> str:
    """Codes are typed on phones: case, spaces and dashes do not matter."""
    return "".join(char for char in text.casefold() if char.isalnum())


def new_code() -> str:
    first = secrets.choice(CODE_WORDS_FIRST)
    second = secrets.choice(CODE_WORDS_SECOND)
    return f"{first}-{second}-{secrets.randbelow(90) + 10}"


@dataclass(frozen=True)
class CodeTry:
    ok: bool
    wait_minutes: int = 0


def code_try(child: Child, typed: str, *, browser: str = "") -> CodeTry:
    """Check a code typed at the child's link on one browser (its session key), counting it
    only if it is wrong."""
    counted = [
        (CODE_GUESSES, f"child:{child.pk}:browser:{browser}"),
        (CODE_GUESSES_PER_CHILD, f"child:{child.pk}"),
    ]
    for limit, key in counted:
        refused = rate_limit_consume(limit, key)
        if refused is not None:
            # Waiting: this try is not counted, so the wait ends when it says.
            for earlier, earlier_key in counted[: counted.index((limit, key)) + 1]:
                rate_limit_release(earlier, earlier_key)
            return CodeTry(ok=False, wait_minutes=refused.retry_after_minutes)
    typed = normalise_code(typed)
    if typed and child.code_hash and check_password(typed, child.code_hash):
        for limit, key in counted:
            rate_limit_release(limit, key)
        return CodeTry(ok=True)
    return CodeTry(ok=False)


@transaction.atomic
def code_issue(*, actor: Actor, child: Child) -> str:
    """A new code for the child, shown once on the card; the old code and every session opened
    with it stop working."""
    code = new_code()
    Child.objects.filter(pk=child.pk).update(
        code_hash=make_password(normalise_code(code)),
        code_version=child.code_version + 1,
        code_chosen_by_child=False,
    )
    child.refresh_from_db(fields=["code_hash", "code_version", "code_chosen_by_child"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=child,
        council=child.council,
        detail={"code": "issued"},
    )
    return code


class CodeNotAllowed(ValueError):
    pass


def chosen_code_problem(code: str, *, child: Child) -> str | None:
    """Why a code the child chose cannot be used, in words for the child; None if it can."""
    letters = normalise_code(code)
    if len(letters) < SHORTEST_CHOSEN_CODE:
        return _("Your code needs at least %(count)s letters or numbers.") % {
            "count": SHORTEST_CHOSEN_CODE
        }
    if len(code) > LONGEST_CHOSEN_CODE:
        return _("Your code can be up to %(count)s characters long.") % {
            "count": LONGEST_CHOSEN_CODE
        }
    if len(set(letters)) < 3:
        return _("Your code is too easy to guess. Use at least 3 different letters or numbers.")
    name = normalise_code(child.chosen_name)
    if name and letters == name * (len(letters) // len(name)):
        return _("Your code cannot be your name.")
    return None


@transaction.atomic
def code_change(*, child: Child, code: str) -> None:
    """The child chose their own code. Other sessions opened with the old one end."""
    problem = chosen_code_problem(code, child=child)
    if problem is not None:
        raise CodeNotAllowed(problem)
    Child.objects.filter(pk=child.pk).update(
        code_hash=make_password(normalise_code(code)),
        code_version=child.code_version + 1,
        code_chosen_by_child=True,
    )
    child.refresh_from_db(fields=["code_hash", "code_version", "code_chosen_by_child"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        obj=child,
        council=child.council,
        detail={"code": "changed by the child"},
    )


# --- records and allocations ----------------------------------------------------------------------


def _person(actor: Actor) -> User | None:
    return actor.person if isinstance(actor.person, User) else None


@transaction.atomic
def team_save(
    *, actor: Actor, council: Council, team: Team | None, name: str, managers: list[User]
) -> Team:
    creating = team is None
    if team is None:
        team = Team(council=council)
    team.name = name.strip()
    team.save()
    team.managers.set(managers)
    audit_record(
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        actor=actor,
        obj=team,
        council=council,
        detail={"managers": [user.pk for user in managers]},
    )
    return team


def work_roles_of(user: User, council: Council) -> list[Role]:
    """The roles the person holds in the council that work with children."""
    return [
        membership.role
        for membership in user.memberships.select_related("role").filter(council=council)
        if membership.role.grants(WORKS_WITH_CHILDREN)
    ]


class NotAWorker(ValueError):
    pass


@transaction.atomic
def child_create(
    *,
    actor: Actor,
    council: Council,
    team: Team,
    chosen_name: str,
    age_band: str,
    status: str,
    language: str,
    council_reference: str = "",
    simple_mode: bool = False,
    came_into_care_on: date | None = None,
    submission: uuid.UUID | None = None,
) -> tuple[Child, str]:
    """A child's record, with the worker who made it allocated, and the child's first code.

    Sent again with the same ``submission`` (the form's own id: a second press, a resend), it
    makes no second child: the record made first gets a new code, which the card then shows, so
    the code on the card is always the one that works."""
    person = _person(actor)
    if team.council_id != council.pk:
        raise ValueError("The team belongs to another council.")
    if submission is not None:
        earlier = Child.objects.filter(council=council, submission=submission).first()
        if earlier is not None:
            return earlier, _code_for_resend(actor=actor, child=earlier)
    try:
        with transaction.atomic():
            child = _child_insert(
                council=council,
                team=team,
                chosen_name=chosen_name,
                age_band=age_band,
                status=status,
                language=language,
                council_reference=council_reference,
                simple_mode=simple_mode,
                came_into_care_on=came_into_care_on,
                created_by=person,
                submission=submission,
            )
    except IntegrityError:
        earlier = Child.objects.get(council=council, submission=submission)
        return earlier, _code_for_resend(actor=actor, child=earlier)
    if person is not None:
        roles = work_roles_of(person, council)
        if roles:
            Allocation.objects.create(child=child, user=person, role=roles[0])
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=child, council=council)
    code = code_issue(actor=actor, child=child)
    return child, code


# How long after making a record the same form, sent again by the same person, is taken as a
# second press rather than refused.
RESEND_WINDOW = timedelta(minutes=30)


class FormAlreadyUsed(ValueError):
    """The form that made a child's record came back from someone else, or long after."""


def _code_for_resend(*, actor: Actor, child: Child) -> str:
    """A second press of the form that made the record: the person who made it, shortly after,
    gets a new code for the card (the first card never reached them). Anyone else is refused:
    the form's id must not open a child's space for someone not working with them."""
    person = _person(actor)
    recent = child.created_at >= timezone.now() - RESEND_WINDOW
    if person is None or child.created_by_id != person.pk or not recent:
        raise FormAlreadyUsed("This form was already used to add a child.")
    return code_issue(actor=actor, child=child)


def _child_insert(**fields: Any) -> Child:
    fields["chosen_name"] = fields["chosen_name"].strip()
    fields["council_reference"] = fields["council_reference"].strip()
    return Child.objects.create(**fields)


CHILD_FIELDS = (
    "team",
    "chosen_name",
    "age_band",
    "status",
    "language",
    "council_reference",
    "simple_mode",
    "came_into_care_on",
)


@transaction.atomic
def child_update(*, actor: Actor, child: Child, changed: list[str]) -> Child:
    """Save the fields a form changed on the child's record (never what the child wrote)."""
    fields = [field for field in changed if field in CHILD_FIELDS]
    if child.team.council_id != child.council_id:
        raise ValueError("The team belongs to another council.")
    child.save(update_fields=fields or None)
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=child,
        council=child.council,
        detail={"fields": fields},
    )
    return child


@transaction.atomic
def allocation_add(*, actor: Actor, child: Child, user: User, role: Role) -> Allocation:
    if role not in work_roles_of(user, child.council):
        raise NotAWorker("The person does not hold that role in this council.")
    allocation, created = Allocation.objects.get_or_create(
        child=child, user=user, defaults={"role": role}
    )
    if not created and allocation.role_id != role.pk:
        allocation.role = role
        allocation.save(update_fields=["role"])
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=child,
        council=child.council,
        detail={"allocated": user.pk, "role": role.slug},
    )
    return allocation


@transaction.atomic
def allocation_remove(*, actor: Actor, allocation: Allocation) -> None:
    child = allocation.child
    detail = {"unallocated": allocation.user_id, "role": allocation.role.slug}
    allocation.delete()
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=child,
        council=child.council,
        detail=detail,
    )


@transaction.atomic
def meeting_add(*, actor: Actor, child: Child, kind: str, on: date) -> Meeting:
    meeting = Meeting.objects.create(child=child, kind=kind, on=on)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=child,
        council=child.council,
        detail={"meeting": meeting.pk, "kind": kind, "on": on.isoformat()},
    )
    return meeting


def next_meeting(child: Child, *, today: date | None = None) -> Meeting | None:
    today = today or timezone.localdate()
    return child.meetings.filter(on__gte=today).order_by("on", "pk").first()


@transaction.atomic
def meeting_invite(*, actor: Actor, meeting: Meeting) -> None:
    """A worker asked the child for their views before this meeting."""
    Meeting.objects.filter(pk=meeting.pk).update(invited_at=timezone.now())
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=meeting.child,
        council=meeting.child.council,
        detail={"meeting": meeting.pk, "invited": True},
    )


# --- statements -----------------------------------------------------------------------------------

LONGEST_ANSWER = 5000
FACES = ("😞", "🙁", "😐", "🙂", "😀")


def statement_draft(*, child: Child, with_worker: bool = False) -> Statement:
    """The child's statement not sent yet, for their next meeting; a new one if there is none."""
    meeting = next_meeting(child)
    draft = (
        child.statements.filter(status=Statement.Status.DRAFT, meeting=meeting)
        .order_by("-pk")
        .first()
    )
    if draft is None:
        draft = _stranded_draft(child, meeting)
    if draft is not None:
        if draft.with_worker != with_worker and with_worker:
            Statement.objects.filter(pk=draft.pk).update(with_worker=True)
            draft.with_worker = True
        return draft
    kind = template_kind_for(meeting, care_leaver=child.status == Child.Status.CARE_LEAVER)
    return Statement.objects.create(
        child=child,
        meeting=meeting,
        template=current_template(kind),
        language=child.language,
        with_worker=with_worker,
    )


def _stranded_draft(child: Child, meeting: Meeting | None) -> Statement | None:
    """A draft the child wrote for no meeting, or for another one (booked later, or passed),
    moved to the next meeting: what a child wrote is never left where they cannot reach it."""
    stranded = (
        child.statements.filter(status=Statement.Status.DRAFT)
        .exclude(answers={})
        .order_by("-updated_at", "-pk")
        .first()
    )
    if stranded is None:
        return None
    Statement.objects.filter(pk=stranded.pk).update(meeting=meeting)
    stranded.meeting = meeting
    return stranded


class NotADraft(ValueError):
    pass


def statement_answer(*, statement: Statement, topic: str, face: str, text: str) -> None:
    """Keep what the child said about one topic of a draft."""
    if topic not in topic_slugs(statement.template):
        raise ValueError(f"unknown topic {topic}")
    if face and face not in FACES:
        raise ValueError("unknown face")
    text = text.strip()[:LONGEST_ANSWER]
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement.pk)
        if locked.status != Statement.Status.DRAFT:
            raise NotADraft("The statement was already sent.")
        answers = dict(locked.answers)
        if face or text:
            answers[topic] = {"face": face, "text": text}
        else:
            answers.pop(topic, None)
        locked.answers = answers
        locked.updated_at = timezone.now()
        locked.save(update_fields=["answers", "updated_at"])
    statement.answers = answers


def recipients_possible(child: Child) -> list[Allocation]:
    """The workers the child may send to: the ones allocated to them."""
    return list(child.allocations.select_related("user", "role").filter(user__is_active=True))


class NothingToSend(ValueError):
    pass


@transaction.atomic
def statement_send(*, statement: Statement, recipient_ids: list[int]) -> bool:
    """Send a draft to the workers the child chose. False when it was already sent (the same
    form sent twice keeps one statement)."""
    locked = (
        Statement.objects.select_for_update().select_related("child__council").get(pk=statement.pk)
    )
    if locked.status == Statement.Status.SENT:
        return False
    if not locked.answers:
        raise NothingToSend("Say something about at least one thing before you send.")
    allowed = {allocation.user_id: allocation for allocation in recipients_possible(locked.child)}
    chosen = [allowed[pk].user for pk in recipient_ids if pk in allowed]
    if not chosen:
        raise NothingToSend("Choose at least one person to send it to.")
    locked.status = Statement.Status.SENT
    locked.sent_at = timezone.now()
    locked.save(update_fields=["status", "sent_at"])
    locked.recipients.set(chosen)
    statement.status, statement.sent_at = locked.status, locked.sent_at
    _screen(locked, texts=[answer.get("text", "") for answer in locked.answers.values()])
    transaction.on_commit(lambda: _tell_recipients(locked, chosen))
    return True


@transaction.atomic
def addition_add(*, statement: Statement, text: str) -> Addition:
    """Something the child adds to a statement already sent."""
    text = text.strip()[:LONGEST_ANSWER]
    if not text:
        raise NothingToSend("Write what you want to add.")
    if statement.status != Statement.Status.SENT:
        raise NotADraft("Only a sent statement can be added to.")
    addition = Addition.objects.create(statement=statement, text=text)
    _screen(statement, texts=[text])
    recipients = list(statement.recipients.filter(is_active=True))
    transaction.on_commit(lambda: _tell_recipients(statement, recipients, added=True))
    return addition


def _screen(statement: Statement, *, texts: list[str]) -> None:
    found = screening.screen(texts, council_id=statement.child.council_id)
    if found is not None:
        alert_raise(child=statement.child, source=Alert.Source.SCREENING, statement=statement)


def _tell_recipients(statement: Statement, people: list[User], *, added: bool = False) -> None:
    """Tell the workers the child chose that something is waiting: never the words, nor the
    child's name, only where to look."""
    from childrights.core.tasks import send_email

    link = django_settings.SITE_URL + reverse("myviews:statement", args=[statement.pk])
    for person in people:
        with translation.override(person.preferred_language or "en-gb"):
            subject = (
                _("A child added to the views they sent you")
                if added
                else _("A child sent you their views")
            )
            body = _(
                "A child you work with sent you their views. Read them here, after signing in: "
                "%(link)s\n\nThis email does not contain what the child said."
            ) % {"link": link}
        send_email.enqueue(
            kind="views_sent", subject=subject, body=body, to=[person.email], fields={"link": link}
        )


# --- reading, answering, listening ----------------------------------------------------------------


def statement_read(*, actor: Actor, statement: Statement) -> None:
    """A worker opened a statement: audited every time; the child sees the first time."""
    person = _person(actor)
    if person is not None:
        membership = (
            person.memberships.select_related("role")
            .filter(council_id=statement.child.council_id)
            .order_by("role__position")
        )
        allocation = statement.child.allocations.select_related("role").filter(user=person).first()
        role = allocation.role if allocation else next((m.role for m in membership), None)
        try:
            with transaction.atomic():
                Reading.objects.get_or_create(
                    statement=statement,
                    user=person,
                    defaults={
                        "role_name_en": role.name_en if role else "",
                        "role_name_cy": role.name_cy if role else "",
                    },
                )
        except IntegrityError:
            pass  # read at the same moment in another tab: the first reading stands
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        obj=statement,
        council=statement.child.council,
        detail={"child": statement.child_id},
    )


@transaction.atomic
def reply_write(*, actor: Actor, statement: Statement, text: str) -> Reply:
    """What was decided about what the child said, in words for them. It can be changed until the
    child has seen it."""
    text = text.strip()
    if not text:
        raise ValueError("empty answer")
    reply = Reply.objects.select_for_update().filter(statement=statement).first()
    if reply is not None and reply.seen_by_child_at is not None:
        raise ValueError("The child has seen the answer already.")
    if reply is None:
        reply = Reply.objects.create(statement=statement, text=text, written_by=_person(actor))
    else:
        reply.text, reply.written_by, reply.written_at = text, _person(actor), timezone.now()
        reply.save(update_fields=["text", "written_by", "written_at"])
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=statement,
        council=statement.child.council,
        detail={"reply": reply.pk},
    )
    return reply


def reply_seen(reply: Reply) -> None:
    if reply.seen_by_child_at is None:
        Reply.objects.filter(pk=reply.pk, seen_by_child_at__isnull=True).update(
            seen_by_child_at=timezone.now()
        )


@transaction.atomic
def listened_record(*, reply: Reply, listened: str) -> bool:
    """The child's one answer: did they feel listened to? Kept once; False if already given."""
    if listened not in Reply.Listened.values:
        raise ValueError("unknown answer")
    updated = Reply.objects.filter(pk=reply.pk, listened="").update(
        listened=listened, listened_at=timezone.now()
    )
    return bool(updated)


# --- "I don't feel safe" --------------------------------------------------------------------------


def alert_raise(
    *, child: Child, source: str, statement: Statement | None = None, submission: str = ""
) -> Alert:
    """Put an alert in the council's safeguarding queue and email its designated safeguarding
    leads and the child's allocated workers at once, without the child's words. The same press
    sent twice keeps one alert."""
    if source == Alert.Source.BUTTON:
        waiting = _press_again(child, submission[:40])
        if waiting is not None:
            return waiting
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                council=child.council,
                child=child,
                statement=statement,
                source=source,
                submission=submission[:40],
            )
    except IntegrityError:
        return Alert.objects.get(child=child, submission=submission[:40])
    transaction.on_commit(lambda: _tell_about_alert(alert))
    return alert


# Presses of "I don't feel safe" while an earlier press waits this long for a lead's decision are
# counted on it: the leads and workers already have it, urgently, and a flood of presses (by
# the child, or by anyone holding the card) must not bury other alerts.
PRESSES_GROUPED_FOR = timedelta(minutes=30)


def _press_again(child: Child, submission: str) -> Alert | None:
    with transaction.atomic():
        if submission:
            same = Alert.objects.filter(child=child, submission=submission).first()
            if same is not None:
                return same
        waiting = (
            Alert.objects.select_for_update()
            .filter(
                child=child,
                source=Alert.Source.BUTTON,
                outcome="",
                last_pressed_at__gte=timezone.now() - PRESSES_GROUPED_FOR,
            )
            .order_by("-last_pressed_at", "-pk")
            .first()
        )
        if waiting is None:
            return None
        waiting.presses += 1
        waiting.last_pressed_at = timezone.now()
        waiting.save(update_fields=["presses", "last_pressed_at"])
        return waiting


def alert_recipients(alert: Alert, *, leads: list[User] | None = None) -> list[User]:
    """The council's designated safeguarding leads (``leads``, when already read) and the
    workers allocated to the child."""
    from childrights.accounts.selectors import users_with_capability

    if leads is None:
        leads = list(users_with_capability(council_id=alert.council_id, capability="safeguarding"))
    workers = [
        allocation.user
        for allocation in alert.child.allocations.select_related("user")
        if allocation.user.is_active
    ]
    seen: set[int] = set()
    people = []
    for person in leads + workers:
        if person.pk not in seen:
            seen.add(person.pk)
            people.append(person)
    return people


def _tell_about_alert(alert: Alert) -> None:
    """Each person is sent where they can act, after signing in: a designated safeguarding lead
    to the council's alerts; a worker to the child's page (which says there is an alert); a
    council lead, told only when the council has no safeguarding lead, that one is needed."""
    from childrights.accounts.selectors import council_leads, users_with_capability
    from childrights.core.tasks import send_email, send_text

    leads = list(users_with_capability(council_id=alert.council_id, capability="safeguarding"))
    lead_ids = {lead.pk for lead in leads}
    alerts_link = django_settings.SITE_URL + reverse("myviews:alerts", args=[alert.council_id])
    child_link = django_settings.SITE_URL + reverse("myviews:child", args=[alert.child_id])
    for person in alert_recipients(alert, leads=leads):
        is_lead = person.pk in lead_ids
        with translation.override(person.preferred_language or "en-gb"):
            if alert.source == Alert.Source.BUTTON:
                subject = _("Urgent: a child pressed “I don't feel safe”")
                what = _("A child you work with pressed “I don't feel safe” just now.")
            else:
                subject = _("Safeguarding: what a child wrote may tell of harm")
                what = _("What a child you work with wrote to their workers may tell of harm.")
            if is_lead:
                where = _(
                    "See who and act now, after signing in: %(link)s\n\nYou are getting this "
                    "because you are a designated safeguarding lead of the council."
                ) % {"link": alerts_link}
            else:
                where = _(
                    "See which child and act now, after signing in: %(link)s\n\nYou are "
                    "getting this because you work with this child."
                ) % {"link": child_link}
            body = _(
                "%(what)s\n\n%(where)s\n\nThis email does not contain the child's name or "
                "what they wrote."
            ) % {"what": what, "where": where}
        link = alerts_link if is_lead else child_link
        send_email.enqueue(
            kind="safety_alert",
            subject=subject,
            body=body,
            to=[person.email],
            fields={"link": link},
        )
        if alert.source == Alert.Source.BUTTON and person.mobile_number:
            # Urgent, so a text too: that there is an alert and where to act, nothing more.
            with translation.override(person.preferred_language or "en-gb"):
                text = _("Urgent safeguarding alert: a child needs help. Sign in to act: %(link)s")
            send_text.enqueue(
                kind="safety_alert_text",
                body=text % {"link": link},
                to=[person.mobile_number],
                fields={"link": link},
            )
    if not leads:
        for person in council_leads(council=alert.council):
            with translation.override(person.preferred_language or "en-gb"):
                subject = _("Urgent: your council has no designated safeguarding lead")
                body = _(
                    "A child in care or a care leaver raised a safety alert, and %(council)s has "
                    "no designated safeguarding lead to receive it. The child's workers were "
                    "told. Give someone the designated safeguarding lead role now, so alerts "
                    "reach a person who can act on them."
                ) % {"council": alert.council.name}
            send_email.enqueue(
                kind="no_safeguarding_lead", subject=subject, body=body, to=[person.email]
            )


@transaction.atomic
def alert_decide(*, actor: Actor, alert: Alert, outcome: str, note: str) -> bool:
    """A lead records what was done. False when someone already did."""
    if outcome not in Alert.Outcome.values:
        raise ValueError("unknown outcome")
    updated = Alert.objects.filter(pk=alert.pk, outcome="").update(
        outcome=outcome, note=note.strip(), decided_by=_person(actor), decided_at=timezone.now()
    )
    if updated:
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=alert,
            council=alert.council,
            detail={"outcome": outcome},
        )
    return bool(updated)


# --- into the case file, then gone ----------------------------------------------------------------


@transaction.atomic
def statement_exported(*, actor: Actor, statement: Statement, format: str) -> None:
    Statement.objects.filter(pk=statement.pk).update(
        exported_at=timezone.now(), exported_by=_person(actor)
    )
    statement.refresh_from_db(fields=["exported_at", "exported_by"])
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=actor,
        obj=statement,
        council=statement.child.council,
        detail={"format": format},
    )


def settings_save(*, actor: Actor, settings: Settings) -> Settings:
    settings.save()
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=settings,
        council=settings.council,
        detail={
            "retention_months": settings.retention_months,
            "answer_due_working_days": settings.answer_due_working_days,
            "invite_days_before": settings.invite_days_before,
        },
    )
    return settings


# --- what staff looked at -------------------------------------------------------------------------


def alerts_viewed(*, actor: Actor, council: Council) -> None:
    """A designated safeguarding lead opened the council's list of safety alerts."""
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        obj=council,
        council=council,
        detail={"myviews": "safety alerts"},
    )


def alert_viewed(*, actor: Actor, alert: Alert) -> None:
    """A designated safeguarding lead opened one alert (and the words it is about, if any)."""
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        obj=alert,
        council=alert.council,
        detail={"child": alert.child_id, "statement": alert.statement_id},
    )


def space_opened_with_worker(*, actor: Actor, child: Child) -> None:
    """A worker opened the child's own space on their device, to use it beside the child."""
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        obj=child,
        council=child.council,
        detail={"myviews": "child's space opened with a worker"},
    )
