"""``make templates``: one data-entry workbook per lead department, protected, validated, and read back as observations.

Expected counts are from ``data/raw/weihai/departments.csv``: nine lead departments; 市科技局 leads 17
series, two of them qualitative (22, 24), so its workbook has 15 input rows; 市委组织部 leads 20 and 23
(qualitative), so one row.
"""
from __future__ import annotations

import datetime
import io
import math
import shutil

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from analysis import cli
from analysis.catalog import catalog
from analysis.errors import InputError
from analysis.publish.data import monitoring_data
from analysis.publish.templates import build_templates
from analysis.report.entry_workbooks import (
    EntrySeries,
    _range_text,
    entry_workbook_bytes,
    entry_workbooks,
    page_footer,
    safe_file_stem,
)
from analysis.report.scorecard_workbook import LINE_HEIGHT
from tests.conftest import copy_plan, relative

YEAR = 2023
LEADS = {"市科技局", "市发展改革委", "市市场监督管理局", "市生态环境局", "市商务局", "市财政局", "市税务局",
         "市委组织部", "市海洋发展局"}
#: The departments that lead a key task but no indicator (3.1, 3.2: named first; 7.1: assigned by function in
#: task_leads.csv, for the Party's organization department listed first): a workbook of words only. The trade union,
#: listed first for 2.2, gets none: task_leads.csv gives 2.2 to the science bureau. Task 7.3's lead, printed
#: 市市场监管局, is the market regulator 市市场监督管理局 (one English name in department_names.csv): its words sheet
#: goes into that department's workbook.
TASK_LEADS = {"市住房城乡建设局", "市交通运输局", "市行政审批服务局"}


@pytest.fixture(scope="module")
def templates(weihai_in_project, project_tmp):
    return build_templates(weihai_in_project, YEAR, "zh", project_tmp / "templates")


def _sheet(path):
    return openpyxl.load_workbook(path).worksheets[0]


def _rows(sheet, year: int | None = YEAR):
    """The input rows below the header row (row 4) for ``year`` (None: of every year, the plan period's earlier years
    with no value yet too)."""
    return [row for row in sheet.iter_rows(min_row=5) if row[0].value is not None
            and (year is None or row[2].value == year)]



def data_run_notes(plan, processed, capsys) -> list[str]:
    """`analysis data` on ``plan`` into ``processed``: it succeeds, tells no error, and its notes ("note: …") are
    returned as printed."""
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    told = capsys.readouterr()
    assert told.err == ""
    return [line for line in told.out.splitlines() if line.startswith("note: ")]

def test_one_workbook_per_lead_department(templates, project_tmp):
    # each named with its year first, as it is kept when it comes back (before: 市科技局.xlsx, the year in no name)
    assert {path.name for path in templates} == {f"{YEAR}-{name}.xlsx" for name in LEADS | TASK_LEADS}
    assert {path.parent for path in templates} == {project_tmp / "templates" / "weihai" / str(YEAR)}
    science = _sheet(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    assert len(_rows(science)) == 15
    assert len(_rows(_sheet(next(p for p in templates if p.name == f"{YEAR}-市委组织部.xlsx")))) == 1


def test_header_row_is_the_observation_columns_with_labels_above(templates):
    sheet = _sheet(templates[0])
    assert [c.value for c in sheet[4][:10]] == ["indicator_id", "series", "year", "value", "source", "source_en",
                                                "note", "confirm", "published", "preliminary"]
    assert sheet["K4"].value is None  # the reader stops here: the reference columns are not read back
    # the row of names said to be the system's, after the empty column, on both sheets (before: English names in a
    # Chinese workbook, unexplained)
    assert sheet["L4"].value == "系统字段，请勿修改"
    assert openpyxl.load_workbook(templates[0])["工作进展与说明"]["J4"].value == "系统字段，请勿修改"
    assert [c.value for c in sheet[3][:4]] == ["编号", "序列", "年份", "数值"]
    # on paper, both (the labels and the header row) head every page, on both sheets
    for each in openpyxl.load_workbook(templates[0]).worksheets:
        assert each.print_title_rows == "$3:$4", each.title


def test_the_row_of_system_names_stays_but_out_of_the_way_and_the_english_source_may_be_left_blank(templates):
    """Row 4 (indicator_id, series, …: what the reader finds) is kept as it is, not hidden, but small and grey, not
    bold; the English source's label says it may be left blank (before: 英文数据来源, as if required)."""
    book = openpyxl.load_workbook(templates[0])
    for sheet in book.worksheets:
        assert not sheet.row_dimensions[4].hidden and sheet.row_dimensions[4].height == 12, sheet.title
        assert (sheet["A4"].font.sz, sheet["A4"].font.b) == (8, False), sheet.title
    sheet = book.worksheets[0]
    assert sheet["F3"].value == "英文数据来源（可不填）" and sheet["F4"].value == "source_en"
    assert sheet["L4"].font.sz == 8


def _widths(sheet) -> dict[str, float]:
    """Each column's width, from the ranges a workbook stores them in (E:F, the two sources, are one)."""
    return {get_column_letter(index): dimension.width for dimension in sheet.column_dimensions.values()
            for index in range(dimension.min, dimension.max + 1)}


def test_every_input_column_is_wide_enough_and_only_the_empty_one_narrow(templates):
    """A publication date (2025-02-28, ten characters) shows whole in 发布日期 (I); the empty column the reader stops
    at (K) is the narrow one, not an input column; the input columns together narrow enough that the name and unit
    right of them stand on a screen too (before: A–K 212 characters wide, then 136, the name off the screen)."""
    widths = _widths(_sheet(templates[0]))
    assert widths["K"] < 5, widths
    # an id and a year (2024, four digits) whole; the series (国家级) whole
    assert min(widths[letter] for letter in "ABCDEFGHIJ") >= 6 and widths["B"] >= 8, widths
    # a date whole (its label wraps in the row of labels); the source (E) the widest input column
    assert widths["I"] >= 11 and widths["E"] == max(widths[letter] for letter in "ABCDEFGHIJ"), widths
    # 6 + 8 + 6 + 12 + 17 + 10 + 12 + 12 + 11 + 10 + 2 = 106 (each stored with its padding: 6.71)
    assert sum(int(widths[letter]) for letter in "ABCDEFGHIJK") <= 110, widths


#: A laptop's screen (1366 pixels) less the row numbers and a window's edges and scroll bar.
SCREEN_PIXELS = 1366 - 30 - 75


def _pixels(widths: dict[str, float], letters: str) -> int:
    """The columns' width on screen: 7 pixels a character and 5 a cell's padding."""
    return sum(int(widths[letter]) * 7 + 5 for letter in letters)


def test_the_indicator_name_stays_in_view_while_a_value_is_typed(templates):
    """Only what names a row and its value are frozen (A–D: 编号 序列 年份 数值, 244 pixels; before: A–L, 1,208, the
    name, unit and targets squeezed into what was left of a laptop's screen); opened, the screen shows the input
    columns and right of them the name, series, unit and latest value; scrolled right, the targets and range stand
    beside the frozen value."""
    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市发展改革委.xlsx"))
    assert sheet.freeze_panes == "E5"
    assert [sheet[f"{letter}3"].value for letter in "LNO"] == ["指标名称", "单位", "最新已知值"]
    energy = next(row for row in _rows(sheet) if row[0].value == 18)
    assert energy[11].value == "万元GDP综合能耗下降率（%）"
    widths = _widths(sheet)
    # 6 + 8 + 6 + 12 = 32 characters: 32 × 7 + 4 × 5 = 244
    assert _pixels(widths, "ABCD") <= 250, widths
    # A–K 106 characters (797 pixels), the name 28 (201), series and unit 10 each (75), latest value 12 (89): 1,237
    assert _pixels(widths, "ABCDEFGHIJKLMNO") <= SCREEN_PIXELS, widths
    # the frozen 244, then L–T: 28 + 10 + 10 + 12 + 12 + 16 + 12 + 12 + 22 = 134 characters, 983 pixels: 1,227
    assert sheet["T3"].value == "合理范围" and sheet["U3"].value is None
    assert _pixels(widths, "ABCD") + _pixels(widths, "LMNOPQRST") <= SCREEN_PIXELS, widths
    # a name wider than its column wraps, its row as high as its lines
    assert energy[11].alignment.wrap_text and sheet.row_dimensions[energy[0].row].height == 18


def test_the_task_or_indicator_name_stands_on_the_screen_beside_the_words(templates):
    """The words sheet: its ids (A–D) frozen, its input cells (E–H), and the task's or indicator's name (J) on a
    laptop's screen together (before: 10 + 8 + 10 + 7 + 50 + 12 + 40 + 40 + 3 = 180 characters before the name, only
    "1.1" beside the input cell)."""
    sheet = openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))["工作进展与说明"]
    assert sheet.freeze_panes == "E5" and sheet["J3"].value == "任务或指标名称"
    widths = _widths(sheet)
    # 10 + 6 + 6 + 6 + 36 + 10 + 30 + 30 + 2 + 30 = 166 characters, 1,162 pixels and 10 × 5 of padding: 1,212
    assert _pixels(widths, "ABCDEFGHIJ") <= SCREEN_PIXELS, widths
    assert widths["E"] >= 30 and widths["G"] >= 25 and widths["H"] >= 25, widths  # room to write in


