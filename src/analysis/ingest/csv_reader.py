"""Strict reading of the CSV files people maintain by hand.

Every hand-maintained file goes through :func:`read_strict_csv`, which turns any defect (missing
file, not a regular file, not UTF-8, wrong columns, a row with the wrong number of fields, a cell
too long or with hidden characters) into an
:class:`~analysis.errors.InputError` naming the file and line, and keeps the line number of every row
so that later checks can name it too. Numbers written by people go through :func:`parse_number`.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, catalog, plan_error, told_words
from ..errors import InputError, Mistakes, quote
from ..files import read_regular
from ..text import check_text, visible
from .headers import check_header, field_label, header_mistakes

LINE_COLUMN = "csv_line"
#: Largest hand-maintained CSV read: years of observations take a few kilobytes.
MAX_CSV_BYTES = 5 * 1024 * 1024
#: Larger in magnitude than any statistic a city publishes, in any unit; beyond 2^53 (about 9e15)
#: a float no longer even holds every whole number.
MAX_MAGNITUDE = 1e15
#: Text kinds whose cells may hold line breaks (a note, a reason); a name or a source is one line.
MULTILINE_KINDS = ("note", "reason", "cell", "statement")


def read_strict_csv(path: Path, required: Iterable[str], optional: Iterable[str] = (),
                    text_kinds: dict[str, str] | None = None,
                    aliases: Callable[[str], str] | None = None,
                    told_in: Callable[[list[str]], Catalog] | None = None, defer: bool = False) -> pd.DataFrame:
    """Read a small CSV of text cells, checking its shape and every cell's text.

    Returns a DataFrame of strings (no type guessing, empty cells as ``""``) with the required and
    optional columns, plus ``csv_line``: the 1-based line of the file each row starts on. Every
    cell passes :func:`analysis.text.check_text` as the kind ``text_kinds`` gives its
    column (``cell`` otherwise), so a cell too long or holding hidden characters is named by its
    line and column. ``aliases``: the column a header cell names, where it may name one otherwise than by the
    column's own name (an observation file's 编号, 数值, 数据来源: the labels of the department templates).
    ``told_in``: the words the header's and the cells' mistakes are told in, from the header row as typed (a file
    headed in Chinese, in Chinese); without it (a plan's own file), the language the run tells a plan file's mistakes
    in (:func:`analysis.catalog.told_words`). The frame's ``attrs["language"]`` records it. Every cell's mistake is
    told, all at once, in line order, with every row of too few or too many fields and, when the header names every
    required column, the header's other mistakes (a column it does not know, a column given twice): the
    rows are read by the columns it names all the same. With ``defer``, the rows with a mistake are left out of the
    frame and the mistakes kept in its ``attrs["mistakes"]``, told with what later checks find in the other rows.
    ``attrs["columns"]``: the columns its header names (an optional column it lacks is in the frame all the same,
    empty).
    """
    path = Path(path)
    required, optional = list(required), list(optional)
    text_kinds = text_kinds or {}
    if not path.exists() and not path.is_symlink():
        raise InputError(plan_error("plan_yml.file_not_found"), file=path)
    raw = read_regular(path, MAX_CSV_BYTES)
    first = _first_line_words(raw, told_in, path)  # a file not read as text yet is told in its header's language
    if b"\x00" in raw:
        raise InputError(first["entry_errors.nul_bytes"], file=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(first.text("entry_errors.not_utf8", byte=exc.start), file=path, line=line) from None
    if text.startswith("\ufeff"):
        raise InputError(first["entry_errors.two_boms"], file=path, line=1, field=first["entry_errors.header_field"])
    if not visible(text):
        columns = first["grammar.comma"].join(required)
        raise InputError(first.text("entry_errors.empty_file", columns=columns), file=path, line=1)
    records, header, words, shape = _parse(text, path, required, optional, aliases, told_in)
    label = field_label(words) if words.language != "en" else str  # a column as the file's language heads it
    mistakes, kept = Mistakes(), []
    for error in shape:  # the header's mistakes and the rows of too few or too many fields
        mistakes.add(error)
    for record in records:
        before = len(mistakes.errors)
        for column in (name for name in record if name != LINE_COLUMN):
            with mistakes.row():  # every cell of every row: all told in one round
                check_text(record[column], kind=text_kinds.get(column, "cell"),
                           multiline=text_kinds.get(column, "cell") in MULTILINE_KINDS, file=path,
                           line=record[LINE_COLUMN], field=label(column), words=words)
        if len(mistakes.errors) == before:
            kept.append(record)
    mistakes.errors.sort(key=lambda error: error.line)  # in the order of the file's lines (the sort keeps a row's)
    if not defer:
        mistakes.check()
    records = kept
    columns = [c for c in required + optional] + [LINE_COLUMN]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in required + optional:
        frame[column] = [cell if isinstance(cell, str) else "" for cell in frame[column]]
    frame.attrs["language"] = words.language
    frame.attrs["mistakes"] = mistakes.errors
    frame.attrs["columns"] = [name for name in header if name in columns]  # the columns its header names
    return frame


def _first_line_words(raw: bytes, told_in: Callable[[list[str]], Catalog] | None, path: Path) -> Catalog:
    """The words the mistakes of a file not yet read as text are told in: its first line's language, the file decoded
    as it most likely was saved (UTF-16 where it holds NUL bytes, else UTF-8, else GB18030: Chinese Excel's "CSV");
    a first line of no words at all (an empty file) told in its name's language (空文件.csv: Chinese)."""
    if told_in is None:
        return told_words()
    named = catalog("zh" if re.search(r"[\u4e00-\u9fff]", path.name) else "en")
    for encoding in ("utf-16",) if b"\x00" in raw else ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        line = text.lstrip("\ufeff").split("\n", 1)[0]
        return told_in(line.split(",")) if re.search(r"[^\W\d_]", line) else named
    return named


def _parse(text: str, path: Path, required: list[str], optional: list[str],
           aliases: Callable[[str], str] | None = None,
           told_in: Callable[[list[str]], Catalog] | None = None
           ) -> tuple[list[dict], list[str], Catalog, list[InputError]]:
    """The rows of ``text`` as records (with their line), its header, checked against the columns, the words its
    mistakes are told in, and the mistakes that leave the rows readable: a header naming every required column with
    another mistake (an unknown column), each row of too few or too many fields (left out of the records). A header
    the rows cannot be read by (a required column missing) stops the file, as a row that is not CSV does."""
    previous_limit = csv.field_size_limit()
    # The file is in memory and bounded: let the csv module pass long cells, then name them by column.
    csv.field_size_limit(max(previous_limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            typed = [name.strip() for name in next(reader)]
        except csv.Error as exc:
            first = told_in(text.split("\n", 1)[0].split(",")) if told_in else told_words()
            raise InputError(first.text("entry_errors.malformed_header", problem=exc), file=path, line=1) from None
        header = [aliases(name) for name in typed] if aliases else typed
        words = told_in(typed) if told_in else told_words()
        if required and required[0] not in header:
            _refuse_header_below(text, path, required, aliases, told_in)
        by_label = told_in is not None  # a plan's own file is headed by the columns' names, and named by them
        if any(name not in header for name in required):
            check_header(typed, header, required, optional, words, path, 1, by_label=by_label)
        found = header_mistakes(typed, header, required, optional, words, path, 1, by_label=by_label)
        known = set(required + optional)
        # the columns the header has beyond those read (one unknown, one given again), told once with the header: a
        # row without a cell under them (the column added to the header only) is read by the others, not told again
        read_only = [name for index, name in enumerate(header) if name in known and header.index(name) == index]
        # the columns without a name (the empty columns Excel saves after the last one, ",,," on every line): nothing
        # under them is read, so a row that fills one is told, once for each such column, where it is first filled
        unnamed: dict[int, list] = {}
        records = []
        while True:
            line = reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise InputError(words.text("entry_errors.malformed", problem=exc), file=path, line=line) from None
            if not fields or all(not cell.strip() for cell in fields):
                continue  # blank lines are harmless
            if len(fields) == len(read_only) < len(header):
                fields = [fields[read_only.index(name)] if name in read_only and header.index(name) == index
                          else "" for index, name in enumerate(header)]
            elif len(fields) < len(header) and all(name in optional for name in header[len(fields):]):
                # a row that stops before optional columns at the header's end (basis added to values.csv's header
                # by hand, the rows typed before it): their cells are empty, as csv.DictReader reads a short row
                fields = fields + [""] * (len(header) - len(fields))
            elif len(fields) != len(header):  # which cell moved cannot be told: the row is told, not read
                found.append(InputError(words.count_text("entry_errors.fields", len(fields), expected=len(header),
                                                         header=words["grammar.comma"].join(typed)),
                                        file=path, line=line))
                continue
            # A line break inside a cell is kept as LF: a lone CR would end the row in the CSV the project writes.
            # Only the columns known are read (a column given twice: its first), an unknown one told with the header.
            record = {name: fields[index].replace("\r\n", "\n").replace("\r", "\n")
                      for index, name in enumerate(header) if name in known and header.index(name) == index}
            record[LINE_COLUMN] = line
            records.append(record)
            for index, name in enumerate(header):
                if not name and fields[index].strip():
                    unnamed.setdefault(index, [line, fields[index].strip(), 0])[2] += 1
    finally:
        csv.field_size_limit(previous_limit)
    for index, (line, cell, count) in unnamed.items():
        more = words.count_text("entry_errors.unnamed_more", count - 1) if count > 1 else ""
        found.append(InputError(words.text("entry_errors.unnamed_column", number=index + 1,
                                           text=quote(cell, 40, words=words), more=more), file=path, line=line))
    return records, header, words, found


#: Lines a CSV's header is looked for in when its first line is none (a data-entry sheet saved as CSV: title,
#: instructions, labels, then the header).
HEADER_SEARCH_LINES = 10


def _refuse_header_below(text: str, path: Path, required: list[str], aliases, told_in) -> None:
    """A header with every required column on a later line than the first (a workbook saved as CSV with its title
    and instructions above): one line saying so, not the first line's columns all missing."""
    try:
        lines = list(itertools.islice(csv.reader(io.StringIO(text, newline="")), HEADER_SEARCH_LINES))
    except csv.Error:
        return
    for number, cells in enumerate(lines[1:], 2):
        typed = [cell.strip() for cell in cells]
        named = [aliases(name) for name in typed] if aliases else typed
        if all(name in named for name in required):
            words = told_in(typed) if told_in else told_words()
            # to the first empty cell: a template's references stand beyond it
            shown = words["grammar.comma"].join(itertools.takewhile(bool, typed))
            raise InputError(words.text("entry_errors.header_below", line=number, header=shown, above=number - 1),
                             file=path, line=1)


def parse_number(text: str, *, file: Path, line: int, field: str, words: Catalog | None = None) -> float:
    """Parse a decimal number written by a person; reject text, NaN, infinities and absurd magnitudes by name, in
    ``words``' language (by default the one the run tells a plan file's mistakes in; a data-entry workbook passes
    its own)."""
    words = words or told_words()
    cleaned = text.strip()
    if cleaned == "":
        raise InputError(words["entry_errors.empty_number"], file=file, line=line, field=field)
    if not re.fullmatch(r"[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?(?:nan|inf|infinity)", cleaned,
                        re.IGNORECASE):
        # float() would also take "1_000", "٣" or "２.５": numbers here are plain ASCII decimals.
        raise InputError(words.text("entry_errors.not_a_number", text=quote(cleaned, words=words),
                                    advice=_number_advice(cleaned, words, str(file).lower().endswith(".csv"))),
                         file=file, line=line, field=field)
    value = float(cleaned)
    written_as_digits = cleaned.lstrip("+-")[:1].isdigit() or cleaned.lstrip("+-")[:1] == "."
    if value != value or (value in (float("inf"), float("-inf")) and not written_as_digits):
        raise InputError(words.text("entry_errors.not_finite", text=quote(cleaned, words=words)), file=file, line=line,
                         field=field)
    if abs(value) >= MAX_MAGNITUDE:  # 1e400 in digits is a float's infinity: too large as well
        raise InputError(words.text("entry_errors.too_large", text=quote(cleaned, words=words)), file=file, line=line,
                         field=field)
    return value


#: What people write for "no data" in a table: a dash, a slash, 无, 暂无, N/A.
NO_DATA_MARKS = re.compile(r"[-—–―－/／…·.]+|无|暂无|n/?a|na|none|null|未统计|不详", re.IGNORECASE)
#: Minus signs a word processor writes for the ASCII hyphen-minus.
OTHER_MINUS_SIGNS = "\u2212\u2012\u2013\u2014\uff0d\ufe63"


def _number_advice(text: str, words: Catalog, csv: bool = False) -> str:
    """What to do about ``text``, which is not a number as written; where the number meant is evident (1，820 typed
    with a Chinese input method, 2。65, 约25800, 150.3亿元), said with it. ``csv``: the value is a CSV file's, whose
    row without a value is left out (a workbook's value cell is cleared, and the note says why)."""
    if text.startswith("="):  # =1+1, =B5*100: a formula typed into a CSV file, or saved from a sheet as its text
        return words["entry_errors.number_advice.formula"]
    if NO_DATA_MARKS.fullmatch(text):
        return words["entry_errors.number_advice.no_data_csv" if csv else "entry_errors.number_advice.no_data"]
    if text[:1] in OTHER_MINUS_SIGNS and re.fullmatch(r"[0-9.eE+-]+", text[1:] or "x"):
        return words.text("entry_errors.number_advice.minus_sign", code=f"{ord(text[0]):04X}")
    if any("\uff10" <= char <= "\uff19" or char == "\uff0e" for char in text):
        # １２３, －１２．５: a number in full-width characters alone, the number meant evident
        meant = unicodedata.normalize("NFKC", text).strip()
        if re.fullmatch(r"[-+]?[0-9]*\.?[0-9]+", meant):
            return words.text("entry_errors.number_advice.full_width_meant", number=meant)
        if THOUSANDS.fullmatch(meant):  # １，９００: a full-width comma between groups of three
            return words.text("entry_errors.number_advice.full_width_thousands", number=meant.replace(",", ""))
        return words["entry_errors.number_advice.full_width"]
    if THOUSANDS.fullmatch(text):  # 2,600, 1，820 (a full-width comma): groups of three digits
        return words.text("entry_errors.number_advice.thousands", number=re.sub("[,，]", "", text))
    if re.fullmatch(r"[+\-]?[0-9]+[,，、。][0-9]+", text):  # 2,61, 2，9, 2。65: a comma or a full stop for the point
        return words.text("entry_errors.number_advice.decimal_comma_meant", number=re.sub("[,，、。]", ".", text))
    about_unit = ABOUT_WITH_UNIT.fullmatch(text)
    unit = WITH_UNIT.fullmatch(about_unit.group("rest")) if about_unit else None
    if unit:  # 约2600家: an estimate's word and the unit, both left out
        return words.text("entry_errors.number_advice.approximate_unit", word=about_unit.group("before").strip(),
                          number=unit.group("number"), unit=unit.group("unit").strip())
    about = APPROXIMATE.fullmatch(text)
    if about and (about.group("before") or about.group("after")):  # 约25800, 25800左右: an estimate's word
        word = (about.group("before") or about.group("after")).strip()
        return words.text("entry_errors.number_advice.approximate", word=word, number=about.group("number"))
    percent = PERCENT.fullmatch(text)
    if percent:  # 2.65%: a share typed with its sign, as text
        # a workbook lists the unit beside the row; a CSV file's writer finds it in the processed indicators table
        return words.text("entry_errors.number_advice.percent_csv" if csv else "entry_errors.number_advice.percent",
                          number=percent.group("number"))
    unit = WITH_UNIT.fullmatch(text)
    if unit:  # 150.3亿元, 1820家: the unit typed in
        return words.text("entry_errors.number_advice.unit_csv" if csv else "entry_errors.number_advice.unit",
                          unit=unit.group("unit"))
    return words["entry_errors.number_advice.digits"]


def meant_number(text: str) -> float | None:
    """The number :func:`_number_advice` asks whether ``text`` meant (2.65 for 2.65%, 2600 for 约2600家, 1820 for
    1，820), or None where it names none."""
    text = text.strip()
    wide = unicodedata.normalize("NFKC", text).strip()
    candidates = [wide, *([wide.replace(",", "")] if THOUSANDS.fullmatch(wide) else [])] if any(
        "\uff10" <= char <= "\uff19" or char == "\uff0e" for char in text) else []
    if THOUSANDS.fullmatch(text):
        candidates.append(re.sub("[,，]", "", text))
    if re.fullmatch(r"[+\-]?[0-9]+[,，、。][0-9]+", text):
        candidates.append(re.sub("[,，、。]", ".", text))
    about_unit = ABOUT_WITH_UNIT.fullmatch(text)
    unit = WITH_UNIT.fullmatch(about_unit.group("rest")) if about_unit else None
    for match in (unit, APPROXIMATE.fullmatch(text), PERCENT.fullmatch(text)):
        if match:
            candidates.append(match.group("number"))
    for candidate in candidates:
        if re.fullmatch(r"[-+]?[0-9]*\.?[0-9]+", candidate):
            return float(candidate)
    return None


#: A number with a thousands separator, a comma or a full-width comma (a Chinese input method's): 2,600, 1，820.
THOUSANDS = re.compile(r"[+\-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[+\-]?[0-9]{1,3}(?:，[0-9]{3})+(?:\.[0-9]+)?")
#: A number with a percent sign after it, half- or full-width: 2.65%, 2.65 ％.
PERCENT = re.compile(r"(?P<number>[+\-]?[0-9]+(?:\.[0-9]+)?)\s*[%％]")
#: A number with a word that makes it an estimate, before it (约, 大约, 近, about) or after it (左右).
APPROXIMATE = re.compile(r"(?P<before>(?:大约|约为|约|近|逾|超过|about|approx\.?|around|~|≈)\s*)?"
                         r"(?P<number>[+\-]?[0-9]+(?:\.[0-9]+)?)(?P<after>\s*左右)?", re.IGNORECASE)
#: A number with its unit typed after it: 150.3亿元, 1820家, 12 km (not a % sign, which has its own advice).
WITH_UNIT = re.compile(r"(?P<number>[+\-]?[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[^0-9\s.,，、。%％+\-][^0-9%％]*?)\s*")
#: An estimate's word before a number with its unit (约2600家): the rest read by :data:`WITH_UNIT`.
ABOUT_WITH_UNIT = re.compile(r"(?P<before>(?:大约|约为|约|近|逾|超过|about|approx\.?|around|~|≈)\s*)(?P<rest>.+)",
                             re.IGNORECASE)


def parse_int(text: str, *, file: Path, line: int, field: str, words: Catalog | None = None) -> int:
    """A whole number of at most 9 digits (ids and years; ``int()`` of 5,000 digits would raise); a mistake is told
    in ``words``' language (by default the one the run tells a plan file's mistakes in), a year's (``field`` year) as
    a year's: 2022年, 二〇二〇, 20240 digits long."""
    cleaned = text.strip()
    if not re.fullmatch(r"-?[0-9]{1,9}", cleaned):
        words = words or told_words()
        year = field == "year"
        too_long = re.fullmatch(r"-?[0-9]+", cleaned) is not None
        digits = re.fullmatch(r"[^0-9]*?([0-9]{1,9})[^0-9]*", cleaned)  # 2024年, No. 5: one number with words around it
        shown = quote(cleaned, words=words)
        if not cleaned:
            message = words["entry_errors.whole_empty"]
        elif re.fullmatch(r"-?[0-9]{1,9}", unicodedata.normalize("NFKC", cleaned)):  # ２０２３: full-width digits
            message = words.text("entry_errors.whole_full_width", text=shown,
                                 digits=unicodedata.normalize("NFKC", cleaned))
        elif year and re.fullmatch(r"[0-9]{4}(?:\s*[,，、;；/]\s*[0-9]{4})+", cleaned):  # 2023,2024: two years
            message = words.text("entry_errors.year_several", text=shown,
                                 years=words.join_and(re.findall(r"[0-9]{4}", cleaned)))
        elif year and re.fullmatch(r"[0-9]{4}\s*年", cleaned):
            message = words.text("entry_errors.year_suffix", text=shown, digits=digits.group(1))
        elif digits and not too_long:
            message = words.text("entry_errors.not_whole_only", text=shown, digits=digits.group(1))
        elif CHINESE_NUMERALS.fullmatch(cleaned):  # 二〇二〇, 一: a number in Chinese numerals
            message = words.text("entry_errors.year_numerals" if year else "entry_errors.id_numerals", text=shown)
        elif too_long:
            message = words.text("entry_errors.year_digits" if year else "entry_errors.not_whole_digits", text=shown)
        else:
            message = words.text("entry_errors.not_whole", text=shown)
        raise InputError(message, file=file, line=line, field=field)
    return int(cleaned)


#: A number written in Chinese numerals (一, 十二, 二〇二〇).
CHINESE_NUMERALS = re.compile(r"[〇零一二两三四五六七八九十百千]+")
