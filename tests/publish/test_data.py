"""``make data``: the processed tables of a plan, written together, and the committed ones up to date."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.clean.processed import (
    PLAIN_NUMBER_TEXT,
    PLAN_JSON,
    escape_text,
    format_csv,
    read_processed,
    read_table,
    unescape_text,
)
from analysis.errors import InputError, display_path
from analysis.plan import load_plan
from analysis.publish import folders
from analysis.publish.data import build_data, build_tables
from analysis.settings import DEFAULT_PLAN_DIR, PROCESSED_DIR, PROJECT_ROOT
from analysis.vocabulary import TABLES
from tests.conftest import copy_plan, relative


def test_build_writes_the_processed_files(tmp_path, weihai):
    written, changed = build_data(weihai, tmp_path, "eurostat")
    assert [p.name for p in written] == [PLAN_JSON, *TABLES] and sorted(changed) == sorted(written)
    assert {p.parent for p in written} == {tmp_path / "weihai"}
    for name in TABLES:
        assert (tmp_path / "weihai" / name).read_bytes().startswith("\ufeff".encode())  # Excel reads UTF-8 with BOM
    tables = read_processed(tmp_path / "weihai")
    assert len(tables.values) == 100 and len(tables.indicators) == 28
    # every report year is assessed, each series once a year
    assert tables.assessment.groupby("report_year").size().to_dict() == {2021: 28, 2022: 28, 2023: 28, 2024: 28}
    plan = json.loads((tmp_path / "weihai" / PLAN_JSON).read_text(encoding="utf-8"))
    assert plan["report_years"] == [2021, 2022, 2023, 2024] and plan["scheme"] == "eurostat"
    assert plan["sources"][0]["file"] == "weihai-innovative-city-plan-2022.txt"
    assert not [p for p in (tmp_path / "weihai").iterdir() if p.name.endswith(".tmp")]


def test_reading_the_tables_back_gives_the_same_values(tmp_path, weihai):
    build_data(weihai, tmp_path, "unsd")
    tables = read_processed(tmp_path / "weihai")
    written = pd.read_csv(tmp_path / "weihai" / "assessment.csv", encoding="utf-8-sig", keep_default_na=False)
    assert tables.assessment["progress_ratio"].dropna().tolist() == [
        float(x) for x in written["progress_ratio"] if x != ""]
    assert set(tables.assessment["scheme"]) == {"unsd"}
    assert tables.indicators["series"].tolist().count("") == 24  # empty series stay empty text
    assert tables.assessment["as_of_year"].dtype == "Int64"


@pytest.mark.parametrize("folder", [DEFAULT_PLAN_DIR, DEFAULT_PLAN_DIR.parent / "national-12th-fyp"],
                         ids=lambda folder: folder.name)
def test_committed_processed_files_match_a_fresh_build(folder):
    """data/processed is what `make data` writes from data/raw; run it after changing data/raw (`make data`, with
    PLAN= for another plan)."""
    plan = load_plan(folder)
    fresh = build_tables(plan, "eurostat").files()
    for name, data in fresh.items():
        committed = PROCESSED_DIR / plan.name / name
        assert committed.is_file() and committed.read_bytes() == data, f"{committed} is stale: run `make data`"


def test_a_failure_while_writing_leaves_every_processed_file_as_it_was(tmp_path, monkeypatch, weihai):
    build_data(weihai, tmp_path, "eurostat")
    folder = tmp_path / "weihai"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real = Path.write_bytes
    calls = []

    def fail_on_second(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_second)
    with pytest.raises(OSError):
        build_data(weihai, tmp_path, "unsd")  # another scheme: plan.json and assessment.csv change
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no temporaries left either
    assert [p.name for p in calls] == ["plan.json", "assessment.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".weihai.failed", ".weihai.lock", "weihai"]


def test_unchanged_files_are_not_rewritten(tmp_path, weihai):
    build_data(weihai, tmp_path, "eurostat")
    stamps = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "weihai").iterdir()}
    _, said = build_data(weihai, tmp_path, "unsd")
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "weihai").iterdir()}
    changed = sorted(name for name in stamps if stamps[name] != after[name])
    assert changed == ["assessment.csv", "plan.json"]  # the scheme changes nothing else
    assert [p.name for p in said] == changed  # and only those are said to be written
    assert build_data(weihai, tmp_path, "unsd")[1] == []


# --- text is never a formula -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("@SUM(A1)", "'@SUM(A1)"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"), ("\tTAB", "'\tTAB"), ("\rCR", "'\rCR"), ("'quoted", "''quoted"),
    ("-3.5", "-3.5"), ("+4", "+4"), ("1e5", "1e5"), ("统计公报", "统计公报"), ("a=b", "a=b"), ("", ""),
])
def test_text_a_spreadsheet_would_evaluate_is_written_as_text(text, written):
    assert escape_text(text) == written and unescape_text(written) == text


@settings(max_examples=200, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1),
                min_size=1, max_size=5))
def test_the_escape_is_undone_when_the_table_is_read(tmp_path_factory, texts):
    # Text reaches the tables as UTF-8 without CR (the readers keep a line break as LF); empty text is a missing
    # value.
    frame = pd.DataFrame({"name": texts, "number": [float(i) - 1.5 for i in range(len(texts))]})
    data = format_csv(frame)
    written = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype=str)
    for cell in written["name"]:
        assert not cell.startswith(("=", "+", "-", "@", "\t")) or PLAIN_NUMBER_TEXT.fullmatch(cell), cell
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(data)
    back = read_table(path, {"name": "str", "number": "float64"})
    assert back["name"].tolist() == texts and back["number"].tolist() == frame["number"].tolist()


def test_observation_text_reaches_the_tables_as_text(tmp_path, weihai, plan_copy):
    observations = tmp_path / "observations"
    observations.mkdir()
    (observations / "b.csv").write_text('indicator_id,series,year,value,source,note\n'
                                        '2,,2022,2.5,"=HYPERLINK(""http://x"",""y"")",@SUM(A1)\n', encoding="utf-8")
    build_data(load_plan(plan_copy), tmp_path / "processed", "eurostat", observations)
    text = (tmp_path / "processed" / "weihai" / "indicator_values.csv").read_text(encoding="utf-8-sig")
    assert '"\'=HYPERLINK(""http://x"",""y"")",\'@SUM(A1)' in text
    values = read_processed(tmp_path / "processed" / "weihai").values
    actual = values[values.value_type == "actual"].iloc[0]
    assert (actual.reference, actual.note) == ('=HYPERLINK("http://x","y")', "@SUM(A1)")


def test_a_table_that_is_not_what_the_project_wrote_is_named(tmp_path, weihai):
    build_data(weihai, tmp_path, "eurostat")
    path = tmp_path / "weihai" / "indicators.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = "9" * 5000 + lines[1][lines[1].index(","):]   # an id int() refuses to read
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.raises(InputError, match=r"indicators.csv: a value is not of its column's type .*; rebuild it with "
                                         r"`make data`"):
        read_processed(tmp_path / "weihai")


# --- the tables change as one ----------------------------------------------------------------------------

KILL_SCRIPT = """
import os, signal, sys
from pathlib import Path
from analysis.publish import folders

