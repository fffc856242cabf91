"""``scorecard.xlsx``: the overview's counts, the report's scorecard, data-quality log and actual values as a workbook.

Written beside ``report.html`` and ``report.pdf`` by every report build, for the people who
re-sort, filter and annotate the numbers. Every word (sheet names, headers, status text) comes from
the report's catalog. Numbers are numbers with number formats, never text, stored rounded as the
report shows them (:func:`analysis.report.numbers.round_shown`: 0.09, not 0.0900000000000003); text
is always written as text, so a source that starts with ``=``, ``+``, ``-`` or ``@`` is never a formula. The same
inputs give the same bytes: the workbook's creation date is the report's generated date, and
xlsxwriter dates every part of the file 1980-01-01.

One function per sheet, listed in :data:`SHEETS` in the order the workbook shows them: a new
sheet is a new function there.
"""
from __future__ import annotations

import datetime
import io
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..files import write_bytes_atomic
from ..ingest.printed_table import series_part
from ..settings import SCHEMES
from .cards import missed_gap
from .context import ReportContext, actuals_shown
from .numbers import MISSING, fmt_number, fmt_printed, is_missing, round_pct, round_shown
from .palette import LEVEL_COLOURS, LIGHT_COLOURS, STATUS_COLOURS, STATUS_TEXT
from .warning_tables import (
    change_counts,
    change_rows,
    earlier_kind,
    final_list,
    final_tally,
    level_word,
    listed_series,
    warning_rows,
    warning_tally,
    warnings_intro,
)
from .words import (
    as_printed,
    bare_reading,
    data_currency,
    file_place,
    final_counts,
    finding_detail,
    finding_label,
    finding_place,
    following_target,
    indicator_counts,
    is_percent,
    later_rates,
    later_target,
    localized,
    missed_years,
    needed_kind,
    next_need,
    note_in,
    official_header,
    official_rule,
    official_text,
    operator,
    pace_text,
    plan_outline_of,
    plan_period_move,
    plan_period_pace,
    preliminary_note,
    projected_shown,
    projection_shown,
    prose_growth_checks,
    qualitative_state,
    reference_in,
    running_total,
    scope_counts,
    scorecard_note,
    series_label,
    shown_change,
    status_text,
    target_year_past,
    title,
)

FILE_NAME = "scorecard.xlsx"
#: xlsxwriter never turns text into a formula, a link or a number on its own.
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}
MAX_COLUMN_WIDTH = 60
#: A table's text columns wrap beyond this many characters (a Chinese character counts two).
MAX_TABLE_COLUMN_WIDTH = 28
#: The column widths (in characters) one printed A4 landscape page holds with its text near its size (about 90 %).
PAGE_WIDTH = 150
#: Points per line of text, for the height of a row whose text wraps: a line of Chinese (Noto Sans CJK, or Word's
#: 等线, at 11 pt) is about 16 pt high; at 15 a row of two lines showed one and a half in LibreOffice. A whole number
#: of pixels (24), as a spreadsheet stores a row's height.
LINE_HEIGHT = 18
#: A column's padding, in characters, beside the width its text is given (5 pixels at 7 pixels a character).
CELL_PADDING = 5 / 7
HEADER_COLOUR = "#e8eaed"
FRONT_VALUE_WIDTH = 80


@dataclass(frozen=True)
class Percent:
    """A fraction shown as a percentage (0.773 → 77.3%), stored rounded so (0.7727 → 0.773); ``digits`` 0 for one
    the report shows whole (distance covered and time elapsed: 116%; the plan text's required 10%)."""

    value: float | None
    digits: int = 1


@dataclass(frozen=True)
class Rank:
    """A place (21) kept a number, shown as the report's tables write it (No. 21, 第21位; a target top 18, 前18位):
    ``template`` is the catalog's (``rank.value``, ``rank.target``), its ``{n}`` the number."""

    value: float | None
    template: str

    @property
    def text(self) -> str:
        return "" if self.value is None else self.template.format(n=int(round(self.value)))

    @property
    def num_format(self) -> str:
        """The template as a number format: "No. {n}" → ``"No. "0``, "第{n}位" → ``"第"0"位"``."""
        before, _, after = self.template.partition("{n}")
        return "".join([f'"{before}"' if before else "", "0", f'"{after}"' if after else ""])


class Shown(float):
    """A number with the digits the report shows it with (``shown``: the plan's 3.0, 2.40), which its cell's format
    keeps."""

    shown: str

    def __new__(cls, value: float, shown: str):
        number = super().__new__(cls, value)
        number.shown = shown
        return number


class Revised(Shown):
    """A plan's printed value a published one replaces (a baseline revised: 23,150 where the plan printed 23,000):
    the number used, its cell carrying ``comment``, the data-quality log's words naming the printed value, the
    published one and its source, so that a reader of the sheet alone sees the cell is no printed figure."""

    comment: str

    def __new__(cls, value: float, shown: str, comment: str):
        number = super().__new__(cls, value, shown)
        number.comment = comment
        return number


def ranked(row, value, words, role: str = "value"):
    """A series' value for its cell: a :class:`Rank` for a rank (its place, or the places of a target), else the
    number, with the digits its plan or publication printed where the report quotes them (:func:`as_printed`)."""
    number = _number(value)
    if number is None:
        return None
    if row.kind == "rank":
        return Rank(number, words[f"rank.{role}"])
    if isinstance(value, Shown):  # its printed digits known already (a baseline or target of any year)
        return value
    printed = as_printed(row, number, role)
    return Shown(number, printed) if printed != fmt_number(number) else number


@dataclass(frozen=True)
class Status:
    """A status cell: its text, filled in the status colour of the HTML report."""

    status: str
    text: str


def status_cell(row, words) -> Status:
    return Status(row.status, status_text(row, words))


