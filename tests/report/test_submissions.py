"""The self-evaluation's annex of what was received: a returned workbook of values is listed as received, whatever
its words sheet holds."""
from __future__ import annotations

import openpyxl

from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.publish.templates import build_templates
from analysis.report.self_evaluation import self_evaluation_blocks
from tests.support.plans import write_typed_plan
from tests.support.self_evaluation import year_context


def test_a_returned_workbook_of_values_is_received_though_explanations_are_still_owed(project_tmp):
    """A plan without departments.csv: one workbook for all indicators (2025-全部指标.xlsx), its 2025 values filled,
    its words sheet left empty. It was used, so it was received (never "未报送" / "none"); the explanations of the two
    lagging series it does not give are still owed, in their own column."""
    folder = write_typed_plan(project_tmp / "plans" / "returned", 5, name="returned", observed_to=2024)
    plan = load_plan(folder)
    [template] = build_templates(plan, 2025, "zh", project_tmp / "returned-templates")
    book = openpyxl.load_workbook(template)
    sheet = book["数据报送"]
    import csv
    with open(folder / "observations" / "bulletins.csv", encoding="utf-8") as handle:
        last = {int(r["indicator_id"]): float(r["value"]) for r in csv.DictReader(handle) if r["year"] == "2024"}
    for row in range(5, 10):  # each series' 2024 value again: plausible, no reason asked
        number = sheet.cell(row, 1).value
        sheet.cell(row, 4).value, sheet.cell(row, 5).value = last[int(number)], "测试市统计公报2025"
    book.save(folder / "observations" / template.name)
    tables = build_tables(load_plan(folder), "eurostat")
    for language, nobody, received in (("zh", "未明确牵头部门", "2025-全部指标.xlsx"),
                                       ("en", "Lead department not named", "2025-全部指标.xlsx")):
        [table] = [b for b in self_evaluation_blocks(year_context(tables, language, 2025)) if b.name == "submissions"]
        [row] = [row for row in table.rows if row[0] == nobody]
        assert row[4] == received
        assert row[5] not in ({"zh": "齐全", "en": "complete"}[language], "")  # explanations still owed, apart
