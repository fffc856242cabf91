"""The departments' words the whole way: a template's words sheet, filled as a department would, dropped into
observations/, read back with the values, merged, and written into the self-evaluation report.

The example 2022–2024 data (tests/fixtures/example-2022-2024) give the 2024 assessment: R&D intensity (2) is 2.70
against 2.8, a final "not achieved", so the science bureau (its lead in departments.csv) explains it; R&D
personnel (1), 24,800 against 24,500, is achieved and needs no word. The science bureau leads eight of the plan's
key tasks as printed (1.2, 2.1, 3.4, 4.2, 4.4, 5.2, 6.2, 6.5: the first department named in each).
"""
from __future__ import annotations

import re

import openpyxl
import pytest

from analysis.catalog import catalog
from analysis.errors import InputError, InputErrors
from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.publish.templates import build_templates
from analysis.report.entry_workbooks import clipped
from analysis.report.self_evaluation import Placeholder, self_evaluation_blocks
from analysis.report.tables import quality_table
from tests.conftest import DEFAULT_PLAN_DIR, FIXTURES, NATIONAL_DIR, copy_plan
from tests.support.self_evaluation import block_texts, year_context

#: The tasks the science bureau leads: named first (1.2, 2.1, …), or assigned by function in task_leads.csv (2.2, 7.2)
SCIENCE_TASKS = ["1.2", "2.1", "2.2", "3.4", "4.2", "4.4", "5.2", "6.2", "6.5", "7.2"]
WORDS_SHEET = "工作进展与说明"
#: A row's kind as a Chinese workbook writes it (and reads it back).
ITEM = {"task": "重点任务", "indicator": "指标"}


@pytest.fixture(scope="module")
def plan(project_tmp):
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-plan" / "weihai", FIXTURES / "example-2022-2024")
    return load_plan(folder)


@pytest.fixture(scope="module")
def templates(plan, project_tmp):
    return {path.stem.removeprefix("2024-"): path for path in build_templates(plan, 2024, "zh",
                                                                            project_tmp / "words-templates")}


def _rows(path):
    """The words sheet's rows: kind, id (as text: an indicator's id is a number there, a task's 1.2 text), series,
    year."""
    sheet = openpyxl.load_workbook(path)[WORDS_SHEET]
    return [[row[0].value, str(row[1].value), row[2].value, row[3].value] for row in sheet.iter_rows(min_row=5)
            if row[0].value]


def test_the_words_sheet_lists_the_tasks_led_and_the_indicators_to_explain(templates):
    rows = _rows(templates["市科技局"])
    assert [row[1] for row in rows if row[0] == ITEM["task"]] == SCIENCE_TASKS
    explained = [(row[1], row[2]) for row in rows if row[0] == ITEM["indicator"]]
    # every series it leads has a row for reasons: R&D intensity (2), warned, among the first, which must be
    # explained; R&D personnel (1), achieved, after them, explained only if its value falls behind (a lag the
    # department's own 2024 value shows is explained in the same workbook)
    assert explained.index(("2", None)) < explained.index(("1", None))
    # its qualitative indicators (22, 24: no value to send) ask for progress and a self-rating
    assert ("22", None) in explained and ("24", None) in explained
    # an indicator's id a number, as on the values sheet (before: the text "2"); a task's (1.2) text
    sheet = openpyxl.load_workbook(templates["市科技局"])[WORDS_SHEET]
    types: dict[str, set] = {}
    for row in (row for row in sheet.iter_rows(min_row=5) if row[0].value):
        types.setdefault(row[0].value, set()).add(type(row[1].value))
    assert types == {ITEM["task"]: {str}, ITEM["indicator"]: {int}}
    assert all(row[3] == 2024 for row in rows)
    # a department that leads tasks but no indicator gets a workbook of words only
    only_words = openpyxl.load_workbook(templates["市交通运输局"])
    assert only_words.sheetnames == [WORDS_SHEET]
    assert [row[1] for row in _rows(templates["市交通运输局"])] == ["3.2"]
    # a task whose lead task_leads.csv assigns by function goes to that lead: 2.2 to the science bureau, not the
    # trade union the plan lists first (which gets no workbook)
    assert "2.2" in SCIENCE_TASKS and "市总工会" not in templates


def test_a_workbook_of_words_only_asks_what_its_rows_hold_and_names_its_own_sheet(templates):
    """The transport bureau leads task 3.2 and no indicator: its workbook, of words only, said to send it back with
    the data-entry sheet it lacks, spoke of the reasons for each indicator it leads (none), and its property
    ``analysis_sheet`` named 数据报送, a sheet it does not have. The science bureau's, of both sheets, asks all."""
    only_words = openpyxl.load_workbook(templates["市交通运输局"])
    assert only_words[WORDS_SHEET]["A2"].value == (
        "请在黄色单元格中填写：方案列本部门为首位责任部门的每项重点任务2024年的进展（做了什么、取得什么成效）"
        "并选择自评等级。选中黄色单元格可看到该行的任务或指标及其评估；内容较多时可拉高该行。不涉及的行留空，请勿改动其他单元格。"
        "填好后报送本工作簿。")
    properties = {prop.name: prop.value for prop in only_words.custom_doc_props.props}
    assert properties["analysis_sheet"] == WORDS_SHEET
    # titled by what it holds: key tasks, no indicator to explain (before: 重点任务进展与指标说明; its file's title
    # 数据报送表, a sheet it does not have)
    plan_title = "威海市建设国家创新型城市实施方案（2022—2024年）"
    assert only_words[WORDS_SHEET]["A1"].value == f"市交通运输局：2024年重点任务进展（{plan_title}）"
    assert only_words.properties.title == f"市交通运输局：2024年重点任务进展（{plan_title}）"
    both = openpyxl.load_workbook(templates["市科技局"])
    assert both[WORDS_SHEET]["A2"].value == (
        "请在黄色单元格中填写：方案列本部门为首位责任部门的每项重点任务、本部门牵头的每项定性指标2024年的进展"
        "（做了什么、取得什么成效）并选择自评等级；本部门牵头的每项指标的原因和下一步措施：出现预警或未达标的（排在前面）必须填写，"
        "其余指标如2024年数值落后也请填写。选中黄色单元格可看到该行的任务或指标及其评估；内容较多时可拉高该行。"
        "不涉及的行留空，请勿改动其他单元格。填好后与数据报送表一并报送。")
    assert {prop.name: prop.value for prop in both.custom_doc_props.props}["analysis_sheet"] == "数据报送"
    assert both[WORDS_SHEET]["A1"].value == f"市科技局：2024年重点任务进展与指标说明（{plan_title}）"
    # the publication date's example after the year whose values are asked: 2024's are published in 2025
    assert both["数据报送"]["I3"].value == "发布日期（如2025-02-28）"


def test_only_the_cells_a_row_takes_are_input_cells(templates):
    sheet = openpyxl.load_workbook(templates["市科技局"])[WORDS_SHEET]
    task = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == ITEM["task"])
    indicator = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == ITEM["indicator"]
                     and str(row[1].value) == "2")
    assert [cell.protection.locked for cell in task[:8]] == [True] * 4 + [False, False, True, True]
    assert [cell.protection.locked for cell in indicator[:8]] == [True] * 4 + [True, True, False, False]
    qualitative = next(row for row in sheet.iter_rows(min_row=5) if str(row[1].value) == "22")
    assert [cell.protection.locked for cell in qualitative[:8]] == [True] * 4 + [False, False, True, True]
    assert qualitative[10].value == "定性指标：请写明本年度进展并选择自评等级"
    assert any(f"F{qualitative[0].row}" in str(v.sqref) for v in sheet.data_validations.dataValidation)
    assert sheet.protection.sheet
    rating = next(v for v in sheet.data_validations.dataValidation if "F5" in str(v.sqref))
    assert rating.formula1 == '"已完成,按计划推进,进度滞后,尚未启动"'


