"""Project paths, anchored on the project root (never on the current directory).

The same code runs from JupyterLab (cwd ``notebooks/``), papermill (cwd anywhere) and pytest.
"""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
OBSERVATIONS_DIR = RAW_DIR / "observations"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def resolve_project_path(value: str | Path, *, parameter: str = "path") -> Path:
    """Resolve a path parameter against the project root and refuse one that leaves the project.

    Notebook parameters are written relative to the project root (``data/raw``), so they mean the
    same thing in JupyterLab, under papermill and under pytest, whatever the current directory.
    """
    from .errors import InputError

    path = Path(value)
    resolved = (path if path.is_absolute() else PROJECT_ROOT / path).resolve()
    if resolved != PROJECT_ROOT and PROJECT_ROOT not in resolved.parents:
        raise InputError(f"{str(value)!r} lies outside the project ({PROJECT_ROOT})", field=parameter)
    return resolved
