"""Gathered mistakes keep the reader's language of "how many more"."""
from __future__ import annotations

import pytest

from analysis.catalog import catalog, mistakes_told_in
from analysis.errors import LISTED_ERRORS, InputError, InputErrors, Mistakes, display_path, file_order, quote


def test_a_gathered_list_keeps_the_language_of_how_many_more():
    """A department's Chinese file of 35 mistakes, gathered with the run's other checks: the line after the 30 listed
    says "……另有 5 处错误", never "… 5 more"."""
    many = InputErrors([InputError(f"'坏{i}' 不是数字", file="多.csv", line=i + 2) for i in range(LISTED_ERRORS + 5)],
                       more="……另有 {count} 处错误")
    gathered = Mistakes()
    with gathered.row():
        raise many
    with pytest.raises(InputErrors) as caught:
        gathered.check()
    assert caught.value.lines()[-1] == "……另有 5 处错误"


def test_every_file_with_a_mistake_is_named_in_a_long_list():
    """a.csv with 55 mistakes, b.csv with 1 after it: b.csv's is listed (its department fixes it this round), then
    a.csv's first 29; 26 more, counted."""
    errors = [InputError("bad", file="a.csv", line=i + 2) for i in range(55)] + [InputError("empty", file="b.csv",
                                                                                             line=2)]
    lines = InputErrors(errors).lines()
    assert len(lines) == LISTED_ERRORS + 1
    assert "b.csv:2: empty" in lines and lines[-1] == "… 26 more"
    assert lines[:LISTED_ERRORS - 1] == [f"a.csv:{i + 2}: bad" for i in range(LISTED_ERRORS - 1)]


def test_a_long_list_of_a_plan_files_mistakes_counts_the_rest_in_the_runs_language():
    """values.csv of 32 mistakes in a run told in Chinese: 30 listed, then "……另有 2 处错误" (was "… 2 more")."""
    errors = [InputError("x", file="values.csv", line=i + 2) for i in range(LISTED_ERRORS + 2)]
    with mistakes_told_in("zh"):
        assert InputErrors(errors).lines()[-1] == "……另有 2 处错误"
        gathered = Mistakes()
        for error in errors:
            gathered.add(error)
        with pytest.raises(InputErrors) as caught:
            gathered.check()
        assert caught.value.lines()[-1] == "……另有 2 处错误"
    assert InputErrors(errors).lines()[-1] == "… 2 more"


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
    assert quote(long_text, words=catalog("zh")) == f"{long_text[:60]!r}…（共 64 个字符）"
    assert quote(10 ** 70, words=catalog("en")) == "a number of 71 digits"
    assert quote(10 ** 70, words=catalog("zh")) == "一个 71 位的数"
    # by default, the language the run tells a plan file's mistakes in
    assert quote(10 ** 70) == "a number of 71 digits"
    with mistakes_told_in("zh"):
        assert quote(long_text) == f"{long_text[:60]!r}…（共 64 个字符）"
        assert display_path(None) == "<输入内容>"
    assert display_path(None) == "<input>"
