"""The report's charts: the overview charts and each card's. Each returns a Figure, or None when it has nothing.

Call :func:`analysis.report.fonts.configure_matplotlib` first: it sets the CJK font, keeps text from
being read as mathtext, and makes a missing glyph an error. Labels come from the report's catalog.
A status is told by its colour and, for a grey print, by its name or a label beside it; legends sit
below the axes, clear of the data; a value beyond an axis is drawn at the edge with an arrow and its
number.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..assess.assessment import headline_status, plan_start_year
from ..vocabulary import HELD_EVERY_YEAR, LAGGING, STATUSES, STATUSES_BEST_FIRST
from . import cards
from .context import ReportContext
from .numbers import is_missing
from .palette import STATUS_COLOURS, STATUS_TEXT
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
X_LABEL = 0.5     # inches below the axes for the tick labels and the axis label


def _figure(rows: int, row_height: float, legend_rows: int, left: float = 0.36, right: float = 0.88,
            width: float = WIDTH) -> tuple[Figure, object]:
    """A figure whose axes hold ``rows`` rows and leave room, in inches, for the title, the axis label and
    a legend of ``legend_rows`` rows at the bottom (legends never sit on the data)."""
    bottom = X_LABEL + legend_rows * LEGEND_ROW + 0.1
    height = rows * row_height + TITLE + bottom
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes((left, bottom / height, right - left, rows * row_height / height))
    return figure, ax


def _columns(text) -> float:
    """How wide ``text`` is in Latin characters: a CJK character is about as wide as the font size, a Latin
    one about half of it."""
    return sum(2.0 if ord(c) > 0x2E80 else 1.0 for c in str(text))


def _label_room(labels, size: float = 8, width: float = WIDTH) -> float:
    """The left margin (a fraction of the width) that y labels of ``size`` points need."""
    widest = max((sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in str(label)) for label in labels), default=10)
    return min(0.55, (widest * size / 72 + 0.15) / width)


def _fit_label(text: str, inches: float, size: float, words, lines: int = 2) -> str:
    """A row label on at most ``lines`` lines ``inches`` wide at ``size`` points (a narrow chart's labels), cut with …
    beyond: lines break at spaces where the language does (English), anywhere otherwise (Chinese)."""
    room = inches * 72 / (size * 0.55)  # Latin characters a line holds (a CJK character counts two)
    if _columns(text) <= room:
        return text
    rest, shown = text, []
    while rest and len(shown) < lines:
        if _columns(rest) <= room:
            shown.append(rest)
            rest = ""
            break
        end, used = 0, 0.0
        while end < len(rest) and used + _columns(rest[end]) <= room:
            used += _columns(rest[end])
            end += 1
        cut = rest.rfind(" ", 0, end + 1) if words["language.breaks_at_spaces"] else -1
        cut = cut if cut > 0 else end
        shown.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    if rest:
        shown[-1] = shown[-1][:-1] + "…"
    return "\n".join(shown)


def _legend_below(figure: Figure, ax, handles, columns: int = 4) -> None:
    figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02), ncol=columns, fontsize=7,
                  frameon=False)


def _legend_rows(handles: list, columns: int = 4) -> int:
    return -(-len(handles) // columns)


def _status_handles(statuses, words) -> list:
    present = [s for s in STATUSES_BEST_FIRST if s in set(statuses)]
    return [Patch(color=STATUS_COLOURS[s], label=words.status(s)) for s in present]


def _edge_mark(ax, y: float, value: float, low: float, high: float, text: str, colour: str = "#111") -> None:
    """A value beyond the axis: an arrow at the edge and the value itself, in ``colour`` (the text colour of the bar
    it is written on, if any); a minus sign is the text's (−), not a hyphen."""
    text = text.replace("-", "−")
    if value > high:
        ax.annotate(f"▶ {text}", (high, y), xytext=(-2, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=6.5, color=colour)
    elif value < low:
        ax.annotate(f"◀ {text}", (low, y), xytext=(2, 0), textcoords="offset points", ha="left", va="center",
                    fontsize=6.5, color=colour)


#: A status written beside its bar: a badge in the status colour, as in the scorecard (a light colour's text on
#: white would not read).
BADGE = {"boxstyle": "round,pad=0.25", "linewidth": 0}


def completion_rows(context: ReportContext) -> pd.DataFrame:
    """The series the completion chart shows, in the scorecard's order."""
    table = context.joined()
    return table[table["status"] != "qualitative"]


def completion_chart(context: ReportContext, part: int = 0, narrow: bool = False) -> Figure | None:
    """How far each series has come: the share of the distance from its baseline to its target covered
    (完成进度) against the share of the time elapsed (序时进度); for a target held every year or already
    met at the baseline, the latest value as a share of the target (a diamond). Figure ``part`` of a plan
    with more series than a page holds; ``narrow``: drawn for a phone (taller rows, labels on two lines)."""
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
    longest = max(_columns(words.status(s)) for s in table["status"])
    width, left, legend_columns = (NARROW_WIDTH, NARROW_LEFT, 2) if narrow else (WIDTH, 0.36, 4)
    figure, ax = _figure(len(table), 0.36 if narrow else 0.24, _legend_rows(handles, legend_columns), left=left,
                         right=1 - (0.055 * longest + 0.22) / width, width=width)
    y = np.arange(len(table))
    for yi, row in zip(y, table.itertuples()):
        colour = STATUS_COLOURS[row.status]
        if not is_missing(row.completion):
            ax.barh(yi, float(np.clip(row.completion, low, high)), color=colour, height=0.68)
            _edge_mark(ax, yi, row.completion, low, high, f"{row.completion:.0%}", STATUS_TEXT[row.status])
            if not is_missing(row.time_elapsed):
                ax.plot([row.time_elapsed] * 2, [yi - 0.38, yi + 0.38], color="#111", linewidth=1.4)
        elif not is_missing(row.latest_value) and row.target_value:
            share = row.latest_value / row.target_value if row.direction not in ("lower", "at_most") \
                else row.target_value / row.latest_value
            ax.scatter(float(np.clip(share, low, high)), yi, marker="D", s=26, color=colour, zorder=3)
            rule = (words.text("pace.floor", target=f"{row.target_value:g}") if row.method == "annual_floor"
                    else text["held"] if row.direction in HELD_EVERY_YEAR
                    else text["no_base"] if is_missing(row.base_value) else text["maintain"])
            ax.annotate(rule, (float(np.clip(share, low, high)), yi), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=6.5, color="#444")
        ax.annotate(words.status(row.status), (1.0, yi), xycoords=("axes fraction", "data"), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=6.5, color=STATUS_TEXT[row.status],
                    bbox={**BADGE, "facecolor": colour})
    labels = [_label(r, language) for r in table.itertuples()]
    if narrow:
        labels = [_fit_label(label, left * width - 0.12, 7.5, words) for label in labels]
        ax.set_xticks([-1.0, 0.0, 1.0, 2.0])
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.axvline(1, color="#1b5e20", linewidth=1)
    ax.axvline(0, color="#888", linewidth=0.8)
    ax.set_xlim(low - 0.05, high + 0.05)
    ax.set_ylim(-0.7, len(table) - 0.3)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.tick_params(axis="x", labelsize=7.5)
    ax.set_xlabel(text["completion_x"], fontsize=8)
    ax.set_title(_part_title(text["completion"], "completion", len(every), part, words), fontsize=11)
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
    title = _fit_label(title, width - 0.3, 11, words, lines=3)  # from the figure's left edge, never cut
    row_height = 0.5 if narrow else GROWTH_ROW
    top = TITLE + 0.2 * title.count("\n")
    bottom = X_LABEL + LEGEND_ROW * (2 if narrow else 1) + 0.1
    heights = [max(len(panel), 2) * row_height for _, panel in panels]
    height = top + sum(heights) + GROWTH_GAP * (len(panels) - 1) + bottom
    figure = Figure(figsize=(width, height))
    above = top
    for index, ((unit, panel), inches) in enumerate(zip(panels, heights)):
        ax = figure.add_axes((left, 1 - (above + inches) / height, 0.96 - left, inches / height))
        above += inches + GROWTH_GAP
        low, high = growth_range([v for _, needed, seen in panel for v in (needed, seen)])
        digits = 2 if unit == "pp" else 1
        for yi, (_, needed, seen) in enumerate(panel):
            shown = [float(np.clip(v, low, high)) for v in (seen, needed)]
            ax.hlines(yi, *sorted(shown), color="#bbb", linewidth=2)
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
            labels = [_fit_label(label, left * width - 0.12, 7.5, words) for label in labels]
            ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.set_yticks(range(len(panel)), labels, fontsize=7.5)
        ax.axvline(0, color="#888", linewidth=0.8)
        ax.set_xlim(low, high)
        ax.set_ylim(-0.8, max(len(panel), 2) - 0.2)
        ax.tick_params(axis="x", labelsize=7.5)
        label = text["growth_x_pp" if unit == "pp" else "growth_x"]
        ax.set_xlabel(_fit_label(label, (0.96 - left) * width, 8, words) if narrow else label, fontsize=8)
        if index == 0:  # from the figure's left edge: the title is as wide as the figure
            ax.set_title(title, fontsize=11, loc="left", x=-left / (0.96 - left) + 0.02)
        ax.grid(axis="y", visible=False)
    _legend_below(figure, ax, [Line2D([], [], color="#c62828", marker="o", linestyle="", label=text["observed"]),
                               Line2D([], [], color="#1565c0", marker="s", linestyle="", label=text["required"])],
                  1 if narrow else 2)
    return figure


class FixedLayoutGrid(sns.FacetGrid):
    """A FacetGrid laid out by ``subplots_adjust``: seaborn's automatic tight layout draws the whole grid
    once more to measure it (1.5 s for 25 panels), and the figure sets its margins itself anyway."""

    def tight_layout(self, *args, **kwargs):
        return self


#: The small multiples' grid, in inches: a panel's height, the room for the title above and for the legend below.
PANEL_COLUMNS, PANEL_HEIGHT, PANELS_TOP, PANELS_BOTTOM = 5, 1.45, 0.85, 0.75


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
    columns, width, below = (2, NARROW_WIDTH, PANELS_BOTTOM + 0.2) if narrow else (PANEL_COLUMNS, WIDTH, PANELS_BOTTOM)
    title_inches = (width - (0.43 if narrow else 0.06 * width)) / columns * 0.9 - 0.08
    frames = []
    for row in table.itertuples():
        series = values[(values["indicator_id"] == row.indicator_id) & (values["series"] == row.series)]
        observed = series[series["value_type"].isin(["baseline", "actual"]) & (series["year"] <= context.report_year)]
        observed = observed.sort_values(["year", "value_type"]).drop_duplicates("year", keep="first")
        targets = series[series["value_type"] == "target"]
        panel = f"{_fit_label(_label(row, language), title_inches, 6.5, words, lines=3)}\n" \
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
        colour = STATUS_COLOURS[panel["status"].iloc[0]]
        observed = panel[panel["role"] == "observed"].sort_values("year")
        targets = panel[panel["role"] == "target"]
        ax.plot(observed["year"], observed["value"], color=colour, linewidth=1.6, marker="o", markersize=2.5)
        ax.plot(targets["year"], targets["value"], linestyle="", marker="*", markersize=6, color="#212121", zorder=3)
        if panel["kind"].iloc[0] == "rank":
            ax.invert_yaxis()  # the first place on top: up is better
    grid.set_titles("{col_name}", size=6.5)
    first, last = int(context.plan["base_year"]), int(data["year"].max())
    for ax in grid.axes.flat:
        ax.set_xticks([first, last], [str(first), str(last)])
        ax.yaxis.set_major_locator(MaxNLocator(3))
        ax.tick_params(labelsize=6, length=2, pad=1)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.margins(y=0.2)
    figure = grid.figure
    # The figure's height from its rows and the room above and below (a row of one to five panels included):
    # the margins are in inches, so a short figure keeps them whole.
    rows = -(-len(table) // columns)
    inches = rows * PANEL_HEIGHT + PANELS_TOP + below
    figure.set_size_inches(width, inches)
    title = _part_title(words["chart.multiples_title"], "multiples", len(every), part, words)
    figure.suptitle(title, fontsize=11, x=0.02, y=1 - 0.12 / inches, ha="left", va="top")
    figure.subplots_adjust(left=0.43 / width if narrow else 0.06, right=0.99, top=1 - PANELS_TOP / inches,
                           bottom=below / inches, hspace=0.95, wspace=0.38)
    figure.legend(handles=_status_handles(data["status"], words) + [
        Line2D([], [], color="#212121", marker="*", linestyle="", markersize=7, label=words["chart.target"])],
        loc="lower center", ncol=3 if narrow else 6, fontsize=7, frameon=False, bbox_to_anchor=(0.5, 0.0))
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
    key = _fit_label(words["chart.heatmap_key_separator"].join(
        words.text("chart.heatmap_key_item", short=words[f"status_short.{status}"], name=words.status(status))
        for status in shown), width - 0.3, 7, words, lines=4)
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
                    color=STATUS_TEXT[status])
    ax.set_xticks(np.arange(len(years)) + 0.5, [year(y) for y in years], fontsize=7)
    ax.set_yticks(np.arange(len(order)) + 0.5, [_fit_label(label, left * width - 0.1, 6.5, words, lines=1)
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
    figure, ax = _figure(len(counts), 0.36, _legend_rows(statuses, columns),
                         left=_label_room(counts.index, width=width), right=0.96, width=width)
    left = np.zeros(len(counts))
    for status in statuses:
        widths = counts[status].to_numpy()
        ax.barh(counts.index, widths, left=left, color=STATUS_COLOURS[status], label=words.status(status))
        for yi, (start, width) in enumerate(zip(left, widths)):
            if width:
                ax.text(start + width / 2, yi, str(int(width)), ha="center", va="center", color=STATUS_TEXT[status],
                        fontsize=8)
        left += widths
    ax.set_xlabel(text["count"], fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts of indicators: whole numbers
    ax.set_title(text["category_title"], fontsize=11)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", labelsize=8)
    _legend_below(figure, ax, _status_handles(statuses, words), columns)
    return figure


def card_chart(context: ReportContext, row, size: tuple[float, float] = CARD_SIZE) -> Figure:
    """The course of one series against its targets, for its card: the baselines (open circles), every actual
    value (filled, numbered by its source), the targets (stars), the straight path from the base year to each
    target (what "on schedule" means), the projection at the observed pace, and, for a target held every year,
    the line to stay above (or below)."""
    series = cards.series_values(context, row)
    baselines = series[series["value_type"] == "baseline"].sort_values("year")
    targets = series[series["value_type"] == "target"].sort_values("year")
    actual = cards.actuals(context, row)
    observed = pd.concat([baselines, actual]).sort_values("year", kind="stable").drop_duplicates("year", keep="last")
    colour = STATUS_COLOURS[row.status]
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
            ax.plot([row.base_year, target.year], [row.base_value, target.value], color="#9e9e9e", linestyle="--",
                    linewidth=1)
    ax.plot(observed["year"], observed["value"], color=colour, linewidth=1.8)
    # Markers as lines without a line (cheaper to draw than scatter collections, the same to the eye).
    ax.plot(baselines["year"], baselines["value"], linestyle="", marker="o", markersize=5.3,
            markerfacecolor="white", markeredgecolor=colour, zorder=3)
    ax.plot(actual["year"], actual["value"], linestyle="", marker="o", markersize=5.3, color=colour, zorder=3)
    for point in actual.itertuples():
        ax.annotate(point.mark, (point.year, point.value), textcoords="offset points", xytext=(0, 5), ha="center",
                    fontsize=7, color="#333")
    if row.verdict == "progress" and not is_missing(row.projected_value):
        ax.plot([row.as_of_year, row.target_year], [row.latest_value, row.projected_value], color=colour,
                linestyle=":", linewidth=1.5)
    ax.plot(targets["year"], targets["value"], linestyle="", marker="*", markersize=9.5, color="#212121", zorder=4)
    if not ranges.empty:
        ax.plot(ranges["year"], ranges["upper"], linestyle="", marker="*", markersize=9.5, color="#212121", zorder=4)
    ax.set_xticks(years, [str(y) for y in years])
    ax.yaxis.set_major_locator(MaxNLocator(4, integer=row.kind == "rank"))
    if row.kind == "rank":
        ax.invert_yaxis()  # the first place on top: up is better
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.tick_params(labelsize=7)
    ax.grid(axis="x", visible=False)
    ax.margins(y=0.18)
    return figure
