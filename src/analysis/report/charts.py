"""The report's charts: the overview charts and each card's. Each returns a Figure, or None when it has nothing.

Call :func:`analysis.report.fonts.configure_matplotlib` first: it sets the CJK font, keeps text from
being read as mathtext, and makes a missing glyph an error. Labels come from the report's catalog.
A status is told by its colour and, for a grey print, by its name or a label beside it; legends sit
below the axes, clear of the data; a value beyond an axis is drawn at the edge with an arrow and its
number.
"""
from __future__ import annotations

import functools
import math
import re

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import rcParams
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import Formatter, Locator, MaxNLocator, MultipleLocator

from ..assess.assessment import headline_status, plan_start_year
from ..vocabulary import HELD_EVERY_YEAR, LAGGING, STATUSES, STATUSES_BEST_FIRST
from . import cards
from .context import ReportContext
from .line_breaks import HAN, KEPT, short_labels
from .numbers import is_missing
from .palette import PATH_GREY, STATUS_COLOURS, STATUS_LINES, text_on
from .words import localized, localized_column, target_year_past, year

WIDTH = 7.2  # inches: the width of the A4 text column
#: inches: an overview chart drawn for a phone (a screen up to 600 px): about 390 px wide, the same type as on paper,
#: so a label reads at 9–10 px where the paper width shrunk to the screen would make it 5 px; row labels wrap.
NARROW_WIDTH = 4.0
NARROW_LEFT = 0.42  # the row labels' share of a narrow chart's width
CARD_SIZE = (3.4, 2.0)  # inches: a card's chart, beside the card's numbers on an A4 page
COMPLETION_RANGE = (-1.0, 2.0)
GROWTH_RANGE = (-40.0, 80.0)


#: The most rows (series) a chart shows on one printed page; a plan with more gets the chart in parts,
#: each a page at most (an A4 page's text column is about 10 inches high).
PAGE_ROWS = {"completion": 32, "growth": 20, "heatmap": 40, "multiples": 25}


