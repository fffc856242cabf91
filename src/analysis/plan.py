"""A plan folder: ``plan.yml`` (the plan's identity) and the files the plan is read from.

Everything the code knows about one city's plan comes from here: names and titles in each language,
the base year the assessment starts from, the evaluation years, and where its indicator table is
(printed text to be parsed, or typed CSV files). No city, year or indicator count lives in code.
Only the standard library and PyYAML are imported: the command line checks its parameters, and a
report's up-to-date check lists the input files, before pandas is loaded.
"""
from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .catalog import catalog, plan_error, plan_error_count, told_words
from .errors import InputError, InputErrors, Mistakes, quote
from .files import outside_project, read_regular, regular_file_kind
from .parameters import check_year, said
from .settings import LANGUAGES, PLAN_FILE, RAW_DIR
from .text import check_text
from .vocabulary import STATUS_VOCABULARIES

OBSERVATIONS_FOLDER = "observations"
EVALUATION_KINDS = ("mid_term", "final")
REPORT_KINDS = ("annual", *EVALUATION_KINDS)
TABLE_FORMS = ({"printed_text"}, {"indicators", "values"})
REQUIRED_KEYS = ("name", "city", "title", "issuer", "published", "base_year", "evaluations", "table")
OPTIONAL_KEYS = ("subject", "plan_word", "schedule", "status_words", "figures_from")
#: Where a plan's figures were typed from: its own text (by default), or a press report quoting it, where its text is
#: not to be had (the reports then say what the quote leaves out is the quote's silence, not the plan's).
FIGURES_FROM = ("plan_text", "press_quote")
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
MAX_PLAN_YML_BYTES = 256 * 1024
#: The longest span from the base year to the final evaluation: a long-range plan (2020 to 2035).
MAX_PLAN_SPAN = 15
#: The traffic light's thresholds by default, in percentage points behind schedule (Yinchuan): amber from 10 to 30
#: inclusive, red beyond 30.
DEFAULT_AMBER_POINTS, DEFAULT_RED_POINTS = 10, 30
THRESHOLD_KEYS = ("amber_points", "red_points")
STATUS_WORDS_KEYS = ("vocabulary", *THRESHOLD_KEYS)

#: The one rule for what sits in an observations folder. Read: the formats the project reads, by
#: suffix (any case), each with its reader in :data:`analysis.ingest.observations.READERS`: CSV
#: files and filled data-entry workbooks (``make templates``). A README may sit beside them; hidden files (a
#: name starting with ".") and the files systems leave (Thumbs.db, desktop.ini, an office suite's
#: "~$" lock file) are skipped and listed in the data-quality log; a ``dataset.yml`` labels a data
#: set that is not the plan's own (:mod:`analysis.ingest.dataset`). Anything else is refused with
#: what to do, so no value is silently left out.
OBSERVATION_FORMATS = (".csv", ".xlsx")
DATASET_LABEL_FILE = "dataset.yml"
README = re.compile(r"readme(\.(md|txt|rst))?", re.IGNORECASE)
#: Files a system or an office suite leaves beside what a person saved: skipped like hidden files.
SYSTEM_FILES = re.compile(r"thumbs\.db|desktop\.ini|~\$.*", re.IGNORECASE)
#: Spreadsheets of other formats: told to be saved as .xlsx (the catalogs' ``entry_errors.workbook_kinds``).
WORKBOOK_FORMATS = (".xls", ".xlsm", ".ods", ".numbers")
#: Formats an observations folder is likely to hold that are not read: each told as what it is
#: (``entry_errors.format_kinds``), with what to do.
NOT_READ_FORMATS = (".txt", ".tsv", ".json", ".xml", ".dat", ".parquet")


@dataclass(frozen=True)
class StatusWords:
    """Official status words a plan chooses (``status_words`` in plan.yml), shown beside the statuses.

    ``vocabulary`` is ``review`` (the wording of a national five-year plan's review: 提前实现, 快于预期, 基本符合预期,
    相对滞后; 已完成, 未完成) or ``traffic_light`` (绿灯, 黄灯, 红灯 on time elapsed), whose thresholds are
    percentage points behind schedule: amber from ``amber_points`` to ``red_points`` inclusive, red beyond.
    The mapping: :mod:`analysis.assess.official_status`.
    """

    vocabulary: str
    amber_points: float = DEFAULT_AMBER_POINTS
    red_points: float = DEFAULT_RED_POINTS

    def as_dict(self) -> dict:
        """As ``plan.json`` records it: the thresholds only for the vocabulary that has them."""
        if self.vocabulary != "traffic_light":
            return {"vocabulary": self.vocabulary}
        return {"vocabulary": self.vocabulary, "amber_points": self.amber_points, "red_points": self.red_points}

    @classmethod
    def from_dict(cls, data: dict | None) -> StatusWords | None:
        """What :meth:`as_dict` wrote (``plan.json``), None for a plan that chose none."""
        return cls(**data) if data else None


