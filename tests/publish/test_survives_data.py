"""Adding actual values the documented way never makes the tests fail.

A copy of the repository (its tracked files) gets a full set of observations for 2022–2024 in
``data/raw/weihai/observations/``, runs ``make data``'s command, and then the tests that read the
repository's own files (the notebooks under nbval, the committed processed tables, the plan
folder). Every other test builds its own inputs from copies without observations.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from analysis.settings import PROJECT_ROOT
from tests.conftest import FIXTURES

READS_THE_REPOSITORY = ["notebooks", "tests/publish/test_data.py", "tests/test_plan.py",
                        "tests/ingest/test_provenance.py", "tests/ingest/test_printed_table.py",
                        "tests/test_notebook_source.py"]


def tracked_files() -> list[str]:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True)
    return [name for name in listing.stdout.decode("utf-8").split("\0") if name]


def test_a_copy_of_the_repository_with_new_observations_still_passes(tmp_path):
    copy = tmp_path / "repository"
    for name in tracked_files():
        source = PROJECT_ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy / name)
    for bulletin in sorted((FIXTURES / "example-2022-2024").glob("*.csv")):
        shutil.copyfile(bulletin, copy / "data" / "raw" / "weihai" / "observations" / f"example-{bulletin.name}")
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}  # the copy's code, rooted at the copy
    data = subprocess.run([sys.executable, "-m", "analysis", "data"], cwd=copy, env=env, capture_output=True,
                          text=True, timeout=300)
    assert data.returncode == 0, data.stderr
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
                            "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
                            *READS_THE_REPOSITORY], cwd=copy, env=env, capture_output=True, text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout and "failed" not in tests.stdout
