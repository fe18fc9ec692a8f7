"""The 落实情况表 (attachment): one row per task the unit reports on, fit for paper.

序号｜要点条目｜工作任务｜责任类型｜完成状态｜落实情况｜公开载体及网址｜备注. The 要点 reference
is the numbering people cite (一（六）, 三（一）之二), never an internal id. 落实情况 is the start
of what was done in whole clauses, or why the task does not apply; 备注 holds whole sentences
(why a task is unfinished, the evidence files kept on the unit's PC) — nothing is cut
mid-sentence and no cell ends in an ellipsis. Addresses print without their ``http://`` and
may break after each ``/``, so a long URL wraps between its parts instead of inside a word; one
longer than two lines of its column prints as its site after the channel's name.

The table is laid out on a landscape page (GB/T 9704 allows 横排表格): 225 mm of text width
take eight columns with every header on one line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from desktop.answers import FIGURES, UNFINISHED, not_applicable
from desktop.catalogue import ROLE_LABELS, Catalogue, short_name
from desktop.payload import file_name as payload_file_name
from desktop.report import prose
from desktop.report.figures import figure_sentence, figure_urls
from desktop.report.model import Column
from desktop.textclean import xml_safe

if TYPE_CHECKING:
    from desktop.forms import FormSpec
    from desktop.units import Unit

NOT_APPLICABLE = "不涉及"
NOT_FILLED = "未填报"
SUMMARY_CHARS = 40  # 落实情况: two lines of the column, three at most
REMARK_CHARS = 60  # 备注: whole sentences up to about this length
# Millimetres of the landscape text block (225 mm). Every header fits one line of 5号 with
# 1 mm cell margins (4 characters = 14.8 mm + 2 mm); 要点条目 holds 一（六） on a line and
# 之二 below it. A row is as tall as its tallest cell, so the room goes where the text is:
# 落实情况 (up to 40 characters, two lines at 19 a line), then 工作任务 and the channels
# (names, addresses shortened to their site when long); 备注 holds short notes only — why
# a task does not apply is said under 落实情况, which is empty for such a task.
TABLE_COLUMNS = (
    Column("序号", 10, "center"),
    Column("要点条目", 17, "center"),
    Column("工作任务", 32),
    Column("责任类型", 17, "center"),
    Column("完成状态", 17, "center"),
    Column("落实情况", 68),
    Column("公开载体及网址", 36),
    Column("备注", 28),
)
CELL_MARGINS_MM = 2.0  # 1 mm either side
CHAR_MM = 10.5 / 72 * 25.4  # one full-width 5号 character
# An address longer than this many lines of its column gives way to its site when the
# channel is named (预决算公开统一平台 / www.dl.gov.cn): on paper a long path is read by
# nobody, and the whole address stays in the answers embedded in the file (what 汇总 shows).
ADDRESS_LINES = 2
ZWSP = "\u200b"  # an invisible place where a line may break
_SCHEME = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
_BREAK_AFTER = re.compile(r"(?<=[/?&=_.-])(?=[^/?&=_.-])")


def display_url(url: str) -> str:
    """``http://www.dl.gov.cn/gov/a/index.html`` → ``www.dl.gov.cn/​gov/​a/​index.html`` with
    invisible break points after ``/`` (and ``? & = _ - .`` in long paths)."""
    shown = _SCHEME.sub("", url.strip())
    host, slash, path = shown.partition("/")
    if not slash:
        return shown
    broken = path.replace("/", "/" + ZWSP)
    if any(len(p) > 16 for p in path.split("/")):
        broken = _BREAK_AFTER.sub(ZWSP, path)
    return f"{host}/{ZWSP}{broken}".rstrip(ZWSP)


def file_name(path: str) -> str:
    """The name of a file on the clerk's PC without its folders (the folders and the user name
    in them never leave the PC) and without its extension."""
    name = payload_file_name(path)
    stem, dot, ext = name.rpartition(".")
    return stem if dot and stem and 1 <= len(ext) <= 5 else name


def address(value: object) -> str:
    """A web address as typed, made printable: characters XML cannot hold dropped, no breaks."""
    return xml_safe(str(value)).replace("\n", "").strip() if value else ""


def _entries(evidence: object) -> list[dict]:
    return [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []


def _column_chars(title: str) -> float:
    """Full-width characters a line of the column *title* holds."""
    mm = next(c.weight for c in TABLE_COLUMNS if c.title == title)
    return (mm - CELL_MARGINS_MM) / CHAR_MM


def site(url: str) -> str:
    """The host of an address as printed: ``https://www.dl.gov.cn/gov/a.html`` → ``www.dl.gov.cn``."""
    return _SCHEME.sub("", url.strip()).split("/", 1)[0].split("?", 1)[0]


