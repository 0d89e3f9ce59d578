"""Writing a programme as its file: every part in the schema's order, each section introduced by a
comment, so that the file can be read and edited by hand and loaded back (``programmes.services``).

The text depends only on what the programme holds: writing, loading under another name and writing
again gives the same file but for the name and slug.
"""

import contextlib
import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from authoring.models import ProgrammeReportText
from figures.models import FigureDefinition
from peel.models import Programme, QuestionLevel
from peel.services.scales import scale_as_data
from programmes.schema import FORMAT_VERSION
from reports.services.grading import GradingRulesError, default_rules_for
from reviews.models import DesignTemplate

HEADER = f"""\
A peel programme file (format {FORMAT_VERSION}): everything that makes a programme, as data.
Load it with `python manage.py load_framework FILE` or the admin's "Upload a programme" page;
the schema (every key, its kind, required or optional, its default) is in docs/frameworks.md.
A programme used by an inspection never changes: load a changed file as a new version, with a new
name and slug and previous_version naming the programme it follows.
Lines starting with # are comments: peel ignores them and does not keep them."""

SECTION_COMMENTS = {
    "programme": "The programme: name and slug (both unique), the year it starts, the version it follows.",
    "questions": (
        "The question framework, in report order: one overall question, then each core question followed\n"
        "by its sub-questions. parent is the code of the question above; graded says whether it gets a\n"
        "grade (sub-questions are not graded unless set). {force_area} becomes the force's area."
    ),
    "grade_scale": (
        "The grade scale, best first: code (stored on judgments), label (choices and badges),\n"
        "report_wording (the report's sentences) and colour (#rrggbb; the text on it is black or white,\n"
        "whichever contrasts more). is_ungraded marks the one narrative-only option for ungraded questions."
    ),
    "finding_types": (
        "The kinds of finding the programme's reports name, in the report's order: area_for_improvement,\n"
        "cause_of_concern, innovative_practice, promising_practice. has_recommendations: whether findings\n"
        "of the type carry recommendations with due dates."
    ),
    "criteria": (
        "The case-file review's criteria, in form order. answer_set: yes_partly_no or yes_no.\n"
        "applicability: which files it applies to (all, domestic_abuse, vulnerable_victim,\n"
        "vulnerable_or_domestic_abuse, evidential_difficulties, suspect_identified,\n"
        "victim_did_not_support); on other files it is answered 'not applicable'.\n"
        "threshold: the proportion met below which the compile drafts an area for improvement\n"
        "from afi_template ({met}, {n}, {percent} are filled in).\n"
        "questions: the sub-questions it is evidence for."
    ),
    "sample_design": (
        "The default sample design, copied into each inspection: the total number of files and each\n"
        "stratum's quota, or, with no quotas, the total split as evenly as possible over the strata in\n"
        "this order (the lead may change quotas before the draw)."
    ),
    "figures": (
        "The report's figures: key places it in a section's text ({{figure:KEY}}); kind is how it is\n"
        "drawn (force_against_all: one metric, one period; trend: one metric over two or more periods;\n"
        "breakdown: one or more metrics, one period); metrics and periods by their codes in the force\n"
        "figures. title may use {force_area} and {force_name}; notes go to annex A."
    ),
    "report_texts": (
        "The programme's own report texts (introduction, next-steps, annex-a), in the narrative markup\n"
        "(docs/report.md); each inspection's section of the same key adds to them."
    ),
    "grading_rules": (
        "The rules the compile uses to propose grades (docs/grading.md): bands tried in order, the first\n"
        "whose conditions hold is proposed; the last band is the fallback."
    ),
}

# The grading rules are stored as JSON, whose key order the database may change (PostgreSQL's jsonb
# sorts keys): they are written in this order, then any other key alphabetically.
RULE_KEY_ORDER = [
    "version",
    "name",
    "bands",
    "grade",
    "when",
    "conditions",
    "measure",
    "op",
    "value",
    "overall",
]


def _text(value: str):
    """Text with line breaks is written as a literal block, so it reads as it will be shown."""
    return LiteralScalarString(value) if "\n" in value else value


def _rules(value):
    if isinstance(value, dict):
        rank = {key: index for index, key in enumerate(RULE_KEY_ORDER)}
        keys = sorted(value, key=lambda key: (rank.get(key, len(rank)), key))
        return CommentedMap((key, _rules(value[key])) for key in keys)
    if isinstance(value, list):
        return CommentedSeq(_rules(item) for item in value)
    return value


