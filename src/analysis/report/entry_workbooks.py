"""The departments' data-entry workbooks (数据报送表): one per lead department, filled and read back as observations.

Each workbook lists the numeric indicator series its department leads, one input row per series for the year asked,
after a row for each earlier year of the plan period the series has no value for yet, its years in order (2022,
2023, 2024; the earlier rows' reference cells recorded under :func:`~analysis.ingest.xlsx_reader.dated_key`, so that
such a row is read back as that year's). Its one sheet holds, from the top: a title, what to do, a row of labels in
the workbook's language, and the header row the observation reader looks for (``indicator_id, series, year, value,
source, source_en, note, confirm, published, preliminary``: the columns of an observation CSV file).
``indicator_id``, ``series`` and ``year`` are filled in and locked; the others are the yellow input cells
(``source_en``: the source's English name, for the English edition), the only unlocked ones (the sheet is protected
without a password, so nobody types over the ids by accident). ``value`` is validated as a decimal in the range the
plausibility checks let pass (:func:`shown_range`: :func:`analysis.clean.plausibility.plausible_range` rounded to
the series' printed decimals), with a warning, not a refusal: a right value far off its series is kept with a reason
in ``confirm``. Right of an empty column sit the reference columns (name, unit, latest known value, the value
already received for the row's year, targets, plausible range); the reader stops at the empty header cell, so they
are never read back. Printed (A4 landscape), a sheet too wide for one page is two print areas, each one page wide:
the title, the instructions, the input columns and each row's name; then, from the labels down, the columns that name
a row, repeated, beside the name and the other reference columns (:func:`printed_pages`).

A second sheet takes the department's words (:mod:`analysis.ingest.department_words`): one row for
each key task it leads (progress this year, a self-rating from a list), one for each of its
qualitative indicators (likewise: a qualitative indicator has no value to send) and one for each of its
indicators with a warning (the reasons, the next measures). Its header row starts with ``item``;
``item``, ``id``, ``series`` and ``year`` are filled in and locked, and only the cells a row takes are
input cells. A department that leads tasks but no numeric indicator gets a workbook of words only. The
workbook records the department (its Chinese name, as the plan writes it) and its language.

Without department columns in the indicators (a plan folder without ``departments.csv``) every
series goes into one workbook.
"""
from __future__ import annotations

import datetime
import io
import math
import re
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from ..catalog import Catalog
from ..clean.plan_import import FALL_NAME
from ..clean.plausibility import MAX_SHARE_POINTS_PER_YEAR, Point, implausible, impossible, plausible_range
from ..ingest.csv_reader import MAX_MAGNITUDE
from ..ingest.department_words import (
    DEPARTMENT_PROPERTY,
    LANGUAGE_PROPERTY,
    WORDS_FILLED,
    WORDS_OPTIONAL_PROPERTY,
    WORDS_REQUIRED,
    words_row_key,
    words_rows_properties,
    words_shown_properties,
)
from ..ingest.observations import REQUIRED_COLUMNS, WORKBOOK_OPTIONAL_COLUMNS
from ..ingest.printed_table import series_part
from ..ingest.xlsx_reader import (
    PLAN_PROPERTY,
    SHEET_PROPERTY,
    YEAR_PROPERTY,
    dated_key,
    reference_digest,
    reference_key,
    reference_properties,
    reference_shown_properties,
    sheet_reference,
)
from ..numbers import fmt_printed, half_up
from ..vocabulary import HELD_EVERY_YEAR, RATINGS
from .numbers import fmt_number, shown_decimals
from .scorecard_workbook import LINE_HEIGHT, WORKBOOK_OPTIONS, Shown, Styles, display_width, lines_needed
from .words import localized, series_label

INPUT_COLUMNS = [*REQUIRED_COLUMNS, *WORKBOOK_OPTIONAL_COLUMNS]
FILLED_IN = ("indicator_id", "series", "year")
HEADER_ROW = 3  # zero-based: title, instructions, labels, then the header row the reader finds
INPUT_COLOUR = "#fff9c4"
#: The row of column names the reader finds (indicator_id, …), kept as it is but out of the way: its font size in
#: points and its height.
SYSTEM_FONT_SIZE = 8
SYSTEM_ROW_HEIGHT = 12
#: The width of each column of the words sheet, in characters: what names a row (kind, id, series, year), the inputs
#: (progress, rating, reasons, measures), the empty column, the name and assessment. Narrow enough that a row's
#: ids, its inputs and its name stand together on a laptop's screen (1366 pixels, at 7 a character and 5 a cell's
#: padding: A–J 1,212 pixels; before: 1,590, the name in J off the screen, beside the input cell only "1.1").
WORDS_WIDTHS = (10, 6, 6, 6, 36, 10, 30, 30, 2, 30, 30)
#: The width of each input column of the values sheet, in characters: narrow, the rarely used ones (the source's
#: English name, the reason a value far off is right, the publication date, the preliminary flag) narrowest, so that
#: on a laptop's screen (1366 pixels) the row's ids and value, frozen, its other inputs, and right of them its name,
#: series, unit and latest value stand together (A–O 1,251 pixels); the targets and range a scroll away, the ids and
#: value staying. A label wider than its column wraps in its row of labels, as high as the longest needs; the
#: publication date's wide enough that its example's date stands whole on a line of its label (发布日期（如 /
#: 2025-02-28）, never 2025-02- / 28).
INPUT_WIDTHS = {"indicator_id": 6, "series": 8, "year": 6, "value": 12, "source": 17, "source_en": 10, "note": 12,
                "confirm": 12, "published": 13, "preliminary": 10}
