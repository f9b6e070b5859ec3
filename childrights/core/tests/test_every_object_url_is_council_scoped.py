"""Every URL that takes an object id answers 404 to people outside the owning council.

The URL patterns are read from the URL configuration, so a new URL is covered without editing this
test: a new kind of id in a URL fails here until OBJECT_FOR_KWARG says which council-A record it
names.
"""

import json
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from childrights.accounts.models import Invitation, Role
from childrights.assessments.models import DecisionRecord
from childrights.conftest import World
from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.directory.models import (
    Contact,
    Entitlement,
    LocalOffer,
    Location,
    OpeningTime,
    Organisation,
    SendComment,
    Service,
    ServiceAtLocation,
    Suggestion,
)
from childrights.framework.models import Indicator
from childrights.myviews import services as myviews_services
from childrights.myviews.models import Child, Statement
from childrights.outcomes.models import (
    Attendance,
    Course,
    Report,
    Round,
    Trainee,
    TrainingSession,
)
from childrights.parenting.models import BoardReport
from childrights.participation import tallies
from childrights.participation.models import (
    Answer,
    Commitment,
    Concern,
    Consultation,
    FeedbackTheme,
    Phrase,
    Theme,
    ThemeAnswer,
    ThemeRun,
)
from childrights.poverty.models import Dataset, Measure, Run
from childrights.programme.models import Partnership
from childrights.testing.api_tokens import make_api_token
from childrights.testing.assessments import make_assessment, make_project
from childrights.testing.factories import (
    make_device,
    make_enquiry,
    make_fact,
    make_membership,
    make_partnership,
    make_pilot,
    make_user,
)
from childrights.testing.myviews import make_care_world
from childrights.testing.participation import make_access_code, make_consultation, make_response


def _partnership(world: World) -> Partnership:
    return Partnership.objects.filter(council=world.council_a).first() or make_partnership(
        council=world.council_a
    )


def _measure(world: World) -> Measure:
    return Measure.objects.filter(council=world.council_a).first() or Measure.objects.create(
        council=world.council_a, name="A measure", definition={"k": 0.5, "dimensions": []}
    )


# For each URL keyword that names a record, the council-A record to ask for.
OBJECT_FOR_KWARG: dict[str, Callable[[World], Any]] = {
    "council_id": lambda world: world.council_a.pk,
    "invitation_id": lambda world: (
        Invitation.objects.create(
            council=world.council_a,
            role=Role.objects.get(slug="safeguarding-lead"),
            email="invited@example.org",
        ).pk
    ),
    "membership_id": lambda world: (
        make_membership(user=make_user(), role="council-staff", council=world.council_a).pk
    ),
    # Django admin: every object URL there is for the programme team only.
    "object_id": lambda world: world.owner.pk,
    "content_type_id": lambda world: 1,
    "pk": lambda world: make_device(user=world.owner).pk,
    # Programme team pages: nobody in a council reaches them.
    "principle_slug": lambda world: "participation",
    "indicator_id": lambda world: Indicator.objects.first().pk,
    "partnership_id": lambda world: _partnership(world).pk,
    "pilot_id": lambda world: make_pilot(partnership=_partnership(world)).pk,
    "fact_id": lambda world: make_fact(partnership=_partnership(world)).pk,
    "enquiry_id": lambda world: make_enquiry(council=world.council_a).pk,
    # Outcome indicators: a shared library slug, reached through council A's pages.
    "indicator_slug": lambda world: "care-leavers-in-eet",
    "round_id": lambda world: (
        Round.objects.get_or_create(
            council=world.council_a,
            name="Baseline",
            defaults={"kind": "baseline", "held_on": "2026-01-01"},
        )[0].pk
    ),
    # Council-owned poverty analyses.
    "dataset_id": lambda world: (
        Dataset.objects.create(
            council=world.council_a,
            name="Data",
            file="poverty/none.csv",
            format="csv",
            row_count=1,
            fingerprint="0" * 64,
        ).pk
    ),
    "measure_id": lambda world: _measure(world).pk,
    "run_id": lambda world: (
        Run.objects.create(
            council=world.council_a,
            measure=_measure(world),
            measure_name="A measure",
            definition={},
            data_fingerprint="0" * 64,
            status=Run.Status.DONE,
            result={},
        ).pk
    ),
}


