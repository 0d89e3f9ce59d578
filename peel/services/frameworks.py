"""Loading a programme's question framework, and making a new version of a programme.

A programme in use by an inspection is never changed destructively: its questions and criteria are what
the inspection's evidence, judgments and reviews point at. A change is a new version instead.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from peel.models import AnswerSet, Applicability, Criterion, Programme, Question, QuestionLevel
from peel.services.scales import (
    PEEL_2016_FINDING_TYPES,
    PEEL_2016_LEVELS,
    finding_types_problems,
    finding_types_set,
    grade_levels_problems,
    grade_scale_set,
    scale_as_data,
)

VERSION_SUFFIX = re.compile(r" \(version \d+\)$")


def _require(mapping: dict, key: str, where: str, problems: list[str], kind=str):
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if value is None or (kind is str and not str(value).strip()):
        problems.append(f"{where}.{key}: missing")
        return None
    if not isinstance(value, kind):
        problems.append(f"{where}.{key}: expected {kind.__name__}, got {type(value).__name__}")
        return None
    return value


def framework_check(data: object) -> list[str]:
    """Every problem with a framework document, each named by its place in the file."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["the file must hold one JSON object with programme, overall and core"]
    programme = data.get("programme")
    if not isinstance(programme, dict):
        problems.append("programme: missing (an object with name, slug and year)")
    else:
        _require(programme, "name", "programme", problems)
        _require(programme, "year", "programme", problems, kind=int)
        slug = programme.get("slug", "")
        if slug and slugify(slug) != slug:
            problems.append(f"programme.slug: {slug!r} is not a slug (lower-case letters, digits, hyphens)")
    overall = data.get("overall")
    if not isinstance(overall, dict):
        problems.append("overall: missing (an object with code and text)")
    else:
        _require(overall, "code", "overall", problems)
        _require(overall, "text", "overall", problems)
    codes: dict[str, str] = {}

    def code_seen(code, where):
        if code in codes:
            problems.append(f"{where}.code: {code!r} is used twice (also at {codes[code]})")
        codes[code] = where

    if isinstance(overall, dict) and overall.get("code"):
        code_seen(str(overall["code"]), "overall")
    cores = data.get("core")
    if not isinstance(cores, list) or not cores:
        problems.append("core: missing (a list of core questions)")
        cores = []
    for i, core in enumerate(cores):
        where = f"core[{i}]"
        code = _require(core, "code", where, problems)
        _require(core, "text", where, problems)
        if isinstance(core, dict) and "graded" in core and not isinstance(core["graded"], bool):
            problems.append(f"{where}.graded: expected true or false")
        if code:
            code_seen(code, where)
        subs = core.get("sub") if isinstance(core, dict) else None
        if not isinstance(subs, list) or not subs:
            problems.append(f"{where}.sub: missing (a list of sub-questions)")
            continue
        for j, sub in enumerate(subs):
            sub_where = f"{where}.sub[{j}]"
            sub_code = _require(sub, "code", sub_where, problems)
            _require(sub, "text", sub_where, problems)
            if sub_code:
                code_seen(sub_code, sub_where)
    # Without a scale or finding types of its own, a programme takes PEEL 2016's (docs/frameworks.md).
    levels = data.get("grade_levels", PEEL_2016_LEVELS)
    problems.extend(grade_levels_problems(levels))
    codes_of_scale = (
        [level.get("code") for level in levels if isinstance(level, dict)] if isinstance(levels, list) else []
    )
    for grade in data.get("grades", []):
        if grade not in codes_of_scale:
            problems.append(
                f"grades: {grade!r} is not a grade of the scale ({', '.join(map(str, codes_of_scale))})"
            )
    problems.extend(finding_types_problems(data.get("finding_types", PEEL_2016_FINDING_TYPES)))
    problems.extend(_criteria_check(data.get("criteria", []), codes))
    return problems


def _criteria_check(criteria: object, question_codes: dict[str, str]) -> list[str]:
    problems: list[str] = []
    if not isinstance(criteria, list):
        return ["criteria: expected a list"]
    seen: set[str] = set()
    for i, spec in enumerate(criteria):
        where = f"criteria[{i}]"
        code = _require(spec, "code", where, problems)
        _require(spec, "section", where, problems)
        _require(spec, "text", where, problems)
        if not isinstance(spec, dict):
            continue
        if code in seen:
            problems.append(f"{where}.code: {code!r} is used twice")
        seen.add(code)
        if spec.get("answer_set", AnswerSet.YES_PARTLY_NO) not in AnswerSet.values:
            problems.append(
                f"{where}.answer_set: {spec['answer_set']!r} is not one of {', '.join(AnswerSet.values)}"
            )
        if spec.get("applicability", Applicability.ALL) not in Applicability.values:
            choices = ", ".join(Applicability.values)
            problems.append(f"{where}.applicability: {spec['applicability']!r} is not one of {choices}")
        for question_code in spec.get("questions", []):
            if question_code not in question_codes:
                problems.append(f"{where}.questions: no question has the code {question_code!r}")
        if "threshold" in spec:
            try:
                threshold = Decimal(str(spec["threshold"]))
            except InvalidOperation:
                threshold = Decimal(-1)
            if not Decimal(0) <= threshold <= Decimal(1):
                problems.append(
                    f"{where}.threshold: {spec['threshold']!r} is not a proportion between 0 and 1"
                )
    return problems


