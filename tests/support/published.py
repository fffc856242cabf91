"""A plan's indicator table as a government would publish it, made from the typed tables: a web page (.html, its
category cells merged down their rows, saved as GB18030 or UTF-8) or a Word attachment (.docx), with the header
一级指标 | 序号 | 二级指标 | 2020年基础值 … | 2024年目标值 …, the unit in the name (研发人员数（人）), the core mark
after it and a national and a provincial value in one cell (国2.8/省3.1)."""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

QUALITATIVE = "定性"


def published_rows(indicators: pd.DataFrame, values: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the table, one row per indicator (two series in one cell)."""
    typed = values[values["value_type"].isin(["baseline", "target"])]
    columns = sorted({(int(r.year), r.value_type) for r in typed.itertuples()},
                     key=lambda c: (c[1] != "baseline", c[0]))
    header = ["一级指标", "序号", "二级指标",
              *(f"{year}年{'基础值' if kind == 'baseline' else '目标值'}" for year, kind in columns)]
    rows = []
    for indicator_id, group in indicators.groupby("indicator_id", sort=True):
        first = group.iloc[0]
        unit = f"（{first['unit_zh']}）" if first["unit_zh"] else ""
        name = first["name_zh"] + unit + ("*" if first["core"] else "")
        cells = []
        for year, kind in columns:
            texts = {}
            for row in typed[(typed["indicator_id"] == indicator_id) & (typed["year"] == year)
                             & (typed["value_type"] == kind)].itertuples():
                texts[row.series] = str(row.printed_text).strip()
            if set(texts) == {"national", "provincial"}:
                cells.append(f"国{texts['national']}/省{texts['provincial']}")
            else:
                cells.append(texts.get("", QUALITATIVE if first["kind"] == "qualitative" else "—"))
        rows.append([first["category_zh"], str(indicator_id), name, *cells])
    return header, rows


def write_html(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    """A saved web page: a title, the table with its category cells merged over their rows."""
    lines = [f'<html><head><meta charset="{encoding}"><title>实施方案</title></head><body>',
             "<p>附件：创新型城市建设目标</p><table border=1>",
             "<tr>" + "".join(f"<th>{html.escape(cell)}</th>" for cell in header) + "</tr>"]
    for index, row in enumerate(rows):
        first = index == 0 or rows[index - 1][0] != row[0]
        span = sum(1 for other in rows[index:] if other[0] == row[0]) if first else 0
        category = f'<td rowspan="{span}">{html.escape(row[0])}</td>' if first else ""  # the rows after: none
        lines.append("<tr>" + category + "".join(f"<td>{html.escape(cell)}</td>" for cell in row[1:]) + "</tr>")
    lines.append("</table></body></html>")
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def write_docx(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A Word attachment: a heading, then the table with its category cells merged down their rows."""
    import docx

    document = docx.Document()
    document.add_paragraph("附件：创新型城市建设目标")
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    start = 1
    for index, row in enumerate(rows, 1):
        for column, text in enumerate(row[1:], 1):
            table.cell(index, column).text = text
        last = index == len(rows) or rows[index][0] != row[0]
        if last:
            merged = table.cell(start, 0).merge(table.cell(index, 0)) if index > start else table.cell(start, 0)
            merged.text = row[0]
            start = index + 1
    document.save(path)
    return path
