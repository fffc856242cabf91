"""The data-quality log: every finding a reader of the data should know about, one row each.

Corrections, split cells, qualitative rows, baselines that already meet their targets, numbers the
plan's prose states against its table, and observations that revise a printed baseline or repeat
another file. Each finding is described in every language of the catalogs (``detail_<language>``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, plan_catalog, plan_error
from ..errors import InputError, Mistakes, display_path, quote
from ..ingest.csv_reader import LINE_COLUMN
from ..ingest.plan_outline import place_of, plan_outline
from ..ingest.printed_table import COMBINED_CELL, PLAIN_NUMBER, QUALITATIVE_TOKEN, SERIES_LABELS, PlanTable, series_part
from ..ingest.typed_table import value_type_name
from ..numbers import fmt_exact, fmt_printed, is_missing
from ..plan import Plan
from ..settings import LANGUAGES
from ..text import as_submitted
from ..vocabulary import (
    HELD_EVERY_YEAR,
    NOTE_COLUMNS,
    PRELIMINARY,
    QUALITY_COLUMNS,
    QUALITY_ISSUES,
    lower_is_better,
    target_range,
)
from . import schemas

PRINTED_LABEL = {series: label for label, series in SERIES_LABELS.items()}
#: How ``processing`` marks a target the plan sets relative to the base value: ``relative:multiple``.
RELATIVE = "relative:"


#: What the plan being cleaned calls itself (plan.yml's ``plan_word``), for the findings' sentences (规划 for 方案).
PLAN_WORD: ContextVar[tuple] = ContextVar("plan_word", default=())
#: Where its figures were typed from (plan.yml's ``figures_from``): a press quote's figure is never said to be printed.
FIGURES_FROM: ContextVar[str] = ContextVar("figures_from", default="plan_text")


@contextmanager
def plan_words(plan: Plan) -> Iterator[None]:
    """The findings described while this is open speak of the plan in its own word, and of its figures as what they
    are: printed in it, or quoted from it (``figures_from``)."""
    token = PLAN_WORD.set(tuple(plan.plan_word.items()))
    source = FIGURES_FROM.set(plan.figures_from)
    try:
        yield
    finally:
        FIGURES_FROM.reset(source)
        PLAN_WORD.reset(token)


def details(describe) -> dict[str, str]:
    """``{"detail_zh": …, "detail_en": …}``: ``describe(words)`` in every catalog's language, the plan's word for
    itself in it, its figures printed or quoted (:func:`plan_words`)."""
    word, source = dict(PLAN_WORD.get()), FIGURES_FROM.get()
    return {f"detail_{language}": describe(plan_catalog(language, word.get(language, ""), source))
            for language in LANGUAGES}


def own_language(words: Catalog, english: str, chinese: str) -> str:
    """A hand-written note in the reader's language: the ``_zh`` column for Chinese, the plain one otherwise; a
    note written in one language only is shown in that language in every edition, never dropped."""
    text = (chinese if words.language == "zh" else english) or english or chinese
    return (text or "").strip()


def series_names(words: Catalog, series) -> str:
    return words.join_and(words[f"series.{s}"] for s in series)


def table_findings(plan: Plan, table: PlanTable, cells: pd.DataFrame, values: pd.DataFrame,
                   indicators: pd.DataFrame, prose_checks: pd.DataFrame, source_lines: list[str],
                   prose_path: Path) -> pd.DataFrame:
    """Findings about the plan's table: how it was read, and what its prose says about it."""
    source_label = table.source.name
    findings = []

    def add(issue, indicator_id, series, year, printed_text, value, line, describe, source=source_label):
        findings.append({"issue": issue, "indicator_id": indicator_id, "series": series, "year": year,
                         "printed_text": printed_text, "value": value, "source": source,
                         "source_line": line, **details(describe)})

    for row in cells[cells["correction"] != ""].itertuples():
        value = float(row.text) if PLAIN_NUMBER.fullmatch(row.text) else None
        blank = blank_fault(row.printed_text, row.text)
        add("correction", row.indicator_id, row.series, row.year, row.printed_text, value, row.source_line,
            lambda w, r=row, blank=blank: w.text(
                "quality_detail.correction_blank" if blank else "quality_detail.correction",
                printed_text=r.printed_text, corrected_text=r.text, note=own_language(w, r.correction, r.correction_zh),
                where=w[f"quality_detail.blank_where.{blank}"] if blank else ""))
    split = values[values["processing"].str.contains("split")]
    for (indicator_id, year), group in split.groupby(["indicator_id", "year"], sort=True):
        printed_text = group["printed_text"].iloc[0]
        add("split_combined_cell", indicator_id, "", year, printed_text, None, int(group["source_line"].iloc[0]),
            lambda w, g=group, p=printed_text: w.text(
                "quality_detail.split_combined_cell", printed_text=p, series_names=series_names(w, g["series"]),
                parts=w["grammar.comma"].join(f"{w[f'series.{r.series}']} {_part(p, r.series, r.value)}"
                                              for r in g.itertuples())))
    two_rows = table.rows[table.rows["series"] != ""] if table.printed else table.rows.iloc[:0]
    for indicator_id, group in two_rows.groupby("indicator_id"):
        add("split_two_rows", indicator_id, "", None, "", None, int(group["source_line"].min()),
            lambda w, g=group: w.text(
                "quality_detail.split_two_rows", count=len(g), series_names=series_names(w, g["series"]),
                printed_labels=w.join_and(w.text("quality_detail.printed_label", label=PRINTED_LABEL[s],
                                                 series=w[f"series.{s}"]) for s in g["series"])))
    rows_source = (table.rows_source or table.source).name
    for row in table.rows[table.rows["qualitative"]].itertuples():
        add("qualitative", row.indicator_id, "", None, QUALITATIVE_TOKEN, None, row.source_line,
            lambda w: w.text("quality_detail.qualitative"), source=rows_source)
    _baselines_meeting_targets(values, indicators, add)
    _prose_checks(prose_checks, values, indicators, source_lines, prose_path, add)
    frame = pd.DataFrame(findings, columns=list(QUALITY_COLUMNS))
    order = {name: i for i, name in enumerate(QUALITY_ISSUES)}
    frame["_order"] = frame["issue"].map(order)
    frame = frame.sort_values(["_order", "indicator_id", "series", "year"], kind="stable", na_position="first")
    return frame.drop(columns="_order").reset_index(drop=True)


