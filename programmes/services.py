"""Loading a programme file: as a new programme, or over an unused programme with the same slug.

Everything is checked before anything is written; a refusal names every problem with its line and
column, and writes nothing. A programme used by an inspection is never changed: load the file as a new
version instead (a new name and slug, and ``previous_version`` naming the programme it follows).
"""

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from authoring.models import FixedSection, ProgrammeReportText
from figures.models import FigureDefinition, FigureMetric
from forces.models import Metric, Period
from peel.markup import markup_problems
from peel.models import Criterion, GradeLevel, GradeScale, Programme, Question, QuestionLevel
from peel.services.scales import (
    PEEL_2016_FINDING_TYPES,
    PEEL_2016_LEVELS,
    finding_types_problems,
    finding_types_set,
    grade_levels_problems,
    grade_scale_set,
)
from programmes.reading import Problem, ProgrammeFileError, at_position, path_position, programme_file_read
from programmes.writing import programme_file_text
from reports.services.grading import rules_problems
from reviews.models import DesignKind, DesignTemplate, StratumTemplate

# The programmes peel ships, one file each, named by slug (e.g. peel-2023-25.yaml).
SHIPPED_PROGRAMMES = Path(settings.BASE_DIR) / "peel" / "data" / "programmes"

PARENT_LEVEL = {QuestionLevel.CORE: QuestionLevel.OVERALL, QuestionLevel.SUB: QuestionLevel.CORE}
VERSION_SUFFIX = re.compile(r" \(version \d+\)$")


def _relations_problems(data: dict, document) -> list[Problem]:
    """What the schema cannot see: codes used twice, parents, links to sub-questions."""
    problems: list[Problem] = []

    def problem(message, position):
        problems.append(Problem(message, **at_position(position)))

    def at(path):
        return path_position(document, path)

    levels: dict[str, str] = {}
    for number, (question, position) in enumerate(data["questions"], start=1):
        where = f"questions[{number}]"
        code, level, parent = question["code"], question["level"], question.get("parent")
        if code in levels:
            problem(f"{where}.code: {code!r} is used by an earlier question", at(f"{where}.code"))
        if level == QuestionLevel.OVERALL:
            if number != 1:
                problem(f"{where}: the overall question comes first, and only once", position)
            if parent:
                problem(f"{where}.parent: the overall question has no parent", at(f"{where}.parent"))
        elif not parent:
            problem(
                f"{where}.parent: missing (a {level} question's parent is a {PARENT_LEVEL[level]} question)",
                position,
            )
        elif parent not in levels:
            problem(f"{where}.parent: no earlier question has the code {parent!r}", at(f"{where}.parent"))
        elif levels[parent] != PARENT_LEVEL[level]:
            problem(
                f"{where}.parent: {parent!r} is a {levels[parent]} question; a {level} question's parent "
                f"is a {PARENT_LEVEL[level]} question",
                at(f"{where}.parent"),
            )
        levels.setdefault(code, level)
    if not data["questions"] or data["questions"][0][0]["level"] != QuestionLevel.OVERALL:
        problems.append(
            Problem("questions: the first question must be the overall question (level: overall)")
        )

    seen: set[str] = set()
    for number, (criterion, _) in enumerate(data["criteria"], start=1):
        where = f"criteria[{number}]"
        if criterion["code"] in seen:
            problem(
                f"{where}.code: {criterion['code']!r} is used by an earlier criterion", at(f"{where}.code")
            )
        seen.add(criterion["code"])
        for code, code_position in criterion["questions"]:
            if levels.get(code) != QuestionLevel.SUB:
                problem(f"{where}.questions: no sub-question has the code {code!r}", code_position)

    labels: set[str] = set()
    design = data.get("sample_design")
    if design and design["kind"] == DesignKind.AUDIT and not design["decision_question"].strip():
        problem(
            "sample_design.decision_question: missing (an audit decides each file on one yes/no question, "
            "e.g. Was the crime correctly recorded?)",
            at("sample_design"),
        )
    for number, (stratum, _) in enumerate(design["strata"] if design else [], start=1):
        if stratum["label"] in labels:
            where = f"sample_design.strata[{number}].label"
            problem(f"{where}: {stratum['label']!r} is used twice", at(where))
        labels.add(stratum["label"])
    if design:
        problems += _quota_problems(design, at)
    return problems


