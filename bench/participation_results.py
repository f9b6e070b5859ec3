"""Benchmark: a consultation's results page at 100,000 and 1,000,000 responses.

    .venv/bin/python bench/participation_results.py [--sizes 100000 1000000] [--repeats 5]
        [--database postgres://postgres@127.0.0.1:5432] [--assert-targets]

Makes a scratch PostgreSQL database (``childrights_bench_results``) holding one consultation of
ten questions (single choice, faces, yes/no, multiple choice, ranking) and four "about you"
questions, and fills it with synthetic responses in SQL (about 15 answer rows and 4 "about you"
rows per response). At each size it:

1. folds the new responses into the kept tallies (``participation.tallies.fold``, the same
   code the results page runs for responses not yet counted) and reports the time;
2. requests the results page through Django (signed in as a member of the council, templates
   and SVG charts included), unfiltered and filtered by one "about you" answer, ``--repeats``
   times each after one warm-up, reporting the median;
3. as the baseline, runs the grouped count the page would need without tallies
   (``COUNT(*) ... GROUP BY question, choice`` over the answers, and the same joined to one
   "about you" answer), reporting the median and the page's time as a ratio of it.

Targets: unfiltered under 500 ms and not growing with the number of responses; filtered by one
"about you" answer under 1 s. ``--assert-targets`` exits with status 1 if a target is missed at
the largest size, or if the page at the largest size takes more than twice as long as at the
smallest.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import database_create, median_ms  # noqa: E402

KINDS = ["single", "faces", "yes_no", "single", "faces", "yes_no", "single", "multiple"]
ABOUT_YOU = {
    "gender": ["girl", "boy", "another", "prefer-not"],
    "care": ["yes", "no", "not-sure", "prefer-not"],
    "disability": ["yes", "no", "not-sure", "prefer-not"],
    "area": ["north", "south", "east", "west", "centre", "prefer-not"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--assert-targets", action="store_true")
    args = parser.parse_args()

    env = os.environ | {
        "APP_ENV": "test",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_create(args.database, "childrights_bench_results"),
        "DJANGO_SETTINGS_MODULE": "childrights.settings",
        "ALLOWED_HOSTS": "testserver",
    }
    os.environ.update(env)
    for command in (["migrate"], ["load_reference_data"]):
        arguments = [sys.executable, "manage.py", *command, "-v0"]
        subprocess.run(arguments, cwd=ROOT, env=env, check=True)  # noqa: S603

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from childrights.councils.demo import demo_council
    from childrights.participation import tallies
    from childrights.participation.models import Choice, Question
    from childrights.testing.factories import make_user
    from childrights.testing.participation import make_consultation

    council = demo_council()
    consultation = make_consultation(
        council=council, questions=False, about_you=list(ABOUT_YOU), age_bands=["8-11", "12-15"]
    )
    questions: list[tuple[int, str, list[int]]] = []
    for position, kind in enumerate([*KINDS, "ranking", "single"], start=1):
        question = Question.objects.create(
            consultation=consultation, position=position, kind=kind, text_en=f"Question {position}"
        )
        count = {"faces": 5, "yes_no": 3, "ranking": 3}.get(kind, 4)
        choices = [
            Choice.objects.create(question=question, position=n, label_en=f"Answer {n}").pk
            for n in range(1, count + 1)
        ]
        questions.append((question.pk, kind, choices))
    officer = make_user(role="council-staff", council=council)
    client = Client()
    client.force_login(officer)
    url = f"/consultations/{consultation.pk}/results/"
    filtered = f"{url}?group=gender:girl"

    def fill(first: int, last: int) -> None:
        with connection.cursor() as cursor:
            # Bulk loading, as pg_restore does it: foreign-key triggers off for this session
            # (the rows are made to be consistent), back on before anything is measured.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(
                """
                INSERT INTO participation_response (consultation_id, council_id, submission_id,
                    fingerprint, receipt, age_band, language, easy_read, name, created_at,
                    tallied, flagged)
                SELECT %s, %s, md5(%s || g)::uuid, '', upper(substr(md5(%s || g), 1, 12)),
                    (ARRAY['8-11', '12-15'])[1 + g %% 2], 'en', false, '', now(), false, false
                FROM generate_series(%s, %s) AS g
                """,
                [consultation.pk, council.pk, "s", "r", first, last],
            )
            cursor.execute(
                "SELECT min(id), max(id) FROM participation_response WHERE tallied = false"
            )
            low, high = cursor.fetchone()
            for question_id, kind, choices in questions:
                n = len(choices)
                if kind == "ranking":
                    for place in range(n):
                        cursor.execute(
                            """
                            INSERT INTO participation_answer (response_id, question_id, choice_id,
                                rank, text)
                            SELECT id, %s, (%s::bigint[])[1 + (id + %s) %% %s], %s, ''
                            FROM participation_response WHERE id BETWEEN %s AND %s
                            """,
                            [question_id, choices, place, n, place + 1, low, high],
                        )
                    continue
                picks = 2 if kind == "multiple" else 1
                for extra in range(picks):
                    cursor.execute(
                        """
                        INSERT INTO participation_answer (response_id, question_id, choice_id,
                            rank, text)
                        SELECT id, %s, (%s::bigint[])[1 + (id * 7 + %s + %s) %% %s], %s, ''
                        FROM participation_response WHERE id BETWEEN %s AND %s
                        """,
                        [question_id, choices, question_id, extra, n, extra + 1, low, high],
                    )
            for field, values in ABOUT_YOU.items():
                cursor.execute(
                    """
                    INSERT INTO participation_profileanswer (response_id, field, value)
                    SELECT id, %s, (%s::text[])[1 + (id * 13 + %s) %% %s]
                    FROM participation_response WHERE id BETWEEN %s AND %s
                    """,
                    [field, values, len(field), len(values), low, high],
                )
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("ANALYZE")

    def direct(profile: bool) -> None:
        with connection.cursor() as cursor:
            if profile:
                cursor.execute(
                    """
                    SELECT a.question_id, a.choice_id, count(*) FROM participation_answer a
                    JOIN participation_profileanswer p ON p.response_id = a.response_id
                    WHERE p.field = 'gender' AND p.value = 'girl'
                    GROUP BY a.question_id, a.choice_id
                    """
                )
            else:
                cursor.execute(
                    "SELECT question_id, choice_id, count(*) FROM participation_answer "
                    "GROUP BY question_id, choice_id"
                )
            cursor.fetchall()

    def page(path: str) -> Callable[[], None]:
        def get() -> None:
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")

        return get

    print(f"PostgreSQL, {os.cpu_count()} CPUs, median of {args.repeats} after one warm-up")
    header = (
        f"{'responses':>10} {'fill s':>7} {'fold s':>7} {'page ms':>8} {'direct ms':>10} "
        f"{'ratio':>6} {'filtered ms':>12} {'direct ms':>10} {'ratio':>6}"
    )
    print(header)
    rows = []
    done = 0
    for size in sorted(args.sizes):
        began = time.perf_counter()
        fill(done + 1, size)
        filled = time.perf_counter() - began
        began = time.perf_counter()
        tallies.fold(consultation)
        folded = time.perf_counter() - began
        done = size
        print(
            f"  {size:,} responses: filled in {filled:.1f} s, folded in {folded:.1f} s", flush=True
        )
        everyone = median_ms(page(url), args.repeats)
        girls = median_ms(page(filtered), args.repeats)
        direct_all = median_ms(lambda: direct(False), args.repeats)
        direct_girls = median_ms(lambda: direct(True), args.repeats)
        rows.append((size, everyone, girls))
        print(
            f"{size:>10,} {filled:7.1f} {folded:7.1f} {everyone:8.1f} {direct_all:10.1f} "
            f"{everyone / direct_all:6.2f} {girls:12.1f} {direct_girls:10.1f} "
            f"{girls / direct_girls:6.2f}"
        )
    smallest, largest = rows[0], rows[-1]
    growth = largest[1] / smallest[1]
    print(
        f"page time at {largest[0]:,} / at {smallest[0]:,}: {growth:.2f} "
        f"(flat is 1.00; targets: unfiltered under 500 ms, filtered under 1000 ms)"
    )
    missed = largest[1] >= 500 or largest[2] >= 1000 or (len(rows) > 1 and growth > 2)
    if args.assert_targets and missed:
        print("TARGET MISSED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
