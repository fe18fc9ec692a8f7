"""A failed export never leaves half a file and says, in Chinese, what to do next."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import fileio
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


def _refuses_new_files(folder: Path) -> bool:
    probe = folder / "写入测试.tmp"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except OSError:
        return True
    os.close(fd)
    probe.unlink()
    return False


@pytest.fixture
def unwritable_folder(tmp_path: Path):
    """A folder this process really cannot write to.

    POSIX: mode 0o555 for a normal user; root ignores permission bits, so there /sys (which
    refuses new files even to root) stands in. Windows ignores a folder's read-only attribute:
    an ACL that denies everyone the right to add files does it (icacls). Wine enforces no ACL;
    the Wine check (packaging/wine/check.sh) passes a read-only mount in ZWGK_TEST_READONLY_DIR.
    """
    folder = tmp_path / "只读"
    folder.mkdir()
    if sys.platform == "win32":
        deny = ["icacls", str(folder), "/deny", "*S-1-1-0:(OI)(CI)(W)"]
        if subprocess.run(deny, capture_output=True).returncode == 0 and _refuses_new_files(folder):
            yield folder
            subprocess.run(["icacls", str(folder), "/remove:d", "*S-1-1-0"], capture_output=True)
            return
        given = os.environ.get("ZWGK_TEST_READONLY_DIR")
        if given and _refuses_new_files(Path(given)):
            yield Path(given)
            return
    else:
        folder.chmod(0o555)
        if _refuses_new_files(folder):
            yield folder
            folder.chmod(0o755)
            return
        folder.chmod(0o755)
        if _refuses_new_files(Path("/sys")):
            yield Path("/sys")
            return
    pytest.skip("no folder on this machine refuses writes")


def test_read_only_folder_says_choose_another(finance, catalogue, form, unwritable_folder):
    with pytest.raises(FileWriteError) as err:
        export_report(finance, catalogue, form, unwritable_folder / "报告.docx")
    assert "请换一个文件夹" in str(err.value)
    assert not (unwritable_folder / "报告.docx").exists()
    assert _leftovers(unwritable_folder) == []


@pytest.mark.skipif(sys.platform == "win32", reason="/dev/full is POSIX")
def test_full_disk_leaves_no_half_file(finance, catalogue, form, tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old report")
    real_temp_file = fileio.temp_file_beside
    made: list[str] = []

    # The temp file's descriptor is /dev/full, so the kernel itself answers ENOSPC on write.
    def temp_file_on_full_disk(path):
        fd, name = real_temp_file(path)
        made.append(name)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), name

    monkeypatch.setattr(fileio, "temp_file_beside", temp_file_on_full_disk)
    with pytest.raises(FileWriteError, match="磁盘空间已满"):
        export_report(finance, catalogue, form, target)
    assert target.read_bytes() == b"old report"
    assert made and not Path(made[0]).exists()


def test_a_folder_of_the_same_name_says_choose_another_name(finance, catalogue, form, tmp_path):
    folder = tmp_path / "报告.docx"
    folder.mkdir()
    with pytest.raises(FileWriteError) as caught:
        export_report(finance, catalogue, form, folder)
    assert str(caught.value) == f"“{folder}”是一个文件夹，不能作为报告的文件名。请换一个文件名。"
    assert list(folder.iterdir()) == []


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
