"""One docstring style: prose that names the arguments where they matter, no NumPy or Google sections.

ruff checks the rest of the style (``make lint``); it has no rule for this choice, so this test keeps it.
"""
from __future__ import annotations

import re

from analysis.settings import PROJECT_ROOT

SECTION = re.compile(r'^\s*(Parameters|Returns|Raises|Yields|Args|Arguments|Examples)\s*:?\s*\n\s*(-{3,}\s*\n)?',
                     re.MULTILINE)


def docstring_sections(text: str) -> list[str]:
    return [match.group(1) for match in SECTION.finditer(text)
            if match.group(2) or match.group(0).rstrip().endswith(":")]


def test_docstrings_are_prose():
    found = {str(path.relative_to(PROJECT_ROOT)): sections
             for path in sorted((PROJECT_ROOT / "src" / "analysis").rglob("*.py"))
             if (sections := docstring_sections(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_check_sees_both_section_styles():
    assert docstring_sections('    """Do.\n\n    Parameters\n    ----------\n    x : int\n    """') == ["Parameters"]
    assert docstring_sections('    """Do.\n\n    Args:\n        x: a number.\n    """') == ["Args"]
    assert docstring_sections('    """Returns the value a reader sees."""') == []
