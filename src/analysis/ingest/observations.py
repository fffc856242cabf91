"""Actual values published after the plan: the files of a plan's ``observations/`` folder.

A researcher adds one file per publication (a statistical bulletin, a departmental report): a CSV
file, or a department's filled data-entry workbook (``.xlsx``, :mod:`analysis.ingest.xlsx_reader`).
A reader gives the rows of one file as text; every check follows here, the same for every format:
each row against the indicator metadata, duplicates across files, plausibility against the series.
One bad row stops the run with the file, line (a workbook's cell) and field named, before anything
is written. An empty or absent folder is fine.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError, display_path, quote
from ..plan import OBSERVATION_FORMATS, Plan, observation_entries
from ..text import visible
from ..vocabulary import VALUE_COLUMNS
from .csv_reader import LINE_COLUMN, parse_int, parse_number, read_strict_csv
from .plausibility import Point, confirm_hint, implausible, impossible, previous_point
from .xlsx_reader import read_workbook_rows

REQUIRED_COLUMNS = ["indicator_id", "series", "year", "value", "source"]
#: ``confirm``: why a value far off its series is right (the plausibility checks then keep it).
OPTIONAL_COLUMNS = ["note", "confirm"]
TEXT_KINDS = {"source": "source", "note": "note", "confirm": "reason"}
NON_NEGATIVE_KINDS = ("count", "amount", "intensity", "share")
#: Observation years run from the plan's base year to some years after its last evaluation.
YEARS_AFTER_PLAN = 6


@dataclass(frozen=True)
class FileRows:
    """The rows of one observation file as text cells (with ``csv_line``), and how a message names a cell:
    ``where(line, field)`` gives the line of a CSV file, a workbook's ``Sheet1!D5``."""

    frame: pd.DataFrame
    where: Callable[[int, str], int | str] = field(default=lambda line, column: line)


def _read_csv(path: Path) -> FileRows:
    return FileRows(read_strict_csv(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, text_kinds=TEXT_KINDS))


def _read_xlsx(path: Path) -> FileRows:
    rows = read_workbook_rows(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, text_kinds=TEXT_KINDS)
    return FileRows(rows.frame, rows.cell)


#: How each format of :data:`analysis.plan.OBSERVATION_FORMATS` is read (the rows of one file).
READERS = {".csv": _read_csv, ".xlsx": _read_xlsx}
assert set(READERS) == set(OBSERVATION_FORMATS), "every format observations are read from needs a reader"


@dataclass
class ObservationFolder:
    """What a folder of observations gives: the values, and what the data-quality log should say about it.

    ``duplicates``: rows that repeat, with the same value, a year another file already gives (kept
    once). ``confirmed``: values far off their series kept because their row confirms them.
    ``skipped``: hidden files, not read.
    """

    values: pd.DataFrame
    duplicates: list[dict] = field(default_factory=list)
    confirmed: list[dict] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def year_range(plan: Plan) -> tuple[int, int]:
    return plan.base_year, max(plan.evaluations) + YEARS_AFTER_PLAN


def _label(key: tuple) -> str:
    return f"{key[0]} {key[1]}" if key[1] else str(key[0])


def _located(exc: InputError, rows: FileRows) -> InputError:
    """``exc`` with its line shown as the reader names a cell (a workbook's ``Sheet1!D5``)."""
    if not isinstance(exc.line, int) or exc.field is None:
        return exc
    return InputError(exc.reason, file=exc.file, line=rows.where(exc.line, exc.field), field=exc.field)


def _check_row(row, indicators: pd.DataFrame, path: Path, years: tuple[int, int]) -> dict:
    line = getattr(row, LINE_COLUMN)
    indicator_id = parse_int(row.indicator_id, file=path, line=line, field="indicator_id")
    series = row.series.strip()
    known = indicators[indicators["indicator_id"] == indicator_id]
    if known.empty:
        raise InputError(f"unknown indicator {indicator_id} (the plan has 1–{indicators.indicator_id.max()})",
                         file=path, line=line, field="indicator_id")
    match = known[known["series"] == series]
    if match.empty:
        allowed = ", ".join(repr(s) for s in known["series"])
        raise InputError(f"indicator {indicator_id} has no series {quote(series)}; use {allowed}", file=path,
                         line=line, field="series")
    meta = match.iloc[0]
    if meta["kind"] == "qualitative":
        raise InputError(f"indicator {indicator_id} is qualitative (定性评价): it takes no numbers", file=path,
                         line=line, field="indicator_id")
    year = parse_int(row.year, file=path, line=line, field="year")
    if not years[0] <= year <= years[1]:
        raise InputError(f"year {year} outside {years[0]}–{years[1]}", file=path, line=line, field="year")
    value = parse_number(row.value, file=path, line=line, field="value")
    problem = impossible(value, meta["kind"])
    if problem:
        raise InputError(problem, file=path, line=line, field="value")
    if not visible(row.source):
        hidden = " (only invisible characters)" if row.source.strip() else ""
        raise InputError(f"empty{hidden}: say which publication the value comes from", file=path, line=line,
                         field="source")
    note = getattr(row, "note", "")
    confirm = getattr(row, "confirm", "") or ""
    return {"indicator_id": indicator_id, "series": series, "year": year, "value_type": "actual",
            "value": value + 0.0, "printed_text": row.value.strip(), "source": display_path(path),
            "source_line": line, "processing": "", "reference": row.source.strip(), "note": (note or "").strip(),
            "confirm": confirm.strip() if visible(confirm) else "", "kind": meta["kind"], "path": path,
            "where": f"{display_path(path)}:{line}"}


