"""The pieces under the parser: the clause grammar, where a clause may stand inside a
paragraph, table rows, numbering markers and the choice of a text encoding."""

from __future__ import annotations

import pytest

from desktop.parser.clauses import is_deadline, parse_clause, split_top
from desktop.parser.lines import prepare
from desktop.parser.markers import marker
from desktop.parser.placement import split_inline_clauses, split_trailing_bare
from desktop.parser.source import read_bytes

L, R, C = "lead", "responsible", "cooperate"

CLAUSES = {
    "市审计局牵头落实": [("市审计局", L)],
    "省财政厅牵头": [("省财政厅", L)],
    "市编委办、市人社局分别牵头落实": [("市编委办", L), ("市人社局", L)],
    "市国资委、市财政局按职责分工分别牵头落实": [("市国资委", L), ("市财政局", L)],
    "各区市县政府和先导区管委会、市政府各部门负责落实": [
        ("各区市县政府和先导区管委会", R),
        ("市政府各部门", R),
    ],
    "市发展改革委、市建委分别落实": [("市发展改革委", R), ("市建委", R)],
    "市环保局牵头落实,市水务局、市卫生计生委分别落实": [
        ("市环保局", L),
        ("市水务局", R),
        ("市卫生计生委", R),
    ],
    "市政府办公厅牵头，市政府各相关部门负责落实": [("市政府办公厅", L), ("市政府各相关部门", R)],
    "市公安局会同有关部门落实": [("市公安局", L), ("有关部门", C)],
    "区政府办公室牵头，各部门配合": [("区政府办公室", L), ("各部门", C)],
    "省财政厅、省物价局牵头，各市政府参与": [("省财政厅", L), ("省物价局", L), ("各市政府", C)],
    "市财政局主办，市税务局协办": [("市财政局", L), ("市税务局", C)],
    "市财政局为牵头单位": [("市财政局", L)],
    "由各县（市、区）人民政府负责": [("各县（市、区）人民政府", R)],
    "牵头单位：市政府办公室（市政务公开办）；责任单位：各县（市）区政府、市政府各部门": [
        ("市政府办公室（市政务公开办）", L),
        ("各县（市）区政府", R),
        ("市政府各部门", R),
    ],
    "牵头单位：县财政局；配合单位：各乡镇人民政府，县直各部门": [
        ("县财政局", L),
        ("各乡镇人民政府", C),
        ("县直各部门", C),
    ],
    "责任单位：县直各有关部门（单位）；完成时限：2018年12月底前": [("县直各有关部门（单位）", R)],
    # The stronger role wins when a unit is named twice.
    "市政府办公厅牵头，市政府办公厅、各区政府负责": [("市政府办公厅", L), ("各区政府", R)],
    # Parts without a verb take the verb of the part after them.
    "市财政局牵头，市发展改革委，市统计局负责": [
        ("市财政局", L),
        ("市发展改革委", R),
        ("市统计局", R),
    ],
    "各区市县政府、各先导区管委会，市政府有关部门负责落实": [
        ("各区市县政府", R),
        ("各先导区管委会", R),
        ("市政府有关部门", R),
    ],
    "省工业和信息化厅、省发展改革委，各地级以上市人民政府按职责分工负责": [
        ("省工业和信息化厅", R),
        ("省发展改革委", R),
        ("各地级以上市人民政府", R),
    ],
    "市委网信办、市政府新闻办牵头，市公安局，各区市县政府配合": [
        ("市委网信办", L),
        ("市政府新闻办", L),
        ("市公安局", C),
        ("各区市县政府", C),
    ],
    # Deadlines, with or without their key, are never units.
    "牵头单位：市发展改革委；责任单位：市商务局、市财政局，各区政府；完成时限：长期坚持": [
        ("市发展改革委", L),
        ("市商务局", R),
        ("市财政局", R),
        ("各区政府", R),
    ],
    "牵头单位：市政务服务局；责任单位：各区政府；持续推进": [("市政务服务局", L), ("各区政府", R)],
    "责任单位：各镇（街）；2022年底前": [("各镇（街）", R)],
    "市财政局负责，2022年9月底前完成": [("市财政局", R)],
    # Names joined by 和 are two when each part is a unit or a category by its form; names that
    # hold 和 themselves, or one category joined by 和, stay whole.
    "省政府办公厅牵头，省直有关部门和各市政府负责": [
        ("省政府办公厅", L),
        ("省直有关部门", R),
        ("各市政府", R),
    ],
    "市委宣传部和市政府新闻办牵头，市人力资源和社会保障局配合": [
        ("市委宣传部", L),
        ("市政府新闻办", L),
        ("市人力资源和社会保障局", C),
    ],
    "各区市县政府和先导区管委会负责落实": [("各区市县政府和先导区管委会", R)],
    # Keys written short, with a note, or run together in one table cell.
    "牵头：市财政局；配合：市审计局": [("市财政局", L), ("市审计局", C)],
    "责任单位（部门）：市财政局": [("市财政局", R)],
    "牵头单位：市财政局 责任单位：市审计局": [("市财政局", L), ("市审计局", R)],
    "牵头单位：市财政局责任单位：市审计局完成时限：2022年底前": [("市财政局", L), ("市审计局", R)],
    "主责部门：市财政局；协同单位：市审计局": [("市财政局", L), ("市审计局", C)],
    "市政府办公室统筹，各部门负责": [("市政府办公室", L), ("各部门", R)],
    "市发展改革委负总责": [("市发展改革委", L)],
    "市重要产品追溯中心负责": [("市重要产品追溯中心", R)],
    # "…等部门" names the units before it; asides are no one.
    "市财政局、市税务局等部门负责落实": [("市财政局", R), ("市税务局", R)],
    "市财政局牵头，市审计局等相关单位配合": [("市财政局", L), ("市审计局", C), ("相关单位", C)],
    "市卫生健康委负责；见附件1，下同": [("市卫生健康委", R)],
    # Brackets nested in a bracketed clause are 〔〕 (吉林省 2020); kinds of government
    # listed before the 政府 they share are one name; other lists stay apart.
    "各市〔州〕、县〔市、区〕政府，各级政府各部门、各单位按照职能分别落实": [
        ("各市（州）、县（市、区）政府", R),
        ("各级政府各部门", R),
        ("各单位", R),
    ],
    "各市、县政府负责": [("各市、县政府", R)],
    "各县区、开发区管委会负责": [("各县区", R), ("开发区管委会", R)],
    "各县（市、区）政府、县政府办公室负责": [("各县（市、区）政府", R), ("县政府办公室", R)],
    "牵头单位：县政府办公室；责任单位：各乡镇场街、县政府各部门": [
        ("县政府办公室", L),
        ("各乡镇场街", R),
        ("县政府各部门", R),
    ],
}


