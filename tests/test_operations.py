"""The use cases shared by the wizard and the command line (desktop/operations/): one way to
import and write an exchange file, one rule for the Word template — tested here without Qt,
with real files, a real database and the real settings file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import payload
from desktop.fileio import FileWriteError
from desktop.operations.exchange import (
    IncomingReport,
    UnreadableFile,
    check_can_import,
    default_name,
    import_report,
    read_exchange_file,
    write_exchange,
)
from desktop.operations.report import (
    ReportJob,
    choose_template,
    reset_template,
)
from desktop.payload import PayloadError
from desktop.report import TemplateError, configured_template, default_template
from desktop.services import open_services
from desktop.settings import Settings
from desktop.store import StoreError, open_store
from desktop.store.exchange import export_payload
from tests.test_store_support import fill_report, real_context


@pytest.fixture
def exported(tmp_path) -> Path:
    """市财政局's report written as an exchange file on another PC."""
    catalogue, form, directory = real_context()
    with open_store(tmp_path / "pc1").store as store:
        rid = fill_report(store, "市财政局", n_tasks=5)
        data = export_payload(store, rid, catalogue, form, directory)
    return write_exchange(data, tmp_path / "财政局.json", catalogue, form).path


def test_written_exchange_file_counts_and_a_folder_is_refused(exported, tmp_path):
    catalogue, form, _ = real_context()
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert default_name(data) == "市财政局-落实情况数据.json"
    written = write_exchange(data, tmp_path / "again.json", catalogue, form)
    assert (written.answers, written.filled, written.problems) == (len(data["answers"]), 5, [])
    with pytest.raises(FileWriteError, match="文件夹"):
        write_exchange(data, tmp_path, catalogue, form)


def test_read_then_import_writes_everything_once(exported, data_dir):
    services, _ = open_services()
    with services.store:
        incoming = read_exchange_file(exported, services)
        assert isinstance(incoming, IncomingReport)
        assert (incoming.unit, incoming.existing_report) == ("市财政局", None)
        assert services.store.list_reports() == []  # reading writes nothing
        result = import_report(incoming, services)
        assert result.unit == "市财政局" and result.written > 20
        again = read_exchange_file(exported, services)
        assert again.existing_report == result.report_id  # the window asks before replacing


def test_a_file_for_a_yaodian_not_on_this_pc_says_so(exported, data_dir, tmp_path):
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["catalogue"] = {"id": "dalian-2017", "title": "2017年政务公开工作要点"}
    other = tmp_path / "2017.json"
    other.write_text(payload.dumps(data), encoding="utf-8")
    services, _ = open_services()
    with services.store:
        with pytest.raises(PayloadError) as err:
            read_exchange_file(other, services)
    [problem] = err.value.problems
    assert "《2017年政务公开工作要点》" in problem and "导入新的要点文件" in problem


def test_a_missing_file_is_a_user_error(data_dir, tmp_path):
    services, _ = open_services()
    with services.store:
        with pytest.raises(UnreadableFile, match="无法读取交换文件"):
            read_exchange_file(tmp_path / "不存在.json", services)


def test_no_import_into_a_window_that_only_reads(exported, data_dir):
    holder, _ = open_services()  # the wizard holds the data
    second, notices = open_services()
    try:
        assert second.store.read_only and any("另一个窗口" in n for n in notices)
        with pytest.raises(StoreError, match="另一个窗口"):
            check_can_import(second)
        incoming = read_exchange_file(exported, second)
        with pytest.raises(StoreError, match="另一个窗口"):
            import_report(incoming, second)
    finally:
        second.store.close()
        holder.store.close()
    with open_store().store as store:
        assert store.list_reports() == []


def test_template_choice_is_checked_remembered_and_used(tmp_path, data_dir):
    import docx

    settings = Settings()
    plain = tmp_path / "没有样式.docx"
    docx.Document().save(plain)
    with pytest.raises(TemplateError, match="没有样式.docx"):
        choose_template(settings, plain)
    assert configured_template(Settings()) is None  # refused: the setting is unchanged
    chosen = choose_template(settings, default_template())
    assert configured_template(Settings()) == chosen  # written to the settings file
    reset_template(settings)
    assert configured_template(Settings()) is None


def test_report_job_writes_the_same_docx_for_every_caller(tmp_path, data_dir):
    from tests.samples.payloads import sample_payload

    catalogue, form, directory = real_context()
    data = sample_payload("市财政局", catalogue, form, directory)
    job = ReportJob(data, catalogue, form, configured_template(Settings()))
    assert job.default_name() == "市财政局关于2016年政务公开工作要点落实情况的报告.docx"
    written = job.write(tmp_path / "报告")
    assert written == tmp_path / "报告.docx" and written.stat().st_size > 10_000
