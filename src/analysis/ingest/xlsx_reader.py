"""Filled data-entry workbooks (``.xlsx``): what a person sees on a workbook's sheets, read as a CSV file's rows.

A department fills the workbook ``make templates`` wrote for it (:mod:`analysis.report.entry_workbooks`)
and the file is dropped into ``observations/``. Every **visible** sheet that has a header row is
read, in the workbook's order (a department that adds next year as a second tab is read whole); a
hidden sheet (an old copy kept out of the way) is not read, and the data-quality log lists it; a
visible sheet with content but no header row is refused, as nothing a person can see may be left out
in silence; a blank workbook (nothing on any visible sheet) gives no rows, noted as a file without values like
a template not filled in. A sheet's header row is the first row, among the first :data:`HEADER_SEARCH_ROWS`, whose
first cell is ``indicator_id`` (or the label a template shows above it, 编号 or No.: a header cell may
be a column's name or its label in either language, :func:`header_names`), or the row below it when
that one starts the same way (a template's labels above its header row); rows above it (a title, the
labels) are not read,
and neither is anything right of the first empty header cell (the template's reference columns:
name, unit, latest value, targets), except the indicator's name beside each row, which the checks
compare with the indicator the row names. A row whose ``value`` is empty is skipped: a template
lists every series, and a department fills those it has; one whose note says why it has none (统计局尚未发布)
is kept apart (``noted``), the department's word on the value it lacks, which the data-quality log lists.

Every cell becomes the text a CSV cell would hold (a number as its digits, a date as its ISO text),
so the same checks follow (:mod:`analysis.clean.observations`); an error names the cell as
``file.xlsx:Sheet1!D5: value: …``. Refused, with the cell named: a value in a hidden row (the person
does not see it), a merged cell among the rows read (one value shown over several rows), a number in
a percentage cell (Excel keeps "2.5%" as 0.025, and the indicator's unit (%) is already in the number;
a format that only writes a "%" sign is no percentage), a formula (the value a person saw is the
formula's cached result, which a program that writes workbooks without calculating them leaves empty
or stale: type the number itself, or paste it as a value). A file that is not a real workbook (an
``.xls`` or a CSV renamed, a password-protected file), a workbook saved as Strict Open XML, and one
whose parts unpack to far more than a data-entry workbook holds are refused in one line. The errors
a person filling the sheet can fix are told in the language the template was made in (its
``analysis_language`` property); for a workbook without one, in the language of the labels a person reads above
the header row (a template's sheet copied into a new workbook keeps its labels, 编号, 数值: Chinese), else of the
header row itself. Such a copy keeps the template's reference columns too, known by their labels (指标名称, 单位,
最新已知值; Indicator, Unit, Latest known value): they are the template's reference, not text typed beside the rows.
"""
from __future__ import annotations

import contextlib
import datetime
import functools
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, catalog, series_named  # the series' names in every language, and short forms
from ..colours import contrast
from ..errors import InputError, Mistakes, quote
from ..files import read_regular
from ..settings import LANGUAGES
from ..text import check_text, says_why
from . import headers
from .csv_reader import LINE_COLUMN, MULTILINE_KINDS, parse_number
from .headers import column_label, column_names, field_label, header_key, header_mistakes, header_names, told_in

#: A department's workbook takes tens of kilobytes.
MAX_XLSX_BYTES = 5 * 1024 * 1024
#: What the workbook's parts may unpack to: a template unpacks to a few hundred kilobytes, and a small zip that
#: unpacks to tens of megabytes (shared strings, a sheet of empty rows) would take a minute to read.
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
HEADER_SEARCH_ROWS = 20
#: The namespace of a workbook saved as "Strict Open XML Spreadsheet", which openpyxl does not read.
STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
#: The custom document properties a template records the year it was made for in, and the sheet it wrote: a
#: sheet a department adds (next year as a second tab) is its own, and not held to the template's year.
YEAR_PROPERTY = "analysis_year"
SHEET_PROPERTY = "analysis_sheet"
#: The language a template was made in, which the errors about its cells speak.
LANGUAGE_PROPERTY = "analysis_language"
#: The plan (its folder-safe id) a template was made for: a workbook of another plan is refused in one line.
PLAN_PROPERTY = "analysis_plan"
#: The custom properties (analysis_reference_1, _2, …) a template records each row's reference cells in, as a short
#: digest per series ("1/:1a2b3c4d,4/国家级:…", by the indicator and series cells, so that a row deleted or moved
#: changes nothing): a reference cell changed (a value typed over the "value on file") is told, since nothing there
#: is read.
REFERENCE_PROPERTY = "analysis_reference_"
#: The characters (UTF-16 units) a property's text may take: Excel keeps 255.
MAX_PROPERTY_TEXT = 255
#: The custom properties (``analysis_reference_shown_4/国家级_6``: a row's :func:`reference_key`, then its reference
#: cell's place from the indicator's name, 1) a template records what it wrote in each reference cell in, a number as
#: a number (an empty cell: none), so that a cell typed over is told with what to put back. A text longer than a
#: property holds (255 characters) is recorded by its digest, after :data:`REFERENCE_SHOWN_DIGEST`.
REFERENCE_SHOWN_PROPERTY = "analysis_reference_shown_"
#: Between a row's key and the year of a row for an earlier year of the plan period (``1/@2022``, :func:`dated_key`).
YEAR_MARK = "@"
REFERENCE_SHOWN_DIGEST = "#sha256:"
#: Where ``make templates`` writes a year's workbooks by default: a workbook whose reference cells cannot be put back
#: from what it records is told to take them from its copy there (the name it was sent with, which it comes back with).
SENT_FOLDER = "reports/templates"
#: The columns a person fills in a row; a row with one of them filled but no value is a value left out.
FILLED_BY_HAND = ("value", "source", "source_en", "note", "confirm")
WHITE = ("FFFFFFFF", "00FFFFFF")
#: The key of a refused row's record (:attr:`SheetRows.refused`) that holds the columns whose mistakes are told: the
#: checks that follow check its other cells, and tell nothing more of these.
TOLD = "_told"
#: Quoted text and escaped characters of a number format: they are written as they are, so a "%" there is a sign.
FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.')


@dataclass(frozen=True)
class SheetRows:
    """The rows of a workbook's sheet as text cells (``csv_line`` holds the sheet's row number), where each column
    lies, so that a message names the cell, and the text right of the input columns beside each row (a template's
    indicator name), by row number."""

    frame: pd.DataFrame
    sheet: str
    letters: dict[str, str]
    beside: dict[int, tuple[str, str]] = field(default_factory=dict)  # row → (its cell, the text there)
    noted: list[dict] = field(default_factory=list)  # the rows without a value whose note says why (text cells)
    mistakes: list = field(default_factory=list)  # the rows' mistakes, each an InputError, told with the checks'
    language: str = "en"  # the language its mistakes are told in: its template's, else its header's (数值: Chinese)
    missing: tuple[str, ...] = ()  # the required columns its header lacks (told): a row's cell there is not its own
    refused: list[dict] = field(default_factory=list)  # rows with a mistake told (its columns in TOLD), left out
    # a sheet without values (a words sheet): each row the template may have written, filled or not, by row number:
    # its cells under the header as plain text, and its grey reference cells right of the empty column (each cell and
    # what it holds), for the checks to compare with what the template wrote there
    aside: dict[int, tuple[dict[str, str], tuple[tuple[str, object], ...]]] = field(default_factory=dict)
    # the value a template showed in its "value on file" column (已收到的2025年数值), by row number, where the row's
    # reference cells are as the template wrote them (its digest): a different value typed in the row revises it
    on_file: dict[int, float] = field(default_factory=dict)
    # a template's sheet of values: the rows a person added, with nothing right of the input columns where the
    # template writes each row's name and reference cells (a value for another year typed below its rows)
    added: frozenset[int] = frozenset()
    # of those, the rows copied whole from a row the template wrote (its reference cells too), their year changed: the
    # row each copies (the one still giving the template's year), by row number
    copied: dict[int, int] = field(default_factory=dict)
    # the rows the template wrote for an earlier year of the plan period than its own (one with no value yet), their
    # reference cells its own for that year: the year each gives, by row number
    asked: dict[int, int] = field(default_factory=dict)
    # the rows the template wrote for its own year whose locked year was changed to an earlier year it lists a row of
    # its own for (its reference cells alike, known by where it stands): that row, by row number
    listed: dict[int, int] = field(default_factory=dict)
    # the rows the template wrote, each still giving its year, by its key (4/国家级, as its cells write it) and that
    # year: a row added below them for one of them is told to go in it
    own_rows: dict[tuple[str, int], int] = field(default_factory=dict)
    # the range a template's value cell lets pass (its validation: the plausible range it shows), by row number
    ranges: dict[int, tuple[float, float]] = field(default_factory=dict)

    def cell(self, row: int, column: str) -> str:
        """``Sheet1!D5``: the cell of ``column`` in ``row``."""
        return f"{sheet_reference(self.sheet)}!{self.letters.get(column, 'A')}{row}"


@dataclass(frozen=True)
class WorkbookRows:
    """What a workbook gives: the rows of each visible sheet with a header row, the hidden sheets (not read), and
    the year a template records it was made for (None for a workbook made otherwise)."""

    sheets: list[SheetRows]
    hidden: list[str]
    year: int | None
    year_sheet: str | None = None  # the sheet the template wrote (None: every sheet is held to ``year``)
    properties: dict = field(default_factory=dict)  # the text properties a template recorded (its department)
    language: str = "en"  # the language of the errors about its cells: the template's
    order: tuple[str, ...] = ()  # every sheet, as a cell reference names it, in the workbook's order

    def year_of(self, sheet: str) -> int | None:
        """The year the rows of ``sheet`` must have: the template's, for the sheet the template wrote."""
        return self.year if self.year_sheet is None or sheet == self.year_sheet else None


