"""What the wizard asks: loaded from ``forms/fields/`` and checked against its schema.

``common.json`` holds the fields every task has (status, 主要做法, 取得成效, evidence, 存在问题),
the unit profile, the report-level texts and the 保密审查 fields. ``<catalogue-id>.json`` adds
the figures a 要点 demands for particular tasks. A catalogue without such a file (e.g. next
year's, freshly imported) simply has no task-specific figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.answers import STATUS_KEY, STATUS_MEANINGS, StatusWords, figure_store_key
from desktop.catalogue import Catalogue
from desktop.schema import DataFileError, load_validated
from desktop.units import Directory, Unit


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: str
    required: bool = False
    options: tuple[str, ...] = ()
    help: str = ""
    placeholder: str = ""
    max_length: int = 0
    show_when: dict[str, tuple[str, ...]] = field(default_factory=dict)
    default: Any = None
    meanings: dict[str, str] = field(default_factory=dict)  # meaning → option (status only)

    def visible(self, values: dict[str, Any]) -> bool:
        """Whether the field applies given the other answers (e.g. 取得成效 only when done)."""
        return all(values.get(k) in allowed for k, allowed in self.show_when.items())


@dataclass(frozen=True)
class FigureSpec:
    key: str
    label: str
    type: str
    unit: str = ""
    help: str = ""
    min: float | None = None
    max: float | None = None
    demand_min: float | None = None
    demand_true: bool | None = None
    demand_text: str = ""
    at_most_field: str = ""
    at_least_field: str = ""
    prefill_from: str = ""
    sum: bool = False
    sentence: str = ""
    sentence_true: str = ""
    sentence_false: str = ""
    # How the report says a zero (全年未发生…); without it a zero is not said at all.
    sentence_zero: str = ""
    # How the report says a figure equal to its ``at_most_field`` (all 7 answered: 均已答复,
    # not 已答复7件 after 受理…7件).
    sentence_all: str = ""
    # A url figure: the name its address is listed under in the 落实情况表 (领导分工公布网页),
    # so a long address prints as its site under that name instead of six broken lines.
    channel: str = ""
    # Words that mark a clerk's sentence as stating this figure already (then not repeated).
    keywords: tuple[str, ...] = ()
    # Which units the 要点 asks this figure of: category or unit names from the unit directory
    # (empty = every unit the task reaches), minus those in ``not_for``. 三（三）'s press
    # conferences are demanded of 市政府各部门 only, though the task also reaches districts.
    applies_to: tuple[str, ...] = ()
    not_for: tuple[str, ...] = ()

    @property
    def store_key(self) -> str:
        """Key under which the store keeps this figure (``figures.<key>``)."""
        return figure_store_key(self.key)

    def concerns(self, unit: Unit) -> bool:
        """Whether the 要点 asks *unit* for this figure (by its name, aliases or categories)."""
        names = {unit.name, *unit.aliases, *unit.categories}
        if names.intersection(self.not_for):
            return False
        return not self.applies_to or bool(names.intersection(self.applies_to))


@dataclass
class FormSpec:
    task_fields: list[FieldSpec]
    profile_fields: list[FieldSpec]
    report_fields: list[FieldSpec]
    review_fields: list[FieldSpec]
    figures: dict[str, list[FigureSpec]]

    def figures_for(self, task_id: str, unit: Unit) -> list[FigureSpec]:
        """The figures the 要点 asks *unit* for on this task: what the form shows, the review
        checks, the report prints and 汇总 adds up for that unit."""
        return [f for f in self.figures.get(task_id, []) if f.concerns(unit)]

    def all_figures(self, task_id: str) -> list[FigureSpec]:
        """Every figure of the task, whoever it concerns: for validating stored data and for
        汇总 columns that list several units side by side."""
        return self.figures.get(task_id, [])

    def figure_names(self) -> set[str]:
        """Every unit or category name the figures' ``applies_to``/``not_for`` mention."""
        return {
            name
            for figs in self.figures.values()
            for f in figs
            for name in (*f.applies_to, *f.not_for)
        }

    def task_field(self, key: str) -> FieldSpec:
        return next(f for f in self.task_fields if f.key == key)

    @property
    def statuses(self) -> StatusWords:
        """The task-status words by meaning (已完成 = done …), as ``common.json`` names them."""
        return StatusWords.from_meanings(self.task_field(STATUS_KEY).meanings)


