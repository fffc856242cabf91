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

from .schemes import check_scheme

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
METHOD_BY_KIND = {"share": "linear", "count": "compound", "amount": "compound", "intensity": "compound",
                  "rate_of_change": "annual_floor", "qualitative": "none"}
NUMERIC_STATUSES = [s for s in STATUS_ORDER if s != "qualitative"]


def status_label(status: str, language: str = "zh") -> str:
    zh, en = STATUS_LABELS[status]
    return zh if language == "zh" else en


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


def _run_starts(*keys: np.ndarray) -> np.ndarray:
    """True where a run of equal keys starts, in arrays sorted by those keys."""
    starts = np.zeros(len(keys[0]), dtype=bool)
    if len(starts):
        starts[0] = True
        for key in keys:
            starts[1:] |= key[1:] != key[:-1]
    return starts


def _codes(column: pd.Series, uniques: pd.Index) -> np.ndarray:
    """Position of each value of ``column`` in ``uniques``; −1 where absent (a missing value never matches)."""
    return np.where(pd.isna(column).to_numpy(bool), -1, uniques.get_indexer(column))


def _series_points(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int) -> dict:
    """Points and targets of every indicator series, matched, sorted and grouped once.

    Each distinct (``indicator_id``, ``series``) key of ``indicators`` is a *slot*. Value rows
    are matched to slots by hashing and sorted once by (slot, year): no scan of the whole table
    per series. Points are what :func:`series_history` keeps (an actual overrides a printed
    baseline of the same year; the first row wins among equals); targets keep every row, sorted
    by year, in table order within a year. Per slot, ``first``/``last``/``base`` index the point
    arrays and ``binding`` the target arrays (−1 when there is none); per indicator row, ``slot``.
    """
    ids, series = indicators["indicator_id"], indicators["series"]
    id_index, series_index = pd.Index(pd.unique(ids.dropna())), pd.Index(pd.unique(series.dropna()))
    width = max(len(series_index), 1)
    ind_id, ind_series = _codes(ids, id_index), _codes(series, series_index)
    # a row with a missing id or series keeps key −1, which no value row has
    ind_key = np.where((ind_id >= 0) & (ind_series >= 0), ind_id.astype(np.int64) * width + ind_series, -1)
    slot_of_row, slot_keys = pd.factorize(ind_key)
    n_slots = len(slot_keys)
    val_id, val_series = _codes(values["indicator_id"], id_index), _codes(values["series"], series_index)
    matched = (val_id >= 0) & (val_series >= 0)
    val_slot = np.where(matched, pd.Index(slot_keys).get_indexer(val_id.astype(np.int64) * width + val_series), -1)

    value_type = values["value_type"]
    year = values["year"].to_numpy(np.int64)
    value = values["value"].to_numpy(float)
    priority = np.where(value_type == "actual", 0, np.where(value_type == "baseline", 1, -1))
    year_min = int(year.min()) if len(year) else 0
    span = int(year.max()) - year_min + 1 if len(year) else 1
    slot_year = val_slot.astype(np.int64) * span + (year - year_min)

    rows = np.flatnonzero((val_slot >= 0) & (priority >= 0) & (year <= report_year))
    rows = rows[np.argsort(slot_year[rows] * 2 + priority[rows], kind="stable")]
    rows = rows[_run_starts(slot_year[rows])]
    point_slot, point_year = val_slot[rows], year[rows]
    n_points = np.bincount(point_slot, minlength=n_slots)
    last = np.cumsum(n_points) - 1
    first = last - n_points + 1
    base = first.copy()
    at_base = np.flatnonzero(point_year == BASE_YEAR)
    base[point_slot[at_base]] = at_base
    empty = n_points == 0
    first[empty] = last[empty] = base[empty] = -1

    targets = np.flatnonzero((val_slot >= 0) & (value_type == "target").to_numpy(bool))
    targets = targets[np.argsort(slot_year[targets], kind="stable")]
    target_slot, target_year = val_slot[targets], year[targets]
    # binding target (binding_target_year): the first year at or after the report year, else the
    # last one; its value is the first row of that year
    binding = np.full(n_slots, -1, dtype=np.int64)
    year_starts = np.flatnonzero(_run_starts(target_slot, target_year))
    last_year = year_starts[np.append(_run_starts(target_slot[year_starts])[1:], True)] if len(year_starts) \
        else year_starts
    binding[target_slot[last_year]] = last_year
    later = np.flatnonzero(target_year >= report_year)
    later = later[_run_starts(target_slot[later])]
    binding[target_slot[later]] = later
    return {"slot": slot_of_row, "n_points": n_points, "first": first, "last": last, "base": base,
            "point_year": point_year, "point_value": value[rows],
            "n_targets": np.bincount(target_slot, minlength=n_slots), "binding": binding,
            "target_year": target_year, "target_value": value[targets]}


