"""The office window: import reports, read the matrix, the per-task view, the missing list,
export the 汇总表 / 汇总报告.

``OfficeWindow(service, parent=None)`` is the entry point the app's start screen opens. It only
calls :class:`desktop.consolidate.service.OfficeService`; imports, consolidation and exports
run off the GUI thread through the app's one helper (:mod:`desktop.ui.worker`), and every
modal question goes through :mod:`desktop.ui.dialogs`, which tests answer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.answers import FINAL
from desktop.consolidate.consolidation import Consolidation
from desktop.consolidate.service import OfficeService
from desktop.errors import UserError
from desktop.settings import Settings
from desktop.ui import crash, dialogs, folders
from desktop.ui.folders import Folders
from desktop.ui.office.panels import LogPanel, MatrixPanel, MissingPanel, TaskPanel
from desktop.ui.office.review_tab import ReviewTab
from desktop.ui.plaintext import plain_label
from desktop.ui.worker import run_in_background
from desktop.yearly.review import ReviewService

# ASCII brackets: Qt reads the patterns only inside "(…)" — with "（…）" no file is listed.
REPORT_FILTER = "报告文件 (*.docx *.json);;Word 报告 (*.docx);;交换文件 (*.json)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
DOCX_FILTER = "Word 文档 (*.docx)"


class _Progress(QObject):
    """Lives on the GUI thread; the import worker emits, the window's slot runs queued."""

    advanced = Signal(int, int, str)


