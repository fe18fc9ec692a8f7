#!/usr/bin/env bash
# Install what the tests need (system packages, a virtualenv with requirements-dev.txt) and run
# them: ruff (lint and format), mypy on the core, then pytest.
#   scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh test
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy  # the Qt-free core; configuration in pyproject.toml
exec .venv/bin/python -m pytest "$@"
