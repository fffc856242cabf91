"""The departments' words read back: every row checked against the plan, in the workbook's language, the cell named.

Small hand-made sheets for each failure; the whole way (template, filled, read, tidy) is in
tests/publish/test_department_words.py.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.clean.department_words import tidy_department_words
from analysis.errors import InputError
from analysis.ingest.csv_reader import LINE_COLUMN
from analysis.ingest.department_words import WORDS_FILLED, WORDS_REQUIRED, WordsSheet
from analysis.ingest.xlsx_reader import SheetRows

TASKS = {"1.1", "4.2"}
SERIES = {(2, ""), (4, "provincial")}
YEARS = range(2021, 2025)
LETTERS = dict(zip([*WORDS_REQUIRED, *WORDS_FILLED], "ABCDEFGH"))


def sheet(rows: list[dict], department: str = "市科技局", language: str = "zh", year: int | None = 2024,
          name: str = "市科技局.xlsx") -> WordsSheet:
    records = [{**{column: "" for column in [*WORDS_REQUIRED, *WORDS_FILLED]}, **row, LINE_COLUMN: number}
               for number, row in enumerate(rows, 5)]
    frame = pd.DataFrame.from_records(records, columns=[*WORDS_REQUIRED, *WORDS_FILLED, LINE_COLUMN])
    return WordsSheet(Path(name), SheetRows(frame, "工作进展与说明", LETTERS), department, language, year)


TASK = {"item": "task", "id": "4.2", "year": "2024", "progress": "新引进专业研究院3家", "rating": "按计划推进"}
INDICATOR = {"item": "indicator", "id": "4", "series": "provincial", "year": "2024",
             "reasons": "园区统计口径调整，营收下降", "measures": "加快园区认定，扩大入园企业"}


def test_a_task_and_an_indicator_are_kept_with_their_department():
    words = tidy_department_words([sheet([TASK, INDICATOR])], TASKS, SERIES, YEARS)
    assert words[["item", "task_id", "indicator_id", "series", "rating"]].values.tolist() == [
        ["indicator", "", 4, "provincial", ""], ["task", "4.2", 0, "", "on_schedule"]]
    assert set(words["department_zh"]) == {"市科技局"}
    assert words.loc[words["item"] == "task", "source"].item() == "市科技局.xlsx:工作进展与说明!B5"


def test_a_rating_is_read_in_either_language_and_two_departments_on_one_task_both_kept():
    english = sheet([{**TASK, "rating": "behind schedule"}], department="市发展改革委", language="en",
                    name="Development and Reform.xlsx")
    words = tidy_department_words([sheet([TASK]), english], TASKS, SERIES, YEARS)
    assert sorted(zip(words["department_zh"], words["rating"])) == [("市发展改革委", "behind"),
                                                                    ("市科技局", "on_schedule")]


@pytest.mark.parametrize(("rows", "language", "cell", "words"), [
    ([{**TASK, "id": "9.9"}], "zh", "B5: 编号: ", "编号“9.9”不是方案中的重点任务"),
    ([{**TASK, "id": "9.9"}], "en", "B5: No.: ", "'9.9' is not one of the plan's key tasks"),
    ([{**INDICATOR, "series": ""}], "zh", "B5: 编号: ", "编号“4”（序列“”）不是方案中的指标"),
    ([{**TASK, "rating": "很好"}], "zh", "F5: 自评等级: ", "“很好”不在列表中；请选择：已完成；按计划推进"),
    ([{**TASK, "rating": "great"}], "en", "F5: Self-rating: ", "'great' is not on the list; choose one of: "
                                                          "Completed; On schedule; Behind schedule; Not started"),
    ([{**TASK, "reasons": "资金不足"}], "zh", "G5: 原因分析: ", "重点任务一行只填写“本年度进展”和“自评等级”"),
    ([{**INDICATOR, "progress": "done"}], "en", "E5: Progress this year: ",
     "an indicator's row takes the reasons and next measures only"),
    ([{**INDICATOR, "reasons": "ok"}], "en", "G5: Reasons: ", "'ok' says nothing; write it out in words"),
    ([{**INDICATOR, "reasons": "。"}], "zh", "G5: 原因分析: ", "“。”没有说明内容"),
    ([{**TASK, "year": "2023"}], "zh", "D5: 年份: ", "年份2023与本工作簿的报送年份2024不符"),
    ([{**TASK, "year": "2030"}], "en", "D5: Year: ", "year '2030' is not a report year of the plan (2021–2024)"),
    # a year written with 年: told to write the number, as the values sheet tells it (not that 2024 is no report year)
    ([{**TASK, "year": "2024年"}], "zh", "D5: 年份: ", "“2024年”不是数字：只填数字（2024）"),
    ([{**TASK, "year": "in 2024"}], "en", "D5: Year: ", "'in 2024' is not a number: write the number alone (2024)"),
    ([{**TASK, "item": "任务"}], "zh", "A5: 类型: ", "类型“任务”无法识别"),
    # a row typed below the listed ones: its kind empty
    ([{"progress": "另起一行写的进展"}], "zh", "A5: 类型: ", "该行不是表中列出的行（类型为空）"),
    ([{"reasons": "typed below the table"}], "en", "A5: Item: ", "a row the sheet does not list (its item is empty)"),
    ([TASK, {**TASK, "progress": "另一说法，完成改革"}], "zh", "B6: 编号: ", "同一部门对同一事项填写了两次（另见 "
                                                                          "市科技局.xlsx:工作进展与说明!B5）"),
])
def test_a_row_that_cannot_be_meant_is_refused_in_the_workbooks_language(rows, language, cell, words):
    with pytest.raises(InputError) as caught:
        tidy_department_words([sheet(rows, language=language)], TASKS, SERIES, YEARS)
    message = str(caught.value)
    assert message.startswith(f"市科技局.xlsx:工作进展与说明!{cell}") and words in message, message


def test_every_cell_of_a_row_that_says_nothing_is_told_at_once():
    # reasons "ok" and measures "。": both cells in one round (G5 and H5), not the second once the first is fixed
    from analysis.errors import InputErrors

    with pytest.raises(InputErrors) as caught:
        tidy_department_words([sheet([{**INDICATOR, "reasons": "ok", "measures": "。"}])], TASKS, SERIES, YEARS)
    lines = caught.value.lines()
    assert [line.split(": ", 1)[0].rsplit("!", 1)[-1] for line in lines] == ["G5", "H5"], lines
    assert "“ok”没有说明内容" in lines[0] and "“。”没有说明内容" in lines[1]


def test_a_workbook_that_names_no_department_is_refused():
    # a workbook of one's own: no template's year, no department
    with pytest.raises(InputError, match="未注明报送部门"):
        tidy_department_words([sheet([TASK], department="", year=None)], TASKS, SERIES, YEARS)


def test_a_department_the_plan_does_not_name_is_refused_in_one_line_in_the_workbooks_language():
    # the property changed to a department that does not exist: its words were kept under it
    departments = frozenset({"市科技局", "市发展改革委"})
    for language, words in (("zh", "该工作簿注明的报送部门“市不存在局”不是本方案的责任部门"),
                            ("en", "the workbook says it was sent by '市不存在局', "
                                   "a department this plan does not name")):
        with pytest.raises(InputError) as caught:
            tidy_department_words([sheet([TASK], department="市不存在局", language=language)], TASKS, SERIES, YEARS,
                                  departments=departments)
        assert str(caught.value).startswith(f"市科技局.xlsx: {words}"), str(caught.value)
    said = tidy_department_words([sheet([TASK])], TASKS, SERIES, YEARS, departments=departments)
    assert said["department_zh"].tolist() == ["市科技局"]


def test_a_template_of_a_plan_without_departments_is_kept_under_no_department():
    # the template for every series of a plan that names no departments records its year but no department
    words = tidy_department_words([sheet([INDICATOR], department="", name="全部指标.xlsx")], TASKS, SERIES, YEARS)
    assert words[["department_zh", "indicator_id", "reasons"]].values.tolist() == [
        ["", 4, "园区统计口径调整，营收下降"]]
    assert words["source"].tolist() == ["全部指标.xlsx:工作进展与说明!B5"]


def test_the_same_row_from_two_files_is_refused_with_both_cells_named():
    copy = sheet([TASK], name="市科技局 (2).xlsx")
    with pytest.raises(InputError) as caught:
        tidy_department_words([sheet([TASK]), copy], TASKS, SERIES, YEARS)
    assert str(caught.value).startswith("市科技局 (2).xlsx:工作进展与说明!B5: 编号: ")
    assert "另见 市科技局.xlsx:工作进展与说明!B5" in str(caught.value)


@pytest.mark.parametrize(("row", "cell", "words"), [
    # half a task's answer: a rating without what was done, or what was done without a rating
    ({**TASK, "progress": ""}, "E5: 本年度进展: ", "为空，但该行已选自评等级"),
    ({**TASK, "rating": ""}, "F5: 自评等级: ", "为空，但该行已填写本年度进展"),
])
def test_half_a_tasks_answer_is_refused_not_counted_as_sent(row, cell, words):
    with pytest.raises(InputError) as caught:
        tidy_department_words([sheet([row])], TASKS, SERIES, YEARS)
    assert str(caught.value).startswith(f"市科技局.xlsx:工作进展与说明!{cell}{words}")
    english = sheet([{**row, "rating": "On schedule" if row["rating"] else ""}], language="en")
    with pytest.raises(InputError, match=r"!(E5: Progress this year|F5: Self-rating): empty, though the row"):
        tidy_department_words([english], TASKS, SERIES, YEARS)


def test_the_workbooks_own_words_for_a_row_and_a_series_are_read_back():
    # a Chinese workbook writes the kind of row and the series as it names them (重点任务, 指标, 省级)
    words = tidy_department_words([sheet([{**TASK, "item": "重点任务"},
                                          {**INDICATOR, "item": "指标", "series": "省级"}])], TASKS, SERIES, YEARS)
    assert words[["item", "task_id", "indicator_id", "series"]].values.tolist() == [
        ["indicator", "", 4, "provincial"], ["task", "4.2", 0, ""]]


def test_every_mistake_of_a_sheet_is_told_at_once_each_on_its_line():
    from analysis.errors import InputErrors

    rows = [{**TASK, "id": "9.9"}, {**TASK, "id": "1.1", "rating": ""}, INDICATOR, {**INDICATOR, "reasons": "ok",
                                                                                   "id": "2", "series": ""}]
    with pytest.raises(InputErrors) as caught:
        tidy_department_words([sheet(rows)], TASKS, SERIES, YEARS)
    lines = caught.value.lines()
    assert [line.split(": ")[0].rsplit("!", 1)[1] + ": " + line.split(": ")[1] for line in lines] == [
        "B5: 编号", "F6: 自评等级", "G8: 原因分析"]  # row 7, the indicator's, is right and not named
    assert str(caught.value) == "\n".join(lines)


QUALITATIVE = {"item": "指标", "id": "22", "year": "2024", "progress": "新建省级以上创新平台12家",
               "rating": "按计划推进"}


def test_a_qualitative_indicators_row_takes_progress_and_a_rating_as_a_task_does():
    series = SERIES | {(22, "")}
    words = tidy_department_words([sheet([QUALITATIVE])], TASKS, series, YEARS, frozenset({22}))
    assert words[["item", "indicator_id", "progress", "rating"]].values.tolist() == [
        ["indicator", 22, "新建省级以上创新平台12家", "on_schedule"]]
    # reasons are a lagging indicator's: refused; half an answer: refused, as for a task
    with pytest.raises(InputError, match=r"工作进展与说明!G5: 原因分析: 定性指标一行只填写“本年度进展”和“自评等级”"):
        tidy_department_words([sheet([{**QUALITATIVE, "reasons": "平台建设滞后"}])], TASKS, series, YEARS,
                              frozenset({22}))
    with pytest.raises(InputError, match=r"工作进展与说明!E5: 本年度进展: 为空，但该行已选自评等级"):
        tidy_department_words([sheet([{**QUALITATIVE, "progress": ""}])], TASKS, series, YEARS, frozenset({22}))
    # not qualitative: progress in an indicator's row is refused
    with pytest.raises(InputError, match=r"E5: 本年度进展: 指标一行只填写“原因分析”和“下一步措施”"):
        tidy_department_words([sheet([QUALITATIVE])], TASKS, series, YEARS)


def test_a_task_rows_every_mistake_is_told_at_once():
    """A task's row with its progress, no rating and a reason (a task takes none): both told in one round, the
    rating's (F5) before the reason's (G5), not the rating only once the reason is deleted."""
    from analysis.errors import InputErrors

    with pytest.raises(InputErrors) as caught:
        tidy_department_words([sheet([{**TASK, "rating": "", "reasons": "原因"}])], TASKS, SERIES, YEARS)
    lines = caught.value.lines()
    assert [line.split(": ", 1)[0].rsplit("!", 1)[-1] for line in lines] == ["F5", "G5"], lines
    assert "自评等级" in lines[0] and "原因分析" in lines[1]


def test_a_row_with_a_cell_the_reader_refused_has_its_other_cells_checked_in_the_same_round():
    """The reader refused row 5's progress (struck through, say) and told it; the row is left out, and its rating not
    on the list is told with it, not once the strike is removed; the progress is not told again."""
    from analysis.errors import InputErrors
    from analysis.ingest.xlsx_reader import TOLD

    told = InputError("带有删除线", file="市科技局.xlsx", line="工作进展与说明!E5", field="progress")
    words = sheet([])
    refused = {**{column: "" for column in [*WORDS_REQUIRED, *WORDS_FILLED]}, **TASK, "rating": "差不多",
               LINE_COLUMN: 5, TOLD: frozenset({"progress"})}
    rows = SheetRows(words.rows.frame, "工作进展与说明", LETTERS, mistakes=[told], refused=[refused])
    with pytest.raises(InputErrors) as caught:
        tidy_department_words([WordsSheet(words.path, rows, "市科技局", "zh", 2024)], TASKS, SERIES, YEARS)
    assert [line.split(": ", 1)[0].rsplit("!", 1)[-1] for line in caught.value.lines()] == ["E5", "F5"]
    assert "“差不多”不在列表中" in caught.value.lines()[1]


def _greys(shown: dict) -> WordsSheet:
    """Task 4.2's row, filled, its name cell (J5) typed over and its empty assessment cell (K5) as the template left
    it; ``shown``: what the template recorded it wrote there."""
    words = sheet([TASK])
    aside = {5: ({"item": "task", "id": "4.2", "series": "", "year": "2024"},
                 (("工作进展与说明!J5", "产研院建设（已完成）"), ("工作进展与说明!K5", None)))}
    rows = SheetRows(words.rows.frame, "工作进展与说明", LETTERS, aside=aside)
    return WordsSheet(words.path, rows, "市科技局", "zh", 2024, frozenset({"task/4.2/"}), shown)


def test_a_grey_cell_is_compared_with_what_its_template_recorded_and_a_workbook_recording_none_is_read_as_before():
    """A name typed over is told at its cell with the name to put back; a workbook made before templates recorded
    their grey cells (none recorded) has its rows read as before, its grey cells not compared; the same name written
    with spaces is no mistake, a full-width parenthesis written half-width is."""
    with pytest.raises(InputError) as caught:
        tidy_department_words([_greys({"task/4.2/": {1: "产研院建设"}})], TASKS, SERIES, YEARS)
    assert str(caught.value) == ("市科技局.xlsx:工作进展与说明!J5: 任务或指标名称: 灰色单元格不会被读取，"
                                 "本表原为“产研院建设”，却被改为“产研院建设（已完成）”：请恢复原样，并在黄色单元格中填写")
    assert tidy_department_words([_greys({})], TASKS, SERIES, YEARS)["task_id"].tolist() == ["4.2"]
    said = tidy_department_words([_greys({"task/4.2/": {1: " 产研院建设\n（已完成） "}})], TASKS, SERIES, YEARS)
    assert said["task_id"].tolist() == ["4.2"]
    with pytest.raises(InputError, match="J5"):
        tidy_department_words([_greys({"task/4.2/": {1: "产研院建设(已完成)"}})], TASKS, SERIES, YEARS)


def _copied(year: str, greys: bool = True, language: str = "zh") -> WordsSheet:
    """Task 4.2's row (5), filled for the workbook's year, and below it (6) the same row copied whole, its grey name
    cell too (or typed below without it: ``greys`` False), its year changed to ``year`` and its progress typed."""
    words = sheet([TASK, {**TASK, "year": year, "progress": "下一年度的进展"}], language=language)
    name = "产研院建设"
    aside = {number: ({"item": "task", "id": "4.2", "series": "", "year": given},
                      ((f"工作进展与说明!J{number}", name if number == 5 or greys else None),
                       (f"工作进展与说明!K{number}", None)))
             for number, given in ((5, "2024"), (6, year))}
    rows = SheetRows(words.rows.frame, "工作进展与说明", LETTERS, aside=aside)
    return WordsSheet(words.path, rows, "市科技局", language, 2024, frozenset({"task/4.2/"}),
                      {"task/4.2/": {1: name}})


@pytest.mark.parametrize(("year", "language", "words"), [
    # a year after the plan's report years: told as the copy it is, no workbook of that year asked for (none has words)
    ("2025", "zh", "年份为2025，但本工作簿是为2024年生成的；这一行是复制本表第5行后改了年份添加的：请删除这一行"
                   "（2025年不是方案的报告年份，2021—2024年，无须填写工作进展与说明）"),
    ("2023", "en", "year 2023, but the workbook was made for 2024; this row was added, a copy of the sheet's row 5 "
                   "with its year changed: delete it; words for 2023 go in the workbook for 2023 (ask the office that "
                   "sent this one for it)"),
])
def test_a_row_copied_whole_with_its_year_changed_is_told_which_row_it_copies(year, language, words):
    """As on the sheet of values: a department copies its task's row, grey cells and all, to report another year's
    progress; told at the copy's year which row it copies and where those words go, the row it copies read."""
    with pytest.raises(InputError) as caught:
        tidy_department_words([_copied(year, language=language)], TASKS, SERIES, YEARS)
    label = "年份" if language == "zh" else "Year"
    assert str(caught.value) == f"市科技局.xlsx:工作进展与说明!D6: {label}: {words}"


def test_a_row_typed_below_without_the_grey_cells_is_no_copy():
    with pytest.raises(InputError) as caught:
        tidy_department_words([_copied("2023", greys=False)], TASKS, SERIES, YEARS)
    assert str(caught.value) == "市科技局.xlsx:工作进展与说明!D6: 年份: 年份2023与本工作簿的报送年份2024不符"
