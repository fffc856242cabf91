"""A plan's indicator table typed as two CSV files, for a plan whose text is not parsed as printed.

``indicators.csv`` has the columns of ``data/processed/indicators.csv`` without ``source_line``: one
row per indicator series with its category, names, units, core flag, direction and kind.
``values.csv`` has ``indicator_id,series,year,value_type,value`` with ``value_type`` ``baseline`` or
``target``. The values come out as cells, like those of a printed table, so corrections, number
parsing and every later step treat both kinds of plan alike.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pandas as pd

from ..catalog import plan_error, told_words
from ..errors import InputError, InputErrors, Mistakes, quote
from ..text import visible
from ..vocabulary import (
    BASE_SOURCE_COLUMNS,
    NOTE_COLUMNS,
    SERIES,
    TABLE_INDICATOR_COLUMNS,
    TARGET_BASES,
    lower_is_better,
)
from .csv_reader import LINE_COLUMN, parse_int, read_strict_csv
from .hand_files import (
    FALSE_WORDS,
    TRUE_WORDS,
    check_direction,
    check_row_series,
    is_bare_target,
    is_running_total,
    refuse_duplicates,
    refuse_shared_short_names,
    refused_word,
    require_filled,
)
from .printed_table import COMBINED_CELL, PLAIN_NUMBER, PlanTable, series_of, value_field

TYPED_INDICATOR_COLUMNS = [c for c in TABLE_INDICATOR_COLUMNS
                           if c not in ("source_line", "running_total", "bare_target", "base_source",
                                        *BASE_SOURCE_COLUMNS)]
#: ``running_total``: a total over the plan's years (〔100〕), true or false (empty: false); ``base_source``: for a
#: series whose base value the plan does not print, the statistic it comes from; its name in each language beside it
#: (``base_source_en``: what the English edition names), as ``source_en`` for a publication; ``bare_target``: true
#: for a level to hold every year whose targets the plan's table prints without their sign (90%, no "≥").
TYPED_INDICATOR_OPTIONAL = ["running_total", "base_source", *BASE_SOURCE_COLUMNS, "bare_target"]
TYPED_VALUE_COLUMNS = ["indicator_id", "series", "year", "value_type", "value"]
#: ``basis``: how a target relates to the base value (:data:`analysis.vocabulary.TARGET_BASES`); ``note``:
#: what the plan says of the value (力争: strive for; "now" for a baseline of the year the plan appeared);
#: ``upper``: the upper bound of a range target (direction ``within``: 控制在2%–3% is value 2, upper 3).
TYPED_VALUE_OPTIONAL = ["basis", "note", *NOTE_COLUMNS, "upper"]
VALUE_TYPES = ("baseline", "target")
TYPED_INDICATOR_TEXT = {"category_zh": "category", "category_en": "category", "name_zh": "name", "name_en": "name",
                        "short_name_zh": "short_name", "short_name_en": "short_name", "unit_zh": "unit",
                        "unit_en": "unit", "base_source": "source", **{name: "source" for name in BASE_SOURCE_COLUMNS}}
TRUE, FALSE = TRUE_WORDS, FALSE_WORDS
#: Words of a target relative to the base value, typed into ``value`` instead of a number and its ``basis``.
RELATIVE_WORDS_BASIS = {"翻一番": ("2", "multiple"), "翻两番": ("4", "multiple"), "翻番": ("2", "multiple"),
                        "减半": ("0.5", "multiple")}
RELATIVE_WORDS = re.compile("|".join(RELATIVE_WORDS_BASIS))


def value_type_name(value_type: str) -> str:
    """A value type as a plan file's mistake names it in the run's language: target; 目标值（target）."""
    return told_words()["plan_errors.table.value_types"].get(value_type, value_type)


def _at_least_100(text: str) -> bool:
    """Whether a cell's number is 100 or more (a cell that is no number is left to the number parser to name)."""
    try:
        return float(text.strip()) >= 100
    except ValueError:
        return False


