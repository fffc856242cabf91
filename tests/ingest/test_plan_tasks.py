"""The plan's key tasks and support measures: read from the Weihai text as printed, from small texts that break
one rule each (one line naming file, line and what is wrong), and typed as tasks.csv and measures.csv.

The expected values of the Weihai plan were read off its text (data/raw/weihai, section 三、重点任务 on lines
295–365, 四、保障措施 on lines 366–377)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError
from analysis.ingest.plan_tasks import chinese_number, load_plan_tasks, parse_plan_tasks
from analysis.settings import DEFAULT_PLAN_DIR

SOURCE = DEFAULT_PLAN_DIR / "weihai-innovative-city-plan-2022.txt"


@pytest.fixture(scope="module")
def weihai():
    return parse_plan_tasks(SOURCE)


def task(read, task_id):
    rows = read.tasks[read.tasks["task_id"] == task_id]
    assert len(rows) == 1, task_id
    return rows.iloc[0]


def items(read, task_id):
    return read.items[read.items["task_id"] == task_id].reset_index(drop=True)


# --- the Weihai plan ---------------------------------------------------------------------------------------

def test_seven_groups_of_29_tasks(weihai):
    tasks = weihai.tasks
    assert len(tasks) == 29
    assert tasks.groupby("group")["number"].max().tolist() == [3, 3, 4, 4, 3, 6, 6]
    assert tasks["task_id"].tolist()[:4] == ["1.1", "1.2", "1.3", "2.1"] and tasks["task_id"].iloc[-1] == "7.6"
    titles = tasks.drop_duplicates("group")["group_title_zh"].tolist()
    assert titles == ["创新发展理念，打造精致城市典范", "蓝色引领，加快建设创新型国际海洋强市",
                      "扩大对外开放，加快打造国际化城市", "深化创新平台体系建设，全力打造区域创新中心",
                      "协同创新，蹚出中小城市创新主体壮大特色路子", "创新引领，加快构建现代化产业体系",
                      "营造环境，打造友好型创新创业生态"]


def test_task_1_1_with_its_four_items_and_the_departments_that_close_it(weihai):
    first = task(weihai, "1.1")
    assert (first.group, first.number, first.title_zh) == (1, 1, "创新布局，优化城市梯次发展新空间")
    assert (first.first_line, first.last_line) == (301, 309)
    assert first.departments == ["市发展改革委", "市工业和信息化局", "市自然资源和规划局", "市住房城乡建设局",
                                 "市交通运输局", "市商务局", "市行政审批服务局", "各区市政府", "开发区管委"]
    assert (first.lead, first.wording, first.department_line) == ("市发展改革委", "责任单位", 309)
    listed = items(weihai, "1.1")
    assert listed["item"].tolist() == [1, 2, 3, 4]
    assert listed["line"].tolist() == [303, 305, 307, 309]
    assert listed["title_zh"].tolist() == ["全面提升中心城区首位度", "打造中部制造业和北部沿海高新产业隆起带",
                                           "推进建设更具实力、更有魅力中小城市", "加快产城融合发展"]
    # one parenthesis closes the task: it is the task's, not the fourth item's
    assert listed["departments"].map(len).tolist() == [0, 0, 0, 0]


def test_a_parenthesis_broken_over_two_lines_is_joined(weihai):
    third = task(weihai, "3.1")
    assert third.departments == ["市住房城乡建设局", "市商务局", "市外办"]
    assert (third.first_line, third.last_line, third.department_line) == (326, 327, 326)
    assert third.department_lines == [326, 326, 327]  # 市外办 is printed on the next line
    assert items(weihai, "3.1")["title_zh"].tolist() == ["推进城市功能国际化", "推进城市经济国际化",
                                                         "推进城市人文国际化"]


def test_task_6_1_keeps_each_item_with_its_own_departments(weihai):
    first = task(weihai, "6.1")
    assert first.title_zh == "融通创新，产业链供应链创新链三链协同发展"
    assert (first.first_line, first.last_line) == (346, 348)
    listed = items(weihai, "6.1")
    assert listed["title_zh"].tolist() == ["推动产业链与创新链循环互动", "提升产业链供应链现代化水平"]
    assert listed["line"].tolist() == [347, 348] and listed["department_line"].tolist() == [347, 348]
    assert listed["departments"][0] == ["市发展改革委", "市科技局", "市工业和信息化局", "市商务局", "各区市政府",
                                        "开发区管委"]
    assert listed["departments"][1] == ["市科技局", "市工业和信息化局", "市商务局"]
    assert listed["lead"].tolist() == ["市发展改革委", "市科技局"]
    # the task's: all of them, each once, the lead the first named of the first item
    assert first.departments == listed["departments"][0]
    assert (first.lead, first.wording, first.department_line) == ("市发展改革委", "责任部门", 347)


def test_names_that_hold_a_parenthesis(weihai):
    second = task(weihai, "4.2")
    assert second.departments == ["市科技局", "市产研院", "各区市政府", "开发区管委", "哈尔滨工业大学（威海）",
                                  "山东大学（威海）"]


def test_items_after_a_full_stop_inside_a_paragraph(weihai):
    assert items(weihai, "1.2")["title_zh"].tolist() == ["自主创新示范区", "产城融合示范区", "海洋经济发展示范区",
                                                         "蓝色经济新区", "中韩自贸区地方经济合作示范区"]
    assert items(weihai, "6.4")["title_zh"].tolist()[-1] == "康养旅游" and len(items(weihai, "6.4")) == 7
    # 7.6: "提升人民幸福指数。 一是…" (a space after the 。)
    last = items(weihai, "7.6")
    assert last["title_zh"].tolist() == ["坚持绿色高效发展，建设美丽中国示范城市",
                                         "创新发展优秀文化，提升城市文化软实力", "关注民生福祉，提升全民获得感"]
    assert len(task(weihai, "7.6").departments) == 17 and task(weihai, "7.6").last_line == 365
    # 1.1: 4, 1.2: 5, 2.3: 3, 3.1: 3, 4.3: 4, 6.1: 2, 6.4: 7, 7.6: 3
    assert weihai.items.groupby("task_id").size().to_dict() == {"1.1": 4, "1.2": 5, "2.3": 3, "3.1": 3, "4.3": 4,
                                                                "6.1": 2, "6.4": 7, "7.6": 3}


def test_both_wordings_and_every_parenthesis_attributed(weihai):
    wordings = weihai.tasks.set_index("task_id")["wording"]
    unit = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "6.4", "6.6", "7.3", "7.6"]
    assert sorted(wordings[wordings == "责任单位"].index) == unit
    assert (wordings[~wordings.index.isin(unit)] == "责任部门").all()
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    printed = {number for number, line in enumerate(lines, start=1) if 295 <= number <= 365
               for _ in re.finditer("（责任(单位|部门)：", line)}
    assert len(printed) == 30  # 29 tasks, task 6.1 twice
    read = set(weihai.tasks["department_line"]) | set(weihai.items["department_line"]) - {0}
    assert read == printed
    assert (weihai.tasks["lead"] != "").all()


def test_five_support_measures(weihai):
    measures = weihai.measures
    assert measures["number"].tolist() == [1, 2, 3, 4, 5]
    assert measures["title_zh"].tolist() == ["加强组织领导", "强化政策保障", "加大科技投入", "开展监测评价",
                                             "加强舆论宣传"]
    assert measures["first_line"].tolist() == [368, 370, 372, 374, 376]


def test_the_plan_folder_adds_the_english_titles_and_the_department_names():
    read = load_plan_tasks(DEFAULT_PLAN_DIR, SOURCE)
    first = read.tasks.iloc[0]
    assert first.title_en.startswith("A new layout") and first.group_title_en.startswith("Rethink development")
    assert read.measures["title_en"].iloc[0] == "Stronger organisation and leadership"
    assert read.department_names["市外办"] == "Foreign Affairs Office of the Municipal Government"
    assert read.tasks_source == SOURCE and not read.tasks_typed


@pytest.mark.parametrize("numeral, number", [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20),
                                             ("二十三", 23)])
def test_chinese_numbers(numeral, number):
    assert chinese_number(numeral) == number


# --- small texts, each breaking one rule -------------------------------------------------------------------

HEAD = "一、总体要求\n按计划推进。\n    三、重点任务\n\n坚持创新。\n"
GROUP_ONE = "（一）第一组任务\n第一组的引言。\n"
TASK_ONE = "1.甲任务，做好甲。甲的内容。（责任单位：市科技局、市统计局）\n"
TASK_TWO = "2.乙任务。一是乙一。乙一的内容。二是乙二，其二。乙二的内容。（责任部门：市财政局）\n"
GROUP_TWO = "（二）第二组任务\n1.丙任务。丙的内容，未写部门。\n"
TAIL = "    四、保障措施\n\n（一）加强组织领导。内容。\n\n（二）强化政策保障。内容。\n    五、进度安排\n按期完成。\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        parse_plan_tasks(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{caught.value.file}:")
    return message


def test_a_small_text_as_printed(tmp_path):
    read = parse_plan_tasks(write(tmp_path, HEAD + GROUP_ONE + TASK_ONE + TASK_TWO + GROUP_TWO + TAIL))
    assert read.tasks["task_id"].tolist() == ["1.1", "1.2", "2.1"]
    assert read.tasks["title_zh"].tolist() == ["甲任务，做好甲", "乙任务", "丙任务"]
    assert read.tasks["first_line"].tolist() == [8, 9, 11] and read.tasks["group_title_zh"].iloc[2] == "第二组任务"
    assert read.tasks["departments"].tolist() == [["市科技局", "市统计局"], ["市财政局"], []]
    # a task that names no departments has none: not an error
    assert (read.tasks["lead"].iloc[2], read.tasks["wording"].iloc[2], read.tasks["department_line"].iloc[2]) == (
        "", "", 0)
    assert read.items["title_zh"].tolist() == ["乙一", "乙二，其二"] and read.items["line"].tolist() == [9, 9]
    assert read.measures["title_zh"].tolist() == ["加强组织领导", "强化政策保障"]
    assert read.measures["first_line"].tolist() == [14, 16]


def test_a_parenthesis_over_two_lines_and_items_with_their_own_departments(tmp_path):
    task = ("1.甲任务。\n一是甲一。内容。（责任部门：市科技局、\n市统计局）\n"
            "二是甲二。内容。（责任部门：市财政局，各区市政府）\n")
    read = parse_plan_tasks(write(tmp_path, HEAD + GROUP_ONE + task + TAIL))
    row = read.tasks.iloc[0]
    assert row.departments == ["市科技局", "市统计局", "市财政局", "各区市政府"] and row.lead == "市科技局"
    assert row.department_lines == [9, 10, 11, 11] and (row.first_line, row.last_line) == (8, 11)
    assert read.items["departments"].tolist() == [["市科技局", "市统计局"], ["市财政局", "各区市政府"]]


def test_blank_lines_inside_the_task_list_are_gaps_the_reading_goes_past(tmp_path):
    """A text saved from a web page or a Word file leaves blank lines (some of spaces, a full-width one) between a
    group and its tasks, between tasks, between a task's items and inside a parenthesis broken over lines: each task,
    item and department after a gap is read as without it, and a task's last line is its last with words."""
    task = ("1.甲任务。\n\n一是甲一。内容。（责任部门：市科技局、\n\n市统计局）\n  \n"
            "二是甲二。内容。（责任部门：市财政局，各区市政府）\n\u3000\n\n")
    text = HEAD + "（一）第一组任务\n\n\n" + task + TASK_TWO + "\n\t\n" + GROUP_TWO + TAIL
    read = parse_plan_tasks(write(tmp_path, text))
    assert read.tasks["task_id"].tolist() == ["1.1", "1.2", "2.1"]
    assert read.tasks["title_zh"].tolist() == ["甲任务", "乙任务", "丙任务"]
    first = read.tasks.iloc[0]
    assert first.departments == ["市科技局", "市统计局", "市财政局", "各区市政府"]
    # lines: 6 the group, 9 the task, 11–13 its first item (its parenthesis over 11 and 13), 15 its second
    assert first.department_lines == [11, 13, 15, 15] and (first.first_line, first.last_line) == (9, 15)
    assert read.items["title_zh"].tolist() == ["甲一", "甲二", "乙一", "乙二，其二"]
    assert read.measures["title_zh"].tolist() == ["加强组织领导", "强化政策保障"]


