"""Words and tables of the annual report, in Chinese or English, generated from the data.

Nothing here holds a number of its own: every figure in a sentence or a table comes from the
assessment. Text from data files is HTML-escaped before it reaches the report.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd

from .progress import STATUS_COLOURS, STATUS_ORDER, headline_status, status_label
from .schemes import SCHEMES

PLAN_TITLE = {"zh": "威海市建设国家创新型城市实施方案（2022—2024年）",
              "en": "Weihai's implementation plan for building a national innovative city (2022–2024)"}
LAGGING = ("moderate", "insufficient", "moving_away")
GOOD = ("achieved", "achieved_at_risk", "on_track")


def report_kind(report_year: int) -> str:
    """2024 is the final evaluation (总结评估), 2023 the mid-term one (中期评估)."""
    return {2024: "final", 2023: "mid_term"}.get(report_year, "annual")


def report_title(report_year: int, language: str) -> str:
    kind = report_kind(report_year)
    if language == "zh":
        name = {"final": "总结评估报告", "mid_term": "中期评估报告", "annual": "年度监测报告"}[kind]
        return f"威海市国家创新型城市建设指标{name}（{report_year}年）"
    name = {"final": "Final evaluation", "mid_term": "Mid-term evaluation", "annual": "Annual monitoring report"}[kind]
    return f"Weihai national innovative city indicators: {name} {report_year}"


def _name(indicators: pd.DataFrame, language: str, column: str = "short_name") -> pd.Series:
    return indicators[f"{column}_{'zh' if language == 'zh' else 'en'}"]


def fmt_number(value: float, digits: int = 3) -> str:
    """Numbers as a reader writes them: at most ``digits`` significant decimals, thousands separated."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "–"
    value = float(value)
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    # As printed: up to two decimals (three below 1), trailing zeros dropped (109.61, 2.4, 0.067).
    text = f"{value:.{3 if abs(value) < 1 else 2}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_signed(value: float, unit: str = "") -> str:
    if pd.isna(value):
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{fmt_number(abs(value))}{unit}"


def fmt_pct(fraction: float, digits: int = 1) -> str:
    if pd.isna(fraction):
        return "–"
    return f"{fraction * 100:+.{digits}f}%".replace("-", "−")


def unit_of(row, language: str) -> str:
    return row.unit_zh if language == "zh" else row.unit_en


def required_pace_text(row, language: str) -> str:
    """Growth needed per year from the latest value to the binding target, in the series' method."""
    if row.status in ("achieved",):
        return "—"
    if row.method == "annual_floor":
        return (f"每年≥{fmt_number(row.target_value)}%" if language == "zh"
                else f"≥{fmt_number(row.target_value)} % every year")
    if pd.isna(row.required_per_year):
        return "–"
    unit = "个百分点" if (row.unit_zh == "%" and language == "zh") else (" pp" if row.unit_zh == "%" else "")
    linear = fmt_signed(row.required_per_year) + unit
    if row.method == "compound" and not pd.isna(row.required_cagr):
        return f"{fmt_pct(row.required_cagr)}（{linear}）" if language == "zh" else f"{fmt_pct(row.required_cagr)} ({linear})"
    if not pd.isna(row.required_cagr):
        return f"{linear}（{fmt_pct(row.required_cagr)}）" if language == "zh" else f"{linear} ({fmt_pct(row.required_cagr)})"
    return linear


def joined(indicators: pd.DataFrame, assessment: pd.DataFrame) -> pd.DataFrame:
    return assessment.merge(indicators.drop(columns=["kind", "direction", "core"]), on=["indicator_id", "series"])


def status_badge(status: str, language: str) -> str:
    colour = STATUS_COLOURS[status]
    return (f'<span class="status status-{status}" style="background:{colour};color:#fff;'
            f'padding:1px 6px;border-radius:3px;display:inline-block;line-height:1.3">{html.escape(status_label(status, language))}</span>')


SCORECARD_HEADERS = {
    "zh": ["序号", "指标", "单位", "2020年基础值", "最新值", "目标值", "差距", "每年需增长", "状态"],
    "en": ["No.", "Indicator", "Unit", "2020 baseline", "Latest", "Target", "Gap", "Needed per year", "Status"],
}


