"""The report's sentences and scorecard cells, on hand-made assessments.

The assessment rows are typed here, not computed, and every expected sentence and cell is written
out by hand from them, so a change that prints a number wrongly (rounding, sign, unit, 10 % off) or
miscounts a status fails here, whatever the method computes.

Before the data (report year 2024, latest values 2021, base year 2020):

* 2  R&D intensity, a share, core: 2.36 → 2.40, target 2.8 in 2024, linear.
  Needed from 2021: (2.8 − 2.40)/3 = +0.1333 points a year; compound (2.8/2.40)^(1/3) − 1 = +5.27 %.
* 10 High-tech enterprises, a count: 738 → 1049, target 1600, compound, on track.
  Needed: (1600/1049)^(1/3) − 1 = 1.52526^(1/3) − 1 = +15.1 %; (1600 − 1049)/3 = 183.67, about 184 a year.
* 14 S&T service institutions, a count: 80 → 85, target 120: (120 − 85)/3 = 11.67 a year, about 12;
  (120/85)^(1/3) − 1 = +12.2 %.
* 18 Energy-intensity decline, a yearly floor: 5.48 → 3.41, floor 5; read cumulatively 5.524 % a year.
* 30 Carbon intensity, lower is better: 0.92 → 0.90, target 0.78: (0.78/0.90)^(1/3) − 1 = −4.66 %,
  (0.78 − 0.90)/3 = −0.04 a year: it must fall.
* 22 a qualitative indicator, core.

With the mid-term's data (report year 2023, latest values 2023): final verdicts.

* 2  R&D intensity 2.61 against 2.7: not achieved, 2.61/2.7 = 96.7 %, 0.09 points short; the 2024
  target 2.8 needs +0.19 points, 2.8/2.61 − 1 = +7.3 %.
* 10 High-tech enterprises 1520 against 1500: achieved; the 2024 target 1600 needs +80, +5.3 %.
* 17 Good-air days 91.2 % against 90 % every year, but 89.5 in 2022: not achieved, 101.3 %.
* 25 High-level talent 298 against 300: not achieved, 99.3 %, 2 short; 320 in 2024 needs +22, +7.4 %.
"""
from __future__ import annotations

import dataclasses
import math
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.assess.assessment import status_counts
from analysis.assess.warning_list import shown_status
from analysis.catalog import catalog
from analysis.clean.processed import ProcessedTables
from analysis.clean.schemas import typed
from analysis.report import words
from analysis.report.context import ReportContext
from analysis.report.html import scorecard_html, summary_html, title_html
from analysis.vocabulary import ASSESSMENT_COLUMNS, GROWTH_COLUMNS, INDICATOR_COLUMNS
from tests.support.line_breaks import unmarked

NAN = math.nan
PLAN = {
    "name": "test", "city": {"zh": "测试市", "en": "Testville"},
    "title": {"zh": "测试市建设方案（2022—2024年）", "en": "Testville's plan (2022–2024)"},
    "issuer": {"zh": "测试市", "en": "Testville"},
    "subject": {"zh": "国家创新型城市建设指标", "en": "national innovative city indicators"},
    "base_year": 2020, "evaluations": {"2023": "mid_term", "2024": "final"}, "schedule": {},
    "report_years": [2021, 2022, 2023, 2024], "scheme": "eurostat", "table": {"printed_text": "plan.txt"},
    "sources": [{"file": "plan.txt", "title": "测试方案", "title_en": "The test plan", "issuer": "测试市",
                 "sha256": "0123456789abcdef" + "0" * 48}], "dataset_label": {},
}


def indicator(indicator_id, short_zh, short_en, unit_zh, unit_en, direction, kind, core=False, running_total=False):
    return {"indicator_id": indicator_id, "series": "", "category_zh": "类别", "category_en": "Category",
            "name_zh": short_zh + "（全称）", "name_en": short_en + " (full name)", "short_name_zh": short_zh,
            "short_name_en": short_en, "unit_zh": unit_zh, "unit_en": unit_en, "core": core,
            "direction": direction, "kind": kind, "running_total": running_total, "bare_target": False,
            "source_line": indicator_id,
            "base_source": "",
            "base_source_zh": "", "base_source_en": "",
            **DEPARTMENTS.get(indicator_id, NO_DEPARTMENTS)}


NO_DEPARTMENTS = {"lead_department_zh": "", "lead_department_en": "", "departments_zh": "", "departments_en": "",
                  "department_basis": "", "department_line": 0}
#: Two lagging indicators of one lead department, one of another (the warning list groups by the lead).
DEPARTMENTS = {
    10: {"lead_department_zh": "市科技局", "lead_department_en": "Science Bureau",
         "departments_zh": "市科技局、市市场监管局", "departments_en": "Science Bureau; Market Regulator",
         "department_basis": "printed", "department_line": 61},
    17: {"lead_department_zh": "市生态环境局", "lead_department_en": "Ecology Bureau", "departments_zh": "市生态环境局",
         "departments_en": "Ecology Bureau", "department_basis": "assigned", "department_line": 0},
    25: {"lead_department_zh": "市科技局", "lead_department_en": "Science Bureau", "departments_zh": "市科技局",
         "departments_en": "Science Bureau", "department_basis": "assigned", "department_line": 0},
}


INDICATORS = typed(pd.DataFrame([
    indicator(2, "R&D经费投入强度", "R&D intensity", "%", "%", "higher", "share", core=True),
    indicator(10, "高新技术企业", "High-tech enterprises", "家", "enterprises", "higher", "count"),
    indicator(14, "科技服务机构", "S&T service institutions", "个", "institutions", "higher", "count"),
    indicator(17, "空气质量优良天数比例", "Days with good air quality", "%", "%", "at_least", "share"),
    indicator(18, "万元GDP能耗下降率", "Decline in energy use per unit of GDP", "%", "%", "at_least",
              "rate_of_change"),
    indicator(22, "创新战略决定", "Innovation-strategy decision", "", "", "none", "qualitative", core=True),
    indicator(25, "高层次人才数", "High-level talent", "人", "persons", "higher", "count"),
    indicator(30, "碳排放强度", "Carbon intensity", "吨/万元", "t per 10k yuan", "lower", "intensity"),
    indicator(40, "区域创新能力位次", "Innovation capability rank", "位", "place", "lower", "rank"),
]), INDICATOR_COLUMNS)
KINDS = INDICATORS.set_index("indicator_id")[["kind", "direction", "core"]]


def assessed(indicator_id, report_year, method, base, as_of, latest, target_year, target, status, *, n=2,
             gap=NAN, required_cagr=NAN, required_per_year=NAN, verdict="progress", rate=NAN, shortfall=NAN,
             missed="", next_year=None, next_target=NAN, next_cagr=NAN, next_per_year=NAN):
    kind, direction, core = KINDS.loc[indicator_id]
    row = {"indicator_id": indicator_id, "series": "", "core": core, "kind": kind, "direction": direction,
            "method": method, "report_year": report_year, "base_year": 2020, "base_value": base,
            "as_of_year": as_of, "latest_value": latest, "n_points": n, "evidence": "low" if n == 2 else "high",
            "target_year": target_year, "target_value": target, "target_lower": NAN, "target_upper": NAN, "gap": gap,
            "gap_pct": NAN, "completion": NAN,
            "time_elapsed": NAN, "observed_cagr": NAN, "observed_per_year": NAN, "required_cagr": required_cagr,
            "required_per_year": required_per_year, "progress_ratio": NAN, "projected_value": NAN,
            "anticipated_progress": NAN, "status": status, "verdict": verdict, "completion_rate": rate,
            "shortfall": shortfall, "missed_years": missed, "held_from": NAN, "next_target_year": next_year,
            "next_target_value": next_target, "next_required_cagr": next_cagr, "next_required_per_year": next_per_year,
            "scheme": "eurostat", "official_status": ""}
    return {**row, "shown_status": shown_status(SimpleNamespace(**row))}


QUALITATIVE = {**assessed(22, 2024, "none", NAN, None, NAN, None, NAN, "qualitative", n=0, verdict=""),
               "base_year": None, "evidence": ""}
BEFORE_THE_DATA = [
    assessed(2, 2024, "linear", 2.36, 2021, 2.40, 2024, 2.8, "insufficient", gap=0.4, required_cagr=0.052705,
             required_per_year=0.133333),
    assessed(10, 2024, "compound", 738, 2021, 1049, 2024, 1600, "on_track", gap=551, required_cagr=0.151029,
             required_per_year=183.666667),
    assessed(14, 2024, "compound", 80, 2021, 85, 2024, 120, "insufficient", gap=35, required_cagr=0.121911,
             required_per_year=11.666667),
    assessed(18, 2024, "annual_floor", 5.48, 2021, 3.41, 2024, 5, "moving_away", gap=1.59, required_per_year=5.524),
    assessed(30, 2024, "compound", 0.92, 2021, 0.90, 2024, 0.78, "insufficient", gap=0.12, required_cagr=-0.046578,
             required_per_year=-0.04),
    QUALITATIVE,
]
MID_TERM_DATA = [
    assessed(2, 2023, "linear", 2.36, 2023, 2.61, 2023, 2.7, "stage_missed", n=4, gap=0.09, verdict="final",
             rate=2.61 / 2.7, shortfall=0.09, next_year=2024, next_target=2.8, next_cagr=2.8 / 2.61 - 1,
             next_per_year=0.19),
    assessed(10, 2023, "compound", 738, 2023, 1520, 2023, 1500, "achieved", n=4, gap=-20, verdict="final",
             rate=1520 / 1500, shortfall=0.0, next_year=2024, next_target=1600, next_cagr=1600 / 1520 - 1,
             next_per_year=80),
    assessed(17, 2023, "linear", 90.4, 2023, 91.2, 2023, 90, "not_achieved", n=4, gap=-1.2, verdict="final",
             rate=91.2 / 90, shortfall=0.0, missed="2022", next_year=2024, next_target=90, next_cagr=NAN,
             next_per_year=-1.2),
    assessed(25, 2023, "compound", 242, 2023, 298, 2023, 300, "stage_missed", n=4, gap=2, verdict="final",
             rate=298 / 300, shortfall=2.0, next_year=2024, next_target=320, next_cagr=320 / 298 - 1,
             next_per_year=22),
]
VALUES = pd.DataFrame({"indicator_id": [2, 2, 2], "series": ["", "", ""], "year": [2020, 2021, 2024],
                       "value_type": ["baseline", "baseline", "target"], "value": [2.36, 2.40, 2.8],
                       "reference": ["", "", ""], "processing": ["", "", ""]})
QUALITY = pd.DataFrame(columns=["issue", "indicator_id", "series", "year", "value"])


def context(language: str, rows=BEFORE_THE_DATA, report_year: int = 2024, running_totals=()) -> ReportContext:
    """``running_totals``: the indicators the plan folder marks as totals over the plan's years (〔13.5〕)."""
    assessment = typed(pd.DataFrame(rows), ASSESSMENT_COLUMNS)
    indicators = INDICATORS[INDICATORS["indicator_id"].isin(assessment["indicator_id"])].reset_index(drop=True)
    indicators["running_total"] = indicators["indicator_id"].isin(running_totals)
    growth = typed(pd.DataFrame(columns=list(GROWTH_COLUMNS)), GROWTH_COLUMNS)
    processed = ProcessedTables(plan=PLAN, indicators=indicators, values=VALUES, quality=QUALITY,
                                assessment=assessment, growth=growth)
    return ReportContext(plan=PLAN, report_year=report_year, words=catalog(language), tables=processed,
                         assessment=assessment, growth=growth)


def texts(paragraphs) -> list:
    return [(p.text, list(p.items)) if p.items else p.text for p in paragraphs]


def test_title_and_introduction():
    assert words.title(context("zh")) == "测试市国家创新型城市建设指标总结评估报告（2024年）"
    # the subject after "of the", never a run of nouns ("Testville national innovative city indicators: …")
    assert words.title(context("en")) == "Testville: Final evaluation of the national innovative city indicators, 2024"
    assert words.intro(context("zh")) == ("依据《测试市建设方案（2022—2024年）》所列6项指标。"
                                          "本报告为总结评估，对照最终目标评估主要指标完成情况。"
                                          # the year the data are for, and when they come out: never read as the
                                          # schedule's evaluation months
                                          "各项数值均为全年数据：2024年数值反映2024年1—12月的情况，2025年起陆续公布。"
                                          # made after the year it reports on: from the data published by then
                                          "本报告按编制时已发布的数据评估，各数值的来源见附录。")
    # a schedule that sets the evaluation in the report year's last months: the data are still the whole year's,
    # published the year after, said right after it
    plan = {**PLAN, "schedule": {"final": {"en": "The plan is evaluated in October–December 2024."}}}
    assert ("The plan is evaluated in October–December 2024. The values are whole-year figures: those for 2024 cover "
            "January to December 2024 and are published from 2025 on. The report assesses the data published by the "
            "time it was made") in words.intro(dataclasses.replace(context("en"), plan=plan))


def test_the_introduction_says_the_report_was_made_after_the_schedules_months():
    """The plan's schedule sets the final evaluation in October–December 2024; a report with 2024 values was made
    once they had come out (whole-year figures, from 2025 on): said right after when the values come out (the
    report's own date is in its header, so no year is guessed here), with
    the latest day one was published where the values record it (2025-03-12, after 2025-03; 2022's 2023-02-28
    aside), never a day the data do not give. Without a 2024 value, or without a schedule quoted, nothing is said."""
    plan = {**PLAN, "schedule": {"final": {"en": "The plan is evaluated in October–December 2024.",
                                           "zh": "2024年10—12月进行总结评估。"}}}
    actual = pd.DataFrame({"indicator_id": [2, 2, 2], "series": ["", "", ""], "year": [2022, 2024, 2024],
                           "value_type": ["actual"] * 3, "value": [2.5, 2.7, 2.8], "reference": ["", "", ""],
                           "processing": ["", "", ""]})

    def with_values(language, published):
        values = pd.concat([VALUES, actual.assign(published=published)], ignore_index=True)
        made = context(language)
        return dataclasses.replace(made, plan=plan, tables=dataclasses.replace(made.tables, values=values))

    undated = [None, None, None]
    # said once: never "made from the published 2024 data. The report assesses the data published by then"
    assert words.intro(with_values("en", undated)).endswith(
        "published from 2025 on. This report was prepared after the 2024 figures it uses were published; each "
        "value's source is given in the appendix.")
    assert words.intro(with_values("zh", undated)).endswith(
        "2025年起陆续公布。本报告依据已发布的2024年数据编制，各数值的来源见附录。")
    dated = ["2023-02-28", "2025-03", "2025-03-12"]
    assert words.intro(with_values("en", dated)).endswith(
        "published from 2025 on. This report was prepared after the 2024 figures it uses were published, the latest "
        "on 12 March 2025; each value's source is given in the appendix.")
    assert words.intro(with_values("zh", dated)).endswith(
        "2025年起陆续公布。本报告依据已发布的2024年数据编制（最近一项于2025年3月12日发布），各数值的来源见附录。")
    assert "本报告按编制时" not in words.intro(with_values("zh", dated))
    # no 2024 value (the 2022 one alone), or no schedule quoted: the intro as before
    assert "prepared after" not in words.intro(dataclasses.replace(context("en"), plan=plan))
    assert "prepared after" not in words.intro(dataclasses.replace(with_values("en", dated), plan=PLAN))


