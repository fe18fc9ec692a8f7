"""The parser on 要点 it was not written for: ten text samples in tests/samples (see README.md
there for the real document each one is modelled on).

Each expectation is what a careful reader takes from the sample: the header fields, the
sections with their item counts, every task's assignments (unit, role), and the warnings (line
number, message) for what the parser cannot place.
"""

from __future__ import annotations

import re

import pytest

from desktop.parser.structure import parse_file
from tests.conftest import SAMPLES

L, R, C = "lead", "responsible", "cooperate"
EVERYONE = [("各地区、各部门", R)]
NO_DOC_NUMBER = (0, "未找到发文字号（如“大政办发〔2016〕125号”）。")
NO_DATE = (0, "未找到成文日期。")
NO_DEADLINE = (0, "未找到报送期限（如“11月30日前…报送”），请在导入后核对。")
NO_REPORT_TO = (0, "未找到报告报送机关（如“向市政府办公厅报送”），请在导入后核对。")
TRADITIONAL = (0, re.compile(r"文件含繁体字（\d+处），已按简体识别。"))


# Warnings cite a task by the 要点's own numbering (一（二）之二), never by its id.
def _no_clause(line: int, task: str, clause: str, where: str = "其前") -> tuple[int, str]:
    return line, f"任务{task}没有单独的责任分工，按同一条目中{where}的分工（{clause}）处理。"


def _nobody(line: int, task: str) -> tuple[int, str]:
    return line, f"任务{task}没有找到责任分工，按“各地区、各部门”均需落实处理，请核对。"


