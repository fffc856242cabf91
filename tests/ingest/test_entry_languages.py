"""A data-entry workbook read back as its person wrote it: a header row of the template's labels in either language,
and the errors its person can fix told in the template's language (its analysis_language property)."""
from __future__ import annotations

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Font, PatternFill

from analysis.errors import InputError
from analysis.ingest import department_words
from analysis.ingest.observations import REQUIRED_COLUMNS, TEXT_KINDS, WORKBOOK_OPTIONAL_COLUMNS
from analysis.ingest.xlsx_reader import LANGUAGE_PROPERTY, read_workbook

MACHINE = ["indicator_id", "series", "year", "value", "source", "note", "confirm"]
LABELS_ZH = ["编号", "序列", "年份", "数值", "数据来源", "备注", "确认（数值偏离较大时说明理由）"]
LABELS_EN = ["No.", "Series", "Year", "Value", "Source", "Note", "Confirm (why a value far off is right)"]
REFERENCE_ZH = [None, "指标名称", "序列", "单位"]
ROW = [2, None, 2023, 2.61, "2023年统计公报", None, None, None, "全社会R&D经费支出占地区GDP比重（%）", None, "%"]


def _workbook(path, rows, language=None, year=None, sheet="数据报送"):
    """A workbook of ``rows`` on one sheet; ``language`` and ``year`` recorded as a template records them."""
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    if language is not None:
        book.custom_doc_props.append(StringProperty(name=LANGUAGE_PROPERTY, value=language))
    if year is not None:
        book.custom_doc_props.append(IntProperty(name="analysis_year", value=year))
    book.save(path)
    return path


def _read(path):
    return read_workbook(path, REQUIRED_COLUMNS, WORKBOOK_OPTIONAL_COLUMNS, text_kinds=TEXT_KINDS)


def test_the_language_property_is_the_one_the_templates_write():
    assert LANGUAGE_PROPERTY == department_words.LANGUAGE_PROPERTY == "analysis_language"


@pytest.mark.parametrize("header", [
    LABELS_ZH, LABELS_EN,
    ["编号", "序列", "年份", "数值", "数据来源", "备注", "确认", "发布日期", "初步数"],  # the words before a bracket
    ["NO.", " series ", "年份", "Value", "数据来源", "note", "confirm (why a value  far off is right)",
     "Published (e.g. 2024-02-28)", "初步数（是则填“是”）"],  # any case, any spacing, both languages mixed
    # the publication date's label as a 2025 template writes it, its example in 2026
    ["编号", "序列", "年份", "数值", "数据来源", "备注", "确认", "发布日期（如2026-02-28）", "初步数"],
    ["No.", "Series", "Year", "Value", "Source", "Note", "Confirm", "Published (e.g. 2026-02-28)", "Preliminary"],
])
def test_a_header_row_of_the_templates_labels_names_the_columns(tmp_path, header):
    path = _workbook(tmp_path / "a.xlsx", [header, [4, "国家级", 2023, 3.1, "园区年报", "初步", None, None, None]])
    [sheet] = _read(path).sheets
    assert list(sheet.frame.columns) == [*REQUIRED_COLUMNS, *WORKBOOK_OPTIONAL_COLUMNS, "csv_line"]
    assert sheet.frame[["indicator_id", "series", "year", "value", "source"]].values.tolist() == [
        ["4", "国家级", "2023", "3.1", "园区年报"]]
    assert sheet.cell(2, "value") == "数据报送!D2"


@pytest.mark.parametrize(("header", "first"), [
    (MACHINE, 5),     # as the template wrote it
    (LABELS_ZH, 5),   # the names typed over with the labels above them
    (None, 4),        # the row of names deleted: the labels are the header, their reference labels beside them
])
def test_a_template_whose_row_of_names_was_typed_over_or_deleted_is_read(tmp_path, header, first):
    rows = [["市科技局：2023年数据报送表"], ["请在黄色单元格中填写"], LABELS_ZH + REFERENCE_ZH]
    rows += [header] if header else []
    rows += [ROW]
    [sheet] = _read(_workbook(tmp_path / "a.xlsx", rows, "zh", 2023)).sheets
    assert sheet.frame[["indicator_id", "year", "value", "csv_line"]].values.tolist() == [["2", "2023", "2.61", first]]
    assert sheet.beside == {first: (f"数据报送!I{first}", "全社会R&D经费支出占地区GDP比重（%）")}


