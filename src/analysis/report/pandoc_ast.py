"""Pandoc's document model (its JSON AST) as plain dicts: the few block and inline kinds the Word edition uses.

Text becomes ``Str`` nodes, which pandoc writes as they are (never read as Markdown, HTML or a link). Table
columns are given widths fitted to their text (:func:`fitted_widths`), as pandoc otherwise shares the page
equally.

A line of a table, a heading or a title never breaks inside a number with its unit, a year with 年 or a range
(:func:`analysis.report.line_breaks.kept_pattern`): :func:`joined` puts a word joiner (U+2060) where the number
meets its unit or the other end of its range (2024年, 2022—2024), never between two Chinese characters, so that
Word's Find finds a label or a name as typed (未达标, none between its characters). A table's short label is kept on
its line by its cell (a column as wide as the label, ``w:noWrap``: :func:`~.word_file.unwrapped_labels`). Justified
body text keeps a number with its unit whole (:func:`body_pieces`), and a short label of the catalogs by word joiners
between its characters, a longer one's within its words (:func:`label_joined`): no cell holds it there. LibreOffice
breaks a line of Chinese (East Asian language zh-CN) anywhere, word joiners or not; it follows Unicode's line-breaking
rules, which a word joiner binds, in a run of another East Asian language: :mod:`.word_file` gives every run of a
paragraph with a word joiner the East Asian language :data:`KEPT_LANGUAGE`, still Simplified Chinese.
"""
from __future__ import annotations

import functools
import math
import re

from ..catalog import catalog
from ..settings import LANGUAGES
from .line_breaks import (
    COUNTED_PER,
    HAN,
    JOINS,
    NUMBER_WORD,
    SHORT_LABEL,
    body_kept_pattern,
    chinese_words,
    embedded_joined,
    kept_pattern,
    name_joined,
    short_labels,
    unit_joined,
)

PANDOC_API = [1, 23, 1, 1]
NO_ATTR = ["", [], []]
WORD_JOINER = "\u2060"
NARROW_NO_BREAK_SPACE = "\u202f"  # a space LibreOffice never breaks at between a number and Chinese
NO_BREAK_SPACES = "\u00a0\u202f"  # spaces a line never breaks at (a core indicator's " *")
#: The East Asian language of a run kept whole (BCP 47 Simplified Chinese, as zh-CN is; LibreOffice breaks zh-CN
#: anywhere, word joiners or not, but not a language tag it does not list, which Unicode's rules break).
KEPT_LANGUAGE = "zh-Hans"
CLOSING = tuple("，。、；：）」』】！？")  # full-width marks a line may not start with: they stay with the word before
LONG_WORD = 18.0  # letters: a word this long at most is never broken; a longer one (an address, a path) is
CELL_PADDING = 2.0  # a cell's margins (1 mm each side) and some slack, in widths of a Latin letter
#: A table header at most this many Latin letters wide is never broken (序号, 评估结果); a longer one breaks as text
#: does, a number with its unit whole (2020年 | 基础值), so the headers leave the indicators' names room.
HEADER = 8
#: A title's short aside in full-width brackets, kept whole: （2015年）, （2024年，草稿）.
TITLE_ASIDE = re.compile(r"（[^（）]{1,12}）")
#: Where Latin text may break inside a kept piece (2022–2024, 2～3, 0.7 pp/yr): beside a dash, a tilde or a slash.
LATIN_BREAKS = re.compile(r"(?<=.)([-–—/~～])(?=.)")


def joined(text: str) -> str:
    """``text`` that Word and LibreOffice keep on one line: with Chinese, a word joiner where a number meets its unit
    or a mark of a range (:data:`~.line_breaks.JOINS`: never between two Chinese characters, nor between the digits
    of a number, where no line breaks anyway), and a space a narrow no-break space (LibreOffice breaks at a no-break
    space beside Chinese); else a space a no-break
    space, a dash, a tilde or a slash between word joiners, and a dash that ends it (a range's first year in running
    text, 2021—) joined to what is before it: never at the start of a line."""
    if re.search(f"[{HAN}→]", text):  # and a move (2.7% →): LibreOffice breaks at a no-break space before the arrow
        return unit_joined(JOINS.sub(WORD_JOINER, re.sub(f"[ {NO_BREAK_SPACES}]", NARROW_NO_BREAK_SPACE, text)))
    text = LATIN_BREAKS.sub(rf"{WORD_JOINER}\1{WORD_JOINER}", text.replace(" ", "\u00a0"))
    return re.sub(rf"(?<=[^{WORD_JOINER}])([—–~～])$", rf"{WORD_JOINER}\1", text)  # a range's first year: 2021⁠—


