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
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, catalog, plan_error
from ..errors import InputError, Mistakes, file_order
from ..plan import Plan
from .csv_reader import LINE_COLUMN, read_strict_csv
from .departments import DEPARTMENT_COLUMNS, DEPARTMENTS_FILE, load_departments
from .hand_files import (
    CATEGORIES_FILE,
    CORRECTIONS_FILE,
    METADATA_FILE,
    PROSE_CHECKS_FILE,
    correction_cell_check,
    load_categories,
    load_corrections,
    load_metadata,
    load_prose_checks,
    no_corrections,
    no_prose_checks,
)
from .plan_outline import plan_outline
from .plan_tasks import PlanTasks, load_plan_tasks
from .printed_table import PlanTable, parse_printed_table, read_source_lines
from .provenance import verify_provenance
from .published_table import FORMATS
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
    #: the files' own mistakes, kept for the clean step to tell with its own (``load_plan_inputs(defer=True)``), and
    #: what they refuse: the files by their names, :data:`TABLE`, :data:`TEXT`, :data:`TASKS`
    mistakes: tuple[InputError, ...] = ()
    refused: frozenset[str] = frozenset()


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


#: What :attr:`PlanInputs.refused` names, beside the hand-written files by their names: the plan's table (as printed
#: or typed), the plan text (its lines, read for the departments and the prose checks) and the tasks' files.
TABLE, TEXT, TASKS = "table", "text", "tasks"


def load_plan_inputs(plan: Plan, defer: bool = False) -> PlanInputs:
    """Read and check, file by file, everything ``plan``'s folder gives (observations apart). Each file is read
    whatever another's mistakes, and every file's own mistakes are told in one round; a file read against another (the
    corrections against the table, the departments against the plan text) is read where that one was, its own
    mistakes told otherwise where they can be. With ``defer``, the mistakes are kept in ``mistakes`` and the files
    they refuse named in ``refused``, for :func:`analysis.clean.tidy.clean_plan_table` to tell with those it finds
    comparing the files that were read."""
    folder = plan.folder
    plan.check_table_files()
    told, refused = Mistakes(), set()

    def read(name: str, reader, *args, fallback=None):
        """``reader(*args)``, or ``fallback`` with its mistakes told and ``name`` refused."""
        try:
            return reader(*args)
        except InputError as exc:
            told.add(exc)
            refused.add(name)
            return fallback

    read(REVIEW_FILE, check_review, folder)
    sources = read("provenance", verify_provenance, folder, plan.printed_text, fallback=[])
    table = typed_indicators = metadata = categories = None
    if plan.printed_text is not None:
        table = read(TABLE, parse_printed_table, plan.printed_text)
        source_lines = read(TEXT, read_source_lines, plan.printed_text)
        if source_lines is not None:
            # where each line stands in the printed plan, for a report to cite it as a reader finds it
            sources = [{**source, "outline": plan_outline(source_lines)} if source["file"] == plan.printed_text.name
                       else source for source in sources]
        # a name left empty refuses no row: the rows are compared with the table in the same round
        metadata = read(METADATA_FILE, load_metadata, folder, told)
        categories = read(CATEGORIES_FILE, load_categories, folder)
    else:
        # values.csv's mistakes kept for the clean step, which tells them with those it finds in its other rows
        table, typed_indicators = read(TABLE, read_typed_table, plan.table_file("indicators"),
                                       plan.table_file("values"), True, fallback=(None, None))
        source_lines = []
        # what a printed table's files give, a typed table's indicators.csv gives: such a file beside it is not read
        for name, key in ((METADATA_FILE, "metadata_in_typed"), (CATEGORIES_FILE, "categories_in_typed")):
            if (folder / name).exists():
                told.add(InputError(plan_error(f"hand_files.{key}", indicators=plan.table_file("indicators").name),
                                    file=folder / name))
                refused.add(name)
    fields = table.fields if table is not None else None
    # the departments are checked against the plan text, a typed plan's not (it has none)
    departments = read(DEPARTMENTS_FILE, load_departments, folder, source_lines or None,
                       fallback=empty_departments()) if source_lines is not None else empty_departments()
    check_cell = None if table is None else correction_cell_check(table.cells, folder / CORRECTIONS_FILE,
                                                                  table.source, table.refused)
    corrections = read(CORRECTIONS_FILE, load_corrections, folder, fields, check_cell, fallback=no_corrections())
    if plan.printed_text is None and (folder / PROSE_CHECKS_FILE).exists():
        # a typed plan has no text: a prose check's quote cannot be found in it, nor the line it stands on
        told.add(InputError(plan_error("hand_files.prose_without_text"), file=folder / PROSE_CHECKS_FILE))
        refused.add(PROSE_CHECKS_FILE)
        prose_checks = no_prose_checks()
    else:
        # the rows without a mistake go on, to be checked against the table's values in the same round
        prose_checks = read(PROSE_CHECKS_FILE, load_prose_checks, folder, fields, source_lines, told,
                            fallback=no_prose_checks())
    tasks = read(TASKS, load_plan_tasks, folder, plan.printed_text)
    if told.errors and not defer:  # with the table's own (a typed table's, kept for the clean step otherwise)
        for error in table.mistakes if table is not None else ():
            told.add(error)
        told.errors.sort(key=file_order())
        told.check()
    return PlanInputs(plan=plan, sources=sources, table=table, typed_indicators=typed_indicators,
                      source_lines=source_lines or [], metadata=metadata, categories=categories,
                      corrections=corrections, departments=departments, prose_checks=prose_checks, tasks=tasks,
                      mistakes=tuple(told.errors), refused=frozenset(refused))


