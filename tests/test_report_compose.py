"""The report's content: what a reader of the 落实情况报告 sees, from payload dicts."""

from __future__ import annotations

import copy
import re

import pytest

from desktop import payload as payload_mod
from desktop.catalogue import cn_number
from desktop.catalogue import short_name as task_label
from desktop.report import compose_report, to_html
from desktop.report.model import (
    AttachmentLabel,
    AttachmentNote,
    Date,
    Heading,
    Note,
    PageBreak,
    Para,
    Recipient,
    Signature,
    Table,
    Title,
)
from desktop.report.prose import text_width, title_lines
from desktop.report.samples import sample_payload
from desktop.textclean import to_fullwidth_punct


@pytest.fixture(scope="module")
def finance(catalogue, form, directory_bundled):
    return sample_payload("市财政局", catalogue, form, directory_bundled)


@pytest.fixture(scope="module")
def zhongshan(catalogue, form, directory_bundled):
    return sample_payload("中山区", catalogue, form, directory_bundled)


def test_samples_are_valid_payloads(finance, zhongshan, catalogue, form):
    assert payload_mod.validate(finance, catalogue, form) == []
    assert payload_mod.validate(zhongshan, catalogue, form) == []


def test_order_of_parts_follows_the_official_form(finance, catalogue, form):
    model = compose_report(finance, catalogue, form)
    kinds = [type(b) for b in model.blocks]
    assert kinds[:3] == [Title, Recipient, Para]
    closing = kinds.index(Signature)
    assert kinds[closing - 2 : closing + 3] == [Para, AttachmentNote, Signature, Date, Note]
    assert kinds[closing + 3 : closing + 5] == [PageBreak, AttachmentLabel]
    assert kinds[-1] is Table
    assert model.blocks[closing - 2].text == "特此报告。"
    assert model.blocks[1].text == "市政府办公厅："
    assert model.blocks[2].text == (
        "根据《大连市人民政府办公厅关于印发2016年政务公开工作要点的通知》"
        "（大政办发〔2016〕125号）要求，现将我局落实情况报告如下："
    )
    levels1 = [b.full_text for b in model.blocks if isinstance(b, Heading) and b.level == 1]
    assert levels1 == ["一、工作开展情况", "二、存在的问题", "三、下一步工作打算"]
    assert model.of_type(Signature)[0].text == "市财政局"
    assert model.of_type(Date)[0].text == "2016年11月28日"
    assert model.of_type(Note)[0].text == "（联系人：张三，联系电话：0411-83678901）"
    assert model.of_type(AttachmentNote)[0].names == ("2016年政务公开工作要点落实情况表",)


def test_one_item_heading_per_answered_item_in_catalogue_order(zhongshan, catalogue, form):
    model = compose_report(zhongshan, catalogue, form)
    answered = {
        tid for tid, a in zhongshan["answers"].items() if a.get("applicable") and a.get("status")
    }
    expected_titles = [
        item.title for _s, item in catalogue.items() if any(t.id in answered for t in item.tasks)
    ]
    got = [b for b in model.blocks if isinstance(b, Heading) and b.level == 2]
    assert [h.text for h in got] == expected_titles
    assert [h.number for h in got] == [f"（{cn_number(i)}）" for i in range(1, len(got) + 1)]
    # an item with several answered tasks gets one 1./2. heading per task
    idx = next(i for i, b in enumerate(model.blocks) if getattr(b, "text", "") == "加强政策解读")
    subs = []
    for b in model.blocks[idx + 1 :]:
        if isinstance(b, Heading) and b.level <= 2:
            break
        if isinstance(b, Heading):
            subs.append(b.full_text)
    assert subs[:2] == ["1.加强政策解读", "2.通过新闻发布会、访谈、发表文章等方式带头宣讲政策"]


