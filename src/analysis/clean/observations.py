"""Actual values checked: each row against the plan, across files, and against its series.

The rows come as text from :mod:`analysis.ingest.observations`. Each row names a known numeric
series, a year the plan can have a value for, a number its kind can take and a source; a year given
twice in one file is a mistake, the same year in two files is kept once when the values agree and
refused when they differ, unless one revises the other (a later publication date, a final figure after a
preliminary one, a department's row revising the value its template showed on file); a value far off its series
needs a confirmation
(:mod:`analysis.clean.plausibility`). One bad row stops the run with the file, line (a workbook's
cell) and field named, before anything is written; a department's workbook is told, of what its
person can fix, in the language its template was made in. A series may be written as the templates
label it, in either language (国家级, provincial).
"""
from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from ..catalog import Catalog, catalog, series_named
from ..errors import InputError, InputErrors, Mistakes, cell_order, display_path, file_order, quote
from ..ingest.csv_reader import LINE_COLUMN, NO_DATA_MARKS, meant_number, parse_int, parse_number
from ..ingest.headers import column_names, field_label
from ..ingest.observations import FileRows, ObservationFiles
from ..ingest.xlsx_reader import TOLD
from ..numbers import fmt_exact
from ..plan import Plan
from ..settings import LANGUAGES
from ..text import REASON_ADVICE, says_why, visible
from ..vocabulary import (
    NOTE_COLUMNS,
    PRELIMINARY,
    REVISED,
    SERIES_MARKS,
    SOURCE_COLUMNS,
    VALUE_COLUMNS,
)
from .plausibility import Point, implausible, impossible, previous_point

#: Observation years run from the plan's base year to some years after its last evaluation.
YEARS_AFTER_PLAN = 6
#: Two files give the same value when they agree to this relative difference (a workbook's value pasted from a
#: calculation carries float noise: 23800.400000000001 for 23800.4).
SAME_VALUE = 1e-12


@dataclass
class CheckedObservations:
    """What a folder of observations gives: the values, and what the data-quality log should say about it.

    ``duplicates``: rows that repeat, with the same value, a year another file already gives (kept
    once). ``confirmed``: values far off their series kept because their row confirms them.
    ``skipped``: hidden files, not read; ``hidden_sheets``: the hidden sheets of workbooks, not read;
    ``unvalued``: a workbook's rows without a value whose note says why (统计局尚未发布); ``empty``: the files
    without a value or such a row (a header only, a form not filled in), read and noted, never silently passed.
    """

    values: pd.DataFrame
    duplicates: list[dict] = field(default_factory=list)
    confirmed: list[dict] = field(default_factory=list)
    revisions: list[tuple[dict, dict]] = field(default_factory=list)  # (the value revised, the value used)
    skipped: list[Path] = field(default_factory=list)
    hidden_sheets: list[tuple[Path, str]] = field(default_factory=list)
    unvalued: list[dict] = field(default_factory=list)  # a workbook's rows without a value, whose note says why
    empty: list[Path] = field(default_factory=list)


#: How a publication date is written: a year, a month or a day (2011, 2011-09, 2011-09-28).
PUBLISHED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: The other ways a clerk writes a date, the year first, read as the same day: 2011年9月28日 (or 2011年9月, 2011年),
#: 2011.9.28, 2011/9/28 (or 2011.9, 2011/09). A date with the year last (28/09/2011, 09/28/2011) is refused: the day
#: and the month cannot be told apart.
PUBLISHED_FORMS = (re.compile(r"(\d{4})年(?:\s*(\d{1,2})月(?:\s*(\d{1,2})日)?)?"),
                   re.compile(r"(\d{4})([./])(\d{1,2})(?:\2(\d{1,2}))?"))


def _iso_date(text: str) -> str | None:
    """``text`` as an ISO date (2011, 2011-09, 2011-09-28) when it is one of the forms :data:`PUBLISHED` and
    :data:`PUBLISHED_FORMS` read, else None; the day itself is not checked here."""
    if PUBLISHED.fullmatch(text):
        return text
    chinese, dotted = (form.fullmatch(text) for form in PUBLISHED_FORMS)
    parts = (chinese[1], chinese[2], chinese[3]) if chinese else (dotted[1], dotted[3], dotted[4]) if dotted else None
    if parts is None:
        return None
    return "-".join([parts[0]] + [f"{int(part):02d}" for part in parts[1:] if part])
#: What the ``preliminary`` column may say: yes, or empty for a final figure.
PRELIMINARY_WORDS = ("yes", "y", "true", "1", "preliminary", "初步", "初步数", "初步值", "初步核算", "初步核算数",
                     "预计", "预计数", "快报", "快报数", "是")
NOT_PRELIMINARY_WORDS = ("", "no", "n", "false", "0", "final", "否", "最终")


def _published(text: str, path: Path, line: int, words: Catalog | None = None, year: int | None = None) -> str:
    """A publication date as written (``2011-09-28``, ``2011-09``, ``2011``; ``2011年9月28日`` or ``2011.9.28`` as the
    same ISO text), checked; "" when not given. Never after today, nor (with the value's ``year``) before that year
    begins: a value is published once its year has begun at the earliest. A mistake is told in ``words``' language
    (English by default)."""
    words = words or catalog("en")
    text = text.strip()
    if not text:
        return ""
    text = _iso_date(text) or text  # 2025年2月28日, 2025.2.28: 2025-02-28
    match = PUBLISHED.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        datetime.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        raise InputError(words.text("entry_errors.not_a_date", text=quote(text, words=words)), file=path, line=line,
                         field="published") from None
    if text > datetime.date.today().isoformat():
        raise InputError(words.text("entry_errors.after_today", text=text), file=path, line=line, field="published")
    if year is not None and int(match[1]) < year:
        raise InputError(words.text("entry_errors.before_year", text=text, year=year), file=path, line=line,
                         field="published")
    return text


