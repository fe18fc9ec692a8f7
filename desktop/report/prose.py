"""Chinese official prose from answers: clean text, sentences, dates, figures, title lines.

Everything a clerk typed passes :func:`clean` (XML-safe, full-width punctuation next to Chinese,
no indentation spaces) before it reaches a renderer; everything this module writes itself is
Chinese with full-width punctuation, and no value ever prints as ``None``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from desktop.dates import shown
from desktop.forms import FigureSpec
from desktop.textclean import CJK, CJK_PUNCT, chinese_punct, xml_safe

_END_PUNCT = "。！？；：…"
_CLOSERS = "”’）》」』"
_SPACES = " \t\u3000\xa0"
_DIGITS = "0123456789"


_CJK = f"{CJK}{CJK_PUNCT}—…"
# Spaces typed between Chinese characters (or beside Chinese punctuation) are noise in print;
# spaces between Latin words are kept.
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[{_CJK}])")


def _line(text: str) -> str:
    text = chinese_punct(text.strip(_SPACES))
    return _CJK_GAP.sub("", text).strip(_SPACES)


def clean(text: Any) -> str:
    """One cleaned line of text (inner newlines become nothing); '' for missing values."""
    if text is None or isinstance(text, bool):
        return ""
    return "".join(_line(line) for line in xml_safe(str(text)).split("\n"))


def paragraphs(text: Any) -> list[str]:
    """A clerk's multi-line answer as cleaned paragraphs (blank lines dropped)."""
    if text is None or isinstance(text, bool):
        return []
    return [line for line in map(_line, xml_safe(str(text)).split("\n")) if line]


def sentence(text: str) -> str:
    """End *text* as a sentence: add ``。`` unless it already ends with closing punctuation;
    a trailing comma or 顿号 becomes ``。``."""
    text = text.rstrip(_SPACES)
    if not text:
        return ""
    if text[-1] in "，、,;":
        text = text[:-1]
    stripped = text.rstrip(_CLOSERS)
    if stripped and stripped[-1] in _END_PUNCT:
        return text  # 。 or ！ already there, possibly inside closing quotes: “……。”
    return text + "。"


def join_clauses(parts: list[str]) -> str:
    """``a``, ``b``, ``c`` → ``a，b，c。`` (empty parts skipped)."""
    parts = [p.rstrip("。；，") for p in parts if p]
    return sentence("，".join(parts)) if parts else ""


_SENTENCE_END = re.compile(r"(?<=[。！？])(?![”’）》」』])|(?<=[。！？][”’）》」』])")


def split_sentences(text: str) -> list[str]:
    """Sentences of *text*, each with its closing punctuation (``……。``, ``……！”``)."""
    out = []
    for para in text.split("\n"):
        out += [s for s in _SENTENCE_END.split(para) if s.strip()]
    return out


_PREPOSITION = re.compile(r"^(?:对|在|按照|根据|围绕|针对|为了|为|通过|结合|经过|随着|截至)")


def first_clauses(text: str, limit: int) -> str:
    """The start of *text* in whole clauses, at most *limit* characters when that is possible:
    the first sentence, or as many of its clauses (up to a ，or ；) as fit. Never cut inside a
    clause and never an ellipsis: a table cell says less, but what it says is whole."""
    first = next(iter(split_sentences(text)), "").rstrip("。！？；，")
    if len(first) <= limit:
        return first
    clauses = re.split(r"(?<=[，；])", first)
    kept = clauses[0]
    for clause in clauses[1:]:
        # A clause opening with a preposition (对…, 截至…) says nothing alone: keep the next.
        alone = kept == clauses[0] and _PREPOSITION.match(kept)
        if len(kept) + len(clause) > limit and not alone:
            break
        kept += clause
    return kept.rstrip("，；")


def whole_sentences(text: str, limit: int) -> str:
    """As many whole sentences of *text* as fit in *limit* characters, at least one."""
    kept = ""
    for s in split_sentences(text):
        if kept and len(kept) + len(s) > limit:
            break
        kept += s
    return kept


# -- what the body never prints: addresses --------------------------------------------------

_URL = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+", re.IGNORECASE)