def test_a_plan_without_a_subject_is_titled_by_its_city_alone():
    """subject is optional in plan.yml, and an import draft has none: the title is the city's and the report's kind,
    never "Testville : Final evaluation 2024" with a space before its colon."""
    plan = {key: value for key, value in PLAN.items() if key != "subject"}
    for language, expected in (("en", "Testville: Final evaluation 2024"), ("zh", "测试市总结评估报告（2024年）")):
        assert words.title(dataclasses.replace(context(language), plan=plan)) == expected


def test_summary_before_the_data_in_chinese():
    assert texts(words.summary_paragraphs(context("zh"))) == [
        "方案共列6项指标：定量指标5项（5个序列），定性指标1项。5个定量序列的最新数据均为2021年。"
        "方案指标表列有2020、2021年的基础值：增长自2020年起算，方案实施期自2022年起。",
        # no indicator here has a national and a provincial series: no word on taking the worse
        # the synthetic 2024 report from 2021's values: progress verdicts, said not to be final
        # those on course first, then the others worst first: moving away before insufficient progress
        "定量指标中进度正常1项、偏离目标1项、进展不足3项。其中5项（指标2、10、14、18、30）尚无目标年份数据，"
        "其结论为进展判断，不是最终判定。",
        # the 2024 report from 2021's values: every verdict and pace says 2022–2024 have none
        # a qualitative core indicator (22) is named as such, never left out
        ("核心指标（*）：", ["R&D经费投入强度：进展不足（最新值为2021年，2022—2024年无数据）",
                              "创新战略决定：定性指标，尚未评价"]),
        # the target year has come without its value: no pace to reach it, a verdict that awaits the data
        # a progress verdict's status follows its need, which does not say it; the 2024 report, after which no
        # target follows: no "short of an interim target" in the list's head
        ("偏离目标或进展不足的指标（核心指标在前）：", [  # the statuses the list holds; 2 (core) first
            # a final evaluation warns no more: each item, a progress verdict without its target year's value, is
            # data missing, to be supplied
            "R&D经费投入强度：最新为2021年的2.4%，2024年目标2.8%；2022—2024年尚无数据，"
            "暂按进展判断评为“进展不足”；数据缺失，待补充",
            "科技服务机构：最新为2021年的85个，2024年目标120个；2022—2024年尚无数据，"
            "暂按进展判断评为“进展不足”；数据缺失，待补充",
            "万元GDP能耗下降率须每年不低于5%（2021年为3.41%）；最新值为2021年，2022—2024年无数据，"
            "评估为“偏离目标”；数据缺失，待补充",
            "碳排放强度：最新为2021年的0.9吨/万元，2024年目标0.78吨/万元；2022—2024年尚无数据，"
            "暂按进展判断评为“进展不足”；数据缺失，待补充",
        ]),
        "需要说明的是，5个序列（指标2、10、14、18、30）只有一两个数据点（2020、2021年基础值），判断依据有限，"
        "待补充实际值后更新。",
    ]


def test_summary_before_the_data_in_english():
    assert texts(words.summary_paragraphs(context("en"))) == [
        "The plan lists 6 indicators: 5 quantitative (5 series) and 1 qualitative. All 5 quantitative series have "
        "2021 as their latest year. The plan's table prints baselines for 2020 and 2021: growth is counted from the "
        "2020 baseline, and the plan period starts in 2022. In the indicators' short names, S&T stands for science "
        "and technology.",
        "The quantitative indicators are: on track\xa01, moving away\xa01 and insufficient progress\xa03. Of these, 5 "
        "(indicators 2, "
        "10, 14, 18, 30) have no value for their target year yet, so their verdict is one of progress, not final.",
        ("Core indicators (*):", ["R&D intensity: insufficient progress (latest value 2021; no value for 2022–2024)",
                                  "Innovation-strategy decision: qualitative, not assessed yet"]),
        ("Indicators moving away or progressing too slowly (core indicators first):", [
            # a number in % carries its sign without a space; a unit typed in the plural is named once, after the
            # name, never after a number ("1 institutions" would be wrong)
            "R&D intensity: 2.4% in 2021, against a target of 2.8% for 2024; no value for 2022–2024 yet: rated "
            "“insufficient progress”, a progress verdict, not final; data missing, to be supplied",
            "S&T service institutions: 85 in 2021, against a target of 120 for 2024; no value for "
            "2022–2024 yet: rated “insufficient progress”, a progress verdict, not final; data missing, to be supplied",
            "Decline in energy use per unit of GDP must reach at least 5% a year (3.41% in 2021) — latest value "
            "2021; no value for 2022–2024: rated “moving away”; data missing, to be supplied",
            "Carbon intensity (t per 10k yuan): 0.9 in 2021, against a target of 0.78 for 2024; no value for "
            "2022–2024 yet: rated “insufficient progress”, a progress verdict, not final; data missing, to be supplied",
        ]),
        "Caution: 5 series (indicators 2, 10, 14, 18, 30) have only one or two data points (the 2020 and 2021 "
        "baselines); the evidence is thin until actual values for later years are added.",
        # no difference in points in the overview, whose tables give them (2: a share in %): the abbreviation said
        "The tables and cards below give differences between percentages in percentage points (pp).",
    ]


def test_summary_with_the_mid_term_data_gives_final_verdicts():
    assert texts(words.summary_paragraphs(context("zh", MID_TERM_DATA, 2023))) == [
        "方案共列4项指标，均为定量指标（4个序列）。4个定量序列的最新数据均为2023年。"
        "方案指标表列有2020、2021年的基础值：增长自2020年起算，方案实施期自2022年起。",
        "定量指标中已达阶段目标1项、未达标1项、未达阶段目标2项。",  # 10: 2024's target follows
        "按序列计，4个序列已有对照目标年份的数据，按该年目标作出判断：已达阶段目标1个、未达标1个、"
        "未达阶段目标2个。",
        ("核心指标（*）：", ["R&D经费投入强度：未达阶段目标（2023年）"]),
        # an interim target missed (2024's follows): what one year must add, and no pace seen here to compare with; the
        # core indicator (2) first, said so
        ("未达标或未达阶段目标的指标（核心指标在前）：", [
            "R&D经费投入强度：2023年为2.61%，未达到2023年阶段目标2.7%（完成率96.7%，差0.09个百分点）；"
            "要在2024年达到2.8%，需比2023年增长0.19个百分点；列为红色预警",
            # held every year: the year missed first, as 91.2% in 2023 meets the level
            # the level held in 2024 too, never "方案对 2024年仍要求": the plan's table here has no printed text
            "空气质量优良天数比例：按每年不低于90%评估，2022年未达到，未达标（2023年为91.2%），结论不再改变；"
            "2024年同样须不低于90%；列为红色预警",
            "高层次人才数：2023年为298人，未达到2023年阶段目标300人（完成率99.3%，差2人）；"
            "要在2024年达到320人，需比2023年增长7.4%（22人）；列为红色预警",
        ]),
    ]
    english = texts(words.summary_paragraphs(context("en", MID_TERM_DATA, 2023)))
    assert english[2] == ("By series, 4 have data for the year of their applicable target and are judged against "
                          "that year's target: interim target met\xa01, not achieved\xa01 and interim target "
                          "missed\xa02.")
    # the overview's first difference in points outside a bracket defines the abbreviation, the next uses it; one
    # inside a bracket or before a bracket of its own is written in full: never "(…, 0.09 percentage points (pp)
    # short)", a bracket inside a bracket
    assert english[4][1][0] == ("R&D intensity: 2.61% in 2023, short of the 2023 interim target of 2.7% (96.7% of "
                                "it, 0.09 percentage points\u00a0short); to reach 2.8% in 2024 it must grow by "
                                "0.19 percentage points (pp) over 2023; a red warning")
    assert english[4][1][1] == ("Days with good air quality: assessed against ≥90% every year, missed in 2022, so not "
                                "achieved "
                                "(91.2% in 2023); the verdict stands; at least 90% in 2024 too; a red warning")
    # the shortfall with its unit (never a bare "2 short"), the name then without it
    assert english[4][1][2] == ("High-level talent: 298 in 2023, short of the 2023 interim target of 300 "
                                "(99.3% of it, 2 people\u00a0short); to reach 320 in 2024 it must grow by 7.4% "
                                "(22 more) over 2023; a red warning")


def test_pace_of_each_method_and_state():
    zh, en = catalog("zh"), catalog("en")
    # the paces to the 2024 targets from 2021's values, as any report before 2024 states them
    rows = {row.indicator_id: row._replace(report_year=2023) for row in context("zh").joined().itertuples()}
    # in the 2024 report itself the target year has come: no pace, the verdict awaits 2024's value
    assert words.pace_text(rows[2]._replace(report_year=2024), zh) == "—"
    assert words.pace_text(rows[2], zh) == "+0.13个百分点"  # 0.133 points: two decimals
    assert words.pace_text(rows[2], en) == "+0.13 pp"
    assert words.pace_text(rows[10], zh) == "+15.1%（约+184）"  # no fraction of an enterprise
    assert words.pace_text(rows[14], zh) == "+12.2%（约+12）"
    assert words.pace_text(rows[14], en) == "+12.2% (about +12)"
    assert words.pace_text(rows[18], zh) == "每年≥5%"
    # a yearly floor has no growth seen: the rate is met or missed each year (−2.07 points from 5.48 to 3.41 is no
    # growth of anything)
    assert words.seen_text(rows[18]._replace(observed_per_year=-2.07), zh) == "—"
    assert words.pace_text(rows[18], en) == "≥5% every year"
    assert words.pace_text(rows[30], zh) == "−4.7%（−0.04）"
    final = {row.indicator_id: row for row in context("zh", MID_TERM_DATA, 2023).joined().itertuples()}
    assert words.pace_text(final[10], zh) == "2024年目标：+5.3%（+80）"
    assert words.pace_text(final[10], en) == "2024 target: +5.3% (+80)"
    # held every year: no pace, the one year's level left to hold (2023's value in, 2024's to come), and the year
    # missed, never "2024 target: ≥90% every year", which reads as if every year were still to come
    assert words.pace_text(final[17], zh) == "2024年≥90%（2022年未达到）"
    assert words.pace_text(final[17], en) == "≥90% in 2024 (missed in 2022)"
    assert words.pace_text(final[17]._replace(missed_years=""), en) == "≥90% in 2024"
    # energy intensity (18), a yearly floor, 4.6 in 2023 against ≥5: 2024's level and the year missed
    energy = context("zh", [assessed(18, 2023, "annual_floor", 5.48, 2023, 4.6, 2023, 5, "not_achieved", n=4,
                                     gap=0.4, verdict="final", rate=4.6 / 5, shortfall=0.4, missed="2023",
                                     next_year=2024, next_target=5)], 2023).joined().iloc[0]
    assert words.pace_text(energy, zh) == "2024年≥5%（2023年未达到）"
    assert words.pace_text(energy, en) == "≥5% in 2024 (missed in 2023)"
    ahead = final[10]._replace(latest_value=1650.0)  # already past the next target
    assert words.pace_text(ahead, zh) == "2024年目标：已达到"
    assert words.pace_text(ahead, en) == "2024 target: already met"


def test_a_need_under_a_label_naming_its_year_says_the_year_once():
    """With one year left (the mid-term's 2023 values to the 2024 targets), a label says the year ("2024年需增长",
    "Needed in 2024") and the value what that year's target asks alone: never "2024年需增长2024年目标：…". R&D
    intensity (2): 2.8 − 2.61 = +0.19 points, 2.8 / 2.61 − 1 = +7.3%; a target met already; good-air days (17) at
    ≥90 again, or ≥92 for 2024 alone; a target of another year keeps its own label."""
    zh, en = catalog("zh"), catalog("en")
    final = {row.indicator_id: row for row in context("zh", MID_TERM_DATA, 2023).joined().itertuples()}
    assert words.pace_text(final[2], zh, 2024) == "+0.19个百分点"
    assert words.pace_text(final[2], en, 2024) == "+0.19 pp"
    ahead = final[10]._replace(latest_value=1650.0)
    assert words.pace_text(ahead, zh, 2024) == "已达到目标"
    assert words.pace_text(ahead, en, 2024) == "target already met"
    # the label names 2024: the level alone, in words under a label that heads a growth, with the year it missed
    assert words.pace_text(final[17], zh, 2024) == "须不低于90%（2022年未达到）"
    assert words.pace_text(final[17], en, 2024) == "at least 90% (missed in 2022)"
    raised = final[17]._replace(next_target_value=92.0)
    assert words.pace_text(raised, zh, 2024) == "须不低于92%（2022年未达到）"
    assert words.pace_text(raised, en, 2024) == "at least 92% (missed in 2022)"
    assert words.pace_text(raised._replace(next_target_year=2025), zh, 2024) == "2025年目标：2024—2025年每年≥92%"
    assert words.pace_text(final[2], zh, 2025) == "2024年目标：+0.19个百分点"


def test_a_level_that_rises_is_stated_with_the_years_it_is_held_in():
    """Good-air days (17) held at ≥90 in 2023 and ≥92 in 2024 and 2025: the mid-term's level is 2023's alone, a
    later report's 92 that of 2024—2025, in a sentence (held_level) and beside the chart's diamond (_level_rule),
    never "每年≥92%" beside a 2023 of 90; one level throughout has no years. A sentence says the level in words, the
    chart's label with its sign."""
    from analysis.report.charts import _level_rule

    rising = pd.DataFrame({"indicator_id": [17] * 3, "series": [""] * 3, "year": [2023, 2024, 2025],
                           "value_type": ["target"] * 3, "value": [90.0, 92.0, 92.0], "reference": [""] * 3,
                           "processing": [""] * 3})
    later = [{**row, "target_year": 2024, "target_value": 92.0, "held_from": 2023} if row["indicator_id"] == 17
             else row for row in MID_TERM_DATA]

    def held(rows, values, language):
        base = context(language, rows, 2023)
        row = next(row for row in dataclasses.replace(base, tables=dataclasses.replace(base.tables, values=values))
                   .joined().itertuples() if row.indicator_id == 17)
        return words.held_level(row, base.words), _level_rule(row, base.words)

    assert held(MID_TERM_DATA, rising, "zh") == ("2023年不低于90%", "2023年≥90%")
    assert held(MID_TERM_DATA, rising, "en") == ("≥90% in 2023", "≥90% in 2023")
    assert held(later, rising, "zh") == ("2024—2025年每年不低于92%", "2024—2025年每年≥92%")
    assert held(later, rising, "en") == ("≥92% every year 2024–2025", "≥92% every year 2024–2025")
    level = rising.assign(value=90.0)  # one level throughout: every year, as before
    assert held(MID_TERM_DATA, level, "zh") == ("每年不低于90%", "每年≥90%")


