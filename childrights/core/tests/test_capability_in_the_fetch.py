"""A selector asked for a record with ``needs``: outsiders get 404, members whose role lacks the
capability 403, each refusal audited; the programme team keeps its reach (or, for a council's
child-level data, only the reach of its own memberships)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from childrights.accounts.models import User
from childrights.conftest import World
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.testing.factories import make_user


def _fetch(user: User, council: Council, *, needs: str, programme_team: bool = True) -> Council:
    request = RequestFactory().post("/somewhere/")
    request.user = user
    return get_owned_or_404(
        Council.objects.all(),
        request=request,
        council_path="pk",
        programme_team=programme_team,
        needs=needs,
        pk=council.pk,
    )


def _refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED))


def test_a_member_whose_role_grants_it_gets_the_record(world: World):
    assert _fetch(world.member, world.council_a, needs="edit") == world.council_a
    assert not _refusals()


def test_a_member_whose_role_lacks_it_gets_403_naming_the_capability(world: World):
    reader = make_user(role="elected-member", council=world.council_a)
    with pytest.raises(PermissionDenied):
        _fetch(reader, world.council_a, needs="edit")
    (event,) = _refusals()
    assert event.actor_email == reader.email
    assert event.detail == {"path": "/somewhere/", "capability": "edit"}


def test_an_outsider_gets_404_audited_with_the_record(world: World):
    with pytest.raises(Http404):
        _fetch(world.outsider, world.council_a, needs="edit")
    (event,) = _refusals()
    assert event.council_id == world.council_a.pk
    assert event.detail == {"path": "/somewhere/", "capability": ""}


def test_the_programme_team_has_every_capability(world: World):
    assert _fetch(world.programme, world.council_a, needs="edit") == world.council_a


def test_child_level_data_stays_out_of_the_programme_teams_reach(world: World):
    with pytest.raises(Http404):
        _fetch(world.programme, world.council_a, needs="edit", programme_team=False)
