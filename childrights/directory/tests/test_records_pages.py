"""A council's own directory pages: its members see and change its services, outsiders get 404,
members who may only read get 403 on every change, and each change shows in the history."""

import datetime

import pytest
from django.utils import timezone

from childrights.directory.models import Need, Organisation, Service, ServiceChange, Suggestion
from childrights.directory.services import organisation_create, service_create, service_update
from childrights.framework.models import Article
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user

pytestmark = pytest.mark.django_db

READ_ONLY_ROLE = "elected-member"


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
            "description_en": "Games and a chat.",
            "minimum_age": 11,
            "maximum_age": 19,
        },
        needs=[Need.objects.get(code="things-to-do")],
    )


def _base(world):
    return f"/councils/{world.council_a.pk}/services/"


def _page(world, service, action):
    return f"{_base(world)}{service.pk}/{action}/"


def _form(organisation, **overrides):
    return {
        "organisation": str(organisation.pk),
        "name_en": "Youth club",
        "description_en": "Games and a chat.",
        "minimum_age": "11",
        "maximum_age": "19",
        "status": "active",
        "is_free": "on",
        "needs": [str(Need.objects.get(code="things-to-do").pk)],
        **overrides,
    }


def test_the_list_shows_every_service_published_or_not_with_the_stale_ones_marked(
    world, signed_in, service, organisation
):
    checked = service_create(
        actor=actor_for(world.owner),
        council=world.council_a,
        values={"organisation": organisation, "name_en": "Counselling", "description_en": "x"},
    )
    Service.objects.filter(pk=checked.pk).update(
        last_checked_on=timezone.localdate() - datetime.timedelta(days=30), is_published=True
    )
    Service.objects.filter(pk=service.pk).update(
        last_checked_on=timezone.localdate() - datetime.timedelta(days=200)
    )
    response = signed_in(world.member).get(_base(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Youth club" in page
    assert "Counselling" in page
    assert 'govuk-tag--grey">Not published<' in page
    assert 'govuk-tag--green">Published<' in page
    assert page.count("Needs checking") == 1
    assert "1 service has not been checked for 6 months" in page


def test_a_service_never_checked_is_stale(world, signed_in, service):
    page = signed_in(world.member).get(_base(world)).content.decode()
    assert "Never" in page
    assert "Needs checking" in page


def test_adding_a_service_with_a_new_organisation_keeps_a_version(world, signed_in):
    client = signed_in(world.member)
    assert client.get(f"{_base(world)}new/").status_code == 200
    data = {
        "new_organisation": "Bike Project",
        "name_en": "Bike repair",
        "name_cy": "Trwsio beiciau",
        "description_en": "Fix your bike.",
        "status": "active",
        "is_free": "on",
        "welsh_spoken": "on",
        "articles": [str(Article.objects.get(number=31).pk)],
    }
    response = client.post(f"{_base(world)}new/", data)
    assert response.status_code == 302
    added = Service.objects.get(name_en="Bike repair")
    assert added.council == world.council_a
    assert added.organisation.name == "Bike Project"
    assert added.organisation.council == world.council_a
    assert added.is_free
    assert added.welsh_spoken
    assert not added.is_published
    assert [article.number for article in added.articles.all()] == [31]
    assert added.changes.get().changed_by == world.member


def test_adding_a_service_refused_by_the_service_leaves_no_organisation(world, signed_in):
    data = {
        "new_organisation": "Ghost Org",
        "name_en": "Ages wrong",
        "description_en": "x",
        "status": "active",
        "minimum_age": "18",
        "maximum_age": "11",
    }
    response = signed_in(world.member).post(f"{_base(world)}new/", data)
    assert response.status_code == 200
    assert "The oldest age must be the same as or more than the youngest age." in (
        response.content.decode()
    )
    assert not Organisation.objects.filter(name="Ghost Org").exists()


def test_a_form_naming_no_organisation_is_refused(world, signed_in):
    data = {"name_en": "No org", "description_en": "x", "status": "active"}
    response = signed_in(world.member).post(f"{_base(world)}new/", data)
    assert response.status_code == 200
    assert "Choose the organisation that runs it, or name a new one" in response.content.decode()
    assert not Service.objects.filter(name_en="No org").exists()


def test_editing_a_service_records_who_changed_what_and_the_history_shows_it(
    world, signed_in, service, organisation
):
    client = signed_in(world.member)
    assert client.get(_page(world, service, "edit")).status_code == 200
    response = client.post(_page(world, service, "edit"), _form(organisation, maximum_age="21"))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.maximum_age == 21
    change = service.changes.order_by("-pk").first()
    assert change.changed_by == world.member
    assert change.changes == {"maximum_age": [19, 21]}

    history = client.get(_page(world, service, "history")).content.decode()
    assert str(world.member) in history
    assert "Oldest age" in history
    assert '<td class="govuk-table__cell">19</td>' in history
    assert '<td class="govuk-table__cell">21</td>' in history
    assert "Aberfield Youth" in history  # the first version names the organisation by name


def test_editing_keeps_a_colleagues_change_to_another_field(
    world, signed_in, service, organisation
):
    client = signed_in(world.member)
    page = client.get(_page(world, service, "edit")).content.decode()
    opened = page.split('name="opened" value="')[1].split('"')[0]
    service_update(actor=actor_for(world.owner), service=service, values={"phone": "0123"})
    response = client.post(
        _page(world, service, "edit"), _form(organisation, maximum_age="21", opened=opened)
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.maximum_age == 21
    assert service.phone == "0123"


def test_editing_the_field_a_colleague_changed_is_refused_and_saves_nothing(
    world, signed_in, service, organisation
):
    client = signed_in(world.member)
    page = client.get(_page(world, service, "edit")).content.decode()
    opened = page.split('name="opened" value="')[1].split('"')[0]
    service_update(actor=actor_for(world.owner), service=service, values={"maximum_age": 18})
    response = client.post(
        _page(world, service, "edit"), _form(organisation, maximum_age="21", opened=opened)
    )
    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    service.refresh_from_db()
    assert service.maximum_age == 18


def test_publish_unpublish_and_checked_today(world, signed_in, service):
    client = signed_in(world.member)
    for action in ("publish", "unpublish", "checked"):
        assert client.get(_page(world, service, action)).status_code == 200
    assert client.post(_page(world, service, "publish")).status_code == 302
    service.refresh_from_db()
    assert service.is_published
    assert client.post(_page(world, service, "unpublish")).status_code == 302
    service.refresh_from_db()
    assert not service.is_published
    assert client.post(_page(world, service, "checked")).status_code == 302
    service.refresh_from_db()
    assert service.last_checked_on == timezone.localdate()
    assert "Needs checking" not in client.get(_base(world)).content.decode()


def test_a_service_closed_for_good_is_not_published_and_the_page_says_why(
    world, signed_in, service
):
    Service.objects.filter(pk=service.pk).update(status=Service.Status.DEFUNCT)
    response = signed_in(world.member).post(_page(world, service, "publish"))
    assert response.status_code == 200
    assert "closed for good cannot be published" in response.content.decode()
    service.refresh_from_db()
    assert not service.is_published


def test_outsiders_get_404_on_every_page(world, signed_in, service):
    client = signed_in(world.outsider)
    urls = [_base(world), f"{_base(world)}new/", f"{_base(world)}suggestions/"] + [
        _page(world, service, action)
        for action in ("edit", "publish", "unpublish", "checked", "history")
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_a_service_asked_for_under_another_council_is_404(world, signed_in, service):
    member_b = make_user(role="council-lead", council=world.council_b)
    url = f"/councils/{world.council_b.pk}/services/{service.pk}/edit/"
    assert signed_in(member_b).get(url).status_code == 404


def test_a_read_only_member_reads_but_changes_nothing(world, signed_in, service, organisation):
    reader = make_user(role=READ_ONLY_ROLE, council=world.council_a)
    client = signed_in(reader)
    list_page = client.get(_base(world))
    assert list_page.status_code == 200
    assert "Add a service" not in list_page.content.decode()
    assert client.get(_page(world, service, "history")).status_code == 200
    assert client.get(f"{_base(world)}suggestions/").status_code == 200
    assert client.get(f"{_base(world)}new/").status_code == 403
    for action in ("edit", "publish", "unpublish", "checked"):
        assert client.get(_page(world, service, action)).status_code == 403
        assert client.post(_page(world, service, action)).status_code == 403
    assert client.post(_page(world, service, "edit"), _form(organisation)).status_code == 403
    service.refresh_from_db()
    assert not service.is_published
    assert service.last_checked_on is None
    assert ServiceChange.objects.filter(service=service).count() == 1


def test_the_suggestions_list_shows_the_councils_own_and_not_words_held_for_safeguarding(
    world, signed_in, service
):
    Suggestion.objects.create(council=world.council_a, service=service, text="Wrong phone")
    Suggestion.objects.create(
        council=world.council_a, service=service, text="Held words", held=True
    )
    page = signed_in(world.member).get(f"{_base(world)}suggestions/").content.decode()
    assert "Wrong phone" in page
    assert "Held words" not in page


def test_the_dashboard_links_the_councils_directory(world, signed_in):
    page = signed_in(world.member).get("/councils/").content.decode()
    assert f"/councils/{world.council_a.pk}/services/" in page


# The stale reminder ----------------------------------------------------------------------------


def test_the_stale_reminder_emails_those_who_can_edit_once_a_month(
    world, service, organisation, mailoutbox
):
    from childrights.directory.reminders import stale_remind

    reader = make_user(role=READ_ONLY_ROLE, council=world.council_a)
    fresh = service_create(
        actor=actor_for(world.owner),
        council=world.council_a,
        values={"organisation": organisation, "name_en": "Fresh club", "description_en": "x"},
    )
    day = datetime.date(2026, 12, 7)
    Service.objects.filter(pk=fresh.pk).update(last_checked_on=day - datetime.timedelta(days=20))
    Service.objects.filter(pk=service.pk).update(last_checked_on=datetime.date(2026, 5, 1))

    assert stale_remind(today=day) == 1
    sent_to = sorted(address for message in mailoutbox for address in message.to)
    assert sent_to == sorted([world.owner.email, world.member.email])
    assert reader.email not in sent_to
    body = mailoutbox[0].body
    assert "Youth club: last checked 2026-05-01" in body
    assert "Fresh club" not in body
    assert f"/councils/{world.council_a.pk}/services/" in body

    assert stale_remind(today=day + datetime.timedelta(days=5)) == 0
    assert len(mailoutbox) == 2
    assert stale_remind(today=datetime.date(2027, 1, 3)) == 1
    assert len(mailoutbox) == 4


def test_no_reminder_when_every_service_was_checked_lately(world, service, mailoutbox):
    from childrights.directory.reminders import stale_remind

    Service.objects.filter(pk=service.pk).update(last_checked_on=datetime.date(2026, 11, 1))
    assert stale_remind(today=datetime.date(2026, 12, 7)) == 0
    assert mailoutbox == []
