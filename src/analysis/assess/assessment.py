"""Progress to target, one indicator series at a time: gap, completion, growth needed and seen, status.

The method is stated once, in the catalogs' method note (``method.note``), which every report
prints. :func:`assess_series` is that note as code, read top to bottom; :func:`assess` applies it to
every series of a plan for one report year.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..clean.schemas import typed
from ..parameters import check_scheme
from ..plan import StatusWords
from ..settings import SCHEMES
from ..vocabulary import ASSESSMENT_COLUMNS, GROWTH_COLUMNS, HELD_EVERY_YEAR, METHOD_BY_KIND, STATUSES, target_range
from .official_status import official_status
from .rates import NAN, compound_rate, direction_sign, finite_or_nan, floor_catch_up_rate, linear_rate
from .warning_list import mark_stage_early, shown_status


@dataclass(frozen=True)
class Series:
    """What is known of one series in a report year: its values up to that year, and its targets."""

    points: list[tuple[int, float]]  # (year, value) in year order; an actual replaces a printed baseline
    targets: dict[int, float]        # target year -> target value (a range target's lower bound)
    uppers: dict[int, float] = field(default_factory=dict)  # target year -> a range target's upper bound


def series_by_key(values: pd.DataFrame, report_year: int) -> dict[tuple, Series]:
    """Every series' points up to ``report_year`` and all its targets, from the tidy values table."""
    points: dict[tuple, dict[int, tuple[int, float]]] = {}
    targets: dict[tuple, dict[int, float]] = {}
    uppers: dict[tuple, dict[int, float]] = {}
    upper_column = values["upper"].tolist() if "upper" in values else [NAN] * len(values)
    for indicator_id, series, year, value_type, value, upper in zip(
            values["indicator_id"].tolist(), values["series"].tolist(), values["year"].tolist(),
            values["value_type"].tolist(), values["value"].tolist(), upper_column):
        key = (indicator_id, series)
        if value_type == "target":
            targets.setdefault(key, {}).setdefault(year, value)
            if upper == upper:  # not NaN
                uppers.setdefault(key, {}).setdefault(year, upper)
        elif value_type in ("actual", "baseline") and year <= report_year:
            priority = 0 if value_type == "actual" else 1  # a published actual beats the printed baseline
            kept = points.setdefault(key, {})
            if year not in kept or priority < kept[year][0]:
                kept[year] = (priority, value)
    keys = set(points) | set(targets)
    return {key: Series(sorted((year, value) for year, (_, value) in points.get(key, {}).items()),
                        targets.get(key, {}), uppers.get(key, {})) for key in keys}


def first_held_year(targets: dict, plan_start: int) -> int:
    """The first year a target held every year is checked in: the first year the plan sets it for where it sets it for
    several (Weihai's 2023 and 2024), else the start of the plan period (a level set once, for the last year)."""
    return max(plan_start, min(targets)) if len(targets) > 1 else plan_start


def plan_start_year(values: pd.DataFrame) -> int | None:
    """The first year of the plan period: the year after the last printed baseline."""
    baselines = values.loc[values["value_type"] == "baseline", "year"]
    return int(baselines.max()) + 1 if len(baselines) else None


def binding_target(targets: dict[int, float], report_year: int) -> tuple[float, float]:
    """The first target at or after the report year (Destatis), else the last one; (NaN, NaN) if none."""
    if not targets:
        return NAN, NAN
    years = sorted(targets)
    later = [year for year in years if year >= report_year]
    year = later[0] if later else years[-1]
    return float(year), targets[year]


