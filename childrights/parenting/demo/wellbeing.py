"""The made-up council's well-being surveys: last year's and this year's, each made as staff make
it, opened with the demonstration safeguarding lead and deputy, answered by made-up children of
every age band and closed, so the indicators page shows a year against the one before.

Every answer is invented. They go in through the same ``submit`` a child's answers do (checked,
screened, counted), in a fixed pattern so each run makes the same demonstration. There is only
one demonstration council, and real councils carry nothing invented, so the demonstration has no
benchmark: its page says there are not enough councils to compare.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.councils.demo import demo_council
from childrights.parenting.models import WellbeingSurvey
from childrights.parenting.survey import survey_create
from childrights.participation import tallies
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.demo import consultations_demo_load
from childrights.participation.models import AgeBand, Consultation, Response
from childrights.participation.submission import Draft, submit

# Of every 20 children who answer a question, how many give each answer: last year, this year.
# Enough children give the answers counted, and enough the others, for every share to be shown
# under the complement rule (``wellbeing.may_show_share``).
PATTERNS: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "trusted-adult": (
        {"yes": 14, "not-sure": 3, "no": 2, "rather-not-say": 1},
        {"yes": 15, "not-sure": 3, "no": 1, "rather-not-say": 1},
    ),
    "knows-worker": (
        {"yes": 13, "not-sure": 4, "no": 3},
        {"yes": 15, "not-sure": 3, "no": 2},
    ),
    "worker-listens": (
        {"yes": 11, "sometimes": 6, "no": 2, "rather-not-say": 1},
        {"yes": 12, "sometimes": 5, "no": 2, "rather-not-say": 1},
    ),
    "involved-in-decisions": (
        {"yes": 9, "sometimes": 7, "no": 4},
        {"yes": 11, "sometimes": 6, "no": 3},
    ),
    "understands-care": (
        {"yes": 12, "a-bit": 5, "no": 2, "rather-not-say": 1},
        {"yes": 12, "a-bit": 6, "no": 1, "rather-not-say": 1},
    ),
    "settled-home": (
        {"yes": 14, "sometimes": 4, "no": 2},
        {"yes": 13, "sometimes": 5, "no": 2},
    ),
    "safe-home": (
        {"yes": 15, "sometimes": 4, "no": 1},
        {"yes": 16, "sometimes": 4},
    ),
    "family-and-friends": (
        {"yes": 8, "sometimes": 7, "no": 5},
        {"yes": 9, "sometimes": 7, "no": 4},
    ),
    "learning-help": (
        {"yes": 12, "sometimes": 6, "no": 2},
        {"yes": 13, "sometimes": 5, "no": 2},
    ),
    "health-help": (
        {"yes": 13, "sometimes": 5, "no": 2},
        {"yes": 14, "sometimes": 4, "no": 1, "rather-not-say": 1},
    ),
    "ready-for-adult-life": (
        {"yes": 8, "sometimes": 8, "no": 4},
        {"yes": 10, "sometimes": 7, "no": 3},
    ),
    "life-getting-better": (
        {"yes": 10, "about-the-same": 7, "no": 3},
        {"yes": 12, "about-the-same": 6, "no": 2},
    ),
    "happy-with-life": (
        {"very-happy": 4, "happy": 8, "in-between": 5, "unhappy": 2, "very-unhappy": 1},
        {"very-happy": 5, "happy": 9, "in-between": 4, "unhappy": 2},
    ),
}
WRITTEN = (
    "I like my foster carers and I want to stay here.",
    "I would like to see my brother more.",
    "My new school is better than my old one.",
    "I want help learning to cook before I move out.",
    "Please do not keep changing my social worker.",
)
CHILDREN = (52, 60)  # last year, this year
SKIP_EVERY = 13  # a child skips the question at this place now and then, as children do
WRITE_EVERY = 11


def _cycle(pattern: dict[str, int]) -> list[str]:
    return [key for key, count in pattern.items() for _ in range(count)]


def _answers(survey: WellbeingSurvey, number: int, which: int) -> dict[str, dict[str, object]]:
    answers: dict[str, dict[str, object]] = {}
    for place, link in enumerate(survey.questions.select_related("question")):
        if (number + place) % SKIP_EVERY == 0:
            continue
        if link.slug not in PATTERNS:
            if number % WRITE_EVERY == 0:
                text = WRITTEN[(number // WRITE_EVERY + which) % len(WRITTEN)]
                answers[str(link.question_id)] = {"text": text}
            continue
        cycle = _cycle(PATTERNS[link.slug][which])
        # 7 has no factor in common with 20: each run of 20 children gives the pattern exactly.
        key = cycle[(number * 7 + place) % len(cycle)]
        keys = [answer_key for answer_key, _label in link.answers]
        choices = list(link.question.choices.order_by("position", "pk"))
        answers[str(link.question_id)] = {"choices": [choices[keys.index(key)].pk]}
    return answers


def _dates(year: int, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Last year's survey ran in January and February; this year's ran in the six weeks before
    today (not before 1 January)."""
    if year < today.year:
        return datetime.date(year, 1, 12), datetime.date(year, 2, 23)
    return max(datetime.date(year, 1, 1), today - datetime.timedelta(days=42)), today


def _run(year: int, which: int, today: datetime.date) -> None:
    council = demo_council()
    survey = survey_create(actor=Actor(), council=council, year=year)
    consultation = survey.consultation
    builder_consultations.consultation_update(
        actor=Actor(),
        consultation=consultation,
        values={
            "safeguarding_lead": User.objects.get(email="safeguarding@northbrook.example"),
            "safeguarding_deputy": User.objects.get(email="deputy.safeguarding@northbrook.example"),
        },
    )
    problems = builder_consultations.consultation_open(actor=Actor(), consultation=consultation)
    if problems:
        raise RuntimeError(f"The demonstration survey could not open: {problems}")
    consultation.refresh_from_db()
    bands = AgeBand.values
    for number in range(CHILDREN[which]):
        submit(
            consultation=consultation,
            draft=Draft(
                age_band=bands[number % len(bands)],
                answers=_answers(survey, number, which),
            ),
            via_code=None,
        )
    tallies.fold(consultation)
    opens, closes = _dates(year, today)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=opens,
        closes_on=closes,
        status=Consultation.Status.CLOSED,
        opened_at=timezone.make_aware(datetime.datetime.combine(opens, datetime.time(9))),
        closed_at=timezone.make_aware(datetime.datetime.combine(closes, datetime.time(17))),
    )
    Response.objects.filter(consultation=consultation).update(
        created_at=timezone.make_aware(datetime.datetime.combine(closes, datetime.time(12)))
    )


@transaction.atomic
def wellbeing_demo_load() -> str:
    council = demo_council()
    # The consultations demonstration loads only for a council with no consultation yet: make
    # sure it is there before these are added.
    consultations_demo_load()
    today = timezone.localdate()
    made = []
    for which, year in enumerate((today.year - 1, today.year)):
        if WellbeingSurvey.objects.filter(council=council, year=year).exists():
            continue
        _run(year, which, today)
        made.append(f"{year} ({CHILDREN[which]} made-up children)")
    if not made:
        return "demonstration well-being surveys already loaded"
    return "demonstration well-being surveys: " + ", ".join(made)