#: Between any two characters but two of a Latin word or a number (:data:`~.line_breaks.GLUED`, which no line breaks).
EVERY_JOIN = re.compile(r"(?<=[^0-9A-Za-z.,%&])(?=.)|(?<=.)(?=[^0-9A-Za-z.,%&])", re.S)


def joined_throughout(text: str) -> str:
    """``text`` held on one line by word joiners between every two of its characters, Chinese ones too (a legend's
    item: 按实际年均增长推算, never 推 | 算), its spaces narrow no-break spaces: for a piece no cell holds and no
    reader searches for."""
    return EVERY_JOIN.sub(WORD_JOINER, re.sub(f"[ {NO_BREAK_SPACES}]", NARROW_NO_BREAK_SPACE, text))


@functools.cache
def _stage_heads() -> str:
    """The head of a completion rate of a stage target or of one year (``2023 年阶段目标`` of ``2023 年阶段目标完成率
    96.7%``), kept whole in Word as the rate after it is: a status cell breaks between the two, never in 阶|段."""
    heads = set()
    for language in LANGUAGES:
        words = catalog(language)
        rate = words["scorecard.final_rate"].partition("{rate}")[0]
        for key in ("scorecard.stage_rate", "scorecard.year_rate"):
            head = words[key].partition(rate)[0].strip() if rate.strip() else ""
            if head and rate.strip() in words[key] and re.search(f"[{HAN}]", head):
                heads.add(re.escape(head).replace(re.escape("{year}"), r"\d{4}"))
    return "|".join(sorted(heads, key=len, reverse=True))


#: A word of letters joined by hyphens (high-tech, agri-tech, super-deduction): one word, never "high- / tech".
HYPHENATED = r"(?<![A-Za-z-])[A-Za-z]{1,14}(?:-[A-Za-z]{1,14}){1,2}(?![A-Za-z-])"


@functools.cache
def word_pieces() -> re.Pattern:
    """What the Word edition's tables never break: :func:`~analysis.report.line_breaks.kept_pattern`'s pieces, the
    head of a stage's completion rate, and a hyphenated word (:data:`HYPHENATED`)."""
    heads = _stage_heads()
    return re.compile("|".join(part for part in (heads, kept_pattern().pattern, HYPHENATED) if part))


@functools.cache
def body_pieces() -> re.Pattern:
    """What a paragraph of body text or a list's item never breaks: a number with its unit, a range (2024 年,
    2022—2024 年, 0.7 pp), a level held every year, and a short label of the catalogs (已达标, 红色预警, 需加快, not
    achieved: :func:`~analysis.report.line_breaks.body_kept_pattern`), never 已达 | 标; not the head of a stage's rate
    (2023 年阶段目标), whose ten characters carried over whole would space a justified line of Chinese out, nor a
    completion rate's word and number (完成率 | 99.5%). A short label is six Chinese characters at most
    (:data:`~analysis.report.line_breaks.SHORT_LABEL`); and an English amount, as a table's cells keep it where
    they hold it (:data:`~.word_content.AMOUNT`): a number with the word after it ("(150 more)", "7 amber"), "per"
    with what it is per ("per 10,000 people"), never "(150 | more)"."""
    return _body_pieces()


@functools.cache
def _body_pieces() -> re.Pattern:
    return re.compile(f"{body_kept_pattern().pattern}|{COUNTED_PER}|{NUMBER_WORD}")


