"""The floor: the least any notebook report can cost on this machine.

One process executes a one-cell notebook that imports pandas, matplotlib and seaborn with
papermill (one kernel start), converts it to HTML with nbconvert's stock exporter, and prints that
HTML to PDF with the project's PDF step. ``benchmarks/run.py`` times it as a whole command.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter

from analysis.report.render import html_to_pdf


def main(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, matplotlib.pyplot, seaborn")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, work / "floor.ipynb")
    papermill.execute_notebook(str(work / "floor.ipynb"), str(work / "floor-executed.ipynb"),
                               kernel_name="python3", progress_bar=False)
    body, _ = HTMLExporter().from_filename(str(work / "floor-executed.ipynb"))
    (work / "floor.html").write_text(body, encoding="utf-8")
    html_to_pdf(work / "floor.html", work / "floor.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
