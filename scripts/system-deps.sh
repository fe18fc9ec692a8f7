#!/usr/bin/env bash
# Install the Debian/Ubuntu packages listed in scripts/apt-<kind>.txt that are missing.
#   scripts/system-deps.sh runtime|test|wine
# Uses apt-get as root, or sudo; elsewhere prints what is needed and carries on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-runtime}" in
  runtime) lists=("$here/apt-runtime.txt") ;;
  test) lists=("$here/apt-runtime.txt" "$here/apt-test.txt") ;;
  wine) lists=("$here/apt-wine.txt") ;;
  *) echo "usage: $0 runtime|test|wine" >&2; exit 2 ;;
esac
command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian-based system: install the packages in ${lists[*]} yourself." >&2; exit 0; }
missing=()
for f in "${lists[@]}"; do
  while read -r pkg; do
    case "$pkg" in ""|\#*) continue ;; esac
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done < "$f"
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install (as root): apt-get install ${missing[*]}" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