def blank_fault(printed: str, corrected: str) -> str:
    """Where a printed cell has a blank its corrected text has not, when that is its only fault: ``after``, ``before``
    or ``around`` the number, or ``within`` it; empty for any other correction (a blank is invisible in the printed
    text a finding quotes, so it is said in words)."""
    if printed == corrected or "".join(printed.split()) != corrected:
        return ""
    if printed.strip() != corrected:
        return "within"
    before, after = printed[:1].isspace(), printed[-1:].isspace()
    return "around" if before and after else "before" if before else "after"


def met_by(value: float, target, direction: str) -> bool:
    """Whether ``value`` meets ``target`` (a row with ``value`` and ``upper``) of a series of ``direction``."""
    span = target_range(direction, target.value, target.upper)
    if span is not None:
        return span.holds(value)
    return value <= target.value if lower_is_better(direction) else value >= target.value


def _baselines_meeting_targets(values: pd.DataFrame, indicators: pd.DataFrame, add) -> None:
    """A series whose last printed baseline already meets a target: judged like any other target (by the target
    year's value), not year by year, unless it is set as a level to hold every year (``at_least``, ``at_most``)."""
    baselines = values[values["value_type"] == "baseline"]
    latest = baselines.sort_values("year", kind="stable").drop_duplicates(["indicator_id", "series"], keep="last")
    latest = latest.sort_values(["indicator_id", "series"], kind="stable")
    # a relative target (翻一番: 2, 下降15%: 15) is no value yet: it is checked once made absolute (targets.py)
    targets = values[(values["value_type"] == "target") & ~values["processing"].str.contains(RELATIVE, regex=False)]
    series = indicators.set_index(["indicator_id", "series"])
    for row in latest.itertuples():
        series_targets = targets[(targets.indicator_id == row.indicator_id) & (targets.series == row.series)]
        of = series.loc[(row.indicator_id, row.series)]
        written = of["direction"]
        met = [t for t in series_targets.itertuples() if met_by(row.value, t, written)]
        if met:
            detail = ("quality_detail.baseline_meets_target_every_year" if written in HELD_EVERY_YEAR
                      else "quality_detail.baseline_meets_target")
            first = int(series_targets["year"].min())  # the first year it is checked in, where held every year
            add("baseline_meets_target", row.indicator_id, row.series, row.year, row.printed_text, row.value,
                row.source_line, lambda w, r=row, met=met, detail=detail, of=of, first=first: w.text(
                    detail, year=r.year, value=in_unit(w, of, fmt_printed(r.printed_text, r.value)), first=first,
                    targets=_targets_printed(w, met, of), unsigned=_unsigned(w, met, of)))
        elif written in HELD_EVERY_YEAR and not series_targets.empty:
            # the plan prints a value (5); holding it every year is the reading its kind gives (a rate of a year, a
            # level): recorded, so that a verdict resting on a year missed is traced to it
            shown = list(series_targets.sort_values("year").itertuples())
            add("held_every_year", row.indicator_id, row.series, row.year, row.printed_text, row.value,
                row.source_line, lambda w, r=row, shown=shown, of=of: w.text(
                    "quality_detail.held_every_year", year=r.year,
                    value=in_unit(w, of, fmt_printed(r.printed_text, r.value)), first=shown[0].year,
                    level=_levels_held(w, shown, of), targets=_targets_printed(w, shown, of),
                    unsigned=_unsigned(w, shown, of)))


