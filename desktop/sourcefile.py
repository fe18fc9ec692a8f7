"""Read a 要点 document into lines of text, whatever it came as.

Accepted: ``.txt`` in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; ``.docx``
(paragraphs and table cells in reading order, Word's automatic numbering written out).
Refused with a one-line Chinese reason: empty files, old ``.doc``, PDF, other binaries, zip
bombs, files too large to be a 要点.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from lxml import etree

MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_XML_BYTES = 50 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# lxml parser that never resolves entities, loads DTDs or touches the network.
SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class SourceError(Exception):
    """The file cannot be read as a 要点; ``str()`` is a one-line Chinese reason."""


@dataclass
class SourceText:
    lines: list[str]
    kind: str  # "txt" or "docx"
    encoding: str


def read_source(path: Path) -> SourceText:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise SourceError(f"找不到文件：{path}") from exc
    except OSError as exc:
        raise SourceError(f"无法读取文件 {path.name}：{exc.strerror or exc}") from exc
    if path.is_dir():
        raise SourceError(f"{path.name} 是文件夹，请选择要点文件（.txt 或 .docx）。")
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"文件 {path.name} 太大（{size // 1024 // 1024} MB），不像是要点文件。")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"无法读取文件 {path.name}：{exc.strerror or exc}") from exc
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
    return SourceText(text.splitlines(), "txt", encoding)


def decode_text(data: bytes, name: str = "文件") -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise SourceError(
            f"{name} 不是文本文件（含有二进制数据），请选择 .txt 或 .docx 格式的要点。"
        )
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"{name} 的文字编码无法识别（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 文本后导入。"
            ) from exc
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\x0b\x0c")
    if controls > max(8, len(text[:20000]) // 50):
        raise SourceError(
            f"{name} 不是文本文件（含有大量控制字符），请选择 .txt 或 .docx 格式的要点。"
        )
    return text, encoding


# -- .docx ------------------------------------------------------------------------------------


def docx_lines(data: bytes, name: str = "文件") -> list[str]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise SourceError(f"{name} 已损坏，无法作为 Word 文件打开。") from exc
    with archive:
        document = _read_member(archive, "word/document.xml", name)
        if document is None:
            raise SourceError(f"{name} 不是 Word 文档（缺少正文部分）。")
        numbering_xml = _read_member(archive, "word/numbering.xml", name)
    try:
        root = etree.fromstring(document, SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"{name} 的正文已损坏，无法读取。") from exc
    numbering = _Numbering(numbering_xml)
    body = root.find(f"{W}body")
    if body is None:
        raise SourceError(f"{name} 不是 Word 文档（缺少正文部分）。")
    lines: list[str] = []
    for block in body:
        if block.tag == f"{W}p":
            lines.append(numbering.label(block) + _paragraph_text(block))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                for cell in row.iter(f"{W}tc"):
                    for p in cell.iter(f"{W}p"):
                        lines.append(numbering.label(p) + _paragraph_text(p))
    return lines


def _read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes | None:
    try:
        info = archive.getinfo(member)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES or (
        info.compress_size and info.file_size / info.compress_size > 200
    ):
        raise SourceError(f"{name} 的内容异常庞大（疑似压缩炸弹），已拒绝读取。")
    try:
        with archive.open(info) as fh:
            blob = fh.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SourceError(f"{name} 已损坏，无法作为 Word 文件打开。") from exc
    if len(blob) > MAX_XML_BYTES:
        raise SourceError(f"{name} 的内容异常庞大（疑似压缩炸弹），已拒绝读取。")
    return blob


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


_CN_DIGITS = "一二三四五六七八九十"


def _format_counter(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "chineseLegalSimplified",
        "ideographDigital",
        "taiwaneseCounting",
    ):
        from desktop.catalogue import cn_number

        return cn_number(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Writes out Word's automatic list numbers (``（一）``, ``1.``) as text, so a 要点 whose
    headings were numbered by Word reads the same as a typed one."""

    def __init__(self, xml: bytes | None) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.abstract_of: dict[str, str] = {}
        if not xml:
            return
        try:
            root = etree.fromstring(xml, SAFE_XML)
        except etree.XMLSyntaxError:
            return
        levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for absn in root.iter(f"{W}abstractNum"):
            aid = absn.get(f"{W}abstractNumId", "")
            for lvl in absn.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                fmt = _val(lvl.find(f"{W}numFmt"), "decimal")
                text = _val(lvl.find(f"{W}lvlText"), "")
                start = int(_val(lvl.find(f"{W}start"), "1") or 1)
                levels.setdefault(aid, {})[ilvl] = (fmt, text, start)
        for num in root.iter(f"{W}num"):
            nid = num.get(f"{W}numId", "")
            aid = _val(num.find(f"{W}abstractNumId"), "")
            self.abstract_of[nid] = aid
            for ilvl, spec in levels.get(aid, {}).items():
                self.formats[(nid, ilvl)] = spec

    def label(self, p: etree._Element) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            return ""
        nid = _val(num_pr.find(f"{W}numId"), "")
        ilvl = int(_val(num_pr.find(f"{W}ilvl"), "0") or 0)
        if (nid, ilvl) not in self.formats:
            return ""
        key = self.abstract_of.get(nid, nid)
        counters = self.counters.setdefault(key, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, start = self.formats[(nid, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start

        def repl(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            spec = self.formats.get((nid, lvl), (fmt, "", 1))
            return _format_counter(counters[lvl] or spec[2], spec[0])

        return re.sub(r"%(\d)", repl, text)


def _val(el: etree._Element | None, default: str) -> str:
    if el is None:
        return default
    return el.get(f"{W}val", default)
