"""The warning list (预警清单) and the change since the last report year.

A warning goes to the department that leads an indicator when the indicator lags:

* **red** — the target is missed (``not_achieved``: a final verdict) or the indicator moves away
  from it (``moving_away``: growth in the wrong direction); or it missed a stage target (``stage_missed``: a
  target with a later one after it) and its growth so far is not on track for the next target;
* **amber** — it moves towards the target, too slowly to reach it (``insufficient``); or it missed a stage
  target but its growth so far is on track for the next target; or it met a stage target but its growth so far is
  not on track for the next target (off course: a mid-term's early warning). On track is the method's band: the
  growth seen a year at least 0.95 (the scheme's on-track cut-off) of what the next target needs a year.

This is the colour rule Chinese monitoring practice uses (green at or above plan, yellow growing
but below plan, red negative growth), on the statuses of the method; ``moderate`` (needs to
accelerate) is not warned. The change since the last report compares each series' status in the
previous report year with the status now: the status the previous report published, when it was
made from other data than today's (a revision since may have changed it, and the report says so),
else both assessed from today's data.
"""
from __future__ import annotations

import pandas as pd

from ..settings import SCHEMES
from ..vocabulary import HELD_EVERY_YEAR
from .rates import direction_sign

WARNING_LEVELS = {"not_achieved": "red", "moving_away": "red", "stage_missed": "red", "insufficient": "amber"}
LEVELS_WORST_FIRST = ("red", "amber")
#: How far from done a status is; a change between two statuses of equal rank is no change. A target missed for good
#: (not achieved) is further than one still moving away, and that further than a stage target missed. Statuses without
#: a verdict (no data, qualitative) are not ranked: their change is not comparable.
STATUS_RANK = {"achieved": 0, "achieved_at_risk": 1, "on_track": 2, "moderate": 3, "insufficient": 4,
               "stage_missed": 4.5, "moving_away": 5, "not_achieved": 6}
#: A rating of the pace against a verdict on a target's value: on course (or met) as met, behind as short; moderate
#: progress between the two (see :func:`status_changes`).
OUTCOME_RANK = {"achieved": 0, "achieved_at_risk": 0, "on_track": 0, "moderate": 1, "insufficient": 2,
                "stage_missed": 2, "moving_away": 2, "not_achieved": 2}
CHANGES_WORST_FIRST = ("worse", "better", "same", "not_comparable")
#: Why a status changed other than by the series moving against the same target (see :func:`status_changes`).
RERATING_REASONS = ("no_new_value", "target_changed", "now_final", "now_complete")
#: A stage target missed then and the next target missed now (see :func:`status_changes`).
MISSED_AGAIN = "missed_again"
#: A level to hold every year, its status in the previous report year given before the first year the plan sets the
#: level for: a comparison with a level not yet in force, not comparable with a verdict (see :func:`status_changes`).
BEFORE_LEVEL = "before_level"
#: The statuses that say a target was missed: a verdict on a target year's value short of it (a stage target, the
#: plan's target); a rating of the pace (moving away, insufficient progress) is no miss, the year still to come.
MISSED = ("stage_missed", "not_achieved")


def warning_level(status: str) -> str:
    """``red``, ``amber`` or empty (no warning), by the status alone (see :func:`row_warning_level`)."""
    return WARNING_LEVELS.get(status, "")


def row_warning_level(row) -> str:
    """A series' warning: by its status, but amber for a stage target missed on course to the next target, for
    a stage target met off course for the next target, and for a pace behind once the target's year has come."""
    level = warning_level(row.status)
    if level == "red" and stage_missed_on_course(row):
        return "amber"
    if not level and (stage_met_off_course(row) or overdue_behind(row)):
        return "amber"
    return level


def overdue_behind(row) -> bool:
    """Behind the pace needed (``moderate``, not warned while there is time to accelerate) once the target's year has
    come without its value: no time is left to accelerate (amber)."""
    return row.status == "moderate" and getattr(row, "verdict", "") == "progress" and _target_year_come(row)


