"""Read a 要点 document into lines of text, whatever it came as.

Accepted: ``.txt`` in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; ``.docx``
(paragraphs and table cells in reading order, Word's automatic numbering written out).
Refused with a one-line Chinese reason: empty files, old ``.doc``, PDF, other binaries, zip
bombs, files too large to be a 要点.

A ``.docx`` table row comes back as *one* line whose cells are joined by :data:`CELL_SEP` (and
the paragraphs inside a cell by :data:`PARA_SEP`), so the parser can tell columns apart
(``任务 | 牵头单位 | 配合单位 | 完成时限``) exactly as it does for a tab- or ``|``-separated row
in a ``.txt`` copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from desktop.errors import UserError
from desktop.numerals import cn_number
from desktop.textclean import CJK

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
CELL_SEP = "\x1f"
PARA_SEP = "\x1e"
MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_XML_BYTES = 50 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# lxml parser that never resolves entities, loads DTDs or touches the network.
SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class SourceError(UserError):
    """The file cannot be read as a 要点; ``str()`` is a one-line Chinese reason."""


@dataclass
class SourceText:
    lines: list[str]
    kind: str  # "txt" or "docx"
    encoding: str


def read_source(path: Path) -> SourceText:
    from desktop.safeio import UnreadableFile, read_bounded

    try:
        # Bounded, regular files only: /dev/zero or a FIFO is refused, never read forever.
        data = read_bounded(path, MAX_SOURCE_BYTES, "要点文件")
    except UnreadableFile as exc:
        raise SourceError(str(exc)) from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str = "文件") -> SourceText:
    if not data.strip():
        raise SourceError(f"{name} 是空文件，没有可导入的内容。")
    if data.startswith(b"PK\x03\x04"):
        return SourceText(docx_lines(data, name), "docx", "utf-8")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(
            f"{name} 是旧版 Word（.doc）文件，无法直接读取。请在 Word 或 WPS 中“另存为”.docx 后再导入。"
        )
    if data.startswith(b"%PDF"):
        raise SourceError(
            f"{name} 是 PDF 文件，无法可靠提取文字。请使用原始 Word 文件或复制正文另存为 .txt 后导入。"
        )
    if data.startswith(b"{\\rtf"):
        raise SourceError(f"{name} 是 RTF 文件，请在 Word 或 WPS 中另存为 .docx 后再导入。")
    text, encoding = decode_text(data, name)
    if not text.strip():  # only a BOM, or ideographic spaces
        raise SourceError(f"{name} 是空文件，没有可导入的内容。")
    return SourceText(text.splitlines(), "txt", encoding)


def decode_text(data: bytes, name: str = "文件") -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # An odd byte count (a file cut short) loses its last half-character, not the file.
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:4096]:
        raise SourceError(
            f"{name} 不是文本文件（含有二进制数据），请选择 .txt 或 .docx 格式的要点。"
        )
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = _best_legacy_decoding(data)
        if best is None:
            raise SourceError(
                f"{name} 的文字编码无法识别（既不是 UTF-8 也不是 GBK/Big5），"
                "请用记事本或 WPS 另存为 UTF-8 文本后导入。"
            ) from None
        text, encoding = best
    controls = len(_CONTROLS.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 50):
        raise SourceError(
            f"{name} 不是文本文件（含有大量控制字符），请选择 .txt 或 .docx 格式的要点。"
        )
    return text, encoding


# Frequent characters of official Chinese text, simplified and traditional: a decoding that
# yields few of them is the wrong one (Big5 bytes decode "successfully" as GB18030 garbage).
_COMMON = set(
    "的一是在不了有和人这中大为上国以要时来们到作地于出分对成会可主发年动同工能下过子产种面"
    "而方后多定行学法所民得经三之进等部度家力里如水化高自二理起小现实加量都两体制机当使点从业"
    "本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看"
    "原又利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展五果"
    "料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期"
    "根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导"
    "器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车"
    "例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广"
    "石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备"
    "半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效"
    "斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    "們這國為來對開發會與動體過樣機點實現種經義說後當從關還應務報導務開單責門縣區辦廳員總"
    "議進將業資濟財稅監審計衛環護農長處廣鄉鎮網絡訊聞傳論評價標準規範劃類項據態權線試驗證"
    "書記錄級屬學習醫療藥災難貧戶費徵錢買賣場產勞層廠舊號時間問題決採選設係統組織響圍執紀"
)


_HAN = re.compile(f"[{CJK}]")


def _plausibility(text: str) -> float:
    cjk = _HAN.findall(text, 0, 20000)
    if not cjk:
        return 0.0
    return sum(1 for ch in cjk if ch in _COMMON) / len(cjk)


def _best_legacy_decoding(data: bytes) -> tuple[str, str] | None:
    """GB18030 (covers GBK/GB2312) or Big5 (traditional reprints from Taiwan/Hong Kong sites):
    whichever decodes and reads like Chinese text."""
    found: list[tuple[float, str, str]] = []
    for codec in ("gb18030", "cp950"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        found.append((_plausibility(text), text, codec))
    if not found:
        return None
    score, text, codec = max(found, key=lambda f: f[0])
    return text, "big5" if codec == "cp950" else codec


# -- .docx ------------------------------------------------------------------------------------


def docx_lines(data: bytes, name: str = "文件") -> list[str]:
    from desktop.safezip import Limits, UnsafeArchive, open_bytes

    limits = Limits(archive_bytes=MAX_SOURCE_BYTES, xml_bytes=MAX_XML_BYTES)
    try:
        # Encryption, unknown compression, bombs and member counts are refused up front.
        with open_bytes(data, name, limits) as archive:
            document = archive.read_optional("word/document.xml")
            if document is None:
                raise SourceError(f"{name} 不是 Word 文档（缺少正文部分）。")
            numbering_xml = archive.read_optional("word/numbering.xml")
            styles_xml = archive.read_optional("word/styles.xml")
    except UnsafeArchive as exc:
        raise SourceError(f"{exc}。") from exc
    try:
        root = etree.fromstring(document, SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"{name} 的正文已损坏，无法读取。") from exc
    numbering = _Numbering(numbering_xml, styles_xml)
    body = root.find(f"{W}body")
    if body is None:
        raise SourceError(f"{name} 不是 Word 文档（缺少正文部分）。")
    lines: list[str] = []
    _walk(body, numbering, lines)
    return lines


def _walk(parent: etree._Element, numbering: _Numbering, lines: list[str]) -> None:
    """Body-level blocks in reading order; content controls (``w:sdt``) and ``w:customXml``
    wrappers are looked into, not skipped."""
    for block in parent:
        tag = block.tag
        if tag == f"{W}p":
            lines.append(numbering.label(block) + _paragraph_text(block))
        elif tag == f"{W}tbl":
            for row in block.findall(f"{W}tr"):
                lines.append(_row_text(row, numbering))
        elif tag in (f"{W}sdt", f"{W}customXml"):
            content = block.find(f"{W}sdtContent") if tag == f"{W}sdt" else block
            if content is not None:
                _walk(content, numbering, lines)


def _row_text(row: etree._Element, numbering: _Numbering) -> str:
    """Cells of a row in grid order: a cell spanning columns is followed by empty ones, so a
    section row spanning the table does not shift the columns of the rows below."""
    before = row.find(f"{W}trPr/{W}gridBefore")
    cells: list[str] = [""] * min(_int(_val(before, "0"), 0), 50) if before is not None else []
    for cell in _row_cells(row):
        paras = [numbering.label(p) + _paragraph_text(p) for p in cell.iter(f"{W}p")]
        cells.append(PARA_SEP.join(paras))
        span = cell.find(f"{W}tcPr/{W}gridSpan")
        if span is not None:
            cells.extend([""] * min(max(_int(_val(span, "1"), 1) - 1, 0), 50))
    return CELL_SEP.join(cells)


def _row_cells(row: etree._Element) -> list[etree._Element]:
    cells: list[etree._Element] = []
    for child in row:
        if child.tag == f"{W}tc":
            cells.append(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                cells.extend(content.findall(f"{W}tc"))
    return cells


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append(" ")
    return "".join(parts)


def _format_counter(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "chineseLegalSimplified",
        "ideographDigital",
        "taiwaneseCounting",
    ):
        # Chinese counting is only ever written for headings 一 … 九十九; a list that Word
        # starts at 0 or 1000 keeps its digits (and then reads as no heading at all).
        return cn_number(n) if 1 <= n <= 99 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Writes out Word's automatic list numbers (``一、``, ``（一）``, ``1.``) as text, so a 要点
    whose headings were numbered by Word reads the same as a typed one.

    Numbering comes from the paragraph's own ``w:numPr`` or from its style's (headings are often
    numbered through a linked style); ``w:lvlOverride/w:startOverride`` restarts a list.
    """

    def __init__(self, xml: bytes | None, styles_xml: bytes | None = None) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.key_of: dict[str, str] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        root = _parse_quietly(xml)
        if root is None:
            return
        levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for absn in root.iter(f"{W}abstractNum"):
            aid = absn.get(f"{W}abstractNumId", "")
            for lvl in absn.iter(f"{W}lvl"):
                levels.setdefault(aid, {})[_int(lvl.get(f"{W}ilvl"), 0)] = _level(lvl)
        for num in root.iter(f"{W}num"):
            nid = num.get(f"{W}numId", "")
            aid = _val(num.find(f"{W}abstractNumId"), "")
            specs = dict(levels.get(aid, {}))
            restarted = False
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    specs[ilvl] = _level(lvl)
                start = override.find(f"{W}startOverride")
                if start is not None and ilvl in specs:
                    fmt, text, _ = specs[ilvl]
                    specs[ilvl] = (fmt, text, _int(_val(start, "1"), 1))
                    restarted = True
            # Lists sharing an abstract definition continue each other's count unless restarted.
            self.key_of[nid] = f"n{nid}" if restarted else f"a{aid}"
            for ilvl, spec in specs.items():
                self.formats[(nid, ilvl)] = spec
        self._read_styles(styles_xml)

    def _read_styles(self, xml: bytes | None) -> None:
        root = _parse_quietly(xml)
        if root is None:
            return
        own: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for style in root.iter(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                nid_el = num_pr.find(f"{W}numId")
                ilvl_el = num_pr.find(f"{W}ilvl")
                own[sid] = (
                    _val(nid_el, "") if nid_el is not None else None,
                    _int(_val(ilvl_el, "0"), 0) if ilvl_el is not None else None,
                )
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based[sid] = _val(parent, "")
        for sid in set(own) | set(based):
            nid: str | None = None
            ilvl: int | None = None
            seen: set[str] = set()
            cur: str | None = sid
            while cur and cur not in seen and (nid is None or ilvl is None):
                seen.add(cur)
                n, i = own.get(cur, (None, None))
                nid = nid if nid is not None else n
                ilvl = ilvl if ilvl is not None else i
                cur = based.get(cur)
            if nid:
                self.style_num[sid] = (nid, ilvl or 0)

    def label(self, p: etree._Element) -> str:
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            return ""
        nid, ilvl = "", 0
        style = ppr.find(f"{W}pStyle")
        if style is not None and _val(style, "") in self.style_num:
            nid, ilvl = self.style_num[_val(style, "")]
        num_pr = ppr.find(f"{W}numPr")
        if num_pr is not None:
            nid_el = num_pr.find(f"{W}numId")
            ilvl_el = num_pr.find(f"{W}ilvl")
            if nid_el is not None:
                nid = _val(nid_el, "")
            if ilvl_el is not None:
                ilvl = _int(_val(ilvl_el, "0"), 0)
        if not nid or nid == "0" or (nid, ilvl) not in self.formats or not 0 <= ilvl < 9:
            return ""
        counters = self.counters.setdefault(self.key_of.get(nid, nid), [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, start = self.formats[(nid, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start

        def repl(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            spec = self.formats.get((nid, lvl), (fmt, "", 1))
            return _format_counter(counters[lvl] or spec[2], spec[0])

        return re.sub(r"%([1-9])", repl, text)


def _level(lvl: etree._Element) -> tuple[str, str, int]:
    fmt = _val(lvl.find(f"{W}numFmt"), "decimal")
    text = _val(lvl.find(f"{W}lvlText"), "")
    start = _int(_val(lvl.find(f"{W}start"), "1"), 1)
    return fmt, text, start


def _parse_quietly(xml: bytes | None) -> etree._Element | None:
    """Numbering and styles are a nicety: a damaged part means plain text, not a refusal."""
    if not xml:
        return None
    try:
        return etree.fromstring(xml, SAFE_XML)
    except etree.XMLSyntaxError:
        return None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _val(el: etree._Element | None, default: str) -> str:
    if el is None:
        return default
    return el.get(f"{W}val", default)
