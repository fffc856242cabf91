"""Synthetic plans at scale, to time the assessment on many series (``benchmarks/assessment.py``).

:func:`synthetic_plans` builds ``indicators`` and ``values`` tables with the columns and dtypes of
the real ones for any number of plans: one series per indicator, a mix of kinds and directions like
the real plan's, a 2020 baseline, yearly actuals with gaps, two targets, and the awkward cases the
method has fallbacks for (zero and negative values, missing baselines, printed baselines overridden
by actuals, series with no points, maintain targets).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.vocabulary import INDICATOR_COLUMNS as INDICATOR_DTYPES
from analysis.vocabulary import VALUE_COLUMNS as VALUE_DTYPES

BASE_YEAR = 2020

KIND_SHARES = {"share": 11, "count": 8, "intensity": 4, "amount": 2, "rate_of_change": 2, "qualitative": 3}
"""Kinds drawn in about the real plan's proportions (30 indicators)."""
DIRECTION_SHARES = {"higher": 0.55, "lower": 0.20, "at_least": 0.15, "at_most": 0.10}
PLAN_ID_STRIDE = 1000
"""indicator_id = plan × PLAN_ID_STRIDE + position (1-based), unique across plans."""

INDICATOR_COLUMNS = list(INDICATOR_DTYPES)
VALUE_COLUMNS = list(VALUE_DTYPES)
UNITS = {"share": ("%", "%"), "count": ("个", "units"), "intensity": ("件", "per 10,000 people"),
         "amount": ("亿元", "100 million yuan"), "rate_of_change": ("%", "%"), "qualitative": ("", "")}


def _str_column(values) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=object)).astype("str")


