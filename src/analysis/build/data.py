"""``make data``: a plan's raw inputs → its processed tables (``data/processed/<plan>/``).

Load (verify checksums, read the table, the hand-maintained files and the observations: :mod:`analysis.ingest`)
→ clean (:mod:`analysis.clean`) → assess every report year (:mod:`analysis.assess`) → check (the
schemas) → save. Everything is computed and validated in
memory first; the folder then changes as one (:func:`analysis.files.replace_folder_files`: a new
generation of the folder, with only the files whose bytes changed written anew, exchanged with the
old one in one atomic step), so a bad input or a run killed at any moment leaves the previous tables
complete, never a mix of old and new.
"""
from __future__ import annotations

from pathlib import Path

from ..assess.assessment import assess_years
from ..clean import schemas
from ..clean.processed import PLAN_JSON, format_csv, format_json
from ..clean.tidy import MonitoringData, add_observations, clean_plan_table
from ..errors import InputError
from ..files import replace_folder_files
from ..ingest.observations import read_observation_files
from ..ingest.plan_inputs import load_plan_inputs
from ..plan import Plan


def monitoring_data(plan: Plan, observations_dir: Path | None = None) -> MonitoringData:
    """Load → clean: the plan's table and the observations (``observations_dir``, by default the plan's own)."""
    inputs = load_plan_inputs(plan)
    observed = read_observation_files(observations_dir if observations_dir is not None else plan.observations_dir)
    return add_observations(inputs, clean_plan_table(inputs), observed)


def build_tables(plan: Plan, scheme: str, observations_dir: Path | None = None) -> dict[str, bytes]:
    """Every processed file of ``plan``, as bytes, by file name."""
    data = monitoring_data(plan, observations_dir)
    assessment, growth = assess_years(data.indicators, data.values, plan.report_years, plan.base_year, scheme)
    frames = {"indicators.csv": data.indicators, "indicator_values.csv": data.values,
              "data_quality.csv": data.quality, "assessment.csv": schemas.validate("assessment.csv", assessment),
              "required_growth.csv": schemas.validate("required_growth.csv", growth)}
    identity = {**plan.identity(), "scheme": scheme, "sources": data.sources, "dataset_label": data.dataset_label}
    return {PLAN_JSON: format_json(identity), **{name: format_csv(frame) for name, frame in frames.items()}}


def write_tables(files: dict[str, bytes], folder: Path) -> list[Path]:
    """Write ``files`` into ``folder`` as one change; files whose bytes are unchanged are left alone."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("exists and is not a folder; the processed tables need a folder", file=folder)
    replace_folder_files(folder, files)
    return [folder / name for name in files]


def build_data(plan: Plan, processed_root: Path, scheme: str, observations_dir: Path | None = None) -> list[Path]:
    """Rebuild ``processed_root/<plan>/`` from the plan's raw inputs; returns the files."""
    return write_tables(build_tables(plan, scheme, observations_dir), plan.processed_folder(processed_root))
