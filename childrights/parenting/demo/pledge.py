"""The made-up council's pledge to its children in care and care leavers: the consultation its
Children in Care Council co-wrote it in (closed, with made-up answers, made the way
participation's demonstration consultations are), and the promises with their principles,
statuses and dated updates, published. Every word and answer here is invented."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from childrights.accounts.models import User
from childrights.councils.demo import demo_council
from childrights.councils.models import Council
from childrights.parenting.models import Pledge, PromisePrinciple
from childrights.parenting.pledge import ABOUT, AGE_BANDS, PURPOSE, TITLE
from childrights.parenting.report.records import last_financial_year
from childrights.participation import tallies
from childrights.participation.models import (
    Choice,
    Commitment,
    CommitmentUpdate,
    Consultation,
    Question,
    Response,
)
from childrights.participation.submission import Draft, submit

INTRO = (
    "These are our promises to you if you are in care or have left care. We wrote them with "
    "Northbrook's Children in Care Council, the young people who meet every month to tell us "
    "what needs to change. We check them together every three months.",
    "Dyma ein haddewidion i ti os wyt ti mewn gofal neu wedi gadael gofal. Fe wnaethon ni eu "
    "hysgrifennu gyda Chyngor Plant mewn Gofal Northbrook, y bobl ifanc sy'n cwrdd bob mis i "
    "ddweud wrthym beth sydd angen newid. Rydyn ni'n eu gwirio gyda'n gilydd bob tri mis.",
)
WORDS = [
    "Don't change my social worker all the time.",
    "Help with driving lessons.",
    "Ask us before you move us.",
    "I want to keep my phone and my stuff when I move.",
    "Let us see our brothers and sisters.",
]

# (English, Welsh, principles, status, updates as (days after the period starts, English,
# Welsh, status)), the promises in order.
PROMISES: list[tuple[str, str, list[str], str, list[tuple[int, str, str, str]]]] = [
    (
        "We will ask what you think before every review, and tell you afterwards what we decided.",
        "Byddwn ni'n gofyn beth rwyt ti'n ei feddwl cyn pob adolygiad, ac yn dweud wrthot ti "
        "wedyn beth wnaethon ni ei benderfynu.",
        ["express-views", "take-views-into-account"],
        Commitment.Status.IN_PROGRESS,
        [
            (
                40,
                "Every child can now send their views online before a review.",
                "Gall pob plentyn nawr anfon ei farn ar-lein cyn adolygiad.",
                Commitment.Status.IN_PROGRESS,
            ),
            (
                200,
                "Workers now have ten working days to answer you back after a review.",
                "Mae gan weithwyr nawr ddeg diwrnod gwaith i ateb yn ôl ar ôl adolygiad.",
                Commitment.Status.IN_PROGRESS,
            ),
        ],
    ),
    (
        "We will keep the same social worker for you whenever we can.",
        "Byddwn ni'n cadw'r un gweithiwr cymdeithasol i ti pryd bynnag y gallwn ni.",
        ["safe-and-stable"],
        Commitment.Status.IN_PROGRESS,
        [
            (
                120,
                "We have hired six more social workers so each has fewer children to look after.",
                "Rydyn ni wedi cyflogi chwe gweithiwr cymdeithasol arall fel bod gan bob un "
                "lai o blant i ofalu amdanyn nhw.",
                Commitment.Status.IN_PROGRESS,
            )
        ],
    ),
    (
        "When you move home, your things will move with you in proper bags, never bin bags.",
        "Pan fyddi di'n symud cartref, bydd dy bethau'n symud gyda ti mewn bagiau iawn, byth "
        "mewn bagiau sbwriel.",
        ["best-interests"],
        Commitment.Status.DONE,
        [
            (
                60,
                "Every team now has suitcases and holdalls ready for every move.",
                "Mae gan bob tîm nawr gesys a bagiau'n barod ar gyfer pob symud.",
                Commitment.Status.DONE,
            )
        ],
    ),
    (
        "We will pay for driving lessons for care leavers up to 25.",
        "Byddwn ni'n talu am wersi gyrru i bobl sy'n gadael gofal hyd at 25 oed.",
        ["prepare-for-adulthood", "high-aspirations"],
        Commitment.Status.PLANNED,
        [],
    ),
    (
        "We will give every care leaver free Wi-Fi at home.",
        "Byddwn ni'n rhoi Wi-Fi am ddim gartref i bob person sy'n gadael gofal.",
        ["access-to-services"],
        Commitment.Status.NOT_DOING,
        [],
    ),
]
NOT_DOING_REASON = (
    "We cannot pay for Wi-Fi for everyone. Instead, your personal adviser can get you a phone "
    "with data when you leave care.",
    "Allwn ni ddim talu am Wi-Fi i bawb. Yn lle hynny, gall dy gynghorydd personol gael ffôn "
    "gyda data i ti pan fyddi di'n gadael gofal.",
)


def _lead(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _consultation(council: Council, *, closed_on: datetime.date) -> Consultation:
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        council=council,
        title_en=TITLE[0],
        title_cy=TITLE[1],
        purpose_en=PURPOSE[0],
        purpose_cy=PURPOSE[1],
        about_en=ABOUT[0],
        about_cy=ABOUT[1],
        age_bands=list(AGE_BANDS),
        languages=Consultation.Languages.BOTH,
        opens_on=today,
        closes_on=today,
        safeguarding_lead=_lead("safeguarding@northbrook.example"),
        safeguarding_deputy=_lead("deputy.safeguarding@northbrook.example"),
        about_you=[],
        status=Consultation.Status.OPEN,
    )
    knows = Question.objects.create(
        consultation=consultation,
        position=1,
        kind=Question.Kind.YES_NO,
        text_en="Do you know what the council has promised children in care?",
        text_cy="Wyt ti'n gwybod beth mae'r cyngor wedi'i addo i blant mewn gofal?",
    )
    for position, (english, welsh) in enumerate(
        [("Yes", "Ie"), ("No", "Na"), ("Not sure", "Ddim yn siŵr")], start=1
    ):
        Choice.objects.create(question=knows, position=position, label_en=english, label_cy=welsh)
    promise = Question.objects.create(
        consultation=consultation,
        position=2,
        kind=Question.Kind.TEXT,
        text_en="What should the council promise you?",
        text_cy="Beth ddylai'r cyngor ei addo i ti?",
    )
    chance = random.Random(18)  # noqa: S311 - made-up answers, not secrets
    choices = list(knows.choices.values_list("pk", flat=True))
    for number in range(24):
        answers: dict[str, dict[str, object]] = {
            str(knows.pk): {"choices": [choices[1 if number % 3 else 0]]}
        }
        if chance.random() < 0.5:
            answers[str(promise.pk)] = {"text": chance.choice(WORDS)}
        submit(
            consultation=consultation,
            draft=Draft(age_band=chance.choice(AGE_BANDS), answers=answers),
            via_code=None,
        )
    tallies.fold(consultation)
    opened_on = closed_on - datetime.timedelta(days=28)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=opened_on,
        closes_on=closed_on,
        status=Consultation.Status.CLOSED,
        opened_at=timezone.make_aware(datetime.datetime.combine(opened_on, datetime.time(9))),
        closed_at=timezone.make_aware(datetime.datetime.combine(closed_on, datetime.time(17))),
    )
    Response.objects.filter(consultation=consultation).update(
        created_at=timezone.make_aware(datetime.datetime.combine(closed_on, datetime.time(12)))
    )
    consultation.refresh_from_db()
    return consultation


@transaction.atomic
def pledge_demo_load() -> str:
    council = demo_council()
    if Pledge.objects.filter(council=council).exists():
        return "demonstration pledge already loaded"
    # Written before the last financial year began, so the board's report for that year shows
    # its progress through the year.
    period_start, _ = last_financial_year(timezone.localdate())
    closed_on = period_start - datetime.timedelta(days=30)
    consultation = _consultation(council, closed_on=closed_on)
    published = timezone.make_aware(
        datetime.datetime.combine(period_start - datetime.timedelta(days=7), datetime.time(10))
    )
    Pledge.objects.create(
        council=council,
        consultation=consultation,
        intro_en=INTRO[0],
        intro_cy=INTRO[1],
        published_at=published,
    )
    for english, welsh, principles, status, updates in PROMISES:
        not_doing = status == Commitment.Status.NOT_DOING
        commitment = Commitment.objects.create(
            consultation=consultation,
            text_en=english,
            text_cy=welsh,
            status=status,
            reason_en=NOT_DOING_REASON[0] if not_doing else "",
            reason_cy=NOT_DOING_REASON[1] if not_doing else "",
            published_at=published,
        )
        for slug in principles:
            PromisePrinciple.objects.create(commitment=commitment, principle=slug)
        for days, update_en, update_cy, update_status in updates:
            CommitmentUpdate.objects.create(
                commitment=commitment,
                made_on=period_start + datetime.timedelta(days=days),
                text_en=update_en,
                text_cy=update_cy,
                status=update_status,
            )
    return f"a demonstration pledge with {len(PROMISES)} promises, co-written in a consultation"