class OfficeWindow(QMainWindow):
    refreshed = Signal()  # a new consolidation is on screen
    import_finished = Signal(object)  # ImportResult
    export_finished = Signal(str)  # path written
    failed = Signal(str)  # the Chinese message shown

    def __init__(
        self,
        service: OfficeService,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.folders = Folders(settings or Settings())
        self.consolidation: Consolidation | None = None
        self._jobs = 0  # background jobs of this window still running
        self._closed = False
        self._progress_relay = _Progress(self)
        self._progress_relay.advanced.connect(self._progress)
        self.setWindowTitle("政务公开工作要点落实情况汇总（市政府办公厅）")
        self._fit_to_screen()

        self.import_files_button = QPushButton("导入报告文件…")
        self.import_folder_button = QPushButton("导入文件夹…")
        self.export_xlsx_button = QPushButton("导出汇总表（Excel）…")
        self.export_docx_button = QPushButton("导出汇总报告（Word）…")
        self.import_files_button.clicked.connect(self.pick_files)
        self.import_folder_button.clicked.connect(self.pick_folder)
        self.export_xlsx_button.clicked.connect(self.export_xlsx)
        self.export_docx_button.clicked.connect(self.export_docx)
        self.heading = plain_label(QLabel("正在读取汇总数据…"))
        self.heading.setObjectName("heading")
        # Shown only when office.db holds reports of more than one 要点 (e.g. 2016 and 2017).
        self.catalogue_choice = QComboBox()
        self.catalogue_choice.setObjectName("catalogueChoice")
        self.catalogue_choice.hide()
        self.catalogue_choice.activated.connect(self._catalogue_chosen)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()

        bar = QHBoxLayout()
        for b in (self.import_files_button, self.import_folder_button):
            bar.addWidget(b)
        bar.addSpacing(16)
        for b in (self.export_xlsx_button, self.export_docx_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.progress)

        self.matrix_panel = MatrixPanel()
        self.task_panel = TaskPanel()
        self.missing_panel = MissingPanel()
        self.log = LogPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.matrix_panel, "汇总矩阵")
        self.tabs.addTab(self.task_panel, "按任务查看")
        self.tabs.addTab(self.missing_panel, "缺报单位")
        self.tabs.addTab(self.log, "导入记录")
        self.review_tab = ReviewTab(ReviewService(service.directory), self.folders)
        self.tabs.addTab(self.review_tab, "要点校对与发布")
        self.matrix_panel.task_chosen.connect(self.show_task)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        head = QHBoxLayout()
        head.addWidget(self.catalogue_choice)
        head.addWidget(self.heading, 1)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("导入各单位报送的 .docx 报告或 .json 交换文件，开始汇总。")
        self.refresh()

    def _fit_to_screen(self) -> None:
        """1280×800 where there is room, never larger than the screen (150% scaling on a
        1366×768 monitor leaves about 900×480 logical pixels): then maximised."""
        screen = self.screen()
        if screen is None:
            self.resize(1280, 800)
            return
        room = screen.availableGeometry()
        self.resize(min(1280, int(room.width() * 0.95)), min(800, int(room.height() * 0.92)))
        if room.width() < 1100 or room.height() < 700:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    # -- background work -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._jobs > 0

    def _run(self, fn, on_success, on_failure) -> None:
        """Run *fn* off the GUI thread; the callbacks run on it, unless the window has gone."""
        self._jobs += 1

        def done(value) -> None:
            self._jobs -= 1
            if not self._closed:
                on_success(value)

        def failed(exc: Exception) -> None:
            self._jobs -= 1
            if not self._closed:
                on_failure(exc)

        run_in_background(fn, done, failed)

    # -- state ---------------------------------------------------------------------------------
    def _busy(self, busy: bool, text: str = "") -> None:
        for b in (
            self.import_files_button,
            self.import_folder_button,
            self.export_xlsx_button,
            self.export_docx_button,
            self.catalogue_choice,
        ):
            b.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.statusBar().showMessage(text)

    def _fail(self, title: str, exc: BaseException) -> None:
        self._busy(False)
        message = crash.describe(exc, title)  # never raw exception text
        self.statusBar().showMessage(message)
        self.log.add([f"{title}：{message}"])
        self.failed.emit(message)
        dialogs.error(self, title, message)

    def refresh(self) -> None:
        """Rebuild the consolidation off the GUI thread, then show it."""
        self._busy(True, "正在汇总…")
        self._run(
            lambda: self.service.consolidation(refresh=True),
            self._show,
            lambda exc: self._fail("无法读取汇总数据", exc),
        )

    def _show(self, c: Consolidation) -> None:
        self._busy(False)
        self.consolidation = c
        self.heading.setText(heading(c))
        self._fill_catalogues(c)
        self.matrix_panel.show_consolidation(c)
        self.task_panel.show_consolidation(c)
        self.missing_panel.show_consolidation(c)
        self.statusBar().showMessage("汇总已更新。")
        notices = self.service.take_notices()
        if notices:
            # office.db was restored from a backup, kept aside, or could not be backed up.
            self.log.add(notices)
            dialogs.warn(self, "汇总数据库", "\n\n".join(notices))
        self.refreshed.emit()

    def _fill_catalogues(self, c: Consolidation) -> None:
        ids = sorted(set(c.catalogue_counts) | {c.catalogue.id})
        self.catalogue_choice.clear()
        for cid in ids:
            name = c.catalogue.label() if cid == c.catalogue.id else catalogue_name(cid)
            self.catalogue_choice.addItem(f"{name}（{c.catalogue_counts.get(cid, 0)}份）", cid)
        self.catalogue_choice.setCurrentIndex(self.catalogue_choice.findData(c.catalogue.id))
        self.catalogue_choice.setVisible(len(ids) > 1)

    def _catalogue_chosen(self, index: int) -> None:
        chosen = self.catalogue_choice.itemData(index)
        if chosen and (self.consolidation is None or chosen != self.consolidation.catalogue.id):
            self.service.set_catalogue(chosen)
            self.refresh()

    # -- import --------------------------------------------------------------------------------
    def pick_files(self) -> None:
        start = self.folders.start(folders.OFFICE_IMPORT)
        files = dialogs.open_paths(
            self, "选择各单位报送的报告文件（可多选）", start, REPORT_FILTER, many=True
        )
        if files:
            self.folders.remember(folders.OFFICE_IMPORT, files[0])
            self.import_paths(files)

    def pick_folder(self) -> None:
        start = self.folders.start(folders.OFFICE_IMPORT)
        folder = dialogs.directory(self, "选择存放各单位报告的文件夹", start)
        if folder:
            self.folders.remember(folders.OFFICE_IMPORT, folder)
            self.import_paths([folder])

    def import_paths(self, items: list[str]) -> None:
        self._busy(True, "正在导入报告…")

        progress = self._progress_relay.advanced.emit  # thread-safe: a queued signal

        def work():
            result = self.service.import_paths(items, progress)
            return result, self.service.consolidation(refresh=True)

        self._run(work, self._imported, lambda exc: self._fail("导入失败", exc))

    def _progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if name:
            self.statusBar().showMessage(f"正在读取 {done + 1}/{total}：{name}")

    def _imported(self, value) -> None:
        result, c = value
        self._show(c)
        drafts = [r for r in result.imported if r.status != FINAL]
        summary = (
            f"导入完成：成功 {len(result.imported)} 份（新增 {len(result.added)}、"
            f"替换 {len(result.replaced)}"
            + (f"，其中草稿 {len(drafts)} 份" if drafts else "")
            + f"），内容未变 {len(result.unchanged)} 份，"
            f"未采用 {len(result.superseded)} 份，未导入 {len(result.rejected)} 份。"
        )
        lines = [summary]
        if drafts:
            named = "、".join(f"{r.unit}（{r.source_name}）" for r in drafts)
            lines.append(
                f"以下报告是草稿，尚未经报送单位审查定稿：{named}。汇总时照常计入，"
                "但在汇总矩阵的“报告”一栏和汇总报告中标明为草稿；可请这些单位报送定稿。"
            )
        self.statusBar().showMessage(summary)
        self.log.add([*lines, *result.messages(), *result.warnings])
        if result.rejected:
            self.tabs.setCurrentWidget(self.log)
        self.import_finished.emit(result)

    # -- views ---------------------------------------------------------------------------------
    def show_task(self, task_id: str) -> None:
        self.task_panel.choose(task_id)
        self.tabs.setCurrentWidget(self.task_panel)

    # -- export --------------------------------------------------------------------------------
    def export_xlsx(self) -> None:
        self._export("导出汇总表", "汇总表.xlsx", XLSX_FILTER, self.service.export_xlsx)

    def export_docx(self) -> None:
        self._export("导出汇总报告", "汇总报告.docx", DOCX_FILTER, self.service.export_docx)

    def _export(self, title: str, name: str, filter: str, write) -> None:
        c = self.consolidation
        if c is not None:
            name = f"{c.catalogue.title}落实情况{name}"  # 2016年政务公开工作要点落实情况汇总表
        suggested = self.folders.suggest(folders.OFFICE_EXPORT, name)
        path = dialogs.save_path(self, title, suggested, filter)
        if not path:
            return
        self.folders.remember(folders.OFFICE_EXPORT, path)
        self._busy(True, f"正在{title}…")

        def done(written: Path) -> None:
            self._busy(False)
            self.statusBar().showMessage(f"已保存：{written}")
            self.log.add([f"{title}：已保存到 {written}"])
            self.export_finished.emit(str(written))

        self._run(lambda: write(path), done, lambda exc: self._fail(f"{title}失败", exc))

    def closeEvent(self, event: QCloseEvent) -> None:
        # A running import finishes its transaction (the pool is waited for); its results are
        # then dropped instead of reaching widgets that are gone.
        self._closed = True
        self.review_tab.save_now()
        if self.busy:
            QThreadPool.globalInstance().waitForDone(30_000)
        super().closeEvent(event)


