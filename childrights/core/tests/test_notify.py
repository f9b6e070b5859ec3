"""GOV.UK Notify as the email and text backend, against a fake Notify on loopback: each kind of
message reaches its template with its personalisation, sends wait their turn under the shared
limit of requests a minute, what happens to each message is kept (never its wording), and
Notify's delivery receipts update it."""

import json
import logging
import time
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F

from childrights.core import notify
from childrights.core.models import Delivery, RateEvent
from childrights.core.notify import KINDS, UnknownMessage
from childrights.core.ratelimit import Limit, rate_limit_wait
from childrights.core.tasks import send_email, send_text
from childrights.testing.notify import EMAIL_TEMPLATE, SERVICE_ID, TEXT_TEMPLATE, notify_on_loopback

ALERT_TEMPLATE = "0b6e2bd1-7a39-4d5c-9f6e-1c2d3e4f5a6b"
LINK = "https://example.test/councils/1/alerts/"


@pytest.fixture
def fake_notify(settings, db):
    with notify_on_loopback(settings, {"safety_alert": ALERT_TEMPLATE}) as fake:
        yield fake


@pytest.fixture
def slept(monkeypatch):
    """Waiting takes no time: each wait is recorded, and the window's places age by as much."""
    waits: list[float] = []

    def fake_sleep(seconds: float) -> None:
        waits.append(seconds)
        RateEvent.objects.filter(scope="notify").update(
            created_at=F("created_at") - timedelta(seconds=seconds + 0.01)
        )

    monkeypatch.setattr(notify, "sleep", fake_sleep)
    return waits


def _alert_email(**changes):
    values = {
        "kind": "safety_alert",
        "subject": "Urgent: a child pressed “I don't feel safe”",
        "body": "See who and act now, after signing in: " + LINK,
        "to": ["lead@council.example"],
        "fields": {"link": LINK},
    }
    return {**values, **changes}


# --- without Notify ------------------------------------------------------------------------------


def test_without_notify_email_goes_through_django_and_nothing_is_recorded(db, settings):
    settings.NOTIFY_API_KEY = ""
    send_email.enqueue(**_alert_email())
    assert [message.to for message in mail.outbox] == [["lead@council.example"]]
    assert mail.outbox[0].subject.startswith("Urgent")
    assert not Delivery.objects.exists()


def test_without_notify_a_text_is_only_written_to_the_log(db, settings, caplog):
    settings.NOTIFY_API_KEY = ""
    with caplog.at_level(logging.INFO, logger="childrights.core.notify"):
        send_text.enqueue(
            kind="safety_alert_text",
            body="Urgent. " + LINK,
            to=["+447700900982"],
            fields={"link": LINK},
        )
    assert "+447700900982" in caplog.text
    assert not mail.outbox
    assert not Delivery.objects.exists()


# --- kinds and their templates -------------------------------------------------------------------


def test_an_email_reaches_its_own_template_with_its_personalisation(fake_notify):
    send_email.enqueue(**_alert_email())
    [request] = fake_notify.sent("email")
    assert request.body["email_address"] == "lead@council.example"
    assert request.body["template_id"] == ALERT_TEMPLATE
    assert request.body["personalisation"] == {
        "subject": "Urgent: a child pressed “I don't feel safe”",
        "body": "See who and act now, after signing in: " + LINK,
        "link": LINK,
    }
    delivery = Delivery.objects.get()
    assert request.body["reference"] == str(delivery.reference)
    assert str(delivery.notify_id) == request.notification_id
    assert (delivery.kind, delivery.channel, delivery.status) == (
        "safety_alert",
        "email",
        "created",
    )
    assert delivery.recipient == "lead@council.example"
    assert delivery.sent_at is not None
    assert fake_notify.bad_tokens == 0


def test_a_kind_without_a_template_of_its_own_uses_the_generic_one(fake_notify):
    send_email.enqueue(
        kind="password_reset",
        subject="Choose a password",
        body="Follow the link",
        to=["a@b.example"],
    )
    [request] = fake_notify.sent("email")
    assert request.body["template_id"] == EMAIL_TEMPLATE
    assert request.body["personalisation"] == {
        "subject": "Choose a password",
        "body": "Follow the link",
    }


