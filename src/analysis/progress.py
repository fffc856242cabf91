"""Progress to target: gap, completion, growth needed and seen, progress ratio and status.

Vectorised over one row per indicator series. Methods (see the notebook 02 method note):

* **Rates.** Shares in % use linear rates (percentage points a year); counts, amounts and
  intensities use compound rates (CAGR), falling back to linear when a value is zero or
  negative; a rate of change (万元GDP综合能耗下降率) is never compounded: it is a floor to be met
  every year, judged by level and trend.
* **Progress ratio** (Eurostat, UNSD 2016–2022): R = d·g_observed / |g_required|, both from the
  baseline; dividing by |g_required| (Open SDG) keeps the sign right when a target lies on the
  "wrong" side of the baseline. Cut-offs: Eurostat 0.95 / 0.60 / 0, UNSD 0.95 / 0.50 / −0.10.
* **Level test first** (UNSD, Destatis): a series whose latest value meets the binding target is
  ``achieved``, or ``achieved_at_risk`` when its linear trend would cross the target before the
  target year.
* **Binding target** (Destatis): the first target year at or after the report year.
* **Completion** (完成进度, ESCAP current status) against **time elapsed** (序时进度), and the
  **projected value** at the observed pace (ESCAP / UNSD anticipated progress).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import InputError

BASE_YEAR = 2020
STATUS_ORDER = ["moving_away", "insufficient", "moderate", "achieved_at_risk", "on_track", "achieved",
                "insufficient_data", "qualitative"]
"""Worst first: the headline of an indicator with several series is its worst status (Destatis)."""

STATUS_LABELS = {
    "achieved": ("已达标", "Achieved"),
    "achieved_at_risk": ("已达标但有回落风险", "Achieved, at risk"),
    "on_track": ("进度正常", "On track"),
    "moderate": ("需加快", "Moderate progress, accelerate"),
    "insufficient": ("进展不足", "Insufficient progress"),
    "moving_away": ("偏离目标", "Moving away"),
    "insufficient_data": ("数据不足", "Insufficient data"),
    "qualitative": ("定性评价", "Qualitative"),
}
STATUS_COLOURS = {
    "achieved": "#1b5e20",
    "achieved_at_risk": "#9ccc65",
    "on_track": "#26a69a",
    "moderate": "#fbc02d",
    "insufficient": "#fb8c00",
    "moving_away": "#d32f2f",
    "insufficient_data": "#9e9e9e",
    "qualitative": "#607d8b",
}
SCHEMES = {
    # name: (on_track at or above, moderate at or above, insufficient at or above; below: moving away)
    "eurostat": (0.95, 0.60, 0.0),
    "unsd": (0.95, 0.50, -0.10),
}
SCHEME_REFERENCES = {
    "eurostat": "Eurostat, EU SDG monitoring report: progress towards quantitative targets",
    "unsd": "UN Statistics Division, SDG Progress Chart technical note (2016–2022 editions)",
}
METHOD_BY_KIND = {"share": "linear", "count": "compound", "amount": "compound", "intensity": "compound",
                  "rate_of_change": "annual_floor", "qualitative": "none"}
NUMERIC_STATUSES = [s for s in STATUS_ORDER if s != "qualitative"]


def status_label(status: str, language: str = "zh") -> str:
    zh, en = STATUS_LABELS[status]
    return zh if language == "zh" else en


def check_scheme(scheme: str) -> tuple[float, float, float]:
    if scheme not in SCHEMES:
        raise InputError(f"unknown cut-off scheme {scheme!r}; use one of {', '.join(SCHEMES)}", field="scheme")
    return SCHEMES[scheme]


def direction_sign(direction: pd.Series | np.ndarray) -> np.ndarray:
    """+1 where higher is better (``higher``, ``at_least``), −1 where lower is (``lower``, ``at_most``)."""
    return np.where(np.isin(np.asarray(direction), ["lower", "at_most"]), -1.0, 1.0)


# --- rates ------------------------------------------------------------------------------------------

def compound_rate(start, end, years) -> np.ndarray:
    """CAGR (end/start)^(1/years) − 1 as a fraction; NaN where undefined (a value ≤ 0, years ≤ 0)."""
    start, end, years = (np.asarray(x, dtype=float) for x in (start, end, years))
    valid = (start > 0) & (end > 0) & (years > 0)
    with np.errstate(all="ignore"):
        rate = np.power(np.where(valid, end / np.where(valid, start, 1.0), 1.0),
                        1.0 / np.where(valid, years, 1.0)) - 1.0
    rate = np.where(valid & np.isfinite(rate), rate, np.nan)
    return rate


def linear_rate(start, end, years) -> np.ndarray:
    """(end − start)/years in the indicator's unit a year; NaN where years ≤ 0."""
    start, end, years = (np.asarray(x, dtype=float) for x in (start, end, years))
    valid = years > 0
    with np.errstate(all="ignore"):
        rate = (end - start) / np.where(valid, years, 1.0)
    return np.where(valid & np.isfinite(rate), rate, np.nan)