def parts(rows: int, chart: str) -> int:
    """How many figures a chart of ``rows`` series takes (one at least: the chart says what it has)."""
    return max(1, -(-rows // PAGE_ROWS[chart]))


def _part(items, chart: str, part: int):
    """The rows of figure ``part`` (0-based) of a chart in parts."""
    size = PAGE_ROWS[chart]
    return items[part * size:(part + 1) * size]


def _part_title(title: str, chart: str, rows: int, part: int, words) -> str:
    count = parts(rows, chart)
    return title if count == 1 else words.text("chart.part", title=title, part=part + 1, parts=count)


def _label(row, language: str) -> str:
    return f"{row.indicator_id}. {localized(row, 'short_name', language)}"


LEGEND_ROW = 0.2   # inches a row of the legend takes
TITLE = 0.42      # inches above the axes for the title
TITLE_LINE = 0.2  # inches each further line of a wrapped title takes
X_LABEL = 0.5     # inches below the axes for the tick labels and the axis label
LABEL_LINE = 0.15  # inches each further line of a wrapped axis label takes


def _figure(rows: int, row_height: float, legend: float, left: float = 0.36, right: float = 0.88,
            width: float = WIDTH, title_lines: int = 1, label_lines: int = 1) -> tuple[Figure, object]:
    """A figure whose axes hold ``rows`` rows and leave room, in inches, for a title of ``title_lines`` above,
    the axis label of ``label_lines`` below and a legend ``legend`` inches high at the bottom (legends never sit
    on the data)."""
    bottom = X_LABEL + LABEL_LINE * (label_lines - 1) + legend + 0.1
    top = TITLE + TITLE_LINE * (title_lines - 1)
    height = rows * row_height + top + bottom
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes((left, bottom / height, right - left, rows * row_height / height))
    return figure, ax


def _text_inches(text: str, size: float) -> float:
    """How wide ``text`` is drawn at ``size`` points in the report's fonts (as :func:`configure_matplotlib` set them),
    in inches: measured by matplotlib's own text layout, the widest line of a text on several."""
    return max((_line_points(line, size, tuple(rcParams["font.sans-serif"])) for line in str(text).split("\n")),
               default=0.0) / 72


@functools.lru_cache(maxsize=8192)
def _line_points(line: str, size: float, families: tuple[str, ...]) -> float:
    if not line:
        return 0.0
    width, _, _ = _MEASURE.get_text_width_height_descent(line, FontProperties(family=list(families), size=size),
                                                         ismath=False)
    return width * 72 / MEASURE_DPI


#: The resolution text is measured at: the figures' (analysis.report.figures.DPI), since the glyphs' hinting makes
#: a text some 8% wider at 150 dpi than at 72.
MEASURE_DPI = 150
_MEASURE = RendererAgg(10, 10, MEASURE_DPI)
#: A CJK ideograph, and the CJK punctuation that never starts a line (closing) or ends one (opening).
_CJK = f"{HAN}\u3040-\u30ff"
_CLOSING = "）］｝】〕》〉」』”’，。、：；！？％…·"
_OPENING = "（［｛【〔《〈「『“‘"
_TOKEN = re.compile(rf"(?P<space>\s+)|(?P<cjk>[{_CJK}])|(?P<close>[{_CLOSING}])|(?P<open>[{_OPENING}])"
                    rf"|(?P<latin>[^\s{_CJK}{_CLOSING}{_OPENING}]+)")
#: Inside a Latin word a line may break only after a hyphen between letters (super-|deduction).
_HYPHEN = re.compile(r"(?<=[A-Za-z]{2}-)(?=[A-Za-z]{2})")


@functools.cache
def _kept_whole() -> re.Pattern:
    """What a chart's label never breaks inside: a number with its unit or a range (:data:`line_breaks.KEPT`), and
    the catalogs' short labels (未达标, 需加快)."""
    labels = "|".join(re.escape(label) for label in short_labels())
    return re.compile(rf"{KEPT.pattern}|(?<![A-Za-z])(?:{labels})(?![A-Za-z])" if labels else KEPT.pattern)


def _pieces(text: str) -> list[tuple[str, str]]:
    """``text`` as the pieces a line may break between, each with what stands before it (a space or nothing): a
    Latin word whole (a hyphenated one also after its hyphen), a number with its unit or a short label whole, each
    Chinese character; a closing mark with what it closes, an opening one with what follows it."""
    tokens: list[tuple[str, str]] = []  # (kind, text)
    last = 0
    for kept in [*_kept_whole().finditer(text), None]:
        end = kept.start() if kept else len(text)
        for match in _TOKEN.finditer(text, last, end):
            if match.lastgroup == "latin":
                parts = _HYPHEN.split(match.group())
                tokens += [("latin", part) if i == 0 else ("hyphen", part) for i, part in enumerate(parts)]
            else:
                tokens.append((match.lastgroup, match.group()))
        if kept:
            tokens.append(("kept", kept.group()))
            last = kept.end()
    pieces: list[tuple[str, str]] = []
    before, previous = "", None
    for kind, token in tokens:
        if kind == "space":
            before = " " if pieces else ""
            previous = None
            continue
        glued = pieces and not before and (kind == "close" or previous == "open" or (
            kind not in ("cjk", "open", "hyphen") and previous not in ("cjk", "close")))
        if glued:
            pieces[-1] = (pieces[-1][0] + token, pieces[-1][1])
        else:
            pieces.append((token, before))
        before, previous = "", kind
    return pieces


def _wrap(text, inches: float, size: float, lines: int = 2) -> str:
    """``text`` on lines at most ``inches`` wide at ``size`` points, at most ``lines`` of them, the last cut with …
    if it still does not fit. A line breaks at a space, between two Chinese characters, or after a hyphen inside a
    word; never inside a Latin word, a number with its unit or a short label (a piece wider than a line stands
    alone on one)."""
    text = str(text)
    if _text_inches(text, size) <= inches or "\n" in text:
        return text
    shown, line = [], ""
    for piece, before in _pieces(text):
        candidate = f"{line}{before}{piece}" if line else piece
        if line and _text_inches(candidate, size) > inches:
            shown.append(line)
            line = piece
        else:
            line = candidate
    shown.append(line)
    if len(shown) > lines:
        last = shown[lines - 1]
        while last and _text_inches(last + "…", size) > inches:
            last = last[:-1]
        shown = shown[:lines - 1] + [last.rstrip() + "…"]
    return "\n".join(shown)


#: A legend's type size, and in inches its handle with the gap to the text, and the gap between two columns.
LEGEND_SIZE, LEGEND_HANDLE, LEGEND_GAP = 7, 0.3, 0.22


def _fit_legend(handles: list, width: float, columns: int = 4) -> tuple[int, float]:
    """The most columns, up to ``columns``, that a legend of ``handles`` below a figure ``width`` inches wide
    takes, and its height in inches; on one column a label too wide for the figure is wrapped (its handle's label
    is changed)."""
    room, count = width - 0.2, 1
    widest = max((_text_inches(handle.get_label(), LEGEND_SIZE) for handle in handles), default=0.0)
    for count in range(min(columns, len(handles)), 0, -1):
        if count * (LEGEND_HANDLE + widest + LEGEND_GAP) - LEGEND_GAP <= room:
            break
    if count == 1:
        for handle in handles:
            handle.set_label(_wrap(handle.get_label(), room - LEGEND_HANDLE, LEGEND_SIZE, lines=3))
    lines = [handle.get_label().count("\n") + 1 for handle in handles]
    return count, _legend_height([max(lines[start:start + count]) for start in range(0, len(lines), count)])


def _legend_height(rows: list[int]) -> float:
    """The height in inches of a legend whose rows have ``rows`` lines each: matplotlib's legend has 0.4 em of
    padding above and below, 0.5 em between rows, a line 1.2 em high."""
    return LEGEND_SIZE * (0.8 + 1.2 * sum(rows) + 0.5 * (len(rows) - 1)) / 72 + 0.05


def _legend_below(figure: Figure, ax, handles, columns: int = 4) -> None:
    figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02), ncol=columns,
                  fontsize=LEGEND_SIZE, frameon=False)


def _status_handles(statuses, words) -> list:
    present = [s for s in STATUSES_BEST_FIRST if s in set(statuses)]
    return [Patch(color=STATUS_COLOURS[s], label=words.status(s)) for s in present]


def _status_line_handles(statuses, words) -> list:
    """The legend of a chart whose statuses are lines: each a line with its marker, in the colour it is drawn in."""
    present = [s for s in STATUSES_BEST_FIRST if s in set(statuses)]
    return [Line2D([], [], color=STATUS_LINES[s], linewidth=1.6, marker="o", markersize=2.5, label=words.status(s))
            for s in present]


#: The kinds of series counted in whole units: a count (firms, patents, incubators) and a rank (a place).
WHOLE_KINDS = ("count", "rank")


