"""``make templates``: the departments' data-entry workbooks for one year, in ``OUTPUT_DIR/<plan>/<year>/``, each
named with the year first (``2025-市科技局.xlsx``).

The workbooks are made from the plan and its observations as ``make data`` reads them (every check
included), so the latest known value each shows is the one the next report starts from. They are
written together, each file atomically: a bad input leaves the folder as it was, and a workbook already
there that holds values (filled in place) is never written over. A workbook from an
earlier run whose department no longer leads any series is left in place.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

from ..assess.assessment import assess, first_held_year, plan_start_year
from ..assess.warning_list import row_warning_level
from ..catalog import catalog, plan_catalog
from ..clean.observations import year_range
from ..errors import InputError, display_path
from ..files import refuse_link_outside, write_files_atomic
from ..ingest.csv_reader import LINE_COLUMN
from ..ingest.department_words import WORDS_FILLED, WORDS_HEADER, read_words_workbook
from ..ingest.departments import DEPARTMENT_NAMES_FILE, load_department_names
from ..ingest.observations import REQUIRED_COLUMNS, WORKBOOK_OPTIONAL_COLUMNS
from ..ingest.xlsx_reader import read_workbook
from ..numbers import fmt_number, is_missing
from ..parameters import check_year, said
from ..plan import Plan
from ..report.entry_workbooks import entry_workbook_bytes, entry_workbooks
from ..report.words import amount_alone, missed_years, status_aside, status_text, target_text
from ..settings import LANGUAGES
from ..vocabulary import HELD_EVERY_YEAR
from .data import monitoring_data

SUFFIX = ".xlsx"


def templates_folder(plan: Plan, output_dir: Path, year: int) -> Path:
    return Path(output_dir) / plan.name / str(year)


def template_name(stem: str, year: int) -> str:
    """A workbook's file name, its year first (2025-市科技局.xlsx), as it is kept when it comes back: a department's
    workbooks of two years stand side by side in the observations folder, which takes no subfolders."""
    return f"{year}-{stem}{SUFFIX}"


def check_entry_year(plan: Plan, value, words=None) -> int:
    """A year observations may be given for (:func:`analysis.clean.observations.year_range`)."""
    year = check_year(value, "--year", words)
    first, last = year_range(plan)
    if not first < year <= last:
        raise InputError(said(words, "entry_year", year=year, first=first + 1, last=last), field="--year")
    return year


class Templates(list):
    """The paths of a year's workbooks; ``unchanged``: those already there as this run writes them, left as they
    were."""

    unchanged: frozenset = frozenset()


def build_templates(plan: Plan, year: int, language: str, output_dir: Path,
                    observations_dir: Path | None = None, force: bool = False) -> Templates:
    """Write one data-entry workbook per lead department for ``year``; returns their paths. A workbook already there
    that differs from what this run writes is the one sent out (a returned workbook's cells are copied back from it):
    refused unless ``force``, told in the run's ``language``; one already as this run writes it is left as it is."""
    data = monitoring_data(plan, observations_dir)
    words = plan_catalog(language, plan.plan_word.get(language, ""), plan.figures_from)
    workbooks = entry_workbooks(data.indicators, data.values, year, words, plan.text("title", language),
                                tasks=_led_tasks(data, language), lagging=_lagging(plan, data, year, words),
                                unwarned=_lagging(plan, data, year, words, warned=False),
                                department_names=_department_names(plan),
                                # a year after the last report year: values for later revisions, no words asked
                                asks_words=year in plan.report_years, plan_name=plan.name,
                                # the plan period's earlier years a series has no value for yet: a row each
                                first_year=plan_start_year(data.values))
    folder = templates_folder(plan, output_dir, year)
    refuse_link_outside(folder, "output")
    today = datetime.date.today()
    files = {folder / template_name(workbook.file_stem, year): entry_workbook_bytes(workbook, today)
             for workbook in workbooks}
    for path in files:
        refuse_filled(path, language)
    unchanged = {path for path, data in files.items() if path.is_file() and path.read_bytes() == data}
    differ = [path for path in files if path.exists() and path not in unchanged]
    if differ and not force:
        words = catalog(language)
        others = words.count_text("entry_errors.template_differs_others", len(differ) - 1) if differ[1:] else ""
        raise InputError(words.text("entry_errors.template_differs", others=others, folder=display_path(folder)),
                         file=differ[0])
    write_files_atomic({path: data for path, data in files.items() if path not in unchanged})
    written = Templates(files)
    written.unchanged = frozenset(unchanged)
    return written


def _lagging(plan: Plan, data, year: int, words, warned: bool = True) -> dict[tuple, str]:
    """The series with a warning in ``year`` (as the report of that year assesses them from the data known now),
    with their warning and status in ``words``' language and the year of the data judged: the indicators a
    department must explain; with ``warned`` false, the others' status (no warning yet: explained if the year's value
    falls behind)."""
    if year not in plan.report_years:
        return {}
    assessment = assess(data.indicators, data.values, year, plan.base_year)
    plan_start = plan_start_year(data.values)
    targets = data.values[data.values["value_type"] == "target"]

    def start_of(row) -> int | None:  # the first year a level held every year is checked in (2023 for 17 and 18)
        years = targets.loc[(targets["indicator_id"] == row.indicator_id) & (targets["series"] == row.series), "year"]
        if plan_start is None or years.empty:
            return plan_start
        return first_held_year(dict.fromkeys(years.astype(int)), plan_start)

    def held_years(row) -> list[int]:  # the years a level held every year is checked in, up to the workbook's
        years = targets.loc[(targets["indicator_id"] == row.indicator_id) & (targets["series"] == row.series), "year"]
        start = start_of(row) or year
        return sorted(int(y) for y in years.unique() if start <= int(y) <= year)

    # each series' units, which the numbers its status names carry (2024年目标 2.8%, 24,500人), as the report gives them
    units = {(int(meta.indicator_id), meta.series): {f"unit_{language}": str(getattr(meta, f"unit_{language}", "")
                                                                            or "").strip()
                                                     for language in LANGUAGES}
             for meta in data.indicators.itertuples()}

    def with_units(row):
        return SimpleNamespace(**row._asdict(), **units.get((int(row.indicator_id), row.series), {}))

    def unwarned(row) -> str:
        row = with_units(row)
        behind = _behind(row, year, words, held_years(row))
        if _before_plan(row, plan_start):  # a printed baseline alone: no progress to judge, the plan years asked for
            span = str(year) if plan_start == year else words.text("data_gap.span", first=plan_start, last=year)
            return words.text("entry.words.before_plan", year=int(row.as_of_year), span=span, behind=behind)
        # after "On the 2023 value, 24,300: " the status as inside a sentence
        judged = _judged_on(row, words, start_of(row))
        return words.text("entry.words.unwarned", status=judged + status_text(
            row, words, "status_in_sentence" if judged else "status") + status_aside(row, words), behind=behind)

    if not warned:
        return {(int(row.indicator_id), row.series): unwarned(row)
                for row in assessment.itertuples() if not row_warning_level(row) and row.status != "qualitative"}
    return {(int(row.indicator_id), row.series): _judged_on(with_units(row), words, start_of(row)) + words.text(
                "entry.words.status", level=words[f"warnings.level.{row_warning_level(row)}"],
                status=status_text(row, words) + status_aside(row, words))
            for row in assessment.itertuples() if row_warning_level(row)}


def _judged_on(row, words, start: int | None = None) -> str:
    """The value a warning is judged on, and its year (按 2023 年数值 2.61): earlier than the workbook's where the
    value it asks for is not in yet; the workbook's own where it is, which its values sheet does not show (it shows
    the latest value before the year)."""
    as_of = row.as_of_year
    if is_missing(as_of):
        return ""
    missed = missed_years(row)
    if missed and row.direction in HELD_EVERY_YEAR and int(missed[0]) < int(as_of):
        # a level to hold every year, missed in an earlier year: judged on each year's value of the plan period (from
        # ``start``), not the last alone
        first = min(int(missed[0]), start) if start else int(missed[0])
        return words.text("entry.words.as_of_years", years=words.text("data_gap.span", first=first,
                                                                      last=int(as_of)))
    return words.text("entry.words.as_of", year=int(as_of),
                      value=amount_alone(row, fmt_number(row.latest_value), words))


def _before_plan(row, plan_start: int | None) -> bool:
    """A series judged on no value of the plan period: its latest value (a printed baseline) before its first year."""
    return (row.status == "insufficient_data" and plan_start is not None and not is_missing(row.as_of_year)
            and int(row.as_of_year) < plan_start)


def _behind(row, year: int, words, held: list[int] | None = None) -> str:
    """When a series without a warning is to be explained: its value for ``year`` missing the target of that year,
    or behind the pace to a later one (the binding target, named with its value in its unit, as the report gives it:
    2.8%, 24,500人; never a bare 2.8 in a column of words); a level to hold every year, checked in more than one year
    (``held``: 2023 and 2024), a value of any of them missing it (≥5%)."""
    target = amount_alone(row, target_text(row, words), words)
    if row.direction in HELD_EVERY_YEAR and held and len(held) > 1:
        years = words.join_and(held)
        return words.text("entry.words.behind_held", years=years, target=target)
    if is_missing(row.target_year) or is_missing(row.target_value):
        return words.text("entry.words.behind", year=year)
    if int(row.target_year) <= year:
        return words.text("entry.words.behind_target", year=year, target=target)
    return words.text("entry.words.behind_pace", year=year, target_year=int(row.target_year), target=target)


def _department_names(plan: Plan) -> dict[str, str]:
    return load_department_names(plan.folder) if (plan.folder / DEPARTMENT_NAMES_FILE).exists() else {}


def _led_tasks(data, language: str) -> list[tuple[str, str, str]]:
    """(lead department as printed, task id, title) of the plan's key tasks (none when the plan gives none)."""
    tasks = getattr(getattr(data, "tasks", None), "tasks", None)
    if tasks is None or tasks.empty:
        return []
    title = f"title_{language}"
    return [(row.lead_department_zh, row.task_id, (getattr(row, title, "") or row.title_zh))
            for row in tasks.itertuples()]


def refuse_filled(path: Path, language: str = "en") -> None:
    """A workbook already at ``path`` that holds values (or words) is a department's work: never written over. Told
    in the workbook's language (``language``, the run's, where it records none), naming the cells filled."""
    if not path.exists():
        return
    try:
        # its rows' mistakes (a value in a hidden row) kept, not raised: a workbook with a mistake is filled too
        book = read_workbook(path, REQUIRED_COLUMNS, WORKBOOK_OPTIONAL_COLUMNS, others=(WORDS_HEADER,), defer=True)
        said = read_words_workbook(path)
    except InputError:
        return  # not a readable workbook of ours: nothing a department filled in
    filled = _filled_cells(book.sheets, [*REQUIRED_COLUMNS, *WORKBOOK_OPTIONAL_COLUMNS])
    filled += _filled_cells([sheet.rows for sheet in said], list(WORDS_FILLED))
    if filled:
        spoken = next((sheet.language for sheet in [*book.sheets, *(sheet.rows for sheet in said)]), language)
        words = catalog(spoken if spoken in LANGUAGES else language)
        cells = ", ".join(filled[:3]) + (", …" if len(filled) > 3 else "")
        raise InputError(words.text("entry_errors.already_filled", cells=cells), file=path)


def _filled_cells(sheets, columns: list[str]) -> list[str]:
    """The cells a person filled in ``sheets`` (the input ``columns`` not locked: not the id, series or year), row by
    row; a row with a mistake included."""
    columns = [column for column in columns if column not in ("indicator_id", "series", "year")]
    cells = []
    for sheet in sheets:
        rows = sorted([*sheet.frame.to_dict("records"), *sheet.noted, *sheet.refused], key=lambda row: row[LINE_COLUMN])
        cells += [sheet.cell(row[LINE_COLUMN], column) for row in rows for column in columns
                  if column in sheet.letters and str(row.get(column, "") or "").strip()]
    return cells