#: The title's size, in points, and the height of each of its lines.
TITLE_SIZE = 14
TITLE_HEIGHT = 22
#: The width of the empty column the reader stops at, in characters.
EMPTY_WIDTH = 2
#: The width of the indicator's name on the values sheet, in characters: a longer name wraps, its row made as high as
#: it needs.
NAME_WIDTH = 28
#: The widest a reference column is, in characters (a wider label wraps): the name, series, unit, latest value, the
#: value on file, targets and range, scrolled to beside the frozen ids and value, stand on the screen together.
REFERENCE_WIDTH = 16
#: One printed page's width (A4 landscape, 0.7-inch margins: 10.29 inches) in pixels at 96 an inch, a column
#: being 7 a character and 5 of padding wide.
PRINTED_PIXELS = 987
#: What a file name must not hold on any system: path separators, characters Windows refuses, controls,
#: bidi controls (they would show the name reversed).
UNSAFE_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')
WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)
MAX_FILE_STEM = 100
#: xlsxwriter's (and Excel's) limits on a validation's input message and title.
MAX_INPUT_MESSAGE = 255
MAX_INPUT_TITLE = 32
#: The longest name a cell's prompt repeats before what it says of the row.
MAX_PROMPT_NAME = 110
#: The least of a name a prompt keeps where what it says of the row is long: cut shorter, it would name nothing.
MIN_PROMPT_NAME = 30


class Held(Shown):
    """A level to hold every year (≥90, ≤5): its number, shown with its sign by the cell's number format ('"≥"0'), so
    that the cell holds a number, as the other targets' cells do."""

    sign: str

    def __new__(cls, value: float, shown: str, sign: str):
        number = super().__new__(cls, value, shown)
        number.sign = sign
        return number


#: The sign of each level held every year, as a target's cell shows it before the number.
HELD_SIGNS = {"at_least": "≥", "at_most": "≤"}


@dataclass(frozen=True)
class EntrySeries:
    """One input row: a series, what the department sees of it, and the range its value should lie in."""

    indicator_id: int
    series: str
    name: str
    series_label: str
    unit: str
    latest: float | None
    latest_year: int | None
    targets: dict[int, float | str]  # a range target as its bounds: 2.3–2.6
    low: float
    high: float
    on_file: float | None = None  # a value for the year asked already known (sent before, or published)
    decimals: int | None = None  # the decimals its values are printed with, which its range is shown with
    year: int | None = None  # an earlier year of the plan period it asks for, with no value yet; None: the workbook's
    sign: str = ""  # a rate of change's sign convention (a fall as a positive number), in the workbook's language


@dataclass(frozen=True)
class EntryTask:
    """A key task a department leads: its id (1.2) and title, for a row of the words sheet."""

    task_id: str
    title: str


@dataclass(frozen=True)
class EntryExplanation:
    """An indicator series, for a row of the words sheet: why it lags, which the department explains (must, with a
    warning; else if the year's value falls behind)."""

    indicator_id: int
    series: str
    name: str
    status: str  # the warning and the status, in the workbook's language
    warned: bool = True  # its words asked for; else only if the year's value falls behind


@dataclass(frozen=True)
class EntryWorkbook:
    """One department's workbook for ``year``: its file name, its words, its series, and the rows of its words
    sheet (the tasks it leads, its indicators with a warning). ``department_key``: the department's name as the
    plan writes it (Chinese), which the workbook records."""

    department: str
    file_stem: str
    year: int
    plan_title: str
    words: Catalog
    target_years: tuple[int, ...]
    series: tuple[EntrySeries, ...]
    department_key: str = ""
    tasks: tuple[EntryTask, ...] = ()
    explanations: tuple[EntryExplanation, ...] = ()
    qualitative: tuple[EntryExplanation, ...] = ()  # its qualitative indicators: progress and a self-rating
    plan_name: str = ""  # the plan's folder-safe id, which the workbook records


