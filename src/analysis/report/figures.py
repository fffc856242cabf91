"""The report's figures by name, each drawn once, on first need, as PNG bytes every edition takes.

Every figure of a report has a name (``completion``, ``card-4-national``, …) and one function that
draws it (:mod:`analysis.report.charts`). :class:`Figures` keeps what it drew: the HTML sections
show a figure, the Word edition places figures drawn for its page (a card's chart, :meth:`Figures.card`; the overview
charts as wide as its type area, :meth:`Figures.drawn_for`), and nothing is drawn twice. The same inputs
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
from .words import index_summary

DPI = 150
#: The overview charts, in the order the report shows them (they fill printed pages; the tall small multiples
#: open the cards).
OVERVIEW_CHARTS = ("completion", "heatmap", "growth", "categories")


def png(figure: Figure, dpi: float = DPI) -> bytes:
    """The figure as an RGB PNG on white, with no metadata that varies, at ``dpi`` pixels an inch. Every figure places
    its axes itself, so the canvas is drawn as it is (measuring a tight box would draw it twice). No alpha channel:
    the PDF printer would split it into an image and a mask, decoding and encoding each picture twice more."""
    figure.set_dpi(dpi)
    figure.set_facecolor("white")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    picture = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def chart_of(name: str) -> str:
    """The chart a figure belongs to: ``completion`` for ``completion`` and ``completion-2``."""
    base, _, part = name.rpartition("-")
    return base if base and part.isdigit() and not name.startswith("card-") else name


#: The overview charts coloured by status: their alt text counts the indicators by status after the chart's title.
STATUS_CHARTS = frozenset({"completion", "heatmap", "categories", "multiples"})


def alt_text(context: ReportContext, name: str) -> str:
    """Figure ``name`` in words, the text a picture of it stands with (Chart: status by category; 图表：各类别指标状态),
    a chart coloured by status with the indicators counted by status after its title ("… 23 quantitative indicators:
    Achieved 12; …"), which a reader who cannot see the colours is told; a card's names its series and years
    (:func:`analysis.report.charts.card_alt`)."""
    words = context.words
    if name.startswith("card-"):
        return charts.card_alt(context, next(row for row in cards.numeric_rows(context) if cards.card_id(row) == name))
    what = words[f"chart.alt.{chart_of(name)}"]
    alt = words.text("language.image_alt_of", alt=words["language.image_alt"], what=what)
    if chart_of(name) in STATUS_CHARTS:  # and what it shows in one line: the indicators by status
        alt = words.text("chart.alt.summary", alt=alt, counts=words.join(index_summary(context)["counts_parts"]))
    return alt


def chart_names(context: ReportContext, chart: str, page_rows: dict[str, int] | None = None) -> list[str]:
    """The figures of an overview chart: its name, and ``<name>-2``, ``<name>-3``… for the further pages of a chart
    whose series fill more than one (``page_rows``, else :data:`analysis.report.charts.PAGE_ROWS`)."""
    rows = {"completion": lambda: len(charts.completion_rows(context)),
            "growth": lambda: len(charts.growth_rows(context)),
            "heatmap": lambda: len(charts.completion_rows(context)) if charts.heatmap_years(context) else 0,
            "multiples": lambda: len(charts.completion_rows(context))}
    count = charts.parts(rows[chart](), chart, (page_rows or {}).get(chart)) if chart in rows else 1
    return [chart if part == 0 else f"{chart}-{part + 1}" for part in range(count)]


def drawers(context: ReportContext, narrow: bool = False, width: float = charts.WIDTH,
            page_rows: dict[str, int] | None = None) -> dict[str, Callable[[], Figure | None]]:
    """Every figure of the report, in the order the report shows them, with the function that draws it; ``narrow``:
    as a phone shows them (the overview charts, the small multiples, each card's chart with larger marks); ``width``:
    the overview charts' and the small multiples' width on paper, in inches (the Word edition's type area's);
    ``page_rows``: the series a figure of a chart holds (:func:`chart_names`)."""
    draw = {"completion": charts.completion_chart, "growth": charts.growth_gap_chart,
            "categories": lambda context, part, page_rows=None, **size: charts.category_status_chart(context, **size),
            "heatmap": charts.status_heatmap, "multiples": charts.small_multiples}
    page_rows = {} if narrow else page_rows or {}
    found: dict[str, Callable[[], Figure | None]] = {}
    for chart in (*OVERVIEW_CHARTS, "multiples"):
        size = {"narrow": True} if narrow else {"width": width, "page_rows": page_rows.get(chart)}
        for part, name in enumerate(chart_names(context, chart, page_rows)):
            found[name] = lambda chart=chart, part=part, size=size: draw[chart](context, part, **size)
    for row in cards.numeric_rows(context):
        found[cards.card_id(row)] = lambda row=row: charts.card_chart(context, row, narrow=narrow)
    return found


class Figures:
    """The figures of one report: ``figures[name]`` is the PNG of figure ``name``, drawn the first time it is
    asked for, or None when the figure has nothing to show (no lagging series, a single report year…)."""

    def __init__(self, context: ReportContext, width: float = charts.WIDTH, page_rows: dict[str, int] | None = None):
        self._context = context
        self._page_rows = page_rows
        self._drawers = drawers(context, width=width, page_rows=page_rows)
        self._drawn: dict[str, bytes | None] = {}
        self._narrow_drawers: dict[str, Callable[[], Figure | None]] | None = None
        self._narrow: dict[str, bytes | None] = {}
        self._cards: dict[tuple, bytes | None] = {}
        self._editions: dict[tuple, Figures] = {}

    def parts(self, chart: str) -> list[str]:
        """The names of the figures of ``chart`` (more than one when its series fill more than a page)."""
        return chart_names(self._context, chart, self._page_rows)

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

    def card(self, name: str, size: tuple[float, float], dpi: float) -> bytes | None:
        """The PNG of card chart ``name`` drawn ``size`` inches at ``dpi`` (the Word edition's, printed larger than it
        is drawn, its type with it); None when the card has nothing to show. Drawn once."""
        key = (name, size, dpi)
        if key not in self._cards:
            self._cards[key] = None
            if self[name] is not None:
                row = next(row for row in cards.numeric_rows(self._context) if cards.card_id(row) == name)
                self._cards[key] = png(charts.card_chart(self._context, row, size=size), dpi=dpi)
        return self._cards[key]

    def drawn_for(self, width: float, page_rows: dict[str, int] | None = None) -> Figures:
        """The report's figures drawn for another page: the overview charts and the small multiples ``width`` inches
        wide, a chart ``page_rows[chart]`` series a figure (the Word edition's, as wide as they print and no taller
        than its page, their type printed at the size it is drawn). Made once for each page."""
        key = (width, tuple(sorted((page_rows or {}).items())))
        if key not in self._editions:
            self._editions[key] = Figures(self._context, width, page_rows)
        return self._editions[key]

    def narrow(self, name: str) -> bytes | None:
        """The PNG of figure ``name`` drawn for a phone (a screen up to 600 px wide), for the HTML edition's
        ``<picture>``; None for a figure with nothing to show. Drawn once."""
        if self._narrow_drawers is None:
            self._narrow_drawers = drawers(self._context, narrow=True)
        if name not in self._narrow_drawers:
            return None
        if name not in self._narrow:
            figure = self._narrow_drawers[name]()
            self._narrow[name] = None
            if figure is not None:
                self._narrow[name] = png(figure)
                pyplot.close(figure)
        return self._narrow[name]
