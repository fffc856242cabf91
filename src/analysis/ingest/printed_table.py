"""Read the indicator table 创新型城市建设目标 exactly as printed in the plan text.

The plan text is a flattened word-processor table: every cell starts on a line that begins with
a tab; lines without a tab continue the cell above (header cells are broken over several lines,
and some cells carry empty paragraphs). A row ends with a single blank line. The grammar of a data
row is::

    category | id | name [| series label] | 2020 | 2021 | 2023 | 2024      (numeric row)
    category | id | name | 定性评价 | <empty>                               (qualitative row)
    <empty>  | <empty> | <empty> | series label | 2020 | 2021 | 2023 | 2024  (second series row)

The header names the value columns: ``一级指标 | 二级指标`` and then one cell per year and value type,
``2020年基础值`` (baseline) or ``2024年目标值`` (target), as many as the plan prints. This module only
reads: every printed cell comes out as text with the line it was printed on. Turning text into
numbers, and the corrections that needs, happen in :mod:`analysis.clean.tidy`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..catalog import plan_error, told_words
from ..errors import InputError, quote
from ..files import read_regular

TABLE_TITLE = "创新型城市建设目标"
FOOTNOTE_PREFIX = "注："
CORE_MARK = "*"
QUALITATIVE_TOKEN = "定性评价"

#: The first two printed header cells, each with its line breaks removed.
NAME_HEADER = ("一级指标", "二级指标")
#: A value column's printed header: a year and a value type.
VALUE_HEADER = re.compile(r"(?P<year>[0-9]{4})年(?P<type>基础值|目标值)")
VALUE_TYPES = {"基础值": "baseline", "目标值": "target"}
MAX_VALUE_COLUMNS = 12

#: Printed series labels for an indicator that spans two rows.
SERIES_LABELS = {"国家级": "national", "省级": "provincial"}

#: Printed prefixes inside a combined cell such as ``国2.8/省3.1``.
COMBINED_PREFIXES = {"国": "national", "省": "provincial"}
#: A number exactly as a table prints it: ASCII digits with at most one decimal point.
PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
COMBINED_CELL = re.compile(r"^国(?P<national>[^/]*)/省(?P<provincial>[^/]*)$")


def series_of(indicator_id, series: str, show=str) -> str:
    """An indicator as a plan file's mistake names it, with its series where it has one (``5 series national``), the
    series shown by ``show`` (``quote``: ``5 series 'national'``)."""
    return plan_error("table.series_of", id=indicator_id, series=show(series)) if series else str(indicator_id)


def series_part(printed_text: str, series: str) -> str:
    """One series' part of a printed cell: 3.0 of 国3.0/省3.3 for ``national``; a cell of one series as it is
    ("" for a series a combined cell does not name)."""
    combined = COMBINED_CELL.match(printed_text or "")
    if not combined:
        return printed_text or ""
    return combined.groupdict().get(series, "") or ""


@dataclass(frozen=True)
class Cell:
    """One printed cell: its text (continuation lines joined) and the line it starts on."""

    text: str
    line: int
    ends_row: bool


@dataclass(frozen=True)
class ValueField:
    """A value column of the table: ``baseline_2020`` is the 2020 baseline."""

    name: str
    year: int
    value_type: str


def value_field(year: int, value_type: str) -> ValueField:
    return ValueField(f"{value_type}_{year}", year, value_type)


@dataclass(frozen=True)
class PlanTable:
    """A plan's indicator table as given: rows of indicators and their value cells, still as text.

    ``rows``: indicator_id, series, category, name_printed, core, qualitative, source_line (one per
    indicator series as given; a combined cell's two series are still one row). ``cells``:
    indicator_id, series, field, year, value_type, printed_text, source_line.
    """

    source: Path
    rows: pd.DataFrame
    cells: pd.DataFrame
    fields: tuple[ValueField, ...]
    rows_source: Path | None = None  # where the rows are given, when not in ``source`` (a typed indicators.csv)
    title_line: int | None = None
    core_note: str = ""
    #: A typed table's mistakes found while it was read, told with those the later checks find in its other rows (a
    #: value that is no number, a target before the base year): one round for the file.
    mistakes: tuple = ()
    #: The series ``(indicator_id, series)`` of the rows refused while reading, whose cells are not in ``cells``: a
    #: check of what a series lacks (a target, a baseline) leaves them out; None: a row whose series cannot be told.
    refused: frozenset = frozenset()

    @property
    def printed(self) -> bool:
        """True for a table parsed as printed, False for one typed as CSV."""
        return self.rows_source is None


def read_source_lines(path: Path) -> list[str]:
    """Read the plan text as UTF-8, failing with the file named when it is missing or not UTF-8."""
    path = Path(path)
    if not path.exists():
        raise InputError(plan_error("table.text_not_found"), file=path)
    try:
        text = read_regular(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(plan_error("table.text_not_utf8", byte=exc.start), file=path) from None
    return text.splitlines()


def _table_span(lines: list[str], path: Path) -> tuple[int, int]:
    """Return the 0-based indices of the title line and of the footnote line that ends the table."""
    titles = [i for i, line in enumerate(lines) if line.strip() == TABLE_TITLE]
    if len(titles) != 1:
        raise InputError(plan_error("table.title_count", title=TABLE_TITLE, count=len(titles)), file=path)
    start = titles[0]
    for i in range(start + 1, len(lines)):
        if lines[i].startswith(FOOTNOTE_PREFIX):
            return start, i
    raise InputError(plan_error("table.no_footnote", prefix=FOOTNOTE_PREFIX), file=path, line=start + 1)


def split_cells(lines: list[str], first_line_number: int) -> list[Cell]:
    """Split flattened table lines into cells.

    A line starting with a tab opens a cell; any other non-blank line continues the cell above.
    Exactly one blank line before the next cell ends the row; more blank lines are empty
    paragraphs inside the cell (the printed id cell of indicator 5 has two).
    """
    cells: list[Cell] = []
    current_text: list[str] | None = None
    current_line = 0
    blank_run = 0

    def close(ends_row: bool) -> None:
        if current_text is not None:
            cells.append(Cell("".join(current_text), current_line, ends_row))

    for offset, line in enumerate(lines):
        number = first_line_number + offset
        if line.startswith("\t"):
            close(ends_row=blank_run == 1)
            current_text, current_line, blank_run = [line[1:]], number, 0
        elif line.strip() == "":
            blank_run += 1
        else:
            if current_text is None:
                raise InputError(plan_error("table.outside_cells", text=quote(line.strip()[:30])), line=number)
            current_text.append(line)
            blank_run = 0
    close(ends_row=True)
    return cells


def _is_integer_token(text: str) -> bool:
    """ASCII digits, at most 9 (``\\d`` would take other scripts' digits; int() refuses 4,300+ digits)."""
    return re.fullmatch(r"[0-9]{1,9}", text) is not None


def parse_printed_table(path: Path) -> PlanTable:
    """Parse the indicator table of the plan text at ``path``.

    Combined cells (``国2.8/省3.1``) are still whole in the :class:`PlanTable` returned; ``series`` is
    ``""`` unless the table prints a series label in its own cell. Any departure from the grammar raises
    an :class:`~analysis.errors.InputError` naming the file, the line and what is wrong.
    """
    path = Path(path)
    lines = read_source_lines(path)
    start, end = _table_span(lines, path)
    try:
        cells = split_cells(lines[start + 1:end], first_line_number=start + 2)
    except InputError as exc:
        raise InputError(exc.reason, file=path, line=exc.line) from None
    reader = _RowReader(cells, path)
    reader.read_header()
    reader.read_rows()
    footnote = lines[end].strip()
    if CORE_MARK not in footnote:
        raise InputError(plan_error("table.core_mark_unexplained", mark=CORE_MARK, footnote=quote(footnote)),
                         file=path, line=end + 1)
    return PlanTable(
        source=path,
        rows=pd.DataFrame(reader.rows),
        cells=pd.DataFrame(reader.values),
        fields=reader.fields,
        title_line=start + 1,
        core_note=footnote,
    )


class _RowReader:
    """A small recursive-descent reader over the list of cells."""

    def __init__(self, cells: list[Cell], path: Path):
        self.cells = cells
        self.path = path
        self.pos = 0
        self.rows: list[dict] = []
        self.values: list[dict] = []
        self.fields: tuple[ValueField, ...] = ()

    def error(self, message: str, cell: Cell | None = None, field: str | None = None) -> InputError:
        line = cell.line if cell is not None else (self.cells[-1].line if self.cells else None)
        return InputError(message, file=self.path, line=line, field=field)

    def peek(self) -> Cell | None:
        return self.cells[self.pos] if self.pos < len(self.cells) else None

    def take(self, what: str, after: Cell | None) -> Cell:
        cell = self.peek()
        if cell is None:
            raise self.error(plan_error("table.table_ends", what=what), after, field=what)
        self.pos += 1
        return cell

    def read_header(self) -> None:
        """``一级指标 | 二级指标`` and the value columns, which give the table its fields."""
        previous = None
        for expected in NAME_HEADER:
            cell = self.take("header", previous)
            if cell.text.strip() != expected:
                raise self.error(plan_error("table.header_cell", text=quote(cell.text.strip()),
                                            expected=quote(expected)), cell, field="header")
            previous = cell
        fields = []
        while not previous.ends_row:
            cell = self.take("header", previous)
            match = VALUE_HEADER.fullmatch(cell.text.strip())
            if match is None:
                raise self.error(plan_error("table.header_value_cell", text=quote(cell.text.strip())), cell,
                                 field="header")
            fields.append(value_field(int(match["year"]), VALUE_TYPES[match["type"]]))
            if len(fields) > MAX_VALUE_COLUMNS:
                raise self.error(plan_error("table.too_many_columns", most=MAX_VALUE_COLUMNS), cell,
                                 field="header")
            previous = cell
        types = {field.value_type for field in fields}
        if types != {"baseline", "target"}:
            raise self.error(plan_error("table.header_types"), previous, field="header")
        if len({field.name for field in fields}) != len(fields):
            raise self.error(plan_error("table.header_twice"), previous, field="header")
        self.fields = tuple(fields)

    def read_rows(self) -> None:
        category = ""
        expected_id = 1
        last_indicator: dict | None = None
        while self.peek() is not None:
            first = self.take("category", None)
            if _is_integer_token(first.text.strip()) or first.text.strip() in SERIES_LABELS:
                raise self.error(plan_error("table.cells_too_many", text=quote(first.text.strip())), first,
                                 field="category")
            id_cell = self.take("indicator_id", first)
            id_text = id_cell.text.strip()
            if id_text == "":
                # A continuation row: a second series of the indicator above.
                if first.text.strip() or last_indicator is None or not last_indicator["series"]:
                    raise self.error(plan_error("table.empty_id"), id_cell, field="indicator_id")
                name_cell = self.take("indicator_name", id_cell)
                if name_cell.text.strip():
                    raise self.error(plan_error("table.continuation_name"), name_cell, field="indicator_name")
                self.read_series_row(last_indicator, name_cell)
                continue
            if not _is_integer_token(id_text):
                raise self.error(plan_error("table.id_not_whole", id=quote(id_text)), id_cell, field="indicator_id")
            indicator_id = int(id_text)
            if indicator_id != expected_id:
                raise self.error(plan_error("table.id_sequence", id=indicator_id, expected=expected_id),
                                 id_cell, field="indicator_id")
            expected_id += 1
            if first.text.strip():
                category = first.text.strip()
            elif not category:
                raise self.error(plan_error("table.no_first_category"), first, field="category")
            name_cell = self.take("indicator_name", id_cell)
            printed_name = name_cell.text
            if not printed_name.strip():
                raise self.error(plan_error("table.empty_name", id=indicator_id), name_cell, field="indicator_name")
            stripped = printed_name.strip()
            indicator = {
                "indicator_id": indicator_id,
                "category": category,
                "name_printed": printed_name,
                "core": stripped.endswith(CORE_MARK),
                "source_line": name_cell.line,
                "series": "",
            }
            last_indicator = indicator
            label = self.peek()
            if label is not None and label.text.strip() in SERIES_LABELS:
                indicator["series"] = "pending"
                self.read_series_row(indicator, name_cell)
                continue
            if label is not None and label.text.strip() == QUALITATIVE_TOKEN:
                self.read_qualitative_row(indicator, name_cell)
                continue
            self.rows.append({**indicator, "qualitative": False})
            self.read_values(indicator, "", name_cell)

    def read_series_row(self, indicator: dict, previous: Cell) -> None:
        label_cell = self.take("series", previous)
        label = label_cell.text.strip()
        if label not in SERIES_LABELS:
            raise self.error(plan_error("table.series_label", labels=told_words()["grammar.or"].join(SERIES_LABELS),
                                        label=quote(label)), label_cell, field="series")
        series = SERIES_LABELS[label]
        indicator["series"] = series
        self.rows.append({**indicator, "series": series, "qualitative": False,
                          "source_line": label_cell.line})
        self.read_values(indicator, series, label_cell)

    def read_qualitative_row(self, indicator: dict, previous: Cell) -> None:
        token = self.take("value", previous)
        merged = self.take("value", token)
        if merged.text.strip():
            raise self.error(plan_error("table.qualitative_value", id=indicator["indicator_id"],
                                        value=quote(merged.text.strip()), token=QUALITATIVE_TOKEN), merged,
                             field="value")
        if not merged.ends_row:
            raise self.error(plan_error("table.qualitative_cells", id=indicator["indicator_id"]), merged,
                             field="value")
        self.rows.append({**indicator, "qualitative": True, "source_line": token.line})

    def read_values(self, indicator: dict, series: str, previous: Cell) -> None:
        indicator_id = indicator["indicator_id"]
        cell = previous
        for index, field in enumerate(self.fields):
            cell = self.take(field.name, cell)
            if cell.text.strip() == "":
                raise self.error(plan_error("table.value_empty", id=indicator_id, field=field.name), cell,
                                 field=field.name)
            is_last = index == len(self.fields) - 1
            if cell.ends_row and not is_last:
                raise self.error(plan_error("table.row_ends", id=indicator_id, count=index + 1,
                                            expected=len(self.fields)), cell, field=field.name)
            self.values.append({
                "indicator_id": indicator_id,
                "series": series,
                "field": field.name,
                "year": field.year,
                "value_type": field.value_type,
                "printed_text": cell.text,
                "source_line": cell.line,
            })
        if not cell.ends_row and self.peek() is not None:
            extra = self.peek()
            raise self.error(plan_error("table.extra_cell", id=indicator_id, text=quote(extra.text.strip()),
                                        expected=len(self.fields)), extra, field="value")
