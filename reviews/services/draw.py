"""Drawing the stratified random sample, and replacing unusable files by their stratum's reserves."""

import secrets
from collections import defaultdict

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from peel.models import Inspection
from reviews.models import (
    CaseFile,
    CaseFileStatus,
    DoubleReviewSelection,
    FrameCrime,
    Review,
    ReviewStatus,
    SampleDesign,
    SampleDraw,
    Stratum,
    UnusableReason,
)
from reviews.sampling import ALGORITHM_VERSION, allocate_with_shortfall, frame_digest, random_order
from reviews.services.refusals import Refused

MAX_SEED = 2**63 - 1


def new_seed() -> int:
    """A seed for a draw when the lead gives none; shown and recorded, so the draw can be repeated."""
    return secrets.randbelow(1_000_000_000)


def _case_file_for(crime: FrameCrime, *, stratum: Stratum, rank: int, **extra) -> CaseFile:
    return CaseFile(
        inspection_id=crime.inspection_id,
        stratum=stratum,
        crime=crime,
        rank=rank,
        outcome_code=crime.outcome_code,
        domestic_abuse=crime.domestic_abuse,
        vulnerable_victim=crime.vulnerable_victim,
        repeat_victim=crime.repeat_victim,
        **extra,
    )


def sample_draw(
    *, inspection: Inspection, seed: int | None = None, user=None, redraw: bool = False
) -> SampleDraw:
    """Draw the sample: stratified simple random sampling without replacement.

    Each stratum's frame is put in a random order (``reviews.sampling``) and its first files taken, as
    many as its quota after any shortfall reallocation; the rest of each order are its reserves. The
    seed, a digest of the frame and the algorithm version are recorded. A redraw replaces the sample
    only while no review has been started.
    """
    seed = new_seed() if seed is None else seed
    if not 0 <= seed <= MAX_SEED:
        raise Refused(f"The seed must be a whole number from 0 to {MAX_SEED}.")
    with transaction.atomic():
        design = SampleDesign.objects.select_for_update().filter(inspection=inspection).first()
        if design is None:
            raise Refused("Import the crime list before drawing the sample.")
        existing = SampleDraw.objects.filter(inspection=inspection).first()
        if existing is not None:
            if not redraw:
                raise Refused(
                    f"The sample was already drawn (seed {existing.seed}). To replace it, tick "
                    '"Replace the current draw" and choose "Redraw the sample" again; this is possible '
                    "only while no review has started."
                )
            # Lock the drawn files first: a first save of a review locks its file too, so either it
            # commits before this check sees its review, or it waits and then finds its file gone.
            list(CaseFile.objects.select_for_update().filter(inspection=inspection).values_list("pk"))
            if Review.objects.filter(case_file__inspection=inspection).exists():
                raise Refused(
                    "Reviews have started on the drawn files, so the sample can no longer be redrawn."
                )
            CaseFile.objects.filter(inspection=inspection).delete()
            DoubleReviewSelection.objects.filter(inspection=inspection).delete()
            existing.delete()
        strata = list(Stratum.objects.filter(inspection=inspection).order_by("order"))
        if sum(stratum.quota for stratum in strata) != design.total:
            raise Refused("The strata's quotas do not add up to the sample's total; correct them first.")
        crimes_by_stratum: dict[int, dict[str, FrameCrime]] = defaultdict(dict)
        for crime in FrameCrime.objects.filter(inspection=inspection).only(
            "pk",
            "inspection_id",
            "stratum_id",
            "crime_reference",
            "outcome_code",
            "domestic_abuse",
            "vulnerable_victim",
            "repeat_victim",
        ):
            crimes_by_stratum[crime.stratum_id][crime.crime_reference] = crime
        frame_size = sum(len(crimes) for crimes in crimes_by_stratum.values())
        if frame_size == 0:
            raise Refused(
                "The sampling frame is empty: import a crime list with crimes in the sample's strata."
            )
        sizes = [len(crimes_by_stratum[stratum.pk]) for stratum in strata]
        counts = allocate_with_shortfall([stratum.quota for stratum in strata], sizes)
        case_files = []
        allocation = []
        for stratum, size, count in zip(strata, sizes, counts, strict=True):
            crimes = crimes_by_stratum[stratum.pk]
            order = random_order(crimes, seed=seed, stream=stratum.label)
            case_files += [
                _case_file_for(crimes[reference], stratum=stratum, rank=rank)
                for rank, reference in enumerate(order[:count], start=1)
            ]
            allocation.append(
                {
                    "stratum_id": stratum.pk,
                    "label": stratum.label,
                    "frame": size,
                    "quota": stratum.quota,
                    "drawn": count,
                }
            )
        CaseFile.objects.bulk_create(case_files)
        digest = frame_digest(
            (stratum.label, reference) for stratum in strata for reference in crimes_by_stratum[stratum.pk]
        )
        return SampleDraw.objects.create(
            inspection=inspection,
            seed=seed,
            frame_digest=digest,
            frame_size=frame_size,
            algorithm_version=ALGORITHM_VERSION,
            allocation=allocation,
            drawn_by=user,
        )


