#!/usr/bin/env bash
# Install what the app needs (system packages, a virtualenv with requirements.txt) and start it.
#   scripts/run-app.sh [--data-dir DIR]        opens the wizard on the built-in 2016 catalogue
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh runtime
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python main.py "$@"
