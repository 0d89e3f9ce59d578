"""The national view of a programme: every inspection's grades, the grade distribution, and for each
file-review criterion a funnel plot of the proportion of files that met it against the files reviewed.

A funnel plot (Spiegelhalter, *Funnel plots for comparing institutional performance*, Statistics in
Medicine 2005) draws control limits around the national proportion p₀ = Σ met ÷ Σ files reviewed. The
limits are exact binomial ones, not the normal approximation p₀ ± z·√(p₀(1 − p₀)/n), which is too narrow
below p₀ for small inspections (at p₀ = 0.9 it put 49 of 60 below the 95% limit, though P(R ≤ 49) = 0.034).
For an inspection of n files, R ~ Binomial(n, p₀), and for a one-sided tail probability t (0.025 for the
95% limits, 0.001 for the 99.8% limits):

- lower limit: Spiegelhalter's interpolated quantile (his appendix A.1.1): r = the smallest count with
  P(R ≤ r) ≥ t, α = (P(R ≤ r) − t) / P(R = r), limit = (r − α) / n;
- upper limit: the same construction on the files *not* meeting it, n − R ~ Binomial(n, 1 − p₀), mirrored:
  limit = 1 − (its lower limit).

Clipped to 0–100%. Because α < 1, an inspection lies below a lower limit exactly when P(R ≤ met) < t, and
above an upper limit exactly when P(R ≥ met) < t: the plot flags what the exact one-sided binomial test
flags, on both sides alike (interpolating the upper quantile itself would flag one count too many above).
A force outside the 99.8% limits is unlikely to differ from p₀ by chance alone (about 1 in 500); one
outside only the 95% limits is worth a look (1 in 20 would be, by chance). "Met" is the files answered
*yes* out of the files the criterion applied to, as the compile counts them (the inspection's all-files
result).
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.db.models import QuerySet
from matplotlib.figure import Figure
from scipy.stats import binom

from forces.charts import ENGLAND_AND_WALES, OTHER_FORCES, THIS_FORCE, cached_svg, chart_key
from peel.models import (
    ApprovalState,
    Criterion,
    Inspection,
    Judgment,
    Programme,
    Question,
    QuestionLevel,
)
from reports.models import CriterionResult
from reports.statistics import whole_count

INNER, OUTER = 0.95, 0.998
FUNNEL_METHOD = "exact binomial, Spiegelhalter 2005 interpolation, upper limit mirrored"
"""Part of the digest the rendered funnels are cached under, so a change of method redraws them."""


def _lower_limits(national: float, sizes: np.ndarray, tail: float) -> np.ndarray:
    """Spiegelhalter's interpolated lower limits, as proportions, for inspections of ``sizes`` files."""
    count = binom.ppf(tail, sizes, national)
    at_or_below = binom.cdf(count, sizes, national)
    below = binom.cdf(count - 1, sizes, national)
    alpha = (at_or_below - tail) / (at_or_below - below)
    return np.clip((count - alpha) / sizes, 0.0, 1.0)