def test_prose_uses_answers_figures_and_evidence(finance, catalogue, form):
    text = compose_report(finance, catalogue, form).text()
    assert "受理政府信息公开申请126件，已答复126件，引发行政复议2件，引发行政诉讼0件。" in text
    assert "已编制2017年政务公开经费预算，预算金额35.5万元。" in text
    assert "于2016年9月30日将培训计划报市政府办公厅，举办政务公开业务培训2次，培训85人次。" in text
    assert "取消、整合网站2个，已实现1个部门只有1个网站。" in text
    assert "相关信息已在预决算公开统一平台、《大连日报》专版公开。" in text
    assert (
        "该项工作正在持续推进。下一步，2016年12月底前公开2017年国有资本经营预算草案编制说明。"
        in text
    )
    assert "该项工作尚未完成。收费目录清单尚待市政府常务会议审定" in text
    assert "在深入推进预决算公开方面，部分部门预算说明较为简略，绩效目标公开的深度不够。" in text


def test_boolean_figure_false_and_missing_values_read_as_chinese(finance, catalogue, form):
    data = copy.deepcopy(finance)
    data["answers"]["4.2.1"]["figures"] = {"one_site_per_department": False}
    data["answers"]["5.3.1"]["figures"] = {"budget_prepared": False}
    text = compose_report(data, catalogue, form).text()
    assert "尚未实现1个部门只有1个网站。" in text
    assert "尚未编制2017年政务公开经费预算。" in text
    assert "None" not in text and "True" not in text and "False" not in text


def test_table_has_one_row_per_applicable_task_with_roles_and_reasons(
    finance, catalogue, form, directory_bundled
):
    from desktop.applicability import tasks_for

    unit = directory_bundled.unit("市财政局")
    apps = tasks_for(catalogue, directory_bundled, unit)
    table = compose_report(finance, catalogue, form).of_type(Table)[0]
    assert [c.title for c in table.columns] == [
        "序号", "工作任务", "责任类型", "完成状态", "主要公开载体/网址", "备注",
    ]  # fmt: skip
    assert len(table.rows) == len(apps)
    labels = {"lead": "牵头", "responsible": "负责", "cooperate": "配合"}
    assert [r[2] for r in table.rows] == [labels[a.role] for a in apps]
    assert [r[0] for r in table.rows] == [str(i) for i in range(1, len(apps) + 1)]
    assert [r[1] for r in table.rows] == [task_label(catalogue.task(a.task_id)) for a in apps]
    by_task = dict(zip([a.task_id for a in apps], table.rows, strict=True))
    assert by_task["2.3.1"][3:] == ("不涉及", "", "我局不涉及面向转移落户人员的服务事项")
    assert by_task["1.6.1"][3] == "已完成"
    assert by_task["1.6.1"][4] == (
        "预决算公开统一平台\nhttp://www.dl.gov.cn/yjs/\n《大连日报》专版"
    )
    assert by_task["2.4.2"][3] == "未完成" and by_task["2.4.2"][5].startswith("收费目录清单")


def test_not_applicable_and_unanswered_tasks_get_no_item_heading(finance, catalogue, form):
    data = copy.deepcopy(finance)
    data["answers"]["1.1.1"] = {"role": "responsible", "optional": False, "applicable": True}
    model = compose_report(data, catalogue, form)
    h2 = [b.text for b in model.blocks if isinstance(b, Heading) and b.level == 2]
    assert "推进行政决策公开" not in h2  # nothing answered yet
    assert "推进面向转移落户人员的服务公开" not in h2  # declared not applicable
    row = next(r for r in model.of_type(Table)[0].rows if r[1] == "推进行政决策公开")
    assert row[3] == "未填报"


def test_empty_sections_are_left_out_and_the_rest_renumbered(finance, catalogue, form):
    data = copy.deepcopy(finance)
    data["texts"] = {"overview": "", "plans": "继续抓好落实。"}
    for answer in data["answers"].values():
        answer.pop("problems", None)
    model = compose_report(data, catalogue, form)
    levels1 = [b.full_text for b in model.blocks if isinstance(b, Heading) and b.level == 1]
    assert levels1 == ["一、工作开展情况", "二、下一步工作打算"]
    # no heading is directly followed by another heading of the same or a higher level
    blocks = model.blocks
    for a, b in zip(blocks, blocks[1:], strict=False):
        if isinstance(a, Heading):
            assert not (isinstance(b, Heading) and b.level <= a.level), a


