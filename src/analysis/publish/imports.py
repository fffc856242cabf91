"""``python -m analysis import-plan FILE``: a plan's table as published, written as a typed plan folder to review.

Read the tables (:mod:`analysis.ingest.published_table`), read the indicator table into typed rows with a
review of every cell (:mod:`analysis.clean.plan_import`), then write a draft plan folder (by default
``data/interim/<name>/``, never inside ``data/raw``): ``indicators.csv``, ``values.csv``, ``review.csv``,
a ``plan.yml`` whose years are guessed from the table's header, the published file itself, and a README
saying what is left to do, each in the table's language (the catalogs' ``import_review`` and ``import_draft``:
Chinese for a table in Chinese). The draft is read as a plan only once every row of the review that is not a
plain reading is confirmed (:func:`analysis.ingest.plan_inputs.check_review`); the folder then moves to
``data/raw/<name>/``.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path

from ..clean.plan_import import ImportedPlan, read_plan_table
from ..errors import InputError, display_path
from ..files import read_regular, write_files_atomic
from ..ingest.plan_inputs import REVIEW_COLUMNS, REVIEW_FILE
from ..ingest.published_table import MAX_BYTES, file_words, plan_title, read_tables
from ..ingest.typed_table import TYPED_INDICATOR_COLUMNS, TYPED_VALUE_COLUMNS
from ..plan import DRAFT_PLACEHOLDERS

INDICATOR_COLUMNS = [*TYPED_INDICATOR_COLUMNS, "base_source"]
VALUE_COLUMNS = [*TYPED_VALUE_COLUMNS, "basis", "note", "upper"]
TO_FILL = DRAFT_PLACEHOLDERS  # refused by the plan's reader until a person writes the plan's own words


def import_plan(source: Path, folder: Path, name: str, language: str | None = None) -> tuple[ImportedPlan, list[Path]]:
    """Read the published table ``source`` into a draft plan folder ``folder`` named ``name``, its review and README
    in ``language`` (the table's by default); returns what was read and the files written. An existing folder is
    never written over."""
    source, folder = Path(source), Path(folder)
    if folder.exists():
        raise InputError(file_words(source)["import_errors.draft_exists"], file=folder)
    imported = read_plan_table(read_tables(source), display_path(source), language)
    title = plan_title(source)
    imported.review.extend(_plan_review(imported, title))
    files = {folder / "indicators.csv": _csv(INDICATOR_COLUMNS, _indicator_rows(imported)),
             folder / "values.csv": _csv(VALUE_COLUMNS, [[v[c] for c in VALUE_COLUMNS] for v in imported.values]),
             folder / REVIEW_FILE: _csv(REVIEW_COLUMNS, [[r[c] for c in REVIEW_COLUMNS] for r in imported.review]),
             folder / "plan.yml": _plan_yml(imported, name, title).encode("utf-8"),
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


#: The keys of plan.yml no table gives, written with :data:`TO_FILL` for a person to replace (what each is:
#: ``import_draft.what`` in the catalogs).
FILLED_BY_HAND = ("city", "title", "issuer")
FILL = "{zh: " + TO_FILL["zh"] + ", en: " + TO_FILL["en"] + "}"


def _years(imported: ImportedPlan) -> tuple[int, int, str]:
    """The base year, the publication year and the evaluations guessed from the years of the table's header."""
    base = min(imported.baseline_years) if imported.baseline_years else min(imported.target_years) - 1
    final = max(imported.target_years) if imported.target_years else base + 1
    mid = [year for year in imported.target_years if year != final]
    return base, base + 1, "{" + ", ".join([*(f"{year}: mid_term" for year in mid), f"{final}: final"]) + "}"


def _draft_words(imported: ImportedPlan, key: str, **fields) -> str:
    return imported.words.text(f"import_draft.{key}", **fields)


def _title_read(title: str) -> str:
    """The title the file prints, in Chinese, its English to fill: quoted, as a title may hold a comma or a colon."""
    return "{zh: " + json.dumps(title, ensure_ascii=False) + ", en: " + TO_FILL["en"] + "}"


def _plan_yml(imported: ImportedPlan, name: str, title: tuple[str, str] | None = None) -> str:
    base, published, evaluations = _years(imported)
    say = functools.partial(_draft_words, imported)
    filled = {key: f"{key}: {FILL}   {say('yml_fill', what=say(f'what.{key}'))}\n" for key in FILLED_BY_HAND}
    if title:  # the file prints it: read, for a person to check, its English to write
        filled["title"] = f"title: {_title_read(title[0])}   {say('yml_title', place=say(f'title_from.{title[1]}'))}\n"
    return (say("yml_head", name=name) + "\n"
            f"name: {name}\n"
            + "".join(filled[key] for key in FILLED_BY_HAND)
            # optional: a plan that calls itself 规划 says so, or the reports call it 方案 (docs/new-plan.md)
            + say("yml_optional", subject="{zh: …, en: …}", plan_word="{zh: 规划, en: plan}") + "\n"
            + f"published: {published}                     {say('yml_published')}\n"
            f"base_year: {base}                     {say('yml_base_year')}\n"
            f"evaluations: {evaluations}   {say('yml_evaluations')}\n"
            "table: {indicators: indicators.csv, values: values.csv}\n")


def _plan_review(imported: ImportedPlan, title: tuple[str, str] | None = None) -> list[dict]:
    """The rows of the review for ``plan.yml``: the keys no table gives, to fill, the title where the file prints it
    (``title``: it and where, :func:`~analysis.ingest.published_table.plan_title`), to check, and the years
    guessed, to check."""
    base, published, evaluations = _years(imported)
    say = functools.partial(_draft_words, imported)
    rows = [(f"title: {_title_read(title[0])}", say("title_read", place=say(f"title_from.{title[1]}"),
                                                     placeholder_en=TO_FILL["en"]), "guess")
            if key == "title" and title else
            (f"{key}: {FILL}", say("fill", label=key, what=say(f"what.{key}"), placeholder_zh=TO_FILL["zh"],
                                   placeholder_en=TO_FILL["en"]), "fill") for key in FILLED_BY_HAND]
    rows += [(f"published: {published}", say("published"), "guess"), (f"base_year: {base}", say("base_year"), "guess"),
             (f"evaluations: {evaluations}", say("evaluations"), "guess")]
    return [{"where": "plan.yml", "text": text, "read_as": reading, "action": action, "confirmed": ""}
            for text, reading, action in rows]


def _readme(imported: ImportedPlan, source: str) -> str:
    return _draft_words(imported, "readme", source=source, table=imported.table, open_rows=open_rows(imported),
                        placeholder_zh=TO_FILL["zh"], placeholder_en=TO_FILL["en"])


def open_rows(imported: ImportedPlan) -> int:
    """How many rows of the review wait for a person: every one that is not a plain reading."""
    return sum(row["action"] != "read" for row in imported.review)
