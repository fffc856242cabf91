"""Notebook 04's questions of one series, with the answers worked out by hand."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analysis.assess.what_if import growth_needed, sensitivity, year_reached


def test_the_year_a_target_is_reached_at_a_chosen_rate():
    # 2.40 × 1.05^n ≥ 2.8 ⇔ n ≥ ln(2.8/2.4)/ln(1.05) = 0.15415/0.04879 = 3.16: four years
    assert year_reached(2021, 2.40, 2.8, 0.05, "compound") == 2025
    # 2.40 + 0.1 n ≥ 2.8 ⇔ n ≥ 4 exactly (0.4/0.1 is 3.9999999999999996 in floating point)
    assert year_reached(2021, 2.40, 2.8, 0.1, "linear") == 2025
    # a value already at the target has reached it
    assert year_reached(2021, 2.90, 2.8, 0.05, "compound") == 2021
    # lower is better: 0.92 × 0.95^n ≤ 0.78 ⇔ n ≥ ln(0.78/0.92)/ln(0.95) = −0.16508/−0.05129 = 3.22
    assert year_reached(2020, 0.92, 0.78, -0.05, "compound", direction="lower") == 2024
    # 100 − 3 n ≤ 80 ⇔ n ≥ 6.67
    assert year_reached(2020, 100, 80, -3, "linear", direction="lower") == 2027


def test_a_rate_that_never_gets_there_reaches_no_year():
    assert year_reached(2021, 2.40, 2.8, 0.0, "compound") is None
    assert year_reached(2021, 2.40, 2.8, -0.1, "linear") is None
    assert year_reached(2020, 0.92, 0.78, 0.02, "compound", direction="lower") is None
    # 1 × 1.01^n ≥ 100 needs 463 years: beyond the horizon
    assert year_reached(2020, 1.0, 100.0, 0.01, "compound") is None
    assert year_reached(2020, 1.0, 100.0, 0.01, "compound", horizon=500) == 2020 + 463


def test_growth_needed_from_any_year():
    # from 2.5 in 2022 to 2.8 in 2024: √(2.8/2.5) − 1 = √1.12 − 1 = 0.058301 a year, or 0.15 points a year
    needed = growth_needed(2022, 2.5, 2024, 2.8)
    assert needed["compound"] == pytest.approx(0.058301, abs=1e-6)
    assert needed["linear"] == pytest.approx(0.15)
    # no years left: no rate
    assert all(math.isnan(rate) for rate in growth_needed(2024, 2.5, 2024, 2.8).values())


def test_the_verdict_by_every_scheme_and_both_rates():
    # a share: 2.00 in 2020, 2.10 in 2021, 2.22 in 2022; target 2.80 in 2024; report year 2022
    indicators = pd.DataFrame({"indicator_id": [7], "series": [""], "kind": ["share"], "direction": ["higher"]})
    values = pd.DataFrame({
        "indicator_id": [7, 7, 7, 7], "series": ["", "", "", ""], "year": [2020, 2021, 2022, 2024],
        "value_type": ["baseline", "baseline", "actual", "target"], "value": [2.00, 2.10, 2.22, 2.80]})
    table = sensitivity(indicators, values, 2022, 2020, 7)
    rows = {(row.rates, row.scheme): (row.progress_ratio, row.status) for row in table.itertuples()}
    assert set(rows) == {("linear", "eurostat"), ("linear", "unsd"), ("compound", "eurostat"), ("compound", "unsd")}
    # linear: seen 0.22/2 = 0.11 a year, needed 0.80/4 = 0.20 a year: ratio 0.55, which is
    # insufficient by Eurostat's cut-offs (moderate from 0.60) and moderate by UNSD's (from 0.50)
    assert rows[("linear", "eurostat")] == (pytest.approx(0.55), "insufficient")
    assert rows[("linear", "unsd")] == (pytest.approx(0.55), "moderate")
    # compound: seen √1.11 − 1 = 0.053565, needed 1.4^¼ − 1 = 0.087757: ratio 0.61038, moderate in both
    assert rows[("compound", "eurostat")] == (pytest.approx(0.61038, abs=1e-5), "moderate")
    assert rows[("compound", "unsd")] == (pytest.approx(0.61038, abs=1e-5), "moderate")
    assert set(table["verdict"]) == {"progress"}


# --- notebook 04's answers in words, one kind of series after another ----------------------------------------
#
# Each series below is assessed by the method (analysis.assess.assessment.assess) from values typed here, and its
# answers (analysis.report.exploration) are compared with sentences worked out by hand from those values.

NAN = math.nan


def values_of(indicator_id, rows):
    """(year, value_type, value[, upper]) rows of one series as the tidy values table."""
    return [{"indicator_id": indicator_id, "series": "", "year": year, "value_type": kind, "value": value,
             "upper": rest[0] if rest else NAN, "reference": "", "processing": "", "note": ""}
            for year, kind, value, *rest in rows]


def explored(language, report_year, *series, base_year=2020):
    """The report context of ``report_year`` for ``series`` ((indicator row, value rows) pairs)."""
    from analysis.assess.assessment import assess
    from analysis.catalog import catalog
    from analysis.clean.processed import ProcessedTables
    from analysis.clean.schemas import typed
    from analysis.report.context import ReportContext
    from analysis.vocabulary import GROWTH_COLUMNS, INDICATOR_COLUMNS
    from tests.report.test_words import PLAN

    indicators = typed(pd.DataFrame([meta for meta, _ in series]), INDICATOR_COLUMNS)
    values = pd.DataFrame([row for _, rows in series for row in rows])
    assessment = assess(indicators, values, report_year, base_year)
    growth = typed(pd.DataFrame(columns=list(GROWTH_COLUMNS)), GROWTH_COLUMNS)
    plan = {**PLAN, "base_year": base_year}
    tables = ProcessedTables(plan=plan, indicators=indicators, values=values,
                             quality=pd.DataFrame(columns=["issue", "indicator_id", "series", "year"]),
                             assessment=assessment, growth=growth)
    return ReportContext(plan=plan, report_year=report_year, words=catalog(language), tables=tables,
                         assessment=assessment, growth=growth)


def meta(indicator_id, short_zh, short_en, unit_zh, unit_en, direction, kind):
    from tests.report.test_words import indicator
    return indicator(indicator_id, short_zh, short_en, unit_zh, unit_en, direction, kind)


ENTERPRISES = (meta(10, "高新技术企业", "High-tech enterprises", "家", "enterprises", "higher", "count"),
               values_of(10, [(2020, "baseline", 738), (2021, "baseline", 1049), (2022, "actual", 1200),
                              (2023, "target", 1500), (2024, "target", 1600)]))
INTENSITY = (meta(2, "R&D经费投入强度", "R&D intensity", "%", "%", "higher", "share"),
             values_of(2, [(2020, "baseline", 2.36), (2021, "baseline", 2.40), (2022, "actual", 2.5),
                           (2023, "actual", 2.61), (2024, "actual", 2.7), (2023, "target", 2.7),
                           (2024, "target", 2.8)]))
CARBON = (meta(30, "碳排放强度", "Carbon intensity", "吨/万元", "t per 10k yuan", "lower", "intensity"),
          values_of(30, [(2020, "baseline", 0.92), (2021, "baseline", 0.90), (2022, "actual", 0.86),
                         (2023, "target", 0.80), (2024, "target", 0.78)]))
ENERGY = (meta(18, "万元GDP能耗下降率", "Decline in energy use per unit of GDP", "%", "%", "at_least",
               "rate_of_change"),
          values_of(18, [(2020, "baseline", 5.48), (2021, "baseline", 3.41), (2022, "actual", 5.2),
                         (2023, "actual", 4.6), (2024, "actual", 5.3), (2023, "target", 5), (2024, "target", 5)]))
DEBT = (meta(40, "债务率", "Debt ratio", "%", "%", "within", "share"),
        values_of(40, [(2020, "baseline", 1.2), (2021, "baseline", 1.4), (2022, "actual", 1.6),
                       (2023, "target", 2, 3), (2024, "target", 2, 3)]))
LEVERAGE = (meta(41, "杠杆率", "Leverage", "%", "%", "within", "share"),
            values_of(41, [(2020, "baseline", 4.0), (2021, "baseline", 3.8), (2023, "target", 2, 3),
                           (2024, "target", 2, 3)]))
DECISION = (meta(22, "创新战略决定", "Innovation-strategy decision", "", "", "none", "qualitative"), [])
RANK = (meta(1, "综合创新能力排名", "Innovation capability rank", "位", "place", "lower", "rank"),
        values_of(1, [(2010, "baseline", 21), (2013, "actual", 19), (2015, "target", 18)]))


def answers(context, indicator_id, growth_rate=0.05, from_year=None):
    from analysis.report import exploration
    row = context.series_row(indicator_id)
    note, table = exploration.method_comparison(context, row)
    return (note, table.to_dict("list"), exploration.what_if(context, row, growth_rate, from_year),
            exploration.plan_numbers(context, row, growth_rate))


def test_a_count_by_every_method_what_if_and_its_printed_numbers():
    # 2022: 1200 from 738 in 2020 against 1500 in 2023. Compound: seen √(1200/738) − 1 = 0.27515, needed
    # (1500/738)^⅓ − 1 = 0.26671: R = 1.03, on track; linear: seen (1200 − 738)/2 = 231, needed (1500 − 738)/3 = 254:
    # R = 0.909, moderate by both cut-offs. The report uses compound rates and Eurostat's cut-offs.
    note, table, what, printed = answers(explored("en", 2022, ENTERPRISES), 10)
    assert note == ""
    assert table == {
        "Rates": ["linear (change a year)", "linear (change a year)", "compound (% a year)", "compound (% a year)"],
        "Cut-offs": ["Eurostat", "UNSD", "Eurostat", "UNSD"], "Progress ratio R": ["0.91", "0.91", "1.03", "1.03"],
        "Status": ["Moderate progress (needs to accelerate)", "Moderate progress (needs to accelerate)", "On track",
                   "On track"],
        "Used in the report": ["", "", "✓", ""]}
    # 1200 × 1.05^n ≥ 1500 ⇔ n ≥ ln 1.25 / ln 1.05 = 4.57: 2027. From 738 in 2020: (1500/738)^⅓ − 1 = +26.7 %,
    # (1500 − 738)/3 = +254 a year; (1600/738)^¼ − 1 = +21.3 %, (1600 − 738)/4 = 215.5, about +216.
    assert what == [
        "From 1,200 in 2022, at +5.0% a year, the 2023 target 1,500 is met in 2027.",
        "From 738 in 2020: to 1,500 in 2023, +26.7% (+254) a year; to 1,600 in "
        "2024, +21.3% (about +216) a year."]
    # from the 2021 baseline 1049: √(1500/1049) − 1 = +19.6 %, 225.5 ≈ 226 a year; (1600/1049)^⅓ − 1 = +15.1 %,
    # 183.7 ≈ 184 a year; 1049 × 1.05^n ≥ 1600 ⇔ n ≥ 8.65: 2030
    assert printed == [
        "High-tech enterprises, as the plan prints it: baselines 738 (2020), 1,049 (2021); "
        "targets 1,500 (2023), 1,600 (2024).",
        "From 1,049 in 2021: to 1,500 in 2023, +19.6% (about +226) a year; to 1,600 "
        "in 2024, +15.1% (about +184) a year.",
        "From 1,049 in 2021, at +5.0% a year, the 2024 target 1,600 is met in 2030."]
    # the other series' numbers are not this one's: a what-if from a year the series has no value for says so
    assert answers(explored("en", 2022, ENTERPRISES), 10, from_year=2019)[2][1] == (
        "No value for 2019; the series has values for 2020, 2021, 2022.")


def test_a_share_with_a_final_verdict_says_so_once_in_both_languages():
    # 2.7 in 2024 against 2.8: not achieved, 2.7/2.8 = 96.4 %; the notebook's checked cell, from the printed
    # values only: (2.7 − 2.4)/2 = +0.15 points, √(2.7/2.4) − 1 = +6.1 %; (2.8 − 2.4)/3 = +0.133, (2.8/2.4)^⅓ − 1 =
    # +5.3 %; 2.4 + 0.05 n ≥ 2.8 ⇔ n ≥ 8: 2029
    note, table, what, printed = answers(explored("zh", 2024, INTENSITY), 2)
    assert note == ("最终判定：未达标，2024年为2.7%，目标2.8%（完成率96.4%）。"
                    "目标年数据到位后，分档标准和增速算法都不改变这一结论。")
    assert table == {}
    assert printed == [
        "R&D经费投入强度，方案所列：基础值2.36%（2020年）、2.4%（2021年）；目标值2.7%（2023年）、2.8%（2024年）。",
        "从2021年的2.4%起：至2023年2.7%，每年+0.15个百分点；"
        "至2024年2.8%，每年+0.13个百分点。",
        "从2021年的2.4%起，按每年+0.05个百分点，2024年目标2.8%于2029年达到。"]
    # from 2.7 in 2024: 2.7 + 0.05 n ≥ 2.8 ⇔ n ≥ 2 (0.1/0.05): 2026
    assert what[0] == "从2024年的2.7%起，按每年+0.05个百分点，2024年目标2.8%于2026年达到。"
    english = answers(explored("en", 2024, INTENSITY), 2)
    assert english[0] == ("Final verdict: not achieved, 2.7% in 2024 against a target of 2.8% (96.4% of the target). "
                          "With the target year's value in, neither the cut-offs nor the rates change it.")
    assert english[3][1] == ("From 2.4% in 2021: to 2.7% in 2023, +0.15 pp a year; to 2.8% in 2024, "
                             "+0.13 pp a year.")


def test_an_intensity_to_lower():
    # 2022: 0.86 from 0.92 against 0.80 in 2023, lower is better. Compound: seen √(0.86/0.92) − 1 = −0.03316,
    # needed (0.80/0.92)^⅓ − 1 = −0.04552: R = 0.73; linear: −0.03 against −0.04: R = 0.75; moderate either way
    note, table, what, printed = answers(explored("en", 2022, CARBON), 30, growth_rate=-0.05)
    assert table["Progress ratio R"] == ["0.75", "0.75", "0.73", "0.73"]
    assert set(table["Status"]) == {"Moderate progress (needs to accelerate)"} and table["Used in the report"][2] == "✓"
    # 0.86 × 0.95^n ≤ 0.80 ⇔ n ≥ ln(0.80/0.86)/ln 0.95 = 1.41: 2024
    assert what[0] == ("From 0.86 in 2022, at −5.0% a year, the 2023 target 0.8 is "
                       "met in 2024.")
    # from 0.90 in 2021: √(0.8/0.9) − 1 = −5.7 %, −0.05 a year; (0.78/0.9)^⅓ − 1 = −4.7 %, −0.04 a year;
    # 0.9 × 0.95^n ≤ 0.78 ⇔ n ≥ 2.79: 2024
    assert printed[1:] == [
        "From 0.9 in 2021: to 0.8 in 2023, −5.7% (−0.05) a year; to 0.78 in 2024, "
        "−4.7% (−0.04) a year.",
        "From 0.9 in 2021, at −5.0% a year, the 2024 target 0.78 is met in 2024."]


def test_a_yearly_floor_is_checked_year_by_year():
    # ≥5 every year, set for 2023 and 2024: checked from 2023 (2022, before it, is held to none), 4.6 missed, 5.3 met;
    # the final verdict 5.3/5 = 106.0 %, missed in 2023. A level met or missed year by year: no table of ratios.
    note, table, what, printed = answers(explored("en", 2024, ENERGY), 18)
    assert note == ("Decline in energy use per unit of GDP is a level to hold every year (≥5% from 2023): each year's "
                    "value meets it or misses it. Status: not achieved (missed in 2023; 106.0% of the target in 2024 "
                    "alone); neither the cut-offs nor the rates have a say in it.")
    assert table == {}
    assert what == ["≥5% every year from 2023: 2023 4.6% missed; 2024 5.3% met."]
    assert printed[1:] == ["≥5% every year from 2023; the 2021 baseline 3.41% does not meet it."]
    chinese = answers(explored("zh", 2024, ENERGY), 18)
    assert chinese[0].startswith("万元GDP能耗下降率为每年须达到的水平（2023年起每年≥5%），逐年看当年数值是否达到。"
                                 "评估结论：未达标（2023年未达到；2024年当年完成率106.0%）")
    assert chinese[2] == ["2023年起每年≥5%：2023年4.6%，未达到；2024年5.3%，达到。"]
    assert chinese[3][1] == "2023年起每年≥5%；2021年基础值3.41%，未达到。"
    # before its first year held: 5.2 in 2022 meets the level ahead of it, rated as the report rates it (a progress
    # verdict by its level, never "achieved", and no ratio beside it); no year checked yet
    early = answers(explored("en", 2022, ENERGY), 18)
    assert early[0] == "" and early[1]["Status"] == ["Target already met", "Target already met"]
    assert early[1]["Progress ratio R"] == ["—", "—"]
    assert early[2] == ["≥5% every year from 2023: no value for those years yet."]


def test_a_stage_target_is_judged_as_a_stage_and_a_ratio_takes_the_minus_sign():
    # 1,450 high-tech enterprises in 2023 against the 2023 interim target 1,500 (2024's 1,600 follows): a verdict on
    # that stage, never the plan's "final verdict"; 1,450/1,500 = 96.7 %
    stage = (ENTERPRISES[0], ENTERPRISES[1] + values_of(10, [(2023, "actual", 1450)]))
    note = answers(explored("en", 2023, stage), 10)[0]
    assert note.startswith("Verdict on the 2023 interim target: interim target missed, 1,450 in 2023 against a target "
                           "of 1,500 (96.7% of the 2023 interim target")
    assert "Final verdict" not in note
    # carbon intensity (30) rising from 0.90 to 0.95 against 0.80 by 2023: moving away, its ratio with a minus sign
    rising = (CARBON[0], [v for v in CARBON[1] if v["year"] != 2022] + values_of(30, [(2022, "actual", 0.95)]))
    ratios = answers(explored("en", 2022, rising), 30)[1]["Progress ratio R"]
    assert all(ratio.startswith("−") for ratio in ratios) and not any("-" in ratio for ratio in ratios)


def test_a_rank_moves_in_places():
    # 2013: 19th from 21st in 2010 against the top 18 in 2015: seen (19 − 21)/3 = −0.667 a year, needed
    # (18 − 21)/5 = −0.6: R = 1.11, on track; no compound rate for a place
    note, table, what, printed = answers(explored("en", 2013, RANK, base_year=2010), 1, growth_rate=-2)
    assert table == {"Rates": ["places a year", "places a year"], "Cut-offs": ["Eurostat", "UNSD"],
                     "Progress ratio R": ["1.11", "1.11"], "Status": ["On track", "On track"],
                     "Used in the report": ["✓", ""]}
    # 19 − 2 n ≤ 18 ⇔ n ≥ 0.5: 2014; from 21st in 2010 the top 18 by 2015 needs 3 places in 5 years
    assert what == ["From No. 19 in 2013, moving up 2 places a year, the 2015 target top 18 is met in 2014.",
                    "From No. 21 in 2010: to top 18 in 2015, up 0.6 places a year."]
    assert printed[0] == ("Innovation capability rank, as the plan prints it: baselines No. 21 (2010); targets top 18 "
                          "(2015).")
    chinese = answers(explored("zh", 2013, RANK, base_year=2010), 1, growth_rate=-2)
    assert chinese[2] == ["从2013年的第19位起，按每年前进2位，2015年目标前18位于2014年达到。",
                          "从2010年的第21位起：至2015年前18位，每年前进0.6位。"]


def test_a_ranks_final_verdict_has_no_empty_brackets_in_both_languages():
    # 18th in 2015 against the top 18 in 2015: achieved; a place is reached or not, no share of the target beside it,
    # so nothing in brackets (it read "against a target of top 18 ()")
    reached = (RANK[0], RANK[1] + values_of(1, [(2015, "actual", 18)]))
    assert answers(explored("en", 2015, reached, base_year=2010), 1, growth_rate=-1)[0] == (
        "Final verdict: achieved, No. 18 in 2015 against a target of top 18. With the target year's value in, "
        "neither the cut-offs nor the rates change it.")
    assert answers(explored("zh", 2015, reached, base_year=2010), 1, growth_rate=-1)[0] == (
        "最终判定：已达标，2015年为第18位，目标前18位。目标年数据到位后，分档标准和增速算法都不改变这一结论。")


def test_a_qualitative_indicator_has_nothing_to_compute():
    sentence = ("Innovation-strategy decision is qualitative (定性评价): an evaluator judges it from the evidence; "
                "the plan prints no numbers to compute with.")
    context = explored("en", 2024, DECISION, INTENSITY)
    # said once, where the notebook first comes to it (how the status depends on the method); "what if" and the plan's
    # own numbers refer back to it, not the same sentence three times over
    again = "Qualitative: nothing to compute (see above)."
    assert answers(context, 22) == (sentence, {}, [again], [again])
    chinese = answers(explored("zh", 2024, DECISION, INTENSITY), 22)
    assert chinese[0] == "创新战略决定为定性评价指标：由评估组依据有关材料判断，方案未列可计算的数值。"
    assert chinese[2] == chinese[3] == ["定性指标：无数值可计算（见上文）。"]
    # and the numbers beneath do not fail on a series with no values at all
    table = sensitivity(context.indicators, context.values, 2024, 2020, 22)
    assert list(table["status"]) == ["qualitative", "qualitative"]


def test_a_range_target_is_approached_from_the_side_the_series_is_on():
    # 2–3 %: from below (1.4 in 2021) the lower bound 2 is the target: (2 − 1.4)/2 = +0.3 points,
    # √(2/1.4) − 1 = +19.5 %; (2 − 1.4)/3 = +0.2, (2/1.4)^⅓ − 1 = +12.6 %; 1.4 + 0.1 n ≥ 2 ⇔ n ≥ 6: 2027
    context = explored("en", 2022, DEBT, LEVERAGE)
    printed = answers(context, 40, growth_rate=0.1)[3]
    assert printed == [
        "Debt ratio, as the plan prints it: baselines 1.2% (2020), 1.4% (2021); targets 2–3% (2023), 2–3% (2024).",
        "From 1.4% in 2021: to 2–3% in 2023, +0.3 pp a year; to 2–3% in 2024, +0.2 pp"
        " a year.",
        "From 1.4% in 2021, at +0.1 pp a year, the 2024 target 2–3% is met in 2027."]
    # 2022: 1.6 from 1.2 against 2 in 2023: linear seen 0.2, needed 0.8/3 = 0.267: R = 0.75; compound
    # √(1.6/1.2) − 1 = 0.1547 against (2/1.2)^⅓ − 1 = 0.1856: R = 0.83; moderate either way
    assert answers(context, 40)[1]["Progress ratio R"] == ["0.75", "0.75", "0.83", "0.83"]
    # from above (3.8 in 2021) the upper bound 3: (3 − 3.8)/2 = −0.4, √(3/3.8) − 1 = −11.1 %; (3 − 3.8)/3 = −0.267,
    # (3/3.8)^⅓ − 1 = −7.6 %; 3.8 − 0.1 n ≤ 3 ⇔ n ≥ 8: 2029
    assert answers(context, 41, growth_rate=-0.1)[3][1:] == [
        "From 3.8% in 2021: to 2–3% in 2023, −0.4 pp a year; to 2–3% in 2024, −0.27 pp"
        " a year.",
        "From 3.8% in 2021, at −0.1 pp a year, the 2024 target 2–3% is met in 2029."]
    # inside the range it is met; the 2023 interim target judged on 2023's value, what is ahead is the 2024 target,
    # 2–3 again, which 2.4 meets too
    inside = explored("en", 2023, (DEBT[0], DEBT[1] + values_of(40, [(2023, "actual", 2.4)])))
    assert answers(inside, 40)[2][0] == "2.4% in 2023 already meets the 2024 target 2–3%."


@pytest.mark.parametrize(("indicator_id", "series", "language", "expected"), [
    # a yearly floor with a final verdict: said once; checked year by year (the example data: 5.2, 4.6, 5.3)
    (18, "", "zh", ["评估结论：未达标（2023年未达到；2024年当年完成率106.0%）；分档标准和增速算法均不影响这一结论。",
                    "2023年起每年≥5%：2023年4.6%，未达到；2024年5.3%，达到。",
                    "2023年起每年≥5%；2021年基础值3.41%，未达到。"]),
    # a provincial series last published for 2022 (2.9; moving away): the table by method, no final verdict
    (4, "provincial", "en", ["Provincial agri-tech park revenue / GDP, report year 2024: the status by each method",
                             "From 2.9% in 2022, at +0.05 pp a year, the 2024 target 3.3% is met in 2030.",
                             "From 2.7% in 2021: to 3.3% in 2023, +0.3 pp a year"]),
    (22, "", "en", ["is qualitative (定性评价)"]),
])
def test_notebook_04_runs_for_any_series(example_tables, project_tmp, indicator_id, series, language, expected):
    # 2.9 + 0.05 n ≥ 3.3 ⇔ n ≥ 8: 2030; from the 2021 baseline 2.7: (3.3 − 2.7)/2 = +0.3, √(3.3/2.7) − 1 = +10.6 %
    import papermill

    from analysis.settings import NOTEBOOKS_DIR
    from tests.conftest import relative

    output = project_tmp / f"04-{indicator_id}{series}-{language}.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS_DIR / "04_explore_indicator.ipynb"), str(output), kernel_name="python3",
                               parameters={"data_dir": relative(example_tables), "indicator_id": indicator_id,
                                           "series": series, "language": language}, progress_bar=False)
    text = "".join("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/html", ""))
                   for cell in json.loads(output.read_text(encoding="utf-8"))["cells"]
                   for out in cell.get("outputs", []))
    for line in expected:
        assert line in text, line
    if indicator_id == 22:  # a qualitative indicator: said once, then referred back to, in "what if" and the plan's
        assert text.count("is qualitative (定性评价)") == 1  # own numbers
        assert text.count("Qualitative: nothing to compute (see above).") == 2