def test_a_year_missed_under_a_lower_level_names_that_level():
    """Good-air days (17) held at ≥90 in 2023 and ≥92 in 2024, missed in 2022 (judged against 2023's 90, the first
    target from 2022 on): beside 2024's 92 the year missed says the level it missed, never "≥92% (missed in 2022)",
    read as 2022 short of 92; at 90 throughout, the year alone, as before. A level to hold at most (≤) is exceeded."""
    rising = pd.DataFrame({"indicator_id": [17] * 2, "series": [""] * 2, "year": [2023, 2024],
                           "value_type": ["target"] * 2, "value": [90.0, 92.0], "reference": [""] * 2,
                           "processing": [""] * 2})

    def row(language, values):
        base = context(language, MID_TERM_DATA, 2023)
        joined = dataclasses.replace(base, tables=dataclasses.replace(base.tables, values=values)).joined()
        return next(row for row in joined.itertuples() if row.indicator_id == 17), base.words

    for language, named, next_year in (("zh", "须不低于92%（2022年未达到90%）", "2024年≥92%（2022年未达到90%）"),
                                       ("en", "at least 92% (2022: below the 90% then required)",
                                        "≥92% in 2024 (2022: below the 90% then required)")):
        raised, catalog_ = row(language, rising)
        raised = raised._replace(next_target_value=92.0)
        assert words.pace_text(raised, catalog_, 2024) == named
        assert words.pace_text(raised, catalog_) == next_year
    level, zh = row("zh", rising.assign(value=90.0))
    assert words.pace_text(level, zh, 2024) == "须不低于90%（2022年未达到）"
    capped, en = row("en", rising.assign(value=[30.0, 28.0]))
    capped = capped._replace(direction="at_most", next_target_value=28.0)
    assert words.pace_text(capped, en, 2024) == "at most 28% (2022: above the 30% then allowed)"


def test_a_yearly_floor_that_rises_is_labelled_with_its_years_in_the_growth_chart():
    """Energy saving (18), a yearly floor of 4% in 2022 and 5% in 2023 and 2024, behind in 2023: the growth chart
    names its floor with the years it holds, "2023—2024年每年≥5%", not "每年≥5%" beside a 2022 of 4%."""
    from matplotlib.text import Text

    from analysis.report import charts
    from analysis.report.fonts import configure_matplotlib

    configure_matplotlib("zh")
    base = context("zh", [{**row, "report_year": 2023} for row in BEFORE_THE_DATA], 2023)
    floors = pd.DataFrame({"indicator_id": [18] * 3, "series": [""] * 3, "year": [2022, 2023, 2024],
                           "value_type": ["target"] * 3, "value": [4.0, 5.0, 5.0], "reference": [""] * 3,
                           "processing": [""] * 3})
    figure = charts.growth_gap_chart(dataclasses.replace(base, tables=dataclasses.replace(base.tables, values=floors)))
    assert "18. 万元GDP能耗下降率（2023—2024年每年≥5%）" in {text.get_text() for text in figure.findobj(Text)}


def test_a_level_to_hold_that_the_next_target_raises_is_given_with_its_years():
    """Good-air days (17), met in 2023 against ≥90: held at ≥92 by 2024 instead, 92 is 2024's level alone; by 2025,
    that of 2024 and 2025; at 90 again, the level of every year, as before."""
    zh, en = catalog("zh"), catalog("en")
    final = {row.indicator_id: row for row in context("zh", MID_TERM_DATA, 2023).joined().itertuples()}
    assert (final[17].target_year, final[17].next_target_year, final[17].next_target_value) == (2023, 2024, 90)
    raised = final[17]._replace(next_target_value=92.0)
    assert words.pace_text(raised, zh) == "2024年≥92%（2022年未达到）"
    assert words.pace_text(raised, en) == "≥92% in 2024 (missed in 2022)"
    later = raised._replace(next_target_year=2025)
    assert words.pace_text(later, zh) == "2025年目标：2024—2025年每年≥92%"
    assert words.pace_text(later, en) == "2025 target: ≥92% every year 2024–2025"
    assert words.pace_text(final[17]._replace(next_target_year=2025), zh) == "2025年目标：每年≥90%"


#: A value with its unit joined for a phone (macros.html.j2: value_year): ``<span class="nobr">2.4<span
#: class="unit-joined">%</span></span>``; :func:`cells_of` reads the value as paper shows it, 2.4.
JOINED_UNIT = re.compile(r'<span class="(?:nobr|value-unit)">([^<]*)<span class="unit-joined">[^<]*</span></span>')


def cells_of(html: str) -> list[list[str]]:
    """The cells of a table's rows (each cell's inner HTML, a value's unit joined for a phone left out), leaving out
    the category rows."""
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", JOINED_UNIT.sub(r"\1", row))
            for row in re.findall(r"<tr(?: id=\"[^\"]*\")?>(.*?)</tr>", unmarked(html), re.S)]
    return [row for row in rows if len(row) > 1]


def test_scorecard_cells_before_the_data():
    html = scorecard_html(context("zh"))
    cells = cells_of(html)
    # the 2024 report from 2021's values: the target year has come, so no pace is asked of it ("—")
    assert cells[0][:8] == ["2", '<a href="#indicator-2">R&amp;D经费投入强度&#8288;*</a>', "%", "2.36",
                            "2.4<small>（2021年）</small>",
                            "2.8<small>（2024年）</small>", "0.4个百分点", "—"]
    assert cells[1][:8] == ["10", '<a href="#indicator-10">高新技术企业</a>', "家", "738",
                            "1,049<small>（2021年）</small>",
                            "1,600<small>（2024年）</small>", "551家", "—"]  # with its unit, as 2's points
    assert cells[3][:8] == ["18", '<a href="#indicator-18">万元GDP能耗下降率</a>', "%", "5.48",
                            "3.41<small>（2021年）</small>",
                            "≥5<small>（2024年）</small>", "1.59个百分点", "—"]
    assert "进展不足" in cells[0][8] and "进度正常" in cells[1][8] and "偏离目标" in cells[3][8]
    assert cells[5][:2] == ["22", '<a href="#indicator-22">创新战略决定&#8288;*</a>'] and "定性指标" in cells[5][8]
    # a phone leaves the unit column out: the value carries its unit, joined without a space in Chinese
    assert ('<span class="nobr">1,049<span class="unit-joined">家</span></span><small>（2021年）</small>'
            in unmarked(html))
    english = scorecard_html(context("en"))
    # English names the unit after the series' name, not after a number ("158 100 million yuan"); not where the name
    # says it (High-tech enterprises); a % stays with its number
    english = unmarked(english)
    assert ('Carbon intensity</a><span class="unit-joined"> (t per 10k yuan)</span>' in english
            and '<span class="nobr">0.9<span class="unit-joined">' not in english)
    assert "High-tech enterprises</a><span" not in english and "1,049<span" not in english
    assert '<span class="nobr">2.4<span class="unit-joined">%</span></span>' in english
    assert '<th class="num">2020 baseline</th>' in unmarked(english) and "+0.13 pp" not in unmarked(english)



def test_a_year_in_brackets_is_written_as_a_year_in_chinese(example_tables):
    """The 2023 Chinese report printed each value's and target's year "（2023）", about 40 times over the scorecard and
    the warning list, and "−100% / 67%（2022）" on a card, where its cards print "最新值（2023年）": a year as a year
    is 2023年 in Chinese, in every table of the report; English keeps " (2023)"."""
    from analysis.report.cards import card_numbers
    from analysis.report.context import load_report
    from analysis.report.html import warnings_html
    from analysis.report.words import year_aside
    from tests.conftest import relative

    assert year_aside(2023, catalog("zh")) == "（2023年）" and year_aside(2023, catalog("en")) == " (2023)"
    assert year_aside(math.nan, catalog("zh")) == ""
    zh = load_report(relative(example_tables), 2023, "zh")
    html = scorecard_html(zh) + warnings_html(zh)
    cards = " ".join(value for row in zh.joined().itertuples() for _, value in card_numbers(zh, row))
    assert re.findall(r"（\d{4}）", html + cards) == []
    assert html.count("（2023年）") >= 40
    en = load_report(relative(example_tables), 2023, "en")
    assert "年" not in unmarked(scorecard_html(en)) and "(2023)" in scorecard_html(en)


def test_scorecard_cells_with_final_verdicts():
    """The need column is headed with the one year every growth is needed in (2023's values to the 2024 targets):
    its cells say the growth alone, the year once (2.8 − 2.61 = 0.19 points, 2.8 / 2.61 − 1 = 7.3%; 1600 / 1520
    − 1 = 5.3%, 80 more)."""
    html = scorecard_html(context("zh", MID_TERM_DATA, 2023))
    assert "<th>2024年所需</th>" in unmarked(html)  # a growth (2) and a level to hold (17): a header for both
    cells = cells_of(html)
    assert cells[0][4:8] == ["2.61<small>（2023年）</small>", "2.7<small>（2023年）</small>", "0.09个百分点",
                             "+0.19个百分点"]
    assert "未达阶段目标" in cells[0][8] and "2023年阶段目标完成率96.7%" in cells[0][8]
    assert cells[1][6:8] == ["—", "+5.3%（+80）"] and "完成率101.3%" in cells[1][8]


