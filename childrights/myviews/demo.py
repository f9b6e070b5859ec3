"""The demonstration council's children in care and care leavers: three made-up children of
different ages with their made-up workers, meetings, statements and answers, so a newcomer can
try both sides of "my views". None of them is a real child.

Each child's code is fixed (demonstration only) and printed by ``load_demo_data`` with their
link, so the child's side can be tried at once. Loading again changes nothing already there.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.councils.demo import demo_council
from childrights.councils.models import Council
from childrights.myviews import services
from childrights.myviews.models import Child, Meeting, Reading, Reply, Settings, Statement, Team


@dataclass(frozen=True)
class DemoChild:
    name: str
    age_band: str
    status: str
    simple_mode: bool
    code: str


CHILDREN = [
    DemoChild("Mia", "4-7", Child.Status.IN_CARE, True, "demo-robin-11"),
    DemoChild("Jay", "12-15", Child.Status.IN_CARE, False, "demo-otter-22"),
    DemoChild("Leah", "18-25", Child.Status.CARE_LEAVER, False, "demo-comet-33"),
]


def _worker(email: str) -> User:
    return User.objects.get(email=email)


def _person(slug: str) -> User:
    return _worker(f"{slug}@northbrook.example")


def _team(council: Council, name: str, manager: User) -> Team:
    team, _ = Team.objects.get_or_create(council=council, name=name)
    team.managers.add(manager)
    return team


def _allocate(child: Child, person: User, actor: Actor) -> None:
    role = services.work_roles_of(person, child.council)[0]
    services.allocation_add(actor=actor, child=child, user=person, role=role)


def _sent(
    child: Child, answers: dict[str, tuple[str, str]], to: list[User], *, with_worker: bool = False
) -> Statement:
    statement = services.statement_draft(child=child, with_worker=with_worker)
    for topic, (face, text) in answers.items():
        services.statement_answer(statement=statement, topic=topic, face=face, text=text)
    services.statement_send(statement=statement, recipient_ids=[person.pk for person in to])
    statement.refresh_from_db()
    return statement


def _read(statement: Statement, person: User, days_ago: int) -> None:
    services.statement_read(actor=Actor(person=person), statement=statement)
    Reading.objects.filter(statement=statement, user=person).update(
        first_read_at=timezone.now() - timedelta(days=days_ago)
    )


@transaction.atomic
def myviews_demo_load() -> str:
    council = demo_council()
    if Child.objects.filter(council=council).exists():
        return _summary(council)
    Settings.objects.get_or_create(
        council=council, defaults={"emergency_duty_phone": "01632 960 000"}
    )
    manager = _person("manager")
    social_worker = _person("socialworker")
    reviewing_officer = _person("iro")
    adviser = _person("adviser")
    advocate = _person("advocate")
    in_care = _team(council, "Children in care team (demo)", manager)
    leaving = _team(council, "Leaving care team (demo)", manager)
    by_worker = Actor(person=social_worker)
    today = timezone.localdate()
    children = {}
    for made_up in CHILDREN:
        team = leaving if made_up.status == Child.Status.CARE_LEAVER else in_care
        worker = adviser if made_up.status == Child.Status.CARE_LEAVER else social_worker
        child, _ = services.child_create(
            actor=Actor(person=worker),
            council=council,
            team=team,
            chosen_name=made_up.name,
            age_band=made_up.age_band,
            status=made_up.status,
            language=Child.Language.ENGLISH,
            simple_mode=made_up.simple_mode,
            came_into_care_on=today - timedelta(days=400),
        )
        Child.objects.filter(pk=child.pk).update(
            code_hash=make_password(services.normalise_code(made_up.code))
        )
        children[made_up.name] = child

    mia, jay, leah = children["Mia"], children["Jay"], children["Leah"]
    _allocate(mia, reviewing_officer, by_worker)
    _allocate(jay, reviewing_officer, by_worker)
    _allocate(jay, advocate, by_worker)

    # Mia, with her social worker beside her, before her review next week.
    services.meeting_add(
        actor=by_worker, child=mia, kind=Meeting.Kind.REVIEW, on=today + timedelta(days=6)
    )
    _sent(
        mia,
        {
            "where-i-live": ("😀", "I like my bedroom. It has stars."),
            "family-and-friends": ("🙁", "I miss my nan."),
            "what-i-want": ("🙂", "See nan on Saturdays."),
        },
        [social_worker, reviewing_officer],
        with_worker=True,
    )

    # Jay: a review held last month, answered, and Jay felt listened to; the next is planned.
    held = services.meeting_add(
        actor=by_worker, child=jay, kind=Meeting.Kind.REVIEW, on=today + timedelta(days=1)
    )
    jays = _sent(
        jay,
        {
            "school-or-college": ("🙂", "School is OK. I want to do football after school."),
            "family-and-friends": ("😐", "I want to see my brother more than once a month."),
            "worries": ("🙁", "I worry I will have to move again."),
            "what-i-want": ("", "Stay where I am until I finish year 11."),
            "my-questions": ("", "Can I have a phone of my own?"),
        },
        [social_worker, reviewing_officer, advocate],
    )
    Meeting.objects.filter(pk=held.pk).update(on=today - timedelta(days=30))
    Statement.objects.filter(pk=jays.pk).update(sent_at=timezone.now() - timedelta(days=35))
    _read(jays, reviewing_officer, 33)
    _read(jays, social_worker, 34)
    reply = services.reply_write(
        actor=Actor(person=reviewing_officer),
        statement=jays,
        text=(
            "We agreed you will stay with your carers until you finish year 11. You will see your "
            "brother every two weeks, starting this month. Your social worker will ask about "
            "football club this week. A phone of your own: your carers will talk to you about it "
            "by the end of the month."
        ),
    )
    Reply.objects.filter(pk=reply.pk).update(
        written_at=timezone.now() - timedelta(days=27),
        seen_by_child_at=timezone.now() - timedelta(days=26),
        listened=Reply.Listened.YES,
        listened_at=timezone.now() - timedelta(days=26),
    )
    services.meeting_add(
        actor=by_worker, child=jay, kind=Meeting.Kind.REVIEW, on=held.on + timedelta(days=182)
    )

    # Leah: a pathway plan meeting last week; her views were read, the answer is still to write.
    pathway = services.meeting_add(
        actor=Actor(person=adviser),
        child=leah,
        kind=Meeting.Kind.PATHWAY,
        on=today + timedelta(days=1),
    )
    leahs = _sent(
        leah,
        {
            "where-i-live": ("🙁", "My flat is damp and the landlord does not fix it."),
            "money": ("😐", "I want help with a budget. Council tax letters scare me."),
            "school-or-college": ("🙂", "I start an apprenticeship in January."),
            "what-i-want": ("", "Move somewhere dry before winter ends."),
        },
        [adviser],
    )
    Meeting.objects.filter(pk=pathway.pk).update(on=today - timedelta(days=8))
    Statement.objects.filter(pk=leahs.pk).update(sent_at=timezone.now() - timedelta(days=12))
    _read(leahs, adviser, 11)
    return _summary(council)


def _summary(council: Council) -> str:
    lines = [f"{Child.objects.filter(council=council).count()} made-up children in care"]
    for made_up in CHILDREN:
        child = Child.objects.filter(council=council, chosen_name=made_up.name).first()
        if child is not None:
            link = settings.SITE_URL + reverse("myviews:child_start", args=[child.access_key])
            lines.append(f"  {made_up.name}: {link}  code: {made_up.code}")
    return "\n".join(lines)
