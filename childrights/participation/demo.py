"""Demonstration consultations for the made-up council: one open now, one closed with the
council's published answer, so a newcomer can walk both journeys at once.

Every answer here is invented. Responses go in through the same ``submit`` a child's answers do
(checked, screened, counted), with a fixed seed so each run makes the same demonstration.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from childrights.accounts.models import User
from childrights.councils.demo import demo_council
from childrights.councils.models import Council
from childrights.participation import tallies
from childrights.participation.about_you import BY_KEY
from childrights.participation.models import (
    AccessCode,
    ChildPopulation,
    Choice,
    Commitment,
    CommitmentUpdate,
    Consultation,
    FeedbackTheme,
    Question,
    Quote,
    Response,
    Wording,
)
from childrights.participation.submission import Draft, submit

FACES = [
    ("😞", "Very unhappy", "Anhapus iawn"),
    ("🙁", "Unhappy", "Anhapus"),
    ("😐", "Neither happy nor unhappy", "Ddim yn hapus nac yn anhapus"),
    ("🙂", "Happy", "Hapus"),
    ("😀", "Very happy", "Hapus iawn"),
]
YES_NO = [("Yes", "Ie"), ("No", "Na"), ("Not sure", "Ddim yn siŵr")]

POPULATION = {"4-7": 9800, "8-11": 10100, "12-15": 9600, "16-17": 4700, "18-25": 310}


@dataclass
class Ask:
    kind: str
    text: tuple[str, str]
    choices: list[tuple[str, str]] = field(default_factory=list)
    wordings: dict[str, tuple[str, str]] = field(default_factory=dict)


PARKS = [
    Ask(
        "faces",
        (
            "How do you feel about the parks and play spaces near you?",
            "Sut rwyt ti'n teimlo am y parciau a'r mannau chwarae yn agos atat ti?",
        ),
        wordings={
            "4-7": ("How do you feel about the park?", "Sut rwyt ti'n teimlo am y parc?"),
            "easy-read": ("Do you like your park?", "Wyt ti'n hoffi dy barc?"),
        },
    ),
    Ask(
        "single",
        ("How often do you go to a park or play space?", "Pa mor aml rwyt ti'n mynd i barc?"),
        [
            ("Every day", "Bob dydd"),
            ("Most weeks", "Y rhan fwyaf o wythnosau"),
            ("Sometimes", "Weithiau"),
            ("Hardly ever", "Bron byth"),
        ],
    ),
    Ask(
        "yes_no",
        ("Do you feel safe in your local park?", "Wyt ti'n teimlo'n ddiogel yn dy barc lleol?"),
    ),
    Ask(
        "multiple",
        ("What would make parks better for you?", "Beth fyddai'n gwneud parciau'n well i ti?"),
        [
            ("Things to play on", "Pethau i chwarae arnyn nhw"),
            ("Toilets", "Toiledau"),
            ("Better lighting", "Goleuadau gwell"),
            ("Places to sit with friends", "Lleoedd i eistedd gyda ffrindiau"),
            ("Things disabled children can use", "Pethau y gall plant anabl eu defnyddio"),
        ],
    ),
    Ask(
        "ranking",
        (
            "Put these in order, most important first",
            "Rho'r rhain mewn trefn, y pwysicaf yn gyntaf",
        ),
        [
            ("Feeling safe", "Teimlo'n ddiogel"),
            ("Having fun", "Cael hwyl"),
            ("Being near home", "Bod yn agos at adref"),
        ],
    ),
    Ask(
        "text",
        (
            "Is there anything else you want to tell us about parks?",
            "Oes unrhyw beth arall rwyt ti eisiau ei ddweud wrthym am barciau?",
        ),
    ),
]

CARE = [
    Ask(
        "faces",
        (
            "How ready did you feel to live on your own?",
            "Pa mor barod oeddet ti'n teimlo i fyw ar dy ben dy hun?",
        ),
    ),
    Ask(
        "multiple",
        ("What helped you most?", "Beth wnaeth dy helpu fwyaf?"),
        [
            ("My personal adviser", "Fy nghynghorydd personol"),
            ("Help with money", "Help gydag arian"),
            ("Somewhere to live", "Rhywle i fyw"),
            ("Friends and family", "Ffrindiau a theulu"),
        ],
    ),
    Ask(
        "yes_no",
        (
            "Did you know what the council offers care leavers?",
            "Oeddet ti'n gwybod beth mae'r cyngor yn ei gynnig i bobl sy'n gadael gofal?",
        ),
    ),
    Ask(
        "text",
        ("What should we change?", "Beth ddylen ni ei newid?"),
    ),
]

PARK_WORDS = [
    "The swings at Riverside are broken and nobody has fixed them.",
    "We need a toilet, we have to go home.",
    "It's too dark in winter after school.",
    "I love the new skate park.",
    "There is nowhere for older kids to sit.",
    "My brother uses a wheelchair and can't use anything.",
]
# What children wrote about parks, made up, in a few themes (play equipment, toilets and water,
# light after dark, play for disabled children, somewhere for older children, litter), in
# English and Welsh as children write them, so that finding themes has something to find.
PARK_WRITTEN = {
    "en": [
        "The swings at Riverside are broken and nobody has fixed them.",
        "Please fix the broken slide, it has been taped off for months.",
        "We need more swings, there are only two and there is always a queue.",
        "The climbing frame is rusty and the rope is snapped.",
        "Can we have a zip wire and a bigger climbing frame?",
        "The roundabout is broken and the see-saw is missing.",
        "We need a toilet, we have to go home.",
        "There are no toilets so we have to leave when we need a wee.",
        "Please put toilets and a water fountain in the park.",
        "The toilets are always locked.",
        "A drinking fountain would be good in summer.",
        "It's too dark in winter after school.",
        "We need lights on the path because it gets dark at 4.",
        "The park feels scary at night with no lights.",
        "Put lights by the gate so we can walk home when it's dark.",
        "My brother uses a wheelchair and can't use anything.",
        "There are no swings my sister can use in her wheelchair.",
        "The path is gravel and my chair gets stuck.",
        "Please get play things that disabled kids can use too.",
        "There is nowhere for older kids to sit.",
        "Teenagers need a shelter to hang out with friends.",
        "We need a basketball court and goals for older kids.",
        "I love the new skate park, can we have a bigger one?",
        "Older kids get told off for just sitting on the swings.",
        "There is litter everywhere and the bins are always full.",
        "Dog poo all over the grass so we can't play football.",
        "Please empty the bins more and clean up the rubbish.",
        "People leave broken glass and cans by the benches.",
        "More bins please, the park is covered in rubbish.",
        "the swings r broke AGAIN",
        "need more lights its well dark",
        "bins r always overflowing its gross",
    ],
    "cy": [
        "Mae'r siglenni wedi torri ers misoedd.",
        "Plîs trwsiwch y sleid, mae wedi torri.",
        "Dylai fod mwy o bethau i chwarae arnyn nhw.",
        "Does dim toiledau yn y parc, rhaid i ni fynd adref.",
        "Hoffwn i gael toiled a ffynnon ddŵr yn y parc.",
        "Mae'n rhy dywyll yn y gaeaf ar ôl ysgol.",
        "Mae angen goleuadau ar y llwybr.",
        "Dydy fy mrawd ddim yn gallu defnyddio dim byd yn ei gadair olwyn.",
        "Does unman i blant hŷn eistedd gyda ffrindiau.",
        "Mae sbwriel ym mhobman a baw ci ar y glaswellt.",
        "Mwy o finiau, plîs, mae'r parc yn llawn sbwriel.",
        "Hoffwn i gael parc sglefrio mwy.",
    ],
}
CARE_WORDS = [
    "I didn't know who to call when my boiler broke.",
    "My PA was great, she always called back.",
    "Tell us earlier what money we can get.",
    "A list of everything in one place would help.",
]
DISCLOSURE = "Sometimes I don't feel safe at home and I want to run away."


def _questions(consultation: Consultation, asks: list[Ask]) -> list[Question]:
    made = []
    for position, ask in enumerate(asks, start=1):
        question = Question.objects.create(
            consultation=consultation,
            position=position,
            kind=ask.kind,
            text_en=ask.text[0],
            text_cy=ask.text[1],
        )
        if ask.kind == Question.Kind.FACES:
            rows = [(english, welsh, face) for face, english, welsh in FACES]
        elif ask.kind == Question.Kind.YES_NO:
            rows = [(english, welsh, "") for english, welsh in YES_NO]
        else:
            rows = [(english, welsh, "") for english, welsh in ask.choices]
        Choice.objects.bulk_create(
            Choice(question=question, position=n, label_en=en, label_cy=cy, face=face)
            for n, (en, cy, face) in enumerate(rows, start=1)
        )
        for audience, (english, welsh) in ask.wordings.items():
            Wording.objects.create(
                question=question, audience=audience, text_en=english, text_cy=welsh
            )
        made.append(question)
    return made


def _answers(
    chance: random.Random, questions: list[Question], words: list[str], lean: int
) -> dict[str, dict[str, object]]:
    """A made-up child's answers, leaning towards choice ``lean`` so results show a pattern."""
    answers: dict[str, dict[str, object]] = {}
    for question in questions:
        choices = [choice.pk for choice in question.choices.all()]
        if question.kind == Question.Kind.TEXT:
            if chance.random() < 0.3:
                answers[str(question.pk)] = {"text": chance.choice(words)}
        elif question.kind == Question.Kind.MULTIPLE:
            answers[str(question.pk)] = {
                "choices": [pk for pk in choices if chance.random() < 0.45] or [choices[0]]
            }
        elif question.kind == Question.Kind.RANKING:
            order = choices[:]
            chance.shuffle(order)
            answers[str(question.pk)] = {"choices": order}
        else:
            index = min(len(choices) - 1, max(0, lean + chance.choice([-1, 0, 0, 1])))
            answers[str(question.pk)] = {"choices": [choices[index]]}
    return answers