def test_selecting_an_input_cell_names_its_row_and_the_naming_columns_stay_in_view(templates):
    """The name and the assessment stand right of the input columns, off a laptop's screen while one types: each input
    cell's prompt repeats them, and the columns A–D (kind, id, series, year) stay in view as the sheet scrolls."""
    book = openpyxl.load_workbook(templates["市科技局"])
    sheet = book[WORDS_SHEET]
    assert sheet.freeze_panes == "E5"
    # the values sheet: indicator_id, series, year and the value
    assert book.worksheets[0].freeze_panes == "E5"
    prompts = {str(v.sqref): (v.promptTitle, v.prompt) for v in sheet.data_validations.dataValidation}
    intensity = next(row[0].row for row in sheet.iter_rows(min_row=5) if str(row[1].value) == "2")
    # R&D intensity, 2.70 in 2024 against 2.8: its two input cells (reasons G, measures H)
    assert prompts[f"G{intensity}"] == prompts[f"H{intensity}"] == (
        "指标2", "全社会R&D经费支出占地区GDP比重（%）\n按2024年数值2.7%：红色预警 · 未达标")
    assert f"E{intensity}" not in prompts  # a locked cell has no prompt
    # a series of an indicator of two: the title names it
    provincial = next(row[0].row for row in sheet.iter_rows(min_row=5)
                      if str(row[1].value) == "5" and row[2].value == "省级")
    assert prompts[f"G{provincial}"][0] == "指标5（省级）"
    # a task: its title; the rating cell keeps its list and shows the same prompt
    task = next(row[0].row for row in sheet.iter_rows(min_row=5) if str(row[1].value) == "6.5")
    assert prompts[f"E{task}"] == prompts[f"F{task}"] == ("重点任务6.5", "聚焦专业特色，推进产业园区提档升级")


def test_a_value_already_on_file_for_the_year_asked_is_shown_beside_the_latest_before_it(templates):
    """The example data hold R&D personnel's 2024 value (24,800) already: the values sheet shows it beside the latest
    value before 2024 (24,300 in 2023), so a clerk asked for 2024 knows it is in, as the words sheet judges it."""
    sheet = openpyxl.load_workbook(templates["市科技局"]).worksheets[0]
    labels = [cell.value for cell in sheet[3]]
    personnel = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == 1)
    assert personnel[labels.index("最新已知值")].value == 24300
    assert personnel[labels.index("本行年份已收到的数值")].value == 24800
    prompt = next(v.prompt for v in sheet.data_validations.dataValidation if str(v.sqref) == f"D{personnel[0].row}")
    assert prompt.startswith("已收到2024年数值24,800人：无修订可留空")  # in its unit (before: a bare 24,800)


def test_a_level_held_every_year_is_judged_on_each_years_value_not_the_last_alone(templates):
    """Energy saving (18): 5.3 in 2024 meets ≥5, but 4.6 in 2023 did not: the red warning rests on the years the plan
    sets the level for, 2023 and 2024, not on 2024's value, which meets the floor. Good-air days (17): 92 in 2024
    meets ≥90 and 91.2 in 2023 did (89.5 in 2022, a year the plan sets none for, is held to none): no warning, its
    2024 value the one judged."""
    sheet = openpyxl.load_workbook(templates["市发展改革委"])[WORDS_SHEET]
    energy = next(row for row in sheet.iter_rows(min_row=5) if str(row[1].value) == "18")
    assert energy[10].value == "按2023—2024年各年数值：红色预警 · 未达标（2023年未达到）"
    sheet = openpyxl.load_workbook(templates["市生态环境局"])[WORDS_SHEET]
    air = next(row for row in sheet.iter_rows(min_row=5) if str(row[1].value) == "17")
    assert air[10].value.startswith("按2024年数值92%：已达标，暂无预警")


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("R&D personnel", 20, "R&D personnel"),
    ("Number of high-tech enterprises relative to the number", 40, "Number of high-tech enterprises…"),
    ("科技创新基地（重点实验室、技术创新中心）", 10, "科技创新基地（重点…"),
    ("产研院建设，加快", 6, "产研院建设…"),
])
def test_a_prompt_too_long_is_cut_at_a_word_and_says_so(text, limit, expected):
    assert clipped(text, limit) == expected and len(clipped(text, limit)) <= limit


def _fill(source, target, answers: dict) -> None:
    book = openpyxl.load_workbook(source)
    for row in book[WORDS_SHEET].iter_rows(min_row=5):
        for (item, identifier), cells in answers.items():
            if row[0].value == ITEM[item] and str(row[1].value) == identifier:
                for column, text in cells.items():
                    row["EFGH".index(column) + 4].value = text
    book.save(target)


@pytest.fixture(scope="module")
def filled(plan, templates):
    _fill(templates["市科技局"], plan.observations_dir / "市科技局.xlsx", {
        ("task", "4.2"): {"E": "产研院完成改革，新建专业研究院3家", "F": "按计划推进"},
        ("task", "6.5"): {"E": "园区提档升级方案已印发", "F": "进度滞后"},
        ("indicator", "2"): {"G": "重点企业研发投入增速放缓", "H": "落实研发费用加计扣除，扩大奖补"},
        ("indicator", "1"): {"G": "新增两家企业研发中心", "H": "继续实施人才引进计划"},  # achieved: no warning
        ("indicator", "22"): {"E": "新建省级以上创新平台12家", "F": "按计划推进"}})
    tables = build_tables(plan, "eurostat")
    yield tables
    (plan.observations_dir / "市科技局.xlsx").unlink()


def test_the_words_are_read_back_with_the_values_and_kept_per_year(filled):
    words = filled.words
    assert words[["department_zh", "item", "task_id", "indicator_id", "rating", "year"]].values.tolist() == [
        ["市科技局", "indicator", "", 1, "", 2024], ["市科技局", "indicator", "", 2, "", 2024],
        ["市科技局", "indicator", "", 22, "on_schedule", 2024],
        ["市科技局", "task", "4.2", 0, "on_schedule", 2024],
        ["市科技局", "task", "6.5", 0, "behind", 2024]]
    assert words.loc[words["task_id"] == "4.2", "source"].item().startswith("市科技局.xlsx:工作进展与说明!B")
    # the values sheet of the same workbook, left empty, adds no observation and no error
    assert not filled.values["source"].str.contains("市科技局.xlsx").any()


def test_the_draft_shows_what_was_sent_and_names_who_owes_the_rest(filled):
    text = "\n".join(block_texts(self_evaluation_blocks(year_context(filled, "zh"))))
    assert "市科技局（自评：按计划推进）：产研院完成改革，新建专业研究院3家" in text
    assert "原因（市科技局）：重点企业研发投入增速放缓" in text
    assert "R&D经费投入强度（市科技局）：落实研发费用加计扣除，扩大奖补" in text
    assert "重点任务6.5 聚焦专业特色，推进产业园区提档升级：市科技局自评为“进度滞后”。" in text
    # words sent for a series without a warning (R&D personnel, achieved) are shown under the indicator table, said
    # to be so, not dropped (nor filed among the problems)
    # (a final evaluation's: no warnings, the series is no target missed)
    explained = "研发人员数（指标1，已达标，不属未完成目标）说明（市科技局）：新增两家企业研发中心"
    assert explained in text and text.index(explained) < text.index("六、存在的问题")
    assert "研发人员数（市科技局）：继续实施人才引进计划" in text
    # a qualitative indicator: the self-rating in the table, what was done below it; 24, not sent, a placeholder
    table = next(b for b in self_evaluation_blocks(year_context(filled, "zh")) if b.kind == "table")
    rows = {row[0]: "".join(str(p) for p in row[-1]) for row in table.rows}
    assert rows["22"].endswith("（自评：按计划推进，见下文说明）") and "【" not in rows["22"]
    assert "定性指标22 " in text and "：市科技局（自评：按计划推进）：新建省级以上创新平台12家" in text
    assert rows["24"] == "定性指标（尚未评价，进展待报送，见下文说明）"
    assert [line for line in text.split("\n") if line.startswith("定性指标24 ") and line.endswith("：【市科技局】")]
    # the English edition quotes the Chinese words as written, and says it does
    english = "\n".join(block_texts(self_evaluation_blocks(year_context(filled, "en"))))
    assert "(self-rating: On schedule): 产研院完成改革，新建专业研究院3家 (original, untranslated)" in english
    assert "重点企业研发投入增速放缓 (original, untranslated)" in english
    # (the name quoted inside the sentence, as the plan gives it)
    assert ("Indicator 1, “R&D personnel” (achieved, not among the targets missed). Explanation (Municipal Science "
            "and Technology Bureau): "
            "新增两家企业研发中心 (original, untranslated)") in english
    # task 1.1 is led by the development and reform commission, which sent nothing
    task = text.index("1.1 创新布局")
    assert text[task:].split("\n")[1] == "【市发展改革委】"
    # the outline, in order
    headings = [b.parts[0] for b in self_evaluation_blocks(year_context(filled, "zh")) if b.kind == "heading"
                and b.level == 1]
    assert headings == ["一、总体情况和整体评价", "二、目标和指标完成情况", "三、重点任务实施情况",
                        "四、组织保障措施落实情况", "五、取得的经验做法", "六、存在的问题和意见建议",
                        "七、证明材料和附件",
                        "附：材料报送情况（供评估牵头单位核对，定稿报送前删除）"]


