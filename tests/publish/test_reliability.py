"""Scheduled runs: the same inputs give the same bytes, raw data is never written, a killed run
leaves the last good report in place, two runs do not interleave, and data text is escaped.

Faults are injected deterministically: the lock is held by the test itself, and a run is killed
with SIGKILL at a named step by the ``ANALYSIS_FAULT_AT`` hook (:mod:`analysis.publish.report`).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.publish import folders
from analysis.publish.data import build_data
from analysis.publish.folders import lock_path, publish, recover, staging_folder
from analysis.publish.job import NOTEBOOKS, REPORT
from analysis.publish.report import FAULT_AT
from analysis.settings import PROJECT_ROOT
from tests.conftest import FIXTURES, relative
from tests.support.pdf import pdf_layout, pdf_link_targets, pdf_text

EXAMPLE = FIXTURES / "example-2022-2024"


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(work: Path, plan, *args, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "analysis", "report", "--plan", relative(plan.folder), "--year", "2024",
               "--output-dir", relative(work / "reports"), "--processed-dir", relative(work / "processed"), *args]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def leftovers(folder: Path) -> list[str]:
    """What a run leaves beside its outputs when it is killed: staging, previous and failed folders, temporaries."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")
                  or p.name.endswith(".tmp"))


def test_processed_tables_are_byte_identical_across_runs(tmp_path, weihai):
    build_data(weihai, tmp_path / "a", "eurostat")
    build_data(weihai, tmp_path / "b", "eurostat")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_killed_runs_leave_the_previous_report_and_the_next_run_succeeds(work_dir, shared_weihai, example_reports):
    """A report and its tables as a run of several reports left them; runs of that one report killed at each step,
    then run again: the same bytes as in the run of several (only the notebooks name their folders)."""
    raw_before = tree_digest(shared_weihai.folder)
    report = work_dir / "reports" / "weihai" / "2024" / "zh"
    shutil.copytree(example_reports["final-zh"], report)
    shutil.copytree(example_reports["final-zh"].parents[3] / "processed-example" / "weihai",
                    work_dir / "processed" / "weihai")
    good, processed = tree_digest(report), tree_digest(work_dir / "processed" / "weihai")
    example = ["--observations", relative(EXAMPLE)]
    for step in ("data", f"notebook {REPORT}", "pages"):
        killed = run(work_dir, shared_weihai, "--force", *example, env={FAULT_AT: step})
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        assert tree_digest(report) == good, f"report changed after SIGKILL at {step}"
        assert tree_digest(work_dir / "processed" / "weihai") == processed  # the same inputs: the same tables
    again = run(work_dir, shared_weihai, "--force", *example)
    assert again.returncode == 0, again.stderr
    assert leftovers(report.parent) == [] and leftovers(work_dir / "processed") == []
    lines = again.stdout.splitlines()
    assert lines[0] == "weihai/2024/zh: building (--force)" and lines[-1] == "1 report: 1 built, 0 up to date, 0 failed"
    # every line names the report it is about; every step once
    assert all(line.startswith(("weihai/2024/zh: ", "report: ")) for line in lines[:-1]), lines
    steps = sorted(line.split(": ", 1)[1].split(" done in")[0] for line in lines if " done in " in line)
    assert steps == sorted(["data", "html", "pdf", *(f"notebook {name}" for name in NOTEBOOKS)])
    rebuilt = tree_digest(report)
    for name in ("report.html", "report.pdf", "report.docx", "scorecard.xlsx", "data/assessment.csv",
                 "data/indicator_values.csv"):
        assert rebuilt[name] == good[name], name
    assert tree_digest(shared_weihai.folder) == raw_before  # raw inputs are never written

#: Points from the paper's edge a line may not come (the margins are 16 mm, 45 pt).
PAGE_EDGE = 36


