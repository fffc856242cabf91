"""``manifest.json``: what a report was made from and with, and the sha256 of every file it holds."""
from __future__ import annotations

import datetime
import json
import subprocess
import time
from pathlib import Path

from ..catalog import plan_error
from ..errors import InputError, display_path, quote
from ..files import read_regular, sha256_file, write_bytes_atomic
from ..plan import line_of
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


#: The plan folder a report or a plan's tables were made from (``plan_folder`` in ``manifest.json`` and
#: ``plan.json``): two plans that share a name (a copied folder whose ``name:`` was kept) would write to
#: the same folders, each overwriting the other's.
PLAN_FOLDER = "plan_folder"


def plan_folder(plan) -> str:
    """The plan's folder as recorded: relative to the project, so the same in every checkout."""
    return display_path(plan.folder)


def check_owner(plan, record: Path, folder: Path) -> None:
    """Refuse to write ``folder`` (a plan's tables or a report) when ``record`` (its ``plan.json`` or
    ``manifest.json``) says another plan folder of the same name made it. A folder without a record is
    nobody's yet."""
    try:
        data = json.loads(read_regular(record))
    except (OSError, InputError, ValueError):
        return
    if not isinstance(data, dict):
        return
    theirs = data.get(PLAN_FOLDER) or (data.get("report") or {}).get(PLAN_FOLDER)
    ours = plan_folder(plan)
    if isinstance(theirs, str) and theirs != ours:
        shown = display_path(folder)
        raise InputError(plan_error("plan_yml.name_taken", name=quote(plan.name), theirs=theirs, shown=shown),
                         file=plan.folder / "plan.yml", line=line_of(plan.lines, "name"), field="name")


def inputs_date(paths: list[Path]) -> str:
    """The day the inputs last changed: their last commit, or today when they have uncommitted changes
    (or no history); without git, the newest file's date. Never after today: a file dated in the future (a
    wrong clock, a copy that kept a bad date) cannot make a report say its inputs changed after it was made."""
    today = datetime.date.today()
    names = [str(path) for path in paths]
    try:
        changed = subprocess.run(["git", "status", "--porcelain", "--", *names], cwd=PROJECT_ROOT,
                                 capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        last = subprocess.run(["git", "log", "-1", "--format=%cs", "--", *names], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        day = today if changed or not last else datetime.date.fromisoformat(last)
    except (OSError, subprocess.SubprocessError, ValueError):
        newest = max((path.stat().st_mtime for path in paths if path.exists()), default=time.time())
        try:
            day = datetime.date.fromtimestamp(newest)
        except (OverflowError, OSError, ValueError):  # a date past what the system's clock can show
            day = today
    return min(day, today).isoformat()


def write_manifest(job: ReportJob, folder: Path, prints: Fingerprint, step_seconds: dict[str, float],
                   dates: dict[str, str], summary: dict) -> Path:
    outputs = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    manifest = {
        "report": {"plan": job.plan.name, PLAN_FOLDER: plan_folder(job.plan), "year": job.report_year,
                   "language": job.language, "scheme": job.scheme},
        "dates": dates,
        "summary": summary,
        "parameters": job.parameters(),
        "inputs": prints.inputs,
        "outputs": {p.relative_to(folder).as_posix(): sha256_file(p) for p in outputs},
        "build": {"key": prints.key, "code": prints.code, "environment": prints.environment},
        "git": git_commit(),
        "step_seconds": {name: round(seconds, 2) for name, seconds in step_seconds.items()},
        "varies_between_runs": ["step_seconds", "git", "dates.generated (and the report's 'generated on')",
                                "dates.inputs (the inputs' last commit; the run's day for inputs not committed)"],
    }
    path = folder / MANIFEST
    write_bytes_atomic(path, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return path
