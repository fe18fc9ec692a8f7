#!/usr/bin/env bash
# Install what the tests need (system packages, a virtualenv with requirements-dev.txt) and run them.
#   scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh test
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
