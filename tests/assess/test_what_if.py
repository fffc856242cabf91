"""Notebook 04's questions of one series, with the answers worked out by hand."""
from __future__ import annotations

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