def _respond(
    consultation: Consultation,
    questions: list[Question],
    *,
    count: int,
    words: list[str],
    seed: int,
    code: AccessCode | None = None,
    written: dict[str, list[str]] | None = None,
) -> None:
    """``written``: what four children in five write, in their language, taken in turn (the
    choices are drawn as before, so the rest of the demonstration stays the same)."""
    chance = random.Random(seed)  # noqa: S311 - made-up answers, not secrets
    turns = dict.fromkeys(written or {}, 0)
    for number in range(count):
        profile = {
            key: chance.choice([value for value, _ in BY_KEY[key].options])
            for key in consultation.about_you
            if chance.random() < 0.85
        }
        age_band = chance.choice(consultation.age_bands)
        language = "cy" if chance.random() < 0.15 else "en"
        answers = _answers(chance, questions, words, lean=2 + number % 2)
        if written and number % 5 != 4:
            texts = written[language]
            answers[str(questions[-1].pk)] = {"text": texts[turns[language] % len(texts)]}
            turns[language] += 1
        draft = Draft(
            age_band=age_band,
            language=language,
            answers=answers,
            profile=profile,
            access_code_id=code.pk if code and number % 3 == 0 else None,
        )
        submit(
            consultation=consultation,
            draft=draft,
            via_code=code if code and number % 3 == 0 else None,
        )


