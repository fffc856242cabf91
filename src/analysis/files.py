"""Files: reading inputs safely, content hashes, atomic writes and folders that change as one.

Reading: only regular files are read (a FIFO or a device named like an input would block a run or
never end), never larger than a limit, and never through a link that leads out of the project.

Atomic means a temporary file beside the target, flushed to disk, then renamed over it: a reader,
or a run killed half-way, sees the old file or the complete new one, never a truncated one. A folder
of tables changes as one: the new set is written into a generation folder beside it, which is then
exchanged with the old one in a single ``renameat2(RENAME_EXCHANGE)``; where the system lacks that
call, two renames are used and the next run repairs a cut between them. Only the standard library
is imported here, so a report's up-to-date check stays light.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError
from .settings import PROJECT_ROOT

#: Largest input file read (the plan text is 75 kB, a year's observations a few kB).
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: renameat2's flag: swap two existing paths atomically (Linux 3.15+, glibc 2.28+).
RENAME_EXCHANGE = 2
AT_FDCWD = -100
GENERATION_INFIX = ".generation-"
RETIRED_INFIX = ".retired-"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- reading inputs -------------------------------------------------------------------------------

def outside_project(path: Path) -> Path | None:
    """Where ``path`` really leads when a link on its way takes it out of the project, else None.

    A path that is what it says (no link) is the caller's business: the command line checks its
    folders itself, and tests read from temporary folders.
    """
    named = Path(os.path.abspath(path))
    real = Path(os.path.realpath(named))
    if real == named or real == PROJECT_ROOT or PROJECT_ROOT in real.parents:
        return None
    return real


def refuse_link_outside(path: Path, what: str = "input") -> None:
    """Refuse ``path`` when a link on its way leads out of the project (its target is not named)."""
    if outside_project(path) is not None:
        advice = "copy the file in instead of linking it" if what == "input" else "remove the link"
        raise InputError(f"is a link that leads outside the project; an {what} must lie inside it ({advice})",
                         file=path)


def regular_file_kind(mode: int) -> str | None:
    """None for a regular file, else what it is (a FIFO, a device, …)."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


