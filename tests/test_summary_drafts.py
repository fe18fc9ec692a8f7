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
