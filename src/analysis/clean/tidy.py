"""From a plan's table as given to a tidy, validated dataset, and the actual values observed since.

The files come already read (:mod:`analysis.ingest`): this room opens none. Steps (each a function,
each re-runnable):

1. :func:`apply_corrections` replaces the text of a cell where ``corrections.csv`` says so, after
   checking that the table still gives exactly what the correction expects;
2. :func:`parse_values` turns text into numbers; a token it does not know stops the run; combined
   cells (``国2.8/省3.1``) are split into their national and provincial series;
3. :func:`build_indicators` joins a printed table's rows with the hand-maintained metadata, and
   :func:`attach_departments` gives every series its responsible departments;
4. :mod:`analysis.clean.plausibility` checks every number against the kind of its indicator, and
   :mod:`analysis.clean.tasks` gives the plan's key tasks their departments' English names;
5. :mod:`analysis.clean.quality` lists every finding a reader of the data should know about;
6. :mod:`analysis.clean.schemas` validates the results.

:func:`clean_plan_table` runs these on a plan's inputs; :func:`add_observations` adds the actual
values published after the plan (checked by :mod:`analysis.clean.observations`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalog import plan_error
from ..errors import InputError, Mistakes, file_order, quote
from ..ingest.csv_reader import LINE_COLUMN
from ..ingest.departments import DEPARTMENTS_FILE
from ..ingest.hand_files import (
    CATEGORIES_FILE,
    CORRECTIONS_FILE,
    METADATA_FILE,
    PROSE_CHECKS_FILE,
    correction_cell_check,
)
from ..ingest.observations import ObservationFiles
from ..ingest.plan_inputs import TEXT, PlanInputs
from ..ingest.printed_table import COMBINED_CELL, CORE_MARK, PLAIN_NUMBER, PlanTable, series_of
from ..ingest.typed_table import not_a_number
from ..plan import Plan
from ..vocabulary import (
    BASE_SOURCE_COLUMNS,
    DEPARTMENT_COLUMNS,
    DEPARTMENT_SEPARATORS,
    NOTE_COLUMNS,
    REFERENCE_COLUMNS,
    TABLE_INDICATOR_COLUMNS,
    VALUE_COLUMNS,
)
from . import schemas
from .observations import check_observations
from .plausibility import check_table_values
from .quality import observation_findings, observation_folder_findings, read_from_bare, table_findings
from .targets import RELATIVE, check_plan_years, resolve_relative_targets
from .tasks import TaskTables, build_task_tables


@dataclass(frozen=True)
class CleanDataset:
    """A plan's table, cleaned: what every later step reads."""

    table: PlanTable
    corrections: pd.DataFrame
    indicators: pd.DataFrame
    values: pd.DataFrame
    quality: pd.DataFrame
    tasks: TaskTables = field(default_factory=TaskTables)


@dataclass(frozen=True)
class MonitoringData:
    """The cleaned table plus the actual values observed since: what the assessment reads."""

    plan: Plan
    indicators: pd.DataFrame
    values: pd.DataFrame
    quality: pd.DataFrame
    sources: list[dict]
    dataset_label: dict[str, str]  # the observations' label, when they say they are not the plan's own data
    tasks: TaskTables = field(default_factory=TaskTables)  # the plan's key tasks and support measures


# --- 2. corrections ---------------------------------------------------------------------------------


def apply_corrections(cells: pd.DataFrame, corrections: pd.DataFrame, corrections_path: Path,
                      source_path: Path, refused=frozenset()) -> pd.DataFrame:
    """Return ``cells`` with a ``text`` column: the corrected text where a correction applies.

    A correction whose cell does not exist, or whose ``printed_text`` differs from what the table
    gives (the source changed, or the correction was mistyped), stops the run.
    """
    cells = cells.copy()
    cells["text"] = cells["printed_text"]
    cells["correction"] = ""
    cells["correction_zh"] = ""
    check = correction_cell_check(cells, corrections_path, source_path, refused)
    for row in corrections.itertuples():
        index = check(row)
        if index is None:  # a cell of a row refused (told): nothing to correct
            continue
        cells.at[index, "text"] = row.corrected_value
        cells.at[index, "correction"] = row.reason
        cells.at[index, "correction_zh"] = getattr(row, "reason_zh", "") or ""
    return cells


