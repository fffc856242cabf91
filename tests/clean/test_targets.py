"""Targets as real plans write them (a place, a multiple of the base, a percent or points over it, a base value from
statistics), and the plans that cannot be meant, refused by line. Expected values are worked out by hand."""
from __future__ import annotations

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError, InputErrors
from analysis.plan import load_plan
from analysis.publish.data import monitoring_data
from tests.support.plans import write_typed_plan

HEADER = "indicator_id,series,category_zh,category_en,name_zh,name_en,short_name_zh,short_name_en,unit_zh,unit_en," \
         "core,direction,kind,base_source\n"
RANK = "1,,总体,Overall,创新能力排名,Innovation rank,排名,Rank,位,place,false,lower,rank,\n"
SHARE = "2,,总体,Overall,研发投入强度,R&D intensity,研发强度,R&D intensity,%,%,false,higher,share,\n"
COUNT = "3,,总体,Overall,高新技术企业,High-tech enterprises,高企,High-tech firms,家,firms,false,higher,count,\n"
VALUES = "indicator_id,series,year,value_type,value,basis,note\n"


def plan_folder(tmp_path, indicators: str, values: str, observations: str = "", evaluations: str = "{2027: final}"):
    folder = write_typed_plan(tmp_path / "plan", 1, name="targets")
    text = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(text.replace("evaluations: {2025: mid_term, 2027: final}",
                                                  f"evaluations: {evaluations}"), encoding="utf-8")
    (folder / "indicators.csv").write_text(HEADER + indicators, encoding="utf-8")
    (folder / "values.csv").write_text(VALUES + values, encoding="utf-8")
    (folder / "observations" / "bulletins.csv").write_text(
        "indicator_id,series,year,value,source\n" + observations, encoding="utf-8")
    return folder


def values_of(folder) -> dict:
    data = monitoring_data(load_plan(folder))
    return {(row.indicator_id, row.year, row.value_type): row.value for row in data.values.itertuples()}, data


@pytest.mark.parametrize(("basis", "written", "target"), [
    ("multiple", "2", 4.8),       # 翻一番: twice the 2022 value 2.4
    ("percent", "25", 3.0),       # 25 % over 2.4: 2.4 × 1.25
    ("points", "0.6", 3.0),       # 0.6 points over 2.4
    ("", "2.9", 2.9),             # as written
])
def test_a_relative_target_is_made_absolute_from_the_printed_base(tmp_path, basis, written, target):
    folder = plan_folder(tmp_path, SHARE, f"2,,2022,baseline,2.4,,\n2,,2027,target,{written},{basis},\n")
    values, data = values_of(folder)
    assert values[(2, 2027, "target")] == pytest.approx(target)
    findings = data.quality[data.quality.issue == "relative_target"]
    assert len(findings) == (0 if not basis else 1)
    # the base 2.4 meets none of the targets made absolute (4.8, 3.0, 3.0, 2.9); the raw 2 or 0.6 is no target
    assert data.quality[data.quality.issue == "baseline_meets_target"].empty
    if basis == "multiple":  # the base and the target in the series' unit, as every value in a sentence
        assert findings.iloc[0].detail_en == "2027 target: 2 times the 2022 value 2.4%, that is 4.8%"
        assert findings.iloc[0].detail_zh == "2027年目标为2022年值2.4%的2倍，即4.8%"


INTENSITY = "4,,总体,Overall,能耗强度,Energy intensity,能耗,Energy intensity,吨/万元,t per 10k yuan,false,lower," \
            "intensity,\n"


