"""Questions a researcher asks of one series: how the verdict depends on the method, and "what if".

Used by ``notebooks/04_explore_indicator.ipynb``; the report itself does not depend on them.
"""
from __future__ import annotations

import math

import pandas as pd

from ..settings import SCHEMES
from ..vocabulary import METHOD_BY_KIND
from .assessment import assess_series, plan_start_year, series_by_key
from .rates import compound_rate, direction_sign, linear_rate


def sensitivity(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int, base_year: int,
                indicator_id: int, series: str = "") -> pd.DataFrame:
    """The series' progress ratio and status by every cut-off scheme, with linear and compound rates."""
    meta = indicators[(indicators["indicator_id"] == indicator_id) & (indicators["series"] == series)].iloc[0]
    data = series_by_key(values, report_year)[(indicator_id, series)]
    rows = []
    for kind in _comparable_kinds(meta.kind):
        for scheme, cut_offs in SCHEMES.items():
            result = assess_series(data, kind, meta.direction, report_year, base_year, cut_offs,
                                   plan_start_year(values))
            rows.append({"rates": METHOD_BY_KIND[kind], "scheme": scheme, "progress_ratio": result["progress_ratio"],
                         "status": result["status"], "verdict": result["verdict"]})
    return pd.DataFrame(rows)


def _comparable_kinds(kind: str) -> list[str]:
    """The kind itself and the kind that measures the same series by the other rate (share ↔ count)."""
    if METHOD_BY_KIND[kind] == "linear":
        return [kind, "count"]
    if METHOD_BY_KIND[kind] == "compound":
        return ["share", kind]
    return [kind]


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
