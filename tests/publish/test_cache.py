"""The up-to-date check: what changes a report's build key, and what makes a report outdated."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import ExitStack

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError
from analysis.files import sha256_file
from analysis.plan import load_plan
from analysis.publish import cache
from analysis.publish.cache import Fingerprint, build_key, digests, fingerprint, notebook_digest, outdated_reason
from analysis.publish.folders import lock_path, tables_lock, write_tables
from analysis.publish.job import ReportJob, make_job
from analysis.publish.report import BatchError, Build, check, groups, shared_label
from tests.conftest import FIXTURES, relative

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


def prints(key):
    return Fingerprint(key, {}, {}, {})


def test_key_changes_with_each_thing_a_report_is_made_from():
    inputs, code, env = {"data/raw/a.csv": "1" * 64}, {"src/analysis/x.py": "2" * 64}, {"python": "3.11.7"}
    key = build_key(PARAMETERS, inputs, code, env)
    assert key == build_key(dict(reversed(list(PARAMETERS.items()))), inputs, code, env)  # order-free
    assert key != build_key({**PARAMETERS, "language": "en"}, inputs, code, env)
    assert key != build_key(PARAMETERS, {"data/raw/a.csv": "3" * 64}, code, env)
    assert key != build_key(PARAMETERS, inputs, {"src/analysis/x.py": "4" * 64}, env)
    assert key != build_key(PARAMETERS, inputs, code, {"python": "3.12.0"})


def test_a_report_is_up_to_date_only_with_its_key_and_intact_outputs(tmp_path):
    folder = published(tmp_path / "2024" / "zh", "k1", {"report.html": b"<html>", "data/a.csv": b"1,2\n"})
    assert outdated_reason(folder, prints("k1"), PARAMETERS) is None
    assert outdated_reason(folder, prints("k2"), PARAMETERS) == "parameters changed"  # none recorded
    (folder / "data" / "a.csv").write_bytes(b"1,3\n")
    assert outdated_reason(folder, prints("k1"), PARAMETERS) == "data/a.csv was changed after it was built"
    (folder / "data" / "a.csv").unlink()
    assert outdated_reason(folder, prints("k1"), PARAMETERS) == "data/a.csv is missing"
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    assert outdated_reason(folder, prints("k1"), PARAMETERS) == "no readable manifest.json"
    assert outdated_reason(tmp_path / "2023" / "zh", prints("k1"), PARAMETERS) == "no report yet"


def test_the_reason_names_what_changed(tmp_path):
    folder = published(tmp_path / "r", "old", {"report.html": b"x"})
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.update(parameters=PARAMETERS, inputs={"plan/a.csv": "1"})
    manifest["build"].update(code={"x.py": "1"}, environment={"python": "3.11"})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    now = Fingerprint("new", {"plan/a.csv": "1", "plan/observations/2024.csv": "2"}, {"x.py": "1"}, {"python": "3.11"})
    assert outdated_reason(folder, now, PARAMETERS) == "inputs changed: plan/observations/2024.csv added"


def test_the_reason_names_the_package_or_font_that_changed_in_the_runs_language(tmp_path):
    """A fresh clone's setup installs lxml 6.2.1 where the committed reports were built with 6.2.0, or Noto Sans CJK
    of other content: the log line names it ("lxml 6.2.0 → 6.2.1", "font file NotoSansCJK-Regular.ttc changed"),
    never only "packages changed"; in a zh run in Chinese."""
    from analysis.catalog import catalog

    built = {"python": "3.11.7", "machine": "x86_64", "packages": {"lxml": "6.2.0", "pandas": "3.1.1"},
             "libraries": ["libpango-1.0.so.0.5000.12"], "fonts": {"NotoSansCJK-Regular.ttc": "a" * 64,
                                                                   "DejaVuSans.ttf": "b" * 64}}
    folder = published(tmp_path / "r", "old", {"report.html": b"x"})
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.update(parameters=PARAMETERS, inputs={})
    manifest["build"].update(code={}, environment=built)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    cases = (({"packages": {"lxml": "6.2.1", "pandas": "3.1.1"}}, "environment changed: lxml 6.2.0 → 6.2.1",
              "环境已改变：lxml 6.2.0 → 6.2.1"),
             ({"packages": {"lxml": "6.2.0", "pandas": None}}, "environment changed: pandas 3.1.1 → not installed",
              "环境已改变：pandas 3.1.1 → 未安装"),
             ({"fonts": {"NotoSansCJK-Regular.ttc": "c" * 64, "DejaVuSans.ttf": "b" * 64}},
              "environment changed: font file NotoSansCJK-Regular.ttc changed",
              "环境已改变：字体文件 NotoSansCJK-Regular.ttc 有改动"),
             ({"python": "3.11.8"}, "environment changed: Python 3.11.7 → 3.11.8",
              "环境已改变：Python 3.11.7 → 3.11.8"),
             ({"libraries": ["libpango-1.0.so.0.5000.12", "libharfbuzz.so.0.60000.0"]},
              "environment changed: text-layout library libharfbuzz.so.0.60000.0 added",
              "环境已改变：排版库 libharfbuzz.so.0.60000.0 为新增"))
    for change, english, chinese in cases:
        now = Fingerprint("new", {}, {}, {**built, **change})
        assert outdated_reason(folder, now, PARAMETERS) == english
        assert outdated_reason(folder, now, PARAMETERS, catalog("zh")) == chinese


def test_a_font_is_keyed_by_its_content_not_by_when_it_was_installed(tmp_path, monkeypatch):
    """A fresh install of the same font files (another modification time) is the same environment; other bytes in
    one are not. Each file is hashed once: a run whose fonts did not change reads none of them again."""
    fonts, _ = _machine(tmp_path)
    monkeypatch.setattr(cache, "FONT_DIRS", (fonts,))
    monkeypatch.setattr(cache, "FONT_DIGESTS", tmp_path / "cache" / "font-digests.json")
    before = cache.environment()["fonts"]
    # the report's two fonts by name (another font of the machine left out), each by the sha256 of its bytes
    import hashlib
    assert before == {"DejaVuSans.ttf": hashlib.sha256(b"dejavu 2.37").hexdigest(),
                      "NotoSansCJK-Regular.ttc": hashlib.sha256(b"noto 2.004").hexdigest()}
    noto = fonts / "opentype/noto/NotoSansCJK-Regular.ttc"
    os.utime(noto, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))  # installed again, the same bytes
    assert cache.environment()["fonts"] == before
    read = []
    monkeypatch.setattr(cache, "_content_digest", lambda path: read.append(path.name) or "0" * 64)
    assert cache.environment()["fonts"] == before and read == []  # nothing changed: no font read again
    noto.write_bytes(b"noto 2.005")  # the same size, other bytes
    os.utime(noto, ns=(1_800_000_000_000_000_000, 1_800_000_000_000_000_000))
    assert cache.environment()["fonts"]["NotoSansCJK-Regular.ttc"] == "0" * 64
    assert read == ["NotoSansCJK-Regular.ttc"]


def test_inputs_are_the_plan_folder_file_by_file(tmp_path):
    folder = shutil.copytree(FIXTURES / "plans" / "lakeside", tmp_path / "lakeside")
    plan = load_plan(folder)
    before = digests(plan.input_files())
    assert any(name.endswith("observations/2025-bulletin.csv") for name in before)
    (folder / "values.csv").write_bytes((folder / "values.csv").read_bytes() + b"\n")
    after = digests(plan.input_files())
    assert [name for name in before if before[name] != after[name]] == [str(folder / "values.csv")]


def test_fingerprint_follows_the_observations_folder(tmp_path, weihai):
    code, environment = {"x": "y"}, {"python": "3"}
    plain = fingerprint(make_job(weihai, 2024, "zh", output_root=tmp_path), code, environment)
    other = fingerprint(make_job(weihai, 2024, "zh", observations_dir=FIXTURES / "observations" / "good",
                                 output_root=tmp_path), code, environment)
    assert plain.key != other.key
    assert any("fixtures/observations/good/2022-bulletin.csv" in name for name in other.inputs)


def test_the_environment_records_package_versions_and_text_libraries(monkeypatch):
    env = cache.environment()
    assert env["packages"]["pandas"] and env["packages"]["weasyprint"]
    assert any(name.startswith("libpango-1.0.so") for name in env["libraries"])
    real = cache.metadata.version
    monkeypatch.setattr(cache.metadata, "version", lambda name: "0.0" if name == "weasyprint" else real(name))
    assert cache.environment()["packages"]["weasyprint"] == "0.0" and cache.environment() != env


def _machine(root):
    """A machine's fonts and text-layout libraries, as the files environment() looks at: the report's Noto Sans CJK
    and DejaVu Sans, another font, and pango and harfbuzz as the loader finds them (versioned file, soname link)."""
    fonts = root / "fonts"
    for name, data in (("opentype/noto/NotoSansCJK-Regular.ttc", b"noto 2.004"),
                       ("truetype/dejavu/DejaVuSans.ttf", b"dejavu 2.37"),
                       ("truetype/dejavu/DejaVuSerif.ttf", b"dejavu serif 2.37")):
        (fonts / name).parent.mkdir(parents=True, exist_ok=True)
        (fonts / name).write_bytes(data)
    libraries = root / "lib" / "x86_64-linux-gnu"
    libraries.mkdir(parents=True)
    for name, version in (("pango-1.0", "0.5000.12"), ("harfbuzz", "0.60000.0")):
        (libraries / f"lib{name}.so.{version}").write_bytes(b"elf")
        (libraries / f"lib{name}.so.0").symlink_to(f"lib{name}.so.{version}")
    return fonts, libraries


def test_only_what_changes_a_reports_bytes_changes_the_environment(tmp_path, monkeypatch):
    assert not any(folder.endswith("/*") for folder in cache.LIBRARY_DIRS)  # not every program's own folder
    fonts, libraries = _machine(tmp_path)
    monkeypatch.setattr(cache, "FONT_DIRS", (fonts, tmp_path / "no-such-folder"))
    monkeypatch.setattr(cache, "FONT_DIGESTS", tmp_path / "font-digests.json")
    monkeypatch.setattr(cache, "LIBRARY_DIRS", (str(libraries), str(tmp_path / "lib")))
    versions = {"matplotlib": "3.11.2", "weasyprint": "70.0", "pypandoc-binary": "1.17", "xlsxwriter": "3.3.1",
                "pandas": "3.1.1", "requests": "2.32.0"}

    def version(name):
        if name not in versions:
            raise cache.metadata.PackageNotFoundError(name)
        return versions[name]

    monkeypatch.setattr(cache.metadata, "version", version)
    before = cache.environment()
    assert before["packages"]["matplotlib"] == "3.11.2" and before["packages"]["seaborn"] is None
    assert before["libraries"] == ["libharfbuzz.so.0.60000.0", "libpango-1.0.so.0.5000.12"]
    # An office suite and a browser arrive: fonts of their own, in their own folders, a copy of harfbuzz beside the
    # program, and a package no report uses changes version: no report changes.
    for name in ("truetype/libreoffice/opens___.ttf", "truetype/liberation/LiberationSerif-Regular.ttf",
                 "chromium/NotoColorEmoji.ttf", "opentype/noto/NotoSerifCJK-Regular.ttc"):
        (fonts / name).parent.mkdir(parents=True, exist_ok=True)
        (fonts / name).write_bytes(b"another font")
    (tmp_path / "lib" / "libreoffice" / "program").mkdir(parents=True)
    (tmp_path / "lib" / "libreoffice" / "program" / "libharfbuzz.so.0").write_bytes(b"elf")
    (tmp_path / "lib" / "chromium").mkdir()
    (tmp_path / "lib" / "chromium" / "libfreetype.so.6").write_bytes(b"elf")
    versions["requests"] = "2.33.0"
    assert cache.environment() == before
    # A face of a font the report is set in, a new version of that font, of a package that writes the report, of a
    # text-layout library: each changes the key.
    (fonts / "truetype/dejavu/DejaVuSans-Bold.ttf").write_bytes(b"dejavu bold 2.37")
    assert cache.environment()["fonts"] != before["fonts"]
    (fonts / "truetype/dejavu/DejaVuSans-Bold.ttf").unlink()
    assert cache.environment() == before
    (fonts / "truetype/liberation/LiberationSans-Regular.ttf").write_bytes(b"liberation 2.1")  # English editions'
    assert cache.environment()["fonts"] != before["fonts"]
    (fonts / "truetype/liberation/LiberationSans-Regular.ttf").unlink()
    assert cache.environment() == before
    for name in ("matplotlib", "weasyprint", "pypandoc-binary", "xlsxwriter", "pandas"):
        versions[name] += ".1"
        assert cache.environment()["packages"][name] == versions[name]
        assert build_key({}, {}, {}, cache.environment()) != build_key({}, {}, {}, before)
        versions[name] = versions[name][:-2]
    assert cache.environment() == before
    (libraries / "libharfbuzz.so.0").unlink()
    (libraries / "libharfbuzz.so.0.60000.0").unlink()
    (libraries / "libharfbuzz.so.0.60100.0").write_bytes(b"elf")
    (libraries / "libharfbuzz.so.0").symlink_to("libharfbuzz.so.0.60100.0")
    assert cache.environment()["libraries"] == ["libharfbuzz.so.0.60100.0", "libpango-1.0.so.0.5000.12"]
    (fonts / "opentype/noto/NotoSansCJK-Regular.ttc").write_bytes(b"noto 2.005, a longer file")
    assert cache.environment()["fonts"] != before["fonts"]
    monkeypatch.setattr(cache, "FONT_DIRS", (tmp_path / "no-such-folder",))
    assert cache.environment()["fonts"] != before["fonts"]  # without its fonts the report would fail, or change


def test_a_notebook_is_hashed_by_its_cells_not_its_outputs(tmp_path):
    notebook = {"cells": [{"cell_type": "code", "source": ["x = 1"], "metadata": {}, "outputs": [],
                           "execution_count": None}], "metadata": {"kernelspec": {"name": "python3"}}}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook))
    empty = notebook_digest(path)
    notebook["cells"][0].update(outputs=[{"output_type": "stream", "name": "stdout", "text": "1"}],
                                execution_count=7)
    notebook["metadata"]["language_info"] = {"version": "3.11.7"}
    path.write_text(json.dumps(notebook))
    assert notebook_digest(path) == empty  # running and saving in JupyterLab changes nothing
    notebook["cells"][0]["source"] = ["x = 2"]
    path.write_text(json.dumps(notebook))
    assert notebook_digest(path) != empty


def test_publishing_writes_only_the_tables_that_changed(tmp_path):
    target = tmp_path / "processed" / "weihai"
    with tables_lock(target):
        assert write_tables({"a.csv": b"a\n", "b.csv": b"b\n"}, target) == ["a.csv", "b.csv"]
    assert sorted(p.name for p in target.iterdir()) == ["a.csv", "b.csv"]
    (target / "notes.txt").write_bytes(b"kept")
    with tables_lock(target):
        assert write_tables({"a.csv": b"a\n", "b.csv": b"b\n"}, target) == []  # nothing changed, nothing done
        assert write_tables({"a.csv": b"a\n", "b.csv": b"b2\n"}, target) == ["b.csv"]
    assert (target / "b.csv").read_bytes() == b"b2\n" and (target / "notes.txt").read_bytes() == b"kept"
    assert sorted(p.name for p in target.parent.iterdir()) == [".weihai.lock", "weihai"]
    target.rename(tmp_path / "moved")
    target.write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        with tables_lock(target):
            pass


def test_reports_of_one_plan_share_their_data_step(weihai, lakeside, tmp_path):
    jobs = [ReportJob(weihai, year, language, "eurostat") for year in (2024, 2023) for language in ("zh", "en")]
    jobs.append(ReportJob(lakeside, 2026, "zh", "eurostat"))
    builds = [Build(job, None) for job in jobs]
    grouped = groups(builds)
    assert [[build.label for build in group] for group in grouped] == [
        ["weihai/2024/zh", "weihai/2024/en", "weihai/2023/zh", "weihai/2023/en"], ["lakeside/2026/zh"]]
    assert [shared_label(group) for group in grouped] == ["weihai", "lakeside/2026/zh"]
    assert shared_label(builds[:2]) == "weihai/2024"
    other = Build(ReportJob(weihai, 2024, "zh", "eurostat", observations_dir=tmp_path), None)
    with pytest.raises(InputError, match="need processed folders of their own"):
        groups([*builds, other])


@pytest.mark.parametrize(("language", "busy", "not_a_folder", "own_folders"), [
    ("zh", "同一年份、同一语言的报告正由另一次运行生成：请等其结束（该次运行结束后即解除锁定）",
     "已存在，但不是文件夹：处理后的数据表须存放在文件夹中",
     "同一次运行中由其他观测数据或其他进度阈值方案生成的报告，须各用各的处理后数据文件夹（--processed-dir）"),
    ("en", "another report run for this year and language is in progress; wait for it to finish (the lock is released "
           "when that run exits)",
     "exists and is not a folder; the processed tables need a folder",
     "reports of one run made from other observations or another scheme need processed folders of their own "
     "(--processed-dir)"),
])
def test_a_runs_own_mistakes_are_told_in_the_language_it_asks_for(weihai, tmp_path, language, busy, not_a_folder,
                                                                  own_folders):
    job = ReportJob(weihai, 2024, "zh", "eurostat", output_root=tmp_path / "reports")
    job.destination.parent.mkdir(parents=True)
    with mistakes_told_in(language):
        # the report's folder held by another run (py-filelock's lock on Unix, as a running report holds it)
        with open(lock_path(job.destination), "w") as handle, ExitStack() as held:
            fcntl.flock(handle, fcntl.LOCK_EX)
            with pytest.raises(InputError) as caught:
                check([job], False, lambda line: None, held)
        assert str(caught.value) == f"{lock_path(job.destination)}: {busy}"
        # a file where the processed tables go
        (tmp_path / "processed").write_text("x")
        with pytest.raises(InputError) as caught, tables_lock(tmp_path / "processed"):
            pass
        assert str(caught.value) == f"{tmp_path / 'processed'}: {not_a_folder}"
        # two reports of other observations into one processed folder
        other = ReportJob(weihai, 2024, "en", "eurostat", observations_dir=tmp_path)
        with pytest.raises(InputError) as caught:
            groups([Build(ReportJob(weihai, 2024, "zh", "eurostat"), None), Build(other, None)])
        assert str(caught.value) == f"{relative(other.tables)}: {own_folders}"


def test_batch_error_names_each_failure_once_with_its_reports():
    error = BatchError({"data.csv:3: value: bad": ["weihai/2023/zh", "weihai/2024/zh"],
                        "notebook failed\x1b[2J": ["weihai/2024/en"]}, only_input_errors=False)
    assert error.lines() == ["error: data.csv:3: value: bad", "  stopped: weihai/2023/zh, weihai/2024/zh",
                             "error: notebook failed\\x1b[2J", "  stopped: weihai/2024/en"]
    assert str(error) == ("data.csv:3: value: bad (stopped: weihai/2023/zh, weihai/2024/zh); notebook failed\x1b[2J "
                          "(stopped: weihai/2024/en)")
    assert not error.only_input_errors


def test_one_rule_decides_what_is_hashed_and_what_is_read(work_dir, weihai):
    """An edited BULLETIN.CSV outside data/raw is not "up to date": the key hashes what the reader reads."""
    folder = work_dir / "bulletins"
    folder.mkdir()
    bulletin = folder / "BULLETIN.CSV"
    bulletin.write_text("indicator_id,series,year,value,source\n2,,2022,2.5,bulletin\n", encoding="utf-8")
    job = make_job(weihai, 2024, "zh", observations_dir=folder, output_root=work_dir)
    first = fingerprint(job, {}, {})
    assert relative(bulletin) in first.inputs
    bulletin.write_text("indicator_id,series,year,value,source\n2,,2022,2.6,bulletin\n", encoding="utf-8")
    assert fingerprint(job, {}, {}).key != first.key
    (folder / "README.md").write_text("notes\n", encoding="utf-8")  # not read, not hashed
    same = fingerprint(job, {}, {})
    (folder / ".draft.csv").write_text("draft\n", encoding="utf-8")   # not read, but listed in the log: by name
    hidden = fingerprint(job, {}, {})
    assert hidden.key != same.key and hidden.inputs[relative(folder / ".draft.csv")] == cache.SKIPPED
    (folder / ".draft.csv").write_text("another draft\n", encoding="utf-8")
    assert fingerprint(job, {}, {}).key == hidden.key
    (folder / "bulletin.csv.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError, match="bulletin.csv.txt: ends in .csv.txt"):
        fingerprint(job, {}, {})  # refused by the up-to-date check as by the reader


def test_a_manifest_that_is_not_a_regular_file_is_no_manifest(tmp_path):
    folder = tmp_path / "2024" / "zh"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "manifest.json")  # reading it would block the scheduled run for ever
    assert outdated_reason(folder, prints("k"), PARAMETERS) == "no readable manifest.json"


def test_the_inputs_date_is_never_after_today(tmp_path, monkeypatch):
    import datetime
    import subprocess

    from analysis.publish import manifest

    def no_git(*args, **kwargs):
        raise OSError("git: not found")

    monkeypatch.setattr(subprocess, "run", no_git)
    old, future = tmp_path / "old.csv", tmp_path / "future.csv"
    old.write_text("x", encoding="utf-8")
    os.utime(old, (978_350_400, 978_350_400))                          # 2001-01-01 12:00 UTC
    assert manifest.inputs_date([old]) == "2001-01-01"
    future.write_text("x", encoding="utf-8")
    os.utime(future, (4_102_488_000, 4_102_488_000))                   # 2100-01-01 12:00 UTC
    assert manifest.inputs_date([old, future]) == datetime.date.today().isoformat()
