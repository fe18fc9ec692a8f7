"""Issue 10's checks on the written .docx, read back the way Word holds it.

For both realistic samples and a draft made from one: no sentence twice in the body, no
“0起/0次/0件”, no heading equal to the one above it or without text under it, every table row
``cantSplit`` with a repeating header, cells centred vertically, headers on one line, no cell
ending in “……”, no ASCII quotes or ``...``, a 草稿 mark on every page of a draft and 草稿 in its
file name, nothing from the clerk's PC (``C:\\``, ``/home/``, the user name) in any part of the
package, and ``check-docx`` clean for the finals.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import docx
import pytest
from docx.oxml.ns import qn

from desktop.report import build_report, check_docx, default_filename, export_report
from desktop.report import rules as R
from desktop.report.prose import split_sentences, text_width
from tests.samples import reports


def draft_payload() -> dict:
    data = reports.load("zhongshan-qu-2016")
    data["status"] = "draft"
    data["review"] = {}
    del data["profile"]["report_date"]
    for tid in ("1.3.1", "4.2.1"):  # a clerk who so far chose a status only
        data["answers"][tid] = {
            k: v
            for k, v in data["answers"][tid].items()
            if k in ("role", "optional", "applicable", "status")
        }
    return data


CASES = {
    "shi-caizhengju-2016": lambda: reports.load("shi-caizhengju-2016"),
    "zhongshan-qu-2016": lambda: reports.load("zhongshan-qu-2016"),
    "draft": draft_payload,
    **{name: (lambda name=name: reports.load(name)) for name in reports.EDGES},
}


@pytest.fixture(scope="module", params=sorted(CASES))
def written(request, catalogue, form, tmp_path_factory):
    data = CASES[request.param]()
    folder = tmp_path_factory.mktemp(request.param)
    path = export_report(data, catalogue, form, folder / default_filename(data, catalogue))
    return request.param, data, path


def paragraphs(path):
    return docx.Document(str(path)).paragraphs


def body(path) -> list:
    """Body paragraphs from 一、工作开展情况 to 特此报告。"""
    paras = paragraphs(path)
    start = next(i for i, p in enumerate(paras) if p.style.name == "Heading 1")
    end = next(i for i, p in enumerate(paras) if p.text == "特此报告。")
    return paras[start:end]


def test_no_sentence_occurs_twice_in_the_body(written):
    _name, _data, path = written
    sentences = [s for p in body(path) if p.style.name == "Normal" for s in split_sentences(p.text)]
    assert [s for s, n in Counter(sentences).items() if n > 1] == []


def test_no_zero_counts_anywhere(written):
    _name, _data, path = written
    text = "\n".join(p.text for p in paragraphs(path))
    assert not re.search(r"(?<![\d.])0(?:起|次|件|个|人次|项|条|篇)", text)


def test_headings_never_repeat_the_one_above_and_always_have_text_under_them(written):
    _name, _data, path = written
    paras = [p for p in body(path) if p.text.strip()]
    level = {"Heading 1": 1, "Heading 2": 2, "Heading 3": 3, "Heading 4": 4}
    for i, p in enumerate(paras):
        if p.style.name not in level:
            continue
        above = paras[i - 1] if i else None
        if above is not None and above.style.name in level:
            assert re.sub(r"^\S+?[、）.]", "", above.text) != re.sub(r"^\S+?[、）.]", "", p.text)
        below = paras[i + 1] if i + 1 < len(paras) else None
        assert below is not None, p.text
        assert below.style.name not in level or level[below.style.name] > level[p.style.name], (
            p.text
        )


def test_the_last_point_stays_with_the_signature(written):
    """GB/T 9704 §7.3.5.1: the seal on a page with body text. From the last point of 三、 to
    the date every paragraph keeps with the next; a short last point never splits."""
    name, _data, path = written
    paras = paragraphs(path)
    closing = next(i for i, p in enumerate(paras) if p.text == "特此报告。")
    date = next(i for i, p in enumerate(paras) if p.style.name == "Date")
    last_point = paras[closing - 1]
    assert last_point.style.name == "Normal" and last_point.text
    if name not in reports.EDGES:  # theirs is a single sentence, not a numbered point
        assert last_point.text.startswith("四是")
    for p in paras[closing - 1 : date]:
        assert p.paragraph_format.keep_with_next, p.text
    assert last_point.paragraph_format.keep_together


def test_a_long_last_point_may_split_before_the_signature(catalogue, form):
    """Moved whole, a long last point would leave most of the page before it empty: it keeps
    with the signature but may split (its last lines go over, widow control)."""
    data = reports.load("shi-caizhengju-2016")
    data["texts"]["plans"] += "五是" + "持续推进预决算公开工作向纵深发展，" * 8 + "确保取得实效。"
    document = docx.Document(io.BytesIO(build_report(data, catalogue, form)))
    paras = document.paragraphs
    closing = next(i for i, p in enumerate(paras) if p.text == "特此报告。")
    last_point = paras[closing - 1].paragraph_format
    assert paras[closing - 1].text.startswith("五是")
    assert last_point.keep_with_next and not last_point.keep_together
    assert last_point.widow_control


def test_every_table_row_stays_on_one_page_with_a_repeating_header(written):
    _name, _data, path = written
    (table,) = docx.Document(str(path)).tables
    rows = table._tbl.findall(qn("w:tr"))
    for n, tr in enumerate(rows):
        tr_pr = tr.find(qn("w:trPr"))
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None, n
        assert (tr_pr.find(qn("w:tblHeader")) is not None) == (n == 0), n
        for tc in tr.findall(qn("w:tc")):
            v_align = tc.find(qn("w:tcPr")).find(qn("w:vAlign"))
            assert v_align is not None and v_align.get(qn("w:val")) == "center"


def test_table_headers_fit_one_line(written):
    _name, _data, path = written
    (table,) = docx.Document(str(path)).tables
    margin = R.TABLE_CELL_MARGIN_TW * 2
    char = R.STYLE_BY_NAME["Table Heading"].size * 20  # twips of one full-width character
    for column, cell in zip(table.columns, table.rows[0].cells, strict=True):
        need = text_width(cell.text) * char + margin
        assert column.width.twips >= need, cell.text


def test_no_cell_ends_in_an_ellipsis_and_no_ascii_quotes_or_dots(written):
    _name, _data, path = written
    document = docx.Document(str(path))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert not [c for c in cells if c.rstrip().endswith(("……", "…", "..."))]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert '"' not in text and "..." not in text
    assert "'" not in text.replace("\u200b", "")


def test_nothing_from_the_clerks_pc_is_in_any_part_of_the_package(written):
    _name, _data, path = written
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            raw = z.read(part)
            for text in (raw.decode("utf-8", "replace"), raw.decode("unicode_escape", "replace")):
                assert ":\\" not in text, part
                assert "/home/" not in text and "\\Users\\" not in text, part
                assert "zhangxh" not in text and "wangli" not in text, part


def test_finals_are_clean_and_drafts_are_marked_on_every_page(written):
    name, data, path = written
    document = docx.Document(str(path))
    headers = [
        "".join(p.text for p in h.paragraphs)
        for s in document.sections
        for h in (s.header, s.even_page_header)
        if not h.is_linked_to_previous
    ]
    found = [str(d) for d in check_docx(path)]
    if name == "draft":
        assert path.name.endswith("（草稿）.docx")
        # odd and even pages of the body section; the landscape section inherits both
        assert headers == ["草稿（未定稿，不得报送）"] * 2
        assert all(s.header.is_linked_to_previous for s in document.sections[1:])
        assert found == [
            "成文日期：未填写，请填写报告日期（如“2016年11月28日”）",
            "页眉：标有“草稿”：这是未定稿的报告。请审查定稿后重新导出，再报送",
        ]
    else:
        assert "草稿" not in path.name and headers == []
        assert found == []


def test_an_issuer_name_a_window_title_cannot_hold_is_refused(catalogue, form):
    from desktop.report import ReportError

    data = reports.load("shi-caizhengju-2016")
    for bad, says in (
        ("市财政局😀", "表情"),
        ("市财政局\x07", "看不见的字符"),
        ("财政局/办公室", "符号"),
    ):
        data["profile"]["issuer_name"] = bad
        with pytest.raises(ReportError) as caught:
            build_report(data, catalogue, form)
        assert says in str(caught.value) and "封面信息" in str(caught.value)


def test_the_embedded_answers_round_trip_from_the_written_file(written, catalogue, form):
    from desktop import docx_payload
    from desktop import payload as payload_mod

    _name, data, path = written
    embedded = payload_mod.parse(docx_payload.read(path))
    assert embedded == payload_mod.without_local_paths(data)
    assert payload_mod.validate(embedded, catalogue, form) == []
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
        assert "docProps/core.xml" in z.namelist()


def test_the_review_lists_an_issuer_name_the_report_cannot_carry(form, directory_bundled):
    """The 审查定稿 page names the problem before the clerk ever exports, and it blocks 定稿."""
    from desktop import completeness

    unit = directory_bundled.unit("市财政局")
    values = {"profile": {"issuer_name": "市财政局😀"}}
    problems = completeness.review(form, [], values, {}, unit)
    (issuer,) = [p for p in problems if p.field == "issuer_name"]
    assert issuer.page == "profile" and issuer.kind == "missing"
    assert issuer.label.startswith("封面信息：发文机关名称中不能有表情或图形符号")
    assert not completeness.can_finalise(problems, [])
    values["profile"]["issuer_name"] = "市财政局"
    assert not [
        p for p in completeness.review(form, [], values, {}, unit) if p.field == "issuer_name"
    ]


def test_malformed_values_from_another_pc_never_stop_the_export(catalogue, form):
    """What a damaged or hostile exchange file may carry (the payload is validated on import,
    but the composer and writer never rely on it): odd types, control characters in addresses."""
    from desktop.report import compose_report, render_docx

    data = reports.load("shi-caizhengju-2016")
    a = data["answers"]
    a["1.1.1"]["role"] = {"not": "a role"}
    a["1.2.1"]["evidence"] = [{"title": "专栏\x07", "url": "http://a.cn/\x0bb\ufffe"}, None, 3]
    a["1.3.1"]["figures"] = ["not", "a", "dict"]
    a["5.1.1"]["figures"]["leader_published_url"] = "http://x.cn/\x0c\ud800"
    a["1.5.1"]["not_applicable_reason"] = ["a list"]
    data["unit_info"] = "not an object"
    written = docx.Document(io.BytesIO(render_docx(compose_report(data, catalogue, form))))
    cells = [c.text for row in written.tables[0].rows for c in row.cells]
    assert cells[8 * 2 + 6] == "专栏\na.cn/\u200bb"  # row 2 (一（二）之一): cleaned address
    assert "x.cn/" in "".join(cells)
