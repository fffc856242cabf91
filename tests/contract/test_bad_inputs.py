"""Every bad input in ``tests/contract/bad_inputs/`` is rejected cleanly by the command line.

One case per folder (see ``bad_inputs/README.md``). For each case the test builds a private
working copy of the plan folder ``data/raw/weihai`` at ``tests/.work/<case>/plan`` (inside the
project, because the command line refuses paths outside it), puts the case's bad file(s) into it,
pre-fills ``tests/.work/<case>/processed/weihai`` with sentinel files, runs ``python -m analysis
data`` (or ``report`` when the case says ``command: report``) and checks the contract:

* exit status 2;
* stderr is exactly one line, ``error: ...``, containing every ``expect`` substring and none of the
  ``absent`` ones, with nothing a terminal would act on (no control or bidi character: names and
  cells are shown escaped);
* no ``Traceback`` anywhere, nothing on stdout;
* nothing written: every file under ``tests/.work/<case>`` (the sentinels, the raw copy) is
  byte-identical afterwards and no file appeared;
* the project's real plan folder is unchanged (sha256 of every file, taken once per session).

A case may carry an ``xfail`` key to document a known bug in ``src/analysis`` (marked
``xfail(strict=True)``, so it fails once the bug is fixed); none does now. ``good_inputs/`` holds
inputs that must be *accepted* (a BOM, a header-only file, an upper-case ``.CSV``, ...). What git
cannot hold or a case should not commit (a FIFO, a link, a file name with an escape code, a
200 kB cell) is made at test time by the case's ``prepare`` steps (see the README).

How it runs (kept well under a minute on 2 cores):

* **subprocess** (``sys.executable -m analysis data ...``, cwd the project root, timeout 120 s):
  every case marked ``xfail`` (a traceback escaping to a real terminal is the bug they document),
  every case with ``subprocess: true`` in its ``case.yml`` (one or more representatives of each
  kind), every good input and the ``--debug`` test. These start together on a thread pool (one
  worker per core, at least 2) when the first test of this file asks for them; each test then
  waits for its own result.
* **in-process** (``analysis.cli.main(["data", ...])`` with ``capsys``): all other cases. An
  exception escaping ``main`` is turned into a ``Traceback`` text on the captured stderr and
  ``SystemExit`` into the exit status, so the same assertions apply; warnings are recorded and
  appended to stderr as Python would print them.

Set ``BAD_INPUTS_SUBPROCESS=all`` to run every case as a subprocess (slower, the exact user view).
Each run creates and deletes its own ``tests/.work/<case>`` folder.
"""
from __future__ import annotations

import concurrent.futures
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.clean.processed import PLAN_JSON
from analysis.settings import DEFAULT_PLAN_DIR, PROJECT_ROOT
from analysis.vocabulary import TABLES
from tests.conftest import WORK_DIR, copy_plan

CONTRACT_DIR = Path(__file__).resolve().parent
BAD_DIR = CONTRACT_DIR / "bad_inputs"
GOOD_DIR = CONTRACT_DIR / "good_inputs"
PLAN_DIR = DEFAULT_PLAN_DIR
PROCESSED_FILES = (PLAN_JSON, *TABLES)
COMMANDS = ("data", "report")
KINDS = ("observation", "raw_overlay", "parameter")
TIMEOUT = 120
MIN_CASES = 32
DEBUG_CASE = "obs_value_nan"
ALL_SUBPROCESS = os.environ.get("BAD_INPUTS_SUBPROCESS", "") == "all"


# --- the corpus ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    spec: dict
    good: bool = False
    debug: bool = False

    @property
    def key(self) -> str:
        prefix = "good-" if self.good else ""
        suffix = "--debug" if self.debug else ""
        return f"{prefix}{self.name}{suffix}"

    @property
    def kind(self) -> str:
        return self.spec["kind"]

    @property
    def command(self) -> str:
        return self.spec.get("command", "data")

    @property
    def in_subprocess(self) -> bool:
        # A FIFO that the program wrongly opened would hang the test run itself: such cases run under a timeout.
        makes_fifo = any("fifo" in step for step in self.spec.get("prepare") or [])
        return (ALL_SUBPROCESS or self.good or self.debug or bool(self.spec.get("xfail"))
                or bool(self.spec.get("subprocess")) or makes_fifo)