# What the person filling the sheet can fix, told in the template's language: a sheet of the template's layout (the
# labels in row 3, the names in row 4, a row in row 5), changed as described.
def _hidden_row(sheet):
    sheet.row_dimensions[5].hidden = True


def _hidden_column(sheet):
    sheet["F5"] = "初步"
    sheet.column_dimensions["F"].hidden = True


def _zero_for_none(sheet):
    sheet["D5"], sheet["E5"], sheet["F5"] = 0, None, "统计局尚未发布，预计6月公布"


def _totals(sheet):
    sheet.append(["合计", None, None, 62.5])


def _merged(sheet):
    sheet.append([3, None, 2023, None, "公报"])
    sheet.merge_cells("D5:D6")


def _merged_across(sheet):
    sheet.merge_cells("D5:E5")  # the value and its source: one row's cells, not several rows


def _formula(sheet):
    sheet["D5"] = "=2.5+0.11"


def _formula_note(sheet):
    sheet["F5"] = "=A1"


def _footnote(sheet):
    sheet["F7"] = "注：以上数据均为初步数"


def _signature(sheet):
    sheet["A7"] = "填表人：李四"


def _signature_under_the_year(sheet):
    sheet["C7"] = "审核人：王五"


def _percentage(sheet):
    sheet["D5"].value = 0.0261
    sheet["D5"].number_format = "0.00%"


def _struck(sheet):
    sheet["D5"].font = Font(strike=True)


def _struck_source(sheet):
    sheet["E5"].font = Font(strike=True)


def _white(sheet):
    sheet["D5"].font = Font(color="FFFFFFFF")


def _faint(sheet):  # white on the template's pale yellow input fill: 1.07:1
    sheet["D5"].font = Font(color="FFFFFFFF")
    sheet["D5"].fill = PatternFill("solid", fgColor="FFFFF9C4")


def _comment(sheet):
    sheet["D5"].comment = Comment("初步数", "clerk")


def _hides(sheet):
    sheet["D5"].number_format = ";;;"


def _source_without_value(sheet):
    sheet["D5"] = None


def _unread(sheet):
    sheet["H5"] = "另见附件"  # the empty column between the inputs and the name


def _value_renamed(sheet):
    sheet["D4"] = "2023年数值"  # the value's name typed over with what the column holds


def _missing_source(sheet):
    sheet.delete_cols(5, 3)


def _unexpected(sheet):
    sheet["F4"] = "单位"  # the row of names, a column renamed


def _hidden_space(sheet):
    sheet["E5"] = "2023年\u200b统计公报"  # a zero-width space pasted from a web page