def clipped(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters: whole, or cut at a space when one is near the end, and ended with "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 3 // 4 else cut).rstrip(" ,;:，；：、") + "…"


def fitted(message, name: str) -> str:
    """``message(name)`` within :data:`MAX_INPUT_MESSAGE`, the most Excel shows of a prompt: the name cut to the room
    the rest leaves (at most :data:`MAX_PROMPT_NAME`, at least :data:`MIN_PROMPT_NAME`), so that what the prompt
    says of the row (its assessment, what to give; its range) is whole, the name standing whole in the row's own
    cell (before: cut at "…give the…")."""
    room = MAX_INPUT_MESSAGE - len(message(""))
    return clipped(message(clipped(name, max(MIN_PROMPT_NAME, min(MAX_PROMPT_NAME, room)))), MAX_INPUT_MESSAGE)


def page_footer(words: Catalog, title: str) -> str:
    """The foot of each printed page: the sheet's title and the page's number of how many (a second page, of the
    reference columns, has no title row of its own), within the 255 characters Excel keeps of a footer; an ``&`` of
    the title printed as it is, never read as a code of the footer's."""
    room = MAX_INPUT_MESSAGE - len(words.text("entry.footer", title=""))
    limit = room
    while limit > 1 and len(clipped(title, limit).replace("&", "&&")) > room:  # each "&" doubled
        limit -= 1
    return words.text("entry.footer", title=clipped(title, limit).replace("&", "&&"))


def safe_file_stem(name: str, fallback: str) -> str:
    """``name`` as a file name on any system: no path separator, control or reserved character, not too long."""
    stem = UNSAFE_IN_FILE_NAMES.sub("_", name).strip(" .")[:MAX_FILE_STEM].strip(" .")
    if not stem or WINDOWS_RESERVED.fullmatch(stem) or stem.startswith(("~$", ".")):
        return fallback
    return stem


def _on_file(values: pd.DataFrame, year: int) -> float | None:
    """The value for ``year`` already known (the last of its actual values), None when there is none."""
    known = values[(values["value_type"] == "actual") & (values["year"] == year)]
    return None if known.empty else float(known["value"].iloc[-1])


def _latest(values: pd.DataFrame, year: int) -> tuple[float | None, int | None]:
    """The latest value before ``year`` (an actual value over the printed baseline of the same year)."""
    known = values[values["value_type"].isin(("baseline", "actual")) & (values["year"] < year)]
    if known.empty:
        return None, None
    known = known.assign(order=known["value_type"].map({"baseline": 0, "actual": 1}))
    last = known.sort_values(["year", "order"], kind="stable").iloc[-1]
    return _as_shown(last["value"], last.get("printed_text"), last["series"]), int(last["year"])


def _as_shown(value, printed, series: str) -> float:
    """``value`` with the digits it was printed with (the plan's 2.40, 国3.0: 2.40 and 3.0, as the report shows them),
    where a printed form is known."""
    part = series_part(printed, series) if isinstance(printed, str) else ""
    return Shown(float(value), fmt_printed(part, value)) if part else float(value)


def printed_decimals(value) -> int:
    """The decimals a series' values are printed with: its latest value's, as the plan printed it (2.40: two), else
    as the report shows it (67.13: two, 86: none)."""
    shown = getattr(value, "shown", "") or fmt_number(value)
    return len(shown.split(".", 1)[1]) if "." in shown else 0


def shown_range(kind: str, latest: float | None, latest_year: int | None, year: int) -> tuple[float, float, int]:
    """The plausible range a value for ``year`` is validated with and its decimals: the range the checks let pass
    (:func:`~analysis.clean.plausibility.plausible_range`), each bound rounded to the decimals the series is printed
    with (2.4 printed 2.40: 0.34 – 16.80, never 0.343 – 16.79; a whole-number series' bounds whole, 86: 29 – 258), and
    moved one step inward where the rounded bound is a value the checks refuse, so that the cell lets pass nothing
    they refuse. No limit is added: where the checks set none (a rate of change: −10 to 100), none is shown; a rate of
    change's limits are the checks' own, whole whatever the latest value's decimals (3.41: −10 to 100, never
    −10.00)."""
    years = year - latest_year if latest_year else 1
    low, high = plausible_range(kind, latest, years)
    decimals = 0 if kind in ("count", "rate_of_change") or latest is None else printed_decimals(latest)
    if latest is None or not latest > 0:
        return low, high, decimals
    previous = Point(latest_year, float(latest), "-", True)

    def passes(value: float) -> bool:
        return impossible(value, kind) is None and implausible(value, year, previous, kind) is None

    def bound(value: float, inward: int, places: int) -> float:
        if abs(value) >= MAX_MAGNITUDE:
            return value
        rounded = float(half_up(value, places))
        for _ in range(3):
            if passes(rounded):
                break
            rounded = float(half_up(rounded + inward / 10 ** places, places))
        return rounded

    for places in range(decimals, decimals + 4):  # a finer step where the printed one leaves no room
        shown_low, shown_high = bound(low, 1, places), bound(high, -1, places)
        if shown_low <= float(latest) <= shown_high and passes(shown_low) and passes(shown_high):
            return shown_low, shown_high, places
    return low, high, shown_decimals(latest)


def entry_workbooks(indicators: pd.DataFrame, values: pd.DataFrame, year: int, words: Catalog,
                    plan_title: str, tasks: list[tuple[str, str, str]] | None = None,
                    lagging: dict[tuple, str] | None = None,
                    department_names: dict[str, str] | None = None,
                    unwarned: dict[tuple, str] | None = None, asks_words: bool = True,
                    plan_name: str = "", first_year: int | None = None) -> list[EntryWorkbook]:
    """The workbooks to write for ``year``: one per lead department (in the order the indicators name them, then
    the departments that lead only tasks). ``tasks``: (lead department as printed, task id, title) of the plan's
    key tasks; ``lagging``: the status text of each series with a warning, by (indicator id, series), which its
    department must explain; ``first_year``: the plan period's first year, from which each earlier year a series has
    no value for yet gets a row of its own before the year's; ``unwarned``: the status of the others assessed, which it
    explains if the year's value
    falls behind (a row for every series it leads: a lag its own value shows is explained in the same workbook);
    ``department_names``: the English name of each department, for a workbook in English. Without ``asks_words``
    (a year after the plan's last report: no report asks what was done), values only, and no workbook for a
    department that leads no series."""
    language = words.language
    tasks, lagging, department_names = tasks or [], lagging or {}, department_names or {}
    unwarned = unwarned or {}
    numeric = indicators[indicators["kind"] != "qualitative"]
    everything = words["entry.all_departments"]
    named = "lead_department_zh" in indicators.columns
    has_departments = named and bool((indicators["lead_department_zh"].str.strip() != "").any())
    every_key = indicators["lead_department_zh"].str.strip() if has_departments else \
        pd.Series("", index=indicators.index)
    keys = every_key[numeric.index]
    # a qualitative indicator has no value to send: its department writes what was done and rates it
    qualitative = indicators[indicators["kind"] == "qualitative"].drop_duplicates("indicator_id")
    order = list(dict.fromkeys([*keys, *every_key[qualitative.index]]))
    # A department the plan writes two ways (市市场监督管理局, 市市场监管局) is one department where the plan folder
    # gives both names the same English name: its tasks go into the workbook of the name met first.
    same = {}
    for lead in dict.fromkeys(lead for lead, _, _ in tasks):
        english = department_names.get(lead)
        same[lead] = next((key for key in order if english and department_names.get(key) == english), lead)
        if has_departments and same[lead] not in order:
            order.append(same[lead])
    target_years = tuple(sorted(int(y) for y in values.loc[values["value_type"] == "target", "year"].unique()))
    by_series = {key: group for key, group in values.groupby(["indicator_id", "series"], sort=False)}
    workbooks, stems = [], set()
    for number, key in enumerate(order, 1):
        rows, explanations, others = [], [], []
        for meta in numeric[keys == key].itertuples():
            series_values = by_series.get((meta.indicator_id, meta.series), values.iloc[0:0])
            targets = {int(r.year): _target_cell(words, r, meta) for r in series_values.itertuples()
                       if r.value_type == "target"}
            # a row for each earlier year of the plan period with no value yet (2022 and 2023 of a 2024 workbook),
            # then the year's: the series' years in order, as a yearbook lists them; a value of each is what the report
            # judges a level held every year (17, 18) on
            missing = [asked for asked in range(first_year or year, year) if _on_file(series_values, asked) is None]
            sign = _sign_convention(words, meta)
            for asked in [*missing, year]:
                latest, latest_year = _latest(series_values, asked)
                # whole firms, persons, bases: 7,667 – 69,000, never 7,666.67; a share printed 2.40: 0.34 – 16.80
                low, high, decimals = shown_range(meta.kind, latest, latest_year, asked)
                rows.append(EntrySeries(
                    int(meta.indicator_id), meta.series, localized(meta, "name", language),
                    series_label(meta.series, words), localized(meta, "unit", language), latest, latest_year, targets,
                    low, high, _on_file(series_values, asked), decimals, asked if asked != year else None, sign))
            status = lagging.get((int(meta.indicator_id), meta.series))
            if status:  # the warned first, which must be explained; then the others, explained if they fall behind
                explanations.append(EntryExplanation(int(meta.indicator_id), meta.series,
                                                     localized(meta, "name", language), status))
            else:
                others.append(EntryExplanation(int(meta.indicator_id), meta.series, localized(meta, "name", language),
                                               unwarned.get((int(meta.indicator_id), meta.series))
                                               or words.text("entry.words.unjudged", year=year), warned=False))
        explanations += others
        own_tasks = tuple(EntryTask(task_id, title) for lead, task_id, title in tasks if same[lead] == key or not key)
        own_qualitative = tuple(EntryExplanation(int(meta.indicator_id), "", localized(meta, "name", language),
                                                 words["entry.words.qualitative"])
                                for meta in qualitative[every_key[qualitative.index] == key].itertuples())
        if not key:
            department = everything
        elif language == "zh":
            department = key
        else:
            department = department_names.get(key) or key
        stem = safe_file_stem(department, f"department-{number}")
        while stem in stems:  # two names the same once made safe
            stem = f"{stem}-{number}"
        stems.add(stem)
        if not asks_words:
            own_tasks, explanations, own_qualitative = (), [], ()
            if not rows:
                continue
        workbooks.append(EntryWorkbook(department, stem, year, plan_title, words, target_years, tuple(rows), key,
                                       own_tasks, tuple(explanations), own_qualitative, plan_name))
    return workbooks


def entry_workbook_bytes(entry: EntryWorkbook, created: datetime.date) -> bytes:
    """The workbook's bytes (the same for the same inputs and date)."""
    import xlsxwriter  # loaded only when a workbook is written

    words = entry.words
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    title = words.text("entry.title", department=entry.department, year=entry.year, plan_title=entry.plan_title) \
        if _has_values_sheet(entry) else _words_title(entry)
    book.set_properties({"title": title, "created": datetime.datetime.combine(created, datetime.time())})
    book.set_custom_property(YEAR_PROPERTY, entry.year)  # what the reader compares the rows' years with
    # on this sheet (a tab added later: its own): the values sheet, or the words sheet of a workbook of words only
    book.set_custom_property(SHEET_PROPERTY, words["entry.sheet" if _has_values_sheet(entry) else "entry.words.sheet"])
    book.set_custom_property(LANGUAGE_PROPERTY, words.language)  # the language its messages speak
    if entry.plan_name:
        book.set_custom_property(PLAN_PROPERTY, entry.plan_name)  # the plan it belongs to
    if entry.department_key:
        book.set_custom_property(DEPARTMENT_PROPERTY, entry.department_key)  # who sent it back
    asks_words = bool(entry.tasks or entry.explanations or entry.qualitative)
    if _has_values_sheet(entry):
        _values_sheet(book, entry)
        # each row's reference cells as written: a cell changed there (nothing in it is read) is told on the way back
        digests = {_row_key(row): reference_digest(_reference_cells(entry, row)) for row in entry.series}
        for name, text in reference_properties(digests).items():
            book.set_custom_property(name, text)
        # and what each cell holds: one typed over is told with what to put back
        cells = {_row_key(row): _reference_cells(entry, row) for row in entry.series}
        for name, value in reference_shown_properties(cells).items():
            book.set_custom_property(name, value)
    if asks_words:
        shown = _words_sheet(book, entry)
        # the rows it lists, by their keys: a locked id changed to another department's task is refused on the way back
        keys = [words_row_key("task", task.task_id, "") for task in entry.tasks]
        keys += [words_row_key("indicator", str(item.indicator_id), "") for item in entry.qualitative]
        keys += [words_row_key("indicator", str(item.indicator_id), item.series or "") for item in entry.explanations]
        # and what each row's grey cells say (its name, its assessment): one typed over is refused, naming it; and the
        # rows whose words are asked for only if the year's value falls behind: "无" there is told to be left out
        optional = [words_row_key("indicator", str(item.indicator_id), item.series or "")
                    for item in entry.explanations if not item.warned]
        for name, text in {**words_rows_properties(keys), **words_shown_properties(dict(zip(keys, shown))),
                           **words_rows_properties(optional, WORDS_OPTIONAL_PROPERTY)}.items():
            book.set_custom_property(name, text)
    book.close()
    return buffer.getvalue()


def _row_key(row: EntrySeries) -> str:
    """A row's key among the reference cells the workbook records: its indicator and series (1/, 4/国家级), and for a
    row of an earlier year its year (1/@2022)."""
    key = reference_key(row.indicator_id, row.series_label if row.series else None)
    return dated_key(key, row.year) if row.year else key


def _values_sheet(book, entry: EntryWorkbook) -> None:
    """The sheet of values: one input row per series the department leads."""
    words = entry.words
    title = words.text("entry.title", department=entry.department, year=entry.year, plan_title=entry.plan_title)
    sheet = book.add_worksheet(words["entry.sheet"])
    bold = book.add_format({"bold": True, "font_size": TITLE_SIZE, "text_wrap": True, "valign": "top"})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    label = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#e8eaed", "border": 1})
    # the row of column names the reader finds, small and grey: the labels above it are what a person reads
    header = book.add_format({"font_size": SYSTEM_FONT_SIZE, "font_color": "#5f6368", "border": 1})
    # every cell of a row at its top, as its name (a name of three lines: its ids, unit and numbers on its first line,
    # never on its last, beside the next row's name)
    locked = book.add_format({"border": 1, "bg_color": "#f1f3f4", "valign": "top"})
    locked_number = book.add_format({"border": 1, "bg_color": "#f1f3f4", "num_format": "0", "align": "left",
                                     "valign": "top"})
    unlocked = book.add_format({"locked": False, "border": 1, "bg_color": INPUT_COLOUR, "text_wrap": True,
                                "valign": "top"})
    reference = book.add_format({"font_color": "#3c4043", "valign": "top"})
    # the name and a unit wrapped (10,000 yuan per person: never cut at "10,000 yuan p")
    named = book.add_format({"font_color": "#3c4043", "text_wrap": True, "valign": "top"})
    # the plausible range indented: beside a target's value (2.8) it never reads "2.80 – 12.61"
    indented = book.add_format({"font_color": "#3c4043", "indent": 1, "valign": "top"})
    system = book.add_format({"italic": True, "font_size": SYSTEM_FONT_SIZE, "font_color": "#5f6368"})
    styles = Styles(book)

    # what the range is: the same for each year asked, but a share's, which may move so many points a year
    instructions = words.text("entry.instructions", year=entry.year, points=fmt_number(MAX_SHARE_POINTS_PER_YEAR))
    earlier = sorted({row.year for row in entry.series if row.year})
    if earlier:  # the rows of earlier years of the plan period with no value yet, said
        instructions += words.text("entry.earlier_years", years=words.join_and(earlier), year=entry.year)
    references = _reference_headers(entry)
    first_reference = len(INPUT_COLUMNS) + 1  # one empty column: the reader stops at an empty header cell
    widths = [INPUT_WIDTHS[name] for name in INPUT_COLUMNS] + [EMPTY_WIDTH]
    widths += [min(max(display_width(h) + 2, 10), REFERENCE_WIDTH) for h in references]
    widths[first_reference] = NAME_WIDTH  # the indicator's name
    widths[first_reference + 1] = 10  # its series (国家级), the label saying it is B's wrapped: the name, series, unit
    # and latest value on a laptop's screen beside the inputs
    widths[-1] = 22  # the plausible range
    _write_instructions(sheet, widths, len(INPUT_COLUMNS), (title, bold), (instructions, wrapped))
    for column, name in enumerate(INPUT_COLUMNS):
        # a publication date's example after the year asked (2024's values are published in 2025)
        sheet.write_string(2, column, words.text(f"entry.labels.{name}", date=f"{entry.year + 1}-02-28"), label)
        sheet.write_string(HEADER_ROW, column, name, header)
    for offset, name in enumerate(references):
        sheet.write_string(2, first_reference + offset, name, label)
    # the row of column names the reader finds, said to be the system's, after the empty column (not one of them)
    sheet.write_string(HEADER_ROW, first_reference, words["entry.system_fields"], system)
    sheet.set_row(HEADER_ROW, SYSTEM_ROW_HEIGHT)
    for number, row in enumerate(entry.series, HEADER_ROW + 1):
        sheet.write_number(number, 0, row.indicator_id, locked_number)
        if row.series:  # as the workbook's language names it (国家级), which is read back as the series
            sheet.write_string(number, 1, row.series_label, locked)
        else:
            sheet.write_blank(number, 1, None, locked)
        sheet.write_number(number, 2, row.year or entry.year, locked_number)
        sheet.write_blank(number, 3, None, unlocked)
        for column in range(4, len(INPUT_COLUMNS)):
            sheet.write_blank(number, column, None, unlocked)
        sheet.data_validation(number, 3, number, 3, _validation(entry, row))
        # the row's other input cells name it too, when selected (its name stands far to the right); the preliminary
        # flag from a list of one word (是, yes) or empty, so a clerk's √ or 是的 is refused as it is typed
        prompt = _row_prompt(entry, row)
        flag = INPUT_COLUMNS.index("preliminary")
        for first, last in ((4, flag - 1), (flag + 1, len(INPUT_COLUMNS) - 1)):
            if first <= last:
                sheet.data_validation(number, first, number, last, {"validate": "any", **prompt})
        sheet.data_validation(number, flag, number, flag, {
            "validate": "list", "source": [words["entry.preliminary_yes"]], "ignore_blank": True,
            "error_title": words["entry.labels.preliminary"], "error_message": words["entry.preliminary_error"],
            **prompt})
        cells = _reference_cells(entry, row)
        # the name and the unit wrapped in their narrow columns, the row as high as they need (spreadsheets measure no
        # row on opening)
        sheet.set_row(number, LINE_HEIGHT * max(1, math.ceil(display_width(row.name) / (NAME_WIDTH - 2)),
                                                lines_needed(row.unit, widths[first_reference + 2] - 1)))
        for offset, value in enumerate(cells):
            if offset in (0, 2):  # the name, the unit
                if value:
                    sheet.write_string(number, first_reference + offset, value, named)
            elif offset == len(cells) - 1:
                sheet.write_string(number, first_reference + offset, value, indented)
            elif isinstance(value, Held):  # ≥90: the number, its sign in the format
                numbers = styles.number(value).num_format
                sheet.write_number(number, first_reference + offset, value,
                                   styles.get(num_format=f'"{value.sign}"{numbers};-"{value.sign}"{numbers}'))
            elif isinstance(value, float):
                sheet.write_number(number, first_reference + offset, value, styles.number(value))
            elif isinstance(value, int):
                sheet.write_number(number, first_reference + offset, value, reference)
            elif value:
                sheet.write_string(number, first_reference + offset, value, reference)
    # each input column narrow (INPUT_WIDTHS: a date, 2025-02-28, whole in 发布日期), then the empty column, narrower
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    # the labels, three lines high, more where one wraps to more in its narrow column (counted a character narrower: a
    # word wraps whole, leaving its line short)
    labels = [words.text(f"entry.labels.{name}", date=f"{entry.year + 1}-02-28") for name in INPUT_COLUMNS]
    sheet.set_row(2, LINE_HEIGHT * max([3] + [lines_needed(text, width - 1) for text, width in
                                              zip([*labels, "", *references], widths)]))
    # what names a row and its value frozen (A–D): scrolled right to the targets, the value cell stays in view
    _finish(book, sheet, widths, HEADER_ROW + len(entry.series), columns=len(FILLED_IN), frozen=len(FILLED_IN) + 1,
            name=first_reference, footer=page_footer(words, title))


def _words_sheet(book, entry: EntryWorkbook) -> list[tuple[str, str]]:
    """The sheet of words: a row per task the department leads (progress, self-rating) and per indicator with a
    warning (reasons, next measures); only the cells a row takes are input cells. Returns what each row's grey cells
    right of the input cells say (its name, its assessment), in the rows' order."""
    words = entry.words
    columns = [*WORDS_REQUIRED, *WORDS_FILLED]
    sheet = book.add_worksheet(words["entry.words.sheet"])
    bold = book.add_format({"bold": True, "font_size": TITLE_SIZE, "text_wrap": True, "valign": "top"})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    label = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#e8eaed", "border": 1})
    # the row of column names the reader finds, small and grey: the labels above it are what a person reads
    header = book.add_format({"font_size": SYSTEM_FONT_SIZE, "font_color": "#5f6368", "border": 1})
    locked = book.add_format({"border": 1, "bg_color": "#f1f3f4", "valign": "top"})
    locked_number = book.add_format({"border": 1, "bg_color": "#f1f3f4", "valign": "top", "num_format": "0",
                                     "align": "left"})
    unlocked = book.add_format({"locked": False, "border": 1, "bg_color": INPUT_COLOUR, "text_wrap": True,
                                "valign": "top"})
    reference = book.add_format({"font_color": "#3c4043", "text_wrap": True, "valign": "top"})
    sheet.set_row(2, LINE_HEIGHT * 2)
    first_reference = len(columns) + 1  # one empty column: the reader stops at an empty header cell
    _write_instructions(sheet, WORDS_WIDTHS, len(columns), (_words_title(entry), bold),
                        (_words_instructions(entry), wrapped))
    for column, name in enumerate(columns):
        sheet.write_string(2, column, words[f"entry.words.labels.{name}"], label)
        sheet.write_string(HEADER_ROW, column, name, header)
    for offset, name in enumerate((words["entry.words.reference.name"], words["entry.words.reference.status"])):
        sheet.write_string(2, first_reference + offset, name, label)
    sheet.write_string(HEADER_ROW, first_reference, words["entry.system_fields"],
                       book.add_format({"italic": True, "font_size": SYSTEM_FONT_SIZE, "font_color": "#5f6368"}))
    sheet.set_row(HEADER_ROW, SYSTEM_ROW_HEIGHT)
    ratings = [words[f"entry.words.ratings.{key}"] for key in RATINGS]
    listed = ("、" if words.language == "zh" else ", ").join(ratings)
    # the kind of row and the series as the workbook's language names them (重点任务, 国家级), read back as such
    rows = [(words["entry.words.items.task"], task.task_id, "", (task.title, ""), ("progress", "rating"))
            for task in entry.tasks]
    rows += [(words["entry.words.items.indicator"], str(item.indicator_id), "", (item.name, item.status),
              ("progress", "rating")) for item in entry.qualitative]
    rows += [(words["entry.words.items.indicator"], str(item.indicator_id),
              words["series"].get(item.series, item.series) if item.series else "", (item.name, item.status),
              ("reasons", "measures")) for item in entry.explanations]
    for number, (item, identifier, series, shown, inputs) in enumerate(rows, HEADER_ROW + 1):
        for column, value in enumerate((item, identifier, series)):
            if column == 1 and item == words["entry.words.items.indicator"]:  # an indicator's id a number, as on the
                sheet.write_number(number, column, int(value), locked_number)  # values sheet (a task's, 1.2, text)
            elif value:
                sheet.write_string(number, column, value, locked)
            else:
                sheet.write_blank(number, column, None, locked)
        sheet.write_number(number, 3, entry.year, locked)
        # selecting an input cell names its row: the name and the assessment stand far to the right
        title = words.text("entry.words.prompt_title_series" if series else "entry.words.prompt_title", item=item,
                           id=identifier, series=series)
        key = "entry.words.prompt_status" if shown[1] else "entry.words.prompt"
        message = fitted(lambda name, key=key, status=shown[1]: words.text(key, name=name, status=status), shown[0])
        prompt = {"input_title": clipped(title, MAX_INPUT_TITLE), "input_message": message}
        for column, name in enumerate(WORDS_FILLED, len(WORDS_REQUIRED)):
            sheet.write_blank(number, column, None, unlocked if name in inputs else locked)
            if name in inputs and name != "rating":
                sheet.data_validation(number, column, number, column, {"validate": "any", **prompt})
        if "rating" in inputs:
            sheet.data_validation(number, columns.index("rating"), number, columns.index("rating"),
                                  {"validate": "list", "source": ratings, "error_type": "stop", **prompt,
                                   "error_title": words["entry.words.rating_title"][:MAX_INPUT_TITLE],
                                   "error_message": words.text("entry.words.rating_message",
                                                               ratings=listed)[:MAX_INPUT_MESSAGE]})
        for offset, text in enumerate(shown):
            if text:
                sheet.write_string(number, first_reference + offset, text, reference)
        # three lines to write in, more where the name or the assessment beside it wraps to more (an English name)
        wraps = max(math.ceil(display_width(text) / (WORDS_WIDTHS[first_reference + offset] - 2)) if text else 1
                    for offset, text in enumerate(shown))
        sheet.set_row(number, LINE_HEIGHT * max(3, wraps))
    for column, width in enumerate(WORDS_WIDTHS):
        sheet.set_column(column, column, width)
    _finish(book, sheet, WORDS_WIDTHS, HEADER_ROW + len(rows), columns=len(WORDS_REQUIRED), name=first_reference,
            footer=page_footer(words, _words_title(entry)))
    return [shown for _, _, _, shown, _ in rows]


def _write_instructions(sheet, widths: list[float], inputs: int, title: tuple, instructions: tuple) -> None:
    """The title in row 1 and what to do in row 2, each a (text, format), merged across the ``inputs`` input columns
    (printed on the first page, whole: :func:`printed_pages`), each as many lines high as it wraps to across them (the
    title's characters larger: 14 points to the text's 11), the instructions with one to spare (a line wraps short of
    the column's edge), four at least."""
    room = sum(widths[:inputs]) - 2
    (title, bold), (text, wrapped) = title, instructions
    sheet.merge_range(0, 0, 0, inputs - 1, title, bold)
    sheet.set_row(0, TITLE_HEIGHT * math.ceil(display_width(title) * TITLE_SIZE / 11 / room))
    sheet.merge_range(1, 0, 1, inputs - 1, text, wrapped)
    sheet.set_row(1, LINE_HEIGHT * max(4, math.ceil(display_width(text) / room) + 1))


def _words_title(entry: EntryWorkbook) -> str:
    """The words sheet's title, by what it lists: key tasks and indicators (重点任务进展与指标说明), key tasks alone
    (重点任务进展) for a department that leads no indicator, or indicators alone (指标说明) where the plan lists no key
    task for it."""
    key = ("entry.words.title_tasks" if not (entry.explanations or entry.qualitative)
           else "entry.words.title" if entry.tasks else "entry.words.title_indicators")
    return entry.words.text(key, department=entry.department, year=entry.year, plan_title=entry.plan_title)


def _words_instructions(entry: EntryWorkbook) -> str:
    """What the words sheet asks, as its rows ask it: the progress of the tasks and qualitative indicators it lists,
    the reasons of the numeric indicators (none for a department that leads none), and to send it with the values
    sheet, or alone where the workbook has none. A workbook for no department (a plan without departments.csv: every
    series in one) asks for each task and indicator, not those "your department" leads."""
    words = entry.words
    every = "_all" if not entry.department_key else ""
    items = [words[f"entry.words.asked.{kind}{every}"] for kind, rows in (("tasks", entry.tasks),
                                                                           ("qualitative", entry.qualitative)) if rows]
    asked = [words.text("entry.words.asked.progress", items=words.join_and(items), year=entry.year)] if items else []
    if entry.explanations:
        asked.append(words.text(f"entry.words.asked.reasons{every}", year=entry.year))
    send = words["entry.words.send" if _has_values_sheet(entry) else "entry.words.send_alone"]
    return words.text("entry.words.instructions", asked=words.join(asked), send=send)


def _has_values_sheet(entry: EntryWorkbook) -> bool:
    """A workbook has a values sheet where its department leads a numeric series, or where it asks no words."""
    return bool(entry.series) or not (entry.tasks or entry.explanations or entry.qualitative)


def _finish(book, sheet, widths, rows: int, columns: int = 0, frozen: int | None = None,
            name: int | None = None, footer: str = "") -> None:
    """A sheet to fill: its header rows (and its first ``frozen`` columns, by default its first ``columns``, what
    names a row) frozen on screen; on paper (:func:`_print_pages`) its header rows repeated on every page; only the
    input cells unlocked, rows and columns free to be resized. ``widths``: each column's width, in characters;
    ``rows``: its last row (zero-based); ``name``: the column of the row's name, right of the input columns and the
    empty one; ``footer``: what each printed page says at its foot, with its number."""
    sheet.freeze_panes(HEADER_ROW + 1, columns if frozen is None else frozen)
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True,
                       "format_rows": True})
    _print_pages(book, sheet, list(widths), rows, columns, len(widths) - 1 if name is None else name, footer)
    sheet.repeat_rows(2, HEADER_ROW)  # the labels and the header row the reader finds


