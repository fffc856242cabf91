"""The departments' own words, as they send them back: the second sheet of their data-entry workbooks.

A department's workbook (:mod:`analysis.report.entry_workbooks`) has, besides the sheet of values, a
sheet for words: one row for each key task the department leads (its progress this year and a
self-rating) and one for each of its indicators that lags (the reasons and the next measures). Its
header row starts with ``item`` (:data:`WORDS_HEADER`), so the reader of values leaves it here, and
this reader leaves the sheet of values. Each sheet is read with the same rigour as values
(:func:`analysis.ingest.xlsx_reader.read_workbook`: hidden rows, merged cells, formulas, text a person
does not see, lengths); a row nobody filled is skipped. What each row may say is checked against the
plan in :mod:`analysis.clean.department_words`. The workbook records the department that sent it and
its language as custom properties, which the messages about its rows speak.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Mistakes
from ..plan import observation_entries
from ..settings import LANGUAGES
from .xlsx_reader import PLAN_PROPERTY, SheetRows, read_workbook

#: The first header cell of a words sheet.
WORDS_HEADER = "item"
WORDS_REQUIRED = [WORDS_HEADER, "id", "series", "year"]
#: The columns a department fills: a task's progress and rating, an indicator's reasons and next measures.
WORDS_FILLED = ("progress", "rating", "reasons", "measures")
WORDS_OPTIONAL = list(WORDS_FILLED)
WORDS_TEXT = {"progress": "statement", "reasons": "statement", "measures": "statement"}
#: The custom properties a template records: the department it was made for, and its language.
DEPARTMENT_PROPERTY = "analysis_department"
LANGUAGE_PROPERTY = "analysis_language"
#: The custom properties (analysis_words_rows_1, _2, …) a template records the rows of its words sheet in (a task
#: ``task/2.1/``, an indicator's series ``indicator/4/national``), as many to a property as its text keeps within
#: :data:`MAX_PROPERTY_TEXT`: a row whose locked cells were changed to name another is refused, never read as another
#: department's task.
WORDS_ROWS_PROPERTY = "analysis_words_rows_"
#: The custom properties (analysis_words_optional_1, …) a template records, as it records its rows, the indicator
#: rows whose reasons and measures it asks for only where the year's value falls behind (no warning yet): words that
#: say nothing there are told to be left out, not written out.
WORDS_OPTIONAL_PROPERTY = "analysis_words_optional_"
#: The custom properties (``analysis_words_shown_task/2.1/_1``: a row's key, then its grey cell's place right of the
#: empty column) a template records what it wrote in each row's grey reference cells in (the task's or indicator's
#: name, its assessment; an empty cell: none): a cell typed over is refused, naming what to put back. A text longer
#: than a property holds (255 characters) is recorded by its digest, after :data:`SHOWN_DIGEST`.
WORDS_SHOWN_PROPERTY = "analysis_words_shown_"
SHOWN_DIGEST = "#sha256:"
MAX_PROPERTY_TEXT = 255


def words_row_key(item: str, identifier: str, series: str) -> str:
    """A words sheet's row as its template records it: its kind, id and series by their keys (task/2.1/)."""
    return f"{item}/{identifier}/{series}"


def words_rows_properties(keys: list[str], prefix: str = WORDS_ROWS_PROPERTY) -> dict[str, str]:
    """The custom properties that record the rows ``keys`` of a words sheet (:func:`words_row_key`); with ``prefix``
    :data:`WORDS_OPTIONAL_PROPERTY`, the rows whose words are optional. As many rows to a property as its text keeps
    within :data:`MAX_PROPERTY_TEXT` (UTF-16 units): a fixed twelve went over where the keys name a provincial series
    (twelve ``indicator/26/provincial``, 23 characters each, take 287 with their separators)."""
    groups: list[list[str]] = [[]]
    for key in keys:
        if groups[-1] and len(";".join([*groups[-1], key]).encode("utf-16-le")) // 2 > MAX_PROPERTY_TEXT:
            groups.append([])
        groups[-1].append(key)
    return {f"{prefix}{number}": ";".join(group) for number, group in enumerate(groups, 1) if group}