#: The date a file's name begins with, as docs/data.md advises naming a publication's file: its day
#: (``2025-03-01-statistical-bulletin.csv``), month (``2025-03-…``) or year (``2023-weihai-daily.csv``, ``2024.csv``);
#: never a number that runs on (``20250301-…``, ``2024-2025-…``: which year is not said).
NAME_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d|-\d)")


def named_date(path: Path, year: int | None = None) -> str:
    """The publication date ``path``'s name begins with (ISO, at the precision the name gives it: 2025-03-01, 2025-03
    or 2025), or "" where it begins with none, or with one that is no day, lies after today, or (with the value's
    ``year``) before that year begins, so cannot be the day a value of it appeared. Where a row's ``published`` cell
    is empty, the publication is ordered against another by this date."""
    match = NAME_DATE.match(path.name)
    if match is None:
        return ""
    try:
        datetime.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return ""
    if match[0] > datetime.date.today().isoformat() or (year is not None and int(match[1]) < year):
        return ""
    return match[0]


def _flag(text: str, path: Path, line: int, words: Catalog | None = None) -> bool:
    word = text.strip().lower()
    if word in PRELIMINARY_WORDS:
        return True
    if word in NOT_PRELIMINARY_WORDS:
        return False
    words = words or catalog("en")
    raise InputError(words.text("entry_errors.preliminary", text=quote(text, words=words)), file=path, line=line,
                     field="preliminary")


#: What the ``source_kind`` column may say, in either language, and the kind it names; empty: official.
SOURCE_KIND_WORDS = {"": "official", "official": "official", "官方": "official", "secondary": "secondary",
                     "二手": "secondary"}


def _source_kind(text: str, path: Path, line: int, words: Catalog | None = None) -> str:
    """The kind of publication a value is taken from (:data:`analysis.vocabulary.SOURCE_KINDS`): its publisher's own
    release (official, also when empty) or another's quote of it (secondary); anything else is told in ``words``'
    language."""
    kind = SOURCE_KIND_WORDS.get(" ".join(text.split()).casefold())
    if kind is None:
        raise InputError((words or catalog("en")).text("entry_errors.source_kind", text=quote(text)), file=path,
                         line=line, field="source_kind")
    return kind


def _later(first: dict, second: dict) -> dict | None:
    """Of two values of the same year, the one that revises the other: the later publication (by the day each row's
    ``published`` cell gives, else the date its file's name begins with: ``dated``), or the final figure after a
    preliminary one; None when the rows do not say (an accidental conflict, or two dates neither of which is later at
    the precision given: 2025 and 2025-03-01)."""
    a, b = first.get("dated", first["published"]), second.get("dated", second["published"])
    if a and b and not (a.startswith(b) or b.startswith(a)):
        return first if a > b else second
    if (first["processing"] == PRELIMINARY) != (second["processing"] == PRELIMINARY):
        return second if first["processing"] == PRELIMINARY else first
    return None


def _conflict_key(first: dict, second: dict) -> str:
    """How a conflict between two values of a year is told, at the second: as two publications, whose rows each give
    the day it appeared; or, where one of them is a department's workbook made before the other value came in (its
    template showed none on file, so its row cannot say it revises it), with what that department does: ask for a new
    workbook, which shows the value on file, and give its value there."""
    old = [record.get("template") and record.get("on_file") is None for record in (first, second)]
    if old == [False, True]:
        return "entry_errors.conflict_not_on_file"
    if old == [True, False]:
        return "entry_errors.conflict_old_workbook"
    return "entry_errors.conflict"


def _declared_revision(first: dict, second: dict, key: tuple) -> dict | None:
    """Of two values of the same year whose publications do not say which is later, the one a department's workbook
    gives in a row whose template showed the other on file (the reference cell "value on file", unchanged): the
    department filled the row to revise it, as the template asks. None when neither row says so (a conflict). A
    revision without the day it was issued is refused, at its publication date's cell: a later publication is ordered
    against it by that day."""
    revising = [(mine, other) for mine, other in ((first, second), (second, first))
                if mine.get("on_file") is not None
                and math.isclose(mine["on_file"], other["value"], rel_tol=SAME_VALUE)]
    if len(revising) != 1:
        return None
    revision, revised = revising[0]
    if not revision["published"]:
        words = catalog(revision["language"])
        column = field_label(words, True)("published")
        raise InputError(words.text("entry_errors.revision_undated", indicator=_label(key, words), year=key[2],
                                    value=revision["printed_text"], other=revised["printed_text"],
                                    where=_named(revised, words), column=column),
                         file=revision["path"], line=revision["locate"](revision["source_line"], "published"),
                         field=column)
    return revision


def year_range(plan: Plan) -> tuple[int, int]:
    return plan.base_year, max(plan.evaluations) + YEARS_AFTER_PLAN


def _label(key: tuple, words: Catalog) -> str:
    """An indicator's id with its series as ``words``' language names it: ``4 national``, 4（国家级）."""
    if not key[1]:
        return str(key[0])
    return words.text("entry_errors.indicator_series", id=key[0], series=words["series"].get(key[1], key[1]))


def _located(exc: InputError, rows: FileRows) -> InputError:
    """``exc`` with its line shown as the reader names a cell (a workbook's ``Sheet1!D5``); each of a row's several
    mistakes so."""
    if isinstance(exc, InputErrors):
        return InputErrors([_located(error, rows) for error in exc.errors])
    if not isinstance(exc.line, int) or exc.field is None:
        return exc
    return InputError(exc.reason, file=exc.file, line=rows.where(exc.line, exc.field), field=exc.field)