def test_method_note_states_the_scheme_and_the_plan_years(language="zh"):
    for language in ("zh", "en"):
        note = words.method_note(context(language))
        if language == "zh":
            assert "以2020年基础值为起点" in note
            # the plan prints 2021's baseline too (2.40 beside 2.36): said to be no starting point, in one sentence
            assert ("以报告年份及以前的最新值为现状。方案另列2021年基础值的，仍以2020年基础值为起点：2021年值只是途中"
                    "数值（方案实施期首个数值到位前作为最新值），因此2020年后下降、此后部分回升的序列仍评为“偏离目"
                    "标”。") \
                in note
            assert "2023年评估对照2023年目标，2024年评估对照2024年目标" in note
            assert "R ≥ 0.95进度正常；0.6 ≤ R < 0.95需加快；0.0 ≤ R < 0.6进展不足；R < 0.0偏离目标" in note
            # the scheme by its name; sentences run on without the space a line break of the source would leave
            # the rule first, the scheme it follows after it; sentences run on without the space a line break of the
            # source would leave
            assert "**分档**：R ≥ 0.95进度正常" in note and "偏离目标（分档标准参照欧盟统计局 Eurostat）。" in note
            assert "。 " not in note and "。\n  " not in note
            # a submission states each rule plainly, a foreign statistical office only as what it follows, after it
            for office in ("德国联邦统计局", "联合国统计司", "联合国亚太经社会", "欧盟统计局"):
                assert note.count(office) == note.count(f"参照{office}") + note.count(f"、{office}") > 0, office
            assert "Destatis" not in note and "做法" not in note
        else:
            assert "starts from its 2020 baseline" in note
            assert ("before the report year. Where the plan also prints a 2021 baseline, the series still starts from "
                    "2020: the 2021 value is one on the way (the latest value until the plan period's first is in), so "
                    "a series that fell after 2020 and has since recovered part of the way is still rated “moving "
                    "away”.") in note
            assert "the 2023 review is held against the 2023 targets, the 2024 review against the 2024 targets" in note
            assert "R ≥ 0.95 on track; 0.6 ≤ R < 0.95 moderate, accelerate" in note
            assert "**Categories** (Eurostat)" in note


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("year", [2023, 2024])
def test_the_method_note_has_no_line_break_inside_a_sentence(example_tables, language, year):
    """The catalog's Markdown wraps its points over several lines, and the note kept each line break ("…for its last
    year only, from the\n   year after…"). A line is now a paragraph, a list item or a table row: each ends a
    sentence (or a table row), and the next starts a paragraph, an item or a row."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    note = words.method_note(load_report(relative(example_tables), year, language))
    assert "for its last year only, from the year after the last printed baseline" in note or language == "zh"
    for before, after in zip(note.split("\n"), note.split("\n")[1:]):
        assert before == "" or after == "" or re.match(r"\d+\. |\|", after), (before[-40:], after[:40])


def test_no_line_of_the_method_note_breaks_at_a_space_before_an_emphasis():
    """WeasyPrint breaking a line at the space before "*not achieved*" broke it at the line's first space instead
    ("…for its last year only,⏎from⏎the year after…"): the space goes inside the emphasis, the text unchanged."""
    from bs4 import BeautifulSoup

    from analysis.report.render import _keep_together_in_markdown

    html = ('<div class="jp-RenderedMarkdown"><ol><li><strong>A final verdict</strong>: a single year below the '
            'level means <em>not achieved</em>, a final verdict</li></ol></div>')
    kept = _keep_together_in_markdown(html)
    assert " <em>" not in kept and "means<em> " in kept
    assert BeautifulSoup(kept, "html.parser").get_text() == BeautifulSoup(html, "html.parser").get_text()


def test_the_method_note_speaks_only_of_what_the_plan_has(example_tables):
    # Weihai has interim targets (2023 before 2024), a rate of change (18) and national/provincial pairs (4, 5); the
    # national 12th plan one target year (2015), no rate of change, no pairs: its note says nothing of them
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import load_report, report_context
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED, relative

    stage, rate, pairs = "中期评估已有2023年数据的", "万元GDP能耗下降率本身是变化率", "国家级、省级两个序列"
    weihai = words.method_note(load_report(relative(example_tables), 2024, "zh"))
    assert stage in weihai and rate in weihai and pairs in weihai
    assert "未达标或偏离目标的指标为红色预警；未达阶段目标、且对下一目标未达进度正常的，也为红色预警。" in weihai
    national_tables = build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED)
    national = words.method_note(report_context(national_tables, 2015, "zh"))
    assert not any(phrase in national for phrase in (stage, rate, pairs, "阶段目标", "万元GDP"))
    assert "未达标或偏离目标的指标为红色预警" in national
    english = words.method_note(report_context(national_tables, 2015, "en"))
    assert "interim target" not in english and "national and a provincial series" not in english
    # its one baseline year (2010): nothing said of a later baseline, which Weihai (2020 and 2021) has
    assert "另列" not in national and "also prints a" not in english
    assert "方案另列2021年基础值的，仍以2020年基础值为起点" in weihai
    assert "the decline in energy use per unit of GDP is itself a rate of change" in words.method_note(
        load_report(relative(example_tables), 2024, "en")).replace("\n       ", " ")
    # the national plan's two world ranks (1, 4) are judged in places: its note says how, Weihai's (no rank) does not
    assert "排名类（综合创新能力排名、论文被引次数排名；名次1为第一）按每年上升的名次线性计算" in national
    assert "a rank (innovation capability rank, paper citations rank; 1 is the first place) moves in places a year" \
        in english.replace("\n       ", " ")
    assert "排名类" not in weihai
    # one value is enough once it is the target year's (national 2 and 10: 2015 alone, achieved)
    assert "已有该年数值的，一个数据点即可按第1条作最终判定" in national


def test_data_note():
    assert words.data_note(context("zh")) == [
        # the report year is not the data's: they end in 2021
        "报告年份：2024年；现有数据最新为2021年（各序列最新数据年份见评估表）。",
        # a reader is told the text was checked, not shown its checksum
        "来源：测试市建设方案（2022—2024年），测试市；所用文本已校验，与收到的原文逐字一致。",
        "方案之后取得的实际值：0个（暂无）。",
        "进展判断仅有一两个数据点、或方案实施期内仅一个数值（证据有限）的序列：5个。",
    ]
    # the plan's title and issuer as plan.yml gives them in the edition's language, not as the provenance words them:
    # one English title throughout the edition
    assert words.data_note(context("en"))[1] == ("Source: Testville's plan (2022–2024), Testville; the text used has "
                                                 "been checked word for word against the text as received.")


def test_weihai_daily_s_quote_is_a_secondary_value_never_called_published():
    """Weihai Daily's 36.6% (indicator 26, 2022) is a newspaper's quote: the processed table says so, the data note
    does not call it published, and card 26 gives it with its source and a caution."""
    from analysis.report import cards
    from analysis.report.context import load_report
    from analysis.settings import PROJECT_ROOT

    processed = PROJECT_ROOT / "data" / "processed" / "weihai"
    values = pd.read_csv(processed / "indicator_values.csv", encoding="utf-8-sig")
    [kind] = values[(values["indicator_id"] == 26) & (values["year"] == 2022)
                    & (values["value_type"] == "actual")]["source_kind"]
    assert kind == "secondary"
    daily = ("Weihai Daily (威海日报), 2023, reprinted on the website of the Yellow Sea Fisheries Research Institute, "
             "Chinese Academy of Fishery Sciences: http://ysfri.cafs.ac.cn/info/1110/38740.htm")
    expected = {"en": f"Actual values reported after the plan: 1 value, from {daily}. It is quoted by a secondary "
                      "source (a newspaper, an article, a book, a forum), not taken from the publisher's own release.",
                "zh": "方案之后取得的实际值：1个，来源：威海日报，2023（中国水产科学研究院黄海水产研究所网站转载："
                      "http://ysfri.cafs.ac.cn/info/1110/38740.htm）。该数值转引自二手来源（报刊、文章、书籍、论坛），"
                      "非发布机构原始发布。"}
    caution = {"en": "The verdict “provisionally met” rests on 36.6% (2022), quoted by a secondary source, not taken "
                     "from the publisher's own release; the official figure is not yet cited.",
               "zh": "“达标待确认”的判定依据2022年的36.6%，转引自二手来源，非发布机构原始发布，"
                     "尚待官方数据核实。"}
    for language in ("en", "zh"):
        context_ = load_report(processed, 2024, language)
        assert expected[language] in words.data_note(context_)
        [row] = [row for row in cards.numeric_rows(context_) if row.indicator_id == 26]
        assert caution[language] in cards.card_notes(context_, row)


def test_status_counts_list_every_status_worst_first():
    assert list(status_counts(context("zh").assessment).items()) == [
        ("not_achieved", 0), ("moving_away", 1), ("stage_missed", 0), ("insufficient", 3), ("moderate", 0),
        ("achieved_at_risk", 0),
        ("on_track", 1), ("achieved", 0), ("insufficient_data", 0), ("qualitative", 1)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_data_text_is_escaped_never_read_as_markup(language):
    hostile = "<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1))"
    plan = {**PLAN, "city": {"zh": hostile, "en": hostile}}
    indicators = INDICATORS.assign(short_name_zh=hostile, short_name_en=hostile)
    base = context(language)
    processed = ProcessedTables(plan=plan, indicators=indicators, values=VALUES, quality=QUALITY,
                                assessment=base.assessment, growth=base.growth)
    hostile_context = ReportContext(plan=plan, report_year=2024, words=catalog(language), tables=processed,
                                    assessment=base.assessment, growth=base.growth)
    html = title_html(hostile_context) + summary_html(hostile_context) + scorecard_html(hostile_context)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<strong>" not in html and "**bold**" in html
    # The only links are the report's own: cards in this page, its other editions and the index of all reports.
    hrefs = re.findall(r'<a [^>]*href="([^"]*)"', html)
    own = r"#indicator-\d+|[\w-]+\.(?:html|pdf)|\.\./\w+/[\w-]+\.html|(?:\.\./)+index\.html"
    assert hrefs and all(re.fullmatch(own, h) for h in hrefs), hrefs
    assert "javascript" not in "".join(hrefs)


def test_data_currency_counts_every_latest_year_and_the_series_without_data():
    # report year 2024: two series with 2024 data, one whose latest is 2022, one 2021, one with no value at all
    rows = [
        assessed(2, 2024, "linear", 2.36, 2024, 2.7, 2024, 2.8, "not_achieved", n=5, verdict="final"),
        assessed(10, 2024, "compound", 738, 2024, 1580, 2024, 1600, "not_achieved", n=5, verdict="final"),
        assessed(14, 2024, "compound", 80, 2022, 96, 2024, 120, "moderate", n=3),
        assessed(30, 2024, "compound", 0.92, 2021, 0.90, 2024, 0.78, "insufficient"),
        assessed(25, 2024, "compound", NAN, None, NAN, 2024, 320, "insufficient_data", n=0, verdict=""),
        QUALITATIVE,
    ]
    assert words.data_currency(context("zh", rows)) == (
        "截至本次（2024年）评估，5个定量序列中，2个有2024年数据、1个最新为2022年（指标14）、1个最新为2021年"
        "（指标30）、1个尚未收集到数据（指标25）。")  # the series without data, or with older data, named
    assert words.data_currency(context("en", rows)) == (
        "In this 2024 review, of the 5 quantitative series, 2 have data for 2024, 1 has 2022 as its latest year "
        "(indicator 14), 1 has 2021 as its latest year (indicator 30) and 1 has no data collected yet "
        "(indicator 25).")
    # all the same year: one short sentence
    assert words.data_currency(context("zh")) == "5个定量序列的最新数据均为2021年。"


def test_a_status_says_which_year_a_target_to_hold_missed_and_which_years_have_no_value():
    # report year 2024: R&D intensity has 2024's value; S&T institutions were last counted in 2022 (96, moderate),
    # carbon intensity last measured in 2023. Needed from 96 in 2022 to 120 in 2024: (120 − 96)/2 = 12 a year,
    # √(120/96) − 1 = √1.25 − 1 = 11.8 %.
    rows = [
        assessed(2, 2024, "linear", 2.36, 2024, 2.7, 2024, 2.8, "not_achieved", n=5, verdict="final", rate=2.7 / 2.8,
                 shortfall=0.1),
        assessed(14, 2024, "compound", 80, 2022, 96, 2024, 120, "moderate", n=3, gap=24,
                 required_cagr=1.25 ** 0.5 - 1, required_per_year=12.0),
        assessed(30, 2024, "compound", 0.92, 2023, 0.85, 2024, 0.78, "achieved", n=4, gap=-0.07),
    ]
    zh, en = catalog("zh"), catalog("en")
    by_id = {row.indicator_id: row for row in context("zh", rows).joined().itertuples()}
    assert words.status_note(by_id[2], zh) == "完成率96.4%"  # 2.7/2.8 = 0.9643, and it has 2024's value
    assert words.status_note(by_id[2], en) == "96.4% of the target"
    # the target year come without its value: a progress verdict, said not to be final, behind the pace with no time
    # left to accelerate (amber, projected to miss), before the years missing
    assert words.status_note(by_id[14], zh) == ("进展判断，非最终判定；按2022年数值推算，2024年难以达到目标；"
                                                 "最新值为2022年，2023—2024年无数据")
    assert words.status_note(by_id[14], en) == ("a progress verdict, not final; from the 2022 value, the 2024 target "
                                                 "looks out of reach; latest value 2022; no value for 2023–2024")
    assert words.status_note(by_id[30], zh) == "进展判断，非最终判定；最新值为2023年，2024年无数据"  # one year
    assert words.status_note(by_id[30], en) == "a progress verdict, not final; latest value 2023; no value for 2024"
    # a target to hold every year: 17 is 91.2 in 2023 against ≥90 but was 89.5 in 2022
    mid = {row.indicator_id: row for row in context("zh", MID_TERM_DATA, 2023).joined().itertuples()}
    assert words.status_note(mid[17], zh) == "2022年未达到；2023年当年完成率101.3%"  # 91.2/90 = 1.0133
    assert words.status_note(mid[17], en) == "missed in 2022; 101.3% of the target in 2023 alone"
    twice = mid[17]._replace(missed_years="2021;2022")
    assert words.status_note(twice, zh) == "2021、2022年未达到；2023年当年完成率101.3%"
    assert words.status_note(twice, en) == "missed in 2021 and 2022; 101.3% of the target in 2023 alone"
    # the scorecard prints it under the status, the summary after the need
    status_cell = cells_of(scorecard_html(context("en", rows)))[1][8]
    # the gap a phone shows there, without the unit column: 120 − 96 (the English name says the unit), under the
    # column's header, which says the gap is in it
    phone_gap = '<small class="phone-only" hidden>Gap 24</small>'
    assert status_cell.endswith(phone_gap)
    status_cell = status_cell.removesuffix(phone_gap)
    assert status_cell.endswith("Projected to miss</span><br><small>a progress verdict, not final; "
                                "from the 2022 value, the 2024 target looks out of reach; latest value 2022; no value "
                                "for 2023–2024</small>")
    # then, at a mid-term, the next target's need a phone shows there (the column it leaves out), labelled as its
    # kind: a level to hold in 2024 (17), never "2024年需增长" (the growths' label) over it
    assert cells_of(scorecard_html(context("zh", MID_TERM_DATA, 2023)))[2][8].endswith(
        "未达标</span><br><small>2022年未达到；2023年当年完成率101.3%</small>"
        '<small class="phone-only" hidden>2024年 须不低于90%（2022年未达到）</small>')
    assert texts(words.summary_paragraphs(context("zh", rows)))[4][1][1] == (
        "科技服务机构：最新为2022年的96个，2024年目标120个；2023—2024年尚无数据，暂按进展判断评为“预计未达标”"
        "；数据缺失，待补充")
    assert texts(words.summary_paragraphs(context("en", rows)))[4][1][1] == (
        "S&T service institutions: 96 in 2022, against a target of 120 for 2024; no value for "
        "2023–2024 yet: rated “projected to miss”, a progress verdict, not final; data missing, to be supplied")


def test_a_stage_target_without_its_year_is_awaited_as_a_stage_target():
    """The mid-term of a series last seen in 2022: its 2023 target has a 2024 one after it, so the 2023 value is
    awaited for a check against the interim target, not for a final verdict."""
    row = assessed(14, 2023, "compound", 80, 2022, 96, 2023, 100, "moving_away", gap=4, next_year=2024,
                   next_target=120)
    [joined] = context("zh", [row], 2023).joined().itertuples()
    assert words._need(joined, catalog("zh")) == (
        "科技服务机构：最新为2022年的96个，2023年阶段目标100个；2023年尚无数据，待公布后对照阶段目标判断")
    assert words._need(joined, catalog("en")).endswith(
        "against an interim target of 100 for 2023; no value for 2023 yet, so the interim target cannot be checked yet")


def test_a_core_indicator_names_the_years_without_a_value():
    rows = [assessed(2, 2024, "linear", 2.36, 2022, 2.5, 2024, 2.8, "moderate", n=3, gap=0.3,
                     required_cagr=(2.8 / 2.5) ** 0.5 - 1, required_per_year=0.15)]
    assert texts(words.summary_paragraphs(context("zh", rows)))[2] == (
        ("核心指标（*）：", ["R&D经费投入强度：预计未达标（最新值为2022年，2023—2024年无数据）"]))
    assert texts(words.summary_paragraphs(context("en", rows)))[2] == (
        ("Core indicators (*):", ["R&D intensity: projected to miss (latest value 2022; no value for 2023–2024)"]))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_stage_target_missed_compares_the_pace_needed_with_the_pace_seen(example_tables, language):
    # the example's 2023 mid-term. High-level talent (25): 242 (2020) to 298 (2023) is (298/242)^(1/3) − 1 = +7.2% a
    # year; 2024's 320 needs 320/298 − 1 = 7.4%: a little more than seen, said as such, not "cannot be reached".
    # High-tech enterprises (10): 738 to 1,450 is (1450/738)^(1/3) − 1 = +25.2% a year against the 10.3% needed.
    # Each is followed by its pace over the plan period, from 2021, where the two differ materially (docs/method.md):
    # 25 from 257, (298/257)^(1/2) − 1 = +7.7%, on the other side of the 7.4% needed; 10 from 1,049,
    # (1450/1049)^(1/2) − 1 = +17.6%, 7.6 points from 25.2; 3 from 39.3, (44.1 − 39.3)/2 = +2.4 points a year
    from analysis.report.context import load_report
    from tests.conftest import relative

    lagging = next(p for p in words.summary_paragraphs(load_report(relative(example_tables), 2023, language))
                   if p.items and not p.text.startswith(("核心", "Core")))  # the list after the core indicators
    talent = next(item for item in lagging.items if item.startswith(("高层次人才数", "High-level talent")))
    firms = next(item for item in lagging.items if item.startswith(("高新技术企业", "High-tech enterprises")))
    # 3: 41.5 (2020) to 44.1 (2023) is +0.8667 points a year; 2024's 45 needs +0.9: 0.8667 / 0.9 = 0.963, 96%,
    # on track only by the band from 95%, which the sentence names (kept up, 44.1 + 0.87 = 44.97, under the 45)
    zone = next(item for item in lagging.items
                if item.startswith(("国家高新区营收占GDP比重", "National high-tech zone")))
    # 2: 2.61 against 2023's 2.7, +0.08 a year seen against +0.19 needed: off course, red
    intensity = next(item for item in lagging.items if item.startswith(("R&D经费投入强度", "R&D intensity")))
    if language == "zh":
        # 25: (298 / 242)^(1/3) − 1 = 7.185 % a year against 320 / 298 − 1 = 7.383 % needed, 0.973: on track for
        # 2024 by the band (≥ 0.95), a little below the need, never said to reach it; amber for the interim target
        # missed the growth seen below the need, said so (never "the need a little above the growth seen"), and its
        # verdict
        assert talent.endswith("需比2023年增长7.4%（22人）；2020年以来实际年均增长+7.2%，略低于所需，"
                               "但已达所需的95%以上（97%），按评估方法视为进度正常；"
                               "方案实施期（2021年起）实际年均增长+7.7%，"
                               "但未达2023年阶段目标，列为黄色预警")
        assert zone.endswith("；2020年以来实际年均增长+0.87个百分点，略低于所需，"
                             "但已达所需的95%以上（96%），按评估方法视为进度正常；"
                             "方案实施期（2021年起）实际年均增长+2.4个百分点，"
                             "但未达2023年阶段目标，列为黄色预警")
        # on course for the next target: amber in the warning list, and why, in this list of the red
        assert firms.endswith("需比2023年增长10.3%（150家），"
                              "按2020年以来实际年均增长（+25.2%）推算有望达到；"
                              "方案实施期（2021年起）实际年均增长+17.6%，但未达2023年阶段目标，列为黄色预警")
        # a red one names its colour too
        # from 2021's 2.40, (2.61 − 2.40)/2 = +0.105, +0.11 points a year: 0.03 from 0.08, more than a quarter of it
        assert intensity.endswith("高于2020年以来实际年均增长（+0.08个百分点）；"
                                  "方案实施期（2021年起）实际年均增长+0.11个百分点；列为红色预警")
    else:
        assert talent.endswith("it must grow by 7.4% (22 more) over 2023, a little more than the growth seen since "
                               "2020 (+7.2% a year), which at 97% of the need is counted as on track (the "
                               "method's band starts at 95%); growth over the plan period (since 2021): +7.7% a "
                               "year, but the 2023 interim target was missed: an amber warning")
        assert zone.endswith("which at 96% of the need is counted as on track (the method's band starts "
                             "at 95%); growth over the plan period (since 2021): +2.4 pp a year, but the 2023 "
                             "interim target was missed: an amber warning")
        assert firms.endswith("over 2023, and the growth seen since 2020 (+25.2% a year), kept up, would reach it; "
                              "growth over the plan period (since 2021): +17.6% a year, "
                              "but the 2023 interim target was missed: an amber warning")
        assert intensity.endswith("; a red warning")
    assert not any("≥ 0.95" in item or "≥ 0.95" in item for item in lagging.items)
    assert not any("难以" in item or "does not reach" in item for item in lagging.items)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_stage_target_met_off_course_is_named_after_the_lagging(example_tables, language):
    # the example's 2023 mid-term. S&T service institutions (14): 103 meets 2023's 100, but 2024's 120 needs
    # 120/103 − 1 = 16.5% (17) against (103/80)^(1/3) − 1 = +8.8% a year seen. R&D deduction share (21): 9.3 meets 9,
    # 10 in 2024 needs +0.7 points against (9.3 − 8.4)/3 = +0.3 a year; over the plan period, from 2021's 8.5,
    # (9.3 − 8.5)/2 = +0.4 a year, more than a quarter apart, said after it. Technology contracts (16), met and on
    # course
    # (151 needs 160/151 − 1 = 6.0% against +11.3% a year), are not named.
    from analysis.report.context import load_report
    from tests.conftest import relative

    paragraphs = words.summary_paragraphs(load_report(relative(example_tables), 2023, language))
    off = next(p for p in paragraphs if p.text.startswith(("已达阶段目标、但", "Indicators that met their interim")))
    assert len(off.items) == 2
    if language == "zh":
        assert off.items[0] == ("科技服务机构：2023年为103个，达到2023年阶段目标100个（完成率103.0%）；"
                                "要在2024年达到120个，需比2023年增长16.5%（17个），"
                                "高于2020年以来实际年均增长（+8.8%）")
        assert off.items[1].endswith("高于2020年以来实际年均增长（+0.3个百分点）；"
                                     "方案实施期（2021年起）实际年均增长+0.4个百分点")
        statuses = next(p.text for p in paragraphs if p.text.startswith("按指标计"))
        assert "已达阶段目标11项" in statuses and "已达标" not in statuses
    else:
        assert off.items[0].startswith("S&T service institutions: 103 in 2023, meeting the 2023 interim target of 100 "
                                       "(103.0% of it); to reach 120 in 2024 it must grow by 16.5% (17 more) "
                                       "over 2023, "
                                       "more than the growth seen since 2020 (+8.8% a year)")
        assert any(p.text.startswith("By indicator") and "interim target met\xa011" in p.text for p in paragraphs)


def test_a_final_verdict_on_a_single_value_is_not_called_thin_evidence():
    # national indicators 2 (55.3 against 55) and 10 (6.2 against 5) have one value each, of 2015, the target year:
    # a final verdict that needs no history. Only progress verdicts on one or two points are low evidence.
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    national = report_context(build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED), 2015, "zh")
    row = national.assessment.set_index("indicator_id").loc[[2, 10]]
    assert list(row["evidence"]) == ["low", "low"] and list(row["verdict"]) == ["final", "final"]
    assert not [text for text in texts(words.summary_paragraphs(national)) if "证据有限" in str(text)
                or "只有一两个数据点" in str(text)]
    assert "进展判断仅有一两个数据点、或规划实施期内仅一个数值（证据有限）的序列：0个。" in words.data_note(national)


def test_the_appendix_lists_the_publications_by_name_each_once():
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    national = report_context(build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED), 2015, "zh")
    [line] = [line for line in words.data_note(national) if line.startswith("规划之后取得的实际值")]
    # Xinhua's two passages and the book's two are one source each, named with the address, as in English
    assert line.count("新华社 2016-08-16（http://shenduxp.com/2016-08/16/content_18325813.htm）") == 1
    book = "《中国经济的转型升级：从“十二五”看“十三五”》2.5节（https://m.novel.qq.com/read/1026832009/20）"
    assert line.count(book) == 1
    assert "国家整体创新能力" not in line and "每万人发明专利拥有量从" not in line


def test_a_level_to_hold_every_year_missed_before_its_targets_year_must_hold_in_that_year():
    """A 2022 review: good-air days (17) were 89.5 in 2022 against ≥90 for every year (targets for 2023 and 2024): a
    final "not achieved" for 2022; what it asks next is 2023's ≥90, not 2024's (2023 counts too)."""
    row = context("en", [assessed(17, 2022, "linear", 90.4, 2022, 89.5, 2023, 90, "not_achieved", verdict="final",
                                  rate=89.5 / 90, shortfall=0.5, missed="2022", next_year=2024,
                                  next_target=90)], 2022).joined().iloc[0]
    zh, en = catalog("zh"), catalog("en")
    assert words.pace_text(row, en) == "2023 target: ≥90% every year"
    assert words.pace_text(row, zh) == "2023年目标：每年≥90%"
    assert words.next_target_need(row, en) == "; the verdict stands; at least 90% in 2023 too"
    # in 2023, with 2023's value (91.2, met; 2022 missed), the next year to hold is 2024
    later = row.copy()
    later["report_year"], later["as_of_year"], later["latest_value"] = 2023, 2023, 91.2
    assert words.pace_text(later, en) == "≥90% in 2024 (missed in 2022)"


def test_the_series_without_its_target_years_value_are_named_by_series(example_tables):
    """The example, final 2024: 4's national series has 2024's value (3.1, a final verdict), its provincial one 2022's
    only; 21 has 2023's: the summary names 4's provincial series, not the whole indicator, and 21."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    zh = words._statuses(load_report(relative(example_tables), 2024, "zh"))
    assert zh.endswith("其中2项（指标4省级、21）尚无目标年份数据，其结论为进展判断，不是最终判定。")
    en = words._statuses(load_report(relative(example_tables), 2024, "en"))
    # 4 provincial is a series, not an indicator: "series", never "indicators 4 provincial"
    assert en.endswith(" Of these, 2 (series 4 provincial, 21) have no value for their target year yet, so "
                       "their verdict is one of progress, not final.")