class FewestDecimals(Formatter):
    """Tick labels with as many decimals as the ticks need and no more, the same number on every tick of an axis
    (55, 55.1, 55.2, 55.3 → 55.0 55.1 55.2 55.3; 55.00–55.30 in steps of 0.1 never 55.00), without an offset or a
    power of ten; a minus is the text's (−)."""

    def __call__(self, value, pos=None) -> str:
        return self.format_ticks([value])[0]

    def format_ticks(self, values) -> list[str]:
        values = [float(v) for v in values]
        decimals = next((d for d in range(7) if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in values)),
                        6)
        return [f"{round(v, decimals) + 0.0:.{decimals}f}".replace("-", "−") for v in values]


def _value_axis(axis, kind: str, bins: int) -> None:
    """An axis of a series' values: at most ``bins`` intervals, whole numbers only for a count or a rank (never 2.5
    incubators), each label with no more decimals than the ticks need."""
    axis.set_major_locator(MaxNLocator(bins, integer=kind in WHOLE_KINDS))
    axis.set_major_formatter(FewestDecimals())


class _AtLeast(Locator):
    """The ticks of ``locator`` from ``low`` up."""

    def __init__(self, locator: Locator, low: float):
        self.locator, self.low = locator, low

    def set_axis(self, axis):
        super().set_axis(axis)
        self.locator.set_axis(axis)

    def __call__(self):
        return [tick for tick in self.locator() if tick >= self.low - 1e-9]


def _title_from_edge(ax, title: str, left: float, width: float, size: float = 11) -> None:
    """``title`` above ``ax``, from the figure's left edge (the title as wide as the figure, not as the axes)."""
    inches = ax.get_position().width * width
    ax.set_title(title, fontsize=size, loc="left", x=(0.1 - left * width) / inches)


def _fit_ticks(axis, inches: float, labels: list[str], size: float, low: float | None = None) -> None:
    """At most as many major ticks on ``axis`` (``inches`` long) as its widest label of ``labels`` at ``size`` points
    leaves room for, a label's width apart and more (a phone's narrow axis); none below ``low`` if given (the
    completion chart's −100% gives way to 0%, 100% and 200% on a phone)."""
    start, end = sorted(axis.get_view_interval())
    least = (max(_text_inches(label, size) for label in labels) + 0.12) * (end - start) / inches  # in data units
    power = 10.0 ** math.floor(math.log10(least))
    step = next(power * nice for nice in (1, 2, 2.5, 5, 10) if power * nice >= least - 1e-12)
    locator = MultipleLocator(step)
    axis.set_major_locator(locator if low is None else _AtLeast(locator, low))


