"""The departments' workbooks the whole way, in both languages: a template of ``make templates``, filled as a clerk
fills it, read back. The values sheet's errors a clerk can fix are told in the template's language; the template's
own labels are read back, as a header row (the row of names deleted, or typed over) and as series (国家级, 省级).

The Weihai plan without observations: R&D personnel (1, a count) was 23,000 in 2021 (plan text line 83), R&D
intensity (2) is a share. The science bureau's workbook for 2023 gives each of its fifteen series a row for 2022, a
year of the plan period with no value yet, then one for 2023: R&D personnel's 2023 row is row 6 (2022's row 5), R&D
intensity's row 8, the national and provincial series of indicator 4 rows 12 and 14; row 35 is the first below the
template's rows.
"""
from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest

from analysis import cli
from analysis.clean.observations import check_observations
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError, error_lines
from analysis.ingest.observations import read_observation_files
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.publish.templates import build_templates
from tests.conftest import copy_plan, relative

YEAR = 2023
SCIENCE = {"zh": "市科技局", "en": "Municipal Science and Technology Bureau"}
SHEET = {"zh": "数据报送", "en": "'Data entry'"}


@pytest.fixture(scope="module")
def science(weihai_in_project, project_tmp):
    """The science bureau's template in each language."""
    return {language: next(path for path in build_templates(weihai_in_project, YEAR, language,
                                                            project_tmp / f"language-templates-{language}")
                           if path.name == f"{YEAR}-{SCIENCE[language]}.xlsx") for language in ("zh", "en")}


@pytest.fixture(scope="module")
def clean(weihai_in_project):
    return clean_plan_table(load_plan_inputs(weihai_in_project))