def _load_cases(directory: Path, good: bool) -> list[Case]:
    if not directory.is_dir():
        return []
    cases = []
    for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
        spec_path = folder / "case.yml"
        if not spec_path.is_file():
            continue  # reported by test_corpus_is_well_formed
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8")) or {}
        cases.append(Case(folder.name, folder, spec, good=good))
    return cases


BAD_CASES = _load_cases(BAD_DIR, good=False)
GOOD_CASES = _load_cases(GOOD_DIR, good=True)


def _param(case: Case):
    marks = []
    if case.spec.get("xfail"):
        marks.append(pytest.mark.xfail(strict=True, reason=str(case.spec["xfail"])))
    return pytest.param(case, id=case.name, marks=marks)


# --- running one case --------------------------------------------------------------------------------

@dataclass
class Run:
    returncode: int | None
    stdout: str
    stderr: str
    before: dict[str, str]
    after: dict[str, str]
    actual_rows: list[dict] = field(default_factory=list)
    setup_error: str = ""
    outside: list[str] = field(default_factory=list)       # what appeared in the folder outside the project
    tables: dict[str, str] = field(default_factory=dict)    # the processed CSV files' text, by name


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(root: Path) -> dict[str, str]:
    """sha256 of every regular file below ``root``, by relative path (hidden files included); a link as its target.

    Links are not followed into folders (a case may link a folder outside the project), and a link
    that leaves the project is recorded by where it points, not read.
    """
    snapshot = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            snapshot[key] = "link -> " + os.readlink(path)
        elif path.is_file():
            snapshot[key] = _sha256(path)
    return snapshot


