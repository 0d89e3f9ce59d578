"""The England and Wales figure for one metric and period, made as annex A of the reference report says.

- A rate or proportion is the sum of the included forces' numerators over the sum of their denominators
  (not the mean of their rates), so that large forces weigh as much as their populations.
- A survey measure (victim satisfaction) is the simple mean of the forces' rates: "the England and Wales
  average is calculated based on the average of the rates of satisfaction in all 43 forces".
- Forces excluded from the metric (with a reason) are left out. British Transport Police is not a
  territorial force and is never in the forces table.
- The app computes the figure only when it holds the value of every included force. Otherwise it shows a
  published national figure, labelled with its source, or says that the figure is not available.
- A published figure is also preferred to one computed from values that include generated demo values:
  a real number beats one made from made-up ones (the demo generates every force's values for the
  report's figures, and its Force in numbers must still show the figures HMIC published).
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from forces.models import Aggregation, Metric


class Basis(enum.Enum):
    COMPUTED = "computed"
    MEAN = "mean"
    PUBLISHED = "published"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ForceValue:
    """One force's stored value for a metric and period."""

    force_id: int
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    generated: bool = False

    def figure(self, metric: Metric) -> Decimal:
        return metric.figure_from(numerator=self.numerator, denominator=self.denominator, value=self.value)


@dataclass(frozen=True)
class Published:
    value: Decimal
    source: str


@dataclass(frozen=True)
class NationalFigure:
    value: Decimal | None
    basis: Basis
    forces_counted: int
    forces_expected: int
    source: str = ""
    includes_generated: bool = False

    @property
    def is_published(self) -> bool:
        return self.basis is Basis.PUBLISHED

    def explanation(self) -> str:
        if self.basis is Basis.COMPUTED:
            text = (
                f"Computed: the sum of {self.forces_counted} forces' numerators over the sum of their "
                "denominators."
            )
        elif self.basis is Basis.MEAN:
            text = f"Computed: the simple mean of {self.forces_counted} forces' values."
        elif self.basis is Basis.PUBLISHED:
            return f"Published figure: {self.source}"
        else:
            return (
                f"Not available: values are held for {self.forces_counted} of {self.forces_expected} forces "
                "and no published figure is recorded."
            )
        if self.includes_generated:
            text += " Includes generated demo values."
        return text


def england_and_wales_figure(
    *,
    metric: Metric,
    values: Iterable[ForceValue],
    expected_force_ids: Iterable[int],
    published: Published | None,
) -> NationalFigure:
    """The national figure from the values of the forces expected to report (active, not excluded).

    Values of forces that are not expected (excluded, or no longer active) are ignored.
    """
    expected = set(expected_force_ids)
    # A rate's value without its numerator and denominator (entered by hand) cannot be summed: it
    # leaves the figure incomplete rather than being guessed at.
    counted = [
        value
        for value in values
        if value.force_id in expected
        and (value.numerator is not None or metric.aggregation != Aggregation.RATIO_OF_SUMS)
    ]
    complete = bool(expected) and {value.force_id for value in counted} == expected
    generated = any(value.generated for value in counted)
    if generated and published is not None:
        return NationalFigure(published.value, Basis.PUBLISHED, len(counted), len(expected), published.source)
    if complete and metric.aggregation == Aggregation.RATIO_OF_SUMS:
        total = metric.figure_from(
            numerator=sum(value.numerator for value in counted),
            denominator=sum(value.denominator for value in counted),
            value=None,
        )
        return NationalFigure(
            total, Basis.COMPUTED, len(counted), len(expected), includes_generated=generated
        )
    if complete and metric.aggregation == Aggregation.MEAN:
        mean = sum(value.figure(metric) for value in counted) / len(counted)
        return NationalFigure(mean, Basis.MEAN, len(counted), len(expected), includes_generated=generated)
    if published is not None:
        return NationalFigure(published.value, Basis.PUBLISHED, len(counted), len(expected), published.source)
    return NationalFigure(None, Basis.UNAVAILABLE, len(counted), len(expected))