def assess_series(series: Series, kind: str, direction: str, report_year: int, base_year: int,
                  cut_offs: tuple[float, float, float], plan_start: int | None = None) -> dict:
    """The assessment of one series for ``report_year``; see the method note.

    ``plan_start`` is the first year of the plan period (the year after the last printed baseline),
    from which a target held every year (``at_least``/``at_most``) is checked year by year. A range target
    (``within``, ``exactly``) is approached from the side the series is on: from below as a target to reach
    (its lower bound), from above as one to fall to (its upper bound); it is met inside the range.
    """
    on_track_cut, moderate_cut, insufficient_cut = cut_offs
    method = METHOD_BY_KIND[kind]
    floor = method == "annual_floor"
    qualitative = method == "none"
    held_every_year = direction in HELD_EVERY_YEAR
    n = len(series.points)

    # Where the series starts (the base year's value), where it stands (the latest value up to the
    # report year), and the binding target (the first target year at or after the report year).
    b = vb = t = vt = NAN
    Y, T = binding_target(series.targets, report_year)
    if series.points:
        # Without a value for the base year, the first value before the first target stands in (a baseline the
        # plan prints for a later year); a series whose only values lie in a target year has no base at all.
        first_target = min(series.targets) if series.targets else math.inf
        b, vb = next(((float(y), v) for y, v in series.points if y == base_year),
                     next(((float(y), v) for y, v in series.points if y < first_target), (NAN, NAN)))
        t, vt = float(series.points[-1][0]), series.points[-1][1]
    written = direction
    span = target_range(direction, T, series.uppers.get(int(Y), NAN)) if math.isfinite(Y) else None
    if span is not None:
        direction, T = span.approach(vt if math.isfinite(vt) else vb)
    d = direction_sign(direction)
    # A target held every year is checked in every year up to the target year: from the first year the plan sets it
    # for, where it sets it for several (Weihai's 2023 and 2024: 2022, its preparation year, is held to none), else
    # from the start of the plan period (a level set once, for the last year, to hold throughout).
    missed, first_held = [], NAN
    if held_every_year and plan_start is not None and math.isfinite(Y):
        first_held = first_held_year(series.targets, plan_start)
        missed = [y for y, v in series.points
                  if first_held <= y <= Y and d * (v - binding_target(series.targets, y)[1]) < 0]
    # Data for the target year give a final verdict; so does a year that missed a target held every year,
    # before the target year: one year short is not achieved, whatever the later years bring.
    final = not qualitative and math.isfinite(Y) and (t >= Y or bool(missed))

    # Growth seen since the base year, and growth needed: from the base year (for the progress
    # ratio) and from the latest value (what remains to be done each year).
    observed_cagr, observed_per_year = compound_rate(vb, vt, t - b), linear_rate(vb, vt, t - b)
    required_cagr, required_per_year = compound_rate(vt, T, Y - t), linear_rate(vt, T, Y - t)
    use_compound = (method == "compound" and math.isfinite(observed_cagr)
                    and math.isfinite(compound_rate(vb, T, Y - b)))
    after_base = [v for y, v in series.points if y > base_year]
    if floor and math.isfinite(Y):
        # A yearly floor is met year by year; what remains is the catch-up of a cumulative reading.
        required_per_year = floor_catch_up_rate(T, base_year, int(Y), after_base)
    g_obs = observed_cagr if use_compound else observed_per_year
    if floor:
        g_req = linear_rate(vt, T, Y - t)
    else:
        g_req = compound_rate(vb, T, Y - b) if use_compound else linear_rate(vb, T, Y - b)
    ratio = finite_or_nan(d * g_obs / abs(g_req)) if abs(g_req) > 0 else NAN

    # Gap, completion against time elapsed, and where the observed pace would lead by the target year.
    gap = d * (T - vt)
    gap_pct = finite_or_nan(gap / abs(T) * 100) if T != 0 else NAN
    completion = _share_of_distance(vt, vb, T, d)
    time_elapsed = finite_or_nan((t - b) / (Y - b)) if Y != b else NAN
    try:
        projected = (vt * (1 + _zero_if_nan(observed_cagr)) ** (Y - t) if use_compound
                     else vt + _zero_if_nan(observed_per_year) * (Y - t))
    except OverflowError:
        projected = math.inf
    anticipated = _share_of_distance(projected, vb, T, d)
    projected = finite_or_nan(projected)

    # The verdict. With data for the target year it is final: achieved or not achieved, with the
    # completion rate and the shortfall. Before that, the level first, then the progress ratio.
    slope = _zero_if_nan(observed_per_year)
    trend_at_target_year = vt + slope * (NAN if math.isnan(Y - t) else max(Y - t, 0.0))
    enough = n >= 2 and math.isfinite(T) and math.isfinite(vt) and t > b
    # Once its binding target year has come (a stage target's at a mid-term, the last at the final evaluation), a
    # series without a value in the plan period has nothing to judge the plan's years by: a trend between printed
    # baselines is not progress under the plan, and its verdict awaits the data. Before that (an annual report
    # between target years), the baselines' trend is the progress verdict, said to be one.
    before_plan = (plan_start is not None and bool(series.targets) and math.isfinite(Y) and report_year >= Y
                   and not (math.isfinite(t) and t >= plan_start))
    met = span.holds(vt) if span is not None else d * (vt - T) >= 0
    at_risk = met and (not span.holds(trend_at_target_year) if span is not None and math.isfinite(trend_at_target_year)
                       else d * slope < 0 and d * (trend_at_target_year - T) < 0)
    completion_rate = shortfall = NAN
    if qualitative:
        status = "qualitative"
    elif final:
        judged = next((v for y, v in series.points if y >= Y), vt)  # the latest value, for a year missed early
        reached = span.holds(judged) if span is not None else d * (judged - T) >= 0
        status = "achieved" if reached and not missed else "not_achieved"
        completion_rate = _completion_rate(judged, T, d)
        shortfall = 0.0 if reached else max(0.0, d * (T - judged))
        if missed:  # a level held every year, missed in a year: the largest shortfall of a year missed counts too
            shortfall = max([shortfall, *(d * (binding_target(series.targets, y)[1] - v)
                                          for y, v in series.points if y in missed)])
        ratio = projected = anticipated = required_cagr = required_per_year = NAN
    elif not enough or before_plan:
        status = "insufficient_data"
    elif met:
        status = "achieved_at_risk" if at_risk else "achieved"
    elif math.isnan(ratio):
        status = "moving_away" if d * slope < 0 else "insufficient"
    elif ratio >= on_track_cut:
        status = "on_track"
    elif ratio >= moderate_cut:
        status = "moderate"
    elif ratio >= insufficient_cut:
        status = "insufficient"
    else:
        status = "moving_away"

    # After a final verdict on one target, what the next target still needs (a mid-term with data).
    next_year = next_value = next_cagr = next_per_year = NAN
    later = sorted(year for year in series.targets if year > Y) if final else []
    if later and status == "not_achieved" and not floor and direction not in HELD_EVERY_YEAR:
        # a stage target missed: a later target of its own follows (a level to hold every year stays missed)
        status = "stage_missed"
    if later:
        next_year, next_value = float(later[0]), series.targets[later[0]]
        next_span = target_range(written, next_value, series.uppers.get(later[0], NAN))
        if next_span is not None:  # the bound to move to; a range the latest value lies in already is met, and its
            # bound on the side this target was judged from says so (2.9, above 2.3–2.6, inside 2.5–3: 3, met)
            next_value = ((next_span.upper if d < 0 else next_span.lower) if next_span.holds(vt)
                          else next_span.approach(vt)[1])
        if floor:
            next_per_year = floor_catch_up_rate(next_value, base_year, later[0], after_base)
        else:
            next_cagr, next_per_year = compound_rate(vt, next_value, next_year - t), linear_rate(vt, next_value,
                                                                                                 next_year - t)

    if qualitative:
        gap = gap_pct = completion = time_elapsed = projected = anticipated = NAN
    if floor:  # the target is a level to hold each year, not a distance to cover; a rate is never compounded
        completion = anticipated = observed_cagr = NAN
    if kind == "rank":  # places, never a growth rate: 18th is not "5 % better" than 19th; a place is reached or
        # not, no share of a target (no 完成率 in any edition)
        observed_cagr = required_cagr = next_cagr = gap_pct = completion_rate = NAN
    # a progress verdict on a single value of the plan period, however many baselines came before it: low evidence
    single_in_plan = (plan_start is not None and not final and status not in ("qualitative", "insufficient_data")
                      and sum(y >= plan_start for y, _ in series.points) == 1)
    return {
        "method": "none" if qualitative else "annual_floor" if floor else "compound" if use_compound else "linear",
        "base_year": b, "base_value": vb, "as_of_year": t, "latest_value": vt, "n_points": n,
        "evidence": "" if qualitative or n == 0 else "low" if n <= 2 or single_in_plan else "medium" if n == 3
        else "high",
        "direction": direction, "target_year": Y, "target_value": T,
        "target_lower": NAN if span is None else span.lower, "target_upper": NAN if span is None else span.upper,
        "gap": gap, "gap_pct": gap_pct, "completion": completion,
        "time_elapsed": time_elapsed, "observed_cagr": observed_cagr, "observed_per_year": observed_per_year,
        "required_cagr": NAN if floor else required_cagr, "required_per_year": required_per_year,
        "progress_ratio": ratio, "projected_value": projected, "anticipated_progress": anticipated,
        "status": status, "verdict": "" if qualitative or status == "insufficient_data" else
        "final" if final else "progress",
        "completion_rate": completion_rate, "shortfall": shortfall, "missed_years": ";".join(map(str, missed)),
        "held_from": NAN if qualitative else first_held,
        "next_target_year": next_year, "next_target_value": next_value, "next_required_cagr": next_cagr,
        "next_required_per_year": next_per_year,
    }


