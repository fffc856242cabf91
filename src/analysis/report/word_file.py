"""``report.docx``: pandoc writes the Word edition from :mod:`.word_content`'s document; this module finishes it.

pandoc (3.2.1 or later, from the ``pypandoc-binary`` wheel) reads the document as its JSON AST, with the
styles, page and footer of ``templates/word/reference.docx`` (made by ``scripts/make_reference_docx.py``)
and the report's figures, handed to it inline. pandoc cannot colour a table
cell or size a style per language, so the finishing edits the XML: the status cells shaded in the
report's status colours, the catalog's font sizes (``word.sizes``, ``word.bold``) in the styles. The same
inputs give the same bytes: the document's dates are the report's ``generated`` day (``SOURCE_DATE_EPOCH``
for pandoc) and the archive is rewritten with fixed timestamps.
"""
from __future__ import annotations

import datetime
import functools
import io
import json
import math
import os
import re
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from ..files import write_bytes_atomic
from ..settings import TEMPLATES_DIR
from .context import ReportContext
from .figures import Figures
from .line_breaks import HAN, number_pieces, short_labels
from .ooxml import R, W, put, serialize, w
from .palette import text_on
from .pandoc_ast import (
    KEPT_LANGUAGE,
    NARROW_NO_BREAK_SPACE,
    WORD_JOINER,
    ZERO_WIDTH_SPACE,
    body_pieces,
    chinese_labels,
    kept_whole,
    label_joined,
    letters_of,
)
from .word_content import METHOD_NOTE, Shading, WordDocument, report_document
from .words import method_note

REFERENCE_DOCX = TEMPLATES_DIR / "word" / "reference.docx"
MINIMUM_PANDOC = (3, 2, 1)  # East Asian runs marked (w:hint="eastAsia"); 3.0 set w:eastAsia for lang
PANDOC_SECONDS = 120


class WordEditionError(RuntimeError):
    """pandoc is missing, too old or failed; the message is one line."""


@functools.cache
def pandoc_path() -> str:
    """The pandoc of the ``pypandoc-binary`` wheel (or one on the PATH), checked to be recent enough."""
    try:
        import pypandoc

        path = pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise WordEditionError(f"pandoc not found ({exc}); install pypandoc-binary (pip install -e .)") from None
    version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=PANDOC_SECONDS).stdout
    found = re.match(r"pandoc\S*\s+(\d+(?:\.\d+)*)", version)
    numbers = tuple(int(part) for part in found.group(1).split(".")) if found else ()
    if numbers < MINIMUM_PANDOC:
        raise WordEditionError(f"{path} is pandoc {found.group(1) if found else '?'}; report.docx needs "
                               f"{'.'.join(map(str, MINIMUM_PANDOC))} or later (pip install -U pypandoc-binary)")
    return path


def pandoc(arguments: list[str], source: bytes, epoch: int | None = None) -> bytes:
    environment = dict(os.environ)
    if epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = str(epoch)
    executable = pandoc_path()
    try:
        done = subprocess.run([executable, "--quiet", *arguments], input=source, capture_output=True,
                              timeout=PANDOC_SECONDS, env=environment)
    except (OSError, subprocess.TimeoutExpired) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else f"no answer within {PANDOC_SECONDS} s"
        raise WordEditionError(f"cannot run pandoc ({reason}): {executable}") from None
    if done.returncode != 0:
        reason = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0]
        raise WordEditionError(f"pandoc failed ({done.returncode}): {reason}")
    return done.stdout


def markdown_blocks(markdown: str) -> list:
    """The catalog's Markdown (the method note: the catalog's words and numbers only) as pandoc blocks, a list's
    items as body paragraphs (pandoc would give a tight list's items the tables' style, Compact)."""
    blocks = json.loads(pandoc(["--from", "commonmark", "--to", "json"], markdown.encode("utf-8")))["blocks"]
    return kept_text(json.loads(json.dumps(blocks).replace('{"t": "Plain", ', '{"t": "Para", ')))


TEXT = {"Str", "Space", "SoftBreak"}


def kept_text(node):
    """Pandoc's nodes with their text's numbers kept with their units as the report's own body text keeps them
    (:func:`~.pandoc_ast.body_pieces`): the words and spaces of a run of text as one ``Str``."""
    if isinstance(node, dict):
        return {key: kept_text(value) for key, value in node.items()}
    if not isinstance(node, list):
        return node
    if not any(isinstance(item, dict) and item.get("t") == "Str" for item in node):
        return [kept_text(item) for item in node]
    out: list = []
    for item in node:
        if isinstance(item, dict) and item.get("t") in TEXT:
            text = item["c"] if item["t"] == "Str" else " "
            if out and out[-1].get("t") == "Text":
                out[-1]["c"] += text
            else:
                out.append({"t": "Text", "c": text})
        else:
            out.append(kept_text(item))
    return [{"t": "Str", "c": kept_whole(item["c"], body_pieces())} if item.get("t") == "Text" else item
            for item in out]


def epoch_of(day: str) -> int:
    """``2024-12-31`` as seconds since 1970 at midnight UTC (the document's creation date)."""
    moment = datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC)
    return max(int(moment.timestamp()), 315532800)  # a zip archive's dates start in 1980


def write_docx(context: ReportContext, figures: Figures, path: Path, generated: str = "",
               inputs_date: str = "") -> Path:
    """Write ``path``, the Word edition of the report, with the report's ``figures``."""
    generated = generated or datetime.date.today().isoformat()
    document, laid_on = report_document(context, figures, generated, inputs_date)
    note = markdown_blocks(method_note(context, table=False))  # its table laid out as the others (word_content)
    document["blocks"] = [block for node in document["blocks"] for block in
                          (note if node["t"] == "Div" and node["c"][0][0] == METHOD_NOTE else [node])]
    epoch = epoch_of(generated)
    written = pandoc(["--from", "json", "--to", "docx", "--reference-doc", str(REFERENCE_DOCX), "--output", "-"],
                     json.dumps(document, ensure_ascii=False).encode("utf-8"), epoch)
    write_bytes_atomic(path, finish(written, laid_on, context.words, epoch, running_head=context.dataset_label))
    return path


