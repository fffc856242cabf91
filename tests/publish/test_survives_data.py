"""Adding actual values the documented way never makes the tests fail.

A copy of the repository (its tracked files) gets a full set of observations for 2022–2024 in
``data/raw/weihai/observations/``, runs ``make data``'s command, and then the tests that read the
repository's own files (the notebooks under nbval, the committed processed tables, the plan
folder). Every other test builds its own inputs from copies without observations.

The example bulletins are added as a publication is: beside the repository's own observations. A row of theirs for
an indicator's year the committed data give another value for (a real bulletin revising 2022, say) is left out of the
copy, the real figure standing: the fictional one would be a second publication of that year that does not say which
is the later. A row giving the same value is copied, and kept once.
"""
from __future__ import annotations

import csv
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.settings import PROJECT_ROOT
from tests.conftest import FIXTURES

READS_THE_REPOSITORY = ["notebooks", "tests/publish/test_data.py", "tests/test_plan.py",
                        "tests/ingest/test_provenance.py", "tests/ingest/test_printed_table.py",
                        "tests/test_notebook_source.py"]


def tracked_files() -> list[str]:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True)
    return [name for name in listing.stdout.decode("utf-8").split("\0") if name]


def given_values(values: Path) -> dict[tuple[str, str, str], float]:
    """The actual value the processed ``values`` hold for each indicator's year (id, series, year, as written)."""
    with values.open(encoding="utf-8-sig", newline="") as file:
        return {(row["indicator_id"], row["series"], row["year"]): float(row["value"])
                for row in csv.DictReader(file) if row["value_type"] == "actual"}


def add_example(bulletin: Path, target: Path, given: dict[tuple[str, str, str], float]) -> None:
    """``bulletin`` copied to ``target`` without its rows for a year ``given`` another value already; nothing where
    no row is left."""
    lines = bulletin.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = list(csv.reader(lines))
    assert len(rows) == len(lines)  # one line a row: each line kept as written
    kept = [line for line, row in zip(lines[1:], rows[1:], strict=True)
            if math.isclose(given.get(tuple(row[:3]), float(row[3])), float(row[3]))]
    if kept:
        target.write_text(lines[0] + "".join(kept), encoding="utf-8")


def test_a_copy_of_the_repository_with_new_observations_still_passes(tmp_path):
    copy = tmp_path / "repository"
    for name in tracked_files():
        source = PROJECT_ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy / name)
    given = given_values(copy / "data" / "processed" / "weihai" / "indicator_values.csv")
    for bulletin in sorted((FIXTURES / "example-2022-2024").glob("*.csv")):
        add_example(bulletin, copy / "data" / "raw" / "weihai" / "observations" / f"example-{bulletin.name}", given)
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}  # the copy's code, rooted at the copy
    data = subprocess.run([sys.executable, "-m", "analysis", "data"], cwd=copy, env=env, capture_output=True,
                          text=True, timeout=300)
    assert data.returncode == 0, data.stderr
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
                            "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
                            *READS_THE_REPOSITORY], cwd=copy, env=env, capture_output=True, text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout and "failed" not in tests.stdout
