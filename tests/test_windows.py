"""What only Windows does to the program: device names, files held open by another program,
the instance lock through ``msvcrt``, ``%APPDATA%`` and a profile folder named in Chinese with a
space in it.

The tests marked ``windows_only`` run on Windows Python: in the Wine check
(``packaging/wine/check.sh``, part of README's test command) and in the Windows workflow. The
others state the same rules where every platform can check them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop import cli, paths
from desktop import payload as payload_mod
from desktop.fileio import FileWriteError, atomic_write, is_reserved_name
from desktop.report import default_filename, export_report
from desktop.store import StoreError, open_store
from tests.conftest import ROOT
from tests.samples.payloads import sample_payload
from tests.test_store_support import python

WINDOWS = sys.platform == "win32"
windows_only = pytest.mark.skipif(not WINDOWS, reason="Windows behaviour (run by the Wine check)")


@pytest.fixture
def finance(catalogue, form, directory_bundled):
    return sample_payload("市财政局", catalogue, form, directory_bundled)


# -- device names: CON, NUL, COM1 … ------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["CON.docx", "nul.docx", "NUL", "Com1.json", "LPT9.xlsx", "aux .docx", "PRN.a.b"]
)
def test_device_names_are_refused_with_another_name_offered(name, tmp_path):
    target = tmp_path / name
    with pytest.raises(FileWriteError) as err:
        atomic_write(target, b"report", "报告")
    message = str(err.value)
    assert f"“{name}”是 Windows 保留的设备名" in message and "请换一个文件名" in message
    assert err.value.suggestion is not None and not is_reserved_name(err.value.suggestion)
    assert f"“{err.value.suggestion.name}”" in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["CONTROL.docx", "CON关于报告.docx", "nul-报告.docx", "COM10.x"])
def test_names_that_only_start_like_a_device_are_fine(name, tmp_path):
    atomic_write(tmp_path / name, b"report")
    assert (tmp_path / name).read_bytes() == b"report"


@windows_only
def test_windows_swallows_a_file_named_nul_and_the_export_refuses_it(
    finance, catalogue, form, tmp_path
):
    """Why the rule exists: Windows "writes" NUL.docx into the null device and keeps nothing."""
    with open(tmp_path / "NUL.docx", "wb") as fh:
        fh.write(b"lost")
    assert not any(p.name.upper() == "NUL.DOCX" for p in tmp_path.iterdir())
    with pytest.raises(FileWriteError) as err:
        export_report(finance, catalogue, form, tmp_path / "NUL.docx")
    assert err.value.suggestion is not None
    assert export_report(finance, catalogue, form, err.value.suggestion).is_file()


@windows_only
@pytest.mark.parametrize("issuer", ["CON", "NUL", "com1"])
def test_suggested_export_name_of_a_unit_called_like_a_device_is_a_real_file(
    issuer, finance, catalogue, form, tmp_path
):
    payload = {**finance, "profile": {**finance.get("profile", {}), "issuer_name": issuer}}
    name = default_filename(payload, catalogue)
    assert not is_reserved_name(Path(name))
    written = export_report(payload, catalogue, form, tmp_path / name)
    assert written.is_file() and written.stat().st_size > 10_000
    with zipfile.ZipFile(written) as docx:
        assert "word/document.xml" in docx.namelist()


# -- a report another program holds open ---------------------------------------------------------

HOLD_OPEN = r"""
import sys
fh = open(sys.argv[1], "rb")  # as Word does: open, no FILE_SHARE_DELETE
print("holding", flush=True)
sys.stdin.readline()
"""


@windows_only
def test_export_onto_a_report_another_program_holds_open(finance, catalogue, form, tmp_path):
    """Windows refuses to replace a file another process has open (Word, WPS, a viewer):
    the clerk is told to close it or save under the offered name, and the old file is intact."""
    target = tmp_path / "市财政局 报告.docx"
    export_report(finance, catalogue, form, target)
    before = target.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(FileWriteError) as err:
            export_report(finance, catalogue, form, target)
        message = str(err.value)
        assert "正被其他程序（如 Word、WPS）打开" in message
        assert err.value.suggestion == tmp_path / "市财政局 报告(2).docx"
        assert target.read_bytes() == before
        assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
        assert export_report(finance, catalogue, form, err.value.suggestion).is_file()
    finally:
        holder.communicate("\n", timeout=30)
    # Closed in Word: the same target is replaced now.
    export_report(finance, catalogue, form, target)
    assert (
        zipfile.is_zipfile(target) and [p for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    )


# -- the instance lock ---------------------------------------------------------------------------

HOLDER = r"""
import sys
from desktop.store import open_store
store = open_store().store
rid = store.create_report("中山区", "dalian-2016")
store.save_field(rid, "texts", "overview", "第一个窗口写的内容")
print("ready", flush=True)
sys.stdin.readline()
"""


@windows_only
def test_msvcrt_lock_makes_the_second_process_read_only_and_a_killed_holder_frees_it(data_dir):
    """The Windows counterpart of the SIGKILL test: TerminateProcess is the hard crash, and
    Windows drops the process's byte-range lock with it."""
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
        holder.kill()  # TerminateProcess: no clean-up, no unlock of its own
        holder.communicate(timeout=30)
    # The lock file is still there and readable (the lock sits far past its text).
    assert (data_dir / "answers.lock").read_text(encoding="utf-8").startswith(str(holder.pid))
    opened = open_store()
    with opened.store as store:
        assert not store.read_only and opened.notices == []
        rid = store.find_report("中山区", "dalian-2016")
        store.save_field(rid, "texts", "overview", "崩溃之后继续写")


