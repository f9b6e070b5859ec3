"""The demonstration council's directory: made-up organisations, places and services, so a
newcomer can try the finder, the local offer and the API at once. None of it is a real service.

The services come from the table in ``data/demo_services.tsv``, one line each; their "who it is
for", "what happens when you go" and "how to ask" are written here from a few patterns, so every
service has them in plain English and Welsh. Only the made-up council is touched.
"""

import csv
import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from childrights.core.actors import Actor
from childrights.councils.demo import demo_council
from childrights.councils.models import Council
from childrights.directory.demo.local_offer import local_offer_demo_load
from childrights.directory.demo.postcodes import postcodes_demo_load
from childrights.directory.demo.send_comments import send_comments_demo_load
from childrights.directory.models import (
    Contact,
    Location,
    Need,
    OpeningTime,
    Service,
    ServiceAtLocation,
)
from childrights.directory.services import (
    organisation_create,
    service_checked,
    service_create,
    service_publish,
)
from childrights.framework.models import Article

SERVICES_FILE = Path(__file__).resolve().parent.parent / "data" / "demo_services.tsv"
EMAIL_DOMAIN = "northbrook.example"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    description_en: str
    description_cy: str
    phone: str  # Ofcom's range kept for drama: never a real number.
    contact: str
    contact_role: str


ORGANISATIONS = {
    "nbc": DemoOrganisation(
        "Northbrook Council Children's Services",
        "The council's services for children, young people, families and care leavers.",
        "Gwasanaethau'r cyngor i blant, pobl ifanc, teuluoedd a phobl sy'n gadael gofal.",
        "01632 960001",
        "Duty worker",
        "Children's Services",
    ),
    "nhs": DemoOrganisation(
        "Northbrook Health (NHS, made-up)",
        "Doctors, nurses and health workers for children and young people.",
        "Meddygon, nyrsys a gweithwyr iechyd i blant a phobl ifanc.",
        "01632 960002",
        "Reception",
        "Northbrook Health",
    ),
    "youth": DemoOrganisation(
        "Northbrook Youth Trust",
        "A charity running youth clubs, counselling and activities.",
        "Elusen sy'n rhedeg clybiau ieuenctid, cwnsela a gweithgareddau.",
        "01632 960003",
        "Youth worker on duty",
        "Northbrook Youth Trust",
    ),
    "housing": DemoOrganisation(
        "Brookside Housing",
        "Homes and support for young people who need somewhere to live.",
        "Cartrefi a chymorth i bobl ifanc sydd angen rhywle i fyw.",
        "01632 960004",
        "Housing support worker",
        "Brookside Housing",
    ),
    "college": DemoOrganisation(
        "Northbrook College",
        "Courses, apprenticeships and student support from 16.",
        "Cyrsiau, prentisiaethau a chymorth i fyfyrwyr o 16 oed.",
        "01632 960005",
        "Student services",
        "Northbrook College",
    ),
    "voice": DemoOrganisation(
        "Speak Up Northbrook",
        "Independent advocates and visitors who are on the side of children and young people.",
        "Eiriolwyr ac ymwelwyr annibynnol sydd ar ochr plant a phobl ifanc.",
        "01632 960006",
        "Advocacy duty line",
        "Speak Up Northbrook",
    ),
    "carers": DemoOrganisation(
        "Northbrook Young Carers",
        "Support and time out for young carers.",
        "Cymorth ac amser i ffwrdd i ofalwyr ifanc.",
        "01632 960007",
        "Young carers worker",
        "Northbrook Young Carers",
    ),
    "pantry": DemoOrganisation(
        "Eastfield Community Pantry",
        "A community food shop run by volunteers.",
        "Siop fwyd gymunedol sy'n cael ei rhedeg gan wirfoddolwyr.",
        "01632 960008",
        "Pantry volunteer",
        "Eastfield Community Pantry",
    ),
    "law": DemoOrganisation(
        "Northbrook Law Centre",
        "Free legal advice for people who cannot pay a solicitor.",
        "Cyngor cyfreithiol am ddim i bobl sy'n methu talu cyfreithiwr.",
        "01632 960009",
        "Advice line",
        "Northbrook Law Centre",
    ),
    "refuge": DemoOrganisation(
        "Safe Harbour Northbrook",
        "Safe places to stay and support for people escaping domestic abuse.",
        "Llefydd diogel i aros a chymorth i bobl sy'n dianc rhag cam-drin domestig.",
        "01632 960010",
        "Support worker",
        "Safe Harbour Northbrook",
    ),
}

