# Sourced by packaging/wine/check.sh (on the host) and inner.sh (in the chroot): one line per
# stage with its time, the stage's own output in a log file, and a failure that names the stage.
#
#   stage "name" command args...   # runs the command with `set -e` in a subshell

WINE_T0=${WINE_T0:-$(date +%s)}
WINE_LOGS=${WINE_LOGS:-/tmp}

_stage_slug() { printf '%s' "$1" | tr -c 'A-Za-z0-9' '-' | tr -s '-' | sed 's/-$//'; }

stage() {
  local name=$1
  shift
  local log
  log="$WINE_LOGS/$(_stage_slug "$name").log"
  local t=$SECONDS rc=0
  STAGE_LOG=$log
  rm -f "$log.note"
  set +e
  ( set -euo pipefail; "$@" ) >"$log" 2>&1 </dev/null
  rc=$?
  set -e
  local took=$((SECONDS - t)) total=$(($(date +%s) - WINE_T0))
  # The stage may leave one line worth showing (e.g. pytest's summary) in $log.note.
  local note=""
  [ -s "$log.note" ] && note="  — $(tr -d '\r' <"$log.note" | tail -n 1)"
  if [ "$rc" -eq 0 ]; then
    printf '[wine] %-44s ok   %4d s  (at %4d s)%s\n' "$name" "$took" "$total" "$note"
    return 0
  fi
  printf '[wine] %-44s FAIL %4d s  (at %4d s)%s\n' "$name" "$took" "$total" "$note"
  echo "----- last lines of the '$name' log -----"
  tr -d '\r' <"$log" | tail -n "${WINE_FAIL_LINES:-80}"
  echo "-----"
  echo "WINDOWS CHECK FAILED at stage '$name' (exit $rc). Full log: ${WINE_LOGS_HOST:-$WINE_LOGS}/${log##*/}"
  exit 1
}

# A line for the stage's summary (shown after "ok"/"FAIL").
note() { echo "$*" >"$STAGE_LOG.note"; }