def _filled(template, folder, cells: dict, delete_row: int | None = None):
    """The template with ``cells`` ({"D5": 24300}) filled, saved into ``folder`` under its own name."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    for cell, value in cells.items():
        sheet[cell] = value
    if delete_row is not None:
        sheet.delete_rows(delete_row)
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / template.name)
    return folder / template.name


CASES = {
    "not a number": ({"D8": "2,61", "E8": "统计公报"},
                     "D8: 数值: '2,61' 不是数字（是否应为2.61？小数点请用“.”）",
                     "D8: Value: '2,61' is not a number (did you mean 2.61? use a point for decimals)"),
    # a thousands separator typed with a Chinese input method (a full-width comma), and the unit typed in
    "a full-width thousands separator": ({"D6": "24，300", "E6": "统计公报"},
                                         "D6: 数值: '24，300' 不是数字（是否应为24300？请去掉千位分隔符）",
                                         "D6: Value: '24，300' is not a number (did you mean 24300? leave out the "
                                         "thousands separators)"),
    # the value typed with a Chinese input method's full-width digits: the number meant said, as for a separator
    "full-width digits": ({"D6": "２４３００", "E6": "统计公报"},
                          "D6: 数值: '２４３００' 不是数字（是否应为24300？这是全角数字（中文输入法下输入）："
                          "请改用半角数字重新输入）",
                          "D6: Value: '２４３００' is not a number (did you mean 24300? the digits are full-width, "
                          "as a Chinese input method types them: type them again as half-width digits)"),
    "a unit typed in": ({"D6": "24300人", "E6": "统计公报"},
                        "D6: 数值: '24300人' 不是数字（请去掉“人”，只写数字，按该指标本身的单位计：报送表在该行右侧"
                        "列出了单位）",
                        "D6: Value: '24300人' is not a number (leave out '人' and write the number alone, in the "
                        "indicator's own unit, which a data-entry workbook lists beside the row)"),
    # R&D intensity (row 8, unit %) typed with its % sign as text: the number meant, the sign left out (before: the
    # general advice, "write plain digits with a decimal point, no thousands separators, units or % signs")
    "a percent sign typed in": ({"D8": "2.65%", "E8": "统计公报"},
                                "D8: 数值: '2.65%' 不是数字（是否应为2.65？请去掉“%”，只写数字，按该指标本身的单位计："
                                "报送表在该行右侧列出了单位）",
                                "D8: Value: '2.65%' is not a number (did you mean 2.65? leave out the % sign and write "
                                "the number alone, in the indicator's own unit, which a data-entry workbook lists "
                                "beside the row)"),
    # a mark for no data, without a source: told once, at the value, which says what to do (no source asked for)
    "a mark for no data": ({"D6": "无"},
                           "D6: 数值: '无' 不是数字（这是表示无数据的符号：请清空数值单元格，并在备注中写明原因，"
                           "如“统计局尚未发布”，无需填写数据来源）",
                           "D6: Value: '无' is not a number (a mark for no data: clear the value cell and say why in "
                           "the note, such as 'not yet published', with no source needed)"),
    "far off its series": ({"D6": 90000, "E6": "统计公报"},
                           "D6: 数值: 90,000是上一个值23,000（2021年，方案所列）"
                           "的3.9倍；如90,000无误，请在该行的“确认”列说明理由",
                           "D6: Value: 90,000 is 3.9 times the previous value 23,000 (2021, as the plan prints it); "
                           "if 90,000 is right, say why in the row's Confirm "
                           "column"),
    "negative": ({"D8": -2.61, "E8": "统计公报"}, "D8: 数值: −2.61是负数；比重不能为负",
                 "D8: Value: −2.61 is negative; a share cannot be negative"),
    "not the workbook's year": ({"C6": 2024, "D6": 24300, "E6": "统计公报"},
                                "C6: 年份: 年份为2024，但本工作簿是为2023年生成的；锁定的单元格被改动了："
                                "请改回2023；如要报送2024年的数值，请向评估牵头单位索取2024年的报送表",
                                "C6: Year: year 2024, but the workbook was made for 2023; its locked cells were "
                                "changed: type 2023 back; for 2024's values, ask the office that sent it for a "
                                "workbook for 2024"),
    # 国家 is read as 国家级 (a short form the series' names invite): a series no label or short form names
    "no such series": ({"B12": "市级", "D12": 3.1, "E12": "园区年报"},
                       "B12: 序列: 指标4没有序列 '市级'；请填写 '国家级'、'省级'",
                       "B12: Series: indicator 4 has no series '市级'; use 'national', 'provincial'"),
    # a cell that names both series is no short form of either: one line, at the cell, saying why
    "both series": ({"B12": "国家/省", "D12": 3.1, "E12": "园区年报"},
                    "B12: 序列: '国家/省' 同时指指标4的两个序列：每行只填一个序列，请分行填写 '国家级'、'省级'",
                    "B12: Series: '国家/省' names both of indicator 4's series: a row gives one; write 'national', "
                    "'provincial', one row each"),
    "no source": ({"D6": 24300}, "E6: 数据来源: 为空：请写明数值出自哪一份资料",
                  "E6: Source: empty: say which publication the value comes from"),
    # the English name alone (英文数据来源 F6): told it was seen, the publication's own name asked for in E6
    # (before: "E6: 数据来源: 为空：请写明数值出自哪一份资料", as if no source had been given)
    "an English source alone": ({"D6": 24300, "F6": "Weihai Statistical Bulletin 2023"},
                                "E6: 数据来源: 为空，只在英文数据来源中填写了 'Weihai Statistical Bulletin 2023'："
                                "请在此填写该资料本身的名称（中文资料写中文名称），英文数据来源只填其英文名称",
                                "E6: Source: empty, though the source in English gives 'Weihai Statistical Bulletin "
                                "2023': write the publication's own name here (a Chinese publication's Chinese name); "
                                "the source in English holds its English name only"),
    # 24300 after 23150 (2021): not far off, so the confirm cell needs nothing, least of all 'ok'
    "no reason": ({"D6": 24300, "E6": "统计公报", "H6": "ok"},
                  "H6: 确认: 'ok' 不是理由；24,300与该序列此前的数值相差不大，无需确认：请将该单元格留空",
                  "H6: Confirm: 'ok' is no reason, and 24,300 is not far off its series, so it needs none: leave the "
                  "cell empty"),
    # far off and 'ok': one round says both, and asks for a reason (before: 'no reason' first, 'far off' after)
    "far off, no reason": ({"D6": 90000, "E6": "统计公报", "H6": "ok"},
                           "H6: 确认: 90,000是上一个值23,000（2021年，方案所列）的3.9倍；'ok' 不是理由：如90,000"
                           "无误，请用文字说明原因（例如：统计口径调整，见公报注释）",
                           "H6: Confirm: 90,000 is 3.9 times the previous value 23,000 (2021, as the plan prints it); "
                           "'ok' is no reason: if 90,000 is right, say in "
                           "words why (for example 统计口径调整，见公报注释 or 'the survey method changed in 2023, see "
                           "the bulletin's note')"),
    # far off and 已核实 ("verified"): a bare confirmation, no more a reason than 'ok' is
    "far off, only confirmed": ({"D6": 90000, "E6": "统计公报", "H6": "已核实"},
                                "H6: 确认: 90,000是上一个值23,000（2021年，方案所列）的3.9倍；'已核实' 不是理由："
                                "如90,000无误，请用文字说明原因（例如：统计口径调整，见公报注释）",
                                "H6: Confirm: 90,000 is 3.9 times the previous value 23,000 (2021, as the plan prints "
                                "it); '已核实' is no reason: if 90,000 is right, say in words why (for example "
                                "统计口径调整，见公报注释 or 'the survey method changed in 2023, see the bulletin's "
                                "note')"),
    # The Weihai plan numbers its indicators 1–26 and has values from its base year 2020 to 2030.
    "no such indicator": ({"A6": 99, "D6": 24300, "E6": "统计公报"},
                          "A6: 编号: 方案中没有编号为99的指标（指标编号为1–26）",
                          "A6: No.: unknown indicator 99 (the plan has 1–26)"),
    "the same year twice": ({"D12": 3.1, "E12": "园区年报", "A35": 4, "B35": "national", "C35": YEAR, "D35": 3.2,
                             "E35": "园区年报"},  # a row added below the template's, repeating row 12
                            # two values for the year (3.1, 3.2): both rows named, with their values
                            "C35: 年份: 指标4（国家级）：2023年在本文件中填写了两个不同的数值：单元格 数据报送!D12 为"
                            "3.1，单元格 数据报送!D35 为3.2：请核对后保留数值正确的一行，删去另一行",
                            "C35: Year: indicator 4 national year 2023 is given twice in this file with different "
                            "values: 3.1 at 'Data entry'!D12, 3.2 at 'Data entry'!D35: keep the row with the right "
                            "value and delete the other"),
    "a zero-width space": ({"D6": 24300, "E6": "统计\u200b公报"},  # pasted from a web page
                           "E6: 数据来源: 第3个字符是不可见字符 U+200B（zero width space），会改变文字的显示方式，"
                           "或藏在文字中不易察觉：请删除该字符",
                           "E6: Source: contains the invisible character U+200B (zero width space) at character 3 "
                           "(it changes how the text shows, or hides in it); remove it"),
    # the source's English name is text checked as the source is, named by its own label
    "a zero-width space in the English name": ({"D6": 24300, "E6": "统计公报", "F6": "Weihai\u200b bulletin"},
                                               "F6: 英文数据来源: 第7个字符是不可见字符 U+200B（zero width space），"
                                               "会改变文字的显示方式，或藏在文字中不易察觉：请删除该字符",
                                               "F6: Source in English: contains the invisible character U+200B (zero "
                                               "width space) at character 7 (it changes how the text shows, or hides "
                                               "in it); remove it"),
    # a value for 2023 published in 2022: a slip (the year before typed), refused, never stored without a word
    "published before its year": ({"D6": 24300, "E6": "统计公报", "I6": "2022-03-01"},
                                  "I6: 发布日期: 2022-03-01早于数值所属年份（2023年）：2023年的数值不会在2023年之前"
                                  "发布；请填写该数值发布的日期",
                                  "I6: Published: 2022-03-01 is before the value's year (2023): a value for 2023 is "
                                  "not published before 2023; write the day this value was published"),
    # the locked year changed, to a year outside the plan: told as the locked cell it is, not as a year to report
    # (before: "年份 2031 不在可填报的范围内（2020—2030年）", no word of the locked cell; 2024 was told it)
    "a year outside the plan": ({"C6": 2031, "D6": 24300, "E6": "统计公报"},
                                "C6: 年份: 年份为2031，但本工作簿是为2023年生成的；锁定的单元格被改动了：请改回2023"
                                "（2031年不在可填报的范围内，2020—2030年）",
                                "C6: Year: year 2031, but the workbook was made for 2023; its locked cells were "
                                "changed: type 2023 back (2031 is outside the years to report, 2020–2030)"),
    "a locked year changed to one before the plan": (
        {"C6": 2019, "D6": 24300, "E6": "统计公报"},
        "C6: 年份: 年份为2019，但本工作簿是为2023年生成的；锁定的单元格被改动了：请改回2023（2019年不在可填报的"
        "范围内，2020—2030年）",
        "C6: Year: year 2019, but the workbook was made for 2023; its locked cells were changed: type 2023 back (2019 "
        "is outside the years to report, 2020–2030)"),
    # a row added below the template's for next year's value: no locked cell was changed (before: told it was)
    "a row added for another year": ({"A35": 1, "C35": 2024, "D35": 24300, "E35": "统计公报"},
                                     "C35: 年份: 年份为2024，但本工作簿是为2023年生成的；这一行是在模板所列各行之外"
                                     "添加的：请删除这一行；2024年的数值请填入2024年的报送表（请向评估牵头单位索取）",
                                     "C35: Year: year 2024, but the workbook was made for 2023; this row was added "
                                     "below the template's rows: delete it; a value for 2024 goes in the workbook for "
                                     "2024 (ask the office that sent this one for it)"),
    # 24300 typed over the "2023 value on file" (Q6, a reference cell nothing reads; D6 left empty): refused, never
    # lost without a word; the cell named with what the template wrote there (nothing: no 2023 value was on file),
    # and where the value goes
    "a value over the value on file": ({"Q6": 24300},
                                       "Q6: 这一单元格是模板列出的参考信息（名称、单位、最新值、目标、合理范围），"
                                       "不会被读取，却被改动过：原为空，现为 '24300'；请改回模板原来的内容，"
                                       "数值请填在 D6（已填写的数值不受影响）",
                                       "Q6: this cell shows the template's reference (name, unit, latest value, "
                                       "targets, range) and is not read, but was changed: it was empty, now '24300'; "
                                       "put back what the template wrote; a value goes in D6 (the values typed stay)"),
    # the latest known value (O6: 23,000, 2021, as the plan prints it) and the 2024 target (S6: 24,500) typed over:
    # each named with the number the template wrote, to type back
    "the reference numbers changed": ({"O6": 23500, "S6": 26000},
                                      "L6:T6: 模板列出的参考信息（名称、单位、最新值、目标、合理范围）不会被读取，"
                                      "却被改动过：O6 原为23000，现为 '23500'；S6 原为24500，现为 '26000'；请改回模板"
                                      "原来的内容，数值请填在 D6（已填写的数值不受影响）",
                                      "L6:T6: the template's reference cells (name, unit, latest value, targets, "
                                      "range) are not read, but were changed: O6 was 23000, now '23500'; S6 was 24500, "
                                      "now '26000'; put back what the template wrote; a value goes in D6 (the values "
                                      "typed stay)"),
    # the locked id of row 6 changed from 1 to 2 (or the input columns sorted alone): L6:T6, untouched, are indicator
    # 1's; the id cell is named, not the reference cells, and nothing asks for a fresh template
    "an id changed": ({"A6": 2, "D6": 24300, "E6": "统计公报"},
                      "A6: 编号: 编号为2，但该行右侧的参考信息（L6:T6）属于编号1那一行：这一锁定的单元格被改动过，"
                      "或只对左侧填报各列排了序而没有连同右侧各列；请撤销这一改动（编号改回1，或撤销排序），"
                      "已填写的数值不受影响",
                      "A6: No.: is 2, but the reference cells beside it (L6:T6) belong to the row of indicator 1: this "
                      "locked cell was changed, or the input columns were sorted without the reference columns; undo "
                      "that (the id back to 1, or the sort undone), and the values typed stay"),
}
#: What a Chinese clerk is told about these cases holds none of the English sentences' words.
ENGLISH_WORDS = ("unknown indicator", "contains", "outside", "already given", "duplicate", "remove it", "line ")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_values_error_is_told_in_the_templates_language(science, clean, weihai_in_project, tmp_path, case,
                                                          language):
    cells, chinese, english = CASES[case]
    path = _filled(science[language], tmp_path / "observations", cells)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    expected = chinese if language == "zh" else english
    assert str(caught.value) == f"{path}:{SHEET[language]}!{expected}"


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "数据报送!D5: 工作表 '数据报送' 是本报送表填写数值的工作表，却被隐藏了；隐藏的工作表不会被读取，"
           "这一数值将被遗漏：请取消隐藏该工作表"),
    ("en", "'Data entry'!D5: the sheet 'Data entry', the workbook's own sheet of values, is hidden, and a hidden sheet "
           "is not read: this value would be lost; show the sheet"),
])
def test_the_templates_own_sheet_hidden_with_a_value_is_refused_at_the_value(science, clean, weihai_in_project,
                                                                             tmp_path, language, expected):
    """A clerk hid the values sheet (24,300 typed in D5), the words sheet left in view: before, the run succeeded with
    a note that a hidden sheet was not read, and the value was lost; now one line at the first value, in the
    workbook's language. A hidden sheet of one's own (a draft) is still only noted."""
    path = _filled(science[language], tmp_path / "observations", {"D5": 24300, "E5": "统计公报"})
    book = openpyxl.load_workbook(path)
    book.active = 1
    book.worksheets[0].sheet_state = "hidden"
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert error_lines(caught.value) == [f"{path}:{expected}"]


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "数据报送!A4:J4: 表头: 是跨列合并的单元格（A4:J4）：合并后只有第一格保留列名，其余各列没有列名，"
           "整张表无法读取；请取消合并，并按模板原样填回各列的列名"),
    ("en", "'Data entry'!A4:J4: header: is merged across columns (A4:J4): only the first keeps its name, the other "
           "columns have none, so the sheet cannot be read; unmerge it and type each column's name back as the "
           "template wrote it"),
])
def test_a_header_row_merged_across_its_columns_is_told_once(science, clean, weihai_in_project, tmp_path, language,
                                                             expected):
    """The header row (row 4, indicator_id … preliminary) merged into one cell: before, the header was told to lack
    series, year, value and source, then every year and series cell below as typed in a column without a header,
    30 lines for one slip; now one line at the merged cell."""
    path = _filled(science[language], tmp_path / "observations", {"D5": 24300, "E5": "统计公报"})
    book = openpyxl.load_workbook(path)
    book.worksheets[0].merge_cells("A4:J4")
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert error_lines(caught.value) == [f"{path}:{expected}"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_row_of_labels_deleted_keeps_the_reference_columns_known(science, clean, weihai_in_project, tmp_path,
                                                                     language):
    """Row 3 (编号 … 指标名称, 单位 …: the labels) deleted, the header row of names (indicator_id …) kept: the reference
    columns have no label left, yet the template recorded what it wrote in each, so they are known by their number
    (before: each row's unit, latest value and targets told as typed in a column without a header, and its name as a
    reference cell changed, two lines a row). The value is read; a value typed over the value on file is still
    told, once, at its cell."""
    path = _filled(science[language], tmp_path / "observations", {"D5": 24300, "E5": "统计公报"}, delete_row=3)
    observed = check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project,
                                  clean.values)
    assert observed.values[["indicator_id", "value"]].values.tolist() == [[1, 24300.0]]
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["Q4"] = 24300  # R&D personnel's "2023 value on file", empty in the template, now in row 4
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert [line.split("!", 1)[1].split(":", 1)[0] for line in error_lines(caught.value)] == ["Q4"]


def _copied_into_a_new_workbook(template, folder, cells: dict):
    """The template's values sheet copied cell by cell into a workbook of its own (Excel's "Move or Copy" to a new
    book): its labels and reference columns kept, its properties (language, year, plan) lost; ``cells`` filled."""
    sheet = openpyxl.load_workbook(template).worksheets[0]
    book = openpyxl.Workbook()
    book.active.title = sheet.title
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and not isinstance(cell, openpyxl.cell.cell.MergedCell):
                book.active.cell(cell.row, cell.column).value = cell.value
    for cell, value in cells.items():
        book.active[cell] = value
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / template.name)
    return folder / template.name


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "数据报送!D6: 数值: '2.5%' 不是数字（是否应为2.5？请去掉“%”，只写数字，按该指标本身的单位计：报送表在该行"
           "右侧列出了单位）"),
    ("en", "'Data entry'!D6: value: '2.5%' is not a number (did you mean 2.5? leave out the % sign and write the "
           "number alone, in the indicator's own unit, which a data-entry workbook lists beside the row)"),
])
def test_a_sheet_copied_into_a_new_workbook_keeps_its_reference_columns_and_language(
        science, clean, weihai_in_project, tmp_path, language, expected):
    # the reference columns (指标名称, 单位, 最新已知值 …) are known by their labels, not as text typed in columns
    # without a header; the one mistake is told at once, in the language of the sheet's labels
    path = _copied_into_a_new_workbook(science[language], tmp_path / "observations", {"D6": "2.5%", "E6": "统计公报"})
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert error_lines(caught.value) == [f"{path}:{expected}"]


def test_a_row_deleted_or_moved_keeps_its_reference_cells_checked(science, clean, weihai_in_project, tmp_path):
    """The reference cells are known by the row's indicator and series, not its number: a series row the department
    deleted (row 6) moves the others up and nothing is refused; a target changed in a moved row still is."""
    path = _filled(science["zh"], tmp_path / "ok", {"D5": 24300, "E5": "统计公报"}, delete_row=6)
    observed = check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project,
                                  clean.values)
    assert observed.values[["indicator_id", "value"]].values.tolist() == [[1, 24300.0]]
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["S6"] = 999  # a target of the row that moved up from 7 to 6
    book.save(path)
    told = r"数据报送!S6: 这一单元格是模板列出的参考信息.*被改动过：原为[0-9.]+，现为 '999'；"  # S6 named once
    with pytest.raises(InputError, match=told):
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)


def test_input_columns_sorted_without_the_reference_columns_name_each_rows_id(science, clean, weihai_in_project,
                                                                               tmp_path):
    # rows 6 (indicator 1) and 8 (indicator 2) swapped in A:J only, as sorting A6:J8 by value does: each row's id cell
    # is named with the indicator whose reference cells stand beside it
    book = openpyxl.load_workbook(science["zh"])
    sheet = book.worksheets[0]
    sheet["D6"], sheet["E6"], sheet["D8"], sheet["E8"] = 24300, "统计公报", 2.61, "统计公报"
    for letter in "ABCDEFGHIJ":
        sheet[f"{letter}6"], sheet[f"{letter}8"] = sheet[f"{letter}8"].value, sheet[f"{letter}6"].value
    (tmp_path / "observations").mkdir()
    book.save(tmp_path / "observations" / science["zh"].name)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(tmp_path / "observations"), clean.indicators, weihai_in_project,
                           clean.values)
    assert [line.split("数据报送!", 1)[1].split("但", 1)[0] for line in caught.value.lines()] == [
        "A6: 编号: 编号为2，", "A8: 编号: 编号为1，"]
    assert "属于编号1那一行" in caught.value.lines()[0] and "属于编号2那一行" in caught.value.lines()[1]


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "数据报送!C35: 年份: 年份为2024，但本工作簿是为2023年生成的；这一行是复制模板第6行后改了年份添加的："
           "请删除这一行；2024年的数值请填入2024年的报送表（请向评估牵头单位索取）"),
    ("en", "'Data entry'!C35: Year: year 2024, but the workbook was made for 2023; this row was added, a copy of the "
           "template's row 6 with its year changed: delete it; a value for 2024 goes in the workbook for 2024 (ask the "
           "office that sent this one for it)"),
])
def test_a_row_copied_whole_for_another_year_is_told_as_added(science, clean, weihai_in_project, tmp_path, language,
                                                             expected):
    """Row 6 (indicator 1, 2023) copied whole into row 35, its grey reference cells too, and its year changed to
    2024: a row added for another year's value, told which row it copies, not as a locked cell changed (before: "its
    locked cells were changed: type 2023 back"); row 6, filled for 2023, is read as it is."""
    path = _filled(science[language], tmp_path / "observations", {"D6": 24300, "E6": "统计公报"})
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for cell in sheet[6]:
        sheet.cell(35, cell.column).value = cell.value
    sheet["C35"], sheet["D35"] = 2024, 25100
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert error_lines(caught.value) == [f"{path}:{expected}"]


