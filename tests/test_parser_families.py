"""The families of real 要点 that the parser once misread (issue 15 §1), one sample each in
tests/samples (README.md there names the real notice each one is modelled on).

Every assignment of every task is spelled out, as a careful reader reads it.
"""

from __future__ import annotations

import pytest

from desktop.parser.structure import ParseError, parse_file, parse_lines
from desktop.unitforms import category_form
from tests.conftest import SAMPLES
from tests.test_parser_samples import TRADITIONAL, check_sample

L, R, C = "lead", "responsible", "cooperate"

FAMILY_CASES = {
    # Clauses closing a paragraph without brackets; the next, unnumbered paragraph has its own
    # clause and is a task of its own; a unit and two categories in one list; X牵头，Y，Z负责;
    # "以下均需…落实，不再逐一列出" binding every later task; a clause on the line below a
    # paragraph that ends "…认真抓好落实。" (not a clause). GBK with CRLF.
    "songjiang-2019-unbracketed.gbk.txt": {
        "header": {
            "notice_title": "松江市人民政府办公室关于印发2019年松江市政务公开工作要点的通知",
            "title": "2019年松江市政务公开工作要点",
            "issuer": "松江市人民政府办公室",
            "doc_number": "松政办发〔2019〕23号",
            "date": "2019-05-20",
            "report_to": "市政府办公室",
            "deadline": "2019-11-30",
        },
        "sections": [
            ("抓好政府信息公开条例贯彻落实", 2),
            ("深化重点领域信息公开", 3),
            ("加强解读回应", 1),
        ],
        "tasks": {
            "1.1.1": [("市政府办公室", R), ("各县（市）区政府", R), ("市政府各部门", R)],
            "1.1.2": [("各县（市）区政府", R), ("市政府各部门", R)],
            "1.2.1": [("市政府办公室", L), ("市司法局", R), ("各县（市）区政府", R)],
            "2.1.1": [("市财政局", L), ("各县（市）区政府", R)],
            "2.2.1": [("市生态环境局", R), ("各县（市）区政府", R)],
            "2.3.1": [("市扶贫办", R), ("各县（市）区政府", R)],
            "3.1.1": [("市政府各部门", R), ("各县（市）区政府", R)],
        },
        "warnings": [],
    },
    # A web table copied as text, one cell per line under a header whose labels stand one per
    # line (序号 / 工作任务 / 具体措施 / 责任单位 / 完成时限); merged cells dropped (a row
    # without its 工作任务, one without its 具体措施); "…等部门"; a clause in the 责任单位 cell;
    # deadlines (持续推进, 长期坚持) that are never units.
    "yanshan-2021-cells.txt": {
        "header": {
            "notice_title": "雁山区人民政府办公室关于印发2021年雁山区政务公开工作主要任务分解表的通知",
            "title": "2021年雁山区政务公开工作主要任务分解表",
            "issuer": "雁山区人民政府办公室",
            "doc_number": "雁政办〔2021〕17号",
            "date": "2021-07-02",
            "report_to": "区政府办公室",
            "deadline": "2021-12-05",
        },
        "sections": [("围绕“十四五”开局深化公开", 3), ("围绕强基础抓基层深化公开", 2)],
        "tasks": {
            "1.1.1": [("区发改局", R)],
            "1.2.1": [("区发改局", R)],
            "1.3.1": [("区住建局", L), ("区交通局", C), ("区水利局", C)],
            "2.1.1": [("各镇（街道）", R)],
            "2.2.1": [("区行政服务中心", L), ("各镇（街道）", R)],
        },
        "warnings": [],
    },
    # A traditional-character reprint saved as Big5, with characters the old hand-kept table
    # lacked (崗, 紓); keyed clauses whose 责任单位 list goes on after a comma, a deadline
    # without its key (持续推进); categories beyond Dalian's: 各县（市、区）人民政府（管委会）,
    # 各镇（街）, 市直其他单位, 功能区管委会.
    "jiangbei-2022-keyed-traditional.big5.txt": {
        "header": {
            "notice_title": "江北市人民政府办公室关于印发江北市2022年政务公开工作要点的通知",
            "title": "江北市2022年政务公开工作要点",
            "issuer": "江北市人民政府办公室",
            "doc_number": "江政办发〔2022〕9号",
            "date": "2022-04-26",
            "report_to": "市政府办公室",
            "deadline": "2022-11-30",
        },
        "sections": [("助力稳住经济大盘", 2), ("夯实基层公开基础", 2)],
        "tasks": {
            "1.1.1": [
                ("市发展改革委", L),
                ("市财政局", R),
                ("市税务局", R),
                ("各县（市、区）人民政府（管委会）", R),
            ],
            "1.2.1": [("市人力资源社会保障局", L), ("各县（市、区）人民政府（管委会）", R)],
            "2.1.1": [("各镇（街）", R)],
            "2.2.1": [
                ("市政府办公室", L),
                ("市直各部门", R),
                ("市直其他单位", R),
                ("功能区管委会", R),
            ],
        },
        "warnings": [TRADITIONAL],
    },
    # A `|` table whose leading cells carry the section (一、) and item (（一）) headings of the
    # task's row, merged cells left empty on the rows below; the serial number in a cell of its
    # own; bare unit lists under 牵头单位 / 责任单位; a row with no 牵头单位.
    "lingxi-2022-headings.pipes.txt": {
        "header": {
            "notice_title": "灵溪县人民政府办公室关于印发灵溪县2022年政务公开重点工作任务清单的通知",
            "title": "灵溪县2022年政务公开重点工作任务清单",
            "issuer": "灵溪县人民政府办公室",
            "doc_number": "灵政办发〔2022〕21号",
            "date": "2022-06-15",
            "report_to": "县政府办公室",
            "deadline": "2022-12-10",
        },
        "sections": [("助力稳住经济大盘", 2), ("夯实公开工作基础", 2)],
        "tasks": {
            "1.1.1": [("县发展改革局", L), ("县财政局", R), ("县税务局", R)],
            "1.1.2": [("县市场监管局", L)],
            "1.2.1": [("县人社局", L), ("各乡镇人民政府", R)],
            "2.1.1": [("县司法局", L), ("县政府各部门", R)],
            "2.2.1": [("县行政审批局", R), ("各乡镇人民政府", R)],
        },
        "warnings": [],
    },
    # pdftotext of a province's 要点: lines cut at 28 characters; clauses without brackets
    # closing a paragraph, one cut in two (…省公安 / 厅负责落实) and one cut before its last
    # verb (…省政府各部门负责 / 落实); a clause on a line of its own; 各市政府, 省政府各部门,
    # 省政府相关部门; a page number and a form feed between pages.
    "nanling-2020-pdfcopy.txt": {
        "header": {
            "notice_title": "南岭省人民政府办公厅关于印发2020年南岭省政务公开工作要点的通知",
            "title": "2020年南岭省政务公开工作要点",
            "issuer": "南岭省人民政府办公厅",
            "doc_number": "南岭政办发〔2020〕14号",
            "date": "2020-04-30",
            "report_to": "省政府办公厅",
            "deadline": "2020-11-30",
        },
        "sections": [("加强疫情防控信息发布", 2), ("推进政务公开标准化规范化", 2)],
        "tasks": {
            "1.1.1": [("省卫生健康委", L), ("各市政府", R)],
            "1.1.2": [("省委网信办", R), ("省公安厅", R)],
            "1.2.1": [("省发展改革委", L), ("省政府相关部门", C)],
            "2.1.1": [("省政府各部门", R)],
            "2.2.1": [("省政府办公厅", L), ("各市政府", C)],
        },
        "warnings": [(19, "单独的页码或数字“- 1 -”已忽略。")],
    },
    # A province's 要点 whose first section only states the year's aims (一、总体要求, prose
    # and no clause: not a task, the other sections keep their numbers 二、三、); brackets
    # nested in a bracketed clause written 〔〕 (各市〔州〕、县〔市、区〕政府: one category, the
    # two kinds of government sharing 政府); a clause closing a paragraph in 〔〕 itself;
    # 按照职能分别落实.
    "baishan-2020-province-aims.txt": {
        "header": {
            "notice_title": "白山省人民政府办公厅关于印发2020年白山省政务公开工作要点的通知",
            "title": "2020年白山省政务公开工作要点",
            "issuer": "白山省人民政府办公厅",
            "doc_number": "白政办发〔2020〕19号",
            "date": "2020-06-12",
            "report_to": "省政府办公厅",
            "deadline": "2020-11-30",
        },
        "sections": [("主要任务", 3), ("保障措施", 1)],
        "tasks": {
            "2.1.1": [("各市（州）、县（市、区）政府", R), ("省政府各部门", R)],
            "2.2.1": [("省发展改革委", L), ("各市（州）政府", R), ("各开发区管委会", R)],
            "2.3.1": [
                ("省政府办公厅", L),
                ("各市（州）、县（市、区）政府", R),
                ("省政府各部门", R),
            ],
            "3.1.1": [("各市（州）政府", R), ("省政府各部门", R)],
        },
        "warnings": [(9, "“一、总体要求”只写总体要求，没有任务和分工，未作为任务导入。")],
    },
    # A county's 要点: 一、指导思想和工作目标 (aims only, left out), items 1. 2. 3. numbered on
    # through the sections, keyed clauses in brackets, a clause in 〔〕; the county's towns
    # written as a run of their kinds (各乡镇场街: 乡镇、国营农场、街道; 各镇街).
    "xinglong-2020-county-towns.txt": {
        "header": {
            "notice_title": "兴隆县人民政府办公室关于印发兴隆县2020年政务公开工作要点的通知",
            "title": "兴隆县2020年政务公开工作要点",
            "issuer": "兴隆县人民政府办公室",
            "doc_number": "兴政办发〔2020〕31号",
            "date": "2020-09-07",
            "report_to": "县政府办公室",
            "deadline": "2020-12-10",
        },
        "sections": [
            ("完成政府信息公开平台建设，规范用权信息公开", 2),
            ("推进基层政务公开标准化规范化", 2),
        ],
        "tasks": {
            "2.1.1": [("县政府办公室", L), ("各乡镇场街", R), ("县政府各部门", R)],
            "2.2.1": [("县委编办", L), ("县政府各部门", R)],
            "3.1.1": [("县政府办公室", L), ("各镇街", R), ("县政府有关部门", R)],
            "3.2.1": [("各乡镇场街", R)],
        },
        "warnings": [(9, "“一、指导思想和工作目标”只写总体要求，没有任务和分工，未作为任务导入。")],
    },
    # A bureau's task list copied from a web page: every cell on its own line and closed by a
    # line holding only "|"; the header has no 序号 label (a merged header cell), the serial
    # stands after the 工作任务 cell, a 工作任务 merged over two rows is missing in the
    # second; a cell of two lines; X牵头，Y配合 in the 责任科室 cell; no 一、 or （一） at all.
    "qingxi-2022-bars.txt": {
        "header": {
            "notice_title": "青溪市市场监督管理局关于印发2022年政务公开重点任务清单的通知",
            "title": "青溪市市场监督管理局2022年政务公开重点任务清单",
            "issuer": "青溪市市场监督管理局",
            "doc_number": "青市监办〔2022〕8号",
            "date": "2022-05-16",
            "report_to": "局办公室",
            "deadline": "2022-12-05",
        },
        "sections": [("", 4)],
        "tasks": {
            "1.1.1": [("法规科", R)],
            "1.2.1": [("办公室", L), ("各业务科室", C)],
            "1.3.1": [("登记注册科", R), ("信用监管科", R)],
            "1.4.1": [("办公室", R)],
        },
        "warnings": [(16, "文件没有“一、”级标题，全部条目归入同一部分。")],
    },
}


