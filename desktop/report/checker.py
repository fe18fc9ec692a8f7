"""``check-docx``: where a .docx deviates from GB/T 9704-2012 (ours or one a clerk edited).

It reads what Word would show, not what our writer meant: for every paragraph the *effective*
font (run → character style → paragraph style chain → document defaults, with a theme font
winning where Word lets it), size, line spacing and indent. Paragraph roles are found from the
text the way a reader finds them: the title before the 主送 line, headings by their ordinals
(``一、`` ``（一）`` ``1.`` ``（1）``), the date by its form, ``附件`` on an attachment page.
Tables (the 落实情况表) may use a smaller font and are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.errors import UserError
from desktop.report import rules as R
from desktop.textclean import CJK, clip

if TYPE_CHECKING:
    from lxml.etree import _Element

from desktop.report.effective import Resolver as _Resolver
from desktop.report.effective import w as _w

MAX_BYTES = 60 * 1024 * 1024


class CheckError(UserError):
    """The file cannot be checked at all (not a .docx, damaged, unreadable)."""


@dataclass(frozen=True)
class Deviation:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}：{self.problem}"


# -- roles --------------------------------------------------------------------------------------

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^（[一二三四五六七八九十]+）")
_H3 = re.compile(r"^\d+[.．]")
_NEXT_ATTACHMENT = re.compile(r"^\d+[.．]\S")
_H4 = re.compile(r"^（\d+）")
_DATE = re.compile(
    r"^[0-9０-９〇零一二三四五六七八九十○Ｏ]{4}年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日$"
)
_GOOD_DATE = re.compile(r"^\d{4}年[1-9]\d?月[1-9]\d?日$")
# A date line left to be written by hand: “    年  月  日”.
_BLANK_DATE = re.compile(r"^[\s\u3000_＿]*年[\s\u3000_＿]*月[\s\u3000_＿]*日$")
_ATTACH_LABEL = re.compile(r"^附件\d*$")
_WRONG_NUMBER_BRACKETS = re.compile(r"[\[【(（]\s*(19|20)\d{2}\s*[\]】)）]\s*\d+号")
_CJK = re.compile(f"[{CJK}]")


@dataclass
class _Para:
    index: int  # 1-based among the document's body paragraphs
    el: Any
    text: str
    role: str = "body"


EXPECT: dict[str, tuple[str, float, str]] = {
    # role → (font, size, what a reader calls it)
    "title": (R.XBS, R.SIZE_2, "标题"),
    "recipient": (R.FANGSONG, R.SIZE_3, "主送机关"),
    "body": (R.FANGSONG, R.SIZE_3, "正文"),
    "h1": (R.HEITI, R.SIZE_3, "一级标题"),
    "h2": (R.KAITI, R.SIZE_3, "二级标题"),
    "h3": (R.FANGSONG, R.SIZE_3, "三级标题"),
    "h4": (R.FANGSONG, R.SIZE_3, "四级标题"),
    "attachment_note": (R.FANGSONG, R.SIZE_3, "附件说明"),
    "attachment_note_more": (R.FANGSONG, R.SIZE_3, "附件说明"),
    "signature": (R.FANGSONG, R.SIZE_3, "发文机关署名"),
    "date": (R.FANGSONG, R.SIZE_3, "成文日期"),
    "note": (R.FANGSONG, R.SIZE_3, "附注"),
    "attachment_label": (R.HEITI, R.SIZE_3, "附件标识"),
    "attachment_title": (R.XBS, R.SIZE_2, "附件标题"),
}
_HEADING_ROLES = ("h1", "h2", "h3", "h4")
_INDENTED_ROLES = ("body", "h1", "h2", "h3", "h4", "attachment_note", "note")


def _para_text(p: _Element) -> str:
    parts = []
    for el in p.iter(_w("t"), _w("br"), _w("tab")):
        if el.tag == _w("t"):
            parts.append(el.text or "")
        elif el.tag == _w("br") and el.get(_w("type"), "textWrapping") == "textWrapping":
            parts.append("\n")
        elif el.tag == _w("tab"):
            parts.append("\t")
    return "".join(parts)


def _has_page_break_before(p: _Element, resolver: _Resolver) -> bool:
    value = resolver.para_attr(p, "pageBreakBefore", "val")
    if value is None:
        found = any(lvl.find(_w("pageBreakBefore")) is not None for lvl in resolver.para_levels(p))
        return found
    return value not in ("0", "false", "off")


def _assign_roles(paras: list[_Para], resolver: _Resolver) -> list[Deviation]:
    problems: list[Deviation] = []
    texts = [p for p in paras if p.text.strip()]
    if not texts:
        return [Deviation("正文", "文件中没有文字")]
    # 主送 is the first short line ending with a colon among the opening paragraphs.
    recipient = next(
        (
            p
            for p in texts[1:8]
            if p.text.strip().endswith(("：", ":")) and len(p.text.strip()) <= 40
        ),
        None,
    )
    attach_start = None
    after_section = {
        paras[i + 1].index
        for i, p in enumerate(paras[:-1])
        if p.el.find(f"{_w('pPr')}/{_w('sectPr')}") is not None
    }
    for p in texts:
        starts_page = (
            _has_page_break_before(p.el, resolver)
            or p.el.find(f".//{_w('br')}[@{_w('type')}='page']") is not None
            or p.index in after_section
        )
        if _ATTACH_LABEL.match(p.text.strip()) and (starts_page or p is not texts[0]):
            attach_start = p
            break
    end = attach_start.index if attach_start else 10**9
    if recipient is None:
        problems.append(
            Deviation(
                "主送机关", "没有找到主送机关（如“市政府办公厅：”），应在标题下空一行顶格编排"
            )
        )
        first_body = 1
    else:
        recipient.role = "recipient"
        first_body = recipient.index + 1
    for p in texts:
        if p.index < (recipient.index if recipient else texts[0].index + 1):
            p.role = "title"
    main = [p for p in texts if first_body <= p.index < end]
    date = next(
        (p for p in reversed(main) if _DATE.match(p.text.strip()) or _BLANK_DATE.match(p.text)),
        None,
    )
    if date is None:
        problems.append(Deviation("成文日期", "没有找到成文日期（如“2016年11月28日”）"))
    else:
        date.role = "date"
        before = [p for p in main if p.index < date.index]
        if (
            before
            and not before[-1].text.strip().endswith(("。", "："))
            and not _H1.match(before[-1].text)
        ):
            before[-1].role = "signature"
        for p in main:
            if p.index > date.index:
                p.role = "note"
    previous = ""
    for p in main:
        if p.role != "body":
            previous = p.role
            continue
        t = p.text.strip()
        if t.startswith("附件：") or t.startswith("附件:"):
            p.role = "attachment_note"
        elif previous.startswith("attachment_note") and _NEXT_ATTACHMENT.match(t):
            p.role = "attachment_note_more"  # ``2.name`` under ``附件：1.name``
        elif _H1.match(t):
            p.role = "h1"
        elif _H2.match(t):
            p.role = "h2"
        elif _H4.match(t):
            p.role = "h4"
        elif _H3.match(t):
            p.role = "h3"
        previous = p.role
    if attach_start is not None:
        attach_start.role = "attachment_label"
        rest = [p for p in texts if p.index > attach_start.index]
        if rest:
            rest[0].role = "attachment_title"
        for p in rest[1:]:
            p.role = "attachment_body"
    return problems


# -- the check ----------------------------------------------------------------------------------


def check_docx(source: Path | str | bytes, name: str | None = None) -> list[Deviation]:
    """Every deviation from GB/T 9704-2012 found in the file; empty when it conforms.

    Raises :class:`CheckError` (Chinese message) when the file is not a readable .docx.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from desktop.safezip import Limits, UnsafeArchive, checked_bytes, source_bytes

    limits = Limits(archive_bytes=MAX_BYTES)
    try:
        data, name = source_bytes(source, name, limits)
        if not data.startswith(b"PK"):
            raise CheckError(
                f"{name}：不是 Word（.docx）文件。如是 .doc 或 WPS 格式，请先另存为 .docx"
            )
        # Size, ratio, member count, encryption and compression method are checked on the
        # central directory before python-docx decompresses (and lxml parses) anything.
        data = checked_bytes(data, name, limits)
    except UnsafeArchive as exc:
        raise CheckError(str(exc)) from exc
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError) as exc:
        raise CheckError(f"{name}：不是有效的 Word（.docx）文件，或文件已损坏") from exc
    except Exception as exc:  # damaged XML inside the zip surfaces as lxml/zip errors
        raise CheckError(f"{name}：文件已损坏，无法读取") from exc

    problems: list[Deviation] = []
    problems += _check_pages(document)
    styles_el = document.styles.element if document.part._styles_part is not None else None
    resolver = _Resolver(styles_el)
    problems += _check_footers(document, resolver)
    body = document.element.body
    paras = [_Para(i, p, _para_text(p)) for i, p in enumerate(body.iterchildren(_w("p")), 1)]
    problems += _assign_roles(paras, resolver)
    problems += _check_paragraphs(paras, resolver)
    problems += _check_forms(paras)
    problems += check_tables(document)
    problems += check_headers(document)
    return problems


