"""The exchange file: export → import → export is identical; bad files change nothing."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from desktop import payload, units
from desktop.applicability import tasks_for
from desktop.payload import PayloadError
from desktop.store import open_store, task_scope
from desktop.store.exchange import apply_payload, export_payload, import_payload
from tests.test_store_support import WORD_PASTE, fill_report, real_context, snapshot


def _export_cli(cli, data_dir: Path, unit: str) -> str:
    done = cli("--data-dir", str(data_dir), "answers", "export", "--unit", unit)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("unit", ["市财政局", "中山区"])
def test_round_trip_through_the_cli_is_identical(tmp_path, cli, unit):
    first, second = tmp_path / "pc1", tmp_path / "pc2"
    with open_store(first).store as store:
        rid = fill_report(store, unit)
        store.set_status(rid, "final")
    text = _export_cli(cli, first, unit)
    data = json.loads(text)
    assert data["unit"] == unit and data["status"] == "final"
    assert data["texts"]["overview"].endswith(WORD_PASTE)  # control characters travel intact
    assert payload.validate(data, *real_context()[:2]) == []
    out = tmp_path / "交换.json"
    done = cli("--data-dir", str(first), "answers", "export", "--unit", unit, "--out", str(out))
    assert done.returncode == 0 and out.read_text(encoding="utf-8") == text
    done = cli("--data-dir", str(second), "answers", "import", str(out))
    assert done.returncode == 0, done.stderr
    assert f"已导入“{unit}”" in done.stderr
    assert _export_cli(cli, second, unit) == text


def test_export_groups_figures_and_omits_empty_values(data_dir):
    catalogue, form, directory = real_context()
    with open_store().store as store:
        rid = store.create_report("中山区", catalogue.id)
        scope = task_scope("3.3.1")
        store.save_fields(
            rid,
            [
                (scope, "status", "持续推进"),
                (scope, "figures.press_conferences", 3),
                (scope, "problems", ""),
                ("texts", "plans", ""),
            ],
        )
        data = export_payload(store, rid, catalogue, form, directory)
    answer = data["answers"]["3.3.1"]
    assert answer == {
        "role": "responsible",
        "optional": False,
        "applicable": True,
        "status": "持续推进",
        "figures": {"press_conferences": 3},
    }
    assert data["texts"] == {} and data["unit_info"]["kind"] == "district"
    applicable = tasks_for(catalogue, directory, directory.unit("中山区"))
    assert set(data["answers"]) == {a.task_id for a in applicable}


@pytest.fixture
def good_document(tmp_path) -> dict:
    catalogue, form, directory = real_context()
    with open_store(tmp_path / "source").store as store:
        return export_payload(store, fill_report(store, "市财政局"), catalogue, form, directory)


def _mutations() -> dict:
    def unknown_task(d):
        d["answers"]["9.9.9"] = {"status": "已完成"}

    def wrong_status(d):
        d["answers"]["1.6.1"]["status"] = 5

    def wrong_figure(d):
        d["answers"]["3.3.1"]["figures"]["press_conferences"] = "三次"

    def wrong_date(d):
        d["profile"]["report_date"] = "2016/11/28"

    def other_catalogue(d):
        d["catalogue"] = {"id": "dalian-2017", "title": "2017年政务公开工作要点"}

    def oversized(d):
        d["texts"]["overview"] = "字" * 200_001

    def newer(d):
        d["version"] = payload.VERSION + 1

    def unknown_unit_without_categories(d):
        d["unit"] = "市不存在局"
        d["unit_info"] = {}

    return {
        "unknown_task": (unknown_task, ["要点中没有编号为 9.9.9 的任务"]),
        "wrong_status": (wrong_status, ["一（六）“完成状态”：“5”不是可选值"]),
        "wrong_figure": (
            wrong_figure,
            ["三（三）“以市政府新闻办名义召开新闻发布会次数”：应为整数"],
        ),
        "wrong_date": (wrong_date, ["封面信息“报告日期”：日期应写成 YYYY-MM-DD"]),
        "other_catalogue": (other_catalogue, ["2017年政务公开工作要点"]),
        "oversized": (oversized, ["报告正文“总体情况”：超过200000个字"]),
        "newer": (newer, ["请升级本程序"]),
        "unknown_unit": (unknown_unit_without_categories, ["单位名录中没有“市不存在局”"]),
        "several": (
            lambda d: (unknown_task(d), wrong_status(d), wrong_date(d)),
            ["9.9.9", "一（六）“完成状态”", "封面信息“报告日期”"],
        ),
    }


@pytest.mark.parametrize("case", list(_mutations()))
def test_bad_document_is_refused_line_by_line_and_nothing_written(
    case, good_document, data_dir, cli, tmp_path
):
    mutate, expected = _mutations()[case]
    with open_store().store as store:  # the target already holds another unit's work
        fill_report(store, "中山区", n_tasks=4)
    before = snapshot(data_dir / "answers.db")
    bad = copy.deepcopy(good_document)
    mutate(bad)
    path = tmp_path / "bad.json"
    path.write_text(payload.dumps(bad), encoding="utf-8")
    done = cli("answers", "import", str(path))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("没有导入“bad.json”")
    for needle in expected:
        assert sum(needle in line for line in lines[1:]) == 1, (needle, lines)
    # Places are named as people read them: the 要点's numbering, never an internal id.
    assert not any(re.search(r"answers\[|\b1\.6\.1\b|\b3\.3\.1\b", line) for line in lines)
    assert len(lines) - 1 == len(expected)  # one line per problem
    assert snapshot(data_dir / "answers.db") == before


def test_file_that_is_not_json_is_refused(data_dir, cli, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "zwgk-report",\n  "version": 1,,}', encoding="utf-8")
    done = cli("answers", "import", str(path))
    assert done.returncode == 2 and "第2行" in done.stderr and "JSON" in done.stderr
    missing = cli("answers", "import", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "无法读取交换文件" in missing.stderr
    assert "找不到该文件" in missing.stderr


def test_a_failed_import_on_a_pc_without_data_leaves_no_data(
    good_document, data_dir, cli, tmp_path
):
    """The file is read and checked before the data folder is opened: no empty answers.db
    (nor a backup or lock) is left behind by an import that did not happen."""
    assert not data_dir.exists()
    bad = copy.deepcopy(good_document)
    bad["answers"]["1.6.1"]["evidence"] = "不是列表"
    path = tmp_path / "bad.json"
    path.write_text(payload.dumps(bad), encoding="utf-8")
    for file, said in ((path, "没有导入“bad.json”"), (tmp_path / "nope.json", "无法读取交换文件")):
        done = cli("answers", "import", str(file))
        assert done.returncode == 2 and said in done.stderr, done.stderr
    assert not data_dir.exists()
    good = tmp_path / "good.json"
    good.write_text(payload.dumps(good_document), encoding="utf-8")
    done = cli("answers", "import", str(good))
    assert done.returncode == 0, done.stderr
    assert (data_dir / "answers.db").is_file()


def test_import_api_raises_payload_error_and_writes_nothing(good_document, data_dir):
    catalogue, form, directory = real_context()
    bad = copy.deepcopy(good_document)
    bad["answers"]["1.6.1"]["evidence"] = "不是列表"
    with open_store().store as store:
        with pytest.raises(PayloadError) as err:
            import_payload(store, bad, catalogue, form, directory)
        assert err.value.problems == ["一（六）“公开载体及网址”：应为列表"]
        assert store.list_reports() == []


def test_import_makes_the_report_equal_to_the_file_history_keeps_the_rest(good_document, data_dir):
    catalogue, form, directory = real_context()
    with open_store().store as store:
        rid = store.create_report("市财政局", catalogue.id)
        store.save_field(rid, "texts", "overview", "本机上较早的总体情况")
        store.save_field(rid, task_scope("2.4.1"), "problems", "只在本机写过的问题")
        result = apply_payload(store, good_document, catalogue, form, directory)
        assert result.report_id == rid and result.cleared == 1 and result.written > 50
        values = store.load_values(rid)
        assert values["texts"]["overview"] == good_document["texts"]["overview"]
        assert "problems" not in values.get(task_scope("2.4.1"), {})
        hist = store.history(rid, task_scope("2.4.1"), "problems")
        assert hist[0].old == "只在本机写过的问题" and hist[0].new is None
        assert export_payload(store, rid, catalogue, form, directory) == good_document


def test_unknown_unit_with_categories_joins_the_user_directory(good_document, data_dir):
    catalogue, form, directory = real_context()
    doc = copy.deepcopy(good_document)
    doc["unit"] = "市新设局"
    doc["unit_info"] = {"kind": "department", "categories": ["市政府各部门"]}
    with open_store().store as store:
        result = apply_payload(store, doc, catalogue, form, directory)
        assert "已按文件中的类别加入名录" in result.notices[0]
        assert store.report_info(result.report_id).unit == "市新设局"
    added = units.load().unit("市新设局")
    assert added is not None and added.user_added and added.categories == ("市政府各部门",)


def test_export_of_unknown_report_names_what_is_there(data_dir, cli):
    with open_store().store as store:
        store.create_report("中山区", "dalian-2016")
    done = cli("answers", "export", "--unit", "市财政局")
    assert done.returncode == 2
    assert "没有找到“市财政局”" in done.stderr and "中山区" in done.stderr
    listing = cli("answers", "list")
    assert listing.returncode == 0 and "中山区" in listing.stdout and "草稿" in listing.stdout


def test_export_with_empty_data_folder(data_dir, cli):
    done = cli("answers", "export", "--unit", "市财政局")
    assert done.returncode == 1 and "还没有填报数据" in done.stderr
    assert not data_dir.exists()  # exporting never creates anything


def test_store_and_answers_command_are_qt_free():
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "import desktop.store, desktop.store.exchange, desktop.commands.answers_cmd\n"
        "print(any(k.startswith('PySide6') for k in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "False", done.stderr


def test_export_never_fails_on_a_lone_surrogate(data_dir, cli, tmp_path):
    with open_store().store as store:
        rid = store.create_report("中山区", "dalian-2016")
        store.save_field(rid, "texts", "overview", "坏掉的粘贴\ud800结尾\x0b")
    out = tmp_path / "out.json"
    done = cli("answers", "export", "--unit", "中山区", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (
        json.loads(out.read_text(encoding="utf-8"))["texts"]["overview"]
        == "坏掉的粘贴\ufffd结尾\x0b"
    )
    with open_store().store as store:  # the store itself still holds what was typed
        assert store.load_values(rid)["texts"]["overview"] == "坏掉的粘贴\ud800结尾\x0b"


def test_evidence_files_leave_the_pc_by_name_only(data_dir):
    """The store keeps the path the clerk picked (to open the file again on this PC); the
    exchange document carries the file name only — no folder, no user name."""
    catalogue, form, directory = real_context()
    picked = [
        {"title": "", "url": "", "path": "C:\\Users\\zhangxh\\Desktop\\2016年政务公开\\通报.pdf"},
        {"title": "会议纪要", "url": "", "path": "/home/wangli/桌面/纪要.jpg"},
        {"title": "专栏", "url": "http://www.dl.gov.cn/a/", "path": ""},
    ]
    with open_store().store as store:
        rid = store.create_report("市财政局", catalogue.id)
        store.save_fields(rid, [(task_scope("1.6.1"), "evidence", picked)])
        data = export_payload(store, rid, catalogue, form, directory)
        assert store.load_values(rid)[task_scope("1.6.1")]["evidence"] == picked
    assert data["answers"]["1.6.1"]["evidence"] == [
        {"title": "", "url": "", "path": "通报.pdf"},
        {"title": "会议纪要", "url": "", "path": "纪要.jpg"},
        {"title": "专栏", "url": "http://www.dl.gov.cn/a/", "path": ""},
    ]
    text = payload.dumps(data)
    assert "Users" not in text and "/home/" not in text and "zhangxh" not in text


def test_a_path_from_another_pc_is_stored_as_its_file_name(good_document, data_dir):
    catalogue, form, directory = real_context()
    data = copy.deepcopy(good_document)
    data["answers"]["1.6.1"]["evidence"] = [{"title": "", "path": "D:\\政务公开\\2016\\通报.pdf"}]
    with open_store().store as store:
        rid = apply_payload(store, data, catalogue, form, directory).report_id
        assert store.load_values(rid)[task_scope("1.6.1")]["evidence"] == [
            {"title": "", "path": "通报.pdf"}
        ]
