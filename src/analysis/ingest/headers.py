"""A table's header row, read as people write it: a column's own name (``value``) or the label a data-entry
template shows above it, in either language (数值, Value); and what is wrong with a header, named in the
reader's language (a workbook's template's, a CSV file headed in Chinese: Chinese; English otherwise).

Observation CSV files and data-entry workbooks share it, so a clerk who saves a template's sheet as CSV
keeps the header and the language of its messages.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..catalog import Catalog, catalog
from ..errors import InputError, printable, quote
from ..settings import LANGUAGES

#: Where a catalog keeps the labels a template shows above its header rows (the values sheet, the words sheet).
LABELS = (("entry", "labels"), ("entry", "words", "labels"))
#: A date in a label (发布日期（如 2025-02-28）: the day after the year a template asks for), or its place in the
#: catalog's label (``{date}``): a label is the same label whatever its example date, with a space before it or
#: none (发布日期（如2026-02-28）, as Chinese writes a number beside a Chinese character).
EXAMPLE_DATE = re.compile(r" ?(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|\{date\})")


def header_key(value) -> str | None:
    """A header cell as it is compared: its words, in any case, an example date as any other; None for a cell that
    holds no text."""
    return EXAMPLE_DATE.sub("{date}", " ".join(value.split())).casefold() if isinstance(value, str) else None


def header_names(columns: list[str]) -> dict[str, str]:
    """What a header cell may say for each of ``columns`` (as :func:`header_key` gives it), and the column it
    names: the column's name, or the label a template shows above it in either language, whole or its words before
    a bracket (确认 for 确认（数值偏离较大时说明理由）, Published for Published (e.g. 2025-02-28))."""
    names = {}
    for language in LANGUAGES:
        for column, label in labels(catalog(language)).items():
            if column in columns:
                for text in (label, short(label)):
                    if header_key(text):
                        names.setdefault(header_key(text), column)
    names.update({header_key(column): column for column in columns})
    return names


def labels(words: Catalog) -> dict[str, str]:
    """The labels a template in ``words``' language shows above its header rows, by column."""
    found = {}
    for path in LABELS:
        node = words.entries
        for part in path:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        found.update({column: label for column, label in node.items() if isinstance(label, str)
                      and column not in found})
    return found


def short(label: str) -> str:
    """A label's words before a bracket: 确认 for 确认（数值偏离较大时说明理由）."""
    return re.split(r"[（(]", label)[0].strip()


def column_label(words: Catalog, name: str, by_label: bool = True) -> str:
    """A column as an error names it in ``words``' language: its name; in Chinese with its label, 数据来源（source），
    where the label differs from the name. ``by_label`` false: a file whose header is written in the columns' own
    names (a plan's indicators.csv), whose columns are named by them alone."""
    label = short(labels(words).get(name) or "") if by_label else ""
    if not label or label == name:
        return name
    return words.text("entry_errors.column", name=name, label=label)


def field_label(words: Catalog, template: bool = True):
    """How an error names a cell's column: by its label in ``words``' language (数值, 数据来源; Value, Source), as a
    template heads it; in a workbook of one's own (not a ``template``), in English, by its name (value, source), as
    its header row writes it."""
    if words.language == "en" and not template:
        return None
    shown = {**{name: short(label) for name, label in labels(words).items()},
              "header": words["entry_errors.header_field"]}
    return lambda name: shown.get(name, name)


def column_names(words: Catalog, names, by_label: bool = True) -> str:
    """Columns as an error lists them in ``words``' language: ``source, note``; 数据来源（source）、备注（note）
    (``by_label`` false: ``source、note``, as :func:`column_label`)."""
    return words["grammar.comma"].join(column_label(words, name, by_label) for name in names)


def check_header(typed: list[str], header: list[str], required: list[str], optional: list[str], words: Catalog,
                 path: Path, where: int | str, by_label: bool = True) -> None:
    """The header row (``typed``, which names the columns ``header``) has every required column, no unknown one and
    none twice; what it lacks is named in ``words``' language, the header shown as typed. The first mistake is
    raised (a CSV file's rows cannot be read by a header that does not fit them). ``by_label``: as
    :func:`header_mistakes`."""
    found = header_mistakes(typed, header, required, optional, words, path, where, by_label=by_label)
    if found:
        raise found[0]


def meant_columns(typed: list[str], header: list[str], required: list[str], optional: list[str],
                  labelled: dict[int, str] | None = None) -> dict[int, tuple[str, bool]]:
    """The column each unknown header cell most likely stands for, by its index: one the header lacks, named by the
    template's label above the cell (``labelled``: a workbook's 数值 above a cell renamed 2023年数值), else the one
    whose name or label it is closest to (vaule: value), as a misspelt plan.yml key is told; with it, whether the
    label said so."""
    absent = [name for name in required + optional if name not in header]
    names = {key: column for key, column in header_names(absent).items() if column in absent}
    meant: dict[int, tuple[str, bool]] = {}
    for index, name in enumerate(header):
        if name in required or name in optional or not name:
            continue
        column = (labelled or {}).get(index)
        by_label = column in absent
        if not by_label:
            key = header_key(typed[index]) or ""
            close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75) or _one_slip(key, list(names))
            column = names[close[0]] if close else None
        if column in absent and column not in {told for told, _ in meant.values()}:
            meant[index] = (column, by_label)
    return meant