#: A mark of Chinese a line may break after, before a number: LibreOffice would carry ``2022 年，2023`` over whole,
#: and break ``。2015`` inside the number; and a full-width bracket after a number, its year ``24,000（2023）``,
#: ``24,500（2024年）`` (its 年 joined) or a source's address after its date ``2021-06-10（https://…``, which
#: LibreOffice does not break before and so breaks inside the number (``24,00 | 0（2023）``, ``202 | 1-06-10``) in a
#: narrow column; and a title's closing bracket before a section's number (《…》2.5节（https://…）), after which
#: LibreOffice does not break either, and so breaks inside the number (2. | 5节).
BREAK_AFTER = re.compile(r"(?<=[，、；：。！？》])(?=[\d+\-−])|(?<=\d)(?=（)")
ZERO_WIDTH_SPACE = "\u200b"


#: Chinese characters a label of running text keeps whole (未达标, 需加快); a longer one (红色预警, 已达阶段目标)
#: breaks between its words (红色 | 预警, 预计 | 未达标), each at least two characters, never inside one: carried
#: over whole with its brackets, （红色预警） would space a justified line of 24 out by six characters.
BODY_LABEL = 3


def label_parts(text: str) -> list[str]:
    """A Chinese label longer than :data:`BODY_LABEL` characters in the parts a line of running text may break
    between: at the ends of its words (:func:`~.line_breaks.chinese_words`), no part shorter than two characters;
    any other text whole."""
    if not re.fullmatch(f"[{HAN}]{{{BODY_LABEL + 1},}}", text):
        return [text]
    ends = sorted({end for span in chinese_words(text) for end in span} - {0, len(text)})
    parts, start = [], 0
    for end in ends:
        if end - start >= 2 and len(text) - end >= 2:
            parts.append(text[start:end])
            start = end
    return [*parts, text[start:]]


def label_joined(text: str) -> str:
    """A short label of the catalogs with its characters joined by word joiners within each of its
    :func:`label_parts` (a joiner between each two characters of 未达标; 红色 | 预警 within its words): only where a
    line of running text or a cell's note is likely to end inside it (:func:`~.word_file.labels_at_line_ends`);
    anywhere else it stays as typed, which Word's Find finds."""
    return "".join(WORD_JOINER.join(part) for part in label_parts(text))


@functools.cache
def chinese_labels() -> tuple[str, ...]:
    """The catalogs' short labels in Chinese characters alone (未达标, 红色预警, 未完成), longest first."""
    return tuple(label for label in short_labels() if re.fullmatch(f"[{HAN}]+", label))


def kept_whole(text: str, pieces: re.Pattern | None = None) -> str:
    """``text`` with each piece a line never breaks inside (a number with its unit: ``2022 年``, ``0.7 pp``; a short
    label; ``pieces``: :func:`word_pieces`) :func:`joined`, and a line free to break after a comma before a
    number. A Chinese short label as typed (:func:`chinese_labels`), which Word's Find finds."""
    pieces = pieces or word_pieces()

    def join(match: re.Match) -> str:
        # a Chinese label as typed (Find finds it): a cell that holds it alone is set not to wrap, and in running text
        # it is joined where a line is likely to end inside it (:func:`~.word_file.labels_at_line_ends`)
        if match.group() in chinese_labels():
            return match.group()
        piece = joined(match.group())
        # a piece of Latin text with spaces (0.0 ≤ R < 0.6) right before a Chinese character (进展不足, written with no
        # space between them): held as one beside Chinese is, by narrow no-break spaces between word joiners, and a
        # line may break after it; LibreOffice broke it at a no-break space (0.0 ≤ R | < 0.6)
        after = match.string[match.end():match.end() + 1]
        if "\u00a0" in piece and re.match(f"[{HAN}]", after):
            spaced = re.sub(f"[ {NO_BREAK_SPACES}]", NARROW_NO_BREAK_SPACE, match.group())
            return JOINS.sub(WORD_JOINER, spaced) + ZERO_WIDTH_SPACE
        return piece

    return BREAK_AFTER.sub(ZERO_WIDTH_SPACE, pieces.sub(join, text))


#: A label's head that is a year (2010年 of 2010年基础值, with its word joiner), before two Chinese characters at
#: least: a table's header breaks after it, not inside the word after it; a line break, as no invisible character
#: holds a word of Chinese together.
YEAR_HEAD = re.compile(rf"\d{{4}}[ {WORD_JOINER}{NO_BREAK_SPACES}]*年(?=[{HAN}]{{2}})")