def _lead(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _open_consultation(council: Council) -> Consultation:
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        council=council,
        title_en="Our parks and play spaces",
        title_cy="Ein parciau a'n mannau chwarae",
        purpose_en=(
            "We are planning how to spend money on parks next year. Tell us what you like, "
            "what you don't, and what would make them better for you."
        ),
        purpose_cy=(
            "Rydyn ni'n cynllunio sut i wario arian ar barciau y flwyddyn nesaf. Dywed wrthym "
            "beth rwyt ti'n ei hoffi, beth dwyt ti ddim yn ei hoffi, a beth fyddai'n eu gwneud "
            "yn well i ti."
        ),
        about_en="Parks and open spaces budget for next year",
        about_cy="Cyllideb parciau a mannau agored ar gyfer y flwyddyn nesaf",
        age_bands=["4-7", "8-11", "12-15", "16-17"],
        languages=Consultation.Languages.BOTH,
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=30),
        safeguarding_lead=_lead("safeguarding@northbrook.example"),
        safeguarding_deputy=_lead("deputy.safeguarding@northbrook.example"),
        about_you=["gender", "disability", "care", "area"],
        status=Consultation.Status.OPEN,
        opened_at=timezone.now() - datetime.timedelta(days=14),
    )
    questions = _questions(consultation, PARKS)
    code = AccessCode.objects.create(
        consultation=consultation, group_name="Year 5, Northbrook Primary (demo)"
    )
    _respond(
        consultation,
        questions,
        count=80,
        words=PARK_WORDS,
        seed=7,
        code=code,
        written=PARK_WRITTEN,
    )
    # One made-up possible disclosure, so the safeguarding queue can be walked.
    submit(
        consultation=consultation,
        draft=Draft(
            age_band="12-15",
            answers={str(questions[-1].pk): {"text": DISCLOSURE}},
        ),
        via_code=None,
    )
    return consultation


def _closed_consultation(council: Council) -> Consultation:
    today = timezone.localdate()
    closed_on = today - datetime.timedelta(days=120)
    consultation = Consultation.objects.create(
        council=council,
        title_en="Leaving care: what helps you move on",
        title_cy="Gadael gofal: beth sy'n dy helpu i symud ymlaen",
        purpose_en=(
            "We want to know what helped you, and what did not, when you left care, so we can "
            "improve our local offer for care leavers."
        ),
        purpose_cy=(
            "Rydyn ni eisiau gwybod beth wnaeth dy helpu di, a beth na wnaeth, pan adewaist ti "
            "ofal, er mwyn i ni wella ein cynnig lleol i bobl sy'n gadael gofal."
        ),
        about_en="Local offer for care leavers",
        about_cy="Cynnig lleol i bobl sy'n gadael gofal",
        age_bands=["16-17", "18-25"],
        languages=Consultation.Languages.BOTH,
        opens_on=today,
        closes_on=today,
        safeguarding_lead=_lead("safeguarding@northbrook.example"),
        safeguarding_deputy=_lead("deputy.safeguarding@northbrook.example"),
        about_you=["gender", "disability"],
        status=Consultation.Status.OPEN,
    )
    questions = _questions(consultation, CARE)
    _respond(consultation, questions, count=46, words=CARE_WORDS, seed=11)
    tallies.fold(consultation)  # the answers written out as rows, ready to quote
    # Move it into the past, where it belongs, and close it.
    opened_on = closed_on - datetime.timedelta(days=42)
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
    _feedback(consultation, closed_on)
    return consultation


