"""From the printed table to a tidy, validated dataset with metadata and a data-quality log.

Steps (each a function, each re-runnable):

1. :func:`load_metadata`, :func:`load_corrections`, :func:`load_prose_checks` read the
   hand-maintained files in ``data/raw``;
2. :func:`apply_corrections` replaces the printed text of a cell where ``corrections.csv`` says
   so, after checking that the source still prints exactly what the correction expects;
3. :func:`parse_values` turns printed text into numbers; a token it does not know stops the run;
   combined cells (``国2.8/省3.1``) are split into their national and provincial series;
4. :func:`build_indicators` joins the printed rows with the metadata;
5. :func:`quality_findings` lists every correction, split, qualitative row, baseline that already
   meets its target, and every place where the prose and the table disagree;
6. :mod:`analysis.schemas` validates the results (pandera).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import schemas
from .csvio import LINE_COLUMN, parse_int, parse_number, read_strict_csv
from .errors import InputError, display_path
from .paths import RAW_DIR
from .source_table import (COMBINED_CELL, CORE_MARK, VALUE_FIELDS, PrintedTable,
                           parse_printed_table, read_source_lines)

SOURCE_FILE_NAME = "weihai-innovative-city-plan-2022.txt"
NUMBER_TOKEN = re.compile(r"\d+(\.\d+)?")
FIELDS = {field: (year, value_type) for field, year, value_type in VALUE_FIELDS}
DIRECTIONS = ("higher", "lower", "at_least", "at_most", "none")
KINDS = ("count", "amount", "share", "intensity", "rate_of_change", "qualitative")
SERIES = ("", "national", "provincial")
VALUE_COLUMNS = ["indicator_id", "series", "year", "value_type", "value", "printed_text", "source", "source_line",
                 "processing", "reference", "note"]


@dataclass(frozen=True)
class CleanDataset:
    """The cleaned indicator data: what every later step reads."""

    indicators: pd.DataFrame
    values: pd.DataFrame
    quality: pd.DataFrame
    printed: PrintedTable


# --- 1. hand-maintained inputs ------------------------------------------------------------------

def _check_series(frame: pd.DataFrame, path: Path) -> None:
    for row in frame.itertuples():
        if row.series not in SERIES:
            raise InputError(f"series {row.series!r} unknown; use empty, national or provincial",
                             file=path, line=getattr(row, LINE_COLUMN), field="series")


def load_metadata(raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    """Read ``indicator_metadata.csv``: names, units, direction and kind for every series."""
    path = Path(raw_dir) / "indicator_metadata.csv"
    frame = read_strict_csv(path, ["indicator_id", "series", "name_en", "short_name_zh", "short_name_en",
                                   "unit_zh", "unit_en", "direction", "kind"])
    _check_series(frame, path)
    ids = []
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        ids.append(parse_int(row.indicator_id, file=path, line=line, field="indicator_id"))
        if row.direction not in DIRECTIONS:
            raise InputError(f"direction {row.direction!r} unknown; use one of {', '.join(DIRECTIONS)}",
                             file=path, line=line, field="direction")
        if row.kind not in KINDS:
            raise InputError(f"kind {row.kind!r} unknown; use one of {', '.join(KINDS)}",
                             file=path, line=line, field="kind")
        if (row.kind == "qualitative") != (row.direction == "none"):
            raise InputError("direction 'none' goes with kind 'qualitative' and only with it",
                             file=path, line=line, field="direction")
        for column in ("name_en", "short_name_zh", "short_name_en"):
            if not getattr(row, column).strip():
                raise InputError("empty", file=path, line=line, field=column)

    frame["indicator_id"] = ids
    duplicated = frame[frame.duplicated(["indicator_id", "series"], keep="first")]
    if not duplicated.empty:
        row = duplicated.iloc[0]
        raise InputError(f"indicator {row.indicator_id} series {row.series!r} appears twice",
                         file=path, line=int(row[LINE_COLUMN]), field="indicator_id")
    return frame


def load_categories(raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    path = Path(raw_dir) / "categories.csv"
    frame = read_strict_csv(path, ["category_zh", "category_en"])
    for row in frame.itertuples():
        for column in ("category_zh", "category_en"):
            if not getattr(row, column).strip():
                raise InputError("empty", file=path, line=getattr(row, LINE_COLUMN), field=column)
    return frame


def load_corrections(raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    """Read ``corrections.csv``: one row per printed cell that needs a fix, with the reason."""
    path = Path(raw_dir) / "corrections.csv"
    frame = read_strict_csv(path, ["indicator_id", "series", "field", "printed_text", "corrected_value",
                                   "reason"])
    _check_series(frame, path)
    ids = []
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        ids.append(parse_int(row.indicator_id, file=path, line=line, field="indicator_id"))
        if row.field not in FIELDS:
            raise InputError(f"field {row.field!r} unknown; use one of {', '.join(FIELDS)}",
                             file=path, line=line, field="field")
        if not row.reason.strip():
            raise InputError("every correction needs a reason", file=path, line=line, field="reason")
        if not row.corrected_value.strip():
            raise InputError("empty corrected value", file=path, line=line, field="corrected_value")
        if not (NUMBER_TOKEN.fullmatch(row.corrected_value) or COMBINED_CELL.fullmatch(row.corrected_value)):
            raise InputError(f"{row.corrected_value!r} is not a number as the table would print it "
                             "(digits with one decimal point)", file=path, line=line, field="corrected_value")
    frame["indicator_id"] = ids
    duplicated = frame[frame.duplicated(["indicator_id", "series", "field"], keep="first")]
    if not duplicated.empty:
        row = duplicated.iloc[0]
        raise InputError(f"a second correction for indicator {row.indicator_id} {row.field}",
                         file=path, line=int(row[LINE_COLUMN]), field="field")
    return frame


def load_prose_checks(raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    path = Path(raw_dir) / "prose_checks.csv"
    frame = read_strict_csv(path, ["indicator_id", "series", "year", "value_type", "claim", "prose_quote",
                                   "prose_value", "note"])
    _check_series(frame, path)
    parsed = []
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        if row.claim not in ("value", "annual_growth_pct"):
            raise InputError(f"claim {row.claim!r} unknown; use value or annual_growth_pct",
                             file=path, line=line, field="claim")
        if row.claim == "annual_growth_pct" and parse_int(row.year, file=path, line=line, field="year") <= 2021:
            raise InputError("an annual growth claim needs a target year after the 2021 baseline",
                             file=path, line=line, field="year")
        if not row.prose_quote.strip():
            raise InputError("empty quote: copy the words from the plan", file=path, line=line, field="prose_quote")
        parsed.append((parse_int(row.indicator_id, file=path, line=line, field="indicator_id"),
                       parse_int(row.year, file=path, line=line, field="year"),
                       parse_number(row.prose_value, file=path, line=line, field="prose_value")))
    frame["indicator_id"] = [p[0] for p in parsed]
    frame["year"] = [p[1] for p in parsed]
    frame["prose_value"] = [p[2] for p in parsed]
    return frame


# --- 2. corrections ---------------------------------------------------------------------------

def apply_corrections(cells: pd.DataFrame, corrections: pd.DataFrame,
                      corrections_path: Path = RAW_DIR / "corrections.csv",
                      source_path: Path | None = None) -> pd.DataFrame:
    """Return ``cells`` with a ``text`` column: the corrected text where a correction applies.

    A correction whose cell does not exist, or whose ``printed_text`` differs from what the source
    prints (the source changed, or the correction was mistyped), stops the run.
    """
    cells = cells.copy()
    cells["text"] = cells["printed_text"]
    cells["correction"] = ""
    keyed = {(r.indicator_id, r.series, r.field): i for i, r in enumerate(cells.itertuples())}
    for row in corrections.itertuples():
        line = getattr(row, LINE_COLUMN)
        key = (row.indicator_id, row.series, row.field)
        if key not in keyed:
            raise InputError(f"no printed cell for indicator {row.indicator_id}"
                             f"{' series ' + row.series if row.series else ''} {row.field}: the table "
                             "has no such indicator or field", file=corrections_path, line=line,
                             field="indicator_id")
        index = cells.index[keyed[key]]
        printed = cells.at[index, "printed_text"]
        if printed != row.printed_text:
            raise InputError(f"{row.printed_text!r} no longer matches the source, which "
                             f"prints {printed!r} at {display_path(source_path)}:"
                             f"{cells.at[index, 'source_line']}", file=corrections_path, line=line,
                             field="printed_text")
        cells.at[index, "text"] = row.corrected_value
        cells.at[index, "correction"] = row.reason
    return cells


# --- 3. numbers -------------------------------------------------------------------------------

def _number(text: str) -> float | None:
    return float(text) if NUMBER_TOKEN.fullmatch(text) else None


def parse_values(cells: pd.DataFrame, source_path: Path, source_label: str) -> pd.DataFrame:
    """Turn the (corrected) text of every value cell into numbers, splitting combined cells.

    Only plain decimals (``22154``, ``2.36``) and combined national/provincial cells
    (``国2.8/省3.1``) are accepted, exactly as written: anything else, including a stray space,
    needs a row in ``corrections.csv``.
    """
    records = []
    for row in cells.itertuples():
        base = {"indicator_id": row.indicator_id, "year": row.year, "value_type": row.value_type,
                "printed_text": row.printed_text, "source": source_label, "source_line": row.source_line}
        processing = ["corrected"] if row.correction else []
        value = _number(row.text)
        if value is not None:
            records.append({**base, "series": row.series, "value": value,
                            "processing": ";".join(processing)})
            continue
        combined = COMBINED_CELL.fullmatch(row.text)
        if combined and not row.series:
            for series in ("national", "provincial"):
                part = _number(combined.group(series))
                if part is None:
                    raise InputError(f"indicator {row.indicator_id} {row.field}: the {series} part "
                                     f"{combined.group(series)!r} of {row.text!r} is not a number",
                                     file=source_path, line=row.source_line, field=row.field)
                records.append({**base, "series": series, "value": part,
                                "processing": ";".join(processing + ["split"])})
            continue
        raise InputError(f"indicator {row.indicator_id} {row.field}: unknown printed token "
                         f"{row.text!r}; if it is a typo, add a row to data/raw/corrections.csv",
                         file=source_path, line=row.source_line, field=row.field)
    values = pd.DataFrame.from_records(records)
    # A row printed with combined cells must be combined in all four cells, or the series differ.
    for indicator_id, group in values.groupby("indicator_id"):
        split = group["processing"].str.contains("split")
        if split.any() and not split.all():
            raise InputError(f"indicator {indicator_id} mixes combined (国…/省…) and plain cells",
                             file=source_path, line=int(group["source_line"].min()), field="value")
    return values


# --- 4. indicators ------------------------------------------------------------------------------

def build_indicators(printed: PrintedTable, values: pd.DataFrame, metadata: pd.DataFrame,
                     categories: pd.DataFrame, metadata_path: Path = RAW_DIR / "indicator_metadata.csv"
                     ) -> pd.DataFrame:
    """One row per indicator series, joining what the table prints with the metadata."""
    rows = []
    for row in printed.rows.itertuples():
        series_list = [row.series]
        if not row.series and not row.qualitative:
            series_list = sorted(values.loc[values["indicator_id"] == row.indicator_id, "series"].unique())
        name = row.name_printed.strip()
        name_zh = name[: -len(CORE_MARK)].strip() if name.endswith(CORE_MARK) else name
        for series in series_list:
            rows.append({"indicator_id": row.indicator_id, "series": series, "category_zh": row.category,
                         "name_zh": name_zh, "core": row.core, "qualitative": row.qualitative,
                         "source_line": row.source_line})
    table = pd.DataFrame(rows)
    merged = table.merge(metadata.drop(columns=[LINE_COLUMN]), on=["indicator_id", "series"], how="outer",
                         indicator=True)
    missing = merged[merged["_merge"] == "left_only"]
    if not missing.empty:
        first = missing.iloc[0]
        raise InputError(f"no metadata for indicator {first.indicator_id}"
                         f"{' series ' + first.series if first.series else ''}; add a row",
                         file=metadata_path, field="indicator_id")
    unknown = merged[merged["_merge"] == "right_only"]
    if not unknown.empty:
        first = unknown.iloc[0]
        line = metadata.loc[(metadata.indicator_id == first.indicator_id) & (metadata.series == first.series),
                            LINE_COLUMN].iloc[0]
        raise InputError(f"indicator {first.indicator_id}"
                         f"{' series ' + first.series if first.series else ''} is not in the printed table",
                         file=metadata_path, line=int(line), field="indicator_id")
    merged = merged.drop(columns="_merge")
    bad_kind = merged[(merged["kind"] == "qualitative") != merged["qualitative"]]
    if not bad_kind.empty:
        first = bad_kind.iloc[0]
        raise InputError(f"indicator {first.indicator_id}: kind {first.kind!r} disagrees with the table, "
                         f"which prints it as {'qualitative' if first.qualitative else 'numeric'}",
                         file=metadata_path, field="kind")
    for row in merged[merged["kind"] != "qualitative"].itertuples():
        for column in ("unit_zh", "unit_en"):
            if not getattr(row, column).strip():
                line = metadata.loc[(metadata.indicator_id == row.indicator_id) & (metadata.series == row.series),
                                    LINE_COLUMN].iloc[0]
                raise InputError(f"empty: numeric indicator {row.indicator_id} needs its unit", file=metadata_path,
                                 line=int(line), field=column)
    category_en = dict(zip(categories["category_zh"], categories["category_en"]))
    unknown_categories = sorted(set(merged["category_zh"]) - set(category_en))
    if unknown_categories:
        raise InputError(f"no English name for category {unknown_categories[0]!r}",
                         file=Path(metadata_path).parent / "categories.csv", field="category_zh")
    merged["category_en"] = merged["category_zh"].map(category_en)
    merged["indicator_id"] = merged["indicator_id"].astype(int)
    merged = merged.sort_values(["indicator_id", "series"], kind="stable").reset_index(drop=True)
    columns = ["indicator_id", "series", "category_zh", "category_en", "name_zh", "name_en", "short_name_zh",
               "short_name_en", "unit_zh", "unit_en", "core", "direction", "kind", "source_line"]
    return merged[columns]


# --- 5. data quality ------------------------------------------------------------------------------

def _met(value: float, target: float, direction: str) -> bool:
    return value <= target if direction in ("lower", "at_most") else value >= target


def quality_findings(printed: PrintedTable, cells: pd.DataFrame, values: pd.DataFrame,
                     indicators: pd.DataFrame, prose_checks: pd.DataFrame, source_lines: list[str],
                     source_label: str, prose_path: Path = RAW_DIR / "prose_checks.csv") -> pd.DataFrame:
    """Every finding a reader of the data should know about, one row each."""
    findings = []

    def add(issue, indicator_id, series, year, printed_text, value, line, detail_en, detail_zh):
        findings.append({"issue": issue, "indicator_id": indicator_id, "series": series, "year": year,
                         "printed_text": printed_text, "value": value, "source": source_label,
                         "source_line": line, "detail_en": detail_en, "detail_zh": detail_zh})

    for row in cells[cells["correction"] != ""].itertuples():
        add("correction", row.indicator_id, row.series, row.year, row.printed_text, float(row.text),
            row.source_line, f"Printed {row.printed_text!r}, read as {row.text}: {row.correction}",
            f"原表印作“{row.printed_text}”，按 {row.text} 处理（见 corrections.csv）")
    split = values[values["processing"].str.contains("split")]
    for (indicator_id, year), group in split.groupby(["indicator_id", "year"], sort=True):
        printed_text = group["printed_text"].iloc[0]
        parts = ", ".join(f"{r.series} {r.value:g}" for r in group.itertuples())
        add("split_combined_cell", indicator_id, "", year, printed_text, None, int(group["source_line"].iloc[0]),
            f"One cell prints two series ({printed_text}); split into {parts}",
            f"一个单元格含两组数据（{printed_text}），拆分为国家级、省级两个序列")
    two_rows = printed.rows[printed.rows["series"] != ""]
    for indicator_id, group in two_rows.groupby("indicator_id"):
        add("split_two_rows", indicator_id, "", None, "", None, int(group["source_line"].min()),
            f"Printed over {len(group)} rows (国家级 / 省级); kept as series "
            f"{', '.join(group['series'])}", "分国家级、省级两行印出，作为两个序列")
    for row in printed.rows[printed.rows["qualitative"]].itertuples():
        add("qualitative", row.indicator_id, "", None, "定性评价", None, row.source_line,
            "Qualitative indicator (定性评价): no baseline or target numbers; assessed apart",
            "定性评价指标，无基础值和目标值，单列说明")
    base = values[(values["value_type"] == "baseline") & (values["year"] == 2021)]
    targets = values[values["value_type"] == "target"]
    direction = indicators.set_index(["indicator_id", "series"])["direction"]
    for row in base.itertuples():
        key = (row.indicator_id, row.series)
        met = [t for t in targets[(targets.indicator_id == row.indicator_id) & (targets.series == row.series)]
               .itertuples() if _met(row.value, t.value, direction[key])]
        if met:
            listed = ", ".join(f"{t.year}: {t.value:g}" for t in met)
            add("baseline_meets_target", row.indicator_id, row.series, 2021, row.printed_text, row.value,
                row.source_line, f"The 2021 baseline {row.value:g} already meets the target ({listed}): "
                "a maintain target, assessed by level and trend",
                f"2021年基础值 {row.value:g} 已达到目标值（{listed}），按“保持”目标评估")
    table_value = values.set_index(["indicator_id", "series", "year", "value_type"])["value"]
    for row in prose_checks.itertuples():
        check_line = getattr(row, LINE_COLUMN)
        lines = [i + 1 for i, text in enumerate(source_lines) if row.prose_quote in text]
        if not lines:
            raise InputError(f"prose_quote {row.prose_quote!r} does not occur in the source text",
                             file=prose_path, line=check_line, field="prose_quote")
        key = (row.indicator_id, row.series, row.year, row.value_type)
        if key not in table_value.index:
            raise InputError(f"the table has no {row.value_type} for indicator {row.indicator_id} in "
                             f"{row.year}", file=prose_path, line=check_line, field="indicator_id")
        table = float(table_value[key])
        if row.claim == "value":
            agrees = abs(table - row.prose_value) < 1e-9
            detail_en = (f"Prose (line {lines[0]}) states {row.prose_value:g}, the table {table:g}. {row.note}")
            detail_zh = f"正文（第{lines[0]}行）为 {row.prose_value:g}，表中为 {table:g}"
        else:
            start = table_value[(row.indicator_id, row.series, 2021, "baseline")]
            implied = ((table / start) ** (1 / (row.year - 2021)) - 1) * 100
            agrees = implied >= row.prose_value - 1e-9
            detail_en = (f"Prose (line {lines[0]}) promises at least {row.prose_value:g} % a year; the table "
                         f"({start:g} in 2021 to {table:g} in {row.year}) implies {implied:.1f} % a year. "
                         f"{row.note}")
            detail_zh = (f"正文（第{lines[0]}行）要求年均增长 {row.prose_value:g}% 以上；表中 2021 年 {start:g} 至 "
                         f"{row.year} 年 {table:g}，折合年均 {implied:.1f}%")
        add("prose_agrees" if agrees else "prose_disagrees", row.indicator_id, row.series, row.year,
            row.prose_quote, row.prose_value, lines[0], detail_en, detail_zh)
    frame = pd.DataFrame(findings)
    order = {name: i for i, name in enumerate(schemas.QUALITY_ISSUES)}
    frame["_order"] = frame["issue"].map(order)
    frame = frame.sort_values(["_order", "indicator_id", "series", "year"], kind="stable", na_position="first")
    return frame.drop(columns="_order").reset_index(drop=True)


# --- the whole step -------------------------------------------------------------------------------

def clean_indicator_table(raw_dir: Path = RAW_DIR) -> CleanDataset:
    """Parse the printed table in ``raw_dir`` and return the validated, tidy dataset."""
    raw_dir = Path(raw_dir)
    source_path = raw_dir / SOURCE_FILE_NAME
    source_label = SOURCE_FILE_NAME
    printed = parse_printed_table(source_path)
    corrections = load_corrections(raw_dir)
    corrected = apply_corrections(printed.cells, corrections, raw_dir / "corrections.csv", source_path)
    values = parse_values(corrected, source_path, source_label)
    indicators = build_indicators(printed, values, load_metadata(raw_dir), load_categories(raw_dir),
                                  raw_dir / "indicator_metadata.csv")
    values = values.assign(reference="", note="")[VALUE_COLUMNS]
    values = values.sort_values(["indicator_id", "series", "value_type", "year"], kind="stable")
    values = values.reset_index(drop=True)
    quality = quality_findings(printed, corrected, values, indicators, load_prose_checks(raw_dir),
                               read_source_lines(source_path), source_label, raw_dir / "prose_checks.csv")
    return CleanDataset(indicators=schemas.validate_indicators(indicators),
                        values=schemas.validate_values(values, indicators),
                        quality=schemas.validate_quality(quality), printed=printed)
