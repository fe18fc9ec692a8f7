"""汇总 import: many files at once, newest report per unit, history kept, duplicates named."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.consolidate.officedb import OfficeDB
from desktop.consolidate.service import OfficeService
from tests.samples import unit_reports as samples


@pytest.fixture
def service(directory_bundled) -> OfficeService:
    return OfficeService(directory=directory_bundled)


@pytest.fixture
def make(catalogue, form, directory_bundled):
    def _make(unit: str, **kw) -> dict:
        return samples.make_payload(catalogue, form, directory_bundled, unit, **kw)

    return _make


def test_folder_of_json_and_docx_imports_every_unit(tmp_path, service, make):
    folder = tmp_path / "收到的报告"
    (folder / "第二批").mkdir(parents=True)
    samples.write_json(folder / "财政.json", make("市财政局"))
    samples.write_docx(folder / "中山区落实情况报告.docx", make("中山区"))
    samples.write_docx(folder / "第二批" / "审计.docx", make("市审计局"))
    (folder / "~$审计.docx").write_bytes(b"lock file of Word")  # never a report
    (folder / "说明.txt").write_text("请查收", encoding="utf-8")  # skipped quietly

    result = service.import_paths([folder])

    assert sorted(r.unit for r in result.added) == ["中山区", "市审计局", "市财政局"]
    assert result.rejected == []
    kinds = {r.unit: r.source_kind for r in result.added}
    assert kinds == {"中山区": "docx", "市审计局": "docx", "市财政局": "json"}
    matrix = service.matrix()
    assert matrix.row("市财政局").reported and matrix.row("中山区").reported
    assert not matrix.row("西岗区").reported


def test_file_list_and_folders_mixed_and_missing_path_reported(tmp_path, service, make):
    a = samples.write_json(tmp_path / "a.json", make("市财政局"))
    sub = tmp_path / "sub"
    sub.mkdir()
    samples.write_json(sub / "b.json", make("市民政局"))
    (sub / "旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0")

    result = service.import_paths([a, sub, tmp_path / "不存在.json"])

    assert sorted(r.unit for r in result.added) == ["市民政局", "市财政局"]
    reasons = {r.name: r.reason for r in result.rejected}
    assert "旧版 Word" in reasons["旧格式.doc"]
    assert "找不到" in reasons["不存在.json"]


def test_newer_report_replaces_older_and_older_is_kept_in_history(tmp_path, service, make):
    first = make("市财政局", report_date="2016-11-20", status_for=lambda u, t: "持续推进")
    second = make("市财政局", report_date="2016-11-28", status_for=lambda u, t: "已完成")
    service.import_paths([samples.write_json(tmp_path / "财政-初稿.json", first)])
    assert service.matrix().cell("市财政局", "1.6.1").state == "持续推进"

    result = service.import_paths([samples.write_json(tmp_path / "财政-终稿.json", second)])

    assert [r.report.source_name for r in result.replaced] == ["财政-终稿.json"]
    assert "2016年11月28日" in result.replaced[0].reason
    assert service.matrix().cell("市财政局", "1.6.1").state == "已完成"
    history = service.history("市财政局")
    assert [h["source_name"] for h in history] == ["财政-初稿.json"]
    assert "替换" in history[0]["note"]


def test_older_report_arriving_later_does_not_replace_newer(tmp_path, service, make):
    newer = make("市财政局", report_date="2016-11-28", status_for=lambda u, t: "已完成")
    older = make("市财政局", report_date="2016-11-01", status_for=lambda u, t: "未完成")
    service.import_paths([samples.write_json(tmp_path / "终稿.json", newer)])

    result = service.import_paths([samples.write_json(tmp_path / "旧稿.json", older)])

    assert result.imported == []
    assert [s.report.source_name for s in result.superseded] == ["旧稿.json"]
    assert "采用“终稿.json”" in result.messages()[0]
    assert service.matrix().cell("市财政局", "1.6.1").state == "已完成"
    assert [h["source_name"] for h in service.history("市财政局")] == ["旧稿.json"]


def test_same_report_date_falls_back_to_file_time(tmp_path, service, make):
    a = samples.write_json(tmp_path / "甲.json", make("市财政局", status_for=lambda u, t: "未完成"))
    b = samples.write_json(tmp_path / "乙.json", make("市财政局", status_for=lambda u, t: "已完成"))
    os.utime(a, (1_700_000_000, 1_700_000_000))
    os.utime(b, (1_600_000_000, 1_600_000_000))  # 乙 is the older file

    result = service.import_paths([b, a])  # order must not matter

    assert [r.source_name for r in result.imported] == ["甲.json"]
    assert "文件修改时间" in result.superseded[0].reason
    assert service.matrix().cell("市财政局", "1.6.1").state == "未完成"


def test_identical_reimport_changes_nothing(tmp_path, service, make):
    path = samples.write_json(tmp_path / "财政.json", make("市财政局"))
    service.import_paths([path])
    result = service.import_paths([path])
    assert result.imported == [] and [r.unit for r in result.unchanged] == ["市财政局"]
    assert "内容相同" in result.messages()[0]
    assert service.history("市财政局") == []


def test_two_files_same_unit_in_one_batch_keep_newer_and_name_the_other(tmp_path, service, make):
    samples.write_json(tmp_path / "财政局报告.json", make("市财政局", report_date="2016-11-25"))
    samples.write_docx(
        tmp_path / "财政局报告-改.docx",
        make("市财政局", report_date="2016-11-29", status_for=lambda u, t: "持续推进"),
    )

    result = service.import_paths([tmp_path])

    assert [r.source_name for r in result.imported] == ["财政局报告-改.docx"]
    (lost,) = result.superseded
    assert lost.report.source_name == "财政局报告.json" and lost.same_batch
    message = result.messages()[0]
    assert "财政局报告.json" in message and "财政局报告-改.docx" in message
    assert "市财政局" in message and "未采用" in message
    assert service.matrix().cell("市财政局", "1.6.1").state == "持续推进"
    assert [h["source_name"] for h in service.history("市财政局")] == ["财政局报告.json"]


def test_unit_named_by_full_name_is_matched_to_directory(tmp_path, service, make):
    data = make("市财政局")
    data["unit"] = "大连市财政局"
    result = service.import_paths([samples.write_json(tmp_path / "x.json", data)])
    assert [r.unit for r in result.added] == ["市财政局"]
    assert service.matrix().row("市财政局").reported


def test_unit_outside_directory_is_placed_by_its_categories(tmp_path, service, make):
    data = make("市财政局")
    data["unit"] = "市统计局"
    data["unit_info"]["full_name"] = "大连市统计局"
    result = service.import_paths([samples.write_json(tmp_path / "统计.json", data)])

    assert [r.unit for r in result.added] == ["市统计局"]
    assert "不在单位名录中" in result.warnings[0]
    row = service.matrix().row("市统计局")
    assert not row.known and "市政府各部门" in row.categories
    assert service.matrix().cell("市统计局", "1.1.1").role == "responsible"


def test_database_is_durable_wal_and_survives_a_new_service(tmp_path, make, directory_bundled):
    db = OfficeDB()
    OfficeService(db, directory_bundled).import_paths(
        [samples.write_json(tmp_path / "a.json", make("市财政局"))]
    )
    assert db.path.name == "office.db" and db.path.parent == Path(os.environ["ZWGK_DATA_DIR"])
    with sqlite3.connect(db.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()
    with db.connect() as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL

    again = OfficeService(OfficeDB(), directory_bundled)
    assert again.matrix().row("市财政局").reported


def test_import_on_a_worker_thread_then_read_on_this_one(tmp_path, service, make):
    for unit in ("市财政局", "中山区", "市审计局"):
        samples.write_json(tmp_path / f"{unit}.json", make(unit))
    box: dict = {}

    def work() -> None:
        box["result"] = service.import_paths([tmp_path])
        box["matrix"] = service.matrix()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert len(box["result"].added) == 3
    assert service.matrix() is box["matrix"]  # the snapshot built on the worker is shared
    assert service.answer("中山区", "1.1.1") is not None


def test_progress_is_reported_per_file(tmp_path, service, make):
    for unit in ("市财政局", "中山区"):
        samples.write_json(tmp_path / f"{unit}.json", make(unit))
    seen: list[tuple[int, int, str]] = []
    service.import_paths([tmp_path], progress=lambda d, t, n: seen.append((d, t, n)))
    assert seen[0] == (0, 2, "中山区.json") and seen[-1] == (2, 2, "")