#: What keeps a piece whole on a line in the Word edition (word joiners, zero-width spaces) and the no-break spaces
#: between a number and its unit: none in a file written to be edited (:func:`finish`'s ``editable``), where a
#: character the reader does not see makes Find miss what is on the page ("未达标" found 0 times of 24) and goes
#: along into any document the text is pasted into; a no-break space becomes a space. But for a number with its unit
#: and a range (:func:`plain_text`).
INVISIBLE = {WORD_JOINER: "", "\u200b": "", NARROW_NO_BREAK_SPACE: " ", "\u00a0": " "}


def plain_text(root) -> None:
    """The text of ``root``'s paragraphs without :data:`INVISIBLE`'s characters, but for a number with its unit or the
    other end of its range (:func:`~.line_breaks.number_pieces`: 2024年, 7 个, 2022—2024年, 2021–2023, 0.7 pp),
    joined again (:func:`~.pandoc_ast.kept_whole`): no reader breaks 2023— | 2024年, and nothing else holds it on its
    line in LibreOffice, which breaks plain 2024 | 年 and 2023— | 2024 where a line ends. Words, names and labels
    stay as typed, which Find finds. A piece may span runs (pandoc starts a run where the script changes: 7 | 个),
    never a line break."""
    for nodes in _lines_of_runs(root):
        texts = []
        for node in nodes:
            text = node.text
            for character, instead in INVISIBLE.items():
                text = text.replace(character, instead)
            texts.append(text)
        # a line free to break after a comma before a number (2022年，​2023—2024年), not before a value's year in
        # brackets (24,800（2024）): the draft's columns are as wide as a value with its year
        kept, position = kept_whole("".join(texts), number_pieces()).replace(f"{ZERO_WIDTH_SPACE}（", "（"), 0
        for node, text in zip(nodes, texts):
            out = []
            for _ in text:  # kept is the text with joiners and zero-width spaces put in, spaces made no-break
                while kept[position] in (WORD_JOINER, ZERO_WIDTH_SPACE):
                    out.append(kept[position])
                    position += 1
                out.append(kept[position])
                position += 1
            node.text = "".join(out)
        if nodes:
            nodes[-1].text += kept[position:]


def _lines_of_runs(root):
    """Each paragraph's lines (apart at a line break or a tab) as their text nodes with text."""
    for paragraph in root.iter(w("p")):
        line = []
        for node in paragraph.iter(w("t"), w("br"), w("tab")):
            if node.tag != w("t"):
                yield line
                line = []
            elif node.text:
                line.append(node)
        yield line


#: The running head's part, its relationship and its content type (the reference document has none of its own).
HEADER_PART, HEADER_ID = "word/header1.xml", "rIdDatasetHeader"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
HEADER_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
#: The running head's grey (7.0:1 on white) and size (8 pt), as the PDF's.
HEADER_COLOUR, HEADER_HALF_POINTS = "595959", "16"


def header_xml(text: str) -> bytes:
    """A page header of one centred line, ``text`` as it is (set as a text node: never read as markup)."""
    root = etree.Element(w("hdr"), nsmap={"w": W, "r": R})
    paragraph = etree.SubElement(root, w("p"))
    put(paragraph, "pPr").append(etree.Element(w("jc"), {w("val"): "center"}))
    run = etree.SubElement(paragraph, w("r"))
    properties = put(run, "rPr")
    put(properties, "color", {"val": HEADER_COLOUR})
    put(properties, "sz", {"val": HEADER_HALF_POINTS})
    put(properties, "szCs", {"val": HEADER_HALF_POINTS})
    shown = etree.SubElement(run, w("t"))
    shown.text = text
    return serialize(root)


def with_header(root) -> None:
    """The body's section with the running head (:data:`HEADER_ID`) on every page, before its footer."""
    section = root.find(f"{w('body')}/{w('sectPr')}")
    if section is None:
        raise WordEditionError("pandoc wrote no section properties for the running head")
    reference = etree.Element(w("headerReference"), {w("type"): "default", f"{{{R}}}id": HEADER_ID})
    section.insert(0, reference)


def with_relation(xml: bytes, kind: str, target: str, identifier: str) -> bytes:
    root = etree.fromstring(xml)
    etree.SubElement(root, f"{{{PACKAGE_RELATIONS}}}Relationship", {"Type": kind, "Id": identifier,
                                                                   "Target": target})
    return serialize(root)


def with_content_type(xml: bytes, part: str, kind: str) -> bytes:
    root = etree.fromstring(xml)
    etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", {"PartName": f"/{part}", "ContentType": kind})
    return serialize(root)


PACKAGE_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


#: Characters beyond which a row of the appendix's tables may break over two pages (a finding of several lines);
#: a shorter one is kept whole.
SPLIT_ROW_CHARACTERS = 200


def row_text(row) -> str:
    """The text a table row shows: its runs' text, word joiners included."""
    return "".join(text.text or "" for text in row.iter(w("t")))


#: Lines beyond which a row of any table but a card's may break over two pages: the Chinese final's 4 provincial,
#: its status note seven lines long, could not go on page 4 under the table's first four rows and left a third of
#: the page blank. A row split keeps its first lines together (its number, name and status at its top). Not in the
#: self-evaluation's draft, whose tables the evaluator edits.
TALL_ROW_LINES = 6


