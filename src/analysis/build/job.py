"""A report to build: which plan, year, language and scheme, from which inputs, into which folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import display_path
from ..parameters import check_language, check_scheme
from ..plan import Plan
from ..settings import REPORTS_DIR

#: The notebooks of a report, in the order they run: the data's way, clean → assess → report.
NOTEBOOKS = ("01_clean_indicators.ipynb", "02_gap_to_target.ipynb", "03_annual_report.ipynb")
REPORT_NOTEBOOK = NOTEBOOKS[-1]


@dataclass(frozen=True)
class ReportJob:
    """One report: ``output_root/<plan>/<year>/<language>/``."""

    plan: Plan
    report_year: int
    language: str
    scheme: str
    observations_dir: Path | None = None  # default: the plan's observations/ folder
    output_root: Path = REPORTS_DIR
    processed_root: Path | None = None    # refreshed with the report's tables when given

    @property
    def destination(self) -> Path:
        return self.output_root / self.plan.name / str(self.report_year) / self.language

    @property
    def observations(self) -> Path:
        return self.observations_dir or self.plan.observations_dir

    @property
    def label(self) -> str:
        return f"{self.plan.name}/{self.report_year}/{self.language}"

    def parameters(self) -> dict:
        """What the report is made with, as the build key and the manifest record it."""
        return {"plan": display_path(self.plan.folder), "report_year": self.report_year, "language": self.language,
                "scheme": self.scheme, "observations_dir": display_path(self.observations)}

    def notebook_parameters(self, data_dir: Path, figures_dir: Path, dates: dict[str, str]) -> dict[str, dict]:
        """What each notebook is given: the tables of this run, and for 01 the plan they were made from; the
        report also gets its dates and the folder its figures are drawn into while the notebooks run."""
        data = display_path(data_dir)
        return {NOTEBOOKS[0]: {"plan_dir": display_path(self.plan.folder), "data_dir": data},
                NOTEBOOKS[1]: {"data_dir": data, "report_year": self.report_year},
                NOTEBOOKS[2]: {"data_dir": data, "report_year": self.report_year, "language": self.language,
                               "figures_dir": display_path(figures_dir), **dates}}


def make_job(plan: Plan, report_year, language: str = "zh", scheme: str = "eurostat",
             observations_dir: Path | None = None, output_root: Path = REPORTS_DIR,
             processed_root: Path | None = None) -> ReportJob:
    """A checked :class:`ReportJob` (bad parameters raise :class:`InputError` before anything runs)."""
    return ReportJob(plan, plan.check_report_year(report_year), check_language(language), check_scheme(scheme),
                     Path(observations_dir) if observations_dir is not None else None, Path(output_root),
                     Path(processed_root) if processed_root is not None else None)