def test_a_confirm_without_reason_is_told_with_its_rows_other_mistake(science, clean, weihai_in_project, tmp_path):
    """A row with a mistake of its own (no source) is left out of the series check, which tells a confirm that gives
    no reason what to do: here the confirm is told with that mistake, in the same round, in the old words."""
    path = _filled(science["zh"], tmp_path / "observations", {"D5": 24300, "H5": "ok"})
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert error_lines(caught.value) == [
        f"{path}:数据报送!E5: 数据来源: 为空：请写明数值出自哪一份资料",
        f"{path}:数据报送!H5: 确认: 'ok' 不是理由；请用文字说明原因（例如：统计口径调整，见公报注释）；"
        "数值未被提示偏离较大时，可将该单元格留空"]


def test_a_workbooks_every_mistake_is_told_in_one_round_whatever_kind_each_is(science, clean, weihai_in_project,
                                                                              tmp_path):
    """A cell's look (struck, white, a comment) or a reference cell changed stops no check of the row's other cells:
    the year not the workbook's, a date not a date, a preliminary flag not a word of the list and a confirm that gives
    no reason are told in the same round, in the sheet's order, and the rows are kept by none."""
    path = _filled(science["zh"], tmp_path / "observations", {
        "C6": 2024, "D6": 24300, "E6": "统计公报", "I6": "2025年13月1日", "J6": "可能",  # the locked year changed
        "D8": 2.61, "E8": "统计公报", "G8": "初步", "H8": "ok",
        "D10": 45, "E10": "统计公报", "I10": "昨天", "Q10": 44})  # 44 typed over the value on file (reference cell Q10)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["E6"].font = openpyxl.styles.Font(strike=True)
    sheet["D8"].font = openpyxl.styles.Font(color="FFFFFFFF")  # white on the template's yellow
    sheet["G8"].comment = openpyxl.comments.Comment("来自电话", "李四")
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    told = [line.split(f"{path}:数据报送!", 1)[1] for line in error_lines(caught.value)]
    assert told == [
        "C6: 年份: 年份为2024，但本工作簿是为2023年生成的；锁定的单元格被改动了：请改回2023；如要报送2024年的数值，"
        "请向评估牵头单位索取2024年的报送表",
        "E6: 数据来源: 带有删除线：划掉的数据来源不会被读取；请删除它，如该数据来源有效，请去掉删除线",
        "I6: 发布日期: '2025-13-01' 不是日期：请填写资料发布的日期，如2011-09-28或2011年9月28日（或2011-09、2011）",
        "J6: 初步数: '可能'：初步数请填写“是”（或“初步核算”“预计”），正式数据请留空",
        "D8: 数值: 文字颜色 #FFFFFF 与底色 #FFF9C4 几乎相同，核对表格的人看不到：请改用深色字体",
        "G8: 备注: 带有批注（'来自电话'），批注不会被读取：请把其内容写进该行的备注（或确认）列，并删除批注",
        "H8: 确认: 'ok' 不是理由；请用文字说明原因（例如：统计口径调整，见公报注释）；数值未被提示偏离较大时，"
        "可将该单元格留空",
        "I10: 发布日期: '昨天' 不是日期：请填写资料发布的日期，如2011-09-28或2011年9月28日（或2011-09、2011）",
        "Q10: 这一单元格是模板列出的参考信息（名称、单位、最新值、目标、合理范围），不会被读取，却被改动过："
        "原为空，现为 '44'；请改回模板原来的内容，数值请填在 D10（已填写的数值不受影响）"]