def test_a_plan_with_two_baseline_years_says_which_the_growth_counts_from(example_tables):
    """Weihai's table prints 2020 and 2021 baselines (the cards speak of both): the summary says once that growth
    counts from 2020 and the plan period starts in 2022; the national plan prints one (2010) and says nothing."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    zh = words.summary_paragraphs(load_report(relative(example_tables), 2024, "zh"))[1].text
    # the plan's text requires 10% a year for technology contracts, judged from 2021
    assert zh.endswith("方案指标表列有2020、2021年的基础值：增长自2020年起算，方案实施期自2022年起。"
                       "方案正文的年均增速要求则自2021年（方案表最后一个基础值年份）起算。")
    en = words.summary_paragraphs(load_report(relative(example_tables), 2024, "en"))[1].text
    assert en.endswith(" The plan's table prints baselines for 2020 and 2021: growth is counted from the 2020 "
                       "baseline, and the plan period starts in 2022. A growth rate the plan's text requires is "
                       "counted from 2021, the table's last baseline. In the indicators' short names, S&T stands for "
                       "science and technology and SMEs stands for small and medium-sized enterprises.")
    from analysis.settings import PROJECT_ROOT
    national = load_report(PROJECT_ROOT / "data" / "processed" / "national-12th-fyp", 2015, "zh")
    assert not any("基础值：增长自" in paragraph.text for paragraph in words.summary_paragraphs(national))


def test_the_abbreviations_of_the_short_names_are_spelled_out_once_where_the_series_are_counted(example_tables):
    """Weihai's English short names abbreviate (S&T share of public expenditure, Tech-based SMEs), which no sentence
    spelled out: the overview and the self-evaluation's first paragraph say each once; the Chinese names abbreviate
    nothing; a plan whose names use neither says nothing of them."""
    from analysis.report.context import load_report
    from analysis.report.self_evaluation import self_evaluation_blocks
    from tests.conftest import relative

    said = ("In the indicators' short names, S&T stands for science and technology and SMEs stands for small and "
            "medium-sized enterprises.")
    report = load_report(relative(example_tables), 2024, "en")
    assert [p.text for p in words.summary_paragraphs(report) if said in p.text] != []
    overview = next(block.parts[0] for block in self_evaluation_blocks(report)
                    if block.kind == "paragraph" and str(block.parts[0]).startswith("The plan “"))
    assert overview.endswith(said)
    chinese = load_report(relative(example_tables), 2024, "zh")
    assert not any("指标简称中" in p.text for p in words.summary_paragraphs(chinese))
    # the hand-typed plan's names (R&D intensity, S&T share of public expenditure, …): S&T alone
    assert not any("SMEs" in p.text for p in words.summary_paragraphs(context("en")))


def test_indicators_without_a_verdict_are_said_to_lack_their_target_year_too():
    # the 2024 report: 10 met in 2022 (a progress verdict on an earlier value), 14 with its 2021 baseline only
    # (insufficient data), 2 with 2.9 in 2024 against 2.8 (final): "of these" names 10 only, and 14 is said to lack
    # 2024's value as well, with no verdict
    final = assessed(2, 2024, "linear", 2.36, 2024, 2.9, 2024, 2.8, "achieved", n=5, verdict="final")
    rows = [final, assessed(10, 2024, "compound", 738, 2022, 1650, 2024, 1600, "achieved", n=3),
            assessed(14, 2024, "compound", 80, 2021, 85, 2024, 120, "insufficient_data", verdict="")]
    zh = words._statuses(context("zh", rows))
    en = words._statuses(context("en", rows))
    assert zh.endswith("其中1项（指标10）尚无目标年份数据，其结论为进展判断，不是最终判定。"
                       "数据不足的1项尚未收录目标年份数据，未作判断。")
    assert en.endswith("Of these, 1 (indicator 10) has no value for its target year yet, so its verdict is one of "
                       "progress, not final. The 1 with insufficient data has no value for its target year on file "
                       "yet, so it is not judged.")
    # none has its target year's value (Weihai's published data: 26 met in 2022, 22 with insufficient data): said
    # first, never "of these, 1 …", which reads as if the others had theirs
    zh = words._statuses(context("zh", rows[1:]))
    en = words._statuses(context("en", rows[1:]))
    assert zh.endswith("2项均尚无目标年份数据：1项（指标10）为进展判断，不是最终判定；数据不足的1项不作判断。")
    assert en.endswith("None of the 2 has a value for its target year yet: 1 (indicator 10) has a progress verdict, "
                       "not a final one; the 1 with insufficient data have no verdict.")
    # the mid-term: 14's target year (2024) is still to come, nothing to say
    rows = [assessed(14, 2023, "compound", 80, 2021, 85, 2024, 120, "insufficient_data", verdict="")]
    assert "数据不足的" not in words._statuses(context("zh", rows))


def test_a_progress_verdict_on_a_single_plan_value_is_flagged(example_tables):
    # the example's 2024 final: 4 provincial has 2.9 in 2022 and nothing after (its 2020 and 2021 values are the
    # plan's printed baselines): its "moving away" rests on one value of the plan period, said so; 21 has 2022 and
    # 2023 (two values), the national series of 4 a final verdict: neither named
    from analysis.report.context import load_report
    from tests.conftest import relative

    # and in 2022 every one of the 25 quantitative series has its 2022 value alone: "all 25", not 25 numbers
    for report_year, language, expected in (
            (2024, "zh", "需要说明的是，1个序列（指标4省级）的进展判断只依据方案实施期内（2022年起）的一个数值，"
                         "待后续年份数据补充后可能改变。"),
            (2024, "en", "Caution: 1 series (indicator 4 provincial) rests its progress verdict on a single value "
                         "from the plan period (from 2022); it may change as later values come in."),
            (2022, "zh", "需要说明的是，全部25个定量序列的进展判断均只依据方案实施期内（2022年起）的一个数值，"
                         "待后续年份数据补充后可能改变。"),
            (2022, "en", "Caution: all 25 quantitative series rest their progress verdict on a single value from the "
                         "plan period (from 2022); it may change as later values come in.")):
        paragraphs = texts(words.summary_paragraphs(load_report(relative(example_tables), report_year, language)))
        assert expected in paragraphs


def test_a_growth_the_plans_text_promises_and_misses_is_in_the_overview(example_tables):
    # 技术合同成交额 (16): the plan's text asks 10% a year or more; the table's 2021 baseline 133 to 158 in 2024 is
    # (158 / 133)^(1/3) − 1 = 5.91% a year: short, named in the overview, not only on its card, with what the table's
    # own 2024 target implies from the same start, (160 / 133)^(1/3) − 1 = 6.36% a year; and the growth the scorecard
    # shows for it, from the 2020 baseline 109.61: (158 / 109.61)^(1/4) − 1 = 9.57%, against what the target implies
    # from there, (160 / 109.61)^(1/4) − 1 = 9.92%, named beside it so that the two
    # figures read as two starts (in 2022: (142 / 109.61)^(1/2) − 1 = 13.82%, above the 10% only through 2021's
    # growth, 133 / 109.61 − 1 = 21.3%, the year before the plan period: said so, never read as a contradiction)
    # (the name followed by a colon, as in every other item of the overview's lists: never "技术合同成交额，方案…")
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected in (
            ("zh", ("未达到方案正文年均增速要求的指标：",
                    ["技术合同成交额：方案正文要求年均增长10%以上，自2021年（方案表最后一个基础值年份）起算"
                     "至2024年实际年均增长5.9%（若按方案表目标的口径自2020年基础值起算，则实际年均9.6%、"
                     "方案表目标折合年均9.9%，均低于要求的10%）；"
                     "方案表中2024年目标自2021年起算折合年均6.4%"])),
            ("en", ("Growth rates required by the plan's text and not achieved:",
                    # a sentence for the verdict, then one for each year the growth is counted from
                    ["Technology contracts traded: at least 10% a year required, not reached. From 2021 "
                     "(the table's last baseline, which the verdict counts from) to 2024, growth was 5.9% a year; "
                     "the table's 2024 target implies 6.4% a year from 2021. "
                     "From the 2020 baseline, as the table's targets count, growth was 9.6% a year against the "
                     "9.9% the table's target implies, also below the 10% required."]))):
        assert expected in texts(words.summary_paragraphs(load_report(relative(example_tables), 2024, language)))
    # 2022, one year after the 2021 baseline: 142 / 133 − 1 = 6.77%, one year's growth, not an average a year; on
    # track for the table's 2023 interim target, so not on the warning list, said so (in 2024 it missed the table's
    # 160: warned, nothing said)
    for language, expected in (
            ("zh", "技术合同成交额：方案正文要求年均增长10%以上，2022年比2021年"
                   "（方案表最后一个基础值年份）实际增长6.8%（若按方案表目标的口径自2020年基础值起算，"
                   "则实际年均13.8%、方案表目标折合年均9.9%，实际增速"
                   "仅因方案实施期前2021年的跃升而高于10%）；"
                   "方案表中2024年目标自2021年起算折合年均6.4%；预警按方案表中的目标判断，该指标未列入预警清单"),
            ("en", "Technology contracts traded: at least 10% a year required, not reached; it is not on the "
                   "warning list, which follows the table's targets. Growth in 2022 over 2021 "
                   "(the table's last baseline, which the verdict counts from) was 6.8%; the table's 2024 target "
                   "implies 6.4% a year from 2021. From the 2020 baseline, as the table's targets count, growth was "
                   "13.8% a year against the 9.9% the table's target implies; that rate is above 10% only because "
                   "of the jump in 2021, before the plan period.")):
        paragraphs = texts(words.summary_paragraphs(load_report(relative(example_tables), 2022, language)))
        assert [expected] in [p[1] for p in paragraphs if isinstance(p, tuple)]


def test_the_need_sentence_reads_the_target_as_a_target_not_a_value(example_tables):
    """The 2022 review's lagging list: R&D intensity 2.52% in 2022 against the 2023 interim target of 2.7%: 0.18 pp in
    one year, 0.18 / 2.52 = 7.1%, by hand. "到2023年的2.7%" read as a value 2023 had; the target is named one."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected in (
            ("zh", "R&D经费投入强度从2022年的2.52%到2023年目标2.7%，需增长0.18个百分点"),
            # the abbreviation defined at the overview's first difference in points, before it: the core
            # indicators' 20, (2.3 − 1.9) / 1 = +0.4 percentage points (pp) a year since 2021
            ("en", "R&D intensity must grow by 0.18 pp in one year, from 2.52% in 2022 "
                   "to the 2023 target of 2.7%")):
        paragraphs = texts(words.summary_paragraphs(load_report(relative(example_tables), 2022, language)))
        items = [item for p in paragraphs if isinstance(p, tuple) for item in p[1]]
        assert any(item.startswith(expected) for item in items), items