def stage_met(row) -> bool:
    """A stage target met: a final verdict ``achieved`` on a target a later target of the series follows (not a level
    to hold every year, which is met year by year)."""
    return (row.status == "achieved" and getattr(row, "verdict", "") == "final"
            and pd.notna(getattr(row, "next_target_year", float("nan"))) and row.direction not in HELD_EVERY_YEAR)


def _held_yet(row) -> bool:
    """A level to hold every year whose first year held (``held_from``) has come by the report year (a table
    written without ``held_from``: held from the plan's start, as then)."""
    held_from = getattr(row, "held_from", float("nan"))
    return pd.isna(held_from) or pd.isna(getattr(row, "report_year", float("nan"))) or held_from <= row.report_year


def _met_before_its_year(row) -> bool:
    """``achieved`` as a progress verdict (the latest value, older than the target's year, at the binding target), not
    a level to hold every year (:func:`met_so_far`) unless no year it is held in has come yet (18 in 2022: 5.2 against
    the 5 the plan sets for 2023 and 2024 is met ahead of time, not "every year so far")."""
    return (row.status == "achieved" and getattr(row, "verdict", "") == "progress"
            and (row.direction not in HELD_EVERY_YEAR or not _held_yet(row)))


def _target_year_come(row) -> bool:
    return (pd.notna(getattr(row, "target_year", float("nan")))
            and pd.notna(getattr(row, "report_year", float("nan"))) and row.target_year <= row.report_year)


def met_early(row) -> bool:
    """A target met by a value before its year, the year still to come: ahead of time (已提前达标). The final verdict
    comes with the target year's value."""
    return _met_before_its_year(row) and not _target_year_come(row)


def met_stage_early(row) -> bool:
    """A target met by a value before its year (:func:`met_early`) that is a stage target: a later target of the series
    follows which the value does not meet (16 in 2022: 142 meets 2023's 140, not 2024's 160), ahead of time for the
    stage only (阶段提前达标). The row does not carry its later targets: :func:`mark_stage_early` marked it in
    ``shown_status`` where the assessment knew them."""
    return met_early(row) and getattr(row, "shown_status", "") == "met_stage_early"


def _met_early_whole(row) -> bool:
    return met_early(row) and not met_stage_early(row)


def mark_stage_early(row, later_targets: dict) -> str:
    """The status ``row`` is shown with (its ``shown_status``), ``met_stage_early`` where it is ``met_early`` and a
    target of a later year than its binding one (``later_targets``: year → value, every target of the series) is not
    met by its latest value; a range target is left as it is."""
    shown = getattr(row, "shown_status", "")
    if shown != "met_early" or pd.notna(getattr(row, "target_upper", float("nan"))):
        return shown
    sign = direction_sign(row.direction)
    later = [value for when, value in later_targets.items() if when > row.target_year and pd.notna(value)]
    return "met_stage_early" if any(sign * (row.latest_value - value) < 0 for value in later) else shown


def met_unconfirmed(row) -> bool:
    """A target met by a value before its year, the year come without its value: met, to be confirmed by that value
    (达标待确认), no longer "ahead of time" once the year has come."""
    return _met_before_its_year(row) and _target_year_come(row)


def met_so_far(row) -> bool:
    """A level to hold every year (a floor, a ceiling) met in every year held so far (its first year come), its last
    year still to come:
    ``achieved`` as a progress verdict, or as the verdict on a year the plan sets it for with a later one to come
    (17 at the mid-term: 91.2 against 2023's 90, 2024's to hold), not the final one a missed year or the last year's
    value gives."""
    return (row.status == "achieved" and row.direction in HELD_EVERY_YEAR and _held_yet(row)
            and (getattr(row, "verdict", "") == "progress"
                 or pd.notna(getattr(row, "next_target_year", float("nan")))))


def stage_met_off_course(row) -> bool:
    """A stage target met whose growth seen a year, in the series' method, falls short of what the next target needs
    a year (its latest value short of that target)."""
    return stage_met(row) and _on_course(row) is False


def stage_missed(row) -> bool:
    """A stage target missed (``stage_missed``): a final verdict on a target a later target of its own follows (not
    a rate or level to hold every year, where a year missed stays missed: that is ``not_achieved``)."""
    return row.status == "stage_missed"