def _names_both(text: str) -> bool:
    """Whether a series cell names both the national series and the provincial one (国家/省, 国省, national and
    provincial)."""
    folded = text.casefold()
    return all(any(mark in folded for mark in marks) for marks in SERIES_MARKS.values())


def _check_row(row, indicators: pd.DataFrame, path: Path, years: tuple[int, int],
               words: Catalog | None = None, rows: FileRows | None = None, left_out: bool = False) -> dict:
    """One row's cells, each checked, their mistakes raised together; with a workbook's ``rows``, against what its
    template printed beside the row too. ``left_out``: the row has a mistake told already (a struck source), so the
    series check never sees it: a confirm that gives no reason is told here."""
    words = words or catalog("en")
    line = getattr(row, LINE_COLUMN)
    # the row's cells each checked, their mistakes told together (a year outside the plan, a value not a number and a
    # date not a date)
    told = Mistakes()
    indicator_id = series = meta = year = value = published = preliminary = source_kind = None
    with told.row():
        indicator_id, series, meta, year = _which(row, indicators, path, years, words, rows)
    with told.row():
        try:
            value = parse_number(row.value, file=path, line=line, field="value", words=words)
        except InputError as exc:
            raise _meant_outside(exc, row.value, rows.ranges.get(line) if rows is not None else None, words) from None
        problem = impossible(value, meta["kind"], words) if meta is not None else None  # its kind known
        if problem:
            raise InputError(problem, file=path, line=line, field="value")
    with told.row():
        # a mark for no data (—, 无) is told once, at the value, which says to clear it: no value, no source to name
        if not visible(row.source) and not NO_DATA_MARKS.fullmatch(row.value.strip()):
            hidden = words["entry_errors.only_invisible"] if row.source.strip() else ""
            english = (getattr(row, "source_en", "") or "").strip()
            chinese = (getattr(row, "source_zh", "") or "").strip()
            if english and not hidden:  # the English name alone: seen, and the publication's own name asked for
                raise InputError(words.text("entry_errors.source_only_english", text=quote(english, 40, words=words)),
                                 file=path, line=line, field="source")
            if chinese and not hidden:  # the Chinese name alone (a CSV's source_zh): likewise
                raise InputError(words.text("entry_errors.source_only_chinese", text=quote(chinese, 40, words=words)),
                                 file=path, line=line, field="source")
            raise InputError(words.text("entry_errors.source_empty", invisible=hidden), file=path, line=line,
                             field="source")
        if NO_DATA_MARKS.fullmatch(row.source.strip()) and not NO_DATA_MARKS.fullmatch(row.value.strip()):
            # a mark for no data (—, 无) where the publication goes: no source named, as in the value it is refused
            raise InputError(words.text("entry_errors.source_no_data", text=quote(row.source.strip(), 20, words=words)),
                             file=path, line=line, field="source")
    note = getattr(row, "note", "")
    with told.row():
        published = _published(getattr(row, "published", "") or "", path, line, words, year)
    with told.row():
        preliminary = _flag(getattr(row, "preliminary", "") or "", path, line, words)
    with told.row():
        source_kind = _source_kind(getattr(row, "source_kind", "") or "", path, line, words)
    if rows is not None and year is not None and indicators is not None:
        with told.row():  # the year the workbook was made for, the name beside the row: told with the rest
            _check_template(line, indicator_id, series, year, rows, indicators, words)
    confirm = getattr(row, "confirm", "") or ""
    reasonless = visible(confirm) and not says_why(confirm)
    if reasonless and (told.errors or left_out):  # left out: the series check (which says what to do) never sees it
        told.add(_no_reason(confirm, path, line, words))
    told.check()
    return {"indicator_id": indicator_id, "series": series, "year": year, "value_type": "actual",
            "value": value + 0.0, "printed_text": row.value.strip(), "source": display_path(path),
            "source_line": line, "processing": PRELIMINARY if preliminary else "", "reference": row.source.strip(),
            "note": (note or "").strip(), "published": published, "source_kind": source_kind,
            **{name: (getattr(row, name, "") or "").strip() for name in NOTE_COLUMNS},
            **{f"reference_{name[len('source_'):]}": (getattr(row, name, "") or "").strip() for name in SOURCE_COLUMNS},
            "confirm": confirm.strip() if visible(confirm) and not reasonless else "",
            "kind": meta["kind"] if meta is not None else "",
            "path": path, "where": f"{display_path(path)}:{line}",
            # a confirm that gives no reason ('ok'): told by the series check, which knows whether the value is far
            # off (then a reason is asked for) or not (then the cell is best left empty), in one round
            "reasonless": confirm.strip() if reasonless else ""}


def _meant_outside(exc: InputError, text: str, shown: tuple[float, float] | None, words: Catalog) -> InputError:
    """``exc``, a value not a number as written, and, where the number it asks whether was meant (12.5 for 12.5%) lies
    outside the plausible range the row's template shows, that said in the same line: the number asked about is no
    answer to take on trust."""
    meant = meant_number(text)
    if shown is None or meant is None or shown[0] <= meant <= shown[1]:
        return exc
    return InputError(exc.reason + words.text("entry_errors.meant_outside", number=fmt_exact(meant),
                                              low=fmt_exact(shown[0]), high=fmt_exact(shown[1])),
                      file=exc.file, line=exc.line, field=exc.field)


def _no_reason(confirm: str, path: Path, line: int, words: Catalog) -> InputError:
    """A confirm that gives no reason ('ok', '.'), told with the row's other mistakes: a reason, or nothing."""
    return InputError(words.text("entry_errors.no_reason", text=quote(confirm.strip(), words=words),
                                  advice=REASON_ADVICE),
                      file=path, line=line, field="confirm")


