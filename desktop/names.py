"""One validator for the names of units and issuers (发文机关名称), wherever they come from.

A unit name keys everything: the directory, the clerk's store, the office's records, file
names. A name typed in the wizard, read from an exchange file or from a .docx sent by another PC
goes through :func:`check_name` (or :func:`name_problem`), so a lookalike can never become a
second unit and a category of the 要点 can never become a unit:

* invisible and control characters are refused, not silently dropped: a zero-width space,
  joiner, BOM, bidi override (RTL), NUL, tab or line break makes ``市财政局`` and ``市财政局\\u200b``
  look identical to a person while being two keys to the program;
* emoji, private-use and unassigned characters, combining marks (variation selectors) and the
  characters Windows forbids in file names (``\\ / : * ? " < > |``) are refused;
* a name needs at least one letter or 汉字 (``\\x01``, ``123``, ``……`` are not names);
* the categories the 要点 addresses (市政府各部门, 各地区、各部门, 相关部门 …) are never units:
  the directory's own categories and aliases when a directory is given, and the shape of a
  category (``各…``, ``…各部门``, ``有关部门``) always.

Accepted names are normalised (NFC, ideographic and no-break spaces to plain, runs of spaces
collapsed, ends trimmed); compare and store the normalised form. Mapping a full name
(``大连市财政局``) to the directory's short name (``市财政局``) is the directory's job:
:meth:`desktop.units.Directory.unit`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from desktop.errors import UserError
from desktop.textclean import invisible_mark

MAX_NAME = 60  # characters; the form's limit for 发文机关名称 and the directory's for units

FORBIDDEN_FILE_CHARS = '\\/:*?"<>|'

# Names a person would read aloud for the invisible characters we refuse most often.
_INVISIBLE_NAMES = {
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u202a": "方向控制符",
    "\u202b": "方向控制符",
    "\u202c": "方向控制符",
    "\u202d": "方向控制符",
    "\u202e": "从右到左覆盖符",
    "\u2060": "零宽不换行符",
    "\u2066": "方向控制符",
    "\u2067": "方向控制符",
    "\u2068": "方向控制符",
    "\u2069": "方向控制符",
    "\ufeff": "字节顺序标记（BOM）",
    "\x00": "空字符（NUL）",
    "\t": "制表符",
    "\n": "换行",
    "\r": "回车",
    "\x0b": "软回车",
    "\u2028": "换行",
    "\u2029": "换段",
}

# The shape of a category of the 要点 rather than of one unit: "各地区、各部门", "市政府各部门",
# "各区市县政府", "市政府相关部门", "有关部门", "市直有关单位", "各委办局".
_CATEGORY_SHAPE = re.compile(
    r"^各|各(?:地区|部门|单位|委办局|直属|区市县|先导区|高校|级)|"
    r"(?:相关|有关)(?:部门|单位)$|^(?:市直|市属|市政府)?(?:相关|有关|各)?(?:部门|单位|高校)$"
)
# Several units in one name ("市财政局、市审计局"): a report has one unit.
_LIST_SEPARATORS = "、，,；;"


# The space separators (Unicode category Zs) other than the plain space.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile(" {2,}")


class CategoryLookup(Protocol):
    """What :func:`name_problem` needs of a directory: does it know this as a category?"""

    def category(self, name: str) -> object | None: ...


class InvalidName(UserError, ValueError):
    """A name that cannot be used; ``str()`` is one Chinese sentence saying what to do."""


def normalise(text: str) -> str:
    """NFC, ideographic/no-break spaces → space, runs of spaces collapsed, ends trimmed.

    Only spacing is changed: every other character is kept, so :func:`name_problem` still sees
    (and names) an invisible character instead of it vanishing unnoticed.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Every kind of space (ideographic, no-break, en/em, thin …) is a plain space.
    text = _SPACES.sub(" ", text)
    return _SPACE_RUNS.sub(" ", text).strip(" ")