def _edge_mark(ax, y: float, value: float, low: float, high: float, text: str, colour: str = "#111",
               room: float | None = None) -> None:
    """A value beyond the axis: an arrow at the edge and the value itself, in ``colour`` (the text colour of the bar
    it is written on, if any), smaller when the bar is shorter than ``room`` inches would need (a phone's narrow axis:
    the text stays on its bar); a minus sign is the text's (−), not a hyphen."""
    text = f"▶ {text}" if value > high else f"◀ {text}"
    text = text.replace("-", "−")
    size = 6.5 if room is None else max(5.0, min(6.5, 6.5 * (room - 0.04) / _text_inches(text, 6.5)))
    if value > high:
        ax.annotate(text, (high, y), xytext=(-2, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=size, color=colour)
    elif value < low:
        ax.annotate(text, (low, y), xytext=(2, 0), textcoords="offset points", ha="left", va="center",
                    fontsize=size, color=colour)


#: A status written beside its bar: a badge in the status colour, as in the scorecard (a light colour's text on
#: white would not read).
BADGE = {"boxstyle": "round,pad=0.25", "linewidth": 0}
BADGE_SIZE = 6.5
#: inches: a badge's longest line on a phone (longer status words wrap), and the row labels' share of the width
NARROW_BADGE, NARROW_COMPLETION_LEFT = 0.75, 0.36


def completion_rows(context: ReportContext) -> pd.DataFrame:
    """The series the completion chart shows, in the scorecard's order."""
    table = context.joined()
    return table[table["status"] != "qualitative"]


def completion_chart(context: ReportContext, part: int = 0, narrow: bool = False) -> Figure | None:
    """How far each series has come: the share of the distance from its baseline to its target covered
    (完成进度) against the share of the time elapsed (序时进度); for a target held every year or already
    met at the baseline, the latest value as a share of the target (a diamond). Figure ``part`` of a plan
    with more series than a page holds; ``narrow``: drawn for a phone (taller rows, labels and badges on two
    lines, fewer ticks, the title and the legend wrapped to the width)."""
    words, language = context.words, context.language
    text = words["chart"]
    every = completion_rows(context)
    if every.empty:
        return None
    table = _part(every, "completion", part).iloc[::-1]
    low, high = COMPLETION_RANGE
    handles = _status_handles(table["status"], words)
    handles += [Line2D([], [], color="#111", marker="|", linestyle="", markersize=9, label=text["time"]),
                Line2D([], [], color="#555", marker="D", linestyle="", markersize=5, label=text["level"])]
    width, left, legend_columns = (NARROW_WIDTH, NARROW_COMPLETION_LEFT, 2) if narrow else (WIDTH, 0.36, 4)
    legend_columns, legend = _fit_legend(handles, width, legend_columns)
    badges = {s: _wrap(words.status(s), NARROW_BADGE, BADGE_SIZE, lines=3) if narrow else words.status(s)
              for s in set(table["status"])}
    badge = max(_text_inches(b, BADGE_SIZE) for b in badges.values()) + 2 * 0.25 * BADGE_SIZE / 72 + 5 / 72
    title = _part_title(text["completion"], "completion", len(every), part, words)
    x_label = text["completion_x"]
    right = 1 - (badge + 0.08) / width
    if narrow:
        title = _wrap(title, width - 0.2, 11, lines=3)
        centre = (left + right) / 2 * width
        x_label = _wrap(x_label, 2 * min(centre, width - centre) - 0.1, 8, lines=3)
    figure, ax = _figure(len(table), 0.42 if narrow else 0.24, legend, left=left, right=right, width=width,
                         title_lines=title.count("\n") + 1, label_lines=x_label.count("\n") + 1)
    inches = (right - left) * width  # the axes' width
    y = np.arange(len(table))
    for yi, row in zip(y, table.itertuples()):
        colour = STATUS_COLOURS[row.status]
        if not is_missing(row.completion):
            ax.barh(yi, float(np.clip(row.completion, low, high)), color=colour, height=0.68)
            _edge_mark(ax, yi, row.completion, low, high, f"{row.completion:.0%}", text_on(colour),
                       room=(high if row.completion > high else -low) * inches / (high - low + 0.1))
            if not is_missing(row.time_elapsed):
                ax.plot([row.time_elapsed] * 2, [yi - 0.38, yi + 0.38], color="#111", linewidth=1.4)
        elif not is_missing(row.latest_value) and row.target_value:
            share = row.latest_value / row.target_value if row.direction not in ("lower", "at_most") \
                else row.target_value / row.latest_value
            at = float(np.clip(share, low, high))
            ax.scatter(at, yi, marker="D", s=26, color=STATUS_LINES[row.status], zorder=3)
            rule = (words.text("pace.floor", target=f"{row.target_value:g}") if row.method == "annual_floor"
                    else text["held"] if row.direction in HELD_EVERY_YEAR
                    else text["no_base"] if is_missing(row.base_value) else text["maintain"])
            # beside the diamond on the side with more room, wrapped to it: never under the badge
            after = (high + 0.05 - at) * inches / (high - low + 0.1) - 0.1
            before = (at - low + 0.05) * inches / (high - low + 0.1) - 0.1
            rule = _wrap(rule, max(after, before), 6.5)
            ax.annotate(rule, (at, yi), xytext=(6 if after >= before else -6, 0), textcoords="offset points",
                        va="center", ha="left" if after >= before else "right", fontsize=6.5, color="#444")
        ax.annotate(badges[row.status], (1.0, yi), xycoords=("axes fraction", "data"), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=BADGE_SIZE, color=text_on(colour),
                    bbox={**BADGE, "facecolor": colour})
    labels = [_label(r, language) for r in table.itertuples()]
    if narrow:
        labels = [_wrap(label, left * width - 0.12, 7.5, lines=3) for label in labels]
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.axvline(1, color="#1b5e20", linewidth=1)
    ax.axvline(0, color="#888", linewidth=0.8)
    ax.set_xlim(low - 0.05, high + 0.05)
    ax.set_ylim(-0.7, len(table) - 0.3)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}".replace("-", "−"))
    if narrow:
        _fit_ticks(ax.xaxis, inches, ["100%", "200%"], 7.5, low=0.0)
        _title_from_edge(ax, title, left, width)
    else:
        ax.set_title(title, fontsize=11)
    ax.tick_params(axis="x", labelsize=7.5)
    ax.set_xlabel(x_label, fontsize=8)
    ax.grid(axis="y", visible=False)
    _legend_below(figure, ax, handles, legend_columns)
    return figure


def growth_unit(row) -> str:
    """How the growth chart measures a series' growth a year: ``pp`` for a share paced linearly (percentage points a
    year, as its card and the method give it: 2.9% → 3.3% in two years needs +0.2 pp a year), ``%`` for the others
    (a relative rate a year, or for a yearly floor the latest rate itself)."""
    return "pp" if row.method == "linear" and row.kind == "share" else "%"


def growth_rows(context: ReportContext) -> list[tuple]:
    """The series the growth chart shows: (row, growth needed, growth seen) of each lagging series with both, in the
    unit :func:`growth_unit` gives; none whose target year has come without its value."""
    table = context.joined()
    table = table[table["status"].isin(LAGGING) & (table["verdict"] == "progress")]
    rows = []
    for row in table.itertuples():
        if target_year_past(row):  # a final evaluation without the target year's value: nothing left to pace
            continue
        if row.method == "annual_floor":
            needed, seen = row.required_per_year, row.latest_value
        elif growth_unit(row) == "pp":
            needed, seen = row.required_per_year, row.observed_per_year
        else:
            needed, seen = row.required_cagr * 100, row.observed_cagr * 100
        if not (is_missing(needed) or is_missing(seen)):
            rows.append((row, float(needed), float(seen)))
    return rows


def growth_range(values) -> tuple[float, float]:
    """The growth chart's axis for ``values``: zero and every value with a margin, never wider than
    :data:`GROWTH_RANGE` (a value beyond it is marked at the edge)."""
    low, high = min(0.0, *values), max(0.0, *values)
    pad = max((high - low) * 0.15, 0.1)
    return max(low - pad, GROWTH_RANGE[0]), min(high + pad, GROWTH_RANGE[1])


