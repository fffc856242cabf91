"""Checksums of the raw inputs: verified on every run, so a changed source cannot pass unnoticed."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import InputError
from ..files import sha256_file

SIDECAR_SUFFIX = ".provenance.yml"


def read_sidecar(sidecar: Path) -> dict:
    try:
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"not valid YAML: {str(exc).splitlines()[0]}", file=sidecar) from None
    if not isinstance(meta, dict):
        raise InputError("expected a mapping of provenance fields", file=sidecar)
    for field in ("file", "title", "issuer", "year", "obtained", "sha256"):
        if meta.get(field) is None or meta.get(field) == "":
            raise InputError("missing provenance field", file=sidecar, field=field)
    if not isinstance(meta["file"], str) or "/" in meta["file"] or meta["file"] in (".", ".."):
        raise InputError(f"{meta['file']!r} is not the name of a file beside the sidecar", file=sidecar, field="file")
    if not isinstance(meta["sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", meta["sha256"]):
        raise InputError(f"{meta['sha256']!r} is not a sha256 hex digest (64 lowercase hex digits, quoted)",
                         file=sidecar, field="sha256")
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
        if not target.is_file():
            raise InputError(f"describes {meta['file']}, which does not exist", file=sidecar, field="file")
        actual = sha256_file(target)
        if actual != meta["sha256"]:
            raise InputError(f"sha256 is {actual}, the provenance sidecar records {meta['sha256']}: the raw "
                             "file has changed; restore it (raw data is never edited)", file=target,
                             field="sha256")
        checked.append(meta)
    if required is not None and required.name not in {meta["file"] for meta in checked}:
        raise InputError(f"no provenance sidecar describes {required.name}, the plan text: add "
                         f"{required.name}{SIDECAR_SUFFIX} with its sha256", file=folder)
    return checked