def printed_pages(widths: list[float], name: int) -> list[tuple[int, int]]:
    """The columns (first, last) of each printed page across: the whole sheet on one page where it stands there at
    80 % or more; else two, each its own print area one page wide: the title, the instructions, the ids, the input
    columns and the row's name (``name``) on the first, and on the second the name again and the other reference
    columns beside the columns that name a row, repeated. Each page shows which indicator a row is, by its name, and
    never a fragment of the title (before: the title's first columns printed on the second page, cut; the name on the
    first page or the second as a fit to two pages wide fell). A4 landscape holds the values sheet's first page at
    about 97 %, its second at 85 % to 88 % (the words sheet's at 81 % and 100 %): 11 points print at 8.9 or more."""
    pixels = [7 * width + 5 for width in widths]
    if sum(pixels) * 0.8 <= PRINTED_PIXELS:
        return [(0, len(widths) - 1)]
    return [(0, name), (name, len(widths) - 1)]


def _print_pages(book, sheet, widths: list[float], rows: int, named_by: int, name: int, footer: str) -> None:
    """On paper: A4 landscape, the pages across :func:`printed_pages` says, each its own print area one page wide
    (the second from the labels' row down: the title and the instructions printed once, on the first page; a print
    area of its own, never a page break, which a fit to the page's width overrides), the first ``named_by`` columns
    repeated on the second; the foot of each page says ``footer``."""
    from xlsxwriter.utility import xl_range_abs

    sheet.set_paper(9)
    sheet.set_landscape()
    pages = printed_pages(widths, name)
    if len(pages) > 1:
        shown = sheet_reference(sheet.name)
        areas = [f"{shown}!{xl_range_abs(top, first, rows, last)}" for (first, last), top in zip(pages, (0, 2))]
        book.define_name(f"{shown}!_xlnm.Print_Area", "=" + ",".join(areas))
        sheet.repeat_columns(0, named_by - 1)
    sheet.fit_to_pages(1, 0)
    if footer:
        sheet.set_footer(footer)