def _consultation(world: World) -> Consultation:
    return Consultation.objects.filter(council=world.council_a).first() or make_consultation(
        council=world.council_a
    )


def _answer(world: World) -> Answer:
    consultation = _consultation(world)
    make_response(consultation=consultation, text="The park needs more swings")
    tallies.fold(consultation)  # answers are written out as rows when they are counted
    found = Answer.objects.filter(response__consultation=consultation).exclude(text="").last()
    assert found is not None
    return found


def _concern(world: World) -> Concern:
    make_response(consultation=_consultation(world), text="I want to run away")
    found = Concern.objects.filter(council=world.council_a).last()
    assert found is not None
    return found


def _placed_answer(world: World) -> ThemeAnswer:
    """A written answer of council A in a theme found by a finished run (made here as a run
    would leave it, without the model)."""
    answer = _answer(world)
    run = ThemeRun.objects.create(
        consultation=_consultation(world), status=ThemeRun.Status.DONE, answers=1
    )
    theme = Theme.objects.create(run=run, name="Swings", phrases=["swings"])
    return ThemeAnswer.objects.create(run=run, theme=theme, answer=answer)


# Children's voice: consultations, their questions, codes, answers, concerns and feedback.
OBJECT_FOR_KWARG |= {
    "consultation_id": lambda world: _consultation(world).pk,
    "question_id": lambda world: _consultation(world).questions.first().pk,
    "code_id": lambda world: make_access_code(consultation=_consultation(world)).pk,
    "answer_id": lambda world: _answer(world).pk,
    "concern_id": lambda world: _concern(world).pk,
    "phrase_id": lambda world: (
        Phrase.objects.create(
            council=world.council_a, language="en", category="neglect", phrase="x", priority=3
        ).pk
    ),
    "theme_id": lambda world: (
        FeedbackTheme.objects.create(
            consultation=_consultation(world), title_en="Parks", summary_en="More swings"
        ).pk
    ),
    "commitment_id": lambda world: (
        Commitment.objects.create(consultation=_consultation(world), text_en="New swings").pk
    ),
    # Themes found in written answers, and an answer placed in one.
    "found_theme_id": lambda world: _placed_answer(world).theme_id,
    "placed_id": lambda world: _placed_answer(world).pk,
}
# Impact assessments and commissioning.
OBJECT_FOR_KWARG |= {
    "assessment_id": lambda world: make_assessment(council=world.council_a).pk,
    "project_id": lambda world: make_project(council=world.council_a).pk,
    "decision_id": lambda world: (
        DecisionRecord.objects.create(
            council=world.council_a, title="Close a library", decided_on="2026-10-01", kind="budget"
        ).pk
    ),
}
# Progress reports: a partner report of council A (the programme report's pages are for the
# programme team only, so they answer 404 to council staff whatever the id).
OBJECT_FOR_KWARG |= {
    "report_id": lambda world: (
        Report.objects.create(
            kind="partner",
            council=world.council_a,
            period_start="2025-04-01",
            period_end="2026-03-31",
            status="done",
        ).pk
    ),
}


# Training records: a completed attendance of council A, so that its certificate exists.
def _attendance(world: World) -> Attendance:
    course, _ = Course.objects.get_or_create(
        council=world.council_a,
        title_en="Rights for members",
        defaults={"counts_for": "elected-member"},
    )
    session, _ = TrainingSession.objects.get_or_create(course=course, held_on="2026-01-15")
    trainee, _ = Trainee.objects.get_or_create(
        council=world.council_a, name="Ada Example", defaults={"role": "elected-member"}
    )
    attendance, _ = Attendance.objects.get_or_create(
        session=session,
        trainee=trainee,
        defaults={
            "status": "completed",
            "completed_on": "2026-01-15",
            "certificate_code": "TEST-CODE-0001",
        },
    )
    return attendance