def test_each_address_is_sent_its_own_message(fake_notify):
    send_email.enqueue(**_alert_email(to=["one@council.example", "two@council.example"]))
    addresses = [request.body["email_address"] for request in fake_notify.sent("email")]
    assert addresses == ["one@council.example", "two@council.example"]
    assert Delivery.objects.count() == 2


def test_a_text_goes_to_the_text_template(fake_notify):
    send_text.enqueue(
        kind="safety_alert_text",
        body="Urgent. " + LINK,
        to=["+447700900982"],
        fields={"link": LINK},
    )
    [request] = fake_notify.sent("sms")
    assert request.body["phone_number"] == "+447700900982"
    assert request.body["template_id"] == TEXT_TEMPLATE
    assert request.body["personalisation"] == {"body": "Urgent. " + LINK, "link": LINK}
    assert Delivery.objects.get().channel == "sms"


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "no_such_message"},
        {"kind": "safety_alert_text"},  # a text, not an email
        {"fields": {}},  # the link is missing
        {"fields": {"link": LINK, "name": "Sam"}},  # a field the kind does not take
    ],
)
def test_a_message_must_be_a_known_kind_with_exactly_its_fields(fake_notify, changes):
    with pytest.raises(UnknownMessage):
        send_email.enqueue(**_alert_email(**changes))
    assert not fake_notify.received
    assert not Delivery.objects.exists()


def test_every_kind_is_an_email_or_a_text_and_texts_take_only_a_link():
    for kind in KINDS.values():
        assert kind.channel in {"email", "sms"}
        if kind.channel == "sms":
            # An alert gives where to sign in; a mobile number's confirmation code gives nothing.
            assert kind.fields == ("link",) or kind.name == "mobile_confirmation"


# --- what is kept ---------------------------------------------------------------------------------


def test_the_wording_of_a_message_is_never_kept(fake_notify):
    secret = "Sam wrote that their stepdad hits them"
    send_email.enqueue(**_alert_email(subject=secret, body=secret))
    row = Delivery.objects.values().get()
    assert all(secret not in str(value) for value in row.values())


def test_a_refusal_is_kept_with_notifys_reason_and_not_retried(fake_notify, slept):
    fake_notify.failures = [400]
    send_email.enqueue(**_alert_email())
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.NOT_ACCEPTED
    assert "Failure 400" in delivery.error
    assert delivery.notify_id is None
    assert slept == []


def test_a_busy_or_failing_notify_is_tried_again(fake_notify, slept):
    fake_notify.failures = [500, 429]
    send_email.enqueue(**_alert_email())
    assert len(fake_notify.sent("email")) == 1
    assert Delivery.objects.get().status == "created"
    assert slept == [2, 4]


def test_a_notify_that_keeps_failing_is_given_up_on_and_recorded(fake_notify, slept):
    fake_notify.failures = [503, 503, 503]
    send_email.enqueue(**_alert_email())
    assert Delivery.objects.get().status == Delivery.NOT_ACCEPTED


# --- the shared limit -----------------------------------------------------------------------------


def test_the_window_gives_places_until_full_then_says_how_long_to_wait(db):
    limit = Limit(scope="notify", per_window=2, window=timedelta(minutes=1))
    assert rate_limit_wait(limit, "requests") == 0
    assert rate_limit_wait(limit, "requests") == 0
    wait = rate_limit_wait(limit, "requests")
    assert 55 < wait <= 60
    # A refused request takes no place, so waiting never makes the wait longer.
    assert RateEvent.objects.filter(scope="notify").count() == 2


def test_places_older_than_the_window_are_dropped(db):
    limit = Limit(scope="notify", per_window=2, window=timedelta(minutes=1))
    rate_limit_wait(limit, "requests")
    rate_limit_wait(limit, "requests")
    RateEvent.objects.update(created_at=F("created_at") - timedelta(minutes=2))
    assert rate_limit_wait(limit, "requests") == 0
    assert RateEvent.objects.filter(scope="notify").count() == 1