def _merged_row(sheet, row: int) -> tuple[int, int]:
    """The first and last column (1-based) of the merged cells in ``row``."""
    merged = next(cells for cells in sheet.merged_cells.ranges if cells.min_row == cells.max_row == row)
    return merged.min_col, merged.max_col


def test_a_printed_workbook_keeps_its_text_readable(templates):
    """On paper (A4 landscape) each sheet is printed two pages wide, each page a print area of its own, one page wide:
    the title, the instructions, the ids, the input columns and the row's name on the first; on the second, from the
    labels' row down, what names a row (编号, 序列, 年份; on the words sheet its kind too) repeated, the name again and
    the other reference columns. Before: fit to two pages wide (which overrides a page break), the title merged across
    the repeated columns printed on the second page, cut ("市发展改革委：2024年!"); the name on whichever page the fit
    put it. The title and instructions are merged across the input columns, their rows as high as they wrap to; each
    page's foot says the title and the page's number."""
    book = openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    # (repeated columns, last input column, the name's column, the last column)
    for sheet, (named, last, name, end) in zip(book.worksheets, (("$A:$C", 10, "L", "T"), ("$A:$D", 8, "J", "K"))):
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToHeight) == ("landscape", 9, 0), sheet.title
        assert setup.fitToWidth in (None, 1), sheet.title  # one page wide (1, the default, left out)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        rows = sheet.max_row
        assert sheet.print_area == f"'{sheet.title}'!$A$1:${name}${rows},'{sheet.title}'!${name}$3:${end}${rows}"
        assert (sheet.print_title_cols, sheet.print_title_rows) == (named, "$3:$4"), sheet.title
        assert not sheet.col_breaks.brk, sheet.title
        assert _merged_row(sheet, 1) == _merged_row(sheet, 2) == (1, last), sheet.title
        # each page 11 points at 7 or more: the widest, with the columns repeated, at most 987 / (7 / 11) = 1,551
        # pixels (7 a character, 5 a column's padding)
        widths = _widths(sheet)
        pixels = {letter: 7 * int(width) + 5 for letter, width in widths.items()}
        place = openpyxl.utils.column_index_from_string
        first = sum(pixels[get_column_letter(column)] for column in range(1, place(name) + 1))
        second = sum(pixels[get_column_letter(column)] for column in [*range(1, place(named[-1]) + 1),
                                                                       *range(place(name), place(end) + 1)])
        assert max(first, second) <= 1551, (sheet.title, first, second)
        assert sheet.oddFooter.left.text == sheet.cell(1, 1).value
        assert sheet.oddFooter.right.text == "第 &P 页，共 &N 页"
        # as high as each wraps to across them: the title a line of 22 points for each (characters 14 points to
        # 11) that width holds, the instructions one of 18; a Chinese character two columns wide
        room = sum(int(widths[get_column_letter(column)]) for column in range(1, last + 1)) - 2
        for row, line, size in ((1, 22, 14 / 11), (2, LINE_HEIGHT, 1)):
            text = sheet.cell(row, 1).value
            assert sheet.cell(row, 1).alignment.wrap_text, (sheet.title, row)
            needed = sum(2 if "\u2e80" <= char <= "\uffef" else 1 for char in text) * size / room
            assert sheet.row_dimensions[row].height >= line * math.ceil(needed) - 0.5, (sheet.title, row)  # 21.75


def test_a_printed_values_sheets_second_page_shows_no_piece_of_the_title(templates, tmp_path):
    """Printed with LibreOffice, the development and reform commission's values sheet (a few rows) takes two pages:
    the first holds the title, the inputs and each row's name; the second the ids, the name again and the reference
    columns, and nothing of the title or the instructions but the title in its foot (before: the title merged across
    A–J showed its first characters in the repeated columns A–C, "市发展改革委：2024年", pdftotext giving it whole)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext (poppler) is not installed")
    source = next(p for p in templates if p.name == f"{YEAR}-市发展改革委.xlsx")
    book = openpyxl.load_workbook(source)
    del book["工作进展与说明"]  # the values sheet alone: two pages to convert
    path = tmp_path / "values.xlsx"
    book.save(path)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True,
                   timeout=240)
    pages = subprocess.run(["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"], check=True,
                           capture_output=True, text=True, timeout=60).stdout.rstrip("\f").split("\f")
    assert len(pages) == 2
    # the second page opens with the labels' row; the title only at its foot, with the page's number
    assert pages[1].split()[:4] == ["编号", "序列", "年份", "指标名称"], pages[1]
    first, second = ("".join(page.split()) for page in pages)
    assert first.startswith(f"市发展改革委：{YEAR}年数据报送表") and "请在黄色单元格中填写" in first
    assert "请在黄色单元格中填写" not in second and second.endswith("第2页，共2页")
    years = YEAR - 2021  # a row for each year of the plan period (from 2022) to the year asked
    for page in (first, second):  # each page names each row's indicator
        assert page.count("全员劳动生产率（万元/人）") == page.count("万元GDP综合能耗下降率（%）") == years, page
    assert "合理范围" in second and "7～60" in second and "数值" in first


def test_a_values_rows_cells_stand_at_its_top_and_its_unit_whole(templates, weihai_in_project, project_tmp):
    """A row of three lines (a long name) prints its ids, inputs, unit and numbers on its first line, beside the top
    of its name (before: the ids, the unit, the year of the latest value and the range at its foot, beside the next
    row's name). A unit wider than its column wraps, its row as high as it needs: "10,000 yuan per worker" in the
    Unit column, ten characters wide, is three lines, "10,000 / yuan per / worker" (before: cut at "10,000 yuan p",
    the row two lines high, as its name)."""
    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    cells = [cell for row in sheet.iter_rows(min_row=5) for cell in row if cell.value not in (None, "")]
    assert cells and all(cell.alignment.vertical == "top" for cell in cells), next(
        cell.coordinate for cell in cells if cell.alignment.vertical != "top")
    paths = build_templates(weihai_in_project, YEAR, "en", project_tmp / "templates-print-en")
    sheet = _sheet(next(p for p in paths if p.name.startswith(f"{YEAR}-Municipal Development and Reform")))
    labels = [cell.value for cell in sheet[3]]
    unit = labels.index("Unit")
    row = next(row for row in sheet.iter_rows(min_row=5) if row[unit].value == "10,000 yuan per worker")
    assert _widths(sheet)[row[unit].column_letter] < 11
    assert row[unit].alignment.wrap_text
    assert sheet.row_dimensions[row[0].row].height >= 3 * LINE_HEIGHT


def test_ids_and_year_are_filled_in_and_locked_inputs_unlocked(templates):
    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    assert sheet.protection.sheet is True and not sheet.protection.password
    first = _rows(sheet)[0]
    assert [first[0].value, first[1].value, first[2].value] == [1, None, YEAR]
    assert all(cell.protection.locked for cell in first[:3])
    assert not any(cell.protection.locked for cell in first[3:10])


def test_value_cells_are_validated_in_the_plausible_range(templates):
    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    rows = _rows(sheet)
    # the value cell validated; the row's other input cells (E–I) only name the row when selected; the preliminary
    # flag (J) from its list
    every = _rows(sheet, None)  # the 2022 rows too (a year of the plan period with no value yet)
    assert set(validations) == ({f"D{row[0].row}" for row in every}
                                | {f"E{row[0].row}:I{row[0].row}" for row in every}
                                | {f"J{row[0].row}" for row in every})
    assert {validations[f"E{row[0].row}:I{row[0].row}"].type for row in rows} == {None}  # "any": no check
    assert {validations[f"J{row[0].row}"].type for row in rows} == {"list"}
    # R&D personnel (1, a count): latest known before 2023 is the 2021 baseline 23,000; a third to three times it,
    # in whole persons: 23,000 / 3 = 7,666.67 → 7,667
    personnel = validations[f"D{rows[0][0].row}"]
    assert personnel.type == "decimal" and personnel.errorStyle == "warning"
    assert personnel.operator in (None, "between")  # "between" is the default, written as no operator
    assert float(personnel.formula1) == 7667 and float(personnel.formula2) == 69000
    assert "7,667～69,000" in personnel.prompt
    # R&D intensity (2, a share below 10 %): 2021 baseline printed 2.40, two years before 2023: 2.4 ± 20 points
    # within 0–100, and within half and twice it: 1.2 and 4.8, each bound to the two decimals the plan prints it with,
    # 1.20 – 4.80 (before: short of a factor near 10 alone, 0.34 – 16.80, which let 12.5 pass)
    intensity = validations[f"D{rows[1][0].row}"]
    assert float(intensity.formula1) == 1.2 and float(intensity.formula2) == 4.8
    assert "合理范围：1.20～4.80。" in intensity.prompt
    assert "23,000（2021年）" in personnel.prompt
    # its latest value as the plan prints it, 2.40, as the report quotes it (before: 2.4)
    assert "最新已知值：2.40（2021年）" in intensity.prompt
    by_id = {(row[0].value, row[1].value): validations[f"D{row[0].row}"] for row in rows}
    # high-tech firms to industrial firms (7, a ratio printed 86, whole): a third to three times, 28.67 – 258, in
    # whole numbers: 29 (86 / 29 = 2.97) – 258, never 28.67
    assert (float(by_id[7, None].formula1), float(by_id[7, None].formula2)) == (29, 258)
    assert "合理范围：29～258。" in by_id[7, None].prompt
    # high-tech revenue share (8, printed 40.2): 20 points either way over two years, 20.2 – 60.2, 20.2 itself let
    # pass (ten points a year exactly)
    assert (float(by_id[8, None].formula1), float(by_id[8, None].formula2)) == (20.2, 60.2)
    assert "合理范围：20.2～60.2。" in by_id[8, None].prompt


def test_a_filled_workbook_is_read_as_observations(templates, weihai_in_project, project_tmp):
    plan = copy_plan(weihai_in_project.folder, project_tmp / "filled-plan")
    book = openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    sheet = book.worksheets[0]
    rows = _rows(sheet)
    rows[0][3].value, rows[0][4].value = 24300, "市科技局2023年报"      # R&D personnel
    rows[1][3].value, rows[1][4].value = 2.61, '=HYPERLINK("x")'         # R&D intensity; a source like a formula
    rows[1][4].data_type = "s"
    book.save(plan / "observations" / "市科技局.xlsx")
    processed = project_tmp / "filled-processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    values = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    actual = values[values["value_type"] == "actual"]
    assert actual[["indicator_id", "year", "value"]].values.tolist() == [[1, YEAR, 24300.0], [2, YEAR, 2.61]]
    assert set(actual["source"]) == {relative(plan / "observations" / "市科技局.xlsx")}
    assert actual["reference"].tolist() == ["市科技局2023年报", "'=HYPERLINK(\"x\")"]


def _validations(sheet) -> dict[str, object]:
    return {str(v.sqref): v for v in sheet.data_validations.dataValidation}


def test_a_rate_of_decline_says_its_sign_and_admits_a_rise(templates):
    """万元GDP综合能耗下降率 (3.41 in 2021): a rise of energy use per unit of GDP is typed as a negative decline, the
    prompt says so, and the range admits it (before: 0 – 100, no sign convention; −2 asked about as a sign typed
    wrongly). Its range, the checks' own limits, whole whatever the decimals of 3.41, never "−10.00 – 100.00", which
    reads as a subtraction: −10～100."""
    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市发展改革委.xlsx"))
    energy = next(row for row in _rows(sheet) if row[0].value == 18)
    assert energy[-1].value == "−10～100"
    check = _validations(sheet)[energy[3].coordinate]
    assert (float(check.formula1), float(check.formula2)) == (-10.0, 100.0)
    assert check.prompt.startswith(
        "万元GDP综合能耗下降率（%）。下降填正数，上升的填负数（如上升2%填-2）。最新已知值：3.41")


def test_a_range_shows_both_bounds_with_the_series_decimals_and_says_what_it_is(templates):
    """研发经费加计扣除 (8.5 in 2021): 4.3～17.0, never 4.3～17; the instructions say the range is a check worked out
    from the latest value, not a target, and that it widens with the years only for a share, which moves 10 points a
    year at most (before: "距其年份越远越宽", while the range of 21, a share below 10 held to half and twice its value,
    is 4.3～17.0 for every year asked, as the ranges of counts and amounts are)."""
    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市税务局.xlsx"))
    deduction = next(row for row in _rows(sheet) if row[0].value == 21)
    assert deduction[-1].value == "4.3～17.0"
    assert ("（合理范围由最新已知值推算，只作核对，不是目标；各年相同，唯比重每年可变动至多10个百分点，"
            "距其年份越远范围可越宽）") in sheet["A2"].value


def test_a_rise_typed_as_a_negative_decline_is_read_back_without_a_confirmation(templates, weihai_in_project,
                                                                               project_tmp):
    plan = copy_plan(weihai_in_project.folder, project_tmp / "rise-plan")
    book = openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市发展改革委.xlsx"))
    energy = next(row for row in _rows(book.worksheets[0]) if row[0].value == 18)
    energy[3].value, energy[4].value = -2, "威海市统计公报"
    book.save(plan / "observations" / "市发展改革委.xlsx")
    processed = project_tmp / "rise-processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    values = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    actual = values[values["value_type"] == "actual"]
    assert actual[["indicator_id", "year", "value"]].values.tolist() == [[18, YEAR, -2.0]]


def test_a_filled_workbook_error_names_the_sheet_and_cell(templates, weihai_in_project, project_tmp, capsys):
    plan = copy_plan(weihai_in_project.folder, project_tmp / "bad-plan")
    book = openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    rows = _rows(book.worksheets[0])
    rows[2][3].value, rows[2][4].value = "abc", "市科技局"
    book.save(plan / "observations" / "市科技局.xlsx")
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(project_tmp / "bad")]) == 2
    # told in the template's language
    assert f"市科技局.xlsx:数据报送!D{rows[2][3].row}: 数值: 'abc' 不是数字（" in capsys.readouterr().err


ALLOWED_ZH = ("编号（indicator_id）、序列（series）、年份（year）、数值（value）、数据来源（source）、"
              "英文数据来源（source_en）、备注（note）、确认（confirm）、发布日期（published）、初步数（preliminary）")


def _hand_back(templates, plan_dir, project_tmp, name: str, fill) -> tuple[int, str]:
    """市科技局's template filled by ``fill(book)``, handed back into a copy of the plan (``name``-plan) and read by
    ``analysis data``: the exit status and the workbook's path as the messages give it."""
    plan = copy_plan(plan_dir, project_tmp / f"{name}-plan")
    book = openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    fill(book)
    book.save(plan / "observations" / "市科技局.xlsx")
    status = cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(project_tmp / name)])
    return status, relative(plan / "observations" / "市科技局.xlsx")


