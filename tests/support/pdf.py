"""Reading a rendered PDF back: its text, its fonts, its images (for tests and release checks)."""
from __future__ import annotations

import os
import re

from pypdf import PdfReader


def pdf_text(pdf_path: str | os.PathLike) -> str:
    """Extract the text of all pages, pages separated by newlines."""
    return "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)


def pdf_fonts(pdf_path: str | os.PathLike) -> list[dict]:
    """List the fonts a PDF uses and whether each one is embedded.

    Parameters
    ----------
    pdf_path : path-like
        The PDF to inspect.

    Returns
    -------
    list of dict
        ``{"name": str, "embedded": bool}`` per font, sorted by name, e.g.
        ``{"name": "/TSPJMR+Noto-Sans-CJK-SC", "embedded": True}`` (the prefix marks
        a subset). Type 3 fonts count as embedded: their glyphs are drawn inline.
    """
    embedded_by_name: dict[str, bool] = {}
    for page in PdfReader(pdf_path).pages:
        for font in _fonts_in_resources(page.get("/Resources"), seen=set()):
            name = str(font.get("/BaseFont", font.get("/Name", "<unnamed>")))
            embedded = _font_is_embedded(font)
            embedded_by_name[name] = embedded_by_name.get(name, True) and embedded
    return [
        {"name": name, "embedded": embedded} for name, embedded in sorted(embedded_by_name.items())
    ]


def pdf_link_targets(pdf_path: str | os.PathLike) -> list[str]:
    """Where every link of a PDF leads: a URI action's address, or ``#`` and the name of a place inside."""
    targets = []
    for page in PdfReader(pdf_path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            action = action.get_object() if action is not None else {}
            if "/URI" in action:
                targets.append(str(action["/URI"]))
            elif "/Dest" in annotation or "/D" in action:
                targets.append("#" + str(annotation.get("/Dest") or action.get("/D")))
            else:
                targets.append(str(dict(action)))
    return targets


def pdf_image_count(pdf_path: str | os.PathLike) -> int:
    """Count the raster images drawn on all pages of a PDF."""
    return sum(len(page.images) for page in PdfReader(pdf_path).pages)


def _fonts_in_resources(resources, seen: set[int]):
    """Yield the font dictionaries of a resource dictionary and its form XObjects."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            yield from _fonts_in_resources(xobject.get("/Resources"), seen)


def _font_is_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":  # composite (CJK) font: data sits on its descendant
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def pdf_layout(pdf_path: str | os.PathLike, char_margin: float = 2.0) -> list[dict]:
    """Each page's size and the boxes of its text lines and images (pdfminer), in PDF points.

    A box is ``(x0, y0, x1, y1, text)``: y grows upwards from the bottom of the page; images have text "".
    ``char_margin``: how far apart, in widths of a letter, two runs of text on one baseline are two boxes (pdfminer's
    own 2.0 joins two table cells a little more than a blank apart: "Latest value Assessment").
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextContainer, LTTextLine

    def walk(item, boxes: list) -> None:
        if isinstance(item, LTTextLine):
            boxes.append((item.x0, item.y0, item.x1, item.y1, item.get_text().strip()))
        elif isinstance(item, (LTImage, LTFigure)) and not isinstance(item, LTTextContainer):
            boxes.append((item.x0, item.y0, item.x1, item.y1, ""))
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child, boxes)

    pages = []
    for page in extract_pages(str(pdf_path), laparams=LAParams(char_margin=char_margin)):
        boxes: list = []
        walk(page, boxes)
        pages.append({"width": page.width, "height": page.height, "boxes": boxes})
    return pages


#: Marks no line may start with, in either language: a closing bracket, a stop or a comma (Chinese typesetting's
#: 行首禁则, and the Latin marks after an amount kept whole: "(1,600 enterprises)" | ", still missed").
NO_LINE_STARTS = ",.;:）)，。；：、"


def lines_opening_with_a_mark(pdf_path: str | os.PathLike) -> list[tuple[int, str]]:
    """(page, line) of each line of the PDF as pdftotext lays it out (``-layout``: a table's cells side by side, a
    cell's lines each where it is drawn) whose text starts with one of :data:`NO_LINE_STARTS`."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", os.fspath(pdf_path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [(number, line.strip()) for number, page in enumerate(text.split("\f"), 1)
            for line in page.splitlines() for cell in re.split(r"\s{2,}", line.strip())
            if cell and cell[0] in NO_LINE_STARTS]

