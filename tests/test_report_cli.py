"""``python main.py export``: the report from the store, the same file the wizard writes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from desktop import docx_payload
from desktop import payload as payload_mod
from desktop.report import build_report, check_docx
from tests.samples import reports


@pytest.fixture
def stored(cli, tmp_path, data_dir) -> dict:
    """市财政局's sample report imported into this test's store, as a clerk's PC holds it."""
    done = cli("answers", "import", str(reports.path("shi-caizhengju-2016")))
    assert done.returncode == 0, done.stderr
    return reports.load("shi-caizhengju-2016")


def test_export_writes_the_report_with_the_payload_of_answers_export(cli, stored, tmp_path):
    out = tmp_path / "报告.docx"
    done = cli("export", "--unit", "市财政局", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"已导出“市财政局”的落实情况报告（定稿）：{out}" in done.stdout
    assert check_docx(out) == []
    exchange = cli("answers", "export", "--unit", "市财政局")
    assert exchange.returncode == 0, exchange.stderr
    embedded = docx_payload.read(out)
    assert payload_mod.dumps(payload_mod.parse(embedded)) == exchange.stdout
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "市财政局关于\n2016年政务公开工作要点落实情况的报告"
    assert "2016年11月28日" in texts


def test_out_without_the_docx_ending_gets_it(cli, stored, tmp_path):
    done = cli("export", "--unit", "市财政局", "--out", str(tmp_path / "报告v1.2"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "报告v1.2.docx").is_file() and not (tmp_path / "报告v1.2").exists()
    assert f"：{tmp_path / '报告v1.2.docx'}" in done.stdout


def test_no_local_path_leaves_the_pc_by_exchange_file_or_report(cli, stored, tmp_path):
    exchange = cli("answers", "export", "--unit", "市财政局")
    assert exchange.returncode == 0, exchange.stderr
    assert ":\\\\" not in exchange.stdout and "Users" not in exchange.stdout
    assert '"path": "预决算公开检查情况通报.pdf"' in exchange.stdout
    out = tmp_path / "报告.docx"
    assert cli("export", "--unit", "市财政局", "--out", str(out)).returncode == 0
    embedded = docx_payload.read(out)
    assert "Users" not in embedded and "zhangxh" not in embedded


def test_an_imported_district_signs_with_the_directorys_title_name(cli, tmp_path):
    """An exchange file whose cover page has no 发文机关 (or only 西岗区): the report is
    issued and signed by 西岗区人民政府, the name the unit directory knows."""
    data = reports.load("zhongshan-qu-2016")
    data["unit"] = "西岗区"
    data["unit_info"] = {"kind": "district", "categories": ["各区市县政府和先导区管委会"]}
    del data["profile"]["issuer_name"]
    exchange = tmp_path / "西岗区.json"
    exchange.write_text(payload_mod.dumps(data), encoding="utf-8")
    assert cli("answers", "import", str(exchange)).returncode == 0
    out = tmp_path / "西岗区.docx"
    done = cli("export", "--unit", "西岗区", "--out", str(out))
    assert done.returncode == 0, done.stderr
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "西岗区人民政府关于\n2016年政务公开工作要点落实情况的报告"
    assert "西岗区人民政府" in texts and "西岗区" not in texts
    assert "现将我区落实情况报告如下" in texts[3]


def test_a_draft_is_named_and_marked_as_one(cli, tmp_path):
    data = reports.load("zhongshan-qu-2016")
    data["status"] = "draft"
    data["review"] = {}
    exchange = tmp_path / "草稿.json"
    exchange.write_text(payload_mod.dumps(data), encoding="utf-8")
    assert cli("answers", "import", str(exchange)).returncode == 0
    work = tmp_path / "文档"
    work.mkdir()
    done = cli("export", "--unit", "中山区", cwd=work)
    assert done.returncode == 0, done.stderr
    (written,) = work.iterdir()
    assert written.name == "中山区人民政府关于2016年政务公开工作要点落实情况的报告（草稿）.docx"
    assert "（草稿）" in done.stdout
    header = docx.Document(str(written)).sections[0].header
    assert header.paragraphs[0].text == "草稿（未定稿，不得报送）"


def test_an_issuer_name_with_an_emoji_is_refused_with_what_to_do(cli, tmp_path):
    data = reports.load("shi-caizhengju-2016")
    data["profile"]["issuer_name"] = "市财政局🎉"
    exchange = tmp_path / "x.json"
    exchange.write_text(payload_mod.dumps(data), encoding="utf-8")
    assert cli("answers", "import", str(exchange)).returncode == 0
    done = cli("export", "--unit", "市财政局", "--out", str(tmp_path / "x.docx"))
    assert done.returncode == 1
    assert "发文机关名称中不能有表情或图形符号" in done.stderr and "封面信息" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "x.docx").exists()


def test_cli_and_wizard_write_the_same_document(
    cli, stored, tmp_path, data_dir, catalogue, form, directory_bundled
):
    """The wizard exports ``export_report(session.payload(), …)``; session.payload() is the
    store's export_payload. Same payload, same writer: the same document."""
    from desktop.store import open_store
    from desktop.store.exchange import export_payload

    out = tmp_path / "cli.docx"
    assert cli("export", "--unit", "市财政局", "--out", str(out)).returncode == 0
    opened = open_store(data_dir, read_only=True, backup_on_open=False)
    try:
        store = opened.store
        report_id = store.find_report("市财政局", catalogue.id)
        payload = export_payload(store, report_id, catalogue, form, directory_bundled)
    finally:
        opened.store.close()
    wizard = build_report(payload, catalogue, form)
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(io.BytesIO(wizard)) as b:
        for part in (
            "word/document.xml",
            "word/styles.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ):
            assert a.read(part) == b.read(part), part
    assert docx_payload.read(out) == docx_payload.read(wizard)


def test_default_name_in_the_current_folder_and_data_dir_flag(cli, stored, tmp_path, data_dir):
    work = tmp_path / "文档"
    work.mkdir()
    done = cli("--data-dir", str(data_dir), "export", "--unit", "市财政局", cwd=work)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in work.iterdir()] == [
        "市财政局关于2016年政务公开工作要点落实情况的报告.docx"
    ]


def test_unknown_unit_and_missing_report_say_what_to_do(cli, stored, tmp_path):
    done = cli("export", "--unit", "财政", "--out", str(tmp_path / "x.docx"))
    assert done.returncode == 2
    assert "没有找到“财政”的《2016年政务公开工作要点》落实情况报告" in done.stderr
    assert "已有报告的单位：市财政局" in done.stderr and "您是不是要找：市财政局" in done.stderr
    done = cli("export", "--unit", "中山区", "--out", str(tmp_path / "x.docx"))
    assert done.returncode == 2 and "请先在填报向导中填写" in done.stderr
    assert not (tmp_path / "x.docx").exists()


def test_no_data_yet(cli, tmp_path):
    done = cli("export", "--unit", "市财政局", "--out", str(tmp_path / "x.docx"))
    assert done.returncode in (1, 2)
    assert done.stderr.strip() and "Traceback" not in done.stderr


def test_template_from_settings_is_used_and_a_bad_one_explained(
    cli, stored, tmp_path, data_dir: Path
):
    plain = tmp_path / "单位模板.docx"
    docx.Document().save(str(plain))
    (data_dir / "settings.json").write_text(
        json.dumps({"report_template": str(plain)}, ensure_ascii=False), encoding="utf-8"
    )
    out = tmp_path / "x.docx"
    done = cli("export", "--unit", "市财政局", "--out", str(out))
    assert done.returncode == 1
    assert (
        "报告模板“单位模板.docx”缺少以下样式：" in done.stderr and "Attachment Note" in done.stderr
    )
    assert not out.exists()
