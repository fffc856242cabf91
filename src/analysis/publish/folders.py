"""Folders published whole: built aside, put in place with two renames, one run at a time.

A report (``reports/<plan>/<year>/<language>/``) and a plan's processed tables
(``data/processed/<plan>/``) are each built in a staging folder beside their place, and put in place only
when complete: the old folder is renamed aside, the new one into its place, the old one removed. A run
killed at any moment leaves the old folder or the new one; if it is killed between the two renames, the
next run for that folder puts the old one back first (:func:`recover`). A run that fails keeps its staging
folder for inspection (the last failed run only, until the next run). Each folder has a lock (py-filelock):
a second run for the same report is refused at once, a run that publishes tables waits for another.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from ..catalog import told_words
from ..errors import InputError, display_path
from ..files import read_regular, refuse_link_outside


def _beside(folder: Path, what: str) -> Path:
    return folder.parent / f".{folder.name}.{what}"


def lock_path(folder: Path) -> Path:
    return _beside(folder, "lock")


def staging_folder(folder: Path, key: str) -> Path:
    """Where ``folder`` is built from the inputs whose build key starts with ``key``. Named by the key, so the
    same inputs are built in the same place (the notebooks record it, byte for byte), and a worker a killed run
    left behind can only write into a folder of its own inputs, which the next run removes."""
    return _beside(folder, f"staging-{key}")


def failed_folder(folder: Path) -> Path:
    return _beside(folder, "failed")


def previous_folder(folder: Path) -> Path:
    return _beside(folder, "previous")


@contextmanager
def locked(folder: Path, *, wait: bool, busy: str) -> Iterator[None]:
    """Hold ``folder``'s lock; without ``wait``, a lock held by another run is an :class:`InputError` saying
    ``busy`` (in the run's language, :func:`~analysis.catalog.told_words`, as the line around it). A folder (or a
    folder above it) that is a link leading out of the project is refused."""
    refuse_link_outside(folder, "output")
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(lock_path(folder), timeout=-1 if wait else 0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise InputError(told_words().text("run_errors.locked", busy=busy), file=lock_path(folder)) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def locked_if_free(folder: Path) -> Iterator[bool]:
    """Hold ``folder``'s lock if no other run holds it; yields whether it does."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(lock_path(folder), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def recover(folder: Path, keep_failed: bool = True) -> None:
    """Undo what earlier runs left beside ``folder`` (under its lock): the old folder goes back if a run was
    killed between its two renames; staging folders of runs that died are removed, and the failed run kept
    for inspection too unless ``keep_failed``."""
    previous = previous_folder(folder)
    if previous.is_dir() and not folder.exists():
        os.replace(previous, folder)
    _remove(previous)
    for leftover in folder.parent.glob(f".{folder.name}.staging-*"):
        _remove(leftover)
    if not keep_failed:
        _remove(failed_folder(folder))


def new_staging(folder: Path, key: str) -> Path:
    """An empty staging folder for ``folder`` (:func:`staging_folder`), leftovers of earlier runs removed first."""
    recover(folder, keep_failed=False)
    staging = staging_folder(folder, key)
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, folder: Path) -> None:
    """Put the complete ``staging`` folder in the place of ``folder``."""
    previous = previous_folder(folder)
    if folder.exists():
        os.replace(folder, previous)
    os.replace(staging, folder)
    _remove(previous)
    _remove(failed_folder(folder))


def keep_failed(staging: Path, folder: Path) -> Path | None:
    """Keep a failed run's staging folder for inspection, as ``.<name>.failed`` (the last one only)."""
    if not staging.exists():
        return None
    failed = failed_folder(folder)
    _remove(failed)
    os.replace(staging, failed)
    return failed


# --- a plan's processed tables -------------------------------------------------------------------------

@contextmanager
def tables_lock(folder: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of a processed folder: one run writes or reads a plan's tables at a time. While another
    run holds it, ``waiting`` is told so once, then the lock is waited for."""
    if folder.exists() and not folder.is_dir():
        raise InputError(told_words()["run_errors.tables_not_folder"], file=folder)
    refuse_link_outside(folder, "output")
    if waiting is not None:
        with locked_if_free(folder) as free:
            if free:
                yield
                return
        waiting(told_words().text("run_lines.waiting", folder=display_path(folder)))  # in the run's language
    with locked(folder, wait=True, busy=""):
        yield


def write_tables(files: dict[str, bytes], folder: Path) -> list[str]:
    """Give ``folder`` the files ``files`` (by name) as one change, under its lock held by the caller; returns
    the names whose bytes changed. Other files in the folder are kept, and so are those whose bytes do not
    change (the same file, linked into the new folder); when no byte changes, nothing is touched."""
    folder = Path(folder)
    changed = sorted(name for name, data in files.items() if not same_bytes(folder / name, data))
    if not changed:
        return changed
    staging = new_staging(folder, "tables")
    try:
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                if entry.is_file() and (entry.name not in files or same_bytes(entry, files[entry.name])):
                    os.link(entry, staging / entry.name)
        for name, data in files.items():
            if not (staging / name).exists():
                (staging / name).write_bytes(data)
        publish(staging, folder)
    except BaseException:
        keep_failed(staging, folder)
        raise
    return changed


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and read_regular(path) == data
    except (OSError, InputError):
        return False
