#!/usr/bin/env bash
# Start a command on a private X server of a given size, wait, and save a screenshot of the
# whole screen (a variant of ../shared/tools/screenshot-app with the screen size as a parameter,
# so the app is seen as on a 1366×768 office monitor, or at 150% with QT_SCALE_FACTOR=1.5).
#   scripts/screenshot.sh OUT.png [WIDTHxHEIGHT] [SECONDS] -- python main.py [args]
# Needs the packages of scripts/apt-test.txt (xvfb, x11-apps, imagemagick, fonts-noto-cjk).
set -eu
out=$1; shift
size=1366x768
wait=4
case "${1:-}" in *x*) size=$1; shift ;; esac
if [ "${1:-}" != "--" ] && [ -n "${1:-}" ]; then wait=$1; shift; fi
[ "${1:-}" = "--" ] && shift
# A free display number: the lock file of a running X server marks a used one.
for n in $(seq 90 189); do [ -e "/tmp/.X$n-lock" ] || { disp=:$n; break; }; done
Xvfb "$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 & xpid=$!
trap 'kill "$xpid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${disp#:}" ] && break; sleep 0.1; done
env -u QT_QPA_PLATFORM DISPLAY="$disp" "$@" & apid=$!
sleep "$wait"
xwd -root -display "$disp" | convert xwd:- "$out"
kill "$apid" 2>/dev/null || true; wait "$apid" 2>/dev/null || true
echo "saved $out ($size)"
