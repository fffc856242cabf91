"""Writing files: atomically, with the permissions the user's umask asks for."""
from __future__ import annotations

import os
import stat

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError
from analysis.files import current_umask, read_regular, refuse_link_outside, write_bytes_atomic, write_files_atomic


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


def test_an_inputs_mistake_is_told_in_the_language_the_run_asks_for(tmp_path):
    """A pipe named like an input, a file not there, one too large, a link out of the project: in Chinese."""
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "big.csv").write_bytes(b"x" * 2000)
    (tmp_path / "passwd.csv").symlink_to("/etc/passwd")
    (tmp_path / "out").symlink_to("/tmp")
    cases = [(lambda: read_regular(tmp_path / "pipe.csv"), "是命名管道（FIFO），不是普通文件：只读取普通文件"),
             (lambda: read_regular(tmp_path / "absent.csv"), "找不到文件"),
             (lambda: read_regular(tmp_path / "big.csv", 1000),
              "共2,000字节；超过1,000字节的输入文件不读取（是否放错了文件？）"),
             (lambda: read_regular(tmp_path / "passwd.csv"),
              "是指向项目以外的链接：输入文件须放在项目内（请把文件本身复制进来，不要用链接）"),
             (lambda: refuse_link_outside(tmp_path / "out", "output"),
              "是指向项目以外的链接：输出须写在项目内（请删除该链接）")]
    for read, reason in cases:
        with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
            read()
        assert caught.value.reason == reason
    with pytest.raises(InputError) as caught:  # English where the run asks for no language
        read_regular(tmp_path / "big.csv", 1000)
    assert caught.value.reason == "2,000 bytes; an input larger than 1,000 bytes is not read (is it the right file?)"