def test_a_row_whose_id_was_changed_has_its_other_cells_checked_by_no_indicator(science, clean, weihai_in_project,
                                                                                 tmp_path):
    """Row 5's locked id changed from 1 to 2 (a share): its value is not judged as indicator 2's (24,300 is no share),
    but its hidden row and its date are told with the id, in one round."""
    path = _filled(science["zh"], tmp_path / "observations", {"A5": 2, "D5": 24300, "E5": "统计公报",
                                                              "I5": "去年"})
    book = openpyxl.load_workbook(path)
    book.worksheets[0].row_dimensions[5].hidden = True
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    told = [line.split(f"{path}:数据报送!", 1)[1] for line in error_lines(caught.value)]
    assert [line.split(": ", 1)[0] for line in told] == ["A5", "D5", "I5"], told
    assert "属于编号1那一行" in told[0] and "第5行被隐藏" in told[1] and "'去年' 不是日期" in told[2]


@pytest.mark.parametrize(("case", "cell", "chinese"), [
    ("no such indicator", "A6", "方案中没有编号为99的指标"),
    ("the same year twice", "C35", "在本文件中填写了两个不同的数值：单元格 数据报送!D12 为3.1"),
    ("a zero-width space", "E6", "是不可见字符 U+200B（zero width space）"),
    ("a year outside the plan", "C6", "不在可填报的范围内"),
])
def test_a_chinese_clerk_is_told_in_chinese_which_cell_is_wrong(science, clean, weihai_in_project, tmp_path, case,
                                                                  cell, chinese):
    path = _filled(science["zh"], tmp_path / "observations", CASES[case][0])
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    message = str(caught.value)
    assert message.startswith(f"{path}:数据报送!{cell}: ")
    assert chinese in message
    assert not [words for words in ENGLISH_WORDS if words in message]