def _one_slip(typed: str, names: list[str]) -> list[str]:
    """The one name of ``names`` a short name (two to four characters, a Chinese label's length: 数直) is a single
    character's slip from, same length and all else the same (数值); difflib's ratio cannot tell (0.5 for two
    characters). [] for none, or for more than one."""
    if not 2 <= len(typed) <= 4:
        return []
    slips = [name for name in names if len(name) == len(typed) and sum(a != b for a, b in zip(name, typed)) == 1]
    return slips if len(slips) == 1 else []


def header_mistakes(typed: list[str], header: list[str], required: list[str], optional: list[str], words: Catalog,
                    path: Path, where: int | str, cell=None, labelled: dict[int, str] | None = None,
                    by_label: bool = True) -> list[InputError]:
    """What is wrong with the header row (``typed``, which names the columns ``header``), in ``words``' language: a
    separator other than a comma, an unknown column that stands for one it lacks (:func:`meant_columns`, told as
    such: vaule, did you mean value?), the required columns it lacks, the unknown columns, the columns given twice. Each
    is named at ``where`` (the header's line, a workbook's row); with ``cell`` (a header cell's name by its index,
    0-based: a workbook's F4), an unknown or repeated column at its own cell, one mistake each, and an empty header
    cell not at all (the workbook's reader tells it). ``by_label`` false: a header written in the columns' own names
    (a plan's file), its columns named by them alone (indicator_id, not 编号（indicator_id）)."""
    comma = words["grammar.comma"]
    shown = comma.join(column_name(text, words) for text in typed)
    field = words["entry_errors.header_field"]
    missing = [name for name in required if name not in header]
    separator = next((mark for mark in (";", "\t", "；", "，") if len(typed) == 1 and mark in typed[0]), None)
    if missing and separator == "，":  # a header typed with a Chinese input method: full-width commas
        return [InputError(words.text("entry_errors.fullwidth_separator", header=shown), file=path, line=where,
                           field=field)]
    if missing and separator:  # Excel set to a European list separator saves "CSV" with semicolons
        return [InputError(words.text("entry_errors.other_separator", separator=repr(separator), header=shown),
                           file=path, line=where, field=field)]
    found = []
    # an unknown cell that stands for a column the header lacks (a name misspelt, a label typed over): one line there
    meant = meant_columns(typed, header, required, optional, labelled)
    for index, (column, from_label) in meant.items():
        key = "entry_errors.renamed_column" if from_label else "entry_errors.misspelt_column"
        found.append(InputError(words.text(key, typed=column_name(typed[index], words),
                                           column=column_label(words, column, by_label)),
                                file=path, line=cell(index) if cell else where, field=field))
    missing = [name for name in missing if name not in {column for column, _ in meant.values()}]
    if missing:
        found.append(InputError(words.text("entry_errors.missing_columns",
                                           columns=column_names(words, missing, by_label), header=shown),
                                file=path, line=where, field=field))
    # an empty header cell is its caller's to tell, with what its column holds: a workbook's, with the column it stood
    # for; a CSV file's (the empty columns Excel saves after the last one), only where a row fills its column
    unknown = [index for index, name in enumerate(header)
               if name not in required and name not in optional and name and index not in meant]
    unknown_names = {header[index] for index in unknown}
    repeated = sorted({name for name in header if name and header.count(name) > 1 and name not in unknown_names},
                      key=header.index)
    groups = [[index] for index in unknown] if cell else [unknown] * bool(unknown)
    for group in groups:
        found.append(InputError(words.text("entry_errors.unexpected_columns",
                                           columns=comma.join(column_name(typed[index], words) for index in group),
                                           allowed=column_names(words, required + optional, by_label)),
                                file=path, line=cell(group[0]) if cell else where, field=field))
    for group in [[name] for name in repeated] if cell else [sorted(repeated)] * bool(repeated):
        again = header.index(group[0], header.index(group[0]) + 1)  # a column given again: named where it is again
        counts = {header.count(name) for name in group}
        # how many times: as many as each of them is there (出现了两次), or "more than once" where they differ
        count = counts.pop() if len(counts) == 1 else 0
        times = (words["entry_errors.times_many"] if not count else words["entry_errors.times_two"] if count == 2
                 else words.text("entry_errors.times", count=count))
        found.append(InputError(words.text("entry_errors.repeated_columns",
                                           columns=column_names(words, group, by_label), times=times),
                                file=path, line=cell(again) if cell else where, field=field))
    return found


def column_name(name: str, words: Catalog | None = None) -> str:
    """A header cell as a message shows it: as is, or quoted when empty, long or holding hidden characters (its
    length told in ``words``' language)."""
    return name if name and printable(name) == name and len(name) <= 40 else quote(name, 40, words=words)


def told_in(typed: list[str]) -> Catalog:
    """The words a file's messages are told in, from its header row as typed: Chinese when most of its cells are
    written in Chinese (a template's labels: 编号, 序列, 年份, 数值, 数据来源), English otherwise (one column 单位
    added to a header of the columns' own names does not make it Chinese)."""
    han = re.compile(r"[\u4e00-\u9fff]")
    cells = [text for text in typed if isinstance(text, str) and text.strip()]
    chinese = sum(1 for text in cells if han.search(text))
    return catalog("zh" if cells and chinese * 2 > len(cells) else "en")
