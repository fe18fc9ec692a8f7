"""The publication file: written by the office, read on a unit's PC as a hostile file."""

from __future__ import annotations

import json

import pytest

from desktop.yearly import publication as pub_mod
from desktop.yearly.publication import PublicationError
from tests.yearly.helpers import draft_2017


def _publication(revision: int = 1):
    draft = draft_2017()
    return pub_mod.make(draft.catalogue, draft.figures_document(), revision)


def _doc() -> dict:
    return json.loads(_publication().dumps())


def test_round_trip_keeps_catalogue_figures_and_revision(tmp_path):
    pub = _publication(3)
    path = pub_mod.write(pub, tmp_path / pub.file_name())
    assert path.name == "2017年政务公开工作要点（第3版）.json"
    back = pub_mod.read(path)
    assert back.catalogue.dumps() == pub.catalogue.dumps()
    assert back.figures == pub.figures and back.revision == 3
    assert back.publisher == "大连市人民政府办公厅"
    assert back.label() == "《2017年政务公开工作要点》（大政办发〔2017〕76号）第3版"


def _refused(tmp_path, data: bytes | dict, name: str = "要点.json") -> str:
    path = tmp_path / name
    path.write_bytes(
        data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    )
    with pytest.raises(PublicationError) as info:
        pub_mod.read(path)
    return str(info.value)


def test_files_that_are_not_publications_are_refused_with_a_reason(tmp_path):
    assert "GBK" not in _refused(tmp_path, "要点".encode("gbk"))
    assert "UTF-8" in _refused(tmp_path, "要点".encode("gbk"))
    assert "第1行" in _refused(tmp_path, b'{"format": ')
    assert "嵌套" in _refused(tmp_path, b"[" * 100_000 + b"]" * 100_000)
    assert "嵌套" in _refused(
        tmp_path, {"format": "zwgk-yaodian", "x": [[[[[[[[[[[[[1]]]]]]]]]]]]]}
    )
    assert "交换文件" in _refused(tmp_path, {"format": "zwgk-report", "version": 1})
    assert ".docx 或 .txt" in _refused(tmp_path, {"hello": 1})
    newer = {**_doc(), "version": 2}
    assert "升级" in _refused(tmp_path, newer)
    assert "版次" in _refused(tmp_path, {**_doc(), "revision": 0})


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "大.json"
    with path.open("wb") as fh:
        fh.truncate(pub_mod.MAX_BYTES + 1)
    with pytest.raises(PublicationError, match="过大"):
        pub_mod.read(path)
    with pytest.raises(PublicationError, match="文件夹"):
        pub_mod.read(tmp_path)


def test_a_key_given_twice_is_refused(tmp_path):
    text = pub_mod.make(draft_2017().catalogue, {"version": 1, "catalogue": "x", "tasks": {}}, 1)
    doc = text.dumps().replace('"revision": 1,', '"revision": 1, "revision": 9,', 1)
    assert "两次" in _refused(tmp_path, doc.encode())


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: c.update(id="../../evil"), "要点编号无效"),
        (lambda c: c.update(id="a" * 80), "要点编号无效"),
        (lambda c: c.update(id="dalian.2017"), "要点编号无效"),
        (lambda c: c.update(id="CON"), "要点编号无效"),
        (lambda c: c["sections"][0]["items"][0]["tasks"][0].update(text="文字\x07"), "文字无效"),
        (lambda c: c["sections"][0]["items"][0]["tasks"][0].update(id="1.1"), "任务编号无效"),
        (lambda c: c["sections"][0]["items"][0]["tasks"][0].update(text="字" * 20_001), "过长"),
        (
            lambda c: c["sections"][0]["items"][0]["tasks"][0].update(
                assignments=[{"unit": "单位", "role": "boss"}]
            ),
            "lead/responsible/cooperate",
        ),
        (
            lambda c: c["sections"][0]["items"][0].update(
                tasks=[{"id": "1.1.1", "text": "文字", "assignments": []}] * 1001
            ),
            "过多",
        ),
        (lambda c: c.update(sections=[]), "没有任何部分"),
    ],
)
def test_a_bad_catalogue_inside_is_refused(tmp_path, change, reason):
    doc = _doc()
    change(doc["catalogue"])
    assert reason in _refused(tmp_path, doc)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda f: f["tasks"].update({"9.9.9": [{"key": "a", "label": "x", "type": "integer"}]}),
            "9.9.9",
        ),
        (lambda f: f["tasks"]["3.1.2"][0].update(key="status"), "通用字段重名"),
        (lambda f: f["tasks"]["3.1.2"][0].update(type="money"), "不是允许的值"),
        (lambda f: f.update(catalogue="other"), "不是“dalian-2017”"),
        (
            lambda f: f["tasks"].update(
                {"3.1.1": [{"key": "a", "label": "x", "type": "text"}] * 31}
            ),
            "多于30",
        ),
    ],
)
def test_bad_figures_inside_are_refused(tmp_path, change, reason):
    doc = _doc()
    change(doc["figures"])
    assert reason in _refused(tmp_path, doc)
