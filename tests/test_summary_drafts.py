"""The 汇总报告 counts drafts apart (issue 12 §2): a draft is counted like any report, but the
report says how many were drafts and which units sent them — never passing them off as final."""

from __future__ import annotations

import re
from datetime import date

from desktop.consolidate.officedb import OfficeDB
from desktop.consolidate.service import OfficeService
from desktop.consolidate.summary_doc import summary_model
from desktop.report import model as M
from tests.samples import unit_reports as samples


def test_drafts_are_counted_apart(tmp_path, catalogue, form, directory_bundled):
    for unit, final in (("市财政局", True), ("中山区", False), ("西岗区", False)):
        data = samples.make_payload(catalogue, form, directory_bundled, unit, final=final)
        samples.write_json(tmp_path / f"{unit}.json", data)
    service = OfficeService(OfficeDB(tmp_path / "office.db"), directory=directory_bundled)
    service.import_paths([tmp_path])
    model = summary_model(service.consolidation(), date(2016, 12, 5))
    paras = [p.text for p in model.of_type(M.Para)]
    assert any("已报送3个（其中草稿2份）" in p for p in paras)
    # 一、 and 二、 count reports too: the drafts among them are said there, and what they
    # add to a total.
    assert any("已报送的3份报告中定稿1份、草稿2份" in p for p in paras)
    item = next(p for p in paras if p.startswith("2.加强考核监督"))
    assert item.startswith("2.加强考核监督：涉及单位44个，已报告3个（含草稿2份）；")
    assert "尚未报送" not in item  # 41 silent units: counted in the opening, named in 三、
    assert "据3个单位（含草稿2份）填报，受理政府信息公开申请合计" in item
    assert re.search(r"受理政府信息公开申请合计\d+件（含草稿\d+件）", item)
    (named,) = [p for p in paras if p.startswith("报送的是草稿")]
    assert (
        named
        == "报送的是草稿、尚未审查定稿的单位2个：中山区、西岗区。其内容已计入本汇总，定稿后可能还有修改。"
    )


def test_no_draft_sentence_when_all_are_final(tmp_path, catalogue, form, directory_bundled):
    data = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    samples.write_json(tmp_path / "市财政局.json", data)
    service = OfficeService(OfficeDB(tmp_path / "office.db"), directory=directory_bundled)
    service.import_paths([tmp_path])
    text = summary_model(service.consolidation(), date(2016, 12, 5)).text()
    assert "草稿" not in text


def test_a_drafts_answer_and_figures_are_marked_in_a_task_sentence(form):
    from desktop.consolidate.summary_doc import tally_sentence
    from desktop.consolidate.totals import FigureTotal, TaskTally

    words = form.statuses
    alone = TaskTally("2.5.1", done=["市农委"])
    assert tally_sentence(alone, words, drafts={"市农委"}) == "仅涉及市农委，已完成（草稿）。"
    specs = {s.key: s for s in form.all_figures("5.2.1")}
    totals = [
        FigureTotal("5.2.1", specs["requests_received"], 12, [("市国税局", 7), ("西岗区", 5)])
    ]
    many = TaskTally("5.2.1", done=["市国税局", "西岗区"], totals=totals)
    assert tally_sentence(many, words, drafts={"西岗区"}) == (
        "涉及单位2个，均已报告（含草稿1份）；市国税局、西岗区均已完成。"
        "据2个单位（含草稿1份）填报，受理政府信息公开申请合计12件（含草稿5件）。"
    )
    # Without drafts nothing is marked.
    assert "草稿" not in tally_sentence(many, words)
