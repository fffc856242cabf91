"""Command line: ``python -m analysis data`` and ``python -m analysis report``.

A user's mistake (a bad data file, a bad parameter) prints one line naming the file, the line and
the field, and exits with status 2; ``--debug`` shows the Python traceback as well.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time

from .errors import InputError, display_path

EXIT_INPUT_ERROR = 2


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks for errors")


class OneLineErrorParser(argparse.ArgumentParser):
    """Usage mistakes print one ``error:`` line like every other user error (exit status 2)."""

    def error(self, message: str):
        self.exit(EXIT_INPUT_ERROR, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog="python -m analysis",
        description="innovation-plan monitor: clean the plan's indicator table, assess progress to target "
                    "and render the annual report.")
    _add_common(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    data = commands.add_parser("data", help="rebuild data/processed from data/raw",
                               description="Rebuild data/processed from data/raw (validated tidy tables).")
    _add_common(data)
    data.add_argument("--year", default="2024", help="report year for the assessment (default 2024)")
    data.add_argument("--scheme", default="eurostat", help="progress cut-offs: eurostat (default) or unsd")
    _add_paths(data)

    report = commands.add_parser(
        "report", help="render reports/YEAR/LANG: notebooks, report.html, report.pdf, manifest.json",
        description="Run the data, assessment and report notebooks with papermill and publish the year's "
                    "report as HTML and PDF. The previous report stays in place until the new one is complete.")
    _add_common(report)
    report.add_argument("--year", default="2024",
                        help="report year: 2024 final, 2023 mid-term, 2021-2022 annual; several as 2023,2024 "
                             "or all (default 2024)")
    report.add_argument("--lang", default="zh", help="report language: zh (default) or en; zh,en or all for both")
    report.add_argument("--scheme", default="eurostat", help="progress cut-offs: eurostat (default) or unsd")
    _add_paths(report)
    report.add_argument("--output-dir", default="reports", help="reports folder, inside the project (default reports)")
    report.add_argument("--force", action="store_true",
                        help="rebuild even if the report is up to date (same inputs, parameters, code, environment)")
    report.add_argument("--jobs", default=None,
                        help="worker processes for several reports (default: one per core)")
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw-dir", default="data/raw", help="raw inputs, inside the project (default data/raw)")
    parser.add_argument("--observations", default=None,
                        help="folder of observation CSVs, inside the project (default RAW_DIR/observations)")
    parser.add_argument("--processed-dir", default="data/processed",
                        help="where the processed tables go, inside the project (default data/processed)")


def run_data(args: argparse.Namespace) -> int:
    from .pipeline import build_data

    started = time.perf_counter()
    from .parameters import check_not_inside_raw, check_output_dir, check_project_path, check_report_year, check_scheme

    report_year, scheme = check_report_year(args.year), check_scheme(args.scheme)
    raw_dir = check_project_path(args.raw_dir, "--raw-dir")
    observations = check_project_path(args.observations, "--observations") if args.observations else None
    processed_dir = check_output_dir(args.processed_dir, "--processed-dir")
    check_not_inside_raw(processed_dir, raw_dir, "--processed-dir")
    written = build_data(raw_dir, processed_dir, report_year=report_year, scheme=scheme,
                         observations_dir=observations)
    for path in written:
        print(f"wrote {display_path(path)}")
    print(f"data: {len(written)} files in {time.perf_counter() - started:.1f} s")
    return 0


def _several(value: str, everything: tuple, check, name: str) -> list:
    """``2024``, ``2023,2024`` or ``all``: each item checked, duplicates dropped, order kept."""
    items = list(everything) if str(value).strip() == "all" else [v.strip() for v in str(value).split(",")]
    if not all(items):
        raise InputError(f"{value!r} has an empty item; give one value, several separated by commas, or all",
                         field=name)
    return list(dict.fromkeys(check(item) for item in items))


def _check_jobs(value) -> int | None:
    if value is None:
        return None
    if not str(value).isdigit() or int(value) < 1:
        raise InputError(f"{value!r} is not a positive number of worker processes", field="--jobs")
    return int(value)


def run_report(args: argparse.Namespace) -> int:
    from .parameters import (LANGUAGES, check_language, check_not_inside_raw, check_output_dir, check_project_path,
                             check_report_year, check_scheme, report_years)
    from .report import BatchError, ReportStepError, make_job, render_reports

    years = _several(args.year, report_years(), check_report_year, "--year")
    languages = _several(args.lang, LANGUAGES, check_language, "--lang")
    scheme = check_scheme(args.scheme)
    workers = _check_jobs(args.jobs)
    raw_dir = check_project_path(args.raw_dir, "--raw-dir")
    observations = check_project_path(args.observations, "--observations") if args.observations else None
    processed_dir = check_output_dir(args.processed_dir, "--processed-dir")
    output_dir = check_output_dir(args.output_dir, "--output-dir")
    check_not_inside_raw(processed_dir, raw_dir, "--processed-dir")
    check_not_inside_raw(output_dir, raw_dir, "--output-dir")
    # data/processed holds one year's tables: those of the latest year asked for.
    jobs = [make_job(year, language, scheme, raw_dir, observations, output_dir,
                     processed_dir if (year, language) == (max(years), languages[0]) else None)
            for year in years for language in languages]
    try:
        render_reports(jobs, force=args.force, workers=workers, progress=lambda line: print(line, flush=True))
    except ReportStepError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BatchError as exc:
        for outcome in exc.outcomes:
            if outcome.error_kind:
                print(f"error: {outcome.label}: {outcome.message}", file=sys.stderr)
        return EXIT_INPUT_ERROR if exc.only_input_errors else 1
    return 0


COMMANDS = {"data": run_data, "report": run_report}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = COMMANDS[args.command](args)
        # Everything is written and closed. Freezing the heap spares the interpreter's last garbage
        # collection over pandas, matplotlib and WeasyPrint objects: 0.3 s of a 5 s report.
        gc.freeze()
        return status
    except InputError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as exc:
        # The machine, not the user: a full disk, a permission. Still one line, still no output changed.
        if args.debug:
            raise
        where = f"{display_path(exc.filename)}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; previous outputs are unchanged", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; previous outputs are unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
