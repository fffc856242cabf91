"""The report's sections as HTML, written by Jinja templates that escape every value (``templates/html/``).

Each function gathers what its section shows (the same rows and sentences the Word edition and the
workbook show) and hands it to its template. Data text (names, sources, notes, the plan's titles)
reaches a page only through a template with autoescape on: it is never read as HTML or Markdown.
The method note is the one section written in Markdown (:func:`analysis.report.words.method_markdown`),
and it holds only the catalog's words and numbers.
"""
from __future__ import annotations

import base64
import functools
import numbers
import re
from dataclasses import dataclass

import jinja2
import numpy as np
import pandas as pd
from IPython.display import HTML, display
from markupsafe import Markup, escape

from ..catalog import catalog
from ..numbers import MISSING
from ..settings import TEMPLATES_DIR
from . import cards, charts, tables, warning_tables
from .context import ReportContext
from .figures import OVERVIEW_CHARTS, Figures, alt_text
from .line_breaks import (
    badge,
    departments,
    is_whole_badge,
    keep_dates,
    keep_phrases,
    keep_running,
    keep_title,
    keep_together,
    keep_words,
    label,
    label_breaks,
    name,
    name_cell,
    unit,
)
from .palette import LEVEL_COLOURS, LIGHT_COLOURS, STATUS_COLOURS, STATUS_TEXT
from .words import (
    data_note,
    departments_text,
    intro,
    other_editions,
    other_languages,
    plan_outline_of,
    report_dates,
    status_text,
    summary_paragraphs,
    title,
)

ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "html"), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENVIRONMENT.filters["base64"] = lambda data: base64.b64encode(data).decode("ascii")
#: A line break in data text (a department's "一是…" on its own line, a note typed over two lines).
LINE_BREAK = re.compile(r"\r\n|[\r\n]")


def by_lines(keep):
    """``keep``, a filter of text to HTML, applied to each line of text that has line breaks, the lines apart by
    ``<br>``: data text shown as typed, its lines not run together (the Word edition keeps them as line breaks)."""
    @functools.wraps(keep)
    def kept(text, *args, **kwargs):
        if isinstance(text, str) and not isinstance(text, Markup) and LINE_BREAK.search(text):
            return Markup("<br>").join(keep(line, *args, **kwargs) for line in LINE_BREAK.split(text))
        return keep(text, *args, **kwargs)
    return kept


ENVIRONMENT.filters.update(keep_title=keep_title, keep_together=by_lines(keep_together),
                           keep_running=by_lines(keep_running),
                           label=label, badge=badge, name=name,
                           keep_words=by_lines(keep_words), keep_dates=keep_dates, departments=departments, unit=unit,
                           name_cell=name_cell, label_breaks=label_breaks, keep_phrases=keep_phrases)
ENVIRONMENT.tests["short_label"] = is_whole_badge
ENVIRONMENT.globals.update(status_colours=STATUS_COLOURS, status_text=STATUS_TEXT, level_colours=LEVEL_COLOURS,
                           light_colours=LIGHT_COLOURS, missing=MISSING)


def render(template: str, **values) -> str:
    return ENVIRONMENT.get_template(template).render(**values).strip()


def editions_of(context: ReportContext) -> list[dict]:
    """The report's editions in the other languages, each with its language, ``lang`` and name (English edition)."""
    return [{"language": language, "html_lang": catalog(language)["language.html_lang"],
             "name": catalog(language)["language.edition_name"]} for language in other_languages(context)]


def title_html(context: ReportContext, generated: str = "", inputs_date: str = "") -> str:
    """The title, the dates (built; inputs last changed), links on screen to the other language editions, the
    self-evaluation (a mid-term or final evaluation's) and every report (the reports' index, three folders up:
    ``<plan>/<year>/<language>/``), the introduction."""
    editions = editions_of(context)
    return render("title.html.j2", title=title(context), dates=report_dates(context, generated, inputs_date),
                  editions=editions, editions_print=other_editions(context), intro=intro(context),
                  dataset_label=context.dataset_label, links=context.words["links"],
                  self_evaluation=context.kind != "annual")


def summary_html(context: ReportContext) -> str:
    return render("summary.html.j2", heading=context.words["sections.summary"], paragraphs=summary_paragraphs(context))


#: A category of the scorecard of this many rows at most is printed on one page, its band with its rows; a longer one
#: may be split, its band repeated over its rows on the next page ("（续）", "(continued)"), its band and two rows at
#: least on a page (report.css). (At five, the Chinese mid-term's categories of four and five rows of long notes, each
#: some half a page, went whole to the next page and left two pages 40 % blank, the warnings' section a page later.)
KEPT_CATEGORY = 3


