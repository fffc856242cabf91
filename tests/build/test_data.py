"""``make data``: the processed tables of a plan, written together, and the committed ones up to date."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import files
from analysis.build.data import build_data, build_tables
from analysis.clean.schemas import TABLES
from analysis.clean.tables import PLAN_JSON, read_processed
from analysis.plan import load_plan
from analysis.settings import DEFAULT_PLAN_DIR, PROCESSED_DIR


def test_build_writes_the_processed_files(tmp_path, weihai):
    written = build_data(weihai, tmp_path, "eurostat")
    assert [p.name for p in written] == [PLAN_JSON, *TABLES]
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


def test_committed_processed_files_match_a_fresh_build(tmp_path):
    """data/processed is what `make data` writes from data/raw; run it after changing data/raw."""
    fresh = build_tables(load_plan(DEFAULT_PLAN_DIR), "eurostat")
    for name, data in fresh.items():
        committed = PROCESSED_DIR / "weihai" / name
        assert committed.is_file() and committed.read_bytes() == data, f"{committed} is stale: run `make data`"


def test_a_failure_while_writing_leaves_every_processed_file_as_it_was(tmp_path, monkeypatch, weihai):
    build_data(weihai, tmp_path, "eurostat")
    folder = tmp_path / "weihai"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real = files._write_temporary
    calls = []

    def fail_on_second(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(files, "_write_temporary", fail_on_second)
    with pytest.raises(OSError):
        build_data(weihai, tmp_path, "unsd")  # another scheme: plan.json and assessment.csv change
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no temporaries left either
    assert [p.name for p in calls] == ["plan.json", "assessment.csv"]


def test_unchanged_files_are_not_rewritten(tmp_path, weihai):
    build_data(weihai, tmp_path, "eurostat")
    stamps = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "weihai").iterdir()}
    build_data(weihai, tmp_path, "unsd")
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "weihai").iterdir()}
    changed = sorted(name for name in stamps if stamps[name] != after[name])
    assert changed == ["assessment.csv", "plan.json"]  # the scheme changes nothing else