def held_in_years(w, direction: str, target: str, first: int, last: int | None = None, form: str = "") -> str:
    """A level held every year as the years it is held in: "2023年≥45亿元" for one year, "2024—2025年每年≥60亿元" for
    several (to ``last``), "每年≥60亿元" without years (``first`` None: the plan's one level, held throughout); in a
    sentence (``form`` "_prose") in words where the language writes them so ("2024—2025年每年不低于 60亿元")."""
    if first is None:
        return w.text(f"pace.hold_{direction}{form}", target=target)
    if last is None or first == last:
        return w.text(f"pace.hold_{direction}_in{form}", target=target, year=int(first))
    return w.text(f"pace.hold_{direction}_over{form}", target=target, first=int(first), last=int(last))


def level_spans(targets: list[tuple[int, float]], first: int | None = None) -> list[tuple[int, int, float]]:
    """The levels of a series' targets to hold every year (``(year, value)``, by year), each as ``(first, last,
    value)``, the years it is held in: each year is held to the first target at or after it, from ``first`` (else
    the first target's year) on; the same level over consecutive target years one span (≥45 in 2023, ≥60 in 2024
    and 2025: (2023, 2023, 45), (2024, 2025, 60))."""
    spans = []
    start = int(targets[0][0]) if first is None else int(first)
    for i, (year, value) in enumerate(targets):
        if i + 1 < len(targets) and targets[i + 1][1] == value:
            continue  # the same level the next target year again: one span
        spans.append((start, int(year), value))
        start = int(year) + 1
    return spans


def _levels_held(w, targets: list, series) -> str:
    """The levels a plan sets to hold every year, each with the years it is held in where they differ (≥45 in 2023,
    ≥60 in 2025: "2023年≥45亿元、2024—2025年每年≥60亿元", as each year is held to the first target at or after it);
    one level alone, however many years print it, as "每年≥40%"."""
    direction = series["direction"]
    if len({t.value for t in targets}) == 1:
        return held_in_years(w, direction, in_unit(w, series, fmt_printed(targets[0].printed_text, targets[0].value)),
                             None)
    by_year = {int(target.year): target for target in targets}  # checked from the first year the plan sets one for
    return w["grammar.comma"].join(
        held_in_years(w, direction, in_unit(w, series, fmt_printed(by_year[last].printed_text, by_year[last].value)),
                      first, last)
        for first, last, _ in level_spans([(int(target.year), target.value) for target in targets]))


def in_unit(w, series, number: str) -> str:
    """A value of ``series`` (its row of the indicators) in its unit, as the report writes every value in a sentence:
    86%, 77家/万人 (in English the number alone, the unit named with the series); a rank's place as it is."""
    if series["kind"] == "rank":
        return number
    unit = series[f"unit_{w.language}"]
    return w.quantity(number, unit if isinstance(unit, str) else "", series["unit_zh"] == "%")


def alone_in_unit(w, series, number: str) -> str:
    """A value of ``series`` in its unit in a sentence that does not name the series: in English too (1.7 patents per
    10,000 people, where :func:`in_unit` leaves the unit to the series' name); a rank's place as it is."""
    if series["kind"] == "rank":
        return number
    unit = series[f"unit_{w.language}"]
    return w.quantity_alone(number, unit if isinstance(unit, str) else "", series["unit_zh"] == "%")