def finish(docx: bytes, laid_on: WordDocument, words, epoch: int, editable: bool = False,
           running_head: str = "") -> bytes:
    """The cells shaded, the tables' heads and the card tables kept on a page, the runs kept whole marked, the
    catalog's sizes in the styles, the archive's dates fixed. ``editable``: a draft to finish in Word (the
    self-evaluation), its text plain but for a number with its unit or a range (:func:`plain_text`): Word then breaks
    its lines by its own rules elsewhere.
    ``running_head``: a line at the head of every page (the example data's label, as on the PDF's pages)."""
    def document(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        if running_head:
            with_header(root)
        tables = list(root.iter(w("tbl")))
        if len(tables) != laid_on.tables:  # the colours would land in the wrong cells
            raise WordEditionError(f"pandoc wrote {len(tables)} tables where the document has {laid_on.tables}")
        margin = margin_twips(words["word.cell_margin"])
        shade_cells(tables, laid_on.shading, margin)
        for index, table in enumerate(tables):  # the catalog's cell margins, but a card's layout of its chart
            if margin and index not in laid_on.borderless:
                cell_margins(table, margin)
        for index, table in enumerate(tables):  # a row is never split over two pages (its status never apart from
            # its name), but for a long one of the appendix's tables of findings and sources, many lines long (a
            # short one split left its unit alone under a repeated header on a page of its own), and a tall one
            # of any other table but a card's (:data:`TALL_ROW_LINES`; the appendix's go by their length alone)
            for row in table.findall(w("tr")):
                long = index in laid_on.splittable and len(row_text(row)) > SPLIT_ROW_CHARACTERS
                tall = not editable and index not in laid_on.kept_together and index not in laid_on.borderless \
                    and index not in laid_on.splittable and row_lines(row, table) > TALL_ROW_LINES
                if not (long or tall):
                    put(put(row, "trPr"), "cantSplit", {})
        keep_heads(table for index, table in enumerate(tables)
                   if index not in laid_on.kept_together and index not in laid_on.borderless)
        keep_together(tables[index] for index in laid_on.kept_together)
        keep_with_next(tables[index] for index in laid_on.kept_with_next)
        remove_lines(tables[index] for index in laid_on.borderless)
        tight_figures(tables[index] for index in laid_on.borderless)
        for index, points in laid_on.points.items():
            size_runs(tables[index], points)
        for index, table in enumerate(tables):  # every table's text (but a card's, which lays its chart out)
            if index not in laid_on.borderless:
                tight_rows(table, laid_on.points.get(index, float(words["word.sizes"]["Compact"])))
        for index in laid_on.roomy:
            roomy(tables[index])
        unwrapped_labels(tables)
        release_figures(root)
        lead_into_tables(root)
        tables_close(root)
        if not editable:
            labels_at_line_ends(root, words)
            references_at_line_ends(root, words)  # 指标 | 21 where a line is likely to end, as a label
        mark_kept_runs(root, every=bool(words["language.cjk_first"]) and not editable)
        if editable:
            plain_text(root)  # a draft edited by hand: its labels as typed, broken by Word's rules (the lines move)
            references_at_line_ends(root, words)  # but 指标 | 21, where a line is likely to end
            mark_kept_runs(root)  # a paragraph that holds a number's joiners only now, if any
        tables_in_one_language(root)
        pitch_lists(root, words["word.line_pitch"], words["word.item_after"], words["word.item_lines"])
        if not words["language.cjk_first"]:
            latin_punctuation(root)
        else:
            flush_left_where_held(root)
        for picture in root.iter(PICTURE_NAME):  # pandoc describes a picture by its source: the whole PNG again
            if picture.get("descr", "").startswith("data:"):
                picture.set("descr", "")
        return serialize(root)

    edits = {"word/document.xml": document,
             "word/styles.xml": lambda xml: size_styles(xml, words["word.sizes"], words["word.bold"],
                                                        words["language.docx_lang"], words["word.line_pitch"],
                                                        words["word.paragraph_after"], words["word.facts_pitch"],
                                                        words["word.card_spacing"]),
             "docProps/core.xml": plain_title}
    if running_head:
        edits["word/_rels/document.xml.rels"] = lambda xml: with_relation(xml, HEADER_RELATION, "header1.xml",
                                                                          HEADER_ID)
        edits["[Content_Types].xml"] = lambda xml: with_content_type(xml, HEADER_PART, HEADER_TYPE)
    stamp = datetime.datetime.fromtimestamp(epoch, datetime.UTC).timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename in edits:
                data = edits[entry.filename](data)
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
        if running_head:
            # a label starting a line: "Example data (…)", as the PDF's running head
            target.writestr(zipfile.ZipInfo(HEADER_PART, date_time=stamp),
                            header_xml(running_head[:1].upper() + running_head[1:]),
                            compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


PICTURE_NAME = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"

#: Letters (a Chinese character two) either side of where a line is estimated to end within which a label is taken to
#: be at the line's end (:func:`labels_at_line_ends`), and how many more for each line before it: the estimate
#: knows a Chinese character's width, not the Latin font's every letter, and its error grows line by line.
LINE_END_SLACK, LINE_END_SLACK_PER_LINE = 3.0, 1.0
#: Letters: the most that slack grows to, however many lines before (a justified line ends where its last character
#: fits, so an estimate's error does not add up past a few characters: a long method-note paragraph had every label in
#: its last lines joined, a fifth of a line either side).
LINE_END_SLACK_MOST = 8.0
#: A list's item's indent where it sets none (twips: pandoc's numbering, 720).
LIST_INDENT_TWIPS = 720
#: Where a line of Chinese may not break: after an opening mark, before a closing one (行首行尾禁则).
OPENING, CLOSING_MARKS = "（《“‘〈「『【([", "）》”’〉」』】)]，。、；：！？,.;:!?%"
#: Characters that bind their neighbours on one line: a word joiner and the no-break spaces.
BINDING = "\u2060\u00a0\u202f"
HAN_CHARACTER = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]")


def _letters(character: str) -> float:
    """A character's width in Latin letters (:func:`~.pandoc_ast.letters_of`), a space half a digit's."""
    return 0.5 if character in " \u00a0\u202f" else letters_of(character)


def line_ends(text: str, letters: float, first: float = 0.0) -> list[tuple[float, int]]:
    """Where the lines of ``text`` end, estimated, when it fills lines ``letters`` wide (Latin letters; a Chinese
    character two: :func:`~.pandoc_ast.letters_of`), its first ``first`` letters in (an indent): a line may break
    beside a Chinese character or after a space, never at a character that binds (:data:`BINDING`), after an opening
    mark or before a closing one. Each end as (its place in letters from the text's start, its index)."""
    ends: list[tuple[float, int]] = []
    position, line_start, last_break = 0.0, -first, None  # letters; where a line starts (the first less its
    # indent), the last place a line may break
    for index, character in enumerate(text):
        width = _letters(character)
        before = text[index - 1] if index else ""
        breaks = index and before not in BINDING and character not in BINDING and before not in OPENING \
            and character not in CLOSING_MARKS and (before == " " or HAN_CHARACTER.match(character)
                                                    or HAN_CHARACTER.match(before))
        if breaks:
            last_break = (position, index)
        if position + width - line_start > letters and last_break is not None and last_break[1] > (
                ends[-1][1] if ends else 0):
            ends.append(last_break)
            line_start = last_break[0]
        position += width
    return ends


def _paragraph_letters(paragraph, words, width: int) -> tuple[float, float]:
    """How many Latin letters a line of ``paragraph`` holds, ``width`` twips wide, and its first line's indent."""
    properties = paragraph.find(w("pPr"))
    style = properties.find(w("pStyle")) if properties is not None else None
    style = style.get(w("val")) if style is not None else "Normal"
    sizes = [int(size.get(w("val"))) / 2 for size in paragraph.iter(w("sz"))]
    points = max(sizes, default=float(words["word.sizes"].get(style, words["word.sizes"]["Normal"])))
    indent = properties.find(w("ind")) if properties is not None else None
    if indent is not None:
        width -= int(indent.get(w("left"), indent.get(w("start"), "0")))
    elif properties is not None and properties.find(w("numPr")) is not None:
        width -= LIST_INDENT_TWIPS
    first = 4.0 if style in TEXT_STYLES else 0.0  # 首行缩进 2 字符
    return width / (10 * points), first


def _cell_width(tc, across: int) -> int:
    """The twips a cell's text takes: its columns' widths less its margins (:func:`cell_twips`), a table as wide as a
    share of the type area (``across`` twips; pandoc's ``pct``) printed at that width, whatever its grid's sum."""
    table = tc.getparent().getparent()
    widths = [int(column.get(w("w"), "0")) for column in table.findall(f"{w('tblGrid')}/{w('gridCol')}")]
    share = table.find(f"{w('tblPr')}/{w('tblW')}")
    if share is not None and share.get(w("type")) == "pct" and sum(widths):
        widths = [width * across * int(share.get(w("w"))) / 5000 / sum(widths) for width in widths]
    column = 0
    for other in tc.getparent().findall(w("tc")):
        spanned = other.find(f"{w('tcPr')}/{w('gridSpan')}")
        span = int(spanned.get(w("val"))) if spanned is not None else 1
        if other is tc:
            return round(sum(widths[column:column + span])) - cell_twips(table)
        column += span
    return 0


def labels_at_line_ends(root, words) -> None:
    """A Chinese short label of running text or of a cell's note (未达标, 未完成, 红色预警), typed plainly for Word's
    Find, joined by word joiners (:func:`~.pandoc_ast.label_joined`) where a line is estimated to end inside it or
    near it (:func:`line_ends`, within :data:`LINE_END_SLACK`): LibreOffice and Word break a line of Chinese between
    any two characters, and no cell holds the label on its line there. A cell that holds a label alone is set not
    to wrap instead (:func:`unwrapped_labels`)."""
    labels = chinese_labels()
    if labels:
        _joined_at_line_ends(root, words, re.compile("|".join(re.escape(label) for label in labels)), label_joined,
                             set(labels))


def references_at_line_ends(root, words) -> None:
    """A reference by number (指标21, 任务1.2, 第3行, indicator 4: the catalog's ``language.number_words`` before a
    number), typed plainly for Word's Find, held on one line (:func:`_reference_joined`) where a line is estimated to
    end inside it or near it, as a label is (:func:`labels_at_line_ends`), and in a table's cell: Word and LibreOffice
    break a line between a Chinese character and a digit (指标 | 21) or at a space (indicator | 4), which no reader
    does."""
    pattern = reference_pattern(words)
    if pattern is not None:
        # in a table's cell everywhere: a cell's lines are estimated less well (its margins, a list of items: 指标2；
        # 指标3；指 | 标4省级 printed where the estimate ended the line two items on)
        _joined_at_line_ends(root, words, pattern, _reference_joined, cells=True)


def _reference_joined(text: str) -> str:
    """A reference held on one line: a space in it no-break, between word joiners (LibreOffice broke a line at a bare
    no-break space in a run it sets by East Asian rules: indicator 4), else word joiners between its characters
    (指⁠标⁠21)."""
    return text.replace(" ", f"{WORD_JOINER}\u00a0{WORD_JOINER}") if " " in text else WORD_JOINER.join(text)


def reference_pattern(words) -> re.Pattern | None:
    """A reference by number (指标21, 任务1.2, 第3行, indicator 4), standing as one (not 定性指标3项); None for a
    language without such words."""
    heads = sorted(words["language.number_words"], key=len, reverse=True)
    if not heads:
        return None
    return re.compile(rf"(?<![{HAN}A-Za-z])(?:{'|'.join(re.escape(head) for head in heads)})"
                      rf"(?:\d+(?:\.\d+)?|(?<=[A-Za-z.]) \d+(?:\.\d+)?)")


def _joined_at_line_ends(root, words, pattern: re.Pattern, join, alone: set[str] = frozenset(),
                         cells: bool = False) -> None:
    """The pieces ``pattern`` finds in running text or a cell's note joined by ``join`` where a line is estimated to
    end inside or near them (``cells``: in a table's cell, every one); a cell holding one of ``alone`` and nothing
    else is set not to wrap instead."""
    section = root.find(f"{w('body')}/{w('sectPr')}")
    size, margins = section.find(w("pgSz")), section.find(w("pgMar"))
    across = int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))
    for paragraph in root.iter(w("p")):
        nodes = [node for node in paragraph.iter(w("t")) if node.text]
        text = "".join(node.text for node in nodes)
        if not pattern.search(text):
            continue
        cell = next((parent for parent in paragraph.iterancestors(w("tc"))), None)
        if cells and cell is not None:  # every one, whatever breaks its lines
            _join_in_nodes(nodes, [match.span() for match in pattern.finditer(text)], join)
            continue
        if "\n" in text or paragraph.find(f".//{w('br')}") is not None:
            continue
        if cell is not None and text.strip() in alone:  # alone in its cell: unwrapped
            continue
        letters, first = _paragraph_letters(paragraph, words, _cell_width(cell, across) if cell is not None else across)
        ends = line_ends(text, letters, first)
        places = [0.0]
        for character in text:
            places.append(places[-1] + _letters(character))
        joined_at = []
        for match in pattern.finditer(text):
            start, end = places[match.start()], places[match.end()]
            if any(start - slack < place < end + slack for number, (place, _) in enumerate(ends)
                   for slack in [min(LINE_END_SLACK + LINE_END_SLACK_PER_LINE * number, LINE_END_SLACK_MOST)]):
                joined_at.append(match.span())
        if joined_at:
            _join_in_nodes(nodes, joined_at, join)


