"""Real 要点 as web pages and their mirrors hand them over (the second round of real published
notices, docs/parser.md): a signature date with the page's filler around it, a date that lost
its 年月日 under the issuer, a mirror's own name in place of the government's, a title ending
任务分解 with no notice title above it, item numbers and clause brackets a page lost, a table
whose header cells are merged over two columns. One sample each in tests/samples (README.md
there names the real notice each is modelled on); every header field and every assignment is
spelled out, as a careful reader reads them.
"""

from __future__ import annotations

import pytest

from desktop.parser.dates import bare_date, date_of
from desktop.parser.header import read_header, title_text
from tests.test_parser_samples import (
    NO_DATE,
    NO_DEADLINE,
    NO_DOC_NUMBER,
    NO_REPORT_TO,
    check_sample,
)

L, R, C = "lead", "responsible", "cooperate"

WEB_CASES = {
    # The signature block of a mirror: the issuer and the date followed by the question marks
    # it left for non-breaking spaces; the notice title cut after 关于; a title ending 工作安排.
    "liaonan-2020-signature-filler.txt": {
        "header": {
            "notice_title": "辽南省政务公开领导小组关于印发2020年政务公开工作安排的通知",
            "title": "2020年政务公开工作安排",
            "issuer": "辽南省政务公开领导小组",
            "doc_number": "",
            "date": "2020-06-30",
            "report_to": "省政务公开办",
            "deadline": "2020-11-30",
        },
        "sections": [("加强权力配置信息公开", 2), ("加强政策发布解读", 2)],
        "tasks": {
            "1.1.1": [("各市政府", R), ("省政府各部门", R)],
            "1.2.1": [("省委编办", L), ("省政府办公厅", L), ("各市政府", R)],
            "2.1.1": [("省政府各部门", R)],
            "2.2.1": [("省政府新闻办", L), ("省政府有关部门", C)],
        },
        "warnings": [NO_DOC_NUMBER],
    },
    # The page lost 年, 月 and 日 of the date under the issuer (20196 28); a breadcrumb above
    # the notice title is no issuer; labels one per line with blank lines between (no table).
    "shouxi-2019-lost-date.txt": {
        "header": {
            "notice_title": "关于印发寿西市2019年政务公开重点工作任务分工的通知",
            "title": "寿西市2019年政务公开重点工作任务分工",
            "issuer": "寿西市人民政府办公室",
            "doc_number": "",
            "date": "2019-06-28",
            "report_to": "",
            "deadline": "",
        },
        "sections": [("扎实做好重点领域信息公开", 1)],
        "tasks": {
            "1.1.1": [
                ("市发改局", L),
                ("市自然资源与规划局", R),
                ("市住建局", R),
                ("市财政局", R),
                ("各镇（街区）", R),
            ],
            "1.1.2": [("市农业农村局", L), ("市水利局", R), ("市交通局", R), ("各镇（街区）", R)],
        },
        "warnings": [NO_DOC_NUMBER, NO_DEADLINE, NO_REPORT_TO],
    },
    # A mirror's own name where the page had the county's: on the line above 关于 (no issuer)
    # and in front of the title (cut off); a | table whose header cells are merged over two
    # columns (工作任务 over the section and item, 具体要求 over the serial and the text), so
    # rows have more cells than labels, and rows that lost their merged cells start at the serial.
    "bishan-2022-mirror-list.txt": {
        "header": {
            "notice_title": "关于印发2022年政务公开任务分解责任清单的通知",
            "title": "2022年政务公开任务分解责任清单",
            "issuer": "碧山县人民政府办公室",
            "doc_number": "碧政办函〔2022〕12号",
            "date": "2022-08-03",
            "report_to": "县政府办公室",
            "deadline": "2022-11-30",
        },
        "sections": [("以公开助力稳住经济大盘", 2), ("以公开促进政策落实", 1)],
        "tasks": {
            "1.1.1": [("县政府各有关部门", R), ("各乡镇人民政府", R)],
            "1.1.2": [("县发展改革局", L), ("县市场监管局", C), ("县财政局", C)],
            "1.2.1": [("县人力资源社会保障局", R)],
            "2.1.1": [("县政府各部门", R)],
        },
        "warnings": [],
    },
    # No notice title: the addressee line first, the title (ending 任务分解) only below the
    # signature; keyed clauses; "以下均需各县市区落实，不再逐一列出".
    "jingxi-2022-task-split.txt": {
        "header": {
            "notice_title": "",
            "title": "2022年荆西市政务公开重点工作任务分解",
            "issuer": "荆西市人民政府办公室",
            "doc_number": "",
            "date": "2022-07-12",
            "report_to": "市政府办公室",
            "deadline": "2022-11-30",
        },
        "sections": [("以公开助力经济平稳健康发展", 2), ("加强政务公开制度建设", 1)],
        "tasks": {
            "1.1.1": [("市审批局", L), ("市发改委", L), ("市直各部门", R), ("各县市区", R)],
            "1.1.2": [("市商务局", L), ("市文旅局", L), ("市直各部门", R), ("各县市区", R)],
            "1.2.1": [("市税务局", L), ("市财政局", R), ("各县市区", R)],
            "2.1.1": [("市直各部门", R), ("各县市区", R)],
        },
        "warnings": [NO_DOC_NUMBER],
    },
    # The page lost the numerals of every item heading ("()深入解读…") and the closing bracket
    # of every clause ("(责任单位:各市直部门" ending the paragraph).
    "shoudong-2020-lost-marks.txt": {
        "header": {
            "notice_title": "",
            "title": "2020年寿东政务公开工作要点",
            "issuer": "",
            "doc_number": "",
            "date": "",
            "report_to": "",
            "deadline": "",
        },
        "sections": [("加强政策解读和回应群众关切", 2), ("加强重点领域信息公开，做好政策落实", 2)],
        "tasks": {
            "1.1.1": [("各市直部门", R)],
            "1.2.1": [("市政府办", R), ("各市直部门", R)],
            "2.1.1": [("市发改局", L), ("市财政局", L), ("市直有关部门", R)],
            "2.2.1": [("市行政审批服务局", R)],
        },
        "warnings": [
            NO_DOC_NUMBER,
            NO_DATE,
            NO_DEADLINE,
            NO_REPORT_TO,
            (
                7,
                "条目编号“（）”中没有数字（网页复制时丢失），已按顺序补为“（一）”“（二）”等，"
                "共4处，请核对。",
            ),
            (7, "分工括号没有闭合（网页复制时丢失），已在段末补上“）”，共4处。"),
        ],
    },
}