# --- 3. numbers --------------------------------------------------------------------------------------

def _number(text: str) -> float | None:
    return float(text) if PLAIN_NUMBER.fullmatch(text) else None


def parse_values(cells: pd.DataFrame, source_path: Path, source_label: str, printed: bool = True,
                 mistakes: Mistakes | None = None, refused: set | None = None) -> pd.DataFrame:
    """Turn the (corrected) text of every value cell into numbers, splitting combined cells.

    Only plain decimals (``22154``, ``2.36``) and combined national/provincial cells
    (``国2.8/省3.1``) are accepted, exactly as written: anything else, including a stray space,
    needs a row in ``corrections.csv`` in a ``printed`` table (its text stays as the plan prints it); in a typed one
    (values.csv) the cell is fixed where it is. A typed cell's mistakes are told all at once; with ``mistakes``, they
    are added there, the cells left out and their series added to ``refused``, for the checks after to pass them over.
    """
    records = []
    typed_mistakes = Mistakes() if mistakes is None else mistakes
    refused = set() if refused is None else refused
    for row in cells.itertuples():
        base = {"indicator_id": row.indicator_id, "year": row.year, "value_type": row.value_type,
                "printed_text": row.printed_text, "source": source_label, "source_line": row.source_line,
                "note": getattr(row, "note", "") or "", "upper": math.nan,
                **{name: getattr(row, name, "") or "" for name in NOTE_COLUMNS}}
        processing = ["corrected"] if row.correction else []
        basis = getattr(row, "basis", "") or "absolute"
        if basis != "absolute":
            processing.append(f"{RELATIVE}{basis}")  # made absolute once the base value is known
        # a typed cell's spaces around its number are no part of it (" 150 " is 150, as in an observation file);
        # a printed cell is read exactly as printed
        value = _number(row.text if printed else row.text.strip())
        upper_text = getattr(row, "upper_text", "") or ""
        if upper_text:  # a range target (direction within): 控制在2%–3% is value 2, upper 3
            upper = _number(upper_text)
            if upper is None or value is None or upper < value:
                problem = (plan_error("table.upper_not_number") if upper is None
                           else plan_error("table.upper_below", lower=row.text) if value is not None
                           else plan_error("table.upper_no_lower"))
                typed_mistakes.add(InputError(plan_error("table.upper_bound", id=row.indicator_id, field=row.field,
                                                         upper=repr(upper_text), problem=problem),
                                              file=source_path, line=row.source_line, field="upper"))
                refused.add((row.indicator_id, row.series))
                continue  # every such cell told at once, with the cells that are no number
            base["upper"] = upper
        if value is not None:
            records.append({**base, "series": row.series, "value": value, "processing": ";".join(processing)})
            continue
        combined = COMBINED_CELL.fullmatch(row.text)
        if combined and not row.series:
            for series in ("national", "provincial"):
                part = _number(combined.group(series))
                if part is None:
                    raise InputError(plan_error("table.part_not_number", id=row.indicator_id, field=row.field,
                                                series=series, part=repr(combined.group(series)),
                                                text=repr(row.text)),
                                     file=source_path, line=row.source_line, field=row.field)
                records.append({**base, "series": series, "value": part,
                                "processing": ";".join(processing + ["split"])})
            continue
        if not printed:  # a table typed by hand: the cell itself is fixed, no printed text to keep
            typed_mistakes.add(not_a_number(row.text, source_path, row.source_line))
            refused.add((row.indicator_id, row.series))
            continue  # every such cell told at once
        raise InputError(plan_error("table.unknown_token", id=row.indicator_id, field=row.field, text=repr(row.text)),
                         file=source_path, line=row.source_line, field=row.field)
    if mistakes is None:
        typed_mistakes.check()
    values = pd.DataFrame.from_records(records, columns=None if records else [
        "indicator_id", "year", "value_type", "printed_text", "source", "source_line", "note", "upper",
        *NOTE_COLUMNS, "series", "value", "processing"])
    # A row printed with combined cells must be combined in all its cells, or the series differ.
    for indicator_id, group in values.groupby("indicator_id"):
        split = group["processing"].str.contains("split")
        if split.any() and not split.all():
            raise InputError(plan_error("table.mixed_cells", id=indicator_id),
                             file=source_path, line=int(group["source_line"].min()), field="value")
    return values