@pytest.mark.parametrize("text", list(CLAUSES))
def test_clause_forms(text):
    parsed = parse_clause(text)
    assert parsed is not None
    assert [(a.unit, a.role) for a in parsed.assignments] == CLAUSES[text]
    assert parsed.problems == []


def test_not_clauses():
    for text in ("辽宁", "PPP", "以下统称“五公开”", "此件公开发布", "含不予公开、收费及减免"):
        assert parse_clause(text) is None, text
    # A sentence is no clause, even in brackets.
    assert parse_clause("各县（市、区）要结合实际抓好落实") is None
    # Without brackets, every name must look like an organisation.
    assert parse_clause("各部门要认真抓好落实", strict_units=True) is None
    assert parse_clause("市审计局牵头落实", strict_units=True) is not None


def test_an_aside_binding_later_tasks_is_no_unit():
    parsed = parse_clause(
        "市政府办公室牵头，各县市区政府负责落实。以下均需各县市区落实，不再逐一列出"
    )
    assert parsed is not None and parsed.problems == []
    assert [(a.unit, a.role) for a in parsed.assignments] == [
        ("市政府办公室", L),
        ("各县市区政府", R),
    ]
    assert [(a.unit, a.role) for a in parsed.standing] == [("各县市区", R)]


def test_deadlines():
    for text in ("2022年底前", "2022年9月底前", "十一月底前", "持续推进", "长期坚持", "年内完成"):
        assert is_deadline(text), text
    for text in ("", "市财政局", "各县（市）区政府", "推进政务公开"):
        assert not is_deadline(text), text


