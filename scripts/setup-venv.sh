#!/usr/bin/env bash
# Create or update the project's virtual environment ($VENV, default .venv) with $PYTHON (python3):
#   * locked: two first-time `make` runs take turns; the second finds the work done and returns;
#   * used only once complete: a venv whose pip does not run (a run killed while creating it) is
#     removed and made anew, and $VENV/.installed is written only after the package is installed,
#     so a killed run never breaks the next one.
# Without python3-venv (stock Debian) it installs it as root, or says which command to run.
set -euo pipefail

python=${PYTHON:-python3}
venv=${VENV:-.venv}
timeout=${SETUP_LOCK_TIMEOUT:-1800}
installed="$venv/.installed"
lock="$venv.lock"

if command -v flock >/dev/null 2>&1; then
  exec 9>"$lock"
  if ! flock -n 9; then
    echo "waiting for another setup of $venv to finish (lock $lock) …" >&2
    if ! flock -w "$timeout" 9; then
      echo "error: another setup of $venv still holds $lock after $timeout s; let it finish, or stop it, and run make again" >&2
      exit 1
    fi
  fi
fi

# The run that held the lock may have done everything already.
if [ -f "$installed" ] && [ "$installed" -nt pyproject.toml ]; then
  exit 0
fi

if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    bash "$(dirname "$0")/system-deps.sh" venv "$python"
  fi
  if [ -e "$venv" ]; then
    echo "rebuilding $venv: it was left incomplete (a setup that was interrupted?)" >&2
    rm -rf -- "$venv"
  fi
  "$python" -m venv -- "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
fi

# A venv another copy of the project is installed in (VENV=../main/.venv from a clone) serves that copy: installing
# this one into it would silently switch every run of the other copy to this copy's code.
owner=$("$venv/bin/python" - <<'PY' 2>/dev/null || true
import json
from importlib import metadata
try:
    url = json.loads(metadata.distribution("innovation-plan-monitor").read_text("direct_url.json") or "{}").get("url", "")
except metadata.PackageNotFoundError:
    url = ""
print(url.removeprefix("file://"))
PY
)
here=$(pwd -P)
if [ -n "$owner" ] && [ "$(cd "$owner" 2>/dev/null && pwd -P)" != "$here" ] && [ -d "$owner" ]; then
  echo "error: $venv belongs to the copy of the project in $owner (installed from there); installing $here into it would switch that copy's runs to this code. Use a venv of this copy (VENV=.venv, the default)" >&2
  exit 1
fi

echo "setting up $venv: installing the project and what its tests need (a minute or two, once) …" >&2
"$venv/bin/python" -m pip install --quiet -e ".[test]"
touch -- "$installed"
