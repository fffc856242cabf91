"""Writing files: atomically, with the permissions the user's umask asks for."""
from __future__ import annotations

import os
import stat

import pytest

from analysis.files import current_umask, write_bytes_atomic, write_files_atomic


@pytest.fixture
def umask():
    """Set the process's umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_written_file_has_the_mode_the_umask_gives(tmp_path, umask, mask, mode):
    umask(mask)
    assert current_umask() == mask
    write_bytes_atomic(tmp_path / "a.csv", b"a\n")
    write_files_atomic({tmp_path / "b.csv": b"b\n", tmp_path / "c" / "d.csv": b"d\n"})
    for path in (tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c" / "d.csv"):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o777 & ~mask  # a folder made on the way too


def test_an_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    write_bytes_atomic(tmp_path / "a.csv", b"old\n")
    write_bytes_atomic(tmp_path / "a.csv", b"new\n")
    assert (tmp_path / "a.csv").read_bytes() == b"new\n" and [p.name for p in tmp_path.iterdir()] == ["a.csv"]
