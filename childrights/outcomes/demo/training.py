"""Training records for the demonstration council: two courses, their sessions from 2024 to
2026, made-up people and the numbers in each role, so that coverage rises over time, dips when
training runs out, and some people need refreshing. Every name is obviously invented."""

from datetime import date

from django.db import transaction

from childrights.councils.demo import demo_council
from childrights.outcomes.models import (
    Attendance,
    Course,
    RoleCount,
    Trainee,
    TrainingRole,
    TrainingSession,
)
from childrights.outcomes.training.courses import certificate_code_new, expires_on_for
from childrights.outcomes.training.coverage import coverage_measurements_refresh

MEMBER = TrainingRole.ELECTED_MEMBER
SOCIAL = TrainingRole.SOCIAL_WORKER
FIRST_NAMES = [
    "Ada", "Ben", "Cara", "Dev", "Eli", "Fay", "Gil", "Hal", "Ida", "Jo", "Kit", "Lee", "Max",
    "Nat", "Oli", "Pat", "Quin", "Ray", "Sol", "Tam", "Uma", "Val", "Wyn", "Xan", "Yas", "Zed",
]  # fmt: skip
SURNAMES = ["Example", "Sample", "Madeup", "Pretend", "Fictional", "Placeholder"]

COURSES = [
    {
        "key": MEMBER,
        "title_en": "Children’s rights for elected members (demonstration)",
        "title_cy": "Hawliau plant i aelodau etholedig (arddangosiad)",
        "description_en": "The UNCRC, the council’s duties and how to ask whether a decision "
        "put children’s rights first. A made-up course for demonstration.",
        "description_cy": "CCUHP, dyletswyddau’r cyngor a sut i ofyn a roddodd penderfyniad "
        "hawliau plant yn gyntaf. Cwrs dychmygol ar gyfer arddangosiad.",
        "counts_for": MEMBER,
        "valid_for_months": 24,
    },
    {
        "key": SOCIAL,
        "title_en": "Children’s rights in social work practice (demonstration)",
        "title_cy": "Hawliau plant mewn ymarfer gwaith cymdeithasol (arddangosiad)",
        "description_en": "Listening to children in assessments and plans, and recording their "
        "views. A made-up course for demonstration.",
        "description_cy": "Gwrando ar blant mewn asesiadau a chynlluniau, a chofnodi eu barn. "
        "Cwrs dychmygol ar gyfer arddangosiad.",
        "counts_for": SOCIAL,
        "valid_for_months": 36,
    },
]

# (role, date, people completing it by their number in the role, people booked but absent).
# Members 0 to 7 first trained in February 2024 and most refreshed in February 2026; 3 and 5
# did not, so their training has run out.
SESSIONS = [
    (MEMBER, date(2024, 2, 15), range(0, 8), [8]),
    (MEMBER, date(2024, 6, 20), range(8, 14), []),
    (MEMBER, date(2024, 10, 17), range(14, 21), [21]),
    (MEMBER, date(2025, 3, 13), range(21, 27), []),
    (MEMBER, date(2025, 9, 18), range(27, 32), []),
    (MEMBER, date(2026, 2, 12), [0, 1, 2, 4, 6, 7, 32, 33], []),
    (MEMBER, date(2026, 6, 18), [8, 9, 10, 11, 34], []),
    (SOCIAL, date(2024, 3, 7), range(0, 9), []),
    (SOCIAL, date(2024, 6, 6), range(9, 19), [19]),
    (SOCIAL, date(2024, 9, 12), range(19, 28), []),
    (SOCIAL, date(2024, 12, 5), range(28, 36), []),
    (SOCIAL, date(2025, 3, 6), range(36, 46), []),
    (SOCIAL, date(2025, 6, 12), range(46, 55), []),
    (SOCIAL, date(2025, 9, 11), range(55, 63), []),
    (SOCIAL, date(2025, 12, 4), range(63, 70), []),
    (SOCIAL, date(2026, 3, 5), range(70, 78), []),
    (SOCIAL, date(2026, 6, 11), range(78, 86), []),
    (SOCIAL, date(2026, 9, 10), range(86, 93), []),
]
# A session still to come, with people booked on it.
UPCOMING = [(MEMBER, date(2026, 12, 10), [3, 5, 14, 15, 35, 36])]
PEOPLE = {MEMBER: 40, SOCIAL: 100}
# Members who stood down at the May 2025 election, and a social worker who left.
LEFT = {MEMBER: {12: date(2025, 5, 8), 13: date(2025, 5, 8)}, SOCIAL: {5: date(2025, 8, 31)}}
ROLE_COUNTS = [
    (MEMBER, 48, date(2022, 5, 5)),
    (MEMBER, 48, date(2025, 5, 8)),
    (SOCIAL, 110, date(2024, 1, 1)),
    (SOCIAL, 120, date(2025, 4, 1)),
]


def _name(role: str, number: int) -> str:
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    surname = SURNAMES[(number // len(FIRST_NAMES) + (0 if role == MEMBER else 3)) % 6]
    if role == MEMBER:
        return f"Councillor {first} {surname}"
    return f"{first} {surname} {number + 1}"


@transaction.atomic
def training_demo_load() -> str:
    council = demo_council()
    if Course.objects.filter(council=council).exists():
        return "demonstration training already loaded"
    courses = {
        entry["key"]: Course.objects.create(
            council=council, **{name: value for name, value in entry.items() if name != "key"}
        )
        for entry in COURSES
    }
    people = {
        role: [
            Trainee.objects.create(
                council=council,
                name=_name(role, number),
                role=role,
                left_on=LEFT[role].get(number),
            )
            for number in range(count)
        ]
        for role, count in PEOPLE.items()
    }
    completions = 0
    for role, held_on, completed, absent in SESSIONS:
        course = courses[role]
        session = TrainingSession.objects.create(
            course=course,
            held_on=held_on,
            location="Northbrook Town Hall (demonstration)",
            trainer="Demonstration trainer",
        )
        for number in completed:
            Attendance.objects.create(
                session=session,
                trainee=people[role][number],
                status=Attendance.Status.COMPLETED,
                completed_on=held_on,
                expires_on=expires_on_for(course, held_on),
                certificate_code=certificate_code_new(),
            )
            completions += 1
        for number in absent:
            Attendance.objects.create(
                session=session, trainee=people[role][number], status=Attendance.Status.ABSENT
            )
    for role, held_on, booked in UPCOMING:
        session = TrainingSession.objects.create(
            course=courses[role], held_on=held_on, location="Online (demonstration)"
        )
        for number in booked:
            Attendance.objects.create(session=session, trainee=people[role][number])
    for role, count, as_of in ROLE_COUNTS:
        RoleCount.objects.create(council=council, role=role, count=count, as_of=as_of)
    for role in PEOPLE:
        coverage_measurements_refresh(council=council, role=role)
    return f"demonstration training: {len(courses)} courses, {completions} completions"