def read_typed_table(indicators_path: Path, values_path: Path, defer: bool = False) -> tuple[PlanTable, pd.DataFrame]:
    """Read a typed plan; returns its table (value cells as text) and its indicators with their metadata.

    Every row of ``values.csv`` is checked and every mistake of every row told at once. With
    ``defer``, they are not raised but kept in the table's ``mistakes``, the rows refused left out of its cells and
    their series in ``refused``: the clean step tells them with what it finds in the other rows (a value that is no
    number, a target before the base year), the whole file in one round."""
    # indicators.csv's mistakes told with values.csv's in one round: the rows of a series refused there are left out
    # here, never told that they name no indicator
    told = Mistakes()
    indicators, unread = _read_indicators(Path(indicators_path), told)
    values_path = Path(values_path)
    frame = read_strict_csv(values_path, TYPED_VALUE_COLUMNS, TYPED_VALUE_OPTIONAL,
                            text_kinds={"note": "note", **{name: "note" for name in NOTE_COLUMNS}}, defer=True)
    known = {(r.indicator_id, r.series): r.kind for r in indicators.itertuples()}
    directions = {(r.indicator_id, r.series): r.direction for r in indicators.itertuples()}
    # every mistake of every row told at once, with the rows of too few or too many fields and the
    # cells of hidden characters the reading found: one round for the file, in its lines' order
    cells, refused, kept = [], set(), []
    for error in frame.attrs["mistakes"]:
        told.add(error)
        if error.line != 1:  # a row left out by the reading (the header's mistakes are line 1): its series unknown
            refused.add(None)
    refused_fields = []
    for index, row in enumerate(frame.itertuples()):
        read = False
        if unread and (None in unread or (row.indicator_id.strip(), row.series) in unread):
            refused.add(_series_of(row))  # a series whose row of indicators.csv is refused: its own mistake told
            continue
        with told.row():
            check_row_series(row.series, values_path, getattr(row, LINE_COLUMN))
            cells.append(_typed_cell(row, values_path, indicators_path.name, known, directions))
            read = True
        if read:
            kept.append(index)
        else:
            refused.add(_series_of(row))
            refused_fields.append(_field_of(row))
    frame = frame.iloc[kept].reset_index(drop=True)
    frame = frame.assign(indicator_id=[c["indicator_id"] for c in cells], field=[c["field"] for c in cells])
    refuse_duplicates(frame, ["indicator_id", "series", "field"], values_path, "year",
                      lambda row: plan_error("table.given_twice", indicator=series_of(row.indicator_id, row.series),
                                             value_type=value_type_name(row.value_type),
                                             year=str(row.year).strip()), told)
    told.errors.sort(key=lambda error: error.line if isinstance(error.line, int) else 0)
    if not defer:
        told.check()
    cells = pd.DataFrame(cells, columns=["indicator_id", "series", "field", "year", "value_type", "printed_text",
                                         "source_line", "basis", "note", *NOTE_COLUMNS, "upper_text"])
    cells = cells.drop_duplicates(["indicator_id", "series", "field"]).reset_index(drop=True)  # told: the first kept
    # a field whose only row was refused is still the table's: a correction or a prose check naming it is not told
    # that the table has no such field
    given = {value_field(r.year, r.value_type) for r in cells.itertuples()} | {f for f in refused_fields if f}
    fields = tuple(sorted(given, key=lambda f: (f.year, f.value_type != "baseline")))
    if not told.errors and "target" not in {f.value_type for f in fields}:
        # baselines may all come from statistics (base_source); every series' base is checked in the clean step
        raise InputError(plan_error("table.needs_targets"), file=values_path)
    rows = pd.DataFrame({"indicator_id": indicators["indicator_id"], "series": indicators["series"],
                         "category": indicators["category_zh"], "name_printed": indicators["name_zh"],
                         "core": indicators["core"], "qualitative": indicators["kind"] == "qualitative",
                         "source_line": indicators["source_line"]})
    return PlanTable(source=values_path, rows=rows, cells=cells, fields=fields, rows_source=Path(indicators_path),
                     mistakes=tuple(told.errors), refused=frozenset(refused)), indicators


