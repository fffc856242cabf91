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


def refused_file(folder: Path, name: str, text: str, clean, plan: Plan) -> str:
    """The one message the observations of ``folder`` (made, holding file ``name`` with ``text`` alone) are refused
    with, checked against the cleaned plan tables ``clean``."""
    import pytest

    from analysis.errors import InputError

    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean.indicators, plan, clean.values)
    return str(caught.value)


def one_sheet_workbook(*rows: list):
    """A workbook of one sheet, "Sheet1", holding ``rows``: a department's or a statistician's values as typed."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    for row in rows:
        book.active.append(row)
    return book


def refused_lines(plan: Plan, folder: Path) -> list[str]:
    """The lines the data step refuses the observations of ``folder`` with: every mistake of one round."""
    import pytest

    from analysis.errors import InputErrors
    from analysis.publish.data import monitoring_data

    with pytest.raises(InputErrors) as caught:
        monitoring_data(plan, folder)
    return caught.value.lines()
