"""The built-in 2016 catalogue: structure, every clause, and that it is the parser's output."""

from __future__ import annotations

import json

from desktop import catalogue as cat
from desktop.catalogue import load_builtin, short_name
from desktop.parser.structure import parse_file
from tests.conftest import ROOT

L, R, C = "lead", "responsible", "cooperate"
ROLE = {"L": L, "R": R, "C": C}

# What a careful reader of 大政办发〔2016〕125号 gets from each responsibility clause.
EXPECTED_CLAUSES = {
    "1.1.1": [("各区市县政府和先导区管委会", "R"), ("市政府各部门", "R")],
    "1.2.1": [("各区市县政府和先导区管委会", "R"), ("市政府各部门", "R")],
    "1.2.2": [("市审计局", "L")],
    "1.3.1": [
        ("市编委办", "L"),
        ("市人社局", "L"),
        ("各区市县政府和先导区管委会", "C"),
        ("市政府各部门", "C"),
    ],
    "1.4.1": [("各区市县政府和先导区管委会", "R"), ("市政府相关部门", "R")],
    "1.5.1": [("市政府相关部门", "R")],
    "1.5.2": [("市工商局", "L")],
    "1.5.3": [("市发展改革委", "L"), ("各区市县政府和先导区管委会", "C"), ("市政府各部门", "C")],
    "1.6.1": [("市财政局", "L"), ("各区市县政府和先导区管委会", "C"), ("市政府各部门", "C")],
    "1.7.1": [("各区市县政府和先导区管委会", "R"), ("市政府各相关部门", "R")],
    "1.7.2": [("市发展改革委", "R"), ("市建委", "R"), ("各区市县政府和先导区管委会", "R")],
    "1.8.1": [("市国资委", "L"), ("市财政局", "L")],
    "1.9.1": [("市发展改革委", "L"), ("市公共行政服务中心", "L")],
    "1.10.1": [("市环保局", "L"), ("市水务局", "R"), ("市卫生计生委", "R")],
    "2.1.1": [("市公共行政服务中心", "L")],
    "2.2.1": [("市政府办公厅", "L"), ("市政府各相关部门", "R")],
    "2.3.1": [("市公安局", "L"), ("有关部门", "C")],
    "2.4.1": [("市财政局", "L"), ("市地税局", "L"), ("市国税局", "L")],
    "2.4.2": [("市财政局", "L"), ("市物价局", "L")],
    "2.5.1": [("市农委", "L")],
    "2.6.1": [("市民政局", "L")],
    "2.7.1": [("市人社局", "L")],
    "2.8.1": [("市国土房屋局", "L"), ("市公积金管理中心", "L")],
    "2.9.1": [("市教育局", "L"), ("市属各高校", "L")],
    "2.9.2": [("市卫生计生委", "L")],
    "2.9.3": [("市食品药品监管局", "L")],
    "3.1.1": [("各区市县政府和先导区管委会", "L"), ("市政府各部门", "L")],
    "3.1.2": [
        ("市政府新闻办公室", "R"),
        ("各区市县政府和先导区管委会", "R"),
        ("市政府相关部门", "R"),
    ],
    "3.1.3": [("各区市县政府和先导区管委会", "R"), ("市政府相关部门", "R")],
    "3.1.4": [
        ("市政府新闻办公室", "R"),
        ("各区市县政府和先导区管委会", "R"),
        ("市政府相关部门", "R"),
    ],
    "3.2.1": [
        ("市委办公厅", "R"),
        ("市政府办公厅", "R"),
        ("各区市县政府和先导区管委会", "R"),
        ("市政府相关部门", "R"),
    ],
    "3.2.2": [("各区市县政府和先导区管委会", "R"), ("市政府各部门", "R")],
    "3.2.3": [
        ("市政府新闻办公室", "R"),
        ("各区市县政府和先导区管委会", "R"),
        ("市政府相关部门", "R"),
    ],
    "3.3.1": [
        ("市政府新闻办公室", "R"),
        ("各区市县政府和先导区管委会", "R"),
        ("市政府相关部门", "R"),
    ],
    "4.1.1": [("市政府办公厅", "L"), ("市政府法制办", "L")],
    "4.2.1": [("市政府办公厅", "R"), ("各区市县政府和先导区管委会", "R"), ("市政府各部门", "R")],
    "4.3.1": [("市政府办公厅", "L"), ("各区市县政府和先导区管委会", "C"), ("市政府各部门", "C")],
}