def _which(row, indicators: pd.DataFrame, path: Path, years: tuple[int, int], words: Catalog,
           rows: FileRows | None = None) -> tuple:
    """The indicator, series, its row of ``indicators`` and the year a row names, each checked. With a template's
    ``rows``, a row it wrote whose locked year was changed is told so, whatever the year (2019 as 2024): not as a year
    outside the plan."""
    line = getattr(row, LINE_COLUMN)
    told = Mistakes()  # the indicator and the year each checked: both told at once
    indicator_id = series = meta = year = None
    with told.row():
        indicator_id, series, meta = _which_series(row, indicators, path, words)
    with told.row():
        year = parse_int(row.year, file=path, line=line, field="year", words=words)
        if rows is not None and line not in rows.added:
            _check_year(line, year, rows, words, years)
        if not years[0] <= year <= years[1]:
            raise InputError(words.text("entry_errors.year_outside", year=year, first=years[0], last=years[1]),
                             file=path, line=line, field="year")
    told.check()
    return indicator_id, series, meta, year


def _which_series(row, indicators: pd.DataFrame, path: Path, words: Catalog) -> tuple:
    """The indicator, series and its row of ``indicators`` a row names, checked."""
    line = getattr(row, LINE_COLUMN)
    indicator_id = parse_int(row.indicator_id, file=path, line=line, field="indicator_id", words=words)
    if indicators is None:  # the plan's indicators not known (its files refused): the number alone is checked
        return indicator_id, series_named(row.series.strip(), []), None
    known = indicators[indicators["indicator_id"] == indicator_id]
    if known.empty:
        raise InputError(words.text("entry_errors.unknown_indicator", id=indicator_id,
                                    last=indicators.indicator_id.max()), file=path, line=line, field="indicator_id")
    series = series_named(row.series.strip(), list(known["series"]))
    match = known[known["series"] == series]
    if match.empty:  # told as typed (国家级, not national), with what the indicator takes
        allowed = words["grammar.comma"].join(quote(words["series"].get(s, s), words=words) for s in known["series"])
        key = ("entry_errors.no_series" if list(known["series"]) == [""] else
               "entry_errors.series_needed" if not row.series.strip() else
               "entry_errors.series_both" if _names_both(row.series) else "entry_errors.unknown_series")
        raise InputError(words.text(key, id=indicator_id, series=quote(row.series.strip(), words=words),
                                    allowed=allowed),
                         file=path, line=line, field="series")
    meta = match.iloc[0]
    if meta["kind"] == "qualitative":
        raise InputError(words.text("entry_errors.qualitative", id=indicator_id), file=path, line=line,
                         field="indicator_id")
    return indicator_id, series, meta


def _no_value(row, rows: FileRows, indicators: pd.DataFrame, years: tuple[int, int], words: Catalog) -> dict:
    """A workbook's row without a value whose note says why: the series and year it speaks of, checked."""
    line = getattr(row, LINE_COLUMN)
    try:
        indicator_id, series, _, year = _which(row, indicators, rows.path, years, words, rows)
        _check_year(line, year, rows, words)
    except InputError as exc:
        raise _located(exc, rows) from None
    return {"indicator_id": indicator_id, "series": series, "year": year, "note": row.note.strip(),
            "reference": row.source.strip(), "source": display_path(rows.path), "source_line": line,
            "source_sheet": rows.sheet}


#: The mark a browser or a file manager adds to a second copy of a file: "2025-市科技局 (1).xlsx", "（2）".
COPY_MARK = re.compile(r"\s*[（(]\d{1,3}[)）]$")


def _own_name(name: str, named: str, own: str) -> str:
    """The name a workbook made for ``own`` goes under, from the one it was saved as (``named`` another department's):
    the template's, without a download copy's mark ("2025-市科技局 (1).xlsx" of 市发展改革委's workbook:
    "2025-市发展改革委.xlsx", never "2025-市发展改革委 (1).xlsx")."""
    path = Path(name.replace(named, own))
    return COPY_MARK.sub("", path.stem) + path.suffix


def lead_departments(*tables: pd.DataFrame | None) -> dict[str, str]:
    """The departments a template is made for, each named in its file name: every lead department of an indicator
    series or a key task (``tables``: the plan's indicators, its tasks), its Chinese name as written → its English
    name (its Chinese where none is given)."""
    english: dict[str, str] = {}
    for table in tables:
        if table is None or "lead_department_zh" not in table:
            continue
        names_en = table["lead_department_en"] if "lead_department_en" in table else [""] * len(table)
        for zh, en in zip(table["lead_department_zh"], names_en):
            if isinstance(zh, str) and zh.strip():
                english.setdefault(zh, en.strip() if isinstance(en, str) and en.strip() else zh)
    return english


def misnamed_workbook(path: Path, department: str, language: str, leads: dict[str, str]) -> InputError | None:
    """The one line for a department's workbook, of values or of words alone, whose file name names another of the
    plan's lead departments (``leads``, :func:`lead_departments`) than the one it records (市税务局's saved as
    2024-市商务局.xlsx: counted as 市商务局's return, 市税务局 owing), in the workbook's ``language``, naming both and
    the name to give it; None where the name names the one it records, or none of them, or the workbook records none
    or one that is no lead department (told by :func:`analysis.clean.department_words.tidy_department_words`). A name
    within another found (市政府 in 市政府办公室) is not counted; two names of one department (one English name) are
    one."""
    if not department or department not in leads:
        return None
    names: dict[str, str] = {}  # each lead department's names, in either language → who it is (its English name)
    for zh, en in leads.items():
        for name in (zh, en):
            if name.strip():
                names.setdefault(name.strip().casefold(), en)
    stem = Path(path).stem
    found = [name for name in names if name in stem.casefold()]
    found = [name for name in found if not any(name != other and name in other for other in found)]
    if not found or any(names[name] == leads[department] for name in found):
        return None
    at = stem.casefold().index(found[0])
    named = stem[at:at + len(found[0])]
    words = catalog(language if language in LANGUAGES else "en")
    own = department if words.language == "zh" else leads[department]
    return InputError(words.text("entry_errors.other_department", named=quote(named, words=words),
                                 department=quote(own, words=words),
                                 file=quote(_own_name(Path(path).name, named, own), words=words)), file=path)