def test_a_text_without_the_sections_has_no_tasks(tmp_path):
    read = parse_plan_tasks(write(tmp_path, "一、总体要求\n按计划推进。\n二、主要目标\n目标。\n"))
    assert read.tasks.empty and read.items.empty and read.measures.empty
    assert read.tasks_source is None and read.measures_source is None


@pytest.mark.parametrize("case, text, line, words", [
    ("unclosed", HEAD + GROUP_ONE + "1.甲任务。内容。（责任单位：市科技局、市统计局\n" + TAIL, 8,
     "the （责任单位： of task 1.1 is not closed by ） before the end of the task"),
    ("unclosed before a sentence", HEAD + GROUP_ONE + "1.甲任务。（责任单位：市科技局。内容）\n" + TAIL, 8,
     "is not closed by ） before the next 。"),
    ("task out of order", HEAD + GROUP_ONE + TASK_ONE + "3.丙任务。内容。\n" + TAIL, 9,
     "task 3. out of order: expected 2. in group （一）"),
    ("group out of order", HEAD + GROUP_ONE + TASK_ONE + "（三）第三组\n1.丙任务。\n" + TAIL, 9,
     "group （三） out of order: expected （二）"),
    ("empty name", HEAD + GROUP_ONE + "1.甲任务。（责任单位：市科技局、、市统计局）\n" + TAIL, 8,
     "an empty department name in the （责任单位：…） of task 1.1"),
    ("name missing at the end", HEAD + GROUP_ONE + "1.甲任务。（责任部门：市科技局，）\n" + TAIL, 8,
     "an empty department name in the （责任部门：…） of task 1.1"),
    ("no names", HEAD + GROUP_ONE + "1.甲任务。（责任部门：）\n" + TAIL, 8, "an empty department name"),
    ("outside a task", HEAD + "（一）第一组\n引言（责任单位：市科技局）\n1.甲任务。\n" + TAIL, 7,
     "责任单位 outside any numbered task"),
    ("without a colon", HEAD + GROUP_ONE + "1.甲任务。内容。（责任单位 市科技局）\n" + TAIL, 8,
     "责任单位 in task 1.1 is not read as （责任单位：…）"),
    ("text after", HEAD + GROUP_ONE + "1.甲任务。内容。（责任单位：市科技局）再做一件事。\n" + TAIL, 8,
     "text after the departments of task 1.1 ('再做一件事。')"),
    ("item out of order", HEAD + GROUP_ONE + "1.甲任务。一是甲一。三是甲三。（责任单位：市科技局）\n" + TAIL, 8,
     "item 三是 of task 1.1 out of order: expected 二是"),
    ("before the items", HEAD + GROUP_ONE + "1.甲任务。（责任单位：市科技局）。\n一是甲一。内容。\n" + TAIL, 8,
     "the departments of task 1.1 come before its items"),
    ("group without tasks", HEAD + GROUP_ONE + TASK_ONE + "（二）第二组\n只有引言。\n" + TAIL, 9,
     "group （二） '第二组' has no numbered task"),
    ("task before a group", HEAD + "1.甲任务。\n" + TAIL, 6, "task 1. before the first group of tasks"),
    ("no group", HEAD + "只有一段话。\n" + TAIL, 3, "the section of key tasks has no group of tasks"),
    ("two sections", HEAD + GROUP_ONE + TASK_ONE + "    四、重点任务\n（一）又一组\n1.又一个。\n", 9,
     "a second heading '重点任务' (the first is on line 3)"),
    ("no title", HEAD + GROUP_ONE + "1.。内容。\n" + TAIL, 8, "task 1.1 has no title before its first 。"),
    ("measure out of order", HEAD + GROUP_ONE + TASK_ONE + "    四、保障措施\n（一）甲。\n（三）丙。\n", 11,
     "measure （三） out of order: expected （二）"),
    ("no measure", HEAD + GROUP_ONE + TASK_ONE + "    四、保障措施\n只有一段话。\n", 9,
     "the section of support measures has no numbered measure"),
])
def test_what_cannot_be_read_is_refused_by_line(tmp_path, case, text, line, words):
    message = refused(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'plan.txt'}:{line}: "), message
    assert words in message, message


