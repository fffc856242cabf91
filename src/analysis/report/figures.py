"""The report's figures by name, as PNG bytes: drawn here, or taken ready from a folder.

Every figure of a report has a name (``completion``, ``card-4-national``, …) and one function that
draws it (:func:`draw`); the report notebook shows them in order. ``make report`` also draws some of
them in a thread of its own (:func:`predraw_report`, in the order of :func:`ahead_of_the_notebook`)
into the run's ``figures/`` folder while the kernel works; the notebook takes a figure from there
when it is ready and draws it itself when it is not, leaving it there too, so that the Word edition
finds every figure of the report in that folder (:func:`drawn`). Both ways give the same bytes (the
same function, the same settings, a fixed size and resolution, no timestamps), so the report does not
depend on which one drew what — a test checks the report against one made by stock papermill, which
draws everything in the notebook.
"""
from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..errors import InputError
from ..files import is_regular_file, read_regular, write_bytes_atomic
from ..parameters import resolve_project_path
from .context import ReportContext

DPI = 150


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
        # seaborn makes its figures through pyplot, which would keep them (and a notebook would show them);
        # pyplot is loaded by then, and a figure made without it needs no closing
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close(figure)


def figure(context: ReportContext, name: str, folder: str | Path | None = None) -> bytes | None:
    """Figure ``name`` from ``folder`` when it was drawn there already, else drawn now and, when ``folder`` exists,
    left there too: the folder then holds every figure of the report, for the Word edition to take."""
    if not folder:
        return draw(context, name)
    # relative to the project root, like every parameter: the notebook runs in notebooks/
    ready = resolve_project_path(folder, parameter="figures_dir") / f"{name}.png"
    if is_regular_file(ready):
        data = read_regular(ready)
        return data or None  # an empty file: the figure has nothing to show
    data = draw(context, name)
    if ready.parent.is_dir():
        write_bytes_atomic(ready, data or b"")
    return data


def drawn(folder: Path, name: str) -> bytes | None:
    """Figure ``name`` as :func:`figure` left it in ``folder``; None when it has nothing to show. A figure
    missing there is an error: the Word edition shows the figures of the HTML report, never new ones."""
    path = Path(folder) / f"{name}.png"
    if not is_regular_file(path):
        raise InputError(f"figure {name!r} was not drawn; the report notebook draws every figure", file=path)
    return read_regular(path) or None


def ahead_of_the_notebook(context: ReportContext) -> list[str]:
    """The figures the build draws while the notebook runs, in the order it draws them: the cards, from the
    last one back. The notebook draws the overview charts meanwhile, then the cards from the first one on;
    the two meet in the cards, so at most one figure is drawn twice."""
    return [name for name in reversed(names(context)) if name.startswith("card-")]


def predraw(context: ReportContext, folder: Path, stop: Callable[[], bool] = lambda: False) -> None:
    """Draw :func:`ahead_of_the_notebook`'s figures into ``folder``, until ``stop()``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ahead_of_the_notebook(context):
        if stop():
            return
        if not (folder / f"{name}.png").exists():
            write_bytes_atomic(folder / f"{name}.png", draw(context, name) or b"")


def predraw_report(data_dir: str, report_year: int, language: str, folder: str, ready, stop) -> None:
    """The drawing thread's work: once ``ready`` (an Event) is set, the figures of one report into
    ``folder``, until ``stop`` (an Event) is set. A failure is not the run's: the notebook draws what is
    missing and reports any error."""
    from .context import load_report
    from .fonts import configure_matplotlib

    try:
        configure_matplotlib(language)
        while not ready.wait(0.05):
            if stop.is_set():
                return
        context = load_report(data_dir, report_year, language)
        predraw(context, Path(folder), stop=stop.is_set)
    except Exception:  # noqa: BLE001 - see the docstring
        pass