def _completion_rate(value: float, target: float, d: float) -> float:
    """完成率: the value as a share of the target (the target as a share of the value where lower is better)."""
    if not (value > 0 and target > 0):
        return NAN
    return finite_or_nan(value / target if d > 0 else target / value)


def _zero_if_nan(x: float) -> float:
    return 0.0 if math.isnan(x) else x


def _share_of_distance(value: float, base: float, target: float, d: float) -> float:
    """(value − base)/(target − base), only when the target lies ahead of the baseline."""
    if not d * (target - base) > 0:
        return NAN
    return finite_or_nan((value - base) / (target - base))


def assess(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int, base_year: int,
           scheme: str = "eurostat", status_words: StatusWords | None = None) -> pd.DataFrame:
    """One row per indicator series: the assessment for ``report_year``, using values up to that year.

    ``indicators`` is the ``indicators.csv`` table (direction, kind and core are used), ``values`` the tidy
    ``indicator_values.csv`` table (baselines, targets, actuals); every series starts at ``base_year``, the
    plan's; ``scheme`` picks the progress ratio's cut-offs (``eurostat``, the default, or ``unsd``);
    ``status_words``, the plan's official status words, fills ``official_status`` (empty without).
    """
    cut_offs = SCHEMES[check_scheme(scheme)]
    known = series_by_key(values, report_year)
    empty = Series([], {})
    plan_start = plan_start_year(values)
    records = []
    for row in indicators[["indicator_id", "series", "core", "kind", "direction"]].itertuples(index=False):
        series = known.get((row.indicator_id, row.series), empty)
        record = {**row._asdict(), "report_year": report_year, "scheme": scheme,
                  **assess_series(series, row.kind, row.direction, report_year, base_year, cut_offs, plan_start)}
        records.append({**record, "official_status": official_status(record, status_words)})
    frame = pd.DataFrame(records, columns=list(ASSESSMENT_COLUMNS))
    frame["shown_status"] = [shown_status(row) for row in frame.itertuples()]
    # a target met ahead of its year that a later, unmet target follows: a stage target met early (the later targets
    # known here, not in the row)
    frame["shown_status"] = [mark_stage_early(row, known.get((row.indicator_id, row.series), empty).targets)
                             for row in frame.itertuples()]
    return without_float_noise(typed(frame, ASSESSMENT_COLUMNS))


