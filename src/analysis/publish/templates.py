"""``make templates``: the departments' data-entry workbooks for one year, in ``OUTPUT_DIR/<plan>/<year>/``.

The workbooks are made from the plan and its observations as ``make data`` reads them (every check
included), so the latest known value each shows is the one the next report starts from. They are
written together, each file atomically: a bad input leaves the folder as it was, and a workbook already
there that holds values (filled in place) is never written over. A workbook from an
earlier run whose department no longer leads any series is left in place.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from ..catalog import catalog
from ..clean.observations import year_range
from ..errors import InputError
from ..files import refuse_link_outside, write_files_atomic
from ..ingest.csv_reader import LINE_COLUMN
from ..ingest.observations import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from ..ingest.xlsx_reader import read_workbook
from ..parameters import check_year
from ..plan import Plan
from ..report.entry_workbooks import entry_workbook_bytes, entry_workbooks
from .data import monitoring_data

SUFFIX = ".xlsx"


def templates_folder(plan: Plan, output_dir: Path, year: int) -> Path:
    return Path(output_dir) / plan.name / str(year)


def check_entry_year(plan: Plan, value) -> int:
    """A year observations may be given for (:func:`analysis.clean.observations.year_range`)."""
    year = check_year(value, "--year")
    first, last = year_range(plan)
    if not first < year <= last:
        raise InputError(f"{year}: values are collected for {first + 1}–{last}", field="--year")
    return year


def build_templates(plan: Plan, year: int, language: str, output_dir: Path,
                    observations_dir: Path | None = None) -> list[Path]:
    """Write one data-entry workbook per lead department for ``year``; returns their paths."""
    data = monitoring_data(plan, observations_dir)
    words = catalog(language)
    workbooks = entry_workbooks(data.indicators, data.values, year, words, plan.text("title", language))
    folder = templates_folder(plan, output_dir, year)
    refuse_link_outside(folder, "output")
    today = datetime.date.today()
    files = {folder / f"{workbook.file_stem}{SUFFIX}": entry_workbook_bytes(workbook, today)
             for workbook in workbooks}
    for path in files:
        refuse_filled(path)
    write_files_atomic(files)
    return list(files)


def refuse_filled(path: Path) -> None:
    """A workbook already at ``path`` that holds values is a department's work: never written over."""
    if not path.exists():
        return
    try:
        book = read_workbook(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    except InputError:
        return  # not a readable workbook of ours: nothing a department filled in
    filled = [sheet.cell(line, "value") for sheet in book.sheets for line in sheet.frame[LINE_COLUMN]]
    if filled:
        raise InputError(f"already holds values ({', '.join(filled[:3])}{', …' if len(filled) > 3 else ''}): a "
                         "filled workbook is never written over; move it (into the plan's observations/, if it is "
                         "done) and run again", file=path)