def test_data_text_reaches_the_report_as_typed_never_as_markup(work_dir, shared_weihai):
    hostile = run(work_dir, shared_weihai, "--observations", relative(FIXTURES / "observations" / "hostile"))
    assert hostile.returncode == 0, hostile.stderr
    report = work_dir / "reports" / "weihai" / "2024" / "zh"
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # Markdown in data text stays the characters typed: no link, image, bold or heading made of it
    for made in ('href="javascript:', 'src="/usr/share', 'href="file:', "<strong>bold", "<code>code", "<h1>heading",
                 "<h2>heading"):
        assert made not in html, made
    for typed in ("[x](javascript:alert(1))", "![x](/usr/share/common-licenses/GPL-3)", "**bold** and `code`"):
        assert typed in html, typed
    targets = pdf_link_targets(report / "report.pdf")
    assert targets and all(target.startswith("#") for target in targets), targets  # links inside the report only
    assert "[x](javascript:alert(1))" in pdf_text(report / "report.pdf").replace("\n", "")
    # a long unbroken URL or word wraps at the page's edge instead of running past it, and reads whole
    layout = pdf_layout(report / "report.pdf")
    cut = [(number, box[4][:40]) for number, page in enumerate(layout, 1) for box in page["boxes"]
           if box[4] and (box[0] < PAGE_EDGE or box[2] > page["width"] - PAGE_EDGE)]
    assert cut == []
    text = "".join(pdf_text(report / "report.pdf").split())
    assert "WeihaiInnovation" + "Innovation" * 29 in text and "filename=" + "9f3c2a7b1e" * 12 in text


def test_a_second_run_for_the_same_report_is_refused_while_the_first_holds_the_lock(work_dir, weihai_in_project):
    destination = work_dir / "reports" / "weihai" / "2024" / "zh"
    destination.parent.mkdir(parents=True)
    with open(lock_path(destination), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a running report does (py-filelock's lock on Unix)
        second = run(work_dir, weihai_in_project, timeout=120)
    assert second.returncode == 2
    assert "another report run for this year and language is in progress" in second.stderr
    assert "Traceback" not in second.stderr and len(second.stderr.splitlines()) == 1
    assert not destination.exists()


def test_bad_parameters_are_refused_before_anything_runs(work_dir, weihai_in_project):
    for args, words in ((["--year", "2031"], "outside the plan"), (["--lang", "fr"], "unknown language 'fr'"),
                        (["--scheme", "oecd"], "unknown cut-off scheme"), (["--plan", "/etc"], "outside the project"),
                        (["--jobs", "¹"], "not a positive number of worker processes")):
        process = run(work_dir, weihai_in_project, *args, timeout=120)
        assert process.returncode == 2, args
        assert words in process.stderr and "Traceback" not in process.stderr
        assert len(process.stderr.strip().splitlines()) == 1
        assert not (work_dir / "reports").exists()


def test_an_unchanged_run_is_skipped_without_loading_anything_heavy(example_reports, shared_weihai):
    """The reports built for the run are up to date for the same parameters: the command says so for each, and
    its check loads no pandas, kernel or renderer."""
    root = example_reports["final-zh"].parents[2]
    arguments = ["report", "--plan", relative(shared_weihai.folder), "--year", "2024", "--lang", "all",
                 "--observations", relative(EXAMPLE), "--output-dir", relative(root), "--processed-dir",
                 relative(root.parent / "processed-example")]
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from analysis.cli import main; status = main(sys.argv[1:]); "
         "heavy = [m for m in ('pandas', 'numpy', 'papermill', 'jupyter_client', 'nbconvert', 'weasyprint', "
         "'matplotlib', 'pandera') if m in sys.modules]; print(status, heavy)", *arguments],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    lines = probe.stdout.strip().splitlines()
    assert lines[-1] == "0 []", probe.stdout + probe.stderr
    assert lines[-2] == "2 reports: 0 built, 2 up to date, 0 failed"
    assert sum("is up to date" in line for line in lines) == 2


def test_bad_data_is_named_once_for_every_report_it_stops_and_exits_2(work_dir, weihai_in_project):
    plan = work_dir / "plan"
    shutil.copytree(weihai_in_project.folder, plan)
    with open(plan / "corrections.csv", "a", encoding="utf-8") as handle:
        handle.write("99,target_2024,not a number\n")
    from analysis.plan import load_plan

    broken = load_plan(plan)
    for years, reports in (("2024", 1), ("2023,2024", 2)):
        process = run(work_dir, broken, "--year", years)
        assert process.returncode == 2, (process.stdout, process.stderr)
        [line, *stopped] = process.stderr.strip().splitlines()
        assert line.startswith("error: ") and "corrections.csv:" in line and "Traceback" not in process.stderr
        assert stopped == (["  stopped: weihai/2023/zh, weihai/2024/zh"] if reports == 2 else [])
        assert not (work_dir / "reports" / "weihai" / "2024" / "zh").exists()
        noun = "report" if reports == 1 else "reports"
        assert process.stdout.splitlines()[-1] == f"{reports} {noun}: 0 built, 0 up to date, {reports} failed"
    assert leftovers(work_dir / "reports" / "weihai" / "2024") == []  # refused before anything was staged


# --- the swap of a report folder --------------------------------------------------------------------------

def report_folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "report.html").write_text(text, encoding="utf-8")
    return path