@dataclass(frozen=True)
class Plan:
    """One plan, as ``plan.yml`` describes it. ``folder`` holds every file the plan is read from."""

    folder: Path
    name: str
    city: dict[str, str]
    title: dict[str, str]
    issuer: dict[str, str]
    published: int
    base_year: int
    evaluations: dict[int, str]
    table: dict[str, str]
    subject: dict[str, str] = field(default_factory=dict)
    #: What the plan calls itself, where not the catalogs' word (方案 / plan): 规划 for a five-year plan.
    plan_word: dict[str, str] = field(default_factory=dict)
    schedule: dict[str, dict[str, str]] = field(default_factory=dict)
    status_words: StatusWords | None = None
    #: What its figures were typed from (:data:`FIGURES_FROM`): the plan's own text, or a press quote of it.
    figures_from: str = "plan_text"
    #: The line of each of plan.yml's keys (:func:`node_lines`): a mistake found later, a file ``table`` names
    #: missing, is told at its key's line.
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def report_years(self) -> tuple[int, ...]:
        """From the year after the base year to the last evaluation year."""
        return tuple(range(self.base_year + 1, max(self.evaluations) + 1))

    def report_kind(self, report_year: int) -> str:
        """``final`` or ``mid_term`` in an evaluation year, ``annual`` otherwise."""
        return self.evaluations.get(report_year, "annual")

    def check_report_year(self, value, words=None) -> int:
        """A report year of the plan; a mistake told in ``words``' language (English by default)."""
        year = check_year(value, words=words)
        years = self.report_years
        if year not in years:
            raise InputError(said(words, "outside_plan", year=year, first=years[0], last=years[-1]),
                             field="report_year")
        return year

    def text(self, key: str, language: str) -> str:
        """The plan's ``key`` (city, title, issuer, subject) in ``language``; its absence is the user's to fix."""
        values = getattr(self, key)
        if language not in values:
            raise InputError(plan_error("plan_yml.no_language_entry", entry=repr(language), language=language),
                             file=self.path, field=key)
        return values[language]

    @property
    def path(self) -> Path:
        return self.folder / PLAN_FILE

    @property
    def observations_dir(self) -> Path:
        return self.folder / OBSERVATIONS_FOLDER

    @property
    def printed_text(self) -> Path | None:
        """The plan text whose printed table is parsed, for a plan given as printed."""
        name = self.table.get("printed_text")
        return self.folder / name if name else None

    def processed_folder(self, processed_root: Path) -> Path:
        """Where the plan's processed tables go: one folder per plan, so two plans never overwrite each other."""
        return Path(processed_root) / self.name

    def table_file(self, role: str) -> Path:
        return self.folder / self.table[role]

    def check_table_files(self) -> None:
        """Every file ``table`` names is in the plan folder: a name mistyped (value.csv) is told with plan.yml's key
        and the folder's files of its kind, not as a file not found."""
        for role, name in self.table.items():
            if not (self.folder / name).is_file():
                suffix = Path(name).suffix.lower()
                there = sorted(other.name for other in self.folder.iterdir() if other.is_file()
                               and other.suffix.lower() == suffix and not other.name.startswith("."))
                held = plan_error("plan_yml.folder_files", suffix=suffix, files=_listed(there)) if there and suffix \
                    else ""
                raise InputError(plan_error("plan_yml.not_in_folder", role=role, name=quote(name), held=held),
                                 file=self.folder / PLAN_FILE, line=line_of(self.lines, f"table.{role}"))

    def input_files(self, observations_dir: Path | None = None) -> list[Path]:
        """Every file a run may read: the plan folder's regular files and the observation files it reads.

        The observations come from :func:`observation_files`, the very rule the reader follows
        (``observations_dir``, or the plan's own ``observations/``); a plan's own observations
        folder is not an input of a run that reads another one.
        """
        observations = Path(observations_dir) if observations_dir is not None else self.observations_dir
        own = self.observations_dir
        files = []
        for root, folders, names in os.walk(self.folder):
            folders[:] = sorted(name for name in folders if Path(root, name) != own)
            files += [Path(root, name) for name in sorted(names) if is_regular(Path(root, name))]
        files += [path for path, role in observation_entries(observations) if role in ("data", "label")]
        return list(dict.fromkeys(files))

    def skipped_files(self, observations_dir: Path | None = None) -> list[Path]:
        """The hidden files of the observations folder: not read, listed in the data-quality log."""
        observations = Path(observations_dir) if observations_dir is not None else self.observations_dir
        return [path for path, role in observation_entries(observations) if role == "hidden"]

    def identity(self) -> dict:
        """What the processed tables carry about the plan (``plan.json``)."""
        return {"name": self.name, "city": self.city, "title": self.title, "issuer": self.issuer,
                "subject": self.subject, **({"plan_word": self.plan_word} if self.plan_word else {}),
                "published": self.published, "base_year": self.base_year,
                "evaluations": {str(year): kind for year, kind in sorted(self.evaluations.items())},
                "schedule": self.schedule, "table": self.table, "report_years": list(self.report_years),
                **({"status_words": self.status_words.as_dict()} if self.status_words else {}),
                **({"figures_from": self.figures_from} if self.figures_from != "plan_text" else {})}


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def observation_role(path: Path) -> str:
    """What ``path`` is in an observations folder: ``data`` or ``label`` (read), ``readme`` or ``hidden``
    (skipped).

    Anything else is an :class:`InputError` naming the file and what to do with it.
    """
    name = path.name
    if name.startswith(".") or SYSTEM_FILES.fullmatch(name) and not _is_workbook(path):
        return "hidden"
    # told in the language its name is written in (~$市科技局.xlsx, 子目录, 2024数据.txt: Chinese); a name of no
    # language's words (notes.txt, 2024.txt) in the run's
    words = catalog("zh") if re.search(r"[\u4e00-\u9fff]", name) else told_words()
    if SYSTEM_FILES.fullmatch(name):
        raise InputError(words["entry_errors.lock_file_name"], file=path)
    if README.fullmatch(name):
        return "readme"
    if outside_project(path) is not None:
        raise InputError(words["entry_errors.link_outside"], file=path)
    try:
        mode = os.stat(path).st_mode
    except OSError:
        raise InputError(words["entry_errors.dangling_link"], file=path) from None
    if stat.S_ISDIR(mode):
        raise InputError(words["entry_errors.subfolder"], file=path)
    kind = regular_file_kind(mode, words)
    if kind is not None:
        raise InputError(words.text("plan_errors.plan_yml.not_regular", kind=kind), file=path)
    suffixes = [suffix.lower() for suffix in path.suffixes]
    suffix = suffixes[-1] if suffixes else ""
    formats = words["grammar.comma"].join(OBSERVATION_FORMATS)
    if suffix in OBSERVATION_FORMATS:
        return "data"
    if name == DATASET_LABEL_FILE:
        return "label"
    if len(suffixes) >= 2 and suffixes[-2] in OBSERVATION_FORMATS:
        stem = name[: -len(path.suffix)]
        raise InputError(words.text("entry_errors.hidden_extension", ends=f"{suffixes[-2]}{suffix}", added=suffix,
                                    stem=quote(stem, words=words)), file=path)
    if suffix in WORKBOOK_FORMATS:
        # saved as .xlsx, a workbook of its own or a department's template is read whole (a CSV holds one sheet, and
        # a template's title above its header); told in the language its name is written in (市科技局.xls: Chinese)
        kind = words[f"entry_errors.workbook_kinds.{suffix[1:]}"]
        raise InputError(words.text("entry_errors.not_read_workbook", kind=kind, formats=formats), file=path)
    if suffix in NOT_READ_FORMATS:
        kind = words[f"entry_errors.format_kinds.{suffix[1:]}"]
        raise InputError(words.text("entry_errors.not_read_format", kind=kind, formats=formats), file=path)
    raise InputError(words.text("entry_errors.not_observation", formats=formats), file=path)