# --- 4. indicators -------------------------------------------------------------------------------------

def build_indicators(table: PlanTable, values: pd.DataFrame, metadata: pd.DataFrame,
                     categories: pd.DataFrame | None, metadata_path: Path) -> pd.DataFrame:
    """One row per indicator series, joining what a printed table prints with the metadata. Every series the
    metadata lacks or the table does not print, every kind that disagrees with the table, every category without an
    English name and every category no indicator is in: all told in one round. ``values``: each series of the table
    (its indicator_id and series); ``categories`` None: categories.csv was refused, its names not looked for."""
    rows = []
    for row in table.rows.itertuples():
        series_list = [row.series]
        if not row.series and not row.qualitative:
            series_list = sorted(values.loc[values["indicator_id"] == row.indicator_id, "series"].unique())
        name = row.name_printed.strip()
        name_zh = name[: -len(CORE_MARK)].strip() if name.endswith(CORE_MARK) else name
        for series in series_list:
            rows.append({"indicator_id": row.indicator_id, "series": series, "category_zh": row.category,
                         "name_zh": name_zh, "core": row.core, "qualitative": row.qualitative,
                         "source_line": row.source_line})
    given = pd.DataFrame(rows)
    merged = given.merge(metadata.drop(columns=[LINE_COLUMN]), on=["indicator_id", "series"], how="outer",
                         indicator=True)
    lines = dict(zip(zip(metadata.indicator_id, metadata.series), metadata[LINE_COLUMN]))
    told = Mistakes()
    # a series the metadata lacks has no line there: each told of the file, none taken for another (Mistakes.add
    # tells one mistake of a file as a whole)
    for row in merged[merged["_merge"] == "left_only"].itertuples():
        told.errors.append(InputError(plan_error("table.no_metadata", indicator=series_of(row.indicator_id,
                                                                                            row.series)),
                                      file=metadata_path, field="indicator_id"))
    for row in merged[merged["_merge"] == "right_only"].itertuples():
        told.add(InputError(plan_error("table.not_printed", indicator=series_of(row.indicator_id, row.series)),
                            file=metadata_path, line=int(lines[(row.indicator_id, row.series)]), field="indicator_id"))
    for row in merged[merged["_merge"] == "both"].itertuples():
        line = int(lines[(row.indicator_id, row.series)])
        if (row.kind == "qualitative") != bool(row.qualitative):
            told.add(InputError(plan_error("table.kind_qualitative" if row.qualitative else "table.kind_numeric",
                                           id=row.indicator_id, kind=repr(row.kind)), file=metadata_path,
                                line=line, field="kind"))
            continue  # its units: told once its kind is right
        for column in ("unit_zh", "unit_en") if row.kind != "qualitative" else ():
            if not getattr(row, column).strip():
                told.add(InputError(plan_error("table.unit_empty", id=row.indicator_id), file=metadata_path,
                                    line=line, field=column))
    merged = merged[merged["_merge"] != "right_only"].drop(columns="_merge")
    categories_path = Path(metadata_path).parent / CATEGORIES_FILE
    if categories is not None:
        category_en = dict(zip(categories["category_zh"], categories["category_en"]))
        for category in sorted(set(merged["category_zh"]) - set(category_en)):
            told.errors.append(InputError(plan_error("table.no_category_name", category=repr(category)),
                                          file=categories_path, field="category_zh"))
        printed = set(table.rows["category"])
        for row in categories[~categories["category_zh"].isin(printed)].itertuples():
            told.add(InputError(plan_error("table.unused_category", category=quote(row.category_zh)),
                                file=categories_path, line=getattr(row, LINE_COLUMN), field="category_zh"))
        merged["category_en"] = merged["category_zh"].map(category_en)
    else:
        merged["category_en"] = ""
    told.errors.sort(key=file_order())
    told.check()
    merged["indicator_id"] = merged["indicator_id"].astype(int)
    merged["base_source"] = ""  # a printed table prints its baselines
    merged["bare_target"] = _bare_targets(merged, values)
    merged[list(BASE_SOURCE_COLUMNS)] = ""
    merged = merged.sort_values(["indicator_id", "series"], kind="stable").reset_index(drop=True)
    return merged[TABLE_INDICATOR_COLUMNS]


