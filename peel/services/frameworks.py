"""Making a new version of a programme (loading one from its file is the programmes app's).

A programme in use by an inspection is never changed destructively: its questions and criteria are what
the inspection's evidence, judgments and reviews point at. A change is a new version instead.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from peel.models import Programme, Question, QuestionLevel
from peel.services.scales import finding_types_set, grade_scale_set, scale_as_data

VERSION_SUFFIX = re.compile(r" \(version \d+\)$")


@transaction.atomic
def programme_version_name(*, programme: Programme) -> str:
    """The name of the next version of ``programme``: "<name> (version N)" with the next free N."""
    version = programme.version + 1
    base = VERSION_SUFFIX.sub("", programme.name)
    while Programme.objects.filter(name=f"{base} (version {version})").exists():
        version += 1
    return f"{base} (version {version})"


def programme_new_version(
    *,
    programme: Programme,
    name: str | None = None,
    slug: str | None = None,
    year: int | None = None,
    description: str | None = None,
) -> Programme:
    """Copy a programme's questions, criteria, grade scale and finding types into a new programme that
    can then be changed freely.

    Without a name the copy is called "<name> (version N)" with the next free N; it records the programme
    it was made from.
    """
    version = programme.version + 1
    if name is None:
        name = programme_version_name(programme=programme)
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
