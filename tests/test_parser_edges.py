"""Smaller shapes, each in a few lines: clauses that cover a whole item or section, numbering
that skips, stray deadline lines, a deadline sentence inside the body."""

from __future__ import annotations

from desktop.parser.structure import parse_lines

L, R, C = "lead", "responsible", "cooperate"
HEAD = ["2017年测试市政务公开工作要点"]


def _parse(body: list[str]):
    result = parse_lines(HEAD + body)
    tasks = {t.id: [(a.unit, a.role) for a in t.assignments] for t in result.catalogue.tasks()}
    body_warnings = [(w.line, w.message) for w in result.warnings if w.line]
    return result.catalogue, tasks, body_warnings


def test_clause_after_a_heading_covers_the_whole_item_and_section():
    cat, tasks, warnings = _parse(
        [
            "一、加强能力建设（市政府办公厅牵头）",
            "（一）组织培训。年内组织业务培训。",
            "（二）加强考核（市考核办负责）",
            "制定考核办法。",
            "纳入年度考核。",
        ]
    )
    assert cat.sections[0].title == "加强能力建设"
    assert [i.title for i in cat.sections[0].items] == ["组织培训", "加强考核"]
    # Paragraphs without a clause of their own run on as one task (as wrapped lines do).
    assert tasks == {"1.1.1": [("市政府办公厅", L)], "1.2.1": [("市考核办", R)]}
    assert cat.task("1.2.1").text == "制定考核办法。\n纳入年度考核。"
    assert warnings == []


def test_numbering_that_skips_is_warned_and_renumbered():
    cat, tasks, warnings = _parse(
        ["一、推进公开", "（一）公开预算。（市财政局负责）", "（三）公开决算。（市财政局负责）"]
    )
    assert list(tasks) == ["1.1.1", "1.2.1"]
    assert warnings == [(4, "编号不连续：此处应为第2个条目，文件中为第3个，已按出现顺序编号。")]


def test_deadline_line_without_a_task_is_warned():
    _, tasks, warnings = _parse(
        ["一、推进公开", "完成时限：2017年底", "（一）公开预算。（市财政局负责）"]
    )
    assert tasks == {"1.1.1": [("市财政局", R)]}
    assert warnings == [(3, "“完成时限：2017年底”之前没有任务，未导入。")]


def test_deadline_sentence_inside_the_body_does_not_end_it():
    cat, tasks, warnings = _parse(
        [
            "一、加强督查",
            "（一）报送情况。各部门于11月30日前将落实情况报送市政府办公室。",
            "（二）通报结果。市政府办公室通报督查结果。",
        ]
    )
    assert list(tasks) == ["1.1.1", "1.2.1"]
    assert (cat.deadline, cat.report_to) == ("2017-11-30", "市政府办公室")
    assert warnings == []


def test_web_page_leftovers_after_the_closing_are_warned():
    _, tasks, warnings = _parse(
        [
            "一、推进公开",
            "（一）公开预算。（市财政局负责）",
            "各地区、各部门要在11月30日前向市政府办公厅报送落实情况。",
            "打印 关闭",
        ]
    )
    assert tasks == {"1.1.1": [("市财政局", R)]}
    assert warnings == [(5, "正文结束后的内容未导入：打印关闭")]


def test_keyed_line_with_an_unreadable_part_is_still_a_clause():
    _, tasks, warnings = _parse(
        [
            "一、推进公开",
            "1.公开部门预算。",
            "牵头单位：市财政局；另行通知",
        ]
    )
    assert tasks == {"1.1.1": [("市财政局", L)]}
    assert warnings == [(4, "无法识别的分工表述“另行通知”，该部分未计入责任分工。")]


def test_lead_in_paragraph_before_the_first_item_is_warned_not_numbered():
    _, tasks, warnings = _parse(
        [
            "一、推进公开",
            "各部门要高度重视，认真落实以下任务。",
            "（一）公开预算。（市财政局负责）",
            "二、保障措施",
            "各地区、各部门要明确分管负责同志。",
        ]
    )
    assert tasks == {"1.1.1": [("市财政局", R)], "2.1.1": [("各地区、各部门", R)]}
    assert warnings == [(3, "部分标题下的引言未作为任务导入：各部门要高度重视，认真落实以下任务。")]


