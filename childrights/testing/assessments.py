"""Factories for impact assessments and commissioning projects."""

from typing import Any

from childrights.accounts.models import User
from childrights.assessments.models import (
    Assessment,
    AssessmentVersion,
    Project,
    Template,
)
from childrights.councils.models import Council
from childrights.testing.factories import make_user

COMPLETE_SCREENING: dict[str, Any] = {
    "proposal": "Close two youth clubs and open one larger hub",
    "decision_owner": "Director of Children's Services",
    "drafting_began": "2026-09-01",
    "desired_outcome": "A better-used youth service within budget",
    "children_direct": "Young people who use the clubs",
    "children_indirect": "Their families",
    "groups": {"selected": ["disabled", "poverty"], "other": ""},
}
COMPLETE_FULL: dict[str, Any] = {
    "evidence": [
        {
            "kind": "quantitative",
            "description": "Attendance figures 2024-2026",
            "link": "",
            "consultation_id": None,
        }
    ],
    "views_how": "A consultation with 240 young people",
    "views_what": "They want the hub open late and reachable by bus",
    "views_changed": "Opening hours extended to 9pm",
    "articles": {
        "31": {
            "impact": "positive",
            "directness": "direct",
            "term": "medium",
            "explanation": "More leisure time activities",
            "mitigation": "",
        },
        "2": {
            "impact": "negative",
            "directness": "indirect",
            "term": "short",
            "explanation": "Disabled young people may find the hub harder to reach",
            "mitigation": "A free accessible minibus from each closed club",
        },
    },
    "principles": {
        "participation": {
            "impact": "positive",
            "directness": "direct",
            "term": "long",
            "explanation": "Young people chose the hub's programme",
            "mitigation": "",
        }
    },
    "options": "Keep both clubs; close both; one hub",
    "conclusion": "One hub, with transport",
    "best_interests": "Young people's views shaped the hours and transport",
    "sharing_with_children": "A short video and a poster at each club",
    "monitoring": "Attendance by group every quarter",
    "review_date": "2027-09-01",
}


def current_template(slug: str = "default") -> Template:
    return Template.objects.get(slug=slug, is_current=True)


def make_assessment(
    *,
    council: Council,
    author: User | None = None,
    answers: dict[str, Any] | None = None,
    full_needed: bool = True,
    **overrides: Any,
) -> Assessment:
    author = author or make_user(role="council-staff", council=council)
    fields: dict[str, Any] = {
        "reference": f"CRIA-{Assessment.objects.count() + 1:04d}",
        "title": "Youth clubs: one new hub",
        "kind": Assessment.Kind.SERVICE_CHANGE,
        "template": current_template(),
        "created_by": author,
    }
    fields.update(overrides)
    assessment = Assessment.objects.create(council=council, **fields)
    if answers is None:
        answers = COMPLETE_SCREENING | {
            "full_needed": {
                "answer": "yes" if full_needed else "no",
                "reasons": "It changes a service children use every week",
            }
        }
        if full_needed:
            answers |= COMPLETE_FULL
    AssessmentVersion.objects.create(
        assessment=assessment, number=1, answers=answers, created_by=author
    )
    return assessment


def make_project(*, council: Council, **overrides: Any) -> Project:
    fields: dict[str, Any] = {
        "title": "Young people's substance misuse service",
        "checklist_version": 1,
        "created_by": overrides.pop("created_by", None) or make_user(),
    }
    fields.update(overrides)
    return Project.objects.create(council=council, **fields)