def _reference_headers(entry: EntryWorkbook) -> list[str]:
    names = entry.words["entry.reference"]
    # the series as the input column it repeats (B) names it: printed beside that column, repeated on the second page,
    # never a second column headed 序列 alone
    series = names["series"].format(column=get_column_letter(INPUT_COLUMNS.index("series") + 1))
    return [names["name"], series, names["unit"], names["latest"], names["latest_year"],
            names["on_file"], *(names["target"].format(year=y) for y in entry.target_years),
            names["range"]]


def _reference_cells(entry: EntryWorkbook, row: EntrySeries) -> list:
    return [row.name, row.series_label, row.unit, row.latest, row.latest_year, row.on_file,
            *(row.targets.get(y) for y in entry.target_years), _range_text(entry.words, row)]


def _target_cell(words: Catalog, target, meta) -> float | str:
    """A target's reference cell: its value with the digits the plan printed it with (国3.0: 3.0, as the report shows
    it, never 3), or a range's bounds (2.3–2.6), never the lower bound alone; a level to hold every year as such
    (≥90) and a rank's as the places to be among (前18位), as the words sheet and the report write them."""
    upper = getattr(target, "upper", math.nan)
    if upper is not None and not pd.isna(upper):
        return words.text("target_form.within", lower=fmt_number(target.value), upper=fmt_number(upper))
    if meta.kind == "rank":
        return words.text("rank.target", n=int(round(float(target.value))))
    shown = _as_shown(target.value, getattr(target, "printed_text", ""), target.series)
    if meta.direction in HELD_EVERY_YEAR:
        return Held(float(shown), getattr(shown, "shown", "") or fmt_number(shown), HELD_SIGNS[meta.direction])
    return shown