# key: (name, street address, town, postcode, latitude and longitude or None, bus)
LOCATIONS: dict[str, tuple[str, str, str, str, tuple[str, str] | None, str]] = {
    "civic": (
        "Civic Centre",
        "1 Market Square",
        "Northbrook",
        "NB1 1AA",
        ("53.120100", "-1.540200"),
        "1",
    ),
    "hub": (
        "The Hub, care leavers' centre",
        "14 Mill Lane",
        "Northbrook",
        "NB1 3CD",
        ("53.122400", "-1.536100"),
        "1",
    ),
    "college": (
        "Northbrook College",
        "College Way",
        "Northbrook",
        "NB2 6JK",
        ("53.127800", "-1.551900"),
        "4",
    ),
    "lawcentre": (
        "Law Centre",
        "22 High Street",
        "Northbrook",
        "NB1 4UV",
        ("53.119300", "-1.541800"),
        "1",
    ),
    "youth-east": (
        "Eastfield Youth Centre",
        "2 Park Road",
        "Eastfield",
        "NB4 2EF",
        ("53.114600", "-1.501700"),
        "7",
    ),
    "pantry": (
        "Community Pantry",
        "Unit 3, Station Parade",
        "Eastfield",
        "NB4 7ST",
        ("53.112800", "-1.498900"),
        "7",
    ),
    "youth-river": (
        "Riverside Sports Hall",
        "Quay Street",
        "Riverside",
        "NB3 5GH",
        ("53.108900", "-1.560300"),
        "12",
    ),
    "familyhub": (
        "Riverside Family Hub",
        "9 Willow Close",
        "Riverside",
        "NB3 1QR",
        ("53.106200", "-1.563500"),
        "12",
    ),
    "clinic": (
        "Hill Top Health Centre",
        "40 Hill Top Road",
        "Hill Top",
        "NB5 1LM",
        ("53.141500", "-1.529800"),
        "22",
    ),
    "library": (
        "Old Mill Library",
        "Bridge Street",
        "Old Mill",
        "NB6 2NP",
        ("53.095200", "-1.512100"),
        "30",
    ),
    "housing": (
        "Brookside House",
        "5 Canal Walk",
        "Westcombe",
        "NB7 3WX",
        ("53.118700", "-1.589400"),
        "41",
    ),
    "refuge": ("Safe Harbour", "", "Westcombe", "", None, ""),
}

_t = datetime.time
# key: [(days, opens, closes)], days counted from Monday = 0.
HOURS: dict[str, list[tuple[tuple[int, ...], datetime.time, datetime.time]]] = {
    "office": [((0, 1, 2, 3, 4), _t(9), _t(17))],
    "school": [((0, 1, 2, 3, 4), _t(8, 30), _t(16))],
    "morning": [((0, 2, 4), _t(9, 30), _t(12))],
    "afterschool": [((0, 1, 2, 3), _t(15, 30), _t(17, 30))],
    "dropin": [((2,), _t(14), _t(19))],
    "evenings": [((1, 3), _t(18), _t(21))],
    "weekend": [((5,), _t(10), _t(16))],
    "holiday": [((0, 1, 2, 3), _t(10), _t(14))],
    "nightly": [(tuple(range(7)), _t(18), _t(23))],
    "daily": [(tuple(range(7)), _t(0), _t(23, 59))],
}

