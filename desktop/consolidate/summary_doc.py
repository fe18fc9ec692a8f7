"""What the 汇总报告 says: the report model's blocks (:mod:`desktop.report.model`), in order.

The same blocks a unit's report is made of — Title, Recipient, Para, Heading, AttachmentNote,
Signature, Date, the attachment page with its Table — so :mod:`.docx_out` only hands the model
to the report writer, and tests read the words here without Word.

Per task of the 要点: how many units it concerns, how many reported, which are done, which
lag (未完成, task not filled in, no report at all), and its figures totalled.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from desktop.answers import StatusWords
from desktop.catalogue import short_name
from desktop.consolidate.totals import format_number
from desktop.dates import shown
from desktop.numerals import cn_number
from desktop.report import model as M
from desktop.report import prose
from desktop.report.body import part_title
from desktop.textclean import quoted

if TYPE_CHECKING:
    from desktop.consolidate.consolidation import Consolidation
    from desktop.consolidate.totals import FigureTotal, TaskTally

MAX_NAMES = 12  # units named in one sentence before "等N个单位"
FEW = 3  # up to this many reporting units are named with their status, not counted
ATTACHMENT = "各项任务落实情况汇总表"
# Millimetres of the landscape text block (225 mm), as the units' own 落实情况表: the task's
# numbering and name and the leading units get the room, the counts one short line each.
# 要点条目 apart from the task's name, as in the units' 落实情况表 and the 汇总表: glued
# together they read 一（五）之二加快大连市….
TABLE_COLUMNS = (
    ("序号", 10, "center"),
    ("要点条目", 17, "center"),
    ("工作任务", 50, "left"),
    ("牵头单位", 30, "left"),
    ("涉及单位", 18, "center"),
    ("已报告", 18, "center"),
    (None, 18, "center"),  # the form's three status words
    (None, 18, "center"),
    (None, 18, "center"),
    ("未填写或未报送", 28, "center"),
)


def names(units: list[str], limit: int = MAX_NAMES) -> str:
    if len(units) <= limit:
        return "、".join(units)
    return "、".join(units[:limit]) + f"等{len(units)}个单位"


def tally_sentence(t: TaskTally, words: StatusWords, drafts: Collection[str] = ()) -> str:
    """One sentence per task, as a secretary sums it up: how many units it concerns and how
    many reported (and how many of those are drafts), how far they got, who lags — named —
    and the figures totalled. Units that are done are counted, not listed (the 汇总表 lists
    them); the units that sent no report at all are named in 三、, here only when they lead
    the task or the task concerns so few units that every one is named.

    Written as the office would: no zero counts (其中已完成0个), one unit named rather than
    counted (仅涉及市审计局，已完成), the same status for all said once (均已完成).
    """
    text = "；".join(_status_clauses(t, words, set(drafts))) + "。"
    return text + _figures_sentence(t, set(drafts))


def _drafts_among(units: list[str], drafts: set[str]) -> str:
    n = sum(1 for u in units if u in drafts)
    return f"（含草稿{n}份）" if n else ""


def _status_clauses(t: TaskTally, words: StatusWords, drafts: set[str]) -> list[str]:
    if not t.involved:
        if t.not_applicable:
            return [f"{names(t.not_applicable)}说明不适用"]
        return ["尚无单位报告此项工作"]
    by_status = [(words.done, t.done), (words.ongoing, t.ongoing), (words.unfinished, t.unfinished)]
    present = [(word, units) for word, units in by_status if units]
    parts: list[str] = []
    if t.involved == 1 and len(t.answered) == 1:
        unit = t.answered[0]
        parts.append(f"仅涉及{unit}，{present[0][0]}" + ("（草稿）" if unit in drafts else ""))
    elif t.involved == 1:
        unit = (t.no_status + t.no_report)[0]
        said = "其报告中未填写此项" if t.no_status else "尚未报送报告"
        parts.append(f"仅涉及{unit}，{said}")
    elif len(t.no_report) == t.involved:
        silent_leads = [u for u in t.no_report if u in t.lead_units]
        text = f"涉及单位{t.involved}个，均尚未报送报告"  # not 均未报告；另有38个单位尚未报送
        parts.append(text + (f"，其中牵头单位{names(silent_leads)}" if silent_leads else ""))
    else:
        head = f"涉及单位{t.involved}个，"
        if len(t.answered) == t.involved:
            head += "均已报告"
        else:
            head += f"已报告{len(t.answered)}个" if t.answered else "均未报告"
        parts.append(head + _drafts_among(t.answered, drafts))
        few = len(t.answered) <= FEW
        if len(present) == 1 and few:
            who = names(t.answered)
            parts.append(f"{who}均{present[0][0]}" if len(t.answered) > 1 else who + present[0][0])
        elif len(present) == 1:
            parts.append(f"均{present[0][0]}")
        elif present and few:
            parts.append("，".join(f"{names(units)}{word}" for word, units in present))
        elif present:
            counted = "、".join(f"{word}{len(units)}个" for word, units in present)
            if t.unfinished:  # behind: named
                counted += f"（{names(t.unfinished)}）"
            parts.append(counted)  # not 其中…；其中… after （其中草稿2份）
        if not few and (leads := _leads_said(t, by_status)):
            parts.append(leads)
    if t.involved == 1 or len(t.no_report) == t.involved:
        return parts + _declined(t)  # said above
    if t.no_status:
        parts.append(f"报告中未填写此项的有{names(t.no_status)}")
    if t.no_report:
        silent_leads = [u for u in t.no_report if u in t.lead_units]
        others = len(t.no_report) - len(silent_leads)
        if silent_leads:
            parts.append(f"牵头单位{names(silent_leads)}尚未报送报告")
        elif others and len(t.answered) <= FEW and len(t.no_report) <= FEW:
            parts.append(f"{names(t.no_report)}尚未报送报告")
    return parts + _declined(t)


def _leads_said(t: TaskTally, by_status: list[tuple[str, list[str]]]) -> str:
    """How the lead units stand, when the task concerns many: 牵头单位市财政局已完成. Not
    when the 要点 gives it to whole categories (各区市县政府、市政府各部门牵头): then the
    leads are nearly everyone and counted above."""
    if len(t.lead_units) > FEW:
        return ""
    said = [
        f"{'、'.join(u for u in units if u in t.lead_units)}{word}"
        for word, units in by_status
        if any(u in t.lead_units for u in units)
    ]
    return "牵头单位" + "，".join(said) if said else ""


def _declined(t: TaskTally) -> list[str]:
    """Apart from those it concerns: 仅涉及市公安局，已完成；另有市财政局说明不适用."""
    return [f"另有{names(t.not_applicable)}说明不适用"] if t.not_applicable else []


def _figures_sentence(t: TaskTally, drafts: set[str]) -> str:
    """The figures totalled; how many units gave them said once when it is the same for all.
    What drafts gave is counted in, and said: 合计324件（含草稿18件）."""
    totals = {f.spec.key: f.total for f in t.totals if f.units}
    given = [
        f
        for f in t.totals
        # “其中…” of nothing is not said (no incidents: no 均未在24小时内举行新闻发布会).
        if f.units and not (totals.get(f.spec.at_most_field or f.spec.at_least_field, 1) == 0)
    ]
    if not given:
        return ""
    counts = {f.units for f in given}
    if counts == {1}:  # one unit: named, and its own figures (据市财政局填报，全年未发生…)
        unit = given[0].by_unit[0][0]
        said = [_total(f) for f in given]
        marked = "（草稿）" if unit in drafts else ""
        return f"据{unit}{marked}填报，" + "，".join(said) + "。"
    if len(counts) == 1:
        said = [_total(f, drafts) for f in given]
        units = [u for u, _v in given[0].by_unit]
        return (
            f"据{counts.pop()}个单位{_drafts_among(units, drafts)}填报，" + "，".join(said) + "。"
        )
    said = [f"{_total(f, drafts)}（{f.units}个单位填报）" for f in given]
    return "据各单位填报，" + "，".join(said) + "。"


def _total(f: FigureTotal, drafts: Collection[str] = ()) -> str:
    """``受理政府信息公开申请合计324件``; a zero as the office says it, from the form's
    ``sentence_zero`` (``各单位均未引发行政诉讼``), never ``合计0件``. The part drafts gave
    is said after the total (``（含草稿18件）``)."""
    if f.total:
        from_drafts = sum(v for u, v in f.by_unit if u in drafts)
        said = f"{f.label}合计{f.total_text}{f.spec.unit}"
        if from_drafts:
            said += f"（含草稿{format_number(from_drafts)}{f.spec.unit}）"
        return said
    zero = prose.clean(f.spec.sentence_zero)
    if f.units == 1 and zero:
        return zero  # one unit: 全年未发生…, not 各单位全年均未…
    if zero.startswith("全年未"):
        return "各单位全年均未" + zero.removeprefix("全年未")
    if zero.startswith("未"):
        return "各单位均" + zero
    if zero.startswith("均未"):
        return "各单位" + zero
    return f"{f.label}合计为零"


def lead_names(task) -> str:
    """Who leads, as the 要点 names them (a unit or a category, e.g. 市属各高校)."""
    return "、".join(a.unit for a in task.assignments if a.role == "lead")


def summary_model(c: Consolidation, today: date | None = None) -> M.ReportModel:
    """The 汇总报告 of *c*, dated *today*, as the report writer's model."""
    today = today or date.today()
    cat = c.catalogue
    issuer = cat.report_to or "市政府办公厅"
    reported = [r.unit for r in c.matrix.rows if r.reported]
    drafts = [r.unit for r in c.matrix.drafts()]
    not_reported = [e.unit for e in c.missing if e.kind == "no_report"]
    basis = f"《{cat.notice_title}》" if cat.notice_title else f"《{cat.title}》"
    number = f"（{cat.doc_number}）" if cat.doc_number else ""
    # A 报告 on the whole city's implementation, titled as GB/T 9704 expects
    # (``××关于××的报告``); the file itself is named 汇总报告.
    title = prose.title_lines(issuer, cat.title, scope="全市")
    model = M.ReportModel(title="".join(title), author=issuer)
    say: list[M.Block] = [
        M.Title(title),
        M.Recipient("市政府："),
        M.Para(
            f"根据{basis}{number}要求，各地区、各部门报送了落实情况报告。截至{shown(today)}，"
            f"应报送单位{c.expected_units}个，已报送{len(reported)}个"
            + (f"（其中草稿{len(drafts)}份）" if drafts else "")
            + (f"，尚未报送{len(not_reported)}个" if not_reported else "")
            + "。现将汇总情况报告如下："
            if reported
            else f"根据{basis}{number}要求，各地区、各部门应报送落实情况报告。截至{shown(today)}，"
            f"应报送单位{c.expected_units}个，尚无单位报送。现将有关情况报告如下："
        ),
        M.Heading(1, "一、", "总体情况"),
    ]
    words = c.form.statuses
    done = sum(len(t.done) for t in c.tallies)
    ongoing = sum(len(t.ongoing) for t in c.tallies)
    unfinished = sum(len(t.unfinished) for t in c.tallies)
    lagging = [t for t in c.tallies if t.lagging]
    counts = [(words.done, done), (words.ongoing, ongoing), (words.unfinished, unfinished)]
    said = "、".join(f"{word}{n}项次" for word, n in counts if n)  # no 未完成0项次
    text = f"《{cat.title}》共{len(c.matrix.task_ids)}项任务。"
    if said:
        text += f"各单位已报告的任务落实情况中，{said}；"
    if lagging:
        text += f"有{len(lagging)}项任务存在{words.unfinished}、未填写或未报送的单位。"
    else:
        text += "各项任务均无未完成、未填写或未报送的单位。"
    if drafts:
        # Where reports are counted, the drafts among them are said, and what they count.
        text += (
            f"已报送的{len(reported)}份报告中定稿{len(reported) - len(drafts)}份、"
            f"草稿{len(drafts)}份；以下各项的统计和合计均含草稿，"
            "草稿所填数据在合计后注明。"
        )
    say.append(M.Para(text.replace("；各项", "。各项")))
    say.append(M.Heading(1, "二、", "各项任务落实情况"))
    if not_reported:
        say.append(
            M.Para(
                f"尚未报送报告的{len(not_reported)}个单位在第三部分列出，以下各项一般不再"
                "逐一列明（其牵头的任务除外）。"
            )
        )
    by_task = {t.task_id: t for t in c.tallies}
    # The 要点's own structure: its parts as （一）（二）…, each item one paragraph opened by
    # its number and name (1.推进行政决策公开), as a 公文's third level may run in.
    for section in cat.sections:
        # The part's aim, as the units' own reports head it (推进权力运行全流程公开,
        # 落实保障措施), not its whole 围绕……，推进…… sentence.
        say.append(M.Heading(2, f"（{cn_number(section.no)}）", part_title(section)))
        for item in section.items:
            say.append(_item_para(item, by_task, words, cat, set(drafts)))
    say.append(M.Heading(1, "三、", "未报送及缺报情况"))
    if not_reported:
        say.append(
            M.Para(f"尚未报送落实情况报告的单位{len(not_reported)}个：{'、'.join(not_reported)}。")
        )
    else:
        say.append(M.Para("应报送单位均已报送落实情况报告。"))
    if drafts:
        # Counted like any report, but never passed off as final.
        say.append(
            M.Para(
                f"报送的是草稿、尚未审查定稿的单位{len(drafts)}个：{'、'.join(drafts)}。"
                "其内容已计入本汇总，定稿后可能还有修改。"
            )
        )
    lead_gaps = [e for e in c.missing if e.kind == "lead_missing"]
    if lead_gaps:
        # Said without brackets in brackets (市环保局（一（十））).
        text = "；".join(f"{e.unit}未填写{'、'.join(e.lead_refs)}" for e in lead_gaps)
        say.append(M.Para(f"有{len(lead_gaps)}个单位的报告缺少其牵头任务的落实情况：{text}。"))
    say += [
        M.Para("特此报告。"),
        M.AttachmentNote((ATTACHMENT,)),
        M.Signature(issuer),
        M.Date(shown(today)),
        M.PageBreak(landscape=True),
        M.AttachmentLabel("附件"),
        M.AttachmentTitle(ATTACHMENT),
        _table(c, words),
    ]
    for block in say:
        model.add(_clean(block))
    return model


