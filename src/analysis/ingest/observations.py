"""Actual values published after the plan: the files of a plan's ``observations/`` folder, as given.

A researcher adds one file per publication (a statistical bulletin, a departmental report): a CSV
file, or a department's filled data-entry workbook (``.xlsx``, :mod:`analysis.ingest.xlsx_reader`).
Here each file is read into rows of text cells, the same for every format, and the folder's other
entries are sorted out (:func:`analysis.plan.observation_role`): hidden files skipped, a
``dataset.yml`` label read, anything else refused. Every check of a row against the plan, across
files and against its series is :mod:`analysis.clean.observations`'s. An empty or absent folder is
fine.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..plan import OBSERVATION_FORMATS, observation_entries
from .csv_reader import read_strict_csv
from .dataset import read_dataset_label
from .xlsx_reader import read_workbook_rows

REQUIRED_COLUMNS = ["indicator_id", "series", "year", "value", "source"]
#: ``confirm``: why a value far off its series is right (the plausibility checks then keep it).
OPTIONAL_COLUMNS = ["note", "confirm"]
TEXT_KINDS = {"source": "source", "note": "note", "confirm": "reason"}


@dataclass(frozen=True)
class FileRows:
    """The rows of one observation file as text cells (with ``csv_line``), and how a message names a cell:
    ``where(line, field)`` gives the line of a CSV file, a workbook's ``Sheet1!D5``."""

    path: Path
    frame: pd.DataFrame
    where: Callable[[int, str], int | str] = field(default=lambda line, column: line)


@dataclass(frozen=True)
class ObservationFiles:
    """What an observations folder holds, as read: the rows of each file (in name order), the hidden files
    skipped, and the data set's label when the folder says it is not the plan's own data."""

    folder: Path
    files: list[FileRows]
    skipped: list[Path]
    dataset_label: dict[str, str]


def _read_csv(path: Path) -> FileRows:
    return FileRows(path, read_strict_csv(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, text_kinds=TEXT_KINDS))


def _read_xlsx(path: Path) -> FileRows:
    rows = read_workbook_rows(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, text_kinds=TEXT_KINDS)
    return FileRows(path, rows.frame, rows.cell)


#: How each format of :data:`analysis.plan.OBSERVATION_FORMATS` is read (the rows of one file).
READERS = {".csv": _read_csv, ".xlsx": _read_xlsx}
assert set(READERS) == set(OBSERVATION_FORMATS), "every format observations are read from needs a reader"


def read_observation_files(folder: Path) -> ObservationFiles:
    """Every observation file of ``folder`` read into text rows (absent or empty: none)."""
    folder = Path(folder)
    entries = observation_entries(folder)
    files = [READERS[path.suffix.lower()](path) for path, role in entries if role == "data"]
    return ObservationFiles(folder, files, [path for path, role in entries if role == "hidden"],
                            read_dataset_label(folder))