def test_the_submissions_table_says_who_sent_what_and_what_is_missing(filled):
    table = [b for b in self_evaluation_blocks(year_context(filled, "en")) if b.kind == "table"][-1]
    rows = {row[0]: row for row in table.rows}
    science = rows["Municipal Science and Technology Bureau"]
    # 5 rows filled: tasks 4.2 and 6.5, indicators 2 (warned) and 22 (qualitative), all owed, and the explanation of
    # R&D personnel (1), which has no warning: counted beside the owed, so that owed − filled is what is missing
    # tasks due: the 8 named first and 2.2 and 7.2, which task_leads.csv assigns it
    assert science[1:5] == ["10", science[2], "4 (and 1 not asked for)", "市科技局.xlsx"]
    assert "task 4.2" not in science[5] and "task 1.2" in science[5] and "indicator 2;" not in science[5] + ";"
    # a qualitative indicator is owed until its progress is sent: 24, not 22
    assert "indicator 24" in science[5] and "indicator 22;" not in science[5] + ";"
    # in number order: the lagging series, then the qualitative indicators owed
    owed = [int(part.split()[1]) for part in science[5].split("; ") if part.startswith("indicator")]
    assert owed == sorted(owed)
    assert "task 2.2" in science[5] and not any("Trade Union" in name for name in rows)
    approval = rows[next(name for name in rows if "Administrative Approval" in name)]
    assert approval[1:6] == ["1", "0", "0", "none", "task 7.1"]


def test_with_nothing_sent_every_gap_is_a_placeholder(project_tmp):
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-empty" / "weihai", FIXTURES / "example-2022-2024")
    empty = load_plan(folder)
    blocks = self_evaluation_blocks(year_context(build_tables(empty, "eurostat"), "zh", 2023))
    placeholders = [p.who for b in blocks for p in b.parts if isinstance(p, Placeholder)]
    # one per task (each lead named) and one per support measure, the overall judgement, the experience, and per
    # lagging indicator its reasons and its measures
    assert placeholders.count("评估牵头单位") >= 5 + 3
    assert placeholders.count("市发展改革委") >= 12  # the tasks it leads: 1.1, 1.3, 2.3, 3.3, 4.1, 4.3, 5.1, 6.1, …
    assert not any("自评：" in "".join(str(p) for p in b.parts) for b in blocks)


def test_a_filled_words_sheet_is_never_written_over(plan, templates, project_tmp):
    """Told in the workbook's language, naming the cells filled (it named the row's locked id, B5, in English)."""
    _fill(templates["市交通运输局"], templates["市交通运输局"], {("task", "3.2"): {"E": "新开通国际航线2条",
                                                                                   "F": "按计划推进"}})
    with pytest.raises(InputError) as caught:
        build_templates(plan, 2024, "zh", project_tmp / "words-templates")
    assert str(caught.value).endswith(f"市交通运输局.xlsx: 已填有内容（{WORDS_SHEET}!E5, {WORDS_SHEET}!F5）："
                                      "填过的工作簿不会被覆盖；请将其移走（如已填好，移入方案的 observations/ "
                                      "文件夹）后重新运行")


def test_the_plans_own_status_words_are_counted_by_indicator(project_tmp):
    # the 2022 review of the example data (a year of the plan period), in the review wording
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-review" / "weihai", FIXTURES / "example-2022-2024")
    text = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(text + "status_words: {vocabulary: review}\n", encoding="utf-8")
    tables = build_tables(load_plan(folder), "eurostat")
    context = year_context(tables, "zh", 2022)
    sentence = next(t for t in block_texts(self_evaluation_blocks(context)) if t.startswith("按规划评估表述计"))
    # one list, its items parted by 、 (提前实现6项、快于预期7项、…)
    counts = dict(re.fullmatch(r"(\D+?)(\d+)项", part).groups()
                  for part in sentence.split("：", 1)[1].rstrip("。").split("、"))
    assert "相对滞后" in counts and "快于预期" in counts
    total = int(sentence.split("项定量指标中")[0].split("，")[1])
    assert sum(int(n) for n in counts.values()) == total


def test_the_completion_share_as_official_reviews_state_it(filled):
    # the example's final verdicts (tests/assess/test_example_dataset.py): 12 indicators achieved, 9 not achieved;
    # one moving away (4: its provincial series has 2022 only) and one moderate (21: 2023 only) have no target
    # year's value, a progress verdict: 12 of all 23 = 52.17 %, 52.2 % first (28个指标中…达到25个, 89.3%), then 12 of
    # the 21 with a final verdict = 57.14 %, 57.1 %
    text = block_texts(self_evaluation_blocks(year_context(filled, "zh")))
    assert ("23项定量指标中，达到目标的12项，按全部定量指标计，达标比例为52.2%（12/23）；按目标年份数据已到位、"
            "可作最终判定的21项计，达标比例为57.1%（12/21）。其余2项仅有进展判断：指标4的省级序列尚缺"
            "2023—2024年数据；"
            "指标21尚缺2024年数据。") in text
    english = block_texts(self_evaluation_blocks(year_context(filled, "en")))
    assert ("Of the 23 quantitative indicators, 12 reached their target: 52.2% of all quantitative indicators (12 of "
            "23); of the 21 with a final verdict (their target year's value is in), 57.1% reached it (12 of 21). The "
            "other 2 have a progress verdict only: indicator 4 lacks the 2023–2024 values of its provincial series; "
            "indicator 21 lacks its 2024 value.") in english


def test_a_verdict_from_the_printed_baselines_alone_is_not_counted(project_tmp):
    # the plan as printed, final 2024: its values stop at the 2021 baselines, before the plan period (2022–2024),
    # so no indicator counts towards the completion share and all 23 numeric ones are named as without data
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-printed" / "weihai")
    text = block_texts(self_evaluation_blocks(year_context(build_tables(load_plan(folder), "eurostat"), "zh", 2024)))
    assert ("23项定量指标均尚无方案实施期内（2022年起）数据（指标1、2、3、4、5、6、7、8、9、10、11、12、13、14、"
            "15、16、17、18、19、20、21、25、26），暂不计算完成情况。") in text
    assert not any("指标完成率" in t for t in text)


def test_a_task_names_who_the_plan_makes_responsible_and_a_series_its_level_once(filled):
    text = block_texts(self_evaluation_blocks(year_context(filled, "zh")))
    # the plan prints （责任单位：市发展改革委、市工业和信息化局、…） under task 1.1: no lead named, the first listed
    # reports
    task = next(t for t in text if t.startswith("1.1 "))
    assert task.startswith("1.1 创新布局，优化城市梯次发展新空间（责任部门：市发展改革委、市工业和信息化局、")
    # one word for the departments a task names, as the report's own: the plan prints 责任单位 under some tasks (1.1)
    # and 责任部门 under others (3.3), the self-evaluation 责任部门 under every one
    tasks = [t for t in text if re.match(r"\d\.\d+ ", t) and "（责任" in t]
    assert len(tasks) == 29 and all("（责任部门：" in t and "责任单位" not in t for t in tasks)
    assert task.endswith("各区市政府、开发区管委）") and "牵头" not in task and "汇总报送" not in task
    # 国家级科技创新基地 says its level; 省级农业科技园区营收占比 too: no "(国家级)" after them
    assert not any("国家级科技创新基地 (国家级)" in t or "（国家级）" in t or "(省级)" in t for t in text)
    english = block_texts(self_evaluation_blocks(year_context(filled, "en")))
    task = next(t for t in english if t.startswith("Task 1.1 – "))
    assert task.endswith("development zones)") and "reports" not in task and "lead" not in task


