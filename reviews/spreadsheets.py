"""Writing CSV and XLSX exports that a spreadsheet cannot turn into code.

Text that came from a force's crime list or a reviewer's note is stored as typed; in an export, a
cell beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some spreadsheets
strip before evaluating) is prefixed with an apostrophe so it is shown, never run.
"""

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell value safe for a spreadsheet: formula-like text is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a BOM (so Excel reads the accents), CRLF line ends, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence], *, sheet_title: str) -> bytes:
    """A one-sheet workbook written in openpyxl's streaming mode, every cell neutralised."""
    import openpyxl  # imported here: only XLSX exports need it
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value):
        # XML cannot hold most control characters; a pasted one must not break the whole export.
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return neutralise(value)

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([cell(value) for value in header])
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
