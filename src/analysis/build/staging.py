"""A report is built in a staging folder beside its destination and swapped in when complete.

A failed or killed run therefore leaves the previous ``<year>/<language>/`` as it was. A lock per
report folder keeps two runs for the same report from interleaving. Standard library only.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"
FAILED_PREFIX = ".failed-"


def lock_path(destination: Path) -> Path:
    return destination.parent / f".{destination.name}.lock"


@contextmanager
def report_lock(destination: Path) -> Iterator[None]:
    """An exclusive lock per report folder; a second run stops at once with a clear message."""
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


def recover_interrupted_swap(destination: Path) -> None:
    """Undo what a killed run left: the previous report put back if the swap was cut, staging removed."""
    for previous in sorted(destination.parent.glob(f"{PREVIOUS_PREFIX}{destination.name}*")):
        if not destination.exists():
            os.replace(previous, destination)
        else:
            shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(staging_folder(destination), ignore_errors=True)


def new_staging(destination: Path) -> Path:
    staging = staging_folder(destination)
    staging.mkdir(parents=True)
    return staging


def keep_failed(staging: Path, destination: Path) -> Path | None:
    """Keep a failed run for inspection (the last one only) in ``.failed-<language>``."""
    if not staging.exists():
        return None
    failed = failed_folder(destination)
    shutil.rmtree(failed, ignore_errors=True)
    os.replace(staging, failed)
    return failed


def swap_in(staging: Path, destination: Path) -> None:
    """Replace ``destination`` by ``staging`` with two renames (the old one is removed last)."""
    previous = destination.parent / f"{PREVIOUS_PREFIX}{destination.name}"
    if destination.exists():
        os.replace(destination, previous)
    os.replace(staging, destination)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(failed_folder(destination), ignore_errors=True)