def _mistaken_rows(sheet) -> list:
    """The first two input rows of the year filled: a value that is not a number (D6, with its source) and a value
    (D8) without its source; the rows, for a test to fill on. (Rows 5 and 7 are 2022's, a year of the plan period
    with no value yet.)"""
    rows = _rows(sheet)
    rows[0][3].value, rows[0][4].value = "约24300", "市科技局2023年报"
    rows[1][3].value = 2.61
    return rows


def test_a_renamed_header_cell_is_told_with_the_rows_mistakes_in_one_round(templates, weihai_in_project,
                                                                              project_tmp, capsys):
    """The note's header (G4) typed over as 说明: told at G4, and the rows' mistakes with it, not a round later (a
    value not a number in D6, a value without its source in E8)."""
    def fill(book):
        book.worksheets[0]["G4"] = "说明"
        _mistaken_rows(book.worksheets[0])  # D8 without its source

    status, path = _hand_back(templates, weihai_in_project.folder, project_tmp, "renamed", fill)
    assert status == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {path}:数据报送!G4: 表头: 表头单元格被改成了 说明，无法识别：其上方的标签表明该列为 备注（note），"
        "请改回 备注（note）",
        f"error: {path}:数据报送!D6: 数值: '约24300' 不是数字（是否应为24300？请去掉“约”，只写数字；"
        "如为估计数，请在该行的备注中说明）",
        f"error: {path}:数据报送!E8: 数据来源: 为空：请写明数值出自哪一份资料"]


def test_a_missing_column_is_told_once_not_row_by_row(templates, weihai_in_project, project_tmp, capsys):
    """The source's header (E4) typed over as 出处: no source column, told once at E4 as the column its label above
    names (not a column missing at A4 and an unknown one at E4); the rows' other mistakes are told with it, but no
    row is told its source is empty."""
    def fill(book):
        book.worksheets[0]["E4"] = "出处"
        _mistaken_rows(book.worksheets[0])[1][4].value = "统计公报"

    status, path = _hand_back(templates, weihai_in_project.folder, project_tmp, "sourceless", fill)
    assert status == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {path}:数据报送!E4: 表头: 表头单元格被改成了 出处，无法识别：其上方的标签表明该列为 "
        "数据来源（source），请改回 数据来源（source）",
        f"error: {path}:数据报送!D6: 数值: '约24300' 不是数字（是否应为24300？请去掉“约”，只写数字；"
        "如为估计数，请在该行的备注中说明）"]


def test_a_workbook_made_for_another_plan_is_told_in_one_line(templates, project_tmp, capsys):
    """Weihai's 市科技局 workbook, filled, dropped into the lakeside plan's folder: its rows name Weihai's
    indicators (1: R&D personnel), which lakeside numbers otherwise; one line says whose it is, not a row's
    mistake per indicator."""
    from tests.conftest import LAKESIDE_DIR

    plan = copy_plan(LAKESIDE_DIR, project_tmp / "other-plan")
    book = openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    rows = _rows(book.worksheets[0])
    rows[0][3].value, rows[0][4].value = 24300, "市科技局2023年报"
    book.save(plan / "observations" / "市科技局.xlsx")
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(project_tmp / "other")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"error: {relative(plan / 'observations' / '市科技局.xlsx')}: 此工作簿为方案 'weihai' 制作，"
                     "不是本方案（'lakeside'）的报送表，其中各行对应的是该方案的指标：请移至该方案的观测数据文件夹，"
                     "或填写为本方案下发的报送表（make templates）"]
    assert openpyxl.load_workbook(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx")).custom_doc_props[
        "analysis_plan"].value == "weihai"