def test_a_clause_without_brackets_closing_a_paragraph():
    text = "做好宣传培训。市政府办公室、各县(市)区政府、市政府各部门负责落实"
    assert split_trailing_bare(text) == (
        "做好宣传培训。",
        "市政府办公室、各县(市)区政府、市政府各部门负责落实",
    )
    assert split_trailing_bare("公开目录。牵头单位：市司法局；责任单位：市政府各部门") == (
        "公开目录。",
        "牵头单位：市司法局；责任单位：市政府各部门",
    )
    # Sentences that merely end in 落实 / 负责 are text.
    for text in (
        "各地区各部门要认真抓好落实。",
        "要结合实际。各部门要认真抓好落实",
        "做好解读。县政府主要负责",
        "市财政局负责落实",  # no sentence before it: a clause line, not a paragraph's end
    ):
        assert split_trailing_bare(text) is None, text
    parts = split_inline_clauses("甲。（市财政局负责）乙。市审计局负责落实")
    assert parts == [
        ("甲。（市财政局负责）", "市财政局负责"),
        ("乙。市审计局负责落实", "市审计局负责落实"),
    ]


def test_unreadable_part_of_a_clause_is_reported():
    parsed = parse_clause("市财政局负责落实；视情况另行安排")
    assert parsed is not None
    assert [(a.unit, a.role) for a in parsed.assignments] == [("市财政局", R)]
    assert parsed.problems == ["无法识别的分工表述“视情况另行安排”"]


def test_lists_split_outside_brackets_only():
    assert split_top("各县（市、区）人民政府、市直各部门", "、") == [
        "各县（市、区）人民政府",
        "市直各部门",
    ]


def test_inline_clauses():
    text = "公开规划信息。（市规划局负责落实）推进区域合作信息公开。（市发展改革委、市环保局分别负责落实）"
    assert split_inline_clauses(text) == [
        ("公开规划信息。（市规划局负责落实）", "市规划局负责落实"),
        (
            "推进区域合作信息公开。（市发展改革委、市环保局分别负责落实）",
            "市发展改革委、市环保局分别负责落实",
        ),
    ]
    # Brackets inside a sentence are text, not clauses.
    plain = "通过全国企业信用信息公示系统（辽宁）进行公示。"
    assert split_inline_clauses(plain) == [(plain, None)]
    # Text after the last clause comes back without one.
    assert split_inline_clauses("甲。（市财政局负责）乙。")[-1] == ("乙。", None)


def test_numbering_markers():
    assert marker("一、总体要求") == ("section", 1, "总体要求")
    assert marker("十二、其他") == ("section", 12, "其他")
    assert marker("(三)推进公开") == ("item", 3, "推进公开")
    assert marker("2.公开预算") == ("arabic", 2, "公开预算")
    assert marker("（4）细化") == ("paren_ar", 4, "细化")
    assert marker("③公开名单") == ("paren_ar", 3, "公开名单")
    assert marker("1.5万元") is None
    assert marker("一、") is None
    assert marker("二十三四、") is None


def _texts(raw: list[str]) -> list[str]:
    lines, _ = prepare(raw)
    return [ln.text for ln in lines if ln.text]


def test_pipe_rows_keep_an_empty_first_cell_in_its_column():
    raw = [
        "工作任务 | 工作要求 | 牵头单位 | 责任单位 |",
        "（一）做好信息公开 | 公开甲。 | 区财政局 | 各街道 |",
        " | 公开乙。 | 区民政局 | |",
    ]
    assert _texts(raw) == [
        "（一）做好信息公开",
        "公开甲。",
        "牵头单位：区财政局",
        "责任单位：各街道",
        "公开乙。",
        "牵头单位：区民政局",
    ]


def test_markdown_rows_and_rules():
    raw = ["| 序号 | 工作任务 | 责任单位 |", "|---|---|---|", "| 1 | 公开甲。 | 市财政局 |"]
    assert _texts(raw) == ["1.公开甲。", "责任单位：市财政局"]


def test_numbered_lines_with_a_tab_are_not_tables():
    assert _texts(["1.\t公开部门预算。"]) == ["1. 公开部门预算。"]


def test_big5_and_gbk_are_told_apart():
    trad = "二、圍繞經濟發展推進公開\n（一）推進財政資金信息公開。（財政部牽頭）\n"
    simp = "二、围绕经济发展推进公开\n（一）推进财政资金信息公开。（财政部牵头）\n"
    big5 = read_bytes(trad.encode("cp950"), "a.txt")
    gbk = read_bytes(simp.encode("gbk"), "b.txt")
    assert (big5.encoding, big5.lines[0]) == ("big5", "二、圍繞經濟發展推進公開")
    assert (gbk.encoding, gbk.lines[0]) == ("gb18030", "二、围绕经济发展推进公开")