def stage_missed_on_course(row) -> bool:
    """A stage target missed (a later target follows) whose growth seen a year, in the series'
    method, is at least what the next target needs a year (or whose latest value meets it already)."""
    return stage_missed(row) and bool(_on_course(row))


def stage_missed_off_course(row) -> bool:
    """A stage target missed whose growth seen a year falls short of what the next target needs a year too: red, and
    the row says why (beside one missed on course, amber, whose completion rate may be lower)."""
    return stage_missed(row) and _on_course(row) is False


def on_track_cut(row) -> float:
    """The progress ratio the series' scheme calls on track (``R ≥ 0.95``, Eurostat and UNSD alike): the one band
    the method's ratings and the warnings' "on course for the next target" share."""
    return SCHEMES.get(getattr(row, "scheme", "eurostat"), SCHEMES["eurostat"])[0]


def _on_course(row) -> bool | None:
    """Whether a series' latest value meets its next target, or its growth seen a year is on track for what that
    target needs a year: their ratio at least the scheme's on-track cut-off (R ≥ 0.95, as the method rates a pace;
    3 at the mid-term: +0.87 points a year seen against +0.9 needed, R = 0.97, on course); None when either rate is
    unknown (a yearly floor: no growth of its own)."""
    sign = direction_sign(row.direction)
    if sign * (row.latest_value - row.next_target_value) >= 0:
        return True
    seen, needed = ((row.observed_cagr, row.next_required_cagr) if row.method == "compound"
                    else (row.observed_per_year, row.next_required_per_year))
    if pd.isna(seen) or pd.isna(needed):
        return None
    return bool(sign * seen >= on_track_cut(row) * sign * needed)


def on_course_short(row) -> bool:
    """On course for the next target by the on-track band (:func:`_on_course`) with a growth seen below what that
    target needs a year (25 at the mid-term: 7.2 % a year against 7.4 %, R = 0.97): never said to reach it."""
    if not stage_missed_on_course(row) and not stage_met(row):
        return False
    sign = direction_sign(row.direction)
    seen, needed = ((row.observed_cagr, row.next_required_cagr) if row.method == "compound"
                    else (row.observed_per_year, row.next_required_per_year))
    return bool(_on_course(row)) and pd.notna(seen) and pd.notna(needed) and sign * (seen - needed) < 0 and bool(
        sign * (row.latest_value - row.next_target_value) < 0)


def course_share(row) -> float:
    """The growth seen a year as a share of what the next target needs a year, in the series' method (3 at the
    mid-term: +0.87 points seen against +0.9 needed, 0.96), the ratio :func:`_on_course` compares with the on-track
    cut-off; NaN when either rate is unknown or none is needed."""
    seen, needed = ((row.observed_cagr, row.next_required_cagr) if row.method == "compound"
                    else (row.observed_per_year, row.next_required_per_year))
    if pd.isna(seen) or pd.isna(needed) or needed == 0:
        return float("nan")
    return float(seen / needed)