@pytest.mark.parametrize("name", sorted(FAMILY_CASES))
def test_family_sample_parses_as_a_careful_reader_reads_it(name):
    check_sample(name, FAMILY_CASES[name])


def test_a_paragraph_closed_by_its_clause_is_never_joined_to_the_next():
    cat = parse_file(SAMPLES / "songjiang-2019-unbracketed.gbk.txt").catalogue
    first, second = cat.item_of("1.1.1")[1].tasks
    assert first.text.endswith(
        "修订完善配套制度。市政府办公室、各县（市）区政府、市政府各部门负责落实"
    )
    assert second.text.startswith("调整完善政府信息公开指南和目录")
    assert first.clause == "市政府办公室、各县（市）区政府、市政府各部门负责落实"


def test_a_clause_cut_by_a_hard_wrap_is_made_whole():
    cat = parse_file(SAMPLES / "nanling-2020-pdfcopy.txt").catalogue
    assert cat.task("1.1.2").text.endswith("省委网信办、省公安厅负责落实")
    assert cat.task("2.1.1").text.endswith("省政府各部门负责落实")
    assert all("\n" not in t.text for t in cat.tasks())


def test_deadlines_stay_in_the_task_text_never_among_units():
    cat = parse_file(SAMPLES / "yanshan-2021-cells.txt").catalogue
    assert cat.task("1.2.1").text == "及时公开规划实施中期评估情况。\n完成时限：持续推进"
    units = {a.unit for t in cat.tasks() for a in t.assignments}
    assert not units & {"持续推进", "长期坚持", "2021年底前"}


