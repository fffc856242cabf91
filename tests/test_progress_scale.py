"""The vectorised assessment against a plain per-row loop, on synthetic plans and on the real one.

``assess_row_by_row`` (analysis.synthetic) computes every column with scalar ``math`` from a
dictionary of points built in one pass: it shares no code with the vectorised helpers, so any
difference in matching, sorting, the binding target, a fallback or a status shows up here.
Timings live in benchmarks/assessment.py, not in the tests.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest

from analysis.pipeline import load_monitoring_data
from analysis.progress import BASE_YEAR, METHOD_BY_KIND, assess, required_growth
from analysis.schemes import SCHEMES
from analysis.synthetic import PLAN_ID_STRIDE, assess_row_by_row, synthetic_plans

REPORT_YEARS = range(2021, 2025)
SEEDS = (0, 1, 7)
N_PLANS = 20


@lru_cache(maxsize=None)
def _plans(n_plans: int, seed: int, n_indicators: int = 30, n_years: int = 10):
    return synthetic_plans(n_plans, n_indicators=n_indicators, n_years=n_years, seed=seed)


@pytest.fixture(scope="module")
def real():
    data = load_monitoring_data()
    return data.indicators, data.values


def assert_same_assessment(vectorised: pd.DataFrame, oracle: pd.DataFrame) -> None:
    """Same columns, dtypes and rows; labels, statuses and integers exact; floats to 1e-9 with NaN in the same places."""
    assert list(vectorised.columns) == list(oracle.columns)
    assert vectorised.dtypes.to_dict() == oracle.dtypes.to_dict()
    assert len(vectorised) == len(oracle)
    for column in vectorised.columns:
        left, right = vectorised[column], oracle[column]
        if left.dtype == float:
            # atol only absorbs a last-digit difference of pow() on a rate that is ~0
            np.testing.assert_allclose(left.to_numpy(), right.to_numpy(), rtol=1e-9, atol=1e-12, equal_nan=True,
                                       err_msg=column)
        else:
            mismatch = ~((left == right).fillna(False) | (left.isna() & right.isna()))
            assert not mismatch.any(), (column, vectorised.loc[mismatch, ["indicator_id", column]].head(),
                                        oracle.loc[mismatch, ["indicator_id", column]].head())


# --- (a) synthetic plans ------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_assess_equals_the_row_by_row_loop_on_synthetic_plans(seed, scheme):
    indicators, values = _plans(N_PLANS, seed)
    for report_year in REPORT_YEARS:
        assert_same_assessment(assess(indicators, values, report_year, scheme),
                               assess_row_by_row(indicators, values, report_year, scheme))


def test_synthetic_plans_cover_every_status_and_method():
    """The comparison above is only worth something if the data reach every branch."""
    indicators, values = _plans(N_PLANS, 0)
    statuses, methods = set(), set()
    for report_year in REPORT_YEARS:
        result = assess(indicators, values, report_year)
        statuses |= set(result["status"])
        methods |= set(result["method"])
    assert statuses == {"achieved", "achieved_at_risk", "on_track", "moderate", "insufficient", "moving_away",
                        "insufficient_data", "qualitative"}
    assert methods == {"linear", "compound", "annual_floor", "none"}


def test_the_comparison_catches_a_changed_value():
    """A wrong number, a wrong status or a shifted row must fail the comparison."""
    indicators, values = _plans(N_PLANS, 0)
    oracle = assess_row_by_row(indicators, values, 2024)
    result = assess(indicators, values, 2024)
    changed = result.copy()
    row = int(np.flatnonzero(np.isfinite(changed["progress_ratio"]))[0])
    changed.loc[row, "progress_ratio"] *= 1 + 1e-6
    with pytest.raises(AssertionError):
        assert_same_assessment(changed, oracle)
    changed = result.copy()
    changed.loc[row, "status"] = "on_track" if changed.loc[row, "status"] != "on_track" else "moderate"
    with pytest.raises(AssertionError):
        assert_same_assessment(changed, oracle)
    with pytest.raises(AssertionError):
        assert_same_assessment(result.iloc[::-1].reset_index(drop=True), oracle)
    # an actual dropped from the values changes the assessment of its series
    actual = values.index[(values["value_type"] == "actual") & (values["year"] == 2024)][0]
    with pytest.raises(AssertionError):
        assert_same_assessment(assess(indicators, values.drop(index=actual), 2024), oracle)


def test_row_order_and_value_order_do_not_matter():
    """Rows come out in the indicators' order, whatever the order of the values table."""
    indicators, values = _plans(N_PLANS, 1)
    shuffled_values = values.sample(frac=1, random_state=3).reset_index(drop=True)
    reversed_indicators = indicators.iloc[::-1].reset_index(drop=True)
    result = assess(reversed_indicators, shuffled_values, 2023)
    assert result["indicator_id"].tolist() == reversed_indicators["indicator_id"].tolist()
    assert_same_assessment(result, assess_row_by_row(reversed_indicators, values, 2023))


