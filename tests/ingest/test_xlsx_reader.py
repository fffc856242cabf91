"""A filled workbook read as the person sees it, its cells as the text a CSV cell holds; errors name the cell."""
from __future__ import annotations

import datetime

import openpyxl
import pytest

from analysis.errors import InputError, InputErrors
from analysis.ingest.xlsx_reader import read_workbook, sheet_reference

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
    [rows] = read_workbook(path, REQUIRED, OPTIONAL).sheets
    assert list(rows.frame.columns) == REQUIRED + OPTIONAL + ["csv_line"]
    assert rows.frame[["indicator_id", "year", "value"]].values.tolist() == [["1", "2022", "2.5"],
                                                                              ["3", "2023", "24800"]]
    assert rows.frame["note"].tolist() == ["", "2024-05-01"]
    assert rows.frame["csv_line"].tolist() == [3, 4]
    assert rows.cell(4, "value") == "Sheet1!D4"
    assert rows.beside == {3: ("Sheet1!I3", "R&D")}  # the name beside a row, as a template prints it


def test_a_row_without_a_value_is_skipped(tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [REQUIRED, [1, None, 2022, None, None], [2, None, 2022, "  ", " "],
                                           [3, None, 2022, 7, "x"]])
    assert read_workbook(path, REQUIRED, OPTIONAL).sheets[0].frame["indicator_id"].tolist() == ["3"]


def test_a_row_that_gives_a_source_but_no_value_is_refused(tmp_path):
    # the number typed one column too far right (F3) would be lost with the row: the value cell is named
    path = _workbook(tmp_path / "a.xlsx", [REQUIRED + ["note"], [2, None, 2022, None, "2022年统计公报", 2.65]])
    with pytest.raises(InputError) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert str(caught.value).endswith("a.xlsx:Sheet1!D2: value: empty, but the row gives its source (E2): type the "
                                      "value in this cell, or clear the row if there is none yet")


def test_a_row_that_gives_the_sources_english_name_but_no_value_is_refused(tmp_path):
    # as for the source: the English name typed, the value (and the Chinese source) left out
    path = _workbook(tmp_path / "a.xlsx", [REQUIRED + ["source_en"], [2, None, 2022, None, None, "Bulletin 2022"]])
    with pytest.raises(InputError) as caught:
        read_workbook(path, REQUIRED, ["source_en", *OPTIONAL])
    assert str(caught.value).endswith("a.xlsx:Sheet1!D2: value: empty, but the row gives its source_en (F2): type the "
                                      "value in this cell, or clear the row if there is none yet")


def test_a_row_without_a_value_whose_note_says_why_is_kept_apart(tmp_path):
    # 3 without a value, its note saying why: the department's word, kept apart from the values (not refused, not
    # dropped); 2's value read as usual
    # (4: its publication named in both languages, the figure not out yet: likewise)
    path = _workbook(tmp_path / "a.xlsx", [REQUIRED + ["source_en", "note"],
                                           [2, None, 2022, 2.65, "统计公报", None, None],
                                           [3, None, 2022, None, None, None, "统计局尚未发布，预计6月公布"],
                                           [4, None, 2022, None, "统计年鉴", "Statistical yearbook", "年鉴10月出版"]])
    [sheet] = read_workbook(path, REQUIRED, ["source_en", *OPTIONAL]).sheets
    assert sheet.frame["indicator_id"].tolist() == ["2"]
    assert [(row["indicator_id"], row["value"], row["note"], row["csv_line"]) for row in sheet.noted] == [
        ("3", "", "统计局尚未发布，预计6月公布", 3), ("4", "", "年鉴10月出版", 4)]


def test_several_mistakes_of_a_sheet_are_told_together(tmp_path):
    from analysis.errors import InputErrors

    path = _workbook(tmp_path / "a.xlsx", [REQUIRED, [2, None, 2022, "=1+1", "统计公报"], [3, None, 2022, 40, None],
                                           [4, None, 2022, None, "统计公报"]])
    book = openpyxl.load_workbook(path)
    book.active["B3"].font = openpyxl.styles.Font(strike=True)
    book.active["B3"] = "x"
    book.save(path)
    with pytest.raises(InputErrors) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    # each row's mistake on its line, a row's two cells both: D2's formula, B3 struck, D4 without its value
    assert [line.split(": ")[0].rsplit("!", 1)[1] for line in caught.value.lines()] == ["D2", "B3", "D4"]


