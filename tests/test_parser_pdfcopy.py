"""A 要点 that went through Word and PDF: the clerk only has a PDF, copies its text out
(pdftotext, or select-all in a PDF reader) and imports that. The 2016 source must come back as
exactly the same catalogue: hard wraps, page breaks (form feeds), spaces around numbers and
clauses cut over two lines all undone."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.parser.structure import parse_file
from tests.conftest import ROOT, SAMPLES

SOURCE = ROOT / "forms" / "sources" / "dalian-2016-yaodian.txt"


def _same_as_source(path) -> None:
    want = parse_file(SOURCE, "dalian-2016")
    got = parse_file(path, "dalian-2016")
    assert got.catalogue.to_json() == want.catalogue.to_json()
    assert [w.message for w in got.warnings] == [w.message for w in want.warnings]


def test_committed_pdftotext_copy_of_the_source():
    """tests/samples/dalian-2016-pdftotext.txt: the source → LibreOffice 7.4 PDF → pdftotext 22.12."""
    text = (SAMPLES / "dalian-2016-pdftotext.txt").read_text(encoding="utf-8")
    assert "\f" in text and "2016 年 8 月 25 日" in text  # it is the raw tool output
    _same_as_source(SAMPLES / "dalian-2016-pdftotext.txt")


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="needs LibreOffice and poppler-utils (scripts/apt-test.txt)",
)
@pytest.mark.parametrize("layout", [False, True], ids=["pdftotext", "pdftotext-layout"])
def test_source_through_docx_pdf_and_back(tmp_path, layout):
    from docx import Document

    doc = Document()
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    doc.save(tmp_path / "yaodian.docx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "yaodian.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "yaodian.pdf"
    assert pdf.is_file(), "soffice exits 0 even when it fails"
    out = tmp_path / "yaodian.txt"
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), str(out)]
    subprocess.run(args, check=True, capture_output=True, timeout=60)
    _same_as_source(out)
