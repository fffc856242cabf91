"""Shared fixtures: the real plan, private copies a test may break, the fictional second plan, and the reports
many tests read, built once for the whole run.

Tests build their own inputs: nothing here reads ``data/processed`` or depends on what has been
added to ``data/raw/weihai/observations/``, so adding data the documented way never breaks a test.

The reports (:func:`example_reports`) are built once per test run, not once per worker: the first
worker that asks builds them under a file lock (py-filelock), the others wait and read them. They lie
in a folder of this run (``tests/.work/run-<id>``), removed when the run ends.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import filelock
import pytest

from analysis.plan import load_plan
from analysis.settings import DEFAULT_PLAN_DIR, PROJECT_ROOT

collect_ignore_glob = ["fixtures/*"]

TESTS_DIR = Path(__file__).resolve().parent
FIXTURES = TESTS_DIR / "fixtures"
LAKESIDE_DIR = FIXTURES / "plans" / "lakeside"
NATIONAL_DIR = PROJECT_ROOT / "data" / "raw" / "national-12th-fyp"
#: The national plan's published values as frozen for the tests (never its live observations/ folder, which a
#: researcher adds to: tests/fixtures/published/README.md).
NATIONAL_PUBLISHED = FIXTURES / "published" / "national-12th-fyp"
#: Where tests that go through the command line work (it refuses folders outside the project).
WORK_DIR = TESTS_DIR / ".work"
#: Names this test run (set by the controlling process, inherited by the workers of pytest-xdist).
RUN_ID = "ANALYSIS_TEST_RUN"


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the controlling process (or the only one)
        os.environ[RUN_ID] = uuid.uuid4().hex[:10]


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        shutil.rmtree(run_folder(), ignore_errors=True)
        try:
            WORK_DIR.rmdir()  # only when empty
        except OSError:
            pass


def run_folder() -> Path:
    """The folder of this test run, inside the project, shared by its workers."""
    return WORK_DIR / f"run-{os.environ.get(RUN_ID, 'local')}"


def built_once(name: str, build: Callable[[Path], None]) -> Path:
    """``run_folder()/name``, made by ``build(folder)`` once for the whole run: the first worker to ask builds it,
    the others wait for it."""
    folder = run_folder() / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    with filelock.FileLock(folder.parent / f".{name}.lock"):
        if not (folder.parent / f".{name}.done").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder.parent / f".{name}.done").write_text("", encoding="utf-8")
    return folder


def copy_plan(source: Path, target: Path, observations: Path | None = None) -> Path:
    """A copy of a plan folder whose observations are exactly ``observations`` (none by default)."""
    shutil.copytree(source, target, copy_function=shutil.copyfile,
                    ignore=shutil.ignore_patterns("observations"))
    (target / "observations").mkdir()
    if observations is not None:
        for path in sorted(Path(observations).iterdir()):
            if path.is_file():
                shutil.copyfile(path, target / "observations" / path.name)
    return target


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A private copy of the Weihai plan folder, without observations, that a test may break."""
    return copy_plan(DEFAULT_PLAN_DIR, tmp_path / "weihai")


@pytest.fixture(scope="session")
def weihai_plan_dir(tmp_path_factory) -> Path:
    """The Weihai plan as printed, with no observations, shared by the tests that only read it."""
    return copy_plan(DEFAULT_PLAN_DIR, tmp_path_factory.mktemp("plans") / "weihai")


@pytest.fixture(scope="session")
def weihai(weihai_plan_dir):
    return load_plan(weihai_plan_dir)


@pytest.fixture(scope="session")
def lakeside():
    return load_plan(LAKESIDE_DIR)


@pytest.fixture(scope="session")
def project_tmp() -> Path:
    """A scratch folder inside the project (reports and notebook parameters must stay inside it)."""
    folder = WORK_DIR / f"session-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
    try:
        WORK_DIR.rmdir()  # only when empty
    except OSError:
        pass


