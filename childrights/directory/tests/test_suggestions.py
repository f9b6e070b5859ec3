"""'This is wrong': anyone tells the owning team something on a service's page is wrong, which is
kept as a suggestion and never changes the service; words that may tell of harm are held and the
council's safeguarding leads told without them; an address may send only a few; the team marks
one dealt with, outsiders 404 and read-only members 403."""

import re
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from childrights.core.models import AuditEvent
from childrights.directory import suggestions
from childrights.directory.models import Need, Service, ServiceChange, Suggestion
from childrights.directory.services import organisation_create, service_create, service_publish
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user

pytestmark = pytest.mark.django_db

DISCLOSURE = "The phone is wrong and my dad hits me"


@pytest.fixture
def service(world):
    actor = actor_for(world.owner)
    organisation = organisation_create(actor=actor, council=world.council_a, name="Youth Trust")
    made = service_create(
        actor=actor,
        council=world.council_a,
        values={
            "organisation": organisation,
            "name_en": "Youth club",
            "description_en": "Games and a chat.",
            "phone": "01234 567890",
        },
        needs=[Need.objects.get(code="things-to-do")],
    )
    return service_publish(actor=actor, service=made)


def _wrong(service):
    return f"/services/{service.pk}/wrong/"


def _anyone():
    from childrights.core.actors import Actor

    return Actor(client_ip="203.0.113.9")


def test_the_service_page_links_to_the_form_which_says_it_is_not_a_way_to_get_help(client, service):
    page = client.get(f"/services/{service.pk}/").content.decode()
    assert _wrong(service) in page
    form = client.get(_wrong(service)).content.decode()
    assert "Tell us what is wrong with this information" in form
    assert "not a way to get help" in form
    assert "/get-help/" in form
    assert 'type="email"' not in form


def test_a_suggestion_is_kept_for_the_team_and_never_changes_the_service(client, service):
    versions = ServiceChange.objects.filter(service=service).count()
    response = client.post(_wrong(service), {"text": "  The phone number has changed.  "})
    assert response.status_code == 302
    assert response["Location"] == f"/services/{service.pk}/wrong/thank-you/"
    assert "Thank you" in client.get(response["Location"]).content.decode()
    suggestion = Suggestion.objects.get()
    assert suggestion.text == "The phone number has changed."
    assert suggestion.council == service.council
    assert suggestion.status == Suggestion.Status.NEW
    assert not suggestion.held
    fresh = Service.objects.get(pk=service.pk)
    assert fresh.phone == "01234 567890"
    assert fresh.updated_at == service.updated_at
    assert ServiceChange.objects.filter(service=service).count() == versions
    event = AuditEvent.objects.get(object_type="directory.Suggestion")
    assert event.action == AuditEvent.Action.CREATE
    assert "phone number" not in str(event.detail)
    assert mail.outbox == []


def test_an_unpublished_service_takes_no_suggestion(client, service, world):
    service.is_published = False
    service.save()
    assert client.get(_wrong(service)).status_code == 404
    assert client.post(_wrong(service), {"text": "Wrong"}).status_code == 404
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n ", "x" * 2001])
def test_blank_or_too_long_is_refused_and_nothing_saved(client, service, text):
    response = client.post(_wrong(service), {"text": text})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    with pytest.raises(ValidationError):
        suggestions.suggestion_create(service=service, text=text, actor=_anyone())
    assert not Suggestion.objects.exists()


def test_2000_characters_are_taken(service):
    kept = suggestions.suggestion_create(service=service, text="x" * 2000, actor=_anyone())
    assert len(kept.text) == 2000


def test_a_possible_disclosure_is_held_and_the_safeguarding_leads_told_without_the_words(
    client, service, world
):
    lead = make_user(
        role="safeguarding-lead", council=world.council_a, email="dsl@aberfield.example"
    )
    make_user(role="safeguarding-lead", council=world.council_b, email="dsl@bramley.example")
    response = client.post(_wrong(service), {"text": DISCLOSURE})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.held
    assert [message.to for message in mail.outbox] == [[lead.email]]
    message = mail.outbox[0]
    assert "Youth club" in message.body
    assert f"/councils/{world.council_a.pk}/directory/held/" in message.body
    for words in ("hits me", "dad", "phone is wrong"):
        assert words not in message.body
        assert words not in message.subject
    assert "/services/" not in message.body
    assert "hits me" not in str(AuditEvent.objects.get(object_type="directory.Suggestion").detail)


def test_without_safeguarding_leads_the_council_leads_are_told_to_add_one(service, world):
    suggestions.suggestion_create(service=service, text=DISCLOSURE, actor=_anyone())
    assert [message.to for message in mail.outbox] == [[world.owner.email]]
    assert f"/councils/{world.council_a.pk}/team/" in mail.outbox[0].body
    assert "/directory/held/" not in mail.outbox[0].body


def test_the_team_does_not_see_held_words(signed_in, service, world):
    suggestions.suggestion_create(service=service, text=DISCLOSURE, actor=_anyone())
    page = signed_in(world.owner).get(f"/councils/{world.council_a.pk}/services/suggestions/")
    assert "hits me" not in page.content.decode()


