"""Who answers for each indicator: ``departments.csv`` and ``department_names.csv`` of a plan folder.

A plan names the responsible departments (责任部门) after each goal and task, not per indicator.
``departments.csv`` gives every indicator series its departments, the lead one (who reports the
value and receives the warning) first among equals, and the basis: ``printed`` with the line of the
plan text whose （责任部门：…） names every one of them, or ``assigned`` where the plan names none
and the natural department was chosen. ``department_names.csv`` gives each department its English
name. Both files are optional together: without them the report says the departments are not given.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from ..catalog import plan_error, plan_error_count, told_words
from ..errors import InputError, Mistakes, file_order, quote
from ..files import read_regular
from ..plan import load_plan
from ..text import visible
from ..vocabulary import SERIES
from .csv_reader import LINE_COLUMN, MAX_CSV_BYTES, parse_int, read_strict_csv
from .hand_files import METADATA_FILE, check_row_series, refuse_duplicates, require_filled, series_twice
from .printed_table import parse_printed_table, series_of

DEPARTMENTS_FILE = "departments.csv"
DEPARTMENT_NAMES_FILE = "department_names.csv"
DEPARTMENT_COLUMNS = ["indicator_id", "series", "lead", "departments", "basis", "plan_line", "note"]
BASES = ("printed", "assigned")
#: How a plan lists departments: 市委组织部、市科技局，各区市政府 (enumeration comma or comma).
SEPARATORS = re.compile(r"[、，,]")
#: The parenthesis after a goal or task that names its departments.
RESPONSIBLE = re.compile(r"[（(]责任部门[：:](?P<names>[^）)]*)[）)]")


def split_names(text: str) -> list[str]:
    return [name.strip() for name in SEPARATORS.split(text) if name.strip()]


def _department_names(folder: Path) -> pd.DataFrame:
    """``department_names.csv``, checked: every mistake of every row told at once."""
    path = Path(folder) / DEPARTMENT_NAMES_FILE
    frame = read_strict_csv(path, ["name_zh", "name_en"], ["same_as"],
                            text_kinds={"name_zh": "name", "name_en": "name", "same_as": "name"}, defer=True)
    told = Mistakes()
    for error in frame.attrs["mistakes"]:
        told.add(error)
    require_filled(frame, ("name_zh", "name_en"), path, mistakes=told)
    refuse_duplicates(frame, ["name_zh"], path, "name_zh",
                      lambda row: plan_error("hand_files.department_twice", name=quote(row.name_zh)), told)
    listed: dict[str, tuple[str, int]] = {}  # name → its same_as and its line, as its first row gives them
    for row in frame.itertuples():
        listed.setdefault(row.name_zh, (row.same_as, getattr(row, LINE_COLUMN)))
    for row in frame[frame["same_as"] != ""].itertuples():
        with told.row():
            _check_same_as(row, listed, path)
    told.errors.sort(key=lambda error: (_line_order(error), _column_rank(error, ["name_zh", "name_en", "same_as"])))
    told.check()
    return frame


def _check_same_as(row, listed: dict[str, tuple[str, int]], path: Path) -> None:
    """A row's ``same_as`` names a department the file lists under its own name (no same_as of its own)."""
    line, target = getattr(row, LINE_COLUMN), row.same_as
    if target == row.name_zh:
        raise InputError(plan_error("hand_files.same_as_itself"), file=path, line=line, field="same_as")
    if target not in listed:
        raise InputError(plan_error("hand_files.unknown_same_as", name=quote(target)), file=path, line=line,
                         field="same_as")
    further, at = listed[target]
    if not further:
        return
    end, seen = further, {row.name_zh, target}
    while end in listed and listed[end][0] and end not in seen:  # where the chain ends
        seen.add(end)
        end = listed[end][0]
    if end in listed and not listed[end][0] and end not in seen:
        raise InputError(plan_error("hand_files.same_as_chain", name=quote(target), target=quote(further),
                                    end=quote(end)), file=path, line=line, field="same_as")
    raise InputError(plan_error("hand_files.same_as_chain_wrong", name=quote(target), target=quote(further), line=at),
                     file=path, line=line, field="same_as")


def _line_order(error: InputError) -> int:
    """A file's mistakes in the order of its lines, one about the whole file first."""
    return error.line if isinstance(error.line, int) else 0


