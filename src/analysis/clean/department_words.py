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
reports name that group). A row copied whole (its grey cells too) with its
year changed is told, as on the sheet of values, which row it copies and that its words go in that year's workbook. A
kind of row, a series and a
rating may be written as the key (task, national) or as its label in either language (重点任务, 国家级). The same row
sent twice by one department (two files, or one file twice) is refused with both cells named;
different departments' words on the same task are all kept, each with its department. The grey cells beside a row
(its name, its assessment) are not read: one typed over is refused at its cell, naming what the template wrote there
(:func:`_grey_cells`). A workbook made for another plan is told in one line, as its values are, its rows not checked;
so is one that records a department the plan does not name (its property changed), its rows not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..catalog import catalog
from ..errors import InputError, InputErrors, Mistakes, cell_order, quote
from ..ingest.csv_reader import LINE_COLUMN
from ..ingest.department_words import (
    DEPARTMENT_PROPERTY,
    SHOWN_DIGEST,
    WORDS_REQUIRED,
    WordsSheet,
    shown_digest,
    words_row_key,
)
from ..ingest.headers import field_label
from ..ingest.xlsx_reader import TOLD, plain_text
from ..settings import LANGUAGES
from ..text import says_why
from ..vocabulary import RATINGS, WORDS_COLUMNS
from .observations import misnamed_workbook

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
                          years: range, qualitative: frozenset[int] = frozenset(), plan: str = "",
                          departments: frozenset[str] | None = None,
                          leads: dict[str, str] | None = None) -> pd.DataFrame:
    """Every filled row of every words sheet, checked (see the module's docstring), as one table. Every row's
    mistakes are told together, a cell's column named as its workbook heads it. ``qualitative``: the ids of the
    plan's qualitative indicators, whose rows take progress and a self-rating. ``plan``: the plan's id; a sheet of a
    workbook made for another is told in one line, as its values are (its rows name that plan's tasks).
    ``departments``: the departments the plan names (None: not checked); a sheet whose workbook records another is
    told in one line, its rows not read under a department that does not exist. ``leads``: the plan's lead
    departments and their English names (:func:`analysis.clean.observations.lead_departments`); a workbook whose file
    name names another of them than the one it records is told in one line, as one of values is (a workbook of words
    alone too), its rows read all the same."""
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
            mistakes.add(InputError(words.text("entry_errors.other_plan", plan=quote(sheet.plan, words=words),
                                               this=quote(plan, words=words)),
                                    file=sheet.path))
            continue
        if departments is not None and sheet.department and sheet.department not in departments:
            mistakes.add(InputError(words.text("words_errors.unknown_department", department=_shown(sheet.department),
                                               property=DEPARTMENT_PROPERTY), file=sheet.path))
            continue
        other = misnamed_workbook(sheet.path, sheet.department, words.language, leads or {})
        if other is not None:  # named for another department: once for the workbook (a workbook of values and words:
            mistakes.add(other)  # told once with its values' mistakes, the same line)
        told = Mistakes(field_label(words), untold=sheet.rows.missing)  # a column missing: told with the header
        for error in sheet.rows.mistakes:  # what the reader found, told with the checks'
            told.add(error)
        changed, moved = _grey_cells(sheet, words, known)
        copied = _copied_rows(sheet, known)  # a row copied whole, its year changed: told which row it copies
        for error in changed:  # a grey cell typed over: told at its cell, the row's words checked all the same
            told.add(error)
        for row in sheet.rows.frame.to_dict("records"):
            with told.row():
                records.append(_checked(row, sheet, words, known, seen, moved.get(row[LINE_COLUMN]),
                                        copied.get(row[LINE_COLUMN])))
        for row in sheet.rows.refused:  # a row with a mistake the reader told (a struck cell): its other cells checked
            rest = Mistakes(untold=row[TOLD] | set(sheet.rows.missing))  # a cell told once, by the reader
            with rest.row():
                _checked({column: row.get(column, "") for column in sheet.rows.frame.columns}, sheet, words, known,
                         {}, moved.get(row[LINE_COLUMN]), copied.get(row[LINE_COLUMN]))  # left out: no row sent, the
                # same row's second sending none
            for error in rest.errors:
                told.add(error)
        read = {row[LINE_COLUMN] for row in [*sheet.rows.frame.to_dict("records"), *sheet.rows.refused]}
        for line, (texts, _) in sheet.rows.aside.items():
            # a row nobody filled, of a template that records its rows: its grey cells that name it (kind, id, series,
            # year) checked as a filled row's are, a number changed told though no words are lost
            if line in read or not sheet.listed or not any(texts.get(column, "") for column in WORDS_REQUIRED):
                continue
            with told.row():
                _checked({**{column: texts.get(column, "") for column in sheet.rows.frame.columns},
                          LINE_COLUMN: line}, sheet, words, known, {}, moved.get(line), copied.get(line))
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