@pytest.fixture(scope="session")
def weihai_in_project(project_tmp):
    """The Weihai plan without observations, inside the project, for reports built by the tests."""
    return load_plan(copy_plan(DEFAULT_PLAN_DIR, project_tmp / "plans" / "weihai"))


#: The reports many tests read, built in one run: the example 2022–2024 data's final report in both languages,
#: beside the fictional Lakeside plan's mid-term (2026, zh) and final (2027, en) reports; and a mid-term report
#: with no actual values. Name: (plan, year, language, observations, output folder, processed folder).
EXAMPLE_REPORTS = {"final-zh": ("weihai", 2024, "zh", FIXTURES / "example-2022-2024", "final", "processed-example"),
                   "final-en": ("weihai", 2024, "en", FIXTURES / "example-2022-2024", "final", "processed-example"),
                   "mid-term-en-plain": ("weihai", 2023, "en", None, "plain", "processed-plain"),
                   # the mid-term with data: interim targets met and missed, the next target's need
                   "mid-term-zh": ("weihai", 2023, "zh", FIXTURES / "example-2022-2024", "mid", "processed-example"),
                   # its English edition: the need's column in English ("Needed in 2024")
                   "mid-term-en": ("weihai", 2023, "en", FIXTURES / "example-2022-2024", "mid", "processed-example")}
LAKESIDE_REPORTS = {"lakeside-2026-zh": ("lakeside", 2026, "zh", None, "final", "processed-example"),
                    "lakeside-2027-en": ("lakeside", 2027, "en", None, "final", "processed-example")}
#: A real second plan: the national 12th Five-Year S&T plan's final evaluation, with its values as collected.
NATIONAL_REPORTS = {"national-2015-zh": ("national", 2015, "zh", FIXTURES / "national-12th-fyp-2021", "final",
                                         "processed-example")}
#: The pages a layout test reads: the Weihai reports.
LAYOUT_REPORTS = list(EXAMPLE_REPORTS)


@pytest.fixture(scope="session")
def shared_weihai():
    """The Weihai plan without observations, inside the project, shared by every worker of the run."""
    folder = built_once("weihai-plan", lambda folder: copy_plan(DEFAULT_PLAN_DIR, folder / "weihai"))
    return load_plan(folder / "weihai")


@pytest.fixture(scope="session")
def example_reports(shared_weihai) -> dict[str, Path]:
    """The folders of :data:`EXAMPLE_REPORTS`, :data:`LAKESIDE_REPORTS` and :data:`NATIONAL_REPORTS`, built once
    for the whole run."""
    from analysis.publish.job import make_job
    from analysis.publish.report import render_reports

    plans = {"weihai": shared_weihai, "lakeside": load_plan(LAKESIDE_DIR), "national": load_plan(NATIONAL_DIR)}

    def jobs(root: Path) -> dict:
        return {case: make_job(plans[plan], year, language, observations_dir=observations, output_root=root / output,
                               processed_root=root / processed)
                for case, (plan, year, language, observations, output, processed)
                in {**EXAMPLE_REPORTS, **LAKESIDE_REPORTS, **NATIONAL_REPORTS}.items()}

    root = built_once("reports", lambda folder: render_reports(list(jobs(folder).values()), force=True,
                                                                progress=lambda line: None))
    return {case: job.destination for case, job in jobs(root).items()}


@pytest.fixture(scope="session")
def example_tables(weihai_in_project, project_tmp) -> Path:
    """The processed tables of the example 2022–2024 data, assessed, built once a session (read, never changed)."""
    from analysis.publish.data import build_tables

    folder = project_tmp / "example-tables" / "weihai"
    folder.mkdir(parents=True)
    for name, data in build_tables(weihai_in_project, "eurostat", FIXTURES / "example-2022-2024").files().items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def work_dir(request) -> Path:
    """A folder inside the project for tests that run the command line; removed afterwards."""
    folder = WORK_DIR / request.node.name.replace("[", "-").replace("]", "")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def relative(path: Path) -> str:
    return str(Path(path).resolve().relative_to(PROJECT_ROOT))
