"""The council API, version 1, under /api/v1/council/: what a council's own software reaches
with a token its lead made (``api.tokens``). Its OpenAPI document is served beside the public
API's, at /api/v1/council/openapi.json.

Every operation names the action it needs; the token is checked before anything else is read,
and its council is the only council the operation sees: each read goes through the same
selector as the council's staff pages, given the token's council, and the import through the same
service as the import page (all or nothing, every problem listed by line). A record of another
council is answered as one that does not exist (404). Refusals answer JSON with an ``error`` code
and a ``detail``; every use is audited (``tokens.use_audit``). The API speaks English.
"""

import csv
import io
import json
import re
import uuid
import weakref
from datetime import date
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.params.functions import Path
from ninja.security import HttpBearer
from pydantic import Field as Described

from childrights.api import tokens
from childrights.api.models import CouncilToken
from childrights.api.public.api import BuiltOnce
from childrights.core.models import AuditEvent
from childrights.directory import selectors as directory
from childrights.outcomes import indicators
from childrights.participation import results
from childrights.participation import selectors as participation
from childrights.participation.feedback.public import results_may_be_shown

VERSION = "1"
NAMESPACE = "council_api_v1"
Action = CouncilToken.Action
IMPORT_COLUMNS = ("indicator", "period_end", "value", "breakdown", "note")
LINE = re.compile(r"^Line (\d+): ")
LARGEST_ID = 2**63 - 1  # a database's largest id: a larger one is refused (422), never looked up