def test_without_departments_every_series_goes_into_one_workbook(weihai_in_project):
    data = monitoring_data(weihai_in_project)
    indicators = data.indicators.drop(columns=[c for c in data.indicators if c.startswith("lead_department")])
    [workbook] = entry_workbooks(indicators, data.values, YEAR, catalog("en"), "plan")
    assert workbook.file_stem == "All indicators" and len(workbook.series) == 25


def test_a_printed_pages_foot_shows_an_ampersand_of_the_title_as_it_is_and_stays_within_excels_limit():
    """A footer reads "&P" as the page's number and "&B" as bold: a title's "&" is doubled, printed as typed; a title
    too long for the 255 characters Excel keeps of a footer is cut, the page's number kept."""
    assert page_footer(catalog("en"), "R&D Office: values for 2024") == "&LR&&D Office: values for 2024&RPage &P of &N"
    assert page_footer(catalog("zh"), "科技&人才局") == "&L科技&&人才局&R第 &P 页，共 &N 页"
    long = page_footer(catalog("en"), "word " * 100)
    assert len(long) <= 255 and long.endswith("…&RPage &P of &N")
    assert len(page_footer(catalog("zh"), "&" * 300)) <= 255


@pytest.mark.parametrize(("name", "stem"), [("市科技局", "市科技局"), ("a/b\\c", "a_b_c"), ("..", "fallback"),
                                            ("x\x1b[2Jy", "x_[2Jy"), ("CON", "fallback"), (" ~$lock", "fallback"),
                                            ("a\u202eb", "a_b"), ("名" * 300, "名" * 100)])
def test_department_names_become_safe_file_names(name, stem):
    assert safe_file_stem(name, "fallback") == stem


def test_same_inputs_give_the_same_bytes(weihai_in_project, project_tmp, templates):
    again = build_templates(weihai_in_project, YEAR, "zh", project_tmp / "templates-again")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in templates]
    assert build_templates(weihai_in_project, YEAR, "zh", project_tmp / "templates-again") == again  # unfilled: again


def test_a_workbook_filled_in_place_is_never_written_over(weihai_in_project, project_tmp, templates):
    """Told in the workbook's language (it was told in English), naming the cells filled: the value and its source;
    a value in a hidden row is no less filled (the workbook was written over: its hidden row made it unreadable)."""
    out = project_tmp / "templates-filled"
    written = build_templates(weihai_in_project, YEAR, "zh", out)
    science = next(p for p in written if p.name == f"{YEAR}-市科技局.xlsx")
    book = openpyxl.load_workbook(science)
    rows = _rows(book.worksheets[0])
    rows[0][3].value, rows[0][4].value = 24300, "市科技局2023年报"
    book.worksheets[0].row_dimensions[rows[0][3].row].hidden = True
    book.save(science)
    filled = science.read_bytes()
    row = rows[0][3].row
    with pytest.raises(InputError) as caught:
        build_templates(weihai_in_project, YEAR, "zh", out)
    assert str(caught.value).endswith(f"/{YEAR}-市科技局.xlsx: 已填有内容（数据报送!D{row}, 数据报送!E{row}）："
                                      "填过的工作簿不会被覆盖；请将其移走（如已填好，移入方案的 observations/ "
                                      "文件夹）后重新运行")
    assert science.read_bytes() == filled


def test_templates_command_writes_the_workbooks(weihai_in_project, project_tmp, capsys):
    out = project_tmp / "templates-cli"
    code = cli.main(["templates", "--year", "2024", "--lang", "en", "--plan", relative(weihai_in_project.folder),
                     "--output-dir", relative(out)])
    assert code == 0
    assert "templates: 12 workbooks" in capsys.readouterr().out
    # good-air days (17): a 2021 value alone, and a level to hold in 2023 and 2024 each
    ecology = openpyxl.load_workbook(out / "weihai" / "2024" / "2024-Municipal Bureau of Ecology and Environment.xlsx")
    assert ecology["Progress and reasons"]["K5"].value == (
        "Only a value from before the plan period (2021): no progress to judge; send the values for 2022–2024; "
        "if a value you send misses the target (≥90% every year in 2023 and 2024), give the reasons and next "
        "measures")
    science = openpyxl.load_workbook(out / "weihai" / "2024" / "2024-Municipal Science and Technology Bureau.xlsx")
    assert science["Data entry"]["L4"].value == "System field names, do not change"
    assert science["Progress and reasons"]["J4"].value == "System field names, do not change"
    shutil.rmtree(out)


