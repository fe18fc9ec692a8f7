"""Hostile and broken files: each gets its own clear Chinese message, the good file beside it
still imports, nothing is executed or fetched, no local file leaks in."""

from __future__ import annotations

import json
import os
import socket
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from desktop import payload as payload_mod
from desktop.consolidate.service import OfficeService
from desktop.docx_payload import NS
from tests.samples import unit_reports as samples


@pytest.fixture
def service(directory_bundled) -> OfficeService:
    return OfficeService(directory=directory_bundled)


@pytest.fixture
def good(catalogue, form, directory_bundled):
    def _good(unit: str = "市财政局") -> dict:
        return samples.make_payload(catalogue, form, directory_bundled, unit)

    return _good


def rewrite_part(docx: Path, part: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> None:
    """Replace one part of a .docx, as someone editing the archive by hand would."""
    src = zipfile.ZipFile(BytesIO(docx.read_bytes()))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == part:
                dst.writestr(part, data, compress_type=compress)
            else:
                dst.writestr(info, src.read(info.filename))
    docx.write_bytes(out.getvalue())


def payload_part(docx: Path) -> str:
    with zipfile.ZipFile(docx) as z:
        names = [n for n in z.namelist() if n.startswith("customXml/item") and "Props" not in n]
    assert names, "the sample must carry a payload part"
    return names[0]


def import_beside_good(service, tmp_path, good, bad: Path):
    """Import *bad* together with a valid report of 中山区; return (result, rejection)."""
    samples.write_json(tmp_path / "中山区.json", good("中山区"))
    result = service.import_paths([tmp_path])
    assert [r.unit for r in result.added] == ["中山区"], "the good file must still import"
    (rejected,) = [r for r in result.rejected if r.name == bad.name]
    assert service.matrix().row("中山区").reported
    assert not service.matrix().row("市财政局").reported
    return result, rejected


def test_tampered_docx_invalid_json(tmp_path, service, good):
    bad = samples.write_docx(tmp_path / "财政-被改.docx", good())
    xml = f'<?xml version="1.0"?><zwgk:report xmlns:zwgk="{NS}" version="1">{{"unit": 市财政局</zwgk:report>'
    rewrite_part(bad, payload_part(bad), xml.encode())
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "JSON 格式错误" in r.reason and "重新导出" in r.hint


def test_tampered_docx_wrong_types(tmp_path, service, good):
    data = good()
    data["answers"]["1.6.1"]["status"] = 5
    data["answers"]["1.6.1"]["figures"] = {"press_conferences": "很多"}
    data["profile"]["report_date"] = "去年"
    bad = samples.write_docx(tmp_path / "财政-类型错.docx", data)
    _, r = import_beside_good(service, tmp_path, good, bad)
    # Each place as the office reads it: the 要点's numbering and the field's label, no ids.
    assert "一（六）“完成状态”：“5”不是可选值" in r.reason
    assert "封面信息“报告日期”：日期应写成 YYYY-MM-DD" in r.problems
    assert "一（六）中的“press_conferences”：这项任务没有这项数据" in r.problems
    assert "1.6.1" not in r.message() and "answers[" not in r.message()


def test_truncated_docx(tmp_path, service, good):
    whole = samples.write_docx(tmp_path / "full.docx", good())
    bad = tmp_path / "财政-截断.docx"
    bad.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    whole.unlink()
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "损坏或不完整" in r.reason


def test_docx_from_another_tool_has_no_payload(tmp_path, service, good):
    from docx import Document

    doc = Document()
    doc.add_paragraph("市财政局关于2016年政务公开工作要点落实情况的报告")
    bad = tmp_path / "财政-手写.docx"
    doc.save(str(bad))
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "不含本程序的报告数据" in r.reason and "交换文件" in r.reason


def test_zip_bomb_is_refused_before_inflating(tmp_path, service, good):
    bad = samples.write_docx(tmp_path / "财政-炸弹.docx", good())
    # 30 MB of one byte compresses ~1000:1; a real bomb would be much larger still.
    bomb = f'<zwgk:report xmlns:zwgk="{NS}" version="1">'.encode() + b" " * 30_000_000
    rewrite_part(bad, payload_part(bad), bomb)
    assert bad.stat().st_size < 200_000
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "压缩炸弹" in r.reason


def test_xml_external_entities_never_read_a_local_file_or_the_network(
    tmp_path, service, good, data_dir
):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731", encoding="utf-8")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    docs = []
    for n, target in enumerate((secret.as_uri(), f"http://127.0.0.1:{port}/x.json")):
        doc = samples.write_docx(tmp_path / f"财政-xxe{n}.docx", good())
        xml = (
            '<?xml version="1.0"?>'
            f'<!DOCTYPE zwgk:report [<!ENTITY leak SYSTEM "{target}">]>'
            f'<zwgk:report xmlns:zwgk="{NS}" version="1">&leak;</zwgk:report>'
        )
        rewrite_part(doc, payload_part(doc), xml.encode())
        docs.append(doc)

    samples.write_json(tmp_path / "中山区.json", good("中山区"))
    result = service.import_paths(docs + [tmp_path / "中山区.json"])

    assert [r.unit for r in result.added] == ["中山区"]
    assert sorted(r.name for r in result.rejected) == ["财政-xxe0.docx", "财政-xxe1.docx"]
    for r in result.rejected:
        assert "不安全的 XML" in r.reason
    with pytest.raises(TimeoutError):
        listener.accept()  # nobody connected: nothing was fetched
    listener.close()
    everything = "\n".join(result.messages())
    assert "TOP-SECRET-7731" not in everything
    for f in data_dir.rglob("*"):  # office.db, its backups, everything
        assert not f.is_file() or b"TOP-SECRET-7731" not in f.read_bytes()


def test_payload_of_a_catalogue_not_installed(tmp_path, service, good):
    data = good()
    data["catalogue"] = {"id": "shenyang-2017", "title": "沈阳市2017年政务公开工作要点"}
    bad = samples.write_json(tmp_path / "沈阳.json", data)
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "沈阳市2017年政务公开工作要点" in r.reason and "本机没有" in r.reason
    assert "要点目录" in r.hint


def test_payload_of_another_installed_catalogue_goes_to_that_catalogue(
    tmp_path, service, good, catalogue, data_dir
):
    other = json.loads(catalogue.dumps())
    other["id"], other["title"] = "dalian-2017", "2017年政务公开工作要点"
    (data_dir / "catalogues").mkdir(parents=True)
    (data_dir / "catalogues" / "dalian-2017.json").write_text(
        json.dumps(other, ensure_ascii=False), encoding="utf-8"
    )
    data = good()
    data["catalogue"] = {"id": "dalian-2017", "title": "2017年政务公开工作要点"}
    for answer in data["answers"].values():
        answer.pop("figures", None)  # 2017 has no figures file: validated against its own form
    inbox = tmp_path / "in"
    inbox.mkdir()
    samples.write_json(inbox / "2017.json", data)
    samples.write_json(inbox / "2016.json", good())

    result = service.import_paths([inbox])

    assert result.messages() == []
    assert sorted(r.catalogue_id for r in result.added) == ["dalian-2016", "dalian-2017"]
    assert service.catalogue_ids() == {"dalian-2016": 1, "dalian-2017": 1}
    assert service.catalogue_id == "dalian-2016"
    assert service.consolidation().reports["市财政局"].source_name == "2016.json"


@pytest.mark.parametrize("where", ["json", "docx-payload", "docx-part"])
def test_newer_format_version_asks_to_upgrade(tmp_path, service, good, where):
    data = good()
    if where == "json":
        data["version"] = 2
        bad = samples.write_json(tmp_path / "财政-新版.json", data)
    elif where == "docx-payload":
        data["version"] = 2
        bad = samples.write_docx(tmp_path / "财政-新版.docx", data)
    else:
        bad = samples.write_docx(tmp_path / "财政-新版.docx", data)
        text = json.dumps(data, ensure_ascii=True)
        xml = (
            f'<?xml version="1.0"?><zwgk:report xmlns:zwgk="{NS}" version="3">{text}</zwgk:report>'
        )
        rewrite_part(bad, payload_part(bad), xml.encode())
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "更新版本" in r.reason and "升级" in r.reason


def test_gbk_encoded_json(tmp_path, service, good):
    bad = tmp_path / "财政-gbk.json"
    bad.write_bytes(payload_mod.dumps(good()).encode("gbk"))
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "UTF-8" in r.reason


def test_random_bytes_json(tmp_path, service, good):
    bad = tmp_path / "财政-乱码.json"
    bad.write_bytes(os.urandom(4096))
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "UTF-8" in r.reason or "JSON" in r.reason


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (b"", "JSON 格式错误"),
        (b"[1, 2, 3]", "顶层应为对象"),
        (b'{"format": "something-else"}', "缺少格式标记"),
    ],
)
def test_json_that_is_not_a_report(tmp_path, service, good, content, expect):
    bad = tmp_path / "财政-其他.json"
    bad.write_bytes(content)
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert expect in r.reason


