"""The files a person maintains beside a printed plan: metadata, categories, corrections, prose checks.

Each reader checks its file row by row and names the file, line and field of every mistake, all in one round.
``corrections.csv`` and ``prose_checks.csv`` are optional (absent: none); the metadata and the
categories are needed to read a printed table, which prints neither English names nor units.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalog import plan_error, told_words
from ..errors import InputError, Mistakes, display_path, quote
from ..text import says_why, visible
from ..vocabulary import DIRECTIONS, HELD_EVERY_YEAR, KIND_DIRECTIONS, KINDS, SERIES
from .csv_reader import LINE_COLUMN, parse_int, parse_number, read_strict_csv
from .printed_table import COMBINED_CELL, PLAIN_NUMBER, ValueField

METADATA_FILE = "indicator_metadata.csv"
CATEGORIES_FILE = "categories.csv"
CORRECTIONS_FILE = "corrections.csv"
PROSE_CHECKS_FILE = "prose_checks.csv"
METADATA_COLUMNS = ["indicator_id", "series", "name_en", "short_name_zh", "short_name_en", "unit_zh", "unit_en",
                    "direction", "kind"]
#: ``running_total``: true for a total over the plan's years (〔100〕), false or empty otherwise.
METADATA_OPTIONAL_COLUMNS = ["running_total"]
#: How a yes-or-no cell may be written (core, running_total).
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1", "*", "是"), ("false", "no", "0", "", "否")
CORRECTION_COLUMNS = ["indicator_id", "series", "field", "printed_text", "corrected_value", "reason"]
#: ``confirm``: why a corrected value that looks implausible is right (see the plausibility checks);
#: ``reason_zh``: the reason in Chinese, for the Chinese editions (``reason`` is the English one).
CORRECTION_OPTIONAL_COLUMNS = ["confirm", "reason_zh"]
METADATA_TEXT = {"name_en": "name", "short_name_zh": "short_name", "short_name_en": "short_name",
                 "unit_zh": "unit", "unit_en": "unit"}
CATEGORY_TEXT = {"category_zh": "category", "category_en": "category"}
CORRECTION_TEXT = {"reason": "reason", "confirm": "reason", "reason_zh": "reason"}
PROSE_CHECK_TEXT = {"prose_quote": "quote", "note": "note", "note_zh": "note"}
PROSE_CHECK_COLUMNS = ["indicator_id", "series", "year", "value_type", "claim", "prose_quote", "prose_value", "note"]
#: ``note_zh``: the note in Chinese, for the Chinese editions (``note`` is the English one).
PROSE_CHECK_OPTIONAL_COLUMNS = ["note_zh"]
PROSE_CLAIMS = ("value", "annual_growth_pct")
#: What a prose check compares its number with: a baseline or a target the table gives.
PROSE_VALUE_TYPES = ("baseline", "target")


def is_running_total(cell: str, path: Path, line: int, told: Mistakes) -> bool:
    """A ``running_total`` cell read: true for a total over the plan's years (〔100〕), false or empty otherwise; any
    other word told in ``told`` (and read as false)."""
    word = (cell or "").strip().lower()
    with told.row():
        if word not in TRUE_WORDS + FALSE_WORDS:
            raise InputError(plan_error("table.running_total_not_boolean", value=quote(cell)), file=path, line=line,
                             field="running_total")
    return word in TRUE_WORDS


def is_bare_target(cell: str, direction: str, path: Path, line: int, told: Mistakes) -> bool:
    """A ``bare_target`` cell read: true where the plan's table prints the targets of a level to hold every year
    without their sign (90%, no "≥"), false or empty otherwise; any other word, or true for a series that is no level
    to hold every year, told in ``told`` (and read as false)."""
    word = (cell or "").strip().lower()
    with told.row():
        if word not in TRUE_WORDS + FALSE_WORDS:
            raise InputError(plan_error("table.bare_target_not_boolean", value=quote(cell)), file=path, line=line,
                             field="bare_target")
        if word in TRUE_WORDS and direction.strip() not in HELD_EVERY_YEAR:
            raise InputError(plan_error("table.bare_target_not_held", direction=quote(direction)), file=path,
                             line=line, field="bare_target")
    return word in TRUE_WORDS and direction.strip() in HELD_EVERY_YEAR


def check_series(frame: pd.DataFrame, path: Path) -> None:
    for row in frame.itertuples():
        check_row_series(row.series, path, getattr(row, LINE_COLUMN))


def check_row_series(series: str, path: Path, line: int) -> None:
    if series not in SERIES:
        raise InputError(plan_error("hand_files.unknown_series", series=refused_word(series, SERIES)), file=path,
                         line=line, field="series")


def refused_word(value: str, choices) -> str:
    """A cell refused for not being one of ``choices``, quoted; where it is one but for a space before or after it
    (' higher'), saying so, as the message's reader cannot see the space."""
    shown = quote(value)
    if value.strip() != value and value.strip() in choices:
        before, after = value[:1].isspace(), value[-1:].isspace()
        shown += plan_error(f"hand_files.spaces.{'around' if before and after else 'before' if before else 'after'}")
    return shown


