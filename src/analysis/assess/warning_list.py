"""The warning list (预警清单) and the change since the last report year.

A warning goes to the department that leads an indicator when the indicator lags:

* **red** — the target is missed (``not_achieved``: a final verdict) or the indicator moves away
  from it (``moving_away``: growth in the wrong direction);
* **amber** — it moves towards the target, too slowly to reach it (``insufficient``).

This is the colour rule Chinese monitoring practice uses (green at or above plan, yellow growing
but below plan, red negative growth), on the statuses of the method; ``moderate`` (needs to
accelerate) is not warned. The change since the last report compares each series' status in the
previous report year with the status now: the status the previous report published, when it was
made from other data than today's (a revision since may have changed it, and the report says so),
else both assessed from today's data.
"""
from __future__ import annotations

import pandas as pd

WARNING_LEVELS = {"not_achieved": "red", "moving_away": "red", "insufficient": "amber"}
LEVELS_WORST_FIRST = ("red", "amber")
#: How far from done a status is; a change between two statuses of equal rank is no change. A target missed for good
#: (not achieved) is further than one still moving away. Statuses without a verdict (no data, qualitative) are not
#: ranked: their change is not comparable.
STATUS_RANK = {"achieved": 0, "achieved_at_risk": 1, "on_track": 2, "moderate": 3, "insufficient": 4,
               "moving_away": 5, "not_achieved": 6}
CHANGES_WORST_FIRST = ("worse", "better", "same", "not_comparable")


def warning_level(status: str) -> str:
    """``red``, ``amber`` or empty (no warning)."""
    return WARNING_LEVELS.get(status, "")


def warning_list(joined: pd.DataFrame) -> pd.DataFrame:
    """The lagging series of one report year, with their ``level``, grouped by lead department.

    ``joined``: the report year's assessment with the indicators' columns (the lead department).
    Departments come in the order of their first indicator; within one, red before amber, then by number.
    """
    warned = joined.assign(level=joined["status"].map(warning_level))
    warned = warned[warned["level"] != ""].copy()
    if warned.empty:
        return warned
    first = warned.groupby("lead_department_zh", sort=False)["indicator_id"].transform("min")
    warned["_level_order"] = warned["level"].map(LEVELS_WORST_FIRST.index)
    warned["_department_order"] = first
    ordered = warned.sort_values(["_department_order", "lead_department_zh", "_level_order", "indicator_id", "series"],
                                 kind="stable")
    return ordered.drop(columns=["_level_order", "_department_order"]).reset_index(drop=True)


def previous_report_year(report_years, report_year: int) -> int | None:
    """The report year before ``report_year`` (None for the first)."""
    earlier = [year for year in report_years if year < report_year]
    return max(earlier) if earlier else None


def status_changes(assessment: pd.DataFrame, report_year: int, previous_year: int,
                   published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each series' status in ``previous_year`` and ``report_year``, and whether it got worse, better or stayed.

    ``published``: the previous year's statuses as its report published them (None: today's data give them).
    Returns indicator_id, series, status_then, status_now, change, and ``status_then_today`` (the previous
    year's status from today's data, which differs from ``status_then`` where a revision changed a published
    verdict); worse first (the largest fall first), then better, the same, and the changes that cannot be
    compared (a status without a verdict).
    """
    now = assessment[assessment["report_year"] == report_year][["indicator_id", "series", "status"]]
    today = assessment[assessment["report_year"] == previous_year][["indicator_id", "series", "status"]]
    then = today if published is None else published[["indicator_id", "series", "status"]]
    merged = now.merge(then, on=["indicator_id", "series"], how="left", suffixes=("_now", "_then"))
    merged["status_then"] = merged["status_then"].fillna("insufficient_data")
    merged = merged.merge(today.rename(columns={"status": "status_then_today"}), on=["indicator_id", "series"],
                          how="left")
    merged["status_then_today"] = merged["status_then_today"].fillna("insufficient_data")
    rank_now = merged["status_now"].map(STATUS_RANK)
    rank_then = merged["status_then"].map(STATUS_RANK)
    step = rank_now - rank_then
    merged["change"] = [
        "not_comparable" if pd.isna(s) else "worse" if s > 0 else "better" if s < 0 else "same" for s in step]
    merged["_order"] = merged["change"].map(CHANGES_WORST_FIRST.index)
    merged["_step"] = -step.fillna(0)
    merged = merged.sort_values(["_order", "_step", "indicator_id", "series"], kind="stable")
    return merged[["indicator_id", "series", "status_then", "status_now", "change",
                   "status_then_today"]].reset_index(drop=True)