def test_oversized_json_is_not_read(tmp_path, service, good):
    bad = tmp_path / "财政-巨大.json"
    with open(bad, "wb") as fh:
        fh.truncate(31 * 1024 * 1024)  # sparse: costs no disk
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "过大" in r.reason


def test_unknown_task_and_unknown_key_are_named(tmp_path, service, good):
    data = good()
    data["answers"]["9.9.9"] = {"status": "已完成"}
    data["answers"]["1.6.1"]["macro"] = "=cmd|' /C calc'!A0"
    bad = samples.write_json(tmp_path / "财政-多余.json", data)
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert any("9.9.9" in p for p in r.problems)
    assert any("macro" in p and "不认识" in p for p in r.problems)


def test_many_bad_files_each_named_once_and_recorded(tmp_path, service, good):
    (tmp_path / "a.json").write_bytes(b"{")
    (tmp_path / "b.docx").write_bytes(b"not a zip at all")
    (tmp_path / "c.json").write_bytes("{}".encode("utf-16"))
    samples.write_json(tmp_path / "中山区.json", good("中山区"))
    result = service.import_paths([tmp_path])
    assert sorted(r.name for r in result.rejected) == ["a.json", "b.docx", "c.json"]
    for line in result.messages():
        assert line.count("：") >= 1 and line.split("：", 1)[0] in {"a.json", "b.docx", "c.json"}
    batch = service.last_batch()
    assert batch["imported"] == 1 and batch["rejected"] == 3
    assert sorted(r["name"] for r in batch["rejections"]) == ["a.json", "b.docx", "c.json"]


