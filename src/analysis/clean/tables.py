"""The processed tables as files: deterministic CSV bytes, and reading them back with their types.

A folder of processed tables (``data/processed/<plan>/``, or a report's ``data/``) is the contract
between the data step and the notebooks: ``plan.json`` (the plan's identity and its sources) and
the CSV files of :data:`analysis.clean.schemas.TABLES`. CSV files are UTF-8 with a byte-order mark,
so Excel shows the Chinese text correctly.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from . import schemas

PLAN_JSON = "plan.json"


@dataclass(frozen=True)
class ProcessedTables:
    """Everything the notebooks read, as the data step wrote it."""

    plan: dict
    indicators: pd.DataFrame
    values: pd.DataFrame
    quality: pd.DataFrame
    assessment: pd.DataFrame
    growth: pd.DataFrame

    def for_year(self, report_year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The assessment and the growth needed of one report year."""
        return (self.assessment[self.assessment["report_year"] == report_year].reset_index(drop=True),
                self.growth[self.growth["report_year"] == report_year].reset_index(drop=True))


def format_csv(frame: pd.DataFrame) -> bytes:
    """Serialise deterministically: UTF-8 with BOM, ``\\n`` line ends, shortest exact floats."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def format_json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


def read_table(path: Path, columns: dict[str, str]) -> pd.DataFrame:
    """Read a CSV this project wrote, each column in its type (empty text stays empty text)."""
    text = {name for name, dtype in columns.items() if dtype == "str"}
    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values={c: [""] for c in columns
                                                                                      if c not in text},
                        dtype={c: str for c in text})
    if list(frame.columns) != list(columns):
        raise InputError(f"columns {', '.join(frame.columns)}; expected {', '.join(columns)} (rebuild with "
                         "`make data`)", file=path)
    return schemas.typed(frame, columns)


def read_processed(folder: Path) -> ProcessedTables:
    """The tables of ``folder``; a missing file is named with the command that writes it."""
    folder = Path(folder)
    missing = [name for name in (PLAN_JSON, *schemas.TABLES) if not (folder / name).is_file()]
    if missing:
        raise InputError(f"no {missing[0]}: run `make data` first (it writes the processed tables)", file=folder)
    tables = {name: read_table(folder / name, columns) for name, columns in schemas.TABLES.items()}
    return ProcessedTables(
        plan=json.loads((folder / PLAN_JSON).read_text(encoding="utf-8")),
        indicators=tables["indicators.csv"], values=tables["indicator_values.csv"],
        quality=tables["data_quality.csv"], assessment=tables["assessment.csv"],
        growth=tables["required_growth.csv"])
