"""Atomic file writes: a temporary file beside the target, flushed to disk, then renamed.

Kept free of pandas so that the light paths (the report's up-to-date check, the manifest) stay
fast to import.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
    """Write to a temporary file in the same folder, flush it to disk, then rename over ``path``."""
    write_files_atomic({Path(path): data})


def write_files_atomic(files: dict[Path, bytes]) -> None:
    """Write several files so that they change together: every temporary file is written and
    flushed first, then all are renamed in one quick pass. A failure while writing leaves every
    target as it was; a kill can only land in the pass of renames, never inside a file."""
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