def test_a_completion_share_from_one_indicator_says_it_counts_one_of_all(project_tmp):
    # the plan as printed and one published value for the plan period: marine economy (26), 36.6 in 2022 against 36
    # for 2024, met (as the real data of 2023 have it), but a progress verdict: 2024's value is not in. None of the
    # 23 numeric indicators has a final verdict, so no share (never "1 of 1 … 100.0%")
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-one" / "weihai")
    (folder / "observations" / "2023-one.csv").write_text(
        "indicator_id,series,year,value,source\n26,,2022,36.6,威海日报2023\n", encoding="utf-8")
    tables = build_tables(load_plan(folder), "eurostat")
    zh = block_texts(self_evaluation_blocks(year_context(tables, "zh", 2024)))
    assert ("23项定量指标均尚无最终判定（目标年份数据尚未到位），暂不计算指标达标比例：1项仅有进展判断"
            "（指标26尚缺2023—2024年数据）；22项尚无方案实施期内（2022年起）数据。") in zh
    assert not any("100.0%" in t for t in zh)
    en = block_texts(self_evaluation_blocks(year_context(tables, "en", 2024)))
    assert ("None of the 23 quantitative indicators has a final verdict yet (no target year's value has been "
            "published), so no share of indicators achieved is given: 1 with a progress verdict only (indicator 26 "
            "lacks its 2023–2024 values); 22 without data for the plan period (from 2022).") in en


def test_the_indicator_table_names_the_year_a_level_held_every_year_missed(filled):
    # energy saving (18): ≥5 every year; 4.6 in 2023 missed it, 5.3 in 2024 meets it: not achieved, for 2023's 4.6
    # (the latest values' years differ, 4 provincial's is 2022's: each cell says its own)
    table = next(b for b in self_evaluation_blocks(year_context(filled, "zh")) if b.kind == "table")
    row = next(r for r in table.rows if r[0] == "18")
    assert row[-1] == "未达标（2023年为4.6%，未达到）" and row[-2] == "5.3（2024年）" and table.headers[-2] == "最新值"


def test_a_series_still_to_accelerate_at_the_final_evaluation_is_a_problem(filled):
    # R&D super-deduction (21): 9.3 in 2023, no 2024 value, against 10 for 2024: moderate, shown as projected to
    # miss (预计未达标), amber with no time left to accelerate, a problem the final self-evaluation names
    text = block_texts(self_evaluation_blocks(year_context(filled, "zh")))
    problems = text[text.index("（一）存在的问题"):text.index("（二）下一步措施")]
    assert any(t.startswith("研发费用加计扣除减免占研发经费比重：预计未达标（进展判断，非最终判定；"
                            "按2023年数值推算，2024年难以达到目标；最新值为2023年，2024年无数据；数据缺失，待补充）")
               for t in problems)
    # a level held every year and missed in 2023: its rate is 2024's alone
    assert any(t.startswith("万元GDP能耗下降率：未达标（2023年未达到；2024年当年完成率106.0%）")
               for t in problems)


def test_a_workbooks_every_mistake_is_told_at_once_and_a_note_on_a_missing_value_is_kept(templates, project_tmp):
    """A clerk's workbook with a mistake in each sheet: both told, in Chinese, each cell's column by its label; a row
    without a value whose note says why is the department's word, listed in the data-quality log; 初步数 marks a
    preliminary value."""
    from analysis.errors import InputErrors

    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-mistakes" / "weihai")  # the plan's own data only
    plan = load_plan(folder)
    book = openpyxl.load_workbook(templates["市科技局"])
    values = book["数据报送"]
    rows = {row[0].value: row[0].row for row in values.iter_rows(min_row=5) if isinstance(row[0].value, int)}
    values[f"D{rows[1]}"], values[f"E{rows[1]}"] = "24,800", "统计公报"  # a thousands separator: not a number
    values[f"G{rows[3]}"] = "统计局尚未发布，预计6月公布"  # no value, and why
    # what the reader finds (a formula), the checks (above) and the plausibility check (26 for a share of 2.4 in
    # 2021: ten times), all in one round, in the order of the cells
    values[f"D{rows[2]}"], values[f"E{rows[2]}"] = 26, "统计公报"
    values[f"D{rows[10]}"], values[f"E{rows[10]}"] = "=1500+80", "统计公报"
    words = book[WORDS_SHEET]
    task = next(row for row in words.iter_rows(min_row=5) if row[0].value == ITEM["task"] and row[1].value == "1.2")
    task[5].value = "按计划推进"  # a rating without what was done
    path = plan.observations_dir / "市科技局.xlsx"
    book.save(path)
    with pytest.raises(InputErrors) as caught:
        build_tables(plan, "eurostat")
    lines = caught.value.lines()
    assert len(lines) == 4, lines
    assert lines[0].endswith(f"市科技局.xlsx:数据报送!D{rows[1]}: 数值: '24,800' 不是数字（是否应为24800？"
                             "请去掉千位分隔符）")
    # the value far off its series (found last, by the series check) told in its cell's place, before the formula
    assert f"市科技局.xlsx:数据报送!D{rows[2]}: 数值: 26与" in lines[1] and "如26无误" in lines[1]
    assert lines[2].endswith(f"市科技局.xlsx:数据报送!D{rows[10]}: 数值: 是公式（'=1500+80'）；公式不会被计算："
                             "请直接输入数字（或以“值”的方式粘贴）")
    assert lines[3].endswith(f"市科技局.xlsx:工作进展与说明!E{task[0].row}: 本年度进展: 为空，但该行已选自评等级："
                             "请写明本年度做了什么、取得什么成效，或清空自评等级")
    # fixed: read, the note kept as a finding on indicator 3's 2024, the preliminary value marked
    values[f"D{rows[1]}"], values[f"J{rows[1]}"] = 24800, "初步数"
    values[f"D{rows[2]}"], values[f"D{rows[10]}"] = 2.6, 1580
    task[4].value = "产研院新建专业研究院3家"
    book.save(path)
    tables = build_tables(plan, "eurostat")
    noted = tables.quality[tables.quality["issue"] == "no_value_note"]
    assert noted[["indicator_id", "year", "detail_zh", "detail_en"]].values.tolist() == [
        [3, 2024, "2024年暂无数值；报送部门说明：统计局尚未发布，预计6月公布",
         "No value for 2024 yet; the department notes: 统计局尚未发布，预计6月公布 (original, untranslated)"]]
    # the appendix places it by the workbook's sheet and row, as Excel numbers it (never "市科技局.xlsx:9")
    for language, place in {"zh": f"市科技局.xlsx“数据报送”工作表第{rows[3]}行",
                            "en": f"市科技局.xlsx, sheet “数据报送”, row {rows[3]}"}.items():
        appendix = quality_table(year_context(tables, language))
        assert appendix.loc[appendix.iloc[:, 0] == catalog(language)["quality_issue.no_value_note"]].iloc[:, -1] \
            .tolist() == [place]
    assert "preliminary" in tables.values.query("indicator_id == 1 and year == 2024 and value_type == 'actual'")[
        "processing"].item()


