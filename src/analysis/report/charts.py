"""Report charts (matplotlib). Each function returns a Figure; labels come from the report's catalog.

Call :func:`analysis.report.fonts.configure_matplotlib` first: it sets the CJK font and makes a
missing glyph an error, so no chart is ever published with empty boxes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.patches import Patch

from ..assess.assessment import headline_status
from ..clean.schemas import LAGGING, STATUSES, STATUSES_BEST_FIRST
from .context import ReportContext
from .tables import STATUS_COLOURS
from .words import localized, localized_column


def _label(row, language: str) -> str:
    return f"{row.indicator_id}. {localized(row, 'short_name', language)}"


def completion_chart(context: ReportContext):
    """Completion of every numeric series against the time elapsed (完成进度 vs 序时进度)."""
    words, language = context.words, context.language
    text = words["chart"]
    table = context.joined()
    table = table[table["status"] != "qualitative"].copy()
    table = table[table["method"] != "annual_floor"]
    table["shown"] = table["completion"].clip(-1, 2)
    table = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.2, 0.28 * len(table) + 1.3))
    y = np.arange(len(table))
    ax.barh(y, table["shown"].fillna(0), color=[STATUS_COLOURS[s] for s in table["status"]], height=0.7)
    ax.set_yticks(y, [_label(r, language) for r in table.itertuples()], fontsize=8)
    # Time elapsed differs between series once some have later actual values: one tick each.
    ax.scatter(table["time_elapsed"], y, marker="|", s=160, color="#222", zorder=3, label=text["time"])
    for yi, row in zip(y, table.itertuples()):
        if pd.isna(row.completion):
            ax.text(0.02, yi, text["maintain"], fontsize=7, va="center", color="#555")
    ax.axvline(1, color="#1b5e20", linewidth=1)
    ax.axvline(0, color="#888", linewidth=0.8)
    ax.set_xlim(-1.05, 2.05)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel(text["completion_x"])
    ax.set_title(text["completion"])
    ax.grid(axis="y", visible=False)
    _status_legend(ax, table["status"], words)
    return fig


def _status_legend(ax, statuses, words, **kwargs):
    present = [s for s in STATUSES if s in set(statuses)]
    handles = [Patch(color=STATUS_COLOURS[s], label=words.status(s)) for s in present]
    handles += [h for h in ax.get_legend_handles_labels()[0]]
    ax.legend(handles=handles, loc="lower right", fontsize=7, **kwargs)


def growth_gap_chart(context: ReportContext):
    """Dumbbell chart: compound growth needed from now vs growth seen, for the lagging series."""
    language = context.language
    text = context.words["chart"]
    table = context.joined()
    table = table[table["status"].isin(LAGGING) & (table["method"] != "annual_floor")]
    table = table.dropna(subset=["required_cagr", "observed_cagr"]).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * max(len(table), 1) + 1.4))
    if table.empty:
        ax.axis("off")
        return fig
    y = np.arange(len(table))
    required, observed = table["required_cagr"] * 100, table["observed_cagr"] * 100
    ax.hlines(y, observed, required, color="#bbb", linewidth=2)
    ax.scatter(observed, y, color="#c62828", zorder=3, label=text["observed"])
    ax.scatter(required, y, color="#1565c0", zorder=3, label=text["required"])
    for yi, o, r in zip(y, observed, required):
        ax.text(r, yi + 0.18, f"{r:+.1f}", color="#1565c0", fontsize=7, ha="center")
        ax.text(o, yi - 0.38, f"{o:+.1f}", color="#c62828", fontsize=7, ha="center")
    ax.set_yticks(y, [_label(r, language) for r in table.itertuples()], fontsize=8)
    ax.axvline(0, color="#888", linewidth=0.8)
    ax.set_xlabel(text["growth_x"])
    ax.set_title(text["growth_title"])
    ax.grid(axis="y", visible=False)
    ax.set_ylim(-0.8, len(table) - 0.2)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8)
    return fig


def trajectory_chart(context: ReportContext, core_only: bool = True):
    """Small multiples: baselines, actuals, the projection at the observed pace, and the targets."""
    words, language, values = context.words, context.language, context.values
    text = words["chart"]
    table = context.joined()
    years = range(context.plan["base_year"], max(context.plan["report_years"]) + 1)
    table = table[(table["status"] != "qualitative") & (table["core"] | (not core_only))]
    n = len(table)
    cols = 2
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(7.2, 2.5 * rows), squeeze=False)
    for ax, row in zip(axes.flat, table.itertuples()):
        series = values[(values.indicator_id == row.indicator_id) & (values.series == row.series)]
        base = series[series.value_type == "baseline"].sort_values("year")
        actual = series[series.value_type == "actual"].sort_values("year")
        targets = series[series.value_type == "target"].sort_values("year")
        observed = pd.concat([base, actual]).sort_values("year").drop_duplicates("year", keep="last")
        colour = STATUS_COLOURS[row.status]
        ax.plot(observed["year"], observed["value"], color=colour, linewidth=2)
        ax.scatter(base["year"], base["value"], color="white", edgecolor=colour, zorder=3, label=text["baseline"])
        if not actual.empty:
            ax.scatter(actual["year"], actual["value"], color=colour, zorder=3, label=text["actual"])
        if not pd.isna(row.projected_value):
            ax.plot([row.as_of_year, row.target_year], [row.latest_value, row.projected_value], color=colour,
                    linestyle=":", linewidth=1.5, label=text["projection"])
        ax.scatter(targets["year"], targets["value"], marker="*", s=110, color="#333", zorder=4, label=text["target"])
        ax.set_title(words.text("chart.series_title", label=_label(row, language),
                                unit=localized(row, "unit", language)), fontsize=9)
        ax.set_xticks(years)
        ax.tick_params(labelsize=8)
        ax.text(0.02, 0.92, words.status(row.status), transform=ax.transAxes, fontsize=8, color=colour,
                fontweight="bold", va="top")
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, bbox_to_anchor=(0.5, -0.02))
    fig.get_layout_engine().set(rect=(0, 0.05, 1, 1))
    return fig


def category_status_chart(context: ReportContext):
    """Stacked bars: headline status of each indicator, by category."""
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
    fig, ax = plt.subplots(figsize=(7.2, 2.9))
    left = np.zeros(len(counts))
    statuses = [s for s in STATUSES_BEST_FIRST if s in counts.columns]
    for status in statuses:
        widths = counts[status].to_numpy()
        ax.barh(counts.index, widths, left=left, color=STATUS_COLOURS[status], label=words.status(status))
        for yi, (start, w) in enumerate(zip(left, widths)):
            if w:
                ax.text(start + w / 2, yi, str(int(w)), ha="center", va="center", color="white", fontsize=8)
        left += widths
    ax.set_xlabel(text["count"])
    ax.set_title(text["category_title"])
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=4, fontsize=7)
    return fig
