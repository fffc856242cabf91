"""``make data``: rebuild ``data/processed`` from ``data/raw``.

Everything is computed in memory and validated first; only then is each file written to a
temporary name beside its target and renamed, so a bad input or a killed run leaves the previous
files complete and unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .cleaning import CleanDataset, clean_indicator_table
from .csvio import format_csv, write_bytes_atomic
from .paths import PROCESSED_DIR, RAW_DIR
from .provenance import verify_provenance

PROCESSED_FILES = ("indicators.csv", "indicator_values.csv", "data_quality.csv")


@dataclass(frozen=True)
class ProcessedTables:
    """The tables ``make data`` writes, keyed by file name."""

    tables: dict[str, pd.DataFrame]
    dataset: CleanDataset


def indicators_for_output(dataset: CleanDataset) -> pd.DataFrame:
    return dataset.indicators


def build_tables(raw_dir: Path = RAW_DIR) -> ProcessedTables:
    """Compute every processed table in memory, after verifying the raw inputs' checksums."""
    verify_provenance(raw_dir)
    dataset = clean_indicator_table(raw_dir)
    tables = {
        "indicators.csv": dataset.indicators,
        "indicator_values.csv": dataset.values,
        "data_quality.csv": dataset.quality,
    }
    return ProcessedTables(tables=tables, dataset=dataset)


def write_tables(tables: dict[str, pd.DataFrame], processed_dir: Path = PROCESSED_DIR) -> list[Path]:
    """Serialise all tables first, then write each atomically."""
    processed_dir = Path(processed_dir)
    payloads = {name: format_csv(frame) for name, frame in tables.items()}
    written = []
    for name, payload in payloads.items():
        path = processed_dir / name
        write_bytes_atomic(path, payload)
        written.append(path)
    return written


def build_data(raw_dir: Path = RAW_DIR, processed_dir: Path = PROCESSED_DIR) -> list[Path]:
    """Rebuild ``processed_dir`` from ``raw_dir``; returns the files written."""
    return write_tables(build_tables(raw_dir).tables, processed_dir)
