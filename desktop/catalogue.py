"""The 要点 as data: sections → items → tasks → assignments.

A *task* is one paragraph of the 要点 with its own responsibility clause (or, in a section
without clauses such as 保障措施, one item binding everyone). Task ids are ``S.I.P``:
section, item, paragraph within the item, in Arabic numerals.

The JSON form is the one ``python main.py catalogue show --json`` prints and the one shipped in
``forms/catalogues/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.errors import UserError
from desktop.numerals import cn_number
from desktop.textclean import cut_list, to_fullwidth_punct, xml_safe

ROLES = ("lead", "responsible", "cooperate")
ROLE_LABELS = {"lead": "牵头", "responsible": "负责", "cooperate": "配合"}
ROLE_RANK = {"lead": 3, "responsible": 2, "cooperate": 1}
BUILTIN_ID = "dalian-2016"


def task_ref(section_no: int, item_no: int, index: int, count: int) -> str:
    """``一（二）`` for the only task of an item, ``一（二）之二`` for the second of several."""
    base = f"{cn_number(section_no)}（{cn_number(item_no)}）"
    return base if count <= 1 else f"{base}之{cn_number(index)}"


_CLAUSE = re.compile(r"[（(][^（）()]*(落实|负责|配合|牵头)[）)]\s*$")
_CONDITION = re.compile(r"^(对|在|按照|根据|围绕|结合)[^，]*(下|时|后|前|措施|政策|事项|要求)$")
_SUBJECT = re.compile(r"^[^，。]{0,12}?(部门|政府|机关|单位|负责人|地区)(要|应当|应)")


def short_name(task: Task, limit: int = 36) -> str:
    """A short name for a task, from its text: the first clause that says what to do.

    ``各级政府及部门要建立健全……机制，遇到……`` → ``建立健全……机制``: a leading condition
    (``对……``/``在……前提下``) is skipped and the addressee (``各级……要``) dropped, since the
    reader knows who must act. Too long a clause ends at a 顿号 with ``等``.
    """
    text = to_fullwidth_punct(xml_safe(_CLAUSE.sub("", task.text)).replace("\n", "").strip())
    first = text.split("。", 1)[0]
    clauses = [_SUBJECT.sub("", c) for c in first.split("，") if c]
    while len(clauses) > 1 and _CONDITION.match(clauses[0]):
        clauses.pop(0)
    label = clauses[0] if clauses else first
    if len(label) <= limit:
        return label
    return cut_list(label, limit, keep=12)


class CatalogueError(UserError):
    """A catalogue file cannot be used; the message is Chinese and names the file."""


@dataclass(frozen=True)
class Assignment:
    unit: str
    role: str

    def to_json(self) -> dict:
        return {"unit": self.unit, "role": self.role}


@dataclass
class Task:
    id: str
    text: str
    assignments: list[Assignment] = field(default_factory=list)
    clause: str | None = None

    @property
    def section_no(self) -> int:
        return int(self.id.split(".")[0])

    @property
    def item_no(self) -> int:
        return int(self.id.split(".")[1])

    @property
    def para_no(self) -> int:
        return int(self.id.split(".")[2])

    def to_json(self) -> dict:
        out: dict = {"id": self.id, "text": self.text}
        if self.clause is not None:
            out["clause"] = self.clause
        out["assignments"] = [a.to_json() for a in self.assignments]
        return out


@dataclass
class Item:
    no: int
    title: str
    tasks: list[Task] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"no": self.no, "title": self.title, "tasks": [t.to_json() for t in self.tasks]}


@dataclass
class Section:
    no: int
    title: str
    items: list[Item] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"no": self.no, "title": self.title, "items": [i.to_json() for i in self.items]}


@dataclass
class Catalogue:
    id: str
    title: str
    issuer: str
    doc_number: str
    date: str
    report_to: str
    deadline: str
    sections: list[Section] = field(default_factory=list)
    notice_title: str = ""

    # -- navigation -------------------------------------------------------------------------
    def tasks(self) -> Iterator[Task]:
        for section in self.sections:
            for item in section.items:
                yield from item.tasks

    def items(self) -> Iterator[tuple[Section, Item]]:
        for section in self.sections:
            for item in section.items:
                yield section, item

    def task(self, task_id: str) -> Task:
        for t in self.tasks():
            if t.id == task_id:
                return t
        raise KeyError(task_id)

    def task_ids(self) -> list[str]:
        return [t.id for t in self.tasks()]

    def item_of(self, task_id: str) -> tuple[Section, Item]:
        s, i, _ = (int(x) for x in task_id.split("."))
        for section in self.sections:
            if section.no == s:
                for item in section.items:
                    if item.no == i:
                        return section, item
        raise KeyError(task_id)

    @property
    def year(self) -> int:
        for text in (self.title, self.date, self.deadline):
            digits = text[:4]
            if digits.isdigit():
                return int(digits)
        return 0

    def ref(self, task_id: str) -> str:
        """The 要点's own numbering of a task, as people cite it: ``一（二）`` for an item with one
        task, ``一（二）之二`` for the second paragraph of an item with several. Never the
        internal id (``1.2.2``), which stays in machine files."""
        section, item = self.item_of(task_id)
        index = next(n for n, t in enumerate(item.tasks, 1) if t.id == task_id)
        return task_ref(section.no, item.no, index, len(item.tasks))

    def tasks_of_ref(self, text: str) -> list[str]:
        """The tasks a person means by ``一（三）`` or ``一（二）之二`` (ASCII brackets and spaces
        forgiven): the one task, every task of an item cited without 之N, or none."""
        wanted = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")
        refs = {t.id: self.ref(t.id) for t in self.tasks()}
        exact = [tid for tid, ref in refs.items() if ref == wanted]
        return exact or [tid for tid, ref in refs.items() if ref.split("之")[0] == wanted]

    def display_name(self, task_id: str, limit: int = 36) -> str:
        """``一（二）之二 建立健全政务舆情收集、研判、处置和回应机制``: reference and short name."""
        return f"{self.ref(task_id)} {short_name(self.task(task_id), limit)}"

    def label(self) -> str:
        """How the UI names this catalogue: 《2016年政务公开工作要点》（大政办发〔2016〕125号）."""
        number = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.title}》{number}"

    # -- JSON -------------------------------------------------------------------------------
    def to_json(self) -> dict:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "date": self.date,
            "report_to": self.report_to,
            "deadline": self.deadline,
        }
        if self.notice_title:
            out["notice_title"] = self.notice_title
        out["sections"] = [s.to_json() for s in self.sections]
        return out

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, data: dict, source: str = "目录") -> Catalogue:
        try:
            sections = [
                Section(
                    no=int(s["no"]),
                    title=str(s["title"]),
                    items=[
                        Item(
                            no=int(i["no"]),
                            title=str(i["title"]),
                            tasks=[
                                Task(
                                    id=str(t["id"]),
                                    text=str(t["text"]),
                                    clause=t.get("clause"),
                                    assignments=[
                                        Assignment(str(a["unit"]), _role(a["role"]))
                                        for a in t.get("assignments", [])
                                    ],
                                )
                                for t in i["tasks"]
                            ],
                        )
                        for i in s["items"]
                    ],
                )
                for s in data["sections"]
            ]
            cat = cls(
                id=str(data["id"]),
                title=str(data["title"]),
                issuer=str(data.get("issuer", "")),
                doc_number=str(data.get("doc_number", "")),
                date=str(data.get("date", "")),
                report_to=str(data.get("report_to", "")),
                deadline=str(data.get("deadline", "")),
                notice_title=str(data.get("notice_title", "")),
                sections=sections,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CatalogueError(f"{source}的内容不完整或格式不对：{_describe(exc)}") from exc
        ids = cat.task_ids()
        if len(ids) != len(set(ids)):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise CatalogueError(f"{source}中任务编号重复：{'、'.join(dup)}")
        return cat


def _role(value: object) -> str:
    if value not in ROLES:
        raise ValueError(f"责任类型“{value}”不是 lead/responsible/cooperate 之一")
    return str(value)


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"缺少字段 {exc.args[0]!r}"
    return str(exc)


def builtin_path() -> Path:
    return paths.forms_dir() / "catalogues" / f"{BUILTIN_ID}.json"


MAX_CATALOGUE_BYTES = 20 * 1024 * 1024


def load_file(path: Path) -> Catalogue:
    from desktop.safeio import UnreadableFile
    from desktop.safejson import JSONProblem, load_path

    try:
        data = load_path(path, max_bytes=MAX_CATALOGUE_BYTES, what="要点目录文件")
    except UnreadableFile as exc:
        raise CatalogueError(str(exc)) from exc
    except JSONProblem as exc:
        raise CatalogueError(f"要点目录文件 {path} 不是有效的 JSON：{exc}") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"要点目录文件 {path} 的顶层应是一个对象")
    return Catalogue.from_json(data, source=f"要点目录文件 {path.name} ")


def load_builtin() -> Catalogue:
    return load_file(builtin_path())


def available() -> dict[str, Path]:
    """Catalogue id → file: the built-in one plus those the user imported."""
    found: dict[str, Path] = {}
    user_dir = paths.user_catalogues_dir()
    if user_dir.is_dir():
        for p in sorted(user_dir.glob("*.json")):
            found[p.stem] = p
    for p in sorted((paths.forms_dir() / "catalogues").glob("*.json")):
        found[p.stem] = p
    return found


def load(catalogue_id: str) -> Catalogue:
    files = available()
    if catalogue_id not in files:
        raise CatalogueError(f"找不到要点目录“{catalogue_id}”。请先导入该年度的要点文件。")
    return load_file(files[catalogue_id])


_ID = re.compile(r"\w[\w-]{0,63}")
_WINDOWS_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)")


def id_problem(catalogue_id: object) -> str | None:
    """Why *catalogue_id* cannot name a catalogue (it becomes a file name in the data folder:
    ``catalogues/<id>.json``), or None. Letters, digits, ``-`` and ``_`` only, at most 64."""
    if not isinstance(catalogue_id, str) or not _ID.fullmatch(catalogue_id):
        return (
            f"目录编号“{catalogue_id}”不能使用：编号只能由字母、数字、汉字、“-”和“_”组成"
            "（不能有 / \\ . 空格等），最长 64 个字，如“dalian-2017”。"
        )
    if _WINDOWS_RESERVED.fullmatch(catalogue_id):
        return f"目录编号“{catalogue_id}”是 Windows 保留的名称，请换一个，如“dalian-2017”。"
    return None


def install(catalogue: Catalogue) -> Path:
    """Make an imported catalogue selectable in the wizard (written to the data directory)."""
    from desktop.fileio import atomic_write

    problem = id_problem(catalogue.id)
    if problem:
        raise CatalogueError(problem)
    target = paths.user_catalogues_dir() / f"{catalogue.id}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, catalogue.dumps().encode("utf-8"), "要点目录")
    return target
