"""Command line: ``python -m analysis data``, ``python -m analysis report`` and ``python -m analysis templates``.

A user's mistake (a bad data file, a bad parameter) prints one line naming the file, the line and
the field, and exits with status 2; ``--debug`` shows the Python traceback as well. A failed step
(a notebook cell, the kernel) exits with status 1, naming the notebook and cell. Every error line is
one line with anything a terminal would act on shown escaped; in a run of several reports each error
is printed once, followed by a line naming the reports it stopped (``  stopped: weihai/2023/zh,
weihai/2023/en``). ``report`` ends with a summary line
(``8 reports: 5 built, 3 up to date, 0 failed``; with ``--lang zh`` alone, in Chinese) once it has got past
checking its inputs. An empty
``--year`` or ``--jobs`` means the default (the Makefile passes its variables as they are).
"""
from __future__ import annotations

import argparse
import contextlib
import re
import signal
import sys
import threading
import time

from .errors import InputError, StepError, display_path, error_lines

EXIT_STEP_FAILED = 1
EXIT_INPUT_ERROR = 2
EXIT_INTERRUPTED = 130


class OneLineErrorParser(argparse.ArgumentParser):
    """Usage mistakes print one ``error:`` line like every other user error (exit status 2), in the language the run
    asks for with ``--lang`` (:func:`usage_language`), as its other parameters' mistakes are."""

    language = "en"

    def error(self, message: str):
        words = message_words(OneLineErrorParser.language)
        for pattern, key in USAGE_MISTAKES:
            match = re.fullmatch(pattern, message)
            if match and words.language != "en":
                message = words.text(f"parameter_errors.usage.{key}", **match.groupdict())
                break
        self.exit(EXIT_INPUT_ERROR, words.text("parameter_errors.usage.line", message=message, prog=self.prog) + "\n")


#: argparse's usage mistakes, as it words them (in English), each with the catalog key that says it in another
#: language (``parameter_errors.usage``): the fields named as argparse names them.
USAGE_MISTAKES = [
    (r"unrecognized arguments: (?P<arguments>.*)", "unrecognized"),
    (r"argument (?P<option>\S+): expected one argument", "expected_one"),
    (r"argument (?P<option>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", "invalid_choice"),
    (r"the following arguments are required: (?P<arguments>.*)", "required"),
]


