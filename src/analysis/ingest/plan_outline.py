"""Where a line of the plan text stands in the plan as printed: its section (二（三）4) or the indicator table.

The plan text is kept as received, one paragraph or table cell a line; a line number means nothing to a reader
who holds the printed plan. The outline names each line's place by the plan's own headings instead: the first
level ``二、…``, a group ``（三）…`` under it and a numbered paragraph ``4.…`` under that; the lines of the
indicator table (its title to its footnote) are "the table". A report cites that place (``方案第二部分第三项第4条``,
``plan, part 2, section 3, point 4``); the line number stays in the data files for whoever checks the text itself.

:func:`plan_outline` lists the lines where a place starts; :func:`place_of` finds a line's place in that list.
"""
from __future__ import annotations

import bisect

from ..numerals import chinese_number
from .plan_tasks import GROUP_HEADING, SECTION_HEADING, TASK_START
from .printed_table import FOOTNOTE_PREFIX, TABLE_TITLE

#: The place of the lines of the indicator table.
TABLE = "table"


def plan_outline(lines: list[str]) -> list[dict]:
    """Every line where a new place starts: ``{"line": 1-based, "place": [section, group, paragraph]}`` (0 for a
    level not yet opened; ``[]`` before the first heading), or ``"place": "table"`` for the indicator table's
    lines; the line after the table takes up the place before it again."""
    outline: list[dict] = []
    place: list[int] = []
    in_table = False
    for index, line in enumerate(lines):
        text = line.strip()
        if in_table:
            if line.startswith(FOOTNOTE_PREFIX):
                in_table = False
                outline.append({"line": index + 2, "place": list(place)})
            continue
        if text == TABLE_TITLE:
            in_table = True
            outline.append({"line": index + 1, "place": TABLE})
            continue
        section = SECTION_HEADING.fullmatch(text)
        group = GROUP_HEADING.match(text)
        paragraph = TASK_START.match(text)
        if section and chinese_number(section.group("numeral")):
            place = [chinese_number(section.group("numeral")), 0, 0]
        elif group and place and chinese_number(group.group("numeral")):
            place = [place[0], chinese_number(group.group("numeral")), 0]
        elif paragraph and place:
            place = [place[0], place[1], int(paragraph.group("number"))]
        else:
            continue
        outline.append({"line": index + 1, "place": list(place)})
    return outline


def place_of(outline: list[dict], line: int) -> list[int] | str | None:
    """The place of 1-based ``line``: ``[section, group, paragraph]``, ``"table"``, ``[]`` before the first heading;
    None when there is no outline (a plan typed as tables has no text)."""
    if not outline:
        return None
    position = bisect.bisect_right([entry["line"] for entry in outline], line) - 1
    return outline[position]["place"] if position >= 0 else []
