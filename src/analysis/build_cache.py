"""Is a report already up to date? Content hashes of everything a report is made from.

A report is rebuilt only when something it is made from has changed:

* its **parameters** (year, language, scheme, input folders);
* its **inputs**: every file of the raw folder and of the observations folder;
* the **code**: ``src/analysis`` (modules and templates) and the notebooks;
* the **environment**: the Python version, the installed distributions (name and version, from
  their ``*.dist-info`` folder names) and the system font files (path, size, time), since a font
  update changes the PDF.

The key is stored in the report's ``manifest.json`` with the sha256 of every output, so a report
whose files were edited or deleted is rebuilt too. Only the standard library is imported here:
the check runs before pandas, papermill or a kernel is started, so an unchanged rerun costs a
fraction of a second.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from pathlib import Path

from .errors import display_path
from .paths import NOTEBOOKS_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path.home() / ".local/share/fonts")
CODE_SUFFIXES = {".py", ".j2", ".css", ".json", ".tpl"}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(raw_dir: Path, observations_dir: Path | None) -> list[Path]:
    """Every file a report reads: the raw folder, and the observations folder when it lies elsewhere."""
    files = sorted(p for p in Path(raw_dir).rglob("*") if p.is_file())
    if observations_dir is not None and Path(observations_dir).is_dir():
        files += sorted(p for p in Path(observations_dir).rglob("*.csv") if p.is_file())
    return list(dict.fromkeys(files))


def code_files(notebooks: tuple[str, ...]) -> list[Path]:
    """The library's modules and templates, and the report's notebooks."""
    library = sorted(p for p in PACKAGE_DIR.rglob("*")
                     if p.is_file() and p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts)
    return library + [NOTEBOOKS_DIR / name for name in notebooks]


def digests(paths: list[Path]) -> dict[str, str]:
    return {display_path(p): sha256_file(p) for p in paths}


def environment_digest() -> str:
    """A digest of the Python version, the installed distributions and the system fonts."""
    parts = [sys.version, platform.machine()]
    distributions = set()
    for entry in sys.path:
        try:
            distributions.update(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info", ".egg-link")))
        except OSError:
            continue
    # Names only, not the folders they sit in: a clone with its own .venv is the same environment.
    parts.append(" ".join(sorted(distributions)))
    for font_dir in FONT_DIRS:
        for root, dirs, files in os.walk(font_dir):
            dirs.sort()
            for name in sorted(files):
                try:
                    stat = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                parts.append(f"{root}/{name} {stat.st_size} {int(stat.st_mtime)}")
    return sha256_bytes("\n".join(parts).encode("utf-8", "surrogateescape"))


def build_key(parameters: dict, inputs: dict[str, str], code: dict[str, str], environment: str) -> str:
    """One sha256 over everything a report is made from (canonical JSON, sorted keys)."""
    payload = {"parameters": parameters, "inputs": inputs, "code": code, "environment": environment}
    return sha256_bytes(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def read_manifest(destination: Path) -> dict | None:
    try:
        manifest = json.loads((destination / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _first_difference(kind: str, recorded, current) -> str | None:
    if recorded == current:
        return None
    if isinstance(recorded, dict) and isinstance(current, dict):
        for name in sorted(set(recorded) | set(current)):
            if recorded.get(name) != current.get(name):
                change = "added" if name not in recorded else "removed" if name not in current else "changed"
                return f"{kind} changed: {name} {change}"
    return f"{kind} changed"


def outdated_reason(destination: Path, key: str, parts: dict | None = None) -> str | None:
    """Why ``destination`` must be rebuilt for ``key``, or None when it is up to date.

    Up to date means: its manifest was written for the same key, and every output the manifest
    lists is present with the sha256 recorded for it. ``parts`` (``parameters``, ``inputs``,
    ``code``, ``environment``) lets the reason name what changed.
    """
    manifest = read_manifest(destination)
    if manifest is None:
        return "no report yet" if not destination.exists() else "no readable manifest.json"
    build = manifest.get("build") if isinstance(manifest.get("build"), dict) else {}
    if build.get("key") != key:
        recorded = {"parameters": manifest.get("parameters"), "inputs": manifest.get("inputs"),
                    "code": build.get("code"), "environment": build.get("environment")}
        for kind, current in (parts or {}).items():
            reason = _first_difference(kind, recorded.get(kind), current)
            if reason:
                return reason
        return "inputs, parameters, code or environment changed"
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return "the manifest lists no outputs"
    for relative, recorded_digest in sorted(outputs.items()):
        path = destination / relative
        if not path.is_file():
            return f"{relative} is missing"
        if sha256_file(path) != recorded_digest:
            return f"{relative} was changed after it was built"
    return None

