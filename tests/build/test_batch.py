"""Lines from a batch's worker processes: each one whole, however the processes' writes interleave."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from analysis.settings import PROJECT_ROOT

WORKERS, LINES = 4, 5000
SAY = """
import sys
from analysis.build.batch import say_whole_line
tag = sys.argv[1]
for number in range(int(sys.argv[2])):
    say_whole_line(f"weihai/2024/{tag}: [1/8] data … line {number}")
"""


def test_workers_sharing_one_pipe_never_break_each_others_lines():
    # unbuffered, as under PYTHONUNBUFFERED: print() wrote the text and the line break separately, and four
    # processes printing 5,000 lines each broke thousands of them
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(PROJECT_ROOT / "src")}
    read, write = os.pipe()
    workers = [subprocess.Popen([sys.executable, "-c", SAY, tag, str(LINES)], stdout=write, env=environment)
               for tag in ("zh", "en", "fr", "de")[:WORKERS]]
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as pipe:
        lines = pipe.read().splitlines()
    assert all(worker.wait(timeout=120) == 0 for worker in workers)
    assert len(lines) == WORKERS * LINES
    assert [line for line in lines if not re.fullmatch(r"weihai/2024/[a-z]{2}: \[1/8\] data … line \d+", line)] == []
