"""The shared kernel changes nothing: a report is the same bytes as stock papermill in fresh kernels.

The report's three notebooks run in one kernel, reset between them (:mod:`analysis.build.kernel`).
Here the same notebooks run the stock way, ``papermill.execute_notebook`` with a new kernel each,
on the tables the report kept beside it; the report notebook's outputs, its HTML and its PDF must
be identical.
"""
from __future__ import annotations

import json

import papermill
import pytest

from analysis.build.batch import render_reports
from analysis.build.job import NOTEBOOKS, REPORT_NOTEBOOK, make_job
from analysis.build.kernel import KernelSession
from analysis.report.context import load_report
from analysis.report.render import html_to_pdf, notebook_to_html
from analysis.report.words import title
from analysis.settings import NOTEBOOKS_DIR
from tests.conftest import relative


def outputs(notebook_path) -> list:
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    return [(cell.get("execution_count"), cell.get("outputs")) for cell in notebook["cells"]
            if cell["cell_type"] == "code" and "injected-parameters" not in cell["metadata"].get("tags", [])]


@pytest.fixture(scope="module")
def shared(weihai_in_project, project_tmp):
    job = make_job(weihai_in_project, 2023, "en", output_root=project_tmp / "shared-kernel")
    render_reports([job], force=True, progress=lambda line: None)
    return job.destination


def test_stock_papermill_in_fresh_kernels_gives_the_same_report(shared, weihai_in_project, tmp_path):
    data = relative(shared / "data")
    dates = json.loads((shared / "manifest.json").read_text(encoding="utf-8"))["dates"]
    # No figures folder: the notebook draws every figure itself, so equal bytes also prove that the
    # figures the build draws ahead, in its own thread, are the ones the notebook would draw.
    parameters = {NOTEBOOKS[0]: {"plan_dir": relative(weihai_in_project.folder), "data_dir": data},
                  NOTEBOOKS[1]: {"data_dir": data, "report_year": 2023},
                  NOTEBOOKS[2]: {"data_dir": data, "report_year": 2023, "language": "en", "figures_dir": "",
                                 "generated": dates["generated"], "inputs_date": dates["inputs_date"]}}
    for name in NOTEBOOKS:
        papermill.execute_notebook(str(NOTEBOOKS_DIR / name), str(tmp_path / name), parameters=parameters[name],
                                   kernel_name="python3", cwd=str(NOTEBOOKS_DIR), progress_bar=False,
                                   coalesce_streams=True)  # nbclient's option, as the build passes it
        assert outputs(tmp_path / name) == outputs(shared / "notebooks" / name), name
    context = load_report(shared / "data", 2023, "en")
    notebook_to_html(tmp_path / REPORT_NOTEBOOK, tmp_path / "report.html", language="en", title=title(context))
    html_to_pdf(tmp_path / "report.html", tmp_path / "report.pdf")
    assert (tmp_path / "report.html").read_bytes() == (shared / "report.html").read_bytes()
    assert (tmp_path / "report.pdf").read_bytes() == (shared / "report.pdf").read_bytes()


def test_a_reset_kernel_forgets_variables_and_counts_from_one(tmp_path):
    notebook = {"cells": [{"cell_type": "code", "id": "a", "metadata": {"tags": ["parameters"]}, "outputs": [],
                           "execution_count": None, "source": "x = 1"},
                          {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": "print('seen' if 'leftover' in globals() else 'fresh'); leftover = True"}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "probe.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    session = KernelSession()
    try:
        for run in ("first", "second"):
            session.execute_notebook(tmp_path / "probe.ipynb", tmp_path / f"{run}.ipynb", {"x": 2})
            cells = json.loads((tmp_path / f"{run}.ipynb").read_text(encoding="utf-8"))["cells"]
            printed = [cell for cell in cells if cell["id"] == "b"][0]
            assert "".join(printed["outputs"][0]["text"]) == "fresh\n", run
            assert [c["execution_count"] for c in cells if c["cell_type"] == "code"] == [1, 2, 3], run
    finally:
        session.close()
