"""Small helpers for editing WordprocessingML (the XML inside a .docx) with lxml.

Word refuses a document whose elements come in another order than the schema's, so every edit here
puts a new element in its place (:func:`put`) rather than at the end.
"""
from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: The order of the children of the elements edited here (ECMA-376 part 1, §17), as far as they are used.
ORDER = {
    "r": ["rPr"],
    "p": ["pPr"],
    "tc": ["tcPr"],
    "tr": ["tblPrEx", "trPr"],
    "style": ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
              "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
              "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"],
    "tblStylePr": ["pPr", "rPr", "tblPr", "trPr", "tcPr"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
            "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
            "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
            "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
               "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
               "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings"],
}


def w(name: str) -> str:
    """``w:name`` in Clark notation."""
    return f"{{{W}}}{name}"


def local(element) -> str:
    return etree.QName(element).localname


def put(parent, name: str, attributes: dict[str, str] | None = None):
    """The ``w:name`` child of ``parent`` (made where the schema wants it when missing), with ``attributes``
    (``w:``-qualified) replacing its own when given."""
    found = parent.find(w(name))
    if found is None:
        found = etree.Element(w(name))
        order = ORDER[local(parent)]
        rank = order.index(name)
        after = [i for i, node in enumerate(parent) if isinstance(node.tag, str) and local(node) in order
                 and order.index(local(node)) <= rank]
        parent.insert(after[-1] + 1 if after else 0, found)
    if attributes is not None:
        found.attrib.clear()
        found.attrib.update({w(key): value for key, value in attributes.items()})
    return found


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
