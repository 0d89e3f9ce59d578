"""Importing a force's crime list as the sampling frame: formats, exclusions, refusals, atomicity."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from reviews.models import CrimeListImport, FrameCrime
from reviews.services.draw import sample_draw
from reviews.services.frame import crime_list_import
from reviews.services.refusals import Refused
from tests.factories.reviews import HEADER, csv_bytes, frame_rows, import_rows, inspection_2016

pytestmark = pytest.mark.django_db


def refusal_lines(inspection, data: bytes, filename="crimes.csv") -> list[str]:
    with pytest.raises(Refused) as refused:
        crime_list_import(inspection=inspection, file=io.BytesIO(data), filename=filename)
    return refused.value.lines


def test_a_csv_with_a_bom_and_crlf_line_ends_imports():
    inspection = inspection_2016()

    result = crime_list_import(
        inspection=inspection,
        file=io.BytesIO(csv_bytes(frame_rows(2), bom=True, newline="\r\n")),
        filename="a.csv",
    )

    assert result.crime_list.imported == 14
    assert FrameCrime.objects.filter(inspection=inspection).count() == 14


def test_a_csv_without_a_bom_and_with_lf_line_ends_imports():
    inspection = inspection_2016()

    result = crime_list_import(
        inspection=inspection, file=io.BytesIO(csv_bytes(frame_rows(2))), filename="a.csv"
    )

    assert result.crime_list.imported == 14


def test_headers_match_whatever_their_case_spacing_and_order_and_extra_columns_are_ignored():
    inspection = inspection_2016()
    data = (
        b"Notes, RECORDED DATE ,Crime Type,crime reference,Domestic_Abuse_Flag\n"
        b"anything,2016-01-05,Robbery,R1,no\n"
        b"more,05/02/2016,Common Assault,CA1,Yes\n"
    )

    result = crime_list_import(inspection=inspection, file=io.BytesIO(data), filename="a.csv")

    crimes = {crime.crime_reference: crime for crime in FrameCrime.objects.filter(inspection=inspection)}
    assert result.crime_list.imported == 2
    assert crimes["CA1"].recorded_date == datetime.date(2016, 2, 5)
    assert crimes["CA1"].domestic_abuse is True
    assert crimes["R1"].stratum.label == "Robbery"


def test_flags_accept_every_spelling_of_yes_and_no_and_blank_means_no():
    inspection = inspection_2016()
    header = (
        "crime_reference",
        "crime_type",
        "recorded_date",
        "domestic_abuse_flag",
        "vulnerable_victim_flag",
    )
    rows = [
        ("A1", "Rape", "2016-01-01", "Y", "1"),
        ("A2", "Rape", "2016-01-01", "true", "TRUE"),
        ("A3", "Rape", "2016-01-01", "", "0"),
        ("A4", "Rape", "2016-01-01", "n", "false"),
    ]

    crime_list_import(inspection=inspection, file=io.BytesIO(csv_bytes(rows, header)), filename="a.csv")

    flags = dict(FrameCrime.objects.values_list("crime_reference", "domestic_abuse"))
    vulnerable = dict(FrameCrime.objects.values_list("crime_reference", "vulnerable_victim"))
    assert flags == {"A1": True, "A2": True, "A3": False, "A4": False}
    assert vulnerable == {"A1": True, "A2": True, "A3": False, "A4": False}


def test_rows_outside_the_strata_or_the_window_are_excluded_and_counted_with_thousands_separators():
    inspection = inspection_2016()
    rows = frame_rows(3)
    rows += [(f"T{n}", "Theft from a vehicle", "2016-02-01", "N", "") for n in range(1_200)]
    rows += [(f"NDA{n}", "Common assault", "2016-02-01", "N", "") for n in range(3)]
    rows += [(f"OUT{n}", "Robbery", "2015-12-31", "N", "") for n in range(299)]
    rows += [("OUT-LATE", "Rape", "2016-04-01", "N", "")]

    result = import_rows(inspection, rows)

    assert result.summary == (
        "imported 21 crimes into the sampling frame; excluded 1,503 (other crime types: 1,200; "
        "not flagged as domestic abuse: 3; outside the window: 300)"
    )
    assert result.stratum_sizes == [
        ("Robbery", 3),
        ("Common assault (domestic abuse)", 3),
        ("Grievous bodily harm", 3),
        ("Stalking", 3),
        ("Harassment", 3),
        ("Rape", 3),
        ("Domestic burglary", 3),
    ]


def test_a_file_with_nothing_excluded_says_so():
    result = import_rows(inspection_2016(), frame_rows(1))

    assert result.summary == "imported 7 crimes into the sampling frame; excluded 0"


def test_an_impossible_date_refuses_the_file_naming_the_spreadsheet_row_and_column():
    rows = frame_rows(1)
    rows[1] = ("X1", "Robbery", "31/02/2016", "N", "")

    lines = refusal_lines(inspection_2016(), csv_bytes(rows))

    assert lines == ["Row 3, column recorded_date: '31/02/2016' is not a real date"]


def test_a_date_in_another_format_is_refused():
    rows = [("X1", "Robbery", "February 2nd", "N", "")]

    lines = refusal_lines(inspection_2016(), csv_bytes(rows))

    assert lines == [
        "Row 2, column recorded_date: 'February 2nd' is not a date in the form YYYY-MM-DD or DD/MM/YYYY"
    ]


def test_a_missing_reference_is_refused_by_row():
    rows = frame_rows(1) + [("", "Robbery", "2016-01-02", "N", "")]

    lines = refusal_lines(inspection_2016(), csv_bytes(rows))

    assert lines == ["Row 9, column crime_reference: missing"]


def test_a_reference_used_twice_names_both_rows():
    rows = frame_rows(1) + [("CL/1/00000", "Rape", "2016-01-02", "N", "")]

    lines = refusal_lines(inspection_2016(), csv_bytes(rows))

    assert lines == ["Row 9, column crime_reference: 'CL/1/00000' is used twice (rows 2 and 9)"]


def test_a_missing_required_column_is_named():
    data = b"crime_reference,crime_type,domestic_abuse_flag\nA,Robbery,N\n"

    lines = refusal_lines(inspection_2016(), data)

    assert lines == [
        "Row 1: missing required column recorded_date "
        "(columns found: 'crime_reference, crime_type, domestic_abuse_flag')."
    ]


def test_a_bad_flag_and_outcome_are_refused_by_row_and_column():
    rows = [("A", "Robbery", "2016-01-02", "perhaps", "99")]

    lines = refusal_lines(inspection_2016(), csv_bytes(rows))

    assert lines == [
        "Row 2, column domestic_abuse_flag: 'perhaps' is not a yes/no value "
        "(use Y/N, yes/no, true/false, 1/0 or leave blank)",
        "Row 2, column outcome_code: '99' is not a Home Office outcome number (1 to 22)",
    ]


def test_a_file_that_is_not_text_is_refused_as_unreadable():
    lines = refusal_lines(
        inspection_2016(), b"crime_reference,crime_type,recorded_date\n\xff\xfe\x00garbage\n"
    )

    assert len(lines) == 1
    assert "not UTF-8 text" in lines[0]


def test_a_damaged_workbook_is_refused_as_unreadable():
    lines = refusal_lines(inspection_2016(), b"PK\x03\x04 this is no zip", filename="crimes.xlsx")

    assert lines == ["The file looks like an Excel workbook but is damaged."]


def test_an_empty_file_and_a_file_without_data_rows_are_refused():
    inspection = inspection_2016()

    assert refusal_lines(inspection, b"") == ["The file is empty."]
    assert refusal_lines(inspection, b"crime_reference,crime_type,recorded_date\r\n\r\n") == [
        "The file has a header row but no data rows."
    ]


def test_more_than_a_hundred_problems_are_listed_up_to_a_hundred_then_counted():
    rows = [(f"A{n}", "Robbery", "not a date", "N", "") for n in range(130)]

    lines = refusal_lines(inspection_2016(), csv_bytes(rows))

    assert len(lines) == 101
    assert lines[0].startswith("Row 2, column recorded_date")
    assert lines[-1] == "… and 30 more problems not listed."


def test_a_refused_file_writes_nothing_even_after_thousands_of_good_rows():
    inspection = inspection_2016()
    rows = frame_rows(1_000) + [("BAD", "Robbery", "2016-13-01", "N", "")]

    refusal_lines(inspection, csv_bytes(rows))

    assert FrameCrime.objects.filter(inspection=inspection).count() == 0
    assert CrimeListImport.objects.filter(inspection=inspection).count() == 0


def test_a_refused_file_leaves_the_previous_frame_as_it_was():
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(2))

    refusal_lines(inspection, csv_bytes([("A", "Robbery", "", "N", "")]))

    assert FrameCrime.objects.filter(inspection=inspection).count() == 14


def test_importing_again_replaces_the_frame_before_the_draw():
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(2))

    import_rows(inspection, frame_rows(3, prefix="NEW"))

    references = set(
        FrameCrime.objects.filter(inspection=inspection).values_list("crime_reference", flat=True)
    )
    assert len(references) == 21
    assert all(reference.startswith("NEW/") for reference in references)


def test_importing_again_is_refused_once_the_sample_is_drawn():
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(2))
    sample_draw(inspection=inspection, seed=1)

    with pytest.raises(Refused, match="already been drawn"):
        import_rows(inspection, frame_rows(3, prefix="NEW"))
    assert FrameCrime.objects.filter(inspection=inspection, crime_reference__startswith="NEW").count() == 0


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_workbook_imports_with_real_date_cells_numbers_and_text_dates():
    inspection = inspection_2016()
    rows = [
        (1001, "Robbery", datetime.datetime(2016, 1, 4), 0, 1),
        ("CA-2", "Common assault", "04/03/2016", 1, None),
        ("R-3", "Rape", datetime.date(2016, 3, 31), "Y", 16),
    ]

    result = crime_list_import(inspection=inspection, file=io.BytesIO(xlsx_bytes(rows)), filename="list.xlsx")

    crimes = {crime.crime_reference: crime for crime in FrameCrime.objects.filter(inspection=inspection)}
    assert result.crime_list.imported == 3
    assert crimes["1001"].recorded_date == datetime.date(2016, 1, 4)
    assert crimes["1001"].outcome_code == 1
    assert crimes["CA-2"].domestic_abuse is True
    assert crimes["R-3"].outcome_code == 16


def test_an_xlsx_workbook_with_bad_rows_is_refused_by_spreadsheet_row():
    rows = [("A", "Robbery", "2016-01-01", "N", None), (None, "Robbery", "2016-01-01", "N", None)]

    lines = refusal_lines(inspection_2016(), xlsx_bytes(rows), filename="list.xlsx")

    assert lines == ["Row 3, column crime_reference: missing"]


def test_references_are_stored_as_typed_even_when_they_look_like_formulae_or_markup():
    inspection = inspection_2016()
    rows = [
        ('=HYPERLINK("http://evil")', "Robbery", "2016-01-02", "N", ""),
        ("<b>R2</b>", "Robbery", "2016-01-02", "N", ""),
    ]
    data = "crime_reference,crime_type,recorded_date\n" + "\n".join(
        f'"{ref.replace(chr(34), chr(34) * 2)}",{kind},{date}' for ref, kind, date, *_ in rows
    )

    crime_list_import(inspection=inspection, file=io.BytesIO(data.encode()), filename="a.csv")

    stored = set(FrameCrime.objects.filter(inspection=inspection).values_list("crime_reference", flat=True))
    assert stored == {'=HYPERLINK("http://evil")', "<b>R2</b>"}


def test_the_command_prints_the_summary_and_the_frame_size_of_each_stratum(tmp_path, capsys):
    inspection = inspection_2016()
    path = tmp_path / "crimes.csv"
    path.write_bytes(csv_bytes(frame_rows(2) + [("T1", "Theft", "2016-01-01", "N", "")]))

    call_command("import_crimes", "--inspection", str(inspection.pk), str(path))

    out = capsys.readouterr().out
    assert "imported 14 crimes into the sampling frame; excluded 1 (other crime types: 1)" in out
    assert "  Rape: 2" in out


def test_the_command_exits_non_zero_with_every_problem_on_stderr(tmp_path, capsys):
    inspection = inspection_2016()
    path = tmp_path / "crimes.csv"
    path.write_bytes(
        csv_bytes([("A", "Robbery", "2016-02-30", "N", ""), ("", "Rape", "2016-01-01", "N", "")])
    )

    with pytest.raises(CommandError, match="not imported: 2 problems"):
        call_command("import_crimes", "--inspection", str(inspection.pk), str(path))

    err = capsys.readouterr().err
    assert "Row 2, column recorded_date: '2016-02-30' is not a real date" in err
    assert "Row 3, column crime_reference: missing" in err


def test_the_command_reports_a_missing_file_without_a_traceback(tmp_path):
    inspection = inspection_2016()

    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import_crimes", "--inspection", str(inspection.pk), str(tmp_path / "nope.csv"))


def test_an_outcome_written_with_a_superscript_digit_is_refused_by_row_and_column():
    """Found by the parser's fuzz test: '¹' is a digit to str.isdigit but not a number to int()."""
    lines = refusal_lines(inspection_2016(), csv_bytes([("CL/1", "Robbery", "2016-02-01", "N", "¹")]))

    assert lines == ["Row 2, column outcome_code: '¹' is not a Home Office outcome number (1 to 22)"]