OBJECT_FOR_KWARG |= {
    "course_id": lambda world: _attendance(world).session.course_id,
    "session_id": lambda world: _attendance(world).session_id,
    "attendance_id": lambda world: _attendance(world).pk,
    "trainee_id": lambda world: _attendance(world).trainee_id,
}


# The directory: an unpublished service of council A, which its staff pages keep from outsiders
# and the public service page keeps from everyone.
def _unpublished_service(world: World) -> Service:
    organisation = Organisation.objects.create(council=world.council_a, name="Youth Trust")
    return Service.objects.create(
        council=world.council_a,
        organisation=organisation,
        name_en="Drop-in",
        description_en="A place to go.",
        is_published=False,
    )


OBJECT_FOR_KWARG |= {"service_id": lambda world: _unpublished_service(world).pk}
# Where, when and whom to ask: a place, an opening time and a contact of that service.
OBJECT_FOR_KWARG |= {
    "location_id": lambda world: (
        ServiceAtLocation.objects.create(
            service=_unpublished_service(world),
            location=Location.objects.create(council=world.council_a, name="Hub", town="Town"),
        ).location_id
    ),
    "opening_time_id": lambda world: (
        OpeningTime.objects.create(
            service=_unpublished_service(world), day=0, opens_at="16:00", closes_at="18:00"
        ).pk
    ),
    "contact_id": lambda world: (
        Contact.objects.create(service=_unpublished_service(world), name="Sam").pk
    ),
}
# What someone said is wrong with that service, for council A's directory team.
OBJECT_FOR_KWARG |= {
    "suggestion_id": lambda world: (
        Suggestion.objects.create(
            council=world.council_a, service=_unpublished_service(world), text="Phone changed"
        ).pk
    )
}


# The care leavers' local offer: an entitlement in council A's offer, not published.
def _entitlement(world: World) -> Entitlement:
    offer, _ = LocalOffer.objects.get_or_create(council=world.council_a)
    return Entitlement.objects.create(offer=offer, area="money", title_en="Bursary")


OBJECT_FOR_KWARG |= {"entitlement_id": lambda world: _entitlement(world).pk}
# A comment on council A's SEND local offer, waiting for the team's answer.
OBJECT_FOR_KWARG |= {
    "comment_id": lambda world: (
        SendComment.objects.create(council=world.council_a, commenter="parent", text="More").pk
    )
}


def _comment_theme(world: World) -> Theme:
    """A theme found in council A's comments by a finished run (made as a run leaves it)."""
    comment = SendComment.objects.create(council=world.council_a, commenter="parent", text="Bus")
    run = ThemeRun.objects.create(
        source=ThemeRun.Source.SEND_COMMENTS,
        source_council=world.council_a,
        status=ThemeRun.Status.DONE,
        answers=1,
    )
    theme = Theme.objects.create(run=run, name="Transport", phrases=["bus"])
    ThemeAnswer.objects.create(run=run, theme=theme, comment=comment)
    return theme


OBJECT_FOR_KWARG |= {"comment_theme_id": lambda world: _comment_theme(world).pk}


# Children in care and care leavers: a child of council A with its workers, a meeting, a sent
# statement and a safety alert.
def _care_child(world: World) -> Child:
    found = Child.objects.filter(council=world.council_a).first()
    return found or make_care_world(world.council_a).child


def _care_statement(world: World) -> Statement:
    child = _care_child(world)
    statement = myviews_services.statement_draft(child=child)
    myviews_services.statement_answer(
        statement=statement, topic="where-i-live", face="🙂", text="It is fine"
    )
    myviews_services.statement_send(
        statement=statement, recipient_ids=[a.user_id for a in child.allocations.all()]
    )
    return statement