def test_a_utf16_file_cut_short_loses_half_a_character_not_the_file():
    from desktop.parser.source import read_bytes

    text = "2017年测试市政务公开工作要点\n一、推进公开\n（一）公开预算。（市财政局负责）\n"
    data = b"\xff\xfe" + text.encode("utf-16-le") + b"\x00"  # odd length: a byte too many
    source = read_bytes(data, "要点.txt")
    assert source.lines[:3] == text.splitlines()
    assert parse_lines(source.lines).catalogue.task("1.1.1").assignments[0].unit == "市财政局"


def test_word_numbering_far_from_a_heading_number_is_written_as_digits(tmp_path):
    """A list Word numbers from 1000 (or 0) in Chinese counting: read, not a crash."""
    import zipfile

    from desktop.parser.source import read_source
    from tests.samples.docx_builders import auto_numbered

    built = auto_numbered(tmp_path / "numbered.docx")
    patched = tmp_path / "from-1000.docx"
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/numbering.xml":
                data = data.replace(b'w:start w:val="1"/>', b'w:start w:val="1000"/>')
            dst.writestr(item, data)
    lines = read_source(patched).lines
    assert any(line.startswith("1000、") for line in lines)


def test_a_table_copied_one_cell_per_line_without_serial_numbers():
    """The header the issue quotes (工作任务 / 具体措施 / 责任单位 / 完成时限), one label per
    line; rows of four lines, item headings numbered or not, deadlines kept with their task."""
    body = [
        "工作任务",
        "具体措施",
        "责任单位",
        "完成时限",
        "一、加强政策解读",
        "（一）做好政策解读",
        "重要政策出台时同步发布解读材料。",
        "区政府办公室牵头，区直各部门负责",
        "2021年底前",
        "二、夯实基础",
        "做好政府网站管理",
        "开展网站季度检查。",
        "区政府办公室",
        "长期坚持",
        "规范依申请公开",
        "规范答复文书。",
        "区司法局、区政府办公室",
        "2021年6月底前",
    ]
    cat, tasks, warnings = _parse(body)
    assert tasks == {
        "1.1.1": [("区政府办公室", L), ("区直各部门", R)],
        "2.1.1": [("区政府办公室", R)],
        "2.2.1": [("区司法局", R), ("区政府办公室", R)],
    }
    assert [i.title for i in cat.sections[1].items] == ["做好政府网站管理", "规范依申请公开"]
    assert cat.task("2.2.1").text == "规范依申请公开\n规范答复文书。\n完成时限：2021年6月底前"
    assert warnings == []


def test_a_cell_of_several_lines_in_a_table_copied_one_cell_per_line():
    """A 具体措施 cell of two paragraphs stays in its row; the closing sentence after the last
    row (complete with its deadline) is not taken into the table."""
    cat, tasks, warnings = _parse(
        [
            "序号",
            "工作任务",
            "具体措施",
            "责任单位",
            "完成时限",
            "一、加强政策解读",
            "1",
            "做好政策解读",
            "重要政策出台时同步发布解读材料。",
            "主要负责同志年内解读不少于1次。",
            "区政府办公室牵头，区直各部门负责",
            "2021年底前",
            "2",
            "回应社会关切",
            "建立舆情收集回应机制。",
            "区委网信办",
            "持续推进",
            "各部门要于2021年11月30日前将落实情况报送区政府办公室。",
        ]
    )
    assert tasks == {
        "1.1.1": [("区政府办公室", L), ("区直各部门", R)],
        "1.2.1": [("区委网信办", R)],
    }
    assert cat.task("1.1.1").text == (
        "重要政策出台时同步发布解读材料。\n主要负责同志年内解读不少于1次。\n完成时限：2021年底前"
    )
    assert cat.deadline.endswith("-11-30") and cat.report_to == "区政府办公室"
    assert warnings == []


def test_spaces_a_pdf_copy_leaves_beside_full_width_digits_go_like_beside_ascii_ones():
    from desktop.parser.lines import prepare

    lines, _ = prepare(["（一）２０１７ 年底前完成 3 项任务", "在 ２０１７ 年"])
    assert [ln.text for ln in lines] == ["（一）２０１７年底前完成3项任务", "在２０１７年"]
