"""Colours as WCAG 2 measures them: a colour's relative luminance and the contrast of two, for the report's
palette (text that reads on its ground) and for the workbooks a department sends back (a value written in a colour
its cell hides)."""
from __future__ import annotations

__all__ = ["contrast", "relative_luminance"]


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of ``#rrggbb`` or ``#rgb``: 0 for black, 1 for white."""
    digits = colour.lstrip("#")
    digits = "".join(2 * d for d in digits) if len(digits) == 3 else digits
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """WCAG 2's contrast ratio of two colours: 1 (the same luminance) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