def scorecard_html(indicators: pd.DataFrame, assessment: pd.DataFrame, language: str) -> str:
    """The scorecard: every indicator grouped by category, status in colour."""
    table = joined(indicators, assessment)
    headers = SCORECARD_HEADERS[language]
    out = ['<table class="scorecard">', "<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>",
           "<tbody>"]
    category_column = "category_zh" if language == "zh" else "category_en"
    for category, group in table.groupby(category_column, sort=False):
        out.append(f'<tr class="category"><td colspan="{len(headers)}">{html.escape(category)}</td></tr>')
        for row in group.itertuples():
            name = row.short_name_zh if language == "zh" else row.short_name_en
            core = " *" if row.core else ""
            unit = html.escape(unit_of(row, language))
            if row.status == "qualitative":
                cells = [str(row.indicator_id), html.escape(name) + core, "", "", "", "", "", "",
                         status_badge(row.status, language)]
            else:
                latest = f"{fmt_number(row.latest_value)} <small>({row.as_of_year})</small>"
                target = f"{fmt_number(row.target_value)} <small>({row.target_year})</small>"
                gap = "—" if row.gap <= 0 else fmt_number(row.gap)
                cells = [str(row.indicator_id), html.escape(name) + core, unit, fmt_number(row.base_value), latest,
                         target, gap, html.escape(required_pace_text(row, language)), status_badge(row.status, language)]
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def counts_by_status(assessment: pd.DataFrame) -> dict[str, int]:
    headline = headline_status(assessment)
    return {s: int((headline["status"] == s).sum()) for s in STATUS_ORDER}


def summary_paragraphs(indicators: pd.DataFrame, assessment: pd.DataFrame, language: str) -> list[str]:
    """The summary: counts of numeric indicators by status, core indicators first, lagging ones' needs."""
    counts = counts_by_status(assessment)
    numeric = sum(v for k, v in counts.items() if k not in ("qualitative",))
    table = joined(indicators, assessment)
    as_of = int(table["as_of_year"].dropna().max())
    achieved = counts["achieved"] + counts["achieved_at_risk"]
    lagging = counts["moderate"] + counts["insufficient"]
    paragraphs = []
    if language == "zh":
        paragraphs.append(
            f"方案共列 26 项指标，其中定量指标 {numeric} 项、定性指标 {counts['qualitative']} 项。按截至 {as_of} 年的数据，"
            f"定量指标中已达标 {achieved} 项（其中 {counts['achieved_at_risk']} 项有回落风险），进度正常 {counts['on_track']} 项，"
            f"需加快 {lagging} 项，偏离目标 {counts['moving_away']} 项，数据不足 {counts['insufficient_data']} 项。")
    else:
        paragraphs.append(
            f"The plan lists 26 indicators: {numeric} numeric and {counts['qualitative']} qualitative. With data up to "
            f"{as_of}, {achieved} numeric indicators are achieved ({counts['achieved_at_risk']} of them at risk), "
            f"{counts['on_track']} are on track, {lagging} need acceleration, {counts['moving_away']} are moving away "
            f"from their targets and {counts['insufficient_data']} lack data.")
    core = table[table["core"] & (table["status"] != "qualitative")]
    core_text = []
    for row in core.itertuples():
        name = row.short_name_zh if language == "zh" else row.short_name_en
        core_text.append(f"{name}：{status_label(row.status, language)}" if language == "zh"
                         else f"{name}: {status_label(row.status, language).lower()}")
    if core_text:
        paragraphs.append(("核心考核指标（*）：" + "；".join(core_text) + "。") if language == "zh"
                          else "Core indicators (*): " + "; ".join(core_text) + ".")
    needs = []
    lagging_rows = table[table["status"].isin(LAGGING)].sort_values(["core", "indicator_id"], ascending=[False, True],
                                                                     kind="stable")
    for row in lagging_rows.itertuples():
        name = row.short_name_zh if language == "zh" else row.short_name_en
        unit = unit_of(row, language)
        if row.method == "annual_floor":
            catch_up = ""
            if not pd.isna(row.required_per_year) and abs(row.required_per_year - row.target_value) > 0.005:
                catch_up = (f"；若按累计口径计算，此后每年需下降 {fmt_number(row.required_per_year)}%" if language == "zh"
                            else f"; read cumulatively, {fmt_number(row.required_per_year)} % a year from now on")
            needs.append(f"{name}须每年不低于 {fmt_number(row.target_value)}%（{row.as_of_year} 年为 "
                         f"{fmt_number(row.latest_value)}%{catch_up}）" if language == "zh" else
                         f"{name} must reach at least {fmt_number(row.target_value)} % a year "
                         f"({fmt_number(row.latest_value)} % in {row.as_of_year}{catch_up})")
            continue
        pace = required_pace_text(row, language)
        if language == "zh":
            needs.append(f"{name}从 {row.as_of_year} 年的 {fmt_number(row.latest_value)}{unit} 到 {row.target_year} 年的 "
                         f"{fmt_number(row.target_value)}{unit}，每年需增长 {pace}")
        else:
            needs.append(f"{name} must grow {pace} a year, from {fmt_number(row.latest_value)} {unit} in {row.as_of_year} "
                         f"to {fmt_number(row.target_value)} {unit} in {row.target_year}")
    if needs:
        intro = "需加快或偏离目标的指标：" if language == "zh" else "Indicators that lag or move away:"
        paragraphs.append(intro + "\n\n" + "\n".join(f"- {html.escape(need)}" for need in needs))
    low = int((assessment["evidence"] == "low").sum())
    if low:
        paragraphs.append(f"注意：{low} 个序列只有两个数据点（2020、2021 年基础值），判断依据有限，待补充实际值后更新。"
                          if language == "zh" else
                          f"Caution: {low} series have only two data points (the 2020 and 2021 baselines); "
                          "the evidence is thin until actual values for later years are added.")
    return paragraphs


