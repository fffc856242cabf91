"""The warning rule (red: not achieved or moving away; amber: insufficient) and the status change between
two report years, on hand-made rows."""
from __future__ import annotations

import pandas as pd

from analysis.assess.warning_list import previous_report_year, status_changes, warning_level, warning_list


def test_levels_follow_the_colour_rule():
    assert [warning_level(s) for s in ("not_achieved", "moving_away", "insufficient", "moderate", "on_track",
                                       "achieved", "insufficient_data", "qualitative")] == [
        "red", "red", "amber", "", "", "", "", ""]


def test_the_list_groups_by_lead_department_red_first():
    joined = pd.DataFrame({
        "indicator_id": [2, 3, 9, 12, 14, 20],
        "series": ["", "", "", "", "", ""],
        "status": ["insufficient", "moving_away", "on_track", "insufficient", "not_achieved", "moderate"],
        "lead_department_zh": ["市科技局", "市财政局", "市科技局", "市市场监管局", "市科技局", "市财政局"],
    })
    listed = warning_list(joined)
    # 市科技局 first (its first warned indicator is 2), red 14 before amber 2; then 市财政局 (3), 市市场监管局 (12).
    # 9 (on track) and 20 (moderate) are not warned.
    assert list(zip(listed["lead_department_zh"], listed["indicator_id"], listed["level"])) == [
        ("市科技局", 14, "red"), ("市科技局", 2, "amber"), ("市财政局", 3, "red"), ("市市场监管局", 12, "amber")]
    assert warning_list(joined[joined["status"] == "on_track"]).empty


def test_changes_put_the_largest_fall_first():
    rows = [(1, "on_track", "insufficient"),        # worse by 2 ranks
            (2, "moderate", "on_track"),            # better
            (3, "insufficient_data", "on_track"),   # not comparable: no verdict before
            (4, "achieved", "achieved"),            # the same
            (5, "on_track", "not_achieved"),        # worse by 4 ranks: first
            (6, "moving_away", "not_achieved")]     # both red, but now missed for good: worse by 1 rank
    assessment = pd.DataFrame(
        [{"indicator_id": i, "series": "", "report_year": 2023, "status": then} for i, then, _ in rows]
        + [{"indicator_id": i, "series": "", "report_year": 2024, "status": now} for i, _, now in rows])
    changes = status_changes(assessment, 2024, 2023)
    assert list(zip(changes["indicator_id"], changes["change"])) == [
        (5, "worse"), (1, "worse"), (6, "worse"), (2, "better"), (4, "same"), (3, "not_comparable")]
    assert list(changes.loc[changes["indicator_id"] == 5, ["status_then", "status_now"]].iloc[0]) == [
        "on_track", "not_achieved"]


def test_the_previous_report_year():
    assert previous_report_year([2021, 2022, 2023, 2024], 2024) == 2023
    assert previous_report_year([2021, 2022, 2023, 2024], 2021) is None


def test_the_status_then_is_the_one_the_previous_report_published_when_given():
    # the 2023 report published "insufficient" for series 2 and "on_track" for 10; today's data make 2023
    # "on_track" and "on_track": 2 then is the published "insufficient", today "on_track" (a changed verdict)
    assessment = pd.DataFrame({"indicator_id": [2, 10, 2, 10], "series": ["", "", "", ""],
                               "report_year": [2023, 2023, 2024, 2024],
                               "status": ["on_track", "on_track", "achieved", "moving_away"]})
    published = pd.DataFrame({"indicator_id": [2, 10], "series": ["", ""], "report_year": [2023, 2023],
                              "status": ["insufficient", "on_track"]})
    changes = status_changes(assessment, 2024, 2023, published).set_index("indicator_id")
    assert changes.loc[2, ["status_then", "status_then_today", "status_now", "change"]].tolist() == [
        "insufficient", "on_track", "achieved", "better"]
    assert changes.loc[10, ["status_then", "status_then_today", "change"]].tolist() == ["on_track", "on_track", "worse"]
    today = status_changes(assessment, 2024, 2023).set_index("indicator_id")
    assert (today["status_then"] == today["status_then_today"]).all()  # without a published report: today's data


