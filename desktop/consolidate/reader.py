"""Finding report files and reading one of them, each on its own.

A file is either our ``.docx`` (the payload is read by :func:`desktop.docx_payload.read`, which
treats the archive as hostile: size and ratio limits, no DTDs or entities, nothing fetched) or
an exchange ``.json``. Either way the payload is validated by :mod:`desktop.payload` against the
catalogue it names. A file that cannot be used becomes a :class:`Rejected` with a Chinese
reason and what to do next; it never stops the other files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from desktop import payload as payload_mod
from desktop.consolidate.records import Report, content_hash
from desktop.errors import UserError
from desktop.names import normalise
from desktop.payload_types import Payload
from desktop.safeio import UnreadableFile, check_regular, read_bounded
from desktop.units import Directory, Unit
from desktop.yearly.publication import FORMAT as PUBLICATION_FORMAT

if TYPE_CHECKING:
    from desktop.catalogue import Catalogue
    from desktop.forms import FormSpec

REPORT_SUFFIXES = (".docx", ".json")
# Files a unit might send instead of our export: named in the summary so nobody assumes they
# were counted. Anything else in a folder (images, .txt …) is skipped quietly.
NOT_OURS = {
    ".doc": "是旧版 Word（.doc）文件，不含报告数据",
    ".wps": "是 WPS 文字（.wps）文件，不含报告数据",
    ".pdf": "是 PDF 文件，不含报告数据",
    ".xlsx": "是 Excel 文件，不是报告",
    ".xls": "是 Excel 文件，不是报告",
}
ASK_AGAIN = "请让该单位用本程序重新导出 .docx 报告或交换文件（.json）后再导入。"
MAX_SHOWN_PROBLEMS = 3


@dataclass
class Rejected:
    """A file that was not imported: ``reason`` says why, ``hint`` what to do next."""

    name: str
    path: str
    reason: str
    hint: str = ""
    problems: list[str] = field(default_factory=list)

    def message(self) -> str:
        # A reason closing on a bracket ("…（文件可能已损坏）") is not a finished sentence.
        reason = self.reason if self.reason.endswith(("。", "！", "？")) else self.reason + "。"
        return f"{self.name}：{reason}{self.hint}"


class RejectedFile(UserError):
    def __init__(self, rejected: Rejected) -> None:
        super().__init__(rejected.message())
        self.rejected = rejected


def discover(items: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Rejected]]:
    """Report files under *items* (files and folders, folders searched recursively).

    Returns the files in a stable order (as given; inside a folder sorted by path) and a
    :class:`Rejected` for each given path that is missing or is clearly not a report.
    """
    files: list[Path] = []
    rejected: list[Rejected] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for item in items:
        path = Path(item)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if not found.is_file() or _ignored_name(found.name):
                    continue
                suffix = found.suffix.lower()
                if suffix in REPORT_SUFFIXES:
                    add(found)
                elif suffix in NOT_OURS:
                    rejected.append(_not_ours(found))
        elif path.is_file():
            suffix = path.suffix.lower()
            if suffix in REPORT_SUFFIXES:
                add(path)
            elif suffix in NOT_OURS:
                rejected.append(_not_ours(path))
            else:
                rejected.append(
                    Rejected(path.name, str(path), "不是 .docx 或 .json 文件，不是报告", ASK_AGAIN)
                )
        else:
            rejected.append(_unusable(path))
    return files, rejected


def _unusable(path: Path) -> Rejected:
    """A given path that is neither a folder nor a file: missing, or a device or pipe
    (``/dev/zero``) — said as such, never as "not found" when it is there."""
    try:
        check_regular(path, "报告文件")
        reason = "找不到该文件或文件夹。请检查路径。"  # gone between the two looks
    except UnreadableFile as exc:
        reason = exc.reason
    return Rejected(path.name or str(path), str(path), reason.rstrip("。"), "")


def _ignored_name(name: str) -> bool:
    # Word's lock files (~$报告.docx) and hidden files are never reports.
    return name.startswith(("~$", "."))


def _not_ours(path: Path) -> Rejected:
    return Rejected(path.name, str(path), NOT_OURS[path.suffix.lower()], ASK_AGAIN)


class CatalogueUnavailable(UserError, LookupError):
    """The reports' 要点 is not on this PC, or its form file is broken (Chinese reason)."""


class Catalogues(Protocol):
    """Where :func:`read_file` finds the catalogue and form a report names."""

    def get(self, catalogue_id: str, title: str = "") -> tuple[Catalogue, FormSpec]:
        """(Catalogue, FormSpec), or :class:`CatalogueUnavailable` with a Chinese reason."""
        ...