WHAT_HAPPENS = {
    "drop": (
        "Come in during opening times. Someone will say hello, ask your first name and what you "
        "would like help with. You do not need an appointment.",
        "Tyrd i mewn yn ystod yr oriau agor. Bydd rhywun yn dweud helo, yn gofyn dy enw cyntaf a "
        "beth hoffet ti help gydag e. Does dim angen apwyntiad.",
    ),
    "appt": (
        "You agree a time to meet. You talk with a worker somewhere private about what is going "
        "on and agree what happens next. You can bring someone with you.",
        "Rwyt ti'n trefnu amser i gwrdd. Rwyt ti'n siarad â gweithiwr mewn lle preifat am beth "
        "sy'n digwydd ac yn cytuno beth sy'n digwydd nesaf. Gelli di ddod â rhywun gyda ti.",
    ),
    "group": (
        "You join a group of young people of about your age, run by a worker. The first time, "
        "you can just watch.",
        "Rwyt ti'n ymuno â grŵp o bobl ifanc tua'r un oed â ti, sy'n cael ei redeg gan weithiwr. "
        "Y tro cyntaf, gelli di ddim ond gwylio.",
    ),
    "phone": (
        "You phone, text or chat online. Someone listens and helps you work out what to do. You "
        "do not have to give your name.",
        "Rwyt ti'n ffonio, tecstio neu sgwrsio ar-lein. Mae rhywun yn gwrando ac yn dy helpu i "
        "weithio allan beth i'w wneud. Does dim rhaid i ti roi dy enw.",
    ),
    "apply": (
        "You fill in a short form with a worker. Within two weeks they tell you what you can "
        "have and how you will get it.",
        "Rwyt ti'n llenwi ffurflen fer gyda gweithiwr. O fewn pythefnos byddan nhw'n dweud "
        "wrthot ti beth gelli di ei gael a sut byddi di'n ei gael.",
    ),
    "family": (
        "Parents and carers come with their child. There is play, a chat with a worker and a "
        "cup of tea.",
        "Mae rhieni a gofalwyr yn dod gyda'u plentyn. Mae chwarae, sgwrs gyda gweithiwr a phaned.",
    ),
}


def _who_for(minimum: int, maximum: int, needs: list[str]) -> tuple[str, str]:
    if "leaving-care" in needs and minimum >= 14:
        return (
            f"Young people aged {minimum} to {maximum} who are or have been in care.",
            f"Pobl ifanc {minimum} i {maximum} oed sydd mewn gofal neu wedi bod mewn gofal.",
        )
    if maximum <= 5:
        return (
            f"Parents and carers of children aged {minimum} to {maximum}.",
            f"Rhieni a gofalwyr plant {minimum} i {maximum} oed.",
        )
    return (
        f"Children and young people aged {minimum} to {maximum}.",
        f"Plant a phobl ifanc {minimum} i {maximum} oed.",
    )


def _how_to_ask(referral: bool, phone: str, email: str) -> tuple[str, str]:
    if referral:
        return (
            "Ask your social worker, personal adviser, teacher or doctor to refer you. If you are "
            f"not sure, phone {phone} and we will help.",
            "Gofynna i dy weithiwr cymdeithasol, dy gynghorydd personol, dy athro neu dy feddyg dy "
            f"atgyfeirio di. Os nad wyt ti'n siŵr, ffonia {phone} a byddwn ni'n helpu.",
        )
    return (
        f"You can ask yourself: phone {phone}, email {email} or just come along.",
        f"Gelli di ofyn dy hun: ffonia {phone}, e-bostia {email} neu tyrd draw.",
    )


def _locations(council: Council) -> dict[str, Location]:
    made = {}
    for key, (name, address, town, postcode, point, bus) in LOCATIONS.items():
        hidden = not address
        made[key] = Location.objects.create(
            council=council,
            name=name,
            address=address,
            town=town,
            postcode=postcode,
            address_hidden=hidden,
            latitude=Decimal(point[0]) if point else None,
            longitude=Decimal(point[1]) if point else None,
            getting_there_en=(
                "We tell you how to get here when you phone."
                if hidden
                else f"Bus {bus} stops outside. It is a short walk from the town centre."
            ),
            getting_there_cy=(
                "Byddwn ni'n dweud wrthot ti sut i gyrraedd pan fyddi di'n ffonio."
                if hidden
                else f"Mae bws {bus} yn stopio y tu allan. Mae'n daith gerdded fer o ganol y dref."
            ),
            accessibility_en="Step-free entrance, accessible toilet and a quiet room.",
            accessibility_cy="Mynedfa heb risiau, toiled hygyrch ac ystafell dawel.",
        )
    return made