def require_filled(frame: pd.DataFrame, columns, path: Path, message: str | None = None,
                   mistakes: Mistakes | None = None) -> None:
    """Every cell of ``columns`` shows text; every empty one (or one of invisible characters only) is named, all in
    one round, in the file's order; with ``mistakes``, they are added there, told with the file's other mistakes.
    ``message``: what is said of an empty cell ("empty", in the language the run tells mistakes in, by default)."""
    told = Mistakes() if mistakes is None else mistakes
    message = plan_error("hand_files.empty") if message is None else message
    for row in frame.itertuples():
        for column in columns:
            text = getattr(row, column)
            if not visible(text):
                shown = plan_error("hand_files.only_invisible", message=message) if text.strip() else message
                told.add(InputError(shown, file=path, line=getattr(row, LINE_COLUMN), field=column))
    if mistakes is None:
        told.check()


def refuse_shared_short_names(frame: pd.DataFrame, path: Path, mistakes: Mistakes) -> None:
    """No two series share a short name in one language: charts and tables name a series by it alone (the status
    chart's rows, the small multiples' titles), so two alike would be one row, or two a reader cannot tell apart."""
    for column in ("short_name_zh", "short_name_en"):
        first: dict[str, tuple[int, str, int]] = {}
        for row in frame.itertuples():
            name = " ".join(getattr(row, column).split())
            line = getattr(row, LINE_COLUMN)
            if not visible(name) or row.indicator_id is None:  # an empty name, a number mistyped: told already
                continue
            series = f" {row.series}" if row.series else ""
            if name in first and (first[name][0], first[name][1]) == (row.indicator_id, series):
                continue  # the series given twice: told once, as a row given twice (refuse_duplicates)
            if name in first:
                indicator, other, where = first[name]
                indicator = int(indicator)  # never "indicator 3.0" from a column that held a mistyped id
                mistakes.add(InputError(plan_error("hand_files.shared_short_name", name=quote(name),
                                                   indicator=indicator, other=other, line=where),
                                        file=path, line=line, field=column))
            else:
                first[name] = (row.indicator_id, series, line)


def refuse_duplicates(frame: pd.DataFrame, keys: list[str], path: Path, field: str, describe,
                      mistakes: Mistakes | None = None) -> None:
    """A key given twice stops the run at each occurrence after its first, all told in one round, each naming the
    line that gives it first; ``describe(row)`` says what repeats. With ``mistakes``, they are added there, told with
    the file's other mistakes (in the order of its lines)."""
    duplicated = frame[frame.duplicated(keys, keep="first")]
    if duplicated.empty:
        return
    first = frame.drop_duplicates(keys, keep="first").set_index(keys)[LINE_COLUMN]
    told = Mistakes() if mistakes is None else mistakes
    for _, row in duplicated.iterrows():
        where = first.get(tuple(row[key] for key in keys) if len(keys) > 1 else row[keys[0]])
        told.add(InputError(plan_error("hand_files.first_at", what=describe(row), line=int(where)), file=path,
                            line=int(row[LINE_COLUMN]), field=field))
    if mistakes is None:
        told.check()


def check_direction(direction: str, kind: str, path: Path, line: int) -> None:
    """A series' direction and kind, each known and each fitting the other; refused with the line named (a direction
    and a kind both unknown: both told, in one round)."""
    told = Mistakes()
    if direction not in DIRECTIONS:
        told.add(InputError(plan_error("hand_files.unknown_direction", direction=refused_word(direction, DIRECTIONS),
                                       choices=told_words().join_or(DIRECTIONS)), file=path, line=line,
                            field="direction"))
    if kind not in KINDS:
        told.add(InputError(plan_error("hand_files.unknown_kind", kind=refused_word(kind, KINDS),
                                       choices=told_words().join_or(KINDS)), file=path, line=line, field="kind"))
    told.check()
    if (kind == "qualitative") != (direction == "none"):
        raise InputError(plan_error("hand_files.none_is_qualitative"), file=path, line=line, field="direction")
    if kind in KIND_DIRECTIONS and direction not in KIND_DIRECTIONS[kind]:
        why = plan_error("hand_files.rank_direction" if kind == "rank" else "hand_files.rate_direction")
        raise InputError(plan_error("hand_files.kind_direction", direction=quote(direction), kind=kind, why=why,
                                    choices=told_words().join_or(KIND_DIRECTIONS[kind])),
                         file=path, line=line, field="direction")