def test_a_report_is_put_in_place_whole_and_a_cut_is_repaired_by_the_next_run(tmp_path, monkeypatch):
    destination = report_folder(tmp_path / "2024" / "zh", "old")
    publish(report_folder(staging_folder(destination, "k1"), "new"), destination)
    assert (destination / "report.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in destination.parent.iterdir()) == ["zh"]
    staging = report_folder(staging_folder(destination, "k2"), "newer")
    real_replace = os.replace
    calls = []

    def killed_after_the_first_rename(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as a kill between the two renames
        return real_replace(*args, **kwargs)

    monkeypatch.setattr(folders.os, "replace", killed_after_the_first_rename)
    with pytest.raises(KeyboardInterrupt):
        publish(staging, destination)
    monkeypatch.setattr(folders.os, "replace", real_replace)
    assert not destination.exists()  # the cut: the old report moved aside, the new one not yet in
    recover(destination)
    assert (destination / "report.html").read_text(encoding="utf-8") == "new"
    recover(destination, keep_failed=False)
    assert sorted(p.name for p in destination.parent.iterdir()) == ["zh"]


# --- the Makefile and the setup scripts -------------------------------------------------------------------

def make(*args, timeout: int = 120) -> subprocess.CompletedProcess:
    """``make`` as a user runs it (not as a sub-make of ``make test``, whose flags and variables it would inherit)."""
    inherited = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PLAN", "YEAR", "REPORT_LANG", "SCHEME", "REPORTS", "PROCESSED",
                 "FORCE", "JOBS", "REPEAT")
    env = {name: value for name, value in os.environ.items() if name not in inherited}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_make_variables_are_never_run_by_the_shell(work_dir, weihai_in_project):
    marker = work_dir / "ran"
    command = f'"; touch {marker}; echo "$(touch {marker}) `touch {marker}` #'
    for variable in ("PLAN", "SCHEME"):
        process = make("data", f"{variable}=x{command}")
        assert process.returncode == 2, process.stderr
        assert not marker.exists(), f"{variable}: the shell ran a command from the variable"
        lines = process.stderr.splitlines()
        # the command's own line, then make's own line (make reports any failure so, with its status 2)
        assert lines[0].startswith("error: ") and "Traceback" not in process.stderr, process.stderr
        assert lines[-1].startswith("make: *** [Makefile:") and len(lines) == 2, process.stderr
    # a folder name the shell would have split into commands reaches the command as one name ("$(…)" is make's
    # own syntax in a make variable, so this one goes without it)
    processed = f'{relative(work_dir)}/out"; touch ran; echo "`touch ran` #'
    marker = PROJECT_ROOT / "ran"
    process = make("data", f"PLAN={relative(weihai_in_project.folder)}", f"PROCESSED={processed}")
    assert process.returncode == 0, process.stderr
    assert not marker.exists() and (PROJECT_ROOT / processed / "weihai" / "assessment.csv").is_file()
    help_text = make("help", f'PLAN=`touch {marker}`"; touch {marker}').stdout
    assert f'PLAN=`touch {marker}`"; touch {marker} (a plan folder' in help_text and not marker.exists()


def test_make_report_passes_year_and_jobs_as_given(work_dir, weihai_in_project):
    marker = work_dir / "ran"
    common = [f"PLAN={relative(weihai_in_project.folder)}", f"REPORTS={relative(work_dir / 'reports')}",
              f"PROCESSED={relative(work_dir / 'processed')}"]
    process = make("report", f"YEAR=2024; touch {marker} #", *common)
    assert not marker.exists() and process.returncode == 2
    # make report's language is zh (REPORT_LANG): its parameters' mistakes are told in Chinese
    assert "error: --year: '2024; touch " in process.stderr and "个字符）不是年份" in process.stderr
    process = make("report", "JOBS=¹", *common)
    assert "error: --jobs: '¹' 不是有效的工作进程数（须为正整数）" in process.stderr
    process = make("report", "JOBS=¹", "REPORT_LANG=en", *common)
    assert "error: --jobs: '¹' is not a positive number of worker processes" in process.stderr
    assert not (work_dir / "reports").exists()


def fake_command(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\n" + script, encoding="utf-8")
    path.chmod(0o755)


def test_system_deps_waits_for_the_apt_lock_then_says_so_clearly(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_command(bin_dir, "dpkg-query", "exit 1\n")  # nothing installed
    fake_command(bin_dir, "id", 'echo 0\n')           # as root
    attempts = tmp_path / "attempts"
    # apt-get fails twice with the lock held (as while unattended-upgrades runs), then succeeds
    fake_command(bin_dir, "apt-get", f'echo x >> {attempts}\nif [ $(wc -l < {attempts}) -le 2 ]; then\n'
                 '  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 42" >&2; exit 100\n'
                 'fi\nexit 0\n')
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "APT_LOCK_POLL": "1", "APT_LOCK_TIMEOUT": "10",
           "HOME": str(tmp_path)}
    done = subprocess.run(["bash", "scripts/system-deps.sh"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "waiting for the apt lock" in done.stderr and attempts.read_text().count("x") == 4  # update ×3, install
    attempts.write_text("x\n" * 1000)  # now the lock never comes free
    fake_command(bin_dir, "apt-get", 'echo "E: Could not get lock /var/lib/apt/lists/lock" >&2; exit 100\n')
    env["APT_LOCK_TIMEOUT"] = "2"
    done = subprocess.run(["bash", "scripts/system-deps.sh"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == ("error: another package manager (apt, unattended-upgrades) still holds "
                                            "the apt lock after 2 s; run make again once it has finished, or set "
                                            "APT_LOCK_TIMEOUT")


def test_system_deps_names_python3_venv_when_venv_cannot_be_made(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_command(bin_dir, "python-without-venv", 'if [ "$1" = -c ] && [[ "$2" == *ensurepip* ]]; then exit 1; fi\n'
                 'echo 3.11\n')
    fake_command(bin_dir, "dpkg-query", "exit 1\n")
    fake_command(bin_dir, "apt-cache", "exit 1\n")
    fake_command(bin_dir, "id", "echo 1000\n")  # not root: it says what to run
    fake_command(bin_dir, "apt-get", "exit 0\n")
    done = subprocess.run(["bash", "scripts/system-deps.sh", "venv", "python-without-venv"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert done.returncode == 1
    assert "error: missing system packages: python3-venv (python-without-venv cannot create a virtual environment" \
        in done.stderr
    assert "run: sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends python3-venv'" in done.stderr


FAKE_PYTHON = r"""
# A stand-in for python3 and the venv's python: creates a "venv", and records each pip install.
log={log}
case "$1 $2" in
  "-c "*) exit 0 ;;
  "- ") cat "$(dirname "$0")/owner" 2>/dev/null; exit 0 ;;  # the folder the project was installed from
  "-m venv") mkdir -p "$4/bin" && cp "$0" "$4/bin/python" && echo venv >> "$log" ;;
  "-m pip")
    if [ "$3" = --version ]; then [ -f "$(dirname "$0")/pip-ok" ]; exit $?; fi
    if [[ "$*" == *--upgrade* ]]; then touch "$(dirname "$0")/pip-ok"; echo pip >> "$log"; exit 0; fi
    sleep 1; echo install >> "$log" ;;
esac
"""


def setup_venv(tmp_path: Path, venv: Path) -> subprocess.Popen:
    return subprocess.Popen(["bash", str(PROJECT_ROOT / "scripts" / "setup-venv.sh")], cwd=tmp_path, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHON": str(tmp_path / "python"), "VENV": str(venv)})


def test_venv_setup_is_locked_and_a_venv_left_incomplete_is_rebuilt(tmp_path):
    log = tmp_path / "log"
    fake_command(tmp_path, "python", FAKE_PYTHON.format(log=log))
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    venv = tmp_path / ".venv"
    # two first-time runs at once: one sets up, the other waits and then finds the work done
    first, second = setup_venv(tmp_path, venv), setup_venv(tmp_path, venv)
    assert first.wait(60) == 0 and second.wait(60) == 0, first.stderr.read() + second.stderr.read()
    assert log.read_text().split() == ["venv", "pip", "install"]
    assert (venv / ".installed").is_file()
    # a venv left without a working pip (a first run killed while creating it) is made anew
    shutil.rmtree(venv)
    (venv / "bin").mkdir(parents=True)
    log.write_text("")
    done = setup_venv(tmp_path, venv)
    assert done.wait(60) == 0
    assert "rebuilding" in done.stderr.read() and log.read_text().split() == ["venv", "pip", "install"]


def test_a_venv_another_copy_of_the_project_is_installed_in_is_left_alone(tmp_path):
    """make report VENV=../main/.venv from a clone: installing the clone there would switch the other copy's every run
    to the clone's code. Refused, nothing installed; the venv's own copy updates it as before."""
    log = tmp_path / "log"
    fake_command(tmp_path, "python", FAKE_PYTHON.format(log=log))
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    venv = tmp_path / ".venv"
    assert setup_venv(tmp_path, venv).wait(60) == 0
    other = tmp_path / "main"
    other.mkdir()
    (venv / "bin" / "owner").write_text(str(other), encoding="utf-8")
    (venv / ".installed").unlink()
    log.write_text("")
    refused = setup_venv(tmp_path, venv)
    assert refused.wait(60) == 1 and log.read_text() == ""
    assert f"belongs to the copy of the project in {other}" in refused.stderr.read()
    (venv / "bin" / "owner").write_text(str(tmp_path), encoding="utf-8")  # its own copy
    assert setup_venv(tmp_path, venv).wait(60) == 0 and log.read_text().split() == ["install"]


def test_a_notebooks_kernel_imports_the_package_the_run_imports(monkeypatch, tmp_path):
    """Run from a copy of the project with ``PYTHONPATH=src``, the kernel (which starts in ``notebooks/``) found no
    ``src`` there and imported another copy's ``analysis``: its path now leads with the run's own package folder,
    and a relative entry is made absolute from where the run started."""
    import os

    from analysis.publish.steps import PACKAGE_ROOT, kernel_path

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(["src", "/elsewhere"]))
    assert kernel_path().split(os.pathsep) == [str(PACKAGE_ROOT), str(tmp_path / "src"), "/elsewhere"]
    assert (PACKAGE_ROOT / "analysis" / "__init__.py").is_file()


def test_a_run_terminated_by_sigterm_ends_as_an_interrupted_one():
    """A scheduler's time limit (systemd's TimeoutStartSec) stops a run with SIGTERM: it ends as a Ctrl-C does, said
    so, exit 130 (before: killed outright, 143, no word). The command stands in for a run that takes long: it is sent
    the signal while it runs."""
    probe = ("import os, signal, sys, time\n"
             "from analysis import cli\n"
             "def long_run(args):\n"
             "    os.kill(os.getpid(), signal.SIGTERM)\n"
             "    time.sleep(30)\n"
             "    return 0\n"
             "cli.COMMANDS['data'] = long_run\n"
             "sys.exit(cli.main(['data']))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")})
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "interrupted; previous outputs are unchanged\n")
