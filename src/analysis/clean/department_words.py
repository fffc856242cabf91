"""The departments' words, checked against the plan and merged: one tidy table, kept per year.

Each row of a words sheet (:mod:`analysis.ingest.department_words`) says either how a key task went
(``item`` ``task``: ``progress`` and a ``rating``) or why an indicator lags (``item`` ``indicator``:
``reasons`` and ``measures``). A row is refused, in the language of the workbook it came from and
with its cell named, when it names a task or an indicator series the plan does not have, a year
outside the plan period or other than the one its workbook was made for, a rating not on the list
(in either language), words in a cell its kind of row does not take (a task's reasons), a reason that
says nothing (a dot, "ok"), or a workbook that does not say which department sent it. The same row
sent twice by one department (two files, or one file twice) is refused with both cells named;
different departments' words on the same task are all kept, each with its department.
"""
from __future__ import annotations

import pandas as pd

from ..catalog import catalog
from ..errors import InputError
from ..ingest.csv_reader import LINE_COLUMN
from ..ingest.department_words import WordsSheet
from ..settings import LANGUAGES
from ..text import says_why
from ..vocabulary import RATINGS, WORDS_COLUMNS

ITEMS = ("task", "indicator")
#: The cells each kind of row takes.
TAKES = {"task": ("progress", "rating"), "indicator": ("reasons", "measures")}


def _refusal(words, sheet: WordsSheet, line: int):
    """How a row's error is made: in the workbook's language, with the cell named."""
    def refuse(key: str, column: str, **fields) -> InputError:
        return InputError(words.text(f"words_errors.{key}", **fields), file=sheet.path,
                          line=sheet.rows.cell(line, column), field=column)
    return refuse


def tidy_department_words(sheets: list[WordsSheet], task_ids: set[str], series: set[tuple[int, str]],
                          years: range) -> pd.DataFrame:
    """Every filled row of every words sheet, checked (see the module's docstring), as one table."""
    ratings = {catalog(language)[f"entry.words.ratings.{key}"].casefold(): key
               for language in LANGUAGES for key in RATINGS}
    ratings.update({key: key for key in RATINGS})
    records, seen = [], {}
    for sheet in sheets:
        words = catalog(sheet.language if sheet.language in LANGUAGES else "en")
        for row in sheet.rows.frame.to_dict("records"):
            line = row[LINE_COLUMN]
            refuse = _refusal(words, sheet, line)
            if not sheet.department:
                raise refuse("no_department", "id")
            item = row["item"].strip()
            if item not in ITEMS:
                raise refuse("item", "item", item=item)
            identifier, part = row["id"].strip(), row["series"].strip()
            if item == "task" and identifier not in task_ids:
                raise refuse("task", "id", id=identifier)
            indicator_id = 0
            if item == "indicator":
                indicator_id = int(identifier) if identifier.isdigit() else -1
                if (indicator_id, part) not in series:
                    raise refuse("indicator", "id", id=identifier, series=part)
            year = int(row["year"]) if row["year"].strip().isdigit() else None
            if year is None or year not in years:
                raise refuse("year", "year", year=row["year"], first=years.start, last=years.stop - 1)
            if sheet.year is not None and year != sheet.year:
                raise refuse("template_year", "year", year=year, template=sheet.year)
            for column in (c for c in ("progress", "rating", "reasons", "measures") if c not in TAKES[item]):
                if row[column].strip():
                    raise refuse(f"not_for_{item}", column)
            rating = ""
            if item == "task" and row["rating"].strip():
                rating = ratings.get(row["rating"].strip().casefold(), "")
                if not rating:
                    listed = words.join(words[f"entry.words.ratings.{key}"] for key in RATINGS)
                    raise refuse("rating", "rating", rating=row["rating"].strip(), ratings=listed)
            for column in TAKES[item]:
                text = row[column].strip()
                if column != "rating" and text and not says_why(text):
                    raise refuse("says_nothing", column, text=text)
            key = (sheet.department, item, identifier, part, year)
            where = f"{sheet.path.name}:{sheet.rows.cell(line, 'id')}"
            if key in seen:
                raise refuse("twice", "id", other=seen[key])
            seen[key] = where
            records.append({"department_zh": sheet.department, "item": item,
                            "task_id": identifier if item == "task" else "", "indicator_id": indicator_id,
                            "series": part if item == "indicator" else "", "year": year,
                            "progress": row["progress"].strip(), "rating": rating,
                            "reasons": row["reasons"].strip(), "measures": row["measures"].strip(),
                            "source": where})
    frame = pd.DataFrame.from_records(records, columns=list(WORDS_COLUMNS))
    return frame.sort_values(["year", "item", "task_id", "indicator_id", "series", "department_zh"],
                             kind="stable").reset_index(drop=True)
