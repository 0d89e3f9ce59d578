import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from forces.models import MetricValue
from forces.services.figure_import import FigureImportError, figures_import

HEADER = "force,metric,period,numerator,denominator,value\n"


def _import(text: str, filename="figures.csv"):
    return figures_import(content=text.encode("utf-8"), filename=filename)


def _problems(text: str, filename="figures.csv") -> list[str]:
    with pytest.raises(FigureImportError) as raised:
        _import(text, filename)
    return raised.value.messages()


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_csv_of_rates_and_values_is_imported_by_any_name_of_force_metric_and_period():
    result = _import(
        HEADER
        + 'cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,"233,562",562800,\n'
        + 'Durham Constabulary,"Calls for assistance per 1,000 population",'
        + "12 months to 30 June 2016,150000,625300,\n"
        + "Gwent,victim_satisfaction,12 MONTHS TO 30 JUNE 2016,,,84.1\n"
    )

    assert (result.created, result.updated) == (3, 0)
    calls = MetricValue.objects.get(force__slug="cleveland", metric__code="calls_for_assistance_per_1000")
    assert (calls.numerator, calls.denominator, calls.value) == (Decimal(233562), Decimal(562800), None)
    assert MetricValue.objects.get(force__slug="gwent").value == Decimal("84.1")


@pytest.mark.django_db
def test_importing_again_replaces_the_figures():
    row = "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,{},562800,\n"
    _import(HEADER + row.format(1000))

    result = _import(HEADER + row.format(2000))

    assert (result.created, result.updated) == (0, 1)
    assert MetricValue.objects.get().numerator == Decimal(2000)


@pytest.mark.django_db
def test_an_xlsx_workbook_is_imported_from_its_first_sheet():
    content = _xlsx(
        [
            ["Force", "Metric", "Period", "Numerator", "Denominator"],
            ["Cleveland", "ocgs_per_million", "at-2016-07-01", 36, 562800],
            [None, None, None, None, None],
            ["Kent", "ocgs_per_million", "as at 1 July 2016", 80.5, 1801200.0],
        ]
    )

    result = figures_import(content=content, filename="OCGs.XLSX")

    assert result.created == 2
    assert MetricValue.objects.get(force__slug="kent").numerator == Decimal("80.5")


@pytest.mark.django_db
def test_unknown_forces_metrics_and_periods_are_listed_and_named_with_their_row_and_column():
    messages = _problems(
        HEADER
        + "Gotham,calls_for_assistance_per_1000,12m-to-2016-06-30,1,2,\n"
        + "cleveland,happiness_index,12m-to-2016-06-30,1,2,\n"
        + "Metropolis,calls_for_assistance_per_1000,12m-to-2099-06-30,1,2,\n"
    )

    assert "Unknown forces: 'Gotham', 'Metropolis'." in messages
    assert "Unknown metrics: 'happiness_index'." in messages
    assert "Unknown periods: '12m-to-2099-06-30'." in messages
    assert "Row 2, column 'force': no force is called 'Gotham'" in messages
    assert "Row 3, column 'metric': no metric is called 'happiness_index'" in messages
    assert "Row 4, column 'period': no period is called '12m-to-2099-06-30'" in messages
    assert messages[-1] == "Nothing was imported."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,12a,562800,",
            "Row 2, column 'numerator': '12a' is not a number",
        ),
        (
            "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,1000,,",
            "Row 2, column 'denominator': is empty: give both a numerator and a denominator",
        ),
        (
            "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,,562800,",
            "Row 2, column 'numerator': is empty: give both a numerator and a denominator",
        ),
        (
            "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,1000,0,",
            "Row 2, column 'denominator': must be more than 0",
        ),
        (
            "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,-5,562800,",
            "Row 2, column 'numerator': must not be negative",
        ),
        (
            "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,,,415",
            "Row 2, column 'value': metric calls_for_assistance_per_1000 is a rate or proportion: "
            "give its numerator and denominator",
        ),
        (
            "cleveland,victim_satisfaction,12m-to-2016-06-30,80,100,80",
            "Row 2, column 'value': give either a value or a numerator and a denominator, not both",
        ),
        (
            "cleveland,victim_satisfaction,12m-to-2016-06-30,,,",
            "Row 2: no figure: give a numerator and a denominator, or a value",
        ),
        (",victim_satisfaction,12m-to-2016-06-30,,,80", "Row 2, column 'force': is empty"),
        ("cleveland,victim_satisfaction,12m-to-2016-06-30,,,1e12", "Row 2, column 'value': is too large"),
    ],
)
def test_a_bad_figure_is_reported_with_its_row_and_column(row, expected):
    messages = _problems(HEADER + row + "\n")

    assert any(message.startswith(expected) for message in messages), messages