def _grey_cells(sheet: WordsSheet, words, known: Known) -> tuple[list[InputError], dict[int, InputError]]:
    """The grey cells right of a words sheet's input cells (a task's or indicator's name, its assessment) that no
    longer say what its template wrote there (:attr:`WordsSheet.shown`; a workbook that records none: not compared):
    each told at its cell, naming what to put back; a cell emptied is no mistake (nothing there is read, nothing is
    lost), nor is a space or a line break added or taken away. Where they say, unchanged, what the template wrote for
    another of its rows, the row's kind, id or series was changed (or the rows sorted): told at that cell instead,
    by row (to be told in place of the row's number not listed)."""
    changed: list[InputError] = []
    moved: dict[int, InputError] = {}
    if not sheet.shown:
        return changed, moved
    for line, (texts, greys) in sheet.rows.aside.items():
        if not any(_said(value) for _, value in greys):  # as the template left them, or emptied
            continue
        parts = _row_parts(texts, known)
        key = words_row_key(*parts) if any(texts.get(column, "") for column in WORDS_REQUIRED) else None
        given = sheet.shown.get(key, {}) if key in sheet.listed else {}
        differ = [place for place, (_, value) in enumerate(greys, 1)
                  if _said(value) and not _same(value, given.get(place, ""))]
        if not differ:
            continue
        other = next((other for other in sheet.listed if other != key and all(
            _same(value, sheet.shown.get(other, {}).get(place, "")) for place, (_, value) in enumerate(greys, 1))),
            None) if key is not None else None
        if other is not None:
            item, identifier, part = other.split("/", 2)
            columns = [column for column, mine, theirs in zip(("item", "id", "series"), parts, (item, identifier, part))
                       if mine != theirs] or ["id"]
            label = words.text("entry.words.prompt_title_series" if part else "entry.words.prompt_title",
                               item=words[f"entry.words.items.{item}"], id=identifier,
                               series=words["series"].get(part, part) if part else "")
            first, last = greys[0][0].rpartition("!")[2], greys[-1][0].rpartition("!")[2]
            given = {"item": words[f"entry.words.items.{item}"], "id": identifier,
                     "series": words["series"].get(part, part) if part else ""}[columns[0]]
            moved[line] = InputError(words.text("words_errors.grey_moved" if given else "words_errors.grey_moved_clear",
                                                text=texts.get(columns[0], ""), given=given, other=label,
                                                cells=first if first == last else f"{first}:{last}"),
                                     file=sheet.path, line=sheet.rows.cell(line, columns[0]), field=columns[0])
            continue
        if key is not None and key not in sheet.listed:  # a row the sheet does not list: told at its id, by the checks
            continue
        for place in differ:
            where, value = greys[place - 1]
            field = words[f"entry.words.reference.{GREY_CELLS[place - 1]}"] if place <= len(GREY_CELLS) else None
            original = given.get(place, "")
            key_ = ("grey_typed" if not original else "grey_changed_long" if original.startswith(SHOWN_DIGEST)
                    else "grey_changed")
            changed.append(InputError(words.text(f"words_errors.{key_}", text=_shown(value), given=original),
                                      file=sheet.path, line=where, field=field))
    return changed, moved


