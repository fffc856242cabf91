"""Chinese numerals as a plan numbers its headings and items: 一、 （二） 三是 (ground floor, no dependencies)."""
from __future__ import annotations

#: The numerals of a plan's headings and items (一、, （二）, 三是).
NUMERALS = "一二三四五六七八九十"


def chinese_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (the numerals of headings and items)."""
    if numeral == "十":
        return 10
    tens, _, ones = numeral.partition("十")
    if "十" in numeral:
        return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)
    return NUMERALS.index(numeral) + 1 if len(numeral) == 1 else 0


def chinese_numeral(number: int) -> str:
    if number <= 10:
        return NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")
