"""Shared fixtures. Notebooks under tests/fixtures are inputs for tests, not tests themselves."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.paths import RAW_DIR

collect_ignore_glob = ["fixtures/*"]

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of data/raw that a test may break without touching the real one."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_DIR, target)
    return target
