"""Setting a programme's grade scale and finding types, and the scales of the programmes peel ships.

A programme's scale and finding types are data (docs/frameworks.md); a programme in use keeps them:
a change is a new version of the programme.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from peel.models import FindingKind, FindingType, GradeLevel, Programme

UNGRADED = {"code": "ungraded", "label": "Ungraded", "report_wording": "ungraded", "colour": "#5a5a5a"}

# PEEL effectiveness 2016: four levels, best first (HMIC's PEEL assessment framework 2016).
PEEL_2016_LEVELS: list[dict] = [
    {"code": "outstanding", "label": "Outstanding", "report_wording": "outstanding", "colour": "#1d6b2f"},
    {"code": "good", "label": "Good", "report_wording": "good", "colour": "#2e7d32"},
    {
        "code": "requires_improvement",
        "label": "Requires improvement",
        "report_wording": "requires improvement",
        "colour": "#b35c00",
    },
    {"code": "inadequate", "label": "Inadequate", "report_wording": "inadequate", "colour": "#a4262c"},
    {**UNGRADED, "is_ungraded": True},
]

# PEEL since 2021 (2021/22 and 2023–25): five levels, adequate between good and requires improvement.
PEEL_2021_LEVELS: list[dict] = [
    *PEEL_2016_LEVELS[:2],
    {"code": "adequate", "label": "Adequate", "report_wording": "adequate", "colour": "#f2c94c"},
    *PEEL_2016_LEVELS[2:],
]

CAUSE_OF_CONCERN_TYPE = {
    "code": FindingKind.CAUSE_OF_CONCERN,
    "label": "Cause of concern",
    "plural_label": "Causes of concern",
    "has_recommendations": True,
}

# In 2016 an area for improvement could carry dated recommendations too (Cleveland's evidential
# difficulties AFI); from 2021 only causes of concern do.
PEEL_2016_FINDING_TYPES: list[dict] = [
    CAUSE_OF_CONCERN_TYPE,
    {
        "code": FindingKind.AREA_FOR_IMPROVEMENT,
        "label": "Area for improvement",
        "plural_label": "Areas for improvement",
        "has_recommendations": True,
    },
]

PEEL_2021_FINDING_TYPES: list[dict] = [
    CAUSE_OF_CONCERN_TYPE,
    {**PEEL_2016_FINDING_TYPES[1], "has_recommendations": False},
    {
        "code": FindingKind.INNOVATIVE_PRACTICE,
        "label": "Innovative practice",
        "plural_label": "Innovative practice",
        "has_recommendations": False,
    },
    {
        "code": FindingKind.PROMISING_PRACTICE,
        "label": "Promising practice",
        "plural_label": "Promising practice",
        "has_recommendations": False,
    },
]


def grade_levels_problems(levels: object) -> list[str]:
    """Everything wrong with a scale, each named by its place (``levels[2].colour``); empty when usable."""
    if not isinstance(levels, list) or not levels:
        return ["levels: must be a non-empty list"]
    problems: list[str] = []
    codes: set[str] = set()
    graded = ungraded = 0
    for index, spec in enumerate(levels, start=1):
        where = f"levels[{index}]"
        if not isinstance(spec, dict):
            problems.append(f"{where}: must be an object")
            continue
        code = spec.get("code")
        if not isinstance(code, str) or not code or slugify(code).replace("-", "_") != code:
            problems.append(f"{where}.code: must be lower-case letters, digits and underscores")
        elif code in codes:
            problems.append(f"{where}.code: {code!r} is used twice")
        codes.add(code)
        for key in ("label", "report_wording"):
            if not isinstance(spec.get(key), str) or not spec[key].strip():
                problems.append(f"{where}.{key}: missing")
        level = GradeLevel(colour=spec.get("colour") or "")
        try:
            GradeLevel._meta.get_field("colour").run_validators(level.colour)
        except ValidationError:
            problems.append(f"{where}.colour: must be #rrggbb, not {spec.get('colour')!r}")
        if spec.get("is_ungraded", False):
            ungraded += 1
        else:
            graded += 1
    if graded < 2:
        problems.append("levels: a scale needs at least two graded levels")
    if ungraded > 1:
        problems.append("levels: at most one level may be the ungraded option")
    return problems


def finding_types_problems(types: object) -> list[str]:
    if not isinstance(types, list) or not types:
        return ["finding_types: must be a non-empty list"]
    problems: list[str] = []
    seen: set[str] = set()
    for index, spec in enumerate(types, start=1):
        where = f"finding_types[{index}]"
        if not isinstance(spec, dict):
            problems.append(f"{where}: must be an object")
            continue
        code = spec.get("code")
        if code not in FindingKind.values:
            problems.append(f"{where}.code: must be one of {', '.join(FindingKind.values)}")
        elif code in seen:
            problems.append(f"{where}.code: {code!r} is used twice")
        seen.add(code)
        for key in ("label", "plural_label"):
            if not isinstance(spec.get(key), str) or not spec[key].strip():
                problems.append(f"{where}.{key}: missing")
    return problems


def _unused_ensure(programme: Programme) -> None:
    if programme.is_in_use():
        raise ValidationError(
            f"{programme.name} is used by inspections, so its grade scale and finding types cannot change: "
            "make a new version of the programme."
        )


@transaction.atomic
def grade_scale_set(*, programme: Programme, levels: list[dict]) -> list[GradeLevel]:
    """Replace an unused programme's grade scale with ``levels``, given best first (the ungraded option
    anywhere; it is kept last)."""
    problems = grade_levels_problems(levels)
    if problems:
        raise ValidationError(problems)
    _unused_ensure(programme)
    programme.grade_levels.all().delete()
    ordered = sorted(levels, key=lambda spec: bool(spec.get("is_ungraded", False)))
    created = GradeLevel.objects.bulk_create(
        GradeLevel(
            programme=programme,
            code=spec["code"],
            label=spec["label"],
            report_wording=spec["report_wording"],
            colour=spec["colour"],
            order=order,
            is_ungraded=bool(spec.get("is_ungraded", False)),
        )
        for order, spec in enumerate(ordered, start=1)
    )
    programme.__dict__.pop("grade_scale", None)
    return created


@transaction.atomic
def finding_types_set(*, programme: Programme, types: list[dict]) -> list[FindingType]:
    """Replace an unused programme's finding types with ``types``, in the report's order."""
    problems = finding_types_problems(types)
    if problems:
        raise ValidationError(problems)
    _unused_ensure(programme)
    programme.finding_types.all().delete()
    created = FindingType.objects.bulk_create(
        FindingType(
            programme=programme,
            code=spec["code"],
            label=spec["label"],
            plural_label=spec["plural_label"],
            has_recommendations=bool(spec.get("has_recommendations", False)),
            order=order,
        )
        for order, spec in enumerate(types, start=1)
    )
    programme.__dict__.pop("finding_kinds", None)
    return created


def scale_as_data(programme: Programme) -> tuple[list[dict], list[dict]]:
    """A programme's levels and finding types as ``grade_scale_set`` and ``finding_types_set`` take them
    (to copy them to a new version, or write them to a file)."""
    levels = [
        {
            "code": level.code,
            "label": level.label,
            "report_wording": level.report_wording,
            "colour": level.colour,
            "is_ungraded": level.is_ungraded,
        }
        for level in programme.grade_levels.order_by("order")
    ]
    types = [
        {
            "code": finding_type.code,
            "label": finding_type.label,
            "plural_label": finding_type.plural_label,
            "has_recommendations": finding_type.has_recommendations,
        }
        for finding_type in programme.finding_types.order_by("order")
    ]
    return levels, types
