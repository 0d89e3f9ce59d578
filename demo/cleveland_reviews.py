"""The demo's case-file review of Cleveland Police, 2016: a generated crime list, the drawn sample of 60,
allocations, moderated reviews and six double-reviewed files.

The crime list is GENERATED (the force's real list is not public): about 13,000 crimes recorded between
December 2015 and April 2016, of plausible types and volumes for a quarter in Cleveland, with a seeded
random generator so every run gives the same list. It goes through the same import, draw, allocation,
review and moderation services as real data, with recorded seeds.

The answers are generated too, but shaped to agree with what the published report says of Cleveland's
files (quoted beside each criterion below): e.g. every file was allocated to the most appropriate team;
call-handlers gave safeguarding advice in most cases "although not always on the preservation of
evidence and crime prevention"; only "a couple of instances" of a delayed response.
"""

import csv
import datetime
import io
import random

from django.db import transaction

from peel.models import Criterion, Inspection
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import (
    AnswerValue,
    CaseFile,
    CaseFileStatus,
    CrimeListImport,
    DoubleReviewSelection,
    Review,
    ReviewKind,
    SampleDraw,
    UnusableReason,
)
from reviews.services.allocation import case_files_allocate
from reviews.services.double_review import adjudication_save, double_review_select
from reviews.services.draw import case_file_mark_unusable, sample_draw
from reviews.services.frame import crime_list_import
from reviews.services.moderation import review_accept
from reviews.services.reviewing import ReviewInput, review_save

CRIME_LIST_FILENAME = "cleveland-crime-list-2016-Q1-GENERATED.csv"
CRIME_LIST_SEED = 20160331
DRAW_SEED = 20161115
DOUBLE_REVIEW_SEED = 20161201
ANSWERS_SEED = 2017

# Crimes generated per crime type for the quarter (name as the list has it, count, share flagged as
# domestic abuse, share with a vulnerable victim). Names vary as in real exports: "GBH with intent" and
# "Burglary dwelling" reach their strata through the design's aliases.
CRIME_TYPES = (
    ("Robbery of personal property", 85, 0.03, 0.10),
    ("Common assault", 1_400, 0.40, 0.12),
    ("GBH with intent", 95, 0.20, 0.10),
    ("GBH", 80, 0.25, 0.10),
    ("Stalking", 45, 0.50, 0.25),
    ("Harassment", 700, 0.30, 0.15),
    ("Rape", 85, 0.30, 0.60),
    ("Burglary dwelling", 650, 0.02, 0.06),
    ("Assault with injury", 1_250, 0.35, 0.08),
    ("Shoplifting", 2_100, 0.0, 0.01),
    ("Theft from the person", 160, 0.0, 0.05),
    ("Other theft", 1_650, 0.02, 0.03),
    ("Vehicle crime", 1_100, 0.0, 0.01),
    ("Criminal damage", 2_000, 0.10, 0.03),
    ("Burglary other than dwelling", 600, 0.0, 0.0),
    ("Public order offences", 650, 0.10, 0.03),
    ("Drug offences", 420, 0.0, 0.0),
    ("Possession of weapons", 90, 0.02, 0.0),
)
# The window is 1 January to 31 March 2016; the list runs from 1 December 2015 to 30 April 2016, so
# some rows fall outside it and are excluded and counted on import.
LIST_START, LIST_DAYS = datetime.date(2015, 12, 1), 152

