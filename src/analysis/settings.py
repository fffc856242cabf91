"""Where things are, the languages and the cut-off schemes: the project's settings, on the ground floor.

Paths are anchored on the project root, never on the current directory, so the same code runs from
JupyterLab (cwd ``notebooks/``), papermill (cwd anywhere) and pytest. This module imports nothing of
the project's: every other module may import it. The checks a run parameter passes are in
:mod:`analysis.parameters`.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
CATALOGS_DIR = PACKAGE_DIR / "catalogs"
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"
DEFAULT_PLAN_DIR = RAW_DIR / "weihai"
#: The file that makes a folder a plan folder: the plan's identity (:mod:`analysis.plan`).
PLAN_FILE = "plan.yml"

DEFAULT_LANGUAGE = "zh"
#: One catalog of words per language (``catalogs/<language>.yml``); the default language first.
LANGUAGES = tuple(sorted((p.stem for p in CATALOGS_DIR.glob("*.yml")), key=lambda name: name != DEFAULT_LANGUAGE))

#: Progress-ratio cut-offs: (on track at or above, moderate at or above, insufficient at or above;
#: below the last: moving away). Eurostat's EU SDG monitoring report; UNSD's Progress Chart 2016–2022.
SCHEMES = {
    "eurostat": (0.95, 0.60, 0.0),
    "unsd": (0.95, 0.50, -0.10),
}
DEFAULT_SCHEME = "eurostat"