def test_a_sheet_name_with_a_space_is_quoted_as_excel_quotes_it():
    assert sheet_reference("Data entry") == "'Data entry'"
    assert sheet_reference("数据报送") == "数据报送"


def test_an_unexpected_column_in_the_header_is_named_by_its_cell(tmp_path):
    # unit is the header's sixth cell: F2, not the row's first
    path = _workbook(tmp_path / "a.xlsx", [["x"], REQUIRED + ["unit"]], title="Data")
    with pytest.raises(InputError, match=r"a.xlsx:Data!F2: header: unexpected column\(s\) unit; allowed: "):
        read_workbook(path, REQUIRED, OPTIONAL)


def test_a_renamed_header_cell_is_told_with_the_rows_mistakes_and_its_column_not_read(tmp_path):
    # note renamed 说明 (F1): told at its cell; the rows are read by the columns the header names, so the formula in
    # D3 is told in the same round; what stands under 说明 is not read (its hidden character is not told)
    path = _workbook(tmp_path / "a.xlsx", [
        [*REQUIRED, "说明", "confirm"],
        [2, None, 2022, "12,3", "公报", "初步\u200b数", None],
        [3, None, 2022, "=1+1", "公报", None, None],
    ])
    with pytest.raises(InputErrors) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert [line.split(": ")[0].rsplit("!", 1)[1] for line in caught.value.lines()] == ["F1", "D3"]
    assert caught.value.lines()[0].endswith("Sheet1!F1: header: unexpected column(s) 说明; allowed: indicator_id, "
                                            "series, year, value, source, note, confirm")
    [sheet] = read_workbook(path, REQUIRED, OPTIONAL, defer=True).sheets
    assert sheet.frame[["indicator_id", "value", "source", "note"]].values.tolist() == [["2", "12,3", "公报", ""]]
    assert sheet.missing == ()


def _told(path) -> list[str]:
    """What reading the workbook at ``path`` tells, each line after its file's name."""
    with pytest.raises(InputErrors) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    return [line.split(f"{path.name}:", 1)[1] for line in caught.value.lines()]


def test_a_cleared_header_cell_is_told_once_and_the_columns_after_it_still_read(tmp_path):
    # note's header cell (F2) emptied under the template's label Note (F1): one line at F2 naming the column to type
    # back, not one per row for the confirm column after it and the name beside; the formula in D4 told in the same
    # round (in English: the labels above the header are)
    path = _workbook(tmp_path / "a.xlsx", [
        ["No.", "Series", "Year", "Value", "Source", "Note", "Confirm", None, "Indicator"],
        [*REQUIRED, None, "confirm", None, None],
        [2, None, 2022, 2.5, "公报", "a note", "checked", None, "R&D"],
        [3, None, 2022, "=1+1", "公报", None, None, None, "patents"],
    ])
    assert _told(path) == [
        "Sheet1!F2: header: the header cell is empty, so nothing in its column is read: type note back",
        "Sheet1!D4: value: is a formula ('=1+1'); type the number itself (or paste it as a value): formulas are "
        "not evaluated"]
    [sheet] = read_workbook(path, REQUIRED, OPTIONAL, defer=True).sheets
    assert sheet.frame[["indicator_id", "note", "confirm"]].values.tolist() == [["2", "", "checked"]]


def test_a_cleared_header_cell_without_a_label_above_is_told_with_the_column_the_header_lacks(tmp_path):
    # source's header cell (E1) emptied in a workbook without labels: E1 told, and the column missing (its name), not
    # the note after it as a column without a header
    path = _workbook(tmp_path / "a.xlsx", [["indicator_id", "series", "year", "value", None, "note"],
                                           [2, None, 2022, 2.5, "公报", "初步"]])
    assert _told(path) == [
        "Sheet1!A1: header: missing column(s) source; the header is indicator_id, series, year, value, '', note",
        "Sheet1!E1: header: the header cell is empty, so nothing in its column is read: type the column's name back, "
        "or delete the column"]


