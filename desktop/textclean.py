"""Text hygiene shared by the parser, the store and the report.

Text pasted from Word or Excel carries control characters (``\\x0b`` for a soft line break,
``\\x07`` cell marks, ``\\x0c`` page breaks) that XML 1.0 cannot hold: python-docx raises on them.
The store keeps what the clerk typed; the report cleans it here.
"""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids (plus the two non-characters), except tab, LF and CR.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SOFT_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")


def xml_safe(text: str) -> str:
    """Text python-docx and every XML writer accept: soft breaks become newlines,
    other control characters are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SOFT_BREAKS.sub("\n", text)
    return _XML_ILLEGAL.sub("", text)


def has_illegal_chars(text: str) -> bool:
    return bool(_XML_ILLEGAL.search(text))


# The one set of CJK ranges (for regex character classes): the ideographs (Extension A, the
# unified block, compatibility ideographs), and the punctuation and full-width forms set among them.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’《》"
_CJK_OR_PUNCT = re.compile(f"[{CJK}{CJK_PUNCT}]")


def _is_cjkish(ch: str) -> bool:
    return bool(ch) and bool(_CJK_OR_PUNCT.match(ch))


_HALF_PUNCT = re.compile(r"[,;:?!.()]")


def to_fullwidth_punct(text: str) -> str:
    """Official form of Chinese punctuation: half-width ``, ; : ( ) . ? !`` beside Chinese
    text become full-width; numbers (``1.5``), Latin words and URLs keep theirs."""
    if not _HALF_PUNCT.search(text):
        return text
    out: list[str] = []
    n = len(text)
    depth: list[bool] = []  # for each open "(": was it converted?
    for i, ch in enumerate(text):
        prev = out[-1] if out else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in ",;:?!":
            if _is_cjkish(prev) or (_is_cjkish(nxt) and not prev.isascii()):
                ch = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}[ch]
            elif _is_cjkish(nxt) and prev and not prev.isalnum():
                ch = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}[ch]
            elif _is_cjkish(nxt) and prev.isdigit() and ch in ",;":
                ch = {",": "，", ";": "；"}[ch]
        elif ch == ".":
            if (_is_cjkish(prev) or prev in "”’）") and (
                not nxt or not nxt.isascii() or nxt in " ("
            ):
                ch = "。"
        elif ch == "(":
            convert = not prev or _is_cjkish(prev) or prev.isspace() or _cjk_inside(text, i)
            depth.append(convert)
            if convert:
                ch = "（"
        elif ch == ")":
            if depth:
                if depth.pop():
                    ch = "）"
            elif _is_cjkish(prev):
                ch = "）"
        out.append(ch)
    return "".join(out)


_HAN = re.compile(f"[{CJK}]")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|…+|⋯+")
# A number ending a Chinese sentence before a half-width full stop: “公开率达到100%.”, “共126.”.
# Only after a Chinese character, so a heading's ordinal “1.” and decimals “1.5” stay.
_NUMBER_STOP = re.compile(f"(?<=[{CJK}，、：；（“])(\\d+(?:\\.\\d+)?%?)\\.(?=[{CJK}“《（]|$)")
_QUOTES = {'"': ("“", "”"), "'": ("‘", "’")}
# …but a list's ordinal after a separator stays: “措施：1.建立台账；2.公开进展” (a sentence never
# ends in a bare one- or two-digit number right after ；or ：).
_ORDINAL = re.compile(r"\d{1,2}")


def _number_stop(match: re.Match[str]) -> str:
    number = match.group(1)
    after_separator = match.start() == 0 or match.string[match.start() - 1] in "，、：；（“"
    ends_text = match.end() == len(match.string)
    if after_separator and not ends_text and _ORDINAL.fullmatch(number):
        return match.group(0)
    return number + "。"


def _quotes(text: str, ascii_mark: str) -> str:
    """ASCII quotes typed on an English keyboard → Chinese ones, opening and closing in turn
    (a Chinese quote already there counts: ``“谁公开谁审查"`` closes with ``”``)."""
    opening, closing = _QUOTES[ascii_mark]
    if ascii_mark not in text:
        return text
    out: list[str] = []
    is_open = False
    for i, ch in enumerate(text):
        if ch == opening:
            is_open = True
        elif ch == closing:
            is_open = False
        elif ch == ascii_mark:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            # An apostrophe inside a Latin word (don't) is no quote.
            if (
                ascii_mark == "'"
                and prev.isascii()
                and prev.isalnum()
                and nxt.isascii()
                and nxt.isalnum()
            ):
                out.append(ch)
                continue
            ch = closing if is_open else opening
            is_open = not is_open
        out.append(ch)
    return "".join(out)


def _ellipsis(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if _is_cjkish(before) or _is_cjkish(after) or not (before or after):
        return "……"
    return match.group(0)


def chinese_punct(text: str) -> str:
    """Punctuation as a Chinese official text writes it, whatever keyboard typed it.

    On top of :func:`to_fullwidth_punct` (``, ; : ( ) . ? !`` beside Chinese): ASCII double and
    single quotes become “…” and ‘…’, ``...`` / ``。。。`` / a lone ``…`` beside Chinese become
    ``……``, and a half-width full stop after a number that ends a Chinese sentence (``100%.``)
    becomes ``。``. Text without any Chinese character is returned unchanged (a URL, an
    English name). Meant for one paragraph at a time: quotes pair up within it.
    """
    if not _HAN.search(text):
        return text
    text = _quotes(_quotes(text, '"'), "'")
    text = _ELLIPSIS.sub(_ellipsis, text)
    text = _NUMBER_STOP.sub(_number_stop, text)
    return to_fullwidth_punct(text)


def _cjk_inside(text: str, open_index: int) -> bool:
    close = text.find(")", open_index)
    inner = text[open_index + 1 : close if close != -1 else len(text)]
    return bool(re.search(f"[{CJK}]", inner))


def normalise_space(text: str) -> str:
    """Strip ideographic and no-break spaces used for indentation; collapse inner runs."""
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip()


# Shortening text for people. Each way says what it keeps; pick by what the reader needs.


def clip(text: str, limit: int) -> str:
    """The first *limit* characters and “…” when there are more (a quote in a message)."""
    return text if len(text) <= limit else text[:limit] + "…"


def visible(text: str) -> str:
    """*text* with every unprintable character shown as ``⟨U+200B⟩`` (for a message that quotes
    a key or name from a file: an invisible character must not make two names look alike)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else invisible_mark(ch) for ch in text)


def invisible_mark(ch: str) -> str:
    return f"⟨U+{ord(ch):04X}⟩"


def columns(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_columns(text: str, limit: int) -> str:
    """*text* cut to fit *limit* terminal columns, “…” included (a CLI line)."""
    if columns(text) <= limit:
        return text
    while columns(text) > limit - 2:
        text = text[:-1]
    return text + "…"


def cut_list(text: str, room: int, keep: int) -> str:
    """A too-long enumeration ended the Chinese way, with 等: cut at the last 顿号 within *room*
    characters when at least *keep* stay, else at *room* (callers first check it is too long)."""
    cut = text.rfind("、", 0, room)
    return (text[:cut] if cut >= keep else text[:room]) + "等"


def abridge(text: str, limit: int, keep: int = 6) -> str:
    """*text* in at most *limit* characters, 等 included (:func:`cut_list`): a label."""
    return text if len(text) <= limit else cut_list(text, limit - 1, keep)


_PASTE_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean_pasted(text: str) -> str:
    """Text pasted from Word/Excel as a clerk expects it: soft line breaks (\\x0b), page breaks
    and paragraph separators become newlines, other control characters (cell marks \\x07,
    NULs) are dropped; tabs and newlines stay."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SOFT_BREAKS.sub("\n", text)
    return _PASTE_DROP.sub("", text)


def quoted(text: str) -> str:
    """*text* in Chinese double quotes; quotes inside it become single ones, as Chinese prose
    nests them: “已实现‘1个部门只有1个网站’”, never “已实现“1个部门只有1个网站””."""
    inner = text.replace("“", "‘").replace("”", "’").replace('"', "’")
    return f"“{inner}”"


_NUMBER_NOISE = re.compile(r"[\s,，、']")


def number_text(text: str, unit: str = "") -> str:
    """What a clerk typed or pasted into a number field, as plain ASCII digits: full-width
    digits from a Chinese input method (１２ → 12, ．→ .), thousands separators and spaces
    dropped (1,260 → 1260), the field's own unit after the number dropped (12次 → 12).
    Anything else is left for the field to refuse."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("。", ".").replace("－", "-").replace("−", "-")
    text = _NUMBER_NOISE.sub("", text)
    if unit and text.endswith(unit):
        text = text[: -len(unit)]
    return text