CASES = {
    "hidden row": (
        _hidden_row,
        "数据报送!D5: 数值: 第5行被隐藏，但填有数值，核对表格的人看不到：请取消隐藏该行，或将其删除",
        "'Data entry'!D5: value: row 5 is hidden but holds a value, which the person who checks the sheet does not "
        "see: show the row, or delete it"),
    "hidden column": (
        _hidden_column,
        "数据报送!F5: 备注: F 列被隐藏，但该行在其中填有内容，"
        "核对表格的人看不到：请取消隐藏该列",
        "'Data entry'!F5: note: column F is hidden but holds what this row gives, which the person who "
        "checks the sheet does not see: show the column"),
    "merged": (
        _merged,
        "数据报送!D5:D6: 数值: 是合并单元格（D5:D6）：一个数值显示一次，却代表了多行；"
        "请取消合并，每行填写各自的数值",
        "'Data entry'!D5:D6: value: is a merged cell (D5:D6): a value shown once stands for several rows; unmerge it "
        "and give each row its own value"),
    "merged_across": (
        _merged_across,
        "数据报送!D5:E5: 是跨列合并的单元格（D5:E5）：合并后只有第一格保留内容，其余各列读作空白；"
        "请取消合并，每格填写各自的内容",
        "'Data entry'!D5:E5: is a cell merged across columns (D5:E5): only its first cell keeps what it holds, the "
        "others read as empty; unmerge it and give each cell its own content"),
    # 0 typed for "no value yet", its note saying so: told about the 0, not first about its missing source
    "zero for none": (
        _zero_for_none,
        "数据报送!D5: 数值: 填了0，但备注说明暂无数值：尚无数值时请把数值单元格留空（0会被当作一个数值），"
        "备注保留即可",
        "'Data entry'!D5: value: 0, but the note says there is no value yet: leave the value cell empty until there is "
        "one (0 is read as a value); keep the note"),
    # a totals row under the series: one line for the row (not 编号 not a whole number, 年份 and 数据来源 empty)
    "totals row": (
        _totals,
        "数据报送!A6: 第6行是合计行（合计）：报送表只收逐项数值，合计不读入，请删去此行",
        "'Data entry'!A6: row 6 is a totals row (合计): the sheet takes each series' own value, a total is not read; "
        "delete the row"),
    "formula": (
        _formula,
        "数据报送!D5: 数值: 是公式（'=2.5+0.11'）；公式不会被计算：请直接输入数字（或以“值”的方式粘贴）",
        "'Data entry'!D5: value: is a formula ('=2.5+0.11'); type the number itself (or paste it as a value): "
        "formulas are not evaluated"),
    # a formula where words go (the note) is told to be typed as words, never "type the number"
    "formula in a note": (
        _formula_note,
        "数据报送!F5: 备注: 是公式（'=A1'）；公式不会被计算：请直接输入文字（或以“值”的方式粘贴）",
        "'Data entry'!F5: note: is a formula ('=A1'); type the words themselves (or paste them as values): "
        "formulas are not evaluated"),
    # words under the table, on a row of no series: one line on the row, never "编号: 为空" and "年份: 为空"; nor
    # passed over in silence (a signature where the number goes)
    "footnote": (
        _footnote,
        "数据报送!F7: 第7行不属于任何指标（'注：以上数据均为初步数'）：说明某个数值的，请写进该数值所在行的备注；"
        "说明整张表或填表人等信息的，请在报送时另行说明；请删去此行的内容",
        "'Data entry'!F7: row 7 holds words on no series ('注：以上数据均为初步数'): a note on one value goes in the "
        "note of that value's row, a note on the whole sheet goes with the file when it is sent; delete it here"),
    "signature": (
        _signature,
        "数据报送!A7: 第7行不属于任何指标（'填表人：李四'）：说明某个数值的，请写进该数值所在行的备注；"
        "说明整张表或填表人等信息的，请在报送时另行说明；请删去此行的内容",
        "'Data entry'!A7: row 7 holds words on no series ('填表人：李四'): a note on one value goes in the "
        "note of that value's row, a note on the whole sheet goes with the file when it is sent; delete it here"),
    # in a column no one fills by hand (年份): told all the same
    "signature under the year": (
        _signature_under_the_year,
        "数据报送!C7: 第7行不属于任何指标（'审核人：王五'）：说明某个数值的，请写进该数值所在行的备注；"
        "说明整张表或填表人等信息的，请在报送时另行说明；请删去此行的内容",
        "'Data entry'!C7: row 7 holds words on no series ('审核人：王五'): a note on one value goes in the "
        "note of that value's row, a note on the whole sheet goes with the file when it is sent; delete it here"),
    "percentage": (
        _percentage,
        "数据报送!D5: 数值: 是百分比格式的单元格（显示为2.61%的数，Excel 保存为0.0261）；"
        "数值按指标的单位填写：请输入不带 % 的数字，并取消该单元格的百分比格式",
        "'Data entry'!D5: value: a percentage cell (Excel keeps what it shows as 2.61% as 0.0261); values are in "
        "the indicator's unit: type the number without %, in a cell without the percentage format"),
    "struck": (
        _struck,
        "数据报送!D5: 数值: 带有删除线：划掉的数值不是数值；请删除它，如数值有效，请去掉删除线",
        "'Data entry'!D5: value: is struck through: a value crossed out is not a value; delete it, or remove the "
        "strike if it stands"),
    # a source struck is a source, not a value: the message says which
    "struck source": (
        _struck_source,
        "数据报送!E5: 数据来源: 带有删除线：划掉的数据来源不会被读取；请删除它，如该数据来源有效，请去掉删除线",
        "'Data entry'!E5: source: is struck through: a source crossed out is not read; delete it, or remove the strike "
        "if it stands"),
    "white": (
        _white,
        "数据报送!D5: 数值: 是白底上的白色文字，核对表格的人看不到：请改用深色字体",
        "'Data entry'!D5: value: is written in white on white, so the person who checks the sheet does not see it: "
        "give it a dark font"),
    "faint": (
        _faint,
        "数据报送!D5: 数值: 文字颜色 #FFFFFF 与底色 #FFF9C4 几乎相同，核对表格的人看不到：请改用深色字体",
        "'Data entry'!D5: value: is written in #FFFFFF on #FFF9C4, which hides it from the person who checks the "
        "sheet: give it a dark font"),
    "comment": (
        _comment,
        "数据报送!D5: 数值: 带有批注（'初步数'），批注不会被读取："
        "请把其内容写进该行的备注（或确认）列，并删除批注",
        "'Data entry'!D5: value: has a comment ('初步数'), which is not read: put what it says in the row's note "
        "(or confirm), and delete the comment"),
    "format hides": (
        _hides,
        "数据报送!D5: 数值: 其数字格式（';;;'）不显示任何内容，核对表格的人看不到这个数值："
        "请把单元格格式设为“常规”",
        "'Data entry'!D5: value: its format (';;;') shows nothing, so the person who checks the sheet does not see "
        "the value: give the cell the General format"),
    "source without value": (
        _source_without_value,
        "数据报送!D5: 数值: 为空，但该行在 E5 填写了数据来源（source）："
        "请在此单元格中填写数值；如暂无数值，请清空该行",
        "'Data entry'!D5: value: empty, but the row gives its source (E5): type the value in this cell, or clear "
        "the row if there is none yet"),
    "unread": (
        _unread,
        "数据报送!H5: 在没有表头的列中填写了 '另见附件'，这些内容不会被读取："
        "请写进该行的备注，或把每个表格放在单独的工作表中",
        "'Data entry'!H5: holds '另见附件' in a column without a header, which is not read: move it into the row's "
        "note, or give each table its own sheet"),
    "missing column": (
        _missing_source,
        "数据报送!A4: 表头: 表头缺少列：数据来源（source）；"
        "现在的表头为 indicator_id、series、year、value",
        "'Data entry'!A4: header: missing column(s) source; the header is indicator_id, series, year, value"),
    # note's name typed over under its label: one line at the cell, the column it stands for named (not a column
    # missing at A4 and an unknown one at F4)
    "column renamed under its label": (
        _unexpected,
        "数据报送!F4: 表头: 表头单元格被改成了 单位，无法识别：其上方的标签表明该列为 备注（note），请改回 "
        "备注（note）",
        "'Data entry'!F4: header: the header cell reads 单位, which names no column: the label above it says the "
        "column is note; type note back"),
    "value renamed under its label": (
        _value_renamed,
        "数据报送!D4: 表头: 表头单元格被改成了2023年数值，无法识别：其上方的标签表明该列为 数值（value），请改回 "
        "数值（value）",
        "'Data entry'!D4: header: the header cell reads 2023年数值, which names no column: the label above it says the "
        "column is value; type value back"),
    "zero-width space": (
        _hidden_space,
        "数据报送!E5: 数据来源: 第6个字符是不可见字符 U+200B（zero width space），会改变文字的显示方式，"
        "或藏在文字中不易察觉：请删除该字符",
        "'Data entry'!E5: source: contains the invisible character U+200B (zero width space) at character 6 (it "
        "changes how the text shows, or hides in it); remove it"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("language", ["zh", "en", None])
def test_what_the_person_can_fix_is_told_in_the_templates_language(tmp_path, case, language):
    change, chinese, english = CASES[case]
    sheet_name = "数据报送" if language == "zh" else "Data entry"
    path = _workbook(tmp_path / "b.xlsx", [["title"], ["instructions"], LABELS_ZH if language == "zh" else LABELS_EN,
                                           MACHINE, ROW[:7]], language, sheet=sheet_name)
    book = openpyxl.load_workbook(path)
    change(book.active)
    book.save(path)
    with pytest.raises(InputError) as caught:
        _read(path)
    expected = chinese if language == "zh" else english  # no language recorded: English, as before
    assert str(caught.value) == f"{path}:{expected}"


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "找不到表头：需要前20行中以编号（indicator_id）、序列（series）、年份（year）、数值（value）、"
           "数据来源（source）开头的一行，与下发的报送表相同（'数据报送'中没有）"),
    ("en", "no header row: a row starting with indicator_id, series, year, value, source within the first 20 rows is "
           "needed, as the workbook sent to you has ('数据报送' has none)"),
])
def test_a_sheet_without_a_header_row_is_told_in_the_templates_language(tmp_path, language, expected):
    path = _workbook(tmp_path / "c.xlsx", [["title"], ["序号", "指标", "数值"], [1, "研发人员数", 24300]], language)
    with pytest.raises(InputError) as caught:
        _read(path)
    assert str(caught.value) == f"{path}: {expected}"


