# The Windows stages of packaging/wine/check.sh, run by it inside its Debian chroot, where
# /work holds this run only: src/ (the repository), py/ (Windows CPython), wheels/, iscc/,
# readonly/ (a read-only mount), logs/. Not meant to be run by hand.
set -euo pipefail

export WINEPREFIX=/work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko installers (nothing here needs .NET or a browser engine).
export WINEDLLOVERRIDES="mscoree,mshtml="
# Python may keep its .pyc files (the work tree is thrown away anyway): without them every one
# of the suite's hundreds of Windows processes (each CLI test runs main.py) compiled the program
# again before doing anything.
export PYTHONUTF8=1 PYTHONIOENCODING=utf-8
# A clerk's profile: Chinese characters and a space in the user name, so %USERPROFILE%,
# %APPDATA%, %LOCALAPPDATA%, %TEMP% (pytest's tmp_path, the install folder, the data folder)
# all carry them.
export USER="张 三" LOGNAME="张 三"
. /work/stages.sh

PY='Z:\work\py\python.exe'
SRC='Z:\work\src'
ISCC='Z:\work\iscc\ISCC.exe'
PROFILE="$WINEPREFIX/drive_c/users/$USER"
PROFILE_W="C:\\users\\$USER"
APP="$PROFILE/AppData/Local/Programs/ZWGK/zwgk-report"
APP_W="$PROFILE_W\\AppData\\Local\\Programs\\ZWGK\\zwgk-report"
DATA="$PROFILE/AppData/Roaming/ZWGK/zwgk-report"
TITLE="政务公开落实情况报告"

# Run a Windows program. Its std streams must be pipes: when a Unix regular file is behind a
# std handle, Wine hands Python an invalid handle and it dies at start. A program still running
# after $WAIT seconds (default 900) is stopped, with everything else in the prefix.
w() {
  local rc
  set +e
  timeout "${WAIT:-900}" wine "$@" </dev/null 2>&1 | tr -d '\r'
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" = 124 ]; then
    echo "timed out after ${WAIT:-900} s: $*"
    wineserver -k || true
  fi
  return "$rc"
}
# Wine passes no QT_* variable from Unix to Windows programs; WINEQT_X arrives as QT_X.
offscreen() { WINEQT_QPA_PLATFORM=offscreen WINEQT_QPA_FONTDIR='C:\windows\Fonts' "$@"; }

