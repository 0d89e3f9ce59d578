"""What the report page shows is made of, as one key: the SHA-256 of every row the rendered report reads.

``report_page_key`` is content-addressed: it is computed from the rows themselves on every request, so
any change to what the report shows (a section's text, a judgment, a compile, a force's figure, a
programme's framework, a published correction) gives a new key and the page is rendered afresh; nothing
is ever deleted from the cache to keep it right. Its rows (``TABLES``, read whole in one query):

- the inspection's own: judgments, summaries, AFIs, causes of concern and their recommendations, notable
  practice, assessments of the previous findings, sections, title page details, successful compile runs
  (what a compile writes beside them, the results, the evidence under each question and the audit's
  estimate, is written by a new run), strata, corrections and published versions (not their PDFs); and
  its case files' and reviews' states, from which Annex A counts the files reviewed live between
  compiles;
- the previous inspection (its findings are frozen while it is published; reopening it changes its row);
- the programme's: its texts, questions, criteria, grade levels (and the previous programme's), kinds of
  finding and figures; the forces, metrics, periods, exclusions and published England and Wales figures
  the figures and Force in numbers compare; and the figures' values, which are many, as their count,
  newest change and sums (a value is written by ``save``/``update_or_create``, which move its
  ``updated_at``, or created anew);

with the inspection, its force and programme as loaded; the day, for a draft (its title page is dated by
the day); and the code that renders it (``RENDERING_VERSION`` and the templates' text), so that a deploy
which changes the report's markup does not serve pages rendered before it.

Everything ``report_content_digest`` reads is among these rows, so the digest is kept under the same key.
One query, whatever the number of forces, files or figures.
"""

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from authoring.models import ProgrammeReportText, ReportDetails, ReportSection
from figures.models import FigureDefinition, FigureMetric
from forces.models import Force, Metric, MetricExclusion, MetricValue, Period, PublishedFigure
from peel.models import (
    AreaForImprovement,
    CauseOfConcern,
    Criterion,
    FindingSummary,
    FindingType,
    GradeLevel,
    Inspection,
    Judgment,
    NotablePractice,
    PreviousFindingAssessment,
    Question,
    Recommendation,
)
from publication.models import Correction, Publication
from reports.models import CompileRun, CompileStatus
from reviews.models import CaseFile, Review, Stratum

# Raise when Python code changes what the rendered report looks like (the templates are read below).
RENDERING_VERSION = 1
RENDERING_TEMPLATES = (
    "reports/report",
    "figures/_figure.html",
    "reports/_results_table.html",
    "reports/_audit_estimate.html",
)


def _fields(instance: Model) -> list:
    return [getattr(instance, field.attname) for field in instance._meta.concrete_fields]


class Rows(NamedTuple):
    """The rows of one kind: ``condition`` names its parameters in ``parameters``; every column, or
    ``columns`` (a published version's PDF is not read, nor anything the report does not show)."""

    kind: str
    model: type[Model]
    condition: str
    parameters: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()


_INSPECTION, _PROGRAMME = "{table}.inspection_id = %s", "{table}.programme_id = %s"
_OF_PROGRAMME = "SELECT id FROM {0} WHERE programme_id = %s"  # noqa: S608 (a table name, below)
_OF_INSPECTION = "SELECT id FROM {0} WHERE inspection_id = %s"  # noqa: S608
_FIGURES = _OF_PROGRAMME.format(FigureDefinition._meta.db_table)
_AFIS, _CAUSES = (
    _OF_INSPECTION.format(model._meta.db_table) for model in (AreaForImprovement, CauseOfConcern)
)
_PREVIOUS_PROGRAMME = f"SELECT programme_id FROM {Inspection._meta.db_table} WHERE id = %s"  # noqa: S608
TABLES = (
    # The inspection's own rows: what the report says, and what the compile proposed.
    Rows("judgments", Judgment, _INSPECTION, ("inspection",)),
    Rows("summaries", FindingSummary, _INSPECTION, ("inspection",)),
    Rows("afis", AreaForImprovement, _INSPECTION, ("inspection",)),
    Rows("causes", CauseOfConcern, _INSPECTION, ("inspection",)),
    Rows(
        "recommendations",
        Recommendation,
        f"{{table}}.afi_id IN ({_AFIS}) OR {{table}}.cause_of_concern_id IN ({_CAUSES})",
        ("inspection", "inspection"),
    ),
    Rows("practices", NotablePractice, _INSPECTION, ("inspection",)),
    Rows("assessments", PreviousFindingAssessment, _INSPECTION, ("inspection",)),
    Rows("sections", ReportSection, _INSPECTION, ("inspection",)),
    Rows("details", ReportDetails, _INSPECTION, ("inspection",)),
    Rows(
        "compile_runs",
        CompileRun,
        _INSPECTION + f" AND {{table}}.status = '{CompileStatus.SUCCEEDED}'",
        ("inspection",),
    ),
    Rows("strata", Stratum, _INSPECTION, ("inspection",)),
    # What Annex A counts live between compiles: the files in the sample whose first review is accepted.
    Rows("case_files", CaseFile, _INSPECTION, ("inspection",), ("id", "stratum", "status")),
    Rows(
        "reviews",
        Review,
        f"{{table}}.case_file_id IN ({_OF_INSPECTION.format(CaseFile._meta.db_table)})",
        ("inspection",),
        ("id", "case_file", "kind", "status"),
    ),
    Rows("corrections", Correction, _INSPECTION, ("inspection",)),
    Rows(
        "publications",
        Publication,
        _INSPECTION,
        ("inspection",),
        ("id", "version", "published_on", "correction_notice", "content_digest"),
    ),
    Rows("previous", Inspection, "{table}.id = %s", ("previous",)),
    Rows("programme_texts", ProgrammeReportText, _PROGRAMME, ("programme",)),
    # The programme's definitions (and the previous inspection's grade levels), and what the figures
    # and Force in numbers compare.
    Rows("questions", Question, _PROGRAMME, ("programme",)),
    Rows("criteria", Criterion, _PROGRAMME, ("programme",)),
    Rows(
        "grade_levels",
        GradeLevel,
        _PROGRAMME + f" OR {{table}}.programme_id IN ({_PREVIOUS_PROGRAMME})",
        ("programme", "previous"),
    ),
    Rows("finding_types", FindingType, _PROGRAMME, ("programme",)),
    Rows("figures", FigureDefinition, _PROGRAMME, ("programme",)),
    Rows("figure_metrics", FigureMetric, f"{{table}}.figure_id IN ({_FIGURES})", ("programme",)),
    Rows(
        "figure_periods",
        FigureDefinition.periods.through,
        f"{{table}}.figuredefinition_id IN ({_FIGURES})",
        ("programme",),
    ),
    Rows("forces", Force, "1 = 1"),
    Rows("metrics", Metric, "1 = 1"),
    Rows("periods", Period, "1 = 1"),
    Rows("exclusions", MetricExclusion, "1 = 1"),
    Rows("published_figures", PublishedFigure, "1 = 1"),
)
# Each row as one text of its columns: a column's text, or NULL_MARK for NULL, each followed by
# SEPARATOR (control characters, which no edited text holds).
NULL_MARK, SEPARATOR = "\x1e", "\x1f"


