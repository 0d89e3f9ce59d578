"""The national dataset: a GENERATED programme of inspections, one per force, under any programme present
(PEEL effectiveness 2016 by default; ``--programme peel-2023-25`` for five grades).

For each of the first N territorial forces (by name) that has no inspection in the programme yet, it
creates an inspection flagged ``is_generated`` with a lead and a team from a pool of generated users, a
generated crime list imported through the case-file review's import, a drawn sample of 60 with its
seed, allocations, accepted reviews with answers drawn from force-specific probabilities, about 300
evidence notes and draft judgments graded on the programme's own scale. It also gives those forces
generated figures for every metric with a published England and Wales figure, calibrated so that the
England and Wales figure computed from all forces stays the published one. Everything generated says
so (``is_generated``, ``generated``, "GENERATED" in file names and note texts).

Repeatable: each force's data come from a random generator seeded with the national seed and the force's
slug, so the same seed gives the same data whatever N is; running it again adds nothing (forces that
already have an inspection, generated or real, and figures already held are left alone). The crime list,
draw and allocation go through the review services; the reviews and notes are written with bulk inserts
(without history, as generated data) so that 43 forces take seconds, not minutes.
"""

import csv
import datetime
import io
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from forces.models import (
    UNIT_MULTIPLIER,
    Aggregation,
    DenominatorKind,
    Force,
    Metric,
    MetricValue,
    PublishedFigure,
)
from forces.models import Unit as FigureUnit
from forces.services.figures import to_four_places
from peel.models import (
    ApprovalState,
    Criterion,
    Direction,
    EvidenceNote,
    EvidenceSource,
    GradeScale,
    Inspection,
    InspectionStatus,
    Judgment,
    Programme,
    Question,
    QuestionLevel,
)
from peel.roles import Role
from peel.services.inspections import inspection_create
from reports.services.grading import middle_rank
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import (
    Answer,
    AnswerValue,
    CaseFile,
    CaseFileStatus,
    DesignTemplate,
    Review,
    ReviewKind,
    ReviewStatus,
    StratumTemplate,
)
from reviews.services.allocation import case_files_allocate
from reviews.services.draw import sample_draw
from reviews.services.frame import crime_list_import

PROGRAMME_SLUG = "peel-effectiveness-2016"
LEADS, INSPECTORS = 8, 16
NOTES_PER_INSPECTION = 300
CLEVELAND_POPULATION = 562_800

# Crimes in a quarter for a force of Cleveland's size (the demo's generated list), per stratum crime type;
# each force's list is scaled by population and kept small enough for a benchmark to build 43 of them.
QUARTER_CRIMES = {
    "Robbery": 85,
    "Common assault": 1_400,
    "GBH": 175,
    "Stalking": 45,
    "Harassment": 700,
    "Rape": 85,
    "Domestic burglary": 650,
}
FRAME_SCALE, FRAME_MIN, FRAME_MAX = 0.05, 12, 120
OTHER_CRIMES = ("Shoplifting", "Criminal damage", "Vehicle crime")

# How often each criterion is met across England and Wales (a force's own rate moves around it).
NATIONAL_MET = {
    "C01": 0.85, "C02": 0.84, "C03": 0.66, "C04": 0.68, "C05": 0.92, "C06": 0.86, "C07": 0.90,
    "C08": 0.82, "C09": 0.83, "C10": 0.74, "C11": 0.84, "C12": 0.78, "C13": 0.95, "C14": 0.72,
    "C15": 0.82, "C16": 0.84, "C17": 0.86, "C18": 0.72, "C19": 0.70, "C20": 0.82, "C21": 0.88,
    "C22": 0.70,
}  # fmt: skip
DEFAULT_MET = 0.8