def test_a_level_held_every_year_gives_the_value_of_the_year_it_missed(example_tables):
    # the example's 2024 final: energy saving (18) 4.6% in 2023 against ≥5%: the value beside the year, as the verdict
    # rests on it, not only the latest (5.3%); air quality (17), 89.5% in 2022, a year the plan sets no level for,
    # and 91.2%, 92% in 2023 and 2024 against 90: achieved, not among the lagging
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected, air in (
            # (the year's value first, as an official writes it: 2023年为 4.6%，低于…的要求; the plan prints 5
            # for 2023 and 2024: held every year is the evaluation's reading, never called the plan's requirement)
            # the verdict rests on the reading (2024's 5.3 meets 5): said so, briefly, where the verdict is
            ("zh", "万元GDP能耗下降率：2023年为4.6%，未达到自2023年起每年不低于5%的要求"
                   "（方案表列5%，未标“≥”，本报告按每年须达到评估），未达标（2024年为5.3%）",
             "空气质量优良天数比例："),
            ("en", "Decline in energy use per unit of GDP: assessed against ≥5% every year from 2023 (the plan's "
                   "table prints 5%, without “≥”; read as a level to hold every year), missed in 2023 (4.6%), so not "
                   "achieved (5.3% in 2024)", "Share of good-air-quality days:")):
        items = [item for paragraph in words.summary_paragraphs(load_report(relative(example_tables), 2024, language))
                 for item in paragraph.items]
        assert expected in items, items
        assert not any(item.startswith(air) for item in items), items


def test_a_level_read_from_a_bare_target_is_never_called_the_plans_requirement_for_the_next_year(example_tables):
    """The example's 2023 review: energy saving (18) 4.6% in 2023 against 5%, which the plan's table prints for 2023
    and 2024 without "≥": not achieved for good, and 2024 held to 5% as this evaluation reads the table, said so with
    what it prints, never "the plan still asks for at least 5% in 2024" (方案对 2024年仍要求不低于 5%)."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected in (
            ("zh", "万元GDP能耗下降率：2023年为4.6%，未达到自2023年起每年不低于5%的要求，未达标，结论不再改变；"
                   "按每年须达到的水平评估，2024年同样须不低于5%（方案表列5%，未标“≥”）；列为红色预警"),
            ("en", "Decline in energy use per unit of GDP: assessed against ≥5% every year from 2023, missed in 2023 "
                   "(4.6%), so not achieved; the verdict stands; read as a level to hold every year, at least 5% in "
                   "2024 too (the plan's table prints 5%, without “≥”); a red warning")):
        items = [item for paragraph in words.summary_paragraphs(load_report(relative(example_tables), 2023, language))
                 for item in paragraph.items]
        assert expected in items, items


def test_a_level_missed_under_a_lower_level_gives_that_level_beside_its_value():
    """The final's lagging list: good-air days (17) at ≥90 in 2023 and ≥92 in 2024, 89 in 2023 and 93 in 2024: 2023
    missed its own 90, never "assessed against ≥92% in 2024, missed in 2023 (89%)" (2023年为 89%，低于2024年≥92%的要求),
    which reads as 2023 held to 92."""
    values = pd.DataFrame({"indicator_id": [17] * 4, "series": [""] * 4, "year": [2023, 2024, 2023, 2024],
                           "value_type": ["target", "target", "actual", "actual"], "value": [90.0, 92.0, 89.0, 93.0],
                           "reference": [""] * 4, "processing": [""] * 4})
    rows = [assessed(17, 2024, "linear", 90.4, 2024, 93, 2024, 92, "not_achieved", n=4, gap=-1, verdict="final",
                     rate=93 / 92, shortfall=1.0, missed="2023")]
    for language, expected in (
            ("zh", "空气质量优良天数比例：2023年为89%（须≥90%），未达到当年须达到的水平，未达标（2024年为93%）"),
            ("en", "Days with good air quality: missed the level it had to hold (89% in 2023 against ≥90%), so not "
                   "achieved (93% in 2024)")):
        base = context(language, rows, 2024)
        base = dataclasses.replace(base, tables=dataclasses.replace(base.tables, values=values))
        items = [item for paragraph in words.summary_paragraphs(base) for item in paragraph.items]
        assert expected in items, items
    # the completion chart beside its diamond: the level written (2024's ≥92%) and the year missed with its own
    from analysis.report.charts import _year_missed

    row = next(base.joined().itertuples())
    assert _year_missed(row, catalog("zh"), "chart.level_missed", 2023) == "（2023年未达到90%）"
    assert _year_missed(row, catalog("en"), "chart.level_missed", 2023) == " (2023: below the 90% then required)"


def test_a_level_missed_in_its_latest_year_gives_that_value_once(example_tables):
    # the example's 2023 mid-term: energy saving (18) 4.6% in 2023, its latest year, against ≥5% every year; before,
    # "missed in 2023 (4.6%), so not achieved (4.6% in 2023)"
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected in (
            ("zh", "万元GDP能耗下降率：2023年为4.6%，未达到自2023年起每年不低于5%的要求，未达标"),
            ("en", "Decline in energy use per unit of GDP: assessed against ≥5% every year from 2023, missed in 2023 "
                   "(4.6%), so not achieved")):
        items = [item for paragraph in words.summary_paragraphs(load_report(relative(example_tables), 2023, language))
                 for item in paragraph.items]
        assert any(item.startswith(expected) and "4.6% in 2023" not in item and item.count("2023年为") <= 1
                   for item in items), items


def test_the_overview_says_the_plan_period_move_a_moving_away_status_hides(example_tables):
    """Provincial agri-tech parks (4): 3.1 in 2020, 2.7 in 2021 (the plan's start), 2.9 in 2022 and nothing since.
    From the 2020 baseline the series fell (moving away); in the plan period it rose 2.7 → 2.9. The overview says
    both, as the scorecard and the warning list do, never the status alone; and each value once: the move after the
    status names the baseline and 2021's value, the latest (2.9% in 2022) already said at the sentence's start. The
    mid-term's (2023) and the final's (2024) differ in the target's year, the years without a value, and the close:
    the mid-term's red warning, the final's data missing, to be supplied (a final evaluation warns no more)."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    expected = {("zh", 2023): "省级农业科技园区营收占比：最新为2022年的2.9%，2023年目标3.3%；2023年尚无数据，"
                              "暂按进展判断评为“偏离目标”；仍低于2020年基础值3.1%；较2021年的2.7%有所回升"
                              "；列为红色预警",
                ("zh", 2024): "省级农业科技园区营收占比：最新为2022年的2.9%，2024年目标3.3%；2023—2024年尚无数据，"
                              "暂按进展判断评为“偏离目标”；仍低于2020年基础值3.1%；较2021年的2.7%有所回升"
                              "；数据缺失，待补充",
                ("en", 2023): "Provincial agri-tech park revenue / GDP: 2.9% in 2022, against a target of 3.3% for "
                              "2023; no value for 2023 yet: rated “moving away”, a progress verdict, not final; "
                              "still below the 2020 baseline of 3.1%, though up from 2.7% in 2021; a red warning",
                ("en", 2024): "Provincial agri-tech park revenue / GDP: 2.9% in 2022, against a target of 3.3% for "
                              "2024; no value for 2023–2024 yet: rated “moving away”, a progress verdict, not final; "
                              "still below the 2020 baseline of 3.1%, though up from 2.7% in 2021; data missing, "
                              "to be supplied"}
    for (language, report_year), sentence in expected.items():
        context = load_report(relative(example_tables), report_year, language)
        said = [unmarked(item) for paragraph in words.summary_paragraphs(context)
                for item in paragraph.items if "2.9%" in unmarked(item) and "3.3%" in unmarked(item)]
        assert said == [sentence]
        assert said[0].count("2.9%") == 1 and said[0].count("2022") == 1


def test_a_core_indicator_achieved_while_falling_in_the_plan_period_says_so(example_tables):
    """High-tech firms / industrial firms (7, core): 86 in 2021, 84, 83, 82 in 2024 against 81: achieved, but down
    every year of the plan (its +4.5% a year is measured from 68.8 in 2020). The overview's core list says the fall,
    as its card does, as a move back that still meets the target (the plan sets 81 below the 86 it started from),
    never "the wrong way"; R&D intensity (2), not achieved, has no move to tell."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, core in (("zh", ["高企数与规上工业企业数比值：已达标（2024年）；"
                                   "由2021年的86%降至2024年的82%，仍达到目标",
                                   "R&D经费投入强度：未达标（2024年）"]),
                           ("en", ["High-tech firms / industrial firms: achieved (2024); fell from 86% "
                                   "in 2021 to 82% in 2024, still meeting the target",
                                   "R&D intensity: not achieved (2024)"])):
        items = [unmarked(item) for paragraph in words.summary_paragraphs(load_report(relative(example_tables), 2024,
                                                                                      language))
                 for item in paragraph.items]
        assert all(line in items for line in core), items


def test_a_base_value_of_a_later_year_is_said_with_its_year_and_is_no_want_of_plan_data(tmp_path):
    """A series whose base value comes from statistics (``base_source``) published only for 2024, two years after the
    base year 2022: the baseline column gives its year, and the overview does not say it has no value of the plan
    period (2023 on), which its card shows."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from analysis.report.tables import scorecard_rows
    from tests.clean.test_targets import COUNT, SHARE, plan_folder

    indicators = SHARE + COUNT.replace(",count,\n", ",count,国家统计局统计公报\n")
    values = "2,,2022,baseline,2.4,,\n2,,2027,target,2.8,,\n3,,2027,target,500,,\n"
    folder = plan_folder(tmp_path, indicators, values, "2,,2026,2.6,公报2026\n3,,2024,380,公报2024\n")
    tables = build_tables(load_plan(folder), "eurostat")
    for language, base, said in [
            ("en", "380 (2024)", "1 series (indicator 3) has a single value (2024), which stands in for its base"),
            ("zh", "380（2024年）", "1个序列仅有一个数值（2024年，指标3），以之作为基础值")]:
        context = report_context(tables, 2027, language)
        bases = {row.indicator_id: row.base for row in scorecard_rows(context)}
        assert bases == {"2": "2.4", "3": base}
        summary = " ".join(p.text for p in words.summary_paragraphs(context))
        assert said in summary, summary
        assert "plan period" not in summary and "期内" not in summary, summary


