"""Files: content hashes and atomic writes.

Atomic means a temporary file beside the target, flushed to disk, then renamed over it: a reader,
or a run killed half-way, sees the old file or the complete new one, never a truncated one. Only the
standard library is imported here, so a report's up-to-date check stays light.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
    """Write several files so that they change together.

    Every temporary file is written and flushed first, then all are renamed in one quick pass. A
    failure while writing leaves every target as it was; a kill can only land in the pass of
    renames, never inside a file.
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
    """Write ``files`` together (see :func:`write_files_atomic`), leaving those whose bytes are unchanged alone."""
    changed = {Path(path): data for path, data in files.items()
               if not Path(path).is_file() or Path(path).read_bytes() != data}
    if changed:
        write_files_atomic(changed)
    return [Path(path) for path in files]
