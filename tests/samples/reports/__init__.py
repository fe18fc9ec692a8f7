"""Realistic, fully answered report payloads (see ../README.md, section “Fully answered reports”)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ("shi-caizhengju-2016", "zhongshan-qu-2016")
# The edges a reader notices: a unit with four tasks and a line or two each (one answered by
# figures only), and one with a 650-字 task, ten evidence entries and addresses of 90 characters.
EDGES = ("shi-guoshuiju-2016-short", "shi-bianweiban-2016-long")
ALL = NAMES + EDGES


def path(name: str) -> Path:
    return HERE / f"{name}.json"


def load(name: str) -> dict:
    """A fresh copy of the sample payload *name* (tests may change it)."""
    return json.loads(path(name).read_text(encoding="utf-8"))