def stratum_reserves(*, stratum: Stratum, seed: int, limit: int | None = None) -> list[str]:
    """The stratum's reserves in the order they will be brought in (the random order after the files used)."""
    references = FrameCrime.objects.filter(stratum=stratum).values_list("crime_reference", flat=True)
    used = CaseFile.objects.filter(stratum=stratum).aggregate(Max("rank"))["rank__max"] or 0
    order = random_order(references, seed=seed, stream=stratum.label)[used:]
    return order if limit is None else order[:limit]


def case_file_mark_unusable(
    *, inspection: Inspection, case_file_id: int, reason: str, note: str = "", user=None
) -> CaseFile | None:
    """Mark a drawn file unusable and bring in the next reserve of its stratum; returns the replacement
    (``None`` when the stratum has no reserve left). The replacement keeps the file's reviewers and its
    place in the double review."""
    if reason not in UnusableReason.values:
        raise Refused("Choose why the file cannot be used.")
    if reason == UnusableReason.OTHER and not note.strip():
        raise Refused("Say why the file cannot be used when the reason is 'other'.")
    with transaction.atomic():
        draw = SampleDraw.objects.filter(inspection=inspection).first()
        case_file = (
            CaseFile.objects.select_for_update()
            .select_related("stratum")
            .filter(inspection=inspection, pk=case_file_id)
        ).first()
        if draw is None or case_file is None:
            raise Refused("No such file in this inspection's sample.")
        if case_file.status == CaseFileStatus.UNUSABLE:
            raise Refused(f"{case_file.crime_reference} is already marked unusable.")
        if case_file.reviews.filter(status=ReviewStatus.ACCEPTED).exists():
            raise Refused(
                f"{case_file.crime_reference} has an accepted review, so it cannot be marked unusable."
            )
        # Lock the stratum so two replacements at once cannot take the same reserve.
        stratum = Stratum.objects.select_for_update().get(pk=case_file.stratum_id)
        case_file.status = CaseFileStatus.UNUSABLE
        case_file.unusable_reason = reason
        case_file.unusable_note = note.strip()
        case_file.marked_unusable_by = user
        case_file.marked_unusable_at = timezone.now()
        case_file.save(
            update_fields=[
                "status",
                "unusable_reason",
                "unusable_note",
                "marked_unusable_by",
                "marked_unusable_at",
            ]
        )
        reserves = stratum_reserves(stratum=stratum, seed=draw.seed, limit=1)
        if not reserves:
            return None
        used = CaseFile.objects.filter(stratum=stratum).aggregate(Max("rank"))["rank__max"]
        crime = FrameCrime.objects.get(inspection=inspection, crime_reference=reserves[0])
        replacement = _case_file_for(
            crime,
            stratum=stratum,
            rank=used + 1,
            replaces=case_file,
            reviewer=case_file.reviewer,
            double_review=case_file.double_review,
            second_reviewer=case_file.second_reviewer,
        )
        replacement.save()
        return replacement