#: Significant digits an assessed quantity keeps: a difference of two values as the plan writes them, never the
#: binary fraction's noise (0.4 − 0.3 is 0.10000000000000003 in floats; 37.9 − 34 is 3.8999999999999986).
SIGNIFICANT = 12


def without_float_noise(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every float rounded to :data:`SIGNIFICANT` digits: what the tables publish and the reports
    round from (half up, as shown) are the same numbers."""
    floats = [column for column in frame.columns if frame[column].dtype == "float64"]
    return frame.assign(**{column: frame[column].map(lambda v: float(f"{v:.{SIGNIFICANT}g}") if math.isfinite(v)
                                                    else v) for column in floats})


def required_growth(indicators: pd.DataFrame, values: pd.DataFrame, report_year: int, base_year: int) -> pd.DataFrame:
    """One row per numeric series and target year: the growth needed from the latest value.

    Compound rate as a fraction and linear rate in the indicator's unit; for a yearly floor the
    compound rate is left empty and ``required_per_year`` is the yearly rate needed from now on to
    meet the floor read cumulatively (level index), next to the floor itself.
    """
    known = series_by_key(values, report_year)
    records = []
    for row in indicators[["indicator_id", "series", "kind", "direction"]].itertuples(index=False):
        series = known.get((row.indicator_id, row.series))
        if row.kind == "qualitative" or series is None or not series.points:
            continue
        from_year, from_value = series.points[-1]
        floor = row.kind == "rate_of_change"
        achieved = [v for y, v in series.points if y > base_year]
        for target_year, target_value in sorted(series.targets.items()):
            years = target_year - from_year
            span = target_range(row.direction, target_value, series.uppers.get(target_year, NAN))
            direction, target_value = span.approach(from_value) if span is not None else (row.direction, target_value)
            records.append({
                "indicator_id": row.indicator_id, "series": row.series, "kind": row.kind,
                "from_year": from_year, "from_value": from_value, "target_year": target_year,
                "target_value": target_value,
                "required_cagr": NAN if floor else compound_rate(from_value, target_value, years),
                "required_per_year": (floor_catch_up_rate(target_value, base_year, target_year, achieved) if floor
                                      else linear_rate(from_value, target_value, years)),
                "method": METHOD_BY_KIND[row.kind],
                "already_met": span.holds(from_value) if span is not None
                else direction_sign(direction) * (from_value - target_value) >= 0,
                "report_year": report_year,
            })
    return without_float_noise(typed(pd.DataFrame(records, columns=list(GROWTH_COLUMNS)), GROWTH_COLUMNS))


def headline_status(assessment: pd.DataFrame) -> pd.DataFrame:
    """One status per indicator: the worst of its assessed series (Destatis)."""
    rank = {status: i for i, status in enumerate(STATUSES)}
    ranked = assessment.assign(_rank=assessment["status"].map(rank))
    assessed = ranked[ranked["status"] != "insufficient_data"]
    worst = assessed.sort_values("_rank", kind="stable").drop_duplicates("indicator_id")
    missing = ranked[~ranked["indicator_id"].isin(worst["indicator_id"])].drop_duplicates("indicator_id")
    headline = pd.concat([worst, missing]).sort_values("indicator_id", kind="stable")
    return headline[["indicator_id", "status"]].reset_index(drop=True)


def status_counts(assessment: pd.DataFrame) -> dict[str, int]:
    """How many indicators (headline) are in each status, every status listed, worst first."""
    counts = headline_status(assessment)["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def assess_years(indicators: pd.DataFrame, values: pd.DataFrame, report_years, base_year: int,
                 scheme: str, status_words: StatusWords | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The assessment and the growth needed for every report year, one table each."""
    assessments = [assess(indicators, values, year, base_year, scheme, status_words) for year in report_years]
    growth = [required_growth(indicators, values, year, base_year) for year in report_years]
    return (pd.concat(assessments, ignore_index=True), pd.concat(growth, ignore_index=True))
