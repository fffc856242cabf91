"""The project's own error type: one readable line naming the file, the line and the field.

Everything a message shows that came from outside (a file name, a cell) goes through
:func:`printable`: control characters (a terminal's escape codes, line breaks), bidi overrides and
bytes that are not UTF-8 are shown as escapes, so a message is one line and shows what is there.
"""
from __future__ import annotations

import contextvars
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .settings import PROJECT_ROOT

#: Longest text a message echoes from a cell; a 200 kB note is named, not printed.
ECHO_LIMIT = 60


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on or hide shown as its escape (``\\x1b``, ``\\u202e``)."""
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in str(text))


def quote(value, limit: int = ECHO_LIMIT, words=None) -> str:
    """A cell or value as a message shows it: quoted, escaped, cut after ``limit`` characters with its length.

    Works for any value, including an integer too long for ``str()`` (Python refuses more than
    4,300 digits) and text too long to echo. ``words``: the catalog of the message the value is quoted in (its length
    told as the message is: "(64 characters)", "（共 64 个字符）"); by default the run's (:data:`RUN_WORDS`).
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** limit:
        return _said(words, "grammar.quote.long_number", digits=math.floor(math.log10(abs(value))) + 1)
    text = value if isinstance(value, str) else repr(value)
    shown = repr(text[:limit]) if isinstance(value, str) else printable(text[:limit])
    if len(text) <= limit:
        return shown
    return _said(words, "grammar.quote.cut", shown=shown, length=len(text))


#: The catalog the run tells a plan file's mistakes in, set by :func:`analysis.catalog.mistakes_told_in` (the
#: catalogs import this module, not it them); None outside a run: English, as these words.
RUN_WORDS: contextvars.ContextVar = contextvars.ContextVar("run_words", default=None)
_ENGLISH = {"grammar.quote.cut": "{shown}… ({length} characters)",
            "grammar.quote.long_number": "a number of {digits} digits", "grammar.quote.input": "<input>"}


def _said(words, key: str, **fields) -> str:
    """``key`` of ``words`` (a catalog), or of the run's (:data:`RUN_WORDS`), filled in; English outside a run."""
    words = words if words is not None else RUN_WORDS.get()
    return words.text(key, **fields) if words is not None else _ENGLISH[key].format(**fields)


def display_path(path: str | Path | None) -> str:
    """Show a path relative to the project root when it lies inside it (shorter, stable messages), escaped."""
    if path is None:
        return _said(None, "grammar.quote.input")
    # The path as named, not where a link leads: a link to /etc/passwd is shown as the link.
    absolute = Path(os.path.abspath(path))
    candidates = [absolute]
    try:
        candidates.append(Path(os.path.realpath(absolute.parent)) / absolute.name)
    except ValueError:  # a name no system takes (a NUL byte): shown as named
        pass
    shown = str(path)
    for candidate in candidates:
        try:
            shown = str(candidate.relative_to(PROJECT_ROOT))
            break
        except ValueError:
            continue
    return printable(shown)


