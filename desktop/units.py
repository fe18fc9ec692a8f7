"""The unit directory: who reports, and which categories of the 要点 each belongs to.

The bundled ``forms/units.json`` is the default; units a user adds or renames are kept in the
data directory (``units.json`` there) and layered on top, so an update of the program never
loses them and the bundled file stays read-only.
"""

from __future__ import annotations

import difflib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop import paths
from desktop.names import normalise
from desktop.schema import DataFileError, load_json, load_validated, validate
from desktop.unitforms import category_form


@dataclass(frozen=True)
class Category:
    name: str
    label: str = ""
    all_units: bool = False
    optional: bool = False
    aliases: tuple[str, ...] = ()
    # Names of these forms (desktop.unitforms) reach this category without being listed.
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    name: str
    categories: tuple[str, ...] = ()
    full_name: str = ""
    title_name: str = ""
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    user_added: bool = False

    @property
    def report_name(self) -> str:
        """Name used in the report title and signature (发文机关)."""
        return self.title_name or self.name

    def to_json(self) -> dict:
        out: dict = {"name": self.name}
        if self.full_name:
            out["full_name"] = self.full_name
        if self.title_name:
            out["title_name"] = self.title_name
        out["kind"] = self.kind
        out["categories"] = list(self.categories)
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.user_added:
            out["user_added"] = True
        return out


KIND_LABELS = {
    "department": "市政府部门",
    "district": "区市县政府",
    "pilot_zone": "先导区管委会",
    "university": "市属高校",
    "party": "市委部门",
    "vertical": "垂直管理部门",
    "other": "其他单位",
}


def from_info(name: str, info: object) -> Unit:
    """A unit as a report describes itself (the exchange payload's ``unit`` and ``unit_info``):
    for readers without the sender's directory, e.g. the composer deciding which figures the
    要点 asks of the unit. Anything malformed is left out, never trusted."""
    info = info if isinstance(info, dict) else {}
    cats = info.get("categories")
    categories = tuple(c for c in cats if isinstance(c, str)) if isinstance(cats, list) else ()
    kind = info.get("kind")
    return Unit(
        name=name.strip() if isinstance(name, str) else "",
        categories=categories,
        kind=kind if kind in KIND_LABELS else "other",
    )


