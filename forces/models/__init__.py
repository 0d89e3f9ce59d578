from forces.models.figures import (
    UNIT_MULTIPLIER,
    Aggregation,
    DenominatorKind,
    Metric,
    MetricExclusion,
    MetricValue,
    Period,
    PublishedFigure,
    Topic,
    Unit,
)
from forces.models.force import Country, Force, Region

__all__ = [
    "UNIT_MULTIPLIER",
    "Aggregation",
    "Country",
    "DenominatorKind",
    "Force",
    "Metric",
    "MetricExclusion",
    "MetricValue",
    "Period",
    "PublishedFigure",
    "Region",
    "Topic",
    "Unit",
]
