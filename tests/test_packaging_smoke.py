"""``main.py smoke``: the self-check the build runs on the frozen bundle, here from source.

It must pass on a good copy, never touch the user's data, and fail loudly — in Chinese, naming
the step — on a broken one.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_smoke_passes_and_never_touches_the_users_data(cli, data_dir: Path, tmp_path: Path):
    chosen = tmp_path / "chosen"
    done = cli("--data-dir", str(chosen), "smoke")
    assert done.returncode == 0, done.stderr
    assert "自检通过" in done.stdout
    for step in ("读取要点目录", "新建临时数据库并试填报告", "导出交换文件并重新导入"):
        assert step in done.stdout
    # Neither the data dir from the environment nor the one from --data-dir was created.
    assert not data_dir.exists()
    assert not chosen.exists()


def test_smoke_removes_its_temp_folder_unless_asked_to_keep_it(cli):
    done = cli("smoke")
    folder = Path(done.stdout.split("临时文件夹：", 1)[1].split("（", 1)[0])
    assert not folder.exists()
    kept = cli("smoke", "--keep")
    folder = Path(kept.stdout.split("临时文件夹：", 1)[1].split("（", 1)[0])
    try:
        assert (folder / "data" / "answers.db").is_file()
        assert list((folder / "导出").glob("*.json"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_smoke_gui_starts_the_real_window_with_chinese_buttons(cli, data_dir: Path):
    done = cli("smoke", "--gui", env={"QT_QPA_PLATFORM": "xcb"})  # smoke forces offscreen
    assert done.returncode == 0, done.stdout + done.stderr
    assert "启动填报窗口" in done.stdout
    assert "按钮为中文" in done.stdout
    assert not data_dir.exists()


def test_smoke_names_an_unknown_unit(cli):
    done = cli("smoke", "--unit", "不存在的局")
    assert done.returncode == 1
    assert "自检未通过：第 2 步" in done.stderr
    assert "不存在的局" in done.stderr


def _copy_program(target: Path) -> Path:
    """A separate copy of the program (code + bundled data) that a test may damage."""
    shutil.copy2(ROOT / "main.py", target / "main.py")
    shutil.copytree(
        ROOT / "desktop", target / "desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "forms", target / "forms")
    if (ROOT / "doc_templates").is_dir():
        shutil.copytree(ROOT / "doc_templates", target / "doc_templates")
    return target


@pytest.mark.parametrize(
    ("damage", "step"),
    [
        (lambda root: (root / "forms" / "units.json").unlink(), 1),
        (lambda root: (root / "forms" / "units.json").write_text("{坏了", encoding="utf-8"), 2),
    ],
    ids=["file-missing", "file-damaged"],
)
def test_smoke_fails_in_chinese_on_a_damaged_copy(tmp_path: Path, damage, step: int):
    (tmp_path / "copy").mkdir()
    copy = _copy_program(tmp_path / "copy")
    damage(copy)
    done = subprocess.run(
        [sys.executable, str(copy / "main.py"), "smoke"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=copy,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout
    assert f"自检未通过：第 {step} 步" in done.stderr
    assert "请重新安装本程序" in done.stderr
    assert "units.json" in done.stderr