def test_sends_wait_their_turn_under_the_limit_a_minute(fake_notify, slept, settings):
    settings.NOTIFY_REQUESTS_PER_MINUTE = 2
    fake_notify.clock = lambda: time.monotonic() + sum(slept)
    send_email.enqueue(**_alert_email(to=["1@c.example", "2@c.example", "3@c.example"]))
    send_text.enqueue(
        kind="safety_alert_text",
        body="Urgent. " + LINK,
        to=["+447700900982"],
        fields={"link": LINK},
    )
    assert len(fake_notify.received) == 4
    # No minute ever held more than two: each request came a minute or more after the one two
    # before it, by the clock that waiting moves on.
    times = fake_notify.times
    assert all(later - earlier >= 59.9 for earlier, later in zip(times, times[2:], strict=False))
    assert 59 < sum(slept) < 61


def test_the_limit_is_counted_in_the_database_so_every_worker_shares_it(
    fake_notify, slept, settings
):
    settings.NOTIFY_REQUESTS_PER_MINUTE = 1
    # Another worker has just sent a request: this one waits for it to leave the window.
    rate_limit_wait(notify.notify_limit(), "requests")
    send_email.enqueue(**_alert_email())
    assert len(slept) == 1
    assert len(fake_notify.received) == 1


# --- delivery receipts ----------------------------------------------------------------------------

RECEIPT_URL = "/notify/delivery-receipts"