@pytest.mark.parametrize(("basis", "written", "target", "en", "zh"), [
    # 下降15% of energy use per unit of GDP, 0.5 in 2022: 0.5 × (1 − 0.15) = 0.425, never 0.5 × 1.15 = 0.575
    ("percent", "15", 0.425, "2027 target: 15% below the 2022 value 0.5, that is 0.425",
     "2027年目标为在2022年值0.5吨/万元基础上下降15%，即0.425吨/万元"),
    # 降低0.1: 0.5 − 0.1 = 0.4
    ("points", "0.1", 0.4, "2027 target: the 2022 value 0.5 lowered by 0.1 (in points), that is 0.4",
     "2027年目标为在2022年值0.5吨/万元基础上降低0.1个百分点，即0.4吨/万元"),
    # 减半: a multiple is a factor whatever the direction, 0.5 × 0.5 = 0.25
    ("multiple", "0.5", 0.25, "2027 target: 0.5 times the 2022 value 0.5, that is 0.25",
     "2027年目标为2022年值0.5吨/万元的0.5倍，即0.25吨/万元"),
], ids=["percent", "points", "multiple"])
def test_a_relative_target_of_a_lower_is_better_series_is_a_decline(tmp_path, basis, written, target, en, zh):
    folder = plan_folder(tmp_path, INTENSITY, f"4,,2022,baseline,0.5,,\n4,,2027,target,{written},{basis},\n")
    values, data = values_of(folder)
    assert values[(4, 2027, "target")] == pytest.approx(target)
    finding = data.quality[data.quality.issue == "relative_target"].iloc[0]
    assert (finding.detail_en, finding.detail_zh) == (en, zh)
    assert data.quality[data.quality.issue == "baseline_meets_target"].empty  # 0.5 is above every one of them


def test_a_base_meeting_a_relative_target_is_noted_with_the_target_made_absolute(tmp_path):
    # 0.8 times the 2022 value 2.4 of a series better higher: 1.92, which 2.4 already meets
    folder = plan_folder(tmp_path, SHARE, "2,,2022,baseline,2.4,,\n2,,2027,target,0.8,multiple,\n")
    _, data = values_of(folder)
    met = data.quality[data.quality.issue == "baseline_meets_target"]
    # both in the series' unit (%), as every value in a sentence
    assert len(met) == 1 and met.iloc[0].detail_en.startswith(
        "the 2022 baseline 2.4% already meets the target (1.92% in 2027);"), met.iloc[0].detail_en
    assert met.iloc[0].detail_zh.startswith("2022年基础值2.4%已达到目标值（2027年目标1.92%）")


def test_a_base_meeting_a_relative_level_held_every_year_says_from_which_year(tmp_path):
    # a level held every year (at_least), 0.8 times the 2022 value 2.4 from 2025 on: 1.92, which 2.4 already meets;
    # it is checked each year from 2025, the first year the plan sets it for
    held = SHARE.replace(",higher,", ",at_least,")
    folder = plan_folder(tmp_path, held, "2,,2022,baseline,2.4,,\n2,,2025,target,0.8,multiple,\n"
                                         "2,,2027,target,0.8,multiple,\n")
    _, data = values_of(folder)
    met = data.quality[data.quality.issue == "baseline_meets_target"]
    assert len(met) == 2, met
    assert all("each year from 2025, the first the plan sets it for" in text for text in met.detail_en)
    assert all("自方案首个设定目标的年份（2025年）起逐年对照判断" in text for text in met.detail_zh)
    # the target made absolute written as every finding writes a level to hold: with its sign, in its unit
    made = data.quality[data.quality.issue == "relative_target"].sort_values("year")
    assert made.iloc[0].detail_en == "2025 target: 0.8 times the 2022 value 2.4%, that is ≥1.92%"
    assert made.iloc[0].detail_zh == "2025年目标为2022年值2.4%的0.8倍，即≥1.92%"


@pytest.mark.parametrize(("indicators", "written", "words"), [
    (INTENSITY, "-15,percent", "'-15' with basis percent: write the change without a sign, as the plan does "
                               "(下降15%: 15); it goes the way the direction says is better (lower: down)"),
    (SHARE, "-0.6,points", "'-0.6' with basis points: write the change without a sign"),
    (INTENSITY, "100,percent", "a decline of 100% leaves nothing of the base value: a percent target of a series "
                               "whose direction is lower is a decline, under 100"),
], ids=["signed-percent", "signed-points", "decline-of-100"])
def test_a_signed_or_impossible_relative_change_is_refused_by_line(tmp_path, indicators, written, words):
    key = indicators.split(",", 1)[0]
    folder = plan_folder(tmp_path, indicators, f"{key},,2022,baseline,2.4,,\n{key},,2027,target,{written},\n")
    with pytest.raises(InputError) as caught:
        values_of(folder)
    assert "values.csv:3: value: " in str(caught.value) and words in str(caught.value), str(caught.value)


