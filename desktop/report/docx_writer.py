"""Render a :class:`ReportModel` into a .docx with the template's named styles.

Layout that depends on the sequence of blocks lives here (GB/T 9704-2012 §7): one blank line
after the title, one before the 附件说明, two before the signature (room for the seal), the
signature centred over the date, ``附件`` on the first line of a new page with the
attachment's title on the third. Fonts, sizes, spacing and indents come from the template's
styles only, so a unit's own template restyles the whole report.

python-docx is imported inside the functions: the CLI must start without it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from desktop.errors import UserError
from desktop.report import model as M
from desktop.report import rules as R
from desktop.report.docx_pages import set_style
from desktop.report.layout import blank_lines_before, signature_right_chars
from desktop.report.prose import text_width

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from desktop.catalogue import Catalogue
    from desktop.forms import FormSpec
    from desktop.payload_types import Payload
    from desktop.settings import Settings


class TemplateError(UserError):
    """The report template cannot be used; ``str()`` says why and what to do, in Chinese."""

    def __init__(self, message: str, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.missing = missing


def default_template() -> Path:
    from desktop.report.template_builder import default_template_path

    return default_template_path()


def configured_template(settings: Settings) -> Path | None:
    """The unit's own template from the caller's settings (``report_template``), or None for
    the built-in one — the same rule for the wizard, the command line and 汇总."""
    value = settings.get("report_template")
    return Path(value) if value else None


def load_template(path: Path | None = None) -> Document:
    """Open a template and check it defines every style the writer uses.

    Raises :class:`TemplateError` naming the file and, when styles are missing, each of them.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.exceptions import PackageNotFoundError

    builtin = path is None
    path = Path(path) if path is not None else default_template()
    where = "内置报告模板" if builtin else f"报告模板“{path.name}”"
    advice = (
        "请重新安装本程序。" if builtin else "请在设置中重新选择模板，或清空该设置改用内置模板。"
    )
    if not path.is_file():
        raise TemplateError(f"找不到{where}（{path}）。{advice}")
    from io import BytesIO

    from desktop.safezip import UnsafeArchive, checked_bytes

    try:
        # A template may come from anywhere: read bounded, checked like every .docx from
        # elsewhere (bombs, encrypted members, odd compression) before python-docx opens it.
        data = checked_bytes(path, path.name)
    except UnsafeArchive as exc:
        reason = str(exc).removeprefix(path.name + "：").rstrip("。")
        raise TemplateError(f"{where}无法打开（{reason}）。{advice}") from exc
    try:
        document = docx.Document(BytesIO(data))
    except ValueError as exc:
        if "template" in str(exc):
            raise TemplateError(
                f"{where}是 Word 模板（.dotx）格式。请在 Word 中打开后“另存为” .docx 文件，"
                "再在设置中选择它。"
            ) from exc
        raise TemplateError(f"{where}不是有效的 Word（.docx）文件。{advice}") from exc
    except PackageNotFoundError as exc:
        raise TemplateError(f"{where}无法打开（不是 .docx 文件）。{advice}") from exc
    except Exception as exc:
        # A damaged zip or XML surfaces as many exception types inside python-docx and lxml
        # (BadZipFile, KeyError, XMLSyntaxError…); to the clerk they all mean the same.
        raise TemplateError(f"{where}无法打开（文件已损坏或不是 .docx）。{advice}") from exc
    kinds = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "table": WD_STYLE_TYPE.TABLE}
    have = {(s.name, s.type) for s in document.styles}
    missing = tuple(r.name for r in R.STYLES if (r.name, kinds[r.kind]) not in have)
    if missing:
        raise TemplateError(
            f"{where}缺少以下样式：{'、'.join(missing)}。请在 Word 中用这些名称（英文样式名）"
            "新建样式，或以内置模板为底稿修改后另存，再重新选择模板。",
            missing,
        )
    return document


# -- rendering --------------------------------------------------------------------------------


_B = TypeVar("_B", bound=M.Block)
# A last point up to this many lines goes whole to the signature's page.
WHOLE_POINT_LINES = 3


