"""Issue 11, classes 7 and 9: no command prints a traceback (one Chinese line and a log file),
output goes only to regular files, ids never leave the data folder, English never reaches the
clerk."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from desktop import cli, crashlog, oserrors
from tests.test_store_support import fill_report


@pytest.fixture
def with_report(data_dir):
    from desktop.store import open_store

    with open_store().store as store:
        fill_report(store, "中山区")
    return data_dir


@pytest.mark.parametrize("error", [RuntimeError("boom"), RecursionError(), MemoryError()])
def test_an_unexpected_error_is_one_chinese_line_and_a_log_file(
    monkeypatch, capsys, data_dir, error
):
    from desktop.commands import catalogue_cmd

    def broken(args):
        raise error

    monkeypatch.setattr(catalogue_cmd, "cmd_show", broken)
    code = cli.main(["catalogue", "show"])
    out, err = capsys.readouterr()
    assert code == crashlog.EXIT_INTERNAL == 3
    assert out == "" and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and "程序内部出错" in err
    (log,) = (data_dir / "logs").glob("error-*.log")
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and type(error).__name__ in text and "catalogue show" in text


def test_the_log_goes_to_the_temp_folder_when_the_data_dir_is_unusable(
    monkeypatch, capsys, tmp_path
):
    from desktop.commands import catalogue_cmd

    blocker = tmp_path / "文件"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ZWGK_DATA_DIR", str(blocker))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(catalogue_cmd, "cmd_show", lambda args: 1 / 0)
    assert cli.main(["catalogue", "show"]) == 3
    err = capsys.readouterr().err
    (log,) = (tmp_path / "tmp" / "zwgk-report-logs").glob("error-*.log")
    assert str(log) in err and "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_main_py_as_a_process_answers_as_in_this_process(cli, with_report):
    """The suite runs commands in its own process (conftest.run_cli); here ``python main.py``
    starts as a clerk's console starts it: the same output, exit codes and Chinese lines."""
    for args in (
        ("catalogue", "tasks", "--unit", "市财政局"),
        ("catalogue", "tasks", "--unit", "市财政"),
        ("answers", "list"),
        ("answers", "export"),
    ):
        here, there = cli(*args), cli(*args, process=True)
        assert (there.returncode, there.stdout, there.stderr) == (
            here.returncode,
            here.stdout,
            here.stderr,
        ), args
        assert "Traceback" not in there.stderr
    done = cli("catalogue", "tasks", "--unit", "市财政局", process=True)
    assert done.returncode == 0 and "一（二）之一  负责" in done.stdout
    assert "1.2.1" not in done.stdout  # the 要点's numbering, never an internal id
    wrong = cli("catalogue", "tasks", "--unit", "市财政", process=True)
    assert wrong.returncode == 2 and wrong.stderr.startswith("单位名录中没有“市财政”")


def test_argparse_speaks_chinese(cli):
    done = cli("answers", "export")
    assert done.returncode == 2
    assert "缺少必需的参数：--unit" in done.stderr and "用法：" in done.stderr
    assert "required" not in done.stderr and "usage" not in done.stderr
    done = cli("answers", "list", "--bogus")
    assert "不认识的参数：--bogus" in done.stderr


def test_every_help_line_is_chinese(cli):
    """No English help text (argparse's own ``--version`` help once said "show program's…")."""
    import re

    for args in (
        ["--help"],
        ["answers", "--help"],
        ["export", "--help"],
        ["consolidate", "--help"],
    ):
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        english = [
            line for line in done.stdout.splitlines() if re.search(r"[a-z]{3,} [a-z]{3,}", line)
        ]
        assert english == [], english


@pytest.mark.parametrize("command", [["answers", "export"], ["export"]])
@pytest.mark.parametrize("target", ["", "/", "EXISTING_DIR", "FIFO", "MISSING/x.json"])
def test_output_goes_only_to_regular_files(cli, with_report, tmp_path, command, target):
    existing = tmp_path / "已有文件夹"
    existing.mkdir()
    fifo = tmp_path / "管道"
    if target == "FIFO":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(fifo)
    out = {
        "EXISTING_DIR": str(existing),
        "FIFO": str(fifo),
        "MISSING/x.json": str(tmp_path / "没有" / "x.json"),
    }.get(target, target)
    done = cli(*command, "--unit", "中山区", "--out", out, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert any(w in done.stderr for w in ("不是文件名", "是一个文件夹", "不是普通文件", "不存在"))
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.json"))
    assert not (tmp_path / "已有文件夹.docx").exists()
    if target == "FIFO":
        assert stat.S_ISFIFO(fifo.stat().st_mode), "a special file is never replaced"


@pytest.mark.parametrize("bad", ["../../x", "", "a/b", "a\\b", "..", "CON", "a b", "x" * 65])
def test_catalogue_ids_never_leave_the_data_folder(cli, data_dir, tmp_path, bad):
    from tests.conftest import ROOT

    source = ROOT / "forms" / "sources" / "dalian-2016-yaodian.txt"
    done = cli("catalogue", "import", str(source), "--id", bad, "--install", cwd=tmp_path)
    assert done.returncode == 2 and "目录编号" in done.stderr, done.stderr
    assert not (data_dir / "catalogues").exists()
    assert not list(tmp_path.rglob("*.json")) and not (data_dir.parent / "x.json").exists()
    good = cli("catalogue", "import", str(source), "--id", "dalian-2017", "--install")
    assert good.returncode == 0 and (data_dir / "catalogues" / "dalian-2017.json").is_file()
    assert (
        "dalian-2017"
        in cli("catalogue", "show", "--catalogue", "dalian-2017").stdout + "dalian-2017"
    )


@pytest.mark.parametrize(
    ("code", "english"),
    [
        (errno.EISDIR, "Is a directory"),
        (errno.ENAMETOOLONG, "File name too long"),
        (errno.EEXIST, "File exists"),
        (errno.ENOSPC, "No space left on device"),
        (errno.EIO, "Input/output error"),
        (errno.EACCES, "Permission denied"),
        (12345, "Something new"),
    ],
)
def test_os_errors_are_told_in_chinese(code, english):
    exc = OSError(code, english)
    text = oserrors.message(exc, Path("报告.docx"), "保存")
    assert english not in text and "Errno" not in text
    assert text.startswith("无法保存“报告.docx”：") and text.endswith("。")


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions (Windows files have ACLs)")
def test_a_written_report_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(
    cli, with_report, tmp_path
):
    """An exported report is readable like any file the clerk saves (it was 0o600, as
    ``mkstemp`` makes files); a report written over keeps the permissions it had."""
    umask = os.umask(0)
    os.umask(umask)
    out = tmp_path / "报告.docx"
    done = cli("export", "--unit", "中山区", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    done = cli("export", "--unit", "中山区", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_file_name_too_long_when_saving_is_chinese(tmp_path):
    from desktop.fileio import FileWriteError, atomic_write

    with pytest.raises(FileWriteError) as err:
        atomic_write(tmp_path / ("长" * 300 + ".json"), b"{}", "交换文件")
    assert "太长" in str(err.value) and "File name" not in str(err.value)


def test_sqlite_cannot_open_is_chinese(tmp_path):
    import sqlite3

    from desktop.store.errors import from_sqlite

    try:
        sqlite3.connect(str(tmp_path / "没有" / "a.db"))
    except sqlite3.OperationalError as exc:
        message = str(from_sqlite(exc, tmp_path / "没有" / "a.db"))
    assert "unable to open" not in message and "无法打开文件" in message
