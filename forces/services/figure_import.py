"""Import force figures from a CSV or XLSX file: all rows or none.

The file has a header row (row 1) naming its columns: ``force``, ``metric``, ``period`` and either
``numerator`` and ``denominator`` (a rate or proportion) or ``value``. A force is named by its slug, short
name or official name; a metric by its code or name; a period by its code or label (all case-insensitive).
Every problem is reported with its row number and column, unknown force and metric names are listed, and
nothing is saved unless every row is right. A row for a force, metric and period that already has a value
replaces it.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from forces.models import Force, Metric, MetricValue, Period
from forces.services.figures import to_four_places
from forces.workbooks import WorkbookLimits, WorkbookRefused, workbook_rows

COLUMNS = ("force", "metric", "period", "numerator", "denominator", "value")
NAME_COLUMNS = ("force", "metric", "period")
NUMBER_COLUMNS = ("numerator", "denominator", "value")
MAX_ROWS = 50_000
MAX_PROBLEMS_LISTED = 200
XLSX_LIMITS = WorkbookLimits(max_rows=MAX_ROWS + 1, max_columns=50, max_uncompressed_bytes=100_000_000)


@dataclass(frozen=True)
class ImportProblem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class FigureImportError(Exception):
    problems: list[ImportProblem]
    unknown_forces: list[str] = field(default_factory=list)
    unknown_metrics: list[str] = field(default_factory=list)
    unknown_periods: list[str] = field(default_factory=list)

    def messages(self) -> list[str]:
        lines = []
        for kind, names in (
            ("forces", self.unknown_forces),
            ("metrics", self.unknown_metrics),
            ("periods", self.unknown_periods),
        ):
            if names:
                lines.append(f"Unknown {kind}: {', '.join(repr(name) for name in names)}.")
        lines += [str(problem) for problem in self.problems[:MAX_PROBLEMS_LISTED]]
        if len(self.problems) > MAX_PROBLEMS_LISTED:
            lines.append(f"… and {len(self.problems) - MAX_PROBLEMS_LISTED} more problems.")
        lines.append("Nothing was imported.")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.messages())


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int

    @property
    def rows(self) -> int:
        return self.created + self.updated

    def summary(self, filename: str) -> str:
        figures = "figure" if self.rows == 1 else "figures"
        return f"Imported {self.rows} {figures} from {filename}: {self.created} new, {self.updated} replaced."


def figures_import(*, content: bytes, filename: str) -> ImportResult:
    """Validate every row of the file, then save them all in one transaction; raises FigureImportError."""
    table = _read_table(content, filename)
    header_row, *data_rows = table
    columns = _columns(header_row)
    values = _validated_values(columns, data_rows, header_width=len(header_row[1]))
    return _save(values)


# --- reading ---------------------------------------------------------------------------------------


def _read_table(content: bytes, filename: str) -> list[tuple[int, list]]:
    """The file's non-blank rows as (row number, cells); row 1 is the header."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _read_xlsx(content)
    elif name.endswith(".csv"):
        rows = _read_csv(content)
    else:
        raise FigureImportError([ImportProblem(None, None, "The file must be a .csv or an .xlsx file.")])
    numbered = [
        (number, cells)
        for number, cells in enumerate(rows, start=1)
        if any(cell not in (None, "") and str(cell).strip() for cell in cells)
    ]
    if not numbered or numbered[0][0] != 1:
        raise FigureImportError(
            [ImportProblem(1, None, "the file must start with a header row naming its columns")]
        )
    if len(numbered) == 1:
        raise FigureImportError([ImportProblem(None, None, "The file has a header row but no figures.")])
    if len(numbered) > MAX_ROWS + 1:
        raise FigureImportError(
            [ImportProblem(None, None, f"The file has more than {MAX_ROWS:,} rows: split it.")]
        )
    return numbered


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FigureImportError(
            [ImportProblem(None, None, "The file is not UTF-8 text: save it as 'CSV UTF-8' or as .xlsx.")]
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as error:
        raise FigureImportError(
            [ImportProblem(reader.line_num, None, f"the CSV cannot be read ({error})")]
        ) from error


def _read_xlsx(content: bytes) -> list[list]:
    """Every row, with blank rows in the gaps; ``workbook_rows`` stops at the first row over the limits."""
    try:
        return [cells for _, cells in workbook_rows(io.BytesIO(content), limits=XLSX_LIMITS)]
    except WorkbookRefused as refused:
        raise FigureImportError([ImportProblem(None, None, str(refused))]) from refused
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FigureImportError(
            [ImportProblem(None, None, "The file is not a readable .xlsx workbook.")]
        ) from error


def _columns(header_row: tuple[int, list]) -> dict[str, int]:
    """Column name → index, checked: known names, no repeats, the required ones present."""
    _, cells = header_row
    columns: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(cells):
        name = "" if cell is None else str(cell).strip().lower()
        if not name:
            continue
        if name not in COLUMNS:
            problems.append(ImportProblem(1, name, f"unknown column (the columns are: {', '.join(COLUMNS)})"))
        elif name in columns:
            problems.append(ImportProblem(1, name, "appears twice"))
        else:
            columns[name] = index
    for name in NAME_COLUMNS:
        if name not in columns:
            problems.append(ImportProblem(1, None, f"the header row has no '{name}' column"))
    if "value" not in columns and not {"numerator", "denominator"} <= set(columns):
        problems.append(
            ImportProblem(1, None, "the header row needs 'numerator' and 'denominator' columns, or 'value'")
        )
    if problems:
        raise FigureImportError(problems)
    return columns


# --- validating ------------------------------------------------------------------------------------


class _Lookup:
    """Names as users write them (case-insensitive) → the row they mean."""

    def __init__(self):
        self.forces = {}
        for force in Force.objects.all():
            for key in (force.slug, force.short_name, force.name):
                self.forces[key.lower()] = force
        self.metrics = {}
        for metric in Metric.objects.all():
            self.metrics[metric.name.lower()] = metric
            self.metrics[metric.code.lower()] = metric
        self.periods = {}
        for period in Period.objects.all():
            self.periods[period.label.lower()] = period
            self.periods[period.code.lower()] = period


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _number(cell) -> Decimal | None:
    """A Decimal from a cell: blank is None; thousands separators are allowed; raises ValueError."""
    if isinstance(cell, bool):
        raise ValueError
    if isinstance(cell, int | float | Decimal):
        number = Decimal(str(cell))
    else:
        text = _text(cell).replace(",", "").replace(" ", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ValueError from error
    if not number.is_finite():
        raise ValueError
    return number


@dataclass(frozen=True)
class _Value:
    metric: Metric
    force: Force
    period: Period
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None


def _validated_values(
    columns: dict[str, int], rows: list[tuple[int, list]], *, header_width: int
) -> list[_Value]:
    lookup = _Lookup()
    problems: list[ImportProblem] = []
    unknown = {"force": {}, "metric": {}, "period": {}}
    seen: dict[tuple[int, int, int], int] = {}
    values = []

    def cell(cells, name):
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in rows:
        if len(cells) > header_width:
            problems.append(
                ImportProblem(
                    number,
                    None,
                    "has more cells than the header row has columns (a name with a comma needs quotes)",
                )
            )
            continue
        found = {}
        for name, table in (("force", lookup.forces), ("metric", lookup.metrics), ("period", lookup.periods)):
            text = _text(cell(cells, name))
            if not text:
                problems.append(ImportProblem(number, name, "is empty"))
            elif text.lower() not in table:
                problems.append(ImportProblem(number, name, f"no {name} is called '{text}'"))
                unknown[name].setdefault(text, None)
            else:
                found[name] = table[text.lower()]
        figures = {}
        for name in NUMBER_COLUMNS:
            raw = cell(cells, name)
            try:
                figures[name] = _number(raw)
            except ValueError:
                problems.append(ImportProblem(number, name, f"'{_text(raw)}' is not a number"))
        if len(found) < 3 or len(figures) < 3:
            continue
        metric, force, period = found["metric"], found["force"], found["period"]
        row_problems = metric.figure_problems(**figures)
        problems += [ImportProblem(number, column, message) for column, message in row_problems]
        key = (metric.id, force.id, period.id)
        if key in seen:
            problems.append(
                ImportProblem(
                    number,
                    None,
                    f"repeats row {seen[key]} ({force.short_name}, {metric.code}, {period.label})",
                )
            )
        seen.setdefault(key, number)
        if not row_problems:
            values.append(_Value(metric, force, period, **{k: to_four_places(v) for k, v in figures.items()}))
    if problems:
        raise FigureImportError(
            problems,
            unknown_forces=list(unknown["force"]),
            unknown_metrics=list(unknown["metric"]),
            unknown_periods=list(unknown["period"]),
        )
    return values


# --- saving ----------------------------------------------------------------------------------------


def _save(values: list[_Value]) -> ImportResult:
    now = timezone.now()
    keys = {(value.metric.id, value.force.id, value.period.id) for value in values}
    with transaction.atomic():
        existing = {
            key
            for key in MetricValue.objects.filter(
                metric_id__in={key[0] for key in keys},
                force_id__in={key[1] for key in keys},
                period_id__in={key[2] for key in keys},
            ).values_list("metric_id", "force_id", "period_id")
            if key in keys
        }
        MetricValue.objects.bulk_create(
            [
                MetricValue(
                    metric=value.metric,
                    force=value.force,
                    period=value.period,
                    numerator=value.numerator,
                    denominator=value.denominator,
                    value=value.value,
                    generated=False,
                    updated_at=now,
                )
                for value in values
            ],
            update_conflicts=True,
            unique_fields=["metric", "force", "period"],
            update_fields=["numerator", "denominator", "value", "generated", "updated_at"],
        )
    return ImportResult(created=len(keys - existing), updated=len(existing))
