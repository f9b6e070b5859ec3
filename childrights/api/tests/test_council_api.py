"""The council API: tokens refused as they should be, every use audited, each endpoint answering
from the same selectors and services as the council's pages, for the token's council only."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from childrights.api import tokens
from childrights.api.models import CouncilToken
from childrights.core.actors import Actor
from childrights.core.models import AuditEvent, RateEvent
from childrights.directory.models import Organisation, Service
from childrights.outcomes.models import Measurement
from childrights.participation import tallies
from childrights.participation.models import Consultation
from childrights.testing.api_tokens import bearer, make_api_token
from childrights.testing.participation import make_consultation, make_response

MEASUREMENTS = "/api/v1/council/measurements"
CONSULTATIONS = "/api/v1/council/consultations"
SERVICES = "/api/v1/council/services"
GOOD_CSV = (
    "indicator,period_end,value,breakdown,note\n"
    "care-leavers-in-eet,2024-03-31,48.5,,\n"
    "care-leavers-in-eet,2025-03-31,40,Aged 19,\n"
)
BAD_CSV = (
    "indicator,period_end,value\n"
    "care-leavers-in-eet,2024-03-31,48.5\n"
    "care-leavers-in-eet,2025-03-31,fifty\n"
    "no-such-indicator,2026-03-31,10\n"
)


def _csv(client, secret, body=GOOD_CSV):
    return client.post(MEASUREMENTS, body, content_type="text/csv", **bearer(secret))


def _service(council, name, *, published):
    organisation = Organisation.objects.create(council=council, name=f"{name} Trust")
    return Service.objects.create(
        council=council,
        organisation=organisation,
        name_en=name,
        description_en="A place to go.",
        is_published=published,
    )


def _uses(token):
    return AuditEvent.objects.filter(detail__api="council", object_id=str(token.pk))


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-token",
        "Bearer rah_tooShort",
        "Token rah_" + "a" * 40,
    ],
)
def test_missing_and_malformed_tokens_get_401(world, client, header):
    make_api_token(council=world.council_a)
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    for url in (CONSULTATIONS, SERVICES):
        response = client.get(url, **extra)
        assert response.status_code == 401
        assert response.json()["error"] == "token_missing"
        assert response["WWW-Authenticate"].startswith("Bearer")
    response = client.post(MEASUREMENTS, GOOD_CSV, content_type="text/csv", **extra)
    assert response.status_code == 401
    assert not Measurement.objects.exists()
    # Audited once a minute for the client, however many requests it sends.
    refused = AuditEvent.objects.filter(action="access_denied", detail__api="council")
    assert refused.count() == 1
    assert refused.get().detail["outcome"] == "token_missing"


def test_an_unknown_token_gets_401(world, client):
    made = make_api_token(council=world.council_a)
    wrong = made.secret[:-1] + ("A" if made.secret[-1] != "A" else "B")
    response = client.get(SERVICES, **bearer(wrong))
    assert response.status_code == 401
    assert response.json()["error"] == "token_unknown"
    event = AuditEvent.objects.get(action="access_denied", detail__api="council")
    assert event.detail["outcome"] == "token_unknown"
    assert wrong not in json.dumps(event.detail)
    assert wrong not in event.actor_email


def test_an_expired_token_gets_401(world, client):
    made = make_api_token(council=world.council_a)
    CouncilToken.objects.filter(pk=made.token.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    response = client.get(SERVICES, **bearer(made.secret))
    assert response.status_code == 401
    assert response.json()["error"] == "token_expired"
    assert _uses(made.token).get().detail["outcome"] == "token_expired"


def test_a_token_works_until_the_end_of_its_expiry_date(world, client):
    made = make_api_token(council=world.council_a)
    CouncilToken.objects.filter(pk=made.token.pk).update(expires_on=timezone.localdate())
    assert client.get(SERVICES, **bearer(made.secret)).status_code == 200


def test_a_revoked_token_gets_401(world, client):
    made = make_api_token(council=world.council_a)
    assert client.get(SERVICES, **bearer(made.secret)).status_code == 200
    tokens.token_revoke(actor=Actor(person=world.owner), token=made.token)
    response = client.get(SERVICES, **bearer(made.secret))
    assert response.status_code == 401
    assert response.json()["error"] == "token_revoked"


@pytest.mark.parametrize(
    ("allowed", "method", "url"),
    [
        (["read_directory", "read_results"], "post", MEASUREMENTS),
        (["import_measurements", "read_directory"], "get", CONSULTATIONS),
        (["import_measurements", "read_results"], "get", SERVICES),
    ],
)
def test_a_token_not_allowed_the_action_gets_403(world, client, allowed, method, url):
    made = make_api_token(council=world.council_a, actions=allowed)
    if method == "post":
        response = client.post(url, GOOD_CSV, content_type="text/csv", **bearer(made.secret))
    else:
        response = client.get(url, **bearer(made.secret))
    assert response.status_code == 403
    assert response.json()["error"] == "action_not_allowed"
    assert not Measurement.objects.exists()
    event = _uses(made.token).get()
    assert event.action == "access_denied"
    assert event.council_id == world.council_a.pk


def test_a_signed_in_session_is_not_a_token(world, signed_in):
    response = signed_in(world.owner).get(SERVICES)
    assert response.status_code == 401


# --- every use audited, the secret never -----------------------------------------------------


def test_each_use_is_audited_with_the_token_and_action_and_the_last_use_kept(world, client):
    made = make_api_token(council=world.council_a, name="Performance system")
    assert made.token.last_used_at is None
    client.get(SERVICES, **bearer(made.secret))
    client.get(CONSULTATIONS, **bearer(made.secret))
    events = list(_uses(made.token).order_by("pk"))
    assert [(e.detail["api_action"], e.detail["outcome"]) for e in events] == [
        ("read_directory", "ok"),
        ("read_results", "ok"),
    ]
    assert all(e.council_id == world.council_a.pk for e in events)
    assert all("Performance system" in e.actor_email for e in events)
    every = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert made.secret[len(tokens.SCHEME) + 8 :] not in every
    made.token.refresh_from_db()
    assert made.token.last_used_at is not None


def test_the_secret_is_never_stored(world):
    made = make_api_token(council=world.council_a)
    row = json.dumps(CouncilToken.objects.filter(pk=made.token.pk).values().get(), default=str)
    assert made.secret not in row
    assert made.secret[len(tokens.SCHEME) + 8 :] not in row
    assert made.token.secret_hash == tokens.secret_hash(made.secret)
    assert len(made.token.secret_hash) == 64


# --- importing measurements ------------------------------------------------------------------


def test_a_csv_import_stores_every_row(world, client):
    made = make_api_token(council=world.council_a, actions=["import_measurements"])
    response = _csv(client, made.secret)
    assert response.status_code == 200, response.content
    assert response.json() == {"rows": 2, "created": 2, "replaced": 0}
    assert Measurement.objects.filter(council=world.council_a).count() == 2
    assert _uses(made.token).get().detail["outcome"] == "imported"
    # The import service's own record names the token too.
    assert AuditEvent.objects.filter(
        detail__import="outcome measurements", detail__file=f"council API token {made.token.pk}.csv"
    ).exists()
    again = _csv(client, made.secret)
    assert again.json() == {"rows": 2, "created": 0, "replaced": 2}


def test_a_json_import_goes_through_the_same_checks(world, client):
    made = make_api_token(council=world.council_a, actions=["import_measurements"])
    rows = [
        {"indicator": "care-leavers-in-eet", "period_end": "2024-03-31", "value": 48.5},
        {"indicator": "care-leavers-in-eet", "period_end": "2025-03-31", "value": "fifty"},
        {"indicator": "care-leavers-in-eet", "period_end": "2025-13-31", "value": 1},
    ]
    response = client.post(
        MEASUREMENTS, {"rows": rows}, content_type="application/json", **bearer(made.secret)
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"line": 2, "message": "Row 2: value must be a number"} in errors
    assert any(e["line"] == 3 and "period_end" in e["message"] for e in errors)
    assert not Measurement.objects.exists()
    good = client.post(
        MEASUREMENTS, {"rows": rows[:1]}, content_type="application/json", **bearer(made.secret)
    )
    assert good.status_code == 200
    assert Measurement.objects.get().value == 48.5


def test_an_import_with_any_wrong_row_stores_nothing_and_lists_each_by_line(world, client):
    made = make_api_token(council=world.council_a, actions=["import_measurements"])
    response = _csv(client, made.secret, BAD_CSV)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "rows_refused"
    assert [e["line"] for e in body["errors"]] == [3, 4]
    assert "value must be a number" in body["errors"][0]["message"]
    assert "no-such-indicator" in body["errors"][1]["message"]
    assert not Measurement.objects.exists()
    assert _uses(made.token).get().detail == {
        **_uses(made.token).get().detail,
        "outcome": "rows_refused",
        "problems": 2,
    }


def test_a_bad_body_stores_nothing(world, client):
    made = make_api_token(council=world.council_a, actions=["import_measurements"])
    bad_json = client.post(
        MEASUREMENTS, "{not json", content_type="application/json", **bearer(made.secret)
    )
    assert bad_json.status_code == 400
    assert bad_json.json()["errors"][0]["line"] is None
    other = client.post(MEASUREMENTS, b"x", content_type="image/png", **bearer(made.secret))
    assert other.status_code == 415
    assert not Measurement.objects.exists()


def test_an_import_that_meets_another_storing_the_same_values_asks_to_send_again(
    world, client, monkeypatch
):
    from django.db import IntegrityError

    from childrights.outcomes import indicators

    real_store = indicators._store
    calls = []

    def store_then_collide(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise IntegrityError("duplicate key value violates unique constraint")
        return real_store(**kwargs)

    monkeypatch.setattr(indicators, "_store", store_then_collide)
    made = make_api_token(council=world.council_a)
    response = _csv(client, made.secret)
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    assert "send the rows again" in response.json()["detail"]
    assert not Measurement.objects.exists()  # the first row was rolled back with the rest
    assert _uses(made.token).order_by("pk").last().detail["outcome"] == "conflict"


def test_an_import_writes_only_to_the_token_s_council(world, client):
    made = make_api_token(council=world.council_b, actions=["import_measurements"])
    assert _csv(client, made.secret).status_code == 200
    assert not Measurement.objects.filter(council=world.council_a).exists()
    assert Measurement.objects.filter(council=world.council_b).count() == 2


# --- consultation results --------------------------------------------------------------------


def _close(consultation):
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)


@pytest.mark.parametrize("closes_in_days", [0, 30])
def test_an_open_consultation_s_results_are_refused_until_it_closes(world, client, closes_in_days):
    today = timezone.localdate()
    consultation = make_consultation(
        council=world.council_a, closes_on=today + timedelta(days=closes_in_days)
    )
    for _ in range(12):
        make_response(consultation=consultation, pick=0)
    made = make_api_token(council=world.council_a, actions=["read_results"])
    url = f"{CONSULTATIONS}/{consultation.pk}/results"
    response = client.get(url, **bearer(made.secret))
    assert response.status_code == 409
    assert response.json()["error"] == "not_closed"
    assert "still open" in response.json()["detail"]
    assert "respondents" not in response.json()
    assert _uses(made.token).order_by("pk").last().detail["outcome"] == "not_closed"
    # Once its closing date has passed (or it is closed), the results are there.
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=today - timedelta(days=1))
    response = client.get(url, **bearer(made.secret))
    assert response.status_code == 200
    assert response.json()["respondents"] == 10


def test_results_are_the_protected_tables_and_never_a_child_s_words(world, client):
    consultation = make_consultation(council=world.council_a)
    for number in range(12):
        make_response(consultation=consultation, text=f"My secret words {number}", pick=0)
    tallies.fold(consultation)
    _close(consultation)
    made = make_api_token(council=world.council_a, actions=["read_results"])
    listing = client.get(CONSULTATIONS, **bearer(made.secret))
    assert [c["id"] for c in listing.json()] == [consultation.pk]
    response = client.get(listing.json()[0]["results_url"], **bearer(made.secret))
    assert response.status_code == 200
    body = response.json()
    assert body["respondents"] == 10  # 12, rounded to the nearest 5
    assert "My secret words" not in response.content.decode()
    assert all(q["kind"] != "text" for q in body["questions"])
    assert body["questions"]
    counts = [a["children"] for q in body["questions"] for a in q["answers"]]
    assert all(count is None or count % 5 == 0 for count in counts)
    assert _uses(made.token).order_by("pk").last().detail["consultation"] == consultation.pk


def test_too_few_children_show_no_numbers(world, client):
    consultation = make_consultation(council=world.council_a)
    for _ in range(3):
        make_response(consultation=consultation)
    tallies.fold(consultation)
    _close(consultation)
    made = make_api_token(council=world.council_a, actions=["read_results"])
    body = client.get(f"{CONSULTATIONS}/{consultation.pk}/results", **bearer(made.secret)).json()
    assert body["respondents"] is None
    assert all(q["answered"] is None and q["answers"] == [] for q in body["questions"])


def test_a_token_reads_no_other_council_s_consultation(world, client):
    theirs = make_consultation(council=world.council_a)
    made = make_api_token(council=world.council_b, actions=["read_results"])
    assert client.get(CONSULTATIONS, **bearer(made.secret)).json() == []
    response = client.get(f"{CONSULTATIONS}/{theirs.pk}/results", **bearer(made.secret))
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert _uses(made.token).order_by("pk").last().detail["outcome"] == "not_found"


# --- the directory ---------------------------------------------------------------------------


def test_services_are_the_council_s_own_as_its_staff_list_shows_them(world, client):
    _service(world.council_a, "Drop-in", published=False)
    _service(world.council_a, "Youth club", published=True)
    _service(world.council_b, "Bramley only", published=True)
    made = make_api_token(council=world.council_a, actions=["read_directory"])
    body = client.get(SERVICES, **bearer(made.secret)).json()
    assert [(s["name_en"], s["is_published"]) for s in body] == [
        ("Drop-in", False),
        ("Youth club", True),
    ]
    assert body[0]["public_url"] is None
    assert body[1]["public_url"].endswith(f"/services/{body[1]['id']}/")
    assert body[0]["needs_checking"] is True


def test_the_council_api_has_its_own_openapi_document(db, client):
    document = client.get("/api/v1/council/openapi.json").json()
    assert document["info"]["title"] == "Rights at the Heart council API"
    assert set(document["paths"]) == {
        "/api/v1/council/consultations",
        "/api/v1/council/consultations/{consultation_id}/results",
        "/api/v1/council/services",
        "/api/v1/council/measurements",
    }
    assert any(
        scheme.get("scheme") == "bearer"
        for scheme in document["components"]["securitySchemes"].values()
    )
    results = document["paths"]["/api/v1/council/consultations/{consultation_id}/results"]["get"]
    assert "409" in results["responses"]
    assert "closed" in results["description"]


@pytest.mark.parametrize("wrong", ["x", "0", str(2**64)])
def test_a_consultation_id_that_cannot_be_one_gets_422(world, client, wrong):
    made = make_api_token(council=world.council_a, actions=["read_results"])
    response = client.get(f"{CONSULTATIONS}/{wrong}/results", **bearer(made.secret))
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    event = _uses(made.token).get()
    assert (event.detail["api_action"], event.detail["outcome"]) == (
        "read_results",
        "invalid_request",
    )


def test_a_token_past_its_requests_a_minute_gets_429(world, client, monkeypatch):
    monkeypatch.setattr(tokens, "REQUESTS_PER_MINUTE", 2)
    made = make_api_token(council=world.council_a)
    other = make_api_token(council=world.council_a)
    assert client.get(SERVICES, **bearer(made.secret)).status_code == 200
    assert client.get(SERVICES, **bearer(made.secret)).status_code == 200
    response = client.get(SERVICES, **bearer(made.secret))
    assert response.status_code == 429
    assert response.json()["error"] == "too_many_requests"
    assert response["Retry-After"] == "60"
    assert _uses(made.token).order_by("pk").last().detail["outcome"] == "too_many_requests"
    # Each token has its own count.
    assert client.get(SERVICES, **bearer(other.secret)).status_code == 200


# --- refusals cannot fill the audit log ---------------------------------------------------------


@pytest.mark.parametrize(
    "header", [None, "Bearer rah_" + "a" * 40], ids=["no token", "a made-up token"]
)
def test_requests_without_a_working_token_are_limited_and_audited_once_a_minute(
    world, client, header
):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    statuses = [client.get(SERVICES, **extra).status_code for _ in range(40)]
    limit = tokens.FAILED_TOKENS_PER_MINUTE
    assert statuses == [401] * limit + [429] * (40 - limit)
    refused = AuditEvent.objects.filter(detail__api="council")
    assert sorted(refused.values_list("detail__outcome", flat=True)) == sorted(
        ["token_missing" if header is None else "token_unknown", "too_many_failed_requests"]
    )
    last = client.get(SERVICES, **extra)
    assert last["Retry-After"] == "60"
    assert last.json()["error"] == "too_many_failed_requests"
    # Refused requests leave no more rows in the counts than the limit allows.
    assert RateEvent.objects.count() <= limit + 2


def test_the_failed_token_limit_counts_an_ipv6_client_by_its_64(world, client):
    for last_part in range(tokens.FAILED_TOKENS_PER_MINUTE):
        assert (
            client.get(SERVICES, REMOTE_ADDR=f"2001:db8:1:2::{last_part + 1:x}").status_code == 401
        )
    assert client.get(SERVICES, REMOTE_ADDR="2001:db8:1:2:ffff::1").status_code == 429
    assert client.get(SERVICES, REMOTE_ADDR="2001:db8:1:3::1").status_code == 401


def test_a_working_token_still_works_from_a_client_that_was_refused(world, client):
    made = make_api_token(council=world.council_a)
    for _ in range(3):
        assert client.get(SERVICES).status_code == 401
    assert client.get(SERVICES, **bearer(made.secret)).status_code == 200


def test_a_token_past_its_limit_is_audited_once_a_minute_not_per_request(
    world, client, monkeypatch
):
    monkeypatch.setattr(tokens, "REQUESTS_PER_MINUTE", 2)
    made = make_api_token(council=world.council_a)
    statuses = [client.get(SERVICES, **bearer(made.secret)).status_code for _ in range(30)]
    assert statuses == [200, 200] + [429] * 28
    outcomes = list(_uses(made.token).values_list("detail__outcome", flat=True))
    assert sorted(outcomes) == ["ok", "ok", "too_many_requests"]
    assert RateEvent.objects.filter(scope="api:council").count() == 2
