"""Tables in a 要点: task tables (分解表 / 分工方案) that reach the parser as rows of cells.

Rows come as ``.docx`` table rows (cells joined by :data:`CELL_SEP`), as ``|``- or
tab-separated lines of a ``.txt`` copied from Word, Excel or a web page, or — a web table copied
as text — as one cell per line under a header row whose labels stand one per line
(``序号`` / ``工作任务`` / ``具体措施`` / ``责任单位`` / ``完成时限``), in some copies each cell
followed by a line holding only ``|``. Under a header naming role columns a bare cell becomes
``责任单位：…`` so the clause grammar reads it; a ``序号`` cell numbers the row's task (also
where the header has no ``序号`` label: a merged header cell over 工作任务 and the serial
column); headings in a row's leading cells come out as lines of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.parser.clauses import (
    ROLE_KEYS,
    TIME_KEYS,
    is_deadline,
    is_time_line,
    looks_like_unit,
    parse_clause,
    split_top,
)
from desktop.parser.markers import marker
from desktop.parser.source import CELL_SEP, PARA_SEP

_MD_RULE = re.compile(r"^[\s|:：\-—]+$")
_SEQ_KEYS = ("序号", "编号")
# Column labels of the text columns; with one cell per line only known labels make a header.
_TEXT_LABELS = (
    "工作任务", "任务", "具体任务", "主要任务", "重点任务", "任务内容", "任务分解", "目标",
    "工作目标", "具体措施", "工作措施", "措施", "主要内容", "工作内容", "内容", "工作要求",
    "具体要求", "工作事项", "事项",
)  # fmt: skip
_SERIAL = re.compile(r"^\d{1,3}$")
MAX_COLUMNS = 8


def cells_of(raw: str, ncols: int = 0) -> list[list[str]] | None:
    """The cells of a table row (each a list of paragraphs), or None for an ordinary line.

    ``|`` rows come as ``a | b | c |`` (web copies: each cell closed by a bar) or
    ``| a | b | c |`` (Markdown); an empty first cell (a merged cell) makes the two look alike,
    so the table's column count decides.
    """
    if CELL_SEP in raw:
        return [cell.split(PARA_SEP) for cell in raw.split(CELL_SEP)]
    stripped = raw.strip()
    if stripped.count("|") >= 2 or (stripped.count("|") == 1 and stripped.endswith("|")):
        if _MD_RULE.match(stripped):
            return []
        closed = stripped[:-1].split("|") if stripped.endswith("|") else stripped.split("|")
        if stripped.startswith("|") and stripped.endswith("|"):
            markdown = stripped[1:-1].split("|")
            if ncols == 0 or len(markdown) == ncols or len(closed) != ncols:
                closed = markdown
        return [[c] for c in closed]
    # Tab-separated cells (a table copied from Word or Excel); "1.<tab>text" is a list number.
    parts = [p for p in re.split(r"\t+", stripped) if p.strip()]
    if len(parts) >= 2 and marker(parts[0].strip()) is None:
        return [[p] for p in raw.strip("\r\n").split("\t")]
    return None


def _column_kind(label: str) -> str | None:
    label = re.sub(r"\s", "", label)
    if len(label) > 10:
        return None
    for key in ROLE_KEYS:
        if label.startswith(key):
            return f"role:{key}"
    for key in TIME_KEYS:
        if label.startswith(key):
            return f"time:{key}"
    if label in _SEQ_KEYS:
        return "seq"
    return "text"


def header_columns(cells: list[str]) -> list[str] | None:
    """Column kinds when *cells* is a header row (short labels, at least one role column);
    empty cells a web copy leaves after the last label (``… | 时限要求 | ||``) are no columns."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    kinds = [_column_kind(c) for c in cells]
    if any(k is None for k in kinds) or not any(k and k.startswith("role:") for k in kinds):
        return None
    return [k or "text" for k in kinds]


def _aligned(cells: list[list[str]], columns: list[str]) -> list[str]:
    """The row's column kinds. A row with more cells than the header has labels (a header cell
    merged over two columns: 工作任务 over the section and item headings, 具体要求 over the
    serial and the text — 荆州 2022 清单) keeps the role and time columns after the last text
    column on its last cells; the cells before them are text."""
    n = len(cells)
    while n and not any(cells[n - 1]):
        n -= 1
    if n <= len(columns) or "text" not in columns:
        return columns
    last_text = len(columns) - 1 - columns[::-1].index("text")
    tail = columns[last_text + 1 :]
    return ["text"] * (n - len(tail)) + tail


def _unlabelled_serial(cells: list[list[str]], columns: list[str]) -> int | None:
    """Where a row's serial number stands in a text column (the header has no 序号 label):
    the first cell after the leading headings (一、/（一）) holding only a number, a text
    cell after it."""
    if "seq" in columns:
        return None
    for idx, paras in enumerate(cells):
        joined = "、".join(p for p in paras if p)
        if not joined or (marker(joined) is not None and not _SERIAL.match(joined)):
            continue
        if idx >= len(columns) or columns[idx] != "text" or not _SERIAL.match(joined):
            return None
        after = idx + 1
        text_after = after < len(cells) and after < len(columns) and columns[after] == "text"
        return idx if text_after and any(cells[after]) else None
    return None