def _sign_convention(words: Catalog, meta) -> str:
    """How the sign of a rate of change is written: a rate of decline (its Chinese name says a fall, 能耗下降率) a fall
    as a positive number and a rise as a negative one, another rate a rise as a positive number; "" for another
    kind."""
    if getattr(meta, "kind", "") != "rate_of_change":
        return ""
    falls = FALL_NAME.search(str(getattr(meta, "name_zh", "") or ""))
    return words["entry.sign_fall" if falls else "entry.sign_rise"]


def _range_text(words: Catalog, row: EntrySeries) -> str:
    """"0.34 to 16.80" (0.34～16.80), with the decimals the series is printed with, never "−10 – 100", which reads as a
    subtraction; "0 or more" where no value is too high (a count after a zero, a rank), never up to 10^15."""
    def shown(value: float) -> str:  # both bounds with the series' decimals, a limit of the checks' own (100) too
        if row.decimals is None:
            return fmt_number(value)
        return f"{half_up(value, row.decimals):,.{row.decimals}f}".replace("-", "−")

    if row.high >= MAX_MAGNITUDE:
        return words.text("entry.range_from", low=shown(row.low))
    return words.text("entry.range", low=shown(row.low), high=shown(row.high))


def _row_prompt(entry: EntryWorkbook, row: EntrySeries) -> dict:
    """What a selected input cell of a series' row shows: the indicator and series, and the name."""
    words = entry.words
    title = words.text("entry.words.prompt_title_series" if row.series else "entry.words.prompt_title",
                       item=words["entry.words.items.indicator"], id=row.indicator_id, series=row.series_label)
    return {"input_title": clipped(title, MAX_INPUT_TITLE),
            "input_message": fitted(lambda name: _named(entry, row, name), row.name)}