@dataclass
class Directory:
    categories: list[Category]
    units: list[Unit]
    # Entries of the user's layer that were ignored (a category filed as a unit by an older
    # version, a lookalike, a duplicate of a full name): Chinese, to show once.
    notices: list[str] = field(default_factory=list)
    _by_alias: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _by_form: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        """Names → ("category" | "unit", canonical name). Categories first, and a unit never
        takes a category's name: a clause naming 市政府各部门 must reach the category even if a
        damaged user layer holds a "unit" of that name. Full and title names (大连市财政局)
        come last, so they never shadow another unit's short name or alias."""
        self._by_alias = {}
        self._by_form = {}
        index = self._by_alias

        def add(name: str, kind: str, canonical: str) -> None:
            key = normalise(name)
            if key:
                index.setdefault(key, (kind, canonical))

        for c in self.categories:
            add(c.name, "category", c.name)
            for a in c.aliases:
                add(a, "category", c.name)
            for f in c.forms:
                self._by_form.setdefault(f, c.name)
        for u in self.units:
            add(u.name, "unit", u.name)
        for u in self.units:
            for a in u.aliases:
                add(a, "unit", u.name)
        for u in self.units:
            add(u.full_name, "unit", u.name)
            add(u.title_name, "unit", u.name)

    # -- lookup -------------------------------------------------------------------------------
    def unit(self, name: str) -> Unit | None:
        """The unit called *name* (its name, an alias, its full or title name), or None."""
        kind, canonical = self._by_alias.get(normalise(name), ("", ""))
        if kind != "unit":
            return None
        return next((u for u in self.units if u.name == canonical), None)

    def category(self, name: str) -> Category | None:
        """The category *name* stands for: by name or alias, else by the form of the name
        (``各县（市、区）人民政府（管委会）`` → the directory's category of governments); a
        unit's name never reaches a category."""
        kind, canonical = self._by_alias.get(normalise(name), ("", ""))
        if not kind:
            form = category_form(name)
            kind, canonical = "category", (self._by_form.get(form, "") if form else "")
        if kind != "category":
            return None
        return next((c for c in self.categories if c.name == canonical), None)

    def knows(self, name: str) -> bool:
        return normalise(name) in self._by_alias or self.category(name) is not None

    def name_problem(self, name: str, what: str = "单位名称") -> str | None:
        """Why *name* cannot be a new unit's name (Chinese), or None: the shared rules of
        :func:`desktop.names.name_problem`, categories of this directory included."""
        from desktop.names import name_problem

        return name_problem(name, what, directory=self)

    def members(self, category: Category) -> list[Unit]:
        if category.all_units:
            return list(self.units)
        return [u for u in self.units if category.name in u.categories]

    def categories_of(self, unit: Unit) -> list[Category]:
        cats = [c for c in self.categories if c.all_units or c.name in unit.categories]
        return cats

    def closest(self, name: str, n: int = 5) -> list[str]:
        names = [u.name for u in self.units] + [a for u in self.units for a in u.aliases]
        close = difflib.get_close_matches(name, names, n=n, cutoff=0.3)
        contains = [u.name for u in self.units if name and (name in u.name or u.name in name)]
        out: list[str] = []
        for c in contains + close:
            canonical = self._by_alias.get(normalise(c), ("unit", c))[1]
            if canonical not in out:
                out.append(canonical)
        return out[:n]

    def search(self, text: str) -> list[Unit]:
        """Type-to-search: substring of name, full name or alias."""
        text = text.strip()
        if not text:
            return list(self.units)
        return [
            u
            for u in self.units
            if text in u.name or text in u.full_name or any(text in a for a in u.aliases)
        ]

    def category_names(self) -> list[str]:
        return [c.name for c in self.categories if not c.all_units]


def _category(data: dict) -> Category:
    return Category(
        name=data["name"],
        label=data.get("label", ""),
        all_units=data.get("all_units", False),
        optional=data.get("optional", False),
        aliases=tuple(data.get("aliases", ())),
        forms=tuple(data.get("forms", ())),
    )


def _unit(data: dict, user: bool = False) -> Unit:
    return Unit(
        name=data["name"],
        categories=tuple(data.get("categories", ())),
        full_name=data.get("full_name", ""),
        title_name=data.get("title_name", ""),
        kind=data.get("kind", "other"),
        aliases=tuple(data.get("aliases", ())),
        user_added=user or data.get("user_added", False),
    )


def _schema() -> dict:
    return load_json(paths.forms_dir() / "schema" / "units.schema.json")


def bundled_path() -> Path:
    return paths.forms_dir() / "units.json"


def load(bundled: Path | None = None, overlay: Path | None = None) -> Directory:
    """The directory: the bundled file plus the user's additions and renames."""
    bundled = bundled or bundled_path()
    data = load_validated(bundled, paths.forms_dir() / "schema" / "units.schema.json")
    categories = [_category(c) for c in data["categories"]]
    units = [_unit(u) for u in data["units"]]
    _check(categories, units, bundled.name)
    overlay = overlay if overlay is not None else paths.units_override_path()
    notices: list[str] = []
    extra = _load_overlay(overlay, notices) if os.path.lexists(overlay) else None
    if extra is not None:
        bundled_directory = Directory(categories, list(units))  # indexed once, not per unit
        for raw in extra["units"]:
            unit = _unit(raw, user=True)
            problem = _user_unit_problem(unit, raw.get("renamed_from"), bundled_directory)
            if problem:
                notices.append(f"本机单位名录（{overlay}）中的一项已忽略：{problem}")
                continue
            old = raw.get("renamed_from") or unit.name
            units = [u for u in units if u.name not in (old, unit.name)]
            if raw.get("renamed_from") and raw["renamed_from"] not in unit.aliases:
                unit = Unit(**{**unit.__dict__, "aliases": (*unit.aliases, raw["renamed_from"])})
            units.append(unit)
        _check(categories, units, overlay.name)
    return Directory(categories, units, notices)