def scorecard_html(context: ReportContext) -> str:
    """Every indicator series grouped by category, its status in colour and in words; the official status word last
    when the plan chose words."""
    rows = tables.scorecard_rows(context)
    continued = {row.category: context.words.text("scorecard.continued", category=row.category) for row in rows}
    return render("scorecard.html.j2", heading=context.words["sections.scorecard"],
                  headers=tables.scorecard_headers(context), rows=rows, pace=tables.pace_shown(rows),
                  kept=KEPT_CATEGORY, continued=continued,
                  official=context.status_words is not None, missing=MISSING,
                  # a phone joins each value's unit to it: 24,800人
                  unit_space=context.words["quantity.unit"].replace("{number}", "").replace("{unit}", ""),
                  label_space=functools.partial(label_space, context.words))


def label_space(words, value: str) -> str:
    """The space between a phone's label and the ``value`` after it: none before a number in a language that does not
    break at spaces (差距0.1个百分点, 2024年需增长+0.19个百分点; 2024年 须不低于90%, Gap 0.1 pp)."""
    return "" if not words["language.breaks_at_spaces"] and re.match(r"[0-9+\-−]", str(value)) else " "


def warnings_html(context: ReportContext) -> str:
    """The warning list by lead department, then each series' status against the previous report year."""
    words = context.words
    warned = warning_tables.warning_rows(context)
    previous, changes = warning_tables.change_rows(context)
    departments = {row.department: warning_tables.department_label(context, warned, row.department) for row in warned}
    return render("warnings.html.j2", heading=warning_tables.warnings_section(context),
                  warnings_heading=warning_tables.warning_title(context),
                  warnings_intro=warning_tables.warnings_intro(context, warned), warnings=warned,
                  pace=tables.pace_shown(warned),
                  warning_headers=warning_tables.warning_headers(context), departments=departments,
                  warnings_note=warning_tables.warnings_note(context),
                  changes_heading=warning_tables.changes_heading(context, previous) if previous else "",
                  changes_intro=warning_tables.changes_intro(context, previous, changes) if previous else "",
                  changes_headers=warning_tables.changes_headers(context, previous) if previous else [],
                  changes=warning_tables.listed_changes(changes), separator=words["grammar.list_separator"])


def chart_view(context: ReportContext, figures: Figures, name: str, chart: str | None = None) -> dict:
    """A figure as the page shows it: its pictures and their words, or the sentence said in place of a chart with
    data for too few series (:func:`analysis.report.charts.few_series_note`); after a chart's last part (``chart``
    its name), the sentence said under it (:func:`analysis.report.charts.drawn_note`)."""
    png = figures[name]
    note = charts.few_series_note(context, name) if png is None else \
        charts.drawn_note(context, chart) if chart else None
    return {"name": name, "png": png, "narrow": figures.narrow(name), "alt": alt_text(context, name), "note": note}


def charts_html(context: ReportContext, figures: Figures) -> str:
    return render("charts.html.j2", heading=context.words["sections.charts"],
                  charts=[chart_view(context, figures, name, chart if name == parts[-1] else None)
                          for chart in OVERVIEW_CHARTS for parts in [figures.parts(chart)] for name in parts])


@dataclass(frozen=True)
class CardView:
    """One card as its template shows it; ``numbers`` is None for a qualitative indicator (no chart)."""

    anchor: str
    indicator_id: int
    name: str
    facts: str
    departments: str
    status: str
    status_text: str
    chart: bytes | None
    numbers: list[tuple[str, str]] | None
    notes: list[str]
    narrow_chart: bytes | None = None  # the chart drawn for a phone (larger marks), a <picture>'s source up to 600 px
    chart_alt: str = ""  # the chart in words: its series and years


def card_view(context: ReportContext, figures: Figures, row) -> CardView:
    words, language = context.words, context.language
    numeric = row.status != "qualitative"
    return CardView(anchor=cards.element_id(row), indicator_id=row.indicator_id,
                    name=cards.card_name(context, row), facts=" · ".join(cards.card_facts(context, row)),
                    departments=departments_text(row, words, language, plan_outline_of(context)), status=row.status,
                    status_text=status_text(row, words), chart=figures[cards.card_id(row)] if numeric else None,
                    numbers=cards.card_numbers(context, row) if numeric else None,
                    notes=cards.card_notes(context, row),
                    narrow_chart=figures.narrow(cards.card_id(row)) if numeric else None,
                    chart_alt=charts.card_alt(context, row) if numeric else "")


def card_html(context: ReportContext, figures: Figures, row) -> str:
    """One series' card (a row of :meth:`ReportContext.joined`), as the cards section shows it."""
    words = context.words
    return render("card.html.j2", one=card_view(context, figures, row), qualitative=words["card.qualitative"],
                  back=words["links.back_to_scorecard"])