def load_metadata(folder: Path, mistakes: Mistakes | None = None) -> pd.DataFrame:
    """``indicator_metadata.csv``: names, units, direction and kind for every series; every mistake of every row told
    in one round, in the file's order. With ``mistakes``, they are added there, and the file is refused only where a
    row cannot be joined with the table (its number, series, direction or kind mistyped, a series given twice): a name
    left empty is told in the same round as what comparing it with the table finds (a unit it lacks)."""
    path = Path(folder) / METADATA_FILE
    frame = read_strict_csv(path, METADATA_COLUMNS, METADATA_OPTIONAL_COLUMNS, text_kinds=METADATA_TEXT)
    ids, totals, told, names = [], [], Mistakes(), Mistakes()
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        ids.append(None)
        with told.row():
            check_row_series(row.series, path, line)
        with told.row():
            ids[-1] = parse_int(row.indicator_id, file=path, line=line, field="indicator_id")
        with told.row():
            check_direction(row.direction, row.kind, path, line)
        totals.append(is_running_total(row.running_total, path, line, told))
    require_filled(frame, ("name_en", "short_name_zh", "short_name_en"), path, mistakes=names)
    numbered = frame.assign(indicator_id=pd.Series(ids, index=frame.index, dtype=object))
    refuse_shared_short_names(numbered, path, names)
    named = numbered[numbered["indicator_id"].notna()]  # a row whose number is mistyped (told) repeats no other
    refuse_duplicates(named, ["indicator_id", "series"], path, "indicator_id",
                      lambda row: series_twice(int(row.indicator_id), row.series), told)
    if mistakes is not None:
        for error in sorted([*told.errors, *names.errors], key=lambda error: error.line):
            mistakes.add(error)
    else:
        told.errors += names.errors
    told.errors.sort(key=lambda error: error.line)
    told.check()
    frame["indicator_id"], frame["running_total"] = ids, totals
    return frame


def series_twice(indicator_id, series: str) -> str:
    """What repeats where a file gives an indicator's series twice (:func:`refuse_duplicates`)."""
    return plan_error("hand_files.series_twice", indicator=indicator_id, series=repr(series))


def load_categories(folder: Path) -> pd.DataFrame:
    """``categories.csv``: the English name of every category (一级指标) the table prints; every mistake of every row
    told in one round, in the file's order."""
    path = Path(folder) / CATEGORIES_FILE
    frame = read_strict_csv(path, ["category_zh", "category_en"], text_kinds=CATEGORY_TEXT)
    told = Mistakes()
    require_filled(frame, ("category_zh", "category_en"), path, mistakes=told)
    first: dict[str, tuple[str, int]] = {}
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        if not visible(row.category_zh):  # an empty category: told above
            continue
        if row.category_zh in first and first[row.category_zh][0] != row.category_en:
            name, where = first[row.category_zh]
            told.add(InputError(plan_error("hand_files.category_again", category=quote(row.category_zh),
                                           english=quote(row.category_en), line=where, name=quote(name)),
                                file=path, line=line, field="category_en"))
        first.setdefault(row.category_zh, (row.category_en, line))
    told.errors.sort(key=lambda error: error.line)
    told.check()
    return frame.drop_duplicates(["category_zh"]).reset_index(drop=True)