def test_a_reason_closing_on_a_bracket_still_ends_its_sentence_before_the_hint():
    from desktop.consolidate.reader import Rejected

    r = Rejected(
        "a.json", "a.json", "数据嵌套超过 16 层（可能是恶意构造的）", "请让该单位重新导出。"
    )
    assert r.message() == "a.json：数据嵌套超过 16 层（可能是恶意构造的）。请让该单位重新导出。"
    assert (
        Rejected("b.json", "b.json", "已拒绝。", "请重发。").message() == "b.json：已拒绝。请重发。"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and named pipes")
def test_a_device_or_pipe_given_by_name_is_said_to_be_one_not_missing(tmp_path, service, good):
    pipe = tmp_path / "报告.json"
    os.mkfifo(pipe)
    good_file = samples.write_json(tmp_path / "中山区.json", good("中山区"))
    result = service.import_paths(
        ["/dev/zero", str(pipe), str(good_file), str(tmp_path / "无.json")]
    )
    assert [r.unit for r in result.added] == ["中山区"]
    reasons = {r.name: r.message() for r in result.rejected}
    assert "不是普通文件" in reasons["zero"] and "找不到" not in reasons["zero"]
    assert "不是普通文件" in reasons["报告.json"]
    assert "找不到" in reasons["无.json"]


def test_the_offices_own_yaodian_publication_in_the_inbox_is_named_as_such(
    tmp_path, service, good, catalogue
):
    from desktop.yearly import publication

    bad = publication.write(
        publication.make(catalogue, {}, 2), tmp_path / "2016年要点（第2版）.json"
    )
    _, r = import_beside_good(service, tmp_path, good, bad)
    assert "市政府办公厅发布的要点文件" in r.message() and "zwgk-report" not in r.message()