def _rel(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix()


def _case_files(case: Case) -> list[str]:
    listed = case.spec.get("files")
    if listed is not None:
        return list(listed)
    return sorted(p.name for p in case.folder.iterdir() if p.is_file() and p.name != "case.yml")


def _apply_tamper(plan: Path, tamper: dict | list) -> None:
    """Change the copied raw file(s) at test time (no tampered copy of the 75 KB plan is committed)."""
    if isinstance(tamper, list):
        for one in tamper:
            _apply_tamper(plan, one)
        return
    target = plan / tamper["file"]
    data = target.read_bytes()
    old, new = tamper["replace"].encode("utf-8"), tamper["with"].encode("utf-8")
    count = data.count(old)
    if count != 1:
        raise AssertionError(f"tamper: {tamper['replace']!r} occurs {count} times in {tamper['file']}, need 1")
    target.write_bytes(data.replace(old, new, 1))
    if tamper.get("update_sidecar"):
        sidecar = plan / (tamper["file"] + ".provenance.yml")
        text = sidecar.read_text(encoding="utf-8")
        text, n = re.subn(r"(?m)^sha256: .*$", f"sha256: {_sha256(target)}", text)
        assert n == 1, "tamper: the sidecar has no single 'sha256:' line"
        sidecar.write_text(text, encoding="utf-8")


def _apply_prepare(case: Case, places: dict[str, str]) -> None:
    """Make what a committed file cannot be. Paths name ``{plan}``, ``{processed}``, ``{work}`` or ``{outside}``.

    ``{fifo: PATH}`` a named pipe; ``{link: PATH, to: TARGET}`` a symbolic link (whatever was at
    PATH removed first); ``{copy: NAME, to: PATH}`` a file of the case under another name (an
    escape code, a line break); ``{write: PATH, text: TEXT, pad: {at: MARK, text: T, times: N}}``
    a file written here, ``MARK`` replaced by ``T`` repeated ``N`` times; ``{dir: PATH}`` a folder;
    ``{xlsx: PATH, rows: [[cell, …], …], sheet: NAME}`` a workbook (openpyxl) whose first sheet holds
    ``rows`` from A1 (a text starting with ``=`` is a formula there; ``{text: …}`` keeps it text); or with
    ``sheets: [{name, rows, hidden, hidden_rows, hidden_columns, zero_width_columns, merged,
    formats: {CELL: FORMAT}}, …]`` and
    ``active: N`` several sheets, ``year: Y`` the year a template records, ``department: D`` the department it
    records, ``strict: true`` saved as Strict Open XML, ``unpacked: N`` a part of N spaces added (a small file that
    unpacks huge).
    """
    def where(path: str) -> Path:
        path = Path(str(path).format(**places))
        return path if path.is_absolute() else PROJECT_ROOT / path

    for step in case.spec.get("prepare") or []:
        if "fifo" in step:
            os.mkfifo(where(step["fifo"]))
        elif "link" in step:
            target = where(step["link"])
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(where(step["to"]), target)
        elif "copy" in step:
            shutil.copyfile(case.folder / step["copy"], where(step["to"]))
        elif "write" in step:
            text = step["text"]
            if step.get("pad"):
                pad = step["pad"]
                text = text.replace(pad["at"], pad["text"] * int(pad["times"]))
            where(step["write"]).parent.mkdir(parents=True, exist_ok=True)
            where(step["write"]).write_bytes(text.encode("utf-8"))
        elif "dir" in step:
            where(step["dir"]).mkdir(parents=True, exist_ok=True)
        elif "xlsx" in step:
            sheets = step.get("sheets") or [{"name": step.get("sheet", "Sheet1"), "rows": step["rows"]}]
            _write_workbook(where(step["xlsx"]), sheets, step)
        else:
            raise AssertionError(f"prepare: unknown step {step}")


def _write_workbook(path: Path, sheets: list[dict], options: dict) -> None:
    import openpyxl
    import openpyxl.comments
    import openpyxl.styles
    from openpyxl.packaging.custom import IntProperty, StringProperty

    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec["name"])
        for row_number, row in enumerate(spec["rows"], 1):
            for column_number, value in enumerate(row, 1):
                cell = sheet.cell(row_number, column_number)
                if isinstance(value, dict):
                    cell.value = value["text"]
                    cell.data_type = "s"
                else:
                    cell.value = value
        if spec.get("hidden"):
            sheet.sheet_state = "hidden"
        for number in spec.get("hidden_rows") or []:
            sheet.row_dimensions[number].hidden = True
        for letter in spec.get("hidden_columns") or []:
            if ":" in letter:  # a range, as Excel writes it (one <col min max> entry)
                first, last = letter.split(":")
                sheet.column_dimensions.group(first, last, hidden=True)
            else:
                sheet.column_dimensions[letter].hidden = True
        for cell in spec.get("struck") or []:
            sheet[cell].font = openpyxl.styles.Font(strike=True)
        for cell in spec.get("white") or []:
            sheet[cell].font = openpyxl.styles.Font(color="FFFFFFFF")
        for cell, text in (spec.get("comments") or {}).items():
            sheet[cell].comment = openpyxl.comments.Comment(text, "department")
        for cells in spec.get("merged") or []:
            sheet.merge_cells(cells)
        for letter in spec.get("zero_width_columns") or []:
            sheet.column_dimensions[letter].width = 7  # made 0 below: openpyxl leaves a width of 0 out
        for cell, number_format in (spec.get("formats") or {}).items():
            sheet[cell].number_format = number_format
    book.active = options.get("active", 0)
    if options.get("year"):
        book.custom_doc_props.append(IntProperty(name="analysis_year", value=options["year"]))
    if options.get("year_sheet"):
        book.custom_doc_props.append(StringProperty(name="analysis_sheet", value=options["year_sheet"]))
    if options.get("department"):
        book.custom_doc_props.append(StringProperty(name="analysis_department", value=options["department"]))
    book.save(path)
    zero_high = {f"xl/worksheets/sheet{number}.xml": spec["zero_height_rows"]
                 for number, spec in enumerate(sheets, 1) if spec.get("zero_height_rows")}
    zero_wide = {f"xl/worksheets/sheet{number}.xml": spec["zero_width_columns"]
                 for number, spec in enumerate(sheets, 1) if spec.get("zero_width_columns")}
    if zero_high or zero_wide:  # openpyxl leaves a height or width of 0 out; Excel writes it (ht="0", width="0")
        import zipfile

        from openpyxl.utils import column_index_from_string

        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                part = source.read(entry)
                for number in zero_high.get(entry.filename, []):
                    part = re.sub(rb'<row r="%d"( [^>]*)?>' % number,
                                  b'<row r="%d" ht="0" customHeight="1">' % number, part)
                for letter in zero_wide.get(entry.filename, []):
                    number = column_index_from_string(letter)
                    part = re.sub(rb'<col width="7" customWidth="1" min="%d" max="%d"/>' % (number, number),
                                  b'<col width="0" customWidth="1" min="%d" max="%d"/>' % (number, number), part)
                target.writestr(entry.filename, part)
    if options.get("strict") or options.get("unpacked"):
        import zipfile

        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                part = source.read(entry)
                if options.get("strict") and entry.filename == "xl/workbook.xml":
                    part = part.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                        b"http://purl.oclc.org/ooxml/spreadsheetml/main")
                target.writestr(entry.filename, part)
            if options.get("unpacked"):
                target.writestr("xl/padding.xml", b" " * int(options["unpacked"]))