def _threshold(value) -> float | int:
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def programme_document(programme: Programme) -> CommentedMap:
    """The programme as the file's YAML document (questions, criteria and design read in 4 queries)."""
    document = CommentedMap()
    document.yaml_set_start_comment(HEADER)
    document["format"] = FORMAT_VERSION
    spec = CommentedMap()
    spec["name"] = programme.name
    spec["slug"] = programme.slug
    spec["year"] = programme.year
    if programme.previous_version_id:
        spec["previous_version"] = programme.previous_version.slug
    spec["description"] = _text(programme.description)
    document["programme"] = spec

    questions = CommentedSeq()
    codes = {}
    for question in programme.questions.order_by("order", "code"):
        codes[question.pk] = question.code
        row = CommentedMap()
        row["code"] = question.code
        row["level"] = question.level
        if question.level != QuestionLevel.OVERALL:
            row["parent"] = codes.get(question.parent_id)
        row["text"] = _text(question.text)
        if question.short_title:
            row["short_title"] = question.short_title
        row["graded"] = question.graded
        questions.append(row)
    document["questions"] = questions

    levels, finding_types = scale_as_data(programme)
    document["grade_scale"] = CommentedSeq(CommentedMap(level) for level in levels)
    document["finding_types"] = CommentedSeq(CommentedMap(finding_type) for finding_type in finding_types)

    criteria = CommentedSeq()
    for criterion in programme.criteria.order_by("order", "code").prefetch_related("questions"):
        row = CommentedMap()
        row["code"] = criterion.code
        row["section"] = criterion.section
        row["text"] = criterion.text
        row["help_text"] = _text(criterion.help_text)
        row["answer_set"] = criterion.answer_set
        row["applicability"] = criterion.applicability
        row["threshold"] = _threshold(criterion.threshold)
        linked = sorted(criterion.questions.all(), key=lambda question: (question.order, question.code))
        row["questions"] = CommentedSeq(question.code for question in linked)
        row["questions"].fa.set_flow_style()
        row["afi_template"] = _text(criterion.afi_template)
        criteria.append(row)
    document["criteria"] = criteria

    template = DesignTemplate.objects.filter(programme=programme).prefetch_related("strata").first()
    if template is not None:
        design = CommentedMap()
        design["kind"] = template.kind
        if template.decision_question:
            design["decision_question"] = template.decision_question
        design["total"] = template.total
        strata = CommentedSeq()
        for stratum in sorted(template.strata.all(), key=lambda s: (s.order, s.label)):
            row = CommentedMap()
            row["label"] = stratum.label
            row["crime_type"] = stratum.crime_type
            aliases = [alias.strip() for alias in stratum.crime_type_aliases.splitlines() if alias.strip()]
            row["aliases"] = CommentedSeq(aliases)
            row["requires_domestic_abuse"] = stratum.requires_domestic_abuse
            if stratum.quota is not None:
                row["quota"] = stratum.quota
            strata.append(row)
        design["strata"] = strata
        document["sample_design"] = design

    # A scale peel has no default rules for, and no rules given: the file has none either.
    with contextlib.suppress(GradingRulesError):
        rules = programme.grading_rules or default_rules_for(programme.grade_scale)
        document["grading_rules"] = _rules(rules)

    figures = CommentedSeq()
    definitions = (
        FigureDefinition.objects.filter(programme=programme)
        .order_by("order", "key")
        .prefetch_related("periods", "figure_metrics__metric")
    )
    for definition in definitions:
        row = CommentedMap()
        row["key"] = definition.key
        row["kind"] = definition.kind
        row["title"] = definition.title
        row["value_label"] = definition.value_label
        metrics = CommentedSeq()
        for figure_metric in sorted(definition.figure_metrics.all(), key=lambda m: (m.order, m.pk)):
            metric = CommentedMap()
            metric["metric"] = figure_metric.metric.code
            if figure_metric.label:
                metric["label"] = figure_metric.label
            metric["in_chart"] = figure_metric.in_chart
            metrics.append(metric)
        row["metrics"] = metrics
        periods = sorted(definition.periods.all(), key=lambda period: (period.ends_on, period.code))
        row["periods"] = CommentedSeq(period.code for period in periods)
        row["source"] = definition.source
        row["notes"] = _text(definition.notes)
        figures.append(row)
    document["figures"] = figures

    texts = CommentedSeq()
    for text in ProgrammeReportText.objects.filter(programme=programme).order_by("key"):
        row = CommentedMap()
        row["key"] = text.key
        row["title"] = text.title
        row["body"] = _text(text.body)
        texts.append(row)
    document["report_texts"] = texts

    for key, comment in SECTION_COMMENTS.items():
        if key in document and key != "programme":
            document.yaml_set_comment_before_after_key(key, before="\n" + comment)
    document.yaml_set_comment_before_after_key("programme", before=SECTION_COMMENTS["programme"])
    return document


def programme_file_text(programme: Programme) -> str:
    """The programme's file, as text."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # no folding: a folded line would end in a space
    out = io.StringIO()
    yaml.dump(programme_document(programme), out)
    return out.getvalue()


def programme_file_name(programme: Programme) -> str:
    return f"{programme.slug}.yaml"
