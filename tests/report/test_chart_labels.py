"""No two texts of a chart overlap, and every text lies inside its figure: a card's chart drawn for small inputs made
up here (the edge cases: two gaps near each other, a value on its target), at each size a card is drawn (the HTML and
PDF card, a phone's, the Word card's) in both languages; the completion chart with every bar's value written, a bar
exactly at either end of the axis and at 0% too. Measured from matplotlib's own text extents."""
from __future__ import annotations

import itertools
from dataclasses import replace
from types import SimpleNamespace

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from analysis.catalog import catalog
from analysis.report import charts
from analysis.report.fonts import configure_matplotlib
from analysis.report.word_content import CARD_CHART
from tests.report.test_charts_layout import undrawn_tick_labels

SIZES = {"paper": {}, "phone": {"narrow": True}, "word": {"size": CARD_CHART}}


def clashes(figure) -> tuple[list[tuple[str, str]], list[str]]:
    """The pairs of drawn texts of ``figure`` whose extents overlap, and the texts that reach past its edges (half a
    pixel's slack)."""
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    hidden = undrawn_tick_labels(figure)
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    page = figure.bbox
    overlapping = [(a, b) for (a, box), (b, other) in itertools.combinations(boxes, 2) if box.overlaps(other)]
    outside = [text for text, box in boxes if box.x0 < page.x0 - 0.5 or box.x1 > page.x1 + 0.5
               or box.y0 < page.y0 - 0.5 or box.y1 > page.y1 + 0.5]
    return overlapping, outside


class OneSeries:
    """What a card's chart asks of a report, for one series made up here: the plan's base year, the report year, the
    words of a language, and the series' values (baselines, actual values, targets)."""

    def __init__(self, language: str, base_year: int, report_year: int, values: list[tuple[int, str, float]]):
        self.plan = {"base_year": base_year}
        self.report_year = report_year
        self.words = catalog(language)
        self.language = language
        self.values = pd.DataFrame([{"indicator_id": 1, "series": "", "year": y, "value_type": kind, "value": value,
                                     "reference": f"source {y}"} for y, kind, value in values])

    def series_values(self, indicator_id, series) -> pd.DataFrame:
        return self.values


def series_row(kind: str, direction: str, base: tuple[int, float], latest: tuple[int, float],
               target: tuple[int, float]) -> SimpleNamespace:
    return SimpleNamespace(indicator_id=1, series="", status="achieved", kind=kind, direction=direction,
                           base_year=base[0], base_value=base[1], as_of_year=latest[0], latest_value=latest[1],
                           target_year=target[0], target_value=target[1], verdict="final",
                           projected_value=float("nan"), held_from=float("nan"))


#: Series drawn on a card: (kind, direction, values). A rank from 21st in 2010 to 18th in 2015, with values for 2013
#: and 2015 alone (the national plan's first indicator): two gaps near each other, 2011–2012 and 2014, and its last
#: value on its target; a count from 2020 to 2025 with values missing in 2021 and 2023 and one exactly on the 2024
#: target.
CARD_SERIES = {
    "rank with two gaps": ("rank", "lower", [(2010, "baseline", 21.0), (2013, "actual", 19.0),
                                             (2015, "actual", 18.0), (2015, "target", 18.0)]),
    "count with two gaps": ("count", "higher", [(2020, "baseline", 1200.0), (2022, "actual", 1350.0),
                                                (2024, "actual", 1600.0), (2024, "target", 1600.0),
                                                (2025, "target", 1800.0)]),
}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("series", list(CARD_SERIES))
def test_no_two_texts_of_a_card_chart_overlap_and_each_lies_inside_it(language, size, series):
    """The national rank's Word card wrote "no value 2014" over "no value 2011–2012" (each gap's label kept off the
    other's anchor, not off its extent), and its years ran together (201020112012…)."""
    configure_matplotlib(language)
    kind, direction, values = CARD_SERIES[series]
    first, last = values[0], [v for v in values if v[1] == "actual"][-1]
    target = [v for v in values if v[1] == "target"][-1]
    context = OneSeries(language, first[0], last[0], values)
    figure = charts.card_chart(context, series_row(kind, direction, first[::2], last[::2], target[::2]),
                               **SIZES[size])
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert any(context.words.text("chart.gap_years", years="").strip() in t.replace("\n", "") for t in texts)
    overlapping, outside = clashes(figure)
    assert overlapping == [] and outside == []
    # the years under the chart at least 2 points apart (one year in two named where all would run together)
    renderer = FigureCanvasAgg(figure).get_renderer()
    years = sorted((t.get_window_extent(renderer) for t in figure.axes[0].get_xticklabels() if t.get_text()),
                   key=lambda box: box.x0)
    assert min(b.x0 - a.x1 for a, b in zip(years, years[1:])) >= 2 * figure.dpi / 72 - 0.5


@pytest.fixture(scope="module")
def national_tables():
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    return build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED)


#: The distances covered the completion chart's bars are given here, on the national plan's ten series: each end of
#: either axis exactly (−100%; 150% on a phone, 200% on paper), −100% as computed (−1.0000000000000022), 0%, beyond
#: each end, and values beside the time-elapsed mark (100%) and near the ends.
COMPLETIONS = [-1.0, 0.0, 1.5, 2.0, (2.9 - 3.1) / (3.3 - 3.1), 0.97, 1.02, 1.49, -1.3, 2.4]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("narrow", [False, True])
def test_every_bar_of_the_completion_chart_shows_its_value_clear_of_every_other_text(national_tables, language,
                                                                                    narrow):
    """A phone's bar at 150% exactly reached the axis's end and said nothing, while one at 195% said "▶ 195%"; every
    bar now shows its value: on the axis, as it is (−100%, 0%, 150%); beyond it, with its arrow (◀ −130%)."""
    from analysis.report.context import report_context

    configure_matplotlib(language)
    context = report_context(national_tables, 2015, language)
    assessment = context.assessment.copy()
    numeric = assessment.index[assessment["status"] != "qualitative"]
    assert len(numeric) == len(COMPLETIONS)
    statuses = ["achieved", "not_achieved"] * (len(COMPLETIONS) // 2)
    assessment.loc[numeric, "completion"] = COMPLETIONS
    assessment.loc[numeric, "status"] = statuses
    assessment.loc[numeric, "shown_status"] = statuses
    assessment.loc[numeric, "time_elapsed"] = 1.0
    figure = charts.completion_chart(replace(context, assessment=assessment), narrow=narrow)
    low, high = charts.NARROW_COMPLETION_RANGE if narrow else charts.COMPLETION_RANGE
    shown = [t.get_text() for t in figure.axes[0].texts]
    for value in COMPLETIONS:
        written = f"{value:.0%}".replace("-", "−")
        expected = {True: f"▶ {written}", False: f"◀ {written}"}.get(value > high) if not low <= round(value, 9) \
            <= high else written
        assert expected in shown or expected.replace(" ", "\n") in shown, (value, shown)
    overlapping, outside = clashes(figure)
    assert overlapping == [] and outside == []