def cards_html(context: ReportContext, figures: Figures) -> str:
    """The small multiples, the legend of the charts' marks, then every card in the order of the scorecard, each
    with a link back to its row there (on a screen: a phone's report is some 60,000 px long)."""
    words = context.words
    return render("cards.html.j2", heading=words["sections.cards"],
                  multiples=[chart_view(context, figures, name) for name in figures.parts("multiples")],
                  legend=legend_items(words), completion_defined=words["card.completion_defined"],
                  qualitative=words["card.qualitative"],
                  back=words["links.back_to_scorecard"],
                  cards=[card_view(context, figures, row) for row in context.joined().itertuples()])


def appendix_html(context: ReportContext) -> str:
    """The data note, the data-quality log and the actual values with their sources."""
    views = [table_view(tables.quality_table(context), table_id="quality")]
    actuals = tables.actuals_table(context)
    if not actuals.empty:
        # a column of notes most values have none of is left out, each note after its value's source: the column's
        # room goes to the indicators' names (report.css), which took three lines beside it, empty down the pages
        names = context.words["tables.actuals"]
        notes = actuals[names["note"]].fillna("").astype(str).str.strip()
        if (notes != "").mean() < 0.5:
            actuals[names["source"]] = [context.words.text("tables.source_note", source=source, note=note) if note
                                        else source for source, note in zip(actuals[names["source"]], notes)]
            actuals = actuals.drop(columns=names["note"])
        views.append(table_view(actuals, table_id="actuals"))
    return render("appendix.html.j2", heading=context.words["sections.quality"], note=data_note(context),
                  tables=views)


# --- any table ---------------------------------------------------------------------------------------------

#: Columns that hold labels, not quantities (years, line numbers, ids): 2021, never "2,021".
LABEL_COLUMN = re.compile(r"(^|[_ ])(year|line|id)([_ ]|$)|年份|^年$|行号|编号", re.IGNORECASE)
#: A cell that reads as a number (right-aligned in its column).
NUMBER_TEXT = re.compile(r"^(?=.*\d)[-+−]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?%?$")


@dataclass(frozen=True)
class TableView:
    table_id: str
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]


def cell_text(value, label: bool) -> str:
    """A cell as a table shows it: empty for a missing value, text as it is, a label (a year, an id) as digits, a
    quantity with thousands separated and four decimals at most."""
    if isinstance(value, (str, bool, np.bool_)):
        return str(value)
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, numbers.Integral) or label and float(value).is_integer():
        return str(int(value)) if label else f"{int(value):,}"
    return f"{float(value):,.4f}"


def table_view(frame: pd.DataFrame, caption: str | None = None, *, table_id: str = "table") -> TableView:
    """``frame`` as rows of text: the cells :func:`cell_text` writes, its columns of numbers marked."""
    headers = [str(column) for column in frame.columns]
    labels = [bool(LABEL_COLUMN.search(header)) for header in headers]
    rows = [[cell_text(value, label) for value, label in zip(values, labels)]
            for values in frame.itertuples(index=False)]
    numeric = []
    for index, column in enumerate(frame.columns):
        texts = [row[index] for row in rows if row[index]]
        numeric.append(bool(texts) and all(NUMBER_TEXT.match(text) for text in texts)
                       and not pd.api.types.is_bool_dtype(frame[column]))
    return TableView(table_id, caption or "", headers, rows, numeric)


def table_html(frame: pd.DataFrame, caption: str | None = None, *, table_id: str = "table") -> str:
    """A DataFrame as an HTML table with a fixed id; every cell escaped by the template."""
    return render("table.html.j2", view=table_view(frame, caption, table_id=table_id))


def show_table(frame: pd.DataFrame, caption: str | None = None, *, table_id: str = "table") -> None:
    """Display ``frame`` in a notebook as :func:`table_html` writes it."""
    display(HTML(table_html(frame, caption, table_id=table_id)))


#: A legend item's mark and its first word: "● actual", "- - - straight", "—·— level", "○ baseline" after the
#: legend's opening words (a mark: signs standing after a space or at the start, never a word's apostrophe or colon).
MARK_AND_WORD = re.compile(r"(?:^|(?<=\s))[^\w\s'’:,.(]+(?: [^\w\s'’:,.(]+)*\s+\w+")


def legend_items(words) -> Markup:
    """The cards' legend, each mark with its words kept on one line where the language breaks anywhere (never
    "按现有增 | 速推算"); a language that breaks at spaces breaks between words, each mark kept with its first word
    (never "● | actual value")."""
    separator = words["card.legend_separator"]
    items = words["card.legend"].split(separator)
    if not words["language.breaks_at_spaces"]:
        return Markup(escape(separator)).join(Markup('<span class="nobr">') + escape(item) + Markup("</span>")
                                              for item in items)

    def kept(item: str) -> Markup:
        match = MARK_AND_WORD.search(item)
        if match is None:
            return escape(item)
        return (escape(item[:match.start()]) + Markup('<span class="nobr">') + escape(match[0]) + Markup("</span>")
                + escape(item[match.end():]))

    return Markup(escape(separator)).join(kept(item) for item in items)