def test_the_final_verdicts_by_series_add_up_to_their_count(example_tables):
    """The example's mid-term: 24 series have a value for their binding target year, 12 interim targets met, 10 missed,
    18 not achieved (4.6 in 2023 under its yearly 5) and 17 met in 2023 with 2024's level to hold: "met every year so
    far" is counted too, 12 + 1 + 10 + 1 = 24 (it was left out: 23 of 24)."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected in (("zh", "按序列计，24个序列已有对照目标年份的数据，按该年目标作出判断："
                                      "已达阶段目标12个、迄今均达标1个、未达标1个、未达阶段目标10个。"),
                               ("en", "By series, 24 have data for the year of their applicable target and are "
                                      "judged against that year's target:")):
        paragraphs = texts(words.summary_paragraphs(load_report(relative(example_tables), 2023, language)))
        finals = next(p for p in paragraphs if isinstance(p, str) and p.startswith(expected[:12]))
        assert finals.startswith(expected)
    # those met first, then the others worst first, as every tally orders them
    assert finals.endswith(": interim target met\xa012, met so far\xa01, not achieved\xa01 and "
                           "interim target missed\xa010.")


def test_a_group_of_departments_after_the_first_place_has_a_small_letter():
    """department_names.csv writes a body's name in title case and a group's (各区市政府) in sentence case: in a
    list, a group after the first place is a common noun; a proper name, a Chinese name and a list's first stay as
    they are."""
    names = ["District and county-level city governments", "Municipal Science and Technology Bureau",
             "Administrative committees of the development zones", "Rongcheng City Government",
             "Harbin Institute of Technology, Weihai", "各区市政府"]
    assert words.in_a_list(names) == ["District and county-level city governments",
                                      "Municipal Science and Technology Bureau",
                                      "administrative committees of the development zones",
                                      "Rongcheng City Government", "Harbin Institute of Technology, Weihai",
                                      "各区市政府"]
    row = SimpleNamespace(departments_en="Municipal Science and Technology Bureau; District and county-level city "
                                         "governments", lead_department_en="Municipal Science and Technology Bureau",
                          department_basis="printed", department_line=0)
    assert "Municipal Science and Technology Bureau (lead); district and county-level city governments" in \
        words.departments_text(row, catalog("en"), "en")


@pytest.fixture(scope="module")
def national_final():
    """The national plan's 2015 final with its published values: every achieved verdict rests on a quote."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    tables = build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED).up_to(2015)
    return {language: report_context(tables, 2015, language) for language in ("en", "zh")}


def test_the_change_tables_rows_without_a_progress_verdict_then_say_so(national_final):
    """2014 → 2015: the sentence above the table says every row was given a progress verdict in 2014 unless its row
    says otherwise. 5 (invention patents, "target already met" in 2014) was one; 2 (S&T contribution) and 10
    (scientific literacy) had insufficient data in 2014 and a verdict now: their rows say so."""
    from analysis.report.warning_tables import change_rows, changes_intro

    context = national_final["en"]
    previous, rows = change_rows(context)
    assert ("Unless its row says otherwise, each series was given a progress verdict then, now judged on the 2015 "
            "target." in changes_intro(context, previous, rows))
    notes = {row.indicator_id: row.note_text for row in rows}
    assert notes["2"] == notes["10"] == "insufficient data then, now judged on the 2015 target"
    assert notes["5"] == ""
    zh = national_final["zh"]
    zh_notes = {row.indicator_id: row.note_text for row in change_rows(zh)[1]}
    assert zh_notes["2"] == "由数据不足转为对照2015年目标的最终判定"


def test_the_overview_says_which_verdicts_rest_on_values_a_secondary_source_quotes(national_final):
    # rank 18 and literacy 6.2 (Xinhua, reprinted), 55.3 (an undated article), 6.3 (a forum post); R&D intensity's
    # "not achieved" rests on the 2015 bulletin's own 2.07
    assert words.secondary_note(national_final["en"]) == (
        "All 4 “achieved” verdicts (indicators 1, 2, 5, 10) rest on values quoted by secondary sources, not on the "
        "publisher's own release; the official figures are not yet cited.")
    assert words.secondary_note(national_final["zh"]) == (
        "判定为“已达标”的4个序列（指标1、2、5、10）所依据的数值转引自二手来源，非发布机构原始发布，"
        "尚待官方数据核实。")
    for language in ("en", "zh"):
        texts = [paragraph.text for paragraph in words.summary_paragraphs(national_final[language])]
        assert words.secondary_note(national_final[language]) in texts


def test_the_scorecard_marks_a_verdict_resting_on_a_quoted_value_in_every_edition(national_final):
    # 1, 2, 5 and 10 are "achieved" on values newspapers, an article and a forum quote; 3 (R&D intensity) is "not
    # achieved" on the 2015 bulletin's own 2.07: the mark beside the first four, none beside 3, in the HTML (and so
    # the PDF), the Word edition's rows and the workbook
    from bs4 import BeautifulSoup

    from analysis.report.html import scorecard_html
    from analysis.report.scorecard_workbook import ScorecardBook, scorecard_table
    from analysis.report.tables import scorecard_rows

    for language, mark in (("en", "based on a secondary source"), ("zh", "依据二手来源")):
        context = national_final[language]
        soup = BeautifulSoup(scorecard_html(context), "html.parser")
        status = {row["id"].split("-")[-1]: " ".join(row.find_all("td")[-1].get_text().split())
                  for row in soup.select("tr[id^=scorecard-]")}
        marked = {number for number, text in status.items() if mark in text}
        assert marked == {"1", "2", "5", "10"}, status
        assert {row.indicator_id for row in scorecard_rows(context) if mark in row.final_rate} == {"1", "2", "5", "10"}
        headers, rows = scorecard_table(ScorecardBook(context, "2016-01-01"))
        assert {row[0] for row in rows if any(mark in str(cell) for cell in row)} == {1, 2, 5, 10}
    # the author's to-do is the data-quality list's, never the report's: "cite the official release" in no note
    for language in ("en", "zh"):
        texts = [paragraph.text for paragraph in words.summary_paragraphs(national_final[language])]
        assert not any("handed in" in text or "请改引" in text or "提交前" in text for text in texts)


def test_the_sentence_counts_by_status_with_its_plural_forms(national_final):
    # the 2014 report: patents met its 2015 target early on the book's 4.8, R&D intensity's pace rests on the book's
    # 1.84 (2010) and Guangming Daily's 2.02 (2014)
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    tables = build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED).up_to(2014)
    assert words.secondary_note(report_context(tables, 2014, "en")) == (
        "The only “target already met” verdict (indicator 5) and the only “moderate progress (needs to accelerate)” "
        "verdict (indicator 3) rest on values quoted by secondary sources, not on the publisher's own release; the "
        "official figures are not yet cited.")
    assert words.secondary_note(report_context(tables, 2014, "zh")) == (
        "判定为“已提前达标”的1个序列（指标5）、判定为“需加快”的1个序列（指标3）所依据的数值转引自二手来源，"
        "非发布机构原始发布，尚待官方数据核实。")
    # one series of several quoted: "1 of the 4", its indicator in the singular
    context = national_final["en"]
    values = context.tables.values.copy()
    values.loc[(values.value_type == "actual") & values.indicator_id.isin([1, 5, 10]), "source_kind"] = "official"
    from dataclasses import replace

    one = replace(context, tables=replace(context.tables, values=values))
    assert words.secondary_note(one) == (
        "1 of the 4 “achieved” verdicts (indicator 2) rests on a value quoted by a secondary source, not on the "
        "publisher's own release; the official figure is not yet cited.")


def test_no_such_sentence_where_every_value_is_the_publishers_own(example_tables):
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language in ("en", "zh"):
        context = load_report(relative(example_tables), 2024, language)
        assert words.secondary_note(context) == ""
        assert not any("secondary" in paragraph.text or "二手" in paragraph.text
                       for paragraph in words.summary_paragraphs(context))


@pytest.mark.parametrize(("source", "value", "named"), [
    # a name, then the passage it quotes, then its address: the name and the address
    ("新华社 2016-08-16: 国家整体创新能力从2015年的18名…（http://shenduxp.com/2016-08/16/content_18325813.htm）", "18",
     "新华社 2016-08-16（http://shenduxp.com/2016-08/16/content_18325813.htm）"),
    # a colon inside a title's brackets is the title's own
    ("《中国经济的转型升级：从“十二五”看“十三五”》2.5节：每万人发明专利拥有量从2010年的1.7件提高到2014年的4.8件"
     "（https://m.novel.qq.com/read/1026832009/20）", "1.7",
     "《中国经济的转型升级：从“十二五”看“十三五”》2.5节（https://m.novel.qq.com/read/1026832009/20）"),
    # a reprint's words stay with its address
    ("国家统计局、科技部、财政部《2015年全国科技经费投入统计公报》："
     "研究与试验发展（R&D）经费投入强度（与国内生产总值之比）为2.07%"
     "（中新网 2016-11-11，转载于中国台湾网 http://www.taiwan.cn/x.htm）", "2.07",
     "国家统计局、科技部、财政部《2015年全国科技经费投入统计公报》（中新网 2016-11-11，转载于中国台湾网 "
     "http://www.taiwan.cn/x.htm）"),
    # a quotation alone, which gives the value: its address alone
    ("每万人口发明专利拥有量达到6.3件，圆满完成了“十二五”规划纲要提出的目标"
     "（https://zh.wenxuecity.com/bbs/1.html）", "6.3",
     "https://zh.wenxuecity.com/bbs/1.html"),
    # a name alone, with its address
    ("光明日报 2021-06-10（https://news.gmw.cn/2021-06/10/content_34912395.htm）", "2.02",
     "光明日报 2021-06-10（https://news.gmw.cn/2021-06/10/content_34912395.htm）"),
    # no address in brackets at the end: as written
    ("市统计局统计公报2024", "2.61", "市统计局统计公报2024"),
])
def test_the_where_column_names_a_source_without_the_passage_it_quotes(source, value, named):
    assert words.source_name(source, value, catalog("zh")) == named


def test_a_revised_plan_value_is_counted_in_words(example_tables):
    """The example revises one printed baseline: R&D personnel 2021, 23,000 in the plan, 23,150 published. One value
    opens an English sentence as a word ("One value the plan printed has …"), never "revised 1 value"."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected in (
            ("en", "One value the plan printed has since been revised by published data; the assessment uses the "
                   "published value: R&D personnel 2021, printed 23,000 in the plan, published as 23,150."),
            ("zh", "方案所列数值中有1个被后来公布的数据修订，评估以公布值为准：研发人员数2021年，方案印作23,000人，"
                   "公布值为23,150人。")):
        paragraphs = texts(words.summary_paragraphs(load_report(relative(example_tables), 2024, language)))
        assert expected in [p for p in paragraphs if isinstance(p, str)], language


def rank_in_2023(place: int, status: str, shortfall: float, next_per_year: float, observed_per_year: float) -> dict:
    """The rank (40) 6th in 2020, ``place`` in 2023 against the 2023 interim target of the top 5, the top 3 in 2025."""
    row = {**assessed(40, 2023, "linear", 6, 2023, place, 2023, 5, status, n=4, verdict="final", shortfall=shortfall,
                      next_year=2025, next_target=3, next_per_year=next_per_year),
           "observed_per_year": observed_per_year}
    return {**row, "shown_status": shown_status(SimpleNamespace(**row))}


def overview_items(row: dict, language: str) -> list[str]:
    """The overview's list items of a 2023 mid-term of ``row`` alone, as read (no break marks)."""
    return [unmarked(str(item)) for paragraph in words.summary_paragraphs(context(language, [row], 2023))
            for item in paragraph.items]


@pytest.mark.parametrize(("place", "status", "shortfall", "needed", "seen", "expected"), [
    # 6th (2020) to 5th (2023), the 2023 interim target of the top 5 met; the top 3 in 2025 asks for 2 places in 2
    # years, 1 a year up, more than the 1 place in 3 years seen (0.3 a year)
    (5, "achieved", 0, -1.0, -1 / 3, {
        "zh": "区域创新能力位次：2023年为第5位，达到2023年阶段目标前5位；"
              "至2025年进入前3位，需每年前进1位，快于2020年以来的实际位次变化（每年前进0.3位）",
        "en": "Innovation capability rank: No. 5 in 2023, meeting the 2023 interim target of top 5; to move into the "
              "top 3 by 2025 it must move up 1 place a year, more than the change seen since 2020 (up 0.3 places a "
              "year)"}),
    # 6th to 7th, short of the top 5: the top 3 asks for 4 places in 2 years, 2 a year up; no completion rate ("— of
    # it"), as the scorecard gives none for a place
    (7, "stage_missed", 2, -2.0, 1 / 3, {
        "zh": "区域创新能力位次：2023年为第7位，未达到2023年阶段目标前5位；"
              "至2025年进入前3位，需每年前进2位，快于2020年以来的实际位次变化（每年后退0.3位）；列为红色预警",
        "en": "Innovation capability rank: No. 7 in 2023, short of the 2023 interim target of top 5; to move into the "
              "top 3 by 2025 it must move up 2 places a year, more than the change seen since 2020 (down 0.3 places "
              "a year); a red warning"}),
])
def test_a_rank_at_the_mid_term_is_told_in_places_to_its_next_target(place, status, shortfall, needed, seen,
                                                                      expected):
    """A 2023 mid-term of the rank (40), 6th in 2020, against the top 5 in 2023 and the top 3 in 2025: the overview
    says so in places: no completion rate (a place is reached or not), the target as the top 3, never "3", and the
    move up, never "fall by down 1 place a year" nor a growth."""
    rank_row = rank_in_2023(place, status, shortfall=shortfall, next_per_year=needed, observed_per_year=seen)
    for language, sentence in expected.items():
        assert sentence in overview_items(rank_row, language)


def test_a_growth_needed_in_one_year_is_headed_with_that_year(example_tables):
    """The mid-term's scorecard, warning list and cards headed the growth from 2023's values to the 2024 targets
    "每年需增长" / "Needed per year", of a single year: headed with the year that must add it ("2024年需增长",
    "Needed in 2024", "in 2024" never parted), as the 2022 review's growth to the 2023 targets ("2023年需增长");
    where one growth spans two years (a latest value of 2022 to a 2024 target), per year as before. The example's
    columns hold levels to hold every year too (17, 18): their header heads both kinds ("2024年所需", "2024 needs":
    never "Needed in 2024", a growth's label, over a level or a target met), a growth's own label says it grows."""
    from analysis.report.context import load_report
    from analysis.report.tables import scorecard_headers
    from analysis.report.warning_tables import warning_headers
    from tests.conftest import relative

    for language, one_year, per_year, both, both_per_year, review in (
            ("zh", "2024年需增长", "每年需增长", "2024年所需", "每年所需", "2023年所需"),
            # in English one name for one figure, a growth's or a level's, as the phone labels its row
            ("en", "Needed in\u00a02024", "Needed per year", "Needed in\u00a02024", "Needed per year",
             "Needed in\u00a02023")):  # (a no-break space)
        context = load_report(relative(example_tables), 2023, language)
        assert scorecard_headers(context)[7] == both
        assert warning_headers(context)[7] == both
        rows = list(context.joined().itertuples())
        # R&D intensity (2): 2.61 in 2023, the 2024 target 2.8
        intensity = next(row for row in rows if int(row.indicator_id) == 2)
        assert words.needed_label([intensity], context.words) == one_year
        # had its latest value been 2022's, its growth to 2024 would be two years', a year each
        older = intensity._replace(as_of_year=2022)
        assert words.needed_label([older], context.words) == per_year
        assert words.needed_label([*rows, older], context.words) == both_per_year
        # a target met already (7: 83 in 2023 against 2024's 81) is no growth: its label heads both kinds, never
        # "2024年需增长" over 已达到目标; with a growth (2) beside it, so too
        met = next(row for row in rows if int(row.indicator_id) == 7)
        assert words.pace_text(met, context.words, 2024) == {"zh": "已达到目标", "en": "target already met"}[language]
        assert words.needed_label([met], context.words, 2024) == both  # (its phone label: the column's year)
        assert words.needed_label([intensity, met], context.words) == both
        # levels alone (17, 18: at least 90 %, 5 % a year in 2024): a level's label
        levels = [row for row in rows if int(row.indicator_id) in (17, 18)]
        required = {"zh": "2024年", "en": "Needed in\u00a02024"}[language]
        assert words.needed_label(levels, context.words, 2024) == required
        review_context = load_report(relative(example_tables), 2022, language)
        assert scorecard_headers(review_context)[7] == review