def typed_table_mistakes(indicators_path: Path, values_path: Path) -> list[InputError]:
    """Every mistake of a typed table's two files that they show on their own, without the plan (told with plan.yml's
    when plan.yml has some): :func:`read_typed_table`'s, and every value of a row it kept that is no number (the clean
    step tells these of a plan that reads)."""
    try:
        table, _ = read_typed_table(indicators_path, values_path, defer=True)
    except InputError as exc:
        return list(exc.errors) if isinstance(exc, InputErrors) else [exc]
    told = Mistakes()
    for error in table.mistakes:
        told.add(error)
    for cell in table.cells.itertuples():
        text = cell.printed_text.strip()
        if not PLAIN_NUMBER.fullmatch(text) and not (COMBINED_CELL.fullmatch(text) and not cell.series):
            told.add(not_a_number(cell.printed_text, values_path, cell.source_line))
    return sorted(told.errors, key=lambda error: (str(error.file), error.line if isinstance(error.line, int) else 0))


def not_a_number(text: str, path: Path, line: int) -> InputError:
    """The mistake of a typed value cell that is no number, with a hint where one helps: the number it most likely
    means (full-width digits ２.８, a thousands separator, a % sign) or the basis of a target relative to the base
    value typed as words (翻一番: value 2, basis multiple; docs/new-plan.md)."""
    # full-width digits and points (２.８) read as the digits they are
    plain = re.sub(r"[\s%]", "", unicodedata.normalize("NFKC", text)).removeprefix("+")  # +1.75: 1.75
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", plain):
        plain = plain.replace(",", "")  # thousands separators (a decimal comma, 2,8, is left to the reader)
    hint = (plan_error("table.did_you_mean", plain=plain) if plain != text and PLAIN_NUMBER.fullmatch(plain)
            else "")
    if text.strip().startswith("="):  # =1+1: a formula typed by hand, which nothing computes
        hint = plan_error("table.formula")
    relative = RELATIVE_WORDS.search(text)
    if relative and not hint:  # 翻一番, 减半, 增长20%: a target relative to the base value (docs/new-plan.md)
        number, basis = RELATIVE_WORDS_BASIS[relative.group()]
        hint = plan_error("table.relative_words", words=relative.group(), number=number, basis=basis)
    return InputError(plan_error("table.not_a_number", text=repr(text), hint=hint), file=path, line=line,
                      field="value")


def _series_of(row) -> tuple[int, str] | None:
    """The series a refused row of ``values.csv`` is for, where its indicator and series can be read; else None."""
    text = row.indicator_id.strip()
    return (int(text), row.series) if re.fullmatch(r"[0-9]{1,9}", text) and row.series in SERIES else None


def _field_of(row):
    """The field a refused row of ``values.csv`` gives (``target_2027``), where its year and type can be read."""
    year = row.year.strip()
    if row.value_type not in VALUE_TYPES or not re.fullmatch(r"[0-9]{4}", year) or not 1900 <= int(year) <= 2100:
        return None
    return value_field(int(year), row.value_type)


