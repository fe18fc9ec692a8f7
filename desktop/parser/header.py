"""The fields around a 要点's body: title, issuer, 文号 and date above it; deadline and the office
the report goes to in its closing paragraph.

Forms seen in real copies: the notice title on one line or wrapped over two (``关于印发2017年
定陶区政务公开`` / ``工作要点的通知``), with the issuer in front of 关于 or on the line above;
文号 with ``〔〕``, ``[]``, ``()`` or ``【】`` (always given back as ``〔〕``); the date in Arabic or
Chinese numerals (``二〇一七年三月九日``), alone or after the issuer's name (forms in
:mod:`desktop.parser.dates`); the closing sentence as ``11月30日前向市政府办公厅报送…`` or
``于2017年12月10日前将落实情况报送县政府办公室``. Web pages and their mirrors add a breadcrumb or
``附件：`` in front of a title and write a mirror's own name (Latin letters, digits) where the
page had the government's: such a name is never the issuer, and a title starts at its year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.numerals import cn_to_int
from desktop.parser.dates import bare_date, date_of
from desktop.textclean import CJK

RE_DOC_NUMBER = re.compile(
    rf"(?P<prefix>[{CJK}]{{1,12}})\s*[〔\[［【(（]\s*(?P<year>\d{{4}})\s*[〕\]］】)）]\s*(?P<n>\d+)\s*号"
)
_TITLE_END = (
    "要点",
    "实施方案",
    "分工方案",
    "分解表",
    "任务分工",
    "任务分解",
    "重点任务",
    "工作方案",
    "工作安排",
    "清单",
)
# 2017年辽东省政务公开工作要点 / 北京市政务公开工作重点任务分工（2016-2020年）
RE_TITLE = re.compile(rf"(?:{'|'.join(_TITLE_END)})(?:（[^（）]{{1,20}}）)?$")
RE_YEAR = re.compile(r"(?:19|20)\d{2}")
_ISSUER_END = re.compile(r"(政府|办公厅|办公室|委员会|领导小组|局|委|厅)$")
# A government site's information box: [成文日期] 2016-06-08, 成文日期：2021-06-28, or the key on
# a line of its own above the date.
_META_DATE = re.compile(
    r"成文日期\s*[\]］】]?\s*[:：]?\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
)
_META_KEY = re.compile(r"^[\[［【]?成文日期[\]］】]?\s*[:：]?$")
_META_ISSUER = re.compile(rf"发文机[构关]\s*[\]］】]?\s*[:：]?\s*(?P<who>[{CJK}（）]{{2,30}})$")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_LATIN = re.compile(r"[A-Za-z]")
# What a page puts in front of a title: a breadcrumb (首页 > 政务公开 > …), 附件1：
_BREADCRUMB = re.compile(r"^.*[>＞›»]\s*")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?\s*")
_YEAR_START = re.compile(r"(?:19|20)\d{2}年")
# The notice's sentence naming what it sends: 现将《X》印发给你们 / 《X》已经市政府同意
_QUOTED_TITLE = re.compile(r"(?:^|现将|印发)《(?P<t>[^《》]{4,50})》(?:已经|印发|已)")
_ISO_DATE = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_WHEN = (
    rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>{_NUM})\s*月\s*(?:(?P<d>{_NUM})\s*日|(?P<end>底|末))\s*"
    r"(?:前|之前|以前)"
)
# The office's name runs to its end: 县政府办公室, not 县政府办.
_ORG = rf"[{CJK}]{{1,20}}?(?:办公厅|办公室|公开办|政府办)(?![公室厅])(?:（[{CJK}]{{2,15}}）)?"
RE_CLOSING = re.compile(
    rf"{_WHEN}.{{0,60}}?(?:向(?P<to>{_ORG}|[{CJK}]{{2,20}}?)(?:书面)?(?:报送|报告|提交|上报)"
    rf"|(?:报送|上报|提交|报)(?:至|到|给)?(?P<to2>{_ORG}))"
)
RE_CLOSING_ALT = re.compile(r"(?:报送|提交|上报).{0,20}(?:落实情况|工作总结|情况报告)|落实情况报告")


@dataclass
class Header:
    notice_title: str = ""
    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    date: str = ""


@dataclass
class Closing:
    month: int
    day: int
    year: int
    report_to: str


def _num(text: str) -> int:
    return cn_to_int(text) or 0


def _mirror_name(text: str) -> bool:
    """A mirror site writes its own name where the page had the government's, and that name
    has Latin letters or digits (``bet 365亚洲版官网办公室``, ``365-体育在线办公厅关于``);
    an issuer's never does."""
    return bool(_LATIN_OR_DIGIT.search(text))