def _select(rows: Rows) -> str:
    """One kind's rows as (kind, id, text). Nothing in it comes from a request: the names are the
    models', the kinds and conditions this module's."""
    quote, meta = connection.ops.quote_name, rows.model._meta
    table = quote(meta.db_table)
    fields = [meta.get_field(name) for name in rows.columns] if rows.columns else meta.concrete_fields
    text = " || ".join(
        f"COALESCE(CAST({table}.{quote(field.column)} AS TEXT), '{NULL_MARK}') || '{SEPARATOR}'"
        for field in fields
    )
    where = rows.condition.format(table=table)
    return f"SELECT '{rows.kind}', {table}.{quote(meta.pk.column)}, {text} FROM {table} WHERE ({where})"  # noqa: S608


def _metric_values_select() -> str:
    """The force figures' values, which are many, as one row: their count, newest change and sums."""
    table = connection.ops.quote_name(MetricValue._meta.db_table)
    text = " || ".join(
        f"COALESCE(CAST({aggregate} AS TEXT), '{NULL_MARK}') || '{SEPARATOR}'"
        for aggregate in (
            "COUNT(*)",
            "MAX(id)",
            "MAX(updated_at)",
            "SUM(numerator)",
            "SUM(denominator)",
            "SUM(value)",
        )
    )
    return f"SELECT 'metric_values', 0, {text} FROM {table}"  # noqa: S608


@cache
def _rows_sql() -> str:
    """Written once per process: the ORM took longer to compile this union than the database to run it."""
    return " UNION ALL ".join([*(_select(rows) for rows in TABLES), _metric_values_select()])


def _rows(inspection: Inspection) -> list[tuple[str, int, str]]:
    """(kind, id, the row's text) of every row of ``TABLES``, in one query."""
    values = {
        "inspection": inspection.pk,
        "programme": inspection.programme_id,
        "previous": inspection.previous_id or 0,
    }
    with connection.cursor() as cursor:
        cursor.execute(_rows_sql(), [values[name] for rows in TABLES for name in rows.parameters])
        return sorted(cursor.fetchall())


@cache
def rendering_code_digest() -> str:
    """The report templates' text with ``RENDERING_VERSION``: read once per process."""
    digest = hashlib.sha256(str(RENDERING_VERSION).encode())
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for name in RENDERING_TEMPLATES:
            path = Path(directory) / name
            for template in sorted(path.rglob("*.html")) if path.is_dir() else [path]:
                if template.is_file():
                    digest.update(template.read_bytes())
    return digest.hexdigest()


def report_page_key(*, inspection: Inspection) -> str:
    """The key of the report as the page shows it now."""
    sources = {
        "day": "" if inspection.is_published else str(timezone.localdate()),
        "code": rendering_code_digest(),
        "inspection": _fields(inspection),
        "force": _fields(inspection.force),
        "programme": _fields(inspection.programme),
    }
    digest = hashlib.sha256(json.dumps(sources, sort_keys=True, default=str).encode())
    for kind, pk, text in _rows(inspection):
        digest.update(f"{SEPARATOR}{kind}{SEPARATOR}{pk}{SEPARATOR}{text}".encode())
    return digest.hexdigest()