def _typed_cell(row, values_path: Path, indicators_name: str, known: dict, directions: dict) -> dict:
    """One row of a typed ``values.csv`` checked: its indicator and series, type, year, basis, bounds and, where any of
    these is wrong, its value too (the clean step reads the value of a row kept): every mistake of the row at once, as
    :class:`InputErrors` where there are several, each part checked that the others do not decide."""
    line = getattr(row, LINE_COLUMN)
    found: list[InputError] = []

    def told(key: str, field: str, **fields) -> None:
        found.append(InputError(plan_error(f"table.{key}", **fields), file=values_path, line=line, field=field))

    def number(text: str, field: str) -> int | None:
        try:
            return parse_int(text, file=values_path, line=line, field=field)
        except InputError as exc:
            found.append(exc)
            return None

    indicator_id = number(row.indicator_id, "indicator_id")
    key = None if indicator_id is None else (indicator_id, row.series)
    if key is not None and key not in known:
        told("not_in_indicators", "indicator_id", indicator=series_of(indicator_id, row.series), file=indicators_name)
        key = None
    elif key is not None and known[key] == "qualitative":
        told("qualitative_no_numbers", "indicator_id", id=indicator_id)
        key = None
    typed = row.value_type in VALUE_TYPES
    if not typed:
        told("unknown_value_type", "value_type", value=refused_word(row.value_type, VALUE_TYPES))
    year = number(row.year, "year")
    if year is not None and not 1900 <= year <= 2100:
        told("implausible_year", "year", year=year)
        year = None
    basis = (getattr(row, "basis", "") or "").strip() or "absolute"
    if basis not in TARGET_BASES:
        told("unknown_basis", "basis", basis=quote(basis), choices=told_words().join_or(TARGET_BASES))
    elif basis != "absolute":
        if typed and row.value_type != "target":
            told("basis_not_target", "basis", basis=basis, value_type=row.value_type)
        if key is not None and known[key] == "rank":
            told("basis_for_rank", "basis", basis=basis)
    if basis in ("percent", "points") and row.value.strip().startswith("-"):
        told("signed_change", "value", value=quote(row.value.strip()), basis=basis)
    elif key is not None and basis == "percent" and lower_is_better(directions[key]) and _at_least_100(row.value):
        told("decline_too_large", "value", value=row.value.strip(), direction=directions[key])
    upper = (getattr(row, "upper", "") or "").strip()
    if key is not None and typed:
        within = directions[key] == "within" and row.value_type == "target"
        if upper and not within:
            told("upper_not_range", "upper", upper=quote(upper), value_type=value_type_name(row.value_type),
                 direction=directions[key])
        if within and not upper and year is not None:
            told("range_needs_upper", "upper", id=indicator_id, year=year)
    if found:
        # the row is refused here, so its value is read nowhere else: told with the rest (a value the clean step
        # reads, a combined cell included, is none of the row's mistakes)
        plain = row.value.strip()
        if not any(error.field == "value" for error in found) and PLAIN_NUMBER.fullmatch(plain) is None and not (
                COMBINED_CELL.fullmatch(plain) and not row.series):
            found.append(not_a_number(row.value, values_path, line))
        raise found[0] if len(found) == 1 else InputErrors(found)
    field = value_field(year, row.value_type)
    return {"indicator_id": indicator_id, "series": row.series, "field": field.name, "year": year,
            "value_type": row.value_type, "printed_text": row.value, "source_line": line,
            "basis": basis, "note": (getattr(row, "note", "") or "").strip(), "upper_text": upper,
            **{name: (getattr(row, name, "") or "").strip() for name in NOTE_COLUMNS}}


