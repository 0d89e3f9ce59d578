"""A figure drawn for one force: its caption, an accessible SVG chart, a text alternative written from
the data, the data table and its notes, labelled when any value it shows is generated demo data.

``figure_render`` draws one figure; ``figure_renderer`` loads every figure of a programme (or the keys a
report places) at once, so that a report with ten figures reads no more than one with one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from figures.models import FigureDefinition, FigureKind, FigureMetric
from figures.selectors import FigureData, figure_data, figure_definitions
from forces.charts import Bar, Series, bar_chart_svg, breakdown_chart_svg, trend_chart_svg
from forces.england_and_wales import NationalFigure
from forces.models import Force, Metric, Period

ENGLAND_AND_WALES = "England and Wales"
GENERATED_MARK = " (generated)"
GENERATED_NOTE = (
    "Demo data: values marked “generated” are made up for the demonstration, not taken from a source."
)


@dataclass(frozen=True)
class RenderedFigure:
    number: int
    key: str
    kind: str
    title: str  # filled in for the force, without "Figure N:"
    svg: SafeString  # an inline <svg role="img"> with <title> and <desc>; "" when nothing can be drawn
    alt_text: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first cell of each row is its header
    highlighted_row: int | None  # the force's own row, if the table has one
    source: str
    notes: str
    generated_values: bool

    @property
    def caption(self) -> str:
        return f"Figure {self.number}: {self.title}"

    @property
    def generated_note(self) -> str:
        return GENERATED_NOTE if self.generated_values else ""


class FigureRenderer:
    """Draws the loaded definitions for one force; reads nothing more from the database."""

    def __init__(self, *, definitions: Iterable[FigureDefinition], force: Force):
        self.definitions = {definition.key: definition for definition in definitions}
        self.force = force
        self.data = figure_data(definitions=self.definitions.values())

    def render(self, *, key: str, number: int) -> RenderedFigure | None:
        """The figure ``key`` as figure ``number``; None if the programme has no such figure or its
        definition cannot be drawn (wrong number of metrics or periods for its kind)."""
        definition = self.definitions.get(key)
        if definition is None:
            return None
        metrics = list(definition.figure_metrics.all())
        periods = sorted(definition.periods.all(), key=lambda period: (period.ends_on, period.code))
        if definition.shape_problems(metrics=len(metrics), periods=len(periods)):
            return None
        draw = {
            FigureKind.FORCE_AGAINST_ALL: _force_against_all,
            FigureKind.TREND: _trend,
            FigureKind.BREAKDOWN: _breakdown,
        }[FigureKind(definition.kind)]
        title = definition.title_for(force_area=self.force.short_name, force_name=self.force.name)
        drawn = draw(
            title=title,
            definition=definition,
            metrics=metrics,
            periods=periods,
            force=self.force,
            data=self.data,
        )
        return RenderedFigure(
            number=number,
            key=key,
            kind=definition.kind,
            title=title,
            source=definition.source,
            notes=definition.notes,
            **drawn,
        )


def figure_renderer(*, programme_id: int, force: Force, keys: Iterable[str] | None = None) -> FigureRenderer:
    """A renderer of the programme's figures (all, or ``keys``) for ``force``: 7 queries, whatever the
    number of figures, forces, metrics or periods."""
    return FigureRenderer(definitions=figure_definitions(programme_id=programme_id, keys=keys), force=force)


def figure_render(*, inspection, key: str, number: int) -> RenderedFigure | None:
    """The figure ``key`` of the inspection's programme, drawn for its force, as figure ``number``."""
    renderer = figure_renderer(programme_id=inspection.programme_id, force=inspection.force, keys=[key])
    return renderer.render(key=key, number=number)


# The kinds. Each returns the fields of RenderedFigure that depend on the data.


