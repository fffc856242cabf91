"""Shared fixtures: the real plan, private copies a test may break, the fictional second plan.

Tests build their own inputs: nothing here reads ``data/processed`` or depends on what has been
added to ``data/raw/weihai/observations/``, so adding data the documented way never breaks a test.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analysis.plan import load_plan
from analysis.settings import DEFAULT_PLAN_DIR, PROJECT_ROOT

collect_ignore_glob = ["fixtures/*"]

TESTS_DIR = Path(__file__).resolve().parent
FIXTURES = TESTS_DIR / "fixtures"
LAKESIDE_DIR = FIXTURES / "plans" / "lakeside"
#: Where tests that go through the command line work (it refuses folders outside the project).
WORK_DIR = TESTS_DIR / ".work"


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


#: The reports the page and Word tests read: the example 2022–2024 data's final report in both languages, and a
#: mid-term report with no actual values.
EXAMPLE_REPORTS = {"final-zh": (2024, "zh", FIXTURES / "example-2022-2024"),
                   "final-en": (2024, "en", FIXTURES / "example-2022-2024"), "mid-term-en-plain": (2023, "en", None)}


@pytest.fixture(scope="session")
def example_reports(weihai_in_project, project_tmp) -> dict[str, Path]:
    """The folders of :data:`EXAMPLE_REPORTS`, built once a session."""
    from analysis.build.batch import render_reports
    from analysis.build.job import make_job

    root = project_tmp / "layout"
    jobs = {case: make_job(weihai_in_project, year, language, output_root=root / case, observations_dir=observations)
            for case, (year, language, observations) in EXAMPLE_REPORTS.items()}
    render_reports(list(jobs.values()), force=True, progress=lambda line: None)
    return {case: job.destination for case, job in jobs.items()}


@pytest.fixture(scope="session")
def example_tables(weihai_in_project, project_tmp) -> Path:
    """The processed tables of the example 2022–2024 data, assessed, built once a session (read, never changed)."""
    from analysis.build.data import build_tables

    folder = project_tmp / "example-tables" / "weihai"
    folder.mkdir(parents=True)
    for name, data in build_tables(weihai_in_project, "eurostat", FIXTURES / "example-2022-2024").items():
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