def _join_in_nodes(nodes, spans: list[tuple[int, int]], join=label_joined) -> None:
    """The text nodes of a paragraph with the pieces at ``spans`` (indices in their text together) joined by
    ``join``, each in the node that holds its first character, a piece that spans runs (pandoc starts a run where the
    script changes: 指标 | 21) joined in each and at the runs' meeting."""
    offset = 0
    for node in nodes:
        text, length, out, last = node.text, len(node.text), [], 0
        for start, end in spans:
            if start >= offset + length or end <= offset:
                continue
            head, tail = max(start, offset) - offset, min(end, offset + length) - offset
            out += [text[last:head], join(text[head:tail])]
            if end > offset + length:  # it goes on in the next run: joined to it
                out.append(WORD_JOINER)
            last = tail
        node.text = "".join(out) + text[last:]
        offset += length


def unwrapped_labels(tables) -> None:
    """A cell that holds one short label of the catalogs (未达标, 红色预警, 进度正常, Not achieved) and nothing else
    set not to wrap (``w:noWrap``): its column is as wide as the label (:class:`~.pandoc_ast.Label`), and the label is
    kept on one line by the cell, not by word joiners between its characters, which would hide it from Word's Find."""
    labels = set(short_labels())
    for table in tables:
        for tc in table.iter(w("tc")):
            if tc.find(f".//{w('tbl')}") is not None:
                continue
            texts = ["".join(node.text or "" for node in paragraph.iter(w("t"))) for paragraph in tc.findall(w("p"))]
            # as read: without word joiners, a no-break space a space (an English label: Not achieved)
            texts = [re.sub("[\u00a0\u202f]", " ", text.replace(WORD_JOINER, "")) for text in texts if text.strip()]
            if len(texts) == 1 and texts[0].strip() in labels and not tc.findall(f".//{w('br')}"):
                put(put(tc, "tcPr"), "noWrap", {})