def _mm(emu: int | None) -> float:
    return (emu or 0) / 36000


def _check_pages(document) -> list[Deviation]:
    out: list[Deviation] = []
    # A landscape section holds the attachment table; the portrait part is "the" page setup.
    portrait = [s for s in document.sections if (s.page_width or 0) <= (s.page_height or 0)]
    for n, section in enumerate(document.sections, 1):
        where = "页面设置" if len(portrait) <= 1 else f"第{n}节页面设置"
        w, h = _mm(section.page_width), _mm(section.page_height)
        landscape = w > h
        pw, ph = (h, w) if landscape else (w, h)
        if abs(pw - R.PAGE_W_MM) > 1 or abs(ph - R.PAGE_H_MM) > 1:
            out.append(Deviation(where, f"纸张为{w:.0f}×{h:.0f} mm，应为 A4（210×297 mm）"))
            continue
        if landscape:
            continue  # a landscape table page: margins follow the rotated page
        for label, value, want in (
            ("上边距", section.top_margin, R.MARGIN_TOP_MM),
            ("下边距", section.bottom_margin, R.MARGIN_BOTTOM_MM),
            ("左边距", section.left_margin, R.MARGIN_LEFT_MM),
            ("右边距", section.right_margin, R.MARGIN_RIGHT_MM),
        ):
            got = _mm(value)
            if abs(got - want) > R.MARGIN_TOLERANCE_MM:
                out.append(Deviation(where, f"{label}为{got:.1f} mm，应为{want:g} mm"))
    return out