def _outside(work: Path) -> Path:
    """A folder outside the project that a case may point a link at; it must stay empty."""
    return Path(tempfile.gettempdir()) / f"contract-outside-{os.getpid()}-{work.name}"


def _prepare(case: Case, work: Path) -> list[str]:
    """Build ``work/plan`` and ``work/processed``; return the command-line arguments."""
    plan, processed = work / "plan", work / "processed"
    # copyfile, not copy2: the plan text is read-only in data/raw and a tamper must rewrite the copy.
    copy_plan(PLAN_DIR, plan)
    spec = case.spec
    if case.kind == "observation":
        for name in _case_files(case):
            shutil.copyfile(case.folder / name, plan / "observations" / name)
    elif case.kind == "raw_overlay":
        for name in spec.get("replaces") or []:
            shutil.copyfile(case.folder / name, plan / name)
        for name in spec.get("remove") or []:
            (plan / name).unlink()
    if spec.get("tamper"):
        _apply_tamper(plan, spec["tamper"])
    (processed / "weihai").mkdir(parents=True)
    for name in PROCESSED_FILES:
        (processed / "weihai" / name).write_bytes(f"sentinel {case.name} {name}: must survive a failed run\n".encode())
    (processed / ".sentinel-hidden").write_bytes(b"hidden sentinel\n")
    places = {"work": _rel(work), "plan": _rel(plan), "processed": _rel(processed)}
    _apply_prepare(case, {**places, "outside": str(_outside(work))})
    args = [case.command, "--plan", _rel(plan), "--processed-dir", _rel(processed)]
    if case.command == "report":
        args += ["--output-dir", _rel(work / "reports")]
    args += [str(a).format(**places) for a in spec.get("args") or []]
    if case.debug:
        args = [args[0], "--debug", *args[1:]]
    return args


def _actual_rows(processed: Path) -> list[dict]:
    path = processed / "weihai" / "indicator_values.csv"
    if not path.is_file():
        return []
    try:
        frame = pd.read_csv(io.BytesIO(path.read_bytes()), encoding="utf-8-sig", keep_default_na=False,
                            dtype={"series": str})
    except Exception:  # the sentinel, if nothing was written
        return []
    if "value_type" not in frame.columns:
        return []
    frame = frame[frame["value_type"] == "actual"]
    return [{"indicator_id": int(r.indicator_id), "series": r.series, "year": int(r.year), "value": float(r.value)}
            for r in frame.itertuples()]


def _run_subprocess(args: list[str]) -> tuple[int | None, str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONWARNINGS", None)
    try:
        done = subprocess.run([sys.executable, "-m", "analysis", *args], cwd=PROJECT_ROOT,
                              capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired as exc:
        return None, "", f"timed out after {TIMEOUT} s: {exc}"
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def _in_process_runner(capsys):
    """Run ``analysis.cli.main`` here, capturing what a terminal would show."""
    from analysis import cli

    def run(args: list[str]) -> tuple[int | None, str, str]:
        capsys.readouterr()
        escaped = ""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            try:
                code = cli.main(args)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception:  # what the interpreter would print, and its exit status
                code, escaped = 1, traceback.format_exc()
        out, err = capsys.readouterr()
        err += escaped + "".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno)
                                 for w in caught)
        return code, out, err

    return run


def _tables(processed: Path) -> dict[str, str]:
    folder = processed / "weihai"
    return {p.name: p.read_bytes().decode("utf-8", "replace") for p in sorted(folder.glob("*.csv"))
            if p.is_file() and not p.is_symlink()} if folder.is_dir() and not folder.is_symlink() else {}


