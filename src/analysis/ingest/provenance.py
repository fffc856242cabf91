"""Checksums of the raw inputs: verified on every run, so a changed source cannot pass unnoticed."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, quote
from ..files import refuse_link_outside, regular_file_kind, sha256_file
from ..plan import read_yaml

SIDECAR_SUFFIX = ".provenance.yml"
MAX_SIDECAR_BYTES = 64 * 1024


def read_sidecar(sidecar: Path) -> dict:
    """A sidecar's fields, checked: it names the file it is the sidecar of, with its sha256 and size."""
    meta = read_yaml(sidecar, MAX_SIDECAR_BYTES)
    if not isinstance(meta, dict):
        raise InputError("expected a mapping of provenance fields", file=sidecar)
    for field in ("file", "title", "issuer", "year", "obtained", "bytes", "sha256"):
        if meta.get(field) is None or meta.get(field) == "":
            raise InputError("missing provenance field", file=sidecar, field=field)
    if not isinstance(meta["file"], str) or "/" in meta["file"] or meta["file"] in (".", ".."):
        raise InputError(f"{quote(meta['file'])} is not the name of a file beside the sidecar", file=sidecar,
                         field="file")
    described = sidecar.name[: -len(SIDECAR_SUFFIX)]
    if meta["file"] != described:
        raise InputError(f"names {quote(meta['file'])}, but the sidecar {sidecar.name} describes {quote(described)}: "
                         "a sidecar is named after its file", file=sidecar, field="file")
    if not isinstance(meta["sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", meta["sha256"]):
        raise InputError(f"{quote(meta['sha256'])} is not a sha256 hex digest (64 lowercase hex digits, quoted)",
                         file=sidecar, field="sha256")
    size = meta.get("bytes")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
        raise InputError(f"{quote(size)} is not a size in bytes (a whole number)", file=sidecar, field="bytes")
    return meta


def verify_provenance(folder: Path, required: Path | None = None) -> list[dict]:
    """Check every ``*.provenance.yml`` in ``folder`` against the file it describes.

    ``required`` is a file that must have a sidecar (the plan text a printed table is parsed from).
    Returns the sidecars' contents (for the report's data note and the processed ``plan.json``).
    """
    folder = Path(folder)
    sidecars = sorted(folder.glob(f"*{SIDECAR_SUFFIX}"))
    if required is not None and not sidecars:
        raise InputError(f"no provenance sidecar (*{SIDECAR_SUFFIX}) found", file=folder)
    checked = []
    for sidecar in sidecars:
        meta = read_sidecar(sidecar)
        target = folder / meta["file"]
        if not target.exists():
            raise InputError(f"describes {quote(meta['file'])}, which does not exist", file=sidecar, field="file")
        refuse_link_outside(target)
        kind = regular_file_kind(target.stat().st_mode)
        if kind is not None:
            raise InputError(f"is {kind}, not a regular file; only regular files are read", file=target)
        actual = sha256_file(target)
        if actual != meta["sha256"]:
            raise InputError(f"sha256 is {actual}, the provenance sidecar records {meta['sha256']}: the raw "
                             "file has changed; restore it (raw data is never edited)", file=target,
                             field="sha256")
        size = target.stat().st_size
        if size != meta["bytes"]:
            raise InputError(f"records {quote(meta['bytes'])}, but {meta['file']} has {size} bytes (its sha256 "
                             "matches): correct the sidecar", file=sidecar, field="bytes")
        checked.append(meta)
    if required is not None and required.name not in {meta["file"] for meta in checked}:
        raise InputError(f"no provenance sidecar describes {required.name}, the plan text: add "
                         f"{required.name}{SIDECAR_SUFFIX} with its sha256", file=folder)
    return checked