def test_a_section_of_aims_is_left_out_and_the_tasks_keep_the_documents_numbers():
    cat = parse_file(SAMPLES / "baishan-2020-province-aims.txt").catalogue
    assert [s.no for s in cat.sections] == [2, 3]
    assert cat.ref("2.1.1") == "二（一）"
    assert cat.display_name("3.1.1").startswith("三（一） ")
    assert not any("总体要求" in t.text or "以人民为中心" in t.text for t in cat.tasks())


def test_a_section_named_for_aims_that_assigns_someone_is_kept():
    text = (SAMPLES / "baishan-2020-province-aims.txt").read_text(encoding="utf-8")
    lines = text.replace("促服务。", "促服务。（省政府办公厅负责）").splitlines()
    cat = parse_lines(lines).catalogue
    assert [s.no for s in cat.sections] == [1, 2, 3]
    assert [(a.unit, a.role) for a in cat.task("1.1.1").assignments] == [("省政府办公厅", R)]


def test_categories_written_with_nested_brackets_or_as_a_run_are_categories():
    for name, sample in (
        ("baishan-2020-province-aims.txt", "各市（州）、县（市、区）政府"),
        ("xinglong-2020-county-towns.txt", "各乡镇场街"),
    ):
        cat = parse_file(SAMPLES / name).catalogue
        units = {a.unit for t in cat.tasks() for a in t.assignments}
        assert sample in units
        assert not any("〔" in u or "〕" in u for u in units)
        assert category_form(sample) in ("governments", "towns")
    assert category_form("各镇街") == "towns"