def heading(c: Consolidation) -> str:
    """One line over the tabs: what is being consolidated and where it stands."""
    label = c.catalogue.label()
    reported = [r for r in c.matrix.rows if r.reported]
    if not reported:
        # Before any import every unit "lags" on every task: say what to do instead.
        return f"{label}　尚未导入任何报告。请点“导入报告文件…”或“导入文件夹…”。"
    drafts = sum(1 for r in reported if r.draft)
    of_which = f"（其中草稿 {drafts} 份）" if drafts else ""
    silent = sum(1 for e in c.missing if e.kind == "no_report")
    return (
        f"{label}　已报送 {len(reported)}/{c.expected_units} 个单位{of_which}　"
        f"未报送 {silent} 个　存在滞后的任务 {len(c.lagging_tallies())} 项"
    )


def catalogue_name(catalogue_id: str) -> str:
    """How a person names a catalogue (its title), never its internal id when avoidable."""
    from desktop import catalogue

    try:
        return catalogue.load(catalogue_id).label()
    except UserError:
        return catalogue_id


def open_office_window(services=None, parent: QWidget | None = None) -> OfficeWindow:
    """Open the office window (a top-level window even with a parent) from the start screen.

    *services* is the app's :class:`desktop.services.Services` (its unit directory is reused,
    so units the user added count as expected) or None. The office keeps its own database,
    ``office.db`` in the data directory; the clerks' store is not touched.
    """
    directory = services.directory() if services is not None else None
    settings = services.settings if services is not None else None
    window = OfficeWindow(OfficeService(directory=directory, settings=settings), parent, settings)
    window.show()
    window.raise_()
    return window