def sheet_reference(name: str) -> str:
    """A sheet's name as a cell reference writes it: quoted when it holds anything but letters and digits."""
    return name if name.replace("_", "").isalnum() else "'" + name.replace("'", "''") + "'"


def _errors(language) -> Catalog:
    """The words of the errors about a workbook's cells: its template's language, else English."""
    return catalog(language if language in LANGUAGES else "en")


def read_workbook(path: Path, required: list[str], optional: list[str],
                  text_kinds: dict[str, str] | None = None, *, others: tuple[str, ...] = (),
                  filled_by_hand: tuple[str, ...] = FILLED_BY_HAND, defer: bool = False) -> WorkbookRows:
    """The input rows of every visible sheet of the workbook ``path`` (see the module's docstring). ``others``: the
    first header cells of sheets another reader reads (a template's sheet for the departments' words), left to it.
    ``filled_by_hand``: the columns a person fills; without a ``value`` column, a row with none of them filled is
    skipped. The rows' mistakes are raised together once every sheet is read; ``defer``: left in each sheet's
    ``mistakes`` instead, for the checks that follow to tell with their own (a workbook's every mistake at once)."""
    path = Path(path)
    data = read_regular(path, MAX_XLSX_BYTES)
    # what makes the file no workbook to read is told in the language of its name (Chinese for 市科技局.xlsx): a
    # file that cannot be opened has no template's language to tell it in
    named = _errors(named_in(path))
    if not data:  # nothing saved in it (a copy interrupted, a file made empty)
        raise InputError(named["entry_errors.empty_workbook"], file=path)
    _check_zip(data, path, named)
    import openpyxl  # loaded only when a workbook is read

    sheets, hidden, headerless, skipped, shown = [], [], [], [], []
    hidden_values, deleted = None, False
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it does not model (extensions, default styles); the cells are all it needs.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # noqa: BLE001 - any failure inside the file's parts: one line, the file named
        why = named.text("entry_errors.unreadable_parts",
                         error=f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}")
        raise InputError(named.text("entry_errors.not_a_workbook", why=why), file=path) from None
    # what follows reads a workbook openpyxl has read whole: a failure there is no fault of the file's
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # as above: the cells are all it reads
        try:
            if not book.worksheets:
                raise InputError(named["entry_errors.no_worksheet"], file=path)
            year, year_sheet = _template_property(book, YEAR_PROPERTY), _template_property(book, SHEET_PROPERTY)
            language = _template_property(book, LANGUAGE_PROPERTY)
            words = _errors(language)
            properties = {prop.name: prop.value for prop in getattr(book, "custom_doc_props", None) or []
                          if isinstance(prop.value, str)}
            order = tuple(sheet_reference(sheet.title) for sheet in book.worksheets)
            if isinstance(year_sheet, str) and year_sheet not in book.sheetnames:
                # the template's sheet renamed (数据报送 to Sheet1): still the template's, held to its year and its
                # reference cells, never read as a tab of one's own whose rows no check holds
                year_sheet = _renamed_sheet(book, list(required), others) or year_sheet
            # the template's sheet of values deleted (its words sheet sent alone): a file without values, noted
            deleted = isinstance(year_sheet, str) and year_sheet not in book.sheetnames and "value" in required
            for sheet in book.worksheets:
                if sheet.sheet_state != "visible":
                    # the template's own sheet of values, or its words sheet, hidden with something typed in
                    # it: never lost to a note
                    own = "" if "value" in required else "_words"
                    mine = sheet.title == year_sheet if not own else year is not None
                    cell = _value_typed(sheet, required, ("value",) if not own else filled_by_hand) if mine \
                        else None
                    if cell is not None and hidden_values is None:
                        hidden_values = InputError(words.text(f"entry_errors.hidden_template_sheet{own}",
                                                              sheet=quote(sheet.title, words=words)),
                                                   file=path, line=f"{sheet_reference(sheet.title)}!{cell}")
                    hidden.append(sheet.title)
                    continue
                shown.append(sheet.title)
                if others and _header_index(sheet, tuple(header_names(list(others)))) is not None:
                    skipped.append(sheet.title)
                    continue
                rows = _sheet_rows(sheet, path, list(required), list(optional), text_kinds or {},
                                   template=year is not None, filled_by_hand=filled_by_hand,
                                   words=words if language in LANGUAGES else None,
                                   references=_reference_digests(properties) if sheet.title == year_sheet
                                   else {}, year=year if sheet.title == year_sheet else None,
                                   recorded=_reference_shown(book) if sheet.title == year_sheet else {},
                                   sent=_sent_copy(path, year, properties.get(PLAN_PROPERTY)))
                if rows is not None:
                    sheets.append(rows)
                elif any(cell.value not in (None, "") for row in sheet.iter_rows() for cell in row):
                    headerless.append(sheet.title)
        finally:
            book.close()
    if deleted and not sheets:
        sheets.append(SheetRows(pd.DataFrame(columns=[*required, *optional, LINE_COLUMN]), year_sheet, {},
                                language=words.language))
    if hidden_values is not None:
        if not defer or not sheets:
            raise hidden_values
        sheets[0].mistakes.insert(0, hidden_values)
    header = words.text("entry_errors.header_rows", columns=column_names(words, required), rows=HEADER_SEARCH_ROWS)
    if not sheets and not skipped and not headerless:
        # a blank workbook (saved before anything was typed in it): nothing to read, as in a template not filled in;
        # told once as a file without values, in the language of its template, else of its name (市科技局.xlsx)
        blank = "zh" if language not in LANGUAGES and re.search("[\u4e00-\u9fff]", path.name) else words.language
        empty = pd.DataFrame(columns=[*required, *optional, LINE_COLUMN])
        return WorkbookRows([SheetRows(empty, shown[0] if shown else "", {}, language=blank)], hidden,
                            year, year_sheet if isinstance(year_sheet, str) else None, properties, blank, order)
    if not sheets and not skipped:
        named = words["grammar.comma"].join(quote(title, words=words) for title in headerless)
        raise InputError(words.text("entry_errors.no_header", header=header, sheets=named), file=path)
    if headerless:
        error = InputError(words.text("entry_errors.sheet_without_header", sheet=quote(headerless[0], words=words),
                                      header=header), file=path)
        if not defer or not sheets:
            raise error
        sheets[0].mistakes.insert(0, error)  # told with the other sheets' mistakes, which it hides none of
    if not defer:
        told = Mistakes()
        for sheet in sheets:
            told.errors += sheet.mistakes
        told.check()
    return WorkbookRows(sheets, hidden, year, year_sheet if isinstance(year_sheet, str) else None, properties,
                        words.language, order)


def _value_typed(sheet, required: list[str], filled: tuple[str, ...] = ("value",)) -> str | None:
    """The first cell (D5) below the header row of ``sheet`` that holds something, in a column its header names one
    of ``filled`` (a value; a words sheet's progress, rating, reasons or measures); None where none does, or the sheet
    has no header row."""
    names = header_names([*required, *filled])
    first = tuple(key for key, name in names.items() if name == required[0])
    index = _header_index(sheet, first)
    if index is None:
        return None
    header = next(sheet.iter_rows(min_row=index + 1, max_row=index + 1))
    columns = [number for number, cell in enumerate(header) if names.get(header_key(cell.value)) in filled]
    # below the header, the row of names under the template's labels (indicator_id … under 编号 …) left out
    return next((row[column].coordinate for row in sheet.iter_rows(min_row=index + 2)
                 if header_key(row[0].value) not in first for column in columns
                 if len(row) > column and row[column].value not in (None, "")), None)


def _renamed_sheet(book, required: list[str], others: tuple[str, ...]) -> str | None:
    """The title of the sheet a template wrote, where no sheet has the name it recorded (renamed by the department):
    the first visible sheet with a header row of values (a template writes its sheet of values first, and a tab a
    department adds comes after it); None where there is none."""
    first = tuple(key for key, name in header_names(required).items() if name == required[0])
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        if others and _header_index(sheet, tuple(header_names(list(others)))) is not None:
            continue
        if _header_index(sheet, first) is not None:
            return sheet.title
    return None


def _header_index(sheet, names: tuple[str, ...]) -> int | None:
    """The index (0-based) of the sheet's header row: the first of its top rows whose first cell is one of
    ``names`` (compared as :func:`header_key` gives them); None when it has none."""
    names = tuple(header_key(name) for name in names)
    for index, row in enumerate(sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, max_col=1)):
        if row and header_key(row[0].value) in names:
            return index
    return None


def reference_digest(values) -> str:
    """A row's reference cells (name, unit, latest value, targets, range) as a short digest: a number by its value
    (24800 and 24800.0 alike), an empty cell as "", text as it is."""
    import hashlib

    parts = ["" if value is None or value == "" else repr(float(value))
             if isinstance(value, int | float) and not isinstance(value, bool) else str(value) for value in values]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


def reference_key(indicator, series) -> str:
    """A template row's key among the recorded digests: its indicator and series cells as written (1/, 4/国家级); ""
    for a row whose indicator cell holds no whole number."""
    try:
        number = float(indicator)
    except (TypeError, ValueError):
        return ""
    if not number.is_integer():
        return ""
    return f"{int(number)}/{'' if series is None else str(series).strip()}"


def dated_key(key: str, year) -> str:
    """The key of a template's row for an earlier year of the plan period than the workbook's (``1/@2022``: a year
    with no value yet, asked for beside the workbook's own): :func:`reference_key` and the year its year cell gives."""
    return f"{key}{YEAR_MARK}{str(year).strip()}"