# What the notes are about, per sub-question of the 2016 framework (others use the question's words).
TOPICS = {
    "1.1": "levels of crime and anti-social behaviour",
    "1.2": "understanding the threat and risk of harm in its communities",
    "1.3": "preventing crime and anti-social behaviour",
    "2.1": "bringing offenders to justice",
    "2.2": "the initial investigative response",
    "2.3": "the quality of subsequent investigations",
    "2.4": "reducing re-offending",
    "3.1": "identifying vulnerable people and assessing their risk",
    "3.2": "the initial response to vulnerable victims",
    "3.3": "investigating offences against vulnerable victims with partners",
    "4.1": "understanding serious and organised crime",
    "4.2": "responding to serious and organised crime",
    "4.3": "preventing serious and organised crime",
    "5.1": "arrangements for national policing responsibilities",
    "5.2": "preparedness for a firearms attack",
}
STRENGTH_PHRASES = (
    "Staff described a clear and well-understood approach to {topic}.",
    "Documents show that {topic} is well governed, with regular review.",
    "Partners told us that the force works well with them on {topic}.",
    "We found good practice in {topic} that is consistently applied.",
)
WEAKNESS_PHRASES = (
    "We found inconsistency across the force in {topic}.",
    "Supervisors do not always check the quality of work on {topic}.",
    "The force could not show how it evaluates what works in {topic}.",
    "Staff lacked the training or time they need for {topic}.",
)
NEUTRAL_PHRASES = ("Plans for {topic} were being revised at the time of our inspection.",)
SOURCES = (
    (EvidenceSource.INTERVIEW, 22),
    (EvidenceSource.FOCUS_GROUP, 12),
    (EvidenceSource.DOCUMENT, 40),
    (EvidenceSource.DATA, 18),
    (EvidenceSource.REALITY_TESTING, 8),
)
# A force's generated score on a question (about normal, sd 0.68) above each floor gets the level of that
# rank, best first; below the last floor, the worst. Four levels keep 2016's spread (about 9% outstanding,
# 61% good, 25% requires improvement, 5% inadequate); five split good's lower part into adequate; any other
# number of levels spreads its floors evenly from 0.9 down to -1.1.
GRADE_FLOORS = {4: (0.9, -0.35, -1.1), 5: (0.9, 0.0, -0.6, -1.1)}


def grade_floors(levels: int) -> tuple[float, ...]:
    if levels in GRADE_FLOORS:
        return GRADE_FLOORS[levels]
    if levels < 2:
        raise ValueError("a scale needs at least two graded levels")
    step = 2.0 / max(levels - 2, 1)
    return tuple(0.9 - step * index for index in range(levels - 1))


def window_of(programme: Programme) -> tuple[datetime.date, datetime.date]:
    """The first quarter of the programme's year: the crimes its file review samples."""
    return datetime.date(programme.year, 1, 1), datetime.date(programme.year, 3, 31)


def fieldwork_of(programme: Programme) -> tuple[datetime.date, datetime.date]:
    return datetime.date(programme.year, 9, 1), datetime.date(programme.year, 12, 31)


@dataclass
class NationalResult:
    created: list[Inspection] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    figures: int = 0


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def national_users_ensure() -> tuple[list, list]:
    """The generated leads and inspectors the national inspections are staffed from (no usable password:
    they exist to own reviews and notes, not to log in)."""
    User = get_user_model()
    wanted = [(f"national-lead-{n:02d}", (Role.LEAD, Role.INSPECTOR)) for n in range(1, LEADS + 1)]
    wanted += [(f"national-inspector-{n:02d}", (Role.INSPECTOR,)) for n in range(1, INSPECTORS + 1)]
    existing = set(
        User.objects.filter(username__in=[name for name, _ in wanted]).values_list("username", flat=True)
    )
    missing = []
    for username, _ in wanted:
        if username not in existing:
            user = User(
                username=username, first_name="Generated", last_name=username.split("-", 1)[1].title()
            )
            user.set_unusable_password()
            missing.append(user)
    User.objects.bulk_create(missing)
    users = {u.username: u for u in User.objects.filter(username__in=[name for name, _ in wanted])}
    groups = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Role])}
    memberships = User.groups.through
    have = set(memberships.objects.filter(user__in=users.values()).values_list("user_id", "group_id"))
    memberships.objects.bulk_create(
        memberships(user_id=users[name].pk, group_id=groups[role].pk)
        for name, roles in wanted
        for role in roles
        if (users[name].pk, groups[role].pk) not in have
    )
    leads = [users[name] for name, roles in wanted if Role.LEAD in roles]
    inspectors = [users[name] for name, roles in wanted if Role.LEAD not in roles]
    return leads, inspectors