def mark_kept_runs(root, every: bool = False) -> None:
    """Every run of a paragraph with a word joiner (what a line never breaks inside: 2024年, 万元/人, a short label)
    in the East Asian language :data:`~.pandoc_ast.KEPT_LANGUAGE`, whose line breaks LibreOffice takes from Unicode's
    rules, which a word joiner binds (it breaks a line of zh-CN anywhere): the whole paragraph, whose lines break
    by one set of rules. ``every``: every paragraph's (a Chinese report's), so that its text is set in one face
    whether or not it holds a joiner: a paragraph in zh-CN took Noto Sans CJK's taller lines and full-width quotes
    where the paragraphs around it, each with a label or a name joined, took zh-Hans's, and with the joiners only
    where a number meets its unit, the report printed a page longer."""
    for paragraph in root.iter(w("p")):
        runs = [run for run in paragraph.iter(w("r")) if run.find(w("t")) is not None]
        if every or any(WORD_JOINER in (text.text or "") for run in runs for text in run.iter(w("t"))):
            for run in runs:
                put(put(run, "rPr"), "lang").set(w("eastAsia"), KEPT_LANGUAGE)


#: The East Asian language of every run of a table: Simplified Chinese of China, as the document's zh-CN, for which
#: LibreOffice asks fontconfig for the same face (without 宋体, Noto Sans CJK SC, its quotes full width), but whose
#: lines it breaks by Unicode's rules, which a word joiner binds, as :data:`~.pandoc_ast.KEPT_LANGUAGE`'s. A run in
#: zh-Hans is printed in a fallback face found glyph by glyph (its quotes in DejaVu Sans), one in zh-CN, broken
#: anywhere, in Noto Sans CJK SC.
TABLE_LANGUAGE = "zh-Hans-CN"


def tables_in_one_language(root) -> None:
    """Every run of a table's text in :data:`TABLE_LANGUAGE`: a cell holding a unit alone (人, 家, 个) or a category's
    name, in the document's zh-CN, and its neighbours, kept whole in zh-Hans (:func:`mark_kept_runs`), were printed in
    two faces where the table's font (宋体, its paragraph style's for every run) is missing."""
    for table in root.iter(w("tbl")):
        if table.getparent().tag == w("tc"):  # a table in a cell: its runs are the outer table's
            continue
        for run in table.iter(w("r")):
            if run.find(w("t")) is not None:
                put(put(run, "rPr"), "lang").set(w("eastAsia"), TABLE_LANGUAGE)


#: Letters (a Chinese character two) of a piece held on one line beyond which its paragraph is set flush left, not
#: justified: a plan's title's years with its brackets, （2022—2024年）》 (18 letters), moved to the next line whole,
#: left six characters' room spread over the line before (依 据 《 威 海 市 …); a number with its unit (+0.267 个百分点,
#: 12) leaves a line little to spread.
HELD_LETTERS = 16
#: What a line breaks neither after (an opening bracket, quote) nor before (a closing one, a stop), in Chinese.
NO_BREAK_AFTER, NO_BREAK_BEFORE = "（《“‘〈「『【([", "）》”’〉」』】)]，。、；：！？,.;:!?"


def held_pieces(text: str) -> list[str]:
    """The pieces of ``text`` a line does not break inside: characters bound by word joiners or no-break spaces, a
    run of Latin letters and digits counted as one, with the brackets and stops no line starts or ends with around
    them."""
    unit = r"(?:[A-Za-z0-9.,%+\-−]+|[^\s\u2060\u202f\u00a0])"
    binds = "[\u2060\u202f\u00a0]"
    pattern = (f"[{re.escape(NO_BREAK_AFTER)}]*{unit}(?:{binds}+{unit})+[{re.escape(NO_BREAK_BEFORE)}]*")
    return [match.group() for match in re.finditer(pattern, text)]


def flush_left_where_held(root) -> None:
    """A Chinese paragraph of running text (justified, GB/T 9704) set flush left where it holds a piece wider than
    :data:`HELD_LETTERS` on one line: its line before the piece ends short rather than spread out, a character's room
    between every two."""
    for paragraph in root.iter(w("p")):
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        if style is None or style.get(w("val")) not in TEXT_STYLES:
            continue
        text = "".join(node.text or "" for node in paragraph.iter(w("t")))
        if any(letters_of(piece) > HELD_LETTERS for piece in held_pieces(text)):
            put(put(paragraph, "pPr"), "jc", {"val": "left"})


def latin_punctuation(root) -> None:
    """No run marked East Asian (``w:hint="eastAsia"``, which pandoc gives a run with Chinese characters): in a
    Latin-first edition (English) the quotes, dashes, ellipses and signs (≥ ≤ ×) of such a run, as “威海日报”, are
    then in the run's Latin font (``w:hAnsi``), as the rest of its text is, not full width in the Chinese one; Word
    sets a Chinese character in the East Asian font (``w:eastAsia``) whatever the hint."""
    for fonts in list(root.iter(w("rFonts"))):
        if fonts.get(w("hint")) == "eastAsia":
            del fonts.attrib[w("hint")]
            if not fonts.attrib:
                fonts.getparent().remove(fonts)