def inlines(text, pieces: re.Pattern | None = None) -> list:
    """Plain text as pandoc inlines: one ``Str`` a line, never parsed; a number kept with its unit, a short
    :class:`Label` whole, a longer one broken between its words only, its short aside in brackets whole
    (实际年均增长（2020年起）, never …年 | 起）)."""
    whole = isinstance(text, Label) and text.whole
    if isinstance(text, Label) and pieces is None:
        pieces = _title_pieces()
    out: list = []
    for number, line in enumerate(str(text).split("\n")):
        if number:
            out.append({"t": "LineBreak"})
        if line and not whole and isinstance(text, Label):
            line = name_joined(line)
            year = YEAR_HEAD.match(line)
            if year:  # a longer label headed by a year breaks after it (2010年 | 基础值, never 2010年基 | 础值)
                out += [{"t": "Str", "c": kept_whole(year.group(), pieces)}, {"t": "LineBreak"}]
                line = line[year.end():]
        elif line and not whole:
            line = embedded_joined(line)  # English quoting Chinese: "Weihai Daily (威海日报)", never 威海 | 日报
        if line:
            out.append({"t": "Str", "c": joined(line) if whole else kept_whole(line, pieces)})
    return out


@functools.cache
def _title_pieces() -> re.Pattern:
    return re.compile(f"{TITLE_ASIDE.pattern}|{word_pieces().pattern}")


def title_inlines(text: str) -> list:
    """A title as pandoc inlines: its short asides in brackets (（2015年）) and its pieces kept whole."""
    return inlines(text, _title_pieces())


def document_title_inlines(text: str) -> list:
    """A document's title (in large type, over two lines) as pandoc inlines: :func:`title_inlines`, a Chinese one
    broken between its words only (…指标 | 总结评估报告, never 总 | 结); a heading, on one line, is left as it is
    (Word's Find finds it)."""
    return inlines(name_joined(text), _title_pieces())


def without_widow(text: str) -> str:
    """``text`` with its last two Chinese characters (and the stop after them) joined: its last line never holds one
    character alone (统 / 计。)."""
    return re.sub(rf"[{HAN}]{{2}}[^{HAN}\w]*$", lambda match: joined(match.group()), text)


def para(text: str) -> dict:
    """A paragraph of body text (:func:`body_pieces` kept whole)."""
    return {"t": "Para", "c": inlines(text, body_pieces())}


def plain(text: str) -> dict:
    return {"t": "Plain", "c": inlines(text)}


def strong(text: str) -> dict:
    """Plain text in bold (a group's row in a table: a category, a department)."""
    return {"t": "Plain", "c": [{"t": "Strong", "c": inlines(text)}]}


def header(level: int, text: str, identifier: str = "") -> dict:
    """A heading; a card's (the third level: an indicator's full name, often two lines) broken between its words only
    (:func:`~analysis.report.line_breaks.name_joined`), never with one Chinese character alone on its last line
    (…配套政 | 策). A section's heading keeps its words as typed, which Word's Find
    and navigation pane find (a word joiner would hide 整体评价 from a search for it)."""
    shown = without_widow(name_joined(text)) if level >= 3 else text  # 工程研究中心, never 工程研究中 | 心
    return {"t": "Header", "c": [level, [identifier, [], []], title_inlines(shown)]}


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


def table(header_cells: list[str], rows: list[list], widths, aligns=None, head_rows: list[list] = ()) -> dict:
    """A Word table: a header row and body rows of cells (:func:`cell`); ``widths`` as shares of the page;
    ``head_rows``: rows of cells under the header that are part of it (a category's band), repeated with it at the
    top of each page the table continues on."""
    aligns = aligns or ["AlignDefault"] * len(widths)
    columns = [[{"t": align}, {"t": "ColWidth", "c": width}] for align, width in zip(aligns, widths)]
    head = [NO_ATTR, [[NO_ATTR, [cell(text if isinstance(text, Label) else Label(text, HEADER))
                                 for text in header_cells]], *([NO_ATTR, row] for row in head_rows)]] \
        if header_cells else [NO_ATTR, []]
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

    @property
    def whole(self) -> bool:
        """Short enough to be kept whole on one line (its column is as wide)."""
        return "\n" not in self and text_widths(str(self))[0] <= self.short


