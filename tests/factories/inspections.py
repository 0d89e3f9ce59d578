import datetime

import factory

from forces.models import Force
from peel.models import (
    Direction,
    EvidenceNote,
    EvidenceSource,
    Inspection,
    Programme,
    Question,
    QuestionLevel,
)
from peel.services.inspections import inspection_create
from peel.services.scales import (
    PEEL_2016_FINDING_TYPES,
    PEEL_2016_LEVELS,
    PEEL_2021_FINDING_TYPES,
    PEEL_2021_LEVELS,
    finding_types_set,
    grade_scale_set,
)
from programmes.services import programme_version_create
from tests.factories.users import inspector, lead
from tests.factories.users import lead as make_lead


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test programme {n}")
    slug = factory.Sequence(lambda n: f"test-programme-{n}")
    year = 2016

    @factory.post_generation
    def scale(self, create, extracted, **kwargs):
        """PEEL 2016's four levels and finding types unless given (``scale=PEEL_2021_LEVELS``)."""
        if create and not self.grade_levels.exists():
            grade_scale_set(programme=self, levels=extracted or PEEL_2016_LEVELS)
            finding_types_set(
                programme=self,
                types=PEEL_2021_FINDING_TYPES if extracted == PEEL_2021_LEVELS else PEEL_2016_FINDING_TYPES,
            )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    programme = factory.SubFactory(ProgrammeFactory)
    level = QuestionLevel.SUB
    code = factory.Sequence(lambda n: f"9.{n}")
    text = factory.Sequence(lambda n: f"Test question {n}?")


def force(slug: str = "cleveland") -> Force:
    """One of the 43 forces the migration loads."""
    return Force.objects.get(slug=slug)


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    force = factory.LazyFunction(force)
    programme = factory.SubFactory(ProgrammeFactory)
    lead = factory.LazyFunction(lead)
    review_window_start = datetime.date(2016, 1, 1)
    review_window_end = datetime.date(2016, 3, 31)

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if not create:
            return
        self.team.set(extracted if extracted is not None else [inspector(), inspector()])


PEEL_2016 = "peel-effectiveness-2016"
_NOT_GIVEN = object()


def peel_2016() -> Programme:
    """The PEEL effectiveness 2016 programme the migration loads (21 questions)."""
    return Programme.objects.get(slug=PEEL_2016)


FIVE_LEVELS = "peel-five-levels-test"


def five_level_programme() -> Programme:
    """PEEL 2016 (a new version of it, with every part) on the five-level scale of PEEL since 2021
    (outstanding, good, adequate, requires improvement, inadequate) with its four finding types and 2016's
    sample design."""
    existing = Programme.objects.filter(slug=FIVE_LEVELS).first()
    if existing:
        return existing
    programme = programme_version_create(
        programme=peel_2016(), name="PEEL five-level test programme", slug=FIVE_LEVELS, year=2016
    )
    grade_scale_set(programme=programme, levels=PEEL_2021_LEVELS)
    finding_types_set(programme=programme, types=PEEL_2021_FINDING_TYPES)
    # 2016's rules name no adequate band: the first compile gives it the five-level defaults instead.
    programme.grading_rules = {}
    programme.save(update_fields=["grading_rules"])
    return programme


def inspection_with_drafts(
    *, force_slug: str = "cleveland", lead=_NOT_GIVEN, team=None, programme=None, **kwargs
):
    """A PEEL 2016 inspection made by the service, so it has its draft judgments and summaries."""
    return inspection_create(
        force=force(force_slug),
        programme=programme or peel_2016(),
        review_window_start=datetime.date(2016, 1, 1),
        review_window_end=datetime.date(2016, 3, 31),
        lead=make_lead() if lead is _NOT_GIVEN else lead,
        team=[inspector(), inspector()] if team is None else team,
        **kwargs,
    )


def sub_question(inspection: Inspection, code: str = "1.1") -> Question:
    return inspection.programme.questions.get(code=code)


class EvidenceNoteFactory(factory.django.DjangoModelFactory):
    """A note on an inspection made by ``inspection_with_drafts`` (its programme has the 2016 codes)."""

    class Meta:
        model = EvidenceNote

    inspection = factory.LazyFunction(inspection_with_drafts)
    question = factory.LazyAttribute(lambda note: sub_question(note.inspection))
    source = EvidenceSource.INTERVIEW
    direction = Direction.STRENGTH
    observed_on = datetime.date(2016, 10, 3)
    text = factory.Sequence(lambda n: f"Officers described how the force does thing {n}.")
    author = factory.LazyAttribute(lambda note: note.inspection.team.first())