def row_lines(cells: list[list[str]], columns: list[str] | None) -> list[str]:
    out: list[str] = []
    if columns:
        columns = _aligned(cells, columns)
        serial_at = _unlabelled_serial(cells, columns)
        if serial_at is not None:
            columns = [*columns[:serial_at], "seq", *columns[serial_at + 1 :]]
    # The serial numbers the row's first text cell that is no heading of its own (一、/（一）),
    # wherever the 序号 column stands: before the text (序号 | 工作任务 | …) or after a
    # group title in the leading cell (工作任务 | 序号 | 具体要求 | …).
    seq = next(
        (
            "、".join(p for p in paras if p)
            for idx, paras in enumerate(cells)
            if columns
            and idx < len(columns)
            and columns[idx] == "seq"
            and re.fullmatch(r"\d{1,3}", "、".join(p for p in paras if p))
        ),
        "",
    )
    filled = [i for i, paras in enumerate(cells) if any(paras)]
    for idx, paras in enumerate(cells):
        paras = [p for p in paras if p]
        if not paras:
            continue
        kind = columns[idx] if columns and idx < len(columns) else "text"
        if kind == "text" and columns and idx == filled[-1] and idx > 0:
            # A web copy drops merged cells, shifting the row left: a bare list of units in a
            # text column, last in its row, belongs under the table's (empty) role column.
            role = next((k for k in columns[idx + 1 :] if k.startswith("role:")), None)
            if role and _unit_list(paras):
                kind = role
        joined = "、".join(paras)
        if kind == "seq" and re.fullmatch(r"\d{1,3}", joined):
            continue
        elif kind.startswith("role:"):
            if any(parse_clause(p) is not None for p in paras):
                out.extend(paras)  # the cell already says who does what
            else:
                out.append(f"{kind[5:]}：{joined}")
        elif kind.startswith("time:"):
            out.append(f"{kind[5:]}：{'；'.join(paras)}")
        else:
            if seq and marker(paras[0]) is None:
                paras = [f"{seq}.{paras[0]}", *paras[1:]]
                seq = ""
            out.extend(paras)
    return out


def _unit_list(paras: list[str]) -> bool:
    names = [n for p in paras for n in split_top(p, "、，,")]
    return all(
        0 < len(n.strip()) <= 20 and looks_like_unit(n.strip()) and "。" not in n for n in names
    )


# -- one cell per line ------------------------------------------------------------------------


def _label_kind(label: str) -> str | None:
    """The column kind of a header label written on a line of its own, or None."""
    if label in _TEXT_LABELS:
        return "text"
    kind = _column_kind(label)
    return kind if kind not in (None, "text") else None


def _header_run(keys: list[str], start: int) -> list[str] | None:
    """Column kinds when the lines from *start* are a header row, one label per line."""
    kinds: list[str] = []
    for key in keys[start : start + MAX_COLUMNS]:
        kind = _label_kind(key) if key else None
        if kind is None:
            break
        kinds.append(kind)
    if len(kinds) < 3 or "text" not in kinds or not any(k.startswith("role:") for k in kinds):
        return None
    return kinds


def _fits(kind: str, key: str) -> bool:
    if kind == "seq":
        return bool(_SERIAL.match(key))
    if kind.startswith("time:"):
        return is_deadline(key) or is_time_line(key)
    if kind.startswith("role:"):
        return _unit_list([key]) or parse_clause(key) is not None
    return True


def _place(cells: list[str], keys: list[str], kinds: list[str]) -> list[str]:
    """A row's cells under their columns.

    A copied web table drops empty (merged) cells and may give a cell several lines. The serial
    number goes first; the role and time columns after the text take cells from the right where
    the content fits (units or a clause, a deadline); what remains is text: fewer cells than text
    columns fill the rightmost ones (a merged 工作任务 is missing, not the 具体措施), more make
    the last text column's paragraphs.
    """
    if len(cells) == len(kinds):
        return cells
    out = [""] * len(kinds)
    if "seq" in kinds:
        # The serial stands first or after the leading cells of its column's left.
        col = kinds.index("seq")
        at = next((j for j in range(min(col + 1, len(keys))) if _SERIAL.match(keys[j])), None)
        if at is not None:
            out[col] = cells[at]
            cells, keys = cells[:at] + cells[at + 1 :], keys[:at] + keys[at + 1 :]
    lo, hi = 0, len(cells)
    text_cols = [c for c, k in enumerate(kinds) if k == "text"]
    last_text = text_cols[-1] if text_cols else -1
    for ci in reversed(range(last_text + 1, len(kinds))):
        if hi > lo and kinds[ci] != "seq" and _fits(kinds[ci], keys[hi - 1]):
            out[ci] = cells[hi - 1]
            hi -= 1
    rest = cells[lo:hi]
    if not text_cols or not rest:
        return out
    if len(rest) <= len(text_cols):
        for ci, cell in zip(text_cols[len(text_cols) - len(rest) :], rest, strict=True):
            out[ci] = cell
    else:
        for ci, cell in zip(text_cols[:-1], rest, strict=False):
            out[ci] = cell
        out[text_cols[-1]] = PARA_SEP.join(rest[len(text_cols) - 1 :])
    return out


