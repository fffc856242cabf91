"""Observations read and checked in one call, as the data step does (ingest, then clean)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.clean.observations import check_observations
from analysis.ingest.observations import read_observation_files
from analysis.plan import Plan


def read_observations(folder: Path, indicators: pd.DataFrame, plan: Plan) -> tuple[pd.DataFrame, list[dict]]:
    """The checked values of ``folder`` and the rows that repeat another file's (kept once)."""
    checked = check_observations(read_observation_files(folder), indicators, plan)
    return checked.values, checked.duplicates
