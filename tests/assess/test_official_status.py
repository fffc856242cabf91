"""Official status words: the review's wording and the traffic light on time elapsed, worked out by hand.

Points behind schedule = (time elapsed − completion) × 100; green under ``amber_points`` (10), amber from 10 to 30
inclusive, red beyond 30 (Yinchuan).
"""
from __future__ import annotations

import math

import pytest

from analysis.assess import assessment as method
from analysis.assess.official_status import official_status, points_behind, review_word, traffic_light
from analysis.clean.tidy import clean_plan_table
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.plan import StatusWords
from analysis.vocabulary import OFFICIAL_STATUSES, STATUS_VOCABULARIES, STATUSES

NAN = math.nan


# --- points behind schedule ------------------------------------------------------------------------

@pytest.mark.parametrize(("completion", "elapsed", "behind"), [
    (0.55, 0.75, 20.0),   # (0.75 − 0.55) × 100
    (0.40, 0.75, 35.0),   # (0.75 − 0.40) × 100
    (0.65, 0.75, 10.0),   # exactly 10, though 0.75 − 0.65 is 0.0999… in binary
    (0.45, 0.75, 30.0),   # exactly 30, though 0.75 − 0.45 is 0.3000…04 in binary
    (0.80, 0.75, -5.0),   # 5 points ahead
])
def test_points_behind_are_time_elapsed_less_completion_in_points(completion, elapsed, behind):
    assert points_behind(completion, elapsed) == behind


def test_no_points_behind_without_completion():
    assert math.isnan(points_behind(NAN, 0.75)) and math.isnan(points_behind(0.5, NAN))


# --- the traffic light ------------------------------------------------------------------------------

@pytest.mark.parametrize(("completion", "elapsed", "light"), [
    (0.55, 0.75, "amber"),    # 20 behind: 10 ≤ 20 ≤ 30
    (0.40, 0.75, "red"),      # 35 behind: more than 30
    (0.65, 0.75, "amber"),    # exactly 10 behind: amber (inclusive)
    (0.45, 0.75, "amber"),    # exactly 30 behind: still amber (inclusive)
    (0.6501, 0.75, "green"),  # 9.99 behind: under 10
    (0.4499, 0.75, "red"),    # 30.01 behind: more than 30
    (0.80, 0.75, "green"),    # ahead of schedule
    (0.0, 1 / 3, "red"),      # no change in a third of the time: 33.3 behind
    (-0.2, 0.25, "red"),      # moved away: (0.25 + 0.2) × 100 = 45 behind
])
def test_the_light_on_time_elapsed(completion, elapsed, light):
    assert traffic_light("insufficient", "progress", completion, elapsed) == light


def test_the_light_ignores_the_progress_ratio_status():
    # on track by its compound growth rate, yet 20 points behind a straight line: amber
    assert traffic_light("on_track", "progress", 0.55, 0.75) == "amber"
    # moving away by its trend, yet ahead of schedule by what it already covered: green
    assert traffic_light("moving_away", "progress", 0.80, 0.75) == "green"


@pytest.mark.parametrize(("completion", "light"), [
    (0.72, "green"),   # 3 behind: under 5
    (0.70, "amber"),   # exactly 5 behind (0.75 − 0.70 = 0.05): amber from 5
    (0.68, "amber"),   # 7 behind
    (0.60, "amber"),   # exactly 15 behind: amber up to 15 inclusive
    (0.55, "red"),     # 20 behind: amber with the default thresholds, red beyond 15
])
def test_thresholds_are_the_plans(completion, light):
    assert traffic_light("moderate", "progress", completion, 0.75, amber_points=5, red_points=15) == light


def test_amber_equal_to_red_leaves_amber_for_exactly_that_many_points():
    assert [traffic_light("moderate", "progress", c, 0.75, 20, 20) for c in (0.56, 0.55, 0.54)] == [
        "green", "amber", "red"]  # 19, 20 and 21 behind


def test_a_final_verdict_is_green_or_red_whatever_the_points():
    # completion 0.99 at the target year (time elapsed 1.0) is 1 point behind, but the target is missed
    assert traffic_light("not_achieved", "final", 0.99, 1.0) == "red"
    assert traffic_light("achieved", "final", 1.2, 1.0) == "green"
    assert traffic_light("achieved", "final", NAN, 1.0) == "green"  # a yearly floor met in every year


def test_a_target_met_before_its_year_is_green():
    assert traffic_light("achieved", "progress", 1.02, 0.33) == "green"
    assert traffic_light("achieved_at_risk", "progress", NAN, 0.33) == "green"  # a floor held, its trend adverse


def test_a_level_to_hold_not_met_is_red_whatever_its_trend():
    # the decline of energy use per unit of GDP, a yearly floor (method annual_floor): 3.41 % against a floor of 5 %
    # has no completion; the level is the year's schedule
    for status in ("on_track", "moderate", "insufficient", "moving_away"):
        assert traffic_light(status, "progress", NAN, 1 / 3) == "red"


def test_no_data_and_qualitative():
    assert traffic_light("insufficient_data", "", NAN, NAN) == "no_data"
    assert traffic_light("qualitative", "", NAN, NAN) == ""