class _Following:
    """The blocks after the current one, without copying the list for every block."""

    def __init__(self, blocks: list[M.Block], start: int) -> None:
        self.blocks, self.start = blocks, start

    def first(self) -> M.Block | None:
        return self.blocks[self.start] if self.start < len(self.blocks) else None

    def find(self, kind: type[_B]) -> _B | None:
        for i in range(self.start, len(self.blocks)):
            block = self.blocks[i]
            if isinstance(block, kind):
                return block
        return None


class _Writer:
    """Appends blocks to a document whose body has been emptied."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.styles = {name: document.styles[name] for name in R.REQUIRED_STYLES}
        # Style ids, written straight into w:pStyle: python-docx's ``paragraph.style = …``
        # scans every style to find the default on each call (two thirds of the render time).
        from docx.enum.style import WD_STYLE_TYPE

        default = next(
            (s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH and s.element.default),
            None,
        )
        self.ids = {
            name: (None if default is not None and s.style_id == default.style_id else s.style_id)
            for name, s in self.styles.items()
        }
        rules = {rule.name: rule for rule in R.STYLES}
        self.condensed = {name: rules[name].char_spacing_tw < 0 for name in R.REQUIRED_STYLES}
        self.page_break_pending = False
        self.landscape_pending = False
        self.previous: M.Block | None = None
        # Paragraphs since the last body paragraph (特此报告。): kept on the page of the
        # signature, so the signature never stands alone on a page (GB/T 9704 §7.3.5.1).
        self.tail: list = []
        # The body paragraph before that (the last point of 三、): the seal goes on a page
        # with body text, not under a lone 特此报告。
        self.last_point: tuple[Paragraph, str] | None = None
        self.body: tuple[Paragraph, str] | None = None

    # paragraphs ----------------------------------------------------------------------------
    def para(self, style: str, text: str = ""):
        if self.landscape_pending:
            from desktop.report.docx_pages import start_landscape_section

            # the new section starts on a new page
            start_landscape_section(self.doc, self.ids["Footer"])
            self.landscape_pending = self.page_break_pending = False
        p = self.doc.add_paragraph()
        set_style(p, self.ids[style])
        if text:
            add_text(p, text, self.condensed[style])
        if self.page_break_pending:
            p.paragraph_format.page_break_before = True
            self.page_break_pending = False
        return p

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.tail.append(self.para("Normal"))

    # blocks -------------------------------------------------------------------------------
    def write(self, blocks: list[M.Block]) -> None:
        for i, block in enumerate(blocks):
            following = _Following(blocks, i + 1)
            self._spacing_before(block)
            self._write(block, following)
            self.previous = block
        if self.page_break_pending:
            from docx.enum.text import WD_BREAK

            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _spacing_before(self, block: M.Block) -> None:
        self.blank(blank_lines_before(self.previous, block))

    def _write(self, block: M.Block, following: _Following) -> None:
        if isinstance(block, M.Title):
            self._title(block)
        elif isinstance(block, M.Recipient):
            self.para("Recipient", block.text)
        elif isinstance(block, M.Para):
            p = self.para("Normal", block.text)
            self.last_point, self.body = self.body, (p, block.text)
            self.tail = [p]
        elif isinstance(block, M.Heading):
            level = min(max(block.level, 1), 4)
            self.para(f"Heading {level}", block.full_text)
        elif isinstance(block, M.AttachmentNote):
            self._attachment_note(block)
        elif isinstance(block, M.Signature):
            self._signature(block, following)
        elif isinstance(block, M.Date):
            p = self.para("Date", block.text)
            if isinstance(following.first(), M.Note):
                p.paragraph_format.keep_with_next = True
        elif isinstance(block, M.Note):
            self.para("Contact Note", block.text)
        elif isinstance(block, M.PageBreak):
            if block.landscape:
                self.landscape_pending = True
            else:
                self.page_break_pending = True
        elif isinstance(block, M.AttachmentLabel):
            self.para("Attachment Label", block.text)
        elif isinstance(block, M.AttachmentTitle):
            self.para("Attachment Title", block.text)
        elif isinstance(block, M.Table):
            self._table(block)
        else:  # pragma: no cover - a new block type must be taught to the writer
            raise TypeError(f"unknown block {block!r}")

    def _title(self, block: M.Title) -> None:
        p = self.para("Title")
        for i, line in enumerate(block.lines):
            run = p.add_run(line)
            if i < len(block.lines) - 1:
                run.add_break()

    def _signature(self, block: M.Signature, following: _Following) -> None:
        """Centre the unit name over the date: the date has 4 characters of right indent, so
        the name's right indent is 4 + (date width − name width) / 2 characters."""
        self._keep_last_point()
        for kept in self.tail:
            kept.paragraph_format.keep_with_next = True
        p = self.para("Signature", block.text)
        p.paragraph_format.keep_with_next = True
        date = following.find(M.Date)
        if date is None:
            return
        _set_indent(p, signature_right_chars(block, date))

    def _keep_last_point(self) -> None:
        """The last point before 特此报告。 goes to the signature's page with it. A short one
        (up to three lines, which widow/orphan rules could not split anyway) moves whole; a
        longer one may split, so the page before is not left half empty: Word and WPS then
        carry its last two lines over (widow control), LibreOffice moves it whole."""
        if self.last_point is None:
            return
        p, text = self.last_point
        fmt = p.paragraph_format
        fmt.keep_with_next = True
        first_line = R.STYLE_BY_NAME["Normal"].first_line_chars / 100
        if (text_width(text) + first_line) / R.CHARS_PER_LINE <= WHOLE_POINT_LINES:
            fmt.keep_together = True
        else:
            fmt.widow_control = True

    def _attachment_note(self, block: M.AttachmentNote) -> None:
        """``附件：name`` (2 characters in, as the style says); further names (``2.…``) start
        under the first one, 2 + 3 characters in (GB/T 9704 §7.3.4)."""
        from docx.oxml.ns import qn

        for i, line in enumerate(M.attachment_note_lines(block)):
            p = self.para("Attachment Note", line)
            self.tail.append(p)
            if i:
                ind = p._p.get_or_add_pPr().get_or_add_ind()
                # w:left for readers that ignore the character units (LibreOffice).
                ind.set(qn("w:leftChars"), "500")
                ind.set(qn("w:left"), str(R.chars_to_tw(500)))
                ind.set(qn("w:firstLineChars"), "0")
                ind.set(qn("w:firstLine"), "0")

    def _table(self, block: M.Table) -> None:
        from desktop.report.docx_pages import write_table

        if self.page_break_pending:
            self.para("Normal")
        write_table(
            self.doc,
            block,
            self.styles["Report Table"].style_id,
            self.ids["Table Heading"],
            self.ids["Table Text"],
        )


