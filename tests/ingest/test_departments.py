"""Responsible departments: read from departments.csv, checked against the plan line they cite, joined to
the indicators (the lead first) and absent without the files. Bad files are in tests/contract/bad_inputs/dept_*."""
from __future__ import annotations

from analysis.clean.tidy import clean_plan_table
from analysis.ingest.departments import load_departments
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.ingest.printed_table import read_source_lines
from analysis.plan import load_plan
from analysis.settings import DEFAULT_PLAN_DIR


def test_weihai_departments_cite_the_plan_lines_that_name_them():
    plan = load_plan(DEFAULT_PLAN_DIR)
    frame = load_departments(plan.folder, read_source_lines(plan.printed_text)).set_index(["indicator_id", "series"])
    # Goal 3 (plan line 61) names 市科技局、市市场监督管理局; patents are the market regulator's to report.
    patents = frame.loc[(12, "")]
    assert (patents.lead, patents.departments, patents.basis, patents.plan_line) == (
        "市市场监督管理局", ["市科技局", "市市场监督管理局"], "printed", 61)
    air = frame.loc[(17, "")]
    assert (air.lead, air.basis, air.plan_line) == ("市生态环境局", "assigned", 0)
    assert air.names_en == {"市生态环境局": "Municipal Bureau of Ecology and Environment"}


def test_indicators_carry_the_departments_in_the_plans_order_and_their_lead():
    # patents: the plan lists 市科技局、市市场监督管理局 (line 61); departments.csv makes the market regulator the lead
    indicators = clean_plan_table(load_plan_inputs(load_plan(DEFAULT_PLAN_DIR))).indicators
    indicators = indicators.set_index(["indicator_id", "series"])
    patents = indicators.loc[(12, "")]
    assert patents.departments_zh == "市科技局、市市场监督管理局"
    assert patents.departments_en == (
        "Municipal Science and Technology Bureau; Municipal Administration for Market Regulation")
    assert (patents.lead_department_zh, patents.department_basis, patents.department_line) == (
        "市市场监督管理局", "printed", 61)
    # every one of the 28 series has a lead department
    assert len(indicators) == 28 and (indicators["lead_department_zh"] != "").all()


def test_without_the_files_the_departments_are_empty(plan_copy):
    (plan_copy / "departments.csv").unlink()
    # department_names.csv stays: the plan's key tasks name departments too (tests/ingest/test_plan_tasks.py)
    indicators = clean_plan_table(load_plan_inputs(load_plan(plan_copy))).indicators
    assert set(indicators["departments_zh"]) == {""} and set(indicators["department_basis"]) == {""}
    assert set(indicators["department_line"]) == {0}


def test_a_department_printed_under_another_name_is_counted_under_one():
    # the plan prints 市人社局 and 市人力资源社会保障局 for 市人力资源和社会保障局, 市市场监管局 for 市市场监督管理局;
    # department_names.csv says so (same_as), and every table lists each department under the one name
    from analysis.clean.tasks import build_task_tables
    from analysis.ingest.departments import load_department_aliases

    plan = load_plan(DEFAULT_PLAN_DIR)
    assert load_department_aliases(plan.folder) == {"市人社局": "市人力资源和社会保障局",
                                                    "市人力资源社会保障局": "市人力资源和社会保障局",
                                                    "市市场监管局": "市市场监督管理局"}
    inputs = load_plan_inputs(plan)
    indicators = clean_plan_table(inputs).indicators.set_index(["indicator_id", "series"])
    # indicator 24 cites plan line 359, which prints 市人社局
    assert "市人力资源和社会保障局" in indicators.loc[(24, ""), "departments_zh"].split("、")
    tasks = build_task_tables(inputs.tasks)
    named = {name for table in (tasks.tasks, tasks.items) for names in table["departments_zh"] for name in
             names.split("、") if name}
    assert not named & {"市人社局", "市人力资源社会保障局", "市市场监管局"}
    assert {"市人力资源和社会保障局", "市市场监督管理局"} <= named


def test_same_as_must_name_a_department_of_the_file(plan_copy):
    import pytest

    from analysis.errors import InputError
    from analysis.ingest.departments import load_department_aliases

    names = plan_copy / "department_names.csv"
    names.write_text(names.read_text(encoding="utf-8").replace(
        "市市场监管局,Municipal Administration for Market Regulation,市市场监督管理局",
        "市市场监管局,Municipal Administration for Market Regulation,市场监管总局"), encoding="utf-8")
    with pytest.raises(InputError,
                       match=r"department_names.csv:\d+: same_as: same_as '市场监管总局' is not a department"):
        load_department_aliases(plan_copy)


def test_the_departments_mistakes_are_told_in_chinese_where_the_run_asks_for_it(plan_copy):
    """Bad rows of a copied plan's departments.csv and department_names.csv walked through the readers."""
    import pytest

    from analysis.catalog import mistakes_told_in
    from analysis.errors import InputError

    plan = load_plan(plan_copy)
    lines = read_source_lines(plan.printed_text)
    departments = plan_copy / "departments.csv"
    base = departments.read_text(encoding="utf-8")
    cases = [
        ("3,,市科技局,市科技局、高区管委,assigned,", "3,,市科技局,市科技局、高区管委,given,",
         "departments.csv:4: basis: 未知的 basis 'given'：应为 printed（方案列明了部门）或 assigned"),
        ("3,,市科技局,市科技局、高区管委,assigned,", "3,,市统计局,市科技局、高区管委,assigned,",
         "departments.csv:4: lead: 牵头部门 '市统计局' 不在 departments 所列部门之中"),
        ("3,,市科技局,市科技局、高区管委,assigned,", "3,,市科技局,市科技局、高区管委,assigned,12",
         "departments.csv:4: plan_line: 指定的（assigned）部门不引用方案的行：请把 basis 改为 printed，或将 plan_line "
         "留空"),
        ("3,,市科技局,市科技局、高区管委,assigned,", "3,,市科技局,市科技局、高区管委,printed,99999",
         f"departments.csv:4: plan_line: 方案第 99999 行不存在（方案文本共 {len(lines)} 行）"),
    ]
    for old, new, expected in cases:
        assert old in base
        departments.write_text(base.replace(old, new), encoding="utf-8")
        with mistakes_told_in("zh"), pytest.raises(InputError) as told:
            load_departments(plan_copy, lines)
        assert str(told.value).endswith(expected)
    departments.write_text(base, encoding="utf-8")
    names = plan_copy / "department_names.csv"
    names.write_text(names.read_text(encoding="utf-8") + "市科技局,Science Bureau,\n", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_departments(plan_copy, lines)
    assert told.value.field == "name_zh"
    assert told.value.reason == "部门 '市科技局' 出现了两次（首次出现在第 3 行）"