def _load_overlay(overlay: Path, notices: list[str]) -> dict | None:
    """The user's layer, or None with a notice when it cannot be used.

    A damaged layer (not JSON, nested absurdly deep, failing the schema) is moved aside to
    ``units.damaged-…json`` — kept, never deleted — so the program starts with the bundled
    directory and the clerk can add units again; one that cannot be read right now (locked,
    no permission) is left where it is.
    """
    from desktop.safeio import UnreadableFile

    try:
        return load_validated(overlay, paths.forms_dir() / "schema" / "units.schema.json")
    except DataFileError as exc:
        if isinstance(exc.__cause__, UnreadableFile) and overlay.is_file():
            notices.append(
                f"本机单位名录暂时无法读取（{exc.__cause__.reason}），本次只使用程序自带的名录。"
            )
            return None
        aside = overlay.with_name(f"units.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json")
        try:
            os.replace(overlay, aside)
            kept = f"原文件已移至“{aside.name}”，没有删除"
        except OSError:
            kept = "原文件无法移开，请把它交给技术人员"
        notices.append(
            f"本机单位名录文件已损坏（{exc}），已改用程序自带的名录；{kept}。"
            "自己添加的单位需要重新添加。"
        )
        return None


def _user_unit_problem(unit: Unit, renamed_from: str | None, directory: Directory) -> str | None:
    """Why a unit of the user's layer cannot be used: a category filed as a unit, a lookalike
    name, or another name of a unit already in the directory (大连市财政局 = 市财政局)."""
    problem = directory.name_problem(unit.name)
    if problem:
        return problem
    known = directory.unit(unit.name)
    if known is not None and known.name not in (unit.name, renamed_from):
        return f"“{unit.name}”就是名录中的“{known.name}”（全称或发文机关名称相同），不再重复列出。"
    return None


def _check(categories: list[Category], units: list[Unit], where: str) -> None:
    names = {c.name for c in categories}
    seen: set[str] = set()
    for i, u in enumerate(units):
        if u.name in seen:
            raise DataFileError(f"{where}：units[{i}].name：单位“{u.name}”重复")
        seen.add(u.name)
        for cat in u.categories:
            if cat not in names:
                raise DataFileError(f"{where}：units[{i}].categories：没有名为“{cat}”的类别")


def save_user_unit(
    unit: Unit, renamed_from: str | None = None, overlay: Path | None = None
) -> None:
    """Add (or rename) a unit in the user's layer of the directory; written atomically.

    Raises :class:`desktop.names.InvalidName` when the name cannot be a unit's (a category, a
    lookalike, control characters …), before anything is written.
    """
    from desktop.names import InvalidName, name_problem

    for value, what in (
        (unit.name, "单位简称"),
        (unit.title_name, "发文机关名称"),
        (unit.full_name, "单位全称"),
    ):
        problem = name_problem(value, what, max_length=80, allow_empty=what != "单位简称")
        if problem:
            raise InvalidName(problem)
    overlay = overlay or paths.units_override_path()
    if overlay.is_file():
        data = load_json(overlay)
    else:
        data = {"version": 1, "categories": [], "units": []}
    entry = unit.to_json()
    entry["user_added"] = True
    if renamed_from:
        entry["renamed_from"] = renamed_from
    data["units"] = [u for u in data["units"] if u["name"] not in (unit.name, renamed_from)]
    data["units"].append(entry)
    problems = validate(data, _schema())
    if problems:
        raise DataFileError("；".join(problems[:3]))
    overlay.parent.mkdir(parents=True, exist_ok=True)
    tmp = overlay.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, overlay)
