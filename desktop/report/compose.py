"""A unit's payload → the report's content (:class:`ReportModel`), in official prose.

Order (issue 5 §2): title, 主送, opening citing the notice by title and 文号, 一、工作开展情况
(overview, then one （一） per 要点 item the unit answered, in catalogue order), 二、存在的问题,
三、下一步工作打算, 特此报告。, 附件说明, signature, date, 附注, and on a new page the
落实情况表 with one row per applicable task. Sections with nothing to say are left out and the
rest renumbered, so no heading is ever empty.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from desktop.answers import DONE, FIGURES, ONGOING, UNFINISHED, has_content, not_applicable
from desktop.catalogue import ROLE_LABELS, Catalogue, Item, Task, cn_number, short_name
from desktop.forms import FormSpec
from desktop.report import prose
from desktop.report.model import (
    AttachmentLabel,
    AttachmentNote,
    AttachmentTitle,
    Column,
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
from desktop.units import Unit, from_info

NOT_APPLICABLE = "不涉及"
# Weights are millimetres of the 156 mm text block: 完成状态 fits 持续推进 in 小四 on one line.
TABLE_COLUMNS = (
    Column("序号", 13, "center"),
    Column("工作任务", 41),
    Column("责任类型", 14, "center"),
    Column("完成状态", 20, "center"),
    Column("主要公开载体/网址", 42),
    Column("备注", 26),
)


def issuer_name(payload: dict) -> str:
    """发文机关: the name the clerk entered, else the unit's name."""
    return (
        prose.clean(payload.get("profile", {}).get("issuer_name"))
        or prose.clean(payload.get("unit"))
        or "本单位"
    )


def attachment_name(catalogue: Catalogue) -> str:
    return f"{prose.clean(catalogue.title)}落实情况表"


def compose_report(payload: dict, catalogue: Catalogue, form: FormSpec) -> ReportModel:
    """The report's content from a payload (docs/exchange-format.md). Never raises on missing
    optional values: what is absent is simply not said."""
    issuer = issuer_name(payload)
    title = prose.title_lines(issuer, prose.clean(catalogue.title))
    model = ReportModel(title="".join(title), author=issuer)
    model.add(Title(title))
    model.add(Recipient(f"{prose.clean(catalogue.report_to) or '市政府办公厅'}："))
    model.add(Para(_opening(catalogue, issuer)))

    answers: dict[str, dict] = payload.get("answers", {})
    texts: dict = payload.get("texts", {})
    unit = from_info(payload.get("unit", ""), payload.get("unit_info"))
    sections: list[tuple[str, list]] = [
        ("工作开展情况", _work_section(texts, answers, catalogue, form, unit)),
        ("存在的问题", _problems_section(texts, answers, catalogue)),
        ("下一步工作打算", [Para(prose.sentence(p)) for p in prose.paragraphs(texts.get("plans"))]),
    ]
    n = 0
    for name, blocks in sections:
        if blocks:
            n += 1
            model.add(Heading(1, f"{cn_number(n)}、", name))
            model.blocks.extend(blocks)
    model.add(Para("特此报告。"))

    rows = _table_rows(answers, catalogue, form)
    if rows:
        model.add(AttachmentNote((attachment_name(catalogue),)))
    model.add(Signature(issuer))
    profile = payload.get("profile", {})
    model.add(Date(prose.cn_date(profile.get("report_date") or date.today())))
    note = _contact_note(profile)
    if note:
        model.add(Note(note))
    if rows:
        model.add(PageBreak())
        model.add(AttachmentLabel("附件"))
        model.add(AttachmentTitle(attachment_name(catalogue)))
        model.add(Table(TABLE_COLUMNS, tuple(rows)))
    return model


def _opening(catalogue: Catalogue, issuer: str) -> str:
    notice = prose.clean(catalogue.notice_title) or prose.clean(catalogue.title)
    number = prose.clean(catalogue.doc_number)
    cited = f"《{notice}》" + (f"（{number}）" if number else "")
    me = prose.self_reference(issuer)
    return f"根据{cited}要求，现将{me}落实情况报告如下："


def _work_section(
    texts: dict, answers: dict[str, dict], catalogue: Catalogue, form: FormSpec, unit: Unit
) -> list:
    blocks: list = [Para(prose.sentence(p)) for p in prose.paragraphs(texts.get("overview"))]
    n = 0
    for _section, item in catalogue.items():
        answered = [t for t in item.tasks if has_content(answers.get(t.id))]
        if not answered:
            continue
        n += 1
        blocks.append(Heading(2, f"（{cn_number(n)}）", prose.clean(item.title)))
        for k, task in enumerate(answered, start=1):
            if len(answered) > 1:
                blocks.append(Heading(3, f"{k}.", short_name(task)))
            blocks.extend(Para(p) for p in task_prose(answers[task.id], task, form, unit))
    return blocks


