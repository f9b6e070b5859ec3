"""A made-up data set at national size, written in SQL: ``fill(cursor, counts, seed)``.

Every row is derived from its row number and the seed (``hashint8extended``, PostgreSQL's
seeded hash), so the same seed gives the same data. ``Counts.at(scale)`` multiplies the national
counts; the rows are spread evenly over the councils, row ``g`` belonging to council
``g % councils`` (what varies within a council cycles on ``g / councils``). ``fill`` ends with
``bench/national_extras.py``'s records, which can also be added on their own to a data set
filled before them. Run it through ``manage.py make_national_data`` (bench/management/commands).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from bench.common import insert_rows, without_indexes
from bench.national_extras import fill_extras

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Counts:
    """How many of each; the defaults are the national data set."""

    councils: int = 400
    staff: int = 20_000
    programme_team: int = 10
    consultations: int = 4_000
    responses: int = 2_000_000
    concerns: int = 50_000
    assessments: int = 20_000
    audit_events: int = 10_000_000
    services: int = 1_000_000
    care_children: int = 40_000
    statements: int = 120_000

    @classmethod
    def at(cls, scale: float, councils: int | None = None) -> Counts:
        national = cls()
        scaled = {
            field.name: max(1, round(getattr(national, field.name) * scale))
            for field in fields(cls)
        }
        made = cls(**scaled)
        return replace(
            made,
            councils=max(1, councils or made.councils),
            programme_team=max(1, made.programme_team),
        )


# Council roles in the order each council's staff take them: its first ten members hold one of
# each, the rest are council staff and social workers.
FIRST_ROLES = [
    "council-lead",
    "safeguarding-lead",
    "council-staff",
    "team-manager",
    "social-worker",
    "independent-reviewing-officer",
    "personal-adviser",
    "advocate",
    "accountable-officer",
    "elected-member",
]
LEAD, SAFEGUARDING_LEAD, SOCIAL_WORKER = 0, 1, 4
QUESTION_KINDS = [("single", 4), ("faces", 5), ("yes_no", 3), ("multiple", 4), ("text", 0)]
CHOICES_PER_CONSULTATION = sum(n for _, n in QUESTION_KINDS)
TEXTS = [
    "The park needs more swings and a place to sit",
    "More buses after school please",
    "I want somewhere to go in the evenings",
    "Teachers should listen to us more",
    "I feel scared walking home in the dark",
    "Nobody asks what we think",
    "The youth club closed and now there is nothing",
    "I want to run away from home",
]
AUDIT_ACTIONS = [
    ("view", 40),
    ("update", 20),
    ("create", 15),
    ("login", 15),
    ("logout", 5),
    ("export", 2),
    ("access_denied", 1),
    ("delete", 1),
    ("login_failed", 1),
]
AUDIT_OBJECTS = [
    "participation.consultation",
    "participation.concern",
    "assessments.assessment",
    "directory.service",
    "accounts.membership",
    "myviews.statement",
]


class Random:
    """SQL expressions for numbers fixed by the seed and a row number."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.salt = 0

    def below(self, n: int, row: str = "g") -> str:
        """A whole number from 0 to n - 1, the same for the same seed, row and call order."""
        self.salt += 1
        return f"mod(abs(hashint8extended(({row})::bigint, {self.seed * 1000 + self.salt})), {n})"


def _contiguous(cursor: Any, table: str, count: int) -> int:
    """The first id of the ``count`` rows just inserted into ``table`` (ids follow insert order
    in one INSERT ... SELECT ... ORDER BY on a fresh sequence)."""
    cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608
    last = cursor.fetchone()[0]
    return int(last) - count + 1


