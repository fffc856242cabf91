"""The characters the report's fonts draw: everyday text passes without reading a font, an emoji or a rare
character is refused where it is read."""
from __future__ import annotations

import unicodedata

import pytest

from analysis.glyphs import EVERYDAY_BLOCKS, drawn, font_characters
from analysis.text import forbidden_character


def test_the_fonts_draw_every_character_of_the_everyday_blocks():
    characters = font_characters()
    assert characters is not None, "the report's Chinese font is not installed (make system-deps)"
    missing = [f"U+{code:04X}" for first, last in EVERYDAY_BLOCKS for code in range(first, last + 1)
               if unicodedata.category(chr(code)) not in ("Cc", "Cf", "Cn", "Cs", "Co") and code not in characters]
    assert missing == []


@pytest.mark.parametrize("char", ["威", "—", "：", "Ａ", "é", "€", "→", "①", "≥", "℃", "√", "·", "\U0001F600"])
def test_what_the_report_writes_is_drawn(char):
    assert drawn(char)


@pytest.mark.parametrize(("char", "name"), [
    ("\U0001F680", "rocket"),                       # an emoji (DejaVu Sans draws a few, such as U+1F600)
    ("\U0001F4C8", "chart with upwards trend"),
    ("\U0002A6A5", "cjk unified ideograph-2a6a5"),  # CJK Extension B, beyond what Noto Sans CJK draws
    ("\ue000", "unassigned"),                       # private use: no font of the report has it
])
def test_a_character_no_font_of_the_report_has_is_refused_by_name(char, name):
    assert not drawn(char)
    assert forbidden_character(f"统计{char}公报") == (
        f"the character U+{ord(char):04X} ({name}) at character 3, which the report's fonts do not have (it would "
        "print as an empty box); write it another way")