def funnel_curves(national: float, sizes: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """The lower and upper control limits around ``national`` for each number of files in ``sizes``."""
    if not 0 <= national <= 1:
        raise ValueError(f"the national proportion must be between 0 and 1, not {national!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    tail = (1 - confidence) / 2
    return _lower_limits(national, sizes, tail), 1.0 - _lower_limits(1.0 - national, sizes, tail)


def funnel_limits(national: float, files: int, confidence: float) -> tuple[float, float]:
    """The control limits (as proportions) around ``national`` for an inspection of ``files`` files."""
    if whole_count("files", files) <= 0:
        raise ValueError("a funnel limit needs at least one file")
    low, high = funnel_curves(national, np.array([files]), confidence)
    return float(low[0]), float(high[0])


@dataclass(frozen=True)
class FunnelPoint:
    inspection_id: int
    force: str
    met: int
    files: int
    inner: tuple[float, float]
    outer: tuple[float, float]

    def __post_init__(self) -> None:
        whole_count("met", self.met)
        if not 0 <= self.met <= whole_count("files", self.files, minimum=1):
            raise ValueError(f"met must be between 0 and {self.files}, not {self.met}")

    @property
    def proportion(self) -> float:
        return self.met / self.files

    @property
    def limits_text(self) -> tuple[str, str]:
        return tuple(f"{low:.1%}–{high:.1%}" for low, high in (self.inner, self.outer))

    @property
    def position(self) -> str:
        """Where the point lies: within the 95% limits, or above/below the 95% or 99.8% limits."""
        for (low, high), label in ((self.outer, "99.8%"), (self.inner, "95%")):
            if self.proportion > high:
                return f"above the {label} limit"
            if self.proportion < low:
                return f"below the {label} limit"
        return ""


@dataclass(frozen=True)
class Funnel:
    criterion: Criterion
    national: float
    points: tuple[FunnelPoint, ...]
    svg: str

    @property
    def national_text(self) -> str:
        return f"{self.national:.1%}"

    @property
    def outside(self) -> list[FunnelPoint]:
        return [point for point in self.points if point.position]


def criterion_funnel(*, criterion: Criterion, counts: list[tuple[int, str, int, int]]) -> Funnel | None:
    """The funnel of one criterion from (inspection id, force, met, files) of each inspection; None
    when no inspection has reviewed a file against it."""
    counts = [row for row in counts if row[3] > 0]
    if not counts:
        return None
    national = sum(row[2] for row in counts) / sum(row[3] for row in counts)
    counts = sorted(counts, key=lambda row: row[1])
    # Every point's limits in one call per level: the binomial quantiles are worked out over arrays.
    sizes = np.array([whole_count("files", row[3], minimum=1) for row in counts])
    inner, outer = (
        np.column_stack(funnel_curves(national, sizes, level)).tolist() for level in (INNER, OUTER)
    )
    points = tuple(
        FunnelPoint(inspection_id, force, met, files, tuple(inner[index]), tuple(outer[index]))
        for index, (inspection_id, force, met, files) in enumerate(counts)
    )
    return Funnel(criterion, national, points, _funnel_svg(criterion, national, points))


def _funnel_svg(criterion: Criterion, national: float, points: tuple[FunnelPoint, ...]) -> str:
    title = f"{criterion.code} {criterion.text}: proportion of files meeting it against files reviewed"
    key = chart_key("funnel", title, national, points)

    def draw() -> Figure:
        figure = Figure(figsize=(7, 3.6))
        figure.subplots_adjust(left=0.1, right=0.97, top=0.95, bottom=0.15)
        axes = figure.add_subplot()
        largest = max(point.files for point in points)
        sizes = np.arange(1, largest + max(5, largest // 5) + 1)
        for confidence, style in ((INNER, "--"), (OUTER, ":")):
            low, high = funnel_curves(national, sizes, confidence)
            label = f"{confidence:.1%} limits".replace(".0%", "%")
            axes.plot(sizes, low * 100, style, color=ENGLAND_AND_WALES, label=label)
            axes.plot(sizes, high * 100, style, color=ENGLAND_AND_WALES)
        axes.axhline(
            national * 100, color=THIS_FORCE, linewidth=1.2, label=f"All inspections ({national:.0%})"
        )
        axes.scatter(
            [point.files for point in points],
            [point.proportion * 100 for point in points],
            color=[ENGLAND_AND_WALES if point.position else OTHER_FORCES for point in points],
            edgecolors=ENGLAND_AND_WALES,
            zorder=3,
        )
        for point in points:
            if point.position:
                axes.annotate(
                    point.force,
                    (point.files, point.proportion * 100),
                    fontsize=7,
                    xytext=(4, 2),
                    textcoords="offset points",
                )
        axes.set_ylim(0, 105)
        axes.set_xlabel("Files reviewed against the criterion", fontsize=9)
        axes.set_ylabel("Files meeting it (%)", fontsize=9)
        axes.legend(fontsize=7, frameon=False, loc="lower right")
        axes.spines[["top", "right"]].set_visible(False)
        return figure

    return cached_svg(key, title, draw)


@dataclass
class InspectionGrades:
    inspection: Inspection
    grades: list[tuple[str, bool]]  # per question shown: (grade label, approved)


@dataclass
class NationalView:
    """What the national view shows. The funnels are worked out only when asked for: the page keeps
    their rendered section under ``funnels_digest``, a digest of every figure and label they show, so it
    is redrawn exactly when a compile or a criterion changes what it would show."""

    programme: Programme
    questions: list[Question]
    inspections: list[InspectionGrades]
    # question, (label, count) per level of the programme's scale, pending
    distribution: list[tuple[Question, list[tuple[str, int]], int]]
    criteria: list[Criterion]
    counts: dict[int, list[tuple[int, str, int, int]]]  # criterion id -> (inspection, force, met, files)

    @cached_property
    def funnels_digest(self) -> str:
        shown = [FUNNEL_METHOD] + [
            (criterion.pk, criterion.code, criterion.text, sorted(self.counts[criterion.pk]))
            for criterion in self.criteria
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()

    @cached_property
    def _funnels(self) -> tuple[list[Funnel], list[Criterion]]:
        funnels, without = [], []
        for criterion in self.criteria:
            funnel = criterion_funnel(criterion=criterion, counts=self.counts[criterion.pk])
            if funnel is None:
                without.append(criterion)
            else:
                funnels.append(funnel)
        return funnels, without

    @property
    def funnels(self) -> list[Funnel]:
        return self._funnels[0]

    @property
    def criteria_without_results(self) -> list[Criterion]:
        return self._funnels[1]


def national_programmes() -> QuerySet[Programme]:
    return Programme.objects.order_by("-year", "name")


def national_view(*, programme: Programme) -> NationalView:
    """Everything the national view shows, in a fixed number of queries however many inspections."""
    questions = list(
        Question.objects.filter(
            programme=programme, level__in=[QuestionLevel.OVERALL, QuestionLevel.CORE]
        ).order_by("order", "code")
    )
    inspections = list(
        Inspection.objects.filter(programme=programme).select_related("force").order_by("force__name")
    )
    judgments = {
        (inspection_id, question_id): (grade, state)
        for inspection_id, question_id, grade, state in Judgment.objects.filter(
            inspection__programme=programme, question__in=questions
        ).values_list("inspection_id", "question_id", "grade", "state")
    }
    levels = programme.grade_scale.levels  # its graded levels best first, then its ungraded option
    grade_labels = {level.code: level.label for level in levels}
    rows = []
    tallies: dict[int, Counter] = defaultdict(Counter)
    pending: Counter = Counter()
    for inspection in inspections:
        grades = []
        for question in questions:
            grade, state = judgments.get((inspection.id, question.id), ("", ""))
            approved = state == ApprovalState.APPROVED
            grades.append((grade_labels.get(grade, "–") if grade else "–", approved))
            if approved:
                tallies[question.id][grade] += 1
            else:
                pending[question.id] += 1
        rows.append(InspectionGrades(inspection, grades))
    distribution = [
        (
            question,
            [(level.label, tallies[question.id][level.code]) for level in levels],
            pending[question.id],
        )
        for question in questions
    ]

    forces = {inspection.id: inspection.force.short_name for inspection in inspections}
    counts: dict[int, list[tuple[int, str, int, int]]] = defaultdict(list)
    for criterion_id, inspection_id, yes, n in CriterionResult.objects.filter(
        inspection__programme=programme, stratum__isnull=True
    ).values_list("criterion_id", "inspection_id", "yes", "n"):
        counts[criterion_id].append((inspection_id, forces[inspection_id], yes, n))
    criteria = list(Criterion.objects.filter(programme=programme).order_by("order", "code"))
    return NationalView(programme, questions, rows, distribution, criteria, counts)