@dataclass(frozen=True)
class Warning:
    """A warning cell: its text, filled in the warning's colour (red, amber) of the HTML report."""

    level: str
    text: str


@dataclass(frozen=True)
class Official:
    """An official status word cell (plan.yml ``status_words``): a traffic light filled in its colour, as in the
    HTML report; a review's word as text."""

    word: str
    text: str


@dataclass(frozen=True)
class ScorecardBook:
    """What the workbook is made from: the report's context, its dates and its input files (path → sha256)."""

    context: ReportContext
    generated: str
    inputs_date: str = ""
    inputs: dict[str, str] = field(default_factory=dict)


class Styles:
    """The workbook's cell formats, made once each (xlsxwriter keeps every format it is given)."""

    def __init__(self, book):
        self.book = book
        self.cache: dict[tuple, object] = {}

    def get(self, **properties):
        key = tuple(sorted(properties.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format({"valign": "top", **properties})
        return self.cache[key]

    @property
    def header(self):
        return self.get(bold=True, text_wrap=True, bg_color=HEADER_COLOUR, border=1)

    def number(self, value: float):
        """As many decimals as the report shows (:func:`analysis.report.numbers.fmt_number`), thousands separated."""
        shown = getattr(value, "shown", "") or fmt_number(value)
        decimals = len(shown.split(".", 1)[1]) if "." in shown else 0
        return self.get(num_format="#,##0" + ("." + "0" * decimals if decimals else ""))


def write_cell(sheet, styles: Styles, row: int, column: int, value, wrap: bool = False) -> None:
    """One cell: text as text, a whole number (an id, a year) as a plain number, a float with its decimals."""
    if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
        return
    if isinstance(value, Status):
        colour = STATUS_COLOURS[value.status]
        sheet.write_string(row, column, value.text, styles.get(bg_color=colour, font_color=STATUS_TEXT[value.status],
                                                               bold=True, text_wrap=wrap))
    elif isinstance(value, Warning):
        background, text = LEVEL_COLOURS[value.level]
        sheet.write_string(row, column, value.text, styles.get(bg_color=background, font_color=text, bold=True,
                                                               text_wrap=wrap))
    elif isinstance(value, Official):
        if value.word in LIGHT_COLOURS:
            background, text = LIGHT_COLOURS[value.word]
            sheet.write_string(row, column, value.text, styles.get(bg_color=background, font_color=text, bold=True,
                                                                   text_wrap=wrap))
        elif value.text:
            sheet.write_string(row, column, value.text, styles.get(text_wrap=wrap))
    elif isinstance(value, Rank):
        if value.value is not None:
            sheet.write_number(row, column, int(round(value.value)), styles.get(num_format=value.num_format,
                                                                                   align="right"))
    elif isinstance(value, Percent):
        if value.value is not None and math.isfinite(value.value):
            sheet.write_number(row, column, round_pct(value.value, value.digits),
                               styles.get(num_format="0" + "." * bool(value.digits) + "0" * value.digits + "%"))
    elif isinstance(value, bool):
        raise TypeError("write a yes/no as its catalog word")
    elif isinstance(value, int):  # an id, a year: centred, never against the number right-aligned before it
        sheet.write_number(row, column, value, styles.get(num_format="0", align="center"))
    elif isinstance(value, Shown):  # every printed digit (3.0, 2.40)
        sheet.write_number(row, column, float(value), styles.number(value))
    elif isinstance(value, float):
        sheet.write_number(row, column, round_shown(value), styles.number(value))
    else:
        sheet.write_string(row, column, str(value), styles.get(text_wrap=wrap))


def display_width(text: str) -> int:
    """Columns a text takes on screen: a Chinese character is two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def shown_text(value) -> str:
    if isinstance(value, (Status, Official, Rank)):
        return value.text
    if isinstance(value, Percent):
        return "100.0%"
    if isinstance(value, Shown):
        return value.shown
    if isinstance(value, float):
        return fmt_number(value)
    return "" if value is None else str(value)


def lines_needed(value, width: float) -> int:
    """Lines a cell's text wraps to in a column ``width`` characters wide."""
    return max(1, math.ceil(display_width(shown_text(value)) / max(width - 1, 1)))


def print_setup(sheet, header_rows: int = 0, widths: list[float] = (), named_by: int = 1) -> None:
    """On paper: A4 landscape, the header row repeated on every page; as many pages wide as keep the text near its
    size (:data:`PAGE_WIDTH` characters a page: the scorecard's 33 columns on one page printed at 3 pt), the
    first ``named_by`` columns (序号, and the scorecard's short name and series: what names a row) repeated on
    each."""
    sheet.set_paper(9)
    sheet.set_landscape()
    # each column as the file stores it, and a spreadsheet prints it: its characters and the cell's padding of 5
    # pixels (at 7 a character); counted without, a sheet 457 characters wide was printed 4 pages wide, not 5
    widths = [width + CELL_PADDING for width in widths]
    named = sum(widths[:named_by])
    pages = max(1, math.ceil((sum(widths) - named) / (PAGE_WIDTH - named))) if widths else 1
    sheet.fit_to_pages(pages, 0)
    if pages > 1:
        sheet.repeat_columns(0, named_by - 1)
    if header_rows:
        sheet.repeat_rows(0, header_rows - 1)


def write_table(sheet, styles: Styles, headers: list[str], rows: list[list], first_row: int = 0,
                wide: tuple[int, ...] = (), named_by: int = 1) -> None:
    """A table with a frozen header row, an autofilter, columns as wide as their contents up to
    :data:`MAX_TABLE_COLUMN_WIDTH` (longer text wraps, its row made as high as it needs: spreadsheet programs
    do not measure rows as they open a file), the ``wide`` columns (sentences) up to :data:`MAX_COLUMN_WIDTH`, and
    one page wide on paper."""
    widths = [min(max([display_width(shown_text(row[column])) for row in rows] + [4]) + 2,
                  MAX_COLUMN_WIDTH if column in wide else MAX_TABLE_COLUMN_WIDTH) for column in range(len(headers))]
    widths = [max(width, min(display_width(header) + 2, 12)) for width, header in zip(widths, headers)]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.set_row(first_row, LINE_HEIGHT * max(lines_needed(h, w) for h, w in zip(headers, widths)))
    for column, header in enumerate(headers):
        sheet.write_string(first_row, column, header, styles.header)
    for number, row in enumerate(rows, first_row + 1):
        lines = max([lines_needed(value, width) for value, width in zip(row, widths)] + [1])
        if lines > 1:
            sheet.set_row(number, LINE_HEIGHT * lines)
        for column, value in enumerate(row):
            write_cell(sheet, styles, number, column, value, wrap=lines_needed(value, widths[column]) > 1)
            if isinstance(value, Revised):  # a printed value replaced: the cell says so itself
                sheet.write_comment(number, column, value.comment, {"author": "", "x_scale": 2, "y_scale": 2})
    sheet.freeze_panes(first_row + 1, 0)
    sheet.autofilter(first_row, 0, first_row + max(len(rows), 1), len(headers) - 1)
    print_setup(sheet, first_row + 1, widths, named_by)


def write_sentence(sheet, styles: Styles, text: str) -> None:
    """A sheet that holds one sentence instead of a table: in A1, wrapped in a column as wide as a sentence's."""
    sheet.set_column(0, 0, MAX_COLUMN_WIDTH)
    lines = lines_needed(text, MAX_COLUMN_WIDTH)
    sheet.set_row(0, LINE_HEIGHT * lines)
    write_cell(sheet, styles, 0, 0, text, wrap=lines > 1)
    print_setup(sheet)


# --- the sheets --------------------------------------------------------------------------------------

def summary_counts(context: ReportContext) -> list[tuple[str, int]]:
    """The overview's counts, each with its label in the report's language: the plan's indicators and series, the
    quantitative indicators by status, the series judged on their target year's value, the series warned red and
    amber, and the series by change since the previous report year (none in the first). Each from the function the
    overview's sentence counts with, never counted again here."""
    words = context.words
    names = words["workbook.summary"]
    counts = [(names[key], count) for key, count in scope_counts(context).items()]
    paired = context.assessment["indicator_id"].duplicated().any()  # the worse series of two, said where there are
    counts += [(words.text(f"workbook.summary.{'status' if paired else 'status_single'}", status=words.status(status)),
                count) for status, count in indicator_counts(context).items()]
    counts += [(words.text("workbook.summary.final", status=words.status(status)), count)
               for status, count in final_counts(context).items()]
    listed = warning_rows(context)
    if final_list(context):  # the targets missed and the data missing, no warning (the list's own words)
        counts += [(words.text("workbook.summary.warning_final", level=words[f"warnings.level_final.{outcome}"]), count)
                   for outcome, count in final_tally(listed).items()]
    else:
        counts += [(words.text("workbook.summary.warning", level=words[f"warnings.level.{level}"]), count)
                   for level, count in warning_tally(listed).items()]
    previous, changes = change_rows(context)
    if previous is not None:
        for change, count in change_counts(changes).items():
            if count or change != "not_comparable":  # as the sentence: no "0 not comparable"
                counts.append((change_label(context, previous, change), count))
            if change == "same":  # those of them said by another word, each a number of its own
                counts += same_kinds(context, previous, changes)
    return counts


def change_label(context: ReportContext, previous: int, change: str) -> str:
    """A change's label on the summary sheet: the same status counted as the report's sentence counts it, consistent
    with the earlier rating, those missed both times among them (counted on the next row, :func:`same_kinds`), never
    "Status unchanged", the change sheet's word for some of them only."""
    words = context.words
    if change != "same":
        return words.text("workbook.summary.change", earlier=summary_earlier(context, previous),
                          change=words[f"warnings.change.{change}"])
    return words.text("workbook.summary.change_same", earlier=summary_earlier(context, previous))


def summary_earlier(context: ReportContext, previous: int) -> str:
    """The earlier year of a change as the summary sheet's labels name it, by what it was (an evaluation, or a year
    of annual monitoring assessed now), short enough for one line."""
    return context.words.text(f"workbook.summary.earlier.{earlier_kind(context, previous)}", year=previous)


def same_kinds(context: ReportContext, previous: int, changes: list) -> list[tuple[str, int]]:
    """Of the series whose status is the same, those the report says by another word (6 missed both times), each
    kind a row with its number, as the overview's sentence counts them: none where there are none."""
    words = context.words
    said = [row.change_text for row in changes if row.change == "same"]
    return [(words.text("workbook.summary.change_same_of", earlier=summary_earlier(context, previous),
                        kind=words[f"warnings.changes_count.kinds.{kind}"]), said.count(text))
            for kind in ("missed_again",) if (text := words[f"warnings.change_same.{kind}"]) in said]


def summary_sheet(book, styles: Styles, inputs: ScorecardBook) -> None:
    """The overview's counts as numbers, one a row, under the report's year, plan, edition and data currency."""
    context = inputs.context
    words = context.words
    names, front = words["workbook.summary"], words["workbook.front"]
    sheet = book.add_worksheet(words["workbook.sheets.summary"])
    facts = [(front["report_year"], context.report_year), (front["plan"], context.plan_text("title")),
             (front["kind"], words[f"report_kind.{context.kind}"]), (front["currency"], data_currency(context)),
             # the dataset's label where it is not the plan's own data (an example, a test), as on the front sheet
             *([(front["dataset"], context.dataset_label)] if context.dataset_label else [])]
    counts = summary_counts(context)
    whole = styles.get(num_format="0", align="left")  # a count or a year beside its label, never a sum's digits
    sheet.write_string(0, 0, title(context), styles.get(bold=True, font_size=14))
    for number, (label, value) in enumerate(facts, 2):
        sheet.write_string(number, 0, label, styles.get(bold=True))
        lines = lines_needed(value, FRONT_VALUE_WIDTH)
        if lines > 1:
            sheet.set_row(number, LINE_HEIGHT * lines)
        if isinstance(value, int):
            sheet.write_number(number, 1, value, whole)
        else:
            write_cell(sheet, styles, number, 1, value, wrap=lines > 1)
    first = len(facts) + 3
    sheet.write_string(first, 0, names["label"], styles.header)
    sheet.write_string(first, 1, names["count"], styles.header)
    widest = max(display_width(label) for label, _ in [*facts, *counts, (names["label"], 0)])
    width = min(widest + 2, FRONT_VALUE_WIDTH)  # a label on one line: no table beside it, one page wide on paper
    for number, (label, count) in enumerate(counts, first + 1):
        lines = lines_needed(label, width)
        if lines > 1:
            sheet.set_row(number, LINE_HEIGHT * lines)
        write_cell(sheet, styles, number, 0, label, wrap=lines > 1)
        sheet.write_number(number, 1, int(count), whole)
    sheet.set_column(0, 0, width)
    sheet.set_column(1, 1, FRONT_VALUE_WIDTH)
    print_setup(sheet)


def front_sheet(book, styles: Styles, inputs: ScorecardBook) -> None:
    """What the workbook is: the report, the plan, the method, the data currency, the dates and the input files."""
    context = inputs.context
    words = context.words
    names = words["workbook.front"]
    sheet = book.add_worksheet(words["workbook.sheets.front"])
    on_track, moderate, insufficient = SCHEMES[context.scheme]
    facts = [
        (names["title"], title(context)),
        (names["plan"], context.plan_text("title")),
        (names["city"], context.plan_text("city")),
        (names["report_year"], context.report_year),
        (names["kind"], words[f"report_kind.{context.kind}"]),
        (names["method"], words.text("workbook.front.method_value", scheme=words[f"explore.schemes.{context.scheme}"],
                                     on_track=on_track, moderate=moderate, insufficient=insufficient)),
        # the cut-offs as numbers too, each from the status it begins: the warning list's sentence quotes them
        *((words.text("workbook.front.cutoff", status=words.status(status)), float(cutoff))
          for status, cutoff in zip(("on_track", "moderate", "insufficient"), (on_track, moderate, insufficient))),
        *([(official_header(context), official_rule(context))] if context.status_words else []),
        (names["currency"], data_currency(context)),
        # the dataset's label where it is not the plan's own data (an example, a test): the workbook may travel alone
        *([(names["dataset"], context.dataset_label)] if context.dataset_label else []),
        # the preliminary figures the verdicts rest on, named: the warnings sheet may be read alone
        *([(names["preliminary"], note)] if (note := preliminary_note(context)) else []),
        (names["generated"], _date(inputs.generated)),
        (names["inputs_date"], _date(inputs.inputs_date)),
    ]
    sheet.write_string(0, 0, names["heading"], styles.get(bold=True, font_size=14))
    for number, (label, value) in enumerate(facts, 2):
        sheet.write_string(number, 0, label, styles.get(bold=True))
        lines = lines_needed(value, FRONT_VALUE_WIDTH)
        if lines > 1:
            sheet.set_row(number, LINE_HEIGHT * lines)
        if isinstance(value, datetime.date):  # a date a spreadsheet sorts and filters as one
            sheet.write_datetime(number, 1, datetime.datetime.combine(value, datetime.time()),
                                 styles.get(num_format="yyyy-mm-dd", align="left"))
        else:
            write_cell(sheet, styles, number, 1, value, wrap=lines > 1)
    first = len(facts) + 3
    sheet.write_string(first, 0, names["inputs"], styles.get(bold=True, font_size=12))
    sheet.write_string(first + 1, 0, names["file"], styles.header)
    sheet.write_string(first + 1, 1, names["sha256"], styles.header)
    for number, (path, digest) in enumerate(sorted(inputs.inputs.items()), first + 2):
        sheet.write_string(number, 0, path)
        sheet.write_string(number, 1, digest)
    # what the scorecard's columns hold, those it has, headed as there
    columns = words["workbook.columns"]
    shown = set(scorecard_table(inputs)[0])
    glossary = [(header, columns[key]) for key, header in words["workbook.scorecard"].items()
                if key in columns and header in shown]
    first += len(inputs.inputs) + 3
    sheet.write_string(first, 0, columns["heading"], styles.get(bold=True, font_size=12))
    sheet.write_string(first + 1, 0, columns["column"], styles.header)
    sheet.write_string(first + 1, 1, columns["meaning"], styles.header)
    for number, (header, meaning) in enumerate(glossary, first + 2):
        sheet.write_string(number, 0, header, styles.get())  # at the top, beside the first line of what it holds
        lines = lines_needed(meaning, FRONT_VALUE_WIDTH)
        if lines > 1:
            sheet.set_row(number, LINE_HEIGHT * lines)
        write_cell(sheet, styles, number, 1, meaning, wrap=lines > 1)
    widest = max([display_width(label) for label, _ in facts] + [display_width(p) for p in inputs.inputs]
                 + [display_width(header) for header, _ in glossary] + [10])
    sheet.set_column(0, 0, min(widest + 2, MAX_COLUMN_WIDTH))
    sheet.set_column(1, 1, FRONT_VALUE_WIDTH)
    print_setup(sheet)


def _series_values(context: ReportContext, value_type: str,
                   column: str = "value") -> tuple[list[int], dict[tuple, dict[int, float]]]:
    """The years the plan gives ``value_type`` (baseline, target) for, and each series' values by year (``column``
    ``upper``: a range target's upper bound, and only the years that have one)."""
    values = context.values[context.values["value_type"] == value_type]
    values = values[values[column].notna()]
    by_series: dict[tuple, dict[int, float]] = {}
    for row in values.itertuples():
        by_series.setdefault((row.indicator_id, row.series), {})[int(row.year)] = _as_printed_cell(
            row, float(getattr(row, column)), column)
    years = {int(y) for y in values["year"]}
    if value_type == "baseline":  # a baseline revised by a published actual: the value the assessment uses
        actuals = context.values[(context.values["value_type"] == "actual") & context.values["value"].notna()]
        revisions = _revisions(context)
        for row in actuals.itertuples():
            if int(row.year) in by_series.get((row.indicator_id, row.series), {}):
                value = _as_printed_cell(row, float(row.value))
                said = revisions.get((int(row.indicator_id), _series_key(row.series), int(row.year)))
                # marked where the data-quality log says the published value replaces the printed one
                by_series[(row.indicator_id, row.series)][int(row.year)] = value if not said else Revised(
                    float(value), getattr(value, "shown", "") or fmt_number(float(value)), said)
        # the base value the report shows, where the plan prints none: a published value of the base year (the
        # 2010 value 1.7 of a plan without a baseline), or a later value standing in for the base year's
        for row in context.assessment.itertuples():
            if not is_missing(row.base_year) and not is_missing(row.base_value) and row.status != "qualitative":
                kept = by_series.setdefault((row.indicator_id, row.series), {})
                kept.setdefault(int(row.base_year), float(row.base_value))
                years.add(int(row.base_year))
    return sorted(years), by_series


def _series_key(series) -> str:
    return series if isinstance(series, str) else ""


def _revisions(context: ReportContext) -> dict[tuple, str]:
    """The baselines a published value revises, by (indicator, series, year): what the data-quality log says of each
    in the report's language (据…，2021年为 23,150人，方案印作 23,000人；…)."""
    quality = context.quality
    if quality is None or quality.empty or "issue" not in quality:
        return {}
    column = f"detail_{context.language}" if f"detail_{context.language}" in quality else "detail_en"
    revised = quality[quality["issue"].astype(str).str.startswith("observation_revises_baseline")]
    return {(int(row.indicator_id), _series_key(row.series), int(row.year)): str(getattr(row, column))
            for row in revised.itertuples() if not is_missing(row.year) and not is_missing(getattr(row, column))}


def _as_printed_cell(row, value: float, column: str = "value") -> float:
    """A plan's or publication's value with the digits it was printed with (2.40, 国3.0's 3.0: a :class:`Shown`),
    else the number itself."""
    text = getattr(row, "printed_text", "") if column == "value" else ""
    part = series_part(text if isinstance(text, str) else "", row.series)
    printed = fmt_printed(part, value) if part else ""
    return Shown(value, printed) if printed and printed != fmt_number(value) else value


def _gap(context: ReportContext, row):
    """The gap the report shows: the latest value's to the binding target, or a level held every year's in the year
    it was missed (its Years missed column names the year); empty when none is short, or without a verdict (insufficient
    data), as the report leaves it."""
    if row.status == "insufficient_data":
        return None
    if row.gap > 0:
        return _number(row.gap)
    missed = missed_gap(context, row)
    return _number(missed[0]) if missed else None


def _gap_year(context: ReportContext, row) -> int | None:
    """The year a level held every year missed, where the gap is that year's (:func:`_gap`: 0.5 in 2022 beside a
    latest 92 that meets 90); none where the gap is the latest value's."""
    if row.status == "insufficient_data" or row.gap > 0:
        return None
    missed = missed_gap(context, row)
    return int(missed[1]) if missed else None


def _number(value) -> float | None:
    return None if is_missing(value) else float(value)


def _whole(value) -> int | None:
    return None if is_missing(value) else int(value)


def _change(value, row) -> float | None:
    """A change per year as the report shows it: a count's about a whole number (11.67 → 12), a rank's places to one
    decimal (:func:`analysis.report.words.shown_change`)."""
    return None if is_missing(value) else shown_change(float(value), row)


def _needed(row) -> list:
    """The pace to the binding target, (%) and in the unit; empty where the report shows none: once the verdict is
    final (see :func:`_next`), the target met, or its year come without its value."""
    if row.status == "achieved" or target_year_past(row):
        return [None, None]
    return [_rate(row, row.required_cagr), _change(row.required_per_year, row)]


def _rate(row, cagr) -> Percent:
    """A growth rate a year needed, where the report gives one (:func:`~analysis.report.words.paired_pace`): none for
    a running total, whose rate a year is no pace of the plan's, nor for a share in %, which moves in percentage points
    (R&D intensity, 2.61 to 2.8: +0.19 points, never 7.3%): their amount a year alone, in the next column."""
    in_points = row.method != "compound" and is_percent(row) and row.kind != "rank"
    return Percent(None if running_total(row) or in_points else _number(cagr))


def _next(row, words, later: tuple[int, float] | None = None) -> list:
    """After a final verdict, the next target as the report gives it: its year, its value, and the pace to it (%) and
    in the unit where the report shows one (not for a level to hold every year, a yearly floor or one already met).
    A progress verdict whose target's year came without its value has the target still ahead instead (``later``,
    :func:`~analysis.report.words.later_target`), and its pace, as the card gives them (4 provincial at the mid-term:
    3.3 in 2024, +0.2 points a year)."""
    if later is not None and target_year_past(row) and row.status != "achieved":
        rates = later_rates(row, later)
        cagr, change = rates if rates is not None else (None, None)
        return [_whole(later[0]), ranked(row, later[1], words, "target"), _rate(row, cagr), _change(change, row)]
    if row.verdict != "final" or next_need(row) == "none":
        return [None] * 4
    pace = next_need(row) == "pace"
    next_year, next_value = following_target(row)
    return [_whole(next_year), ranked(row, next_value, words, "target"),
            _rate(row, row.next_required_cagr if pace else None),
            _change(row.next_required_per_year, row) if pace else None]


def _projected(row, words):
    """Where the pace seen leads by the binding target year, as the card gives it (a count whole, a rank no better
    than first); empty where the card shows none (:func:`~analysis.report.words.projection_shown`)."""
    if not projection_shown(row):
        return None
    return ranked(row, round_shown(projected_shown(row)), words)


def _seen(row) -> list:
    """The growth seen a year, (%) and in the unit: no percent for a series measured in points or places (a share, a
    rank: linear, as the report shows it), nothing for a yearly floor."""
    if row.method == "annual_floor" or row.status == "insufficient_data":  # a rate's drift is no growth; without a
        return [Percent(None), None]  # verdict, the printed baselines' pace is none either (as the card)
    rate = _number(row.observed_cagr) if row.method == "compound" else None
    return [Percent(rate), _change(row.observed_per_year, row)]


#: The columns of what a series needs a year: to its binding target, then, once that verdict is final, to the next.
NEEDED_COLUMNS = ("needed_rate", "needed_change", "next_year", "next_target", "next_needed_rate", "next_needed_change")


def scorecard_sheet(book, styles: Styles, inputs: ScorecardBook) -> None:
    """One row per indicator series: names, unit, baselines, latest value, targets, gap, growth, status."""
    headers, rows = scorecard_table(inputs)
    names = inputs.context.words["workbook.scorecard"]
    write_table(book.add_worksheet(inputs.context.words["workbook.sheets.scorecard"]), styles, headers, rows,
                named_by=3 if names["series"] in headers else 2)


def scorecard_table(inputs: ScorecardBook) -> tuple[list[str], list[list]]:
    """The scorecard sheet's headers and rows, without the pace columns empty in every row."""
    context = inputs.context
    words, language = context.words, context.language
    names = words["workbook.scorecard"]
    baseline_years, baselines = _series_values(context, "baseline")
    target_years, targets = _series_values(context, "target")
    upper_years, uppers = _series_values(context, "target", "upper")  # range targets' upper bounds, if any
    # the number, the short name and the series first: what each printed page repeats at its left (print_setup)
    headers = [names["id"], names["short_name"], names["series"], names["category"], names["name"], names["core"],
               names["unit"], names["operator"], *(names["baseline"].format(year=y) for y in baseline_years),
               names["latest"], names["latest_year"], *(names["target"].format(year=y) for y in target_years),
               *(names["target_upper"].format(year=y) for y in upper_years), names["binding_year"],
               names["gap"], names["gap_year"], *(names[key] for key in NEEDED_COLUMNS), names["seen_rate"],
               names["seen_change"],
               names["projected"], names["completion"], names["time_elapsed"], names["completion_rate"],
               names["missed_years"], names["promised_rate"], names["promised_from"], names["promised_seen"],
               names["promised_implied"], names["promised_base_from"], names["promised_base_seen"],
               names["promised_base_implied"], names["plan_period_from"], names["plan_period_rate"],
               names["plan_period_change"],
               names["status"], names["status_note"],
               *([official_header(context)] if context.status_words else [])]
    departments = f"lead_department_{language}" in context.indicators.columns  # a plan folder may name none
    if departments:
        headers.append(names["lead_department"])
    promised = prose_growth_checks(context)  # a growth the plan's text promises: the overview's check, as numbers
    rows = []
    for row in context.joined().itertuples():
        key = (row.indicator_id, row.series)
        numeric = row.status != "qualitative"
        figures = [None] * (len(target_years) + len(upper_years) + 28)  # a qualitative indicator has no numbers
        if numeric:
            figures = [ranked(row, row.latest_value, words), _whole(row.as_of_year),
                       *(ranked(row, targets.get(key, {}).get(y), words, "target") for y in target_years),
                       *(uppers.get(key, {}).get(y) for y in upper_years), _whole(row.target_year),
                       _gap(context, row), _gap_year(context, row), *_needed(row),
                       *_next(row, words, later_target(context, row)), *_seen(row),
                       _projected(row, words),
                       # without a verdict (insufficient data) no distance covered, as the card shows none
                       # the time elapsed beside the distance covered only, as the card shows the pair: alone it
                       # compares with nothing (a target not ahead of its base value has no distance)
                       *((Percent(None, 0), Percent(None, 0))
                         if row.status == "insufficient_data" or is_missing(row.completion) else
                         (Percent(_number(row.completion), 0), Percent(_number(row.time_elapsed), 0))),
                       Percent(_number(row.completion_rate)),
                       # a level to hold every year: the years it missed, which make it "not achieved" beside a
                       # completion rate of 100 % or more; one year a number, as a year is everywhere in the book
                       _missed(row, words), *_promised(promised.get(key)), *_plan_period(context, row)]
        rows.append([int(row.indicator_id), localized(row, "short_name", language), series_label(row.series, words),
                     localized(row, "category", language), localized(row, "name", language),
                     words["workbook.core_mark"] if row.core else "",
                     localized(row, "unit", language), words[f"operator.{operator(row)}"],
                     *(ranked(row, baselines.get(key, {}).get(y), words) for y in baseline_years),
                     *figures, status_cell(row, words),
                     qualitative_state(context, row, "scorecard") if not numeric else
                     scorecard_note(context, row),
                     *([Official(row.official_status, official_text(row, context))] if context.status_words else []),
                     *([getattr(row, f"lead_department_{language}")] if departments else [])])
    first = headers.index(names[NEEDED_COLUMNS[0]])
    note = headers.index(names["status_note"])  # none in any row (every verdict final on a current value): left out
    # and what a plan never has: a second series, core indicators, a level to hold every year, its departments
    optional = [headers.index(names[key]) for key in ("series", "core", "gap_year", "missed_years", "lead_department",
                                                      "projected", "promised_rate", "promised_seen", "promised_from",
                                                      "promised_implied", "promised_base_from", "promised_base_seen",
                                                      "promised_base_implied", "plan_period_from", "plan_period_rate",
                                                      "plan_period_change")
                if names[key] in headers]
    return _without_empty(headers, [[cell or None if column == note else cell for column, cell in enumerate(row)]
                                    for row in rows], [*range(first, first + len(NEEDED_COLUMNS)), note, *optional])


def _promised(check) -> list:
    """A growth the plan's text promises (10%), the growth seen against it (5.9%), the year that is counted from
    and what the table's target implies a year from it (6.4%), as the overview gives them (one decimal); then the
    same from the table's first baseline where the overview names it too (from 2020: 9.6% seen, 9.9% implied); empty
    for a series the text promises nothing."""
    if check is None:
        return [None] * 7
    promised, seen, first, implied, base_year, base_seen, base_implied = check
    # the requirement with the digits the plan's text gives it, as the overview quotes it ("10% 以上", not 10.0%)
    shown = fmt_number(promised)
    required = Percent(promised / 100, len(shown.split(".", 1)[1]) if "." in shown else 0)
    return [required, *_start(seen, first, implied), *_start(base_seen, base_year, base_implied)]


def _start(seen, first, implied) -> list:
    """One start of a growth the plan's text promises: the year, the growth seen from it and what the table's target
    implies from it, one decimal as the overview gives them."""
    return [_whole(first), Percent(seen, 1) if seen is not None else None,
            Percent(implied, 1) if implied is not None else None]


def _plan_period(context: ReportContext, row) -> list:
    """The growth seen a year over the plan period, from the year before its first year, where the report gives it
    beside the growth since the base year: where the two differ materially (:func:`~analysis.report.words.
    plan_period_pace`: 10 in 2024, +14.6% since 2021 beside +21.0% since 2020), and for a rise in the plan period
    faster than the growth from the base year, the year before the plan period on the far side of the baseline, as
    the status note gives it ("1.9% in 2021, below the baseline; +0.45 pp a year since"): that year and the pace
    since, (%) and in the unit as the report shows them; empty for any other series."""
    move = plan_period_move(context, row)
    if move is not None and move[0] in ("dip", "dip_fell"):
        fields = move[1]
        return [_whole(fields["since_year"]), _rate(row, fields["since_cagr"]), _change(fields["since_per_year"], row)]
    if plan_period_pace(row):
        return [_whole(row.since_year), _rate(row, row.since_cagr if row.method == "compound" else None),
                _change(row.since_per_year, row)]
    return [None, None, None]


def _without_empty(headers: list[str], rows: list[list], columns) -> tuple[list[str], list[list]]:
    """The table without those of ``columns`` that are empty in every row: a mid-term's pace to its binding target,
    whose year has come (the pace is to the next target), a final evaluation's every pace. A table without rows keeps
    its headers."""
    empty = {column for column in columns if rows and all(row[column] is None or row[column] == "" or (
        isinstance(row[column], Percent) and row[column].value is None) for row in rows)}
    keep = [column for column in range(len(headers)) if column not in empty]
    return [headers[column] for column in keep], [[row[column] for column in keep] for row in rows]


def _missed(row, words):
    """The years a level to hold every year missed: one as a whole number (2022), several as text (2022、2023)."""
    years = missed_years(row)
    if len(years) == 1:
        return int(years[0])
    return words["grammar.comma"].join(years)


def warnings_sheet(book, styles: Styles, inputs: ScorecardBook) -> None:
    """The warning list (预警清单): the lagging series by lead department, red before amber, as in the report."""
    context = inputs.context
    words, language = context.words, context.language
    names, columns = words["workbook.warnings"], words["workbook.scorecard"]
    rows, listed = [], list(listed_series(context).itertuples())
    # the report's words for the need headed by their kind: a growth, a level to reach, both (每年所需（报告表述）)
    needed = names["needed" + needed_kind(listed, words, None)]
    for row in listed:
        # the latest value with its year, as the report's list gives it; the target a number, its form in a column of
        # its own, as the scorecard sheet's (每年≥ for a level held every year: the report's "≥5%（每年）"), never a
        # word among the target years; a level missed in an earlier year has its gap dated by the year missed
        rows.append([localized(row, "lead_department", language) or words["warnings.no_department"],
                     Warning(row.level, level_word(context, row)), int(row.indicator_id),
                     series_label(row.series, words), localized(row, "short_name", language),
                     localized(row, "unit", language), status_cell(row, words),
                     # with the level read from targets the table prints bare, as the report's list says it
                     words.join([note for note in (scorecard_note(context, row), bare_reading(context, row)) if note])
                     or None, ranked(row, row.latest_value, words), _whole(row.as_of_year),
                     ranked(row, row.target_value, words, "target"), words[f"operator.{operator(row)}"],
                     _whole(row.target_year),
                     _gap(context, row), _gap_year(context, row),
                     *_needed(row), *_next(row, words, later_target(context, row)), *_seen(row),
                     pace_text(row, words, later=later_target(context, row))])
    # the unit beside the name, as on the scorecard sheet: 158 and 2 read as 亿元, 2.7 and 0.1 as % and points
    level = "level_final" if final_list(context) else "level"  # the outcome, no warning, at a final evaluation
    headers = [*(names[key] for key in ("department", level, "id", "series", "indicator")), columns["unit"],
               *(names[key] for key in ("status", "status_note", "latest", "latest_year", "target")),
               columns["operator"], *(names[key] for key in ("target_year", "gap", "gap_year")),
               *(columns[key] for key in (*NEEDED_COLUMNS, "seen_rate", "seen_change")), needed]
    # the report's words for the pace last, left out with the numbers where the report leaves its column out (a
    # final evaluation: all "—")
    pace = range(15, 15 + len(NEEDED_COLUMNS))
    if all(row[-1] == MISSING for row in rows):
        rows = [row[:-1] + [None] for row in rows]
    # 3: a plan of one series each; 14: no level held every year missed in an earlier year
    headers, rows = _without_empty(headers, rows, [3, 7, 14, *pace, len(headers) - 1])
    sheet = book.add_worksheet(words["workbook.sheets_final.warnings" if final_list(context)
                                     else "workbook.sheets.warnings"])
    if not rows:  # an empty list says why, as the report does: never a sheet of headers read as "no problem", nor
        # the sentence in a data row under "Lead department"
        write_sentence(sheet, styles, warnings_intro(context, []))
        return
    write_table(sheet, styles, headers, rows, wide=(len(headers) - 1,) if headers[-1] == needed else ())


def changes_sheet(book, styles: Styles, inputs: ScorecardBook) -> None:
    """The change since the previous report year (the report's section 3.2): each series' status then and now, the
    change and what changed besides the series; no sheet in the first report year, which has nothing to compare."""
    context = inputs.context
    words = context.words
    previous, changes = change_rows(context)
    if previous is None:
        return
    names = words["workbook.changes"]
    headers = [names["id"], names["indicator"], names["then"].format(year=previous),
               names["now"].format(year=context.report_year), names["change"], names["reason"]]
    rows = [[int(row.indicator_id), row.name, Status(row.status_then, row.status_then_text),
             Status(row.status_now, row.status_now_text), row.change_text, words.join(row.note_parts) or None]
            for row in changes]  # every basis in its row, the one most share too: a sheet's rows are read one by one
    headers, rows = _without_empty(headers, rows, [5])
    sheet = book.add_worksheet(words.text(f"workbook.sheets.changes.{earlier_kind(context, previous)}", year=previous))
    write_table(sheet, styles, headers, rows)


def _date(text: str) -> datetime.date | str:
    """An ISO date (2026-12-04) as a date; anything else (none given) as it is."""
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text


def quality_sheet(book, styles: Styles, inputs: ScorecardBook) -> None:
    """The data-quality log as the report's appendix lists it."""
    context = inputs.context
    words, language = context.words, context.language
    names = words["tables.quality"]
    quality = context.quality[context.quality["issue"] != "prose_agrees"]
    outline = plan_outline_of(context)
    rows = [[finding_label(words, row), int(row.indicator_id) if row.indicator_id else None,
             _whole(row.year), finding_detail(words, row.issue, getattr(row, f"detail_{language}")),
             finding_place(context, outline, row.source, row.source_line, row.issue, row.source_sheet)]
            for row in quality.itertuples()]
    sheet = book.add_worksheet(words["workbook.sheets.quality"])
    write_table(sheet, styles, [names["issue"], names["id"], names["year"], names["detail"], names["where"]], rows,
                wide=(3,))


def actuals_sheet(book, styles: Styles, inputs: ScorecardBook) -> None:
    """Every actual value the report uses, with its source, note, and the file and line it was read from."""
    context = inputs.context
    words, language = context.words, context.language
    names = words["workbook.actuals"]
    values = context.values
    actual = values[(values["value_type"] == "actual") & (values["year"] <= context.report_year)]
    indicators = {(r.indicator_id, r.series): r for r in context.indicators.itertuples()}
    rows = []
    # each value with the digits the report shows it with (3.0 in a series whose target the plan prints 3.0)
    for row, shown in zip(actual.itertuples(), actuals_shown(actual, context.joined())):
        meta = indicators[(row.indicator_id, row.series)]
        rows.append([int(row.indicator_id), series_label(row.series, words),
                     localized(meta, "short_name", language), int(row.year),
                     Shown(float(row.value), shown) if shown != fmt_number(row.value) else float(row.value),
                     localized(meta, "unit", language), reference_in(row, language), note_in(row, language),
                     file_place(words, row.source, row.source_line, row.source_sheet)])
    headers = [names[key] for key in ("id", "series", "indicator", "year", "value", "unit", "source", "note", "file")]
    headers, rows = _without_empty(headers, rows, [1])  # a plan of one series an indicator: no series column
    sheet = book.add_worksheet(words["workbook.sheets.actuals"])
    write_table(sheet, styles, headers, rows, wide=tuple(headers.index(names[key]) for key in ("source", "note")))


#: The workbook's sheets, in order: a function each, given the workbook, its formats and what it is made from.
SHEETS: tuple[Callable[..., None], ...] = (summary_sheet, front_sheet, scorecard_sheet, warnings_sheet, changes_sheet,
                                           quality_sheet, actuals_sheet)


def scorecard_bytes(inputs: ScorecardBook) -> bytes:
    """The workbook's bytes: the same for the same inputs and generated date."""
    import xlsxwriter  # loaded only when a workbook is written

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    created = datetime.datetime.combine(datetime.date.fromisoformat(inputs.generated), datetime.time())
    book.set_properties({"title": title(inputs.context), "created": created})
    styles = Styles(book)
    for sheet in SHEETS:
        sheet(book, styles, inputs)
    book.close()
    return buffer.getvalue()


def write_scorecard(inputs: ScorecardBook, folder: Path) -> Path:
    """Write ``folder/scorecard.xlsx`` atomically; returns its path."""
    path = Path(folder) / FILE_NAME
    write_bytes_atomic(path, scorecard_bytes(inputs))
    return path
