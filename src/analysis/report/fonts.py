"""Matplotlib set-up for report charts: a CJK font, a clean style, deterministic output.

Call :func:`configure_matplotlib` once at the top of every report notebook, before
drawing anything. It fails loudly when no Chinese font is installed and turns
matplotlib's "Glyph ... missing from font" warning into an error, so a chart whose
labels render as empty boxes can never reach a published report.
"""
from __future__ import annotations

import os
import warnings

import matplotlib as mpl
from matplotlib import font_manager

from ..catalog import catalog

# Preferred first. "Noto Sans CJK SC" comes with Debian/Ubuntu ``fonts-noto-cjk``.
CJK_FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei"]

# Latin fallback that ships with matplotlib itself, so it is always present. It also
# covers symbols (e.g. some arrows and math signs) that CJK fonts lack.
LATIN_FONT_FAMILY = "DejaVu Sans"

# The Latin face a Latin-first language's (English) charts are set in, before DejaVu Sans when installed: narrower
# (Arial's widths; Debian/Ubuntu ``fonts-liberation``); the pages take their quotes and dashes from it (report.css).
LATIN_FIRST_FAMILY = "Liberation Sans"

# Fixed salt for the ids matplotlib writes into SVG output; otherwise they are random.
SVG_HASH_SALT = "analysis-report"

MISSING_GLYPH_MESSAGE = r"(?s).*Glyph .* missing from font"

FONT_INSTALL_HINT = (
    "Install it with `apt-get install fonts-noto-cjk`, then clear matplotlib's font "
    "cache with `rm ~/.cache/matplotlib/fontlist-*.json` and restart the kernel."
)

REPORT_STYLE = {
    # Layout and resolution: inline notebook PNGs use figure.dpi, savefig uses its own.
    "figure.dpi": 150,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "figure.figsize": (7.0, 4.0),
    "figure.constrained_layout.use": False,  # every figure places its axes itself
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    # Reports draw many figures in a loop; the warning about 20+ open figures is noise.
    "figure.max_open_warning": 0,
    # Labels come from data: "$" is a dollar sign, never the start of mathtext.
    "text.parse_math": False,
    # Readable, uncluttered axes.
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titlelocation": "left",
    # A title sits at the top of its axes plus axes.titlepad: placing it by measuring the tick labels
    # (matplotlib's automatic position) costs a third of a 25-panel figure's drawing.
    "axes.titley": 1.0,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    # Deterministic vector output (dates: see SOURCE_DATE_EPOCH below).
    "svg.hashsalt": SVG_HASH_SALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}


class FontNotFoundError(RuntimeError):
    """No font able to render Chinese text is known to matplotlib."""


def configure_matplotlib(language: str = "zh") -> str:
    """Reset matplotlib to the report style with a CJK-capable font.

    Also makes saved figures reproducible (fixed SVG ids; ``SOURCE_DATE_EPOCH=0``
    unless already set, which pins SVG/PDF dates) and makes missing glyphs raise
    (see :func:`raise_on_missing_glyphs`). Returns the CJK font family matplotlib will use.

    A CJK ``language`` (``language.cjk_first`` in its catalog) puts the CJK font first so Latin and
    Chinese characters share one design; the others put :data:`LATIN_FIRST_FAMILY` first (when installed), then
    DejaVu Sans, and keep the CJK font as per-glyph fallback for Chinese names in the data, so their quotes,
    dashes and ellipses are a Latin font's, not full width. Raises :class:`FontNotFoundError` if none of
    :data:`CJK_FONT_FAMILIES` is installed, even after rebuilding matplotlib's font cache, and
    :class:`~analysis.errors.InputError` if ``language`` has no catalog.
    """
    cjk_first = catalog(language)["language.cjk_first"]
    cjk_family = _find_cjk_family()
    if cjk_family is None:
        # The cache is written when matplotlib first runs; fonts installed later are
        # invisible until it is rebuilt.
        _rebuild_font_cache()
        cjk_family = _find_cjk_family()
    if cjk_family is None:
        raise FontNotFoundError(
            f"None of the fonts {CJK_FONT_FAMILIES} is installed, so Chinese chart "
            f"labels would render as empty boxes. {FONT_INSTALL_HINT}"
        )

    # Start from matplotlib's defaults so a user's matplotlibrc cannot change reports.
    mpl.rcdefaults()
    mpl.rcParams.update(REPORT_STYLE)
    if cjk_first:
        families = [cjk_family, LATIN_FONT_FAMILY]
    else:
        known_families = {font.name for font in font_manager.fontManager.ttflist}
        families = [*([LATIN_FIRST_FAMILY] if LATIN_FIRST_FAMILY in known_families else []), LATIN_FONT_FAMILY,
                    cjk_family]
    # The generic family draws in its first installed font alone; a list of families falls back glyph by glyph (a
    # Chinese name in an English label). The CJK font draws a Chinese chart's every glyph by itself.
    mpl.rcParams["font.family"] = "sans-serif" if cjk_first else families
    mpl.rcParams["font.sans-serif"] = families
    # SVG and PDF files saved by matplotlib carry a creation date unless this
    # reproducible-builds variable pins it. PNG output (the inline default) has none.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    raise_on_missing_glyphs()
    return cjk_family


def raise_on_missing_glyphs() -> None:
    """Turn matplotlib's missing-glyph warning into an exception, process-wide."""
    warnings.filterwarnings("error", message=MISSING_GLYPH_MESSAGE, category=UserWarning)


def _find_cjk_family() -> str | None:
    """Return the first entry of :data:`CJK_FONT_FAMILIES` matplotlib knows, if any."""
    known_families = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FONT_FAMILIES if family in known_families), None)


def _rebuild_font_cache() -> None:
    """Rescan system fonts, rewrite matplotlib's fontlist json, update the live manager."""
    fresh_manager = font_manager._load_fontmanager(try_read_cache=False)
    # Update the instance in place (as matplotlib itself does when a font file has
    # vanished): the Agg and PDF backends hold references to this very object.
    vars(font_manager.fontManager).update(vars(fresh_manager))
    font_manager.fontManager._findfont_cached.cache_clear()
