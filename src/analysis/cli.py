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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    return parser


def run_data(args: argparse.Namespace) -> int:
    from .pipeline import build_data

    started = time.perf_counter()
    from .parameters import check_report_year, check_scheme

    written = build_data(report_year=check_report_year(args.year), scheme=check_scheme(args.scheme))
    for path in written:
        print(f"wrote {display_path(path)}")
    print(f"data: {len(written)} files in {time.perf_counter() - started:.1f} s")
    return 0


COMMANDS = {"data": run_data}


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
    except KeyboardInterrupt:
        print("interrupted; previous outputs are unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
