"""The template: built reproducibly from the rules, committed as built, replaceable per unit."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop.report import (
    TemplateError,
    build_report,
    compose_report,
    configured_template,
    load_template,
    render_docx,
)
from desktop.report import rules as R
from desktop.report.template_builder import build_template, default_template_path, main
from desktop.settings import Settings
from tests.samples.payloads import sample_payload


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_committed_template_is_exactly_what_the_builder_makes():
    committed = _parts(default_template_path().read_bytes())
    built = _parts(build_template())
    assert sorted(committed) == sorted(built)
    for name in built:
        assert committed[name] == built[name], (
            f"{name} differs: run python -m desktop.report.template_builder"
        )


def test_builder_is_reproducible_and_writes_where_asked(tmp_path):
    assert build_template() == build_template()
    out = tmp_path / "t.docx"
    assert main(["--out", str(out)]) == 0
    assert out.read_bytes() == build_template()


def test_template_styles_have_every_property_the_rules_define():
    doc = docx.Document(str(default_template_path()))
    for rule in R.STYLES:
        style = doc.styles[rule.name]
        rpr = style.element.rPr
        fonts = rpr.rFonts
        assert fonts.get(qn("w:eastAsia")) == rule.east_asia, rule.name
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == rule.latin, rule.name
        assert not [k for k in fonts.attrib if "Theme" in k], rule.name
        assert style.font.size == Pt(rule.size), rule.name
        assert bool(style.font.bold) is rule.bold, rule.name
        if rule.kind == "table":
            continue
        pf = style.paragraph_format
        assert pf.line_spacing == Pt(rule.line_pt), rule.name
        assert pf.space_before == pf.space_after == 0, rule.name
        ind = style.element.pPr.find(qn("w:ind"))
        assert int(ind.get(qn("w:firstLineChars"), 0)) == rule.first_line_chars, rule.name
        assert int(ind.get(qn("w:rightChars"))) == rule.right_chars, rule.name
        jc = style.element.pPr.find(qn("w:jc")).get(qn("w:val"))
        assert jc == rule.align, rule.name
        if rule.outline is not None:
            assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(rule.outline)


def test_template_values_match_gb_t_9704():
    """The rules themselves, against the standard's numbers (not against the rules)."""
    doc = docx.Document(str(default_template_path()))
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [
        round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    ] == [
        37,
        35,
        28,
        26,
    ]
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 22 lines in 225 mm
    normal = doc.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    # 28 characters of 3号 fit the 156 mm line once condensed by 0.25 pt
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert 28 * (16 + spacing) <= 156 / 25.4 * 72 < 29 * (16 + spacing)
    assert doc.styles["Title"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert doc.styles["Title"].font.size == Pt(22)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert (
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia"))
        == "仿宋_GB2312"
    )


def test_load_template_names_missing_styles(tmp_path):
    plain = tmp_path / "单位模板.docx"
    d = docx.Document()
    d.save(str(plain))
    with pytest.raises(TemplateError) as err:
        load_template(plain)
    message = str(err.value)
    assert "单位模板.docx" in message and "缺少以下样式" in message
    assert "Recipient" in err.value.missing and "Report Table" in err.value.missing
    for name in err.value.missing:
        assert name in message
    assert "Normal" not in err.value.missing  # python-docx's default has Normal


def test_load_template_refuses_missing_and_damaged_files(tmp_path):
    with pytest.raises(TemplateError, match="找不到报告模板"):
        load_template(tmp_path / "没有.docx")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TemplateError, match="无法打开"):
        load_template(broken)
    text = tmp_path / "文本.docx"
    text.write_text("普通文本", encoding="utf-8")
    with pytest.raises(TemplateError, match="无法打开"):
        load_template(text)


def _unit_template(tmp_path: Path) -> Path:
    """What a unit does in Word: start from ours, change the body font, save."""
    path = tmp_path / "本单位模板.docx"
    shutil.copy(default_template_path(), path)
    doc = docx.Document(str(path))
    doc.styles["Normal"].element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    doc.styles["Heading 1"].element.rPr.rFonts.set(qn("w:eastAsia"), "方正黑体_GBK")
    doc.save(str(path))
    return path


def test_a_unit_template_restyles_the_report(tmp_path, catalogue, form, directory_bundled):
    data = sample_payload("市财政局", catalogue, form, directory_bundled)
    out = build_report(data, catalogue, form, _unit_template(tmp_path))
    doc = docx.Document(io.BytesIO(out))
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正黑体_GBK"
    assert "本模板由程序生成" not in "\n".join(p.text for p in doc.paragraphs)  # sample removed


def test_the_template_setting_is_honoured(tmp_path, catalogue, form, directory_bundled):
    assert configured_template(Settings()) is None
    path = _unit_template(tmp_path)
    Settings().set("report_template", str(path))
    assert configured_template(Settings()) == path
    model = compose_report(
        sample_payload("中山区", catalogue, form, directory_bundled), catalogue, form
    )
    doc = docx.Document(io.BytesIO(render_docx(model, configured_template(Settings()))))
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
