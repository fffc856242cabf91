"""``make data``: rebuild ``data/processed`` from ``data/raw``.

Everything is computed in memory and validated first; only then is each file written to a
temporary name beside its target and renamed, so a bad input or a killed run leaves the previous
files complete and unchanged.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import schemas
from .cleaning import CleanDataset, clean_indicator_table
from .atomic_files import write_files_atomic
from .csvio import format_csv
from .errors import InputError
from .observations import read_observations
from .parameters import check_report_year, check_scheme
from .paths import OBSERVATIONS_DIR, PROCESSED_DIR, RAW_DIR
from .progress import assess, required_growth
from .provenance import verify_provenance

PROCESSED_FILES = ("indicators.csv", "indicator_values.csv", "data_quality.csv", "required_growth.csv",
                   "assessment.csv")


@dataclass(frozen=True)
class MonitoringData:
    """The cleaned table plus the actual values observed since: what the assessment reads."""

    indicators: pd.DataFrame
    values: pd.DataFrame
    quality: pd.DataFrame
    clean: CleanDataset
    provenance: list[dict]


def _observation_findings(observations: pd.DataFrame, duplicates: list[dict], printed: pd.DataFrame) -> list[dict]:
    findings = []
    baselines = printed[printed["value_type"] == "baseline"].set_index(["indicator_id", "series", "year"])["value"]
    for row in observations.itertuples():
        key = (row.indicator_id, row.series, row.year)
        if key in baselines.index and baselines[key] != row.value:
            findings.append({
                "issue": "observation_revises_baseline", "indicator_id": row.indicator_id, "series": row.series,
                "year": row.year, "printed_text": row.printed_text, "value": row.value, "source": row.source,
                "source_line": row.source_line,
                "detail_en": f"{row.reference} gives {row.value:g} for {row.year}; the plan printed "
                             f"{baselines[key]:g}. The assessment uses the published actual for the latest "
                             "value and keeps the printed 2020 baseline as its starting point.",
                "detail_zh": f"{row.reference} 公布 {row.year} 年为 {row.value:g}，方案印作 {baselines[key]:g}；"
                             "评估采用公布值"})
    for dup in duplicates:
        findings.append({
            "issue": "duplicate_observation", "indicator_id": dup["indicator_id"], "series": dup["series"],
            "year": dup["year"], "printed_text": dup["printed_text"], "value": dup["value"], "source": dup["source"],
            "source_line": dup["source_line"],
            "detail_en": f"Same value as {dup['first_source']}:{dup['first_line']}; kept once.",
            "detail_zh": f"与 {dup['first_source']} 第{dup['first_line']}行数值相同，只计一次"})
    return findings


_LOADED: dict[tuple, MonitoringData] = {}
_LOADED_KEEP = 4


def load_monitoring_data(raw_dir: Path = RAW_DIR, observations_dir: Path | None = None) -> MonitoringData:
    """Verify the raw checksums, clean the printed table and add the observed actual values.

    The result is remembered for the exact bytes of every input file (sha256), so the report's
    data step and notebooks 02 and 03, which run in one kernel, clean the table once; any edit
    to an input gives a new key and a fresh load. Callers get their own copy.
    """
    from .build_cache import digests, input_files

    raw_dir = Path(raw_dir)
    observations_dir = Path(observations_dir) if observations_dir is not None else raw_dir / OBSERVATIONS_DIR.name
    key = (str(raw_dir.resolve()), str(observations_dir.resolve()),
           tuple(digests(input_files(raw_dir, observations_dir)).items()))
    if key not in _LOADED:
        loaded = _load_monitoring_data(raw_dir, observations_dir)
        while len(_LOADED) >= _LOADED_KEEP:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = loaded
    return copy.deepcopy(_LOADED[key])


def _load_monitoring_data(raw_dir: Path, observations_dir: Path) -> MonitoringData:
    provenance = verify_provenance(raw_dir)
    clean = clean_indicator_table(raw_dir)
    observations, duplicates = read_observations(observations_dir, clean.indicators)
    values = clean.values
    if not observations.empty:
        values = pd.concat([values, observations], ignore_index=True)
        values = values.sort_values(["indicator_id", "series", "value_type", "year"], kind="stable")
        values = values.reset_index(drop=True)
    quality = clean.quality
    findings = _observation_findings(observations, duplicates, clean.values)
    if findings:
        quality = pd.concat([quality, pd.DataFrame(findings)], ignore_index=True)
    return MonitoringData(indicators=clean.indicators,
                          values=schemas.validate_values(values, clean.indicators),
                          quality=schemas.validate_quality(quality), clean=clean, provenance=provenance)


def build_tables(raw_dir: Path = RAW_DIR, report_year: int = 2024, scheme: str = "eurostat",
                 observations_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Compute every processed table in memory."""
    report_year, scheme = check_report_year(report_year), check_scheme(scheme)
    data = load_monitoring_data(raw_dir, observations_dir)
    return {
        "indicators.csv": data.indicators,
        "indicator_values.csv": data.values,
        "data_quality.csv": data.quality,
        "required_growth.csv": required_growth(data.indicators, data.values, report_year),
        "assessment.csv": assess(data.indicators, data.values, report_year, scheme),
    }


def write_tables(tables: dict[str, pd.DataFrame], processed_dir: Path = PROCESSED_DIR) -> list[Path]:
    """Serialise all tables first, then write each atomically."""
    processed_dir = Path(processed_dir)
    if processed_dir.exists() and not processed_dir.is_dir():
        raise InputError("exists and is not a folder; the processed tables need a folder", file=processed_dir)
    payloads = {processed_dir / name: format_csv(frame) for name, frame in tables.items()}
    write_files_atomic(payloads)
    return list(payloads)


def build_data(raw_dir: Path = RAW_DIR, processed_dir: Path = PROCESSED_DIR, report_year: int = 2024,
               scheme: str = "eurostat", observations_dir: Path | None = None) -> list[Path]:
    """Rebuild ``processed_dir`` from ``raw_dir``; returns the files written."""
    return write_tables(build_tables(raw_dir, report_year, scheme, observations_dir), processed_dir)
