"""Who answers for each indicator: ``departments.csv`` and ``department_names.csv`` of a plan folder.

A plan names the responsible departments (责任部门) after each goal and task, not per indicator.
``departments.csv`` gives every indicator series its departments, the lead one (who reports the
value and receives the warning) first among equals, and the basis: ``printed`` with the line of the
plan text whose （责任部门：…） names every one of them, or ``assigned`` where the plan names none
and the natural department was chosen. ``department_names.csv`` gives each department its English
name. Both files are optional together: without them the report says the departments are not given.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..catalog import plan_error, plan_error_count
from ..errors import InputError, quote
from .csv_reader import LINE_COLUMN, parse_int, read_strict_csv
from .hand_files import check_series, refuse_duplicates, require_filled, series_twice

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
    path = Path(folder) / DEPARTMENT_NAMES_FILE
    frame = read_strict_csv(path, ["name_zh", "name_en"], ["same_as"],
                            text_kinds={"name_zh": "name", "name_en": "name", "same_as": "name"})
    require_filled(frame, ("name_zh", "name_en"), path)
    refuse_duplicates(frame, ["name_zh"], path, "name_zh",
                      lambda row: plan_error("hand_files.department_twice", name=quote(row.name_zh)))
    own = set(frame.loc[frame["same_as"] == "", "name_zh"])
    for row in frame[frame["same_as"] != ""].itertuples():
        if row.same_as not in own:
            raise InputError(plan_error("hand_files.unknown_same_as", name=quote(row.same_as)), file=path,
                             line=getattr(row, LINE_COLUMN), field="same_as")
    return frame


def load_department_names(folder: Path) -> dict[str, str]:
    """``department_names.csv``: the English name of every department ``departments.csv`` names."""
    frame = _department_names(folder)
    return dict(zip(frame["name_zh"], frame["name_en"]))


def load_department_aliases(folder: Path) -> dict[str, str]:
    """The departments a plan prints under another name (``same_as`` in ``department_names.csv``: 市市场监管局 for
    市市场监督管理局, 市人社局 for 市人力资源和社会保障局) → the name they are counted and listed under, so that one
    department is one line of the self-evaluation and the warning list. Empty when the file gives none."""
    frame = _department_names(folder)
    return dict(zip(frame.loc[frame["same_as"] != "", "name_zh"], frame.loc[frame["same_as"] != "", "same_as"]))


def one_name(names: list[str], aliases: dict[str, str]) -> list[str]:
    """``names`` each under the name it is counted under (:func:`load_department_aliases`), each once, in order."""
    return list(dict.fromkeys(aliases.get(name, name) for name in names))


def load_departments(folder: Path, plan_lines: list[str] | None) -> pd.DataFrame:
    """Every series' departments, checked against the plan text (``plan_lines``; None for a typed plan).

    Columns: indicator_id, series, lead, departments (a list, as the row gives them), basis,
    plan_line (0 when assigned), names_en (department → English name), csv_line. Absent file: no rows.
    """
    folder = Path(folder)
    path = folder / DEPARTMENTS_FILE
    if not path.exists() and not path.is_symlink():
        return pd.DataFrame(columns=[*DEPARTMENT_COLUMNS, "names_en", LINE_COLUMN])
    frame = read_strict_csv(path, DEPARTMENT_COLUMNS, text_kinds={"lead": "name", "departments": "name",
                                                                   "note": "note"})
    names_en = load_department_names(folder)
    check_series(frame, path)
    require_filled(frame, ("lead", "departments"), path)
    ids, lists, lines = [], [], []
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        ids.append(parse_int(row.indicator_id, file=path, line=line, field="indicator_id"))
        departments = split_names(row.departments)
        if row.lead not in departments:
            raise InputError(plan_error("hand_files.lead_not_listed", lead=quote(row.lead)), file=path,
                             line=line, field="lead")
        unnamed = [name for name in departments if name not in names_en]
        if unnamed:
            raise InputError(plan_error("hand_files.no_english_name", name=quote(unnamed[0]),
                                        file=DEPARTMENT_NAMES_FILE), file=path, line=line, field="departments")
        if row.basis not in BASES:
            raise InputError(plan_error("hand_files.unknown_basis", basis=quote(row.basis)),
                             file=path, line=line, field="basis")
        lists.append(departments)
        lines.append(_plan_line(row, departments, plan_lines, path, line))
    # checked against the plan as printed; counted under one name each (same_as)
    aliases = load_department_aliases(folder)
    lists = [one_name(departments, aliases) for departments in lists]
    frame["indicator_id"] = ids
    frame["lead"] = [aliases.get(lead, lead) for lead in frame["lead"]]
    frame["departments"] = lists
    frame["plan_line"] = lines
    frame["names_en"] = [{name: names_en[name] for name in departments} for departments in lists]
    refuse_duplicates(frame, ["indicator_id", "series"], path, "indicator_id",
                      lambda row: series_twice(row.indicator_id, row.series))
    return frame


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
        raise InputError(plan_error("hand_files.line_misses", number=number, name=quote(missing[0]),
                                    names="、".join(printed)), file=path, line=line, field="departments")
    return number