def _column_rank(error: InputError, columns: list[str]) -> int:
    """Where an error's field stands among a file's ``columns``: a row's mistakes told from left to right (another
    file's, or one about no column, after them)."""
    return columns.index(error.field) if error.field in columns else len(columns)


def load_department_names(folder: Path) -> dict[str, str]:
    """``department_names.csv``: the English name of every department ``departments.csv`` names."""
    frame = _department_names(folder)
    return dict(zip(frame["name_zh"], frame["name_en"]))


def load_department_aliases(folder: Path) -> dict[str, str]:
    """The departments a plan prints under another name (``same_as`` in ``department_names.csv``: 市市场监管局 for
    市市场监督管理局, 市人社局 for 市人力资源和社会保障局) → the name they are counted and listed under, so that one
    department is one line of the self-evaluation and the warning list. Empty when the file gives none."""
    return _aliases(_department_names(folder))


def _aliases(frame: pd.DataFrame) -> dict[str, str]:
    named = frame[frame["same_as"] != ""]
    return dict(zip(named["name_zh"], named["same_as"]))


def one_name(names: list[str], aliases: dict[str, str]) -> list[str]:
    """``names`` each under the name it is counted under (:func:`load_department_aliases`), each once, in order."""
    return list(dict.fromkeys(aliases.get(name, name) for name in names))


def load_departments(folder: Path, plan_lines: list[str] | None) -> pd.DataFrame:
    """Every series' departments, checked against the plan text (``plan_lines``; None for a typed plan).

    Columns: indicator_id, series, lead, departments (a list, as the row gives them), basis,
    plan_line (0 when assigned), names_en (department → English name), csv_line. Absent file: no rows.
    Every mistake of every row is told at once, with those of ``department_names.csv`` (where that file has one,
    the checks against it wait for it to be fixed); every series of the plan's table needs its row.
    """
    folder = Path(folder)
    path = folder / DEPARTMENTS_FILE
    if not path.exists() and not path.is_symlink():
        return pd.DataFrame(columns=[*DEPARTMENT_COLUMNS, "names_en", LINE_COLUMN])
    frame = read_strict_csv(path, DEPARTMENT_COLUMNS, text_kinds={"lead": "name", "departments": "name",
                                                                   "note": "note"}, defer=True)
    told = Mistakes()
    for error in frame.attrs["mistakes"]:
        told.add(error)
    names_en: dict[str, str] | None = None  # None: department_names.csv has mistakes, told with these
    aliases: dict[str, str] = {}
    try:
        names = _department_names(folder)
        names_en, aliases = dict(zip(names["name_zh"], names["name_en"])), _aliases(names)
    except InputError as exc:
        told.add(exc)
    require_filled(frame, ("lead", "departments"), path, mistakes=told)
    ids, lists, lines = [], [], []
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        ids.append(None)
        lines.append(0)
        with told.row():
            check_row_series(row.series, path, line)
        with told.row():
            ids[-1] = parse_int(row.indicator_id, file=path, line=line, field="indicator_id")
        departments = split_names(row.departments)
        lists.append(departments)
        with told.row():
            if any(not visible(name) for name in SEPARATORS.split(row.departments)) and visible(row.departments):
                raise InputError(plan_error("hand_files.empty_department", text=quote(row.departments)), file=path,
                                 line=line, field="departments")
        with told.row():
            if visible(row.lead) and departments and row.lead not in departments:
                raise InputError(plan_error("hand_files.lead_not_listed", lead=quote(row.lead)), file=path,
                                 line=line, field="lead")
        for name in departments if names_en is not None else ():
            if name not in names_en:
                told.add(InputError(plan_error("hand_files.no_english_name", name=quote(name),
                                               file=DEPARTMENT_NAMES_FILE), file=path, line=line, field="departments"))
        with told.row():
            if row.basis not in BASES:
                raise InputError(plan_error("hand_files.unknown_basis", basis=quote(row.basis)),
                                 file=path, line=line, field="basis")
            lines[-1] = _plan_line(row, departments, plan_lines, path, line)
    frame["indicator_id"] = ids
    named = frame[frame["indicator_id"].notna()]
    refuse_duplicates(named, ["indicator_id", "series"], path, "indicator_id",
                      lambda row: series_twice(int(row.indicator_id), row.series), told)
    if not frame.attrs["mistakes"] and len(named) == len(frame):  # every row's series told: which has none
        _refuse_series_without_row(frame, folder, path, told)
    order = file_order()  # department_names.csv's mistakes, then this file's, each line's from left to right
    told.errors.sort(key=lambda error: (order(error), _column_rank(error, DEPARTMENT_COLUMNS)))
    told.check()
    # checked against the plan as printed; counted under one name each (same_as)
    lists = [one_name(departments, aliases) for departments in lists]
    frame["lead"] = [aliases.get(lead, lead) for lead in frame["lead"]]
    frame["departments"] = lists
    frame["plan_line"] = lines
    frame["names_en"] = [{name: names_en[name] for name in departments} for departments in lists]
    return frame