def usage_language(argv: list[str]) -> str:
    """The language ``--lang`` asks for in ``argv`` (``--lang zh``, ``--lang=zh``), read before the arguments are
    parsed, for the parser's own mistakes; English for none, several or an unknown one."""
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else argv[index + 1] if (
            arg == "--lang" and index + 1 < len(argv)) else None
        if value is not None:
            return value.strip()
    return "en"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog="python -m analysis",
        description="innovation-plan monitor: clean a plan's indicator table, assess progress to target and "
                    "render the monitoring and evaluation reports.")
    _add_debug(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    data = commands.add_parser("data", help="rebuild data/processed/<plan> from the plan folder",
                               description="Rebuild the processed tables of a plan (data/processed/<plan>/): "
                                           "validated tidy data, the data-quality log, the assessment of every "
                                           "report year.")
    _add_debug(data)
    data.add_argument("--lang", default=None,
                      help="the language a mistake in the plan's files or the parameters is told in: zh or en "
                           "(default en)")
    _add_inputs(data)

    report = commands.add_parser(
        "report", help="render reports/<plan>/YEAR/LANG: notebooks, report.html, report.pdf, report.docx, "
                  "scorecard.xlsx, manifest.json",
        description="Run the data step and the notebooks with papermill and publish the year's report as HTML, "
                    "PDF and Word, with its scorecard as a workbook. The previous report stays in place until the new "
                    "one is complete.")
    _add_debug(report)
    report.add_argument("--year", default=None,
                        help="report year (the plan's last evaluation year by default); several as 2023,2024, "
                             "or all")
    report.add_argument("--lang", default=None,
                        help="report language: zh (default) or en; zh,en or all for both. With one language, a "
                             "mistake in the parameters is told in it")
    _add_inputs(report)
    report.add_argument("--output-dir", default="reports",
                        help="reports folder, inside the project (default reports); the report goes to "
                             "OUTPUT_DIR/<plan>/YEAR/LANG")
    report.add_argument("--force", action="store_true",
                        help="rebuild even if the report is up to date (same inputs, parameters, code, environment)")
    report.add_argument("--jobs", default=None, help="worker processes for several reports (default: one per core)")

    templates = commands.add_parser(
        "templates", help="write the departments' data-entry workbooks for a year into OUTPUT_DIR/<plan>/YEAR/",
        description="Write one data-entry workbook (.xlsx) per lead department: its indicator series, one input "
                    "row each for YEAR, with the latest known value and the targets beside it. A filled workbook "
                    "dropped into the plan's observations/ folder is read like a CSV file.")
    _add_debug(templates)
    templates.add_argument("--year", default=None, help="the year values are collected for (default: the plan's "
                                                        "last report year)")
    templates.add_argument("--lang", default=None, help="the workbooks' language: zh (default) or en; a mistake "
                                                        "in the parameters is told in it when given")
    templates.add_argument("--plan", default="data/raw/weihai",
                           help="plan folder (with plan.yml), inside the project (default data/raw/weihai)")
    templates.add_argument("--observations", default=None,
                           help="folder of observation files, inside the project (default PLAN/observations)")
    templates.add_argument("--output-dir", default="reports/templates",
                           help="inside the project (default reports/templates); the workbooks go to "
                                "OUTPUT_DIR/<plan>/YEAR/YEAR-<department>.xlsx")
    templates.add_argument("--force", action="store_true",
                           help="write over the workbooks of an earlier run that differ from this run's (never one "
                                "a department filled in)")

    imports = commands.add_parser(
        "import-plan", help="read a plan's indicator table from a saved web page or a Word file into a draft plan "
                            "folder, with a review of every cell",
        description="Read the indicator table of a plan as published (a saved government web page, .html, or a Word "
                    "attachment, .docx) into the typed plan files (indicators.csv, values.csv), splitting combined "
                    "cells and printed units, with review.csv listing every cell read and every split or guess to "
                    "confirm. The draft is not read as a plan until each is confirmed.")
    _add_debug(imports)
    imports.add_argument("file", help="the saved web page (.html, .htm) or Word file (.docx)")
    imports.add_argument("--name", default=None, help="the plan's folder-safe id (default: from the file's name)")
    imports.add_argument("--output-dir", default="data/interim",
                         help="inside the project, not in data/raw (default data/interim); the draft goes to "
                              "OUTPUT_DIR/NAME")
    imports.add_argument("--lang", default=None,
                         help="the language of review.csv's readings, the draft's README and notes: zh or en (default: "
                              "the table's, zh for a table in Chinese); a mistake in the parameters is told in it when "
                              "given")
    return parser


def _add_debug(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks for errors")


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", default="data/raw/weihai",
                        help="plan folder (with plan.yml), inside the project (default data/raw/weihai)")
    parser.add_argument("--scheme", default="eurostat", help="progress cut-offs: eurostat (default) or unsd")
    parser.add_argument("--observations", default=None,
                        help="folder of observation CSVs, inside the project (default PLAN/observations)")
    parser.add_argument("--processed-dir", default="data/processed",
                        help="where the processed tables go, inside the project (default data/processed); they "
                             "are written to PROCESSED_DIR/<plan>/")


def _inputs(args: argparse.Namespace, words=None):
    """The plan, the scheme, the observations folder and the processed folder, all checked; a mistake told in
    ``words``' language, after the option's name."""
    from .parameters import (
        check_not_inside_raw,
        check_output_dir,
        check_scheme,
        resolve_observations_dir,
        resolve_plan_dir,
    )
    plan = _load_plan(resolve_plan_dir(args.plan, parameter="--plan", words=words))
    scheme = _as_option(check_scheme, "--scheme")(args.scheme, words)
    observations = resolve_observations_dir(args.observations, words=words) if args.observations else None
    processed = check_output_dir(args.processed_dir, "--processed-dir", words)
    check_not_inside_raw(processed, "--processed-dir", words=words)
    check_not_inside_raw(processed, "--processed-dir", plan.folder, words)
    return plan, scheme, observations, processed


def _load_plan(folder):
    """The plan of ``folder`` (:func:`analysis.plan.load_plan`); where plan.yml has mistakes, an imported draft's
    readings not yet confirmed are told with them: a draft's placeholders and its review in one round, not two; and
    so are a typed table's own mistakes, or a printed plan's files'."""
    from .errors import InputErrors
    from .plan import load_plan

    try:
        return load_plan(folder)
    except InputError as exc:
        # pandas, imported only on the way to an error: a run up to date loads none
        from .ingest.plan_inputs import check_review, hand_file_mistakes
        from .ingest.typed_table import typed_table_mistakes
        from .plan import printed_text_file, typed_table_files

        told = exc.errors if isinstance(exc, InputErrors) else [exc]
        more: list[InputError] = []
        try:
            check_review(folder)
        except InputError as review:
            more += review.errors if isinstance(review, InputErrors) else [review]
        # a typed table's own mistakes with plan.yml's, in one round (plan.yml first, then the table's); a draft's
        # readings still to confirm say what to do with its table first (its English names to give, …)
        if not more and (files := typed_table_files(folder)):
            more += typed_table_mistakes(*files)
        elif not more and (text := printed_text_file(folder)):  # a printed plan's files' own mistakes, likewise
            more += hand_file_mistakes(folder, text)
        if more:
            raise InputErrors([*told, *more]) from exc
        raise


def _tell_hidden_sheets(folder, languages: dict[str, str] | None = None) -> None:
    """A note on the console (with what was written: stderr is for errors) for each hidden sheet a workbook holds,
    which is not read, each file without a value, each file that repeats another's values (a copy, of one value or
    more: both files named)
    and each figure read as final that its note calls preliminary (the data-quality log keeps them too): an operator
    watching the run sees it, in the file's language, as its mistakes are told (``languages``: a workbook's
    template's, by the file as the log names it; else the file's rows', a CSV file headed in Chinese, a template made
    in Chinese; else its name's, Chinese for a file named in Chinese)."""
    import csv
    import functools

    from .catalog import catalog
    from .ingest.observations import file_language

    language_of = functools.cache(file_language)
    with open(folder / "indicator_values.csv", encoding="utf-8-sig", newline="") as handle:
        kept = {row["source"] for row in csv.DictReader(handle) if row["value_type"] == "actual"}
    with open(folder / "data_quality.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            # a file that repeats another (a copy of a workbook), told once by its finding on the file, not its values';
            # a file whose one value another gives (a copy of a workbook of one value) by that value's, which names both
            copy = row["issue"] == "duplicate_observation" and (row["indicator_id"] == "0" or row["source"] not in kept)
            if copy or row["issue"] in ("skipped_sheet", "empty_file", "preliminary_in_note"):
                language = (languages or {}).get(row["source"]) or language_of(row["source"])
                print(catalog(language).text("run_lines.note", file=row["source"], detail=row[f"detail_{language}"]))


def _say_read_notes(notes) -> None:
    """The notes of a run refused for its mistakes (a hidden sheet not read: ``notes``, each its workbook, the sheet
    and the workbook's language, None for its name's), said as a run without mistakes says them."""
    from .catalog import catalog
    from .errors import display_path, quote
    from .ingest.observations import file_language

    for path, sheet, language in notes:
        words = catalog(language or file_language(display_path(path)))
        print(words.text("run_lines.note", file=display_path(path),
                         detail=words.text("quality_detail.skipped_sheet", sheet=quote(sheet, words=words))))


def run_data(args: argparse.Namespace) -> int:
    from .parameters import check_language
    from .publish.data import build_data
    from .settings import LANGUAGES

    started = time.perf_counter()
    words = message_words(args.lang)  # the run's language: its mistakes', and the lines that say how it went
    if args.lang is not None:  # the words of the mistakes only: the data are every language's
        _several(args.lang, LANGUAGES, check_language, "--lang", words)
    plan, scheme, observations, processed = _inputs(args, words)
    languages: dict[str, str] = {}
    files, changed = build_data(plan, processed, scheme, observations,
                                waiting=lambda line: print(line, file=sys.stderr, flush=True), languages=languages)
    for path in changed:
        print(words.text("run_lines.wrote", path=display_path(path)))
    _tell_hidden_sheets(plan.processed_folder(processed), languages)
    folder = display_path(plan.processed_folder(processed))
    state = words.text("run_lines.data_changed", count=len(changed)) if changed else words["run_lines.data_unchanged"]
    print(words.text("run_lines.data_done", folder=folder, files=len(files), state=state,
                     seconds=f"{time.perf_counter() - started:.1f}"))
    return 0


def _several(value: str, everything: tuple, check, name: str, words=None) -> list:
    """``2024``, ``2023,2024`` or ``all``: each item checked, duplicates dropped, order kept."""
    from .parameters import said

    items = list(everything) if str(value).strip() == "all" else [v.strip() for v in str(value).split(",")]
    if not all(items):
        raise InputError(said(words, "empty_item", value=repr(value)), field=name)
    return list(dict.fromkeys(_as_option(check, name)(item, words=words) for item in items))


def _as_option(check, name: str):
    """``check``, its mistake named by the command line's option (``--year: 2030 is outside the plan``), as the
    reader typed it, not by the parameter it becomes (``report_year``)."""
    def checked(value, *args, **kwargs):
        try:
            return check(value, *args, **kwargs)
        except InputError as exc:
            raise InputError(exc.reason, file=exc.file, line=exc.line, field=name) from None

    return checked


def message_words(language):
    """The words a run's parameter mistakes are told in: the one language ``--lang`` asks for (the report's reader's);
    English where it asks for none, several or an unknown one (the help and the docs speak English)."""
    from .catalog import catalog
    from .settings import LANGUAGES

    return catalog(language if language in LANGUAGES else "en")


def say_line(line: str) -> None:
    print(line, flush=True)


def say_error(message) -> None:
    """An ``error:`` line for each mistake (several for a workbook with several)."""
    for line in error_lines(message):
        print(f"error: {line}", file=sys.stderr, flush=True)


def machine_error(exc: OSError) -> str:
    """An error of the machine, not the user (a full disk, a permission): what and where, and that nothing changed."""
    where = f"{display_path(exc.filename)}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}; previous outputs are unchanged"


def run_report(args: argparse.Namespace) -> int:
    from .parameters import check_jobs, check_language, check_not_inside_raw, check_output_dir
    from .settings import LANGUAGES

    words = message_words(args.lang)
    # the language first: it says which words every other mistake is told in (--lang fr with --year 2030: fr told)
    languages = _several(args.lang if args.lang is not None else "zh", LANGUAGES, check_language, "--lang", words)
    plan, scheme, observations, processed = _inputs(args, words)
    year = args.year if args.year is None or str(args.year).strip() else None
    years = _several(year or str(plan.report_years[-1]), plan.report_years, plan.check_report_year, "--year", words)
    workers = check_jobs(args.jobs if args.jobs is None or str(args.jobs).strip() else None, words)
    output_dir = check_output_dir(args.output_dir, "--output-dir", words)
    check_not_inside_raw(output_dir, "--output-dir", words=words)
    check_not_inside_raw(output_dir, "--output-dir", plan.folder, words)

    from .publish.job import make_job
    from .publish.report import BatchError, Tally, render_reports

    jobs = [make_job(plan, year, language, scheme, observations, output_dir, processed)
            for year in years for language in languages]
    tally = Tally(len(jobs))
    try:
        render_reports(jobs, force=args.force, workers=workers, progress=say_line, tally=tally)
        status = 0
        folder = plan.processed_folder(processed)
        # the data's notes, as `analysis data` says them: once for a run that built a report (one whose reports are
        # all up to date told them when it built them, and loads nothing heavy to say so)
        if tally.built and (folder / "data_quality.csv").is_file() and (folder / "indicator_values.csv").is_file():
            _tell_hidden_sheets(folder)
    except StepError as exc:
        if args.debug:
            raise
        say_error(exc)
        status = EXIT_STEP_FAILED
    except BatchError as exc:
        _say_read_notes(exc.notes)  # the data's notes, once, as `analysis data` refused says them
        for line in exc.lines():
            print(line, file=sys.stderr, flush=True)
        status = EXIT_INPUT_ERROR if exc.only_input_errors else EXIT_STEP_FAILED
    except (InputError, OSError) as exc:
        if args.debug or not tally.started:
            raise  # refused before any report was looked at: one line, as for a bad parameter
        _say_read_notes(getattr(exc, "notes", ()))
        say_error(exc if isinstance(exc, InputError) else machine_error(exc))
        status = EXIT_INPUT_ERROR if isinstance(exc, InputError) else EXIT_STEP_FAILED
    if tally.started:
        print(tally.line(), flush=True)
    return status


def run_templates(args: argparse.Namespace) -> int:
    from .parameters import (
        check_language,
        check_not_inside_raw,
        check_output_dir,
        resolve_observations_dir,
        resolve_plan_dir,
    )
    words = message_words(args.lang)
    plan = _load_plan(resolve_plan_dir(args.plan, parameter="--plan", words=words))
    observations = resolve_observations_dir(args.observations, words=words) if args.observations else None
    language = _as_option(check_language, "--lang")(args.lang if args.lang is not None else "zh", words)
    output_dir = check_output_dir(args.output_dir, "--output-dir", words)
    check_not_inside_raw(output_dir, "--output-dir", words=words)
    check_not_inside_raw(output_dir, "--output-dir", plan.folder, words)

    from .publish.templates import build_templates, check_entry_year

    year = args.year if args.year is not None and str(args.year).strip() else str(plan.report_years[-1])
    written = build_templates(plan, check_entry_year(plan, year, words), language, output_dir, observations,
                              force=args.force)
    for path in written:  # in the run's language (--lang when given: the workbooks' own), as its mistakes
        key = "run_lines.unchanged" if path in written.unchanged else "run_lines.wrote"
        print(words.text(key, path=display_path(path)))
    print(words.count_text("run_lines.templates_done", len(written)))
    return 0


def run_import(args: argparse.Namespace) -> int:
    import re
    from pathlib import Path

    from .errors import quote
    from .ingest.published_table import file_words
    from .parameters import check_language, check_not_inside_raw, check_output_dir
    from .plan import NAME
    from .settings import PROJECT_ROOT

    if not args.file.strip():  # make import-plan without FILE=…: no file to take a language from, --lang's
        raise InputError(message_words(args.lang)["import_errors.no_file"], field="FILE")
    source = Path(args.file) if Path(args.file).is_absolute() else PROJECT_ROOT / args.file
    words = file_words(source) if args.lang is None else message_words(args.lang)  # the file's language, or --lang
    language = None if args.lang is None else _as_option(check_language, "--lang")(args.lang, words)
    stem = re.sub(r"[^a-z0-9_-]+", "-", source.stem.lower()).strip("-_")
    unnamed = args.name is None and not NAME.fullmatch(stem or "")  # 实施方案.docx: no name to take from the file's
    name = args.name if args.name is not None else ("imported-plan" if unnamed else stem)
    if not NAME.fullmatch(name):
        raise InputError(words.text("import_errors.not_folder_safe", name=quote(name, words=words)), field="--name")
    output_dir = check_output_dir(args.output_dir, "--output-dir", words)
    check_not_inside_raw(output_dir, "--output-dir", words=words)

    from .publish.imports import import_plan, open_rows

    imported, written = import_plan(source, output_dir / name, name, language)
    for path in written:  # in the draft's language, as its last line
        print(imported.words.text("run_lines.wrote", path=display_path(path)))
    print(imported.words.text("import_draft.done", indicators=len(imported.indicators), values=len(imported.values),
                              table=imported.table, open_rows=open_rows(imported),
                              review=display_path(output_dir / name / "review.csv"),
                              plan=display_path(output_dir / name / "plan.yml"))
          + (imported.words.text("import_draft.unnamed", name=name) if unnamed else ""))
    return 0


COMMANDS = {"data": run_data, "report": run_report, "templates": run_templates, "import-plan": run_import}


@contextlib.contextmanager
def terminated_as_interrupted():
    """A SIGTERM (a scheduler's time limit, ``systemctl stop``) ends the run as a Ctrl-C does: its workers shut
    down, nothing half-written kept, "interrupted" said and 130 returned (before: killed outright, exit 143, with no
    word and a leaked semaphore warned about). Only the main thread can take a signal; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    OneLineErrorParser.language = usage_language(argv)
    args = build_parser().parse_args(argv)
    from .catalog import mistakes_told_in

    try:
        # a plan file's mistakes are told in the one language --lang asks for, as the parameters' are
        with mistakes_told_in(OneLineErrorParser.language), terminated_as_interrupted():
            return COMMANDS[args.command](args)
    except InputError as exc:
        if args.debug:
            raise
        _say_read_notes(getattr(exc, "notes", ()))
        say_error(exc)
        return EXIT_INPUT_ERROR
    except OSError as exc:
        # The machine, not the user: a full disk, a permission. Still one line, still no output changed.
        if args.debug:
            raise
        say_error(machine_error(exc))
        return EXIT_STEP_FAILED
    except KeyboardInterrupt:
        print("interrupted; previous outputs are unchanged", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