def test_a_rank_off_course_for_its_next_target_is_said_to_move_too_slowly_in_places():
    """A rank (40) 6th in 2020, 5th in 2023: the top 5 of 2023 met, the top 3 by 2025 asks a place a year against
    1/3 seen; the note the scorecard, the warning list and the self-evaluation share says its place moves too slowly
    (位次变化), never its growth (增速); the scorecard gives it as it gives any interim target's course."""
    row = rank_in_2023(5, "achieved", shortfall=0, next_per_year=-1.0, observed_per_year=-1 / 3)
    zh, en = catalog("zh"), catalog("en")
    [rank] = context("zh", [row], 2023).joined().itertuples()
    assert words.status_note(rank, zh) == "按现有位次变化不足以如期完成2025年目标"
    assert words.status_note(rank, en) == "at the rank's pace so far it would fall short of the 2025 target"
    assert words.status_aside(rank, zh) == "（按现有位次变化不足以如期完成2025年目标）"
    assert words.status_aside(rank, en) == " (at the rank's pace so far it would fall short of the 2025 target)"


def test_a_rank_whose_target_year_has_come_without_its_value_says_what_its_last_place_allows():
    """The rank (40) 6th in 2020 and 5th in 2023, judged in 2025 against the top 3 that year with no 2025 place: no
    time is left to move (projected to miss); the note says what the 2023 place allows of 2025, never a pace "in
    time" for a year already come."""
    row = assessed(40, 2025, "linear", 6, 2023, 5, 2025, 3, "moderate", n=4, gap=2, required_per_year=-0.6)
    zh, en = catalog("zh"), catalog("en")
    [rank] = context("zh", [row], 2025).joined().itertuples()
    assert words.status_note(rank, zh) == ("进展判断，非最终判定；按2023年位次推算，2025年难以达到目标；"
                                           "最新值为2023年，2024—2025年无数据")
    assert words.status_note(rank, en) == ("a progress verdict, not final; from the 2023 rank, the 2025 target looks "
                                           "out of reach; latest value 2023; no value for 2024–2025")


def test_a_running_total_in_percent_needs_its_points_alone_without_a_relative_rate():
    """A cumulative fall marked a running total (R&D intensity's row standing in: 0 in 2020, 8.1 by 2023, 〔13.5〕
    by 2025): (13.5 − 8.1) ÷ 2 = 2.7 points a year; the relative rate √(13.5 ÷ 8.1) − 1 = 29.1% is a rate of a total,
    and is left out, whether its plan prints a base of 0 or of 2.36 (a total counted from an earlier year). A share
    not marked so moves in points too (docs/method.md), from a base of 2.36 or one truly 0 in its base year: its
    points alone as well, never a compound rate beside them."""
    zh, en = catalog("zh"), catalog("en")
    total = assessed(2, 2023, "linear", 0, 2023, 8.1, 2025, 13.5, "on_track", n=4, gap=5.4,
                     required_cagr=(13.5 / 8.1) ** 0.5 - 1, required_per_year=2.7)
    from_nonzero = {**total, "base_value": 2.36}
    for row in (total, from_nonzero):
        [marked] = context("zh", [row], 2023, running_totals=[2]).joined().itertuples()
        assert words.running_total(marked)
        assert words.pace_text(marked, zh) == "+2.7个百分点"
        assert words.pace_text(marked, en) == "+2.7 pp"
    for row in (from_nonzero, total):  # a share of 2.36 in 2020, and one truly 0 then: no running total
        [share] = context("zh", [row], 2023).joined().itertuples()
        assert not words.running_total(share)
        assert words.pace_text(share, zh) == "+2.7个百分点"
        assert words.pace_text(share, en) == "+2.7 pp"


def test_a_yearly_floor_that_rises_needs_its_years_in_the_scorecard():
    """Energy saving (18), a yearly floor of 4% in 2022 and 5% in 2023 and 2024, its 2024 target binding: the
    scorecard's need is the floor with the years it holds, "2023—2024年每年≥5%", as a sentence gives it (held_level),
    never "每年≥5%" beside a 2022 of 4%; one floor throughout has no years. The sentence says it in words."""
    floors = pd.DataFrame({"indicator_id": [18] * 3, "series": [""] * 3, "year": [2022, 2023, 2024],
                           "value_type": ["target"] * 3, "value": [4.0, 5.0, 5.0], "reference": [""] * 3,
                           "processing": [""] * 3})

    def need(values, language):
        base = context(language, [{**row, "report_year": 2023} for row in BEFORE_THE_DATA], 2023)
        row = next(row for row in dataclasses.replace(base, tables=dataclasses.replace(base.tables, values=values))
                   .joined().itertuples() if row.indicator_id == 18)
        return words.pace_text(row, base.words), words.held_level(row, base.words)

    assert need(floors, "zh") == ("2023—2024年每年≥5%", "2023—2024年每年不低于5%")
    assert need(floors, "en") == ("≥5% every year 2023–2024", "≥5% every year 2023–2024")
    assert need(floors.assign(value=5.0), "zh")[0] == "每年≥5%"
    assert need(floors.assign(value=5.0), "en")[0] == "≥5% every year"


def test_the_national_plans_overview_tells_each_year_of_a_revised_baseline_once():
    """The national plan's R&D intensity of 2010: 1.75% printed (values.csv), 1.76% in the statistics bureau's first
    release (2011-09-28), 1.84% in the revised series used: one sentence with the three, never two paragraphs; the
    other revisions (2014: 2.09 → 2.02, 2015: 2.10 → 2.07) two, in the paragraph of later publications. The five
    indicators without a value (4, 6, 7, 8, 9) are said to have none collected, and not to be judged: 5 of 10."""
    from analysis.report.context import load_report
    from analysis.settings import PROJECT_ROOT

    national = PROJECT_ROOT / "data" / "processed" / "national-12th-fyp"
    en = [p.text for p in words.summary_paragraphs(load_report(national, 2015, "en"))]
    zh = [p.text for p in words.summary_paragraphs(load_report(national, 2015, "zh"))]
    [revised] = [text for text in en if "1.75% in the plan as quoted" in text]
    assert "R&D intensity 2010, 1.75% in the plan as quoted, first released as 1.76%, revised to 1.84% (secondary " \
           "source: " in revised
    assert [text for text in en if "1.76%" in text] == [revised]
    [later] = [text for text in en if text.startswith("Later publications")]
    assert later.startswith("Later publications revised 2 earlier values; the report uses the latest: R&D intensity "
                            "2015, earlier 2.10% (secondary source), later 2.07%; R&D intensity 2014, earlier 2.09%")
    assert any("研发投入强度2010年，规划引述值1.75%，初次发布为1.76%，修订为1.84%" in text for text in zh)
    assert "5 have no data collected yet (indicators 4, 6, 7, 8, 9)" in en[0]
    assert "5个尚未收集到数据（指标4、6、7、8、9）" in zh[0]
    # the count of the indicators said once, in the sentence before: not repeated in a bracket
    # (not collected: the values may well be published; "on file yet", never "have no value", read as none exists)
    assert en[1].endswith(" The 5 with insufficient data have no value for their target year on file yet, so they "
                          "are not judged.")
    assert zh[1].endswith("数据不足的5项尚未收录目标年份数据，未作判断。") and "（共10项）" not in zh[1]


def test_a_plan_typed_from_a_press_quote_says_so_in_its_data_note_and_of_each_missing_baseline():
    """The national plan's figures are a press report's quote of it: its data note says so once (Weihai's, whose
    text was checked word for word, does not), and a baseline the quote lacks is the quote's, not the plan's."""
    from analysis.report.context import load_report
    from analysis.settings import PROJECT_ROOT

    national = PROJECT_ROOT / "data" / "processed" / "national-12th-fyp"
    for language, said in (("en", "Plan text: the plan's own text is not available; its baselines and targets are "
                                  "typed as a press report of its release quotes them"),
                           ("zh", "规划文本：未能获得规划原文，基础值和目标值按发布时新闻稿的引文录入")):
        context_ = load_report(national, 2015, language)
        assert [line for line in words.data_note(context_) if line.startswith(said)] != []
        label = {"en": "Baseline not given by the press report quoting the plan", "zh": "所据新闻稿引文未列基础值"}
        assert context_.words["quality_issue.base_from_statistics"] == label[language]
    weihai = load_report(PROJECT_ROOT / "data" / "processed" / "weihai", 2024, "en")
    assert not any(line.startswith("Plan text:") for line in words.data_note(weihai))


def test_the_method_explains_only_the_terms_its_report_uses():
    """The national plan's indicators (innovation rank, S&T contribution, R&D intensity, patents, ...) count no
    "industrial enterprises above designated size", no air "Grade II", no "super-deduction": only its sources name
    NBS, MOST and MOF (the 2015 S&T expenditure bulletin) and its notes a "vintage" (the book's revised 2010 and the
    newspaper's 2014): its terms are those four. Weihai's names count firms above designated size (7, 8, 9, 21), days
    of air of Grade II or better (17) and the R&D super-deduction (21), and none of its sources says NBS or vintage.
    The Chinese reports use the Chinese terms themselves: no terms item, the note ending with item 9."""
    from analysis.report.context import load_report
    from analysis.settings import PROJECT_ROOT

    national = load_report(PROJECT_ROOT / "data" / "processed" / "national-12th-fyp", 2015, "en")
    weihai = load_report(PROJECT_ROOT / "data" / "processed" / "weihai", 2024, "en")
    note = words.method_note(national)
    # its amounts of technology contracts (7) in 100 million yuan, which its sentences write in billions
    assert note.endswith("\n10. **Terms**: *100 million yuan* (亿元) is the unit Chinese statistics give amounts in: "
                         "the tables keep it, the sentences write the same amount in billions (158 in 100 million yuan "
                         "is 15.8 billion yuan). NBS is the National Bureau of Statistics. MOST is the Ministry of "
                         "Science and Technology. MOF is the Ministry of Finance. A *vintage* is one edition of a "
                         "published figure; a later one may revise it.")
    assert "designated size" not in note and "Grade II" not in note and "super-deduction" not in note
    note = words.method_note(weihai)
    terms = note[note.index("10. **Terms**: "):]
    assert terms.startswith("10. **Terms**: *Industrial enterprises above designated size* (规模以上工业企业) are")
    assert "Air quality of *Grade II or better* means" in terms and "The R&D *super-deduction*" in terms
    assert "*100 million yuan* (亿元) is the unit" in terms  # technology contracts (16)
    assert "NBS" not in note and "vintage" not in note
    for path, year in (("national-12th-fyp", 2015), ("weihai", 2024)):
        note = words.method_note(load_report(PROJECT_ROOT / "data" / "processed" / path, year, "zh"))
        assert "10. **" not in note and "术语" not in note and "9. **数值位数**" in note
    # a report that uses none of the terms has no terms item at all
    bare = dataclasses.replace(national, tables=dataclasses.replace(
        national.tables, values=national.values.assign(note="", reference_en=""),
        quality=national.quality.assign(detail_en=""),
        indicators=national.tables.indicators.assign(unit_en=national.tables.indicators["unit_en"].replace(
            "100 million yuan", "yuan"))))
    assert words.terms_item(bare) == "" and "**Terms**" not in words.method_note(bare)


def test_a_plan_typed_from_a_press_quote_calls_its_values_quoted_never_printed():
    """The national plan's own text is not available: its 2010 R&D intensity of 1.75% is the press report's quote of
    it, so the overview says "as quoted" (引述值), never "printed in the plan" (印作), as Weihai's, whose text was
    read, does (test_a_revised_plan_value_is_counted_in_words)."""
    from analysis.report.context import load_report
    from analysis.settings import PROJECT_ROOT

    national = PROJECT_ROOT / "data" / "processed" / "national-12th-fyp"
    expected = {"en": "One value quoted from the plan has since been revised by later data; the assessment uses the "
                      "revised value: R&D intensity 2010, 1.75% in the plan as quoted, first released as 1.76%, "
                      "revised to 1.84% (secondary source: ",
                "zh": "据引述的规划数值中有1个被后来的数据修订，评估以修订后的数值为准：研发投入强度2010年，"
                      "规划引述值1.75%，初次发布为1.76%，修订为1.84%（二手来源："}
    for language, opening in expected.items():
        said = words._revisions(load_report(national, 2015, language))
        assert said.startswith(opening), said
        assert "printed" not in said and "印" not in said


def test_a_plan_typed_from_a_press_quote_says_so_in_its_first_paragraph():
    """Every number of the national plan rests on a press report's quote of it: its introduction says so before any
    number is read, not only the appendix's data note; Weihai's, whose text was checked word for word, does not."""
    from analysis.report.context import load_report
    from analysis.settings import PROJECT_ROOT

    national = PROJECT_ROOT / "data" / "processed" / "national-12th-fyp"
    said = {"en": "as a press report of its release quotes them: the plan's own text is not available.",
            "zh": "；未能获得规划原文，基础值和目标值按发布时新闻稿的引文录入。"}
    for language, words_ in said.items():
        assert words_ in words.intro(load_report(national, 2015, language))
    for language in said:
        weihai = words.intro(load_report(PROJECT_ROOT / "data" / "processed" / "weihai", 2024, language))
        assert "press report" not in weihai and "新闻稿" not in weihai


def test_a_chinese_measure_word_inside_a_name_is_no_unit_it_says():
    """The values' appendix names each series with its unit (14: 科技服务机构（个）); 15's 家 stands inside 国家级 and
    25's 人 inside 人才, parts of other words: their rows need the unit as much as 14's. An English name that says
    its unit as a word of its own takes none."""
    assert not words.says_unit("国家级科技孵化机构", "家")
    assert not words.says_unit("高层次人才数", "人")
    assert words.says_unit("National incubators", "incubators")
    assert words.says_unit("Invention patents per 10,000 people", "per 10,000 people")
    # a qualifier between the unit's words (the national plan's 3): never "… person-years (per 100 person-years)"
    assert words.says_unit("Patent applications per 100 R&D person-years", "per 100 person-years")
    assert not words.says_unit("Patent applications per 100 R&D staff", "per 100 person-years")
