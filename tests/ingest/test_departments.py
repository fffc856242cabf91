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


def test_indicators_carry_the_departments_lead_first():
    indicators = clean_plan_table(load_plan_inputs(load_plan(DEFAULT_PLAN_DIR))).indicators
    indicators = indicators.set_index(["indicator_id", "series"])
    patents = indicators.loc[(12, "")]
    assert patents.departments_zh == "市市场监督管理局、市科技局"
    assert patents.departments_en == (
        "Municipal Administration for Market Regulation; Municipal Science and Technology Bureau")
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