def _take(array: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``array[index]`` as floats, NaN where ``index`` is −1."""
    return np.append(array.astype(float), np.nan)[np.where(index >= 0, index, len(array))]


def _achieved_after_base(p: dict, slot: int) -> list[float]:
    """The yearly values after the base year of one series, in year order (a yearly floor's record)."""
    if p["last"][slot] < 0:
        return []
    points = slice(p["first"][slot], p["last"][slot] + 1)
    return p["point_value"][points][p["point_year"][points] > BASE_YEAR].tolist()


def _series_frame(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int) -> pd.DataFrame:
    """One row per row of ``indicators``: base and latest points, binding target, yearly-floor pace."""
    p = _series_points(indicators, values, report_year)
    slot = p["slot"]
    binding = p["binding"][slot]
    target_year, target_value = _take(p["target_year"], binding), _take(p["target_value"], binding)
    floor_catch_up = np.full(len(slot), np.nan)
    # only the (few) yearly floors need their record year by year
    for i in np.flatnonzero((indicators["kind"] == "rate_of_change").to_numpy(bool) & (binding >= 0)):
        floor_catch_up[i] = floor_catch_up_rate(float(target_value[i]), BASE_YEAR, int(target_year[i]),
                                                _achieved_after_base(p, slot[i]))
    # columns from Python objects, so that the dtypes are inferred as for a table built row by row
    return pd.DataFrame({
        "indicator_id": indicators["indicator_id"].tolist(), "series": indicators["series"].tolist(),
        "kind": indicators["kind"].tolist(), "direction": indicators["direction"].tolist(),
        "core": indicators["core"].tolist(), "n_points": p["n_points"][slot].astype(np.int64),
        "base_year": _take(p["point_year"], p["base"][slot]), "base_value": _take(p["point_value"], p["base"][slot]),
        "as_of_year": _take(p["point_year"], p["last"][slot]),
        "latest_value": _take(p["point_value"], p["last"][slot]),
        "target_year": target_year, "target_value": target_value, "floor_catch_up": floor_catch_up,
    })


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
    p = _series_points(indicators, values, report_year)
    slot_of_row = p["slot"]
    # numeric series with points, each repeated once per target row, in year order
    numeric = np.flatnonzero((indicators["kind"] != "qualitative").to_numpy(bool) & (p["n_points"][slot_of_row] > 0))
    counts = p["n_targets"][slot_of_row[numeric]]
    total = int(counts.sum())
    if not total:
        return pd.DataFrame([])
    row = np.repeat(numeric, counts)
    slot = slot_of_row[row]
    first_target = (np.cumsum(p["n_targets"]) - p["n_targets"])[slot]
    target = first_target + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)

    from_year, from_value = p["point_year"][p["last"][slot]], p["point_value"][p["last"][slot]]
    target_year, target_value = p["target_year"][target], p["target_value"][target]
    kind = indicators["kind"].to_numpy(object)[row]
    floor = kind == "rate_of_change"
    years = target_year - from_year
    cagr = compound_rate(from_value, target_value, years)
    # This table used to call compound_rate one number at a time, where numpy's power with a
    # scalar exponent of 0.5 is a square root: keep those last digits for two-year spans.
    two = (years == 2) & (from_value > 0) & (target_value > 0)
    cagr[two] = np.sqrt(target_value[two] / from_value[two]) - 1.0
    cagr = np.where(floor | ~np.isfinite(cagr), np.nan, cagr)
    per_year = linear_rate(from_value, target_value, years)
    for i in np.flatnonzero(floor):
        per_year[i] = floor_catch_up_rate(float(target_value[i]), BASE_YEAR, int(target_year[i]),
                                          _achieved_after_base(p, slot[i]))
    kind_codes, kinds = pd.factorize(kind, use_na_sentinel=False)
    method = np.array([METHOD_BY_KIND[k] for k in kinds], dtype=object)[kind_codes]
    direction = indicators["direction"].to_numpy(object)[row]
    direction_codes, directions = pd.factorize(direction, use_na_sentinel=False)
    sign = direction_sign(np.asarray(directions, dtype=object))[direction_codes]
    return pd.DataFrame({
        "indicator_id": indicators["indicator_id"].to_numpy(object)[row].tolist(),
        "series": indicators["series"].to_numpy(object)[row].tolist(), "kind": kind.tolist(),
        "from_year": from_year, "from_value": from_value, "target_year": target_year,
        "target_value": target_value, "required_cagr": cagr, "required_per_year": per_year,
        "method": method.tolist(), "already_met": sign * (from_value - target_value) >= 0,
        "report_year": [report_year] * total,
    })
