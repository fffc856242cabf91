"""The departments' words, checked against the plan and merged: one tidy table, kept per year.

Each row of a words sheet (:mod:`analysis.ingest.department_words`) says either how a key task went
(``item`` ``task``: ``progress`` and a ``rating``), how a qualitative indicator went (``item``
``indicator``, the same two cells: it has no value to send) or why an indicator lags (``item`` ``indicator``:
``reasons`` and ``measures``). A row is refused, in the language of the workbook it came from and
with its cell named, when it names a task or an indicator series the plan does not have, a year
outside the plan period or other than the one its workbook was made for, a rating not on the list
(in either language), words in a cell its kind of row does not take (a task's reasons), a reason that
says nothing (a dot, "ok"), half a task's answer (a rating without progress, or progress without a
rating), or a workbook that does not say which department sent it (a template made for every series of a plan
that names no departments records none: its words are kept under no department, ``department_zh`` empty, as the
reports name that group). A kind of row, a series and a
rating may be written as the key (task, national) or as its label in either language (重点任务, 国家级). The same row
sent twice by one department (two files, or one file twice) is refused with both cells named;
different departments' words on the same task are all kept, each with its department. A workbook made for another
plan is told in one line, as its values are, its rows not checked.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..catalog import catalog
from ..errors import InputError, InputErrors, Mistakes, cell_order, quote
from ..ingest.csv_reader import LINE_COLUMN
from ..ingest.department_words import WordsSheet, words_row_key
from ..ingest.headers import field_label
from ..ingest.xlsx_reader import TOLD
from ..settings import LANGUAGES
from ..text import says_why
from ..vocabulary import RATINGS, WORDS_COLUMNS

ITEMS = ("task", "indicator")
#: The cells each kind of row takes.
TAKES = {"task": ("progress", "rating"), "qualitative": ("progress", "rating"), "indicator": ("reasons", "measures")}


def _refusal(words, sheet: WordsSheet, line: int):
    """How a row's error is made: in the workbook's language, with the cell named."""
    def refuse(key: str, column: str, **fields) -> InputError:
        return InputError(words.text(f"words_errors.{key}", **fields), file=sheet.path,
                          line=sheet.rows.cell(line, column), field=column)
    return refuse


def _in_either_language(section: str, keys) -> dict[str, str]:
    """What a cell may say for each key: the key itself, or its label in either language (国家级: national)."""
    labels = {catalog(language)[f"{section}.{key}"].casefold(): key for language in LANGUAGES for key in keys}
    return {**labels, **{key: key for key in keys}}


def tidy_department_words(sheets: list[WordsSheet], task_ids: set[str], series: set[tuple[int, str]],
                          years: range, qualitative: frozenset[int] = frozenset(), plan: str = "") -> pd.DataFrame:
    """Every filled row of every words sheet, checked (see the module's docstring), as one table. Every row's
    mistakes are told together, a cell's column named as its workbook heads it. ``qualitative``: the ids of the
    plan's qualitative indicators, whose rows take progress and a self-rating. ``plan``: the plan's id; a sheet of a
    workbook made for another is told in one line, as its values are (its rows name that plan's tasks)."""
    known = Known(task_ids, series, years, ratings=_in_either_language("entry.words.ratings", RATINGS),
                  items=_in_either_language("entry.words.items", ITEMS),
                  parts=_in_either_language("series", {part for _, part in series if part}),
                  qualitative=frozenset(qualitative))
    records: list[dict] = []
    seen: dict[tuple, str] = {}
    mistakes = Mistakes()
    for sheet in sheets:
        words = catalog(sheet.language if sheet.language in LANGUAGES else "en")
        if plan and sheet.plan and sheet.plan != plan:  # another plan's template: one line, as for its values
            mistakes.add(InputError(words.text("entry_errors.other_plan", plan=quote(sheet.plan), this=quote(plan)),
                                    file=sheet.path))
            continue
        told = Mistakes(field_label(words), untold=sheet.rows.missing)  # a column missing: told with the header
        for error in sheet.rows.mistakes:  # what the reader found, told with the checks'
            told.add(error)
        for row in sheet.rows.frame.to_dict("records"):
            with told.row():
                records.append(_checked(row, sheet, words, known, seen))
        for row in sheet.rows.refused:  # a row with a mistake the reader told (a struck cell): its other cells checked
            rest = Mistakes(untold=row[TOLD] | set(sheet.rows.missing))  # a cell told once, by the reader
            with rest.row():
                _checked({column: row.get(column, "") for column in sheet.rows.frame.columns}, sheet, words, known,
                         {})  # left out: no row sent, the same row's second sending is none
            for error in rest.errors:
                told.add(error)
        mistakes.errors += sorted(told.errors, key=cell_order)  # in the sheet's order: row by row, cell by cell
    mistakes.check()
    frame = pd.DataFrame.from_records(records, columns=list(WORDS_COLUMNS))
    return frame.sort_values(["year", "item", "task_id", "indicator_id", "series", "department_zh"],
                             kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Known:
    """What a row may name: the plan's tasks, series and years, and the words a cell may say for a rating, a kind of
    row and a series, in either language."""

    task_ids: set[str]
    series: set[tuple[int, str]]
    years: range
    ratings: dict[str, str]
    items: dict[str, str]
    parts: dict[str, str]
    qualitative: frozenset[int] = frozenset()


def _checked(row: dict, sheet: WordsSheet, words, known: Known, seen: dict) -> dict:
    """One row of a words sheet checked against the plan (see the module's docstring), as a record."""
    line = row[LINE_COLUMN]
    refuse = _refusal(words, sheet, line)
    if not sheet.department and sheet.year is None:  # a template records its year, and its department if any
        raise refuse("no_department", "id")
    if not row["item"].strip():  # a row typed below the listed ones
        raise refuse("no_item", "item")
    item = known.items.get(row["item"].strip().casefold(), "")
    if item not in ITEMS:
        raise refuse("item", "item", item=row["item"].strip())
    identifier, part = row["id"].strip(), row["series"].strip()
    part = known.parts.get(part.casefold(), part)
    if item == "task" and identifier not in known.task_ids:
        raise refuse("task", "id", id=identifier)
    indicator_id = 0
    if item == "indicator":
        indicator_id = int(identifier) if identifier.isdigit() else -1
        if (indicator_id, part) not in known.series:
            raise refuse("indicator", "id", id=identifier, series=part)
    if sheet.listed and words_row_key(item, identifier, part) not in sheet.listed:
        # a locked id changed to name another task (2.1 → 1.1, another department's): never read as that task's
        raise refuse("not_listed", "id", id=identifier)
    year = int(row["year"]) if row["year"].strip().isdigit() else None
    if year is None or year not in known.years:
        raise refuse("year", "year", year=row["year"], first=known.years.start, last=known.years.stop - 1)
    if sheet.year is not None and year != sheet.year:
        raise refuse("template_year", "year", year=year, template=sheet.year)
    kind = "qualitative" if item == "indicator" and indicator_id in known.qualitative else item
    # every mistake of the row's words told at once: a column the row does not take, a rating not in the list, a cell
    # that says nothing (原因 “ok” and 措施 “。”), half an answer (a rating without what was done, or the reverse)
    problems = [refuse(f"not_for_{kind}", column) for column in ("progress", "rating", "reasons", "measures")
                if column not in TAKES[kind] and row[column].strip()]
    rating = ""
    if "rating" in TAKES[kind] and row["rating"].strip():
        rating = known.ratings.get(row["rating"].strip().casefold(), "")
        if not rating:
            listed = words.join(words[f"entry.words.ratings.{key}"] for key in RATINGS)
            problems.append(refuse("rating", "rating", rating=row["rating"].strip(), ratings=listed))
    problems += [refuse("says_nothing", column, text=row[column].strip()) for column in TAKES[kind]
                 if column != "rating" and row[column].strip() and not says_why(row[column].strip())]
    if "rating" in TAKES[kind] and bool(row["rating"].strip()) != bool(row["progress"].strip()):
        problems.append(refuse("rating_alone", "progress") if row["rating"].strip()
                        else refuse("progress_alone", "rating"))
    if problems:
        raise problems[0] if len(problems) == 1 else InputErrors(problems)
    key = (sheet.department, item, identifier, part, year)
    where = f"{sheet.path.name}:{sheet.rows.cell(line, 'id')}"
    if key in seen:
        raise refuse("twice", "id", other=seen[key])
    seen[key] = where
    return {"department_zh": sheet.department, "item": item, "task_id": identifier if item == "task" else "",
            "indicator_id": indicator_id, "series": part if item == "indicator" else "", "year": year,
            "progress": row["progress"].strip(), "rating": rating, "reasons": row["reasons"].strip(),
            "measures": row["measures"].strip(), "source": where}