def _field(data: dict) -> FieldSpec:
    return FieldSpec(
        key=data["key"],
        label=data["label"],
        type=data["type"],
        required=data.get("required", False),
        options=tuple(data.get("options", ())),
        help=data.get("help", ""),
        placeholder=data.get("placeholder", ""),
        max_length=data.get("max_length", 0),
        show_when={k: tuple(v) for k, v in data.get("show_when", {}).items()},
        default=data.get("default"),
        meanings=dict(data.get("meanings", {})),
    )


def _figure(data: dict) -> FigureSpec:
    known = FigureSpec.__dataclass_fields__
    values = {k: v for k, v in data.items() if k in known}
    for key in ("applies_to", "not_for", "keywords"):
        values[key] = tuple(values.get(key, ()))
    return FigureSpec(**values)


def schema_dir() -> Path:
    return paths.forms_dir() / "schema"


def figures_file(catalogue_id: str) -> Path | None:
    for base in (paths.user_fields_dir(), paths.forms_dir() / "fields"):
        candidate = base / f"{catalogue_id}.json"
        if candidate.is_file():
            return candidate
    return None


def load_common(path: Path | None = None) -> FormSpec:
    path = path or paths.forms_dir() / "fields" / "common.json"
    data = load_validated(path, schema_dir() / "fields.schema.json")
    spec = FormSpec(
        task_fields=[_field(f) for f in data["task_fields"]],
        profile_fields=[_field(f) for f in data["profile_fields"]],
        report_fields=[_field(f) for f in data["report_fields"]],
        review_fields=[_field(f) for f in data["review_fields"]],
        figures={},
    )
    _check_common(spec, path)
    return spec


def load(
    catalogue: Catalogue,
    common: Path | None = None,
    figures: Path | None = None,
    *,
    directory: Directory,
) -> FormSpec:
    """The full form for *catalogue*. Raises :class:`DataFileError` naming file, place, problem.

    The names in ``applies_to``/``not_for`` must be units or categories *directory* (this PC's
    unit directory) knows — a misspelt category would silently ask nobody — and aliases become
    the canonical names, so every caller must pass it.
    """
    spec = load_common(common)
    figures = figures or figures_file(catalogue.id)
    if figures is None:
        return spec
    data = load_validated(figures, schema_dir() / "figures.schema.json")
    return add_figures(spec, data, catalogue, figures.name, directory)


def check_figures_data(data: object, name: str = "填报数据") -> None:
    """Schema check of a figures document held in memory (a publication carries one)."""
    from desktop.schema import load_json, validate

    problems = validate(data, load_json(schema_dir() / "figures.schema.json"))
    if problems:
        shown = "；".join(problems[:5])
        more = f"（另有{len(problems) - 5}处）" if len(problems) > 5 else ""
        raise DataFileError(f"{name}：{shown}{more}")


def add_figures(
    spec: FormSpec,
    data: dict,
    catalogue: Catalogue,
    name: str,
    directory: Directory | None = None,
) -> FormSpec:
    """Add the figures of a schema-valid figures document to *spec*; check them against the
    catalogue, the common fields and (given) the unit directory. Raises
    :class:`DataFileError` naming *name* and place."""
    if data["catalogue"] != catalogue.id:
        raise DataFileError(
            f"{name}：catalogue：此文件属于要点“{data['catalogue']}”，不是“{catalogue.id}”"
        )
    known_tasks = set(catalogue.task_ids())
    profile_keys = {f.key for f in spec.profile_fields}
    common_keys = {f.key for f in spec.task_fields}
    for task_id, items in data["tasks"].items():
        where = f'tasks["{task_id}"]'
        if task_id not in known_tasks:
            raise DataFileError(f"{name}：{where}：要点中没有编号为 {task_id} 的任务")
        figs = [_figure(i) for i in items]
        keys = [f.key for f in figs]
        for i, fig in enumerate(figs):
            place = f"{where}[{i}]"
            if keys.count(fig.key) > 1:
                raise DataFileError(f"{name}：{place}.key：“{fig.key}”在同一任务中重复")
            if fig.key in common_keys:
                raise DataFileError(f"{name}：{place}.key：“{fig.key}”与通用字段重名")
            for ref in (fig.at_most_field, fig.at_least_field):
                if ref and ref not in keys:
                    raise DataFileError(f"{name}：{place}：引用的字段“{ref}”不在该任务中")
            if fig.prefill_from and fig.prefill_from.split(".", 1)[1] not in profile_keys:
                raise DataFileError(
                    f"{name}：{place}.prefill_from：封面信息中没有“{fig.prefill_from}”"
                )
            if fig.min is not None and fig.max is not None and fig.min > fig.max:
                raise DataFileError(f"{name}：{place}：min 大于 max")
            _check_sentence(fig, keys, f"{name}：{place}")
            if directory is not None:
                figs[i] = _canonical_names(fig, directory, f"{name}：{place}")
        spec.figures[task_id] = figs
    return spec