def test_a_mid_term_words_sheet_says_why_a_met_stage_target_is_warned(plan, project_tmp):
    # 2023: S&T service institutions (14) met its interim target (103 against 100) but its 8.8% a year does not reach
    # 2024's 120 (16.5% needed): amber, and the department is told why before it is asked for reasons; 10 (1,450
    # against 1,500) missed it on a course that reaches 1,600 (25.2% a year against 10.3%): amber too, and why
    paths = {path.stem.removeprefix("2023-"): path
             for path in build_templates(plan, 2023, "zh", project_tmp / "words-templates-2023")}
    sheet = openpyxl.load_workbook(paths["市科技局"])[WORDS_SHEET]
    status = {str(row[1].value): row[10].value for row in sheet.iter_rows(min_row=5)
              if row[0].value == ITEM["indicator"]}
    assert status["14"] == "按2023年数值103个：黄色预警 · 已达阶段目标（按现有增速不足以如期完成2024年目标）"
    assert status["10"] == "按2023年数值1,450家：黄色预警 · 未达阶段目标（按现有增速有望如期完成2024年目标）"
    # R&D intensity (2), 2.61 against 2.7, at +0.08 pp a year short of 2024's 2.8 as well: red, its course said
    assert status["2"] == "按2023年数值2.61%：红色预警 · 未达阶段目标（按现有增速不足以如期完成2024年目标）"
    # R&D personnel (1), 24,300 against 24,000: no warning, explained only if 2023's value falls behind
    # it is told what would need explaining: missing 2023's target, 24,000 persons; each number in its unit, as the
    # report gives it (before: a bare 24,000 and 24,300)
    assert status["1"] == ("按2023年数值24,300人：已达阶段目标，暂无预警；"
                           "如本次报送的2023年数值未达到2023年目标24,000人，请说明原因和下一步措施")
    # the warned rows first
    order = list(status)
    assert max(order.index(key) for key in ("2", "10", "14")) < order.index("1")
    # in English the status inside the sentence, in lower case after the value it rests on
    paths = {path.stem.removeprefix("2023-"): path
             for path in build_templates(plan, 2023, "en", project_tmp / "words-templates-2023-en")}
    book = openpyxl.load_workbook(paths["Municipal Science and Technology Bureau"])
    sheet = book.worksheets[1]
    english = {str(row[1].value): row[10].value for row in sheet.iter_rows(min_row=5) if row[0].value == "Indicator"}
    assert english["1"].startswith("On the 2023 value, 24,300 people: interim target met, no warning; ")


def test_a_words_sheet_made_before_the_years_data_says_which_year_it_judges(project_tmp):
    # the 2024 workbooks made when 2023's bulletin is the latest (2022–2023 values): the provincial series of 4,
    # whose latest value is 2.9 for 2022, is warned on 2022's value, not on the 2024 value the same workbook asks
    # for, and says so
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-before" / "weihai")
    for name in ("2023-bulletin.csv", "2024-bulletin.csv"):
        (folder / "observations" / name).write_bytes((FIXTURES / "example-2022-2024" / name).read_bytes())
    paths = {path.stem.removeprefix("2024-"): path for path in build_templates(load_plan(folder), 2024, "zh",
                                                         project_tmp / "words-before-templates")}
    sheet = openpyxl.load_workbook(paths["市科技局"])[WORDS_SHEET]
    status = {(str(row[1].value), row[2].value): row[10].value for row in sheet.iter_rows(min_row=5)
              if row[0].value == ITEM["indicator"]}
    assert status["4", "省级"].startswith("按2022年数值2.9%："), status
    assert status["22", None] == "定性指标：请写明本年度进展并选择自评等级"
    # R&D personnel (1), 24,300 in 2023, no warning: what would need explaining is the 2024 value missing 2024's
    # target, 24,500
    assert status["1", None].endswith("暂无预警；如本次报送的2024年数值未达到2024年目标24,500人，"
                                      "请说明原因和下一步措施")
    assert status["1", None].startswith("按2023年数值24,300人："), status
    # made once the year's data are in, a workbook judges that year, and says so: R&D intensity (2), 2.61 in 2023
    # against the 2023 interim target 2.7
    made_after = {path.stem.removeprefix("2023-"): path for path in build_templates(load_plan(folder), 2023, "zh",
                                                              project_tmp / "words-after-templates")}
    sheet = openpyxl.load_workbook(made_after["市科技局"])[WORDS_SHEET]
    status = {(str(row[1].value), row[2].value): row[10].value for row in sheet.iter_rows(min_row=5)
              if row[0].value == ITEM["indicator"]}
    assert status["2", None] == ("按2023年数值2.61%：红色预警 · "
                                 "未达阶段目标（按现有增速不足以如期完成2024年目标）"), \
        status


def test_the_values_sheet_names_each_row_and_its_series_when_a_cell_is_selected(templates):
    """The plan names indicator 5's two series alike (科技创新基地（…）): a prompt's title says which, and every input
    cell of the row, not only its value, names it."""
    sheet = openpyxl.load_workbook(templates["市科技局"]).worksheets[0]
    prompts = {str(v.sqref): (v.promptTitle, v.prompt) for v in sheet.data_validations.dataValidation}
    provincial = next(row[0].row for row in sheet.iter_rows(min_row=5) if row[0].value == 5 and row[1].value == "省级")
    assert prompts[f"D{provincial}"][0] == "2024年数值（省级）"
    for cells in (f"E{provincial}:I{provincial}", f"J{provincial}"):  # the preliminary flag's list names it too
        assert prompts[cells][0] == "指标5（省级）"
        assert prompts[cells][1].endswith("，单位：个")


def test_a_qualitative_indicator_says_its_self_rating_or_that_none_was_sent(filled):
    """22's department sent 按计划推进 for 2024; 23 and 24 sent nothing: the cards and the summary's core indicators
    say so, never a bare "定性评价", which names a kind of indicator, not a result."""
    from analysis.report import cards, words

    for language, rated, owed, core in (
            ("zh", "牵头责任部门报送的2024年自评等级：按计划推进（进展情况见自评报告）。",
             "尚未评价：编制时未收到牵头责任部门2024年的进展和自评等级。",
             ("定性指标，2024年自评“按计划推进”", "定性指标，尚未评价")),
            ("en", "Self-rating its lead department sent for 2024: On schedule (its account is in the "
                   "self-evaluation).",
             "Not assessed: no account of progress or self-rating for 2024 from its lead department was available.",
             ("qualitative, self-rated “On schedule” for 2024", "qualitative, not assessed yet"))):
        context = year_context(filled, language)
        assert cards.card_notes(context, context.series_row(22)) == [rated]
        assert cards.card_notes(context, context.series_row(23)) == [owed]
        summary = " ".join(" ".join((paragraph.text, *paragraph.items))
                           for paragraph in words.summary_paragraphs(context))
        assert all(state in summary for state in core)  # 22 and 23 are core indicators


def test_a_plan_without_departments_takes_its_words_back_under_no_department(project_tmp):
    # the national plan names no departments: one workbook for every series, which records no department. R&D
    # intensity (3), 2.10 against 2.2 in 2015, is not achieved: its reasons are asked, sent, and read back
    folder = copy_plan(NATIONAL_DIR, project_tmp / "words-national" / "national-12th-fyp",
                       FIXTURES / "national-12th-fyp-2021")
    national = load_plan(folder)
    [template] = build_templates(national, 2015, "zh", project_tmp / "words-national-templates")
    book = openpyxl.load_workbook(template)
    sheet = book[WORDS_SHEET]
    row = next(r for r in range(5, sheet.max_row + 1) if [sheet[f"A{r}"].value, sheet[f"B{r}"].value] == ["指标", 3])
    sheet[f"G{row}"], sheet[f"H{row}"] = "研发投入增长放缓", "加大财政科技投入"
    book.save(national.observations_dir / template.name)
    tables = build_tables(national, "eurostat")
    assert tables.words[["department_zh", "indicator_id", "reasons", "measures"]].values.tolist() == [
        ["", 3, "研发投入增长放缓", "加大财政科技投入"]]
    blocks = self_evaluation_blocks(year_context(tables, "zh", 2015))
    text = "\n".join(block_texts(blocks))
    assert "原因（未明确牵头部门）：研发投入增长放缓" in text
    # the annex: one row for no department, the reasons owed and sent, from the workbook; still missing: the 2015
    # values of the series that have none (4, 6, 7, 8 and 9)
    rows = {row[0]: row for row in [b for b in blocks if b.kind == "table"][-1].rows}
    assert rows["未明确牵头部门"][1:6] == ["0", "1", "1", "2015-全部指标.xlsx", "数据（指标4、6、7、8、9）"]


def test_words_below_the_listed_rows_of_the_words_sheet_are_told(templates, project_tmp):
    """注：任务进展详见附件 under the words sheet's last listed row (its kind, id and year empty): one line at its cell,
    never passed over in silence, in the sheet's own terms (it was told to go into the note of a value's row)."""
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-below" / "weihai")
    plan = load_plan(folder)
    book = openpyxl.load_workbook(templates["市科技局"])
    words = book[WORDS_SHEET]
    below = words.max_row + 2
    words[f"A{below}"] = "注：任务进展详见附件"
    book.save(plan.observations_dir / "市科技局.xlsx")
    with pytest.raises(InputError) as caught:
        build_tables(plan, "eurostat")
    # in the words sheet's terms: its rows are tasks and indicators, and it has no note column
    assert str(caught.value).endswith(f"市科技局.xlsx:工作进展与说明!A{below}: 第{below}行不属于表中列出的任何任务"
                                      "或指标（'注：任务进展详见附件'）：说明某项任务或指标的，请写进该项所在行的"
                                      "黄色单元格；说明整张表或填表人等信息的，请在报送时另行说明；请删去此行的内容"), \
        str(caught.value)