def qualitative_table(indicators: pd.DataFrame, language: str) -> pd.DataFrame:
    rows = indicators[indicators["kind"] == "qualitative"]
    if language == "zh":
        return pd.DataFrame({"序号": rows["indicator_id"], "指标": rows["name_zh"],
                             "核心": np.where(rows["core"], "*", "")})
    return pd.DataFrame({"No.": rows["indicator_id"], "Indicator": rows["name_en"], "Core": np.where(rows["core"], "*", "")})


def method_note(scheme: str, language: str) -> str:
    on, moderate, insufficient = SCHEMES[scheme]
    if language == "zh":
        return f"""**方法说明。** 每个指标序列以 2020 年基础值为起点，以报告年份及以前的最新值为现状。
约束目标为报告年份及以后的第一个目标年（德国联邦统计局 Destatis 做法）：2023 年评估对照 2023 年目标，2024 年评估对照 2024 年目标。

1. **先看水平**：最新值已达到约束目标即为“已达标”；若按现有线性趋势将在目标年前跌破目标，则为“已达标但有回落风险”（联合国统计司 UNSD、Destatis）。
2. **进度比** R = 观察增速 ÷ |所需增速|，两者均自基础值起算（Eurostat 欧盟可持续发展监测报告；分母取绝对值以避免目标在基础值“另一侧”时符号翻转，参照 Open SDG）。
   比重类（%）指标用线性增速（百分点/年），数量、金额和强度类用复合增速（CAGR）；万元GDP能耗下降率本身是变化率，按“每年不低于目标”的底线判断，不计算复合增速。
3. **分档**（{scheme}）：R ≥ {on} 进度正常；{moderate} ≤ R < {on} 需加快；{insufficient} ≤ R < {moderate} 进展不足；R < {insufficient} 偏离目标。
4. 一个指标含国家级、省级两个序列时，取较差者为该指标结论（Destatis）。定性指标单列，不计入定量统计。
5. 同时报告：完成进度（(最新值−基础值)/(目标值−基础值)）与序时进度（已用时间/总时间）之比较；按观察增速推算的目标年数值（联合国亚太经社会 ESCAP 预期进展）；只有两个数据点的序列标为“证据有限”。"""
    return f"""**Method.** Each indicator series starts from its 2020 baseline; its current state is the latest value at or
before the report year. The binding target is the first target year at or after the report year (Destatis): the
2023 review is held against the 2023 targets, the 2024 review against the 2024 targets.

1. **Level first**: a series whose latest value meets the binding target is *achieved*; *achieved, at risk* if its
   linear trend would cross the target before the target year (UNSD, Destatis).
2. **Progress ratio** R = observed growth ÷ |required growth|, both from the baseline (Eurostat, EU SDG monitoring
   report; the absolute value guards against a target on the "wrong" side of the baseline, as in Open SDG).
   Shares in % use linear rates (percentage points a year); counts, amounts and intensities compound rates (CAGR);
   the decline rate of energy use per unit of GDP is itself a rate of change and is judged as a floor to be met
   every year, never compounded.
3. **Categories** ({scheme}): R ≥ {on} on track; {moderate} ≤ R < {on} moderate, accelerate; {insufficient} ≤ R < {moderate}
   insufficient; R < {insufficient} moving away.
4. An indicator with a national and a provincial series takes the worse status (Destatis). Qualitative indicators
   are listed apart and not counted with the numeric ones.
5. Also reported: completion ((latest − baseline)/(target − baseline)) against time elapsed; the value projected
   for the target year at the observed pace (UN ESCAP anticipated progress); series with only two data points are
   flagged as low evidence."""


