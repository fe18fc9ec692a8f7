"""Import next year's 要点 from the wizard: parse, show what was found, install."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop import catalogue as catalogue_mod
from desktop.applicability import unknown_units
from desktop.fileio import FileWriteError
from desktop.services import Services
from desktop.ui import dialogs
from desktop.ui.folders import YAODIAN, Folders


def import_catalogue_interactively(parent: QWidget, services: Services) -> str | None:
    """Ask for a file, parse it, confirm, install. Returns the new catalogue id or None."""
    from desktop.parser.structure import ParseError, SourceError, parse_file

    folders = Folders(services.settings)
    chosen = dialogs.open_paths(
        parent, "选择要点文件", folders.start(YAODIAN), "要点文件 (*.docx *.txt);;所有文件 (*)"
    )
    if not chosen:
        return None
    folders.remember(YAODIAN, chosen[0])
    path = Path(chosen[0])
    try:
        result = parse_file(path)
    except (SourceError, ParseError) as exc:
        dialogs.error(parent, "无法导入要点", f"无法导入：{exc}")
        return None
    cat = result.catalogue
    notes = [str(w) for w in result.warnings]
    notes += [
        f"{cat.ref(t)}中的单位“{u}”不在单位名录中"
        for t, u in unknown_units(cat, services.directory())
    ]
    n_items = sum(len(s.items) for s in cat.sections)
    text = (
        f"《{cat.title}》（{cat.doc_number or '未识别文号'}）\n"
        f"识别出 {len(cat.sections)} 部分、{n_items} 条、{len(cat.task_ids())} 项任务；"
        f"报送：{cat.report_to or '未识别'}，截止：{cat.deadline or '未识别'}。"
    )
    if notes:
        shown = "\n".join(notes[:12]) + (
            f"\n……另有 {len(notes) - 12} 条" if len(notes) > 12 else ""
        )
        text += f"\n\n请核对以下提示：\n{shown}"
    if dialogs.ask(parent, "导入要点", text + "\n\n是否导入并用于填报？", ["导入", "取消"]) != 0:
        return None
    try:
        catalogue_mod.install(cat)
    except FileWriteError as exc:
        dialogs.error(parent, "无法导入要点", str(exc))
        return None
    return cat.id
