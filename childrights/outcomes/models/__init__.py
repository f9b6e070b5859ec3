"""Evidence of change: self-assessment, outcome indicators and measurements, training."""

from childrights.outcomes.models.self_assessment import Level, Rating, Round

__all__ = ["Level", "Rating", "Round"]
