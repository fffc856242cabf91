"""The project's own error type: one readable line naming the file, the line and the field."""
from __future__ import annotations

from pathlib import Path


def display_path(path: str | Path | None) -> str:
    """Show a path relative to the project root when it lies inside it (shorter, stable messages)."""
    from .settings import PROJECT_ROOT

    if path is None:
        return "<input>"
    path = Path(path)
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


class InputError(ValueError):
    """A user's input is wrong: a data file, a corrections row, a parameter.

    The message is a single line ``file:line: field: what is wrong`` so that a scheduler's log
    or a researcher's terminal shows exactly what to fix; the command line prints it without a
    traceback.
    """

    def __init__(self, message: str, *, file: str | Path | None = None, line: int | None = None,
                 field: str | None = None):
        self.file = file
        self.line = line
        self.field = field
        self.reason = message
        super().__init__(self.format())

    def format(self) -> str:
        where = display_path(self.file) if self.file is not None else ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        parts = [p for p in (where, self.field) if p]
        prefix = ": ".join(parts)
        text = f"{prefix}: {self.reason}" if prefix else self.reason
        # One line, always: a line break inside an echoed cell must not split the message.
        return " ".join(text.splitlines())


class StepError(RuntimeError):
    """A step of a report failed (a notebook cell, the kernel, a renderer); the message names the step."""