def release_figures(root) -> None:
    """A figure kept on the page of the paragraph after it (the Figure style's "keep with next") only when that is text
    (its legend), not another figure, a heading or a page break: LibreOffice carries a chain of figures kept together
    (the overview charts) that does not fit on one page over to the next whole, with their heading, leaving the page
    before with the last rows of a table, where the first figure fitted under them."""
    blocks = list(root.find(w("body")))
    for block, after in zip(blocks, blocks[1:]):
        style = block.find(f"{w('pPr')}/{w('pStyle')}")
        if block.tag != w("p") or style is None or style.get(w("val")) != "Figure":
            continue
        following = after.find(f"{w('pPr')}/{w('pStyle')}")
        heading = following is not None and following.get(w("val"), "").startswith("Heading")
        if after.tag != w("p") or heading or not "".join(text.text or "" for text in after.iter(w("t"))).strip():
            put(put(block, "pPr"), "keepNext", {"val": "0"})
    close_figures(blocks)


def _a_figure(block) -> bool:
    style = block.find(f"{w('pPr')}/{w('pStyle')}")
    return block.tag == w("p") and style is not None and style.get(w("val")) == "Figure"


def close_figures(blocks: list) -> None:
    """Two figures one after the other (the heat map, then the categories' chart) set without the Figure style's
    spacing between or around them, their pictures' white margins apart: the two then share a page (14.9 and 7.4 cm
    of the type area's 22.5) where the 0.4 cm of spacing each carried the second over, alone on a page two-thirds
    blank."""
    for index, block in enumerate(blocks):
        neighbours = blocks[max(index - 1, 0):index] + blocks[index + 1:index + 2]
        if _a_figure(block) and any(_a_figure(other) for other in neighbours):
            spacing = put(put(block, "pPr"), "spacing")
            spacing.set(w("before"), "0")
            spacing.set(w("after"), "0")


#: Characters of a lead-in paragraph at most (some three lines of Chinese, two of English), kept with what follows.
LEAD_IN_CHARACTERS = 120


def _a_list_item(block) -> bool:
    return block.tag == w("p") and block.find(f"{w('pPr')}/{w('numPr')}") is not None


def lead_into_tables(root) -> None:
    """A paragraph of text right before a table (the self-evaluation annex's note, the appendix's last note) or a
    list it leads into with a colon (the summary's "Indicators not achieved …:") kept on the page of what follows:
    never a page's last line above a table or a list that starts the next. A longer paragraph (the change table's
    count of the changes) is no lead-in line: carried over whole with the table it would leave half a page blank."""
    blocks = list(root.find(w("body")))
    for block, after in zip(blocks, blocks[1:]):
        style = block.find(f"{w('pPr')}/{w('pStyle')}")
        text = "".join(text.text or "" for text in block.iter(w("t"))).strip()
        # before a list, a line that leads into it ends with a colon (…的指标：); one that ends a sentence does not
        leads = after.tag == w("tbl") or (_a_list_item(after) and not _a_list_item(block)
                                          and text.endswith(("：", ":")))
        if block.tag == w("p") and leads and (style is None or style.get(w("val")) != "Figure") \
                and 0 < len(text) <= LEAD_IN_CHARACTERS:
            put(put(block, "pPr"), "keepNext", {})


#: The height of the empty paragraph pandoc puts between two tables (twips: one point), the type in it as small.
BETWEEN_TABLES_TWIPS = 20


def tables_close(root) -> None:
    """The empty paragraph pandoc puts between two tables a point high, not a blank line of the body's 16 points: the
    two read as one, a hairline apart (Word would join two tables with nothing between them into one). The scorecard
    is one table, its categories rows of it (:func:`~.word_content.scorecard_blocks`)."""
    for paragraph in root.find(w("body")).findall(w("p")):
        before, after = paragraph.getprevious(), paragraph.getnext()
        if before is None or after is None or before.tag != w("tbl") or after.tag != w("tbl") \
                or paragraph.find(f".//{w('t')}") is not None:
            continue
        properties = put(paragraph, "pPr")
        put(properties, "spacing", {"before": "0", "after": "0", "line": str(BETWEEN_TABLES_TWIPS),
                                    "lineRule": "exact"})
        marks = put(properties, "rPr")
        for name in ("sz", "szCs"):
            put(marks, name, {"val": "2"})


def plain_title(xml: bytes) -> bytes:
    """The document's properties with its title as plain text: no word joiners, a space for a narrow one."""
    return xml.decode("utf-8").replace(WORD_JOINER, "").replace(NARROW_NO_BREAK_SPACE, " ").encode("utf-8")


#: A lone row's height (twips, at least): a qualitative card's status, as tall as a row of a numeric card's table
#: with its margins, not a thin strip under a 14-point line.
ROW_TWIPS = 380


def roomy(table) -> None:
    """The first row of ``table`` (a qualitative card's status) at least :data:`ROW_TWIPS` high, its text centred
    in it."""
    row = table.find(w("tr"))
    put(put(row, "trPr"), "trHeight", {"val": str(ROW_TWIPS), "hRule": "atLeast"})
    for properties in row.iter(w("tcPr")):
        put(properties, "vAlign", {"val": "center"})


def size_runs(table, points: float) -> None:
    """Every run of ``table`` in type of ``points`` (a dense table's)."""
    for run in table.iter(w("r")):
        properties = put(run, "rPr")
        for name in ("sz", "szCs"):
            put(properties, name, {"val": str(round(points * 2))})


#: A table's type (the Compact style's, points) where a run does not set its own.
TABLE_POINTS = 9
#: A cell's margin each side in the reference document's table style (twips: 1 mm), where a table sets none.
STYLE_MARGIN_TWIPS = 57
#: Twips of a cell's width its text does not take beside its margins: some slack.
CELL_SLACK_TWIPS = 36


def margin_twips(millimetres) -> int:
    """A cell's margin of ``millimetres`` (the catalog's ``word.cell_margin``) in twips (0: the table style's)."""
    return round(float(millimetres) / 25.4 * 1440)


def cell_margins(table, twips: int) -> None:
    """``table``'s cells ``twips`` apart from their left and right lines (none above and below, as the table style's):
    a column as wide holds more of its words whole, a Chinese table's words whole in 小五 where 1 mm each side set
    them in 8 points."""
    margins = put(put(table, "tblPr"), "tblCellMar", {})
    for old in list(margins):
        margins.remove(old)
    for side, width in (("top", 0), ("left", twips), ("bottom", 0), ("right", twips)):
        etree.SubElement(margins, w(side), {w("w"): str(width), w("type"): "dxa"})