def plain_key(key: str) -> str:
    """A row's :func:`reference_key` without the year of a :func:`dated_key` (``1/@2022``: ``1/``)."""
    return key.partition(YEAR_MARK)[0]


def reference_properties(digests: dict[str, str]) -> dict[str, str]:
    """The custom properties that record ``digests`` (a row's :func:`reference_key`: its digest), as many rows to a
    property as its text keeps within :data:`MAX_PROPERTY_TEXT` (a fixed twelve went over where the keys name a
    series and a year: 4/provincial@2022)."""
    groups: list[list[str]] = [[]]
    for key, digest in digests.items():
        item = f"{key}:{digest}"
        if groups[-1] and len(",".join([*groups[-1], item]).encode("utf-16-le")) // 2 > MAX_PROPERTY_TEXT:
            groups.append([])
        groups[-1].append(item)
    return {f"{REFERENCE_PROPERTY}{number}": ",".join(items) for number, items in enumerate(groups, 1) if items}


def reference_shown_properties(cells: dict[str, list]) -> dict[str, object]:
    """The custom properties that record what a template wrote in each row's reference cells (``cells``: a row's
    :func:`reference_key`, its reference cells' values in order), an empty cell left out, a long text by its digest."""
    recorded = {}
    for key, values in cells.items():
        for place, value in enumerate(values, 1):
            if value is None or value == "":
                continue
            if isinstance(value, str) and len(value.encode("utf-16-le")) // 2 > 255:
                value = REFERENCE_SHOWN_DIGEST + _text_digest(value)
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2 ** 31:
                value = float(value)  # a property's whole number holds 32 bits
            recorded[f"{REFERENCE_SHOWN_PROPERTY}{key}_{place}"] = value
    return recorded


def _text_digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(str(text).strip().encode("utf-8")).hexdigest()[:16]


def _reference_shown(book) -> dict[str, dict[int, object]]:
    """What a template wrote in each row's reference cells (:func:`reference_shown_properties`), by the row's key and
    the cell's place; none for a workbook made before templates recorded it (its digests only)."""
    shown: dict[str, dict[int, object]] = {}
    for prop in getattr(book, "custom_doc_props", None) or []:
        if not prop.name.startswith(REFERENCE_SHOWN_PROPERTY):
            continue
        key, _, place = prop.name[len(REFERENCE_SHOWN_PROPERTY):].rpartition("_")
        if key and place.isdigit():
            shown.setdefault(key, {})[int(place)] = prop.value
    return shown


def _reference_digests(properties: dict[str, str]) -> dict[str, str]:
    """The rows' digests a template recorded (:func:`reference_properties`); none for a workbook without them."""
    digests = {}
    # in the order the template wrote its rows (analysis_reference_1, _2, …, each's rows in order): the key of its
    # n-th row is the n-th, whatever order the properties come in
    numbered = [(int(name[len(REFERENCE_PROPERTY):]), text) for name, text in properties.items()
                if name.startswith(REFERENCE_PROPERTY) and name[len(REFERENCE_PROPERTY):].isdigit()]
    for _, text in sorted(numbered):
        if isinstance(text, str):
            for item in text.split(","):
                key, _, digest = item.rpartition(":")
                if key and digest:
                    digests[key] = digest
    return digests


def _sent_copy(path: Path, year, plan) -> str:
    """The copy of a template as ``make templates`` wrote it, where it writes it by default
    (reports/templates/weihai/2025/2025-市科技局.xlsx: a workbook comes back with the name it was sent with); "" for a
    workbook that records no plan or year."""
    if not isinstance(plan, str) or not plan.strip() or year is None:
        return ""
    return f"{SENT_FOLDER}/{plan.strip()}/{year}/{Path(path).name}"


def _template_property(book, name: str):
    """A custom property a template wrote: the year (a whole number), the sheet's name or the language; None
    otherwise."""
    for prop in getattr(book, "custom_doc_props", None) or []:
        if prop.name != name:
            continue
        if name == YEAR_PROPERTY and isinstance(prop.value, int | float) and float(prop.value).is_integer():
            return int(prop.value)
        if name in (SHEET_PROPERTY, LANGUAGE_PROPERTY) and isinstance(prop.value, str):
            return prop.value
    return None


def named_in(path: Path) -> str:
    """The language of a file's name: Chinese for 市科技局.xlsx, English otherwise; what makes a file no workbook to
    read (a zip that is none, a lock file's name) is told in it."""
    return "zh" if re.search("[\u4e00-\u9fff]", Path(path).name) else "en"


def _check_zip(data: bytes, path: Path, words: Catalog) -> None:
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise InputError(words.text("entry_errors.not_a_workbook", why=words["entry_errors.not_a_zip"]),
                         file=path) from None
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise InputError(words.text("entry_errors.too_large_unpacked", size=f"{MAX_UNPACKED_BYTES:,}"), file=path)
    workbook = next((part for part in parts if part.filename == "xl/workbook.xml"), None)
    if workbook is not None and STRICT_NAMESPACE in zipfile.ZipFile(io.BytesIO(data)).read(workbook)[:2000]:
        raise InputError(words["entry_errors.strict_xml"], file=path)