def channel(title: str, url: str) -> str:
    """One channel: its name and its address on the next line; an address that would take
    more than :data:`ADDRESS_LINES` lines of the column is shown by its site under a name."""
    if not url:
        return title
    shown = display_url(url)
    too_long = prose.text_width(shown.replace(ZWSP, "")) > ADDRESS_LINES * _column_chars(
        "公开载体及网址"
    )
    if title and too_long and site(url):
        shown = site(url)
    return f"{title}\n{shown}" if title else shown


def carriers(evidence: object, extra_urls: list[tuple[str, str]] | None = None) -> list[str]:
    """The channels where the information was published (see :func:`channel`). A file on
    the clerk's PC is no channel (see :func:`files`)."""
    out: list[str] = []
    seen: set[str] = set()
    for entry in _entries(evidence):
        title = prose.document_title(prose.clean(entry.get("title")))
        url = address(entry.get("url"))
        if not url and entry.get("path"):
            continue
        if not title and not url:
            continue
        seen.add(url)
        out.append(channel(title, url))
    for name, url in extra_urls or []:
        if url and url not in seen:
            seen.add(url)
            out.append(channel(name, url))
    return out


def files(evidence: object) -> list[str]:
    """Evidence kept as files (a scanned notice, a photo): their titles, else file names."""
    out = []
    for entry in _entries(evidence):
        if entry.get("path") and not address(entry.get("url")):
            title = prose.clean(entry.get("title")) or prose.clean(file_name(entry["path"]))
            if title:
                out.append(prose.document_title(title))
    return out


def evidence_list(names: list[str]) -> str:
    """The evidence files by name, as many whole names as fit :data:`REMARK_CHARS`, then how
    many there are in all (``照片1、照片2等10份``): ten photos listed in full made a row of twenty
    lines in the narrow 备注 column. The embedded answers keep every name."""
    shown: list[str] = []
    for name in names:
        if shown and len("、".join([*shown, name])) > REMARK_CHARS:
            return f"{'、'.join(shown)}等{len(names)}份"
        shown.append(name)
    return "、".join(shown)


def summary(answer: dict, me: str, figures: str = "") -> str:
    """落实情况 in a line or three, in whole clauses: the start of 取得成效, else the sentence of
    the 要点's figures (they are results too: 明确由副局长陈志远同志分管政务公开工作 for an
    answer of figures only), else the start of 主要做法."""
    for text in (
        " ".join(prose.paragraphs(answer.get("results"))),
        figures,
        " ".join(prose.paragraphs(answer.get("measures"))),
    ):
        text = prose.strip_urls(text)[0]
        if text:
            text = re.sub(rf"^{re.escape(me)}(?:[，,])?", "", text)
            return prose.first_clauses(text, SUMMARY_CHARS)
    return ""


def rows(
    answers: dict[str, dict],
    catalogue: Catalogue,
    form: FormSpec,
    unit: Unit,
    me: str,
    extra_urls: dict[str, list[str]],
) -> list[tuple[str, ...]]:
    """One row per task the unit reports on, in the 要点's order. *extra_urls*: addresses the
    composer took out of the clerk's text, per task (they are listed here instead)."""
    out: list[tuple[str, ...]] = []
    for task in catalogue.tasks():
        answer = answers.get(task.id)
        if not isinstance(answer, dict):
            continue
        role = answer.get("role")
        role = ROLE_LABELS.get(role, "") if isinstance(role, str) else ""
        done = summary_text = places = ""
        remarks: list[str] = []
        if not_applicable(answer):
            done = NOT_APPLICABLE
            reason = prose.clean(answer.get("not_applicable_reason"))
            # Said where the work would be: 落实情况 is the wide column, and empty here.
            summary_text = (prose.sentence(reason) if reason else "本单位不涉及该项工作。").rstrip(
                "。"
            )
        else:
            done = prose.clean(answer.get("status")) or NOT_FILLED
            specs = form.figures_for(task.id, unit)
            said = figure_sentence(specs, answer.get(FIGURES, {}), me, "")
            summary_text = summary(answer, me, said)
            urls = figure_urls(specs, answer.get(FIGURES, {}))
            urls += [("", u) for u in extra_urls.get(task.id, [])]
            places = "\n".join(carriers(answer.get("evidence"), urls))
            if form.statuses.meaning(done) == UNFINISHED:
                reason = " ".join(prose.paragraphs(answer.get("unfinished_reason")))
                if reason:
                    remarks.append(prose.whole_sentences(prose.sentence(reason), REMARK_CHARS))
            kept = files(answer.get("evidence"))
            if kept:
                remarks.append(f"佐证材料：{evidence_list(kept)}")
        out.append(
            (
                str(len(out) + 1),
                catalogue.ref(task.id),
                short_name(task),
                role,
                done,
                summary_text,
                places,
                "\n".join(r.rstrip("。") for r in remarks),
            )
        )
    return out
