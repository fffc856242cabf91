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
