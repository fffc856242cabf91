"""An indicator card for each series: its full name, a chart of its course, its numbers and notes.

A card's element id is ``indicator-<id>`` or ``indicator-<id>-<series>`` (``indicator-4-national``);
the scorecard links each name to its card. The chart shows the baselines (open circles), every
actual value (filled, numbered by its source), the targets (stars), the straight path from the
base year to each target (what "on schedule" means), the projection at the observed pace, and, for
a target held every year, the line to stay above (or below). Text from data is escaped.
"""
from __future__ import annotations

import base64
from html import escape

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..vocabulary import HELD_EVERY_YEAR
from .context import ReportContext
from .numbers import fmt_number, fmt_pct, is_missing
from .tables import STATUS_COLOURS, status_badge
from .words import departments_text, localized, pace_text, rate_text, seen_text, year

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SIZE = (3.4, 2.0)  # inches: beside the card's numbers on an A4 page


def card_id(row) -> str:
    """``card-4-national``: the figure's name; the card's element id is ``indicator-4-national``."""
    return f"card-{row.indicator_id}" + (f"-{row.series}" if row.series else "")


def element_id(row) -> str:
    return "indicator-" + card_id(row)[len("card-"):]


def numeric_rows(context: ReportContext) -> list:
    table = context.joined()
    return list(table[table["status"] != "qualitative"].itertuples())


def _series_values(context: ReportContext, row) -> pd.DataFrame:
    return context.series_values(row.indicator_id, row.series)


def _actuals(context: ReportContext, row) -> pd.DataFrame:
    """The series' actual values up to the report year, each with the number of its source."""
    series = _series_values(context, row)
    actual = series[(series["value_type"] == "actual") & (series["year"] <= context.report_year)]
    actual = actual.sort_values("year", kind="stable")
    references = list(dict.fromkeys(actual["reference"]))
    return actual.assign(mark=[CIRCLED[references.index(r) % len(CIRCLED)] for r in actual["reference"]])


def card_figure(context: ReportContext, row, size: tuple[float, float] = SIZE) -> Figure:
    """The course of one series against its targets (see the module docstring)."""
    series = _series_values(context, row)
    baselines = series[series["value_type"] == "baseline"].sort_values("year")
    targets = series[series["value_type"] == "target"].sort_values("year")
    actual = _actuals(context, row)
    observed = pd.concat([baselines, actual]).sort_values("year", kind="stable").drop_duplicates("year", keep="last")
    colour = STATUS_COLOURS[row.status]
    figure = Figure(figsize=size)
    ax = figure.add_axes((0.5 / size[0], 0.34 / size[1], 1 - 0.62 / size[0], 1 - 0.44 / size[1]))
    years = list(range(int(context.plan["base_year"]), int(max(targets["year"].max(), context.report_year)) + 1))
    if row.direction in HELD_EVERY_YEAR:
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
    ax.set_xticks(years, [str(y) for y in years])
    ax.yaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.tick_params(labelsize=7)
    ax.grid(axis="x", visible=False)
    ax.margins(y=0.18)
    return figure


def card_numbers(context: ReportContext, row) -> list[tuple[str, str]]:
    """The card's numbers: (label, value) pairs, from the baseline to the pace seen and the projection."""
    words = context.words
    labels = words["card"]
    unit = localized(row, "unit", context.language)
    rows = [(labels["base"].format(year=year(row.base_year)), fmt_number(row.base_value)),
            (labels["latest"].format(year=year(row.as_of_year)), fmt_number(row.latest_value)),
            (labels["target"].format(year=year(row.target_year)), fmt_number(row.target_value))]
    other = _series_values(context, row)
    other = other[(other["value_type"] == "target") & (other["year"] != row.target_year)].sort_values("year")
    for target in other.itertuples():
        rows.append((labels["other_target"].format(year=year(target.year)), fmt_number(target.value)))
    if row.verdict == "final":
        rows.append((labels["completion_rate"], rate_text(row.completion_rate)))
    if not is_missing(row.gap) and row.gap > 0:
        rows.append((labels["gap"], fmt_number(row.gap)))
    if not is_missing(row.completion):
        rows.append((labels["completion"], f"{fmt_pct(row.completion, 0).lstrip('+')} / "
                                           f"{fmt_pct(row.time_elapsed, 0).lstrip('+')}"))
    rows.append((labels["needed"], pace_text(row, words)))
    if seen_text(row, words) != "–":
        rows.append((labels["seen"], seen_text(row, words)))
    if row.verdict == "progress" and not is_missing(row.projected_value):
        rows.append((labels["projected"].format(year=year(row.target_year)), fmt_number(row.projected_value)))
    return [(label.format(unit=unit), value) for label, value in rows]


