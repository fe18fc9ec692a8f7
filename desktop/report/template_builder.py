"""Build ``doc_templates/report-template.docx``: every GB/T 9704 format rule as code.

    python -m desktop.report.template_builder            # rewrite the committed template
    python -m desktop.report.template_builder --out F    # write elsewhere

The package is written part by part from :mod:`desktop.report.rules`, not edited from
python-docx's default template: that one is US Letter, carries theme fonts (MS Mincho for
Chinese), 400 KB of unused styles and an English thumbnail. Here every style names its font in
all four slots (``w:ascii``/``w:hAnsi``/``w:eastAsia``/``w:cs``), no theme font exists to win over
them, and the output is byte-for-byte reproducible (fixed zip timestamps), so a test can prove
the committed file is exactly what this script makes.

A unit may replace the template with its own (settings option ``report_template``); it must
keep the style names in :data:`desktop.report.rules.REQUIRED_STYLES`.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from desktop import paths
from desktop.report import rules as R

TEMPLATE_NAME = "report-template.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ZIP_TIME = (2016, 11, 28, 0, 0, 0)  # fixed, so the file is reproducible

# Fonts declared in the font table, with what Word/WPS should use when the official cut is
# missing (Windows 10 has 仿宋 and 楷体 but not the _GB2312 cuts) and charset 86 = GB2312.
FONT_TABLE = (
    (R.FANGSONG, "仿宋", "86", "modern", "fixed"),
    (R.KAITI, "楷体", "86", "modern", "fixed"),
    (R.HEITI, "SimHei", "86", "modern", "fixed"),
    (R.XBS, "宋体", "86", "script", "fixed"),
    (R.SONGTI, "SimSun", "86", "auto", "variable"),
    (R.LATIN, "", "00", "roman", "variable"),
)


def default_template_path() -> Path:
    return paths.templates_dir() / TEMPLATE_NAME


# -- XML helpers ------------------------------------------------------------------------------


def _tag(name: str, attrs: Mapping[str, object] | None = None, children: str | None = None) -> str:
    """``<w:name w:a="v"/>``; attributes keep the given order (reproducible output)."""
    text = "".join(f" {k}={quoteattr(str(v))}" for k, v in (attrs or {}).items())
    if children is None:
        return f"<{name}{text}/>"
    return f"<{name}{text}>{children}</{name}>"


def fonts_xml(east_asia: str, latin: str) -> str:
    return _tag(
        "w:rFonts",
        {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east_asia, "w:cs": latin},
    )


def run_props_xml(rule: R.StyleRule) -> str:
    half_points = round(rule.size * 2)
    flag = "1" if rule.bold else "0"
    return _tag(
        "w:rPr",
        children=fonts_xml(rule.east_asia, rule.latin)
        + _tag("w:b", {"w:val": flag})
        + _tag("w:bCs", {"w:val": flag})
        + _tag("w:spacing", {"w:val": rule.char_spacing_tw})
        + _tag("w:kern", {"w:val": "0"})
        + _tag("w:sz", {"w:val": half_points})
        + _tag("w:szCs", {"w:val": half_points})
        + _tag("w:lang", {"w:val": "en-US", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"}),
    )


def indent_attrs(rule: R.StyleRule) -> dict[str, object]:
    """Indents in characters (as Word's 首行缩进2字符) with their twip equivalents."""
    attrs: dict[str, object] = {
        "w:left": R.chars_to_tw(rule.left_chars, rule.size),
        "w:leftChars": rule.left_chars,
        "w:right": R.chars_to_tw(rule.right_chars, rule.size),
        "w:rightChars": rule.right_chars,
    }
    if rule.hanging_chars:
        attrs["w:hanging"] = R.chars_to_tw(rule.hanging_chars, rule.size)
        attrs["w:hangingChars"] = rule.hanging_chars
    else:
        attrs["w:firstLine"] = R.chars_to_tw(rule.first_line_chars, rule.size)
        attrs["w:firstLineChars"] = rule.first_line_chars
    return attrs


def para_props_xml(rule: R.StyleRule) -> str:
    parts = []
    if rule.keep_next:
        parts.append(_tag("w:keepNext"))
    # Widow/orphan control moves single lines to the next page, so a page would hold fewer
    # than 22 lines; 公文 templates switch it off.
    parts.append(_tag("w:widowControl", {"w:val": "0"}))
    # Off the document grid: LibreOffice would otherwise snap every line (table text too) to
    # the 28.95 pt body pitch; the exact line spacing below is what holds 22 lines a page.
    parts.append(_tag("w:snapToGrid", {"w:val": "0"}))
    line_tw = round(rule.line_pt * 20)
    parts.append(
        _tag(
            "w:spacing",
            {
                "w:before": 0,
                "w:beforeLines": 0,
                "w:after": 0,
                "w:afterLines": 0,
                "w:line": line_tw,
                "w:lineRule": "exact",
            },
        )
    )
    parts.append(_tag("w:ind", indent_attrs(rule)))
    parts.append(_tag("w:jc", {"w:val": rule.align}))
    if rule.outline is not None:
        parts.append(_tag("w:outlineLvl", {"w:val": rule.outline}))
    return _tag("w:pPr", children="".join(parts))


def border_xml(tag: str) -> str:
    # 0.5 pt single black line (w:sz is in eighths of a point).
    return _tag(tag, {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"})


def table_props_xml() -> str:
    borders = "".join(
        border_xml(f"w:{side}") for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = "".join(
        _tag(f"w:{side}", {"w:w": w, "w:type": "dxa"})
        for side, w in (("top", 0), ("left", 85), ("bottom", 0), ("right", 85))
    )
    return _tag(
        "w:tblPr",
        children=_tag("w:jc", {"w:val": "center"})
        + _tag("w:tblBorders", children=borders)
        + _tag("w:tblCellMar", children=margins),
    )


def style_xml(rule: R.StyleRule) -> str:
    internal = {
        "Heading 1": "heading 1",
        "Heading 2": "heading 2",
        "Heading 3": "heading 3",
        "Heading 4": "heading 4",
        "Footer": "footer",
    }.get(rule.name, rule.name)
    attrs: dict[str, object] = {"w:type": rule.kind}
    if rule.name == "Normal":
        attrs["w:default"] = "1"
    attrs["w:styleId"] = rule.style_id
    children = _tag("w:name", {"w:val": internal})
    if rule.kind == "table":
        children += _tag("w:basedOn", {"w:val": "TableNormal"})
        children += _tag("w:qFormat")
        children += run_props_xml(rule) + table_props_xml()
        return _tag("w:style", attrs, children)
    if rule.based_on:
        children += _tag("w:basedOn", {"w:val": R.STYLE_BY_NAME[rule.based_on].style_id})
    if rule.next_style:
        children += _tag("w:next", {"w:val": R.STYLE_BY_NAME[rule.next_style].style_id})
    children += _tag("w:qFormat")
    children += para_props_xml(rule) + run_props_xml(rule)
    return _tag("w:style", attrs, children)


def styles_xml() -> str:
    normal = R.STYLE_BY_NAME["Normal"]
    defaults = _tag(
        "w:docDefaults",
        children=_tag("w:rPrDefault", children=run_props_xml(normal))
        + _tag("w:pPrDefault", children=para_props_xml(normal)),
    )
    builtin_defaults = (
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>"
    )
    body = defaults + builtin_defaults + "".join(style_xml(r) for r in R.STYLES)
    return XML_HEAD + _tag("w:styles", {"xmlns:w": W_NS, "xmlns:r": R_NS}, body)


# -- footers: "— PAGE —", odd pages right, even pages left, one character in ----------------


def page_field_runs() -> str:
    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    return (
        run('<w:t xml:space="preserve">— </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run('<w:t xml:space="preserve"> —</w:t>')
    )


def footer_xml(odd: bool) -> str:
    side = "right" if odd else "left"
    ind = {f"w:{side}": R.FOOTER_INDENT_TW, f"w:{side}Chars": 100}
    ppr = _tag(
        "w:pPr",
        children=_tag("w:pStyle", {"w:val": "Footer"})
        + _tag("w:ind", ind)
        + _tag("w:jc", {"w:val": side}),
    )
    return XML_HEAD + _tag(
        "w:ftr", {"xmlns:w": W_NS, "xmlns:r": R_NS}, _tag("w:p", children=ppr + page_field_runs())
    )


# -- document: A4, margins, grid, footers; a style sample a clerk sees when opening it -------


def section_xml() -> str:
    return _tag(
        "w:sectPr",
        children=_tag("w:footerReference", {"w:type": "default", "r:id": "rIdFooterOdd"})
        + _tag("w:footerReference", {"w:type": "even", "r:id": "rIdFooterEven"})
        + _tag("w:pgSz", {"w:w": R.mm_to_tw(R.PAGE_W_MM), "w:h": R.mm_to_tw(R.PAGE_H_MM)})
        + _tag(
            "w:pgMar",
            {
                "w:top": R.mm_to_tw(R.MARGIN_TOP_MM),
                "w:right": R.mm_to_tw(R.MARGIN_RIGHT_MM),
                "w:bottom": R.mm_to_tw(R.MARGIN_BOTTOM_MM),
                "w:left": R.mm_to_tw(R.MARGIN_LEFT_MM),
                "w:header": R.mm_to_tw(R.HEADER_MM),
                "w:footer": R.mm_to_tw(R.FOOTER_MM),
                "w:gutter": 0,
            },
        )
        + _tag("w:pgNumType", {"w:fmt": "decimal"})
        + _tag("w:cols", {"w:space": 425})
        + _tag(
            "w:docGrid",
            {"w:type": "lines", "w:linePitch": R.LINE_PITCH_TW},
        ),
    )


SAMPLE = (
    ("Title", "××单位关于2016年政务公开工作要点\n落实情况的报告"),
    ("Normal", ""),
    ("Recipient", "市政府办公厅："),
    (
        "Normal",
        "正文（3号仿宋_GB2312，首行缩进2字，每页22行、每行28字）。本模板由程序生成，"
        "单位可在 Word 中修改各样式后另存，并在设置中选用；样式名称请勿更改。",
    ),
    ("Heading 1", "一、一级标题（黑体）"),
    ("Heading 2", "（一）二级标题（楷体_GB2312）"),
    ("Heading 3", "1.三级标题（仿宋_GB2312加粗）"),
    ("Heading 4", "（1）四级标题（仿宋_GB2312）"),
    ("Normal", "特此报告。"),
    ("Normal", ""),
    ("Attachment Note", "附件：2016年政务公开工作要点落实情况表"),
    ("Normal", ""),
    ("Normal", ""),
    ("Signature", "××单位"),
    ("Date", "2016年11月28日"),
    ("Contact Note", "（联系人：×××，联系电话：0411-00000000）"),
    ("Attachment Label", "附件"),
    ("Normal", ""),
    ("Attachment Title", "2016年政务公开工作要点落实情况表"),
)


def _para(style: str, text: str, page_break: bool = False) -> str:
    ppr = _tag("w:pStyle", {"w:val": R.STYLE_BY_NAME[style].style_id})
    if page_break:
        ppr += _tag("w:pageBreakBefore")
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in text.split("\n")
    )
    return _tag("w:p", children=_tag("w:pPr", children=ppr) + (runs if text else ""))


def sample_table_xml() -> str:
    cols = (("序号", 8), ("工作任务", 30), ("责任类型", 10), ("完成状态", 12), ("备注", 40))
    total = R.mm_to_tw(R.TEXT_W_MM)
    widths = [round(total * w / 100) for _, w in cols]

    def cell(text: str, width: int, style: str) -> str:
        tcpr = _tag("w:tcPr", children=_tag("w:tcW", {"w:w": width, "w:type": "dxa"}))
        return _tag("w:tc", children=tcpr + _para(style, text))

    header = _tag(
        "w:tr",
        children=_tag("w:trPr", children=_tag("w:tblHeader"))
        + "".join(cell(t, w, "Table Heading") for (t, _), w in zip(cols, widths, strict=True)),
    )
    row = _tag(
        "w:tr",
        children="".join(
            cell(t, w, "Table Text")
            for t, w in zip(("1", "表格文字（5号仿宋）", "牵头", "示例", ""), widths, strict=True)
        ),
    )
    tblpr = _tag(
        "w:tblPr",
        children=_tag("w:tblStyle", {"w:val": "ReportTable"})
        + _tag("w:tblW", {"w:w": total, "w:type": "dxa"})
        + _tag("w:tblLayout", {"w:type": "fixed"}),
    )
    grid = _tag("w:tblGrid", children="".join(_tag("w:gridCol", {"w:w": w}) for w in widths))
    return _tag("w:tbl", children=tblpr + grid + header + row)


def document_xml() -> str:
    paras = []
    for style, text in SAMPLE:
        paras.append(_para(style, text, page_break=style == "Attachment Label"))
    body = "".join(paras) + sample_table_xml() + _para("Normal", "") + section_xml()
    return XML_HEAD + _tag(
        "w:document", {"xmlns:w": W_NS, "xmlns:r": R_NS}, _tag("w:body", children=body)
    )


def settings_xml() -> str:
    body = (
        _tag("w:zoom", {"w:percent": 100})
        + _tag("w:defaultTabStop", {"w:val": 420})
        + _tag("w:evenAndOddHeaders")
        + _tag("w:characterSpacingControl", {"w:val": "compressPunctuation"})
        + _tag(
            "w:compat",
            children=_tag("w:spaceForUL")
            + _tag("w:balanceSingleByteDoubleByteWidth")
            + _tag("w:doNotLeaveBackslashAlone")
            + _tag("w:ulTrailSpace")
            + _tag("w:doNotExpandShiftReturn")
            + _tag("w:adjustLineHeightInTable")
            + _tag("w:useFELayout")
            + _tag(
                "w:compatSetting",
                {
                    "w:name": "compatibilityMode",
                    "w:uri": "http://schemas.microsoft.com/office/word",
                    "w:val": 15,
                },
            ),
        )
        + _tag("w:themeFontLang", {"w:val": "en-US", "w:eastAsia": "zh-CN"})
        + _tag("w:decimalSymbol", {"w:val": "."})
        + _tag("w:listSeparator", {"w:val": ","})
    )
    return XML_HEAD + _tag("w:settings", {"xmlns:w": W_NS, "xmlns:r": R_NS}, body)


def font_table_xml() -> str:
    fonts = ""
    for name, alt, charset, family, pitch in FONT_TABLE:
        children = _tag("w:altName", {"w:val": alt}) if alt else ""
        children += _tag("w:charset", {"w:val": charset})
        children += _tag("w:family", {"w:val": family})
        children += _tag("w:pitch", {"w:val": pitch})
        fonts += _tag("w:font", {"w:name": name}, children)
    return XML_HEAD + _tag("w:fonts", {"xmlns:w": W_NS, "xmlns:r": R_NS}, fonts)


def core_xml() -> str:
    return XML_HEAD + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>政务公开工作要点落实情况报告模板</dc:title>"
        "<dc:creator>政务公开落实情况报告</dc:creator>"
        "<cp:lastModifiedBy>政务公开落实情况报告</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2016-11-28T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2016-11-28T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _rels(entries: list[tuple[str, str, str]]) -> str:
    body = "".join(_tag("Relationship", {"Id": i, "Type": t, "Target": g}) for i, t, g in entries)
    return XML_HEAD + _tag("Relationships", {"xmlns": PKG_REL_NS}, body)


def content_types_xml() -> str:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = (
        ("/word/document.xml", f"{wml}.document.main+xml"),
        ("/word/styles.xml", f"{wml}.styles+xml"),
        ("/word/settings.xml", f"{wml}.settings+xml"),
        ("/word/fontTable.xml", f"{wml}.fontTable+xml"),
        ("/word/footer1.xml", f"{wml}.footer+xml"),
        ("/word/footer2.xml", f"{wml}.footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    )
    body = _tag(
        "Default",
        {
            "Extension": "rels",
            "ContentType": "application/vnd.openxmlformats-package.relationships+xml",
        },
    ) + _tag("Default", {"Extension": "xml", "ContentType": "application/xml"})
    body += "".join(_tag("Override", {"PartName": p, "ContentType": c}) for p, c in overrides)
    return XML_HEAD + _tag(
        "Types", {"xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"}, body
    )


def parts() -> dict[str, str]:
    """Every part of the template package, in the order written."""
    return {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": _rels(
            [
                ("rId1", f"{DOC_REL}/officeDocument", "word/document.xml"),
                (
                    "rId2",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml",
                ),
            ]
        ),
        "docProps/core.xml": core_xml(),
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": _rels(
            [
                ("rIdStyles", f"{DOC_REL}/styles", "styles.xml"),
                ("rIdSettings", f"{DOC_REL}/settings", "settings.xml"),
                ("rIdFonts", f"{DOC_REL}/fontTable", "fontTable.xml"),
                ("rIdFooterOdd", f"{DOC_REL}/footer", "footer1.xml"),
                ("rIdFooterEven", f"{DOC_REL}/footer", "footer2.xml"),
            ]
        ),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footer1.xml": footer_xml(odd=True),
        "word/footer2.xml": footer_xml(odd=False),
    }


def build_template() -> bytes:
    """The template as .docx bytes; the same bytes on every run."""
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts().items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成报告 Word 模板（GB/T 9704-2012 版式）")
    parser.add_argument("--out", type=Path, default=None, help="输出文件（默认覆盖内置模板）")
    args = parser.parse_args(argv)
    out = args.out or default_template_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    from desktop.fileio import FileWriteError, atomic_write

    try:
        atomic_write(out, build_template(), "报告模板")
    except FileWriteError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"已生成报告模板：{out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