def run_case(case: Case, runner=_run_subprocess) -> Run:
    work = WORK_DIR / case.key
    outside = _outside(work)
    for folder in (work, outside):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    try:
        try:
            args = _prepare(case, work)
        except Exception as exc:  # a broken case.yml: report it in the test, not as a pool crash
            return Run(None, "", "", {}, {}, setup_error=f"{type(exc).__name__}: {exc}")
        before = _snapshot(work)
        returncode, stdout, stderr = runner(args)
        return Run(returncode, stdout, stderr, before, _snapshot(work), _actual_rows(work / "processed"),
                   outside=sorted(p.name for p in outside.iterdir()), tables=_tables(work / "processed"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(outside, ignore_errors=True)


# --- fixtures ----------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def real_raw_hashes() -> dict[str, str]:
    """sha256 of every file in the real plan folder, before any case runs."""
    return _snapshot(PLAN_DIR)


@pytest.fixture(scope="session")
def runs(request, real_raw_hashes):
    """Start every selected case's subprocess on a thread pool; map case key -> Future[Run]."""
    wanted: dict[str, Case] = {}
    for item in request.session.items:
        if Path(str(getattr(item, "path", ""))).resolve() != Path(__file__).resolve():
            continue
        callspec = getattr(item, "callspec", None)
        case = callspec.params.get("case") if callspec is not None else None
        if isinstance(case, Case) and case.in_subprocess:
            wanted[case.key] = case
        if getattr(item, "originalname", "") == "test_debug_shows_traceback":
            debug = next(c for c in BAD_CASES if c.name == DEBUG_CASE)
            debug = Case(debug.name, debug.folder, debug.spec, debug=True)
            wanted[debug.key] = debug
    workers = max(2, os.cpu_count() or 2)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bad-input")
    futures = {key: pool.submit(run_case, case) for key, case in wanted.items()}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


def _result(runs, case: Case, capsys) -> Run:
    if not case.in_subprocess:
        result = run_case(case, _in_process_runner(capsys))
    elif case.key in runs:
        result = runs[case.key].result()
    else:  # not collected through the session (an unusual plugin): run it now
        result = run_case(case)
    assert not result.setup_error, f"could not set up case {case.name}: {result.setup_error}"
    return result


def _describe(case: Case, run: Run) -> str:
    how = "subprocess" if case.in_subprocess else "in-process"
    return (f"case {case.name} ({case.spec.get('description', '')}), run {how}\n"
            f"exit status: {run.returncode}\n--- stderr ---\n{run.stderr}\n--- stdout ---\n{run.stdout}")


def _changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = [f"changed: {k}" for k in before if k in after and before[k] != after[k]]
    changed += [f"deleted: {k}" for k in before if k not in after]
    changed += [f"new: {k}" for k in after if k not in before]
    return changed


# --- tests -------------------------------------------------------------------------------------------

def test_corpus_is_well_formed():
    folders = sorted(p for p in BAD_DIR.iterdir() if p.is_dir())
    assert len(BAD_CASES) >= MIN_CASES, f"only {len(BAD_CASES)} bad-input cases, want at least {MIN_CASES}"
    for folder in folders:
        assert (folder / "case.yml").is_file(), f"{folder.name}: no case.yml"
    for case in BAD_CASES + GOOD_CASES:
        spec = case.spec
        assert spec.get("description"), f"{case.name}: no description"
        assert spec.get("kind") in KINDS, f"{case.name}: kind {spec.get('kind')!r} not one of {KINDS}"
        if not case.good:
            assert spec.get("expect") and all(isinstance(e, str) and e for e in spec["expect"]), \
                f"{case.name}: expect must be a non-empty list of substrings"
        if spec["kind"] == "observation":
            assert _case_files(case), f"{case.name}: an observation case needs at least one file"
        if spec["kind"] == "raw_overlay":
            assert "replaces" in spec, f"{case.name}: a raw_overlay case lists the raw files it replaces"
            for name in spec["replaces"]:
                assert (case.folder / name).is_file(), f"{case.name}: replaces {name} but has no such file"
                assert (PLAN_DIR / name).is_file(), f"{case.name}: {name} is not a file of the plan folder"
            assert spec["replaces"] or spec.get("tamper") or spec.get("remove") or spec.get("prepare"), \
                f"{case.name}: a raw_overlay case must replace, remove, tamper with or prepare something"
        if spec["kind"] == "parameter":
            assert spec.get("args"), f"{case.name}: a parameter case needs args"
        assert case.command in COMMANDS, f"{case.name}: command {case.command!r} not one of {COMMANDS}"


@pytest.mark.parametrize("case", [_param(c) for c in BAD_CASES])
def test_bad_input_is_rejected_cleanly(case: Case, runs, real_raw_hashes, capsys):
    run = _result(runs, case, capsys)
    context = _describe(case, run)
    assert "Traceback" not in run.stderr + run.stdout, f"a traceback escaped\n{context}"
    assert run.returncode == 2, f"exit status {run.returncode}, expected 2\n{context}"
    lines = run.stderr.splitlines()
    assert len(lines) == 1, f"stderr has {len(lines)} lines, expected exactly one\n{context}"
    line = lines[0]
    assert line.startswith("error: "), f"stderr does not start with 'error: '\n{context}"
    missing = [e for e in case.spec["expect"] if e not in line]
    assert not missing, f"the error line lacks {missing}\n{context}"
    present = [e for e in case.spec.get("absent") or [] if e in line]
    assert not present, f"the error line shows {present}\n{context}"
    hidden = [f"U+{ord(c):04X}" for c in line if unicodedata.category(c)[0] in "CZ" and c != " "]
    assert not hidden, f"the error line holds characters a terminal acts on or hides: {hidden}\n{context}"
    assert run.stdout.strip() == "", f"unexpected output on stdout\n{context}"
    changes = _changes(run.before, run.after)
    assert not changes, "a failed run wrote files:\n" + "\n".join(changes) + f"\n{context}"
    assert not run.outside, f"a failed run wrote outside the project: {run.outside}\n{context}"
    assert _snapshot(PLAN_DIR) == real_raw_hashes, "the project's data/raw changed"


def test_debug_shows_traceback(runs, real_raw_hashes, capsys):
    case = next(c for c in BAD_CASES if c.name == DEBUG_CASE)
    case = Case(case.name, case.folder, case.spec, debug=True)
    run = _result(runs, case, capsys)
    context = _describe(case, run)
    assert run.returncode not in (0, None), context
    assert "Traceback (most recent call last)" in run.stderr, context
    assert "InputError" in run.stderr, context
    assert all(e in run.stderr for e in case.spec["expect"]), context
    assert not _changes(run.before, run.after), context
    assert _snapshot(PLAN_DIR) == real_raw_hashes


@pytest.mark.parametrize("case", [_param(c) for c in GOOD_CASES])
def test_good_input_is_accepted(case: Case, runs, real_raw_hashes, capsys):
    run = _result(runs, case, capsys)
    context = _describe(case, run)
    assert run.returncode == 0, context
    assert "Traceback" not in run.stderr + run.stdout, context
    assert run.stderr.strip() == "", context
    for name in PROCESSED_FILES:
        key = f"processed/weihai/{name}"
        assert key in run.after and run.after[key] != run.before[key], f"{name} was not rewritten\n{context}"
    raw_changes = [c for c in _changes(run.before, run.after) if c.split(": ", 1)[1].startswith("plan/")]
    assert not raw_changes, f"the run changed its plan folder: {raw_changes}"
    expected = sorted(case.spec.get("values") or [], key=lambda r: (r["indicator_id"], r["series"], r["year"]))
    actual = sorted(run.actual_rows, key=lambda r: (r["indicator_id"], r["series"], r["year"]))
    assert actual == expected, f"actual values read: {actual}, expected {expected}\n{context}"
    quality = run.tables.get("data_quality.csv", "")
    issues = [line.split(",", 1)[0].lstrip("\ufeff") for line in quality.splitlines()[1:]]
    for issue in case.spec.get("quality_issues") or []:
        assert issue in issues, f"data_quality.csv lists no {issue!r}: {issues}\n{context}"
    for name, texts in (case.spec.get("tables_contain") or {}).items():
        for text in texts:
            assert text in run.tables.get(name, ""), f"{name} lacks {text!r}\n{context}"
    assert not run.outside, f"the run wrote outside the project: {run.outside}"
    assert _snapshot(PLAN_DIR) == real_raw_hashes
