"""The wizard frame for one open report: side panel, pages, Back/Next, save status."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.answers import task_id_of
from desktop.fileio import FileWriteError
from desktop.session import ReportSession
from desktop.settings import Settings
from desktop.ui import dialogs
from desktop.ui.autosave import Autosave
from desktop.ui.context import PageContext
from desktop.ui.final_banner import FinalBanner
from desktop.ui.nav import NavPanel
from desktop.ui.pages.base import Page


class ReportView(QWidget):
    closed = Signal()

    def __init__(
        self, session: ReportSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.autosave = Autosave(
            session, delay_ms=min(settings.get("autosave_delay_ms"), 900), parent=self
        )
        self.ctx = PageContext(session, self.autosave, self.jump)
        self.pages: dict[str, Page] = {}
        self._error_shown = False

        self.nav = NavPanel(session, self)
        self.stack = QStackedWidget(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        if session.read_only:
            banner = QLabel("数据已在另一个窗口中打开，本窗口只能查看，不能修改。", right)
            banner.setStyleSheet("background-color:#fde7e9;color:#8c1d18;padding:6px;")
            right_layout.addWidget(banner)
        self.final_banner = FinalBanner(self.ctx, self._reload_pages, right)
        right_layout.addWidget(self.final_banner)
        right_layout.addWidget(self.stack, 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 4, 12, 8)
        self.save_label = QLabel(self)
        self.save_label.setAccessibleName("保存状态")
        bar.addWidget(self.save_label, 1)
        self.back_button = QPushButton("< 上一步(&B)", self)
        self.next_button = QPushButton("下一步(&N) >", self)
        bar.addWidget(self.back_button)
        bar.addWidget(self.next_button)
        right_layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.nav)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        # The side panel keeps the width the clerk gave it (saved when the report closes);
        # first time, about a quarter of the window, at least room for a task's name and role.
        width = settings.get("nav_width") or max(240, min(340, self.window().width() // 4))
        splitter.setSizes([width, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.nav.page_requested.connect(self.show_page)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self._failed)
        self.autosave.recovered.connect(self._recovered)
        self.ctx.value_changed.connect(self._value_changed)
        self.ctx.status_changed.connect(lambda _s: self.nav.refresh_states())
        self.ctx.parts_changed.connect(self._parts_changed)
        self.save_label.setText("只读" if session.read_only else "所有内容已保存")

        start = session.get_ui_state("last_page", "profile")
        if start not in self.nav.items:
            start = "profile"
        self.show_page(start)
        # Build the other pages while the clerk reads this one, one per idle moment, so that
        # every later switch only shows an existing page.
        self._prebuild = QTimer(self)
        self._prebuild.setInterval(30)
        self._prebuild.timeout.connect(self._build_next)
        self._prebuild.start()

    def _build_next(self) -> None:
        for key in self.nav.order:
            if key not in self.pages:
                self.page(key)
                return
        self._prebuild.stop()

    # -- pages ------------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        page = self.pages.get(key)
        if page is None:
            page = self._build(key)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def _build(self, key: str) -> Page:
        from desktop.ui.pages import simple_pages
        from desktop.ui.pages.export_page import ExportPage
        from desktop.ui.pages.review_page import ReviewPage
        from desktop.ui.pages.scope_page import ScopePage
        from desktop.ui.pages.task_page import TaskPage

        if key == "profile":
            return simple_pages.profile_page(self.ctx)
        if key == "texts":
            return simple_pages.texts_page(self.ctx)
        if key == "scope":
            return ScopePage(self.ctx)
        if key == "review":
            return ReviewPage(self.ctx)
        if key == "export":
            return ExportPage(self.ctx, self.settings)
        task_id = task_id_of(key)
        if task_id is not None:
            return TaskPage(self.ctx, self.session.task(task_id))
        raise KeyError(key)

    def current_key(self) -> str:
        widget = self.stack.currentWidget()
        return widget.key if isinstance(widget, Page) else ""

    def show_page(self, key: str, field: str = "") -> None:
        if key not in self.nav.items:
            return
        previous = self.current_key()
        if previous and previous != key:
            self.autosave.flush_now(seal=True)
        if key == "export" or task_id_of(key) is not None:
            self.session.prefill_figures()
        page = self.page(key)
        if previous != key:
            page.refresh()  # values may have changed elsewhere (prefill, history, another page)
            self.stack.setCurrentWidget(page)
        self.nav.select(key)
        self.back_button.setEnabled(self.nav.neighbour(key, -1) is not None)
        self.next_button.setEnabled(self.nav.neighbour(key, +1) is not None)
        self._chain_tabs(page)
        if field:
            QTimer.singleShot(0, lambda: page.focus_field(field))
        elif previous != key and not self.nav.browsing_by_keyboard():
            # A page opens on its first empty field, so typing never replaces what is there;
            # not while the clerk walks the side panel with the arrow keys.
            QTimer.singleShot(0, lambda: self._focus_start(key))
        if not self.session.read_only:
            self.session.set_ui_state("last_page", key)

    def _focus_start(self, key: str) -> None:
        if self.current_key() == key and not self.nav.browsing_by_keyboard():
            self.pages[key].focus_start()

    def _chain_tabs(self, page: Page) -> None:
        """Tab follows the screen: side panel, the page top to bottom, then Back and Next
        (the buttons exist before any page, so by creation they would come first)."""
        stops = [self.nav.tree, *page.tab_stops(), self.back_button, self.next_button]
        for first, second in zip(stops, stops[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _reload_pages(self) -> None:
        """Values changed under the pages (an undo): reload what is on screen and the marks."""
        current = self.pages.get(self.current_key())
        if current is not None:
            current.refresh()
        self.nav.refresh_states()

    def _parts_changed(self) -> None:
        from desktop.ui.pages.contributions_panel import refresh_all

        refresh_all(self)
        self.nav.refresh_arrivals()

    def jump(self, page: str, field: str = "") -> None:
        self.show_page(page, field)

    def step(self, direction: int) -> None:
        target = self.nav.neighbour(self.current_key(), direction)
        if target:
            self.show_page(target)

    # -- saving -----------------------------------------------------------------------------------
    def _value_changed(self, scope: str, key: str) -> None:
        if task_id_of(scope) is not None:
            if key == "applicable":
                self.nav.rebuild()
                self._prebuild.start()
            else:
                self.nav.refresh_states(scope)
        if scope == "profile":
            self.nav.refresh_states()
        self.save_label.setText("正在保存…")

    def _saved(self, when: str) -> None:
        self.save_label.setStyleSheet("")
        self.save_label.setText(f"已保存 {when}")
        self.nav.refresh_states()

    def _failed(self, message: str) -> None:
        pending = len(self.session.pending)
        self.save_label.setStyleSheet("color:#b3261e;font-weight:bold;")
        self.save_label.setText(f"保存失败：{pending} 处修改暂存在内存中，每 5 秒自动重试")
        if not self._error_shown:
            self._error_shown = True
            dialogs.error(
                self,
                "无法保存",
                f"{message}\n\n您刚才的输入没有丢失：已暂存在内存中，程序会每 5 秒自动重试保存。"
                "请不要关闭程序，先排除上述问题（如清理磁盘空间）。",
            )

    def _recovered(self) -> None:
        self._error_shown = False
        self.save_label.setStyleSheet("")

    def save_now(self) -> bool:
        if self.session.read_only:
            # Nothing can change in a read-only window, so nothing was saved: never "已保存".
            self.save_label.setText("只读窗口：不能修改，无需保存")
            return True
        ok = self.autosave.flush_now(seal=True)
        if ok:
            self.save_label.setText(f"已保存 {self.autosave.last_saved or ''}".strip())
        return ok

    def shutdown(self) -> None:
        """Stop background timers; the view is going away (its store may close next)."""
        self._prebuild.stop()
        self.autosave.stop()
        self.remember_layout()

    def remember_layout(self) -> None:
        width = self.splitter.sizes()[0]
        if width > 0 and width != self.settings.get("nav_width"):
            try:
                self.settings.set("nav_width", width)
            except (FileWriteError, OSError):
                pass  # a remembered width is a convenience, never worth an error box

    def can_close(self) -> bool:
        """Flush; if edits cannot be saved, ask before closing (never drop them silently)."""
        if self.save_now():
            return True
        pending = len(self.session.pending)
        choice = dialogs.ask(
            self,
            "还有内容未保存",
            f"有 {pending} 处修改未能保存到数据库：{self.session.last_error}\n\n"
            "如果现在关闭，这些修改将会丢失。建议先排除问题后点“重试”。",
            ["重试保存", "返回，不关闭", "放弃这些修改并关闭"],
            default=0,
        )
        if choice == 0:
            return self.can_close()
        return choice == 2
