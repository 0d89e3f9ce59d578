"""Reading an uploaded XLSX workbook without letting it exhaust the machine.

An XLSX file is a zip of XML. A few kilobytes can declare a sheet of 16,384 columns by a million rows
(openpyxl then pads every row to the declared width), and a few megabytes can unpack to gigabytes. Every
workbook the app reads goes through ``workbook_rows``, which refuses such a file within a second, before
openpyxl parses it:

- the zip's central directory is read first: too many members, more uncompressed bytes in total than
  the caller allows, or a compression ratio no spreadsheet reaches, refuse the file (Python's zipfile
  never unpacks more than a member declares, so the declared sizes bound what is read);
- the sheet's declared dimensions (``<dimension ref="A1:XFD1048576"/>``) are checked against the row and
  column limits, then ignored, so rows are not padded to them;
- rows are read in openpyxl's read-only (streaming) mode, and reading stops at the first row beyond
  the row limit or wider than the column limit.

It lives in ``forces``, the app every other app may import, because both the force figures import and the
crime-list import read workbooks.
"""

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from openpyxl.utils import get_column_letter

MAX_ZIP_MEMBERS = 1_000
MAX_COMPRESSION_RATIO = 100
"""Spreadsheet XML compresses about 5 to 20 times; a zip bomb hundreds or thousands of times."""


class WorkbookRefused(Exception):
    """The workbook is beyond the limits; the message says which and what to do."""


@dataclass(frozen=True)
class WorkbookLimits:
    max_rows: int
    max_columns: int
    max_uncompressed_bytes: int


def workbook_rows(file: BinaryIO, *, limits: WorkbookLimits) -> Iterator[tuple[int, list]]:
    """Yield (row number, cells) for each row of the first sheet, row 1 first, with blank rows in the
    gaps so row numbers are the spreadsheet's. Raises ``WorkbookRefused`` for a workbook beyond
    ``limits``; anything openpyxl raises on a damaged workbook is left to the caller."""
    import openpyxl  # imported here: only XLSX files need it

    _check_archive(file, limits)
    file.seek(0)
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise WorkbookRefused("The Excel workbook has no worksheets.")
        sheet = workbook.worksheets[0]
        _check_declared_size(sheet, limits)
        sheet.reset_dimensions()  # rows keep their own width rather than the declared one
        for row_number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if row_number > limits.max_rows:
                raise WorkbookRefused(
                    f"The worksheet has more than {limits.max_rows:,} rows: split the file or save it as CSV."
                )
            if len(cells) > limits.max_columns:
                raise WorkbookRefused(
                    f"Row {row_number} has a cell in column {get_column_letter(len(cells))}, beyond the "
                    f"{limits.max_columns} columns allowed: delete the columns that are not needed."
                )
            yield row_number, list(cells)
    finally:
        workbook.close()


def _check_archive(file: BinaryIO, limits: WorkbookLimits) -> None:
    with zipfile.ZipFile(file) as archive:
        members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise WorkbookRefused(
            f"The Excel workbook holds {len(members):,} parts (at most {MAX_ZIP_MEMBERS:,} are allowed)."
        )
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if unpacked > limits.max_uncompressed_bytes:
        raise WorkbookRefused(
            f"The Excel workbook unpacks to {_megabytes(unpacked)}, more than the "
            f"{_megabytes(limits.max_uncompressed_bytes)} allowed: split it or save it as CSV."
        )
    if unpacked > 1_000_000 and unpacked > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise WorkbookRefused(
            f"The Excel workbook unpacks to {_megabytes(unpacked)} from {_megabytes(packed)}, "
            f"more than {MAX_COMPRESSION_RATIO} times its size: no spreadsheet compresses that well, "
            "so it is refused. Save it again from Excel, or as CSV."
        )


def _check_declared_size(sheet, limits: WorkbookLimits) -> None:
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > limits.max_rows or declared_columns > limits.max_columns:
        raise WorkbookRefused(
            f"The worksheet declares {declared_rows:,} rows by {declared_columns:,} columns (up to "
            f"{get_column_letter(max(declared_columns, 1))}{declared_rows}); at most {limits.max_rows:,} "
            f"rows by {limits.max_columns} columns are allowed. Delete the unused rows and columns, or "
            "save the sheet as CSV."
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"
