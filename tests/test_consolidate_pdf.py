"""The 汇总报告 through LibreOffice: the pages the office prints and sends on.

Fonts on Linux are substitutes: this checks structure (title lines, portrait body then the
landscape table, page numbers, rows kept whole), not line breaks.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.consolidate.docx_out import render
from desktop.report import prose
from tests.test_consolidate_docx import consolidation  # noqa: F401 (the fixture)
from tests.test_report_pdf import assert_page_numbers, flat, page_text, pdf_pages, to_pdf

pytestmark = pytest.mark.slow


@pytest.fixture
def summary_pdf(consolidation, tmp_path):  # noqa: F811
    docx = tmp_path / "汇总报告.docx"
    docx.write_bytes(render(consolidation, date(2016, 12, 5)))
    return to_pdf(docx, tmp_path)


def test_summary_report_prints_as_laid_out(summary_pdf):
    kinds = pdf_pages(summary_pdf)
    first_landscape = kinds.index("landscape")
    assert set(kinds[:first_landscape]) == {"portrait"} and set(kinds[first_landscape:]) == {
        "landscape"
    }
    assert_page_numbers(summary_pdf, kinds)
    lines = [flat(x) for x in page_text(summary_pdf, 1).splitlines() if x.strip()]
    title = prose.title_lines("市政府办公厅", "2016年政务公开工作要点", scope="全市")
    # Each title line on one printed line: never a last character alone (…的报 / 告).
    assert lines[:3] == [*title, "市政府："]
    table = "".join(
        flat(page_text(summary_pdf, n)) for n in range(first_landscape + 1, len(kinds) + 1)
    )
    # The header row on every table page.
    assert table.count("序号要点条目工作任务牵头单位") == len(kinds) - first_landscape
    for cited in ("一（一）推进行政决策公开", "五（三）加强经费保障"):  # 要点条目 | 工作任务
        assert cited in table