def test_an_address_may_send_only_a_few_then_is_told_and_nothing_is_saved(client, service):
    for number in range(suggestions.LIMIT.per_window):
        assert client.post(_wrong(service), {"text": f"Wrong {number}"}).status_code == 302
    response = client.post(_wrong(service), {"text": "One more"})
    assert response.status_code == 200
    assert "You have sent a lot of messages in a short time" in response.content.decode()
    assert Suggestion.objects.count() == suggestions.LIMIT.per_window
    assert not Suggestion.objects.filter(text="One more").exists()


def _done(world, suggestion):
    return f"/councils/{world.council_a.pk}/services/suggestions/{suggestion.pk}/done/"


def test_the_team_marks_a_suggestion_dealt_with(signed_in, service, world):
    suggestion = suggestions.suggestion_create(service=service, text="Wrong", actor=_anyone())
    client = signed_in(world.member)
    page = client.get(f"/councils/{world.council_a.pk}/services/suggestions/").content.decode()
    assert _done(world, suggestion) in page
    assert "Mark as dealt with" in page
    assert client.get(_done(world, suggestion)).status_code == 405
    response = client.post(_done(world, suggestion))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DONE
    assert suggestion.dealt_with_by == world.member
    assert suggestion.dealt_with_at is not None
    assert AuditEvent.objects.filter(
        object_type="directory.Suggestion", action=AuditEvent.Action.UPDATE
    ).exists()
    page = client.get(f"/councils/{world.council_a.pk}/services/suggestions/").content.decode()
    assert _done(world, suggestion) not in page


def test_outsiders_get_404_and_read_only_members_403(signed_in, service, world):
    suggestion = suggestions.suggestion_create(service=service, text="Wrong", actor=_anyone())
    assert signed_in(world.outsider).post(_done(world, suggestion)).status_code == 404
    reader = make_user(role="elected-member", council=world.council_a)
    client = signed_in(reader)
    assert client.post(_done(world, suggestion)).status_code == 403
    page = client.get(f"/councils/{world.council_a.pk}/services/suggestions/").content.decode()
    assert "Mark as dealt with" not in page
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW


def test_words_held_for_safeguarding_cannot_be_marked_by_the_team(signed_in, service, world):
    held = suggestions.suggestion_create(service=service, text=DISCLOSURE, actor=_anyone())
    assert signed_in(world.owner).post(_done(world, held)).status_code == 404
    held.refresh_from_db()
    assert held.status == Suggestion.Status.NEW


def test_the_same_form_sent_twice_keeps_one_suggestion_and_one_alert(client, service):
    form = client.get(_wrong(service)).content.decode()
    submission = re.search(r'name="submission" value="([0-9a-f-]+)"', form).group(1)
    data = {"text": DISCLOSURE, "submission": submission}
    assert client.post(_wrong(service), data).status_code == 302
    alerts = len(mail.outbox)
    assert alerts > 0
    assert client.post(_wrong(service), data).status_code == 302
    assert Suggestion.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="directory.Suggestion").count() == 1
    assert len(mail.outbox) == alerts
    # Another form (another id) is another suggestion.
    data["submission"] = str(uuid.uuid4())
    client.post(_wrong(service), data)
    assert Suggestion.objects.count() == 2
    assert len(mail.outbox) > alerts


def test_a_suggestion_sent_again_is_not_counted_against_the_limit(service):
    submission = uuid.uuid4()
    first = suggestions.suggestion_create(
        service=service, text="Wrong phone", actor=_anyone(), submission=submission
    )
    for _ in range(suggestions.LIMIT.per_window + 2):
        again = suggestions.suggestion_create(
            service=service, text="Wrong phone", actor=_anyone(), submission=submission
        )
        assert again.pk == first.pk
    another = suggestions.suggestion_create(service=service, text="And the times", actor=_anyone())
    assert Suggestion.objects.count() == 2
    assert another.pk != first.pk


def test_a_form_kept_by_another_request_meanwhile_is_returned_not_kept_twice(service):
    submission = uuid.uuid4()
    # The other request kept it between this one's look for it and its write.
    kept = Suggestion.objects.create(
        council_id=service.council_id, service=service, text="Wrong phone", submission=submission
    )
    again = suggestions._suggestion_keep(
        service=service, text="Wrong phone", held=False, submission=submission
    )
    assert again.pk == kept.pk
    assert Suggestion.objects.count() == 1
    assert not AuditEvent.objects.filter(object_type="directory.Suggestion").exists()


def test_the_same_form_sent_again_with_other_words_keeps_those_words_too(client, service):
    form = client.get(_wrong(service)).content.decode()
    submission = re.search(r'name="submission" value="([0-9a-f-]+)"', form).group(1)
    client.post(_wrong(service), {"text": "The phone is wrong", "submission": submission})
    # Back, more written, sent again from the same page.
    client.post(_wrong(service), {"text": DISCLOSURE, "submission": submission})
    assert Suggestion.objects.count() == 2
    held = Suggestion.objects.get(held=True)
    assert held.text == DISCLOSURE
    assert mail.outbox
