"""Notebooks as source files: what is committed is the cells, not a run's outputs.

:func:`tidy` drops what running a notebook adds (outputs, execution counts, timings, papermill and
widget metadata), except the outputs of cells marked ``# NBVAL_CHECK_OUTPUT``, which nbval compares
and which show facts of the plan that adding data does not change. ``make lab`` installs
:func:`pre_save_hook`, so running and saving a notebook in JupyterLab leaves the repository clean;
a test checks that the committed notebooks are tidy. Run ``python -m analysis.notebook_source
notebooks/*.ipynb`` to tidy files in place.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

CHECK_MARK = "NBVAL_CHECK_OUTPUT"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
NOTEBOOK_METADATA = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
CELL_METADATA_KEPT = ("tags",)


def tidy(notebook: dict) -> dict:
    """The notebook as source: cells and tags, check cells' outputs, a fixed kernelspec (``python3``)."""
    cells = []
    position = 0
    for cell in notebook.get("cells", []):
        cell = dict(cell)
        metadata = {key: value for key, value in cell.get("metadata", {}).items() if key in CELL_METADATA_KEPT}
        cell["metadata"] = metadata
        if cell.get("cell_type") == "code":
            position += 1
            source = "".join(cell.get("source", ""))
            checked = CHECK_MARK in source
            cell["execution_count"] = position if checked else None
            cell["outputs"] = [_tidy_output(output, position) for output in cell.get("outputs", [])] if checked else []
        cells.append(cell)
    return {**notebook, "cells": cells, "metadata": NOTEBOOK_METADATA, "nbformat": 4,
            "nbformat_minor": notebook.get("nbformat_minor", 5)}


def _tidy_output(output: dict, position: int) -> dict:
    output = {key: value for key, value in output.items() if key != "metadata" or value}
    if output.get("output_type") == "execute_result":
        output["execution_count"] = position
    return output


def dumps(notebook: dict) -> str:
    """The notebook as JupyterLab writes it (one-space indent, non-ASCII kept), with a final newline."""
    return json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def pre_save_hook(model: dict, **kwargs) -> None:
    """Jupyter's ``FileContentsManager.pre_save_hook``: save notebooks tidy."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        content = tidy(json.loads(json.dumps(model["content"])))
        model["content"].clear()
        model["content"].update(content)


def main(paths: list[str]) -> int:
    changed = 0
    for name in paths:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        tidied = dumps(tidy(json.loads(text)))
        if tidied != text:
            path.write_text(tidied, encoding="utf-8")
            changed += 1
            print(f"tidied {path}")
    return 0 if changed == 0 or "--check" not in sys.argv else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main([arg for arg in sys.argv[1:] if not arg.startswith("--")]))
