"""A parsed 要点 under the office's review: every correction the review screen offers.

The screen only calls these methods; nothing here knows Qt. A draft holds the catalogue, its
figures (``forms/fields`` shape: task id → list of figure dicts), the parser's warnings (each
tied to the task whose lines it concerns, or to none) and which figures were suggested rather
than confirmed. Splitting and merging renumber the item's tasks (``S.I.P``) and carry figures,
suggestions and warnings along, so nothing points at the wrong task afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.catalogue import ROLE_LABELS, ROLE_RANK, ROLES, Assignment, Catalogue, Item, Task
from desktop.errors import UserError
from desktop.textclean import xml_safe
from desktop.units import Directory
from desktop.yearly.suggest import Suggestion, suggest

MAX_NAME = 60
HEADER_FIELDS = {
    "title": "要点标题",
    "notice_title": "通知标题",
    "issuer": "发文机关",
    "doc_number": "文号",
    "date": "成文日期",
    "report_to": "报送单位",
    "deadline": "报送截止日期",
}
FIGURE_TYPES = {
    "integer": "整数",
    "decimal": "数字（可带小数）",
    "boolean": "是/否",
    "date": "日期",
    "text": "文字",
    "url": "网址",
}


class DraftError(UserError):
    """An edit that cannot be made; the message is Chinese and says why."""


@dataclass
class DraftWarning:
    task_id: str | None  # None: the document as a whole (header, closing, stray lines)
    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line else self.message

    def to_json(self) -> dict:
        return {"task": self.task_id, "line": self.line, "message": self.message}


@dataclass(frozen=True)
class Problem:
    """Something to fix before publishing (``blocking``) or worth a look."""

    task_id: str | None
    message: str
    blocking: bool = True


@dataclass
class ReviewDraft:
    catalogue: Catalogue
    figures: dict[str, list[dict]] = field(default_factory=dict)
    warnings: list[DraftWarning] = field(default_factory=list)
    suggested: set[tuple[str, str]] = field(default_factory=set)  # (task id, figure key)
    source_name: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # task id → its first line in the source

    # -- reading ----------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.catalogue.id

    def task(self, task_id: str) -> Task:
        try:
            return self.catalogue.task(task_id)
        except KeyError as exc:
            raise DraftError(f"要点中没有这项任务（{task_id}）") from exc

    def item_of(self, task_id: str) -> Item:
        return self.catalogue.item_of(task_id)[1]

    def warnings_for(self, task_id: str | None) -> list[DraftWarning]:
        return [w for w in self.warnings if w.task_id == task_id]

    def figures_for(self, task_id: str) -> list[dict]:
        return self.figures.get(task_id, [])

    def is_suggested(self, task_id: str, key: str) -> bool:
        return (task_id, key) in self.suggested

    def names(self) -> list[str]:
        """Every unit or category named in an assignment, in order of first appearance."""
        seen: dict[str, None] = {}
        for t in self.catalogue.tasks():
            for a in t.assignments:
                seen.setdefault(a.unit, None)
        return list(seen)

    def unknown_names(self, directory: Directory) -> list[str]:
        """Names that reach no unit: not in the directory, or a category without members
        (各街道办事处 in a city whose directory lists no 街道)."""
        return [n for n in self.names() if reach_problem(n, directory)]

    def figures_document(self) -> dict:
        """The ``forms/fields/<id>.json`` document of this draft."""
        tasks = {tid: copy.deepcopy(figs) for tid, figs in self.figures.items() if figs}
        order = {tid: n for n, tid in enumerate(self.catalogue.task_ids())}
        return {
            "version": 1,
            "catalogue": self.id,
            "note": f"《{self.catalogue.title}》要求填报的数据（由市政府办公厅校对发布）。",
            "tasks": dict(sorted(tasks.items(), key=lambda kv: order.get(kv[0], 0))),
        }

    # -- header and titles ------------------------------------------------------------------
    def set_header(self, name: str, value: str) -> None:
        if name not in HEADER_FIELDS:
            raise DraftError(f"要点没有“{name}”这一项")
        setattr(self.catalogue, name, value.strip())

    def set_section_title(self, section_no: int, title: str) -> None:
        section = next((s for s in self.catalogue.sections if s.no == section_no), None)
        if section is None:
            raise DraftError(f"要点中没有第{section_no}部分")
        section.title = title.strip()

    def set_item_title(self, task_id: str, title: str) -> None:
        self.item_of(task_id).title = title.strip()

    def set_task_text(self, task_id: str, text: str) -> None:
        task = self.task(task_id)
        task.text = text.strip()
        if task.clause and task.clause not in task.text:
            task.clause = None  # the highlighted clause was edited away

    # -- assignments ------------------------------------------------------------------------
    def set_assignments(self, task_id: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Replace the task's assignments: (unit or category, role). A name given twice keeps
        its strongest role (牵头 > 负责 > 配合); empty names are dropped."""
        merged: dict[str, str] = {}
        for unit, role in pairs:
            # Pasted names may carry line breaks or control characters; a name is one line.
            unit = " ".join(xml_safe(unit).split())
            if len(unit) > MAX_NAME:
                raise DraftError(f"单位或类别名称“{unit[:20]}…”超过{MAX_NAME}个字")
            if role not in ROLES:
                raise DraftError(f"责任类型“{role}”无效，应为牵头、负责或配合")
            if not unit:
                continue
            if unit not in merged or ROLE_RANK[role] > ROLE_RANK[merged[unit]]:
                merged[unit] = role
        self.task(task_id).assignments = [Assignment(u, r) for u, r in merged.items()]

    def map_name(self, name: str, targets: list[str]) -> int:
        """Replace a name the directory does not know (a new category such as 各镇（街）, a
        renamed department) by directory units or categories, in every task, keeping each
        task's role. Returns how many tasks changed."""
        targets = [t.strip() for t in targets if t.strip()]
        if not targets:
            raise DraftError("请至少选择一个单位或类别")
        changed = 0
        for task in self.catalogue.tasks():
            if not any(a.unit == name for a in task.assignments):
                continue
            pairs: list[tuple[str, str]] = []
            for a in task.assignments:
                if a.unit == name:
                    pairs += [(t, a.role) for t in targets]
                else:
                    pairs.append((a.unit, a.role))
            self.set_assignments(task.id, pairs)
            changed += 1
        return changed

    # -- split and merge --------------------------------------------------------------------
    def split_task(self, task_id: str, offset: int) -> str:
        """Cut a task's text at *offset* into two tasks of the same item; the second gets a
        copy of the assignments (correct them after). Returns the new task's id."""
        task = self.task(task_id)
        first, second = task.text[:offset].strip(), task.text[offset:].strip()
        if not first or not second:
            raise DraftError("请把光标放在要拆开的位置（两段都要有文字）再拆分")
        section, item = self.catalogue.item_of(task_id)
        index = item.tasks.index(task)
        new = Task(f"{section.no}.{item.no}.{index + 2}", second, list(task.assignments))
        if task.clause and task.clause in second:
            new.clause, task.clause = task.clause, None
        task.text = first
        old_ids = [t.id for t in item.tasks]
        item.tasks.insert(index + 1, new)
        # The new task's warnings and figures start empty; the ones after it move down.
        mapping = {
            old: self._id(section.no, item.no, n + (2 if n > index else 1))
            for n, old in enumerate(old_ids)
        }
        line = self.lines.get(task_id)
        self._renumber(item, section.no, mapping)
        if line is not None:
            self.lines[new.id] = line  # both halves come from the same paragraph
        return new.id

    def merge_with_next(self, task_id: str) -> str:
        """Join a task with the next task of its item: texts as two paragraphs, assignments
        combined (strongest role wins), figures, suggestions and warnings of both kept."""
        task = self.task(task_id)
        section, item = self.catalogue.item_of(task_id)
        index = item.tasks.index(task)
        if index + 1 >= len(item.tasks):
            raise DraftError("这是该条的最后一项任务，没有可以合并的下一项")
        nxt = item.tasks[index + 1]
        pairs = [(a.unit, a.role) for a in task.assignments + nxt.assignments]
        task.text = f"{task.text}\n{nxt.text}"
        task.clause = nxt.clause or task.clause
        self.set_assignments(task.id, pairs)
        # The next task's figures join this one's (keys made unique).
        taken = {f["key"] for f in self.figures_for(task.id)}
        for fig in self.figures.pop(nxt.id, []):
            old_key = fig["key"]
            fig["key"] = _unique(old_key, taken)
            taken.add(fig["key"])
            self.figures.setdefault(task.id, []).append(fig)
            if (nxt.id, old_key) in self.suggested:
                self.suggested.discard((nxt.id, old_key))
                self.suggested.add((task.id, fig["key"]))
        for w in self.warnings:
            if w.task_id == nxt.id:
                w.task_id = task.id
        old_ids = [t.id for t in item.tasks]
        item.tasks.remove(nxt)
        self.lines.pop(nxt.id, None)  # the merged task starts where the first part did
        mapping = {
            old: self._id(section.no, item.no, n + (1 if n <= index else 0))
            for n, old in enumerate(old_ids)
            if old != nxt.id
        }
        self._renumber(item, section.no, mapping)
        return task.id

    @staticmethod
    def _id(section: int, item: int, para: int) -> str:
        return f"{section}.{item}.{para}"

    def _renumber(self, item: Item, section_no: int, mapping: dict[str, str]) -> None:
        """Give the item's tasks ids 1..n again and move everything keyed by the old ids."""
        for n, t in enumerate(item.tasks, 1):
            t.id = self._id(section_no, item.no, n)
        moved = {old: new for old, new in mapping.items() if old != new}
        if not moved:
            return
        self.figures = {moved.get(k, k): v for k, v in self.figures.items()}
        self.lines = {moved.get(k, k): v for k, v in self.lines.items()}
        self.suggested = {(moved.get(t, t), k) for t, k in self.suggested}
        for w in self.warnings:
            if w.task_id in moved:
                w.task_id = moved[w.task_id]

    # -- figures ----------------------------------------------------------------------------
    def suggestions(self, task_id: str) -> list[Suggestion]:
        """Figures the task's text asks for that the task does not have yet (by label)."""
        have = self.figures_for(task_id)
        labels = {f["label"] for f in have}
        found = suggest(self.task(task_id), {f["key"] for f in have})
        return [s for s in found if s.label not in labels]

    def add_figure(self, task_id: str, figure: dict, suggested: bool = False) -> str:
        """Add a figure (forms/fields shape); the key is made unique. Returns the key."""
        self.task(task_id)
        figs = self.figures.setdefault(task_id, [])
        fig = copy.deepcopy(figure)
        fig.setdefault("key", "req_value")
        fig.setdefault("label", "数据")
        fig.setdefault("type", "integer")
        fig["key"] = _unique(fig["key"], {f["key"] for f in figs})
        figs.append(fig)
        if suggested:
            self.suggested.add((task_id, fig["key"]))
        return fig["key"]

    def new_figure(self, task_id: str) -> str:
        """An empty count the office fills in."""
        return self.add_figure(
            task_id,
            {"key": "req_value", "label": "数据项", "type": "integer", "unit": "次", "min": 0},
        )

    def figure(self, task_id: str, key: str) -> dict:
        for fig in self.figures_for(task_id):
            if fig["key"] == key:
                return fig
        raise DraftError(f"该任务没有数据项“{key}”")

    def update_figure(self, task_id: str, figure_key: str, **changes: object) -> None:
        """Change a figure; a value of None or "" removes that property. Editing confirms a
        suggested figure."""
        key = figure_key
        fig = self.figure(task_id, key)
        for name, value in changes.items():
            if name == "key":
                raise DraftError("数据项的内部编号不能修改")
            if value is None or value == "":
                fig.pop(name, None)
            else:
                fig[name] = value
        self.suggested.discard((task_id, key))

    def confirm_figure(self, task_id: str, key: str) -> None:
        self.figure(task_id, key)
        self.suggested.discard((task_id, key))

    def remove_figure(self, task_id: str, key: str) -> None:
        figs = self.figures_for(task_id)
        self.figure(task_id, key)
        self.figures[task_id] = [f for f in figs if f["key"] != key]
        if not self.figures[task_id]:
            del self.figures[task_id]
        self.suggested.discard((task_id, key))

    def apply_firm_suggestions(self, directory: Directory | None = None) -> int:
        """At import: add the figures the text clearly asks for, each asked only of the
        sentence's addressee when the directory knows it. Returns how many."""
        added = 0
        for task in self.catalogue.tasks():
            for s in self.suggestions(task.id):
                if s.firm:
                    self.add_figure(task.id, s.limited_to(directory), suggested=True)
                    added += 1
        return added

    # -- checking ---------------------------------------------------------------------------
    def problems(self, directory: Directory | None = None) -> list[Problem]:
        """What blocks publishing (blocking) and what deserves a look (not blocking)."""
        out: list[Problem] = []
        cat = self.catalogue
        if not cat.title.strip():
            out.append(Problem(None, "要点标题不能为空"))
        if not cat.task_ids():
            out.append(Problem(None, "要点中没有任何任务"))
        for section in cat.sections:
            if not section.title.strip():
                out.append(Problem(None, f"第{section.no}部分的标题为空"))
        unknown = set(self.unknown_names(directory)) if directory is not None else set()
        for _section, item in cat.items():
            for task in item.tasks:
                ref = cat.ref(task.id)
                if not item.title.strip():
                    out.append(Problem(task.id, f"{ref}：条目标题为空"))
                if not task.text.strip():
                    out.append(Problem(task.id, f"{ref}：任务文字为空"))
                if not task.assignments:
                    out.append(Problem(task.id, f"{ref}：没有责任单位，请添加牵头、负责或配合单位"))
                for a in task.assignments:
                    if a.unit in unknown:
                        why = reach_problem(a.unit, directory)
                        out.append(
                            Problem(
                                task.id,
                                f"{ref}：“{a.unit}”（{ROLE_LABELS[a.role]}）{why}，"
                                "发布后没有单位会因此收到这项任务；请对应到名录中的单位或类别",
                                blocking=False,
                            )
                        )
                for fig in self.figures_for(task.id):
                    out += [
                        Problem(task.id, f"{ref}：{m}") for m in figure_problems(fig, directory)
                    ]
                for _tid, key in sorted(self.suggested):
                    if _tid == task.id:
                        label = self.figure(task.id, key)["label"]
                        out.append(Problem(task.id, f"{ref}：建议的数据项“{label}”尚未确认", False))
        return out

    # -- JSON (the review file) -------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "catalogue": self.catalogue.to_json(),
            "figures": self.figures_document()["tasks"],
            "warnings": [w.to_json() for w in self.warnings],
            "suggested": sorted([t, k] for t, k in self.suggested),
            "source_name": self.source_name,
            "lines": self.lines,
        }

    @classmethod
    def from_json(cls, data: dict, source: str = "要点校对文件") -> ReviewDraft:
        catalogue = Catalogue.from_json(data["catalogue"], source=source)
        figures = {str(k): list(v) for k, v in dict(data.get("figures", {})).items()}
        warnings = [
            DraftWarning(w.get("task"), int(w.get("line", 0)), str(w["message"]))
            for w in data.get("warnings", [])
        ]
        suggested = {(str(t), str(k)) for t, k in data.get("suggested", [])}
        lines = {str(k): int(v) for k, v in dict(data.get("lines", {})).items()}
        name = str(data.get("source_name", ""))
        return cls(catalogue, figures, warnings, suggested, name, lines)


