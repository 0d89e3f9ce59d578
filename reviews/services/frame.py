"""Importing a force's crime list as the inspection's sampling frame."""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction

from peel.models import Inspection
from reviews.crime_list import CrimeListUnreadable, CrimeRow, format_problems, read_crime_list
from reviews.models import (
    CrimeListImport,
    FrameCrime,
    SampleDraw,
    Stratum,
    normalise_crime_type,
)
from reviews.services.design import sample_design_ensure, sample_design_lock
from reviews.services.refusals import Refused

BATCH_SIZE = 5_000
# The unrecognised crime types kept for the lead to map (most rows first); a list with thousands of
# distinct names (free text) is counted, not kept, beyond this.
MAX_UNMATCHED_TYPES = 200
PROGRESS_EVERY_ROWS = 10_000
MAX_PROBLEMS_LISTED = 100

# Why a well-formed row is left out of the frame, in the order the summary line lists them. A row is
# counted once, under the first reason that applies.
OTHER_CRIME_TYPE = "other crime types"
NOT_DOMESTIC_ABUSE = "not flagged as domestic abuse"
OUTSIDE_WINDOW = "outside the window"
EXCLUSION_REASONS = (OTHER_CRIME_TYPE, NOT_DOMESTIC_ABUSE, OUTSIDE_WINDOW)


@dataclass(frozen=True)
class FrameImportResult:
    crime_list: CrimeListImport
    stratum_sizes: list[tuple[str, int]]

    @property
    def summary(self) -> str:
        return self.crime_list.summary


def import_summary(imported: int, excluded: Counter) -> str:
    """E.g. 'imported 8,603 crimes into the sampling frame; excluded 51,397 (other crime types: 39,957;
    outside the window: 11,440)'."""
    line = f"imported {imported:,} crime{'' if imported == 1 else 's'} into the sampling frame; "
    line += f"excluded {sum(excluded.values()):,}"
    reasons = [f"{reason}: {excluded[reason]:,}" for reason in EXCLUSION_REASONS if excluded[reason]]
    if reasons:
        line += f" ({'; '.join(reasons)})"
    return line


class _Classifier:
    """Puts a well-formed row in its stratum, or says why it is left out of the frame."""

    def __init__(self, strata: list[Stratum], window: tuple[datetime.date, datetime.date]):
        self.window = window
        self.by_crime_type: dict[str, list[Stratum]] = {}
        for stratum in strata:
            for key in stratum.crime_type_keys():
                self.by_crime_type.setdefault(key, []).append(stratum)

    def classify(self, row: CrimeRow) -> Stratum | str:
        candidates = self.by_crime_type.get(normalise_crime_type(row.crime_type))
        if not candidates:
            return OTHER_CRIME_TYPE
        stratum = next((s for s in candidates if row.domestic_abuse or not s.requires_domestic_abuse), None)
        if stratum is None:
            return NOT_DOMESTIC_ABUSE
        if not self.window[0] <= row.recorded_date <= self.window[1]:
            return OUTSIDE_WINDOW
        return stratum


class _UnmatchedTypes:
    """Rows per crime type that no stratum recognised, by the name as the list writes it (trimmed)."""

    def __init__(self):
        self.rows: Counter = Counter()

    def count(self, crime_type: str) -> None:
        name = crime_type.strip()
        if name in self.rows or len(self.rows) < MAX_UNMATCHED_TYPES:
            self.rows[name] += 1

    def most_common(self) -> list[list]:
        return [
            [name, rows] for name, rows in sorted(self.rows.items(), key=lambda item: (-item[1], item[0]))
        ]


