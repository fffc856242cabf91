"""Validation of run parameters, before papermill or any step sees them.

The same checks run in the command line and in every notebook's first cell after ``parameters``,
so a bad value from papermill's ``-p`` (which turns ``"2024"`` into ``2024`` and ``"01"`` into ``1``)
or a typo in JupyterLab fails the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, display_path
from .paths import resolve_project_path
from .schemes import check_scheme as cut_offs

PLAN_YEARS = (2021, 2024)
"""Report years the plan covers: from its last baseline year to its final target year."""
LANGUAGES = ("zh", "en")


def report_years() -> tuple[int, ...]:
    return tuple(range(PLAN_YEARS[0], PLAN_YEARS[1] + 1))


@dataclass(frozen=True)
class ReportParameters:
    report_year: int
    language: str = "zh"
    scheme: str = "eurostat"


def check_report_year(value) -> int:
    if isinstance(value, bool):
        raise InputError(f"{value!r} is not a year", field="report_year")
    try:
        year = int(str(value).strip())
    except ValueError:
        raise InputError(f"{value!r} is not a year", field="report_year") from None
    if str(value).strip() != str(year) and not (isinstance(value, float) and value == year):
        raise InputError(f"{value!r} is not a year", field="report_year")
    if not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:
        raise InputError(f"{year} is outside the plan: report years run {PLAN_YEARS[0]}–{PLAN_YEARS[1]}",
                         field="report_year")
    return year


def check_language(value) -> str:
    if value not in LANGUAGES:
        raise InputError(f"unknown language {value!r}; use one of {', '.join(LANGUAGES)}", field="language")
    return value


def check_scheme(value) -> str:
    cut_offs(value)  # raises InputError for an unknown scheme
    return value


def check_project_path(value, parameter: str) -> Path:
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise InputError(f"{value!r} is not a path", field=parameter)
    return resolve_project_path(value, parameter=parameter)


def check_report_parameters(report_year, language="zh", scheme="eurostat") -> ReportParameters:
    return ReportParameters(check_report_year(report_year), check_language(language), check_scheme(scheme))


def check_output_dir(value, parameter: str) -> Path:
    """A folder the run writes into: inside the project, and not an existing file."""
    path = check_project_path(value, parameter)
    if path.exists() and not path.is_dir():
        raise InputError(f"{str(value)!r} is a file; a folder is needed", field=parameter)
    return path


def check_not_inside_raw(output: Path, raw_dir: Path, parameter: str) -> Path:
    """Raw data is never written by code: refuse an output folder inside the raw folder."""
    if output == raw_dir or raw_dir in output.parents:
        raise InputError(f"{display_path(output)} lies inside the raw folder {display_path(raw_dir)}, which is "
                         "read-only", field=parameter)
    return output