_BAR = re.compile(r"^\s*[|｜]\s*$")


def _bar_cells(raw: list[str]) -> list[tuple[int, str]]:
    """(line number, text) per line; where a web copy closes every cell with a line holding
    only ``|``, the lines between two bars are one cell (several lines: its paragraphs)."""
    lines = [(i + 1, t) for i, t in enumerate(raw)]
    bars = [i for i, t in enumerate(raw) if _BAR.match(t)]
    if len(bars) < 4:
        return lines
    first, last = bars[0], bars[-1]
    # Before the first bar: ordinary lines, then the table's first cell (its last line).
    start = next((k for k in range(first - 1, -1, -1) if raw[k].strip()), first)
    out = lines[:start]
    cell = lines[start : start + 1] if start < first else []
    for i in range(first, last + 1):
        if _BAR.match(raw[i]):
            if cell:
                out.append((cell[0][0], _cell_text([t.strip() for _, t in cell])))
            cell = []
        elif raw[i].strip():
            cell.append(lines[i])
    return out + lines[last + 1 :]


def _cell_text(lines: list[str]) -> str:
    """A cell's lines: a line that stops mid-sentence was wrapped by the page and goes on."""
    text = lines[0]
    for line in lines[1:]:
        text += line if text[-1] in "，、,（(“" else PARA_SEP + line
    return text


def _inline_serial(keys: list[str], start: int, kinds: list[str]) -> int | None:
    """Where the rows carry a serial number the header has no label for (a merged header
    cell over 工作任务 and 序号): its column, from the first row. Only for tables whose last
    column (a deadline, or the units) tells where a row ends."""
    if "seq" in kinds or not kinds[-1].startswith(("time:", "role:")):
        return None
    for j in range(start, min(start + len(kinds), len(keys))):
        if keys[j] == "1":
            return j - start
    return None


def _row_end(keys: list[str], start: int, kinds: list[str]) -> int:
    """Leading cells, the serial, the text …: the row ends with the first cell after the
    serial's text that fits the last column (its deadline or its units)."""
    serial_at: int | None = None
    j = start
    while j < len(keys) and keys[j] and j - start < len(kinds):
        if serial_at is None and _SERIAL.match(keys[j]):
            serial_at = j
        elif serial_at is not None and j > serial_at + 1 and _fits(kinds[-1], keys[j]):
            return j + 1
        j += 1
    return max(j, start + 1)


def regroup_cell_lines(raw: list[str], key: Callable[[str], str]) -> list[tuple[int, str]]:
    """(line number, line) for every line, with tables copied one cell per line turned back
    into rows (cells joined by :data:`CELL_SEP`, numbered by the row's first line).

    *key* gives a line's text as compared here (cleaned: simplified, no spaces). Under the
    header a row starts at its serial number when the table has a ``序号`` column first, ends
    at its deadline when the serial stands after a leading cell, else every column's worth of
    lines is a row; a heading line (``一、…``) spanning the table stands alone; a blank line or
    text that fits no row ends the table.
    """
    entries = _bar_cells(raw)
    nos = [no for no, _ in entries]
    raw = [t for _, t in entries]
    keys = [key(t) for t in raw]
    out: list[tuple[int, str]] = []
    i, n = 0, len(raw)
    while i < n:
        kinds = _header_run(keys, i) if keys[i] and len(keys[i]) <= 10 else None
        if kinds is None:
            out.append((nos[i], raw[i]))
            i += 1
            continue
        labels = keys[i : i + len(kinds)]
        head = nos[i]
        i += len(kinds)
        col = _inline_serial(keys, i, kinds)
        if col is not None:
            kinds = [*kinds[:col], "seq", *kinds[col:]]
            labels = [*labels[:col], "序号", *labels[col:]]
        out.append((head, CELL_SEP.join(labels)))
        serial = "seq" in kinds
        while i < n and keys[i]:
            if marker(keys[i]) is not None and not _SERIAL.match(keys[i]):
                out.append((nos[i], raw[i]))  # a section or item heading spanning the table
                i += 1
                continue
            if serial and not col and not _SERIAL.match(keys[i]):
                break
            start = i
            i = _row_end(keys, start, kinds) if col else i + 1
            while not col and i < n and keys[i]:
                if _SERIAL.match(keys[i]) or (marker(keys[i]) and not serial):
                    break
                # A row has a line per column; a cell of several lines makes it longer, up to
                # the line that fits the last column (the deadline), never past it.
                if i - start >= len(kinds) and (not serial or _fits(kinds[-1], keys[i - 1])):
                    break
                i += 1
            cells = _place(raw[start:i], keys[start:i], kinds)
            out.append((nos[start], CELL_SEP.join(c.strip() for c in cells)))
    return out