#: Characters wider than a digit: an em dash and an ellipsis print a Chinese character's width, % two thirds of it.
WIDE = {"—": 2.0, "…": 2.0, "%": 1.7}


def letters_of(text: str) -> float:
    """How wide ``text`` prints in Latin letters (a digit's width): a CJK character two, an em dash two."""
    return sum(WIDE.get(character, 2.0 if ord(character) >= 0x2E80 else 0.0 if character == WORD_JOINER else 1.0)
               for character in text)


#: An English word: Latin letters between spaces, hyphens, brackets or punctuation (not a piece of an address).
ENGLISH_WORD = re.compile(r"(?<![\w/.:@])[A-Za-z]+(?![\w/.:@])")


def text_widths(text: str) -> tuple[float, float]:
    """The width of ``text`` on one line and that of its longest word, in widths of a Latin letter (a CJK
    character is two, and a word of its own: a line may break after any of them, and after a hyphen; a
    :class:`Label` breaks only between its pieces)."""
    if isinstance(text, Label):
        return _label_widths(str(text), text.short)
    return _text_widths(str(text))


@functools.cache
def _label_widths(text: str, short: float) -> tuple[float, float]:
    total, word = _text_widths(text)
    if total <= short:  # one more letter: a header is bold, and capitals are wider than digits
        return total + 1, total + 1
    # a longer label on two lines at most (每年需 | 增长), never a character a line
    return total, max([word, total / 2, *(letters_of(match.group()) for match in word_pieces().finditer(text))])


@functools.cache
def _text_widths(text: str) -> tuple[float, float]:
    """:func:`text_widths` of text that is no :class:`Label` (a table's fitting measures each cell's many times)."""
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
        width = letters_of(character)
        total += width
        if width == 2.0:
            words += [width, 0.0]
        else:
            words[-1] += width
            if character == "-":
                words.append(0.0)
    # a number with its unit (0.19个百分点, 2024年) is not broken either: the column holds it on one line
    # (with a mark after it that may not start a line: 2022 年，)
    kept = [letters_of(match.group()) + (2.0 if str(text)[match.end():match.end() + 1] in CLOSING else 0.0)
            for match in word_pieces().finditer(str(text))]
    # a longer word (a web address, a file's path) breaks where it must: no column is made as wide; but an English
    # word, however long, is whole ("enterprises" of "SMEs (enterprises)", never "enterpris | es")
    latin = [len(word) for word in ENGLISH_WORD.findall(str(text).replace(WORD_JOINER, ""))]
    return total, max([*(min(word, LONG_WORD) for word in words), *kept, *latin])


def lines(text) -> list[str]:
    """A cell's lines: a :class:`Label` whole, a tuple line by line (a label above a note), else split at newlines."""
    if isinstance(text, Label):
        return [text]
    if isinstance(text, tuple):
        return [line for part in text for line in lines(part)]
    return str(text).split("\n")


def short_whole(widths: tuple[float, float]) -> tuple[float, float]:
    """A line's widths (:func:`text_widths`), a short one as one word (a :class:`Label` says how short itself)."""
    total, word = widths
    return (total, max(word, total)) if total <= SHORT_LABEL else widths


def given_way(width: list[float], letters_across: float) -> list[float]:
    """Columns' least widths that do not fit ``letters_across``: the widest cut to one width, as much as the others
    leave them."""
    rest, order = letters_across, sorted(width)
    cap = order[-1]
    for number, low in enumerate(order):
        share = rest / (len(order) - number)
        if low >= share:
            cap = share
            break
        rest -= low
    return [min(low, cap) for low in width]


def _least(columns: list[list[str]], floors: dict[int, float] | None, padding: float = CELL_PADDING):
    """Each column's lines' widths, least width (its longest word, or its floor) and most (its longest line), each
    with a cell's ``padding`` (its margins and some slack, in letters)."""
    widths = [[text_widths(line) if isinstance(line, Label) else short_whole(text_widths(line))
               for text in column for line in lines(text)] for column in columns]
    width = [max(word for _, word in column) + padding for column in widths]
    most = [max(max(line for line, _ in column) + padding, low) for column, low in zip(widths, width)]
    for i, floor in (floors or {}).items():
        width[i] = max(width[i], min(floor + padding, most[i]))
    return widths, width, most