def fill(cursor: Any, counts: Counts, seed: int, log: Callable[[str], None] = print) -> None:
    """Fill every app's tables with ``counts`` of made-up rows (after the reference data)."""
    from bench import directory
    from childrights.accounts.models import Membership, Role, User
    from childrights.assessments.models import Assessment, AssessmentVersion
    from childrights.assessments.models import Template as AssessmentTemplate
    from childrights.core.models import AuditEvent
    from childrights.councils.models import Council
    from childrights.directory.models import Need
    from childrights.myviews.models import Allocation, Child, Statement, Team
    from childrights.myviews.models import Template as StatementTemplate
    from childrights.outcomes.models import (
        Attendance,
        Course,
        Measurement,
        OutcomeIndicator,
        Trainee,
        TrainingSession,
    )
    from childrights.participation.models import Concern, Consultation, Question, Response
    from childrights.participation.tallies import AGE_BAND, EVERYONE

    random = Random(seed)
    began = time.perf_counter()

    def done(what: str) -> None:
        log(f"  {what} ({time.perf_counter() - began:.0f} s)")

    cursor.execute("SET session_replication_role = replica")

    # Councils: the register's current councils first, then made-up ones.
    ids = list(Council.objects.filter(end_date=None).order_by("pk").values_list("pk", flat=True))[
        : counts.councils
    ]
    for number in range(len(ids), counts.councils):
        ids.append(
            Council.objects.create(
                gss_code=f"X{number:08d}",
                name=f"Made-up council {number}",
                short_name=f"Made-up {number}",
                nation="england",
            ).pk
        )
    councils = ids
    names = dict(Council.objects.filter(pk__in=councils).values_list("pk", "short_name"))
    council_names = [names[pk] for pk in councils]
    n_councils = len(councils)
    params: dict[str, Any] = {"councils": councils, "names": council_names, "n": n_councils}
    council_of = "(%(councils)s::bigint[])[1 + ({}) %% %(n)s]"

    # Staff: ``staff`` people in councils (at least one of each role in each), and the
    # programme team. Passwords are unusable: the page sweep signs them in without one.
    per_council = max(len(FIRST_ROLES) + 2, counts.staff // n_councils)
    staff = per_council * n_councils
    insert_rows(
        cursor,
        User,
        {
            "email": "'staff' || g || '@council' || (g %% %(n)s) || '.bench.example'",
            "password": "'!'",
            "full_name": "'Staff member ' || g",
        },
        source=f"FROM generate_series(0, {staff - 1}) AS g ORDER BY g",
        params=params,
    )
    first_user = _contiguous(cursor, "accounts_user", staff)
    roles = dict(Role.objects.values_list("slug", "pk"))
    role_ids = [roles[slug] for slug in FIRST_ROLES]
    params |= {"roles": role_ids, "first_user": first_user}
    # Of the members after the first ten: two in three council staff, one in three social workers.
    insert_rows(
        cursor,
        Membership,
        {
            "user": "%(first_user)s + g",
            "council": council_of.format("g"),
            "role": f"""CASE WHEN g / %(n)s < {len(FIRST_ROLES)}
                THEN (%(roles)s::bigint[])[1 + g / %(n)s]
                WHEN g %% 3 = 0 THEN {roles["social-worker"]} ELSE {roles["council-staff"]} END""",
        },
        count=staff,
        params=params,
    )
    insert_rows(
        cursor,
        User,
        {
            "email": "'team' || g || '@programme.bench.example'",
            "password": "'!'",
            "full_name": "'Programme team member ' || g",
        },
        count=counts.programme_team,
    )
    cursor.execute(
        """
        INSERT INTO accounts_membership (user_id, council_id, role_id, created_at)
        SELECT id, NULL, %s, now() FROM accounts_user
        WHERE email LIKE '%%@programme.bench.example'
        """,
        [roles["programme-team"]],
    )
    done(f"{staff:,} staff in {n_councils} councils and {counts.programme_team} programme team")

    def user(council_index: str, k: int) -> str:
        """The id of member ``k`` (0: the lead, 1: the safeguarding lead) of a council."""
        return f"(%(first_user)s + ({council_index}) + {k} * %(n)s)"

    # Consultations: nine in ten open or closed, the rest drafts; five questions each.
    n_consultations = counts.consultations
    insert_rows(
        cursor,
        Consultation,
        {
            "council": council_of.format("g"),
            "title_en": "'Consultation ' || g || ': ' || (%(topics)s::text[])[1 + g %% 4]",
            "purpose_en": "'To hear what children and young people think.'",
            "age_bands": '\'["8-11", "12-15"]\'::jsonb',
            "opens_on": "current_date - 400 + (g %% 300)",
            "closes_on": "current_date - 100 + (g %% 300)",
            "status": "CASE WHEN g / %(n)s %% 10 = 9 THEN 'draft' "
            "WHEN g / %(n)s %% 10 >= 6 THEN 'open' ELSE 'closed' END",
            "safeguarding_lead": user("g %% %(n)s", SAFEGUARDING_LEAD),
            "created_by": user("g %% %(n)s", LEAD),
            "opened_at": "CASE WHEN g / %(n)s %% 10 <> 9 THEN now() - interval '300 days' END",
            "closed_at": "CASE WHEN g / %(n)s %% 10 < 6 THEN now() - interval '30 days' END",
        },
        source=f"FROM generate_series(0, {n_consultations - 1}) AS g ORDER BY g",
        params=params | {"topics": ["Parks", "Buses", "School", "Youth clubs"]},
    )
    first_consultation = _contiguous(cursor, "participation_consultation", n_consultations)
    kinds = [kind for kind, _ in QUESTION_KINDS]
    insert_rows(
        cursor,
        Question,
        {
            "consultation": "%(first)s + g / 5",
            "position": "1 + g %% 5",
            "kind": "(%(kinds)s::text[])[1 + g %% 5]",
            "text_en": "'Question ' || (1 + g %% 5)",
        },
        source=f"FROM generate_series(0, {n_consultations * 5 - 1}) AS g ORDER BY g",
        params={"first": first_consultation, "kinds": kinds},
    )
    first_question = _contiguous(cursor, "participation_question", n_consultations * 5)
    # Choices: for question p of consultation c, at c * CHOICES + offset[p] + j.
    offsets, offset = [], 0
    for _, number in QUESTION_KINDS:
        offsets.append(offset)
        offset += number
    cursor.execute(
        f"""
        INSERT INTO participation_choice (question_id, position, label_en, label_cy, face)
        SELECT %(first)s + c * 5 + q.p - 1, j + 1, 'Answer ' || (j + 1), '', ''
        FROM generate_series(0, {n_consultations - 1}) AS c,
            unnest(%(counts)s::int[]) WITH ORDINALITY AS q(number, p),
            generate_series(0, q.number - 1) AS j
        ORDER BY c, q.p, j
        """,  # noqa: S608 (numbers only)
        {"first": first_question, "counts": [n for _, n in QUESTION_KINDS]},
    )
    first_choice = _contiguous(
        cursor, "participation_choice", n_consultations * CHOICES_PER_CONSULTATION
    )
    done(f"{n_consultations:,} consultations with 5 questions each")

    # Responses: spread over the consultations that are not drafts; one in ten writes text (in
    # every consultation: the 1st, 11th, 21st... round of responses over the consultations).
    n_responses = counts.responses
    k = n_consultations
    # A draft (the tenth of each council's consultations) has none: its responses go to the
    # council's one before it.
    consultation_of = f"(g %% {k} - ((g %% {k}) / {n_councils} %% 10 = 9)::int * {n_councils})"
    writes_text = f"(g / {k}) %% 10 = 0"
    n_text = sum(min(k, n_responses - start) for start in range(0, n_responses, 10 * k))

    def load_responses() -> None:
        insert_rows(
            cursor,
            Response,
            {
                "consultation": f"{first_consultation} + {consultation_of}",
                "council": council_of.format(consultation_of),
                "submission_id": f"md5('{seed}.response.' || g)::uuid",
                "fingerprint": "''",
                "age_band": f"(ARRAY['8-11', '12-15'])[1 + {random.below(2)}]",
                "language": "'en'",
                "created_at": f"now() - interval '1 minute' * {random.below(500_000)}",
                "tallied": "true",
            },
            source=f"FROM generate_series(0, {n_responses - 1}) AS g ORDER BY g",
            params=params,
        )

    without_indexes(cursor, "participation_response", load_responses)
    first_response = _contiguous(cursor, "participation_response", n_responses)

    def load_answers() -> None:
        for position, (kind, number) in enumerate(QUESTION_KINDS):
            if kind == "text":
                cursor.execute(
                    f"""
                    INSERT INTO participation_answer (response_id, question_id, choice_id, rank,
                        text)
                    SELECT {first_response} + g, {first_question} + {consultation_of} * 5
                        + {position}, NULL, 1, (%(texts)s::text[])[1 + g %% %(n)s]
                    FROM generate_series(0, {n_responses - 1}) AS g WHERE {writes_text}
                    """,  # noqa: S608 (numbers only)
                    {"texts": TEXTS, "n": len(TEXTS)},
                )
                continue
            cursor.execute(
                f"""
                INSERT INTO participation_answer (response_id, question_id, choice_id, rank,
                    text)
                SELECT {first_response} + g, {first_question} + {consultation_of} * 5
                    + {position}, {first_choice} + {consultation_of} * {CHOICES_PER_CONSULTATION}
                    + {offsets[position]} + {random.below(number)}, 1, ''
                FROM generate_series(0, {n_responses - 1}) AS g
                """,  # noqa: S608 (numbers only)
                {},
            )

    without_indexes(cursor, "participation_answer", load_answers)
    # The kept tallies, as participation.tallies.fold would leave them.
    cursor.execute(
        """
        INSERT INTO participation_tally (consultation_id, question_id, choice_id, dimension,
            value, count, rank_total)
        SELECT consultation_id, 0, 0, %(everyone)s, '', count(*), 0
        FROM participation_response GROUP BY consultation_id
        UNION ALL
        SELECT consultation_id, 0, 0, %(band)s, age_band, count(*), 0
        FROM participation_response GROUP BY consultation_id, age_band
        UNION ALL
        SELECT r.consultation_id, a.question_id, a.choice_id, %(everyone)s, '', count(*),
            sum(a.rank)
        FROM participation_answer AS a JOIN participation_response AS r ON r.id = a.response_id
        WHERE a.choice_id IS NOT NULL GROUP BY r.consultation_id, a.question_id, a.choice_id
        UNION ALL
        SELECT r.consultation_id, a.question_id, 0, %(everyone)s, '', count(*), 0
        FROM participation_answer AS a JOIN participation_response AS r ON r.id = a.response_id
        WHERE a.rank = 1 GROUP BY r.consultation_id, a.question_id
        UNION ALL
        SELECT r.consultation_id, a.question_id, a.choice_id, %(band)s, r.age_band, count(*),
            sum(a.rank)
        FROM participation_answer AS a JOIN participation_response AS r ON r.id = a.response_id
        WHERE a.choice_id IS NOT NULL
        GROUP BY r.consultation_id, a.question_id, a.choice_id, r.age_band
        UNION ALL
        SELECT r.consultation_id, a.question_id, 0, %(band)s, r.age_band, count(*), 0
        FROM participation_answer AS a JOIN participation_response AS r ON r.id = a.response_id
        WHERE a.rank = 1 GROUP BY r.consultation_id, a.question_id, r.age_band
        """,
        {"everyone": EVERYONE, "band": AGE_BAND},
    )
    done(f"{n_responses:,} responses with their answers and tallies")

    # Safeguarding concerns: on responses that wrote text, picked by a stride prime to their
    # number (so each once, spread over the consultations and councils).
    n_concerns = min(counts.concerns, n_text)
    stride = next(p for p in (7919, 7927, 7933) if n_text % p)
    picked = f"((g::bigint * {stride}) %% {n_text})"
    response_of = f"({picked} / {k} * 10 * {k} + {picked} %% {k})"
    insert_rows(
        cursor,
        Concern,
        {
            "response": "r.id",
            "consultation": "r.consultation_id",
            "council": "r.council_id",
            "priority": f"1 + {random.below(3)}",
            "categories": "'[\"neglect\"]'::jsonb",
            "created_at": "r.created_at",
            "assigned_to": f"CASE WHEN g %% 2 = 0 THEN {user('c', SAFEGUARDING_LEAD)} END",
            "first_opened_at": "CASE WHEN g %% 3 <> 0 THEN now() END",
        },
        source=f"""FROM generate_series(0, {n_concerns - 1}) AS g
            JOIN participation_response AS r ON r.id = {first_response} + {response_of},
            LATERAL (SELECT array_position(%(councils)s::bigint[], r.council_id) - 1 AS c) AS i""",
        params=params,
    )
    done(f"{n_concerns:,} safeguarding concerns")

    # Impact assessments, with one to three versions.
    template = AssessmentTemplate.objects.filter(is_current=True).order_by("pk").first()
    state = "(g / %(n)s %% 6)"  # the index of its state below
    n_assessments = counts.assessments
    insert_rows(
        cursor,
        Assessment,
        {
            "council": council_of.format("g"),
            "reference": "'CRIA-' || lpad(g::text, 6, '0')",
            "title": "'Proposal ' || g || ': ' || (%(topics)s::text[])[1 + g %% 4]",
            "kind": "(%(kinds)s::text[])[1 + g / %(n)s %% 5]",
            "template": str(template.pk if template else "NULL"),
            "state": f"(%(states)s::text[])[1 + {state}]",
            "created_by": user("g %% %(n)s", LEAD),
        },
        source=f"FROM generate_series(0, {n_assessments - 1}) AS g ORDER BY g",
        params=params
        | {
            "topics": ["Library opening hours", "School transport", "Play areas", "Youth work"],
            "kinds": ["policy", "strategy", "budget", "service_change", "commissioning"],
            "states": [
                "draft",
                "awaiting_sign_off",
                "signed_off",
                "published",
                "in_review",
                "closed",
            ],
        },
    )
    first_assessment = _contiguous(cursor, "assessments_assessment", n_assessments)
    versions = insert_rows(
        cursor,
        AssessmentVersion,
        {
            "assessment": f"{first_assessment} + g",
            "number": "v",
            "answers": "'{}'::jsonb",
            "created_by": user("g %% %(n)s", LEAD),
            # Submitted once awaiting sign-off, signed off after, published from "published" on.
            "submitted_at": f"CASE WHEN {state} >= 1 THEN now() - interval '60 days' END",
            "signed_off_by": f"CASE WHEN {state} >= 2 THEN {user('g %% %(n)s', LEAD)} END",
            "signed_off_at": f"CASE WHEN {state} >= 2 THEN now() - interval '50 days' END",
            "published_at": f"CASE WHEN {state} >= 3 THEN now() - interval '45 days' END",
        },
        source=f"""FROM generate_series(0, {n_assessments - 1}) AS g,
            generate_series(1, 1 + (g %% 2 = 0)::int + (g %% 5 = 0)::int) AS v""",
        params=params,
    )
    done(f"{n_assessments:,} impact assessments with {versions:,} versions")

    # Outcome indicators: three years of quarterly figures for each shared indicator, in
    # every council; training: courses, sessions, trainees and attendances in every council.
    indicators = list(
        OutcomeIndicator.objects.filter(council=None).order_by("pk").values_list("pk", flat=True)
    )
    measured = insert_rows(
        cursor,
        Measurement,
        {
            "council": "c",
            "indicator": "i",
            "period_end": "(date_trunc('quarter', current_date) - interval '1 day' "
            "- interval '3 months' * q)::date",
            "value": "10 + mod(abs(hashint8extended(c * 1000 + i * 10 + q, %(seed)s)), 900) / 10.0",
        },
        source="FROM unnest(%(councils)s::bigint[]) AS c, unnest(%(indicators)s::bigint[]) AS i, "
        "generate_series(0, 11) AS q",
        params={"councils": councils, "indicators": indicators, "seed": seed},
    )
    training_roles = ["elected-member", "senior-leader", "social-worker", "youth-worker"]
    insert_rows(
        cursor,
        Course,
        {
            "council": council_of.format("g"),
            "title_en": "(ARRAY['Rights for members', 'Rights in practice', "
            "'Listening to children'])[1 + g / %(n)s]",
            "counts_for": "(%(roles)s::text[])[1 + g / %(n)s]",
        },
        source=f"FROM generate_series(0, {3 * n_councils - 1}) AS g ORDER BY g",
        params=params | {"roles": training_roles},
    )
    first_course = _contiguous(cursor, "outcomes_course", 3 * n_councils)
    insert_rows(
        cursor,
        TrainingSession,
        {"course": f"{first_course} + g / 2", "held_on": "current_date - 30 * (g %% 2 + 1)"},
        source=f"FROM generate_series(0, {6 * n_councils - 1}) AS g ORDER BY g",
    )
    first_session = _contiguous(cursor, "outcomes_trainingsession", 6 * n_councils)
    trainees_each = 30
    insert_rows(
        cursor,
        Trainee,
        {
            "council": council_of.format("g"),
            "name": "'Trainee ' || g",
            "role": f"(%(roles)s::text[])[1 + {random.below(4)}]",
        },
        source=f"FROM generate_series(0, {trainees_each * n_councils - 1}) AS g ORDER BY g",
        params=params | {"roles": training_roles},
    )
    first_trainee = _contiguous(cursor, "outcomes_trainee", trainees_each * n_councils)
    # Trainee g (council g % n) attends two of the council's six sessions.
    insert_rows(
        cursor,
        Attendance,
        {
            "session": f"{first_session} + (((g / %(n)s + s) %% 3) * %(n)s + g %% %(n)s) * 2 + s",
            "trainee": f"{first_trainee} + g",
            "status": "CASE WHEN s = 0 THEN 'completed' ELSE 'booked' END",
            "completed_on": "CASE WHEN s = 0 THEN current_date - 60 END",
            "expires_on": "CASE WHEN s = 0 THEN current_date + 300 END",
            "certificate_code": f"CASE WHEN s = 0 THEN 'B{seed}-' || g END",
        },
        source=f"FROM generate_series(0, {trainees_each * n_councils - 1}) AS g, "
        "generate_series(0, 1) AS s",
        params=params,
    )
    done(f"{measured:,} outcome measurements; training in every council")

    # Children in care and care leavers: five teams a council, a social worker each, and
    # their own-view statements.
    insert_rows(
        cursor,
        Team,
        {"council": council_of.format("g"), "name": "'Team ' || (1 + g / %(n)s)"},
        source=f"FROM generate_series(0, {5 * n_councils - 1}) AS g ORDER BY g",
        params=params,
    )
    first_team = _contiguous(cursor, "myviews_team", 5 * n_councils)
    n_children = counts.care_children
    insert_rows(
        cursor,
        Child,
        {
            "council": council_of.format("g"),
            "team": f"{first_team} + g %% (5 * %(n)s)",
            "chosen_name": "(%(names)s::text[])[1 + g %% 8] || ' ' || g",
            "age_band": "(ARRAY['8-11', '12-15', '16-17', '18-25'])[1 + g / %(n)s %% 4]",
            "status": "CASE WHEN g / %(n)s %% 4 = 3 THEN 'care_leaver' ELSE 'in_care' END",
            "language": "'en-gb'",
        },
        source=f"FROM generate_series(0, {n_children - 1}) AS g ORDER BY g",
        params=params | {"names": ["Sam", "Alex", "Jo", "Kai", "Ria", "Max", "Tia", "Ben"]},
    )
    first_child = _contiguous(cursor, "myviews_child", n_children)
    insert_rows(
        cursor,
        Allocation,
        {
            "child": f"{first_child} + g",
            "user": user("g %% %(n)s", SOCIAL_WORKER),
            "role": str(roles["social-worker"]),
        },
        count=n_children,
        params=params,
    )
    statement_template = StatementTemplate.objects.order_by("pk").first()
    insert_rows(
        cursor,
        Statement,
        {
            "child": f"{first_child} + g %% {n_children}",
            "template": str(statement_template.pk if statement_template else "NULL"),
            "status": "CASE WHEN g %% 3 = 0 THEN 'draft' ELSE 'sent' END",
            "answers": "'{}'::jsonb",
            "language": "'en-gb'",
            "sent_at": "CASE WHEN g %% 3 <> 0 THEN now() - interval '1 day' * (g %% 700) END",
        },
        count=counts.statements,
    )
    done(f"{n_children:,} children in care with {counts.statements:,} statements")

    # The directory, as bench/directory.py fills it (its own SQL, with the search keys).
    codes = dict(Need.objects.filter(council=None).values_list("code", "pk"))
    order = json.loads((ROOT / "childrights/directory/data/needs.json").read_text())["terms"]
    needs = [str(codes[term["code"]]) for term in order]
    directory.fill(cursor, councils, needs, counts.services)
    cursor.execute("SET session_replication_role = replica")
    done(f"{counts.services:,} directory services")

    # The audit log: one in ten events national (no council), the rest in a council, by one
    # of its members, over the last three years.
    weights = [weight for _, weight in AUDIT_ACTIONS]
    actions = [action for action, weight in AUDIT_ACTIONS for _ in range(weight)]
    n_events = counts.audit_events
    seconds = 3 * 365 * 24 * 3600

    def load_audit() -> None:
        for start in range(0, n_events, 1_000_000):
            size = min(1_000_000, n_events - start)
            insert_rows(
                cursor,
                AuditEvent,
                {
                    "created_at": f"now() - interval '1 second' * ({seconds}::bigint "
                    f"* ({n_events} - g) / {n_events})",
                    "actor": f"%(first_user)s + g %% {staff}",
                    "actor_email": f"'staff' || (g %% {staff}) || '@council' || "
                    f"(g %% {staff} %% %(n)s) || '.bench.example'",
                    "action": f"(%(actions)s::text[])[1 + {random.below(sum(weights))}]",
                    "object_type": "(%(objects)s::text[])[1 + g %% 6]",
                    "object_id": "(g / 7)::text",
                    "object_repr": "'Record ' || (g / 7)",
                    "council_id": f"CASE WHEN g %% 10 = 0 THEN NULL ELSE "
                    f"{council_of.format(f'g %% {staff}')} END",
                    "council_name": f"CASE WHEN g %% 10 = 0 THEN '' ELSE "
                    f"(%(names)s::text[])[1 + g %% {staff} %% %(n)s] END",
                    "client_ip": "('192.0.2.' || (g %% 250 + 1))::inet",
                    "detail": "'{}'::jsonb",
                },
                source=f"FROM generate_series({start}, {start + size - 1}) AS g",
                params=params
                | {"actions": actions, "objects": AUDIT_OBJECTS, "first_user": first_user},
            )
            log(f"    audit events: {start + size:,}")

    without_indexes(cursor, "core_auditevent", load_audit)
    done(f"{n_events:,} audit events")

    # The other records (invitations, partnerships, poverty analyses, reports, projects,
    # meetings, alerts...), which read back what is above: bench/national_extras.py.
    fill_extras(cursor, seed, log=log)

    cursor.execute("SET session_replication_role = DEFAULT")
    from django.db import connection

    # VACUUM cannot run inside a transaction (a test's).
    cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    done("analysed")
