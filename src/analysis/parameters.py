"""The checks every run parameter passes before any step sees it: paths, years, languages, schemes, workers.

Paths are given relative to the project root (``data/raw/weihai``), so they mean the same thing in
JupyterLab, under papermill and under pytest, whatever the current directory. Nothing here imports
pandas: the command line checks its parameters, and a report's up-to-date check runs, before
anything heavy is loaded.
"""
from __future__ import annotations

from pathlib import Path

from .catalog import catalog, check_language  # noqa: F401 - check_language: a parameter's check, as the others
from .errors import InputError, display_path, quote
from .settings import PROJECT_ROOT, RAW_DIR, SCHEMES


def resolve_project_path(value: str | Path, *, parameter: str = "path") -> Path:
    """Resolve a path against the project root and refuse one that leaves the project.

    Parameters are written relative to the project root (``data/raw/weihai``), so they mean the same
    thing in JupyterLab, under papermill and under pytest, whatever the current directory.
    """
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise InputError(f"{quote(value)} is not a path", field=parameter)
    path = Path(value)
    resolved = (path if path.is_absolute() else PROJECT_ROOT / path).resolve()
    if resolved != PROJECT_ROOT and PROJECT_ROOT not in resolved.parents:
        raise InputError(f"{quote(str(value))} lies outside the project ({PROJECT_ROOT})", field=parameter)
    return resolved


def resolve_observations_dir(value: str | Path, *, parameter: str = "--observations") -> Path:
    """An observations folder named on the command line: resolved as :func:`resolve_project_path` does, and refused
    when it is not there (a mistyped name would otherwise be read as a folder without any values, and every report
    built from it would say no data came in)."""
    folder = resolve_project_path(value, parameter=parameter)
    if not folder.exists():  # a file named instead is told by the plan's check: "expected a folder"
        raise InputError(f"{quote(str(value))}: no such folder; name the folder that holds the observation files",
                         field=parameter)
    return folder


def check_scheme(value, words=None) -> str:
    if not isinstance(value, str) or value not in SCHEMES:
        raise InputError(said(words, "unknown_scheme", value=quote(value), choices=", ".join(SCHEMES)),
                         field="scheme")
    return value


def said(words, key: str, **fields) -> str:
    """A parameter's mistake in ``words``' language (the catalogs' ``parameter_errors``): the language the run was
    asked for on the command line; English without one (plan.yml, a notebook's parameters)."""
    return (words or catalog("en")).text(f"parameter_errors.{key}", **fields)


def check_year(value, field: str = "report_year", words=None) -> int:
    """A year written as digits (``2024``, ``"2024"``; papermill may pass ``2024.0``)."""
    if isinstance(value, bool):
        raise InputError(said(words, "not_a_year", value=quote(value)), field=field)
    if isinstance(value, int):
        if not 1000 <= value <= 9999:  # compared as a number: str() refuses integers of over 4,300 digits
            raise InputError(said(words, "not_a_year", value=quote(value)), field=field)
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e6:
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InputError(said(words, "not_a_year", value=quote(value)), field=field)
    return int(text)


def check_output_dir(value, parameter: str) -> Path:
    """A folder a run writes into: inside the project, and not an existing file."""
    path = resolve_project_path(value, parameter=parameter)
    if path.exists() and not path.is_dir():
        raise InputError(f"{quote(str(value))} is a file; a folder is needed", field=parameter)
    return path


def check_not_inside_raw(output: Path, parameter: str, raw_dir: Path = RAW_DIR) -> Path:
    """Raw data is never written by code: refuse an output folder inside the raw folder."""
    raw_dir = Path(raw_dir).resolve()
    if output == raw_dir or raw_dir in output.parents:
        raise InputError(f"{display_path(output)} lies inside the raw folder {display_path(raw_dir)}, which is "
                         "read-only", field=parameter)
    return output


def check_jobs(value, words=None) -> int | None:
    """A number of worker processes: ASCII digits, at least 1 (``None``: one per core)."""
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else str(value)
    # str.isdigit() is true for '¹' and '٣', which int() refuses or reads: only ASCII digits count.
    if not (text.isascii() and text.isdigit()) or len(text) > 4 or int(text) < 1:
        raise InputError(said(words, "jobs", value=quote(value)), field="--jobs")
    return int(text)
