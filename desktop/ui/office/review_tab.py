"""要点校对与发布: the office checks what was read from a new 要点, corrects it, publishes it.

Left: the 要点 as a tree (基本信息, sections, items, tasks; ⚠ marks a task with warnings or
problems, ✗ one that blocks publishing). Right: the chosen part's editor. Every edit lands in
the draft at once and is saved within a second (``ReviewService.save``: the draft file, and
the corrected 要点 installed for the office's own 汇总). 发布给各单位 writes the next revision
of the publication file after everything blocking is fixed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.catalogue import short_name
from desktop.errors import UserError
from desktop.numerals import cn_number
from desktop.settings import Settings
from desktop.ui import dialogs
from desktop.ui import folders as folder_names
from desktop.ui.folders import Folders
from desktop.ui.office.review_header import HeaderEditor
from desktop.ui.office.review_task import TaskEditor
from desktop.yearly.draft import DraftError, ReviewDraft
from desktop.yearly.review import ReviewService

SOURCE_FILTER = "要点文件 (*.docx *.txt);;所有文件 (*)"
PUBLICATION_FILTER = "要点发布文件 (*.json)"
HEADER = "header"
SAVE_DELAY_MS = 700
EMPTY_TEXT = (
    "还没有要校对的要点。点“导入要点文件…”，选择新的政务公开工作要点（.docx 或 .txt）："
    "程序读出其中的任务和责任分工，在这里逐项核对、改正，然后发布给各单位。"
)


class ReviewTab(QWidget):
    published = Signal(str)  # the publication file written
    saved = Signal()

    def __init__(
        self, service: ReviewService, folders: Folders | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.folders = folders or Folders(Settings())
        self.draft: ReviewDraft | None = None
        self.editor: QWidget | None = None
        self._save_failed = False

        self.choice = QComboBox()
        self.choice.setObjectName("reviewChoice")
        self.choice.setMinimumContentsLength(24)
        self.import_button = QPushButton("导入要点文件…")
        self.publish_button = QPushButton("发布给各单位…")
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("要点"))
        bar.addWidget(self.choice, 1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.publish_button)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("要点结构")
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.area.setWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.area)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self.import_button.clicked.connect(self.import_source)
        self.publish_button.clicked.connect(self.publish)
        self.choice.activated.connect(lambda _i: self.open_draft(self.choice.currentData()))
        self.tree.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.fill_choice()
        if self.choice.count():
            self.open_draft(self.choice.currentData())
        self._enable()

    # -- drafts --------------------------------------------------------------------------------
    def fill_choice(self, select: str | None = None) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for info in self.service.drafts():
            state = f"已发布第{info.revision}版" if info.revision else "未发布"
            self.choice.addItem(info.label if info.broken else f"{info.label}（{state}）", info.id)
        if select is not None:
            self.choice.setCurrentIndex(max(self.choice.findData(select), 0))
        self.choice.blockSignals(False)

    def _enable(self) -> None:
        has = self.draft is not None
        self.publish_button.setEnabled(has)
        self.choice.setVisible(self.choice.count() > 0)

    def open_draft(self, catalogue_id: str | None) -> None:
        if not catalogue_id or (self.draft is not None and self.draft.id == catalogue_id):
            return
        self.save_now()
        try:
            draft = self.service.load(catalogue_id)
        except DraftError as exc:
            dialogs.error(self, "无法打开校对稿", str(exc))
            if self.draft is not None:
                self.fill_choice(self.draft.id)  # the list shows what is open
            return
        self._attach(draft)

    def _attach(self, draft: ReviewDraft, select: str = HEADER) -> None:
        self.draft = draft
        self.rebuild_tree(select)
        self._enable()
        self._show_summary()

    def import_source(self) -> None:
        start = self.folders.start(folder_names.YAODIAN)
        chosen = dialogs.open_paths(self, "选择新的要点文件", start, SOURCE_FILTER)
        if not chosen:
            return
        self.folders.remember(folder_names.YAODIAN, chosen[0])
        from desktop.parser.structure import ParseError, SourceError

        try:
            draft = self.service.import_source(Path(chosen[0]))
        except (SourceError, ParseError, DraftError) as exc:
            dialogs.error(self, "无法导入要点", f"无法导入：{exc}")
            return
        if self.service.exists(draft.id):
            revision = self.service.revision(draft.id)
            state = f"已发布第{revision}版" if revision else "尚未发布"
            choice = dialogs.ask(
                self,
                "已有这份要点的校对稿",
                f"{draft.catalogue.label()}已有校对稿（{state}）。重新导入会用新读出的内容"
                "代替校对稿，之前的修改不再保留（已发布的文件不受影响）。",
                ["打开已有的校对稿", "重新导入"],
            )
            if choice != 1:
                self.fill_choice(draft.id)
                self.open_draft(draft.id)
                return
        self.save_now()
        self.draft = draft
        if not self._save(draft):
            return
        self.fill_choice(draft.id)
        self._attach(draft)

    # -- tree ----------------------------------------------------------------------------------
    def rebuild_tree(self, select: str = HEADER) -> None:
        draft = self.draft
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items: dict[str, QTreeWidgetItem] = {}
        if draft is not None:
            head = QTreeWidgetItem(self.tree, ["基本信息与提示"])
            head.setData(0, Qt.ItemDataRole.UserRole, HEADER)
            self.items[HEADER] = head
            cat = draft.catalogue
            for section in cat.sections:
                s_item = QTreeWidgetItem(self.tree, [f"{cn_number(section.no)}、{section.title}"])
                s_item.setFlags(s_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                for item in section.items:
                    heading = f"（{cn_number(item.no)}）{item.title}"
                    if len(item.tasks) == 1:
                        # An item of one task is that task: one line, not two alike.
                        self._task_node(s_item, item.tasks[0].id, heading)
                        continue
                    i_item = QTreeWidgetItem(s_item, [heading])
                    i_item.setFlags(i_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                    for n, task in enumerate(item.tasks, 1):
                        self._task_node(i_item, task.id, f"之{cn_number(n)} {short_name(task, 24)}")
            self.tree.expandAll()
            self.refresh_marks()
        self.tree.blockSignals(False)
        target = self.items.get(select) if draft is not None else None
        if target is not None:
            self.tree.setCurrentItem(target)
            self.tree.scrollToItem(target)
        self._show(target)

    def _task_node(self, parent: QTreeWidgetItem, task_id: str, label: str) -> None:
        node = QTreeWidgetItem(parent, [label])
        node.setData(0, Qt.ItemDataRole.UserRole, task_id)
        node.setData(0, Qt.ItemDataRole.UserRole + 1, label)
        node.setToolTip(0, self.draft.catalogue.display_name(task_id, 60))
        self.items[task_id] = node

    def refresh_marks(self) -> None:
        draft = self.draft
        if draft is None:
            return
        problems = draft.problems(self.service.directory)
        cat = draft.catalogue
        for task in cat.tasks():
            item = self.items.get(task.id)
            if item is None:
                continue
            mine = [p for p in problems if p.task_id == task.id]
            mark = ""
            if any(p.blocking for p in mine):
                mark = "✗ "
            elif mine or draft.warnings_for(task.id):
                mark = "⚠ "
            item.setText(0, mark + item.data(0, Qt.ItemDataRole.UserRole + 1))
        head = self.items.get(HEADER)
        if head is not None:
            general = draft.warnings_for(None) or draft.unknown_names(self.service.directory)
            head.setText(0, ("⚠ " if general else "") + "基本信息与提示")
        blocking = sum(1 for p in problems if p.blocking)
        self.publish_button.setToolTip(
            f"还有{blocking}处需要改正后才能发布" if blocking else "把校对后的要点写成发布文件"
        )

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _show(self, item: QTreeWidgetItem | None) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if self.draft is None or not key:
            if self.draft is None:
                self._set_editor(None)
            return
        directory = self.service.directory
        if key == HEADER:
            editor: QWidget = HeaderEditor(self.draft, directory)
            editor.names_mapped.connect(self.refresh_marks)
        else:
            editor = TaskEditor(self.draft, directory, key)
            editor.restructured.connect(self.rebuild_tree)
        editor.changed.connect(self._changed)
        self._set_editor(editor)

    def _set_editor(self, editor: QWidget | None) -> None:
        old = self.area.takeWidget()
        if old is not None and old is not self.empty:
            old.deleteLater()
        if editor is None:
            self.empty = QLabel(EMPTY_TEXT)
            self.empty.setWordWrap(True)
            self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
            editor = self.empty
        self.editor = editor
        self.area.setWidget(editor)

    # -- saving --------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.refresh_marks()
        self.status.setText("正在保存…")
        self._save_timer.start()

    def save_now(self) -> bool:
        self._save_timer.stop()
        if self.draft is None:
            return True
        return self._save(self.draft)

    def _save(self, draft: ReviewDraft) -> bool:
        try:
            self.service.save(draft)
        except (UserError, OSError) as exc:
            self.status.setStyleSheet("color:#b3261e;font-weight:bold;")
            self.status.setText(f"保存失败：{exc}")
            if not self._save_failed:
                self._save_failed = True
                dialogs.error(
                    self, "无法保存校对稿", f"{exc}\n\n修改仍在窗口中，排除问题后会再次保存。"
                )
            return False
        from datetime import datetime

        self._save_failed = False
        self.status.setStyleSheet("")
        self.status.setText(f"已保存 {datetime.now():%H:%M:%S}　" + self._counts())
        self.saved.emit()
        return True

    def _counts(self) -> str:
        draft = self.draft
        if draft is None:
            return ""
        problems = draft.problems(self.service.directory)
        blocking = sum(1 for p in problems if p.blocking)
        notes = len(problems) - blocking + len(draft.warnings)
        n_tasks = len(draft.catalogue.task_ids())
        n_figures = sum(len(f) for f in draft.figures.values())
        text = f"{n_tasks}项任务、{n_figures}个填报数据项；"
        text += f"{blocking}处须改正、" if blocking else ""
        return text + f"{notes}条提示待核对"

    def _show_summary(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self._counts())

    # -- publishing ----------------------------------------------------------------------------
    def publish(self) -> None:
        draft = self.draft
        if draft is None:
            return
        self.save_now()
        problems = self.service.check(draft)
        if problems:
            shown = "\n".join(problems[:10]) + (
                f"\n……共{len(problems)}处" if len(problems) > 10 else ""
            )
            dialogs.warn(self, "还不能发布", f"请先改正以下问题（左侧标 ✗ 的任务）：\n{shown}")
            return
        revision = self.service.revision(draft.id) + 1
        text = f"将发布{draft.catalogue.label()}第{revision}版，共{len(draft.catalogue.task_ids())}项任务。"
        changes = self.service.changes_since_published(draft)
        if changes is not None:
            text += "\n与上一版相比：\n" + "\n".join(f"· {line}" for line in changes.lines())
        soft = [p.message for p in draft.problems(self.service.directory) if not p.blocking]
        if soft:
            text += f"\n\n另有{len(soft)}条提示尚未处理，如：{soft[0]}"
        if dialogs.ask(self, "发布要点", text, ["继续", "取消"]) != 0:
            return
        from desktop.yearly import publication as pub_mod

        name = pub_mod.make(draft.catalogue, {}, revision).file_name()
        suggested = self.folders.suggest(folder_names.OFFICE_EXPORT, name)
        path = dialogs.save_path(self, "保存要点发布文件", suggested, PUBLICATION_FILTER)
        if not path:
            return
        self.folders.remember(folder_names.OFFICE_EXPORT, path)
        try:
            done = self.service.publish(draft, Path(path))
        except (UserError, OSError) as exc:
            dialogs.error(self, "发布失败", str(exc))
            return
        self.fill_choice(draft.id)
        self.status.setText(f"已发布第{done.publication.revision}版：{done.path}")
        dialogs.info(
            self,
            "已发布",
            f"已发布{done.publication.label()}，文件：\n{done.path}\n\n请把这个文件发给各单位："
            "在程序开始页点“导入新的要点文件…”选择它，即可按校对后的要点填报。",
        )
        self.published.emit(str(done.path))
