"""The 牵头 unit's parts, driven like clerks on three PCs: two cooperating units send their part
of 四（三）, 市政府办公厅 collects them from a folder (with a broken file among them), quotes one,
takes the summed figure and puts the parts in its Word report's attachment table."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from desktop.lead import send
from desktop.services import Services
from desktop.settings import Settings
from desktop.store import open_store
from desktop.store.contributions import Contributions
from desktop.ui.lead_tools import COLLECT_FILTERS, CollectResultDialog, SendDialog
from tests.ui.test_wizard import (
    choose_unit_and_start,
    click_status,
    field,
    make_window,
    nav_click,
    type_into,
    wait_saved,
)

LEAD = "市政府办公厅"
TASK = "task:4.3.1"


def on_pc(qtbot, monkeypatch, folder: Path, stores: list):
    """A window on another PC: its own data folder, settings and database."""
    monkeypatch.setenv("ZWGK_DATA_DIR", str(folder))
    store = open_store(folder).store
    stores.append(store)
    return make_window(qtbot, Services(store, Settings()))


def send_part(qtbot, window, answers, inbox: Path, unit: str) -> Path:
    """工具 → 发送给牵头单位…: only 市政府办公厅 is ticked and ready (its task is filled)."""
    seen: dict = {}

    def tick_only_the_office(options: dict) -> int:
        dialog = options["dialog"]
        assert isinstance(dialog, SendDialog)
        seen.update({lead: box.isEnabled() for lead, box in dialog.boxes.items()})
        for lead, box in dialog.boxes.items():
            if box.isChecked() and lead != LEAD:
                qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
        return QDialog.DialogCode.Accepted

    answers.expect("dialog", tick_only_the_office)
    answers.expect("directory", str(inbox))
    answers.expect("info")
    window.send_to_lead()
    # Every lead the unit shares a task with is offered; those with nothing filled are not ready.
    assert seen[LEAD] is True and seen["市编委办"] is False
    kind, title, text = answers.seen[-1]
    assert title == "已生成配合材料" and "收集配合单位材料" in text
    path = inbox / send.file_name(unit, LEAD)
    assert path.is_file() and path.name in text
    return path


def test_two_units_send_and_the_lead_collects_quotes_sums_and_reports(
    qtbot, answers, tmp_path, monkeypatch
):
    inbox = tmp_path / "收到的配合材料"
    inbox.mkdir()
    stores: list = []
    try:
        # -- 市教育局 types its part of 四（三） and sends it ---------------------------------
        window = on_pc(qtbot, monkeypatch, tmp_path / "pc-教育局", stores)
        view = choose_unit_and_start(qtbot, window, "教育", "市教育局")
        nav_click(qtbot, view, TASK)
        click_status(qtbot, view, "已完成")
        type_into(qtbot, view, "measures", "我局组织全市教育系统政务公开业务培训。")
        type_into(qtbot, view, "figures.trainings_held", "3")
        type_into(qtbot, view, "figures.people_trained", "120")
        wait_saved(qtbot, view)
        send_part(qtbot, window, answers, inbox, "市教育局")
        window.close()

        # -- 中山区 does the same on its PC -------------------------------------------------
        window = on_pc(qtbot, monkeypatch, tmp_path / "pc-中山区", stores)
        view = choose_unit_and_start(qtbot, window, "中山", "中山区")
        for key, value in {
            "status": "已完成",
            "measures": "举办全区政务公开培训班，各街道政务公开专员参加。",
            "results": "全区政务公开人员培训全覆盖。",
            "figures.trainings_held": 5,
            "figures.people_trained": 260,
        }.items():
            view.ctx.edit(TASK, key, value)
        send_part(qtbot, window, answers, inbox, "中山区")
        window.close()
        (inbox / "来历不明.json").write_text('{"format": "zwgk-report", "ver', encoding="utf-8")

        # -- 市政府办公厅 collects the folder ---------------------------------------------------
        window = on_pc(qtbot, monkeypatch, tmp_path / "pc-办公厅", stores)
        view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
        nav_click(qtbot, view, TASK)
        page = view.pages[TASK]
        panel = page.contributions
        assert panel is not None and panel.title() == "配合单位材料（0）"
        assert "还没有收到" in panel.content.findChildren(type(panel.missing_label))[0].text()
        result: dict = {}

        def read_result(options: dict) -> int:
            dialog = options["dialog"]
            assert isinstance(dialog, CollectResultDialog)
            result["summary"] = dialog.summary.text()
            result["details"] = dialog.details.toPlainText()
            return QDialog.DialogCode.Accepted

        answers.expect("ask", 1)  # 选择文件夹…
        answers.expect("directory", lambda options: str(inbox))
        answers.expect("dialog", read_result)
        window.collect_parts()
        qtbot.waitUntil(lambda: "summary" in result, timeout=20000)
        assert "收到 2 个单位的 2 项材料：中山区、市教育局" in result["summary"]
        assert "来历不明.json" in result["details"] and "JSON 格式错误" in result["details"]
        # The window stayed on the lead's own report and page.
        assert window.report_view is view and view.current_key() == TASK
        assert [r.unit for r in view.session.store.list_reports()] == [LEAD]

        # -- the panel shows both parts --------------------------------------------------------
        assert panel.title() == "配合单位材料（2）"
        assert list(panel.cards) == ["中山区", "市教育局"]
        card = panel.cards["市教育局"]
        assert "主要做法：我局组织全市教育系统政务公开业务培训。" in card.texts["measures"].text()
        assert card.figures.text() == "举办政务公开业务培训次数：3次；培训人数：120人次"
        assert "联系人" not in card.findChildren(type(card.header))[1].text()  # none typed
        assert panel.cards["中山区"].texts["results"].text().endswith("培训全覆盖。")
        assert not card.quote_buttons["results"].isEnabled()  # 市教育局 wrote no 成效
        # Who the 要点 expects and who has not sent anything yet.
        missing = panel.missing_text.split("尚未发送")[1]
        assert "西岗区" in missing and "市财政局" in missing
        assert "中山区" not in missing and "市教育局" not in missing
        assert "西岗区" in panel.missing_label.text() and "全部名单" in panel.missing_label.text()

        # -- “引用” puts a paragraph naming the unit into the lead's own text ----------------
        type_into(qtbot, view, "measures", "组织全市政务公开业务培训。")
        qtbot.mouseClick(card.quote_buttons["measures"], Qt.MouseButton.LeftButton)
        assert field(view, "measures").value() == (
            "组织全市政务公开业务培训。\n市教育局组织全市教育系统政务公开业务培训。"
        )
        # -- the summed figure ----------------------------------------------------------------
        assert "中山区 5 + 市教育局 3 = 8" in panel.sum_labels["trainings_held"].text()
        qtbot.mouseClick(panel.sum_buttons["trainings_held"], Qt.MouseButton.LeftButton)
        assert field(view, "figures.trainings_held").value() == 8
        assert "已填入本单位数据" in panel.sum_labels["trainings_held"].text()
        assert not panel.sum_buttons["trainings_held"].isEnabled()
        # -- the report's optional table -----------------------------------------------------
        click_status(qtbot, view, "已完成")
        box = panel.in_report
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
        assert box.isChecked()
        wait_saved(qtbot, view)
        store = view.session.store
        values = store.load_values(view.session.report_id)[TASK]
        assert values["figures.trainings_held"] == 8
        options = Contributions(store).options(view.session.report_id, "4.3.1")
        assert options["sum.trainings_held"]["parts"] == {"中山区": 5, "市教育局": 3}

        nav_click(qtbot, view, "export")
        export = view.pages["export"]
        assert "配合单位落实情况" in export.preview.toPlainText()
        target = tmp_path / "办公厅报告.docx"
        answers.expect("save_path", str(target))
        qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: export.message.text().startswith("已导出"), timeout=20000)
        table = docx.Document(str(target)).tables[-1]
        rows = [[c.text for c in r.cells] for r in table.rows]
        assert rows[0][2] == "配合单位" and [r[2] for r in rows[1:]] == ["中山区", "市教育局"]
        assert rows[1][4].startswith("全区政务公开人员培训全覆盖。")
        assert "举办政务公开业务培训3次" in rows[2][4]
        window.close()
    finally:
        for store in stores:
            store.close()


def test_collect_offers_files_or_a_folder_with_the_right_filters(qtbot, answers, open_services):
    window = make_window(qtbot, open_services())
    choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    seen: dict = {}
    answers.expect("ask", 0)  # 选择文件…
    answers.expect("open_paths", lambda options: seen.update(options) or [])
    window.collect_parts()
    dialog = seen.pop("dialog")  # the real file dialog the clerk would get
    assert seen == {"filters": COLLECT_FILTERS, "many": True}
    assert dialog.nameFilters() == COLLECT_FILTERS.split(";;")
    assert "*.json *.docx" in COLLECT_FILTERS
    kind, title, text = answers.seen[-2]
    assert kind == "ask" and "只收入本单位牵头的任务" in text


def test_a_unit_that_leads_nothing_is_told_so(qtbot, answers, open_services):
    window = make_window(qtbot, open_services())
    choose_unit_and_start(qtbot, window, "中山", "中山区")
    answers.expect("info")
    window.collect_parts()
    assert "没有指定“中山区”牵头的任务" in answers.seen[-1][2]


def test_a_unit_with_nothing_filled_is_asked_to_fill_first(qtbot, answers, open_services):
    window = make_window(qtbot, open_services())
    choose_unit_and_start(qtbot, window, "中山", "中山区")
    answers.expect("info")
    window.send_to_lead()
    kind, title, text = answers.seen[-1]
    assert (
        title == "没有可发送的内容"
        and "还没有填写" in text
        and "四（三）" in text
        and "4.3.1" not in text
    )


def test_a_part_from_an_unknown_unit_is_asked_about_before_it_is_added(
    qtbot, answers, open_services, tmp_path
):
    from desktop import payload, units
    from tests.lead_support import fill_part, full_payload

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with open_store(tmp_path / "sender-pc").store as sender:
        data = full_payload(sender, fill_part(sender, "中山区"))
    doc = send.contribution(data, LEAD, ["4.3.1"])
    doc["unit"] = "旅顺经济开发区"
    doc["unit_info"] = {"kind": "pilot_zone", "categories": ["各区市县政府和先导区管委会"]}
    (inbox / "旅顺经济开发区致市政府办公厅的配合材料.json").write_text(
        payload.dumps(doc), encoding="utf-8"
    )
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    nav_click(qtbot, view, TASK)
    done: list = []
    answers.expect("ask", 1)
    answers.expect("directory", str(inbox))
    answers.expect("ask", 0)  # 加入名录并收下
    answers.expect("dialog", lambda options: done.append(options["dialog"]) or 1)
    # The panel's own button does what 工具 → 收集配合单位材料… does.
    qtbot.mouseClick(view.pages[TASK].contributions.collect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    question = answers.seen[-2]
    assert question[1] == "单位名录中没有这个单位" and "旅顺经济开发区" in question[2]
    assert "先导区管委会" in question[2]  # the kind the file gives, in words
    assert "已将“旅顺经济开发区”加入单位名录" in done[0].details.toPlainText()
    assert list(view.pages[TASK].contributions.cards) == ["旅顺经济开发区"]
    assert units.load().unit("旅顺经济开发区") is not None


def test_a_corrected_part_replaces_the_first_which_stays_one_click_away(
    qtbot, answers, open_services, tmp_path
):
    from desktop.lead.collect import collect_paths
    from tests.lead_support import write_part

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    with open_store(tmp_path / "pc1").store as sender:
        write_part(sender, "市教育局", first)
    with open_store(tmp_path / "pc2").store as sender:
        write_part(sender, "市教育局", later, trainings_held=4, report_date="2016-11-26")
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    s = view.session
    for folder in (first, later):
        collect_paths([folder], s.store, s.report_id, s.catalogue, s.form, s.directory, bool)
    nav_click(qtbot, view, TASK)
    card = view.pages[TASK].contributions.cards["市教育局"]
    assert "举办政务公开业务培训次数：4次" in card.figures.text()
    assert card.history_button is not None and card.history_button.text() == "旧版本（1）…"
    shown: list = []
    answers.expect(
        "dialog", lambda options: shown.append(options["dialog"].text.toPlainText()) or 0
    )
    qtbot.mouseClick(card.history_button, Qt.MouseButton.LeftButton)
    text = shown[0]
    assert (
        "正在使用" in text
        and "未使用：被“" in text
        and "报告日期2016年11月26日晚于2016年11月20日" in text
    )
    assert "举办政务公开业务培训次数：3次" in text  # the old figure is still readable
