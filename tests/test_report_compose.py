"""The report's content as the office secretary reads it, from realistic payloads.

The samples (tests/samples/reports) are fully answered reports in a clerk's words; these tests
assert what a reader notices: the unit's voice, figures woven in with a subject, zeros said as
a person says them, headings that follow the 要点's parts and name what was answered, one
numbered list of problems without repeats, a table fit for paper, and drafts that say so.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from datetime import date

import pytest

from desktop.catalogue import short_name
from desktop.report import compose_report, to_html
from desktop.report.model import (
    AttachmentLabel,
    AttachmentNote,
    AttachmentTitle,
    Date,
    Heading,
    Note,
    PageBreak,
    Para,
    Recipient,
    ReportModel,
    Signature,
    Table,
    Title,
)
from desktop.report.prose import split_sentences, text_width, title_lines
from tests.samples import reports

ZERO_COUNT = re.compile(r"(?<![\d.])0(?:起|次|件|个|人次|项|条|篇|场|期|万元)")


@pytest.fixture
def finance():
    return reports.load("shi-caizhengju-2016")


@pytest.fixture
def zhongshan():
    return reports.load("zhongshan-qu-2016")


def body(model) -> list:
    """The blocks between the opening and 特此报告。"""
    start = next(i for i, b in enumerate(model.blocks) if isinstance(b, Heading))
    end = next(i for i, b in enumerate(model.blocks) if getattr(b, "text", "") == "特此报告。")
    return model.blocks[start:end]


def body_text(model) -> str:
    return "\n".join(b.full_text if isinstance(b, Heading) else b.text for b in body(model))


def section_paras(model, name: str) -> list[str]:
    blocks = body(model)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == name)
    out = []
    for b in blocks[start + 1 :]:
        if isinstance(b, Heading) and b.level == 1:
            break
        out.append(b.full_text if isinstance(b, Heading) else b.text)
    return out


def task_paras(model, first_words: str, until: str | None = None) -> list[str]:
    """The paragraphs from the one starting with *first_words* to the next heading."""
    blocks = body(model)
    i = next(
        i for i, b in enumerate(blocks) if isinstance(b, Para) and b.text.startswith(first_words)
    )
    out = []
    for b in blocks[i:]:
        if isinstance(b, Heading) or (until and b.text.startswith(until)):
            break
        out.append(b.text)
    return out


def test_order_of_parts_follows_the_official_form(finance, catalogue, form):
    model = compose_report(finance, catalogue, form)
    kinds = [type(b) for b in model.blocks]
    assert kinds[:3] == [Title, Recipient, Para]
    closing = kinds.index(Signature)
    assert kinds[closing - 2 : closing + 3] == [Para, AttachmentNote, Signature, Date, Note]
    assert kinds[closing + 3 :] == [PageBreak, AttachmentLabel, AttachmentTitle, Table]
    assert model.blocks[closing + 3] == PageBreak(landscape=True)  # the table is a 横排表格
    assert model.blocks[1].text == "市政府办公厅："
    assert model.blocks[2].text == (
        "根据《大连市人民政府办公厅关于印发2016年政务公开工作要点的通知》"
        "（大政办发〔2016〕125号）要求，现将我局落实情况报告如下："
    )
    levels1 = [b.full_text for b in model.blocks if isinstance(b, Heading) and b.level == 1]
    assert levels1 == ["一、工作开展情况", "二、存在的问题", "三、下一步工作打算"]
    assert model.of_type(Signature)[0].text == "市财政局"
    assert model.of_type(Date)[0].text == "2016年11月28日"
    assert model.of_type(Note)[0].text == "（联系人：张晓红，联系电话：0411-83631234）"
    assert model.of_type(AttachmentNote)[0].names == ("2016年政务公开工作要点落实情况表",)
    assert not model.draft


def test_headings_follow_the_parts_of_the_yaodian_not_a_flat_list(
    finance, zhongshan, catalogue, form
):
    model = compose_report(finance, catalogue, form)
    parts = [b.full_text for b in body(model) if isinstance(b, Heading) and b.level == 2]
    assert parts == [
        "（一）推进权力运行全流程公开",
        "（二）推进政务服务全过程公开",
        "（三）扩大政务开放参与和回应",
        "（四）提升政务公开能力",
        "（五）落实保障措施",  # 保障措施 closes the section on organisation and guarantees
    ]
    items = [b.full_text for b in body(model) if isinstance(b, Heading) and b.level == 3]
    assert items[:3] == [
        "1.推进行政决策公开",
        "2.推进政策执行和落实情况公开",
        "3.推进权力清单和责任清单公开",
    ]
    assert items[-3:] == ["1.加强组织领导", "2.加强考核监督", "3.加强经费保障"]
    # （二） has one item (减税降费 and 收费目录清单): no lone “1.” under it
    blocks = body(model)
    at = blocks.index(Heading(2, "（二）", "推进政务服务全过程公开"))
    assert isinstance(blocks[at + 1], Para)
    # 中山区 answered 一（五）之三 but not 之一: the heading names its own task, never 市场监管
    zs = [
        b.text for b in body(compose_report(zhongshan, catalogue, form)) if isinstance(b, Heading)
    ]
    assert "积极做好各级政府网站与“信用大连”网站的连接工作" in zs
    assert "推进市场监管信息公开" not in zs


@pytest.mark.parametrize("name", reports.ALL)
def test_no_heading_repeats_the_one_above_or_stands_over_nothing(name, catalogue, form):
    blocks = body(compose_report(reports.load(name), catalogue, form))
    for i, block in enumerate(blocks):
        above = blocks[i - 1] if i else None
        below = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Heading):
            assert not (isinstance(above, Heading) and above.text == block.text), block
            assert below is not None and not (
                isinstance(below, Heading) and below.level <= block.level
            ), block
    assert isinstance(blocks[-1], Para)


@pytest.mark.parametrize("name", reports.ALL)
def test_no_sentence_is_said_twice_and_no_stock_sentences(name, catalogue, form):
    model = compose_report(reports.load(name), catalogue, form)
    sentences = [s for b in body(model) if isinstance(b, Para) for s in split_sentences(b.text)]
    repeated = [s for s, n in Counter(sentences).items() if n > 1 and len(s) > 6]
    assert repeated == []
    text = body_text(model)
    for stock in ("相关信息已在", "该项工作正在持续推进", "在深入推进预决算公开方面"):
        assert stock not in text


@pytest.mark.parametrize("name", reports.ALL)
def test_no_zero_counts_no_addresses_no_files_in_the_body(name, catalogue, form):
    data = reports.load(name)
    text = body_text(compose_report(data, catalogue, form))
    assert not ZERO_COUNT.search(text)
    assert "http" not in text and "www." not in text
    for answer in data["answers"].values():
        for e in answer.get("evidence", []):
            if e.get("path"):
                stem = re.split(r"[\\/]", e["path"])[-1].rsplit(".", 1)[0]
                assert stem not in text  # a file is evidence, never a channel


def test_figures_are_woven_in_with_the_unit_as_subject(finance, catalogue, form):
    text = body_text(compose_report(finance, catalogue, form))
    # the clerk wrote 126 requests, all answered: only what the text lacks is added
    assert "我局因政府信息公开引发行政复议2件，未引发行政诉讼。" in text
    assert text.count("126件") == 1
    assert "我局已实现1个部门只有1个网站。" in text
    # 5.1.1: the clerk named 李建国; the URL figure goes to the table
    assert "明确由副局长李建国同志分管" not in text
    # the clerk wrote that no incident happened: no figure sentence repeats it
    assert text.count("未发生特别重大、重大突发事件") == 1
    assert "24小时内举行新闻发布会" not in text


def test_zeros_dates_and_figures_the_clerk_did_not_write(finance, catalogue, form):
    data = copy.deepcopy(finance)
    a = data["answers"]
    a["3.2.3"]["results"] = "对网民关切均按程序及时回应。"
    a["4.3.1"]["measures"] = "我局组织干部参加全市政务公开业务培训。"
    a["4.3.1"]["results"] = "业务水平有所提高。"
    a["5.1.1"]["measures"] = "我局调整了政务公开工作领导小组。"
    a["5.2.1"]["results"] = "依申请公开工作规范有序。"
    a["5.2.1"]["figures"] = {"requests_received": 0, "requests_answered": 0, "lawsuits": 0}
    text = body_text(compose_report(data, catalogue, form))
    assert "对网民关切均按程序及时回应。我局全年未发生特别重大、重大突发事件。" in text
    assert (
        "我局于2016年9月28日将培训计划报市政府办公厅，举办政务公开业务培训2次，培训85人次。" in text
    )
    assert "我局明确由副局长李建国同志分管政务公开工作。" in text
    assert "依申请公开工作规范有序。我局全年未收到政府信息公开申请，未引发行政诉讼。" in text
    assert not ZERO_COUNT.search(text)
    assert not re.search(r"(?:^|[。\n])于\d{4}年", text)  # no date without a subject


def test_figures_the_yaodian_does_not_ask_of_the_unit_are_not_printed(zhongshan, catalogue, form):
    data = copy.deepcopy(zhongshan)
    data["answers"]["3.3.1"]["figures"] = {"press_conferences": 5}  # asked of 市政府各部门 only
    assert "市政府新闻办名义" not in body_text(compose_report(data, catalogue, form))


def test_ongoing_tasks_end_with_the_clerks_plan_unfinished_with_the_reason(
    finance, zhongshan, catalogue, form
):
    model = compose_report(finance, catalogue, form)
    ongoing = task_paras(model, "我局围绕市《政府工作报告》")
    assert ongoing[-1] == (
        "下一步，我局将在2017年1月15日前公开全年重点工作完成情况，并将督查整改情况纳入年度公开"
        "内容，对未按期完成的事项逐项说明原因。"
    )
    # a plan written without a subject gets one
    assert "下一步，我局将完善舆情回应台账，每半年分析一次回应效果；" in body_text(model)
    assert "下一步，我区将于2016年12月底前印发专家库管理办法" in body_text(
        compose_report(zhongshan, catalogue, form)
    )
    unfinished = task_paras(model, "我局会同市物价局")
    assert unfinished[-1].startswith("该项工作尚未完成，目录清单需经市政府常务会议审定后方可公开")


def test_problems_are_one_numbered_list_without_repeats_tied_to_tasks(
    finance, zhongshan, catalogue, form
):
    paras = section_paras(compose_report(finance, catalogue, form), "存在的问题")
    assert paras[0] == "对照要点要求和群众期待，我局政务公开工作还存在一些不足："
    ordinals = [re.match(r"^([一二三四五六七八九十]+)是", p).group(1) for p in paras[1:]]
    assert ordinals == list("一二三四五")
    # 三（一）'s problem repeated the clerk's 一是 about 图解、视频: what it adds on the same
    # topic joins 一是 (its subject, said there already, left out) — no 六是 saying it again
    assert paras[1] == (
        "一是政策解读的形式还不够丰富，图解、视频等群众喜闻乐见的形式运用不多，仍以文字为主，"
        "解读的针对性有待提高。"
    )
    assert paras[4] == (
        "四是预决算公开方面，部分部门预算说明仍较为简略，项目支出绩效目标公开的深度不够，"
        "个别单位对公开表格的理解不一致。"
    )
    assert paras[5] == "五是收费目录清单审定周期较长，清单公布进度滞后于要点要求。"
    assert sum("图解、视频等群众喜闻乐见的形式运用不多" in p for p in paras) == 1
    assert sum("政策解读" in p for p in paras) == 1
    zs = section_paras(compose_report(zhongshan, catalogue, form), "存在的问题")
    assert zs[3] == "三是政务舆情监测手段较为单一，主要依靠人工监测，夜间和节假日监测存在薄弱环节。"
    assert len(zs) == 6  # the lead and 一是…五是: two task problems joined the clerk's points
    assert not any("重发布、轻解读" in p for p in zs[2:])  # said in 一是 already
    plans = section_paras(compose_report(zhongshan, catalogue, form), "下一步工作打算")
    assert plans[0] == "下一步，我区将重点做好以下工作："
    assert [p[:2] for p in plans[1:]] == ["一是", "二是", "三是", "四是"]


def test_table_rows_cite_the_yaodian_and_say_what_was_done(
    finance, catalogue, form, directory_bundled
):
    from desktop.applicability import tasks_for

    table = compose_report(finance, catalogue, form).of_type(Table)[0]
    assert [c.title for c in table.columns] == [
        "序号", "要点条目", "工作任务", "责任类型", "完成状态", "落实情况", "公开载体及网址", "备注",
    ]  # fmt: skip
    apps = tasks_for(catalogue, directory_bundled, directory_bundled.unit("市财政局"))
    assert [r[1] for r in table.rows] == [catalogue.ref(a.task_id) for a in apps]
    assert [r[2] for r in table.rows] == [short_name(catalogue.task(a.task_id)) for a in apps]
    rows = {r[1]: r for r in table.rows}
    assert rows["一（六）"][3:6] == (
        "牵头",
        "已完成",
        "全市108个市直部门全部公开2016年部门预算和2015年部门决算",
    )
    # a named channel whose address would fill more than two lines of the column: its site
    assert rows["一（六）"][6].split("\n") == [
        "预决算公开统一平台",
        "www.dl.gov.cn",
        "《关于做好2016年预决算信息公开工作的通知》",
        "www.dlfd.gov.cn",
        "《大连日报》专版",
    ]
    assert rows["一（四）"][6].split("\n") == [  # short addresses print whole
        "财政政策专栏",
        "www.dlfd.gov.cn/\u200bzwgk/\u200bczzc/",
        "“大连财政”微信公众号",
    ]
    assert rows["一（六）"][7] == "佐证材料：《预决算公开检查情况通报》"
    assert rows["二（四）之二"][4:6] == (
        "未完成",
        "会同市物价局对全市行政事业性收费和政府性基金项目进行了全面清理",
    )
    assert rows["二（四）之二"][7] == "目录清单需经市政府常务会议审定后方可公开，目前尚未上会"
    # why a task does not apply is said where the work would be, in the wide column
    assert rows["二（三）"][4:] == ("不涉及", "我局不涉及户籍制度改革和居住证相关服务事项", "", "")
    # the URL figure, under the name the form gives it
    assert rows["五（一）"][6] == "领导分工公布网页\nwww.dlfd.gov.cn/\u200bjgsz/\u200bldxx/"
    for row in table.rows:
        for cell in row:
            assert not cell.endswith(("……", "…", "...")), row
        assert len(row[5]) <= 60, row  # 落实情况 stays a line or three


def test_clerk_punctuation_is_cleaned(finance, zhongshan, catalogue, form):
    for data in (finance, zhongshan):
        text = compose_report(data, catalogue, form).text()
        assert '"' not in text and "'" not in text and "..." not in text
        assert not re.search(r"[\u4e00-\u9fff%][,.;:](?=[\u4e00-\u9fff“]|$)", text, re.M)
    text = compose_report(finance, catalogue, form).text()
    assert "按照“谁公开谁审查”原则" in text
    assert "公开率达到100%。各区市县政府" in text
    assert "回访满意率96.2%。" in text
    assert "但对照要点要求……仍存在一些差距" in compose_report(zhongshan, catalogue, form).text()


def test_status_only_answers_add_a_sentence_not_a_heading(zhongshan, catalogue, form):
    data = copy.deepcopy(zhongshan)
    keep = ("role", "optional", "applicable", "status")
    data["answers"]["1.3.1"] = {k: v for k, v in data["answers"]["1.3.1"].items() if k in keep}
    for tid in ("4.2.1", "4.3.1"):  # a whole part answered by status (and figures) only
        data["answers"][tid] = {
            k: v for k, v in data["answers"][tid].items() if k in (*keep, "figures")
        }
    model = compose_report(data, catalogue, form)
    headings = [b.text for b in body(model) if isinstance(b, Heading)]
    assert "推进权力清单和责任清单公开" not in headings
    assert "提升政务公开能力" not in headings
    assert "此外，推进权力清单和责任清单公开工作已按要求完成。" in body_text(model)
    paras = section_paras(model, "工作开展情况")
    assert paras[1] == (
        "提高政务公开工作信息化、集中化水平、提高政务公开队伍专业化、理论化水平等工作已按要求完成。"
        "我区取消、整合网站9个，已实现1个部门只有1个网站。"
        "我区于2016年9月20日将培训计划报市政府办公厅，举办政务公开业务培训3次，培训260人次。"
    )


def test_a_draft_says_so_and_a_missing_date_is_left_blank(zhongshan, catalogue, form):
    data = copy.deepcopy(zhongshan)
    data["status"] = "draft"
    del data["profile"]["report_date"]
    model = compose_report(data, catalogue, form)
    assert model.draft
    (day,) = model.of_type(Date)
    assert day.text == "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
    today = date.today()
    assert f"{today.year}年{today.month}月{today.day}日" not in model.text()
    assert "草稿" in to_html(model)


def test_issuer_is_the_directorys_title_name_when_the_cover_gives_none(catalogue, form):
    data = reports.load("zhongshan-qu-2016")
    data["unit"] = "西岗区"
    data["unit_info"]["title_name"] = "西岗区人民政府"
    for issuer in ("", "西岗区"):  # nothing on the cover page, or only the short name
        data["profile"]["issuer_name"] = issuer
        model = compose_report(data, catalogue, form)
        assert model.of_type(Signature)[0].text == "西岗区人民政府"
        assert model.of_type(Title)[0].text.startswith("西岗区人民政府关于")
    data["profile"]["issuer_name"] = "大连市西岗区人民政府"  # what the clerk typed wins
    assert (
        compose_report(data, catalogue, form).of_type(Signature)[0].text == "大连市西岗区人民政府"
    )


@pytest.mark.parametrize(
    "issuer",
    [
        "市财政局",
        "中山区人民政府",
        "市政府办公厅",
        "大连长兴岛经济技术开发区管委会",
        "市公共行政服务中心",
    ],
)
def test_titles_break_between_words_never_inside_the_yaodian_name(issuer):
    lines = title_lines(issuer, "2016年政务公开工作要点")
    assert "".join(lines) == f"{issuer}关于2016年政务公开工作要点落实情况的报告"
    assert any("2016年政务公开工作要点" in line for line in lines)
    assert all(text_width(line) <= 20 for line in lines)
    assert lines[-1].endswith("落实情况的报告") and "落实情况的报告" in lines[-1]
    if len(lines) == 2:
        assert text_width(lines[0]) <= text_width(lines[1])  # 正梯形


def test_a_yaodian_name_wider_than_a_line_breaks_between_its_words():
    lines = title_lines("市财政局", "2017年大连市推进政务公开标准化规范化工作要点")
    assert len(lines) == 3 and all(text_width(x) <= 20 for x in lines)
    assert "".join(lines).endswith("工作要点落实情况的报告")
    assert not any(line.endswith(("政务", "2017")) for line in lines)


def test_missing_and_malformed_optional_values_never_print_none(catalogue, form):
    data = reports.load("shi-caizhengju-2016")
    data["profile"] = {}
    data["texts"] = {"overview": None}
    data["answers"]["1.1.1"] = {
        "role": "responsible",
        "applicable": True,
        "status": "已完成",
        "figures": None,
    }
    data["answers"]["1.2.1"]["evidence"] = [None, {"title": None, "url": None}, "x"]
    text = compose_report(data, catalogue, form).text()
    assert not re.search(r"None|True|False|null", text)


def test_an_answer_of_figures_only_is_said_under_its_own_item(catalogue, form):
    """市国税局 gave 五（一） figures only (who leads the work): said under 1.加强组织领导 in the
    要点's order — not in a 此外 sentence under 3.加强经费保障, a heading it does not belong to."""
    data = reports.load("shi-guoshuiju-2016-short")
    blocks = body(compose_report(data, catalogue, form))
    headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 3]
    assert headings == ["加强组织领导", "加强考核监督", "加强经费保障"]
    at = next(i for i, b in enumerate(blocks) if getattr(b, "text", "") == "加强组织领导")
    assert blocks[at + 1] == Para("我局明确由副局长陈志远同志分管政务公开工作。")
    assert "此外" not in body_text(compose_report(data, catalogue, form))
    # Figures only, and the work goes on: the status is said with them, once.
    data["answers"]["5.3.1"].pop("next_steps")
    blocks = body(compose_report(data, catalogue, form))
    at = next(i for i, b in enumerate(blocks) if getattr(b, "text", "") == "加强经费保障")
    assert blocks[at + 1] == Para("我局尚未编制2017年政务公开经费预算，该项工作正在持续推进。")


