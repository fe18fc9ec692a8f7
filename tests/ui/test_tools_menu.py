"""Exchange files and the unit's own template, from the 工具 menu."""

from __future__ import annotations

from pathlib import Path

from desktop.ui import tools
from tests.ui.test_wizard import choose_unit_and_start, make_window


def test_exchange_file_moves_a_report_to_another_pc(
    qtbot, open_services, answers, tmp_path, data_dir, monkeypatch
):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "水务", "市水务局")
    view.ctx.edit("task:1.10.1", "status", "已完成")
    view.ctx.edit("task:1.10.1", "figures.water_quality_quarters", 3)
    view.ctx.edit("profile", "contact_name", "赵敏")
    target = tmp_path / "水务局.json"
    answers.expect("save_path", str(target))
    answers.expect("info")
    window.export_exchange()
    assert target.is_file()

    # Another PC: a fresh data directory.
    other = tmp_path / "other-pc"
    monkeypatch.setenv("ZWGK_DATA_DIR", str(other))
    from desktop.services import Services
    from desktop.settings import Settings
    from desktop.store import open_store

    store2 = open_store(other).store
    window2 = make_window(qtbot, Services(store2, Settings()))

    def open_it(options):
        assert options["buttons"][0] == "导入并打开“市水务局”的报告"
        return 0

    answers.expect("open_paths", [str(target)])
    answers.expect("ask", open_it)
    answers.expect("info")
    window2.import_exchange()
    view2 = window2.report_view
    assert view2 is not None and view2.session.unit_name == "市水务局"
    assert view2.session.value("task:1.10.1", "figures.water_quality_quarters") == 3
    assert view2.session.value("profile", "contact_name") == "赵敏"
    window2.close()
    store2.close()


def test_malformed_exchange_file_lists_problems_and_writes_nothing(
    qtbot, open_services, answers, tmp_path
):
    services = open_services()
    window = make_window(qtbot, services)
    bad = tmp_path / "坏文件.json"
    bad.write_text(
        '{"format": "zwgk-report", "version": 1, "catalogue": {"id": "dalian-2016"}, "unit": "中山区",'
        ' "answers": {"9.9.9": {}, "1.1.1": {"status": "差不多"}}}',
        encoding="utf-8",
    )
    answers.expect("open_paths", [str(bad)])
    answers.expect("error")
    window.import_exchange()
    kind, title, text = answers.seen[-1]
    assert "未导入任何内容" in text
    assert "9.9.9" in text and "差不多" in text
    assert services.store.list_reports() == []


def test_gbk_file_is_refused_plainly(qtbot, open_services, answers, tmp_path):
    window = make_window(qtbot, open_services())
    bad = tmp_path / "gbk.json"
    bad.write_bytes('{"unit": "中山区"}'.encode("gbk"))
    answers.expect("open_paths", [str(bad)])
    answers.expect("error")
    window.import_exchange()
    assert "UTF-8" in answers.seen[-1][2]


def test_unit_template_missing_styles_is_named(qtbot, open_services, answers, tmp_path):
    import docx

    services = open_services()
    window = make_window(qtbot, services)
    plain = tmp_path / "本单位模板.docx"
    docx.Document().save(plain)
    answers.expect("open_paths", [str(plain)])
    answers.expect("error")
    tools.choose_template(window, services)
    kind, title, text = answers.seen[-1]
    assert title == "模板不可用" and "本单位模板.docx" in text
    assert services.settings.get("report_template") == ""
    from desktop.report import default_template

    answers.expect("open_paths", [str(default_template())])
    answers.expect("info")
    tools.choose_template(window, services)
    assert Path(services.settings.get("report_template")) == default_template()
