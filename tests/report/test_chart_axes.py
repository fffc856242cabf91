"""The value axes of the charts: a count or a rank is labelled in whole numbers, whatever the range."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.report.charts import _value_axis  # noqa: E402


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