@transaction.atomic
def framework_load(*, data: dict) -> tuple[Programme, bool]:
    """Create a programme from a framework document, or bring an unused one into line with it.

    Returns the programme and whether it was created. Refuses (naming every problem) a malformed
    document and a programme already in use.
    """
    problems = framework_check(data)
    if problems:
        raise ValidationError(problems)
    spec = data["programme"]
    slug = spec.get("slug") or slugify(spec["name"])
    programme = Programme.objects.select_for_update().filter(slug=slug).first()
    created = programme is None
    if not created and programme.is_in_use():
        count = programme.inspections.count()
        raise ValidationError(
            f"{programme.name} is used by {count} inspection{'s' if count != 1 else ''}, so its framework "
            "cannot change: load it as a new version (a new name and slug)."
        )
    if created:
        if Programme.objects.filter(name=spec["name"]).exists():
            raise ValidationError(f"Another programme is already called {spec['name']!r}; give a new name.")
        programme = Programme(slug=slug)
    programme.name, programme.year = spec["name"], spec["year"]
    programme.description = spec.get("description", programme.description)
    programme.save()
    grade_scale_set(programme=programme, levels=data.get("grade_levels", PEEL_2016_LEVELS))
    finding_types_set(programme=programme, types=data.get("finding_types", PEEL_2016_FINDING_TYPES))

    rows = [(QuestionLevel.OVERALL, None, data["overall"])]
    for core in data["core"]:
        rows.append((QuestionLevel.CORE, data["overall"]["code"], core))
        rows.extend((QuestionLevel.SUB, core["code"], sub) for sub in core["sub"])
    existing = {question.code: question for question in programme.questions.all()}
    by_code: dict[str, Question] = {}
    for order, (level, parent_code, row) in enumerate(rows):
        question = existing.pop(row["code"], None) or Question(programme=programme, code=row["code"])
        question.level = level
        question.parent = by_code.get(parent_code)
        question.text = row["text"]
        question.short_title = row.get("short_title", "")
        question.graded = row.get("graded", level != QuestionLevel.SUB)
        question.order = order
        question.save()
        by_code[question.code] = question
    # Questions the document no longer has; children go first so no parent is removed under them.
    for question in sorted(existing.values(), key=lambda q: q.level != QuestionLevel.SUB):
        question.delete()

    for order, spec in enumerate(data.get("criteria", []), start=1):
        criterion, _ = Criterion.objects.update_or_create(
            programme=programme,
            code=spec["code"],
            defaults={
                "section": spec["section"],
                "text": spec["text"],
                "help_text": spec.get("help_text", ""),
                "order": order,
                "answer_set": spec.get("answer_set", AnswerSet.YES_PARTLY_NO),
                "applicability": spec.get("applicability", Applicability.ALL),
                "threshold": Decimal(str(spec.get("threshold", "0.8"))),
                "afi_template": spec.get("afi_template", ""),
            },
        )
        criterion.questions.set([by_code[code] for code in spec.get("questions", [])])
    return programme, created


@transaction.atomic
def programme_new_version(
    *,
    programme: Programme,
    name: str | None = None,
    slug: str | None = None,
    year: int | None = None,
    description: str | None = None,
) -> Programme:
    """Copy a programme's questions, criteria, grade scale and finding types into a new programme that can
    then be changed freely.

    Without a name the copy is called "<name> (version N)" with the next free N; it records the programme
    it was made from.
    """
    version = programme.version + 1
    if name is None:
        base = VERSION_SUFFIX.sub("", programme.name)
        while Programme.objects.filter(name=f"{base} (version {version})").exists():
            version += 1
        name = f"{base} (version {version})"
    slug = slug or slugify(name)
    problems = []
    if Programme.objects.filter(name=name).exists():
        problems.append(f"A programme is already called {name!r}.")
    if Programme.objects.filter(slug=slug).exists():
        problems.append(f"A programme already has the slug {slug!r}.")
    if problems:
        raise ValidationError(problems)
    copy = Programme.objects.create(
        name=name,
        slug=slug,
        year=programme.year if year is None else year,
        version=version,
        previous_version=programme,
        description=programme.description if description is None else description,
        grading_rules=programme.grading_rules,
    )
    levels, finding_types = scale_as_data(programme)
    grade_scale_set(programme=copy, levels=levels)
    finding_types_set(programme=copy, types=finding_types)
    new_questions: dict[int, Question] = {}
    # Ordered by level so every parent is copied before its children.
    level_rank = {QuestionLevel.OVERALL: 0, QuestionLevel.CORE: 1, QuestionLevel.SUB: 2}
    for question in sorted(programme.questions.all(), key=lambda q: (level_rank[q.level], q.order)):
        new_questions[question.pk] = Question.objects.create(
            programme=copy,
            parent=new_questions.get(question.parent_id),
            level=question.level,
            code=question.code,
            text=question.text,
            short_title=question.short_title,
            order=question.order,
            graded=question.graded,
        )
    for criterion in programme.criteria.prefetch_related("questions"):
        linked = [new_questions[question.pk] for question in criterion.questions.all()]
        criterion.pk = None
        criterion._state.adding = True
        criterion.programme = copy
        criterion.save()
        criterion.questions.set(linked)
    return copy