def cell_twips(table) -> int:
    """The twips of a cell's width of ``table`` that its text does not take: its margins and :data:`CELL_SLACK_TWIPS`
    (the table's own margins, else the table style's)."""
    sides = [table.find(f"{w('tblPr')}/{w('tblCellMar')}/{w(side)}") for side in ("left", "right")]
    return sum(int(side.get(w("w"))) if side is not None else STYLE_MARGIN_TWIPS for side in sides) + CELL_SLACK_TWIPS


#: The most lines a table's second row of data may print on for its first to be kept with it: a taller one (a warning's
#: status with its long note, nine lines) would carry the header and the first row over with it, leaving a quarter
#: of a page blank under the table's heading where the header and the first row fit.
SHORT_ROW_LINES = 4


def row_lines(row, table) -> int:
    """About how many lines ``row`` of ``table`` prints on: its tallest cell's, each paragraph's text as wide as
    :func:`~.pandoc_ast.letters_of` counts it over its column's width (a digit half its type's size), each line break
    a line more."""
    widths = [int(column.get(w("w"), "0")) for column in table.findall(f"{w('tblGrid')}/{w('gridCol')}")]
    tallest, column = 1, 0
    for cell in row.findall(w("tc")):
        span = cell.find(f"{w('tcPr')}/{w('gridSpan')}")
        across = int(span.get(w("val"))) if span is not None else 1
        twips = sum(widths[column:column + across]) - cell_twips(table)
        column += across
        lines = 0
        for paragraph in cell.iter(w("p")):
            sizes = [int(size.get(w("val"))) / 2 for size in paragraph.iter(w("sz"))]
            letter = max(sizes, default=TABLE_POINTS) * 10  # a digit's width in twips: half the type's size
            text = "".join(text.text or "" for text in paragraph.iter(w("t")))
            breaks = len(paragraph.findall(f".//{w('br')}"))
            lines += max(1, math.ceil(letters_of(text) * letter / twips)) + breaks if twips > 0 else 1
        tallest = max(tallest, lines)
    return tallest


def keep_heads(tables) -> None:
    """A table's header and its rows naming a group (a category, a department) kept with the row after them, its first
    row of data with its second (when that is :data:`SHORT_ROW_LINES` lines at most: a taller one is not carried over
    with them, the table then starting where its header and first row fit) and its last two rows together: no header
    or group's name left at a page's foot, nor a header with one short row under it, and no row alone on the next
    page. No other row is chained: LibreOffice (7.4) dropped the rest of a long table whose header and first three rows
    of data it had to carry over to the next page."""
    for table in tables:
        if table.getparent().tag == w("tc"):  # a table inside a cell (a card's numbers) is on its row's page
            continue
        rows = table.findall(w("tr"))
        across = len(table.findall(f"{w('tblGrid')}/{w('gridCol')}"))
        kept = {number for number, row in enumerate(rows[:-1])
                if row.find(f"{w('trPr')}/{w('tblHeader')}") is not None
                or across > 1 and len(row.findall(w("tc"))) == 1}
        if len(rows) > 2:
            kept.add(len(rows) - 2)
        # the first row of data kept with the second: never a header and one row at a page's foot
        first = next((number for number in range(len(rows)) if number not in kept
                      and rows[number].find(f"{w('trPr')}/{w('tblHeader')}") is None), None)
        if first is not None and first + 2 < len(rows) - 1 and row_lines(rows[first + 1], table) <= SHORT_ROW_LINES:
            kept.add(first)
        for number in kept:
            for paragraph in rows[number].iter(w("p")):
                put(put(paragraph, "pPr"), "keepNext", {})


#: A badge's cell margin each side at least (twips: 1 mm, the reference document's): a status on its colour stands
#: clear of the cell's lines and of the number in the cell before it (0.4个百分点 | 未达标), where the Chinese tables'
#: 0.5 mm set the colour against the line, the number's last character touching it from the other side.
BADGE_MARGIN_TWIPS = 57


def badge_margins(tc, margin: int) -> None:
    """Cell ``tc`` (a badge's) :data:`BADGE_MARGIN_TWIPS` from its left and right lines, where the table's ``margin``
    (twips; 0: the table style's) is less."""
    if (margin or STYLE_MARGIN_TWIPS) >= BADGE_MARGIN_TWIPS:
        return
    margins = put(put(tc, "tcPr"), "tcMar", {})
    for side in ("left", "right"):
        etree.SubElement(margins, w(side), {w("w"): str(BADGE_MARGIN_TWIPS), w("type"): "dxa"})


def shade_cells(tables: list, shading: list[Shading], margin: int = 0) -> None:
    """Each cell of ``shading`` on its colour, its text black or white, whichever contrasts more (WCAG 2); a cell of
    more than one paragraph (a status and its note) has its first alone on the colour, as the HTML's badge, the note
    under it in the text's own colour on white: never read as part of the verdict. A badge's cell is at least
    :data:`BADGE_MARGIN_TWIPS` from its lines (the tables' cell ``margin`` in twips, 0: the table style's)."""
    for shade in shading:
        tc = tables[shade.table].findall(w("tr"))[shade.row].findall(w("tc"))[shade.column]
        fill = shade.colour.lstrip("#").upper()
        text = text_on(shade.colour).lstrip("#").upper()
        paragraphs = tc.findall(w("p"))
        if len(paragraphs) > 1:
            put(put(paragraphs[0], "pPr"), "shd", {"val": "clear", "color": "auto", "fill": fill})
            badge_margins(tc, margin)
            runs = paragraphs[0].iter(w("r"))
        else:
            put(put(tc, "tcPr"), "shd", {"val": "clear", "color": "auto", "fill": fill})
            runs = tc.iter(w("r"))
        for run in runs:
            put(put(run, "rPr"), "color", {"val": text})


def remove_lines(tables) -> None:
    """No borders around or inside these tables (they lay out, as a card's chart beside its numbers)."""
    for table in tables:
        borders = put(put(table, "tblPr"), "tblBorders", {})
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            etree.SubElement(borders, w(side), {w("val"): "nil"})


#: A table's lines apart, for their type's size: a digit's and a Chinese character's height and a little space, not
#: a fallback font's lines half as high again as its type (LibreOffice's Noto CJK for 宋体: 15.2 points for 10.5).
TABLE_PITCH = 1.15


