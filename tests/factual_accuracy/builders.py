"""A Cleveland inspection ready for its factual accuracy check, with liaisons of Cleveland and Durham."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from factual_accuracy.models import AccuracyCheck
from factual_accuracy.services.checks import accuracy_check_open, accuracy_comment_submit
from forces.models import Force
from peel.models import Inspection
from tests.factories.users import liaison
from tests.publication.builders import approved_inspection


@dataclass
class Setting:
    inspection: Inspection
    liaison: object  # Cleveland Police's
    other_liaison: object  # Durham Constabulary's

    @property
    def lead(self):
        return self.inspection.lead

    def open_check(self, *, due_in_days: int = 14) -> AccuracyCheck:
        return accuracy_check_open(
            inspection=self.inspection,
            user=self.lead,
            due_on=timezone.localdate() + datetime.timedelta(days=due_in_days),
        )

    def comment(self, check: AccuracyCheck, *, section_key: str = "q1", text: str = "The date is wrong."):
        return accuracy_comment_submit(check=check, user=self.liaison, section_key=section_key, text=text)


def setting(**kwargs) -> Setting:
    return Setting(
        inspection=approved_inspection(accuracy_checked=False, **kwargs),
        liaison=liaison(force=Force.objects.get(slug="cleveland"), first_name="Laura", last_name="Liaison"),
        other_liaison=liaison(force=Force.objects.get(slug="durham")),
    )