def test_one_workbook_is_counted_as_one(project_tmp, capsys):
    # the Lakeside plan names no departments: one workbook for every series
    from tests.conftest import LAKESIDE_DIR

    out = project_tmp / "templates-one"
    assert cli.main(["templates", "--plan", relative(LAKESIDE_DIR), "--lang", "en", "--output-dir", relative(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "templates: 1 workbook"
    shutil.rmtree(out)


def test_a_year_outside_the_plan_is_refused(weihai_in_project, project_tmp, capsys):
    code = cli.main(["templates", "--year", "2019", "--plan", relative(weihai_in_project.folder),
                     "--output-dir", relative(project_tmp / "never")])
    assert code == 2 and "values are collected for 2021–2030" in capsys.readouterr().err
    assert not (project_tmp / "never").exists()


def test_workbook_read_back_with_pandas_keeps_the_header(templates):
    frame = pd.read_excel(io.BytesIO(templates[0].read_bytes()), header=3, usecols="A:H")
    assert list(frame.columns) == ["indicator_id", "series", "year", "value", "source", "source_en", "note",
                                   "confirm"]


def test_a_words_rows_height_holds_its_longest_name_or_assessment(weihai_in_project, project_tmp):
    """A row of the English words sheet is as many lines high as its name or its assessment takes, each in a column 30
    wide (28 characters a line, less the cell's margins), three at least: indicator 24's long English name more than
    three."""
    [path] = [p for p in build_templates(weihai_in_project, YEAR, "en", project_tmp / "templates-en-heights")
              if p.name == f"{YEAR}-Municipal Science and Technology Bureau.xlsx"]
    sheet = openpyxl.load_workbook(path)["Progress and reasons"]
    heights = {}
    for row in sheet.iter_rows(min_row=5):
        if row[0].value:
            lines = max(-(-len(row[9].value) // 28), -(-len(row[10].value or "") // 28))  # ceiling: a character a
            # column in English
            heights[str(row[1].value)] = (sheet.row_dimensions[row[0].row].height, LINE_HEIGHT * max(3, lines))
    assert heights["24"][1] > 3 * LINE_HEIGHT
    assert all(height == expected for height, expected in heights.values()), heights


def test_a_year_after_the_last_report_asks_for_values_only(weihai_in_project, project_tmp):
    """2025, a year after the plan's last report year (2024): values may still come (a revision, a later check), but
    no report asks what was done that year, so no words sheet (its rows would all be refused, year 2025 outside the
    report years) and no workbook for the departments that lead tasks only; a workbook sent back unfilled is read
    without a word."""
    written = build_templates(weihai_in_project, 2025, "zh", project_tmp / "templates-2025")
    assert {path.name for path in written} == {f"2025-{name}.xlsx" for name in LEADS}
    for path in written:
        assert openpyxl.load_workbook(path).sheetnames == ["数据报送"], path.stem
    plan = copy_plan(weihai_in_project.folder, project_tmp / "plan-2025")
    for path in written:
        shutil.copyfile(path, plan / "observations" / path.name)
    processed = project_tmp / "processed-2025"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0


def test_a_hidden_sheet_is_noted_on_the_console_in_the_workbooks_language(templates, weihai_in_project, project_tmp,
                                                                          capsys):
    """A department hid a tab "2025" holding a value: not read (the data-quality log names it), and the run, which
    succeeds, says so on the console, in Chinese for 市科技局.xlsx."""
    def fill(book):
        hidden = book.create_sheet("2025")
        hidden["A1"], hidden["D1"] = "1", 25000
        hidden.sheet_state = "hidden"

    status, path = _hand_back(templates, weihai_in_project.folder, project_tmp, "hidden", fill)
    assert status == 0
    told = capsys.readouterr()
    assert told.err == ""  # stderr is for errors
    notes = [line for line in told.out.splitlines() if line.startswith("note: ")]
    # and its form, left empty, is a file without values: noted too, never passed in silence
    assert notes == [f"note: {path}: 文件中没有数值（只有表头，或报送表未填写），未读入任何数值",
                     f"note: {path}: 工作簿中的隐藏工作表 '2025'，未读取；如需使用，请取消隐藏"]


def test_a_workbook_of_words_only_is_noted_in_its_own_language_whatever_its_name(weihai_in_project, project_tmp,
                                                                               capsys):
    """The transport bureau's English workbook of words only (no data-entry sheet), its task's progress filled and
    saved as 2023-市交通运输局.xlsx, with a hidden tab: the note on that tab is in English, the workbook's language
    (before: in Chinese, from the file's name, as it has no values sheet to take a language from)."""
    [made] = [path for path in build_templates(weihai_in_project, YEAR, "en", project_tmp / "templates-words-en")
              if path.name == f"{YEAR}-Municipal Transport Bureau.xlsx"]
    book = openpyxl.load_workbook(made)
    assert book.sheetnames == ["Progress and reasons"]
    sheet = book["Progress and reasons"]
    row = next(row for row in sheet.iter_rows(min_row=5) if row[1].value == "3.2")
    row[4].value, row[5].value = "Two new bus lines to the science park", "Completed"
    hidden = book.create_sheet("Sheet2")
    hidden["A1"] = "draft"
    hidden.sheet_state = "hidden"
    plan = copy_plan(weihai_in_project.folder, project_tmp / "words-only-named-in-chinese")
    book.save(plan / "observations" / f"{YEAR}-市交通运输局.xlsx")
    processed = project_tmp / "words-only-named-in-chinese-processed"
    notes = data_run_notes(plan, processed, capsys)
    assert notes == [f"note: {relative(plan)}/observations/{YEAR}-市交通运输局.xlsx: Hidden sheet 'Sheet2' of a "
                     "workbook, not read; show it to have it read"]


def test_a_workbook_whose_values_sheet_was_deleted_is_noted_as_a_file_without_values(templates, weihai_in_project,
                                                                                   project_tmp, capsys):
    """The science bureau's workbook sent back with its words sheet alone (数据报送 deleted): before, passed over
    in silence, though the template had a sheet of values; now noted as a file without values, as one whose sheet
    of values is left empty, in the workbook's language."""
    [made] = [path for path in templates if path.name == f"{YEAR}-市科技局.xlsx"]
    book = openpyxl.load_workbook(made)
    del book["数据报送"]
    plan = copy_plan(weihai_in_project.folder, project_tmp / "values-sheet-deleted")
    book.save(plan / "observations" / made.name)
    processed = project_tmp / "values-sheet-deleted-processed"
    notes = data_run_notes(plan, processed, capsys)
    assert notes == [f"note: {relative(plan)}/observations/{made.name}: 文件中没有数值（只有表头，或报送表未填写），"
                     "未读入任何数值"]


@pytest.mark.parametrize(("language", "name", "note"), [
    ("zh", f"{YEAR}-市交通运输局.xlsx", "退回时未填写任何内容，未读入任何文字说明"),
    ("en", f"{YEAR}-Municipal Transport Bureau.xlsx", "Came back with nothing filled in: no words read from it"),
])
def test_a_workbook_of_words_only_sent_back_unfilled_is_noted_once(weihai_in_project, project_tmp, capsys, language,
                                                                   name, note):
    """The transport bureau's workbook of words only sent back as it was made: before, the run said nothing of it
    (no sheet of values to find empty), though its words are still owed; now one line, in the workbook's language,
    says that it came back with nothing filled in, and the data-quality log lists it."""
    [made] = [path for path in build_templates(weihai_in_project, YEAR, language,
                                               project_tmp / f"templates-unfilled-{language}") if path.name == name]
    plan = copy_plan(weihai_in_project.folder, project_tmp / f"words-unfilled-{language}")
    shutil.copyfile(made, plan / "observations" / name)
    processed = project_tmp / f"words-unfilled-{language}-processed"
    notes = data_run_notes(plan, processed, capsys)
    assert notes == [f"note: {relative(plan)}/observations/{name}: {note}"]
    quality = pd.read_csv(processed / "weihai" / "data_quality.csv", keep_default_na=False)
    assert list(quality.loc[quality["issue"] == "empty_file", "source"].str.split("/").str[-1]) == [name]


@pytest.mark.parametrize(("language", "name", "rating", "note"), [
    ("zh", f"{YEAR}-市科技局.xlsx", "已完成", "数值工作表中没有数值；其文字说明（工作进展与说明）已读入"),
    ("en", f"{YEAR}-Municipal Science and Technology Bureau.xlsx", "Completed",
     "No value on its sheet of values; its words (progress, reasons) were read"),
])
def test_a_workbook_with_only_its_words_filled_is_not_called_a_form_not_filled_in(weihai_in_project, project_tmp,
                                                                                   capsys, language, name, rating,
                                                                                   note):
    """The science bureau's workbook sent back with task 1.2's progress and rating filled and its sheet of values
    left empty: before, "No value in the file (a header only, or a form not filled in)", though its words were read;
    now the note says its sheet of values holds no value and its words were read."""
    [made] = [path for path in build_templates(weihai_in_project, YEAR, language,
                                               project_tmp / f"templates-words-filled-{language}")
              if path.name == name]
    book = openpyxl.load_workbook(made)
    sheet = book.worksheets[1]
    assert sheet["B5"].value == "1.2"
    sheet["E5"], sheet["F5"] = "建成两个新型研发机构" if language == "zh" else "Two new research institutes", rating
    plan = copy_plan(weihai_in_project.folder, project_tmp / f"words-filled-{language}")
    book.save(plan / "observations" / name)
    processed = project_tmp / f"words-filled-{language}-processed"
    notes = data_run_notes(plan, processed, capsys)
    assert notes == [f"note: {relative(plan)}/observations/{name}: {note}"]
    said = pd.read_csv(processed / "weihai" / "department_words.csv", keep_default_na=False, dtype=str)
    assert list(said["task_id"]) == ["1.2"]


def _sent_twice(plan_in_project, folder, capsys, language, name, copy, note, values):
    """The science bureau's workbook in ``language``, its first rows filled with ``values`` (a bulletin named beside
    each), saved as ``name`` and as its ``copy`` in a copy of the plan in ``folder``; ``analysis data`` run on it,
    its one console note checked to be ``note`` on ``name``: the processed folder and the actual values read, as
    [indicator, year, value] rows."""
    [made] = [path for path in build_templates(plan_in_project, YEAR, language, folder.with_name(f"{folder.name}-made"))
              if path.name == name]
    book = openpyxl.load_workbook(made)
    for row, value in zip(_rows(book.worksheets[0]), values):
        row[3].value, row[4].value = value, "市科技局2023年报"
    plan = copy_plan(plan_in_project.folder, folder)
    book.save(plan / "observations" / name)
    book.save(plan / "observations" / copy)
    processed = folder.with_name(f"{folder.name}-processed")
    assert data_run_notes(plan, processed, capsys) == [f"note: {relative(plan)}/observations/{name}: {note}"]
    read = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    return processed, read[read["value_type"] == "actual"][["indicator_id", "year", "value"]].values.tolist()


@pytest.mark.parametrize(("language", "name", "copy", "note"), [
    ("zh", f"{YEAR}-市科技局.xlsx", f"{YEAR}-市科技局 - 副本.xlsx",
     f"2个数值与 {YEAR}-市科技局 - 副本.xlsx 相同，各只计一次"),
    ("en", f"{YEAR}-Municipal Science and Technology Bureau.xlsx",
     f"{YEAR}-Municipal Science and Technology Bureau - Copy.xlsx",
     f"2 values the same as in {YEAR}-Municipal Science and Technology Bureau - Copy.xlsx, each kept once"),
])
def test_two_copies_of_a_workbook_are_noted_once_on_the_console(weihai_in_project, project_tmp, capsys, language,
                                                                name, copy, note):
    """The science bureau's workbook, two values filled, sent back twice (a copy saved as Windows names it): each
    value kept once and the data-quality log says so; before, the console said nothing, now one note, in the
    workbook's language, names both files (the copy, named with a space before the original's dot, is read first)."""
    processed, actual = _sent_twice(weihai_in_project, project_tmp / f"copies-{language}", capsys, language, name,
                                    copy, note, [24300, 2.61])
    assert actual == [[1, YEAR, 24300.0], [2, YEAR, 2.61]]


@pytest.mark.parametrize(("language", "name", "copy", "note"), [
    # the copy is read first: the value is in its row 6, R&D personnel's 2023 row (row 5 its 2022 row)
    ("zh", f"{YEAR}-市科技局.xlsx", f"{YEAR}-市科技局 - 副本.xlsx",
     f"与 {YEAR}-市科技局 - 副本.xlsx 第6行数值相同，只计一次"),
    ("en", f"{YEAR}-Municipal Science and Technology Bureau.xlsx",
     f"{YEAR}-Municipal Science and Technology Bureau - Copy.xlsx",
     f"Same value as {YEAR}-Municipal Science and Technology Bureau - Copy.xlsx:6; kept once."),
])
def test_two_copies_of_a_workbook_of_one_value_are_noted_too(weihai_in_project, project_tmp, capsys, language, name,
                                                             copy, note):
    """The science bureau's workbook, one value filled (R&D personnel 24300), sent back twice: the console said
    nothing, as for a value two bulletins both give; a file whose one value another file gives is a copy of it,
    noted as one of two values is, both files named (as the data-quality log notes it, on the value's indicator)."""
    processed, actual = _sent_twice(weihai_in_project, project_tmp / f"one-copy-{language}", capsys, language, name,
                                    copy, note, [24300])
    assert actual == [[1, YEAR, 24300.0]]
    quality = pd.read_csv(processed / "weihai" / "data_quality.csv", keep_default_na=False)
    copies = quality[quality["issue"] == "duplicate_observation"]
    assert list(copies["indicator_id"]) == [1]


def test_a_value_two_files_give_among_others_is_not_noted_as_a_copy(project_tmp, capsys):
    """Two bulletins each with a value of their own, both giving R&D intensity 2.55 for 2022: no file is a copy of the
    other; the data-quality log notes the repeat on the indicator, the console nothing."""
    from tests.conftest import DEFAULT_PLAN_DIR

    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "shared-value" / "weihai")
    header = "indicator_id,series,year,value,source\n"
    (plan / "observations" / "2023-bulletin.csv").write_text(
        header + "2,,2022,2.55,Bulletin 2022\n1,,2022,23800,Bulletin 2022\n", encoding="utf-8")
    (plan / "observations" / "2023-yearbook.csv").write_text(
        header + "2,,2022,2.55,Yearbook 2023\n10,,2022,1200,Yearbook 2023\n", encoding="utf-8")
    processed = project_tmp / "shared-value-processed"
    assert data_run_notes(plan, processed, capsys) == []
    quality = pd.read_csv(processed / "weihai" / "data_quality.csv", keep_default_na=False)
    assert list(quality.loc[quality["issue"] == "duplicate_observation", "indicator_id"]) == [2]


def test_a_figure_its_note_calls_preliminary_is_noted_on_the_console(project_tmp, capsys):
    """A bulletin's 2022 R&D intensity with the note 初步核算数 but no preliminary flag: read as final, and the console
    says so (in English for a file named in Latin letters), as the data-quality log does."""
    from tests.conftest import DEFAULT_PLAN_DIR

    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "noted-preliminary" / "weihai")
    (plan / "observations" / "2023-bulletin.csv").write_text(
        "indicator_id,series,year,value,source,note\n2,,2022,2.55,Bulletin 2022,初步核算数\n", encoding="utf-8")
    processed = project_tmp / "noted-preliminary-processed"
    notes = data_run_notes(plan, processed, capsys)
    assert len(notes) == 1 and "2023-bulletin.csv: 2.55% for 2022 is read as a final figure, though its note says " \
                                "“初步核算数" in notes[0], notes


def test_a_file_without_values_is_noted_not_passed_in_silence(project_tmp, capsys):
    """A CSV with its header alone in observations/: the run succeeds, the data-quality log lists the file, and the
    console says it, in English for a file named in Latin letters."""
    from tests.conftest import DEFAULT_PLAN_DIR

    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "empty-file" / "weihai")
    (plan / "observations" / "2025-bulletin.csv").write_text("indicator_id,series,year,value,source\n",
                                                             encoding="utf-8")
    processed = project_tmp / "empty-file-processed"
    notes = data_run_notes(plan, processed, capsys)
    assert len(notes) == 1 and notes[0].endswith("2025-bulletin.csv: No value in the file (a header only, or a form "
                                                  "not filled in): nothing read from it")
    quality = pd.read_csv(processed / "weihai" / "data_quality.csv", keep_default_na=False)
    assert list(quality.loc[quality["issue"] == "empty_file", "source"].str.split("/").str[-1]) == [
        "2025-bulletin.csv"]


@pytest.mark.parametrize(("name", "header", "note"), [
    ("2025-bulletin.csv", "编号,序列,年份,数值,数据来源\r\n,,,,\r\n",
     "2025-bulletin.csv: 文件中没有数值（只有表头，或报送表未填写），未读入任何数值"),
    ("2025年统计公报.csv", "indicator_id,series,year,value,source\n",
     "2025年统计公报.csv: No value in the file (a header only, or a form not filled in): nothing read from it"),
])
def test_a_file_without_values_is_noted_in_the_language_its_header_is_written_in(project_tmp, capsys, name, header,
                                                                                  note):
    """The note on a file without values speaks the language its mistakes would be told in, its header's (before: its
    name's, so that a CSV headed 编号, 数值 and named in Latin letters was told in English)."""
    from tests.conftest import DEFAULT_PLAN_DIR

    folder = project_tmp / f"empty-{len(name)}"
    plan = copy_plan(DEFAULT_PLAN_DIR, folder / "weihai")
    (plan / "observations" / name).write_text(header, encoding="utf-8")
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(folder / "processed")]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
    assert notes == [f"note: {relative(plan / 'observations')}/{note}"]


def test_a_blank_workbook_is_noted_once_as_a_file_without_values(project_tmp, capsys):
    """A workbook saved before anything was typed in it (市科技局.xlsx, one blank sheet): nothing to read, as in a form
    not filled in; the run succeeds, the console says it once, in Chinese for a file named in Chinese, and the
    data-quality log lists it."""
    from tests.conftest import DEFAULT_PLAN_DIR

    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "blank-workbook" / "weihai")
    openpyxl.Workbook().save(plan / "observations" / "市科技局.xlsx")
    processed = project_tmp / "blank-workbook-processed"
    notes = data_run_notes(plan, processed, capsys)
    assert notes == [f"note: {relative(plan)}/observations/市科技局.xlsx: 文件中没有数值（只有表头，或报送表未填写），"
                     "未读入任何数值"]
    quality = pd.read_csv(processed / "weihai" / "data_quality.csv", keep_default_na=False)
    assert list(quality.loc[quality["issue"] == "empty_file", "source"].str.split("/").str[-1]) == ["市科技局.xlsx"]


