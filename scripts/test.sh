#!/usr/bin/env bash
# Install what the tests need (system packages, a virtualenv with requirements-dev.txt) and run
# them: ruff (lint and format), mypy on the core, pytest, then the Windows check under Wine
# (packaging/wine/check.sh: the Windows tests, bundle, installer, install, start and uninstall;
# needs root; docs/packaging.md). ZWGK_SKIP_WINE=1 skips the Windows check (not in CI).
#   scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh test
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy  # the Qt-free core; configuration in pyproject.toml
.venv/bin/python -m pytest "$@"
exec packaging/wine/check.sh