def test_a_status_that_changes_without_the_series_moving_says_why():
    # (id, then: as of, target year, target, status; now: as of, target year, target, status)
    rows = [(1, 2022, 2023, 50.0, "on_track", 2023, 2023, 50.0, "insufficient"),   # new value, same target: worse
            (2, 2022, 2023, 50.0, "on_track", 2022, 2023, 50.0, "moderate"),       # no new value: worse, why
            (3, 2023, 2023, 45.0, "achieved", 2024, 2024, 48.0, "not_achieved"),   # up, but the 2024 target binds
            (4, 2023, 2024, None, "moderate", 2024, 2024, None, "on_track"),       # a range target both times: better
            (5, 2023, 2024, 9.0, "moderate", 2023, 2024, 9.0, "moderate")]         # the same, no new value: why
    frames = []
    for i, then_asof, then_year, then_target, then_status, asof, year, target, status in rows:
        frames.append({"indicator_id": i, "series": "", "report_year": 2023, "status": then_status,
                       "as_of_year": then_asof, "target_year": then_year, "target_value": then_target})
        frames.append({"indicator_id": i, "series": "", "report_year": 2024, "status": status,
                       "as_of_year": asof, "target_year": year, "target_value": target})
    changes = status_changes(pd.DataFrame(frames), 2024, 2023).set_index("indicator_id")
    assert changes.loc[1, ["change", "reason"]].tolist() == ["worse", ""]
    assert changes.loc[2, ["change", "reason"]].tolist() == ["worse", "no_new_value"]
    # met then, missed now: worse, though the series rose (the 2024 target binds): the reason says so
    assert changes.loc[3, ["change", "reason"]].tolist() == ["worse", "target_changed"]
    assert changes.loc[4, ["change", "reason"]].tolist() == ["better", ""]
    # the same status without a new value: said so, as the method promises for every row (item 8)
    assert changes.loc[5, ["change", "reason"]].tolist() == ["same", "no_new_value"]
    # the worse first, the largest fall first (3: achieved to not achieved, 6 ranks; 1: on track to insufficient,
    # 2; 2: on track to moderate, 1), then the better, then the same
    assert list(changes.index) == [3, 1, 2, 4, 5]
    # a rating of the pace, then a verdict on the target year's value: compared as outcomes, the reason given
    # (1: on track, a pace, in 2023; insufficient in 2024 from a new value, now a verdict on 2024's target: worse)
    verdicts = pd.DataFrame(frames).assign(verdict="progress")
    verdicts.loc[1, "verdict"] = "final"
    changed = status_changes(verdicts, 2024, 2023).set_index("indicator_id")
    assert changed.loc[1, ["change", "reason"]].tolist() == ["worse", "now_final"]
    assert changed.loc[4, ["change", "reason"]].tolist() == ["better", ""]  # both paces: compared
    # on track then and met now, far behind then and short now: the same outcome, the basis that moved said (a
    # verdict where a pace was rated; 2 without a new value as well)
    outcomes = verdicts.copy()
    outcomes.loc[[2, 3], "status"] = ["moving_away", "stage_missed"]
    outcomes.loc[3, "verdict"] = "final"
    outcomes.loc[6, "status"] = "on_track"
    outcomes.loc[7, ["status", "verdict"]] = ["achieved", "final"]
    same = status_changes(outcomes, 2024, 2023).set_index("indicator_id")
    assert same.loc[2, ["change", "reason"]].tolist() == ["same", "no_new_value+now_final"]
    assert same.loc[4, ["change", "reason"]].tolist() == ["same", "now_final"]


def test_a_stage_target_missed_on_course_to_the_next_is_amber():
    from types import SimpleNamespace

    from analysis.assess.warning_list import row_warning_level

    def row(**changes):
        # 1,450 in 2023 against the 2023 interim target 1,500; 2024's target 1,600 needs 1600/1450 - 1 = 10.3 %
        base = dict(status="stage_missed", method="compound", direction="higher", latest_value=1450.0,
                    next_target_year=2024.0, next_target_value=1600.0, next_required_cagr=0.1034,
                    next_required_per_year=150.0, observed_cagr=0.2525, observed_per_year=237.3)
        return SimpleNamespace(**{**base, **changes})

    assert row_warning_level(row()) == "amber"  # 25 % a year seen reaches 10.3 %
    assert row_warning_level(row(observed_cagr=0.05)) == "red"  # 5 % a year does not
    assert row_warning_level(row(method="linear", observed_per_year=150.0)) == "amber"  # exactly the need
    # on track as the method rates a pace: R = seen / needed at least 0.95, 142.5 of the 150 needed
    assert row_warning_level(row(method="linear", observed_per_year=143.0)) == "amber"  # R = 0.953
    assert row_warning_level(row(method="linear", observed_per_year=142.0)) == "red"  # R = 0.947
    # the last target, or a level to hold every year: missed for good, whatever the pace
    assert row_warning_level(row(status="not_achieved", next_target_year=float("nan"))) == "red"
    assert row_warning_level(row(status="not_achieved", direction="at_least")) == "red"
    # a series to bring down: -8 % a year seen against -5 % needed reaches it
    assert row_warning_level(row(direction="lower", latest_value=1.0, next_target_value=0.95,
                                 next_required_cagr=-0.05, observed_cagr=-0.08)) == "amber"
    assert row_warning_level(row(status="insufficient")) == "amber"
    assert row_warning_level(row(status="moving_away")) == "red"


