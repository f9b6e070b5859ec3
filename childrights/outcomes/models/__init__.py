"""Evidence of change: self-assessment, outcome indicators and measurements, training, reports."""

from childrights.outcomes.models.evaluation import ChildLedEvaluation, EvaluationQuestion
from childrights.outcomes.models.indicators import IndicatorTarget, Measurement, OutcomeIndicator
from childrights.outcomes.models.reports import Report
from childrights.outcomes.models.self_assessment import Level, Rating, Round
from childrights.outcomes.models.training import (
    Attendance,
    CertificatePdf,
    Course,
    RoleCount,
    Trainee,
    TrainingRole,
    TrainingSession,
)

__all__ = [
    "Attendance",
    "CertificatePdf",
    "ChildLedEvaluation",
    "Course",
    "EvaluationQuestion",
    "IndicatorTarget",
    "Level",
    "Measurement",
    "OutcomeIndicator",
    "Rating",
    "Report",
    "RoleCount",
    "Round",
    "Trainee",
    "TrainingRole",
    "TrainingSession",
]