class InputError(ValueError):
    """A user's input is wrong: a data file, a corrections row, a parameter.

    The message is a single line ``file:line: field: what is wrong`` (in a workbook the line is a
    cell, ``file.xlsx:Sheet1!D5: value: …``) so that a scheduler's log
    or a researcher's terminal shows exactly what to fix; the command line prints it without a
    traceback.
    """

    def __init__(self, message: str, *, file: str | Path | None = None, line: int | str | None = None,
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
        # One line, always: a line break or an escape code inside an echoed cell is shown, not obeyed.
        return printable(text)

    def _render_traceback_(self) -> list[str]:
        """What a notebook shows of the mistake (IPython asks an exception for this before drawing a traceback): its
        line, naming the parameter or file to fix, not a traceback into the project's code, which is not at fault."""
        first, *rest = str(self).splitlines() or [""]
        return [f"{type(self).__name__}: {first}", *rest]  # several mistakes (InputErrors): a line each


class InputErrors(InputError):
    """Several mistakes in one input (a workbook's rows), each its own line as :class:`InputError` writes it: a
    department fixes them all in one go, not one a round. At most :data:`LISTED_ERRORS` are listed, and how many
    more there are."""

    def __init__(self, errors: list[InputError], tail: str = "", more: str | None = None):
        self.errors = list(errors)
        self.tail = tail
        # how the line after the listed ones says how many more there are, in the reader's language: by default the
        # run's (a plan file's mistakes), read when told
        self.more = more
        first = self.errors[0]
        super().__init__(first.reason, file=first.file, line=first.line, field=first.field)

    def lines(self) -> list[str]:
        chosen = listed(self.errors)
        shown = [error.format() for error in chosen]
        if len(self.errors) > LISTED_ERRORS:
            more = self.more if self.more is not None else RUN_MORE.get()
            # the files the mistakes not listed are in, named as an error's file is: "b.csv: … 10 more"
            left = [error for error in self.errors if not any(error is told for told in chosen)]
            files = ", ".join(dict.fromkeys(display_path(error.file) for error in left if error.file is not None))
            count = more.format(count=len(self.errors) - LISTED_ERRORS)
            shown.append(printable(f"{files}: {count}") if files else count)
        if self.tail:
            shown[-1] += printable(self.tail)
        return shown

    def format(self) -> str:
        return "\n".join(self.lines())


#: The "… N more" line of a list whose maker gave none (a plan file's mistakes): the run's language, set with it by
#: :func:`analysis.catalog.mistakes_told_in`.
RUN_MORE: contextvars.ContextVar[str] = contextvars.ContextVar("run_more", default="… {count} more")

#: How many of the mistakes of one input an error lists.
LISTED_ERRORS = 30


def listed(errors: list[InputError]) -> list[InputError]:
    """The mistakes an error lists, in their order: all of them up to :data:`LISTED_ERRORS`; beyond, the first of
    every file first (a second department's one mistake is told in this round, not hidden behind the first's 55),
    then the earliest others."""
    if len(errors) <= LISTED_ERRORS:
        return list(errors)
    chosen: set[int] = set()
    files: set = set()
    for index, error in enumerate(errors):
        if len(chosen) < LISTED_ERRORS and str(error.file) not in files:
            chosen.add(index)
            files.add(str(error.file))
    for index in range(len(errors)):
        if len(chosen) >= LISTED_ERRORS:
            break
        chosen.add(index)
    return [error for index, error in enumerate(errors) if index in chosen]


#: How the line after the listed errors says how many more there are, where no reader's language is known.
#: A :class:`Mistakes`' "… N more" line not given: the run's language (:class:`InputErrors`' default).
DEFAULT_MORE = None


class Mistakes:
    """The mistakes of many rows, gathered: each row checked inside :meth:`row`, then :meth:`check` raises them all
    (one as itself, several as :class:`InputErrors`); a row with a mistake is left out, the others go on.
    ``label``: how an error's field is shown (a workbook's column by its label in the workbook's language).
    ``untold``: fields whose mistakes are not told (a column the header lacks, told once as the header's mistake: a
    row's empty cell there is none of the row's); the row is still left out. ``notes``: what the errors gathered
    carried to say with them (a hidden sheet not read, ``notes`` of an error), each once, carried on by
    :meth:`check`'s error."""

    def __init__(self, label=None, more: str | None = DEFAULT_MORE, untold=()):
        self.errors: list[InputError] = []
        self.notes: list = []
        self.label = label
        self.more = more
        self.untold = frozenset(untold)

    @contextmanager
    def row(self) -> Iterator[None]:
        try:
            yield
        except InputError as exc:
            self.add(exc)

    def add(self, exc: InputError) -> None:
        if isinstance(exc, InputErrors) and self.more is DEFAULT_MORE:  # "……另有 5 处错误": the reader's language kept
            self.more = exc.more
        self.notes += [note for note in getattr(exc, "notes", ()) if note not in self.notes]
        for error in exc.errors if isinstance(exc, InputErrors) else [exc]:
            if error.field in self.untold:
                continue
            if self.label is not None and error.field:
                error = InputError(error.reason, file=error.file, line=error.line, field=self.label(error.field))
            if not any(error.format() == told.format() or _whole_file(error, told) for told in self.errors):
                self.errors.append(error)  # a file read twice (for values, for words): told once

    def check(self) -> None:
        if not self.errors:
            return
        error = self.errors[0] if len(self.errors) == 1 else InputErrors(self.errors, more=self.more)
        if self.notes:
            error.notes = list(self.notes)
        raise error


def _whole_file(error: InputError, told: InputError) -> bool:
    """Both errors are about the same file as a whole (no line): the first says what is wrong with it. Two fields of
    one file (a sidecar's sha256 and its bytes) are two mistakes, each told."""
    two_fields = bool(error.field) and bool(told.field) and error.field != told.field
    return (error.line is None and told.line is None and error.file is not None and error.file == told.file
            and not two_fields)


def error_lines(error) -> list[str]:
    """The lines an error is told in: one per mistake."""
    return error.lines() if isinstance(error, InputErrors) else [printable(str(error))]


class StepError(RuntimeError):
    """A step of a report failed (a notebook cell, the kernel, a renderer); the message names the step."""


def cell_order(error: InputError, sheets: Sequence[str] = ()) -> tuple:
    """Where an error stands, for telling a file's errors in order: its sheet (in the order of ``sheets``, the
    workbook's, as a cell reference names them; any other after them by name), row and column (``数据报送!D5``), or
    its line (an error about the whole file first)."""
    match = re.fullmatch(r"(.*)!([A-Z]+)(\d+)(?::[A-Z]+\d+)?", str(error.line or ""))  # a range by its first cell
    if match:
        rank = list(sheets).index(match[1]) if match[1] in sheets else len(sheets)
        return (rank, match[1], int(match[3]), len(match[2]), match[2])
    return (-1, "", int(error.line) if isinstance(error.line, int) else 0, 0, "")


def file_order(sheets: dict[str, Sequence[str]] | None = None) -> Callable[[InputError], tuple]:
    """How a round's errors are told: file by file in the order of their paths (an error without a file last), and
    in each by :func:`cell_order`; ``sheets``: each workbook's sheets in its order, by its path."""
    sheets = sheets or {}

    def order(error: InputError) -> tuple:
        path = str(Path(error.file or ""))
        return (error.file is None, path, cell_order(error, sheets.get(path, ())))
    return order