# -- where the data lives -----------------------------------------------------------------------


def _clerk_env(profile: Path) -> dict[str, str]:
    """A Windows user whose profile folder has Chinese characters and a space in its name."""
    env = {k: v for k, v in os.environ.items() if k != paths.DATA_DIR_ENV}
    env.update(
        USERPROFILE=str(profile),
        HOME=str(profile),
        APPDATA=str(profile / "AppData" / "Roaming"),
        LOCALAPPDATA=str(profile / "AppData" / "Local"),
        TEMP=str(profile / "AppData" / "Local" / "Temp"),
        TMP=str(profile / "AppData" / "Local" / "Temp"),
        PYTHONIOENCODING="utf-8",
    )
    for key in ("APPDATA", "LOCALAPPDATA", "TEMP"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=180,
    )


@windows_only
def test_data_goes_to_appdata_in_a_profile_named_in_chinese_with_a_space(
    finance, catalogue, form, tmp_path
):
    profile = tmp_path / "Users" / "张 三"
    env = _clerk_env(profile)
    exchange = profile / "Documents" / "交换 文件" / "市财政局 数据.json"
    exchange.parent.mkdir(parents=True)
    exchange.write_text(payload_mod.dumps(finance), encoding="utf-8")

    imported = _run(env, "answers", "import", str(exchange))
    assert imported.returncode == 0, imported.stderr
    report = profile / "Documents" / "我的 报告" / "财政局 报告.docx"
    report.parent.mkdir(parents=True)
    exported = _run(env, "export", "--unit", "市财政局", "--out", str(report))
    assert exported.returncode == 0, exported.stderr
    assert zipfile.is_zipfile(report)

    data = profile / "AppData" / "Roaming" / "ZWGK" / "zwgk-report"
    assert (data / "answers.db").is_file()
    # Nothing went anywhere else in the profile (the temp folder is the system's to clean).
    elsewhere = [
        p.relative_to(profile).as_posix()
        for p in profile.rglob("*")
        if p.is_file()
        and data not in p.parents
        and p not in (exchange, report)
        and "Temp" not in p.relative_to(profile).parts
    ]
    assert elsewhere == []
    listed = _run(env, "answers", "list")
    assert listed.returncode == 0 and "市财政局" in listed.stdout


@windows_only
def test_default_data_dir_is_appdata(monkeypatch, tmp_path):
    monkeypatch.setenv("APPDATA", str(tmp_path / "漫游 数据"))
    assert paths.default_data_dir() == tmp_path / "漫游 数据" / "ZWGK" / "zwgk-report"
    monkeypatch.delenv("APPDATA")
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "张 三"))
    assert paths.default_data_dir() == tmp_path / "张 三" / "AppData" / "Roaming" / "ZWGK" / (
        "zwgk-report"
    )


# -- the console program names itself -------------------------------------------------------------


def test_frozen_cli_names_itself_in_help(monkeypatch, capsys):
    exe = "zwgk-cli.exe" if WINDOWS else "zwgk-cli"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(Path("C:/程序/zwgk") / exe))
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    assert f"{exe} [-h]" in out.splitlines()[0] and "main.py" not in out


def test_source_cli_is_main_py(capsys):
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--help"])
    assert "main.py [-h]" in capsys.readouterr().out.splitlines()[0]
