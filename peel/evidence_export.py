"""Evidence notes as a spreadsheet: the list's notes, as filtered, for reading (XLSX: names, labels,
real dates) or for analysis (CSV: codes, usernames, ISO dates); every cell neutralised against formulae."""

from collections.abc import Iterable

from django.utils.text import slugify

from peel.models import EvidenceNote, Inspection
from peel.spreadsheets import XLSX_CONTENT_TYPE, ExportFile, csv_bytes, xlsx_bytes

CSV_HEADER = ("question", "direction", "source", "date", "author", "proposed_afi", "note")
XLSX_HEADER = ("Question", "Direction", "Source", "Date", "Author", "Proposed AFI", "Note")
FORMATS = ("csv", "xlsx")


def _person(user) -> str:
    return user.get_full_name() or user.username


def evidence_notes_export(
    *, inspection: Inspection, notes: Iterable[EvidenceNote], file_format: str
) -> ExportFile:
    """``notes`` (with their question and author loaded) as a ``csv`` or ``xlsx`` file."""
    stem = f"evidence-{slugify(inspection.force.name)}-{inspection.programme.slug}"
    area = inspection.force.short_name
    if file_format == "csv":
        rows = (
            (
                note.question.code,
                note.direction,
                note.source,
                note.observed_on.isoformat(),
                note.author.username,
                "yes" if note.proposed_afi else "no",
                note.text,
            )
            for note in notes
        )
        return ExportFile(csv_bytes(CSV_HEADER, rows), "text/csv; charset=utf-8", f"{stem}.csv")
    if file_format == "xlsx":
        rows = (
            (
                note.question.label_for(area, short=True),
                note.get_direction_display(),
                note.get_source_display(),
                note.observed_on,
                _person(note.author),
                "Yes" if note.proposed_afi else "No",
                note.text,
            )
            for note in notes
        )
        content = xlsx_bytes(XLSX_HEADER, rows, sheet_title="Evidence notes", date_columns=("Date",))
        return ExportFile(content, XLSX_CONTENT_TYPE, f"{stem}.xlsx")
    raise ValueError(f"Unknown export format {file_format!r}; expected one of {', '.join(FORMATS)}.")