# --- the review's wording ---------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "verdict", "completion", "elapsed", "word"), [
    ("achieved", "final", 1.1, 1.0, "completed"),            # 已完成
    ("not_achieved", "final", 0.99, 1.0, "not_completed"),   # 未完成, however close
    ("stage_missed", "final", 0.97, 0.5, "not_completed"),   # 未完成 of the interim target, a later one to come
    ("achieved", "progress", 1.02, 0.5, "reached_early"),    # 提前实现: met before the target year
    ("achieved_at_risk", "progress", NAN, 0.5, "reached_early"),
    ("on_track", "progress", 0.80, 0.75, "ahead"),           # 快于预期: 5 points ahead
    ("on_track", "progress", 0.75, 0.75, "on_schedule"),     # exactly on schedule: 基本符合预期, not ahead
    ("on_track", "progress", 0.70, 0.75, "on_schedule"),     # on track by its growth rate, 5 behind a line
    ("on_track", "progress", NAN, 0.75, "on_schedule"),      # no completion to be ahead with
    ("moderate", "progress", 0.60, 0.75, "on_schedule"),     # 基本符合预期
    ("moderate", "progress", 0.90, 0.75, "on_schedule"),     # ahead only when on track
    ("insufficient", "progress", 0.55, 0.75, "lagging"),     # 相对滞后
    ("moving_away", "progress", -0.1, 0.75, "lagging"),
    ("moving_away", "progress", NAN, 0.33, "lagging"),       # a yearly floor missed and falling
    ("insufficient_data", "", NAN, NAN, "no_data"),          # 数据不足
    ("qualitative", "", NAN, NAN, ""),
])
def test_the_review_wording(status, verdict, completion, elapsed, word):
    assert review_word(status, verdict, completion, elapsed) == word


def test_every_status_has_a_word_in_every_vocabulary():
    verdicts = {"achieved": ("final", "progress"), "not_achieved": ("final",), "stage_missed": ("final",),
                "insufficient_data": ("",),
                "qualitative": ("",)}
    for status in STATUSES:
        for verdict in verdicts.get(status, ("progress",)):
            for completion in (NAN, 0.5):
                assert review_word(status, verdict, completion, 0.75) in STATUS_VOCABULARIES["review"] + ("",)
                assert traffic_light(status, verdict, completion, 0.75) in STATUS_VOCABULARIES["traffic_light"] + ("",)
    assert set(OFFICIAL_STATUSES) == {""} | set(STATUS_VOCABULARIES["review"]) | set(
        STATUS_VOCABULARIES["traffic_light"])


def test_a_verdict_the_assessment_never_gives_is_refused():
    with pytest.raises(ValueError, match="final verdict is achieved, not_achieved or stage_missed"):
        review_word("on_track", "final", 0.5, 1.0)
    with pytest.raises(ValueError, match="no light"):
        traffic_light("not_achieved", "progress", 0.5, 0.75)


def test_a_row_in_the_plans_vocabulary_or_none():
    row = {"status": "insufficient", "verdict": "progress", "completion": 0.55, "time_elapsed": 0.75}
    assert official_status(row, None) == ""
    assert official_status(row, StatusWords("review")) == "lagging"
    assert official_status(row, StatusWords("traffic_light")) == "amber"                 # 20 behind
    assert official_status(row, StatusWords("traffic_light", 25, 40)) == "green"         # under 25


# --- in the assessment: the Weihai plan as printed, 2022 (base 2020, 2023 targets binding) -----------------

@pytest.fixture(scope="module")
def dataset(weihai):
    return clean_plan_table(load_plan_inputs(weihai))


def _words(dataset, report_year, words):
    frame = method.assess(dataset.indicators, dataset.values, report_year, 2020, "eurostat", words)
    return {(row.indicator_id, row.series): row.official_status for row in frame.itertuples()}


def test_the_assessment_records_the_plans_words(dataset):
    # time elapsed 2020 → 2021 of 2020 → 2023: 1/3 (33.3 %)
    light = _words(dataset, 2022, StatusWords("traffic_light"))
    review = _words(dataset, 2022, StatusWords("review"))
    # R&D intensity (2): 2.36 → 2.40 of 2.7: completion 0.04 / 0.34 = 11.8 %, 21.6 points behind: amber; insufficient
    assert light[(2, "")] == "amber" and review[(2, "")] == "lagging"
    # high-tech enterprises (10): 738 → 1049 of 1500: completion 311 / 762 = 40.8 %, 7.5 points ahead; on track
    assert light[(10, "")] == "green" and review[(10, "")] == "ahead"
    # invention patents per 10,000 (12): 13.4 → 14.6 of 18: 1.2 / 4.6 = 26.1 %, 7.2 behind: green; moderate
    assert light[(12, "")] == "green" and review[(12, "")] == "on_schedule"
    # national R&D intensity (4): 2.80 → 2.80 of 3.0: nothing covered, 33.3 behind: red
    assert light[(4, "national")] == "red" and review[(4, "national")] == "lagging"
    # good-air days (17): 90.1 ≥ 90 before 2023, its trend adverse (achieved but at risk)
    assert light[(17, "")] == "green" and review[(17, "")] == "reached_early"
    # energy saving (18), a yearly floor: 3.41 % against 5 % a year, no completion: red
    assert light[(18, "")] == "red" and review[(18, "")] == "lagging"
    # qualitative indicators (22–24): no word
    assert light[(22, "")] == review[(22, "")] == ""


def test_without_a_choice_the_column_is_empty(dataset):
    assert set(_words(dataset, 2022, None).values()) == {""}


def test_the_assessment_table_takes_the_words_of_one_vocabulary(dataset):
    from analysis.clean.schemas import validate
    from analysis.errors import InputError

    frame = method.assess(dataset.indicators, dataset.values, 2022, 2020, "eurostat", StatusWords("traffic_light"))
    assert set(validate("assessment.csv", frame)["official_status"]) == {"", "green", "amber", "red"}
    mixed = frame.assign(official_status=frame["official_status"].replace({"amber": "ahead"}))  # a review's word
    with pytest.raises(InputError, match="words of one vocabulary only"):
        validate("assessment.csv", mixed)
    unknown = frame.assign(official_status=frame["official_status"].replace({"amber": "yellow"}))
    with pytest.raises(InputError, match="official_status"):
        validate("assessment.csv", unknown)
