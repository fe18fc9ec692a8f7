#!/usr/bin/env bash
# Screenshots of the real app for README (docs/img/wizard-*.png): each page opened in a real
# window on a private X server (../shared/tools/screenshot-app or a copy of it), cropped to
# the window. Needs the packages of scripts/apt-test.txt.
#   scripts/make-screenshots.sh [path/to/screenshot-app]
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${1:-../shared/tools/screenshot-app}
py=${PYTHON:-.venv/bin/python}
out=docs/img
mkdir -p "$out"
tmp=$(mktemp -d)
take() {  # name unit page
  local data="$tmp/$1"
  "$py" scripts/seed_screenshot_data.py "$data" "$2" "$3"
  [ "$3" = "start" ] && rm -f "$data/settings.json"
  ZWGK_DATA_DIR="$data" "$shot" "$tmp/$1.png" 6 -- "$py" main.py >/dev/null
  convert "$tmp/$1.png" -crop 1280x820+0+0 +repage "$out/wizard-$1.png"
  echo "$out/wizard-$1.png"
}
take start 市财政局 start
take scope 市财政局 scope
take task 市财政局 task:1.1.1
take figures 中山区 task:3.1.2
take review 市财政局 review
take export 市财政局 export
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