def _page_field_paragraph(footer_el: _Element) -> _Element | None:
    for el in footer_el.iter(_w("instrText"), _w("fldSimple")):
        instr = el.text if el.tag == _w("instrText") else el.get(_w("instr"))
        if instr and instr.strip().upper().startswith("PAGE"):
            p = el
            while p is not None and p.tag != _w("p"):
                p = p.getparent()
            return p
    return None


def _check_footers(document, resolver: _Resolver) -> list[Deviation]:
    out: list[Deviation] = []
    odd_even = document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    checks = [("页码（奇数页）" if odd_even else "页码", section.footer, "right")]
    if odd_even:
        checks.append(("页码（偶数页）", section.even_page_footer, "left"))
    else:
        out.append(Deviation("页码", "未设置奇偶页不同，双页码应居左、单页码居右"))
    if section.different_first_page_header_footer:
        checks.append(("页码（首页）", section.first_page_footer, "right"))
    for where, footer, side in checks:
        if footer.is_linked_to_previous:  # the first section: no footer of its own at all
            out.append(Deviation(where, "没有页脚，缺少页码"))
            continue
        p = _page_field_paragraph(footer._element)
        if p is None:
            out.append(Deviation(where, "页脚中没有页码域（PAGE）"))
            continue
        align = resolver.alignment(p)
        if side == "right" and align not in ("right", "end"):
            out.append(Deviation(where, "单页码应居右（右空一字）"))
        if side == "left" and align not in ("left", "start"):
            out.append(Deviation(where, "双页码应居左（左空一字）"))
        text = _para_text(p)
        if not re.search(r"[—－-]", text):
            out.append(Deviation(where, "页码两侧应各有一条一字线，如“— 1 —”"))
        runs = [r for r in p.iter(_w("r")) if r.find(_w("t")) is not None]
        if runs:
            r = runs[0]
            font = resolver.east_asia_font(p, r)
            size = resolver.size(p, r)
            if font not in R.FONT_ALIASES[R.SONGTI]:
                out.append(Deviation(where, f"字体为{font}，应为宋体"))
            if abs(size - R.SIZE_4) > 0.1:
                out.append(Deviation(where, f"字号为{size:g}磅，应为4号（14磅）"))
    return out


