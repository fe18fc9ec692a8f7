"""Issue 11, classes 1, 3 and 6: hostile files are refused one by one with a Chinese reason,
through the one safe JSON reader and the one safe zip reader — the good file beside each still
imports, in 汇总, in ``answers import`` and in ``consolidate``; nothing prints a traceback."""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from desktop import safejson
from desktop.consolidate.service import OfficeService
from desktop.docx_payload import DocxPayloadError
from desktop.docx_payload import read as read_payload
from desktop.safezip import UnsafeArchive, checked_bytes
from tests.samples import unit_reports as samples

GOOD_UNIT = "中山区"


@pytest.fixture
def service(directory_bundled) -> OfficeService:
    return OfficeService(directory=directory_bundled)


@pytest.fixture
def good(catalogue, form, directory_bundled):
    def _good(unit: str = "市财政局") -> dict:
        return samples.make_payload(catalogue, form, directory_bundled, unit)

    return _good


def import_beside_good(service, folder: Path, good, bad: Path):
    """Import the folder holding *bad* and a valid report of 中山区; return the rejection."""
    samples.write_json(folder / f"{GOOD_UNIT}.json", good(GOOD_UNIT))
    result = service.import_paths([folder])
    assert [r.unit for r in result.added] == [GOOD_UNIT], "the good file must still import"
    (rejected,) = [r for r in result.rejected if r.name == bad.name]
    assert "Traceback" not in rejected.message() and "Error" not in rejected.message()
    return rejected


def payload_text(good) -> str:
    return json.dumps(good(), ensure_ascii=False)


# -- class 1: a file that used to abort the whole batch ----------------------------------------