OBJECT_FOR_KWARG |= {
    "child_id": lambda world: _care_child(world).pk,
    "team_id": lambda world: _care_child(world).team_id,
    "allocation_id": lambda world: _care_child(world).allocations.first().pk,
    "meeting_id": lambda world: (
        myviews_services.meeting_add(
            actor=Actor(),
            child=_care_child(world),
            kind="review",
            on=timezone.localdate() + timedelta(days=10),
        ).pk
    ),
    "statement_id": lambda world: _care_statement(world).pk,
    "alert_id": lambda world: (
        myviews_services.alert_raise(child=_care_child(world), source="button").pk
    ),
}

# Corporate parenting: a board report of council A.
OBJECT_FOR_KWARG |= {
    "board_report_id": lambda world: (
        BoardReport.objects.create(
            council=world.council_a, period_start="2025-04-01", period_end="2026-03-31"
        ).pk
    ),
}

# Council API tokens: a token of council A, for its leads only.
OBJECT_FOR_KWARG |= {
    "api_token_id": lambda world: make_api_token(council=world.council_a).token.pk,
}

# Keywords that do not name a council-owned record.
NOT_RECORDS = {"uidb64", "token", "code", "app_label", "url", "version_number", "stage"}
# Keywords of public pages, open to everyone by design.
PUBLIC = {
    "number",
    "partner_slug",
    "link_key",
    "public_key",
    "gss_code",
    "oruk_id",
    "access_key",
    "dataset",
    # A council's single sign-on callback: part of signing in, before anyone is signed in.
    "provider_id",
}


def _patterns(
    resolver: URLResolver, prefix: str = "", names: tuple[str, ...] = ()
) -> Iterator[tuple[str, str, set[str]]]:
    for entry in resolver.url_patterns:
        namespace = names + (
            (entry.namespace,) if isinstance(entry, URLResolver) and entry.namespace else ()
        )
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern), namespace)
        elif isinstance(entry, URLPattern):
            kwargs = set(entry.pattern.regex.groupindex)
            yield prefix + str(entry.pattern), ":".join(namespace), kwargs


# The council API answers a token, never a signed-in session (401 without one): its URLs are
# checked with a token of another council instead (test_a_token_of_another_council_...).
TOKEN_API = "api/v1/council/"


def _object_urls() -> list[tuple[str, set[str]]]:
    return [
        (route, kwargs)
        for route, _, kwargs in _patterns(get_resolver())
        if kwargs - NOT_RECORDS and not kwargs & PUBLIC and not route.startswith(TOKEN_API)
    ]


def _fill(route: str, values: dict[str, Any]) -> str:
    """A concrete path for a route, whether it was written with path() or re_path()."""
    path = route
    for name, value in values.items():
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def test_every_object_url_has_a_known_kind_of_record():
    unknown = {
        kwarg
        for _, kwargs in _object_urls()
        for kwarg in kwargs - NOT_RECORDS - PUBLIC
        if kwarg not in OBJECT_FOR_KWARG
    }
    assert not unknown, (
        f"URL keywords {sorted(unknown)} name records this test does not know: add them to "
        "OBJECT_FOR_KWARG (or NOT_RECORDS if they are not records, PUBLIC if the page is public)."
    )


def test_object_urls_exist_to_check():
    routes = [route for route, _ in _object_urls()]
    assert any("team" in route for route in routes)


@pytest.mark.parametrize("method", ["get", "post"])
def test_people_outside_the_council_get_404_for_every_object_url(world, signed_in, method):
    client = signed_in(world.outsider)
    failures = []
    for route, kwargs in _object_urls():
        values = {
            name: OBJECT_FOR_KWARG[name](world) if name in OBJECT_FOR_KWARG else "x"
            for name in kwargs
        }
        url = _fill(route, values)
        response = getattr(client, method)(url)
        if response.status_code != 404:
            failures.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not failures, "Outsiders reached council A's records:\n" + "\n".join(failures)


