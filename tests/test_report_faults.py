"""A failed export never leaves half a file and says, in Chinese, what to do next."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from desktop.fileio import FileWriteError
from desktop.report import TemplateError, export_report
from tests.samples.payloads import sample_payload


@pytest.fixture
def finance(catalogue, form, directory_bundled):
    return sample_payload("市财政局", catalogue, form, directory_bundled)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_target_open_in_word_gives_a_message_and_another_name(
    finance, catalogue, form, tmp_path, monkeypatch
):
    target = tmp_path / "报告.docx"
    export_report(finance, catalogue, form, target)
    before = target.read_bytes()

    # Windows refuses to replace a file Word or WPS holds open: os.replace raises
    # PermissionError (WinError 5/32). Linux has no such lock, so the OS call is made to fail
    # the way Windows does; everything else (temp file, cleanup, message) runs for real.
    def locked(src, dst):
        raise PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileWriteError) as err:
        export_report(finance, catalogue, form, target)
    message = str(err.value)
    assert "正被其他程序（如 Word、WPS）打开" in message
    assert "请关闭该文件后重试，或另存为“报告(2).docx”" in message
    assert err.value.suggestion == tmp_path / "报告(2).docx"
    assert target.read_bytes() == before  # the old report is intact
    assert _leftovers(tmp_path) == []  # and no temp file is left behind
    monkeypatch.undo()
    assert export_report(finance, catalogue, form, err.value.suggestion).is_file()


def _unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process really cannot write to: chmod for a normal user; root ignores
    permission bits, so there /sys (which refuses new files even to root) stands in."""
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        tempfile.TemporaryFile(dir=folder).close()
    except OSError:
        return folder
    folder.chmod(0o755)
    try:
        tempfile.TemporaryFile(dir="/sys").close()
    except OSError:
        return Path("/sys")
    pytest.skip("no folder on this machine refuses writes")


def test_read_only_folder_says_choose_another(finance, catalogue, form, tmp_path):
    folder = _unwritable_folder(tmp_path)
    try:
        with pytest.raises(FileWriteError) as err:
            export_report(finance, catalogue, form, folder / "报告.docx")
    finally:
        if folder != Path("/sys"):
            folder.chmod(0o755)
    assert "请换一个文件夹" in str(err.value)
    assert not (folder / "报告.docx").exists()


def test_full_disk_leaves_no_half_file(finance, catalogue, form, tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old report")
    real_mkstemp = tempfile.mkstemp
    made: list[str] = []

    # The temp file's descriptor is /dev/full, so the kernel itself answers ENOSPC on write.
    def mkstemp_on_full_disk(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_on_full_disk)
    with pytest.raises(FileWriteError, match="磁盘空间已满"):
        export_report(finance, catalogue, form, target)
    assert target.read_bytes() == b"old report"
    assert made and not Path(made[0]).exists()


def test_missing_folder(finance, catalogue, form, tmp_path):
    with pytest.raises(FileWriteError, match="不存在"):
        export_report(finance, catalogue, form, tmp_path / "没有的文件夹" / "报告.docx")


def test_broken_template_fails_before_anything_is_written(finance, catalogue, form, tmp_path):
    bad = tmp_path / "坏模板.docx"
    bad.write_text("不是模板", encoding="utf-8")
    target = tmp_path / "报告.docx"
    with pytest.raises(TemplateError, match="坏模板.docx"):
        export_report(finance, catalogue, form, target, template=bad)
    assert not target.exists() and _leftovers(tmp_path) == []
