"""The plan's key tasks (重点任务) and support measures (保障措施), read as printed or typed.

A printed plan (``table: {printed_text: …}``) sets them out in two sections of its text, found by their
headings (``三、重点任务`` and ``四、保障措施``; the numeral is the plan's own, ``主要任务`` is read like
``重点任务``), each running to the next heading of that level (``五、进度安排``)::

    三、重点任务
    <the section's introduction>
    （一）创新发展理念，打造精致城市典范                 a group of tasks
    <the group's introduction>
    1.创新布局，优化城市梯次发展新空间。…               a task: its title runs to the first 。
    一是全面提升中心城区首位度。…                       an item of the task, on its own line or after a 。
    …（责任单位：市发展改革委、…，各区市政府、开发区管委）   who answers for it, the lead first

    四、保障措施
    （一）加强组织领导。…                               a support measure: its title runs to the first 。

Groups are numbered （一）, （二）, …; tasks 1., 2., … from 1 in each group; items 一是, 二是, … from 一是 in
each task; a number out of order is refused. A task's departments close it in parentheses, 责任单位 or
责任部门 (both are printed), names separated by 、 or ，, a parenthesis broken over two lines joined. A task
whose items each close with their own departments (an item's text, then its parenthesis) keeps them with
each item, and the task's departments are all of them, the lead that of its first item. Every
parenthesis of departments in the section belongs to a task or one of its items, and nothing follows it
there; a task that names none has none. What cannot be read so is one :class:`InputError` naming the
file, the line and what is wrong.

A plan given as tables types them instead: ``tasks.csv`` (one row per task:
``group,group_title_zh,number,title_zh,lead,departments[,title_en][,group_title_en][,note]``) and
``measures.csv`` (``number,title_zh[,title_en][,note]``), each used instead of the text when present. The
English titles of a printed plan's tasks and groups are in ``task_names.csv`` (``task_id,title_en``: ``1.2``
for a task, ``1`` for a group), those of its measures in ``measure_names.csv`` (``number,title_en``); an
English title not given is empty (a report shows the Chinese one). Every department named needs its English
name in ``department_names.csv``; that is checked when the tasks are cleaned (:mod:`analysis.clean.tasks`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalog import plan_error, plan_error_count, told_words
from ..errors import InputError, Mistakes, file_order, quote
from ..numerals import NUMERALS, chinese_number, chinese_numeral
from ..text import check_text, visible
from .csv_reader import LINE_COLUMN, parse_int, read_strict_csv
from .departments import DEPARTMENT_NAMES_FILE, load_department_aliases, load_department_names
from .hand_files import refuse_duplicates, require_filled
from .printed_table import read_source_lines

TASKS_FILE = "tasks.csv"
MEASURES_FILE = "measures.csv"
TASK_NAMES_FILE = "task_names.csv"
#: The lead department of a printed task, where the evaluator assigns one by function rather than the first listed.
TASK_LEADS_FILE = "task_leads.csv"
MEASURE_NAMES_FILE = "measure_names.csv"
TYPED_TASK_COLUMNS = ["group", "group_title_zh", "number", "title_zh", "lead", "departments"]
TYPED_TASK_OPTIONAL = ["title_en", "group_title_en", "note"]
TYPED_MEASURE_COLUMNS = ["number", "title_zh"]
TYPED_MEASURE_OPTIONAL = ["title_en", "note"]
TASK_TEXT = {"group_title_zh": "name", "group_title_en": "name", "title_zh": "name", "title_en": "name",
             "lead": "name", "departments": "name", "note": "note"}

#: The headings of the two sections, as their titles print them (the numeral before 、 is the plan's own).
TASK_SECTION_TITLES = ("重点任务", "主要任务")
MEASURE_SECTION_TITLES = ("保障措施",)
#: A heading of the plan's first level: 三、重点任务 (a short line, no sentence in it).
SECTION_HEADING = re.compile(rf"(?P<numeral>[{NUMERALS}]{{1,3}})、(?P<title>[^。]{{1,40}})")
#: A group of tasks, or a support measure: （一）创新发展理念，打造精致城市典范.
GROUP_HEADING = re.compile(rf"[（(](?P<numeral>[{NUMERALS}]{{1,3}})[）)](?P<rest>.*)")
#: A numbered task: 1.创新布局，… (not 1.5倍, a number that starts a sentence).
TASK_START = re.compile(r"(?P<number>[0-9]{1,2})[.．、](?![0-9])(?P<rest>.*)")
#: An item of a task: 一是… at the start of a line or after a 。.
ITEM_MARK = re.compile(rf"(?:^|(?<=\n)|(?<=。))[ \t\u3000]*(?P<numeral>[{NUMERALS}]{{1,3}})是")
#: The opening of the parenthesis that names a task's departments.
RESPONSIBILITY_OPEN = re.compile(r"[（(][ \u3000]*(?P<wording>责任单位|责任部门)[ \u3000]*[：:]")
RESPONSIBILITY_WORDS = re.compile(r"责任单位|责任部门")
OPENING, CLOSING = "（(", "）)"
#: How a parenthesis lists departments: 市科技局、市统计局，各区市政府 (a name may hold a parenthesis).
NAME_SEPARATORS = "、，,"
#: What may follow the parenthesis before the task (or its item) ends.
TRAILING = re.compile(r"[\s。；;]*")


TASK_COLUMNS_READ = ["task_id", "group", "group_title_zh", "group_title_en", "number", "title_zh", "title_en",
                     "lead", "departments", "department_lines", "wording", "department_line", "first_line",
                     "last_line", "note"]
ITEM_COLUMNS_READ = ["task_id", "item", "title_zh", "line", "lead", "departments", "department_lines",
                     "department_line"]
MEASURE_COLUMNS_READ = ["number", "title_zh", "title_en", "first_line", "last_line", "note"]


def _frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(records, columns=columns)


@dataclass(frozen=True)
class PlanTasks:
    """A plan's tasks and support measures as read, with the English names given for them.

    ``tasks``: task_id (``1.2``), group, group_title_zh, group_title_en, number, title_zh, title_en, lead,
    departments (a list, the lead first), department_lines (the line each is named on), wording (责任单位,
    责任部门 or empty), department_line (where the first parenthesis opens; 0: none), first_line, last_line
    (in the text; a typed row's line in ``tasks.csv``), note. ``items``: task_id, item (1 for 一是), title_zh,
    line, and the departments of an item that closes with its own (else empty). ``measures``: number, title_zh,
    title_en, first_line, last_line, note. ``department_names``: name → English name (None when no department
    is named); ``department_aliases``: a name the plan prints for a department → the name it is counted under
    (:func:`analysis.ingest.departments.load_department_aliases`). ``tasks_source`` and ``measures_source``: the
    file each was read from (None: there are none); ``tasks_typed``: the tasks come from ``tasks.csv``.
    """

    tasks: pd.DataFrame = field(default_factory=lambda: _frame([], TASK_COLUMNS_READ))
    items: pd.DataFrame = field(default_factory=lambda: _frame([], ITEM_COLUMNS_READ))
    measures: pd.DataFrame = field(default_factory=lambda: _frame([], MEASURE_COLUMNS_READ))
    tasks_source: Path | None = None
    measures_source: Path | None = None
    department_names: dict[str, str] | None = None
    department_aliases: dict[str, str] = field(default_factory=dict)
    tasks_typed: bool = False


def load_plan_tasks(folder: Path, printed_text: Path | None) -> PlanTasks:
    """The tasks and measures of the plan in ``folder``: typed where ``tasks.csv`` (``measures.csv``) is given,
    else read from the plan text (``printed_text``; None for a typed plan, which then has none).

    Every mistake of every file is told at once (one :class:`InputErrors`, file by file): a file of English names or
    leads is checked on its own even where the tasks, the measures or ``department_names.csv`` have mistakes; only
    its checks against them wait until they are fixed."""
    folder = Path(folder)
    told = Mistakes()
    tasks = items = measures = None  # None: not given, or given with mistakes (``unread``)
    tasks_source = measures_source = None
    unread: set[str] = set()  # what has mistakes (told): "tasks", "measures"
    if _exists(folder / TASKS_FILE):
        tasks_source = folder / TASKS_FILE
        try:
            tasks, items = read_typed_tasks(tasks_source), _frame([], ITEM_COLUMNS_READ)
        except InputError as exc:
            told.add(exc)
            unread.add("tasks")
    if _exists(folder / MEASURES_FILE):
        measures_source = folder / MEASURES_FILE
        try:
            measures = read_typed_measures(measures_source)
        except InputError as exc:
            told.add(exc)
            unread.add("measures")
    if printed_text is not None and (tasks_source is None or measures_source is None):
        try:
            printed = parse_plan_tasks(printed_text)
        except InputError as exc:
            told.add(exc)
            unread |= {kind for kind, source in (("tasks", tasks_source), ("measures", measures_source))
                       if source is None}
        else:
            if tasks_source is None and printed.tasks_source is not None:
                tasks, items, tasks_source = printed.tasks, printed.items, printed.tasks_source
            if measures_source is None and printed.measures_source is not None:
                measures, measures_source = printed.measures, printed.measures_source
    empty = PlanTasks()
    if "tasks" not in unread:
        tasks = empty.tasks if tasks is None else tasks
        items = empty.items if items is None else items
    if "measures" not in unread:
        measures = empty.measures if measures is None else measures
    names_file = folder / DEPARTMENT_NAMES_FILE
    names: dict[str, str] | None = None  # None: no names file, or one with mistakes (told)
    aliases: dict[str, str] | None = {}  # None: the names file has mistakes, the names counted as one unknown
    if _exists(names_file):
        try:
            names, aliases = load_department_names(folder), load_department_aliases(folder)
        except InputError as exc:
            told.add(exc)
            aliases = None
    with told.row():  # the titles are in no other check: a file with mistakes leaves them out
        tasks = apply_task_names(tasks, folder / TASK_NAMES_FILE, tasks_source)
    with told.row():
        tasks = apply_task_leads(tasks, folder / TASK_LEADS_FILE, tasks_source, aliases)
    with told.row():
        measures = apply_measure_names(measures, folder / MEASURE_NAMES_FILE, measures_source)
    named = [(row.task_id, row.departments[0], row.department_lines[0]) for row in tasks.itertuples()
             if row.departments] if tasks is not None else []
    if not named and tasks is None and tasks_source == folder / TASKS_FILE:
        named = _named_in_typed(tasks_source)  # tasks.csv has mistakes: the rows that name departments all the same
    if named and not _exists(names_file):
        task_id, name, line = named[0]
        told.add(InputError(plan_error("tasks.names_file_missing", task_id=task_id, name=quote(name),
                                       source=tasks_source.name, line=line), file=names_file))
    told.errors.sort(key=file_order())
    told.check()
    return PlanTasks(tasks=tasks, items=items, measures=measures, tasks_source=tasks_source,
                     measures_source=measures_source, department_names=names if named else None,
                     department_aliases=aliases if named else {},
                     tasks_typed=tasks_source == folder / TASKS_FILE)


def _named_in_typed(path: Path) -> list[tuple[str, str, int]]:
    """The tasks of a ``tasks.csv`` with mistakes whose rows name departments and the task they are (as
    :func:`read_typed_tasks` reads them): task_id, the first department named, the line."""
    try:
        frame = read_strict_csv(path, TYPED_TASK_COLUMNS, TYPED_TASK_OPTIONAL, text_kinds=TASK_TEXT, defer=True)
    except InputError:  # a file that cannot be read at all: told as read_typed_tasks tells it
        return []
    named = []
    for row in frame.itertuples():
        names, _ = _split_departments(row.departments)
        lead = row.lead.strip()
        group, number = row.group.strip(), row.number.strip()
        if names and re.fullmatch(r"[0-9]{1,9}", group) and re.fullmatch(r"[0-9]{1,9}", number):
            named.append((f"{int(group)}.{int(number)}", lead if lead in names else names[0],
                          getattr(row, LINE_COLUMN)))
    return named


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


# --- the printed text ---------------------------------------------------------------------------------------

@dataclass
class _Lines:
    """Lines of the text, each with its 1-based number."""

    numbers: list[int]
    texts: list[str]

    def joined(self) -> tuple[str, list[int]]:
        """The lines joined with line breaks, and the line number of every character of the result."""
        text, owners = [], []
        for number, line in zip(self.numbers, self.texts):
            if text:
                text.append("\n")
                owners.append(owners[-1])
            text.append(line)
            owners += [number] * len(line)
        return "".join(text), owners


def parse_plan_tasks(path: Path) -> PlanTasks:
    """The tasks and measures the plan text at ``path`` prints (none where it has no such section)."""
    path = Path(path)
    lines = read_source_lines(path)
    sections = _sections(lines)
    tasks, items = _frame([], TASK_COLUMNS_READ), _frame([], ITEM_COLUMNS_READ)
    measures = _frame([], MEASURE_COLUMNS_READ)
    tasks_source = measures_source = None
    task_section = _one_section(sections, TASK_SECTION_TITLES, path)
    if task_section is not None:
        tasks, items = _TaskReader(path, lines, *task_section).read()
        tasks_source = path
    measure_section = _one_section(sections, MEASURE_SECTION_TITLES, path)
    if measure_section is not None:
        measures = _read_measures(path, lines, *measure_section)
        measures_source = path
    return PlanTasks(tasks=tasks, items=items, measures=measures, tasks_source=tasks_source,
                     measures_source=measures_source)


def _sections(lines: list[str]) -> list[tuple[int, str]]:
    """The first-level headings: (0-based index, title)."""
    found = []
    for index, line in enumerate(lines):
        match = SECTION_HEADING.fullmatch(line.strip())
        if match:
            found.append((index, match.group("title").strip()))
    return found


def _one_section(sections: list[tuple[int, str]], titles: tuple[str, ...], path: Path) -> tuple[int, int] | None:
    """The 0-based index of the heading of the section titled one of ``titles`` and of the line that ends it."""
    matches = [position for position, (_, title) in enumerate(sections) if title in titles]
    if not matches:
        return None
    if len(matches) > 1:
        first, second = (sections[position][0] + 1 for position in matches[:2])
        raise InputError(plan_error("tasks.second_heading", heading=quote(sections[matches[1]][1]), first=first),
                         file=path, line=second)
    position = matches[0]
    end = sections[position + 1][0] if position + 1 < len(sections) else None
    return sections[position][0], end


class _TaskReader:
    """Reads the section of key tasks line by line: groups, their tasks, each task's items and departments."""

    def __init__(self, path: Path, lines: list[str], start: int, end: int | None):
        self.path = path
        self.heading = start + 1
        self.body = [(index + 1, lines[index]) for index in range(start + 1, len(lines) if end is None else end)]
        self.tasks: list[dict] = []
        self.items: list[dict] = []

    def read(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        group: dict | None = None
        task: _Lines | None = None
        loose = _Lines([], [])  # the introductions of the section and of each group
        for number, line in self.body:
            text = line.strip()
            if not text:
                continue
            heading = GROUP_HEADING.fullmatch(text)
            start = TASK_START.fullmatch(text)
            if heading:
                self._close(group, task)
                task = None
                group = self._group(heading, number, group)
            elif start:
                if task is not None:
                    self._record(group, task)
                if group is None:
                    raise InputError(plan_error("tasks.task_before_group", number=start.group("number")),
                                     file=self.path, line=number)
                expected = group["tasks"] + 1
                if int(start.group("number")) != expected:
                    raise InputError(plan_error("tasks.task_out_of_order", number=start.group("number"),
                                                expected=expected, group=chinese_numeral(group["number"])),
                                     file=self.path, line=number)
                group["tasks"] = expected
                task = _Lines([number], [line])
            elif task is not None:
                task.numbers.append(number)
                task.texts.append(line)
            else:
                loose.numbers.append(number)
                loose.texts.append(line)
        self._close(group, task)
        if group is None:
            raise InputError(plan_error("tasks.no_group", file=TASKS_FILE), file=self.path, line=self.heading)
        stray, owners = loose.joined()
        for match in RESPONSIBILITY_WORDS.finditer(stray):
            raise InputError(plan_error("tasks.departments_outside_task", words=match.group()), file=self.path,
                             line=owners[match.start()])
        return _frame(self.tasks, TASK_COLUMNS_READ), _frame(self.items, ITEM_COLUMNS_READ)

    def _group(self, heading: re.Match, number: int, previous: dict | None) -> dict:
        expected = previous["number"] + 1 if previous else 1
        value = chinese_number(heading.group("numeral"))
        if value != expected:
            raise InputError(plan_error("tasks.group_out_of_order", numeral=heading.group("numeral"),
                                        expected=chinese_numeral(expected)), file=self.path, line=number)
        title = heading.group("rest").split("。")[0].strip()
        if not visible(title):
            raise InputError(plan_error("tasks.group_no_title", numeral=heading.group("numeral")), file=self.path,
                             line=number)
        check_text(title, kind="name", multiline=False, file=self.path, line=number)
        return {"number": value, "title": title, "line": number, "tasks": 0}

    def _close(self, group: dict | None, task: _Lines | None) -> None:
        """Record ``task`` (if any) of ``group``; a group closed without a task is refused."""
        if task is not None:
            self._record(group, task)
        elif group is not None and group["tasks"] == 0:
            raise InputError(plan_error("tasks.group_no_task", numeral=chinese_numeral(group["number"]),
                                        title=quote(group["title"]), file=TASKS_FILE),
                             file=self.path, line=group["line"])

    def _record(self, group: dict, lines: _Lines) -> None:
        text, owners = lines.joined()
        first = lines.numbers[0]
        task_id = f"{group['number']}.{group['tasks']}"
        body = TASK_START.fullmatch(text.split("\n")[0].strip()).group("rest")
        title = _title(body)
        if not visible(title):
            raise InputError(plan_error("tasks.task_no_title", task_id=task_id), file=self.path, line=first)
        check_text(title, kind="name", multiline=False, file=self.path, line=first)
        responsibilities = [self._responsibility(match, text, owners, task_id)
                            for match in RESPONSIBILITY_OPEN.finditer(text)]
        covered = [(r["start"], r["end"]) for r in responsibilities]
        for match in RESPONSIBILITY_WORDS.finditer(text):
            if not any(start <= match.start() < end for start, end in covered):
                raise InputError(plan_error("tasks.departments_not_read", words=match.group(), task_id=task_id),
                                 file=self.path, line=owners[match.start()])
        marks = self._items(text, owners, task_id)
        # the task's introduction, then each item: where each begins in ``text``
        starts = [0] + [mark.start() for mark in marks]
        ends = starts[1:] + [len(text)]

        def segment(position: int) -> int:
            return max(index for index, start in enumerate(starts) if start <= position)

        for responsibility in responsibilities:
            end = ends[segment(responsibility["start"])]
            if not TRAILING.fullmatch(text[responsibility["end"]:end]):
                after = text[responsibility["end"]:end].strip()
                raise InputError(plan_error("tasks.text_after_departments", task_id=task_id, after=quote(after, 20)),
                                 file=self.path, line=owners[responsibility["end"]])
        own = {}  # item number → its responsibility
        if len(responsibilities) > 1 or (responsibilities and segment(responsibilities[0]["start"]) < len(marks)):
            for responsibility in responsibilities:
                index = segment(responsibility["start"])
                if index == 0:
                    raise InputError(plan_error("tasks.departments_before_items", task_id=task_id), file=self.path,
                                     line=responsibility["line"])
                own[index] = responsibility
        names, name_lines = [], []
        for responsibility in responsibilities:
            for name, line in zip(responsibility["names"], responsibility["lines"]):
                if name not in names:
                    names.append(name)
                    name_lines.append(line)
        head = responsibilities[0] if responsibilities else None
        last = max(number for number, line in zip(lines.numbers, lines.texts) if line.strip())
        self.tasks.append({
            "task_id": task_id, "group": group["number"], "group_title_zh": group["title"], "group_title_en": "",
            "number": group["tasks"], "title_zh": title, "title_en": "", "lead": names[0] if names else "",
            "departments": names, "department_lines": name_lines, "wording": head["wording"] if head else "",
            "department_line": head["line"] if head else 0, "first_line": first, "last_line": last, "note": ""})
        for index, mark in enumerate(marks, start=1):
            item_title = _title(text[mark.end():ends[index]])
            line = owners[mark.start("numeral")]
            if not visible(item_title):
                raise InputError(plan_error("tasks.item_no_words", numeral=mark.group("numeral"), task_id=task_id),
                                 file=self.path, line=line)
            check_text(item_title, kind="note", multiline=False, file=self.path, line=line)
            responsibility = own.get(index)
            self.items.append({
                "task_id": task_id, "item": index, "title_zh": item_title, "line": line,
                "lead": responsibility["names"][0] if responsibility else "",
                "departments": list(responsibility["names"]) if responsibility else [],
                "department_lines": list(responsibility["lines"]) if responsibility else [],
                "department_line": responsibility["line"] if responsibility else 0})

    def _items(self, text: str, owners: list[int], task_id: str) -> list[re.Match]:
        marks = []
        for mark in ITEM_MARK.finditer(text):
            expected = len(marks) + 1
            if chinese_number(mark.group("numeral")) != expected:
                raise InputError(plan_error("tasks.item_out_of_order", numeral=mark.group("numeral"), task_id=task_id,
                                            expected=chinese_numeral(expected)),
                                 file=self.path, line=owners[mark.start("numeral")])
            marks.append(mark)
        return marks

    def _responsibility(self, match: re.Match, text: str, owners: list[int], task_id: str) -> dict:
        """The parenthesis opened at ``match``: its wording, names (with the line of each) and where it ends."""
        line = owners[match.start()]
        depth, position = 1, match.end()
        while position < len(text) and depth:
            char = text[position]
            if char == "。":
                break
            depth += (char in OPENING) - (char in CLOSING)
            position += 1
        if depth:
            key = "tasks.not_closed_task_end" if position >= len(text) else "tasks.not_closed_next_stop"
            raise InputError(plan_error(key, wording=match.group("wording"), task_id=task_id), file=self.path,
                             line=line)
        names, lines = [], []
        start, depth = match.end(), 0
        for offset in range(match.end(), position):
            char = text[offset]
            depth += (char in OPENING) - (char in CLOSING)
            if offset == position - 1 or (char in NAME_SEPARATORS and depth == 0):
                raw = text[start:offset]
                name = "".join(raw.split("\n")).strip(" \t\u3000")
                at = owners[start + len(raw) - len(raw.lstrip())] if raw.strip() else owners[offset]
                if not visible(name):
                    raise InputError(plan_error("tasks.empty_department_printed", wording=match.group("wording"),
                                                task_id=task_id), file=self.path, line=at)
                check_text(name, kind="name", multiline=False, file=self.path, line=at)
                names.append(name)
                lines.append(at)
                start = offset + 1
        return {"wording": match.group("wording"), "names": names, "lines": lines, "line": line,
                "start": match.start(), "end": position}


def _title(text: str) -> str:
    """A task's or an item's title: its words up to the first 。 (or its parenthesis of departments)."""
    opening = RESPONSIBILITY_OPEN.search(text)
    text = text[:opening.start()] if opening else text
    return text.split("。")[0].split("\n")[0].strip()


def _read_measures(path: Path, lines: list[str], start: int, end: int | None) -> pd.DataFrame:
    measures: list[dict] = []
    for index in range(start + 1, len(lines) if end is None else end):
        number, text = index + 1, lines[index].strip()
        if not text:
            continue
        heading = GROUP_HEADING.fullmatch(text)
        if heading:
            expected = len(measures) + 1
            if chinese_number(heading.group("numeral")) != expected:
                raise InputError(plan_error("tasks.measure_out_of_order", numeral=heading.group("numeral"),
                                            expected=chinese_numeral(expected)), file=path, line=number)
            title = heading.group("rest").split("。")[0].strip()
            if not visible(title):
                raise InputError(plan_error("tasks.measure_no_title", numeral=heading.group("numeral")), file=path,
                                 line=number)
            check_text(title, kind="name", multiline=False, file=path, line=number)
            measures.append({"number": expected, "title_zh": title, "title_en": "", "first_line": number,
                             "last_line": number, "note": ""})
        elif measures:
            measures[-1]["last_line"] = number
    if not measures:
        raise InputError(plan_error("tasks.no_measure", file=MEASURES_FILE), file=path, line=start + 1)
    return _frame(measures, MEASURE_COLUMNS_READ)


# --- typed tables -----------------------------------------------------------------------------------------

def split_departments(text: str, *, file: Path, line: int, field: str = "departments") -> list[str]:
    """``市科技局、市统计局，各区市政府`` as names; a separator without a name on one side is refused."""
    names, empty = _split_departments(text)
    if empty:
        raise InputError(plan_error("tasks.empty_department", text=quote(text)), file=file, line=line, field=field)
    return names


def _split_departments(text: str) -> tuple[list[str], bool]:
    """The names ``text`` lists, and whether a separator has no name on one side."""
    names, start, depth, empty = [], 0, 0, False
    for offset, char in enumerate(text + "、"):
        depth += (char in OPENING) - (char in CLOSING)
        if char in NAME_SEPARATORS and depth <= 0:
            name = text[start:offset].strip()
            if visible(name):
                names.append(name)
            else:
                empty = True
            start = offset + 1
    return names, empty


def _told_by_line(told: Mistakes, columns: list[str]) -> None:
    """``told``'s mistakes raised at once, in the order of the file's lines, a line's from left to right (one about
    the whole file first)."""
    told.errors.sort(key=lambda error: (error.line if isinstance(error.line, int) else 0,
                                        columns.index(error.field) if error.field in columns else len(columns)))
    told.check()


def _read(path: Path, required: list[str], optional: list[str], text_kinds: dict) -> tuple[pd.DataFrame, Mistakes]:
    """A small CSV of a plan, its cells' mistakes gathered (their rows left out) to be told with the rows' own."""
    frame = read_strict_csv(path, required, optional, text_kinds=text_kinds, defer=True)
    told = Mistakes()
    for error in frame.attrs["mistakes"]:
        told.add(error)
    return frame, told


def read_typed_tasks(path: Path) -> pd.DataFrame:
    """``tasks.csv``: one row per task, checked row by row, every mistake told at once; in order of group and
    number."""
    frame, told = _read(path, TYPED_TASK_COLUMNS, TYPED_TASK_OPTIONAL, TASK_TEXT)
    require_filled(frame, ("group_title_zh", "title_zh"), path, mistakes=told)
    records, placed = [], not frame.attrs["mistakes"]  # placed: every row's task is known (no row left out)
    for row in frame.itertuples():
        line = getattr(row, LINE_COLUMN)
        group = number = None
        with told.row():
            group = _positive(row.group, path, line, "group")
        with told.row():
            number = _positive(row.number, path, line, "number")
        departments, empty = _split_departments(row.departments)
        if empty and row.departments.strip():
            told.add(InputError(plan_error("tasks.empty_department", text=quote(row.departments)), file=path,
                                line=line, field="departments"))
        lead = row.lead.strip()
        with told.row():
            if departments and not lead:
                raise InputError(plan_error("tasks.lead_empty"), file=path, line=line, field="lead")
            if lead and lead not in departments:
                raise InputError(plan_error("tasks.lead_not_among", lead=quote(lead)), file=path, line=line,
                                 field="lead")
        if group is None or number is None:
            placed = False
            continue
        departments = [lead, *(name for name in departments if name != lead)] if lead in departments else departments
        records.append({"task_id": f"{group}.{number}", "group": group, "group_title_zh": row.group_title_zh.strip(),
                        "group_title_en": (getattr(row, "group_title_en", "") or "").strip(), "number": number,
                        "title_zh": row.title_zh.strip(), "title_en": (getattr(row, "title_en", "") or "").strip(),
                        "lead": lead, "departments": departments, "department_lines": [line] * len(departments),
                        "wording": "", "department_line": 0, "first_line": line, "last_line": line,
                        "note": (getattr(row, "note", "") or "").strip(), LINE_COLUMN: line})
    tasks = pd.DataFrame.from_records(records, columns=[*TASK_COLUMNS_READ, LINE_COLUMN])
    refuse_duplicates(tasks, ["task_id"], path, "number",
                      lambda row: plan_error("tasks.task_twice", task_id=row.task_id), told)
    titles: dict[int, tuple[str, str, int]] = {}
    for row in tasks.itertuples():
        zh, en, first = titles.setdefault(row.group, (row.group_title_zh, row.group_title_en, row.first_line))
        for column, given in (("group_title_zh", zh), ("group_title_en", en)):
            if getattr(row, column) != given and visible(getattr(row, column)):
                told.add(InputError(plan_error("tasks.group_two_titles", group=row.group,
                                               here=quote(getattr(row, column)), given=quote(given), first=first),
                                    file=path, line=row.first_line, field=column))
    tasks = tasks.sort_values(["group", "number"], kind="stable").reset_index(drop=True)
    twice = set(tasks.loc[tasks.duplicated("task_id"), "group"])
    # the numbering, once every row's place is known: a task given twice is likely the one missing. Every gap of
    # every group told, each group's at the line of the task after its first gap (group 1's and group 2's: two lines)
    for group, rows in tasks.groupby("group", sort=True) if placed else ():
        numbers = list(rows["number"])
        missing = _gaps(numbers)
        if group not in twice and missing:
            after = rows.loc[rows["number"] > missing[0], "first_line"].iloc[0]
            told.add(InputError(plan_error_count("tasks.task_missing", len(missing), group=group,
                                                 numbers=_numbers(numbers), missing=told_words().join_and(missing)),
                                file=path, line=int(after), field="number"))
    groups = sorted(titles)
    if placed and _gaps(groups):
        missing = _gaps(groups)
        told.add(InputError(plan_error_count("tasks.group_missing", len(missing), groups=_numbers(groups),
                                             missing=told_words().join_and(missing)), file=path, field="group"))
    _told_by_line(told, [*TYPED_TASK_COLUMNS, *TYPED_TASK_OPTIONAL])
    return tasks[TASK_COLUMNS_READ]


def read_typed_measures(path: Path) -> pd.DataFrame:
    """``measures.csv``: one row per support measure, numbered from 1; every mistake told at once."""
    frame, told = _read(path, TYPED_MEASURE_COLUMNS, TYPED_MEASURE_OPTIONAL, TASK_TEXT)
    require_filled(frame, ("title_zh",), path, mistakes=told)
    numbers = []
    for row in frame.itertuples():
        numbers.append(None)
        with told.row():
            numbers[-1] = _positive(row.number, path, getattr(row, LINE_COLUMN), "number")
    placed = not frame.attrs["mistakes"] and None not in numbers
    frame["number"] = numbers
    numbered = frame[frame["number"].notna()].astype({"number": int})
    refuse_duplicates(numbered, ["number"], path, "number",
                      lambda row: plan_error("tasks.measure_twice", number=row.number), told)
    given = sorted(set(numbered["number"]))
    missing = _gaps(given)
    if placed and not numbered["number"].duplicated().any() and missing:
        told.add(InputError(plan_error_count("tasks.measure_missing", len(missing), numbers=_numbers(given),
                                             missing=told_words().join_and(missing)), file=path, field="number"))
    _told_by_line(told, [*TYPED_MEASURE_COLUMNS, *TYPED_MEASURE_OPTIONAL])
    frame = numbered.sort_values("number", kind="stable").reset_index(drop=True)
    return frame.assign(title_zh=frame["title_zh"].str.strip(),
                        title_en=frame.get("title_en", pd.Series("", index=frame.index)).str.strip(),
                        note=frame.get("note", pd.Series("", index=frame.index)).str.strip(),
                        first_line=frame[LINE_COLUMN], last_line=frame[LINE_COLUMN])[MEASURE_COLUMNS_READ]


def _gaps(numbers) -> list[int]:
    """The numbers missing from ``numbers``, which run from 1 (1, 3, 5: 2 and 4)."""
    given = set(numbers)
    return [number for number in range(1, max(given, default=0)) if number not in given]


def _numbers(numbers) -> str:
    """Numbers as a mistake lists them, in the run's language: ``1, 3`` / ``1、3``."""
    return told_words()["grammar.comma"].join(map(str, numbers))


def _positive(text: str, path: Path, line: int, field: str) -> int:
    number = parse_int(text, file=path, line=line, field=field)
    if number < 1:
        raise InputError(plan_error("tasks.not_positive", number=number), file=path, line=line, field=field)
    return number


# --- English titles -----------------------------------------------------------------------------------------

def apply_task_names(tasks: pd.DataFrame | None, path: Path, source: Path | None) -> pd.DataFrame | None:
    """``tasks`` with the English titles ``task_names.csv`` gives (``1.2``: a task; ``1``: its group's title); every
    mistake of the file told at once. ``tasks`` None: the tasks have mistakes (told), the checks against them wait."""
    if not _exists(path):
        return tasks
    frame, told = _read(path, ["task_id", "title_en"], [], {"task_id": "short_name", "title_en": "name"})
    require_filled(frame, ("task_id", "title_en"), path, mistakes=told)
    frame["task_id"] = frame["task_id"].str.strip()
    named = frame[[visible(task_id) for task_id in frame["task_id"]]]
    refuse_duplicates(named, ["task_id"], path, "task_id",
                      lambda row: plan_error("tasks.task_id_twice", task_id=row.task_id), told)
    twice = set(named.index[named.duplicated("task_id")])
    tasks = tasks.copy() if tasks is not None else None
    known_groups = set(tasks["group"]) if tasks is not None else set()
    for index, row in named.iterrows() if tasks is not None else ():
        if index in twice:
            continue
        line = row[LINE_COLUMN]
        task_id, title = row["task_id"], row["title_en"].strip()
        with told.row():
            if re.fullmatch(r"[0-9]{1,3}", task_id) and int(task_id) in known_groups:
                rows, column = tasks["group"] == int(task_id), "group_title_en"
            elif task_id in set(tasks["task_id"]):
                rows, column = tasks["task_id"] == task_id, "title_en"
            else:
                raise InputError(_not_a_task("tasks.not_task_or_group", quote(task_id), source), file=path,
                                 line=line, field="task_id")
            given = tasks.loc[rows, column]
            if (given != "").any():
                raise InputError(plan_error("tasks.task_title_twice", task_id=task_id, source=source.name,
                                            given=quote(given.iloc[0])), file=path, line=line, field="title_en")
            tasks.loc[rows, column] = title
    _told_by_line(told, ["task_id", "title_en"])
    return tasks


def _not_a_task(key: str, task_id: str, source: Path | None) -> str:
    """``task_id`` (quoted) named in a file of English titles or leads, which is no task of the plan (``source``: the
    file its tasks were read from; None: it has none)."""
    if source is None:
        return plan_error(f"{key}_no_tasks", task_id=task_id)
    return plan_error(key, task_id=task_id, source=source.name)


def apply_task_leads(tasks: pd.DataFrame | None, path: Path, source: Path | None,
                     aliases: dict[str, str] | None) -> pd.DataFrame | None:
    """``tasks`` with the lead ``task_leads.csv`` assigns a printed task by function (``task_id,lead,reason``): the plan
    lists a task's departments without naming a lead, and the first it lists is the lead unless this file says
    otherwise (a mass organisation or a Party office listed first by protocol). The lead must be among the task's
    departments (under any name ``department_names.csv`` counts as one), and a reason is required. Every mistake of
    the file is told at once; ``tasks`` None (the tasks have mistakes) or ``aliases`` None (``department_names.csv``
    has): the checks against them wait (a lead the plan lists as it is written is known all the same)."""
    if not _exists(path):
        return tasks
    frame, told = _read(path, ["task_id", "lead", "reason"], [], {"task_id": "short_name", "lead": "name",
                                                                  "reason": "reason"})
    require_filled(frame, ("task_id", "lead", "reason"), path, mistakes=told)
    frame["task_id"] = frame["task_id"].str.strip()
    named = frame[[visible(task_id) for task_id in frame["task_id"]]]
    refuse_duplicates(named, ["task_id"], path, "task_id",
                      lambda row: plan_error("tasks.task_twice", task_id=row.task_id), told)
    if source is not None and source.name == TASKS_FILE:
        told.add(InputError(plan_error("tasks.leads_typed", file=TASKS_FILE), file=path))
        tasks = None  # the leads are given in tasks.csv: none of this file's rows is checked against its tasks
    twice = set(named.index[named.duplicated("task_id")])
    tasks = tasks.copy() if tasks is not None else None
    for index, row in named.iterrows() if tasks is not None else ():
        line = row[LINE_COLUMN]
        with told.row():
            if row["task_id"] not in set(tasks["task_id"]):
                raise InputError(_not_a_task("tasks.not_a_task", quote(row["task_id"]), source), file=path,
                                 line=line, field="task_id")
            lead = row["lead"].strip()
            if index in twice or not visible(lead):
                continue
            at = tasks.index[tasks["task_id"] == row["task_id"]][0]
            printed = tasks.at[at, "departments"]
            counted = aliases or {}
            named_as = {counted.get(name, name): name for name in printed}
            if lead in printed:
                tasks.at[at, "lead"] = lead
            elif counted.get(lead, lead) in named_as and aliases is not None:
                tasks.at[at, "lead"] = named_as[counted.get(lead, lead)]
            elif aliases is not None:
                raise InputError(plan_error("tasks.lead_not_listed", lead=quote(lead), task_id=row["task_id"],
                                            departments="、".join(printed) or plan_error("tasks.no_departments")),
                                 file=path, line=line, field="lead")
    _told_by_line(told, ["task_id", "lead", "reason"])
    return tasks


def apply_measure_names(measures: pd.DataFrame | None, path: Path, source: Path | None) -> pd.DataFrame | None:
    """``measures`` with the English titles ``measure_names.csv`` gives (``number,title_en``); every mistake of the
    file told at once. ``measures`` None: the measures have mistakes (told), the checks against them wait."""
    if not _exists(path):
        return measures
    frame, told = _read(path, ["number", "title_en"], [], {"title_en": "name"})
    require_filled(frame, ("title_en",), path, mistakes=told)
    numbers = []
    for row in frame.itertuples():
        numbers.append(None)
        with told.row():
            numbers[-1] = parse_int(row.number, file=path, line=getattr(row, LINE_COLUMN), field="number")
    frame["number"] = numbers
    numbered = frame[frame["number"].notna()].astype({"number": int})
    refuse_duplicates(numbered, ["number"], path, "number",
                      lambda row: plan_error("tasks.measure_twice", number=row.number), told)
    twice = set(numbered.index[numbered.duplicated("number")])
    measures = measures.copy() if measures is not None else None
    for index, row in numbered.iterrows() if measures is not None else ():
        line = row[LINE_COLUMN]
        with told.row():
            rows = measures["number"] == row["number"]
            if not rows.any():
                raise InputError(plan_error("tasks.measure_not_among", number=row["number"], count=len(measures)),
                                 file=path, line=line, field="number")
            if index in twice:
                continue
            if (measures.loc[rows, "title_en"] != "").any():
                raise InputError(plan_error("tasks.measure_title_twice", number=row["number"], source=source.name),
                                 file=path, line=line, field="title_en")
            measures.loc[rows, "title_en"] = row["title_en"].strip()
    _told_by_line(told, ["number", "title_en"])
    return measures