def test_a_relative_target_waits_for_a_base_value_from_statistics(tmp_path):
    # 翻一番 on the 2022 count of high-tech firms, which the plan does not print: the base-year observation gives
    # 380, so the 2027 target is 760; without it the target waits and the series is not assessed
    indicators = COUNT.replace(",count,\n", ",count,国家统计局统计公报\n")
    folder = plan_folder(tmp_path, indicators, "3,,2027,target,2,multiple,翻一番\n", "3,,2022,380,公报2022\n")
    values, data = values_of(folder)
    assert values[(3, 2027, "target")] == pytest.approx(760)
    base = data.quality[data.quality.issue == "base_from_statistics"].iloc[0]
    # its label says the plan prints none ("Baseline not in the plan"): the detail does not say it again; the value
    # in its unit in either language (家, firms): the finding does not name its series
    assert base.detail_en == "the 2022 value 380 firms comes from 公报2022"
    assert base.detail_zh == "2022年值380家取自公报2022"
    made = data.quality[data.quality.issue == "relative_target"].iloc[0]
    assert (made.detail_en, made.detail_zh) == ("2027 target: 2 times the 2022 value 380, that is 760",
                                                "2027年目标为2022年值380家的2倍，即760家")
    (folder / "observations" / "bulletins.csv").write_text("indicator_id,series,year,value,source\n",
                                                            encoding="utf-8")
    values, data = values_of(folder)
    assert (3, 2027, "target") not in values
    waiting = data.quality[data.quality.issue == "relative_target"].iloc[0]
    assert waiting.detail_en.startswith("2027 target (2, a multiple of the base value) is set on the 2022 value")


def test_a_rank_takes_whole_places_and_is_better_the_lower_it_is(tmp_path):
    folder = plan_folder(tmp_path, RANK, "1,,2022,baseline,21,,\n1,,2027,target,18,,上升至前十八位\n")
    values, _ = values_of(folder)
    assert values[(1, 2027, "target")] == 18
    for indicators, values_text, field, words in [
        (RANK.replace("lower,rank", "higher,rank"), "1,,2022,baseline,21,,\n1,,2027,target,18,,\n", "direction",
         "direction 'higher' for a rank: a rank is better the lower it is; use lower or at_most"),
        (RANK, "1,,2022,baseline,21.5,,\n1,,2027,target,18,,\n", "kind",
         "21.5 is not a rank: a rank is a whole number from 1"),
        (RANK, "1,,2022,baseline,21,,\n1,,2027,target,0.9,multiple,\n", "basis",
         "basis multiple for a rank: a rank's target is a place"),
    ]:
        folder = plan_folder(tmp_path, indicators, values_text)
        with pytest.raises(InputError) as caught:
            values_of(folder)
        assert f": {field}: " in str(caught.value) and words in str(caught.value), str(caught.value)