def _quota_problems(design: dict, at) -> list[Problem]:
    """Quotas for every stratum, adding up to the total, or for none."""
    quotas = [stratum.get("quota") for stratum, _ in design["strata"]]
    given = [quota for quota in quotas if quota is not None]
    if not given:
        return []
    if len(given) < len(quotas):
        missing = next(number for number, quota in enumerate(quotas, start=1) if quota is None)
        where = f"sample_design.strata[{missing}]"
        return [
            Problem(
                f"{where}.quota: missing (give a quota for every stratum, or for none)",
                **at_position(at(where)),
            )
        ]
    if sum(given) != design["total"]:
        return [
            Problem(
                f"sample_design.total: {design['total']}, but the strata's quotas add up to {sum(given)}",
                **at_position(at("sample_design.total")),
            )
        ]
    return []


def _figures_problems(data: dict, document) -> list[Problem]:
    """Figure keys used once, metrics and periods that exist, as many as the figure's kind draws."""
    if not data["figures"]:
        return []
    metric_codes = set(Metric.objects.values_list("code", flat=True))
    period_codes = set(Period.objects.values_list("code", flat=True))
    problems = []
    keys: set[str] = set()
    for number, (figure, _) in enumerate(data["figures"], start=1):
        where = f"figures[{number}]"

        def problem(message, path, where=where):
            problems.append(
                Problem(f"{where}{message}", **at_position(path_position(document, f"{where}{path}")))
            )

        if figure["key"] in keys:
            problem(f".key: {figure['key']!r} is used by an earlier figure", ".key")
        keys.add(figure["key"])
        metrics = [metric["metric"] for metric, _ in figure["metrics"]]
        for index, code in enumerate(metrics, start=1):
            if code not in metric_codes:
                problem(
                    f".metrics[{index}].metric: no metric has the code {code!r}", f".metrics[{index}].metric"
                )
            elif code in metrics[: index - 1]:
                problem(f".metrics[{index}].metric: {code!r} is shown twice", f".metrics[{index}].metric")
        for index, (code, _) in enumerate(figure["periods"], start=1):
            if code not in period_codes:
                problem(f".periods[{index}]: no period has the code {code!r}", f".periods[{index}]")
        shape = FigureDefinition(kind=figure["kind"]).shape_problems(
            metrics=len(figure["metrics"]), periods=len(figure["periods"])
        )
        for message in shape:
            problem(f": {message}", ".kind")
    return problems


def _report_texts_problems(data: dict, document) -> list[Problem]:
    problems = []
    keys: set[str] = set()
    for number, (text, _) in enumerate(data["report_texts"], start=1):
        where = f"report_texts[{number}]"
        if text["key"] in keys:
            position = path_position(document, f"{where}.key")
            problems.append(Problem(f"{where}.key: {text['key']!r} is used twice", **at_position(position)))
        keys.add(text["key"])
        for message in markup_problems(text["body"]):
            position = path_position(document, f"{where}.body")
            problems.append(Problem(f"{where}.body: {message}", **at_position(position)))
    return problems


def _plain_items(items: list) -> list[dict]:
    return [item for item, _ in items]


def _scale_problems(data: dict, document) -> list[Problem]:
    """The grade scale's and finding types' own rules (peel.services.scales), each at its line."""
    found = []
    if data.get("grade_scale") is not None:
        for message in grade_levels_problems(_plain_items(data["grade_scale"])):
            path, _, _ = message.partition(":")
            position = path_position(document["grade_scale"], path.removeprefix("levels"))
            found.append(Problem(f"grade_scale{message.removeprefix('levels')}", **at_position(position)))
    if data.get("finding_types") is not None:
        for message in finding_types_problems(_plain_items(data["finding_types"])):
            path, _, _ = message.partition(":")
            found.append(Problem(message, **at_position(path_position(document, path))))
    return found


def _levels(data: dict) -> list[dict]:
    """The file's grade scale; a file without one takes PEEL 2016's (docs/frameworks.md)."""
    return _plain_items(data["grade_scale"]) if data.get("grade_scale") is not None else PEEL_2016_LEVELS


def _finding_types(data: dict) -> list[dict]:
    if data.get("finding_types") is not None:
        return _plain_items(data["finding_types"])
    return PEEL_2016_FINDING_TYPES


