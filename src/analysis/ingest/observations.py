"""Actual values published after the plan: the CSV files of a plan's ``observations/`` folder.

A researcher adds one file per publication (a statistical bulletin, a departmental report). Every
file is checked row by row against the indicator metadata; one bad row stops the run with the
file, line and field named, before anything is written. An empty or absent folder is fine.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..clean.schemas import VALUE_COLUMNS
from ..errors import InputError, display_path
from ..plan import Plan, observation_files
from .csv_reader import LINE_COLUMN, parse_int, parse_number, read_strict_csv

REQUIRED_COLUMNS = ["indicator_id", "series", "year", "value", "source"]
OPTIONAL_COLUMNS = ["note"]
NON_NEGATIVE_KINDS = ("count", "amount", "intensity", "share")
#: Observation years run from the plan's base year to some years after its last evaluation.
YEARS_AFTER_PLAN = 6


def year_range(plan: Plan) -> tuple[int, int]:
    return plan.base_year, max(plan.evaluations) + YEARS_AFTER_PLAN


def _label(key: tuple) -> str:
    return f"{key[0]} {key[1]}" if key[1] else str(key[0])


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
        raise InputError(f"indicator {indicator_id} has no series {series!r}; use {allowed}", file=path,
                         line=line, field="series")
    meta = match.iloc[0]
    if meta["kind"] == "qualitative":
        raise InputError(f"indicator {indicator_id} is qualitative (定性评价): it takes no numbers", file=path,
                         line=line, field="indicator_id")
    year = parse_int(row.year, file=path, line=line, field="year")
    if not years[0] <= year <= years[1]:
        raise InputError(f"year {year} outside {years[0]}–{years[1]}", file=path, line=line, field="year")
    value = parse_number(row.value, file=path, line=line, field="value")
    if meta["kind"] == "share" and not 0 <= value <= 100:
        raise InputError(f"{value:g} is a share in %, it must lie within 0–100", file=path, line=line, field="value")
    if meta["kind"] in NON_NEGATIVE_KINDS and value < 0:
        raise InputError(f"{value:g} is negative; a {meta['kind']} cannot be", file=path, line=line, field="value")
    if not row.source.strip():
        raise InputError("empty: say which publication the value comes from", file=path, line=line, field="source")
    note = getattr(row, "note", "")
    return {"indicator_id": indicator_id, "series": series, "year": year, "value_type": "actual", "value": value,
            "printed_text": row.value.strip(), "source": display_path(path), "source_line": line,
            "processing": "", "reference": row.source.strip(), "note": (note or "").strip()}


def read_observations(directory: Path, indicators: pd.DataFrame, plan: Plan) -> tuple[pd.DataFrame, list[dict]]:
    """Read and check every observation file in ``directory`` (absent or empty: no observations).

    Returns
    -------
    (observations, duplicates)
        ``observations`` has the columns of ``indicator_values.csv``; ``duplicates`` lists rows that
        repeat, with the same value, a year another file already gives (kept once, noted in the
        data-quality log).
    """
    records: list[dict] = []
    seen: dict[tuple, dict] = {}
    duplicates: list[dict] = []
    years = year_range(plan)
    for path in observation_files(directory):
        frame = read_strict_csv(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
        in_file: dict[tuple, int] = {}
        for row in frame.itertuples():
            record = _check_row(row, indicators, path, years)
            key = (record["indicator_id"], record["series"], record["year"])
            if key in in_file:
                raise InputError(f"indicator {_label(key)} year {key[2]} already given at line "
                                 f"{in_file[key]} of this file (duplicate year)", file=path,
                                 line=record["source_line"], field="year")
            in_file[key] = record["source_line"]
            if key in seen:
                first = seen[key]
                if first["value"] != record["value"]:
                    raise InputError(f"indicator {_label(key)} year {key[2]}: value {record['value']:g} "
                                     f"conflicts with {first['value']:g} in {first['source']}:"
                                     f"{first['source_line']}", file=path, line=record["source_line"],
                                     field="value")
                duplicates.append({**record, "first_source": first["source"],
                                   "first_line": first["source_line"]})
                continue
            seen[key] = record
            records.append(record)
    observations = pd.DataFrame.from_records(records, columns=list(VALUE_COLUMNS))
    return observations.astype({"indicator_id": int, "year": int, "value": float, "source_line": int}), duplicates