def _named(entry: EntryWorkbook, row: EntrySeries, name: str | None = None) -> str:
    """A series' name with its unit, once: a name that says it (研发人员数（人）) is not followed by "单位：人"."""
    name = row.name if name is None else name
    if not row.unit or row.name.rstrip().endswith((f"（{row.unit}）", f"({row.unit})")):
        return name
    return entry.words.text("entry.row_prompt", name=name, unit=row.unit)


def _validation(entry: EntryWorkbook, row: EntrySeries) -> dict:
    """A decimal in the plausible range; outside it a warning the person may override (and explain in confirm)."""
    words = entry.words
    # a rate of change's sign convention said with its name, where the prompt is never cut
    sign = words.text("entry.sign", sign=row.sign) if row.sign else ""
    fields = {"range": _range_text(words, row)}
    if row.latest is not None:
        # as the plan printed it (2.40, as the report quotes it), never 2.4
        fields["latest"] = words.text("entry.latest", value=getattr(row.latest, "shown", "") or fmt_number(row.latest),
                                      year=row.latest_year)
    key = "entry.input_message" if row.latest is not None else "entry.input_message_no_latest"
    # said first: a clerk who sees no reason to send it again may leave the cell empty
    # in its unit, in the workbook's language (22万元/人, 3.41%): a bare number reads as of any unit
    on_file = "" if row.on_file is None else words.text(
        "entry.on_file", year=row.year or entry.year,
        value=words.quantity_alone(fmt_number(row.on_file), row.unit, row.unit == "%"))
    message = fitted(lambda name: on_file + words.text(key, named=_named(entry, row, name) + sign, **fields), row.name)
    return {"validate": "decimal", "criteria": "between", "minimum": row.low, "maximum": row.high,
            "ignore_blank": True, "error_type": "warning",
            "input_title": clipped(words.text("entry.input_title_series" if row.series else "entry.input_title",
                                              year=row.year or entry.year, series=row.series_label), MAX_INPUT_TITLE),
            "input_message": message,
            "error_title": words["entry.error_title"][:MAX_INPUT_TITLE],
            # the range said once: in the prompt, shown beside the message
            "error_message": words["entry.error_message"][:MAX_INPUT_MESSAGE]}