def test_a_task_number_changed_to_another_departments_task_is_refused(templates, project_tmp):
    """The science bureau's row for task 4.2 retyped as 1.1 (the development and reform commission's): its words
    were read as 1.1's, and 4.2 counted as not sent. The template records the rows it lists: refused at the id's
    cell, in the workbook's language."""
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-renumbered" / "weihai")
    plan = load_plan(folder)
    book = openpyxl.load_workbook(templates["市科技局"])
    sheet = book[WORDS_SHEET]
    row = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == ITEM["task"] and str(row[1].value) == "4.2")
    row[1].value, row[4].value, row[5].value = "1.1", "产研院完成改革，新建专业研究院3家", "按计划推进"
    book.save(plan.observations_dir / "市科技局.xlsx")
    with pytest.raises(InputError) as caught:
        build_tables(plan, "eurostat")
    # its grey cells (J, K) still say 4.2's name: the number to put back is named
    assert str(caught.value).endswith(f"市科技局.xlsx:{WORDS_SHEET}!B{row[1].row}: 编号: 为“1.1”，但旁边的灰色单元格"
                                      f"（J{row[1].row}:K{row[1].row}）属于“重点任务4.2”一行：灰色单元格被改动，"
                                      "或各行被重新排序；请恢复为“4.2”（或撤销排序），已填写的内容不受影响")


def _task_42_typed(templates):
    """The science bureau's workbook with task 4.2's progress and rating typed on its words sheet: the workbook, the
    sheet and the task's row."""
    book = openpyxl.load_workbook(templates["市科技局"])
    sheet = book[WORDS_SHEET]
    row = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == ITEM["task"] and str(row[1].value) == "4.2")
    row[4].value, row[5].value = "产研院完成改革，新建专业研究院3家", "按计划推进"
    return book, sheet, row


def test_the_words_sheet_hidden_with_its_words_typed_is_refused_at_the_first(templates, project_tmp):
    """The science bureau typed task 4.2's progress and rating, then hid the words sheet: before, the run succeeded
    with a note that a hidden sheet was not read, and the words were lost, the task counted as not sent; now one line
    at the cell, in the workbook's language."""
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-hidden" / "weihai")
    plan = load_plan(folder)
    book, sheet, row = _task_42_typed(templates)
    sheet.sheet_state = "hidden"
    book.save(plan.observations_dir / "市科技局.xlsx")
    with pytest.raises(InputError) as caught:
        build_tables(plan, "eurostat")
    assert str(caught.value).endswith(f"市科技局.xlsx:{WORDS_SHEET}!E{row[4].row}: 工作表 '{WORDS_SHEET}' "
                                      "是本报送表填写工作进展与说明的工作表，却被隐藏了；隐藏的工作表不会被读取，"
                                      "所填内容将被遗漏：请取消隐藏该工作表")


def test_a_comment_on_the_words_sheet_is_told_to_go_into_its_cell(templates, project_tmp):
    """The words sheet has no note column: a comment on a task's progress is told to be written into the cell itself
    (it advised the row's 备注 column, which that sheet lacks)."""
    from openpyxl.comments import Comment

    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-comment" / "weihai")
    plan = load_plan(folder)
    book, sheet, row = _task_42_typed(templates)
    row[4].comment = Comment("另有两家在筹建", "clerk")
    book.save(plan.observations_dir / "市科技局.xlsx")
    with pytest.raises(InputError) as caught:
        build_tables(plan, "eurostat")
    line = str(caught.value)
    assert f"市科技局.xlsx:{WORDS_SHEET}!E{row[4].row}: " in line
    assert line.endswith("带有批注（'另有两家在筹建'），批注不会被读取：请把其内容写进该单元格本身，并删除批注")


def _words_rows(book) -> dict[str, tuple]:
    """The words sheet's rows by their id (an indicator's with its series: 4/省级)."""
    return {str(row[1].value) + (f"/{row[2].value}" if row[2].value else ""): row
            for row in book[WORDS_SHEET].iter_rows(min_row=5) if row[0].value}


def _the_one_mistake(plan) -> str:
    """The line a data run on ``plan`` stops at, asserting it is one line: a mistake told once, not a row's each."""
    with pytest.raises(InputError) as caught:
        build_tables(plan, "eurostat")
    assert not isinstance(caught.value, InputErrors)
    return str(caught.value)


def test_a_grey_cell_typed_over_is_told_at_its_cell_naming_what_to_put_back(templates, project_tmp):
    """The grey cells right of the input cells (the task's or indicator's name, its assessment) are not read: a name
    typed over, an assessment changed, a half-width "(%)" for the name's full-width "（%）", are each told at their cell
    with what the sheet gave there, a row nobody filled included; the row's other mistake (a rating not on the list)
    is told in the same round, and a name with spaces or a line break added (what a person sees unchanged) is no
    mistake. Each was read over in silence."""
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-grey" / "weihai", FIXTURES / "example-2022-2024")
    plan = load_plan(folder)
    book = openpyxl.load_workbook(templates["市科技局"])
    rows = _words_rows(book)
    task, untouched, done, intensity = rows["4.2"], rows["6.2"], rows["6.5"], rows["2"]
    task[4].value, task[5].value = "产研院完成改革，新建专业研究院3家", "差不多"
    task[9].value = "打造区域创新龙头，加快产研院建设（已完成）"
    untouched[9].value = "改了名字"
    done[4].value, done[5].value = "园区提档升级方案已印发", "进度滞后"
    intensity[6].value, intensity[7].value = "重点企业研发投入增速放缓", "落实研发费用加计扣除，扩大奖补"
    intensity[9].value = "全社会R&D经费支出占地区GDP比重(%)"
    intensity[10].value = "黄色预警"
    rows["8"][9].value = " 高新技术企业主营业务收入占规上工业企业收入比重（%）  \n"
    rows["1"][9].value = "研发人员 数（人）"  # a space put in a name
    book.save(plan.observations_dir / "市科技局.xlsx")
    with pytest.raises(InputError) as caught:
        build_tables(plan, "eurostat")
    where = f"{relative_name(plan)}:{WORDS_SHEET}!"
    grey = "灰色单元格不会被读取，本表原为“{}”，却被改为“{}”：请恢复原样，并在黄色单元格中填写"
    lines = caught.value.lines()
    assert lines[0].startswith(f"{where}F{task[5].row}: 自评等级: “差不多”不在列表中")
    assert lines[1:] == [
        f"{where}J{task[9].row}: 任务或指标名称: " + grey.format("打造区域创新龙头，加快产研院建设",
                                                          "打造区域创新龙头，加快产研院建设（已完成）"),
        f"{where}J{untouched[9].row}: 任务或指标名称: " + grey.format("聚力聚焦，实施创新链体系建设", "改了名字"),
        f"{where}J{intensity[9].row}: 任务或指标名称: " + grey.format("全社会R&D经费支出占地区GDP比重（%）",
                                                               "全社会R&D经费支出占地区GDP比重(%)"),
        f"{where}K{intensity[10].row}: 评估结论: " + grey.format("按2024年数值2.7%：红色预警 · 未达标", "黄色预警")]


def relative_name(plan) -> str:
    from analysis.errors import display_path

    return display_path(plan.observations_dir / "市科技局.xlsx")


