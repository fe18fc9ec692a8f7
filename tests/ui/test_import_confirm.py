"""Importing another unit's exchange file asks first (issue 12 §9): it says whose report it is,
that it becomes a separate report, and the window stays on the clerk's own report unless they
choose to open the imported one."""

from __future__ import annotations

import pytest

from tests.samples import unit_reports as samples
from tests.ui.test_wizard import choose_unit_and_start, make_window


@pytest.fixture
def xigang_file(tmp_path, catalogue, form, directory_bundled):
    data = samples.make_payload(catalogue, form, directory_bundled, "西岗区", final=False)
    return samples.write_json(tmp_path / "西岗区-落实情况数据.json", data)


def reports(services) -> set[str]:
    return {r.unit for r in services.store.list_reports()}


def test_another_units_file_is_a_separate_report_and_the_window_stays(
    qtbot, open_services, answers, xigang_file
):
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    view.ctx.edit("profile", "contact_name", "张晓明")
    asked = {}

    def stay(options):
        asked["buttons"] = options["buttons"]
        return 1

    answers.expect("open_paths", [str(xigang_file)])
    answers.expect("ask", stay)
    answers.expect("info")
    window.import_exchange()
    kind, title, text = answers.seen[-2]
    assert kind == "ask"
    assert "“西岗区-落实情况数据.json”是“西岗区”的报告" in text and "草稿" in text
    assert "一份单独的报告" in text and "当前打开的“中山区”的报告不受影响" in text
    assert asked["buttons"] == ["导入并打开“西岗区”的报告", "导入，留在“中山区”", "取消"]
    assert "切换或新建报告" in answers.seen[-1][2]  # where to find it
    # Still the clerk's own report, edits intact; the imported one is listed on the start page.
    assert window.report_view is view and view.session.unit_name == "中山区"
    assert view.session.value("profile", "contact_name") == "张晓明"
    assert reports(services) == {"中山区", "西岗区"}
    start = window.start_page
    listed = {start.reports.item(r, 0).text() for r in range(start.reports.rowCount())}
    assert listed == {"中山区", "西岗区"}


def test_cancel_imports_nothing(qtbot, open_services, answers, xigang_file):
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    answers.expect("open_paths", [str(xigang_file)])
    answers.expect("ask", 2)
    window.import_exchange()
    assert reports(services) == {"中山区"}
    assert window.report_view is view


def test_choosing_to_open_switches_to_it(qtbot, open_services, answers, xigang_file):
    services = open_services()
    window = make_window(qtbot, services)
    choose_unit_and_start(qtbot, window, "中山", "中山区")
    answers.expect("open_paths", [str(xigang_file)])
    answers.expect("ask", 0)
    answers.expect("info")
    window.import_exchange()
    assert window.report_view.session.unit_name == "西岗区"


def test_from_the_start_page_the_list_shows_it_at_once(qtbot, open_services, answers, xigang_file):
    services = open_services()
    window = make_window(qtbot, services)
    start = window.start_page
    assert start.empty_label.isVisibleTo(start)  # 本机还没有报告

    def stay(options):
        assert options["buttons"] == ["导入并打开“西岗区”的报告", "导入，暂不打开", "取消"]
        return 1

    answers.expect("open_paths", [str(xigang_file)])
    answers.expect("ask", stay)
    answers.expect("info")
    window.import_exchange()
    assert window.report_view is None
    assert not start.empty_label.isVisibleTo(start)
    assert start.reports.item(0, 0).text() == "西岗区"


def test_the_open_units_own_file_asks_to_overwrite(
    qtbot, open_services, answers, tmp_path, catalogue, form, directory_bundled
):
    services = open_services()
    window = make_window(qtbot, services)
    choose_unit_and_start(qtbot, window, "中山", "中山区")
    data = samples.make_payload(catalogue, form, directory_bundled, "中山区", final=False)
    own = samples.write_json(tmp_path / "中山区.json", data)

    def overwrite(options):
        assert options["buttons"] == ["导入并覆盖", "取消"]
        return 0

    answers.expect("open_paths", [str(own)])
    answers.expect("ask", overwrite)
    answers.expect("info")
    window.import_exchange()
    assert "它就是当前打开的报告" in answers.seen[-2][2]
    view = window.report_view
    assert view is not None and view.session.unit_name == "中山区"
    assert view.session.value("profile", "contact_name") == "张三"  # the file's content
