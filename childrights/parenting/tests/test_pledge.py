"""The pledge: staff who edit start it (with its co-writing consultation), add promises naming
principles and dated updates through participation's commitments, and publish it; the public
page shows only published promises; the board report counts promises by their status at the end
of the period; other councils get 404."""

import datetime

import pytest

from childrights.core.actors import Actor
from childrights.councils.public_pages import links_for
from childrights.parenting import pledge as pledges
from childrights.parenting.models import Pledge
from childrights.parenting.report.figures import board_figures
from childrights.parenting.tests.report_support import at
from childrights.participation.feedback.writes import WelshMissing
from childrights.participation.models import Commitment, CommitmentUpdate, Consultation
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_user


@pytest.fixture
def pledge(world):
    return pledges.pledge_create(
        actor=Actor(person=world.member),
        council=world.council_a,
        intro_en="Our promises, written with our Children in Care Council.",
        intro_cy="",
    )


def _promise(world, pledge, text, status="planned", principles=()):
    return pledges.promise_add(
        actor=Actor(person=world.member),
        pledge=pledge,
        text_en=text,
        text_cy="",
        status=status,
        principles=principles,
    )


def test_starting_the_pledge_makes_its_draft_co_writing_consultation_once(world, pledge):
    assert pledge.consultation.council == world.council_a
    assert pledge.consultation.status == Consultation.Status.DRAFT
    again = pledges.pledge_create(
        actor=Actor(person=world.member), council=world.council_a, intro_en="x", intro_cy=""
    )
    assert again.pk == pledge.pk
    assert Consultation.objects.count() == 1


def test_staff_pages_start_the_pledge_add_a_promise_and_an_update_and_publish(world, signed_in):
    client = signed_in(world.member)
    council = world.council_a
    response = client.post(f"/councils/{council.pk}/pledge/edit/", {"intro_en": "Our promises."})
    assert response["Location"] == f"/councils/{council.pk}/pledge/"
    response = client.post(
        f"/councils/{council.pk}/pledge/promises/new/",
        {
            "text_en": "We will ask you before you move home.",
            "status": "planned",
            "principles": ["express-views", "safe-and-stable"],
        },
    )
    assert response.status_code == 302
    promise = Commitment.objects.get()
    assert pledges.principle_slugs(promise) == ["express-views", "safe-and-stable"]
    response = client.post(
        f"/pledge/promises/{promise.pk}/updates/new/",
        {
            **date_parts("made_on", "2026-01-10"),
            "text_en": "Social workers now ask first.",
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.status == "in_progress"
    page = client.get(f"/councils/{council.pk}/pledge/").content.decode()
    assert "We will ask you before you move home." in page
    assert "Social workers now ask first." in page
    assert "(f) Safe, with stability" in page
    client.post(f"/councils/{council.pk}/pledge/publish/")
    assert Pledge.objects.get().published_at is not None
    promise.refresh_from_db()
    assert promise.published_at is not None


def test_the_public_page_shows_only_published_promises_with_their_latest_update(
    world, client, pledge
):
    shown = _promise(
        world, pledge, "We will keep your social worker.", principles=["safe-and-stable"]
    )
    pledges.promise_update_add(
        actor=Actor(person=world.member),
        commitment=shown,
        made_on=datetime.date(2026, 1, 5),
        text_en="Six more social workers hired.",
        text_cy="",
        status="in_progress",
    )
    pledges.promise_update_add(
        actor=Actor(person=world.member),
        commitment=shown,
        made_on=datetime.date(2025, 10, 5),
        text_en="We are hiring.",
        text_cy="",
        status="in_progress",
    )
    url = f"/corporate-parenting/{world.council_a.gss_code}/pledge/"
    assert client.get(url).status_code == 404  # not published yet
    pledges.pledge_publish(actor=Actor(person=world.member), pledge=pledge)
    _promise(world, pledge, "We will pay for driving lessons.")  # added after: not published
    page = client.get(url).content.decode()
    assert "We will keep your social worker." in page
    assert "We are doing this" in page
    assert page.index("Six more social workers hired.") < page.index("We are hiring.")
    assert "We will pay for driving lessons." not in page
    assert links_for(world.council_a)[-1].url == url


def test_a_council_in_wales_publishes_only_with_the_welsh(world, pledge):
    world.council_a.nation = "wales"
    world.council_a.save()
    Consultation.objects.filter(pk=pledge.consultation_id).update(languages="both")
    pledge.refresh_from_db()
    _promise(world, pledge, "We will listen.")
    with pytest.raises(WelshMissing):
        pledges.pledge_publish(actor=Actor(person=world.member), pledge=pledge)
    assert Pledge.objects.get().published_at is None
    assert not Commitment.objects.filter(published_at__isnull=False).exists()


def test_the_board_report_counts_promises_by_status_at_the_end_of_the_period(world, pledge):
    start, end = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)
    done = _promise(world, pledge, "Proper bags for every move.", principles=["best-interests"])
    later = _promise(world, pledge, "Driving lessons.")
    _promise(world, pledge, "Free Wi-Fi.", status="planned")
    pledges.pledge_publish(actor=Actor(person=world.member), pledge=pledge)
    Commitment.objects.update(published_at=at(datetime.date(2025, 3, 1)))
    for commitment, made_on, status in (
        (done, datetime.date(2025, 3, 20), "in_progress"),  # before the period
        (done, datetime.date(2025, 6, 1), "done"),
        (later, datetime.date(2026, 5, 1), "in_progress"),  # after the period
    ):
        CommitmentUpdate.objects.create(
            commitment=commitment, made_on=made_on, text_en="Update", status=status
        )
    Commitment.objects.filter(pk__in=[done.pk]).update(status="done")
    Commitment.objects.filter(pk__in=[later.pk]).update(status="in_progress")
    section = board_figures(council=world.council_a, period_start=start, period_end=end)["pledge"]
    assert section["exists"] is True
    assert section["statuses"] == [
        {"status": "planned", "count": 2},
        {"status": "in_progress", "count": 0},
        {"status": "done", "count": 1},
        {"status": "not_doing", "count": 0},
    ]
    assert section["updates_in_period"] == 1
    assert section["promises"][0]["principles"] == ["best-interests"]
    assert [update["made_on"] for update in section["promises"][0]["updates"]] == ["2025-06-01"]


def test_read_only_members_see_the_pledge_but_change_nothing(world, signed_in, pledge):
    elected = make_user(role="elected-member", council=world.council_a)
    client = signed_in(elected)
    promise = _promise(world, pledge, "We will listen.")
    assert client.get(f"/councils/{world.council_a.pk}/pledge/").status_code == 200
    for url in (
        f"/councils/{world.council_a.pk}/pledge/edit/",
        f"/councils/{world.council_a.pk}/pledge/promises/new/",
        f"/councils/{world.council_a.pk}/pledge/publish/",
        f"/pledge/promises/{promise.pk}/",
        f"/pledge/promises/{promise.pk}/updates/new/",
    ):
        assert (
            client.post(url, {"intro_en": "x", "text_en": "x", "status": "done"}).status_code == 403
        )
    assert Pledge.objects.get().published_at is None


def test_other_councils_get_404(world, signed_in, pledge):
    promise = _promise(world, pledge, "We will listen.")
    client = signed_in(world.outsider)
    for url in (
        f"/councils/{world.council_a.pk}/pledge/",
        f"/councils/{world.council_a.pk}/pledge/edit/",
        f"/pledge/promises/{promise.pk}/",
        f"/pledge/promises/{promise.pk}/updates/new/",
    ):
        assert client.get(url).status_code == 404