def test_words_typed_in_an_empty_grey_cell_are_told_in_an_english_workbook(plan, project_tmp):
    """A self-rating typed in the empty grey cell beside a task (its assessment: a task has none), in a workbook made
    in English: told in English at its cell; a name with trailing spaces only is no mistake."""
    [path] = [p for p in build_templates(plan, 2024, "en", project_tmp / "words-grey-en")
              if p.name == "2024-Municipal Science and Technology Bureau.xlsx"]
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-grey-en-plan" / "weihai", FIXTURES / "example-2022-2024")
    book = openpyxl.load_workbook(path)
    sheet = book["Progress and reasons"]
    row = next(row for row in sheet.iter_rows(min_row=5) if str(row[1].value) == "4.2")
    row[4].value, row[5].value = "The institute's reform is done", "On schedule"
    row[9].value = f"{row[9].value}   "
    row[10].value = "Done"
    book.save(folder / "observations" / path.name)
    told = _the_one_mistake(load_plan(folder))
    assert told.endswith(f"{path.name}:'Progress and reasons'!K{row[10].row}: Assessment: 'Done' is typed "
                         "in this grey cell, which the sheet left empty and is not read: clear it, and "
                         "write in the yellow cells")


def test_a_task_number_changed_to_another_of_its_own_tasks_is_refused_not_read_as_that_tasks(templates, project_tmp):
    """The science bureau's row for task 4.2 retyped as 4.4, a task it leads too, whose own row is left empty: it was
    read as 4.4's progress, and 4.2 counted as not sent. Its grey cells still say 4.2's name: told at the number's cell,
    with the number to put back."""
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-moved" / "weihai", FIXTURES / "example-2022-2024")
    plan = load_plan(folder)
    book = openpyxl.load_workbook(templates["市科技局"])
    row = _words_rows(book)["4.2"]
    row[1].value, row[4].value, row[5].value = "4.4", "产研院完成改革，新建专业研究院3家", "按计划推进"
    book.save(plan.observations_dir / "市科技局.xlsx")
    n = row[1].row
    told = _the_one_mistake(plan)
    assert told.endswith(f"市科技局.xlsx:{WORDS_SHEET}!B{n}: 编号: 为“4.4”，但旁边的灰色单元格"
                         f"（J{n}:K{n}）属于“重点任务4.2”一行：灰色单元格被改动，或各行被重新排序；"
                         "请恢复为“4.2”（或撤销排序），已填写的内容不受影响")


def test_a_workbook_made_for_another_plan_is_told_in_one_line_its_words_included(templates, project_tmp):
    """The science bureau's workbook from Weihai, its words filled, dropped into the lakeside plan's folder: one line
    says whose it is. Its words sheet was checked row by row against lakeside (tasks 4.2 and 6.5 not lakeside's,
    and indicator 2's reasons taken for lakeside's indicator 2)."""
    from tests.conftest import LAKESIDE_DIR

    folder = copy_plan(LAKESIDE_DIR, project_tmp / "words-other-plan" / "lakeside")
    book = openpyxl.load_workbook(templates["市科技局"])
    rows = _words_rows(book)
    for task in ("4.2", "6.5"):
        rows[task][4].value, rows[task][5].value = "产研院完成改革，新建专业研究院3家", "按计划推进"
    rows["2"][6].value, rows["2"][7].value = "重点企业研发投入增速放缓", "落实研发费用加计扣除，扩大奖补"
    book.save(folder / "observations" / "市科技局.xlsx")
    told = _the_one_mistake(load_plan(folder))
    assert told.endswith("市科技局.xlsx: 此工作簿为方案 'weihai' 制作，不是本方案（'lakeside'）的报送表，"
                         "其中各行对应的是该方案的指标：请移至该方案的观测数据文件夹，或填写为本方案下发的"
                         "报送表（make templates）")


def test_a_workbook_recording_a_department_the_plan_does_not_name_is_told_in_one_line(templates, project_tmp):
    """The science bureau's workbook, its department property changed to 市不存在局: its words were kept under that
    department, which the plan does not name. Told in one line naming the workbook, in its language."""
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-unknown-department" / "weihai")
    book = openpyxl.load_workbook(templates["市科技局"])
    rows = _words_rows(book)
    rows["4.2"][4].value, rows["4.2"][5].value = "产研院完成改革，新建专业研究院3家", "按计划推进"
    for prop in book.custom_doc_props.props:
        if prop.name == "analysis_department":
            prop.value = "市不存在局"
    book.save(folder / "observations" / "市科技局.xlsx")
    told = _the_one_mistake(load_plan(folder))
    assert told.endswith("市科技局.xlsx: 该工作簿注明的报送部门“市不存在局”不是本方案的责任部门"
                         "（文件属性 analysis_department 被改动？），工作进展与说明不予读入："
                         "请使用评估牵头单位为本部门下发的报送表填写")


#: The transport bureau's workbook (words alone: it leads task 3.2, no indicator) saved under the housing bureau's name
#: (words alone too, task 3.1), and the commerce bureau's (values and words) under the transport bureau's, as each
#: language names them: what its run tells.
MISNAMED = {
    ("zh", "市交通运输局", "市住房城乡建设局"):
        "2024-市住房城乡建设局.xlsx: 此工作簿是为 '市交通运输局' 制作的报送表，文件名却是 '市住房城乡建设局' 的："
        "按文件名统计交回情况时会把它算作 '市住房城乡建设局' 交回、'市交通运输局' 未交；"
        "请将文件改名为 '2024-市交通运输局.xlsx' 后重新运行",
    ("en", "Municipal Transport Bureau", "Municipal Bureau of Housing and Urban-Rural Development"):
        "2024-Municipal Bureau of Housing and Urban-Rural Development.xlsx: a workbook made for 'Municipal Transport "
        "Bureau', but its file name names 'Municipal Bureau of Housing and Urban-Rural Development': counting returns "
        "by file name would count it as 'Municipal Bureau of Housing and Urban-Rural Development''s and 'Municipal "
        "Transport Bureau' as still owing; rename the file '2024-Municipal Transport Bureau.xlsx' and run again",
    ("zh", "市商务局", "市交通运输局"):
        "2024-市交通运输局.xlsx: 此工作簿是为 '市商务局' 制作的报送表，文件名却是 '市交通运输局' 的："
        "按文件名统计交回情况时会把它算作 '市交通运输局' 交回、'市商务局' 未交；"
        "请将文件改名为 '2024-市商务局.xlsx' 后重新运行",
}


@pytest.mark.parametrize(("language", "made_for", "saved_as"), list(MISNAMED))
def test_a_workbook_saved_under_another_departments_name_is_told_in_one_line_words_alone_too(
        plan, project_tmp, language, made_for, saved_as):
    """A workbook of words alone saved under another department's file name was read without a word (counted by file
    name, the housing bureau sent it, the transport bureau owes); a workbook of values told so only where the name
    was an indicator's lead's, not a key task's. Now each is told in one line, in the workbook's language, naming
    both and the name to give it, as a workbook of values always was; a workbook of values and words, once."""
    key = f"{language}-{made_for}-{saved_as}".replace(" ", "_")
    [path] = [p for p in build_templates(plan, 2024, language, project_tmp / f"words-misnamed-{key}")
              if p.name == f"2024-{made_for}.xlsx"]
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / f"words-misnamed-{key}-plan" / "weihai")
    book = openpyxl.load_workbook(path)
    words = book.worksheets[-1]
    for row in words.iter_rows(min_row=5):  # its key tasks' progress typed (the commerce bureau leads none)
        if row[0].value == catalog(language)["entry.words.items.task"]:
            row[4].value = "完成年度工作，新开通国际航线2条" if language == "zh" else "Two international routes opened"
            row[5].value = "按计划推进" if language == "zh" else "On schedule"
    book.save(folder / "observations" / f"2024-{saved_as}.xlsx")
    assert _the_one_mistake(load_plan(folder)).endswith(MISNAMED[(language, made_for, saved_as)])


