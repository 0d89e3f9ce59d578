"""The demo: Cleveland Police in PEEL effectiveness 2016 as HMIC's report has it, and what the demo users
can do with it."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from demo.cleveland import FIELDWORK_2016, cleveland_inspection_ensure
from demo.users import demo_users_ensure
from peel.models import ApprovalState, Inspection, Judgment, QuestionLevel, Recommendation
from tests.factories.users import admin


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        users = demo_users_ensure()
        cleveland = cleveland_inspection_ensure(users=users)
        yield {"users": users, "cleveland": cleveland}
        transaction.set_rollback(True)


@pytest.fixture
def cleveland(demo, db) -> Inspection:
    return Inspection.objects.get(pk=demo["cleveland"].pk)


def test_cleveland_has_its_window_lead_team_and_stage(cleveland, demo):
    users = demo["users"]

    assert str(cleveland) == "Cleveland Police — PEEL effectiveness 2016"
    assert (cleveland.review_window_start, cleveland.review_window_end) == (
        datetime.date(2016, 1, 1),
        datetime.date(2016, 3, 31),
    )
    assert cleveland.lead == users["lead"]
    assert set(cleveland.team.all()) == {users["inspector"], users["inspector2"]}
    assert cleveland.status == "judgments"


def test_every_sub_question_has_at_least_three_evidence_notes_from_both_inspectors(cleveland, demo):
    notes = list(cleveland.evidence_notes.select_related("question", "author"))
    per_question = Counter(note.question.code for note in notes)
    sub_questions = cleveland.programme.questions.filter(level=QuestionLevel.SUB)

    assert {q.code for q in sub_questions} == set(per_question)
    assert min(per_question.values()) >= 3
    assert {note.author.username for note in notes} == {"inspector", "inspector2"}
    assert {note.direction for note in notes} == {"strength", "weakness", "neutral"}
    assert all(FIELDWORK_2016[0] <= note.observed_on <= FIELDWORK_2016[1] for note in notes)


def test_the_judgments_are_approved_with_the_reports_grades(cleveland):
    judgments = {
        j.question.code: j for j in Judgment.objects.filter(inspection=cleveland).select_related("question")
    }

    assert {code: j.grade for code, j in judgments.items()} == {
        "0": "good",
        "1": "good",
        "2": "good",
        "3": "requires_improvement",
        "4": "good",
        "5": "ungraded",
    }
    assert all(j.state == ApprovalState.APPROVED and j.rationale for j in judgments.values())
    assert judgments["0"].rationale.startswith("Cleveland Police is good in respect of its effectiveness")


def test_the_summaries_and_the_2016_afis_are_approved(cleveland):
    assert cleveland.finding_summaries.filter(state=ApprovalState.APPROVED).count() == 5
    afis = list(cleveland.afis.all())
    assert len(afis) == 9
    assert all(
        afi.state == ApprovalState.APPROVED and afi.text.startswith("The force should") for afi in afis
    )
    assert all(afi.evidence_notes.exists() for afi in afis)
    assert Counter(afi.question.code for afi in afis) == {"2": 2, "3": 5, "4": 2}


def test_the_dated_recommendations_sit_under_the_evidential_difficulties_afi(cleveland):
    recommendations = Recommendation.objects.filter(afi__inspection=cleveland)

    assert [r.due_date for r in recommendations] == [datetime.date(2017, 5, 1), datetime.date(2017, 6, 1)]
    assert "Evidential difficulties" in recommendations[0].afi.text
    assert not cleveland.causes_of_concern.exists()  # the 2016 report names none


def test_the_2015_inspection_and_its_assessment_give_seven_of_nine(client, cleveland, demo):
    previous = cleveland.previous

    assert str(previous) == "Cleveland Police — PEEL effectiveness 2015"
    assert previous.programme.previous_version.slug == "peel-effectiveness-2016"
    assert "copied" in previous.programme.description
    overall = previous.judgments.get(question__code="0")
    assert (overall.grade, overall.state) == ("requires_improvement", ApprovalState.APPROVED)
    assert previous.afis.count() == 9
    assert previous.status == "published"
    assert {j.state for j in previous.judgments.all()} == {ApprovalState.APPROVED}
    assert {s.state for s in previous.finding_summaries.all()} <= {ApprovalState.APPROVED}
    assert previous.lead is None and not previous.team.exists()  # its people are not in the report
    cause = previous.causes_of_concern.get()
    assert cause.recommendations.count() == 2
    assert {r.due_date for r in cause.recommendations.all()} == {None}
    client.force_login(demo["users"]["lead"])
    overview = client.get(f"/inspections/{cleveland.pk}/").content.decode()
    assert "7 of 9 areas for improvement addressed" in overview
    assert "2 partly addressed" in overview
    assert "1 of 1 cause of concern addressed" in overview


def test_the_home_list_shows_the_published_2015_inspection_with_all_its_judgments_approved(
    client, cleveland, demo
):
    client.force_login(admin())

    rows = client.get("/").content.decode().split("<tr>")

    (row_2015,) = [row for row in rows if "PEEL effectiveness 2015" in row]
    assert "Published" in row_2015
    assert re.search(r">\s*1 of 1\s*<", row_2015)


def test_the_outsider_is_alone_on_durham_and_gets_404_on_every_cleveland_page(client, cleveland, demo):
    durham = Inspection.objects.get(force__slug="durham")
    assert list(durham.team.all()) == [demo["users"]["outsider"]]
    assert durham.lead is None
    judgment = cleveland.judgments.first()
    afi = cleveland.afis.first()
    note = cleveland.evidence_notes.first()
    i = f"/inspections/{cleveland.pk}"
    pages = [
        f"{i}/", f"{i}/framework/", f"{i}/evidence/", f"{i}/evidence/new/", f"{i}/evidence/{note.pk}/edit/",
        f"{i}/evidence/{note.pk}/history/", f"{i}/judgments/", f"{i}/judgments/{judgment.pk}/",
        f"{i}/judgments/{judgment.pk}/history/", f"{i}/judgments/{judgment.pk}/reopen/", f"{i}/findings/",
        f"{i}/afis/", f"{i}/afis/{afi.pk}/", f"{i}/causes/", f"{i}/previous/", f"{i}/settings/",
        f"/inspections/{cleveland.previous_id}/",
    ]  # fmt: skip
    client.force_login(demo["users"]["outsider"])

    assert {client.get(page).status_code for page in pages} == {404}
    home = client.get("/").content.decode()
    assert "Durham Constabulary" in home and "Cleveland Police" not in home


def test_the_lead_opens_cleveland_edits_approves_reopens_and_reads_the_history(client, cleveland, demo):
    client.force_login(demo["users"]["lead"])
    judgment = cleveland.judgments.get(question__code="3")
    url = f"/inspections/{cleveland.pk}/judgments/{judgment.pk}/"

    assert "Cleveland Police" in client.get("/").content.decode()
    framework = client.get(f"/inspections/{cleveland.pk}/framework/").content.decode()
    assert "How much crime and anti-social behaviour is there in Cleveland?" in framework
    client.post(f"{url}reopen/", {"reason": "Reconsider after the absent-children dip sample"})
    version = Judgment.objects.get(pk=judgment.pk).updated_at.isoformat()
    client.post(url, {"version": version, "grade": "requires_improvement", "rationale": "Revised rationale."})
    client.post(f"{url}approve/")
    history = client.get(f"{url}history/").content.decode()

    judgment.refresh_from_db()
    assert (judgment.state, judgment.rationale) == (ApprovalState.APPROVED, "Revised rationale.")
    assert "Reconsider after the absent-children dip sample" in history
    assert "Lee Lead" in history


def test_the_demo_is_idempotent(cleveland, demo):
    counts = (Inspection.objects.count(), cleveland.evidence_notes.count())

    again = cleveland_inspection_ensure(users=demo["users"])

    assert again.pk == cleveland.pk
    assert (Inspection.objects.count(), cleveland.evidence_notes.count()) == counts


def test_seed_demo_prints_the_demo_inspection(demo, db, settings):
    settings.DEBUG = True
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    cleveland = Inspection.objects.get(force__slug="cleveland", programme__slug="peel-effectiveness-2016")
    assert (
        f"demo inspection: Cleveland Police — PEEL effectiveness 2016 (id {cleveland.pk})" in out.getvalue()
    )