def test_everything_is_chinese_with_full_width_punctuation(zhongshan, catalogue, form):
    model = compose_report(zhongshan, catalogue, form)
    text = model.text()
    assert "None" not in text
    prose = re.sub(r"https?://[\w./-]+", "", text)
    prose = prose.replace("（PPP）", "")  # the 要点's own wording (task 1.7.2)
    assert re.search(r"[A-Za-z]", prose) is None
    for line in text.split("\n"):
        assert to_fullwidth_punct(line) == line, line
    assert model.of_type(Signature)[0].text == "中山区人民政府"
    assert "现将我区落实情况报告如下：" in text


def test_clerk_text_is_cleaned(finance, catalogue, form):
    data = copy.deepcopy(finance)
    data["answers"]["1.1.1"]["measures"] = (
        "\u3000\u3000我局通过网站,公开了信息\x0b第二段\x07内容 (详见专栏)"
    )
    data["answers"]["1.1.1"]["evidence"] = [
        {"title": "", "url": "", "path": "C:\\资料\\会议纪要.pdf"}
    ]
    text = compose_report(data, catalogue, form).text()
    assert "我局通过网站，公开了信息。\n第二段内容（详见专栏）。" in text
    assert "相关信息已在会议纪要公开。" in text
    assert "C:" not in text and "\x07" not in text


def test_missing_optional_values_never_print_none(catalogue, form):
    data = payload_mod.empty(catalogue, "市财政局")
    data["answers"]["1.6.1"] = {"role": "lead", "applicable": True, "status": "已完成"}
    model = compose_report(data, catalogue, form)
    text = model.text()
    assert "None" not in text
    assert model.blocks[0].text == "市财政局关于2016年政务公开工作要点落实情况的报告"
    assert not model.of_type(Note)  # no contact given: no empty 附注
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", model.of_type(Date)[0].text)


@pytest.mark.parametrize(
    "issuer",
    [
        "市财政局",
        "中山区人民政府",
        "大连长兴岛经济区管理委员会",
        "大连市人民政府国有资产监督管理委员会办公室",
    ],
)
def test_long_titles_break_into_balanced_lines_at_word_boundaries(issuer):
    full = f"{issuer}关于2016年政务公开工作要点落实情况的报告"
    lines = title_lines(issuer, "2016年政务公开工作要点")
    assert "".join(lines) == full
    assert len(lines) >= 2
    widths = [text_width(x) for x in lines]
    assert max(widths) <= 20  # 2号 characters in the 156 mm line
    assert max(widths) - min(widths) <= 7
    assert not any(x.startswith(("的", "报告", "告")) for x in lines)
    assert not any(x.endswith(("20", "201", "落实", "的")) for x in lines)
    if len(lines) == 3:
        assert widths[1] >= widths[2] or widths[1] >= widths[0]


def test_short_title_stays_on_one_line():
    assert title_lines("市审计局", "要点") == ("市审计局关于要点落实情况的报告",)


def test_html_preview_shows_the_report(finance, catalogue, form):
    model = compose_report(finance, catalogue, form)
    html = to_html(model)
    assert "市财政局关于2016年政务公开<br />工作要点落实情况的报告" in html
    assert "市政府办公厅：" in html and "特此报告。" in html
    assert html.count("<tr>") == len(model.of_type(Table)[0].rows) + 1  # + header
    assert "page-break-before: always" in html
    assert "None" not in html


def test_html_preview_escapes_clerk_markup(finance, catalogue, form):
    data = copy.deepcopy(finance)
    data["answers"]["1.1.1"]["measures"] = "<b>加粗</b> & <script>x</script>"
    html = to_html(compose_report(data, catalogue, form))
    assert "<script>" not in html and "&lt;b&gt;加粗&lt;/b&gt;" in html