class CatalogueCache:
    """Catalogue and form per catalogue id, loaded once per import (``desktop.catalogue.load``);
    the forms checked against *directory*, the unit directory the reports are read with."""

    def __init__(self, directory: Directory) -> None:
        self._directory = directory
        self._cache: dict[str, tuple[Catalogue, FormSpec] | str] = {}

    def get(self, catalogue_id: str, title: str = "") -> tuple[Catalogue, FormSpec]:
        """(Catalogue, FormSpec), or :class:`CatalogueUnavailable` with a Chinese reason."""
        if catalogue_id not in self._cache:
            from desktop import catalogue as cat_mod
            from desktop import forms
            from desktop.schema import DataFileError

            try:
                catalogue = cat_mod.load(catalogue_id)
                self._cache[catalogue_id] = (
                    catalogue,
                    forms.load(catalogue, directory=self._directory),
                )
            except cat_mod.CatalogueError:
                named = f"《{title}》（{catalogue_id}）" if title else f"“{catalogue_id}”"
                self._cache[catalogue_id] = f"报告属于要点{named}，本机没有这份要点目录，无法核对"
            except DataFileError as exc:
                self._cache[catalogue_id] = f"要点“{catalogue_id}”的填报字段文件有误：{exc}"
        value = self._cache[catalogue_id]
        if isinstance(value, str):
            raise CatalogueUnavailable(value)
        return value


def resolve_unit(directory: Directory, name: str) -> Unit | None:
    """The directory's unit for a payload's unit name (name, alias, full or title name)."""
    return directory.unit(name)


def read_file(path: Path, catalogues: Catalogues, directory: Directory) -> Report:
    """Read and validate one report file. Raises :class:`RejectedFile`."""
    name = path.name
    suffix = path.suffix.lower()
    try:
        stat = check_regular(path, "报告文件")
    except UnreadableFile as exc:
        raise _reject(path, exc.reason) from exc
    text: str | bytes  # the payload's JSON: decoded by docx_payload, raw bytes from a .json
    if suffix == ".docx":
        from desktop.docx_payload import DocxPayloadError, read

        try:
            text = read(path, name)
        except DocxPayloadError as exc:
            message = str(exc).removeprefix(f"{name}：")
            hint = "" if "请" in message else "请让该单位重新发送文件，或提供交换文件（.json）。"
            raise _reject(path, message, hint) from exc
        kind = "docx"
    else:
        try:
            text = read_bounded(path, payload_mod.MAX_PAYLOAD_BYTES, "报告数据文件")
        except UnreadableFile as exc:
            raise _reject(path, exc.reason, ASK_AGAIN) from exc
        kind = "json"
    try:
        data = payload_mod.parse(text)
    except payload_mod.PayloadError as exc:
        raise _reject(path, exc.problems[0], ASK_AGAIN, exc.problems) from exc
    if isinstance(data, dict) and data.get("format") == PUBLICATION_FORMAT:
        raise _reject(
            path,
            "这是市政府办公厅发布的要点文件，不是单位的报告，汇总不计入",
            "要点发布文件是发给各单位导入的；汇总只导入各单位报送的报告。",
        )
    header = payload_mod.check_header(data)
    if header:
        hint = "" if "升级" in header[0] else ASK_AGAIN
        raise _reject(path, header[0], hint, header)
    cat_ref = data.get("catalogue")
    if not isinstance(cat_ref, dict) or not isinstance(cat_ref.get("id"), str):
        raise _reject(path, "报告数据缺少要点目录编号", ASK_AGAIN)
    title = str(cat_ref["title"]) if isinstance(cat_ref.get("title"), str) else ""
    try:
        catalogue, form = catalogues.get(cat_ref["id"], title)
    except CatalogueUnavailable as exc:
        raise _reject(
            path,
            str(exc),
            "如需汇总该年度的报告，请先导入该年度的要点目录；否则请确认该单位填报的要点是否正确。",
        ) from exc
    problems = payload_mod.validate(data, catalogue, form, directory)
    if problems:
        shown = "；".join(problems[:MAX_SHOWN_PROBLEMS])
        more = f"（另有{len(problems) - MAX_SHOWN_PROBLEMS}处问题）" if len(problems) > 3 else ""
        raise _reject(
            path,
            f"报告数据有误：{shown}{more}",
            "" if "请" in shown else "请让该单位在程序中检查后重新导出。",
            problems,
        )
    canonical_text = payload_mod.dumps(data)
    # The unit's name keys the office's records: a lookalike or a category (市政府各部门)
    # must never become a row of its own.
    problem = directory.name_problem(data["unit"], "填报单位名称")
    if problem:
        raise _reject(
            path, f"报告数据有误：{problem}", "请让该单位在程序中检查单位名称后重新导出。"
        )
    claimed = normalise(data["unit"])
    unit = resolve_unit(directory, claimed)
    report = Report(
        catalogue_id=catalogue.id,
        unit=unit.name if unit else claimed,
        data=cast(Payload, data),  # validated above
        source_name=name,
        source_path=str(path),
        source_kind=kind,
        source_mtime=stat.st_mtime,
        sha256=content_hash(canonical_text),
        known_unit=unit is not None,
    )
    if unit is None:
        cats = "、".join(report.unit_categories()) or "无"
        report.warnings.append(
            f"{name}：单位“{report.unit}”不在单位名录中，已按报告自带的类别（{cats}）归类。"
            "如是新单位，可在单位名录中添加。"
        )
    return report


def _reject(path: Path, reason: str, hint: str = "", problems: list[str] | None = None):
    return RejectedFile(Rejected(path.name, str(path), reason, hint, problems or [reason]))
