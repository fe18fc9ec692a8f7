"""The office saves and publishes a corrected 要点; a unit's PC installs it and later a
newer revision, with answers following renumbered tasks."""

from __future__ import annotations

import pytest

from desktop import catalogue as catalogue_mod
from desktop import forms, paths
from desktop.yearly import installing
from desktop.yearly import publication as pub_mod
from desktop.yearly.draft import DraftError
from desktop.yearly.review import ReviewService
from tests.yearly.helpers import SAMPLE_2017


@pytest.fixture
def service(directory_bundled) -> ReviewService:
    return ReviewService(directory_bundled)


def _imported(service: ReviewService):
    draft = service.import_source(SAMPLE_2017)
    service.save(draft)
    return draft


def test_import_save_reload_and_the_office_uses_the_corrected_version(service, directory_bundled):
    draft = _imported(service)
    assert [d.id for d in service.drafts()] == [draft.id]
    assert service.drafts()[0].revision == 0
    draft.set_assignments("1.6.1", [("市公共行政服务中心", "lead")])
    service.save(draft)
    again = service.load(draft.id)
    assert again.task("1.6.1").assignments == draft.task("1.6.1").assignments
    [warning] = again.warnings_for("2.3.2")
    assert (warning.line, again.source_name) == (26, SAMPLE_2017.name)
    installed = catalogue_mod.load(draft.id)
    assert installed.task("1.6.1").assignments[0].unit == "市公共行政服务中心"
    assert (
        forms.load(installed, directory=directory_bundled).all_figures("3.1.2")[0].demand_min == 3
    )


def test_publish_numbers_revisions_and_says_what_changed(service, tmp_path):
    draft = _imported(service)
    first = service.publish(draft, tmp_path / "第1版.json")
    assert first.publication.revision == 1 and first.changes is None
    assert service.revision(draft.id) == 1
    draft.update_figure("3.1.2", "req_count", demand_min=4)
    draft.split_task("3.1.1", draft.task("3.1.1").text.index("解读材料"))
    second = service.publish(draft, tmp_path / "第2版.json")
    assert second.publication.revision == 2
    lines = second.changes.lines()
    assert lines[0].startswith("新增任务1项：三（一）之二")
    assert "三（一）之三" in lines[1] and "编号由三（一）之二改为三（一）之三" in lines[1]
    assert "填报数据：修改“解读重要政策措施次数”" in lines[1]


def test_blocking_problems_stop_publishing_and_nothing_is_written(service, tmp_path):
    draft = _imported(service)
    draft.set_assignments("2.2.1", [])
    with pytest.raises(DraftError, match="二（二）：没有责任单位"):
        service.publish(draft, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists() and service.revision(draft.id) == 0


def _publish_two_revisions(service, tmp_path):
    draft = _imported(service)
    one = service.publish(draft, tmp_path / "1.json").path
    draft.split_task("3.1.1", draft.task("3.1.1").text.index("解读材料"))
    draft.merge_with_next("1.2.1")  # 1.2.2 (审计) is folded into 1.2.1
    two = service.publish(draft, tmp_path / "2.json").path
    return one, two, draft.id


def test_a_unit_installs_a_publication_then_a_newer_one(service, tmp_path, data_dir):
    one, two, draft_id = _publish_two_revisions(service, tmp_path)
    # The unit's PC: a fresh data directory.
    paths.set_data_dir(tmp_path / "unit")
    first = installing.plan(pub_mod.read(one))
    assert first.state == installing.NEW and "导入后即可" in first.message()
    installing.install(first)
    assert draft_id in catalogue_mod.available()
    assert installing.plan(pub_mod.read(one)).state == installing.SAME

    second = installing.plan(pub_mod.read(two))
    assert second.state == installing.UPDATE and second.installed_revision == 1
    message = second.message()
    assert "将替换本机的第1版" in message
    assert "新增任务1项：三（一）之二" in message and "删去任务1项：一（二）之二" in message
    installing.install(second)
    assert len(catalogue_mod.load(draft_id).item_of("3.1.1")[1].tasks) == 3
    older = installing.plan(pub_mod.read(one))
    assert older.state == installing.OLDER and "第2版" in older.message()


def test_answers_follow_renumbered_tasks_and_removed_ones_are_kept_aside(
    service, tmp_path, data_dir
):
    from desktop.store import open_store

    one, two, draft_id = _publish_two_revisions(service, tmp_path)
    paths.set_data_dir(tmp_path / "unit")
    installing.install(installing.plan(pub_mod.read(one)))
    with open_store(tmp_path / "unit").store as store:
        report = store.create_report("市政府新闻办公室", draft_id)
        store.save_field(report, "task:3.1.2", "measures", "主要负责人解读政策3次。")
        store.save_field(report, "task:1.2.2", "measures", "审计结果已公告。")
        store.save_field(report, "task:1.1.1", "measures", "决策草案公开征求意见。")
        counts = lambda cid: sum(1 for r in store.list_reports() if r.catalogue_id == cid)  # noqa: E731
        plan = installing.plan(pub_mod.read(two), counts)
        assert plan.reports == 1 and "已填写的内容会保留" in plan.message()
        installing.install(plan, store)
        values = store.load_values(report)
    assert values["task:3.1.3"] == {"measures": "主要负责人解读政策3次。"}
    assert "task:3.1.2" not in values  # the new task from the split starts empty
    assert values["task:1.1.1"] == {"measures": "决策草案公开征求意见。"}
    assert values["retired:2:1.2.2"] == {"measures": "审计结果已公告。"}
    assert "task:1.2.2" not in values


def test_a_publication_of_the_built_in_id_is_refused(tmp_path, catalogue):
    pub = pub_mod.make(catalogue, {"version": 1, "catalogue": catalogue.id, "tasks": {}}, 1)
    with pytest.raises(pub_mod.PublicationError, match="内置"):
        installing.plan(pub)


def test_a_figure_limited_to_a_unit_this_pc_does_not_know_is_refused(
    service, tmp_path, directory_bundled
):
    draft = _imported(service)
    draft.update_figure("3.1.2", "req_count", applies_to=["市政府各部门"])
    assert service.check(draft) == []
    pub = pub_mod.make(draft.catalogue, draft.figures_document(), 1)
    installing.plan(pub, directory=directory_bundled)  # known category: fine
    draft.update_figure("3.1.2", "req_count", applies_to=["市大数据局"])
    [problem] = service.check(draft)
    assert "市大数据局" in problem and "单位名录" in problem
    pub = pub_mod.make(draft.catalogue, draft.figures_document(), 1)
    with pytest.raises(pub_mod.PublicationError, match="市大数据局"):
        installing.plan(pub, directory=directory_bundled)


def test_a_damaged_draft_is_listed_and_says_why_when_opened(service):
    draft = _imported(service)
    broken = service.path("broken-2017")
    broken.write_bytes(b'{"format": "zwgk-yaodian-review", "catalogue": ')
    infos = {d.id: d for d in service.drafts()}
    assert set(infos) == {draft.id, "broken-2017"}
    assert "已损坏" in infos["broken-2017"].label
    with pytest.raises(DraftError, match="已损坏"):
        service.load("broken-2017")
