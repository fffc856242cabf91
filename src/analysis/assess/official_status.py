"""Official status words beside the statuses: a national plan review's wording, or a traffic light on time elapsed.

A plan may choose one (``status_words`` in plan.yml, :class:`analysis.plan.StatusWords`); the assessment then
records each series' word in its ``official_status`` column (a key of
:data:`analysis.vocabulary.STATUS_VOCABULARIES`; the catalogs' ``official_status`` hold the words), empty when the
plan chose none. The words restate what the assessment found in the language of official reviews; the statuses
themselves do not change.

**review**: the words of the mid-term review of the national 14th Five-Year Plan (NDRC to the NPC Standing
Committee, 2023: 提前实现, 快于预期, 基本符合预期, 相对滞后), and 已完成 / 未完成 once the target year's data are in
(a final verdict). The 12th plan's reviews say the same in other words: 提前完成/实现, 达到预期进度要求, 进展滞后.

=========================================  ================================================  ===================
status (verdict)                           and                                               review word
=========================================  ================================================  ===================
achieved (final)                                                                             已完成 completed
not_achieved, stage_missed (final)                                                           未完成 not_completed
achieved, achieved_at_risk (progress)      met before the target year                        提前实现 reached_early
on_track (progress)                        completion > time elapsed                         快于预期 ahead
on_track (progress)                        completion ≤ time elapsed, or no completion       基本符合预期 on_schedule
moderate (progress)                                                                          基本符合预期 on_schedule
insufficient, moving_away (progress)                                                         相对滞后 lagging
insufficient_data                                                                            数据不足 no_data
qualitative                                                                                  (none)
=========================================  ================================================  ===================

A final verdict is the verdict on the binding target: a mid-term review with data for a stage target (Weihai's
2023) says 已完成 or 未完成 of that target. "Ahead" is strict: exactly on schedule is 基本符合预期. For a series with a
linear pace, completion ÷ time elapsed is the progress ratio, so 快于预期 is R > 1; a compound pace may be on track
by its growth rates and still behind a straight line (基本符合预期).

**traffic_light**: Yinchuan's rule for key projects, on a plan's indicator: schedule (序时进度) is the share of
time elapsed from the base year to the binding target year, progress the share of the base-to-target distance
covered (completion). Points behind schedule = (time elapsed − completion) × 100, compared to 10⁻⁹ of a point (so
0.75 − 0.65 is 10 points, not 9.999…):

=========================================  ================================================  ===================
status (verdict)                           and                                               light
=========================================  ================================================  ===================
achieved (final)                                                                             绿灯 green
not_achieved, stage_missed (final)                                                           红灯 red
achieved, achieved_at_risk (progress)      the level is met before the target year           绿灯 green
on_track … moving_away (progress)          behind < amber_points                             绿灯 green
on_track … moving_away (progress)          amber_points ≤ behind ≤ red_points                黄灯 amber
on_track … moving_away (progress)          behind > red_points                               红灯 red
on_track … moving_away (progress)          no completion: a yearly floor, a level to hold    红灯 red
insufficient_data                                                                            数据不足 no_data
qualitative                                                                                  (none)
=========================================  ================================================  ===================

A final verdict leaves no schedule to be behind: the target is met (green) or missed (red). A yearly floor (method
``annual_floor``: the decline of energy use per unit of GDP) and a target the baseline already met have no
distance to cover, so no completion: the level is the schedule, met green (the status is then achieved), not met
red, whatever the trend. A rank's distance is counted in places. The light is linear on time, a different family
from the progress ratio of the statuses: a count growing at a compound pace may be on track and amber.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

from ..plan import DEFAULT_AMBER_POINTS, DEFAULT_RED_POINTS, StatusWords

#: Points behind schedule are compared at this precision, so a difference of binary fractions is what it is by hand.
PRECISION = 9
#: The statuses that meet the binding target before the target year.
MET = ("achieved", "achieved_at_risk")
#: The statuses of a series that has not met its target yet (a progress verdict).
UNDER_WAY = ("on_track", "moderate", "insufficient", "moving_away")
#: The review's word of each progress status (on_track: ahead when completion is ahead of time elapsed).
REVIEW_PROGRESS = {"achieved": "reached_early", "achieved_at_risk": "reached_early", "on_track": "on_schedule",
                   "moderate": "on_schedule", "insufficient": "lagging", "moving_away": "lagging"}
FINAL_WORDS = {"review": {"achieved": "completed", "not_achieved": "not_completed", "stage_missed": "not_completed"},
               "traffic_light": {"achieved": "green", "not_achieved": "red", "stage_missed": "red"}}


def points_behind(completion: float, time_elapsed: float) -> float:
    """Percentage points behind schedule: (time elapsed − completion) × 100 (negative: ahead); NaN without either."""
    if not (math.isfinite(completion) and math.isfinite(time_elapsed)):
        return math.nan
    return round((time_elapsed - completion) * 100, PRECISION)


def _without_verdict(status: str) -> str | None:
    """The word of a series with no verdict: none for a qualitative indicator, 数据不足 without data; None otherwise."""
    if status == "qualitative":
        return ""
    if status == "insufficient_data":
        return "no_data"
    return None


def _final(vocabulary: str, status: str) -> str:
    words = FINAL_WORDS[vocabulary]
    if status not in words:
        raise ValueError(f"a final verdict is achieved, not_achieved or stage_missed, not {status!r}")
    return words[status]


def review_word(status: str, verdict: str, completion: float, time_elapsed: float) -> str:
    """The review's word key for a series (see the module's table)."""
    word = _without_verdict(status)
    if word is not None:
        return word
    if verdict == "final":
        return _final("review", status)
    if status not in REVIEW_PROGRESS:
        raise ValueError(f"no review word for a progress verdict of {status!r}")
    if status == "on_track" and points_behind(completion, time_elapsed) < 0:
        return "ahead"
    return REVIEW_PROGRESS[status]


def traffic_light(status: str, verdict: str, completion: float, time_elapsed: float,
                  amber_points: float = DEFAULT_AMBER_POINTS, red_points: float = DEFAULT_RED_POINTS) -> str:
    """The light's word key for a series: green below ``amber_points`` behind schedule, amber from ``amber_points``
    to ``red_points`` inclusive, red beyond (see the module's table)."""
    word = _without_verdict(status)
    if word is not None:
        return word
    if verdict == "final":
        return _final("traffic_light", status)
    if status in MET:
        return "green"
    if status not in UNDER_WAY:
        raise ValueError(f"no light for a progress verdict of {status!r}")
    behind = points_behind(completion, time_elapsed)
    if math.isnan(behind):  # a level to hold (a yearly floor), not met
        return "red"
    if behind > red_points:
        return "red"
    return "amber" if behind >= amber_points else "green"


def official_status(row: Mapping, words: StatusWords | None) -> str:
    """The word key of an assessed series (``status``, ``verdict``, ``completion``, ``time_elapsed``) in the plan's
    vocabulary; empty when the plan chose none."""
    if words is None:
        return ""
    completion, elapsed = float(row["completion"]), float(row["time_elapsed"])
    if words.vocabulary == "review":
        return review_word(row["status"], row["verdict"], completion, elapsed)
    if words.vocabulary == "traffic_light":
        return traffic_light(row["status"], row["verdict"], completion, elapsed, words.amber_points, words.red_points)
    raise ValueError(f"unknown vocabulary {words.vocabulary!r}")
