"""The processed tables as files: deterministic CSV bytes, and reading them back with their types.

A folder of processed tables (``data/processed/<plan>/``, or a report's ``data/``) is the contract
between the data step and the notebooks: ``plan.json`` (the plan's identity and its sources) and
the CSV files of :data:`analysis.vocabulary.TABLES`. CSV files are UTF-8 with a byte-order mark,
so Excel shows the Chinese text correctly. The tables of the plan's tasks (:data:`analysis.vocabulary.LATER_TABLES`)
came later: a folder written before them reads them as empty.

Text is never a formula. A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and, in some, a tab or a carriage return), so :func:`format_csv` writes such text with an
apostrophe in front (``'=HYPERLINK(…)``), as Excel itself marks text typed into a cell; a number
written as text (``-3.5``) stays as it is, since a spreadsheet reads it as the number it is. Text
that starts with an apostrophe gets a second one, so the escape is reversible: :func:`read_table`
removes exactly one leading apostrophe from every text cell that has one.
"""
from __future__ import annotations

import dataclasses
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalog import plan_error, told_words
from ..errors import InputError, printable, quote
from ..files import read_regular
from ..settings import PLAN_FILE
from ..vocabulary import LATER_COLUMNS, LATER_TABLES, OBSERVATION_ISSUES, TABLES
from . import schemas
from .quality import rested_on

