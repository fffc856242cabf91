"""The report's HTML without the spans that only keep a number with its unit on one line
(:mod:`analysis.report.line_breaks`), for tests that read the words of a cell or a header."""
from __future__ import annotations

import re


def unmarked(html: str) -> str:
    """``html`` with every ``<span class="nobr">…</span>`` replaced by its text, and no ``<wbr>`` or zero-width space
    (a line free to break before a value's year) between two."""
    return re.sub(r'<span class="nobr">([^<]*)</span>', r"\1", html).replace("<wbr>", "").replace("&#8203;", "")