def test_a_missing_column_is_told_and_the_rows_still_read_by_the_others(tmp_path):
    # source headed "出处": no source column (told at the row, A1) and an unknown one (E1); the rows are read all the
    # same, their source empty, and the sheet records which column is missing
    path = _workbook(tmp_path / "a.xlsx", [
        ["indicator_id", "series", "year", "value", "出处"],
        [2, None, 2022, 2.5, "公报"],
        [3, None, 2022, "=1+1", "公报"],
    ])
    with pytest.raises(InputErrors) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert [line.split(": ", 2)[0].rsplit("!", 1)[1] for line in caught.value.lines()] == ["A1", "E1", "D3"]
    assert "Sheet1!A1: header: missing column(s) source; the header is indicator_id, series, year, value, 出处" in (
        caught.value.lines()[0])
    [sheet] = read_workbook(path, REQUIRED, OPTIONAL, defer=True).sheets
    assert sheet.missing == ("source",)
    assert sheet.frame[["indicator_id", "value", "source"]].values.tolist() == [["2", "2.5", ""]]


def test_a_column_given_twice_is_named_where_it_is_given_again(tmp_path):
    # value in D1 and again in F1: F1 told; the column is read from D, the first
    path = _workbook(tmp_path / "a.xlsx", [[*REQUIRED, "value"], [2, None, 2022, 2.5, "公报", 9]])
    with pytest.raises(InputError, match=r"a.xlsx:Sheet1!F1: header: column\(s\) value appear more than once"):
        read_workbook(path, REQUIRED, OPTIONAL)
    [sheet] = read_workbook(path, REQUIRED, OPTIONAL, defer=True).sheets
    assert sheet.frame["value"].tolist() == ["2.5"]


def test_a_text_file_named_xlsx_is_refused_in_one_line(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_text("indicator_id,series\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not an Excel workbook") as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert "\n" not in str(caught.value)


def test_a_failure_of_the_reader_itself_is_no_workbook_the_person_must_save_again(tmp_path, monkeypatch):
    """A workbook openpyxl reads whole, on which a step of the reader fails (a bug: an IndexError): the failure
    surfaces as what it is. Before, the file was said to be no Excel workbook, to be saved again, its mistakes lost."""
    from analysis.ingest import xlsx_reader

    def failing(*args, **kwargs):
        raise IndexError("list index out of range")

    path = _workbook(tmp_path / "a.xlsx", [REQUIRED, [1, None, 2022, 2.5, "公报"]])
    monkeypatch.setattr(xlsx_reader, "_sheet_rows", failing)
    with pytest.raises(IndexError):
        read_workbook(path, REQUIRED, OPTIONAL)


@pytest.mark.parametrize(("name", "expected"), [
    ("a.xlsx", "a.xlsx: is empty (0 bytes): nothing was saved in it; save the filled workbook again, or take it out "
               "of the folder"),
    ("市科技局.xlsx",
     "市科技局.xlsx: 是空文件（0字节），其中没有保存任何内容：请重新保存填好的工作簿，或将其移出该文件夹"),
])
def test_an_empty_file_named_xlsx_is_said_to_be_empty_in_its_names_language(tmp_path, name, expected):
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert str(caught.value) == f"{tmp_path}/{expected}"


@pytest.mark.parametrize(("name", "expected"), [
    ("a.xlsx", "a.xlsx: is not an Excel workbook (.xlsx), though named like one: it is not the zip archive every .xlsx "
               "file is (an old .xls, a CSV renamed, a password-protected workbook?); open it in Excel or LibreOffice "
               "and save it as 'Excel Workbook (.xlsx)', or as 'CSV UTF-8' (.csv)"),
    ("假表格.xlsx", "假表格.xlsx: 文件名为 .xlsx，却不是 Excel 工作簿：它不是 .xlsx 文件应有的 zip 压缩包"
                 "（是旧的 .xls 文件、改了扩展名的 CSV 文件，还是设有密码的工作簿？）；请在 Excel 或 LibreOffice "
                 "中打开，另存为“Excel 工作簿（*.xlsx）”，或另存为“CSV UTF-8（逗号分隔）”（.csv）"),
])
def test_a_file_named_xlsx_that_is_none_is_told_so_in_its_names_language(tmp_path, name, expected):
    path = tmp_path / name
    path.write_text("编号,数值\n1,2\n", encoding="utf-8")  # a CSV renamed
    with pytest.raises(InputError) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert str(caught.value) == f"{tmp_path}/{expected}"


def test_a_cut_off_workbook_named_in_chinese_is_told_in_chinese(tmp_path):
    _workbook(tmp_path / "whole.xlsx", [REQUIRED, [1, None, 2024, 2, "x"]])
    path = tmp_path / "截断.xlsx"
    path.write_bytes((tmp_path / "whole.xlsx").read_bytes()[:2000])  # a copy interrupted
    with pytest.raises(InputError) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert str(caught.value).startswith(f"{path}: 文件名为 .xlsx，却不是 Excel 工作簿：")


def test_a_zip_that_is_not_a_workbook_is_refused_in_one_line(tmp_path):
    import zipfile

    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputError, match="is not an Excel workbook .* KeyError"):
        read_workbook(path, REQUIRED, OPTIONAL)