def strip_urls(text: str, listed: bool = False) -> tuple[str, list[str]]:
    """*text* without web addresses, and the addresses: the body of a report names a channel,
    the attachment table gives its address. ``已在http://…公开`` becomes ``已在网上公开``;
    ``门户网站（网址：http://…）`` becomes ``门户网站``; ``详见http://…`` becomes ``详见附件``
    when the caller lists the address in the 落实情况表 (*listed*: a task's text), else
    ``详见相关网页`` — never a sentence cut to ``详见。``."""
    found: list[str] = []

    def repl(match: re.Match[str]) -> str:
        url = match.group(0).rstrip(".,;:!?'")
        found.append(url)
        tail = match.group(0)[len(url) :]
        before = match.string[: match.start()]
        if before.endswith(("详见", "参见", "请见", "具体见", "请查阅", "可查阅")):
            return ("附件" if listed else "相关网页") + tail
        return ("网上" if before.endswith(("在", "于", "通过", "登录", "访问")) else "") + tail

    if "://" not in text and "www." not in text.lower():
        return text, []
    out = _URL.sub(repl, text)
    if not found:
        return text, []
    out = re.sub(r"(?:网址|网站地址|链接|地址)[为是]?[：:]?(?=[（(]?[）)，。；、]|$)", "", out)
    out = re.sub(r"[（(]\s*[）)]", "", out)
    out = re.sub(r"，(?=[，。；])|^[，、；]", "", out)
    return out, found


# -- documents and plans ----------------------------------------------------------------------

_DOCUMENT = re.compile(
    r"(?:办法|规定|通知|意见|方案|制度|细则|指南|计划|报告|规则|决定|目录|清单|条例|汇编|要点|"
    r"纪要|通报|规程|预案|规划|标准|批复|函)$"
)


def document_title(name: str) -> str:
    """A document's title in 《》 (``关于做好…的通知`` → ``《关于做好…的通知》``); a channel (a
    column, a newspaper page, a website) is left as it is."""
    name = name.strip()
    if not name or name.startswith("《") or "》" in name or not _DOCUMENT.search(name):
        return name
    return f"《{name}》"


_PLAN_LEADS = ("下一步", "下步", "下一阶段", "今后", "接下来", "明年", "此外")
_SUBJECT_START = re.compile(r"^(?:我|本|各|全|将)")
_TIME_START = re.compile(
    r"^(?:\d{4}年|\d{1,2}月|年底|年内|年前|月底|第[一二三四]季度|近期|春节|元旦)"
)


def plan_lead(me: str, text: str) -> str:
    """The clerk's 推进计划 as the closing sentence of a 持续推进 task: ``下一步，我局将…``,
    unless the clerk already began it that way."""
    if text.startswith(_PLAN_LEADS):
        return text
    if text.startswith("将"):
        return f"下一步，{me}{text}"
    if _SUBJECT_START.match(text):
        return f"下一步，{text}"
    if _TIME_START.match(text):
        return f"下一步，{me}将于{text}" if not text.startswith("第") else f"下一步，{me}将在{text}"
    return f"下一步，{me}将{text}"


def cn_date(value: Any) -> str:
    """``2016-11-28`` → ``2016年11月28日`` (Arabic numerals, no padding, GB/T 9704 §7.3.5)."""
    if isinstance(value, date):
        d = value
    else:
        try:
            d = date.fromisoformat(str(value))
        except ValueError:
            return clean(value)
    return shown(d)


def number(value: int | float) -> str:
    """12 → ``12``, 3.50 → ``3.5``, 2.0 → ``2`` (never scientific notation)."""
    if isinstance(value, int):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def figure_clause(spec: FigureSpec, value: Any) -> str:
    """One figure as a clause, from the form's ``sentence``/``sentence_true``/``sentence_false``."""
    if value is None or value == "":
        return ""
    if spec.type == "boolean":
        if not isinstance(value, bool):
            return ""
        chosen = spec.sentence_true if value else spec.sentence_false
        return clean(chosen) if chosen else ""
    if spec.type in ("integer", "decimal") and isinstance(value, (int, float)):
        shown = number(value)
    elif spec.type == "date":
        shown = cn_date(value)
    else:
        shown = clean(value)
    if not shown:
        return ""
    if spec.sentence:
        return clean(spec.sentence.replace("{value}", shown))
    return clean(f"{spec.label}{shown}{spec.unit}")