def _issuer_line(text: str) -> str:
    """An issuer standing alone on a line (``山东省人民政府办公厅``), freed of the junk a mirror
    site puts around it; never a web page's breadcrumb (``当前位置：首页 > 政务公开 > 市政府办公室``)
    nor what is left of a mirror's own name (``bet 365亚洲版官网办公室``)."""
    lead = re.match(rf"^[^{CJK}]+", text)
    if lead and _mirror_name(lead.group()):
        return ""
    name = re.sub(rf"^[^{CJK}]+|[^{CJK}）]+$", "", text)
    if len(name) > 30 or not _ISSUER_END.search(name):
        return ""
    return name if re.fullmatch(rf"[{CJK}（）]+", name) else ""


def _meta_date(texts: list[str]) -> str:
    """成文日期 from a government site's information box, as ``2016-06-08``."""
    for i, text in enumerate(texts):
        m = _META_DATE.search(text)
        if m is None and _META_KEY.match(text) and i + 1 < len(texts):
            m = _ISO_DATE.match(texts[i + 1])
        if m and 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31:
            return f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    return ""


def _notice_title(lines: list[str]) -> tuple[str, int]:
    """The ``…关于印发…的通知`` line (joined when wrapped over up to three lines) and its index."""
    for i, text in enumerate(lines[:10]):
        # Web copies put the 文号 in front: 京政办发〔2016〕26号《北京市人民政府办公厅关于…》
        m = RE_DOC_NUMBER.match(text)
        text = text[m.end() :] if m else text
        if "关于" not in text or len(text) > 80:
            continue
        joined = text
        for j in range(i, min(i + 3, len(lines))):
            if j > i:
                joined += lines[j]
            candidate = joined.strip("《》")
            if candidate.endswith(("通知", "要点", "方案", "意见")) and len(candidate) <= 90:
                return candidate, i
    return "", -1


def _read_signature(texts: list[str], h: Header) -> None:
    """The date right under the issuer's name when the page lost its 年月日 (``20197 9``)."""
    if h.date:
        return
    for i in range(1, len(texts)):
        iso = bare_date(texts[i])
        if iso and _issuer_line(texts[i - 1]):
            h.date = iso
            return


def _read_title(texts: list[str], h: Header) -> None:
    """The title from the notice title (``关于印发《X》的通知``) or the notice's sentence
    (``现将《X》印发给你们``) when no line of its own holds it; a mirror's name in front of
    the notice title (``365-体育在线办公厅关于…``) is no issuer and no part of the title."""
    m = re.match(r"^(.+?)关于", h.notice_title)
    if m and _mirror_name(m.group(1)):
        h.notice_title = h.notice_title[m.end(1) :]
    if not h.title and h.notice_title:
        m = re.search(r"印发(?:《|〈)?(.+?)(?:》|〉)?的通知$", h.notice_title)
        h.title = m.group(1) if m else h.notice_title
    for text in texts:
        quoted = _QUOTED_TITLE.search(text)
        if not h.title and quoted and is_title_line(quoted.group("t")):
            h.title = quoted.group("t")


