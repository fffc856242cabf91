"""The characters the report's fonts can draw.

The report is set in Noto Sans CJK (Chinese, Latin, most symbols) with DejaVu Sans beside it (the
charts' Latin font, and the fallback the PDF's font configuration takes for what Noto lacks). A
character neither font has (an emoji, a rare character of CJK Extension B, a private-use character)
would print as an empty box, and the PDF's text layer would read another character in its place, so
data text holding one is refused where it is read (:func:`analysis.text.forbidden_character`).

The fonts are found where Debian and Ubuntu install them (``fonts-noto-cjk``, ``fonts-dejavu-core``)
and where matplotlib keeps its own DejaVu Sans; their character maps are read with fontTools (0.1 s)
once per process, and only for a character outside the blocks the Chinese font draws in full.
Without the Chinese font nothing is refused here: the report would stop anyway, saying to install it
(:mod:`analysis.report.fonts`).
"""
from __future__ import annotations

import functools
import importlib.util
import os
import unicodedata
from pathlib import Path

#: The Chinese font's files, preferred first, and the face of a collection to read.
CJK_FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
                  "NotoSansCJKSC-Regular.otf")
CJK_FACE = "Noto Sans CJK SC"
LATIN_FONT_FILE = "DejaVuSans.ttf"
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


def _font_file(names: tuple[str, ...], folders: list[Path]) -> Path | None:
    for name in names:
        for folder in folders:
            if folder.is_dir():
                found = next(iter(sorted(folder.rglob(name))), None)
                if found is not None:
                    return found
    return None


def _folders() -> list[Path]:
    folders = [Path(os.path.expanduser(folder)) for folder in FONT_DIRS]
    spec = importlib.util.find_spec("matplotlib")  # found, not imported
    if spec is not None and spec.submodule_search_locations:
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf")
    return folders


def _character_map(path: Path) -> set[int]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() == ".ttc":
        with TTCollection(str(path), lazy=True) as collection:
            faces = collection.fonts
            face = next((font for font in faces if font["name"].getDebugName(1) == CJK_FACE), faces[0])
            return set(face.getBestCmap())
    with TTFont(str(path), lazy=True) as face:
        return set(face.getBestCmap())


@functools.lru_cache(maxsize=1)
def font_characters() -> frozenset[int] | None:
    """The code points the report's fonts draw, or None when the Chinese font is not installed."""
    folders = _folders()
    cjk = _font_file(CJK_FONT_FILES, folders)
    if cjk is None:
        return None
    characters = _character_map(cjk)
    latin = _font_file((LATIN_FONT_FILE,), folders)
    if latin is not None:
        characters |= _character_map(latin)
    return frozenset(characters)


#: Blocks the Chinese font draws in full (Latin with its first extension, general punctuation, CJK
#: punctuation, the CJK Unified Ideographs to U+9FEF, full-width forms): text made only of them, as
#: nearly all text is, is checked without reading a font (``tests/test_glyphs.py`` holds the fonts to it).
EVERYDAY_BLOCKS = ((0x0000, 0x017F), (0x2000, 0x206F), (0x3000, 0x303F), (0x4E00, 0x9FEF), (0xFF00, 0xFFEF))


def everyday(char: str) -> bool:
    code = ord(char)
    return any(first <= code <= last for first, last in EVERYDAY_BLOCKS) and unicodedata.category(char) != "Cn"


def drawn(char: str) -> bool:
    """True when the report's fonts have a glyph for ``char`` (or the fonts could not be read)."""
    if everyday(char):
        return True
    characters = font_characters()
    return characters is None or ord(char) in characters