def test_on_course_for_the_next_target_is_the_methods_on_track_band():
    """An interim target missed is amber where the pace seen is on track for the next target as the method rates a
    pace (R ≥ 0.95, Eurostat's and UNSD's cut-off), red below it; an interim target met is amber below it. Worked out
    from the example data's mid-term: 3 (41.5 in 2020, 44.1 in 2023 against 45 in 2024) sees (44.1 − 41.5) / 3 =
    +0.867 points a year against +0.9 needed, R = 0.963; 5 provincial, 25 and 20: see
    tests/assess/test_example_dataset.py."""
    from types import SimpleNamespace

    from analysis.assess.warning_list import row_warning_level, stage_met_off_course, stage_missed_on_course

    def row(**changes):
        base = dict(status="stage_missed", verdict="final", method="linear", direction="higher", latest_value=44.1,
                    next_target_year=2024.0, next_target_value=45.0, next_required_per_year=0.9,
                    observed_per_year=2.6 / 3, next_required_cagr=float("nan"), observed_cagr=float("nan"))
        return SimpleNamespace(**{**base, **changes})

    assert stage_missed_on_course(row()) and row_warning_level(row()) == "amber"  # R = 0.963
    assert row_warning_level(row(scheme="unsd")) == "amber"  # UNSD's on-track cut-off is 0.95 too
    assert row_warning_level(row(observed_per_year=0.85)) == "red"  # R = 0.944: needs to accelerate, not on track
    assert row_warning_level(row(observed_per_year=0.24)) == "red"  # R = 0.34, as 20 at the mid-term
    # to bring down: -4.8 % a year seen against -5 % needed is R = 0.96, on track; -4.7 % (0.94) is not
    lower = dict(method="compound", direction="lower", latest_value=1.0, next_target_value=0.95,
                 next_required_cagr=-0.05)
    assert row_warning_level(row(**lower, observed_cagr=-0.048)) == "amber"
    assert row_warning_level(row(**lower, observed_cagr=-0.047)) == "red"
    # an interim target met with a pace on track for the next one is not warned; one below the band is
    assert not stage_met_off_course(row(status="achieved", observed_per_year=0.86))  # R = 0.956
    assert row_warning_level(row(status="achieved", observed_per_year=0.85)) == "amber"


def test_a_stage_target_met_off_course_for_the_next_is_amber():
    """A mid-term's early warning: 103 in 2023 meets the 2023 interim target of 100, but 120 in 2024 needs
    120/103 - 1 = 16.5 % in one year, twice the 8.8 % a year seen since 2020 (80 → 103)."""
    from types import SimpleNamespace

    from analysis.assess.warning_list import row_warning_level, stage_met, stage_met_off_course

    def row(**changes):
        base = dict(status="achieved", verdict="final", method="compound", direction="higher", latest_value=103.0,
                    next_target_year=2024.0, next_target_value=120.0, next_required_cagr=0.165,
                    next_required_per_year=17.0, observed_cagr=0.088, observed_per_year=7.67)
        return SimpleNamespace(**{**base, **changes})

    assert stage_met(row()) and stage_met_off_course(row())
    assert row_warning_level(row()) == "amber"
    assert row_warning_level(row(observed_cagr=0.165)) == ""  # the need, exactly: on course
    # in points: +0.3 a year seen against +0.7 needed (9.3 % in 2023, 10 % in 2024) is off course
    assert row_warning_level(row(method="linear", latest_value=9.3, next_target_value=10.0,
                                 next_required_per_year=0.7, observed_per_year=0.3)) == "amber"
    # the next target already met: nothing to reach
    assert row_warning_level(row(next_target_value=100.0)) == ""
    # no next target (the plan's last), a progress verdict, a level to hold every year: not an interim target met
    assert not stage_met(row(next_target_year=float("nan")))
    assert not stage_met(row(verdict="progress"))
    assert not stage_met(row(direction="at_least"))
    # a yearly floor has no growth of its own to compare: not warned on its pace
    assert row_warning_level(row(method="annual_floor", observed_cagr=float("nan"),
                                 observed_per_year=float("nan"))) == ""