def test_awkward_tables_match_the_loop_too():
    """Cases the synthetic plans do not produce: points before the base year, repeated and unknown keys."""
    indicators = pd.DataFrame({
        "indicator_id": [1, 2, 2, 3, 4, 5, 1], "series": ["", "a", "b", "", "", "", ""],
        "kind": ["count", "share", "rate_of_change", "amount", "intensity", "share", "count"],
        "direction": ["higher", "lower", "at_least", "at_most", "higher", "higher", "higher"],
        "core": [True, False, True, False, False, True, True]})  # the last row repeats the first key
    rows = [
        (1, "", 2019, "actual", 50.0), (1, "", 2020, "baseline", 60.0), (1, "", 2022, "actual", 80.0),
        (1, "", 2022, "baseline", 75.0), (1, "", 2024, "target", 100.0), (1, "", 2024, "target", 90.0),
        (2, "a", 2018, "baseline", 30.0), (2, "a", 2021, "actual", 28.0), (2, "a", 2025, "target", 20.0),
        (2, "b", 2021, "actual", 4.2), (2, "b", 2022, "actual", -1.0), (2, "b", 2023, "actual", 6.0),
        (2, "b", 2024, "target", 5.0), (2, "c", 2021, "actual", 9.0),  # series c is not in the indicators
        (3, "", 2023, "target", 10.0), (3, "", 2021, "estimate", 4.0),  # targets only; an unknown value type
        (4, "", 2020, "baseline", 0.0), (4, "", 2023, "actual", 3.0), (4, "", 2022, "target", 5.0),
        (9, "", 2020, "baseline", 1.0), (9, "", 2024, "target", 2.0),
    ]
    values = pd.DataFrame(rows, columns=["indicator_id", "series", "year", "value_type", "value"])
    for report_year in (2019, 2021, 2022, 2023, 2024, 2026):
        result = assess(indicators, values, report_year)
        assert_same_assessment(result, assess_row_by_row(indicators, values, report_year))
        pd.testing.assert_frame_equal(result.iloc[[0]].reset_index(drop=True),
                                      result.iloc[[6]].reset_index(drop=True), check_exact=True)
    first = assess(indicators, values, 2024).iloc[0]
    assert (first.base_year, first.base_value, first.latest_value, first.target_value) == (2020, 60.0, 80.0, 100.0)


# --- (b) the real plan --------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("report_year", REPORT_YEARS)
def test_assess_equals_the_row_by_row_loop_on_the_real_plan(real, report_year, scheme):
    indicators, values = real
    assert_same_assessment(assess(indicators, values, report_year, scheme),
                           assess_row_by_row(indicators, values, report_year, scheme))


# --- (c) the synthetic tables -------------------------------------------------------------------

def test_synthetic_plans_are_deterministic():
    first, again = synthetic_plans(5, seed=3), synthetic_plans(5, seed=3)
    pd.testing.assert_frame_equal(first[0], again[0], check_exact=True)
    pd.testing.assert_frame_equal(first[1], again[1], check_exact=True)
    other = synthetic_plans(5, seed=4)
    assert not first[1]["value"].equals(other[1]["value"])