def test_the_table_says_what_an_answer_of_figures_only_reports(catalogue, form):
    """落实情况 is never empty when the answer says something: figures are results too."""
    data = reports.load("shi-guoshuiju-2016-short")
    (table,) = compose_report(data, catalogue, form).of_type(Table)
    done = {row[1]: row[5] for row in table.rows}
    assert done["五（一）"] == "明确由副局长陈志远同志分管政务公开工作"
    assert done["五（二）"].startswith("全年受理政府信息公开申请7件")
    assert done["五（三）"] == "尚未编制2017年政务公开经费预算"


def test_a_long_address_of_a_figure_prints_as_its_site_under_its_name(catalogue, form):
    """市编委办's 110-character address of its 领导分工 page took six broken lines of the
    channel column (t20160315_ / leadership_division_ / …); named, it prints as its site."""
    data = reports.load("shi-bianweiban-2016-long")
    (table,) = compose_report(data, catalogue, form).of_type(Table)
    row = next(r for r in table.rows if r[1] == "五（一）")
    assert row[6] == "领导分工公布网页\nwww.dlbb.gov.cn"


def test_a_merging_column_prints_equal_neighbours_as_one_cell():
    from desktop.report.model import Column, merged_spans

    rows = (("1", "甲"), ("2", "甲"), ("3", "乙"), ("4", ""), ("5", ""), ("6", "甲"))
    assert merged_spans(rows, 1) == [2, 0, 1, 1, 1, 1]  # blanks never merge
    table = Table((Column("序号"), Column("工作任务", merge=True)), rows)
    html = to_html(ReportModel(title="t", author="a", blocks=[table]))
    assert html.count('rowspan="2"') == 1 and html.count(">甲<") == 2


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        (
            "相关文件已在门户网站（http://www.dl.gov.cn/a/b.html）公开。",
            "相关文件已在门户网站公开。",
        ),
        ("已在http://www.dl.gov.cn公开,访问量1万次.", "已在网上公开，访问量1万次。"),
        ("具体内容详见http://www.dl.gov.cn/abc。", "具体内容详见附件。"),  # never 详见。
        ("办理流程参见www.dlfd.gov.cn/bszn/。", "办理流程参见附件。"),
    ],
)
def test_an_address_in_the_text_leaves_a_whole_sentence(typed, printed, catalogue, form):
    data = reports.load("shi-guoshuiju-2016-short")
    data["answers"]["2.4.1"]["measures"] = typed
    model = compose_report(data, catalogue, form)
    assert printed in body_text(model)
    (table,) = model.of_type(Table)
    assert "www." in table.rows[0][6]  # the address is listed in the table instead