def _snippet(text: str) -> str:
    return clip(text.replace("\n", ""), 12)


def _collect(found: dict[tuple[str, str], list[_Para]], role: str, p: _Para, problem: str) -> None:
    found.setdefault((EXPECT[role][2] if role in EXPECT else "正文", problem), []).append(p)


def _check_paragraphs(paras: list[_Para], resolver: _Resolver) -> list[Deviation]:
    found: dict[tuple[str, str], list[_Para]] = {}
    for p in paras:
        if not p.text.strip() or p.role not in EXPECT:
            continue
        want_font, want_size, _label = EXPECT[p.role]
        runs = [r for r in p.el.iter(_w("r")) if (_para_text(r) or "").strip()]
        if p.role in _HEADING_ROLES[1:]:
            runs = runs[:1]  # run-in headings: only the heading part has the heading font
        seen: set[str] = set()
        for r in runs:
            if not _CJK.search(_para_text(r)):
                continue
            font = resolver.east_asia_font(p.el, r)
            if font not in R.FONT_ALIASES[want_font] and "font" not in seen:
                seen.add("font")
                _collect(found, p.role, p, f"中文字体为{font}，应为{want_font}")
            size = resolver.size(p.el, r)
            if abs(size - want_size) > 0.1 and "size" not in seen:
                seen.add("size")
                _collect(found, p.role, p, f"字号为{size:g}磅，应为{_size_name(want_size)}")
        if p.role in ("title", "attachment_title") and resolver.alignment(p.el) != "center":
            _collect(found, p.role, p, "应居中")
        if p.role in ("recipient", "attachment_label"):
            if abs(resolver.first_line_chars(p.el, want_size)) > 0.2:
                _collect(found, p.role, p, "应顶格（不缩进）")
        if p.role in _INDENTED_ROLES:
            indent = resolver.first_line_chars(p.el, want_size)
            if p.role == "attachment_note":
                left = int(resolver.para_attr(p.el, "ind", "leftChars") or 0) / 100
                indent += left if left else 0
            if abs(indent - 2) > 0.3:
                _collect(found, p.role, p, "首行应缩进2字")
        if p.role == "attachment_note_more":
            indent = resolver.first_line_chars(p.el, want_size)
            indent += int(resolver.para_attr(p.el, "ind", "leftChars") or 0) / 100
            if abs(indent - 5) > 0.3:
                _collect(found, p.role, p, "第二个起的附件名称应与第一个对齐（左空5字）")
        if p.role in ("body", "h1", "h2", "h3", "h4", "recipient", "signature", "date"):
            rule, value = resolver.line_spacing(p.el)
            low, high = R.LINE_TOLERANCE_PT
            if rule != "exact" or not low <= value <= high:
                shown = (
                    f"固定值{value:g}磅"
                    if rule == "exact"
                    else (f"最小值{value:g}磅" if rule == "atLeast" else f"{value:g}倍行距")
                )
                _collect(
                    found, p.role, p, f"行距为{shown}，应为固定值约{R.LINE_PT:g}磅（每页22行）"
                )
        if p.role == "date" and resolver.alignment(p.el) not in ("right", "end"):
            _collect(found, p.role, p, "应右对齐并右空4字")
    out = []
    for (label, problem), ps in found.items():
        where = f"{label}第{ps[0].index}段“{_snippet(ps[0].text)}”"
        if len(ps) > 1:
            where += f"等{len(ps)}处"
        out.append(Deviation(where, problem))
    return out


def _size_name(size: float) -> str:
    return {R.SIZE_2: "2号（22磅）", R.SIZE_3: "3号（16磅）", R.SIZE_4: "4号（14磅）"}.get(
        size, f"{size:g}磅"
    )