@contextmanager
def open_regular(path: Path, limit: int | None = None) -> Iterator:
    """Open ``path`` for reading only if it is a regular file inside the project (or not a link), below ``limit``.

    The file is opened without blocking and checked on the open descriptor, so a FIFO put in its
    place cannot hang the run.
    """
    path = Path(path)
    refuse_link_outside(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("file not found", file=path) from None
    try:
        info = os.fstat(fd)
        kind = regular_file_kind(info.st_mode)
        if kind is not None:
            raise InputError(f"is {kind}, not a regular file; only regular files are read", file=path)
        if limit is not None and info.st_size > limit:
            raise InputError(f"{info.st_size:,} bytes; an input larger than {limit:,} bytes is not read (is it "
                             "the right file?)", file=path)
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


def read_regular(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (see :func:`open_regular`)."""
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while read
        raise InputError(f"larger than {limit:,} bytes; an input that large is not read", file=path)
    return data


def is_regular_file(path: Path) -> bool:
    """True for a regular file (following links), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# --- writing ------------------------------------------------------------------------------------

def _write_temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and flush it to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)  # mkstemp creates 0600; outputs are meant to be read by others
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return Path(tmp_name)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    write_files_atomic({Path(path): data})


def write_files_atomic(files: dict[Path, bytes]) -> None:
    """Write several files, each atomically.

    Every temporary file is written and flushed first, then all are renamed in one quick pass. A
    failure while writing leaves every target as it was; a kill can only land in the pass of
    renames, never inside a file. Files that must change as one set live in one folder: see
    :func:`replace_folder_files`.
    """
    temporaries: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            temporaries.append((_write_temporary(Path(path), data), Path(path)))
    except BaseException:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in temporaries:
        os.replace(temporary, path)


def write_changed_files(files: dict[Path, bytes]) -> list[Path]:
    """Write ``files`` so that they change as one, leaving those whose bytes are unchanged alone.

    Files of one folder (the processed tables) go through :func:`replace_folder_files`: a reader,
    or a run killed at any moment, sees the old set or the new set, never a mix.
    """
    files = {Path(path): data for path, data in files.items()}
    folders = {path.parent for path in files}
    if len(folders) == 1:
        [folder] = folders
        replace_folder_files(folder, {path.name: data for path, data in files.items()})
    else:
        changed = {path: data for path, data in files.items() if not _same_bytes(path, data)}
        if changed:
            write_files_atomic(changed)
    return list(files)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if not is_regular_file(path) or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


# --- a folder that changes as one ----------------------------------------------------------------

def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange_paths(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step; False where the system or file system cannot.

    Linux's ``renameat2(RENAME_EXCHANGE)``; elsewhere (or on a file system without it) the caller
    falls back to two renames.
    """
    function = _renameat2()
    if function is None:
        return False
    result = function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def switch_folder(new: Path, folder: Path, retired: Path) -> None:
    """Put the complete folder ``new`` in the place of ``folder``; the old one ends up at ``retired``.

    With an atomic exchange ``folder`` is always complete, old or new. Without it, ``folder`` is
    renamed to ``retired`` and ``new`` into its place; a kill between the two is repaired by
    :func:`recover_folder` on the next run (the old folder goes back).
    """
    if not folder.exists():
        os.rename(new, folder)
        return
    if exchange_paths(new, folder):
        os.rename(new, retired)  # ``new`` now holds the old folder
        return
    os.rename(folder, retired)
    os.rename(new, folder)


def leftovers(folder: Path) -> list[Path]:
    """What runs that were killed left beside ``folder``: unfinished generations and retired folders."""
    parent = folder.parent
    if not parent.is_dir():
        return []
    prefixes = (f".{folder.name}{GENERATION_INFIX}", f".{folder.name}{RETIRED_INFIX}")
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefixes))


def recover_folder(folder: Path) -> None:
    """Repair what a killed run left beside ``folder``: a retired folder is put back if ``folder`` is missing,
    the rest is removed."""
    for path in leftovers(folder):
        if not folder.exists() and f".{folder.name}{RETIRED_INFIX}" in path.name and path.is_dir():
            os.rename(path, folder)
        elif path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Wait for, then hold, the lock of ``folder`` (several report workers publish the same tables)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def replace_folder_files(folder: Path, files: dict[str, bytes]) -> bool:
    """Give ``folder`` the files ``files`` (by name) as one change; returns whether anything changed.

    Other files in the folder are kept. Unchanged files are carried over as hard links (the same
    file, its time stamp untouched), so only what changed is written; when nothing changed,
    nothing is touched.
    """
    folder = Path(folder)
    refuse_link_outside(folder, "output")
    if folder.exists() and not folder.is_dir():
        raise InputError("exists and is not a folder; the tables need a folder", file=folder)
    with folder_lock(folder):
        recover_folder(folder)
        if folder.is_dir() and all(_same_bytes(folder / name, data) for name, data in files.items()):
            return False
        new = Path(tempfile.mkdtemp(prefix=f".{folder.name}{GENERATION_INFIX}", dir=folder.parent))
        try:
            os.chmod(new, 0o755)
            if folder.is_dir():
                for entry in sorted(folder.iterdir()):
                    if entry.name not in files or _same_bytes(entry, files[entry.name]):
                        _carry_over(entry, new / entry.name)
            for name, data in files.items():
                if not (new / name).exists():
                    temporary = _write_temporary(new / name, data)
                    os.rename(temporary, new / name)
            _sync_folder(new)
            switch_folder(new, folder, folder.parent / f".{folder.name}{RETIRED_INFIX}{os.getpid()}")
        finally:
            recover_folder(folder)  # the retired folder, or the unfinished generation after a failure
        _sync_folder(folder.parent)
    return True


def _carry_over(entry: Path, target: Path) -> None:
    if entry.is_symlink():
        os.symlink(os.readlink(entry), target)
    elif entry.is_dir():
        shutil.copytree(entry, target, symlinks=True)
    else:
        try:
            os.link(entry, target)
        except OSError:
            shutil.copy2(entry, target)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