def crime_list_import(
    *,
    inspection: Inspection,
    file: BinaryIO,
    filename: str,
    user=None,
    is_generated: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> FrameImportResult:
    """Replace the inspection's sampling frame with the crimes of this crime list.

    All or nothing: any malformed row refuses the whole file (``Refused`` with up to 100 problems by
    row and column, then a count). Refused once a sample has been drawn. Rows are streamed and
    inserted in batches, so memory stays bounded apart from the set of references seen (needed to
    report a reference used twice). ``progress``, if given, is told every few thousand rows the
    spreadsheet row reached and the bytes of ``file`` read so far.
    """
    sample_design_ensure(inspection=inspection)
    strata = list(Stratum.objects.filter(inspection=inspection).order_by("order"))
    if not strata:
        raise Refused("This inspection's sample design has no strata, so no crime would be in the frame.")
    classifier = _Classifier(strata, (inspection.review_window_start, inspection.review_window_end))
    with transaction.atomic():
        sample_design_lock(inspection=inspection)
        if SampleDraw.objects.filter(inspection=inspection).exists():
            raise Refused(
                "The sample has already been drawn from the current crime list, so it cannot be replaced. "
                "Nothing was imported."
            )
        FrameCrime.objects.filter(inspection=inspection).delete()
        crime_list = CrimeListImport.objects.create(
            inspection=inspection,
            filename=filename[:255],
            imported_by=user,
            rows_read=0,
            imported=0,
            summary="",
            is_generated=is_generated,
        )
        problems: list[str] = []
        problem_count = 0
        excluded: Counter = Counter()
        unmatched = _UnmatchedTypes()
        sizes: Counter = Counter()
        batch: list[FrameCrime] = []
        try:
            for item in read_crime_list(file, filename=filename):
                if progress is not None and item.row_number % PROGRESS_EVERY_ROWS == 0:
                    progress(item.row_number, file.tell())
                if not isinstance(item, CrimeRow):
                    problem_count += 1
                    if len(problems) < MAX_PROBLEMS_LISTED:
                        problems.append(str(item))
                    continue
                place = classifier.classify(item)
                if isinstance(place, str):
                    excluded[place] += 1
                    if place == OTHER_CRIME_TYPE:
                        unmatched.count(item.crime_type)
                    continue
                sizes[place.pk] += 1
                if problem_count:
                    continue  # the file will be refused: keep reading only to report every problem
                batch.append(
                    FrameCrime(
                        # ids, not objects: setting related objects costs more than the insert itself
                        inspection_id=inspection.pk,
                        crime_list_id=crime_list.pk,
                        stratum_id=place.pk,
                        crime_reference=item.crime_reference,
                        crime_type=item.crime_type,
                        recorded_date=item.recorded_date,
                        domestic_abuse=item.domestic_abuse,
                        outcome_code=item.outcome_code,
                        vulnerable_victim=item.vulnerable_victim,
                        repeat_victim=item.repeat_victim,
                        source_row=item.row_number,
                    )
                )
                if len(batch) >= BATCH_SIZE:
                    FrameCrime.objects.bulk_create(batch)
                    batch.clear()
        except CrimeListUnreadable as unreadable:
            problem_count += 1
            problems.append(str(unreadable))
        if problem_count:
            # Leaving the atomic block with an exception rolls back the batches already inserted.
            raise Refused(
                f"The crime list was not imported: {problem_count:,} "
                f"problem{'s' if problem_count > 1 else ''} (row numbers as a spreadsheet shows them, "
                "the header being row 1). Nothing was saved.",
                format_problems(problems, total=problem_count, limit=MAX_PROBLEMS_LISTED),
            )
        FrameCrime.objects.bulk_create(batch)
        imported = sum(sizes.values())
        crime_list.rows_read = imported + sum(excluded.values())
        crime_list.imported = imported
        crime_list.excluded = {reason: excluded[reason] for reason in EXCLUSION_REASONS}
        crime_list.summary = import_summary(imported, excluded)
        crime_list.unmatched_crime_types = unmatched.most_common()
        crime_list.save(
            update_fields=["rows_read", "imported", "excluded", "summary", "unmatched_crime_types"]
        )
    return FrameImportResult(
        crime_list=crime_list, stratum_sizes=[(stratum.label, sizes[stratum.pk]) for stratum in strata]
    )