@pytest.mark.parametrize("case, text, line, words", [
    ("unclosed", HEAD + GROUP_ONE + "1.甲任务。内容。（责任单位：市科技局、市统计局\n" + TAIL, 8,
     "任务1.1的（责任单位：到任务结尾仍未以“）”闭合"),
    ("unclosed before a sentence", HEAD + GROUP_ONE + "1.甲任务。（责任单位：市科技局。内容）\n" + TAIL, 8,
     "任务1.1的（责任单位：在下一个“。”之前未以“）”闭合"),
    ("task out of order", HEAD + GROUP_ONE + TASK_ONE + "3.丙任务。内容。\n" + TAIL, 9,
     "任务3. 编号顺序有误：任务组（一）中此处应为2."),
    ("text after", HEAD + GROUP_ONE + "1.甲任务。内容。（责任单位：市科技局）再做一件事。\n" + TAIL, 8,
     "任务1.1的责任部门之后还有文字（'再做一件事。'）：责任部门应写在任务或其某一项的末尾"),
    ("item out of order", HEAD + GROUP_ONE + "1.甲任务。一是甲一。三是甲三。（责任单位：市科技局）\n" + TAIL, 8,
     "任务1.1的“三是”编号顺序有误：此处应为“二是”"),
    ("group without tasks", HEAD + GROUP_ONE + TASK_ONE + "（二）第二组\n只有引言。\n" + TAIL, 9,
     "任务组（二）'第二组' 中没有带编号的任务（1.…）；方案未给任务编号的，请在 tasks.csv 中录入方案的任务"),
    ("two sections", HEAD + GROUP_ONE + TASK_ONE + "    四、重点任务\n（一）又一组\n1.又一个。\n", 9,
     "又有一个标题 '重点任务'（第一个在第3行）：方案的任务以哪一部分为准？"),
    ("no measure", HEAD + GROUP_ONE + TASK_ONE + "    四、保障措施\n只有一段话。\n", 9,
     "保障措施部分没有带编号的措施（一）…；请改为在 measures.csv 中录入"),
])
def test_what_cannot_be_read_is_told_in_chinese_when_the_run_asks_for_it(tmp_path, case, text, line, words):
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        parse_plan_tasks(write(tmp_path, text))
    assert (caught.value.line, caught.value.reason) == (line, words)


