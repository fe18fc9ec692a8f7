"""``catalogue import`` as a clerk meets it: bad files, unknown units, installing next year's 要点.

Unreadable input → exit 2, one Chinese line on stderr, no traceback, ``--out`` untouched.
"""

from __future__ import annotations

import json
import re

import pytest

from desktop import catalogue as cat_mod
from desktop.parser.structure import parse_file
from tests.conftest import SAMPLES

# A 要点 for a year the program was not built for, in the Dalian shape, naming one unit the
# directory does not know (市大数据管理局, line 8).
NEXT_YEAR = """大连市人民政府办公厅关于印发2017年政务公开工作要点的通知
大政办发〔2017〕60号
大连市人民政府办公厅
2017年6月1日
2017年政务公开工作要点
一、推进决策公开
（一）推进重大决策预公开。重大决策草案要向社会公开征求意见。(市发展改革委牵头落实,市政府各部门配合落实)
（二）推进数据开放。建设全市统一的公共数据开放平台。（市财政局牵头落实，市大数据管理局配合落实）
二、保障措施
（一）加强组织领导。各地区、各部门要确定1位负责同志分管政务公开工作。
各地区、各部门要在11月30日前向市政府办公厅报送政务公开工作要点落实情况报告。
"""

BAD_INPUTS = {
    "empty.txt": (b"", "是空文件"),
    "blank.txt": (b" \r\n\t\r\n\xe3\x80\x80\r\n", "是空文件"),
    "bom-only.txt": (b"\xef\xbb\xbf", "是空文件"),
    "photo.txt": (bytes(range(256)) * 40, "不是文本文件"),
    "old-word.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048, "旧版 Word（.doc）"),
    "scan.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF 文件"),
    "broken.docx": (b"PK\x03\x04" + b"\x00" * 100, "已损坏"),
    "garbled.txt": ("政务公开".encode() + b"\xff\xff\xfe\xff" * 10, "编码无法识别"),
    "notice.txt": (
        "关于做好信息公开工作的通知\n请各单位认真落实。\n".encode(),
        "没有找到任何“一、”或“（一）”编号的条目",
    ),
    "headings-only.txt": ("一、总体要求\n二、工作任务\n".encode(), "没有识别出任何条目"),
}


def _assert_refused(done, out, reason: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("无法导入：")
    assert reason in lines[0]
    assert re.search(r"[\u4e00-\u9fff]", lines[0])
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_unreadable_input_is_refused_with_one_chinese_line(cli, tmp_path, name):
    data, reason = BAD_INPUTS[name]
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out.json"
    _assert_refused(cli("catalogue", "import", str(src), "--out", str(out)), out, reason)


def test_missing_file_and_folder_are_refused(cli, tmp_path):
    out = tmp_path / "out.json"
    missing = tmp_path / "不存在.txt"
    _assert_refused(
        cli("catalogue", "import", str(missing), "--out", str(out)), out, "找不到该文件"
    )
    _assert_refused(
        cli("catalogue", "import", str(tmp_path), "--out", str(out)), out, "是一个文件夹"
    )


def test_failed_import_leaves_an_existing_out_file_alone(cli, tmp_path):
    out = tmp_path / "catalogue.json"
    out.write_text('{"keep": true}', encoding="utf-8")
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    done = cli("catalogue", "import", str(src), "--out", str(out))
    assert done.returncode == 2
    assert out.read_text(encoding="utf-8") == '{"keep": true}'
    assert {p.name for p in tmp_path.iterdir()} == {"catalogue.json", "empty.txt"}, "no temp file"


def test_unknown_unit_is_a_warning_naming_unit_and_line(cli, tmp_path):
    src = tmp_path / "2017要点.txt"
    src.write_text(NEXT_YEAR, encoding="utf-8")
    out = tmp_path / "2017.json"
    done = cli("catalogue", "import", str(src), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    unknown = [ln for ln in done.stderr.splitlines() if "不在单位名录中" in ln]
    assert unknown == [
        "提示：第8行：任务一（二）中的单位“市大数据管理局”不在单位名录中，导入后请在名录中添加。"
    ]
    data = json.loads(out.read_text(encoding="utf-8"))
    task = data["sections"][0]["items"][1]["tasks"][0]
    assert task["assignments"] == [
        {"unit": "市财政局", "role": "lead"},
        {"unit": "市大数据管理局", "role": "cooperate"},
    ]
    assert (data["deadline"], data["report_to"]) == ("2017-11-30", "市政府办公厅")


def test_mixed_punctuation_imports_in_official_form(cli, tmp_path):
    out = tmp_path / "out.json"
    src = SAMPLES / "jinzhouwan-2018-pdfcopy.gb18030.txt"
    done = cli("catalogue", "import", str(src), "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    first = data["sections"][0]["items"][0]["tasks"][0]
    assert first["clause"] == "财政局牵头落实，各部门配合落实"
    assert "," not in first["text"] and "(" not in first["text"]


def test_install_makes_next_years_catalogue_loadable(cli, tmp_path, data_dir):
    src = tmp_path / "2017要点.txt"
    src.write_text(NEXT_YEAR, encoding="utf-8")
    expected = parse_file(src).catalogue
    done = cli("catalogue", "import", str(src), "--install")
    assert done.returncode == 0, done.stderr
    assert f"已安装要点目录“{expected.id}”" in done.stderr
    assert (data_dir / "catalogues" / f"{expected.id}.json").is_file()
    loaded = cat_mod.load(expected.id)
    assert loaded.to_json() == expected.to_json()
    assert loaded.doc_number == "大政办发〔2017〕60号"
    # The rest of the program reaches it by id, without code changes.
    tasks = cli("catalogue", "tasks", "--unit", "市财政局", "--catalogue", expected.id, "--json")
    assert tasks.returncode == 0, tasks.stderr
    found = {t["id"]: t["role"] for t in json.loads(tasks.stdout)}
    assert found == {"1.1.1": "cooperate", "1.2.1": "lead", "2.1.1": "responsible"}


def test_install_under_the_builtin_id_is_refused(cli, tmp_path, data_dir):
    src = tmp_path / "2017要点.txt"
    src.write_text(NEXT_YEAR, encoding="utf-8")
    done = cli("catalogue", "import", str(src), "--install", "--id", cat_mod.BUILTIN_ID)
    assert done.returncode == 2
    assert "已被内置目录使用" in done.stderr
    assert not (data_dir / "catalogues").exists()
    assert cat_mod.load(cat_mod.BUILTIN_ID).doc_number == "大政办发〔2016〕125号"
