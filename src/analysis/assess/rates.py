"""Rates of growth: compound, linear, and the catch-up a yearly floor needs. Plain numbers in and out."""
from __future__ import annotations

import math

from ..vocabulary import lower_is_better

NAN = float("nan")


def finite_or_nan(x: float) -> float:
    return x if math.isfinite(x) else NAN


def direction_sign(direction: str) -> float:
    """+1 where higher is better (``higher``, ``at_least``), −1 where lower is (``lower``, ``at_most``)."""
    return -1.0 if lower_is_better(direction) else 1.0


def compound_rate(start: float, end: float, years: float) -> float:
    """CAGR (end/start)^(1/years) − 1 as a fraction; NaN where undefined (a value ≤ 0, years ≤ 0)."""
    if not (start > 0 and end > 0 and years > 0):
        return NAN
    try:
        return finite_or_nan((end / start) ** (1 / years) - 1)
    except OverflowError:
        return NAN


def linear_rate(start: float, end: float, years: float) -> float:
    """(end − start)/years in the indicator's unit a year; NaN where years ≤ 0."""
    if not years > 0:
        return NAN
    return finite_or_nan((end - start) / years)


def floor_catch_up_rate(target_rate: float, base_year: int, target_year: int, achieved_rates: list[float]) -> float:
    """Yearly decline needed in the remaining years to meet a cumulative reading of a yearly floor.

    A floor of r* a year from ``base_year`` to ``target_year`` means the level index falls to
    (1 − r*)^(Y − b); after the years already achieved, the remaining years need
    r = 1 − [(1 − r*)^(Y − b) / Π(1 − r_i)]^(1/(Y − t)). Rates in %.
    """
    remaining = target_year - base_year - len(achieved_rates)
    if remaining <= 0:
        return NAN
    goal = (1 - target_rate / 100) ** (target_year - base_year)
    done = math.prod(1 - r / 100 for r in achieved_rates)
    if done <= 0 or goal <= 0:
        return NAN
    return (1 - (goal / done) ** (1 / remaining)) * 100



#: How far the growth a year over the plan period may lie from the growth a year since the base year before a report
#: gives it beside that one (docs/method.md, "Growth seen from two starts"): more than a quarter of the latter.
MATERIAL_SHARE = 0.25


def paces_differ(from_base: float, in_plan: float, needed: float = NAN, sign: float = 1.0) -> bool:
    """Whether the growth a year over the plan period (``in_plan``, from the year before its first year) differs
    materially from the growth a year since the base year (``from_base``), both as the report shows them: by more
    than :data:`MATERIAL_SHARE` of ``from_base`` (any difference at all where that is 0), or on the other side of the
    growth needed a year (``needed``, NaN where none is asked: one reaching it, the other not; ``sign`` −1 where lower
    is better). Indicator 10 of the example data in 2024: +21.0% a year since 2020, +14.6% since 2021; 6.4 points
    apart, more than a quarter of 21.0 (5.25): material. False where either pace is unknown."""
    if not (math.isfinite(from_base) and math.isfinite(in_plan)):
        return False
    if abs(in_plan - from_base) > MATERIAL_SHARE * abs(from_base) + 1e-9:
        return True
    return math.isfinite(needed) and (sign * (from_base - needed) >= 0) != (sign * (in_plan - needed) >= 0)
