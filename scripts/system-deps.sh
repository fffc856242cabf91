#!/usr/bin/env bash
# Make sure the system packages the report needs are present (Debian/Ubuntu):
#   fonts-noto-cjk  Chinese glyphs for charts (matplotlib) and the PDF (WeasyPrint, via fontconfig)
#   libpango-1.0-0, libpangoft2-1.0-0  text layout for WeasyPrint
#   libharfbuzz-subset0  fast font subsetting for WeasyPrint (without it a PDF takes ~10 s, not ~1 s)
# As root it installs what is missing with apt-get; otherwise it stops and prints the command.
set -euo pipefail

packages=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages (${missing[*]}) and no apt-get here; install their equivalents" >&2
  echo "       (a CJK font such as Noto Sans CJK SC, and Pango >= 1.44)" >&2
  exit 1
fi
command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing system packages: ${missing[*]}" >&2
  echo "       run: sudo sh -c '$command'" >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# A font that arrives after matplotlib built its font cache is invisible until the cache is rebuilt.
rm -f "${HOME:-/root}"/.cache/matplotlib/fontlist-*.json
