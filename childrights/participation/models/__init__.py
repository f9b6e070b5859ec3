"""Children's voice: consultations children answer safely, and the council's answer back.
Council-owned throughout: every record here carries (or reaches through one foreign key) the
council that owns it, and every read goes through ``core.tenancy``. The models live in modules by
area (``consultations``, ``responses``, ``safeguarding``, ``feedback``, ``themes``); every one is
imported here, so that Django finds them and ``from childrights.participation.models import X``
works.
"""

from childrights.participation.models.consultations import (
    CODE_ALPHABET,
    AccessCode,
    AgeBand,
    Choice,
    Consultation,
    Question,
    Wording,
    new_code,
    new_link_key,
)
from childrights.participation.models.feedback import (
    Commitment,
    CommitmentUpdate,
    FeedbackTheme,
    Quote,
)
from childrights.participation.models.responses import (
    Answer,
    ChildPopulation,
    ProfileAnswer,
    Response,
    SendRate,
    Tally,
)
from childrights.participation.models.safeguarding import (
    Concern,
    Decision,
    FollowUp,
    Phrase,
)
from childrights.participation.models.themes import Theme, ThemeAnswer, ThemeRun

__all__ = [
    "CODE_ALPHABET",
    "AccessCode",
    "AgeBand",
    "Answer",
    "ChildPopulation",
    "Choice",
    "Commitment",
    "CommitmentUpdate",
    "Concern",
    "Consultation",
    "Decision",
    "FeedbackTheme",
    "FollowUp",
    "Phrase",
    "ProfileAnswer",
    "Question",
    "Quote",
    "Response",
    "SendRate",
    "Tally",
    "Theme",
    "ThemeAnswer",
    "ThemeRun",
    "Wording",
    "new_code",
    "new_link_key",
]