PLAN_JSON = "plan.json"
#: What a spreadsheet takes for the start of a formula; the apostrophe is the escape itself.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
TEXT_ESCAPE = "'"
#: A number written as text: a spreadsheet reads it as that number, not as a formula.
PLAIN_NUMBER_TEXT = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def escape_text(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet evaluates (see the module's docstring)."""
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER_TEXT.fullmatch(text):
        return TEXT_ESCAPE + text
    return text


def unescape_text(text: str) -> str:
    """The text :func:`escape_text` was given."""
    return text[1:] if text.startswith(TEXT_ESCAPE) else text


def empty_table(name: str) -> pd.DataFrame:
    """Processed table ``name`` with no rows, each column of its type."""
    columns = TABLES[name]
    return schemas.typed(pd.DataFrame(columns=list(columns)), columns)


@dataclass(frozen=True)
class ProcessedTables:
    """Everything the notebooks read, as the data step wrote it. The plan's key tasks, their items and its
    support measures are empty for a plan that gives none."""

    plan: dict
    indicators: pd.DataFrame
    values: pd.DataFrame
    quality: pd.DataFrame
    assessment: pd.DataFrame
    growth: pd.DataFrame
    tasks: pd.DataFrame = field(default_factory=lambda: empty_table("tasks.csv"))
    task_items: pd.DataFrame = field(default_factory=lambda: empty_table("task_items.csv"))
    measures: pd.DataFrame = field(default_factory=lambda: empty_table("measures.csv"))
    words: pd.DataFrame = field(default_factory=lambda: empty_table("department_words.csv"))

    def for_year(self, report_year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The assessment and the growth needed of one report year."""
        return (self.assessment[self.assessment["report_year"] == report_year].reset_index(drop=True),
                self.growth[self.growth["report_year"] == report_year].reset_index(drop=True))

    def up_to(self, report_year: int) -> ProcessedTables:
        """The tables as a report of ``report_year`` publishes them: no actual value of a later year, no assessment
        of a later report year, no finding on a later year's value, no department's words for a later year (a
        mid-term made once the final's data are in says nothing of them). Baselines and targets stay."""
        values = self.values[(self.values["value_type"] != "actual") | (self.values["year"] <= report_year)]
        later = pd.to_numeric(self.quality["year"], errors="coerce") > report_year
        quality = self.quality[~(later & self.quality["issue"].isin(OBSERVATION_ISSUES))]
        quality = self.quoted_for(report_year, quality, values)
        words = self.words[~(pd.to_numeric(self.words["year"], errors="coerce") > report_year)]
        return dataclasses.replace(
            self, values=values.reset_index(drop=True), quality=quality.reset_index(drop=True),
            assessment=self.assessment[self.assessment["report_year"] <= report_year].reset_index(drop=True),
            growth=self.growth[self.growth["report_year"] <= report_year].reset_index(drop=True),
            words=words.reset_index(drop=True))

    def quoted_for(self, report_year: int, quality: pd.DataFrame | None = None,
                   values: pd.DataFrame | None = None) -> pd.DataFrame:
        """``quality`` (the log by default) with the values quoted by a secondary source that the verdicts of
        ``report_year`` rest on, and none of those another year's verdicts rest on (a 2010 base value the annual
        reports' paces counted from is no finding of the final verdicts)."""
        quality = self.quality if quality is None else quality
        if "issue" not in quality.columns or not (quality["issue"] == "secondary_source").any():
            return quality
        resting = rested_on(self.assessment[self.assessment["report_year"] == report_year],
                            self.values if values is None else values)
        quoted = quality["issue"] == "secondary_source"
        kept = [not is_quoted or (int(row.indicator_id), row.series, int(row.year)) in resting
                for is_quoted, row in zip(quoted, quality.itertuples())]
        return quality[pd.Series(kept, index=quality.index, dtype=bool)].reset_index(drop=True)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables by file name, in the order of :data:`analysis.vocabulary.TABLES`."""
        return dict(zip(TABLES, (self.indicators, self.values, self.quality, self.assessment, self.growth, self.tasks,
                                 self.task_items, self.measures, self.words), strict=True))

    def files(self) -> dict[str, bytes]:
        """Every file of the folder, as bytes, by file name: ``plan.json`` and the CSV tables."""
        return {PLAN_JSON: format_json(self.plan), **{name: format_csv(frame) for name, frame in self.frames().items()}}


def format_csv(frame: pd.DataFrame) -> bytes:
    """Serialise deterministically: UTF-8 with BOM, ``\\n`` line ends, shortest exact floats, text never a formula."""
    buffer = io.StringIO()
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    escaped = frame.assign(**{c: frame[c].map(lambda v: escape_text(v) if isinstance(v, str) else v)
                              for c in text_columns})
    escaped.to_csv(buffer, index=False, lineterminator="\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def format_json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


def as_written(data: dict) -> dict:
    """``data`` as it reads back from ``plan.json`` (dates as text, keys as text)."""
    return json.loads(format_json(data))


def read_table(path: Path, columns: dict[str, str], among: bool = False) -> pd.DataFrame:
    """Read a CSV this project wrote, each column in its type (empty text stays empty text, escapes undone).

    A file that is not what this project writes (edited by hand, a 5,000-digit id, truncated) is
    one :class:`InputError` naming it, with the command that rebuilds it. ``among``: ``columns`` are
    read from among the file's (a table an earlier version wrote, with other columns beside them).
    """
    text = {name for name, dtype in columns.items() if dtype == "str"}
    rebuild = plan_error("table.rebuild")
    try:
        frame = pd.read_csv(io.BytesIO(read_regular(path)), encoding="utf-8-sig", keep_default_na=False,
                            na_values={c: [""] for c in columns if c not in text}, dtype={c: str for c in text})
    except (ValueError, OverflowError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(plan_error("table.not_our_table", problem=printable(str(exc).splitlines()[0])[:120],
                                    rebuild=rebuild), file=path) from None
    if among and set(columns) <= set(frame.columns):
        frame = frame[list(columns)]
    later = LATER_COLUMNS.get(path.name, {})
    if later and list(frame.columns) == [c for c in columns if c not in later]:  # written before them
        frame = frame.assign(**{name: later[name] for name in later})[list(columns)]
    if list(frame.columns) != list(columns):
        comma = told_words()["grammar.comma"]
        shown = comma.join(quote(str(c), 40) for c in frame.columns)
        raise InputError(plan_error("table.columns", columns=shown, expected=comma.join(columns), rebuild=rebuild),
                         file=path)
    for name in text:
        frame[name] = frame[name].map(lambda v: unescape_text(v) if isinstance(v, str) else v)
    try:
        return schemas.typed(frame, columns)
    except (ValueError, OverflowError, TypeError) as exc:
        raise InputError(plan_error("table.column_type", problem=printable(str(exc).splitlines()[0])[:120],
                                    rebuild=rebuild), file=path) from None


def read_processed_of(plan_name: str, folder: Path) -> ProcessedTables:
    """The tables of ``folder``, refused when the data step wrote them from another plan than ``plan_name`` (notebook
    01's plan_dir and data_dir naming two plans: the one's table would be shown beside the other's)."""
    tables = read_processed(folder)
    written = tables.plan.get("name")
    if written != plan_name:
        raise InputError(plan_error("table.other_plan", written=quote(written), plan=quote(plan_name),
                                    folder=f"data/processed/{plan_name}"), file=folder)
    return tables


def read_processed(folder: Path) -> ProcessedTables:
    """The tables of ``folder``; a missing file is named with the command that writes it (a table of
    :data:`~analysis.vocabulary.LATER_TABLES` missing from a folder written before it is read as empty)."""
    folder = Path(folder)
    if not folder.is_dir():  # a name mistyped: said so, not "no plan.json"
        raise InputError(plan_error("table.no_processed_folder"), file=folder)
    if (folder / PLAN_FILE).is_file() and not (folder / PLAN_JSON).is_file():  # data/raw/weihai for data/processed/…
        raise InputError(plan_error("table.plan_not_processed", name=folder.name), file=folder)
    missing = [name for name in (PLAN_JSON, *TABLES) if not (folder / name).is_file() and name not in LATER_TABLES]
    if missing:
        raise InputError(plan_error("table.no_processed", file=missing[0]), file=folder)
    tables = {name: read_table(folder / name, columns) if (folder / name).is_file() else empty_table(name)
              for name, columns in TABLES.items()}
    return ProcessedTables(
        plan=json.loads((folder / PLAN_JSON).read_text(encoding="utf-8")),
        indicators=tables["indicators.csv"], values=tables["indicator_values.csv"],
        quality=tables["data_quality.csv"], assessment=tables["assessment.csv"],
        growth=tables["required_growth.csv"], tasks=tables["tasks.csv"], task_items=tables["task_items.csv"],
        measures=tables["measures.csv"], words=tables["department_words.csv"])
