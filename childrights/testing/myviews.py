"""Children in care, their workers and statements, for tests."""

from dataclasses import dataclass
from typing import Any

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.councils.models import Council
from childrights.myviews import services
from childrights.myviews.models import Child, Statement, Team
from childrights.testing.factories import make_user


@dataclass
class CareWorld:
    """A council's team with a manager, a child with a social worker and a reviewing officer,
    and people of the same council who do not work with that child."""

    council: Council
    team: Team
    manager: User
    social_worker: User
    reviewing_officer: User
    other_worker: User
    child: Child
    code: str


def make_team(
    *,
    council: Council,
    name: str = "Children in care team",
    managers: tuple[User, ...] | list[User] = (),
) -> Team:
    team = Team.objects.create(council=council, name=name)
    team.managers.set(list(managers))
    return team


def make_child(
    *, council: Council, team: Team, worker: User | None = None, **overrides: Any
) -> tuple[Child, str]:
    fields: dict[str, Any] = {
        "chosen_name": "Sam",
        "age_band": "12-15",
        "status": Child.Status.IN_CARE,
        "language": Child.Language.ENGLISH,
    }
    fields.update(overrides)
    return services.child_create(actor=Actor(person=worker), council=council, team=team, **fields)


def make_care_world(council: Council) -> CareWorld:
    manager = make_user(role="team-manager", council=council, email="manager@care.example")
    social_worker = make_user(role="social-worker", council=council, email="sw@care.example")
    reviewing_officer = make_user(
        role="independent-reviewing-officer", council=council, email="iro@care.example"
    )
    other_worker = make_user(role="social-worker", council=council, email="other@care.example")
    team = make_team(council=council, managers=[manager])
    child, code = make_child(council=council, team=team, worker=social_worker)
    services.allocation_add(
        actor=Actor(person=social_worker),
        child=child,
        user=reviewing_officer,
        role=services.work_roles_of(reviewing_officer, council)[0],
    )
    return CareWorld(
        council=council,
        team=team,
        manager=manager,
        social_worker=social_worker,
        reviewing_officer=reviewing_officer,
        other_worker=other_worker,
        child=child,
        code=code,
    )


def make_sent_statement(
    world: CareWorld, *, text: str = "I want to see my brother more.", to: list[User] | None = None
) -> Statement:
    statement = services.statement_draft(child=world.child)
    services.statement_answer(statement=statement, topic="family-and-friends", face="🙂", text=text)
    recipients = to if to is not None else [world.social_worker, world.reviewing_officer]
    services.statement_send(statement=statement, recipient_ids=[user.pk for user in recipients])
    return statement