QUALITY_LABELS = {
    "correction": ("更正", "Correction"), "split_combined_cell": ("拆分合并单元格", "Split cell"),
    "split_two_rows": ("分行序列", "Two printed rows"), "qualitative": ("定性指标", "Qualitative"),
    "baseline_meets_target": ("基础值已达标", "Baseline meets target"),
    "prose_disagrees": ("正文与表格不一致", "Prose disagrees with table"),
    "prose_agrees": ("正文与表格一致", "Prose agrees with table"),
    "observation_revises_baseline": ("实际值修订基础值", "Actual revises baseline"),
    "duplicate_observation": ("重复观测", "Duplicate observation"),
}


def quality_table(quality: pd.DataFrame, language: str, include_agreements: bool = False) -> pd.DataFrame:
    rows = quality if include_agreements else quality[quality["issue"] != "prose_agrees"]
    label = rows["issue"].map(lambda issue: QUALITY_LABELS[issue][0 if language == "zh" else 1])
    detail = rows["detail_zh"] if language == "zh" else rows["detail_en"]
    plan = rows["source"].str.startswith("weihai-innovative-city-plan")
    plan_line = ("方案原文第" + rows["source_line"].astype(str) + "行") if language == "zh" else (
        "plan text, line " + rows["source_line"].astype(str))
    where = plan_line.where(plan, rows["source"] + ":" + rows["source_line"].astype(str))
    if language == "zh":
        return pd.DataFrame({"类型": label, "指标": rows["indicator_id"], "年份": rows["year"].astype("string").fillna(""),
                             "说明": detail, "出处": where})
    return pd.DataFrame({"Finding": label, "Indicator": rows["indicator_id"],
                         "Year": rows["year"].astype("string").fillna(""), "Detail": detail, "Where": where})


SECTIONS = {
    "zh": {"summary": "一、总体情况", "scorecard": "二、指标评估表", "charts": "三、图示",
           "qualitative": "四、定性指标", "method": "五、方法说明", "quality": "附录：数据质量与来源",
           "qualitative_note": "以下指标为定性评价，无基础值和目标值，需由评估组依据材料判断，不计入上述定量统计。"},
    "en": {"summary": "1. Overview", "scorecard": "2. Scorecard", "charts": "3. Charts",
           "qualitative": "4. Qualitative indicators", "method": "5. Method", "quality": "Appendix: data quality and sources",
           "qualitative_note": "These indicators are assessed qualitatively (定性评价): the plan gives no baseline or "
                               "target numbers. They need an evaluator's judgement and are not counted above."},
}