def test_reference_numbers_keep_the_digits_the_plan_printed(templates):
    """The plan prints indicator 4's targets 国3.0/省3.3 and indicator 2's 2021 baseline 2.40: the workbook shows 3.0
    and 2.40, as the report does, never 3 and 2.4 (the cell keeps the number; its format the digits)."""
    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市科技局.xlsx"))
    headers = [cell.value for cell in sheet[3]]
    rows = {(row[0].value, row[1].value): row for row in _rows(sheet)}
    target = rows[(4, "国家级")][headers.index(f"{YEAR}年目标")]
    assert (target.value, target.number_format) == (3, "#,##0.0")
    latest = rows[(2, None)][headers.index("最新已知值")]
    assert (latest.value, latest.number_format) == (2.4, "#,##0.00")


def test_a_rank_and_a_count_after_a_zero_are_asked_for_without_an_upper_bound_of_ten_to_the_fifteenth(project_tmp):
    """The national plan's world rank (1: 21st in 2010) can be no place before the first and has no last: its row
    shows "1 or more", never "−1,000,000,000,000,000 – 1,000,000,000,000,000", and a 0 or a −3 is warned at once (the
    reader refuses them); a count whose latest value is 0 (new platforms, counted from 0) shows "0 or more"."""
    from analysis.plan import load_plan
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    data = monitoring_data(load_plan(NATIONAL_DIR), NATIONAL_PUBLISHED)
    for language, shown in (("en", "1 or more"), ("zh", "1及以上")):
        [workbook] = entry_workbooks(data.indicators, data.values, 2012, catalog(language), "national-12th-fyp")
        path = project_tmp / f"national-{language}.xlsx"
        path.write_bytes(entry_workbook_bytes(workbook, datetime.date(2026, 1, 1)))
        sheet = _sheet(path)
        rank = next(row for row in _rows(sheet, 2012) if row[0].value == 1)
        assert shown in [cell.value for cell in rank]  # the plausible range, the last reference cell
        validation = next(v for v in sheet.data_validations.dataValidation if str(v.sqref) == f"D{rank[0].row}")
        assert float(validation.formula1) == 1
        assert shown in validation.prompt and shown not in validation.error  # said once: in the prompt beside it
    # a count counted from 0 (new platforms since the base year): no ratio to a zero, so no upper bound to show
    platforms = EntrySeries(8, "", "新增省级以上研发平台", "", "家", 0.0, 2020, {}, 0.0, 1e15)
    assert _range_text(catalog("zh"), platforms) == "0及以上" and _range_text(catalog("en"), platforms) == "0 or more"


def test_a_level_to_hold_and_a_ranks_place_are_shown_as_the_plan_sets_them(templates, project_tmp):
    """Good-air days (17) must be at least 90% every year: its targets read "≥90", as the words sheet beside it and
    the report write them, never a bare 90 a clerk takes for a value to reach once, each cell the number 90 with the
    sign in its format (before: the text "≥90" among targets stored as numbers); the national plan's world rank
    (1) must be among the top 18 by 2015: "前18位", never 18."""
    from analysis.plan import load_plan
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    sheet = _sheet(next(p for p in templates if p.name == f"{YEAR}-市生态环境局.xlsx"))
    headers = [cell.value for cell in sheet[3]]
    [air] = [row for row in _rows(sheet) if row[0].value == 17]
    cells = [air[headers.index(f"{year}年目标")] for year in (2023, 2024)]
    assert [cell.value for cell in cells] == [90, 90]
    assert [cell.number_format for cell in cells] == ['"≥"#,##0;-"≥"#,##0'] * 2
    data = monitoring_data(load_plan(NATIONAL_DIR), NATIONAL_PUBLISHED)
    for language, shown in (("zh", "前18位"), ("en", "top 18")):
        [workbook] = entry_workbooks(data.indicators, data.values, 2012, catalog(language), "national-12th-fyp")
        [rank] = [row for row in workbook.series if row.indicator_id == 1]
        assert rank.targets == {2015: shown}


def test_a_series_with_no_value_of_the_plan_period_is_asked_for_its_years(weihai_in_project, project_tmp):
    """The plan's own data give energy intensity's decline (18) and labour productivity (6) no value after 2021:
    their words ask for 2022–2024's values, not "按2021年数值3.41：数据不足，暂无预警", which tells a clerk nothing;
    18, a decline of at least 5% to hold in 2023 and in 2024, is to be explained if a value of either year misses it,
    not 2024's alone (before: "未达到2024年目标 ≥5")."""
    [path] = [p for p in build_templates(weihai_in_project, 2024, "zh", project_tmp / "templates-before-plan")
              if p.name == "2024-市发展改革委.xlsx"]
    sheet = openpyxl.load_workbook(path)["工作进展与说明"]
    said = {row[1].value: row[10].value for row in sheet.iter_rows(min_row=5) if row[0].value == "指标"}
    assert said[18] == ("仅有方案实施期前（2021年）数值，无法判断进展；请报送2022—2024年数值；"
                        "如本次报送的数值未达到目标（2023、2024年每年均须≥5%），请说明原因和下一步措施")
    assert said[6] == ("仅有方案实施期前（2021年）数值，无法判断进展；请报送2022—2024年数值；"
                       "如本次报送的2024年数值未达到2024年目标23万元/人，请说明原因和下一步措施")


