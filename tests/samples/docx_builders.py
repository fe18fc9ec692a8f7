"""Build the ``.docx`` samples with python-docx, as a Word user would have made them.

* :func:`table_layout` — 潍坊市2017年实施方案-style: the whole 要点 is a table
  ``目标 | 任务 | 主要内容 | 责任单位``; 目标/任务 cells are merged down their rows (``vMerge``),
  the clause is the next cell, written without brackets (``市发改委牵头落实``); the last row's
  责任单位 cell is merged with the one above (so it has no clause of its own).
* :func:`auto_numbered` — headings numbered by Word (``numbering.xml``: ``%1、`` and ``（%2）``
  in chineseCounting), one level through a numbered paragraph *style*; one body paragraph inside
  a content control (``w:sdt``); the last section is a table ``序号 | 工作任务 | 牵头单位 |
  配合单位 | 完成时限`` with an item row spanning all columns (``gridSpan``).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

NOTICE_D1 = [
    "滨城市人民政府办公室关于印发滨城市2017年政务公开工作要点实施方案的通知",
    "滨政办字〔2017〕40号",
    "各县（市）区人民政府，市政府各部门：",
    "现将《滨城市2017年政务公开工作要点实施方案》印发给你们，请认真贯彻执行。",
    "滨城市人民政府办公室",
    "2017年5月12日",
    "滨城市2017年政务公开工作要点实施方案",
]
D1_ROWS = [
    # 目标, 任务, 主要内容, 责任单位 ("" under a merged cell)
    (
        "一、以政务公开助力稳增长",
        "（一）加强预期引导",
        "围绕全市经济形势和宏观政策执行情况，通过新闻发布会等形式及时解读。",
        "市发改委牵头落实",
    ),
    (
        "",
        "",
        "加强金融政策信息公开，通过政策通报会、银企对接会等方式加大宣传。",
        "市金融办、人民银行滨城市中心支行、滨城银监分局分别牵头落实",
    ),
    ("", "（二）推进减税降费信息公开", "集中公开涉企收费目录清单。", "市财政局、市物价局牵头落实"),
    (
        "二、以政务公开助力惠民生",
        "（一）推进社会救助信息公开",
        "公开低保对象人数、补助水平和资金支出情况。",
        "市民政局负责落实",
    ),
    ("", "", "公开临时救助对象户次数和救助水平。", ""),
]
D1_CLOSING = "各地区、各部门要于2017年11月30日前将落实情况报送市政府办公室。"


def table_layout(path: Path) -> Path:
    doc = Document()
    for text in NOTICE_D1:
        doc.add_paragraph(text)
    table = doc.add_table(rows=1 + len(D1_ROWS), cols=4)
    for cell, label in zip(
        table.rows[0].cells, ("目标", "任务", "主要内容", "责任单位"), strict=True
    ):
        cell.text = label
    for r, row in enumerate(D1_ROWS, start=1):
        cells = table.rows[r].cells
        for c in (2, 3):
            cells[c].text = row[c]
    # Merge 目标 and 任务 down their rows, then write the text once, in the top cell.
    table.cell(1, 0).merge(table.cell(3, 0)).text = D1_ROWS[0][0]
    table.cell(4, 0).merge(table.cell(5, 0)).text = D1_ROWS[3][0]
    table.cell(1, 1).merge(table.cell(2, 1)).text = D1_ROWS[0][1]
    table.cell(3, 1).text = D1_ROWS[2][1]
    table.cell(4, 1).merge(table.cell(5, 1)).text = D1_ROWS[3][1]
    table.cell(4, 3).merge(table.cell(5, 3)).text = D1_ROWS[3][3]
    doc.add_paragraph(D1_CLOSING)
    doc.save(path)
    return path


NOTICE_D2 = [
    "临江市人民政府办公室关于印发临江市2019年政务公开工作要点的通知",
    "临政办发【2019】7号",
    "各县（市、区）人民政府，市政府各部门：",
    "《临江市2019年政务公开工作要点》已经市政府同意，现印发给你们。",
    "临江市人民政府办公室",
    "2019年4月15日",
    "临江市2019年政务公开工作要点",
]
D2_CLOSING = "各地区、各部门于2019年11月30日前向市政府办公室报送落实情况。"

_ABSTRACT = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _num_pr(ilvl: int | None, num_id: int = 90):
    lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    return parse_xml(f'<w:numPr {nsdecls("w")}>{lvl}<w:numId w:val="{num_id}"/></w:numPr>')


def _numbered(doc, text: str, ilvl: int):
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().insert(0, _num_pr(ilvl))
    return p


def _in_content_control(doc, text: str) -> None:
    """Move a body paragraph into a block-level content control (w:sdt)."""
    p = doc.add_paragraph(text)
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent/></w:sdt>'
    )
    p._p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(p._p)


def auto_numbered(path: Path) -> Path:
    doc = Document()
    numbering = doc.part.numbering_part.element
    # abstractNum elements must come before num elements.
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(_ABSTRACT)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(_NUM))
    # A heading style numbered through numbering.xml (level 0, "%1、").
    style = doc.styles.add_style("YaodianSection", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().insert(0, _num_pr(0))

    for text in NOTICE_D2:
        doc.add_paragraph(text)
    _numbered(doc, "加强政策解读", 0)
    _numbered(doc, "做好重要政策解读", 1)
    doc.add_paragraph(
        "市政府出台重大政策，起草部门要同步组织解读。（市政府办公室牵头，市政府各部门负责）"
    )
    _numbered(doc, "回应社会关切", 1)
    _in_content_control(
        doc,
        "建立政务舆情监测和回应机制，重大舆情24小时内回应。（市委网信办、市政府办公室负责落实）",
    )
    doc.add_paragraph("深化重点领域公开", style="YaodianSection")
    _numbered(doc, "推进财政信息公开", 1)
    doc.add_paragraph("公开部门预决算和“三公”经费。（市财政局牵头落实）")
    _numbered(doc, "加强平台建设", 0)

    table = doc.add_table(rows=4, cols=5)
    for cell, label in zip(
        table.rows[0].cells, ("序号", "工作任务", "牵头单位", "配合单位", "完成时限"), strict=True
    ):
        cell.text = label
    span = table.cell(1, 0).merge(table.cell(1, 4))  # one cell with gridSpan=5
    span.text = "（一）平台集约化"
    rows = [
        ("1", "整合政府网站集约化平台。", "市政府办公室", "市大数据局", "2019年10月底前"),
        (
            "2",
            "规范政务新媒体管理。",
            "市委网信办",
            "各县（市、区）人民政府、市政府各部门",
            "2019年12月底前",
        ),
    ]
    for r, row in enumerate(rows, start=2):
        for cell, text in zip(table.rows[r].cells, row, strict=True):
            cell.text = text
    doc.add_paragraph(D2_CLOSING)
    doc.save(path)
    return path


__all__ = ["auto_numbered", "table_layout"]
