"""Checksums of the raw inputs: verified on every run, so a changed source cannot pass unnoticed."""
from __future__ import annotations

import re
from pathlib import Path

from ..catalog import plan_error
from ..errors import InputError, Mistakes, quote
from ..files import refuse_link_outside, regular_file_kind, sha256_file
from ..plan import read_yaml

SIDECAR_SUFFIX = ".provenance.yml"
MAX_SIDECAR_BYTES = 64 * 1024


def read_sidecar(sidecar: Path) -> dict:
    """A sidecar's fields, checked: it names the file it is the sidecar of, with its sha256 and size. Every mistake
    of its fields is told at once (a sha256 and a size both mistyped: both)."""
    meta = read_yaml(sidecar, MAX_SIDECAR_BYTES)
    if not isinstance(meta, dict):
        raise InputError(plan_error("tasks.sidecar_not_mapping"), file=sidecar)
    told = Mistakes()
    for field in ("file", "title", "issuer", "year", "obtained", "bytes", "sha256"):
        if meta.get(field) is None or meta.get(field) == "":
            told.add(InputError(plan_error("tasks.sidecar_field_missing"), file=sidecar, field=field))
    given = {field for field in ("file", "bytes", "sha256") if meta.get(field) is not None and meta.get(field) != ""}
    with told.row():
        if "file" in given:
            if not isinstance(meta["file"], str) or "/" in meta["file"] or meta["file"] in (".", ".."):
                raise InputError(plan_error("tasks.sidecar_file_not_a_name", file=quote(meta["file"])),
                                 file=sidecar, field="file")
            described = sidecar.name[: -len(SIDECAR_SUFFIX)]
            if meta["file"] != described:
                raise InputError(plan_error("tasks.sidecar_names_another", file=quote(meta["file"]),
                                            sidecar=sidecar.name, described=quote(described)), file=sidecar,
                                 field="file")
    if "sha256" in given and (not isinstance(meta["sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", meta["sha256"])):
        told.add(InputError(plan_error("tasks.sidecar_sha256_form", value=quote(meta["sha256"])), file=sidecar,
                            field="sha256"))
    size = meta.get("bytes")
    if "bytes" in given and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
        told.add(InputError(plan_error("tasks.sidecar_bytes_form", value=quote(size)), file=sidecar, field="bytes"))
    told.check()
    return meta


def verify_provenance(folder: Path, required: Path | None = None) -> list[dict]:
    """Check every ``*.provenance.yml`` in ``folder`` against the file it describes; every mistake of every sidecar
    told at once (a sha256 and a size that both differ from the file's: both).

    ``required`` is a file that must have a sidecar (the plan text a printed table is parsed from).
    Returns the sidecars' contents (for the report's data note and the processed ``plan.json``).
    """
    folder = Path(folder)
    sidecars = sorted(folder.glob(f"*{SIDECAR_SUFFIX}"))
    if required is not None and not sidecars:
        raise InputError(plan_error("tasks.no_sidecar", suffix=SIDECAR_SUFFIX), file=folder)
    checked, told, described, unread = [], Mistakes(), set(), False
    for sidecar in sidecars:
        try:
            meta = read_sidecar(sidecar)
        except InputError as exc:
            told.add(exc)
            unread = True  # which file it describes is not known
            continue
        described.add(meta["file"])  # a sidecar read: the file it describes is described, rightly or not
        with told.row():
            if _verify(folder, sidecar, meta, told):
                checked.append(meta)
    if required is not None and not unread and required.name not in described:
        told.add(InputError(plan_error("tasks.plan_text_sidecar_missing", file=required.name, suffix=SIDECAR_SUFFIX),
                            file=folder))
    told.check()
    return checked


def _verify(folder: Path, sidecar: Path, meta: dict, told: Mistakes) -> bool:
    """The file ``meta`` describes is there, a regular file, of the sha256 and the size it records (every mismatch
    added to ``told``); False where it is not as recorded."""
    target = folder / meta["file"]
    if not target.exists():
        raise InputError(plan_error("tasks.described_missing", file=quote(meta["file"])), file=sidecar, field="file")
    refuse_link_outside(target)
    kind = regular_file_kind(target.stat().st_mode)
    if kind is not None:
        raise InputError(plan_error("tasks.not_regular", kind=kind), file=target)
    before = len(told.errors)
    actual = sha256_file(target)
    if actual != meta["sha256"]:
        told.add(InputError(plan_error("tasks.sha256_changed", actual=actual, recorded=meta["sha256"]), file=target,
                            field="sha256"))
    size = target.stat().st_size
    if size != meta["bytes"]:
        key = "tasks.bytes_wrong" if actual == meta["sha256"] else "tasks.bytes_differ"
        told.add(InputError(plan_error(key, recorded=quote(meta["bytes"]), file=meta["file"], size=size),
                            file=sidecar, field="bytes"))
    return len(told.errors) == before