def floor_catch_up_rate(target_rate, base_year, target_year, achieved_rates) -> float:
    """Yearly decline needed in the remaining years to meet a cumulative reading of a yearly floor.

    A floor of r* a year from ``base_year`` to ``target_year`` means the level index falls to
    (1 − r*)^(Y − b); after the years already achieved, the remaining years need
    r = 1 − [(1 − r*)^(Y − b) / Π(1 − r_i)]^(1/(Y − t)). Rates in %.
    """
    achieved_rates = [r for r in achieved_rates]
    remaining = target_year - base_year - len(achieved_rates)
    if remaining <= 0:
        return float("nan")
    goal = (1 - target_rate / 100) ** (target_year - base_year)
    done = float(np.prod([1 - r / 100 for r in achieved_rates])) if achieved_rates else 1.0
    if done <= 0 or goal <= 0:
        return float("nan")
    return (1 - (goal / done) ** (1 / remaining)) * 100


# --- the series table -------------------------------------------------------------------------------

def series_history(values: pd.DataFrame, report_year: int) -> pd.DataFrame:
    """Observed points per series up to the report year: printed baselines, overridden by actuals."""
    history = values[values["value_type"].isin(["baseline", "actual"]) & (values["year"] <= report_year)]
    history = history.assign(_priority=history["value_type"].map({"actual": 0, "baseline": 1}))
    history = history.sort_values(["indicator_id", "series", "year", "_priority"], kind="stable")
    history = history.drop_duplicates(["indicator_id", "series", "year"], keep="first")
    return history.drop(columns="_priority")


def binding_target_year(target_years, report_year: int) -> int | None:
    """The first target year at or after the report year; the last one once all have passed."""
    years = sorted(set(int(y) for y in target_years))
    if not years:
        return None
    later = [y for y in years if y >= report_year]
    return later[0] if later else years[-1]


def _series_frame(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int) -> pd.DataFrame:
    history = series_history(values, report_year)
    targets = values[values["value_type"] == "target"]
    rows = []
    for meta in indicators.itertuples():
        key = (history["indicator_id"] == meta.indicator_id) & (history["series"] == meta.series)
        points = history[key].sort_values("year")
        series_targets = targets[(targets["indicator_id"] == meta.indicator_id) & (targets["series"] == meta.series)]
        target_year = binding_target_year(series_targets["year"], report_year)
        base = points[points["year"] == BASE_YEAR]
        base = base if not base.empty else points.head(1)
        row = {"indicator_id": meta.indicator_id, "series": meta.series, "kind": meta.kind,
               "direction": meta.direction, "core": meta.core, "n_points": len(points),
               "base_year": np.nan, "base_value": np.nan, "as_of_year": np.nan, "latest_value": np.nan,
               "target_year": np.nan, "target_value": np.nan, "floor_catch_up": np.nan}
        if not points.empty:
            row.update(base_year=float(base["year"].iloc[0]), base_value=float(base["value"].iloc[0]),
                       as_of_year=float(points["year"].iloc[-1]), latest_value=float(points["value"].iloc[-1]))
        if target_year is not None:
            row.update(target_year=float(target_year),
                       target_value=float(series_targets.loc[series_targets["year"] == target_year, "value"].iloc[0]))
            if meta.kind == "rate_of_change":
                achieved = points.loc[points["year"] > BASE_YEAR, "value"].tolist()
                row["floor_catch_up"] = floor_catch_up_rate(row["target_value"], BASE_YEAR, target_year, achieved)
        rows.append(row)
    return pd.DataFrame(rows)


