"""The draw: reproducible stratified random sampling, quotas, shortfall reallocation, reserves."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reviews.models import CaseFile, CaseFileStatus, SampleDraw, Stratum, UnusableReason
from reviews.sampling import ALGORITHM_VERSION, allocate_with_shortfall, even_quotas, random_order
from reviews.services.design import sample_quotas_update
from reviews.services.draw import case_file_mark_unusable, sample_draw, stratum_reserves
from reviews.services.refusals import Refused
from tests.factories.reviews import (
    drawn_inspection,
    frame_rows,
    import_rows,
    inspection_2016,
    submitted_review,
)

pytestmark = pytest.mark.django_db

LABELS = [
    "Robbery",
    "Common assault (domestic abuse)",
    "Grievous bodily harm",
    "Stalking",
    "Harassment",
    "Rape",
    "Domestic burglary",
]


def drawn_references(inspection) -> list[str]:
    return list(
        CaseFile.objects.filter(inspection=inspection)
        .order_by("stratum__order", "rank")
        .values_list("crime__crime_reference", flat=True)
    )


def drawn_per_stratum(inspection) -> dict[str, int]:
    return {row["label"]: row["drawn"] for row in SampleDraw.objects.get(inspection=inspection).allocation}


def test_the_random_order_is_pinned_so_a_draw_repeats_on_any_machine():
    # If this changes, ALGORITHM_VERSION must change: recorded draws could no longer be reproduced.
    order = random_order([f"R{n}" for n in range(10)], seed=2016, stream="Robbery")

    assert order == ["R9", "R1", "R7", "R5", "R6", "R3", "R8", "R2", "R0", "R4"]
    assert ALGORITHM_VERSION == "stratified-srs-fisher-yates-v1"


def test_the_random_order_does_not_depend_on_the_order_the_frame_arrives_in():
    references = [f"R{n}" for n in range(50)]

    assert random_order(references, seed=7, stream="Rape") == random_order(
        reversed(references), seed=7, stream="Rape"
    )


def test_the_same_frame_and_seed_give_the_same_files_and_another_seed_other_files():
    first = drawn_inspection(30, seed=99, allocate=False)
    second = drawn_inspection(30, seed=99, allocate=False)
    third = drawn_inspection(30, seed=100, allocate=False)

    assert drawn_references(first) == drawn_references(second)
    assert drawn_references(first) != drawn_references(third)
    assert (
        SampleDraw.objects.get(inspection=first).frame_digest
        == SampleDraw.objects.get(inspection=second).frame_digest
    )


def test_the_draw_records_its_seed_frame_digest_and_algorithm():
    inspection = drawn_inspection(10, seed=123, allocate=False)

    draw = SampleDraw.objects.get(inspection=inspection)

    assert draw.seed == 123
    assert draw.frame_size == 70
    assert len(draw.frame_digest) == 64
    assert draw.algorithm_version == ALGORITHM_VERSION


def test_default_quotas_split_the_total_evenly_remainders_to_the_strata_listed_first():
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(1))

    quotas = list(
        Stratum.objects.filter(inspection=inspection).order_by("order").values_list("quota", flat=True)
    )

    assert quotas == [9, 9, 9, 9, 8, 8, 8] == even_quotas(60, 7)


def test_each_stratum_gives_its_quota_when_its_frame_is_large_enough():
    inspection = drawn_inspection(30, allocate=False)

    assert drawn_per_stratum(inspection) == dict(zip(LABELS, [9, 9, 9, 9, 8, 8, 8], strict=True))
    assert CaseFile.objects.filter(inspection=inspection).count() == 60


def test_the_lead_can_change_quotas_before_the_draw_and_the_draw_follows_them():
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(30))
    strata = list(Stratum.objects.filter(inspection=inspection).order_by("order"))

    sample_quotas_update(
        inspection=inspection, total=14, quotas={s.pk: (8 if i == 0 else 1) for i, s in enumerate(strata)}
    )
    sample_draw(inspection=inspection, seed=1)

    assert drawn_per_stratum(inspection) == dict(zip(LABELS, [8, 1, 1, 1, 1, 1, 1], strict=True))


def test_quotas_that_do_not_add_up_to_the_total_are_refused():
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(3))
    strata = Stratum.objects.filter(inspection=inspection)

    with pytest.raises(Refused, match="add up to 70, but the total is 60"):
        sample_quotas_update(inspection=inspection, total=60, quotas={s.pk: 10 for s in strata})


def test_quotas_cannot_change_after_the_draw():
    inspection = drawn_inspection(10, allocate=False)
    strata = Stratum.objects.filter(inspection=inspection)

    with pytest.raises(Refused, match="has been drawn"):
        sample_quotas_update(inspection=inspection, total=7, quotas={s.pk: 1 for s in strata})


def test_a_shortfall_goes_to_the_other_strata_in_proportion_to_what_they_have_left():
    # Robbery has 2 crimes for a quota of 9: the 7 short go to the strata with crimes to spare
    # (11, 11, 1 and 22 left): whole shares 1, 1, 0, 3 and the last 2 to the largest remainders.
    assert allocate_with_shortfall([9, 9, 9, 9, 8, 8, 8], [2, 20, 20, 10, 30, 8, 8]) == [
        2,
        11,
        11,
        9,
        11,
        8,
        8,
    ]


def test_remainder_ties_go_to_the_stratum_listed_first():
    assert allocate_with_shortfall([2, 2, 2], [0, 10, 10]) == [0, 3, 3]
    assert allocate_with_shortfall([3, 2, 2], [0, 10, 10]) == [0, 4, 3]


def test_if_the_whole_frame_is_smaller_than_the_sample_everything_is_taken():
    assert allocate_with_shortfall([9, 9, 9], [2, 3, 4]) == [2, 3, 4]
    assert allocate_with_shortfall([5, 5, 5], [2, 6, 9]) == [2, 6, 7]


def test_the_draw_reallocates_a_shortfall_end_to_end():
    sizes = dict(zip(LABELS, [2, 20, 20, 10, 30, 8, 8], strict=True))
    inspection = drawn_inspection(sizes, allocate=False)

    assert drawn_per_stratum(inspection) == dict(zip(LABELS, [2, 11, 11, 9, 11, 8, 8], strict=True))
    assert CaseFile.objects.filter(inspection=inspection).count() == 60


def test_reserves_are_the_rest_of_each_strata_random_order():
    inspection = drawn_inspection(12, seed=5, allocate=False)
    robbery = Stratum.objects.get(inspection=inspection, label="Robbery")
    references = [f"CL/1/{n:05d}" for n in range(12)]

    order = random_order(references, seed=5, stream="Robbery")

    assert drawn_references(inspection)[:9] == order[:9]
    assert stratum_reserves(stratum=robbery, seed=5) == order[9:]


def test_an_unusable_file_is_replaced_by_the_next_reserve_of_its_stratum_and_both_are_recorded():
    inspection = drawn_inspection(12, seed=5)
    robbery = Stratum.objects.get(inspection=inspection, label="Robbery")
    unusable = CaseFile.objects.get(stratum=robbery, rank=3)
    next_reserve = stratum_reserves(stratum=robbery, seed=5, limit=1)[0]

    replacement = case_file_mark_unusable(
        inspection=inspection, case_file_id=unusable.pk, reason=UnusableReason.NOT_FOUND, user=inspection.lead
    )

    unusable.refresh_from_db()
    assert unusable.status == CaseFileStatus.UNUSABLE
    assert unusable.unusable_reason == UnusableReason.NOT_FOUND
    assert unusable.marked_unusable_by == inspection.lead
    assert replacement.crime.crime_reference == next_reserve
    assert replacement.replaces == unusable
    assert replacement.rank == 10
    assert replacement.reviewer == unusable.reviewer
    assert (
        stratum_reserves(stratum=robbery, seed=5)
        == random_order([f"CL/1/{n:05d}" for n in range(12)], seed=5, stream="Robbery")[10:]
    )


def test_the_sample_page_shows_both_the_unusable_file_and_its_replacement(client):
    inspection = drawn_inspection(12, seed=5)
    unusable = CaseFile.objects.filter(inspection=inspection).first()
    replacement = case_file_mark_unusable(
        inspection=inspection, case_file_id=unusable.pk, reason=UnusableReason.DUPLICATE
    )
    client.force_login(inspection.lead)

    page = client.get(reverse("reviews:sample", kwargs={"pk": inspection.pk})).content.decode()

    assert "Unusable: Duplicate of another crime" in page
    assert f"replaces {unusable.crime.crime_reference}" in page
    assert replacement.crime.crime_reference in page


def test_a_stratum_without_reserves_leaves_the_sample_a_file_short():
    inspection = drawn_inspection({**dict.fromkeys(LABELS, 10), "Robbery": 9}, allocate=False)
    robbery_file = CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery").first()

    replacement = case_file_mark_unusable(
        inspection=inspection,
        case_file_id=robbery_file.pk,
        reason=UnusableReason.OTHER,
        note="Sealed by court",
    )

    assert replacement is None


def test_other_needs_a_note_and_a_file_cannot_be_marked_unusable_twice():
    inspection = drawn_inspection(10, allocate=False)
    case_file = CaseFile.objects.filter(inspection=inspection).first()

    with pytest.raises(Refused, match="Say why"):
        case_file_mark_unusable(inspection=inspection, case_file_id=case_file.pk, reason=UnusableReason.OTHER)
    case_file_mark_unusable(
        inspection=inspection, case_file_id=case_file.pk, reason=UnusableReason.MISCLASSIFIED
    )
    with pytest.raises(Refused, match="already marked unusable"):
        case_file_mark_unusable(
            inspection=inspection, case_file_id=case_file.pk, reason=UnusableReason.NOT_FOUND
        )


def test_drawing_twice_needs_redraw_and_a_redraw_with_the_same_seed_gives_the_same_files():
    inspection = drawn_inspection(20, seed=8, allocate=False)
    before = drawn_references(inspection)

    with pytest.raises(Refused, match="already drawn"):
        sample_draw(inspection=inspection, seed=9)
    sample_draw(inspection=inspection, seed=8, redraw=True)

    assert drawn_references(inspection) == before


def test_a_redraw_is_refused_once_a_review_has_started():
    inspection = drawn_inspection(10)
    submitted_review(CaseFile.objects.filter(inspection=inspection).first())

    with pytest.raises(Refused, match="Reviews have started"):
        sample_draw(inspection=inspection, seed=1, redraw=True)


def test_drawing_without_a_frame_is_refused():
    inspection = inspection_2016()

    with pytest.raises(Refused, match="Import the crime list"):
        sample_draw(inspection=inspection, seed=1)


def test_the_command_prints_the_drawn_references_grouped_by_stratum(capsys):
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(10))

    call_command("draw_sample", "--inspection", str(inspection.pk), "--seed", "4")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("seed 4; frame 70 crimes (sha256 ")
    assert lines[1] == "# Robbery: 9 of 10 (quota 9)"
    assert lines[2:11] == drawn_references(inspection)[:9]
    assert lines[11] == "# Common assault (domestic abuse): 9 of 10 (quota 9)"
    assert len(lines) == 1 + 7 + 60


def test_the_command_without_a_seed_chooses_one_and_prints_it(capsys):
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(10))

    call_command("draw_sample", "--inspection", str(inspection.pk))

    seed = SampleDraw.objects.get(inspection=inspection).seed
    assert capsys.readouterr().out.startswith(f"seed {seed};")


def test_the_command_refuses_a_redraw_after_reviews_without_a_traceback():
    inspection = drawn_inspection(10)
    submitted_review(CaseFile.objects.filter(inspection=inspection).first())

    with pytest.raises(CommandError, match="Reviews have started"):
        call_command("draw_sample", "--inspection", str(inspection.pk), "--seed", "1", "--redraw")


def test_the_lead_draws_from_the_page_and_sees_the_seed(client):
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(10))
    client.force_login(inspection.lead)

    response = client.post(reverse("reviews:draw", kwargs={"pk": inspection.pk}), {"seed": "77"}, follow=True)

    assert b"Drew 60 files with seed 77." in response.content
    assert SampleDraw.objects.get(inspection=inspection).drawn_by == inspection.lead


def test_a_team_inspector_cannot_draw(client):
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(10))
    client.force_login(inspection.team.first())

    response = client.post(reverse("reviews:draw", kwargs={"pk": inspection.pk}), {"seed": "77"})

    assert response.status_code == 403
    assert not SampleDraw.objects.filter(inspection=inspection).exists()


def test_a_workbook_and_a_csv_of_the_same_crimes_draw_the_same_files():
    import openpyxl

    from reviews.services.frame import crime_list_import

    rows = frame_rows(15)
    workbook = openpyxl.Workbook()
    workbook.active.append(["crime_reference", "crime_type", "recorded_date", "domestic_abuse_flag"])
    for row in rows:
        workbook.active.append(list(row[:4]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    from_csv, from_xlsx = inspection_2016(), inspection_2016()
    import_rows(from_csv, rows)
    crime_list_import(inspection=from_xlsx, file=io.BytesIO(buffer.getvalue()), filename="list.xlsx")

    sample_draw(inspection=from_csv, seed=3)
    sample_draw(inspection=from_xlsx, seed=3)

    assert drawn_references(from_csv) == drawn_references(from_xlsx)