def fits(columns: list[list[str]], letters_across: float, floors: dict[int, float] | None = None,
         padding: float = CELL_PADDING) -> bool:
    """Whether every column's longest word (and floor) fits on ``letters_across`` at once."""
    return least_width(columns, floors, padding) <= letters_across


def least_width(columns: list[list[str]], floors: dict[int, float] | None = None,
                padding: float = CELL_PADDING) -> float:
    """How many letters wide a table of ``columns`` is at least: each column's longest word (or floor) and
    ``padding``."""
    return sum(least_widths(columns, floors, padding))


def least_widths(columns: list[list[str]], floors: dict[int, float] | None = None,
                 padding: float = CELL_PADDING) -> list[float]:
    """Each column's least width in letters: its longest word (or floor) and ``padding``."""
    return _least(columns, floors, padding)[1]


def fitted_widths(columns: list[list[str]], letters_across: float, floors: dict[int, float] | None = None,
                  padding: float = CELL_PADDING) -> list[float]:
    """Shares of the page for columns of text: each column as wide as its longest word (no word broken inside
    it), then the rest of the line shared by how much text each column holds, none wider than its longest line;
    ``letters_across`` is the type area's width in widths of a Latin letter. ``floors``: a column's least width in
    letters (a column of Chinese names, whose every character is a word, would otherwise get two characters a line),
    never more than its longest line. A line of at most :data:`SHORT_LABEL` letters (a unit: 万元/人; a short name)
    is one word: its column holds it. Where the longest words do not fit, the widest columns give way (a long
    address in a note), the others keep their words whole. ``padding``: a cell's margins and slack, in letters."""
    widths, width, most = _least(columns, floors, padding)
    text = [sum(line for line, _ in column) for column in widths]
    room = letters_across - sum(width)
    if room <= 0:
        width = given_way(width, letters_across)
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


def fewer_lines(columns: list[list[str]], shares: list[float], letters_across: float,
                floors: dict[int, float] | None = None, padding: float = CELL_PADDING) -> list[float]:
    """``shares`` (:func:`fitted_widths`) with a column widened to hold more of its lines whole where the table then
    prints on fewer lines (:func:`printed_lines`): the room taken from the other columns wider than their least (their
    longest word, or floor), by how much wider. A column of names a few letters short of its longer names ("…比重" on
    one line, "（%）" alone on the next, in every row of the name) is widened as far as prints the fewest lines; a
    column of sources or notes gives the room where it has room to spare. Each column in turn, from the first."""
    widths, least, _ = _least(columns, floors, padding)
    best, fewest = list(shares), printed_lines(columns, shares, letters_across, padding)
    for i, lines_of in enumerate(widths):
        width = [share * letters_across for share in best]
        spare = {j: width[j] - least[j] for j in range(len(width)) if j != i and width[j] - least[j] > 1e-9}
        for target in sorted({line + padding for line, _ in lines_of if line + padding > width[i] + 1e-9}):
            need = target - width[i]
            if need > sum(spare.values()):
                break
            wider = [low - need * spare[j] / sum(spare.values()) if j in spare else low for j, low in enumerate(width)]
            wider[i] = target
            trial = [low / sum(wider) for low in wider]
            if (lines := printed_lines(columns, trial, letters_across, padding)) < fewest:
                best, fewest = trial, lines
    return best


def printed_lines(columns: list[list[str]], shares: list[float], letters_across: float,
                  padding: float = CELL_PADDING) -> int:
    """How many lines the rows of a table print on, roughly, its columns given ``shares`` of ``letters_across``: each
    row as many as its fullest cell, each of a cell's lines as many as its width fills (at least one), less a cell's
    ``padding``."""
    room = [max(share * letters_across - padding, 1.0) for share in shares]
    return sum(max(sum(max(1, math.ceil(text_widths(line)[0] / width - 1e-9)) for line in lines(text))
                   for text, width in zip(row, room))
               for row in zip(*columns))
