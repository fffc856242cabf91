"""Make ``src/analysis/report/templates/word/reference.docx``, the styles pandoc gives report.docx.

Run once after changing the typography below (``python scripts/make_reference_docx.py``) and commit the
result. It starts from pandoc's own reference document and changes:

- the fonts, set in the styles: the East Asian slot (``w:eastAsia``) after GB/T 9704 and MOST's outline
  for a self-evaluation report (body 仿宋_GB2312, first-level headings 黑体, second and third 楷体_GB2312,
  the title 方正小标宋简体, tables 宋体), the Latin slots (``w:ascii``, ``w:hAnsi``) Times New Roman,
  which is also the English edition's serif; every style in black, no theme fonts or colours;
- the font table, which names the font Word takes when one is missing (``w:altName``: 仿宋 for
  仿宋_GB2312, 楷体 for 楷体_GB2312, 宋体 for the title's font);
- the page: A4 with GB/T 9704's margins (top 37 mm, left 28 mm; type area 156 × 225 mm, so right 26 mm
  and bottom 35 mm), and a footer with the page number (a PAGE field);
- the table style pandoc names "Table": a full grid in thin black lines, the header row shaded.

The sizes here are the Chinese edition's (三号 body and headings, 二号 title, 五号 tables); a
catalog may set others (``word.styles``), applied when a report is written.
"""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc
from lxml import etree

from analysis.report.ooxml import R, W, put, serialize, w

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "analysis" / "report" / "templates" / "word" / "reference.docx"
LATIN = "Times New Roman"
#: style id → (East Asian font, size in points)
STYLES = {
    "Normal": ("仿宋_GB2312", 16),
    "BodyText": ("仿宋_GB2312", 16),
    "FirstParagraph": ("仿宋_GB2312", 16),
    "Compact": ("宋体", 10.5),
    "Title": ("方正小标宋简体", 22),
    "Heading1": ("黑体", 16),
    "Heading2": ("楷体_GB2312", 16),
    "Heading3": ("楷体_GB2312", 16),
    "Caption": ("宋体", 10.5),
    "TableCaption": ("宋体", 10.5),
    "ImageCaption": ("宋体", 10.5),
    "Figure": ("仿宋_GB2312", 16),
    "CardFacts": ("仿宋_GB2312", 16),
    "CardNotes": ("宋体", 12),
    "Footer": ("宋体", 14),
}
#: paragraph properties: 1.5 lines in the body, the first line indented by two characters (Chinese practice)
PARAGRAPHS = {
    "BodyText": {"spacing": {"before": "0", "after": "0", "line": "360", "lineRule": "auto"},
                 "ind": {"firstLineChars": "200"}, "jc": {"val": "both"}},
    "Compact": {"spacing": {"before": "0", "after": "0", "line": "240", "lineRule": "auto"},
                "ind": {"firstLineChars": "0", "firstLine": "0"}, "jc": {"val": "left"}},
    "Title": {"spacing": {"before": "0", "after": "240"}, "jc": {"val": "center"}},
    "Heading1": {"spacing": {"before": "240", "after": "120"}},
    "Heading2": {"spacing": {"before": "200", "after": "80"}},
    "Heading3": {"spacing": {"before": "160", "after": "60"}},
    # a figure stays on the page of what follows it (a card's numbers), as a card's facts stay with its figure
    "Figure": {"keepNext": {}, "spacing": {"before": "120", "after": "120"},
               "ind": {"firstLineChars": "0", "firstLine": "0"}, "jc": {"val": "center"}},
    "CardFacts": {"keepNext": {}, "spacing": {"before": "0", "after": "60"},
                  "ind": {"firstLineChars": "0", "firstLine": "0"}},
    # a card's notes, a list in a smaller size, single-spaced (the list's numbering gives the indent)
    "CardNotes": {"spacing": {"before": "0", "after": "0", "line": "240", "lineRule": "auto"}},
    "ImageCaption": {"jc": {"val": "center"}},
    "Footer": {"jc": {"val": "center"}},
}
#: the font Word uses when the named one is missing
FALLBACKS = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei", "宋体": "SimSun", "方正小标宋简体": "宋体"}
MM = 1440 / 25.4  # twips per millimetre
PAGE = {"w": "11906", "h": "16838"}  # A4 in twips
MARGINS = {"top": 37, "left": 28, "right": 210 - 28 - 156, "bottom": 297 - 37 - 225, "header": 15, "footer": 20,
           "gutter": 0}
FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
</w:p></w:ftr>"""
FOOTER_ID = "rIdPageNumberFooter"


def set_run_fonts(rpr, east_asian: str, size: float | None = None) -> None:
    put(rpr, "rFonts", {"ascii": LATIN, "hAnsi": LATIN, "cs": LATIN, "eastAsia": east_asian})
    for colour in rpr.findall(w("color")):  # black, as official documents are
        rpr.remove(colour)
    if size is not None:
        for name in ("sz", "szCs"):
            put(rpr, name, {"val": str(round(size * 2))})


def edit_styles(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    set_run_fonts(defaults, *STYLES["Normal"])
    by_id = {style.get(w("styleId")): style for style in root.findall(w("style"))}
    # styles pandoc's reference lacks: the footer, the line under a card's name and its notes (Div custom-style)
    for style_id, name in (("Footer", "footer"), ("CardFacts", "Card Facts"), ("CardNotes", "Card Notes")):
        by_id[style_id] = etree.SubElement(root, w("style"), {w("type"): "paragraph", w("styleId"): style_id})
        put(by_id[style_id], "name", {"val": name})
        put(by_id[style_id], "basedOn", {"val": "Normal"})
    for style_id, (east_asian, size) in STYLES.items():
        set_run_fonts(put(by_id[style_id], "rPr"), east_asian, size)
    # the character styles linked to headings and the title follow them (Word shows them for partial runs)
    for style_id in ("TitleChar", "Heading1Char", "Heading2Char", "Heading3Char"):
        set_run_fonts(put(by_id[style_id], "rPr"), *STYLES[style_id[:-len("Char")]])
    for style_id, properties in PARAGRAPHS.items():
        paragraph = put(by_id[style_id], "pPr")
        for name, attributes in properties.items():
            put(paragraph, name, attributes)
    for italic in by_id["Caption"].find(w("rPr")).findall(w("i")):  # upright: italic CJK is merely slanted
        italic.getparent().remove(italic)
    table_style(by_id["Table"])
    return serialize(root)


def table_style(style) -> None:
    """A thin black grid, the header row bold and shaded light grey, the text 宋体 in the tables' size."""
    set_run_fonts(put(style, "rPr"), *STYLES["Compact"])
    properties = put(style, "tblPr")
    # 1 mm each side of a cell (pandoc's 1.9 mm leaves a five-digit number no room in the scorecard)
    margins = put(properties, "tblCellMar")
    for side in ("left", "right"):
        margins.find(w(side)).set(w("w"), "57")
    borders = put(properties, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        etree.SubElement(borders, w(side), {w("val"): "single", w("sz"): "4", w("space"): "0", w("color"): "000000"})
    first_row = style.find(f"{w('tblStylePr')}[@{w('type')}='firstRow']")
    put(put(first_row, "rPr"), "b")
    put(put(first_row, "tcPr"), "shd", {"val": "clear", "color": "auto", "fill": "E7E6E6"})


def edit_font_table(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for name, alternative in FALLBACKS.items():
        font = etree.SubElement(root, w("font"), {w("name"): name})
        etree.SubElement(font, w("altName")).set(w("val"), alternative)
        etree.SubElement(font, w("charset")).set(w("val"), "86")  # GB2312
        etree.SubElement(font, w("family")).set(w("val"), "modern" if name != "方正小标宋简体" else "script")
        etree.SubElement(font, w("pitch")).set(w("val"), "fixed" if name != "方正小标宋简体" else "variable")
    return serialize(root)


def edit_document(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    section = root.find(f"{w('body')}/{w('sectPr')}")
    section.insert(0, etree.Element(w("footerReference"), {w("type"): "default", f"{{{R}}}id": FOOTER_ID}))
    put(section, "pgSz", PAGE)
    put(section, "pgMar", {key: str(round(value * MM)) for key, value in MARGINS.items()})
    return serialize(root)


def edit_relationships(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    namespace = root.nsmap[None]
    etree.SubElement(root, f"{{{namespace}}}Relationship", {
        "Type": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer", "Id": FOOTER_ID,
        "Target": "footer1.xml"})
    return serialize(root)


def edit_content_types(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    namespace = root.nsmap[None]
    etree.SubElement(root, f"{{{namespace}}}Override", {
        "PartName": "/word/footer1.xml",
        "ContentType": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"})
    return serialize(root)


EDITS = {"word/styles.xml": edit_styles, "word/fontTable.xml": edit_font_table, "word/document.xml": edit_document,
         "word/_rels/document.xml.rels": edit_relationships, "[Content_Types].xml": edit_content_types}


def main() -> int:
    default = subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                             capture_output=True, check=True).stdout
    parts = {}
    with zipfile.ZipFile(io.BytesIO(default)) as source:
        for name in source.namelist():
            data = source.read(name)
            parts[name] = EDITS[name](data) if name in EDITS else data
    parts["word/footer1.xml"] = FOOTER.encode("utf-8")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ["[Content_Types].xml", *sorted(n for n in parts if n != "[Content_Types].xml")]:
            target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), parts[name],
                            compress_type=zipfile.ZIP_DEFLATED)
    TARGET.write_bytes(buffer.getvalue())
    print(f"{TARGET.relative_to(ROOT)}: {len(buffer.getvalue()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