def test_each_year_of_the_plan_period_with_no_value_gets_a_row_of_its_own(weihai_in_project, project_tmp):
    """The plan's own data give labour productivity (6) and energy intensity's decline (18) no value after 2021, and
    the ocean economy's share (26) a 2022 value (36.6): the 2024 workbook asks for each year of the plan period with
    no value yet, each in a row of its own, its year filled in and locked, before 2024's (before: 2024's alone, and
    2022–2023's values nowhere to go), and says so: each series' rows together, their years in order, as a clerk
    copies them from a yearbook (before: every 2024 row, then a block of 2022's, then one of 2023's, and the
    instructions saying they stood below the year's)."""
    from analysis.plan import load_plan
    from tests.conftest import DEFAULT_PLAN_DIR

    # the plan with its observations as collected (26's 2022 value among them)
    plan = load_plan(copy_plan(DEFAULT_PLAN_DIR, project_tmp / "years-plan" / "weihai",
                               DEFAULT_PLAN_DIR / "observations"))
    made = {p.name: p for p in build_templates(plan, 2024, "zh", project_tmp / "templates-years")}
    reform = _sheet(made["2024-市发展改革委.xlsx"])
    # a series' rows together, its years in order: 6's 2022, 2023, 2024 in rows 5–7, then 18's in rows 8–10
    assert [(row[0].row, row[0].value, row[2].value) for row in _rows(reform, None)] == [
        (5, 6, 2022), (6, 6, 2023), (7, 6, 2024), (8, 18, 2022), (9, 18, 2023), (10, 18, 2024)]
    assert all(row[2].protection.locked and not row[3].protection.locked for row in _rows(reform, None))
    assert reform["A2"].value.endswith(
        "方案实施期内尚无数值的2022、2023年也各占一行，排在同一序列的2024年一行之前（按年份先后，年份已填好），"
        "请一并填写。")
    # the column of a value already received heads the 2022 and 2023 rows too: named by the row's year, not 2024's
    # (before: 已收到的2024年数值 above a 2022 row)
    assert "本行年份已收到的数值" in [cell.value for cell in reform[3]]
    assert not [cell.coordinate for cell in reform[3] if "2024" in str(cell.value or "") and "目标" not in cell.value]
    ocean = _sheet(made["2024-市海洋发展局.xlsx"])
    assert [(row[0].value, row[2].value) for row in _rows(ocean, None)] == [(26, 2023), (26, 2024)]
    # each value cell says which year it asks for
    prompts = {str(v.sqref): v.promptTitle for v in reform.data_validations.dataValidation}
    assert [prompts[f"D{row[0].row}"] for row in _rows(reform, None)] == [
        "2022年数值", "2023年数值", "2024年数值", "2022年数值", "2023年数值", "2024年数值"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_recorded_property_is_within_what_excel_keeps(weihai_in_project, project_tmp, language):
    """Each custom property a workbook records (the rows' reference digests among them) within the 255 characters
    Excel keeps: an English 2024 workbook's digests, twelve to a property, took 267 where the keys name a series and
    an earlier year (4/provincial@2022:1d8fcccd, 26 characters with its comma), and Excel would cut them."""
    for path in build_templates(weihai_in_project, 2024, language, project_tmp / f"templates-properties-{language}"):
        book = openpyxl.load_workbook(path)
        long = [(prop.name, len(str(prop.value))) for prop in book.custom_doc_props
                if len(str(prop.value).encode("utf-16-le")) // 2 > 255]
        assert not long, (path.name, long)


def test_the_rows_of_earlier_years_are_read_back_as_their_years(weihai_in_project, project_tmp):
    """The decline of energy intensity (18) sent for 2022, 2023 and 2024 in the 2024 workbook: read as three values,
    each of its own year, none refused as a year the workbook was not made for."""
    [path] = [p for p in build_templates(weihai_in_project, 2024, "zh", project_tmp / "templates-years-back")
              if p.name == "2024-市发展改革委.xlsx"]
    plan = copy_plan(weihai_in_project.folder, project_tmp / "years-back-plan")
    book = openpyxl.load_workbook(path)
    rows = sorted((row for row in _rows(book.worksheets[0], None) if row[0].value == 18), key=lambda r: r[2].value)
    for row, value in zip(rows, (4.1, 5.2, 5.5)):
        row[3].value, row[4].value = value, "威海市统计公报"
    book.save(plan / "observations" / path.name)
    processed = project_tmp / "years-back-processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    values = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    actual = values[(values["value_type"] == "actual") & (values["indicator_id"] == 18)]
    assert actual[["year", "value"]].values.tolist() == [[2022, 4.1], [2023, 5.2], [2024, 5.5]]


def test_a_row_of_the_year_whose_locked_year_is_changed_to_an_earlier_one_is_still_told(weihai_in_project,
                                                                                         project_tmp, capsys):
    """R&D intensity's (2) 2024 row, its locked year changed to 2022, a year the same workbook asks for in a row of its
    own: its reference cells are still 2024's (its range from 2.4, three years back, not two), so it is told as a
    locked year changed, not read as a 2022 value."""
    [path] = [p for p in build_templates(weihai_in_project, 2024, "zh", project_tmp / "templates-year-changed")
              if p.name == "2024-市科技局.xlsx"]
    plan = copy_plan(weihai_in_project.folder, project_tmp / "year-changed-plan")
    book = openpyxl.load_workbook(path)
    [row] = [row for row in _rows(book.worksheets[0], 2024) if row[0].value == 2]
    row[2].value, row[3].value, row[4].value = 2022, 2.5, "威海市统计公报"
    book.save(plan / "observations" / path.name)
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(project_tmp / "year-changed")]) == 2
    # told which row takes 2022's value: each series' rows together, years in order (R&D personnel 5–7: 2022, 2023,
    # 2024), R&D intensity's 2022 row the eighth
    assert row[0].row == 10
    assert (f"2024-市科技局.xlsx:数据报送!C{row[0].row}: 年份: 年份为2022，但这一行是本工作簿为2024年列出的；"
            "锁定的单元格被改动了：请改回2024；2022年的数值请填入本表为2022年列出的第8行") in \
        capsys.readouterr().err


@pytest.mark.parametrize("earlier_filled", [False, True])
def test_a_row_of_the_year_changed_to_an_earlier_year_with_the_same_reference_cells_is_told_at_its_year(
        weihai_in_project, project_tmp, capsys, earlier_filled):
    """The high-tech firms' ratio (7) has no value after 2021, so the 2024 workbook lists it for 2024, 2022 and 2023,
    the three rows' reference cells alike (the same latest value, 2021's 86, the same targets and range). Its 2024 row,
    its locked year changed to 2023 with 88 typed in it, is still the template's row for 2024 (where the template wrote
    it): told so at its year's cell, naming the row for 2023; before, it was read as a 2023 value in silence, and with
    the real 2023 row filled too (84) the year given twice was told at that row, which was right."""
    [path] = [p for p in build_templates(weihai_in_project, 2024, "zh", project_tmp / "templates-year-alike")
              if p.name == "2024-市科技局.xlsx"]
    plan = copy_plan(weihai_in_project.folder, project_tmp / f"year-alike-plan-{earlier_filled}")
    book = openpyxl.load_workbook(path)
    rows = {row[2].value: row for row in _rows(book.worksheets[0], None) if row[0].value == 7}
    own, earlier = rows[2024], rows[2023]
    own[2].value, own[3].value, own[4].value = 2023, 88, "威海市统计公报"
    if earlier_filled:
        earlier[3].value, earlier[4].value = 84, "威海市统计公报"
    book.save(plan / "observations" / path.name)
    processed = project_tmp / f"year-alike-{earlier_filled}"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"error: {relative(plan / 'observations' / path.name)}:数据报送!C{own[0].row}: 年份: 年份为2023，"
        f"但这一行是本工作簿为2024年列出的；锁定的单元格被改动了：请改回2024；2023年的数值请填入本表为2023年列出的"
        f"第{earlier[0].row}行"]


#: What a department notes in a row it has no value for yet.
NOT_YET = "统计局尚未发布，预计6月公布"


def _national_parks(weihai_in_project, project_tmp, name: str, note: str):
    """The 2024 science bureau workbook with the national agricultural parks' share (4, 国家级) for 2024 left blank,
    its note ``note``; the workbook, its sheet, that row and the first row below the template's."""
    [path] = [p for p in build_templates(weihai_in_project, 2024, "zh", project_tmp / f"templates-{name}")
              if p.name == "2024-市科技局.xlsx"]
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    [row] = [row for row in _rows(sheet, 2024) if row[0].value == 4 and row[1].value == "国家级"]
    row[6].value = note
    return path, book, row[0].row, max(row[0].row for row in _rows(sheet, None)) + 1


