"""A filled workbook's cells read as the text a CSV cell would hold, and its errors name the cell."""
from __future__ import annotations

import datetime

import openpyxl
import pytest

from analysis.errors import InputError
from analysis.ingest.xlsx_reader import read_workbook_rows, sheet_reference

REQUIRED = ["indicator_id", "series", "year", "value", "source"]
OPTIONAL = ["note", "confirm"]


def _workbook(path, rows, title="Sheet1"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_numbers_read_as_their_digits_and_reference_columns_are_not_read(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [
        ["title"], REQUIRED + OPTIONAL + [None, "name"],
        [1.0, None, 2022.0, 2.5, "公报", None, None, None, "R&D"],
        [3, "national", 2023, 24800.0, "公报", datetime.date(2024, 5, 1), None],
    ])
    rows = read_workbook_rows(path, REQUIRED, OPTIONAL)
    assert list(rows.frame.columns) == REQUIRED + OPTIONAL + ["csv_line"]
    assert rows.frame[["indicator_id", "year", "value"]].values.tolist() == [["1", "2022", "2.5"],
                                                                              ["3", "2023", "24800"]]
    assert rows.frame["note"].tolist() == ["", "2024-05-01"]
    assert rows.frame["csv_line"].tolist() == [3, 4]
    assert rows.cell(4, "value") == "Sheet1!D4"


def test_a_row_without_a_value_is_skipped(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [REQUIRED, [1, None, 2022, None, None], [2, None, 2022, "  ", "x"],
                                           [3, None, 2022, 7, "x"]])
    assert read_workbook_rows(path, REQUIRED, OPTIONAL).frame["indicator_id"].tolist() == ["3"]


def test_a_sheet_name_with_a_space_is_quoted_as_excel_quotes_it():
    assert sheet_reference("Data entry") == "'Data entry'"
    assert sheet_reference("数据报送") == "数据报送"


def test_an_unexpected_column_in_the_header_is_named_with_its_row(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["x"], REQUIRED + ["unit"]], title="Data")
    with pytest.raises(InputError, match=r"a.xlsx:Data!A2: header: unexpected column\(s\) unit"):
        read_workbook_rows(path, REQUIRED, OPTIONAL)


def test_a_text_file_named_xlsx_is_refused_in_one_line(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_text("indicator_id,series\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not an Excel workbook") as caught:
        read_workbook_rows(path, REQUIRED, OPTIONAL)
    assert "\n" not in str(caught.value)


def test_a_zip_that_is_not_a_workbook_is_refused_in_one_line(tmp_path):
    import zipfile

    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputError, match="is not an Excel workbook .* KeyError"):
        read_workbook_rows(path, REQUIRED, OPTIONAL)


def test_a_number_typed_as_a_percentage_is_refused_by_cell(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(REQUIRED)
    sheet.append([2, None, 2022, 0.025, "公报"])
    sheet["D2"].number_format = "0.0%"
    book.save(tmp_path / "a.xlsx")
    with pytest.raises(InputError, match=r"a.xlsx:Sheet!D2: value: a percentage cell \(Excel keeps what it shows as "
                                         r"2.5% as 0.025\)"):
        read_workbook_rows(tmp_path / "a.xlsx", REQUIRED, OPTIONAL)
