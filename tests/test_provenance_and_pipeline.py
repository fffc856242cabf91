"""Raw checksums, the processed files, and the environment files agreeing."""
from __future__ import annotations

import re
import shutil
import tomllib

import pandas as pd
import pytest
import yaml

from analysis.errors import InputError
from analysis.paths import PROCESSED_DIR, PROJECT_ROOT, RAW_DIR
from analysis.pipeline import PROCESSED_FILES, build_data
from analysis.provenance import sha256_of, verify_provenance


def test_source_checksum_matches_its_sidecar():
    sidecar = yaml.safe_load((RAW_DIR / "weihai-innovative-city-plan-2022.txt.provenance.yml").read_text())
    assert sha256_of(RAW_DIR / sidecar["file"]) == sidecar["sha256"]
    assert (RAW_DIR / sidecar["file"]).stat().st_size == sidecar["bytes"]
    assert [meta["file"] for meta in verify_provenance()] == [sidecar["file"]]


def test_tampered_source_is_refused(raw_copy):
    source = raw_copy / "weihai-innovative-city-plan-2022.txt"
    source.write_bytes(source.read_bytes().replace("3..5".encode(), "3.5".encode()))
    with pytest.raises(InputError, match="sha256 is .* the raw file has changed"):
        verify_provenance(raw_copy)


def test_build_writes_the_processed_files(tmp_path):
    written = build_data(RAW_DIR, tmp_path)
    assert sorted(p.name for p in written) == sorted(PROCESSED_FILES)
    for name in PROCESSED_FILES:
        raw = (tmp_path / name).read_bytes()
        assert raw.startswith("\ufeff".encode())  # Excel opens UTF-8 with a BOM correctly
        frame = pd.read_csv(tmp_path / name, encoding="utf-8-sig")
        assert len(frame) > 0
    values = pd.read_csv(tmp_path / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(values) == 100
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_committed_processed_files_match_a_fresh_build(tmp_path):
    build_data(RAW_DIR, tmp_path)
    # The year-independent tables; assessment and required growth follow `make data YEAR=...`.
    for name in ("indicators.csv", "indicator_values.csv", "data_quality.csv"):
        assert (PROCESSED_DIR / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"data/processed/{name} is stale: run `make data`")


def _requirement_names(specs):
    parsed = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", spec.strip())
        parsed[match.group(1).lower().replace("_", "-")] = match.group(2).replace(" ", "")
    return parsed


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pip_specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pip_specs += extra
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda_specs = [d for d in environment["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    assert _requirement_names(conda_specs) == _requirement_names(pip_specs)
    assert "matplotlib" in _requirement_names(pip_specs) and _requirement_names(pip_specs)["matplotlib"] == ">=3.11"


def test_a_failure_while_writing_leaves_every_processed_file_as_it_was(tmp_path, monkeypatch):
    from analysis import atomic_files

    build_data(RAW_DIR, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = atomic_files._write_temporary
    calls = []

    def fail_on_third(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(atomic_files, "_write_temporary", fail_on_third)
    with pytest.raises(OSError):
        build_data(RAW_DIR, tmp_path, report_year=2023)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporaries left either


def test_loaded_data_is_remembered_by_content_and_every_caller_gets_a_copy(tmp_path):
    from analysis import pipeline

    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    first = pipeline.load_monitoring_data(raw)
    first.values.loc[0, "value"] = -999.0  # a caller's edit must not reach the next caller
    second = pipeline.load_monitoring_data(raw)
    assert second.values.loc[0, "value"] != -999.0
    assert second.values.equals(pipeline._load_monitoring_data(raw, raw / "observations").values)
    # a changed input is a new key: the metadata edit shows up at once
    metadata = raw / "indicator_metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace("R&D intensity", "R&D spending intensity", 1),
                        encoding="utf-8")
    third = pipeline.load_monitoring_data(raw)
    assert "R&D spending intensity" in set(third.indicators["short_name_en"])
    assert "R&D spending intensity" not in set(second.indicators["short_name_en"])