def _grading_rules_problems(data: dict, document) -> list[Problem]:
    rules = data.get("grading_rules")
    levels = _levels(data)
    if rules is None or grade_levels_problems(levels):
        return []
    scale = GradeScale.of(
        GradeLevel(
            order=order,
            **{key: level.get(key) for key in ("code", "label", "report_wording", "colour")},
            is_ungraded=bool(level.get("is_ungraded")),
        )
        for order, level in enumerate(levels, start=1)
    )
    node = document["grading_rules"]
    found = []
    for message in rules_problems(rules, scale=scale):
        path, _, _ = message.partition(":")
        found.append(Problem(f"grading_rules.{message}", **at_position(path_position(node, path))))
    return found


def _programme_problems(programme_spec: dict, document, existing: Programme | None) -> list[Problem]:
    node = document["programme"]

    def at(key):
        return at_position(path_position(node, key))

    problems = []
    if existing is not None and existing.is_in_use():
        count = existing.inspections.count()
        problems.append(
            Problem(
                f"programme.slug: {existing.name} is used by {count} inspection{'s' if count != 1 else ''}, "
                "so it cannot change: load the file as a new version (a new name and slug, and "
                f"previous_version: {existing.slug})",
                **at("slug"),
            )
        )
    others = Programme.objects.filter(name=programme_spec["name"])
    if existing is not None:
        others = others.exclude(pk=existing.pk)
    if others.exists():
        problems.append(
            Problem(f"programme.name: another programme is called {programme_spec['name']!r}", **at("name"))
        )
    previous = programme_spec.get("previous_version")
    if previous and not Programme.objects.filter(slug=previous).exists():
        problems.append(
            Problem(
                f"programme.previous_version: no programme has the slug {previous!r}",
                **at("previous_version"),
            )
        )
    if previous and previous == programme_spec["slug"]:
        problems.append(
            Problem("programme.previous_version: a programme cannot follow itself", **at("previous_version"))
        )
    return problems


def programme_version_name(*, programme: Programme) -> str:
    """The name of the next version of ``programme``: "<name> (version N)" with the next free N."""
    version = programme.version + 1
    base = VERSION_SUFFIX.sub("", programme.name)
    while Programme.objects.filter(name=f"{base} (version {version})").exists():
        version += 1
    return f"{base} (version {version})"


@transaction.atomic
def programme_version_create(
    *,
    programme: Programme,
    name: str | None = None,
    slug: str | None = None,
    year: int | None = None,
    description: str | None = None,
) -> Programme:
    """The next version of ``programme`` as a new programme with every part of it — questions, scale,
    finding types, criteria, sample design, grading rules, figures, report texts — by way of its file, so
    the copy holds exactly what an export of it would; following it, and named "<name> (version N)"
    with the next free N unless ``name`` is given (its slug from its name unless ``slug`` is). The one way
    to make a new version: it never replaces another programme, so a name or slug taken is refused."""
    name = name or programme_version_name(programme=programme)
    slug = slug or slugify(name)
    if Programme.objects.filter(slug=slug).exists():
        raise ProgrammeFileError([Problem(f"programme.slug: a programme already has the slug {slug!r}")])
    copy, _ = programme_file_load(
        text=programme_file_text(programme), name=name, slug=slug, previous_version=programme.slug
    )
    changes = {"year": year, "description": description}
    if any(value is not None for value in changes.values()):
        for field, value in changes.items():
            if value is not None:
                setattr(copy, field, value)
        copy.save(update_fields=[field for field, value in changes.items() if value is not None])
    return copy


