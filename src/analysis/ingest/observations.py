"""Actual values published after the plan: the files of a plan's ``observations/`` folder, as given.

A researcher adds one file per publication (a statistical bulletin, a departmental report): a CSV
file, or a department's filled data-entry workbook (``.xlsx``, :mod:`analysis.ingest.xlsx_reader`).
Here each file is read into rows of text cells, the same for every format, and the folder's other
entries are sorted out (:func:`analysis.plan.observation_role`): hidden files skipped, a
``dataset.yml`` label read, anything else refused. Every check of a row against the plan, across
files and against its series is :mod:`analysis.clean.observations`'s. An empty or absent folder is
fine.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError, Mistakes
from ..plan import OBSERVATION_FORMATS, observation_entries
from ..settings import PROJECT_ROOT
from ..vocabulary import NOTE_COLUMNS, SOURCE_COLUMNS
from .csv_reader import read_strict_csv
from .dataset import read_dataset_label
from .department_words import DEPARTMENT_PROPERTY, WORDS_HEADER, read_words_workbook
from .headers import header_key, header_names, told_in
from .xlsx_reader import PLAN_PROPERTY, named_in, read_workbook

REQUIRED_COLUMNS = ["indicator_id", "series", "year", "value", "source"]
#: ``confirm``: why a value far off its series is right (the plausibility checks then keep it). ``published``:
#: when the publication appeared (a later one revises an earlier one's value for the same year);
#: ``preliminary``: the value is preliminary (初步核算, 预计), to be replaced by the final figure.
#: A data-entry workbook's optional columns: a department writes its note in the workbook's language, and may give
#: its source's English name (``source_en``), which the English edition shows instead of the name as written.
WORKBOOK_OPTIONAL_COLUMNS = ["source_en", "note", "confirm", "published", "preliminary"]
#: A CSV's: a note may be given in each language too (note_zh, note_en); and ``source_kind``, whether the value is
#: the publisher's own release (official, the default) or quoted by another publication (secondary). A department's
#: workbook sends its own figures: it has no such column.
OPTIONAL_COLUMNS = [*SOURCE_COLUMNS, "note", *NOTE_COLUMNS, "confirm", "published", "preliminary", "source_kind"]
TEXT_KINDS = {"source": "source", **{name: "source" for name in SOURCE_COLUMNS}, "note": "note",
              **{name: "note" for name in NOTE_COLUMNS}, "confirm": "reason"}


@dataclass(frozen=True)
class FileRows:
    """The rows of one observation file (or one sheet of a workbook) as text cells (with ``csv_line``), and how a
    message names a cell: ``where(line, field)`` gives the line of a CSV file, a workbook's ``Sheet1!D5``. A
    workbook's sheet also gives what stands beside each row (a template's indicator name: its cell and text, by
    line) and the year a template records it was made for, and the language of the errors about its rows (the
    template's; English for a CSV file or another workbook)."""

    path: Path
    frame: pd.DataFrame
    where: Callable[[int, str], int | str] = field(default=lambda line, column: line)
    beside: dict[int, tuple[str, str]] = field(default_factory=dict)
    year: int | None = None
    language: str = "en"
    noted: list[dict] = field(default_factory=list)  # a workbook's rows without a value, whose note says why
    mistakes: list = field(default_factory=list)  # what the reader found wrong in a workbook's rows, told later
    plan: str = ""  # the plan a template was made for (its id); empty for any other file
    department: str = ""  # the department a template was made for (its name in the plan); empty for any other file
    missing: tuple[str, ...] = ()  # the required columns a workbook's sheet lacks (told with its header)
    sheet: str = ""  # a workbook's sheet the rows are on (its name); empty for a CSV file
    order: tuple[str, ...] = ()  # a workbook's sheets in its order (as a cell reference names them)
    refused: list[dict] = field(default_factory=list)  # a workbook's rows with a mistake told: their other cells
    on_file: dict[int, float] = field(default_factory=dict)  # the value a template showed on file, by row (line)
    added: frozenset[int] = frozenset()  # a template's rows a person added below the rows it wrote
    copied: dict[int, int] = field(default_factory=dict)  # of those, a row copied whole from one it wrote: that row
    asked: dict[int, int] = field(default_factory=dict)  # a template's rows for an earlier year it asks: that year
    listed: dict[int, int] = field(default_factory=dict)  # its rows for its own year given a year it has a row for
    own_rows: dict[tuple[str, int], int] = field(default_factory=dict)  # the rows it wrote, by key (4/国家级) and year
    ranges: dict[int, tuple[float, float]] = field(default_factory=dict)  # each row's plausible range, as it shows


@dataclass(frozen=True)
class ObservationFiles:
    """What an observations folder holds, as read: the rows of each file, and of each sheet of a workbook (in name
    and sheet order); the hidden files skipped, the hidden sheets of workbooks (file, sheet) not read; and the
    data set's label when the folder says it is not the plan's own data."""

    folder: Path
    files: list[FileRows]
    skipped: list[Path]
    dataset_label: dict[str, str]
    hidden_sheets: list[tuple[Path, str]] = field(default_factory=list)
    unread: list[InputError] = field(default_factory=list)  # why a file could not be read at all (deferred)

    def sheet_orders(self) -> dict[str, tuple[str, ...]]:
        """Each workbook's sheets in its order, by its path (:func:`analysis.errors.file_order`)."""
        return {str(Path(rows.path)): rows.order for rows in self.files if rows.order}


def _read_csv(path: Path) -> tuple[list[FileRows], list[str]]:
    """A CSV's rows; its header may name a column by the label the department templates show above it, in either
    language (编号, 数值, 数据来源), as a workbook's may. A file headed in Chinese is told its mistakes in Chinese."""
    names = header_names([*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS])
    frame = read_strict_csv(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, text_kinds=TEXT_KINDS,
                            aliases=lambda name: names.get(header_key(name) or "", name), told_in=told_in, defer=True)
    return [FileRows(path, frame, language=frame.attrs["language"], mistakes=frame.attrs["mistakes"])], []


def _read_xlsx(path: Path) -> tuple[list[FileRows], list[str]]:
    book = read_workbook(path, REQUIRED_COLUMNS, WORKBOOK_OPTIONAL_COLUMNS, text_kinds=TEXT_KINDS,
                         others=(WORDS_HEADER,), defer=True)
    rows = [FileRows(path, sheet.frame, sheet.cell, sheet.beside, book.year_of(sheet.sheet), sheet.language,
                     sheet.noted, sheet.mistakes, plan=str(book.properties.get(PLAN_PROPERTY, "")),
                     department=str(book.properties.get(DEPARTMENT_PROPERTY, "")).strip(),
                     missing=sheet.missing, sheet=sheet.sheet, order=book.order, refused=sheet.refused,
                     on_file=sheet.on_file, added=sheet.added, copied=sheet.copied, asked=sheet.asked,
                     listed=sheet.listed, own_rows=sheet.own_rows,
                     ranges=sheet.ranges)
            for sheet in book.sheets]
    return rows, book.hidden


#: How each format of :data:`analysis.plan.OBSERVATION_FORMATS` is read: the rows of a file (a workbook's of each
#: of its sheets), and the hidden sheets left unread.
READERS = {".csv": _read_csv, ".xlsx": _read_xlsx}
assert set(READERS) == set(OBSERVATION_FORMATS), "every format observations are read from needs a reader"


def file_language(source: str | Path) -> str:
    """The language an observation file is told in, given as the data-quality log names it (relative to the project
    root): its rows' (a CSV file headed in Chinese, a workbook made from a Chinese template: zh); a workbook of words
    only, its words sheet's (an English template's, whatever the name it came back under); where the file cannot
    be read again, its name's (市科技局.xlsx: zh)."""
    path = Path(source)
    path = path if path.is_absolute() else PROJECT_ROOT / path
    try:
        rows, _ = READERS[path.suffix.lower()](path)
        if not rows and path.suffix.lower() == ".xlsx":
            rows = read_words_workbook(path)
    except (InputError, OSError, KeyError):
        return named_in(path)
    return rows[0].language if rows else named_in(path)


def read_observation_files(folder: Path, defer: bool = False) -> ObservationFiles:
    """Every observation file of ``folder`` read into text rows (absent or empty: none). A file that cannot be
    read at all (not UTF-8, a header naming no column, a visible sheet without one), or an entry the folder refuses
    (an .xls workbook, a workbook named like a lock file), stops no other: every such
    file is told at once, or with ``defer`` kept in ``unread``, for the checks of the other files' rows to tell
    with their own mistakes (a department's every mistake in one round)."""
    folder = Path(folder)
    files, hidden_sheets, unread = [], [], Mistakes()
    entries = observation_entries(folder, unread.errors)  # a stray (~$锁.xlsx, 旧格式.xls): told with the others
    for path in (path for path, role in entries if role == "data"):
        with unread.row():
            rows, hidden = READERS[path.suffix.lower()](path)
            files += rows
            hidden_sheets += [(path, sheet) for sheet in hidden]
    if not defer:
        unread.check()
    return ObservationFiles(folder, files, [path for path, role in entries if role == "hidden"],
                            read_dataset_label(folder, entries), hidden_sheets, unread.errors)
