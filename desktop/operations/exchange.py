"""Exchange files (``answers export`` / ``answers import``; 工具 → 导出/导入交换文件).

Import is two calls so the window can ask between them: :func:`read_exchange_file` reads and
checks what the file is (nothing written), :func:`import_report` writes it all or nothing. The
command checks the file with :func:`check_exchange_file` before it opens the data at all: a
file that cannot be imported leaves a PC without data as it was (no empty answers.db).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from desktop import catalogue as catalogue_mod
from desktop import payload
from desktop.catalogue import Catalogue, CatalogueError
from desktop.fileio import atomic_write
from desktop.forms import FormSpec
from desktop.names import normalise
from desktop.payload import PayloadError
from desktop.payload_types import Payload
from desktop.safeio import UnreadableFile, read_bounded
from desktop.services import Library, Services
from desktop.store import StoreError
from desktop.store.exchange import ImportResult, apply_payload, contribution_refusal, orphan_tasks
from desktop.units import Directory

__all__ = [
    "IncomingReport",
    "UnreadableFile",
    "WrittenExchange",
    "check_can_import",
    "check_exchange_file",
    "default_name",
    "import_report",
    "read_exchange_file",
    "write_exchange",
]


@dataclass
class IncomingReport:
    """An exchange file read and checked far enough to ask the clerk about it."""

    path: Path
    data: Payload  # validated
    catalogue: Catalogue
    form: FormSpec
    directory: Directory
    unit: str
    # This PC's report of the unit, which the import replaces (looked up by read_exchange_file;
    # None also after check_exchange_file, which opens no database).
    existing_report: int | None = None
    notices: list[str] = field(default_factory=list)  # for the clerk, nothing wrong


def read_exchange_file(path: Path, services: Services) -> IncomingReport:
    """:func:`check_exchange_file`, and which report of this PC the import would replace."""
    incoming = check_exchange_file(path, services)
    incoming.existing_report = services.store.find_report(incoming.unit, incoming.catalogue.id)
    return incoming


def check_exchange_file(path: Path, library: Library) -> IncomingReport:
    """Read *path* as one unit's report (bounded: a regular file of at most
    :data:`desktop.payload.MAX_PAYLOAD_BYTES`). Raises :class:`UnreadableFile`, :class:`PayloadError`
    (every problem found so far, one line each) or another :class:`UserError`; writes nothing
    and opens no database.

    A file for a 要点 this PC does not have is refused with that reason; a contribution (a part
    sent to a lead unit) is refused as not being a report. The full validation runs again in
    :func:`import_report`, inside the transaction.
    """
    path = Path(path)
    data = payload.parse(read_bounded(path, payload.MAX_PAYLOAD_BYTES, "交换文件"))
    problems = payload.check_header(data)
    if problems:
        raise PayloadError(problems)
    block = payload.contribution_of(data)
    if block is not None:
        raise PayloadError([contribution_refusal(str(data.get("unit", "")), block)])
    catalogue = _catalogue_of(data, library)
    form = library.form(catalogue)
    directory = library.directory()
    problems = payload.validate(data, catalogue, form, directory)
    if problems:
        raise PayloadError(problems)
    checked = cast(Payload, data)  # validated above
    known = directory.unit(checked["unit"])
    name = known.name if known is not None else normalise(checked["unit"])
    return IncomingReport(
        path, checked, catalogue, form, directory, name, notices=list(directory.notices)
    )


def _catalogue_of(data: Mapping[str, Any], library: Library) -> Catalogue:
    ref = data.get("catalogue")
    wanted = ref.get("id") if isinstance(ref, dict) else None
    if not isinstance(wanted, str) or not wanted:
        raise PayloadError(["要点：缺少要点目录编号，不是本程序导出的完整报告数据"])
    try:
        return library.catalogue(wanted)
    except CatalogueError:
        if wanted in catalogue_mod.available():
            raise  # installed but unusable: its own message names the file
    title = ref.get("title") if isinstance(ref.get("title"), str) else ""  # type: ignore[union-attr]
    named = f"《{title}》（{wanted}）" if title else f"“{wanted}”"
    raise PayloadError(
        [
            f"要点：报告属于要点{named}，本机没有这份要点。"
            "请先在开始页用“导入新的要点文件”导入该要点，再导入报告。"
        ]
    )


def check_can_import(services: Services) -> None:
    """Raises :class:`StoreError` when this store cannot take an import (another window holds
    the data): ask before reading a file the clerk then cannot import anyway."""
    if services.store.read_only:
        raise StoreError(
            "数据已在另一个窗口中打开，这里不能导入。请关闭那个窗口后再导入，"
            "或在那个窗口中用“工具 → 导入交换文件”导入。",
            "locked",
        )


def import_report(incoming: IncomingReport, services: Services) -> ImportResult:
    """Write the report of *incoming* into the store, all or nothing; the unit directory is
    reloaded when the import added a unit. Raises :class:`PayloadError` or
    :class:`StoreError` (nothing written)."""
    check_can_import(services)
    result = apply_payload(
        services.store, incoming.data, incoming.catalogue, incoming.form, incoming.directory
    )
    if result.notices:
        services.reload_directory()
    return result


@dataclass
class WrittenExchange:
    path: Path
    answers: int  # tasks in the file
    filled: int  # of which have a status or a not-applicable decision
    orphans: list[str]  # tasks carried though the directory no longer assigns them
    problems: list[str]  # what an import would refuse (the file is written all the same)


def default_name(data: Payload) -> str:
    name = data.get("profile", {}).get("issuer_name") or data.get("unit") or "报告"
    return f"{name}-落实情况数据.json"


def write_exchange(
    data: Payload, target: Path, catalogue: Catalogue, form: FormSpec
) -> WrittenExchange:
    """Write the exchange document *data* (from :meth:`ReportSession.payload` or
    :func:`desktop.store.exchange.export_payload`) to the file *target*, all-or-nothing. Only
    a regular file is written (:func:`desktop.fileio.check_target`: not a folder, a device, or
    into a missing folder). Raises :class:`desktop.fileio.FileWriteError`."""
    from desktop.answers import counts_as_answered

    path = Path(target)
    atomic_write(path, payload.dumps(data).encode("utf-8"), "交换文件")
    answers = data.get("answers", {})
    return WrittenExchange(
        path,
        len(answers),
        sum(1 for a in answers.values() if counts_as_answered(a)),
        orphan_tasks(data),
        payload.validate(data, catalogue, form),
    )