def _read_indicators(path: Path, told: Mistakes | None = None) -> tuple[pd.DataFrame, set]:
    """``indicators.csv`` read and checked; with ``told``, its mistakes are added there rather than raised, and the
    rows refused left out: returns the rows kept and the (indicator, series) of those refused, as typed (``None`` for
    a row the reading left out, whose series cannot be told), so that values.csv's rows for them are not told they
    name no indicator."""
    raised = told is None
    told = Mistakes() if told is None else told
    before = len(told.errors)
    frame = read_strict_csv(path, TYPED_INDICATOR_COLUMNS, TYPED_INDICATOR_OPTIONAL, text_kinds=TYPED_INDICATOR_TEXT,
                            defer=True)
    # every cell's mistake told at once (core 是 and direction 增长 together), with the rows of too few or too many
    # fields and the cells of hidden characters the reading found (those rows left out of the checks below)
    ids, cores, totals, bare = [], [], [], []
    refused: set = set()
    left_out = set()
    for error in frame.attrs["mistakes"]:
        told.add(error)
        if isinstance(error.line, int) and error.line != 1:  # a row the reading left out: its series as typed
            left_out.add(error.line)
    refused |= _typed_keys(path, left_out)
    for row in frame.itertuples():
        with told.row():
            check_row_series(row.series, path, getattr(row, LINE_COLUMN))
    require_filled(frame, ("category_zh", "category_en", "name_zh", "name_en", "short_name_zh", "short_name_en"),
                   path, mistakes=told)
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        ids.append(None)
        with told.row():
            ids[-1] = parse_int(row.indicator_id, file=path, line=line, field="indicator_id")
        core = row.core.strip().lower()
        cores.append(core in TRUE)
        with told.row():
            if core not in TRUE + FALSE:
                raise InputError(plan_error("table.core_not_boolean", value=quote(row.core)), file=path, line=line,
                                 field="core")
        totals.append(is_running_total(row.running_total, path, line, told))
        bare.append(is_bare_target(row.bare_target, row.direction, path, line, told))
        with told.row():
            check_direction(row.direction, row.kind, path, line)
        if row.kind != "qualitative":
            for column in ("unit_zh", "unit_en"):
                with told.row():
                    if not getattr(row, column).strip():
                        raise InputError(plan_error("table.unit_empty", id=ids[-1] or row.indicator_id),
                                         file=path, line=line, field=column)
    frame["indicator_id"], frame["core"], frame["running_total"], frame["bare_target"] = ids, cores, totals, bare
    english: dict[str, tuple[str, int]] = {}
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        if not visible(row.category_en):  # empty: told already
            continue
        name, first = english.setdefault(row.category_zh, (row.category_en, line))
        if name != row.category_en:
            told.add(InputError(plan_error("table.two_english_names", category=quote(row.category_zh),
                                           name=quote(row.category_en), other=quote(name), first=first),
                                file=path, line=line, field="category_en"))
    refuse_shared_short_names(frame, path, told)
    refuse_duplicates(frame[frame["indicator_id"].notna()], ["indicator_id", "series"], path, "indicator_id",
                      lambda row: plan_error("table.series_twice", id=row.indicator_id, series=repr(row.series)),
                      told)
    if raised:
        told.errors.sort(key=lambda error: error.line if isinstance(error.line, int) else 0)
        told.check()
    wrong = {error.line for error in told.errors[before:] if error.file == path and isinstance(error.line, int)}
    refused |= {(row.indicator_id.strip() if isinstance(row.indicator_id, str) else str(int(row.indicator_id)),
                 row.series) for row in frame.itertuples() if getattr(row, LINE_COLUMN) in wrong
                and not (isinstance(row.indicator_id, float) and pd.isna(row.indicator_id))}
    frame = frame[~frame[LINE_COLUMN].isin(wrong) & frame["indicator_id"].notna()].copy()
    frame["indicator_id"] = frame["indicator_id"].astype(int)
    frame = frame.rename(columns={LINE_COLUMN: "source_line"})
    frame = frame.sort_values(["indicator_id", "series"], kind="stable").reset_index(drop=True)
    return frame[TABLE_INDICATOR_COLUMNS], refused


def _typed_keys(path: Path, lines: set[int]) -> set:
    """The (indicator, series) the rows at ``lines`` of ``path`` type in their first two cells (a row of too many or
    too few cells, left out by the reading); ``None`` where a row's cannot be read."""
    if not lines:
        return set()
    keys: set = set()
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            for row in reader:
                if reader.line_num in lines:
                    keys.add((row[0].strip(), row[1].strip()) if len(row) >= 2 else None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return {None}
    return keys if len(keys) >= len(lines) else keys | {None}