@pytest.mark.parametrize(("header", "expected"), [
    # a workbook of one's own (no template's language recorded) headed in Chinese is told in Chinese, its columns by
    # their labels; one headed with the columns' own names in English, as before
    (["编号", "序列", "年份", "数值", "数据来源"], "Sheet1!D2: 数值: '约2.6' 不是数字"),
    (["indicator_id", "series", "year", "value", "source"], "Sheet1!D2: value: '约2.6' is not a number"),
])
def test_a_workbook_of_ones_own_is_told_in_its_headers_language(weihai, tmp_path, header, expected):
    from analysis.clean.observations import check_observations
    from analysis.clean.tidy import clean_plan_table
    from analysis.ingest.observations import read_observation_files
    from analysis.ingest.plan_inputs import load_plan_inputs

    folder = tmp_path / "observations"
    folder.mkdir()
    path = _workbook(folder / "own.xlsx", [header, [2, None, 2023, "约2.6", "公报"]], sheet="Sheet1")
    clean = clean_plan_table(load_plan_inputs(weihai))
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean.indicators, weihai, clean.values)
    assert str(caught.value).startswith(f"{path}:{expected}")


def test_a_merged_cell_is_told_with_the_sheets_other_mistakes(tmp_path):
    # a merged cell stopped the reading of its sheet: the other rows' mistakes waited for a second round
    path = _workbook(tmp_path / "m.xlsx", [["title"], ["instructions"], LABELS_ZH, MACHINE, ROW[:7],
                                           [3, None, 2023, 41, "公报"], [4, "国家级", 2023, None, "公报"],
                                           [6, None, 2023, 20, "公\u200b报"]], "zh")
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("D6:D7")
    book.save(path)
    with pytest.raises(InputError) as caught:
        _read(path)
    lines = [line.replace(f"{path}:", "") for line in str(caught.value).splitlines()]
    assert lines[0].startswith("数据报送!D6:D7: 数值: 是合并单元格（D6:D7）")
    assert lines[1].startswith("数据报送!E8: 数据来源: 第2个字符是不可见字符 U+200B")
    assert len(lines) == 2  # the merged rows themselves are not read (never a second error about D7)