def load_corrections(folder: Path, fields: tuple[ValueField, ...] | None, check_cell=None) -> pd.DataFrame:
    """``corrections.csv``: one row per given cell that needs a fix, with the reason (absent: none). ``fields``: the
    table's value columns (None: the table was refused, and a row's field is not checked).
    ``check_cell(row)``: raises when the row's cell is not the table's as it names it (no such cell, another printed
    text), told in the same round as the rows' other mistakes."""
    path = Path(folder) / CORRECTIONS_FILE
    if not path.exists():
        return no_corrections()
    frame = read_strict_csv(path, CORRECTION_COLUMNS, CORRECTION_OPTIONAL_COLUMNS, text_kinds=CORRECTION_TEXT,
                            defer=True)
    names = None if fields is None else [field.name for field in fields]  # None: the table refused, not checked
    ids, told = [], Mistakes()  # every mistake of every row told in one round, with the reading's
    for error in frame.attrs["mistakes"]:
        told.add(error)
    for row in frame.itertuples():
        ids.append(_correction_row(row, path, names, told))
        if ids[-1] is None or check_cell is None:
            continue
        line = getattr(row, LINE_COLUMN)
        with told.row():  # the cell it names, once the row names one: no cell of a field misspelt is looked for
            check_cell(row._replace(indicator_id=ids[-1]))
            if row.corrected_value == row.printed_text:  # the cell as the table prints it, "corrected" to itself
                raise InputError(plan_error("hand_files.corrected_to_itself", value=quote(row.corrected_value)),
                                 file=path, line=line, field="corrected_value")
    frame["indicator_id"] = ids
    named = frame[frame["indicator_id"].notna()]  # a row whose cell cannot be told is no second correction of one
    refuse_duplicates(named, ["indicator_id", "series", "field"], path, "field",
                      lambda row: plan_error("hand_files.second_correction", indicator=int(row.indicator_id),
                                             field=row.field), told)
    told.errors.sort(key=lambda error: error.line if isinstance(error.line, int) else 0)
    told.check()
    return frame


def no_corrections() -> pd.DataFrame:
    """The corrections of a plan that gives none (or whose corrections.csv was refused)."""
    return pd.DataFrame(columns=[*CORRECTION_COLUMNS, *CORRECTION_OPTIONAL_COLUMNS, LINE_COLUMN])


def no_prose_checks() -> pd.DataFrame:
    """The prose checks of a plan that gives none (or whose prose_checks.csv was refused)."""
    return pd.DataFrame(columns=[*PROSE_CHECK_COLUMNS, *PROSE_CHECK_OPTIONAL_COLUMNS, LINE_COLUMN])


def correction_cell_check(cells: pd.DataFrame, corrections_path: Path, source_path: Path, refused=frozenset()):
    """``check(row)``: the index in ``cells`` of the cell a row of corrections.csv corrects; raises when the table
    has no such cell or prints another text there (the source changed, or the correction was mistyped). ``refused``:
    the series of a typed table's rows refused (None: a row whose series cannot be told), whose cells are not in
    ``cells``: a correction that may name one of them is not checked (None), its row's own mistake being told."""
    keyed = {(r.indicator_id, r.series, r.field): i for i, r in enumerate(cells.itertuples())}

    def check(row) -> int | None:
        line = getattr(row, LINE_COLUMN)
        key = (row.indicator_id, row.series, row.field)
        if key not in keyed and (None in refused or (row.indicator_id, row.series) in refused):
            return None
        whole = (row.indicator_id, "", row.field)
        if key not in keyed and row.series and whole in keyed:  # one cell printed for the series (国2.8/省2.7)
            raise InputError(plan_error("hand_files.one_cell_printed", indicator=row.indicator_id, field=row.field,
                                        printed=repr(cells.at[cells.index[keyed[whole]], "printed_text"])),
                             file=corrections_path, line=line, field="series")
        if key not in keyed:
            raise InputError(plan_error("hand_files.no_cell_series" if row.series else "hand_files.no_cell",
                                        indicator=row.indicator_id, series=row.series, field=row.field),
                             file=corrections_path, line=line, field="indicator_id")
        index = cells.index[keyed[key]]
        printed = cells.at[index, "printed_text"]
        if printed != row.printed_text:
            raise InputError(plan_error("hand_files.source_changed", typed=repr(row.printed_text),
                                        printed=repr(printed),
                                        where=f"{display_path(source_path)}:{cells.at[index, 'source_line']}"),
                             file=corrections_path, line=line, field="printed_text")
        return index

    return check