@pytest.mark.parametrize(("indicators", "values", "evaluations", "where", "words"), [
    (SHARE, "2,,2022,baseline,2.4,,\n2,,2022,target,2.8,,\n", "{2027: final}", "values.csv:3: year:",
     "indicator 2: a target for 2022, in or before the base year 2022"),
    (SHARE, "2,,2021,baseline,2.3,,\n2,,2026,baseline,2.6,,\n2,,2025,target,2.8,,\n2,,2027,target,3,,\n",
     "{2027: final}", "values.csv:3: year:", "a baseline for 2026, in or after its first target year 2025"),
    (SHARE + COUNT, "2,,2022,baseline,2.4,,\n2,,2027,target,2.8,,\n3,,2022,baseline,380,,\n", "{2027: final}",
     "indicators.csv:3: indicator_id:", "indicator 3 has no target"),
    (SHARE + COUNT, "2,,2022,baseline,2.4,,\n2,,2027,target,2.8,,\n3,,2027,target,500,,\n", "{2027: final}",
     "indicators.csv:3: base_source:", "indicator 3 has no baseline: give its 2022 value in the table, or name in "
                                       "base_source the statistic its base value comes from"),
    (SHARE, "2,,2022,baseline,2.4,,\n2,,2027,target,2.8,,\n", "{2026: final}", "plan.yml:7: evaluations:",
     "the final evaluation in 2026 is not the year of the plan's last targets (2027)"),
    # the targets end in the final evaluation's year but one, its year mistyped: that row is named, not plan.yml
    (SHARE + COUNT, "2,,2022,baseline,2.4,,\n2,,2030,target,2.8,,\n3,,2022,baseline,380,,\n3,,2027,target,500,,\n",
     "{2027: final}", "values.csv:3: year:", "indicator 2: target year 2030 is after the final evaluation (2027, "
                                             "plan.yml), which judges the plan's last targets: is the year a typo?"),
    # a row given twice: said as the plan's author wrote it (not "target_2027")
    (SHARE, "2,,2022,baseline,2.4,,\n2,,2027,target,2.6,,\n2,,2027,target,2.8,,\n", "{2027: final}",
     "values.csv:4: year:", "indicator 2: its target for 2027 is given twice; keep one"),
    (SHARE, "2,,2022,baseline,2.4,relative,\n2,,2027,target,2.8,,\n", "{2027: final}", "values.csv:2: basis:",
     "basis 'relative' unknown; use absolute, multiple, percent or points"),
    (SHARE, "2,,2022,baseline,2.4,multiple,\n2,,2027,target,2.8,,\n", "{2027: final}", "values.csv:2: basis:",
     "basis multiple for a baseline: only a target can be relative to the base value"),
])
def test_a_plan_that_cannot_be_meant_is_refused_by_line(tmp_path, indicators, values, evaluations, where, words):
    folder = plan_folder(tmp_path, indicators, values, evaluations=evaluations)
    with pytest.raises(InputError) as caught:
        values_of(folder)
    assert where in str(caught.value) and words in str(caught.value), str(caught.value)


def test_every_year_mistake_of_a_typed_plan_is_told_in_one_round(tmp_path):
    """A target in or before the base year (line 3), a series without a target (indicators.csv:3) and a target
    after the final evaluation (line 6): all three at once, file by file and by line, not one a run."""
    values = ("2,,2022,baseline,2.4,,\n2,,2021,target,2.6,,\n2,,2027,target,2.8,,\n3,,2022,baseline,380,,\n"
              "4,,2022,baseline,10,,\n4,,2029,target,12,,\n4,,2027,target,11,,\n")
    fourth = COUNT.replace("3,", "4,", 1).replace(",高企,High-tech firms,", ",高企（二）,High-tech firms II,")
    folder = plan_folder(tmp_path, SHARE + COUNT + fourth, values, evaluations="{2027: final}")
    with pytest.raises(InputErrors) as caught:
        values_of(folder)
    lines = caught.value.lines()
    assert len(lines) == 3, lines
    assert "indicators.csv:3: indicator_id: indicator 3 has no target" in lines[0]
    assert "values.csv:3: year: indicator 2: a target for 2021, in or before the base year 2022" in lines[1]
    assert "values.csv:7: year: indicator 4: target year 2029 is after the final evaluation (2027" in lines[2]


def test_every_mistake_of_values_csv_is_told_in_one_round_without_those_of_its_rows_refused(tmp_path):
    """A signed percent (line 3), a value that is no number (line 6), a row given twice (line 8), a row of a field too
    many (line 9) and a target in the base year (line 11): five lines in one run, in the file's order, where they came
    in three (the rows, then their numbers, then the years). Indicator 3's only target is the row that is no number,
    and its only baseline the row too long: neither is told missing as well; nor is plan.yml told that its final
    evaluation (2027) is not the year of the last targets read (2026), with indicator 3's 2027 target refused."""
    fourth = COUNT.replace("3,", "4,", 1).replace(",高企,High-tech firms,", ",高企（二）,High-tech firms II,")
    values = ("2,,2022,baseline,2.4,,\n2,,2027,target,-15,percent,\n2,,2026,target,2.6,,\n"
              "4,,2022,baseline,10,,\n3,,2027,target,五百,,\n4,,2026,target,11,,\n4,,2026,target,11,,\n"
              "3,,2022,baseline,380,,,x\n4,,2021,baseline,9,,\n4,,2022,target,10,,\n")
    folder = plan_folder(tmp_path, SHARE + COUNT + fourth, values, evaluations="{2027: final}")
    with pytest.raises(InputErrors) as caught:
        values_of(folder)
    lines = [line.split("values.csv:", 1)[1] for line in caught.value.lines()]
    assert lines == [
        "3: value: '-15' with basis percent: write the change without a sign, as the plan does (下降15%: 15); it goes "
        "the way the direction says is better (lower: down)",
        "6: value: '五百' is not a number: write it here as plain digits with a decimal point, no spaces inside, "
        "thousands separators, units or % signs",
        "8: year: indicator 4: its target for 2026 is given twice; keep one (first at line 7)",
        "9: 8 fields, expected 7 (indicator_id, series, year, value_type, value, basis, note): a comma too many or too "
        "few? Put text holding a comma in double quotes",
        "11: year: indicator 4: a target for 2022, in or before the base year 2022 (plan.yml): a target lies ahead "
        "of the base"]


