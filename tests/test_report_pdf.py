"""The .docx through LibreOffice headless: the pages a reader prints.

Fonts on Linux are substitutes (no 仿宋/楷体), so this checks structure — page size, page
count, page numbers and their side, where the attachment starts — not line breaks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from desktop import payload as payload_mod
from desktop.report import export_report
from desktop.report import rules as R
from tests.samples import reports

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


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's orientation, from pdfinfo: "portrait" or "landscape" (both A4)."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True
    )
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    out = []
    for w, h in sizes:
        w_pt, h_pt = float(w), float(h)
        assert {round(w_pt), round(h_pt)} == {595, 842}, (w, h)  # A4 either way round
        out.append("portrait" if w_pt < h_pt else "landscape")
    return out


def page_text(
    pdf: Path, page: int, crop: tuple[int, int, int, int] | None = None, raw=False
) -> str:
    args = ["pdftotext", "-raw" if raw else "-layout", "-f", str(page), "-l", str(page)]
    if crop:
        x, y, w, h = crop
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    done = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def table_page_text(pdf: Path, page: int) -> str:
    """A landscape page's text right of the left-edge band that holds its page number."""
    return page_text(pdf, page, (96, 0, 746, 595))


def flat(text: str) -> str:
    """pdftotext puts spaces around digits and indents lines; compare without whitespace."""
    return re.sub(r"\s+", "", text)


# Points at 72 dpi. Portrait: the band below the text block, left and right halves.
# Landscape (GB/T 9704 §10.1, the sheet's foot is the page's left edge): the band left of the
# text block, upper and lower halves — the sheet's left and right.
FOOTERS = {
    "portrait": ((0, 730, 297, 112), (298, 730, 297, 112)),
    "landscape": ((0, 0, 95, 297), (0, 298, 95, 297)),
}
LANDSCAPE_FOOT = (0, 545, 842, 50)  # below the landscape text block: no number there


def assert_page_numbers(pdf: Path, kinds: list[str]) -> None:
    """``— n —`` on every page, on the sheet's right for odd pages and its left for even
    ones; on landscape pages at the left edge (the sheet's foot), never below the table."""
    for n, kind in enumerate(kinds, 1):
        number = re.compile(rf"—\s*{n}\s*—")
        left_box, right_box = FOOTERS[kind]
        right, left = page_text(pdf, n, right_box), page_text(pdf, n, left_box)
        if n % 2:
            assert number.search(right) and not number.search(left), f"page {n}"
        else:
            assert number.search(left) and not number.search(right), f"page {n}"
        if kind == "landscape":
            assert not number.search(page_text(pdf, n, LANDSCAPE_FOOT)), f"page {n}"


@pytest.fixture(scope="module")
def finance_pdf(tmp_path_factory, catalogue, form):
    folder = tmp_path_factory.mktemp("pdf")
    data = reports.load("shi-caizhengju-2016")
    return data, to_pdf(export_report(data, catalogue, form, folder / "report.docx"), folder)


def test_full_report_pages_numbers_and_landscape_attachment(finance_pdf):
    _data, pdf = finance_pdf
    kinds = pdf_pages(pdf)
    attachment = kinds.index("landscape") + 1
    assert kinds == ["portrait"] * (attachment - 1) + ["landscape"] * (len(kinds) - attachment + 1)
    assert len(kinds) - attachment + 1 <= 4  # 26 rows: at most four landscape pages
    assert_page_numbers(pdf, kinds)
    assert flat(page_text(pdf, 1)).startswith(
        "市财政局关于2016年政务公开工作要点落实情况的报告市政府办公厅：根据《"
    )
    assert "市财政局2016年11月28日（联系人：张晓红" in flat(page_text(pdf, attachment - 1))
    assert flat(table_page_text(pdf, attachment)).startswith(
        "附件2016年政务公开工作要点落实情况表序号要点条目工作任务责任类型完成状态落实情况"
    )
    for n in range(attachment, len(kinds) + 1):  # the header row repeats on every page
        assert "序号要点条目工作任务责任类型完成状态落实情况公开载体及网址备注" in flat(
            page_text(pdf, n)
        )


