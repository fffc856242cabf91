"""Command line: ``python -m analysis data`` and ``python -m analysis report``.

A user's mistake (a bad data file, a bad parameter) prints one line naming the file, the line and
the field, and exits with status 2; ``--debug`` shows the Python traceback as well.
"""
from __future__ import annotations

import argparse
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
    report.add_argument("--year", default="2024", help="report year: 2024 final, 2023 mid-term (default 2024)")
    report.add_argument("--lang", default="zh", help="report language: zh (default) or en")
    report.add_argument("--scheme", default="eurostat", help="progress cut-offs: eurostat (default) or unsd")
    _add_paths(report)
    report.add_argument("--output-dir", default="reports", help="reports folder, inside the project (default reports)")
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


def run_report(args: argparse.Namespace) -> int:
    from .parameters import (check_language, check_not_inside_raw, check_output_dir, check_project_path,
                             check_report_year, check_scheme)
    from .report import ReportStepError, render_report

    report_year, language, scheme = check_report_year(args.year), check_language(args.lang), check_scheme(args.scheme)
    raw_dir = check_project_path(args.raw_dir, "--raw-dir")
    observations = check_project_path(args.observations, "--observations") if args.observations else None
    processed_dir = check_output_dir(args.processed_dir, "--processed-dir")
    output_dir = check_output_dir(args.output_dir, "--output-dir")
    check_not_inside_raw(processed_dir, raw_dir, "--processed-dir")
    check_not_inside_raw(output_dir, raw_dir, "--output-dir")
    try:
        render_report(report_year, language, scheme, raw_dir, observations, output_dir, processed_dir,
                      progress=lambda line: print(line, flush=True))
    except ReportStepError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


COMMANDS = {"data": run_data, "report": run_report}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
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
