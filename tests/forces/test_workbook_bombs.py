"""Workbooks built to exhaust the machine are refused within two seconds, with a message saying why:
the force figures import and the crime-list import both read XLSX through ``forces.workbooks``."""

import io
import re
import time

import pytest

from forces.services.figure_import import FigureImportError, figures_import
from reviews.services.frame import crime_list_import
from reviews.services.refusals import Refused
from tests.factories.reviews import HEADER, frame_rows, inspection_2016
from tests.workbook_bombs import decompression_bomb, dimension_bomb, wide_row_workbook

pytestmark = pytest.mark.django_db

FIGURES_HEADER = ("force", "metric", "period", "value")
FIGURES_ROWS = [("cleveland", "ocg-per-million", "2016", "12")]


def crime_list_refusal(content: bytes) -> tuple[list[str], float]:
    inspection = inspection_2016()
    started = time.perf_counter()
    with pytest.raises(Refused) as refused:
        crime_list_import(inspection=inspection, file=io.BytesIO(content), filename="crimes.xlsx")
    return refused.value.lines, time.perf_counter() - started


def figures_refusal(content: bytes) -> tuple[list[str], float]:
    started = time.perf_counter()
    with pytest.raises(FigureImportError) as refused:
        figures_import(content=content, filename="figures.xlsx")
    return refused.value.messages(), time.perf_counter() - started


def test_a_crime_list_declaring_a_whole_sheet_of_columns_is_refused_at_once():
    bomb = dimension_bomb(HEADER, frame_rows(1))
    assert len(bomb) < 8_000

    lines, seconds = crime_list_refusal(bomb)

    assert lines == [
        "The worksheet declares 1,048,576 rows by 16,384 columns (up to XFD1048576); at most 1,048,576 "
        "rows by 200 columns are allowed. Delete the unused rows and columns, or save the sheet as CSV."
    ]
    assert seconds < 2


def test_a_crime_list_with_a_cell_far_to_the_right_and_no_declared_size_stops_at_that_row():
    lines, seconds = crime_list_refusal(wide_row_workbook(HEADER, frame_rows(3)))

    assert lines == [
        "Row 2 has a cell in column XFD, beyond the 200 columns allowed: "
        "delete the columns that are not needed."
    ]
    assert seconds < 2


def test_a_crime_list_that_unpacks_to_hundreds_of_times_its_size_is_refused_before_it_is_read():
    bomb = decompression_bomb(HEADER, frame_rows(1), unpacked_bytes=150_000_000)
    assert len(bomb) < 1_000_000

    lines, seconds = crime_list_refusal(bomb)

    assert len(lines) == 1
    assert re.match(
        r"The Excel workbook unpacks to 15\d\.\d MB from 0\.\d MB, more than 100 times its size", lines[0]
    )
    assert seconds < 2


def test_a_figures_workbook_declaring_a_whole_sheet_is_refused_at_once():
    messages, seconds = figures_refusal(dimension_bomb(FIGURES_HEADER, FIGURES_ROWS))

    assert messages[0] == (
        "The worksheet declares 1,048,576 rows by 16,384 columns (up to XFD1048576); at most 50,001 "
        "rows by 50 columns are allowed. Delete the unused rows and columns, or save the sheet as CSV."
    )
    assert seconds < 2


def test_a_figures_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_read():
    messages, seconds = figures_refusal(
        decompression_bomb(FIGURES_HEADER, FIGURES_ROWS, unpacked_bytes=120_000_000)
    )

    assert re.match(
        r"The Excel workbook unpacks to 12\d\.\d MB, more than the 100\.0 MB allowed", messages[0]
    )
    assert seconds < 2


def test_a_figures_workbook_with_a_cell_far_to_the_right_is_refused_at_that_row():
    messages, seconds = figures_refusal(wide_row_workbook(FIGURES_HEADER, FIGURES_ROWS))

    assert messages[0].startswith("Row 2 has a cell in column XFD, beyond the 50 columns allowed")
    assert seconds < 2