def self_reference(name: str) -> str:
    """How a unit calls itself in its own report: 市财政局 → 我局, 中山区人民政府 → 我区."""
    name = name.strip()
    if name.endswith("人民政府"):
        stem = name[: -len("人民政府")]
        return f"我{stem[-1]}" if stem and stem[-1] in "区县市" else "我单位"
    for suffix, ref in (
        ("管委会", "我委"),
        ("委员会", "我委"),
        ("中心", "我中心"),
        ("大学", "我校"),
        ("学院", "我校"),
    ):
        if name.endswith(suffix):
            return ref
    if name and name[-1] in "局委办厅院处室馆所站社会区县市":
        return f"我{name[-1]}"
    return "我单位"


# -- title lines (梯形/菱形) ------------------------------------------------------------------

TITLE_MAX_WIDTH = 20.0  # 2号 characters in the 156 mm text block (442 pt / 22 pt)
# A title line is filled to one character less: digits and Latin letters are not exactly
# half a character wide in every font, and a line computed as exactly full wrapped its last
# character alone onto a line of its own (…落实情况的报 / 告) in the rendered 汇总报告.
TITLE_FILL = TITLE_MAX_WIDTH - 1


def text_width(text: str) -> float:
    """Width in full-width characters: ASCII letters and digits count half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _title_tokens(
    issuer: str, subject: str, max_width: float, scope: str = ""
) -> list[tuple[str, int]]:
    """Pieces a title may break between, with the cost of breaking *after* each piece.

    Free breaks: after 关于 and before 落实情况的报告. Inside the issuer's name only when it
    must (a name wider than a line). The 要点's name is never broken — unless it alone is
    wider than a line, and then only between its words. 落实情况的报告 stays whole.
    """
    parts = re.findall(
        r".+?(?:人民政府|委员会|管委会|办公室|办公厅|[省市区县局厅委办])|.+$", issuer
    )
    tokens: list[tuple[str, int]] = [(p, 8) for p in parts if p] or [(issuer, 0)]
    tokens[-1] = (tokens[-1][0], 0)
    tokens.append(("关于", 0))
    if scope:
        tokens.append((scope, 0))
    words = [subject]
    if text_width(subject) > max_width:
        words = re.findall(r"\d+年(?:度)?|工作要点|要点|[^\d]+?(?=工作要点|要点|\d|$)|\d+", subject)
        words = [w for w in words if w]
        if "".join(words) != subject:  # never print a title with words missing
            words = [subject]
    tokens.extend((w, 4) for w in words)
    tokens[-1] = (tokens[-1][0], 0)
    tokens.append(("落实情况的报告", 99))
    return tokens


def title_lines(
    issuer: str, subject: str, max_width: float = TITLE_FILL, scope: str = ""
) -> tuple[str, ...]:
    """``{issuer}关于{scope}{subject}落实情况的报告`` broken into balanced lines.

    Two lines prefer a 正梯形 (upper not longer than lower); three or more a 菱形 (middle
    longest). Breaks fall only between words — never inside the 要点's name *subject*; a
    *scope* before it (全市) may end a line — chosen to make the lines as even as possible.
    """
    full = f"{issuer}关于{scope}{subject}落实情况的报告"
    if text_width(full) <= max_width:
        return (full,)
    tokens = _title_tokens(issuer, subject, max_width, scope)
    n_lines = 2
    while n_lines <= len(tokens):
        best = _best_split(tokens, n_lines, max_width)
        if best is not None:
            return best
        n_lines += 1
    return (full,)


def _best_split(
    tokens: list[tuple[str, int]], n_lines: int, max_width: float
) -> tuple[str, ...] | None:
    from itertools import combinations

    best: tuple[float, tuple[str, ...]] | None = None
    for cuts in combinations(range(1, len(tokens)), n_lines - 1):
        bounds = (0, *cuts, len(tokens))
        lines = tuple(
            "".join(t for t, _ in tokens[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)
        )
        widths = [text_width(x) for x in lines]
        if max(widths) > max_width:
            continue
        mean = sum(widths) / n_lines
        cost = sum((w - mean) ** 2 for w in widths) ** 0.5
        cost += sum(tokens[c - 1][1] for c in cuts)
        if n_lines == 2 and widths[0] > widths[1]:
            cost += 6  # 正梯形 (upper line shorter) is the preferred shape
        if n_lines >= 3 and max(widths) != max(widths[1:-1]):
            cost += 2  # 菱形: the middle line(s) longest
        if best is None or cost < best[0]:
            best = (cost, lines)
    return best[1] if best else None
