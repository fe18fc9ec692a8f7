"""Two windows on one data folder, a crashed holder, read-only and odd data folders."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store import StoreError, open_store
from desktop.store import lock as lock_mod
from tests.conftest import ROOT
from tests.test_store_support import file_hashes, fill_report, integrity, python, snapshot

HOLDER = r"""
import sys
from desktop.store import open_store
store = open_store().store
rid = store.create_report("中山区", "dalian-2016")
store.save_field(rid, "texts", "overview", "第一个窗口写的内容")
print("ready", flush=True)
sys.stdin.readline()  # hold the data until told (or killed)
"""


def test_second_store_in_same_process_is_read_only_and_told(data_dir):
    first = open_store().store
    rid = fill_report(first, "市财政局", n_tasks=3)
    second = open_store()
    try:
        assert second.store.read_only
        [notice] = second.notices
        assert "另一个窗口中打开" in notice and "只能查看" in notice and str(os.getpid()) in notice
        # It sees what the first saved, and what the first saves next.
        assert second.store.load_values(rid) == first.load_values(rid)
        first.save_field(rid, "texts", "plans", "第一个窗口后来保存的")
        assert second.store.load_values(rid)["texts"]["plans"] == "第一个窗口后来保存的"
        before = snapshot(first.path)
        for write in (
            lambda s: s.save_field(rid, "texts", "plans", "第二个窗口想改"),
            lambda s: s.save_fields(rid, [("texts", "overview", "也想改")]),
            lambda s: s.create_report("中山区", "dalian-2016"),
            lambda s: s.set_status(rid, "final"),
            lambda s: s.set_ui_state(rid, "page", 3),
        ):
            with pytest.raises(StoreError) as err:
                write(second.store)
            assert err.value.kind == "locked" and "不能保存" in str(err.value)
        assert snapshot(first.path) == before
    finally:
        second.store.close()
        first.close()
    # Once the first window is closed, the next one writes again.
    third = open_store()
    with third.store as store:
        assert not store.read_only and third.notices == []
        store.save_field(rid, "texts", "plans", "关掉第一个窗口后保存")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_second_process_reads_only_and_a_killed_holder_does_not_block(data_dir):
    holder = python(HOLDER)
    with holder:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        opened = open_store()
        with opened.store as store:
            assert store.read_only
            assert str(holder.pid) in opened.notices[0] and "只能查看" in opened.notices[0]
            rid = store.find_report("中山区", "dalian-2016")
            assert store.load_values(rid)["texts"]["overview"] == "第一个窗口写的内容"
            with pytest.raises(StoreError) as err:
                store.save_field(rid, "texts", "overview", "第二个窗口想改")
            assert err.value.kind == "locked"
        # The holder crashes hard: no clean-up, no unlock of its own.
        os.kill(holder.pid, signal.SIGKILL)
        holder.communicate(timeout=30)
    assert (data_dir / "answers.lock").exists()  # the stale file is there, and harmless
    opened = open_store()
    with opened.store as store:
        assert not store.read_only and opened.notices == []
        rid = store.find_report("中山区", "dalian-2016")
        assert store.load_values(rid)["texts"]["overview"] == "第一个窗口写的内容"
        store.save_field(rid, "texts", "overview", "崩溃之后继续写")
        assert integrity(store.path) == "ok"


def test_cli_import_refuses_while_the_wizard_holds_the_data(data_dir, cli, tmp_path):
    holder = python(HOLDER)
    with holder:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        sample = tmp_path / "x.json"
        sample.write_text(
            '{"format": "zwgk-report", "version": 1, "catalogue": {"id": "dalian-2016"},'
            ' "unit": "市财政局", "status": "draft"}',
            encoding="utf-8",
        )
        done = cli("answers", "import", str(sample))
        holder.communicate("\n", timeout=30)
    assert done.returncode == 1 and "另一个窗口" in done.stderr and "没有导入" in done.stderr
    with open_store().store as store:
        assert store.find_report("市财政局", "dalian-2016") is None


# -- read-only and odd data folders ------------------------------------------------------------


def _can_mount_read_only() -> bool:
    """A private mount namespace (root, unshare) gives a real read-only file system (EROFS).

    chmod cannot simulate a read-only folder here: the tests run as root, who ignores it.
    """
    if sys.platform == "win32" or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind -o ro /tmp /tmp && ! touch /tmp/.zwgk-ro"],
        capture_output=True,
    )
    return probe.returncode == 0


def _run_read_only(target: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run *argv* with *target* (a folder or one file) mounted read-only for it alone."""
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(target), *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


