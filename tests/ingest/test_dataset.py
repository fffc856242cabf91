"""An observations folder's dataset.yml: the data set's label, its keys checked as plan.yml's are."""
from __future__ import annotations

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError, error_lines
from analysis.ingest.dataset import read_dataset_label

LABEL = "label: {zh: 部门报送草稿, en: Departments' draft}\n"


def labelled(tmp_path, text: str):
    folder = tmp_path / "observations"
    folder.mkdir()
    (folder / "dataset.yml").write_text(text, encoding="utf-8")
    return folder


def test_a_label_is_read(tmp_path):
    assert read_dataset_label(labelled(tmp_path, LABEL)) == {"zh": "部门报送草稿", "en": "Departments' draft"}


@pytest.mark.parametrize(("text", "language", "said"), [
    # a key the file does not take, beside a good label: told at its line (the label is line 1), with the keys it takes
    (LABEL + "sorce: 国家统计局\n", "en", ["2: sorce: unknown key 'sorce'; known: label"]),
    (LABEL + "publised: 2024-03-01\nsorce: x\n", "en",
     ["2: publised: unknown keys 'publised', 'sorce'; known: label"]),
    (LABEL + "sorce: 国家统计局\n", "zh", ["2: sorce: 未知的键 'sorce'；可用的键：label"]),
    # the label's own key misspelt: the label is missing (told at the file's mapping, line 1), and the key it likely
    # is suggested
    (LABEL.replace("label:", "lable:"), "en",
     ["1: label: expected label: {zh: …, en: …}, the data set's name in each language",
      "1: lable: unknown key 'lable' (did you mean 'label'?); known: label"]),
    (LABEL.replace("label:", "Label:"), "zh",
     ["1: label: 应写作 label: {zh: …, en: …}，即数据集在各语言中的名称",
      "1: Label: 未知的键 'Label'（是否应为 'label'？）；可用的键：label"]),
])
def test_an_unknown_key_is_told_as_plan_yml_tells_one(tmp_path, text, language, said):
    folder = labelled(tmp_path, text)
    with mistakes_told_in(language), pytest.raises(InputError) as caught:
        read_dataset_label(folder)
    assert error_lines(caught.value) == [f"{folder / 'dataset.yml'}:{line}" for line in said]


@pytest.mark.parametrize(("language", "said"), [
    ("en", ["5: label: 'fr' is not a report language; use zh, en", "7: sorce: unknown key 'sorce'; known: label"]),
    ("zh", ["5: label: 'fr' 不是报告语言：请用 zh、en", "7: sorce: 未知的键 'sorce'；可用的键：label"]),
])
def test_a_mistake_of_dataset_yml_is_told_at_its_keys_line_as_plan_ymls_are(tmp_path, language, said):
    """Below a comment and a blank line, the label's fr (line 5) and a key misspelt (line 7), each at its line; before,
    the file was named without a line."""
    folder = labelled(tmp_path, "# the data set's label\n\nlabel:\n  zh: 部门报送草稿\n  fr: brouillon\n\nsorce: x\n")
    with mistakes_told_in(language), pytest.raises(InputError) as caught:
        read_dataset_label(folder)
    assert error_lines(caught.value) == [f"{folder / 'dataset.yml'}:{line}" for line in said]