def test_clauses_in_square_black_brackets():
    text = "公开部门预算。【牵头单位：市财政局；责任单位：市直各部门】"
    assert split_inline_clauses(text) == [(text, "牵头单位：市财政局；责任单位：市直各部门")]


def test_etc_in_unit_lists():
    parsed = parse_clause("市发展改革委、市财政局等有关部门按职能分工负责")
    assert parsed is not None
    assert [(a.unit, a.role) for a in parsed.assignments] == [
        ("市发展改革委", R),
        ("市财政局", R),
        ("有关部门", R),
    ]
    parsed = parse_clause("市教育局等部门负责")
    assert parsed is not None
    assert [(a.unit, a.role) for a in parsed.assignments] == [("市教育局", R)]


def test_header_fields_in_web_copies():
    from desktop.parser.header import read_header

    warnings: list[tuple[int, str]] = []
    h = read_header(
        [
            "京政办发[2016]26号《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》",
            "各区人民政府，市政府各委、办、局：",
            "北京市人民政府办公厅 2016年5月28日",
        ],
        lambda line, msg: warnings.append((line, msg)),
    )
    assert (h.issuer, h.title, h.doc_number, h.date) == (
        "北京市人民政府办公厅",
        "北京市2016年政务公开工作要点",
        "京政办发〔2016〕26号",
        "2016-05-28",
    )
    assert warnings == []
    h = read_header(["北京市政务公开工作重点任务分工（2016-2020年）"], lambda *a: None)
    assert h.title == "北京市政务公开工作重点任务分工（2016-2020年）"


def test_header_fields_around_web_page_leftovers():
    from desktop.parser.header import read_header

    # A breadcrumb is no issuer; a mirror's junk around the issuer goes (寿光 2019, 鲁政办发 2018).
    h = read_header(
        [
            "您当前所在位置：首页 > 政务公开 > 市政府办公室",
            "关于印发寿光市2019年政务公开重点工作任务分工的通知",
        ],
        lambda *a: None,
    )
    assert (h.issuer, h.title) == ("", "寿光市2019年政务公开重点工作任务分工")
    h = read_header(["? 山东省人民政府办公厅", "关于进一步做好政务公开工作的通知"], lambda *a: None)
    assert h.issuer == "山东省人民政府办公厅"
    # A government site's information box (北京 分工 2016–2020, 冠县 2021).
    for box in (
        ["2. [发文机构] 北京市政务公开领导小组", "5. [成文日期] 2016-06-08"],
        ["发文机关", "北京市政务公开领导小组", "成文日期", "2016-06-08"],
    ):
        h = read_header([*box, "北京市政务公开工作重点任务分工（2016-2020年）"], lambda *a: None)
        assert h.date == "2016-06-08"
    h = read_header(["2. [发文机构] 北京市政务公开领导小组"], lambda *a: None)
    assert h.issuer == "北京市政务公开领导小组"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "各地区、各部门要在11月30日前向市政府办公厅报送政务公开工作要点落实情况报告。",
            (11, 30, 0, "市政府办公厅"),
        ),
        (
            "请于2017年12月5日前将落实情况报市政府办公厅（政务公开办）。",
            (12, 5, 2017, "市政府办公厅（政务公开办）"),
        ),
        ("各乡镇、各部门要在十一月底前将落实情况报送县政府办公室。", (11, 30, 0, "县政府办公室")),
        ("市政务公开主管部门拟定10月底前组织培训，并将计划报市政府办公厅。", None),
        ("各单位要认真落实。", None),
    ],
)
def test_closing_sentences(text, expected):
    from desktop.parser.header import find_closing

    found = find_closing(text)
    got = None if found is None else (found.month, found.day, found.year, found.report_to)
    assert got == expected


def test_a_clause_in_tortoise_shell_brackets_closes_its_paragraph():
    text = "加强信息动态化调整机制。〔各县（市）区人民政府，开发区管委会，市政府各部门（单位）按照职能分别落实〕"
    ((chunk, inner),) = split_inline_clauses(text)
    assert chunk == text
    parsed = parse_clause(inner)
    assert parsed is not None
    assert [a.unit for a in parsed.assignments] == [
        "各县（市）区人民政府",
        "开发区管委会",
        "市政府各部门（单位）",
    ]
    # a 文号 in such brackets is no clause
    assert split_inline_clauses("依据国办发〔2019〕14号要求。")[0][1] is None