def _force_against_all(*, title, definition, metrics, periods, force, data: FigureData) -> dict:
    metric, period = metrics[0].metric, periods[0]
    ranked = data.ranked(metric, period.id)
    national = data.national(metric, period.id)
    figures = {force_id: value.figure(metric) for force_id, value in ranked.items()}
    order = sorted(figures, key=lambda force_id: (-figures[force_id], data.force_names[force_id]))
    national_shown = _national_cell(metric, national)
    rows = [
        (data.force_names[force_id], _cell(metric, figures[force_id], ranked[force_id].generated))
        for force_id in order
    ]
    rows.append((ENGLAND_AND_WALES, national_shown))
    generated = any(value.generated for value in ranked.values()) or _national_generated(national)
    alt = _against_all_words(
        metric=metric, figures=figures, order=order, force=force, data=data, national=national
    )
    alt = _with_generated(alt, generated)
    svg = bar_chart_svg(
        title=title,
        bars=[
            Bar(data.force_names[force_id], float(figures[force_id]), force_id == force.id)
            for force_id in order
        ],
        value_label=definition.value_label,
        reference=float(national.value) if national.value is not None else None,
        reference_label=f"{ENGLAND_AND_WALES} ({metric.format(national.value)})",
        description=alt,
    )
    return {
        "svg": _safe(svg) if order else SafeString(""),
        "alt_text": alt,
        "columns": ("Force", definition.value_label),
        "rows": tuple(rows),
        "highlighted_row": order.index(force.id) if force.id in order else None,
        "generated_values": generated,
    }


def _against_all_words(*, metric: Metric, figures, order, force: Force, data: FigureData, national) -> str:
    national_words = (
        f"{metric.format(national.value)} for {ENGLAND_AND_WALES}"
        if national.value is not None
        else f"no {ENGLAND_AND_WALES} figure"
    )
    if not order:
        return f"No force's value is held; {national_words}."
    highest, lowest = order[0], order[-1]
    spread = (
        f"Forces range from {metric.format(figures[lowest])} ({data.force_names[lowest]}) to "
        f"{metric.format(figures[highest])} ({data.force_names[highest]})."
    )
    if force.id not in figures:
        return f"No value is held for {force.short_name}; {national_words}. {spread}"
    own = figures[force.id]
    higher = sum(1 for figure in figures.values() if figure > own)
    lower = sum(1 for figure in figures.values() if figure < own)
    joint = "joint " if len(figures) - higher - lower > 1 else ""
    if higher == 0:
        place = f"the {joint}highest"
    elif lower == 0:
        place = f"the {joint}lowest"
    else:
        place = f"the {joint}{_ordinal(higher + 1)} highest"
    return (
        f"{force.short_name} {metric.format(own)} against {national_words}; {place} of {len(figures)} "
        f"forces. {spread}"
    )


def _trend(*, title, definition, metrics, periods, force, data: FigureData) -> dict:
    metric = metrics[0].metric
    own_values = [data.force_value(metric, period.id, force.id) for period in periods]
    own = [value.figure(metric) if value is not None else None for value in own_values]
    nationals = [data.national(metric, period.id) for period in periods]
    rows = tuple(
        (
            period.label,
            _cell(metric, figure, value is not None and value.generated),
            _national_cell(metric, national),
        )
        for period, figure, value, national in zip(periods, own, own_values, nationals, strict=True)
    )
    generated = any(value is not None and value.generated for value in own_values) or any(
        _national_generated(national) for national in nationals
    )
    alt = _with_generated(_trend_words(metric, periods, own, nationals, force), generated)
    svg = trend_chart_svg(
        title=title,
        periods=[period.label.replace(" to ", " to\n", 1) for period in periods],
        series=[
            Series(force.short_name, tuple(_float(figure) for figure in own), highlighted=True),
            Series(ENGLAND_AND_WALES, tuple(_float(national.value) for national in nationals)),
        ],
        value_label=definition.value_label,
        description=alt,
    )
    return {
        "svg": _safe(svg),
        "alt_text": alt,
        "columns": ("Period", force.name, ENGLAND_AND_WALES),
        "rows": rows,
        "highlighted_row": None,
        "generated_values": generated,
    }


