"""The demonstration council's local offer for care leavers: a published offer with something in
every statutory area, linked to the demo directory's services, so a newcomer sees the page a
care leaver would see. The amounts are typical of English councils' offers, not any council's.

It is written through the local offer's own writes, as the system, so the demo is audited like
anything staff write. Only the made-up council is touched, and only once: a council that
already has an offer keeps it as it is.
"""

from dataclasses import dataclass

from django.db import transaction

from childrights.core.actors import Actor
from childrights.councils.demo import demo_council
from childrights.directory import local_offer
from childrights.directory.models import Entitlement, LocalOffer, Service

EMAIL_DOMAIN = "northbrook.example"
TEAM_PHONE = "01632 960100"
ASK_YOUR_PA = (
    "Ask your personal adviser, or phone the Leaving Care Team on 01632 960100.",
    "Gofynna i dy gynghorydd personol, neu ffonia'r Tîm Gadael Gofal ar 01632 960100.",
)

# The participation demo's consultation of care leavers (participation.demo).
CONSULTATION_TITLE = "Leaving care: what helps you move on"
OFFER = {
    "intro_en": (
        "If you have been in Northbrook's care, this is what we will do for you, and what you "
        "can ask for, until you are 25. You do not have to be living in Northbrook. If you are "
        "not sure whether something is for you, ask: the answer is usually yes."
    ),
    "intro_cy": (
        "Os wyt ti wedi bod yng ngofal Northbrook, dyma beth fyddwn ni'n ei wneud i ti, a beth "
        "gelli di ofyn amdano, nes dy fod ti'n 25 oed. Does dim rhaid i ti fyw yn Northbrook. "
        "Os nad wyt ti'n siŵr a yw rhywbeth i ti, gofynna: yr ateb fel arfer yw ydy."
    ),
    "team_name": "Northbrook Leaving Care Team",
    "team_phone": TEAM_PHONE,
    "team_email": f"leaving.care@{EMAIL_DOMAIN}",
    "adviser_en": (
        "Your personal adviser (PA) is there for you until you are 25, even if you move away or "
        "said no before. They help you write your pathway plan and keep it up to date, and "
        "they can help with money, housing, college, work and health. Your PA will see you at "
        "least every two months. Out of hours, phone the emergency duty team on 01632 960999."
    ),
    "adviser_cy": (
        "Mae dy gynghorydd personol (PA) yno i ti nes dy fod ti'n 25 oed, hyd yn oed os wyt ti'n "
        "symud i ffwrdd neu wedi dweud na o'r blaen. Mae'n dy helpu i ysgrifennu dy gynllun "
        "llwybr a'i gadw'n gyfredol, a gall helpu gydag arian, tai, coleg, gwaith ac iechyd. "
        "Bydd dy PA yn dy weld o leiaf bob deufis. Y tu allan i oriau, ffonia'r tîm dyletswydd "
        "brys ar 01632 960999."
    ),
    "complaints_en": (
        "Talk to your personal adviser or their manager first: most things are sorted out "
        "quickly. If not, you can make a complaint to the council by phone on 01632 960050, "
        "by email to complaints@northbrook.example or on a form at the Civic Centre. We will "
        "answer within 10 working days.\n"
        "An independent advocate can help you say what you want and make the complaint with "
        "you, for free: ask Northbrook Voice on 01632 960006.\n"
        "You can also contact Help at Hand, the Children's Commissioner for England's advice "
        "service for care leavers up to 25, and, if you are still unhappy at the end, the Local "
        "Government and Social Care Ombudsman."
    ),
    "complaints_cy": (
        "Siarada â dy gynghorydd personol neu ei reolwr yn gyntaf: mae'r rhan fwyaf o bethau'n "
        "cael eu datrys yn gyflym. Os na, gelli di gwyno i'r cyngor dros y ffôn ar 01632 "
        "960050, drwy e-bost i complaints@northbrook.example neu ar ffurflen yn y Ganolfan "
        "Ddinesig. Byddwn ni'n ateb o fewn 10 diwrnod gwaith.\n"
        "Gall eiriolwr annibynnol dy helpu i ddweud beth rwyt ti eisiau a gwneud y gŵyn gyda "
        "ti, am ddim: gofynna i Northbrook Voice ar 01632 960006.\n"
        "Gelli di hefyd gysylltu â Help at Hand, gwasanaeth cyngor Comisiynydd Plant Lloegr i "
        "bobl sy'n gadael gofal hyd at 25 oed, ac, os wyt ti'n dal yn anhapus ar y diwedd, ag "
        "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol."
    ),
}


@dataclass(frozen=True)
class DemoEntitlement:
    area: Entitlement.Area
    title: tuple[str, str]
    details: tuple[str, str]
    amount: tuple[str, str]
    until_age: int | None
    services: tuple[str, ...]  # names in data/demo_services.tsv
    how_to_ask: tuple[str, str] = ASK_YOUR_PA