def _sheet_rows(sheet, path: Path, required: list[str], optional: list[str], text_kinds: dict[str, str],
                template: bool = False, filled_by_hand: tuple[str, ...] = FILLED_BY_HAND,
                words: Catalog | None = None, references: dict[str, str] | None = None,
                year: int | None = None, recorded: dict[str, dict[int, object]] | None = None,
                sent: str = "") -> SheetRows | None:
    """The input rows of one visible sheet; None for a sheet without a header row. ``template``: the workbook is
    one ``make templates`` wrote, whose reference columns (labelled in the row above the header, after one empty
    column) stand right of the input columns, or a sheet whose labels name them (a template's sheet copied into a new
    workbook). ``words``: the language of the errors (a template's); without it, the language of the labels above
    the header row, else of the header row (a workbook of one's own headed 编号, 数值: Chinese). ``references``: the
    digests of the rows' reference cells as the template wrote them (:func:`reference_digest`), by
    :func:`reference_key`; ``year``: the year the template was made for, by which a row copied whole (its reference
    cells too) and given another year is told from the row it copies. ``recorded``: what the template wrote in each
    row's reference cells (:func:`reference_shown_properties`), named to put back where one was changed; ``sent``: the
    template's copy as it was sent, named where they cannot be (a workbook that records its digests only)."""
    from openpyxl.utils import get_column_letter

    title = sheet.title
    shown_sheet = sheet_reference(title)
    top = [tuple(row) for row in sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS)]
    names = header_names(required + optional)
    first = {key for key, name in names.items() if name == required[0]}
    header_index = next((i for i, row in enumerate(top) if row and header_key(row[0].value) in first), None)
    if header_index is None:
        return None
    labelled = (header_index + 1 < len(top) and bool(top[header_index + 1])
                and header_key(top[header_index + 1][0].value) in first)
    if labelled:
        header_index += 1  # the template's labels, then its header row (or the labels typed over it)
    header_row = header_index + 1
    typed = _header_cells(top[header_index], names)
    header = [names.get(header_key(text), text) for text in typed]
    labels_row = typed[0] != required[0]  # the header row is the template's row of labels (its names deleted)
    # a template's sheet copied into a workbook of its own keeps its labels, not the properties that name it one: its
    # reference columns are known by their labels, and its language by the labels a person reads, not by the names
    shown_labels = top[header_index - 1] if labelled else top[header_index] if labels_row else ()
    template = template or _reference_labelled(shown_labels, len(header))
    words = words or told_in([str(cell.value) if cell.value is not None else "" for cell in shown_labels[:len(header)]]
                             if labelled else typed)
    # a column is read by the first header cell that names it; an unknown column (a header cell renamed) is not read
    read = [index for index, name in enumerate(header)
            if name in required + optional and header.index(name) == index]
    letters = {header[index]: get_column_letter(index + 1) for index in reversed(range(len(header)))}
    if sheet.max_row - header_row > MAX_ROWS:
        raise InputError(words.text("entry_errors.too_many_rows", rows=f"{MAX_ROWS:,}"), file=path,
                         line=f"{shown_sheet}!A{header_row}")
    # a sheet of words (no value column: a template's 工作进展与说明) is told its mistakes in its own terms: its cells
    # hold words, its rows are tasks and indicators, and it has no note column
    own = "_words" if "value" not in required + optional else ""
    # the header row merged across columns (A4:J4): its columns after the first have no name, and every cell under
    # them would be told as unread, row by row; told once, at the merged cell, the sheet not read further
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= header_row <= merged.max_row and merged.min_col < merged.max_col:
            label = field_label(words, template)
            raise InputError(words.text("entry_errors.merged_header", cells=merged.coord), file=path,
                             line=f"{shown_sheet}!{merged.coord}", field=label("header") if label else "header")
    # every row's mistakes, told together: a department fixes them at once
    mistakes = Mistakes(field_label(words, template))
    # the header's mistakes (named as the workbook's language names it: 表头), each at its cell, told with the rows':
    # the rows are read by the columns the header names all the same, so that nothing waits for a second round
    # a header cell cleared among the others (备注 deleted): told at its cell, its column not read, the rest read
    cleared = {index: _cleared_column(top, header_index, index, names, header) for index, text in enumerate(typed)
               if not text}
    told = {index: InputError(words.text("entry_errors.empty_header_named", column=column_label(words, column))
                              if column else words["entry_errors.empty_header"], file=path,
                              line=f"{shown_sheet}!{get_column_letter(index + 1)}{header_row}", field="header")
            for index, column in cleared.items()}
    # the header's other mistakes; a required column it lacks because its cell was cleared is told at that cell
    restored = [cleared.get(index) or name for index, name in enumerate(header)]
    # a header cell renamed under the template's label (数值 above 2023年数值): told at that cell as the column it was
    above = {index: names.get(header_key(cell.value), "") for index, cell in enumerate(shown_labels)} if labelled \
        else {}
    found = header_mistakes(typed, restored, required, optional, words, path, f"{shown_sheet}!A{header_row}",
                            lambda index: f"{shown_sheet}!{get_column_letter(index + 1)}{header_row}", above)
    for error in sorted([*found, *told.values()], key=lambda error: (len(error.line), error.line)):  # by column
        mistakes.add(error)
    missing = tuple(name for name in required if name not in header)
    merged_rows: set[int] = set()  # a merged cell's rows: told as such, never kept as values
    merged_cells: set[tuple[int, int]] = set()  # (row, column) of the merged cells: not read; the rest still checked
    for merged in sheet.merged_cells.ranges:
        if merged.max_row > header_row and merged.min_col <= len(header):
            across = merged.min_row == merged.max_row  # one row's cells (value and source): not several rows'
            # a merged cell of one column is named by its column, as any other cell's mistake (数值: …)
            column = header[merged.min_col - 1] if merged.min_col == merged.max_col else None
            mistakes.add(InputError(words.text("entry_errors.merged_across" if across else f"entry_errors.merged{own}",
                                               cells=merged.coord), file=path, line=f"{shown_sheet}!{merged.coord}",
                                    field=column))
            rows_ = range(max(merged.min_row, header_row + 1), merged.max_row + 1)
            merged_rows |= set(rows_)
            merged_cells |= {(r, c) for r in rows_ for c in range(merged.min_col, merged.max_col + 1)}
    # the template's reference columns, from its indicator's name (after the empty column, or where its label stands:
    # a header cell typed into the empty column moves them not) up to ``read_to``
    widest = max((max(shown, default=0) for shown in (recorded or {}).values()), default=0)
    name_column, read_to = _read_columns(top, header_index, len(header), template, labels_row, widest)
    value_column = header.index("value") if "value" in header else None
    hidden = _hidden_columns(sheet)
    hidden_columns = [header[index] for index in read if index + 1 in hidden]
    beside_column = name_column  # after the empty column: a template's indicator name
    records, beside, noted, refused, asides, added, asked, listed, own_rows = [], {}, [], [], {}, set(), {}, {}, {}
    # the rows as the template wrote them, from the first under its header: the key of each, by row number
    written_at = {number: key for number, key in enumerate(references or {}, header_row + 1)}
    placed = _placed_rows(sheet, written_at)
    known_keys = _series_forms(references or {})
    on_file, on_file_column = {}, _on_file_column(shown_labels, len(header)) if references else None
    read_as: dict[int, str] = {}  # the key each row is read as (by its cells, its reference cells), by row number
    written: dict[str, list[tuple[int, bool]]] = {}  # the rows giving a key's reference cells as the template wrote
    # them: their number, and whether they give the template's year
    # reference columns deleted (or inserted among them): every row's reference cells moved, each column told once at
    # its header cell, not as each row's cells changed
    shifted = _shifted_reference(sheet, written_at, recorded or {}, name_column, max(read_to, name_column + widest - 1))
    if shifted:
        more = sum(kind == "inserted" for kind, _, _ in shifted) - sum(kind == "deleted" for kind, _, _ in shifted)
        read_to = max(read_to, name_column + widest - 1 + max(more, 0))  # an empty label ends none of them
    header_cell = header_row - 1 if labelled else header_row
    for kind, run in _side_by_side(shifted):  # columns side by side: told once, at their header cells
        first, last = run[0][0], run[-1][0]
        if len(run) == 1:
            reason = words.text(f"entry_errors.reference_column_{kind}", letter=first, **run[0][1])
        else:
            held = words["grammar.list_separator"].join(  # what a deleted column's first row held
                words.text("entry_errors.reference_column_held", letter=letter, **example) for letter, example in run
                if kind == "deleted")
            reason = words.text(f"entry_errors.reference_columns_{kind}", count=len(run), held=held,
                                letters=words.join_and(letter for letter, _ in run))
        mistakes.add(InputError(reason, file=path, line=f"{shown_sheet}!{first}{header_cell}"
                                + (f":{last}{header_cell}" if len(run) > 1 else "")))
        if kind == "deleted" and get_column_letter(name_column) in {letter for letter, _ in run}:
            beside_column = None  # the name deleted: what stands there now is another column's, no name to check
    for number, row in enumerate(sheet.iter_rows(min_row=header_row + 1), header_row + 1):
        if number in merged_rows:
            # its merged cells told above; its other cells checked all the same, so that a department fixes the
            # sheet in one round (a "2.7%" beside a merged source); the row is not kept
            _check_beside_merged(row[:len(header)], header, number, merged_cells, letters, path, shown_sheet,
                                 text_kinds, mistakes, words, hidden_columns, read, own)
            continue
        cells = list(row[:len(header)]) + [None] * (len(header) - len(row))
        with mistakes.row():  # told apart: a note typed beside the row does not hide the row's own mistakes
            _refuse_unread(row, name_column, read_to, len(header), path, shown_sheet, number, words, own)
        first = cells[0].value if cells[0] is not None else None
        if isinstance(first, str) and TOTALS.fullmatch(re.sub(r"\s", "", first)):
            # a totals row under the series (合计, Total): one line for the row, not one for each of its cells
            mistakes.add(InputError(words.text("entry_errors.totals_row", row=number, text=first.strip()), file=path,
                                    line=f"{shown_sheet}!A{number}"))
            continue
        # a row's mistakes stop none of its other cells' checks: a changed reference cell, a hidden row, a struck
        # source are told with the row's other mistakes, and the row, left out, still goes to the checks that follow
        # (``refused``) for what they find in its other cells (a date not a date, the year not the workbook's)
        told: set[str] = set()  # the columns of the row whose mistake is told here
        before = len(mistakes.errors)
        key = reference_key(cells[0].value if cells[0] is not None else None,
                            cells[1].value if len(cells) > 1 and cells[1] is not None else None)
        key = known_keys.get(_series_form(key), key)  # a series as the docs accept it (省, prov, NATIONAL)
        dated = None
        if number in placed and key and "year" in header:
            # a row the template wrote, standing where it wrote it: its series and year are the ones it wrote there
            there = placed[number]
            try:
                _changed_place(cells, header, key, there, year, placed, known_keys.values(), letters, path,
                               shown_sheet, number, words)
            except InputError as exc:
                mistakes.add(exc)
                told.add(exc.field)
            if plain_key(key).partition("/")[0] == plain_key(there).partition("/")[0]:
                key = there  # its reference cells compared with those the template wrote there
                if YEAR_MARK in there:
                    asked[number] = int(there.partition(YEAR_MARK)[2])
        else:
            dated = _dated_row(row, cells, header, key, references, name_column, read_to, written_at.get(number))
        if dated:  # a row the template wrote for an earlier year (its reference cells that year's)
            key, asked[number] = dated
        elif key and references and written_at.get(number) == key and "year" in header and number not in placed:
            # the template's row for its own year, where it wrote it: a year changed to one it lists a row for
            given = plain_text(getattr(cells[header.index("year")], "value", None)).strip()
            row_of = {name: at for at, name in written_at.items()}
            if given.isdigit() and dated_key(key, given) in row_of:
                listed[number] = row_of[dated_key(key, given)]
        read_as[number] = key
        changed, doubted = False, ()  # the name beside the row: told with its reference cells, not checked again
        try:
            if references and key in references and not shifted:  # a template's reference cells, changed:
                # nothing there is read
                _refuse_changed_reference(row, name_column, read_to, key, references, letters, path, shown_sheet,
                                          number, words, (recorded or {}).get(key), sent, year)
                shown = row[on_file_column].value if on_file_column is not None and on_file_column < len(row) else None
                if isinstance(shown, int | float) and not isinstance(shown, bool):  # as the template wrote it
                    on_file[number] = float(shown)
                if any(not _blank(cell) for cell in row[name_column - 1:read_to]) and "year" in header:
                    year_cell = cells[header.index("year")]
                    given = plain_text(year_cell.value if year_cell is not None else None)
                    written.setdefault(key, []).append((number, given.strip() == str(year) or number in asked))
                    gives = asked.get(number) or (year if given.strip() == str(year) else None)
                    if gives is not None:
                        own_rows.setdefault((plain_key(key), gives), number)
        except InputError as exc:
            mistakes.add(exc)
            changed = True
            # its id changed (the row's reference cells are another row's): what it names is in doubt, so the checks
            # that follow judge its value by no indicator
            doubted = ("indicator_id", "series") if exc.field == "indicator_id" else ()
            if exc.field == "year":  # a changed year, told here: not again by the checks that follow
                told.add("year")
        stop = True  # a row told in one line (words on no series' row, a 0 for no value): its cells are not checked
        with mistakes.row():
            aside = _words_on_no_row(cells, header, value_column)
            if aside is not None:  # a footnote under the table (注：以上数据为初步数), a signature (填表人：李四)
                column, text = aside
                raise InputError(words.text(f"entry_errors.words_on_no_row{own}", row=number,
                                            text=quote(text, 40, words=words)),
                                 file=path, line=f"{shown_sheet}!{letters[column]}{number}")
            filled = next((name for name in filled_by_hand
                           if name in header and not _blank(cells[header.index(name)])), None)
            if value_column is None and filled is None:
                words_only = _words_below(cells, header)
                if words_only is not None:  # 注：任务进展详见附件 below the listed rows of a words sheet
                    column, text = words_only
                    raise InputError(words.text(f"entry_errors.words_on_no_row{own}", row=number,
                                            text=quote(text, 40, words=words)),
                                     file=path, line=f"{shown_sheet}!{letters[column]}{number}")
                if template:  # its grey cells still compared with the template's (a task's name typed over)
                    asides[number] = _aside(row, cells, header, name_column, read_to, shown_sheet, number)
                continue  # a row nobody filled: the template lists every one
            given = [name for name in filled_by_hand if name in header and not _blank(cells[header.index(name)])]
            # no value, and a note saying why (统计局尚未发布): kept as the department's word on the value it lacks
            no_value = (value_column is not None and _blank(cells[value_column]) and "note" in given
                        and set(given) <= {"note", "source", "source_en"}
                        and says_why(str(cells[header.index("note")].value)))  # words, not a value typed aside
            if (value_column is not None and not _blank(cells[value_column]) and cells[value_column].value == 0
                    and "note" in given and not {"source", "source_en"} & set(given)
                    and NO_DATA_NOTE.search(str(cells[header.index("note")].value))):
                # 0 typed for "no value yet", its note saying so: one line on the 0, not its missing source first
                raise InputError(words["entry_errors.zero_for_none"], file=path,
                                 line=f"{shown_sheet}!{letters['value']}{number}", field="value")
            if value_column is not None and _blank(cells[value_column]) and not no_value:
                if filled is None:
                    continue  # a series the department has no value for: the template lists them all
                stop = False
                told.add("value")
                raise InputError(words.text("entry_errors.value_missing", column=column_label(words, filled),
                                            cell=f"{letters[filled]}{number}"), file=path,
                                 line=f"{shown_sheet}!{letters['value']}{number}", field="value")
            stop = False
        if stop:
            continue
        dimension = sheet.row_dimensions[number]
        if dimension.hidden or dimension.height == 0:
            # its cells still checked: what else is wrong with them is told in the same round, not once it is shown
            shown = "value" if value_column is not None else filled
            mistakes.add(InputError(words.text(f"entry_errors.hidden_row{own}", row=number), file=path,
                                    line=f"{shown_sheet}!{letters[shown]}{number}", field=shown))
        unseen = [column for column in hidden_columns if not _blank(cells[header.index(column)])]
        if unseen:  # the first told (the columns shown, all are); their cells still checked, as a hidden row's are
            column = unseen[0]
            # the column named once: by the message's field, then by its letter
            mistakes.add(InputError(words.text("entry_errors.hidden_column", letter=letters[column]), file=path,
                                    line=f"{shown_sheet}!{letters[column]}{number}", field=column))
        record = {}
        for column, cell in ((header[index], cells[index]) for index in read):
            record[column] = ""
            if column in told:  # its mistake told (in a hidden row): read as it is, for the checks of the others
                with contextlib.suppress(InputError):
                    record[column] = _cell_text(cell, file=path, where="", column=column, words=words)
                continue
            with mistakes.row():  # each cell of the row: two mistakes in one row are both told
                told.add(column)  # until it is read
                where = f"{shown_sheet}!{letters[column]}{number}"
                kind = text_kinds.get(column, "cell")
                try:
                    _refuse_unseen(cell, path, where, column, words, "note" in header, own)
                finally:  # as it reads, struck or white, for the checks of the row's other cells
                    with contextlib.suppress(InputError):
                        record[column] = _cell_text(cell, file=path, where=where, column=column, words=words,
                                                    words_in=kind != "cell")
                text = _cell_text(cell, file=path, where=where, column=column, words=words, words_in=kind != "cell")
                check_text(text, kind=kind, multiline=kind in MULTILINE_KINDS, file=path, line=where,
                           field=column, words=words)
                told.discard(column)
        record.update({column: "" for column in doubted if column in record})
        told |= set(doubted)
        record[LINE_COLUMN] = number
        if value_column is None and template:
            asides[number] = _aside(row, cells, header, name_column, read_to, shown_sheet, number)
        name = row[beside_column - 1].value if beside_column is not None and len(row) >= beside_column else None
        if isinstance(name, str) and name.strip() and not changed and "series" not in told:  # the series in doubt
            beside[number] = (f"{shown_sheet}!{get_column_letter(beside_column)}{number}", name.strip())
        if template and references and value_column is not None and all(
                index > len(row) or _blank(row[index - 1]) for index in range(name_column, read_to + 1)):
            # no name, no reference cells beside it, where the template wrote them for its rows: a row it did not
            # write (a workbook without reference cells, its rows all alike, has none added)
            added.add(number)
        if len(mistakes.errors) > before:
            refused.append({**record, TOLD: frozenset(told)})
            continue
        if no_value:
            noted.append(record)
            continue
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=[*required, *optional, LINE_COLUMN])
    for column in required + optional:
        frame[column] = [cell if isinstance(cell, str) else "" for cell in frame[column]]
    # a row copied whole, reference cells and all, for another year's value: added, as a row typed below the
    # template's is, and told which row it copies (not as a locked cell changed)
    copied = {}
    for rows in written.values():
        original = next((number for number, own in rows if own), None)
        if original is not None:
            copied.update({number: original for number, own in rows if not own})
    return SheetRows(frame, title, letters, beside, noted, mistakes.errors, words.language, missing, refused, asides,
                     on_file, frozenset(added | set(copied)), copied, asked, listed, own_rows,
                     _row_ranges(_value_ranges(sheet, letters.get("value")), written_at, read_as)
                     if template and value_column is not None else {})