#: The signs a plan's table may print before a level to hold (≥5, ＞90): a target printed with one is quoted with it.
SIGNS = ("≥", "≤", ">", "<", "＞", "＜", "≧", "≦")


def _targets_printed(w, targets, series) -> str:
    """The targets as the plan's table prints them (2023年目标 5%、2024年目标 5%): a level to hold every year keeps
    its sign only where the table prints one; the level read from them is given apart (:func:`_levels_held`)."""
    return w["grammar.comma"].join(
        w.text("quality_detail.target_item", year=t.year, value=_target_printed(w, t, series)) for t in targets)


def _target_printed(w, target, series) -> str:
    printed = "" if is_missing(target.printed_text) else str(target.printed_text).strip()
    signed = printed[:1] in SIGNS and series["direction"] in HELD_EVERY_YEAR
    return _target_shown(w, target, series) if signed else in_unit(w, series, fmt_printed(printed, target.value))


def read_from_bare(direction: str, printed_texts) -> bool:
    """A level to hold every year read from targets the plan's table prints without a sign (18: "5" for 2023 and
    2024, no "≥"): holding it every year is the evaluation's reading, not the table's words."""
    return direction in HELD_EVERY_YEAR and not any(
        str(text).strip()[:1] in SIGNS for text in printed_texts if not is_missing(text))


def _unsigned(w, targets, series) -> str:
    """", printed without “≥”" where a level to hold every year is read from targets the table prints bare."""
    direction = series["direction"]
    if direction not in HELD_EVERY_YEAR or not series["bare_target"]:
        return ""
    return w.text("quality_detail.printed_unsigned", sign=w.text(f"target_form.{direction}", value=""))


def _target_shown(w, target, series) -> str:
    """A target as the plan sets it: its printed digits, see :func:`target_in_unit`."""
    return target_in_unit(w, series, fmt_printed(target.printed_text, target.value))


def target_in_unit(w, series, number: str) -> str:
    """A target of ``series`` in its unit, a level to hold every year with its sign (≥90%): the same target written
    alike wherever a finding gives it."""
    value = in_unit(w, series, number)
    direction = series["direction"]
    return w.text(f"target_form.{direction}", value=value) if direction in HELD_EVERY_YEAR else value


def _prose_checks(prose_checks: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame, source_lines: list[str],
                  prose_path: Path, add) -> None:
    """Each number the prose states, compared with the table, both in the series' unit (80%, 133家; a growth the prose
    promises is a rate, its % written by the sentence); a quote not in the text, or a value the table does not give,
    stops the run, every row's told in one round."""
    series = indicators.set_index(["indicator_id", "series"])
    table_value = values.set_index(["indicator_id", "series", "year", "value_type"])["value"]
    table_text = values.set_index(["indicator_id", "series", "year", "value_type"])["printed_text"]
    outline = plan_outline(source_lines)
    told = Mistakes()
    for row in prose_checks.itertuples():
        check_line = getattr(row, LINE_COLUMN)
        lines = [i + 1 for i, text in enumerate(source_lines) if row.prose_quote in text]
        if not lines:
            told.add(InputError(plan_error("table.quote_not_found", quote=repr(row.prose_quote)),
                                file=prose_path, line=check_line, field="prose_quote"))
        key = (row.indicator_id, row.series, row.year, row.value_type)
        if key not in table_value.index:
            told.add(InputError(plan_error("table.no_checked_value", value_type=value_type_name(row.value_type),
                                           id=row.indicator_id, year=row.year),
                                file=prose_path, line=check_line, field="indicator_id"))
        if not lines or key not in table_value.index:
            continue
        table = float(table_value[key])
        of = series.loc[(row.indicator_id, row.series)]
        fields = {"prose_value": fmt_exact(row.prose_value), "table_value": fmt_printed(table_text[key], table),
                  "year": row.year}
        shown = {"table_value"} if row.claim != "value" else {"prose_value", "table_value"}
        other_year = False
        if row.claim == "value":
            agrees = abs(table - row.prose_value) < 1e-9
            key = "quality_detail.prose_value"
            # a number the table gives for another year of the series (14: the prose's 80, checked against 2021's
            # 85, is the 2020 baseline): text and table differ in the year meant, not in the figure
            others = table_value.loc[(row.indicator_id, row.series)]
            other_year = not agrees and bool((abs(others.drop((row.year, row.value_type), errors="ignore")
                                                  - row.prose_value) < 1e-9).any())
        else:
            series_baselines = values[(values.indicator_id == row.indicator_id) & (values.series == row.series)
                                      & (values.value_type == "baseline")].sort_values("year")
            start = series_baselines.iloc[-1]
            implied = ((table / start.value) ** (1 / (row.year - start.year)) - 1) * 100
            agrees = implied >= row.prose_value - 1e-9
            fields.update(start_year=int(start.year), start_value=fmt_printed(start.printed_text, start.value),
                          implied=implied)
            key = "quality_detail.prose_growth"
            shown.add("start_value")
        place = place_of(outline, lines[0])  # as a reader finds it in the printed plan: 二（三）2
        # a growth the prose promises is a commitment of its own, held against the values seen on the card
        issue = ("prose_growth" if row.claim != "value" else "prose_agrees" if agrees
                 else "prose_other_year" if other_year else "prose_disagrees")
        add(issue, row.indicator_id, row.series, row.year,
            row.prose_quote, row.prose_value, lines[0],
            lambda w, key=key, fields=fields, place=place, line=lines[0], row=row, of=of, shown=shown: w.text(
                key, **{name: in_unit(w, of, text) if name in shown else text for name, text in fields.items()},
                place=w.plan_place(place, line), note=_note(w, row)))
    told.check()


