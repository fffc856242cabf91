"""Checksums of the raw inputs: verified on every run, so a changed source cannot pass unnoticed."""
from __future__ import annotations

import re
from pathlib import Path

from ..catalog import plan_error
from ..errors import InputError, quote
from ..files import refuse_link_outside, regular_file_kind, sha256_file
from ..plan import read_yaml

SIDECAR_SUFFIX = ".provenance.yml"
MAX_SIDECAR_BYTES = 64 * 1024


def read_sidecar(sidecar: Path) -> dict:
    """A sidecar's fields, checked: it names the file it is the sidecar of, with its sha256 and size."""
    meta = read_yaml(sidecar, MAX_SIDECAR_BYTES)
    if not isinstance(meta, dict):
        raise InputError(plan_error("tasks.sidecar_not_mapping"), file=sidecar)
    for field in ("file", "title", "issuer", "year", "obtained", "bytes", "sha256"):
        if meta.get(field) is None or meta.get(field) == "":
            raise InputError(plan_error("tasks.sidecar_field_missing"), file=sidecar, field=field)
    if not isinstance(meta["file"], str) or "/" in meta["file"] or meta["file"] in (".", ".."):
        raise InputError(plan_error("tasks.sidecar_file_not_a_name", file=quote(meta["file"])), file=sidecar,
                         field="file")
    described = sidecar.name[: -len(SIDECAR_SUFFIX)]
    if meta["file"] != described:
        raise InputError(plan_error("tasks.sidecar_names_another", file=quote(meta["file"]), sidecar=sidecar.name,
                                    described=quote(described)), file=sidecar, field="file")
    if not isinstance(meta["sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", meta["sha256"]):
        raise InputError(plan_error("tasks.sidecar_sha256_form", value=quote(meta["sha256"])), file=sidecar,
                         field="sha256")
    size = meta.get("bytes")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
        raise InputError(plan_error("tasks.sidecar_bytes_form", value=quote(size)), file=sidecar, field="bytes")
    return meta


def verify_provenance(folder: Path, required: Path | None = None) -> list[dict]:
    """Check every ``*.provenance.yml`` in ``folder`` against the file it describes.

    ``required`` is a file that must have a sidecar (the plan text a printed table is parsed from).
    Returns the sidecars' contents (for the report's data note and the processed ``plan.json``).
    """
    folder = Path(folder)
    sidecars = sorted(folder.glob(f"*{SIDECAR_SUFFIX}"))
    if required is not None and not sidecars:
        raise InputError(plan_error("tasks.no_sidecar", suffix=SIDECAR_SUFFIX), file=folder)
    checked = []
    for sidecar in sidecars:
        meta = read_sidecar(sidecar)
        target = folder / meta["file"]
        if not target.exists():
            raise InputError(plan_error("tasks.described_missing", file=quote(meta["file"])), file=sidecar,
                             field="file")
        refuse_link_outside(target)
        kind = regular_file_kind(target.stat().st_mode)
        if kind is not None:
            raise InputError(plan_error("tasks.not_regular", kind=kind), file=target)
        actual = sha256_file(target)
        if actual != meta["sha256"]:
            raise InputError(plan_error("tasks.sha256_changed", actual=actual, recorded=meta["sha256"]), file=target,
                             field="sha256")
        size = target.stat().st_size
        if size != meta["bytes"]:
            raise InputError(plan_error("tasks.bytes_wrong", recorded=quote(meta["bytes"]), file=meta["file"],
                                        size=size), file=sidecar, field="bytes")
        checked.append(meta)
    if required is not None and required.name not in {meta["file"] for meta in checked}:
        raise InputError(plan_error("tasks.plan_text_sidecar_missing", file=required.name, suffix=SIDECAR_SUFFIX),
                         file=folder)
    return checked
