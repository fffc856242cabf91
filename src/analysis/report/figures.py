"""The report's figures by name, each drawn once, on first need, as PNG bytes every edition takes.

Every figure of a report has a name (``completion``, ``card-4-national``, …) and one function that
draws it (:mod:`analysis.report.charts`). :class:`Figures` keeps what it drew: the HTML sections
show a figure, the Word edition places the same bytes, and nothing is drawn twice. The same inputs
give the same bytes (a fixed size and resolution, no metadata that varies).
"""
from __future__ import annotations

import io
from collections.abc import Callable

from matplotlib import pyplot
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from . import cards, charts
from .context import ReportContext

DPI = 150
#: The overview charts, in the order the report shows them (they fill printed pages; the tall small multiples
#: open the cards).
OVERVIEW_CHARTS = ("completion", "growth", "categories", "heatmap")


def png(figure: Figure) -> bytes:
    """The figure as an RGB PNG on white, with no metadata that varies. Every figure places its axes itself,
    so the canvas is drawn as it is (measuring a tight box would draw it twice). No alpha channel: the PDF
    printer would split it into an image and a mask, decoding and encoding each picture twice more."""
    figure.set_dpi(DPI)
    figure.set_facecolor("white")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    picture = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def drawers(context: ReportContext) -> dict[str, Callable[[], Figure | None]]:
    """Every figure of the report, in the order the report shows them, with the function that draws it."""
    found: dict[str, Callable[[], Figure | None]] = {
        "completion": lambda: charts.completion_chart(context),
        "growth": lambda: charts.growth_gap_chart(context),
        "categories": lambda: charts.category_status_chart(context),
        "heatmap": lambda: charts.status_heatmap(context),
        "multiples": lambda: charts.small_multiples(context),
    }
    for row in cards.numeric_rows(context):
        found[cards.card_id(row)] = lambda row=row: charts.card_chart(context, row)
    return found


class Figures:
    """The figures of one report: ``figures[name]`` is the PNG of figure ``name``, drawn the first time it is
    asked for, or None when the figure has nothing to show (no lagging series, a single report year…)."""

    def __init__(self, context: ReportContext):
        self._drawers = drawers(context)
        self._drawn: dict[str, bytes | None] = {}

    @property
    def names(self) -> list[str]:
        return list(self._drawers)

    def __getitem__(self, name: str) -> bytes | None:
        if name not in self._drawn:
            figure = self._drawers[name]()
            self._drawn[name] = None
            if figure is not None:
                self._drawn[name] = png(figure)
                # seaborn makes its figures through pyplot, which would keep them (and a notebook would show them)
                pyplot.close(figure)
        return self._drawn[name]
