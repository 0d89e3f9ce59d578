import datetime

import factory

from forces.models import Force
from peel.models import Inspection, Programme, Question, QuestionLevel
from tests.factories.users import inspector, lead


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test programme {n}")
    slug = factory.Sequence(lambda n: f"test-programme-{n}")
    year = 2016


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
