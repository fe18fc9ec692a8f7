"""Realistic, fully answered report payloads (see ../README.md, section “Fully answered reports”)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ("shi-caizhengju-2016", "zhongshan-qu-2016")


def path(name: str) -> Path:
    return HERE / f"{name}.json"


def load(name: str) -> dict:
    """A fresh copy of the sample payload *name* (tests may change it)."""
    return json.loads(path(name).read_text(encoding="utf-8"))