def _is_workbook(path: Path) -> bool:
    """True for a regular file inside the project that starts as a zip archive (an .xlsx workbook) does; an office
    suite's lock file does not (a pipe or a link out is not opened)."""
    if outside_project(path) is not None or not is_regular(path):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(2) == b"PK"
    except OSError:
        return False


def observation_entries(folder: Path, strays: list[InputError] | None = None) -> list[tuple[Path, str]]:
    """Every entry of the observations folder ``folder`` with its role (:func:`observation_role`), sorted. The entries
    refused (a lock file's name, an .xls workbook) are raised together; with ``strays``, added to it instead and
    left out, for a reader to tell with the other files' mistakes (a stray stops no other file's checks)."""
    folder = Path(folder)
    if outside_project(folder) is not None:
        raise InputError(plan_error("plan_yml.observations_link_outside"), file=folder)
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise InputError(plan_error("plan_yml.observations_not_folder"), file=folder)
    entries, mistakes = [], Mistakes()
    for path in sorted(folder.iterdir()):  # every stray told in one round, not one a run
        with mistakes.row():
            entries.append((path, observation_role(path)))
    if strays is None:
        mistakes.check()
    else:
        strays += mistakes.errors
    return entries


def observation_files(folder: Path) -> list[Path]:
    """The observation files the project reads in ``folder`` (``2024.CSV`` from Windows too); refuses strays."""
    return [path for path, role in observation_entries(folder) if role == "data"]


# --- reading plan.yml ------------------------------------------------------------------------------

