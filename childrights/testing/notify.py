"""A fake GOV.UK Notify on loopback: a small HTTP server in a thread that answers the API calls
the service makes (``POST /v2/notifications/email`` and ``/sms``) as Notify does, checks the
client's JSON Web Token against the API key, and keeps every request for the test to read.

``notify_on_loopback(settings)`` starts it and points the service's settings at it."""

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
TEXT_TEMPLATE = "a1f0a6a2-0d2e-4ef5-9d51-0b5b1f0a7c11"


@dataclass
class Received:
    path: str
    body: dict[str, Any]
    notification_id: str


@dataclass
class FakeNotify:
    base_url: str = ""
    received: list[Received] = field(default_factory=list)
    # Status codes to answer with, in turn, before answering as Notify does (201).
    failures: list[int] = field(default_factory=list)
    bad_tokens: int = 0
    # When each request arrived, by this clock (a test that fakes waiting moves it on).
    clock: Callable[[], float] = time.monotonic
    times: list[float] = field(default_factory=list)
    # What a status look-up (GET /v2/notifications/<id>) answers, by notification id.
    statuses: dict[str, str] = field(default_factory=dict)
    looked_up: list[str] = field(default_factory=list)

    def sent(self, kind: str) -> list[Received]:
        """The requests that reached Notify for emails ("email") or text messages ("sms")."""
        return [item for item in self.received if item.path == f"/v2/notifications/{kind}"]


def _handler(fake: FakeNotify) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            except jwt.PyJWTError:
                claims = {}
            if claims.get("iss") != SERVICE_ID:
                fake.bad_tokens += 1
                self._answer(403, {"errors": [{"error": "AuthError", "message": "Invalid"}]})
                return False
            return True

        def do_GET(self) -> None:
            if not self._authorised():
                return
            notification_id = self.path.removeprefix("/v2/notifications/")
            fake.looked_up.append(notification_id)
            if notification_id not in fake.statuses:
                self._answer(404, {"errors": [{"error": "NoResultFound", "message": "None"}]})
                return
            status = fake.statuses[notification_id]
            self._answer(
                200,
                {
                    "id": notification_id,
                    "status": status,
                    "completed_at": "2026-12-07T09:00:05.000000Z"
                    if status in {"delivered", "permanent-failure"}
                    else None,
                },
            )

        def do_POST(self) -> None:
            if not self._authorised():
                return
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            if fake.failures:
                status = fake.failures.pop(0)
                self._answer(
                    status, {"errors": [{"error": "Error", "message": f"Failure {status}"}]}
                )
                return
            notification_id = str(uuid.uuid4())
            fake.times.append(fake.clock())
            fake.received.append(Received(self.path, body, notification_id))
            self._answer(
                201,
                {
                    "id": notification_id,
                    "reference": body.get("reference"),
                    "template": {"id": body["template_id"], "version": 1, "uri": ""},
                    "uri": f"{fake.base_url}/v2/notifications/{notification_id}",
                    "content": {},
                },
            )

    return Handler


@contextmanager
def notify_on_loopback(
    settings: Any, templates: dict[str, str] | None = None
) -> Iterator[FakeNotify]:
    fake = FakeNotify()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = fake.base_url
    settings.NOTIFY_TEMPLATE_IDS = {
        "email": EMAIL_TEMPLATE,
        "text": TEXT_TEMPLATE,
        **(templates or {}),
    }
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