def _check_forms(paras: list[_Para]) -> list[Deviation]:
    from desktop.textclean import chinese_punct

    out: list[Deviation] = []
    title = "".join(p.text for p in paras if p.role == "title").replace("\n", "").strip()
    if title and not re.search(r"关于.+的报告$", title):
        out.append(Deviation("标题", f"“{_snippet(title)}”应为“××关于××的报告”的形式"))
    for p in paras:
        t = p.text.strip()
        if p.role == "recipient" and t.endswith(":"):
            out.append(Deviation("主送机关", f"“{t}”应使用全角冒号“：”"))
        if p.role == "date" and _BLANK_DATE.match(p.text):
            out.append(Deviation("成文日期", "未填写，请填写报告日期（如“2016年11月28日”）"))
        elif p.role == "date" and not _GOOD_DATE.match(t):
            out.append(
                Deviation(
                    "成文日期",
                    f"“{t}”应使用阿拉伯数字、年月日不编虚位（如“2016年11月8日”）",
                )
            )
        if p.role == "note" and not (t.startswith("（") and t.endswith("）")):
            out.append(Deviation("附注", f"“{_snippet(t)}”应加全角圆括号"))
        if p.role == "attachment_note" and t.startswith("附件:"):
            out.append(Deviation("附件说明", "“附件”后应使用全角冒号“：”"))
        if p.role == "attachment_note" and t[-1:] in "。；，.;,":
            out.append(Deviation("附件说明", "附件名称后不加标点符号"))
    wrong = [p for p in paras if _WRONG_NUMBER_BRACKETS.search(p.text)]
    if wrong:
        out.append(
            Deviation(
                f"第{wrong[0].index}段“{_snippet(wrong[0].text)}”",
                "发文字号的年份应使用六角括号“〔〕”，如“大政办发〔2016〕125号”",
            )
        )
    half = [
        p
        for p in paras
        # the 主送 line and 附件说明 have their own, more specific message above
        if p.role not in ("attachment_body", "recipient", "attachment_note")
        and p.text
        and chinese_punct(p.text) != p.text
    ]
    if half:
        where = f"第{half[0].index}段“{_snippet(half[0].text)}”" + (
            f"等{len(half)}处" if len(half) > 1 else ""
        )
        out.append(Deviation(where, _punct_problem(half[0].text)))
    return out


def _punct_problem(text: str) -> str:
    """What is wrong with the punctuation of *text*, as a clerk would fix it."""
    if re.search(r'["\']', text):
        return '中文中使用了英文引号（"…"），应使用中文引号“…”'
    if re.search(r"\.{3,}|。{3,}|(?<!…)…(?!…)", text):
        return "省略号应为“……”（不要用“...”或“。。。”）"
    return "中文中使用了半角标点，应使用全角标点（，。：；（））"


def check_tables(document) -> list[Deviation]:
    """Half-width punctuation, ASCII quotes and ``...`` in the text of table cells (addresses
    and Latin words keep theirs)."""
    from desktop.textclean import chinese_punct

    bad: list[tuple[int, int, str]] = []
    for t, table in enumerate(document.element.body.iter(_w("tbl")), 1):
        for r, row in enumerate(table.iter(_w("tr")), 1):
            for p in row.iter(_w("p")):
                text = _para_text(p).replace("\u200b", "")
                if text and chinese_punct(text) != text:
                    bad.append((t, r, text))
    if not bad:
        return []
    t, r, text = bad[0]
    where = f"第{t}个表格第{r}行“{_snippet(text)}”" + (f"等{len(bad)}处" if len(bad) > 1 else "")
    return [Deviation(where, _punct_problem(text))]


def check_headers(document) -> list[Deviation]:
    """A 草稿 mark in a page header: the file is a draft, not the report to send."""
    for section in document.sections:
        for header in (section.header, section.even_page_header, section.first_page_header):
            if header.is_linked_to_previous:
                continue
            text = "".join(_para_text(p) for p in header._element.iter(_w("p")))
            if "草稿" in text:
                return [
                    Deviation("页眉", "标有“草稿”：这是未定稿的报告。请审查定稿后重新导出，再报送")
                ]
    return []