def _bare_targets(indicators: pd.DataFrame, values: pd.DataFrame) -> list[bool]:
    """Whether each series is a level to hold every year read from targets the printed table gives without their
    sign (:func:`~analysis.clean.quality.read_from_bare`); false where the values are not read (refused)."""
    if not {"value_type", "printed_text"} <= set(values.columns):
        return [False] * len(indicators)
    targets = values[values["value_type"] == "target"]
    printed = targets.groupby(["indicator_id", "series"])["printed_text"].agg(list).to_dict()
    return [bool(key in printed and read_from_bare(direction, printed[key]))
            for key, direction in zip(zip(indicators["indicator_id"], indicators["series"]), indicators["direction"])]


def cell_series(cells: pd.DataFrame) -> pd.DataFrame:
    """Each series of a printed table as its cells show it (indicator_id, series), where its values could not be read
    (a correction refused): a row whose cells are combined (国2.8/省3.1) is a national and a provincial series."""
    records = []
    for indicator_id, group in cells.groupby("indicator_id", sort=True):
        for series in sorted(set(group["series"])):
            combined = not series and group["printed_text"].map(lambda text: bool(COMBINED_CELL.fullmatch(text))).any()
            records += [{"indicator_id": indicator_id, "series": part}
                        for part in (("national", "provincial") if combined else (series,))]
    return pd.DataFrame.from_records(records, columns=["indicator_id", "series"])


# --- the whole step ------------------------------------------------------------------------------------

def clean_plan_table(inputs: PlanInputs) -> CleanDataset:
    """The plan's table (printed or typed), as read, turned into the validated, tidy dataset. The files' own mistakes
    kept by the reading (:func:`~analysis.ingest.plan_inputs.load_plan_inputs` with ``defer``) are told with those
    found here comparing the files: each comparison is made where the files it needs were read, all told in one
    round."""
    plan, table = inputs.plan, inputs.table
    folder = plan.folder
    # a typed table's mistakes, those found reading it and those found below in its other rows, told in one round;
    # with the other files' own mistakes
    told = Mistakes()
    for error in (*inputs.mistakes, *(table.mistakes if table is not None else ())):
        told.add(error)
    if table is None:  # the table refused: nothing to compare the other files with
        told.errors.sort(key=file_order())
        told.check()
    refused, source_path = set(table.refused), table.source
    corrected = values = indicators = None
    if CORRECTIONS_FILE not in inputs.refused:  # a cell a refused row corrects would be told as no number
        with told.row():
            corrected = apply_corrections(table.cells, inputs.corrections, folder / CORRECTIONS_FILE, source_path,
                                          table.refused)
            values = parse_values(corrected, source_path, source_path.name, table.printed,
                                  *((told, refused) if not table.printed else ()))
    if inputs.typed_indicators is not None:
        indicators = inputs.typed_indicators
    elif METADATA_FILE not in inputs.refused:
        with told.row():
            indicators = build_indicators(table, values if values is not None else cell_series(table.cells),
                                          inputs.metadata, inputs.categories, folder / METADATA_FILE)
    if indicators is not None and DEPARTMENTS_FILE not in inputs.refused:
        with told.row():
            indicators = attach_departments(indicators, inputs.departments, folder / DEPARTMENTS_FILE)
    if indicators is not None and values is not None:
        with told.row():
            check_table_values(indicators, values, corrected, inputs.corrections, folder / CORRECTIONS_FILE,
                               *_kind_lines(inputs, indicators), source_path)
        check_plan_years(plan, indicators, values, source_path, *_kind_lines(inputs, indicators), told, refused)
    if values is not None:
        values = values.assign(reference="", published="", source_sheet="", source_kind="",
                               **dict.fromkeys(REFERENCE_COLUMNS, ""))[list(VALUE_COLUMNS)]
        values = values.sort_values(["indicator_id", "series", "value_type", "year"], kind="stable")
        values = values.reset_index(drop=True)
    quality = None
    if indicators is not None and values is not None and TEXT not in inputs.refused:
        with told.row():  # the prose checks against the table's values
            quality = table_findings(plan, table, corrected, values, indicators, inputs.prose_checks,
                                     inputs.source_lines, folder / PROSE_CHECKS_FILE)
    told.errors.sort(key=file_order())
    told.check()
    indicators = schemas.validate("indicators.csv", indicators)
    values = schemas.validate("indicator_values.csv", values)
    schemas.check_values_belong(values, indicators)
    return CleanDataset(table=table, corrections=inputs.corrections, indicators=indicators, values=values,
                        quality=schemas.validate("data_quality.csv", quality), tasks=build_task_tables(inputs.tasks))