@pytest.mark.parametrize("n_plans, n_indicators, n_years", [(N_PLANS, 30, 10), (3, 7, 4)])
def test_synthetic_plans_have_the_promised_shape(real, n_plans, n_indicators, n_years):
    indicators, values = _plans(n_plans, 0, n_indicators, n_years)
    real_indicators, real_values = real
    assert list(indicators.columns) == list(real_indicators.columns)
    assert list(values.columns) == list(real_values.columns)
    assert indicators.dtypes.to_dict() == real_indicators.dtypes.to_dict()
    assert values.dtypes.to_dict() == real_values.dtypes.to_dict()

    # one series per indicator, ids unique across plans
    assert len(indicators) == n_plans * n_indicators
    assert indicators["indicator_id"].is_unique and (indicators["series"] == "").all()
    assert sorted(set(indicators["indicator_id"] // PLAN_ID_STRIDE)) == list(range(n_plans))
    assert not values.duplicated(["indicator_id", "series", "year", "value_type"]).any()
    assert set(values["indicator_id"]) <= set(indicators["indicator_id"])
    assert values["year"].between(BASE_YEAR, BASE_YEAR + n_years - 1).all()
    assert set(indicators["kind"]) <= set(METHOD_BY_KIND)
    qualitative = indicators["kind"] == "qualitative"
    assert (indicators.loc[qualitative, "direction"] == "none").all()
    assert set(indicators.loc[~qualitative, "direction"]) <= {"higher", "lower", "at_least", "at_most"}
    assert not values["indicator_id"].isin(indicators.loc[qualitative, "indicator_id"]).any()

    # baselines in 2020 (and printed 2021 ones), actuals after, two distinct targets per series
    baselines = values[values["value_type"] == "baseline"]
    assert set(baselines["year"]) <= {BASE_YEAR, BASE_YEAR + 1}
    assert (values.loc[values["value_type"] == "actual", "year"] > BASE_YEAR).all()
    targets = values[values["value_type"] == "target"].groupby("indicator_id")["year"]
    assert (targets.nunique() == 2).all() and (targets.min() > BASE_YEAR).all()
    if n_plans == N_PLANS:
        assert set(indicators["kind"]) == set(METHOD_BY_KIND)
        assert set(indicators["direction"]) == {"higher", "lower", "at_least", "at_most", "none"}
        assert (values["value"] <= 0).any()  # fallbacks for zero and negative values
        assert (~indicators.loc[~qualitative, "indicator_id"].isin(values["indicator_id"])).any()  # no values
        assert 8 * n_plans * n_indicators < len(values) < 11 * n_plans * n_indicators


# --- (d) required growth ------------------------------------------------------------------------

@pytest.mark.parametrize("report_year", [2021, 2024])
def test_required_growth_has_one_row_per_numeric_series_with_points_and_target(report_year):
    indicators, values = _plans(N_PLANS, 1)
    growth = required_growth(indicators, values, report_year)

    numeric = indicators[indicators["kind"] != "qualitative"]
    points = values[values["value_type"].isin(["baseline", "actual"]) & (values["year"] <= report_year)]
    targets = values[values["value_type"] == "target"]
    with_points = numeric[numeric["indicator_id"].isin(points["indicator_id"])]
    expected = with_points[["indicator_id"]].merge(targets[["indicator_id", "year", "value"]], on="indicator_id")
    expected = expected.sort_values("year", kind="stable")
    order = {indicator_id: i for i, indicator_id in enumerate(indicators["indicator_id"])}
    expected = expected.sort_values("indicator_id", key=lambda s: s.map(order), kind="stable")
    assert len(growth) == len(expected) > 0
    assert growth["indicator_id"].tolist() == expected["indicator_id"].tolist()
    assert growth["target_year"].tolist() == expected["year"].tolist()
    assert growth["target_value"].tolist() == expected["value"].tolist()

    latest = points.sort_values("year").groupby("indicator_id")["year"].max()
    assert (growth["from_year"].to_numpy() == latest.loc[growth["indicator_id"]].to_numpy()).all()
    assert (growth["report_year"] == report_year).all()
    assert (growth["method"] == growth["kind"].map(METHOD_BY_KIND)).all()
    floor = growth["kind"] == "rate_of_change"
    assert growth.loc[floor, "required_cagr"].isna().all()

    # the row of the binding target repeats what the assessment says about that target
    assessment = assess(indicators, values, report_year)
    binding = growth.merge(assessment[["indicator_id", "target_year", "required_cagr", "required_per_year"]],
                           on=["indicator_id", "target_year"], suffixes=("", "_assessed"))
    assert len(binding) == with_points["indicator_id"].isin(targets["indicator_id"]).sum()
    for column in ("required_cagr", "required_per_year"):
        np.testing.assert_allclose(binding[column], binding[f"{column}_assessed"], rtol=1e-9, equal_nan=True,
                                   err_msg=column)