def _row_ranges(ranges: dict[int, tuple[float, float]], written_at: dict[int, str],
                read_as: dict[int, str]) -> dict[int, tuple[float, float]]:
    """The plausible range of each row as it is read (``read_as``: its key, by row number): the range the template
    validated the row it wrote for that key with. Where the validations stand where the template put them (a row
    deleted or added by a tool that leaves them there), that row's; where they moved with the rows (Excel moves a
    validation with its cells), the row's own."""
    if not ranges or not written_at or (min(ranges), max(ranges)) != (min(written_at), max(written_at)):
        return ranges
    row_of = {key: number for number, key in written_at.items()}
    return {number: ranges[row_of[key]] if key in row_of else ranges[number]
            for number, key in read_as.items() if (row_of[key] if key in row_of else number) in ranges}


def _value_ranges(sheet, letter: str | None) -> dict[int, tuple[float, float]]:
    """The range each value cell's validation lets pass (a template's plausible range for the row), by row number."""
    from openpyxl.utils import get_column_letter

    ranges = {}
    for validation in getattr(getattr(sheet, "data_validations", None), "dataValidation", None) or []:
        if validation.type != "decimal" or letter is None:
            continue
        try:
            low, high = float(validation.formula1), float(validation.formula2)
        except (TypeError, ValueError):
            continue
        for cells in validation.sqref.ranges:
            if cells.min_col == cells.max_col and get_column_letter(cells.min_col) == letter:
                ranges.update({number: (low, high) for number in range(cells.min_row, cells.max_row + 1)})
    return ranges


def _placed_rows(sheet, written_at: dict[int, str]) -> dict[int, str]:
    """The rows the template wrote that still stand where it wrote them, each with the key it wrote there (``1/@2023``,
    ``4/国家级``): those of an indicator whose every row the template wrote still gives its indicator, so that a row
    deleted, added or moved among them leaves the indicator's rows to be known by their reference cells instead."""
    if not written_at:
        return {}
    given = {row[0].row: reference_key(row[0].value, None) for row in
             sheet.iter_rows(min_row=min(written_at), max_row=max(written_at), max_col=1) if row}
    indicators: dict[str, list[int]] = {}
    for number, key in written_at.items():
        indicators.setdefault(plain_key(key).partition("/")[0] + "/", []).append(number)
    return {number: written_at[number] for identifier, numbers in indicators.items()
            if all(given.get(number) == identifier for number in numbers) for number in numbers}


def _series_form(key: str) -> str:
    """A row's key with its series as the plan names it (4/省, 4/prov, 4/Provincial: 4/provincial), "" for none."""
    identifier, _, series = key.partition("/")
    return f"{identifier}/{series_named(series, [])}" if identifier else ""


def _series_forms(references: dict[str, str]) -> dict[str, str]:
    """The key of each series the template wrote a row of (4/省级), by its series as the plan names it
    (4/provincial): a series cell retyped in a form the docs accept (省, prov, Provincial) is the row's."""
    keys = dict.fromkeys(plain_key(key) for key in references)
    return {_series_form(key): key for key in keys if key}


def _changed_place(cells, header: list[str], key: str, written: str, year: int | None, placed: dict[int, str],
                   listed, letters: dict, path: Path, shown_sheet: str, number: int, words: Catalog) -> None:
    """A row the template wrote (``written``: its key there, ``1/@2023``) whose locked series or year cell was
    changed (``key``: the row's key as its cells give it; ``listed``: the keys of the series the template wrote rows
    of, 4/国家级) to another the template wrote rows of is refused at that cell, told what to type back. A year
    that is no whole number, and a row of the workbook's own year given a year it lists no row of (told to ask for
    that year's workbook), are left to the checks that follow."""
    identifier, _, series = plain_key(written).partition("/")
    if plain_key(key) != plain_key(written):
        if plain_key(key).partition("/")[0] != identifier or plain_key(key) not in listed:
            return  # its id changed (told by its reference cells), or a series the indicator lacks (by the checks)
        given = plain_text(getattr(cells[header.index("series")], "value", None)) if "series" in header else ""
        raise InputError(words.text("entry_errors.series_changed", series=quote(given.strip(), 30, words=words),
                                    written=series), file=path,
                         line=f"{shown_sheet}!{letters.get('series', 'B')}{number}", field="series")
    shown = plain_text(getattr(cells[header.index("year")], "value", None)).strip()
    own = int(written.partition(YEAR_MARK)[2]) if YEAR_MARK in written else year
    if not shown.isdigit() or own is None or int(shown) == own:
        return
    rows = {placed_key: at for at, placed_key in placed.items()}
    other = rows.get(dated_key(plain_key(written), shown) if int(shown) != year else plain_key(written))
    if other is None and own == year:
        return  # the row of the workbook's year, given a year it lists no row of: told by the checks that follow
    raise InputError(words.text("entry_errors.template_year_listed" if other else "entry_errors.row_year",
                                year=int(shown), template=own, row=other or ""),
                     file=path, line=f"{shown_sheet}!{letters.get('year', 'C')}{number}", field="year")