A = Entitlement.Area
ENTITLEMENTS = [
    DemoEntitlement(
        A.HEALTH,
        ("A health nurse and your health history", "Nyrs iechyd a dy hanes iechyd"),
        (
            "A nurse for care leavers checks in with you, helps you register with a doctor and "
            "dentist, and gives you a summary of your health history to keep.",
            "Mae nyrs i bobl sy'n gadael gofal yn cadw llygad arnat ti, yn dy helpu i gofrestru "
            "gyda meddyg a deintydd, ac yn rhoi crynodeb o dy hanes iechyd i ti ei gadw.",
        ),
        ("Free", "Am ddim"),
        25,
        ("Care leavers' health nurse", "Dentist for children and young people"),
    ),
    DemoEntitlement(
        A.HEALTH,
        ("Free leisure pass", "Tocyn hamdden am ddim"),
        (
            "Free use of the council's gyms, swimming pools and sports nights.",
            "Defnydd am ddim o gampfeydd, pyllau nofio a nosweithiau chwaraeon y cyngor.",
        ),
        ("Free, worth about £300 a year", "Am ddim, gwerth tua £300 y flwyddyn"),
        25,
        ("Riverside sports nights",),
    ),
    DemoEntitlement(
        A.HEALTH,
        ("Someone to talk to about how you feel", "Rhywun i siarad ag ef am sut rwyt ti'n teimlo"),
        (
            "Counselling without a waiting list for care leavers, and a text line in the evening.",
            "Cwnsela heb restr aros i bobl sy'n gadael gofal, a llinell tecstio gyda'r nos.",
        ),
        ("Free", "Am ddim"),
        25,
        ("Talk It Out counselling", "Evening text line"),
    ),
    DemoEntitlement(
        A.RELATIONSHIPS,
        ("Staying in touch with people who matter", "Cadw mewn cysylltiad â phobl sy'n bwysig"),
        (
            "Help to see brothers, sisters and family, travel paid for, and a weekly drop-in "
            "to meet other care leavers.",
            "Help i weld brodyr, chwiorydd a theulu, gyda'r teithio wedi'i dalu, a sesiwn galw "
            "heibio bob wythnos i gwrdd â phobl eraill sy'n gadael gofal.",
        ),
        ("Travel costs paid", "Costau teithio wedi'u talu"),
        25,
        ("Care leavers' drop-in",),
    ),
    DemoEntitlement(
        A.EDUCATION,
        ("Higher education bursary", "Bwrsariaeth addysg uwch"),
        (
            "If you go to university, the council pays you a bursary, on top of your student "
            "finance, and helps with somewhere to live in the holidays.",
            "Os wyt ti'n mynd i'r brifysgol, mae'r cyngor yn talu bwrsariaeth i ti, yn ogystal "
            "â dy gyllid myfyrwyr, ac yn helpu gyda rhywle i fyw yn ystod y gwyliau.",
        ),
        ("£2,000 (the law's minimum)", "£2,000 (yr isafswm yn ôl y gyfraith)"),
        25,
        ("Bursary for care leavers at college and university",),
    ),
    DemoEntitlement(
        A.EDUCATION,
        ("College bursary and course costs", "Bwrsariaeth coleg a chostau cwrs"),
        (
            "A bursary while you study at college, and help with books, equipment and travel.",
            "Bwrsariaeth tra rwyt ti'n astudio yn y coleg, a help gyda llyfrau, offer a theithio.",
        ),
        ("Up to £1,200 a year", "Hyd at £1,200 y flwyddyn"),
        21,
        ("Bursary for care leavers at college and university", "College student support"),
    ),
    DemoEntitlement(
        A.EMPLOYMENT,
        ("Apprenticeships and a bursary", "Prentisiaethau a bwrsariaeth"),
        (
            "Apprenticeships kept for care leavers at the council, and a bursary when you start "
            "any apprenticeship.",
            "Prentisiaethau wedi'u cadw i bobl sy'n gadael gofal yn y cyngor, a bwrsariaeth pan "
            "fyddi di'n dechrau unrhyw brentisiaeth.",
        ),
        ("£3,000 bursary", "Bwrsariaeth £3,000"),
        25,
        ("Apprenticeships for care leavers", "Jobs club"),
    ),
    DemoEntitlement(
        A.ACCOMMODATION,
        ("Setting-up-home allowance", "Lwfans sefydlu cartref"),
        (
            "Money for furniture, a cooker, bedding and pans when you move into your own home. "
            "Your PA helps you choose and buy.",
            "Arian ar gyfer dodrefn, popty, dillad gwely a sosbenni pan fyddi di'n symud i dy "
            "gartref dy hun. Mae dy PA yn dy helpu i ddewis a phrynu.",
        ),
        ("£3,000", "£3,000"),
        25,
        ("Setting up home grant",),
    ),
    DemoEntitlement(
        A.ACCOMMODATION,
        ("Staying Put and supported lodgings", "Aros Ymlaen a llety â chymorth"),
        (
            "You can stay with your foster carers after 18, or live in supported lodgings or a "
            "flat for young people while you learn to live on your own.",
            "Gelli di aros gyda dy ofalwyr maeth ar ôl 18, neu fyw mewn llety â chymorth neu "
            "fflat i bobl ifanc tra rwyt ti'n dysgu byw ar dy ben dy hun.",
        ),
        ("Free for you", "Am ddim i ti"),
        21,
        ("Staying Put and supported lodgings", "Brookside flats for young people"),
    ),
    DemoEntitlement(
        A.PARTICIPATION,
        ("Have your say and get help to speak up", "Dweud dy ddweud a chael help i siarad"),
        (
            "Join the Care Experienced Voice group, paid in vouchers, and have a free advocate "
            "when you want help to be heard.",
            "Ymuna â grŵp Lleisiau Profiad Gofal, gyda thaleb am dy amser, a chael eiriolwr am "
            "ddim pan fyddi di eisiau help i gael dy glywed.",
        ),
        ("£10 voucher a meeting", "Taleb £10 y cyfarfod"),
        25,
        ("Care Experienced Voice group", "Independent advocacy"),
    ),
    DemoEntitlement(
        A.PARTICIPATION,
        ("Free bus pass", "Tocyn bws am ddim"),
        (
            "Free travel on Northbrook's buses.",
            "Teithio am ddim ar fysiau Northbrook.",
        ),
        ("Free", "Am ddim"),
        21,
        ("Bus pass for young people",),
    ),
    DemoEntitlement(
        A.ADULTHOOD,
        ("A personal adviser until you are 25", "Cynghorydd personol nes dy fod ti'n 25"),
        (
            "Your PA and your pathway plan, for as long as you want them, up to 25.",
            "Dy PA a dy gynllun llwybr, cyhyd ag y byddi di eu heisiau, hyd at 25.",
        ),
        ("Free", "Am ddim"),
        25,
        ("Leaving Care Team and your personal adviser",),
    ),
    DemoEntitlement(
        A.ADULTHOOD,
        ("Help with driving lessons", "Help gyda gwersi gyrru"),
        (
            "Your provisional licence, theory test and up to 10 lessons paid for.",
            "Dy drwydded dros dro, dy brawf theori a hyd at 10 gwers wedi'u talu.",
        ),
        ("Up to £500", "Hyd at £500"),
        25,
        ("Driving lessons for care leavers",),
    ),
    DemoEntitlement(
        A.MONEY,
        ("Council tax exemption", "Eithriad rhag y dreth gyngor"),
        (
            "You pay no council tax on your home in Northbrook.",
            "Dwyt ti ddim yn talu treth gyngor ar dy gartref yn Northbrook.",
        ),
        ("You pay nothing", "Rwyt ti'n talu dim"),
        25,
        ("Council tax help for care leavers",),
    ),
    DemoEntitlement(
        A.MONEY,
        ("Money coaching and benefits help", "Hyfforddiant arian a help gyda budd-daliadau"),
        (
            "Learn to budget and open a bank account, get help to claim benefits, and a "
            "birthday grant each year.",
            "Dysga sut i gyllidebu ac agor cyfrif banc, cael help i hawlio budd-daliadau, a "
            "grant pen-blwydd bob blwyddyn.",
        ),
        ("£50 birthday grant", "Grant pen-blwydd £50"),
        25,
        ("Money coaching for care leavers", "Benefits help desk"),
    ),
]