class NationalProgrammeError(ValueError):
    """The programme cannot carry a generated national dataset; the message says why."""


def national_programme_problems(programme: Programme) -> list[str]:
    """What a programme lacks for a generated national dataset (empty when it has it all)."""
    problems = []
    if len(programme.grade_scale.graded) < 2:
        problems.append("it has no grade scale (at least two graded levels)")
    if not DesignTemplate.objects.filter(programme=programme, strata__isnull=False).exists():
        problems.append("it has no sample design with strata to draw files from")
    if not programme.criteria.exists():
        problems.append("it has no file-review criteria")
    if not programme.questions.filter(level=QuestionLevel.SUB).exists():
        problems.append("it has no sub-questions to file evidence under")
    return problems


def national_ensure(
    *, forces: int = 43, seed: int = 2016, programme_slug: str = PROGRAMME_SLUG
) -> NationalResult:
    """The national dataset for the first ``forces`` forces by name under the programme; see the module's
    docstring."""
    programme = Programme.objects.get(slug=programme_slug)
    problems = national_programme_problems(programme)
    if problems:
        raise NationalProgrammeError(
            f"{programme.name} cannot carry a national dataset: {'; '.join(problems)}."
        )
    chosen = list(Force.objects.filter(active=True).order_by("name")[:forces])
    leads, inspectors = national_users_ensure()
    existing = dict(Inspection.objects.filter(programme=programme).values_list("force_id", "is_generated"))
    result = NationalResult()
    for index, force in enumerate(chosen):
        if force.pk in existing:
            kind = "generated" if existing[force.pk] else "real"
            result.skipped.append(f"{force.name} (already has a {kind} inspection)")
            continue
        rng = random.Random(f"{seed}:{force.slug}")
        with transaction.atomic():
            result.created.append(
                _generated_inspection(
                    force=force, programme=programme, rng=rng, lead=leads[index % len(leads)], pool=inspectors
                )
            )
    result.figures = generated_figures_ensure(forces=chosen, seed=seed)
    return result


def _generated_inspection(
    *, force: Force, programme: Programme, rng: random.Random, lead, pool: list
) -> Inspection:
    team = rng.sample(pool, 3)
    window, fieldwork = window_of(programme), fieldwork_of(programme)
    inspection = inspection_create(
        force=force,
        programme=programme,
        review_window_start=window[0],
        review_window_end=window[1],
        lead=lead,
        team=team,
        fieldwork_start=fieldwork[0],
        fieldwork_end=fieldwork[1],
        is_generated=True,
    )
    quality = rng.gauss(0, 0.55)  # how good this force is, on the logit scale
    questions = list(Question.objects.filter(programme=programme).order_by("order"))
    core_offset = {q.pk: rng.gauss(0, 0.35) for q in questions if q.level == QuestionLevel.CORE}
    core_of = {q.pk: (q.pk if q.level == QuestionLevel.CORE else q.parent_id) for q in questions}

    crime_list_import(
        inspection=inspection,
        file=io.BytesIO(_crime_list(force=force, programme=programme, rng=rng)),
        filename=f"{force.slug}-crime-list-{programme.year}-Q1-GENERATED.csv",
        user=lead,
        is_generated=True,
    )
    sample_draw(inspection=inspection, seed=rng.randrange(2**31), user=lead)
    case_files_allocate(inspection=inspection)
    _reviews(
        inspection=inspection, lead=lead, rng=rng, quality=quality, core_offset=core_offset, core_of=core_of
    )
    _notes(
        inspection=inspection,
        questions=questions,
        team=team,
        rng=rng,
        quality=quality,
        core_offset=core_offset,
        core_of=core_of,
    )
    _draft_judgments(
        inspection=inspection, scale=programme.grade_scale, rng=rng, quality=quality, core_offset=core_offset
    )
    Inspection.objects.filter(pk=inspection.pk).update(status=InspectionStatus.JUDGMENTS)
    return inspection


