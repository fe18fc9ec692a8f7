"""Seed a data directory with a report in progress, for README screenshots only.

    python scripts/seed_screenshot_data.py DATA_DIR [UNIT] [PAGE]

Never used by the app or the tests; the texts are illustrative.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import paths
from desktop.answers import figure_store_key, task_scope
from desktop.services import Services
from desktop.settings import Settings
from desktop.store import open_store


def main() -> None:
    data = Path(sys.argv[1])
    unit = sys.argv[2] if len(sys.argv) > 2 else "市财政局"
    page = sys.argv[3] if len(sys.argv) > 3 else "task:1.6.1"
    paths.set_data_dir(data)
    opened = open_store(data)
    settings = Settings()
    services = Services(opened.store, settings)
    rid = services.start_report(unit, "dalian-2016")
    session = services.open_session(rid)
    edit = session.set_value
    for key, value in {
        "contact_name": "张晓明",
        "contact_phone": "0411-83673000",
        "leader_name": "李建国",
        "leader_title": "副局长",
        "report_date": "2016-11-28",
    }.items():
        edit("profile", key, value)
    for t in session.optional_tasks()[:3]:
        edit(task_scope(t.task_id), "applicable", True)
    if session.optional_tasks()[3:4]:
        t = session.optional_tasks()[3]
        edit(task_scope(t.task_id), "applicable", False)
        edit(task_scope(t.task_id), "not_applicable_reason", "本单位不承担此项职能")
    texts = {
        "status": session.form.statuses.done,
        "measures": "一是在市政府网站信息公开专栏“重点领域（财政）”开设预决算公开专栏，集中公开市本级政府预决算和"
        "部门预决算；二是印发《关于做好2016年部门预决算公开工作的通知》，明确公开时限和细化要求；"
        "三是对各部门公开情况进行专项检查，逐一反馈问题并督促整改。",
        "results": "全市86个部门全部公开了2016年部门预算和2015年部门决算，公开率100%，支出公开到功能分类项级科目。",
        "evidence": [
            {
                "title": "大连市财政局 预决算公开专栏",
                "url": "http://www.dl.gov.cn/gov/zwgk/czyjs/",
                "path": "",
            }
        ],
    }
    done = [t for t in session.answer_tasks()][:6]
    for t in done:
        for key, value in texts.items():
            edit(task_scope(t.task_id), key, value)
    edit(task_scope("3.1.2"), figure_store_key("head_interpretations"), 0) if any(
        t.task_id == "3.1.2" for t in session.answer_tasks()
    ) else None
    session.flush()
    opened.store.set_ui_state(rid, "last_page", page)
    settings.set("last_report_id", rid)
    opened.store.close()


if __name__ == "__main__":
    main()