def report_intro(report_year: int, language: str, data) -> str:
    kind = report_kind(report_year)
    if language == "zh":
        purpose = {"final": "按方案“五、进度安排”，2024年10—12月对主要指标完成情况进行总结评估。",
                   "mid_term": "按方案“五、进度安排”，2023年底对照阶段目标逐项检查，进行中期评估。",
                   "annual": "本报告为年度监测，对照下一个目标年检查各项指标进展。"}[kind]
        return f"依据《{PLAN_TITLE['zh']}》所列 26 项建设目标指标。{purpose}"
    purpose = {"final": "As the plan's schedule (section 5) sets out, the main indicators are evaluated at the end "
                        "of the plan, October–December 2024.",
               "mid_term": "As the plan's schedule (section 5) sets out, the indicators are checked against the "
                           "stage targets at the end of 2023 (mid-term evaluation).",
               "annual": "This annual monitoring report checks each indicator against the next target year."}[kind]
    return f"Based on the 26 indicators of {PLAN_TITLE['en']}. {purpose}"


def counts_line(assessment: pd.DataFrame, language: str = "en") -> str:
    """A one-line summary of headline statuses (checked by nbval)."""
    counts = counts_by_status(assessment)
    return ", ".join(f"{status}={count}" for status, count in counts.items())


def quality_line(quality: pd.DataFrame) -> str:
    counts = quality["issue"].value_counts()
    return ", ".join(f"{issue}={int(counts[issue])}" for issue in QUALITY_LABELS if issue in counts)


def data_note(report_year: int, language: str, data, assessment: pd.DataFrame) -> str:
    """As-of date, provenance, actual values used, and low-evidence series."""
    numeric = assessment[assessment["status"] != "qualitative"]
    as_of = int(numeric["as_of_year"].dropna().max())
    actual = data.values[data.values["value_type"] == "actual"]
    low = numeric[numeric["evidence"] == "low"]
    sources = sorted(set(actual["reference"]))
    provenance = data.provenance[0]
    if language == "zh":
        lines = [f"- 数据截至：{as_of} 年（报告年份 {report_year}）。",
                 f"- 来源：{html.escape(provenance['title'])}，{html.escape(provenance['issuer'])}；"
                 f"文本 sha256 `{provenance['sha256'][:16]}…` 已核验。",
                 f"- 方案之后公布的实际值：{len(actual)} 个" + (f"（{html.escape('；'.join(sources))}）" if sources else "（暂无）") + "。",
                 f"- 证据有限（仅两个数据点）的序列：{len(low)} 个。"]
    else:
        lines = [f"- Data as of: {as_of} (report year {report_year}).",
                 f"- Source: {html.escape(provenance['title_en'] if 'title_en' in provenance else provenance['title'])}, "
                 f"{html.escape(provenance['issuer'])}; text sha256 `{provenance['sha256'][:16]}…` verified.",
                 f"- Actual values published after the plan: {len(actual)}" + (f" ({html.escape('; '.join(sources))})" if sources else " (none yet)") + ".",
                 f"- Series with low evidence (two data points only): {len(low)}."]
    return "\n".join(lines)


def actuals_table(values: pd.DataFrame, indicators: pd.DataFrame, language: str) -> pd.DataFrame:
    """The actual values published after the plan that the report uses, with their sources and notes."""
    actual = values[values["value_type"] == "actual"].merge(
        indicators[["indicator_id", "series", "short_name_zh", "short_name_en"]], on=["indicator_id", "series"])
    name = actual["short_name_zh"] if language == "zh" else actual["short_name_en"]
    if language == "zh":
        return pd.DataFrame({"指标": actual["indicator_id"].astype(str) + ". " + name, "年份": actual["year"],
                             "数值": actual["value"].map(fmt_number), "来源": actual["reference"],
                             "备注": actual["note"], "文件": actual["source"] + ":" + actual["source_line"].astype(str)})
    return pd.DataFrame({"Indicator": actual["indicator_id"].astype(str) + ". " + name, "Year": actual["year"],
                         "Value": actual["value"].map(fmt_number), "Source": actual["reference"], "Note": actual["note"],
                         "File": actual["source"] + ":" + actual["source_line"].astype(str)})