# Worked by hand with WCAG 2's formula: FFF9C4 has luminance 0.930, so white on it is 1.05 / 0.980 = 1.07:1; D9D9D9
# 0.694, on white 1.41:1; 999999 0.319, on white 2.85:1. A theme's colour (no ARGB) is not judged.
@pytest.mark.parametrize(("font", "fill", "faint"), [
    ("FFFFFFFF", "FFFFF9C4", True), ("FFD9D9D9", "FFFFFFFF", True), ("FFFFFF00", "FFFFFFFF", True),
    ("FF999999", "FFFFFFFF", False), ("FF000000", "FFFFF9C4", False), (None, "FFFFF9C4", False),
])
def test_a_font_too_like_its_fill_is_as_good_as_unseen(font, fill, faint):
    from analysis.ingest.xlsx_reader import _faint

    assert _faint(font, fill) is faint


@pytest.mark.parametrize(("name", "expected"), [
    ("a.csv", "a.csv:1: empty file: expected a header row with indicator_id, series, year, value, source"),
    # no header to tell the language by: the name's (a clerk's 空文件.csv, in Chinese)
    ("空文件.csv", "空文件.csv:1: 文件为空：第一行应为表头，含 indicator_id、series、year、value、source"),
])
def test_an_empty_csv_is_told_in_its_names_language(tmp_path, name, expected):
    from analysis.ingest.observations import read_observation_files

    (tmp_path / name).write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_observation_files(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path}/{expected}")
