"""The key tasks as processed tables: English department names (a name missing refused by the line naming it),
validated, written and read back; empty for a plan that gives none."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis.catalog import mistakes_told_in
from analysis.clean import schemas
from analysis.clean.processed import ProcessedTables, read_processed
from analysis.clean.tasks import build_task_tables
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.ingest.plan_tasks import load_plan_tasks
from analysis.plan import load_plan
from analysis.settings import DEFAULT_PLAN_DIR
from analysis.vocabulary import LATER_TABLES, TABLES

SOURCE = DEFAULT_PLAN_DIR / "weihai-innovative-city-plan-2022.txt"


@pytest.fixture(scope="module")
def weihai():
    return build_task_tables(load_plan_tasks(DEFAULT_PLAN_DIR, SOURCE))


def test_weihai_tasks_with_english_department_names(weihai):
    tasks = weihai.tasks.set_index("task_id")
    assert len(tasks) == 29 and len(weihai.items) == 31 and len(weihai.measures) == 5
    first = tasks.loc["1.1"]
    assert first.departments_zh == ("市发展改革委、市工业和信息化局、市自然资源和规划局、市住房城乡建设局、"
                                    "市交通运输局、市商务局、市行政审批服务局、各区市政府、开发区管委")
    assert first.departments_en.startswith("Municipal Development and Reform Commission; Municipal Bureau of "
                                           "Industry and Information Technology; ")
    assert first.departments_en.endswith("; District and county-level city governments; Administrative "
                                         "committees of the development zones")
    assert (first.lead_department_zh, first.lead_department_en) == ("市发展改革委",
                                                                    "Municipal Development and Reform Commission")
    assert (first.n_items, first.first_line, first.last_line, first.department_line) == (4, 301, 309, 309)
    assert first.source == "weihai-innovative-city-plan-2022.txt" and first.department_wording == "责任单位"
    assert tasks.loc["3.4", "departments_en"] == "Municipal Science and Technology Bureau"
    assert tasks["n_items"].sum() == 31 and tasks.loc["6.4", "n_items"] == 7 and tasks.loc["1.3", "n_items"] == 0


def test_items_keep_their_own_departments(weihai):
    items = weihai.items.set_index(["task_id", "item"])
    second = items.loc[("6.1", 2)]
    assert second.departments_zh == "市科技局、市工业和信息化局、市商务局" and second.department_line == 348
    assert second.lead_department_en == "Municipal Science and Technology Bureau"
    assert items.loc[("1.1", 4), "departments_zh"] == "" and items.loc[("1.1", 4), "department_line"] == 0


def test_a_department_without_an_english_name_is_refused_by_its_plan_line(plan_copy):
    names = plan_copy / "department_names.csv"
    names.write_text("".join(line for line in names.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith("市外办,")), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_task_tables(load_plan_tasks(plan_copy, plan_copy / SOURCE.name))
    # 市外办 closes task 3.1's parenthesis on the line after it opens
    assert str(caught.value) == (f"{plan_copy / SOURCE.name}:327: department '市外办' (task 3.1) has no English "
                                 "name in department_names.csv; add a row name_zh,name_en")


def test_a_typed_task_names_its_row(tmp_path):
    (tmp_path / "tasks.csv").write_text("group,group_title_zh,number,title_zh,lead,departments\n"
                                        "1,第一组,1,甲任务,市科技局,市科技局、市统计局\n", encoding="utf-8")
    (tmp_path / "department_names.csv").write_text("name_zh,name_en\n市科技局,Science Bureau\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_task_tables(load_plan_tasks(tmp_path, None))
    assert str(caught.value) == (f"{tmp_path / 'tasks.csv'}:2: departments: department '市统计局' (task 1.1) has no "
                                 "English name in department_names.csv; add a row name_zh,name_en")


def test_every_department_without_an_english_name_is_told_in_one_round(plan_copy):
    """Two departments lack their English names: both told, each once, where the plan first names it (市商务局 closes
    tasks 1.1, 3.2 and items of others)."""
    names = plan_copy / "department_names.csv"
    names.write_text("".join(line for line in names.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith(("市外办,", "市商务局,"))), encoding="utf-8")
    read = load_plan_tasks(plan_copy, plan_copy / SOURCE.name)
    with pytest.raises(InputError) as caught:
        build_task_tables(read)
    assert [line.replace(f"{plan_copy}/", "") for line in caught.value.lines()] == [
        f"{SOURCE.name}:309: department '市商务局' (task 1.1) has no English name in department_names.csv; add a "
        "row name_zh,name_en",
        f"{SOURCE.name}:327: department '市外办' (task 3.1) has no English name in department_names.csv; add a row "
        "name_zh,name_en",
    ]
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        build_task_tables(read)
    assert [error.reason for error in caught.value.errors] == [
        "部门 '市商务局'（任务1.1）在 department_names.csv 中没有英文名称；请添加一行 name_zh,name_en",
        "部门 '市外办'（任务3.1）在 department_names.csv 中没有英文名称；请添加一行 name_zh,name_en",
    ]


def test_a_department_without_an_english_name_is_told_in_chinese_when_the_run_asks_for_it(plan_copy):
    names = plan_copy / "department_names.csv"
    names.write_text("".join(line for line in names.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith("市外办,")), encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        build_task_tables(load_plan_tasks(plan_copy, plan_copy / SOURCE.name))
    assert (caught.value.line, caught.value.reason) == (
        327, "部门 '市外办'（任务3.1）在 department_names.csv 中没有英文名称；请添加一行 name_zh,name_en")


def test_an_items_department_without_an_english_name_names_the_item(plan_copy):
    """An item's departments are among its task's, so the task is told first; read alone, the item is named."""
    names = plan_copy / "department_names.csv"
    names.write_text("".join(line for line in names.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith("市商务局,")), encoding="utf-8")
    read = load_plan_tasks(plan_copy, plan_copy / SOURCE.name)
    items_only = dataclasses.replace(read, tasks=read.tasks.iloc[0:0])
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        build_task_tables(items_only)
    # 6.1's first item closes with its own departments, 市商务局 among them (line 347)
    assert (caught.value.line, caught.value.reason) == (
        347, "部门 '市商务局'（任务6.1第1项）在 department_names.csv 中没有英文名称；请添加一行 name_zh,name_en")
    with pytest.raises(InputError) as caught:
        build_task_tables(items_only)
    assert caught.value.reason == ("department '市商务局' (task 6.1, item 1) has no English name in "
                                   "department_names.csv; add a row name_zh,name_en")


def test_the_schema_keeps_the_lead_first(weihai):
    broken = weihai.tasks.copy()
    broken.loc[0, "lead_department_zh"] = "市商务局"  # among the departments, but not the first
    with pytest.raises(InputError, match="the lead is the first of the departments"):
        schemas.validate("tasks.csv", broken)
    broken = weihai.measures.copy()
    broken.loc[1, "last_line"] = 300
    with pytest.raises(InputError, match="last_line before first_line"):
        schemas.validate("measures.csv", broken)


def test_the_cleaned_plan_carries_them_and_a_typed_plan_without_tasks_has_none():
    cleaned = clean_plan_table(load_plan_inputs(load_plan(DEFAULT_PLAN_DIR)))
    assert len(cleaned.tasks.tasks) == 29
    national = clean_plan_table(load_plan_inputs(load_plan(DEFAULT_PLAN_DIR.parent / "national-12th-fyp")))
    assert national.tasks.tasks.empty and national.tasks.items.empty and national.tasks.measures.empty
    assert list(national.tasks.tasks.columns) == list(TABLES["tasks.csv"])


def test_written_and_read_back(tmp_path, weihai):
    frame = pd.DataFrame({"indicator_id": [1]})
    tables = ProcessedTables(plan={}, indicators=frame, values=frame, quality=frame, assessment=frame, growth=frame,
                             tasks=weihai.tasks, task_items=weihai.items, measures=weihai.measures)
    files = tables.files()
    for name in LATER_TABLES:
        (tmp_path / name).write_bytes(files[name])
    for name in TABLES:
        if name not in LATER_TABLES:  # the other tables as a data step writes them: only their header here
            (tmp_path / name).write_text("\ufeff" + ",".join(TABLES[name]) + "\n", encoding="utf-8")
    (tmp_path / "plan.json").write_text("{}", encoding="utf-8")
    read = read_processed(tmp_path)
    pd.testing.assert_frame_equal(read.tasks, weihai.tasks)
    pd.testing.assert_frame_equal(read.task_items, weihai.items)
    pd.testing.assert_frame_equal(read.measures, weihai.measures)
    # a folder written before these tables reads them as empty
    for name in LATER_TABLES:
        (tmp_path / name).unlink()
    read = read_processed(tmp_path)
    assert read.tasks.empty and list(read.tasks.columns) == list(TABLES["tasks.csv"]) and read.measures.empty
