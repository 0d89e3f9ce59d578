"""Hostile XLSX files, built small and fast in the test that uses them.

- ``dimension_bomb``: a two-row workbook whose sheet declares ``A1:XFD1048576`` (about 1.5 KB);
- ``wide_row_workbook``: a sheet with no declared size whose second row has a cell in column XFD;
- ``decompression_bomb``: a real workbook whose sheet XML is padded with identical rows, so that a few
  hundred kilobytes unpack to ``unpacked_bytes``.
"""

import io
import re
import zipfile

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
_ROW = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'


def _workbook(header, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet(content: bytes, rewrite) -> bytes:
    """The workbook with its first sheet's XML passed through ``rewrite`` (bytes → bytes or chunks)."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename != SHEET:
                archive.writestr(member, data)
                continue
            with archive.open(SHEET, "w", force_zip64=True) as sheet:
                for chunk in rewrite(data):
                    sheet.write(chunk)
    return target.getvalue()


def dimension_bomb(header, rows) -> bytes:
    def declare_the_whole_sheet(xml: bytes):
        yield re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', xml)

    return _with_sheet(_workbook(header, rows), declare_the_whole_sheet)


def wide_row_workbook(header, rows) -> bytes:
    def one_cell_in_column_xfd(xml: bytes):
        xml = re.sub(rb"<dimension[^>]*/>", b"", xml)
        end_of_row_2 = xml.index(b"</row>", xml.index(b"</row>") + 1)
        yield xml[:end_of_row_2] + b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c>' + xml[end_of_row_2:]

    return _with_sheet(_workbook(header, rows), one_cell_in_column_xfd)


def decompression_bomb(header, rows, *, unpacked_bytes: int) -> bytes:
    def padded(xml: bytes):
        head, tail = xml.split(b"</sheetData>")
        yield head
        chunk = _ROW * 20_000
        for _ in range(unpacked_bytes // len(chunk) + 1):
            yield chunk
        yield b"</sheetData>" + tail

    return _with_sheet(_workbook(header, rows), padded)
