"""Writes to the directory: each keeps a version of the service (who, what before and after) and
an audit event, and a refused write changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.directory.models import Need, Organisation, Service, ServiceChange, Taxonomy
from childrights.directory.services import (
    organisation_create,
    service_checked,
    service_create,
    service_publish,
    service_unpublish,
    service_update,
)
from childrights.framework.models import Article
from childrights.testing.actors import actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(world):
    return organisation_create(
        actor=actor_for(world.owner), council=world.council_a, name="Aberfield Youth"
    )


@pytest.fixture
def service(world, organisation):
    return service_create(
        actor=actor_for(world.owner),
        council=world.council_a,
        values={
            "organisation": organisation,
            "name_en": "Youth club",
            "name_cy": "Clwb ieuenctid",
            "description_en": "Games and a chat.",
            "minimum_age": 11,
            "maximum_age": 19,
        },
        needs=[Need.objects.get(code="things-to-do")],
        articles=[Article.objects.get(number=31)],
    )


def _values(organisation, **overrides):
    return {
        "organisation": organisation,
        "name_en": "Drop-in",
        "description_en": "Come along.",
        **overrides,
    }


def _own_need(council, code="aberfield-bikes"):
    return Need.objects.create(
        taxonomy=Taxonomy.objects.get(slug="needs"), council=council, code=code, name_en="Bikes"
    )


def test_creating_an_organisation_is_audited(world, organisation):
    event = AuditEvent.objects.get(object_id=str(organisation.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor_id == world.owner.pk
    assert event.council_id == world.council_a.pk


def test_an_organisation_with_a_bad_email_is_refused(world):
    with pytest.raises(ValidationError) as error:
        organisation_create(
            actor=actor_for(world.owner), council=world.council_a, name="X", email="not an email"
        )
    assert "email" in error.value.message_dict
    assert not Organisation.objects.exists()


def test_creating_a_service_keeps_its_first_version_and_audits_it(world, service):
    assert service.is_published is False
    change = service.changes.get()
    assert change.changed_by == world.owner
    assert change.changes["name_en"] == [None, "Youth club"]
    assert change.changes["needs"] == [None, ["things-to-do"]]
    assert change.changes["articles"] == [None, [31]]
    event = AuditEvent.objects.get(object_id=str(service.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.council_id == world.council_a.pk


def test_updating_records_each_changed_field_before_and_after(world, service):
    service = service_update(
        actor=actor_for(world.member),
        service=service,
        values={"name_en": "Youth club night", "maximum_age": 21, "name_cy": "Clwb ieuenctid"},
        needs=[Need.objects.get(code="things-to-do"), Need.objects.get(code="food")],
    )
    change = service.changes.first()
    assert change.changed_by == world.member
    assert change.changes == {
        "name_en": ["Youth club", "Youth club night"],
        "maximum_age": [19, 21],
        "needs": [["things-to-do"], ["food", "things-to-do"]],
    }
    service.refresh_from_db()
    assert service.maximum_age == 21
    assert set(service.needs.values_list("code", flat=True)) == {"food", "things-to-do"}
    event = AuditEvent.objects.filter(object_id=str(service.pk)).latest("pk")
    assert event.action == AuditEvent.Action.UPDATE
    assert event.actor_id == world.member.pk
    assert event.detail["changed"]["maximum_age"] == [19, 21]


def test_an_update_that_changes_nothing_records_nothing(world, service):
    service_update(actor=actor_for(world.owner), service=service, values={"name_en": "Youth club"})
    assert service.changes.count() == 1
    assert AuditEvent.objects.filter(object_id=str(service.pk)).count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"minimum_age": 18, "maximum_age": 16}, "maximum_age"),
        ({"maximum_age": 30}, "maximum_age"),
        ({"minimum_age": 26}, "minimum_age"),
        ({"name_en": ""}, "name_en"),
        ({"status": "sleeping"}, "status"),
    ],
)
def test_a_bad_update_is_refused_and_changes_nothing(world, service, values, field):
    with pytest.raises(ValidationError) as error:
        service_update(actor=actor_for(world.owner), service=service, values=values)
    assert field in error.value.message_dict
    service.refresh_from_db()
    assert (service.name_en, service.minimum_age, service.maximum_age) == ("Youth club", 11, 19)
    assert service.changes.count() == 1
    assert AuditEvent.objects.filter(object_id=str(service.pk)).count() == 1


def test_ages_out_of_order_are_refused_with_a_clear_message(world, organisation):
    with pytest.raises(ValidationError) as error:
        service_create(
            actor=actor_for(world.owner),
            council=world.council_a,
            values=_values(organisation, minimum_age=18, maximum_age=16),
        )
    assert error.value.message_dict["maximum_age"] == [
        "The oldest age must be the same as or more than the youngest age."
    ]
    assert not Service.objects.exists()


def test_another_council_s_own_need_is_refused(world, organisation):
    bramley_need = _own_need(world.council_b, "bramley-bikes")
    with pytest.raises(ValidationError) as error:
        service_create(
            actor=actor_for(world.owner),
            council=world.council_a,
            values=_values(organisation),
            needs=[bramley_need],
        )
    assert "needs" in error.value.message_dict
    assert not Service.objects.exists()
    assert not ServiceChange.objects.exists()


def test_the_council_s_own_need_is_accepted(world, organisation):
    service = service_create(
        actor=actor_for(world.owner),
        council=world.council_a,
        values=_values(organisation),
        needs=[_own_need(world.council_a)],
    )
    assert service.needs.get().code == "aberfield-bikes"


def test_another_council_s_need_is_refused_on_update(world, service):
    with pytest.raises(ValidationError):
        service_update(
            actor=actor_for(world.owner),
            service=service,
            values={},
            needs=[_own_need(world.council_b, "bramley-bikes")],
        )
    assert list(service.needs.values_list("code", flat=True)) == ["things-to-do"]


def test_an_organisation_of_another_council_is_refused(world):
    bramley = organisation_create(
        actor=actor_for(world.outsider), council=world.council_b, name="Bramley Youth"
    )
    with pytest.raises(ValidationError) as error:
        service_create(
            actor=actor_for(world.owner), council=world.council_a, values=_values(bramley)
        )
    assert "organisation" in error.value.message_dict
    assert not Service.objects.exists()


def test_moving_a_service_to_another_council_s_organisation_is_refused(world, service):
    bramley = organisation_create(
        actor=actor_for(world.outsider), council=world.council_b, name="Bramley Youth"
    )
    with pytest.raises(ValidationError):
        service_update(
            actor=actor_for(world.owner), service=service, values={"organisation": bramley}
        )
    service.refresh_from_db()
    assert service.organisation.council == world.council_a


def test_checking_a_service_dates_it_today_and_is_recorded(world, service):
    service_checked(actor=actor_for(world.member), service=service)
    service.refresh_from_db()
    today = timezone.localdate()
    assert service.last_checked_on == today
    assert service.changes.first().changes == {"last_checked_on": [None, str(today)]}
    event = AuditEvent.objects.filter(object_id=str(service.pk)).latest("pk")
    assert event.actor_id == world.member.pk
    assert event.detail == {"checked_on": str(today)}


def test_publishing_and_unpublishing_are_versioned_and_audited(world, service):
    service_publish(actor=actor_for(world.owner), service=service)
    service.refresh_from_db()
    assert service.is_published
    assert service.changes.first().changes == {"is_published": [False, True]}
    service_unpublish(actor=actor_for(world.member), service=service)
    service.refresh_from_db()
    assert not service.is_published
    latest = service.changes.first()
    assert latest.changes == {"is_published": [True, False]}
    assert latest.changed_by == world.member
    assert AuditEvent.objects.filter(object_id=str(service.pk)).count() == 3


def test_publishing_twice_records_once(world, service):
    service_publish(actor=actor_for(world.owner), service=service)
    service_publish(actor=actor_for(world.owner), service=service)
    assert service.changes.count() == 2


def test_a_service_closed_for_good_cannot_be_published(world, service):
    service_update(actor=actor_for(world.owner), service=service, values={"status": "defunct"})
    service.refresh_from_db()
    with pytest.raises(ValidationError):
        service_publish(actor=actor_for(world.owner), service=service)
    service.refresh_from_db()
    assert not service.is_published
