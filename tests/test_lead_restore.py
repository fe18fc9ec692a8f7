"""A part the lead removed by mistake comes back (desktop.lead.removed), without a window."""

from __future__ import annotations

import pytest

from desktop.lead.collect import collect_paths
from desktop.lead.removed import NothingToRestore
from desktop.store import open_store
from tests.lead_support import TASK, write_part
from tests.test_lead_core import desk_for, lead_store, parts_folder
from tests.test_store_support import real_context


@pytest.fixture
def ctx():
    return real_context()


def test_a_removed_part_comes_back_summed_reported_and_after_a_restart(tmp_path, ctx):
    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "市教育局", "中山区")
    store, rid = lead_store(tmp_path)
    with store:
        collect_paths([folder], store, rid, catalogue, form, directory, bool)
        desk = desk_for(store, rid, ctx)
        desk.set_in_report(TASK, True)
        assert desk.restorable() == []
        desk.remove(TASK, "中山区")
        assert desk.task_parts(TASK).units == ["市教育局"]
        [removed] = desk.restorable(TASK)
        assert (removed.unit, removed.task_id) == ("中山区", TASK)
        assert [r.unit for r in desk.report_rows()] == ["市教育局"]

        back = desk.restore(TASK, "中山区")
        assert back.id == removed.id
        view = desk.task_parts(TASK)
        assert view.units == ["中山区", "市教育局"]
        sums = {s.spec.key: s.total for s in view.sums}
        assert sums == {"trainings_held": 8, "people_trained": 380}
        assert [r.unit for r in desk.report_rows()] == ["中山区", "市教育局"]
        assert desk.restorable() == []
        with pytest.raises(NothingToRestore, match="正在使用"):
            desk.restore(TASK, "中山区")
        with pytest.raises(NothingToRestore, match="“西岗区”没有已删除的四（三）"):
            desk.restore(TASK, "西岗区")
    with open_store(tmp_path / "lead-pc").store as again:
        desk = desk_for(again, rid, ctx)
        assert desk.task_parts(TASK).units == ["中山区", "市教育局"]
        assert [r.unit for r in desk.report_rows()] == ["中山区", "市教育局"]
        # Collecting the same file again is no news: the restored part is in use.
        result = collect_paths([folder], again, rid, catalogue, form, directory, bool)
        assert len(result.unchanged) == 2 and not result.removed


def test_the_newest_removed_version_comes_back_and_never_over_a_newer_part(tmp_path, ctx):
    catalogue, form, directory = ctx
    first = parts_folder(tmp_path, "市教育局")
    later = tmp_path / "later"
    later.mkdir()
    with open_store(tmp_path / "pc2").store as sender:
        write_part(sender, "市教育局", later, trainings_held=4, report_date="2016-11-26")
    store, rid = lead_store(tmp_path)
    with store:
        desk = desk_for(store, rid, ctx)
        collect_paths([first], store, rid, catalogue, form, directory, bool)
        desk.remove(TASK, "市教育局")
        collect_paths([later], store, rid, catalogue, form, directory, bool)
        # The unit sent a corrected part since: that one is in use, nothing to restore.
        assert desk.restorable(TASK) == []
        with pytest.raises(NothingToRestore):
            desk.restore(TASK, "市教育局")
        desk.remove(TASK, "市教育局")
        [newest] = desk.restorable(TASK)
        assert newest.answer["figures"]["trainings_held"] == 4
        desk.restore(TASK, "市教育局")
        sums = {s.spec.key: s.total for s in desk.task_parts(TASK).sums}
        assert sums["trainings_held"] == 4
