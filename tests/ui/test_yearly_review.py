"""The office reviews a new 要点 in the 汇总 window, corrects it, publishes it; a unit imports
the publication on a fresh PC and reports with last year's cover and answers beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop import paths
from desktop.consolidate.service import OfficeService
from desktop.store import open_store
from desktop.ui.office.review_task import TaskEditor
from desktop.ui.office.window import OfficeWindow
from tests.ui.conftest import type_text
from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click, wait_saved
from tests.yearly.helpers import SAMPLE_2017

LAST_YEAR_MEASURES = (
    "网上审批平台与省平台实时对接，审批事项全部网上受理。\n办理进度和结果可在网站实时查询。"
)


@pytest.fixture
def office(qtbot):
    window = OfficeWindow(OfficeService())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(window.review_tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentWidget() is window.review_tab
    return window


def import_sample(qtbot, tab, answers) -> None:
    answers.expect("open_paths", [str(SAMPLE_2017)])
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert tab.draft is not None


def click_node(qtbot, tab, key: str):
    item = tab.items[key]
    tab.tree.scrollToItem(item)
    rect = tab.tree.visualItemRect(item)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.current_key() == key
    return tab.editor


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)


def test_office_corrects_publishes_and_a_unit_reports_carrying_last_year(
    qtbot, office, answers, tmp_path
):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    assert len([k for k in tab.items if k != "header"]) == 20
    assert tab.items["1.6.1"].text(0) == "⚠ （六）推进“放管服”改革信息公开"
    # The parser's warning stands beside the task whose line it concerns.
    editor = click_node(qtbot, tab, "2.3.2")
    assert "第26行：任务二（三）之二没有单独的责任分工" in editor.notes.text()

    # Correct one assignment: the 2017 notice names a bureau the directory calls otherwise.
    editor = click_node(qtbot, tab, "1.6.1")
    assert isinstance(editor, TaskEditor)
    assert "原文第21行起" in editor.heading.text()  # where to find it in the notice
    assert "不在单位名录中" in editor.notes.text()
    retype(qtbot, editor.assignments.name_box(0).lineEdit(), "市公共行政服务中心")
    assert editor.assignments.role_box(0).currentText() == "牵头"
    assert tab.draft.task("1.6.1").assignments[0].unit == "市公共行政服务中心"
    assert not tab.items["1.6.1"].text(0).startswith("⚠")

    # Correct one figure suggested from “不少于3次”: its name, and confirm it.
    editor = click_node(qtbot, tab, "3.1.2")
    box = editor.figures.boxes["req_count"]
    assert box.demand_edit.text() == "3" and "建议" in box.title()
    retype(qtbot, box.label_edit, "主要负责人解读重要政策措施次数")
    qtbot.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    assert box.title() == "主要负责人解读重要政策措施次数"
    with qtbot.waitSignal(tab.saved, timeout=5_000):
        pass

    target = tmp_path / "发给各单位" / "2017年要点.json"
    target.parent.mkdir()

    def confirm(options):
        assert options["buttons"] == ["继续", "取消"]
        return 0

    def save_as(options):
        assert options["filters"] == "要点发布文件 (*.json)"
        assert options["dialog"].defaultSuffix() == "json"
        return str(target)

    answers.expect("ask", confirm)
    answers.expect("save_path", save_as)
    answers.expect("info")
    with qtbot.waitSignal(tab.published, timeout=5_000):
        qtbot.mouseClick(tab.publish_button, Qt.MouseButton.LeftButton)
    assert "第1版" in answers.seen[-1][2] and target.is_file()
    assert "已发布第1版" in tab.choice.currentText()
    office.close()

    # A unit's PC: a fresh data directory holding only last year's report.
    unit_dir = tmp_path / "unit"
    paths.set_data_dir(unit_dir)
    opened = open_store(unit_dir)
    from desktop.services import Services
    from desktop.settings import Settings

    services = Services(opened.store, Settings())
    try:
        last = services.start_report("市公共行政服务中心", "dalian-2016")
        opened.store.save_fields(
            last,
            [
                ("profile", "contact_name", "赵敏"),
                ("profile", "contact_phone", "0411-39876543"),
                ("profile", "leader_name", "孙立"),
                ("task:2.1.1", "status", "已完成"),
                ("task:2.1.1", "measures", LAST_YEAR_MEASURES),
            ],
        )
        window = make_window(qtbot, services)
        start = window.start_page

        def pick(options):
            assert "*.json" in options["filters"].split(";;")[0]
            return [str(target)]

        answers.expect("open_paths", pick)
        answers.expect("ask", 0)
        qtbot.mouseClick(start.import_button, Qt.MouseButton.LeftButton)
        assert "市政府办公厅发布的第1版" in answers.seen[-1][2]
        assert "2017" in start.catalogues.currentText()

        view = choose_unit_and_start(qtbot, window, "公共行政", "市公共行政服务中心")
        # The corrected assignment: the unit now leads 一（六）.
        assert "task:1.6.1" in view.nav.order
        assert view.session.task("1.6.1").duty.role == "lead"
        figure = services.form(view.session.catalogue).all_figures("3.1.2")[0]
        assert figure.label == "主要负责人解读重要政策措施次数"
        # Last year's cover page.
        page = view.pages["profile"]
        assert page.fields["contact_name"].editor.value() == "赵敏"
        assert page.fields["leader_name"].editor.value() == "孙立"
        assert "已沿用本单位上一份报告的封面信息" in page.subtitle_label.text()

        # Last year's answer beside the form, copied only on a click.
        nav_click(qtbot, view, "task:1.6.1")
        task_page = view.pages["task:1.6.1"]
        panel = task_page.reference_panel
        assert panel is not None and panel.isVisible()
        [heading] = panel.headings
        assert "《2016年政务公开工作要点》" in heading.text()
        assert "二（一） 完善网上审批平台建设" in heading.text()
        measures = task_page.fields["measures"].editor
        assert measures.value() == ""
        qtbot.mouseClick(panel.copy_buttons[0], Qt.MouseButton.LeftButton)
        assert measures.value() == "网上审批平台与省平台实时对接，审批事项全部网上受理。"
        qtbot.mouseClick(panel.copy_buttons[0], Qt.MouseButton.LeftButton)  # not twice
        assert "已在" in panel.status.text()
        qtbot.mouseClick(panel.copy_buttons[1], Qt.MouseButton.LeftButton)
        assert measures.value() == LAST_YEAR_MEASURES
        wait_saved(qtbot, view)
        report = view.session.report_id
        assert opened.store.load_values(report)["task:1.6.1"] == {"measures": LAST_YEAR_MEASURES}
        window.close()
    finally:
        opened.store.close()


def test_split_and_merge_from_the_task_page(qtbot, office, answers):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    editor = click_node(qtbot, tab, "3.1.1")
    text = editor.text.toPlainText()
    cursor = editor.text.textCursor()
    cursor.setPosition(text.index("解读材料"))
    editor.text.setTextCursor(cursor)
    qtbot.mouseClick(editor.split_button, Qt.MouseButton.LeftButton)
    assert tab.current_key() == "3.1.2" and "3.1.3" in tab.items
    assert tab.editor.text.toPlainText().startswith("解读材料")
    editor = click_node(qtbot, tab, "3.1.1")
    qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    assert "3.1.3" not in tab.items and tab.current_key() == "3.1.1"
    assert (
        tab.draft.task("3.1.1").text
        == text[: text.index("解读材料")].strip() + "\n" + text[text.index("解读材料") :].strip()
    )
    # A cursor at the very start cannot split: a message, nothing changed.
    editor = tab.editor
    editor.text.moveCursor(QTextCursor.MoveOperation.Start)
    answers.expect("warn")
    qtbot.mouseClick(editor.split_button, Qt.MouseButton.LeftButton)
    assert "光标" in answers.seen[-1][2] and "3.1.3" not in tab.items


def test_a_name_not_in_the_directory_is_mapped_to_a_category(qtbot, office, answers):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    header = click_node(qtbot, tab, "header")
    assert set(header.map_buttons) == {"市政务服务管理局", "各街道办事处"}

    def choose(options):
        dialog = options["dialog"]
        type_text(qtbot, dialog.search, "先导区")
        visible = [
            dialog.list.item(i).text()
            for i in range(dialog.list.count())
            if not dialog.list.item(i).isHidden()
        ]
        assert visible[0] == "各区市县政府和先导区管委会（类别）"
        dialog.check(["各区市县政府和先导区管委会"])
        return 1

    answers.expect("dialog", choose)
    qtbot.mouseClick(header.map_buttons["各街道办事处"], Qt.MouseButton.LeftButton)
    assert set(header.map_buttons) == {"市政务服务管理局"}
    roles = {a.unit: a.role for a in tab.draft.task("4.1.1").assignments}
    assert roles == {"市政府办公厅": "lead", "各区市县政府和先导区管委会": "cooperate"}


def test_publishing_waits_until_every_task_has_someone(qtbot, office, answers, tmp_path):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    editor = click_node(qtbot, tab, "2.2.1")
    remove = editor.assignments.cellWidget(0, 2)
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert tab.items["2.2.1"].text(0).startswith("✗ ")
    answers.expect("warn")
    qtbot.mouseClick(tab.publish_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert title == "还不能发布" and "二（二）：没有责任单位" in text
    assert not list(tmp_path.glob("*.json"))


def test_a_newer_publication_replaces_the_older_and_says_what_changed(
    qtbot, open_services, answers, tmp_path
):
    from desktop.yearly.review import ReviewService

    service = ReviewService()
    draft = service.import_source(SAMPLE_2017)
    first = service.publish(draft, tmp_path / "第1版.json").path
    draft.split_task("3.1.1", draft.task("3.1.1").text.index("解读材料"))
    second = service.publish(draft, tmp_path / "第2版.json").path
    paths.set_data_dir(tmp_path / "unit")
    window = make_window(qtbot, open_services_at(tmp_path / "unit"))
    start = window.start_page
    answers.expect("open_paths", [str(first)])
    answers.expect("ask", 0)
    qtbot.mouseClick(start.import_button, Qt.MouseButton.LeftButton)
    answers.expect("open_paths", [str(second)])
    answers.expect("ask", 0)
    qtbot.mouseClick(start.import_button, Qt.MouseButton.LeftButton)
    text = answers.seen[-1][2]
    assert "将替换本机的第1版" in text and "新增任务1项：三（一）之二" in text
    answers.expect("open_paths", [str(first)])
    answers.expect("info")
    qtbot.mouseClick(start.import_button, Qt.MouseButton.LeftButton)
    assert "已有更新的第2版" in answers.seen[-1][2]
    window.services.store.close()


def open_services_at(folder):
    from desktop.services import Services
    from desktop.settings import Settings

    return Services(open_store(folder).store, Settings())


def test_an_exchange_file_on_the_start_page_is_explained(qtbot, open_services, answers, tmp_path):
    exchange = tmp_path / "市财政局.json"
    exchange.write_text('{"format": "zwgk-report", "version": 1}', encoding="utf-8")
    window = make_window(qtbot, open_services())
    answers.expect("open_paths", [str(exchange)])
    answers.expect("error")
    qtbot.mouseClick(window.start_page.import_button, Qt.MouseButton.LeftButton)
    assert "交换文件" in answers.seen[-1][2] and "工具" in answers.seen[-1][2]


def test_a_figure_is_limited_to_some_units_and_a_suggestion_added(qtbot, office, answers):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    editor = click_node(qtbot, tab, "3.3.1")
    box = editor.figures.boxes["req_count"]
    assert box.applies_edit.text() == "市政府各部门"  # from 市政府各部门要…三次新闻发布会
    retype(qtbot, box.applies_edit, "市政府各部门、市大数据局")
    assert tab.draft.figure("3.3.1", "req_count")["applies_to"] == ["市政府各部门", "市大数据局"]
    assert tab.items["3.3.1"].text(0).startswith("✗ ")
    assert "单位名录中没有“市大数据局”" in editor.notes.text()
    box.applies_edit.setFocus()
    box.applies_edit.selectAll()
    qtbot.keyClick(box.applies_edit, Qt.Key.Key_Backspace)
    assert "applies_to" not in tab.draft.figure("3.3.1", "req_count")
    # 四（三）: the deadline (10月底前) is offered, not added; one click adds it.
    editor = click_node(qtbot, tab, "4.3.1")
    [offer] = editor.figures.suggestion_buttons
    assert "组织政务公开业务培训的日期" in offer.text() and "10月底前" in offer.text()
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    assert [f["type"] for f in tab.draft.figures_for("4.3.1")] == ["integer", "date"]
    assert tab.editor.figures.suggestion_buttons == []


def test_a_publication_that_cannot_be_written_says_why_and_nothing_changes(
    qtbot, office, answers, tmp_path
):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    click_node(qtbot, tab, "1.6.1")
    answers.expect("ask", 0)
    answers.expect("save_path", str(tmp_path / "没有这个文件夹" / "要点.json"))
    answers.expect("error")
    qtbot.mouseClick(tab.publish_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert title == "发布失败" and "不存在" in text
    assert tab.service.revision(tab.draft.id) == 0  # not recorded as published
    assert "未发布" in tab.choice.currentText()


def test_a_draft_that_cannot_be_saved_keeps_the_edits_and_says_so(qtbot, office, answers, data_dir):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    review_file = tab.service.path(tab.draft.id)
    review_file.unlink()
    review_file.mkdir()  # a folder where the file must go: every save fails
    editor = click_node(qtbot, tab, "1.6.1")
    answers.expect("error")
    retype(qtbot, editor.assignments.name_box(0).lineEdit(), "市公共行政服务中心")
    qtbot.waitUntil(lambda: tab.status.text().startswith("保存失败"), timeout=5_000)
    assert answers.seen[-1][1] == "无法保存校对稿"
    assert tab.draft.task("1.6.1").assignments[0].unit == "市公共行政服务中心"
    # A second failure does not pop up another box; fixing the problem saves again.
    retype(qtbot, editor.item_title, "推进放管服改革信息公开")
    qtbot.waitUntil(lambda: not tab._save_timer.isActive(), timeout=5_000)
    review_file.rmdir()
    with qtbot.waitSignal(tab.saved, timeout=5_000):
        retype(qtbot, editor.item_title, "推进“放管服”改革信息公开")
    assert tab.service.load(tab.draft.id).task("1.6.1").assignments[0].unit == "市公共行政服务中心"


def test_a_damaged_draft_is_named_when_chosen(qtbot, office, answers, data_dir):
    tab = office.review_tab
    import_sample(qtbot, tab, answers)
    tab.service.path("broken-2017").write_bytes(b"\x00\x01 not json")
    tab.fill_choice(tab.draft.id)
    index = tab.choice.findData("broken-2017")
    assert tab.choice.itemText(index) == "broken-2017.json（校对文件已损坏）"
    assert (index, tab.choice.currentIndex()) == (0, 1)  # files in name order
    answers.expect("error")
    qtbot.keyClick(tab.choice, Qt.Key.Key_Up)
    kind, title, text = answers.seen[-1]
    assert title == "无法打开校对稿" and "broken-2017.json" in text
    assert tab.draft is not None and tab.draft.id != "broken-2017"  # the open draft stays
    assert tab.choice.currentData() == tab.draft.id