def reach_problem(name: str, directory: Directory | None) -> str:
    """Why *name* reaches no unit of the directory ("" when it reaches one)."""
    if directory is None or directory.unit(name) is not None:
        return ""
    category = directory.category(name)
    if category is None:
        return "不在单位名录中"
    if category.all_units or directory.members(category):
        return ""
    return f"属于名录中的类别“{category.name}”，但名录中没有这一类单位"


def figure_problems(fig: dict, directory: Directory | None = None) -> list[str]:
    label = str(fig.get("label", "")).strip()
    name = f"数据项“{label}”" if label else "数据项"
    out = []
    for unit in [*fig.get("applies_to", ()), *fig.get("not_for", ())]:
        if directory is not None and not (directory.category(unit) or directory.unit(unit)):
            out.append(f"{name}只要求“{unit}”填写，但单位名录中没有“{unit}”")
    if not label:
        out.append("有一个数据项没有名称")
    elif len(label) > 40:
        out.append(f"{name}的名称超过40个字")
    if fig.get("type") not in FIGURE_TYPES:
        out.append(f"{name}的类型无效")
    lo, hi = fig.get("min"), fig.get("max")
    if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo > hi:
        out.append(f"{name}的最小值大于最大值")
    demand = fig.get("demand_min")
    if demand is not None and fig.get("type") not in ("integer", "decimal"):
        out.append(f"{name}不是数字，不能设“要求至少”")
    if isinstance(demand, (int, float)) and isinstance(hi, (int, float)) and demand > hi:
        out.append(f"{name}的要求（{demand:g}）超过了最大值（{hi:g}）")
    if len(str(fig.get("unit", ""))) > 10:
        out.append(f"{name}的单位超过10个字")
    return out


