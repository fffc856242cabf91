"""``manifest.json``: what a report was made from and with, and the sha256 of every file it holds."""
from __future__ import annotations

import datetime
import json
import subprocess
import time
from pathlib import Path

from ..files import sha256_file, write_bytes_atomic
from ..settings import PROJECT_ROOT
from .cache import Fingerprint
from .job import ReportJob

MANIFEST = "manifest.json"


def git_commit() -> dict:
    """The commit the code was at, and whether the code, notebooks or raw data had uncommitted changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "src", "notebooks", "data/raw"],
                                    cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10).stdout.strip())
        return {"commit": commit, "uncommitted_changes": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "uncommitted_changes": None}


def inputs_date(paths: list[Path]) -> str:
    """The day the inputs last changed: their last commit, or today when they have uncommitted changes
    (or no history); without git, the newest file's date."""
    names = [str(path) for path in paths]
    try:
        changed = subprocess.run(["git", "status", "--porcelain", "--", *names], cwd=PROJECT_ROOT,
                                 capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        last = subprocess.run(["git", "log", "-1", "--format=%cs", "--", *names], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        return datetime.date.today().isoformat() if changed or not last else last
    except (OSError, subprocess.SubprocessError):
        newest = max((path.stat().st_mtime for path in paths if path.exists()), default=time.time())
        return datetime.date.fromtimestamp(newest).isoformat()


def write_manifest(job: ReportJob, folder: Path, prints: Fingerprint, step_seconds: dict[str, float],
                   dates: dict[str, str], summary: dict) -> Path:
    outputs = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    manifest = {
        "report": {"plan": job.plan.name, "year": job.report_year, "language": job.language, "scheme": job.scheme},
        "dates": dates,
        "summary": summary,
        "parameters": job.parameters(),
        "inputs": prints.inputs,
        "outputs": {p.relative_to(folder).as_posix(): sha256_file(p) for p in outputs},
        "build": {"key": prints.key, "code": prints.code, "environment": prints.environment},
        "git": git_commit(),
        "step_seconds": {name: round(seconds, 2) for name, seconds in step_seconds.items()},
        "varies_between_runs": ["step_seconds", "git", "dates.generated (and the report's 'generated on')"],
    }
    path = folder / MANIFEST
    write_bytes_atomic(path, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return path
