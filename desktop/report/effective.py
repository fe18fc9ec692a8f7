"""Effective formatting of a paragraph or run, resolved the way Word resolves it.

Run properties: the run's own ``w:rPr`` → its character style chain → the paragraph style
chain (``w:basedOn``) → ``w:docDefaults``. Paragraph properties: direct ``w:pPr`` → style
chain → defaults. A theme font (``w:eastAsiaTheme``) wins over a named font on the same
element, as in Word. Attributes of one element (``w:ind``, ``w:spacing``) are resolved one by
one through the chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Resolver:
    """Effective run and paragraph properties through Word's inheritance chain."""

    def __init__(self, styles_el: _Element | None) -> None:
        self.styles: dict[str, _Element] = {}
        self.default_para: str | None = None
        self.rpr_default = self.ppr_default = None
        if styles_el is None:
            return
        for st in styles_el.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid:
                self.styles[sid] = st
                if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true"):
                    self.default_para = sid
        defaults = styles_el.find(w("docDefaults"))
        if defaults is not None:
            self.rpr_default = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            self.ppr_default = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")

    def chain(self, style_id: str | None) -> list[_Element]:
        out, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            st = self.styles[style_id]
            out.append(st)
            based = st.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def para_style_id(self, p: _Element) -> str | None:
        ppr = direct_ppr(p)
        ps = ppr.find(w("pStyle")) if ppr is not None else None
        return ps.get(w("val")) if ps is not None else self.default_para

    def run_levels(self, p: _Element, r: _Element | None) -> list[_Element]:
        """rPr elements from the strongest to the weakest."""
        levels = []
        if r is not None:
            rpr = r.find(w("rPr"))
            if rpr is not None:
                levels.append(rpr)
                rs = rpr.find(w("rStyle"))
                if rs is not None:
                    levels += [s.find(w("rPr")) for s in self.chain(rs.get(w("val")))]
        levels += [s.find(w("rPr")) for s in self.chain(self.para_style_id(p))]
        levels.append(self.rpr_default)
        return [x for x in levels if x is not None]

    def para_levels(self, p: _Element) -> list[_Element]:
        levels = [direct_ppr(p)]
        levels += [s.find(w("pPr")) for s in self.chain(self.para_style_id(p))]
        levels.append(self.ppr_default)
        return [x for x in levels if x is not None]

    def east_asia_font(self, p: _Element, r: _Element | None) -> str:
        """The font Word uses for Chinese characters; ``主题字体(…)`` when a theme font wins."""
        for rpr in self.run_levels(p, r):
            fonts = rpr.find(w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(w("eastAsiaTheme"))
            if theme:
                return f"主题字体（{theme}）"
            name = fonts.get(w("eastAsia"))
            if name:
                return name
        return "（未指定，Word 将使用默认字体）"

    def size(self, p: _Element, r: _Element | None) -> float:
        for rpr in self.run_levels(p, r):
            sz = rpr.find(w("sz"))
            if sz is not None and (sz.get(w("val")) or "").isdigit():
                return int(sz.get(w("val"))) / 2
        return 10.0  # Word's default without any w:sz

    def bold(self, p: _Element, r: _Element | None) -> bool:
        for rpr in self.run_levels(p, r):
            b = rpr.find(w("b"))
            if b is not None:
                return b.get(w("val"), "true") not in ("0", "false", "off")
        return False

    def para_attr(self, p: _Element, child: str, attr: str) -> str | None:
        for ppr in self.para_levels(p):
            el = ppr.find(w(child))
            if el is not None and el.get(w(attr)) is not None:
                return el.get(w(attr))
        return None

    def alignment(self, p: _Element) -> str:
        return self.para_attr(p, "jc", "val") or "left"

    def first_line_chars(self, p: _Element, size: float) -> float:
        """First-line indent in characters (negative for a hanging indent)."""
        for chars_attr, tw_attr, sign in (
            ("hangingChars", "hanging", -1),
            ("firstLineChars", "firstLine", 1),
        ):
            chars = self.para_attr(p, "ind", chars_attr)
            if chars not in (None, "0"):
                return sign * int(chars) / 100
            tw = self.para_attr(p, "ind", tw_attr)
            if tw not in (None, "0"):
                return sign * int(tw) / 20 / size
        return 0.0

    def line_spacing(self, p: _Element) -> tuple[str, float]:
        rule = self.para_attr(p, "spacing", "lineRule") or "auto"
        line = self.para_attr(p, "spacing", "line")
        value = int(line) if line and line.lstrip("-").isdigit() else 240
        return rule, value / 20 if rule in ("exact", "atLeast") else value / 240


def direct_ppr(p: _Element) -> _Element | None:
    """The paragraph's own w:pPr, which the schema puts first. Not ``p.find("w:pPr/…")``: on a
    paragraph without one, that walks every run — per run checked, O(runs²) — and a 100,000
    character answer (23,000 runs) took two minutes to check. (Nor ``len(p)``: lxml counts
    the children one by one.)"""
    first = next(iter(p), None)
    return first if first is not None and first.tag == w("pPr") else None