def _refuse_series_without_row(frame: pd.DataFrame, folder: Path, path: Path, told: Mistakes) -> None:
    """Every series of the plan's table has its row: one left out would be reported as having no department."""
    series = table_series(folder)
    given = set(zip(frame["indicator_id"], frame["series"]))
    missing = [key for key in series or () if key not in given]
    if missing:
        shown = told_words().join_and(series_of(indicator, name, quote) for indicator, name in missing)
        told.add(InputError(plan_error_count("hand_files.series_without_row", len(missing), indicators=shown),
                            file=path, field="indicator_id"))


def table_series(folder: Path) -> list[tuple[int, str]] | None:
    """The series of the plan's table in ``folder``: a typed table's as ``indicators.csv`` lists them; a printed
    table's as ``indicator_metadata.csv`` splits them (国2.8/省2.7: national and provincial), of the indicators the
    table prints only (a metadata row of an indicator the table lacks is the metadata's mistake, told by its reader);
    None where they cannot be told (that file's mistakes are its reader's to tell)."""
    printed = None
    try:
        plan = load_plan(folder)
        if plan.printed_text is not None:
            printed = {int(indicator) for indicator in parse_printed_table(plan.printed_text).rows["indicator_id"]}
        path = Path(folder) / METADATA_FILE if printed is not None else plan.table_file("indicators")
        rows = list(csv.DictReader(io.StringIO(read_regular(path, MAX_CSV_BYTES).decode("utf-8-sig"))))
    except (InputError, KeyError, OSError, UnicodeDecodeError, csv.Error):
        return None
    keys = [((row.get("indicator_id") or "").strip(), row.get("series") or "") for row in rows]
    if not all(re.fullmatch(r"[0-9]{1,9}", indicator) and series in SERIES for indicator, series in keys):
        return None
    return list(dict.fromkeys((int(indicator), series) for indicator, series in keys
                              if printed is None or int(indicator) in printed))


def _plan_line(row, departments: list[str], plan_lines: list[str] | None, path: Path, line: int) -> int:
    """The plan line a ``printed`` row cites, checked: its （责任部门：…） names every department given."""
    if row.basis == "assigned":
        if row.plan_line.strip():
            raise InputError(plan_error("hand_files.assigned_with_line"), file=path, line=line, field="plan_line")
        return 0
    if plan_lines is None:  # a typed plan: no text to check against; the line is recorded as given
        return parse_int(row.plan_line, file=path, line=line, field="plan_line") if row.plan_line.strip() else 0
    if not row.plan_line.strip():
        raise InputError(plan_error("hand_files.printed_without_line"), file=path, line=line, field="plan_line")
    number = parse_int(row.plan_line, file=path, line=line, field="plan_line")
    if not 1 <= number <= len(plan_lines):
        raise InputError(plan_error_count("hand_files.no_such_plan_line", len(plan_lines), number=number,
                                          lines=len(plan_lines)),
                         file=path, line=line, field="plan_line")
    printed = [name for match in RESPONSIBLE.finditer(plan_lines[number - 1])
               for name in split_names(match.group("names"))]
    if not printed:
        raise InputError(plan_error("hand_files.line_names_none", number=number), file=path, line=line,
                         field="plan_line")
    missing = [name for name in departments if name not in printed]
    if missing:
        raise InputError(plan_error("hand_files.line_misses", number=number,
                                    name=told_words().join_and(quote(name) for name in missing),
                                    names="、".join(printed)), file=path, line=line, field="departments")
    return number