def _row_keys(rows: FileRows) -> dict[tuple[str, str, str], tuple[int, str]]:
    """A sheet's rows by what they name (indicator, series and year as typed): each one's line and value."""
    frame = rows.frame
    if frame.empty or not {"indicator_id", "series", "year", "value"} <= set(frame.columns):
        return {}
    return {(str(row.indicator_id).strip(), str(row.series).strip(), str(row.year).strip()):
            (getattr(row, LINE_COLUMN), str(row.value).strip()) for row in frame.itertuples()}


def _copied_sheets(files: list[FileRows]) -> dict[int, InputError]:
    """The sheets of a workbook that repeat an earlier sheet's rows (the same indicators, series and years; a tab
    copied and renamed 2025, its years kept) with a value changed, by ``id`` of their rows: each told in one line
    at its first changed cell, in the workbook's language, naming the sheet it copies and the cells that differ.
    Such a sheet is not another publication, and its cells' mistakes are the original's: its rows are not read.
    A copy whose values are all the same is read as any repeat is (each value kept once)."""
    told: dict[int, InputError] = {}
    earlier: dict[Path, list[tuple[FileRows, dict]]] = {}
    for rows in files:
        if not rows.sheet:
            continue
        keys = _row_keys(rows)
        for original, its_keys in earlier.get(rows.path, []):
            if not keys or not set(keys) <= set(its_keys):
                continue
            changed = [line for key, (line, value) in keys.items() if value != its_keys[key][1]]
            if changed:
                words = catalog(rows.language)
                cells = [str(rows.where(line, "value")).rsplit("!", 1)[-1] for line in sorted(changed)]
                years = sorted({key[2] for key in keys}, key=lambda year: (len(year), year))
                named = re.search(r"(?<!\d)(\d{4})(?!\d)", rows.sheet)
                meant = named[1] if named and named[1] not in years else ""
                key = "entry_errors.copied_sheet_for" if meant else "entry_errors.copied_sheet"
                told[id(rows)] = InputError(
                    words.text(key, sheet=quote(rows.sheet, words=words), original=quote(original.sheet, words=words),
                               years=words.join_and(years), cells=words.join_and(cells), year=meant),
                    file=rows.path, line=rows.where(min(changed), "value"))
            break
        earlier.setdefault(rows.path, []).append((rows, keys))
    return told


def check_observations(observed: ObservationFiles, indicators: pd.DataFrame | None, plan: Plan,
                       printed: pd.DataFrame | None = None, tasks: pd.DataFrame | None = None) -> CheckedObservations:
    """Check every row of ``observed``; with the plan's ``printed`` values, check each value against its series
    as well. The values come out with the columns of ``indicator_values.csv``. ``indicators`` None: the plan's
    files were refused, and each row's own cells are checked (a value no number, a year outside the plan), not the
    series they name (:func:`observation_mistakes`)."""
    records: list[dict] = []
    seen: dict[tuple, dict] = {}
    duplicates: list[dict] = []
    revisions: list[tuple[dict, dict]] = []
    conflicts: list[tuple] = []  # a value that conflicts with one seen: (the one seen, its file's labels, the error)
    years = year_range(plan)
    mistakes = Mistakes()  # every row's mistakes, told together
    for error in observed.unread:  # a file that could not be read at all, told with the others' mistakes
        mistakes.add(error)
    unvalued: list[dict] = []
    copies = _copied_sheets(observed.files)
    misnamed: set[Path] = set()  # the workbooks told their name names another department (once for all sheets)
    leads = lead_departments(indicators, tasks)
    for rows in observed.files:
        path = rows.path
        words = catalog(rows.language)
        if rows.plan and rows.plan != plan.name:  # another plan's template: its rows mean other indicators
            mistakes.add(InputError(words.text("entry_errors.other_plan", plan=quote(rows.plan, words=words),
                                               this=quote(plan.name, words=words)), file=path))
            continue
        other = misnamed_workbook(path, rows.department, rows.language, leads) if path not in misnamed else None
        if other is not None:  # a file named for another department: counted as that one's return
            misnamed.add(path)
            mistakes.add(other)
        copy = copies.get(id(rows))
        if copy is not None:  # a tab copied within its workbook, a value changed: one line, its rows the original's
            mistakes.add(copy)
            continue
        in_file: dict[tuple, tuple[int, dict]] = {}  # each series and year given: its row's line and value
        told = Mistakes(_field_label(rows, words), untold=rows.missing)  # a column missing: told with the header
        for error in rows.mistakes:  # what the reader found: told with what the checks find, in row order
            told.add(error)
        for row in rows.frame.itertuples():
            with told.row():
                _check_one(row, rows, path, words, indicators, years, in_file, seen, records, duplicates,
                           revisions, conflicts)
        for record in rows.refused:  # a row with a mistake the reader told: its other cells checked, the row left out
            rest = Mistakes(untold=record[TOLD] | set(rows.missing))  # a cell told once, by the reader
            with rest.row():
                row = SimpleNamespace(**{column: record.get(column, "") for column in rows.frame.columns})
                try:
                    _check_row(row, indicators, path, years, words, rows, left_out=True)
                except InputError as exc:
                    raise _located(exc, rows) from None
            for error in rest.errors:
                told.add(error)
        noted = pd.DataFrame.from_records(rows.noted, columns=[*rows.frame.columns])
        for row in noted.itertuples():
            with told.row():
                unvalued.append(_no_value(row, rows, indicators, years, words))
        mistakes.errors += sorted(told.errors, key=lambda error, order=rows.order: cell_order(error, order))
    where = {rows.path: rows.where for rows in observed.files}
    languages = {rows.path: rows.language for rows in observed.files}
    templates = {rows.path for rows in observed.files if rows.year is not None}
    # the files whose header is known to lack the confirm column (a CSV file): a value far off is told to add it
    unconfirmable = {rows.path for rows in observed.files
                     if "columns" in rows.frame.attrs and "confirm" not in rows.frame.attrs["columns"]}
    confirmed, refused = [], set()
    with mistakes.row():  # a value far off its series, or a confirm that gives no reason, told with the rest
        if printed is not None:
            confirmed = check_against_series(records, printed, where, languages, templates, refused, unconfirmable)
        else:  # no series to check against: a confirm is told it gives no reason, as with the row's own mistakes
            told = Mistakes()
            for record in records:
                if record["reasonless"]:
                    told.add(InputError(_no_reason(record["reasonless"], record["path"], record["source_line"],
                                                   catalog(languages.get(record["path"], "en"))).reason,
                                        file=record["path"], field="confirm",
                                        line=record["locate"](record["source_line"], "confirm")))
            told.check()
    for first, label, error in conflicts:  # a conflict with a value refused is no conflict: that value is not used
        if id(first) not in refused:
            told = Mistakes(label)  # the column as the file heads it
            told.add(error)
            mistakes.errors += told.errors
    # in the order a department reads them: file by file, then sheet, row and column, a value far off its series
    # among its file's other mistakes, not after every file's
    # (the folder's files are read in the order of their paths; an error without a file comes last)
    mistakes.errors.sort(key=file_order(observed.sheet_orders()))
    if mistakes.errors:  # how many more than are listed, in the language of the first file told
        mistakes.more = catalog(languages.get(mistakes.errors[0].file, "en"))["entry_errors.more"]
    try:
        mistakes.check()
    except InputError as exc:  # the hidden sheets not read, noted with the round's mistakes as on a run without any
        exc.notes = [(path, sheet, languages.get(path)) for path, sheet in observed.hidden_sheets]
        raise
    values = pd.DataFrame.from_records(records, columns=list(VALUE_COLUMNS))
    values = values.astype({"indicator_id": int, "year": int, "value": float, "source_line": int})
    paths = dict.fromkeys(rows.path for rows in observed.files)
    empty = [path for path in paths if all(rows.frame.empty and not rows.noted
                                           for rows in observed.files if rows.path == path)]
    return CheckedObservations(values, duplicates, confirmed, revisions=revisions, skipped=list(observed.skipped),
                               hidden_sheets=list(observed.hidden_sheets), unvalued=unvalued, empty=empty)