def attach_departments(indicators: pd.DataFrame, departments: pd.DataFrame, path: Path) -> pd.DataFrame:
    """``indicators`` with each series' responsible departments (empty where ``departments.csv`` gives none); every
    row of a series the table lacks told in one round."""
    known = set(zip(indicators["indicator_id"], indicators["series"]))
    given, told = {}, Mistakes()
    for row in departments.itertuples():
        if (row.indicator_id, row.series) not in known:
            told.add(InputError(plan_error("table.not_in_table", indicator=series_of(row.indicator_id, row.series,
                                                                                     repr)),
                                file=path, line=getattr(row, LINE_COLUMN), field="indicator_id"))
        given[(row.indicator_id, row.series)] = row
    told.check()
    zh, en = DEPARTMENT_SEPARATORS["zh"], DEPARTMENT_SEPARATORS["en"]
    columns = {column: [] for column in DEPARTMENT_COLUMNS}
    for key in zip(indicators["indicator_id"], indicators["series"]):
        row = given.get(key)
        # in the order given (a printed row: the plan's), so that a reader finds the plan's list; the lead is its own
        # column, marked where it stands
        names = list(row.departments) if row else []
        columns["lead_department_zh"].append(row.lead if row else "")
        columns["lead_department_en"].append(row.names_en[row.lead] if row else "")
        columns["departments_zh"].append(zh.join(names))
        columns["departments_en"].append(en.join(row.names_en[name] for name in names) if row else "")
        columns["department_basis"].append(row.basis if row else "")
        columns["department_line"].append(row.plan_line if row else 0)
    return indicators.assign(**columns)


def _kind_lines(inputs: PlanInputs, indicators: pd.DataFrame) -> tuple[Path, dict[tuple, int]]:
    """The file that sets each series' kind and the line it does so on (the metadata, or a typed indicators.csv)."""
    if inputs.metadata is not None:
        metadata = inputs.metadata
        return inputs.plan.folder / METADATA_FILE, dict(zip(zip(metadata.indicator_id, metadata.series),
                                                            metadata[LINE_COLUMN]))
    return inputs.table.rows_source, dict(zip(zip(indicators.indicator_id, indicators.series),
                                              indicators.source_line))


def add_observations(inputs: PlanInputs, clean: CleanDataset, observed: ObservationFiles) -> MonitoringData:
    """The cleaned table with the actual values observed since, checked, and their findings in the quality log."""
    plan = inputs.plan
    checked = check_observations(observed, clean.indicators, plan, clean.values, clean.tasks.tasks)
    observations = checked.values
    values = clean.values
    if not observations.empty:
        values = pd.concat([values, observations], ignore_index=True)
        values = values.sort_values(["indicator_id", "series", "value_type", "year"], kind="stable")
        values = values.reset_index(drop=True)
    values, target_findings = resolve_relative_targets(plan, clean.indicators, values)
    quality = clean.quality
    findings = observation_findings(plan, observations, checked.duplicates, clean.values, clean.indicators)
    findings += observation_folder_findings(checked, clean.indicators) + target_findings
    if findings:
        quality = pd.concat([quality, pd.DataFrame(findings)], ignore_index=True)
    values = schemas.validate("indicator_values.csv", values)
    schemas.check_values_belong(values, clean.indicators)
    return MonitoringData(plan=plan, indicators=clean.indicators, values=values,
                          quality=schemas.validate("data_quality.csv", quality), sources=inputs.sources,
                          dataset_label=observed.dataset_label, tasks=clean.tasks)