def load_plan(folder: str | Path) -> Plan:
    """Read and check ``folder/plan.yml``; every mistake is an :class:`InputError` naming the key."""
    folder = Path(folder)
    path = folder / PLAN_FILE
    if not folder.exists():  # a name mistyped: said so, not "not a plan folder"
        raise InputError(plan_error("plan_yml.no_folder"), file=folder)
    if not folder.is_dir():
        raise InputError(plan_error("plan_yml.not_a_folder"), file=folder)
    if not path.exists():
        raise InputError(plan_error("plan_yml.no_plan_file", file=PLAN_FILE), file=path)
    duplicates: list[_DuplicateKey] = []  # a key given twice: told with the file's other mistakes, not a round before
    typed_on: dict[str, int] = {}  # the line each key stands on: a key misspelt is told there
    nodes: dict[str, int] = {}  # the line of every key, at any depth: each mistake is told at its key's line
    spec = read_yaml(path, MAX_PLAN_YML_BYTES, duplicates, typed_on, nodes)
    if not isinstance(spec, dict):
        told = [duplicate.error(path, checked=False) for duplicate in duplicates]
        raise InputErrors([*told, InputError(plan_error("plan_yml.not_a_mapping"), file=path, line=nodes.get(""))])
    spec = {_key(key): value for key, value in spec.items()}
    key_lines = {_key(key): line for key, line in typed_on.items()}
    missing = [key for key in REQUIRED_KEYS if spec.get(key) in (None, "", {})]
    unknown = sorted(set(spec) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    # every key's mistake is told in one round (five keys mistyped: five lines, not five runs), each on its line
    errors: list[InputError] = []
    if unknown and missing:  # a key misspelt (evaluation:) is the key missing: both named, the likely one suggested
        named = unknown_keys(unknown, _absent(spec, missing))
        errors.append(InputError(plan_error("plan_yml.unknown_and_missing", unknown=named, missing=_listed(missing)),
                                 file=path, line=key_lines.get(unknown[0])))
    else:
        errors += [InputError(plan_error("plan_yml.missing"), file=path, field=key) for key in missing]
        if unknown:
            named = unknown_keys(unknown, _absent(spec, missing))
            errors.append(InputError(plan_error("plan_yml.unknown_known", unknown=named,
                                                known=_listed(REQUIRED_KEYS + OPTIONAL_KEYS)),
                                     file=path, line=key_lines.get(unknown[0]), field=unknown[0]))
    read: dict = {}

    def take(key: str, reader, given: bool = True) -> None:
        if key in missing or not given:
            return
        try:
            read[key] = reader(spec[key])
        except InputError as exc:  # a key of several mistakes (status_words) tells each
            errors.extend(exc.errors if isinstance(exc, InputErrors) else [exc])

    take("name", lambda name: _name(name, folder, path))
    take("base_year", lambda value: _year(value, path, "base_year"))
    take("published", lambda value: _year(value, path, "published"))
    for key in ("city", "title", "issuer", "subject", "plan_word"):
        take(key, lambda value, key=key: language_texts(value, path, key), given=bool(spec.get(key)))
    take("table", lambda value: _table(value, path))
    take("schedule", lambda value: _schedule(value or {}, path), given="schedule" in spec)
    take("status_words", lambda value: _status_words(value, path), given="status_words" in spec)
    take("figures_from", lambda value: _figures_from(value, path), given="figures_from" in spec)
    # a base year mistyped or missing: the evaluations are still read, their years checked against it when it is read
    take("evaluations", lambda value: _evaluations(value, read.get("base_year"), path))
    if {"base_year", "published", "evaluations"} <= set(read):
        base_year, published, evaluations = read["base_year"], read["published"], read["evaluations"]
        if not base_year <= published <= max(evaluations):  # a plan is issued after its base year, before its end
            errors.append(InputError(plan_error("plan_yml.published_outside", published=published,
                                                base_year=base_year, last=max(evaluations)),
                                     file=path, field="published"))
    if duplicates:  # each told where its key stands in the file (one inside a key's mapping, city: {zh: …, zh: …}:
        # first), saying which value the other mistakes were told of where there are others
        told = [duplicate.error(path, checked=bool(errors)) for duplicate in duplicates]
        keys = {id(error): _key(duplicate.key) for error, duplicate in zip(told, duplicates) if duplicate.top}
        errors = told + errors
    else:
        keys = {}
    errors = [placed(error, path, nodes) for error in errors]
    if len(errors) == 1:
        raise errors[0]
    if errors:  # in the file's order, as its reader goes down it
        order = {key: index for index, key in enumerate(spec)}
        raise InputErrors(sorted(errors, key=lambda error: order.get(
            keys.get(id(error), (error.field or "").split(".")[0]), -1)))
    return Plan(
        folder=folder.resolve(), name=read["name"], city=read["city"], title=read["title"], issuer=read["issuer"],
        subject=read.get("subject", {}), plan_word=read.get("plan_word", {}),
        published=read["published"], base_year=read["base_year"], evaluations=read["evaluations"],
        table=read["table"], schedule=read.get("schedule", {}), status_words=read.get("status_words"),
        figures_from=read.get("figures_from", "plan_text"), lines=nodes,
    )


def _at(error: InputError, *path) -> InputError:
    """``error`` marked with the plan.yml key it is about where that is deeper than its field (an evaluation's year,
    ``evaluations.2024``): :func:`load_plan` tells it at that key's line."""
    error.node = ".".join(str(part) for part in path)
    return error


def placed(error: InputError, path: Path, nodes: dict[str, int]) -> InputError:
    """A mistake of a YAML file (plan.yml, an observations folder's dataset.yml) at the line of the key it is about
    (:func:`_at`, or its field; a key missing: the line of the mapping it is missing from), where it names no line
    yet; ``nodes``: the file's :func:`node_lines`."""
    if error.line is not None or error.file != path:
        return error
    line = line_of(nodes, getattr(error, "node", None) or error.field)
    return InputError(error.reason, file=error.file, line=line, field=error.field) if line is not None else error


def typed_table_files(folder: str | Path) -> tuple[Path, Path] | None:
    """The typed table's files (indicators.csv, values.csv) that ``folder``'s plan.yml names, where it names both well
    and both are there, even when plan.yml has other mistakes: their own mistakes are told in the same round. None
    otherwise (a printed table, plan.yml unreadable, a file missing: told by :func:`load_plan`)."""
    table = _table_named(folder)
    if table is None or set(table) != {"indicators", "values"}:
        return None
    files = (Path(folder) / table["indicators"], Path(folder) / table["values"])
    return files if all(path.is_file() for path in files) else None


def printed_text_file(folder: str | Path) -> Path | None:
    """The plan text that ``folder``'s plan.yml names, where it names one well and it is there, even when plan.yml has
    other mistakes: the plan's hand-written files' own mistakes are told in the same round. None otherwise."""
    table = _table_named(folder)
    if table is None or set(table) != {"printed_text"}:
        return None
    path = Path(folder) / table["printed_text"]
    return path if path.is_file() else None


def _table_named(folder: str | Path) -> dict[str, str] | None:
    """The table plan.yml names (:func:`_table`), or None where plan.yml or its table cannot be read."""
    folder = Path(folder)
    try:
        spec = read_yaml(folder / PLAN_FILE, MAX_PLAN_YML_BYTES, [])
        return _table(spec.get("table") if isinstance(spec, dict) else None, folder / PLAN_FILE)
    except InputError:
        return None


def _name(name, folder: Path, path: Path) -> str:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise InputError(plan_error("plan_yml.not_folder_safe", name=quote(name)), file=path, field="name")
    if folder.resolve().parent == RAW_DIR.resolve() and folder.resolve().name != name:
        # a copy keeps the name it was copied with: refused at once, before it writes the folders of the plan it
        # copies (and that plan is refused in turn)
        raise InputError(plan_error("plan_yml.not_folder_name", name=quote(name), folder=folder.resolve().name),
                         file=path, field="name")
    return name


def _absent(spec: dict, missing: list[str]) -> list[str]:
    """plan.yml's known keys not given (or given empty): those an unknown key may misspell."""
    return [key for key in REQUIRED_KEYS + OPTIONAL_KEYS if key not in spec or key in missing]


def unknown_keys(unknown: list[str], absent) -> str:
    """``unknown key 'evaluation' (did you mean 'evaluations'?)``: each unknown key of a YAML file (plan.yml, an
    observations folder's dataset.yml), with the key of ``absent`` (known, not given) it most likely misspells."""
    named = []
    for key in unknown:
        close = difflib.get_close_matches(key.casefold(), list(absent), n=1)
        named.append(quote(key) + (plan_error("plan_yml.did_you_mean", name=quote(close[0])) if close else ""))
    return plan_error_count("plan_yml.unknown_keys", len(unknown), keys=_listed(named))


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key given twice in one mapping is noted (``duplicates``): YAML keeps the
    last silently, so a second ``evaluations:`` pasted below the first would replace it unseen. ``root``: the
    document's own mapping, whose keys are the file's (a key twice there is named by it)."""

    root = None

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    if key in seen:
                        self.duplicates.append(_DuplicateKey(key, seen[key], key_node.start_mark.line + 1,
                                                             node is self.root))
                    seen[key] = key_node.start_mark.line + 1
                except TypeError:  # an unhashable key: PyYAML's own message follows
                    continue
        return super().construct_mapping(node, deep=deep)


# A plan.yml value is read as YAML 1.2 reads it: true and false are booleans, but yes, no, on and off are words (YAML
# 1.1 would make ``published: yes`` the boolean True, and the file be told "True is not a year", words it never had).
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_UniqueKeyLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                       list("tTfF"))


def _yaml_error(exc: yaml.YAMLError, data: bytes, path: Path) -> InputError:
    """A YAML syntax error as one line: the line it is on and what is wrong, in words (a tab: indent with spaces; a
    ``{`` or ``[`` not closed, a colon without a space after it, a quotation mark not closed: at the line where it
    is), the YAML library's own words kept in brackets."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return InputError(plan_error("plan_yml.not_yaml", problem=" ".join(str(exc).split())), file=path)
    lines = data.decode("utf-8").splitlines()
    text = lines[mark.line] if mark.line < len(lines) else ""
    if "\t" in text[:mark.column + 1]:
        return InputError(plan_error("plan_yml.tab"), file=path, line=mark.line + 1)
    problem = " ".join(str(getattr(exc, "problem", "") or exc).split())
    context = " ".join(str(getattr(exc, "context", "") or "").split())
    said = problem + (plan_error("plan_yml.yaml_context", context=context) if context else "")
    cause = _yaml_cause(problem, context, getattr(exc, "context_mark", None), mark, lines)
    if cause is not None:
        key, line = cause
        return InputError(plan_error("plan_yml.not_yaml_cause", said=said,
                                     cause=plan_error(f"plan_yml.yaml_causes.{key}", line=line + 1)),
                          file=path, line=line + 1)
    start = getattr(exc, "context_mark", None)
    started = plan_error("plan_yml.yaml_started", line=start.line + 1) if start and start.line != mark.line else ""
    return InputError(plan_error("plan_yml.not_yaml_at", said=said, column=mark.column + 1, started=started),
                      file=path, line=mark.line + 1)


#: A key written without a space after its colon (``city:weihai``, read by YAML as one word).
_NO_SPACE = re.compile(r"^\s*(?:- )?[^\s#'\"{\[][^:#]*:[^\s:]")


def _yaml_cause(problem: str, context: str, start, mark, lines: list[str]) -> tuple[str, int] | None:
    """The common mistake a YAML error most likely comes of, as the library's words tell it, and the (0-based) line
    it is on: a ``{`` or ``[`` not closed (where it was opened), a quotation mark not closed at the end of the file,
    a colon without a space after it (``city:weihai``: the line of it, or the line before the one the library then
    could not read);
    None where the words do not tell."""
    def line_of(mark) -> str:
        return lines[mark.line] if mark is not None and mark.line < len(lines) else ""

    if start is not None and context == "while parsing a flow mapping" and problem.startswith("expected ',' or '}'"):
        return "flow_mapping", start.line
    if start is not None and context == "while parsing a flow sequence" and problem.startswith("expected ',' or ']'"):
        return "flow_sequence", start.line
    if start is not None and context == "while scanning a quoted scalar" and "end of stream" in problem:
        return "quote", start.line
    if start is not None and context == "while scanning a simple key" and _NO_SPACE.match(line_of(start)):
        return "no_space", start.line
    before = next((number for number in range(mark.line - 1, -1, -1)
                   if lines[number].strip() and not lines[number].lstrip().startswith("#")), None)
    if problem == "mapping values are not allowed here" or problem.startswith("expected '<document start>'"):
        if before is not None and _NO_SPACE.match(lines[before]):
            return "no_space", before
    # typed with a Chinese input method: a key's full-width colon (title：…), a full-width space in the indentation or
    # after a colon; on the line the library began to read (a key never ended), where it stopped, or the line before
    for number in dict.fromkeys(number for number in (start.line if start is not None else None, mark.line, before)
                                if number is not None and number < len(lines)):
        wide = _wide_typed(lines[number])
        if wide is not None:
            return wide, number
    return None


#: A key ended with a full-width colon (``title：…``, ``- zh：…``): no half-width colon before it.
_WIDE_COLON = re.compile(r"^[ \u3000]*(?:- )?[^\s#'\"{\[:：]+[ \u3000]*：")
#: A full-width space (U+3000) in a line's indentation, or after a key's colon (``published:\u30002022``).
_WIDE_SPACE = re.compile(r"^ *\u3000|^ *(?:- )?[^\s#'\"{\[:]+:\u3000")


def _wide_typed(text: str) -> str | None:
    """``full_width_colon`` or ``full_width_space`` where a YAML line's key or indentation was typed with a Chinese
    input method's full-width characters, which YAML does not read as a colon or a space; None otherwise."""
    if _WIDE_COLON.match(text):
        return "full_width_colon"
    if _WIDE_SPACE.match(text):
        return "full_width_space"
    return None


@dataclass(frozen=True)
class _DuplicateKey:
    """A key given twice in one mapping: its lines, and whether the mapping is the document's own (a key of the
    file)."""

    key: object
    first: int
    second: int
    top: bool = False

    def error(self, path: Path, checked: bool) -> InputError:
        """The key told at its second line; ``checked``: the file's other keys are checked with the last value."""
        lines = plan_error("plan_yml.two_lines", first=self.first, second=self.second) if self.first != self.second \
            else plan_error("plan_yml.one_line", line=self.first)
        meanwhile = plan_error("plan_yml.checked_meanwhile", line=self.second) if checked else ""
        return InputError(plan_error("plan_yml.given_twice", name=quote(self.key), lines=lines, meanwhile=meanwhile),
                          file=path, line=self.second)


def read_yaml(path: Path, limit: int, duplicates: list[_DuplicateKey] | None = None, lines: dict | None = None,
              nodes: dict | None = None):
    """The YAML document in the regular file ``path`` (at most ``limit`` bytes); every failure names the file. A key
    given twice in a mapping is refused, every one in one round; with ``duplicates``, they are added there instead
    and the document read as YAML reads it (the last value), for its other mistakes to be told with them. With
    ``lines``, the line (1-based) each key of a top-level mapping stands on is added there, by the key as typed. With
    ``nodes``, the line of every key at any depth, by its path (:func:`node_lines`)."""
    data = read_regular(path, limit)
    try:
        loader = _UniqueKeyLoader(data.decode("utf-8"))
        loader.duplicates = []
        try:
            loader.root = loader.get_single_node()
            spec = loader.construct_document(loader.root) if loader.root is not None else None
            if lines is not None and isinstance(loader.root, yaml.MappingNode):
                lines.update({str(key.value): key.start_mark.line + 1 for key, _ in reversed(loader.root.value)})
            if nodes is not None and loader.root is not None:
                nodes.update(node_lines(loader.root))
            wide = _wide_keys(loader.root) if loader.root is not None else []
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:  # saved as GBK: the line it starts in, and the fix
        raise InputError(plan_error("plan_yml.not_utf8", byte=exc.start), file=path,
                         line=data[:exc.start].count(b"\n") + 1) from None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, data, path) from None
    except ValueError:  # int() refuses a number of over 4,300 digits while the YAML is read
        raise InputError(plan_error("plan_yml.long_number"), file=path) from None
    except RecursionError:
        raise InputError(plan_error("plan_yml.too_deep"), file=path) from None
    if wide:  # YAML read them, as no key this file takes: told as typed, before what they leave missing
        errors = [InputError(plan_error(f"plan_yml.yaml_causes.{kind}", line=line), file=path, line=line)
                  for kind, line in wide]
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    if duplicates is not None:
        duplicates += loader.duplicates
    elif len(loader.duplicates) == 1:
        raise loader.duplicates[0].error(path, checked=False)
    elif loader.duplicates:
        raise InputErrors([duplicate.error(path, checked=False) for duplicate in loader.duplicates])
    return spec


def node_lines(root: yaml.Node) -> dict[str, int]:
    """The line (1-based) of every key of a YAML document as its loader's nodes mark it, by the key's path as a field
    names it (``status_words.amber_points``, ``evaluations.2024``, ``schedule.final.en``; a list's item by its
    index), and ``""`` for the document itself. A key given twice is at its last line, whose value YAML keeps."""
    found = {"": root.start_mark.line + 1}
    pending = [("", root)]
    seen: set[int] = set()
    # breadth first, in the document's order (a key given twice: its last value's keys last), each node once (an
    # alias, *a, is the node it names: walked once, a recursive one never again)
    for path, node in pending:
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            items = [(key.value, key, value) for key, value in node.value
                     if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge"]
        elif isinstance(node, yaml.SequenceNode):
            items = [(str(index), item, item) for index, item in enumerate(node.value)]
        else:
            continue
        for name, key, value in items:
            child = f"{path}.{name}" if path else str(name)
            found[child] = key.start_mark.line + 1
            pending.append((child, value))
    return found


def _wide_keys(root: yaml.Node) -> list[tuple[str, int]]:
    """The lines YAML read, though typed with a Chinese input method's full-width colon or space (:func:`_wide_typed`):
    a key that holds one (``{zh：威海市, en: …}``: the key ``zh：威海市``; ``\u3000zh: …`` indented with a full-width
    space), or a plain text on the line below its key that starts as a key (``title:`` then ``  zh：威海市…``, read as
    the title's text). Each as ``(kind, line)``, 1-based, in the file's order."""
    found: dict[int, str] = {}
    pending, seen = [root], set()
    for node in pending:
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending += node.value
        if not isinstance(node, yaml.MappingNode):
            continue
        for key, value in node.value:
            pending.append(value)
            if not isinstance(key, yaml.ScalarNode) or key.style is not None:
                continue
            if "：" in key.value or "\u3000" in key.value:
                found.setdefault(key.start_mark.line + 1, "full_width_colon" if "：" in key.value
                                 else "full_width_space")
            elif isinstance(value, yaml.ScalarNode) and value.style is None \
                    and value.start_mark.line > key.start_mark.line and _WIDE_COLON.match(value.value):
                found.setdefault(value.start_mark.line + 1, "full_width_colon")
    return sorted(((kind, line) for line, kind in found.items()), key=lambda item: item[1])


def line_of(nodes: dict[str, int], path: str | None) -> int | None:
    """The line of ``path`` (a field, ``title.en``) in a document's :func:`node_lines`: its own key's, or, where it
    is not given (a key missing), the line of the nearest mapping above it that is: ``title``'s, or the document's
    for a top-level key."""
    parts = (path or "").split(".") if path else []
    while parts:
        line = nodes.get(".".join(parts))
        if line is not None:
            return line
        parts.pop()
    return nodes.get("")


def _listed(items) -> str:
    """Items listed as the language lists them: ``a, b`` / ``a、b``."""
    return told_words()["grammar.comma"].join(items)


def _choices(items) -> str:
    """The values a key takes, as its mistake lists them: ``mid_term, final`` / ``mid_term 或 final``."""
    return plan_error("plan_yml.choice_between").join(items)


def _either(items) -> str:
    """Choices as the language offers them: ``review or traffic_light`` / ``review 或 traffic_light``."""
    return plan_error("plan_yml.or").join(items)


def _key(key) -> str:
    """A mapping key as text (``str()`` of an integer of over 4,300 digits would raise)."""
    return key if isinstance(key, str) else quote(key)


def _year(value, path: Path, key: str) -> int:
    try:
        return check_year(value, key, words=told_words())
    except InputError as exc:
        raise InputError(exc.reason, file=path, field=key) from None


#: What ``import-plan`` writes into a draft's plan.yml for a person to replace (the city, the title, the issuer):
#: refused as a plan's text, so that no report is titled "（待填写）".
DRAFT_PLACEHOLDERS = {"zh": "（待填写）", "en": "(to fill)"}


def _is_placeholder(text) -> bool:
    """The draft's placeholder however retyped: 待填写, (待填写), To fill, [to fill] (brackets, spaces and case
    aside)."""
    if not isinstance(text, str):
        return False
    bare = re.sub(r"[\s()（）\[\]【】{}<>《》]", "", text).casefold()
    return bare in {re.sub(r"[\s()（）]", "", placeholder).casefold() for placeholder in DRAFT_PLACEHOLDERS.values()}


def language_texts(value, path: Path, key: str) -> dict[str, str]:
    """``{zh: …, en: …}``: the text in every report language (a report in a language shows it)."""
    if not isinstance(value, dict) or not value:
        raise InputError(plan_error("plan_yml.expected_texts", form="{zh: …, en: …}"), file=path, field=key)
    left = [language for language in LANGUAGES
            if _is_placeholder(value.get(language))]
    if left:  # both languages told at once: a draft leaves both
        shown = _listed(f"{language}: {quote(value[language].strip())}" for language in left)
        raise InputError(plan_error_count("plan_yml.placeholders", len(left), shown=shown), file=path, field=key)
    texts = {}
    for language, text in value.items():
        language = _key(language)
        if language not in LANGUAGES:
            # {zh: …, en: Science, Technology and Innovation}: YAML ends the text at its comma, and reads the rest as
            # a key without a value; the person wrote no key, so the comma is named, not a language
            cut = text is None and any(language in value for language in LANGUAGES)
            raise _at(InputError(plan_error("plan_yml.comma_in_text" if cut else "plan_yml.not_report_language",
                                            language=quote(language), languages=_listed(LANGUAGES)),
                                 file=path, field=key), key, language)
        if not isinstance(text, str) or not text.strip():
            raise _at(InputError(plan_error("plan_yml.text_not_text", language=quote(language)), file=path,
                                 field=key), key, language)
        text = " ".join(text.split()) if "\n" in text else text
        check_text(text, kind="plan_text", required=True, multiline=False, file=path, field=f"{key}.{language}",
                   empty_message=plan_error("plan_yml.text_empty", language=quote(language)))
        texts[language] = text
    missing = [language for language in LANGUAGES if language not in texts]
    if missing:
        raise InputError(plan_error("plan_yml.no_text", language=quote(missing[0]), languages=_listed(LANGUAGES)),
                         file=path, field=f"{key}.{missing[0]}")
    return texts


def _evaluations(value, base_year: int | None, path: Path) -> dict[int, str]:
    if not isinstance(value, dict) or not value:
        raise InputError(plan_error("plan_yml.expected", form=f"{{year: {_either(EVALUATION_KINDS)}, …}}"), file=path,
                         field="evaluations")
    evaluations = {}
    for typed, kind in value.items():  # each year's mistake told at its line
        try:
            year = _year(typed, path, "evaluations")
        except InputError as exc:
            raise _at(exc, "evaluations", typed) from None
        if base_year is not None and year <= base_year:  # before it (2019, 2020), or the same year
            key = "plan_yml.before_base" if year < base_year else "plan_yml.not_after_base"
            raise _at(InputError(plan_error(key, year=year, base_year=base_year), file=path, field="evaluations"),
                      "evaluations", typed)
        if kind not in EVALUATION_KINDS:
            raise _at(InputError(plan_error("plan_yml.evaluation_kind", kind=quote(kind), year=year,
                                            kinds=_choices(EVALUATION_KINDS)), file=path, field="evaluations"),
                      "evaluations", typed)
        evaluations[year] = kind
    finals = sorted(year for year, kind in evaluations.items() if kind == "final")
    if len(finals) != 1:
        years = _listed(plan_error("plan_yml.final_year", year=year) for year in finals)
        given = plan_error("plan_yml.finals_given", count=len(finals), years=years) if finals \
            else plan_error("plan_yml.no_final_given")
        raise InputError(plan_error("plan_yml.one_final", given=given), file=path, field="evaluations")
    final = finals[0]
    if max(evaluations) != final:  # told at the mid-term's line
        raise _at(InputError(plan_error("plan_yml.mid_term_after_final", mid_term=max(evaluations), final=final),
                             file=path, field="evaluations"), "evaluations", max(evaluations))
    if base_year is not None and final > base_year + MAX_PLAN_SPAN:
        raise _at(InputError(plan_error("plan_yml.too_long_a_plan", final=final, years=final - base_year,
                                        base_year=base_year, most=MAX_PLAN_SPAN), file=path, field="evaluations"),
                  "evaluations", final)
    return dict(sorted(evaluations.items()))


def _table(value, path: Path) -> dict[str, str]:
    forms = _either("{" + ", ".join(f"{k}: FILE" for k in sorted(form)) + "}" for form in TABLE_FORMS)
    if not isinstance(value, dict) or set(value) not in TABLE_FORMS:
        raise InputError(plan_error("plan_yml.expected", form=forms), file=path, field="table")
    for role, name in value.items():
        if not isinstance(name, str) or not name.strip() or "/" in name or "\\" in name or name in (".", ".."):
            given = plan_error("plan_yml.file_name_empty") if name is None or not str(name).strip() \
                else plan_error("plan_yml.not_a_file_name", name=quote(name))
            raise _at(InputError(plan_error("plan_yml.name_a_file", role=role, given=given), file=path,
                                 field="table"), "table", role)
    return dict(value)


def _schedule(value, path: Path) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict):
        raise InputError(plan_error("plan_yml.expected", form="{mid_term: {zh: …, en: …}, final: …}"), file=path,
                         field="schedule")
    schedule = {}
    for kind, texts in value.items():
        if kind not in EVALUATION_KINDS:
            raise _at(InputError(plan_error("plan_yml.schedule_kind", kind=quote(kind),
                                            kinds=_choices(EVALUATION_KINDS)), file=path, field="schedule"),
                      "schedule", kind)
        schedule[kind] = language_texts(texts, path, f"schedule.{kind}")
    return schedule


def _figures_from(value, path: Path) -> str:
    """``figures_from``: ``plan_text`` or ``press_quote`` (:data:`FIGURES_FROM`)."""
    if not isinstance(value, str) or value not in FIGURES_FROM:
        raise InputError(plan_error("plan_yml.figures_from_unknown", value=quote(value),
                                    choices=_either(FIGURES_FROM)), file=path, field="figures_from")
    return value


def _status_words(value, path: Path) -> StatusWords:
    """``status_words``: ``{vocabulary: review}`` or ``{vocabulary: traffic_light, amber_points: 10, red_points: 30}``
    (the thresholds optional, in percentage points behind schedule); every mistake of the key told in one round."""
    vocabularies = _either(STATUS_VOCABULARIES)
    if not isinstance(value, dict):
        raise InputError(plan_error("plan_yml.status_words_expected", vocabularies=vocabularies,
                                    amber=DEFAULT_AMBER_POINTS, red=DEFAULT_RED_POINTS), file=path,
                         field="status_words")
    value = {_key(key): item for key, item in value.items()}
    errors = [InputError(plan_error("plan_yml.unknown_key", name=quote(key), known=_listed(STATUS_WORDS_KEYS)),
                         file=path, field=f"status_words.{key}") for key in value if key not in STATUS_WORDS_KEYS]
    vocabulary = value.get("vocabulary")
    if vocabulary is None:
        errors.append(InputError(plan_error("plan_yml.vocabulary_missing", vocabularies=vocabularies), file=path,
                                 field="status_words.vocabulary"))
    elif not isinstance(vocabulary, str) or vocabulary not in STATUS_VOCABULARIES:
        errors.append(InputError(plan_error("plan_yml.vocabulary_unknown", value=quote(vocabulary),
                                            vocabularies=vocabularies), file=path, field="status_words.vocabulary"))
    elif vocabulary != "traffic_light":
        errors += [InputError(plan_error("plan_yml.thresholds_only_traffic_light"), file=path,
                              field=f"status_words.{key}")
                   for key in THRESHOLD_KEYS if key in value]
    points = {}
    for key, default in zip(THRESHOLD_KEYS, (DEFAULT_AMBER_POINTS, DEFAULT_RED_POINTS)):
        number = value.get(key, default)
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            errors.append(InputError(plan_error("plan_yml.not_points", value=quote(number), default=default),
                                     file=path, field=f"status_words.{key}"))
        elif not 0 < number <= 100:  # NaN and infinity too
            errors.append(InputError(plan_error("plan_yml.points_range", value=quote(number)), file=path,
                                     field=f"status_words.{key}"))
        else:
            points[key] = int(number) if float(number).is_integer() else float(number)
    if len(points) == 2 and points["amber_points"] > points["red_points"]:
        amber, red = points["amber_points"], points["red_points"]
        errors.append(InputError(plan_error("plan_yml.amber_above_red", amber=amber, red=red), file=path,
                                 field="status_words.amber_points"))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
    if vocabulary != "traffic_light":
        return StatusWords(vocabulary)
    return StatusWords(vocabulary, points["amber_points"], points["red_points"])