def _item_para(item, by_task: dict, words: StatusWords, cat, drafts: set[str]) -> M.Para:
    """``1.推进行政决策公开：涉及单位38个…`` — an item with several tasks cites each by the
    要点's numbering (一（二）之二) and, when it is not the item's own name, its short name."""
    if len(item.tasks) == 1:
        (task,) = item.tasks
        lead = f"（{lead_names(task)}牵头）" if lead_names(task) else ""
        return M.Para(
            f"{item.no}.{item.title}{lead}：{tally_sentence(by_task[task.id], words, drafts)}"
        )
    said = []
    for task in item.tasks:
        lead = f"（{lead_names(task)}牵头）" if lead_names(task) else ""
        label = cat.ref(task.id)  # never the internal id
        if short_name(task) != item.title:
            label += quoted(short_name(task))  # “…‘信用大连’…”, never “…“信用大连”…”
        said.append(f"{label}{lead}：{tally_sentence(by_task[task.id], words, drafts)}")
    return M.Para(f"{item.no}.{item.title}。" + "".join(said))


def _table(c: Consolidation, words: StatusWords) -> M.Table:
    cat = c.catalogue
    titles = iter(words.words)
    columns = tuple(
        M.Column(title or next(titles), weight, align) for title, weight, align in TABLE_COLUMNS
    )
    rows = tuple(
        (
            str(n),
            cat.ref(t.task_id),
            short_name(cat.task(t.task_id)),
            lead_names(cat.task(t.task_id)) or "—",
            str(t.involved),
            str(len(t.answered)),
            str(len(t.done)),
            str(len(t.ongoing)),
            str(len(t.unfinished)),
            str(len(t.no_status) + len(t.no_report)),
        )
        for n, t in enumerate(c.tallies, start=1)
    )
    return M.Table(columns, rows)


def _clean(block: M.Block) -> M.Block:
    """Unit names and titles come from files other PCs wrote: cleaned as the writer expects."""
    if isinstance(block, M.Para):
        return M.Para(prose.clean(block.text))
    if isinstance(block, M.Table):
        return M.Table(block.columns, tuple(tuple(prose.clean(x) for x in r) for r in block.rows))
    return block