@pytest.mark.parametrize(("kept", "cell", "expected"), [
    # its language removed: a rating not on the list, offered in the labels' language
    (lambda name: name != "analysis_language", "F",
     "自评等级: “完成了”不在列表中；请选择：已完成；按计划推进；进度滞后；尚未启动"),
    # every property removed: no department, told in Chinese
    (lambda name: False, "B", "编号: 该工作簿未注明报送部门；请使用评估牵头单位下发的报送表填写"),
], ids=["no_language", "no_properties"])
def test_a_chinese_workbook_whose_properties_were_removed_is_told_in_chinese(templates, project_tmp, kept, cell,
                                                                              expected):
    """The science bureau's workbook, its custom properties (or only its language) removed: its words sheet was told
    in English. Its labels (编号, 自评等级) are Chinese: so are its messages."""
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / f"words-no-language-{cell}" / "weihai")
    book = openpyxl.load_workbook(templates["市科技局"])
    row = _words_rows(book)["4.2"]
    row[4].value, row[5].value = "产研院完成改革，新建专业研究院3家", "完成了"
    book.custom_doc_props.props = [prop for prop in book.custom_doc_props.props if kept(prop.name)]
    book.save(folder / "observations" / "市科技局.xlsx")
    with pytest.raises(InputError) as caught:
        build_tables(load_plan(folder), "eurostat")
    assert str(caught.value).endswith(f"市科技局.xlsx:{WORDS_SHEET}!{cell}{row[4].row}: {expected}"), str(caught.value)


def test_what_a_person_does_not_see_on_the_words_sheet_is_told_in_its_own_terms(templates, project_tmp):
    """A hidden row, a merged cell, words typed in the empty column, a struck progress, a format that shows nothing:
    on the words sheet they were told in the values sheet's terms (a row "holds a value", a value "stands for several
    rows", "write it in the row's note", which the sheet lacks). Each is told in the words sheet's, in one round."""
    from openpyxl.styles import Font

    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "words-unseen" / "weihai")
    book = openpyxl.load_workbook(templates["市科技局"])
    rows = _words_rows(book)
    for task in ("1.2", "2.1", "2.2", "3.4", "4.2", "4.4"):
        rows[task][4].value, rows[task][5].value = "产研院完成改革，新建专业研究院3家", "按计划推进"
    sheet = book[WORDS_SHEET]
    hidden, struck, formatted = rows["1.2"][0].row, rows["2.1"][0].row, rows["2.2"][0].row
    merged, beside = rows["3.4"][0].row, rows["4.4"][0].row
    sheet.row_dimensions[hidden].hidden = True
    rows["2.1"][4].font = Font(strike=True)
    rows["2.2"][4].number_format = ";;;"
    sheet.merge_cells(f"E{merged}:E{merged + 1}")
    rows["4.4"][8].value = "备注：另见附件"
    book.save(folder / "observations" / "市科技局.xlsx")
    with pytest.raises(InputErrors) as caught:
        build_tables(load_plan(folder), "eurostat")
    told = {line.split(f"{WORDS_SHEET}!", 1)[1].split(":")[0]: line.split(": ", 1)[1] for line in caught.value.lines()}
    assert told == {
        f"E{hidden}": f"本年度进展: 第{hidden}行被隐藏，但填有内容，核对表格的人看不到：请取消隐藏该行",
        f"E{struck}": "本年度进展: 带有删除线，划掉的文字不会被读取：要保留的，请去掉删除线；不要的，请删除",
        f"E{formatted}": "本年度进展: 其数字格式（';;;'）不显示任何内容，核对表格的人看不到其中的文字："
                         "请把单元格格式设为“常规”",
        f"E{merged}": f"本年度进展: 是合并单元格（E{merged}:E{merged + 1}）：一段文字只显示一次，却跨了多行"
                      "（多项任务或指标）；请取消合并，每行填写各自的内容",
        f"I{beside}": "在没有表头的列中填写了 '备注：另见附件'，这些内容不会被读取：请写进该行的黄色单元格；"
                      "与各行无关的说明请在报送时另行提供"}, caught.value.lines()


@pytest.mark.parametrize(("language", "sheet_name", "optional", "required"), [
    ("zh", WORDS_SHEET,
     "原因分析: “无”没有说明内容：该指标暂无预警，如无需说明，请留空；如有需要说明的，请用文字写明",
     "原因分析: “无”没有说明内容；请用文字写明"),
    ("en", "'Progress and reasons'",
     "Reasons: '无' says nothing: the indicator has no warning, so leave it empty if there is nothing to explain, or "
     "write it out in words",
     "Reasons: '无' says nothing; write it out in words"),
])
def test_a_word_that_says_nothing_where_no_word_is_owed_is_told_to_be_left_out(plan, project_tmp, language,
                                                                                sheet_name, optional, required):
    """无 in the reasons of R&D personnel (1, achieved: no warning, its words asked for only if its value falls
    behind) is told to leave the cell empty; in those of R&D intensity (2, warned: its words owed), to write them
    out, as before. Both told 'write it out in words' before, the first where nothing was to be written."""
    stem = {"zh": "市科技局", "en": "Municipal Science and Technology Bureau"}[language]
    [path] = [p for p in build_templates(plan, 2024, language, project_tmp / f"words-none-{language}")
              if p.name == f"2024-{stem}.xlsx"]
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / f"words-none-{language}-plan" / "weihai",
                       FIXTURES / "example-2022-2024")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[-1]
    rows = {(row[0].value, row[1].value): row for row in sheet.iter_rows(min_row=5) if row[0].value}
    item = ITEM["indicator"] if language == "zh" else "Indicator"
    achieved, warned = rows[(item, 1)], rows[(item, 2)]
    achieved[6].value, achieved[7].value = "无", ""
    warned[6].value, warned[7].value = "无", "落实研发费用加计扣除，扩大奖补"
    book.save(folder / "observations" / path.name)
    with pytest.raises(InputError) as caught:
        build_tables(load_plan(folder), "eurostat")
    where = f"{path.name}:{sheet_name}!"
    assert sorted(line.split(where, 1)[1] for line in caught.value.lines()) == sorted([
        f"G{achieved[6].row}: {optional}", f"G{warned[6].row}: {required}"])


def test_the_recorded_rows_of_a_words_sheet_stay_within_what_excel_keeps():
    """A plan whose department leads many provincial series: twelve keys to a property took 12 × 23 + 11 = 287
    characters (indicator/26/provincial is 23, each separator 1), past the 255 Excel keeps. A property takes as many
    as fit: 10 of them, 10 × 23 + 9 = 239 (11 would be 263); every row is read back, once."""
    from analysis.ingest.department_words import WORDS_ROWS_PROPERTY, _listed_rows, words_rows_properties

    keys = [f"indicator/{number}/provincial" for number in range(10, 40)]  # 30 keys of 23 characters
    properties = words_rows_properties(keys)
    assert [len(text) for text in properties.values()] == [239, 239, 239]
    assert list(properties) == [f"{WORDS_ROWS_PROPERTY}{number}" for number in (1, 2, 3)]
    assert _listed_rows(properties) == frozenset(keys)
    assert words_rows_properties(["task/2.1/", "indicator/4/national"]) == {
        f"{WORDS_ROWS_PROPERTY}1": "task/2.1/;indicator/4/national"}


@pytest.mark.parametrize(("language", "title", "instructions"), [
    ("zh", "全部指标：2027年指标进展与说明（湖滨市创新驱动发展行动计划（2025—2027年））",
     "请在黄色单元格中填写：每项定性指标"),
    ("en", "All indicators: progress and reasons on the indicators for 2027 (Lakeside's action plan for "
           "innovation-driven development (2025–2027))",
     "Fill in the yellow cells: for each qualitative indicator, its progress in 2027 (what was done, what it "
     "achieved) and a self-rating from the list; for each indicator, the reasons and the next measures: required "
     "where it has a warning or missed its target (listed first), and for any other whose 2027 value falls behind."),
])
def test_a_plan_without_departments_or_key_tasks_is_asked_for_what_it_has(project_tmp, language, title, instructions):
    """Lakeside lists no key task and names no department (one workbook of every series): its words sheet's title
    names no key tasks (it read 重点任务进展与指标说明), and it asks for each indicator, not those "your department"
    (本部门) leads."""
    from tests.conftest import LAKESIDE_DIR

    [path] = build_templates(load_plan(LAKESIDE_DIR), 2027, language, project_tmp / f"words-lakeside-{language}")
    sheet = openpyxl.load_workbook(path).worksheets[1]
    assert sheet["A1"].value == title
    assert sheet["A2"].value.startswith(instructions)
    assert "本部门" not in sheet["A2"].value and "your department" not in sheet["A2"].value
    if language == "zh":  # the reasons asked as the English are, after the qualitative indicators' progress
        assert ("；每项指标的原因和下一步措施：出现预警或未达标的（排在前面）必须填写，"
                "其余指标如2027年数值落后也请填写。") in sheet["A2"].value
