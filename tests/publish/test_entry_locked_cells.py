"""A data-entry workbook's locked series and year cells, changed or retyped, read back: each row is the one the
template wrote where it stands, so a year changed to another (one the workbook lists a row of, or none) is told at
that cell with what to type back, and a series retyped in a form the docs accept (省, prov, NATIONAL) is read as the
row's own, never told as a year changed."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from analysis import cli
from analysis.publish.templates import build_templates
from tests.conftest import copy_plan, relative

YEAR = 2024
SCIENCE = {"zh": "2024-市科技局.xlsx", "en": "2024-Municipal Science and Technology Bureau.xlsx"}


def _filled(weihai_in_project, project_tmp, language: str, name: str, cells: dict, deleted: int | None = None,
            column: int | None = None, columns: tuple = ()):
    """The 2024 science bureau workbook in ``language``, ``cells`` typed over (the row ``deleted`` first taken out),
    read by ``analysis data``: its exit code, the errors it told (each line, its file named as the plan holds it) and
    the actual values it filed (indicator, series, year, value, row). ``column``: a column deleted (a number), or
    one inserted before it (its number, negative); ``columns``: several, one after the other."""
    [path] = [p for p in build_templates(weihai_in_project, YEAR, language, project_tmp / f"templates-{name}")
              if p.name == SCIENCE[language]]
    plan = copy_plan(weihai_in_project.folder, project_tmp / f"plan-{name}")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    if deleted is not None:
        sheet.delete_rows(deleted)
    for change in (column, *columns) if column is not None else columns:
        sheet.delete_cols(change) if change > 0 else sheet.insert_cols(-change)
    for cell, value in cells.items():
        sheet[cell].value = value
    book.save(plan / "observations" / path.name)
    processed = project_tmp / f"processed-{name}"
    code = cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)])
    values = []
    if code == 0:
        table = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
        actual = table[table["value_type"] == "actual"]
        values = actual[["indicator_id", "series", "year", "value", "source_line"]].values.tolist()
    return code, relative(plan / "observations" / path.name), values


def _errors(capsys) -> list[str]:
    return capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("typed", [2203, 2025, 1024])
def test_a_year_changed_to_one_the_workbook_lists_no_row_of_is_told_at_its_cell_with_the_other_mistakes(
        weihai_in_project, project_tmp, capsys, typed):
    """The high-tech zones' share (3), whose 2023 row's plausible range is not its 2024 row's: its 2023 year (C12)
    changed. Before, the reader failed on it and the file was told to be no Excel workbook, to be saved again, its
    other mistakes (a value no number) lost."""
    code, name, _ = _filled(weihai_in_project, project_tmp, "zh", f"year-{typed}",
                            {"C12": typed, "D12": 1.5, "E12": "威海市统计公报", "D5": "约两万", "E5": "威海市统计公报"})
    assert code == 2
    assert _errors(capsys) == [
        f"error: {name}:数据报送!D5: 数值: '约两万' 不是数字（请只写数字和小数点，不加千位分隔符、单位或 % 号）",
        f"error: {name}:数据报送!C12: 年份: 年份为{typed}，但这一行是本工作簿为2023年列出的；"
        "锁定的单元格被改动了：请改回2023"]


def test_a_changed_year_is_told_by_its_reference_cells_where_a_row_above_it_was_deleted(weihai_in_project,
                                                                                      project_tmp, capsys):
    """R&D personnel's 2022 row (5) deleted: the rows below stand a row higher, and the high-tech zones' 2023 row
    (now row 11), its year changed to 2025, is known by its reference cells (that year's range): told at its year."""
    code, name, _ = _filled(weihai_in_project, project_tmp, "zh", "deleted",
                            {"C11": 2025, "D11": 1.5, "E11": "威海市统计公报"}, deleted=5)
    assert code == 2
    assert _errors(capsys) == [
        f"error: {name}:数据报送!C11: 年份: 年份为2025，但这一行是本工作簿为2023年列出的；"
        "锁定的单元格被改动了：请改回2023"]


def test_a_year_changed_to_another_the_workbook_lists_is_told_at_its_cell_not_at_the_untouched_row(
        weihai_in_project, project_tmp, capsys):
    """R&D personnel's 2023 row (6), its year changed to 2024 with 24000 typed, and the real 2024 row (7) filled too;
    R&D intensity's 2022 row (8) changed to 2023. Before, row 6 was filed as 2024's value in silence (or, with row 7
    filled, the year given twice was told at row 7, which was right), and row 8 as 2023's."""
    code, name, _ = _filled(weihai_in_project, project_tmp, "zh", "listed", {
        "C6": 2024, "D6": 24000, "E6": "威海市统计公报", "D7": 25000, "E7": "威海市统计公报",
        "C8": 2023, "D8": 2.5, "E8": "威海市统计公报"})
    assert code == 2
    assert _errors(capsys) == [
        f"error: {name}:数据报送!C6: 年份: 年份为2024，但这一行是本工作簿为2023年列出的；"
        "锁定的单元格被改动了：请改回2023；2024年的数值请填入本表为2024年列出的第7行",
        f"error: {name}:数据报送!C8: 年份: 年份为2023，但这一行是本工作簿为2022年列出的；"
        "锁定的单元格被改动了：请改回2022；2023年的数值请填入本表为2023年列出的第9行"]


@pytest.mark.parametrize(("language", "cells"), [
    ("en", {"B17": "省", "B15": "NATIONAL", "B16": " national level "}),
    ("en", {"B17": "Provincial", "B15": "国家级", "B16": "nat"}),
    ("en", {"B17": "prov", "B15": "National", "B16": "国家"}),
    ("zh", {"B17": "省", "B15": "国家", "B16": "national"}),
])
def test_a_series_retyped_in_a_form_the_docs_accept_is_read_as_the_rows_own(weihai_in_project, project_tmp, capsys,
                                                                           language, cells):
    """The agricultural parks' share (4): its national rows (14–16: 2022–2024) and provincial rows (17–19), their
    series cells retyped as the docs allow (the template's label in either language, a short form, in any case).
    Before, each was told as a year changed ("type 2024 back"), which would have moved a 2022 value to 2024."""
    typed = {**cells, **{f"D{row}": value for row, value in ((15, 4.0), (16, 5.0), (17, 3.0))},
             **{f"E{row}": "Weihai Statistical Communique" for row in (15, 16, 17)}}
    code, _, values = _filled(weihai_in_project, project_tmp, language, f"series-{language}-{cells['B17']}", typed)
    assert (code, _errors(capsys)) == (0, [])
    assert sorted(values) == [[4, "national", 2023, 4.0, 15], [4, "national", 2024, 5.0, 16],
                              [4, "provincial", 2022, 3.0, 17]]


@pytest.mark.parametrize(("language", "typed", "expected"), [
    ("en", "NAT", "'Data entry'!B17: Series: series 'NAT', but this is the workbook's row for the provincial series; "
                  "its locked cells were changed: type provincial back"),
    ("zh", "国家级", "数据报送!B17: 序列: 序列为 '国家级'，但这一行是本工作簿为省级序列列出的；"
             "锁定的单元格被改动了：请改回 省级"),
    # a series the indicator lacks is told so, as in any file, and its year (untouched) not at all
    ("zh", "市级", "数据报送!B17: 序列: 指标4没有序列 '市级'；请填写 '国家级'、'省级'"),
])
def test_a_series_changed_to_another_is_told_at_its_series_cell_never_as_a_year_changed(
        weihai_in_project, project_tmp, capsys, language, typed, expected):
    """The agricultural parks' provincial 2022 row (17), its series cell changed: to the national series (in a form
    read as it), told to type the row's series back; before, the reference cells were said to be another row's, or
    (a series no form names) a year changed was told beside the series' mistake."""
    code, name, _ = _filled(weihai_in_project, project_tmp, language, f"other-series-{language}-{typed}",
                            {"B17": typed, "D17": 3.0, "E17": "Weihai Statistical Communique"})
    assert code == 2
    assert _errors(capsys) == [f"error: {name}:{expected}"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_reference_column_deleted_is_told_once_at_its_header_cell(weihai_in_project, project_tmp, capsys,
                                                                     language):
    """The indicator's name (column L, R&D personnel's first row 5) deleted: every row's reference cells stand a
    column to the left. Before, each of the sheet's rows was told its reference cells changed, one line each, and
    the column deleted never named."""
    code, name, _ = _filled(weihai_in_project, project_tmp, language, f"column-{language}",
                            {"D7": 24300, "E7": "威海市统计公报"}, column=12)
    assert code == 2
    sheet = {"zh": "数据报送", "en": "'Data entry'"}[language]
    told = {"zh": "模板的参考列 L 列（第5行原为 研发人员数（人））被删除，其右侧各列都左移了一列：请撤销删除，"
                  "或从模板重新复制这一列（参考列不会被读取，已填写的数值不受影响）",
            "en": "the template's reference column L (row 5 held R&D personnel) was deleted, and the "
                  "columns right of it moved one to the left: undo the deletion, or copy that column back from the "
                  "template (reference columns are not read; the values typed stay)"}[language]
    assert _errors(capsys) == [f"error: {name}:{sheet}!L3: {told}"]


def test_a_column_inserted_among_the_reference_columns_is_told_once_at_its_header_cell(weihai_in_project,
                                                                                       project_tmp, capsys):
    """A column inserted before the unit (M): the unit and every reference cell right of it stand a column to the
    right, told once at the new column's header cell."""
    code, name, _ = _filled(weihai_in_project, project_tmp, "zh", "inserted", {"D7": 24300, "E7": "威海市统计公报"},
                            column=-13)
    assert code == 2
    assert _errors(capsys) == [
        f"error: {name}:数据报送!M3: 模板的参考列中插入了一列（M 列），其右侧各列都右移了一列：请删除这一列"
        "（参考列不会被读取，已填写的数值不受影响）"]


#: The science bureau's reference columns as the template writes them: L the indicator's name, M its series (同 B
#: 列), N the unit, O the latest value known, P its year, Q the value on file, R and S the targets, T the range. What a
#: deleted one held follows 原为 with a space where it is a word, none where it is a number (原为 人, 原为2021).
DELETED = {"zh": "模板的参考列 {letter} 列（第{row}行原为{was}）被删除，其右侧各列都左移了一列：请撤销删除，"
                 "或从模板重新复制这一列（参考列不会被读取，已填写的数值不受影响）",
           "en": "the template's reference column {letter} (row {row} held {was}) was deleted, and the columns right "
                 "of it moved one to the left: undo the deletion, or copy that column back from the template "
                 "(reference columns are not read; the values typed stay)"}
INSERTED = {"zh": "模板的参考列中插入了一列（{letter} 列），其右侧各列都右移了一列：请删除这一列"
                  "（参考列不会被读取，已填写的数值不受影响）",
            "en": "a column ({letter}) was inserted among the template's reference columns, and the columns right of "
                  "it moved one to the right: delete that column (reference columns are not read; the values typed "
                  "stay)"}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(("columns", "told"), [
    # the unit (N) and the latest value's year (P), apart: P deleted first, then N (side by side: the next test)
    ((16, 14), [("N", DELETED, {"zh": "5", "en": "5"}, {"zh": " 人", "en": "people"}),
                ("P", DELETED, {"zh": "5", "en": "5"}, {"zh": "2021", "en": "2021"})]),
    # the name alone: the series now stands in its column, the agricultural parks' national row 15 reads 国家级
    # there, no name of another indicator's (before, that row was told its indicator's name changed)
    ((12,), [("L", DELETED, {"zh": "5", "en": "5"}, {"zh": " 研发人员数（人）", "en": "R&D personnel"})]),
])
def test_reference_columns_deleted_or_inserted_are_each_told_once_at_their_header_cells(
        weihai_in_project, project_tmp, capsys, language, columns, told):
    """Two reference columns deleted apart, or one deleted: each told once at its header cell,
    the values typed (rows 7 and 15) told nothing. Before, only one column deleted or inserted was recognised: two,
    and every row of the sheet was told its reference cells changed, one line each, no column named."""
    code, name, _ = _filled(weihai_in_project, project_tmp, language,
                            f"columns-{language}-{'_'.join(str(change) for change in columns)}",
                            {"D7": 24300, "E7": "威海市统计公报", "D15": 2.9, "E15": "威海市统计公报"},
                            columns=columns)
    assert code == 2
    sheet = {"zh": "数据报送", "en": "'Data entry'"}[language]
    assert _errors(capsys) == [
        f"error: {name}:{sheet}!{letter}3: " + words[language].format(
            letter=letter, row=(row or {}).get(language), was=(was or {}).get(language))
        for letter, words, row, was in told]


SIDE_BY_SIDE = {
    # the name and the series (L, M: M is then the unit's): the series' first row that held one is the agricultural
    # parks' national one (14)
    (12, 12): {"zh": "数据报送!L3:M3: 模板相邻的参考列 L、M 列（L 列第5行原为 研发人员数（人）；M 列第14行原为 国家级）"
                     "被删除，其右侧各列都左移了2列：请撤销删除，或从模板重新复制这些列"
                     "（参考列不会被读取，已填写的数值不受影响）",
               "en": "'Data entry'!L3:M3: the template's reference columns L and M, side by side, were deleted (column "
                     "L's row 5 held R&D personnel; column M's row 14 held national), and the columns right of them "
                     "moved 2 to the left: undo the deletion, or copy those columns back from the template (reference "
                     "columns are not read; the values typed stay)"},
    # the name, the series and the unit (L, M, N)
    (12, 12, 12): {"zh": "数据报送!L3:N3: 模板相邻的参考列 L、M、N 列（L 列第5行原为 研发人员数（人）；"
                         "M 列第14行原为 国家级；N 列第5行原为 人）被删除，其右侧各列都左移了3列："
                         "请撤销删除，或从模板重新复制这些列（参考列不会被读取，已填写的数值不受影响）",
                   "en": "'Data entry'!L3:N3: the template's reference columns L, M and N, side by side, were deleted "
                         "(column L's row 5 held R&D personnel; column M's row 14 held national; column N's row 5 held "
                         "people), and the columns right of them moved 3 to the left: undo the deletion, or copy "
                         "those columns back from the template (reference columns are not read; the values typed "
                         "stay)"},
    # two columns inserted before the unit: the new M and N
    (-13, -13): {"zh": "数据报送!M3:N3: 模板的参考列中插入了相邻的2列（M、N 列），其右侧各列都右移了2列：请删除这些列"
                       "（参考列不会被读取，已填写的数值不受影响）",
                 "en": "'Data entry'!M3:N3: 2 columns (M and N) were inserted side by side among the template's "
                       "reference columns, and the columns right of them moved 2 to the right: delete those columns "
                       "(reference columns are not read; the values typed stay)"},
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("columns", list(SIDE_BY_SIDE))
def test_reference_columns_deleted_or_inserted_side_by_side_are_told_once_together(
        weihai_in_project, project_tmp, capsys, language, columns):
    """Two or three reference columns deleted side by side, or two inserted: one line naming them all, at their header
    cells, with what each deleted one's first row held and how far the columns right of them moved. Before, each was
    told on its own line as the one deleted or inserted, the columns right of it "moved one" (they moved two)."""
    code, name, _ = _filled(weihai_in_project, project_tmp, language,
                            f"side-{language}-{'_'.join(str(change) for change in columns)}",
                            {"D7": 24300, "E7": "威海市统计公报", "D15": 2.9, "E15": "威海市统计公报"},
                            columns=columns)
    assert code == 2
    assert _errors(capsys) == [f"error: {name}:{SIDE_BY_SIDE[columns][language]}"]


def test_a_values_range_hint_is_the_rows_own_where_a_row_above_it_was_deleted(weihai_in_project, project_tmp,
                                                                                 capsys):
    """R&D personnel's 2023 row (6) deleted: row 7 now holds R&D intensity's 2022 row (its range 1.2～4.8, as its
    reference cell shows), where '30%' is typed. Before, the hint gave R&D personnel's range (7,667 – 69,000), the
    range of the row the template wrote there."""
    code, name, _ = _filled(weihai_in_project, project_tmp, "zh", "range", {"D7": "30%", "E7": "威海市统计公报"},
                            deleted=6)
    assert code == 2
    assert _errors(capsys) == [
        f"error: {name}:数据报送!D7: 数值: '30%' 不是数字（是否应为30？请去掉“%”，只写数字，按该指标本身的单位计："
        "报送表在该行右侧列出了单位）；但30不在该行的合理范围（1.2～4.8）内：请核对数值和单位，"
        "如确实无误，请在确认列说明理由"]
