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


def test_a_raised_number_stays_raised_as_a_footnote_mark_on_a_web_page(tmp_path):
    path = page(tmp_path,
                "<tr><td>投入</td><td>1</td><td>研发人员数（人）<sup>1</sup></td><td>100</td><td>200</td></tr>",
                "<tr><td>投入</td><td>2</td><td>绿地面积（万m<sup>2</sup>）<sup>注</sup></td><td>5</td><td>6</td></tr>")
    assert [row[2] for row in read_tables(path)[0].rows[1:]] == ["研发人员数（人）¹", "绿地面积（万m²）注"]


def test_a_word_footnote_and_a_raised_number_are_kept_as_raised_marks(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("附件").add_run()._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="7"/>'))
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "二级指标", "2025年目标值"
    paragraph = table.cell(1, 0).paragraphs[0]
    paragraph.add_run("研发人员数（人）")
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="8"/>'))  # Word shows 2
    table.cell(1, 1).text = "200"
    paragraph = table.cell(2, 0).paragraphs[0]
    paragraph.add_run("专利数（件）")
    paragraph.add_run("3").font.superscript = True
    table.cell(2, 1).text = "40"
    document.save(tmp_path / "plan.docx")
    rows = read_tables(tmp_path / "plan.docx")[0].rows
    assert rows == [["二级指标", "2025年目标值"], ["研发人员数（人）²", "200"], ["专利数（件）³", "40"]]


def test_a_merged_category_cell_wrapped_over_lines_or_typed_in_each_row_is_one_category(tmp_path):
    """A narrow category column prints 创新投入 over two lines, merged down its rows; another was typed in each row,
    then merged (Word keeps each row's paragraph). Each is read once, as printed: 创新投入 and 创新产出 beside their
    rows, no 创新 投入 and no 创新产出 创新产出."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=5, cols=5)
    for column, text in enumerate(["一级指标", "序号", "二级指标", "2020年基础值", "2025年目标值"]):
        table.cell(0, column).text = text
    rows = [["1", "研发经费投入\n强度（%）", "2.3", "3.0"], ["2", "研发人员（人）", "4000", "5000"],
            ["3", "专利（件）", "100", "120"], ["4", "论文（篇）", "10", "20"]]
    for index, row in enumerate(rows, 1):
        for column, text in enumerate(row, 1):
            table.cell(index, column).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "创新\n投入"
    table.cell(3, 0).text = table.cell(4, 0).text = "创新产出"
    table.cell(3, 0).merge(table.cell(4, 0))
    document.save(tmp_path / "plan.docx")
    grid = read_tables(tmp_path / "plan.docx")[0]
    assert [row[0] for row in grid.rows[1:]] == ["创新投入", "创新投入", "创新产出", "创新产出"]
    imported = read_plan_table([grid], "plan.docx")
    assert [(i["category_zh"], i["name_zh"]) for i in imported.indicators] == [
        ("创新投入", "研发经费投入强度"), ("创新投入", "研发人员"), ("创新产出", "专利"), ("创新产出", "论文")]


def test_a_web_pages_cell_wrapped_in_its_markup_or_by_a_line_break_reads_as_one_text(tmp_path):
    path = page(tmp_path,
                '<tr><td rowspan="2"><p>创新<br>\n  投入</p></td><td>1</td><td>R&amp;D经费\n投入强度（%）</td>'
                "<td>2.3</td><td>3.0</td></tr>",
                "<tr><td>2</td><td>研发人员\n（人）</td><td>4000</td><td>5000</td></tr>")
    assert [row[:3] for row in read_tables(path)[0].rows[1:]] == [["创新投入", "1", "R&D经费投入强度（%）"],
                                                                  ["创新投入", "2", "研发人员（人）"]]


def test_a_web_pages_comma_inside_a_number_is_read_as_printed_and_told(tmp_path):
    # the page's reader drops no comma unseen: 1,200 is told as thousands apart, 3,5 is no number to guess
    path = page(tmp_path, "<tr><td>投入</td><td>1</td><td>研发人员数（人）</td><td>1,200</td><td>3,5</td></tr>")
    assert read_tables(path)[0].rows[1] == ["投入", "1", "研发人员数（人）", "1,200", "3,5"]
    imported = read_plan_table(read_tables(path), str(path), "zh")
    assert [(v["year"], v["value"]) for v in imported.values] == [(2020, "1200")]
    told = {row["text"]: row["read_as"] for row in imported.review}
    assert "（千位分隔已去掉）" in told["1,200"]
    assert "3,5" in told and told["3,5"] != "35"
