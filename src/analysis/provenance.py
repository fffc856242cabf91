"""Checksums of the raw inputs: verified on every run, so a changed source cannot pass unnoticed."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .build_cache import sha256_file
from .errors import InputError
from .paths import RAW_DIR

SIDECAR_SUFFIX = ".provenance.yml"


sha256_of = sha256_file


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


def verify_provenance(raw_dir: Path = RAW_DIR) -> list[dict]:
    """Check every ``*.provenance.yml`` in ``raw_dir`` against the file it describes.

    Returns the sidecars' contents (for the report's provenance appendix and the manifest).
    """
    raw_dir = Path(raw_dir)
    sidecars = sorted(raw_dir.glob(f"*{SIDECAR_SUFFIX}"))
    if not sidecars:
        raise InputError(f"no provenance sidecar (*{SIDECAR_SUFFIX}) found", file=raw_dir)
    checked = []
    for sidecar in sidecars:
        meta = read_sidecar(sidecar)
        target = raw_dir / meta["file"]
        if not target.is_file():
            raise InputError(f"describes {meta['file']}, which does not exist", file=sidecar, field="file")
        actual = sha256_of(target)
        if actual != meta["sha256"]:
            raise InputError(f"sha256 is {actual}, the provenance sidecar records {meta['sha256']}: the raw "
                             "file has changed; restore it (raw data is never edited)", file=target,
                             field="sha256")
        checked.append(meta)
    return checked