@transaction.atomic
def local_offer_demo_load() -> str:
    """Write and publish the made-up council's local offer, once: a council that already has
    an offer keeps it. Needs the demo directory loaded first, for the services it links."""
    council = demo_council()
    if LocalOffer.objects.filter(council=council).exists():
        return "demonstration local offer already loaded"
    system = Actor()
    services = {
        service.name_en: service
        for service in Service.objects.filter(council=council, is_published=True)
    }
    # Care leavers were asked about the offer: the demonstration consultation on leaving care,
    # with its published "you said, we did", where the participation demo loaded it.
    asked = (
        local_offer.linkable_consultations(council)
        .filter(title_en=CONSULTATION_TITLE)
        .values_list("pk", flat=True)
        .first()
    )
    offer = local_offer.local_offer_save(
        actor=system, council=council, values=OFFER | {"consultation_id": asked}
    )
    for order, item in enumerate(ENTITLEMENTS):
        local_offer.entitlement_add(
            actor=system,
            offer=offer,
            values={
                "area": item.area,
                "title_en": item.title[0],
                "title_cy": item.title[1],
                "details_en": item.details[0],
                "details_cy": item.details[1],
                "amount_en": item.amount[0],
                "amount_cy": item.amount[1],
                "until_age": item.until_age,
                "how_to_ask_en": item.how_to_ask[0],
                "how_to_ask_cy": item.how_to_ask[1],
                "order": order,
            },
            services=[services[name] for name in item.services if name in services],
        )
    local_offer.local_offer_publish(actor=system, offer=offer)
    return f"local offer with {len(ENTITLEMENTS)} entitlements"
