"""Progress assessment: worked examples computed by hand, and properties that must always hold."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.assess import assessment as method
from analysis.assess.assessment import SCHEMES, Series, assess_series, binding_target, headline_status, status_counts
from analysis.assess.rates import compound_rate, floor_catch_up_rate, linear_rate
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.vocabulary import STATUSES

BASE_YEAR = 2020


@pytest.fixture(scope="module")
def dataset(weihai):
    return clean_plan_table(load_plan_inputs(weihai))


def assess(indicators, values, report_year, scheme="eurostat"):
    return method.assess(indicators, values, report_year, BASE_YEAR, scheme)


def required_growth(indicators, values, report_year):
    return method.required_growth(indicators, values, report_year, BASE_YEAR)


def _row(frame, indicator_id, series=""):
    return frame[(frame.indicator_id == indicator_id) & (frame.series == series)].iloc[0]


# --- worked examples --------------------------------------------------------------------------

def test_rd_intensity_needs_5_27_percent_or_0_133_points_a_year(dataset):
    growth = required_growth(dataset.indicators, dataset.values, 2024)
    row = growth[(growth.indicator_id == 2) & (growth.target_year == 2024)].iloc[0]
    # (2.8 / 2.40) ** (1/3) - 1 = 0.05270; (2.8 - 2.40) / 3 = 0.13333
    assert row.from_year == 2021 and row.from_value == 2.40
    assert row.required_cagr == pytest.approx(0.0527, abs=5e-5)
    assert row.required_per_year == pytest.approx(0.1333, abs=5e-5)


def test_rd_intensity_before_the_first_target_year_is_insufficient(dataset):
    row = _row(assess(dataset.indicators, dataset.values, 2022), 2)
    # share: linear. observed (2.40 - 2.36)/1 = 0.04 pp; required (2.7 - 2.36)/3 = 0.1133 pp -> R = 0.353
    assert row.method == "linear"
    assert row.target_year == 2023
    assert row.progress_ratio == pytest.approx(0.04 / (0.34 / 3), rel=1e-9)
    assert row.status == "insufficient"
    assert row.completion == pytest.approx(0.04 / 0.34)  # 0.12 done against 1/3 of the time
    assert row.time_elapsed == pytest.approx(1 / 3)
    assert row.evidence == "low"


def test_high_tech_enterprises_are_on_track_for_2023(dataset):
    row = _row(assess(dataset.indicators, dataset.values, 2022), 10)
    observed = 1049 / 738 - 1            # 42.1 % in one year
    required = (1500 / 738) ** (1 / 3) - 1  # 26.7 % a year, 2020 -> 2023
    assert row.observed_cagr == pytest.approx(observed)
    assert row.progress_ratio == pytest.approx(observed / required)
    assert row.progress_ratio == pytest.approx(1.58, abs=0.005)
    assert row.status == "on_track"
    assert row.required_cagr == pytest.approx((1500 / 1049) ** 0.5 - 1)  # 19.6 % a year from 2021
    assert row.projected_value == pytest.approx(1049 * (1049 / 738) ** 2)


def test_air_quality_share_is_achieved_at_risk(dataset):
    row = _row(assess(dataset.indicators, dataset.values, 2022), 17)
    # 90.1 >= 90 meets the floor, but the trend (-0.3 a year) crosses it before 2023 (89.5).
    assert row.gap == pytest.approx(-0.1)
    assert row.status == "achieved_at_risk"


def test_energy_intensity_decline_is_a_yearly_floor(dataset):
    row = _row(assess(dataset.indicators, dataset.values, 2022), 18)
    assert row.method == "annual_floor"
    assert math.isnan(row.required_cagr)  # never a CAGR of a rate of change, needed or seen
    assert math.isnan(row.observed_cagr) and row.observed_per_year == pytest.approx(-2.07)  # (3.41 − 5.48) / 1
    assert row.latest_value == 3.41 and row.target_value == 5
    assert row.status == "moving_away"  # below the floor and falling (5.48 -> 3.41)
    # read cumulatively: (0.95^4 / 0.9659) ** (1/3) -> 5.52 % a year needed in 2022-2024
    assert floor_catch_up_rate(5, 2020, 2024, [3.41]) == pytest.approx(
        (1 - (0.95 ** 4 / (1 - 0.0341)) ** (1 / 3)) * 100)
    growth = required_growth(dataset.indicators, dataset.values, 2024)
    assert _row(growth[growth.target_year == 2024], 18).required_per_year == pytest.approx(5.524, abs=5e-4)


def test_patents_use_the_binding_2023_target(dataset):
    mid = _row(assess(dataset.indicators, dataset.values, 2022), 12)
    final = _row(assess(dataset.indicators, dataset.values, 2024), 12)
    assert mid.target_year == 2023 and final.target_year == 2024
    assert mid.progress_ratio == pytest.approx((14.6 / 13.4 - 1) / ((18 / 13.4) ** (1 / 3) - 1))
    assert mid.status == "moderate"  # 0.87: reach 18 by 2023 is the binding promise
    # against 2024: (14.6/13.4 − 1) / ((18/13.4)^(1/4) − 1) = 0.0896/0.0766 = 1.17, on track by pace; but in the
    # final evaluation the printed baselines alone (no value from 2022 on) give no verdict
    assert final.progress_ratio == pytest.approx(1.17, abs=0.005)
    assert final.status == "insufficient_data" and final.verdict == ""


def test_the_final_evaluation_needs_a_value_from_the_plan_period(dataset):
    values = pd.concat([dataset.values, pd.DataFrame([
        {"indicator_id": 12, "series": "", "year": 2022, "value_type": "actual", "value": 16.0}])], ignore_index=True)
    # 13.4 (2020) → 16 (2022): (16/13.4)^(1/2) − 1 = 9.27 % a year against (18/13.4)^(1/4) − 1 = 7.66 %: on track
    final = _row(assess(dataset.indicators, values, 2024), 12)
    assert final.status == "on_track" and final.as_of_year == 2022
    # without it, the 2022 report (before the first target year) still judges the baselines' pace; the 2023 review,
    # its interim target's year come, has no value of the plan period to judge it by, as the final evaluation
    assert _row(assess(dataset.indicators, dataset.values, 2022), 12).status == "moderate"
    mid_term = _row(assess(dataset.indicators, dataset.values, 2023), 12)
    assert (mid_term.status, mid_term.verdict, mid_term.target_year) == ("insufficient_data", "", 2023)
    printed = assess(dataset.indicators, dataset.values, 2024)
    numeric = printed[printed["status"] != "qualitative"]
    assert set(numeric["status"]) == {"insufficient_data"}
    assert numeric["latest_value"].notna().all()  # the latest printed value stays shown


def test_maintain_targets_and_composites(dataset):
    assessment = assess(dataset.indicators, dataset.values, 2022)
    for indicator_id in (7, 9, 13):
        assert _row(assessment, indicator_id).status == "achieved"
    assert _row(assessment, 4, "provincial").status == "moving_away"
    assert _row(assessment, 4, "national").status == "insufficient"
    headline = headline_status(assessment).set_index("indicator_id")["status"]
    assert headline[4] == "moving_away"  # the worst series decides
    assert headline[5] == "insufficient"
    counts = status_counts(assessment)
    assert counts["qualitative"] == 3
    assert sum(counts.values()) == 26


def test_unsd_cut_offs_differ_from_eurostat(dataset):
    # indicator 14 without its 2023 target: 80 → 85 (2020 → 2021) against 120 in 2024, in the 2023 review:
    # (85/80 − 1) / ((120/80)^(1/4) − 1) = 0.0625/0.1067 = 0.586
    values = dataset.values[~((dataset.values.indicator_id == 14) & (dataset.values.year == 2023))]
    eurostat = _row(assess(dataset.indicators, values, 2023, "eurostat"), 14)
    unsd = _row(assess(dataset.indicators, values, 2023, "unsd"), 14)
    assert eurostat.progress_ratio == pytest.approx(0.586, abs=0.001)
    assert 0.5 <= eurostat.progress_ratio < 0.6
    assert eurostat.status == "insufficient" and unsd.status == "moderate"


def test_unknown_scheme_is_refused(dataset):
    with pytest.raises(InputError, match="unknown cut-off scheme 'oecd'"):
        assess(dataset.indicators, dataset.values, 2024, "oecd")


def test_binding_target_is_the_next_target_year(dataset):
    targets = {2023: 1500.0, 2024: 1600.0}
    assert binding_target(targets, 2022) == (2023, 1500.0)
    assert binding_target(targets, 2023) == (2023, 1500.0)
    assert binding_target(targets, 2024) == (2024, 1600.0)
    assert binding_target(targets, 2026) == (2024, 1600.0)
    assert all(math.isnan(x) for x in binding_target({}, 2024))
    # and the assessment uses it: the 2022 report is held against the 2023 target
    row = _row(assess(dataset.indicators, dataset.values, 2022), 10)
    assert (row.target_year, row.target_value) == (2023, 1500)


def test_rates():
    assert compound_rate(100, 121, 2) == pytest.approx(0.1)
    assert math.isnan(compound_rate(0, 5, 2))
    assert math.isnan(compound_rate(-1, 5, 2))
    assert linear_rate(2.36, 2.40, 1) == pytest.approx(0.04)
    assert math.isnan(linear_rate(1, 2, 0))


# --- properties -------------------------------------------------------------------------------

def _single_series(kind, direction, base, latest, target, years=(2020, 2021), target_year=2024, report_year=2023):
    indicators = pd.DataFrame([{"indicator_id": 1, "series": "", "kind": kind, "direction": direction, "core": False}])
    values = pd.DataFrame([
        {"indicator_id": 1, "series": "", "year": years[0], "value_type": "baseline", "value": base},
        {"indicator_id": 1, "series": "", "year": years[1], "value_type": "baseline", "value": latest},
        {"indicator_id": 1, "series": "", "year": target_year, "value_type": "target", "value": target},
    ])
    return assess(indicators, values, report_year).iloc[0]


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(["count", "amount", "share", "intensity", "rate_of_change"])


@settings(max_examples=200, deadline=None)
@given(base=finite, latest=finite, target=finite, kind=st.sampled_from(["share", "rate_of_change"]))
def test_mirroring_values_and_direction_gives_the_same_status(base, latest, target, kind):
    """Linear methods are symmetric: -v with 'lower is better' is the same problem as v with 'higher'."""
    higher = _single_series(kind, "higher", base, latest, target)
    lower = _single_series(kind, "lower", -base, -latest, -target)
    assert higher.status == lower.status
    if not math.isnan(higher.progress_ratio):
        assert lower.progress_ratio == pytest.approx(higher.progress_ratio, rel=1e-9, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(base=finite, latest=finite, target=finite, kind=kinds,
       direction=st.sampled_from(["higher", "lower", "at_least", "at_most"]))
def test_achieved_exactly_when_the_level_test_holds(base, latest, target, kind, direction):
    row = _single_series(kind, direction, base, latest, target)
    level_met = latest >= target if direction in ("higher", "at_least") else latest <= target
    assert (row.status in ("achieved", "achieved_at_risk")) == level_met


@settings(max_examples=300, deadline=None)
@given(base=finite, latest=finite, target=finite, kind=kinds,
       direction=st.sampled_from(["higher", "lower", "at_least", "at_most"]))
def test_never_infinite_and_always_a_known_status(base, latest, target, kind, direction):
    row = _single_series(kind, direction, base, latest, target)
    assert row.status in STATUSES
    for column in ("gap", "gap_pct", "completion", "time_elapsed", "observed_cagr", "observed_per_year",
                   "required_cagr", "required_per_year", "progress_ratio", "projected_value",
                   "anticipated_progress"):
        value = row[column]
        assert not (isinstance(value, float) and math.isinf(value)), column
    assert np.isfinite(row.gap) and np.isfinite(row.time_elapsed)
    assert np.isfinite(row.observed_per_year)
    if row.status in ("on_track", "moderate") or (row.status == "insufficient" and base != target):
        assert np.isfinite(row.progress_ratio)


def test_a_year_missed_early_settles_a_target_held_every_year():
    # ≥90 every year to 2024, baseline 88 in 2021; 89.0 in 2022 misses it, 91.0 in 2023 meets it.
    # At the 2023 review the target is already not achieved (one year short), though 2024 is still ahead:
    # a final verdict on the latest value, 91.0 / 90 = 101.1 %, nothing short now, missed in 2022 by 90 − 89 = 1.0:
    # the shortfall the verdict rests on, never 0 beside "not achieved".
    series = Series(points=[(2021, 88.0), (2022, 89.0), (2023, 91.0)], targets={2024: 90.0})
    row = assess_series(series, "share", "at_least", 2023, 2021, SCHEMES["eurostat"], plan_start=2022)
    assert (row["status"], row["verdict"], row["missed_years"]) == ("not_achieved", "final", "2022")
    assert row["completion_rate"] == pytest.approx(91.0 / 90.0)
    assert row["shortfall"] == 1.0
    assert row["gap"] == -1.0  # the latest value's: 90 − 91
    # The same values with 2022 at 90.0 miss no year: before 2024 the level is met, a progress verdict.
    held = Series(points=[(2021, 88.0), (2022, 90.0), (2023, 91.0)], targets={2024: 90.0})
    row = assess_series(held, "share", "at_least", 2023, 2021, SCHEMES["eurostat"], plan_start=2022)
    assert (row["status"], row["verdict"], row["missed_years"]) == ("achieved", "progress", "")
    # A ceiling: ≤ 5 every year; 5.5 in 2022 is over it.
    ceiling = Series(points=[(2021, 6.0), (2022, 5.5), (2023, 4.8)], targets={2024: 5.0})
    row = assess_series(ceiling, "share", "at_most", 2023, 2021, SCHEMES["eurostat"], plan_start=2022)
    assert (row["status"], row["missed_years"]) == ("not_achieved", "2022")


def test_a_level_set_for_several_years_is_held_from_the_first_of_them():
    # Weihai's good-air days: the plan prints 90 for 2023 and for 2024, none for 2022 (its preparation year).
    # 89.5 in 2022 misses no target: at the 2023 review, 91.2 meets 2023's (101.3 %), 2024's to come next: achieved
    # on a stage year, which the reports show as met so far; at the 2024 review, 92 meets 2024's: achieved,
    # 92 / 90 = 102.2 %.
    points = [(2020, 90.4), (2021, 90.1), (2022, 89.5), (2023, 91.2)]
    series = Series(points=points, targets={2023: 90.0, 2024: 90.0})
    row = assess_series(series, "share", "at_least", 2023, 2020, SCHEMES["eurostat"], plan_start=2022)
    assert (row["status"], row["verdict"], row["missed_years"]) == ("achieved", "final", "")
    assert (row["target_year"], row["next_target_year"]) == (2023, 2024)
    assert row["completion_rate"] == pytest.approx(91.2 / 90)
    final = Series(points=[*points, (2024, 92.0)], targets={2023: 90.0, 2024: 90.0})
    row = assess_series(final, "share", "at_least", 2024, 2020, SCHEMES["eurostat"], plan_start=2022)
    assert (row["status"], row["verdict"], row["missed_years"]) == ("achieved", "final", "")
    assert row["completion_rate"] == pytest.approx(92.0 / 90.0)
    # 89 in 2023, a year the plan sets the level for: missed, a final verdict already at the 2023 review
    missed = Series(points=[(2020, 90.4), (2021, 90.1), (2022, 89.5), (2023, 89.0)], targets={2023: 90.0, 2024: 90.0})
    row = assess_series(missed, "share", "at_least", 2023, 2020, SCHEMES["eurostat"], plan_start=2022)
    assert (row["status"], row["verdict"], row["missed_years"]) == ("not_achieved", "final", "2023")
    assert row["shortfall"] == 1.0
    assert row["held_from"] == 2023  # the year the reports and the cards hold it from
    # set once, for the last year: held from the plan's start (2022); a target not held every year has no such year
    once = assess_series(Series(points=points, targets={2024: 90.0}), "share", "at_least", 2023, 2020,
                         SCHEMES["eurostat"], plan_start=2022)
    assert (once["held_from"], once["missed_years"]) == (2022, "2022")
    reach = assess_series(series, "share", "higher", 2023, 2020, SCHEMES["eurostat"], plan_start=2022)
    assert np.isnan(reach["held_from"])


def test_a_progress_verdict_on_one_value_of_the_plan_period_is_low_evidence():
    # Baselines 2020 and 2021, one actual 2022 (the plan period starts 2022): three points, but a single value of the
    # plan's years, as the reports flag it; a second actual (2023) makes it four points, two in the plan: high.
    single = Series(points=[(2020, 3.1), (2021, 2.7), (2022, 2.9)], targets={2024: 3.3})
    row = assess_series(single, "share", "higher", 2024, 2020, SCHEMES["eurostat"], plan_start=2022)
    assert (row["verdict"], row["n_points"], row["evidence"]) == ("progress", 3, "low")
    two = Series(points=[(2020, 3.1), (2021, 2.7), (2022, 2.9), (2023, 3.0)], targets={2024: 3.3})
    row = assess_series(two, "share", "higher", 2024, 2020, SCHEMES["eurostat"], plan_start=2022)
    assert row["evidence"] == "high"
    # a final verdict reads the target year's value alone: never low for that
    final = Series(points=[(2020, 3.1), (2021, 2.7), (2024, 3.4)], targets={2024: 3.3})
    row = assess_series(final, "share", "higher", 2024, 2020, SCHEMES["eurostat"], plan_start=2022)
    assert (row["verdict"], row["evidence"]) == ("final", "medium")


def test_the_table_carries_the_status_the_reports_show_and_no_float_noise():
    # 8.4 (2020) → 9.3 (2023) against 10 in 2024, no 2024 value at the final: +0.3 a year seen, 0.7 needed in one
    # year: moderate by the ratio, but the year has come, so the reports show "projected to miss" (overdue).
    # 9.3 − 8.4 is 0.9000000000000004 in floats; the table keeps 0.9, and 0.3 a year.
    indicators = pd.DataFrame({"indicator_id": [21], "series": [""], "core": [False], "kind": ["share"],
                               "direction": ["higher"]})
    values = pd.DataFrame({"indicator_id": [21] * 4, "series": [""] * 4,
                           "value_type": ["baseline", "baseline", "actual", "target"],
                           "year": [2020, 2021, 2023, 2024], "value": [8.4, 8.6, 9.3, 10.0]})
    row = method.assess(indicators, values, 2024, 2020).iloc[0]
    assert (row["status"], row["shown_status"]) == ("moderate", "overdue")
    assert row["observed_per_year"] == 0.3 and row["gap"] == 0.7
    assert 9.3 - 8.4 != 0.9  # the noise the table leaves out