# Yes-share of each criterion among the files it applies to, with what the report says. Files not
# answered "yes" get "partly" or "no" (and the note), in the proportion given.
# For each criterion: the share of the files it applies to answered yes; of the rest, the share answered
# partly (the others no); the note on those; and what the report says.
ANSWER_PLAN = {
    "C01": (
        0.88,
        0.5,
        "THRIVE not recorded on the incident log.",
        "majority of calls ... triaged using THRIVE",
    ),
    "C02": (0.87, 0.6, "No safeguarding advice recorded.", "in most cases ... advice on safeguarding"),
    "C03": (0.62, 0.4, "No advice on preserving evidence.", "not always on the preservation of evidence"),
    "C04": (0.66, 0.4, "No crime-prevention advice recorded.", "[not always on] crime prevention"),
    "C05": (58 / 60, 0.0, "Delayed response while demand was high.", "just a couple of instances [of delay]"),
    "C06": (0.90, 0.5, "Vulnerability not identified at first contact.", "majority ... identified correctly"),
    "C07": (0.93, 0.0, "No DASH form on the file.", "initial risk-assessment ... effective"),
    "C08": (0.86, 0.6, "Risk level looks understated.", "majority of risk-assessments ... correct"),
    "C09": (
        0.86,
        0.6,
        "Children in the household not considered.",
        "safeguarding considered in the majority",
    ),
    "C10": (0.70, 0.5, "Standard-risk referral awaiting its check.", "340 standard-risk referrals awaiting"),
    "C11": (0.88, 0.7, "No house-to-house; phone not examined.", "very occasionally ... missed"),
    "C12": (0.80, 0.6, "No supervisory sign-off before handover.", "supervised in the majority of cases"),
    "C13": (1.0, 0.0, "", "all the files ... allocated to the most appropriate team"),
    "C14": (0.72, 0.6, "No recorded supervisory review.", "some inconsistency in ... supervision"),
    "C15": (
        0.86,
        0.5,
        "Response officer's investigation was poor.",
        "most ... had an effective investigation",
    ),
    "C16": (0.88, 0.6, "Forensic opportunity not taken.", "in most cases, forensic opportunities exploited"),
    "C17": (0.90, 0.5, "Named suspect not arrested for weeks.", "suspects are arrested or interviewed"),
    "C18": (
        0.70,
        0.0,
        "No victim needs assessment recorded.",
        "sometimes fail to ... [record] a needs assessment",
    ),
    "C19": (0.68, 0.0, "No victim contact contract recorded.", "... and a victim contact contract"),
    "C20": (0.86, 0.5, "Victim not updated for over a month.", "keeps victims updated in the majority"),
    "C21": (0.90, 0.5, "Outcome 16 where a charge looked possible.", "[outcomes broadly appropriate]"),
    "C22": (0.80, 0.5, "Body-worn video not considered.", "good use of body-worn cameras"),
}
# Where the blind second reviewer saw it differently, for each double-reviewed file in turn: the
# criteria on which their answer differs from the first review's (judgment calls, never C13).
SECOND_REVIEW_DIFFERENCES = (("C14", "C03"), ("C12",), (), ("C15", "C20"), ("C04",), ())
UNUSABLE_FILE = ("Stalking", 4, "The force could not find the file.")


