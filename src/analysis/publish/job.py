"""A report to build: which plan, year, language and scheme, from which inputs, into which folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import display_path
from ..parameters import check_language, check_scheme
from ..plan import Plan
from ..settings import NOTEBOOKS_DIR, PROCESSED_DIR, REPORTS_DIR

#: The notebooks of a report, in the order of the data's way: clean → assess → report. The first two are its
#: evidence (the cleaning and the assessment); the third makes the report.
CLEANING, ASSESSMENT, REPORT = "01_clean_indicators.ipynb", "02_gap_to_target.ipynb", "03_annual_report.ipynb"
NOTEBOOKS = (CLEANING, ASSESSMENT, REPORT)
#: Beside a report's tables: the assessment the previous year's report published, when that report was made from
#: other inputs (a revision since): the statuses "then" of the change since the last report.
PREVIOUS_ASSESSMENT = "previous-assessment.csv"


@dataclass(frozen=True)
class ReportJob:
    """One report: ``output_root/<plan>/<year>/<language>/``, made from the plan's tables in
    ``processed_root/<plan>/``."""

    plan: Plan
    report_year: int
    language: str
    scheme: str
    observations_dir: Path | None = None  # default: the plan's observations/ folder
    output_root: Path = REPORTS_DIR
    processed_root: Path = PROCESSED_DIR
    notebooks_dir: Path = NOTEBOOKS_DIR   # where the notebooks are (a copy of notebooks/, with a change to try)

    @property
    def destination(self) -> Path:
        return self.output_root / self.plan.name / str(self.report_year) / self.language

    @property
    def previous(self) -> Path | None:
        """The folder of the report of the previous report year, in this language (None for the first year)."""
        earlier = [year for year in self.plan.report_years if year < self.report_year]
        if not earlier:
            return None
        return self.output_root / self.plan.name / str(max(earlier)) / self.language

    @property
    def observations(self) -> Path:
        return self.observations_dir or self.plan.observations_dir

    @property
    def tables(self) -> Path:
        """The folder of the plan's processed tables, which the notebooks read."""
        return self.plan.processed_folder(self.processed_root)

    @property
    def label(self) -> str:
        return f"{self.plan.name}/{self.report_year}/{self.language}"

    def parameters(self) -> dict:
        """What the report is made with, as the build key and the manifest record it."""
        return {"plan": display_path(self.plan.folder), "report_year": self.report_year, "language": self.language,
                "scheme": self.scheme, "observations_dir": display_path(self.observations)}

    def notebook_parameters(self, notebook: str, output_dir: Path | None = None, dates: dict | None = None,
                            previous: Path | None = None) -> dict:
        """What papermill passes ``notebook``: the plan's tables (paths relative to the project root), and to the
        report notebook its year, language, dates, the folder it writes the Word edition and workbook into, and the
        assessment the previous report published (``previous``, when it was made from other inputs)."""
        data = display_path(self.tables)
        if notebook == CLEANING:
            return {"plan_dir": display_path(self.plan.folder), "data_dir": data}
        if notebook == ASSESSMENT:
            return {"data_dir": data, "report_year": self.report_year}
        return {"data_dir": data, "report_year": self.report_year, "language": self.language,
                **(dates or {}), "output_dir": display_path(output_dir) if output_dir else "",
                "previous_assessment": display_path(previous) if previous else ""}


def make_job(plan: Plan, report_year, language: str = "zh", scheme: str = "eurostat",
             observations_dir: Path | None = None, output_root: Path = REPORTS_DIR,
             processed_root: Path = PROCESSED_DIR, notebooks_dir: Path = NOTEBOOKS_DIR) -> ReportJob:
    """A checked :class:`ReportJob` (bad parameters raise :class:`InputError` before anything runs)."""
    return ReportJob(plan, plan.check_report_year(report_year), check_language(language), check_scheme(scheme),
                     Path(observations_dir) if observations_dir is not None else None, Path(output_root),
                     Path(processed_root), Path(notebooks_dir))
