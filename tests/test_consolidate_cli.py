"""``python main.py consolidate``: one-screen Chinese summary, outputs, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.textclean import columns as width
from tests.conftest import ROOT
from tests.samples import unit_reports as samples


@pytest.fixture
def inbox(tmp_path, catalogue, form, directory_bundled):
    folder = tmp_path / "报告"
    folder.mkdir()
    for unit in ("市财政局", "中山区", "市审计局", "大连大学"):
        draft = unit == "大连大学"  # one unit sent its draft
        data = samples.make_payload(catalogue, form, directory_bundled, unit, final=not draft)
        samples.write_json(folder / f"{unit}.json", data)
    samples.write_docx(
        folder / "市环保局.docx",
        samples.make_payload(catalogue, form, directory_bundled, "市环保局"),
    )
    (folder / "坏文件.json").write_bytes(b"\xff\xfe garbage")
    return folder


def test_summary_fits_one_screen_and_names_the_bad_file(cli, inbox, tmp_path):
    out = tmp_path / "汇总表.xlsx"
    # Paths as a clerk types them in the folder (the summary echoes the output path as given;
    # a long temp path, as Windows' is, would be the only line wider than the screen).
    done = cli("consolidate", inbox.name, "--xlsx", out.name, cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # one file was not imported
    lines = done.stdout.splitlines()
    assert len(lines) <= 24 and all(width(line) <= 100 for line in lines)
    text = done.stdout
    assert "汇总《2016年政务公开工作要点》（大政办发〔2016〕125号）" in text
    assert "本次导入：成功 5 份（新增 5、替换 0），未导入 1 份" in text
    assert "✗ 坏文件.json：" in text
    assert "已报送：5/44 个单位（其中草稿 1 份：大连大学）" in text
    assert "未报送（39）：市政府办公厅、市委办公厅" in text
    assert "进展滞后的任务" in text
    assert "已写出汇总表：汇总表.xlsx" in text
    from openpyxl import load_workbook

    assert load_workbook(out).sheetnames == ["汇总矩阵", "数据合计", "缺报单位"]


def test_second_run_replaces_and_without_files_reports_the_database(
    cli, inbox, tmp_path, catalogue, form, directory_bundled
):
    assert cli("consolidate", str(inbox)).returncode == 1
    newer = samples.make_payload(
        catalogue, form, directory_bundled, "市财政局", report_date="2016-11-30"
    )
    path = samples.write_json(tmp_path / "财政-更正.json", newer)
    done = cli("consolidate", str(path))
    assert done.returncode == 0, done.stderr
    assert "成功 1 份（新增 0、替换 1）" in done.stdout
    assert "财政-更正.json：替换了市财政局原有的报告" in done.stdout
    done = cli("consolidate")
    assert done.returncode == 0 and "已报送：5/44 个单位" in done.stdout
    assert "本次导入" not in done.stdout


def test_data_dir_option_is_honoured(cli, inbox, tmp_path):
    other = tmp_path / "办公厅数据"
    done = cli("--data-dir", str(other), "consolidate", str(inbox))
    assert done.returncode == 1
    assert (other / "office.db").is_file()


def test_unwritable_output_is_a_chinese_message(cli, inbox, tmp_path):
    done = cli("consolidate", str(inbox), "--xlsx", str(tmp_path / "没有此目录" / "a.xlsx"))
    assert done.returncode == 2
    assert "不存在" in done.stderr and "Traceback" not in done.stderr


def test_docx_output(cli, inbox, tmp_path):
    out = tmp_path / "汇总报告.docx"
    done = cli("consolidate", str(inbox), "--docx", str(out))
    assert done.returncode == 1, done.stderr  # 坏文件.json was not imported
    assert f"已写出汇总报告：{out}" in done.stdout
    from docx import Document

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts[0].replace("\n", "") == "市政府办公厅关于全市2016年政务公开工作要点落实情况的报告"
    assert any("应报送单位44个，已报送5个" in t for t in texts)


def test_consolidation_never_imports_qt(inbox):
    code = (
        "import sys, io, contextlib, importlib, pkgutil\n"
        "import desktop.consolidate as pkg\n"
        "for m in pkgutil.iter_modules(pkg.__path__): importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "from desktop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['consolidate', {str(inbox)!r}])\n"
        "print(rc, sorted(k for k in sys.modules if k.startswith('PySide6')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "1 []", done.stderr