def _trend_words(
    metric: Metric, periods: list[Period], own, nationals: list[NationalFigure], force: Force
) -> str:
    def movement(name: str, figures: list[Decimal | None]) -> str:
        held = [
            (period, figure) for period, figure in zip(periods, figures, strict=True) if figure is not None
        ]
        if not held:
            return f"no value is held for {name}"
        (first_period, first), (last_period, last) = held[0], held[-1]
        if len(held) == 1:
            return f"{name} {metric.format(first)} in the {first_period.label}"
        verb = "rose" if last > first else "fell" if last < first else "stayed"
        return (
            f"{name} {verb} from {metric.format(first)} in the {first_period.label} to {metric.format(last)} "
            f"in the {last_period.label}"
        )

    national_figures = [national.value for national in nationals]
    return f"{movement(force.short_name, own)}; {movement(ENGLAND_AND_WALES, national_figures)}."


def _breakdown(*, title, definition, metrics: list[FigureMetric], periods, force, data: FigureData) -> dict:
    period = periods[0]
    numbered = any(figure_metric.metric.home_office_outcome for figure_metric in metrics)
    rows, charted, generated = [], [], False
    for figure_metric in metrics:
        metric = figure_metric.metric
        value = data.force_value(metric, period.id, force.id)
        own = value.figure(metric) if value is not None else None
        national = data.national(metric, period.id)
        value_generated = value is not None and value.generated
        generated = generated or value_generated or _national_generated(national)
        cells = [figure_metric.display_label]
        if numbered:
            cells.append(str(metric.home_office_outcome or ""))
        cells += [_cell(metric, own, value_generated), _national_cell(metric, national)]
        rows.append(tuple(cells))
        if figure_metric.in_chart and (own is not None or national.value is not None):
            charted.append((figure_metric.display_label, metric, own, national.value))
    pairs = "; ".join(
        f"{label} {metric.format(own)} against {metric.format(national)}"
        for label, metric, own, national in charted
    )
    alt = _with_generated(
        f"{force.short_name} against {ENGLAND_AND_WALES}, {period.label}: {pairs}."
        if charted
        else "No values held.",
        generated,
    )
    svg = breakdown_chart_svg(
        title=title,
        categories=[label for label, *_ in charted],
        series=[
            Series(force.name, tuple(_float(own) for _, _, own, _ in charted), highlighted=True),
            Series(ENGLAND_AND_WALES, tuple(_float(national) for *_, national in charted)),
        ],
        value_label=definition.value_label,
        description=alt,
    )
    columns = ("Category", *(("Outcome number",) if numbered else ()), force.name, ENGLAND_AND_WALES)
    return {
        "svg": _safe(svg) if charted else SafeString(""),
        "alt_text": alt,
        "columns": columns,
        "rows": tuple(rows),
        "highlighted_row": None,
        "generated_values": generated,
    }


def _cell(metric: Metric, figure: Decimal | None, generated: bool) -> str:
    return metric.format(figure) + (GENERATED_MARK if generated and figure is not None else "")


def _national_cell(metric: Metric, national: NationalFigure) -> str:
    return _cell(metric, national.value, _national_generated(national))


def _national_generated(national: NationalFigure) -> bool:
    """Whether the England and Wales figure shown is computed from values that include generated ones."""
    return national.value is not None and not national.is_published and national.includes_generated


def _with_generated(text: str, generated: bool) -> str:
    return f"{text} Some of these values are generated demo data." if generated else text


def _safe(svg: str) -> SafeString:
    # matplotlib escapes every text it writes into the SVG, and forces.charts escapes the title and desc.
    return mark_safe(svg)  # noqa: S308 - made by matplotlib and forces.charts


def _float(figure: Decimal | None) -> float | None:
    return None if figure is None else float(figure)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
