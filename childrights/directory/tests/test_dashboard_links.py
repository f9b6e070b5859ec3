"""The councils page, where staff start, leads each member to their council's local offer."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_councils_page_links_each_member_council_s_local_offer(world, signed_in):
    client = signed_in(world.owner)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    mine = reverse("directory:local_offer_edit", args=[world.council_a.pk])
    theirs = reverse("directory:local_offer_edit", args=[world.council_b.pk])
    assert f'href="{mine}"' in page
    assert f"Local offer for care leavers – {world.council_a.short_name}" in page
    assert f'href="{theirs}"' not in page


def test_only_a_council_s_editors_are_led_to_its_comments_as_written(world, signed_in):
    from childrights.testing.factories import make_user

    comments = reverse("directory:send_comments", args=[world.council_a.pk])
    assert (
        f'href="{comments}"'
        in signed_in(world.member).get(reverse("accounts:dashboard")).content.decode()
    )
    reader = make_user(role="elected-member", council=world.council_a)
    page = signed_in(reader).get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{comments}"' not in page
    team = make_user(role="programme-team")
    page = signed_in(team).get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{comments}"' not in page
