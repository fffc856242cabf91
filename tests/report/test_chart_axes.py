"""The value axes of the charts: a count or a rank is labelled in whole numbers, whatever the range."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.report.charts import _least_span, _value_axis  # noqa: E402


def ticks_shown(kind: str, values: list[float], bins: int = 3) -> list[float]:
    figure, ax = plt.subplots()
    ax.plot(range(len(values)), values, "*")
    _value_axis(ax.yaxis, kind, bins)
    figure.canvas.draw()
    low, high = sorted(ax.get_ylim())
    shown = [round(float(tick), 9) for tick in ax.get_yticks() if low <= tick <= high]
    plt.close(figure)
    return shown


@pytest.mark.parametrize("kind", ["rank", "count"])
def test_a_single_whole_value_gets_one_whole_tick_not_fractions(kind):
    # one target (5th place) and nothing else: matplotlib widens the view to 4.75–5.25; no 4.75th place
    assert ticks_shown(kind, [5]) == [5.0]


def test_a_rank_over_a_wider_range_keeps_whole_places():
    assert all(tick == int(tick) for tick in ticks_shown("rank", [21, 19, 18]))


def test_a_share_keeps_its_decimals():
    # 5 % alone: fractions are right for a share
    assert ticks_shown("share", [5]) == [4.8, 5.0, 5.2]


def limits_after_least_span(kind: str, values: list[float]) -> tuple[float, float]:
    figure, ax = plt.subplots()
    ax.plot(range(len(values)), values, "*")
    ax.margins(y=0)
    _least_span(ax, kind)
    shown = ax.get_ylim()
    plt.close(figure)
    return shown


def test_a_narrow_axis_spans_five_percent_of_its_largest_value():
    # 55 and 55.3 (the national plan's card 2): 5% of 55.3 is 2.765, about the middle 55.15: 53.7675–56.5325
    low, high = limits_after_least_span("share", [55.0, 55.3])
    assert (low, high) == pytest.approx((55.15 - 2.765 / 2, 55.15 + 2.765 / 2))
    # a count of 1,000 against 1,003: 50.15 about 1,001.5
    assert limits_after_least_span("count", [1000, 1003]) == pytest.approx((1001.5 - 25.075, 1001.5 + 25.075))


def test_a_wide_enough_axis_and_a_rank_are_left_as_they_are():
    assert limits_after_least_span("share", [2.4, 2.85]) == pytest.approx((2.4, 2.85))  # 0.45 > 5% of 2.85
    assert limits_after_least_span("rank", [18, 18.5]) == pytest.approx((18, 18.5))  # a place is no share of another


def test_a_share_widened_near_100_stays_within_100():
    # 99.9 and 100: 5% of 100 is 5, about 99.95 up to 102.45: moved down to end at 100
    assert limits_after_least_span("share", [99.9, 100.0]) == pytest.approx((95.0, 100.0))
    # a share drawn beyond 100 already (a range target's upper bound at 100.2) keeps its top
    assert limits_after_least_span("share", [99.9, 100.2]) == pytest.approx((100.2 - 5.01, 100.2))


def test_ticks_go_in_steps_a_reader_counts_along():
    # 2.4 to 2.85 (the example's card 2) with matplotlib's 5% margins, 2.3775–2.8725, in four intervals at most: a
    # step of 0.2 (2.4, 2.6, 2.8), never 0.15 (2.4, 2.55, 2.7, 2.85)
    assert ticks_shown("share", [2.4, 2.85], bins=4) == [2.4, 2.6, 2.8]
    # 53.77–56.53 (the national plan's card 2 widened): 54, 55, 56, never 54.4, 55.2, 56
    assert ticks_shown("share", [53.77, 56.53], bins=4) == [54.0, 55.0, 56.0]
