"""The up-to-date check: what changes a report's build key, and what makes a report outdated."""
from __future__ import annotations

import json
import shutil

import pytest

from analysis import build_cache
from analysis.build_cache import build_key, digests, input_files, outdated_reason, sha256_file
from analysis.errors import InputError
from analysis.paths import RAW_DIR
from analysis.report import (NOTEBOOKS, BatchError, JobOutcome, ReportJob, fingerprint, make_job, publish_tables,
                             split_into_groups)

PARAMETERS = {"report_year": 2024, "language": "zh"}


def published(folder, key, files):
    """A report folder as a run leaves it: files plus a manifest with their hashes and the key."""
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    outputs = {name: sha256_file(folder / name) for name in files}
    (folder / "manifest.json").write_text(json.dumps({"build": {"key": key}, "outputs": outputs}), encoding="utf-8")
    return folder


def test_key_changes_with_each_thing_a_report_is_made_from():
    inputs, code = {"data/raw/a.csv": "1" * 64}, {"src/analysis/x.py": "2" * 64}
    key = build_key(PARAMETERS, inputs, code, "env")
    assert key == build_key(dict(reversed(list(PARAMETERS.items()))), inputs, code, "env")  # order-free
    assert key != build_key({**PARAMETERS, "language": "en"}, inputs, code, "env")
    assert key != build_key(PARAMETERS, {"data/raw/a.csv": "3" * 64}, code, "env")
    assert key != build_key(PARAMETERS, inputs, {"src/analysis/x.py": "4" * 64}, "env")
    assert key != build_key(PARAMETERS, inputs, code, "other env")


def test_a_report_is_up_to_date_only_with_its_key_and_intact_outputs(tmp_path):
    folder = published(tmp_path / "2024" / "zh", "k1", {"report.html": b"<html>", "data/a.csv": b"1,2\n"})
    assert outdated_reason(folder, "k1") is None
    assert "changed" in outdated_reason(folder, "k2")
    (folder / "data" / "a.csv").write_bytes(b"1,3\n")
    assert outdated_reason(folder, "k1") == "data/a.csv was changed after it was built"
    (folder / "data" / "a.csv").unlink()
    assert outdated_reason(folder, "k1") == "data/a.csv is missing"
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    assert outdated_reason(folder, "k1") == "no readable manifest.json"
    assert outdated_reason(tmp_path / "2023" / "zh", "k1") == "no report yet"


def test_inputs_and_code_are_hashed_file_by_file(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    before = digests(input_files(raw, None))
    assert "observations/README.md" in "\n".join(before)
    (raw / "corrections.csv").write_bytes((raw / "corrections.csv").read_bytes() + b"\n")
    after = digests(input_files(raw, None))
    assert [name for name in before if before[name] != after[name]] == [str(raw / "corrections.csv")]
    code = build_cache.code_files(NOTEBOOKS)
    names = {p.name for p in code}
    assert {"progress.py", "report.py", "index.html.j2", "report.css", *NOTEBOOKS} <= names


def test_fingerprint_follows_the_observations_folder(tmp_path):
    code, environment = {"x": "y"}, "env"
    plain = fingerprint(make_job(2024, "zh", output_root=tmp_path), code, environment)
    other = fingerprint(make_job(2024, "zh", observations_dir="tests/fixtures/observations/good",
                                 output_root=tmp_path), code, environment)
    assert plain.key != other.key
    assert any("fixtures/observations/good" in name for name in other.inputs)


def test_environment_digest_is_stable_within_a_run():
    assert build_cache.environment_digest() == build_cache.environment_digest()


def test_publish_tables_writes_only_what_changed(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    (source / "a.csv").write_bytes(b"a\n")
    (source / "b.csv").write_bytes(b"b\n")
    publish_tables(source, target)
    assert sorted(p.name for p in target.iterdir()) == ["a.csv", "b.csv"]
    stamp = (target / "a.csv").stat().st_mtime_ns
    (source / "b.csv").write_bytes(b"b2\n")
    publish_tables(source, target)
    assert (target / "b.csv").read_bytes() == b"b2\n" and (target / "a.csv").stat().st_mtime_ns == stamp
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        publish_tables(source, tmp_path / "file")


def job(year, language):
    return ReportJob(year, language, "eurostat", RAW_DIR, None, RAW_DIR.parent / "unused")


def test_batches_keep_the_languages_of_a_year_together():
    jobs = [(job(year, language), None) for year in (2024, 2021, 2023, 2022) for language in ("zh", "en")]
    groups = split_into_groups(jobs, 2)
    labels = [[j.label for j, _ in group] for group in groups]
    assert labels == [["2021/en", "2021/zh", "2022/en", "2022/zh"], ["2023/en", "2023/zh", "2024/en", "2024/zh"]]
    assert [len(g) for g in split_into_groups(jobs, 3)] == [3, 3, 2]
    assert len(split_into_groups(jobs[:1], 4)) == 1


def test_batch_error_names_every_failure_and_its_kind():
    outcomes = [JobOutcome("2024/zh", "reports/2024/zh"), JobOutcome("2024/en", error_kind="input", message="bad")]
    error = BatchError(outcomes)
    assert "1 of 2 reports failed: 2024/en: bad" in str(error) and error.only_input_errors
    assert not BatchError(outcomes + [JobOutcome("2023/zh", error_kind="step", message="cell 3")]).only_input_errors
