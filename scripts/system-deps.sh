#!/usr/bin/env bash
# Make sure the system packages the project needs are present (Debian/Ubuntu).
#
#   system-deps.sh              what the report needs:
#     fonts-noto-cjk  Chinese glyphs for charts (matplotlib) and the PDF (WeasyPrint, via fontconfig)
#     fonts-dejavu-core  the PDF's fallback for symbols Noto Sans CJK lacks (analysis/glyphs.py)
#     fonts-liberation  Liberation Sans: an English edition's charts, and its pages' quotes and dashes (report.css)
#     libpango-1.0-0, libpangoft2-1.0-0  text layout for WeasyPrint
#     libharfbuzz-subset0  fast font subsetting for WeasyPrint (without it a PDF takes ~10 s, not ~1 s)
#   system-deps.sh venv PYTHON  what `PYTHON -m venv` needs: python3-venv (stock Debian lacks it)
#
# As root it installs what is missing with apt-get, waiting for the apt lock while another apt
# (an unattended upgrade) holds it, at most APT_LOCK_TIMEOUT seconds (default 600); otherwise it
# stops and prints the command to run.
set -euo pipefail

lock_timeout=${APT_LOCK_TIMEOUT:-600}
lock_poll=${APT_LOCK_POLL:-5}

if [ "${1:-}" = venv ]; then
  python=${2:-python3}
  if "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    exit 0
  fi
  version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
  packages=(python3-venv)
  if [ -n "$version" ] && command -v apt-cache >/dev/null 2>&1 && apt-cache show "python$version-venv" >/dev/null 2>&1; then
    packages=("python$version-venv")
  fi
  purpose="$python cannot create a virtual environment (no ensurepip)"
else
  packages=(fonts-noto-cjk fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
  purpose="the report needs them"
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${1:-}" = venv ] && [ ${#missing[@]} -eq 0 ]; then
  missing=("${packages[@]}")  # installed, yet ensurepip is missing: reinstall it
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages (${missing[*]}): $purpose; there is no apt-get here: install their" >&2
  echo "       equivalents (a CJK font such as Noto Sans CJK SC, Pango >= 1.44, Python's venv module)" >&2
  exit 1
fi
command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing system packages: ${missing[*]} ($purpose)" >&2
  echo "       run: sudo sh -c '$command'" >&2
  exit 1
fi

# apt-get, waiting while another package manager holds the apt or dpkg lock.
apt_get() {
  local waited=0 output status
  while true; do
    status=0
    output=$(apt-get -o DPkg::Lock::Timeout=0 "$@" 2>&1) || status=$?
    if [ "$status" -eq 0 ]; then
      return 0
    fi
    if ! grep -qiE "could not get lock|unable to acquire|is another process using it|lock-frontend" <<<"$output"; then
      printf '%s\n' "$output" >&2
      echo "error: apt-get $1 failed (exit $status)" >&2
      exit 1
    fi
    if [ "$waited" -ge "$lock_timeout" ]; then
      echo "error: another package manager (apt, unattended-upgrades) still holds the apt lock after" \
           "${lock_timeout} s; run make again once it has finished, or set APT_LOCK_TIMEOUT" >&2
      exit 1
    fi
    if [ "$waited" -eq 0 ]; then
      echo "waiting for the apt lock, held by another package manager (at most ${lock_timeout} s) …" >&2
    fi
    sleep "$lock_poll"
    waited=$((waited + lock_poll))
  done
}

echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_get update -qq
apt_get install -y -qq --no-install-recommends "${missing[@]}"
# A font that arrives after matplotlib built its font cache is invisible until the cache is rebuilt.
rm -f "${HOME:-/root}"/.cache/matplotlib/fontlist-*.json