def _unique(key: str, taken: set[str]) -> str:
    if key not in taken:
        return key
    n = 2
    while f"{key}_{n}" in taken:
        n += 1
    return f"{key}_{n}"


def from_parse(result, source_name: str = "", directory: Directory | None = None) -> ReviewDraft:
    """A draft from the parser's result: warnings tied to their tasks, firm figures added
    (limited to the units a sentence addresses when *directory* knows them)."""
    catalogue = copy.deepcopy(result.catalogue)
    draft = ReviewDraft(catalogue, source_name=source_name, lines=dict(result.task_lines))
    draft.warnings = [
        DraftWarning(task_for_line(result, w.line), w.line, w.message) for w in result.warnings
    ]
    draft.apply_firm_suggestions(directory)
    return draft


def task_for_line(result, line: int) -> str | None:
    """The task a warning's line belongs to: from a task's first line to the line of its
    clause (or, without one, up to the next task's first line); None outside every task."""
    if line <= 0:
        return None
    spans = []
    starts = sorted((ln, tid) for tid, ln in result.task_lines.items())
    for n, (start, tid) in enumerate(starts):
        next_start = starts[n + 1][0] if n + 1 < len(starts) else None
        end = result.clause_lines.get(tid, start)
        if next_start is not None:
            end = max(end, next_start - 1)
        spans.append((start, end, tid))
    for start, end, tid in spans:
        if start <= line <= end:
            return tid
    return None
