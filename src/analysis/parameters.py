"""The checks every run parameter passes before any step sees it: paths, years, languages, schemes, workers.

Paths are given relative to the project root (``data/raw/weihai``), so they mean the same thing in
JupyterLab, under papermill and under pytest, whatever the current directory. Nothing here imports
pandas: the command line checks its parameters, and a report's up-to-date check runs, before
anything heavy is loaded.
"""
from __future__ import annotations

import datetime
import math
import re
from pathlib import Path

from .catalog import catalog, check_language  # noqa: F401 - check_language: a parameter's check, as the others
from .errors import InputError, display_path, quote
from .settings import PLAN_FILE, PROJECT_ROOT, RAW_DIR, SCHEMES


def resolve_project_path(value: str | Path, *, parameter: str = "path", words=None) -> Path:
    """Resolve a path against the project root and refuse one that leaves the project.

    Parameters are written relative to the project root (``data/raw/weihai``), so they mean the same
    thing in JupyterLab, under papermill and under pytest, whatever the current directory. A mistake is told in
    ``words``' language (:func:`said`).
    """
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise InputError(said(words, "not_a_path", value=_shown(value, words)), field=parameter)
    path = Path(value)
    resolved = (path if path.is_absolute() else PROJECT_ROOT / path).resolve()
    if resolved != PROJECT_ROOT and PROJECT_ROOT not in resolved.parents:
        raise InputError(said(words, "outside_project", value=_shown(str(value), words), root=PROJECT_ROOT),
                         field=parameter)
    return resolved


def resolve_plan_dir(value: str | Path, *, parameter: str = "--plan", words=None) -> Path:
    """A plan folder named on the command line: resolved as :func:`resolve_project_path` does, and refused, in
    ``words``' language, when it does not exist, is a file or has no plan.yml (:func:`analysis.plan.load_plan` then
    reads it)."""
    folder = resolve_project_path(value, parameter=parameter, words=words)
    key = ("plan_missing" if not folder.exists() else "plan_is_file" if not folder.is_dir()
           else "plan_yml_missing" if not (folder / PLAN_FILE).exists() else None)
    if key:
        raise InputError(said(words, key, value=_shown(str(value), words), plan_file=PLAN_FILE), field=parameter)
    return folder


def resolve_observations_dir(value: str | Path, *, parameter: str = "--observations", words=None) -> Path:
    """An observations folder named on the command line: resolved as :func:`resolve_project_path` does, and refused
    when it is not there (a mistyped name would otherwise be read as a folder without any values, and every report
    built from it would say no data came in) or is a file."""
    folder = resolve_project_path(value, parameter=parameter, words=words)
    if not folder.exists() or not folder.is_dir():
        key = "observations_missing" if not folder.exists() else "observations_is_file"
        raise InputError(said(words, key, value=_shown(str(value), words)), field=parameter)
    return folder


def check_scheme(value, words=None) -> str:
    if not isinstance(value, str) or value not in SCHEMES:
        choices = (words or catalog("en")).join_or(SCHEMES)
        raise InputError(said(words, "unknown_scheme", value=_shown(value, words), choices=choices), field="scheme")
    return value


def _shown(value, words) -> str:
    """A parameter's value as its mistake quotes it, in ``words``' language (English without one)."""
    return quote(value, words=words or catalog("en"))


def said(words, key: str, **fields) -> str:
    """A parameter's mistake in ``words``' language (the catalogs' ``parameter_errors``): the language the run was
    asked for on the command line; English without one (plan.yml, a notebook's parameters)."""
    return (words or catalog("en")).text(f"parameter_errors.{key}", **fields)


def check_year(value, field: str = "report_year", words=None) -> int:
    """A year written as digits (``2024``, ``"2024"``; papermill may pass ``2024.0``)."""
    if isinstance(value, bool):
        raise InputError(said(words, "not_a_year", value=_shown(value, words)), field=field)
    if isinstance(value, int):
        if not 1000 <= value <= 9999:  # compared as a number: str() refuses integers of over 4,300 digits
            raise InputError(said(words, "not_a_year", value=_shown(value, words)), field=field)
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e6:
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        suffixed = re.fullmatch(r"([0-9]{4})\s*年", text)  # 2022年
        if suffixed:
            raise InputError(said(words, "year_suffix", value=_shown(value, words), digits=suffixed[1]), field=field)
        if re.fullmatch(r"[〇零一二三四五六七八九]{4}", text):  # 二〇二〇
            raise InputError(said(words, "year_numerals", value=_shown(value, words)), field=field)
        raise InputError(said(words, "not_a_year", value=_shown(value, words)), field=field)
    return int(text)


def check_date(value, field: str, words=None) -> str:
    """A day as notebook 03 takes it (``generated``, ``inputs_date``): ``YYYY-MM-DD`` or empty (none given), not
    ``yesterday`` or ``2024-13-01``, which the report's title would print as given."""
    text = value.strip() if isinstance(value, str) else None
    if text == "":
        return ""
    try:
        if text is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise InputError(said(words, "not_a_date", value=_shown(value, words)), field=field)


def check_rate(value, field: str = "growth_rate", words=None) -> float:
    """A change a year (notebook 04's ``growth_rate``): a finite number (``0.05``, ``-1``; ``"0.05"`` as text), not
    ``"5%"`` or a word, which the arithmetic would stop at with a Python error."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if isinstance(value, str) and value.strip().isascii() and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value.strip()):
        return float(value.strip())
    raise InputError(said(words, "not_a_rate", value=_shown(value, words)), field=field)


def check_output_dir(value, parameter: str, words=None) -> Path:
    """A folder a run writes into: inside the project, and not an existing file."""
    path = resolve_project_path(value, parameter=parameter, words=words)
    if path.exists() and not path.is_dir():
        raise InputError(said(words, "output_is_file", value=_shown(str(value), words)), field=parameter)
    return path


def check_not_inside_raw(output: Path, parameter: str, raw_dir: Path = RAW_DIR, words=None) -> Path:
    """Raw data is never written by code: refuse an output folder inside the raw folder."""
    raw_dir = Path(raw_dir).resolve()
    if output == raw_dir or raw_dir in output.parents:
        raise InputError(said(words, "inside_raw", value=display_path(output), raw=display_path(raw_dir)),
                         field=parameter)
    return output


def check_jobs(value, words=None) -> int | None:
    """A number of worker processes: ASCII digits, at least 1 (``None``: one per core)."""
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else str(value)
    # str.isdigit() is true for '¹' and '٣', which int() refuses or reads: only ASCII digits count.
    if not (text.isascii() and text.isdigit()) or len(text) > 4 or int(text) < 1:
        raise InputError(said(words, "jobs", value=_shown(value, words)), field="--jobs")
    return int(text)
