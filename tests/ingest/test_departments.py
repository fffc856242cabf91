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
         f"departments.csv:4: plan_line: 方案第99999行不存在（方案文本共{len(lines)}行）"),
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
    assert told.value.reason == "部门 '市科技局' 出现了两次（首次出现在第3行）"


def _told(error, folder) -> list[str]:
    """The lines an error is told in, the plan folder's path left out (``departments.csv:2: basis: …``)."""
    from analysis.errors import error_lines

    return [line.replace(f"{folder}/", "") for line in error_lines(error)]


def _break_departments(folder) -> None:
    """Five mistakes in five rows of departments.csv and a series' row deleted, as a hostile test round made them."""
    path = folder / "departments.csv"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("1,,市科技局,市科技局、市统计局,assigned,", "1,,市科技局,市科技局、市统计局,given,"),
        ("\n2,,市科技局,市委组织部、市科技局、市发展改革委、市工业和信息化局、市人力资源和社会保障局,printed,59,",
         "\n2,,市科技局,市委组织部、市科技局、市发展改革委、市工业和信息化局、市人力资源和社会保障局,printed,60,"),
        ("3,,市科技局,市科技局、高区管委", "3,,市教育局,市科技局、高区管委"),
        ("4,provincial,市科技局,市科技局、市农业农村局,", "4,provincial,市科技局,市科技局、、市农业农村局、,"),
        ("市工业和信息化局,assigned,,the departments that recognise provincial",
         "市工业和信息化局,assigned,12,the departments that recognise provincial"),
        ("7,,市科技局,市科技局、市工业和信息化局,assigned,,high-tech enterprises (science bureau) over industrial "
         "enterprises above designated size (industry bureau)\n", ""),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_every_mistake_of_departments_csv_is_told_in_one_round(plan_copy):
    import pytest

    from analysis.errors import InputError

    _break_departments(plan_copy)
    lines = read_source_lines(load_plan(plan_copy).printed_text)
    with pytest.raises(InputError) as told:
        load_departments(plan_copy, lines)
    assert _told(told.value, plan_copy) == [
        "departments.csv: indicator_id: no row for indicator 7 of the plan's table: every series needs its lead "
        "department, its departments and their basis",
        "departments.csv:2: basis: basis 'given' unknown; use printed (the plan names them) or assigned",
        "departments.csv:3: departments: plan line 60 does not name '市委组织部', '市发展改革委', "
        "'市工业和信息化局' and "
        "'市人力资源和社会保障局'; it names 市科技局",
        "departments.csv:4: lead: the lead department '市教育局' is not among the departments",
        "departments.csv:6: departments: an empty department name in '市科技局、、市农业农村局、'",
        "departments.csv:8: plan_line: an assigned department cites no plan line; use basis printed or leave plan_line "
        "empty",
    ]


def test_every_mistake_of_departments_csv_is_told_in_chinese_in_one_round(plan_copy):
    import pytest

    from analysis.catalog import mistakes_told_in
    from analysis.errors import InputError

    _break_departments(plan_copy)
    path = plan_copy / "departments.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\n8,,市科技局,市科技局、市统计局,assigned,,\n", "\n"),
                    encoding="utf-8")
    lines = read_source_lines(load_plan(plan_copy).printed_text)
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_departments(plan_copy, lines)
    assert _told(told.value, plan_copy) == [
        "departments.csv: indicator_id: 缺少指标7、8的行：方案指标表的每个序列都须写明牵头部门、责任部门及其依据",
        "departments.csv:2: basis: 未知的 basis 'given'：应为 printed（方案列明了部门）或 assigned",
        "departments.csv:3: departments: 方案第60行未列明 '市委组织部'、'市发展改革委'、'市工业和信息化局'、"
        "'市人力资源和社会保障局'；该行列明的是 市科技局",
        "departments.csv:4: lead: 牵头部门 '市教育局' 不在 departments 所列部门之中",
        "departments.csv:6: departments: '市科技局、、市农业农村局、' 中有空的部门名称",
        "departments.csv:8: plan_line: 指定的（assigned）部门不引用方案的行：请把 basis 改为 printed，"
        "或将 plan_line 留空",
    ]


def test_a_series_given_no_row_is_named_with_its_series(plan_copy):
    import pytest

    from analysis.errors import InputError

    path = plan_copy / "departments.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("4,provincial,"))
    path.write_text(text.replace(row + "\n", ""), encoding="utf-8")
    with pytest.raises(InputError) as told:
        load_departments(plan_copy, read_source_lines(load_plan(plan_copy).printed_text))
    assert _told(told.value, plan_copy) == [
        "departments.csv: indicator_id: no row for indicator 4 series 'provincial' of the plan's table: every series "
        "needs its lead department, its departments and their basis"]


