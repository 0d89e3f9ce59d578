import datetime

import pytest

from peel.models import Judgment
from peel.services.approval import ApprovalAction, approvable_transition, approvable_update
from peel.services.findings import afi_create, cause_of_concern_create, recommendation_create
from tests.factories.inspections import EvidenceNoteFactory, inspection_with_drafts, sub_question
from tests.factories.users import admin, inspector, lead


class Cast:
    """One inspection and everybody who may or may not look at it."""

    def __init__(self):
        self.lead = lead()
        self.inspector = inspector()
        self.inspector2 = inspector()
        self.admin = admin()
        self.outsider = inspector()
        self.inspection = inspection_with_drafts(lead=self.lead, team=[self.inspector, self.inspector2])
        inspection_with_drafts(force_slug="durham", lead=None, team=[self.outsider])
        self.note = EvidenceNoteFactory(
            inspection=self.inspection, author=self.inspector, question=sub_question(self.inspection, "3.1")
        )
        self.overall = Judgment.objects.get(inspection=self.inspection, question__code="0")
        self.judgment = Judgment.objects.get(inspection=self.inspection, question__code="1")
        self.summary = self.inspection.finding_summaries.get(question__code="1")
        core_3 = self.inspection.programme.questions.get(code="3")
        self.afi = afi_create(
            inspection=self.inspection,
            user=self.inspector,
            question=core_3,
            text="The force should ensure that referrals are made on time.",
            evidence_notes=[self.note],
        )
        self.recommendation = recommendation_create(
            parent=self.afi,
            user=self.lead,
            text="By 1 May 2017 produce a plan.",
            due_date=datetime.date(2017, 5, 1),
        )
        self.cause = cause_of_concern_create(
            inspection=self.inspection, user=self.lead, question=core_3, text="How the force assesses risk."
        )

    def approve(self, item, **changes):
        if changes:
            item = approvable_update(item=item, user=self.lead, changes=changes)
        return approvable_transition(item=item, user=self.lead, action=ApprovalAction.APPROVE)

    def approved_judgment(self) -> Judgment:
        return self.approve(self.judgment, grade="good", rationale="The force is good at this.")

    def user(self, role: str):
        return getattr(self, role)


@pytest.fixture
def cast(db) -> Cast:
    return Cast()