def test_a_row_added_for_a_series_and_year_the_template_lists_is_told_to_go_in_its_row(weihai_in_project,
                                                                                      project_tmp, capsys):
    """The 2024 row of the national agricultural parks' share left blank with a note (统计局尚未发布), and its value,
    3.2, typed in a row added below the table (4, 国家, 2024): told at the added row's value, naming the row the
    template lists for it, in one line. Before, 3.2 was used while the data-quality log said there was no 2024 value
    yet."""
    path, book, listed, added = _national_parks(weihai_in_project, project_tmp, "added-listed", NOT_YET)
    for column, value in zip("ABCDE", (4, "国家", 2024, 3.2, "威海市统计公报")):
        book.worksheets[0][f"{column}{added}"] = value
    plan = copy_plan(weihai_in_project.folder, project_tmp / "added-listed-plan")
    book.save(plan / "observations" / path.name)
    processed = project_tmp / "added-listed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"error: {relative(plan / 'observations' / path.name)}:数据报送!D{added}: 数值: 指标4（国家级）：2024年的数值"
        f"填在了表格下方另加的一行，但本表已为它列出了一行（数据报送!D{listed}）：请把3.2填入 数据报送!D{listed}"
        "（该行备注如说暂无数值，请一并改正），再删除这一行"]


def test_a_note_of_no_value_is_not_logged_as_no_value_where_another_file_gives_one(weihai_in_project, project_tmp):
    """The workbook's row says the 2024 value is not yet published; a bulletin gives it (3.2): the data-quality log
    keeps the department's note and names the value read, never "2024年暂无数值" beside a value used."""
    path, book, listed, _ = _national_parks(weihai_in_project, project_tmp, "note-given", NOT_YET)
    plan = copy_plan(weihai_in_project.folder, project_tmp / "note-given-plan")
    book.save(plan / "observations" / path.name)
    (plan / "observations" / "2025-bulletin.csv").write_text(
        "indicator_id,series,year,value,source,source_zh\n4,national,2024,3.2,Bulletin 2025,2025年统计公报\n",
        encoding="utf-8")
    processed = project_tmp / "note-given"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    quality = pd.read_csv(processed / "weihai" / "data_quality.csv", encoding="utf-8-sig", keep_default_na=False)
    noted = quality[quality["issue"] == "no_value_note"]
    assert noted[["source_line", "detail_zh", "detail_en"]].values.tolist() == [[
        listed, f"报送部门说明2024年暂无数值：{NOT_YET}；但已从2025年统计公报（2025-bulletin.csv）读入"
        "2024年的数值3.2%",
        f"The department notes no value for 2024 yet: {NOT_YET} (original, untranslated); but 3.2% for 2024 was read "
        "from Bulletin 2025 (2025-bulletin.csv)"]]


def test_a_number_asked_about_outside_the_rows_range_is_said_to_be_so(weihai_in_project, project_tmp, capsys):
    """12.5% typed for R&D intensity's 2024 row (2.40 in 2021: its range half to twice that, 1.2 – 4.8): asked
    whether 12.5 was meant, and told in the same line that 12.5 is outside the row's range (before: the question
    alone, whose answer the checks would then ask about)."""
    [path] = [p for p in build_templates(weihai_in_project, 2024, "zh", project_tmp / "templates-meant")
              if p.name == "2024-市科技局.xlsx"]
    plan = copy_plan(weihai_in_project.folder, project_tmp / "meant-plan")
    book = openpyxl.load_workbook(path)
    [row] = [row for row in _rows(book.worksheets[0], 2024) if row[0].value == 2]
    row[3].value, row[4].value = "12.5%", "威海市统计公报"
    book.save(plan / "observations" / path.name)
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(project_tmp / "meant")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"error: {relative(plan / 'observations' / path.name)}:数据报送!D{row[0].row}: 数值: '12.5%' 不是数字"
        "（是否应为12.5？请去掉“%”，只写数字，按该指标本身的单位计：报送表在该行右侧列出了单位）；但12.5不在该行的"
        "合理范围（1.2～4.8）内：请核对数值和单位，如确实无误，请在确认列说明理由"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_prompt_is_within_excels_limits_and_says_its_row_whole(weihai_in_project, project_tmp, language):
    """Excel shows at most 255 characters of a cell's prompt and 32 of its title. Every validation of every sheet of
    every 2024 workbook stays within them, and what a prompt says of its row is whole, however long the name before
    it: a value cell's ends with its plausible range, the range its row's last column shows, said once (before:
    "Plausible: 7 – 60." in the prompt, "7 – 60 is the plausible range." in the message beside it); a words row's
    with its assessment, column K (before: the English words sheet of the development and reform commission cut
    18's at "…give the…")."""
    words = catalog(language)
    ranges = statuses = 0
    for path in build_templates(weihai_in_project, 2024, language, project_tmp / f"templates-limits-{language}"):
        for sheet in openpyxl.load_workbook(path).worksheets:
            for validation in sheet.data_validations.dataValidation:
                assert len(validation.prompt or "") <= 255 and len(validation.promptTitle or "") <= 32
                assert len(validation.error or "") <= 255 and len(validation.errorTitle or "") <= 32
                first = sheet[str(validation.sqref).split(":")[0]]
                row = sheet[first.row]
                if sheet.title == words["entry.sheet"] and first.column_letter == "D":
                    shown = row[-1].value
                    assert validation.prompt.endswith(shown + {"zh": "。", "en": "."}[language]), validation.prompt
                    assert validation.prompt.count(shown) == 1 and shown not in validation.error
                    ranges += 1
                elif sheet.title == words["entry.words.sheet"] and row[10].value and first.column_letter in "GH":
                    assert validation.prompt.endswith("\n" + row[10].value), validation.prompt
                    statuses += 1
    # 25 numeric series, none with a value of the plan period in the plan's own data: a row for each of 2022, 2023
    # and 2024; 25 rows of words asked for reasons, two cells each
    assert (ranges, statuses) == (25 * 3, 25 * 2)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_printed_values_sheet_heads_each_column_once_and_its_dates_example_whole(templates, weihai_in_project,
                                                                                   project_tmp, language):
    """Printed, the values sheet's second page repeats the columns A–C (编号, 序列, 年份) beside the reference
    columns, whose series was headed 序列 too: two columns headed alike; it now says it is B's. The publication
    date's label, 发布日期（如 2024-02-28）, wrapped in its column of 11 characters inside the date (2024-02- / 28):
    the column holds the date and its bracket, 2024-02-28）, 12 characters wide, and one of margin."""
    paths = templates if language == "zh" else build_templates(weihai_in_project, YEAR, "en",
                                                               project_tmp / "templates-print-en")
    sheet = _sheet(next(p for p in paths if p.name.startswith(f"{YEAR}-市发展改革委")
                        or p.name.startswith(f"{YEAR}-Municipal Development and Reform")))
    labels = [cell.value for cell in sheet[3] if cell.value]
    assert len(labels) == len(set(labels)), labels
    assert sheet["M3"].value == {"zh": "序列（同 B 列）", "en": "Series (as in B)"}[language]
    published = next(cell for cell in sheet[4] if cell.value == "published")
    assert sheet.column_dimensions[published.column_letter].width >= len("2024-02-28）") + 1


@pytest.mark.parametrize(("language", "unchanged", "refused"), [
    ("en", "unchanged {path}",
     "error: {path}: already written, and this run would write it otherwise (its inputs, or the day, changed): the "
     "workbooks in {folder} are the ones sent out, which a returned workbook's cells are copied back from, so none "
     "is written over; move the folder aside and run again, or run again with --force (make templates FORCE=1) to "
     "write over them"),
    ("zh", "未改动：{path}",
     "error: {path}: 已写入过，本次运行写出的内容与之不同（输入或日期有变）：{folder}中的工作簿是下发的版本，"
     "退回的工作簿改动的单元格要按它改回，因此不予覆盖；请将该文件夹移走后重新运行，或加 --force"
     "（make templates FORCE=1）重新运行以覆盖"),
])
def test_a_workbook_as_sent_is_not_written_over_without_force(project_tmp, capsys, language, unchanged, refused):
    """A second run leaves a workbook it would write alike as it is, and says so; one that differs (its title changed
    here, as a later day's or a changed plan's would) is the copy sent out: refused in one line, written with
    --force. It was written over in silence."""
    from tests.conftest import LAKESIDE_DIR

    out = project_tmp / f"templates-again-{language}"
    command = ["templates", "--plan", relative(LAKESIDE_DIR), "--lang", language, "--output-dir", relative(out)]
    assert cli.main(command) == 0
    [path] = (out / "lakeside").glob("*/*.xlsx")
    shown, folder = relative(path), relative(path.parent)
    capsys.readouterr()
    assert cli.main(command) == 0
    assert capsys.readouterr().out.splitlines()[0] == unchanged.format(path=shown)
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["A1"] = "as sent"
    book.save(path)
    sent = path.read_bytes()
    assert cli.main(command) == 2
    assert capsys.readouterr().err.splitlines() == [refused.format(path=shown, folder=folder)]
    assert path.read_bytes() == sent
    assert cli.main([*command, "--force"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == ("wrote " if language == "en" else "已写入 ") + shown
    assert openpyxl.load_workbook(path).worksheets[0]["A1"].value != "as sent"
    shutil.rmtree(out)