def _named_as(template, folder, cells: dict, name: str):
    """The template filled with ``cells``, saved in ``folder`` as ``name``."""
    path = _filled(template, folder, cells)
    return path.rename(path.with_name(name))


def _refusal(folder, clean, plan) -> str:
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean.indicators, plan, clean.values)
    return str(caught.value)


def test_two_workbooks_that_disagree_are_told_in_chinese_with_the_column_to_fill(science, clean, weihai_in_project,
                                                                                  tmp_path):
    folder = tmp_path / "observations"
    first = _named_as(science["zh"], folder, {"D6": 24300, "E6": "统计公报"}, "a.xlsx")
    second = _named_as(science["zh"], folder, {"D6": 24500, "E6": "统计年鉴"}, "b.xlsx")
    assert _refusal(folder, clean, weihai_in_project) == (
        # the first named by its publication and its file without the folders a clerk never sees; the column to fill
        # as the template heads it
        f"{second}:数据报送!D6: 数值: 指标1：2023年的数值24500与统计公报（a.xlsx:数据报送!D6）中的24300不一致；"
        "如其中一份资料修订了另一份，请在两行的发布日期列分别填写各自的发布日期（如2011-09-28）："
        "将采用较晚发布的数值，并列出这次修订")
    # an English template's clerk, read after the Chinese one, is told the same in English, the column as the English
    # template heads it
    first.unlink()
    english = _named_as(science["en"], folder, {"D6": 24300, "E6": "Bulletin"}, "z.xlsx")
    assert _refusal(folder, clean, weihai_in_project) == (
        f"{english}:'Data entry'!D6: Value: indicator 1 year 2023: value 24300 conflicts with 24500 in 统计年鉴, "
        "b.xlsx:数据报送!D6; if one publication revises the other, give both rows the day each appeared in the "
        "Published column (2011-09-28): the later is used and the revision listed")


