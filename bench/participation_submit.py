"""Benchmark: children's submissions through a real WSGI server, against a bare Django view.

    .venv/bin/python bench/participation_submit.py [--clients 16] [--seconds 10] [--workers 3]
        [--database postgres://postgres@127.0.0.1:5432] [--assert-targets]

Makes a scratch PostgreSQL database (``childrights_bench``), migrates it, loads the reference
data and one open consultation of ten questions (every kind, one written answer), then starts
gunicorn on loopback the way docs/deployment.md runs it (sync workers, ``--workers`` of them).
Two loads are run in turn, each by ``--clients`` concurrent clients sending requests back to
back for ``--seconds`` seconds after a short warm-up:

- bare: POST to ``/bench/bare/``, a Django view that inserts one row (same middleware, CSRF
  check included).
- submission: POST to ``/have-your-say/<link>/send/`` exactly as the last page of a
  consultation sends it: the signed payload of a child's answers with a new submission id each
  time, checked, screened for safeguarding phrases and stored as one response, answered with a
  redirect (303) to the receipt page. The redirect counts as success and is not followed (the
  receipt page reads nothing but the consultation; the bare view renders nothing either).

Reported: requests per second, p50 and p95 latency, and the submission figures as ratios to
the bare view's. Targets: at least half the bare view's throughput, p95 under 100 ms.
``--assert-targets`` exits with status 1 if either is missed. At the end every submission is
checked to have been stored exactly once, then the responses are expanded into answer rows and
counted as ``manage.py fold_tallies`` does (timed), and the answer rows and counts are checked.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import database_create, free_port  # noqa: E402

CSRF = "b" * 32  # a CSRF secret the clients use as cookie and form field, as a browser would


@dataclass
class Load:
    name: str
    success: int  # the status that means the request did its work
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    seconds: float = 0.0
    sent_ok: int = 0  # every success, warm-up included
    ran_out: bool = False

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def consultation_make() -> tuple[str, list[dict[str, dict[str, object]]]]:
    """An open consultation of ten questions; returns its link and answers to vary between."""
    from childrights.councils.demo import demo_council
    from childrights.participation.models import Choice, Question
    from childrights.testing.participation import make_consultation

    consultation = make_consultation(council=demo_council(), questions=False)
    kinds = ["single", "faces", "yes_no", "multiple", "ranking", "single", "faces", "yes_no"]
    for position, kind in enumerate([*kinds, "single", "text"], start=1):
        question = Question.objects.create(
            consultation=consultation, position=position, kind=kind, text_en=f"Question {position}"
        )
        for number in range(1 if kind != "text" else 0, 5 if kind != "text" else 0):
            Choice.objects.create(question=question, position=number, label_en=f"Answer {number}")
    answer_sets = []
    questions = list(consultation.questions.prefetch_related("choices"))
    for variant in range(8):
        answers: dict[str, dict[str, object]] = {}
        for question in questions:
            choices = [choice.pk for choice in question.choices.all()]
            if question.kind == "text":
                answers[str(question.pk)] = {"text": f"The park needs more swings ({variant})."}
            elif question.kind in {"multiple", "ranking"}:
                answers[str(question.pk)] = {"choices": choices[variant % 2 :]}
            else:
                answers[str(question.pk)] = {"choices": [choices[variant % len(choices)]]}
        answer_sets.append(answers)
    return consultation.link_key, answer_sets


def answer_rows(answers: dict[str, dict[str, object]]) -> int:
    """How many answer rows one set of answers expands into."""
    rows = 0
    for answer in answers.values():
        if "text" in answer:
            rows += 1 if str(answer["text"]).strip() else 0
        else:
            rows += len(answer["choices"])  # type: ignore[arg-type]
    return rows


def run_load(
    name: str,
    port: int,
    path: str,
    bodies: list[bytes],
    clients: int,
    seconds: float,
    *,
    success: int = 200,
) -> Load:
    load = Load(name, success)
    lock = threading.Lock()
    stop = threading.Event()
    measuring = threading.Event()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={CSRF}",
    }
    counter = iter(range(len(bodies)))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while not stop.is_set():
            with lock:
                index = next(counter, None)
            if index is None:
                load.ran_out = True
                return
            began = time.perf_counter()
            try:
                connection.request("POST", path, body=bodies[index], headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == load.success
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            took = time.perf_counter() - began
            with lock:
                load.sent_ok += ok
            if measuring.is_set():
                with lock:
                    if ok:
                        load.latencies.append(took)
                    else:
                        load.failures += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(2)  # warm-up: connections, worker imports, caches
    measuring.set()
    began = time.perf_counter()
    time.sleep(seconds)
    measuring.clear()
    load.seconds = time.perf_counter() - began
    stop.set()
    for thread in threads:
        thread.join()
    return load


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--assert-targets", action="store_true")
    args = parser.parse_args()

    database = database_create(args.database, "childrights_bench")
    env = os.environ | {
        "APP_ENV": "test",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    python = sys.executable
    for command in (["migrate"], ["load_reference_data"]):
        subprocess.run([python, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603

    import django

    django.setup()
    from childrights.participation.models import Response
    from childrights.participation.submission import Draft

    link, answer_sets = consultation_make()
    rows_per_set = [answer_rows(answers) for answers in answer_sets]
    # More bodies than a run can send at 2,000 a second; a run that uses them all says so.
    payloads = []
    answer_set_of: dict[uuid.UUID, int] = {}
    for index in range(int((args.seconds + 4) * 2000)):
        submission_id = uuid.uuid4()
        answer_set_of[submission_id] = index % len(answer_sets)
        draft = Draft(
            submission_id=str(submission_id),
            age_band="8-11" if index % 2 else "12-15",
            answers=answer_sets[index % len(answer_sets)],
            profile={"gender": "girl" if index % 3 else "boy"},
        )
        payloads.append(urlencode({"csrfmiddlewaretoken": CSRF, "payload": draft.sign()}).encode())
    bare = [urlencode({"csrfmiddlewaretoken": CSRF}).encode()] * len(payloads)

    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(python).parent / "gunicorn"),
            "childrights.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--backlog",
            "256",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        results = [
            run_load("bare view", port, "/bench/bare/", bare, args.clients, args.seconds),
            run_load(
                "submission",
                port,
                f"/have-your-say/{link}/send/",
                payloads,
                args.clients,
                args.seconds,
                success=303,
            ),
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)

    stored = Response.objects.count()
    # The worker's side: expand every response into answer rows and count it.
    from childrights.participation import tallies
    from childrights.participation.models import Answer, Consultation

    consultation = Consultation.objects.get(link_key=link)
    began = time.perf_counter()
    folded = tallies.fold(consultation)
    fold_seconds = time.perf_counter() - began
    expected_rows = sum(
        rows_per_set[answer_set_of[submission_id]]
        for submission_id in Response.objects.values_list("submission_id", flat=True)
    )
    answer_rows_stored = Answer.objects.filter(response__consultation=consultation).count()
    respondents = tallies.counts(consultation).respondents
    print(
        f"{args.clients} clients, {args.seconds:.0f} s each, gunicorn --workers {args.workers}, "
        f"PostgreSQL, {os.cpu_count()} CPUs"
    )
    print(f"{'load':<12} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'failed':>7}")
    for load in results:
        print(
            f"{load.name:<12} {load.rate:8.1f} {load.percentile(0.5):8.1f} "
            f"{load.percentile(0.95):8.1f} {load.failures:7d}"
        )
    bare_load, submit_load = results
    share = submit_load.rate / bare_load.rate
    print(f"submission throughput / bare view throughput: {share:.2f} (target at least 0.50)")
    print(
        f"submission p95 / bare p95: "
        f"{submit_load.percentile(0.95) / bare_load.percentile(0.95):.2f}; "
        f"submission p95 {submit_load.percentile(0.95):.1f} ms (target under 100 ms)"
    )
    print(f"submissions answered 303: {submit_load.sent_ok}, responses stored: {stored}")
    print(
        f"expanded and counted afterwards: {folded} responses in {fold_seconds:.1f} s "
        f"({folded / max(fold_seconds, 1e-9):.0f} a second); answer rows {answer_rows_stored} "
        f"(expected {expected_rows}); respondents counted {respondents}"
    )
    for load in results:
        if load.ran_out:
            print(f"note: the {load.name} load used every prepared request before time was up")
    lost_or_doubled = (
        stored != submit_load.sent_ok
        or respondents != stored
        or answer_rows_stored != expected_rows
    )
    if lost_or_doubled:
        print("RESPONSES LOST OR STORED TWICE")
    missed = share < 0.5 or submit_load.percentile(0.95) >= 100 or lost_or_doubled
    if args.assert_targets and missed:
        print("TARGET MISSED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
