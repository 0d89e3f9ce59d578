"""The programme file's schema: every key, its kind, whether it is required, its default and its limits.

One description serves the reader (``programmes.reading``), which refuses what does not follow it, and
the writer (``programmes.writing``), which writes keys in this order; docs/frameworks.md documents it.
Length limits are the database's own (each text key names the model field it is stored in).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.text import slugify

from authoring.models import FixedSection, ProgrammeReportText
from figures.models import FigureDefinition, FigureKind, FigureMetric
from peel.models import (
    AnswerSet,
    Applicability,
    Criterion,
    FindingKind,
    FindingType,
    GradeLevel,
    Programme,
    Question,
    QuestionLevel,
)
from reviews.models import DesignKind, DesignTemplate, StratumTemplate

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Key:
    kind: str = "text"  # text, whole number, number, true or false, any (a nested YAML value)
    required: bool = False
    description: str = ""
    default: object = None
    max_length: int | None = None
    choices: Callable[[], list[str]] | None = None
    check: Callable[[object], str | None] | None = None
    shape: "Shape | None" = None  # a mapping
    items: "Key | None" = None  # a list of these


@dataclass(frozen=True)
class Shape:
    description: str
    keys: dict[str, Key] = field(default_factory=dict)


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _slug_check(value: str) -> str | None:
    if slugify(value) != value:
        return f"{value!r} is not a slug (lower-case letters, digits and hyphens)"
    return None


def _year_check(value: int) -> str | None:
    return None if 1900 <= value <= 2100 else f"{value} is not a year"


def _proportion_check(value: float) -> str | None:
    return None if 0 <= value <= 1 else f"{value} is not a proportion between 0 and 1"


def _positive_check(value: int) -> str | None:
    return None if 0 < value <= 10000 else f"{value} is not a number of files from 1 to 10000"


def _format_check(value: int) -> str | None:
    return None if value == FORMAT_VERSION else f"this peel reads format {FORMAT_VERSION}, not {value}"


PROGRAMME = Shape(
    "a mapping with name, slug and year",
    {
        "name": Key(required=True, description="the programme's name", max_length=_limit(Programme, "name")),
        "slug": Key(
            required=True,
            description="its short name in addresses",
            max_length=_limit(Programme, "slug"),
            check=_slug_check,
        ),
        "year": Key("whole number", required=True, description="the year it starts", check=_year_check),
        "previous_version": Key(
            description="the slug of the programme this is a new version of", check=_slug_check
        ),
        "description": Key(default=""),
    },
)

QUESTION = Shape(
    "a mapping with code, level and text",
    {
        "code": Key(required=True, description="e.g. 2.3", max_length=_limit(Question, "code")),
        "level": Key(required=True, description="overall, core or sub", choices=lambda: QuestionLevel.values),
        "parent": Key(description="the code of its parent question", max_length=_limit(Question, "code")),
        "text": Key(required=True, description="the question as the report asks it"),
        "short_title": Key(default="", max_length=_limit(Question, "short_title")),
        "graded": Key("true or false"),
    },
)

CRITERION = Shape(
    "a mapping with code, section and text",
    {
        "code": Key(required=True, description="e.g. C07", max_length=_limit(Criterion, "code")),
        "section": Key(
            required=True, description="the review form's section", max_length=_limit(Criterion, "section")
        ),
        "text": Key(
            required=True,
            description="the question the reviewer answers",
            max_length=_limit(Criterion, "text"),
        ),
        "help_text": Key(default=""),
        "answer_set": Key(default=AnswerSet.YES_PARTLY_NO.value, choices=lambda: AnswerSet.values),
        "applicability": Key(default=Applicability.ALL.value, choices=lambda: Applicability.values),
        "threshold": Key("number", default=0.8, check=_proportion_check),
        "questions": Key(items=Key(required=True, description="a sub-question's code"), default=list),
        "afi_template": Key(default=""),
    },
)

STRATUM = Shape(
    "a mapping with label and crime_type",
    {
        "label": Key(
            required=True, description="as the report names it", max_length=_limit(StratumTemplate, "label")
        ),
        "crime_type": Key(
            required=True,
            description="the crime type as crime lists name it",
            max_length=_limit(StratumTemplate, "crime_type"),
        ),
        "aliases": Key(items=Key(required=True, description="another name for the crime type"), default=list),
        "requires_domestic_abuse": Key("true or false", default=False),
        "quota": Key(
            "whole number",
            default=None,
            description="files drawn from this stratum; give it for every stratum (adding up to the "
            "total) or for none (the total split evenly)",
            check=_positive_check,
        ),
    },
)

SAMPLE_DESIGN = Shape(
    "a mapping with total and strata",
    {
        "kind": Key(default=DesignKind.QUALITY_REVIEW.value, choices=lambda: DesignKind.values),
        "decision_question": Key(default="", max_length=_limit(DesignTemplate, "decision_question")),
        "total": Key("whole number", required=True, description="files in the sample", check=_positive_check),
        "strata": Key(items=Key(shape=STRATUM), default=list),
    },
)

GRADE_LEVEL = Shape(
    "a mapping with code, label, report_wording and colour",
    {
        "code": Key(
            required=True,
            description="stored on judgments, e.g. requires_improvement",
            max_length=_limit(GradeLevel, "code"),
        ),
        "label": Key(
            required=True, description="as a choice and a badge", max_length=_limit(GradeLevel, "label")
        ),
        "report_wording": Key(
            required=True,
            description="as the report's sentences use it",
            max_length=_limit(GradeLevel, "report_wording"),
        ),
        "colour": Key(
            required=True,
            description="the badge's background, #rrggbb",
            max_length=_limit(GradeLevel, "colour"),
        ),
        "is_ungraded": Key("true or false", default=False),
    },
)

FINDING_TYPE = Shape(
    "a mapping with code, label and plural_label",
    {
        "code": Key(required=True, description="the kind of finding", choices=lambda: FindingKind.values),
        "label": Key(
            required=True, description="e.g. Area for improvement", max_length=_limit(FindingType, "label")
        ),
        "plural_label": Key(
            required=True, description="the report's heading", max_length=_limit(FindingType, "plural_label")
        ),
        "has_recommendations": Key("true or false", default=False),
    },
)

FIGURE_METRIC = Shape(
    "a mapping with metric",
    {
        "metric": Key(required=True, description="a metric's code (the force figures' import code)"),
        "label": Key(default="", max_length=_limit(FigureMetric, "label")),
        "in_chart": Key("true or false", default=True),
    },
)

FIGURE = Shape(
    "a mapping with key, kind, title and value_label",
    {
        "key": Key(
            required=True,
            description="how the report's text places it",
            max_length=_limit(FigureDefinition, "key"),
            check=_slug_check,
        ),
        "kind": Key(required=True, description="how it is drawn", choices=lambda: FigureKind.values),
        "title": Key(required=True, description="the caption", max_length=_limit(FigureDefinition, "title")),
        "value_label": Key(
            required=True,
            description="what the values are",
            max_length=_limit(FigureDefinition, "value_label"),
        ),
        "metrics": Key(items=Key(shape=FIGURE_METRIC), default=list),
        "periods": Key(items=Key(required=True, description="a period's code"), default=list),
        "source": Key(default="", max_length=_limit(FigureDefinition, "source")),
        "notes": Key(default=""),
    },
)

REPORT_TEXT = Shape(
    "a mapping with key and body",
    {
        "key": Key(required=True, description="which section", choices=lambda: FixedSection.values),
        "title": Key(default="", max_length=_limit(ProgrammeReportText, "title")),
        "body": Key(default="", max_length=ProgrammeReportText._meta.get_field("body").max_length),
    },
)

FILE = Shape(
    "a mapping with format, programme and questions",
    {
        "format": Key("whole number", required=True, description=f"{FORMAT_VERSION}", check=_format_check),
        "programme": Key(shape=PROGRAMME, required=True, description="name, slug and year"),
        "questions": Key(
            items=Key(shape=QUESTION), required=True, description="the overall, core and sub-questions"
        ),
        "grade_scale": Key(items=Key(shape=GRADE_LEVEL)),
        "finding_types": Key(items=Key(shape=FINDING_TYPE)),
        "criteria": Key(items=Key(shape=CRITERION), default=list),
        "sample_design": Key(shape=SAMPLE_DESIGN),
        "grading_rules": Key("any"),
        "figures": Key(items=Key(shape=FIGURE), default=list),
        "report_texts": Key(items=Key(shape=REPORT_TEXT), default=list),
    },
)
