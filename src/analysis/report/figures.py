"""The report's figures by name, as PNG bytes: drawn here, or taken ready from a folder.

Every figure of a report has a name (``completion``, ``card-4-national``, …) and one function that
draws it (:func:`draw`); the report notebook shows them in order. ``make report`` also draws the
same figures in a thread of its own, last to first, into the run's ``figures/`` folder while the
kernel works; the notebook takes a figure from there when it is ready and draws it itself when it
is not. Both ways give the same bytes (the same function, the same settings, a fixed size and
resolution, no timestamps), so the report does not depend on which one drew what — a test checks
the report against one made by stock papermill, which draws everything in the notebook.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from ..files import write_bytes_atomic
from .context import ReportContext

DPI = 150


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes: white background, no metadata that varies. Every figure places its axes
    itself, so the canvas is saved as it is (measuring a tight box would draw it twice)."""
    buffer = io.BytesIO()
    whole = Bbox.from_bounds(0, 0, *figure.get_size_inches())  # not the style's "tight"
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches=whole, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def _drawers(context: ReportContext) -> dict[str, Callable[[], Figure | None]]:
    """Every figure of the report, in the order the report shows them."""
    from . import cards, charts

    drawers: dict[str, Callable[[], Figure | None]] = {
        "completion": lambda: charts.completion_chart(context),
        "growth": lambda: charts.growth_gap_chart(context),
        "categories": lambda: charts.category_status_chart(context),
        "heatmap": lambda: charts.status_heatmap(context),
        "multiples": lambda: charts.small_multiples(context),
    }
    for row in cards.numeric_rows(context):
        drawers[cards.card_id(row)] = lambda row=row: cards.card_figure(context, row)
    return drawers


def names(context: ReportContext) -> list[str]:
    return list(_drawers(context))


def draw(context: ReportContext, name: str) -> bytes | None:
    """The PNG of figure ``name``; None when the figure has nothing to show (no lagging series…)."""
    figure = _drawers(context)[name]()
    if figure is None:
        return None
    try:
        return png(figure)
    finally:
        # seaborn makes its figures through pyplot, which would keep them (and a notebook would show them)
        plt.close(figure)


def figure(context: ReportContext, name: str, folder: str | Path | None = None) -> bytes | None:
    """Figure ``name`` from ``folder`` when it was drawn there already, else drawn now."""
    if folder:
        ready = Path(folder) / f"{name}.png"
        if ready.is_file():
            data = ready.read_bytes()
            return data or None  # an empty file: the figure has nothing to show
    return draw(context, name)


def predraw(context: ReportContext, folder: Path, stop: Callable[[], bool] = lambda: False) -> None:
    """Draw every figure into ``folder``, last to first (the notebook goes first to last), until ``stop()``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in reversed(names(context)):
        if stop():
            return
        if not (folder / f"{name}.png").exists():
            write_bytes_atomic(folder / f"{name}.png", draw(context, name) or b"")