kill_at, folder = int(sys.argv[1]), Path(sys.argv[2])
count = [0]
real_replace = os.replace

def replace(*args, **kwargs):
    count[0] += 1
    if count[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(*args, **kwargs)

folders.os.replace = replace
new = {name: f"new {name}".encode() for name in ("a.csv", "b.csv", "c.csv")}
with folders.tables_lock(folder):
    folders.write_tables(new, folder)
"""


def test_a_kill_at_any_step_leaves_the_old_tables_or_the_new_never_a_mix(tmp_path):
    old = {"a.csv": b"old a.csv", "b.csv": b"old b.csv", "c.csv": b"new c.csv"}  # c.csv is unchanged
    new = {name: f"new {name}".encode() for name in old}
    outcomes = []
    for kill_at in range(1, 10):
        folder = tmp_path / str(kill_at) / "weihai"
        folder.mkdir(parents=True)
        for name, data in old.items():
            (folder / name).write_bytes(data)
        done = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(kill_at), str(folder)], timeout=60)
        if folder.is_dir():
            state = {p.name: p.read_bytes() for p in folder.iterdir()}
            assert state in (old, new), f"killed at step {kill_at}: a mix of old and new tables {state}"
            outcomes.append("old" if state == old else "new")
        else:
            outcomes.append("missing")
        # the next run repairs and cleans up whatever the kill left
        with folders.tables_lock(folder):
            folders.write_tables(new, folder)
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == new
        assert sorted(p.name for p in folder.parent.iterdir()) == [".weihai.lock", "weihai"], kill_at
        if done.returncode == 0:
            break
    else:
        pytest.fail("the run never finished")
    # The new folder is complete before the switch: the old one renamed aside (1), the new one into its place (2),
    # a cut between the two leaving the folder missing until the next run puts the old one back; 3 is never reached.
    assert done.returncode == 0 and outcomes == ["old", "missing", "new"]


def test_unchanged_files_are_carried_over_as_the_same_file(tmp_path):
    folder = tmp_path / "weihai"
    with folders.tables_lock(folder):
        assert folders.write_tables({"a.csv": b"a", "b.csv": b"b"}, folder) == ["a.csv", "b.csv"]
        inode = (folder / "a.csv").stat().st_ino
        (folder / "notes.txt").write_bytes(b"kept")       # a file the tables do not name stays
        assert folders.write_tables({"a.csv": b"a", "b.csv": b"b"}, folder) == []  # nothing changed: nothing done
        assert folders.write_tables({"a.csv": b"a", "b.csv": b"b2"}, folder) == ["b.csv"]
    assert (folder / "a.csv").stat().st_ino == inode and (folder / "b.csv").read_bytes() == b"b2"
    assert (folder / "notes.txt").read_bytes() == b"kept"


def test_a_processed_folder_that_links_out_of_the_project_is_refused(work_dir, weihai):
    outside = tempfile.mkdtemp(prefix="processed-outside-")
    try:
        (work_dir / "processed").mkdir()
        (work_dir / "processed" / "weihai").symlink_to(outside)
        with pytest.raises(InputError, match="processed/weihai: is a link that leads outside the project; an output"):
            build_data(weihai, work_dir / "processed", "eurostat")
        assert os.listdir(outside) == []
    finally:
        shutil.rmtree(outside)


def test_a_copied_plan_that_kept_its_name_never_overwrites_the_original_tables(tmp_path, weihai):
    build_data(weihai, tmp_path / "processed", "eurostat")
    folder = tmp_path / "processed" / "weihai"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    copy = load_plan(copy_plan(weihai.folder, tmp_path / "second-city"))  # the obvious start of a second plan
    with pytest.raises(InputError) as caught:
        build_data(copy, tmp_path / "processed", "eurostat")
    shown = display_path(folder)
    # at the name's line, the third of the plan.yml copied
    assert str(caught.value) == (
        f"{display_path(copy.folder / 'plan.yml')}:3: name: 'weihai' is also the name of the plan in "
        f"{display_path(weihai.folder)}, which made {shown}; give this plan a name of its own (if that plan folder was "
        f"moved here, delete {shown}: it is rebuilt)")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # the plan's own name: its own folder; the original's tables untouched
    text = (copy.folder / "plan.yml").read_text(encoding="utf-8").replace("name: weihai", "name: second-city")
    (copy.folder / "plan.yml").write_text(text, encoding="utf-8")
    written, _ = build_data(load_plan(copy.folder), tmp_path / "processed", "eurostat")
    assert {p.parent.name for p in written} == {"second-city"}
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert json.loads((folder / PLAN_JSON).read_text(encoding="utf-8"))["plan_folder"] == display_path(weihai.folder)


def test_make_data_waits_while_a_report_run_holds_the_tables_then_writes_its_own(work_dir, weihai):
    # a report run holds the tables from its data step to its end and publishes what it was made from: make data
    # run meanwhile (a value just added) waits, says so, and writes after it, so the new value is not undone
    plan = load_plan(copy_plan(weihai.folder, work_dir / "plan"))
    processed = work_dir / "processed"
    build_data(plan, processed, "eurostat")                               # the tables the report run uses
    before = {p.name: p.read_bytes() for p in (processed / "weihai").iterdir()}
    (plan.folder / "observations" / "2022.csv").write_text(
        "indicator_id,series,year,value,source\n2,,2022,2.55,Statistical bulletin 2022\n", encoding="utf-8")
    with folders.tables_lock(processed / "weihai"):                       # as a report run holds it
        process = subprocess.Popen([sys.executable, "-m", "analysis", "data", "--plan", relative(plan.folder),
                                    "--processed-dir", relative(processed)], cwd=PROJECT_ROOT, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        guard = threading.Timer(60, process.kill)                         # a run that never says so cannot hang
        guard.start()
        try:
            said = process.stderr.readline()                              # written before it blocks
            assert said == (f"waiting for the run that uses {relative(processed / 'weihai')} (a report being built) "
                            "to finish …\n")
            assert process.poll() is None                                 # still waiting
            assert {p.name: p.read_bytes() for p in (processed / "weihai").iterdir()} == before
        except BaseException:
            process.kill()
            raise
        finally:
            guard.cancel()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and err == "", err
    values = (processed / "weihai" / "indicator_values.csv").read_text(encoding="utf-8-sig")
    assert "Statistical bulletin 2022" in values and "2.55" in values