def warning_list(joined: pd.DataFrame, unjudged: bool = False) -> pd.DataFrame:
    """The lagging series of one report year, with their ``level``, grouped by lead department.

    ``joined``: the report year's assessment with the indicators' columns (the lead department).
    ``unjudged``: list the numeric series without data to judge by (``insufficient_data``) too, amber: a final
    evaluation names them as data missing, since the target year has come without them.
    Departments come in the order of their first indicator; within one, red before amber, then by number.
    """
    warned = joined.assign(level=[row_warning_level(row) or ("amber" if unjudged and row.status == "insufficient_data"
                                                             else "") for row in joined.itertuples()])
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
    verdict); worse first (the largest fall first), then better, the same, and the changes that cannot be compared (a
    status without a verdict).

    The statuses are compared (:data:`STATUS_RANK`): a target met then and missed now is worse, whatever moved it. Where
    the series did not move against the same target, the column ``reason`` says what else changed: no value since
    the previous review, another binding target (a stage target passed, the next one, of another value, now
    binding), or a rating of the pace turned into a verdict on the target year's value (``no_new_value``,
    ``target_changed``, ``now_final``; joined by ``+``), compared as outcomes (:data:`OUTCOME_RANK`: on track then,
    met now is the same, moderate then and short now worse). A stage target missed then and the next target missed
    now is the *same* (missed both times, :data:`MISSED_AGAIN`), as a target met both times is. These columns
    (as_of_year, target_year, target_value) are read when the assessment has them.
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
    merged["reason"] = _rerating_reasons(assessment, merged, report_year, previous_year)
    # a rating of the pace then, a verdict on the target's value now: on course then and met now is no change, nor
    # far behind then and short now (:data:`OUTCOME_RANK`)
    now_final = merged["reason"].str.split("+").map(lambda reasons: "now_final" in reasons)
    outcome = merged["status_now"].map(OUTCOME_RANK) - merged["status_then"].map(OUTCOME_RANK)
    merged.loc[now_final & outcome.notna(), "change"] = [
        "worse" if s > 0 else "better" if s < 0 else "same" for s in outcome[now_final & outcome.notna()]]
    # a stage target missed then, the next target missed now: missed both times, no change (as one met then and met
    # now is the same)
    missed_again = merged["reason"].str.split("+").map(lambda reasons: MISSED_AGAIN in reasons)
    merged.loc[missed_again, "change"] = "same"
    # a reason stays wherever the basis moved, whether the status changed or not (no new value, a later target, a
    # verdict where a rating was, missed again: method, item 8); none where nothing can be compared
    merged.loc[merged["change"] == "not_comparable", "reason"] = ""
    # a level to hold every year rated in the previous year before the first year the plan sets it for (18: 5.2 in
    # 2022 "already met" against 2023's ≥5): a comparison with a level not yet in force, not comparable with a
    # verdict on a year it is held in, whichever way it reads (method, item 8)
    before = _before_level(assessment, merged, report_year, previous_year)
    merged.loc[before, "change"] = "not_comparable"
    merged.loc[before, "reason"] = BEFORE_LEVEL
    merged["_order"] = merged["change"].map(CHANGES_WORST_FIRST.index)
    merged["_step"] = -step.fillna(0)
    merged = merged.sort_values(["_order", "_step", "indicator_id", "series"], kind="stable")
    return merged[["indicator_id", "series", "status_then", "status_now", "change", "reason",
                   "status_then_today"]].reset_index(drop=True)


def _before_level(assessment: pd.DataFrame, merged: pd.DataFrame, report_year: int, previous_year: int) -> pd.Series:
    """Per row of ``merged``: a level to hold every year whose status in ``previous_year`` (a rated one) was given
    before the first year the plan sets the level for (``held_from``), and its status in ``report_year`` in or after
    it (two statuses before it compare with the same level alike: comparable)."""
    if not {"direction", "held_from"} <= set(assessment.columns):
        return pd.Series(False, index=merged.index)
    keys = ["indicator_id", "series"]
    then = assessment[assessment["report_year"] == previous_year][[*keys, "direction", "held_from"]]
    both = merged[keys].merge(then, on=keys, how="left")
    held_from = pd.to_numeric(both["held_from"], errors="coerce")
    before = (both["direction"].isin(HELD_EVERY_YEAR) & held_from.notna() & (held_from > previous_year)
              & (held_from <= report_year)
              & merged["status_then"].isin(STATUS_RANK).to_numpy())
    return pd.Series(before.to_numpy(), index=merged.index)


