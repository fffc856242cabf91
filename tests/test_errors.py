"""Gathered mistakes keep the reader's language of "how many more"."""
from __future__ import annotations

import pytest

from analysis.catalog import catalog, mistakes_told_in
from analysis.errors import LISTED_ERRORS, InputError, InputErrors, Mistakes, display_path, file_order, quote


def test_a_gathered_list_keeps_the_language_of_how_many_more():
    """A department's Chinese file of 35 mistakes, gathered with the run's other checks: the line after the 30 listed
    says "……另有5处错误", never "… 5 more"."""
    many = InputErrors([InputError(f"'坏{i}' 不是数字", file="多.csv", line=i + 2) for i in range(LISTED_ERRORS + 5)],
                       more="……另有{count}处错误")
    gathered = Mistakes()
    with gathered.row():
        raise many
    with pytest.raises(InputErrors) as caught:
        gathered.check()
    assert caught.value.lines()[-1] == "多.csv: ……另有5处错误"


def test_every_file_with_a_mistake_is_named_in_a_long_list():
    """a.csv with 55 mistakes, b.csv with 1 after it: b.csv's is listed (its department fixes it this round), then
    a.csv's first 29; 26 more, counted."""
    errors = [InputError("bad", file="a.csv", line=i + 2) for i in range(55)] + [InputError("empty", file="b.csv",
                                                                                             line=2)]
    lines = InputErrors(errors).lines()
    assert len(lines) == LISTED_ERRORS + 1
    assert "b.csv:2: empty" in lines and lines[-1] == "a.csv: … 26 more"
    assert lines[:LISTED_ERRORS - 1] == [f"a.csv:{i + 2}: bad" for i in range(LISTED_ERRORS - 1)]


def test_a_long_list_of_a_plan_files_mistakes_counts_the_rest_in_the_runs_language():
    """values.csv of 32 mistakes in a run told in Chinese: 30 listed, then "……另有2处错误" (was "… 2 more")."""
    errors = [InputError("x", file="values.csv", line=i + 2) for i in range(LISTED_ERRORS + 2)]
    with mistakes_told_in("zh"):
        assert InputErrors(errors).lines()[-1] == "values.csv: ……另有2处错误"
        gathered = Mistakes()
        for error in errors:
            gathered.add(error)
        with pytest.raises(InputErrors) as caught:
            gathered.check()
        assert caught.value.lines()[-1] == "values.csv: ……另有2处错误"
    assert InputErrors(errors).lines()[-1] == "values.csv: … 2 more"


def test_the_line_counting_the_mistakes_not_listed_names_their_files():
    """a.csv with 31 mistakes, b.csv with 5 after them: a.csv's first, b.csv's first, then a.csv's next 28 listed;
    the 6 not listed (a.csv's last 2, b.csv's last 4) are in both files, named in their order. Before, the line
    named no file ("… 6 more")."""
    errors = [InputError("bad", file="a.csv", line=i + 2) for i in range(31)] + [
        InputError("empty", file="b.csv", line=i + 2) for i in range(5)]
    assert InputErrors(errors).lines()[-1] == "a.csv, b.csv: … 6 more"


def test_a_rounds_errors_go_file_by_file_and_in_a_workbook_by_its_sheets_order():
    """Sheets in the workbook's order (数据报送, 工作进展与说明, then a tab added, 2025年), not by name; an
    error about the whole file first; a sheet the order does not know last; a CSV file by its lines."""
    lines = ("2025年!D5", "工作进展与说明!F5", "数据报送!D6", "数据报送!AA5", "旧!A1", None)
    errors = [InputError("x", file="b.xlsx", line=line) for line in lines]
    errors += [InputError("x", file="a.csv", line=12), InputError("x", file="a.csv", line=3)]
    ordered = sorted(errors, key=file_order({"b.xlsx": ("数据报送", "工作进展与说明", "2025年")}))
    assert [(error.file, error.line) for error in ordered] == [
        ("a.csv", 3), ("a.csv", 12), ("b.xlsx", None), ("b.xlsx", "数据报送!AA5"), ("b.xlsx", "数据报送!D6"),
        ("b.xlsx", "工作进展与说明!F5"), ("b.xlsx", "2025年!D5"), ("b.xlsx", "旧!A1")]


def test_a_value_cut_or_too_long_to_show_is_told_in_the_messages_language():
    long_text = "59D9e" + "0" * 59
    assert quote(long_text, words=catalog("en")) == f"{long_text[:60]!r}… (64 characters)"
    assert quote(long_text, words=catalog("zh")) == f"{long_text[:60]!r}…（共64个字符）"
    assert quote(10 ** 70, words=catalog("en")) == "a number of 71 digits"
    assert quote(10 ** 70, words=catalog("zh")) == "一个71位的数"
    # by default, the language the run tells a plan file's mistakes in
    assert quote(10 ** 70) == "a number of 71 digits"
    with mistakes_told_in("zh"):
        assert quote(long_text) == f"{long_text[:60]!r}…（共64个字符）"
        assert display_path(None) == "<输入内容>"
    assert display_path(None) == "<input>"


def test_a_notebook_shows_a_mistake_as_its_line_not_a_traceback(example_tables, project_tmp):
    # notebook 04 with indicator_id 99: the cell's error is the one line naming the parameter (IPython's
    # _render_traceback_), not five frames of the project's code ending in it
    import json

    import papermill
    from papermill.exceptions import PapermillExecutionError

    from analysis.settings import NOTEBOOKS_DIR
    from tests.conftest import relative

    output = project_tmp / "04-unknown-indicator.ipynb"
    with pytest.raises(PapermillExecutionError) as caught:
        papermill.execute_notebook(str(NOTEBOOKS_DIR / "04_explore_indicator.ipynb"), str(output),
                                   kernel_name="python3", progress_bar=False,
                                   parameters={"data_dir": relative(example_tables), "indicator_id": 99,
                                               "language": "en"})
    assert caught.value.ename == "InputError"  # as make report reads it
    errors = [out for cell in json.loads(output.read_text(encoding="utf-8"))["cells"]
              for out in cell.get("outputs", []) if out["output_type"] == "error"]
    assert len(errors) == 1
    assert errors[0]["traceback"] == [
        "InputError: indicator_id: no indicator 99; the plan has 1, 2, 3, 4 national, 4 provincial, 5 national, "
        "5 provincial, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26"]


def test_several_mistakes_are_shown_a_line_each():
    errors = InputErrors([InputError("empty", file="a.csv", line=2, field="value"),
                          InputError("not a year", file="a.csv", line=3, field="year")])
    assert errors._render_traceback_() == ["InputErrors: a.csv:2: value: empty", "a.csv:3: year: not a year"]