def read_observations(directory: Path, indicators: pd.DataFrame, plan: Plan,
                      printed: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read and check every observation file in ``directory`` (absent or empty: no observations).

    Returns ``(observations, duplicates)``: ``observations`` has the columns of ``indicator_values.csv``;
    ``duplicates`` lists rows that repeat, with the same value, a year another file already gives (kept
    once, noted in the data-quality log). :func:`read_observation_folder` gives the rest of what the log
    lists.
    """
    folder = read_observation_folder(directory, indicators, plan, printed)
    return folder.values, folder.duplicates


def read_observation_folder(directory: Path, indicators: pd.DataFrame, plan: Plan,
                            printed: pd.DataFrame | None = None) -> ObservationFolder:
    """Read and check every observation file in ``directory``; with the plan's ``printed`` values, check
    each value against its series as well (:mod:`analysis.ingest.plausibility`)."""
    records: list[dict] = []
    seen: dict[tuple, dict] = {}
    duplicates: list[dict] = []
    years = year_range(plan)
    entries = observation_entries(directory)
    readers: dict[Path, FileRows] = {}
    for path in (path for path, role in entries if role == "data"):
        rows = readers[path] = READERS[path.suffix.lower()](path)
        in_file: dict[tuple, int] = {}
        for row in rows.frame.itertuples():
            try:
                record = _check_row(row, indicators, path, years)
            except InputError as exc:
                raise _located(exc, rows) from None
            record["where"] = f"{display_path(path)}:{rows.where(record['source_line'], 'value')}"
            key = (record["indicator_id"], record["series"], record["year"])
            if key in in_file:
                raise InputError(f"indicator {_label(key)} year {key[2]} already given at "
                                 f"{_line_name(rows.where(in_file[key], 'year'))} of this file (duplicate year)",
                                 file=path, line=rows.where(record["source_line"], "year"), field="year")
            in_file[key] = record["source_line"]
            if key in seen:
                first = seen[key]
                if first["value"] != record["value"]:
                    raise InputError(f"indicator {_label(key)} year {key[2]}: value {record['value']:g} "
                                     f"conflicts with {first['value']:g} in {first['where']}",
                                     file=path, line=rows.where(record["source_line"], "value"), field="value")
                duplicates.append({**record, "first_source": first["source"],
                                   "first_line": first["source_line"]})
                continue
            seen[key] = record
            records.append(record)
    confirmed = check_against_series(records, printed, readers) if printed is not None else []
    observations = pd.DataFrame.from_records(records, columns=list(VALUE_COLUMNS))
    observations = observations.astype({"indicator_id": int, "year": int, "value": float, "source_line": int})
    return ObservationFolder(observations, duplicates, confirmed,
                             [path for path, role in entries if role == "hidden"])


def _line_name(where: int | str) -> str:
    return f"line {where}" if isinstance(where, int) else where


def check_against_series(records: list[dict], printed: pd.DataFrame,
                         readers: dict[Path, FileRows] | None = None) -> list[dict]:
    """Each observation against the previous value of its series; returns the confirmed outliers.

    An outlier without a confirmation stops the run; of several, the first in file and line order
    is named.
    """
    baselines = printed[printed["value_type"].isin(("baseline", "actual"))]
    points: dict[tuple, list[Point]] = {}
    for row in baselines.itertuples():
        points.setdefault((row.indicator_id, row.series), []).append(
            Point(int(row.year), float(row.value), f"{row.source}:{row.source_line}", True))
    readers = readers or {}
    problems, confirmed = [], []
    for record in sorted(records, key=lambda r: (r["indicator_id"], r["series"], r["year"])):
        series = points.setdefault((record["indicator_id"], record["series"]), [])
        previous = previous_point(series, record["year"])
        # A rate of change is judged by its own range; it needs no previous value.
        compared = previous or Point(record["year"], record["value"], "", False)
        problem = implausible(record["value"], record["year"], compared, record["kind"])
        if problem and record["confirm"]:
            confirmed.append({**record, "problem": problem, "previous": previous})
        elif problem:
            problems.append((record["source"], record["source_line"], problem, record["value"], record["path"]))
        series.append(Point(record["year"], record["value"], record.get("where") or
                            f"{record['source']}:{record['source_line']}", False))
    if problems:
        _, line, problem, value, path = min(problems, key=lambda p: (p[0], p[1]))
        where = readers[path].where(line, "value") if path in readers else line
        raise InputError(f"{problem}; {confirm_hint(value)} (see the observations README)", file=path, line=where,
                         field="value")
    return confirmed