def generated_crime_list() -> bytes:
    """The generated crime list as CSV (UTF-8, as a force's export would be); the same on every run."""
    rng = random.Random(CRIME_LIST_SEED)
    rows = []
    for crime_type, count, domestic_share, vulnerable_share in CRIME_TYPES:
        for _ in range(count):
            domestic = rng.random() < domestic_share
            rows.append(
                (
                    crime_type,
                    LIST_START + datetime.timedelta(days=rng.randrange(LIST_DAYS)),
                    domestic,
                    rng.random() < vulnerable_share,
                    rng.random() < (0.25 if domestic else 0.08),
                    _outcome(rng, domestic),
                )
            )
    rows.sort(key=lambda row: row[1])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "Crime Reference",
            "Crime Type",
            "Recorded Date",
            "Domestic Abuse Flag",
            "Outcome Code",
            "Vulnerable Victim Flag",
            "Repeat Victim Flag",
        ]
    )
    for number, (crime_type, recorded, domestic, vulnerable, repeat, outcome) in enumerate(rows, start=1):
        writer.writerow(
            [
                f"CLV/{recorded:%y}/{number:06d}",
                crime_type,
                recorded.strftime("%d/%m/%Y"),
                "Y" if domestic else "N",
                outcome or "",
                "Y" if vulnerable else "N",
                "Y" if repeat else "N",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _outcome(rng: random.Random, domestic: bool) -> int | None:
    """A Home Office outcome: for domestic abuse mostly 16 (victim does not support action), as the
    report found; otherwise charged, no suspect identified, or evidential difficulties."""
    if domestic:
        choices, weights = (16, 15, 1, 3, None), (55, 13, 24, 1, 7)
    else:
        choices, weights = (1, 18, 16, 15, 14, 8, 3, None), (18, 30, 15, 8, 5, 3, 3, 18)
    return rng.choices(choices, weights)[0]


def cleveland_reviews_ensure(*, inspection: Inspection, users: dict) -> None:
    """Import, draw, allocate and review the Cleveland sample, each step only if not done yet."""
    lead = users["lead"]
    with transaction.atomic():
        if not CrimeListImport.objects.filter(inspection=inspection).exists():
            crime_list_import(
                inspection=inspection,
                file=io.BytesIO(generated_crime_list()),
                filename=CRIME_LIST_FILENAME,
                user=lead,
                is_generated=True,
            )
        if not SampleDraw.objects.filter(inspection=inspection).exists():
            sample_draw(inspection=inspection, seed=DRAW_SEED, user=lead)
        inspection.team.add(users["inspector"], users["inspector2"])
        case_files_allocate(inspection=inspection)
        _unusable_file_replaced(inspection, lead)
        if not DoubleReviewSelection.objects.filter(inspection=inspection).exists():
            double_review_select(inspection=inspection, share_percent=10, seed=DOUBLE_REVIEW_SEED, user=lead)
        _first_reviews(inspection, lead)
        _second_reviews_and_adjudication(inspection, lead)


def _unusable_file_replaced(inspection: Inspection, lead) -> None:
    if CaseFile.objects.filter(inspection=inspection, status=CaseFileStatus.UNUSABLE).exists():
        return
    label, rank, note = UNUSABLE_FILE
    case_file = CaseFile.objects.filter(inspection=inspection, stratum__label=label, rank=rank).first()
    if case_file is not None and not case_file.reviews.exists():
        case_file_mark_unusable(
            inspection=inspection,
            case_file_id=case_file.pk,
            reason=UnusableReason.NOT_FOUND,
            note=note,
            user=lead,
        )


def _settled_facts(case_file: CaseFile, rng: random.Random) -> FileFacts:
    """The facts a reviewer records: the list's flags, whether a suspect was identified (no for outcomes
    14 and 18, which say so), and for domestic abuse the DASH risk level."""
    if case_file.outcome_code in (14, 18):
        suspect = False
    elif case_file.outcome_code is None:
        suspect = rng.random() < 0.7
    else:
        suspect = True
    risk = rng.choices(("standard", "medium", "high"), (50, 30, 20))[0] if case_file.domestic_abuse else ""
    return FileFacts(
        outcome_code=case_file.outcome_code,
        domestic_abuse=case_file.domestic_abuse,
        vulnerable_victim=case_file.vulnerable_victim,
        repeat_victim=case_file.repeat_victim,
        suspect_identified=suspect,
        risk_level=risk,
    )


def _planned_answers(files: list[CaseFile], facts: dict[int, FileFacts], criteria: list[Criterion]) -> dict:
    """Answers by file and criterion: for each criterion, the planned share of the files it applies to
    answered yes (chosen at random, seeded), the rest partly or no with the criterion's note."""
    rng = random.Random(ANSWERS_SEED)
    answers: dict[int, dict[int, tuple[str, str]]] = {f.pk: {} for f in files}
    for criterion in criteria:
        yes_share, partly_share, note, _ = ANSWER_PLAN[criterion.code]
        applicable = [f for f in files if criterion_applies(criterion.applicability, facts[f.pk])]
        rng.shuffle(applicable)
        yes = round(yes_share * len(applicable))
        partly = round(partly_share * (len(applicable) - yes))
        for index, case_file in enumerate(applicable):
            if index < yes:
                answers[case_file.pk][criterion.pk] = (AnswerValue.YES, "")
            elif index < yes + partly:
                answers[case_file.pk][criterion.pk] = (AnswerValue.PARTLY, note)
            else:
                answers[case_file.pk][criterion.pk] = (AnswerValue.NO, note)
    return answers


def _first_reviews(inspection: Inspection, lead) -> None:
    files = list(
        CaseFile.objects.filter(inspection=inspection, status=CaseFileStatus.IN_SAMPLE)
        .select_related("reviewer")
        .order_by("stratum__order", "rank")
    )
    reviewed = set(
        Review.objects.filter(case_file__in=files, kind=ReviewKind.FIRST).values_list(
            "case_file_id", flat=True
        )
    )
    if len(reviewed) == len(files):
        return
    criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id))
    rng = random.Random(ANSWERS_SEED)
    facts = {f.pk: _settled_facts(f, rng) for f in files}
    plan = _planned_answers(files, facts, criteria)
    for case_file in files:
        if case_file.pk in reviewed:
            continue
        answers = plan[case_file.pk]
        review = review_save(
            inspection=inspection,
            case_file_id=case_file.pk,
            kind=ReviewKind.FIRST,
            user=case_file.reviewer,
            expected_version=0,
            data=ReviewInput(
                answers={pk: value for pk, (value, _) in answers.items()},
                notes={pk: note for pk, (_, note) in answers.items()},
                facts=facts[case_file.pk],
            ),
            submit=True,
        )
        review_accept(inspection=inspection, review_id=review.pk, user=lead)