def test_a_round_past_the_listed_mistakes_counts_those_of_every_check_in_the_rest(tmp_path):
    """35 rows of an unknown value type (refused reading the file) and 35 values that are no number (refused
    parsing them): 30 lines listed, then "… 40 more", the 70 of the round (the first run counted 35, and 35 more came
    in the next)."""
    from analysis.errors import LISTED_ERRORS
    assert LISTED_ERRORS == 30
    values = "2,,2022,baseline,2.4,,\n2,,2027,target,2.8,,\n" + "".join(
        f"2,,{2030 + n},goal,1,,\n" for n in range(35)) + "".join(f"2,,{2100 - n},target,x{n},,\n" for n in range(35))
    folder = plan_folder(tmp_path, SHARE, values)
    with pytest.raises(InputErrors) as caught:
        values_of(folder)
    lines = caught.value.lines()
    assert len(caught.value.errors) == 70
    assert len(lines) == 31 and lines[-1].endswith("/values.csv: … 40 more")
    assert lines[0].endswith("values.csv:4: value_type: value_type 'goal' unknown; use baseline or target")


def test_a_typed_plans_year_mistakes_are_told_in_the_language_the_run_asks_for(tmp_path):
    """The three mistakes of the one-round test above, in a Chinese run: years as years, plan.yml and the files'
    names as they are."""
    values = ("2,,2022,baseline,2.4,,\n2,,2021,target,2.6,,\n2,,2027,target,2.8,,\n3,,2022,baseline,380,,\n"
              "4,,2022,baseline,10,,\n4,,2029,target,12,,\n4,,2027,target,11,,\n")
    fourth = COUNT.replace("3,", "4,", 1).replace(",高企,High-tech firms,", ",高企（二）,High-tech firms II,")
    folder = plan_folder(tmp_path, SHARE + COUNT + fourth, values, evaluations="{2027: final}")
    with mistakes_told_in("zh"), pytest.raises(InputErrors) as caught:
        values_of(folder)
    assert [error.reason for error in caught.value.errors] == [
        "指标3没有目标值：数值型指标须有目标值（或者它是定性评价指标？）",
        "指标2：2021年的目标值在基期2022年（plan.yml）或之前：目标应在基期之后",
        "指标4：目标年份2029年晚于 plan.yml 中的总结评估年份（2027年）；总结评估针对方案最后一批目标，请核对年份"]


def test_a_relative_change_and_a_plans_last_targets_are_told_in_chinese(tmp_path):
    folder = plan_folder(tmp_path, INTENSITY, "4,,2022,baseline,2.4,,\n4,,2027,target,-15,percent,\n")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        values_of(folder)
    assert caught.value.reason == (
        "'-15' 的 basis 为 percent：请照方案的写法填写变化量，不带正负号（下降15%：填15）；变化方向按 direction 所示的"
        "向好方向确定（lower：下降）")
    folder = plan_folder(tmp_path / "final", SHARE, "2,,2022,baseline,2.4,,\n2,,2027,target,2.8,,\n",
                         evaluations="{2026: final}")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        values_of(folder)
    assert caught.value.reason == "总结评估在2026年，不是方案最后一批目标的年份（2027年）；总结评估针对的正是这些目标"