# Full-width punctuation keeps its natural width in condensed (3号) text. LibreOffice (and so
# 永中 and other LibreOffice-based office suites) hangs a line-end comma or full stop into the
# margin and, when the run is condensed, does not draw it at all: “…项级科目[，]基本支出”.
_FULLWIDTH_PUNCT = re.compile("([，。、；：？！“”‘’（）《》〔〕【】…—]+)")


def add_text(paragraph, text: str, condensed: bool) -> None:
    """Add *text* as runs; in condensed styles, runs of full-width punctuation get character
    spacing 0 (the style's −0.25 pt stays on every other character)."""
    if not condensed or not _FULLWIDTH_PUNCT.search(text):
        paragraph.add_run(text)
        return
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for i, part in enumerate(_FULLWIDTH_PUNCT.split(text)):
        if not part:
            continue
        run = paragraph.add_run(part)
        if i % 2:  # split() puts the captured punctuation at odd positions
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), "0")
            run._r.get_or_add_rPr().append(spacing)


def _set_indent(paragraph, right_chars: float) -> None:
    """Right indent in characters (Word's ``w:rightChars``, what a clerk sees as 字符) and in
    twips for readers that ignore the character form."""
    from docx.oxml.ns import qn

    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:right"), str(round(right_chars * R.SIZE_3 * 20)))
    ind.set(qn("w:rightChars"), str(round(right_chars * 100)))