#: A note that calls its figure preliminary (初步核算数, 预计, 快报; preliminary, provisional, estimated), and one that
#: says it is the final figure or a revision (最终数，修订…的初步数; the final figure, revising …): only the first
#: is told.
PRELIMINARY_SAID = re.compile(r"初步|预计|快报|预估|\b(?:preliminary|provisional|estimated?)\b", re.IGNORECASE)
FINAL_SAID = re.compile(r"最终|修订|终核|\b(?:final|revis\w*)\b", re.IGNORECASE)


def preliminary_in_note(row) -> str:
    """The note of an actual value read as final (no ``preliminary`` flag) that calls the figure preliminary, in the
    first of its note columns that does; empty where none does, or where the note says it is final or a revision."""
    for name in ("note", *NOTE_COLUMNS):
        text = str(getattr(row, name, "") or "")
        if PRELIMINARY_SAID.search(text) and not FINAL_SAID.search(text):
            return text
    return ""


def _note(words: Catalog, row) -> str:
    """A prose check's note, led in by the language's separator; empty without one."""
    text = own_language(words, row.note, getattr(row, "note_zh", ""))
    return words.text("quality_detail.note", note=text) if text else ""


def observation_findings(plan: Plan, observations: pd.DataFrame, duplicates: list[dict],
                         printed: pd.DataFrame, indicators: pd.DataFrame) -> list[dict]:
    """Observations that revise a printed baseline, and rows that repeat another file's value."""
    findings = []
    series = indicators.set_index(["indicator_id", "series"])
    plan_baselines = printed[printed["value_type"] == "baseline"].set_index(["indicator_id", "series", "year"])
    baselines = plan_baselines["value"]
    printed_texts = plan_baselines["printed_text"] if "printed_text" in plan_baselines else pd.Series(dtype=str)
    for row in observations.itertuples():
        key = (row.indicator_id, row.series, row.year)
        if key in baselines.index and baselines[key] != row.value:
            printed_value = fmt_printed(printed_texts.get(key, ""), baselines[key])  # as the plan printed it: 2.40
            of = series.loc[(row.indicator_id, row.series)]
            findings.append({
                "issue": "observation_revises_baseline", "indicator_id": row.indicator_id, "series": row.series,
                "year": row.year, "printed_text": row.printed_text, "value": row.value, "source": row.source,
                "source_line": row.source_line, "source_sheet": row.source_sheet,
                "source_kind": row.source_kind,
                **details(lambda w, r=row, printed_value=printed_value, of=of:
                          w.text("quality_detail.observation_revises_baseline" + _secondary(r),
                                 reference=_reference(w, r),
                                 value=in_unit(w, of, fmt_printed(r.printed_text, r.value)), year=r.year,
                                 printed=in_unit(w, of, printed_value), base_year=plan.base_year))})
    pairs: dict[tuple[str, str], list[dict]] = {}
    for dup in duplicates:
        pairs.setdefault((dup["source"], dup["first_source"]), []).append(dup)
    for (source, first_source), repeated in pairs.items():
        if len(repeated) == 1:  # one value given twice: a note on its indicator
            [dup] = repeated
            findings.append({
                "issue": "duplicate_observation", "indicator_id": dup["indicator_id"], "series": dup["series"],
                "year": dup["year"], "printed_text": dup["printed_text"], "value": dup["value"], "source": source,
                "source_line": dup["source_line"], "source_sheet": dup["source_sheet"],
                **details(lambda w, d=dup: w.text("quality_detail.duplicate_observation",
                                                  first_source=_file_name(d["first_source"]),
                                                  first_line=d["first_line"]))})
            continue
        # a file that repeats another (a copy, a workbook pasted from the bulletin): one finding about the file
        count = len(repeated)
        findings.append({
            "issue": "duplicate_observation", "indicator_id": 0, "series": "", "year": None, "printed_text": "",
            "value": None, "source": source, "source_line": min(dup["source_line"] for dup in repeated),
            **details(lambda w, count=count, first=first_source: w.text(
                "quality_detail.duplicate_file", count=count, first_source=_file_name(first)))})
    return findings