SAMPLE_CASES = {
    # 省级, 国办2017/北京2018 shape: (省财政厅牵头) without 落实; several clauses inside one
    # paragraph; X会同Y落实; X牵头,Y参与; 文号 with []; deadline with its year.
    "liaodong-2017-province.txt": {
        "header": {
            "notice_title": "辽东省人民政府办公厅关于印发2017年辽东省政务公开工作要点的通知",
            "title": "2017年辽东省政务公开工作要点",
            "issuer": "辽东省人民政府办公厅",
            "doc_number": "辽东政办发〔2017〕18号",
            "date": "2017-04-20",
            "report_to": "省政府办公厅",
            "deadline": "2017-12-10",
        },
        "sections": [
            ("以政务公开助力稳增长", 2),
            ("以政务公开助力促改革", 2),
            ("以政务公开助力惠民生", 1),
            ("加强政务公开能力建设", 1),
        ],
        "tasks": {
            "1.1.1": [("省发展改革委", R), ("省财政厅", R), ("省人力资源社会保障厅", R)],
            "1.1.2": [("省财政厅", L)],
            "1.2.1": [("省财政厅", L), ("省物价局", L), ("各市政府", C)],
            "2.1.1": [("省编委办", L)],
            "2.1.2": [("省政务服务中心", R)],
            "2.2.1": [("省国资委", L), ("省财政厅", C)],
            "3.1.1": [("省扶贫办", L), ("各市政府", R)],
            "3.1.2": [("省扶贫办", L), ("各市政府", R)],
            "4.1.1": [("省政府办公厅", L)],
        },
        "warnings": [_no_clause(20, "三（一）之二", "省扶贫办牵头，各市政府负责落实")],
    },
    # 县级, 定陶2017 shape, GBK with CRLF: notice title wrapped over two lines under the issuer;
    # 文号 with (); 二〇一八年 date; （一）标题。 with 1. sub-items; (牵头单位:…;责任单位:…) with
    # unit names holding brackets; a keyed list going on after a comma; 完成时限 in a clause.
    "pingchuan-2018-county.gbk.txt": {
        "header": {
            "notice_title": "平川县人民政府办公室关于印发2018年平川县政务公开工作要点的通知",
            "title": "2018年平川县政务公开工作要点",
            "issuer": "平川县人民政府办公室",
            "doc_number": "平政办发〔2018〕5号",
            "date": "2018-05-08",
            "report_to": "县政务公开办",
            "deadline": "2018-11-30",
        },
        "sections": [("推进重点领域信息公开", 2), ("加强平台建设", 1), ("强化保障", 2)],
        "tasks": {
            "1.1.1": [("县政府办公室", L), ("各乡镇人民政府", R), ("县直各有关部门（单位）", R)],
            "1.1.2": [("县直各有关部门（单位）", R)],
            "1.2.1": [("县财政局", L), ("各乡镇人民政府", C), ("县直各部门", C)],
            "2.1.1": [("县政府办公室", L), ("县委宣传部", L)],
            "3.1.1": EVERYONE,
            "3.2.1": EVERYONE,
        },
        "warnings": [],
    },
    # 北京 2016-2020 分工 shape, UTF-8 with BOM: 1. items straight under 一、, numbered on through
    # the document; 牵头单位:/责任单位:/完成时限: on lines of their own (half- and full-width
    # colons); bare clause lines (市审计局牵头落实); 市政府办公室（市政务公开办）.
    "binhai-2019-tasks.utf8bom.txt": {
        "header": {
            "notice_title": "滨海市人民政府办公室关于印发滨海市2019年政务公开重点任务分工的通知",
            "title": "滨海市2019年政务公开重点任务分工",
            "issuer": "滨海市人民政府办公室",
            "doc_number": "滨政办发〔2019〕31号",
            "date": "2019-06-03",
            "report_to": "市政府办公室（市政务公开办）",
            "deadline": "2019-12-15",
        },
        "sections": [
            ("加强政策解读和回应关切", 2),
            ("深化重点领域信息公开", 2),
            ("完善制度和平台", 2),
        ],
        "tasks": {
            "1.1.1": [
                ("市政府办公室（市政务公开办）", L),
                ("各县（市）区政府", R),
                ("市政府各部门", R),
            ],
            "1.2.1": [("市委网信办", L), ("市政府办公室（市政务公开办）", L)],
            "2.1.1": [("市审计局", L)],
            "2.2.1": [("市教育局", R), ("各县（市、区）教育局", C)],
            "3.1.1": [("市政府办公室（市政务公开办）", R), ("各县（市）区政府", C)],
            "3.2.1": EVERYONE,
        },
        "warnings": [_nobody(25, "三（二）")],
    },
    # 国办 2016 reprinted in traditional characters, Big5-encoded: (…負責) / (…牽頭) clauses,
    # two clauses in one paragraph, 各省（區、市）人民政府, no closing paragraph.
    "guoban-2016-traditional.big5.txt": {
        "header": {
            "notice_title": "国务院办公厅关于印发2016年政务公开工作要点的通知",
            "title": "2016年政务公开工作要点",
            "issuer": "国务院办公厅",
            "doc_number": "国办发〔2016〕19号",
            "date": "2016-04-02",
            "report_to": "",
            "deadline": "",
        },
        "sections": [
            ("围绕深化改革推进公开", 2),
            ("围绕经济发展推进公开", 2),
            ("围绕增强公开实效加强能力建设", 1),
        ],
        "tasks": {
            "1.1.1": [("国务院审改办", R), ("人力资源社会保障部", R), ("国务院法制办", R)],
            "1.2.1": [("审计署", R)],
            "1.2.2": [("国务院办公厅", L), ("各省（区、市）人民政府", R)],
            "2.1.1": [("财政部", L)],
            "2.2.1": [("国务院国资委", R)],
            "3.1.1": EVERYONE,
        },
        "warnings": [TRADITIONAL, NO_DEADLINE, NO_REPORT_TO],
    },
    # A PDF copy (pdftotext of a 先导区 notice), GB18030: hard-wrapped at 26 characters, a clause
    # cut in two, spaces inside numbers and dates (2018 年 3 月 26 日, 12 号), half-width
    # punctuation throughout, a page number between pages.
    "jinzhouwan-2018-pdfcopy.gb18030.txt": {
        "header": {
            "notice_title": "金州湾新区管理委员会办公室关于印发2018年政务公开工作要点的通知",
            "title": "金州湾新区2018年政务公开工作要点",
            "issuer": "金州湾新区管理委员会办公室",
            "doc_number": "金新管办发〔2018〕12号",
            "date": "2018-03-26",
            "report_to": "管委会办公室",
            "deadline": "2018-11-20",
        },
        "sections": [("推进重点领域信息公开", 2), ("加强解读回应", 2)],
        "tasks": {
            "1.1.1": [("财政局", L), ("各部门", C)],
            "1.2.1": [("发展改革局", L), ("建设局", L)],
            "2.1.1": [("各部门", R)],
            "2.2.1": [("党政办公室", L), ("各街道办事处", R), ("各部门", R)],
        },
        "warnings": [(21, "单独的页码或数字“— 2 —”已忽略。")],
    },
    # 集美2021/江门 web-page table: "工作任务 | 工作要求 | 牵头单位 | 责任单位 |" rows, merged
    # cells left empty, bare unit names under the role columns, one clause written in its cell;
    # the deadline stands in the notice above the table.
    "dongshan-2020-table.pipes.txt": {
        "header": {
            "notice_title": "东山区人民政府办公室关于印发2020年东山区政务公开工作主要任务分解表的通知",
            "title": "2020年东山区政务公开工作主要任务分解表",
            "issuer": "东山区人民政府办公室",
            "doc_number": "东政办〔2020〕9号",
            "date": "2020-06-30",
            "report_to": "区政府办公室",
            "deadline": "2020-12-10",
        },
        "sections": [("加强重点领域信息公开", 2), ("加强平台建设", 1)],
        "tasks": {
            "1.1.1": [("区卫生健康局", L), ("各街道办事处", R)],
            "1.1.2": [("区财政局", L), ("区民政局", L)],
            "1.2.1": [("区发展改革局", L), ("区直有关部门", R)],
            "2.1.1": [("区政府办公室", L), ("各部门", C)],
        },
        "warnings": [],
    },
    # A task table copied from Word into Notepad (tab-separated, GBK): 序号 | 工作任务 | 牵头单位 |
    # 配合单位 | 完成时限, section rows as plain lines, numbering on through the sections, one
    # row with no 牵头单位; no notice at all.
    "haicheng-2017-table.tabs.gbk.txt": {
        "header": {
            "notice_title": "",
            "title": "海城市2017年政务公开工作要点任务分工",
            "issuer": "",
            "doc_number": "",
            "date": "",
            "report_to": "",
            "deadline": "",
        },
        "sections": [("以政务公开助力稳增长", 2), ("以政务公开助力惠民生", 2)],
        "tasks": {
            "1.1.1": [("市财政局", L)],
            "1.2.1": [("市统计局", L), ("市发展改革委", C), ("市工信局", C)],
            "2.1.1": [("市民政局", L), ("各县（市）区政府", C)],
            "2.2.1": [("各县（市）区政府", C)],
        },
        "warnings": [NO_DOC_NUMBER, NO_DATE, NO_DEADLINE, NO_REPORT_TO],
    },
    # A county 要点 with （一） items and no 一、 sections; an unreadable part of a clause; an
    # item without a clause; the deadline in Chinese numerals (十一月底前).
    "beiling-2020-no-sections.txt": {
        "header": {
            "notice_title": "",
            "title": "2020年北岭县政务公开工作要点",
            "issuer": "",
            "doc_number": "",
            "date": "",
            "report_to": "县政府办公室",
            "deadline": "2020-11-30",
        },
        "sections": [("", 4)],
        "tasks": {
            "1.1.1": [("县司法局", L), ("各乡镇人民政府", C), ("县直各部门", C)],
            "1.2.1": [("县行政审批局", R), ("县市场监管局", R)],
            "1.3.1": EVERYONE,
            "1.4.1": [("县政府办公室", L)],
        },
        "warnings": [
            NO_DOC_NUMBER,
            NO_DATE,
            (2, "文件没有“一、”级标题，全部条目归入同一部分。"),
            (3, "无法识别的分工表述“视情况另行安排”，该部分未计入责任分工。"),
            _nobody(4, "一（三）"),
        ],
    },
    # 邹城2019 shape: a notice with numbered paragraphs of its own (一、加强组织领导…, holding the
    # deadline) above the attached 任务分解表, tab-separated; 责任单位 cells with bare names and
    # one with a clause written in it.
    "qinghe-2019-notice-and-table.txt": {
        "header": {
            "notice_title": "清河市人民政府办公室关于印发清河市2019年政务公开工作任务分解表的通知",
            "title": "清河市2019年政务公开工作任务分解表",
            "issuer": "清河市人民政府办公室",
            "doc_number": "清政办字〔2019〕33号",
            "date": "2019-04-28",
            "report_to": "市政府办公室",
            "deadline": "2019-12-20",
        },
        "sections": [("加强政策解读", 2), ("深化重点领域信息公开", 1)],
        "tasks": {
            "1.1.1": [("市政府新闻办", R), ("市政府各部门", R)],
            "1.2.1": [("市委网信办", R)],
            "2.1.1": [("市财政局", L), ("各部门", R)],
        },
        "warnings": [],
    },
    # A web reprint in traditional characters with pinyin inserted after characters
    # (公開(kāi)工作(zuò), as on cptp.org.cn), half-width brackets, 二○一八年 date, "二." heading.
    "huaxi-2018-reprint-pinyin.txt": {
        "header": {
            "notice_title": "华西市人民政府办公厅关于印发2018年政务公开工作要点的通知",
            "title": "2018年华西市政务公开工作要点",
            "issuer": "华西市人民政府办公厅",
            "doc_number": "华西政办发〔2018〕6号",
            "date": "2018-03-01",
            "report_to": "市政府办公厅",
            "deadline": "2018-11-30",
        },
        "sections": [("推进决策公开", 1), ("加强解读回应", 1)],
        "tasks": {
            "1.1.1": [("市政府办公厅", L), ("各区县政府", C)],
            "2.1.1": [("市政府各部门", R)],
        },
        "warnings": [TRADITIONAL, (1, "去掉了网页转载加入的拼音注音8处。")],
    },
}