def table_row_heights(pdf: Path, page: int) -> list[float]:
    """Heights in points of the table rows drawn on *page*, header row first: the distances
    between the horizontal rules that span the table (read from poppler's SVG of the page)."""
    with tempfile.TemporaryDirectory() as folder:
        svg = Path(folder) / "page.svg"
        subprocess.run(
            ["pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(pdf), str(svg)],
            check=True,
            capture_output=True,
        )
        drawing = svg.read_text(encoding="utf-8")
    rules = {
        round(float(y1), 1)
        for x1, y1, x2, y2 in re.findall(r'd="M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) "', drawing)
        if abs(float(y1) - float(y2)) < 0.01 and float(x2) - float(x1) > 500  # across the table
    }
    ys = sorted(rules, reverse=True)
    return [a - b for a, b in zip(ys, ys[1:], strict=False)]


def test_table_rows_are_short_and_the_pages_full(finance_pdf):
    """The room goes where the text is (落实情况), a long address shows its site under the
    channel's name, and why a task does not apply is said in the wide column: no row of
    市财政局's table is taller than 8 lines (the 预决算 row took 12 when every address was
    printed whole), the first page holds six rows (it held five) and the rows take at
    most 90 lines in all (103 before)."""
    _data, pdf = finance_pdf
    kinds = pdf_pages(pdf)
    first = kinds.index("landscape") + 1
    pages = [table_row_heights(pdf, n) for n in range(first, len(kinds) + 1)]
    line = R.STYLE_BY_NAME["Table Text"].line_pt
    rows = [round(h / line) for page in pages for h in page[1:]]  # without the header rows
    assert len(rows) == 26
    assert max(rows) <= 8, rows
    assert len(pages[0]) - 1 >= 6
    assert sum(rows) <= 90, rows
    assert all(round(page[0] / line) == 1 for page in pages)  # the header: one line


def test_no_table_row_is_split_across_pages(finance_pdf, catalogue, form):
    from desktop.report import compose_report
    from desktop.report.model import Table

    data, pdf = finance_pdf
    kinds = pdf_pages(pdf)
    first = kinds.index("landscape") + 1
    pages = [flat(page_text(pdf, n, raw=True)) for n in range(first, len(kinds) + 1)]
    rows = compose_report(data, catalogue, form).of_type(Table)[0].rows
    for row in rows:
        cells = [flat(c.replace("\u200b", "")) for c in (row[2], row[5], row[7]) if c]
        where = [i for i, page in enumerate(pages) if cells[0] in page]
        assert len(where) == 1, row  # the task's name whole, on one page only
        assert all(c in pages[where[0]] for c in cells), row  # and its other cells with it


def test_a_draft_carries_its_mark_on_every_page(tmp_path, catalogue, form):
    data = reports.load("zhongshan-qu-2016")
    data["status"] = "draft"
    pdf = to_pdf(export_report(data, catalogue, form, tmp_path / "draft.docx"), tmp_path)
    kinds = pdf_pages(pdf)
    assert "landscape" in kinds
    for n in range(1, len(kinds) + 1):
        assert "草稿（未定稿，不得报送）" in flat(page_text(pdf, n)), f"page {n}"


def test_short_report_is_exactly_two_pages(tmp_path, catalogue, form):
    """A body that fits one page and a three-row table: page 1 and the attachment page."""
    data = reports.load("shi-caizhengju-2016")
    keep = ("1.6.1", "2.3.1", "5.3.1")
    data["answers"] = {k: v for k, v in data["answers"].items() if k in keep}
    data["answers"]["1.6.1"] = {
        "role": "lead",
        "optional": False,
        "applicable": True,
        "status": "已完成",
        "measures": "在政府网站公开市本级预算和部门预算。",
    }
    data["answers"]["5.3.1"] = {
        "role": "responsible",
        "optional": False,
        "applicable": True,
        "status": "已完成",
        "figures": {"budget_prepared": True},
    }
    data["texts"] = {"overview": "", "problems": "", "plans": "继续做好预决算公开。"}
    assert payload_mod.validate(data, catalogue, form) == []
    pdf = to_pdf(export_report(data, catalogue, form, tmp_path / "short.docx"), tmp_path)
    assert pdf_pages(pdf) == ["portrait", "landscape"]
    assert "特此报告。附件：2016年政务公开工作要点落实情况表市财政局2016年11月28日" in flat(
        page_text(pdf, 1)
    )
    assert flat(table_page_text(pdf, 2)).startswith("附件2016年政务公开工作要点落实情况表")
    assert_page_numbers(pdf, ["portrait", "landscape"])


def test_every_comma_and_full_stop_of_the_body_is_printed(finance_pdf, tmp_path):
    """LibreOffice drew no line-end punctuation in condensed 3号 text (“…项级科目[，]基本支出”):
    the rendered body must carry every full-width mark the document holds."""
    import docx

    data, pdf = finance_pdf
    kinds = pdf_pages(pdf)
    body_pages = kinds.index("landscape")
    printed = "".join(flat(page_text(pdf, n)) for n in range(1, body_pages + 1))
    document = docx.Document(str(pdf.with_suffix(".docx")))
    written = "".join(p.text for p in document.paragraphs)
    for mark in "，。、；：":
        assert printed.count(mark) == written.count(mark), mark


@pytest.fixture(scope="module")
def district_pdf(tmp_path_factory, catalogue, form):
    folder = tmp_path_factory.mktemp("pdf-district")
    data = reports.load("zhongshan-qu-2016")
    return data, to_pdf(export_report(data, catalogue, form, folder / "report.docx"), folder)


def body_lines(pdf: Path, page: int) -> int:
    """Lines of text on a portrait page above its footer band."""
    return len([x for x in page_text(pdf, page, (0, 0, 595, 730)).splitlines() if x.strip()])


@pytest.mark.parametrize("sample", ["finance_pdf", "district_pdf"])
def test_the_signature_shares_its_page_with_the_last_point(sample, request, catalogue, form):
    """GB/T 9704 §7.3.5.1: the seal goes on a page with body text. 特此报告。 and the signature
    never stand alone after a page of points (the 市财政局 sample did: page 14 held only
    them); the last point goes with them whole, and the page before stays more than half full."""
    from desktop.report import compose_report
    from desktop.report.model import Para

    data, pdf = request.getfixturevalue(sample)
    paras = [b.text for b in compose_report(data, catalogue, form).of_type(Para)]
    last_point = flat(paras[paras.index("特此报告。") - 1])
    kinds = pdf_pages(pdf)
    signature_page = kinds.index("landscape")  # the last portrait page, 1-based
    text = flat(page_text(pdf, signature_page))
    assert text.startswith(last_point) or last_point + "特此报告。" in text
    assert body_lines(pdf, signature_page - 1) > 11


@pytest.mark.parametrize(
    ("issuer", "subject", "scope"),
    [
        ("市政府办公厅", "2016年政务公开工作要点", "全市"),  # the 汇总报告
        ("大连长兴岛经济技术开发区管委会", "2016年政务公开工作要点", ""),
        ("中山区人民政府", "2016年政务公开工作要点", ""),
    ],
)
def test_title_lines_print_as_computed(tmp_path, issuer, subject, scope):
    """Each title line prints on one line: the 汇总报告's title, computed as exactly 20
    characters wide, printed its last character alone (…落实情况的报 / 告)."""
    from desktop.report import model as M
    from desktop.report import prose, render_docx

    lines = prose.title_lines(issuer, subject, scope=scope)
    model = M.ReportModel(title="".join(lines), author=issuer)
    for block in (M.Title(lines), M.Recipient("市政府："), M.Para("特此报告。")):
        model.add(block)
    docx = tmp_path / "title.docx"
    docx.write_bytes(render_docx(model))
    printed = [flat(x) for x in page_text(to_pdf(docx, tmp_path), 1).splitlines() if x.strip()]
    assert printed[: len(lines)] == list(lines)
    assert printed[len(lines)] == "市政府："


def _rows_per_table_page(pdf: Path, rows) -> list[int]:
    kinds = pdf_pages(pdf)
    first = kinds.index("landscape") + 1
    pages = [flat(page_text(pdf, n, raw=True)) for n in range(first, len(kinds) + 1)]
    names = [flat(r[2].replace("\u200b", "")) for r in rows]
    return [sum(1 for name in names if name in page) for page in pages]


def test_the_last_table_page_never_holds_one_row_alone(tmp_path, catalogue, form):
    """市财政局 without its last task: 25 rows, and the 25th alone on a last page (a widow row,
    the header over one row). The last two rows are kept together; two rows on the last page
    are fine (GB/T 9704 sets no minimum), and no page holds only the header."""
    from desktop.report import compose_report
    from desktop.report.model import Table

    data = reports.load("shi-caizhengju-2016")
    data["answers"].pop("5.3.1")
    pdf = to_pdf(export_report(data, catalogue, form, tmp_path / "report.docx"), tmp_path)
    rows = compose_report(data, catalogue, form).of_type(Table)[0].rows
    counts = _rows_per_table_page(pdf, rows)
    assert sum(counts) == len(rows) == 25
    assert counts[-1] >= 2 and min(counts) >= 1, counts


def test_the_whole_sample_ends_its_table_with_two_rows(finance_pdf, catalogue, form):
    from desktop.report import compose_report
    from desktop.report.model import Table

    data, pdf = finance_pdf
    rows = compose_report(data, catalogue, form).of_type(Table)[0].rows
    counts = _rows_per_table_page(pdf, rows)
    assert sum(counts) == 26 and counts[-1] >= 2 and min(counts) >= 1, counts
