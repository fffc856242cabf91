"""Everything a plan folder gives, read as given: the one place the plan's files are opened.

Load first, clean next: :func:`load_plan_inputs` reads the plan's table (parsed as printed, or
typed as CSV files), its provenance sidecars (every checksum verified), and the files people keep
beside it (metadata, categories, corrections, departments, prose checks), and its key tasks and support measures
(printed in its text or typed). Each file is checked on
its own, naming its file, line and field; nothing is yet compared across files. The result is
handed whole to :mod:`analysis.clean.tidy`, which never opens a file itself.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..catalog import plan_error
from ..errors import InputError, Mistakes, file_order
from ..plan import Plan
from .csv_reader import LINE_COLUMN, read_strict_csv
from .departments import load_departments
from .hand_files import (
    CORRECTIONS_FILE,
    correction_cell_check,
    load_categories,
    load_corrections,
    load_metadata,
    load_prose_checks,
)
from .plan_outline import plan_outline
from .plan_tasks import PlanTasks, load_plan_tasks
from .printed_table import PlanTable, parse_printed_table, read_source_lines
from .provenance import verify_provenance
from .typed_table import read_typed_table


@dataclass(frozen=True)
class PlanInputs:
    """A plan's files as read. ``table`` holds the value cells as text; ``typed_indicators`` the indicators of a
    plan typed as a table (a printed one takes them from ``metadata`` and ``categories``); ``source_lines`` the
    plan text, line by line, for a printed plan; ``tasks`` the plan's key tasks and support measures (None: not
    read)."""

    plan: Plan
    sources: list[dict]
    table: PlanTable
    typed_indicators: pd.DataFrame | None
    source_lines: list[str]
    metadata: pd.DataFrame | None
    categories: pd.DataFrame | None
    corrections: pd.DataFrame
    departments: pd.DataFrame
    prose_checks: pd.DataFrame
    tasks: PlanTasks | None = None


#: The review an imported table comes with (``python -m analysis import-plan``): every reading of a cell, and
#: the splits, guesses and gaps a person confirms (``confirmed`` = yes) before the plan is read.
REVIEW_FILE = "review.csv"
REVIEW_COLUMNS = ["where", "text", "read_as", "action", "confirmed"]


def check_review(folder) -> None:
    """A plan imported from a published table is read once its review is confirmed, row by row."""
    path = folder / REVIEW_FILE
    if not path.exists():
        return
    review = read_strict_csv(path, REVIEW_COLUMNS, text_kinds={"text": "note", "read_as": "note"})
    open_rows = review[review["confirmed"].str.strip().str.lower() != "yes"]
    if not open_rows.empty:
        first = open_rows.iloc[0]  # a row as a Series: its cells by key (first.where is the Series' method)
        raise InputError(plan_error("tasks.review_open", count=len(open_rows), action=first["action"],
                                    where=first["where"], read_as=first["read_as"]),
                         file=path, line=int(first[LINE_COLUMN]), field="confirmed")


def load_plan_inputs(plan: Plan) -> PlanInputs:
    """Read and check, file by file, everything ``plan``'s folder gives (observations apart)."""
    folder = plan.folder
    plan.check_table_files()
    check_review(folder)
    sources = verify_provenance(folder, required=plan.printed_text)
    if plan.printed_text is not None:
        table, typed_indicators = parse_printed_table(plan.printed_text), None
        source_lines = read_source_lines(plan.printed_text)
        # where each line stands in the printed plan, for a report to cite it as a reader finds it
        sources = [{**source, "outline": plan_outline(source_lines)} if source["file"] == plan.printed_text.name
                   else source for source in sources]
        metadata, categories = load_metadata(folder), load_categories(folder)
    else:
        # values.csv's mistakes kept for the clean step, which tells them with those it finds in its other rows
        table, typed_indicators = read_typed_table(plan.table_file("indicators"), plan.table_file("values"),
                                                   defer=True)
        source_lines, metadata, categories = [], None, None
    try:
        departments = load_departments(folder, source_lines or None)
        corrections = load_corrections(folder, table.fields, correction_cell_check(
            table.cells, folder / CORRECTIONS_FILE, table.source, table.refused))
        prose_checks = load_prose_checks(folder, table.fields)
        tasks = load_plan_tasks(folder, plan.printed_text)
    except InputError as exc:  # another file's mistake: told with the table's, not a round before them
        if not table.mistakes:
            raise
        told = Mistakes()
        for error in (*table.mistakes, exc):
            told.add(error)
        told.errors.sort(key=file_order())
        told.check()
    return PlanInputs(plan=plan, sources=sources, table=table, typed_indicators=typed_indicators,
                      source_lines=source_lines, metadata=metadata, categories=categories,
                      corrections=corrections, departments=departments, prose_checks=prose_checks, tasks=tasks)