def _break_department_names(folder) -> None:
    """Five mistakes of department_names.csv: a same_as naming its own row, one naming a name that has a same_as
    itself, an empty English name, a name given twice and a same_as naming no department of the file."""
    path = folder / "department_names.csv"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("市人社局,Municipal Human Resources and Social Security Bureau,市人力资源和社会保障局",
         "市人社局,Municipal Human Resources and Social Security Bureau,市人社局"),
        ("市市场监管局,Municipal Administration for Market Regulation,市市场监督管理局",
         "市市场监管局,Municipal Administration for Market Regulation,市人力资源社会保障局"),
        ("市统计局,Municipal Statistics Bureau,", "市统计局,,"),
        ("市司法局,Municipal Justice Bureau,", "市科技局,Municipal Justice Bureau,"),
        ("市公安局,Municipal Public Security Bureau,", "市公安局,Municipal Public Security Bureau,市场监管总局"),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_every_mistake_of_department_names_csv_is_told_in_one_round(plan_copy):
    import pytest

    from analysis.catalog import mistakes_told_in
    from analysis.errors import InputError
    from analysis.ingest.departments import load_department_aliases

    _break_department_names(plan_copy)
    with pytest.raises(InputError) as told:
        load_department_aliases(plan_copy)
    assert _told(told.value, plan_copy) == [
        "department_names.csv:7: same_as: same_as names this row itself: leave it empty",
        "department_names.csv:10: name_en: empty",
        "department_names.csv:30: same_as: '市人力资源社会保障局' itself points to '市人力资源和社会保障局': write "
        "'市人力资源和社会保障局' directly",
        "department_names.csv:45: name_zh: department '市科技局' appears twice (first at line 3)",
        "department_names.csv:49: same_as: same_as '市场监管总局' is not a department of this file with no same_as of "
        "its own; name the department as the file lists it",
    ]
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_department_aliases(plan_copy)
    assert _told(told.value, plan_copy) == [
        "department_names.csv:7: same_as: same_as 指向本行自身：请留空",
        "department_names.csv:10: name_en: 为空",
        "department_names.csv:30: same_as: '市人力资源社会保障局' 本身又指向 '市人力资源和社会保障局'：请直接填写 "
        "'市人力资源和社会保障局'",
        "department_names.csv:45: name_zh: 部门 '市科技局' 出现了两次（首次出现在第3行）",
        "department_names.csv:49: same_as: same_as '市场监管总局' 不是本文件中列出、且本身没有 same_as 的部门："
        "请按本文件所列写出部门名称",
    ]


def test_a_same_as_naming_a_wrong_same_as_says_so_and_departments_csv_is_told_with_it(plan_copy):
    """市市场监管局 names 市人社局, whose own same_as names its own row: neither can be followed. The mistakes of
    department_names.csv come with those of departments.csv, whose checks against the names wait for them."""
    import pytest

    from analysis.catalog import mistakes_told_in
    from analysis.errors import InputError

    names = plan_copy / "department_names.csv"
    text = names.read_text(encoding="utf-8")
    text = text.replace("市人社局,Municipal Human Resources and Social Security Bureau,市人力资源和社会保障局",
                        "市人社局,Municipal Human Resources and Social Security Bureau,市人社局")
    text = text.replace("市市场监管局,Municipal Administration for Market Regulation,市市场监督管理局",
                        "市市场监管局,Municipal Administration for Market Regulation,市人社局")
    names.write_text(text, encoding="utf-8")
    departments = plan_copy / "departments.csv"
    departments.write_text(departments.read_text(encoding="utf-8").replace(
        "1,,市科技局,市科技局、市统计局,assigned,", "1,,市科技局,市科技局、市气象局,given,"), encoding="utf-8")
    lines = read_source_lines(load_plan(plan_copy).printed_text)
    expected = {
        "en": ["department_names.csv:7: same_as: same_as names this row itself: leave it empty",
               "department_names.csv:30: same_as: '市人社局' itself points to '市人社局' (line 7), which is wrong too: "
               "write the department '市人社局' is counted under, as this file lists it",
               "departments.csv:2: basis: basis 'given' unknown; use printed (the plan names them) or assigned"],
        "zh": ["department_names.csv:7: same_as: same_as 指向本行自身：请留空",
               "department_names.csv:30: same_as: '市人社局' 本身又指向 '市人社局'（第7行），而该项同样有误："
               "请按本文件所列写出 '市人社局' 所归的部门",
               "departments.csv:2: basis: 未知的 basis 'given'：应为 printed（方案列明了部门）或 assigned"],
    }
    for language, told_lines in expected.items():
        with mistakes_told_in(language), pytest.raises(InputError) as told:
            load_departments(plan_copy, lines)
        assert _told(told.value, plan_copy) == told_lines