GROWTH_ROW = 0.38  # inches a series takes in the growth chart (0.5 on a phone)
GROWTH_GAP = X_LABEL + 0.25  # inches between two panels: the upper one's axis label


def growth_gap_chart(context: ReportContext, part: int = 0, narrow: bool = False) -> Figure | None:
    """For the series still short of a target year: the growth a year needed from now against the
    growth a year seen since the base year (a yearly rate: the rate needed against the latest rate). A share
    paced linearly is in percentage points a year, on a panel of its own; each axis spans the values it shows; the
    title says when one series lags alone. ``narrow``: drawn for a phone."""
    words, language = context.words, context.language
    text = words["chart"]
    every = growth_rows(context)
    if not every:
        return None
    rows = _part(every, "growth", part)
    panels = [(unit, [r for r in rows if growth_unit(r[0]) == unit]) for unit in ("%", "pp")]
    panels = [(unit, panel[::-1]) for unit, panel in panels if panel]
    width, left = (NARROW_WIDTH, NARROW_LEFT) if narrow else (WIDTH, 0.36)
    title = _part_title(text["growth_title"], "growth", len(every), part, words)
    if len(every) == 1:
        title = words.text("chart.growth_one", title=title)
    title = _wrap(title, width - 0.3, 11, lines=3)  # from the figure's left edge, never cut
    row_height = 0.5 if narrow else GROWTH_ROW
    handles = [Line2D([], [], color="#c62828", marker="o", linestyle="", label=text["observed"]),
               Line2D([], [], color="#1565c0", marker="s", linestyle="", label=text["required"])]
    legend_columns, legend = _fit_legend(handles, width, 1 if narrow else 2)
    x_labels = {unit: text["growth_x_pp" if unit == "pp" else "growth_x"] for unit, _ in panels}
    if narrow:
        x_labels = {unit: _wrap(label, (0.96 - left) * width, 8) for unit, label in x_labels.items()}
    more = LABEL_LINE * max(label.count("\n") for label in x_labels.values())  # an axis label on two lines
    top = TITLE + TITLE_LINE * title.count("\n")
    bottom = X_LABEL + more + legend + 0.1
    heights = [max(len(panel), 2) * row_height for _, panel in panels]
    height = top + sum(heights) + (GROWTH_GAP + more) * (len(panels) - 1) + bottom
    figure = Figure(figsize=(width, height))
    above = top
    for index, ((unit, panel), inches) in enumerate(zip(panels, heights)):
        ax = figure.add_axes((left, 1 - (above + inches) / height, 0.96 - left, inches / height))
        above += inches + GROWTH_GAP + more
        low, high = growth_range([v for _, needed, seen in panel for v in (needed, seen)])
        digits = 2 if unit == "pp" else 1
        for yi, (_, needed, seen) in enumerate(panel):
            shown = [float(np.clip(v, low, high)) for v in (seen, needed)]
            ax.hlines(yi, *sorted(shown), color=PATH_GREY, linewidth=1.2)
            ax.scatter(shown[0], yi, color="#c62828", marker="o", zorder=3, s=30)
            ax.scatter(shown[1], yi, color="#1565c0", marker="s", zorder=3, s=30)
            # the value above its marker (needed) or below it (seen), a fixed distance away in points at any scale
            for value, x, colour, dy, va in ((seen, shown[0], "#c62828", -6, "top"),
                                             (needed, shown[1], "#1565c0", 6, "bottom")):
                if low <= value <= high:
                    ax.annotate(f"{value:+.{digits}f}".replace("-", "−"), (x, yi), xytext=(0, dy),
                                textcoords="offset points", color=colour, fontsize=6.5, ha="center", va=va)
            _edge_mark(ax, yi, needed, low, high, f"{needed:+.0f}")
            _edge_mark(ax, yi, seen, low, high, f"{seen:+.0f}")
        labels = [_label(row, language) + (words.text("grammar.aside", text=words.text(
            "pace.floor", target=f"{row.target_value:g}")) if row.method == "annual_floor" else "")
            for row, _, _ in panel]
        if narrow:
            labels = [_wrap(label, left * width - 0.12, 7.5) for label in labels]
        ax.set_yticks(range(len(panel)), labels, fontsize=7.5)
        ax.axvline(0, color="#888", linewidth=0.8)
        ax.set_xlim(low, high)
        if narrow:
            _fit_ticks(ax.xaxis, (0.96 - left) * width, [f"−{abs(v):.{digits}f}" for v in (low, high)], 7.5)
        ax.set_ylim(-0.8, max(len(panel), 2) - 0.2)
        ax.tick_params(axis="x", labelsize=7.5)
        ax.set_xlabel(x_labels[unit], fontsize=8)
        if index == 0:  # from the figure's left edge: the title is as wide as the figure
            ax.set_title(title, fontsize=11, loc="left", x=-left / (0.96 - left) + 0.02)
        ax.grid(axis="y", visible=False)
    _legend_below(figure, ax, handles, legend_columns)
    return figure


class FixedLayoutGrid(sns.FacetGrid):
    """A FacetGrid laid out by ``subplots_adjust``: seaborn's automatic tight layout draws the whole grid
    once more to measure it (1.5 s for 25 panels), and the figure sets its margins itself anyway."""

    def tight_layout(self, *args, **kwargs):
        return self


#: The small multiples' grid, in inches: a panel's height, the room for the title above and for the legend below.
PANEL_COLUMNS, PANEL_HEIGHT, PANELS_TOP, PANELS_BOTTOM = 5, 1.45, 0.85, 0.75
PANEL_GAP = 0.38  # the gap between two panels, a share of a panel's width