def _dated_row(row, cells, header: list[str], key: str, references: dict[str, str] | None, name_column: int,
               read_to: int, written: str | None = None) -> tuple[str, int] | None:
    """A row the template wrote for an earlier year of the plan period (:func:`dated_key`): its key and that year,
    where the template recorded a row of the year its year cell gives, and its reference cells are that row's, or
    another's of none (a reference cell typed over: told against that year's). A row of the workbook's year whose
    locked year was changed keeps its own key: its reference cells are still its own, and the year is told; where
    they are the same as the earlier year's (nothing new on file since), by where it stands: the row the template
    wrote there (``written``, its key) for its own year."""
    if not references or not key or "year" not in header:
        return None
    year_cell = cells[header.index("year")]
    given = plain_text(year_cell.value if year_cell is not None else None).strip()
    if not given.isdigit() or dated_key(key, given) not in references:
        return None
    values = [cell.value for cell in row[name_column - 1:read_to]]
    digest = reference_digest(values + [None] * (read_to - name_column + 1 - len(values)))
    if digest == references.get(key) and (digest != references[dated_key(key, given)] or written == key):
        return None
    return dated_key(key, given), int(given)


def _on_file_column(labels, inputs: int) -> int | None:
    """The index (0-based) of a template's "value on file" column among its reference columns (本行年份已收到的数值,
    Value already received for the row's year; 已收到的2025年数值 and 2025 value on file in an earlier template: its
    label in either language), found in its row of ``labels``; None where it has none."""
    forms = [re.escape(catalog(language)[f"entry.{node}.on_file"]).replace(r"\{year\}", r"\d{4}")
             for language in LANGUAGES for node in ("reference", "earlier_reference")]
    return next((index for index, cell in enumerate(labels[inputs + 1:], inputs + 1)
                 if any(re.fullmatch(form, str(cell.value or "").strip()) for form in forms)), None)


def _aside(row, cells, header: list[str], name_column: int, read_to: int, shown_sheet: str, number: int):
    """A row of a sheet without values as :attr:`SheetRows.aside` keeps it: its cells under the header as plain
    text (2024 as "2024"), and its grey reference cells (from ``name_column`` up to ``read_to``), each named."""
    from openpyxl.utils import get_column_letter

    texts = {column: plain_text(cell.value if cell is not None else None) for column, cell in zip(header, cells)}
    greys = tuple((f"{shown_sheet}!{get_column_letter(index)}{number}",
                   row[index - 1].value if index <= len(row) else None)
                  for index in range(name_column, read_to + 1))
    return texts, greys