def read_header(texts: list[str], warn: Callable[[int, str], None]) -> Header:
    """Header fields from the lines above the first section; *warn* gets what is missing."""
    h = Header()
    h.notice_title, at = _notice_title(texts)
    for text in texts:
        m = RE_DOC_NUMBER.search(text)
        # Its own line, or at either end of the notice title; not cited in the intro sentence.
        at_edge = m is not None and (m.start() == 0 or m.end() >= len(text) - 1)
        if m and (len(text) <= 40 or at_edge) and not h.doc_number:
            h.doc_number = f"{m.group('prefix')}〔{m.group('year')}〕{m.group('n')}号"
        dated = date_of(text)
        if dated and not h.date:
            h.date = dated[1]
            if dated[0] and _ISSUER_END.search(dated[0]):
                h.issuer = h.issuer or dated[0]
        if not h.title:
            h.title = title_text(text)
    _read_signature(texts, h)
    _read_title(texts, h)
    if not h.title and texts:
        h.title = next((t for t in texts if not t.endswith("：")), texts[0])[:60]
        warn(0, "未找到要点名称（如“2016年政务公开工作要点”），已用第一行代替，请在导入后核对。")
    elif not h.title:
        h.title = "工作要点"
        warn(0, "未找到要点名称（如“2016年政务公开工作要点”），暂称“工作要点”，请在导入后核对。")
    if h.notice_title and not h.notice_title.startswith("关于"):
        m = re.match(r"^(.+?)关于", h.notice_title)
        h.issuer = m.group(1) if m else h.issuer
    elif h.notice_title and at > 0 and _issuer_line(texts[at - 1]):
        h.issuer = _issuer_line(texts[at - 1])
        h.notice_title = h.issuer + h.notice_title
    if not h.issuer:
        for i, text in enumerate(texts):
            if (date_of(text) or bare_date(text)) and i > 0 and _issuer_line(texts[i - 1]):
                h.issuer = _issuer_line(texts[i - 1])
                break
    if not h.date:
        h.date = _meta_date(texts)
    if not h.issuer:
        h.issuer = next(
            (
                m.group("who")
                for t in texts
                if (m := _META_ISSUER.search(t)) and _issuer_line(m.group("who"))
            ),
            "",
        )
    if not h.doc_number:
        warn(0, "未找到发文字号（如“大政办发〔2016〕125号”）。")
    if not h.date:
        warn(0, "未找到成文日期。")
    return h


def title_text(text: str) -> str:
    """The 要点's own title on *text*, freed of what a page put in front of it — a breadcrumb,
    ``附件：``, a mirror's name in place of the place's (``365bet…网址2022年…清单``) — or ""."""
    text = _ATTACHMENT.sub("", _BREADCRUMB.sub("", text))
    year = _YEAR_START.search(text)
    if year and _LATIN.search(text[: year.start()]):
        text = text[year.start() :]
    return text if is_title_line(text) else ""


def is_title_line(text: str) -> bool:
    """``2017年辽东省政务公开工作要点``, ``…任务分工（2016-2020年）``: a 要点's own title."""
    return (
        bool(RE_TITLE.search(text))
        and bool(RE_YEAR.search(text))
        and len(text) <= 50
        and "关于" not in text
        and not text.startswith("《")  # 《…要点》已经…同意 is the notice's sentence
    )


def find_closing(text: str) -> Closing | None:
    """The deadline and the office the report goes to, if *text* says so."""
    m = RE_CLOSING.search(text)
    if not m:
        return None
    to = m.group("to") or m.group("to2")
    if m.group("to2") and not re.search(r"情况|报告|总结", text):
        return None  # "将计划报市政府办公厅" is a task, not the report's address
    month = _num(m.group("m"))
    if not 1 <= month <= 12:
        return None
    day = _num(m.group("d")) if m.group("d") else month_end(month)
    year = int(m.group("y")) if m.group("y") else 0
    return Closing(month, day, year, to)


def is_closing_alt(text: str) -> bool:
    """A closing without a date: ``各单位要及时报送落实情况``."""
    return bool(RE_CLOSING_ALT.search(text)) and any(
        w in text for w in ("各地区", "各部门", "各单位")
    )


def month_end(month: int) -> int:
    return 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28