def tight_rows(table, points: float) -> None:
    """``table``'s lines (in type of ``points``) :data:`TABLE_PITCH` times ``points`` apart exactly, to the half
    point: a card's eight rows of numbers as high as the chart beside them, and three cards share a page; the
    appendix's sources end on the page before the one that held their last seven rows alone."""
    for paragraph in table.iter(w("p")):
        pitched(put(paragraph, "pPr"), round(points * TABLE_PITCH * 2) / 2)


def tight_figures(tables) -> None:
    """The figures of these tables (a card's chart beside its numbers) without the Figure style's space above and
    below: the chart's cell as high as the chart, the card no taller than its parts."""
    for table in tables:
        for paragraph in table.iter(w("p")):
            style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
            if style is not None and style.get(w("val")) == "Figure":
                put(put(paragraph, "pPr"), "spacing", {"before": "0", "after": "0"})


#: Character styles that look like the text around them: a link (an indicator's name in a table, to its card) is
#: printed as its text is, in the text's colour and not underlined, as an official table reads; it still links.
PLAIN_STYLES = ("Hyperlink",)
#: Paragraph styles kept on the page of what follows them: a card's facts stay with its chart.
KEPT_WITH_NEXT = ("CardFacts",)


def keep_together(tables) -> None:
    """No page break inside these tables: no row split, every row kept with the next."""
    for table in tables:
        rows = table.findall(w("tr"))
        for number, row in enumerate(rows, 1):
            put(put(row, "trPr"), "cantSplit", {})
            if number < len(rows):
                for paragraph in row.iter(w("p")):
                    put(put(paragraph, "pPr"), "keepNext", {})


def keep_with_next(tables) -> None:
    """These tables on the page of the paragraph after them (a card and its notes)."""
    for table in tables:
        for paragraph in table.findall(w("tr"))[-1].iter(w("p")):
            put(put(paragraph, "pPr"), "keepNext", {})


#: The styles of running text: set at the catalog's fixed line pitch (``word.line_pitch``) and spaced apart by its
#: ``word.paragraph_after``.
TEXT_STYLES = ("BodyText", "FirstParagraph")


def pitched(properties, points: float) -> None:
    """A paragraph's (or style's) lines ``points`` apart exactly: the same pitch whichever font draws a line (a line
    with a Latin word beside one of Chinese alone, a fallback font's taller lines)."""
    spacing = put(properties, "spacing")
    spacing.set(w("line"), str(round(points * 20)))
    spacing.set(w("lineRule"), "exact")


def pitch_lists(root, points: float, after: float, lines: float = 0) -> None:
    """A list's items (paragraphs of a list in the Normal style: the summary's lists, the method note, the appendix's
    notes) at the body's fixed pitch, as the paragraph before them, or where the catalog fixes none, ``lines`` apart
    as the body's lines are (``word.item_lines``: 1.5, not the Normal style's single lines under a body at 1.5), and
    ``after`` points apart (``word.item_after``), not the Normal style's 10: a list of twelve items is one list, not
    twelve paragraphs a blank line apart."""
    for paragraph in root.iter(w("p")):
        properties = paragraph.find(w("pPr"))
        if properties is not None and properties.find(w("numPr")) is not None and properties.find(w("pStyle")) is None:
            if points:
                pitched(properties, float(points))
            elif lines:
                spacing = put(properties, "spacing")
                spacing.set(w("line"), str(round(float(lines) * 240)))
                spacing.set(w("lineRule"), "auto")
            put(properties, "spacing").set(w("after"), str(round(float(after) * 20)))


def size_styles(xml: bytes, sizes: dict, bold: list, language: str = "zh-CN", pitch: float = 0,
                after: float = 0, facts_pitch: float = 0, card_spacing: list | None = None) -> bytes:
    """The catalog's sizes and bold styles, the links as plain text, the paragraphs kept with the next; body text
    justified in Chinese (GB/T 9704), flush left in another language, whose justified lines a long word would stretch;
    running text at a fixed line ``pitch`` (points; 0: its fonts' own) and ``after`` points apart; a card's facts at
    ``facts_pitch`` (``word.facts_pitch``; 0: its fonts' own), not a Chinese fallback font's lines half as high again
    as its type: three cards share a page. ``card_spacing`` (``word.card_spacing``): the points before a card's name
    (Heading3) and after its facts (CardFacts), where given."""
    root = etree.fromstring(xml)
    styles = {style.get(w("styleId")): style for style in root.findall(w("style"))}
    for style_id, points in sizes.items():
        properties = put(styles[style_id], "rPr")
        for name in ("sz", "szCs"):
            put(properties, name, {"val": str(round(float(points) * 2))})
    for style_id in bold:
        properties = put(styles[style_id], "rPr")
        for name in ("b", "bCs"):
            put(properties, name, {})
    for style_id in PLAIN_STYLES:
        if style_id in styles:
            properties = put(styles[style_id], "rPr")
            put(properties, "color", {"val": "auto"})  # no theme colour left: the attributes replaced
            put(properties, "u", {"val": "none"})
    for style_id in KEPT_WITH_NEXT:
        if style_id in styles:
            put(put(styles[style_id], "pPr"), "keepNext", {})
    if facts_pitch and "CardFacts" in styles:
        pitched(put(styles["CardFacts"], "pPr"), float(facts_pitch))
    if card_spacing:
        for (style_id, side), points in zip((("Heading3", "before"), ("CardFacts", "after")), card_spacing):
            if style_id in styles:
                put(put(styles[style_id], "pPr"), "spacing").set(w(side), str(round(float(points) * 20)))
    if not language.startswith("zh") and "BodyText" in styles:
        put(put(styles["BodyText"], "pPr"), "jc", {"val": "left"})
    for style_id in TEXT_STYLES:  # an indent in characters (首行缩进 2 字符) in points too: LibreOffice reads no other
        indent = styles[style_id].find(f"{w('pPr')}/{w('ind')}") if style_id in styles else None
        chars = indent.get(w("firstLineChars")) if indent is not None else None
        if chars and style_id in sizes:
            indent.set(w("firstLine"), str(round(int(chars) / 100 * float(sizes[style_id]) * 20)))
    for style_id in TEXT_STYLES:
        if style_id in styles and (pitch or after):
            properties = put(styles[style_id], "pPr")
            if pitch:
                pitched(properties, float(pitch))
            if after:
                put(properties, "spacing").set(w("after"), str(round(float(after) * 20)))
    return serialize(root)
