"""The compile's draft AFIs, once one per criterion (``criterion:<code>``) and one per sub-question's
flagged notes (``evidence:<code>``), become one per sub-question (``question:<code>``).

Only untouched proposals move (a draft, not rejected, its text still the compile's, no recommendations):
those of one sub-question are replaced by one proposal holding their texts and links, which the next
compile rewords. Edited, approved and rejected ones stay as they are. Backwards, each untouched
``question:`` proposal is split again into one per criterion and one for its notes.
"""

from django.db import migrations

ORDER_BASE = 100
CRITERION_ORDER_BASE, EVIDENCE_ORDER_BASE = 100, 200
STATEMENT = 4_000


def _untouched(afis):
    return (
        afis.exclude(origin="lead")
        .filter(rejected=False, state="draft", recommendations__isnull=True)
        .select_related("question")
    )


def _is_untouched(afi) -> bool:
    return afi.text == afi.proposed_text


def _within_limit(text: str) -> str:
    return text if len(text) <= STATEMENT else text[: STATEMENT - 1].rsplit(" ", 1)[0] + "…"


def _sub_question_of(criterion):
    questions = [q for q in criterion.questions.all() if q.level != "overall"]
    return min(questions, key=lambda q: (q.order, q.code)) if questions else None


def group_by_sub_question(apps, schema_editor):
    AreaForImprovement = apps.get_model("peel", "AreaForImprovement")
    Criterion = apps.get_model("peel", "Criterion")
    Question = apps.get_model("peel", "Question")
    old = [
        afi
        for afi in _untouched(AreaForImprovement.objects.filter(origin__in=["criterion", "evidence"]))
        if _is_untouched(afi) and afi.source_key.partition(":")[0] in ("criterion", "evidence")
    ]
    groups = {}
    for afi in old:
        kind, _, code = afi.source_key.partition(":")
        programme_id = afi.inspection.programme_id
        if kind == "criterion":
            criterion = Criterion.objects.filter(programme_id=programme_id, code=code).first()
            sub = _sub_question_of(criterion) if criterion else None
        else:
            sub = Question.objects.filter(programme_id=programme_id, code=code).first()
        if sub is None:
            continue
        groups.setdefault((afi.inspection_id, sub.pk), (sub, []))[1].append(afi)
    for (inspection_id, _), (sub, afis) in groups.items():
        key = f"question:{sub.code}"
        if AreaForImprovement.objects.filter(inspection_id=inspection_id, source_key=key).exists():
            continue
        afis.sort(key=lambda afi: (afi.origin != "criterion", afi.order))
        text = _within_limit(" ".join(afi.text for afi in afis))
        grouped = AreaForImprovement.objects.create(
            inspection_id=inspection_id,
            question_id=sub.parent_id if sub.level == "sub" else sub.pk,
            text=text,
            proposed_text=text,
            order=ORDER_BASE + sub.order,
            origin="question",
            source_key=key,
        )
        grouped.criteria.set({c for afi in afis for c in afi.criteria.all()})
        grouped.evidence_notes.set({n for afi in afis for n in afi.evidence_notes.all()})
        AreaForImprovement.objects.filter(pk__in=[afi.pk for afi in afis]).delete()


def split_by_source(apps, schema_editor):
    AreaForImprovement = apps.get_model("peel", "AreaForImprovement")
    grouped = [
        afi
        for afi in _untouched(AreaForImprovement.objects.filter(origin="question"))
        if _is_untouched(afi) and afi.source_key.startswith("question:")
    ]
    for afi in grouped:
        sub_code = afi.source_key.partition(":")[2]
        taken = set(
            AreaForImprovement.objects.filter(inspection_id=afi.inspection_id).values_list(
                "source_key", flat=True
            )
        )
        for criterion in afi.criteria.all():
            key = f"criterion:{criterion.code}"
            if key in taken:
                continue
            text = criterion.afi_template.strip() or (
                f"The force should improve its performance against the file-review criterion “{criterion.text}”."
            )
            one = AreaForImprovement.objects.create(
                inspection_id=afi.inspection_id,
                question_id=afi.question_id,
                text=text,
                proposed_text=text,
                order=CRITERION_ORDER_BASE + criterion.order,
                origin="criterion",
                source_key=key,
            )
            one.criteria.set([criterion])
        notes = list(afi.evidence_notes.all())
        key = f"evidence:{sub_code}"
        if notes and key not in taken:
            findings = " ".join(note.text.strip() for note in notes)
            text = _within_limit(
                f"The force should address what we found on the question {sub_code}: {findings}"
            )
            one = AreaForImprovement.objects.create(
                inspection_id=afi.inspection_id,
                question_id=afi.question_id,
                text=text,
                proposed_text=text,
                order=EVIDENCE_ORDER_BASE + notes[0].question.order,
                origin="evidence",
                source_key=key,
            )
            one.evidence_notes.set(notes)
        afi.delete()


class Migration(migrations.Migration):
    dependencies = [("peel", "0013_afi_proposals_by_sub_question")]

    operations = [migrations.RunPython(group_by_sub_question, split_by_source)]
