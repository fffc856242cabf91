"""Property tests: the readers of hand-maintained input either return or raise ``InputError``.

Random CSV text (valid and malformed, random bytes, random unicode, random column orders) goes to
:func:`analysis.ingest.csv_reader.read_strict_csv` and to the observations' reader and checks
(:func:`analysis.ingest.observations.read_observation_files`,
:func:`analysis.clean.observations.check_observations`); random mutations of the real plan
text (lines deleted, duplicated, swapped, tabs and blank lines inserted, tokens replaced) go to
:func:`analysis.ingest.printed_table.parse_printed_table` and, with fewer examples, through the
whole of :func:`analysis.clean.tidy.clean_plan_table`. No other exception may escape, and an
``InputError``'s message must be a single line (the command line prints it as one).

Two inputs these properties once found (``'2022¹'`` and ``'--1'`` escaping ``parse_int`` as
``ValueError``; a header cell with a line break making a multi-line message) are kept as
regression tests at the end.

All data is written to temporary folders (these functions take any path; only the command line
insists on paths inside the project). Runs in well under 40 s: ``max_examples`` per property below.
Under CI (``CI`` set) the examples are derandomized, so a rare counter-example cannot turn a run red
without a code change; elsewhere every run draws new ones.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from analysis.clean.observations import year_range
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError, InputErrors
from analysis.ingest.csv_reader import LINE_COLUMN, read_strict_csv
from analysis.ingest.observations import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.ingest.printed_table import FOOTNOTE_PREFIX, TABLE_TITLE, PlanTable, parse_printed_table
from analysis.plan import load_plan
from analysis.settings import DEFAULT_PLAN_DIR
from tests.conftest import copy_plan
from tests.support.observations import read_observations

PLAN_NAME = "weihai-innovative-city-plan-2022.txt"
PLAN_LINES = (DEFAULT_PLAN_DIR / PLAN_NAME).read_text(encoding="utf-8").splitlines()
PLAN = load_plan(DEFAULT_PLAN_DIR)
YEAR_RANGE = year_range(PLAN)
TABLE_START = next(i for i, line in enumerate(PLAN_LINES) if line.strip() == TABLE_TITLE)
TABLE_END = next(i for i in range(TABLE_START, len(PLAN_LINES)) if PLAN_LINES[i].startswith(FOOTNOTE_PREFIX))

FUZZ = settings(deadline=None, derandomize=bool(os.environ.get("CI")), suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.filter_too_much])


@functools.lru_cache(maxsize=1)
def _indicators() -> pd.DataFrame:
    return clean_plan_table(load_plan_inputs(PLAN)).indicators


# --- the contract ---------------------------------------------------------------------------------------

def call_reader(function, *args):
    """Call a reader; return its result, or None when it raised InputError. Anything else fails."""
    try:
        result = function(*args)
    except InputError as exc:
        event(f"InputError, field {exc.field}")
        assert str(exc).strip(), "InputError with an empty message"
        # several mistakes (InputErrors) are told a line each: each one line, as a single error is
        for mistake in exc.errors if isinstance(exc, InputErrors) else [exc]:
            message = mistake.format()
            assert message.strip(), "InputError with an empty message"
            if len(message.splitlines()) > 1:
                raise AssertionError(f"InputError message spans several lines: {message!r}") from exc
        return None
    except Exception:
        raise
    event("returned")
    return result


# --- random CSV text ------------------------------------------------------------------------------------

LINE_BREAKS = ["\n", "\r\n", "\r"]
NASTY = ["", " ", ",", '"', '""', "\n", "\r", "\t", "\ufeff", "\x00", "NaN", "nan", "inf", "-inf", "1e309", "-0",
         "²", "2022¹", "--1", "-", "٣", "２０２２", "1_000", "0x10", "1,5", "约2.5", "定性评价", "国2.8/省3.1",
         "national", "provincial", "\u2028", "\x85", "é", "😀"]
cell_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=12),
                      st.text(alphabet=st.characters(codec="utf-8"), max_size=6))


with open(DEFAULT_PLAN_DIR / "indicator_metadata.csv", encoding="utf-8", newline="") as _handle:
    KNOWN_SERIES = [(row["indicator_id"], row["series"]) for row in csv.DictReader(_handle)]
UNKNOWN_SERIES = [("27", ""), ("0", ""), ("4", ""), ("1", "national"), ("5", "National"), ("-1", "")]


@st.composite
def observation_row(draw) -> dict:
    """A row an observation file could well hold: most rows pass every check."""
    indicator_id, series = draw(st.one_of(*[st.sampled_from(KNOWN_SERIES)] * 6, st.sampled_from(UNKNOWN_SERIES)))
    year = draw(st.one_of(*[st.integers(*YEAR_RANGE)] * 6, st.integers(2015, 2035)))
    value = draw(st.one_of(*[st.floats(0, 100).map(lambda v: f"{v:.2f}")] * 3, st.integers(0, 100000).map(str),
                           st.floats(allow_nan=True, allow_infinity=True).map(repr),
                           st.integers(-100, 0).map(str)))
    source = draw(st.sampled_from(["2022年统计公报", "bulletin", "bulletin, p. 3", '"quoted" title', " "]))
    note = draw(st.sampled_from(["", "preliminary", "revised\nlater"]))
    return {"indicator_id": indicator_id, "series": series, "year": str(year), "value": value, "source": source,
            "note": note}


simple_row = st.fixed_dictionaries({name: st.sampled_from(["1", "x", "", "a b", "é"]) for name in
                                    ["a", "b", "c", "indicator_id", "note", "x", "y"]})


@st.composite
def csv_bytes(draw, required, optional, plausible_row) -> bytes:
    """A CSV with (mostly) the expected columns in a random order, plausible rows and random defects."""
    messy = draw(st.booleans())  # the other half only has defects inside some cells
    header = list(required) + [c for c in optional if draw(st.booleans())]
    header = draw(st.permutations(header))
    edits = ["none"] * 6 + ["drop", "extra", "duplicate", "rename", "case", "pad"] if messy else ["none", "pad"]
    header_edit = draw(st.sampled_from(edits))
    if header_edit == "drop" and header:
        header = header[:-1]
    elif header_edit == "extra":
        header = header + [draw(st.sampled_from(["unit", "comment", "", LINE_COLUMN]))]
    elif header_edit == "duplicate" and header:
        header = header + [header[0]]
    elif header_edit == "rename" and header:
        header = [draw(cell_text)] + header[1:]
    elif header_edit == "case":
        header = [h.upper() for h in header]
    elif header_edit == "pad":  # spaces around names are stripped, so this one is fine
        header = [f" {h} " for h in header]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        base = draw(plausible_row)
        odds = 4 if messy else 25  # one cell in `odds` is replaced by nasty text
        row = [draw(cell_text) if draw(st.integers(1, odds)) == 1 else base.get(name.strip(), "")
               for name in header]
        if messy and draw(st.integers(0, 9)) == 0:  # ragged row
            row = row[: draw(st.integers(0, len(row)))] + draw(st.lists(cell_text, max_size=2))
        rows.append(row)
    if rows and draw(st.booleans()):  # repeat a row (duplicate year)
        rows.append(list(draw(st.sampled_from(rows))))
    if draw(st.integers(0, 5)) == 0:  # blank lines
        rows.insert(draw(st.integers(0, len(rows))), [])
    if not messy or draw(st.booleans()):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=draw(st.sampled_from(LINE_BREAKS))).writerows([header] + rows)
        text = buffer.getvalue()
    else:  # naive join: quotes and commas inside cells break the shape
        text = draw(st.sampled_from(LINE_BREAKS)).join(",".join(r) for r in [header] + rows)
    if messy and draw(st.integers(0, 4)) == 0:  # truncate
        text = text[: draw(st.integers(0, len(text)))]
    encodings = ["utf-8"] * 5 + ["utf-8-sig", "utf-16", "gbk"] if messy else ["utf-8", "utf-8-sig"]
    encoding = draw(st.sampled_from(encodings))
    data = text.encode(encoding, errors="replace")
    if messy and draw(st.integers(0, 5)) == 0:  # random bytes somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


def any_bytes(plausible, weight: int = 3):
    """Mostly ``plausible`` files, sometimes random bytes or random unicode text."""
    return st.one_of(*[plausible] * weight, st.binary(max_size=300),
                     st.text(max_size=200).map(lambda t: t.encode("utf-8")))


observation_files = any_bytes(csv_bytes(REQUIRED_COLUMNS, OPTIONAL_COLUMNS, observation_row()), weight=8)


# --- read_strict_csv --------------------------------------------------------------------------------------

COLUMN_POOL = ["a", "b", "c", "indicator_id", "note"]


@settings(FUZZ, max_examples=500)
@given(required=st.lists(st.sampled_from(COLUMN_POOL), min_size=1, max_size=3, unique=True),
       optional=st.lists(st.sampled_from(["x", "note", "y"]), max_size=2, unique=True), data=st.data())
def test_read_strict_csv_returns_or_raises_input_error(required, optional, data):
    optional = [c for c in optional if c not in required]
    content = data.draw(any_bytes(csv_bytes(required, optional, simple_row)), label="content")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.csv"
        path.write_bytes(content)
        frame = call_reader(read_strict_csv, path, required, optional)
    if frame is None:
        return
    assert list(frame.columns) == required + optional + [LINE_COLUMN]
    for column in required + optional:
        assert all(isinstance(cell, str) for cell in frame[column])
    lines = list(frame[LINE_COLUMN])
    assert all(isinstance(n, int) and n >= 2 for n in lines)
    assert lines == sorted(set(lines)), "csv_line must increase strictly"


def test_read_strict_csv_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_strict_csv(tmp_path / "absent.csv", ["a"])


# --- read_observations ----------------------------------------------------------------------------------

@settings(FUZZ, max_examples=400)
@given(files=st.lists(observation_files, min_size=1, max_size=2), names=st.sampled_from([["a.csv", "b.csv"],
                                                                                      ["z.csv", "a b.csv"]]))
def test_read_observations_returns_or_raises_input_error(files, names):
    indicators = _indicators()
    with tempfile.TemporaryDirectory() as folder:
        for name, data in zip(names, files):
            (Path(folder) / name).write_bytes(data)
        result = call_reader(read_observations, Path(folder), indicators, PLAN)
    if result is None:
        return
    observations, duplicates = result
    assert isinstance(duplicates, list)
    if observations.empty:
        return
    known = set(zip(indicators["indicator_id"], indicators["series"]))
    qualitative = set(zip(indicators.loc[indicators["kind"] == "qualitative", "indicator_id"],
                          indicators.loc[indicators["kind"] == "qualitative", "series"]))
    for row in observations.itertuples():
        key = (row.indicator_id, row.series)
        assert key in known and key not in qualitative
        assert YEAR_RANGE[0] <= row.year <= YEAR_RANGE[1]
        assert row.value == row.value and abs(row.value) != float("inf")
        assert row.reference.strip()
    assert not observations.duplicated(["indicator_id", "series", "year"]).any()


# --- parse_printed_table on mutated plan text ------------------------------------------------------------

TOKENS = ["", "\t", "\t\t", "\t定性评价", "\t国家级", "\t省级", "\t1", "\t27", "\t99", "\t0", "\t国2.8/省", "\t国/省",
          "\t3..5", "\tabc", "\t2.8 ", "\t-1", "\t1e3", "\t*", "注：", "注：无", TABLE_TITLE, "\t" + TABLE_TITLE,
          "\t一级指标", "\t二级指标", "\t2020年基础值", "continuation", "\u3000", "\ufeff"]
NUMBER = re.compile(r"\d+(\.\d+)?")

line_index = st.integers(TABLE_START - 2, TABLE_END + 2)
mutation = st.one_of(
    st.tuples(st.just("delete"), line_index),
    st.tuples(st.just("duplicate"), line_index),
    st.tuples(st.just("swap"), line_index, line_index),
    st.tuples(st.just("tab"), line_index, st.integers(0, 20)),
    st.tuples(st.just("blank"), line_index),
    st.tuples(st.just("replace_line"), line_index, st.one_of(st.sampled_from(TOKENS), st.text(max_size=10))),
    st.tuples(st.just("replace_number"), line_index,
              st.one_of(st.sampled_from(["", "x", "3..5", "国1/省2", "1 ", "-2", "1/2", "99999999999999999999"]),
                        st.text(max_size=4))),
)


def mutate(lines: list[str], mutations) -> list[str]:
    lines = list(lines)
    for op, i, *rest in mutations:
        if not lines:
            break
        i = min(max(i, 0), len(lines) - 1)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = min(max(rest[0], 0), len(lines) - 1)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "tab":
            at = min(rest[0], len(lines[i]))
            lines[i] = lines[i][:at] + "\t" + lines[i][at:]
        elif op == "blank":
            lines.insert(i, "")
        elif op == "replace_line":
            lines[i] = rest[0]
        elif op == "replace_number":
            lines[i] = NUMBER.sub(lambda m, new=rest[0]: new, lines[i], count=1)
    return lines


def _write_plan(folder: Path, lines: list[str], ending: str) -> Path:
    path = folder / PLAN_NAME
    path.write_text("\n".join(lines) + ending, encoding="utf-8")
    return path


@settings(FUZZ, max_examples=500)
@given(mutations=st.lists(mutation, min_size=1, max_size=4), ending=st.sampled_from(["\n", "", "\n\n"]))
def test_parse_printed_table_returns_or_raises_input_error(mutations, ending):
    with tempfile.TemporaryDirectory() as folder:
        path = _write_plan(Path(folder), mutate(PLAN_LINES, mutations), ending)
        table = call_reader(parse_printed_table, path)
    if table is not None:
        assert isinstance(table, PlanTable)


def test_parse_printed_table_reads_the_unmutated_text(tmp_path):
    table = parse_printed_table(_write_plan(tmp_path, PLAN_LINES, "\n"))
    assert table.rows["indicator_id"].max() == 26


@pytest.fixture(scope="module")
def plan_template():
    """A private copy of the plan folder (outside the project is fine for the library functions)."""
    with tempfile.TemporaryDirectory() as folder:
        yield copy_plan(DEFAULT_PLAN_DIR, Path(folder) / "weihai")


@settings(FUZZ, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                        HealthCheck.filter_too_much])
@given(mutations=st.lists(mutation, min_size=1, max_size=3))
def test_clean_plan_table_on_mutated_text_returns_or_raises_input_error(plan_template, mutations):
    """The table parser's output goes on through corrections, numbers, metadata and prose checks."""
    _write_plan(plan_template, mutate(PLAN_LINES, mutations), "\n")
    call_reader(lambda plan: clean_plan_table(load_plan_inputs(plan)), load_plan(plan_template))


# --- regressions: inputs that once escaped as ValueError or a multi-line message ---------------------------

HEADER = "indicator_id,series,year,value,source\n"


def test_regression_year_with_superscript_digit(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "10,,2022¹,1500,bulletin\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_observations(tmp_path, _indicators(), PLAN)


def test_regression_indicator_id_with_two_minus_signs(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "--1,,2022,1,bulletin\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_observations(tmp_path, _indicators(), PLAN)


def test_regression_header_cell_with_line_break(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('"indicator\n_id",series,year,value,source\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_strict_csv(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    assert len(str(caught.value).splitlines()) == 1


def test_regression_header_naming_the_line_column(tmp_path):
    # an unknown column is told with the rows' mistakes; one named as the reader's own line column is not read as one
    path = tmp_path / "a.csv"
    path.write_text("a,b,csv_line\n,1,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a.csv:1: header: unexpected column\(s\) csv_line"):
        read_strict_csv(path, ["a", "b"])
