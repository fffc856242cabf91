"""Filled data-entry workbooks (``.xlsx``): the rows of a workbook's first sheet, read as a CSV file's are.

A department fills the workbook ``make templates`` wrote for it (:mod:`analysis.report.entry_workbooks`)
and the file is dropped into ``observations/``. Only the first sheet is read. Its header row is the
first row, among the first :data:`HEADER_SEARCH_ROWS`, whose first cell is ``indicator_id``; rows
above it (a title, labels in the reader's language) are not read, and neither is anything right of
the first empty header cell (the template's reference columns: name, unit, latest value, targets).
A row whose ``value`` is empty is skipped: a template lists every series, and a department fills
those it has.

Every cell becomes the text a CSV cell would hold (a number as its digits, a date as its ISO text),
so the same checks follow (:mod:`analysis.ingest.observations`); an error names the cell as
``file.xlsx:Sheet1!D5: value: …``. A number in a percentage cell is refused: Excel keeps "2.5%" as
0.025, and the indicator's unit (%) is already in the number. A formula is refused, not evaluated:
the value a person saw is the formula's cached result, which a program that writes workbooks
without calculating them leaves empty or stale, so the number itself must be typed (or pasted as a
value). A file that is not a real workbook (an ``.xls`` or a CSV renamed, a password-protected
file) is refused in one line.
"""
from __future__ import annotations

import datetime
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError, quote
from ..files import read_regular
from ..text import check_text
from .csv_reader import LINE_COLUMN, MULTILINE_KINDS, check_header

#: A department's workbook takes tens of kilobytes.
MAX_XLSX_BYTES = 5 * 1024 * 1024
#: What the workbook's parts may unpack to: a zip of a few megabytes must not unpack to gigabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 10_000
HEADER_SEARCH_ROWS = 20
NOT_A_WORKBOOK = ("is not an Excel workbook (.xlsx), though named like one: {why}; open it in Excel or LibreOffice "
                  "and save it as 'Excel Workbook (.xlsx)', or as 'CSV UTF-8' (.csv)")


@dataclass(frozen=True)
class SheetRows:
    """The rows of a workbook's sheet as text cells (``csv_line`` holds the sheet's row number), and where
    each column lies, so that a message names the cell."""

    frame: pd.DataFrame
    sheet: str
    letters: dict[str, str]

    def cell(self, row: int, column: str) -> str:
        """``Sheet1!D5``: the cell of ``column`` in ``row``."""
        return f"{sheet_reference(self.sheet)}!{self.letters.get(column, 'A')}{row}"


def sheet_reference(name: str) -> str:
    """A sheet's name as a cell reference writes it: quoted when it holds anything but letters and digits."""
    return name if name.replace("_", "").isalnum() else "'" + name.replace("'", "''") + "'"


def read_workbook_rows(path: Path, required: list[str], optional: list[str],
                       text_kinds: dict[str, str] | None = None) -> SheetRows:
    """The input rows of the first sheet of the workbook ``path`` (see the module's docstring)."""
    path = Path(path)
    data = read_regular(path, MAX_XLSX_BYTES)
    _check_zip(data, path)
    import openpyxl  # loaded only when a workbook is read

    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it does not model (extensions, default styles); the cells are all it needs.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                sheet = book.worksheets[0] if book.worksheets else None
                if sheet is None:
                    raise InputError("the workbook has no worksheet", file=path)
                rows = [tuple(row) for _, row in zip(range(MAX_ROWS + HEADER_SEARCH_ROWS + 1),
                                                     sheet.iter_rows(values_only=False))]
                title = sheet.title
            finally:
                book.close()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure inside the file's parts: one line, the file named
        raise InputError(NOT_A_WORKBOOK.format(why=f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"),
                         file=path) from None
    return _sheet_rows(rows, title, path, list(required), list(optional), text_kinds or {})


def _check_zip(data: bytes, path: Path) -> None:
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise InputError(NOT_A_WORKBOOK.format(why="it is not the zip archive every .xlsx file is (an old .xls, a "
                                                   "CSV renamed, a password-protected workbook?)"), file=path) from None
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise InputError(f"unpacks to more than {MAX_UNPACKED_BYTES:,} bytes; a data-entry workbook is far smaller "
                         "(is it the right file?)", file=path)


def _sheet_rows(rows: list[tuple], sheet: str, path: Path, required: list[str], optional: list[str],
                text_kinds: dict[str, str]) -> SheetRows:
    from openpyxl.utils import get_column_letter

    header_index = next((i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
                         if row and isinstance(row[0].value, str) and row[0].value.strip() == required[0]), None)
    if header_index is None:
        raise InputError(f"no header row: the first sheet ({quote(sheet)}) needs a row starting with "
                         f"{', '.join(required)} within its first {HEADER_SEARCH_ROWS} rows, as the workbooks of "
                         "'make templates' have", file=path)
    header_row = header_index + 1
    header = []
    for cell in rows[header_index]:
        if cell.value is None or not str(cell.value).strip():
            break  # reference columns to the right of an empty header cell are not read
        header.append(str(cell.value).strip())
    letters = {name: get_column_letter(number) for number, name in enumerate(header, 1)}
    shown_sheet = sheet_reference(sheet)
    check_header(header, required, optional, file=path, line=f"{shown_sheet}!A{header_row}")
    body = rows[header_index + 1:]
    if len(body) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS:,} rows below the header; a data-entry sheet has one per indicator "
                         "series", file=path)
    value_column = header.index("value")
    records = []
    for number, row in enumerate(body, header_row + 1):
        cells = list(row[:len(header)]) + [None] * (len(header) - len(row))
        value = cells[value_column]
        if value is None or value.value is None or (isinstance(value.value, str) and not value.value.strip()):
            continue  # a series the department has no value for: the template lists them all
        record = {}
        for column, cell in zip(header, cells):
            where = f"{shown_sheet}!{letters[column]}{number}"
            text = _cell_text(cell, file=path, where=where, column=column)
            kind = text_kinds.get(column, "cell")
            check_text(text, kind=kind, multiline=kind in MULTILINE_KINDS, file=path, line=where, field=column)
            record[column] = text
        record[LINE_COLUMN] = number
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=[*required, *optional, LINE_COLUMN])
    for column in required + optional:
        frame[column] = [cell if isinstance(cell, str) else "" for cell in frame[column]]
    return SheetRows(frame, sheet, letters)


def _cell_text(cell, *, file: Path, where: str, column: str) -> str:
    """A cell's value as the text a CSV cell would hold; a formula is refused."""
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        raise InputError(f"is a formula ({quote(str(value), 40)}); type the number itself (or paste it as a value): "
                         "formulas are not evaluated", file=file, line=where, field=column)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float) and "%" in (getattr(cell, "number_format", "") or ""):
        # Excel keeps "2.5%" typed into a cell as 0.025: the percentage sign is only the cell's format.
        raise InputError(f"a percentage cell (Excel keeps what it shows as {value * 100:g}% as {value:g}); values are "
                         "in the indicator's unit: type the number without %, in a cell without the percentage "
                         "format", file=file, line=where, field=column)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Every number in a workbook is a float; a whole one (a year, an id) reads as its digits.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()  # a spreadsheet keeps every date as a date and time
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")
