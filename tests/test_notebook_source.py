"""The committed notebooks are source: tidy, parameterised, on the python3 kernel."""
from __future__ import annotations

import json
import re

import pytest

from analysis.notebook_source import dumps, pre_save_hook, tidy
from analysis.settings import NOTEBOOKS_DIR

NOTEBOOK_FILES = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.name for p in NOTEBOOK_FILES])
def test_committed_notebooks_are_tidy_and_parameterised(path):
    text = path.read_text(encoding="utf-8")
    notebook = json.loads(text)
    assert dumps(tidy(notebook)) == text, f"run: python -m analysis.notebook_source {path}"
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    tagged = [cell for cell in notebook["cells"] if "parameters" in cell["metadata"].get("tags", [])]
    assert len(tagged) == 1
    for line in "".join(tagged[0]["source"]).splitlines():  # literal defaults only
        assert line == "" or line.startswith("#") or " = " in line and "(" not in line.split("#")[0], line


def test_saving_in_jupyterlab_keeps_only_the_source_and_the_checked_outputs():
    notebook = {"cells": [
        {"cell_type": "code", "id": "a", "execution_count": 12, "source": "x = 1", "metadata": {"tags": ["parameters"],
         "execution": {"iopub.execute_input": "2026-11-27T10:00:00"}}, "outputs": []},
        {"cell_type": "code", "id": "b", "execution_count": 13, "source": "print(x)",
         "metadata": {"scrolled": True}, "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\n"}]},
        {"cell_type": "code", "id": "c", "execution_count": 14, "source": "# NBVAL_CHECK_OUTPUT\nx", "metadata": {},
         "outputs": [{"output_type": "execute_result", "execution_count": 14, "data": {"text/plain": "1"},
                      "metadata": {}}]},
        {"cell_type": "markdown", "id": "d", "source": "# Title", "metadata": {}}],
        "metadata": {"kernelspec": {"name": "conda-env-x-py", "display_name": "x", "language": "python"},
                     "language_info": {"name": "python", "version": "3.11.7"}, "widgets": {}},
        "nbformat": 4, "nbformat_minor": 5}
    model = {"type": "notebook", "content": notebook}
    pre_save_hook(model)
    cells = model["content"]["cells"]
    assert [c.get("execution_count") for c in cells] == [None, None, 3, None]
    assert cells[0]["metadata"] == {"tags": ["parameters"]} and cells[1]["metadata"] == {}
    assert cells[1]["outputs"] == []
    assert cells[2]["outputs"] == [{"output_type": "execute_result", "execution_count": 3,
                                    "data": {"text/plain": "1"}}]
    assert model["content"]["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in model["content"]["metadata"]


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.name for p in NOTEBOOK_FILES])
def test_every_file_a_notebooks_story_names_is_there(path):
    # 01 sent the reader to data/raw/corrections.csv; the corrections are the plan folder's (data/raw/weihai/)
    from analysis.settings import PROJECT_ROOT

    story = "".join("".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
                    if cell["cell_type"] == "markdown")
    named = [name for name in re.findall(r"`([^`\s]+)`", story)
             if name.startswith(("data/", "src/", "notebooks/", "tests/", "docs/")) and "<" not in name]
    assert [name for name in named if not (PROJECT_ROOT / name).exists()] == []
