"""Strict reading of the CSV files people maintain by hand.

Every hand-maintained file goes through :func:`read_strict_csv`, which turns any defect (missing
file, not UTF-8, wrong columns, a row with the wrong number of fields) into an
:class:`~analysis.errors.InputError` naming the file and line, and keeps the line number of every row
so that later checks can name it too. Numbers written by people go through :func:`parse_number`.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..errors import InputError

LINE_COLUMN = "csv_line"


def read_strict_csv(path: Path, required: Iterable[str], optional: Iterable[str] = ()) -> pd.DataFrame:
    """Read a small CSV of text cells, checking its shape.

    Returns a DataFrame of strings (no type guessing, empty cells as ``""``) with the required and
    optional columns, plus ``csv_line``: the 1-based line of the file each row starts on.
    """
    path = Path(path)
    required, optional = list(required), list(optional)
    if not path.is_file():
        raise InputError("file not found", file=path)
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError("contains NUL bytes: not a text CSV (is it a spreadsheet or UTF-16?)", file=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 (byte {exc.start}); save the file as UTF-8 "
                         "(Excel: 'CSV UTF-8'), GBK is not accepted", file=path, line=line) from None
    if not text.strip():
        raise InputError(f"empty file: expected a header row with {', '.join(required)}", file=path, line=1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as exc:
        raise InputError(f"malformed CSV header: {exc}", file=path, line=1) from None
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}; the header is {', '.join(header)}",
                         file=path, line=1, field="header")
    unknown = [name for name in header if name not in required and name not in optional]
    if unknown:
        raise InputError(f"unexpected column(s) {', '.join(unknown)}; allowed: "
                         f"{', '.join(required + optional)}", file=path, line=1, field="header")
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise InputError(f"column(s) {', '.join(duplicated)} appear more than once", file=path, line=1,
                         field="header")
    records = []
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", file=path, line=line) from None
        if not fields or all(not cell.strip() for cell in fields):
            continue  # blank lines are harmless
        if len(fields) != len(header):
            raise InputError(f"{len(fields)} fields, expected {len(header)} ({', '.join(header)})",
                             file=path, line=line)
        record = dict(zip(header, fields))
        record[LINE_COLUMN] = line
        records.append(record)
    columns = [c for c in required + optional] + [LINE_COLUMN]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in required + optional:
        frame[column] = [cell if isinstance(cell, str) else "" for cell in frame[column]]
    return frame


def parse_number(text: str, *, file: Path, line: int, field: str) -> float:
    """Parse a decimal number written by a person; reject text, NaN and infinities by name."""
    cleaned = text.strip()
    if cleaned == "":
        raise InputError("empty, expected a number", file=file, line=line, field=field)
    if not re.fullmatch(r"[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?(?:nan|inf|infinity)", cleaned,
                        re.IGNORECASE):
        # float() would also take "1_000", "٣" or "２.５": numbers here are plain ASCII decimals.
        raise InputError(f"{cleaned!r} is not a number (write plain digits with a decimal point, "
                         "no thousands separators, units or % signs)", file=file, line=line, field=field)
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(f"{cleaned!r} is not a finite number", file=file, line=line, field=field)
    return value


def parse_int(text: str, *, file: Path, line: int, field: str) -> int:
    cleaned = text.strip()
    if not re.fullmatch(r"-?[0-9]+", cleaned):
        raise InputError(f"{cleaned!r} is not a whole number", file=file, line=line, field=field)
    return int(cleaned)
