"""The main window: the start page, or one open report; menus and shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from desktop import APP_NAME, __version__
from desktop.ui import dialogs

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.ui.report_view import ReportView
    from desktop.ui.start_page import StartPage


class MainWindow(QMainWindow):
    """Shown at once; the data (store, catalogue, start page) is attached right after, so a
    clerk on an old PC sees the window while the database is being opened and checked."""

    def __init__(self, services: Services | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.setWindowTitle(APP_NAME)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.loading = QLabel("正在打开数据，请稍候……", self)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        self.start_page: StartPage | None = None
        self.report_view: ReportView | None = None
        self.office_window: QWidget | None = None
        self.help_window: QWidget | None = None
        self._menus()
        self._fit_to_screen()
        if services is not None:
            self.attach(services)

    def _fit_to_screen(self) -> None:
        """1280×820 where there is room; never larger than the screen (150% scaling on a
        1366×768 office monitor leaves about 900×480 logical pixels)."""
        screen = self.screen()
        if screen is None:
            self.resize(1280, 820)
            return
        room = screen.availableGeometry()
        self.resize(min(1280, int(room.width() * 0.95)), min(820, int(room.height() * 0.92)))
        if room.width() < 1100 or room.height() < 700:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def attach(self, services: Services) -> None:
        from desktop.ui.start_page import StartPage

        self.services = services
        self.start_page = StartPage(services, self)
        self.stack.addWidget(self.start_page)
        self.stack.setCurrentWidget(self.start_page)
        self.start_page.open_requested.connect(self.open_report)
        self.start_page.office_requested.connect(self.open_office)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.switch_action = QAction("切换或新建报告(&O)…", self)
        self.switch_action.setShortcut(QKeySequence("Ctrl+O"))
        self.switch_action.triggered.connect(self.show_start)
        self.save_action = QAction("保存(&S)", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        self.export_action = QAction("导出 Word 报告(&E)…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_report)
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        for action in (self.switch_action, self.save_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu("转到(&G)")
        back = QAction("上一页", self)
        back.setShortcut(QKeySequence("Ctrl+PgUp"))
        back.triggered.connect(lambda: self.report_view and self.report_view.step(-1))
        forward = QAction("下一页", self)
        forward.setShortcut(QKeySequence("Ctrl+PgDown"))
        forward.triggered.connect(lambda: self.report_view and self.report_view.step(+1))
        review = QAction("审查定稿", self)
        review.setShortcut(QKeySequence("Ctrl+R"))
        review.triggered.connect(lambda: self.report_view and self.report_view.show_page("review"))
        for action in (back, forward, review):
            go_menu.addAction(action)
        tools_menu = self.menuBar().addMenu("工具(&T)")
        self.export_json_action = QAction("导出交换文件（.json）…", self)
        self.export_json_action.triggered.connect(self.export_exchange)
        import_json = QAction("导入交换文件（.json）…", self)
        import_json.setObjectName("importExchange")
        import_json.triggered.connect(self.import_exchange)
        template = QAction("选择报告 Word 模板…", self)
        template.triggered.connect(
            lambda: self.services and self._tools().choose_template(self, self.services)
        )
        builtin = QAction("恢复内置报告模板", self)
        builtin.triggered.connect(
            lambda: self.services and self._tools().reset_template(self, self.services)
        )
        for action in (self.export_json_action, import_json):
            tools_menu.addAction(action)
        tools_menu.addSeparator()
        self.send_action = QAction("发送给牵头单位…", self)
        self.send_action.triggered.connect(self.send_to_lead)
        self.collect_action = QAction("收集配合单位材料…", self)
        self.collect_action.triggered.connect(self.collect_parts)
        tools_menu.addAction(self.send_action)
        tools_menu.addAction(self.collect_action)
        tools_menu.addSeparator()
        tools_menu.addAction(template)
        tools_menu.addAction(builtin)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self.guide_action = QAction("使用说明(&U)", self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        about = QAction("关于(&A)", self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        self._update_actions()

    def _update_actions(self) -> None:
        open_report = self.report_view is not None
        self.switch_action.setEnabled(self.services is not None)
        self.save_action.setEnabled(open_report)
        self.export_action.setEnabled(open_report)
        self.export_json_action.setEnabled(open_report)
        self.send_action.setEnabled(open_report)
        self.collect_action.setEnabled(open_report)

    # -- switching -----------------------------------------------------------------------------
    def open_report(self, report_id: int) -> bool:
        from desktop.errors import UserError
        from desktop.ui.report_view import ReportView

        if self.report_view is not None and not self.close_report():
            return False
        try:
            session = self.services.open_session(report_id)
        except UserError as exc:
            dialogs.error(self, "无法打开报告", f"无法打开这份报告：{exc}")
            return False
        self.report_view = ReportView(session, self.services.settings, self)
        self.stack.addWidget(self.report_view)
        self.stack.setCurrentWidget(self.report_view)
        self.setWindowTitle(f"{session.unit_name} — {APP_NAME}")
        try:
            self.services.settings.set("last_report_id", report_id)
        except Exception:  # noqa: BLE001 - remembering the last report is a convenience
            pass
        self._update_actions()
        return True

    def close_report(self) -> bool:
        view = self.report_view
        if view is None:
            return True
        if not view.can_close():
            return False
        view.shutdown()
        self.stack.removeWidget(view)
        view.deleteLater()
        self.report_view = None
        self._update_actions()
        return True

    def show_start(self) -> None:
        if self.start_page is None or not self.close_report():
            return
        self.setWindowTitle(APP_NAME)
        self.start_page.refresh()
        self.stack.setCurrentWidget(self.start_page)

    def resume_last(self) -> None:
        """Reopen the report the clerk worked on last, where they left off."""
        if self.services is None:
            return
        last = self.services.settings.get("last_report_id")
        if last and any(r.id == last for r in self.services.store.list_reports()):
            self.open_report(last)

    def open_office(self) -> None:
        from desktop.ui.office.window import open_office_window

        self.office_window = open_office_window(self.services, self)

    @staticmethod
    def _tools():
        from desktop.ui import tools

        return tools

    def export_exchange(self) -> None:
        if self.report_view is not None:
            self.report_view.save_now()
            from desktop.ui.folders import Folders

            folders = Folders(self.services.settings)
            self._tools().export_exchange(self, self.report_view.session, folders)

    def send_to_lead(self) -> None:
        from desktop.ui import lead_tools
        from desktop.ui.folders import Folders

        if self.report_view is not None and self.services is not None:
            self.report_view.save_now()
            folders = Folders(self.services.settings)
            lead_tools.send_to_lead(self, self.report_view.session, folders)

    def collect_parts(self) -> None:
        from desktop.ui import lead_tools
        from desktop.ui.folders import Folders

        view, services = self.report_view, self.services
        if view is not None and services is not None:
            folders = Folders(services.settings)
            lead_tools.collect_parts(self, services, view.ctx, folders)

    def import_exchange(self) -> None:
        if self.services is None or self.services.store.read_only:
            return
        view = self.report_view
        current = view.session.unit_name if view is not None else None
        if view is not None:
            view.save_now()
        done = self._tools().import_exchange(self, self.services, current, self.close_report)
        if self.start_page is not None:
            self.start_page.refresh()  # the imported report is listed there at once
        if done is not None and (done.open_it or self.report_view is None and current):
            self.open_report(done.report_id)
        elif current and self.report_view is None:
            self.show_start()

    def export_report(self) -> None:
        """导出 Word 报告…: the export page, and at once the save step the entry names."""
        view = self.report_view
        if view is None:
            return
        view.show_page("export")
        page = view.pages.get("export")
        if page is not None and page.export_button.isEnabled():
            page.choose_and_export()

    def save(self) -> None:
        if self.report_view is not None:
            self.report_view.save_now()

    def show_guide(self) -> None:
        from desktop.ui.help_window import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()

    def about(self) -> None:
        where = self.services.store.path if self.services else "（尚未打开）"
        dialogs.info(
            self, "关于", f"{APP_NAME} {__version__}\n数据保存位置：{where}\n本程序不使用网络。"
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.report_view is not None:
            if not self.report_view.can_close():
                event.ignore()
                return
            self.report_view.shutdown()
        event.accept()


def show_notices(window: QWidget, notices: list[str]) -> None:
    if notices:
        QTimer.singleShot(0, lambda: dialogs.info(window, "提示", "\n\n".join(notices)))
