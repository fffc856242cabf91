"""Targets that are a range (``within``: 控制在2%–3%) or a value to equal (``exactly``: =3), from a typed plan to
the verdict and the words. Expected values are worked out by hand in the comments."""
from __future__ import annotations

import pytest

from analysis.assess.assessment import assess
from analysis.catalog import catalog
from analysis.plan import load_plan
from analysis.publish.data import monitoring_data
from analysis.report.context import joined
from analysis.report.entry_workbooks import entry_workbooks
from analysis.report.words import _need, operator, pace_text, status_note, target_text
from analysis.vocabulary import target_range
from tests.clean.test_targets import HEADER, plan_folder

WITHIN = "2,,总体,Overall,研发投入强度,R&D intensity,研发强度,R&D intensity,%,%,false,within,share,\n"
EXACTLY = "4,,总体,Overall,城镇登记失业率,Registered unemployment,失业率,Unemployment,%,%,false,exactly,share,\n"
# R&D intensity: 1.6 in 2022, to lie between 2 and 3 in 2027; unemployment: 4.0 in 2022, to be 3 in 2027.
VALUES = "2,,2022,baseline,1.6,,,\n2,,2027,target,2,,控制在2%—3%,3\n4,,2022,baseline,4.0,,,\n4,,2027,target,3,,,\n"


def assessed(tmp_path, observations: str, year: int):
    folder = plan_folder(tmp_path, WITHIN + EXACTLY, VALUES, observations)
    (folder / "values.csv").write_text("indicator_id,series,year,value_type,value,basis,note,upper\n" + VALUES,
                                       encoding="utf-8")
    data = monitoring_data(load_plan(folder))
    table = assess(data.indicators, data.values, year, 2022)
    return {row.indicator_id: row for row in table.itertuples()}


def test_a_range_is_approached_from_below_and_judged_inside(tmp_path):
    rows = assessed(tmp_path, "2,,2023,1.7,公报\n2,,2024,1.8,公报\n", 2024)
    rd = rows[2]
    # below the range: the lower bound 2 is the target to reach; 1.8 in 2024 leaves 0.2
    assert (rd.direction, rd.target_value, rd.target_lower, rd.target_upper) == ("higher", 2, 2, 3)
    assert rd.gap == pytest.approx(0.2)
    # seen (1.8 − 1.6) / 2 = 0.1 a year against (2 − 1.6) / 5 = 0.08 needed: ratio 1.25, on track;
    # from now (2 − 1.8) / 3 = 0.0667 a year
    assert rd.progress_ratio == pytest.approx(1.25) and rd.status == "on_track"
    assert rd.required_per_year == pytest.approx(0.2 / 3)


@pytest.mark.parametrize(("value", "status", "direction", "target", "shortfall", "rate"), [
    (2.5, "achieved", "higher", 2, 0.0, 1.25),            # inside 2–3
    (3.0, "achieved", "higher", 2, 0.0, 1.5),             # on the upper bound: inside
    (3.2, "not_achieved", "lower", 3, 0.2, 3 / 3.2),      # above: 0.2 over the upper bound, 93.75 %
    (1.9, "not_achieved", "higher", 2, 0.1, 1.9 / 2),     # below: 0.1 short of the lower bound, 95 %
])
def test_a_range_target_final_verdict(tmp_path, value, status, direction, target, shortfall, rate):
    rd = assessed(tmp_path, f"2,,2027,{value},公报\n", 2027)[2]
    assert (rd.status, rd.verdict, rd.direction, rd.target_value) == (status, "final", direction, target)
    assert rd.shortfall == pytest.approx(shortfall) and rd.completion_rate == pytest.approx(rate)


@pytest.mark.parametrize(("value", "status", "shortfall"), [
    (3.4, "achieved", 0.0),       # rounds to 3, as the target is written
    (2.5, "achieved", 0.0),       # rounds (half up) to 3
    (3.6, "not_achieved", 0.6),   # rounds to 4: 0.6 above the target
])
def test_a_value_to_equal_is_met_at_the_targets_precision(tmp_path, value, status, shortfall):
    unemployment = assessed(tmp_path, f"4,,2027,{value},公报\n", 2027)[4]
    assert (unemployment.status, unemployment.target_lower, unemployment.target_upper) == (status, 3, 3)
    assert unemployment.shortfall == pytest.approx(shortfall)


def test_a_value_to_equal_is_approached_from_above(tmp_path):
    # 4.0 in 2022, 3.8 in 2024: falling towards 3 by 0.1 a year against (3 − 4) / 5 = −0.2 needed: ratio 0.5,
    # insufficient by the Eurostat cut-offs (moderate from 0.6)
    unemployment = assessed(tmp_path, "4,,2023,3.9,公报\n4,,2024,3.8,公报\n", 2024)[4]
    assert (unemployment.direction, unemployment.target_value) == ("lower", 3)
    assert unemployment.progress_ratio == pytest.approx(0.5) and unemployment.status == "insufficient"


def test_the_words_write_a_range_and_a_value_to_equal(tmp_path):
    rows = assessed(tmp_path, "2,,2024,1.8,公报\n4,,2024,3.8,公报\n", 2024)
    zh, en = catalog("zh"), catalog("en")
    assert (target_text(rows[2], zh), target_text(rows[2], en)) == ("2～3", "2–3")
    assert (target_text(rows[4], zh), target_text(rows[4], en)) == ("=3", "=3")
    assert (operator(rows[2]), operator(rows[4])) == ("within", "exactly")
    assert zh[f"operator.{operator(rows[2])}"] == "区间" and en[f"operator.{operator(rows[4])}"] == "="


