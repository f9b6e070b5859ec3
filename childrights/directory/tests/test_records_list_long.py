"""A council with thousands of services: its list comes 50 a page, by name, and still counts
every service that needs checking."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from childrights.directory.models import Organisation, Service


def _services(council, count, *, checked_on):
    organisation, _ = Organisation.objects.get_or_create(council=council, name="Youth Trust")
    Service.objects.bulk_create(
        Service(
            council=council,
            organisation=organisation,
            name_en=f"Service {number:04d}",
            description_en="A place to go.",
            last_checked_on=checked_on,
        )
        for number in range(len(Service.objects.filter(council=council)), count)
    )


def _list(council):
    return f"/councils/{council.pk}/services/"


def test_a_long_list_comes_fifty_a_page_and_counts_every_service_to_check(world, signed_in):
    today = timezone.localdate()
    _services(world.council_a, 60, checked_on=today - datetime.timedelta(days=800))
    client = signed_in(world.owner)
    page = client.get(_list(world.council_a)).content.decode()
    assert page.count('<th scope="row"') == 50
    assert "Service 0000" in page
    assert "Service 0059" not in page
    assert "60 services have not been checked" in page
    assert 'href="?page=2"' in page
    second = client.get(_list(world.council_a), {"page": 2}).content.decode()
    assert second.count('<th scope="row"') == 10
    assert "Service 0059" in second


def test_the_list_takes_as_many_queries_for_500_services_as_for_5(
    world, signed_in, django_assert_max_num_queries
):
    client = signed_in(world.owner)
    _services(world.council_a, 5, checked_on=None)
    client.get(_list(world.council_a))
    with CaptureQueriesContext(connection) as few:
        client.get(_list(world.council_a))
    _services(world.council_a, 500, checked_on=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(_list(world.council_a)).content.decode()
    assert page.count('<th scope="row"') == 50