def card_notes(context: ReportContext, row) -> list[str]:
    """The sources of the actual values, their notes, and the data-quality findings of the series."""
    language = context.language
    notes = []
    actual = _actuals(context, row)
    words = context.words
    for reference, group in actual.groupby("reference", sort=False):
        years = words["grammar.comma"].join(year(y) for y in group["year"])
        notes.append(words.text("card.source", mark=group["mark"].iloc[0], years=years, reference=reference))
        for point in group.itertuples():
            if point.note:
                notes.append(words.text("card.note", mark=point.mark, year=year(point.year), note=point.note))
    quality = context.quality
    # The card says itself that an indicator is qualitative, and agreement needs no note.
    findings = quality[(quality["indicator_id"] == row.indicator_id) & quality["series"].isin(["", row.series])
                       & ~quality["issue"].isin(["prose_agrees", "qualitative"])]
    for issue, group in findings.groupby("issue", sort=False):  # one line an issue: a split cell is four
        note = words.text("card.finding", label=words[f"quality_issue.{issue}"],
                          detail=group[f"detail_{language}"].iloc[0])
        notes.append(note + (words.text("card.more", count=len(group) - 1) if len(group) > 1 else ""))
    return notes


def card_facts(context: ReportContext, row) -> list[str]:
    """The line under a card's name: short name, unit, series, category, and whether it is a core indicator."""
    words, language = context.words, context.language
    facts = [localized(row, "short_name", language), localized(row, "category", language)]
    if row.series:
        facts.insert(1, words[f"series.{row.series}"])
    if localized(row, "unit", language):
        facts.insert(1, localized(row, "unit", language))
    if row.core:
        facts.append(words["card.core"])
    return facts


def card_html(context: ReportContext, row, chart_png: bytes | None) -> str:
    """One series' card (a qualitative indicator's when ``chart_png`` is None)."""
    words, language = context.words, context.language
    labels = words["card"]
    name = localized(row, "name", language)
    departments = departments_text(row, words, language)
    departments_html = f'<p class="card-departments">{escape(departments)}</p>' if departments else ""
    head = (f'<div class="card-head"><span class="card-no">{row.indicator_id}</span>'
            f'<div class="card-title"><h3>{escape(name)}</h3>'
            f'<p class="card-sub">{escape(" · ".join(card_facts(context, row)))}</p>'
            f"{departments_html}</div>{status_badge(row.status, words)}</div>")
    if chart_png is None:
        body = f'<p class="card-qualitative">{escape(labels["qualitative"])}</p>'
    else:
        image = base64.b64encode(chart_png).decode("ascii")
        numbers = "".join(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
                          for label, value in card_numbers(context, row))
        body = (f'<div class="card-body"><img class="card-chart" alt="{escape(words["language.image_alt"])}" '
                f'src="data:image/png;base64,{image}"><table class="card-numbers">{numbers}</table></div>')
    notes = card_notes(context, row)
    notes_html = ("<ul class=\"card-notes\">" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>"
                  if notes else "")
    end = f'<span class="card-end" id="{element_id(row)}-end"></span>'  # where the card ends, for checks
    return f'<section class="card" id="{element_id(row)}">{head}{body}{notes_html}{end}</section>'


def cards_section(context: ReportContext, figures: str | None = None) -> str:
    """Every card, in the order of the scorecard, after a legend of the charts' marks."""
    from .figures import figure

    table = context.joined()
    legend = f'<p class="card-legend">{escape(context.words["card.legend"])}</p>'
    out = [legend]
    for row in table.itertuples():
        chart = None if row.status == "qualitative" else figure(context, card_id(row), figures)
        out.append(card_html(context, row, chart))
    return "".join(out)

