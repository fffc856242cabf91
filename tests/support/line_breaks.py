"""The report's HTML without the spans that only keep a number with its unit on one line
(:mod:`analysis.report.line_breaks`), for tests that read the words of a cell or a header; a Word file's lines."""
from __future__ import annotations

import re


def unmarked(html: str) -> str:
    """``html`` with every ``<span class="nobr">…</span>`` (and a long part of a web address in its block,
    ``<span class="address-part">…</span>``, a short aside in its, ``<span class="aside">…</span>``) replaced by its
    text, and no ``<wbr>`` or zero-width space (a line free to break before a value's year) between two."""
    html = re.sub(r"<wbr\s*/?>", "<wbr>", html)  # as written, or as the page is saved (<wbr/>)
    html = re.sub(r'<span class="address-part">((?:[^<]|<wbr>)*)</span>', r"\1", html)
    html = re.sub(r'<span class="nobr">([^<]*)</span>', r"\1", html)
    html = re.sub(r'<span class="aside">((?:[^<]|<wbr>)*)</span>', r"\1", html)
    return html.replace("<wbr>", "").replace("&#8203;", "")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraph_lines(body) -> list[str]:
    """The text of each line of the paragraphs of a Word document's ``body`` (apart at a line break or a tab), its runs'
    text joined: a number and its unit may stand in two runs (7 | 个)."""
    lines = []
    for paragraph in body.iter(f"{W}p"):
        text = "".join(node.text or "" if node.tag == f"{W}t" else "\n"
                       for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab"))
        lines += text.split("\n")
    return lines
