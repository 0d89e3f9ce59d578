"""Reading a force's crime list (CSV or XLSX) into validated rows, streaming, without touching the database.

Every problem is reported by the row number a spreadsheet shows (the header is row 1) and the column
name, so the force or the lead can find and fix it. Problems with the file as a whole (unreadable, no
header, a required column missing, no data rows) raise ``CrimeListUnreadable``; problems with single
rows are yielded as ``RowProblem`` so the caller can collect all of them in one pass.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from forces.workbooks import WorkbookLimits, WorkbookRefused, workbook_rows

REQUIRED_COLUMNS = ("crime_reference", "crime_type", "recorded_date")
OPTIONAL_COLUMNS = ("domestic_abuse_flag", "outcome_code", "vulnerable_victim_flag", "repeat_victim_flag")
FLAG_COLUMNS = ("domestic_abuse_flag", "vulnerable_victim_flag", "repeat_victim_flag")
MAX_REFERENCE_LENGTH = 100
MAX_CRIME_TYPE_LENGTH = 200
HOME_OFFICE_OUTCOMES = range(1, 23)
XLSX_LIMITS = WorkbookLimits(
    max_rows=1_048_576,  # a whole Excel sheet; larger crime lists come as CSV
    max_columns=200,
    max_uncompressed_bytes=1_000_000_000,
)

_TRUE = {"y", "yes", "true", "1"}
_FALSE = {"n", "no", "false", "0", ""}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class CrimeListUnreadable(Exception):
    """The file as a whole cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class CrimeRow:
    row_number: int
    crime_reference: str
    crime_type: str
    recorded_date: datetime.date
    domestic_abuse: bool
    outcome_code: int | None
    vulnerable_victim: bool
    repeat_victim: bool


@dataclass(frozen=True)
class RowProblem:
    row_number: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row_number}, column {self.column}: {self.message}"


def header_key(name: str) -> str:
    """Headers match case- and space-insensitively: 'Crime Reference' and 'crime_reference' are one."""
    return re.sub(r"[\s_]+", "", name).casefold()


_KNOWN_COLUMNS = {header_key(name): name for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}


def read_crime_list(file: BinaryIO, *, filename: str = "") -> Iterator[CrimeRow | RowProblem]:
    """Yield each data row of the crime list as a ``CrimeRow`` or as the ``RowProblem``s it has.

    Duplicate references are reported on the second row, naming both rows. Raises
    ``CrimeListUnreadable`` for problems with the whole file, possibly after some rows were yielded.
    """
    rows = _raw_rows(file, filename=filename)
    columns = _columns_from_header(rows)
    first_row_of_reference: dict[str, int] = {}
    data_rows = 0
    for row_number, cells in rows:
        if all(_is_blank(cell) for cell in cells):
            continue
        data_rows += 1
        reference, result = _parse_row(row_number, cells, columns)
        first = first_row_of_reference.setdefault(reference, row_number) if reference else row_number
        if first != row_number:
            yield RowProblem(
                row_number,
                "crime_reference",
                f"{_shown(reference)} is used twice (rows {first} and {row_number})",
            )
        elif isinstance(result, CrimeRow):
            yield result
        if isinstance(result, list):
            yield from result
    if data_rows == 0:
        raise CrimeListUnreadable("The file has a header row but no data rows.")


# --- reading cells ---------------------------------------------------------------------------------


