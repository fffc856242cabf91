"""The plan's key tasks, their items and its support measures as processed tables, with English names.

The tasks come as read (:mod:`analysis.ingest.plan_tasks`); here each department they name gets its
English name from ``department_names.csv``, a department it lacks refused with the line that names it
(the plan line of the parenthesis, or the row of ``tasks.csv``), since the English report needs it.
The tables are then validated (:mod:`analysis.clean.schemas`): ``tasks.csv``, ``task_items.csv`` and
``measures.csv`` of :data:`analysis.vocabulary.TABLES`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..catalog import plan_error
from ..errors import InputError, Mistakes, quote
from ..ingest.departments import DEPARTMENT_NAMES_FILE, one_name
from ..ingest.plan_tasks import PlanTasks
from ..vocabulary import DEPARTMENT_SEPARATORS, MEASURE_COLUMNS, TASK_COLUMNS, TASK_ITEM_COLUMNS
from . import schemas


def empty_table(columns: dict[str, str]) -> pd.DataFrame:
    """A table of ``columns`` with no rows, each column of its type."""
    return schemas.typed(pd.DataFrame(columns=list(columns)), columns)


@dataclass(frozen=True)
class TaskTables:
    """The processed tables of the plan's tasks: ``tasks``, ``items`` (``task_items.csv``), ``measures``."""

    tasks: pd.DataFrame = field(default_factory=lambda: empty_table(TASK_COLUMNS))
    items: pd.DataFrame = field(default_factory=lambda: empty_table(TASK_ITEM_COLUMNS))
    measures: pd.DataFrame = field(default_factory=lambda: empty_table(MEASURE_COLUMNS))


def build_task_tables(read: PlanTasks | None) -> TaskTables:
    """The tasks, items and measures of ``read`` as validated tables (all empty when there are none)."""
    if read is None:
        return TaskTables()
    source = read.tasks_source.name if read.tasks_source is not None else ""
    # every department without its English name told at once, each where it is first named (one row of
    # department_names.csv names it everywhere)
    told, unnamed_seen = Mistakes(), set()

    def names(row, owner: str, lead_column: bool = True) -> dict:
        """The departments of ``row``, a task (``owner``: ``owner_task``) or an item (``owner_item``)."""
        departments = list(row.departments)
        unnamed = [(name, line) for name, line in zip(departments, row.department_lines)
                   if name not in (read.department_names or {})]
        for name, line in unnamed:
            if name in unnamed_seen:
                continue
            unnamed_seen.add(name)
            whose = plan_error(f"tasks.{owner}", task_id=row.task_id, item=getattr(row, "item", ""))
            told.add(InputError(plan_error("tasks.no_english_name", name=quote(name), owner=whose,
                                           file=DEPARTMENT_NAMES_FILE), file=read.tasks_source, line=line,
                                field="departments" if read.tasks_typed else None))
        if unnamed:
            return {}
        # one department under one name, however the plan prints it (市市场监管局 is 市市场监督管理局: same_as)
        departments = one_name(departments, read.department_aliases)
        english = [read.department_names[name] for name in departments]
        # the first listed leads, unless task_leads.csv assigns another by function (the list stays as printed)
        lead = read.department_aliases.get(row.lead, row.lead) if row.lead else ""
        lead = lead if lead in departments else departments[0] if departments else ""
        basis = {"lead_basis": "assigned" if departments and lead != departments[0] else ""} if lead_column else {}
        return {"lead_department_zh": lead, "lead_department_en": read.department_names[lead] if lead else "",
                "departments_zh": DEPARTMENT_SEPARATORS["zh"].join(departments),
                "departments_en": DEPARTMENT_SEPARATORS["en"].join(english), **basis}

    counts = read.items.groupby("task_id").size().to_dict() if not read.items.empty else {}
    tasks = [{"task_id": row.task_id, "group": row.group, "group_title_zh": row.group_title_zh,
              "group_title_en": row.group_title_en, "number": row.number, "title_zh": row.title_zh,
              "title_en": row.title_en, **names(row, "owner_task"), "department_wording": row.wording,
              "department_line": row.department_line, "n_items": counts.get(row.task_id, 0), "source": source,
              "first_line": row.first_line, "last_line": row.last_line, "note": row.note}
             for row in read.tasks.itertuples()]
    items = [{"task_id": row.task_id, "item": row.item, "title_zh": row.title_zh, "line": row.line,
              **names(row, "owner_item", lead_column=False),
              "department_line": row.department_line}
             for row in read.items.itertuples()]
    told.errors.sort(key=lambda error: error.line if isinstance(error.line, int) else 0)
    told.check()
    measures_source = read.measures_source.name if read.measures_source is not None else ""
    measures = read.measures.assign(source=measures_source)
    return TaskTables(
        tasks=schemas.validate("tasks.csv", pd.DataFrame.from_records(tasks, columns=list(TASK_COLUMNS))),
        items=schemas.validate("task_items.csv", pd.DataFrame.from_records(items, columns=list(TASK_ITEM_COLUMNS))),
        measures=schemas.validate("measures.csv", measures[list(MEASURE_COLUMNS)]))