def _matches(got: tuple[int, str], want: tuple[int, object]) -> bool:
    line, message = want
    if isinstance(message, re.Pattern):
        return got[0] == line and message.fullmatch(got[1]) is not None
    return got == want


@pytest.mark.parametrize("name", sorted(SAMPLE_CASES))
def test_sample_parses_as_a_careful_reader_reads_it(name):
    check_sample(name, SAMPLE_CASES[name])


def check_sample(name: str, case: dict) -> None:
    """Header fields, sections with their item counts, every task's assignments in order, and
    every warning (line, message) exactly."""
    result = parse_file(SAMPLES / name)
    cat = result.catalogue
    got_header = {k: getattr(cat, k) for k in case["header"]}
    assert got_header == case["header"]
    assert [(s.title, len(s.items)) for s in cat.sections] == case["sections"]
    tasks = {t.id: [(a.unit, a.role) for a in t.assignments] for t in cat.tasks()}
    assert list(tasks) == list(case["tasks"]), "task ids and their order"
    assert tasks == case["tasks"]
    got = [(w.line, w.message) for w in result.warnings]
    want = case["warnings"]
    assert len(got) == len(want), got
    assert all(_matches(g, w) for g, w in zip(got, want, strict=True)), got


def test_every_sample_is_covered():
    from tests.test_parser_families import FAMILY_CASES
    from tests.test_parser_web_copies import WEB_CASES

    names = {p.name for p in SAMPLES.glob("*.txt")} - {"dalian-2016-pdftotext.txt"}
    # the pdftotext copy: tests/test_parser_pdfcopy.py
    assert names == set(SAMPLE_CASES) | set(FAMILY_CASES) | set(WEB_CASES)
    assert len(names) >= 8