def _feedback(consultation: Consultation, closed_on: datetime.date) -> None:
    published = timezone.make_aware(
        datetime.datetime.combine(closed_on + datetime.timedelta(days=30), datetime.time(10))
    )
    information = FeedbackTheme.objects.create(
        consultation=consultation,
        position=1,
        title_en="Knowing what help there is",
        title_cy="Gwybod pa help sydd ar gael",
        summary_en="Many of you did not know what the council offers care leavers until late.",
        summary_cy=(
            "Doedd llawer ohonoch chi ddim yn gwybod beth mae'r cyngor yn ei gynnig i bobl sy'n "
            "gadael gofal tan yn hwyr."
        ),
        published_at=published,
    )
    money = FeedbackTheme.objects.create(
        consultation=consultation,
        position=2,
        title_en="Money and somewhere to live",
        title_cy="Arian a rhywle i fyw",
        summary_en="You told us help with money and a home mattered most.",
        summary_cy="Dywedoch chi wrthym mai help gydag arian a chartref oedd bwysicaf.",
        published_at=published,
    )
    guide = Commitment.objects.create(
        consultation=consultation,
        theme=information,
        text_en="Put everything we offer care leavers in one guide, online and on paper.",
        text_cy="Rhoi popeth rydyn ni'n ei gynnig i bobl sy'n gadael gofal mewn un canllaw.",
        status=Commitment.Status.DONE,
        published_at=published,
    )
    grant = Commitment.objects.create(
        consultation=consultation,
        theme=money,
        text_en="Tell every care leaver about the setting-up-home grant at 16.",
        text_cy="Dweud wrth bob person sy'n gadael gofal am y grant sefydlu cartref yn 16 oed.",
        status=Commitment.Status.IN_PROGRESS,
        published_at=published,
    )
    Commitment.objects.create(
        consultation=consultation,
        theme=money,
        text_en="Free bus travel for all care leavers up to 25.",
        text_cy="Teithio am ddim ar fysiau i bawb sy'n gadael gofal hyd at 25 oed.",
        status=Commitment.Status.NOT_DOING,
        reason_en="Bus fares are set by the regional transport authority, not by us. We have "
        "asked them and will tell you their answer.",
        reason_cy="Yr awdurdod trafnidiaeth rhanbarthol sy'n pennu prisiau bysiau, nid ni. "
        "Rydyn ni wedi gofyn iddyn nhw a byddwn ni'n dweud wrthych beth yw eu hateb.",
        published_at=published,
    )
    CommitmentUpdate.objects.create(
        commitment=guide,
        made_on=closed_on + datetime.timedelta(days=75),
        text_en="The guide is out: ask your personal adviser for a copy.",
        text_cy="Mae'r canllaw allan: gofynna i dy gynghorydd personol am gopi.",
        status=Commitment.Status.DONE,
    )
    CommitmentUpdate.objects.create(
        commitment=grant,
        made_on=closed_on + datetime.timedelta(days=60),
        text_en="Personal advisers now talk about the grant at every 16th birthday review.",
        text_cy="Mae cynghorwyr personol nawr yn sôn am y grant ym mhob adolygiad pen-blwydd 16.",
        status=Commitment.Status.IN_PROGRESS,
    )
    moderator = _lead("staff@northbrook.example")
    if moderator is None:
        return
    for answer_text in CARE_WORDS[:2]:
        answer = (
            Response.objects.filter(consultation=consultation, answers__text=answer_text)
            .values_list("answers__pk", flat=True)
            .first()
        )
        if answer is not None:
            Quote.objects.create(
                answer_id=answer,
                consultation=consultation,
                status=Quote.Status.APPROVED,
                redacted=answer_text,
                decided_by=moderator,
                decided_at=published,
            )


@transaction.atomic
def consultations_demo_load() -> str:
    council = demo_council()
    for band, count in POPULATION.items():
        ChildPopulation.objects.update_or_create(
            council=council,
            age_band=band,
            defaults={"count": count, "source": "Demonstration figures, not real"},
        )
    if Consultation.objects.filter(council=council).exists():
        return "demonstration consultations already loaded"
    _open_consultation(council)
    _closed_consultation(council)
    return "2 demonstration consultations, one open and one closed with its answer"