def words_shown_properties(shown: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """The custom properties that record what a template wrote in each row's grey cells (``shown``: a row's key, its
    cells' texts in order), an empty cell left out."""
    return {f"{WORDS_SHOWN_PROPERTY}{key}_{place}": _recorded(text)
            for key, texts in shown.items() for place, text in enumerate(texts, 1) if text}


def _recorded(text: str) -> str:
    """A grey cell's text as a property holds it: itself, or its digest when longer than a property holds."""
    if len(text.encode("utf-16-le")) // 2 <= MAX_PROPERTY_TEXT:
        return text
    return SHOWN_DIGEST + shown_digest(text)


def shown_digest(text: str) -> str:
    """A grey cell's text as a digest, whitespace aside (a space or a line break added changes nothing)."""
    import hashlib

    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _shown_rows(properties: dict) -> dict[str, dict[int, str]]:
    """What the template wrote in each row's grey cells, by the row's key and the cell's place (1: the name); none for
    a workbook made before templates recorded it."""
    shown: dict[str, dict[int, str]] = {}
    for name, text in properties.items():
        key, _, place = name[len(WORDS_SHOWN_PROPERTY):].rpartition("_")
        if name.startswith(WORDS_SHOWN_PROPERTY) and key and place.isdigit() and isinstance(text, str):
            shown.setdefault(key, {})[int(place)] = text
    return shown


def _listed_rows(properties: dict, prefix: str = WORDS_ROWS_PROPERTY) -> frozenset[str]:
    return frozenset(key for name, text in properties.items() if name.startswith(prefix)
                     and isinstance(text, str) for key in text.split(";") if key)


@dataclass(frozen=True)
class WordsSheet:
    """One words sheet as read: its rows (text cells, ``csv_line`` the sheet's row), the workbook it came from, the
    department the template recorded ("" when the workbook records none), the language its mistakes are told in (the
    template's; for a workbook that records none, that of the sheet's labels: 编号, 本年度进展 are Chinese) and the
    template's year."""

    path: Path
    rows: SheetRows
    department: str
    language: str
    year: int | None
    listed: frozenset[str] = frozenset()  # the rows its template wrote (none recorded: any the plan has)
    # what its template wrote in each listed row's grey cells, by the row's key and the cell's place (1: the name; a
    # place not given: an empty cell); none recorded (a workbook made before): not compared
    shown: dict[str, dict[int, str]] = field(default_factory=dict)
    plan: str = ""  # the plan its template was made for (its id); empty for a workbook that records none
    # the indicator rows whose words its template asks for only if the year's value falls behind (none recorded: each
    # row's words asked for)
    optional: frozenset[str] = frozenset()


def read_words_workbook(path: Path) -> list[WordsSheet]:
    """The words sheets of one workbook (none for a workbook of values only)."""
    book = read_workbook(path, WORDS_REQUIRED, WORDS_OPTIONAL, text_kinds=WORDS_TEXT, others=("indicator_id",),
                         filled_by_hand=WORDS_FILLED, defer=True)
    department = str(book.properties.get(DEPARTMENT_PROPERTY, "")).strip()
    language = str(book.properties.get(LANGUAGE_PROPERTY, "")).strip()
    listed = _listed_rows(book.properties)
    shown = _shown_rows(book.properties)
    plan = str(book.properties.get(PLAN_PROPERTY, "")).strip()
    # a workbook that records no language (its properties removed) speaks the language of the labels a person reads
    return [WordsSheet(Path(path), sheet, department, language if language in LANGUAGES else sheet.language,
                       book.year, listed, shown, plan, _listed_rows(book.properties, WORDS_OPTIONAL_PROPERTY))
            for sheet in book.sheets]


def read_department_words(folder: Path, unread: list[InputError] | None = None) -> list[WordsSheet]:
    """Every words sheet of the workbooks in an observations folder (absent or empty: none). The folder's strays are
    the values reader's to tell (:func:`analysis.ingest.observations.read_observation_files`): none hides a sheet. A
    workbook that cannot be read stops no other: its error is raised after the others are read, or with ``unread``
    added to it, for the checks of the others' words to tell with their own."""
    sheets, told = [], Mistakes()
    for path, role in observation_entries(Path(folder), strays=[]):
        if role == "data" and path.suffix.lower() == ".xlsx":
            with told.row():
                sheets += read_words_workbook(path)
    if unread is None:
        told.check()
    else:
        unread += told.errors
    return sheets