def test_a_workbook_without_a_language_is_told_in_the_language_of_its_labels(science, clean, weihai_in_project,
                                                                             tmp_path):
    book = openpyxl.load_workbook(science["zh"])
    language = next(prop for prop in book.custom_doc_props if prop.name == "analysis_language")
    book.custom_doc_props.props.remove(language)  # a template made before it recorded its language: its labels are
    book.worksheets[0]["D6"], book.worksheets[0]["E6"] = "2,61", "统计公报"  # Chinese, and so are its messages
    (tmp_path / "observations").mkdir()
    book.save(tmp_path / "observations" / "a.xlsx")
    with pytest.raises(InputError, match=r"a.xlsx:数据报送!D6: 数值: '2,61' 不是数字（是否应为2.61？"):
        check_observations(read_observation_files(tmp_path / "observations"), clean.indicators, weihai_in_project,
                           clean.values)


@pytest.mark.parametrize(("language", "header", "series"), [
    ("zh", None, ("国家级", "省级")),   # the row of names deleted: the labels above it are the header
    ("en", ["No.", "Series", "Year", "Value", "Source", "Source in English", "Note",
            "Confirm (why a value far off is right)", "Published", "Preliminary"],
     ("National", "provincial")),   # the names typed over with the labels
    # the short forms the names invite (国家级园区, 国家和省级农业科技园区: 国家, 省; 国2.8/省3.1: 国), read as
    # the labels; before: "指标 4 没有序列 '国家'；请填写 '国家级'、'省级'"
    ("zh", None, ("国家", "省")),
    ("zh", None, ("国", "省 ")),
    ("en", None, ("National level", "PROV")),
])
def test_the_templates_own_labels_are_read_back(science, weihai_in_project, work_dir, language, header, series):
    plan = copy_plan(weihai_in_project.folder, work_dir / "plan")
    cells = {"D6": 24300, "E6": "统计公报", "B12": series[0], "D12": 3.1, "E12": "园区年报", "B14": series[1],
             "D14": 2.9, "E14": "园区年报"}
    cells.update({f"{column}4": name for column, name in zip("ABCDEFGHIJ", header or [])})
    _filled(science[language], plan / "observations", cells, delete_row=4 if header is None else None)
    processed = work_dir / "processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    values = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    actual = values[values["value_type"] == "actual"]
    assert actual[["indicator_id", "series", "year", "value"]].values.tolist() == [
        [1, "", YEAR, 24300.0], [4, "national", YEAR, 3.1], [4, "provincial", YEAR, 2.9]]
    first = 5 if header is None else 6  # the rows moved up one with the row of names
    assert actual["source_line"].tolist() == [first, first + 6, first + 8]


@pytest.mark.parametrize(("language", "word"), [("zh", "是"), ("en", "yes")])
def test_the_preliminary_flag_is_chosen_from_a_list_and_the_unit_named_once(science, clean, weihai_in_project,
                                                                              tmp_path, language, word):
    """The 初步数 column (J) takes its one word from a list, in the workbook's language, or nothing: a clerk's √ or
    是的 is refused as typed, not a round later; the word is read back as a preliminary figure. A selected cell names
    the series' unit once (研发人员数（人）, never "…（人），单位：人")."""
    book = openpyxl.load_workbook(science[language])
    sheet = book.worksheets[0]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    flag = next(rule for ref, rule in rules.items() if "J5" in ref.split())
    assert flag.type == "list" and flag.formula1 == f'"{word}"' and flag.allow_blank
    assert flag.showErrorMessage and flag.error
    prompts = [rule.prompt for rule in rules.values() if rule.prompt]
    assert prompts and not any("（人），单位：人" in prompt for prompt in prompts)
    path = _filled(science[language], tmp_path / "observations", {"D5": 24300, "E5": "统计公报", "J5": word})
    checked = check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project,
                                 clean.values)
    assert checked.values.query("indicator_id == 1")["processing"].str.contains("preliminary").all()


def test_a_workbooks_second_sheet_leaves_the_first_sheets_cells_named_as_they_are(science, clean, weihai_in_project,
                                                                                   tmp_path):
    """A clerk adds a sheet for another year (a copy of the first, its value and source columns swapped); a value far
    off its series and a confirm without a reason on the first sheet are still told at their own cells, 数据报送!D5
    and H6, not at the cells of the same rows and columns of the sheet read last."""
    path = _filled(science["zh"], tmp_path / "observations", {"D5": 90000, "E5": "统计公报", "D6": 2.5,
                                                              "E6": "统计公报", "H6": "ok"})
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book.worksheets[0])
    copy.title = "下一年"
    for row in range(1, copy.max_row + 1):  # its value and source columns swapped, header and all
        copy[f"D{row}"].value, copy[f"E{row}"].value = copy[f"E{row}"].value, copy[f"D{row}"].value
    for row in range(5, copy.max_row + 1):  # and no values of its own
        for column in "DEH":
            copy[f"{column}{row}"] = None
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    told = error_lines(caught.value)
    assert [line.split(": ")[0] for line in told] == [f"{path}:数据报送!D5", f"{path}:数据报送!H6"], told


def test_a_file_that_cannot_be_read_hides_no_other_files_mistakes_and_all_come_in_cell_order(
        science, clean, weihai_in_project, tmp_path):
    """A CSV saved from Excel in GBK cannot be read at all; the workbook beside it (2023-市科技局.xlsx, read first) is
    still checked, and its two mistakes are told in the same round, in the order of their cells: the value far off its
    series (D5, found by the series check, which runs last) before the number mistyped in D6."""
    path = _filled(science["zh"], tmp_path / "observations", {"D5": 90000, "E5": "统计公报", "D6": "2,61",
                                                              "E6": "统计公报"})
    (path.parent / "a.csv").write_bytes("编号,序列,年份,数值,数据来源\n2,,2023,2.61,统计公报\n".encode("gbk"))
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent, defer=True), clean.indicators, weihai_in_project,
                           clean.values)
    told = error_lines(caught.value)
    assert [line.split(": ")[0] for line in told] == [f"{path}:数据报送!D5", f"{path}:数据报送!D6",
                                                     f"{path.parent / 'a.csv'}:1"], told
    assert "90,000" in told[0] and "'2,61'" in told[1] and "不是 UTF-8 编码" in told[2]
    with pytest.raises(InputError, match="不是 UTF-8 编码"):  # read alone, the unreadable file is told at once
        read_observation_files(path.parent)