def _clear_body(document: Document) -> None:
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def render_docx(
    model: M.ReportModel, template: Path | None = None, payload_text: str | None = None
) -> bytes:
    """The report as .docx bytes, styled by *template* (None: the built-in one).

    With *payload_text* (``desktop.payload.dumps`` of the report's payload) the answers are
    embedded as a custom XML part, so the file can be read back exactly.
    """
    document = load_template(template)
    _clear_body(document)
    _Writer(document).write(model.blocks)
    if model.draft:
        from desktop.report.docx_pages import mark_draft

        mark_draft(document)
    props = document.core_properties
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props.title = model.title
    props.author = model.author
    props.last_modified_by = model.author
    props.subject = props.keywords = props.comments = props.category = ""
    props.created = props.modified = now
    props.revision = 1
    if payload_text is not None:
        from desktop.docx_payload import embed

        embed(document, payload_text)
    buf = BytesIO()
    document.save(buf)
    return buf.getvalue()


def issuer_problem(payload: Payload) -> str | None:
    """Why the report cannot carry its 发文机关 name (emoji, control characters, ``\\/:*?"<>|``,
    a category…), in Chinese with what to do; None when it can. Checks the name as typed on
    the cover page and the directory's title name that may stand in for it."""
    from desktop.names import name_problem

    for where, group, key in (
        ("“封面信息”页的发文机关名称", "profile", "issuer_name"),
        ("单位名录中的发文机关名称", "unit_info", "title_name"),
    ):
        values = payload.get(group)
        value = values.get(key) if isinstance(values, dict) else None
        if value:
            problem = name_problem(value, "发文机关名称")
            if problem:
                return f"无法导出报告：{problem}（请修改{where}。）"
    return None


class ReportError(UserError):
    """The report cannot be written as it stands; ``str()`` says why and what to do."""


def build_report(
    payload: Payload,
    catalogue: Catalogue,
    form: FormSpec,
    template: Path | None = None,
    contributions: Sequence = (),
) -> bytes:
    """compose + render + embed: the .docx the wizard and ``export`` write.

    *contributions*: rows of the optional 配合单位落实情况 attachment of a lead unit
    (:mod:`desktop.report.contrib_table`); never part of the embedded payload. The embedded
    answers carry evidence files by name only (:func:`desktop.payload.without_local_paths`):
    no folder or user name of the clerk's PC leaves it. Raises :class:`ReportError` when the
    发文机关 name cannot be used.
    """
    from desktop.payload import dumps, without_local_paths
    from desktop.report.compose import compose_report
    from desktop.report.contrib_table import add_contributions

    problem = issuer_problem(payload)
    if problem:
        raise ReportError(problem)
    model = add_contributions(compose_report(payload, catalogue, form), contributions)
    return render_docx(model, template, dumps(without_local_paths(payload)))


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
DRAFT_SUFFIX = "（草稿）"


def default_filename(payload: Payload, catalogue: Catalogue) -> str:
    """``市财政局关于2016年政务公开工作要点落实情况的报告.docx`` (safe on Windows); a report
    not yet final ends in ``（草稿）``, so it is never mistaken for the one to send."""
    from desktop.report.compose import is_draft, issuer_name

    name = f"{issuer_name(payload)}关于{catalogue.title}落实情况的报告"
    if is_draft(payload):
        name += DRAFT_SUFFIX
    return _UNSAFE_NAME.sub("", name).strip(" .") + ".docx"


def docx_path(out: Path) -> Path:
    """*out* with ``.docx`` appended unless it already ends so: ``报告v1.2`` → ``报告v1.2.docx``
    (the ``.2`` of a version is no file type)."""
    out = Path(out)
    return out if out.suffix.lower() == ".docx" else out.with_name(out.name + ".docx")


def export_report(
    payload: Payload,
    catalogue: Catalogue,
    form: FormSpec,
    out: Path,
    template: Path | None = None,
    contributions: Sequence = (),
) -> Path:
    """Build the report and write it to *out* all-or-nothing (temp file, then replace).

    Raises :class:`ReportError`, :class:`TemplateError` or :class:`desktop.fileio.FileWriteError`
    (Chinese message; ``suggestion`` holds a free name when the target is open in Word/WPS).
    """
    from desktop.fileio import atomic_write, check_target

    out = docx_path(check_target(Path(out), "报告"))  # a folder is refused, not made "x.docx"
    data = build_report(payload, catalogue, form, template, contributions)
    atomic_write(out, data, "报告")
    return out
