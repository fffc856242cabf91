"""A series whose target's year has come without its value (a 2025 report, no 2025 value) shows that target (380 for
2025) beside what the next target (420 for 2026) needs a year: the need names the target it is for, and a fall is
said as a fall."""
from __future__ import annotations

import pytest

from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.report.context import load_report
from analysis.report.tables import scorecard_rows
from tests.conftest import relative

PLAN = """name: {name}
city: {{zh: 测试市, en: Testville}}
title: {{zh: 测试市创新行动计划（2024—2026年）, en: Testville's innovation plan (2024–2026)}}
issuer: {{zh: 测试市人民政府, en: Testville municipal government}}
published: 2024
base_year: 2023
evaluations: {{2025: mid_term, 2026: final}}
table: {{indicators: indicators.csv, values: values.csv}}
"""
INDICATORS = """indicator_id,series,category_zh,category_en,name_zh,name_en,short_name_zh,short_name_en,unit_zh,unit_en,core,direction,kind
1,,创新投入,Innovation inputs,高新技术企业数量,Number of high-tech enterprises,高新技术企业,High-tech enterprises,家,enterprises,false,higher,count
2,,绿色发展,Green development,单位地区生产总值能耗,Energy use per unit of GDP,单位GDP能耗,Energy intensity,吨标准煤/万元,tonnes of standard coal per 10 000 yuan,false,lower,intensity
"""  # noqa: E501
VALUES = """indicator_id,series,year,value_type,value
1,,2023,baseline,300
1,,2025,target,380
1,,2026,target,420
2,,2023,baseline,0.50
2,,2025,target,0.46
2,,2026,target,0.44
"""
ACTUALS = """indicator_id,series,year,value,source
1,,2024,335,测试市统计公报2024
2,,2024,0.48,测试市统计公报2024
"""


@pytest.fixture(scope="module")
def tables(project_tmp):
    folder = project_tmp / "plans" / "later-need"
    (folder / "observations").mkdir(parents=True)
    for name, text in (("plan.yml", PLAN.format(name="later-need")), ("indicators.csv", INDICATORS),
                       ("values.csv", VALUES), ("observations/bulletins.csv", ACTUALS)):
        (folder / name).write_text(text, encoding="utf-8")
    target = project_tmp / "later-need-tables"
    target.mkdir()
    for name, data in build_tables(load_plan(folder), "eurostat", folder / "observations").files().items():
        (target / name).write_bytes(data)
    return target


def test_the_need_of_the_target_still_ahead_names_it_and_says_a_fall_as_a_fall(tables):
    """The 2025 report, latest values 2024's. Enterprises: the row shows 380 (2025), 45 short; what it needs is for
    420 in 2026, from 335 in 2024: (420 / 335) ** (1 / 2) − 1 = 11.97% → 12.0%, (420 − 335) / 2 = 42.5 → about 43
    a year. Energy use: 0.46 (2025) shown; for 0.44 in 2026 from 0.48: (0.44 / 0.48) ** (1 / 2) − 1 = −4.26% → a
    fall of 4.3%, (0.48 − 0.44) / 2 = 0.02 a year: "下降", "fall by", never "−4.3%" under "每年需增长"; each a
    year's, said in the cell though its label says "per year" (每年): never "2025—2026年增长12.0%", read as the two
    years' growth together."""
    expected = {"zh": ["至2026年目标420家，2025—2026年每年增长12.0%（约43家），自2024年数值起算",
                       "至2026年目标0.44吨标准煤/万元，2025—2026年每年下降4.3%（0.02吨标准煤/万元），自2024年数值起算"],
                "en": ["grow by 12.0% (about 43 more) in each year of 2025–2026 to reach the 2026 target of 420, from "
                       "the 2024 value",
                       "fall by 4.3% (0.02 fewer) in each year of 2025–2026 to reach the 2026 target of 0.44, from the "
                       "2024 value"]}
    for language, paces in expected.items():
        rows = scorecard_rows(load_report(relative(tables), 2025, language))
        # the row's own target, the one whose year came, and its gap, beside the need of the next
        # (a Chinese gap carries its unit, as a share's points do)
        assert [(row.target, row.gap) for row in rows] == {
            "zh": [("380", "45家"), ("0.46", "0.02吨标准煤/万元")], "en": [("380", "45"), ("0.46", "0.02")]}[language]
        shown = [row.pace.replace(" ", "") if language == "zh" else row.pace for row in rows]
        assert shown == paces
