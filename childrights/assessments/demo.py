"""Demonstration impact assessments for the made-up council: one published (signed off by the
accountable officer, not its author) to read in the public register, and one in draft to walk
through the workflow. Every word here is invented."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from childrights.accounts.models import User
from childrights.assessments.models import Assessment, AssessmentVersion, Template, Transition
from childrights.councils.demo import demo_council
from childrights.framework.models import Article, Principle, Theme

PUBLISHED: dict[str, Any] = {
    "proposal": (
        "Replace three small youth clubs in the north of the borough with one youth hub in "
        "Northbrook town centre, open six evenings a week."
    ),
    "decision_owner": "Director of Children's Services (demo)",
    "drafting_began": "2026-03-02",
    "desired_outcome": "More young people using youth services, within the same budget.",
    "children_direct": "About 400 young people aged 11 to 19 who use the three clubs.",
    "children_indirect": "Their families, and younger brothers and sisters who come along.",
    "groups": {"selected": ["disabled", "poverty", "young-carers"], "other": ""},
    "full_needed": {
        "answer": "yes",
        "reasons": "It changes a service hundreds of young people use every week.",
    },
    "evidence": [
        {
            "kind": "quantitative",
            "description": "Attendance at each club, 2024 to 2026 (demo figures)",
            "link": "",
            "consultation_id": None,
        },
        {
            "kind": "qualitative",
            "description": "Youth workers' notes from sessions about the change",
            "link": "",
            "consultation_id": None,
        },
    ],
    "views_how": "Sessions at each club and an online survey for 11 to 19 year olds.",
    "views_what": "Young people liked a bigger hub but worried about getting there and back.",
    "views_changed": "A free evening minibus from each old club was added, and Friday opening.",
    "articles": {
        "31": {
            "impact": "positive",
            "directness": "direct",
            "term": "medium",
            "explanation": "More activities and longer opening for leisure and play.",
            "mitigation": "",
        },
        "2": {
            "impact": "negative",
            "directness": "indirect",
            "term": "short",
            "explanation": "Disabled young people and young carers may find the hub hard to reach.",
            "mitigation": "A free accessible minibus, and a carers' evening with transport.",
        },
        "12": {
            "impact": "positive",
            "directness": "direct",
            "term": "long",
            "explanation": "A young people's board will help run the hub.",
            "mitigation": "",
        },
    },
    "principles": {
        "participation": {
            "impact": "positive",
            "directness": "direct",
            "term": "long",
            "explanation": "Young people shaped the hours and the programme.",
            "mitigation": "",
        },
        "non-discrimination": {
            "impact": "negative",
            "directness": "indirect",
            "term": "short",
            "explanation": "Travel is harder for some groups.",
            "mitigation": "The minibus and a travel budget for young carers.",
        },
    },
    "options": "Keep all three clubs with fewer hours; close one club; one hub with transport.",
    "conclusion": "One hub with free transport gives most young people more, at the same cost.",
    "best_interests": (
        "Young people's own views decided the transport, the hours and the board, and the "
        "option that served them best was chosen over the cheapest."
    ),
    "sharing_with_children": "A short film and posters at each club, made with young people.",
    "monitoring": "Attendance by age, group and area every quarter, reported to the board.",
    "review_date": "2027-09-01",
}
DRAFT: dict[str, Any] = {
    "proposal": "Move the school holiday food and fun programme to two central venues.",
    "decision_owner": "Head of Early Help (demo)",
    "drafting_began": "2026-10-12",
}


def _person(email: str) -> User | None:
    return User.objects.filter(email=email).first()


@transaction.atomic
def assessments_demo_load() -> str:
    council = demo_council()
    if Assessment.objects.filter(council=council).exists():
        return "demonstration assessments already loaded"
    template = Template.objects.filter(slug="default", is_current=True).first()
    author = _person("staff@northbrook.example")
    officer = _person("officer@northbrook.example")
    if template is None or author is None or officer is None:
        return "demonstration assessments need the reference data and demo accounts first"
    published = Assessment.objects.create(
        council=council,
        reference="CRIA-2026-001",
        title="Youth clubs: one new youth hub in the town centre",
        kind=Assessment.Kind.SERVICE_CHANGE,
        template=template,
        state=Assessment.State.PUBLISHED,
        review_due_on=datetime.date(2027, 9, 1),
        created_by=author,
    )
    published.themes.set(
        Theme.objects.filter(slug__in=["commissioning", "planning-strategy-and-governance"])
    )
    signed = timezone.now() - datetime.timedelta(days=40)
    version = AssessmentVersion.objects.create(
        assessment=published,
        number=1,
        answers=PUBLISHED,
        summary_for_children_en=(
            "We are swapping three small youth clubs for one bigger youth hub in the town "
            "centre. You told us getting there was a worry, so there will be a free minibus "
            "from each old club, and the hub will be open on Fridays too."
        ),
        summary_for_children_cy=(
            "Rydyn ni'n newid tri chlwb ieuenctid bach am un hyb ieuenctid mwy yng nghanol y "
            "dref. Dywedoch chi wrthym fod mynd yno'n bryder, felly bydd bws mini am ddim o bob "
            "hen glwb, a bydd yr hyb ar agor ar ddydd Gwener hefyd."
        ),
        created_by=author,
        submitted_at=signed - datetime.timedelta(days=3),
        signed_off_by=officer,
        signed_off_at=signed,
        published_at=signed + datetime.timedelta(days=1),
    )
    version.articles.set(Article.objects.filter(number__in=[2, 12, 31]))
    version.principles.set(
        Principle.objects.filter(slug__in=["participation", "non-discrimination"])
    )
    for before, after, by in (
        (Assessment.State.DRAFT, Assessment.State.AWAITING_SIGN_OFF, author),
        (Assessment.State.AWAITING_SIGN_OFF, Assessment.State.SIGNED_OFF, officer),
        (Assessment.State.SIGNED_OFF, Assessment.State.PUBLISHED, officer),
    ):
        Transition.objects.create(
            assessment=published, version_number=1, from_state=before, to_state=after, by=by
        )
    draft = Assessment.objects.create(
        council=council,
        reference="CRIA-2026-002",
        title="Holiday food and fun: two central venues",
        kind=Assessment.Kind.SERVICE_CHANGE,
        template=template,
        created_by=author,
    )
    draft.themes.set(Theme.objects.filter(slug="child-poverty"))
    AssessmentVersion.objects.create(assessment=draft, number=1, answers=DRAFT, created_by=author)
    return "2 demonstration impact assessments, one published and one in draft"
