"""A plan's tables as published, read as grids of the text a reader sees: what a browser never shows is no cell's
text."""
from __future__ import annotations

from analysis.clean.plan_import import read_plan_table
from analysis.ingest.published_table import read_tables

HEADER = "<tr><th>一级指标</th><th>序号</th><th>二级指标</th><th>2020年基础值</th><th>2025年目标值</th></tr>"


def page(tmp_path, *rows: str, before: str = ""):
    path = tmp_path / "plan.html"
    path.write_text(f'<html><head><meta charset="utf-8"></head><body>{before}<table>{HEADER}{"".join(rows)}'
                    "</table></body></html>", encoding="utf-8")
    return path


def test_a_script_a_style_sheet_noscript_and_a_template_are_no_cell_text(tmp_path):
    path = page(tmp_path,
                "<tr><td>投入</td><td>1</td><td>高新技术企业数（家）<script>alert(1)</script></td><td>380</td>"
                "<td>500</td></tr>",
                "<tr><td>投入</td><td>2</td><td>研发人员数<style>td{color:red}</style>（人）<noscript>请启用脚本"
                "</noscript></td><td>1<template>9</template>00</td><td>200</td></tr>",
                before="<template><table><tr><td>二级指标</td><td>2020年基础值</td></tr><tr><td>假</td><td>1</td>"
                       "</tr></table></template>")
    grids = read_tables(path)
    assert [grid.number for grid in grids] == [1]  # the template's table is none of the page's
    assert grids[0].rows[1:] == [["投入", "1", "高新技术企业数（家）", "380", "500"],
                                 ["投入", "2", "研发人员数（人）", "100", "200"]]
    imported = read_plan_table(grids, str(path))
    read = [(i["name_zh"], i["unit_zh"], i["kind"]) for i in imported.indicators]
    assert read == [("高新技术企业数", "家", "count"), ("研发人员数", "人", "count")]
    assert not any("alert" in row["text"] + row["read_as"] for row in imported.review)