class TokenAuth(HttpBearer):
    """A council API token allowed one action (``Authorization: Bearer rah_…``)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action

    def __call__(self, request: HttpRequest) -> CouncilToken:
        token = tokens.token_for(request, action=self.action)
        ACTION_ASKED[request] = self.action
        return token

    def authenticate(self, request: HttpRequest, token: str) -> CouncilToken:
        return tokens.token_for(request, action=self.action)


# The action each request's token was allowed, for a refusal that comes after the token's check
# (a parameter that is not valid) to be audited with it. Weak, so a finished request leaves none.
ACTION_ASKED: "weakref.WeakKeyDictionary[HttpRequest, str]" = weakref.WeakKeyDictionary()


def _token(request: HttpRequest) -> CouncilToken:
    found = getattr(request, "auth", None)
    if not isinstance(found, CouncilToken):  # the operation was reached without its auth
        raise AuthenticationError
    return found


# --- what the API answers --------------------------------------------------------------------


class Problem(Schema):
    error: str = Described(description="What went wrong, as a code a program can test.")
    detail: str = Described(description="What went wrong, in words.")


class RowProblem(Schema):
    line: int | None = Described(
        description="The line of the CSV (the header is line 1), or the row of the JSON "
        "(the first is 1); none for a problem with the whole request."
    )
    message: str


class ImportRefused(Problem):
    errors: list[RowProblem] = Described(description="Every problem found; nothing was stored.")


class Imported(Schema):
    rows: int = Described(description="Rows imported.")
    created: int = Described(description="Values that were new.")
    replaced: int = Described(description="Values that replaced one already stored.")


class MeasurementRow(Schema):
    indicator: str = Described(description="The indicator's slug, as on its page.")
    period_end: str = Described(description="The last day of the period, as YYYY-MM-DD.")
    value: str | float | int = Described(description="The value, a number.")
    breakdown: str = Described("", description="One of the indicator's breakdowns, or empty.")
    note: str = Described("", description="A note kept with the value.")


class MeasurementRows(Schema):
    rows: list[MeasurementRow]


class ConsultationSummary(Schema):
    id: int
    title_en: str
    title_cy: str
    status: str = Described(description="draft, open or closed.")
    opens_on: date
    closes_on: date
    results_url: str


class Count(Schema):
    label: str
    children: int | None = Described(
        description="How many children, rounded; none where too few to show safely."
    )


class QuestionTable(Schema):
    number: int
    text_en: str
    text_cy: str
    kind: str
    answered: int | None = Described(
        description="How many children answered, rounded; none where too few to show."
    )
    answers: list[Count]


class ConsultationResults(Schema):
    consultation: ConsultationSummary
    respondents: int | None = Described(
        description="How many children responded, rounded; none where too few to show."
    )
    respondents_by_age_band: list[Count]
    questions: list[QuestionTable] = Described(
        description="Every question with set answers; written answers are never included."
    )


class ServiceSummary(Schema):
    id: uuid.UUID
    name_en: str
    name_cy: str
    organisation: str
    status: str = Described(description="Open Referral UK's status: active, inactive, defunct…")
    is_published: bool
    last_checked_on: date | None
    needs_checking: bool = Described(
        description="Nobody has checked it for the months the directory allows, or ever."
    )
    public_url: str | None = Described(description="Its public page, when it is published.")


# --- the API ---------------------------------------------------------------------------------

council_api = BuiltOnce(
    title="Rights at the Heart council API",
    version=VERSION,
    description=(
        "For a council's own software, with a token the council's lead creates on the council's "
        "API tokens page. Send it in the header `Authorization: Bearer rah_…`. A token works "
        "for its council only, for the actions chosen for it, until it expires or is revoked. "
        "A missing, unknown, expired or revoked token is answered 401; a token not allowed the "
        "action, 403; a record of another council, 404; more than "
        f"{tokens.REQUESTS_PER_MINUTE} requests a minute with one token, or more than "
        f"{tokens.FAILED_TOKENS_PER_MINUTE} a minute without a working token from one address "
        "(an IPv6 /64 counts as one), 429 (with Retry-After). A consultation's results are "
        "answered only once it has closed (409 before), as on its public page."
    ),
    urls_namespace="council_api_v1",
    docs_url=None,
)

REFUSALS: dict[int, Any] = {401: Problem, 403: Problem, 404: Problem, 429: Problem}


@council_api.exception_handler(tokens.TokenRefused)
def _refused(request: HttpRequest, refusal: tokens.TokenRefused) -> HttpResponse:
    response = council_api.create_response(
        request, {"error": refusal.code, "detail": refusal.message}, status=refusal.status
    )
    if refusal.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="council API"'
    if refusal.retry_after_seconds is not None:
        response["Retry-After"] = str(refusal.retry_after_seconds)
    return response


@council_api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return council_api.create_response(
        request, {"error": "token_missing", "detail": "Send a council API token"}, status=401
    )


@council_api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    token = getattr(request, "auth", None)
    if isinstance(token, CouncilToken):
        tokens.use_audit(
            request=request,
            token=token,
            action=ACTION_ASKED.get(request, ""),
            outcome="invalid_request",
            audit_action=AuditEvent.Action.ACCESS_DENIED,
        )
    return council_api.create_response(
        request,
        {"error": "invalid_request", "detail": json.dumps(error.errors, default=str)[:2000]},
        status=422,
    )


@council_api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return council_api.create_response(
        request, {"error": "not_found", "detail": "Not found"}, status=404
    )


def _summary(request: HttpRequest, consultation: Any) -> dict[str, Any]:
    return {
        "id": consultation.pk,
        "title_en": consultation.title_en,
        "title_cy": consultation.title_cy,
        "status": consultation.status,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "results_url": request.build_absolute_uri(
            reverse(f"{NAMESPACE}:consultation_results", args=[consultation.pk])
        ),
    }


@council_api.get(
    "/consultations",
    auth=TokenAuth(Action.READ_RESULTS),
    response={200: list[ConsultationSummary], **REFUSALS},
    summary="The council's consultations",
    operation_id="consultations",
    url_name="consultations",
)
def consultations(request: HttpRequest) -> list[dict[str, Any]]:
    token = _token(request)
    found = [
        _summary(request, consultation)
        for consultation in participation.consultations(council=token.council)
    ]
    tokens.use_audit(
        request=request,
        token=token,
        action=Action.READ_RESULTS,
        outcome="ok",
        detail={"consultations": len(found)},
    )
    return found


@council_api.get(
    "/consultations/{consultation_id}/results",
    auth=TokenAuth(Action.READ_RESULTS),
    response={200: ConsultationResults, 409: Problem, 422: Problem, **REFUSALS},
    summary="A consultation's results, with disclosure control",
    description=(
        "The council's protected tables, as in its protected export: how many children "
        "responded and how many gave each answer, rounded, with small numbers (and any that "
        "would reveal them) hidden. Never a single child's answers or their words. Only once "
        "the consultation has closed (or its closing date has passed): before, 409 "
        "`not_closed`, as its public page shows no running results, which read again and "
        "again could show how one child answered."
    ),
    operation_id="consultation_results",
    url_name="consultation_results",
)
def consultation_results(
    request: HttpRequest, consultation_id: int = Path(..., ge=1, le=LARGEST_ID)
) -> dict[str, Any] | Status[dict[str, Any]]:
    token = _token(request)
    consultation = tokens.owned_or_404(
        participation.consultations(council=token.council),
        request=request,
        token=token,
        action=Action.READ_RESULTS,
        pk=consultation_id,
    )
    if not results_may_be_shown(consultation):
        tokens.use_audit(
            request=request,
            token=token,
            action=Action.READ_RESULTS,
            outcome="not_closed",
            audit_action=AuditEvent.Action.ACCESS_DENIED,
            detail={"consultation": consultation.pk},
        )
        return Status(
            409,
            {
                "error": "not_closed",
                "detail": "The consultation is still open: its results are answered once it "
                f"has closed, after {consultation.closes_on.isoformat()}",
            },
        )
    with translation.override("en"):
        respondents, by_band = results.protected_respondents(consultation)
        tables = results.protected_tables(consultation)
        answer = {
            "consultation": _summary(request, consultation),
            "respondents": respondents,
            "respondents_by_age_band": [
                {"label": str(row.label), "children": row.children} for row in by_band
            ],
            "questions": [
                {
                    "number": number,
                    "text_en": table.question.text_en,
                    "text_cy": table.question.text_cy,
                    "kind": table.question.kind,
                    "answered": table.total,
                    "answers": [
                        {"label": str(row.label), "children": row.children} for row in table.rows
                    ],
                }
                for number, table in enumerate(tables, start=1)
            ],
        }
    tokens.use_audit(
        request=request,
        token=token,
        action=Action.READ_RESULTS,
        outcome="ok",
        detail={"consultation": consultation.pk},
    )
    return answer


@council_api.get(
    "/services",
    auth=TokenAuth(Action.READ_DIRECTORY),
    response={200: list[ServiceSummary], **REFUSALS},
    summary="The council's services, published or not",
    description=(
        "What the council's staff list of its services shows: every service of the council, "
        "published or not, with its status and when it was last checked. Nothing of any other "
        "council, and none of a service's places, contacts or opening times (published services "
        "are in the Open Referral UK API with those)."
    ),
    operation_id="services",
    url_name="services",
)
def services(request: HttpRequest) -> list[dict[str, Any]]:
    token = _token(request)
    found = [
        {
            "id": service.pk,
            "name_en": service.name_en,
            "name_cy": service.name_cy,
            "organisation": service.organisation.name if service.organisation else "",
            "status": service.status,
            "is_published": service.is_published,
            "last_checked_on": service.last_checked_on,
            "needs_checking": bool(getattr(service, "is_stale", False)),
            "public_url": request.build_absolute_uri(
                reverse("directory:service", args=[service.pk])
            )
            if service.is_published
            else None,
        }
        for service in directory.council_services(council=token.council, today=timezone.localdate())
    ]
    tokens.use_audit(
        request=request,
        token=token,
        action=Action.READ_DIRECTORY,
        outcome="ok",
        detail={"services": len(found)},
    )
    return found


# --- importing measurements ------------------------------------------------------------------


class _BadBody(ValueError):
    pass


def _csv_from_json(body: bytes) -> bytes:
    """JSON rows as the CSV the import page takes: the same service reads both."""
    try:
        parsed = MeasurementRows.model_validate_json(body)
    except ValueError as error:
        raise _BadBody(
            'The body must be JSON like {"rows": [{"indicator": …, "period_end": …, "value": …}]}'
        ) from error
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(IMPORT_COLUMNS)
    for row in parsed.rows:
        writer.writerow([row.indicator, row.period_end, str(row.value), row.breakdown, row.note])
    return out.getvalue().encode("utf-8")


def _row_problems(errors: list[str], *, from_json: bool) -> list[dict[str, Any]]:
    problems: list[dict[str, Any]] = []
    for message in errors:
        match = LINE.match(message)
        line = int(match[1]) if match else None
        if from_json and match and line is not None:
            line -= 1  # the JSON's first row is the CSV's line 2
            message = f"Row {line}: {message[match.end() :]}"
        problems.append({"line": line, "message": message})
    return problems


IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "indicator,period_end,value,breakdown,note\n"
                "care-leavers-in-eet,2026-03-31,54.2,,\n",
            },
            "application/json": {"schema": MeasurementRows.model_json_schema()},
        },
    }
}


@council_api.post(
    "/measurements",
    auth=TokenAuth(Action.IMPORT_MEASUREMENTS),
    response={
        200: Imported,
        400: ImportRefused,
        409: Problem,
        413: Problem,
        415: Problem,
        **REFUSALS,
    },
    summary="Import outcome indicator measurements",
    description=(
        "The same rows as the import page's file: a CSV (`text/csv`) with the columns "
        "indicator, period_end and value, and optionally breakdown and note; or the same as "
        "JSON (`application/json`). Every row is checked first: if any is wrong, nothing is "
        "stored and every problem is listed by line (400). A row for a value already stored "
        "replaces it. If another import stores the same value at the same moment, nothing is "
        "stored and the answer is 409: send the rows again."
    ),
    operation_id="measurements_import",
    url_name="measurements_import",
    openapi_extra=IMPORT_BODY,
)
def measurements_import(request: HttpRequest) -> Status[dict[str, Any]]:
    token = _token(request)
    action = Action.IMPORT_MEASUREMENTS
    kind = request.content_type or ""
    with translation.override("en"):
        try:
            body = request.body
            if kind == "application/json":
                data = _csv_from_json(body)
            elif kind in ("text/csv", "text/plain"):
                data = body
            else:
                return _import_stopped(
                    request,
                    token,
                    415,
                    "unsupported_body",
                    {
                        "error": "unsupported_media_type",
                        "detail": "Send text/csv or application/json",
                    },
                )
            result = indicators.measurements_import(
                council=token.council,
                file=io.BytesIO(data),
                by=None,
                name=f"council API token {token.pk}.csv",
            )
        except RequestDataTooBig:
            return _import_stopped(
                request,
                token,
                413,
                "too_big",
                {"error": "too_big", "detail": "The body is too big: send fewer rows"},
            )
        except IntegrityError:
            # Another import stored one of the same values between this one's check and its
            # write: this one was rolled back whole.
            return _import_stopped(
                request,
                token,
                409,
                "conflict",
                {
                    "error": "conflict",
                    "detail": "Another import stored the same values at the same moment: "
                    "nothing was imported from this one, send the rows again",
                },
            )
        except _BadBody as bad:
            problems = [{"line": None, "message": str(bad)}]
            return _import_refused(request, token, problems)
        except indicators.MeasurementsRefused as refused:
            problems = _row_problems(refused.errors, from_json=kind == "application/json")
            return _import_refused(request, token, problems)
    tokens.use_audit(
        request=request,
        token=token,
        action=action,
        outcome="imported",
        audit_action=AuditEvent.Action.CREATE,
        detail={"rows": len(result.rows), "created": result.created, "replaced": result.replaced},
    )
    return Status(
        200, {"rows": len(result.rows), "created": result.created, "replaced": result.replaced}
    )


def _import_stopped(
    request: HttpRequest, token: CouncilToken, status: int, outcome: str, body: dict[str, Any]
) -> Status[dict[str, Any]]:
    """An import stopped before anything was stored: audited with its outcome, then answered."""
    tokens.use_audit(
        request=request,
        token=token,
        action=Action.IMPORT_MEASUREMENTS,
        outcome=outcome,
        audit_action=AuditEvent.Action.CREATE,
    )
    return Status(status, body)


def _import_refused(
    request: HttpRequest, token: CouncilToken, problems: list[dict[str, Any]]
) -> Status[dict[str, Any]]:
    tokens.use_audit(
        request=request,
        token=token,
        action=Action.IMPORT_MEASUREMENTS,
        outcome="rows_refused",
        audit_action=AuditEvent.Action.CREATE,
        detail={"problems": len(problems)},
    )
    return Status(
        400,
        {
            "error": "rows_refused",
            "detail": "Nothing was imported: put every problem right and send all the rows again",
            "errors": problems,
        },
    )


# HttpError is django-ninja's own refusal; kept JSON like the rest.
@council_api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return council_api.create_response(
        request, {"error": "refused", "detail": str(error)}, status=error.status_code
    )