@pytest.mark.parametrize(("values", "field", "words"), [
    # an upper bound for a target that is not a range
    (VALUES.replace("4,,2027,target,3,,,", "4,,2027,target,3,,,4"), "upper",
     "only a target of direction within (a range) has an upper bound"),
    # a range without its upper bound
    (VALUES.replace("控制在2%—3%,3", "控制在2%—3%,"), "upper", "give its upper bound in upper"),
    # the bounds the wrong way round
    (VALUES.replace("控制在2%—3%,3", "控制在2%—3%,1.5"), "upper", "the upper bound '1.5' is below the lower bound 2"),
    (VALUES.replace("控制在2%—3%,3", "控制在2%—3%,三"), "upper", "the upper bound '三' is not a number"),
])
def test_a_range_written_wrong_is_refused_by_line(tmp_path, values, field, words):
    folder = plan_folder(tmp_path, WITHIN + EXACTLY, values)
    (folder / "values.csv").write_text("indicator_id,series,year,value_type,value,basis,note,upper\n" + values,
                                       encoding="utf-8")
    with pytest.raises(Exception) as caught:
        monitoring_data(load_plan(folder))
    assert "values.csv:" in str(caught.value) and f": {field}: " in str(caught.value), str(caught.value)
    assert words in str(caught.value), str(caught.value)


def test_a_relative_range_is_made_absolute_at_both_bounds(tmp_path):
    # 提高20%–50% over the 2022 value 1.6: 1.92 to 2.4
    values = "2,,2022,baseline,1.6,,,\n2,,2027,target,20,percent,,50\n"
    folder = plan_folder(tmp_path, WITHIN, values)
    (folder / "values.csv").write_text("indicator_id,series,year,value_type,value,basis,note,upper\n" + values,
                                       encoding="utf-8")
    target = monitoring_data(load_plan(folder)).values.query("value_type == 'target'").iloc[0]
    assert (target.value, target.upper) == (pytest.approx(1.92), pytest.approx(2.4))


# R&D intensity 2.1 in 2022, to lie within 2.3–2.6 at the 2025 mid-term and within 2.5–3 in 2027
STAGES = "2,,2022,baseline,2.1,,,\n2,,2025,target,2.3,,,2.6\n2,,2027,target,2.5,,控制在2.5%—3%,3\n"


def staged(tmp_path, observations: str):
    folder = plan_folder(tmp_path, WITHIN, STAGES, observations, evaluations="{2025: mid_term, 2027: final}")
    (folder / "values.csv").write_text("indicator_id,series,year,value_type,value,basis,note,upper\n" + STAGES,
                                       encoding="utf-8")
    data = monitoring_data(load_plan(folder))
    return data, next(joined(data.indicators, assess(data.indicators, data.values, 2025, 2022), data.values)
                      .itertuples())


def test_a_stage_range_missed_from_above_is_above_it_and_the_next_range_already_met(tmp_path):
    _, rd = staged(tmp_path, "2,,2025,2.9,公报\n")
    # 2.9 is over the 2025 ceiling 2.6 by 0.3: missed from above, an interim target (2027's follows)
    assert (rd.status, rd.direction, rd.target_value, rd.shortfall) == ("stage_missed", "lower", 2.6,
                                                                          pytest.approx(0.3))
    # 2.9 lies within 2027's 2.5–3 already: nothing to fall by, the next target is met
    zh, en = catalog("zh"), catalog("en")
    assert _need(rd, en) == ("R&D intensity: 2.9% in 2025, above the 2025 interim target of 2.3–2.6% (0.3 pp above "
                             "it); it already lies within the 2027 target")
    assert _need(rd, zh) == ("研发强度：2025年为2.9%，高于2025年阶段目标2.3～2.6%（高出0.3个百分点）；"
                             "已处于2027年目标范围内")
    assert (pace_text(rd, en), pace_text(rd, zh)) == ("2027 target: already met", "2027年目标：已达到")
    assert status_note(rd, en).startswith("0.3 pp above the 2025 interim target")
    assert status_note(rd, zh).startswith("高出2025年阶段目标0.3个百分点")


def test_a_stage_range_missed_from_below_is_short_of_it(tmp_path):
    _, rd = staged(tmp_path, "2,,2025,2.2,公报\n")
    # 2.2 is under the floor 2.3 by 0.1, 2.2 / 2.3 = 95.7 % of it; 2027's floor 2.5 needs (2.5 − 2.2) / 2 = 0.15 a
    # year, (2.5 / 2.2)^(1/2) − 1 = 6.6 %, against (2.2 − 2.1) / 3 = 0.03 a year seen (the side below is unchanged)
    assert _need(rd, catalog("en")) == (
        "R&D intensity: 2.2% in 2025, short of the 2025 interim target of 2.3–2.6% (95.7% of it, 0.1 pp\xa0short); "
        "to reach 2.5% in 2027 it must grow by 0.15 pp a year, more than the growth seen since 2022 "
        "(+0.03 pp a year)")


def test_the_departments_workbook_shows_a_range_target_as_a_range(tmp_path):
    data, _ = staged(tmp_path, "2,,2024,2.2,公报\n")
    [workbook] = entry_workbooks(data.indicators, data.values, 2025, catalog("en"), "plan")
    assert workbook.series[0].targets == {2025: "2.3–2.6", 2027: "2.5–3"}


def test_range_tolerances():
    assert target_range("exactly", 2.85).holds(2.855) and not target_range("exactly", 2.85).holds(2.856)
    assert target_range("within", 2, 3).approach(3.1) == ("lower", 3)
    assert target_range("higher", 2) is None
    assert HEADER.endswith("base_source\n")  # the plan folder's header the cases above extend