def _locations_placed(council: Council) -> None:
    """Put on the map the demo's places that a database loaded before they had coordinates
    holds without them."""
    for name, _address, _town, _postcode, point, _bus in LOCATIONS.values():
        if point:
            Location.objects.filter(council=council, name=name, latitude__isnull=True).update(
                latitude=Decimal(point[0]), longitude=Decimal(point[1])
            )


@transaction.atomic
def directory_demo_load() -> str:
    """Fill the made-up council's directory and its local offer for care leavers, once: a
    second run finds them there and stops (adding only the offer if that is missing)."""
    council = demo_council()
    if Service.objects.filter(council=council).exists():
        # A database loaded before the demo had a local offer, or postcodes, gets them now.
        local_offer_demo_load()
        _locations_placed(council)
        postcodes_demo_load()
        send_comments_demo_load()
        return "demonstration directory already loaded"
    system = Actor()
    needs = {need.code: need for need in Need.objects.filter(council=None)}
    articles = Article.objects.in_bulk(field_name="number")
    if not needs or not articles:
        raise RuntimeError("Load the reference data (needs, articles) before the demo.")
    organisations = {
        key: organisation_create(
            actor=system,
            council=council,
            name=row.name,
            description_en=row.description_en,
            description_cy=row.description_cy,
            email=f"{key}@{EMAIL_DOMAIN}",
        )
        for key, row in ORGANISATIONS.items()
    }
    locations = _locations(council)
    with SERVICES_FILE.open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        org = ORGANISATIONS[row["organisation"]]
        codes = row["needs"].split()
        minimum, maximum = (int(age) for age in row["ages"].split("-"))
        referral = row["referral"] == "yes"
        email = f"{row['organisation']}@{EMAIL_DOMAIN}"
        who_for = _who_for(minimum, maximum, codes)
        what_happens = WHAT_HAPPENS[row["kind"]]
        how_to_ask = _how_to_ask(referral, org.phone, email)
        cost_en, _bar, cost_cy = row["cost"].partition("|")
        service = service_create(
            actor=system,
            council=council,
            values={
                "organisation": organisations[row["organisation"]],
                "name_en": row["name_en"],
                "name_cy": row["name_cy"],
                "description_en": row["description_en"],
                "description_cy": row["description_cy"],
                "who_for_en": who_for[0],
                "who_for_cy": who_for[1],
                "what_happens_en": what_happens[0],
                "what_happens_cy": what_happens[1],
                "how_to_ask_en": how_to_ask[0],
                "how_to_ask_cy": how_to_ask[1],
                "minimum_age": minimum,
                "maximum_age": maximum,
                "referral_needed": referral,
                "is_free": not cost_en,
                "cost_en": cost_en,
                "cost_cy": cost_cy,
                "welsh_spoken": row["welsh"] == "yes",
                "email": email,
                "phone": org.phone,
            },
            needs=[needs[code] for code in codes],
            articles=[articles[int(number)] for number in row["articles"].split()],
        )
        for key in row["locations"].split():
            ServiceAtLocation.objects.create(service=service, location=locations[key])
        for days, opens, closes in HOURS[row["hours"]]:
            OpeningTime.objects.bulk_create(
                OpeningTime(service=service, day=day, opens_at=opens, closes_at=closes)
                for day in days
            )
        Contact.objects.create(
            service=service, name=org.contact, title=org.contact_role, phone=org.phone, email=email
        )
        service_checked(actor=system, service=service)
        service_publish(actor=system, service=service)
    leaving_care = Service.objects.get(council=council, name_en__startswith="Leaving Care Team")
    Contact.objects.bulk_create(
        Contact(service=leaving_care, name=name, title="Personal adviser", phone=phone, email=email)
        for name, phone, email in [
            ("Sam Okafor", "01632 960101", f"sam.okafor@{EMAIL_DOMAIN}"),
            ("Rhian Davies", "01632 960102", f"rhian.davies@{EMAIL_DOMAIN}"),
        ]
    )
    offer = local_offer_demo_load()
    postcodes = postcodes_demo_load()
    comments = send_comments_demo_load()
    return (
        f"{len(rows)} services of {len(organisations)} organisations at {len(locations)} places,"
        f" {postcodes}, a {offer} and {comments}"
    )