def plain_text(value) -> str:
    """A cell's value as plain text: a whole number without its ".0", nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _words_on_no_row(cells, header: list[str], value_column: int | None) -> tuple[str, str] | None:
    """The column and text of the first cell a row fills when it names no series and gives no value (no number where
    the indicator's number or the year goes): words under the table, a footnote or a signature in any column
    (填表人：李四 under 编号, 审核人：王五 under 年份); None for any other row."""
    if value_column is None or not _blank(cells[value_column]):
        return None
    for name in ("indicator_id", "year"):
        cell = cells[header.index(name)] if name in header else None
        if cell is not None and not _blank(cell) and (
                isinstance(cell.value, int | float) or re.search(r"[0-9０-９]", str(cell.value))):
            return None  # a series' row (a template's, or one added, its number mistyped), whatever else it lacks
    return next(((name, str(cell.value).strip()) for name, cell in zip(header, cells) if name and not _blank(cell)),
                None)


def _words_below(cells, header: list[str]) -> tuple[str, str] | None:
    """The column and text of the first cell filled on a row of a sheet without values (a words sheet) whose id and
    year (a template fills them) are both empty: words below the listed rows, in its first column too; else None."""
    listed = [name for name in ("id", "year") if name in header]
    if not listed or any(not _blank(cells[header.index(name)]) for name in listed):
        return None
    return next(((name, str(cell.value).strip()) for name, cell in zip(header, cells) if name and not _blank(cell)),
                None)


#: A note saying a value is not there yet (尚未发布, 暂无数据, not yet published): a 0 beside it stands for none.
NO_DATA_NOTE = re.compile(r"尚未|暂无|未公布|未发布|无数据|没有数据|not (?:yet )?(?:published|available)|no data|"
                          r"no value", re.IGNORECASE)
#: What a totals row says in its first column, in either language: 合计, 总计, 小计, Total, Subtotal, Sum.
TOTALS = re.compile(r"(?:合计|总计|小计|共计|总和|(?:sub)?totals?|sum)[:：]?", re.IGNORECASE)


def _header_cells(cells, names: dict[str, str]) -> list[str]:
    """The header row's cells as typed, up to its first empty cell, where a template's reference columns begin; an
    empty cell followed by one naming a column not yet named (a header cell cleared among the others: ``note``
    deleted) is kept as "", and the header goes on."""
    typed: list[str] = []
    texts = [str(cell.value).strip() if cell.value is not None else "" for cell in cells]
    for index, text in enumerate(texts):
        if header_key(text) in _system_labels():
            break  # the template's word on the row (系统字段，请勿修改), right of the empty column: no column's name
        if not text:
            after = next((other for other in texts[index + 1:] if other), "")
            column = names.get(header_key(after))
            if column is None or column in {names.get(header_key(t)) for t in typed}:
                break  # reference columns to the right of an empty header cell are not read; nor a second table
        typed.append(text)
    return typed


@functools.cache
def _system_labels() -> frozenset[str]:
    """What a template writes beside its header row, right of the empty column, in either language (系统字段，请勿修改,
    System field names, do not change): no column's name, where a header cell typed into the empty column would make
    it one."""
    return frozenset(header_key(catalog(language)["entry.system_fields"]) for language in LANGUAGES)


def _cleared_column(top: list[tuple], header_index: int, index: int, names: dict[str, str],
                    header: list[str]) -> str:
    """The column a cleared header cell stood for, where a template's row of labels above it names one the header
    lacks (备注 above the cleared ``note``); "" otherwise."""
    labels = top[header_index - 1] if header_index > 0 else ()
    cell = labels[index] if index < len(labels) else None
    column = names.get(header_key(getattr(cell, "value", None)), "")
    return column if column not in header else ""


def _check_beside_merged(cells, header: list[str], number: int, merged_cells: set, letters: dict, path: Path,
                         shown_sheet: str, text_kinds: dict, mistakes: Mistakes, words: Catalog,
                         hidden_columns: list[str], read: list[int], own: str = "") -> None:
    """The cells of a row a merged cell spans that are not merged: each checked as any row's cell is, its mistakes
    told with the merged cell's (a value is no value of the row while a cell of it is merged). ``read``: the indexes
    (0-based) of the columns read; ``own``: "_words" for a words sheet, told in its own terms."""
    for index, (column, cell) in enumerate(zip(header, cells), 1):
        if (number, index) in merged_cells or _blank(cell) or index - 1 not in read:
            continue
        with mistakes.row():
            where = f"{shown_sheet}!{letters[column]}{number}"
            if column in hidden_columns:
                raise InputError(words.text("entry_errors.hidden_column", letter=letters[column]), file=path,
                                 line=where, field=column)
            _refuse_unseen(cell, path, where, column, words, "note" in header, own)
            kind = text_kinds.get(column, "cell")
            text = _cell_text(cell, file=path, where=where, column=column, words=words, words_in=kind != "cell")
            check_text(text, kind=kind, multiline=kind in MULTILINE_KINDS, file=path, line=where, field=column,
                       words=words)
            if column == "value":  # a number as a value needs (2.7%, 约2.5): told now, not a round later
                parse_number(text, file=path, line=where, field=column, words=words)


def _reference_labelled(cells, inputs: int) -> bool:
    """True when ``cells`` (a row of labels) head a template's reference columns after one empty column: the
    indicator's (or task's) name first, then another of the labels a template writes there, in either language
    (指标名称, 单位, 最新已知值; Indicator, Unit, Latest known value)."""
    texts = [header_key(cell.value) for cell in cells[inputs + 1:]]
    if not texts or any(cell.value not in (None, "") for cell in cells[inputs:inputs + 1]):
        return False
    names = {header_key(label) for key, label in _template_labels() if key == "name"}
    others = {header_key(label) for key, label in _template_labels() if key != "name" and "{" not in label}
    return texts[0] in names and any(text in others for text in texts[1:])


def _template_labels():
    """Each label a template writes above its reference columns (on a sheet of values or of words), in either
    language, with its key (``name``: 指标名称, Indicator)."""
    for language in LANGUAGES:
        for path in (("entry", "reference"), ("entry", "earlier_reference"), ("entry", "words", "reference")):
            node = catalog(language).entries
            for part in path:
                node = node.get(part, {}) if isinstance(node, dict) else {}
            yield from ((key, label) for key, label in node.items() if isinstance(label, str))


def _blank(cell) -> bool:
    return cell is None or cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())


def _read_columns(top: list[tuple], header_index: int, inputs: int, template: bool,
                  labels_row: bool = False, recorded: int = 0) -> tuple[int, int]:
    """The first and last columns (1-based) right of the input columns whose cells below the header are read or
    stand for a reason: the indicator's name after one empty column (checked against the row's indicator), and for a
    template its other reference columns (labelled in the row above the header, or in the header row when it is the
    template's row of labels: ``labels_row``). A template's reference columns are known by their labels: they begin
    at the name's label (指标名称, Indicator), wherever a header cell typed into the empty column leaves it, and end
    at the last of the labels a template writes there (a column a person added right of them, 填报人, is none of
    them: nothing in it is read). Where no label names them (the row of labels deleted), the ``recorded`` number of
    reference columns the template wrote, from the name's column after the empty one."""
    first = inputs + 2
    if not template:
        return first, first
    rows = [top[header_index - 1]] * (header_index > 0) + [top[header_index]] * labels_row
    names, known = _reference_labels()
    labelled = next((index + 1 for labels in rows for index in range(inputs, len(labels))
                     if header_key(labels[index].value) in names), None)
    if labelled is None and recorded:
        return first, first + recorded - 1
    first = labelled or first
    last = first
    for labels in rows:
        end, shown = first, None  # end: the last labelled column; shown: the last of the template's labels
        while end < len(labels) and labels[end].value not in (None, ""):
            end += 1
            if any(pattern.fullmatch(header_key(labels[end - 1].value) or "") for pattern in known):
                shown = end
        last = max(last, shown or end)
    return first, last


@functools.cache
def _reference_labels() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """The labels a template writes above its reference columns, in either language: the name's (指标名称, Indicator;
    任务或指标名称 on a words sheet), and a pattern for every label (a year in it as any year: 2025年目标)."""
    names, patterns = set(), []
    for key, label in _template_labels():
        if key == "name":
            names.add(header_key(label))
        patterns.append(re.compile(re.sub(r"\\\{[a-z_]+\\\}", r"\\S+", re.escape(header_key(label)))))
    return frozenset(names), tuple(patterns)


def _refuse_unread(row, name_column: int, read_to: int, inputs: int, path: Path, shown_sheet: str, number: int,
                   words: Catalog, own: str = "") -> None:
    """Something typed where nothing is read (the empty column after the input columns, or beyond the last
    column read: a second table beside the first, a note in a column without a header) is refused, naming it (on a
    words sheet, ``own`` "_words", told to go into the row's input cells: it has no note column). The columns
    ``name_column`` to ``read_to`` are the template's reference, checked apart."""
    from openpyxl.utils import get_column_letter

    for index, cell in enumerate(row[inputs:], inputs + 1):
        if name_column <= index <= read_to or _blank(cell):
            continue
        raise InputError(words.text(f"entry_errors.unread{own}", text=quote(str(cell.value), 40, words=words)),
                         file=path, line=f"{shown_sheet}!{get_column_letter(index)}{number}")


def _refuse_changed_reference(row, name_column: int, read_to: int, key: str, references: dict[str, str],
                              letters: dict, path: Path, shown_sheet: str, number: int, words: Catalog,
                              shown: dict[int, object] | None = None, sent: str = "", year: int | None = None) -> None:
    """A template's reference cells of row ``number`` (``name_column`` to ``read_to``, 1-based) that no longer give
    the digest the template recorded for the row's ``key`` (its indicator and series cells): a value typed over "the
    value on file", a target changed. Nothing there is read, so it is refused, the row's cells named, and the value's
    own cell. Where they are, unchanged, another row's (its id cell changed, or the input columns sorted without the
    reference columns), the cells changed are named instead, and the row they belong to."""
    from openpyxl.utils import get_column_letter

    values = [cell.value for cell in row[name_column - 1:read_to]]
    values += [None] * (read_to - name_column + 1 - len(values))
    # as written, or all empty (a row added below the template's, or its reference cleared: nothing typed there)
    digest = reference_digest(values)
    if digest == references[key] or all(value in (None, "") for value in values):
        return
    cells = f"{get_column_letter(name_column)}{number}:{get_column_letter(read_to)}{number}"
    other = next((other for other, recorded in references.items() if recorded == digest and other != key), None)
    if other is not None:
        (identifier, series), (other_id, other_series) = plain_key(key).split("/", 1), plain_key(other).split("/", 1)
        pairs = (("indicator_id", "A", identifier, other_id), ("series", "B", series, other_series))
        changed = [letters.get(column, letter) for column, letter, mine, theirs in pairs if mine != theirs]
        if not changed:  # another year's row of the same series (a year changed to one the template lists no row of)
            from openpyxl.utils import column_index_from_string

            letter = letters.get("year", "C")
            cell = row[column_index_from_string(letter) - 1] if column_index_from_string(letter) <= len(row) else None
            written = other.partition(YEAR_MARK)[2] or year
            raise InputError(words.text("entry_errors.row_year", year=plain_text(getattr(cell, "value", None)).strip(),
                                        template=written), file=path, line=f"{shown_sheet}!{letter}{number}",
                             field="year")
        raise InputError(words.text("entry_errors.reference_moved", id=_row_label(key, words), cells=cells,
                                    other=_row_label(other, words)), file=path,
                         line=f"{shown_sheet}!{changed[0]}{number}" + (f":{changed[-1]}{number}" * (len(changed) > 1)),
                         field="indicator_id")
    value = f"{letters.get('value', 'D')}{number}"
    # each cell changed, with what the template wrote there (recorded beside its digest): what to put back
    changes = [] if shown is None else [
        (f"{get_column_letter(index)}{number}", shown.get(place), current)
        for place, (index, current) in enumerate(zip(range(name_column, read_to + 1), values), 1)
        if not _same_reference(current, shown.get(place))]
    if changes and not any(_digested(original) for _, original, _ in changes):
        # one cell changed is named once, as the error's place; several, each in the sentence, the row's cells the place
        kind = "reference_cell_was" if len(changes) == 1 else "reference_was"

        def change(cell: str, original, current) -> str:
            if current in (None, ""):
                return words.text(f"entry_errors.{kind}_emptied", cell=cell, was=plain_text(original))
            key = f"entry_errors.{kind}" if original not in (None, "") else f"entry_errors.{kind}_empty"
            return words.text(key, cell=cell, was=plain_text(original), now=quote(plain_text(current), 40, words=words))

        if len(changes) == 1:
            raise InputError(words.text("entry_errors.reference_changed_cell", change=change(*changes[0]), value=value),
                             file=path, line=f"{shown_sheet}!{changes[0][0]}")
        told = words["grammar.list_separator"].join(change(*each) for each in changes)
        raise InputError(words.text("entry_errors.reference_changed_to", changes=told, value=value), file=path,
                         line=f"{shown_sheet}!{cells}")
    raise InputError(words.text("entry_errors.reference_changed_sent" if sent else "entry_errors.reference_changed",
                                cells=cells, value=value, sent=sent), file=path, line=f"{shown_sheet}!{cells}")


def _shifted_reference(sheet, written_at: dict[int, str], recorded: dict[str, dict[int, object]], name_column: int,
                       read_to: int) -> list[tuple[str, str, dict[str, object]]]:
    """The template's reference columns deleted and the columns inserted among them (``deleted``/``inserted``, the
    column's letter, and what the first row to hold something there held, for a deleted one), left to right: when
    every row the template wrote where it wrote it gives its reference cells as the template wrote them but for
    columns deleted (one, several side by side, several apart) or inserted, the others moved as many to the left or
    right. Each
    template column is matched to the sheet's column that holds, row by row, what it held (as many matched as can
    be, in the columns' order); one matched to none was deleted, a column of the sheet between two matched that
    matches none was inserted. Empty where every column stands where the template wrote it, where a row's cells no
    longer hold what they held (its cells are told as changed instead), or where columns were both deleted and
    inserted between the same two kept (a column's cells replaced, told cell by cell)."""
    from openpyxl.utils import get_column_letter

    width = read_to - name_column + 1
    rows = {number: key for number, key in written_at.items() if recorded.get(key)}
    if width < 2 or not rows:
        return []
    span = 2 * width  # the template's columns, and as many inserted
    now, wrote = [], []
    for number, key in sorted(rows.items()):
        cells = next(sheet.iter_rows(min_row=number, max_row=number, min_col=name_column,
                                     max_col=name_column + span - 1))
        values = [cell.value for cell in cells] + [None] * (span - len(cells))
        was = [recorded[key].get(place) for place in range(1, width + 1)]
        if all(_same_reference(value, written) for value, written in zip(values, was)):
            return []  # a row as the template wrote it: no column moved
        now.append(values)
        wrote.append(was)
    same = [[all(_same_reference(values[column], was[place]) for values, was in zip(now, wrote))
             for column in range(span)] for place in range(width)]
    # kept[place][column]: how many template columns from ``place`` on are matched in the sheet from ``column`` on
    kept = [[0] * (span + 1) for _ in range(width + 2)]
    for place in range(width - 1, -1, -1):
        for column in range(span - 1, -1, -1):
            kept[place][column] = max(kept[place + 1][column], kept[place][column + 1],
                                      kept[place + 1][column + 1] + 1 if same[place][column] else 0)
    moved: list[tuple[str, int]] = []  # in the sheet's order: a column deleted told at the first it may be
    gap: set[str] = set()  # what befell the columns between the last two matched
    place = column = 0
    while place < width:
        if not kept[place][column] or kept[place + 1][column] == kept[place][column]:
            moved.append(("deleted", place))  # the last ones matched to none: the sheet's right of them is not
            gap.add("deleted")                # the template's
            place += 1
        elif kept[place][column + 1] == kept[place][column]:
            moved.append(("inserted", column))
            gap.add("inserted")
            column += 1
        else:
            place, column, gap = place + 1, column + 1, set()
        if len(gap) == 2:  # deleted and inserted between the same two kept: a column's cells replaced
            return []
    told = []
    for kind, at in moved:  # a column deleted shown by its first row that held something there
        row = next((number for number in sorted(rows) if recorded[rows[number]].get(at + 1) not in (None, "")),
                   min(rows)) if kind == "deleted" else min(rows)
        told.append((kind, get_column_letter(name_column + at),
                     {"row": row, "was": plain_text(recorded[rows[row]].get(at + 1)) if kind == "deleted" else ""}))
    return told


def _side_by_side(shifted: list[tuple[str, str, dict[str, object]]]) -> list[tuple[str, list[tuple[str, dict]]]]:
    """The columns :func:`_shifted_reference` found deleted or inserted, those of one kind side by side (L and M
    deleted) together: each run as its kind and its columns' letters, each with what its first row held."""
    from openpyxl.utils import column_index_from_string

    runs: list[tuple[str, list[tuple[str, dict]]]] = []
    for kind, letter, example in shifted:
        if runs and runs[-1][0] == kind and \
                column_index_from_string(letter) == column_index_from_string(runs[-1][1][-1][0]) + 1:
            runs[-1][1].append((letter, example))
        else:
            runs.append((kind, [(letter, example)]))
    return runs


def _digested(recorded) -> bool:
    """A reference cell recorded by its digest (a long text), not as it was written."""
    return isinstance(recorded, str) and recorded.startswith(REFERENCE_SHOWN_DIGEST)


def _same_reference(current, recorded) -> bool:
    """A reference cell as its template recorded it: a number by its value (24800 and 24800.0 alike), an empty cell
    as none recorded, a long text by its digest, any other text as it is, spaces around it aside."""
    if current is None or current == "":
        return recorded is None or recorded == ""
    if recorded is None or recorded == "":
        return False
    number = (int, float)
    if isinstance(current, number) and not isinstance(current, bool) and isinstance(recorded, number):
        return float(current) == float(recorded)
    if _digested(recorded):
        return _text_digest(current) == recorded[len(REFERENCE_SHOWN_DIGEST):]
    return str(current).strip() == str(recorded).strip() and isinstance(current, str) == isinstance(recorded, str)


def _row_label(key: str, words: Catalog) -> str:
    """A template row's :func:`reference_key` as a message names it: 4（国家级）, 4 national; 1 for ``1/``."""
    identifier, series = plain_key(key).split("/", 1)
    return words.text("entry_errors.indicator_series", id=identifier, series=series) if series else identifier


def _hidden_columns(sheet) -> set[int]:
    """The numbers of the hidden columns: Excel writes a hidden range as one entry (``<col min="2" max="4">``),
    which openpyxl keeps under its first letter only."""
    hidden = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden or dimension.width == 0:  # a width of 0 hides it as well (openpyxl: no custom width)
            hidden.update(range(dimension.min or 1, (dimension.max or dimension.min or 1) + 1))
    return hidden


def _refuse_unseen(cell, path: Path, where: str, column: str, words: Catalog, noted: bool = True,
                   own: str = "") -> None:
    """A cell whose value the person does not see (a format that shows nothing, white on white), a value struck
    through, or a comment on a cell (not read) is refused: a workbook is read as its reader sees it. ``noted``: the
    sheet has a note column, where a comment's words go (the words sheet has none: into the cell itself); ``own``:
    "_words" for a words sheet, whose cells hold words, not values."""
    if _blank(cell):
        return
    if _format_hides(getattr(cell, "number_format", "") or "", cell.value):
        raise InputError(words.text(f"entry_errors.format_hides{own}",
                                    format=quote(cell.number_format, 30, words=words)), file=path,
                         line=where, field=column)
    if _format_replaces(getattr(cell, "number_format", "") or "", cell.value):
        raise InputError(words.text(f"entry_errors.format_replaces{own}",
                                    format=quote(cell.number_format, 30, words=words)), file=path,
                         line=where, field=column)
    font = getattr(cell, "font", None)
    colour = getattr(getattr(font, "color", None), "rgb", None)
    fill = getattr(getattr(cell, "fill", None), "fgColor", None)
    filled = getattr(cell.fill, "fill_type", None) not in (None, "none") and getattr(fill, "rgb", None) not in WHITE
    if isinstance(colour, str) and colour.upper() in WHITE and not filled:
        raise InputError(words["entry_errors.white"], file=path, line=where, field=column)
    ground = getattr(fill, "rgb", None) if filled and getattr(cell.fill, "fill_type", None) == "solid" else "FFFFFFFF"
    if _faint(colour, ground):  # white on the template's yellow, yellow on white: as good as unseen
        raise InputError(words.text("entry_errors.faint", font=f"#{colour[-6:].upper()}",
                                    fill=f"#{ground[-6:].upper()}"), file=path, line=where, field=column)
    if getattr(font, "strike", False):  # a value struck is no value; a source or a note struck, none read
        label = headers.short(headers.labels(words).get(column) or column)
        what = label if words.language != "en" else label[:1].lower() + label[1:]
        raise InputError(words["entry_errors.struck"] if column == "value" else words["entry_errors.struck_words"]
                         if own else words.text("entry_errors.struck_text", what=what), file=path, line=where,
                         field=column)
    if getattr(cell, "comment", None) is not None:
        text = " ".join(str(cell.comment.text).split())
        raise InputError(words.text("entry_errors.comment" if noted else "entry_errors.comment_in_cell",
                                    text=quote(text, 40, words=words)), file=path, line=where, field=column)


#: Below this contrast with its cell's fill a text is not seen at a glance (WCAG 2's ratio; black on white is 21:1,
#: white on the template's yellow FFF9C4 1.07:1, light grey D9D9D9 on white 1.4:1).
FAINT_CONTRAST = 1.5


def _faint(font: object, fill: object) -> bool:
    """True when a font colour and a fill, both given as ARGB (``FFFFF9C4``; a theme's colour is not known here),
    are too alike to read."""
    if not all(isinstance(c, str) and re.fullmatch(r"[0-9A-Fa-f]{8}", c) for c in (font, fill)):
        return False
    return contrast(f"#{font[-6:]}", f"#{fill[-6:]}") < FAINT_CONTRAST


def _format_hides(number_format: str, value) -> bool:
    """True when the section of ``number_format`` that shows ``value`` is empty (``;;;`` hides every value)."""
    section = _format_section(number_format, value)
    return section is not None and not section.strip()


#: What a number format's section shows besides its placeholders: quoted text, an escaped character, a colour or
#: condition in brackets, a space as wide as a character (``_)``), a character repeated to fill (``*-``).
FORMAT_DECORATION = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _format_replaces(number_format: str, value) -> bool:
    """True when the section of ``number_format`` that shows ``value`` shows something else in its place: a number's
    with no digit placeholder (0, #, ?), no General and no date or time (``"见附件"``), a text's with no @."""
    section = _format_section(number_format, value)
    if section is None and isinstance(value, int | float) and not isinstance(value, bool):
        section = number_format  # a format of one section shows every number
    if section is None or not section.strip():
        return False
    bare = FORMAT_DECORATION.sub("", section)
    if isinstance(value, str):
        return "@" not in bare
    return not re.search(r"[0#?@]|general|[ymdhs]", bare, re.IGNORECASE)


def _format_section(number_format: str, value) -> str | None:
    """The section of ``number_format`` (its sections split at ``;``) that shows ``value``: a positive number's, a
    negative's, zero's or a text's; None for a format of one section, or for a text where it has no text section."""
    sections, current, quoted = [], "", False
    for char in number_format:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    sections.append(current)
    if len(sections) < 2:
        return None
    if isinstance(value, str):
        index = 3
    elif isinstance(value, int | float) and not isinstance(value, bool):
        index = 0 if value > 0 else 1 if value < 0 else 2
    else:
        return None
    if index >= len(sections):
        if index == 3:
            return None
        index = 0
    return sections[index]


def _cell_text(cell, *, file: Path, where: str, column: str, words: Catalog | None = None,
               words_in: bool = False) -> str:
    """A cell's value as the text a CSV cell would hold; a formula is refused (``words_in``: a column of words, a
    source or a note, whose formula is told to be typed as text, not as a number)."""
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    words = words or catalog("en")
    if getattr(cell, "data_type", None) == "f":
        raise InputError(words.text("entry_errors.formula_text" if words_in else "entry_errors.formula",
                                    formula=quote(str(value), 40, words=words)), file=file, line=where, field=column)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float) and "%" in FORMAT_LITERALS.sub("", getattr(cell, "number_format", "") or ""):
        # Excel keeps "2.5%" typed into a cell as 0.025: the percentage sign is only the cell's format.
        raise InputError(words.text("entry_errors.percentage", shown=f"{value * 100:g}", value=f"{value:g}"),
                         file=file, line=where, field=column)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Every number in a workbook is a float; a whole one (a year, an id) reads as its digits.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if column == "value" and isinstance(value, datetime.datetime | datetime.date | datetime.time):
        # a number Excel took for a date as it was typed (2.6 as 6 February): no value to read, told as what it is
        shown = value.date() if isinstance(value, datetime.datetime) and value.time() == datetime.time() else value
        raise InputError(words.text("entry_errors.date_value", date=shown.isoformat()), file=file, line=where,
                         field=column)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()  # a spreadsheet keeps every date as a date and time
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")
