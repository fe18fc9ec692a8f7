"""GUI tests: Qt offscreen (set in tests/conftest.py), test-mode standard paths, Fusion style."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths

QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True, scope="session")
def _fusion(qapp):
    qapp.setStyle("Fusion")
    return qapp
