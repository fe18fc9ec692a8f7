"""File dialogs as a clerk gets them (issue 12 §1): the filters list the right files in a real
Qt file dialog, a name typed without extension gets one, and each dialog opens in the folder
used last for the same purpose (remembered across restarts), else the 文档 folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.consolidate.service import OfficeService
from desktop.settings import Settings
from desktop.ui import dialogs
from desktop.ui.folders import documents
from desktop.ui.office.window import OfficeWindow
from tests.samples import unit_reports as samples
from tests.ui.conftest import listed_files
from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click


@pytest.fixture(autouse=True)
def home_with_documents(data_dir):
    """A clerk's PC has a home folder with 文档 (Documents) in it."""
    docs = Path.home() / "Documents"
    docs.mkdir(parents=True)
    return docs


def test_dialogs_start_in_documents(home_with_documents):
    if sys.platform == "win32":
        # Qt asks the Windows shell for the Documents known folder, not %USERPROFILE%.
        assert Path(documents()).is_dir() and Path(documents()).name in ("Documents", "文档")
    else:
        assert documents() == str(home_with_documents)


@pytest.mark.parametrize(
    ("name_filter", "patterns"),
    [
        ("Word 文档 (*.docx)", ["docx"]),
        ("报告文件 (*.docx *.json)", ["docx", "json"]),
        ("报告文件（*.docx *.json）", []),  # full-width brackets: Qt sees no pattern
        ("所有文件 (*)", []),
    ],
)
def test_filter_patterns(name_filter, patterns):
    assert dialogs.filter_patterns(name_filter) == patterns


def test_a_name_without_extension_gets_the_filters_one():
    assert (
        dialogs.with_extension("/d/2016年汇总表", "Excel 工作簿 (*.xlsx)") == "/d/2016年汇总表.xlsx"
    )
    assert dialogs.with_extension("/d/汇总表.XLSX", "Excel 工作簿 (*.xlsx)") == "/d/汇总表.XLSX"
    assert dialogs.with_extension("/d/v1.2", "Word 文档 (*.docx)") == "/d/v1.2.docx"


@pytest.fixture
def inbox(tmp_path, catalogue, form, directory_bundled) -> Path:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for unit, ext in (("市财政局", "json"), ("中山区", "docx")):
        data = samples.make_payload(catalogue, form, directory_bundled, unit)
        write = samples.write_docx if ext == "docx" else samples.write_json
        write(folder / f"{unit}.{ext}", data)
    (folder / "说明.txt").write_text("不是报告", encoding="utf-8")
    return folder


def office(qtbot, directory_bundled) -> OfficeWindow:
    window = OfficeWindow(OfficeService(directory=directory_bundled), settings=Settings())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    return window


def test_office_dialogs_list_reports_remember_folders_and_add_extensions(
    qtbot, answers, inbox, tmp_path, directory_bundled
):
    window = office(qtbot, directory_bundled)
    seen: dict[str, object] = {}

    def pick_reports(options):
        dialog = options["dialog"]
        seen["start"] = dialog.directory().absolutePath()
        assert dialog.nameFilters() == [
            "报告文件 (*.docx *.json)",
            "Word 报告 (*.docx)",
            "交换文件 (*.json)",
        ]
        dialog.setDirectory(str(inbox))  # the clerk walks to the folder of received reports
        seen["listed"] = listed_files(qtbot, dialog)
        return [str(inbox / "市财政局.json"), str(inbox / "中山区.docx")]

    answers.expect("open_paths", pick_reports)
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        qtbot.mouseClick(window.import_files_button, Qt.MouseButton.LeftButton)
    assert seen["start"] == documents()  # nothing used yet: the 文档 folder
    assert seen["listed"] == {"市财政局.json", "中山区.docx"}  # the .txt is filtered out
    assert "已报送 2/44" in window.heading.text()

    # Saving the 汇总表 as “2016年汇总表” writes 2016年汇总表.xlsx.
    out_dir = tmp_path / "汇总"
    out_dir.mkdir()

    def save_as(options):
        dialog = options["dialog"]
        assert dialog.nameFilters() == ["Excel 工作簿 (*.xlsx)"]
        assert dialog.defaultSuffix() == "xlsx"
        (suggested,) = dialog.selectedFiles()
        assert Path(suggested).name == "2016年政务公开工作要点落实情况汇总表.xlsx"
        return str(out_dir / "2016年汇总表")

    answers.expect("save_path", save_as)
    with qtbot.waitSignal(window.export_finished, timeout=20_000) as done:
        qtbot.mouseClick(window.export_xlsx_button, Qt.MouseButton.LeftButton)
    assert done.args[0] == str(out_dir / "2016年汇总表.xlsx")
    assert (out_dir / "2016年汇总表.xlsx").is_file()
    assert not (out_dir / "2016年汇总表").exists()
    window.close()

    # After a restart each dialog opens where it was used last.
    again = office(qtbot, directory_bundled)

    def check_start(folder):
        def answer(options):
            assert Path(options["dialog"].directory().absolutePath()) == folder
            return [] if "many" in options else ""

        return answer

    answers.expect("open_paths", check_start(inbox))
    qtbot.mouseClick(again.import_files_button, Qt.MouseButton.LeftButton)
    answers.expect("directory", check_start(inbox))
    qtbot.mouseClick(again.import_folder_button, Qt.MouseButton.LeftButton)
    answers.expect("save_path", check_start(out_dir))
    qtbot.mouseClick(again.export_docx_button, Qt.MouseButton.LeftButton)
    assert answers.queue == []


def test_word_report_export_dialog(qtbot, open_services, answers, tmp_path):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "export")
    page = view.pages["export"]
    target = tmp_path / "给办公厅"
    target.mkdir()

    def save_as(options):
        dialog = options["dialog"]
        assert dialog.directory().absolutePath() == documents()
        assert dialog.nameFilters() == ["Word 文档 (*.docx)"]
        dialog.setDirectory(str(target))
        (target / "旧稿.docx").write_bytes(b"PK")
        (target / "草稿.txt").write_text("x", encoding="utf-8")
        assert listed_files(qtbot, dialog) == {"旧稿.docx"}
        return str(target / "中山区报告")

    answers.expect("save_path", save_as)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("已导出"), timeout=20_000)
    assert (target / "中山区报告.docx").is_file()

    def opens_there(options):
        assert Path(options["dialog"].directory().absolutePath()) == target
        return ""

    answers.expect("save_path", opens_there)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert answers.queue == []


def test_exchange_file_dialogs(qtbot, open_services, answers, tmp_path):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    del view
    folder = tmp_path / "交换"
    folder.mkdir()

    def save_as(options):
        assert options["dialog"].nameFilters() == ["交换文件 (*.json)"]
        return str(folder / "中山区数据")

    answers.expect("save_path", save_as)
    answers.expect("info")
    window.export_json_action.trigger()
    assert (folder / "中山区数据.json").is_file()

    def pick(options):
        dialog = options["dialog"]
        assert Path(dialog.directory().absolutePath()) == folder
        assert listed_files(qtbot, dialog) == {"中山区数据.json"}
        return []

    answers.expect("open_paths", pick)
    window.findChild(type(window.export_json_action), "importExchange").trigger()
    assert answers.queue == []


def test_no_file_filter_in_the_program_uses_full_width_brackets():
    """Every filter string handed to a file dialog (constants included) uses "(*.x)"."""
    from tests.conftest import ROOT

    bad = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "（*" in line and "``（*" not in line:
                bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert bad == []