def _crime_list(*, force: Force, programme: Programme, rng: random.Random) -> bytes:
    """A crime list in the layout a force exports: the sample's crime types scaled to the force's size,
    some other crime types (excluded on import) and some crimes outside the window."""
    scale = force.population / CLEVELAND_POPULATION
    types = {
        t.crime_type: t.requires_domestic_abuse
        for t in StratumTemplate.objects.filter(template__programme=programme)
    }
    rows = []
    for crime_type, requires_domestic_abuse in types.items():
        quarter = QUARTER_CRIMES.get(crime_type, 100)
        count = min(FRAME_MAX, max(FRAME_MIN, round(quarter * scale * FRAME_SCALE)))
        for _ in range(count):
            domestic = requires_domestic_abuse or rng.random() < 0.2
            rows.append((crime_type, domestic))
    rows += [(rng.choice(OTHER_CRIMES), False) for _ in range(len(rows) // 10)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "crime_reference",
            "crime_type",
            "recorded_date",
            "domestic_abuse_flag",
            "outcome_code",
            "vulnerable_victim_flag",
        ]
    )
    window = window_of(programme)
    days = (window[1] - window[0]).days + 1
    for number, (crime_type, domestic) in enumerate(rows, start=1):
        offset = rng.randrange(-10, days + 10)  # a few fall outside the window and are excluded
        outcome = rng.choices(
            (16, 15, 1, 18, None), (45, 12, 22, 6, 15) if domestic else (12, 8, 20, 40, 20)
        )[0]
        writer.writerow(
            [
                f"{force.slug[:3].upper()}/{programme.year % 100:02d}/GEN{number:06d}",
                crime_type,
                (window[0] + datetime.timedelta(days=offset)).isoformat(),
                "Y" if domestic else "N",
                outcome or "",
                "Y" if rng.random() < (0.3 if domestic else 0.08) else "N",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _reviews(*, inspection, lead, rng, quality, core_offset, core_of) -> None:
    """Accepted first reviews of every file in the sample, answers drawn from force-specific rates."""
    files = list(
        CaseFile.objects.filter(inspection=inspection, status=CaseFileStatus.IN_SAMPLE).order_by(
            "stratum__order", "rank"
        )
    )
    criteria = list(
        Criterion.objects.filter(programme_id=inspection.programme_id)
        .prefetch_related("questions")
        .order_by("order")
    )
    met_rate = {}
    for criterion in criteria:
        cores = [core_of.get(q.pk) for q in criterion.questions.all()]
        offset = sum(core_offset.get(c, 0) for c in cores) / len(cores) if cores else 0
        base = NATIONAL_MET.get(criterion.code, DEFAULT_MET)
        met_rate[criterion.pk] = _logistic(_logit(base) + quality + offset + rng.gauss(0, 0.25))
    now = timezone.now()
    # The facts a reviewer settles: no suspect for outcomes 14 and 18 (which say so), else a suspect; for
    # domestic abuse the DASH risk level. A handful of UPDATEs rather than a bulk_update's CASE per row.
    CaseFile.objects.filter(pk__in=[f.pk for f in files]).update(suspect_identified=True)
    CaseFile.objects.filter(pk__in=[f.pk for f in files], outcome_code__in=(14, 18)).update(
        suspect_identified=False
    )
    by_risk: dict[str, list[int]] = {"standard": [], "medium": [], "high": []}
    for case_file in files:
        case_file.suspect_identified = case_file.outcome_code not in (14, 18)
        if case_file.domestic_abuse:
            case_file.risk_level = rng.choice(("standard", "medium", "high"))
            by_risk[case_file.risk_level].append(case_file.pk)
    for level, pks in by_risk.items():
        CaseFile.objects.filter(pk__in=pks).update(risk_level=level)
    reviews = Review.objects.bulk_create(
        Review(
            case_file_id=case_file.pk,
            kind=ReviewKind.FIRST,
            reviewer_id=case_file.reviewer_id,
            status=ReviewStatus.ACCEPTED,
            updated_by_id=case_file.reviewer_id,
            submitted_at=now,
            moderated_by_id=lead.pk,
            accepted_at=now,
        )
        for case_file in files
    )
    answers = []
    for case_file, review in zip(files, reviews, strict=True):
        facts = FileFacts.of(case_file)
        for criterion in criteria:
            if not criterion_applies(criterion.applicability, facts):
                value = AnswerValue.NOT_APPLICABLE
            elif rng.random() < 0.015:
                value = AnswerValue.NOT_KNOWN
            elif rng.random() < met_rate[criterion.pk]:
                value = AnswerValue.YES
            elif criterion.answer_set == "yes_partly_no" and rng.random() < 0.5:
                value = AnswerValue.PARTLY
            else:
                value = AnswerValue.NO
            answers.append(Answer(review_id=review.pk, criterion_id=criterion.pk, value=value))
    Answer.objects.bulk_create(answers, batch_size=2000)


def _notes(*, inspection, questions, team, rng, quality, core_offset, core_of) -> None:
    subs = [q for q in questions if q.level == QuestionLevel.SUB]
    sources, weights = zip(*SOURCES, strict=True)
    notes = []
    fieldwork = fieldwork_of(inspection.programme)
    fieldwork_days = (fieldwork[1] - fieldwork[0]).days
    for number in range(NOTES_PER_INSPECTION):
        question = subs[number % len(subs)] if number < len(subs) else rng.choice(subs)
        topic = TOPICS.get(question.code, question.text_for(inspection.force.short_name).rstrip("?").lower())
        strength = _logistic(0.5 + quality + core_offset.get(core_of.get(question.pk), 0))
        draw = rng.random()
        if draw < 0.08:
            direction, phrases = Direction.NEUTRAL, NEUTRAL_PHRASES
        elif draw < 0.08 + 0.92 * strength:
            direction, phrases = Direction.STRENGTH, STRENGTH_PHRASES
        else:
            direction, phrases = Direction.WEAKNESS, WEAKNESS_PHRASES
        notes.append(
            EvidenceNote(
                inspection_id=inspection.pk,
                question_id=question.pk,
                source=rng.choices(sources, weights)[0],
                direction=direction,
                observed_on=fieldwork[0] + datetime.timedelta(days=rng.randrange(fieldwork_days)),
                text=f"GENERATED: {rng.choice(phrases).format(topic=topic)}",
                proposed_afi=direction == Direction.WEAKNESS and rng.random() < 0.12,
                author_id=rng.choice(team).pk,
            )
        )
    EvidenceNote.objects.bulk_create(notes, batch_size=1000)


def grade_for(score: float, scale: GradeScale) -> str:
    """The level of the scale a generated score falls in (``grade_floors``)."""
    graded = scale.graded
    for level, floor in zip(graded, grade_floors(len(graded)), strict=False):
        if score > floor:
            return level.code
    return scale.worst.code


def _draft_judgments(*, inspection, scale: GradeScale, rng, quality, core_offset) -> None:
    """The team's draft grades on the programme's scale: a generated view of the force, not yet submitted
    or approved; the overall grade is the middle of the core grades, as the grading rules propose it."""
    judgments = list(Judgment.objects.filter(inspection=inspection).select_related("question"))
    ranks = []
    for judgment in judgments:
        if judgment.question.level == QuestionLevel.CORE and judgment.question.graded:
            judgment.grade = grade_for(
                quality + core_offset.get(judgment.question_id, 0) + rng.gauss(0, 0.2), scale
            )
            ranks.append(scale.rank(judgment.grade))
    for judgment in judgments:
        if judgment.question.level == QuestionLevel.OVERALL and judgment.question.graded and ranks:
            judgment.grade = scale.by_rank(middle_rank(ranks)).code
        if scale.rank(judgment.grade) is not None:
            wording = scale.level(judgment.grade).report_wording
            judgment.rationale = (
                f"GENERATED draft: {inspection.force.name} is {wording} on this question in the team's first "
                "view; the lead has not yet reviewed it."
            )
            judgment.state = ApprovalState.DRAFT
    Judgment.objects.bulk_update(judgments, ["grade", "rationale", "state"])


def generated_figures_ensure(*, forces: list[Force], seed: int) -> int:
    """Generated figures for ``forces`` for every metric and period with a published England and Wales
    figure, where the force has none; calibrated so the computed England and Wales figure (all forces)
    equals the published one. Returns how many values were created."""
    published = {(f.metric_id, f.period_id): f.value for f in PublishedFigure.objects.all()}
    held = set(MetricValue.objects.values_list("metric_id", "period_id", "force_id"))
    real = {
        (v.metric_id, v.period_id): v
        for v in MetricValue.objects.filter(generated=False).select_related("force")
    }
    created = []
    for metric in Metric.objects.filter(~Q(aggregation=Aggregation.PUBLISHED_ONLY)).select_related("period"):
        for period_id in {metric.period_id, metric.previous_period_id} - {None}:
            target = published.get((metric.pk, period_id))
            if target is None:
                continue
            rng = random.Random(f"{seed}:figures:{metric.code}:{period_id}")
            todo = [f for f in forces if (metric.pk, period_id, f.pk) not in held]
            if not todo:
                continue
            created += generated_metric_values(
                metric, period_id, target, todo, real.get((metric.pk, period_id)), rng
            )
    MetricValue.objects.bulk_create(created, batch_size=1000)
    return len(created)


def generated_metric_values(
    metric: Metric, period_id: int, target: Decimal, forces: list[Force], reference, rng
) -> list[MetricValue]:
    unit = FigureUnit(metric.unit)
    if metric.aggregation == Aggregation.MEAN:
        values = [min(100.0, max(0.0, float(target) + rng.gauss(0, 3))) for _ in forces]
        shift = float(target) - sum(values) / len(values)
        return [
            MetricValue(
                metric=metric,
                force=f,
                period_id=period_id,
                value=to_four_places(Decimal(repr(min(100.0, max(0.0, v + shift))))),
                generated=True,
            )
            for f, v in zip(forces, values, strict=True)
        ]
    multiplier = float(UNIT_MULTIPLIER[unit])
    wanted = float(target) / multiplier + (1 if unit == FigureUnit.PERCENT_CHANGE else 0)
    denominators = [_denominator(metric, force, reference) for force in forces]
    ratios = []
    for _ in forces:
        if unit == FigureUnit.PERCENT_CHANGE:
            ratios.append(max(0.01, wanted + rng.gauss(0, 0.05)))
        else:
            ratios.append(max(0.0, wanted * math.exp(rng.gauss(0, 0.2))))
    numerators = [r * d for r, d in zip(ratios, denominators, strict=True)]
    held_num = (
        float(reference.numerator) if reference is not None and reference.numerator is not None else 0.0
    )
    held_den = (
        float(reference.denominator) if reference is not None and reference.denominator is not None else 0.0
    )
    if sum(numerators) > 0:
        scale = (wanted * (sum(denominators) + held_den) - held_num) / sum(numerators)
        if scale > 0:
            numerators = [n * scale for n in numerators]
    return [
        MetricValue(
            metric=metric,
            force=force,
            period_id=period_id,
            numerator=to_four_places(Decimal(round(numerator))),
            denominator=to_four_places(Decimal(denominator)),
            generated=True,
        )
        for force, numerator, denominator in zip(forces, numerators, denominators, strict=True)
    ]


def _denominator(metric: Metric, force: Force, reference) -> int:
    """The force's own count: its population or households, or a count in proportion to its population
    (recorded crime, outcomes, the earlier period) taken from the force whose real figure is held."""
    if metric.denominator_kind == DenominatorKind.POPULATION:
        return force.population
    if metric.denominator_kind == DenominatorKind.HOUSEHOLDS:
        return force.households
    if reference is not None and reference.denominator:
        return max(1, round(float(reference.denominator) * force.population / reference.force.population))
    return max(1, round(force.population * 0.07))  # about the England and Wales recorded-crime rate