OPEN_AND_REPORT = (
    "from desktop.store import open_store, StoreError\n"
    "try:\n"
    "    open_store()\n"
    "    print('opened')\n"
    "except StoreError as e:\n"
    "    print(e.kind, e)\n"
)


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and unshare for a ro mount")
def test_read_only_data_folder_gets_a_clear_message_and_loses_nothing(data_dir, cli, tmp_path):
    with open_store().store as store:
        fill_report(store, "市财政局", n_tasks=4)
    with open_store().store:  # make the start backup, then leave everything closed
        pass
    exported = cli("answers", "export", "--unit", "市财政局")
    assert exported.returncode == 0, exported.stderr
    before = file_hashes(data_dir)
    saved = snapshot(data_dir / "answers.db")

    done = _run_read_only(data_dir, sys.executable, "-c", OPEN_AND_REPORT)
    assert done.stdout.startswith("readonly "), done.stdout + done.stderr
    assert "只读" in done.stdout and "--data-dir" in done.stdout

    sample = tmp_path / "in.json"
    sample.write_text(exported.stdout, encoding="utf-8")
    imp = _run_read_only(
        data_dir, sys.executable, str(ROOT / "main.py"), "answers", "import", str(sample)
    )
    assert imp.returncode == 1 and "只读" in imp.stderr

    # Reading still works from a read-only medium: export gives the same document.
    exp = _run_read_only(
        data_dir, sys.executable, str(ROOT / "main.py"), "answers", "export", "--unit", "市财政局"
    )
    assert exp.returncode == 0, exp.stderr
    assert exp.stdout == exported.stdout

    # A data folder still to be created under a read-only parent.
    sub = data_dir / "new-sub"
    code = OPEN_AND_REPORT.replace("open_store()", f"open_store({str(sub)!r})")
    done = _run_read_only(data_dir, sys.executable, "-c", code)
    assert done.stdout.startswith("readonly ") and "只读" in done.stdout
    assert file_hashes(data_dir) == before and snapshot(data_dir / "answers.db") == saved


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and unshare for a ro mount")
def test_read_only_database_file_gets_a_clear_message(data_dir):
    with open_store().store as store:
        fill_report(store, "市财政局", n_tasks=2)
    before = file_hashes(data_dir)
    done = _run_read_only(data_dir / "answers.db", sys.executable, "-c", OPEN_AND_REPORT)
    assert done.stdout.startswith("readonly "), done.stdout + done.stderr
    assert "answers.db" in done.stdout and "只读" in done.stdout
    assert file_hashes(data_dir) == before


def test_a_file_where_the_data_folder_should_be(tmp_path):
    blocker = tmp_path / "数据"
    blocker.write_text("用户的文件", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        open_store(blocker)
    assert err.value.kind == "readonly"
    assert "同名文件" in str(err.value) and str(blocker) in str(err.value)
    assert blocker.read_text(encoding="utf-8") == "用户的文件"


def test_permission_denied_folder_gets_the_read_only_message(data_dir, monkeypatch):
    """A folder whose ACL forbids writing (typical on locked-down Windows PCs).

    Root ignores permissions on Linux, so the OS call that would fail is made to fail with the
    error Windows gives (EACCES); everything else runs for real.
    """
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if str(path).endswith("answers.lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(lock_mod.os, "open", denied)
    with pytest.raises(StoreError) as err:
        open_store()
    assert err.value.kind == "readonly" and "只读" in str(err.value)
    assert not (data_dir / "answers.db").exists()


def test_network_drive_gets_a_warning_and_no_wal(data_dir):
    # No SMB share here: the detection itself is desktop.paths' concern (UNC paths, mapped
    # drives, /proc/mounts); this checks what the store does with its answer.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("desktop.paths.is_network_path", lambda path: True)
        opened = open_store()
        with opened.store as store:
            assert any("网络驱动器" in n for n in opened.notices)
            assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            rid = store.create_report("中山区", "dalian-2016")
            store.save_field(rid, "texts", "overview", "网络盘上也能保存")
    opened = open_store()
    with opened.store as store:  # back on a local disk: WAL again, data kept
        assert opened.notices == []
        assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.load_values(rid)["texts"]["overview"] == "网络盘上也能保存"


def test_lock_is_released_on_close_and_reacquired(data_dir):
    data_dir.mkdir(parents=True)
    a = lock_mod.InstanceLock(data_dir / "answers.lock")
    b = lock_mod.InstanceLock(data_dir / "answers.lock")
    assert a.acquire() and not b.acquire()
    assert a.owner()[0] == os.getpid()
    a.release()
    assert b.acquire()
    b.release()