def test_pdf_copy_paragraphs_are_rejoined_in_full_width_form():
    cat = parse_file(SAMPLES / "jinzhouwan-2018-pdfcopy.gb18030.txt").catalogue
    assert cat.task("1.1.1").text == (
        "推进财政预决算公开。各部门要在部门预算批复后20日内公开部门预算，公开内容细化到经济"
        "分类款级科目，并对“三公”经费增减变化作出说明。（财政局牵头落实，各部门配合落实）"
    )
    assert "48小时内" in cat.task("2.2.1").text
    assert all("\n" not in t.text and " " not in t.text for t in cat.tasks())


def test_inline_clauses_split_a_paragraph_into_tasks():
    cat = parse_file(SAMPLES / "liaodong-2017-province.txt").catalogue
    first, second = cat.item_of("1.1.1")[1].tasks
    assert first.text.startswith("加强预期引导。围绕积极的财政政策")
    assert first.text.endswith("（省发展改革委、省财政厅、省人力资源社会保障厅负责）")
    assert second.text == "按月公开全省财政收支情况，解读收支增减变化原因。（省财政厅牵头）"
    assert second.clause == "省财政厅牵头"


def test_task_tables_keep_deadlines_with_their_task():
    cat = parse_file(SAMPLES / "haicheng-2017-table.tabs.gbk.txt").catalogue
    assert (
        cat.task("1.1.1").text == "按月公开全市财政收支情况，解读收支增减变化原因。\n完成时限：每月"
    )
    assert cat.task("2.2.1").clause == "配合单位：各县（市）区政府"
    assert cat.item_of("1.2.1")[1].title == "定期发布全市经济运行主要指标数据"