NAMED_UNITS = [
    "市审计局",
    "市编委办",
    "市人社局",
    "市工商局",
    "市发展改革委",
    "市财政局",
    "市建委",
    "市国资委",
    "市公共行政服务中心",
    "市环保局",
    "市水务局",
    "市卫生计生委",
    "市政府办公厅",
    "市公安局",
    "市地税局",
    "市国税局",
    "市物价局",
    "市农委",
    "市民政局",
    "市国土房屋局",
    "市公积金管理中心",
    "市教育局",
    "市属各高校",
    "市食品药品监管局",
    "市政府新闻办公室",
    "市委办公厅",
    "市政府法制办",
]


def test_structure_counts(cli):
    done = cli("catalogue", "show", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {
        "id",
        "title",
        "issuer",
        "doc_number",
        "date",
        "report_to",
        "deadline",
        "sections",
    }
    assert data["title"] == "2016年政务公开工作要点"
    assert data["issuer"] == "大连市人民政府办公厅"
    assert data["doc_number"] == "大政办发〔2016〕125号"
    assert data["date"] == "2016-08-25"
    assert data["report_to"] == "市政府办公厅"
    assert data["deadline"] == "2016-11-30"
    sections = data["sections"]
    assert [s["no"] for s in sections] == [1, 2, 3, 4, 5]
    assert [len(s["items"]) for s in sections] == [10, 9, 3, 3, 3]
    tasks = [t for s in sections for i in s["items"] for t in i["tasks"]]
    assert len(tasks) == 40
    assert sum(1 for t in tasks if t.get("clause")) == 37
    for t in tasks:
        for a in t["assignments"]:
            assert set(a) == {"unit", "role"}
            assert a["role"] in ("lead", "responsible", "cooperate")


def test_every_clause_as_a_careful_reader_reads_it(catalogue):
    got = {t.id: [(a.unit, a.role) for a in t.assignments] for t in catalogue.tasks() if t.clause}
    expected = {k: [(u, ROLE[r]) for u, r in v] for k, v in EXPECTED_CLAUSES.items()}
    assert got == expected


def test_task_ids_follow_section_item_paragraph(catalogue):
    assert catalogue.task("1.5.3").text.startswith("积极做好各级政府网站与“信用大连”网站的连接工作")
    assert catalogue.task("5.2.1").text.startswith("加强考核监督。")
    assert catalogue.item_of("2.9.3")[1].title == "推进教育、卫生和食品药品安全信息公开"
    assert [t.id for t in catalogue.item_of("3.1.1")[1].tasks] == [
        "3.1.1",
        "3.1.2",
        "3.1.3",
        "3.1.4",
    ]


def test_safeguard_items_bind_everyone(catalogue):
    for tid in ("5.1.1", "5.2.1", "5.3.1"):
        task = catalogue.task(tid)
        assert task.clause is None
        assert [(a.unit, a.role) for a in task.assignments] == [("各地区、各部门", "responsible")]


def test_text_is_in_official_full_width_form(catalogue):
    text = catalogue.task("1.1.1").text
    assert "（各区市县政府和先导区管委会、市政府各部门负责落实）" in text
    assert "," not in text and "(" not in text
    assert "（PPP）" in catalogue.task("1.7.2").text
    assert "全国企业信用信息公示系统（辽宁）" in catalogue.task("1.5.2").text


def test_shipped_file_is_the_parser_output():
    shipped = json.loads(cat.builtin_path().read_text(encoding="utf-8"))
    parsed = parse_file(ROOT / "forms" / "sources" / "dalian-2016-yaodian.txt", "dalian-2016")
    assert parsed.catalogue.to_json() == shipped


def test_parser_reports_web_page_leftovers_with_line_numbers():
    parsed = parse_file(ROOT / "forms" / "sources" / "dalian-2016-yaodian.txt", "dalian-2016")
    messages = [str(w) for w in parsed.warnings]
    assert any(m.startswith("第67行") and "来源" in m for m in messages)
    assert all("第" in m for m in messages)


def test_all_named_units_resolve_in_directory(catalogue, directory_bundled):
    names = {a.unit for t in catalogue.tasks() for a in t.assignments}
    for name in NAMED_UNITS:
        assert name in names
        assert directory_bundled.knows(name), name
    assert all(directory_bundled.knows(n) for n in names)


def test_tasks_are_cited_by_the_yaodian_numbering_not_internal_ids():
    c = load_builtin()
    assert c.ref("1.1.1") == "一（一）"
    assert c.ref("1.2.1") == "一（二）之一"
    assert c.ref("1.2.2") == "一（二）之二"
    assert c.ref("5.2.1") == "五（二）"
    name = c.display_name("1.2.2")
    assert name.startswith("一（二）之二 ") and "1.2" not in name
    for task in c.tasks():
        assert "." not in c.ref(task.id)
        assert "（" not in short_name(task)[-1:] and "落实" not in short_name(task)[-4:]
