"""Seed a data directory with a lead unit that has collected two parts, for README screenshots.

    python scripts/seed_lead_screenshot.py DATA_DIR [REPORT.docx]

市政府办公厅 leads 四（三）; 市教育局 and 中山区 sent their parts (made and read the way the
wizard's 工具 menu does, through desktop.lead). With REPORT.docx the lead's Word report with
the 配合单位落实情况 table is written too. Never used by the app or the tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import paths, payload
from desktop.lead import send
from desktop.lead.collect import collect_paths
from desktop.lead.desk import LeadDesk
from desktop.services import Services
from desktop.settings import Settings
from desktop.store import open_store

LEAD, TASK = "市政府办公厅", "4.3.1"
PARTS = {
    "市教育局": (
        "我局制定《全市教育系统政务公开工作人员培训计划》，分两期组织各区市县教育局、市属学校"
        "政务公开工作人员集中培训，邀请市政府办公厅同志讲解依申请公开答复规范。",
        "全系统政务公开工作人员轮训一遍，依申请公开答复规范率明显提高。",
        3,
        126,
    ),
    "中山区": (
        "举办全区政务公开业务培训班，各街道、区直部门政务公开专员参加，"
        "培训内容包括政策解读、舆情回应和政府网站信息发布。",
        "",
        5,
        268,
    ),
}


def main() -> None:
    data = Path(sys.argv[1])
    docx_out = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    paths.set_data_dir(data)
    services = Services(open_store(data).store, Settings())
    store = services.store
    catalogue = services.catalogue("dalian-2016")
    form, directory = services.form(catalogue), services.directory()
    inbox = Path(tempfile.mkdtemp())
    with tempfile.TemporaryDirectory() as other:
        sender = Services(open_store(Path(other)).store, services.settings)
        for unit, (measures, results, held, people) in PARTS.items():
            rid = sender.start_report(unit, catalogue.id)
            scope = f"task:{TASK}"
            changes = [
                ("profile", "contact_name", "张晓明" if unit == "中山区" else "王丽"),
                ("profile", "contact_phone", "0411-82765432"),
                (scope, "status", "已完成"),
                (scope, "measures", measures),
                (scope, "figures.trainings_held", held),
                (scope, "figures.people_trained", people),
            ]
            if results:
                changes.append((scope, "results", results))
            sender.store.save_fields(rid, changes)
            full = sender.open_session(rid).payload()
            doc = send.contribution(full, LEAD, [TASK])
            (inbox / send.file_name(unit, LEAD)).write_text(payload.dumps(doc), encoding="utf-8")
        sender.store.close()
    rid = services.start_report(LEAD, catalogue.id)
    store.save_fields(
        rid,
        [
            ("profile", "contact_name", "李明"),
            ("profile", "report_date", "2016-11-28"),
            (f"task:{TASK}", "status", "已完成"),
            (
                f"task:{TASK}",
                "measures",
                "10月组织全市政务公开业务培训，各地区、市政府各部门分管同志和工作人员参加。",
            ),
        ],
    )
    collect_paths([inbox], store, rid, catalogue, form, directory, lambda _u: False)
    desk = LeadDesk(store, rid, catalogue, form, directory, directory.unit(LEAD))
    desk.set_in_report(TASK, True)
    if docx_out is not None:
        from desktop.report import export_report

        # A final report, as it is sent: reviewed, so no 草稿 mark on the pages.
        store.save_fields(
            rid,
            [
                ("review", "reviewer_name", "王芳"),
                ("review", "review_date", "2016-11-28"),
                ("review", "confirmed", True),
            ],
        )
        store.set_status(rid, "final")

        full = services.open_session(rid).payload()
        export_report(full, catalogue, form, docx_out, contributions=desk.report_rows())
    store.set_ui_state(rid, "last_page", f"task:{TASK}")
    services.settings.set("last_report_id", rid)
    store.close()


if __name__ == "__main__":
    main()
