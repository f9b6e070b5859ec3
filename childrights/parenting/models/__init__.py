"""Corporate parenting: the yearly well-being survey of children in care and care leavers, the
board's report and the council's pledge. Models by area: ``survey`` and ``pledge`` (the board's
reports are kept in ``report``)."""

from childrights.parenting.models.pledge import Pledge, PromisePrinciple
from childrights.parenting.models.report import BoardReport
from childrights.parenting.models.survey import WellbeingQuestion, WellbeingSurvey

__all__ = [
    "BoardReport",
    "Pledge",
    "PromisePrinciple",
    "WellbeingQuestion",
    "WellbeingSurvey",
]