def _raw_rows(file: BinaryIO, *, filename: str) -> Iterator[tuple[int, list]]:
    head = file.read(8)
    file.seek(0)
    if not head:
        raise CrimeListUnreadable("The file is empty.")
    if head.startswith(XLSX_MAGIC):
        return _xlsx_rows(file)
    if head.startswith(_OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise CrimeListUnreadable(
            "Old Excel (.xls) files cannot be read. Save the crime list as .xlsx or as CSV (UTF-8)."
        )
    if filename.lower().endswith(".xlsx"):
        raise CrimeListUnreadable(
            "The file is named .xlsx but is not an Excel workbook. Save it again as .xlsx."
        )
    return _csv_rows(file)


def _csv_rows(file: BinaryIO) -> Iterator[tuple[int, list]]:
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    row_number = 0
    try:
        for row_number, cells in enumerate(reader, start=1):  # noqa: B007 — used after the loop on error
            yield row_number, cells
    except UnicodeDecodeError:
        raise CrimeListUnreadable(
            f"The file is not UTF-8 text (the problem is at or after row {row_number + 1}). "
            "Save it as 'CSV UTF-8' or as .xlsx."
        ) from None
    except csv.Error as error:
        raise CrimeListUnreadable(f"Row {row_number + 1} cannot be read as CSV: {error}.") from None
    finally:
        text.detach()


def _xlsx_rows(file: BinaryIO) -> Iterator[tuple[int, list]]:
    # openpyxl raises a wide variety of exceptions on damaged workbooks (zip, XML, KeyError, ValueError
    # ...): any failure while opening or reading the workbook means the file cannot be used.
    rows = workbook_rows(file, limits=XLSX_LIMITS)
    row_number = 0
    try:
        for row_number, cells in rows:  # noqa: B007 — used after the loop on error
            yield row_number, cells
    except CrimeListUnreadable:
        raise
    except WorkbookRefused as refused:
        raise CrimeListUnreadable(str(refused)) from None
    except zipfile.BadZipFile:
        raise CrimeListUnreadable("The file looks like an Excel workbook but is damaged.") from None
    except Exception as error:
        where = f" at or after row {row_number + 1}" if row_number else ""
        raise CrimeListUnreadable(
            f"The Excel workbook cannot be read{where} ({type(error).__name__})."
        ) from None
    finally:
        rows.close()


def _columns_from_header(rows: Iterator[tuple[int, list]]) -> dict[str, int]:
    for row_number, cells in rows:
        if all(_is_blank(cell) for cell in cells):
            continue
        positions: dict[str, int] = {}
        for index, cell in enumerate(cells):
            name = _KNOWN_COLUMNS.get(header_key(_text(cell)))
            if name is None:
                continue
            if name in positions:
                raise CrimeListUnreadable(
                    f"Row {row_number}: column {name} appears twice "
                    f"(columns {_column_letter(positions[name])} and {_column_letter(index)})."
                )
            positions[name] = index
        missing = [name for name in REQUIRED_COLUMNS if name not in positions]
        if missing:
            found = ", ".join(_text(cell) for cell in cells if not _is_blank(cell))
            raise CrimeListUnreadable(
                f"Row {row_number}: missing required column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} (columns found: {_shown(found or 'none', 200)})."
            )
        return positions
    raise CrimeListUnreadable("The file has no header row (it has no data at all).")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell) -> str:
    if type(cell) is str:  # the common case first: every CSV cell
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    return str(cell).strip()


# --- one row ---------------------------------------------------------------------------------------


def _parse_row(
    row_number: int, cells: list, columns: dict[str, int]
) -> tuple[str, CrimeRow | list[RowProblem]]:
    """The row's crime reference (to detect duplicates even on faulty rows) and the row or its problems."""

    width = len(cells)
    raw = {name: cells[index] if index < width else None for name, index in columns.items()}
    text = {name: _text(value) for name, value in raw.items()}
    problems: list[RowProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(row_number, column, message))

    for name, value in text.items():
        if "\x00" in value:
            problem(name, "contains a NUL character")
    if problems:
        return "", problems

    reference = text["crime_reference"]
    if not reference:
        problem("crime_reference", "missing")
    elif len(reference) > MAX_REFERENCE_LENGTH:
        problem("crime_reference", f"longer than {MAX_REFERENCE_LENGTH} characters")

    crime_type = " ".join(text["crime_type"].split())
    if not crime_type:
        problem("crime_type", "missing")
    elif len(crime_type) > MAX_CRIME_TYPE_LENGTH:
        problem("crime_type", f"longer than {MAX_CRIME_TYPE_LENGTH} characters")

    recorded_date = _date(raw["recorded_date"], text["recorded_date"], problem)

    flags = {}
    for name in FLAG_COLUMNS:
        value = text.get(name, "").casefold()
        if value in _TRUE:
            flags[name] = True
        elif value in _FALSE:
            flags[name] = False
        else:
            problem(
                name,
                f"{_shown(value)} is not a yes/no value (use Y/N, yes/no, true/false, 1/0 or leave blank)",
            )

    outcome_code = None
    outcome_text = text.get("outcome_code", "")
    if outcome_text:
        # isdecimal, not isdigit: '¹' is a digit that int() cannot read
        if outcome_text.isascii() and outcome_text.isdecimal() and int(outcome_text) in HOME_OFFICE_OUTCOMES:
            outcome_code = int(outcome_text)
        else:
            problem("outcome_code", f"{_shown(outcome_text)} is not a Home Office outcome number (1 to 22)")

    if problems:
        return reference, problems
    return reference, CrimeRow(
        row_number=row_number,
        crime_reference=reference,
        crime_type=crime_type,
        recorded_date=recorded_date,
        domestic_abuse=flags["domestic_abuse_flag"],
        outcome_code=outcome_code,
        vulnerable_victim=flags["vulnerable_victim_flag"],
        repeat_victim=flags["repeat_victim_flag"],
    )


def _shown(value: str, limit: int = 40) -> str:
    """A cell's text quoted for a message, shortened so one bad cell cannot flood the page."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _date(value, text: str, problem) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not text:
        problem("recorded_date", "missing")
        return None
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _UK_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        problem("recorded_date", f"{_shown(text)} is not a date in the form YYYY-MM-DD or DD/MM/YYYY")
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        problem("recorded_date", f"{_shown(text)} is not a real date")
        return None


def format_problems(problems: Iterable[RowProblem | str], *, total: int, limit: int = 100) -> list[str]:
    """The lines shown to the user: the first ``limit`` problems, then how many more there were."""
    lines = [str(problem) for problem in problems][:limit]
    if total > limit:
        lines.append(f"… and {total - limit:,} more problem{'s' if total - limit > 1 else ''} not listed.")
    return lines
