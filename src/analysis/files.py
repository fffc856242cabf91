"""Files: reading inputs safely, content hashes and atomic writes.

Reading: only regular files are read (a FIFO or a device named like an input would block a run or
never end), never larger than a limit, and never through a link that leads out of the project.

Atomic means a temporary file beside the target, flushed to disk, then renamed over it (``os.replace``):
a reader, or a run killed half-way, sees the old file or the complete new one, never a truncated one.
Folders that change as one (a report, a plan's processed tables) are :mod:`analysis.publish.folders`'s.
Only the standard library and the word catalogs (a mistake is told in the run's language, :mod:`analysis.catalog`)
are imported here, so a report's up-to-date check stays light.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .catalog import plan_error, told_words
from .errors import InputError
from .settings import PROJECT_ROOT

#: Largest input file read (the plan text is 75 kB, a year's observations a few kB).
MAX_INPUT_BYTES = 20 * 1024 * 1024


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
    """Refuse ``path`` when a link on its way leads out of the project (its target is not named); ``what``: an
    ``input`` or an ``output``."""
    if outside_project(path) is not None:
        raise InputError(plan_error(f"plan_yml.link_outside_{what}"), file=path)


def regular_file_kind(mode: int, words=None) -> str | None:
    """None for a regular file, else what it is (a FIFO, a device, …), in ``words``' language (the run's by
    default)."""
    if stat.S_ISREG(mode):
        return None
    words = words or told_words()
    for test, name in ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "character_device"),
                       (stat.S_ISBLK, "block_device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return words[f"plan_errors.plan_yml.file_kinds.{name}"]
    return words["plan_errors.plan_yml.file_kinds.other"]


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
        raise InputError(plan_error("plan_yml.file_not_found"), file=path) from None
    try:
        info = os.fstat(fd)
        kind = regular_file_kind(info.st_mode)
        if kind is not None:
            raise InputError(plan_error("plan_yml.not_regular", kind=kind), file=path)
        if limit is not None and info.st_size > limit:
            raise InputError(plan_error("plan_yml.too_large", size=info.st_size, limit=limit), file=path)
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
        raise InputError(plan_error("plan_yml.grew_too_large", limit=limit), file=path)
    return data


def is_regular_file(path: Path) -> bool:
    """True for a regular file (following links), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# --- writing ------------------------------------------------------------------------------------

def current_umask() -> int:
    """The process's umask (``umask 077`` keeps outputs private, ``022`` lets others read them). Read from
    ``/proc`` where Linux gives it, since setting it to read it back would, for a moment, make every file
    another thread creates world-writable."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _write_temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and flush it to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~current_umask())  # mkstemp creates 0600; a file as open() would make it
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
