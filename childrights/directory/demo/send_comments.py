"""Comments on the made-up council's SEND local offer, three answered and published and one
waiting for the team, all invented. Real councils carry nothing of this."""

from dataclasses import dataclass

from django.db import transaction

from childrights.core.actors import Actor
from childrights.councils.demo import demo_council
from childrights.directory import send_comments
from childrights.directory.models import SendComment


@dataclass(frozen=True)
class DemoComment:
    service: str  # the service's English name; "" for the offer as a whole
    commenter: str
    text: str
    answer: dict[str, str]  # empty: waiting for the team


COMMENTS = [
    DemoComment(
        service="Short breaks club",
        commenter="parent",
        text="The short breaks club is brilliant but it stops in the school holidays, when we "
        "need it most.",
        answer={
            "response_en": "Thank you. Other families told us the same thing.",
            "response_cy": "Diolch. Dywedodd teuluoedd eraill yr un peth wrthym ni.",
            "action_status": "in_progress",
            "action_en": "We are running the club on two days a week in the summer holidays "
            "this year.",
            "action_cy": "Rydyn ni'n cynnal y clwb ddau ddiwrnod yr wythnos yng ngwyliau'r haf "
            "eleni.",
        },
    ),
    DemoComment(
        service="",
        commenter="child",
        text="I did not know any of this was here. Tell us at school.",
        answer={
            "response_en": "You are right: young people should not have to search for this.",
            "response_cy": "Rwyt ti'n iawn: ddylai pobl ifanc ddim gorfod chwilio am hyn.",
            "action_status": "done",
            "action_en": "Every secondary school now has posters and cards with the address of "
            "this page.",
            "action_cy": "Mae gan bob ysgol uwchradd bosteri a chardiau gyda chyfeiriad y "
            "dudalen hon erbyn hyn.",
        },
    ),
    DemoComment(
        service="Supported internships",
        commenter="child",
        text="Can supported internships be in more places than the hospital and the council?",
        answer={
            "response_en": "We asked employers. Not many can take an intern yet.",
            "response_cy": "Fe ofynnon ni i gyflogwyr. Does dim llawer yn gallu cymryd intern eto.",
            "action_status": "not_doing",
            "reason_en": "We could not find enough new employers this year. We will ask again "
            "next year.",
            "reason_cy": "Allen ni ddim dod o hyd i ddigon o gyflogwyr newydd eleni. Byddwn ni'n "
            "gofyn eto y flwyddyn nesaf.",
        },
    ),
    DemoComment(
        service="Preparing for adulthood team",
        commenter="parent",
        text="We waited four months for a first meeting with the team.",
        answer={},
    ),
]


@transaction.atomic
def send_comments_demo_load() -> str:
    """Write the made-up council's comments and answers, once."""
    council = demo_council()
    if SendComment.objects.filter(council=council).exists():
        return "demonstration SEND comments already loaded"
    system = Actor()
    services = {
        service.name_en: service for service in send_comments.send_services(council=council)
    }
    for item in COMMENTS:
        comment = send_comments.send_comment_create(
            council=council,
            service=services.get(item.service) if item.service else None,
            commenter=item.commenter,
            text=item.text,
            language="en",
            actor=system,
        )
        if item.answer:
            send_comments.send_comment_answer(
                actor=system,
                comment=comment,
                publish=True,
                values={"shown_text": item.text, **item.answer},
            )
    return f"{len(COMMENTS)} comments on the SEND local offer"