prefix() {
  # A new prefix for every run. wineboot takes a minute under load, so the prefix it made on an
  # earlier run (same Wine, user, stubs and font set-up; never used by anything) is copied.
  local key tpl how="copied from the pristine prefix wineboot made on an earlier run"
  key=$( (wine --version; echo "$USER"; cat /work/src/packaging/wine/stubs/*.c; declare -f make_prefix) | sha256sum | cut -c1-16)
  tpl=/var/cache/zwgk-prefix/$key
  rm -rf "$WINEPREFIX"
  if [ ! -f "$tpl/.zwgk-pristine" ]; then
    make_prefix
    wineserver -w
    rm -rf /var/cache/zwgk-prefix && mkdir -p /var/cache/zwgk-prefix
    cp -a "$WINEPREFIX" "$tpl.new" && touch "$tpl.new/.zwgk-pristine" && mv "$tpl.new" "$tpl"
    how="made by wineboot"
  else
    cp -a "$tpl" "$WINEPREFIX" && rm "$WINEPREFIX/.zwgk-pristine"
  fi
  [ -d "$PROFILE" ] || { echo "no profile folder $PROFILE"; ls "$WINEPREFIX/drive_c/users"; return 1; }
  [ -f "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" ]
  note "$(wine --version), Windows 10, profile $PROFILE_W ($how)"
}

make_prefix() {
  w wineboot -i
  # A 32+64-bit prefix says Windows 7; Setup's MinVersion (10.0.17763) refuses that.
  w winecfg -v win10
  wineserver -w
  # The test-only stubs (packaging/wine/stubs/*.c), never shipped: Wine 8 has no icuuc.dll,
  # which Qt6Core imports, and its mscms.dll lacks what the on-screen qwindows plugin imports.
  mkdir -p /work/stubs
  for stub in icuuc mscms; do
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "/work/stubs/$stub.dll" "/work/src/packaging/wine/stubs/$stub.c"
    cp "/work/stubs/$stub.dll" "$WINEPREFIX/drive_c/windows/system32/$stub.dll"
  done
  # Chinese glyphs for the on-screen window: Wine has none of Windows' Chinese fonts, and Qt
  # falls back to Microsoft YaHei / SimSun for Han text; WenQuanYi Micro Hei stands in for them.
  cp /usr/share/fonts/truetype/wqy/wqy-microhei.ttc "$WINEPREFIX/drive_c/windows/Fonts/"
  local key='HKLM\Software\Microsoft\Windows NT\CurrentVersion'
  w reg add "$key\Fonts" /v "WenQuanYi Micro Hei (TrueType)" /d wqy-microhei.ttc /f
  for face in "Microsoft YaHei" "Microsoft YaHei UI" SimSun NSimSun SimHei; do
    w reg add "$key\FontSubstitutes" /v "$face" /d "WenQuanYi Micro Hei" /f
  done
}

pip_install() {
  local how="installed on an earlier run from the same lock"
  if [ ! -f /work/py/.zwgk-installed ]; then
    w "$PY" -m pip install -q --disable-pip-version-check --no-warn-script-location --no-index \
      --find-links 'Z:\work\wheels' --require-hashes -r "$SRC\\packaging\\wine\\win-wheels.lock"
    how="installed now"
    # Kept for the next run with the same lock (check.sh copies it back in): pip under Wine
    # takes a minute or two; copying takes seconds. Saved before any test has run in it.
    rm -rf /var/cache/zwgk-py && mkdir -p /var/cache/zwgk-py
    cp -a /work/py "/var/cache/zwgk-py/$PYKEY.new"
    touch "/var/cache/zwgk-py/$PYKEY.new/.zwgk-installed"
    mv "/var/cache/zwgk-py/$PYKEY.new" "/var/cache/zwgk-py/$PYKEY"
  fi
  w "$PY" -m pip check
  note "$(w "$PY" -c "import sys, PySide6; print(f'Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}')") ($how)"
}

pytest_windows() {
  cd /work/src
  local args=(-m "not slow")
  [ -n "${ZWGK_WINE_PYTEST:-}" ] && eval "args=($ZWGK_WINE_PYTEST)"
  # One test process by default. Two (pytest-xdist, ZWGK_WINE_WORKERS=2) ran a CLI-heavy part
  # of the suite 1.2x faster, but one whole run had its pytest process killed by Wine just
  # after all tests had passed: reliable first. (What made the suite fast is the .pyc files.)
  local workers=(-n "${ZWGK_WINE_WORKERS:-0}" --dist loadscope)
  [ "${ZWGK_WINE_WORKERS:-0}" = 0 ] && workers=(-p no:xdist)
  # ruff is not run here: ruff.exe needs bcryptprimitives.dll, which Wine 8 lacks; lint is the
  # same on every platform and runs on Linux.
  local rc cache=(-o 'cache_dir=Z:\work\pytest-cache')
  set +e
  ZWGK_TEST_READONLY_DIR='Z:\work\readonly' WAIT=3600 w "$PY" -m pytest -q "${cache[@]}" -rfEs --durations=20 "${workers[@]}" "${args[@]}" |
    tee /work/logs/pytest.txt | tail -n 40
  rc=${PIPESTATUS[0]}
  set -e
  local summary
  summary=$(grep -E '^[0-9]+ (passed|failed)|^=+ .*(passed|failed)' /work/logs/pytest.txt | tail -n 1)
  if [ "$rc" = 1 ]; then
    # Wine itself now and then fails to start a process (WinError 1359, "Internal error"). The
    # tests that failed run once more, alone; one that fails again is a failure, and either way
    # the first result stays in the log and in the stage's line.
    echo "== the failed tests once more (Wine sometimes fails to start a process):"
    set +e
    ZWGK_TEST_READONLY_DIR='Z:\work\readonly' w "$PY" -m pytest -q "${cache[@]}" -p no:xdist -rfEs --last-failed --last-failed-no-failures none |
      tee /work/logs/pytest-retry.log | tail -n 60
    rc=${PIPESTATUS[0]}
    set -e
    summary="$summary; the failed ones again: $(grep -E '[0-9]+ (passed|failed)' /work/logs/pytest-retry.log | tail -n 1)"
  fi
  note "$summary"
  return "$rc"
}

break_the_spec() {
  # ZWGK_WINE_BREAK=spec: forms/units.json is left out of the bundle, as a careless edit of the
  # spec would; the bundle's own smoke test must catch it (docs/packaging.md shows the output).
  sed -i 's|^datas = \[(str(ROOT / "forms"), "forms")\]$|datas = [(str(p), str(Path("forms") / p.relative_to(ROOT / "forms").parent)) for p in (ROOT / "forms").rglob("*") if p.is_file() and p.name != "units.json"]|' \
    /work/src/packaging/zwgk.spec
  grep -q 'p.name != "units.json"' /work/src/packaging/zwgk.spec
  echo "ZWGK_WINE_BREAK=spec: forms/units.json left out of packaging/zwgk.spec"
}

build() {
  cd /work/src
  # PyInstaller's cache of binary-dependency analysis outlives the throw-away prefix (per lock:
  # the same wheels give the same DLLs), as it would on a build PC; the build itself is new.
  mkdir -p "/var/cache/zwgk-pyinstaller/$PYKEY"
  export PYINSTALLER_CONFIG_DIR="Z:\\var\\cache\\zwgk-pyinstaller\\$PYKEY"
  [ "${ZWGK_WINE_BREAK:-}" = spec ] && break_the_spec
  local rc
  set +e
  WAIT=2700 w "$PY" packaging/build.py --require-installer --iscc "$ISCC" --report 'Z:\work\build-report.json' |
    grep -vE "WARNING: Library not found: could not resolve 'api-ms-win-"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" != 0 ]; then
    note "build.py stopped in step '$(grep -E '^== [0-9]\. ' "$STAGE_LOG" | tail -n 1 | sed 's/^== //')': $(grep -E '^BUILD FAILED' "$STAGE_LOG" | tail -n 1)"
    return "$rc"
  fi
  # Where the time went (build.py's report): PyInstaller, smoke, window, ISCC.
  local took
  took=$(tr -d '\r\n ' </work/build-report.json | grep -oE '"(build|smoke|gui|installer)_seconds":[0-9.]+' |
    sed -E 's/"build_s.*:/PyInstaller /; s/"smoke_s.*:/smoke /; s/"gui_s.*:/window /; s/"installer_s.*:/ISCC /; s/$/ s/' | paste -sd, - | sed 's/,/, /g')
  note "$(grep -E '^bundle: ' "$STAGE_LOG" | head -n 1); $(grep -E '^installer: ' "$STAGE_LOG" | sed 's/.*(\(.*\))$/installer \1/') ($took)"
}

broken_bundle() {
  # What the smoke stage is for: a bundle missing one data file (as a spec that leaves it out
  # makes) must fail its own smoke test, naming the step, before any installer is made.
  rm -rf /work/broken && cp -a /work/src/dist/zwgk /work/broken
  rm /work/broken/_internal/forms/units.json
  local out rc
  set +e
  out=$(offscreen w 'Z:\work\broken\zwgk-cli.exe' smoke)
  rc=$?
  set -e
  echo "$out"
  rm -rf /work/broken
  [ "$rc" = 1 ] || { echo "the broken bundle's smoke test exited $rc, not 1"; return 1; }
  grep -q "^自检未通过：第 [0-9]* 步" <<<"$out"
  note "$(grep -m1 "^自检未通过" <<<"$out" | cut -c1-90)"
}

bundle_tests() {
  cd /work/src
  local rc
  set +e
  ZWGK_BUNDLE_DIR='Z:\work\src\dist\zwgk' w "$PY" -m pytest -q -p no:cacheprovider -rfEs tests/test_packaging_bundle.py |
    tee /work/logs/pytest-bundle.txt | tail -n 30
  rc=${PIPESTATUS[0]}
  set -e
  note "$(grep -E '(passed|failed)' /work/logs/pytest-bundle.txt | tail -n 1)"
  return "$rc"
}

version() {
  (cd /work/src && w "$PY" -c "import sys; sys.path.insert(0, 'packaging'); import version_info as v; n = v.current_version()[0]; print(n, '.'.join(map(str, v.version_tuple(n))))")
}

installer_for_wine() {
  # Wine 8 lacks FOLDERID_UserProgramFiles, which {autopf} resolves to in a per-user install;
  # this copy names the same folder ({localappdata}\Programs) directly. The script as shipped
  # was compiled by build.py in the stage before.
  cd /work/src/packaging
  # It also compresses faster: what it installs is the same, and the shipped script's compile at
  # lzma2/max (the size clerks get) took minutes under Wine already.
  sed -e 's|^DefaultDirName={autopf}\\|DefaultDirName={localappdata}\\Programs\\|' \
    -e 's|^Compression=.*|Compression=lzma2/fast|' installer.iss >installer-wine.iss
  grep -q '^DefaultDirName={localappdata}\\Programs\\ZWGK\\zwgk-report$' installer-wine.iss
  grep -q '^Compression=lzma2/fast$' installer-wine.iss
  read -r v fv < <(version)
  w "$ISCC" /Q "/DAppVersion=$v" "/DFileVersion=$fv" '/DBundleDir=Z:\work\src\dist\zwgk' \
    '/DOutputDir=Z:\work\installer-wine' '/DChineseIsl=Z:\work\src\packaging\inno\ChineseSimplified.isl' installer-wine.iss
  # 32-bit ISCC without a working 32-bit Wine exits 0 and writes nothing: look for the file.
  ls -l "/work/installer-wine/zwgk-setup-$v.exe"
}

install() {
  local setup
  setup=$(ls /work/installer-wine/zwgk-setup-*.exe)
  w "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART '/LOG=C:\install.log'
  wineserver -w
  local missing=0
  for f in zwgk.exe zwgk-cli.exe unins000.exe _internal/forms/units.json; do
    [ -f "$APP/$f" ] || { echo "not installed: $APP/$f"; missing=1; }
  done
  local menu="$PROFILE/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$TITLE"
  for lnk in "$menu/$TITLE.lnk" "$PROFILE/Desktop/$TITLE.lnk" "$menu/卸载 $TITLE.lnk"; do
    [ -f "$lnk" ] || { echo "no shortcut $lnk"; missing=1; continue; }
  done
  # The shortcuts start the windowed program (the target path is stored as UTF-16).
  for lnk in "$menu/$TITLE.lnk" "$PROFILE/Desktop/$TITLE.lnk"; do
    [ -f "$lnk" ] && { tr -d '\0' <"$lnk" | grep -aq 'zwgk-report\\zwgk\.exe' || { echo "$lnk does not start zwgk.exe"; missing=1; }; }
  done
  [ "$missing" = 0 ] || { tr -d '\r' <"$WINEPREFIX/drive_c/install.log" | tail -n 30; return 1; }
  note "$(du -sm "$APP" | cut -f1) MB in $APP_W; Start menu and desktop shortcuts"
}

installed_smoke() {
  local out smoke
  smoke=$(offscreen w "$APP_W\\zwgk-cli.exe" smoke --gui) || { echo "$smoke"; return 1; }
  echo "$smoke"
  grep -q "自检通过" <<<"$smoke"
  [ ! -e "$DATA" ] || { echo "the smoke test wrote into the clerk's data folder"; return 1; }
  helped=$(w "$APP_W\\zwgk-cli.exe" --help)
  head -n 1 <<<"$helped" | grep -qF "zwgk-cli.exe [-h]" || { echo "zwgk-cli.exe --help: $helped"; return 1; }
  # OpenCC (a C++ extension) finds its dictionaries inside an install folder named in Chinese:
  # a Big5 要点 in traditional characters is read as simplified.
  mkdir -p "$PROFILE/Documents/国办 文件"
  cp /work/src/tests/samples/guoban-2016-traditional.big5.txt "$PROFILE/Documents/国办 文件/要点 繁体.txt"
  local doc="$PROFILE_W\\Documents\\国办 文件"
  out=$(w "$APP_W\\zwgk-cli.exe" catalogue import "$doc\\要点 繁体.txt" --out "$doc\\要点.json") || { echo "$out"; return 1; }
  grep -q "已按简体识别" <<<"$out" || { echo "$out"; return 1; }
  grep -q '"issuer": "国务院办公厅"' "$PROFILE/Documents/国办 文件/要点.json"
  note "$(grep -m1 "自检通过" <<<"$smoke"); traditional 要点 read from a Chinese folder"
}

installed_window() {
  # Offscreen first (what build.py checks), then on the Xvfb screen through the real qwindows
  # platform plugin, as the clerk's double-click starts it; both with the clerk's data folder.
  offscreen w "$APP_W\\zwgk.exe" --quit-when-shown
  [ -f "$DATA/answers.db" ] || { echo "no database in $DATA"; return 1; }
  # A Unix file behind a std handle makes the windowed exe fail ("Failed to start embedded
  # python interpreter!"): a pipe, as for every Windows program here.
  (WINEDLLOVERRIDES="mscoree,mshtml=;mscms=n" wine "$APP_W\\zwgk.exe" </dev/null 2>&1 | cat >/work/logs/window.txt) &
  local found="" windows=""
  for _ in $(seq 90); do
    sleep 2
    windows=$(xwininfo -root -tree 2>/dev/null | grep -F '("zwgk.exe" "zwgk.exe")' | grep -vF '"Default IME"' || true)
    # The main window: the program's title and a window's size (a message box says "Error").
    found=$(grep -F "\"$TITLE\"" <<<"$windows" | grep -E ' [0-9]{3,4}x[0-9]{3,4}\+' | head -n 1 || true)
    [ -n "$found" ] && break
  done
  sleep 5 # let it paint
  xwd -root -silent >/work/logs/installed-window.xwd
  wineserver -k || true
  wineserver -w
  [ -n "$found" ] || { echo "no main window within 180 s; the program's windows: ${windows:-none}"; cat /work/logs/window.txt; return 1; }
  note "window on screen: $(sed 's/^ *//' <<<"$found" | cut -c1-80)"
}

measure() {
  cd /work/src
  local out
  # Figures, not a gate: a benchmark that cannot run says so here and in the stage's line.
  # A bounded wait: once, a source start under the benchmark hung at exit for minutes.
  if ! out=$(WAIT=300 offscreen w "$PY" bench/bench_frozen_start.py --bundle "$APP_W" --runs 5); then
    echo "$out"
    note "NOT MEASURED: bench/bench_frozen_start.py failed (its output is in this stage's log)"
    return 0
  fi
  echo "$out"
  {
    echo "Windows figures, measured under Wine $(wine --version | sed 's/wine-//') (not Windows):"
    w "$PY" -c "import json; f = json.load(open(r'Z:\work\build-report.json', encoding='utf-8')); s = f['size']; i = f.get('installer', {}); print(f\"  bundle on disk: {s['bytes'] / 1e6:.1f} MB in {s['files']} files; installer: {i.get('bytes', 0) / 1e6:.1f} MB\")"
    grep -E "window shown|ready" <<<"$out" | sed 's/^ */  /'
  } | tee /work/figures.txt || true
  note "$(grep -E 'window shown' <<<"$out" | sed 's/.*ratio \([0-9.]*x\).*/frozen vs source, window shown: \1/')"
}

uninstall() {
  w "$APP_W\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
  # The uninstaller copies itself to %TEMP% and runs from there: wait for it.
  for _ in $(seq 60); do [ -f "$APP/zwgk.exe" ] || break; sleep 2; done
  wineserver -w
  [ ! -e "$APP/zwgk.exe" ] || { echo "uninstall left $APP/zwgk.exe"; return 1; }
  [ ! -e "$APP/_internal" ] || { echo "uninstall left $APP/_internal"; return 1; }
  [ ! -e "$PROFILE/Desktop/$TITLE.lnk" ] || { echo "uninstall left the desktop shortcut"; return 1; }
  [ -f "$DATA/answers.db" ] || { echo "uninstall deleted the clerk's data ($DATA)"; return 1; }
  note "program and shortcuts gone; $(ls "$DATA" | tr '\n' ' ')kept"
}

tests_beside_the_build() {
  # The Windows tests run beside the build-and-install chain, in a prefix of their own (a copy
  # of the fresh one): its own wineserver, so the chain's `wineserver -w` / `-k` neither wait
  # for the tests nor stop them, and its own %TEMP%. The tests are mostly waiting for Wine
  # (starting processes, Qt offscreen), the build mostly computing: on two cores the two
  # together take little longer than the tests alone. Their stage line comes when they end.
  rm -rf /work/prefix-tests
  cp -a "$WINEPREFIX" /work/prefix-tests
  (
    export WINEPREFIX=/work/prefix-tests
    stage "pytest on Windows Python (beside the build)" pytest_windows
  ) >/work/logs/pytest-stage.txt 2>&1 &
  TESTS_PID=$!
  trap stop_the_tests EXIT
}

stop_the_tests() {
  # A failed stage of the chain ends the check: the tests beside it end with it.
  if [ -n "${TESTS_PID:-}" ] && kill -0 "$TESTS_PID" 2>/dev/null; then
    WINEPREFIX=/work/prefix-tests wineserver -k 2>/dev/null || true
    kill "$TESTS_PID" 2>/dev/null || true
    echo "[wine] the Windows tests were stopped with the check (their log: /work/logs/pytest.txt)"
  fi
}

wait_for_the_tests() {
  local rc=0 t=$SECONDS
  wait "$TESTS_PID" || rc=$?
  TESTS_PID=""
  cat /work/logs/pytest-stage.txt
  [ $((SECONDS - t)) -le 1 ] || echo "[wine] (the chain waited $((SECONDS - t)) s for the Windows tests)"
  [ "$rc" = 0 ] || exit 1
  WINEPREFIX=/work/prefix-tests wineserver -k 2>/dev/null || true
  rm -rf /work/prefix-tests
}

stage "Wine prefix (throw-away) + test-only stubs" prefix
stage "pip install (offline, hash-checked)" pip_install
if [ "${ZWGK_WINE_STOP_AFTER:-}" = pytest ]; then
  # For trying tests on Windows quickly; never a pass: check.sh exits 3.
  stage "pytest on Windows Python" pytest_windows
  echo "[wine] STOPPED after the Windows tests (ZWGK_WINE_STOP_AFTER=pytest): bundle, installer and install NOT checked"
  exit 3
fi
tests_beside_the_build
stage "build.py: bundle, audit, smoke, window, ISCC" build
stage "bundle tests on the Windows bundle" bundle_tests
stage "a bundle without forms/units.json fails its smoke" broken_bundle
stage "installer for Wine ({localappdata} copy)" installer_for_wine
stage "silent per-user install" install
stage "installed zwgk-cli.exe smoke --gui" installed_smoke
stage "installed zwgk.exe: offscreen, then on screen" installed_window
# The start-up figures on a machine no longer busy with the tests.
wait_for_the_tests
stage "start-up: frozen vs source (same prefix)" measure
stage "silent uninstall, data kept" uninstall
cat /work/figures.txt