def _rerating_reasons(assessment: pd.DataFrame, merged: pd.DataFrame, report_year: int,
                      previous_year: int) -> list[str]:
    """Per row of ``merged``: why its status would change without the series moving ("" when it moved)."""
    columns = ["as_of_year", "target_year", "target_value"]
    if not set(columns) <= set(assessment.columns):
        return [""] * len(merged)
    columns += [column for column in ("verdict", "status", "direction", "held_from", "shown_status")
                if column in assessment.columns]
    keys = ["indicator_id", "series"]
    now = assessment[assessment["report_year"] == report_year][keys + columns]
    then = assessment[assessment["report_year"] == previous_year][keys + columns]
    both = merged[keys].merge(now, on=keys, how="left").merge(then, on=keys, how="left", suffixes=("", "_then"))
    reasons = []
    for row in both.itertuples():
        found = []
        if pd.notna(row.as_of_year) and pd.notna(row.as_of_year_then) and row.as_of_year == row.as_of_year_then:
            found.append("no_new_value")
        if pd.notna(row.target_year) and pd.notna(row.target_year_then) and (
                row.target_year != row.target_year_then and _differs(row.target_value, row.target_value_then)):
            found.append("target_changed")
        # a rating of the pace then, a verdict on the target's value now (a level met then, missed now with a new
        # value, is a movement of the series: no other reason; met early then and met now: the basis said), and so is
        # a level met before the first year it is held in, missed in that year (18: 5.2 in 2022 met 2023's level
        # ahead of its year; 4.6 in 2023 misses it: a verdict on the year's level now, no like-for-like fall)
        met = ("achieved", "achieved_at_risk")
        held_from = getattr(row, "held_from", None)
        before_held = (getattr(row, "direction", "") in HELD_EVERY_YEAR and held_from is not None
                       and pd.notna(held_from) and previous_year < held_from)
        if (getattr(row, "verdict", "") == "final" and getattr(row, "verdict_then", "") == "progress"
                and (getattr(row, "status_then", "") not in met or getattr(row, "status", "") in met or before_held)):
            found.append("now_final")
        # a level met every year so far then (its last year's value to come), finally judged now that it is in (17:
        # met so far in 2023, achieved in 2024): the same outcome, on another basis, said
        if getattr(row, "shown_status_then", "") == "met_so_far" and getattr(row, "shown_status", "") != "met_so_far" \
                and getattr(row, "verdict", "") == "final":
            found.append("now_complete")
        # short of a stage target then, of the next target now: missed both times (a series that reached it since
        # is better)
        if (getattr(row, "status_then", "") == "stage_missed" and getattr(row, "status", "") == "not_achieved"
                and pd.notna(row.target_year) and row.target_year != row.target_year_then):
            # against the same value as the stage target (80 then, 80 now) on the same basis, as a series that met
            # it since is; against another value on a later one (2.7 then, 2.8 now), said as such
            found = [reason for reason in found if reason in ("no_new_value", "target_changed")] + [MISSED_AGAIN]
        reasons.append("+".join(found))
    return reasons


def _differs(a, b) -> bool:
    """Two values differ (two missing values do not)."""
    if pd.isna(a) and pd.isna(b):
        return False
    return pd.isna(a) or pd.isna(b) or a != b


#: The statuses a series is shown with in its status's stead (and colour), each with the test that picks it.
SHOWN_IN_STEAD = {"achieved": (("stage_achieved", stage_met), ("met_stage_early", met_stage_early),
                                ("met_early", _met_early_whole),
                                ("met_unconfirmed", met_unconfirmed), ("met_so_far", met_so_far)),
                  "moderate": (("overdue", overdue_behind),)}


def shown_status(row) -> str:
    """The status a series is shown with: ``stage_achieved`` (已达阶段目标, "Stage target met") for a stage target met,
    a verdict on a target a later one follows, which is not the plan's "achieved"; ``met_early`` (已提前达标, "Target
    already met") for a target met by a value before its year, a progress verdict, not the final one, and
    ``met_stage_early`` (阶段提前达标, "Stage target already met") where that target is a stage target the value
    meets and a later one it does not (:func:`met_stage_early`); ``met_unconfirmed`` (达标待确认, "Met, to be
    confirmed") once that year has come without its value; ``met_so_far`` (迄今均达标, "Met so far") for a level to
    hold every year, met so far; ``overdue`` (预计未达标, "Projected to miss") for a pace behind what was needed once
    the target's year has come without its value, where "accelerate" would ask for
    what time no longer allows; else its status (:data:`SHOWN_IN_STEAD`)."""
    return next((shown for shown, picks in SHOWN_IN_STEAD.get(row.status, ()) if picks(row)), row.status)