def _describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    named = _INVISIBLE_NAMES.get(ch)
    if named:
        return f"{named}（{code}）"
    return f"“{ch}”（{code}）" if ch.isprintable() else code


def _bad_char(ch: str) -> str | None:
    """Why *ch* cannot be in a name, or None."""
    if ch in FORBIDDEN_FILE_CHARS:
        return "file"
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch in _INVISIBLE_NAMES:
        return "invisible"
    if cat in ("Co", "Cn"):
        return "unknown"
    if cat in ("Mn", "Me", "So", "Sk"):
        # Emoji (So), skin tones (Sk), variation selectors and combining marks (Mn/Me): none
        # belongs in the name of a government body, and they make lookalikes.
        return "symbol"
    return None


def is_category_shape(name: str) -> bool:
    """True when *name* reads as a group of units (市政府各部门, 相关部门), not one unit."""
    return bool(_CATEGORY_SHAPE.search(normalise(name)))


def name_problem(
    text: object,
    what: str = "单位名称",
    *,
    max_length: int = MAX_NAME,
    directory: CategoryLookup | None = None,
    allow_empty: bool = False,
) -> str | None:
    """Why *text* cannot be used as a unit (or issuer) name — one Chinese sentence — or None.

    *what* names the field in the message (单位名称, 发文机关名称 …). With *directory*, names the
    directory knows as a category (or a category's alias) are refused too.
    """
    if not isinstance(text, str):
        return f"{what}应为文字。"
    name = normalise(text)
    if not name:
        return None if allow_empty else f"请填写{what}。"
    for ch in name:
        why = _bad_char(ch)
        if why == "invisible":
            return (
                f"{what}“{_visible(name)}”中有看不见的字符：{_describe(ch)}，"
                "可能是从网页或 Word 复制时带进来的。请删除后重新输入。"
            )
        if why == "file":
            return (
                f"{what}中不能有 {' '.join(FORBIDDEN_FILE_CHARS)} 这些符号（“{ch}”）。"
                "请去掉这个符号后重新输入。"
            )
        if why == "unknown":
            return f"{what}中有无法识别的字符 {_describe(ch)}。请删除后重新输入。"
        if why == "symbol":
            return f"{what}中不能有表情或图形符号 {_describe(ch)}。请删除后重新输入。"
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        return f"“{_visible(name)}”不是一个{what}：{what}中至少要有一个汉字或字母。请重新输入。"
    if len(name) > max_length:
        return f"{what}超过{max_length}个字（现有{len(name)}个字）。请改用简称。"
    if directory is not None and directory.category(name) is not None:
        return (
            f"“{_visible(name)}”是要点中的一类单位，不是一个单位，不能作为{what}。"
            "请填写本单位自己的名称，如“市财政局”“中山区”。"
        )
    if is_category_shape(name):
        return (
            f"“{_visible(name)}”指的是一类单位，不是一个单位，不能作为{what}。"
            "请填写本单位自己的名称，如“市财政局”“中山区”。"
        )
    if any(sep in name for sep in _LIST_SEPARATORS):
        return f"“{_visible(name)}”像是几个单位。一份报告只属于一个单位，请只填写本单位的名称。"
    return None


def check_name(
    text: object,
    what: str = "单位名称",
    *,
    max_length: int = MAX_NAME,
    directory: CategoryLookup | None = None,
) -> str:
    """The normalised name, or :class:`InvalidName` with the Chinese reason."""
    problem = name_problem(text, what, max_length=max_length, directory=directory)
    if problem:
        raise InvalidName(problem)
    assert isinstance(text, str)
    return normalise(text)


def _visible(name: str) -> str:
    """*name* as it can be quoted in a message: invisible characters shown as ⟨U+200B⟩."""
    out = []
    for ch in name[:MAX_NAME]:
        hidden = _bad_char(ch) in ("invisible", "unknown") or not ch.isprintable()
        out.append(invisible_mark(ch) if hidden else ch)
    return "".join(out) + ("…" if len(name) > MAX_NAME else "")