def test_a_number_typed_as_a_percentage_is_refused_by_cell(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(REQUIRED)
    sheet.append([2, None, 2022, 0.025, "公报"])
    sheet["D2"].number_format = "0.0%"
    book.save(tmp_path / "a.xlsx")
    with pytest.raises(InputError, match=r"a.xlsx:Sheet!D2: value: a percentage cell \(Excel keeps what it shows as "
                                         r"2.5% as 0.025\)"):
        read_workbook(tmp_path / "a.xlsx", REQUIRED, OPTIONAL)


def _book(sheets: dict, path):
    """A workbook of ``{title: rows}``, in order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    return book


def test_every_visible_sheet_is_read_and_a_hidden_one_listed_not_read(tmp_path):
    book = _book({"old 2023": [REQUIRED, [1, None, 2023, 1, "old copy"]], "2024": [REQUIRED, [1, None, 2024, 2, "x"]],
                  "2025": [["title"], REQUIRED, [1, None, 2025, 3, "x"]], "blank": []}, tmp_path)
    book["old 2023"].sheet_state = "hidden"  # kept out of the way: not what the person sees
    book.active = 1
    book.save(tmp_path / "a.xlsx")
    read = read_workbook(tmp_path / "a.xlsx", REQUIRED, OPTIONAL)
    assert [(sheet.sheet, sheet.frame["year"].tolist()) for sheet in read.sheets] == [("2024", ["2024"]),
                                                                                      ("2025", ["2025"])]
    assert read.hidden == ["old 2023"] and read.year is None


def test_a_visible_sheet_without_a_header_row_is_refused_not_ignored(tmp_path):
    _book({"data": [REQUIRED, [1, None, 2024, 2, "x"]], "notes": [["we also have 2025: 3"]]}, tmp_path).save(
        tmp_path / "a.xlsx")
    with pytest.raises(InputError, match="the sheet .notes. is shown but has no header row .* hide it, or delete it"):
        read_workbook(tmp_path / "a.xlsx", REQUIRED, OPTIONAL)


def test_a_visible_sheet_without_a_header_row_hides_no_mistake_of_the_other_sheets(tmp_path):
    """Read for the checks that follow (``defer``), the sheet of notes is told with the data sheet's mistake, not
    before it in a round of its own."""
    _book({"data": [REQUIRED, [1, None, 2024, "2,5", "x"], [2, None, 2024, "=1+1", "x"]],
           "notes": [["we also have 2025: 3"]]}, tmp_path).save(tmp_path / "a.xlsx")
    read = read_workbook(tmp_path / "a.xlsx", REQUIRED, OPTIONAL, defer=True)
    told = [(error.line, error.reason) for sheet in read.sheets for error in sheet.mistakes]
    assert told == [(None, "the sheet 'notes' is shown but has no header row (a row starting with indicator_id, "
                           "series, year, value, source within the first 20 rows), so what it holds would not be "
                           "read: hide it, or delete it if it holds no values"),
                    ("data!D3", "is a formula ('=1+1'); type the number itself (or paste it as a value): formulas are "
                                "not evaluated")]


def test_a_value_in_a_hidden_row_or_column_or_a_merged_cell_is_refused(tmp_path):
    book = _book({"Sheet": [REQUIRED, [1, None, 2023, 1, "x"], [2, None, 2023, 2, "x"]]}, tmp_path)
    book["Sheet"].row_dimensions[3].hidden = True
    book.save(tmp_path / "row.xlsx")
    with pytest.raises(InputError, match=r"row.xlsx:Sheet!D3: value: row 3 is hidden but holds a value"):
        read_workbook(tmp_path / "row.xlsx", REQUIRED, OPTIONAL)
    book = _book({"Sheet": [REQUIRED, [1, None, 2023, 1, "x"]]}, tmp_path)
    book["Sheet"].column_dimensions["E"].hidden = True
    book.save(tmp_path / "column.xlsx")
    with pytest.raises(InputError, match=r"column.xlsx:Sheet!E2: source: column E is hidden but"):
        read_workbook(tmp_path / "column.xlsx", REQUIRED, OPTIONAL)
    book = _book({"Sheet": [REQUIRED, [1, None, 2023, 1, "x"], [2, None, 2023, None, "x"]]}, tmp_path)
    book["Sheet"].merge_cells("D2:D3")  # one value shown for two rows
    book.save(tmp_path / "merged.xlsx")
    with pytest.raises(InputError, match=r"merged.xlsx:Sheet!D2:D3: value: is a merged cell \(D2:D3\)"):
        read_workbook(tmp_path / "merged.xlsx", REQUIRED, OPTIONAL)


def test_a_merged_cell_hides_no_other_mistake_of_its_rows(tmp_path):
    """A source merged over three rows (E2:E4), and in its second row a value typed "2.7%" and a hidden note: all
    three told in one round, the merged cell first; the rows it spans are not kept, the row below it is."""
    rows = [REQUIRED + ["note"], [1, None, 2023, 1, "bulletin", None], [2, None, 2023, "2.7%", None, "n"],
            [3, None, 2023, 3, None, None], [4, None, 2023, 4, "bulletin", None]]
    book = _book({"Sheet": rows}, tmp_path)
    book["Sheet"].merge_cells("E2:E4")
    book["Sheet"].column_dimensions["F"].hidden = True
    book.save(tmp_path / "merged.xlsx")
    with pytest.raises(InputErrors) as caught:
        read_workbook(tmp_path / "merged.xlsx", REQUIRED, OPTIONAL)
    told = [str(error) for error in caught.value.errors]
    assert len(told) == 3
    assert ("merged.xlsx:Sheet!E2:E4: source: is a merged cell (E2:E4): a value shown once stands for several rows"
            in told[0])
    assert any(line.endswith("merged.xlsx:Sheet!D3: value: '2.7%' is not a number (did you mean 2.7? leave out the % "
                             "sign and write the number alone, in the indicator's own unit, which a data-entry "
                             "workbook lists beside the row)") for line in told)
    assert any("merged.xlsx:Sheet!F3: note: " in line and "hidden" in line for line in told)


def test_a_format_that_only_writes_a_percent_sign_is_no_percentage(tmp_path):
    book = _book({"Sheet": [REQUIRED, [2, None, 2022, 2.61, "x"]]}, tmp_path)
    book["Sheet"]["D2"].number_format = '0.00"%"'  # 2.61 shown as "2.61%": the number is the value
    book.save(tmp_path / "a.xlsx")
    assert read_workbook(tmp_path / "a.xlsx", REQUIRED, OPTIONAL).sheets[0].frame["value"].tolist() == ["2.61"]


def test_strict_open_xml_and_a_small_file_that_unpacks_huge_are_refused_in_one_line(tmp_path):
    import zipfile

    _book({"Sheet": [REQUIRED]}, tmp_path).save(tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as source, zipfile.ZipFile(tmp_path / "strict.xlsx", "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/workbook.xml":
                data = data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                    b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            target.writestr(entry, data)
    with pytest.raises(InputError, match="saved as 'Strict Open XML Spreadsheet'.* save it as 'Excel Workbook"):
        read_workbook(tmp_path / "strict.xlsx", REQUIRED, OPTIONAL)
    with zipfile.ZipFile(tmp_path / "a.xlsx") as source, zipfile.ZipFile(tmp_path / "bomb.xlsx", "w",
                                                                         zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, source.read(entry))
        target.writestr("xl/sharedStrings.xml", b" " * 47_000_000)  # compresses to about 50 kB
    assert (tmp_path / "bomb.xlsx").stat().st_size < 200_000
    with pytest.raises(InputError, match="unpacks to more than 10,485,760 bytes"):
        read_workbook(tmp_path / "bomb.xlsx", REQUIRED, OPTIONAL)


@pytest.mark.parametrize(("header", "expected"), [
    # a header of the template's Chinese labels: a Chinese workbook, told in Chinese; of the columns' names: English
    (["编号", "序列", "年份", "数值", "数据来源"],
     "a.xlsx:Sheet!A1: 表头下方超过10,000行：数据报送表每个指标序列只占一行"),
    (REQUIRED, "a.xlsx:Sheet!A1: more than 10,000 rows below the header; a data-entry sheet has one per indicator "
               "series"),
])
def test_a_sheet_of_more_rows_than_any_plan_has_series_is_refused_in_the_workbooks_language(tmp_path, header,
                                                                                          expected):
    book = _book({"Sheet": [header, [2, None, 2022, 2.61, "x"]]}, tmp_path)
    book["Sheet"]["A10002"] = "x"  # 10,001 rows below the header
    book.save(tmp_path / "a.xlsx")
    with pytest.raises(InputError) as caught:
        read_workbook(tmp_path / "a.xlsx", REQUIRED, OPTIONAL)
    assert str(caught.value) == f"{tmp_path}/{expected}"


@pytest.mark.parametrize(("header", "expected"), [
    (REQUIRED, "a.xlsx:Sheet1!D2: value: is a date (2025-02-06), not a number: Excel turns some numbers into dates as "
               "they are typed (2.6 into 6 February); give the cell the Number or General format and type the value "
               "again"),
    (["编号", "序列", "年份", "数值", "数据来源"],
     "a.xlsx:Sheet1!D2: 数值: 是日期（2025-02-06），不是数字：Excel 会把某些输入自动识别为日期"
     "（如2.6变成2月6日）；请把该单元格格式设为“数值”或“常规”，再重新填写数值"),
])
def test_a_value_excel_took_for_a_date_is_told_as_a_date(tmp_path, header, expected):
    """2.6 typed into a cell Excel reads as a date shows 2月6日 and is kept as a date: told as such, with what to do
    (before: "'2025-02-06' is not a number (write plain digits …)", a text the person never typed). A publication
    date in its own column is a date, and read as one."""
    path = _workbook(tmp_path / "a.xlsx", [header, [2, None, 2025, datetime.datetime(2025, 2, 6), "公报"]])
    with pytest.raises(InputError) as caught:
        read_workbook(path, REQUIRED, OPTIONAL)
    assert str(caught.value).replace(f"{tmp_path}/", "") == expected
    dated = _workbook(tmp_path / "b.xlsx", [REQUIRED + ["published"], [2, None, 2025, 2.6, "公报",
                                                                        datetime.datetime(2026, 2, 6)]])
    [rows] = read_workbook(dated, REQUIRED, ["published"]).sheets
    assert rows.frame[["value", "published"]].values.tolist() == [["2.6", "2026-02-06"]]