@pytest.mark.django_db
def test_a_row_with_more_cells_than_columns_is_reported():
    messages = _problems(
        HEADER + "durham,Calls for assistance per 1,000 population,12m-to-2016-06-30,150000,625300,\n"
    )

    assert (
        "Row 2: has more cells than the header row has columns (a name with a comma needs quotes)" in messages
    )


@pytest.mark.django_db
def test_a_repeated_row_is_reported_with_the_row_it_repeats():
    row = "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,1000,562800,\n"

    messages = _problems(HEADER + row + "\n" + row)

    assert (
        "Row 4: repeats row 2 (Cleveland, calls_for_assistance_per_1000, 12 months to 30 June 2016)"
        in messages
    )


@pytest.mark.django_db
def test_nothing_is_saved_when_any_row_is_wrong():
    _problems(
        HEADER
        + "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,1000,562800,\n"
        + "durham,calls_for_assistance_per_1000,12m-to-2016-06-30,lots,625300,\n"
    )

    assert not MetricValue.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (HEADER.encode(), "figures.csv", "The file has a header row but no figures."),
        (b"", "figures.csv", "Row 1: the file must start with a header row naming its columns"),
        (
            b"force,metric,numerator,denominator\nx,y,1,2\n",
            "f.csv",
            "Row 1: the header row has no 'period' column",
        ),
        (
            b"force,metric,period\nx,y,z\n",
            "f.csv",
            "Row 1: the header row needs 'numerator' and 'denominator' columns, or 'value'",
        ),
        (
            b"force,metric,period,value,colour\nx,y,z,1,red\n",
            "f.csv",
            "Row 1, column 'colour': unknown column",
        ),
        (b"force,metric,period,value,value\nx,y,z,1,1\n", "f.csv", "Row 1, column 'value': appears twice"),
        ("force,metric,period,value\nBrûlé,y,z,1\n".encode("latin-1"), "f.csv", "The file is not UTF-8 text"),
        (b"force,metric,period,value\n", "figures.txt", "The file must be a .csv or an .xlsx file."),
        (b"not a zip file", "figures.xlsx", "The file is not a readable .xlsx workbook."),
    ],
)
def test_a_file_that_cannot_be_read_as_figures_gets_a_clear_message(content, filename, expected):
    with pytest.raises(FigureImportError) as raised:
        figures_import(content=content, filename=filename)

    assert any(message.startswith(expected) for message in raised.value.messages()), raised.value.messages()


@pytest.mark.django_db
def test_the_command_imports_a_file_and_says_how_many(tmp_path, capsys):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,233562,562800,\n")

    call_command("import_force_figures", str(path))

    assert "Imported 1 figure from figures.csv: 1 new, 0 replaced." in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_reports_every_problem_without_a_traceback(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "Gotham,calls_for_assistance_per_1000,12m-to-2016-06-30,1,2,\n")

    with pytest.raises(CommandError) as raised:
        call_command("import_force_figures", str(path))

    assert "figures.csv was not imported:" in str(raised.value)
    assert "Row 2, column 'force': no force is called 'Gotham'" in str(raised.value)


@pytest.mark.django_db
def test_the_command_says_when_the_file_cannot_be_read(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.csv"):
        call_command("import_force_figures", str(tmp_path / "missing.csv"))