def task_prose(answer: dict, task: Task, form: FormSpec, unit: Unit) -> list[str]:
    """The paragraphs for one task: 做法, 成效, figures (only those the 要点 asks of *unit*),
    where published, plan or reason."""
    out = [prose.sentence(p) for p in prose.paragraphs(answer.get("measures"))]
    status = answer.get("status", "")
    meaning = form.statuses.meaning(status)
    if meaning in (DONE, ONGOING) or status == "":
        out += [prose.sentence(p) for p in prose.paragraphs(answer.get("results"))]
    clauses = [
        prose.figure_clause(spec, answer.get(FIGURES, {}).get(spec.key))
        for spec in form.figures_for(task.id, unit)
    ]
    figures = prose.join_clauses(clauses)
    if figures:
        out.append(figures)
    published = "、".join(evidence_names(answer.get("evidence", []), urls=False))
    if published:
        out.append(f"相关信息已在{published}公开。")
    if meaning == ONGOING:
        plan = prose.paragraphs(answer.get("next_steps"))
        lead = "该项工作正在持续推进。"
        out += _led(lead, plan, "下一步，") if plan else [lead]
    elif meaning == UNFINISHED:
        reason = prose.paragraphs(answer.get("unfinished_reason"))
        lead = "该项工作尚未完成。"
        out += _led(lead, reason, "") if reason else [lead]
    return [p for p in out if p]


def _led(lead: str, paras: list[str], prefix: str) -> list[str]:
    """*lead* and the first paragraph as one; *prefix* unless the clerk already wrote it."""
    first = paras[0]
    if prefix and not first.startswith(prefix.rstrip("，")):
        first = prefix + first
    return [prose.sentence(lead + first)] + [prose.sentence(p) for p in paras[1:]]


def evidence_names(evidence: list, urls: bool) -> list[str]:
    """What each evidence entry is called in print.

    In prose (*urls* False) the title alone, the address only when there is no title; in the
    table title and address on separate lines. A local file path is the clerk's own PC: only
    its file name is printed, never the path.
    """
    out = []
    for entry in evidence if isinstance(evidence, list) else []:
        if not isinstance(entry, dict):
            continue
        name = prose.clean(entry.get("title"))
        url = prose.clean(entry.get("url"))
        if not name and not url and entry.get("path"):
            name = prose.clean(PurePath(str(entry["path"]).replace("\\", "/")).stem)
        if name and url and urls:
            out.append(f"{name}\n{url}")
        elif name or url:
            out.append(name or url)
    return out


def _problems_section(texts: dict, answers: dict[str, dict], catalogue: Catalogue) -> list:
    blocks: list = [Para(prose.sentence(p)) for p in prose.paragraphs(texts.get("problems"))]
    for _section, item in catalogue.items():
        for task in item.tasks:
            answer = answers.get(task.id)
            if not answer or not_applicable(answer):
                continue
            paras = prose.paragraphs(answer.get("problems"))
            if paras:
                blocks.extend(Para(p) for p in _led(f"在{_topic(item)}方面，", paras, ""))
    return blocks


def _topic(item: Item) -> str:
    return prose.clean(item.title)


def _table_rows(
    answers: dict[str, dict], catalogue: Catalogue, form: FormSpec
) -> list[tuple[str, ...]]:
    rows = []
    for task in catalogue.tasks():
        answer = answers.get(task.id)
        if answer is None:
            continue
        role = ROLE_LABELS.get(answer.get("role", ""), "")
        if not_applicable(answer):
            reason = prose.clean(answer.get("not_applicable_reason"))
            status, carriers, remark = NOT_APPLICABLE, "", reason or "本单位不涉及该项工作"
        else:
            status = prose.clean(answer.get("status")) or "未填报"
            carriers = "\n".join(evidence_names(answer.get("evidence", []), urls=True))
            remark = ""
            if form.statuses.meaning(status) == UNFINISHED:
                remark = prose.clip(prose.clean(answer.get("unfinished_reason")), 40)
        rows.append((str(len(rows) + 1), short_name(task), role, status, carriers, remark))
    return rows


def _contact_note(profile: dict) -> str:
    name = prose.clean(profile.get("contact_name"))
    phone = prose.clean(profile.get("contact_phone"))
    parts = [f"联系人：{name}" if name else "", f"联系电话：{phone}" if phone else ""]
    parts = [p for p in parts if p]
    return f"（{'，'.join(parts)}）" if parts else ""
