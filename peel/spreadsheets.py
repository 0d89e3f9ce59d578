"""Writing CSV and XLSX exports that a spreadsheet cannot turn into code.

Text that came from a force's crime list or a reviewer's note is stored as typed; in an export, a
cell beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some spreadsheets
strip before evaluating) is prefixed with an apostrophe so it is shown, never run.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


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


# Column widths in characters: wide enough for the header and the longest of the first rows, within
# bounds, so that long notes wrap into view rather than stretching a column off the screen.
_MIN_WIDTH, _MAX_WIDTH, _ROWS_MEASURED = 8, 60, 200
DATE_FORMAT = "d mmm yyyy"


def _width(values) -> int:
    longest = max((len(str(value)) for value in values if value not in (None, "")), default=0)
    return max(_MIN_WIDTH, min(_MAX_WIDTH, longest + 2))


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence], *, sheet_title: str, date_columns: Sequence[str] = ()
) -> bytes:
    """A one-sheet workbook, every cell neutralised, made to be read: the header row frozen and filtered,
    columns sized to their content, dates as real dates (``date_columns``) shown as "4 Jan 2016".
    Written in openpyxl's streaming mode."""
    import openpyxl  # imported here: only XLSX exports need it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    def cell(value):
        # XML cannot hold most control characters; a pasted one must not break the whole export.
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return neutralise(value)

    rows = [[cell(value) for value in row] for row in rows]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A1:{last_column}{len(rows) + 1}"
    for index, title in enumerate(header, start=1):
        column = [row[index - 1] for row in rows[:_ROWS_MEASURED]]
        width = 12 if title in date_columns else _width([title, *column])
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    titles = []
    for title in header:
        titled = WriteOnlyCell(sheet, value=cell(title))
        titled.font = bold
        titles.append(titled)
    sheet.append(titles)
    dated = {header.index(title) for title in date_columns}
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if index in dated and value:
                value = WriteOnlyCell(sheet, value=value)
                value.number_format = DATE_FORMAT
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