HOSTILE_JSON = {
    "nested 100,000 deep": lambda text: text[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "5,000-digit integer": lambda text: text[:-1] + ', "x": 1' + "0" * 5000 + "}",
    "lone surrogate": lambda text: text.replace("张三", "张\\ud800三"),
    "NaN": lambda text: text.replace('"contact_name"', '"nan": NaN, "contact_name"'),
    "Infinity overflow": lambda text: text[:-1] + ', "x": 1e999}',
    "duplicate key": lambda text: text.replace(
        '"unit": "市财政局"', '"unit": "市财政局", "unit": "西岗区"'
    ),
}


@pytest.mark.parametrize("make", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_is_refused_beside_a_good_file(tmp_path, service, good, make):
    bad = tmp_path / "财政-恶意.json"
    bad.write_text(make(payload_text(good)), encoding="utf-8")
    rejected = import_beside_good(service, tmp_path, good, bad)
    assert "重新导出" in rejected.hint and rejected.reason.isprintable()


@pytest.mark.parametrize("make", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_answers_import_refuses_hostile_json_without_a_traceback(cli, tmp_path, good, make):
    bad = tmp_path / "恶意.json"
    bad.write_text(make(payload_text(good)), encoding="utf-8")
    done = cli("answers", "import", str(bad))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "没有导入" in done.stderr
    ok = samples.write_json(tmp_path / "好.json", good(GOOD_UNIT))
    assert cli("answers", "import", str(ok)).returncode == 0


def set_member_header(
    docx: Path, member: str, *, flags: int | None = None, method: int | None = None
):
    """Rewrite one member's general-purpose flags / compression method in both its local
    header and the central directory, as an encrypting or exotic zip tool would write them."""
    data = bytearray(docx.read_bytes())
    with zipfile.ZipFile(docx) as z:
        local = z.getinfo(member).header_offset
    central = struct.unpack_from("<I", data, data.rindex(b"PK\x05\x06") + 16)[0]
    name = member.encode()
    while data[central + 46 : central + 46 + len(name)] != name:
        lengths = struct.unpack_from("<HHH", data, central + 28)
        central += 46 + sum(lengths)
    for offset, flag_at, method_at in ((local, 6, 8), (central, 8, 10)):
        if flags is not None:
            struct.pack_into("<H", data, offset + flag_at, flags)
        if method is not None:
            struct.pack_into("<H", data, offset + method_at, method)
    docx.write_bytes(bytes(data))


def _payload_member(docx: Path) -> str:
    with zipfile.ZipFile(docx) as z:
        return next(n for n in z.namelist() if n.startswith("customXml/item") and "Props" not in n)


@pytest.mark.parametrize(
    ("change", "expect"),
    [({"flags": 0x1}, "已加密"), ({"method": 99}, "不支持的压缩方式")],
    ids=["encryption flag", "compression method 99"],
)
def test_docx_with_an_encrypted_or_exotic_payload_member(tmp_path, service, good, change, expect):
    bad = samples.write_docx(tmp_path / "财政-加密.docx", good())
    set_member_header(bad, _payload_member(bad), **change)
    rejected = import_beside_good(service, tmp_path, good, bad)
    assert expect in rejected.reason
    with pytest.raises(DocxPayloadError):
        read_payload(bad)


def test_consolidate_cli_imports_the_good_and_names_every_hostile_file(cli, tmp_path, good):
    inbox = tmp_path / "报告"
    inbox.mkdir()
    samples.write_json(inbox / "中山区.json", good(GOOD_UNIT))
    samples.write_docx(inbox / "市审计局.docx", good("市审计局"))
    for n, make in enumerate(HOSTILE_JSON.values()):
        (inbox / f"恶意{n}.json").write_text(make(payload_text(good)), encoding="utf-8")
    enc = samples.write_docx(inbox / "加密.docx", good())
    set_member_header(enc, _payload_member(enc), flags=0x1)
    done = cli("consolidate", str(inbox))
    assert done.returncode == 1, done.stderr  # some files failed
    assert "Traceback" not in done.stdout + done.stderr
    assert f"成功 2 份（新增 2、替换 0），未导入 {len(HOSTILE_JSON) + 1} 份" in done.stdout


# -- class 3: payload rules --------------------------------------------------------------------


def _rule_cases():
    def final_unreviewed(d):
        d["review"]["confirmed"] = False

    def mandatory_not_applicable(d):
        d["answers"]["1.1.1"] = {"applicable": False, "not_applicable_reason": "不涉及"}

    def far_future(d):
        d["profile"]["report_date"] = "9999-12-31"

    def huge_app_version(d):
        d["app_version"] = "1" * 100_000

    def huge_export_time(d):
        d["exported_at"] = "9999-12-31T00:00:00"

    def nan_figure(d):
        d["answers"]["5.3.1"]["figures"] = {"budget_amount": float("nan")}

    return {
        "final without 保密审查": (final_unreviewed, "保密审查"),
        "mandatory task not applicable": (mandatory_not_applicable, "不能标为“不适用”"),
        "report_date 9999-12-31": (far_future, "不在合理范围"),
        "20 MB app_version": (huge_app_version, "程序版本号：超过40个字"),
        "exported_at 9999": (huge_export_time, "不在合理范围"),
        "NaN figure (built in memory)": (nan_figure, "不是数字"),
    }


RULES = _rule_cases()


@pytest.mark.parametrize(("edit", "expect"), RULES.values(), ids=RULES.keys())
def test_payload_rules_refuse_what_would_bypass_or_poison(
    tmp_path, service, good, catalogue, form, directory_bundled, edit, expect
):
    from desktop import payload

    data = good()
    edit(data)
    problems = payload.validate(data, catalogue, form, directory_bundled)
    assert any(expect in p for p in problems), problems
    if "NaN" in str(data):
        return  # json cannot write it as a file (allow_nan=False in our writer)
    bad = tmp_path / "财政-违规.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rejected = import_beside_good(service, tmp_path, good, bad)
    assert any(expect in p for p in rejected.problems)


def test_mandatory_rule_knows_optional_tasks_may_be_declined(
    good, catalogue, form, directory_bundled
):
    from desktop import payload
    from desktop.applicability import tasks_for

    unit = directory_bundled.unit("市财政局")
    optional = next(a.task_id for a in tasks_for(catalogue, directory_bundled, unit) if a.optional)
    data = good()
    data["answers"][optional] = {"applicable": False, "not_applicable_reason": "本单位不涉及"}
    assert payload.validate(data, catalogue, form, directory_bundled) == []


def test_messages_never_carry_a_hostile_value_whole(catalogue, form, good):
    from desktop import payload

    data = good()
    data["x" * 1_000_000] = 1
    data["status"] = "\x1b[31m" + "y" * 1_000_000
    problems = payload.validate(data, catalogue, form)
    assert all(len(p) < 300 and p.isprintable() for p in problems), [len(p) for p in problems]


# -- class 6: bounded reads --------------------------------------------------------------------

dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")


@dev_zero
@pytest.mark.parametrize(
    "args",
    [
        ("catalogue", "import", "/dev/zero"),
        ("check-docx", "/dev/zero"),
        ("answers", "import", "/dev/zero"),
    ],
    ids=["catalogue import", "check-docx", "answers import"],
)
def test_dev_zero_is_refused_not_read_forever(cli, args):
    done = cli(*args, timeout=30, process=True)  # a process: a regression must time out, not hang
    assert done.returncode == 2, done.stderr
    assert "不是普通文件" in done.stderr and "Traceback" not in done.stderr


def test_a_500_mb_json_is_never_read_whole(tmp_path, service, good):
    bad = tmp_path / "财政-巨大.json"
    with open(bad, "wb") as fh:
        fh.truncate(500 * 1024 * 1024)  # sparse: costs no disk
    rejected = import_beside_good(service, tmp_path, good, bad)
    assert "过大" in rejected.reason


def _bomb_docx(path: Path, good_docx: Path, inflated: int) -> Path:
    """*good_docx* with a body part of *inflated* spaces: a few hundred KB on disk."""
    with zipfile.ZipFile(good_docx) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                with dst.open("word/document.xml", "w") as fh:
                    chunk = b" " * (1 << 20)
                    for _ in range(inflated >> 20):
                        fh.write(chunk)
            else:
                dst.writestr(info, src.read(info.filename))
    return path


def test_check_docx_refuses_a_zip_bomb_through_the_same_reader(cli, tmp_path, good):
    docx = samples.write_docx(tmp_path / "好.docx", good())
    bomb = _bomb_docx(tmp_path / "炸弹.docx", docx, 64 * 1024 * 1024)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(UnsafeArchive, match="压缩炸弹"):
        checked_bytes(bomb)
    done = cli("check-docx", str(bomb))
    assert done.returncode == 2 and "压缩炸弹" in done.stderr, done.stderr
    assert cli("check-docx", str(docx)).returncode in (0, 1)  # the good one is checked


def test_zip_member_count_and_duplicate_names_are_refused(tmp_path):
    many = tmp_path / "多.docx"
    with zipfile.ZipFile(many, "w") as z:
        for n in range(2001):
            z.writestr(f"x/{n}", b"")
    with pytest.raises(UnsafeArchive, match="条目"):
        checked_bytes(many)
    dup = tmp_path / "重.docx"
    with pytest.warns(UserWarning), zipfile.ZipFile(dup, "w") as z:
        z.writestr("word/document.xml", b"<a/>")
        z.writestr("word/document.xml", b"<b/>")
    with pytest.raises(UnsafeArchive, match="重复"):
        checked_bytes(dup)


@pytest.mark.parametrize("name", ["settings.json", "units.json"])
def test_deep_settings_or_units_file_never_stops_a_command(cli, data_dir, name):
    data_dir.mkdir(parents=True)
    (data_dir / name).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    done = cli("catalogue", "tasks", "--unit", "市财政局")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    done = cli("answers", "list")
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_the_damaged_units_file_is_kept_aside_with_a_notice(data_dir):
    from desktop import units

    data_dir.mkdir(parents=True)
    (data_dir / "units.json").write_text("[" * 100_000, encoding="utf-8")
    directory = units.load()
    assert directory.unit("市财政局") is not None
    (notice,) = directory.notices
    assert "已损坏" in notice and "没有删除" in notice
    (kept,) = data_dir.glob("units.damaged-*.json")
    assert kept.read_text(encoding="utf-8").startswith("[[[")


def test_safejson_limits_one_by_one():
    ok = safejson.loads('{"a": [1, 2.5, "三", {"b": null}], "c": "\\ud83d\\ude00"}')
    assert ok == {"a": [1, 2.5, "三", {"b": None}], "c": "😀"}
    cases = {
        "[" * 65 + "]" * 65: "嵌套",
        '{"a": 1, "a": 1}': "两次",
        "[NaN]": "NaN",
        "[-Infinity]": "Infinity",
        "[1" + "0" * 40 + "]": "整数",
        '["\\udc00"]': "代理码位",
        '{"\\ud800": 1}': "代理码位",
        "[1,]": "JSON 格式错误",
    }
    for text, expect in cases.items():
        with pytest.raises(safejson.JSONProblem, match=expect):
            safejson.loads(text)
    with pytest.raises(safejson.JSONProblem, match="UTF-8"):
        safejson.loads("{}".encode("utf-16"))
    with pytest.raises(safejson.JSONProblem, match="过大"):
        safejson.loads(b"{}" + b" " * 100, max_bytes=10)


def test_bounded_reader_refuses_folders_and_pipes(tmp_path):
    from desktop.safeio import UnreadableFile, read_bounded

    with pytest.raises(UnreadableFile, match="文件夹"):
        read_bounded(tmp_path, 10)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        with pytest.raises(UnreadableFile, match="不是普通文件"):
            read_bounded(fifo, 10)  # would block forever if it were opened
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 11)
    with pytest.raises(UnreadableFile, match="过大"):
        read_bounded(big, 10)


def test_a_word_template_from_elsewhere_goes_through_the_same_zip_reader(tmp_path, good):
    from desktop.report.docx_writer import TemplateError, default_template, load_template

    bomb = _bomb_docx(tmp_path / "模板炸弹.docx", default_template(), 64 * 1024 * 1024)
    with pytest.raises(TemplateError, match="压缩炸弹"):
        load_template(bomb)
    encrypted = tmp_path / "加密模板.docx"
    encrypted.write_bytes(default_template().read_bytes())
    set_member_header(encrypted, "word/document.xml", flags=0x1)
    with pytest.raises(TemplateError, match="已加密"):
        load_template(encrypted)
    assert load_template(default_template()) is not None


def test_every_figure_is_range_checked_even_after_an_earlier_problem(
    good, catalogue, form, directory_bundled
):
    from desktop import payload

    data = good("中山区")
    # A wrong type in the first figure once switched off the range check of the ones after it.
    data["answers"]["3.2.3"]["figures"] = {"major_incidents": "三起", "pressers_within_24h": -5}
    problems = payload.validate(data, catalogue, form, directory_bundled)
    assert any("“发生特别重大、重大突发事件数”：应为整数" in p for p in problems), problems
    assert any("不能小于0" in p for p in problems), problems