def test_a_moderate_pace_is_warned_once_its_targets_year_has_come_without_a_value():
    """Behind the pace needed but not far ("moderate") is not warned while there is time to accelerate; at a review in
    the target's year or after, without that year's value (9.3 in 2023 against 10 for 2024), none is left: amber."""
    from types import SimpleNamespace

    from analysis.assess.warning_list import row_warning_level

    def row(**changes):
        base = dict(status="moderate", verdict="progress", method="linear", direction="higher", latest_value=9.3,
                    target_year=2024.0, report_year=2024, next_target_year=float("nan"))
        return SimpleNamespace(**{**base, **changes})

    assert row_warning_level(row()) == "amber"
    assert row_warning_level(row(report_year=2025)) == "amber"
    assert row_warning_level(row(report_year=2023)) == ""  # a year left to accelerate
    assert row_warning_level(row(status="on_track")) == ""
    assert row_warning_level(row(status="achieved", verdict="final")) == ""


def test_a_target_met_before_its_year_is_told_from_one_met_in_it():
    """Achieved as a progress verdict on a value before the target's year (84 in 2022 against 80 for 2023) is a target
    met early; once the target's year has come without its value, met but to be confirmed (no longer early); not a
    final verdict, nor another status; a level to hold every year met so far is "met every year so far"."""
    from types import SimpleNamespace

    from analysis.assess.warning_list import met_early, met_so_far, met_unconfirmed, stage_met

    def row(**changes):
        base = dict(status="achieved", verdict="progress", direction="higher", target_year=2023.0, report_year=2022,
                    next_target_year=2024.0)
        return SimpleNamespace(**{**base, **changes})

    assert met_early(row())
    assert not stage_met(row())
    assert not met_early(row(verdict="final", report_year=2023)) and stage_met(row(verdict="final", report_year=2023))
    assert not met_unconfirmed(row())
    # the target's year come without its value: met by an earlier one, to be confirmed, not early
    assert met_unconfirmed(row(report_year=2023)) and not met_early(row(report_year=2023))
    assert met_unconfirmed(row(report_year=2024)) and not met_unconfirmed(row(verdict="final", report_year=2023))
    assert not met_early(row(direction="at_least")) and met_so_far(row(direction="at_least"))  # a level every year
    # a level met in a year the plan sets it for, a later one to come, is met so far (17 at the mid-term); met in the
    # last, achieved
    assert not met_so_far(row()) and met_so_far(row(direction="at_most", verdict="final"))
    assert not met_so_far(row(direction="at_most", verdict="final", next_target_year=float("nan")))
    assert not met_early(row(status="achieved_at_risk"))
    # a level the plan holds from 2023, met by 2022's value (18: 5.2 against 5): no year held yet, so met ahead of
    # time, not "every year so far"; from 2023 on, met so far
    early = row(direction="at_least", held_from=2023.0)
    assert met_early(early) and not met_so_far(early)
    assert met_so_far(row(direction="at_least", held_from=2023.0, report_year=2023))
    assert met_so_far(row(direction="at_least", held_from=2022.0))


def test_a_status_given_before_the_level_applied_is_not_compared_with_a_verdict_on_it():
    """Energy saving (18), a floor to hold every year from 2023: 5.2 in 2022 "met" 2023's ≥5 a year before it
    applied, 4.6 in 2023 misses it. The 2022 status compared a value with a level not yet in force: not comparable with
    2023's verdict (never "worse"), the reason said; 2021 against 2022, both before the level applied, compares like
    with like; a target that is no level to hold every year (1) is compared as ever."""
    rows = []
    for year, status, verdict in ((2021, "moving_away", "progress"), (2022, "achieved", "progress"),
                                  (2023, "not_achieved", "final")):
        rows.append({"indicator_id": 18, "series": "", "report_year": year, "status": status, "verdict": verdict,
                     "direction": "at_least", "held_from": 2023.0, "as_of_year": year, "target_year": 2023,
                     "target_value": 5.0})
        rows.append({"indicator_id": 1, "series": "", "report_year": year, "status": status, "verdict": verdict,
                     "direction": "increase", "held_from": float("nan"), "as_of_year": year, "target_year": 2023,
                     "target_value": 5.0})
    assessment = pd.DataFrame(rows)
    mid = status_changes(assessment, 2023, 2022).set_index("indicator_id")
    assert mid.loc[18, ["change", "reason"]].tolist() == ["not_comparable", "before_level"]
    assert mid.loc[1, "change"] == "worse"
    early = status_changes(assessment, 2022, 2021).set_index("indicator_id")
    assert early.loc[18, ["change", "reason"]].tolist() == ["better", ""]
