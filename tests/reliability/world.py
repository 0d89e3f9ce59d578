"""One inspection with a real object of every kind a URL can name, and everybody who may or may not look.

Built through the services (as users would build it), so the objects are in the states the pages expect:
a drawn and allocated sample with double review, a draft and a submitted review, evidence, judgments,
findings, an AFI with a recommendation, a cause of concern, the report's sections (one written, with a
comment), a finished compile, and a force with figures.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from api.services.tokens import token_create
from authoring.services.sections import (
    section_author_assign,
    section_body_save,
    section_comment_add,
    sections_ensure,
)
from factual_accuracy.models import AccuracyCheck, AccuracyComment, Answer
from forces.models import Force
from notifications.models import NotificationKind
from notifications.services import notification_send
from peel.models import FindingKind, Judgment
from peel.services.findings import afi_create, cause_of_concern_create, recommendation_create
from peel.services.inspections import inspection_create
from peel.services.practice import notable_practice_create
from publication.models import DraftPdf, Publication, SignOff, SignOffState
from reports.services.runs import compile_inspection
from review_pdf.models import ReviewPdf
from review_pdf.selectors import review_pdf_key
from reviews.models import ReviewKind
from reviews.services.allocation import case_files_allocate
from reviews.services.double_review import double_review_select
from reviews.services.draw import sample_draw
from reviews.services.reviewing import review_save
from reviews.services.upload import crime_list_upload_execute, crime_list_upload_store
from tests.factories.figures import MetricFactory, ratio
from tests.factories.inspections import EvidenceNoteFactory, five_level_programme, peel_2016, sub_question
from tests.factories.reviews import complete_input, csv_bytes, frame_rows, submitted_review
from tests.factories.users import admin, hmi, inspector, lead, liaison
from timeline.services import calendar_token_renew

# ``liaison`` is a force liaison of another force (Durham); ``force_liaison`` the inspection's own force's
# (Cleveland), who reads the world's open factual accuracy check and nothing else.
ROLES = ("anonymous", "outsider", "inspector", "lead", "admin", "hmi", "liaison", "force_liaison")


class World:
    def __init__(self):
        self.lead = lead()
        self.inspector = inspector()
        self.inspector2 = inspector()
        self.outsider = inspector()
        self.admin = admin()
        self.hmi = hmi()
        self.programme = peel_2016()
        self.force = Force.objects.get(slug="cleveland")
        self.liaison = liaison(force=Force.objects.get(slug="durham"))
        self.force_liaison = liaison(force=self.force)
        self.inspection = inspection_create(
            force=self.force,
            programme=self.programme,
            review_window_start=datetime.date(2016, 1, 1),
            review_window_end=datetime.date(2016, 3, 31),
            fieldwork_start=datetime.date(2016, 9, 5),
            fieldwork_end=datetime.date(2016, 9, 16),
            lead=self.lead,
            hmi=self.hmi,
            team=[self.inspector, self.inspector2],
        )
        # The outsider is on another force's inspection, so they are a real, logged-in inspector.
        inspection_create(
            force=Force.objects.get(slug="durham"),
            programme=self.programme,
            review_window_start=datetime.date(2016, 1, 1),
            review_window_end=datetime.date(2016, 3, 31),
            team=[self.outsider],
        )
        self._sample()
        self._findings()
        self._writing()
        self._practice()
        self.run = compile_inspection(inspection=self.inspection)
        metric = MetricFactory()
        ratio(metric, self.force, 120, 1000)
        self._pdfs()
        self._accuracy_check()
        self.token = token_create(user=self.inspector, name="Notebook", lifetime_days=30).row
        self.notification = notification_send(
            recipient=self.inspector,
            kind=NotificationKind.MESSAGE,
            subject="A message about a file",
            body="Please look at the file again.",
            url=self.inspection.get_absolute_url(),
            key="world-message",
        )
        self.calendar_token = calendar_token_renew(user=self.inspector)

    def _pdfs(self):
        """A prepared draft PDF, and a published version as an inspection reopened for correction keeps
        (the stored rows only: no PDF is rendered for the walk)."""
        inspection = self.inspection
        self.draft_pdf = DraftPdf(
            inspection=inspection, document_digest="d" * 64, document_html="<p>draft</p>"
        )
        self.draft_pdf.pdf_stored(b"%PDF-1.7 draft")
        self.draft_pdf.save()
        sign_off = SignOff.objects.create(
            inspection=inspection,
            content_digest="c" * 64,
            submitted_by=self.lead,
            state=SignOffState.SIGNED_OFF,
            decided_by=self.hmi,
        )
        publication = Publication(
            inspection=inspection,
            version=1,
            published_on=datetime.date(2017, 3, 2),
            published_by=self.lead,
            sign_off=sign_off,
            content_digest="c" * 64,
            document_html="<p>published</p>",
        )
        publication.pdf_stored(b"%PDF-1.7 published")
        publication.save()
        self.published_version = publication.version
        # The lead's PDF of the submitted file's reviews, current: theirs to download, nobody else's.
        self.review_pdf = ReviewPdf(
            case_file=self.submitted_file,
            scope="lead",
            content_key=review_pdf_key(inspection=inspection, case_file=self.submitted_file, user=self.lead),
            document_html="<p>review</p>",
        )
        self.review_pdf.pdf_stored(b"%PDF-1.7 review")
        self.review_pdf.save()

    def _accuracy_check(self):
        """An open factual accuracy check with one comment by the force's liaison, answered by the lead
        (the rows only: the draft as sent is not rendered for the walk)."""
        self.accuracy_check = AccuracyCheck(
            inspection=self.inspection, round=1, due_on=datetime.date(2017, 1, 30), opened_by=self.lead
        )
        self.accuracy_check.document_store("<p>draft as sent</p>")
        self.accuracy_check.save()
        self.accuracy_comment = AccuracyComment.objects.create(
            accuracy_check=self.accuracy_check,
            section_key="q1",
            section_title="Core question 1",
            text="The date is wrong.",
            author=self.force_liaison,
            answer=Answer.ACCEPTED,
            answered_by=self.lead,
        )

    def _sample(self):
        inspection = self.inspection
        # The crime list uploaded on the page, and imported by the task's service.
        stored = crime_list_upload_store(
            inspection=inspection,
            upload=SimpleUploadedFile("crimes.csv", csv_bytes(frame_rows(3))),
            user=self.lead,
        )
        self.upload = crime_list_upload_execute(upload_id=stored.pk)
        sample_draw(inspection=inspection, seed=2016)
        case_files_allocate(inspection=inspection)
        double_review_select(inspection=inspection, share_percent=100, seed=1)
        mine = inspection.case_files.filter(reviewer=self.inspector, second_reviewer=self.inspector2)
        self.draft_file, self.submitted_file = mine.order_by("pk")[:2]
        # The team inspector's draft: theirs to edit, not the other inspector's.
        self.draft_review = review_save(
            inspection=inspection,
            case_file_id=self.draft_file.pk,
            kind=ReviewKind.FIRST,
            user=self.inspector,
            expected_version=0,
            data=complete_input(self.draft_file),
        )
        # Both reviews submitted: waiting for moderation, and differing on C01, to adjudicate.
        submitted_review(self.submitted_file, ReviewKind.FIRST)
        submitted_review(self.submitted_file, ReviewKind.SECOND, overrides={"C01": "no"})

    def _findings(self):
        inspection = self.inspection
        self.note = EvidenceNoteFactory(
            inspection=inspection, author=self.inspector, question=sub_question(inspection, "3.1")
        )
        self.judgment = Judgment.objects.get(inspection=inspection, question__code="1")
        self.summary = inspection.finding_summaries.get(question__code="1")
        core_3 = self.programme.questions.get(code="3")
        self.afi = afi_create(
            inspection=inspection,
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
            inspection=inspection, user=self.lead, question=core_3, text="How the force assesses risk."
        )

    def _writing(self):
        """The report's sections, one written by the team inspector, with a comment by the lead."""
        sections = {section.key: section for section in sections_ensure(inspection=self.inspection)}
        self.section = sections["q-3.1"]
        section_author_assign(section=self.section, author=self.inspector, user=self.lead)
        self.section = section_body_save(
            section=self.section,
            body="### Domestic abuse\n\nThe force supports victims well.[^1]\n\n[^1]: As in 2015.",
            version=None,
            user=self.inspector,
        )
        self.comment = section_comment_add(section=self.section, user=self.lead, body="Say more about it.")

    def _practice(self):
        """Innovative practice, on an inspection of a five-level programme that records it (PEEL 2016 does
        not), with the same lead, team and HM Inspector."""
        self.practice_inspection = inspection_create(
            force=Force.objects.get(slug="cumbria"),
            programme=five_level_programme(),
            review_window_start=datetime.date(2016, 1, 1),
            review_window_end=datetime.date(2016, 3, 31),
            lead=self.lead,
            hmi=self.hmi,
            team=[self.inspector, self.inspector2],
        )
        self.practice = notable_practice_create(
            inspection=self.practice_inspection,
            user=self.inspector,
            question=self.practice_inspection.programme.questions.get(code="3"),
            kind=FindingKind.INNOVATIVE_PRACTICE,
            text="The force shares its risk assessments with partners the same day.",
        )

    def item(self, kind: str):
        """The object of an approvable kind (the URL segment)."""
        return {
            "judgments": self.judgment,
            "findings": self.summary,
            "afis": self.afi,
            "causes": self.cause,
            "practice": self.practice,
        }[kind]

    def inspection_of(self, kind: str):
        """The inspection an approvable kind's object belongs to."""
        return self.practice_inspection if kind == "practice" else self.inspection

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)