def _check_one(row, rows, path: Path, words: Catalog, indicators: pd.DataFrame, years: tuple[int, int],
               in_file: dict, seen: dict, records: list, duplicates: list, revisions: list,
               conflicts: list) -> None:
    """One row of an observation file checked and kept: a new value, a revision of one seen, or a repeat. A value
    that conflicts with one seen is added to ``conflicts``: (the value seen, how its file labels a column, the
    error)."""
    try:
        record = _check_row(row, indicators, path, years, words, rows)
    except InputError as exc:
        raise _located(exc, rows) from None
    record["source_sheet"] = rows.sheet
    record["where"] = f"{display_path(path)}:{rows.where(record['source_line'], 'value')}"
    record["locate"] = rows.where  # its own sheet's cells: a workbook's other sheets place their columns otherwise
    record["on_file"] = rows.on_file.get(record["source_line"])  # the value its template showed on file, if any
    record["language"] = rows.language
    record["template"] = rows.year is not None  # a department's workbook, made for its year
    # the day the row's publication appeared: its published cell, else the date its file's name begins with (never a
    # department's workbook's: its name's year is the year the values are asked for, not the day they appeared)
    record["dated"] = record["published"] or ("" if record["template"] else named_date(path, record["year"]))
    key = (record["indicator_id"], record["series"], record["year"])
    if key in in_file:
        line, first = in_file[key]
        if math.isclose(first["value"], record["value"], rel_tol=SAME_VALUE):  # the same row given twice
            message = words.text("entry_errors.duplicate_year", indicator=_label(key, words), year=key[2],
                                 first=_line_name(rows.where(line, "year"), words))
        else:  # two values for one year: which to keep is the file's writer's to say, both rows named
            message = words.text("entry_errors.duplicate_year_differs", indicator=_label(key, words), year=key[2],
                                 first=_line_name(rows.where(line, "value"), words), other=first["printed_text"],
                                 here=_line_name(rows.where(record["source_line"], "value"), words),
                                 value=record["printed_text"])
        raise _with_no_reason(InputError(message, file=path, line=rows.where(record["source_line"], "year"),
                                         field="year"), record, words, rows)
    listed = _listed_row(rows, indicators, key) if record["source_line"] in rows.added else None
    if listed is not None and record["source_line"] not in rows.copied:
        # a row added below the template's for a series and year it lists a row for, left without a value: the value
        # goes in that row (before: taken, while that row's note said the value was not yet published)
        cell = rows.where(listed, "value")
        raise _with_no_reason(InputError(
            words.text("entry_errors.added_listed", indicator=_label(key, words), year=key[2], cell=cell,
                       value=record["printed_text"]),
            file=path, line=rows.where(record["source_line"], "value"), field="value"), record, words, rows)
    in_file[key] = (record["source_line"], record)
    if key in seen:
        first = seen[key]
        later = _later(first, record)
        if not math.isclose(first["value"], record["value"], rel_tol=SAME_VALUE):
            if later is None:  # a department's row revising the value its template showed on file: it says so
                later = _declared_revision(first, record, key)
            if later is None:  # the column as the file heads it (发布日期, Published), the first without its folders
                if _workbook(first) and not _workbook(record):
                    # a workbook's value and another file's: told at the workbook's cell, in its language, naming the
                    # other file, whichever is read first (file names order the folder, not who answers)
                    conflicts.append((first, *_conflict_at(first, record, key, rows)))
                    return
                label = _field_label(rows, words)
                # told once the series are checked, unless the value it conflicts with is refused there (a typo far
                # off its series blames no correct cell elsewhere)
                conflicts.append((first, label, _with_no_reason(InputError(
                    words.text(_conflict_key(first, record), indicator=_label(key, words), year=key[2],
                               value=record["printed_text"], other=first["printed_text"], where=_named(first, words),
                               column=label("published") if label else column_names(words, ["published"])),
                    file=path, line=rows.where(record["source_line"], "value"), field="value"), record, words,
                    rows)))
                return
            earlier = record if later is first else first
            revisions.append((earlier, later))
            later["processing"] = ";".join(p for p in (later["processing"], REVISED) if p)
            if later is record:
                records[records.index(first)] = seen[key] = record
            return
        keep = later is record  # the same value, published again (a final figure confirming the preliminary)
        if first["source_kind"] != record["source_kind"]:  # the publisher's own release kept, not another's quote
            keep = record["source_kind"] == "official"
        if keep:
            records[records.index(first)] = seen[key] = record
            record, first = first, record
        duplicates.append({**record, "first_source": first["source"],
                           "first_line": first["source_line"]})
        return
    seen[key] = record
    records.append(record)


