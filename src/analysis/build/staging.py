"""A report is built in a staging folder beside its destination and swapped in when complete.

A failed or killed run therefore leaves the previous ``<year>/<language>/`` as it was, and the swap
never leaves it missing: the staging folder and the report are exchanged in one atomic step
(``renameat2(RENAME_EXCHANGE)``, :func:`analysis.files.exchange_paths`), or, where the system lacks
it, by two renames whose cut the next run repairs. Whatever a killed run leaves (a staging folder, a
half-swapped previous report, temporary files) is cleaned up when the next run for that report
starts, and the last failed run, kept for inspection, is removed then too: at most one failed run
per report is ever kept. A lock per report folder keeps two runs for the same report from
interleaving. Standard library only.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError
from ..files import exchange_paths, refuse_link_outside

STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"
FAILED_PREFIX = ".failed-"


def lock_path(destination: Path) -> Path:
    return destination.parent / f".{destination.name}.lock"


@contextmanager
def report_lock(destination: Path) -> Iterator[None]:
    """An exclusive lock per report folder; a second run stops at once with a clear message.

    A report folder (or a folder above it) that is a link leading out of the project is refused.
    """
    refuse_link_outside(destination, "output")
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path(destination), "w")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError("another report run for this year and language is in progress; wait for it to "
                             "finish (the lock is released when it exits)", file=lock_path(destination)) from None
        yield
    finally:
        handle.close()


def staging_folder(destination: Path) -> Path:
    """Where a report is built; one per report, since the lock allows one run at a time."""
    return destination.parent / f"{STAGING_PREFIX}{destination.name}"


def failed_folder(destination: Path) -> Path:
    return destination.parent / f"{FAILED_PREFIX}{destination.name}"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def recover_interrupted_swap(destination: Path) -> None:
    """Undo what earlier runs left, as a new run starts (under the report's lock).

    The previous report is put back if a two-rename swap was cut; staging folders, previous
    reports, the last failed run and stray temporary files are removed.
    """
    parent = destination.parent
    if not parent.is_dir():
        return
    for previous in sorted(parent.glob(f"{PREVIOUS_PREFIX}{destination.name}*")):
        if not destination.exists() and previous.is_dir():
            os.replace(previous, destination)
        else:
            _remove(previous)
    for leftover in (staging_folder(destination), failed_folder(destination)):
        _remove(leftover)
    for temporary in parent.glob(f".{destination.name}.*.tmp"):
        _remove(temporary)


def new_staging(destination: Path) -> Path:
    staging = staging_folder(destination)
    staging.mkdir(parents=True)
    return staging


def keep_failed(staging: Path, destination: Path) -> Path | None:
    """Keep a failed run for inspection (the last one only, until the next run) in ``.failed-<language>``."""
    if not staging.exists():
        return None
    failed = failed_folder(destination)
    _remove(failed)
    os.replace(staging, failed)
    return failed


def swap_in(staging: Path, destination: Path) -> None:
    """Put ``staging`` in the place of ``destination``; the report folder is never missing meanwhile.

    An atomic exchange where the system has one; otherwise two renames (the old report is moved
    aside first and removed last, and :func:`recover_interrupted_swap` repairs a cut between them).
    """
    previous = destination.parent / f"{PREVIOUS_PREFIX}{destination.name}"
    if not destination.exists():
        os.rename(staging, destination)
    elif exchange_paths(staging, destination):
        _remove(staging)  # it now holds the old report
    else:
        os.replace(destination, previous)
        os.replace(staging, destination)
    _remove(previous)
    _remove(failed_folder(destination))