def test_an_address_outside_any_task_is_not_said_to_be_in_the_table(catalogue, form):
    data = reports.load("shi-guoshuiju-2016-short")
    data["texts"]["problems"] = "一是网站栏目更新不及时，详见http://www.x.gov.cn/a。二是解读不够。"
    text = body_text(compose_report(data, catalogue, form))
    assert "一是网站栏目更新不及时，详见相关网页。" in text and "详见附件" not in text


def test_a_status_only_task_named_for_its_work_is_not_doubled(zhongshan, catalogue, form):
    data = copy.deepcopy(zhongshan)
    keep = ("role", "optional", "applicable", "status")
    data["answers"]["1.5.3"] = {k: v for k, v in data["answers"]["1.5.3"].items() if k in keep}
    text = body_text(compose_report(data, catalogue, form))
    assert "此外，积极做好各级政府网站与“信用大连”网站的连接工作已按要求完成。" in text
    assert "工作工作" not in text


def test_a_long_list_of_evidence_files_is_counted_not_listed_in_full(catalogue, form):
    data = reports.load("shi-guoshuiju-2016-short")
    data["answers"]["2.4.1"]["evidence"] = [
        {"title": "", "url": "", "path": f"C:\\Users\\张三\\Desktop\\宣讲会现场照片{i}.jpg"}
        for i in range(1, 11)
    ]
    (table,) = compose_report(data, catalogue, form).of_type(Table)
    remark = table.rows[0][7]
    assert remark.startswith("佐证材料：宣讲会现场照片1、宣讲会现场照片2、") and remark.endswith(
        "等10份"
    )
    assert len(remark) <= 80 and "……" not in remark


def test_all_answered_reads_as_a_person_says_it(catalogue, form):
    data = reports.load("shi-guoshuiju-2016-short")
    text = body_text(compose_report(data, catalogue, form))
    assert "我局全年受理政府信息公开申请7件，均已答复，未因政府信息公开引发行政复议" in text
    # Not all answered, or the number received already in the clerk's words: the count.
    data["answers"]["5.2.1"]["figures"]["requests_answered"] = 6
    assert "申请7件，已答复6件" in body_text(compose_report(data, catalogue, form))
    data["answers"]["5.2.1"]["figures"]["requests_answered"] = 7
    data["answers"]["5.2.1"]["measures"] += "全年受理申请7件。"
    text = body_text(compose_report(data, catalogue, form))
    assert "我局已答复7件" in text and "均已答复" not in text


def test_every_incident_met_by_a_press_conference_is_said_so(catalogue, form, directory_bundled):
    from desktop.report.figures import figure_sentence

    specs = form.figures_for("3.2.3", directory_bundled.unit("市财政局"))
    both = {"major_incidents": 2, "pressers_within_24h": 2}
    assert figure_sentence(specs, both, "我局", "") == (
        "我局全年发生特别重大、重大突发事件2起，均在24小时内举行了新闻发布会。"
    )
