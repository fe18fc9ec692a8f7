"""The 牵头 unit's parts, without a window: who shares what, sending, collecting, the desk."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from desktop import payload
from desktop.lead import roles, send
from desktop.lead.collect import collect_paths, read_parts, store_parts
from desktop.lead.desk import LeadDesk, quote_text
from desktop.payload import PayloadError
from desktop.store import open_store, task_scope
from desktop.store.contributions import Contributions
from desktop.store.exchange import apply_payload
from tests.lead_support import LEAD, PARTS, TASK, fill_part, full_payload, read_json, write_part
from tests.test_store_support import real_context


@pytest.fixture
def ctx():
    return real_context()


def lead_store(tmp_path: Path):
    store = open_store(tmp_path / "lead-pc").store
    return store, store.create_report(LEAD, "dalian-2016")


def parts_folder(tmp_path: Path, *units: str, **override) -> Path:
    folder = tmp_path / "收到的材料"
    folder.mkdir(exist_ok=True)
    for unit in units:
        with open_store(tmp_path / f"pc-{unit}").store as store:
            write_part(store, unit, folder, **override)
    return folder


def desk_for(store, rid, ctx) -> LeadDesk:
    catalogue, form, directory = ctx
    return LeadDesk(store, rid, catalogue, form, directory, directory.unit(LEAD))


# -- who shares what ----------------------------------------------------------------------------
def test_lead_tasks_are_those_the_yaodian_names_the_unit_to_lead(ctx):
    catalogue, _form, directory = ctx
    office = directory.unit(LEAD)
    assert roles.led_tasks(catalogue, directory, office) == ["2.2.1", "4.1.1", "4.3.1"]
    # 三（一）之一 is led by every district and department for itself: nobody collects it.
    assert "3.1.1" not in roles.led_tasks(catalogue, directory, directory.unit("市财政局"))
    zhongshan = directory.unit("中山区")
    from desktop.applicability import tasks_for

    shared = roles.shared_with_leads(
        catalogue, directory, zhongshan, tasks_for(catalogue, directory, zhongshan)
    )
    assert shared[LEAD] == ["4.3.1"] and shared["市财政局"] == ["1.6.1"]
    # 一（三） has two leads: the part goes to each.
    assert shared["市编委办"] == shared["市人社局"] == ["1.3.1"]


def test_expected_units_group_as_the_clause_names_them(ctx):
    catalogue, _form, directory = ctx
    exp = roles.expected(catalogue, directory, TASK, directory.unit(LEAD))
    labels = [label for label, _ in exp.groups]
    assert labels == ["各区市县政府和先导区管委会", "市政府各部门"]
    assert "中山区" in exp.units() and "市教育局" in exp.units() and LEAD not in exp.units()
    co = roles.expected(catalogue, directory, "1.3.1", directory.unit("市编委办"))
    assert co.co_leads == ["市人社局"] and "市人社局" not in co.units()


# -- sending ------------------------------------------------------------------------------------
def test_a_part_carries_only_the_shared_tasks_and_no_local_paths(data_dir, ctx):
    catalogue, form, directory = ctx
    with open_store().store as store:
        data = full_payload(store, fill_part(store, "中山区"))
    parcels = {p.lead: p for p in send.parcels(data, catalogue, directory)}
    assert parcels[LEAD].tasks == [TASK]
    assert parcels["市编委办"].tasks == [] and parcels["市编委办"].empty == ["1.3.1"]
    doc = send.contribution(data, LEAD, parcels[LEAD].tasks)
    assert payload.validate(doc, catalogue, form) == []
    assert doc["contribution"] == {"to": LEAD, "tasks": [TASK]}
    assert list(doc["answers"]) == [TASK] and doc["texts"] == {}
    assert doc["answers"][TASK]["evidence"][0]["path"] == "通知.pdf"
    assert doc["profile"]["contact_phone"] == "0411-82765432"
    assert send.file_name("中山区", LEAD) == "中山区致市政府办公厅的配合材料.json"


def test_a_part_never_carries_a_folder_of_this_pc(data_dir, ctx):
    with open_store().store as store:
        data = full_payload(store, fill_part(store, "中山区"))
    data["answers"][TASK]["evidence"][0]["path"] = "C:\\Users\\张三\\Desktop\\通知.pdf"
    doc = send.contribution(data, LEAD, [TASK])
    assert doc["answers"][TASK]["evidence"][0]["path"] == "通知.pdf"
    assert "张三" not in payload.dumps(doc)


def test_a_part_of_a_final_report_carries_its_review_and_arrives_as_final(tmp_path, ctx):
    catalogue, form, directory = ctx
    folder = tmp_path / "parts"
    folder.mkdir()
    with open_store(tmp_path / "pc").store as store:
        rid = fill_part(store, "中山区")
        store.save_fields(
            rid,
            [
                ("review", "reviewer_name", "王五"),
                ("review", "review_date", "2016-11-27"),
                ("review", "confirmed", True),
            ],
        )
        store.set_status(rid, "final")
        write_part(store, "中山区", folder)
    doc = read_json(folder / "中山区致市政府办公厅的配合材料.json")
    assert doc["status"] == "final" and doc["review"]["confirmed"] is True
    assert payload.validate(doc, catalogue, form) == []
    store, lead_rid = lead_store(tmp_path)
    with store:
        collect_paths([folder], store, lead_rid, catalogue, form, directory, lambda _u: True)
        (part,) = Contributions(store).current(lead_rid, TASK)
        assert part.sender["status"] == "final"


def test_a_part_is_never_imported_as_a_report(data_dir, tmp_path, ctx):
    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "中山区")
    doc = read_json(folder / "中山区致市政府办公厅的配合材料.json")
    with open_store().store as store:
        with pytest.raises(PayloadError) as caught:
            apply_payload(store, doc, catalogue, form, directory)
        assert store.list_reports() == []
    assert "配合材料" in caught.value.problems[0] and "收集配合单位材料" in caught.value.problems[0]


def test_consolidation_does_not_count_parts(data_dir, tmp_path):
    from desktop.consolidate.importer import import_paths
    from desktop.consolidate.officedb import OfficeDB

    folder = parts_folder(tmp_path, "中山区")
    db = OfficeDB(tmp_path / "office.db")
    result = import_paths(db, [folder], real_context()[2])
    assert result.imported == [] and len(result.rejected) == 1
    message = result.rejected[0].message()
    assert "不是报告，汇总不计入" in message
    # The office is a lead unit too: it is told how the part is used, not to ask for it again.
    assert "收集配合单位材料" in message and "报送本单位的报告" in message


# -- collecting ---------------------------------------------------------------------------------
def test_collect_keeps_lead_tasks_and_one_bad_file_stops_nothing(tmp_path, ctx):
    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "市教育局", "中山区")
    (folder / "损坏.json").write_text('{"format": "zwgk-report", "versi', encoding="utf-8")
    (folder / "空白.docx").write_bytes(b"PK\x03\x04 not really a docx")
    # 中山区 also sent its 一（六） part to 市财政局: nothing in it is led by 市政府办公厅.
    with open_store(tmp_path / "pc-中山区").store as store:
        write_part(store, "中山区", folder, lead="市财政局")
    store, rid = lead_store(tmp_path)
    with store:
        result = collect_paths([folder], store, rid, catalogue, form, directory, lambda _u: True)
        assert sorted(p.unit for p in result.added) == ["中山区", "市教育局"]
        rejected = {r.name: r.reason for r in result.plan.rejected}
        assert set(rejected) == {"损坏.json", "空白.docx", "中山区致市财政局的配合材料.json"}
        assert "没有本单位牵头的任务" in rejected["中山区致市财政局的配合材料.json"]
        stored = Contributions(store).current(rid, TASK)
        assert [c.unit for c in stored] == ["中山区", "市教育局"]
        assert stored[1].answer["figures"] == {"trainings_held": 3, "people_trained": 120}
        assert stored[1].sender["contact_name"] == "赵敏"
        # Never a report of the sending units, and the lead's own answer is untouched.
        assert [r.unit for r in store.list_reports()] == [LEAD]
        assert store.load_values(rid) == {}


def test_a_part_for_a_task_the_unit_does_not_lead_is_listed_with_a_reason(tmp_path, ctx):
    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "中山区")
    doc_path = folder / "中山区致市政府办公厅的配合材料.json"
    doc = read_json(doc_path)
    # The clerk ticked 一（六） into the file for 市政府办公厅 by hand: it is 市财政局's to lead.
    doc["answers"]["1.6.1"] = {"status": "持续推进", "measures": "公开部门预算。"}
    doc_path.write_text(payload.dumps(doc), encoding="utf-8")
    plan = read_parts([folder], catalogue, form, directory, directory.unit(LEAD))
    assert [p.task_id for p in plan.parts] == [TASK]
    (skip,) = plan.skipped
    assert skip.task.startswith("一（六）") and "牵头单位是市财政局" in skip.message()
    assert "1.6.1" not in skip.message()  # people read the 要点's numbering, not ids


def test_full_reports_and_docx_reports_give_their_lead_task_parts(tmp_path, ctx):
    from desktop.report import export_report

    catalogue, form, directory = ctx
    folder = tmp_path / "报告"
    folder.mkdir()
    with open_store(tmp_path / "pc").store as store:
        data = full_payload(store, fill_part(store, "市教育局"))
        (folder / "市教育局.json").write_text(payload.dumps(data), encoding="utf-8")
        data = full_payload(store, fill_part(store, "中山区"))
        export_report(data, catalogue, form, folder / "中山区报告.docx")
    plan = read_parts([folder], catalogue, form, directory, directory.unit(LEAD))
    assert sorted((p.unit, p.source_kind) for p in plan.parts) == [
        ("中山区", "docx"),
        ("市教育局", "report"),
    ]
    assert any("其余" in n and "不由本单位牵头" in n for n in plan.notes)


def test_parts_for_another_yaodian_are_refused(tmp_path, ctx):
    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "中山区")
    path = folder / "中山区致市政府办公厅的配合材料.json"
    doc = read_json(path)
    doc["catalogue"] = {"id": "dalian-2017", "title": "2017年政务公开工作要点"}
    path.write_text(payload.dumps(doc), encoding="utf-8")
    plan = read_parts([folder], catalogue, form, directory, directory.unit(LEAD))
    assert plan.parts == []
    (refused,) = plan.rejected
    assert "2017年政务公开工作要点" in refused.message() and "不是本报告的" in refused.message()


def test_an_unknown_sender_waits_for_the_clerk(tmp_path, ctx, data_dir):
    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "中山区")
    path = folder / "中山区致市政府办公厅的配合材料.json"
    doc = read_json(path)
    doc["unit"] = "大连长兴岛临港工业区"
    doc["unit_info"] = {"kind": "pilot_zone", "categories": ["各区市县政府和先导区管委会"]}
    path.write_text(payload.dumps(doc), encoding="utf-8")
    store, rid = lead_store(tmp_path)
    with store:
        plan = read_parts([folder], catalogue, form, directory, directory.unit(LEAD))
        assert list(plan.unknown) == ["大连长兴岛临港工业区"]
        assert "不在本机的单位名录中" in plan.unknown["大连长兴岛临港工业区"].question()
        declined = store_parts(store, rid, plan, add_units=[])
        assert declined.added == [] and Contributions(store).current(rid) == []
        assert "您选择了不加入" in "\n".join(declined.messages(catalogue))
        accepted = store_parts(store, rid, plan, add_units=["大连长兴岛临港工业区"])
        assert [p.unit for p in accepted.added] == ["大连长兴岛临港工业区"]
    from desktop import units

    added = units.load().unit("大连长兴岛临港工业区")
    assert added is not None and added.categories == ("各区市县政府和先导区管委会",)


def test_newest_part_per_unit_wins_and_older_ones_stay_as_history(tmp_path, ctx):
    catalogue, form, directory = ctx
    store, rid = lead_store(tmp_path)
    first = parts_folder(tmp_path, "市教育局")
    with store:
        collect_paths([first], store, rid, catalogue, form, directory, lambda _u: True)
        # A corrected part, dated later.
        later = tmp_path / "更正"
        later.mkdir()
        with open_store(tmp_path / "pc-更正").store as sender:
            write_part(sender, "市教育局", later, trainings_held=4, report_date="2016-11-25")
        result = collect_paths([later], store, rid, catalogue, form, directory, lambda _u: True)
        assert len(result.replaced) == 1 and "2016年11月25日" in result.replaced[0][1]
        # The first file again: older, kept as history only; the same file again: no news.
        again = collect_paths([first], store, rid, catalogue, form, directory, lambda _u: True)
        assert len(again.older) == 1 and again.added == again.replaced == []
        same = collect_paths([later], store, rid, catalogue, form, directory, lambda _u: True)
        assert len(same.unchanged) == 1
        contributions = Contributions(store)
        (current,) = contributions.current(rid, TASK)
        assert current.answer["figures"]["trainings_held"] == 4
        history = contributions.history(rid, TASK, "市教育局")
        assert len(history) == 3 and sum(c.current for c in history) == 1
        assert "被“" in history[-1].note


# -- the desk: quotes, sums, the missing line, the report rows ----------------------------------
def test_desk_shows_parts_sums_and_who_has_not_sent(tmp_path, ctx):
    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "市教育局", "中山区")
    store, rid = lead_store(tmp_path)
    with store:
        collect_paths([folder], store, rid, catalogue, form, directory, lambda _u: True)
        desk = desk_for(store, rid, ctx)
        view = desk.task_parts(TASK)
        assert view.units == ["中山区", "市教育局"]
        sums = {s.spec.key: s for s in view.sums}
        assert sums["trainings_held"].total == 8 and sums["people_trained"].total == 380
        assert sums["trainings_held"].breakdown() == "中山区 5 + 市教育局 3 = 8"
        line = view.missing_line()
        assert "西岗区" in line and "市财政局" in line
        assert (
            "中山区" not in line.split("尚未发送")[1]
            and "市教育局" not in line.split("尚未发送")[1]
        )
        assert view.missing_count() == len(view.expected.units()) - 2
        assert desk.quote(TASK, "市教育局").startswith("市教育局组织全市教育系统")
        assert desk.quote(TASK, "中山区").startswith("中山区：举办全区")

        taken = desk.take_sum(TASK, "trainings_held")
        assert taken.total == 8 and taken.taken["parts"] == {"中山区": 5, "市教育局": 3}
        again = desk.task_parts(TASK, {"figures.trainings_held": 8})
        assert next(s for s in again.sums if s.spec.key == "trainings_held").is_taken
        assert desk.report_rows() == []
        desk.set_in_report(TASK, True)
        rows = desk.report_rows()
        assert [(r.unit, r.status) for r in rows] == [("中山区", "已完成"), ("市教育局", "已完成")]
        # The first sentence of 成效 (else 做法, with the unit named), then the figures.
        assert (
            rows[1].summary == "全系统政务公开人员轮训一遍。举办政务公开业务培训3次，培训120人次。"
        )
        assert rows[0].summary.startswith("举办全区政务公开培训班，各街道")


def test_quote_names_the_unit_instead_of_we():
    assert quote_text("西岗区", "我区开展了培训\n共三次") == "西岗区开展了培训。共三次。"
    assert quote_text("市教育局", "制定了方案。") == "市教育局：制定了方案。"
    assert quote_text("市教育局", "") == ""


# -- the report's attachment --------------------------------------------------------------------
def test_report_gets_the_optional_table_only_when_chosen(tmp_path, ctx):
    import docx
    from docx.oxml.ns import qn

    from desktop.report import build_report, compose_report
    from desktop.report.contrib_table import add_contributions

    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "市教育局", "中山区")
    store, rid = lead_store(tmp_path)
    with store:
        store.save_fields(rid, [(task_scope(TASK), "status", "已完成")])
        collect_paths([folder], store, rid, catalogue, form, directory, lambda _u: True)
        desk = desk_for(store, rid, ctx)
        data = full_payload(store, rid)
        plain = compose_report(data, catalogue, form).text()
        assert "配合单位落实情况" not in plain
        desk.set_in_report(TASK, True)
        rows = desk.report_rows()
    model = add_contributions(compose_report(data, catalogue, form), rows)
    text = model.text()
    assert "附件：1.2016年政务公开工作要点落实情况表" in text and "2.配合单位落实情况" in text
    assert "附件1" in text and "附件2" in text
    out = tmp_path / "报告.docx"
    # A final, dated report: a draft is marked 草稿 and a missing date left blank (issue 10),
    # both of which check-docx rightly reports.
    data = {**data, "status": "final", "profile": {**data["profile"], "report_date": "2016-11-28"}}
    out.write_bytes(build_report(data, catalogue, form, contributions=rows))
    # Two attachment names, the second aligned under the first: still GB/T 9704 clean.
    from desktop.report import check_docx

    assert check_docx(out) == []
    document = docx.Document(str(out))
    table = document.tables[-1]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["序号", "工作任务", "配合单位", "完成状态", "落实情况"]
    assert [r[2] for r in cells[1:]] == ["中山区", "市教育局"]
    # The task is one merged cell over its units' rows (python-docx reads the merged cell's
    # text in both rows), never a blank cell that looks like a value left out.
    assert cells[1][1].startswith("四（三）") and cells[2][1] == cells[1][1]
    merges = [tc.tcPr.find(qn("w:vMerge")) for tc in (r._tr.tc_lst[1] for r in table.rows[1:])]
    assert merges[0].get(qn("w:val")) == "restart"
    assert merges[1] is not None and merges[1].get(qn("w:val")) in (None, "continue")
    assert table.rows[2]._tr.tc_lst[1].xpath("string(.)") == ""
    # The embedded payload (what 汇总 reads) carries no contributions.
    from desktop.docx_payload import read

    assert "contribution" not in json.loads(read(out))


# -- the store ----------------------------------------------------------------------------------
def test_a_version_1_database_gains_the_contribution_tables(tmp_path):
    from desktop.store import migrations

    folder = tmp_path / "old"
    with open_store(folder).store as store:
        rid = store.create_report("中山区", "dalian-2016")
        store.save_field(rid, "profile", "contact_name", "张三")
    conn = sqlite3.connect(folder / "answers.db")
    conn.execute("DROP TABLE contributions")
    conn.execute("DROP TABLE contribution_options")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with open_store(folder).store as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert store.load_values(rid)["profile"]["contact_name"] == "张三"
        assert Contributions(store).current(rid) == []
    assert list((folder / "backups").glob("answers-before-v2-*.db"))
    assert migrations.SCHEMA_VERSION == 2


def test_a_read_only_window_cannot_collect(tmp_path, ctx):
    from desktop.store import StoreError

    catalogue, form, directory = ctx
    folder = parts_folder(tmp_path, "中山区")
    store, rid = lead_store(tmp_path)
    with store, open_store(tmp_path / "lead-pc").store as second:
        assert second.read_only
        with pytest.raises(StoreError):
            collect_paths([folder], second, rid, catalogue, form, directory, lambda _u: True)
        assert Contributions(store).current(rid) == []


def test_contribution_block_is_validated(ctx):
    catalogue, form, _directory = ctx
    base = payload.empty(catalogue, "中山区")
    bad = copy.deepcopy(base)
    bad["contribution"] = {"to": "", "tasks": "4.3.1", "extra": 1}
    problems = payload.validate(bad, catalogue, form)
    assert any("配合材料“牵头单位”：缺少牵头单位名称" in p for p in problems)
    assert any("配合材料“任务”" in p for p in problems)
    assert any("配合材料中的“extra”：不认识的项" in p for p in problems)
    assert PARTS  # the scenario's units are real directory units
