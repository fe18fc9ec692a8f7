"""Shared helpers of the yearly tests: the 2017 sample 要点, parsed and as a draft."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLES

SAMPLE_2017 = SAMPLES / "yearly" / "dalian-2017-yaodian.txt"


def parse_2017(catalogue_id: str = "dalian-2017"):
    from desktop.parser import parse_file

    return parse_file(SAMPLE_2017, catalogue_id)


def draft_2017(catalogue_id: str = "dalian-2017"):
    from desktop.yearly.draft import from_parse

    return from_parse(parse_2017(catalogue_id), SAMPLE_2017.name)


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