def _copied_rows(sheet: WordsSheet, known: Known) -> dict[int, int]:
    """The rows of a template's words sheet copied whole from one of its rows (its kind, id and series, and its grey
    cells as the template wrote them) with the year changed, as on the sheet of values: the row each copies (the one
    still giving the template's year), by row number. A sheet of a workbook that records no year: none."""
    if sheet.year is None:
        return {}
    rows: dict[tuple, list[tuple[int, bool]]] = {}
    for line, (texts, greys) in sorted(sheet.rows.aside.items()):
        shown = tuple("".join(plain_text(value).split()) for _, value in greys)
        if not any(shown) or not any(texts.get(column, "") for column in WORDS_REQUIRED):
            continue  # no grey cells beside it: a row typed below, not a copy
        key = words_row_key(*_row_parts(texts, known))
        if sheet.listed and key not in sheet.listed:
            continue
        rows.setdefault((key, shown), []).append((line, texts.get("year", "").strip() == str(sheet.year)))
    copied = {}
    for lines in rows.values():
        original = next((line for line, own in lines if own), None)
        if original is not None:
            copied.update({line: original for line, own in lines if not own})
    return copied


#: The grey cells right of a words sheet's input cells, in order: the task's or indicator's name, its assessment.
GREY_CELLS = ("name", "status")


def _row_parts(texts: dict[str, str], known: Known) -> tuple[str, str, str]:
    """A words sheet's row as its kind, id and series keys (task, 2.1, ""), from its cells in either language."""
    item = texts.get("item", "").strip()
    part = texts.get("series", "").strip()
    return (known.items.get(item.casefold(), item), texts.get("id", "").strip(), known.parts.get(part.casefold(), part))


def _said(value) -> bool:
    """A grey cell holds something a person typed: not empty, not spaces only."""
    return value is not None and bool(str(value).strip())


def _same(value, given: str) -> bool:
    """A grey cell says what its template wrote (``given``: a text, or its digest), whitespace aside: a space or a
    line break added or taken away changes no word (a full-width letter for a half-width one does)."""
    text = "".join(plain_text(value).split())
    if given.startswith(SHOWN_DIGEST):
        return shown_digest(text) == given[len(SHOWN_DIGEST):]
    return text == "".join(given.split())


def _shown(value, limit: int = 80) -> str:
    """A grey cell's text as a message quotes it: cut after ``limit`` characters."""
    text = " ".join(plain_text(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _checked(row: dict, sheet: WordsSheet, words, known: Known, seen: dict, moved: InputError | None = None,
             copies: int | None = None) -> dict:
    """One row of a words sheet checked against the plan (see the module's docstring), as a record. ``moved``: the
    row's grey cells belong to another of the sheet's rows (:func:`_grey_cells`), told in place of what it names;
    ``copies``: the row is a copy of that row of the sheet, its year changed (:func:`_copied_rows`)."""
    line = row[LINE_COLUMN]
    refuse = _refusal(words, sheet, line)
    if not sheet.department and sheet.year is None:  # a template records its year, and its department if any
        raise refuse("no_department", "id")
    if not row["item"].strip():  # a row typed below the listed ones
        raise refuse("no_item", "item")
    item = known.items.get(row["item"].strip().casefold(), "")
    if item not in ITEMS:
        raise refuse("item", "item", item=row["item"].strip())
    if moved is not None:  # its number (or kind, or series) changed: it names another row, or none of the plan's
        raise moved
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
    digits = re.fullmatch(r"[^0-9]*?([0-9]{1,9})[^0-9]*", row["year"].strip())  # 2024年: one number, words around it
    if year is None and digits:
        raise refuse("year_not_number", "year", year=row["year"].strip(), digits=digits.group(1))
    if copies is not None and year is not None and year != sheet.year:  # whatever the year: its words go elsewhere
        raise refuse("copied_year" if year in known.years else "copied_year_outside", "year", year=year,
                     template=sheet.year, row=copies, first=known.years.start, last=known.years.stop - 1)
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
    # where the template asks for the words only if the value falls behind, nothing need be said: leave the cell empty
    nothing = "says_nothing_optional" if words_row_key(item, identifier, part) in sheet.optional else "says_nothing"
    problems += [refuse(nothing, column, text=row[column].strip()) for column in TAKES[kind]
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