def test_sub_item_numbers_are_in_the_id_not_the_text():
    cat = parse_file(SAMPLES / "pingchuan-2018-county.gbk.txt").catalogue
    assert cat.task("1.1.2").text.startswith("县直部门主要负责同志年内解读重要政策不少于1次。")
    assert cat.item_of("1.1.1")[1].title == "加强政策解读"


def test_traditional_reprints_come_out_simplified():
    cat = parse_file(SAMPLES / "guoban-2016-traditional.big5.txt").catalogue
    text = "\n".join(t.text for t in cat.tasks())
    assert "权力清单和责任清单" in text
    assert not re.search("[國務辦開點責負廳]", text)
    pinyin = parse_file(SAMPLES / "huaxi-2018-reprint-pinyin.txt").catalogue
    assert pinyin.task("1.1.1").text.startswith("实行重大决策预公开。")
    assert not re.search(r"[a-zāáǎà]", "".join(t.text for t in pinyin.tasks()))


def test_the_2016_source_reprinted_in_traditional_characters_as_big5(tmp_path):
    """The whole source written in Taiwan's traditional standard (OpenCC s2tw, the other
    direction from the parser's t2s) and saved as Big5, which has no no-break space: the same
    catalogue, text included, plus one warning."""
    import opencc

    from tests.conftest import ROOT

    source = ROOT / "forms" / "sources" / "dalian-2016-yaodian.txt"
    text = opencc.OpenCC("s2tw").convert(source.read_text(encoding="utf-8"))
    assert "牽頭落實" in text and "辦公廳" in text and "羣" not in text
    reprint = tmp_path / "大連2016要點.txt"
    reprint.write_bytes(text.replace("\xa0", " ").encode("cp950"))
    want = parse_file(source, "dalian-2016")
    got = parse_file(reprint, "dalian-2016")
    assert got.catalogue.dumps().replace("著", "着") == want.catalogue.dumps()
    messages = [w.message for w in got.warnings]
    assert re.fullmatch(r"文件含繁体字（\d+处），已按简体识别。", messages[0])
    assert messages[1:] == [w.message for w in want.warnings]