def _workbook(record: dict) -> bool:
    """Whether a value was read from a workbook (a department's, or one of one's own)."""
    return Path(record["path"]).suffix.lower() == ".xlsx"


def _conflict_at(told: dict, other: dict, key: tuple, rows: FileRows) -> tuple:
    """A conflict between two values of a year told at ``told``'s cell (a workbook's, read before ``other``'s file,
    whose ``rows`` are read now), in its language, naming ``other``: how its file labels a column, and the error (with
    a confirm of ``other``'s row that gives no reason, which is left out, at its own cell)."""
    words = catalog(told["language"])
    label = field_label(words, told["template"])
    error = InputError(words.text(_conflict_key(other, told), indicator=_label(key, words), year=key[2],
                                  value=told["printed_text"], other=other["printed_text"],
                                  where=_named(other, words),
                                  column=label("published") if label else column_names(words, ["published"])),
                       file=told["path"], line=told["locate"](told["source_line"], "value"), field="value")
    if other["reasonless"]:
        own = catalog(rows.language)
        error = InputErrors([error, _located(_no_reason(other["reasonless"], other["path"], other["source_line"], own),
                                             rows)])
    return label, error


def _listed_row(rows: FileRows, indicators: pd.DataFrame | None, key: tuple) -> int | None:
    """The row a template wrote for ``key`` (an indicator, its series and a year), still giving that year; None where
    it wrote none (or the plan's indicators are not known)."""
    if indicators is None:
        return None
    known = list(indicators.loc[indicators["indicator_id"] == key[0], "series"])
    for (written, year), number in rows.own_rows.items():
        identifier, _, series = written.partition("/")
        if year == key[2] and identifier == str(key[0]) and series_named(series, known) == key[1]:
            return number
    return None


def _with_no_reason(exc: InputError, record: dict, words: Catalog, rows: FileRows | None = None) -> InputError:
    """``exc``, and a confirm of the row that gives no reason: the row is left out, so the series check never tells
    it. ``rows``: where ``exc`` is already located, so is the confirm's cell."""
    if not record["reasonless"]:
        return exc
    told = _no_reason(record["reasonless"], exc.file, record["source_line"], words)
    return InputErrors([*(exc.errors if isinstance(exc, InputErrors) else [exc]),
                        _located(told, rows) if rows is not None else told])


def _check_template(line: int, indicator_id: int | None, series: str | None, year: int, rows: FileRows,
                    indicators: pd.DataFrame, words: Catalog) -> None:
    """A row of a data-entry workbook against what the template printed beside it: the indicator's name (where the
    row names a series of the plan), and the year the workbook was made for. Its id and year cells are locked;
    changed, they would move a value to another indicator or year in silence."""
    _check_year(line, year, rows, words)
    if line not in rows.beside or indicator_id is None or series is None:
        return
    cell, name = rows.beside[line]
    meta = indicators[(indicators["indicator_id"] == indicator_id) & (indicators["series"] == series)].iloc[0]
    names = {" ".join(str(meta[column]).split()) for column in indicators.columns
             if column.startswith(("name_", "short_name_"))}
    if " ".join(name.split()) not in names:
        raise InputError(words.text("entry_errors.name_beside", id=indicator_id, cell=cell,
                                    name=quote(name, 40, words=words),
                                    expected=quote(str(meta["name_zh"]), 40, words=words)),
                         file=rows.path, line=line, field="indicator_id")


def _check_year(line: int, year: int, rows: FileRows, words: Catalog, years: tuple[int, int] | None = None) -> None:
    """A row of a data-entry workbook against the year it was made for: a row the template wrote, its locked year
    changed (to a year outside the plan's ``years``: no workbook for it to ask for); or a row added below them, or
    copied whole from one of them (its locked cells too), for another year, whose value goes in that year's workbook.
    A row the template wrote for an earlier year of the plan period (one with no value yet) gives that year."""
    if rows.year is None or year == rows.year or rows.asked.get(line) == year:
        return
    key = "copied_year" if line in rows.copied else "added_year" if line in rows.added else \
        "template_year_listed" if line in rows.listed else "template_year"
    if years is not None and not years[0] <= year <= years[1] and line not in rows.added:
        key = "template_year_outside"
    raise InputError(words.text(f"entry_errors.{key}", year=year, template=rows.year,
                                first=years[0] if years else "", last=years[1] if years else "",
                                row=rows.copied.get(line, rows.listed.get(line, ""))),
                     file=rows.path, line=line, field="year")