def _file_name(path: str) -> str:
    """A file as a reader of the report names it: its name, without the folders it was read from."""
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


def _part(printed_text: str, series: str, value: float) -> str:
    """One series' part of a combined cell as printed (国3.0/省3.3: 3.0 national, 3.3 provincial), else ``value``."""
    return fmt_printed(series_part(printed_text, series) if COMBINED_CELL.match(printed_text or "") else "", value)


def _apart(*references: str) -> str:
    """``_apart``, the form of a finding that gives its sources apart, where one has brackets of its own (its address:
    新华社 2016-08-16: …（http://…）): never brackets inside the finding's brackets; else nothing, the sources in
    brackets after their figures."""
    return "_apart" if any(re.search(r"[（(]", reference) for reference in references) else ""


def _published(words, record: dict) -> str:
    """The day a revision's figure appeared, as the rows were ordered by: its ``published`` cell, else the date its
    file's name begins with."""
    day = record.get("dated") or record["published"]
    return words.text("quality_detail.published", date=words.date(day)) if day else ""


def in_language(record, column: str, words: Catalog) -> str:
    """``record``'s ``<column>_<language>`` in ``words``' language where its writer gave it (an observation file's
    source_zh), else ``<column>`` as written; ``record`` a dict, a row tuple or a pandas Series."""
    get = record.get if isinstance(record, (dict, pd.Series)) else (
        lambda name, default="": getattr(record, name, default))
    return get(f"{column}_{words.language}", "") or get(column, "")


def _reference(words: Catalog, value) -> str:
    """A publication's name in ``words``' language where its file gives one (source_zh), else as written."""
    return in_language(value, "reference", words)


def _is_secondary(record) -> bool:
    """Whether a value is quoted by a secondary source (a newspaper, an article, a book), not its publisher's own
    release; ``record`` a dict or a row tuple."""
    get = record.get if isinstance(record, (dict, pd.Series)) else (
        lambda name, default="": getattr(record, name, default))
    return get("source_kind", "") == "secondary"


def _secondary(record) -> str:
    """The suffix of a finding's words for a value a secondary source quotes: it is no published statistic."""
    return "_secondary" if _is_secondary(record) else ""


def _secondary_mark(words: Catalog, record) -> str:
    """", a secondary source" after the name of a publication that quotes the value, not its publisher's release."""
    return words["quality_detail.secondary_mark"] if _is_secondary(record) else ""


