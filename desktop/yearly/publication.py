"""The 要点 as the office publishes it: catalogue and forms in one versioned file.

``{"format": "zwgk-yaodian", "version": 1, "revision": 2, "published_at": "…", "publisher":
"市政府办公厅", "catalogue": {…catalogue JSON…}, "figures": {…forms/fields document…}}``

``version`` is the file format (a newer one asks to upgrade the program); ``revision`` counts
the office's publications of this 要点 (第1版, 第2版 …), so a unit's PC knows which is newer.
A unit's PC reads the file as hostile, like an exchange file (the shared safe readers,
``desktop.safeio`` and ``desktop.safejson``): size limit before reading, UTF-8 JSON only, no
duplicate keys, NaN or lone surrogates, depth and count limits, every catalogue and figure checked, the catalogue id
safe as a file name; one Chinese reason when anything is wrong, nothing written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop import safejson
from desktop.catalogue import Catalogue, CatalogueError, id_problem
from desktop.errors import UserError
from desktop.fileio import atomic_write
from desktop.safeio import UnreadableFile, read_bounded
from desktop.safejson import JSONProblem
from desktop.schema import DataFileError
from desktop.textclean import has_illegal_chars

FORMAT = "zwgk-yaodian"
VERSION = 1
SUFFIX = ".json"
MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 12
MAX_TASKS = 1000
MAX_ITEMS = 300
MAX_SECTIONS = 30
MAX_ASSIGNMENTS = 200
MAX_FIGURES = 30
MAX_TEXT = 20_000
MAX_NAME = 60
EXCHANGE_FORMAT = "zwgk-report"


class PublicationError(UserError):
    """The file is not a usable publication; ``str()`` says why and what to do, in Chinese."""


@dataclass
class Publication:
    catalogue: Catalogue
    figures: dict  # the forms/fields document: {"version": 1, "catalogue": id, "tasks": {...}}
    revision: int
    published_at: str = ""
    publisher: str = ""

    @property
    def id(self) -> str:
        return self.catalogue.id

    def label(self) -> str:
        return f"{self.catalogue.label()}第{self.revision}版"

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "revision": self.revision,
            "published_at": self.published_at,
            "publisher": self.publisher,
            "catalogue": self.catalogue.to_json(),
            "figures": self.figures,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"

    def file_name(self) -> str:
        """A name that tells a clerk what the file is: 《2017年政务公开工作要点》第2版.json."""
        title = re.sub(r'[\\/:*?"<>|\s]', "", self.catalogue.title) or self.id
        return f"{title}（第{self.revision}版）{SUFFIX}"


def make(catalogue: Catalogue, figures: dict, revision: int, publisher: str = "") -> Publication:
    return Publication(
        catalogue,
        figures,
        revision,
        datetime.now().isoformat(timespec="seconds"),
        publisher or catalogue.issuer,
    )


def write(publication: Publication, path: Path) -> Path:
    """Write all-or-nothing. Raises :class:`desktop.fileio.FileWriteError`."""
    atomic_write(Path(path), publication.dumps().encode("utf-8"), "要点发布文件")
    return Path(path)


# -- reading -----------------------------------------------------------------------------------


def read(path: Path) -> Publication:
    """Read and check a publication file. Raises :class:`PublicationError`."""
    path = Path(path)
    try:
        data = read_bounded(path, MAX_BYTES, "要点发布文件")
    except UnreadableFile as exc:
        raise PublicationError(str(exc)) from exc
    return parse(data, path.name)


def parse(data: bytes, name: str = "文件") -> Publication:
    try:
        doc = safejson.loads(data, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH)
    except JSONProblem as exc:
        raise PublicationError(
            f"“{name}”不是可用的要点发布文件：{exc}。请让市政府办公厅重新发送。"
        ) from exc
    if not isinstance(doc, dict):
        raise PublicationError(f"“{name}”不是要点发布文件。")
    return from_json(doc, name)


def is_publication(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def from_json(doc: dict, name: str = "文件") -> Publication:
    fmt = doc.get("format")
    if fmt == EXCHANGE_FORMAT:
        raise PublicationError(
            f"“{name}”是单位报告的交换文件，不是要点发布文件。"
            "请打开报告后在“工具”菜单中选“导入交换文件”。"
        )
    if fmt != FORMAT:
        raise PublicationError(
            f"“{name}”不是市政府办公厅发布的要点文件。要导入要点原文，请选择 .docx 或 .txt 文件。"
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PublicationError(f"“{name}”缺少有效的格式版本号，文件可能已损坏。")
    if version > VERSION:
        raise PublicationError(
            f"“{name}”由更新版本的程序发布（格式版本{version}，本程序支持到{VERSION}），"
            "请升级本程序后再导入。"
        )
    revision = doc.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or not 1 <= revision <= 10_000:
        raise PublicationError(f"“{name}”缺少有效的版次，文件可能已损坏。")
    for key in ("published_at", "publisher"):
        if not isinstance(doc.get(key, ""), str) or len(doc.get(key, "")) > MAX_NAME:
            raise PublicationError(f"“{name}”中的{key}无效，文件可能已损坏。")
    raw = doc.get("catalogue")
    if not isinstance(raw, dict):
        raise PublicationError(f"“{name}”中没有要点内容，文件可能已损坏。")
    problem = check_catalogue_json(raw)
    if problem:
        raise PublicationError(f"“{name}”中的要点内容有误：{problem}。请让市政府办公厅重新发布。")
    try:
        catalogue = Catalogue.from_json(raw, source=f"“{name}”")
    except CatalogueError as exc:
        raise PublicationError(f"{exc}。请让市政府办公厅重新发布。") from exc
    figures = doc.get("figures", {"version": 1, "catalogue": catalogue.id, "tasks": {}})
    problem = check_figures(figures, catalogue)
    if problem:
        raise PublicationError(f"“{name}”中的填报数据有误：{problem}。请让市政府办公厅重新发布。")
    return Publication(
        catalogue, figures, revision, doc.get("published_at", ""), doc.get("publisher", "")
    )


def _text_ok(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit and not has_illegal_chars(value)


def check_catalogue_json(raw: dict) -> str:
    """The first problem of a catalogue document from another PC, or ""."""
    cid = raw.get("id")
    if not isinstance(cid, str) or id_problem(cid):
        return "要点编号无效"
    for key in ("title", "issuer", "doc_number", "date", "report_to", "deadline", "notice_title"):
        if key in raw and not _text_ok(raw[key], 200):
            return f"{key} 无效或过长"
    sections = raw.get("sections")
    if not isinstance(sections, list) or not sections:
        return "没有任何部分"
    if len(sections) > MAX_SECTIONS:
        return f"部分多于{MAX_SECTIONS}个"
    items = tasks = 0
    for s in sections:
        if not isinstance(s, dict) or not isinstance(s.get("items"), list):
            return "部分的格式不对"
        if not _text_ok(s.get("title", ""), 500):
            return "部分标题无效或过长"
        for i in s["items"]:
            items += 1
            if not isinstance(i, dict) or not isinstance(i.get("tasks"), list):
                return "条目的格式不对"
            if not _text_ok(i.get("title", ""), 500):
                return "条目标题无效或过长"
            for t in i["tasks"]:
                tasks += 1
                if not isinstance(t, dict):
                    return "任务的格式不对"
                if not isinstance(t.get("id"), str) or not re.fullmatch(
                    r"\d{1,3}\.\d{1,3}\.\d{1,3}", t["id"]
                ):
                    return "任务编号无效"
                if not _text_ok(t.get("text"), MAX_TEXT):
                    return f"任务{t['id']}的文字无效或过长"
                if t.get("clause") is not None and not _text_ok(t["clause"], 2000):
                    return f"任务{t['id']}的责任分工无效或过长"
                assignments = t.get("assignments", [])
                if not isinstance(assignments, list) or len(assignments) > MAX_ASSIGNMENTS:
                    return f"任务{t['id']}的责任单位无效或过多"
                for a in assignments:
                    if not isinstance(a, dict) or not _text_ok(a.get("unit"), MAX_NAME):
                        return f"任务{t['id']}的责任单位名称无效或过长"
    if items > MAX_ITEMS or tasks > MAX_TASKS:
        return f"条目或任务过多（{items}条、{tasks}项）"
    return ""


def check_figures(figures: Any, catalogue: Catalogue) -> str:
    """The first problem of a figures document for *catalogue*, or ""."""
    from desktop import forms

    if not isinstance(figures, dict):
        return "格式不对"
    tasks = figures.get("tasks")
    if isinstance(tasks, dict):
        for task_id, figs in tasks.items():
            if isinstance(figs, list) and len(figs) > MAX_FIGURES:
                return f"任务{task_id}的数据项多于{MAX_FIGURES}个"
            for fig in figs if isinstance(figs, list) else ():
                if isinstance(fig, dict):
                    for value in fig.values():
                        if isinstance(value, str) and not _text_ok(value, 2000):
                            return f"任务{task_id}的数据项含有无效或过长的文字"
    try:
        forms.check_figures_data(figures, "填报数据")
        forms.add_figures(forms.load_common(), figures, catalogue, "填报数据")
    except DataFileError as exc:
        return str(exc).removeprefix("填报数据：")
    return ""