def _field_label(rows: FileRows, words: Catalog):
    """How an error names a column of ``rows``: a template's by its label, a CSV file headed in Chinese by its
    Chinese label (数值), another file by the name its header writes (None)."""
    if rows.path.suffix.lower() == ".xlsx":
        return field_label(words, rows.year is not None)
    return field_label(words, True) if words.language != "en" else None


def _line_name(where: int | str, words: Catalog) -> str:
    """A CSV file's line (``line 3``, 第3行) or a workbook's cell (``数据报送!C5``, 单元格 数据报送!C5), in ``words``'
    language."""
    if isinstance(where, int):
        return words.text("entry_errors.line", line=where)
    return words.text("entry_errors.cell", cell=where)


def _named(record: dict, words: Catalog | None = None) -> str:
    """How a message names where a value of a series was given: its publication, where the row names one (by its name
    in ``words``' language where the row gives one), and the file (without its folders) and line or cell, which a
    clerk comparing with it can find; in ``words``' language (威海市统计公报（a.csv:2）; English by default: Bulletin,
    a.csv:2)."""
    where = record.get("where") or f"{record['source']}:{record['source_line']}"
    where = where.replace("\\", "/").rsplit("/", 1)[-1]
    words = words or catalog("en")
    # by its name in the message's language where the file gives one (source_zh): a Chinese clerk reads 统计公报
    reference = str(record.get(f"reference_{words.language}") or record.get("reference") or "").strip()
    return words.text("entry_errors.named", reference=reference, where=where) if reference else where


def _problem_order(problem: tuple) -> tuple:
    """A series check's finding in file order, then by sheet, row and column, as each file's other mistakes."""
    source, line, *_, locate = problem
    return (source, cell_order(InputError("", line=locate(line, "value"))))


def check_against_series(records: list[dict], printed: pd.DataFrame, where: dict | None = None,
                         languages: dict | None = None, templates: set | None = None,
                         refused: set | None = None, unconfirmable: set | None = None) -> list[dict]:
    """Each observation against the previous value of its series; returns the confirmed outliers.

    An outlier without a confirmation stops the run; of several, each is named, in file and line order, and none is
    the previous value another is measured by (the values after a value in the wrong unit are not blamed for it).
    ``where`` gives, by file, how a message names a cell; ``languages`` the language it is told in (English when not
    given); ``templates`` the files made from a template, whose messages name a column by its label; ``refused``
    collects the ``id`` of each record refused; ``unconfirmable`` the files whose header has no confirm column, told
    to add it.
    """
    baselines = printed[printed["value_type"].isin(("baseline", "actual"))]
    points: dict[tuple, list[Point]] = {}
    for row in baselines.itertuples():
        points.setdefault((row.indicator_id, row.series), []).append(
            Point(int(row.year), float(row.value), f"{row.source}:{row.source_line}", True))
    where, languages = where or {}, languages or {}
    problems, confirmed = [], []
    for record in sorted(records, key=lambda r: (r["indicator_id"], r["series"], r["year"])):
        series = points.setdefault((record["indicator_id"], record["series"]), [])
        previous = previous_point(series, record["year"])
        # A rate of change is judged by its own range; it needs no previous value.
        compared = previous or Point(record["year"], record["value"], "", False)
        words = catalog(languages.get(record["path"], "en"))
        problem = implausible(record["value"], record["year"], compared, record["kind"], words=words)
        if problem and record["confirm"]:
            confirmed.append({**record, "problem": problem, "previous": previous})
        elif problem or record.get("reasonless"):
            locate = record.get("locate") or where.get(record["path"]) or (lambda line, column: line)
            problems.append((record["source"], record["source_line"], problem, record["value"], record["path"], words,
                             record.get("reasonless", ""), locate))
        if problem and not record["confirm"]:  # refused: no measure of the values after it
            if refused is not None:
                refused.add(id(record))
            continue
        series.append(Point(record["year"], record["value"],
                            {language: _named(record, catalog(language)) for language in LANGUAGES}, False))
    mistakes = Mistakes()
    for _, line, problem, value, path, words, reasonless, locate in sorted(problems, key=_problem_order):
        label = (field_label(words, path in (templates or ())) if str(path).lower().endswith(".xlsx")
                 else field_label(words, True) if words.language != "en" else None)
        confirm = label("confirm") if label else "confirm"  # as the file heads the column
        if reasonless:  # 'ok' in the confirm cell: a reason where the value is far off, else nothing
            key = "entry_errors.no_reason_far_off" if problem else "entry_errors.no_reason_not_far"
            mistakes.add(InputError(words.text(key, problem=problem, text=quote(reasonless, words=words),
                                               value=fmt_exact(value),
                                               advice=REASON_ADVICE), file=path,
                                    line=locate(line, "confirm"), field=confirm))
            continue
        far_off = "entry_errors.far_off_add" if path in (unconfirmable or ()) else "entry_errors.far_off"
        mistakes.add(InputError(words.text(far_off, problem=problem, value=fmt_exact(value),
                                           confirm=confirm), file=path,
                                line=locate(line, "value"),
                                field=label("value") if label else "value"))
    mistakes.check()
    return confirmed


def observation_mistakes(observed: ObservationFiles, plan: Plan) -> list[InputError]:
    """The observation files' own mistakes where the plan's indicators are not known (a file of the plan refused):
    those a file's rows show whatever the plan's series (a value no number, a year outside the plan, a file that
    cannot be read), to be told with the plan's files' own; the series they name are checked once those are read."""
    try:
        check_observations(observed, None, plan)
    except InputErrors as exc:
        return list(exc.errors)
    except InputError as exc:
        return [exc]
    return []
