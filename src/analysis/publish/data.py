"""``make data``: a plan's raw inputs → its processed tables (``data/processed/<plan>/``).

Load (verify checksums, read the table, the hand-maintained files and the observations: :mod:`analysis.ingest`)
→ clean (:mod:`analysis.clean`) → assess every report year (:mod:`analysis.assess`) → check (the schemas)
→ save. Everything is computed and validated in memory first; the folder then changes as one
(:func:`analysis.publish.folders.write_tables`), so a bad input or a run killed at any moment leaves the
previous tables complete, never a mix of old and new. A report run reads the tables from the same folder,
holding its lock while it runs, so ``make data`` meanwhile waits for it instead of changing the tables under it.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..assess.assessment import assess_years
from ..clean import schemas
from ..clean.department_words import tidy_department_words
from ..clean.observations import lead_departments, observation_mistakes
from ..clean.processed import PLAN_JSON, ProcessedTables, as_written
from ..clean.quality import plan_words, secondary_findings, words_file_findings
from ..clean.tidy import CleanDataset, MonitoringData, add_observations, clean_plan_table
from ..errors import Mistakes, display_path, file_order
from ..files import sha256_file
from ..ingest.department_words import read_department_words
from ..ingest.observations import read_observation_files
from ..ingest.plan_inputs import load_plan_inputs
from ..numbers import fmt_printed
from ..plan import Plan
from ..report.words import amount_alone, value_text
from ..vocabulary import DEPARTMENT_SEPARATORS
from .folders import tables_lock, write_tables
from .manifest import PLAN_FOLDER, check_owner, plan_folder


def monitoring_data(plan: Plan, observations_dir: Path | None = None) -> MonitoringData:
    """Load → clean: the plan's table and the observations (``observations_dir``, by default the plan's own)."""
    inputs = load_plan_inputs(plan)
    observed = read_observation_files(observations_dir if observations_dir is not None else plan.observations_dir)
    with plan_words(plan):
        return add_observations(inputs, clean_plan_table(inputs), observed)


def value_in_unit(indicators: pd.DataFrame) -> Callable:
    """How a finding quotes a published value: as the report's sentences write it, with its series' unit (a rank's
    place 第18位 / No. 18, 55.3%, 6.3件/万人, 6.3 patents per 10,000 people: the finding does not name its series),
    its digits as published (2.10, never 2.1)."""
    series = indicators.set_index(["indicator_id", "series"])

    def shown(words, point) -> str:
        indicator = series.loc[(point.indicator_id, point.series)]
        number = value_text(indicator, point.value, words) if indicator.kind == "rank" else \
            fmt_printed(point.printed_text, point.value)
        return amount_alone(indicator, number, words)

    return shown


def build_tables(plan: Plan, scheme: str, observations_dir: Path | None = None,
                 languages: dict[str, str] | None = None) -> ProcessedTables:
    """Every processed table of ``plan``, assessed for every report year and validated, in memory. A department's
    workbook is checked whole: the mistakes in its values and in its words are told together. ``languages``, when
    given, is filled with the language each observation file speaks, by its path as the tables name it (a workbook's
    template's, a CSV file's header's): what the run says of the file is said in it, as its mistakes are."""
    observations = observations_dir if observations_dir is not None else plan.observations_dir
    inputs = load_plan_inputs(plan, defer=True)  # every plan file's own mistakes, told with the cleaning's
    mistakes = Mistakes()
    with plan_words(plan):
        clean = observed = None
        with mistakes.row():
            clean = clean_plan_table(inputs)
        with mistakes.row():
            observed = read_observation_files(observations, defer=True)
            if clean is None:  # the plan's files refused: the observation files' own mistakes told with theirs
                mistakes.errors += observation_mistakes(observed, plan)
            else:
                data = add_observations(inputs, clean, observed)
        if clean is not None:
            with mistakes.row():
                words, sheets = department_words(plan, clean, observations)
    # file by file, and in a workbook sheet by sheet in its order: its words sheet's with its values sheet's
    mistakes.errors.sort(key=file_order(observed.sheet_orders() if observed is not None else {}))
    mistakes.check()
    if languages is not None:
        for rows in observed.files:  # a workbook's first sheet read speaks for the file, as its template does
            languages.setdefault(display_path(rows.path), rows.language)
        for sheet in sheets:  # a workbook of words only: its words sheet's
            languages.setdefault(display_path(sheet.path), sheet.language)
    assessment, growth = assess_years(data.indicators, data.values, plan.report_years, plan.base_year, scheme,
                                      plan.status_words)
    with plan_words(plan):  # a workbook's words told with its values: read, or nothing filled in at all
        quality = words_file_findings(data.quality, observed, sheets)
    with plan_words(plan):  # the values a verdict rests on that another publication quotes
        quoted = secondary_findings(assessment, data.values, value_in_unit(data.indicators))
    if quoted:
        quality = schemas.validate("data_quality.csv", pd.concat([quality, pd.DataFrame(quoted)], ignore_index=True))
    inputs = {display_path(path): sha256_file(path) for path in plan.input_files(observations)}
    identity = {**plan.identity(), PLAN_FOLDER: plan_folder(plan), "scheme": scheme, "sources": data.sources,
                "dataset_label": data.dataset_label, "inputs": inputs}
    return ProcessedTables(plan=as_written(identity), indicators=data.indicators, values=data.values,
                           quality=quality, assessment=schemas.validate("assessment.csv", assessment),
                           growth=schemas.validate("required_growth.csv", growth), tasks=data.tasks.tasks,
                           task_items=data.tasks.items, measures=data.tasks.measures,
                           words=words)


def department_words(plan: Plan, data: CleanDataset | MonitoringData, observations: Path):
    """What the departments wrote back in their workbooks' words sheets, checked against the plan's tasks and
    indicator series (:mod:`analysis.clean.department_words`), and the words sheets as read."""
    mistakes = Mistakes()  # a workbook that cannot be read, told with the others' mistakes
    sheets = read_department_words(observations, mistakes.errors)
    with mistakes.row():
        said = tidy_department_words(sheets, set(data.tasks.tasks["task_id"]),
                                     set(zip(data.indicators["indicator_id"].astype(int), data.indicators["series"])),
                                     range(plan.base_year + 1, max(plan.report_years) + 1),
                                     frozenset(data.indicators.loc[data.indicators["kind"] == "qualitative",
                                                                   "indicator_id"].astype(int)), plan.name,
                                     plan_departments(data), lead_departments(data.indicators, data.tasks.tasks))
    mistakes.check()
    return schemas.validate("department_words.csv", said), sheets


def plan_departments(data: CleanDataset | MonitoringData) -> frozenset[str]:
    """Every department the plan names (its Chinese name as written): the lead and the others of each indicator
    series, key task and task item. A template records one of them as the department it was made for."""
    names = set()
    for table in (data.indicators, data.tasks.tasks, data.tasks.items):
        for column in ("lead_department_zh", "departments_zh"):
            if column in table.columns:
                names.update(name.strip() for cell in table[column].dropna()
                             for name in str(cell).split(DEPARTMENT_SEPARATORS["zh"]))
    return frozenset(names - {""})


def build_data(plan: Plan, processed_root: Path, scheme: str, observations_dir: Path | None = None,
               waiting: Callable[[str], None] | None = None,
               languages: dict[str, str] | None = None) -> tuple[list[Path], list[Path]]:
    """Rebuild ``processed_root/<plan>/`` from the plan's raw inputs; returns its files and those that changed.
    While a report run holds the tables, ``waiting`` is told so and the tables are written after it ends: a
    report publishes the tables it was made from, so tables written under it would be undone. ``languages``: filled
    with each observation file's language (:func:`build_tables`)."""
    files = build_tables(plan, scheme, observations_dir, languages).files()
    folder = plan.processed_folder(processed_root)
    check_owner(plan, folder / PLAN_JSON, folder)  # before the lock too: a refused run leaves nothing behind
    with tables_lock(folder, waiting):
        check_owner(plan, folder / PLAN_JSON, folder)
        changed = write_tables(files, folder)
    return [folder / name for name in files], [folder / name for name in changed]
