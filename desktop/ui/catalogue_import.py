"""Import next year's 要点 from the wizard's start page: the office's publication (.json),
or the notice itself (.docx/.txt) parsed here. Shows what was found, asks, installs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.applicability import unknown_units
from desktop.errors import UserError
from desktop.services import Services
from desktop.ui import dialogs
from desktop.ui.folders import YAODIAN, Folders

# ASCII brackets: Qt reads the patterns only inside "(…)" — with "（…）" no file is listed.
FILTERS = (
    "要点文件 (*.json *.docx *.txt);;市政府办公厅发布的要点 (*.json);;"
    "要点原文 (*.docx *.txt);;所有文件 (*)"
)


def import_catalogue_interactively(parent: QWidget, services: Services) -> str | None:
    """Ask for a file, read it, confirm, install. Returns the catalogue id or None."""
    folders = Folders(services.settings)
    chosen = dialogs.open_paths(parent, "选择要点文件", folders.start(YAODIAN), FILTERS)
    if not chosen:
        return None
    folders.remember(YAODIAN, chosen[0])
    path = Path(chosen[0])
    if path.suffix.lower() == ".json":
        return import_publication(parent, services, path)
    return import_source(parent, services, path)


def import_publication(parent: QWidget, services: Services, path: Path) -> str | None:
    """The 要点 as 市政府办公厅 published it; a newer version replaces an older one."""
    from desktop.yearly import installing
    from desktop.yearly import publication as pub_mod

    title = "导入要点"
    try:
        pub = pub_mod.read(path)
        plan = installing.plan(pub, lambda cid: _reports_on(services, cid), services.directory())
    except pub_mod.PublicationError as exc:
        dialogs.error(parent, "无法导入要点", str(exc))
        return None
    if not plan.can_install:
        dialogs.info(parent, title, plan.message())
        return pub.id if plan.state == installing.SAME else None
    store = services.store
    moving = plan.changes is not None and (plan.changes.moved or plan.changes.removed_ids)
    if store.read_only and plan.reports and moving:
        dialogs.warn(
            parent, title, "数据已在另一个窗口中打开，不能调整已填写的报告。请在那个窗口中导入。"
        )
        return None
    if dialogs.ask(parent, title, plan.message() + "\n\n是否导入？", ["导入", "取消"]) != 0:
        return None
    try:
        installing.install(plan, None if store.read_only else store)
    except (UserError, OSError) as exc:  # a file not written, answers not moved
        dialogs.error(parent, "无法导入要点", f"没有导入，本机原有的要点未改变：{exc}")
        return None
    services.reload_catalogue(pub.id)
    return pub.id


def _reports_on(services: Services, catalogue_id: str) -> int:
    return sum(1 for r in services.store.list_reports() if r.catalogue_id == catalogue_id)


def import_source(parent: QWidget, services: Services, path: Path) -> str | None:
    """A notice (.docx/.txt) parsed on this PC; figures suggested from its requirements."""
    from desktop.parser.structure import ParseError, SourceError, parse_file
    from desktop.yearly.installing import install_parsed

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
        install_parsed(result, services.directory())
    except (UserError, OSError) as exc:
        dialogs.error(parent, "无法导入要点", str(exc))
        return None
    services.reload_catalogue(cat.id)
    return cat.id
