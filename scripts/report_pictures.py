"""The report pictures of README.md, docs/report.md and docs/lead.md, rendered as a reader sees
them: the realistic 市财政局 sample (tests/samples/reports) exported like ``export --unit``
and turned into pages by LibreOffice (substitute fonts on Linux: structure, not line breaks).

    python scripts/report_pictures.py [OUT_DIR]      # default docs/img

report-page1.png (the first page), report-page12.png (the page where 二、存在的问题 starts),
report-attachment.png (the first landscape page of the 落实情况表), report-contributions.png
(a lead unit's optional attachment 配合单位落实情况, the scenario of tests/test_lead_core.py);
office-report.png, office-report-end.png, office-report-table.png (the 汇总报告's first page,
closing page and first table page, docs/consolidate.md).
Needs the packages of scripts/apt-test.txt (LibreOffice, poppler).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import catalogue as catalogue_mod  # noqa: E402
from desktop import forms, units  # noqa: E402
from desktop.report import export_report  # noqa: E402
from tests.samples import reports  # noqa: E402


def to_pdf(docx: Path) -> Path:
    profile = docx.parent / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(docx.parent), str(docx)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    pdf = docx.with_suffix(".pdf")
    if not pdf.is_file():
        sys.exit(f"LibreOffice made no PDF of {docx}")
    return pdf


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


def landscape_pages(pdf: Path) -> list[int]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True
    ).stdout
    sizes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
    return [int(n) for n, w, h in sizes if float(w) > float(h)]


def picture(pdf: Path, page: int, dpi: int, out: Path) -> None:
    stem = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    print(out)


def finance(work: Path, out: Path, catalogue, form) -> None:
    docx = export_report(reports.load("shi-caizhengju-2016"), catalogue, form, work / "cz.docx")
    pdf = to_pdf(docx)
    texts = page_texts(pdf)
    problems = next(i for i, t in enumerate(texts, 1) if "二、存在的问题" in t)
    picture(pdf, 1, 60, out / "report-page1.png")
    picture(pdf, problems, 60, out / "report-page12.png")
    picture(pdf, landscape_pages(pdf)[0], 82, out / "report-attachment.png")


def contributions(work: Path, out: Path, catalogue, form) -> None:
    """The office leads 四（三）; 中山区 and 市教育局 sent their parts (tests/lead_support)."""
    from desktop.lead.collect import collect_paths
    from desktop.lead.desk import LeadDesk
    from desktop.store import open_store, task_scope
    from tests.lead_support import LEAD, TASK, full_payload, write_part
    from tests.test_store_support import real_context

    _catalogue, _form, directory = real_context()
    folder = work / "parts"
    folder.mkdir()
    for unit in ("市教育局", "中山区"):
        with open_store(work / f"pc-{unit}").store as store:
            write_part(store, unit, folder)
    with open_store(work / "lead-pc").store as store:
        rid = store.create_report(LEAD, catalogue.id)
        store.save_fields(rid, [(task_scope(TASK), "status", "已完成")])
        collect_paths([folder], store, rid, catalogue, form, directory, lambda _u: True)
        desk = LeadDesk(store, rid, catalogue, form, directory, directory.unit(LEAD))
        desk.set_in_report(TASK, True)
        rows = desk.report_rows()
        data = full_payload(store, rid)
    data = {**data, "status": "final", "profile": {**data["profile"], "report_date": "2016-11-28"}}
    docx = export_report(data, catalogue, form, work / "lead.docx", contributions=rows)
    pdf = to_pdf(docx)
    picture(pdf, landscape_pages(pdf)[-1], 60, out / "report-contributions.png")


def summary(work: Path, out: Path, catalogue, form) -> None:
    """The office's 汇总报告 of 40 units (four realistic samples, generated answers for the
    rest, two drafts, four units silent), as ``consolidate --docx`` writes it."""
    from tests.samples.unit_reports import make_payload, write_docx, write_json

    directory = units.load()
    inbox = work / "inbox"
    inbox.mkdir()
    silent = {"市委办公厅", "旅顺口区", "长海县", "大连广播电视大学"}
    drafts = {"西岗区", "市教育局"}
    real = {reports.load(name)["unit"]: name for name in reports.ALL}
    for n, unit in enumerate(u for u in directory.units if u.name not in silent):
        if unit.name in real:
            data = reports.load(real[unit.name])
            export_report(data, catalogue, form, inbox / f"{unit.name}.docx")
            continue
        data = make_payload(catalogue, form, directory, unit, final=unit.name not in drafts)
        write = write_json if n % 2 else write_docx
        write(inbox / f"{unit.name}.{'json' if n % 2 else 'docx'}", data)
    docx = work / "summary.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(work / "office"),
         "consolidate", str(inbox), "--docx", str(docx)],
        capture_output=True, check=True,
    )  # fmt: skip
    pdf = to_pdf(docx)
    texts = page_texts(pdf)
    closing = next(i for i, t in enumerate(texts, 1) if "特此报告" in t)
    picture(pdf, 1, 60, out / "office-report.png")
    picture(pdf, closing, 60, out / "office-report-end.png")
    picture(pdf, landscape_pages(pdf)[0], 60, out / "office-report-table.png")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    catalogue = catalogue_mod.load_builtin()
    form = forms.load(catalogue, directory=units.load())
    work = Path(tempfile.mkdtemp(prefix="report-pictures-"))
    try:
        finance(work, out, catalogue, form)
        contributions(work, out, catalogue, form)
        summary(work, out, catalogue, form)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
