"""What a newer publication of a 要点 changed: tasks added, removed, changed, renumbered.

Tasks are paired by number when their texts still read alike, else by text alone (a task
renumbered because the office split the one before it is the same task). The lines read as
the 要点 is cited (``一（二）之二 …``), never by internal id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.catalogue import ROLE_LABELS, Catalogue
from desktop.yearly.similarity import CLOSE, THRESHOLD, catalogue_matcher

HEADER_NAMES = {
    "title": "要点标题",
    "doc_number": "文号",
    "deadline": "报送截止日期",
    "report_to": "报送单位",
}
MAX_LISTED = 8


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)  # old id → new id, same task
    removed_ids: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.header or self.moved)

    def lines(self) -> list[str]:
        """One line per kind of change, at most a few names each."""
        out = list(self.header)
        for what, names in (("新增任务", self.added), ("删去任务", self.removed)):
            if names:
                out.append(f"{what}{len(names)}项：{_listed(names)}")
        if self.changed:
            out.append(f"修改{len(self.changed)}项：{_listed(self.changed)}")
        if self.moved and not self.changed:
            out.append(f"另有{len(self.moved)}项任务的编号顺延，内容未变")
        return out or ["内容没有变化"]


def _listed(names: list[str]) -> str:
    shown = "；".join(names[:MAX_LISTED])
    return shown + (f"；等{len(names)}项" if len(names) > MAX_LISTED else "")


def pair_tasks(old: Catalogue, new: Catalogue) -> dict[str, str]:
    """new task id → old task id for the tasks that are the same task in both."""
    matcher = catalogue_matcher(new, old)
    old_ids = set(old.task_ids())
    pairs: dict[str, str] = {}
    for tid in new.task_ids():
        if tid in old_ids and (
            new.task(tid).text == old.task(tid).text or matcher.score(tid, tid) >= THRESHOLD
        ):
            pairs[tid] = tid
    taken = set(pairs.values())
    for tid in new.task_ids():
        if tid in pairs:
            continue
        text = new.task(tid).text
        same = [o for o in old.task_ids() if o not in taken and old.task(o).text == text]
        best = same[0] if same else None
        if best is None:
            found = [
                m for m in matcher.best(tid, limit=5, threshold=CLOSE) if m.task_id not in taken
            ]
            best = found[0].task_id if found else None
        if best is not None:
            pairs[tid] = best
            taken.add(best)
    return pairs


def compare(old: Catalogue, old_figures: dict, new: Catalogue, new_figures: dict) -> Changes:
    """*old_figures*/*new_figures*: task id → list of figure dicts."""
    out = Changes()
    for key, name in HEADER_NAMES.items():
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            out.header.append(f"{name}由“{before or '（空）'}”改为“{after or '（空）'}”")
    pairs = pair_tasks(old, new)
    paired_old = set(pairs.values())
    for tid in new.task_ids():
        if tid not in pairs:
            out.added.append(new.display_name(tid, 24))
            continue
        old_id = pairs[tid]
        if old_id != tid:
            out.moved[old_id] = tid
        what = _task_changes(old, old_id, new, tid, old_figures, new_figures)
        if what:
            out.changed.append(f"{new.display_name(tid, 24)}（{'，'.join(what)}）")
    for old_id in old.task_ids():
        if old_id not in paired_old:
            out.removed.append(old.display_name(old_id, 24))
            out.removed_ids.append(old_id)
    return out


def _task_changes(
    old: Catalogue, old_id: str, new: Catalogue, new_id: str, old_figs: dict, new_figs: dict
) -> list[str]:
    what: list[str] = []
    before, after = old.task(old_id), new.task(new_id)
    if old_id != new_id:
        what.append(f"编号由{old.ref(old_id)}改为{new.ref(new_id)}")
    if old.item_of(old_id)[1].title != new.item_of(new_id)[1].title:
        what.append("条目标题")
    if before.text != after.text:
        what.append("任务文字")
    roles_before = {a.unit: a.role for a in before.assignments}
    roles_after = {a.unit: a.role for a in after.assignments}
    if roles_before != roles_after:
        parts = []
        for unit, role in roles_after.items():
            if unit not in roles_before:
                parts.append(f"增加{unit}{ROLE_LABELS[role]}")
            elif roles_before[unit] != role:
                was, now = ROLE_LABELS[roles_before[unit]], ROLE_LABELS[role]
                parts.append(f"{unit}由{was}改为{now}")
        parts += [f"删去{unit}" for unit in roles_before if unit not in roles_after]
        what.append("责任分工：" + "、".join(parts))
    figs_before = {f["key"]: f for f in old_figs.get(old_id, [])}
    figs_after = {f["key"]: f for f in new_figs.get(new_id, [])}
    if figs_before != figs_after:
        parts = [f"增加“{f['label']}”" for k, f in figs_after.items() if k not in figs_before]
        parts += [f"删去“{f['label']}”" for k, f in figs_before.items() if k not in figs_after]
        parts += [
            f"修改“{f['label']}”"
            for k, f in figs_after.items()
            if k in figs_before and figs_before[k] != f
        ]
        what.append("填报数据：" + "、".join(parts))
    return what
