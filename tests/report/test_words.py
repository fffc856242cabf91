"""The report's sentences and scorecard cells, on a hand-made assessment of four indicators.

The assessment rows are typed here, not computed, and every expected sentence and cell is written
out by hand from them, so a change that prints a number wrongly (rounding, sign, unit, 10 % off) or
miscounts a status fails here, whatever the method computes.

Rows (report year 2024, base year 2020):

* 2  R&D intensity, a share, core: 2.36 (2020) → 2.40 (2021), target 2.8 in 2024, linear.
  Needed from 2021: (2.8 − 2.40)/3 = +0.1333 points a year; compound (2.8/2.40)^(1/3) − 1 = +5.27 %.
  Status insufficient.
* 10 High-tech enterprises, a count: 738 → 1049, target 1600, compound.
  Needed: (1600/1049)^(1/3) − 1 = 1.52526^(1/3) − 1 = +15.1 %; (1600 − 1049)/3 = +183.67 a year.
  Status on track.
* 18 Energy-intensity decline, a yearly floor: 5.48 → 3.41, floor 5; read cumulatively
  5.524 % a year from 2022. Status moving away.
* 22 a qualitative indicator, core.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.catalog import catalog
from analysis.clean.schemas import ASSESSMENT_COLUMNS, GROWTH_COLUMNS, INDICATOR_COLUMNS, typed
from analysis.clean.tables import ProcessedTables
from analysis.report import tables, words
from analysis.report.context import ReportContext

NAN = math.nan
PLAN = {
    "name": "test", "city": {"zh": "测试市", "en": "Testville"},
    "title": {"zh": "测试市建设方案（2022—2024年）", "en": "Testville's plan (2022–2024)"},
    "issuer": {"zh": "测试市", "en": "Testville"},
    "subject": {"zh": "国家创新型城市建设指标", "en": "national innovative city indicators"},
    "base_year": 2020, "evaluations": {"2023": "mid_term", "2024": "final"}, "schedule": {},
    "report_years": [2021, 2022, 2023, 2024], "scheme": "eurostat", "table": {"printed_text": "plan.txt"},
    "sources": [{"file": "plan.txt", "title": "测试方案", "title_en": "The test plan", "issuer": "测试市",
                 "sha256": "0123456789abcdef" + "0" * 48}],
}


def indicator(indicator_id, name_zh, short_zh, short_en, unit_zh, unit_en, core, direction, kind):
    return {"indicator_id": indicator_id, "series": "", "category_zh": "类别", "category_en": "Category",
            "name_zh": name_zh, "name_en": short_en + " (full name)", "short_name_zh": short_zh,
            "short_name_en": short_en, "unit_zh": unit_zh, "unit_en": unit_en, "core": core,
            "direction": direction, "kind": kind, "source_line": indicator_id}


INDICATORS = typed(pd.DataFrame([
    indicator(2, "全社会R&D经费支出占地区GDP比重", "R&D经费投入强度", "R&D intensity", "%", "%", True, "higher",
              "share"),
    indicator(10, "高新技术企业（家）", "高新技术企业", "High-tech enterprises", "家", "enterprises", False, "higher",
              "count"),
    indicator(18, "万元GDP能耗下降率", "万元GDP能耗下降率", "Decline in energy use per unit of GDP", "%", "%", False,
              "at_least", "rate_of_change"),
    indicator(22, "创新驱动发展战略决定", "创新战略决定", "Innovation-strategy decision", "", "", True, "none",
              "qualitative"),
]), INDICATOR_COLUMNS)


def assessed(indicator_id, kind, direction, core, method, base, latest, target, gap, required_cagr,
             required_per_year, status):
    numeric = status != "qualitative"
    return {"indicator_id": indicator_id, "series": "", "core": core, "kind": kind, "direction": direction,
            "method": method, "report_year": 2024, "base_year": 2020 if numeric else None, "base_value": base,
            "as_of_year": 2021 if numeric else None, "latest_value": latest, "n_points": 2 if numeric else 0,
            "evidence": "low" if numeric else "", "target_year": 2024 if numeric else None, "target_value": target,
            "gap": gap, "gap_pct": NAN, "completion": NAN, "time_elapsed": NAN, "observed_cagr": NAN,
            "observed_per_year": NAN, "required_cagr": required_cagr, "required_per_year": required_per_year,
            "progress_ratio": NAN, "projected_value": NAN, "anticipated_progress": NAN, "status": status,
            "scheme": "eurostat"}


ASSESSMENT = typed(pd.DataFrame([
    assessed(2, "share", "higher", True, "linear", 2.36, 2.40, 2.8, 0.4, 0.052705, 0.133333, "insufficient"),
    assessed(10, "count", "higher", False, "compound", 738, 1049, 1600, 551, 0.151029, 183.666667, "on_track"),
    assessed(18, "rate_of_change", "at_least", False, "annual_floor", 5.48, 3.41, 5, 1.59, NAN, 5.524, "moving_away"),
    assessed(22, "qualitative", "none", True, "none", NAN, NAN, NAN, NAN, NAN, NAN, "qualitative"),
]), ASSESSMENT_COLUMNS)
VALUES = pd.DataFrame({"indicator_id": [2, 2, 2], "series": ["", "", ""], "year": [2020, 2021, 2024],
                       "value_type": ["baseline", "baseline", "target"], "value": [2.36, 2.40, 2.8],
                       "reference": ["", "", ""]})


def context(language: str) -> ReportContext:
    processed = ProcessedTables(plan=PLAN, indicators=INDICATORS, values=VALUES, quality=pd.DataFrame(),
                                assessment=ASSESSMENT, growth=typed(pd.DataFrame(columns=list(GROWTH_COLUMNS)),
                                                                    GROWTH_COLUMNS))
    return ReportContext(plan=PLAN, report_year=2024, words=catalog(language), tables=processed,
                         assessment=ASSESSMENT, growth=processed.growth)


@pytest.fixture(params=["zh", "en"])
def language(request):
    return request.param


def test_title_and_introduction():
    assert words.title(context("zh")) == "测试市国家创新型城市建设指标总结评估报告（2024年）"
    assert words.title(context("en")) == "Testville national innovative city indicators: Final evaluation 2024"
    assert words.intro(context("zh")) == ("依据《测试市建设方案（2022—2024年）》所列 4 项建设目标指标。"
                                          "本报告为总结评估，对照最终目标评估主要指标完成情况。")


def test_summary_in_chinese():
    assert words.summary_paragraphs(context("zh")) == [
        "方案共列 4 项指标，其中定量指标 3 项、定性指标 1 项。按截至 2021 年的数据，定量指标中已达标 0 项"
        "（其中 0 项有回落风险），进度正常 1 项，需加快 1 项，偏离目标 1 项，数据不足 0 项。",
        "核心考核指标（*）：R&D经费投入强度：进展不足。",
        "需加快或偏离目标的指标：\n\n"
        "- R&amp;D经费投入强度从 2021 年的 2.4% 到 2024 年的 2.8%，每年需增长 +0.133个百分点（+5.3%）\n"
        "- 万元GDP能耗下降率须每年不低于 5%（2021 年为 3.41%；若按累计口径计算，此后每年需下降 5.52%）",
        "注意：3 个序列只有两个数据点（2020、2021 年基础值），判断依据有限，待补充实际值后更新。",
    ]


def test_summary_in_english():
    assert words.summary_paragraphs(context("en")) == [
        "The plan lists 4 indicators: 3 numeric and 1 qualitative. With data up to 2021, 0 numeric indicators "
        "are achieved (0 of them at risk), 1 are on track, 1 need acceleration, 1 are moving away from their "
        "targets and 0 lack data.",
        "Core indicators (*): R&D intensity: insufficient progress.",
        "Indicators that lag or move away:\n\n"
        "- R&amp;D intensity must grow +0.133 pp (+5.3%) a year, from 2.4 % in 2021 to 2.8 % in 2024\n"
        "- Decline in energy use per unit of GDP must reach at least 5 % a year (3.41 % in 2021; read "
        "cumulatively, 5.52 % a year from now on)",
        "Caution: 3 series have only two data points (the 2020 and 2021 baselines); the evidence is thin until "
        "actual values for later years are added.",
    ]


def test_pace_of_each_method():
    zh, en = catalog("zh"), catalog("en")
    rows = {row.indicator_id: row for row in context("zh").joined().itertuples()}
    assert words.pace_text(rows[2], zh) == "+0.133个百分点（+5.3%）"
    assert words.pace_text(rows[2], en) == "+0.133 pp (+5.3%)"
    assert words.pace_text(rows[10], zh) == "+15.1%（+183.67）"
    assert words.pace_text(rows[18], zh) == "每年≥5%"
    assert words.pace_text(rows[18], en) == "≥5 % every year"


def test_scorecard_cells():
    html = tables.scorecard_html(context("zh"))
    rows = [row for row in html.split("<tr>") if row.startswith("<td>")]
    cells = [[cell.split("</td>")[0] for cell in row.split("<td>")[1:]] for row in rows]
    assert cells[0][:8] == ["2", "R&amp;D经费投入强度 *", "%", "2.36", "2.4 <small>(2021)</small>",
                            "2.8 <small>(2024)</small>", "0.4", "+0.133个百分点（+5.3%）"]
    assert cells[1][:8] == ["10", "高新技术企业", "家", "738", "1,049 <small>(2021)</small>",
                            "1,600 <small>(2024)</small>", "551", "+15.1%（+183.67）"]
    assert cells[2][:8] == ["18", "万元GDP能耗下降率", "%", "5.48", "3.41 <small>(2021)</small>",
                            "5 <small>(2024)</small>", "1.59", "每年≥5%"]
    assert "进展不足" in cells[0][8] and "进度正常" in cells[1][8] and "偏离目标" in cells[2][8]
    assert cells[3][:2] == ["22", "创新战略决定 *"] and "定性评价" in cells[3][8]
    english = tables.scorecard_html(context("en"))
    assert "<th>2020 baseline</th>" in english and "+0.133 pp (+5.3%)" in english


def test_method_note_states_the_scheme_and_the_plan_years(language):
    note = words.method_note(context(language))
    if language == "zh":
        assert "以 2020 年基础值为起点" in note
        assert "2023 年评估对照 2023 年目标，2024 年评估对照 2024 年目标" in note
        assert "R ≥ 0.95 进度正常；0.6 ≤ R < 0.95 需加快；0.0 ≤ R < 0.6 进展不足；R < 0.0 偏离目标" in note
    else:
        assert "starts from its 2020 baseline" in note
        assert "the\n2023 review is held against the 2023 targets, the 2024 review against the 2024 targets" in note
        assert "R ≥ 0.95 on track; 0.6 ≤ R < 0.95 moderate, accelerate" in note


def test_data_note():
    assert words.data_note(context("zh")).splitlines() == [
        "- 数据截至：2021 年（报告年份 2024）。",
        "- 来源：测试方案，测试市；文本 sha256 `0123456789abcdef…` 已核验。",
        "- 方案之后公布的实际值：0 个（暂无）。",
        "- 证据有限（仅两个数据点）的序列：3 个。",
    ]
    assert words.data_note(context("en")).splitlines()[1] == (
        "- Source: The test plan, 测试市; text sha256 `0123456789abcdef…` verified.")


def test_counts_line_lists_every_status_worst_first():
    assert words.counts_line(ASSESSMENT) == ("moving_away=1, insufficient=1, moderate=0, achieved_at_risk=0, "
                                             "on_track=1, achieved=0, insufficient_data=0, qualitative=1")
