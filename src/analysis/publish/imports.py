"""``python -m analysis import-plan FILE``: a plan's table as published, written as a typed plan folder to review.

Read the tables (:mod:`analysis.ingest.published_table`), read the indicator table into typed rows with a
review of every cell (:mod:`analysis.clean.plan_import`), then write a draft plan folder (by default
``data/interim/<name>/``, never inside ``data/raw``): ``indicators.csv``, ``values.csv``, ``review.csv``,
a ``plan.yml`` whose years are guessed from the table's header, the published file itself, and a README
saying what is left to do. The draft is read as a plan only once every row of the review that is not a
plain reading is confirmed (:func:`analysis.ingest.plan_inputs.check_review`); the folder then moves to
``data/raw/<name>/``.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..clean.plan_import import ImportedPlan, read_plan_table
from ..errors import InputError, display_path
from ..files import read_regular, write_files_atomic
from ..ingest.plan_inputs import REVIEW_COLUMNS, REVIEW_FILE
from ..ingest.published_table import MAX_BYTES, file_words, read_tables
from ..ingest.typed_table import TYPED_INDICATOR_COLUMNS, TYPED_VALUE_COLUMNS
from ..plan import DRAFT_PLACEHOLDERS

INDICATOR_COLUMNS = [*TYPED_INDICATOR_COLUMNS, "base_source"]
VALUE_COLUMNS = [*TYPED_VALUE_COLUMNS, "basis", "note"]
TO_FILL = DRAFT_PLACEHOLDERS  # refused by the plan's reader until a person writes the plan's own words


def import_plan(source: Path, folder: Path, name: str) -> tuple[ImportedPlan, list[Path]]:
    """Read the published table ``source`` into a draft plan folder ``folder`` named ``name``; returns what was
    read and the files written. An existing folder is never written over."""
    source, folder = Path(source), Path(folder)
    if folder.exists():
        raise InputError(file_words(source)["import_errors.draft_exists"], file=folder)
    imported = read_plan_table(read_tables(source), display_path(source))
    imported.review.extend(_plan_review(imported))
    files = {folder / "indicators.csv": _csv(INDICATOR_COLUMNS, _indicator_rows(imported)),
             folder / "values.csv": _csv(VALUE_COLUMNS, [[v[c] for c in VALUE_COLUMNS] for v in imported.values]),
             folder / REVIEW_FILE: _csv(REVIEW_COLUMNS, [[r[c] for c in REVIEW_COLUMNS] for r in imported.review]),
             folder / "plan.yml": _plan_yml(imported, name).encode("utf-8"),
             folder / source.name: read_regular(source, MAX_BYTES),
             folder / "README.md": _readme(imported, source.name).encode("utf-8")}
    (folder / "observations").mkdir(parents=True)
    write_files_atomic(files)
    return imported, sorted(files)


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _indicator_rows(imported: ImportedPlan) -> list[list]:
    rows = []
    for indicator in imported.indicators:
        for series in indicator["series"] or [""]:
            rows.append([indicator["indicator_id"], series, indicator["category_zh"], "", indicator["name_zh"], "", "",
                         "", indicator["unit_zh"], "", "true" if indicator["core"] else "false",
                         indicator["direction"], indicator["kind"], ""])
    return rows


#: The keys of plan.yml no table gives, written with :data:`TO_FILL` for a person to replace.
FILLED_BY_HAND = {"city": "the city's name", "title": "the plan's title", "issuer": "who issued it"}
FILL = "{zh: " + TO_FILL["zh"] + ", en: " + TO_FILL["en"] + "}"


def _years(imported: ImportedPlan) -> tuple[int, int, str]:
    """The base year, the publication year and the evaluations guessed from the years of the table's header."""
    base = min(imported.baseline_years) if imported.baseline_years else min(imported.target_years) - 1
    final = max(imported.target_years) if imported.target_years else base + 1
    mid = [year for year in imported.target_years if year != final]
    return base, base + 1, "{" + ", ".join([*(f"{year}: mid_term" for year in mid), f"{final}: final"]) + "}"


def _plan_yml(imported: ImportedPlan, name: str) -> str:
    base, published, evaluations = _years(imported)
    return (f"# A draft read from a published table (python -m analysis import-plan); check every line, then the rows\n"
            f"# of review.csv, before moving the folder to data/raw/{name}/.\n"
            f"name: {name}\n"
            + "".join(f"{key}: {FILL}   # to fill: {what}, in Chinese and English\n"
                      for key, what in FILLED_BY_HAND.items())
            + f"published: {published}                     # guessed: the year after the base year\n"
            f"base_year: {base}                     # guessed: the table's first baseline year\n"
            f"evaluations: {evaluations}   # guessed from the target years\n"
            "table: {indicators: indicators.csv, values: values.csv}\n")


def _plan_review(imported: ImportedPlan) -> list[dict]:
    """The rows of the review for ``plan.yml``: the keys no table gives, to fill, and the years guessed, to check."""
    base, published, evaluations = _years(imported)
    rows = [(f"{key}: {FILL}", f"{key}: not in the table: write {what} in plan.yml in place of {TO_FILL['zh']} and "
             f"{TO_FILL['en']}, in Chinese and English ({{zh: …, en: …}})", "fill")
            for key, what in FILLED_BY_HAND.items()]
    rows += [(f"published: {published}", "published: guessed, the year after the base year: write the year the plan "
              "was published", "guess"),
             (f"base_year: {base}", "base_year: guessed, the table's first baseline year: check it against the plan",
              "guess"),
             (f"evaluations: {evaluations}", "evaluations: guessed from the target years, the last the final "
              "evaluation: check them against what the plan says of its evaluations", "guess")]
    return [{"where": "plan.yml", "text": text, "read_as": reading, "action": action, "confirmed": ""}
            for text, reading, action in rows]


def _readme(imported: ImportedPlan, source: str) -> str:
    open_rows = sum(row["action"] != "read" for row in imported.review)
    return (f"# A plan read from {source}\n\n"
            f"Table {imported.table} of `{source}` was read into `indicators.csv` and `values.csv` (docs/new-plan.md). "
            f"`review.csv` lists every cell read, and where it is in the published table; {open_rows} of its rows are "
            "splits, guesses or gaps that a person confirms (`confirmed` = yes) after checking them against the "
            "table, correcting the CSV files where needed and giving the English names. In `plan.yml`, `city`, "
            f"`title` and `issuer` are to fill (they hold {TO_FILL['zh']} and {TO_FILL['en']}): the plan's own, in "
            "Chinese and English; its years are guessed from the table's header. The plan is not read until every "
            "row is confirmed; then move this folder to `data/raw/<name>/`.\n")