# --- typed -------------------------------------------------------------------------------------------------

NAMES = "name_zh,name_en\n市科技局,Science Bureau\n市统计局,Statistics Bureau\n市财政局,Finance Bureau\n"
TYPED = ("group,group_title_zh,number,title_zh,lead,departments,title_en,group_title_en,note\n"
         "1,第一组,2,乙任务,市统计局,市科技局、市统计局,Task B,Group one,\n"
         "1,第一组,1,甲任务,市科技局,市科技局,Task A,Group one,printed without items\n"
         "2,第二组,1,丙任务,,,,,\n")


def typed_folder(tmp_path: Path, tasks: str = TYPED, names: str | None = NAMES, **files: str) -> Path:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "tasks.csv").write_text(tasks, encoding="utf-8")
    if names is not None:
        (folder / "department_names.csv").write_text(names, encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def typed_refused(folder: Path, printed_text: Path | None = None) -> str:
    with pytest.raises(InputError) as caught:
        load_plan_tasks(folder, printed_text)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_typed_tasks_csv(tmp_path):
    read = load_plan_tasks(typed_folder(tmp_path), None)
    tasks = read.tasks
    assert tasks["task_id"].tolist() == ["1.1", "1.2", "2.1"]  # in order of group and number
    assert tasks["title_en"].tolist() == ["Task A", "Task B", ""]
    # the lead first, then the others as given
    assert tasks["departments"].tolist() == [["市科技局"], ["市统计局", "市科技局"], []]
    assert tasks["first_line"].tolist() == [3, 2, 4] and set(tasks["wording"]) == {""}
    assert tasks["note"].iloc[0] == "printed without items"
    assert read.items.empty and read.measures.empty and read.tasks_typed
    assert read.department_names["市统计局"] == "Statistics Bureau"


def test_tasks_csv_is_used_instead_of_the_text(tmp_path):
    folder = typed_folder(tmp_path)
    read = load_plan_tasks(folder, SOURCE)
    assert len(read.tasks) == 3 and read.tasks_source == folder / "tasks.csv"
    # the text still gives the support measures, as no measures.csv is given
    assert len(read.measures) == 5 and read.measures_source == SOURCE


def test_a_typed_measures_csv_and_the_english_names_files(tmp_path):
    folder = typed_folder(tmp_path, measures="number,title_zh,title_en\n2,强化政策保障,\n1,加强组织领导,Leadership\n",
                          task_names="task_id,title_en\n2.1,Task C\n2,Group two\n",
                          measure_names="number,title_en\n2,Policies\n")
    read = load_plan_tasks(folder, None)
    assert read.measures["title_zh"].tolist() == ["加强组织领导", "强化政策保障"]
    assert read.measures["title_en"].tolist() == ["Leadership", "Policies"]
    assert read.tasks["title_en"].tolist() == ["Task A", "Task B", "Task C"]
    assert read.tasks["group_title_en"].tolist() == ["Group one", "Group one", "Group two"]


def test_a_typed_plan_without_tasks_has_none():
    read = load_plan_tasks(DEFAULT_PLAN_DIR.parent / "national-12th-fyp", None)
    assert read.tasks.empty and read.items.empty and read.measures.empty and read.department_names is None


@pytest.mark.parametrize("change, where, words", [
    (("1,第一组,1,甲任务,市科技局,市科技局", "1,第一组,1,甲任务,,市科技局"), "tasks.csv:3: lead",
     "empty: give the lead department"),
    (("1,第一组,1,甲任务,市科技局,市科技局", "1,第一组,1,甲任务,市财政局,市科技局"), "tasks.csv:3: lead",
     "the lead department '市财政局' is not among the departments"),
    (("1,第一组,1,甲任务,市科技局,市科技局", "1,第一组,2,甲任务,市科技局,市科技局"), "tasks.csv:3: number",
     "task 1.2 appears twice"),
    (("1,第一组,1,甲任务,市科技局,市科技局,Task A,Group one", "1,第一组,1,甲任务,市科技局,市科技局,Task A,Group 1"),
     "tasks.csv:3: group_title_en", "group 1 is titled 'Group 1' here and 'Group one' at line 2"),
    (("2,第二组,1,丙任务", "2,第二组,2,丙任务"), "tasks.csv:4: number", "group 2 has tasks 2: task 1 is missing"),
    (("2,第二组,1,丙任务", "3,第三组,1,丙任务"), "tasks.csv: group", "group 2 is missing"),
    (("2,第二组,1,丙任务,,", "2,第二组,1,丙任务,市科技局,市科技局、、市统计局"), "tasks.csv:4: departments",
     "an empty department name"),
    (("2,第二组,1,丙任务", "2,第二组,0,丙任务"), "tasks.csv:4: number", "0: numbered from 1"),
    (("2,第二组,1,丙任务", "2,,1,丙任务"), "tasks.csv:4: group_title_zh", "empty"),
])
def test_a_typed_tasks_csv_is_checked_row_by_row(tmp_path, change, where, words):
    folder = typed_folder(tmp_path, TYPED.replace(*change))
    message = typed_refused(folder)
    assert f"{folder / where}: " in message, message
    assert words in message, message


@pytest.mark.parametrize("files, where, words", [
    ({"task_names": "task_id,title_en\n1.3,Task C\n"}, "task_names.csv:2: task_id",
     "'1.3' is neither a task (1.2) nor a group (1) of the plan's tasks (tasks.csv)"),
    ({"task_names": "task_id,title_en\n1.1,Task A again\n"}, "task_names.csv:2: title_en",
     "1.1's English title is also given in tasks.csv ('Task A'): give it once"),
    ({"task_names": "task_id,title_en\n2.1,C\n2.1,C\n"}, "task_names.csv:3: task_id", "2.1 appears twice"),
    ({"measures": "number,title_zh\n1,甲\n3,丙\n"}, "measures.csv: number", "measure 2 is missing"),
    ({"measure_names": "number,title_en\n1,Leadership\n"}, "measure_names.csv:2: number",
     "measure 1 is not among the plan's 0 support measures"),
])
def test_the_names_files_and_measures_are_checked(tmp_path, files, where, words):
    message = typed_refused(typed_folder(tmp_path, **files))
    assert where in message and words in message, message


def test_departments_named_need_the_names_file(tmp_path):
    message = typed_refused(typed_folder(tmp_path, names=None))
    assert message.endswith("department_names.csv: file not found: the plan's key tasks name departments (task 1.1: "
                            "'市科技局', tasks.csv:3), whose English names it gives (name_zh,name_en)"), message


def test_a_task_lead_assigned_by_function_keeps_the_list_as_printed():
    # task_leads.csv: 2.2's list starts with the trade union (市总工会, by protocol); the science bureau leads it
    from analysis.clean.tasks import build_task_tables

    read = load_plan_tasks(DEFAULT_PLAN_DIR, DEFAULT_PLAN_DIR / "weihai-innovative-city-plan-2022.txt")
    tasks = build_task_tables(read).tasks.set_index("task_id")
    assert tasks.loc["2.2", "departments_zh"].startswith("市总工会、市发展改革委、市科技局")
    assert (tasks.loc["2.2", "lead_department_zh"], tasks.loc["2.2", "lead_basis"]) == ("市科技局", "assigned")
    assert tasks.loc["2.2", "lead_department_en"] == "Municipal Science and Technology Bureau"
    assert (tasks.loc["1.1", "lead_department_zh"], tasks.loc["1.1", "lead_basis"]) == ("市发展改革委", "")


@pytest.mark.parametrize(("rows", "words"), [
    ("9.9,市科技局,x", "task_leads.csv:2: task_id: '9.9' is not a task (1.2) of the plan's tasks"),
    ("2.2,市财政局,x", "task_leads.csv:2: lead: '市财政局' is not among the departments the plan lists for task 2.2 "
                       "(市总工会、"),
    ("2.2,市科技局,", "task_leads.csv:2: reason:"),
    ("2.2,市科技局,a\n2.2,市海洋发展局,b", "task 2.2 appears twice"),
])
def test_a_task_lead_file_with_a_mistake_is_refused_by_line(tmp_path, rows, words):
    from tests.conftest import copy_plan

    folder = copy_plan(DEFAULT_PLAN_DIR, tmp_path / "weihai")
    (folder / "task_leads.csv").write_text(f"task_id,lead,reason\n{rows}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan_tasks(folder, folder / "weihai-innovative-city-plan-2022.txt")
    assert words in str(caught.value)


@pytest.mark.parametrize("change, field, words", [
    (("1,第一组,1,甲任务,市科技局,市科技局", "1,第一组,1,甲任务,,市科技局"), "lead",
     "为空：请填写牵头部门（须为 departments 中的一个）"),
    (("1,第一组,1,甲任务,市科技局,市科技局,Task A,Group one", "1,第一组,1,甲任务,市科技局,市科技局,Task A,Group 1"),
     "group_title_en", "任务组1在此处的标题为 'Group 1'，在第2行为 'Group one'：一个任务组只能有一个标题"),
    (("2,第二组,1,丙任务", "2,第二组,2,丙任务"), "number", "任务组2只有任务2，缺少任务1（每组从1起连续编号）"),
    (("2,第二组,1,丙任务", "3,第三组,1,丙任务"), "group", "任务组1、3：缺少任务组2（任务组从1开始编号）"),
    (("2,第二组,1,丙任务", "2,第二组,0,丙任务"), "number", "0：编号应从1开始"),
])
def test_a_typed_tasks_csv_is_checked_in_chinese_when_the_run_asks_for_it(tmp_path, change, field, words):
    folder = typed_folder(tmp_path, TYPED.replace(*change))
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan_tasks(folder, None)
    assert (caught.value.field, caught.value.reason) == (field, words)


def test_a_task_named_in_a_names_file_but_not_in_the_plan_is_told_in_chinese(tmp_path):
    # the plan's tasks read from tasks.csv: the file is named
    folder = typed_folder(tmp_path, task_names="task_id,title_en\n1.3,Task C\n")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan_tasks(folder, None)
    assert caught.value.reason == "'1.3' 不是方案中的任务编号（如1.2）或任务组编号（如1）"
    # a plan without tasks: nothing to name
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "task_names.csv").write_text("task_id,title_en\n1.1,Task A\n", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan_tasks(bare, None)
    assert caught.value.reason == "'1.1' 不是任务编号（如1.2）或任务组编号（如1）：方案中没有任务"
    with pytest.raises(InputError) as caught:
        load_plan_tasks(bare, None)
    assert caught.value.reason == "'1.1' is neither a task (1.2) nor a group (1) of the plan, which has no tasks"


def test_a_lead_for_a_task_that_names_no_department_is_told_in_the_runs_language(tmp_path):
    """Task 2.1 of the small text names no department: the list the lead is not among reads "none" ("无"). The
    plan's department_names.csv is missing too: told in the same round."""
    write(tmp_path, HEAD + GROUP_ONE + TASK_ONE + TASK_TWO + GROUP_TWO + TAIL)
    (tmp_path / "task_leads.csv").write_text("task_id,lead,reason\n2.1,市科技局,职能\n", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan_tasks(tmp_path, tmp_path / "plan.txt")
    assert str(caught.value).splitlines()[-1] == (f"{tmp_path / 'task_leads.csv'}:2: lead: "
                                                  "'市科技局' 不在方案为任务2.1列出的责任部门中（无）")
    with pytest.raises(InputError) as caught:
        load_plan_tasks(tmp_path, tmp_path / "plan.txt")
    assert caught.value.errors[-1].reason == (
        "'市科技局' is not among the departments the plan lists for task 2.1 (none)")


def test_the_names_file_a_plan_lacks_is_told_in_chinese(tmp_path):
    folder = typed_folder(tmp_path, names=None)
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan_tasks(folder, None)
    assert caught.value.reason == ("文件不存在：方案的重点任务列有责任部门（任务1.1：'市科技局'，tasks.csv:3），"
                                   "其英文名称须在此文件中给出（name_zh,name_en）")


def test_the_english_task_names_quote_as_the_reports_english_does():
    """A task name is printed as typed (never retyped by the code): task_names.csv quotes with “ ” as every English
    sentence of the reports does, never a straight " (the self-evaluation's heading 3.1 read "exquisite city" in
    straight quotes beside “wild-goose formation”)."""
    import csv

    from analysis.settings import PROJECT_ROOT

    for path in sorted((PROJECT_ROOT / "data" / "raw").glob("*/task_names.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            straight = [row for row in csv.DictReader(handle) if '"' in row["title_en"]]
        assert straight == [], path


def _told(error, folder: Path) -> list[str]:
    """The lines an error is told in, the plan folder's path left out (``task_names.csv:4: title_en: …``)."""
    from analysis.errors import error_lines

    return [line.replace(f"{folder}/", "") for line in error_lines(error)]


def _told_in_each_language(folder: Path, source: Path | None, expected: dict[str, list[str]]) -> None:
    """Loading ``folder``'s task files (with the printed plan ``source``, or none) is refused with ``expected``'s
    lines in each of its languages."""
    for language, lines in expected.items():
        with mistakes_told_in(language), pytest.raises(InputError) as caught:
            load_plan_tasks(folder, source)
        assert _told(caught.value, folder) == lines, language


def _edit(path: Path, *changes: tuple[str, str], append: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text + append, encoding="utf-8")


def test_every_mistake_of_the_names_and_leads_files_is_told_in_one_round(tmp_path):
    """Nine mistakes of task_names.csv, task_leads.csv and measure_names.csv, as a hostile test round made them: one
    run names them all (a number not a whole number beside one the plan does not have, a name given twice beside an
    empty title)."""
    from tests.conftest import copy_plan

    folder = copy_plan(DEFAULT_PLAN_DIR, tmp_path / "weihai")
    _edit(folder / "task_names.csv",
          ("1.2,Five demonstration zones: new models of high-quality development\n", "1.2,\n"), ("\n1.3,", "\n1.1,"),
          append="8,Group eight\n")
    _edit(folder / "measure_names.csv", ("1,Stronger organisation", "9,Stronger organisation"),
          ("2,Stronger policy support", "一,Stronger policy support"), ("4,Monitoring and evaluation", "4,"))
    _edit(folder / "task_leads.csv", ("2.2,市科技局,", "2.2,市财政局,"),
          ("7.1,市行政审批服务局,", "9.9,市行政审批服务局,"))
    leads = (folder / "task_leads.csv").read_text(encoding="utf-8").splitlines()
    (folder / "task_leads.csv").write_text("\n".join([*leads[:3], "7.2,市科技局,"]) + "\n", encoding="utf-8")
    listed = "市总工会、市发展改革委、市科技局、市人力资源社会保障局、市海洋发展局、市市场监管局、高区管委、经区管委"
    source = "weihai-innovative-city-plan-2022.txt"
    expected = {
        "en": [
            "measure_names.csv:2: number: measure 9 is not among the plan's 5 support measures",
            "measure_names.csv:3: number: '一' is not a whole number",
            "measure_names.csv:5: title_en: empty",
            f"task_leads.csv:2: lead: '市财政局' is not among the departments the plan lists for task 2.2 ({listed})",
            f"task_leads.csv:3: task_id: '9.9' is not a task (1.2) of the plan's tasks ({source})",
            "task_leads.csv:4: reason: empty",
            "task_names.csv:4: title_en: empty",
            "task_names.csv:5: task_id: 1.1 appears twice (first at line 3)",
            f"task_names.csv:38: task_id: '8' is neither a task (1.2) nor a group (1) of the plan's tasks ({source})",
        ],
        "zh": [
            "measure_names.csv:2: number: 保障措施9不在方案的5项保障措施之中",
            "measure_names.csv:3: number: '一'：请用阿拉伯数字编号（1、2…）",
            "measure_names.csv:5: title_en: 为空",
            f"task_leads.csv:2: lead: '市财政局' 不在方案为任务2.2列出的责任部门中（{listed}）",
            "task_leads.csv:3: task_id: '9.9' 不是方案中的任务编号（如1.2）",
            "task_leads.csv:4: reason: 为空",
            "task_names.csv:4: title_en: 为空",
            "task_names.csv:5: task_id: 1.1出现了两次（首次出现在第3行）",
            "task_names.csv:38: task_id: '8' 不是方案中的任务编号（如1.2）或任务组编号（如1）",
        ],
    }
    _told_in_each_language(folder, folder / source, expected)


def test_the_names_files_are_checked_on_their_own_while_the_tasks_have_mistakes(tmp_path):
    """tasks.csv and measures.csv with mistakes: the English names files' own mistakes are told with theirs (their
    checks against the tasks and measures wait)."""
    folder = typed_folder(tmp_path, TYPED.replace("1,第一组,1,甲任务", "1,第一组,x,甲任务"),
                          measures="number,title_zh\n1,甲\n1,乙\n", task_names="task_id,title_en\n9.9,\n",
                          measure_names="number,title_en\nx,Leadership\n")
    with pytest.raises(InputError) as caught:
        load_plan_tasks(folder, None)
    assert _told(caught.value, folder) == [
        "measure_names.csv:2: number: 'x' is not a whole number",
        "measures.csv:3: number: measure 1 appears twice (first at line 2)",
        "task_names.csv:2: title_en: empty",
        "tasks.csv:3: number: 'x' is not a whole number",
    ]


def test_every_mistake_of_tasks_csv_and_measures_csv_is_told_in_one_round(tmp_path):
    """Five mistakes of a typed plan's tasks.csv and measures.csv, and the names file it lacks: one run."""
    tasks = ("group,group_title_zh,number,title_zh,lead,departments,title_en\n"
             "1,加强基础研究,1,建设国家实验室,科技部,科技部、、教育部,\n"
             "1,加强基础研究,2,建设大科学装置,财政部,科技部、发改委,\n"
             "2,人才,1,引进人才,人社部,人社部,\n"
             "3,开放,一,国际合作,科技部,科技部,\n")
    folder = typed_folder(tmp_path, tasks, names=None, measures="number,title_zh\n0,加强组织领导\n2,\n")
    expected = {
        "en": [
            "department_names.csv: file not found: the plan's key tasks name departments (task 1.1: '科技部', "
            "tasks.csv:2), whose English names it gives (name_zh,name_en)",
            "measures.csv:2: number: 0: numbered from 1",
            "measures.csv:3: title_zh: empty",
            "tasks.csv:2: departments: an empty department name in '科技部、、教育部'",
            "tasks.csv:3: lead: the lead department '财政部' is not among the departments",
            "tasks.csv:5: number: '一' is not a whole number",
        ],
        "zh": [
            "department_names.csv: 文件不存在：方案的重点任务列有责任部门（任务1.1：'科技部'，tasks.csv:2），"
            "其英文名称须在此文件中给出（name_zh,name_en）",
            "measures.csv:2: number: 0：编号应从1开始",
            "measures.csv:3: title_zh: 为空",
            "tasks.csv:2: departments: '科技部、、教育部' 中有空的部门名称",
            "tasks.csv:3: lead: 牵头部门 '财政部' 不在 departments 之中",
            "tasks.csv:5: number: '一'：请用阿拉伯数字编号（1、2…）",
        ],
    }
    _told_in_each_language(folder, None, expected)


def test_every_gap_in_the_numbering_is_told_in_one_round(tmp_path):
    """Two tasks missing in group 1, one in group 3, group 2 missing, two measures missing: each group's gaps told at
    the line of the task after its first gap (not group 1's alone), the groups' and the measures' with their file;
    the numbers listed as the run's language lists them."""
    tasks = ("group,group_title_zh,number,title_zh,lead,departments\n"
             "1,第一组,1,甲任务,,\n"
             "1,第一组,3,乙任务,,\n"
             "1,第一组,5,丙任务,,\n"
             "3,第三组,2,丁任务,,\n")
    folder = typed_folder(tmp_path, tasks, measures="number,title_zh\n1,加强组织领导\n3,强化政策保障\n5,优化环境\n")
    expected = {
        "en": [
            "measures.csv: number: measures 1, 3, 5: measures 2 and 4 are missing (numbered from 1)",
            "tasks.csv: group: groups 1, 3: group 2 is missing (groups are numbered from 1)",
            "tasks.csv:3: number: group 1 has tasks 1, 3, 5: tasks 2 and 4 are missing (tasks are numbered from 1 in "
            "each group)",
            "tasks.csv:5: number: group 3 has tasks 2: task 1 is missing (tasks are numbered from 1 in each group)",
        ],
        "zh": [
            "measures.csv: number: 保障措施1、3、5：缺少保障措施2、4（从1开始编号）",
            "tasks.csv: group: 任务组1、3：缺少任务组2（任务组从1开始编号）",
            "tasks.csv:3: number: 任务组1只有任务1、3、5，缺少任务2、4（每组从1起连续编号）",
            "tasks.csv:5: number: 任务组3只有任务2，缺少任务1（每组从1起连续编号）",
        ],
    }
    _told_in_each_language(folder, None, expected)