def test_a_workbooks_mistakes_are_told_in_the_order_of_its_sheets(science, weihai_in_project, work_dir, capsys):
    """The template's values sheet (数据报送), its words sheet (工作进展与说明), then the tab a clerk added for 2024
    (2024年): told sheet by sheet in that order, as the clerk turns the tabs, not by the sheets' names (2024年 sorts
    first, 工作进展与说明 before 数据报送)."""
    plan = copy_plan(weihai_in_project.folder, work_dir / "plan")
    path = _filled(science["zh"], plan / "observations", {"D6": "2,61", "E6": "统计公报"})
    book = openpyxl.load_workbook(path)
    book["工作进展与说明"]["E5"], book["工作进展与说明"]["F5"] = "新建研究院2家", "差不多"
    added = book.copy_worksheet(book["数据报送"])
    added.title = "2024年"
    added["C5"], added["D5"], added["E5"], added["D6"], added["E6"] = 2024, "约25000", "统计公报", None, None
    book.save(path)
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(work_dir / "processed")]) == 2
    told = [line.split(".xlsx:", 1)[1].split(": ", 1)[0] for line in capsys.readouterr().err.splitlines()]
    assert told == ["数据报送!D6", "工作进展与说明!F5", "2024年!D5"], told


def test_a_file_the_folder_refuses_hides_no_other_files_mistakes(science, weihai_in_project, work_dir, capsys):
    """A real workbook named like a lock file, an old .xls and a file named .xlsx that is none are refused, each in
    one line, in the same round as the science bureau's mistakes in its values and its words: one run, not one a
    file. Told file by file in the order of their names (the template's, its year first, before ~, ~ before the
    Chinese names)."""
    plan = copy_plan(weihai_in_project.folder, work_dir / "plan")
    folder = plan / "observations"
    path = _filled(science["zh"], folder, {"D6": "2,61", "E6": "统计公报"})
    book = openpyxl.load_workbook(path)
    book["工作进展与说明"]["E5"], book["工作进展与说明"]["F5"] = "新建研究院2家", "差不多"
    book.save(path)
    shutil.copyfile(science["zh"], folder / "~$锁.xlsx")  # a workbook, not the lock file its name says
    (folder / "旧格式.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # an OLE file's first bytes
    (folder / "假表格.xlsx").write_text("编号,数值\n1,2\n", encoding="utf-8")  # a CSV renamed
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(work_dir / "processed")]) == 2
    told = [line.removeprefix("error: ").split(": ", 1)[0] for line in capsys.readouterr().err.splitlines()]
    observations = relative(folder)
    assert told == [f"{observations}/{where}" for where in (
        "2023-市科技局.xlsx:数据报送!D6", "2023-市科技局.xlsx:工作进展与说明!F5", "~$锁.xlsx", "假表格.xlsx",
        "旧格式.xls")], told


@pytest.mark.parametrize(("language", "label"), [("zh", "英文数据来源（可不填）"),
                                                 ("en", "Source in English (optional)")])
def test_a_template_asks_for_the_sources_english_name_beside_the_source(science, language, label):
    """Column F, right of the source (E): labelled in the template's language, said to be optional, headed
    ``source_en`` as an observation CSV file heads it, a yellow input cell in every row."""
    sheet = openpyxl.load_workbook(science[language]).worksheets[0]
    assert sheet["E3"].value == ("数据来源" if language == "zh" else "Source")
    assert sheet["F3"].value == label and (sheet["E4"].value, sheet["F4"].value) == ("source", "source_en")
    assert not sheet["F5"].protection.locked and not sheet["F6"].protection.locked


def test_a_sources_english_name_reaches_the_values_as_from_a_csv_file_and_the_english_edition_shows_it(
        science, weihai_in_project, work_dir):
    """The science bureau's workbook gives R&D personnel (1) with its source's English name, R&D intensity (2)
    without; a CSV file beside it gives indicator 3 (the high-tech zone's revenue) with ``source_en`` too. In the
    tables, the English names are ``reference_en`` alike; the English edition names the sources by them, and the one
    without as written, marked as not translated."""
    from analysis.report.words import reference_in

    plan = copy_plan(weihai_in_project.folder, work_dir / "plan")
    _filled(science["zh"], plan / "observations", {"D6": 24300, "E6": "市统计局统计公报",
                                                   "F6": "Weihai statistical bulletin (市统计局统计公报)",
                                                   "D8": 2.61, "E8": "市科技局年报"})
    (plan / "observations" / "bulletin.csv").write_text(
        "indicator_id,series,year,value,source,source_en\n"
        "3,,2023,40.2,高新区统计报表,High-tech zone statistical report (高新区统计报表)\n", encoding="utf-8")
    processed = work_dir / "processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    values = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    actual = values[values["value_type"] == "actual"].sort_values("indicator_id")
    assert actual[["indicator_id", "reference", "reference_en"]].values.tolist() == [
        [1, "市统计局统计公报", "Weihai statistical bulletin (市统计局统计公报)"],
        [2, "市科技局年报", ""],
        [3, "高新区统计报表", "High-tech zone statistical report (高新区统计报表)"]]
    assert [reference_in(row, "en") for row in actual.itertuples()] == [
        "Weihai statistical bulletin (市统计局统计公报)", "市科技局年报 (original, untranslated)",
        "High-tech zone statistical report (高新区统计报表)"]
    assert [reference_in(row, "zh") for row in actual.itertuples()] == ["市统计局统计公报", "市科技局年报",
                                                                        "高新区统计报表"]


