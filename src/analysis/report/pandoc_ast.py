"""Pandoc's document model (its JSON AST) as plain dicts: the few block and inline kinds the Word edition uses.

Text becomes ``Str`` nodes, which pandoc writes as they are (never read as Markdown, HTML or a link). Table
columns are given widths fitted to their text (:func:`fitted_widths`), as pandoc otherwise shares the page
equally.
"""
from __future__ import annotations

from .line_breaks import KEPT, SHORT_LABEL
from .line_breaks import columns as letters

PANDOC_API = [1, 23, 1, 1]
NO_ATTR = ["", [], []]
WORD_JOINER = "\u2060"
NO_BREAK_SPACES = "\u00a0\u202f"  # spaces a line never breaks at (a core indicator's " *")
CLOSING = tuple("，。、；：）」』】！？")  # full-width marks a line may not start with: they stay with the word before
CELL_PADDING = 2.0  # a cell's margins (1 mm each side) and some slack, in widths of a Latin letter


def kept_whole(text: str) -> str:
    """``text`` with the space inside a number and its unit (``2022 年``, ``0.7 pp``) made a no-break space, which
    Word and LibreOffice never break at."""
    return KEPT.sub(lambda match: match.group().replace(" ", "\u00a0"), text)


def inlines(text: str) -> list:
    """Plain text as pandoc inlines: one ``Str`` a line, never parsed; a number kept with its unit."""
    out: list = []
    for number, line in enumerate(kept_whole(str(text)).split("\n")):
        if number:
            out.append({"t": "LineBreak"})
        if line:
            out.append({"t": "Str", "c": line})
    return out


def para(text: str) -> dict:
    return {"t": "Para", "c": inlines(text)}


def plain(text: str) -> dict:
    return {"t": "Plain", "c": inlines(text)}


def strong(text: str) -> dict:
    """Plain text in bold (a group's row in a table: a category, a department)."""
    return {"t": "Plain", "c": [{"t": "Strong", "c": inlines(text)}]}


def header(level: int, text: str, identifier: str = "") -> dict:
    return {"t": "Header", "c": [level, [identifier, [], []], inlines(text)]}


def bullets(items) -> dict:
    return {"t": "BulletList", "c": [[para(item)] for item in items]}


def link(text: str, anchor: str) -> dict:
    """``text`` linking to the heading with the identifier ``anchor`` (a bookmark in Word)."""
    return {"t": "Link", "c": [NO_ATTR, inlines(text), [f"#{anchor}", ""]]}


def styled(style: str, blocks: list) -> dict:
    """Blocks in the Word paragraph style ``style``."""
    return {"t": "Div", "c": [["", [], [["custom-style", style]]], blocks]}


def cell(content, align: str = "AlignDefault", row_span: int = 1, col_span: int = 1) -> list:
    blocks = content if isinstance(content, list) else [plain(content)] if content != "" else []
    return [NO_ATTR, {"t": align}, row_span, col_span, blocks]


def table(header_cells: list[str], rows: list[list], widths, aligns=None) -> dict:
    """A Word table: a header row and body rows of cells (:func:`cell`); ``widths`` as shares of the page."""
    aligns = aligns or ["AlignDefault"] * len(widths)
    columns = [[{"t": align}, {"t": "ColWidth", "c": width}] for align, width in zip(aligns, widths)]
    head = [NO_ATTR, [[NO_ATTR, [cell(text) for text in header_cells]]]] if header_cells else [NO_ATTR, []]
    body = [NO_ATTR, 0, [], [[NO_ATTR, row] for row in rows]]
    return {"t": "Table", "c": [NO_ATTR, [None, []], columns, head, [body], [NO_ATTR, []]]}


class Label(str):
    """A label in a table (a status, a warning, a header): its column is made as wide as the whole label when it is
    at most ``short`` Latin letters wide (``红色预警``, ``Not achieved``, ``序号``), so Word never breaks it; a longer
    one breaks as text does, a number with its unit kept whole (``2020年`` of ``2020年基础值``)."""

    short: float

    def __new__(cls, text, short: float = SHORT_LABEL):
        label = super().__new__(cls, text)
        label.short = short
        return label


def text_widths(text: str) -> tuple[float, float]:
    """The width of ``text`` on one line and that of its longest word, in widths of a Latin letter (a CJK
    character is two, and a word of its own: a line may break after any of them, and after a hyphen; a
    :class:`Label` breaks only between its pieces)."""
    if isinstance(text, Label):
        total, word = text_widths(str(text))
        if total <= text.short:  # one more letter: a header is bold, and capitals are wider than digits
            return total + 1, total + 1
        # a longer label on two lines at most (每年需 | 增长), never a character a line
        return total, max([word, total / 2, *(letters(match.group()) for match in KEPT.finditer(text))])
    words, total = [0.0], 0.0
    for character in str(text):
        if character == WORD_JOINER:  # no width, no break: the next character stays in the word before it
            if len(words) > 1 and words[-1] == 0.0:
                words.pop()
            continue
        if character.isspace() and character not in NO_BREAK_SPACES:
            words.append(0.0)
            total += 1
            continue
        width = 2.0 if ord(character) >= 0x2E80 else 1.0
        total += width
        if width == 2.0:
            words += [width, 0.0]
        else:
            words[-1] += width
            if character == "-":
                words.append(0.0)
    # a number with its unit (0.19个百分点, 2024年) is not broken either: the column holds it on one line
    # (with a mark after it that may not start a line: 2022 年，)
    kept = [letters(match.group()) + (2.0 if str(text)[match.end():match.end() + 1] in CLOSING else 0.0)
            for match in KEPT.finditer(str(text))]
    return total, max([*words, *kept])


def lines(text) -> list[str]:
    """A cell's lines: a :class:`Label` whole, a tuple line by line (a label above a note), else split at newlines."""
    if isinstance(text, Label):
        return [text]
    if isinstance(text, tuple):
        return [line for part in text for line in lines(part)]
    return str(text).split("\n")


def fitted_widths(columns: list[list[str]], letters_across: float, floors: dict[int, float] | None = None
                  ) -> list[float]:
    """Shares of the page for columns of text: each column as wide as its longest word (no word broken inside
    it), then the rest of the line shared by how much text each column holds, none wider than its longest line;
    ``letters_across`` is the type area's width in widths of a Latin letter. Where the longest words do not
    fit, they share the line. ``floors``: a column's least width in letters (a column of Chinese names, whose
    every character is a word, would otherwise get two characters a line), never more than its longest line."""
    widths = [[text_widths(line) for text in column for line in lines(text)] for column in columns]
    width = [max(word for _, word in column) + CELL_PADDING for column in widths]
    most = [max(max(line for line, _ in column) + CELL_PADDING, low) for column, low in zip(widths, width)]
    for i, floor in (floors or {}).items():
        width[i] = max(width[i], min(floor + CELL_PADDING, most[i]))
    text = [sum(line for line, _ in column) for column in widths]
    room = letters_across - sum(width)
    if room <= 0:
        return [low / sum(width) for low in width]
    growing = [i for i in range(len(columns)) if most[i] > width[i]]
    while room > 1e-9 and growing:
        total = sum(text[i] for i in growing) or len(growing)
        given = {i: min(most[i] - width[i], room * (text[i] or 1) / total) for i in growing}
        for i, extra in given.items():
            width[i] += extra
        room -= sum(given.values())
        growing = [i for i in growing if most[i] - width[i] > 1e-9]
    return [share / sum(width) for share in width]
