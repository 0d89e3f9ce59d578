"""The demo inspection: Cleveland Police in PEEL effectiveness 2016, from the published report.

Everything is read from ``peel/data/demo_cleveland_2016.json`` (extracted from HMIC's report, March 2017)
and written through the peel services, so the demo has the same history, approvals and links a real
inspection would. Also created: the 2015 Cleveland inspection the report compares against (its overall
grade, its nine areas for improvement and its cause of concern with two recommendations, which the 2016
report re-assesses), and an inspection of Durham Constabulary whose only team member is ``outsider``,
so the outsider has an inspection of their own and sees none of Cleveland's.

Where the report is silent the demo says so rather than inventing: the 2015 recommendations carry no due
date; the 2015 file-review window is a placeholder (the 2016 report does not give it); the 2016
fieldwork dates are HMIC's national fieldwork period (September to December 2016), as the report
gives no force-specific dates.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects

from forces.models import Force
from peel.models import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceNote,
    FindingSummary,
    Inspection,
    InspectionStatus,
    Judgment,
    Programme,
    Progress,
    Question,
)
from peel.services.approval import ApprovalAction, approvable_transition, approvable_update
from peel.services.evidence import evidence_note_create
from peel.services.findings import (
    afi_create,
    cause_of_concern_create,
    previous_finding_assess,
    recommendation_create,
)
from peel.services.inspections import inspection_create, inspection_status_set
from programmes.services import programme_version_create

DATA_FILE = Path(settings.BASE_DIR) / "peel" / "data" / "demo_cleveland_2016.json"

PROGRAMME_2015 = {
    "name": "PEEL effectiveness 2015",
    "slug": "peel-effectiveness-2015",
    "year": 2015,
    "description": (
        "Demo only: PEEL effectiveness 2016 copied as a new version, so that the 2015 "
        "Cleveland inspection the 2016 report compares against can be recorded. The real 2015 framework "
        "differed in its wording."
    ),
}
WINDOW_2016 = (datetime.date(2016, 1, 1), datetime.date(2016, 3, 31))
WINDOW_2015_PLACEHOLDER = (datetime.date(2015, 1, 1), datetime.date(2015, 3, 31))
# HMIC's national fieldwork period for PEEL effectiveness 2016 (the report's footnote 1).
FIELDWORK_2016 = (datetime.date(2016, 9, 1), datetime.date(2016, 12, 31))

# The words that tie each 2016 AFI (in the report's order) to the flagged evidence notes it rests on.
AFI_EVIDENCE_WORDS = (
    ("integrated offender management", "IOM"),
    ("sex offenders",),
    ("absent",),
    ("standard-risk domestic abuse",),
    ("accreditation",),
    ("repeat victims",),
    ("evidential difficulties",),
    ("4Ps",),
    ("drawn into serious and organised crime",),
)
# The file-review criteria an AFI also rests on, by a word of its text: linked, they are not proposed
# again by the compile (the referral of victims for continuing safeguarding is C10's matter).
AFI_CRITERIA = {"standard-risk domestic abuse": ("C10",)}


def _paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _approve(item, lead) -> None:
    approvable_transition(item=item, user=lead, action=ApprovalAction.APPROVE)


def _programme_2015(programme_2016: Programme) -> Programme:
    existing = Programme.objects.filter(slug=PROGRAMME_2015["slug"]).first()
    return existing or programme_version_create(programme=programme_2016, **PROGRAMME_2015)


def _questions(programme: Programme) -> dict[str, Question]:
    return {question.code: question for question in programme.questions.all()}


def _cleveland_2015(*, data: dict, force: Force, programme: Programme, users: dict) -> Inspection:
    existing = Inspection.objects.filter(force=force, programme=programme).first()
    if existing is not None:
        return existing
    lead = users["lead"]
    inspection = inspection_create(
        force=force,
        programme=programme,
        review_window_start=WINDOW_2015_PLACEHOLDER[0],
        review_window_end=WINDOW_2015_PLACEHOLDER[1],
        lead=lead,
        team=[users["inspector"], users["inspector2"]],
    )
    questions = _questions(programme)
    overall = Judgment.objects.get(inspection=inspection, question=questions["0"])
    overall = approvable_update(
        item=overall,
        user=lead,
        changes={
            "grade": data["overall"]["previous_grade"],
            "rationale": (
                "Recorded from the 2016 report, which recalls that in 2015 HMIC judged the force to "
                "require improvement in respect of its overall effectiveness."
            ),
        },
    )
    _approve(overall, lead)
    # The 2016 report recalls only the 2015 overall grade. The core questions' judgments and summaries
    # it does not give are left out rather than kept as empty drafts, which a published inspection
    # cannot have (the home list would read "Published" beside "Judgments approved 1 of 6").
    inspection.judgments.exclude(pk=overall.pk).delete()
    inspection.finding_summaries.all().delete()
    for row in data["previous_afis"]:
        if row["kind"] == "afi":
            afi = afi_create(
                inspection=inspection, user=lead, question=questions[row["question"]], text=row["text"]
            )
            _approve(afi, lead)
    recommendations = [row for row in data["previous_afis"] if row["kind"] == "cause_of_concern"]
    cause = cause_of_concern_create(
        inspection=inspection,
        user=lead,
        question=questions[recommendations[0]["question"]],
        text=data["previous_cause_of_concern"],
    )
    for row in recommendations:
        recommendation_create(parent=cause, user=lead, text=row["text"], due_date=None)
    _approve(cause, lead)
    # The 2015 report was published long ago; the demo records the fact, not the workflow. Who was on
    # that inspection is not known, so it keeps no lead or team: admins see it, and the 2016 team sees
    # its findings on the 2016 inspection's "Previous findings" page.
    Inspection.objects.filter(pk=inspection.pk).update(status=InspectionStatus.PUBLISHED, lead=None)
    inspection.team.clear()
    inspection.refresh_from_db()
    return inspection


def _evidence(*, inspection: Inspection, data: dict, questions: dict, users: dict) -> list[EvidenceNote]:
    """The report's findings as evidence notes, by alternating authors, spread over the fieldwork."""
    authors = [users["inspector"], users["inspector2"]]
    start, end = FIELDWORK_2016
    span = (end - start).days
    notes = []
    rows = data["evidence_notes"]
    for index, row in enumerate(rows):
        notes.append(
            evidence_note_create(
                inspection=inspection,
                author=authors[index % 2],
                question=questions[row["question"]],
                source=row["source"],
                direction=row["direction"],
                observed_on=start + datetime.timedelta(days=index * span // len(rows)),
                text=row["text"],
                proposed_afi=row["proposed_afi"],
            )
        )
    return notes


def _cleveland_2016(*, data: dict, force: Force, programme: Programme, users: dict) -> Inspection:
    lead = users["lead"]
    inspection = inspection_create(
        force=force,
        programme=programme,
        review_window_start=WINDOW_2016[0],
        review_window_end=WINDOW_2016[1],
        fieldwork_start=FIELDWORK_2016[0],
        fieldwork_end=FIELDWORK_2016[1],
        lead=lead,
        team=[users["inspector"], users["inspector2"]],
    )
    questions = _questions(programme)
    prefetch_related_objects([inspection], "team")  # every service call asks whether the lead may write
    notes = _evidence(inspection=inspection, data=data, questions=questions, users=users)

    judgments = {
        j.question.code: j for j in Judgment.objects.filter(inspection=inspection).select_related("question")
    }
    rows = [{"question": "0", **data["overall"]}, *data["judgments"]]
    for row in rows:
        judgment = approvable_update(
            item=judgments[row["question"]],
            user=lead,
            changes={"grade": row["grade"], "rationale": _paragraphs(row["rationale"])},
        )
        _approve(judgment, lead)

    summaries = {
        s.question.code: s
        for s in FindingSummary.objects.filter(inspection=inspection).select_related("question")
    }
    for row in data["summaries"]:
        summary = approvable_update(
            item=summaries[row["question"]], user=lead, changes={"text": _paragraphs(row["paragraphs"])}
        )
        _approve(summary, lead)

    for row, words in zip(data["afis"], AFI_EVIDENCE_WORDS, strict=True):
        question = questions[row["question"]]
        linked = [
            note
            for note in notes
            if note.proposed_afi
            and note.question.parent_id == question.pk
            and any(word in note.text for word in words)
        ]
        criteria = [code for words, codes in AFI_CRITERIA.items() if words in row["text"] for code in codes]
        afi = afi_create(
            inspection=inspection,
            user=lead,
            question=question,
            text=row["text"],
            evidence_notes=linked,
            criteria=programme.criteria.filter(code__in=criteria),
        )
        for recommendation in row.get("recommendations", []):
            recommendation_create(
                parent=afi,
                user=lead,
                text=recommendation["text"],
                due_date=datetime.date.fromisoformat(recommendation["due"]),
            )
        _approve(afi, lead)

    _previous_assessments(inspection=inspection, data=data, lead=lead)
    for stage in (InspectionStatus.FIELDWORK, InspectionStatus.MODERATION, InspectionStatus.JUDGMENTS):
        inspection = inspection_status_set(inspection=inspection, user=lead, status=stage)
    return inspection


def _previous_assessments(*, inspection: Inspection, data: dict, lead) -> None:
    previous_afis = {
        afi.text: afi for afi in AreaForImprovement.objects.filter(inspection_id=inspection.previous_id)
    }
    recommendation_rows = []
    for row in data["previous_afis"]:
        if row["kind"] == "afi":
            previous_finding_assess(
                inspection=inspection,
                user=lead,
                afi=previous_afis[row["text"]],
                progress=row["assessment"],
                note=row["note"],
            )
        else:
            recommendation_rows.append(row)
    # The cause of concern is assessed as a whole: addressed when each of its recommendations was.
    cause = CauseOfConcern.objects.get(inspection_id=inspection.previous_id)
    all_addressed = all(row["assessment"] == Progress.ADDRESSED for row in recommendation_rows)
    previous_finding_assess(
        inspection=inspection,
        user=lead,
        cause_of_concern=cause,
        progress=Progress.ADDRESSED if all_addressed else Progress.PARTLY_ADDRESSED,
        note="\n\n".join(
            f"Recommendation {number} ({row['assessment'].replace('_', ' ')}): {row['note']}"
            for number, row in enumerate(recommendation_rows, start=1)
        ),
    )


def _durham(*, programme: Programme, users: dict) -> Inspection:
    """A second inspection whose only member is ``outsider``: no lead yet, so nobody approves there."""
    force = Force.objects.get(slug="durham")
    existing = Inspection.objects.filter(force=force, programme=programme).first()
    return existing or inspection_create(
        force=force,
        programme=programme,
        review_window_start=WINDOW_2016[0],
        review_window_end=WINDOW_2016[1],
        lead=None,
        team=[users["outsider"]],
    )


@transaction.atomic
def cleveland_inspection_ensure(*, users: dict) -> Inspection:
    """Create the Cleveland 2016 demo inspection and its companions if missing; return Cleveland 2016."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    programme = Programme.objects.get(slug=data["programme_slug"])
    force = Force.objects.get(slug=data["force_slug"])
    _durham(programme=programme, users=users)
    existing = Inspection.objects.filter(force=force, programme=programme).first()
    if existing is not None:
        return existing
    _cleveland_2015(data=data, force=force, programme=_programme_2015(programme), users=users)
    return _cleveland_2016(data=data, force=force, programme=programme, users=users)