@pytest.mark.parametrize("name", sorted(WEB_CASES))
def test_web_copy_sample_parses_as_a_careful_reader_reads_it(name):
    check_sample(name, WEB_CASES[name])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021年6月18日??????", ("", "2021-06-18")),
        ("  2019年7月15日??????? ??", ("", "2019-07-15")),
        ("辽宁省政务公开领导小组？？？2021年6月18日", ("辽宁省政务公开领导小组", "2021-06-18")),
        ("\u3000二〇一八年五月十日\u00a0\u00a0", ("", "2018-05-10")),
        ("2021年13月18日", None),
        ("发布时间：2021年6月18日", None),
    ],
)
def test_a_signature_date_is_read_through_the_pages_filler(text, expected):
    assert date_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20197 9", "2019-07-09"),
        ("2019 7 9", "2019-07-09"),
        ("2016518", "2016-05-18"),
        ("20191231", "2019-12-31"),
        ("20190709", "2019-07-09"),
        ("2019111", None),  # 1月11日 or 11月1日
        ("2019 13 9", None),
        ("12345678", None),
        ("2019", None),
    ],
)
def test_a_date_that_lost_its_characters_is_read_only_when_one_reading_fits(text, expected):
    assert bare_date(text) == expected


def test_lost_date_characters_count_only_under_the_issuer():
    h = read_header(
        ["寿西市人民政府办公室", "20196 28", "寿西市2019年政务公开重点工作任务分工"], _ignore
    )
    assert (h.issuer, h.date) == ("寿西市人民政府办公室", "2019-06-28")
    h = read_header(["20196 28", "寿西市2019年政务公开重点工作任务分工"], _ignore)
    assert h.date == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("365bet账号被限制_beat365在线_beat365体育登陆网址2022年政务公开任务分解责任清单",
         "2022年政务公开任务分解责任清单"),
        ("附件：2022年荆西市政务公开任务分解责任清单", "2022年荆西市政务公开任务分解责任清单"),
        ("首页 > 政务公开 > 2020年寿东政务公开工作要点", "2020年寿东政务公开工作要点"),
        ("2022年荆西市政务公开重点工作任务分解", "2022年荆西市政务公开重点工作任务分解"),
        ("各县、市、区人民政府，荆西新区，市政府各部门：", ""),
        ("关于印发2022年政务公开任务分解责任清单的通知", ""),
    ],
)  # fmt: skip
def test_a_title_is_freed_of_what_a_page_put_in_front_of_it(text, expected):
    assert title_text(text) == expected


def test_a_mirrors_name_is_never_the_issuer():
    h = read_header(
        ["bet 365亚洲版官网办公室", "关于印发2017年定西区政务公开", "工作要点的通知",
         "定西区人民政府办公室", "2017年8月28日"],
        _ignore,
    )  # fmt: skip
    assert (h.issuer, h.title) == ("定西区人民政府办公室", "2017年定西区政务公开工作要点")
    h = read_header(
        ["365-体育在线办公厅关于", "贯彻落实2016年政务公开", "工作要点的实施方案"], _ignore
    )
    assert h.issuer == ""
    assert h.title == h.notice_title == "关于贯彻落实2016年政务公开工作要点的实施方案"
    # junk a page left around a real name still goes
    assert read_header(
        ["? 山东省人民政府办公厅", "关于进一步做好政务公开工作的通知"], _ignore
    ).issuer == ("山东省人民政府办公厅")


def test_a_title_named_only_in_the_notices_sentence():
    warned: list[str] = []
    h = read_header(
        ["各县市区人民政府，市政府各部门：",
         "现将《2021年荆西市政务公开重点任务分工》印发给你们，请认真贯彻落实。"],
        lambda _line, msg: warned.append(msg),
    )  # fmt: skip
    assert h.title == "2021年荆西市政务公开重点任务分工"
    assert not any("要点名称" in w for w in warned)
    # nothing names it: the first line that is no addressee stands in, with a warning
    h = read_header(
        ["各县市区人民政府，市政府各部门：", "荆西市人民政府办公室"],
        lambda _line, msg: warned.append(msg),
    )
    assert h.title == "荆西市人民政府办公室"
    assert any("未找到要点名称" in w for w in warned)


def _ignore(_line: int, _msg: str) -> None:
    pass