def observation_folder_findings(observed, indicators: pd.DataFrame) -> list[dict]:
    """Values kept because their row confirms them, and hidden files and sheets of the observations folder left
    unread.

    ``observed`` is an :class:`analysis.clean.observations.CheckedObservations`; ``indicators`` the series, whose
    units the values are given in (:func:`in_unit`). A skipped file is a finding about a file, not an indicator: its
    ``indicator_id`` is 0.
    """
    findings = []
    series = indicators.set_index(["indicator_id", "series"])

    def shown(w, point) -> str:
        """A value as published (2.10, never 2.1), in its series' unit: 133家, 2.61%."""
        get = point.get if isinstance(point, dict) else lambda name: getattr(point, name)
        return in_unit(w, series.loc[(get("indicator_id"), get("series"))],
                       fmt_printed(get("printed_text"), get("value")))

    for row in observed.confirmed:
        findings.append({"issue": "confirmed_value", "indicator_id": row["indicator_id"], "series": row["series"],
                         "year": row["year"], "printed_text": row["printed_text"], "value": row["value"],
                         "source": row["source"], "source_line": row["source_line"],
                         "source_sheet": row["source_sheet"],
                         **details(lambda w, r=row: _confirmed_detail(w, r, shown))})
    for path in observed.skipped:
        findings.append({"issue": "skipped_file", "indicator_id": 0, "series": "", "year": None, "printed_text": "",
                         "value": None, "source": display_path(path), "source_line": 1,
                         **details(lambda w: w.text("quality_detail.skipped_file"))})
    for old, new in observed.revisions:
        # the earlier figure as written, and the later one used
        findings.append({"issue": "observation_revised", "indicator_id": new["indicator_id"], "series": new["series"],
                         "year": new["year"], "printed_text": old["printed_text"], "value": new["value"],
                         "source": new["source"], "source_line": new["source_line"],
                         "source_sheet": new["source_sheet"], "source_kind": new["source_kind"],
                         "revised_source_kind": old["source_kind"],
                         **details(lambda w, old=old, new=new: w.text(
                             "quality_detail.observation_revised" + _apart(_reference(w, old), _reference(w, new)),
                             year=new["year"],
                             old=shown(w, old), old_reference=_reference(w, old) + _secondary_mark(w, old),
                             old_published=_published(w, old), new=shown(w, new),
                             new_reference=_reference(w, new) + _secondary_mark(w, new),
                             new_published=_published(w, new)))})
    for row in observed.values.itertuples():
        if PRELIMINARY in row.processing.split(";"):
            findings.append({"issue": "preliminary_value", "indicator_id": row.indicator_id, "series": row.series,
                             "year": row.year, "printed_text": row.printed_text, "value": row.value,
                             "source": row.source, "source_line": row.source_line,
                             "source_sheet": row.source_sheet,
                             **details(lambda w, r=row: w.text("quality_detail.preliminary_value"
                                                               + _apart(_reference(w, r)), year=r.year,
                                                               value=shown(w, r),
                                                               reference=_reference(w, r)))})
    for row in observed.values.itertuples():
        said = "" if PRELIMINARY in row.processing.split(";") else preliminary_in_note(row)
        if said:  # a figure its note calls preliminary, read as final: the preliminary column says which it is
            findings.append({"issue": "preliminary_in_note", "indicator_id": row.indicator_id, "series": row.series,
                             "year": row.year, "printed_text": row.printed_text, "value": row.value,
                             "source": row.source, "source_line": row.source_line,
                             "source_sheet": row.source_sheet,
                             **details(lambda w, r=row, said=said: w.text(
                                 "quality_detail.preliminary_in_note", year=r.year,
                                 value=shown(w, r), note=as_submitted(said, w)))})
    given = {(row.indicator_id, row.series, row.year): row for row in observed.values.itertuples()}
    for row in getattr(observed, "unvalued", []):
        # a value of the year read from another file: the department's note is not told as "no value yet"
        value = given.get((row["indicator_id"], row["series"], row["year"]))
        findings.append({"issue": "no_value_note", "indicator_id": row["indicator_id"], "series": row["series"],
                         "year": row["year"], "printed_text": "", "value": None, "source": row["source"],
                         "source_line": row["source_line"], "source_sheet": row["source_sheet"],
                         **details(lambda w, r=row, v=value: w.text(
                             "quality_detail.no_value_note" if v is None else "quality_detail.no_value_note_given",
                             year=r["year"], note=as_submitted(r["note"], w),
                             **({} if v is None else {"value": shown(w, v), "reference": _reference(w, v),
                                                      "where": Path(v.source).name})))})
    for path in getattr(observed, "empty", []):
        findings.append({"issue": "empty_file", "indicator_id": 0, "series": "", "year": None, "printed_text": "",
                         "value": None, "source": display_path(path), "source_line": 1,
                         **details(lambda w: w.text("quality_detail.empty_file"))})
    for path, sheet in observed.hidden_sheets:
        findings.append({"issue": "skipped_sheet", "indicator_id": 0, "series": "", "year": None,
                         "printed_text": sheet, "value": None, "source": display_path(path), "source_line": 1,
                         **details(lambda w, s=sheet: w.text("quality_detail.skipped_sheet", sheet=quote(s, words=w)))})
    return findings