def test_a_template_filled_before_it_asked_for_the_english_name_is_read(science, weihai_in_project, work_dir):
    """A template as written before the column was added (no ``source_en``: the note in F, the reference columns one
    to the left) is read as it was: its values and notes, no English name."""
    plan = copy_plan(weihai_in_project.folder, work_dir / "plan")
    book = openpyxl.load_workbook(science["zh"])
    sheet = book.worksheets[0]
    sheet.delete_cols(6)  # the old layout: indicator_id, series, year, value, source, note, confirm, …
    assert [sheet.cell(4, column).value for column in range(1, 8)] == ["indicator_id", "series", "year", "value",
                                                                       "source", "note", "confirm"]
    sheet["D5"], sheet["E5"], sheet["F5"] = 24300, "统计公报", "快报数"
    book.save(plan / "observations" / science["zh"].name)
    processed = work_dir / "processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    values = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    actual = values[values["value_type"] == "actual"]
    assert actual[["indicator_id", "value", "reference", "reference_en", "note"]].values.tolist() == [
        [1, 24300.0, "统计公报", "", "快报数"]]


ALLOWED = {"zh": "编号（indicator_id）、序列（series）、年份（year）、数值（value）、数据来源（source）、"
                 "英文数据来源（source_en）、备注（note）、确认（confirm）、发布日期（published）、初步数（preliminary）",
           "en": "indicator_id, series, year, value, source, source_en, note, confirm, published, preliminary"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_column_added_right_of_the_reference_columns_is_told_once_where_it_is_filled(
        science, clean, weihai_in_project, tmp_path, language):
    """A column of its own (填报人) labelled in U3, right of the template's reference columns L:T, and filled in U5:
    one line at U5, a column without a header, not read; the reference cells of every row (L:T, untouched) are not
    told changed for the empty cell each row now has in U."""
    label, name = {"zh": ("填报人", "张三"), "en": ("Filled in by", "Zhang San")}[language]
    path = _filled(science[language], tmp_path / "observations",
                   {"D5": 24300, "E5": "统计公报", "U3": label, "U5": name})
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    expected = {"zh": "U5: 在没有表头的列中填写了 '张三'，这些内容不会被读取：请写进该行的备注，"
                      "或把每个表格放在单独的工作表中",
                "en": "U5: holds 'Zhang San' in a column without a header, which is not read: move it into the row's "
                      "note, or give each table its own sheet"}[language]
    assert error_lines(caught.value) == [f"{path}:{SHEET[language]}!{expected}"]


@pytest.mark.parametrize("labelled", [False, True])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_header_typed_into_the_empty_column_is_told_once_and_the_reference_columns_stay(
        science, clean, weihai_in_project, tmp_path, language, labelled):
    """填报人 typed as a header into the empty column K (K4, and its label K3 too), and a name under it: one line, the
    header cell not known; the indicator's name in L and the reference cells M:T are still the template's, not text
    in a column without a header, nor reference cells changed on every row."""
    label, name = {"zh": ("填报人", "张三"), "en": ("Filled in by", "Zhang San")}[language]
    cells = {"D5": 24300, "E5": "统计公报", "K4": label, "K5": name} | ({"K3": label} if labelled else {})
    path = _filled(science[language], tmp_path / "observations", cells)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    expected = {"zh": f"K4: 表头: 表头中有无法识别的列：填报人；可用的列为 {ALLOWED['zh']}",
                "en": f"K4: header: unexpected column(s) Filled in by; allowed: {ALLOWED['en']}"}[language]
    assert error_lines(caught.value) == [f"{path}:{SHEET[language]}!{expected}"]


def test_a_reference_cell_of_a_workbook_that_records_its_digests_only_names_the_copy_sent(science, clean,
                                                                                        weihai_in_project, tmp_path):
    """A workbook made before templates recorded what they wrote in each reference cell (its digests only): what to
    put back cannot be said, so the copy it was sent from is named, where make templates writes it, as it was sent."""
    path = _filled(science["zh"], tmp_path / "observations", {"Q5": 24300})
    book = openpyxl.load_workbook(path)
    for prop in [prop for prop in book.custom_doc_props if prop.name.startswith("analysis_reference_shown_")]:
        book.custom_doc_props.props.remove(prop)
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert error_lines(caught.value) == [
        f"{path}:数据报送!L5:T5: 这些单元格是模板列出的参考信息（名称、单位、最新值、目标、合理范围），不会被读取，"
        "却被改动过：数值请填在 D5；请撤销改动，或从下发时的报送表 reports/templates/weihai/2023/2023-市科技局.xlsx "
        "中把这些单元格复制回来（已填写的数值不受影响）"]


@pytest.mark.parametrize(("language", "cells", "expected"), [
    # a value typed over the value on file (Q6), which nothing reads: before, passed over in silence
    ("zh", {"Q6": 25000}, "Sheet1!Q6: 这一单元格是模板列出的参考信息（名称、单位、最新值、目标、合理范围），"
                          "不会被读取，却被改动过：原为空，现为 '25000'；"),
    ("en", {"Q6": 25000}, "Sheet1!Q6: this cell shows the template's reference (name, unit, latest value, targets, "
                          "range) and is not read, but was changed: it was empty, now '25000';"),
    # a locked year changed: before, read as a 2022 value sent in the 2023 workbook
    ("zh", {"C8": 2022, "D8": 2.61, "E8": "统计公报"},
     "Sheet1!C8: 年份: 年份为2022，但这一行是本工作簿为2023年列出的；"),
    ("en", {"C8": 2022, "D8": 2.61, "E8": "Bulletin"}, "Sheet1!C8: Year: year 2022, but this is the workbook's row for "
                                                       "2023;"),
])
def test_the_templates_sheet_renamed_is_still_checked_as_the_templates(science, clean, weihai_in_project, tmp_path,
                                                                       language, cells, expected):
    """A department renamed the template's sheet (数据报送 to Sheet1): its reference cells and its year are the
    template's all the same, and a change there is told as in the sheet under its own name; renamed and filled right,
    it is read."""
    path = _filled(science[language], tmp_path / "observations", {"D6": 24300, "E6": "统计公报", **cells})
    book = openpyxl.load_workbook(path)
    book.worksheets[0].title = "Sheet1"
    book.save(path)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    assert [line.replace(f"{path}:", "") for line in error_lines(caught.value)][0].startswith(expected)
    fine = _filled(science[language], tmp_path / "fine", {"D6": 24300, "E6": "统计公报"})
    book = openpyxl.load_workbook(fine)
    book.worksheets[0].title = "Sheet1"
    book.save(fine)
    observed = check_observations(read_observation_files(fine.parent), clean.indicators, weihai_in_project,
                                  clean.values)
    assert observed.values[["indicator_id", "year", "value"]].values.tolist() == [[1, YEAR, 24300.0]]