def test_refusals_of_existing_records_are_audited(world, signed_in):
    client = signed_in(world.outsider)
    response = client.get(f"/councils/{world.council_a.pk}/team/")
    assert response.status_code == 404
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCESS_DENIED)
    assert event.actor_email == world.outsider.email
    assert event.council_id == world.council_a.pk


def test_members_of_the_council_reach_the_same_urls(world, signed_in):
    client = signed_in(world.member)
    response = client.get(f"/councils/{world.council_a.pk}/team/")
    assert response.status_code == 200
    assert world.owner.email in response.content.decode()


# The kinds of record that are a child's: reached only by the workers allocated to the child and
# the managers of the child's team.
CHILD_RECORDS = {"child_id", "statement_id", "meeting_id", "allocation_id"}


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_of_the_same_council_not_allocated_get_404_for_every_child_s_record(
    world, signed_in, method
):
    """Council staff, a social worker and a team manager of another team who are not allocated
    to the child, and the council's lead, are answered as outsiders are."""
    people = [
        world.member,
        make_user(role="social-worker", council=world.council_a),
        make_user(role="team-manager", council=world.council_a),
        world.owner,
    ]
    urls = []
    for route, kwargs in _object_urls():
        if kwargs & CHILD_RECORDS:
            values = {name: OBJECT_FOR_KWARG[name](world) for name in kwargs}
            urls.append(_fill(route, values))
    assert urls
    failures = []
    for person in people:
        client = signed_in(person)
        for url in urls:
            response = getattr(client, method)(url)
            if response.status_code != 404:
                failures.append(f"{person.email}: {method.upper()} {url} -> {response.status_code}")
    assert not failures, "Staff not allocated reached a child's records:\n" + "\n".join(failures)


def _token_api_urls() -> list[tuple[str, set[str]]]:
    return [
        (route, kwargs)
        for route, _, kwargs in _patterns(get_resolver())
        if route.startswith(TOKEN_API) and not route.endswith("openapi.json")
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_token_of_another_council_gets_404_for_every_council_api_url(world, client, method):
    """A token of council B, allowed every action, asks for each of council A's records through
    the council API: it is answered as for a record that does not exist (404 for a read), and
    every list it reads holds nothing of council A's."""
    outsider = make_api_token(council=world.council_b)
    header = {"HTTP_AUTHORIZATION": f"Bearer {outsider.secret}"}
    theirs = [_consultation(world), _unpublished_service(world)]
    failures = []
    routes = _token_api_urls()
    assert any(kwargs for _, kwargs in routes), "no council API URL names a record"
    for route, kwargs in routes:
        url = _fill(route, {name: OBJECT_FOR_KWARG[name](world) for name in kwargs})
        missing = _fill(route, dict.fromkeys(kwargs, 999_999_999))
        response = getattr(client, method)(url, **header)
        answer_for_none = getattr(client, method)(missing, **header)
        body = response.content
        if kwargs and (
            response.status_code != answer_for_none.status_code
            or (method == "get" and response.status_code != 404)
        ):
            failures.append(f"{method.upper()} {url} -> {response.status_code}")
        leaked = [str(record.pk) for record in theirs if str(record.pk) in _ids_in(body)]
        if leaked:
            failures.append(f"{method.upper()} {url} showed council A's {leaked}")
    assert not failures, "A token of council B reached council A's records:\n" + "\n".join(failures)


def _ids_in(body: bytes) -> set[str]:
    """Every "id" in a JSON answer, at any depth."""
    try:
        found: Any = json.loads(body)
    except ValueError:
        return set()
    ids: set[str] = set()
    stack = [found]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "id" in item:
                ids.add(str(item["id"]))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return ids


def test_the_council_api_refuses_a_signed_in_session(world, signed_in):
    client = signed_in(world.owner)
    for route, kwargs in _token_api_urls():
        url = _fill(route, {name: OBJECT_FOR_KWARG[name](world) for name in kwargs})
        assert client.get(url).status_code in {401, 404, 405}, url