def synthetic_plans(n_plans: int, n_indicators: int = 30, n_years: int = 10,
                    seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(indicators, values)`` for ``n_plans`` synthetic plans of ``n_indicators`` series each.

    Years run from the 2020 baseline to ``2020 + n_years − 1``; each numeric series has two
    targets (the first in 2023 or 2024, the second later, within the span) and actuals after the
    baseline with about one year in eight missing. Qualitative indicators have no values.
    Deterministic for a given ``seed`` (``numpy.random.default_rng``).
    """
    if n_plans < 1 or n_indicators < 1:
        raise ValueError("need at least one plan and one indicator")
    if not 3 <= n_years <= 11:
        raise ValueError("n_years must be 3 to 11 (two distinct targets within 2021–2030)")
    if n_indicators >= PLAN_ID_STRIDE:
        raise ValueError(f"at most {PLAN_ID_STRIDE - 1} indicators a plan")
    rng = np.random.default_rng(seed)
    n = n_plans * n_indicators
    last_year = BASE_YEAR + n_years - 1

    # --- indicators -------------------------------------------------------------------------
    plan = np.repeat(np.arange(n_plans), n_indicators)
    position = np.tile(np.arange(1, n_indicators + 1), n_plans)
    kinds = np.array(list(KIND_SHARES))
    weights = np.array(list(KIND_SHARES.values()), dtype=float)
    kind = kinds[rng.choice(len(kinds), size=n, p=weights / weights.sum())]
    directions = np.array(list(DIRECTION_SHARES))
    direction = directions[rng.choice(len(directions), size=n, p=list(DIRECTION_SHARES.values()))]
    direction = np.where(kind == "qualitative", "none", direction)
    # a yearly floor on a rate of decline is a floor: mostly "at least"
    direction = np.where((kind == "rate_of_change") & (rng.random(n) < 0.7), "at_least", direction)
    core = rng.random(n) < 0.3
    indicator_id = plan * PLAN_ID_STRIDE + position
    unit_zh = [UNITS[k][0] for k in kind]
    unit_en = [UNITS[k][1] for k in kind]
    indicators = pd.DataFrame({
        "indicator_id": indicator_id.astype(np.int64),
        "series": _str_column([""] * n),
        "category_zh": _str_column([f"第{p % 5 + 1}类" for p in position]),
        "category_en": _str_column([f"Category {p % 5 + 1}" for p in position]),
        "name_zh": _str_column([f"合成指标{i}" for i in indicator_id]),
        "name_en": _str_column([f"Synthetic indicator {i}" for i in indicator_id]),
        "short_name_zh": _str_column([f"指标{p}" for p in position]),
        "short_name_en": _str_column([f"Indicator {p}" for p in position]),
        "unit_zh": _str_column(unit_zh), "unit_en": _str_column(unit_en),
        "core": core.astype(bool), "direction": _str_column(direction), "kind": _str_column(kind),
        "running_total": np.zeros(n, dtype=bool), "bare_target": np.zeros(n, dtype=bool),
        "source_line": (np.arange(n) + 1).astype(np.int64),
        "lead_department_zh": _str_column([f"第{p % 3 + 1}部门" for p in position]),
        "lead_department_en": _str_column([f"Department {p % 3 + 1}" for p in position]),
        "departments_zh": _str_column([f"第{p % 3 + 1}部门" for p in position]),
        "departments_en": _str_column([f"Department {p % 3 + 1}" for p in position]),
        "department_basis": _str_column(["assigned"] * n), "department_line": np.zeros(n, dtype=np.int64),
    })[INDICATOR_COLUMNS]

    # --- levels: one row per series, one column per year --------------------------------------
    years = np.arange(BASE_YEAR, last_year + 1)
    sign = np.where(np.isin(direction, ["lower", "at_most"]), -1.0, 1.0)
    # three in four series move the right way
    trend_sign = np.where(rng.random(n) < 0.75, sign, -sign)
    linear = np.isin(kind, ["share"])
    compound = np.isin(kind, ["count", "intensity", "amount"])
    floor = kind == "rate_of_change"
    base = np.where(linear, rng.uniform(1, 90, n), 10 ** rng.uniform(0, 5, n))
    step = trend_sign * np.abs(rng.normal(0.6, 0.6, n))            # points a year (shares)
    growth = trend_sign * np.abs(rng.normal(0.05, 0.05, n))        # fraction a year (compound kinds)
    elapsed = (years - BASE_YEAR)[None, :]
    noise = rng.normal(0, 1, (n, n_years))
    level = np.where(linear[:, None], base[:, None] + step[:, None] * elapsed + 0.3 * noise,
                     base[:, None] * np.exp(np.log1p(np.clip(growth, -0.5, None))[:, None] * elapsed + 0.02 * noise))
    # a rate of decline is read year by year, around 2–5 %, sometimes negative (a rise)
    level = np.where(floor[:, None], rng.normal(3.5, 2.0, (n, n_years)), level)
    level[:, 0] = np.where(floor, np.nan, level[:, 0])               # no 2020 "rate" needed for floors
    level[:, 0] = np.where(floor & (rng.random(n) < 0.5), rng.normal(3.5, 2.0, n), level[:, 0])
    # zero and negative values, to exercise the compound-to-linear fallbacks
    zero_base = compound & (rng.random(n) < 0.04)
    level[zero_base, 0] = 0.0
    negative = (rng.random((n, n_years)) < 0.015) & ~floor[:, None]
    level = np.where(negative, -np.abs(level), level)
    level = np.round(level, 2)

    # --- which points exist -------------------------------------------------------------------
    numeric = kind != "qualitative"
    empty = numeric & (rng.random(n) < 0.01)                         # in the table, no values at all
    targets_only = numeric & ~empty & (rng.random(n) < 0.01)         # targets but no points
    has_points = numeric & ~empty & ~targets_only
    present = has_points[:, None] & (rng.random((n, n_years)) >= 0.125)
    present[:, 0] = has_points & (rng.random(n) >= 0.03) & ~np.isnan(level[:, 0])  # a few lack a baseline
    # about one series in five has a printed 2021 baseline that the 2021 actual overrides
    printed_2021 = has_points & (rng.random(n) < 0.2)

    # --- targets ------------------------------------------------------------------------------
    first_target = np.minimum(BASE_YEAR + 3 + rng.integers(0, 2, n), last_year - 1)
    second_target = np.minimum(first_target + rng.integers(1, 7, n), last_year)
    target_years = np.stack([first_target, second_target], axis=1)
    ambition = np.abs(rng.normal(1.0, 0.5, (n, 1)))
    target_base = np.where(np.isnan(level[:, 0]) | (level[:, 0] == 0), np.abs(base), level[:, 0])[:, None]
    span = target_years - BASE_YEAR
    target_value = np.where(
        linear[:, None], target_base + sign[:, None] * ambition * 0.8 * span,
        target_base * (1 + sign[:, None] * np.minimum(ambition * 0.06, 0.5)) ** span)
    target_value = np.where(floor[:, None], np.round(rng.uniform(2, 5, (n, 1)), 1) * np.ones((1, 2)), target_value)
    maintain = (rng.random(n) < 0.1)[:, None]                           # at or behind the baseline
    target_value = np.where(maintain & ~floor[:, None], target_base - sign[:, None] * np.abs(target_base) * 0.05,
                            target_value)
    target_value = np.where((rng.random((n, 1)) < 0.01) & ~floor[:, None], 0.0, target_value)
    target_value = np.round(target_value, 2)
    has_targets = has_points | targets_only

    # --- the values table ---------------------------------------------------------------------
    series_index, year_index = np.nonzero(present)
    point_type = np.where(year_index == 0, "baseline", "actual")
    extra = np.flatnonzero(printed_2021)
    extra_value = np.round(level[extra, 1] * (1 + rng.normal(0, 0.02, len(extra))), 2)
    target_index = np.repeat(np.flatnonzero(has_targets), 2)
    which_target = np.tile([0, 1], int(has_targets.sum()))
    rows = {
        "series_index": np.concatenate([series_index, extra, target_index]),
        "year": np.concatenate([years[year_index], np.full(len(extra), BASE_YEAR + 1),
                                target_years[target_index, which_target]]),
        "value_type": np.concatenate([point_type, np.full(len(extra), "baseline"),
                                      np.full(len(target_index), "target")]),
        "value": np.concatenate([level[series_index, year_index], extra_value,
                                 target_value[target_index, which_target]]),
    }
    # sorted as load_monitoring_data sorts: indicator, series, value type, year
    type_rank = pd.Categorical(rows["value_type"], categories=["actual", "baseline", "target"]).codes
    order = np.lexsort((rows["year"], type_rank, rows["series_index"]))
    value = rows["value"][order].astype(float)
    values = pd.DataFrame({
        "indicator_id": indicator_id[rows["series_index"][order]].astype(np.int64),
        "series": _str_column([""] * len(order)),
        "year": rows["year"][order].astype(np.int64),
        "value_type": _str_column(rows["value_type"][order]),
        "value": value,
        "printed_text": _str_column(np.char.mod("%g", value)),
        "source": _str_column(np.char.add("synthetic-plan-", (plan[rows["series_index"][order]]).astype(str))),
        "source_line": (np.arange(len(order)) + 1).astype(np.int64),
        "processing": _str_column([""] * len(order)),
        "reference": _str_column([""] * len(order)),
        "note": _str_column([""] * len(order)),
    })[VALUE_COLUMNS]
    return indicators, values
