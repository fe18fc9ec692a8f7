#!/usr/bin/env bash
# Screenshots of the real app for README and docs/img: each page opened in a real window on a
# private X server (scripts/screenshot.sh; the yearly and lead pictures use
# ../shared/tools/screenshot-app or a copy of it, cropped to the window). Needs the packages
# of scripts/apt-test.txt.
#   scripts/make-screenshots.sh [path/to/screenshot-app]
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${1:-../shared/tools/screenshot-app}
py=${PYTHON:-.venv/bin/python}
out=docs/img
mkdir -p "$out"
tmp=$(mktemp -d)
# The wizard and the 汇总 window as a clerk sees them on a 1366×768 office monitor, filled
# with the realistic sample reports (tests/samples/reports): README's pictures at 100%, and the
# pairs at 100% and 150% (QT_SCALE_FACTOR=1.5) in docs/img/screens/.
screen() {  # out.png scale -- args for ux_screens.py
  local png=$1 scale=$2; shift 3
  QT_SCALE_FACTOR=$scale scripts/screenshot.sh "$png" 1366x768 8 -- "$py" scripts/ux_screens.py "$@" >/dev/null 2>&1
  echo "$png"
}
wizard() {  # out.png scale page unit
  screen "$1" "$2" -- wizard "$tmp/$(basename "$1" .png)" "$3" "${4:-中山区}"
}
wizard "$out/wizard-start.png" 1 start
wizard "$out/wizard-scope.png" 1 scope 市财政局
wizard "$out/wizard-task.png" 1 task:1.6.1 市财政局
wizard "$out/wizard-figures.png" 1 task:3.1.2
wizard "$out/wizard-review.png" 1 review
wizard "$out/wizard-export.png" 1 export 市财政局
screen "$out/office-matrix.png" 1 -- office "$tmp/office" matrix
screen "$out/office-task.png" 1 -- office "$tmp/office-task" task
mkdir -p "$out/screens"
for scale in 1 1.5; do
  tag=$([ "$scale" = 1 ] && echo 1366 || echo 150)
  wizard "$out/screens/start-$tag.png" "$scale" start
  wizard "$out/screens/task-$tag.png" "$scale" task:3.1.2
  wizard "$out/screens/review-$tag.png" "$scale" review
  screen "$out/screens/matrix-$tag.png" "$scale" -- office "$tmp/matrix-$tag" matrix
done
# The yearly features (docs/yearly.md): the office's review tab, and last year's answer beside
# this year's form.
data="$tmp/yearly-office"
"$shot" "$tmp/yearly-review.png" 6 -- "$py" scripts/yearly_screens.py office "$data" 1.6.1 >/dev/null
convert "$tmp/yearly-review.png" -crop 1280x800+0+0 +repage "$out/yearly-review.png"
data="$tmp/yearly-unit"
"$py" scripts/yearly_screens.py unit "$data" task:1.4.1
ZWGK_DATA_DIR="$data" "$shot" "$tmp/yearly-reference.png" 7 -- "$py" main.py >/dev/null
convert "$tmp/yearly-reference.png" -crop 1280x820+0+0 +repage "$out/yearly-reference.png"
echo "$out/yearly-review.png $out/yearly-reference.png"
# The 牵头 unit's task page with two collected parts (issue 16).
"$py" scripts/seed_lead_screenshot.py "$tmp/lead"
ZWGK_DATA_DIR="$tmp/lead" "$shot" "$tmp/lead.png" 6 -- "$py" main.py >/dev/null
convert "$tmp/lead.png" -crop 1280x820+0+0 +repage "$out/wizard-lead-panel.png"
echo "$out/wizard-lead-panel.png"
rm -rf "$tmp"