def empty_departments() -> pd.DataFrame:
    """The departments of a plan whose departments.csv gives none (or was refused)."""
    return pd.DataFrame(columns=[*DEPARTMENT_COLUMNS, "names_en", LINE_COLUMN])


@dataclass(frozen=True)
class _NamedText:
    """What a printed plan's files are read with where its plan.yml has mistakes: its folder and its text."""

    folder: Path
    printed_text: Path

    def check_table_files(self) -> None:
        """The text is there (:func:`analysis.plan.printed_text_file`)."""


def hand_file_mistakes(folder: Path, printed_text: Path) -> list[InputError]:
    """The own mistakes of a printed plan's files (its table, the files beside it, its tasks' files) where its plan.yml
    has mistakes, to be told with plan.yml's in one round; what compares them with each other waits for plan.yml."""
    inputs = load_plan_inputs(_NamedText(Path(folder), Path(printed_text)), defer=True)
    return list(inputs.mistakes)


@dataclass(frozen=True)
class TableOrigin:
    """Where a plan's table comes from: ``printed`` (parsed from the plan text as printed), ``published`` (read from
    a saved web page or Word file by ``import-plan``, its readings confirmed in review.csv) or ``typed`` (typed as
    CSV files by hand). ``file``: the plan text, the published file or values.csv."""

    kind: str
    file: Path


def table_origin(plan: Plan) -> TableOrigin:
    """Where ``plan``'s table comes from (:class:`TableOrigin`): a typed plan whose folder holds review.csv and the
    web page or Word file it was imported from was read from that file; without that file it is told typed."""
    if plan.printed_text is not None:
        return TableOrigin("printed", plan.printed_text)
    folder = plan.folder
    published = sorted(path for path in folder.iterdir() if path.suffix.lower() in FORMATS and path.is_file())
    if (folder / REVIEW_FILE).exists() and published:
        return TableOrigin("published", published[0])
    return TableOrigin("typed", plan.table_file("values"))


def table_story(plan: Plan, part: str, words: Catalog | None = None, line: int | None = None) -> str:
    """Notebook 01's words for ``part`` of its story (``source``, ``reading``, ``where``, ``splits``) as the plan's
    table came: printed, published (a web page or a Word file) or typed (:func:`table_origin`); ``line``: a printed
    table's title line, for ``where``."""
    words = words or catalog("en")
    origin = table_origin(plan)
    suffix = origin.file.suffix.lower().lstrip(".")
    return words.text(f"table_story.{part}.{origin.kind}", file=origin.file.name, line=line,
                      format=words["table_story.formats"].get(suffix, suffix), review=REVIEW_FILE,
                      values=plan.table_file("values").name if origin.kind != "printed" else "",
                      indicators=plan.table_file("indicators").name if origin.kind != "printed" else "")
