"""Questions a researcher asks of one series: how the verdict depends on the method, and "what if".

Used by ``notebooks/04_explore_indicator.ipynb`` (its words: :mod:`analysis.report.exploration`); the report
itself does not depend on them. Plain numbers in and out.
"""
from __future__ import annotations

import math

import pandas as pd

from ..settings import SCHEMES
from ..vocabulary import METHOD_BY_KIND
from .assessment import Series, assess_series, binding_target, plan_start_year, series_by_key
from .rates import compound_rate, direction_sign, linear_rate


def sensitivity(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int, base_year: int,
                indicator_id: int, series: str = "") -> pd.DataFrame:
    """The series' progress ratio and status by every cut-off scheme, with its own rates and, for a share, count,
    amount or intensity, the other rates (linear ↔ compound); ``rates`` is the method the assessment then used
    (compound falls back to linear where a value is zero or negative), ``own`` marks the series' own rates. A rank
    is counted in places, a yearly floor met year by year and a qualitative indicator judged apart: they have
    their own method only. A series without values (qualitative) is assessed as one with none."""
    meta = indicators[(indicators["indicator_id"] == indicator_id) & (indicators["series"] == series)].iloc[0]
    data = series_by_key(values, report_year).get((indicator_id, series), Series([], {}))
    rows = []
    for kind in _comparable_kinds(meta.kind):
        for scheme, cut_offs in SCHEMES.items():
            result = assess_series(data, kind, meta.direction, report_year, base_year, cut_offs,
                                   plan_start_year(values))
            rows.append({"rates": result["method"], "scheme": scheme, "progress_ratio": result["progress_ratio"],
                         "status": result["status"], "verdict": result["verdict"], "own": kind == meta.kind})
    return pd.DataFrame(rows).drop_duplicates(["rates", "scheme"]).reset_index(drop=True)


def _comparable_kinds(kind: str) -> list[str]:
    """The kind itself and the kind that measures the same series by the other rate (share ↔ count); a rank, a
    yearly floor and a qualitative indicator have only their own."""
    if kind == "share":
        return [kind, "count"]
    if METHOD_BY_KIND[kind] == "compound":
        return ["share", kind]
    return [kind]


def yearly_checks(points: list[tuple[int, float]], targets: dict[int, float], direction: str,
                  first_year: int) -> list[tuple[int, float, float, bool]]:
    """A target held every year, year by year: (year, value, the target that year binds, met) for each value from
    ``first_year`` (the plan period's first) up to the last target year."""
    if not targets:
        return []
    d = direction_sign(direction)
    checks = []
    for year, value in points:
        if first_year <= year <= max(targets):
            target = binding_target(targets, year)[1]
            checks.append((year, value, target, d * (value - target) >= 0))
    return checks


def year_reached(start_year: int, start_value: float, target: float, rate: float, method: str,
                 direction: str = "higher", horizon: int = 50) -> int | None:
    """The first year the target is reached from ``start_value`` at ``rate`` a year.

    ``rate`` is a fraction for compound growth (0.05 = 5 % a year), units a year for linear growth.
    None when the rate never gets there within ``horizon`` years.
    """
    d = direction_sign(direction)
    if d * (start_value - target) >= 0:
        return start_year
    if method == "compound":
        if start_value <= 0 or target <= 0 or rate <= -1:
            return None
        step = math.log1p(rate)
        needed = math.log(target / start_value)
    else:
        step, needed = rate, target - start_value
    if d * step <= 0:
        return None
    years = math.ceil(needed / step - 1e-12)
    return start_year + years if years <= horizon else None


def growth_needed(from_year: int, from_value: float, target_year: int, target: float) -> dict[str, float]:
    """The growth a year needed from any year and value to a target: compound (a fraction) and linear."""
    years = target_year - from_year
    return {"compound": compound_rate(from_value, target, years), "linear": linear_rate(from_value, target, years)}
