"""The example 2022–2024 data set (tests/fixtures/example-2022-2024): its verdicts worked out by hand.

The numbers are made up (see the data set's README); what is checked is the evaluation's logic:
final verdicts once the target year's data are in, the pace to the next target at the mid-term,
targets held every year, a revised baseline, and series whose latest value is older.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.assess.assessment import assess, status_counts
from analysis.publish.data import monitoring_data
from tests.conftest import FIXTURES

EXAMPLE = FIXTURES / "example-2022-2024"


@pytest.fixture(scope="module")
def data(weihai):
    return monitoring_data(weihai, EXAMPLE)


@pytest.fixture(scope="module")
def mid_term(data):
    return assess(data.indicators, data.values, 2023, 2020)


@pytest.fixture(scope="module")
def final(data):
    return assess(data.indicators, data.values, 2024, 2020)


def row(frame, indicator_id, series=""):
    return frame[(frame.indicator_id == indicator_id) & (frame.series == series)].iloc[0]


def test_the_mid_term_judges_the_2023_targets_and_states_what_2024_needs(mid_term):
    rd = row(mid_term, 2)  # 2.61 in 2023 against 2.7
    assert (rd.verdict, rd.status, rd.as_of_year, rd.target_year) == ("final", "stage_missed", 2023, 2023)
    assert rd.completion_rate == pytest.approx(2.61 / 2.7) and rd.shortfall == pytest.approx(0.09)
    assert rd.next_target_year == 2024 and rd.next_target_value == 2.8
    assert rd.next_required_per_year == pytest.approx(0.19) and rd.next_required_cagr == pytest.approx(2.8 / 2.61 - 1)
    assert rd.progress_ratio != rd.progress_ratio  # no ratio once the verdict is final
    talent = row(mid_term, 25)  # 298 in 2023 against the 2023 target 300
    assert (talent.status, talent.shortfall) == ("stage_missed", 2)
    firms = row(mid_term, 10)  # 1450 against 1500; then 1600 in 2024 needs 150, 10.3 %
    assert firms.status == "stage_missed" and firms.next_required_per_year == pytest.approx(150)
    assert firms.next_required_cagr == pytest.approx(1600 / 1450 - 1)
    assert row(mid_term, 21).status == "achieved"  # 9.3 against 9


def test_targets_held_every_year_are_missed_by_one_year_below(mid_term, final):
    # 89.5 in 2022, 91.2 in 2023, 92 in 2024: the plan sets 90 for 2023 and 2024 only, both met; 2022, its
    # preparation year, is held to none: 2023's met at the mid-term, 2024's to come (shown met so far), achieved at
    # the final
    air = row(mid_term, 17)
    assert (air.status, air.verdict, air.missed_years, air.next_target_year) == ("achieved", "final", "", 2024)
    assert (row(final, 17).status, row(final, 17).verdict) == ("achieved", "final")
    assert row(final, 17).completion_rate == pytest.approx(92 / 90)
    energy = row(mid_term, 18)  # 5.2 in 2022, 4.6 in 2023 against at least 5 a year
    assert (energy.status, energy.missed_years, energy.shortfall) == ("not_achieved", "2023", pytest.approx(0.4))
    assert (row(final, 18).status, row(final, 18).missed_years) == ("not_achieved", "2023")  # 5.3 in 2024 is late


def test_the_final_evaluation_judges_the_2024_targets(final):
    rd = row(final, 2)  # 2.70 against 2.8
    assert (rd.status, rd.verdict) == ("not_achieved", "final")
    assert rd.completion_rate == pytest.approx(2.70 / 2.8) and rd.shortfall == pytest.approx(0.1)
    assert pd.isna(rd.next_target_year)  # nothing after the final target
    firms = row(final, 10)  # 1,580 against 1,600
    assert (firms.status, firms.shortfall) == ("not_achieved", 20)
    assert firms.completion_rate == pytest.approx(0.9875)
    assert row(final, 3).status == "achieved" and row(final, 5, "national").status == "achieved"


def test_a_series_without_the_target_years_data_is_judged_by_its_progress(final):
    deduction = row(final, 21)  # 8.4 (2020) to 9.3 (2023): 0.3 a year against (10 − 8.4)/4 = 0.4: R = 0.75
    assert (deduction.verdict, deduction.as_of_year) == ("progress", 2023)
    assert deduction.progress_ratio == pytest.approx(0.75) and deduction.status == "moderate"
    parks = row(final, 4, "provincial")  # 3.1 (2020) to 2.9 (2022): −0.1 a year against +0.05: moving away
    assert parks.progress_ratio == pytest.approx(-2.0) and parks.status == "moving_away"


def test_a_revised_baseline_is_used_and_logged(data, final):
    personnel = data.values[(data.values.indicator_id == 1) & (data.values.year == 2021)]
    assert sorted(personnel.value_type) == ["actual", "baseline"]
    revision = data.quality[data.quality.issue == "observation_revises_baseline"].iloc[0]
    assert (revision.indicator_id, revision.year, revision.value) == (1, 2021, 23150)
    # what is done with it, in the report's number style: the 2021 value is replaced wherever it is used
    assert revision.detail_en == ("Example bulletin 2023 (fictional) gives 23,150 for 2021; the plan printed 23,000. "
                                  "The published value replaces the printed one wherever the 2021 value is used.")
    # after the publication's name, a comma, not a space: "据示例统计公报 2023（虚构），2021年为 …"
    assert revision.detail_zh == ("据示例统计公报 2023（虚构），2021年为23,150人，方案印作23,000人；"
                                       "凡用到2021年数值之处均以公布值代替方案所列数值")


def test_the_counts_of_the_final_evaluation(final):
    counts = status_counts(final)
    # 17 (good-air days) achieved: 12 achieved, 9 not
    assert counts["not_achieved"] == 9 and counts["moving_away"] == 1 and counts["moderate"] == 1
    assert counts["achieved"] == 12 and counts["qualitative"] == 3
    assert (final.as_of_year == 2024).sum() == 23


def test_a_stage_target_met_early_is_shown_as_one(data):
    """2022, a year before the 2023 targets: technology contracts (16), 142 against 2023's 140, misses 2024's 160: its
    2023 target is an interim target met ahead of time, not the plan's target ("Interim target already met"); the
    high-tech ratio (7), 84 against 2023's 80, meets 2024's 81 too, and marine economy (26), 36.6 against 36 both
    years, and energy saving (18), 5.2 against 2023's and 2024's ≥5: the target itself already met."""
    early = assess(data.indicators, data.values, 2022, 2020)
    assert row(early, 16).status == "achieved" and row(early, 16).shown_status == "met_stage_early"
    assert [row(early, i).shown_status for i in (7, 26, 18)] == ["met_early"] * 3


def test_the_mid_terms_warnings_grade_a_stage_target_missed_by_the_pace_on_track_for_the_next(mid_term):
    """An interim target missed is amber where the pace seen is on track for 2024's target as the method rates a pace
    (R = seen ÷ needed ≥ 0.95), red below. By hand, from the 2020 baselines and the 2023 values:
    3: (44.1 − 41.5) ÷ 3 = +0.867 points a year against 45 − 44.1 = +0.9 needed, R = 0.963: amber;
    25: (298 ÷ 242)^(1/3) − 1 = 7.18 % a year against 320 ÷ 298 − 1 = 7.38 %, R = 0.973: amber;
    5 provincial: 4.81 % against 80 ÷ 76 − 1 = 5.26 %, R = 0.915 (needs to accelerate): red;
    20: (2.8 − 2.07) ÷ 3 = +0.243 against 3.5 − 2.8 = +0.7, R = 0.35: red."""
    from analysis.assess.warning_list import row_warning_level

    levels = {(row.indicator_id, row.series): row_warning_level(row) for row in mid_term.itertuples()}
    assert (levels[(3, "")], levels[(25, "")], levels[(5, "provincial")], levels[(20, "")]) == (
        "amber", "amber", "red", "red")
    warned = [level for level in levels.values() if level]
    assert (len(warned), warned.count("red"), warned.count("amber")) == (14, 7, 7)
