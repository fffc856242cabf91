"""Re-inject the faults the test suite is known to catch, one at a time, and check that each is still caught.

Each fault is one small change to the code (a check removed, an escape dropped, a number off), applied to a
copy of the repository's tracked files; the tests that should catch it are run against that copy, and the
fault counts as caught when they fail. Nothing in the working tree is changed.

    python scripts/inject_faults.py            # every fault (about ten minutes on 2 cores)
    python scripts/inject_faults.py --list     # what they are
    python scripts/inject_faults.py --only 3,7 # some of them

The first twenty were the faults the hardening round injected when it ended; the others cover the checks
of the inputs, the method, the editions and the runs (locks, staging, shared notebooks) that the suite has.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = "src/analysis/"


@dataclass(frozen=True)
class Fault:
    title: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]
    also: tuple[tuple[str, str], ...] = ()  # more changes to the same file, for a fault made of two


def bad_input(*cases: str) -> tuple[str, ...]:
    return tuple(f"tests/contract/test_bad_inputs.py::test_bad_input_is_rejected_cleanly[{case}]" for case in cases)


def good_input(*cases: str) -> tuple[str, ...]:
    return tuple(f"tests/contract/test_bad_inputs.py::test_good_input_is_accepted[{case}]" for case in cases)


FAULTS = [
    # --- the hardening round's twenty -------------------------------------------------------------------
    Fault("card notes not escaped", SRC + "report/templates/html/macros.html.j2",
          "<li>{{ note }}</li>", "<li>{{ note | safe }}</li>", ("tests/report/test_cards.py",)),
    Fault("summary paragraph not escaped", SRC + "report/templates/html/macros.html.j2",
          "<p>{{ block.text }}</p>", "<p>{{ block.text | safe }}</p>", ("tests/report/test_words.py",)),
    Fault("the PDF renderer fetches file: URLs", SRC + "report/render.py",
          'URLFetcher(allowed_protocols={"data"})', 'URLFetcher(allowed_protocols={"data", "file"})',
          ("tests/report/test_render.py",)),
    Fault("mathtext turned on", SRC + "report/fonts.py", '"text.parse_math": False,', '"text.parse_math": True,',
          ("tests/report/test_figures.py",)),
    Fault("the text cap raised", SRC + "text.py", '"source": 200,', '"source": 20000,',
          ("tests/test_text.py", *bad_input("obs_source_too_long"))),
    Fault("the .csv suffix rule case-sensitive", SRC + "plan.py",
          "suffixes = [suffix.lower() for suffix in path.suffixes]", "suffixes = list(path.suffixes)",
          good_input("obs_uppercase_extension") + ("tests/publish/test_cache.py",)),
    Fault("the formula escape off", SRC + "clean/processed.py",
          "    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER_TEXT.fullmatch(text):",
          "    if False:", ("tests/publish/test_data.py",)),
    Fault("the 9-digit id rule removed", SRC + "ingest/csv_reader.py",
          'if not re.fullmatch(r"-?[0-9]{1,9}", cleaned):', 'if not re.fullmatch(r"-?[0-9]+", cleaned):',
          bad_input("obs_indicator_id_5000_digits", "corr_indicator_id_400_digits")),
    Fault("the regular-file check removed", SRC + "files.py", "        if kind is not None:", "        if False:",
          bad_input("obs_fifo", "meta_fifo")),
    Fault("links out of the project followed", SRC + "files.py",
          "    if outside_project(path) is not None:\n        advice", "    if False:\n        advice",
          bad_input("obs_link_to_etc_passwd", "meta_link_outside")),
    Fault("file names not escaped in messages", SRC + "errors.py",
          'return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in str(text))',
          "return str(text)", bad_input("obs_file_name_escape_code", "obs_file_name_newline")),
    Fault("the ×3 rule off", SRC + "clean/plausibility.py", "MAX_RATIO = 3.0", "MAX_RATIO = 1000.0",
          ("tests/clean/test_plausibility.py", *bad_input("obs_count_times_fifteen"))),
    Fault("−0 and 1e300 accepted", SRC + "clean/plausibility.py",
          "(value < 0 or math.copysign(1.0, value) < 0)", "(value < 0)",
          bad_input("obs_count_negative_zero")),
    Fault("a zero-width source accepted", SRC + "text.py",
          "return any(not char.isspace() and unicodedata.category(char) not in INVISIBLE_CATEGORIES for char in text)",
          "return bool(text.strip())", bad_input("obs_source_zero_width_space")),
    Fault("bidi controls allowed", SRC + "text.py",
          'BIDI_CONTROLS = frozenset("\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069")',
          "BIDI_CONTROLS = frozenset()", ("tests/test_text.py", *bad_input("obs_note_bidi_override"))),
    Fault("the sidecar's byte count not checked", SRC + "ingest/provenance.py",
          'if size != meta["bytes"]:', "if False:", ("tests/ingest/test_provenance.py",)),
    Fault("a kind that contradicts the printed values accepted", SRC + "clean/plausibility.py",
          "            raise InputError(f\"kind {quote(meta.kind)} contradicts the table",
          "            return\n            raise InputError(f\"kind {quote(meta.kind)} contradicts the table",
          bad_input("meta_kind_share_contradicts_values")),
    Fault("the final verdict ignoring the target", SRC + "assess/assessment.py",
          'status = "achieved" if d * (judged - T) >= 0 and not missed else "not_achieved"',
          'status = "achieved" if not missed else "not_achieved"',
          ("tests/assess/test_assessment.py", "tests/assess/test_example_dataset.py")),
    Fault("the completion rate ×1.1", SRC + "assess/assessment.py",
          "return finite_or_nan(value / target if d > 0 else target / value)",
          "return finite_or_nan(1.1 * (value / target if d > 0 else target / value))",
          ("tests/assess/test_assessment.py", "tests/assess/test_example_dataset.py")),
    Fault("a status count +1", SRC + "assess/assessment.py", "{status: int(counts.get(status, 0)) for",
          "{status: int(counts.get(status, 0)) + 1 for", ("tests/report/test_words.py",)),
    # --- inputs -------------------------------------------------------------------------------------------
    Fault("two files' different values for one year accepted", SRC + "clean/observations.py",
          'if first["value"] != record["value"]:', "if False:", bad_input("obs_conflict_two_files")),
    Fault("a year given twice in one file accepted", SRC + "clean/observations.py",
          "            if key in in_file:", "            if False:", bad_input("obs_duplicate_row")),
    Fault("an unknown indicator accepted", SRC + "clean/observations.py",
          "    if known.empty:\n        raise InputError(f\"unknown indicator",
          "    if False:\n        raise InputError(f\"unknown indicator", bad_input("obs_unknown_indicator")),
    Fault("a share above 100 accepted", SRC + "clean/plausibility.py", 'if kind == "share" and value > 100:',
          "if False:", bad_input("obs_share_above_100")),
    Fault("a correction whose printed text changed applied", SRC + "clean/tidy.py",
          "        if printed != row.printed_text:", "        if False:", bad_input("corr_printed_text_mismatch")),
    Fault("the plan text's sha256 not checked", SRC + "ingest/provenance.py",
          'if actual != meta["sha256"]:', "if False:", ("tests/ingest/test_provenance.py",)),
    Fault("a department the plan line does not name accepted", SRC + "ingest/departments.py",
          "    if missing:\n        raise InputError(f\"plan line",
          "    if False:\n        raise InputError(f\"plan line",
          bad_input("dept_printed_line_names_other")),
    Fault("a correction without a reason accepted", SRC + "ingest/hand_files.py",
          "        if not visible(row.reason):", "        if False:", bad_input("corr_without_reason")),
    # --- the method ---------------------------------------------------------------------------------------
    Fault("Eurostat's moderate cut-off at 0.5", SRC + "settings.py", '"eurostat": (0.95, 0.60, 0.0)',
          '"eurostat": (0.95, 0.50, 0.0)', ("tests/assess/test_assessment.py", "tests/report/test_words.py")),
    Fault("an indicator takes its best series, not its worst", SRC + "assess/assessment.py",
          'worst = assessed.sort_values("_rank", kind="stable")',
          'worst = assessed.sort_values("_rank", kind="stable", ascending=False)',
          ("tests/assess/test_assessment.py", "tests/report/test_words.py")),
    Fault("a year missed of a target held every year ignored", SRC + "assess/assessment.py",
          "if plan_start <= y <= Y and d * (v - binding_target(series.targets, y)[1]) < 0]",
          "if False]", ("tests/assess/test_assessment.py", "tests/assess/test_example_dataset.py")),
    Fault("moderate progress warned amber", SRC + "assess/warning_list.py", '"insufficient": "amber"}',
          '"insufficient": "amber", "moderate": "amber"}', ("tests/assess/test_warning_list.py",)),
    Fault("the progress ratio without its absolute value", SRC + "assess/assessment.py",
          "ratio = finite_or_nan(d * g_obs / abs(g_req)) if abs(g_req) > 0 else NAN",
          "ratio = finite_or_nan(d * g_obs / g_req) if abs(g_req) > 0 else NAN",
          ("tests/assess/test_assessment.py",)),
    # --- the editions -------------------------------------------------------------------------------------
    Fault("the report's templates without autoescape", SRC + "report/html.py",
          'FileSystemLoader(TEMPLATES_DIR / "html"), autoescape=True,',
          'FileSystemLoader(TEMPLATES_DIR / "html"), autoescape=False,',
          ("tests/report/test_words.py", "tests/report/test_cards.py", "tests/report/test_html.py")),
    Fault("a table's cells not escaped", SRC + "report/templates/html/macros.html.j2",
          '{% endif %}>{{ cell }}</td>', '{% endif %}>{{ cell | safe }}</td>', ("tests/report/test_html.py",)),
    Fault("the front page not escaped", SRC + "publish/index.py",
          'FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,',
          'FileSystemLoader(Path(__file__).parent / "templates"), autoescape=False,', ("tests/publish/test_index.py",)),
    Fault("the Word edition reads data text as Markdown", SRC + "report/pandoc_ast.py",
          'out.append({"t": "Str", "c": line})', 'out.append({"t": "RawInline", "c": ["markdown", line]})',
          ("tests/report/test_word_file.py",)),
    Fault("the workbook writes text as Excel reads it (a formula, a number)", SRC + "report/scorecard_workbook.py",
          '        sheet.write_string(row, column, str(value), styles.get(text_wrap=wrap))',
          '        sheet.write(row, column, str(value), styles.get(text_wrap=wrap))',
          ("tests/report/test_scorecard_workbook.py",),
          also=(('"strings_to_formulas": False', '"strings_to_formulas": True'),)),
    Fault("a status cell of the Word scorecard left white", SRC + "report/word_file.py",
          '        put(put(tc, "tcPr"), "shd", {"val": "clear", "color": "auto", "fill": fill})', "        pass",
          ("tests/report/test_word_file.py",)),
    Fault("a card's chart left out of the cards", SRC + "report/html.py",
          "chart=figures[cards.card_id(row)] if numeric else None,", "chart=None,", ("tests/report/test_cards.py",)),
    Fault("the appendix without the actual values", SRC + "report/html.py",
          "    if not actuals.empty:\n        views.append", "    if False:\n        views.append",
          ("tests/report/test_html.py",)),
    Fault("a figure drawn again for every edition", SRC + "report/figures.py",
          "        if name not in self._drawn:", "        if True:", ("tests/report/test_figures.py",)),
    Fault("the other catalog lacks a key", SRC + "catalogs/en.yml",
          "  achieved_at_risk: Achieved, at risk\n  on_track: On track\n", "  achieved_at_risk: Achieved, at risk\n",
          ("tests/test_catalog.py",)),
    # --- the runs -----------------------------------------------------------------------------------------
    Fault("a second run for the same report let through", SRC + "publish/folders.py",
          "    lock = filelock.FileLock(lock_path(folder), timeout=-1 if wait else 0)",
          "    lock = filelock.FileLock(str(lock_path(folder)) + str(os.getpid()), timeout=-1 if wait else 0)",
          ("tests/publish/test_reliability.py::test_a_second_run_for_the_same_report_is_refused_while_the_first_"
           "holds_the_lock",)),
    Fault("a cut between the two renames not repaired", SRC + "publish/folders.py",
          "    if previous.is_dir() and not folder.exists():\n        os.replace(previous, folder)",
          "    if False:\n        os.replace(previous, folder)",
          ("tests/publish/test_reliability.py::test_a_report_is_put_in_place_whole_and_a_cut_is_repaired_by_the_"
           "next_run", "tests/publish/test_data.py::test_a_kill_at_any_step_leaves_the_old_tables_or_the_new_never_"
           "a_mix")),
    Fault("tables written in place, not as one folder", SRC + "publish/folders.py",
          "    staging = new_staging(folder, \"tables\")\n", "    folder.mkdir(parents=True, exist_ok=True)\n"
          "    staging = folder\n    publish = lambda staging, folder: None  # noqa: E731\n",
          ("tests/publish/test_data.py::test_a_kill_at_any_step_leaves_the_old_tables_or_the_new_never_a_mix",)),
    Fault("an edited output taken as up to date", SRC + "publish/cache.py",
          "        if sha256_file(path) != recorded_digest:", "        if False:",
          ("tests/publish/test_cache.py", "tests/publish/test_report.py::test_an_unchanged_rerun_does_nothing_but_"
           "put_its_tables_back")),
    Fault("the build key blind to the code", SRC + "publish/cache.py",
          'payload = {"parameters": parameters, "inputs": inputs, "code": code, "environment": environment}',
          'payload = {"parameters": parameters, "inputs": inputs, "environment": environment}',
          ("tests/publish/test_cache.py",)),
    Fault("a notebook hashed with its outputs", SRC + "publish/cache.py",
          'cells = [(cell.get("cell_type"), "".join(cell.get("source", "")), cell.get("metadata", {}).get("tags", []))',
          'cells = [(cell.get("cell_type"), "".join(cell.get("source", "")), cell.get("outputs"))',
          ("tests/publish/test_cache.py",)),
    Fault("a shared notebook not handed to the other reports", SRC + "publish/report.py",
          "            (build.staging / \"notebooks\" / task.output.name).write_bytes(task.output.read_bytes())",
          "            pass", ("tests/publish/test_report.py::test_evidence_notebooks_run_once_for_the_reports_that_"
                             "share_them",)),
    Fault("one failed report stops the others", SRC + "publish/report.py",
          "            except (InputError, StepError) as exc:\n                for build in task.builds:",
          "            except (InputError, StepError) as exc:\n                raise exc\n                for build in "
          "task.builds:",
          ("tests/publish/test_report.py::test_a_failing_report_or_kernel_does_not_stop_the_rest_of_the_run",)),
    Fault("an error line per report instead of once", SRC + "publish/report.py",
          "        failures.setdefault(message, []).append(build.label)",
          "        failures.setdefault(f\"{build.label}: {message}\", []).append(build.label)",
          ("tests/publish/test_reliability.py::test_bad_data_is_named_once_for_every_report_it_stops_and_exits_2",
           "tests/publish/test_report.py::test_the_command_line_names_a_failure_once_with_its_reports_and_exits_1")),
]


def tracked_files() -> list[str]:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in listing.stdout.decode("utf-8").split("\0") if name]


def copy_repository(target: Path) -> None:
    for name in tracked_files():
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def run(copy: Path, number: int, fault: Fault) -> tuple[bool, float, str]:
    path = copy / fault.file
    original = changed = path.read_text(encoding="utf-8")
    for old, new in ((fault.old, fault.new), *fault.also):
        if changed.count(old) != 1:
            return False, 0.0, f"the code to change occurs {changed.count(old)} times in {fault.file}"
        changed = changed.replace(old, new)
    path.write_text(changed, encoding="utf-8")
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p",
                               "no:randomly", *fault.tests], cwd=copy, capture_output=True, text=True, timeout=900,
                              env={**os.environ, "PYTHONPATH": str(copy / "src"), "CI": "true"})
        caught = done.returncode != 0
        failed = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
        detail = failed[0] if failed else done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    except subprocess.TimeoutExpired:
        caught, detail = True, "timed out (a run that never ends is caught too)"
    finally:
        path.write_text(original, encoding="utf-8")
    return caught, time.perf_counter() - started, detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the faults and stop")
    parser.add_argument("--only", default="", help="comma-separated fault numbers (1-based)")
    args = parser.parse_args(argv)
    chosen = [int(n) for n in args.only.split(",") if n.strip()] or list(range(1, len(FAULTS) + 1))
    if args.list:
        for number, fault in enumerate(FAULTS, 1):
            print(f"{number:2}. {fault.title}  ({fault.file}; {', '.join(fault.tests)})")
        return 0
    missed = []
    with tempfile.TemporaryDirectory(prefix="faults-") as folder:
        copy = Path(folder) / "repository"
        copy_repository(copy)
        for number in chosen:
            fault = FAULTS[number - 1]
            caught, seconds, detail = run(copy, number, fault)
            print(f"{number:2}. {'caught' if caught else 'MISSED'}  {fault.title}  ({seconds:.0f} s) {detail}",
                  flush=True)
            if not caught:
                missed.append(number)
    print(f"\n{len(chosen) - len(missed)} of {len(chosen)} faults caught" + (f"; missed: {missed}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