def assess(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int, scheme: str = "eurostat") -> pd.DataFrame:
    """One row per indicator series: the progress assessment for ``report_year``.

    Parameters
    ----------
    indicators : the ``indicators.csv`` table (direction and kind are used).
    values : the tidy ``indicator_values.csv`` table (baselines, targets, actuals).
    report_year : the year assessed; the latest value at or before it is used.
    scheme : ``eurostat`` (default) or ``unsd`` cut-offs for the progress ratio.
    """
    on_track_cut, moderate_cut, insufficient_cut = check_scheme(scheme)
    frame = _series_frame(indicators, values, report_year)
    d = direction_sign(frame["direction"])
    method = frame["kind"].map(METHOD_BY_KIND).to_numpy()
    b, vb = frame["base_year"].to_numpy(float), frame["base_value"].to_numpy(float)
    t, vt = frame["as_of_year"].to_numpy(float), frame["latest_value"].to_numpy(float)
    Y, T = frame["target_year"].to_numpy(float), frame["target_value"].to_numpy(float)

    observed_cagr = compound_rate(vb, vt, t - b)
    observed_per_year = linear_rate(vb, vt, t - b)
    required_cagr = compound_rate(vt, T, Y - t)
    required_per_year = linear_rate(vt, T, Y - t)
    required_cagr_from_base = compound_rate(vb, T, Y - b)
    required_per_year_from_base = linear_rate(vb, T, Y - b)

    use_compound = (method == "compound") & np.isfinite(observed_cagr) & np.isfinite(required_cagr_from_base)
    g_obs = np.where(use_compound, observed_cagr, observed_per_year)
    g_req = np.where(use_compound, required_cagr_from_base, required_per_year_from_base)
    # A yearly floor is compared with the pace needed from now on, not from the baseline.
    floor = method == "annual_floor"
    g_req = np.where(floor, required_per_year, g_req)
    rate_method = np.where(floor, "annual_floor", np.where(use_compound, "compound", "linear"))
    rate_method = np.where(method == "none", "none", rate_method)
    with np.errstate(all="ignore"):
        ratio = np.where(np.abs(g_req) > 0, d * g_obs / np.abs(g_req), np.nan)
        gap = d * (T - vt)
        gap_pct = np.where(T != 0, gap / np.abs(T) * 100, np.nan)
        # Completion is a share of the distance to cover; a maintain target (at or behind the
        # baseline) has no distance, so it has no completion either.
        completion = np.where(d * (T - vb) > 0, (vt - vb) / (T - vb), np.nan)
        time_elapsed = np.where(Y != b, (t - b) / (Y - b), np.nan)
        projected = np.where(use_compound, vt * np.power(1 + np.nan_to_num(observed_cagr), Y - t),
                             vt + np.nan_to_num(observed_per_year) * (Y - t))
        anticipated = np.where(d * (T - vb) > 0, (projected - vb) / (T - vb), np.nan)
    ratio, gap_pct, completion, time_elapsed, projected, anticipated = (
        np.where(np.isfinite(x), x, np.nan) for x in (ratio, gap_pct, completion, time_elapsed, projected, anticipated))
    # The trend that can take an achieved value back below its target: linear, base to latest.
    trend_projection = vt + np.nan_to_num(observed_per_year) * np.maximum(Y - t, 0)

    qualitative = method == "none"
    enough = (frame["n_points"].to_numpy() >= 2) & np.isfinite(T) & np.isfinite(vt) & (t > b)
    met = d * (vt - T) >= 0
    at_risk = met & (d * np.nan_to_num(observed_per_year) < 0) & (d * (trend_projection - T) < 0)
    adverse = d * np.nan_to_num(observed_per_year) < 0
    status = np.select(
        [qualitative, ~enough, met & ~at_risk, met & at_risk,
         np.isnan(ratio) & adverse, np.isnan(ratio),
         ratio >= on_track_cut, ratio >= moderate_cut, ratio >= insufficient_cut],
        ["qualitative", "insufficient_data", "achieved", "achieved_at_risk",
         "moving_away", "insufficient",
         "on_track", "moderate", "insufficient"],
        default="moving_away")
    n = frame["n_points"].to_numpy()
    evidence = np.where(qualitative, "", np.where(n <= 2, "low", np.where(n == 3, "medium", "high")))

    result = pd.DataFrame({
        "indicator_id": frame["indicator_id"], "series": frame["series"], "core": frame["core"],
        "kind": frame["kind"], "direction": frame["direction"], "method": rate_method,
        "report_year": report_year, "base_year": b, "base_value": vb, "as_of_year": t, "latest_value": vt,
        "n_points": n, "evidence": evidence, "target_year": Y, "target_value": T,
        "gap": gap, "gap_pct": gap_pct, "completion": completion, "time_elapsed": time_elapsed,
        "observed_cagr": observed_cagr, "observed_per_year": observed_per_year,
        "required_cagr": np.where(floor, np.nan, required_cagr),
        "required_per_year": np.where(floor, frame["floor_catch_up"].to_numpy(float), required_per_year),
        "progress_ratio": ratio, "projected_value": projected, "anticipated_progress": anticipated,
        "status": status, "scheme": scheme,
    })
    numeric_columns = ["base_year", "as_of_year", "target_year"]
    result[numeric_columns] = result[numeric_columns].astype("Int64")
    result.loc[qualitative, ["gap", "gap_pct", "completion", "time_elapsed", "projected_value",
                             "anticipated_progress"]] = np.nan
    # Completion of a yearly floor has no meaning: the target is a level to hold, not a distance.
    result.loc[floor, ["completion", "anticipated_progress"]] = np.nan
    return result