def test_a_task_list_with_cells_closed_by_bar_lines_reads_row_by_row():
    cat = parse_file(SAMPLES / "qingxi-2022-bars.txt").catalogue
    titles = [item.title for _, item in cat.items()]
    assert titles[:2] == ["加强行政规范性文件公开", "做好政策解读"]
    assert titles[3] == "规范依申请公开"
    assert cat.task("1.1.1").text == (
        "对本局行政规范性文件进行全面清理，并向社会公布现行有效文件目录。\n时限要求：2022年9月底前"
    )
    units = {a.unit for t in cat.tasks() for a in t.assignments}
    assert not units & {"持续推进", "长期坚持", "2022年9月底前", "|"}


@pytest.mark.parametrize("blank_lines", [False, True])
def test_bar_closed_cells_with_units_last_and_blank_lines_between(blank_lines):
    # The same layout as 池州's page, the table ending in its units column (no deadline);
    # some copies leave a blank line between every two lines.
    cells = ["工作任务", "具体要求", "责任单位", "加强公开", "1", "做好某项工作。", "区财政局"]
    cells += ["2", "做好另一项工作。", "区政府办公室牵头，区政府各部门配合"]
    raw = [line for cell in cells for line in (cell, "|")]
    if blank_lines:
        raw = [line for pair in zip(raw, [""] * len(raw), strict=True) for line in pair]
    cat = parse_lines(raw).catalogue
    assert [(i.title, [t.text for t in i.tasks]) for _, i in cat.items()] == [
        ("加强公开", ["做好某项工作。"]),
        ("做好另一项工作", ["做好另一项工作。"]),
    ]
    got = {t.id: [(a.unit, a.role) for a in t.assignments] for t in cat.tasks()}
    assert got == {
        "1.1.1": [("区财政局", R)],
        "1.2.1": [("区政府办公室", L), ("区政府各部门", C)],
    }


def test_a_numbered_list_that_assigns_no_one_is_no_yaodian():
    minutes = ["会议纪要", "1.会议听取了各科室上半年工作汇报。", "2.会议研究了下一步工作安排。"]
    with pytest.raises(ParseError, match="不像是一份工作要点"):
        parse_lines(minutes)
    tasks = [*minutes[:2], "办公室负责落实", minutes[2], "各科室负责落实"]
    assert len(list(parse_lines(tasks).catalogue.tasks())) == 2
