"""The .docx through LibreOffice headless: the pages a reader prints.

Fonts on Linux are substitutes (no 仿宋/楷体), so this checks structure — page size, page
count, page numbers and their side, where the attachment starts — not line breaks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from desktop import payload as payload_mod
from desktop.report import export_report
from desktop.report.samples import sample_payload

# Not skipped when LibreOffice is missing: the PDF check is one of the bars, and
# scripts/test.sh installs it (scripts/apt-test.txt).
pytestmark = pytest.mark.slow


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """soffice exits 0 even when it fails, so the PDF's existence is the real result."""
    assert shutil.which("soffice"), "LibreOffice is needed: run scripts/system-deps.sh test"
    profile = out_dir / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 0, "LibreOffice made no PDF"
    return pdf


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info.stdout)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


def page_text(pdf: Path, page: int, crop: tuple[int, int, int, int] | None = None) -> str:
    args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page)]
    if crop:
        x, y, w, h = crop
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    done = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def flat(text: str) -> str:
    """pdftotext puts spaces around digits and indents lines; compare without whitespace."""
    return re.sub(r"\s+", "", text)


FOOTER_LEFT = (0, 730, 297, 112)  # points at 72 dpi: the band below the text block
FOOTER_RIGHT = (298, 730, 297, 112)


def test_full_report_pages_numbers_and_attachment(tmp_path, catalogue, form, directory_bundled):
    data = sample_payload("市财政局", catalogue, form, directory_bundled)
    pdf = to_pdf(export_report(data, catalogue, form, tmp_path / "report.docx"), tmp_path)
    pages = pdf_pages(pdf)
    assert pages >= 4
    for n in range(1, pages + 1):
        number = re.compile(rf"—\s*{n}\s*—")
        right, left = page_text(pdf, n, FOOTER_RIGHT), page_text(pdf, n, FOOTER_LEFT)
        if n % 2:
            assert number.search(right) and not number.search(left), f"page {n}"
        else:
            assert number.search(left) and not number.search(right), f"page {n}"
    assert flat(page_text(pdf, 1)).startswith(
        "市财政局关于2016年政务公开工作要点落实情况的报告市政府办公厅：根据《"
    )
    first_lines = [flat(page_text(pdf, n).strip().splitlines()[0]) for n in range(1, pages + 1)]
    attachment = first_lines.index("附件") + 1
    assert "市财政局2016年11月28日（联系人：张三" in flat(page_text(pdf, attachment - 1))
    for n in range(attachment, pages + 1):
        assert "序号工作任务" in flat(page_text(pdf, n))  # the header row repeats on every page
    assert "附件2016年政务公开工作要点落实情况表序号" in flat(page_text(pdf, attachment))


def test_short_report_is_exactly_two_pages(tmp_path, catalogue, form, directory_bundled):
    """A body that fits one page and a three-row table: page 1 and the attachment page."""
    data = sample_payload("市财政局", catalogue, form, directory_bundled)
    keep = ("1.6.1", "2.3.1", "5.3.1")
    data["answers"] = {k: v for k, v in data["answers"].items() if k in keep}
    data["answers"]["1.6.1"] = {
        "role": "lead",
        "optional": False,
        "applicable": True,
        "status": "已完成",
        "measures": "在政府网站公开市本级预算和部门预算。",
    }
    data["answers"]["5.3.1"].pop("measures")
    data["texts"] = {"overview": "", "problems": "", "plans": "继续做好预决算公开。"}
    assert payload_mod.validate(data, catalogue, form) == []
    pdf = to_pdf(export_report(data, catalogue, form, tmp_path / "short.docx"), tmp_path)
    assert pdf_pages(pdf) == 2
    assert "特此报告。附件：2016年政务公开工作要点落实情况表市财政局2016年11月28日" in flat(
        page_text(pdf, 1)
    )
    assert flat(page_text(pdf, 2)).startswith("附件2016年政务公开工作要点落实情况表")
    assert re.search(r"—\s*2\s*—", page_text(pdf, 2, FOOTER_LEFT))