def words_file_findings(quality: pd.DataFrame, observed, sheets) -> pd.DataFrame:
    """The data-quality log ``quality`` with what it says of the department workbooks' words sheets (``sheets``, as
    read; ``observed``, the observation files' rows): a workbook whose sheet of values holds no value but whose
    words were read says so, not that its form was not filled in; a workbook of words only sent back with nothing
    filled in is noted as a file without values, never passed over in silence (its department's words still owed)."""
    read = {display_path(rows.path) for rows in observed.files}
    worded, words_only = set(), {}
    for sheet in sheets:
        source = display_path(sheet.path)
        if not sheet.rows.frame.empty:
            worded.add(source)
        if source not in read:
            words_only.setdefault(source, True)
    quality = quality.copy()
    said = (quality["issue"] == "empty_file") & quality["source"].isin(worded)
    for column, value in details(lambda w: w.text("quality_detail.values_sheet_empty")).items():
        quality.loc[said, column] = value
    unfilled = [{"issue": "empty_file", "indicator_id": 0, "series": "", "year": None, "printed_text": "",
                 "value": None, "source": source, "source_line": 1,
                 **details(lambda w: w.text("quality_detail.nothing_filled"))}
                for source in words_only if source not in worded]
    if unfilled:
        quality = schemas.validate("data_quality.csv", pd.concat([quality, pd.DataFrame(unfilled)],
                                                                 ignore_index=True))
    return quality


def rested_on(assessment: pd.DataFrame, values: pd.DataFrame) -> set[tuple[int, str, int]]:
    """The values the verdicts of ``assessment`` rest on, as (indicator, series, year): of a final verdict, the target
    year's value (the first at or after it) and those of the years a level to hold every year missed; of a progress
    verdict, the base value and the latest one; none of a series without a verdict (insufficient data, qualitative)."""
    points = values[values["value_type"].isin(("actual", "baseline"))]
    years = {key: sorted(set(group)) for key, group in points.groupby(["indicator_id", "series"])["year"]}
    found = set()
    for row in assessment[assessment["verdict"] != ""].itertuples():
        key = (int(row.indicator_id), row.series)
        if row.verdict == "final":
            seen = [y for y in years.get(key, []) if y <= row.report_year]
            judged = next((y for y in seen if pd.notna(row.target_year) and y >= row.target_year), row.as_of_year)
            resting = [judged, *(int(y) for y in str(row.missed_years or "").split(";") if y)]
        else:
            resting = [row.base_year, row.as_of_year]
        found |= {(*key, int(y)) for y in resting if pd.notna(y)}
    return found


def secondary_findings(assessment: pd.DataFrame, values: pd.DataFrame, shown) -> list[dict]:
    """Each value a verdict of any report year rests on (:func:`rested_on`) that is quoted by a secondary source (a
    newspaper, an article, a book, a forum, a website), not taken from its publisher's own release. ``shown(words,
    value)`` writes the value as a sentence of the language gives it, in its series' unit (第18位, 55.3%, 6.3件/万人):
    a bare 18 or 6.3 says nothing of what it counts."""
    resting = rested_on(assessment, values)
    quoted = values[(values["value_type"] == "actual") & (values["source_kind"] == "secondary")]
    return [{"issue": "secondary_source", "indicator_id": row.indicator_id, "series": row.series, "year": row.year,
             "printed_text": row.printed_text, "value": row.value, "source": row.source,
             "source_line": row.source_line, "source_sheet": row.source_sheet, "source_kind": row.source_kind,
             **details(lambda w, r=row: w.value_text("quality_detail.secondary_source", shown(w, r), year=r.year,
                                                     reference=_reference(w, r)))}
            for row in quoted.itertuples() if (int(row.indicator_id), row.series, int(row.year)) in resting]


def _confirmed_detail(words: Catalog, row: dict, shown) -> str:
    """A value far off its previous one, kept as its row confirms it: both in the series' unit (``shown``); a rate of
    change out of −100…100 with the percent sign its sentence gives it."""
    previous = row["previous"]
    confirm = as_submitted(row["confirm"], words)  # the department's reason, as written
    if row["kind"] == "rate_of_change" or previous is None:
        return words.text("quality_detail.confirmed_rate", value=fmt_printed(row["printed_text"], row["value"]),
                          year=row["year"], confirm=confirm)
    earlier = {"indicator_id": row["indicator_id"], "series": row["series"],
               "printed_text": getattr(previous, "printed_text", ""), "value": previous.value}
    return words.text("quality_detail.confirmed_value", value=shown(words, row), year=row["year"],
                      previous=shown(words, earlier), previous_year=previous.year, confirm=confirm)