def _other_answer(value: str) -> str:
    """A different view of the same file: a yes becomes partly, anything else yes."""
    return AnswerValue.PARTLY if value == AnswerValue.YES else AnswerValue.YES


def _second_reviews_and_adjudication(inspection: Inspection, lead) -> None:
    """The blind second reviews (accepted), then the lead's adjudication of every difference: the
    second reviewer upheld on the first difference of a file, the first reviewer on any other."""
    files = list(
        CaseFile.objects.filter(inspection=inspection, status=CaseFileStatus.IN_SAMPLE, double_review=True)
        .select_related("second_reviewer")
        .order_by("stratum__order", "rank")
    )
    codes = {c.code: c.pk for c in Criterion.objects.filter(programme_id=inspection.programme_id)}
    for case_file, differing_codes in zip(files, SECOND_REVIEW_DIFFERENCES, strict=False):
        if Review.objects.filter(case_file=case_file, kind=ReviewKind.SECOND).exists():
            continue
        first = dict(
            Review.objects.get(case_file=case_file, kind=ReviewKind.FIRST).answers.values_list(
                "criterion_id", "value"
            )
        )
        second = dict(first)
        for code in differing_codes:
            if first[codes[code]] != AnswerValue.NOT_APPLICABLE:
                second[codes[code]] = _other_answer(first[codes[code]])
        review = review_save(
            inspection=inspection,
            case_file_id=case_file.pk,
            kind=ReviewKind.SECOND,
            user=case_file.second_reviewer,
            expected_version=0,
            data=ReviewInput(answers=second),
            submit=True,
        )
        review_accept(inspection=inspection, review_id=review.pk, user=lead)
        differing = [pk for pk in codes.values() if first.get(pk) != second.get(pk)]
        decisions = {
            pk: (
                second[pk] if index == 0 else first[pk],
                "Agreed at moderation after reading the file together.",
            )
            for index, pk in enumerate(differing)
        }
        if decisions:
            adjudication_save(
                inspection=inspection, case_file_id=case_file.pk, decisions=decisions, user=lead
            )