def _correction_row(row, path: Path, names: list[str] | None, told: Mistakes) -> int | None:
    """One row of ``corrections.csv`` checked, its every mistake added to ``told`` (a reason of one word and a value
    mistyped: both, in one round); its indicator's number, or None where the row names no cell of the table (a series,
    an indicator or a field mistyped)."""
    line = getattr(row, LINE_COLUMN)
    indicator_id = None
    with told.row():
        check_row_series(row.series, path, line)
    with told.row():
        indicator_id = parse_int(row.indicator_id, file=path, line=line, field="indicator_id")
    with told.row():
        if names is not None and row.field not in names:
            raise InputError(plan_error("hand_files.unknown_field", field=refused_word(row.field, names),
                                        choices=told_words().join_or(names)), file=path, line=line, field="field")
    with told.row():
        if not visible(row.reason):
            raise InputError(plan_error("hand_files.no_reason"), file=path, line=line, field="reason")
    for column in ("reason", "confirm", "reason_zh"):
        text = getattr(row, column, "") or ""
        with told.row():
            if visible(text) and not says_why(text):
                raise InputError(plan_error("hand_files.not_a_reason", text=quote(text.strip()),
                                            advice=plan_error("hand_files.reason_advice")),
                                 file=path, line=line, field=column)
    with told.row():
        if not row.corrected_value.strip():
            raise InputError(plan_error("hand_files.empty_corrected_value"), file=path, line=line,
                             field="corrected_value")
        if not (PLAIN_NUMBER.fullmatch(row.corrected_value) or COMBINED_CELL.fullmatch(row.corrected_value)):
            raise InputError(plan_error("hand_files.not_a_printed_number", value=quote(row.corrected_value)),
                             file=path, line=line, field="corrected_value")
    return indicator_id if row.series in SERIES and (names is None or row.field in names) else None


def load_prose_checks(folder: Path, fields: tuple[ValueField, ...] | None,
                      source_lines: list[str] | None = None, mistakes: Mistakes | None = None) -> pd.DataFrame:
    """``prose_checks.csv``: numbers the plan's prose states, to compare with its table (absent: none). Every mistake
    of every row told in one round, in the file's order; with the plan text's ``source_lines``, each quote is looked
    for in it. ``fields``: the table's value columns (None: the table was refused, and a growth claim's year is not
    checked against its baselines). With ``mistakes``, the rows' mistakes are added there and the rows without one
    returned, for their values to be checked against the table's in the same round."""
    path = Path(folder) / PROSE_CHECKS_FILE
    if not path.exists():
        return no_prose_checks()
    frame = read_strict_csv(path, PROSE_CHECK_COLUMNS, PROSE_CHECK_OPTIONAL_COLUMNS, text_kinds=PROSE_CHECK_TEXT)
    # a table without a baseline (a typed plan's values.csv may give none): a growth claim has no year to start from
    last_baseline = None if fields is None else max(
        (field.year for field in fields if field.value_type == "baseline"), default=None)
    parsed, told = [], Mistakes()
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        indicator_id = year = value = None
        with told.row():
            check_row_series(row.series, path, line)
        with told.row():
            indicator_id = parse_int(row.indicator_id, file=path, line=line, field="indicator_id")
        with told.row():
            if row.value_type not in PROSE_VALUE_TYPES:
                raise InputError(plan_error("table.unknown_value_type",
                                            value=refused_word(row.value_type, PROSE_VALUE_TYPES)),
                                 file=path, line=line, field="value_type")
        with told.row():
            if row.claim not in PROSE_CLAIMS:
                raise InputError(plan_error("hand_files.unknown_claim", claim=refused_word(row.claim, PROSE_CLAIMS)),
                                 file=path, line=line, field="claim")
        with told.row():
            year = parse_int(row.year, file=path, line=line, field="year")
        with told.row():
            if row.claim == "annual_growth_pct" and fields is not None and last_baseline is None:
                raise InputError(plan_error("hand_files.growth_without_baseline"), file=path, line=line,
                                 field="claim")
            if row.claim == "annual_growth_pct" and last_baseline is not None and year is not None \
                    and year <= last_baseline:
                raise InputError(plan_error("hand_files.growth_year", year=last_baseline), file=path, line=line,
                                 field="year")
        with told.row():
            if not visible(row.prose_quote):
                raise InputError(plan_error("hand_files.empty_quote"), file=path, line=line, field="prose_quote")
            if source_lines is not None and not any(row.prose_quote in text for text in source_lines):
                raise InputError(plan_error("table.quote_not_found", quote=repr(row.prose_quote)),
                                 file=path, line=line, field="prose_quote")
        with told.row():
            value = parse_number(row.prose_value, file=path, line=line, field="prose_value")
        parsed.append((indicator_id, year, value, not any(error.line == line for error in told.errors)))
    told.errors.sort(key=lambda error: error.line)
    if mistakes is None:
        told.check()
    for error in told.errors:
        mistakes.add(error)
    frame["indicator_id"] = [p[0] for p in parsed]
    frame["year"] = [p[1] for p in parsed]
    frame["prose_value"] = [p[2] for p in parsed]
    kept = frame.loc[[p[3] for p in parsed]] if parsed else frame
    return kept.astype({"indicator_id": int, "year": int, "prose_value": float}).reset_index(drop=True)