def _check_sentence(fig: FigureSpec, keys: list[str], where: str) -> None:
    """A report sentence may cite ``{value}`` and the task's other figures, nothing else; a URL
    is never printed in the report's body (it belongs in the attachment table)."""
    import re

    for ref in re.findall(r"\{(\w*)\}", fig.sentence):
        if ref != "value" and ref not in keys:
            raise DataFileError(f"{where}.sentence：引用的字段“{ref}”不在该任务中")
    if fig.type == "url" and "{value}" in fig.sentence:
        raise DataFileError(f"{where}.sentence：网址不写入报告正文，请去掉{{value}}")


def _canonical_names(fig: FigureSpec, directory: Directory, where: str) -> FigureSpec:
    lists: dict[str, Any] = {}
    for attr in ("applies_to", "not_for"):
        names = []
        for name in getattr(fig, attr):
            known = directory.category(name) or directory.unit(name)
            if known is None:
                raise DataFileError(f"{where}.{attr}：单位名录中没有名为“{name}”的单位或类别")
            names.append(known.name)
        lists[attr] = tuple(names)
    return replace(fig, **lists)


def _check_common(spec: FormSpec, path: Path) -> None:
    for group, fields in (
        ("task_fields", spec.task_fields),
        ("profile_fields", spec.profile_fields),
        ("report_fields", spec.report_fields),
        ("review_fields", spec.review_fields),
    ):
        keys = [f.key for f in fields]
        for i, f in enumerate(fields):
            place = f"{group}[{i}]"
            if keys.count(f.key) > 1:
                raise DataFileError(f"{path.name}：{place}.key：“{f.key}”重复")
            if f.type == "choice" and not f.options:
                raise DataFileError(f"{path.name}：{place}：选择题需要 options")
            for dep in f.show_when:
                if dep not in keys:
                    raise DataFileError(f"{path.name}：{place}.show_when：没有名为“{dep}”的字段")
    keys = [f.key for f in spec.task_fields]
    if STATUS_KEY not in keys:
        raise DataFileError(f"{path.name}：task_fields：必须包含完成状态字段 status")
    _check_status(
        spec.task_field(STATUS_KEY), f"{path.name}：task_fields[{keys.index(STATUS_KEY)}]"
    )


def _check_status(status: FieldSpec, place: str) -> None:
    """The status options are the words the program files answers under (汇总 counts 已完成 …),
    so each must say which it is: done, ongoing or unfinished — one option each."""
    if status.type != "choice":
        raise DataFileError(f"{place}.type：完成状态字段必须是选择题（choice）")
    wanted = "、".join(STATUS_MEANINGS)
    if set(status.meanings) != set(STATUS_MEANINGS):
        raise DataFileError(
            f"{place}.meanings：须为 {wanted} 三种含义各指定一个选项"
            f"（现有：{'、'.join(status.meanings) or '无'}）"
        )
    words = list(status.meanings.values())
    if sorted(words) != sorted(status.options) or len(set(words)) != len(words):
        raise DataFileError(
            f"{place}.meanings：每个选项（{'、'.join(status.options)}）须恰好对应一种含义"
            f"（现有：{'、'.join(words)}）"
        )