def headline_status(assessment: pd.DataFrame) -> pd.DataFrame:
    """One status per indicator: the worst of its series (Destatis); numeric ones only count."""
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    ranked = assessment.assign(_rank=assessment["status"].map(rank))
    assessed = ranked[ranked["status"] != "insufficient_data"]
    worst = assessed.sort_values("_rank", kind="stable").drop_duplicates("indicator_id")
    missing = ranked[~ranked["indicator_id"].isin(worst["indicator_id"])].drop_duplicates("indicator_id")
    headline = pd.concat([worst, missing]).sort_values("indicator_id", kind="stable")
    return headline[["indicator_id", "status"]].reset_index(drop=True)


def status_counts(assessment: pd.DataFrame) -> pd.Series:
    """How many indicators (headline) are in each status; qualitative ones are counted apart."""
    headline = headline_status(assessment)
    counts = headline["status"].value_counts()
    return pd.Series({status: int(counts.get(status, 0)) for status in STATUS_ORDER}, name="indicators")


def required_growth(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int) -> pd.DataFrame:
    """One row per numeric series and target year: the growth needed from the latest value.

    Compound rate as a fraction and linear rate in the indicator's unit; for a yearly floor the
    compound rate is left empty and ``required_per_year`` is the yearly rate needed from now on
    to meet the floor read cumulatively (level index), next to the floor itself.
    """
    numeric = indicators[indicators["kind"] != "qualitative"]
    history = series_history(values, report_year)
    targets = values[values["value_type"] == "target"]
    rows = []
    for meta in numeric.itertuples():
        points = history[(history.indicator_id == meta.indicator_id) & (history.series == meta.series)].sort_values("year")
        if points.empty:
            continue
        from_year, from_value = int(points["year"].iloc[-1]), float(points["value"].iloc[-1])
        series_targets = targets[(targets.indicator_id == meta.indicator_id) & (targets.series == meta.series)]
        for target in series_targets.sort_values("year").itertuples():
            years = target.year - from_year
            floor = meta.kind == "rate_of_change"
            cagr = np.nan if floor else float(compound_rate(from_value, target.value, years))
            if floor:
                achieved = points.loc[points["year"] > BASE_YEAR, "value"].tolist()
                per_year = floor_catch_up_rate(target.value, BASE_YEAR, int(target.year), achieved)
            else:
                per_year = float(linear_rate(from_value, target.value, years))
            rows.append({"indicator_id": meta.indicator_id, "series": meta.series, "kind": meta.kind,
                         "from_year": from_year, "from_value": from_value, "target_year": int(target.year),
                         "target_value": float(target.value), "required_cagr": cagr,
                         "required_per_year": per_year,
                         "method": METHOD_BY_KIND[meta.kind],
                         "already_met": bool(direction_sign([meta.direction])[0] * (from_value - target.value) >= 0),
                         "report_year": report_year})
    return pd.DataFrame(rows)
