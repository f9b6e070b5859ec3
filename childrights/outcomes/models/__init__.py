"""Evidence of change: self-assessment, outcome indicators and measurements, training."""

from childrights.outcomes.models.indicators import IndicatorTarget, Measurement, OutcomeIndicator
from childrights.outcomes.models.self_assessment import Level, Rating, Round

__all__ = ["IndicatorTarget", "Level", "Measurement", "OutcomeIndicator", "Rating", "Round"]