def programme_file_load(
    *,
    text: str,
    name: str | None = None,
    slug: str | None = None,
    previous_version: str | None = None,
) -> tuple[Programme, bool]:
    """Load a programme file; ``name`` and ``slug``, when given, replace the file's own.

    Returns the programme and whether it is new. Raises ``ProgrammeFileError`` naming every problem,
    having written nothing."""
    data, document = programme_file_read(text)
    spec = data["programme"]
    if previous_version:
        spec["previous_version"] = previous_version
    if name:
        spec["name"] = name
    if slug:
        spec["slug"] = slug
    existing = Programme.objects.select_for_update().filter(slug=spec["slug"]).first()
    problems = [
        *_relations_problems(data, document),
        *_scale_problems(data, document),
        *_figures_problems(data, document),
        *_report_texts_problems(data, document),
        *_grading_rules_problems(data, document),
        *_programme_problems(spec, document, existing),
    ]
    if problems:
        raise ProgrammeFileError(problems)
    created = existing is None
    programme = existing or Programme(slug=spec["slug"])
    if not created:
        # Unused (checked above): nothing points at its questions, criteria or design yet.
        programme.criteria.all().delete()
        programme.questions.all().delete()
        DesignTemplate.objects.filter(programme=programme).delete()
        FigureDefinition.objects.filter(programme=programme).delete()
        ProgrammeReportText.objects.filter(programme=programme).delete()
    previous = (
        Programme.objects.filter(slug=spec["previous_version"]).first()
        if spec.get("previous_version")
        else None
    )
    programme.name, programme.year, programme.description = spec["name"], spec["year"], spec["description"]
    programme.previous_version = previous
    programme.version = previous.version + 1 if previous else 1
    programme.grading_rules = data.get("grading_rules") or {}
    programme.save()
    grade_scale_set(programme=programme, levels=_levels(data))
    finding_types_set(programme=programme, types=_finding_types(data))
    _questions_create(programme, data["questions"])
    _criteria_create(programme, data["criteria"])
    if data.get("sample_design"):
        _design_create(programme, data["sample_design"])
    _figures_create(programme, data["figures"])
    ProgrammeReportText.objects.bulk_create(
        ProgrammeReportText(
            programme=programme,
            key=text["key"],
            title=text["title"] or FixedSection(text["key"]).label,
            body=text["body"],
        )
        for text, _ in data["report_texts"]
    )
    return programme, created


def _questions_create(programme: Programme, questions: list) -> None:
    by_code: dict[str, Question] = {}
    for order, (spec, _) in enumerate(questions):
        level = spec["level"]
        graded = spec.get("graded")
        by_code[spec["code"]] = Question.objects.create(
            programme=programme,
            parent=by_code.get(spec.get("parent")),
            level=level,
            code=spec["code"],
            text=spec["text"],
            short_title=spec["short_title"],
            order=order,
            graded=(level != QuestionLevel.SUB) if graded is None else graded,
        )


def _criteria_create(programme: Programme, criteria: list) -> None:
    questions = {question.code: question for question in programme.questions.all()}
    for order, (spec, _) in enumerate(criteria, start=1):
        criterion = Criterion.objects.create(
            programme=programme,
            code=spec["code"],
            section=spec["section"],
            text=spec["text"],
            help_text=spec["help_text"],
            order=order,
            answer_set=spec["answer_set"],
            applicability=spec["applicability"],
            threshold=Decimal(str(spec["threshold"])),
            afi_template=spec["afi_template"],
        )
        criterion.questions.set([questions[code] for code, _ in spec["questions"]])


def _design_create(programme: Programme, design: dict) -> None:
    template = DesignTemplate.objects.create(
        programme=programme,
        kind=design["kind"],
        decision_question=design["decision_question"],
        total=design["total"],
    )
    StratumTemplate.objects.bulk_create(
        StratumTemplate(
            template=template,
            label=stratum["label"],
            crime_type=stratum["crime_type"],
            crime_type_aliases="\n".join(alias for alias, _ in stratum["aliases"]),
            requires_domestic_abuse=stratum["requires_domestic_abuse"],
            quota=stratum.get("quota"),
            order=order,
        )
        for order, (stratum, _) in enumerate(design["strata"], start=1)
    )


def _figures_create(programme: Programme, figures: list) -> None:
    metrics = {metric.code: metric for metric in Metric.objects.all()}
    periods = {period.code: period for period in Period.objects.all()}
    for order, (spec, _) in enumerate(figures, start=1):
        figure = FigureDefinition.objects.create(
            programme=programme,
            key=spec["key"],
            order=order,
            kind=spec["kind"],
            title=spec["title"],
            value_label=spec["value_label"],
            source=spec["source"],
            notes=spec["notes"],
        )
        figure.periods.set([periods[code] for code, _ in spec["periods"]])
        FigureMetric.objects.bulk_create(
            FigureMetric(
                figure=figure,
                metric=metrics[metric["metric"]],
                order=index,
                label=metric["label"],
                in_chart=metric["in_chart"],
            )
            for index, (metric, _) in enumerate(spec["metrics"], start=1)
        )


def shipped_programme_ensure(*, slug: str) -> Programme | None:
    """The programme with this slug; loaded from the file peel ships for it when absent. None when it
    is absent and peel ships no such file."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is not None:
        return programme
    path = SHIPPED_PROGRAMMES / f"{slug}.yaml"
    if slugify(slug) != slug or not path.is_file():
        return None
    programme, _ = programme_file_load(text=path.read_text(encoding="utf-8"))
    return programme
