"""A unit's payload → the report's content (:class:`ReportModel`), as a clerk would write it.

Order (GB/T 9704 and the office's practice): title, 主送, opening citing the notice by title and
文号, 一、工作开展情况 (:mod:`desktop.report.body`), 二、存在的问题 and 三、下一步工作打算 as
numbered points (:mod:`desktop.report.points`), 特此报告。, 附件说明, signature, date, 附注, and
on a landscape page the 落实情况表 (:mod:`desktop.report.attachment`). A section with nothing to
say is left out and the rest renumbered; no heading stands over nothing; no sentence of the
body is said twice. A report that is not final is marked 草稿 (the writer puts it on every
page); a report without a date gets a blank date line to fill in by hand, never today's date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from desktop.answers import FINAL, not_applicable
from desktop.catalogue import Catalogue
from desktop.forms import FormSpec
from desktop.payload_types import Payload
from desktop.report import attachment, points, prose
from desktop.report.body import Writing, tidy, work_blocks
from desktop.report.model import (
    AttachmentLabel,
    AttachmentNote,
    AttachmentTitle,
    Block,
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
from desktop.units import from_info

# 成文日期 left for the clerk to write by hand: the year's four digits, month and day.
BLANK_DATE = "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
TABLE_COLUMNS = attachment.TABLE_COLUMNS
NOT_APPLICABLE = attachment.NOT_APPLICABLE


def issuer_name(payload: Payload) -> str:
    """发文机关: the name on the cover page, else the directory's title name (西岗区人民政府),
    else the unit's name. A cover page that only repeats the unit's short name (西岗区) gives
    way to the title name: a district government signs as 西岗区人民政府."""
    profile = payload.get("profile")
    given = prose.clean(profile.get("issuer_name")) if isinstance(profile, dict) else ""
    info = payload.get("unit_info")
    title_name = prose.clean(info.get("title_name")) if isinstance(info, dict) else ""
    unit = prose.clean(payload.get("unit"))
    if title_name and given in ("", unit):
        return title_name
    return given or unit or "本单位"


def is_draft(payload: Payload) -> bool:
    """Anything but a final report (no status at all included) is a draft."""
    return payload.get("status") != FINAL


def attachment_name(catalogue: Catalogue) -> str:
    return f"{prose.clean(catalogue.title)}落实情况表"


def compose_report(payload: Payload, catalogue: Catalogue, form: FormSpec) -> ReportModel:
    """The report's content from a payload (docs/exchange-format.md). Never raises on missing
    or malformed optional values: what is absent is simply not said."""
    issuer = issuer_name(payload)
    me = prose.self_reference(issuer)
    title = prose.title_lines(issuer, prose.clean(catalogue.title))
    model = ReportModel(title="".join(title), author=issuer, draft=is_draft(payload))
    model.add(Title(title))
    model.add(Recipient(f"{prose.clean(catalogue.report_to) or '市政府办公厅'}："))
    model.add(Para(_opening(catalogue, me)))

    # Read as plain JSON, each value checked: an export never stops on a malformed value.
    raw = cast(Mapping[str, Any], payload).get("answers")
    answers: dict[str, dict[str, Any]] = (
        {k: v for k, v in raw.items() if isinstance(v, dict)} if isinstance(raw, dict) else {}
    )
    texts = _mapping(payload.get("texts"))
    unit = from_info(payload.get("unit", ""), payload.get("unit_info"))
    writing = Writing(catalogue, form, unit, me)

    task_problems = [
        (t.id, answers[t.id].get("problems"))
        for t in catalogue.tasks()
        if t.id in answers
        and not not_applicable(answers[t.id])
        and prose.paragraphs(answers[t.id].get("problems"))
    ]
    listed = [
        points.problems(texts.get("problems"), task_problems, catalogue),
        points.plans(texts.get("plans")),
    ]
    sections: list[tuple[str, Sequence[Block]]] = [
        ("工作开展情况", work_blocks(writing, texts.get("overview"), answers)),
        ("存在的问题", [Para(prose.strip_urls(p)[0]) for p in listed[0].paragraphs()]),
        ("下一步工作打算", [Para(prose.strip_urls(p)[0]) for p in listed[1].paragraphs()]),
    ]
    body: list[Block] = []
    for name, blocks in sections:
        if blocks:
            body.append(Heading(1, "", name))
            body += blocks
    model.blocks += tidy(body)
    model.add(Para("特此报告。"))

    rows = attachment.rows(answers, catalogue, form, unit, me, writing.urls)
    if rows:
        model.add(AttachmentNote((attachment_name(catalogue),)))
    model.add(Signature(issuer))
    profile = _mapping(payload.get("profile"))
    day = profile.get("report_date")
    model.add(Date(prose.cn_date(day) if day else BLANK_DATE))
    note = _contact_note(profile)
    if note:
        model.add(Note(note))
    if rows:
        model.add(PageBreak(landscape=True))
        model.add(AttachmentLabel("附件"))
        model.add(AttachmentTitle(attachment_name(catalogue)))
        model.add(Table(TABLE_COLUMNS, tuple(rows)))
    return model


def _mapping(value: object) -> dict:
    """A part of the payload that should be an object; anything else reads as empty."""
    return value if isinstance(value, dict) else {}


def _opening(catalogue: Catalogue, me: str) -> str:
    notice = prose.clean(catalogue.notice_title) or prose.clean(catalogue.title)
    number = prose.clean(catalogue.doc_number)
    cited = f"《{notice}》" + (f"（{number}）" if number else "")
    return f"根据{cited}要求，现将{me}落实情况报告如下："


def _contact_note(profile: dict) -> str:
    name = prose.clean(profile.get("contact_name"))
    phone = prose.clean(profile.get("contact_phone"))
    parts = [f"联系人：{name}" if name else "", f"联系电话：{phone}" if phone else ""]
    parts = [p for p in parts if p]
    return f"（{'，'.join(parts)}）" if parts else ""