def small_multiples(context: ReportContext, part: int = 0, narrow: bool = False) -> Figure | None:
    """Every numeric series in a faceted figure (seaborn): its course, its targets, coloured by status; a plan
    with more series than a page holds gets them in parts (figure ``part``)."""
    words, language = context.words, context.language
    every = completion_rows(context)
    if every.empty:
        return None
    table = _part(every, "multiples", part)
    values = context.values
    # a phone: two panels a row (a figure more than twice as tall); a panel's title on up to three lines of its width
    columns, width = (2, NARROW_WIDTH) if narrow else (PANEL_COLUMNS, WIDTH)
    left, right = (0.43 / width if narrow else 0.06), 0.99
    # a panel's width (the grid's width less the gaps between panels, PANEL_GAP of a panel each); a title may run
    # into the gap on its right, the last column's up to the figure's edge
    panel_inches = (right - left) * width / (columns + (columns - 1) * PANEL_GAP)
    title_inches = panel_inches + min(PANEL_GAP * panel_inches, (1 - right) * width) - 0.03
    frames = []
    for row in table.itertuples():
        series = values[(values["indicator_id"] == row.indicator_id) & (values["series"] == row.series)]
        observed = series[series["value_type"].isin(["baseline", "actual"]) & (series["year"] <= context.report_year)]
        observed = observed.sort_values(["year", "value_type"]).drop_duplicates("year", keep="first")
        targets = series[series["value_type"] == "target"]
        panel = f"{_wrap(_label(row, language), title_inches, 6.5, lines=3)}\n" \
                f"{words[f'status_brief.{row.status}']}"
        frames.append(pd.DataFrame({"panel": panel, "year": observed["year"], "value": observed["value"],
                                    "role": "observed", "status": row.status, "kind": row.kind}))
        frames.append(pd.DataFrame({"panel": panel, "year": targets["year"], "value": targets["value"],
                                    "role": "target", "status": row.status, "kind": row.kind}))
    data = pd.concat(frames, ignore_index=True)
    grid = FixedLayoutGrid(data, col="panel", col_wrap=columns, sharex=True, sharey=False, height=PANEL_HEIGHT,
                           aspect=width / columns / PANEL_HEIGHT, despine=True,
                           col_order=list(dict.fromkeys(data["panel"])))

    for ax, (_, panel) in zip(grid.axes.flat, data.groupby("panel", sort=False)):
        colour = STATUS_LINES[panel["status"].iloc[0]]
        observed = panel[panel["role"] == "observed"].sort_values("year")
        targets = panel[panel["role"] == "target"]
        ax.plot(observed["year"], observed["value"], color=colour, linewidth=1.6, marker="o", markersize=2.5)
        ax.plot(targets["year"], targets["value"], linestyle="", marker="*", markersize=6, color="#212121", zorder=3)
        _value_axis(ax.yaxis, panel["kind"].iloc[0], 3)
        if panel["kind"].iloc[0] == "rank":
            ax.invert_yaxis()  # the first place on top: up is better
    grid.set_titles("{col_name}", size=6.5)
    first, last = int(context.plan["base_year"]), int(data["year"].max())
    for ax in grid.axes.flat:
        ax.set_xticks([first, last], [str(first), str(last)])
        ax.tick_params(labelsize=6, length=2, pad=1)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.margins(y=0.2)
    figure = grid.figure
    handles = _status_line_handles(data["status"], words) + [
        Line2D([], [], color="#212121", marker="*", linestyle="", markersize=7, label=words["chart.target"])]
    legend_columns, legend = _fit_legend(handles, width, 3 if narrow else 6)
    below = PANELS_BOTTOM + legend - _legend_height([1])  # the last row's years, then the legend (one row or more)
    # The figure's height from its rows and the room above and below (a row of one to five panels included):
    # the margins are in inches, so a short figure keeps them whole.
    rows = -(-len(table) // columns)
    inches = rows * PANEL_HEIGHT + PANELS_TOP + below
    figure.set_size_inches(width, inches)
    title = _part_title(words["chart.multiples_title"], "multiples", len(every), part, words)
    figure.suptitle(title, fontsize=11, x=0.02, y=1 - 0.12 / inches, ha="left", va="top")
    figure.subplots_adjust(left=left, right=right, top=1 - PANELS_TOP / inches, bottom=below / inches, hspace=0.95,
                           wspace=PANEL_GAP)
    figure.legend(handles=handles, loc="lower center", ncol=legend_columns, fontsize=LEGEND_SIZE, frameon=False,
                  bbox_to_anchor=(0.5, 0.0))
    return figure


def heatmap_years(context: ReportContext) -> list[int]:
    """The report years of the plan period the status heat map shows (none before a second): a year before the plan
    period is judged on the printed baselines alone, not on what the plan has done."""
    first = plan_start_year(context.values) or min(context.plan["report_years"], default=context.report_year)
    years = [y for y in context.plan["report_years"] if first <= y <= context.report_year]
    return years if len(years) >= 2 else []


def status_heatmap(context: ReportContext, part: int = 0, narrow: bool = False) -> Figure | None:
    """Each series' status in every report year so far (seaborn heat map), once there are two or more; a plan
    with more series than a page holds gets it in parts (figure ``part``); ``narrow``: for a phone."""
    words, language = context.words, context.language
    history = context.tables.assessment
    years = heatmap_years(context)
    if not years:
        return None
    history = history[history["report_year"].isin(years) & (history["status"] != "qualitative")]
    if history.empty:
        return None
    names = context.indicators.set_index(["indicator_id", "series"])[localized_column(context.indicators,
                                                                                       "short_name", language)]
    history = history.assign(label=[f"{i}. {names[(i, s)]}" for i, s in zip(history["indicator_id"],
                                                                            history["series"])])
    every = list(dict.fromkeys(history.sort_values(["indicator_id", "series"])["label"]))
    order = _part(every, "heatmap", part)
    history = history[history["label"].isin(order)]
    codes = {status: i for i, status in enumerate(STATUSES)}
    grid = history.pivot(index="label", columns="report_year", values="status").reindex(order)[years]
    numbers = grid.apply(lambda column: column.map(codes))
    annotations = grid.apply(lambda column: column.map(lambda s: words[f"status_short.{s}"]))
    width, left = (NARROW_WIDTH, 0.5) if narrow else (WIDTH, 0.36)
    # the key to the cells' short words, below the map: only the statuses it shows
    shown = [status for status in STATUSES if status in set(grid.stack())
             and words[f"status_short.{status}"] != words.status(status)]  # 未达标 needs no key
    key = _wrap(words["chart.heatmap_key_separator"].join(
        words.text("chart.heatmap_key_item", short=words[f"status_short.{status}"], name=words.status(status))
        for status in shown), width - 0.3, 7, lines=4)
    top, bottom = 0.95, 0.25 + 0.14 * (key.count("\n") + 1)  # inches: the title and the years above, the key below
    height = 0.2 * len(order) + top + bottom
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes((left, bottom / height, 0.96 - left if narrow else 0.4, 1 - (top + bottom) / height))
    palette = ListedColormap([STATUS_COLOURS[s] for s in STATUSES])
    sns.heatmap(numbers, ax=ax, cmap=palette, vmin=-0.5, vmax=len(STATUSES) - 0.5, cbar=False,
                linewidths=0.6, linecolor="white")
    for (row, column), status in np.ndenumerate(grid.to_numpy()):  # each word in its status's text colour
        if isinstance(status, str):
            ax.text(column + 0.5, row + 0.5, annotations.iat[row, column], ha="center", va="center", fontsize=6,
                    color=text_on(STATUS_COLOURS[status]))
    ax.set_xticks(np.arange(len(years)) + 0.5, [year(y) for y in years], fontsize=7)
    ax.set_yticks(np.arange(len(order)) + 0.5, [_wrap(label, left * width - 0.12, 6.5, lines=1)
                                                for label in order] if narrow else order, fontsize=6.5, rotation=0)
    ax.set_xlabel(words["chart.report_year"], fontsize=8)
    ax.set_ylabel("")
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    title = _part_title(words["chart.heatmap_title"], "heatmap", len(every), part, words)
    figure.suptitle(title, fontsize=11, x=0.02, y=1 - 0.08 / height, ha="left", va="top")
    figure.text(0.02, 0.08 / height, key, fontsize=7, ha="left", va="bottom", color="#333333")
    return figure


def category_status_chart(context: ReportContext, narrow: bool = False) -> Figure:
    """Stacked bars: the headline status of each indicator, by category, with the counts written in (``narrow``: for
    a phone)."""
    words, indicators = context.words, context.indicators
    text = words["chart"]
    headline = headline_status(context.assessment)
    category = indicators.drop_duplicates("indicator_id")[
        ["indicator_id", localized_column(indicators, "category", context.language)]]
    table = headline.merge(category, on="indicator_id")
    table.columns = ["indicator_id", "status", "category"]
    order = list(dict.fromkeys(category.iloc[:, 1]))
    counts = table.pivot_table(index="category", columns="status", values="indicator_id", aggfunc="count",
                               fill_value=0).reindex(order[::-1])
    statuses = [s for s in STATUSES_BEST_FIRST if s in counts.columns]
    width, columns = (NARROW_WIDTH, 2) if narrow else (WIDTH, 4)
    handles = _status_handles(statuses, words)
    columns, legend = _fit_legend(handles, width, columns)
    # the categories' names at most 45% of the width (wrapped on up to three lines; on paper they fit on one)
    room = min(max(_text_inches(name, 8) for name in counts.index), 0.45 * width - 0.15)
    labels = [_wrap(name, room, 8, lines=3) for name in counts.index]
    lines = max(label.count("\n") + 1 for label in labels)
    left = (max(_text_inches(label, 8) for label in labels) + 0.15) / width
    figure, ax = _figure(len(counts), max(0.36, 0.14 * lines + 0.1), legend, left=left, right=0.96, width=width)
    y = np.arange(len(counts))
    start = np.zeros(len(counts))
    for status in statuses:
        widths = counts[status].to_numpy()
        ax.barh(y, widths, left=start, color=STATUS_COLOURS[status], label=words.status(status))
        for yi, (begin, count) in enumerate(zip(start, widths)):
            if count:
                ax.text(begin + count / 2, yi, str(int(count)), ha="center", va="center",
                        color=text_on(STATUS_COLOURS[status]), fontsize=8)
        start += widths
    ax.set_yticks(y, labels)
    ax.set_xlabel(text["count"], fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts of indicators: whole numbers
    if narrow:
        _title_from_edge(ax, text["category_title"], left, width)
    else:
        ax.set_title(text["category_title"], fontsize=11)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", labelsize=8)
    _legend_below(figure, ax, handles, columns)
    return figure


def _mark_offset(ax, figure: Figure, point: tuple[float, float], stars: list[tuple[float, float]],
                 size: float) -> tuple[float, str]:
    """Where a source's number goes beside its point, in points up (and its vertical alignment): above the point,
    else below it, else above the highest star it would hide under (a target met exactly: the star on the point)."""
    scale = 72 / figure.dpi
    x, y = ax.transData.transform(point) * scale
    marks = [(sx, sy) for sx, sy in (ax.transData.transform(star) * scale for star in stars) if abs(sx - x) < 6]
    star = STAR_SIZE / 2 + 0.5  # a star's reach from its centre, in points

    def clear(low: float, high: float) -> bool:  # the number between y + low and y + high hides under no star
        return all(sy - y + star <= low or sy - y - star >= high for _, sy in marks)

    if clear(5, 5 + size):
        return 5, "bottom"
    if clear(-5 - size, -5):
        return -5, "top"
    return max(sy - y for _, sy in marks) + star + 1, "bottom"


#: The size of a target's star on a card, in points.
STAR_SIZE = 9.5
#: A card's projection at the observed pace: round dots (the legend's ···), apart from a target's dashed path.
DOTTED = {"linestyle": (0, (0.1, 2.4)), "dash_capstyle": "round", "linewidth": 1.8}
#: A target's straight path from the base year on a card (the legend's - - -).
DASHED = {"linestyle": (0, (4, 2.5)), "dash_capstyle": "butt", "linewidth": 1}


def card_chart(context: ReportContext, row, size: tuple[float, float] = CARD_SIZE) -> Figure:
    """The course of one series against its targets, for its card: the baselines (open circles), every actual
    value (filled, numbered by its source), the targets (stars), the straight path from the base year to each
    target (what "on schedule" means, dashed), the projection at the observed pace (dotted), and, for a target held
    every year, the line to stay above (or below). Each style is one item of the cards' legend (``card.legend``)."""
    series = cards.series_values(context, row)
    baselines = series[series["value_type"] == "baseline"].sort_values("year")
    targets = series[series["value_type"] == "target"].sort_values("year")
    actual = cards.actuals(context, row)
    observed = pd.concat([baselines, actual]).sort_values("year", kind="stable").drop_duplicates("year", keep="last")
    colour = STATUS_LINES[row.status]  # a line and its markers on white: 3:1 at least
    figure = Figure(figsize=size)
    ax = figure.add_axes((0.5 / size[0], 0.34 / size[1], 1 - 0.62 / size[0], 1 - 0.44 / size[1]))
    years = list(range(int(context.plan["base_year"]), int(max(targets["year"].max(), context.report_year)) + 1))
    ranges = targets[targets["upper"].notna()] if "upper" in targets else targets.iloc[0:0]
    if not ranges.empty:  # a range target: the band to end in, and a bar at each target year
        for target in ranges.itertuples():
            ax.fill_between([years[0] - 0.4, years[-1] + 0.4], target.value, target.upper, color="#1b5e20",
                            alpha=0.08, linewidth=0)
            ax.vlines(target.year, target.value, target.upper, colors="#212121", linewidth=2.2, zorder=4)
    elif row.direction in HELD_EVERY_YEAR:
        for target in targets.itertuples():
            ax.hlines(target.value, years[0] - 0.3, years[-1] + 0.3, colors="#555", linestyles="-.", linewidth=1)
    elif not is_missing(row.base_value):
        for target in targets.itertuples():
            ax.plot([row.base_year, target.year], [row.base_value, target.value], color=PATH_GREY, **DASHED)
    ax.plot(observed["year"], observed["value"], color=colour, linewidth=1.8)
    # Markers as lines without a line (cheaper to draw than scatter collections, the same to the eye).
    ax.plot(baselines["year"], baselines["value"], linestyle="", marker="o", markersize=5.3,
            markerfacecolor="white", markeredgecolor=colour, zorder=3)
    ax.plot(actual["year"], actual["value"], linestyle="", marker="o", markersize=5.3, color=colour, zorder=3)
    if row.verdict == "progress" and not is_missing(row.projected_value):
        ax.plot([row.as_of_year, row.target_year], [row.latest_value, row.projected_value], color=colour, **DOTTED)
    ax.plot(targets["year"], targets["value"], linestyle="", marker="*", markersize=STAR_SIZE, color="#212121",
            zorder=4)
    stars = list(zip(targets["year"], targets["value"]))
    if not ranges.empty:
        ax.plot(ranges["year"], ranges["upper"], linestyle="", marker="*", markersize=STAR_SIZE, color="#212121",
                zorder=4)
        stars += list(zip(ranges["year"], ranges["upper"]))
    ax.set_xticks(years, [str(y) for y in years])
    _value_axis(ax.yaxis, row.kind, 4)
    if row.kind == "rank":
        ax.invert_yaxis()  # the first place on top: up is better
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.tick_params(labelsize=7)
    ax.grid(axis="x", visible=False)
    ax.margins(y=0.18)
    ax.autoscale_view()  # the limits the numbers are placed by
    for point in actual.itertuples():  # each source's number beside its point, never under a target's star
        dy, va = _mark_offset(ax, figure, (point.year, point.value), stars, 7)
        ax.annotate(point.mark, (point.year, point.value), textcoords="offset points", xytext=(0, dy), ha="center",
                    va=va, fontsize=7, color="#333", zorder=5)
    return figure