def _receipt(client, payload, token="callback-token"):
    return client.post(
        RECEIPT_URL,
        data=json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture
def sent(fake_notify, settings):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-token"
    send_email.enqueue(**_alert_email())
    return Delivery.objects.get()


def test_a_receipt_records_the_status_and_when_it_was_delivered(client, sent):
    response = _receipt(
        client,
        {
            "id": str(sent.notify_id),
            "reference": str(sent.reference),
            "to": sent.recipient,
            "status": "delivered",
            "created_at": "2026-12-07T09:00:00.000000Z",
            "completed_at": "2026-12-07T09:00:05.000000Z",
            "sent_at": "2026-12-07T09:00:01.000000Z",
            "notification_type": "email",
        },
    )
    assert response.status_code == 204
    sent.refresh_from_db()
    assert sent.status == "delivered"
    assert sent.completed_at is not None
    assert sent.completed_at.isoformat().startswith("2026-12-07T09:00:05")


def test_a_receipt_is_matched_by_reference_when_notifys_id_is_not_known(client, sent):
    Delivery.objects.update(notify_id=None)
    new_id = str(uuid.uuid4())
    _receipt(
        client, {"id": new_id, "reference": str(sent.reference), "status": "permanent-failure"}
    )
    sent.refresh_from_db()
    assert (sent.status, str(sent.notify_id)) == ("permanent-failure", new_id)


@pytest.mark.parametrize("token", ["wrong", "", "callback-token-and-more"])
def test_a_receipt_without_the_token_changes_nothing(client, sent, token):
    response = _receipt(client, {"id": str(sent.notify_id), "status": "delivered"}, token=token)
    assert response.status_code == 401
    sent.refresh_from_db()
    assert sent.status == "created"


def test_a_receipt_that_is_not_json_is_refused(client, sent):
    response = client.post(
        RECEIPT_URL,
        data="not json",
        content_type="application/json",
        headers={"Authorization": "Bearer callback-token"},
    )
    assert response.status_code == 400


def test_a_receipt_for_an_unknown_message_is_acknowledged_and_changes_nothing(client, sent):
    response = _receipt(client, {"id": str(uuid.uuid4()), "status": "delivered"})
    assert response.status_code == 204
    sent.refresh_from_db()
    assert sent.status == "created"


def test_without_a_callback_token_there_is_no_callback(client, db, settings):
    settings.NOTIFY_CALLBACK_TOKEN = ""
    response = _receipt(client, {"id": str(uuid.uuid4()), "status": "delivered"}, token="")
    assert response.status_code == 404
    assert client.get(RECEIPT_URL).status_code in {404, 405}


# --- settings -------------------------------------------------------------------------------------


def test_a_configured_notify_needs_a_template_for_every_kind(settings):
    settings.NOTIFY_API_KEY = f"key-{SERVICE_ID}-{uuid.uuid4()}"
    settings.NOTIFY_TEMPLATE_IDS = {"email": EMAIL_TEMPLATE}
    ids = {error.id for error in notify.notify_settings_check()}
    assert ids == {"core.E101"}
    settings.NOTIFY_TEMPLATE_IDS = {
        "email": EMAIL_TEMPLATE,
        "text": TEXT_TEMPLATE,
        "safety_alrt": ALERT_TEMPLATE,
    }
    ids = {error.id for error in notify.notify_settings_check()}
    assert ids == {"core.E102"}
    settings.NOTIFY_TEMPLATE_IDS = {"email": EMAIL_TEMPLATE, "text": TEXT_TEMPLATE}
    assert notify.notify_settings_check() == []


def test_old_delivery_records_are_pruned(fake_notify):
    send_email.enqueue(**_alert_email())
    send_email.enqueue(**_alert_email())
    Delivery.objects.filter(pk=Delivery.objects.first().pk).update(
        created_at=F("created_at") - timedelta(days=100)
    )
    assert notify.deliveries_prune(older_than=timedelta(days=90)) == 1
    assert Delivery.objects.count() == 1


def test_a_receipt_naming_no_real_id_matches_nothing(client, sent):
    Delivery.objects.update(notify_id=None)
    response = _receipt(client, {"id": "not-an-id", "reference": None, "status": "delivered"})
    assert response.status_code == 204
    sent.refresh_from_db()
    assert sent.status == "created"


def test_the_daily_command_prunes_deliveries_older_than_90_days(fake_notify):
    send_email.enqueue(**_alert_email())
    Delivery.objects.update(created_at=F("created_at") - timedelta(days=91))
    out = StringIO()
    call_command("prune_deliveries", stdout=out)
    assert "Deleted 1 delivery records." in out.getvalue()
    assert not Delivery.objects.exists()


def test_the_programme_team_sees_deliveries_in_the_admin_read_only(fake_notify, world, signed_in):
    send_email.enqueue(**_alert_email())
    client = signed_in(world.programme)
    page = client.get("/admin/core/delivery/")
    assert page.status_code == 200
    assert "lead@council.example" in page.content.decode()
    assert client.get("/admin/core/delivery/add/").status_code == 403
    assert signed_in(world.owner).get("/admin/core/delivery/").status_code == 404


def test_every_kind_is_sent_somewhere_and_every_send_names_a_kind():
    """Read the source: each send (send_email, send_text, email_send) names its kind, and each
    of KINDS is named somewhere, so no kind is left without a use."""
    import ast
    from pathlib import Path

    import childrights
    from childrights.testing.source import python_modules

    root = Path(childrights.__file__).parent
    named: set[str] = set()
    for path in python_modules(root):
        if {"tests", "testing", "browser_tests"} & set(path.relative_to(root).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            named.update(
                str(keyword.value.value)
                for keyword in node.keywords
                if keyword.arg == "kind" and isinstance(keyword.value, ast.Constant)
            )
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value if isinstance(func, ast.Attribute) else None
            sender = name == "email_send" or (
                name == "enqueue"
                and isinstance(owner, ast.Name)
                and owner.id in {"send_email", "send_text"}
            )
            if not sender:
                continue
            kinds = [keyword.value for keyword in node.keywords if keyword.arg == "kind"]
            assert kinds, f"{path}:{node.lineno} sends without naming a kind"
    assert set(KINDS) <= named


# --- status look-ups, where receipts are not taken -----------------------------------------------


def test_statuses_not_yet_final_are_looked_up_under_the_limit(fake_notify, slept, settings):
    send_email.enqueue(**_alert_email(to=["1@c.example", "2@c.example", "3@c.example"]))
    first, second, third = Delivery.objects.order_by("pk")
    Delivery.objects.filter(pk=third.pk).update(status="delivered")
    fake_notify.statuses = {str(first.notify_id): "delivered", str(second.notify_id): "sending"}
    settings.NOTIFY_REQUESTS_PER_MINUTE = 4
    slept.clear()
    out = StringIO()
    call_command("refresh_delivery_statuses", stdout=out)
    assert "2 delivery statuses changed." in out.getvalue()
    # The one already delivered is not asked about; two look-ups after three sends waited.
    assert sorted(fake_notify.looked_up) == sorted([str(first.notify_id), str(second.notify_id)])
    assert len(slept) == 1
    first.refresh_from_db()
    assert first.status == "delivered"
    assert first.completed_at is not None
    second.refresh_from_db()
    assert (second.status, second.completed_at) == ("sending", None)
    assert fake_notify.bad_tokens == 0


def test_messages_older_than_notify_keeps_are_not_looked_up(fake_notify):
    send_email.enqueue(**_alert_email())
    Delivery.objects.update(sent_at=F("sent_at") - timedelta(days=8))
    assert notify.statuses_refresh() == 0
    assert fake_notify.looked_up == []


def test_a_receipt_that_arrives_before_the_send_returns_is_not_undone(fake_notify, monkeypatch):
    """Notify may deliver, and send its receipt, before our request has its answer."""
    original = notify._post

    def post_then_receipt(client, kind, recipient, personalisation, reference):
        response = original(client, kind, recipient, personalisation, reference)
        assert notify.delivery_receipt(
            {"id": response["id"], "reference": reference, "status": "delivered"}
        )
        return response

    monkeypatch.setattr(notify, "_post", post_then_receipt)
    send_email.enqueue(**_alert_email())
    delivery = Delivery.objects.get()
    assert delivery.status == "delivered"
    assert str(delivery.notify_id) == fake_notify.received[0].notification_id
    assert delivery.sent_at is not None


def test_a_message_keeps_its_reference_so_a_task_run_again_does_not_send_it_twice(fake_notify):
    reference = notify.message_reference()
    for _ in range(2):
        notify.text_send(
            kind="safety_alert_text",
            body="Urgent safeguarding alert: " + LINK,
            to=["+447700900123"],
            fields={"link": LINK},
            reference=reference,
        )
    assert len(fake_notify.sent("sms")) == 1
    delivery = Delivery.objects.get()
    assert fake_notify.sent("sms")[0].body["reference"] == str(delivery.reference)


def test_a_message_whose_send_was_cut_short_is_sent_again_under_the_same_reference(fake_notify):
    """At least once: a worker that stopped before Notify answered leaves the message queued,
    and it goes again with the same reference, so a repeat can be recognised."""
    reference = notify.message_reference()
    first = notify._reference(reference, "+447700900123")
    Delivery.objects.create(
        reference=first,
        kind="safety_alert_text",
        channel="sms",
        recipient="+447700900123",
        status=Delivery.QUEUED,
    )
    notify.text_send(
        kind="safety_alert_text",
        body="Urgent safeguarding alert: " + LINK,
        to=["+447700900123"],
        fields={"link": LINK},
        reference=reference,
    )
    [request] = fake_notify.sent("sms")
    assert request.body["reference"] == str(first)
    assert Delivery.objects.get().status == "created"


def test_each_queued_message_is_given_its_reference_when_it_is_queued(fake_notify):
    send_text.enqueue(
        kind="safety_alert_text",
        body="Urgent: " + LINK,
        to=["+447700900123"],
        fields={"link": LINK},
    )
    send_text.enqueue(
        kind="safety_alert_text",
        body="Urgent: " + LINK,
        to=["+447700900123"],
        fields={"link": LINK},
    )
    # Two messages (two alerts), two references: only a repeat of the same message is one.
    assert len({request.body["reference"] for request in fake_notify.sent("sms")}) == 2
